"""The translators' round trip: translatable fields marked once in the schema and everything
about translations derived from the mark; PO and XLIFF export and import; texts whose
English changed since they were translated."""

from __future__ import annotations

import dataclasses
import datetime
import shutil
from pathlib import Path
from typing import Any

import polib
import pytest
import yaml
from conftest import PROJECT_CONTENT

from booklet import exchange, model, xliff
from booklet import po as po_files
from booklet.cli import main
from booklet.errors import BookletError, ContentError
from booklet.load import load
from booklet.render import render
from booklet.schema.kinds import Field, ListOf, MapOf, Reader, Record
from booklet.schema.text import LINE, SLUG, Text
from booklet.schema.translation import translated_kind, translation_record
from booklet.sources import fingerprint, read_sources, sources_path, stamp
from booklet.translate import Walk, available_languages, load_translation, translate
from booklet.words import words_file

#: The project's languages, each with its translation file.
LANGUAGES = available_languages(PROJECT_CONTENT)[1:]
KEY_MESSAGE = "audiences.children.key_messages[0]"


@pytest.fixture
def project(tmp_path) -> Path:
    """Return a copy of the project's content, free to edit."""
    folder = tmp_path / "content"
    shutil.copytree(PROJECT_CONTENT, folder)
    return folder


def files_of(content: Path, language: str) -> dict[str, bytes]:
    """Return the bytes of a language's translation file, its sidecar and its fixed words."""
    return {"translation": (content / "translations" / f"{language}.yaml").read_bytes(),
            "sources": sources_path(content, language).read_bytes(),
            "words": words_file(language).read_bytes()}


def export_to(content: Path, language: str, format: str, out: Path) -> Path:
    """Export a language through the command line; return the file."""
    assert main(["translation", "export", language, "--format", format, "--content",
                 str(content), "--out", str(out)]) == 0
    return out


# Marked once.


@dataclasses.dataclass(frozen=True)
class Slogan:
    text: str
    location: Any = dataclasses.field(compare=False)


@dataclasses.dataclass(frozen=True)
class Poster:
    id: str
    title: str
    colour: str
    slogans: tuple
    location: Any = dataclasses.field(compare=False)


#: A record declared as the content's are, with one field marked translatable, and
#: a list of records with one marked field each.
POSTER = Record(Poster, [
    Field("id", SLUG, "The poster's id.", "school"),
    Field("title", LINE, "The title, across the top.", "Stay in school", translatable=True),
    Field("colour", Text(r"#[0-9a-f]{6}"), "Its colour.", "'#1b6ca8'"),
    Field("slogans", ListOf(Record(Slogan, [
        Field("text", LINE, "A slogan.", "Learn first", translatable=True)], "slogan")),
          "The slogans, in large type.", "see slogan"),
], "poster")


def test_one_marked_field_makes_the_translation_record_the_loading_and_the_export():
    derived = translated_kind(ListOf(POSTER))
    # Keyed by id; the title and the slogans' texts, all optional; the colour not.
    assert isinstance(derived, MapOf) and isinstance(derived.value, Record)
    assert [(field.name, field.required) for field in derived.value.fields] == [
        ("title", False), ("slogans", False)]
    assert derived.value.fields[1].kind.item.allow_empty
    document = translation_record(model.Translation, [
        Field(name, Text(allow_empty=True), "", "", required=False)
        for name in ("language", "status", "reviewer")],
        [("posters", ListOf(POSTER), "The posters' texts.")])
    reader = Reader("posters.yaml")
    translation = document.read(yaml.compose(
        "language: km\nstatus: draft\nposters:\n  school:\n    title: រៀនសិន\n"
        "    slogans: [រៀន, '']\n"), "", reader)
    assert reader.problems == []
    english = (Poster("school", "Stay in school", "#1b6ca8",
                      (Slogan("Learn first", None), Slogan("Ask questions", None)), None),)
    walk = Walk(())
    translated = walk.part("posters", ListOf(POSTER), english, translation.posters)
    assert [(slot.id, slot.translated) for slot in walk.slots] == [
        ("posters.school.title", "រៀនសិន"), ("posters.school.slogans[0]", "រៀន"),
        ("posters.school.slogans[1]", "")]
    assert translated[0].colour == "#1b6ca8" and translated[0].title == "Stay in school"
    po = polib.pofile(po_files.write(
        exchange.entries_of(walk.slots, {}, {}, (), "km"), "km", "Posters"))
    assert [entry.msgctxt for entry in po] == ["posters.school.title",
                                                "posters.school.slogans[0]",
                                                "posters.school.slogans[1]"]


