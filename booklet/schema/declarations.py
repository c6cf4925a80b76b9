"""The content schema, declared once: every file, record and field of the content, of
translations, of the termbase and of session files, with its kind and its documentation.
"""

from __future__ import annotations

from dataclasses import make_dataclass

from booklet import model
from booklet.schema.kinds import (MAY_STAY_ENGLISH, Boolean, Date, Field, Kind, ListOf, MapOf,
                                  Number, Record)
from booklet.schema.text import (COLOUR, LANGUAGE, LINE, MARKDOWN, MARKDOWN_LINE, PHONE, SLUG,
                                 WEB_ADDRESS, Country, Markdown, Picture, Pictogram, Text)
from booklet.colour import DEFAULT_PROFILE, PROFILES
from booklet.schema.translation import documented_records, translation_record

SOURCE = Record(model.Source, [
    Field("title", LINE, "The title of the source document.",
          "Human Trafficking and ILO Responses: Frequently Asked Questions"),
    Field("organisation", LINE, "Who published it.", "ILO-IPEC TICW project"),
    Field("date", Date(), "The date of the version used.", "2008-10-24"),
], "source")

PUBLICATION = Record(model.Publication, [
    Field("title", LINE, "The series title, on every cover.",
          "Human Trafficking and ILO Responses", translatable=True),
    Field("publisher", LINE, "The publisher, on covers and as the PDF's author.", "ILO-IPEC TICW",
          translatable=True),
    Field("language", LANGUAGE, "The language of the text (BCP 47).", "en"),
    Field("source", SOURCE, "The document the content is drawn from.", "see below"),
    Field("mission", MARKDOWN, "The mission statement, printed for audiences without their "
          "own wording of it.", "Our mission is ...", translatable=MAY_STAY_ENGLISH),
    Field("attribution", MARKDOWN, "The credit on every back cover and handout.",
          "Based on ... (2008).", translatable=True),
    Field("keywords", ListOf(LINE, 1), "Words for the PDF's keywords.",
          "[trafficking, migration]", translatable=MAY_STAY_ENGLISH),
], "publication")

CONTACT = Record(model.Contact, [
    Field("name", LINE, "Who to contact.", "Police hotline", translatable=True),
    Field("details", Text(allow_empty=True), "Number or address; empty leaves a line to "
          "write on, for each edition to fill in.", "'1300'", required=False),
], "contact")

MESSAGE = Record(model.Message, [
    Field("text", MARKDOWN_LINE, "The text, on one line.", "Stay in school.", translatable=True),
    Field("pictogram", Pictogram(), "The pictogram printed beside it (see "
          "docs/pictograms.md).", "school"),
], "message")

CHECKLIST = Record(model.Checklist, [
    Field("title", LINE, "The checklist's heading.", "Before you leave home",
          translatable=True),
    Field("items", ListOf(MESSAGE, 1, 12), "The things to tick off, 1 to 12, each with its "
          "pictogram.", "see message"),
], "checklist")

