"""Stage 1b: the content in another language: the English content, with the texts of a
translation file (content/translations/<language>.yaml) put in place by id.

A text with no translation is an error naming its id and the language, unless fallback is
allowed; then the English text is used and counted, for the coverage report.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from booklet import model
from booklet.errors import ContentError, Problem
from booklet.load import Lines, read_file
from booklet.schema import INVALID, TRANSLATION

#: The folder of the translations, inside the content folder.
FOLDER = "translations"
#: The language the content itself is written in.
SOURCE_LANGUAGE = "en"


@dataclass
class Coverage:
    """How much of what a language's editions show is translated."""

    language: str
    translated: int = 0
    #: The texts shown in English, by id path.
    fallbacks: list[str] = field(default_factory=list)

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


class Translator:
    """Puts a translation's texts in place, recording what is missing."""

    def __init__(self, translation: model.Translation, lines: Lines, allow_fallback: bool):
        self.translation, self.lines, self.allow_fallback = translation, lines, allow_fallback
        self.coverage = Coverage(translation.language)
        self.problems: list[Problem] = []

    def text(self, path: str, translated: str, english: str) -> str:
        """Return the translated text, or the English one, noting the fallback."""
        if translated:
            self.coverage.translated += 1
            return translated
        self.missing(path)
        return english

    def missing(self, path: str) -> None:
        """Record a text with no translation: a fallback, or a problem."""
        self.coverage.fallbacks.append(path)
        if not self.allow_fallback:
            self.problems.append(self.lines.problem(
                self.translation.location, path, f"expected a translation into "
                f"'{self.translation.language}', found none (or use --allow-fallback)",
                nearest=True))

    def texts(self, path: str, translated: tuple[str, ...], english: tuple[str, ...]) -> list[str]:
        """Return a list of texts translated in order, checking there are as many."""
        if translated and len(translated) != len(english):
            self.problems.append(self.lines.problem(
                self.translation.location, path, f"expected {len(english)} items, as in "
                f"English, found {len(translated)}"))
            translated = ()
        return [self.text(f"{path}[{index}]", translated[index] if translated else "", text)
                for index, text in enumerate(english)]


def translate(content: model.Content, translation: model.Translation, lines: Lines,
              audience_ids: list[str], allow_fallback: bool
              ) -> tuple[model.Content, Coverage]:
    """Return the content in the translation's language, for the given audiences."""
    translator = Translator(translation, lines, allow_fallback)
    publication = translated_publication(content.publication, translation, translator)
    audiences = tuple(translated_audience(content.audience(audience_id), translation,
                                          translator) for audience_id in audience_ids)
    questions = tuple(translated_question(question, audiences, translation, translator)
                      for question in content.questions)
    if translator.problems:
        raise ContentError(translator.problems)
    translated = dataclasses.replace(content, publication=publication, audiences=audiences,
                                     questions=questions,
                                     translation_status=translation.status)
    return translated, translator.coverage


def translated_publication(english: model.Publication, translation: model.Translation,
                           translator: Translator) -> model.Publication:
    """Return the publication in the translation's language."""
    texts = translation.publication
    return dataclasses.replace(
        english, language=translation.language,
        title=translator.text("publication.title", texts.title, english.title),
        publisher=translator.text("publication.publisher", texts.publisher, english.publisher),
        attribution=translator.text("publication.attribution", texts.attribution,
                                    english.attribution),
        mission=texts.mission or english.mission,
        keywords=texts.keywords or english.keywords)


def translated_audience(english: model.Audience, translation: model.Translation,
                        translator: Translator) -> model.Audience:
    """Return an audience with its texts in the translation's language."""
    path = f"audiences.{english.id}"
    texts = translation.audiences.get(english.id)
    if texts is None:
        translator.missing(path)
        return english
    messages = translator.texts(f"{path}.key_messages", texts.key_messages,
                                tuple(message.text for message in english.key_messages))
    names = translator.texts(f"{path}.help", texts.help,
                             tuple(contact.name for contact in english.help))
    checklist = english.checklist
    if checklist:
        translated = texts.checklist
        items = translator.texts(f"{path}.checklist.items", translated.items if translated
                                 else (), tuple(item.text for item in checklist.items))
        checklist = dataclasses.replace(
            checklist, title=translator.text(f"{path}.checklist.title",
                                             translated.title if translated else "",
                                             checklist.title),
            items=tuple(dataclasses.replace(item, text=text)
                        for item, text in zip(checklist.items, items, strict=True)))
    return dataclasses.replace(
        english,
        name=translator.text(f"{path}.name", texts.name, english.name),
        booklet_title=translator.text(f"{path}.booklet_title", texts.booklet_title,
                                      english.booklet_title),
        introduction=translator.text(f"{path}.introduction", texts.introduction,
                                     english.introduction),
        key_messages=tuple(dataclasses.replace(message, text=text)
                           for message, text in zip(english.key_messages, messages,
                                                    strict=True)),
        call_to_action=translator.text(f"{path}.call_to_action", texts.call_to_action,
                                       english.call_to_action),
        help=tuple(dataclasses.replace(contact, name=name)
                   for contact, name in zip(english.help, names, strict=True)),
        mission=translator.text(f"{path}.mission", texts.mission,
                                english.mission) if english.mission else "",
        checklist=checklist)


def translated_question(english: model.Question, audiences: tuple[model.Audience, ...],
                        translation: model.Translation, translator: Translator
                        ) -> model.Question:
    """Return a question whose wording for each audience is in the translation's language."""
    wordings = translation.questions.get(english.id, {})
    versions = []
    for audience in audiences:
        if not (audience.all_questions or audience.id in english.audiences):
            continue
        question, answer = english.wording_for(audience.id)
        wording = wordings.get(audience.id)
        path = f"questions.{english.id}.{audience.id}"
        if wording is None:
            translator.missing(path)
        else:
            translator.coverage.translated += 1
            question, answer = wording.question, wording.answer
        versions.append(model.Wording((audience.id,), question, answer, english.location))
    return dataclasses.replace(english, versions=tuple(versions))
