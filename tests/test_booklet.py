"""Facts of the PDFs built from the small fixture: page sizes and counts, covers, contents,
bookmarks, fonts and metadata."""

from __future__ import annotations

import re

import pytest

from booklet.build import Request, build
from booklet.load import load

from conftest import (A4, A5, HALF_LETTER, LETTER, SMALL, outline_titles, page_size,
                      page_texts, read_pdf)

CONTENT = load(SMALL)


def booklet_path(out, audience: str):
    return out / "en" / f"{audience}-booklet-screen.pdf"


@pytest.mark.parametrize("audience", ["pupils", "officials", "everyone"])
def test_booklet_is_a5_in_whole_sheets_with_the_back_cover_last(small_build, audience):
    reader = read_pdf(booklet_path(small_build, audience))
    assert len(reader.pages) % 4 == 0
    assert {page_size(page) for page in reader.pages} == {A5}
    texts = page_texts(booklet_path(small_build, audience))
    assert "A Test Source" in texts[-1] and "24 October 2008" in texts[-1]
    assert all("24 October 2008" not in text for text in texts[:-1])


def test_spare_pages_hold_cards_and_questions_and_one_notes_page_at_most(small_build):
    # The pupils' booklet has 4 pages of its own; the last sheet's spare pages hold, in
    # order, cards of important numbers, questions to talk about, then one notes page.
    texts = page_texts(booklet_path(small_build, "pupils"))
    assert len(texts) == 8
    assert [text.split()[0] for text in texts[4:7]] == ["Important", "Talk", "Notes"]
    assert sum(text.startswith("Notes") for text in texts) == 1
    assert texts[6].endswith(" 7") and texts[3].startswith("What you can do")


def test_cover_has_title_audience_publisher_and_no_page_number(small_build):
    texts = page_texts(booklet_path(small_build, "pupils"))
    assert texts[0] == "SAFE MIGRATION TEST SERIES Stay in school Pupils Test Publisher"
    # Inside pages carry the running head and their number.
    assert texts[1].endswith(" Stay in school 2")
    assert texts[2].endswith(" Stay in school 3")


def bookmarks(path) -> list[tuple[int, str, int]]:
    """Return a booklet's bookmarks, their titles as they read (headings keep their last
    two words together with a no-break space)."""
    return [(level, title.replace("\xa0", " "), page)
            for level, title, page in outline_titles(read_pdf(path))]


@pytest.mark.parametrize("audience", ["pupils", "officials", "everyone"])
def test_a_short_booklet_has_no_contents_and_its_bookmarks_give_the_real_pages(small_build,
                                                                              audience):
    path = booklet_path(small_build, audience)
    texts = page_texts(path)
    assert not any(text.startswith("Contents") for text in texts)
    serves = [question for question in CONTENT.questions
              if audience in question.audiences or audience == "everyone"]
    titles = [question.wording_for(audience)[0] for question in serves]
    marked = {title: page for _, title, page in bookmarks(path)}
    for title in titles + ["About this booklet", "What you can do"]:
        # Past the cover, and not the page of questions to talk about, which lists them.
        holding = [number for number, text in enumerate(texts, 1) if number > 1
                   and title in text and not text.startswith("Talk about it")]
        assert holding == [marked[title]], title
    others = {question.wording_for(audience)[0] for question in CONTENT.questions} - set(titles)
    assert not any(other in text for other in others for text in texts)


def test_bookmarks_list_sections_and_questions(small_build):
    assert bookmarks(booklet_path(small_build, "officials")) == [
        (1, "About this booklet", 2),
        (1, "Questions and answers", 3),
        (2, "Why keep children in school?", 3),
        (2, "What can officials do?", 3),
        (1, "Our mission", 3),
        (1, "What you can do", 3),
    ]


def test_fonts_are_noto_sans_embedded_and_subset(small_build):
    reader = read_pdf(booklet_path(small_build, "pupils"))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            fonts[str(font["/BaseFont"])] = "/FontFile2" in descriptor
    assert fonts and all(fonts.values()), fonts
    assert all(re.fullmatch(r"/[A-Z]{6}\+Noto-Sans(-Bold|-Italic)?", name) for name in fonts), fonts


def test_metadata(small_build):
    reader = read_pdf(booklet_path(small_build, "pupils"))
    info = reader.metadata
    assert info.title == "Stay in school"
    assert info.author == "Test Publisher"
    assert info.subject == "Safe Migration Test Series: booklet for Pupils"
    assert reader.metadata["/Keywords"] == "test, migration"
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_handout_is_one_a4_page_with_what_it_must_hold(small_build):
    path = small_build / "en" / "officials-handout-screen.pdf"
    reader = read_pdf(path)
    assert [page_size(page) for page in reader.pages] == [A4]
    (text,) = page_texts(path)
    for part in ("Policy notes", "Officials", "Key messages", "Register agents.",
                 "What can officials do?", "Why keep children in school?", "What you can do",
                 "Register the agents.", "Where to get help", "Ministry",
                 "Source: A Test Source, Test Organisation, 24 October 2008."):
        assert part in text, part
    assert text.index("What can officials do?") < text.index("Why keep children in school?")
    assert text.count("Source:") == 1


def test_us_letter_when_asked(tmp_path):
    outputs = build(Request(content=SMALL, out=tmp_path, audiences=("pupils",),
                            variants=("screen",), paper="letter"))
    assert [output.path for output in outputs] == ["en/pupils-booklet-screen-letter.pdf",
                                                   "en/pupils-handout-screen-letter.pdf"]
    booklet, handout = (read_pdf(tmp_path / output.path) for output in outputs)
    assert {page_size(page) for page in booklet.pages} == {HALF_LETTER}
    assert [page_size(page) for page in handout.pages] == [LETTER]


@pytest.mark.slow
def test_same_bytes_with_source_date_epoch(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1224806400")
    request = dict(content=SMALL, audiences=("pupils",), formats=("booklet",))
    first = build(Request(out=tmp_path / "one", **request))
    second = build(Request(out=tmp_path / "two", **request))
    assert [output.sha256 for output in first] == [output.sha256 for output in second]
    booklet = (tmp_path / "one" / first[0].path).read_bytes()
    assert booklet == (tmp_path / "two" / first[0].path).read_bytes()
    created = read_pdf(tmp_path / "one" / first[0].path).metadata["/CreationDate"]
    assert created == "D:20081024000000Z"
