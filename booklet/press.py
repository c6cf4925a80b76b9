"""Finish a print edition for the press: a slug outside the bleed with crop marks and the
file's name, and an output intent that names the printing condition.

WeasyPrint lays the page out with its 3 mm bleed (TrimBox inside a MediaBox that is the
BleedBox); its own crop marks are drawn inside that bleed, in RGB, so they are not asked
for. This module then enlarges each page's MediaBox by a slug beyond the bleed and draws
there, with pikepdf, what a print shop expects outside the finished page:

- crop marks at each corner, in the registration colour (on every plate), 0.3 pt, offset
  from the trim by the bleed so that none reaches into it;
- a line of slug text in 100% K: the file, the edition, the language, the page, the
  colour profile and the trim size, set in a subset of Noto Sans embedded once.

Raster pictures in RGB are converted to CMYK through the same output profile as every
colour (`booklet.colour`), and the output intent is named as the ICC registry names the
printing condition.

Drawing after layout keeps the marks exact (they are measured from the TrimBox the PDF
carries) and out of the page's HTML, where WeasyPrint would clip anything beyond the bleed.
Link annotations are dropped: they mean nothing on paper, and PDF/X allows no annotation
inside the bleed but printer's marks.
"""

from __future__ import annotations

import functools
import hashlib
import io
import zlib

import pikepdf

from booklet import colour
from booklet.compose import Edition
from booklet.editions import GENERIC
from booklet.pdfpaint import space_of
from booklet.write import output_path

#: Points in a millimetre.
MM = 72 / 25.4
#: The bleed, beyond the trim (the templates' ``@page { bleed: 3mm }``).
BLEED = 3 * MM
#: The slug, beyond the bleed: the marks and the slug text stand in it.
SLUG = 7 * MM
#: The crop marks: how far from the trim they start (the bleed), their length and width.
MARK_OFFSET = BLEED
MARK_LENGTH = 5 * MM
MARK_WIDTH = 0.3
#: The slug text: its size, and its baseline below the trim.
SLUG_TEXT_SIZE = 6.0
SLUG_TEXT_DROP = 7 * MM
#: The characters the slug font holds.
SLUG_CHARACTERS = "".join(chr(code) for code in range(32, 127))
#: The names given in the pages' resources to what is drawn here.
REGISTRATION = pikepdf.Name("/Registration")
SLUG_FONT = pikepdf.Name("/SlugFont")


def finish_for_press(pdf: bytes, edition: Edition) -> bytes:
    """Return a print edition's PDF with slug, crop marks and its output intent named."""
    document = pikepdf.open(io.BytesIO(pdf))
    font = document.make_indirect(slug_font(document))
    registration = registration_colour_space(document)
    count = len(document.pages)
    for number, page in enumerate(document.pages, start=1):
        if "/Annots" in page.obj:
            del page.obj["/Annots"]
        trim = [float(value) for value in page.obj.TrimBox]
        page.obj.MediaBox = pikepdf.Array(expanded(trim, BLEED + SLUG))
        page.obj.BleedBox = pikepdf.Array(expanded(trim, BLEED))
        resources = page.obj.Resources
        for kind, name, value in (("/ColorSpace", REGISTRATION, registration),
                                  ("/Font", SLUG_FONT, font)):
            if kind not in resources:
                resources[kind] = pikepdf.Dictionary()
            resources[kind][name] = value
        text = slug_text(edition, number, count, trim)
        # The page's own drawing is put in a saved graphics state: it leaves its
        # transformation in force (WeasyPrint's flip of the y axis), the marks must not.
        page.contents_add(document.make_stream(b"q\n"), prepend=True)
        page.contents_add(document.make_stream(b"\nQ\n" + crop_marks(trim)
                                               + slug_drawing(text, trim)))
    name_output_intent(document, colour.profile(edition.profile))
    pictures_to_cmyk(document, edition.profile)
    output = io.BytesIO()
    document.save(output, deterministic_id=True)
    return output.getvalue()


def expanded(box: list[float], margin: float) -> list[float]:
    """Return a box grown by a margin on every side."""
    left, bottom, right, top = box
    return [round(value, 4) for value in
            (left - margin, bottom - margin, right + margin, top + margin)]


def crop_marks(trim: list[float]) -> bytes:
    """Return the drawing of the eight crop marks of a trim box, in registration colour."""
    left, bottom, right, top = trim
    near, far = MARK_OFFSET, MARK_OFFSET + MARK_LENGTH
    lines = []
    for x, outward in ((left, -1), (right, 1)):
        for y, upward in ((bottom, -1), (top, 1)):
            # A horizontal mark on the trim's line, beside the corner, and a vertical one.
            lines.append((x + outward * near, y, x + outward * far, y))
            lines.append((x, y + upward * near, x, y + upward * far))
    path = "".join(f"{x0:.3f} {y0:.3f} m {x1:.3f} {y1:.3f} l S\n" for x0, y0, x1, y1 in lines)
    return (f"q /Registration CS 1 SCN {MARK_WIDTH} w 0 J [] 0 d\n{path}Q\n").encode()


def slug_text(edition: Edition, number: int, count: int, trim: list[float]) -> str:
    """Return the slug's line: file, edition, language, page, profile and trim size."""
    left, bottom, right, top = trim
    edition_name = "generic edition" if edition.edition_id == GENERIC \
        else f"{edition.edition_id} edition"
    size = f"{(right - left) / MM:.0f} x {(top - bottom) / MM:.0f} mm"
    profile = colour.profile(edition.profile)
    condition = profile.condition if profile.condition != "Custom" else profile.id
    return (f"{output_path(edition, edition.variant)} | {edition_name}, "
            f"{edition.publication.language} | page {number} of {count} | "
            f"{condition} | trim {size}, bleed {BLEED / MM:.0f} mm")


