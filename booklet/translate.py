"""Stage 1b: the content in another language: the English content, with the texts of a
translation file (content/translations/<language>.yaml) put in place by id.

Which texts are translated, and the shape of the translation file, follow from the fields
the schema marks ``translatable`` (`booklet.schema.translation`); this module walks the
English content along the same marks. Each text gets an id, its key path in the
translation file, such as ``audiences.children.key_messages[0]``.

A text with no translation is an error naming its id and the language, unless fallback is
allowed; then the English text is used and counted, for the coverage report. A question
is translated as a whole for each audience that reads it: with its question or its answer
missing, both are in English.

Each translated text's English is recorded in a sidecar,
content/translations/sources/<language>.yaml (`booklet.sources`), so that a text whose
English changed since is known to be outdated.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from booklet import model, paths
from booklet.errors import ContentError, Problem
from booklet.load import Lines, read_file
from booklet.schema import INVALID, TRANSLATION
from booklet.schema.declarations import TRANSLATED_PARTS
from booklet.schema.kinds import MAY_STAY_ENGLISH, Field, Kind, ListOf, Record, Text, join_path
from booklet.schema.translation import collapsed, has_id, translated_kind

#: The folder of the translations, inside the content folder.
FOLDER = "translations"
#: The language the content itself is written in.
SOURCE_LANGUAGE = "en"
#: The parts put in place for each printing of a country edition (`translated_edition`),
#: not with the rest of the content.
PER_EDITION = ("editions",)


@dataclass(frozen=True)
class Slot:
    """One translatable text: its id, its English, its translation, and where it prints."""

    #: The key path of the text in the translation file.
    id: str
    english: str
    #: The translation; empty when there is none.
    translated: str
    #: The English field: its kind, its documentation (where it prints) and its mark.
    field: Field
    #: The ids of the audiences that read it; empty for every audience.
    readers: tuple[str, ...]
    #: Where the English text is.
    location: model.Location
    #: The id the coverage counts it under: its own, or that of the question it is part of.
    unit: str
    #: Where a missing translation is reported: its id, or that of the entry left out.
    missing_at: str
    #: Where it prints: the documentation of its field, and of the field holding it.
    where: str = ""

    @property
    def may_stay_english(self) -> bool:
        """Return whether English may stand in for it without a word."""
        return self.field.translatable == MAY_STAY_ENGLISH


@dataclass
class Coverage:
    """How much of what a language's editions show is translated."""

    language: str
    translated: int = 0
    #: The texts shown in English, by id path.
    fallbacks: list[str] = field(default_factory=list)
    #: The texts translated from an English that has changed since, by id path.
    outdated: list[str] = field(default_factory=list)

    @property
    def percentage(self) -> float:
        """Return the share of texts translated, in percent."""
        total = self.translated + len(self.fallbacks)
        return 100.0 * self.translated / total if total else 100.0


def available_languages(content_folder: Path) -> list[str]:
    """Return the languages of the content: English, then each translation file's."""
    folder = content_folder / FOLDER
    return [SOURCE_LANGUAGE] + sorted(path.stem for path in folder.glob("*.yaml"))


def load_translation(content_folder: Path, language: str) -> tuple[model.Translation, Lines]:
    """Read and check a translation file; raise `ContentError` listing every problem."""
    problems: list[Problem] = []
    lines: dict[tuple[str, str], int] = {}
    translation = read_file(content_folder / FOLDER, f"{language}.yaml", problems, lines,
                            TRANSLATION)
    if translation is INVALID:
        raise ContentError(problems)
    if translation.language != language:
        where = translation.location
        problems.append(Problem(where.file, lines.get((where.file, "language"), where.line),
                                "language", f"expected '{language}', the name of the file, "
                                            f"found '{translation.language}'"))
    if problems:
        raise ContentError(problems)
    return translation, Lines(lines)


