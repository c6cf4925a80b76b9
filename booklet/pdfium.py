"""The one door to PDFium (pypdfium2), which draws page pictures and reads page text.

PDFium is not thread-safe: two threads in it at once corrupt its state for good (the
preview answers from many threads, and the catalogue draws in the builder's). So every
call into it in this process goes through `LOCK`, one at a time, and every object it
makes is closed inside the lock rather than left to the garbage collector, which may
run in any thread.
"""

from __future__ import annotations

import io
import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL.Image import Image

#: Held by whichever thread is in PDFium; nothing may call it without.
LOCK = threading.Lock()


def page_image(pdf: Path, number: int, width: int) -> Image:
    """Return a picture of one page (1-based) of a PDF, `width` pixels wide.

    Raises `IndexError` for a page the PDF does not have and `OSError` for a file PDFium
    cannot read.
    """
    data = pdf.read_bytes()  # Read before taking the lock: the disk need not wait on it.
    with LOCK:
        document = open_document(pdf, data)
        try:
            if not 1 <= number <= len(document):
                raise IndexError(f"{pdf.name} has no page {number}")
            page = document[number - 1]
            bitmap = page.render(scale=width / page.get_width())
            try:
                # A copy: the picture must not share memory with the bitmap closed below.
                return bitmap.to_pil().copy()
            finally:
                bitmap.close()
        finally:
            document.close()  # Closes its pages too.


def page_png(pdf: Path, number: int, width: int) -> bytes:
    """Return a PNG of one page (1-based) of a PDF, `width` pixels wide."""
    output = io.BytesIO()
    page_image(pdf, number, width).save(output, format="PNG")
    return output.getvalue()


def page_images(pdf: Path, width: int) -> list[Image]:
    """Return a picture of every page of a PDF, each `width` pixels wide."""
    data = pdf.read_bytes()
    with LOCK:
        document = open_document(pdf, data)
        try:
            images = []
            for page in document:
                bitmap = page.render(scale=width / page.get_width())
                images.append(bitmap.to_pil().copy())
                bitmap.close()
            return images
        finally:
            document.close()


def page_texts(pdf: Path) -> list[str]:
    """Return the text of each page of a PDF, with runs of white space made single spaces;
    raise `OSError` for a file PDFium cannot read."""
    data = pdf.read_bytes()
    with LOCK:
        document = open_document(pdf, data)
        try:
            return [" ".join(page.get_textpage().get_text_range().split()) for page in document]
        finally:
            document.close()  # Closes its pages and their text pages too.


def open_document(pdf: Path, data: bytes):
    """Open the bytes of a PDF in PDFium; the caller holds `LOCK`. Raise `OSError` when
    PDFium cannot read them."""
    import pypdfium2  # Here, under the lock: importing it starts PDFium.

    try:
        return pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        raise OSError(f"{pdf}: PDFium cannot read it: {error}") from None
