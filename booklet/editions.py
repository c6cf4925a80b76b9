"""Country and partner editions: whom the reader calls, by number and by QR code.

An edition is a file of ``content/editions/<id>.yaml`` (declared in `booklet.schema`): the
country whose numbers it prints, the languages it is printed in, the partners printing
it and its contacts. The generic edition has no file: it keeps the lines to write on.

Telephone numbers are checked with libphonenumber (the ``phonenumbers`` package) for the
edition's country, short codes included, and printed as they are dialled there. A short
code its metadata does not list is refused unless the contact says so
(``unlisted_short_code``): such a number stands on its published source alone. A number
last checked at its source too long ago stops the builds that go to a press or a copier.
"""

from __future__ import annotations

import dataclasses
import datetime
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING


from booklet import model
from booklet.errors import ContentError, Problem
from booklet.phones import PhoneError, dialled

if TYPE_CHECKING:
    from booklet.load import Lines
    from booklet.plan import Request

#: The folder of the edition files, inside the content folder.
FOLDER = "editions"
#: The edition without a file: blank lines for every contact, output paths as ever.
GENERIC = "generic"
#: Names an edition's output folder may not take: the generic edition's, and folders a
#: build folder holds besides the editions (thumbnails, session packs, the preview's).
RESERVED_IDS = (GENERIC, "thumbnails", "packs", "preview")
#: The most edition files a content folder may hold.
MAX_EDITIONS = 200
#: After how many months a contact's check is too old, unless the edition says otherwise.
DEFAULT_STALE_MONTHS = 12

#: The generic edition.
GENERIC_EDITION = model.CountryEdition(GENERIC, "Generic", "", (), (), (), None,
                                       model.Location("", 0))


@dataclass(frozen=True)
class Hotline:
    """A contact as a page prints it: in the page's language, its number as dialled."""

    #: Who answers, in the page's language.
    name: str
    #: The number as it is dialled in the country, such as ``1280`` or ``023 997 919``.
    number: str
    #: The number as a link: ``tel:1280``, or ``tel:+85523997919`` for a full number.
    link: str
    web: str
    hours: str

    @property
    def code(self) -> str:
        """Return what its QR code holds: the tel: link, else the web address."""
        return self.link or self.web


def load_editions(content_folder: Path, problems: list[Problem],
                  lines: dict[tuple[str, str], int]):
    """Read and check every edition file; add their problems to the list. Return the
    editions, or `INVALID` when a file cannot be read as an edition."""
    from booklet.load import read_file, shown_path
    from booklet.schema import INVALID
    from booklet.schema.declarations import EDITION

    folder = content_folder / FOLDER
    if not folder.is_dir():
        return ()
    if not folder.resolve().is_relative_to(content_folder.resolve()):
        problems.append(Problem(shown_path(folder), 0, "", "expected a folder inside the "
                                                           "content folder, found a link to "
                                                           "a folder outside it"))
        return INVALID
    names = sorted(path.name for path in folder.glob("*.yaml"))
    if len(names) > MAX_EDITIONS:
        problems.append(Problem(shown_path(folder), 0, "", f"expected at most {MAX_EDITIONS} "
                                                           f"editions, found {len(names)}"))
        return INVALID
    editions = [read_file(folder, name, problems, lines, EDITION) for name in names]
    return INVALID if INVALID in editions else tuple(editions)


def edition_problems(content: model.Content, lines: Lines,
                     today: datetime.date | None = None) -> list[Problem]:
    """Check what no single field of an edition can: its id, languages, audiences, and
    each contact's number against its country."""
    from booklet.translate import available_languages

    today = today or datetime.date.today()
    languages = available_languages(content.folder)
    audiences = [audience.id for audience in content.audiences]
    problems = []
    for edition in content.editions:
        where = edition.location
        problems += id_problems(edition, languages, lines)
        for index, language in enumerate(edition.languages):
            if language not in languages:
                problems.append(lines.problem(where, f"languages[{index}]", f"expected a "
                                f"language of the content ({', '.join(languages)}), found "
                                f"'{language}'"))
            elif language in edition.languages[:index]:
                problems.append(lines.problem(where, f"languages[{index}]", f"expected each "
                                              f"language once, found '{language}' again"))
        for index, contact in enumerate(edition.contacts):
            problems += contact_problems(contact, f"contacts[{index}]", edition.country,
                                         audiences, lines, today)
    return problems


