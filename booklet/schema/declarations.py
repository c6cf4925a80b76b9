"""The content schema, declared once: every file, record and field of the content, of
translations, of the termbase and of session files, with its kind and its documentation.
"""

from __future__ import annotations

from dataclasses import make_dataclass

from booklet import model
from booklet.schema.kinds import (COLOUR, LANGUAGE, LINE, MARKDOWN, MARKDOWN_LINE, SLUG, Boolean,
                                  Date, Field, Kind, ListOf, MapOf, Markdown, Number, Pictogram,
                                  Record, Text)

SOURCE = Record(model.Source, [
    Field("title", LINE, "The title of the source document.",
          "Human Trafficking and ILO Responses: Frequently Asked Questions"),
    Field("organisation", LINE, "Who published it.", "ILO-IPEC TICW project"),
    Field("date", Date(), "The date of the version used.", "2008-10-24"),
], "source")

PUBLICATION = Record(model.Publication, [
    Field("title", LINE, "The series title, on every cover.",
          "Human Trafficking and ILO Responses"),
    Field("publisher", LINE, "The publisher, on covers and as the PDF's author.", "ILO-IPEC TICW"),
    Field("language", LANGUAGE, "The language of the text (BCP 47).", "en"),
    Field("source", SOURCE, "The document the content is drawn from.", "see below"),
    Field("mission", MARKDOWN, "The mission statement.",
          "Our mission is ..."),
    Field("attribution", MARKDOWN, "The credit on every back cover and handout.",
          "Based on ... (2008)."),
    Field("keywords", ListOf(LINE, 1), "Words for the PDF's keywords.",
          "[trafficking, migration]"),
], "publication")

CONTACT = Record(model.Contact, [
    Field("name", LINE, "Who to contact.", "Police hotline"),
    Field("details", Text(allow_empty=True), "Number or address; empty leaves a line to "
          "write on, for each edition to fill in.", "'1300'", required=False),
], "contact")

MESSAGE = Record(model.Message, [
    Field("text", MARKDOWN_LINE, "The text, on one line.", "Stay in school."),
    Field("pictogram", Pictogram(), "The pictogram printed beside it (see "
          "docs/pictograms.md).", "school"),
], "message")

CHECKLIST = Record(model.Checklist, [
    Field("title", LINE, "The checklist's heading.", "Before you leave home"),
    Field("items", ListOf(MESSAGE, 1, 12), "The things to tick off, 1 to 12, each with its "
          "pictogram.", "see message"),
], "checklist")

AUDIENCE = Record(model.Audience, [
    Field("id", SLUG, "A short slug used in file names and tags.", "children"),
    Field("name", LINE, "Who the readers are.", "Children and young people"),
    Field("booklet_title", LINE, "The title on the booklet's cover.", "Stay safe, stay in school"),
    Field("introduction", MARKDOWN, "A short introduction.", "This booklet is for you ..."),
    Field("key_messages", ListOf(MESSAGE, 1, 6), "The messages to take away, 1 to 6, each "
          "with its pictogram.", "see message"),
    Field("call_to_action", MARKDOWN, "What the reader should do now.",
          "Talk to your family."),
    Field("help", ListOf(CONTACT, 1), "Where to get help.", "see contact"),
    Field("colour", COLOUR, "The theme colour; the text on it is white, so it must be dark "
          "enough (contrast 4.5:1 at least).", "'#1b6ca8'"),
    Field("pictogram", Pictogram(), "The pictogram of the cover.", "child"),
    Field("large_type", Boolean(), "Set the body text at 11 pt rather than 10 pt, for "
          "readers who read little.", "true", required=False),
    Field("reading_grade", Number(1, 20), "The highest Flesch-Kincaid grade allowed.", "5"),
    Field("mission", MARKDOWN, "This audience's wording of the mission statement; "
          "without it, the publication's.", "We want to ...", required=False),
    Field("handout_questions", ListOf(SLUG, 1, 4), "Ids of the 1 to 4 questions on the "
          "handout, in order; each must be in this audience's booklet.", "[why-not-under-15]"),
    Field("all_questions", Boolean(), "The booklet holds every question, whatever its tags.",
          "false", required=False),
    Field("checklist", CHECKLIST, "A checklist, printed after the questions.", "see checklist",
          required=False),
], "audience")