AUDIENCE = Record(model.Audience, [
    Field("id", SLUG, "A short slug used in file names and tags.", "children"),
    Field("name", LINE, "Who the readers are.", "Children and young people", translatable=True),
    Field("booklet_title", LINE, "The title on the booklet's cover.", "Stay safe, stay in school",
          translatable=True),
    Field("introduction", MARKDOWN, "A short introduction.", "This booklet is for you ...",
          translatable=True),
    Field("key_messages", ListOf(MESSAGE, 1, 6), "The messages to take away, 1 to 6, each "
          "with its pictogram.", "see message"),
    Field("call_to_action", MARKDOWN, "What the reader should do now.",
          "Talk to your family.", translatable=True),
    Field("help", ListOf(CONTACT, 1), "Where to get help.", "see contact"),
    Field("colour", COLOUR, "The theme colour; the text on it is white, so it must be dark "
          "enough (contrast 4.5:1 at least).", "'#1b6ca8'"),
    Field("pictogram", Pictogram(), "The pictogram of the cover.", "child"),
    Field("large_type", Boolean(), "Lay the booklet and handout out for readers who read "
          "little (Easy Read): large type, and each paragraph and list item of an answer "
          "beside its picture (the questions' pictures).", "true", required=False),
    Field("reading_grade", Number(1, 20), "The highest Flesch-Kincaid grade allowed.", "5"),
    Field("mission", MARKDOWN, "This audience's wording of the mission statement; "
          "without it, the publication's.", "We want to ...", required=False,
          translatable=True),
    Field("handout_questions", ListOf(SLUG, 1, 4), "Ids of the 1 to 4 questions on the "
          "handout, in order; each must be in this audience's booklet.", "[why-not-under-15]"),
    Field("all_questions", Boolean(), "The booklet holds every question, whatever its tags.",
          "false", required=False),
    Field("checklist", CHECKLIST, "A checklist, printed after the questions.", "see checklist",
          required=False),
    Field("type_size", Number(10, 16), "The body text's size in points, 10 to 16; without "
          "it, 12 pt with large_type and 10 pt without. Headings scale with it.", "14",
          required=False),
    Field("cover_scene", ListOf(Pictogram(), 3, 5), "The 3 to 5 pictograms the cover's "
          "picture is composed of, from left to right, standing on one ground: the first "
          "and the last large (places), those between smaller (people, things).",
          "[healthicons:places/village, healthicons:people/young_people, school]",
          required=False),
    Field("question_order", ListOf(SLUG, 1), "Ids of questions of this audience's booklet, "
          "printed first, in this order, so that its readers' own questions come in the "
          "order they ask them; the others follow in the order of questions.yaml.",
          "[under-15, child-work]", required=False),
    Field("question_pages", Boolean(), "Each question of the booklet starts a page of its "
          "own, for readers who turn the pages to find their question; each answer must "
          "fill a third of a page and fit on one.", "true", required=False),
    Field("title_alone", Boolean(), "The cover shows the booklet's title alone, without the "
          "series title above it, which readers who read little take for the title.",
          "true", required=False),
], "audience")

WORDING = Record(model.Wording, [
    Field("audiences", ListOf(SLUG, 1), "Ids of the audiences that read this wording.",
          "[children, young-migrants]"),
    Field("question", Text(allow_empty=True), "This audience's wording of the question.",
          "Why should I stay in school?", required=False),
    Field("answer", Markdown(allow_empty=True), "This audience's wording of the answer.",
          "Because ...", required=False),
    Field("pictures", ListOf(Pictogram()), "A pictogram for each paragraph and list item of "
          "this wording's answer, in order (see the question's pictures).",
          "[healthicons:people/young_people, school]", required=False),
], "wording")

QUESTION = Record(model.Question, [
    Field("id", SLUG, "A short slug, unique among the questions.", "why-not-under-15"),
    Field("question", LINE, "The question.", "Why should children under 15 not migrate?",
          translatable=True),
    Field("answer", MARKDOWN, "The answer.", "There are two reasons ...", translatable=True),
    Field("audiences", ListOf(SLUG, 1), "Ids of the audiences whose booklets carry it.",
          "[children, parents]"),
    Field("versions", ListOf(WORDING), "Wordings of particular audiences; an audience may "
          "be in one at most.", "see wording", required=False),
    Field("pictures", ListOf(Pictogram()), "A pictogram for each paragraph and list item of "
          "the answer, in order, printed beside it for readers who read little (large_type "
          "audiences, who must have one for each); see docs/pictograms.md.",
          "[healthicons:people/young_people, school]", required=False),
# Translated as each audience reads it: a translation follows the wordings.
], "question", translated_per_reader=True)


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
    Field("edition", SLUG, "The id of the country edition to print (a file of "
          "content/editions/); without it, the generic edition.", "cambodia", required=False),
    Field("participants", ListOf(PARTICIPANTS, 1), "Who comes, by audience, and how many "
          "copies each needs.", "see participants"),
    Field("mono", Boolean(), "Print for black-and-white printers and photocopiers: the "
          "mono booklets (imposed) and handouts, greys only.", "true", required=False),
], "session")


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


PARTNER = Record(model.Partner, [
    Field("name", LINE, "The organisation's name, printed beside the publisher's.",
          "Friends of the Village School"),
    Field("logo", Picture(), "Its logo, a picture in assets/ (SVG, or PNG or JPEG of 300 ppi "
          "at 12 mm high: 142 pixels), checked like every picture.", "logos/friends.svg",
          required=False),
], "partner")

