"""PO files (gettext) for the exchange of translations, through polib: write the entries of
a language, the id of each text as its context (msgctxt), an outdated text fuzzy with the
English it was made from (``#| msgid``); read a file a translation tool wrote back, with
the line of each entry."""

from __future__ import annotations

import polib

from booklet.exchange import FUZZY, Entry, ExchangeError, Incoming
from booklet.translate import SOURCE_LANGUAGE


def write(found: list[Entry], language: str, title: str) -> str:
    """Return the entries as a PO file."""
    po = polib.POFile(wrapwidth=78)
    po.header = (f"{title}: the booklets' texts{' in ' + language if language else ''}.\n"
                 "Made by make_booklet.py translation export; bring it back with "
                 "make_booklet.py translation import.\nThe context (msgctxt) of each entry "
                 "is its id: keep it.")
    po.metadata = {"Project-Id-Version": title, "Language": language,
                   "MIME-Version": "1.0", "Content-Type": "text/plain; charset=UTF-8",
                   "Content-Transfer-Encoding": "8bit", "X-Source-Language": SOURCE_LANGUAGE}
    for entry in found:
        flags = [FUZZY] if entry.status == "outdated" else []
        po.append(polib.POEntry(
            msgctxt=entry.id, msgid=entry.english, msgstr=entry.translation,
            comment="\n".join(entry.notes), flags=flags,
            occurrences=[occurrence(entry.location)] if entry.location else [],
            previous_msgid=entry.previous or None))
    return str(po) + "\n"


def occurrence(location: str) -> tuple[str, str]:
    """Return a FILE:LINE location as a PO occurrence (file, line)."""
    file, _, line = location.rpartition(":")
    return (file, line) if file and line.isdigit() else (location, "")


# Import.


def read(data: bytes, shown: str) -> tuple[str, list[Incoming]]:
    """Read the language and the entries of a PO file."""
    try:
        po = polib.pofile(data.decode("utf-8"))
    except (UnicodeDecodeError, OSError, ValueError) as error:
        raise ExchangeError(f"{shown}: expected a PO file in UTF-8, found an error: "
                            f"{error}") from None
    language = po.metadata.get("Language", "").strip()
    found = [Incoming(entry.msgctxt or "", entry.msgid, entry.msgstr,
                      FUZZY in entry.flags, entry.linenum)
             for entry in po if not entry.obsolete]
    return language, found
