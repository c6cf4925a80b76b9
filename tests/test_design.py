"""The visual system: contrast of every colour used for text, a pictogram for every key
message and checklist item, and body text at the size each audience needs."""

from __future__ import annotations

import datetime
import re
import statistics
from pathlib import Path

import pytest

from booklet import paths, weasy
from booklet.produce import lay_out
from booklet.compose import compose
from booklet.errors import ContentError
from booklet.load import contrast, load
from booklet.render import environment, type_size

from conftest import PROJECT_CONTENT

CONTENT = load(PROJECT_CONTENT)
PALETTE_FILE = paths.STYLES / "colours.css"
#: Points in a CSS pixel.


def palette() -> dict[str, str]:
    """Return the RGB palette of styles/colours.css, by name."""
    screen = PALETTE_FILE.read_text().split(":root.print")[0]
    return dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-f]{6});", screen))


def test_text_colours_meet_wcag_aa():
    colours = palette()
    assert contrast(colours["text"], colours["paper"]) >= 4.5
    assert contrast(colours["text"], colours["panel"]) >= 4.5
    assert contrast(colours["muted"], colours["paper"]) >= 4.5
    for audience in CONTENT.audiences:
        # Headings and questions in the theme colour on paper, white text on the theme.
        assert contrast(audience.colour, colours["paper"]) >= 4.5, audience.id
        # The theme colour on the key messages' panel, for large text at least.
        assert contrast(audience.colour, colours["panel"]) >= 3, audience.id


def test_contrast_is_computed_as_wcag_says():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_a_colour_too_light_is_a_content_error(small_content):
    path = small_content / "audiences.yaml"
    path.write_text(path.read_text().replace('"#1b6ca8"', '"#f5c400"'))
    with pytest.raises(ContentError) as raised:
        load(small_content)
    assert raised.value.lines() == [
        f"{path}:16: audiences[0].colour: expected a colour with a contrast of 4.5:1 at least "
        "against white, found '#f5c400' (1.6:1); use a darker colour"]


def test_every_key_message_and_checklist_item_has_a_pictogram_that_exists():
    count = 0
    for audience in CONTENT.audiences:
        items = list(audience.key_messages)
        items += list(audience.checklist.items) if audience.checklist else []
        for item in items + [audience]:
            assert (paths.ASSETS / "pictograms" / f"{item.pictogram}.svg").is_file()
            count += 1
    assert count >= 50


def test_pictograms_are_single_colour_and_documented():
    docs = (Path(__file__).parent.parent / "docs" / "pictograms.md").read_text()
    svgs = sorted((paths.ASSETS / "pictograms").glob("*.svg"))
    assert len(svgs) >= 11
    for svg in svgs:
        text = svg.read_text()
        # One ink (currentColor, set to the theme colour) and white cut-outs.
        assert set(re.findall(r'(?:fill|stroke)="([^"]+)"', text)) <= {
            "currentColor", "#fff", "none"}, svg.name
        assert f"`{svg.stem}`" in docs and f"pictograms/{svg.name}" in docs


def body_lines(page):
    """Yield the lines of a page's body text: paragraphs and list items outside the covers,
    the contents, the running credit and the small print."""
    excluded = {"cover", "back-cover", "colophon", "credit", "source", "series", "audience",
                "contents", "masthead", "messages", "numbers-card", "cut-out", "spare-intro",
                "talk", "draft-note"}
    for line in weasy.lines(page):
        if not line.in_margin and not line.classes & excluded \
                and set(line.tags) & {"p", "li", "dd"}:
            yield line


def laid_out(audience_id: str, format: str):
    created = datetime.datetime(2008, 10, 24, tzinfo=datetime.timezone.utc)
    edition = compose(CONTENT, CONTENT.audience(audience_id), format)
    return lay_out(edition, created, environment())[2]


@pytest.mark.slow
@pytest.mark.parametrize("format", ["booklet", "handout"])
@pytest.mark.parametrize("audience", [audience.id for audience in CONTENT.audiences])
def test_body_text_size_and_line_length(audience, format):
    easy_read = CONTENT.audience(audience).easy_read
    minimum = type_size(CONTENT.audience(audience))
    pages = laid_out(audience, format)
    sizes, lengths = [], []
    for page in pages.document.pages:
        for line in body_lines(page):
            sizes += [size for text, size, _ in line.texts if text.strip()]
            lengths.append(len(line.text))
    assert sizes and min(sizes) >= minimum - 0.01, (min(sizes), minimum)
    # Lines that end a paragraph are short; the others show the measure: 45 to 75
    # characters, and for readers who read little, beside a picture, shorter, one idea a
    # line where it fits (Easy Read).
    full = [length for length in lengths if length >= (20 if easy_read else 30)]
    longest, shortest_median = (65, 25) if easy_read else (75, 45)
    assert max(full) <= longest, max(full)
    assert statistics.median(full) >= shortest_median, statistics.median(full)


def test_large_type_for_readers_who_read_little():
    assert {audience.id for audience in CONTENT.audiences if audience.large_type} == {
        "children", "migrants", "parents", "communities"}
    # Body text: 14 pt for children, 12 pt for the other readers who read little.
    assert {audience.id: type_size(audience) for audience in CONTENT.audiences
            if audience.large_type} == {"children": 14, "migrants": 12, "parents": 12,
                                        "communities": 12}


SHARED_STYLES = ("colours.css", "common.css", "booklet.css", "handout.css", "easy-read.css")


def test_text_in_flex_items_and_grid_tracks_has_no_automatic_least_size():
    # An automatic least size makes WeasyPrint measure the text at each break point
    # whenever it lays the item out (styles/common.css): every fr track starts at 0, and
    # every item that grows has min-width: 0 and min-height: 0.
    import tinycss2

    found = []
    for name in SHARED_STYLES:
        rules = tinycss2.parse_stylesheet((paths.STYLES / name).read_text(),
                                          skip_comments=True, skip_whitespace=True)
        for rule in rules:
            if rule.type != "qualified-rule":
                continue
            selector = tinycss2.serialize(rule.prelude).strip()
            declarations = {d.lower_name: tinycss2.serialize(d.value).strip()
                            for d in tinycss2.parse_blocks_contents(rule.content)
                            if d.type == "declaration"}
            tracks = re.sub(r"minmax\(0, *[\d.]+fr\)", "",
                            declarations.get("grid-template-columns", ""))
            if re.search(r"[\d.]+fr", tracks):
                found.append(f"{name}: {selector}: grid-template-columns {tracks}")
            grows = declarations.get("flex", "").split()[:1] not in ([], ["0"], ["none"])
            for least in ("min-width", "min-height"):
                if grows and declarations.get(least) != "0":
                    found.append(f"{name}: {selector}: flex without {least}: 0")
    assert found == []
