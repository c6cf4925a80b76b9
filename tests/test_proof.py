"""The bilingual review proof: English and translation side by side, text by text, with
the id, the status, the terms and room for remarks, set in the booklets' fonts."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest
from conftest import PROJECT_CONTENT, page_texts, read_pdf

from booklet.cli import main
from booklet.exchange import entries
from booklet.load import load
from booklet.proof import proof_html, section_title


def fonts_of(path: Path) -> set[str]:
    """Return the names of the fonts a PDF embeds, without their subset prefix."""
    names = set()
    for page in read_pdf(path).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names


def scripts_of(text: str) -> set[str]:
    """Return the scripts of the letters of a text, by the first word of their names."""
    return {unicodedata.name(character, "?").split()[0] for character in text
            if character.isalpha()}


@pytest.mark.slow
@pytest.mark.parametrize("language, font, script", [("km", "Noto-Sans-Khmer", "KHMER"),
                                                    ("my", "Noto-Sans-Myanmar", "MYANMAR")])
def test_the_proof_holds_both_scripts_on_its_pages(tmp_path, language, font, script):
    out = tmp_path / f"{language}-proof.pdf"
    assert main(["translation", "proof", language, "--audience", "children",
                 "--out", str(out)]) == 0
    texts = page_texts(out)
    assert texts[0].startswith("Review proof: ")
    # The running heads: the series, and the language, on every page.
    assert all("Human Trafficking and ILO Responses Review proof: " in page for page in texts)
    assert {font, "Noto-Sans"} <= fonts_of(out)
    # Every page with a translated text on it holds the English and the translation.
    translated = [page for page in texts if "TRANSLATED" in page]
    assert len(translated) >= len(texts) - 2
    for page in translated:
        assert {"LATIN", script} <= scripts_of(page), page[:200]
    whole = " ".join(texts)
    assert "audiences.children.key_messages[0]" in whole
    assert "Stay in school until you are at least 15." in whole
    assert "TRANSLATED" in whole and "Remarks" in whole and "Terms:" in whole
    assert "audiences.migrants" not in whole
    assert f"page 1 of {len(texts)}" in texts[0]


def test_the_proof_shows_each_texts_status_and_the_english_it_was_made_from(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(PROJECT_CONTENT, content)
    path = content / "audiences.yaml"
    path.write_text(path.read_text().replace("Stay in school until you are at least 15.",
                                             "Stay in school until you are 15 or older."))
    loaded = load(content)
    found = entries(loaded, "th", ("children",))
    html = proof_html(loaded, "th", None, found)
    assert '<article class="text outdated">' in html
    assert "Translated from:</span> Stay in school until you are at least 15." in html
    # The publication's mission may stay in English: missing, and said so.
    assert "No translation yet: English is used." in html
    # Thai is marked for line breaking, as in the booklets.
    assert "\u200b" in html
    assert html.count('<div class="translation" lang="th">') == len(found)


def test_sections_follow_the_content():
    names = {"children": "Children and young people"}
    questions = {"under-15": "Why should children under 15 not migrate?"}
    assert section_title("publication.title", names, questions).startswith("The publication")
    assert section_title("audiences.children.help[1]", names, questions).startswith(
        "Children and young people")
    assert section_title("questions.under-15.children.answer", names, questions) == \
        "Question under-15: Why should children under 15 not migrate?"
    assert section_title("words.contents", names, questions).startswith("The fixed words")


def test_an_unknown_audience_is_refused(capsys):
    assert main(["translation", "proof", "km", "--audience", "nobody"]) == 1
    assert "--audience: expected a known audience id" in capsys.readouterr().err
