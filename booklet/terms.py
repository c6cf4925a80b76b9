"""One word for one thing: find the terms the termbase says to avoid, in the content and
its translations, and write the glossary for translators.

The termbase, ``terms.yaml`` in the content folder (optional), lists concepts, each with
its preferred term in every language and the terms never to use for it. A term is found
case-insensitively, after Unicode NFC normalisation, ignoring zero-width spaces and
joiners, soft hyphens and the line breaks of the YAML source: on word boundaries in
languages written with spaces between words (English, Vietnamese), anywhere in the text in
those written without (Thai, Lao, Khmer, Burmese, Chinese). A term avoided only for some
audiences is looked for only in the texts those audiences read.

Texts are searched in their YAML source, so that each term found is reported at its own
line, even inside a multi-line block.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

import yaml

from booklet import model, segment
from booklet.formats import FORMATS, printed
from booklet.errors import ContentError, Problem
from booklet.load import SAFE_LOADER, Lines, shown_path, unique_ids
from booklet.schema import FILES, TRANSLATION, Kind, ListOf, MapOf, Record, Text, join_path
from booklet.translate import FOLDER, SOURCE_LANGUAGE, available_languages, load_translation

if TYPE_CHECKING:
    from booklet.build import Request

#: The termbase's file in the content folder.
TERMS_FILE = "terms.yaml"
#: Languages written without spaces between words, by their primary subtag.
WITHOUT_SPACES = (*segment.SEGMENTED, "zh", "ja")
#: Characters that do not show and may sit inside a word: zero-width space, non-joiner
#: and joiner, word joiner, zero-width no-break space, soft hyphen.
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
#: A line break of the YAML source, with the indentation around it.
SOFT_BREAK = r"(?:[ \t]*\n[ \t]*)?"
#: The line breaks YAML counts lines by.
YAML_LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


@dataclass(frozen=True)
class Passage:
    """One text of a content file, as written in the YAML source."""

    file: str
    #: The key path of the text, such as ``questions[0].answer``.
    path: str
    #: The 1-based line the text's source starts on.
    line: int
    #: The source, normalised a line at a time (its line breaks are those of the file).
    source: str
    language: str
    #: The ids of the audiences that read it; None for every audience.
    readers: frozenset[str] | None


@dataclass(frozen=True)
class Hit:
    """A term to avoid, found in a text."""

    file: str
    line: int
    path: str
    #: The concept the term is avoided for.
    term: model.Term
    avoided: model.AvoidedTerm
    #: The ids of the audiences that read the text; None for every audience.
    readers: frozenset[str] | None

    def problem(self) -> Problem:
        """Describe the hit: the term, the concept, why, and the term to use instead."""
        reason = " ".join(self.avoided.reason.split()).rstrip(".")
        return Problem(self.file, self.line, self.path,
                       f"avoid '{self.avoided.term}' ({self.term.id}): {reason}; "
                       f"{use_instead(self.term, self.avoided.lang)}")


def use_instead(term: model.Term, language: str) -> str:
    """Say which term to use in a language: the preferred one, or the English while none
    is chosen."""
    if language in term.preferred:
        return f"use '{term.preferred[language]}'"
    return (f"no preferred term in '{language}' yet (in English: "
            f"'{term.preferred.get(SOURCE_LANGUAGE, '')}')")


def normalised(text: str) -> str:
    """Return a text in Unicode NFC, without the characters that do not show."""
    return unicodedata.normalize("NFC", text.translate(INVISIBLE))


def written_without_spaces(language: str) -> bool:
    """Return whether a language puts no spaces between its words."""
    return language.split("-")[0] in WITHOUT_SPACES


@functools.lru_cache(maxsize=None)
def pattern(term: str, language: str) -> re.Pattern:
    """Return the expression that finds a term in normalised text of a language."""
    words = normalised(term).split()
    if written_without_spaces(language):
        # With no spaces between words, a line of the source may end inside one.
        body = r"\s+".join(SOFT_BREAK.join(map(re.escape, word)) for word in words)
        return re.compile(body, re.IGNORECASE)
    body = r"\s+".join(map(re.escape, words))
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def applies(avoided: model.AvoidedTerm, readers: frozenset[str] | None) -> bool:
    """Return whether an avoided term concerns a text read by the given audiences."""
    return not avoided.audiences or readers is None or bool(readers & set(avoided.audiences))


def hits_in(passage: Passage, terms: tuple[model.Term, ...]) -> Iterator[Hit]:
    """Yield every avoided term in a passage, at the line it is on."""
    for term in terms:
        for avoided in term.avoid:
            if avoided.lang != passage.language or not applies(avoided, passage.readers):
                continue
            for match in pattern(avoided.term, passage.language).finditer(passage.source):
                line = passage.line + passage.source.count("\n", 0, match.start())
                yield Hit(passage.file, line, passage.path, term, avoided, passage.readers)


def find_avoided_terms(content: model.Content,
                       languages: tuple[str, ...] = ()) -> list[Hit]:
    """Return every avoided term in the content and its translations (of the given
    languages; by default all), in file and line order."""
    if not any(term.avoid for term in content.terms):
        return []
    hits: dict[tuple[str, int, str, str, str], Hit] = {}
    for passage in passages(content, languages or available_of(content)):
        for hit in hits_in(passage, content.terms):
            # A term used twice on one line is one thing to fix.
            hits.setdefault((hit.file, hit.line, hit.path, hit.term.id, hit.avoided.term), hit)
    return sorted(hits.values(), key=lambda hit: (hit.file, hit.line, hit.path))


def available_of(content: model.Content) -> tuple[str, ...]:
    """Return the languages of the content: English and each translation's."""
    return tuple(available_languages(content.folder))


