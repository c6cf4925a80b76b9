"""Measure how hard each audience's text is to read, against the audience's target grade.

The grade is Flesch-Kincaid's, from textstat, over everything the audience reads in its
booklet: introduction, key messages, questions and answers, checklist, mission and call
to action. Names, contacts and the source credit are left out: they are not prose.
"""

from __future__ import annotations

from dataclasses import dataclass

import textstat

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
    #: The Flesch-Kincaid grade.
    grade: float

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
    edition = compose(content, audience, "booklet", "a5")
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
    textstat.set_lang("en")
    readings = []
    for audience in content.audiences:
        text = booklet_text(content, audience)
        readings.append(Reading(audience, textstat.lexicon_count(text),
                                textstat.sentence_count(text),
                                textstat.flesch_kincaid_grade(text)))
    return readings


def report(readings: list[Reading]) -> list[str]:
    """Return a table of the readings, one line an audience."""
    width = max([len("audience")] + [len(reading.audience.id) for reading in readings])
    lines = [f"{'audience':<{width}}  {'words':>6}  {'sentences':>9}  {'grade':>5}  "
             f"{'target':>6}"]
    for reading in readings:
        verdict = "OVER TARGET" if reading.over_target else "ok"
        lines.append(f"{reading.audience.id:<{width}}  {reading.words:>6}  "
                     f"{reading.sentences:>9}  {reading.grade:>5.1f}  "
                     f"{reading.audience.reading_grade:>6g}  {verdict}")
    return lines
