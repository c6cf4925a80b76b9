"""The content schema, declared once: validators that turn YAML nodes into dataclasses.

Every validator reads a PyYAML node (which knows its line), records each problem it
finds in the `Reader`, and returns the converted value, or `INVALID` when it cannot.
Records and lists keep going past a bad value, so that one run reports every problem.
The same declarations write the field reference in ``docs/content.md``.
"""

from __future__ import annotations

import datetime
import re
import sys
from dataclasses import dataclass, fields as dataclass_fields, make_dataclass
from pathlib import Path
from typing import Any

import yaml

from booklet import model, paths, richtext
from booklet.errors import Problem

#: Returned by a validator that found a problem; the record holding it is then dropped.
INVALID: Any = object()
#: The longest text a field may hold: a one-line field, and any other.
MAX_LINE = 300
MAX_TEXT = 10_000


class Reader:
    """Collects problems while the validators walk one file's YAML nodes."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []
        self._constructor = yaml.SafeLoader("")
        #: The line of every value read, by key path, for messages of later checks.
        self.lines: dict[str, int] = {}

    def problem(self, node: yaml.Node | None, path: str, message: str) -> Any:
        """Record a problem at a node and return `INVALID`."""
        line = node.start_mark.line + 1 if node is not None else 0
        self.problems.append(Problem(self.file, line, path, message))
        return INVALID

    def scalar(self, node: yaml.ScalarNode) -> Any:
        """Return the Python value of a scalar node, as PyYAML's safe loader reads it."""
        return self._constructor.construct_object(node, deep=True)

    def visit(self, node: yaml.Node, path: str) -> None:
        """Note the line of the value at a key path."""
        self.lines[path] = node.start_mark.line + 1

    def location(self, node: yaml.Node) -> model.Location:
        """Return where a node stands in the file."""
        return model.Location(self.file, node.start_mark.line + 1)


def describe(node: yaml.Node, reader: Reader) -> str:
    """Describe a node's value for a message: its type and, if short, the value."""
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    value = reader.scalar(node)
    if value is None:
        return "nothing"
    kind = {bool: "yes/no", int: "number", float: "number", str: "text",
            datetime.date: "date", datetime.datetime: "date and time"}.get(type(value), "value")
    shown = str(value) if not isinstance(value, str) else repr(value)
    if len(shown) > 40:
        shown = shown[:37] + "..."
    return f"{kind} {shown}"


