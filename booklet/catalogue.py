"""Stage 7: the catalogue, ``index.html`` in the output folder: every output with a picture
of its first page, its audience, language, format, variant, pages and size, grouped so
that a trainer finds what to print.

Pictures are rendered with PDFium and named after the PDF's hash, so an unchanged PDF
keeps its picture and the build makes none again.
"""

from __future__ import annotations

import io
import itertools
import os
import re
from pathlib import Path

from booklet.editions import GENERIC
from booklet.formats import VARIANTS
from booklet.render import environment
from booklet.write import Output, report_path, target, write_atomically

INDEX = "index.html"
THUMBNAILS = "thumbnails"
#: How a picture of a first page is named: after its PDF's hash.
THUMBNAIL_NAME = re.compile(r"[0-9a-f]{16}\.png")
#: The width of a picture, in pixels.
THUMBNAIL_WIDTH = 150


def write_catalogue(out: Path, outputs: list[Output], names: dict[str, str],
                    editions: dict[str, str] | None = None) -> None:
    """Write the catalogue of the outputs, with a picture of each first page; `names` gives
    the audiences' names by id, `editions` the editions' names by id."""
    if not outputs:
        return
    pictures = {output.path: thumbnail(out, output) for output in outputs}
    remove_stale_thumbnails(out, set(pictures.values()))
    order = {variant: index for index, variant in enumerate(VARIANTS)}
    # The generic edition first, as it always was; then each country edition.
    ordered = sorted(outputs, key=lambda output: (output.edition != GENERIC, output.edition,
                                                  output.lang, output.audience, output.format,
                                                  output.paper, order[output.variant]))
    groups = [(edition, language, [(audience, list(rows)) for audience, rows in
                                   itertools.groupby(entries, key=lambda o: o.audience)])
              for (edition, language), entries in
              itertools.groupby(ordered, key=lambda o: (o.edition, o.lang))]
    template = environment().get_template("catalogue.html")
    uses = {variant.id: variant.purpose for variant in VARIANTS.values()}
    html = template.render(groups=groups, pictures=pictures, uses=uses, names=names,
                           editions=editions or {}, generic=GENERIC,
                           total=len(outputs), size=human_size,
                           reports=print_reports(out, outputs))
    write_atomically(target(out, INDEX), html.encode("utf-8"))


def print_reports(out: Path, outputs: list[Output]) -> dict[str, str]:
    """Return the print shop's report of each print file that has one, by the file's path."""
    return {output.path: report_path(output.path) for output in outputs
            if VARIANTS[output.variant].for_press and (out / report_path(output.path)).is_file()}


def thumbnail(out: Path, output: Output) -> str:
    """Return the path, relative to the output folder, of a picture of an output's first
    page, rendering it if it does not exist yet."""
    relative = f"{THUMBNAILS}/{output.sha256[:16]}.png"
    path = target(out, relative)
    if not path.exists():
        # Through the one lock on PDFium: the preview draws pages from other threads.
        from booklet import pdfium

        image = pdfium.page_image(out / output.path, 1, THUMBNAIL_WIDTH)
        picture = io.BytesIO()
        # Not optimized: 2% larger, made in a third of the time (3.7 ms, not 9.7 ms).
        image.save(picture, format="PNG")
        write_atomically(path, picture.getvalue())
    return relative


def remove_stale_thumbnails(out: Path, keep: set[str]) -> None:
    """Remove pictures of PDFs that are no longer in the catalogue: only files named as
    this tool names them, in the thumbnails folder it made (never through a link)."""
    folder = target(out, THUMBNAILS)
    if not folder.is_dir():
        return
    for entry in os.scandir(folder):
        if THUMBNAIL_NAME.fullmatch(entry.name) and entry.is_file(follow_symlinks=False) \
                and f"{THUMBNAILS}/{entry.name}" not in keep:
            os.unlink(entry.path)


def human_size(count: int) -> str:
    """Return a size in bytes as kB or MB."""
    return f"{count / 1_000_000:.1f} MB" if count >= 1_000_000 else f"{count / 1000:.0f} kB"
