"""Write the translations an import brought back into the files translators' tools do not
read: ``content/translations/<language>.yaml`` and its sidecar of English sources, and
``templates/words/<language>.yaml``, changing only the lines of what changed."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import yaml

from booklet import model
from booklet.errors import ContentError
from booklet.sources import fingerprint, read_sources, recorded, write_sources, write_text
from booklet.words import words_file
from booklet.translate import (
    FOLDER,
    Slot,
    load_translation,
)
from booklet.exchange import Imported, Incoming
from booklet.yamledit import edit, new_file

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


def write_incoming(content: model.Content, language: str, incoming: list[Incoming],
                   slots: dict[str, Slot], translation: model.Translation | None) -> Imported:
    """Write the translations that changed, and record the English of each text imported
    or confirmed."""
    done = Imported(language)
    sources = read_sources(content.folder, language) if translation else {}
    made_from: dict[str, str] = {}
    texts: dict[str, str] = {}
    for entry in incoming:
        slot, text = slots[entry.id], entry.translation.strip()
        if not text:
            continue
        if text != slot.translated:
            texts[entry.id] = text
            done.changed.append(entry.id)
        if entry.fuzzy:
            done.fuzzy.append(entry.id)
            continue
        english = entry.english or slot.english
        record = sources.get(entry.id)
        if text != slot.translated or (record and record.fingerprint != fingerprint(english)):
            made_from[entry.id] = english
            done.recorded.append(entry.id)
    if texts:
        done.written += write_translation(content.folder, language,
                                          {key: value for key, value in texts.items()
                                           if not key.startswith("words.")}, slots)
        done.written += write_words(language, {key.removeprefix("words."): value
                                               for key, value in texts.items()
                                               if key.startswith("words.")})
    if made_from or texts:
        order = list(slots.values())
        kept = [slot if slot.id not in texts else dataclasses.replace(slot,
                                                                      translated=texts[slot.id])
                for slot in order]
        if write_sources(content.folder, language, recorded(kept, sources, made_from)):
            from booklet.sources import sources_path

            done.written.append(sources_path(content.folder, language))
    return done


def write_translation(content_folder: Path, language: str, texts: dict[str, str],
                      slots: dict[str, Slot]) -> list[Path]:
    """Put texts into a language's translation file by id, creating it if need be."""
    if not texts:
        return []
    path = content_folder / FOLDER / f"{language}.yaml"
    before = path.read_text(encoding="utf-8") if path.is_file() else None
    data = (yaml.safe_load(before) if before else None) or {}
    target = {"language": language, "status": data.get("status", "draft")}
    target.update(data)
    for text_id in slots:
        if text_id in texts:
            put(target, text_id, texts[text_id], slots)
    after = edit(before, target) if before else new_file(
        TRANSLATION_HEADER.format(language=language), target)
    write_text(path, after)
    try:
        load_translation(content_folder, language)
    except ContentError:
        if before is None:
            path.unlink()
        else:
            write_text(path, before)
        raise
    return [path]


def write_words(language: str, words: dict[str, str]) -> list[Path]:
    """Put fixed words of the templates into a language's words file."""
    if not words:
        return []
    path = words_file(language)
    before = path.read_text(encoding="utf-8") if path.is_file() else None
    target = dict((yaml.safe_load(before) if before else None) or {})
    target.update(words)
    after = edit(before, target) if before else new_file(
        f"# The fixed words of the templates in '{language}' (draft, to be reviewed).\n",
        target)
    write_text(path, after)
    return [path]


#: A step of an id: a key, or an index in brackets.
STEP = re.compile(r"\[(\d+)\]|([^.\[\]]+)")


def steps(text_id: str) -> list[str | int]:
    """Return the keys and indexes of an id: ``a.b[2]`` gives ``['a', 'b', 2]``."""
    return [int(index) if index else key for index, key in STEP.findall(text_id)]


def put(tree: dict, text_id: str, text: str, slots: dict[str, Slot]) -> None:
    """Set the text at an id in a nested translation, making the mappings and lists (as
    long as the English ones) on the way."""
    path = steps(text_id)
    node: dict | list = tree
    for depth, step in enumerate(path[:-1]):
        following = path[depth + 1]
        present = node[step] if isinstance(node, list) else node.get(step)
        if isinstance(following, int) and not isinstance(present, list):
            leaf = depth + 2 == len(path)
            length = list_length(joined(path[:depth + 1]), slots)
            node[step] = ["" if leaf else {} for _ in range(length)]
        elif isinstance(following, str) and not isinstance(present, dict):
            node[step] = {}
        node = node[step]
    node[path[-1]] = text


def joined(path: list[str | int]) -> str:
    """Return the id of a list of steps."""
    return "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in path)[1:]


def list_length(prefix: str, slots: dict[str, Slot]) -> int:
    """Return how many items the English list at an id has."""
    pattern = re.compile(re.escape(prefix) + r"\[(\d+)\]")
    return 1 + max(int(match[1]) for text_id in slots if (match := pattern.match(text_id)))
