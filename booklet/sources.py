"""The English each translated text was made from, so that a change of the English shows.

Beside each translation file, content/translations/sources/<language>.yaml records, by the
id of each translated text, a fingerprint of the English it was translated from (a short
SHA-256 digest) and that English itself. A translated text whose English no longer has
that fingerprint is outdated: ``--check`` lists it, an export marks it fuzzy with the
English it was made from (``#| msgid``), and the booklets still print it, as a draft.

The sidecar keeps the translation file as it was, for those who edit it by hand; it is
written by ``translation import`` (for each text imported, the English of the PO or
XLIFF entry) and by ``translation stamp`` (for texts translated by hand).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

from booklet import model
from booklet.errors import ContentError, Problem
from booklet.load import read_file
from booklet.schema import INVALID
from booklet.schema.declarations import SOURCES
from booklet.translate import FOLDER
from booklet.translation_walk import Slot
from booklet.write import write_atomically

#: The folder of the sidecars, inside the translations folder.
SOURCES_FOLDER = "sources"
#: How many hexadecimal digits of the digest a fingerprint keeps.
FINGERPRINT_DIGITS = 12
HEADER = """\
# The English each translated text of {language}.yaml was made from, by the text's id: a
# fingerprint of it and the text. When the English changes, the translation is outdated
# (make_booklet.py check lists it). Written by make_booklet.py translation import and
# translation stamp: do not edit by hand. See docs/translation.md.
"""


def fingerprint(english: str) -> str:
    """Return the fingerprint of an English text: the first digits of its SHA-256."""
    return hashlib.sha256(english.encode("utf-8")).hexdigest()[:FINGERPRINT_DIGITS]


def sources_path(content_folder: Path, language: str) -> Path:
    """Return the sidecar of a language's translation file."""
    return content_folder / FOLDER / SOURCES_FOLDER / f"{language}.yaml"


def read_sources(content_folder: Path, language: str) -> dict[str, model.EnglishSource]:
    """Return the English each translated text was made from, by id (none without a
    sidecar); raise `ContentError` for a sidecar that is not as written."""
    path = sources_path(content_folder, language)
    if not path.exists():
        return {}
    problems: list[Problem] = []
    found = read_file(path.parent, path.name, problems, {}, SOURCES)
    if found is INVALID or problems:
        raise ContentError(problems)
    return found


def outdated_ids(slots: list[Slot], sources: dict[str, model.EnglishSource]) -> list[str]:
    """Return the ids of the translated texts whose English changed since they were made."""
    return [slot.id for slot in slots if slot.translated and slot.id in sources
            and sources[slot.id].fingerprint != fingerprint(slot.english)]


def unrecorded_ids(slots: list[Slot], sources: dict[str, model.EnglishSource]) -> list[str]:
    """Return the ids of the translated texts with no record of their English."""
    return [slot.id for slot in slots if slot.translated and slot.id not in sources]


def status(slot: Slot, sources: dict[str, model.EnglishSource]) -> str:
    """Return a text's status: ``translated``, ``outdated`` or ``missing``."""
    if not slot.translated:
        return "missing"
    record = sources.get(slot.id)
    if record and record.fingerprint != fingerprint(slot.english):
        return "outdated"
    return "translated"


def recorded(slots: list[Slot], sources: dict[str, model.EnglishSource],
             made_from: dict[str, str]) -> dict[str, str]:
    """Return the English of each translated text, by id, in the order of the slots: as
    `made_from` gives it, else as recorded already."""
    english = {}
    for slot in slots:
        if slot.id in made_from:
            english[slot.id] = made_from[slot.id]
        elif slot.translated and slot.id in sources:
            english[slot.id] = sources[slot.id].english
    return english


def write_sources(content_folder: Path, language: str, english: dict[str, str]) -> bool:
    """Write a language's sidecar from the English of each text, by id; return whether
    the file changed."""
    path = sources_path(content_folder, language)
    entries = {text_id: {"fingerprint": fingerprint(text), "english": text}
               for text_id, text in english.items()}
    text = HEADER.format(language=language) + (yaml.dump(
        entries, Dumper=SourcesDumper, allow_unicode=True, sort_keys=False, width=100)
        if entries else "{}\n")
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    write_text(path, text)
    return True


def write_text(path: Path, text: str) -> None:
    """Write a text file whole: under another name first, then renamed over it."""
    write_atomically(path, text.encode("utf-8"))


class SourcesDumper(yaml.SafeDumper):
    """Writes texts of several lines as literal blocks, as people read them."""


def represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    """Represent a text: a literal block when it has several lines."""
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


SourcesDumper.add_representer(str, represent_text)


def stamp(content: model.Content, language: str, ids: tuple[str, ...] = ()) -> list[str]:
    """Record the current English of translated texts: of the given ids (confirming their
    translation is still right), or else of each translated text with no record yet;
    return the ids stamped."""
    from booklet.translate import every_slot, load_translation

    translation, _ = load_translation(content.folder, language)
    slots = every_slot(content, translation, language)
    sources = read_sources(content.folder, language)
    translated = {slot.id: slot for slot in slots if slot.translated}
    unknown = [text_id for text_id in ids if text_id not in translated]
    if unknown:
        raise ContentError([Problem(str(sources_path(content.folder, language)), 0, text_id,
                                    f"expected the id of a text translated into "
                                    f"'{language}', found none by that id")
                            for text_id in unknown])
    chosen = ids or [text_id for text_id in translated if text_id not in sources]
    write_sources(content.folder, language,
                  recorded(slots, sources, {text_id: translated[text_id].english
                                            for text_id in chosen}))
    return list(chosen)


def outdated_report(content: model.Content, translation: model.Translation) -> list[str]:
    """Return a line for each text of a translation whose English changed since it was
    translated, and one for the texts with no record of their English."""
    from booklet.translate import every_slot

    language = translation.language
    slots = every_slot(content, translation, language)
    sources = read_sources(content.folder, language)
    lines = [f"  {language}: outdated: {text_id} (the English changed since it was "
             "translated)" for text_id in outdated_ids(slots, sources)]
    unrecorded = unrecorded_ids(slots, sources)
    if unrecorded:
        lines.append(f"  {language}: {len(unrecorded)} translated text(s) with no record of "
                     f"their English, such as {unrecorded[0]}; run make_booklet.py "
                     f"translation stamp {language}")
    return lines
