"""Stage 5b: impose a booklet for office printers: two pages to a sheet side, in the order
that, printed double-sided (flipping on the short edge), folded and stapled, reads right.

For 8 pages the sheet sides are 8|1, 2|7, 6|3, 4|5.
"""

from __future__ import annotations

import io

import pypdf
from pypdf.generic import NameObject, TextStringObject

#: The landscape sheet of each paper family, in points: A4 for A5 pages, US Letter for
#: half-letter pages.
SHEETS = {"a4": (841.89, 595.28), "letter": (792.0, 612.0)}


def sheet_sides(page_count: int) -> list[tuple[int, int]]:
    """Return the (left, right) 1-based page numbers of each sheet side, in printing order."""
    if page_count % 4:
        raise ValueError(f"a saddle-stitched booklet needs a multiple of 4 pages, not {page_count}")
    sides = []
    for sheet in range(page_count // 4):
        outer, inner = 2 * sheet + 1, 2 * sheet + 2
        sides.append((page_count - outer + 1, outer))  # front: last | first
        sides.append((inner, page_count - inner + 1))  # back: second | second to last
    return sides


def impose(pdf: bytes, paper: str) -> bytes:
    """Return a booklet's pages imposed two to a landscape sheet side."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    width, height = SHEETS[paper]
    writer = pypdf.PdfWriter()
    for left, right in sheet_sides(len(reader.pages)):
        side = writer.add_blank_page(width, height)
        for position, number in enumerate((left, right)):
            page = reader.pages[number - 1]
            # Centre each page in its half of the sheet.
            x = position * width / 2 + (width / 2 - float(page.mediabox.width)) / 2
            y = (height - float(page.mediabox.height)) / 2
            side.merge_transformed_page(page, pypdf.Transformation().translate(x, y))
    copy_metadata(reader, writer)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def copy_metadata(reader: pypdf.PdfReader, writer: pypdf.PdfWriter) -> None:
    """Carry the title, author, subject, keywords, dates and language over."""
    writer.add_metadata({key: value for key, value in (reader.metadata or {}).items()
                         if key != "/Producer"})
    language = reader.trailer["/Root"].get("/Lang")
    if language:
        writer._root_object[NameObject("/Lang")] = TextStringObject(str(language))
