"""The one module that reaches into WeasyPrint beyond its public API.

WeasyPrint's public face is `HTML`, `CSS`, `Document` and `URLFetcher`; the checks of the
preflight and the tests also need the laid-out boxes of each page, which live in its
internals (`Page._page_box`, `weasyprint.formatting_structure.boxes`, `weasyprint.text.ffi`).
Everything read from there is read here, once, and handed on as plain dataclasses, so that
an upgrade touches one module. A missing attribute raises `WeasyPrintChanged`, loudly:
a check that silently skips what it can no longer see is worse than none.

Upgrading WeasyPrint: bump the pin in requirements.txt, run ``pytest
tests/test_weasy.py`` (the contract tests of every attribute used here), mend this module
until they pass, then run the whole suite and look at the pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from weasyprint.formatting_structure import boxes
from weasyprint.images import RasterImage, SVGImage

#: The unit of WeasyPrint's laid-out boxes (CSS pixels) in PostScript points.
POINT = 0.75


class WeasyPrintChanged(RuntimeError):
    """The installed WeasyPrint no longer has what this module relies on."""


def internal(thing, name: str):
    """Return an attribute of WeasyPrint's internals, or say loudly that it is gone."""
    try:
        return getattr(thing, name)
    except AttributeError:
        raise WeasyPrintChanged(f"WeasyPrint's {type(thing).__name__} has no '{name}' any "
                                "more; see booklet/weasy.py on upgrading") from None


@dataclass(frozen=True)
class Item:
    """A text or a picture laid out on a page, with the area it must stay in."""

    #: ``text`` or ``picture``.
    kind: str
    #: The element's tag, such as ``p`` or ``img``.
    tag: str
    #: The text of a text box (a line's worth, or less).
    text: str
    #: The whole text of the element the box belongs to, on one line.
    element_text: str
    x: float
    y: float
    width: float
    height: float
    #: (left, top, right, bottom): the content area, or the whole page for margin text.
    area: tuple[float, float, float, float]
    #: A raster picture's size in pixels; None for text and vector pictures.
    pixels: tuple[int, int] | None = None


@dataclass(frozen=True)
class Line:
    """A line of text laid out on a page."""

    y: float
    height: float
    #: Each piece of text on the line: (text, font size in points, width).
    texts: tuple[tuple[str, float, float], ...]
    #: The tags and the classes of the elements the line is inside, outermost first.
    tags: tuple[str, ...]
    classes: frozenset[str]
    #: Whether the line is in a page margin (running head, page number).
    in_margin: bool
    #: Where its text starts and ends across the page, and the height of its baseline.
    left: float = 0.0
    right: float = 0.0
    baseline: float = 0.0
    #: The element of the block the line is in, to tell the lines of one block.
    block: object = field(default=None, compare=False)

    @property
    def width(self) -> float:
        """Return the width of the line's text."""
        return sum(width for _, _, width in self.texts)

    @property
    def text(self) -> str:
        """Return the line's text."""
        return "".join(text for text, _, _ in self.texts)


@dataclass(frozen=True)
class Block:
    """A block of a page's body (a heading, a paragraph, a list item) and its lines there."""

    tag: str
    #: The element, to tell fragments of one block on two pages apart.
    element: object
    lines: int


def page_box(page):
    """Return the laid-out box of a page of a `weasyprint.Document`."""
    return internal(page, "_page_box")


def page_type(page) -> str:
    """Return the name of a page's @page type, such as ``back-cover`` (empty: none)."""
    return internal(page_box(page), "page_type").name or ""


def content_area(box) -> tuple[float, float, float, float]:
    """Return the content area of a page box."""
    left, top = box.content_box_x(), box.content_box_y()
    return left, top, left + box.width, top + box.height


def whole_page(box) -> tuple[float, float, float, float]:
    """Return the trimmed page of a page box (it starts after the bleed, if any)."""
    left, top = box.position_x, box.position_y
    return left, top, left + box.margin_width(), top + box.margin_height()


def items(page) -> Iterator[Item]:
    """Yield each text and picture of a page with the area it must stay in: the content
    area for the body, the whole page for margin text."""
    box = page_box(page)
    content, trimmed = content_area(box), whole_page(box)
    for child in box.children:
        area = trimmed if isinstance(child, boxes.MarginBox) else content
        for descendant in child.descendants():
            if isinstance(descendant, boxes.TextBox):
                yield Item("text", descendant.element_tag or "", descendant.text,
                           element_text(descendant), *position(descendant), area)
            elif isinstance(descendant, boxes.ReplacedBox):
                yield Item("picture", descendant.element_tag or "", "", "",
                           *position(descendant), area, pixels(descendant))


def position(box) -> tuple[float, float, float, float]:
    """Return a box's margin box: x, y, width, height."""
    return box.position_x, box.position_y, box.margin_width(), box.margin_height()


def pixels(box) -> tuple[int, int] | None:
    """Return the size in pixels of a replaced box's raster picture (None for SVG)."""
    image = internal(box, "replacement")
    if isinstance(image, SVGImage):
        return None
    if not isinstance(image, RasterImage):
        raise WeasyPrintChanged(f"WeasyPrint drew a picture as {type(image).__name__}, "
                                "neither a raster nor an SVG image; see booklet/weasy.py")
    return int(internal(image, "width")), int(internal(image, "height"))


