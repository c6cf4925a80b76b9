"""Stage 1: read the content folder into a `Content`, reporting every problem at once."""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from booklet import model
from booklet.editions import load_editions
from booklet.errors import ContentError, Problem
from booklet.schema import FILES, INVALID, OPTIONAL_FILES, Kind, Reader

#: Content files larger than this are refused: content is text, and files may come from anyone.
MAX_FILE_BYTES = 2_000_000
#: The deepest nesting of lists and mappings, and the most values, a file may hold: content
#: nests six deep and holds a few thousand values.
MAX_DEPTH = 32
MAX_NODES = 200_000
#: PyYAML's safe loader, in C (libyaml) where PyYAML was built with it: twenty times faster.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(folder: Path) -> model.Content:
    """Read and check the content folder; raise `ContentError` listing every problem."""
    problems: list[Problem] = []
    lines: dict[tuple[str, str], int] = {}
    documents = {name: read_file(folder, name, problems, lines) for name in FILES}
    # lexists: a broken link is reported as such, not taken for a file left out.
    documents |= {name: read_file(folder, name, problems, lines, kind)
                  for name, kind in OPTIONAL_FILES.items() if os.path.lexists(folder / name)}
    editions = load_editions(folder, problems, lines)
    if INVALID in documents.values() or editions is INVALID:
        raise ContentError(problems)
    content = model.Content(
        publication=documents["publication.yaml"],
        audiences=documents["audiences.yaml"].audiences,
        questions=documents["questions.yaml"].questions,
        folder=folder,
        terms=documents["terms.yaml"].terms if "terms.yaml" in documents else (),
        editions=editions,
        keep_together=(documents["linebreaks.yaml"].keep_together
                       if "linebreaks.yaml" in documents else {}),
    )
    problems.extend(cross_check(content, Lines(lines)))
    problems.extend(own_language_translated(content))
    if problems:
        raise ContentError(problems)
    return content


def own_language_translated(content: model.Content) -> list[Problem]:
    """Report a translation into the content's own language: both would be written to the
    same files, and neither would be what the user asked for."""
    language = content.publication.language
    path = content.folder / "translations" / f"{language}.yaml"
    if not path.exists():
        return []
    return [Problem(shown_path(path), 0, "", f"expected a translation into another language "
                    f"than the content's own ('{language}', in publication.yaml), found one "
                    f"into '{language}'; remove it or change the content's language")]


def shown_path(path: Path) -> str:
    """Return a path as the user should see it: relative to the working folder when inside it."""
    try:
        return os.path.relpath(path) if path.resolve().is_relative_to(Path.cwd()) else str(path)
    except ValueError:
        return str(path)


def read_file(folder: Path, name: str, problems: list[Problem],
              lines: dict[tuple[str, str], int], kind: Kind | None = None):
    """Parse and validate one YAML file of a folder against its kind (a content file's, by
    default); add its problems to the list."""
    path = folder / name
    shown = shown_path(path)
    text = read_text(folder, path, shown, problems)
    if text is None:
        return INVALID
    try:
        refused = refused_constructs(shown, text)
        if refused:
            problems.extend(refused)
            return INVALID
        node = yaml.compose(text, Loader=SAFE_LOADER)
    except yaml.MarkedYAMLError as error:
        problems.append(yaml_problem(shown, error))
        return INVALID
    except yaml.YAMLError as error:
        problems.append(Problem(shown, 0, "", f"expected valid YAML, found an error: {error}"))
        return INVALID
    if node is None:
        problems.append(Problem(shown, 1, "", "expected content, found an empty file"))
        return INVALID
    reader = Reader(shown)
    value = (kind or FILES[name]).read(node, "", reader)
    problems.extend(reader.problems)
    lines.update({(shown, path): line for path, line in reader.lines.items()})
    return value


