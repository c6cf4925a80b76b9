"""Measure the ink of a print PDF: the highest total ink (cyan, magenta, yellow and black
added up) anywhere on each page, within its BleedBox.

Two ways, the same answer where both apply:

- **From the colours it paints with** (`from_colours`), when every colour is CMYK or grey
  ink (or the registration colour) and each is simply painted over what is under it: then
  no point of the page can carry more ink than the darkest colour painted there, since
  painting over replaces the ink, and a see-through colour mixes the inks of two colours,
  never adding them up. The darkest fill, stroke, text or picture pixel that reaches
  inside the bleed is the page's highest ink: exact for what is painted solid, and never
  less than the truth. It reads the file once, in this process, in milliseconds.
- **From rendered separations** (`rendered`), for anything else: a blend mode that darkens
  (multiply), overprint, a gradient, a colour that must first be converted. Ghostscript
  renders the pages into their four separations (device ``tiff32nc``, 72 pixels per inch,
  each page within its BleedBox) through the PDF's own output profile on both sides
  (``DefaultCMYKProfile`` and ``OutputICCProfile``), so that it converts nothing but what
  is not CMYK, and the total ink of every pixel is added up; the outermost pixel of each
  side is left out, where a mark that starts at the bleed's edge would otherwise colour a
  pixel.

What is drawn outside the bleed (crop marks, the slug) is not printed on the sheet that is
kept, and is not measured either way.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from booklet.pdfpaint import Paint, paints

#: The resolution of the rendered separations: enough for areas of ink, quick to render.
RESOLUTION = 72
#: How far, in points, a paint may reach into the bleed and still count as outside it:
#: half a crop mark's line, which starts at the bleed's edge.
EDGE = 0.5
#: The longest Ghostscript may take for one document.
TIME_LIMIT = 120


class InkUnmeasured(Exception):
    """Ghostscript is missing, or could not render the document."""


@dataclass(frozen=True)
class PageInk:
    """The most ink anywhere on a page, in percent (400: all four inks solid)."""

    page: int
    highest: float
    #: The CMYK, in percent, where it is highest.
    cmyk: tuple[float, float, float, float]
    #: How it was measured: from the ``colours`` painted, or on the rendered
    #: ``separations``.
    method: str = "separations"


def measure(pdf: bytes, profile: Path, painted: list[Paint] | None = None) -> list[PageInk]:
    """Return the highest total ink of each page of a print PDF: from the colours it paints
    with where they tell it, else from its rendered separations. `painted` is what the
    file paints (`booklet.pdfpaint.paints`), when already read."""
    document = pikepdf.open(io.BytesIO(pdf))
    counted = from_colours(document, list(paints(document)) if painted is None else painted)
    return counted if counted is not None else rendered(pdf, profile)


def from_colours(document: pikepdf.Pdf, painted: list[Paint]) -> list[PageInk] | None:
    """Return the highest ink of each page from the colours painted inside its bleed, or
    None when a paint's ink cannot be told from its colour alone."""
    bleeds = [tuple(float(value) for value in page.bleedbox) for page in document.pages]
    highest = {number: (0.0, (0.0, 0.0, 0.0, 0.0)) for number in range(1, len(bleeds) + 1)}
    pictures: dict = {}
    for paint in painted:
        if paint.kind == "group":
            # Inks mixed in a CMYK or grey group stay inks; in another space, converted.
            if paint.space.model not in ("CMYK", "Gray"):
                return None
            continue
        if paint.mixing or paint.kind == "shading":
            return None
        if paint.space.model == "Pattern" and not paint.colour:
            continue  # A tiling pattern: what it draws is read as paints of their own.
        if paint.bounds is not None and outside(paint.bounds, bleeds[paint.page - 1]):
            continue
        cmyk = picture_ink(paint, pictures) if paint.kind == "image" else ink_of(paint)
        if cmyk is None:
            return None
        if sum(cmyk) > sum(highest[paint.page][1]):
            highest[paint.page] = (sum(cmyk), cmyk)
    return [PageInk(number, round(total * 100, 1),
                    tuple(round(part * 100, 1) for part in cmyk), "colours")
            for number, (total, cmyk) in highest.items()]


def outside(bounds: tuple, bleed: tuple) -> bool:
    """Return whether a paint lies wholly outside a page's bleed (`EDGE` allowed)."""
    left, bottom, right, top = bounds
    bleed_left, bleed_bottom, bleed_right, bleed_top = bleed
    return (right <= bleed_left + EDGE or left >= bleed_right - EDGE
            or top <= bleed_bottom + EDGE or bottom >= bleed_top - EDGE)