WORDING = Record(model.Wording, [
    Field("audiences", ListOf(SLUG, 1), "Ids of the audiences that read this wording.",
          "[children, young-migrants]"),
    Field("question", Text(allow_empty=True), "This audience's wording of the question.",
          "Why should I stay in school?", required=False),
    Field("answer", Markdown(allow_empty=True), "This audience's wording of the answer.",
          "Because ...", required=False),
], "wording")

QUESTION = Record(model.Question, [
    Field("id", SLUG, "A short slug, unique among the questions.", "why-not-under-15"),
    Field("question", LINE, "The question.", "Why should children under 15 not migrate?"),
    Field("answer", MARKDOWN, "The answer.", "There are two reasons ..."),
    Field("audiences", ListOf(SLUG, 1), "Ids of the audiences whose booklets carry it.",
          "[children, parents]"),
    Field("versions", ListOf(WORDING), "Wordings of particular audiences; an audience may "
          "be in one at most.", "see wording", required=False),
], "question")


COPIES = Number(0, 10_000, whole=True)

PARTICIPANTS = Record(model.Participants, [
    Field("audience", SLUG, "The audience's id.", "children"),
    Field("booklets", COPIES, "Copies of its booklet.", "25"),
    Field("handouts", COPIES, "Copies of its handout.", "25"),
], "participants")

SESSION = Record(model.Session, [
    Field("title", LINE, "The session's title.", "Safe migration: a day for young people"),
    Field("date", Date(), "The day of the session.", "2026-12-05"),
    Field("place", LINE, "Where it is held.", "Savannakhet"),
    Field("trainer", LINE, "Who leads it.", "Ms. Vongsa"),
    Field("language", LANGUAGE, "The language of the booklets.", "en"),
    Field("paper", Text(r"a4|letter", "a4 or letter", "a4 or letter"), "The paper: a4 "
          "(A5 booklets on A4) or letter (half-letter booklets on Letter).", "a4"),
    Field("participants", ListOf(PARTICIPANTS, 1), "Who comes, by audience, and how many "
          "copies each needs.", "see participants"),
], "session")


OPTIONAL_TEXT = Markdown(allow_empty=True)

TRANSLATED_CHECKLIST = Record(model.TranslatedChecklist, [
    Field("title", LINE, "The checklist's heading.", "Before you leave home"),
    Field("items", ListOf(MARKDOWN_LINE, 1, 12), "The items, in the English order.",
          "[...]"),
], "translated checklist")

def optional_fields(*fields: tuple[str, Kind, str]) -> list[Field]:
    """Declare fields a translation may leave out (name, kind, what it is)."""
    return [Field(name, kind, doc, "...", required=False) for name, kind, doc in fields]


TRANSLATED_AUDIENCE = Record(model.TranslatedAudience, optional_fields(
        ("name", LINE, "Who the readers are."),
        ("booklet_title", LINE, "The title on the cover."),
        ("introduction", OPTIONAL_TEXT, "The introduction."),
        ("key_messages", ListOf(MARKDOWN_LINE, 1, 6), "The key messages, in the English "
                                                      "order; the pictograms stay."),
        ("call_to_action", OPTIONAL_TEXT, "What the reader should do now."),
        ("help", ListOf(LINE, 1), "The names of the contacts, in the English order."),
        ("mission", OPTIONAL_TEXT, "This audience's wording of the mission."),
        ("checklist", TRANSLATED_CHECKLIST, "The checklist."),
), "translated audience")

TRANSLATED_WORDING = Record(model.TranslatedWording, [
    Field("question", LINE, "The question.", "..."),
    Field("answer", MARKDOWN, "The answer.", "..."),
], "translated wording")

TRANSLATED_PUBLICATION = Record(model.TranslatedPublication, optional_fields(
        ("title", LINE, "The series title."),
        ("publisher", LINE, "The publisher."),
        ("attribution", OPTIONAL_TEXT, "The credit."),
        ("mission", OPTIONAL_TEXT, "The mission statement."),
        ("keywords", ListOf(LINE, 1), "Words for the PDF's keywords."),
), "translated publication")

