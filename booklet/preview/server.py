"""The preview's web server: the front page, each output page by page, page pictures,
PDFs and the state an open page polls.

Trust boundaries: every request is input, even on the loopback address, since any web
page the author opens can make the browser send one. Only requests addressed to this
server by name (its Host, and its Origin when sent) are answered, only GET and HEAD, and
only files the manifest lists that are PDFs inside the output folder. The manifest is a
file on disk and is checked again here.
"""

from __future__ import annotations

import dataclasses
import errno
import json
import re
import sys
import threading
import traceback
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from booklet import pdfium
from booklet.plan import Request
from booklet.preview.pages import PAGE_WIDTH, front_page, preview_page
from booklet.preview.state import Preview, PreviewError
from booklet.write import Output

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


class NotFound(Exception):
    """The request names nothing this server serves."""


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
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        if any(character < " " for character in path):
            return plain(400, "bad request: a control character in the path")
        try:
            return self.route(path, parse_qs(parts.query).get("viewing", [None])[0])
        except NotFound:
            return NOT_FOUND
        except Exception:  # A bug: its traceback in the terminal, one line to the browser.
            traceback.print_exc()
            return plain(500, "internal error: see the preview's terminal")

    def route(self, path: str, viewing: str | None = None) -> Response:
        """Return the response to a path; raise `NotFound` for one not served. A poll of
        the state says which output its page shows, to build that one first."""
        if path == "/":
            return Response(200, HTML, self.front_page())
        if path == "/state":
            known = viewing if viewing in self.preview.wanted else None
            return Response(200, "application/json",
                            json.dumps(self.preview.state(known)).encode())
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
        """List every output of the content, built or not yet, with the errors if any."""
        state = self.preview.state()
        with self.preview.lock:
            wanted, names = list(self.preview.wanted.values()), dict(self.preview.names)
            built = set(self.preview.built)
        return front_page(state, wanted, names, built)

    def preview_page(self, relative: str) -> Response:
        """Show one output page by page, as it will print; one not built yet is built
        first and shows when ready; for an output the content does not have, a 404 that
        still follows the build and comes back with it."""
        known = relative in self.preview.wanted
        state = self.preview.state(relative if known else None)
        try:
            texts = pdfium.page_texts(self.output(relative)[1])
        except (NotFound, OSError):
            texts = None
        return Response(200 if texts is not None or known else 404, HTML,
                        preview_page(state, relative, texts, known))

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
    """Serve the preview on 127.0.0.1:port at once, then build on demand and again on
    changes until Ctrl-C; raise `PreviewError` before anything else when it cannot start.

    The server answers from threads and a thread watches the files; this (main) thread
    builds, forking its worker processes.
    """
    preview = Preview(request)
    server = listen(port, preview)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    announce(f"preview on http://127.0.0.1:{server.port}/ (Ctrl-C to stop)")
    try:
        preview.plan()
        # WeasyPrint imported once, here: every worker forked from now on starts with it.
        import booklet.typeset  # noqa: F401
        threading.Thread(target=preview.watch, daemon=True).start()
        preview.run()
    finally:
        preview.stopping.set()
        server.shutdown()
        server.server_close()
