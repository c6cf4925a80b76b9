"""Content in other languages: translations by id beside the English content, a missing
text an error naming its id and language (or English with --allow-fallback, counted in the
coverage report), and drafts marked on the page."""

from __future__ import annotations

import json

import pytest

from booklet.build import Request, build
from booklet.cli import main
from booklet.errors import BookletError, ContentError
from booklet.load import load
from booklet.translate import available_languages, load_translation, translate

from conftest import PROJECT_CONTENT, page_texts

TRANSLATION = """\
language: vi
status: draft
publication:
  title: Loạt sách thử nghiệm
  publisher: Nhà xuất bản thử nghiệm
  attribution: Viết cho các bài kiểm tra.
audiences:
  pupils:
    name: Học sinh
    booklet_title: Hãy đi học
    introduction: Cuốn sách này dành cho bạn.
    key_messages: [Đi học trước đã., Hãy hỏi trước khi đi.]
    call_to_action: Hãy nói chuyện với gia đình.
    help: [Đường dây hỗ trợ, Văn phòng địa phương]
    checklist:
      title: Trước khi đi
      items: [Tìm hiểu về công việc., Chỉ đi khi đã là người lớn.]
questions:
  why-school:
    pupils:
      question: Vì sao phải đi học?
      answer: |
        Bạn đi học càng lâu, sau này càng tìm được việc tốt hơn.
        - Bạn học cách đọc hợp đồng.
        - Sau này bạn kiếm được nhiều tiền hơn.
"""


@pytest.fixture
def translated(small_content):
    """The small fixture with a Vietnamese translation of the pupils' booklet."""
    folder = small_content / "translations"
    folder.mkdir()
    (folder / "vi.yaml").write_text(TRANSLATION)
    return small_content


def test_languages_are_english_and_each_translation_file(translated):
    assert available_languages(translated) == ["en", "vi"]
    assert available_languages(PROJECT_CONTENT)[0] == "en"


def test_a_translated_booklet_is_built_in_its_language_with_a_draft_note(translated, tmp_path):
    outputs = build(Request(content=translated, out=tmp_path / "out", languages=("vi",),
                            variants=("screen",)))
    assert sorted(output.path for output in outputs) == [
        "vi/pupils-booklet-screen.pdf", "vi/pupils-handout-screen.pdf"]
    assert {output.lang for output in outputs} == {"vi"}
    texts = page_texts(tmp_path / "out" / "vi" / "pupils-booklet-screen.pdf")
    assert texts[0].startswith("LOẠT SÁCH THỬ NGHIỆM Hãy đi học Học sinh")
    assert "Bản dịch nháp, chưa được hiệu đính" in texts[0]
    # A short booklet has no contents page: the introduction follows the cover.
    assert "Về cuốn sách nhỏ này" in texts[1] and "Vì sao phải đi học?" in " ".join(texts)
    assert "Why stay in school?" not in " ".join(texts)


def test_reviewed_translations_carry_no_draft_note(translated, tmp_path):
    path = translated / "translations" / "vi.yaml"
    path.write_text(path.read_text().replace("status: draft", "status: reviewed\nreviewer: A"))
    build(Request(content=translated, out=tmp_path / "out", languages=("vi",), variants=("screen",),
                  formats=("booklet",)))
    assert "Bản dịch nháp" not in " ".join(page_texts(tmp_path / "out" / "vi" /
                                                     "pupils-booklet-screen.pdf"))


def test_a_missing_translation_names_its_id_and_language(translated, tmp_path):
    path = translated / "translations" / "vi.yaml"
    path.write_text(path.read_text().replace("    call_to_action: Hãy nói chuyện với gia đình.\n",
                                             ""))
    with pytest.raises(ContentError) as raised:
        build(Request(content=translated, out=tmp_path / "out", languages=("vi",)))
    assert raised.value.lines() == [
        f"{path}:9: audiences.pupils.call_to_action: expected a translation into 'vi', found "
        "none (or use --allow-fallback)"]
    assert not (tmp_path / "out" / "vi").exists()


