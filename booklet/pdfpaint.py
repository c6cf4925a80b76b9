"""Read what a PDF paints: every fill, stroke, text, picture and shading of every page,
with its colour space, colour and size, including what form XObjects, tiling patterns,
annotation appearances and transparency groups draw.

The preflight for the press and the mono preflight check their rules on these `Paint`
records, so that a rule is checked on the PDF's objects, wherever in the file they are,
not on what the HTML meant. Only what the rules need is followed: the graphics state's
transformation, colours, line width, blend mode and overprint, the text's size, and where
on the page a path or a picture lies.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator
from dataclasses import dataclass, field

import pikepdf
from booklet.pdfgeometry import bounds_of, multiply, rectangle, resolution, rule_width, scale

#: The colour model of each device and CIE-based colour space family.
DEVICE_MODELS = {"/DeviceRGB": "RGB", "/DeviceCMYK": "CMYK", "/DeviceGray": "Gray",
                 "/CalRGB": "RGB", "/CalGray": "Gray", "/Lab": "Lab"}
#: The colour model of an ICC-based space, by its number of components.
ICC_MODELS = {1: "Gray", 3: "RGB", 4: "CMYK"}


#: The operators that add points to a path.
PATH_POINTS = frozenset({"m", "l", "c", "v", "y"})
#: The operators that paint (or end) a path.
PAINTING = frozenset({"f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "n"})
#: The operators whose effect no rule needs: dashes, joins, caps, clipping, closing a
#: path, text spacing, marked content, compatibility sections.
UNREAD = frozenset({"d", "J", "j", "M", "h", "W", "W*", "ri", "i", "Tc", "Tw", "Tz", "TL",
                    "Ts", "T*", "EMC", "BDC", "BMC", "MP", "DP", "BX", "EX", "ET", "d0",
                    "d1"})


def box_around(box: list[float], operands) -> list[float]:
    """Return the box around a path's points so far and the points of `operands`."""
    numbers = [float(value) for value in operands]
    xs, ys = numbers[0::2], numbers[1::2]
    if box:
        xs.extend((box[0], box[2]))
        ys.extend((box[1], box[3]))
    return [min(xs), min(ys), max(xs), max(ys)] if xs and ys else box


@dataclass(frozen=True)
class Space:
    """A colour space as the rules see it."""

    #: ``RGB``, ``CMYK``, ``Gray``, ``Lab``, ``Separation``, ``DeviceN``, ``Pattern``,
    #: ``Indexed RGB`` and the like.
    model: str
    #: How the PDF names it, for messages: ``DeviceRGB``, ``ICCBased (3 components)``.
    name: str
    #: The colorant of a separation (``All`` for registration).
    colorant: str = ""

    @property
    def rgb(self) -> bool:
        """Return whether colours in this space are RGB, directly or underneath."""
        return "RGB" in self.model


GRAY = Space("Gray", "DeviceGray")


@dataclass(frozen=True)
class Paint:
    """One thing a page paints."""

    #: 1-based page number.
    page: int
    #: ``fill``, ``stroke``, ``text``, ``image``, ``shading``, or ``group`` (the blending
    #: space of a transparency group).
    kind: str
    space: Space
    colour: tuple[float, ...] = ()
    #: Text: its size in points; stroke: the line's width in points; image: its
    #: resolution in pixels per inch (the lesser of across and down); fill: how wide a
    #: filled rectangle or border is where narrowest, in points (0 for other shapes).
    size: float = 0.0
    #: Where it is: ``page``, or the chain of forms, such as ``form /x3``.
    where: str = "page"
    #: An image's size in pixels.
    pixels: tuple[int, int] = ()
    #: Where it lies on the page (left, bottom, right, top, in points): a fill's or a
    #: picture's box, a stroke's without its width; text from where it starts, its end
    #: unknown (infinite). None when not known.
    bounds: tuple[float, float, float, float] | None = None
    #: How it is mixed with what is under it, when not simply painted over it: a blend
    #: mode such as ``Multiply``, or ``overprint``; empty for the usual.
    mixing: str = ""
    #: An image's PDF object, for what reads its pixels (`booklet.ink`).
    source: object = field(default=None, compare=False, repr=False)

    @property
    def cmyk(self) -> tuple[float, float, float, float] | None:
        """Return the colour as CMYK ink when it is CMYK or grey ink, else None."""
        if self.space.model == "CMYK" and len(self.colour) == 4:
            return tuple(self.colour)
        if self.space.model == "Gray" and len(self.colour) == 1:
            return 0.0, 0.0, 0.0, 1 - self.colour[0]
        return None


