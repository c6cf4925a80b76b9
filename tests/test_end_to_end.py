"""The whole matrix from the project's own content: every booklet and handout, built once."""

from __future__ import annotations

import datetime
import json

import pytest

from booklet import weasy
from booklet.build import Request, build
from booklet.produce import MOST_PAGES_WITHOUT_CONTENTS, lay_out, render_and_typeset
from booklet.check import sheets
from booklet.compose import compose
from booklet.formats import FORMATS
from booklet.load import load
from booklet.translate import available_languages
from booklet.render import environment

from conftest import A4, A5, PROJECT_CONTENT, outline_titles, page_size, page_texts, read_pdf

#: The whole matrix of the project's content, built once: the slow end of the suite.
pytestmark = pytest.mark.slow

CONTENT = load(PROJECT_CONTENT)
AUDIENCES = [audience.id for audience in CONTENT.audiences]
#: How every back cover and handout credits the source: title, organisation and date.
SOURCE_CREDIT = ("Source: Human Trafficking and ILO Responses: Frequently Asked Questions, "
                 "International Labour Organization, International Programme on the "
                 "Elimination of Child Labour (ILO-IPEC), Mekong Sub-regional Project to "
                 "Combat Trafficking in Children and Women (TICW), 24 October 2008.")


@pytest.fixture(scope="module")
def full_build(tmp_path_factory):
    """Build every audience, format, variant and language of the project's content, in
    the generic edition (the country editions have their own tests, in test_editions.py);
    return the output folder."""
    out = tmp_path_factory.mktemp("full-build")
    build(Request(content=PROJECT_CONTENT, out=out, jobs=2, editions=("generic",)))
    return out


def questions_of(audience_id: str) -> list[str]:
    """Return the questions an audience's booklet must hold, in its wording."""
    audience = CONTENT.audience(audience_id)
    return [question.wording_for(audience_id)[0] for question in CONTENT.questions
            if audience.all_questions or audience_id in question.audiences]


def test_manifest_lists_a_booklet_and_a_handout_per_audience(full_build):
    entries = json.loads((full_build / "manifest.json").read_text())["outputs"]
    english = [entry for entry in entries if entry["lang"] == "en"]
    assert sorted((entry["audience"], entry["format"], entry["variant"]) for entry in english) \
        == sorted((audience, format.id, variant) for audience in AUDIENCES
                  for format in FORMATS.values() for variant in format.variants)
    assert len(english) == len(AUDIENCES) * sum(len(format.variants)
                                               for format in FORMATS.values())
    # Each translation gives the children's and young migrants' booklets and handouts.
    for language in available_languages(PROJECT_CONTENT)[1:]:
        assert sorted((entry["audience"], entry["format"]) for entry in entries
                      if entry["lang"] == language and entry["variant"] == "screen") == [
            ("children", "booklet"), ("children", "handout"), ("migrants", "booklet"),
            ("migrants", "handout")], language


@pytest.mark.parametrize("audience", AUDIENCES)
def test_booklet_facts(full_build, audience):
    path = full_build / "en" / f"{audience}-booklet-screen.pdf"
    reader = read_pdf(path)
    assert {page_size(page) for page in reader.pages} == {A5}
    pages = len(reader.pages)
    assert pages % 4 == 0 and 8 <= pages <= 24, pages
    texts = page_texts(path)
    assert SOURCE_CREDIT in texts[-1]
    own = questions_of(audience)
    # Every question has its bookmark, on the page that holds it (past the cover and any
    # contents, and not the page of questions to talk about, which lists them).
    marked = {title.replace("\xa0", " "): page for _, title, page in outline_titles(reader)}
    first = 3 if texts[1].startswith("Contents") else 2
    for title in own:
        holding = [number for number, text in enumerate(texts, 1) if number >= first
                   and title in text and not text.startswith("Talk about it")]
        assert holding == [marked[title]], title
    others = {question.wording_for(audience)[0] for question in CONTENT.questions} - set(own)
    assert not [other for other in others if any(other in text for text in texts)]


@pytest.mark.parametrize("audience", AUDIENCES)
def test_handout_fits_and_credits_the_source(full_build, audience):
    path = full_build / "en" / f"{audience}-handout-screen.pdf"
    reader = read_pdf(path)
    assert 1 <= len(reader.pages) <= 2
    assert {page_size(page) for page in reader.pages} == {A4}
    text = " ".join(page_texts(path))
    assert SOURCE_CREDIT in text
    for message in CONTENT.audience(audience).key_messages:
        assert " ".join(message.text.split()) in text