def id_problems(edition: model.CountryEdition, languages: list[str],
                lines: Lines) -> list[Problem]:
    """Check an edition's id: its file's name, and free to be an output folder's."""
    where = edition.location
    stem = Path(where.file).stem
    if edition.id != stem:
        return [lines.problem(where, "id", f"expected '{stem}', the name of the file, found "
                                           f"'{edition.id}'")]
    if edition.id in RESERVED_IDS or edition.id in languages:
        taken = ", ".join(RESERVED_IDS + tuple(languages))
        return [lines.problem(where, "id", f"expected an id other than the names of the build "
                                           f"folder's other folders ({taken}), found "
                                           f"'{edition.id}'; rename the file and the id")]
    return []


def contact_problems(contact: model.EditionContact, path: str, country: str,
                     audiences: list[str], lines: Lines, today: datetime.date) -> list[Problem]:
    """Check one contact: a number of its country or an address, known audiences, a past
    date of checking."""
    where = contact.location
    problems = []
    if not contact.phone and not contact.web:
        problems.append(lines.problem(where, path, "expected a phone number, a web address or "
                                                   "both, found neither"))
    if contact.phone and country:
        try:
            dialled(contact.phone, country, contact.unlisted_short_code)
        except PhoneError as error:
            problems.append(lines.problem(where, f"{path}.phone", str(error)))
    elif contact.unlisted_short_code:
        problems.append(lines.problem(where, f"{path}.unlisted_short_code", "expected it only "
                                      "beside a phone number, found no phone number"))
    for index, audience in enumerate(contact.audiences):
        if audience not in audiences:
            problems.append(lines.problem(where, f"{path}.audiences[{index}]", f"expected a "
                                          f"known audience id ({', '.join(audiences)}), found "
                                          f"'{audience}'"))
    if contact.checked_on and contact.checked_on > today:
        problems.append(lines.problem(where, f"{path}.checked_on", f"expected a day no later "
                                      f"than today ({today}), found {contact.checked_on}"))
    return problems


def hotlines(edition: model.CountryEdition, audience_id: str) -> tuple[Hotline, ...]:
    """Return the contacts of an edition that serve an audience, as pages print them."""
    printed = []
    for contact in edition.contacts:
        if contact.audiences and audience_id not in contact.audiences:
            continue
        number, link = (dialled(contact.phone, edition.country, contact.unlisted_short_code)
                        if contact.phone else ("", ""))
        printed.append(Hotline(contact.name, number, link, contact.web, contact.hours))
    return tuple(printed)


def select_editions(content: model.Content, wanted: tuple[str, ...]
                    ) -> list[model.CountryEdition]:
    """Return the editions asked for (--edition), in the order asked; all if none were."""
    from booklet.plan import UsageError

    known = {GENERIC: GENERIC_EDITION} | {edition.id: edition for edition in content.editions}
    unknown = [edition_id for edition_id in wanted if edition_id not in known]
    if unknown:
        raise UsageError(f"--edition: expected a known edition ({', '.join(known)}), found "
                         f"{', '.join(repr(edition_id) for edition_id in unknown)}")
    return [known[edition_id] for edition_id in dict.fromkeys(wanted or known)]


def printings(content: model.Content, audiences: list[model.Audience], request: Request
              ) -> list[tuple[model.CountryEdition, model.Content]]:
    """Return each edition asked for with the content in each of its languages asked for:
    the generic edition in every language of the content, a country edition in its own,
    its contacts' names translated."""
    from booklet.plan import UsageError, localized_contents
    from booklet.translate import available_languages

    chosen = select_editions(content, request.editions)
    available = available_languages(request.content)
    unknown = [language for language in request.languages if language not in available]
    if unknown:
        raise UsageError(f"--lang: expected a language of the content ({', '.join(available)}), "
                         f"found {', '.join(repr(language) for language in unknown)}")
    wanted = {edition.id: [language for language in edition.languages or available
                           if not request.languages or language in request.languages]
              for edition in chosen}
    if request.editions and request.languages:
        for edition in chosen:
            if not wanted[edition.id]:
                raise UsageError(f"--lang: expected a language of the edition '{edition.id}' "
                                 f"({', '.join(edition.languages)}), found "
                                 f"{', '.join(repr(language) for language in request.languages)}")
    languages = tuple(dict.fromkeys(language for edition in chosen
                                    for language in wanted[edition.id]))
    by_language = {localized.publication.language: localized for localized in
                   localized_contents(content, audiences,
                                      dataclasses.replace(request, languages=languages))}
    return [(localized_edition(edition, language, request), by_language[language])
            for edition in chosen for language in wanted[edition.id]
            if language in by_language]


