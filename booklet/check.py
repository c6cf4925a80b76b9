"""Stage 5: check laid-out pages against the rules of print before anything is written.

The checks measure the pages WeasyPrint made: missing glyphs, text outside the page's
text area, page counts, and the fonts that the PDF embeds.
"""

from __future__ import annotations

import io
import re

import pypdf
from weasyprint.formatting_structure import boxes

from booklet import model
from booklet.compose import Edition
from booklet.typeset import Drawn, Typeset

#: Most pages a handout may have: one sheet, printed on both sides.
HANDOUT_MAX_PAGES = 2
#: Booklets are folded from sheets of four pages.
PAGES_PER_SHEET = 4
#: Allowed rounding, in CSS pixels, when comparing a box with its page.
TOLERANCE = 0.5
#: Font names the PDF may embed (after the subset tag ``ABCDEF+``).
ALLOWED_FONTS = re.compile(r"Noto-Sans\b.*")

MISSING_GLYPH = re.compile(r'\.notdef glyph rendered for Unicode string unsupported by '
                           r'fonts: "(?P<text>.*)" \((?P<codes>.*)\)')


def check_layout(edition: Edition, typeset: Typeset) -> list[str]:
    """Return the problems of a laid-out edition; empty when it may be drawn."""
    return (warning_problems(edition, typeset.warnings)
            + page_count_problems(edition, typeset.page_count)
            + overflow_problems(edition, typeset))


def check_pdf(edition: Edition, drawn: Drawn) -> list[str]:
    """Return the problems of an edition's PDF; empty when it may be written."""
    return warning_problems(edition, drawn.warnings) + font_problems(edition, drawn.pdf)


def warning_problems(edition: Edition, warnings: tuple[str, ...]) -> list[str]:
    """Turn WeasyPrint's warnings into problems, one per distinct message."""
    problems = []
    for message in dict.fromkeys(warnings):
        missing = MISSING_GLYPH.match(message)
        if missing:
            problems.append(f"{edition.name}: no font has a glyph for \"{missing['text']}\" "
                            f"({missing['codes']}), in {where_text(edition, missing['text'])}; "
                            "install a font that covers it or correct the text")
        else:
            problems.append(f"{edition.name}: {message}")
    return problems


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


def page_count_problems(edition: Edition, page_count: int) -> list[str]:
    """Check the number of pages against the format's rule."""
    if edition.format == "handout" and page_count > HANDOUT_MAX_PAGES:
        return [f"{edition.name}: expected at most {HANDOUT_MAX_PAGES} pages, found "
                f"{page_count}; shorten the text or list fewer handout_questions "
                f"({edition.audience.location})"]
    if edition.format == "booklet" and page_count % PAGES_PER_SHEET:
        return [f"{edition.name}: expected a multiple of {PAGES_PER_SHEET} pages, "
                f"found {page_count}"]
    return []


def overflow_problems(edition: Edition, typeset: Typeset) -> list[str]:
    """Report text outside its page's text area (running heads and feet: outside the page)."""
    problems = []
    for number, page in enumerate(typeset.document.pages, start=1):
        for box, area in text_boxes(page._page_box):
            left, top, right, bottom = area
            if (box.position_x < left - TOLERANCE or box.position_y < top - TOLERANCE
                    or box.position_x + box.width > right + TOLERANCE
                    or box.position_y + box.height > bottom + TOLERANCE):
                problems.append(f"{edition.name}: page {number}: text runs off the page: "
                                f"{box.text[:50]!r}, in {where_text(edition, box.text)}")
    return problems


def text_boxes(page_box):
    """Yield each text box of a page with the area it must stay in (left, top, right, bottom).

    Body text must stay in the page's content area; text in the margins (running heads,
    page numbers, running footers) must stay on the page.
    """
    content_left, content_top = page_box.content_box_x(), page_box.content_box_y()
    content = (content_left, content_top, content_left + page_box.width,
               content_top + page_box.height)
    whole_page = (0, 0, page_box.margin_width(), page_box.margin_height())
    for child in page_box.children:
        area = whole_page if isinstance(child, boxes.MarginBox) else content
        for box in child.descendants():
            if isinstance(box, boxes.TextBox):
                yield box, area


def embedded_fonts(pdf: bytes) -> set[str]:
    """Return the names of the fonts a PDF uses, without their subset tags."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    names = set()
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            name = str(font.get_object().get("/BaseFont", ""))
            names.add(name.lstrip("/").split("+", 1)[-1])
    return names


def font_problems(edition: Edition, pdf: bytes) -> list[str]:
    """Report fonts in the PDF that are not of the Noto Sans family (a silent fallback)."""
    strays = sorted(name for name in embedded_fonts(pdf) if not ALLOWED_FONTS.fullmatch(name))
    if not strays:
        return []
    return [f"{edition.name}: text fell back to font(s) {', '.join(strays)}; the booklets "
            "use Noto Sans only: install the Noto font that covers that text, or correct it"]
