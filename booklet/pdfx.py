"""Check a print PDF against the machine-checkable rules of PDF/X-4 (ISO 15930-7:2010) that
a file of this tool could break.

No complete open PDF/X validator installs here (veraPDF checks PDF/A and PDF/UA, and needs
a Java toolchain that is not to be had); ``qpdf --check`` checks the file's structure,
not PDF/X. So this module checks the rules itself, on pikepdf's objects, each with its
own message. What it covers (`RULES`), and what it does not:

- covered: the PDF version; no encryption; the trailer's ID; the XMP metadata and its
  PDF/X-4 identification, dates, document id, version id, rendition class and trapping
  key, and the Info dictionary's trapping key; one PDF/X output intent with a condition
  identifier and an embedded CMYK output profile (ICC class prtr, version 2 or 4); on
  every page a TrimBox inside the BleedBox inside the MediaBox; every font embedded, in
  pages and forms; no device RGB colour (with a CMYK output intent) anywhere, pictures,
  shadings and transparency groups included; no annotation but printer's marks and trap
  networks inside the bleed; no JavaScript, no actions run on opening, no embedded files;
  no transfer functions or halftones in graphics states; no PostScript, OPI or reference
  XObjects, and no alternate images; optional content configurations named.
- not covered: the contents of ICC profiles beyond their header, fonts' internal
  consistency (glyph widths against the font program), PDF syntax at the byte level
  (``qpdf --check`` does that), and the rules on features this tool never writes (PDF/X-5
  external references, 16-bit images, JPEG 2000 details).
"""

from __future__ import annotations

import io
import re

import pikepdf

from booklet.pdfpaint import Paint, page_fonts, paints

#: The PDF versions PDF/X-4 is built on.
VERSIONS = ("1.3", "1.4", "1.5", "1.6")
#: What the XMP metadata of a PDF/X-4 file must hold (XML element names, and values).
XMP_REQUIRED = ("xmp:CreateDate", "xmp:ModifyDate", "xmpMM:DocumentID", "xmpMM:VersionID",
                "xmpMM:RenditionClass")
#: Annotations allowed inside the bleed.
PRINTING_ANNOTATIONS = ("/PrinterMark", "/TrapNet")
#: What each check covers, for the report and the documentation.
RULES = (
    "PDF version 1.6 at most, not encrypted, with a document ID",
    "XMP metadata naming PDF/X-4, with its dates, document and version IDs and trapping",
    "one PDF/X output intent naming its condition, with an embedded CMYK printer profile",
    "on every page a TrimBox inside the BleedBox inside the MediaBox",
    "every font embedded, in pages and in forms",
    "no device RGB colour, in pages, forms, pictures, shadings and transparency groups",
    "no annotation inside the bleed but printer's marks; no JavaScript, no opening "
    "actions, no embedded files",
    "no transfer functions, halftones, PostScript, OPI, reference XObjects or alternate "
    "images; optional content configurations named",
)


def problems(path: str, pdf: bytes, painted: list[Paint] | None = None) -> list[str]:
    """Return each way a PDF breaks a rule of PDF/X-4 that this module checks; `painted`
    is what it paints (`booklet.pdfpaint.paints`), when already read."""
    try:
        document = pikepdf.open(io.BytesIO(pdf))
    except pikepdf.PdfError as error:
        return [f"{path}: cannot be read as a PDF: {error}"]
    found = [f"{path}: {message}" for message in
             document_problems(document) + metadata_problems(document)
             + intent_problems(document)]
    for number, page in enumerate(document.pages, start=1):
        found += [f"{path}: page {number}: {message}" for message in page_problems(page)]
    found += [f"{path}: page {paint.page}: {paint.where}: {paint.kind} in device RGB, which "
              "a PDF/X file with a CMYK output intent may not use"
              for paint in unique(paints(document) if painted is None else painted)
              if "DeviceRGB" in paint.space.name]
    found += [f"{path}: {message}" for message in object_problems(document)]
    return found


def unique(items):
    """Return items without repeats, in order (one message for many equal paints)."""
    seen = set()
    for item in items:
        key = (item.page, item.kind, item.space, item.where)
        if key not in seen:
            seen.add(key)
            yield item


def document_problems(document: pikepdf.Pdf) -> list[str]:
    """Check the version, the encryption and the trailer's ID."""
    found = []
    if document.pdf_version not in VERSIONS:
        found.append(f"PDF version {document.pdf_version}; PDF/X-4 is PDF 1.6 at most")
    if document.is_encrypted:
        found.append("encrypted; a PDF/X file may not be")
    if "/ID" not in document.trailer:
        found.append("no document ID in the trailer")
    names = document.Root.get("/Names", {})
    if "/JavaScript" in names:
        found.append("holds JavaScript")
    if "/EmbeddedFiles" in names:
        found.append("holds embedded files")
    if "/OpenAction" in document.Root or "/AA" in document.Root:
        found.append("runs an action on opening")
    for config in ocg_configurations(document):
        if "/Name" not in config:
            found.append("an optional content configuration has no name")
    return found


def ocg_configurations(document: pikepdf.Pdf) -> list:
    """Return the optional content configurations, if any."""
    properties = document.Root.get("/OCProperties")
    if properties is None:
        return []
    return [properties.D] + list(properties.get("/Configs", []))