TRANSLATION = Record(model.Translation, [
    Field("language", LANGUAGE, "The language, as in the file's name.", "th"),
    Field("status", Text(r"draft|reviewed", "draft or reviewed", "draft or reviewed"),
          "draft, printed with a visible note, until a reviewer sets reviewed.", "draft"),
    Field("reviewer", Text(allow_empty=True, single_line=True), "Who reviewed it.", "",
          required=False),
    Field("publication", TRANSLATED_PUBLICATION, "The publication's texts.", "see below"),
    Field("audiences", MapOf(TRANSLATED_AUDIENCE), "Texts of each translated audience, by "
          "audience id.", "{children: {...}}"),
    Field("questions", MapOf(MapOf(TRANSLATED_WORDING)), "By question id, then by the id of "
          "each audience that reads it: its question and answer.",
          "{under-15: {children: {...}}}"),
], "translation")


AVOIDED_TERM = Record(model.AvoidedTerm, [
    Field("term", LINE, "The term never to use for the concept.", "sex work"),
    Field("lang", LANGUAGE, "Its language: en or the tag of a translation.", "en"),
    Field("reason", Text(), "Why, with its source where there is one.",
          "A child is never a sex worker (Luxembourg Guidelines, 2016)."),
    Field("audiences", ListOf(SLUG, 1), "Ids of the audiences whose texts must not use it; "
          "without it, every audience.", "[children, migrants]", required=False),
], "avoided term")

TERM = Record(model.Term, [
    Field("id", SLUG, "A short slug, unique among the terms.", "sexual-exploitation"),
    Field("concept", LINE, "What the concept is, on one line, in English.",
          "The use of a child or adult for sex by someone who gains from it."),
    Field("preferred", MapOf(LINE, LANGUAGE, "language tags"), "The one term to use for it, "
          "by language tag; en is required.", "{en: sexual exploitation, th: ...}"),
    Field("avoid", ListOf(AVOIDED_TERM), "Terms never to use for it; --check reports each "
          "one found, and print editions are not built while one is in the text.",
          "see avoided term", required=False),
], "term")


LINE_BREAKS = Record(model.LineBreaks, [
    Field("keep_together", MapOf(ListOf(LINE, 1), LANGUAGE, "language tags"), "By language "
          "tag, the words and phrases a line must never break inside, where ICU's "
          "dictionary splits them; the termbase's preferred terms are kept whole besides.",
          "{lo: [ອາຊະຍາກອນ], th: [ผู้พิพากษา]}"),
], "line breaks")


def top_level(key: str, item: Kind, minimum: int) -> Record:
    """Declare a file holding one key with a list, such as ``audiences: [...]``."""
    cls = make_dataclass(key.title(), [(key, tuple), ("location", model.Location)], frozen=True)
    return Record(cls, [
        Field(key, ListOf(item, minimum), f"The {key}.", "see below")], f"mapping with '{key}'")


#: The content files, each with the validator of its whole document.
FILES: dict[str, Kind] = {
    "publication.yaml": PUBLICATION,
    "audiences.yaml": top_level("audiences", AUDIENCE, 1),
    "questions.yaml": top_level("questions", QUESTION, 1),
}

#: The content files a folder may leave out, each with the validator of its whole document.
OPTIONAL_FILES: dict[str, Kind] = {
    "terms.yaml": top_level("terms", TERM, 1),
    "linebreaks.yaml": LINE_BREAKS,
}

#: The records of a session file, documented in docs/sessions.md.
SESSION_DOCUMENTED: list[tuple[str, Record]] = [("session", SESSION),
                                                ("participants", PARTICIPANTS)]


#: The records documented in the field reference, in the order shown.
DOCUMENTED: list[tuple[str, Record]] = [
    ("publication.yaml", PUBLICATION), ("source", SOURCE), ("audiences.yaml: audience", AUDIENCE),
    ("message", MESSAGE), ("contact", CONTACT), ("checklist", CHECKLIST),
    ("questions.yaml: question", QUESTION),
    ("wording", WORDING),
    ("translations/LANGUAGE.yaml: translation", TRANSLATION),
    ("translated publication", TRANSLATED_PUBLICATION),
    ("translated audience", TRANSLATED_AUDIENCE),
    ("translated checklist", TRANSLATED_CHECKLIST),
    ("translated wording", TRANSLATED_WORDING),
    ("terms.yaml: term", TERM),
    ("avoided term", AVOIDED_TERM),
    ("linebreaks.yaml: line breaks", LINE_BREAKS),
]
