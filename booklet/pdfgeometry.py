"""The geometry of PDF drawing for the press checks: transformation matrices, the width of
a rule drawn as a filled rectangle, and the resolution a picture prints at."""

from __future__ import annotations

import math

def multiply(first: tuple, second: tuple) -> tuple[float, ...]:
    """Return the product of two PDF matrices (first, then second)."""
    a, b, c, d, e, f = first
    a2, b2, c2, d2, e2, f2 = second
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def scale(matrix: tuple) -> float:
    """Return how much a matrix enlarges a length (the geometric mean of its axes)."""
    a, b, c, d, _, _ = matrix
    return math.sqrt(abs(a * d - b * c))


def point(matrix: tuple, x: float, y: float) -> tuple[float, float]:
    """Return where a point of a path is on the page."""
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f


def rectangle(matrix: tuple, x: float, y: float, width: float,
              height: float) -> tuple[float, float, float, float]:
    """Return a rectangle of a path on the page: left, bottom, right, top (the box around
    its four corners, should the matrix turn it)."""
    corners = [point(matrix, px, py) for px, py in
               ((x, y), (x + width, y), (x, y + height), (x + width, y + height))]
    xs, ys = [corner[0] for corner in corners], [corner[1] for corner in corners]
    return min(xs), min(ys), max(xs), max(ys)


def bounds_of(boxes: list[tuple]) -> tuple[float, ...] | None:
    """Return the box around boxes (left, bottom, right, top); None for none."""
    if not boxes:
        return None
    return (min(box[0] for box in boxes), min(box[1] for box in boxes),
            max(box[2] for box in boxes), max(box[3] for box in boxes))


def rule_width(rectangles: list[tuple]) -> float:
    """Return how wide a filled shape of rectangles is where it is narrowest: the shorter
    side of one rectangle, or, for a border (WeasyPrint fills a rectangle minus the one
    inside it), the thinnest of its sides; 0 for other shapes."""
    if len(rectangles) == 1:
        left, bottom, right, top = rectangles[0]
        return min(right - left, top - bottom)
    if len(rectangles) != 2:
        return 0.0
    inner, outer = sorted(rectangles, key=lambda box: (box[2] - box[0]) * (box[3] - box[1]))
    gaps = (inner[0] - outer[0], inner[1] - outer[1], outer[2] - inner[2], outer[3] - inner[3])
    if min(gaps) < -0.001:
        return 0.0  # Not one inside the other.
    sides = [gap for gap in gaps if gap > 0.001]
    return min(sides) if sides else 0.0


def resolution(matrix: tuple, width: int, height: int) -> float:
    """Return the resolution, in pixels per inch, of a picture placed by a matrix (the
    lesser of across and down)."""
    a, b, c, d, _, _ = matrix
    across, down = math.hypot(a, b) / 72, math.hypot(c, d) / 72
    values = [pixels / inches for pixels, inches in ((width, across), (height, down))
              if inches]
    return min(values) if values else math.inf
