"""Live preview for content authors: a local web server that shows each booklet and
handout page by page as it will print, rebuilds when a content, template or style file
changes, and reloads the open page by itself.

The pages are pictures of the very PDF the build writes (the screen variant), with each
page's text beside it for search and screen readers. A content error never stops the
server: every page shows the error lines until the file is fixed.

Trust boundaries: every request is input, even on the loopback address, since any web
page the author opens can make the browser send one. Only requests addressed to this
server by name (its Host, and its Origin when sent) are answered, only GET and HEAD, and
only files the manifest lists that are PDFs inside the output folder. The manifest is a
file on disk and is checked again here.
"""

from __future__ import annotations

import dataclasses
import errno
import html
import json
import re
import sys
import threading
import traceback
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from booklet import paths, pdfium
from booklet.build import Request, build_with_report
from booklet.editions import GENERIC
from booklet.errors import BookletError
from booklet.write import Output, read_manifest

#: Seconds between two looks of an open page at the state of the build.
POLL_SECONDS = 1
#: The width of a page picture, in pixels.
PAGE_WIDTH = 620
#: Seconds a connection may stay silent before it is closed: each one holds a thread.
IDLE_SECONDS = 10
#: Connections answered at once; one more is closed unanswered (a browser opens six).
MOST_CONNECTIONS = 32
#: The longest request path answered, in characters.
LONGEST_PATH = 2048
#: The methods answered; any other gets 405.
METHODS = ("GET", "HEAD")
#: A page picture's name: its number from 1, in ASCII digits, without sign or leading zero.
PAGE_NAME = re.compile(r"([1-9][0-9]{0,5})\.png")
#: What a connection the browser dropped raises: nothing to report.
DISCONNECTS = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError)
PLAIN = "text/plain; charset=utf-8"
HTML = "text/html; charset=utf-8"


class PreviewError(BookletError):
    """The preview cannot start: its port cannot be had, or its folders overlap."""


class NotFound(Exception):
    """The request names nothing this server serves."""


class Preview:
    """The state shared by the server and the builder: the outputs, the errors, a version."""

    def __init__(self, request: Request):
        refuse_overlapping_folders(request)
        self.request = dataclasses.replace(request, variants=("screen",))
        self.lock = threading.Lock()
        self.version = 0
        self.errors: list[str] = []
        self.outputs: list[Output] = []
        self.names: dict[str, str] = {}
        self.stopping = threading.Event()

    def rebuild(self) -> None:
        """Build what changed; keep the error lines if the content is wrong."""
        try:
            report = build_with_report(self.request, stop_on_problems=False)
            errors = [problem for preflight in report.preflights
                      for problem in preflight.problems]
            outputs = read_manifest(self.request.out)
            names = self.audience_names()
        except BookletError as error:
            errors, outputs, names = error.lines(), self.outputs, self.names
        except Exception:  # A bug must not stop the server either; show it.
            errors, outputs, names = bug_lines(), self.outputs, self.names
        with self.lock:
            self.errors, self.outputs, self.names = errors, outputs, names
            self.version += 1

    def show_errors(self, errors: list[str]) -> None:
        """Put error lines on every page, keeping the outputs."""
        with self.lock:
            self.errors = errors
            self.version += 1

    def audience_names(self) -> dict[str, str]:
        """Return the audiences' names by id."""
        from booklet.load import load

        return {audience.id: audience.name for audience in load(self.request.content).audiences}

    def watch(self) -> None:
        """Rebuild whenever a file of the content, templates, styles or assets changes,
        until `stopping` is set; never on a change under the output folder."""
        import watchfiles

        sources_only = source_filter(self.request.out)
        while not self.stopping.is_set():
            folders = [folder for folder in watched_folders(self.request).values()
                       if folder.exists()]
            try:
                for _ in watchfiles.watch(*folders, watch_filter=sources_only,
                                          stop_event=self.stopping, debounce=300, step=100):
                    self.rebuild()
            except Exception:  # Watching failed (a folder went away?): show it, look again.
                self.show_errors(bug_lines())
                self.stopping.wait(1)

    def state(self) -> dict:
        """Return what an open page polls: the version and the errors."""
        with self.lock:
            return {"version": self.version, "errors": list(self.errors)}


def bug_lines() -> list[str]:
    """Print the exception being handled, a bug, and return its traceback as lines."""
    traceback.print_exc()
    return traceback.format_exc().splitlines()


def watched_folders(request: Request) -> dict[str, Path]:
    """Return the folders whose changes rebuild the preview, by what they hold."""
    return {"content": request.content, "templates": paths.TEMPLATES, "styles": paths.STYLES,
            "assets": paths.ASSETS}