def ink_of(paint: Paint) -> tuple[float, float, float, float] | None:
    """Return the ink of a paint's colour, or None when its colour is not ink."""
    if paint.cmyk is not None:
        return paint.cmyk
    if paint.space.model == "Separation" and len(paint.colour) == 1:
        tint = paint.colour[0]
        if paint.space.colorant == "All":  # Registration: every plate.
            return tint, tint, tint, tint
        if paint.space.colorant == "None":
            return 0.0, 0.0, 0.0, 0.0
    return None  # A spot colour, RGB, Lab: rendered, to be converted.


def picture_ink(paint: Paint, pictures: dict) -> tuple[float, float, float, float] | None:
    """Return the darkest pixel of a picture (each read once), or None when its pixels
    are not plain CMYK or grey ink."""
    image = paint.source
    if image is None:
        return None  # An inline picture: rendered.
    if image.get("/ImageMask"):
        return ink_of(paint)  # A stencil, painted in the fill colour.
    key = image.objgen
    if key not in pictures:
        pictures[key] = darkest_pixel(image, paint.space.model)
    return pictures[key]


def darkest_pixel(image, model: str) -> tuple[float, float, float, float] | None:
    """Return the pixel of a CMYK or grey picture with the most ink."""
    filters = image.get("/Filter")
    filters = [str(name) for name in filters] if isinstance(filters, pikepdf.Array) \
        else [str(filters)]
    # A decode array inverts or scales the samples; a CMYK JPEG may be stored inverted,
    # which the decoder would undo on its own: both rendered.
    if model not in ("CMYK", "Gray") or "/Decode" in image or "/DCTDecode" in filters:
        return None
    try:
        picture = pikepdf.PdfImage(image).as_pil_image()
    except Exception:  # pikepdf cannot decode it (a filter it lacks): rendered.
        return None
    if model == "Gray":
        blackest, _ = picture.convert("L").getextrema()
        return 0.0, 0.0, 0.0, 1 - blackest / 255
    if picture.mode != "CMYK":
        return None
    colours = picture.getcolors(picture.size[0] * picture.size[1]) or []
    if not colours:
        return 0.0, 0.0, 0.0, 0.0
    _, darkest = max(colours, key=lambda item: sum(item[1]))
    return tuple(part / 255 for part in darkest)


def rendered(pdf: bytes, profile: Path) -> list[PageInk]:
    """Return the highest total ink of each page of a print PDF, measured on its
    separations as Ghostscript renders them."""
    if shutil.which("gs") is None:
        raise InkUnmeasured("Ghostscript is not installed (Debian package ghostscript), "
                            "which measures the ink")
    with tempfile.TemporaryDirectory(prefix="booklet-ink-") as folder:
        source = Path(folder) / "document.pdf"
        source.write_bytes(pdf)
        command = ["gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=tiff32nc",
                   f"-r{RESOLUTION}", "-dUseBleedBox", f"-sDefaultCMYKProfile={profile}",
                   f"-sOutputICCProfile={profile}",
                   f"-sOutputFile={Path(folder) / 'page-%04d.tif'}", str(source)]
        try:
            result = subprocess.run(command, capture_output=True, text=True,
                                    timeout=TIME_LIMIT, check=False)
        except subprocess.TimeoutExpired:
            raise InkUnmeasured(f"Ghostscript took over {TIME_LIMIT} s") from None
        pages = sorted(Path(folder).glob("page-*.tif"))
        if result.returncode or not pages:
            raise InkUnmeasured(f"Ghostscript could not render it: "
                                f"{(result.stderr or result.stdout).strip()[:200]}")
        return [page_ink(number, path) for number, path in enumerate(pages, start=1)]


def page_ink(number: int, path: Path) -> PageInk:
    """Return the highest ink of one page's rendered separations."""
    from PIL import Image

    with Image.open(path) as image:
        width, height = image.size
        inner = image.crop((1, 1, width - 1, height - 1))
        colours = inner.getcolors(inner.size[0] * inner.size[1]) or []
    if not colours:
        return PageInk(number, 0.0, (0.0, 0.0, 0.0, 0.0))
    _, darkest = max(colours, key=lambda item: sum(item[1]))
    cmyk = tuple(round(part * 100 / 255, 1) for part in darkest)
    return PageInk(number, round(sum(darkest) * 100 / 255, 1), cmyk)
