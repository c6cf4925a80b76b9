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


from booklet import model
from booklet.errors import ContentError, Problem
from booklet.load import Lines, read_file
from booklet.schema import INVALID, TRANSLATION
from booklet.schema.declarations import TRANSLATED_PARTS
from booklet.translation_walk import Slot, Walk

#: The folder of the translations, inside the content folder.
FOLDER = "translations"
#: The language the content itself is written in.
SOURCE_LANGUAGE = "en"
#: The parts put in place for each printing of a country edition (`translated_edition`),
#: not with the rest of the content.
PER_EDITION = ("editions",)


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
    from booklet.easyread import translation_problems

    laid_out = dataclasses.replace(content, **values)
    problems = translation_problems(content, laid_out, lines, translation.location)
    if problems:
        raise ContentError(problems)
    from booklet.words import word_slots  # It builds on the slots of this module.

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
    from booklet.words import word_slots  # It builds on this module's slots.

    return walk.slots + word_slots(language)