class Walk:
    """Walks English values along the translatable marks of their kinds, beside what a
    translation gives for them: notes each text as a `Slot`, and returns the value with
    the text `choose` picks for each slot (the English, unless told otherwise)."""

    def __init__(self, audiences: tuple[model.Audience, ...],
                 choose: Callable[[Slot], str] | None = None):
        #: The audiences whose readings of per-reader records are walked.
        self.audiences = audiences
        self.choose = choose or (lambda slot: slot.english)
        self.slots: list[Slot] = []
        #: Lists whose translation has another number of items: (id, English, found).
        self.mismatches: list[tuple[str, int, int]] = []
        #: The id of the reading being walked, which the coverage counts as one.
        self.unit = ""
        #: The documentation of the field holding the records being walked.
        self.context = ""

    def part(self, name: str, kind: Kind, english: Any, given: Any) -> Any:
        """Return a part of the content (publication, audiences...) walked."""
        return self.value(kind, english, given, name, (), "")

    def value(self, kind: Kind, english: Any, given: Any, path: str,
              readers: tuple[str, ...], missing: str) -> Any:
        """Return an English value walked; `missing` is the id of an entry left out."""
        if english is None or translated_kind(kind) is None:
            return english
        if isinstance(kind, Record):
            return self.record(kind, english, given, path, readers, missing)
        if has_id(kind.item):
            return tuple(self.entry(kind.item, item, given, path, readers, missing)
                         for item in english)
        items = self.same_length(path, given, english)
        return tuple(self.record(kind.item, item, items[index] if items else None,
                                 join_path(path, index), readers, missing)
                     for index, item in enumerate(english))

    def entry(self, record: Record, english: Any, given: dict | None, path: str,
              readers: tuple[str, ...], missing: str) -> Any:
        """Return a record with an id walked; one left out of the translation is reported
        once, at its id, when the translation gives it as a record."""
        here = join_path(path, english.id)
        found = given.get(english.id) if isinstance(given, dict) else None
        if found is None and not missing and isinstance(translated_kind(record), Record):
            missing = here
        if path == "audiences":
            readers = (english.id,)
        return self.record(record, english, found, here, readers, missing)

    def record(self, record: Record, english: Any, given: Any, path: str,
               readers: tuple[str, ...], missing: str, reading: bool = False) -> Any:
        """Return a record walked: each of its translated fields, or its readings (unless
        it is one reading already)."""
        if record.translated_per_reader and not reading:
            return self.readings(record, english, given, path, missing)
        one = collapsed(record)
        changes = {}
        for key in record.fields:
            if one and key is not one:
                continue
            if not one and not key.translatable and translated_kind(key.kind) is None:
                continue
            value = getattr(english, key.name)
            found = given if one else getattr(given, key.name, None)
            where = path if one else join_path(path, key.name)
            changes[key.name] = self.field(key, value, found, where, english.location,
                                           readers, missing)
        return dataclasses.replace(english, **changes)

    def readings(self, record: Record, english: Any, given: Any, path: str,
                 missing: str) -> Any:
        """Return a record translated per reader: one reading for each audience that reads
        it, walked as a whole (the coverage counts it once)."""
        readings = {}
        for audience in self.audiences:
            if not english.is_read_by(audience):
                continue
            here = join_path(path, audience.id)
            found = given.get(audience.id) if isinstance(given, dict) else None
            self.unit = here
            readings[audience.id] = self.record(
                record, english.read_by(audience.id), found, here, (audience.id,),
                missing or ("" if found is not None else here), reading=True)
            self.unit = ""
        return english.with_readings(readings)

    def field(self, field: Field, english: Any, given: Any, path: str,
              location: model.Location, readers: tuple[str, ...], missing: str) -> Any:
        """Return a field's value walked: a text, a list of texts, or records holding some."""
        if not field.translatable:
            outer, self.context = self.context, field.doc
            walked = self.value(field.kind, english, given, path, readers, missing)
            self.context = outer
            return walked
        if isinstance(field.kind, ListOf):
            texts = self.same_length(path, given, english)
            return tuple(self.text(field, text, texts[index] if texts else "",
                                   join_path(path, index), location, readers, missing)
                         for index, text in enumerate(english))
        return self.text(field, english, given, path, location, readers, missing)

    def text(self, field: Field, english: str, given: Any, path: str,
             location: model.Location, readers: tuple[str, ...], missing: str) -> str:
        """Note one text and return the one chosen for it; an empty English has none."""
        if not english:
            return english
        slot = Slot(path, english, given if isinstance(given, str) else "", field, readers,
                    location, self.unit or path, missing or path,
                    " ".join(part for part in (self.context, field.doc) if part))
        self.slots.append(slot)
        return self.choose(slot)

    def same_length(self, path: str, given: Any, english: tuple) -> tuple | None:
        """Return a translated list if it has as many items as the English, else None
        (noting the mismatch)."""
        if not given:
            return None
        if len(given) != len(english):
            self.mismatches.append((path, len(english), len(given)))
            return None
        return tuple(given)


