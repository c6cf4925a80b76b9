"""The cover's picture: a scene composed from several pictograms, standing on one ground.

A cover shows people like the reader, in their world: a place at each end (a village, a
school, a city), people and things between them, smaller, as they would stand in front
of the buildings. The pictograms are those of the content (`booklet.icons`), each cleaned
as every picture is; the scene is one SVG drawn in one ink, nested pictograms and a ground
line, so that it prints as one picture in every variant.
"""

from __future__ import annotations

import re

#: The side of a pictogram's grid (Health Icons and the project's own are drawn on 48).
GRID = 48
#: The size of the places at the ends and of what stands between them, in grid units.
PLACE, FIGURE = 48, 44
#: The space between two pictograms, the ground's thickness, how far the ground runs on
#: beyond them, and the sky above them (where the sun stands), in grid units.
GAP, GROUND, VERGE, SKY = 3, 2.5, 12, 14
#: The sun's radius, in grid units.
SUN = 6
#: The opening tag of a cleaned pictogram's SVG, whose size attributes are replaced.
SVG_OPEN = re.compile(r"<svg\b([^>]*)>")
SIZE_ATTRIBUTE = re.compile(r'\s(?:width|height|x|y)="[^"]*"')


def sizes(count: int) -> list[float]:
    """Return the size of each of a scene's pictograms: the ends large, the rest smaller."""
    return [PLACE if index in (0, count - 1) else FIGURE for index in range(count)]


def placed(svg: str, x: float, y: float, size: float) -> str:
    """Return a pictogram's SVG placed in the scene at (x, y), `size` units square."""
    match = SVG_OPEN.search(svg)
    attributes = SIZE_ATTRIBUTE.sub("", match.group(1))
    opening = f'<svg{attributes} x="{x:g}" y="{y:g}" width="{size:g}" height="{size:g}">'
    return svg[:match.start()] + opening + svg[match.end():]


def compose(pictograms: list[str], ink: str, label: str) -> str:
    """Return the SVG of a scene from the clean SVGs of its pictograms (already coloured),
    left to right, standing on a ground line under the sun, drawn in `ink`."""
    each = sizes(len(pictograms))
    width = sum(each) + GAP * (len(each) - 1) + 2 * VERGE
    height = SKY + max(each) + GROUND
    parts, x = [], float(VERGE)
    for svg, size in zip(pictograms, each, strict=True):
        # Each stands on the ground: the grid's foot is about a twelfth below its drawing.
        parts.append(placed(svg, x, height - GROUND - size + size / 12, size))
        x += size + GAP
    ground = (f'<rect x="0" y="{height - GROUND:g}" width="{width:g}" height="{GROUND:g}" '
              f'rx="{GROUND / 2:g}" fill="{ink}"></rect>')
    sun = (f'<circle cx="{width - VERGE - SUN:g}" cy="{SUN + 1:g}" r="{SUN:g}" '
           f'fill="{ink}"></circle>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height:g}" '
            f'role="img" aria-label="{label}">{sun}{"".join(parts)}{ground}</svg>')
