"""Contact sheets: for every booklet and handout of a build, one PNG of all its pages, to
look at the whole of an output at a glance (``make_booklet.py proof``, ``make proof``)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from booklet import pdfium
from booklet.formats import VARIANTS
from booklet.write import read_manifest, target, write_atomically

#: The width of one page on the sheet, in pixels, and the pages in a row.
PAGE_WIDTH = 220
PER_ROW = 8
GAP = 10


def contact_sheet(pdf: Path) -> Image.Image:
    """Return every page of a PDF side by side, in rows, on a grey ground."""
    pages = [image.convert("RGB") for image in pdfium.page_images(pdf, PAGE_WIDTH)]
    height = max(page.height for page in pages)
    columns = min(PER_ROW, len(pages))
    rows = -(-len(pages) // PER_ROW)
    sheet = Image.new("RGB", (GAP + columns * (PAGE_WIDTH + GAP), GAP + rows * (height + GAP)),
                      (190, 190, 190))
    for index, page in enumerate(pages):
        row, column = divmod(index, PER_ROW)
        sheet.paste(page, (GAP + column * (PAGE_WIDTH + GAP), GAP + row * (height + GAP)))
    return sheet


def write_contact_sheets(build: Path) -> list[Path]:
    """Write a contact sheet of every laid-out output of a build into ``proofs/``; return
    the files written."""
    import io

    written = []
    for output in read_manifest(build):
        if VARIANTS[output.variant].laid_out:
            # One folder a language, as the PDFs: the same name stands in each.
            path = target(build, f"proofs/{output.path.removesuffix('.pdf')}.png")
            picture = io.BytesIO()
            contact_sheet(build / output.path).save(picture, format="PNG", optimize=True)
            write_atomically(path, picture.getvalue())
            written.append(path)
    return written
