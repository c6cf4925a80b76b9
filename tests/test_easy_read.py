"""Booklets that readers who read little pick up and read: the pictogram library, a picture
beside every paragraph, large type, covers composed as scenes, every page earning its
place, no lone words. Layouts are measured on WeasyPrint's boxes (`booklet.weasy`), for
every audience and language, as the reader will see them."""

from __future__ import annotations

import datetime
import functools
import itertools
import json
import re

import pytest
from conftest import PROJECT_CONTENT

from booklet import easyread, icons, paths, segment, typography, weasy
from booklet.compose import compose
from booklet.errors import ContentError
from booklet.load import load
from booklet.produce import MOST_PAGES_WITHOUT_CONTENTS, lay_out
from booklet.render import environment, type_size
from booklet.translate import load_translation, translate

CONTENT = load(PROJECT_CONTENT)
CREATED = datetime.datetime(2008, 10, 24, tzinfo=datetime.UTC)
#: CSS pixels in a millimetre.
MM = 96 / 25.4
#: The least a picture beside an idea measures, and the least part of a page used.
SMALLEST_PICTURE = 15 * MM
LEAST_FILL = 1 / 3
EASY = [audience.id for audience in CONTENT.audiences if audience.easy_read]
TRANSLATED = ["th", "km", "lo", "my", "vi", "zh-Hans"]
#: Each output to measure: (audience, language).
EASY_OUTPUTS = [(audience, "en") for audience in EASY] + [
    (audience, language) for language in TRANSLATED for audience in ("children", "migrants")]


@functools.cache
def content_in(language: str):
    """Return the project's content in a language (English, or a translation)."""
    if language == "en":
        return CONTENT
    translation, lines = load_translation(PROJECT_CONTENT, language)
    return translate(CONTENT, translation, lines, ["children", "migrants"], False)[0]


@functools.cache
def laid(audience: str, format: str, language: str = "en", variant: str = "screen"):
    """Return an output laid out as the build lays it out: (edition, html, pages)."""
    content = content_in(language)
    edition = compose(content, content.audience(audience), format, variant=variant)
    return lay_out(edition, CREATED, environment())


# The pictogram library --------------------------------------------------------------------

def test_health_icons_are_installed_at_the_pinned_version():
    pinned = json.loads((paths.PROJECT / "package.json").read_text())["dependencies"]
    assert icons.version() == pinned["healthicons"] == "2.0.0"
    assert len(icons.names()) > 1000
    assert "MIT" in icons.licence_file().read_text()


def test_a_health_icon_is_read_as_every_picture_is():
    svg = icons.svg("healthicons:people/domestic_worker")
    assert svg.startswith("<svg") and "currentColor" in svg
    assert "<script" not in svg and "<style" not in svg
    assert icons.svg("healthicons:outline/people/domestic_worker") != svg


@pytest.mark.parametrize("name, why", [
    ("healthicons:people/female_sex_worker", "never a sex worker"),
    ("healthicons:people/../../../../etc/passwd", "not of the form"),
    ("healthicons:people/no_such_icon", "does not exist"),
])
def test_an_icon_that_is_refused_or_missing_says_why(name, why):
    from booklet.assets import AssetError

    with pytest.raises(AssetError, match=why):
        icons.svg(name)


def test_an_unknown_pictogram_is_a_content_error_naming_close_names(small_content):
    path = small_content / "questions.yaml"
    path.write_text(path.read_text().replace("healthicons:objects/coins",
                                             "healthicons:objects/coin"))
    with pytest.raises(ContentError) as raised:
        load(small_content)
    line = raised.value.lines()[0]
    assert line.startswith(f"{path}:9: questions[0].pictures[2]: expected the name of a "
                           "pictogram")
    assert "found 'healthicons:objects/coin'; did you mean 'healthicons:objects/coins'" in line


def test_the_docs_show_every_pictogram_the_content_uses():
    docs = (paths.PROJECT / "docs" / "pictograms.md").read_text()
    assert (paths.PROJECT / "docs" / "images" / "pictograms.png").is_file()
    for name in used_pictograms():
        assert f"`{name}`" in docs, name


def used_pictograms() -> set[str]:
    """Return every pictogram the content names."""
    names = set()
    for audience in CONTENT.audiences:
        names.update(message.pictogram for message in audience.key_messages)
        names.update(item.pictogram for item in (audience.checklist.items
                                                 if audience.checklist else ()))
        names.update(audience.cover_scene)
        names.add(audience.pictogram)
    for question in CONTENT.questions:
        names.update(question.pictures)
        for version in question.versions:
            names.update(version.pictures)
    return names


# Pictures for every paragraph -------------------------------------------------------------

def test_every_answer_an_easy_read_audience_reads_has_a_picture_for_each_paragraph():
    counted = 0
    for language in ["en", *TRANSLATED]:
        content = content_in(language)
        for audience in content.audiences:
            if not audience.easy_read or (language != "en"
                                          and audience.id not in ("children", "migrants")):
                continue
            for entry in compose(content, audience, "booklet").entries:
                ideas = entry.ideas
                assert ideas and all(idea.picture for idea in ideas), (language, entry.id)
                assert len(ideas) == len(entry.pictures)
                counted += len(ideas)
    assert counted > 300