@pytest.mark.slow
def test_a_missing_question_and_audience_with_fallback_use_english(translated, tmp_path):
    path = translated / "translations" / "vi.yaml"
    path.write_text(path.read_text().split("questions:")[0] + "questions: {}\n")
    with pytest.raises(ContentError) as raised:
        build(Request(content=translated, out=tmp_path / "out", languages=("vi",)))
    assert [line.split(": ", 1)[1] for line in raised.value.lines()] == [
        "questions.why-school.pupils: expected a translation into 'vi', found none (or use "
        "--allow-fallback)"]
    outputs = build(Request(content=translated, out=tmp_path / "out", languages=("vi",),
                            variants=("screen",), allow_fallback=True))
    # With fallback every audience is built, in English where nothing is translated.
    assert len(outputs) == 6
    assert "Why stay in school?" in " ".join(page_texts(tmp_path / "out" / "vi" /
                                                       "pupils-booklet-screen.pdf"))


def test_the_coverage_report_lists_every_fallback(translated, capsys):
    path = translated / "translations" / "vi.yaml"
    path.write_text(path.read_text().replace("    introduction: Cuốn sách này dành cho bạn.\n",
                                             ""))
    assert main(["--check", "--content", str(translated)]) == 0
    out = capsys.readouterr().out
    assert "  vi (draft): 1 audience(s) (pupils), 93.3% translated\n" in out
    assert "    English used for audiences.pupils.introduction\n" in out


def test_a_list_of_another_length_is_an_error(translated):
    path = translated / "translations" / "vi.yaml"
    path.write_text(path.read_text().replace("[Đi học trước đã., Hãy hỏi trước khi đi.]",
                                             "[Đi học trước đã.]"))
    translation, lines = load_translation(translated, "vi")
    with pytest.raises(ContentError) as raised:
        translate(load(translated), translation, lines, ["pupils"], allow_fallback=True)
    assert raised.value.lines() == [
        f"{path}:12: audiences.pupils.key_messages: expected 2 items, as in English, found 1"]


def test_an_unknown_language_is_an_error(translated, tmp_path):
    with pytest.raises(BookletError) as raised:
        build(Request(content=translated, out=tmp_path / "out", languages=("fr",)))
    assert str(raised.value) == "--lang: expected a language of the content (en, vi), found 'fr'"


def test_the_project_translations_cover_children_and_young_migrants_whole():
    content = load(PROJECT_CONTENT)
    languages = available_languages(PROJECT_CONTENT)[1:]
    assert languages, "no translation in content/translations"
    for language in languages:
        translation, lines = load_translation(PROJECT_CONTENT, language)
        assert {"children", "migrants"} <= set(translation.audiences), language
        assert translation.status in ("draft", "reviewed")
        coverage = translate(content, translation, lines, ["children", "migrants"],
                             allow_fallback=True)[1]
        assert coverage.fallbacks == [], (language, coverage.fallbacks)


@pytest.mark.slow
def test_manifest_lists_the_translated_outputs(tmp_path):
    languages = available_languages(PROJECT_CONTENT)[1:2]
    build(Request(content=PROJECT_CONTENT, out=tmp_path / "out", languages=tuple(languages),
                  variants=("screen",), jobs=2, editions=("generic",)))
    entries = json.loads((tmp_path / "out" / "manifest.json").read_text())["outputs"]
    assert sorted((entry["lang"], entry["audience"], entry["format"]) for entry in entries) == [
        (languages[0], audience, format) for audience in ("children", "migrants")
        for format in ("booklet", "handout")]


@pytest.mark.slow
def test_a_second_build_of_every_language_builds_nothing(translated, tmp_path):
    from booklet.build import build_with_report

    request = Request(content=translated, out=tmp_path / "out", variants=("screen",))
    first = build_with_report(request)
    assert {output.lang for output in first.outputs} == {"en", "vi"}
    second = build_with_report(request)
    assert len(second.skipped) == len(first.outputs) == 8 and second.preflights == []