def slug_drawing(text: str, trim: list[float]) -> bytes:
    """Return the drawing of the slug text below the trim, in 100% K, shrunk to fit
    between the crop marks."""
    left, bottom, right, _ = trim
    text = "".join(character if character in SLUG_CHARACTERS else "?" for character in text)
    room = right - left - 2 * MARK_OFFSET
    width = sum(advance_widths()[character] for character in text) / 1000
    size = min(SLUG_TEXT_SIZE, room / width) if width else SLUG_TEXT_SIZE
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return (f"q 0 0 0 1 k BT /SlugFont {size:.2f} Tf {left + MARK_OFFSET:.3f} "
            f"{bottom - SLUG_TEXT_DROP:.3f} Td ({escaped}) Tj ET Q\n").encode("latin-1")


def registration_colour_space(document: pikepdf.Pdf) -> pikepdf.Object:
    """Return the registration colour: the separation ``All``, on every plate."""
    tint = document.make_indirect(pikepdf.Dictionary(
        FunctionType=2, Domain=[0, 1], C0=[0, 0, 0, 0], C1=[1, 1, 1, 1], N=1))
    return document.make_indirect(pikepdf.Array(
        [pikepdf.Name.Separation, pikepdf.Name("/All"), pikepdf.Name.DeviceCMYK, tint]))


@functools.cache
def slug_font_program() -> tuple[bytes, dict]:
    """Return Noto Sans Regular subset to the slug's characters, as a TrueType program,
    with what its descriptor needs."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    from booklet.fonts import matched_files

    font = TTFont(str(matched_files()[0]))
    subsetter = subset.Subsetter(subset.Options(name_IDs=["*"], notdef_outline=True,
                                                hinting=False))
    subsetter.populate(text=SLUG_CHARACTERS)
    subsetter.subset(font)
    program = io.BytesIO()
    font.save(program)
    scale = 1000 / font["head"].unitsPerEm
    cmap = font.getBestCmap()
    metrics = font["hmtx"].metrics
    widths = {character: round(metrics[cmap[ord(character)]][0] * scale)
              for character in SLUG_CHARACTERS}
    head, os2 = font["head"], font["OS/2"]
    facts = {
        "widths": widths,
        "bbox": [round(value * scale) for value in
                 (head.xMin, head.yMin, head.xMax, head.yMax)],
        "ascent": round(os2.sTypoAscender * scale),
        "descent": round(os2.sTypoDescender * scale),
        "cap_height": round(getattr(os2, "sCapHeight", 714) * scale),
    }
    return program.getvalue(), facts


def advance_widths() -> dict[str, int]:
    """Return the slug font's advance width of each character, in thousandths of an em."""
    return slug_font_program()[1]["widths"]


def slug_font(document: pikepdf.Pdf) -> pikepdf.Dictionary:
    """Return the slug's font: a TrueType subset of Noto Sans, embedded, WinAnsi-encoded."""
    program, facts = slug_font_program()
    # A subset's name starts with six capitals; made from the program, for equal bytes.
    tag = "".join(chr(65 + byte % 26) for byte in hashlib.sha256(program).digest()[:6])
    name = pikepdf.Name(f"/{tag}+Noto-Sans")
    descriptor = pikepdf.Dictionary(
        Type=pikepdf.Name.FontDescriptor, FontName=name, Flags=32,
        FontBBox=facts["bbox"], ItalicAngle=0, Ascent=facts["ascent"],
        Descent=facts["descent"], CapHeight=facts["cap_height"], StemV=80,
        FontFile2=document.make_stream(program, Length1=len(program)))
    return pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.TrueType, BaseFont=name,
        FirstChar=32, LastChar=126, Encoding=pikepdf.Name.WinAnsiEncoding,
        Widths=[facts["widths"][character] for character in SLUG_CHARACTERS],
        FontDescriptor=document.make_indirect(descriptor))


def pictures_to_cmyk(document: pikepdf.Pdf, profile_id: str) -> None:
    """Convert every RGB raster picture (a photograph, a partner's logo) to CMYK through the
    output profile, in place; a soft mask (transparency) is kept as it is."""
    for image in [item for item in document.objects if isinstance(item, pikepdf.Stream)
                  and item.get("/Subtype") == "/Image" and not item.get("/ImageMask")]:
        space = space_of(image.get("/ColorSpace"), None)
        if not space.rgb:
            continue
        embedded = None
        if isinstance(image.ColorSpace, pikepdf.Array) and image.ColorSpace[0] == "/ICCBased":
            embedded = image.ColorSpace[1].read_bytes()
        picture = colour.picture_to_cmyk(pikepdf.PdfImage(image).as_pil_image(), profile_id,
                                         embedded)
        image.write(zlib.compress(picture.tobytes()), filter=pikepdf.Name.FlateDecode)
        image.ColorSpace = pikepdf.Name.DeviceCMYK
        image.BitsPerComponent = 8
        for key in ("/DecodeParms", "/Decode"):
            if key in image:
                del image[key]


def name_output_intent(document: pikepdf.Pdf, profile: colour.Profile) -> None:
    """Name the output intent's printing condition as the ICC registry does (FOGRA39),
    or describe a custom one, rather than by the profile's internal description."""
    for intent in document.Root.get("/OutputIntents", []):
        intent.OutputConditionIdentifier = pikepdf.String(profile.condition)
        intent.OutputCondition = pikepdf.String(profile.description)
        intent.Info = pikepdf.String(profile.description)
        if profile.registry:
            intent.RegistryName = pikepdf.String(profile.registry)
        elif "/RegistryName" in intent:
            del intent["/RegistryName"]
