"""Exchange translations with translators' tools: export every translatable text of a
language to a PO file (gettext) or an XLIFF 2.0 file, and import one back into the
translation file (content/translations/<language>.yaml) and the fixed words of the
templates (templates/words/<language>.yaml).

Each text goes out with its id as its context (``msgctxt``, the unit's ``name``), the
English as the source, the translation as the target, and notes for the translator: where
it prints, who reads it, the terms of the termbase it holds. A text whose English changed
since it was translated goes out fuzzy (``#, fuzzy`` with the English it was made from as
``#| msgid``; in XLIFF ``state="initial"`` with ``subState="booklet:needs-review-
translation"`` and the old English in a note). Markdown goes out as it is written.

An import checks every entry before it writes anything: an unknown id, a text the schema
refuses, or a translation that breaks the Markdown or drops a link of the English is an
error naming the line of the PO or XLIFF file. It changes only the texts that changed,
and records the English of each (`booklet.sources`): importing an unchanged export changes
nothing.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from booklet import model, terms
from booklet.errors import BookletError, ContentError, Problem
from booklet.load import load, shown_path
from booklet.richtext import checking_parser
from booklet.schema.kinds import Reader
from booklet.schema.text import Markdown
from booklet.sources import read_sources, status
from booklet.translate import (
    SOURCE_LANGUAGE,
    Slot,
    available_languages,
    every_slot,
    load_translation,
)

#: The formats a language can be exported to, by the name --format takes.
FORMATS = ("po", "xliff")
#: The largest PO or XLIFF file an import reads.
MAX_IMPORT_BYTES = 5_000_000
#: The flag of an outdated text in a PO file.
FUZZY = "fuzzy"
#: The note on a text in Markdown.
MARKDOWN_NOTE = ("Markdown: keep its marks (*, **, a dash that starts a list item, [words](link)) "
                 "and every link of the English.")
TRANSLATION_HEADER = """\
# {language}: a translation of the content, by the ids of the English. Written by
# make_booklet.py translation import; may be edited by hand too. Field reference:
# docs/content.md; the translators' round trip: docs/translation.md.
"""


class ExchangeError(BookletError):
    """A PO or XLIFF file that cannot be read as an exchange of this content."""


@dataclass(frozen=True)
class Entry:
    """One text as it goes out to a translator and comes back."""

    #: The text's id, such as ``audiences.children.key_messages[0]``.
    id: str
    english: str
    #: The translation; empty when there is none.
    translation: str
    #: ``translated``, ``outdated`` or ``missing``.
    status: str
    #: For an outdated text, the English it was translated from.
    previous: str = ""
    #: Notes for the translator, one a line.
    notes: tuple[str, ...] = ()
    #: Whether the text is Markdown.
    markdown: bool = False
    #: Where the English is, as FILE:LINE.
    location: str = ""
    #: Whether English may stand in for it while it is not translated.
    optional: bool = False


@dataclass(frozen=True)
class Incoming:
    """One entry of an imported PO or XLIFF file."""

    id: str
    #: The English the translator translated (the entry's source).
    english: str
    translation: str
    #: Whether the translator left it to be reviewed (fuzzy, or a draft state).
    fuzzy: bool
    #: The line of the entry in the imported file.
    line: int


@dataclass
class Imported:
    """What an import did."""

    language: str
    #: The ids of the texts whose translation changed.
    changed: list[str] = field(default_factory=list)
    #: The ids whose English was recorded anew (translated or confirmed).
    recorded: list[str] = field(default_factory=list)
    #: The ids left fuzzy (outdated or to review), their translation kept as it came.
    fuzzy: list[str] = field(default_factory=list)
    #: The files written.
    written: list[Path] = field(default_factory=list)


def entries(content: model.Content, language: str,
            audience_ids: tuple[str, ...] = ()) -> list[Entry]:
    """Return every translatable text of a language, with its translation and status."""
    translation = existing_translation(content.folder, language)
    sources = read_sources(content.folder, language) if translation else {}
    names = {audience.id: audience.name for audience in content.audiences}
    return entries_of(every_slot(content, translation, language, audience_ids), sources,
                      names, content.terms, language)


def entries_of(slots: list[Slot], sources: dict[str, model.EnglishSource],
               names: dict[str, str], termbase: tuple[model.Term, ...],
               language: str) -> list[Entry]:
    """Return the entries of texts: each with its status and its notes."""
    result = []
    for slot in slots:
        state = status(slot, sources)
        previous = sources[slot.id].english if state == "outdated" else ""
        result.append(Entry(slot.id, slot.english, slot.translated, state, previous,
                            notes(slot, names, termbase, language),
                            isinstance(slot.field.kind, Markdown),
                            str(slot.location) if slot.location else "",
                            slot.may_stay_english))
    return result


def existing_translation(content_folder: Path, language: str) -> model.Translation | None:
    """Return a language's translation, or None when it has no file yet."""
    if language not in available_languages(content_folder)[1:]:
        return None
    return load_translation(content_folder, language)[0]


