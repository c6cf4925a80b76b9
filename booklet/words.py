"""The fixed words of the templates (headings, labels, notes of every booklet and handout),
one file a language in ``templates/words/``, as texts to translate like the content's."""

from __future__ import annotations

from pathlib import Path

import yaml

from booklet import model, paths
from booklet.errors import ContentError, Problem
from booklet.schema.kinds import Field
from booklet.schema.text import Text
from booklet.translate import SOURCE_LANGUAGE
from booklet.translation_walk import Slot


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