@dataclass
class State:
    """The part of the graphics state the rules need."""

    matrix: tuple[float, ...] = (1, 0, 0, 1, 0, 0)
    fill_space: Space = GRAY
    stroke_space: Space = GRAY
    fill: tuple[float, ...] = (0.0,)
    stroke: tuple[float, ...] = (0.0,)
    line_width: float = 1.0
    font_size: float = 0.0
    render_mode: int = 0
    text_matrix: tuple[float, ...] = (1, 0, 0, 1, 0, 0)
    #: A blend mode other than Normal, or ``overprint`` (see `Paint.mixing`).
    mixing: str = ""

    def copy(self) -> State:
        """Return a copy, as ``q`` saves it."""
        return State(**vars(self))


def space_of(value, resources, depth: int = 0) -> Space:
    """Return the `Space` of a colour space, by name (through the resources) or array."""
    if isinstance(value, pikepdf.Name):
        name = str(value)
        if name in DEVICE_MODELS:
            return Space(DEVICE_MODELS[name], name[1:])
        if name == "/Pattern":
            return Space("Pattern", "Pattern")
        named = resources.get("/ColorSpace", {}).get(value) if resources is not None else None
        if named is None or depth > 4:
            return Space("unknown", name[1:])
        return space_of(named, resources, depth + 1)
    if isinstance(value, pikepdf.Array) and len(value):
        family = str(value[0])
        if family == "/ICCBased":
            count = int(value[1].get("/N", 0))
            return Space(ICC_MODELS.get(count, "unknown"), f"ICCBased ({count} components)")
        if family in DEVICE_MODELS:
            return Space(DEVICE_MODELS[family], family[1:])
        if family == "/Separation":
            alternate = space_of(value[2], resources, depth + 1)
            model = "Separation RGB" if alternate.rgb else "Separation"
            return Space(model, f"Separation {str(value[1])[1:]}", str(value[1])[1:])
        if family == "/DeviceN":
            alternate = space_of(value[2], resources, depth + 1)
            return Space("DeviceN RGB" if alternate.rgb else "DeviceN", "DeviceN")
        if family in ("/Indexed", "/I"):
            base = space_of(value[1], resources, depth + 1)
            return Space(f"Indexed {base.model}", f"Indexed {base.name}")
        if family == "/Pattern":
            return Space("Pattern", "Pattern")
    return Space("unknown", str(value))


def default_colour(space: Space) -> tuple[float, ...]:
    """Return the initial colour of a space when ``cs`` selects it."""
    return {"CMYK": (0.0, 0.0, 0.0, 1.0), "RGB": (0.0, 0.0, 0.0), "Gray": (0.0,)}.get(
        space.model, (1.0,))


