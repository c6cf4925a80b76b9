"""The termbase (words to use and to avoid) and the words a line must not break inside."""

from __future__ import annotations

from dataclasses import dataclass, field

from booklet.model.content import Location


@dataclass(frozen=True)
class AvoidedTerm:
    """A term never to use for a concept, in one language, and why."""

    #: The term as it would be written, such as "sex work".
    term: str
    #: The language the term is in, a tag of the content's languages.
    lang: str
    #: Why it is avoided, for the writer and the translators.
    reason: str
    #: The ids of the audiences whose texts must not use it; empty means every audience.
    audiences: tuple[str, ...]
    location: Location = field(compare=False)


@dataclass(frozen=True)
class Term:
    """A concept of the termbase: the one term to use for it in each language, and the
    terms to avoid."""

    #: A short slug, such as ``sexual-exploitation``.
    id: str
    #: What the concept is, on one line, in English.
    concept: str
    #: The preferred term, by language tag.
    preferred: dict[str, str]
    #: The terms never to use for it.
    avoid: tuple[AvoidedTerm, ...]
    location: Location = field(compare=False)


@dataclass(frozen=True)
class LineBreaks:
    """The words a line must never break inside, by language, where ICU's dictionary
    would split them (``linebreaks.yaml``)."""

    #: The words and phrases, by language tag.
    keep_together: dict[str, tuple[str, ...]]
    location: Location = field(compare=False)
