"""Measure the ink of a print PDF: Ghostscript renders its pages into their four
separations, cyan, magenta, yellow and black (device ``tiff32nc``, 72 pixels per inch,
each page within its BleedBox), and the total ink of every pixel is added up.

The separations are rendered through the PDF's own output profile on both sides
(``DefaultCMYKProfile`` and ``OutputICCProfile``), so that Ghostscript converts nothing:
each pixel holds the ink the press would lay down. What is drawn outside the bleed (crop
marks, the slug) is not printed on the sheet that is kept, and is not measured; the
outermost pixel of each side is left out too, where a mark that starts at the bleed's edge
would otherwise colour a pixel.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

#: The resolution of the rendered separations: enough for areas of ink, quick to render.
RESOLUTION = 72
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


def measure(pdf: bytes, profile: Path) -> list[PageInk]:
    """Return the highest total ink of each page of a print PDF."""
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
