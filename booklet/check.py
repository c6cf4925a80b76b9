"""Stage 5: the preflight, run on every output before it is written.

Each check measures the pages WeasyPrint made or the PDF it drew, and returns its
problems, each naming the output file, the page and what is wrong:

- ``fonts``: every font is embedded, and is Noto Sans (no silent fallback);
- ``glyphs``: no glyph is missing (WeasyPrint draws .notdef and only logs it);
- ``overflow``: no text or box runs outside its page's content area;
- ``pages``: a booklet is whole sheets with the back cover last; a handout two pages at most;
- ``images``: raster pictures print at 300 ppi at least, in the print variant (measured on
  the PDF, with the checks for the press of `booklet.prepress`: ink, reversed text, rich
  black, RGB, lines, PDF/X-4 and structure);
- ``greys``: a mono file has no colour and no tint lighter than 20% (`booklet.mono`);
- ``links``: every link is an absolute http(s), mailto or tel link, or within the document.

WeasyPrint's other warnings (a file it could not load, a style it ignored) fail the
``warnings`` check.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pikepdf

from booklet import model, pdfpaint, weasy
from booklet.compose import Edition
from booklet.formats import FORMATS, VARIANTS
from booklet.richtext import LINK_SCHEMES
from booklet.typeset import Drawn, Typeset
from booklet.write import output_path

#: The checks, in the order of the report: those of every output, then those of print
#: files for the press (`booklet.prepress`), then that of mono files (`booklet.mono`).
CHECKS = ("fonts", "glyphs", "overflow", "pages", "images", "links", "warnings", "ink",
          "reversed", "rich-black", "rgb", "lines", "pdfx", "structure", "greys")
#: Booklets are folded from sheets of four pages.
PAGES_PER_SHEET = 4
#: Allowed rounding, in CSS pixels, when comparing a box with its page.
TOLERANCE = 0.5
#: Font names the PDF may embed (after the subset tag ``ABCDEF+``).
ALLOWED_FONTS = re.compile(r"Noto-Sans\b.*")
#: The named page of the back cover (see styles/booklet.css).
BACK_COVER = "back-cover"

MISSING_GLYPH = re.compile(r'\.notdef glyph rendered for Unicode string unsupported by '
                           r'fonts: "(?P<text>.*)" \((?P<codes>.*)\)')


@dataclass(frozen=True)
class Preflight:
    """The preflight of one output: each check run, with its problems (none: passed)."""

    #: The output's path, relative to the output folder.
    output: str
    results: dict[str, list[str]] = field(default_factory=dict)
    #: The report for the print shop (HTML), for a print file; empty for the others.
    report: str = field(default="", compare=False, repr=False)

    @property
    def passed(self) -> bool:
        """Return whether every check that ran passed."""
        return not self.problems

    @property
    def problems(self) -> list[str]:
        """Return the problems of every check."""
        return [problem for problems in self.results.values() for problem in problems]

    def verdict(self, check: str) -> str:
        """Return ``ok``, ``FAIL`` or ``-`` (not run) for a check."""
        if check not in self.results:
            return "-"
        return "FAIL" if self.results[check] else "ok"


def preflight_laid_out(edition: Edition, pages: Typeset, drawn: Drawn) -> Preflight:
    """Run every check on a laid-out and drawn variant of an edition."""
    path = output_path(edition, edition.variant)
    glyphs, others = split_warnings(pages.warnings + drawn.warnings)
    results = {
        "fonts": font_problems(path, drawn.pdf),
        "glyphs": [glyph_problem(path, edition, text, codes) for text, codes in glyphs],
        "overflow": overflow_problems(path, edition, pages),
        "pages": page_problems(path, edition, pages),
        # Pictures are measured on the PDF, for print, with the press checks.
        "images": [],
        "links": link_problems(path, pages),
        "warnings": [f"{path}: {message}" for message in others],
    }
    if VARIANTS[edition.variant].greyscale:
        from booklet.mono import grey_problems

        results["greys"] = grey_problems(path, drawn.pdf)
    if not VARIANTS[edition.variant].for_press:
        return Preflight(path, results)
    from booklet.prepress import preflight_for_press, report

    press_results, facts = preflight_for_press(path, edition, drawn.pdf)
    results.update(press_results)
    return Preflight(path, results, report(edition, path, drawn.pdf, results, facts))


def preflight_imposed(edition: Edition, pdf: bytes, booklet_pages: int,
                      variant: str = "imposed") -> Preflight:
    """Check an imposed booklet: fonts embedded, and half as many sheet sides as pages
    (and, imposed from mono pages, greys alone)."""
    path = output_path(edition, variant)
    count = len(pikepdf.open(io.BytesIO(pdf)).pages)
    pages = [] if count * 2 == booklet_pages else [
        f"{path}: expected {booklet_pages // 2} sheet sides, found {count}"]
    results = {"fonts": font_problems(path, pdf), "pages": pages}
    if VARIANTS[variant].greyscale:
        from booklet.mono import grey_problems

        results["greys"] = grey_problems(path, pdf)
    return Preflight(path, results)


def split_warnings(warnings: tuple[str, ...]) -> tuple[list[tuple[str, str]], list[str]]:
    """Split WeasyPrint's warnings into missing glyphs (text, codes) and the others, put
    in words a user can act on."""
    glyphs, others = {}, []
    for message in dict.fromkeys(warnings):
        missing = MISSING_GLYPH.match(message)
        if missing:
            glyphs[missing["text"]] = missing["codes"]
        else:
            others.append(plain_warning(message))
    return list(glyphs.items()), list(dict.fromkeys(others))


#: WeasyPrint's messages about pictures, which say little: an empty reason, or none.
FAILED_IMAGE = re.compile(r"Failed to load image at '(?P<url>.*?)': ?(?P<reason>.*)", re.S)
FAILED_SVG = re.compile(r"Failed to render SVG image (?P<url>.*)", re.S)
#: A long data: URL, which has no place in a one-line message.
DATA_URL = re.compile(r"data:[^\s'\"]{40,}")


def plain_warning(message: str) -> str:
    """Return one of WeasyPrint's warnings on one line, with what it leaves unsaid."""
    image = FAILED_IMAGE.fullmatch(message)
    svg = FAILED_SVG.fullmatch(message)
    if image:
        reason = image["reason"].strip() or "it is not a picture of a kind that can be read"
        message = f"a picture could not be loaded: {shorten(image['url'])!r}: {reason}"
    elif svg:
        message = (f"the SVG picture {shorten(svg['url'])!r} could not be drawn: it is "
                   "damaged, or refers to something it may not read")
    message = DATA_URL.sub(lambda found: found.group()[:37] + "...", message)
    return " ".join(message.split())


