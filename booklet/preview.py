"""Live preview for content authors: a local web server that shows each booklet and
handout page by page as it will print, rebuilds when a content, template or style file
changes, and reloads the open page by itself.

The pages are pictures of the very PDF the build writes (the screen variant), with each
page's text beside it for search and screen readers. A content error never stops the
server: every page shows the error lines until the file is fixed.
"""

from __future__ import annotations

import dataclasses
import html
import json
import threading
import traceback
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from booklet import paths
from booklet.build import Request, build_with_report
from booklet.errors import BookletError
from booklet.write import Output, read_manifest

#: Seconds between two looks of an open page at the state of the build.
POLL_SECONDS = 1
#: The width of a page picture, in pixels.
PAGE_WIDTH = 620


class Preview:
    """The state shared by the server and the builder: the outputs, the errors, a version."""

    def __init__(self, request: Request):
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
            errors, outputs, names = traceback.format_exc().splitlines(), self.outputs, self.names
        with self.lock:
            self.errors, self.outputs, self.names = errors, outputs, names
            self.version += 1

    def audience_names(self) -> dict[str, str]:
        """Return the audiences' names by id."""
        from booklet.load import load

        return {audience.id: audience.name for audience in load(self.request.content).audiences}

    def watch(self) -> None:
        """Rebuild whenever a file of the content, templates, styles or assets changes."""
        import watchfiles

        folders = [self.request.content, paths.TEMPLATES, paths.STYLES, paths.ASSETS]
        for _ in watchfiles.watch(*[folder for folder in folders if folder.exists()],
                                  stop_event=self.stopping, debounce=300, step=100):
            self.rebuild()

    def state(self) -> dict:
        """Return what an open page polls: the version and the errors."""
        with self.lock:
            return {"version": self.version, "errors": list(self.errors)}


def page_picture(pdf: Path, number: int) -> bytes:
    """Return a PNG of one page of a PDF."""
    import io

    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        page = document[number - 1]
        image = page.render(scale=PAGE_WIDTH / page.get_width()).to_pil()
    finally:
        document.close()
    output = io.BytesIO()
    image.save(output, format="PNG")
    return output.getvalue()


def page_texts(pdf: Path) -> list[str]:
    """Return the text of each page of a PDF."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return [" ".join(page.get_textpage().get_text_range().split()) for page in document]
    finally:
        document.close()


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


def errors_block(errors: list[str]) -> str:
    """Return the error lines to show instead of, or above, the pages."""
    if not errors:
        return ""
    lines = html.escape("\n".join(errors))
    return (f'<div class="errors" id="errors"><h2>The content has problems</h2>'
            f'<pre>{lines}</pre><p>Fix the file and save it: this page will come back '
            f'by itself.</p></div>')


class Handler(BaseHTTPRequestHandler):
    """Serve the front page, the previews, page pictures, PDFs and the state."""

    preview: Preview

    def do_GET(self):  # noqa: N802 (the name http.server calls)
        path = unquote(urlsplit(self.path).path)
        try:
            if path == "/":
                self.send(200, "text/html; charset=utf-8", self.front_page())
            elif path == "/state":
                self.send(200, "application/json", json.dumps(self.preview.state()).encode())
            elif path.startswith("/preview/"):
                self.send(200, "text/html; charset=utf-8", self.preview_page(path[9:]))
            elif path.startswith("/page/"):
                output, number = path[6:].rsplit("/", 1)
                self.send(200, "image/png", page_picture(self.pdf(output),
                                                         int(number.removesuffix(".png"))))
            elif path.startswith("/pdf/"):
                self.send(200, "application/pdf", self.pdf(path[5:]).read_bytes())
            else:
                self.send(404, "text/plain", b"not found")
        except (KeyError, ValueError, IndexError, OSError):
            self.send(404, "text/plain", b"not found")

    def pdf(self, relative: str) -> Path:
        """Return a PDF of the build by its manifest path; only those are served."""
        with self.preview.lock:
            known = {output.path for output in self.preview.outputs}
        if relative not in known:
            raise KeyError(relative)
        return self.preview.request.out / relative

    def front_page(self) -> bytes:
        """List every audience, format and language, with the errors if any."""
        state = self.preview.state()
        with self.preview.lock:
            outputs, names = list(self.preview.outputs), dict(self.preview.names)
        rows = "".join(
            f'<li><a href="/preview/{html.escape(output.path)}">'
            f'{html.escape(names.get(output.audience, output.audience))}: {output.format} '
            f'({output.lang})</a> <a href="/pdf/{html.escape(output.path)}">PDF</a></li>'
            for output in sorted(outputs, key=lambda o: (o.lang, o.audience, o.format)))
        body = (f"<h1>Preview</h1>{errors_block(state['errors'])}"
                f"<ul>{rows}</ul>")
        return page("Preview", body, state["version"])

    def preview_page(self, relative: str) -> bytes:
        """Show one output page by page, as it will print."""
        state = self.preview.state()
        try:
            pdf = self.pdf(relative)
            texts = page_texts(pdf)
        except (KeyError, OSError):
            texts, pdf = [], None
        figures = "".join(
            f'<figure><img src="/page/{html.escape(relative)}/{number}.png?v={state["version"]}" '
            f'alt="Page {number}"><figcaption>Page {number}</figcaption>'
            f'<div class="text">{html.escape(text)}</div></figure>'
            for number, text in enumerate(texts, start=1))
        link = f'<p><a href="/pdf/{html.escape(relative)}">The PDF</a> · <a href="/">All</a></p>'
        body = (f"<h1>{html.escape(relative)}</h1>{errors_block(state['errors'])}{link}"
                f'<div class="pages" id="pages">{figures}</div>')
        return page(relative, body, state["version"])

    def send(self, status: int, content_type: str, body: bytes) -> None:
        """Send a response."""
        self.send_response(HTTPStatus(status))
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        """Keep the terminal for the build's messages."""


def serve(request: Request, port: int) -> None:
    """Build, then serve the preview on 127.0.0.1:port until Ctrl-C.

    The server answers from a thread; this (main) thread builds and watches the files, so
    that each document's time limit, which needs the main thread's alarm, still holds.
    """
    preview = Preview(request)
    preview.rebuild()
    handler = type("PreviewHandler", (Handler,), {"preview": preview})
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        preview.watch()
    finally:
        preview.stopping.set()
        server.shutdown()
        server.server_close()