def notes(slot: Slot, names: dict[str, str], termbase: tuple[model.Term, ...],
          language: str) -> tuple[str, ...]:
    """Return the notes for the translator of a text: where it prints, who reads it, and
    the terms of the termbase it holds."""
    readers = ", ".join(names.get(reader, reader) for reader in slot.readers)
    found = [f"Where it prints: {slot.where}",
             f"Read by: {readers or 'every audience'}"]
    if slot.may_stay_english:
        found.append("Optional: English is used while it is not translated.")
    if isinstance(slot.field.kind, Markdown):
        found.append(MARKDOWN_NOTE)
    found += term_notes(slot.english, termbase, language)
    return tuple(found)


def term_notes(english: str, termbase: tuple[model.Term, ...], language: str) -> list[str]:
    """Return a note for each concept of the termbase whose English term is in a text."""
    found = []
    text = terms.normalised(english)
    for term in termbase:
        preferred = term.preferred.get(SOURCE_LANGUAGE, "")
        if not preferred or not terms.pattern(preferred, SOURCE_LANGUAGE).search(text):
            continue
        note = (f"Term: {preferred} = {term.preferred[language]}" if language in term.preferred
                else f"Term: {preferred} (no term chosen in '{language}' yet)")
        avoided = [entry.term for entry in term.avoid if entry.lang == language]
        found.append(note + (f"; never: {', '.join(avoided)}" if avoided else ""))
    return found


