"""Finish a mono edition for black-and-white printers and photocopiers: every colour of the
PDF in DeviceGray, so that a colour printer prints it with black toner alone and nothing
of it depends on how a driver turns colour into grey.

The mono styles use greys only (``:root.mono`` in styles/colours.css), and differ from the
screen edition's in colours alone: the mono edition is drawn from the screen edition's
layout (`booklet.produce`), each colour of the screen's design standing for the mono
design's (`screen_to_mono`: the palette's colours as ``:root.mono`` sets them, the theme
colour black). WeasyPrint writes colours as RGB. Here each RGB or CMYK colour operator of
every page and form XObject becomes its grey (``g``/``G``), the blending spaces of
transparency groups become DeviceGray, and a colour picture (a partner's logo) becomes a
grey one. The mono preflight (`booklet.pdfpaint`) then finds no colour at all.
"""

from __future__ import annotations

import functools
import io
import zlib
from typing import Callable

import pikepdf

#: The colour operators and how many operands each takes, by the space they set.
RGB_OPERATORS = {"rg": "g", "RG": "G"}
CMYK_OPERATORS = {"k": "g", "K": "G"}
#: Weights of red, green and blue in a grey of the same lightness (ITU-R BT.601 luma).
LUMA = (0.299, 0.587, 0.114)


#: An RGB colour as WeasyPrint writes it, 0 to 255 each.
Colour = tuple[int, int, int]


def screen_to_mono(theme: str) -> dict[Colour, Colour] | None:
    """Return the mono design's colour for each colour of the screen design, for an
    audience's theme colour: the palette's (``:root`` to ``:root.mono``), the theme colour
    (black), the paper and the QR codes' black; None when two colours of the screen's
    design are one colour but two in mono's (then mono is laid out on its own)."""
    from booklet.colour import design_palette, rgb
    from booklet.render import MONO_INK

    mono = design_palette(":root.mono")
    pairs = [(colour, mono.get(name, colour)) for name, colour in design_palette().items()]
    pairs += [(theme, MONO_INK), ("#ffffff", "#ffffff"), ("#000000", "#000000")]
    mapping: dict[Colour, Colour] = {}
    for screen, grey in pairs:
        if mapping.setdefault(rgb(screen.lower()), rgb(grey.lower())) != rgb(grey.lower()):
            return None
    return mapping


def finish_in_greys(pdf: bytes, colours: dict[Colour, Colour] | None = None,
                    identifier: str = "") -> bytes:
    """Return a PDF with every colour turned to its grey; an RGB colour found in `colours`
    first turned to the colour it stands for (see `screen_to_mono`). `identifier`: the
    document's own permanent identifier, when made from another document."""
    document = pikepdf.open(io.BytesIO(pdf))
    if identifier:
        # The second is made from the content when saved.
        document.trailer.ID = pikepdf.Array([pikepdf.String(identifier)] * 2)
    seen: set = set()
    grey = functools.partial(grey_of_drawn, colours or {})
    for page in document.pages:
        grey_group(page.obj)
        rewrite(document, page.obj, page.obj.get("/Resources"), seen, grey, is_page=True)
    output = io.BytesIO()
    document.save(output, deterministic_id=True)
    return output.getvalue()


def grey_of_drawn(colours: dict[Colour, Colour], red: float, green: float,
                  blue: float) -> float:
    """Return the grey of an RGB colour drawn, or of the colour it stands for."""
    key = (round(red * 255), round(green * 255), round(blue * 255))
    if key in colours:
        red, green, blue = (part / 255 for part in colours[key])
    return grey_of_rgb(red, green, blue)


def grey_of_rgb(red: float, green: float, blue: float) -> float:
    """Return the grey (0 black to 1 white) of an RGB colour."""
    return round(sum(weight * part for weight, part in zip(LUMA, (red, green, blue))), 4)


def grey_of_cmyk(cyan: float, magenta: float, yellow: float, black: float) -> float:
    """Return the grey of a CMYK colour (naively: the inks darken the paper)."""
    return grey_of_rgb(*((1 - min(1.0, part + black)) for part in (cyan, magenta, yellow)))


def components(space) -> int:
    """Return the number of components of a colour space (0 when not a plain one)."""
    if isinstance(space, pikepdf.Name):
        return {"/DeviceRGB": 3, "/DeviceCMYK": 4, "/DeviceGray": 1, "/CalRGB": 3,
                "/CalGray": 1}.get(str(space), 0)
    if isinstance(space, pikepdf.Array) and len(space) and space[0] == "/ICCBased":
        return int(space[1].get("/N", 0))
    if isinstance(space, pikepdf.Array) and len(space) and space[0] in ("/CalRGB", "/CalGray"):
        return 3 if space[0] == "/CalRGB" else 1
    return 0


