"""The preflight for the press, run on every print file after it is finished
(`booklet.press`), each problem naming the file and the page:

- ``ink``: total ink at most the profile's limit (300%) anywhere, read from the colours
  painted, or measured on the rendered separations where the colours cannot tell it
  (`booklet.ink`);
- ``reversed``: reversed (white) text at least 8 pt;
- ``rich-black``: black text in black ink alone: no rich black, no four-colour grey;
- ``rgb``: no RGB colour anywhere: pages, forms, pictures, shadings, transparency groups;
- ``lines``: lines at least 0.25 pt, stroked or drawn as thin filled rules;
- ``images``: raster pictures at least 300 ppi as placed;
- ``pdfx``: the rules of PDF/X-4 that `booklet.pdfx` checks;
- ``structure``: the file's structure, as ``qpdf --check`` checks it (qpdf's own checks,
  through pikepdf).

What it measures also makes the report for the print shop (`report`).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pikepdf

from booklet import colour, ink, pdfx
from booklet.compose import Edition
from booklet.pdfpaint import Paint, fonts, paints

#: The press checks, in the order of the report.
CHECKS = ("ink", "reversed", "rich-black", "rgb", "lines", "images", "pdfx", "structure")
#: The least resolution of a raster picture in print, in pixels per inch.
MIN_PPI = 300
#: The smallest reversed (white) text, in points: finer strokes fill in with ink.
MIN_REVERSED_TEXT = 8.0
#: The thinnest line, in points: thinner ones break up on the plate.
MIN_LINE = 0.25
#: Text this black or blacker is black text, and must be black ink alone.
BLACK_TEXT = 0.9
#: Ink allowed under black text before it counts as rich black.
INK_UNDER_BLACK = 0.0


@dataclass(frozen=True)
class PressFacts:
    """What the preflight measured of a print file, for the report."""

    #: The finished page (TrimBox) and the bleed, in millimetres.
    trim: tuple[float, float]
    bleed: float
    #: The slug beyond the bleed, in millimetres.
    slug: float
    pages: int
    #: The highest total ink of each page, in percent.
    ink: tuple[ink.PageInk, ...]

    @property
    def highest_ink(self) -> ink.PageInk | None:
        """Return the page with the most ink."""
        return max(self.ink, key=lambda page: page.highest) if self.ink else None


def preflight_for_press(path: str, edition: Edition, pdf: bytes
                        ) -> tuple[dict[str, list[str]], PressFacts]:
    """Run the press checks on a finished print file; return their problems and what was
    measured."""
    document = pikepdf.open(io.BytesIO(pdf))
    painted = list(paints(document))
    profile = colour.profile(edition.profile)
    try:
        measured = ink.measure(pdf, profile.path, painted)
        ink_results = ink_problems(path, measured, profile.ink_limit)
    except ink.InkUnmeasured as error:
        measured, ink_results = [], [f"{path}: the ink could not be measured: {error}"]
    results = {
        "ink": ink_results,
        "reversed": reversed_text_problems(path, painted),
        "rich-black": rich_black_problems(path, painted),
        "rgb": rgb_problems(path, painted),
        "lines": line_problems(path, painted),
        "images": image_problems(path, painted),
        "pdfx": pdfx.problems(path, pdf, painted),
        "structure": [f"{path}: {message}" for message in document.check_pdf_syntax()],
    }
    return results, facts_of(document, measured)


def facts_of(document: pikepdf.Pdf, measured: list[ink.PageInk]) -> PressFacts:
    """Return the sizes of a print file's first page, its page count and its ink."""
    page = document.pages[0].obj
    left, bottom, right, top = (float(value) for value in page.TrimBox)
    bleed_left = float(page.BleedBox[0])
    media_left = float(page.MediaBox[0])
    millimetre = 72 / 25.4
    trim = (round((right - left) / millimetre, 1), round((top - bottom) / millimetre, 1))
    return PressFacts(trim,
                      round((left - bleed_left) / millimetre, 1),
                      round((bleed_left - media_left) / millimetre, 1),
                      len(document.pages), tuple(measured))


def once(messages) -> list[str]:
    """Return messages without repeats, in order."""
    return list(dict.fromkeys(messages))


def place(path: str, paint: Paint) -> str:
    """Return where a paint is, for a message: the file, the page, and a form it is in."""
    inside = "" if paint.where == "page" else f" ({paint.where})"
    return f"{path}: page {paint.page}{inside}"


def ink_problems(path: str, measured: list[ink.PageInk], limit: int) -> list[str]:
    """Report pages with more total ink than the press takes."""
    return [f"{path}: page {page.page}: {page.highest:.0f}% total ink (C {page.cmyk[0]:.0f} "
            f"M {page.cmyk[1]:.0f} Y {page.cmyk[2]:.0f} K {page.cmyk[3]:.0f}); the press "
            f"takes {limit}% at most: use a lighter colour" for page in measured
            if page.highest > limit + 0.5]


def is_paper(paint: Paint) -> bool:
    """Return whether a paint is in the paper's colour: no ink at all."""
    cmyk = paint.cmyk
    return cmyk is not None and max(cmyk) <= 0.001


