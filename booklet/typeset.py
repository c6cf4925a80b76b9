"""Stage 4: lay out HTML into pages, then draw them as a PDF, with WeasyPrint.

Only the project's own files are fetched. WeasyPrint only logs what goes wrong (a file it
could not load while laying out, a glyph missing from every font while drawing); this
stage captures those messages so that the check stage can stop the build.
"""

from __future__ import annotations

import logging
import mimetypes
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import weasyprint
from PIL import Image
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from booklet import paths
from booklet.errors import LayoutError
from booklet.richtext import MAX_IMAGE_PIXELS

# Pillow, which WeasyPrint loads pictures with, then refuses a decompression bomb outright.
Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
def readable_folders() -> tuple[Path, ...]:
    """Return the folders the renderer may read; content can name nothing outside them."""
    return paths.STYLES, paths.TEMPLATES, paths.ASSETS


class RefusedURL(FatalURLFetchingError):
    """A document asked for a file outside the project's styles and templates, or the network."""


class ProjectFetcher(URLFetcher):
    """Serve only data: URLs and files under the project's readable folders; refuse the rest."""

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme == "data":
            return super().fetch(url, headers)
        path = Path(unquote(parts.path)).resolve() if parts.scheme == "file" else None
        if path is None or not any(path.is_relative_to(root.resolve())
                                   for root in readable_folders()):
            raise RefusedURL(f"refused to fetch {url!r}: only the project's styles, "
                             "templates and assets may be read")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})


@dataclass(frozen=True)
class Typeset:
    """A laid-out document and what WeasyPrint warned about while laying it out."""

    document: weasyprint.Document
    #: Warnings and errors WeasyPrint logged, as messages.
    warnings: tuple[str, ...]

    @property
    def page_count(self) -> int:
        """Return the number of pages."""
        return len(self.document.pages)


class _Collector(logging.Handler):
    """Keep the messages WeasyPrint logs at warning level or above."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@contextmanager
def captured_warnings():
    """Collect WeasyPrint's warnings instead of printing them."""
    logger = logging.getLogger("weasyprint")
    collector = _Collector()
    logger.addHandler(collector)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield collector.messages
    finally:
        logger.removeHandler(collector)
        logger.propagate = propagate


@dataclass(frozen=True)
class Drawn:
    """A PDF in memory and what WeasyPrint warned about while drawing it."""

    pdf: bytes
    warnings: tuple[str, ...]


def draw(pages: Typeset) -> Drawn:
    """Draw laid-out pages as a PDF, fonts subset by HarfBuzz."""
    with captured_warnings() as messages:
        pdf = pages.document.write_pdf()
    return Drawn(pdf, tuple(messages))


def typeset(html: str) -> Typeset:
    """Lay out an HTML document into pages."""
    with captured_warnings() as messages:
        try:
            document = weasyprint.HTML(string=html, base_url=paths.STYLES.as_uri() + "/",
                                       url_fetcher=ProjectFetcher()).render()
        except RefusedURL as error:
            raise LayoutError([str(error)]) from None
    return Typeset(document, tuple(messages))