def yaml_problem(shown: str, error: yaml.MarkedYAMLError) -> Problem:
    """Describe a YAML syntax error at the line it was found, and where its context began."""
    mark = error.problem_mark or error.context_mark
    message = f"expected valid YAML, found an error: {error.problem or error.context}"
    if error.context and error.context_mark and error.problem_mark:
        message += f" ({error.context}, started at line {error.context_mark.line + 1})"
    return Problem(shown, mark.line + 1 if mark else 0, "", message)


def refused_constructs(shown: str, text: str) -> list[Problem]:
    """Report the YAML anchors, aliases and tags in a text, and nesting deeper or nodes more
    than content needs; reading stops at the first of those two."""
    # Aliases let a few lines expand into a huge tree; tags ask for types content never
    # needs (and, with an unsafe loader, for code to run). The events come one at a time
    # from libyaml, whose parser keeps its own stack, so a document too deep or too large
    # is stopped here, before the composer's recursion could crash the process.
    problems = []
    depth = nodes = 0
    for event in yaml.parse(text, Loader=SAFE_LOADER):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            problems.append(Problem(shown, line, "", f"expected plain values, found an alias "
                                                     f"*{event.anchor}; write the value out"))
        elif getattr(event, "anchor", None):
            problems.append(Problem(shown, line, "", f"expected plain values, found an anchor "
                                                     f"&{event.anchor}; remove it"))
        if getattr(event, "tag", None) and not isinstance(event, yaml.AliasEvent):
            problems.append(Problem(shown, line, "", f"expected plain values, found a tag "
                                                     f"{event.tag}; remove it"))
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return problems + [Problem(shown, line, "", f"expected lists and mappings "
                                           f"nested at most {MAX_DEPTH} deep, found deeper")]
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.NodeEvent):
            nodes += 1
            if nodes > MAX_NODES:
                return problems + [Problem(shown, line, "", f"expected at most {MAX_NODES} "
                                           "values in one file, found more")]
    return problems


def read_text(folder: Path, path: Path, shown: str, problems: list[Problem]) -> str | None:
    """Return a file's text, or None after recording why it cannot be read."""
    if not path.is_file():
        problems.append(Problem(shown, 0, "", "expected a file, found none"))
        return None
    # A symbolic link could make the build read any file on the machine.
    if not path.resolve().is_relative_to(folder.resolve()):
        problems.append(Problem(shown, 0, "", "expected a file inside its folder, "
                                              "found a link to a file outside it"))
        return None
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        problems.append(Problem(shown, 0, "", f"expected at most {MAX_FILE_BYTES} bytes, "
                                              f"found {size}"))
        return None
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        byte = error.object[error.start]
        problems.append(Problem(shown, 0, "", f"expected UTF-8 text, found byte 0x{byte:02x} "
                                              f"at byte {error.start}"))
        return None


class Lines:
    """Finds the line of a key path, so checks across files can point at the exact value."""

    def __init__(self, lines: dict[tuple[str, str], int]):
        self._lines = lines

    def problem(self, location: model.Location, path: str, message: str,
                nearest: bool = False) -> Problem:
        """Return a problem at a key path of the file of a record (at the record if unknown;
        with `nearest`, at the closest enclosing key that is in the file)."""
        candidates = [path]
        while nearest and "." in candidates[-1]:
            candidates.append(candidates[-1].rsplit(".", 1)[0])
        line = next((self._lines[location.file, candidate] for candidate in candidates
                     if (location.file, candidate) in self._lines), location.line)
        return Problem(location.file, line, path, message)


def cross_check(content: model.Content, lines: Lines) -> list[Problem]:
    """Check what no single field can: unique ids and references between files."""
    # Imported here: the termbase knows the languages of the translations, whose loader
    # imports this module.
    from booklet.easyread import picture_problems
    from booklet.editions import edition_problems
    from booklet.terms import termbase_problems

    return (edition_problems(content, lines) + unique_ids(content.audiences, "audiences", lines)
            + unique_ids(content.questions, "questions", lines)
            + question_references(content, lines) + audience_references(content, lines)
            + colour_contrast(content, lines) + termbase_problems(content, lines)
            + picture_problems(content, lines))


