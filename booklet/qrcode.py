"""QR codes as vector drawings: what a reader scans to call a hotline or open its page.

Made with segno, drawn as one SVG path of filled modules (no raster picture), with the
full quiet zone of four modules painted in the paper colour, so that the code scans on
any background. The size is given per module: a module of 0.5 mm at least prints sharp
on an office printer and scans from arm's length.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import segno
from markupsafe import Markup, escape

#: The quiet zone around the code, in modules, as the QR standard (ISO/IEC 18004) asks.
QUIET_ZONE = 4
#: The smallest module printed, in millimetres.
MIN_MODULE_MM = 0.5


@dataclass(frozen=True)
class Code:
    """A QR code: its modules, dark or light, row by row, quiet zone included."""

    #: What it holds, such as ``tel:1280``.
    data: str
    #: The QR version, 1 to 40 (21 modules a side for version 1, four more each version).
    version: int
    #: The rows of modules, quiet zone included; True is dark.
    rows: tuple[tuple[bool, ...], ...]

    @property
    def size(self) -> int:
        """Return the modules a side, quiet zone included."""
        return len(self.rows)


@functools.lru_cache(maxsize=256)
def encode(data: str) -> Code:
    """Return the QR code (never a Micro QR code, which few phones read) of a text."""
    qr = segno.make_qr(data, error="m")
    rows = tuple(tuple(bool(module) for module in row)
                 for row in qr.matrix_iter(scale=1, border=QUIET_ZONE))
    return Code(data, qr.version, rows)


def path_data(code: Code) -> str:
    """Return the SVG path that fills the dark modules: one rectangle per run in a row."""
    parts = []
    for y, row in enumerate(code.rows):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                parts.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    return "".join(parts)


def svg(data: str, module_mm: float, ink: str, paper: str, label: str = "") -> Markup:
    """Return the inline SVG of a QR code at `module_mm` millimetres a module, dark
    modules in `ink` and the quiet zone in `paper` (CSS colours, CMYK in print)."""
    if module_mm < MIN_MODULE_MM:
        raise ValueError(f"a QR module of {module_mm} mm is under {MIN_MODULE_MM} mm")
    code = encode(data)
    side = code.size
    printed = f"{side * module_mm:.2f}mm"
    return Markup(
        f'<svg class="qr" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-label="{escape(label or data)}" width="{printed}" height="{printed}" '
        f'viewBox="0 0 {side} {side}" shape-rendering="crispEdges" '
        f'data-modules="{side - 2 * QUIET_ZONE}" data-module-mm="{module_mm:g}">'
        f'<rect width="{side}" height="{side}" fill="{escape(paper)}"/>'
        f'<path d="{path_data(code)}" fill="{escape(ink)}"/></svg>')
