"""Stage 4: lay out HTML into pages, then draw them as a PDF, with WeasyPrint.

Only the project's own files are fetched. WeasyPrint only logs what goes wrong (a file it
could not load while laying out, a glyph missing from every font while drawing); this
stage captures those messages so that the check stage can stop the build.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import mimetypes
import re
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pydyf
import weasyprint
from PIL import Image
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from booklet import assets, paths
from booklet.errors import LayoutError
from booklet.assets import MAX_IMAGE_PIXELS
from booklet.formats import VARIANTS

# Pillow, which WeasyPrint loads pictures with, then refuses a decompression bomb outright.
Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
XMP_DOCUMENT_ID = re.compile(rb"xmp\.did:[0-9a-f-]{36}")



def readable_folders() -> tuple[Path, ...]:
    """Return the folders the renderer may read; content can name nothing outside them."""
    return paths.STYLES, paths.TEMPLATES, paths.ASSETS


def readable(path: Path) -> bool:
    """Return whether the renderer may read a file: in a readable folder, or a CMYK
    output profile."""
    from booklet.colour import profile_files

    return path in profile_files() or any(path.is_relative_to(root.resolve())
                                          for root in readable_folders())


class RefusedURL(FatalURLFetchingError):
    """A document asked for a file outside the project's styles and templates, or the network."""


class ProjectFetcher(URLFetcher):
    """Serve only data: URLs and files under the project's readable folders; refuse the rest.

    Pictures of the assets folder are served as `booklet.assets` reads them: bounded in
    size, checked for what they are, and an SVG rebuilt from its drawing elements.
    """

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme == "data":
            return super().fetch(url, headers)
        refused = RefusedURL(f"refused to fetch {assets.shorten(url)!r}: only the project's "
                             "styles, templates and assets may be read")
        try:
            path = Path(unquote(parts.path)).resolve() if parts.scheme == "file" else None
        except (OSError, RuntimeError, ValueError):
            raise refused from None
        if path is None or not readable(path):
            raise refused
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, read_project_file(path, url), {"Content-Type": content_type})


def read_project_file(path: Path, url: str) -> bytes:
    """Return a readable file's bytes; an asset as `booklet.assets` reads it."""
    try:
        if path.is_relative_to(paths.ASSETS.resolve()):
            return assets.read(str(path.relative_to(paths.ASSETS.resolve())))
        return assets.read_bounded(path, assets.MAX_RASTER_BYTES)
    except assets.AssetError as error:
        raise RefusedURL(f"refused to fetch {assets.shorten(url)!r}, {error}") from None


@dataclass(frozen=True)
class Typeset:
    """A laid-out document and what WeasyPrint warned about while laying it out."""

    document: weasyprint.Document
    #: Warnings and errors WeasyPrint logged, as messages.
    warnings: tuple[str, ...]
    #: The PDF standard to write, such as ``pdf/x-4``; empty for plain PDF.
    pdf_variant: str = ""
    #: A digest of the HTML laid out, from which the PDF's identifiers are made, so that
    #: the same document always gives the same bytes.
    identity: str = ""

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
        pdf = pages.document.write_pdf(
            pdf_identifier=pages.identity[:32].encode(),
            finisher=functools.partial(fix_xmp_document_id, pages.identity),
            **pdf_options(pages.pdf_variant))
    return Drawn(pdf, tuple(messages))


def fix_xmp_document_id(identity: str, document, pdf) -> None:
    """Replace the random document id WeasyPrint writes in XMP metadata (PDF/X, PDF/UA)
    with one made from the document, for identical bytes from identical input."""
    document_id = f"xmp.did:{uuid.UUID(identity[:32])}".encode()
    for item in pdf.objects:
        if isinstance(item, pydyf.Stream) and item.extra.get("Type") == "/Metadata":
            item.stream = [XMP_DOCUMENT_ID.sub(document_id, part) for part in item.stream]


def pdf_options(pdf_variant: str) -> dict:
    """Return WeasyPrint's options for a PDF standard (none for plain PDF)."""
    return {"pdf_variant": pdf_variant} if pdf_variant else {}


#: A stylesheet link the build may parse once and reuse (see templates/base.html).
SHARED_STYLESHEET = re.compile(r'<link rel="stylesheet" href="(?P<href>[^"]+)" data-shared>')


@functools.cache
def font_configuration() -> FontConfiguration:
    """Return this process's font configuration, made once and shared by every document."""
    return FontConfiguration()


@functools.lru_cache(maxsize=32)
def parsed_stylesheet(url: str, signature: str) -> tuple[weasyprint.CSS, tuple[str, ...]]:
    """Return a stylesheet parsed once per process, with the warnings of its parsing
    (`signature` changes when the file does)."""
    with captured_warnings() as messages:
        sheet = weasyprint.CSS(url=url, url_fetcher=ProjectFetcher(),
                               font_config=font_configuration())
    return sheet, tuple(messages)


def shared_stylesheets(html: str) -> tuple[str, list[weasyprint.CSS], list[str]]:
    """Take the shared stylesheet links out of a document; return it, their stylesheets,
    and the warnings of parsing them (repeated for every document, like any warning)."""
    sheets, warnings = [], []
    for match in SHARED_STYLESHEET.finditer(html):
        path = Path(unquote(urlsplit(match["href"]).path))
        status = path.stat() if path.is_file() else None
        signature = f"{status.st_size}:{status.st_mtime_ns}" if status else "missing"
        sheet, messages = parsed_stylesheet(match["href"], signature)
        sheets.append(sheet)
        warnings.extend(messages)
    return SHARED_STYLESHEET.sub("", html), sheets, warnings


def typeset(html: str, variant: str = "") -> Typeset:
    """Lay out an HTML document into pages, for a variant (``screen``, ``print``) or plain."""
    pdf_variant = VARIANTS[variant].pdf_standard if variant else ""
    with captured_warnings() as messages:
        try:
            own_html, stylesheets, stylesheet_warnings = shared_stylesheets(html)
            messages.extend(stylesheet_warnings)
            document = weasyprint.HTML(string=own_html, base_url=paths.STYLES.as_uri() + "/",
                                       url_fetcher=ProjectFetcher()).render(
                                           stylesheets=stylesheets,
                                           font_config=font_configuration(),
                                           **pdf_options(pdf_variant))
        except RefusedURL as error:
            raise LayoutError([str(error)]) from None
    return Typeset(document, tuple(messages), pdf_variant,
                   document_identity(pdf_variant, html))


def as_other_variant(pages: Typeset, html: str, variant: str) -> Typeset:
    """Return a laid-out document as another variant's with the same boxes (`html`, whose
    digest makes the PDF's identifiers, differs in colours alone), to draw as that
    variant's PDF standard."""
    pdf_variant = VARIANTS[variant].pdf_standard
    return Typeset(pages.document, pages.warnings, pdf_variant,
                   document_identity(pdf_variant, html))


def subset(pages: Typeset, kept: list, html: str) -> Typeset:
    """Return some of the pages of a laid-out document as a document of their own, as if
    laid out from `html` (whose digest makes the PDF's identifiers)."""
    return Typeset(pages.document.copy(kept), pages.warnings, pages.pdf_variant,
                   document_identity(pages.pdf_variant, html))


def document_identity(pdf_variant: str, html: str) -> str:
    """Return the digest of a document's HTML and PDF standard, from which its PDF's
    identifiers are made: the same document always gives the same bytes."""
    return hashlib.sha256(f"{pdf_variant}\n{html}".encode()).hexdigest()