@dataclass
class Reader:
    """Follows one page's content and what it draws, collecting its paints."""

    page: int
    paints: list[Paint] = field(default_factory=list)
    #: Forms being drawn, to refuse a form that draws itself.
    drawing: set = field(default_factory=set)

    def read(self, holder, resources, state: State, where: str) -> None:
        """Read a content stream (a page's, a form's, a pattern's) in a state."""
        stack: list[State] = []
        path_rectangles: list[tuple] = []
        # The box around the path's points, as drawn (the matrix cannot change in a path).
        path_box: list[float] = []
        path_other = False
        for operands, operator in pikepdf.parse_content_stream(holder):
            name = str(operator)
            # The commonest first: a path's points, then what the rules do not need.
            if name in PATH_POINTS:
                path_other = path_other or name != "m"
                path_box = box_around(path_box, operands)
            elif name in UNREAD:
                continue
            elif name == "q":
                stack.append(state.copy())
            elif name == "Q":
                if stack:
                    state = stack.pop()
            elif name == "re":
                path_rectangles.append(rectangle(state.matrix, *map(float, operands)))
            elif name in PAINTING:
                points = [rectangle(state.matrix, path_box[0], path_box[1],
                                    path_box[2] - path_box[0], path_box[3] - path_box[1])
                          ] if path_box else []
                bounds = bounds_of(path_rectangles + points)
                self.paint_path(state, name, path_rectangles, path_other, where, bounds)
                path_rectangles, path_box, path_other = [], [], False
            elif name == "cm":
                state.matrix = multiply(tuple(map(float, operands)), state.matrix)
            elif name == "w":
                state.line_width = float(operands[0])
            elif name == "gs":
                self.graphics_state(resources, operands[0], state)
            elif name in ("g", "G", "rg", "RG", "k", "K"):
                self.set_colour(state, name, operands)
            elif name in ("cs", "CS"):
                space = space_of(operands[0], resources)
                if name == "cs":
                    state.fill_space, state.fill = space, default_colour(space)
                else:
                    state.stroke_space, state.stroke = space, default_colour(space)
            elif name in ("sc", "scn", "SC", "SCN"):
                numbers = tuple(float(value) for value in operands
                                if not isinstance(value, pikepdf.Name))
                patterns = [value for value in operands if isinstance(value, pikepdf.Name)]
                if name.islower():
                    state.fill = numbers
                else:
                    state.stroke = numbers
                for pattern in patterns:
                    self.pattern(resources, pattern, state, where)
            elif name == "BT":
                state.text_matrix = (1, 0, 0, 1, 0, 0)
            elif name == "Tf":
                state.font_size = float(operands[1])
            elif name == "Tr":
                state.render_mode = int(operands[0])
            elif name == "Tm":
                state.text_matrix = tuple(map(float, operands))
            elif name in ("Td", "TD"):
                state.text_matrix = multiply((1, 0, 0, 1, *map(float, operands)),
                                             state.text_matrix)
            elif name in ("Tj", "TJ", "'", '"'):
                self.text(state, where)
            elif name == "Do":
                self.xobject(resources, operands[0], state, where)
            elif name == "sh":
                shading = resources.get("/Shading", {}).get(operands[0]) \
                    if resources is not None else None
                if shading is not None:
                    self.add("shading", space_of(shading.get("/ColorSpace"), resources),
                             where=where)
            elif name == "INLINE IMAGE":
                self.inline_image(operands[0], resources, state, where)

    def add(self, kind: str, space: Space, colour: tuple = (), size: float = 0.0,
            where: str = "page", pixels: tuple = (), bounds: tuple | None = None,
            mixing: str = "", source: object = None) -> None:
        """Record a paint."""
        self.paints.append(Paint(self.page, kind, space, tuple(colour), size, where, pixels,
                                 bounds, mixing, source))

    def set_colour(self, state: State, name: str, operands) -> None:
        """Set the fill or stroke colour with a device operator (g, rg, k and capitals)."""
        space = {"g": GRAY, "rg": Space("RGB", "DeviceRGB"),
                 "k": Space("CMYK", "DeviceCMYK")}[name.lower()]
        colour = tuple(float(value) for value in operands)
        if name.islower():
            state.fill_space, state.fill = space, colour
        else:
            state.stroke_space, state.stroke = space, colour

    def graphics_state(self, resources, name, state: State) -> None:
        """Apply what an ExtGState sets that the rules need: the line width, the blend
        mode and overprint."""
        states = resources.get("/ExtGState", {}) if resources is not None else {}
        parameters = states.get(name)
        if parameters is None:
            return
        if "/LW" in parameters:
            state.line_width = float(parameters.LW)
        if "/BM" in parameters:
            mode = parameters.BM
            # An array lists modes to choose from; the first a reader knows is used.
            mode = str(mode[0] if isinstance(mode, pikepdf.Array) and len(mode) else mode)
            state.mixing = "" if mode in ("/Normal", "/Compatible") else mode[1:]
        if any(bool(parameters.get(key, False)) for key in ("/OP", "/op")):
            state.mixing = "overprint"

    def paint_path(self, state: State, name: str, rectangles: list[tuple], other: bool,
                   where: str, bounds: tuple | None) -> None:
        """Record the fill and the stroke of a path."""
        if name == "n":
            return
        if name in ("f", "F", "f*", "B", "B*", "b", "b*"):
            narrowest = 0.0 if other else rule_width(rectangles)
            self.add("fill", state.fill_space, state.fill, narrowest, where,
                     bounds=bounds, mixing=state.mixing)
        if name in ("S", "s", "B", "B*", "b", "b*"):
            self.add("stroke", state.stroke_space, state.stroke,
                     state.line_width * scale(state.matrix), where,
                     bounds=bounds, mixing=state.mixing)

    def text(self, state: State, where: str) -> None:
        """Record a text shown, in its fill colour (and stroke, when outlined)."""
        if state.render_mode in (3, 7):
            return  # Invisible text: nothing printed.
        placed = multiply(state.text_matrix, state.matrix)
        size = state.font_size * scale(placed)
        # Where the text starts is known, not where it ends: it runs on to the right, and
        # its letters rise a size above the baseline and fall below it.
        x, y = placed[4], placed[5]
        bounds = (x, y - size, math.inf, y + size)
        if state.render_mode in (0, 2, 4, 6):
            self.add("text", state.fill_space, state.fill, size, where, bounds=bounds,
                     mixing=state.mixing)
        if state.render_mode in (1, 2, 5, 6):
            self.add("text", state.stroke_space, state.stroke, size, where, bounds=bounds,
                     mixing=state.mixing)

    def xobject(self, resources, name, state: State, where: str) -> None:
        """Read a form XObject drawn, or record a picture."""
        xobject = resources.get("/XObject", {}).get(name) if resources is not None else None
        if xobject is None:
            return
        if xobject.get("/Subtype") == "/Image":
            self.image(xobject, resources, state, where)
        elif xobject.get("/Subtype") == "/Form":
            self.form(xobject, resources, state, f"{where_in(where)}form {name}")

    def form(self, form, resources, state: State, where: str) -> None:
        """Read a form XObject (its own resources, or those it inherits)."""
        key = form.objgen
        if key in self.drawing:
            return
        self.drawing.add(key)
        inner = state.copy()
        if "/Matrix" in form:
            inner.matrix = multiply(tuple(map(float, form.Matrix)), state.matrix)
        group = form.get("/Group")
        if group is not None and "/CS" in group:
            self.add("group", space_of(group.CS, resources), where=where)
        self.read(form, form.get("/Resources", resources), inner, where)
        self.drawing.discard(key)

    def pattern(self, resources, name, state: State, where: str) -> None:
        """Read a tiling pattern's drawing, or record a shading pattern's space."""
        pattern = resources.get("/Pattern", {}).get(name) if resources is not None else None
        if pattern is None:
            return
        if pattern.get("/PatternType") == 2 and "/Shading" in pattern:
            self.add("shading", space_of(pattern.Shading.get("/ColorSpace"), resources),
                     where=f"{where_in(where)}pattern {name}")
        elif pattern.get("/PatternType") == 1:
            self.form(pattern, resources, state, f"{where_in(where)}pattern {name}")

    def image(self, image, resources, state: State, where: str) -> None:
        """Record a picture: its colour space and its resolution as placed."""
        width, height = int(image.get("/Width", 0)), int(image.get("/Height", 0))
        if image.get("/ImageMask"):
            space, colour = state.fill_space, state.fill
        else:
            space, colour = space_of(image.get("/ColorSpace"), resources), ()
        self.add("image", space, colour, resolution(state.matrix, width, height), where,
                 (width, height), rectangle(state.matrix, 0, 0, 1, 1), state.mixing, image)

    def inline_image(self, inline, resources, state: State, where: str) -> None:
        """Record an inline picture."""
        obj = inline.obj if hasattr(inline, "obj") else {}
        space = obj.get("/ColorSpace", obj.get("/CS"))
        width = int(obj.get("/Width", obj.get("/W", 0)))
        height = int(obj.get("/Height", obj.get("/H", 0)))
        self.add("image", space_of(space, resources) if space is not None else GRAY, (),
                 resolution(state.matrix, width, height), where, (width, height),
                 rectangle(state.matrix, 0, 0, 1, 1), state.mixing)