def join_path(path: str, key: str | int) -> str:
    """Return the key path of a child: ``a.b`` for a key, ``a[3]`` for an index."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class Kind:
    """A validator for one kind of value."""

    #: The name of the kind in the field reference.
    name = "value"

    @property
    def expected(self) -> str:
        """Describe the kind in a message: "expected <this>, found ..."."""
        return f"a {self.name}"

    def read(self, node: yaml.Node, path: str, reader: Reader) -> Any:
        """Return the converted value of a node, or `INVALID` after recording a problem."""
        raise NotImplementedError

    def empty(self) -> Any:
        """Return the value of an optional field left out."""
        return None


class Text(Kind):
    """Text; a number or yes/no where text is expected is an error, not converted."""

    name = "text"

    def __init__(self, pattern: str | None = None, expected: str = "text", name: str = "text",
                 allow_empty: bool = False, single_line: bool = False,
                 max_length: int | None = None):
        self.pattern = re.compile(pattern) if pattern else None
        self._expected = expected
        self.name = "text on one line" if single_line and name == "text" else name
        self.allow_empty = allow_empty
        self.single_line = single_line
        self.max_length = max_length or (MAX_LINE if single_line else MAX_TEXT)

    def read(self, node, path, reader):
        value = reader.scalar(node) if isinstance(node, yaml.ScalarNode) else INVALID
        if value is None and self.allow_empty:
            return ""
        if not isinstance(value, str):
            quotable = (bool, int, float, datetime.date)
            hint = " (put it in quotes)" if isinstance(value, quotable) else ""
            return reader.problem(node, path, f"expected {self.expected}, "
                                              f"found {describe(node, reader)}{hint}")
        value = value.strip()
        if not value and not self.allow_empty:
            return reader.problem(node, path, f"expected {self.expected}, found empty text")
        if self.single_line and "\n" in value:
            return reader.problem(node, path, f"expected {self.expected} on one line, "
                                              "found several lines")
        if len(value) > self.max_length:
            return reader.problem(node, path, f"expected at most {self.max_length} characters, "
                                              f"found {len(value)}")
        if self.pattern and value and not self.pattern.fullmatch(value):
            return reader.problem(node, path, f"expected {self.expected}, found {value!r}")
        return value

    @property
    def expected(self) -> str:
        return self._expected

    def empty(self):
        return ""


class Markdown(Text):
    """Rich text in Markdown; raw HTML, links other than web, e-mail and telephone, and
    pictures from outside the assets folder are refused, each at its own line."""

    def __init__(self, inline: bool = False, allow_empty: bool = False):
        super().__init__(name="Markdown text on one line" if inline else "Markdown text",
                         allow_empty=allow_empty, single_line=inline)

    def read(self, node, path, reader):
        value = super().read(node, path, reader)
        if value is INVALID or not value:
            return value
        # The text of a block scalar (| or >) starts on the line after its key.
        first_line = node.start_mark.line + (2 if node.style in ("|", ">") else 1)
        raw = reader.scalar(node)
        skipped = len(raw) - len(raw.lstrip("\n"))
        found = richtext.problems(raw.lstrip("\n"))
        for offset, message in found:
            reader.problems.append(Problem(reader.file, first_line + skipped + offset, path,
                                           message))
        return INVALID if found else value


class Pictogram(Text):
    """The name of a pictogram in the assets folder (``assets/pictograms/NAME.svg``)."""

    def __init__(self):
        super().__init__(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", "the name of a pictogram",
                         "pictogram name")

    def read(self, node, path, reader):
        value = super().read(node, path, reader)
        if value is INVALID:
            return value
        known = pictogram_names()
        if value not in known:
            return reader.problem(node, path, f"expected the name of a pictogram in "
                                              f"assets/pictograms ({', '.join(known)}), "
                                              f"found '{value}'")
        return value


def pictogram_names() -> list[str]:
    """Return the names of the pictograms in the assets folder."""
    return sorted(path.stem for path in (paths.ASSETS / "pictograms").glob("*.svg"))


SLUG = Text(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", "a slug of lowercase letters, digits and "
            "hyphens, such as 'young-migrants'", "slug")
COLOUR = Text(r"#[0-9a-fA-F]{6}", "a colour as #rrggbb, such as '#1b6ca8'", "colour #rrggbb")
LANGUAGE = Text(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", "a language tag such as 'en', 'th' "
                "or 'zh-Hans'", "language tag")
LINE = Text(single_line=True)
MARKDOWN = Markdown()
MARKDOWN_LINE = Markdown(inline=True)


class Number(Kind):
    """A number within bounds; a whole number if asked."""

    name = "number"

    def __init__(self, minimum: float, maximum: float, whole: bool = False):
        self.minimum, self.maximum, self.whole = minimum, maximum, whole
        kind = "whole number" if whole else "number"
        self.name = f"{kind} from {minimum:g} to {maximum:g}"

    def read(self, node, path, reader):
        value = reader.scalar(node) if isinstance(node, yaml.ScalarNode) else None
        expected = f"a {self.name}"
        allowed = (int,) if self.whole else (int, float)
        if isinstance(value, bool) or not isinstance(value, allowed):
            return reader.problem(node, path, f"expected {expected}, "
                                              f"found {describe(node, reader)}")
        if not self.minimum <= value <= self.maximum:
            return reader.problem(node, path, f"expected {expected}, found {value:g}")
        return value if self.whole else float(value)


class Boolean(Kind):
    """Yes or no."""

    name = "true or false"
    expected = name

    def read(self, node, path, reader):
        value = reader.scalar(node) if isinstance(node, yaml.ScalarNode) else None
        if not isinstance(value, bool):
            return reader.problem(node, path, "expected true or false, "
                                              f"found {describe(node, reader)}")
        return value

    def empty(self):
        return False


class Date(Kind):
    """A calendar date written YYYY-MM-DD."""

    name = "date (YYYY-MM-DD)"
    expected = "a date as YYYY-MM-DD"

    def read(self, node, path, reader):
        value = reader.scalar(node) if isinstance(node, yaml.ScalarNode) else None
        if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
            return reader.problem(node, path, "expected a date as YYYY-MM-DD, "
                                              f"found {describe(node, reader)}")
        return value


class ListOf(Kind):
    """A list of values of one kind, with bounds on its length."""

    def __init__(self, item: Kind, minimum: int = 0, maximum: int | None = None):
        self.item, self.minimum, self.maximum = item, minimum, maximum
        self.name = f"list of {item.name}"
        if minimum or maximum is not None:
            self.name += f" ({self.bounds()})"

    def read(self, node, path, reader):
        if not isinstance(node, yaml.SequenceNode):
            return reader.problem(node, path, f"expected a list of {self.item.name}, "
                                              f"found {describe(node, reader)}")
        count = len(node.value)
        if count < self.minimum or (self.maximum is not None and count > self.maximum):
            return reader.problem(node, path, f"expected {self.bounds()}, found {count}")
        values = []
        for index, child in enumerate(node.value):
            reader.visit(child, join_path(path, index))
            values.append(self.item.read(child, join_path(path, index), reader))
        # An item with a problem is left out; the problem is reported, and the rest can
        # still be checked against each other.
        return tuple(value for value in values if value is not INVALID)

    def bounds(self) -> str:
        """Describe the allowed number of items."""
        if self.maximum is None:
            return f"at least {self.minimum} item(s)"
        if self.minimum == self.maximum:
            return f"exactly {self.minimum} item(s)"
        return f"{self.minimum} to {self.maximum} items"

    def empty(self):
        return ()


def mapping_pairs(node: yaml.Node, path: str, reader: Reader, expected: str):
    """Yield (key, key node, value node) of a mapping; record duplicate and non-text keys."""
    if not isinstance(node, yaml.MappingNode):
        reader.problem(node, path, f"expected {expected}, found {describe(node, reader)}")
        return
    first_line: dict[str, int] = {}
    for key_node, value_node in node.value:
        key = reader.scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
        if not isinstance(key, str):
            reader.problem(key_node, path, f"expected a key of text, "
                                           f"found {describe(key_node, reader)}")
            continue
        if key in first_line:
            reader.problem(key_node, join_path(path, key),
                           f"expected each key once, found a duplicate key '{key}' "
                           f"(first at line {first_line[key]})")
            continue
        first_line[key] = key_node.start_mark.line + 1
        reader.visit(value_node, join_path(path, key))
        yield key, key_node, value_node


class MapOf(Kind):
    """A mapping from ids (slugs) to values of one kind."""

    def __init__(self, value: Kind):
        self.value = value
        self.name = f"mapping of ids to {value.name}"

    def read(self, node, path, reader):
        result = {}
        for key, key_node, value_node in mapping_pairs(node, path, reader, f"a {self.name}"):
            SLUG.read(key_node, join_path(path, key), reader)
            value = self.value.read(value_node, join_path(path, key), reader)
            if value is not INVALID:
                result[key] = value
        return result if isinstance(node, yaml.MappingNode) else INVALID

    def empty(self):
        return {}


@dataclass(frozen=True)
class Field:
    """One key of a record: its kind, whether it is required, and its documentation."""

    name: str
    kind: Kind
    doc: str
    example: str
    required: bool = True


def field_empty(field: Field, value: Any) -> Any:
    """Return a value, or the field's empty value in place of `INVALID`."""
    return field.kind.empty() if value is INVALID else value