def test_an_answer_without_its_pictures_is_a_content_error(small_content):
    path = small_content / "questions.yaml"
    path.write_text(path.read_text().replace(", healthicons:objects/coins]", "]"))
    with pytest.raises(ContentError) as raised:
        load(small_content)
    assert raised.value.lines() == [
        (f"{path}:9: questions[0].pictures: expected 3 picture(s), one for each paragraph and "
         "list item of the answer as pupils, officials, everyone read it, found 2")]


def test_a_translation_keeps_the_paragraphs_beside_their_pictures(tmp_path):
    import shutil

    folder = tmp_path / "content"
    shutil.copytree(PROJECT_CONTENT, folder)
    path = folder / "translations" / "vi.yaml"
    text = path.read_text()
    # Two ideas of the children's "Who can I talk to?" made one paragraph.
    joined = text.replace("Bạn có quyền được nói và được lắng nghe.\n\n",
                          "Bạn có quyền được nói và được lắng nghe. ")
    assert joined != text
    path.write_text(joined)
    translation, lines = load_translation(folder, "vi")
    with pytest.raises(ContentError) as raised:
        translate(load(folder), translation, lines, ["children", "migrants"], True)
    [line] = raised.value.lines()
    assert "questions.participation.children.answer: expected 5 paragraph(s) and list " \
           "item(s), as in English, each beside its picture, found 4" in line


def test_paragraphs_and_list_items_are_the_ideas_of_an_answer():
    assert easyread.paragraphs("One.\n\nTwo:\n\n- three;\n- four.") == [
        ("One.", False), ("Two:", False), ("three;", True), ("four.", True)]


# The children's booklet speaks to the child ----------------------------------------------

def test_the_childrens_questions_are_their_own_in_the_order_they_ask_them():
    edition = compose(CONTENT, CONTENT.audience("children"), "booklet")
    assert [entry.question for entry in edition.entries] == [
        "Should I go away to work?", "Should I work to help my family?",
        "Who are traffickers?", "What if someone tricks me?", "Who can I talk to?"]


# No lone words ------------------------------------------------------------------------------

@pytest.mark.parametrize("html, expected", [
    ("<h1>Stay safe, stay in school</h1>", "<h1>Stay safe, stay in\u00a0school</h1>"),
    ('<p class="series">Human Trafficking and ILO Responses</p>',
     '<p class="series">Human Trafficking and ILO\u00a0Responses</p>'),
    ("<p>in ILO Convention No. 138, a rule</p>", "<p>in ILO Convention No.\u00a0138, a rule</p>"),
    ("<h3>Why?</h3>", "<h3>Why?</h3>"),
    ("<p>the last words of a paragraph</p>", "<p>the last words of a paragraph</p>"),
])
def test_titles_keep_their_last_two_words_and_numbers_their_labels(html, expected):
    assert typography.set_html(html, "en") == expected


def test_vietnamese_titles_are_left_to_the_segmenter_and_numbers_kept_in_any_case():
    # booklet.segment keeps the last two syllables of a Vietnamese title together.
    assert typography.set_html("<h3>Vì sao là trẻ em</h3>", "vi") == "<h3>Vì sao là trẻ em</h3>"
    assert typography.set_html("<p>Công ước số 138</p>", "vi") == "<p>Công ước số\u00a0138</p>"
    assert typography.set_html("<h3>ทำไม 15 ปี</h3>", "th") == "<h3>ทำไม 15 ปี</h3>"


# Laid out: every audience and language ----------------------------------------------------

HEADINGS = ("h1", "h2", "h3")
TITLE_CLASSES = {"series", "audience", "card-title", "question"}


def lone_words(pages, language: str) -> list[str]:
    """Return the last lines of headings and titles that hold one word (one syllable or
    character in the scripts without spaces)."""
    found = []
    for page in pages.document.pages:
        by_block: dict[int, list[weasy.Line]] = {}
        for line in weasy.lines(page):
            if not line.in_margin and line.text.strip() and (
                    set(line.tags) & set(HEADINGS) or line.classes & TITLE_CLASSES):
                by_block.setdefault(id(line.block), []).append(line)
        for lines in by_block.values():
            if len(lines) > 1 and last_line_units([line.text for line in lines], language) < 2:
                found.append(" / ".join(line.text for line in lines))
    return found


def last_line_units(lines: list[str], language: str) -> int:
    """Return how many words a title's last line holds: by spaces, or in the scripts
    without them, by ICU's words found in the whole title (Chinese: by characters)."""
    base = language.split("-")[0]
    texts = [line.replace("\u200b", "") for line in lines]
    if base in ("zh", "ja"):
        return len(segment.HAN.findall(texts[-1]))
    if base in segment.SEGMENTED:
        whole = "".join(texts)
        start = len(whole) - len(texts[-1])
        pieces = [0, *segment.breaks(whole, base), len(whole)]
        return sum(1 for begin, end in itertools.pairwise(pieces)
                   if end > start and re.search(r"\w", whole[max(begin, start):end]))
    return len(texts[-1].replace("\u00a0", " ").split())