def where_in(where: str) -> str:
    """Return the prefix of a place inside another: nothing on the page itself."""
    return "" if where == "page" else f"{where}, "


def paints(pdf: bytes | pikepdf.Pdf) -> Iterator[Paint]:
    """Yield everything every page of a PDF paints, pages in order."""
    document = pdf if isinstance(pdf, pikepdf.Pdf) else pikepdf.open(io.BytesIO(pdf))
    for number, page in enumerate(document.pages, start=1):
        reader = Reader(number)
        resources = page.obj.get("/Resources")
        group = page.obj.get("/Group")
        if group is not None and "/CS" in group:
            reader.add("group", space_of(group.CS, resources), where="page group")
        reader.read(page.obj, resources, State(), "page")
        for annotation in page.obj.get("/Annots", []):
            appearance = annotation.get("/AP", {}).get("/N")
            if isinstance(appearance, pikepdf.Stream):
                reader.form(appearance, resources, State(), "annotation")
        yield from reader.paints


def fonts(pdf: bytes | pikepdf.Pdf) -> dict[str, bool]:
    """Return the fonts a PDF uses on its pages and in the forms and patterns they draw
    (an imposed sheet's pages are forms), without subset tags, and whether each is
    embedded everywhere it is used (a Type 3 font is drawn by the PDF itself)."""
    document = pdf if isinstance(pdf, pikepdf.Pdf) else pikepdf.open(io.BytesIO(pdf))
    found: dict[str, bool] = {}
    for page in document.pages:
        for name, embedded in page_fonts(page).items():
            found[name] = found.get(name, True) and embedded
    return found


def page_fonts(page: pikepdf.Page) -> dict[str, bool]:
    """Return the fonts of one page, its forms and patterns, as `fonts` does."""
    found: dict[str, bool] = {}
    for resources in all_resources(page.obj.get("/Resources"), set()):
        for font in resources.get("/Font", {}).values():
            name = str(font.get("/BaseFont", "/unnamed"))[1:].split("+", 1)[-1]
            described = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            descriptor = described.get("/FontDescriptor", {})
            embedded = font.get("/Subtype") == "/Type3" or any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[name] = found.get(name, True) and embedded
    return found


def all_resources(resources, seen: set):
    """Yield a resource dictionary and those of the forms and patterns it holds, each
    once (`seen` holds those already yielded)."""
    if resources is None or resources.objgen in seen and resources.objgen != (0, 0):
        return
    seen.add(resources.objgen)
    yield resources
    for kind in ("/XObject", "/Pattern"):
        for item in resources.get(kind, {}).values():
            if "/Resources" in item and item.objgen not in seen:
                seen.add(item.objgen)
                yield from all_resources(item.Resources, seen)
