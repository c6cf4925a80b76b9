"""Country and partner editions: who prints them, and whom their readers can call."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from booklet.model.content import Location


@dataclass(frozen=True)
class Partner:
    """An organisation printing an edition, named beside the publisher with its logo."""

    #: Its name, as it writes it.
    name: str
    #: Its logo, a picture in assets/ (empty: the name alone).
    logo: str
    location: Location = field(compare=False)


@dataclass(frozen=True)
class EditionContact:
    """A place to get help in a country edition: a hotline, a web address or both, with
    where it is published and when it was last checked there."""

    #: Who answers, such as "Child Helpline Cambodia"; translated in translations/<tag>.yaml.
    name: str
    #: The telephone number as the source writes it (empty: none).
    phone: str
    #: A web address (empty: none).
    web: str
    #: When it answers, such as "24/7" (empty: not said).
    hours: str
    #: The ids of the audiences it serves; empty means every audience.
    audiences: tuple[str, ...]
    #: Where the number or address is published: the publisher and the page or document.
    source: str
    #: The day it was last checked at its source.
    checked_on: datetime.date
    #: A short code libphonenumber does not list for the country, printed on the strength
    #: of its source alone.
    unlisted_short_code: bool
    location: Location = field(compare=False)


@dataclass(frozen=True)
class CountryEdition:
    """An edition of the booklets for a country (content/editions/<id>.yaml): its
    languages, the partners printing it and the contacts every booklet prints."""

    #: A short slug, the name of its file and of its output folder.
    id: str
    #: Its name, such as "Cambodia".
    name: str
    #: The country, an ISO 3166-1 alpha-2 code such as ``KH``: its numbers are checked
    #: and printed as dialled there.
    country: str
    #: The languages it is printed in, tags of the content's languages.
    languages: tuple[str, ...]
    #: The organisations printing it.
    partners: tuple[Partner, ...]
    #: The contacts, in the order printed; the first serving an audience is its hotline.
    contacts: tuple[EditionContact, ...]
    #: After how many months a contact's ``checked_on`` is too old to print (None: 12).
    stale_after_months: int | None
    location: Location = field(compare=False)
    #: The CMYK output profile its print variant is made for (empty: the default).
    profile: str = ""
