"""The kinds of value the content schema is declared with: validators that turn YAML nodes
into Python values and dataclasses.

Every validator reads a PyYAML node (which knows its line), records each problem it
finds in the `Reader`, and returns the converted value, or `INVALID` when it cannot.
Records and lists keep going past a bad value, so that one run reports every problem.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, fields as dataclass_fields
from typing import Any

import yaml

from booklet import model
from booklet.errors import Problem

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
    """A mapping from ids (slugs, unless another kind of key is given) to values of one kind."""

    def __init__(self, value: Kind, key: Kind | None = None, keys: str = "ids"):
        from booklet.schema.text import SLUG  # The text kinds build on these.

        self.value, self.key = value, key or SLUG
        self.name = f"mapping of {keys} to {value.name}"

    def read(self, node, path, reader):
        result = {}
        for key, key_node, value_node in mapping_pairs(node, path, reader, f"a {self.name}"):
            self.key.read(key_node, join_path(path, key), reader)
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
    #: Whether the text is translated: True, and a translation must give it (or the build
    #: falls back to English with --allow-fallback); `MAY_STAY_ENGLISH`, and English is
    #: used without a word where a translation leaves it out. Everything about
    #: translations is derived from this mark (see `booklet.schema.translation`).
    translatable: bool | str = False


#: A translatable field whose English may stand in for a missing translation.
MAY_STAY_ENGLISH = "may stay English"


def field_empty(field: Field, value: Any) -> Any:
    """Return a value, or the field's empty value in place of `INVALID`."""
    return field.kind.empty() if value is INVALID else value


class Record(Kind):
    """A mapping with known keys, read into a dataclass that also gets its location."""

    def __init__(self, cls: type, fields: list[Field], name: str,
                 translated_per_reader: bool = False):
        declared = {field.name for field in fields} | {"location"}
        assert declared == {field.name for field in dataclass_fields(cls)}, cls
        self.cls, self.fields, self.name = cls, fields, name
        #: Whether a translation gives this record's texts once for each audience that
        #: reads it, as that audience reads it (the class's `read_by` and `with_readings`).
        self.translated_per_reader = translated_per_reader

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