#: The elements whose boxes make up the flow of a booklet's text.
BLOCK_TAGS = ("h2", "h3", "p", "li", "dt", "dd", "div")


def fragments(document):
    """Yield (page, element, tag, lines) for each block fragment of body text on each page."""
    for number, page in enumerate(document.pages, 1):
        for block in weasy.blocks(page, BLOCK_TAGS):
            yield number, block.element, block.tag, block.lines


@pytest.mark.parametrize("audience", AUDIENCES)
def test_no_stranded_heading_no_lone_line(audience):
    created = datetime.datetime(2008, 10, 24, tzinfo=datetime.timezone.utc)
    edition = compose(CONTENT, CONTENT.audience(audience), "booklet")
    _, _, pages = lay_out(edition, created, environment())
    found = list(fragments(pages.document))
    # A question heading is never the last block of its page.
    for (page, _, tag, _), (next_page, _, _, _) in zip(found, found[1:], strict=False):
        if tag in ("h2", "h3"):
            assert next_page == page, f"heading stranded at the foot of page {page}"
    # A paragraph split across pages keeps at least two lines on each. (A list item's
    # lines sit in an anonymous box of the same element, so lines add up per page.)
    lines_per_page = {}
    for page, element, _, lines in found:
        if lines:
            pages_of_element = lines_per_page.setdefault(element, {})
            pages_of_element[page] = pages_of_element.get(page, 0) + lines
    split = [counts for counts in lines_per_page.values() if len(counts) > 1]
    assert all(min(counts.values()) >= 2 for counts in split), split


@pytest.mark.parametrize("audience", AUDIENCES)
def test_booklet_takes_the_fewest_sheets_of_paper(audience):
    created = datetime.datetime(2008, 10, 24, tzinfo=datetime.timezone.utc)
    env = environment()
    edition = compose(CONTENT, CONTENT.audience(audience), "booklet")
    chosen, _, pages = lay_out(edition, created, env)
    # A booklet of 12 pages or fewer has no contents page; compared as it is chosen.
    assert chosen.contents == (pages.page_count > MOST_PAGES_WITHOUT_CONTENTS)
    if not chosen.contents:
        edition = edition.without_contents()
    normal = render_and_typeset(edition, created, env)[1].page_count
    compact = render_and_typeset(edition.compacted(), created, env)[1].page_count
    assert pages.page_count == 4 * min(sheets(normal), sheets(compact))
    # Parts start their own pages unless following on saves a sheet (or, with as many
    # sheets, fills a page they would leave less than a third full).
    assert chosen.compact >= (sheets(compact) < sheets(normal))


@pytest.mark.parametrize("audience, layouts", [
    ("children", 1),  # short enough to be paged through: laid out once, without contents
    ("migrants", 2),  # and once more with its parts following on, which saves a sheet
])
def test_a_short_booklet_is_laid_out_without_contents_first(audience, layouts, monkeypatch):
    from booklet import produce

    created = datetime.datetime(2008, 10, 24, tzinfo=datetime.timezone.utc)
    laid = []
    typeset = produce.render_and_typeset
    monkeypatch.setattr(produce, "render_and_typeset",
                        lambda *arguments: laid.append(arguments[0]) or typeset(*arguments))
    chosen, _, pages = lay_out(compose(CONTENT, CONTENT.audience(audience), "booklet"),
                               created, environment())
    assert [edition.contents for edition in laid] == [False] * layouts
    assert not chosen.contents and pages.page_count <= MOST_PAGES_WITHOUT_CONTENTS


@pytest.mark.parametrize("audience", ["children", "parents"])
def test_the_print_booklet_is_laid_out_once_with_the_screen_booklets_choices(audience,
                                                                             monkeypatch):
    from booklet import produce

    created = datetime.datetime(2008, 10, 24, tzinfo=datetime.timezone.utc)
    laid = []
    typeset = produce.render_and_typeset
    monkeypatch.setattr(produce, "render_and_typeset",
                        lambda *arguments: laid.append(arguments[0]) or typeset(*arguments))
    screen, printed = produce.build_variants(
        compose(CONTENT, CONTENT.audience(audience), "booklet"), ("screen", "print"),
        created, environment())
    # The screen booklet's layouts, then one for print: its notes pages as the screen's.
    assert [edition.variant for edition in laid][-1:] == ["print"]
    assert [edition.variant for edition in laid].count("print") == 1
    assert laid[-1].notes_pages == screen.edition.notes_pages
    assert printed.pages == screen.pages and printed.preflight.passed


