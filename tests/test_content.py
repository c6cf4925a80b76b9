"""The project's own content: its own words, each audience's reading level, its coverage."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from booklet import readability
from booklet.compose import compose
from booklet.load import load

from conftest import PROJECT_CONTENT

#: The source FAQ, as published on 24 October 2008.
SOURCE = Path(__file__).parent / "fixtures" / "ticw-faq.txt"
CONTENT = load(PROJECT_CONTENT)
#: Words in a row that content may share with the source; one more is copying.
LONGEST_SHARED_RUN = 9


def words(text: str) -> list[str]:
    """Return the words of a text, lower case, with apostrophes of either kind dropped."""
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "").replace("'", ""))


def shared_runs(text: str, source: str, length: int) -> set[str]:
    """Return the runs of `length` words that a text shares with the source."""
    source_words = words(source)
    source_runs = {tuple(source_words[i:i + length]) for i in range(len(source_words) - length + 1)}
    text_words = words(text)
    return {" ".join(text_words[i:i + length]) for i in range(len(text_words) - length + 1)
            if tuple(text_words[i:i + length]) in source_runs}


def test_shared_runs_finds_a_copied_sentence():
    source = "Children under the age of 15 should remain in school and only migrate."
    assert shared_runs("They said: children under the age of 15 should remain in school "
                       "and only migrate.", source, 10) == {
        "children under the age of 15 should remain in school",
        "under the age of 15 should remain in school and",
        "the age of 15 should remain in school and only",
        "age of 15 should remain in school and only migrate"}
    assert shared_runs("Children under the age of 15 should stay in school.", source, 10) == set()


def test_no_ten_words_in_a_row_from_the_source():
    source = SOURCE.read_text(encoding="utf-8")
    for path in sorted(PROJECT_CONTENT.glob("*.yaml")):
        assert shared_runs(path.read_text(encoding="utf-8"), source,
                           LONGEST_SHARED_RUN + 1) == set(), path.name


@pytest.mark.parametrize("reading", readability.measure(CONTENT),
                         ids=lambda reading: reading.audience.id)
def test_every_audience_reads_within_its_target(reading):
    assert not reading.over_target, f"grade {reading.grade}"


#: Syllables by the first pronunciation of the CMU Pronouncing Dictionary.
DICTIONARY_SYLLABLES = {
    "agency": 3, "trafficking": 3, "exploitation": 4, "government": 3, "children": 2,
    "every": 3, "family": 3, "people": 2, "vulnerable": 4, "organization": 5,
    "recruitment": 3, "passport": 2, "employers": 3, "answer": 2, "school": 1, "idea": 3,
    "migrate": 2, "business": 2, "different": 3, "don't": 1, "children's": 2,
    "well-being": 3, "Agency": 3,
}
#: Syllables of words the dictionary lacks, by rule: acronyms spelled out, vowel groups
#: less a silent e, and at least one.
RULE_SYLLABLES = {
    "TICW": 6, "IPEC": 4, "IPEC's": 4, "trafficked": 2, "wuggled": 2, "scrimbled": 2,
    "plome": 1, "frompish": 2, "zarks": 1, "glimbering": 3, "2008": 1,
}


def test_syllables_are_those_of_the_dictionary():
    assert {word: readability.syllables(word) for word in DICTIONARY_SYLLABLES} == \
        DICTIONARY_SYLLABLES
    assert not set(RULE_SYLLABLES) & set(readability.pronunciations())


def test_syllables_of_words_the_dictionary_lacks_are_counted_by_rule():
    assert {word: readability.syllables(word) for word in RULE_SYLLABLES} == RULE_SYLLABLES


def test_sentences_end_at_end_marks_but_not_after_abbreviations():
    assert readability.sentences(
        "Is it my fault? No. Ask Ms. Vongsa, e.g. at school! Convention No. 182 says so. "
        "It works well-being in") == [
        ["Is", "it", "my", "fault"], ["No"], ["Ask", "Ms", "Vongsa", "e.g", "at", "school"],
        ["Convention", "No", "182", "says", "so"], ["It", "works", "well-being", "in"]]


def test_the_grade_is_flesch_kincaids():
    # 6 words, 1 sentence, 6 syllables: 0.39 * 6 + 11.8 * 1 - 15.59.
    assert readability.flesch_kincaid_grade(6, 1, 6) == pytest.approx(-1.45)
    found = readability.sentences("The cat sat on the mat.")
    assert [len(found), sum(map(len, found))] == [1, 6]


TARGETS = {"children": 5, "migrants": 7, "parents": 7, "communities": 7, "governments": 12,
           "employers": 12, "workers": 12, "justice": 12, "destination": 12, "complete": 12}


def test_targets_are_those_set_for_each_audience():
    assert {audience.id: audience.reading_grade for audience in CONTENT.audiences} == TARGETS


def test_each_audience_has_three_to_five_key_messages():
    assert {audience.id: 3 <= len(audience.key_messages) <= 5
            for audience in CONTENT.audiences} == {audience: True for audience in TARGETS}


def test_the_complete_booklet_holds_every_question_and_the_mission():
    complete = CONTENT.audience("complete")
    edition = compose(CONTENT, complete, "booklet")
    assert len(edition.entries) == 17 == len(CONTENT.questions)
    assert complete.mission == ""


def test_children_and_migrants_are_spoken_to_as_you():
    for audience_id in ("children", "migrants"):
        text = readability.booklet_text(CONTENT, CONTENT.audience(audience_id))
        assert len(re.findall(r"\byou\b", text, re.IGNORECASE)) >= 10, audience_id


def test_checklists_for_those_about_to_migrate():
    for audience_id in ("children", "migrants", "parents"):
        checklist = CONTENT.audience(audience_id).checklist
        assert checklist is not None and 3 <= len(checklist.items) <= 8, audience_id