def test_the_translation_schema_keeps_the_files_shape():
    from booklet.schema.declarations import TRANSLATION

    assert [field.name for field in TRANSLATION.fields] == [
        "language", "status", "reviewer", "publication", "audiences", "questions", "editions"]
    audiences = next(field.kind for field in TRANSLATION.fields if field.name == "audiences")
    assert [field.name for field in audiences.value.fields] == [
        "name", "booklet_title", "introduction", "key_messages", "call_to_action", "help",
        "mission", "checklist"]
    questions = next(field.kind for field in TRANSLATION.fields if field.name == "questions")
    assert [field.name for field in questions.value.value.fields] == ["question", "answer"]


# Round trips.


@pytest.mark.parametrize("format", exchange.FORMATS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_importing_an_unchanged_export_changes_nothing(project, tmp_path, language, format):
    before = files_of(project, language)
    out = export_to(project, language, format, tmp_path / f"{language}.{format}")
    # Reading an XLIFF file checks it against the schema: a problem would raise here.
    incoming_language, incoming = exchange.read_incoming(out)
    assert incoming_language == language
    translated = [entry for entry in incoming if entry.translation]
    # Every text of the file goes out, with its translation, and nothing is fuzzy.
    content = load(project)
    assert len(incoming) == len(exchange.entries(content, language))
    assert len(translated) == len(read_sources(project, language))
    assert not any(entry.fuzzy for entry in incoming)
    # Markdown goes out as it is written: an answer with its paragraphs and its list.
    answer = next(entry for entry in incoming if entry.id == "questions.approach.migrants.answer")
    assert answer.english == content.questions[1].read_by("migrants").answer
    assert "\n\n- " in answer.english
    done = exchange.import_file(out, project)
    assert done.changed == done.recorded == done.written == []
    assert files_of(project, language) == before


@pytest.mark.parametrize("format", exchange.FORMATS)
def test_an_export_imported_into_an_empty_file_gives_the_same_texts(project, tmp_path, format):
    out = export_to(project, "km", format, tmp_path / f"km.{format}")
    expected = exchange.entries(load(project), "km")
    (project / "translations" / "km.yaml").write_text("language: km\nstatus: draft\n")
    sources_path(project, "km").unlink()
    done = exchange.import_file(out, project)
    assert len(done.changed) == sum(1 for entry in expected if entry.translation
                                    and not entry.id.startswith("words."))
    assert [(entry.id, entry.translation) for entry in exchange.entries(load(project), "km")] \
        == [(entry.id, entry.translation) for entry in expected]
    content = load(project)
    translation, lines = load_translation(project, "km")
    coverage = translate(content, translation, lines, ["children", "migrants"], False)[1]
    assert coverage.fallbacks == []


def test_an_import_changes_only_the_lines_of_what_changed(project, tmp_path):
    out = export_to(project, "th", "po", tmp_path / "th.po")
    po = polib.pofile(str(out))
    entry = next(entry for entry in po if entry.msgctxt == "audiences.migrants.booklet_title")
    entry.msgstr = "ก่อนออกเดินทาง (ฉบับใหม่)"
    po.save(str(out))
    path = project / "translations" / "th.yaml"
    before = path.read_text().splitlines()
    done = exchange.import_file(out, project)
    assert done.changed == ["audiences.migrants.booklet_title"]
    after = path.read_text().splitlines()
    assert len(after) == len(before)
    assert [line for old, line in zip(before, after) if old != line] == [
        "    booklet_title: ก่อนออกเดินทาง (ฉบับใหม่)"]
    assert read_sources(project, "th")["audiences.migrants.booklet_title"].english == \
        "Before you go"


def test_a_language_with_no_file_gets_a_template_to_start_from(small_content, tmp_path):
    assert main(["translation", "export", "ms", "--content", str(small_content),
                 "--out", str(tmp_path / "ms.po")]) == 0
    po = polib.pofile(str(tmp_path / "ms.po"))
    assert po.metadata["Language"] == "ms" and all(not entry.msgstr for entry in po)
    for entry in po:
        if entry.msgctxt.startswith("words."):
            po.remove(entry)
    next(entry for entry in po if entry.msgctxt == "audiences.pupils.name").msgstr = "Murid"
    po.save(str(tmp_path / "ms.po"))
    exchange.import_file(tmp_path / "ms.po", small_content)
    translation, _ = load_translation(small_content, "ms")
    assert (translation.status, translation.audiences["pupils"].name) == ("draft", "Murid")


# Texts whose English changed.


@pytest.fixture
def changed(project) -> Path:
    """The project's content with the English of a key message of the children changed."""
    path = project / "audiences.yaml"
    text = path.read_text()
    old = "Stay in school until you are at least 15."
    assert old in text
    path.write_text(text.replace(old, "Stay in school until you are 15 or older."))
    return project


def test_check_lists_each_outdated_text_per_language(changed, capsys):
    assert main(["check", "--content", str(changed)]) == 0
    out = capsys.readouterr().out
    for language in LANGUAGES:
        assert f"  {language}: outdated: {KEY_MESSAGE} (the English changed since it was " \
               "translated)\n" in out
    assert out.count(": outdated: ") == len(LANGUAGES)


def test_outdated_texts_still_build_as_drafts_counted_on_the_note(changed):
    from booklet.compose import compose

    content = load(changed)
    translation, lines = load_translation(changed, "vi")
    translated, coverage = translate(content, translation, lines, ["children", "migrants"],
                                     allow_fallback=False)
    assert coverage.outdated == [KEY_MESSAGE] and coverage.fallbacks == []
    children = compose(translated, translated.audience("children"), "booklet")
    migrants = compose(translated, translated.audience("migrants"), "booklet")
    assert (children.draft, children.outdated, migrants.outdated) == (True, 1, 0)
    assert translated.audience("children").key_messages[0].text.startswith("Hãy đi học")
    html = render(children, datetime.datetime(2026, 1, 1))
    assert "Bản dịch nháp, chưa được hiệu đính · 1 đoạn đã thay đổi trong bản tiếng Anh" in html
    assert "đã thay đổi" not in render(migrants, datetime.datetime(2026, 1, 1))


def test_an_editions_contact_names_are_derived_too(project):
    from booklet.translate import translated_edition

    content = load(project)
    cambodia = next(edition for edition in content.editions if edition.id == "cambodia")
    translation, lines = load_translation(project, "km")
    names = [contact.name for contact in translated_edition(cambodia, translation, lines,
                                                            False).contacts]
    assert names == list(translation.editions["cambodia"])
    assert "editions.cambodia[0]" in [entry.id for entry in exchange.entries(content, "km")]
    assert not any(entry.id.startswith("editions.") for entry in exchange.entries(content, "vi"))
    empty = dataclasses.replace(translation, editions={})
    with pytest.raises(ContentError) as raised:
        translated_edition(cambodia, empty, lines, False)
    assert [line.split(": ", 2)[1] for line in raised.value.lines()] == [
        "editions.cambodia[0]", "editions.cambodia[1]"]


def test_fuzzy_entries_carry_the_previous_english(changed, tmp_path):
    po = polib.pofile(str(export_to(changed, "km", "po", tmp_path / "km.po")))
    entry = next(entry for entry in po if entry.msgctxt == KEY_MESSAGE)
    assert entry.fuzzy and entry.msgid.startswith("Stay in school until you are 15 or older.")
    assert entry.previous_msgid.startswith("Stay in school until you are at least 15.")
    assert entry.msgstr, "the translation goes out for the translator to revise"
    assert [other.msgctxt for other in po if other.fuzzy] == [KEY_MESSAGE]
    document = export_to(changed, "km", "xliff", tmp_path / "km.xlf").read_bytes()
    root, lines = xliff.parse(document, "km.xlf")
    assert xliff.validation_problems(root, lines) == []
    unit = next(unit for unit in root.iter(xliff.tag("unit"))
                if unit.get("name") == KEY_MESSAGE)
    segment = unit.find(xliff.tag("segment"))
    assert (segment.get("state"), segment.get("subState")) == ("initial", xliff.NEEDS_REVIEW)
    previous = [note.text for note in unit.iter(xliff.tag("note"))
                if note.get("category") == xliff.PREVIOUS_SOURCE]
    assert previous[0].startswith("Stay in school until you are at least 15.")


def test_a_fuzzy_entry_stays_outdated_and_a_confirmed_one_is_current(changed, tmp_path):
    out = export_to(changed, "lo", "po", tmp_path / "lo.po")
    assert exchange.import_file(out, changed).recorded == []
    assert read_sources(changed, "lo")[KEY_MESSAGE].fingerprint != fingerprint(
        "Stay in school until you are 15 or older. School helps you get a better job later.")
    po = polib.pofile(str(out))
    entry = next(entry for entry in po if entry.msgctxt == KEY_MESSAGE)
    entry.flags.remove("fuzzy")
    po.save(str(out))
    done = exchange.import_file(out, changed)
    assert (done.changed, done.recorded) == ([], [KEY_MESSAGE])
    assert exchange.entries(load(changed), "lo")[0].status == "translated"
    assert not [entry for entry in exchange.entries(load(changed), "lo")
                if entry.status == "outdated"]


def test_stamp_confirms_a_text_translated_by_hand(changed, capsys):
    assert main(["translation", "stamp", "my", KEY_MESSAGE, "--content", str(changed)]) == 0
    assert "my: recorded the English of 1 text(s)" in capsys.readouterr().out
    assert not [entry for entry in exchange.entries(load(changed), "my")
                if entry.status == "outdated"]
    with pytest.raises(ContentError) as raised:
        stamp(load(changed), "my", ("audiences.nobody.name",))
    assert raised.value.lines() == [
        f"{sources_path(changed, 'my')}: audiences.nobody.name: expected the id of a text "
        "translated into 'my', found none by that id"]


# What an import refuses.


def test_an_import_names_the_line_of_each_bad_entry(project, tmp_path):
    out = export_to(project, "zh-Hans", "po", tmp_path / "zh.po")
    po = polib.pofile(str(out))
    by_id = {entry.msgctxt: entry for entry in po}
    by_id["audiences.children.name"].msgstr = "儿童\n和青年"
    by_id["audiences.children.introduction"].msgstr = "这是 <b>粗体</b>。"
    by_id["questions.approach.migrants.answer"].msgstr = "它与风险最大的人合作。\n\n- 只有一项"
    by_id["audiences.children.call_to_action"].msgstr = "继续上学。*了解"
    po.append(polib.POEntry(msgctxt="audiences.nobody.name", msgid="Nobody", msgstr="无人"))
    po.save(str(out))
    before = files_of(project, "zh-Hans")
    with pytest.raises(ContentError) as raised:
        exchange.import_file(out, project)
    saved = polib.pofile(str(out))
    line = {entry.msgctxt: entry.linenum for entry in saved}
    shown = str(out)
    assert raised.value.lines() == [
        f"{shown}:{line['audiences.children.name']}: audiences.children.name: expected text "
        "on one line, found several lines",
        f"{shown}:{line['audiences.children.introduction']}: audiences.children.introduction: "
        "expected Markdown text, found HTML '<b>'; write plain text instead",
        f"{shown}:{line['audiences.children.introduction']}: audiences.children.introduction: "
        "expected Markdown text, found HTML '</b>'; write plain text instead",
        f"{shown}:{line['audiences.children.call_to_action']}: "
        "audiences.children.call_to_action: expected Markdown marks in pairs, as in the "
        "English, found a '*' that opens or closes nothing",
        f"{shown}:{line['questions.approach.migrants.answer']}: "
        "questions.approach.migrants.answer: expected 5 list item(s), as in the English, "
        "found 1",
        f"{shown}:{line['audiences.nobody.name']}: audiences.nobody.name: expected the id of a "
        "text of the content as the entry's context, found 'audiences.nobody.name'; export "
        "the file again"]
    assert files_of(project, "zh-Hans") == before


def test_a_translation_that_drops_a_link_is_an_error(small_content, tmp_path):
    from conftest import SMALL

    questions = small_content / "questions.yaml"
    questions.write_text(questions.read_text().replace(
        "answer: They can register honest agents and close false ones.",
        "answer: They can register honest agents ([the list](https://example.org/agents))."))
    folder = small_content / "translations"
    folder.mkdir()
    (folder / "vi.yaml").write_text("language: vi\nstatus: draft\n")
    assert SMALL.is_dir()
    assert main(["translation", "export", "vi", "--format", "xliff", "--content",
                 str(small_content), "--out", str(tmp_path / "vi.xlf")]) == 0
    document = (tmp_path / "vi.xlf").read_text()
    unit = 'name="questions.what-officials-do.officials.answer"'
    assert unit in document
    before, after = document.split(unit)
    source_end = after.index("</source>") + len("</source>")
    after = (after[:source_end] + '\n        <target xml:space="preserve">Họ có thể đăng ký '
             "các đại lý trung thực.</target>" + after[source_end:])
    (tmp_path / "vi.xlf").write_text(before + unit + after)
    line = (before + unit).count("\n") + 1
    with pytest.raises(ContentError) as raised:
        exchange.import_file(tmp_path / "vi.xlf", small_content)
    assert raised.value.lines() == [
        f"{tmp_path / 'vi.xlf'}:{line}: questions.what-officials-do.officials.answer: expected "
        "the link 'https://example.org/agents' of the English, found it missing"]


def test_an_xliff_file_that_breaks_the_schema_is_refused_at_its_line(project, tmp_path):
    out = export_to(project, "km", "xliff", tmp_path / "km.xlf")
    text = out.read_text()
    first = text.index("<source")
    broken = text[:first] + text[first:].replace("<source", "<sauce", 1).replace(
        "</source>", "</sauce>", 1)
    out.write_text(broken)
    with pytest.raises(BookletError) as raised:
        exchange.import_file(out, project)
    line = broken[:broken.index("<sauce")].count("\n") + 1
    assert str(raised.value).startswith(f"{out}:")
    assert f":{line - 1}:" in str(raised.value) or f":{line}:" in str(raised.value)
    out.write_text('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "b">]>\n<xliff/>')
    with pytest.raises(BookletError, match="without a document type or entities"):
        exchange.import_file(out, project)


def test_the_translation_command_has_its_own_help(capsys):
    with pytest.raises(SystemExit):
        main(["translation", "--help"])
    out = capsys.readouterr().out
    for step in ("export", "import", "stamp", "proof"):
        assert step in out
    assert main(["translation", "export", "en", "--out", "/dev/null"]) == 1


def test_a_fixed_word_goes_back_into_its_words_file(project, tmp_path, monkeypatch):
    from booklet import words as fixed_words

    words = tmp_path / "words"
    shutil.copytree(fixed_words.WORDS, words)
    monkeypatch.setattr(fixed_words, "WORDS", words)
    out = export_to(project, "zh-Hans", "po", tmp_path / "zh.po")
    po = polib.pofile(str(out))
    next(entry for entry in po if entry.msgctxt == "words.notes").msgstr = "备注"
    po.save(str(out))
    before = (words / "zh.yaml").read_text().splitlines()
    done = exchange.import_file(out, project)
    assert done.changed == ["words.notes"] and words / "zh.yaml" in done.written
    after = (words / "zh.yaml").read_text().splitlines()
    assert [line for old, line in zip(before, after) if old != line] == ["notes: 备注"]


def test_check_says_which_texts_have_no_record_of_their_english(project, capsys):
    path = sources_path(project, "vi")
    records = yaml.safe_load(path.read_text())
    del records["publication.title"]
    path.write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False))
    assert main(["check", "--content", str(project)]) == 0
    assert ("  vi: 1 translated text(s) with no record of their English, such as "
            "publication.title; run make_booklet.py translation stamp vi\n"
            in capsys.readouterr().out)
