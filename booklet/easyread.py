"""Easy Read: answers laid out as ideas, each paragraph or list item beside its picture.

Readers who read little (the audiences with ``large_type``) read one idea at a time, with
a picture beside it that they can read on its own (Easy Read guidance such as Inclusion
Europe's "Information for all"). An answer stays Markdown, as translators know it: each of
its paragraphs and list items is an idea, and the question (or the wording the audience
reads) gives one picture for each, in order (``pictures``). A translation keeps the
paragraphs and list items of the English, so that each picture stays beside its idea.
"""

from __future__ import annotations

from dataclasses import dataclass

from booklet import model
from booklet.errors import Problem


@dataclass(frozen=True)
class Idea:
    """A paragraph or a list item of an answer, with the picture printed beside it."""

    #: The pictogram's name (see `booklet.icons`).
    picture: str
    #: The text, as Markdown on one line (inline).
    text: str
    #: Whether it is a list item (set without a bullet: its picture marks it).
    item: bool


def paragraphs(text: str) -> list[tuple[str, bool]]:
    """Return each paragraph and list item of a Markdown text as inline Markdown, with
    whether it is a list item, in reading order."""
    from booklet.richtext import rendering_parser

    found: list[tuple[str, bool]] = []
    depth = 0
    for token in rendering_parser().parse(text):
        if token.type == "list_item_open":
            depth += 1
        elif token.type == "list_item_close":
            depth -= 1
        elif token.type == "inline":
            found.append((token.content, depth > 0))
    return found


def ideas(answer: str, pictures: tuple[str, ...]) -> tuple[Idea, ...]:
    """Return an answer's ideas, each with its picture (those without one have none)."""
    parts = paragraphs(answer)
    return tuple(Idea(pictures[index] if index < len(pictures) else "", text, item)
                 for index, (text, item) in enumerate(parts))


def picture_problems(content: model.Content, lines) -> list[Problem]:
    """Check that every answer an Easy Read audience reads has one picture for each of its
    paragraphs and list items, and that no other answer's pictures are miscounted."""
    easy = [audience.id for audience in content.audiences if audience.easy_read]
    problems = []
    for index, question in enumerate(content.questions):
        # A wording read by several audiences is reported once, naming them all.
        readers: dict[str, list[str]] = {}
        for audience in content.audiences:
            if question.is_read_by(audience) and (audience.id in easy
                                                   or question.pictures_for(audience.id)):
                readers.setdefault(picture_path(question, audience.id, index),
                                   []).append(audience.id)
        for path, ids in readers.items():
            answer = question.wording_for(ids[0])[1]
            pictures = question.pictures_for(ids[0])
            count = len(paragraphs(answer))
            if len(pictures) != count:
                problems.append(lines.problem(
                    question.location, path, f"expected {count} picture(s), one for each "
                    f"paragraph and list item of the answer as {', '.join(ids)} read it, "
                    f"found {len(pictures)}", nearest=True))
    return problems


def picture_path(question: model.Question, reader: str, index: int) -> str:
    """Return the key path of the pictures a reader's answer takes: its wording's, or the
    question's."""
    for version_index, version in enumerate(question.versions):
        if reader in version.audiences and (version.answer or version.pictures):
            return f"questions[{index}].versions[{version_index}].pictures"
    return f"questions[{index}].pictures"


def translation_problems(english: model.Content, translated: model.Content,
                         lines, location: model.Location) -> list[Problem]:
    """Check that each translated answer an Easy Read audience reads keeps the paragraphs
    and list items of the English, each beside its picture."""
    problems = []
    by_id = {question.id: question for question in english.questions}
    for question in translated.questions:
        source = by_id.get(question.id)
        if source is None:
            continue
        for audience in translated.audiences:
            if not audience.easy_read or not question.is_read_by(audience):
                continue
            found = len(paragraphs(question.wording_for(audience.id)[1]))
            expected = len(paragraphs(source.wording_for(audience.id)[1]))
            if found != expected:
                problems.append(lines.problem(
                    location, f"questions.{question.id}.{audience.id}.answer",
                    f"expected {expected} paragraph(s) and list item(s), as in English, each "
                    f"beside its picture, found {found}", nearest=True))
    return problems