def localized_edition(edition: model.CountryEdition, language: str,
                      request: Request) -> model.CountryEdition:
    """Return an edition with its contacts' names in a language."""
    from booklet.translate import SOURCE_LANGUAGE, load_translation, translated_edition

    if edition.id == GENERIC or language == SOURCE_LANGUAGE:
        return edition
    translation, lines = load_translation(request.content, language)
    return translated_edition(edition, translation, lines, request.allow_fallback)


def stale_after(contact: model.EditionContact, months: int) -> datetime.date:
    """Return the last day a contact may be printed: `months` after it was checked."""
    checked = contact.checked_on
    month = checked.month - 1 + months
    year, month = checked.year + month // 12, month % 12 + 1
    last_day = (datetime.date(year + month // 12, month % 12 + 1, 1)
                - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(checked.day, last_day))


def stale_contacts(editions: list[model.CountryEdition], audience_ids: list[str],
                   today: datetime.date) -> list[Problem]:
    """Return a problem for each contact of these editions, serving one of the audiences,
    whose check at its source is older than its edition allows."""
    problems = []
    for edition in editions:
        months = edition.stale_after_months or DEFAULT_STALE_MONTHS
        lines = None
        for index, contact in enumerate(edition.contacts):
            if contact.audiences and not set(contact.audiences) & set(audience_ids):
                continue
            if today <= stale_after(contact, months):
                continue
            lines = lines or lines_of(edition)
            problems.append(lines.problem(
                contact.location, f"contacts[{index}].checked_on",
                f"expected a contact checked at its source in the last {months} months, "
                f"found {contact.checked_on} (due again by {stale_after(contact, months)}); "
                f"check '{contact.name}' at its source and set the day"))
    return problems


def lines_of(edition: model.CountryEdition) -> Lines:
    """Return the lines of an edition file's values, for messages pointing at one."""
    from booklet.load import Lines, read_file
    from booklet.schema.declarations import EDITION

    lines: dict[tuple[str, str], int] = {}
    path = Path(edition.location.file)
    read_file(path.parent, path.name, [], lines, EDITION)
    return Lines(lines)


class StaleContactsError(ContentError):
    """A print or imposed build would print contacts not checked for too long."""


def refuse_stale_contacts(editions: list[model.CountryEdition], audience_ids: list[str],
                          request: Request, today: datetime.date | None = None) -> None:
    """Raise `StaleContactsError` listing the stale contacts a request would print when it
    asks for a print or imposed variant and does not allow them; otherwise print them as
    warnings."""
    from booklet.formats import printed
    from booklet.terms import requested_variants

    problems = stale_contacts(editions, audience_ids, today or datetime.date.today())
    if not problems:
        return
    if printed(requested_variants(request)) and not request.allow_stale_contacts:
        raise StaleContactsError(problems + [Problem(
            "", 0, "", f"expected every contact printed to have been checked at its source "
                       f"within its edition's limit, found {len(problems)} not; check them "
                       "and set checked_on, build only --variant screen, or pass "
                       "--allow-stale-contacts")])
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)


def edition_names(content: model.Content) -> dict[str, str]:
    """Return the name of every edition by id, the generic one's included."""
    return {GENERIC: GENERIC_EDITION.name} | {edition.id: edition.name
                                              for edition in content.editions}


def edition_report(content: model.Content) -> list[str]:
    """Return, for --check, each edition with its languages and each contact as printed:
    its number as dialled, and when it was checked at its source."""
    lines = ["editions:", f"  {GENERIC}: every language; lines to write the contacts on"]
    for edition in content.editions:
        lines.append(f"  {edition.id} ({edition.country}; {', '.join(edition.languages)}): "
                     f"{len(edition.contacts)} contact(s)")
        for contact in edition.contacts:
            number = dialled(contact.phone, edition.country, contact.unlisted_short_code)[0] \
                if contact.phone else ""
            shown = ", ".join(part for part in (number, contact.web) if part)
            unlisted = ", a short code libphonenumber does not list" \
                if contact.unlisted_short_code else ""
            lines.append(f"    {shown}: {contact.name} (checked {contact.checked_on}{unlisted})")
    return lines
