"""XLIFF 2.0 (OASIS, core only) for the exchange of translations: write the entries of a
language as units, read a file a translation tool wrote back, checked against the core
schema (booklet/data/xliff-2.0-subset.xsd: the part of the XLIFF 2.0 core that this tool
writes, with xmlschema) with the line of each error.

A unit's ``id`` is the text's id with ``[n]`` written ``.n`` (XML ids take no brackets);
its ``name`` is the id itself. XLIFF 2.0 has no state for a translation to review: an
outdated text has ``state="initial"`` (a draft) and ``subState="booklet:needs-review-
translation"``, after XLIFF 1.2's state of that name, and the English it was made from in
a note of category ``previous-source``.
"""

from __future__ import annotations

import functools
import io
import re
import xml.etree.ElementTree as ET
from xml.parsers import expat

from booklet import paths
from booklet.exchange import Entry, ExchangeError, Incoming
from booklet.translate import SOURCE_LANGUAGE

NAMESPACE = "urn:oasis:names:tc:xliff:document:2.0"
XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"
#: The core schema of XLIFF 2.0, from OASIS (see the notice beside it).
SCHEMA = paths.PROJECT / "booklet" / "data" / "xliff-2.0-subset.xsd"
#: The sub-state of a text whose English changed since it was translated.
NEEDS_REVIEW = "booklet:needs-review-translation"
#: The category of the note that holds the English an outdated text was made from.
PREVIOUS_SOURCE = "previous-source"
#: The category of a note for the translator, by the words it starts with.
NOTE_CATEGORIES = {"Where it prints": "location", "Read by": "audience", "Term": "term",
                   "Optional": "optional", "Markdown": "format"}


def tag(name: str) -> str:
    """Return an XLIFF element's name with its namespace."""
    return f"{{{NAMESPACE}}}{name}"


def unit_id(text_id: str) -> str:
    """Return a text's id as an XML name token: ``a.b[2]`` is ``a.b.2``."""
    return re.sub(r"\[(\d+)\]", r".\1", text_id)


def text_id(unit: str) -> str:
    """Return the text's id of a unit's id: a step of digits alone is an index."""
    return re.sub(r"\.(\d+)(?=\.|$)", r"[\1]", unit)


def write(found: list[Entry], language: str, title: str, reviewed: bool = False) -> bytes:
    """Return the entries as an XLIFF 2.0 document."""
    ET.register_namespace("", NAMESPACE)
    root = ET.Element(tag("xliff"), {"version": "2.0", "srcLang": SOURCE_LANGUAGE})
    if language:
        root.set("trgLang", language)
    document = ET.SubElement(root, tag("file"), {"id": "booklets",
                                                 "original": f"translations/{language}.yaml"})
    notes = ET.SubElement(document, tag("notes"))
    ET.SubElement(notes, tag("note"), {"category": "about"}).text = (
        f"{title}: the booklets' texts. Made by make_booklet.py translation export; bring it "
        "back with make_booklet.py translation import. Keep each unit's id.")
    for entry in found:
        document.append(unit(entry, reviewed))
    ET.indent(root, space="  ")
    buffer = io.BytesIO()
    ET.ElementTree(root).write(buffer, encoding="UTF-8", xml_declaration=True)
    return buffer.getvalue() + b"\n"


def unit(entry: Entry, reviewed: bool) -> ET.Element:
    """Return the unit of one text: its notes, and one segment with source and target."""
    element = ET.Element(tag("unit"), {"id": unit_id(entry.id), "name": entry.id})
    notes = ET.SubElement(element, tag("notes"))
    for text in entry.notes:
        category = NOTE_CATEGORIES.get(text.split(":", 1)[0], "description")
        ET.SubElement(notes, tag("note"), {"category": category}).text = text
    if entry.location:
        ET.SubElement(notes, tag("note"), {"category": "source-location"}).text = entry.location
    if entry.previous:
        ET.SubElement(notes, tag("note"), {"category": PREVIOUS_SOURCE,
                                           "appliesTo": "source"}).text = entry.previous
    segment = ET.SubElement(element, tag("segment"), state(entry, reviewed))
    preserve = {f"{{{XML_NAMESPACE}}}space": "preserve"}
    ET.SubElement(segment, tag("source"), preserve).text = entry.english
    if entry.translation:
        ET.SubElement(segment, tag("target"), preserve).text = entry.translation
    return element