def passages(content: model.Content, languages: tuple[str, ...]) -> Iterator[Passage]:
    """Yield every text of the content and of the translations of the given languages."""
    for language in languages:
        if language == SOURCE_LANGUAGE:
            for name, kind in FILES.items():
                yield from file_passages(content.folder / name, kind, language,
                                         functools.partial(english_readers, content))
        else:
            # Loaded through the translation loader first, so a broken file is reported as
            # its own problems, and only a file that passed is searched.
            load_translation(content.folder, language)
            yield from file_passages(content.folder / FOLDER / f"{language}.yaml",
                                     TRANSLATION, language, translated_readers)


def file_passages(path: Path, kind: Kind, language: str,
                  readers: Callable[[str], frozenset[str] | None]) -> Iterator[Passage]:
    """Yield the texts of a content file that has passed the loader."""
    text = path.read_text(encoding="utf-8")
    lines = YAML_LINE_BREAK.split(text)
    shown = shown_path(path)
    for key_path, node in prose(kind, yaml.compose(text, Loader=SAFE_LOADER), ""):
        yield Passage(shown, key_path, node.start_mark.line + 1, node_source(lines, node),
                      language, readers(key_path))


def prose(kind: Kind, node: yaml.Node, path: str) -> Iterator[tuple[str, yaml.ScalarNode]]:
    """Yield (key path, node) of every text under a node that the schema reads as prose:
    text without a pattern, not ids, tags, colours or pictogram names."""
    if isinstance(kind, Record) and isinstance(node, yaml.MappingNode):
        fields = {field.name: field.kind for field in kind.fields}
        for key, value in node.value:
            if key.value in fields:
                yield from prose(fields[key.value], value, join_path(path, key.value))
    elif isinstance(kind, MapOf) and isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from prose(kind.value, value, join_path(path, key.value))
    elif isinstance(kind, ListOf) and isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from prose(kind.item, item, join_path(path, index))
    elif isinstance(kind, Text) and kind.pattern is None and isinstance(node, yaml.ScalarNode):
        yield path, node


def node_source(lines: list[str], node: yaml.Node) -> str:
    """Return the source of a node, from the lines of its file, normalised a line at a
    time (normalising never joins lines, so the line breaks stay where they were)."""
    start, end = node.start_mark, node.end_mark
    source = lines[start.line:end.line + 1]
    if end.line < len(lines):
        source[-1] = source[-1][:end.column]
    source[0] = source[0][start.column:]
    return "\n".join(normalised(line) for line in source)


def english_readers(content: model.Content, path: str) -> frozenset[str] | None:
    """Return the ids of the audiences that read the text at a key path of the English
    content; None for the publication's texts, read by all."""
    if match := re.match(r"audiences\[(\d+)\]", path):
        return frozenset({content.audiences[int(match[1])].id})
    if match := re.match(r"questions\[(\d+)\]\.versions\[(\d+)\]", path):
        return frozenset(content.questions[int(match[1])].versions[int(match[2])].audiences)
    if match := re.match(r"questions\[(\d+)\]\.(question|answer)$", path):
        question = content.questions[int(match[1])]
        # The general wording is read by the audiences the question serves whose own
        # wording does not replace it.
        which = 0 if match[2] == "question" else 1
        general = (question.question, question.answer)[which]
        return frozenset(audience.id for audience in content.audiences
                         if (audience.all_questions or audience.id in question.audiences)
                         and question.wording_for(audience.id)[which] == general)
    return None