def grey_group(holder) -> None:
    """Make the blending space of a page's or form's transparency group DeviceGray."""
    group = holder.get("/Group")
    if group is not None and "/CS" in group and components(group.CS) in (3, 4):
        group.CS = pikepdf.Name.DeviceGray


def rewrite(document: pikepdf.Pdf, holder, resources, seen: set,
            grey: Callable[..., float] = grey_of_rgb, is_page: bool = False):
    """Rewrite the colours of a page's or form's content, and of the forms and pictures
    it draws, RGB colours turned to greys by `grey`."""
    if resources is None:
        resources = pikepdf.Dictionary()
    spaces = resources.get("/ColorSpace", {})
    instructions = []
    fill = stroke = 1
    for operands, operator in pikepdf.parse_content_stream(holder):
        name = str(operator)
        if name in RGB_OPERATORS:
            operands, operator = [grey(*map(float, operands))], \
                pikepdf.Operator(RGB_OPERATORS[name])
        elif name in CMYK_OPERATORS:
            operands, operator = [grey_of_cmyk(*map(float, operands))], \
                pikepdf.Operator(CMYK_OPERATORS[name])
        elif name in ("cs", "CS"):
            space = operands[0]
            space = spaces.get(space, space) if str(space) not in (
                "/DeviceRGB", "/DeviceCMYK", "/DeviceGray") else space
            count = components(space)
            if count in (3, 4):
                operands = [pikepdf.Name.DeviceGray]
            if name == "cs":
                fill = count
            else:
                stroke = count
        elif name in ("sc", "scn", "SC", "SCN"):
            count = fill if name.islower() else stroke
            numbers = [float(value) for value in operands
                       if not isinstance(value, pikepdf.Name)]
            if count == 3 and len(numbers) == 3:
                operands = [grey(*numbers)]
            elif count == 4 and len(numbers) == 4:
                operands = [grey_of_cmyk(*numbers)]
        elif name in ("g",):
            fill = 1
        elif name in ("G",):
            stroke = 1
        instructions.append((operands, operator))
    data = pikepdf.unparse_content_stream(instructions)
    if is_page:
        holder.Contents = document.make_stream(data)
    else:
        holder.write(data)
    for xobject in resources.get("/XObject", {}).values():
        key = xobject.objgen
        if key in seen:
            continue
        seen.add(key)
        if xobject.get("/Subtype") == "/Form":
            grey_group(xobject)
            rewrite(document, xobject, xobject.get("/Resources", resources), seen, grey)
        elif xobject.get("/Subtype") == "/Image":
            grey_image(xobject)


def grey_image(image) -> None:
    """Make a colour picture a grey one, in place (its soft mask is kept)."""
    if image.get("/ImageMask") or components(image.get("/ColorSpace")) not in (3, 4):
        return
    picture = pikepdf.PdfImage(image).as_pil_image().convert("L")
    image.write(zlib.compress(picture.tobytes()), filter=pikepdf.Name.FlateDecode)
    image.ColorSpace = pikepdf.Name.DeviceGray
    image.BitsPerComponent = 8
    image.Width, image.Height = picture.size
    for key in ("/DecodeParms", "/Decode"):
        if key in image:
            del image[key]


#: The lightest tint a photocopier keeps: lighter greys vanish.
MIN_TINT = 0.2


def grey_problems(path: str, pdf: bytes) -> list[str]:
    """Report colour in a mono file, tints lighter than `MIN_TINT`, and text that is not
    solid (black, or white reversed out of black)."""
    from booklet.pdfpaint import paints

    problems = []
    for paint in paints(pdf):
        where = f"{path}: page {paint.page}" + ("" if paint.where == "page"
                                                 else f" ({paint.where})")
        if paint.space.model != "Gray":
            problems.append(f"{where}: {paint.kind} in {paint.space.name}; a mono file has "
                            "greys only")
            continue
        if paint.kind not in ("fill", "stroke", "text") or len(paint.colour) != 1:
            continue
        tint = round(1 - paint.colour[0], 3)
        if paint.kind == "text" and 0 < tint < 1:
            problems.append(f"{where}: text in a {tint:.0%} grey; text in a mono file is "
                            "solid black, or white on black")
        elif 0 < tint < MIN_TINT:
            problems.append(f"{where}: a {paint.kind} in a {tint:.0%} grey; a photocopier "
                            f"drops greys lighter than {MIN_TINT:.0%}")
    return list(dict.fromkeys(problems))
