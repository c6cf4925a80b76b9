"""Training sessions: what to print for one, and how many."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from booklet.model.content import Location


@dataclass(frozen=True)
class Participants:
    """How many copies of an audience's booklet and handout a training session needs."""

    #: The audience's id.
    audience: str
    #: Copies of the booklet.
    booklets: int
    #: Copies of the handout.
    handouts: int
    location: Location = field(compare=False)


@dataclass(frozen=True)
class Session:
    """A training session: what to print for it, and how many."""

    title: str
    date: datetime.date
    place: str
    trainer: str
    #: The language of the booklets, a BCP 47 tag.
    language: str
    #: The paper family: ``a4`` or ``letter``.
    paper: str
    #: The id of the edition to print (empty: the generic edition).
    edition: str
    participants: tuple[Participants, ...]
    location: Location = field(compare=False)
    #: Whether to print for black-and-white printers and photocopiers (the mono variants).
    mono: bool = False
