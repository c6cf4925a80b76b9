"""The content itself: the publication, the audiences and the questions, each record
remembering where it came from (`Location`)."""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from booklet.model.editions import CountryEdition
    from booklet.model.terms import Term


@dataclass(frozen=True)
class Location:
    """A place in a content file."""

    #: The file as shown to the user.
    file: str
    #: 1-based line number.
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Source:
    """The document this content is drawn from."""

    #: Its title.
    title: str
    #: The organisation that published it.
    organisation: str
    #: The date of the version used.
    date: datetime.date
    location: Location = field(compare=False)


@dataclass(frozen=True)
class Publication:
    """What every booklet and handout of the content shares."""

    #: The series title, printed on every cover.
    title: str
    #: The publisher, printed on covers and in the PDF's author field.
    publisher: str
    #: The language of the text, a BCP 47 tag such as ``en`` or ``th``.
    language: str
    #: The document the content is drawn from.
    source: Source
    #: The mission statement, paragraphs separated by blank lines.
    mission: str
    #: The credit printed on every back cover and handout.
    attribution: str
    #: Words for the PDF's keywords field.
    keywords: tuple[str, ...]
    location: Location = field(compare=False)


@dataclass(frozen=True)
class Contact:
    """A place to get help; the details may be left blank for each edition to fill in."""

    #: Who to contact, such as "Police hotline".
    name: str
    #: The number or address; empty prints a line to write on.
    details: str
    location: Location = field(compare=False)


@dataclass(frozen=True)
class Message:
    """A short line of text with the pictogram printed beside it."""

    #: The text, in Markdown on one line.
    text: str
    #: The name of a pictogram in assets/pictograms/, such as ``school``.
    pictogram: str
    location: Location = field(compare=False)


@dataclass(frozen=True)
class Checklist:
    """A list of things to tick off, such as before leaving home."""

    #: The checklist's heading.
    title: str
    #: One line each, with its pictogram.
    items: tuple[Message, ...]
    location: Location = field(compare=False)


@dataclass(frozen=True)
class Audience:
    """A group of readers with its own booklet and handout."""

    #: A short slug used in file names and tags, such as ``children``.
    id: str
    #: Who the readers are, such as "Children and young people".
    name: str
    #: The title on the booklet's cover.
    booklet_title: str
    #: A short introduction, paragraphs separated by blank lines.
    introduction: str
    #: The few messages every reader should take away.
    key_messages: tuple[Message, ...]
    #: What the reader should do now.
    call_to_action: str
    #: Where to get help.
    help: tuple[Contact, ...]
    #: The theme colour, ``#rrggbb``.
    colour: str
    #: The pictogram of the cover, the name of a file in assets/pictograms/.
    pictogram: str
    #: Whether the body text is set large (11 pt or more), for readers who read little.
    large_type: bool
    #: The highest Flesch-Kincaid grade the text may reach.
    reading_grade: float
    #: This audience's wording of the mission statement; empty keeps the publication's.
    mission: str
    #: The ids of the questions printed on the handout, in order.
    handout_questions: tuple[str, ...]
    #: Whether the booklet holds every question, whatever their tags.
    all_questions: bool
    #: An optional checklist.
    checklist: Checklist | None
    location: Location = field(compare=False)
    #: The body text's size in points; None: 12 for large type, 10 otherwise.
    type_size: float | None = None
    #: The pictograms the cover's picture is composed of, from left to right.
    cover_scene: tuple[str, ...] = ()
    #: Whether the cover shows the booklet's title alone, without the series title.
    title_alone: bool = False
    #: The ids of the booklet's questions in the order it prints them, first; the others
    #: follow in the content's order.
    question_order: tuple[str, ...] = ()
    #: Whether each question starts a page of its own.
    question_pages: bool = False

    @property
    def easy_read(self) -> bool:
        """Return whether the booklet is laid out for readers who read little: large type,
        each paragraph of an answer beside its picture."""
        return self.large_type


@dataclass(frozen=True)
class Wording:
    """Some audiences' own wording of a question, its answer, or both."""

    #: The ids of the audiences that read this wording.
    audiences: tuple[str, ...]
    #: The question as these audiences should read it; empty keeps the general one.
    question: str
    #: The answer as these audiences should read it; empty keeps the general one.
    answer: str
    location: Location = field(compare=False)
    #: A pictogram for each paragraph and list item of its answer; empty keeps the general
    #: ones (with the general answer).
    pictures: tuple[str, ...] = ()


@dataclass(frozen=True)
class Question:
    """A question and its answer, tagged with the audiences it serves."""

    #: A short slug, such as ``why-not-under-15``.
    id: str
    #: The question.
    question: str
    #: The answer, paragraphs separated by blank lines; lines starting "- " make a list.
    answer: str
    #: The ids of the audiences whose booklets carry this question.
    audiences: tuple[str, ...]
    #: Wordings of particular audiences; an audience is in at most one.
    versions: tuple[Wording, ...]
    location: Location = field(compare=False)
    #: A pictogram for each paragraph and list item of the answer, printed beside it for
    #: readers who read little.
    pictures: tuple[str, ...] = ()

    def wording_for(self, audience_id: str) -> tuple[str, str]:
        """Return the question and answer as the given audience should read them."""
        for version in self.versions:
            if audience_id in version.audiences:
                return version.question or self.question, version.answer or self.answer
        return self.question, self.answer

    def pictures_for(self, audience_id: str) -> tuple[str, ...]:
        """Return the pictures of the answer as the given audience reads it: its wording's,
        or the general ones where the wording keeps the general answer."""
        for version in self.versions:
            if audience_id in version.audiences:
                return version.pictures or (() if version.answer else self.pictures)
        return self.pictures

    def is_read_by(self, audience: Audience) -> bool:
        """Return whether an audience's booklet carries this question."""
        return audience.all_questions or audience.id in self.audiences

    def read_by(self, audience_id: str) -> Question:
        """Return the question as one audience reads it: its wording, and no other."""
        question, answer = self.wording_for(audience_id)
        where = next((version.location for version in self.versions
                      if audience_id in version.audiences), self.location)
        return dataclasses.replace(self, question=question, answer=answer, versions=(),
                                   location=where, pictures=self.pictures_for(audience_id))

    def with_readings(self, readings: dict[str, Question]) -> Question:
        """Return the question with each audience's reading (by audience id) as its wording."""
        return dataclasses.replace(self, versions=tuple(
            Wording((audience_id,), reading.question, reading.answer, reading.location,
                    reading.pictures)
            for audience_id, reading in readings.items()))


@dataclass(frozen=True)
class Content:
    """Everything read from a content folder."""

    publication: Publication
    audiences: tuple[Audience, ...]
    questions: tuple[Question, ...]
    #: The folder the content was read from.
    folder: Path = field(compare=False)
    #: For content in another language: ``draft`` or ``reviewed``; empty for English.
    translation_status: str = ""
    #: The termbase (``terms.yaml``): the words to use and to avoid; empty without one.
    terms: tuple[Term, ...] = ()
    #: For content in another language: the ids of the translated texts whose English
    #: changed since they were translated.
    outdated: tuple[str, ...] = ()
    #: The country editions (``editions/<id>.yaml``); the generic edition has no file.
    editions: tuple[CountryEdition, ...] = ()
    #: The words a line must never break inside, by language (``linebreaks.yaml``).
    keep_together: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def audience(self, audience_id: str) -> Audience:
        """Return the audience with the given id."""
        return next(audience for audience in self.audiences if audience.id == audience_id)
