"""Translations: a translation file as read, and the English each text was made from."""

from __future__ import annotations

from dataclasses import dataclass, field

from booklet.model.content import Location


@dataclass(frozen=True)
class Translation:
    """The content in another language: the same ids, translated texts.

    The schema reads a translation file into a subclass it derives from the fields marked
    translatable (`booklet.schema.translation`): one more field for each part of the
    content (``publication``, ``audiences``, ``questions``), holding records with the same
    keys as the English ones, each text optional.
    """

    #: The language, a BCP 47 tag such as ``th`` or ``zh-Hans``.
    language: str
    #: ``draft`` until a reviewer has checked it, then ``reviewed``.
    status: str
    #: Who reviewed it, when it is reviewed.
    reviewer: str
    location: Location = field(compare=False)


@dataclass(frozen=True)
class EnglishSource:
    """The English a translated text was made from, as recorded when it was translated."""

    #: A short digest of the English text (`booklet.translate.fingerprint`).
    fingerprint: str
    #: The English text itself, to show the translator what changed.
    english: str
    location: Location = field(compare=False)