class Record(Kind):
    """A mapping with known keys, read into a dataclass that also gets its location."""

    def __init__(self, cls: type, fields: list[Field], name: str):
        declared = {field.name for field in fields} | {"location"}
        assert declared == {field.name for field in dataclass_fields(cls)}, cls
        self.cls, self.fields, self.name = cls, fields, name

    def read(self, node, path, reader):
        known = {field.name: field for field in self.fields}
        values: dict[str, Any] = {}
        for key, key_node, value_node in mapping_pairs(node, path, reader, f"a {self.name}"):
            field = known.get(key)
            if field is None:
                reader.problem(key_node, join_path(path, key),
                               f"expected one of the keys {', '.join(known)}; "
                               f"found unknown key '{key}'")
                continue
            values[key] = field.kind.read(value_node, join_path(path, key), reader)
        if not isinstance(node, yaml.MappingNode):
            return INVALID
        for field in self.fields:
            if field.name not in values:
                if field.required:
                    reader.problem(node, join_path(path, field.name),
                                   f"expected {field.kind.expected}, found nothing "
                                   "(the key is required)")
                values[field.name] = field.kind.empty()
        # A field with a problem (reported already) takes its empty value, so that the
        # record can still be checked against the others.
        values = {key: field_empty(known[key], value) for key, value in values.items()}
        return self.cls(**values, location=reader.location(node))


