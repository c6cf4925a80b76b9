"""The translation file's schema, derived from the fields the content schema marks
``translatable``: nothing about translations is declared twice.

From each English record the derivation keeps the marked fields, and the fields whose
records hold marked ones, all of them optional, and makes a record of them (a "translated
audience" for an audience):

- a list of records with an ``id`` becomes a mapping by id (``audiences: {children: ...}``);
- a record with one translated field is given as that field's value: a key message as its
  text, a contact as its name, a list of them as a list of texts in the English order;
- a record declared ``translated_per_reader`` is given once for each audience that reads
  it, as that audience reads it (``questions: {under-15: {children: {...}}}``);
- a text may be left out or empty: then it is not translated yet.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Iterator
from dataclasses import fields as dataclass_fields
from dataclasses import make_dataclass
from typing import Any

from booklet import model
from booklet.schema.kinds import Field, Kind, ListOf, MapOf, Record
from booklet.schema.text import SLUG, Text

#: The key of a record that identifies it among its list.
ID = "id"


@functools.cache
def translated_kind(kind: Kind) -> Kind | None:
    """Return the kind of what a translation gives for a value of an English kind, or None
    when the value holds no translatable text."""
    if isinstance(kind, Record):
        return translated_record(kind)
    if isinstance(kind, ListOf) and isinstance(kind.item, Record):
        item = translated_record(kind.item)
        if item is None:
            return None
        if has_id(kind.item):
            return MapOf(item, SLUG, f"{kind.item.name} ids")
        return ListOf(item, kind.minimum, kind.maximum)
    return None


def translated_record(record: Record) -> Kind | None:
    """Return the kind a translation gives an English record in: a record of its translated
    fields, their one value if it has one, per reader if the record is translated so."""
    fields = [derived for field in record.fields if (derived := translated_field(field))]
    if not fields:
        return None
    if len(fields) == 1:
        kind = fields[0].kind
    else:
        cls = make_dataclass(f"Translated{record.cls.__name__}",
                             [(field.name, Any) for field in fields]
                             + [("location", model.Location)], frozen=True)
        kind = Record(cls, fields, f"translated {record.name}")
    if record.translated_per_reader:
        return MapOf(kind, SLUG, "ids of the audiences that read it")
    return kind


def translated_field(field: Field) -> Field | None:
    """Return the field a translation gives for an English field, or None for none."""
    if field.translatable:
        return Field(field.name, optional_text(field.kind), field.doc, "...", required=False,
                     translatable=field.translatable)
    kind = translated_kind(field.kind)
    if kind is None:
        return None
    if isinstance(kind, Record):
        return Field(field.name, kind, field.doc, f"see {kind.name}", required=False)
    given = ("by id" if isinstance(kind, MapOf) else "each one's text, in the English order"
             if isinstance(kind, ListOf) and isinstance(kind.item, Text)
             else "in the English order")
    return Field(field.name, kind, f"{field.doc} Translated: {given}.", "[...]",
                 required=False)


def optional_text(kind: Kind) -> Kind:
    """Return a text kind (or list of texts) that also takes empty text: not translated yet."""
    if isinstance(kind, ListOf):
        return ListOf(optional_text(kind.item), kind.minimum, kind.maximum)
    assert isinstance(kind, Text), f"only text can be translatable, found {kind.name}"
    optional = copy.copy(kind)
    optional.allow_empty = True
    return optional


def has_id(record: Record) -> bool:
    """Return whether a record is identified by an ``id`` among its list."""
    return any(field.name == ID for field in record.fields)


@functools.cache
def collapsed(record: Record) -> Field | None:
    """Return the one translated field a translation gives a record as, or None when it
    gives the record as a record (or not at all)."""
    fields = [field for field in record.fields if field.translatable
              or translated_kind(field.kind) is not None]
    return fields[0] if len(fields) == 1 else None


def translation_record(cls: type, own: list[Field],
                       parts: list[tuple[str, Kind, str]]) -> Record:
    """Return the record of a whole translation file: its own fields (language, status...),
    then for each part of the content (name, English kind, what it is) its texts."""
    fields = list(own)
    for name, kind, doc in parts:
        derived = translated_kind(kind)
        assert derived is not None, f"{name} has no translatable field"
        fields.append(Field(name, derived, doc, "see below", required=False))
    inherited = {field.name for field in dataclass_fields(cls)}
    file_class = make_dataclass(f"{cls.__name__}File", [(field.name, Any) for field in fields
                                                         if field.name not in inherited],
                                bases=(cls,), frozen=True)
    return Record(file_class, fields, "translation")


def content_parts(files: dict[str, Kind]) -> Iterator[tuple[str, Kind]]:
    """Yield the parts of the content by the name a translation gives them (the file's, less
    ``.yaml``), each with its English kind: the file's, or that of the one key it holds."""
    for name, kind in files.items():
        stem = name.removesuffix(".yaml")
        if isinstance(kind, Record) and [field.name for field in kind.fields] == [stem]:
            kind = kind.fields[0].kind
        yield stem, kind


def documented_records(record: Record) -> list[tuple[str, Record]]:
    """Return the records a translation file holds, below its own, for the field reference."""
    found: list[tuple[str, Record]] = []

    def visit(kind: Kind) -> None:
        if isinstance(kind, Record):
            if kind is not record and all(kind is not seen for _, seen in found):
                found.append((kind.name, kind))
            for field in kind.fields:
                visit(field.kind)
        elif isinstance(kind, (ListOf, MapOf)):
            visit(kind.item if isinstance(kind, ListOf) else kind.value)

    visit(record)
    return found
