"""The content, as plain frozen dataclasses passed between the stages.

Each record remembers where it came from (`Location`), so a later stage can point
the user at the file and line to fix.
"""

from __future__ import annotations

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

    def wording_for(self, audience_id: str) -> tuple[str, str]:
        """Return the question and answer as the given audience should read them."""
        for version in self.versions:
            if audience_id in version.audiences:
                return version.question or self.question, version.answer or self.answer
        return self.question, self.answer


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
    participants: tuple[Participants, ...]
    location: Location = field(compare=False)


@dataclass(frozen=True)
class TranslatedChecklist:
    """A checklist's heading and items in another language."""

    title: str
    items: tuple[str, ...]
    location: Location = field(compare=False)


@dataclass(frozen=True)
class TranslatedAudience:
    """An audience's texts in another language; empty ones fall back to English."""

    name: str
    booklet_title: str
    introduction: str
    #: The key messages, in the order of the English ones (their pictograms are kept).
    key_messages: tuple[str, ...]
    call_to_action: str
    #: The names of the contacts, in the order of the English ones.
    help: tuple[str, ...]
    mission: str
    checklist: TranslatedChecklist | None
    location: Location = field(compare=False)


@dataclass(frozen=True)
class TranslatedWording:
    """A question and its answer as one audience reads them, in another language."""

    question: str
    answer: str
    location: Location = field(compare=False)


@dataclass(frozen=True)
class TranslatedPublication:
    """The publication's texts in another language."""

    title: str
    publisher: str
    attribution: str
    mission: str
    keywords: tuple[str, ...]
    location: Location = field(compare=False)


@dataclass(frozen=True)
class Translation:
    """The content in another language: the same ids, translated texts."""

    #: The language, a BCP 47 tag such as ``th`` or ``zh-Hans``.
    language: str
    #: ``draft`` until a reviewer has checked it, then ``reviewed``.
    status: str
    #: Who reviewed it, when it is reviewed.
    reviewer: str
    publication: TranslatedPublication
    #: Audience texts by audience id.
    audiences: dict[str, TranslatedAudience]
    #: By question id, then by the id of the audience that reads that wording.
    questions: dict[str, dict[str, TranslatedWording]]
    location: Location = field(compare=False)
