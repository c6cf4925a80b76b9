"""Loading content: every problem reported at once, as FILE:LINE: key.path: message.

The messages of what untrusted content may not do are in test_untrusted.py; these are
those of the schema and of references between files."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from booklet.errors import ContentError
from booklet.load import load

# Each case: the file to change, the text to replace in it (or None to write `new` as the
# whole file), the replacement, and the exact lines expected, with {file} for the file.
# Line numbers are those of tests/fixtures/small after the change.
CASES = {
    "missing required key": (
        "audiences.yaml", "    call_to_action: Talk to your family.\n", "",
        ["{file}:2: audiences[0].call_to_action: expected text, found nothing "
         "(the key is required)"]),
    "unknown key": (
        "audiences.yaml", "    colour: \"#1b6ca8\"", "    color: \"#1b6ca8\"",
        ["{file}:16: audiences[0].color: expected one of the keys id, name, booklet_title, "
         "introduction, key_messages, call_to_action, help, colour, pictogram, large_type, "
         "reading_grade, mission, handout_questions, all_questions, checklist, type_size, "
         "cover_scene, question_order, question_pages, title_alone; found unknown key 'color'",
         "{file}:2: audiences[0].colour: expected a colour as #rrggbb, such as '#1b6ca8', "
         "found nothing (the key is required)"]),
    "bad colour": (
        "audiences.yaml", "\"#1b6ca8\"", "blue",
        ["{file}:16: audiences[0].colour: expected a colour as #rrggbb, such as '#1b6ca8', "
         "found 'blue'"]),
    "grade out of range": (
        "audiences.yaml", "reading_grade: 6", "reading_grade: 40",
        ["{file}:19: audiences[0].reading_grade: expected a number from 1 to 20, found 40"]),
    "date written as text": (
        "publication.yaml", "date: 2008-10-24", "date: 24 October 2008",
        ["{file}:7: source.date: expected a date as YYYY-MM-DD, found text '24 October 2008'"]),
    "too many key messages": (
        "audiences.yaml",
        "    key_messages:\n      - text: Register agents.\n        pictogram: agent",
        "    key_messages: [a, b, c, d, e, f, g]",
        ["{file}:32: audiences[1].key_messages: expected 1 to 6 items, found 7"]),
    "pictogram that does not exist": (
        "audiences.yaml", "pictogram: school", "pictogram: schoool",
        ["{file}:8: audiences[0].key_messages[0].pictogram: expected the name of a pictogram of "
         "assets/pictograms (agent, book, child, contract, family, government, handshake, "
         "justice, phone, school, travel, village, warning, workplace, world) or of the Health "
         "Icons (healthicons:CATEGORY/NAME), found 'schoool'; did you mean 'school'?"]),
    "duplicate question id": (
        "questions.yaml", "id: what-officials-do", "id: why-school",
        ["{file}:13: questions[1].id: expected a unique id, found 'why-school' again "
         "(first at line 2)",
         # What referred to the renamed question is reported too.
         "{audiences}:41: audiences[1].handout_questions[0]: expected a question of this "
         "audience's booklet (why-school), found 'what-officials-do'"]),
    "handout question not in the booklet": (
        "audiences.yaml", "handout_questions: [why-school]\n    checklist",
        "handout_questions: [what-officials-do]\n    checklist",
        ["{file}:20: audiences[0].handout_questions[0]: expected a question of this "
         "audience's booklet (why-school), found 'what-officials-do'"]),
    "wording for an audience the question does not serve": (
        "questions.yaml", "      - audiences: [officials]",
        "      - audiences: [pupils, everyone, nobody]",
        ["{file}:11: questions[0].versions[0].audiences[2]: expected an audience this "
         "question serves (everyone, officials, pupils), found 'nobody'"]),
}


def apply(folder: Path, name: str, old: str | None, new: str) -> Path:
    """Change one file of a content folder; return its path."""
    path = folder / name
    text = path.read_text(encoding="utf-8")
    if old is None:
        text = new
    else:
        assert old in text, f"fixture text not found: {old!r}"
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(folder: Path) -> list[str]:
    """Load a content folder that must be invalid; return its problems as lines."""
    with pytest.raises(ContentError) as raised:
        load(folder)
    return raised.value.lines()


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_content_gives_exact_messages(small_content, case):
    name, old, new, expected = CASES[case]
    path = apply(small_content, name, old, new)
    lines = problems_of(small_content)
    audiences = small_content / "audiences.yaml"
    assert lines == [line.format(file=path, audiences=audiences) for line in expected]


def test_yaml_syntax_error_names_the_line(small_content):
    path = apply(small_content, "questions.yaml", "    question: What can officials do?",
                 "    question: [What can officials do?")
    (line,) = problems_of(small_content)
    assert line == (f"{path}:15: expected valid YAML, found an error: did not find expected "
                    "',' or ']' (while parsing a flow sequence, started at line 14)")


def test_every_problem_is_reported_at_once(small_content):
    questions = apply(small_content, "questions.yaml", "false ones.\n    audiences: [officials]",
                      "false ones.\n    audiences: [officials, employer]")
    audiences = apply(small_content, "audiences.yaml", "\"#1b6ca8\"", "blue")
    publication = apply(small_content, "publication.yaml", "language: en", "language: English")
    files = [line.split(":")[0] for line in problems_of(small_content)]
    assert sorted(files) == sorted(map(str, [questions, audiences, publication]))


def test_missing_file_and_link_outside(small_content, tmp_path):
    (small_content / "questions.yaml").unlink()
    outside = tmp_path / "secret.yaml"
    outside.write_text("title: x\n")
    (small_content / "publication.yaml").unlink()
    (small_content / "publication.yaml").symlink_to(outside)
    assert problems_of(small_content) == [
        f"{small_content / 'publication.yaml'}: expected a file inside its folder, "
        "found a link to a file outside it",
        f"{small_content / 'questions.yaml'}: expected a file, found none"]


def test_valid_content_loads_into_dataclasses():
    content = load(Path(__file__).parent / "fixtures" / "small")
    assert [audience.id for audience in content.audiences] == ["pupils", "officials", "everyone"]
    assert content.publication.source.date == datetime.date(2008, 10, 24)
    question = content.questions[0]
    assert question.wording_for("officials")[0] == "Why keep children in school?"
    assert question.wording_for("pupils")[0] == "Why stay in school?"
    assert question.location.line == 2
    assert content.audience("pupils").help[1].details == ""