def translated_readers(path: str) -> frozenset[str] | None:
    """Return the ids of the audiences that read the text at a key path of a translation;
    None for the publication's texts, read by all."""
    if match := re.match(r"(audiences\.|questions\.[^.]+\.)([^.\[]+)", path):
        return frozenset({match[2]})
    return None


def refuse_avoided_terms(content: model.Content, request: Request) -> None:
    """Raise `ContentError` listing the avoided terms in the texts a build request lays
    out when it asks for a print or imposed variant; otherwise print them as warnings."""
    hits = [hit for hit in find_avoided_terms(content, requested_languages(content, request))
            if not request.audiences or hit.readers is None
            or hit.readers & set(request.audiences)]
    if not hits:
        return
    problems = [hit.problem() for hit in hits]
    if printed(requested_variants(request)):
        where = shown_path(content.folder / TERMS_FILE)
        raise ContentError(problems + [Problem(
            where, 0, "", f"expected no term to avoid in the text of a print or imposed "
                          f"edition, found {len(hits)}; change the text, or build only "
                          "--variant screen")])
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)


def requested_languages(content: model.Content, request: Request) -> tuple[str, ...]:
    """Return the languages a request lays out; English too when it may fill gaps."""
    available = available_of(content)
    # An unknown language is the build's to report, with the languages there are.
    languages = [language for language in request.languages or available
                 if language in available]
    if request.allow_fallback:
        languages.append(SOURCE_LANGUAGE)
    return tuple(dict.fromkeys(languages))


def requested_variants(request: Request) -> list[str]:
    """Return the variants a request builds, of every format it asks for."""
    return [variant for format in request.formats or FORMATS
            for variant in (FORMATS[format].variants if format in FORMATS else ())
            if not request.variants or variant in request.variants]


def termbase_problems(content: model.Content, lines: Lines) -> list[Problem]:
    """Check the termbase against the content: unique ids, known languages and audiences,
    each avoided term once, and no preferred term holding one to avoid."""
    languages = available_of(content)
    audiences = [audience.id for audience in content.audiences]
    problems = unique_ids(content.terms, "terms", lines)
    first: dict[tuple[str, str], int] = {}
    for index, term in enumerate(content.terms):
        path = f"terms[{index}]"
        problems += preferred_problems(term, path, languages, lines)
        for position, avoided in enumerate(term.avoid):
            where = f"{path}.avoid[{position}]"
            problems += avoided_problems(term, avoided, where, languages, audiences, lines)
            key = (avoided.lang, normalised(" ".join(avoided.term.split())).casefold())
            if key in first:
                problems.append(lines.problem(
                    term.location, f"{where}.term", f"expected each avoided term once, "
                    f"found '{avoided.term}' ({avoided.lang}) again (first at line "
                    f"{first[key]})"))
            first.setdefault(key, avoided.location.line)
    return problems


def preferred_problems(term: model.Term, path: str, languages: tuple[str, ...],
                       lines: Lines) -> list[Problem]:
    """Check a concept's preferred terms: one in English, and only in known languages."""
    problems = []
    if term.preferred and SOURCE_LANGUAGE not in term.preferred:
        problems.append(lines.problem(term.location, f"{path}.preferred",
                                      f"expected a preferred term in '{SOURCE_LANGUAGE}', "
                                      "found none"))
    for language in term.preferred:
        if language not in languages:
            problems.append(lines.problem(term.location, f"{path}.preferred.{language}",
                                          f"expected a language of the content "
                                          f"({', '.join(languages)}), found '{language}'"))
    return problems


def avoided_problems(term: model.Term, avoided: model.AvoidedTerm, path: str,
                     languages: tuple[str, ...], audiences: list[str],
                     lines: Lines) -> list[Problem]:
    """Check an avoided term: a known language and audiences, and not in the preferred term."""
    problems = []
    if avoided.lang not in languages:
        problems.append(lines.problem(term.location, f"{path}.lang",
                                      f"expected a language of the content "
                                      f"({', '.join(languages)}), found '{avoided.lang}'"))
    for index, audience in enumerate(avoided.audiences):
        if audience not in audiences:
            problems.append(lines.problem(term.location, f"{path}.audiences[{index}]",
                                          f"expected a known audience id "
                                          f"({', '.join(audiences)}), found '{audience}'"))
    preferred = term.preferred.get(avoided.lang, "")
    # The text could then never use the preferred term without being refused.
    if preferred and pattern(avoided.term, avoided.lang).search(normalised(preferred)):
        problems.append(lines.problem(term.location, f"{path}.term",
                                      f"expected a term not in the preferred term "
                                      f"'{preferred}', found '{avoided.term}'"))
    return problems