def walk_content(content: model.Content, translation: model.Translation | None,
                 audiences: tuple[model.Audience, ...], parts: tuple[str, ...] = (),
                 choose: Callable[[Slot], str] | None = None) -> tuple[Walk, dict[str, Any]]:
    """Walk the parts of the content (by default every part a translation gives) for the
    given audiences; return the walk and each part's walked value."""
    walk = Walk(audiences, choose)
    values = {}
    for name, kind, _ in TRANSLATED_PARTS:
        if parts and name not in parts:
            continue
        english = getattr(content, name, None)
        if name == "audiences":
            english = audiences
        given = getattr(translation, name, None) if translation else None
        values[name] = walk.part(name, kind, english, given)
    return walk, values


def translate(content: model.Content, translation: model.Translation, lines: Lines,
              audience_ids: list[str], allow_fallback: bool
              ) -> tuple[model.Content, Coverage]:
    """Return the content in the translation's language, for the given audiences."""
    from booklet.sources import outdated_ids, read_sources

    audiences = tuple(content.audience(audience_id) for audience_id in audience_ids)
    parts = tuple(name for name, _, _ in TRANSLATED_PARTS if name not in PER_EDITION)
    first, _ = walk_content(content, translation, audiences, parts)
    complete = complete_units(first.slots)
    coverage = coverage_of(translation.language, first.slots, complete)
    sources = read_sources(content.folder, translation.language)
    coverage.outdated = outdated_ids(first.slots, sources)
    problems = [lines.problem(translation.location, path, f"expected {expected} items, as "
                              f"in English, found {found}")
                for path, expected, found in first.mismatches]
    if not allow_fallback:
        problems += [lines.problem(translation.location, path, f"expected a translation into "
                                   f"'{translation.language}', found none (or use "
                                   "--allow-fallback)", nearest=True)
                     for path in coverage.fallbacks]
    if problems:
        raise ContentError(problems)
    _, values = walk_content(content, translation, audiences, parts,
                             lambda slot: chosen_text(slot, complete))
    values["publication"] = dataclasses.replace(values["publication"],
                                                language=translation.language)
    translated = dataclasses.replace(content, **values,
                                     translation_status=translation.status,
                                     outdated=tuple(coverage.outdated + outdated_ids(
                                         word_slots(translation.language), sources)))
    return translated, coverage


def outdated_for(outdated: tuple[str, ...], audience_id: str) -> int:
    """Return how many of the outdated texts (by id) an audience's editions print: its own,
    the questions as it reads them, and those every audience reads."""
    def read(text_id: str) -> bool:
        part, _, rest = text_id.partition(".")
        reader = {"audiences": rest, "questions": rest.partition(".")[2]}.get(part)
        return reader is None or reader.split(".")[0].split("[")[0] == audience_id
    return sum(1 for text_id in outdated if read(text_id))


def complete_units(slots: list[Slot]) -> dict[str, bool]:
    """Return, by unit, whether every text of it that must be translated is."""
    complete: dict[str, bool] = {}
    for slot in slots:
        needed = bool(slot.translated) or slot.may_stay_english
        complete[slot.unit] = complete.get(slot.unit, True) and needed
    return complete


