"""Write proofs: for every booklet and handout in a build, one PNG contact sheet of all its
pages, to look at the whole of an output at a glance.

Usage: python scripts/proof.py [BUILD_FOLDER]   (writes BUILD_FOLDER/proofs/*.png)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pypdfium2
from PIL import Image

#: The width of one page on the sheet, in pixels, and the pages in a row.
PAGE_WIDTH = 220
PER_ROW = 8
GAP = 10


def contact_sheet(pdf: Path) -> Image.Image:
    """Return every page of a PDF side by side, in rows, on a grey ground."""
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        pages = [page.render(scale=PAGE_WIDTH / page.get_width()).to_pil().convert("RGB")
                 for page in document]
    finally:
        document.close()
    height = max(page.height for page in pages)
    columns = min(PER_ROW, len(pages))
    rows = -(-len(pages) // PER_ROW)
    sheet = Image.new("RGB", (GAP + columns * (PAGE_WIDTH + GAP), GAP + rows * (height + GAP)),
                      (190, 190, 190))
    for index, page in enumerate(pages):
        row, column = divmod(index, PER_ROW)
        sheet.paste(page, (GAP + column * (PAGE_WIDTH + GAP), GAP + row * (height + GAP)))
    return sheet


def main(build: Path) -> None:
    """Write a contact sheet for every screen booklet and handout of the build."""
    outputs = json.loads((build / "manifest.json").read_text())["outputs"]
    folder = build / "proofs"
    folder.mkdir(exist_ok=True)
    for output in outputs:
        if output["variant"] in ("screen", "print"):
            name = Path(output["path"]).with_suffix(".png").name
            contact_sheet(build / output["path"]).save(folder / name, optimize=True)
            print(f"wrote {folder / name}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("build"))