SOURCE = Record(model.Source, [
    Field("title", LINE, "The title of the source document.",
          "Human Trafficking and ILO Responses: Frequently Asked Questions"),
    Field("organisation", LINE, "Who published it.", "ILO-IPEC TICW project"),
    Field("date", Date(), "The date of the version used.", "2008-10-24"),
], "source")

PUBLICATION = Record(model.Publication, [
    Field("title", LINE, "The series title, on every cover.",
          "Human Trafficking and ILO Responses"),
    Field("publisher", LINE, "The publisher, on covers and as the PDF's author.", "ILO-IPEC TICW"),
    Field("language", LANGUAGE, "The language of the text (BCP 47).", "en"),
    Field("source", SOURCE, "The document the content is drawn from.", "see below"),
    Field("mission", MARKDOWN, "The mission statement.",
          "Our mission is ..."),
    Field("attribution", MARKDOWN, "The credit on every back cover and handout.",
          "Based on ... (2008)."),
    Field("keywords", ListOf(LINE, 1), "Words for the PDF's keywords.",
          "[trafficking, migration]"),
], "publication")

CONTACT = Record(model.Contact, [
    Field("name", LINE, "Who to contact.", "Police hotline"),
    Field("details", Text(allow_empty=True), "Number or address; empty leaves a line to "
          "write on, for each edition to fill in.", "'1300'", required=False),
], "contact")

MESSAGE = Record(model.Message, [
    Field("text", MARKDOWN_LINE, "The text, on one line.", "Stay in school."),
    Field("pictogram", Pictogram(), "The pictogram printed beside it (see "
          "docs/pictograms.md).", "school"),
], "message")

CHECKLIST = Record(model.Checklist, [
    Field("title", LINE, "The checklist's heading.", "Before you leave home"),
    Field("items", ListOf(MESSAGE, 1, 12), "The things to tick off, 1 to 12, each with its "
          "pictogram.", "see message"),
], "checklist")

AUDIENCE = Record(model.Audience, [
    Field("id", SLUG, "A short slug used in file names and tags.", "children"),
    Field("name", LINE, "Who the readers are.", "Children and young people"),
    Field("booklet_title", LINE, "The title on the booklet's cover.", "Stay safe, stay in school"),
    Field("introduction", MARKDOWN, "A short introduction.", "This booklet is for you ..."),
    Field("key_messages", ListOf(MESSAGE, 1, 6), "The messages to take away, 1 to 6, each "
          "with its pictogram.", "see message"),
    Field("call_to_action", MARKDOWN, "What the reader should do now.",
          "Talk to your family."),
    Field("help", ListOf(CONTACT, 1), "Where to get help.", "see contact"),
    Field("colour", COLOUR, "The theme colour; the text on it is white, so it must be dark "
          "enough (contrast 4.5:1 at least).", "'#1b6ca8'"),
    Field("pictogram", Pictogram(), "The pictogram of the cover.", "child"),
    Field("large_type", Boolean(), "Set the body text at 11 pt rather than 10 pt, for "
          "readers who read little.", "true", required=False),
    Field("reading_grade", Number(1, 20), "The highest Flesch-Kincaid grade allowed.", "5"),
    Field("mission", MARKDOWN, "This audience's wording of the mission statement; "
          "without it, the publication's.", "We want to ...", required=False),
    Field("handout_questions", ListOf(SLUG, 1, 4), "Ids of the 1 to 4 questions on the "
          "handout, in order; each must be in this audience's booklet.", "[why-not-under-15]"),
    Field("all_questions", Boolean(), "The booklet holds every question, whatever its tags.",
          "false", required=False),
    Field("checklist", CHECKLIST, "A checklist, printed after the questions.", "see checklist",
          required=False),
], "audience")