def refuse_overlapping_folders(request: Request) -> None:
    """Raise `PreviewError` when the output folder is inside a watched folder or holds one:
    the preview would see its own writes and rebuild forever, or mix them with the
    sources."""
    out = request.out.resolve()
    for name, folder in watched_folders(request).items():
        shown = (f"--content {request.content}" if name == "content"
                 else f"the {name} folder {folder}")
        if out.is_relative_to(folder.resolve()):
            raise PreviewError(f"--out {request.out} is inside {shown}: the preview would rebuild "
                               "on its own writes; choose an --out outside it")
        if folder.resolve().is_relative_to(out):
            raise PreviewError(f"{shown} is inside --out {request.out}: the output folder must "
                               "not hold the sources; choose an --out outside it")


def source_filter(out: Path) -> Callable[[object, str], bool]:
    """Return a watch filter that passes changes to source files (not editors' swap files
    and the like) and nothing under `out`, where a change is the build's own write."""
    import watchfiles

    usual = watchfiles.DefaultFilter()
    out = out.resolve()

    def is_source(change: object, path: str) -> bool:
        return usual(change, path) and not Path(path).resolve().is_relative_to(out)

    return is_source


def served_pdf(out: Path, relative: str) -> Path:
    """Return the file a manifest path names, resolved; raise `NotFound` unless it is a
    regular .pdf file inside the output folder."""
    folder = out.resolve()
    try:
        pdf = (folder / relative).resolve()
        if pdf.is_relative_to(folder) and pdf.suffix == ".pdf" and pdf.is_file():
            return pdf
    except (OSError, ValueError, RuntimeError):  # RuntimeError: a symbolic link loop.
        pass
    raise NotFound(relative)


POLLING = """
<script>
  let seen = %d;
  async function look() {
    try {
      const state = await (await fetch("/state", {cache: "no-store"})).json();
      if (state.version !== seen) { location.reload(); return; }
    } catch (error) {}
    setTimeout(look, %d);
  }
  setTimeout(look, %d);
</script>
"""