def reversed_text_problems(path: str, painted: list[Paint]) -> list[str]:
    """Report reversed (white) text smaller than `MIN_REVERSED_TEXT`."""
    return once(f"{place(path, paint)}: reversed (white) text of {paint.size:.1f} pt; "
                f"expected {MIN_REVERSED_TEXT:g} pt at least, or the ink around it fills it in"
                for paint in painted if paint.kind == "text" and is_paper(paint)
                and paint.size < MIN_REVERSED_TEXT - 0.01)


def rich_black(cmyk: tuple[float, float, float, float]) -> bool:
    """Return whether black text carries other inks: black with cyan, magenta or yellow
    under it (rich black), or a grey made of all four inks in balance."""
    cyan, magenta, yellow, black = cmyk
    others = (cyan, magenta, yellow)
    if black >= BLACK_TEXT:
        return max(others) > INK_UNDER_BLACK + 0.001
    return min(others) > 0.05 and max(others) - min(others) <= 0.12 and black > 0.3


def rich_black_problems(path: str, painted: list[Paint]) -> list[str]:
    """Report black text printed with more than black ink."""
    problems = []
    for paint in painted:
        cmyk = paint.cmyk
        if paint.kind == "text" and cmyk is not None and rich_black(cmyk):
            values = " ".join(f"{name} {part * 100:.0f}" for name, part in zip("CMYK", cmyk))
            problems.append(f"{place(path, paint)}: black text in four inks ({values}); "
                            "black text is printed in 100% K alone")
    return once(problems)


def rgb_problems(path: str, painted: list[Paint]) -> list[str]:
    """Report anything in an RGB colour space, however deep in the file."""
    return once(f"{place(path, paint)}: {describe(paint)} in {paint.space.name}; a print "
                "file is CMYK only" for paint in painted if paint.space.rgb)


def describe(paint: Paint) -> str:
    """Name what a paint is, for a message."""
    return {"fill": "a filled shape", "stroke": "a line", "text": "text",
            "image": "a picture", "shading": "a gradient",
            "group": "a transparency group's blending space"}[paint.kind]


def line_problems(path: str, painted: list[Paint]) -> list[str]:
    """Report lines thinner than `MIN_LINE`, stroked or filled as thin rules."""
    problems = []
    for paint in painted:
        if paint.kind == "stroke" and paint.size < MIN_LINE - 0.001 and not is_paper(paint):
            problems.append(f"{place(path, paint)}: a line of {paint.size:.2f} pt; expected "
                            f"{MIN_LINE} pt at least, or it breaks up on the plate")
        elif paint.kind == "fill" and 0 < paint.size < MIN_LINE - 0.001 \
                and not is_paper(paint):
            problems.append(f"{place(path, paint)}: a rule {paint.size:.2f} pt wide; "
                            f"expected {MIN_LINE} pt at least, or it breaks up on the plate")
    return once(problems)


def image_problems(path: str, painted: list[Paint]) -> list[str]:
    """Report raster pictures placed at less than `MIN_PPI`."""
    return once(f"{place(path, paint)}: a picture of {paint.pixels[0]}x{paint.pixels[1]} "
                f"pixels prints at {paint.size:.0f} ppi; expected {MIN_PPI} ppi at least: "
                "use a larger picture or print it smaller"
                for paint in painted if paint.kind == "image" and paint.size < MIN_PPI - 0.5)


#: Each check, in the words of a print shop.
CHECK_WORDS = {
    "fonts": "Fonts embedded (Noto Sans, subset)",
    "glyphs": "No missing characters",
    "overflow": "No text or picture outside the type area",
    "pages": "Page count whole (saddle stitch: multiple of 4, back cover last; "
             "leaflet: 1 or 2 pages)",
    "images": f"Raster pictures at {MIN_PPI} ppi effective resolution at least",
    "links": "Link targets valid (links are removed from the print file)",
    "warnings": "No layout warnings",
    "ink": "Total area coverage (TAC) within the profile's limit",
    "reversed": f"Reversed (white) text {MIN_REVERSED_TEXT:g} pt at least",
    "rich-black": "Black text in 100% K alone: no rich black, no four-colour grey",
    "rgb": "No RGB: process CMYK only (registration colour in the marks)",
    "lines": f"Line weights {MIN_LINE} pt at least",
    "pdfx": "PDF/X-4 rules (ISO 15930-7) checked by the booklet tool",
    "structure": "PDF structure (qpdf check)",
}


def binding(edition: Edition, pages: int) -> str:
    """Return the binding of an edition, as a print shop says it."""
    from booklet.formats import FORMATS

    if FORMATS[edition.format].folded:
        return (f"Saddle stitch, 2 wires on the spine fold: {pages} pages, "
                f"{pages // 4} sheets folded, cover self (same stock)")
    return f"Flat sheet, {'both sides' if pages > 1 else 'one side'}, no binding"


def report(edition: Edition, path: str, pdf: bytes, results: dict[str, list[str]],
           facts: PressFacts) -> str:
    """Return the report for the print shop of a print file, as HTML."""
    from booklet.render import cached_environment

    profile = colour.profile(edition.profile)
    return cached_environment().get_template("press-report.html").render(
        path=path, edition=edition, facts=facts, profile=profile,
        intent=colour.RENDERING_INTENT, binding=binding(edition, facts.pages),
        fonts=sorted(fonts(pdf).items()),
        checks=[(CHECK_WORDS.get(check, check), check, results[check])
                for check in CHECK_WORDS if check in results],
        rules=pdfx.RULES, name=path.rsplit("/", 1)[-1])