WORDING = Record(model.Wording, [
    Field("audiences", ListOf(SLUG, 1), "Ids of the audiences that read this wording.",
          "[children, young-migrants]"),
    Field("question", Text(allow_empty=True), "This audience's wording of the question.",
          "Why should I stay in school?", required=False),
    Field("answer", Markdown(allow_empty=True), "This audience's wording of the answer.",
          "Because ...", required=False),
], "wording")

QUESTION = Record(model.Question, [
    Field("id", SLUG, "A short slug, unique among the questions.", "why-not-under-15"),
    Field("question", LINE, "The question.", "Why should children under 15 not migrate?"),
    Field("answer", MARKDOWN, "The answer.", "There are two reasons ..."),
    Field("audiences", ListOf(SLUG, 1), "Ids of the audiences whose booklets carry it.",
          "[children, parents]"),
    Field("versions", ListOf(WORDING), "Wordings of particular audiences; an audience may "
          "be in one at most.", "see wording", required=False),
], "question")


COPIES = Number(0, 10_000, whole=True)

PARTICIPANTS = Record(model.Participants, [
    Field("audience", SLUG, "The audience's id.", "children"),
    Field("booklets", COPIES, "Copies of its booklet.", "25"),
    Field("handouts", COPIES, "Copies of its handout.", "25"),
], "participants")

SESSION = Record(model.Session, [
    Field("title", LINE, "The session's title.", "Safe migration: a day for young people"),
    Field("date", Date(), "The day of the session.", "2026-12-05"),
    Field("place", LINE, "Where it is held.", "Savannakhet"),
    Field("trainer", LINE, "Who leads it.", "Ms. Vongsa"),
    Field("language", LANGUAGE, "The language of the booklets.", "en"),
    Field("paper", Text(r"a4|letter", "a4 or letter", "a4 or letter"), "The paper: a4 "
          "(A5 booklets on A4) or letter (half-letter booklets on Letter).", "a4"),
    Field("participants", ListOf(PARTICIPANTS, 1), "Who comes, by audience, and how many "
          "copies each needs.", "see participants"),
], "session")


OPTIONAL_TEXT = Markdown(allow_empty=True)

TRANSLATED_CHECKLIST = Record(model.TranslatedChecklist, [
    Field("title", LINE, "The checklist's heading.", "Before you leave home"),
    Field("items", ListOf(MARKDOWN_LINE, 1, 12), "The items, in the English order.",
          "[...]"),
], "translated checklist")

def optional_fields(*fields: tuple[str, Kind, str]) -> list[Field]:
    """Declare fields a translation may leave out (name, kind, what it is)."""
    return [Field(name, kind, doc, "...", required=False) for name, kind, doc in fields]


TRANSLATED_AUDIENCE = Record(model.TranslatedAudience, optional_fields(
        ("name", LINE, "Who the readers are."),
        ("booklet_title", LINE, "The title on the cover."),
        ("introduction", OPTIONAL_TEXT, "The introduction."),
        ("key_messages", ListOf(MARKDOWN_LINE, 1, 6), "The key messages, in the English "
                                                      "order; the pictograms stay."),
        ("call_to_action", OPTIONAL_TEXT, "What the reader should do now."),
        ("help", ListOf(LINE, 1), "The names of the contacts, in the English order."),
        ("mission", OPTIONAL_TEXT, "This audience's wording of the mission."),
        ("checklist", TRANSLATED_CHECKLIST, "The checklist."),
), "translated audience")

TRANSLATED_WORDING = Record(model.TranslatedWording, [
    Field("question", LINE, "The question.", "..."),
    Field("answer", MARKDOWN, "The answer.", "..."),
], "translated wording")