def element_text(box) -> str:
    """Return the whole text of the element a box belongs to, on one line."""
    element = getattr(box, "element", None)
    if element is None or not hasattr(element, "itertext"):
        return ""
    return " ".join("".join(element.itertext()).split())


def lines(page) -> Iterator[Line]:
    """Yield every line of text of a page, body and margins."""
    for child in page_box(page).children:
        yield from walk_lines(child, (), frozenset(), isinstance(child, boxes.MarginBox))


def walk_lines(box, tags: tuple[str, ...], classes: frozenset[str], in_margin: bool,
               block: object = None):
    """Yield the lines inside a box."""
    element = getattr(box, "element", None)
    if element is not None and hasattr(element, "get"):
        classes = classes | set((element.get("class") or "").split())
    tags = tags + ((box.element_tag,) if box.element_tag else ())
    if isinstance(box, boxes.LineBox):
        text_boxes = [text for text in box.descendants() if isinstance(text, boxes.TextBox)]
        texts = tuple((text.text, text.style["font_size"] * POINT, text.width)
                      for text in text_boxes)
        yield Line(box.position_y, box.height, texts, tags, classes, in_margin,
                   *text_extent(text_boxes), block)
        return
    if isinstance(box, boxes.BlockContainerBox):
        block = element
    for child in getattr(box, "children", ()):
        yield from walk_lines(child, tags, classes, in_margin, block)


def text_extent(text_boxes: list) -> tuple[float, float, float]:
    """Return where the text of a line starts and ends, and its baseline (that of its
    largest text); zeros for a line without text."""
    if not text_boxes:
        return 0.0, 0.0, 0.0
    largest = max(text_boxes, key=lambda text: text.style["font_size"])
    return (min(text.position_x for text in text_boxes),
            max(text.position_x + text.width for text in text_boxes),
            largest.position_y + internal(largest, "baseline"))


def blocks(page, tags: tuple[str, ...]) -> Iterator[Block]:
    """Yield each block of a page's body whose tag is one of `tags`, with its lines there."""
    for child in page_box(page).children:
        if isinstance(child, boxes.MarginBox):
            continue
        for box in child.descendants():
            if isinstance(box, boxes.BlockLevelBox) and box.element_tag in tags:
                count = sum(isinstance(item, boxes.LineBox) for item in box.children)
                yield Block(box.element_tag, box.element, count)


def harfbuzz_subset_available() -> bool:
    """Return whether WeasyPrint found the HarfBuzz subsetting library."""
    from weasyprint.text import ffi

    return internal(ffi, "harfbuzz_subset") is not None


def fill(page) -> float:
    """Return how much of a page's content area its body uses, from 0 (empty) to 1."""
    box = page_box(page)
    top, bottom = content_area(box)[1], content_area(box)[3]
    lowest = top
    for child in box.children:
        if isinstance(child, boxes.MarginBox):
            continue
        for descendant in child.descendants():
            if isinstance(descendant, (boxes.LineBox, boxes.ReplacedBox)):
                lowest = max(lowest, descendant.position_y + descendant.margin_height())
    return min(1.0, (lowest - top) / (bottom - top)) if bottom > top else 1.0


def first_classes(page) -> frozenset[str]:
    """Return the classes of the elements around the first line of a page's body."""
    for line in lines(page):
        if not line.in_margin:
            return line.classes
    return frozenset()


@dataclass(frozen=True)
class Beside:
    """A picture laid out beside a text, inside one block (an Easy Read idea): where each
    stands, as (x, y, width, height) in CSS pixels."""

    #: The picture's box; None when the block holds no picture.
    picture: tuple[float, float, float, float] | None
    #: The box around the text's lines.
    text: tuple[float, float, float, float]
    #: The text, on one line.
    words: str


def pictures_beside(page, class_name: str) -> Iterator[Beside]:
    """Yield each block of a page's body with the class `class_name`, with its picture and
    its text where they were laid out."""
    for child in page_box(page).children:
        if isinstance(child, boxes.MarginBox):
            continue
        for box in child.descendants():
            if isinstance(box, boxes.BlockLevelBox) and class_name in classes_of(box):
                found = beside(box)
                # A block pushed to the next page may leave an empty fragment behind.
                if found.picture or found.words:
                    yield found


def classes_of(box) -> set[str]:
    """Return the classes of the element a box was made for."""
    element = getattr(box, "element", None)
    if element is None or not hasattr(element, "get") or box.element_tag is None:
        return set()
    return set((element.get("class") or "").split())


def beside(box) -> Beside:
    """Return the picture and the text laid out inside a block."""
    picture, lines = None, []
    for descendant in box.descendants():
        if isinstance(descendant, boxes.ReplacedBox) and picture is None:
            picture = position(descendant)
        elif isinstance(descendant, boxes.LineBox):
            texts = [text for text in descendant.descendants() if isinstance(text, boxes.TextBox)]
            if texts:
                left, right, _ = text_extent(texts)
                lines.append((left, descendant.position_y, right,
                              descendant.position_y + descendant.height,
                              "".join(text.text for text in texts)))
    if not lines:
        return Beside(picture, (0.0, 0.0, 0.0, 0.0), "")
    left = min(line[0] for line in lines)
    top = min(line[1] for line in lines)
    text = (left, top, max(line[2] for line in lines) - left, max(line[3] for line in lines) - top)
    return Beside(picture, text, " ".join(" ".join(line[4] for line in lines).split()))