def shorten(text: str, limit: int = 80) -> str:
    """Return a text cut to a length fit for a message."""
    return text if len(text) <= limit else text[:limit - 3] + "..."


def glyph_problem(path: str, edition: Edition, text: str, codes: str) -> str:
    """Describe a glyph no font has, with where the text is in the content."""
    return (f"{path}: no font has a glyph for \"{text}\" ({codes}), in "
            f"{where_text(edition, text)}; install a font that covers it or correct the text")


def where_text(edition: Edition, text: str) -> model.Location:
    """Return where in the content a text appears: its question, or else the audience."""
    for entry in edition.entries:
        if text in entry.answer or text in entry.question:
            return entry.location
    return edition.audience.location


def sheets(page_count: int) -> int:
    """Return how many folded sheets a booklet of so many pages takes."""
    return -(-page_count // PAGES_PER_SHEET)


def needed_notes_pages(page_count: int) -> int:
    """Return how many notes pages fill the last sheet of a booklet."""
    return -page_count % PAGES_PER_SHEET


def page_problems(path: str, edition: Edition, pages: Typeset) -> list[str]:
    """Check the number of pages, and for a booklet that the back cover is last."""
    count = pages.page_count
    limit = FORMATS[edition.format].max_pages
    if not FORMATS[edition.format].folded:
        if not limit or count <= limit:
            return []
        return [f"{path}: expected at most {limit} pages, found {count}; shorten "
                f"the text or list fewer handout_questions ({edition.audience.location})"]
    problems = []
    if count % PAGES_PER_SHEET:
        problems.append(f"{path}: expected a multiple of {PAGES_PER_SHEET} pages, found {count}")
    backs = [number for number, page in enumerate(pages.document.pages, 1)
             if weasy.page_type(page) == BACK_COVER]
    if backs != [count]:
        problems.append(f"{path}: expected the back cover on the last page ({count}) only, "
                        f"found it on {', '.join(map(str, backs)) or 'none'}")
    return problems


def overflow_problems(path: str, edition: Edition, pages: Typeset) -> list[str]:
    """Report text or pictures outside the page's content area (margin text: outside the
    page)."""
    problems = []
    for number, page in enumerate(pages.document.pages, start=1):
        for item in weasy.items(page):
            left, top, right, bottom = item.area
            if (item.x < left - TOLERANCE or item.y < top - TOLERANCE
                    or item.x + item.width > right + TOLERANCE
                    or item.y + item.height > bottom + TOLERANCE):
                problems.append(f"{path}: page {number}: {describe(item)} runs off the "
                                f"page, {where_item(edition, item)}")
    return problems


def describe(item: weasy.Item) -> str:
    """Name a laid-out item for a message: the text of its element (a line alone may be
    one word), or its element."""
    if item.kind == "text":
        text = item.text.strip()
        if item.element_text and item.element_text != text:
            return f"text {shorten(text, 40)!r} of {shorten(item.element_text, 60)!r}"
        return f"text {shorten(text, 60)!r}"
    return f"a box <{item.tag}>"


def where_item(edition: Edition, item: weasy.Item) -> str:
    """Say where an item's text comes from in the content, if it has text."""
    if item.kind == "text":
        return f"in {where_text(edition, item.element_text or item.text)}"
    return f"in {edition.audience.location}"


def link_problems(path: str, pages: Typeset) -> list[str]:
    """Report links that are neither within the document nor absolute web, mail or phone links."""
    problems = []
    for number, page in enumerate(pages.document.pages, start=1):
        for link_type, target, _, _ in page.links:
            if link_type == "internal":
                continue
            if link_type != "external" or urlsplit(target).scheme not in LINK_SCHEMES:
                problems.append(f"{path}: page {number}: link to {target!r}; expected an "
                                "absolute http(s), mailto or tel link")
    return problems


def font_problems(path: str, pdf: bytes) -> list[str]:
    """Report fonts not embedded, and fonts other than Noto Sans (a silent fallback),
    wherever in the PDF they are used (an imposed sheet's pages are forms)."""
    fonts = pdfpaint.fonts(pdf)
    problems = [f"{path}: font {name} is not embedded" for name, embedded in fonts.items()
                if not embedded]
    strays = sorted(name for name in fonts if not ALLOWED_FONTS.fullmatch(name))
    if strays:
        problems.append(f"{path}: text fell back to font(s) {', '.join(strays)}; the booklets "
                        "use Noto Sans only: install the Noto font that covers that text, or "
                        "correct it")
    return problems