def page(title: str, body: str, version: int) -> bytes:
    """Return a whole HTML page that reloads itself when the build changes."""
    milliseconds = POLL_SECONDS * 1000
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>
  body {{ font-family: "Noto Sans", sans-serif; margin: 1.5rem; background: #e8e8e8; }}
  .errors {{ background: #fff0f0; border: 2px solid #b00020; padding: 1rem; }}
  .errors pre {{ white-space: pre-wrap; margin: 0; }}
  .pages {{ display: flex; flex-wrap: wrap; gap: 1rem; }}
  figure {{ margin: 0; background: white; box-shadow: 0 1px 4px #0004; }}
  figure img {{ display: block; width: {PAGE_WIDTH // 2}px; }}
  figcaption {{ font-size: 0.8rem; padding: 0.3rem; }}
  .text {{ position: absolute; left: -10000px; }}
</style></head>
<body>{body}{POLLING % (version, milliseconds, milliseconds)}</body></html>""".encode()


def edition_label(output: Output) -> str:
    """Return what a preview's link says of its output's edition: nothing for the generic
    one, the country edition's id otherwise."""
    return "" if output.edition == GENERIC else f"{output.edition}, "


def errors_block(errors: list[str]) -> str:
    """Return the error lines to show instead of, or above, the pages."""
    if not errors:
        return ""
    lines = html.escape("\n".join(errors))
    return (f'<div class="errors" id="errors"><h2>The content has problems</h2>'
            f'<pre>{lines}</pre><p>Fix the file and save it: this page will come back '
            f'by itself.</p></div>')


@dataclasses.dataclass(frozen=True)
class Response:
    """What to send back to one request."""

    status: int
    content_type: str
    body: bytes
    #: Headers besides the usual ones, as (name, value).
    headers: tuple[tuple[str, str], ...] = ()


def plain(status: int, text: str, headers: tuple[tuple[str, str], ...] = ()) -> Response:
    """Return a response of one line of plain text."""
    return Response(status, PLAIN, f"{text}\n".encode(), headers)


NOT_FOUND = plain(404, "not found")


def allowed_hosts(port: int) -> set[str]:
    """Return the Host headers of requests addressed to this server, in lower case."""
    names = ("127.0.0.1", "localhost", "[::1]")
    return {f"{name}:{port}" for name in names} | (set(names) if port == 80 else set())


class Handler(BaseHTTPRequestHandler):
    """Serve the front page, the previews, page pictures, PDFs and the state; refuse,
    with a 4xx and one line of text, every request that is not for them."""

    server: PreviewServer
    #: A request without a version still gets a status line and headers (no HTTP/0.9).
    default_request_version = "HTTP/1.0"

    @property
    def preview(self) -> Preview:
        """Return the state of the build this server shows."""
        return self.server.preview

    @property
    def timeout(self) -> float:
        """Return the seconds of silence after which the connection is closed (read by
        `StreamRequestHandler.setup`)."""
        return self.server.idle_seconds

    def parse_request(self) -> bool:
        """Read the request line and headers; answer at once a request not to be served."""
        if not super().parse_request():
            return False
        refusal = self.refusal()
        if refusal:
            self.close_connection = True
            self.reply(refusal)
            return False
        return True

    def refusal(self) -> Response | None:
        """Return the answer to a request that is not to be served, or None."""
        headers = getattr(self, "headers", None)  # None in an HTTP/0.9 request.
        hosts = [host.lower() for host in headers.get_all("Host", [])] if headers else []
        if len(hosts) != 1 or hosts[0] not in self.server.hosts:
            # A page of another site, its name pointed at 127.0.0.1 (DNS rebinding).
            return plain(403, "forbidden: this preview answers only requests to "
                              f"http://127.0.0.1:{self.server.port}/")
        origin = headers.get("Origin")
        if origin is not None and origin.lower() not in {f"http://{host}"
                                                          for host in self.server.hosts}:
            return plain(403, "forbidden: pages of other sites may not read the preview")
        if self.command not in METHODS:
            return plain(405, f"method not allowed: only {' and '.join(METHODS)}",
                         (("Allow", ", ".join(METHODS)),))
        if not self.path.startswith("/"):
            return plain(400, "bad request: the path must start with /")
        if len(self.path) > LONGEST_PATH:
            return plain(414, f"path too long: over {LONGEST_PATH} characters")
        return None

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        """Answer a GET."""
        self.reply(self.answer())

    def do_HEAD(self) -> None:  # noqa: N802
        """Answer a HEAD: the headers of the GET, without its body."""
        self.reply(self.answer())

    def answer(self) -> Response:
        """Return the response to the request's path: a 4xx for anything but ours."""
        path = unquote(urlsplit(self.path).path)
        if any(character < " " for character in path):
            return plain(400, "bad request: a control character in the path")
        try:
            return self.route(path)
        except NotFound:
            return NOT_FOUND
        except Exception:  # A bug: its traceback in the terminal, one line to the browser.
            traceback.print_exc()
            return plain(500, "internal error: see the preview's terminal")

    def route(self, path: str) -> Response:
        """Return the response to a path; raise `NotFound` for one not served."""
        if path == "/":
            return Response(200, HTML, self.front_page())
        if path == "/state":
            return Response(200, "application/json", json.dumps(self.preview.state()).encode())
        if path.startswith("/preview/"):
            return self.preview_page(path.removeprefix("/preview/"))
        if path.startswith("/page/"):
            relative, _, name = path.removeprefix("/page/").rpartition("/")
            return Response(200, "image/png", self.page_picture(relative, name))
        if path.startswith("/pdf/"):
            try:
                pdf = self.output(path.removeprefix("/pdf/"))[1].read_bytes()
            except OSError:
                raise NotFound(path) from None
            return Response(200, "application/pdf", pdf)
        raise NotFound(path)

    def output(self, relative: str) -> tuple[Output, Path]:
        """Return an output of the build and its file by its manifest path; only those are
        served, and only if a PDF inside the output folder."""
        with self.preview.lock:
            found = [output for output in self.preview.outputs if output.path == relative]
        if not found:
            raise NotFound(relative)
        return found[0], served_pdf(self.preview.request.out, relative)

    def page_picture(self, relative: str, name: str) -> bytes:
        """Return a PNG of the page `name` (such as ``3.png``) of an output."""
        match = PAGE_NAME.fullmatch(name)
        output, pdf = self.output(relative)
        if not match or int(match[1]) > output.pages:
            raise NotFound(name)
        try:
            return pdfium.page_png(pdf, int(match[1]), PAGE_WIDTH)
        except (IndexError, OSError):  # The PDF changed since the manifest was read.
            raise NotFound(name) from None

    def front_page(self) -> bytes:
        """List every audience, format and language, with the errors if any."""
        state = self.preview.state()
        with self.preview.lock:
            outputs, names = list(self.preview.outputs), dict(self.preview.names)
        rows = "".join(
            f'<li><a href="/preview/{html.escape(output.path)}">'
            f'{html.escape(names.get(output.audience, output.audience))}: '
            f'{html.escape(output.format)} ({html.escape(edition_label(output))}'
            f'{html.escape(output.lang)})</a> '
            f'<a href="/pdf/{html.escape(output.path)}">PDF</a></li>'
            for output in sorted(outputs, key=lambda o: (o.edition != GENERIC, o.edition,
                                                         o.lang, o.audience, o.format)))
        building = "<p>Building the previews…</p>" if state["version"] == 0 else ""
        body = (f"<h1>Preview</h1>{building}{errors_block(state['errors'])}"
                f"<ul>{rows}</ul>")
        return page("Preview", body, state["version"])

    def preview_page(self, relative: str) -> Response:
        """Show one output page by page, as it will print; for an output the build does
        not have, a 404 that still follows the build and comes back with it."""
        state = self.preview.state()
        try:
            texts = pdfium.page_texts(self.output(relative)[1])
        except (NotFound, OSError):
            texts = None
        figures = "".join(
            f'<figure><img src="/page/{html.escape(relative)}/{number}.png?v={state["version"]}" '
            f'alt="Page {number}"><figcaption>Page {number}</figcaption>'
            f'<div class="text">{html.escape(text)}</div></figure>'
            for number, text in enumerate(texts or [], start=1))
        missing = "<p>The build has no such output.</p>" if texts is None else ""
        link = f'<p><a href="/pdf/{html.escape(relative)}">The PDF</a> · <a href="/">All</a></p>'
        body = (f"<h1>{html.escape(relative)}</h1>{errors_block(state['errors'])}{missing}"
                f'{link}<div class="pages" id="pages">{figures}</div>')
        return Response(200 if texts is not None else 404, HTML,
                        page(relative, body, state["version"]))

    def reply(self, response: Response) -> None:
        """Send a response; its body only when the method is not HEAD."""
        self.send_response(HTTPStatus(response.status))
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in response.headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(response.body)

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        """Answer a request http.server could not read in one line of plain text."""
        self.close_connection = True
        self.reply(plain(code, HTTPStatus(code).phrase.lower()))

    def log_message(self, format, *args):
        """Keep the terminal for the build's messages."""


class PreviewServer(ThreadingHTTPServer):
    """The preview's HTTP server on 127.0.0.1: a thread per connection, at most
    `most_connections` at once, each closed after `idle_seconds` of silence."""

    daemon_threads = True
    # Connections waiting to be accepted: more than a page's worth of pictures at once.
    request_queue_size = 64
    # Never share the port: with SO_REUSEPORT a second preview could bind it too.
    allow_reuse_port = False

    def __init__(self, port: int, preview: Preview, most_connections: int = MOST_CONNECTIONS,
                 idle_seconds: float = IDLE_SECONDS):
        super().__init__(("127.0.0.1", port), Handler)
        self.preview = preview
        self.idle_seconds = idle_seconds
        self.port = self.server_address[1]
        self.hosts = allowed_hosts(self.port)
        self.slots = threading.BoundedSemaphore(most_connections)

    def process_request(self, request, client_address) -> None:
        """Answer a connection in a thread of its own, or close it if all are taken."""
        if not self.slots.acquire(blocking=False):
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request, client_address) -> None:
        """Answer a connection, then give back its slot."""
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def handle_error(self, request, client_address) -> None:
        """Print a bug's traceback; a browser that went away early is not one."""
        if not isinstance(sys.exc_info()[1], DISCONNECTS):
            super().handle_error(request, client_address)


def listen(port: int, preview: Preview) -> PreviewServer:
    """Open the preview's server on 127.0.0.1:port; raise `PreviewError` if it cannot."""
    try:
        return PreviewServer(port, preview)
    except OverflowError:
        raise PreviewError(f"port {port} is not a port number from 1 to 65535") from None
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise PreviewError(f"port {port} is in use; choose another with --port") from None
        raise PreviewError(f"cannot serve on 127.0.0.1:{port}: {error.strerror or error}; "
                           "choose another port with --port") from None


def serve(request: Request, port: int, announce: Callable[[str], None] = print) -> None:
    """Serve the preview on 127.0.0.1:port, build, then rebuild on changes until Ctrl-C;
    raise `PreviewError` before anything else when it cannot start.

    The server answers from threads; this (main) thread builds and watches the files, so
    that each document's time limit, which needs the main thread's alarm, still holds.
    """
    preview = Preview(request)
    server = listen(port, preview)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    announce(f"preview on http://127.0.0.1:{server.port}/ (Ctrl-C to stop)")
    try:
        preview.rebuild()
        preview.watch()
    finally:
        preview.stopping.set()
        server.shutdown()
        server.server_close()