EDITION_CONTACT = Record(model.EditionContact, [
    Field("name", LINE, "Who answers; translated under editions in each translation.",
          "Child Helpline Cambodia", translatable=True),
    Field("phone", PHONE, "The number, checked with libphonenumber for the edition's "
          "country and printed as it is dialled there; a phone number, a web address or "
          "both.", "'1280'", required=False),
    Field("web", WEB_ADDRESS, "A web address, printed and put in a QR code when there is no "
          "phone number.", "https://childhelplinecambodia.org/", required=False),
    Field("hours", LINE, "When it answers.", "24/7", required=False),
    Field("audiences", ListOf(SLUG, 1), "Ids of the audiences whose booklets and handouts "
          "print it; without it, every audience.", "[children, parents]", required=False),
    Field("source", Text(), "Where the number is published: the publisher and the page or "
          "document, in words (an address may follow, as text).",
          "Child Helpline Cambodia, 'Organisational overview'"),
    Field("checked_on", Date(), "The day it was last checked at its source; print builds "
          "stop when it is older than the edition's stale_after_months.", "2026-11-28"),
    Field("unlisted_short_code", Boolean(), "The number is a short code that libphonenumber "
          "does not list for the country: it is printed on the strength of its source.",
          "true", required=False),
], "edition contact")

EDITION = Record(model.CountryEdition, [
    Field("id", SLUG, "A short slug, the file's name and the output folder's.", "cambodia"),
    Field("name", LINE, "The edition's name.", "Cambodia"),
    Field("country", Country(), "The country whose numbers it prints.", "KH"),
    Field("languages", ListOf(LANGUAGE, 1), "The languages it is printed in, each one the "
          "content has (en or a translation's).", "[km, en]"),
    Field("partners", ListOf(PARTNER), "The organisations printing it, named with their "
          "logos beside the publisher on the back cover and the handout.", "see partner",
          required=False),
    Field("contacts", ListOf(EDITION_CONTACT, 1), "Where to get help; for each audience the "
          "first contact that serves it is printed large, with its QR code.",
          "see edition contact"),
    Field("stale_after_months", Number(1, 120, whole=True), "After how many months a "
          "contact's checked_on is too old to print; without it, 12.", "12", required=False),
    Field("profile", Text("|".join(PROFILES), " or ".join(PROFILES), "CMYK profile"),
          "The CMYK output profile of its print editions, for the presses of the country "
          f"(see profiles/README.md); without it, {DEFAULT_PROFILE}, unless the build's "
          "--profile names one.", "fogra39", required=False),
], "edition")


#: The parts of the content a translation gives texts of: the key it gives them under,
#: the English kind, and what they are. The records below them are derived from the
#: fields marked translatable (`booklet.schema.translation`).
TRANSLATED_PARTS: list[tuple[str, Kind, str]] = [
    ("publication", PUBLICATION, "The publication's texts."),
    ("audiences", ListOf(AUDIENCE), "The texts of each translated audience, by audience id."),
    ("questions", ListOf(QUESTION), "By question id, then by the id of each audience that "
                                    "reads it: its question and answer as that audience "
                                    "reads them."),
    ("editions", ListOf(EDITION), "By country edition id, the names of its contacts, in the "
                                  "order of the edition's file."),
]

TRANSLATION = translation_record(model.Translation, [
    Field("language", LANGUAGE, "The language, as in the file's name.", "th"),
    Field("status", Text(r"draft|reviewed", "draft or reviewed", "draft or reviewed"),
          "draft, printed with a visible note, until a reviewer sets reviewed.", "draft"),
    Field("reviewer", Text(allow_empty=True, single_line=True), "Who reviewed it.", "",
          required=False),
], TRANSLATED_PARTS)

ENGLISH_SOURCE = Record(model.EnglishSource, [
    Field("fingerprint", Text(r"[0-9a-f]{12}", "12 hexadecimal digits", "fingerprint"),
          "A digest of the English text the translation was made from.", "9f2c61d0a4b7"),
    Field("english", Text(allow_empty=True), "That English text.", "Stay in school."),
], "English source")

#: A translation's sidecar (translations/sources/LANGUAGE.yaml): the English each
#: translated text was made from, by the text's id.
SOURCES = MapOf(ENGLISH_SOURCE, Text(r"[a-z][A-Za-z0-9_.\[\]-]*", "a text's id, such as "
                                     "'audiences.children.name'", "text id"), "text ids")


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
    *documented_records(TRANSLATION),
    ("translations/sources/LANGUAGE.yaml: English source, by text id", ENGLISH_SOURCE),
    ("terms.yaml: term", TERM),
    ("avoided term", AVOIDED_TERM),
    ("editions/EDITION.yaml: edition", EDITION),
    ("edition contact", EDITION_CONTACT),
    ("partner", PARTNER),
    ("linebreaks.yaml: line breaks", LINE_BREAKS),
]
