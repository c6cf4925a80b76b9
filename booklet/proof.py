"""The bilingual review proof: a PDF a native reviewer marks up before a translation goes
to the villages. Text by text, the English and the translation side by side, with the
text's id, its status (translated, outdated, missing), the termbase's terms it holds, and
a box for the reviewer's remarks; set in the booklets' fonts (styles/common.css) and with
their line breaking (`booklet.segment`), laid out by the typeset stage.

The template is templates/proof.html, the stylesheet styles/proof.css.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import os
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape

from booklet import model, richtext, typeset
from booklet.compose import kept_whole
from booklet.exchange import Entry, entries, existing_translation, term_entries
from booklet.fonts import require_fonts_and_subsetter
from booklet.paths import STYLES
from booklet.render import environment
from booklet.segment import mark_breaks_in_html
from booklet.write import write_atomically

#: The statuses of a text, in the order the proof counts them.
STATUSES = ("translated", "outdated", "missing")


@dataclass(frozen=True)
class Section:
    """A part of the proof: the texts of one record, such as one question's readings."""

    title: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Made:
    """A proof written: its pages, and how many texts it holds of each status."""

    pages: int
    texts: int
    counts: dict[str, int]

    @property
    def summary(self) -> str:
        """Say how many texts are translated, outdated and missing."""
        return ", ".join(f"{self.counts[status]} {status}" for status in STATUSES)


def proof(content: model.Content, language: str, audience_ids: tuple[str, ...],
          out: Path) -> Made:
    """Write a language's review proof, of the given audiences (by default those its
    translation has) and of the texts every audience reads."""
    require_fonts_and_subsetter(languages=(language,))
    translation = existing_translation(content.folder, language)
    if not audience_ids and translation is not None:
        audience_ids = tuple(audience.id for audience in content.audiences
                             if audience.id in translation.audiences)
    found = entries(content, language, audience_ids)
    html = proof_html(content, language, translation, found)
    pages = typeset.typeset(html)
    write_atomically(out, typeset.draw(pages).pdf)
    counts = {status: sum(entry.status == status for entry in found) for status in STATUSES}
    return Made(pages.page_count, len(found), counts)


def proof_html(content: model.Content, language: str,
               translation: model.Translation | None, found: list[Entry]) -> str:
    """Return the HTML of the proof, its lines marked for breaking as the booklets' are."""
    names = {audience.id: audience.name for audience in content.audiences}
    created = build_time()
    env = environment()
    env.filters["css_string"] = css_string
    html = env.get_template("proof.html").render(
        language=language, language_name=language_name(language),
        status=translation.status if translation else "no translation yet",
        publication=content.publication, created=created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        day=created.date().isoformat(), styles=STYLES.as_uri(),
        sections=sections(found, names, content),
        counts={status: sum(entry.status == status for entry in found)
                for status in STATUSES},
        readers=lambda entry: readers(entry, names),
        terms=lambda entry: term_entries(entry.english, content.terms, language),
        shown=shown)
    in_language = dataclasses.replace(content, publication=dataclasses.replace(
        content.publication, language=language))
    return mark_breaks_in_html(html, language, kept_whole(in_language))


def sections(found: list[Entry], names: dict[str, str],
             content: model.Content) -> list[Section]:
    """Group the texts as the content holds them: the publication, each audience, each
    question with its readings, each country edition, the fixed words."""
    questions = {question.id: question.question for question in content.questions}
    grouped: dict[str, list[Entry]] = {}
    for entry in found:
        grouped.setdefault(section_title(entry.id, names, questions), []).append(entry)
    return [Section(title, tuple(texts)) for title, texts in grouped.items()]


def section_title(text_id: str, names: dict[str, str], questions: dict[str, str]) -> str:
    """Return the title of the section a text belongs in, from its id."""
    part, _, rest = text_id.partition(".")
    key = rest.split(".")[0].split("[")[0]
    if part == "audiences":
        return f"{names.get(key, key)}: the booklet's and the handout's own texts"
    if part == "questions":
        return f"Question {key}: {questions.get(key, '')}"
    if part == "editions":
        return f"Country edition {key}: its contacts"
    if part == "words":
        return "The fixed words of the templates"
    return "The publication: on every booklet and handout"


def readers(entry: Entry, names: dict[str, str]) -> str:
    """Return who reads a text, from its notes."""
    return next((note.split(": ", 1)[1] for note in entry.notes
                 if note.startswith("Read by: ")), "")


def shown(text: str, markdown: bool) -> Markup:
    """Return a text as it prints: Markdown rendered, or plain text escaped."""
    if not text:
        return Markup("")
    if markdown:
        return richtext.to_html(text, inline="\n\n" not in text and not text.startswith("- "))
    return Markup(escape(text))


def css_string(text: str) -> Markup:
    """Return text safe inside a double-quoted CSS string of an HTML style element, where
    HTML's escapes mean nothing: each character that could end it written as a CSS escape."""
    return Markup("".join(f"\\{ord(character):x} " if character in "\"'\\<>&\n" else character
                          for character in str(text)))


@functools.cache
def language_name(language: str) -> str:
    """Return a language's name in English, such as "Khmer", from ICU."""
    import icu

    return icu.Locale(language.replace("-", "_")).getDisplayName(icu.Locale("en"))


def build_time() -> datetime.datetime:
    """Return the time of the proof: SOURCE_DATE_EPOCH when set, for identical bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)
    return datetime.datetime.now(datetime.UTC).replace(microsecond=0)