def chosen_text(slot: Slot, complete: dict[str, bool]) -> str:
    """Return the translation of a text when its whole unit is translated, else English."""
    return slot.translated if slot.translated and complete[slot.unit] else slot.english


def coverage_of(language: str, slots: list[Slot], complete: dict[str, bool]) -> Coverage:
    """Count the units translated and list where English stands in for the rest."""
    counted = [slot for slot in slots if not slot.may_stay_english]
    units = dict.fromkeys(slot.unit for slot in counted)
    missing = dict.fromkeys(slot.missing_at for slot in counted if not slot.translated)
    return Coverage(language, sum(1 for unit in units if complete[unit]), list(missing))


def translated_edition(edition: model.CountryEdition, translation: model.Translation,
                       lines: Lines, allow_fallback: bool) -> model.CountryEdition:
    """Return a country edition with its contacts' names in the translation's language
    (``editions: {<edition id>: [names, in the edition file's order]}``)."""
    kind = next(kind for name, kind, _ in TRANSLATED_PARTS if name == "editions")
    given = getattr(translation, "editions", None) or {}
    first = Walk(())
    first.entry(kind.item, edition, given, "editions", (), "")
    complete = complete_units(first.slots)
    problems = [lines.problem(translation.location, path, f"expected {expected} items, as "
                              f"in English, found {found}")
                for path, expected, found in first.mismatches]
    if not allow_fallback:
        problems += [lines.problem(translation.location, slot.missing_at,
                                   f"expected a translation into '{translation.language}', "
                                   "found none (or use --allow-fallback)", nearest=True)
                     for slot in first.slots if not slot.translated]
    if problems:
        raise ContentError(problems)
    return Walk((), lambda slot: chosen_text(slot, complete)).entry(
        kind.item, edition, given, "editions", (), "")


#: The field of a fixed word of the templates (templates/words/<language>.yaml).
WORD = Field("word", Text(single_line=True), "A fixed word of the templates: a heading, a "
             "label or a note of every booklet and handout.", "Contents", translatable=True)
#: The folder of the fixed words of the templates, one file per language.
WORDS = paths.TEMPLATES / "words"


def words_file(language: str) -> Path:
    """Return the file of a language's fixed words: its own, or its base language's (``zh``
    for ``zh-Hans``), or, when there is neither, the one to start."""
    for name in (language, language.split("-")[0]):
        if (WORDS / f"{name}.yaml").is_file():
            return WORDS / f"{name}.yaml"
    return WORDS / f"{language}.yaml"


def word_slots(language: str) -> list[Slot]:
    """Return a slot for each fixed word of the templates, in the order of the English file."""
    english = read_words(WORDS / f"{SOURCE_LANGUAGE}.yaml")
    path = words_file(language)
    translated = read_words(path) if path.is_file() else {}
    where = model.Location(str(Path("templates", "words", f"{SOURCE_LANGUAGE}.yaml")), 0)
    return [Slot(f"words.{key}", text, str(translated.get(key) or ""), WORD, (), where,
                 f"words.{key}", f"words.{key}", WORD.doc) for key, text in english.items()]


def read_words(path: Path) -> dict[str, str]:
    """Return the fixed words of a file, by key."""
    words = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(words, dict):
        raise ContentError([Problem(str(path), 1, "", "expected a mapping of keys to words, "
                                                      "found something else")])
    return words


def every_slot(content: model.Content, translation: model.Translation | None,
               language: str, audience_ids: tuple[str, ...] = ()) -> list[Slot]:
    """Return every text a language has to translate, in the order of the content: the
    publication's, each audience's (or the given ones'), the questions as each reads them,
    the contacts of the country editions printed in it, then the fixed words of the
    templates."""
    audiences = tuple(audience for audience in content.audiences
                      if not audience_ids or audience.id in audience_ids)
    # A country edition's contacts are translated into the languages it is printed in.
    printed = tuple(edition for edition in content.editions if language in edition.languages)
    walk, _ = walk_content(dataclasses.replace(content, editions=printed), translation,
                           audiences)
    return walk.slots + word_slots(language)
