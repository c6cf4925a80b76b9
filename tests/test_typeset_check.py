"""Laying out and checking: no file outside the project is read, and tofu, overflow,
fallback fonts and long handouts stop the build with a clear message."""

from __future__ import annotations

import shutil
import subprocess

import pytest
import weasyprint

from booklet.build import Request, build
from booklet.check import font_problems
from booklet.errors import LayoutError
from booklet.typeset import typeset

from conftest import SMALL, page_texts



def replace_answer(folder, new: str) -> None:
    """Replace the answer of the second question of a content folder."""
    path = folder / "questions.yaml"
    block = "|\n" + "\n".join(f"      {line}" if line else "" for line in new.split("\n"))
    path.write_text(path.read_text().replace(
        "They can register honest agents and close false ones.", block))


def build_problems(folder, out, **request) -> list[str]:
    """Build a content folder that must fail; return the problems."""
    with pytest.raises(LayoutError) as raised:
        build(Request(content=folder, out=out, **request))
    return raised.value.problems


@pytest.mark.parametrize("url", ["file:///etc/passwd", "http://127.0.0.1:9/x.css",
                                 "https://example.org/x.css"])
def test_no_url_outside_the_project_is_fetched(url):
    html = f'<html><head><link rel="stylesheet" href="{url}"></head><body>x</body></html>'
    with pytest.raises(LayoutError) as raised:
        typeset(html)
    assert raised.value.problems == [
        f"refused to fetch {url!r}: only the project's styles, templates and assets may be "
        "read"]


def test_missing_glyph_is_an_error(small_content, tmp_path):
    replace_answer(small_content, "A sign no font has \U0010FFFD.")
    problems = build_problems(small_content, tmp_path / "out", audiences=("officials",),
                              formats=("booklet",), variants=("screen",))
    assert problems == [f"en/officials-booklet-screen.pdf: no font has a glyph for \"\U0010FFFD\" "
                        f"(U+10FFFD), in {small_content / 'questions.yaml'}:13; install a font "
                        "that covers it or correct the text"]
    assert not (tmp_path / "out" / "en" / "officials-booklet-screen.pdf").exists()


def test_text_running_off_the_page_is_an_error(small_content, tmp_path):
    word = "x" * 120
    replace_answer(small_content, f"A word too long to wrap {word}.")
    problems = build_problems(small_content, tmp_path / "out", audiences=("officials",),
                              formats=("booklet",), variants=("screen",))
    # The line alone is one long word: the message shows the paragraph it belongs to.
    assert problems == [f"en/officials-booklet-screen.pdf: page 3: text "
                        f"{word[:37] + '...'!r} of "
                        f"{('A word too long to wrap ' + word)[:57] + '...'!r} runs off the "
                        f"page, in {small_content / 'questions.yaml'}:13"]


def test_handout_over_two_pages_is_an_error(small_content, tmp_path):
    replace_answer(small_content, "\n\n".join(["A paragraph that goes on and on. " * 12] * 25))
    problems = build_problems(small_content, tmp_path / "out", audiences=("officials",),
                              formats=("handout",), variants=("screen",))
    assert len(problems) == 1
    assert problems[0].startswith("en/officials-handout-screen.pdf: expected at most 2 pages, "
                                  "found 3;"
                                  " shorten the text or list fewer handout_questions (")
    assert problems[0].endswith("audiences.yaml:28)")


def test_a_handout_too_long_leaves_out_its_last_questions_never_its_first(small_content,
                                                                          tmp_path):
    # The officials' handout: what officials do, then why stay in school, made too long.
    path = small_content / "questions.yaml"
    longer = " ".join(f"A reason to stay in school, number {n}, told at length."
                      for n in range(160))
    path.write_text(path.read_text().replace("      - You earn more later.\n",
                                             f"      - You earn more later. {longer}\n"))
    built = build(Request(content=small_content, out=tmp_path / "out", audiences=("officials",),
                          formats=("handout",), variants=("screen", "print")))
    for output in built:
        text = " ".join(page_texts(tmp_path / "out" / output.path))
        assert output.pages <= 2
        assert "What can officials do?" in text
        assert "Why keep children in school?" not in text and "A reason to stay" not in text


def test_a_back_cover_too_long_for_its_page_is_an_error(small_content, tmp_path):
    # The publisher stands in the back cover's foot: a longer text must not run under it,
    # nor lose its first page when the spare pages are left out.
    path = small_content / "publication.yaml"
    long_credit = "A credit that goes on and on. " * 40
    path.write_text(path.read_text().replace(
        "attribution: Written for tests from a test source.",
        f"attribution: |\n  {long_credit}\n\n  {long_credit}\n\n  {long_credit}"))
    problems = build_problems(small_content, tmp_path / "out", audiences=("pupils",),
                              formats=("booklet",), variants=("screen",))
    assert any(problem.startswith("en/pupils-booklet-screen.pdf: expected the back cover on "
                                  "the last page") for problem in problems), problems


def test_fallback_font_is_an_error():
    if "DejaVu" not in subprocess.run(["fc-match", "-f", "%{family}", "DejaVu Sans"],
                                      capture_output=True, text=True).stdout:
        pytest.skip("DejaVu Sans is not installed to fall back to")
    pdf = weasyprint.HTML(string="<p style='font-family: DejaVu Sans'>x</p>").write_pdf()
    assert font_problems("x.pdf", pdf) == [
        "x.pdf: text fell back to font(s) DejaVu-Sans; the booklets use Noto "
        "Sans only: install the Noto font that covers that text, or correct it"]


def test_problems_of_all_editions_are_reported_together(small_content, tmp_path):
    replace_answer(small_content, "A sign no font has \U0010FFFD.")
    problems = build_problems(small_content, tmp_path / "out", audiences=("officials", "everyone"),
                              variants=("screen", "imposed"))
    assert [problem.split(":")[0] for problem in problems] == [
        "en/officials-booklet-screen.pdf", "en/officials-booklet-imposed.pdf",
        "en/officials-handout-screen.pdf", "en/everyone-booklet-screen.pdf",
        "en/everyone-booklet-imposed.pdf"]
    # The editions without the faulty question were still built.
    assert (tmp_path / "out" / "en" / "everyone-handout-screen.pdf").exists()


def test_a_style_weasyprint_ignores_fails_the_build_every_time(tmp_path, monkeypatch):
    from booklet import paths

    styles = tmp_path / "styles"
    shutil.copytree(paths.STYLES, styles)
    original = (styles / "common.css").read_text()
    (styles / "common.css").write_text(original + "\np { colour: red; }\n")
    line = len(original.splitlines()) + 2
    monkeypatch.setattr(paths, "STYLES", styles)
    monkeypatch.setattr("booklet.render.STYLES", styles)
    for _ in range(2):  # The second time, the stylesheet comes from the cache.
        problems = build_problems(SMALL, tmp_path / "out", audiences=("pupils",),
                                  formats=("handout",), variants=("screen",))
        assert problems == [f"en/pupils-handout-screen.pdf: Ignored `colour: red` at {line}:5, "
                            "unknown property."]