def term_entries(english: str, termbase: tuple[model.Term, ...],
                 language: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """Return (English term, the language's term, terms to avoid) for each concept of the
    termbase in a text."""
    text = terms.normalised(english)
    return [(term.preferred[SOURCE_LANGUAGE], term.preferred.get(language, ""),
             tuple(entry.term for entry in term.avoid if entry.lang == language))
            for term in termbase if term.preferred.get(SOURCE_LANGUAGE)
            and terms.pattern(term.preferred[SOURCE_LANGUAGE], SOURCE_LANGUAGE).search(text)]


# Export.


def export(content: model.Content, language: str, format: str,
           audience_ids: tuple[str, ...] = (), template: bool = False) -> bytes:
    """Return a language's texts as a PO or XLIFF file; a template has no translations."""
    found = entries(content, language, audience_ids)
    if template:
        found = [dataclasses.replace(entry, translation="", status="missing", previous="")
                 for entry in found]
    title = content.publication.title
    if format == "po":
        from booklet import po

        return po.write(found, "" if template else language, title).encode("utf-8")
    from booklet import xliff

    return xliff.write(found, language, title, reviewed=reviewed(content.folder, language))


def reviewed(content_folder: Path, language: str) -> bool:
    """Return whether a language's translation is marked reviewed."""
    translation = existing_translation(content_folder, language)
    return bool(translation) and translation.status == "reviewed"


def read_incoming(path: Path) -> tuple[str, list[Incoming]]:
    """Read a PO or XLIFF file: its language and its entries."""
    shown = shown_path(path)
    if not path.is_file():
        raise ExchangeError(f"{shown}: expected a PO or XLIFF file, found none")
    size = path.stat().st_size
    if size > MAX_IMPORT_BYTES:
        raise ExchangeError(f"{shown}: expected at most {MAX_IMPORT_BYTES} bytes, found {size}")
    data = path.read_bytes()
    if path.suffix.lower() in (".xlf", ".xliff") or data.lstrip().startswith(b"<"):
        from booklet import xliff

        return xliff.read(data, shown)
    from booklet import po

    return po.read(data, shown)


def import_file(path: Path, content_folder: Path) -> Imported:
    """Import a PO or XLIFF file into its language's translation file and fixed words."""
    shown = shown_path(path)
    language, incoming = read_incoming(path)
    # Tools write a tag the POSIX way too (Weblate: zh_Hans); the files are named in BCP 47.
    language = language.replace("_", "-")
    content = load(content_folder)
    if not language or language == SOURCE_LANGUAGE:
        raise ExchangeError(f"{shown}: expected the language of the translation in the file "
                            f"(the PO header Language, XLIFF's trgLang), found "
                            f"{language or 'none'!r}")
    translation = existing_translation(content_folder, language)
    slots = {slot.id: slot for slot in every_slot(content, translation, language)}
    problems = incoming_problems(incoming, slots, shown, language)
    if problems:
        raise ContentError(problems)
    from booklet.exchange_files import write_incoming

    return write_incoming(content, language, incoming, slots, translation)


def incoming_problems(incoming: list[Incoming], slots: dict[str, Slot], shown: str,
                      language: str) -> list[Problem]:
    """Check every entry of an imported file: a known id, once; a text the schema takes,
    keeping the Markdown and the links of the English."""
    problems, seen = [], {}
    for entry in incoming:
        slot = slots.get(entry.id)
        if slot is None:
            problems.append(Problem(shown, entry.line, entry.id or "(no id)", f"expected the "
                                    f"id of a text of the content as the entry's context, "
                                    f"found {entry.id!r}; export the file again"))
            continue
        if entry.id in seen:
            problems.append(Problem(shown, entry.line, entry.id, f"expected each id once, "
                                    f"found it again (first at line {seen[entry.id]})"))
        seen.setdefault(entry.id, entry.line)
        if entry.translation.strip():
            problems += [Problem(shown, entry.line, entry.id, message) for message in
                         text_problems(slot, entry.english or slot.english,
                                       entry.translation, language)]
    return problems


def text_problems(slot: Slot, english: str, translation: str, language: str) -> list[str]:
    """Return what is wrong with a translation: what the schema refuses, and, in Markdown,
    marks or links of the English it lost."""
    reader = Reader("")
    node = yaml.ScalarNode("tag:yaml.org,2002:str", translation,
                           yaml.Mark("", 0, 0, 0, None, None),
                           yaml.Mark("", 0, 0, 0, None, None), style='"')
    slot.field.kind.read(node, slot.id, reader)
    found = [problem.message for problem in reader.problems]
    if isinstance(slot.field.kind, Markdown) and not found:
        found += markdown_problems(english, translation)
    return found


def markdown_problems(english: str, translation: str) -> list[str]:
    """Return how a translation breaks the Markdown of the English: links or pictures
    dropped, lists of another length, marks that open nothing."""
    source, target = markup(english), markup(translation)
    found = [f"expected the link {link!r} of the English, found it missing"
             for link in source["links"] if link not in target["links"]]
    if source["items"] != target["items"]:
        found.append(f"expected {source['items']} list item(s), as in the English, found "
                     f"{target['items']}")
    for mark in "*`[]":
        if target["text"].count(mark) > source["text"].count(mark):
            found.append(f"expected Markdown marks in pairs, as in the English, found a "
                         f"'{mark}' that opens or closes nothing")
    return found


def markup(text: str) -> dict:
    """Return the links and pictures of a Markdown text, its list items, and its plain text."""
    links, items, plain = [], 0, []
    for token in checking_parser().parse(text):
        items += token.type == "list_item_open"
        for child in token.children or []:
            if child.type == "link_open":
                links.append(child.attrGet("href"))
            elif child.type == "image":
                links.append(child.attrGet("src"))
            elif child.type == "text":
                plain.append(child.content)
    return {"links": links, "items": items, "text": "".join(plain)}
