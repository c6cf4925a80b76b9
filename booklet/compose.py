"""Stage 2: choose and word what one audience's booklet or handout holds (an `Edition`)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from booklet import easyread, model, segment
from booklet.colour import DEFAULT_PROFILE
from booklet.editions import GENERIC, Hotline, hotlines
from booklet.formats import DEFAULT_PAPER, FIRST_VARIANT, FORMATS
from booklet.translate import outdated_for


@dataclass(frozen=True)
class Entry:
    """A question with its answer, worded for the edition's audience."""

    #: The question's id, also the anchor of its heading.
    id: str
    question: str
    #: The answer, in Markdown.
    answer: str
    #: Where the question is in the content, for messages.
    location: model.Location
    #: A pictogram for each paragraph and list item of the answer (see `booklet.easyread`).
    pictures: tuple[str, ...] = ()

    @property
    def ideas(self) -> tuple[easyread.Idea, ...]:
        """Return the answer's paragraphs and list items, each with its picture."""
        return easyread.ideas(self.answer, self.pictures)


@dataclass(frozen=True)
class Edition:
    """Everything one PDF shows, ready for a template."""

    publication: model.Publication
    audience: model.Audience
    #: ``booklet`` or ``handout``.
    format: str
    #: The paper family, one of `booklet.formats.PAPERS`.
    paper: str
    #: A variant laid out from HTML (see `booklet.formats.VARIANTS`).
    variant: str
    entries: tuple[Entry, ...]
    #: The mission statement as this audience reads it, in Markdown.
    mission: str
    #: Blank pages for notes before the back cover, to fill the last sheet of a booklet.
    notes_pages: int = 0
    #: Whether the text is a translation not yet reviewed (a note says so on the page).
    draft: bool = False
    #: How many of its translated texts were translated from an English that has changed
    #: since (the draft note says so).
    outdated: int = 0
    #: Whether the introduction and the checklist follow on from what comes before them
    #: instead of starting a page, which can save a sheet of paper.
    compact: bool = False
    #: Whether a booklet has a contents page (a short one has none: it is paged through).
    contents: bool = True
    #: The parts a handout leaves out to keep to its sides (`booklet.produce.SPARED_PARTS`).
    left_out: tuple[str, ...] = ()
    #: The words no line may break inside, in the edition's language (see `kept_whole`).
    keep_together: tuple[str, ...] = ()
    #: The id of the edition it belongs to: ``generic``, or a country edition's.
    edition_id: str = GENERIC
    #: The country edition's contacts for this audience, in this language; the first is
    #: its hotline. Empty in the generic edition, which prints lines to write on.
    contacts: tuple[Hotline, ...] = ()
    #: The organisations printing the country edition, beside the publisher.
    partners: tuple[model.Partner, ...] = ()
    #: The CMYK output profile of its print variant (see `booklet.colour.PROFILES`).
    profile: str = DEFAULT_PROFILE

    @property
    def name(self) -> str:
        """Return a short name for messages, such as ``children booklet (screen)``."""
        paper = "" if self.paper == DEFAULT_PAPER else f", {self.paper}"
        edition = "" if self.edition_id == GENERIC else f"{self.edition_id} "
        return f"{edition}{self.audience.id} {self.format} ({self.variant}{paper})"

    def with_notes_pages(self, count: int) -> "Edition":
        """Return the same edition with the given number of notes pages."""
        return dataclasses.replace(self, notes_pages=count)

    def compacted(self) -> "Edition":
        """Return the same edition with parts following on instead of starting pages."""
        return dataclasses.replace(self, compact=True)

    def without_contents(self) -> "Edition":
        """Return the same edition without a contents page."""
        return dataclasses.replace(self, contents=False)

    def without(self, part: str) -> "Edition":
        """Return the same edition without one of the parts a handout may leave out."""
        return dataclasses.replace(self, left_out=(*self.left_out, part))

    def without_last_question(self) -> "Edition":
        """Return the same edition without its last question (a handout too long for its
        sides; the booklet has every question)."""
        return dataclasses.replace(self, entries=self.entries[:-1])

    def as_variant(self, variant: str) -> "Edition":
        """Return the same edition, laid out for another variant."""
        return dataclasses.replace(self, variant=variant)


def compose(content: model.Content, audience: model.Audience, format: str,
            paper: str = DEFAULT_PAPER, variant: str = FIRST_VARIANT,
            country: model.CountryEdition | None = None, profile: str = "") -> Edition:
    """Return the edition of a format for an audience: its questions, in its words, and
    the contacts of the country edition it belongs to (none: the generic edition)."""
    if FORMATS[format].chosen_questions:
        by_id = {question.id: question for question in content.questions}
        questions = [by_id[question_id] for question_id in audience.handout_questions]
    else:
        questions = [question for question in content.questions
                     if audience.all_questions or audience.id in question.audiences]
        questions.sort(key=lambda question: reading_order(audience, question.id))
    outdated = outdated_for(content.outdated, audience.id)
    return Edition(
        publication=content.publication,
        audience=audience,
        format=format,
        paper=paper,
        variant=variant,
        entries=tuple(entry(question, audience) for question in questions),
        mission=audience.mission or content.publication.mission,
        draft=content.translation_status == "draft" or bool(outdated),
        outdated=outdated,
        keep_together=kept_whole(content),
        edition_id=country.id if country else GENERIC,
        contacts=hotlines(country, audience.id) if country else (),
        partners=country.partners if country else (),
        # The command line's profile, else the country edition's, else the default.
        profile=profile or (country.profile if country else "") or DEFAULT_PROFILE,
    )


def reading_order(audience: model.Audience, question_id: str) -> int:
    """Return where a question comes in an audience's booklet: those its `question_order`
    names first, in that order, then the others (a stable sort keeps their order)."""
    order = audience.question_order
    return order.index(question_id) if question_id in order else len(order)


def kept_whole(content: model.Content) -> tuple[str, ...]:
    """Return the words no line may break inside, in the content's language: those of the
    termbase's preferred terms, and the exceptions of ``linebreaks.yaml``."""
    language = content.publication.language
    terms = [term.preferred[language] for term in content.terms if language in term.preferred]
    return segment.kept_whole(language, terms, content.keep_together.get(language, ()))


def entry(question: model.Question, audience: model.Audience) -> Entry:
    """Return a question worded for an audience."""
    text, answer = question.wording_for(audience.id)
    return Entry(question.id, text, answer, question.location,
                 question.pictures_for(audience.id))
