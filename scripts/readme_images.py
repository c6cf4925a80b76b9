"""Make the README's pictures from built PDFs: a cover and a spread of facing pages.

Usage: python scripts/readme_images.py [BUILD_FOLDER]   (after `make booklets`)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

IMAGES = Path(__file__).resolve().parent.parent / "docs" / "images"
RESOLUTION = 60


def page_image(pdf: Path, page: int, folder: Path) -> Image.Image:
    """Render one page of a PDF to an image with pdftoppm."""
    stem = folder / f"{pdf.stem}-{page}"
    subprocess.run(["pdftoppm", "-r", str(RESOLUTION), "-png", "-singlefile", "-f", str(page),
                    "-l", str(page), str(pdf), str(stem)], check=True)
    return Image.open(f"{stem}.png")


def side_by_side(images: list[Image.Image], gap: int = 12) -> Image.Image:
    """Return images laid side by side on a grey ground."""
    width = sum(image.width for image in images) + gap * (len(images) + 1)
    height = max(image.height for image in images) + 2 * gap
    sheet = Image.new("RGB", (width, height), (200, 200, 200))
    x = gap
    for image in images:
        sheet.paste(image, (x, gap))
        x += image.width + gap
    return sheet


def main(build: Path) -> None:
    """Write docs/images/covers.png and docs/images/spread.png."""
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        covers = [page_image(build / "en" / f"{audience}-booklet-{variant}.pdf", 1, folder)
                  for audience, variant in (("children", "screen"), ("migrants", "print"),
                                            ("parents", "screen"), ("governments", "print"))]
        side_by_side(covers).save(IMAGES / "covers.png", optimize=True)
        booklet = build / "en" / "children-booklet-screen.pdf"
        # Page 4 is a left-hand page and page 5 faces it.
        spread = [page_image(booklet, page, folder) for page in (4, 5)]
        side_by_side(spread, gap=0).save(IMAGES / "spread.png", optimize=True)
        handout = page_image(build / "en" / "migrants-handout-screen.pdf", 1, folder)
        handout.save(IMAGES / "handout.png", optimize=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("build"))
