"""Stage 5b: impose a booklet for office printers: two pages to a sheet side, in the order
that, printed double-sided (flipping on the short edge), folded and stapled, reads right.

For 8 pages the sheet sides are 8|1, 2|7, 6|3, 4|5. Each booklet page is placed whole, as
a form XObject (pikepdf, on qpdf), so nothing of it is re-parsed or lost.
"""

from __future__ import annotations

import io

import pikepdf

from booklet.formats import PAPERS

#: The landscape sheet of each paper family, in points: A4 for A5 pages, US Letter for
#: half-letter pages.


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
    source = pikepdf.open(io.BytesIO(pdf))
    imposed = pikepdf.new()
    forms = [imposed.copy_foreign(page.as_form_xobject()) for page in source.pages]
    boxes = [[float(value) for value in page.mediabox] for page in source.pages]
    width, height = PAPERS[paper].sheet
    for left, right in sheet_sides(len(forms)):
        xobjects, drawing = {}, []
        for position, number in enumerate((left, right)):
            x0, y0, x1, y1 = boxes[number - 1]
            # Centre the page in its half of the sheet.
            x = position * width / 2 + (width / 2 - (x1 - x0)) / 2 - x0
            y = (height - (y1 - y0)) / 2 - y0
            name = f"/Page{number}"
            xobjects[name] = forms[number - 1]
            drawing.append(f"q 1 0 0 1 {x:.4f} {y:.4f} cm {name} Do Q")
        imposed.pages.append(pikepdf.Page(pikepdf.Dictionary(
            Type=pikepdf.Name.Page,
            MediaBox=[0, 0, width, height],
            Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(xobjects)),
            Contents=imposed.make_stream("\n".join(drawing).encode()),
        )))
    copy_metadata(source, imposed)
    output = io.BytesIO()
    # A document id made from the content: the same booklet gives the same bytes.
    imposed.save(output, deterministic_id=True)
    return output.getvalue()


def copy_metadata(source: pikepdf.Pdf, imposed: pikepdf.Pdf) -> None:
    """Carry the title, author, subject, keywords, dates and language over."""
    if "/Info" in source.trailer:
        imposed.trailer.Info = imposed.copy_foreign(source.trailer.Info)
    if "/Lang" in source.Root:
        imposed.Root.Lang = source.Root.Lang
