"""The one walk along the translatable marks of the schema: it takes English values and
what a translation gives for them, notes each text as a `Slot` (its id, English,
translation and where it prints), and returns the values with each text in its place
(or the English, where fallback is allowed). Loading, coverage, outdated marks, export and
proofs all read these slots."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from booklet import model
from booklet.schema.kinds import MAY_STAY_ENGLISH, Field, Kind, ListOf, Record, join_path
from booklet.schema.translation import collapsed, has_id, translated_kind


@dataclass(frozen=True)
class Slot:
    """One translatable text: its id, its English, its translation, and where it prints."""

    #: The key path of the text in the translation file.
    id: str
    english: str
    #: The translation; empty when there is none.
    translated: str
    #: The English field: its kind, its documentation (where it prints) and its mark.
    field: Field
    #: The ids of the audiences that read it; empty for every audience.
    readers: tuple[str, ...]
    #: Where the English text is.
    location: model.Location
    #: The id the coverage counts it under: its own, or that of the question it is part of.
    unit: str
    #: Where a missing translation is reported: its id, or that of the entry left out.
    missing_at: str
    #: Where it prints: the documentation of its field, and of the field holding it.
    where: str = ""

    @property
    def may_stay_english(self) -> bool:
        """Return whether English may stand in for it without a word."""
        return self.field.translatable == MAY_STAY_ENGLISH


class Walk:
    """Walks English values along the translatable marks of their kinds, beside what a
    translation gives for them: notes each text as a `Slot`, and returns the value with
    the text `choose` picks for each slot (the English, unless told otherwise)."""

    def __init__(self, audiences: tuple[model.Audience, ...],
                 choose: Callable[[Slot], str] | None = None):
        #: The audiences whose readings of per-reader records are walked.
        self.audiences = audiences
        self.choose = choose or (lambda slot: slot.english)
        self.slots: list[Slot] = []
        #: Lists whose translation has another number of items: (id, English, found).
        self.mismatches: list[tuple[str, int, int]] = []
        #: The id of the reading being walked, which the coverage counts as one.
        self.unit = ""
        #: The documentation of the field holding the records being walked.
        self.context = ""

    def part(self, name: str, kind: Kind, english: Any, given: Any) -> Any:
        """Return a part of the content (publication, audiences...) walked."""
        return self.value(kind, english, given, name, (), "")

    def value(self, kind: Kind, english: Any, given: Any, path: str,
              readers: tuple[str, ...], missing: str) -> Any:
        """Return an English value walked; `missing` is the id of an entry left out."""
        if english is None or translated_kind(kind) is None:
            return english
        if isinstance(kind, Record):
            return self.record(kind, english, given, path, readers, missing)
        if has_id(kind.item):
            return tuple(self.entry(kind.item, item, given, path, readers, missing)
                         for item in english)
        items = self.same_length(path, given, english)
        return tuple(self.record(kind.item, item, items[index] if items else None,
                                 join_path(path, index), readers, missing)
                     for index, item in enumerate(english))

    def entry(self, record: Record, english: Any, given: dict | None, path: str,
              readers: tuple[str, ...], missing: str) -> Any:
        """Return a record with an id walked; one left out of the translation is reported
        once, at its id, when the translation gives it as a record."""
        here = join_path(path, english.id)
        found = given.get(english.id) if isinstance(given, dict) else None
        if found is None and not missing and isinstance(translated_kind(record), Record):
            missing = here
        if path == "audiences":
            readers = (english.id,)
        return self.record(record, english, found, here, readers, missing)

    def record(self, record: Record, english: Any, given: Any, path: str,
               readers: tuple[str, ...], missing: str, reading: bool = False) -> Any:
        """Return a record walked: each of its translated fields, or its readings (unless
        it is one reading already)."""
        if record.translated_per_reader and not reading:
            return self.readings(record, english, given, path, missing)
        one = collapsed(record)
        changes = {}
        for key in record.fields:
            if one and key is not one:
                continue
            if not one and not key.translatable and translated_kind(key.kind) is None:
                continue
            value = getattr(english, key.name)
            found = given if one else getattr(given, key.name, None)
            where = path if one else join_path(path, key.name)
            changes[key.name] = self.field(key, value, found, where, english.location,
                                           readers, missing)
        return dataclasses.replace(english, **changes)

    def readings(self, record: Record, english: Any, given: Any, path: str,
                 missing: str) -> Any:
        """Return a record translated per reader: one reading for each audience that reads
        it, walked as a whole (the coverage counts it once)."""
        readings = {}
        for audience in self.audiences:
            if not english.is_read_by(audience):
                continue
            here = join_path(path, audience.id)
            found = given.get(audience.id) if isinstance(given, dict) else None
            self.unit = here
            readings[audience.id] = self.record(
                record, english.read_by(audience.id), found, here, (audience.id,),
                missing or ("" if found is not None else here), reading=True)
            self.unit = ""
        return english.with_readings(readings)

    def field(self, field: Field, english: Any, given: Any, path: str,
              location: model.Location, readers: tuple[str, ...], missing: str) -> Any:
        """Return a field's value walked: a text, a list of texts, or records holding some."""
        if not field.translatable:
            outer, self.context = self.context, field.doc
            walked = self.value(field.kind, english, given, path, readers, missing)
            self.context = outer
            return walked
        if isinstance(field.kind, ListOf):
            texts = self.same_length(path, given, english)
            return tuple(self.text(field, text, texts[index] if texts else "",
                                   join_path(path, index), location, readers, missing)
                         for index, text in enumerate(english))
        return self.text(field, english, given, path, location, readers, missing)

    def text(self, field: Field, english: str, given: Any, path: str,
             location: model.Location, readers: tuple[str, ...], missing: str) -> str:
        """Note one text and return the one chosen for it; an empty English has none."""
        if not english:
            return english
        slot = Slot(path, english, given if isinstance(given, str) else "", field, readers,
                    location, self.unit or path, missing or path,
                    " ".join(part for part in (self.context, field.doc) if part))
        self.slots.append(slot)
        return self.choose(slot)

    def same_length(self, path: str, given: Any, english: tuple) -> tuple | None:
        """Return a translated list if it has as many items as the English, else None
        (noting the mismatch)."""
        if not given:
            return None
        if len(given) != len(english):
            self.mismatches.append((path, len(english), len(given)))
            return None
        return tuple(given)