def metadata_problems(document: pikepdf.Pdf) -> list[str]:
    """Check the XMP metadata and the trapping key."""
    metadata = document.Root.get("/Metadata")
    if metadata is None:
        return ["no XMP metadata"]
    xmp = metadata.read_bytes().decode("utf-8", "replace")
    found = []
    version = re.search(r"<pdfxid:GTS_PDFXVersion>([^<]*)<", xmp)
    if not version or version.group(1) != "PDF/X-4":
        found.append("the XMP metadata does not say PDF/X-4 (pdfxid:GTS_PDFXVersion)")
    found += [f"the XMP metadata has no {name}" for name in XMP_REQUIRED
              if f"<{name}>" not in xmp and f"{name}=" not in xmp]
    trapped = re.search(r"<pdf:Trapped>([^<]*)<", xmp)
    if not trapped or trapped.group(1) not in ("True", "False"):
        found.append("the XMP metadata does not say whether the file is trapped "
                     "(pdf:Trapped True or False)")
    info = document.trailer.get("/Info", {})
    if str(info.get("/Trapped", "")) not in ("/True", "/False"):
        found.append("the Info dictionary does not say whether the file is trapped "
                     "(/Trapped /True or /False)")
    elif trapped and str(info.Trapped)[1:] != trapped.group(1):
        found.append("the Info dictionary and the XMP metadata disagree on trapping")
    return found


def intent_problems(document: pikepdf.Pdf) -> list[str]:
    """Check the output intent and its profile."""
    intents = [intent for intent in document.Root.get("/OutputIntents", [])
               if intent.get("/S") == "/GTS_PDFX"]
    if len(intents) != 1:
        return [f"expected one PDF/X output intent, found {len(intents)}"]
    intent = intents[0]
    found = []
    if not str(intent.get("/OutputConditionIdentifier", "")):
        found.append("the output intent has no OutputConditionIdentifier")
    profile = intent.get("/DestOutputProfile")
    if profile is None:
        return found + ["the output intent has no embedded profile (DestOutputProfile)"]
    header = profile.read_bytes()[:128]
    if header[12:16] != b"prtr":
        found.append(f"the output profile is of class {header[12:16]!r}, not a printer's")
    if header[16:20] != b"CMYK":
        found.append(f"the output profile is for {header[16:20]!r}, not CMYK")
    if header[8] not in (2, 4):
        found.append(f"the output profile is ICC version {header[8]}, not 2 or 4")
    return found


def box(page, name: str) -> list[float] | None:
    """Return a page's box as four numbers (left, bottom, right, top), or None."""
    value = page.obj.get(name)
    if value is None:
        return None
    left, bottom, right, top = (float(number) for number in value)
    return [min(left, right), min(bottom, top), max(left, right), max(bottom, top)]


def inside(inner: list[float], outer: list[float], tolerance: float = 0.01) -> bool:
    """Return whether a box lies within another."""
    return (inner[0] >= outer[0] - tolerance and inner[1] >= outer[1] - tolerance
            and inner[2] <= outer[2] + tolerance and inner[3] <= outer[3] + tolerance)


def page_problems(page) -> list[str]:
    """Check a page's boxes, its annotations and its fonts."""
    media, trim = box(page, "/MediaBox"), box(page, "/TrimBox") or box(page, "/ArtBox")
    bleed = box(page, "/BleedBox") or media
    found = []
    if trim is None:
        found.append("no TrimBox")
    elif not inside(trim, bleed):
        found.append("the TrimBox is not inside the BleedBox")
    if media and bleed and not inside(bleed, media):
        found.append("the BleedBox is not inside the MediaBox")
    for annotation in page.obj.get("/Annots", []):
        rect = [float(value) for value in annotation.get("/Rect", [0, 0, 0, 0])]
        if annotation.get("/Subtype") not in PRINTING_ANNOTATIONS and bleed \
                and overlaps(rect, bleed):
            found.append(f"a {str(annotation.get('/Subtype', '/annotation'))[1:]} "
                         "annotation inside the bleed")
    found += [f"font {name} is not embedded"
              for name, embedded in page_fonts(page).items() if not embedded]
    return found


def overlaps(first: list[float], second: list[float]) -> bool:
    """Return whether two rectangles overlap."""
    left, bottom, right, top = (min(first[0], first[2]), min(first[1], first[3]),
                                max(first[0], first[2]), max(first[1], first[3]))
    return left < second[2] and right > second[0] and bottom < second[3] and top > second[1]


def object_problems(document: pikepdf.Pdf) -> list[str]:
    """Check every object for what PDF/X-4 forbids wherever it is."""
    found: dict[str, None] = {}
    for item in document.objects:
        if not isinstance(item, (pikepdf.Dictionary, pikepdf.Stream)):
            continue
        kind, subtype = item.get("/Type"), item.get("/Subtype")
        if kind == "/ExtGState" or "/TR" in item or "/HT" in item:
            if "/TR" in item and item.TR != "/Identity":
                found["a graphics state sets a transfer function (TR)"] = None
            if "/TR2" in item and item.TR2 != "/Default":
                found["a graphics state sets a transfer function (TR2)"] = None
            if "/HT" in item and item.HT != "/Default":
                found["a graphics state sets a halftone (HT)"] = None
        if subtype == "/PS" or (kind == "/XObject" and subtype == "/PS"):
            found["a PostScript XObject"] = None
        if "/OPI" in item:
            found["OPI comments"] = None
        if subtype == "/Form" and "/Ref" in item:
            found["a reference XObject (PDF/X-5 only)"] = None
        if subtype == "/Image" and "/Alternates" in item:
            found["an image with alternates"] = None
        if item.get("/S") in ("/JavaScript", "/Launch", "/ImportData", "/ResetForm",
                              "/SubmitForm", "/Movie", "/Sound", "/Rendition"):
            found[f"an action of type {str(item.S)[1:]}"] = None
    return list(found)
