"""The formats, variants and papers, and every rule about them, declared once.

Every other module asks this one: which variants a format comes in, which are laid out
from HTML and which are made from another's pages, their PDF standard, colours, bleed and
what they are for; the page size of each format on each paper, and the sheet imposed
pages go on. Adding a variant is one `Variant` here, plus its templates and styles.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Variant:
    """A way of making a PDF of an edition, for one kind of printer or reader."""

    #: The name, in file names and the manifest's ``variant``.
    id: str
    #: What it is for, in the words of a trainer choosing what to print.
    purpose: str
    #: The PDF standard WeasyPrint writes (empty: none); only for variants laid out.
    pdf_standard: str = ""
    #: The variant whose pages this one is made from, rather than laid out from HTML.
    made_from: str = ""
    #: Whether colours are CMYK for a press, with bleed and crop marks.
    for_press: bool = False
    #: Whether it goes to a press or a copier as is, so that the termbase's refusals hold.
    printed: bool = False
    #: Whether it is tagged (PDF/UA), with working links: for people reading on a screen,
    #: or with a screen reader.
    tagged: bool = False
    #: Whether it has no colour at all: greys that survive a photocopy, for black-and-white
    #: printers and copiers.
    greyscale: bool = False
    #: The variant whose layout it is made from, in its own colours (its styles differ from
    #: that variant's in colours alone: the other's PDF is recoloured), rather than laid out
    #: again; empty: its own.
    layout_of: str = ""

    @property
    def laid_out(self) -> bool:
        """Return whether the variant is laid out from HTML."""
        return not self.made_from


@dataclass(frozen=True)
class Format:
    """What an edition is: a booklet of folded sheets, or a handout of one sheet."""

    id: str
    #: Its variants, in the order they are built and listed.
    variants: tuple[str, ...]
    #: Whether its pages are folded sheets (a multiple of four pages, the back cover last).
    folded: bool = False
    #: The most pages it may have (0: no limit but whole sheets).
    max_pages: int = 0
    #: Whether it holds only the questions its audience chose for it (the audience's
    #: ``handout_questions``) rather than every question of the audience.
    chosen_questions: bool = False


@dataclass(frozen=True)
class Paper:
    """A paper family: the sheet the office printer takes, and the page size of each
    format on it."""

    id: str
    #: The CSS page size of each format.
    page_sizes: dict[str, str]
    #: The landscape sheet two booklet pages are imposed on, in points (width, height).
    sheet: tuple[float, float]
    #: The CSS page size of a whole sheet, for a session's cover sheet.
    sheet_size: str


#: Every variant, by id, in the order they are listed.
VARIANTS: dict[str, Variant] = {variant.id: variant for variant in (
    Variant("screen", "to e-mail or put on the web", pdf_standard="pdf/ua-1", tagged=True),
    Variant("print", "for a print shop (bleed, crop marks, CMYK)", pdf_standard="pdf/x-4",
            for_press=True, printed=True),
    Variant("imposed", "for an office printer: double-sided, short edge, then fold",
            made_from="screen", printed=True),
    # Mono is the screen edition in greys: tagged, with working links, as it is.
    Variant("mono", "for a black-and-white printer or a photocopier: greys only",
            pdf_standard="pdf/ua-1", printed=True, tagged=True, greyscale=True,
            layout_of="screen"),
    Variant("mono-imposed", "for a black-and-white printer or a photocopier: double-sided, "
            "short edge, then fold", made_from="mono", printed=True, greyscale=True),
)}

#: Every format, by id; the first is built first.
FORMATS: dict[str, Format] = {format.id: format for format in (
    Format("booklet", ("screen", "print", "imposed", "mono", "mono-imposed"), folded=True),
    Format("handout", ("screen", "print", "mono"), max_pages=2, chosen_questions=True),
)}

#: The paper families; the first is the default.
PAPERS: dict[str, Paper] = {paper.id: paper for paper in (
    Paper("a4", {"booklet": "A5", "handout": "A4"}, (841.89, 595.28), "A4"),
    Paper("letter", {"booklet": "5.5in 8.5in", "handout": "letter"}, (792.0, 612.0), "letter"),
)}
#: The default paper family.
DEFAULT_PAPER = next(iter(PAPERS))
#: The variant every other is laid out after: it sets the pages of an edition.
FIRST_VARIANT = "screen"
#: The format of a session's copies of each kind: booklets imposed, handouts as on screen.
SESSION_VARIANTS = {"booklet": "imposed", "handout": "screen"}
#: The same for a session printed on black-and-white printers and photocopiers.
MONO_SESSION_VARIANTS = {"booklet": "mono-imposed", "handout": "mono"}


def variants_of(format: str) -> tuple[Variant, ...]:
    """Return the variants a format comes in."""
    return tuple(VARIANTS[variant] for variant in FORMATS[format].variants)


def all_variants() -> list[str]:
    """Return the id of every variant of any format."""
    return list(VARIANTS)


def printed(variants) -> bool:
    """Return whether any of these variant ids goes to a press or a copier as is."""
    return any(VARIANTS[variant].printed for variant in variants)


def page_size(format: str, paper: str) -> str:
    """Return the CSS page size of a format on a paper family."""
    return PAPERS[paper].page_sizes[format]


def file_suffix(paper: str) -> str:
    """Return what an output's file name carries for its paper: nothing for the default."""
    return "" if paper == DEFAULT_PAPER else f"-{paper}"