TRANSLATED_PUBLICATION = Record(model.TranslatedPublication, optional_fields(
        ("title", LINE, "The series title."),
        ("publisher", LINE, "The publisher."),
        ("attribution", OPTIONAL_TEXT, "The credit."),
        ("mission", OPTIONAL_TEXT, "The mission statement."),
        ("keywords", ListOf(LINE, 1), "Words for the PDF's keywords."),
), "translated publication")

TRANSLATION = Record(model.Translation, [
    Field("language", LANGUAGE, "The language, as in the file's name.", "th"),
    Field("status", Text(r"draft|reviewed", "draft or reviewed", "draft or reviewed"),
          "draft, printed with a visible note, until a reviewer sets reviewed.", "draft"),
    Field("reviewer", Text(allow_empty=True, single_line=True), "Who reviewed it.", "",
          required=False),
    Field("publication", TRANSLATED_PUBLICATION, "The publication's texts.", "see below"),
    Field("audiences", MapOf(TRANSLATED_AUDIENCE), "Texts of each translated audience, by "
          "audience id.", "{children: {...}}"),
    Field("questions", MapOf(MapOf(TRANSLATED_WORDING)), "By question id, then by the id of "
          "each audience that reads it: its question and answer.",
          "{under-15: {children: {...}}}"),
], "translation")


def top_level(key: str, item: Kind, minimum: int) -> Record:
    """Declare a file holding one key with a list, such as ``audiences: [...]``."""
    cls = make_dataclass(key.title(), [(key, tuple), ("location", model.Location)], frozen=True)
    return Record(cls, [
        Field(key, ListOf(item, minimum), f"The {key}.", "see below")], f"mapping with '{key}'")


#: The content files, each with the validator of its whole document.
FILES: dict[str, Kind] = {
    "publication.yaml": PUBLICATION,
    "audiences.yaml": top_level("audiences", AUDIENCE, 1),
    "questions.yaml": top_level("questions", QUESTION, 1),
}

#: The records of a session file, documented in docs/sessions.md.
SESSION_DOCUMENTED: list[tuple[str, Record]] = [("session", SESSION),
                                                ("participants", PARTICIPANTS)]


#: The records documented in the field reference, in the order shown.
DOCUMENTED: list[tuple[str, Record]] = [
    ("publication.yaml", PUBLICATION), ("source", SOURCE), ("audiences.yaml: audience", AUDIENCE),
    ("message", MESSAGE), ("contact", CONTACT), ("checklist", CHECKLIST),
    ("questions.yaml: question", QUESTION),
    ("wording", WORDING),
    ("translations/LANGUAGE.yaml: translation", TRANSLATION),
    ("translated publication", TRANSLATED_PUBLICATION),
    ("translated audience", TRANSLATED_AUDIENCE),
    ("translated checklist", TRANSLATED_CHECKLIST),
    ("translated wording", TRANSLATED_WORDING),
]

def reference(records: list[tuple[str, Record]] | None = None) -> str:
    """Return the field reference as Markdown tables, one per record."""
    sections = []
    for title, record in records or DOCUMENTED:
        rows = [f"### {title}", "", "| key | type | required | what it is | example |",
                "|---|---|---|---|---|"]
        for field in record.fields:
            required = "yes" if field.required else "no"
            rows.append(f"| `{field.name}` | {field.kind.name} | {required} | {field.doc} "
                        f"| `{field.example}` |")
        sections.append("\n".join(rows))
    return "\n\n".join(sections) + "\n"



def write_reference(markdown: Path) -> None:
    """Replace the field reference between the markers of a Markdown file (docs/content.md
    or docs/sessions.md)."""
    records = SESSION_DOCUMENTED if markdown.name == "sessions.md" else DOCUMENTED
    text = markdown.read_text(encoding="utf-8")
    start, end = "<!-- reference:start -->\n", "<!-- reference:end -->"
    before, rest = text.split(start, 1)
    after = rest.split(end, 1)[1]
    markdown.write_text(before + start + reference(records) + end + after, encoding="utf-8")


if __name__ == "__main__":
    # python -m booklet.schema [FILE]: print the field reference, or write it into FILE.
    if len(sys.argv) > 1:
        write_reference(Path(sys.argv[1]))
    else:
        print(reference(), end="")
