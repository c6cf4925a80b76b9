"""Contract tests of the WeasyPrint adapter: every internal of WeasyPrint the project
relies on, read on a small document whose layout is known. When an upgrade changes one of
them, these fail first, naming it (see booklet/weasy.py on upgrading)."""

from __future__ import annotations

import pytest

from booklet import weasy
from booklet.typeset import typeset

PIXEL = ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4"
         "nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==")
SVG = ("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='10' "
       "height='10'%3E%3Crect width='10' height='10'/%3E%3C/svg%3E")
DOCUMENT = f"""<html><head><style>
  @page {{ size: 100mm 100mm; margin: 10mm; @bottom-center {{ content: "folio" }} }}
  @page back {{ }}
  p {{ font-size: 12pt; margin: 0 }}
  .back {{ page: back; break-before: page }}
</style></head><body>
  <p class="first">One line of text</p>
  <img src="{PIXEL}" style="width: 20px"><img src="{SVG}">
  <p class="back">The back</p>
</body></html>"""


@pytest.fixture(scope="module")
def document():
    return typeset(DOCUMENT).document


def test_page_types_are_read(document):
    assert [weasy.page_type(page) for page in document.pages] == ["", "back"]


def test_items_are_texts_and_pictures_with_their_areas(document):
    items = list(weasy.items(document.pages[0]))
    texts = [item for item in items if item.kind == "text" and item.text.strip()]
    pictures = [item for item in items if item.kind == "picture"]
    assert [item.text for item in texts] == ["One line of text", "folio"]
    assert texts[0].element_text == "One line of text" and texts[0].tag == "p"
    # 100 mm pages, 10 mm margins: the body's area, and the whole page for margin text.
    millimetre = 96 / 25.4
    assert texts[0].area == pytest.approx((10 * millimetre, 10 * millimetre,
                                           90 * millimetre, 90 * millimetre))
    assert texts[1].area == pytest.approx((0, 0, 100 * millimetre, 100 * millimetre))
    assert [(item.tag, item.pixels, item.width) for item in pictures] == [
        ("img", (1, 1), 20), ("img", None, 10)]


def test_lines_carry_their_text_size_and_elements(document):
    lines = list(weasy.lines(document.pages[0]))
    body, margin = lines[0], lines[-1]
    assert body.text == "One line of text" and not body.in_margin
    assert [size for _, size, _ in body.texts] == [pytest.approx(12)]
    assert "p" in body.tags and "first" in body.classes and body.width > 0
    assert margin.text == "folio" and margin.in_margin


def test_lines_carry_their_extent_baseline_and_block(document):
    body = next(weasy.lines(document.pages[0]))
    # The paragraph starts inside the 10 mm page margin and the body's default 8 px one.
    assert body.left == pytest.approx(10 * 96 / 25.4 + 8)
    assert body.right == pytest.approx(body.left + body.width)
    assert body.y < body.baseline < body.y + body.height
    assert body.block.get("class") == "first"


def test_blocks_count_their_lines(document):
    assert [(block.tag, block.lines) for block in weasy.blocks(document.pages[0], ("p",))] \
        == [("p", 1)]


def test_the_font_subsetter_is_found():
    assert weasy.harfbuzz_subset_available()


def test_a_missing_internal_is_a_loud_error():
    with pytest.raises(weasy.WeasyPrintChanged, match="has no '_page_box' any more"):
        weasy.page_box(object())