def state(entry: Entry, reviewed: bool) -> dict[str, str]:
    """Return a segment's state: a draft to review when outdated, else as translated."""
    if entry.status == "outdated":
        return {"state": "initial", "subState": NEEDS_REVIEW}
    if entry.status == "translated":
        return {"state": "reviewed" if reviewed else "translated"}
    return {"state": "initial"}


@functools.cache
def schema():
    """Return the XLIFF 2.0 core schema, read once."""
    import xmlschema

    return xmlschema.XMLSchema(str(SCHEMA))


def parse(data: bytes, shown: str) -> tuple[ET.Element, dict[ET.Element, int]]:
    """Parse an XML document, noting each element's line; a DTD or entity is refused."""
    builder = ET.TreeBuilder()
    lines: dict[ET.Element, int] = {}
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True

    def name(raw: str) -> str:
        namespace, _, local = raw.rpartition(" ")
        return f"{{{namespace}}}{local}" if namespace else raw

    def start(raw: str, attributes: dict[str, str]) -> None:
        element = builder.start(name(raw), {name(key): value
                                            for key, value in attributes.items()})
        lines[element] = parser.CurrentLineNumber

    def refuse(*_) -> None:
        raise ExchangeError(f"{shown}:{parser.CurrentLineNumber}: expected XLIFF without a "
                            "document type or entities, found one; remove it")

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda raw: builder.end(name(raw))
    parser.CharacterDataHandler = builder.data
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise ExchangeError(f"{shown}:{error.lineno}: expected well-formed XML, found an "
                            f"error: {expat.errors.messages[error.code]}") from None
    return builder.close(), lines


def validation_problems(root: ET.Element, lines: dict[ET.Element, int]) -> list[tuple[int, str]]:
    """Return (line, message) for each way a document breaks the XLIFF 2.0 core schema."""
    found = []
    for error in schema().iter_errors(root):
        element = getattr(error, "elem", None)
        found.append((lines.get(element, 0), error.reason or str(error).splitlines()[0]))
    return found


def read(data: bytes, shown: str) -> tuple[str, list[Incoming]]:
    """Read the target language and the units of an XLIFF 2.0 file, checked against the
    core schema."""
    root, lines = parse(data, shown)
    if root.tag != tag("xliff") or not root.get("version", "").startswith("2."):
        raise ExchangeError(f"{shown}:{lines.get(root, 1)}: expected an XLIFF 2 document "
                            f"(<xliff version=\"2.0\" xmlns=\"{NAMESPACE}\">), found "
                            f"<{root.tag}>")
    problems = validation_problems(root, lines)
    if problems:
        raise ExchangeError("\n".join(f"{shown}:{line}: expected XLIFF 2.0 as its schema says, "
                                      f"found: {message}" for line, message in problems))
    return root.get("trgLang", ""), [incoming(element, lines[element])
                                     for element in root.iter(tag("unit"))]


def incoming(element: ET.Element, line: int) -> Incoming:
    """Return the entry of a unit: its segments' sources and targets joined, in order."""
    source, target, draft = [], [], False
    for part in element:
        if part.tag not in (tag("segment"), tag("ignorable")):
            continue
        source.append("".join(part.find(tag("source")).itertext()))
        found = part.find(tag("target"))
        target.append("".join(found.itertext()) if found is not None else "")
        if part.tag == tag("segment") and target[-1]:
            draft = draft or part.get("state", "initial") == "initial" \
                or "needs-review" in part.get("subState", "")
    return Incoming(element.get("name") or text_id(element.get("id", "")), "".join(source),
                    "".join(target), draft, line)