def test_a_print_booklet_whose_text_takes_other_pages_gets_its_own_notes_pages(monkeypatch):
    from booklet import produce

    created = datetime.datetime(2008, 10, 24, tzinfo=datetime.timezone.utc)
    # As if the print booklet's text took a page more or less than the screen booklet's.
    monkeypatch.setattr(produce, "same_page_types", lambda *pages: False)
    laid = []
    typeset = produce.render_and_typeset
    monkeypatch.setattr(produce, "render_and_typeset",
                        lambda *arguments: laid.append(arguments[0]) or typeset(*arguments))
    screen, printed = produce.build_variants(
        compose(CONTENT, CONTENT.audience("children"), "booklet"), ("screen", "print"),
        created, environment())
    # Laid out again with the most notes pages it can need, then trimmed to fill its sheets.
    assert laid[-1].variant == "print" and laid[-1].notes_pages == produce.MOST_NOTES_PAGES
    assert printed.pages == screen.pages and printed.preflight.passed


@pytest.mark.parametrize("audience, layouts", [
    ("governments", 1),  # one side: the first of two, its fillers all on the second
    ("parents", 1),      # two sides, its fillers on the second
    ("children", 2),     # three sides with its fillers: its questions to talk about go
])
def test_a_handout_takes_one_side_when_its_text_fits_else_two_filled(audience, layouts,
                                                                    monkeypatch):
    from booklet import produce

    created = datetime.datetime(2008, 10, 24, tzinfo=datetime.timezone.utc)
    env = environment()
    edition = compose(CONTENT, CONTENT.audience(audience), "handout")
    laid = []
    typeset = produce.render_and_typeset
    monkeypatch.setattr(produce, "render_and_typeset",
                        lambda *arguments: laid.append(arguments[0]) or typeset(*arguments))
    chosen, html, pages = lay_out(edition, created, env)
    monkeypatch.undo()
    assert len(laid) == layouts
    # What it chose is what laying out its text alone says: one side without fillers if
    # that fits, else two sides.
    bare = edition.without("talk").without("cards")
    bare_html, bare_pages = render_and_typeset(bare, created, env)
    if bare_pages.page_count == 1:
        assert (chosen, pages.page_count) == (bare, 1)
        # Taken from the layout with its fillers, the side is the one laid out alone.
        assert html == bare_html
        assert [[line.text for line in weasy.lines(page)] for page in pages.document.pages] \
            == [[line.text for line in weasy.lines(page)] for page in bare_pages.document.pages]
        assert [weasy.fill(page) for page in pages.document.pages] == \
            [weasy.fill(page) for page in bare_pages.document.pages]
    else:
        assert pages.page_count == 2 and "cards" not in chosen.left_out
        # A filler is left out only when, with it, the handout takes a third side.
        if chosen.left_out != edition.left_out:
            assert render_and_typeset(edition, created, env)[1].page_count > 2


@pytest.mark.parametrize("audience", ["children", "parents", "complete"])
def test_a_booklet_laid_out_once_is_the_booklet_laid_out_for_its_pages(audience):
    # The booklet is laid out with spare notes pages, which are then left out: page for
    # page, it must be what laying out its own HTML gives.
    created = datetime.datetime(2008, 10, 24, tzinfo=datetime.timezone.utc)
    env = environment()
    chosen, html, pages = lay_out(compose(CONTENT, CONTENT.audience(audience), "booklet"),
                                  created, env)
    direct_html, direct = render_and_typeset(chosen, created, env)
    assert html == direct_html
    assert [weasy.page_type(page) for page in pages.document.pages] == \
        [weasy.page_type(page) for page in direct.document.pages]
    assert [[line.text for line in weasy.lines(page)] for page in pages.document.pages] == \
        [[line.text for line in weasy.lines(page)] for page in direct.document.pages]