def unique_ids(records, key: str, lines: Lines) -> list[Problem]:
    """Report every record whose id was already used."""
    first: dict[str, int] = {}
    problems = []
    for index, record in enumerate(records):
        if record.id in first:
            problems.append(lines.problem(record.location, f"{key}[{index}].id",
                                          f"expected a unique id, found '{record.id}' again "
                                          f"(first at line {first[record.id]})"))
        first.setdefault(record.id, record.location.line)
    return problems


def question_references(content: model.Content, lines: Lines) -> list[Problem]:
    """Check that questions name only known audiences."""
    known = [audience.id for audience in content.audiences]
    everyone = {audience.id for audience in content.audiences if audience.all_questions}
    problems = []
    for index, question in enumerate(content.questions):
        for tag_index, tag in enumerate(question.audiences):
            if tag not in known:
                problems.append(lines.problem(
                    question.location, f"questions[{index}].audiences[{tag_index}]",
                    f"expected a known audience id ({', '.join(known)}), found '{tag}'"))
        served = sorted(set(question.audiences) & set(known) | everyone)
        worded: set[str] = set()
        for version_index, version in enumerate(question.versions):
            for tag_index, tag in enumerate(version.audiences):
                path = f"questions[{index}].versions[{version_index}].audiences[{tag_index}]"
                if tag not in served:
                    problems.append(lines.problem(
                        question.location, path, f"expected an audience this question "
                        f"serves ({', '.join(served)}), found '{tag}'"))
                elif tag in worded:
                    problems.append(lines.problem(
                        question.location, path, f"expected each audience in one wording "
                        f"at most, found '{tag}' again"))
                worded.add(tag)
    return problems


def booklet_question_ids(content: model.Content, audience: model.Audience) -> list[str]:
    """Return the ids of the questions in an audience's booklet, in content order."""
    return [question.id for question in content.questions
            if audience.all_questions or audience.id in question.audiences]


#: The least contrast of text with its background (WCAG 2, level AA, normal text).
MIN_CONTRAST = 4.5


def relative_luminance(colour: str) -> float:
    """Return the relative luminance of a #rrggbb colour (WCAG 2)."""
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    red, green, blue = (channel(int(colour[index:index + 2], 16) / 255) for index in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    """Return the contrast ratio of two #rrggbb colours (WCAG 2), from 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)),
                             reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def colour_contrast(content: model.Content, lines: Lines) -> list[Problem]:
    """Check that each theme colour reads on white paper, and white text on it."""
    problems = []
    for index, audience in enumerate(content.audiences):
        if not audience.colour:
            continue
        ratio = contrast(audience.colour, "#ffffff")
        if ratio < MIN_CONTRAST:
            problems.append(lines.problem(
                audience.location, f"audiences[{index}].colour",
                f"expected a colour with a contrast of {MIN_CONTRAST}:1 at least against "
                f"white, found '{audience.colour}' ({ratio:.1f}:1); use a darker colour"))
    return problems


def audience_references(content: model.Content, lines: Lines) -> list[Problem]:
    """Check that every audience has questions and its handout names only its own."""
    problems = []
    for index, audience in enumerate(content.audiences):
        own = booklet_question_ids(content, audience)
        if not own:
            problems.append(lines.problem(audience.location, f"audiences[{index}].id",
                                          f"expected at least one question tagged "
                                          f"'{audience.id}', found none"))
        for position, question_id in enumerate(audience.handout_questions):
            if question_id not in own:
                problems.append(lines.problem(
                    audience.location, f"audiences[{index}].handout_questions[{position}]",
                    f"expected a question of this audience's booklet "
                    f"({', '.join(dict.fromkeys(own)) or 'none'}), found '{question_id}'"))
        for position, question_id in enumerate(audience.question_order):
            if question_id not in own:
                problems.append(lines.problem(
                    audience.location, f"audiences[{index}].question_order[{position}]",
                    f"expected a question of this audience's booklet "
                    f"({', '.join(dict.fromkeys(own)) or 'none'}), found '{question_id}'"))
    return problems
