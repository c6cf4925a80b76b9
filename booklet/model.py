"""The content, as plain frozen dataclasses passed between the stages.

Each record remembers where it came from (`Location`), so a later stage can point
the user at the file and line to fix.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass, field
from pathlib import Path


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
class AvoidedTerm:
    """A term never to use for a concept, in one language, and why."""

    #: The term as it would be written, such as "sex work".
    term: str
    #: The language the term is in, a tag of the content's languages.
    lang: str
    #: Why it is avoided, for the writer and the translators.
    reason: str
    #: The ids of the audiences whose texts must not use it; empty means every audience.
    audiences: tuple[str, ...]
    location: Location = field(compare=False)


@dataclass(frozen=True)
class Term:
    """A concept of the termbase: the one term to use for it in each language, and the
    terms to avoid."""

    #: A short slug, such as ``sexual-exploitation``.
    id: str
    #: What the concept is, on one line, in English.
    concept: str
    #: The preferred term, by language tag.
    preferred: dict[str, str]
    #: The terms never to use for it.
    avoid: tuple[AvoidedTerm, ...]
    location: Location = field(compare=False)


@dataclass(frozen=True)
class LineBreaks:
    """The words a line must never break inside, by language, where ICU's dictionary
    would split them (``linebreaks.yaml``)."""

    #: The words and phrases, by language tag.
    keep_together: dict[str, tuple[str, ...]]
    location: Location = field(compare=False)


@dataclass(frozen=True)
class Partner:
    """An organisation printing an edition, named beside the publisher with its logo."""

    #: Its name, as it writes it.
    name: str
    #: Its logo, a picture in assets/ (empty: the name alone).
    logo: str
    location: Location = field(compare=False)


@dataclass(frozen=True)
class EditionContact:
    """A place to get help in a country edition: a hotline, a web address or both, with
    where it is published and when it was last checked there."""

    #: Who answers, such as "Child Helpline Cambodia"; translated in translations/<tag>.yaml.
    name: str
    #: The telephone number as the source writes it (empty: none).
    phone: str
    #: A web address (empty: none).
    web: str
    #: When it answers, such as "24/7" (empty: not said).
    hours: str
    #: The ids of the audiences it serves; empty means every audience.
    audiences: tuple[str, ...]
    #: Where the number or address is published: the publisher and the page or document.
    source: str
    #: The day it was last checked at its source.
    checked_on: datetime.date
    #: A short code libphonenumber does not list for the country, printed on the strength
    #: of its source alone.
    unlisted_short_code: bool
    location: Location = field(compare=False)


@dataclass(frozen=True)
class CountryEdition:
    """An edition of the booklets for a country (content/editions/<id>.yaml): its
    languages, the partners printing it and the contacts every booklet prints."""

    #: A short slug, the name of its file and of its output folder.
    id: str
    #: Its name, such as "Cambodia".
    name: str
    #: The country, an ISO 3166-1 alpha-2 code such as ``KH``: its numbers are checked
    #: and printed as dialled there.
    country: str
    #: The languages it is printed in, tags of the content's languages.
    languages: tuple[str, ...]
    #: The organisations printing it.
    partners: tuple[Partner, ...]
    #: The contacts, in the order printed; the first serving an audience is its hotline.
    contacts: tuple[EditionContact, ...]
    #: After how many months a contact's ``checked_on`` is too old to print (None: 12).
    stale_after_months: int | None
    location: Location = field(compare=False)
    #: The CMYK output profile its print variant is made for (empty: the default).
    profile: str = ""


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


@dataclass(frozen=True)
class Participants:
    """How many copies of an audience's booklet and handout a training session needs."""

    #: The audience's id.
    audience: str
    #: Copies of the booklet.
    booklets: int
    #: Copies of the handout.
    handouts: int
    location: Location = field(compare=False)


@dataclass(frozen=True)
class Session:
    """A training session: what to print for it, and how many."""

    title: str
    date: datetime.date
    place: str
    trainer: str
    #: The language of the booklets, a BCP 47 tag.
    language: str
    #: The paper family: ``a4`` or ``letter``.
    paper: str
    #: The id of the edition to print (empty: the generic edition).
    edition: str
    participants: tuple[Participants, ...]
    location: Location = field(compare=False)
    #: Whether to print for black-and-white printers and photocopiers (the mono variants).
    mono: bool = False


@dataclass(frozen=True)
class Translation:
    """The content in another language: the same ids, translated texts.

    The schema reads a translation file into a subclass it derives from the fields marked
    translatable (`booklet.schema.translation`): one more field for each part of the
    content (``publication``, ``audiences``, ``questions``), holding records with the same
    keys as the English ones, each text optional.
    """

    #: The language, a BCP 47 tag such as ``th`` or ``zh-Hans``.
    language: str
    #: ``draft`` until a reviewer has checked it, then ``reviewed``.
    status: str
    #: Who reviewed it, when it is reviewed.
    reviewer: str
    location: Location = field(compare=False)


@dataclass(frozen=True)
class EnglishSource:
    """The English a translated text was made from, as recorded when it was translated."""

    #: A short digest of the English text (`booklet.translate.fingerprint`).
    fingerprint: str
    #: The English text itself, to show the translator what changed.
    english: str
    location: Location = field(compare=False)
