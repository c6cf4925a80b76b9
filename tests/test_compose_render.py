"""Composing an edition and rendering it to HTML: the right questions, in the right words,
and content that stays plain text."""

from __future__ import annotations

import datetime

from booklet.compose import compose
from booklet.richtext import plain_text, to_html
from booklet.load import load
from booklet.render import render

from conftest import SMALL

CREATED = datetime.datetime(2008, 10, 24, tzinfo=datetime.timezone.utc)


def test_markdown_renders_paragraphs_lists_and_links():
    text = "One line\ncontinued.\n\n- first\n- *second*\n\nSee [the ILO](https://www.ilo.org)."
    assert to_html(text) == (
        "<p>One line\ncontinued.</p>\n<ul>\n<li>first</li>\n<li><em>second</em></li>\n</ul>\n"
        '<p>See <a href="https://www.ilo.org">the ILO</a>.</p>\n')
    assert to_html("Call **now**", inline=True) == "Call <strong>now</strong>"
    assert plain_text(text) == ["One line continued.", "first", "second", "See the ILO."]


def test_booklet_holds_the_audience_questions_in_its_words():
    content = load(SMALL)
    officials = compose(content, content.audience("officials"), "booklet")
    assert [entry.question for entry in officials.entries] == [
        "Why keep children in school?", "What can officials do?"]
    pupils = compose(content, content.audience("pupils"), "booklet")
    assert [entry.id for entry in pupils.entries] == ["why-school"]
    everyone = compose(content, content.audience("everyone"), "booklet")
    assert [entry.id for entry in everyone.entries] == ["why-school", "what-officials-do"]


def test_handout_holds_the_handout_questions_in_order():
    content = load(SMALL)
    handout = compose(content, content.audience("officials"), "handout")
    assert [entry.id for entry in handout.entries] == ["what-officials-do", "why-school"]


def test_template_code_in_content_prints_as_written(small_content):
    path = small_content / "questions.yaml"
    text = path.read_text().replace(
        "They can register honest agents and close false ones.",
        "'{{ 7 * 7 }} {% if true %}x{% endif %} {# c #}'")
    path.write_text(text)
    content = load(small_content)
    edition = compose(content, content.audience("officials"), "booklet")
    html = render(edition, CREATED)
    assert "<p>{{ 7 * 7 }} {% if true %}x{% endif %} {# c #}</p>" in html
    assert "49" not in html


def test_html_carries_metadata_and_theme():
    content = load(SMALL)
    edition = compose(content, content.audience("pupils"), "booklet")
    html = render(edition, CREATED)
    assert ('<html lang="en" class="screen large-type easy-read" style="--theme: #1b6ca8; '
            '--body: 12pt">') in html
    assert "<title>Stay in school</title>" in html
    assert '<meta name="dcterms.created" content="2008-10-24T00:00:00Z">' in html
    assert "@page { size: A5; }" in html
    # Large solid areas only in print: the screen cover is white.
    assert "@page cover" not in html and "bleed" not in html
    printed = render(edition.as_variant("print"), CREATED)
    # The theme colour through the output profile (FOGRA39), not a naive formula.
    assert '<html lang="en" class="print large-type easy-read" style="--theme: device-cmyk('\
        '0.827 0.431 0 0.176); --body: 12pt">' in printed
    # The cover's colour is a panel, the same as on screen, run on into the bleed by the
    # style sheet: no page background.
    assert "@page cover" not in printed and 'class="cover-panel"' in printed
    # The bleed; the crop marks are drawn outside it afterwards (booklet/press.py).
    assert "@page { bleed: 3mm; }" in printed and "marks: crop" not in printed


def test_content_reference_documents_every_field():
    from pathlib import Path

    from booklet.schema import reference

    docs = (Path(__file__).parent.parent / "docs" / "content.md").read_text(encoding="utf-8")
    assert reference() in docs, "rewrite it: python -m booklet.schema docs/content.md"


def test_fixed_words_come_from_one_file_per_language():
    from pathlib import Path

    import yaml

    from booklet.render import words

    folder = Path(__file__).parent.parent / "templates" / "words"
    english = yaml.safe_load((folder / "en.yaml").read_text())
    for path in folder.glob("*.yaml"):
        assert set(yaml.safe_load(path.read_text())) == set(english), path.name
    content = load(SMALL)
    html = render(compose(content, content.audience("pupils"), "booklet"), CREATED)
    # Titles keep their last two words together (a no-break space).
    html = html.replace("\u00a0", " ")
    for key in ("contents", "about_this_booklet", "our_mission", "where_to_get_help", "source"):
        assert english[key] in html
    assert words("en-GB") == english


def test_a_language_without_its_words_is_a_clear_error():
    import pytest

    from booklet.errors import BookletError
    from booklet.render import words

    with pytest.raises(BookletError) as raised:
        words("xx")
    assert str(raised.value).endswith("words/xx.yaml: expected the fixed words of the "
                                      "templates in 'xx', found no file; copy words/en.yaml "
                                      "and translate it")