def body_sizes(pages) -> tuple[list[float], list[float]]:
    """Return the sizes of the body text (paragraphs, list items and ideas) and of the
    questions' headings."""
    body, headings = [], []
    skipped = {"cover", "back-cover", "colophon", "credit", "source", "series", "audience",
               "contents", "masthead", "numbers-card", "cut-out", "draft-note", "spare-intro",
               "talk"}
    for page in pages.document.pages:
        for line in weasy.lines(page):
            if line.in_margin or line.classes & skipped or not line.text.strip():
                continue
            sizes = [size for text, size, _ in line.texts if text.strip()]
            if "h3" in line.tags and "qa" in line.classes:
                headings += sizes
            elif set(line.tags) & {"p", "li", "dd"} and not set(line.tags) & set(HEADINGS):
                body += sizes
    return body, headings


@pytest.mark.slow
@pytest.mark.parametrize("format", ["booklet", "handout"])
@pytest.mark.parametrize("audience, language", EASY_OUTPUTS)
def test_easy_read_type_is_large_and_every_idea_has_its_picture_beside_it(audience, language,
                                                                          format):
    edition, _, pages = laid(audience, format, language)
    body, headings = body_sizes(pages)
    least = type_size(CONTENT.audience(audience))
    assert least >= (14 if audience == "children" else 12)
    assert body and min(body) >= least - 0.01, (min(body), least)
    assert headings and min(headings) >= 1.4 * least, (min(headings), least)
    ideas = [idea for page in pages.document.pages
             for idea in weasy.pictures_beside(page, "idea")]
    assert len(ideas) == sum(len(entry.ideas) for entry in edition.entries)
    for idea in ideas:
        assert idea.picture, idea.words
        x, y, width, height = idea.picture
        text_x, text_y, _, text_height = idea.text
        assert width >= SMALLEST_PICTURE - 0.5 and height >= SMALLEST_PICTURE - 0.5
        # On the left, beside the text: before it across the page, level with it down it.
        assert x + width <= text_x, idea.words
        assert y < text_y + text_height and text_y < y + height, idea.words


def booklet_fill(pages) -> tuple[list[float], int, int]:
    """Return the fill of each page between the covers but the last page of text, the
    number of notes pages, and of contents pages."""
    document = pages.document.pages
    kinds = [weasy.first_classes(page) for page in document]
    spare = [index for index, classes in enumerate(kinds) if "spare" in classes]
    last_text = (spare[0] if spare else len(document) - 1) - 1
    fills = [weasy.fill(document[index]) for index in range(1, last_text)]
    notes = sum(1 for classes in kinds if "notes" in classes)
    contents = sum(1 for classes in kinds if "contents" in classes)
    return fills, notes, contents


@pytest.mark.slow
@pytest.mark.parametrize("audience, language",
                         [(audience.id, "en") for audience in CONTENT.audiences]
                         + [pair for pair in EASY_OUTPUTS if pair[1] != "en"])
def test_every_page_earns_its_place_and_no_heading_leaves_a_word_alone(audience, language):
    _, _, pages = laid(audience, "booklet", language)
    fills, notes, contents = booklet_fill(pages)
    assert min(fills) >= LEAST_FILL, [round(fill, 2) for fill in fills]
    assert notes <= 1
    # A short booklet is paged through: no contents page.
    assert contents == (pages.page_count > MOST_PAGES_WITHOUT_CONTENTS)
    assert lone_words(pages, language) == []
    _, _, handout = laid(audience, "handout", language)
    sides = [weasy.fill(page) for page in handout.document.pages]
    assert len(sides) == 1 or min(sides) >= 0.5, sides
    assert lone_words(handout, language) == []


@pytest.mark.slow
def test_the_cover_is_a_scene_composed_the_same_on_screen_and_in_print():
    positions = {}
    for variant in ("screen", "print"):
        _, html, pages = laid("children", "booklet", "en", variant)
        cover = html.split('class="cover-scene"', 1)[1].split("</div>", 1)[0]
        # The scene: one picture of its four pictograms on a ground, under a sun.
        assert cover.count("<svg") == 1 + len(CONTENT.audience("children").cover_scene)
        box = weasy.page_box(pages.document.pages[0])
        left, top = weasy.whole_page(box)[:2]
        positions[variant] = [(round(item.x - left, 1), round(item.y - top, 1),
                               round(item.width, 1)) for item in
                              weasy.items(pages.document.pages[0])]
    assert positions["screen"] == positions["print"]
    # The children's cover: their title alone, without the series title.
    assert 'class="series"' not in html.split('class="cover-panel"')[0]


def test_the_series_title_stays_on_the_covers_of_the_other_readers():
    assert {audience.id for audience in CONTENT.audiences if audience.title_alone} == {
        "children", "migrants"}
    assert all(3 <= len(audience.cover_scene) <= 5 for audience in CONTENT.audiences)
