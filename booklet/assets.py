"""The assets folder, where every picture of the content comes from, and the one way in.

Assets come from many hands, so each picture is taken on its own terms only: its name
resolves inside ``assets/`` (no ``..``, no link leading out), it is a regular file (not a
device, a pipe or a folder) of bounded size, and it is what its name says. An SVG is
parsed and rebuilt from an allow-list of drawing elements, so that nothing but one
``<svg>`` element, with no script, style sheet, foreign markup or external reference,
ever reaches the HTML; a raster picture is opened by its header only and refused over a
number of pixels. Everything that reads an asset (the schema, the templates, the
renderer's fetcher and the fingerprint of a build) goes through this module.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from xml.etree import ElementTree
from xml.sax.saxutils import escape, quoteattr

from booklet import paths

#: The largest SVG file, in bytes: a pictogram is a few kilobytes.
MAX_SVG_BYTES = 1_000_000
#: The largest raster picture file, in bytes.
MAX_RASTER_BYTES = 30_000_000
#: The largest picture, in pixels, that content may show (a decompression bomb is refused).
MAX_IMAGE_PIXELS = 40_000_000
#: The most elements an SVG may hold.
MAX_SVG_ELEMENTS = 5_000
#: The longest name of a picture, and of one part of it.
MAX_NAME = 1024
MAX_NAME_PART = 255
#: The picture formats content may show, and the format Pillow must find in each.
RASTER_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF",
                  ".webp": "WEBP"}
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg", ".gif", ".webp")

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
#: The SVG elements a picture may be drawn with: shapes, groups, paint and text. No
#: ``script``, ``style``, ``foreignObject``, ``image``, ``a`` or animation.
SVG_ELEMENTS = frozenset({
    "svg", "g", "defs", "symbol", "use", "title", "desc", "metadata", "path", "rect",
    "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "clipPath", "mask",
    "linearGradient", "radialGradient", "stop", "pattern"})
#: Elements whose text is shown or kept; elsewhere only white space may stand between tags.
TEXT_ELEMENTS = frozenset({"title", "desc", "text", "tspan"})
#: A reference to anything but a fragment of the same picture: ``url(x)`` with x not ``#...``.
EXTERNAL_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.I)
#: What no attribute may hold, even inside the picture: CSS imports and expressions.
CSS_ESCAPES = re.compile(r"@import|expression\s*\(|\\", re.I)
#: A URL in any attribute value, with or without url(): a drawing needs none, and a
#: renderer that reads one where a colour is expected must never find it.
URL_SCHEME = re.compile(r"(?<![\w.+-])(?:data|https?|file|ftp|javascript):", re.I)



class AssetError(Exception):
    """A picture cannot be used; the message, a clause such as "which leads outside it",
    says why, and the caller says which picture and where the content asked for it."""


def resolve(name: str, folder: Path | None = None) -> Path:
    """Return the regular file a picture's name stands for inside the assets folder (or
    inside another folder of pictures, such as the icon library's)."""
    if not name or "\0" in name or len(name) > MAX_NAME:
        raise AssetError(f"whose name holds a NUL or is over {MAX_NAME} characters")
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or ".." in parts or "\\" in name:
        raise AssetError("which leads outside it")
    if any(len(part.encode("utf-8")) > MAX_NAME_PART for part in parts):
        raise AssetError(f"whose name has a part over {MAX_NAME_PART} bytes")
    folder = folder or paths.ASSETS
    root = folder.resolve()
    try:
        path = (folder / name).resolve(strict=True)
    except FileNotFoundError:
        raise AssetError("which does not exist") from None
    except (OSError, RuntimeError) as error:
        raise AssetError(f"which cannot be read ({reason(error)})") from None
    # Resolving follows links and '..', so neither can lead outside.
    if not path.is_relative_to(root):
        raise AssetError("which leads outside it")
    if not stat.S_ISREG(path.stat().st_mode):
        raise AssetError("which is not a regular file")
    return path


def reason(error: BaseException) -> str:
    """Return an OS error's reason in words."""
    return getattr(error, "strerror", None) or str(error) or type(error).__name__


def size_limit(path: Path) -> int:
    """Return the largest file accepted for a picture of this kind."""
    return MAX_SVG_BYTES if path.suffix.lower() == ".svg" else MAX_RASTER_BYTES


def read_bounded(path: Path, limit: int) -> bytes:
    """Return a regular file's bytes, refusing one larger than `limit` without reading it
    all (a file can grow, or be a device, between the check and the read)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
                             | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise AssetError(f"which cannot be read ({reason(error)})") from None
    with os.fdopen(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise AssetError("which is not a regular file")
        data = file.read(limit + 1)
    if len(data) > limit:
        raise AssetError(f"which is larger than {limit} bytes")
    return data


def read(name: str) -> bytes:
    """Return the bytes of a picture of the assets folder, checked as `check` does."""
    path = resolve(name)
    data = read_bounded(path, size_limit(path))
    if path.suffix.lower() == ".svg":
        return clean_svg(data).encode("utf-8")
    check_raster(path, data)
    return data


def check(name: str) -> None:
    """Raise `AssetError` unless a picture's name leads to a usable picture."""
    path = resolve(name)
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        raise AssetError(f"which is not a picture ({', '.join(IMAGE_SUFFIXES)})")
    read(name)


def check_raster(path: Path, data: bytes) -> None:
    """Check that a raster picture is of the format its name says and not too large,
    reading only its header."""
    import io

    from PIL import Image

    # Opening reads the header only; Pillow's own bomb check is off so the size can be told.
    limit, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height, found = image.width, image.height, image.format
    except Exception as error:  # Pillow raises many kinds on a damaged file.
        raise AssetError(f"which cannot be read as a picture ({error})") from None
    finally:
        Image.MAX_IMAGE_PIXELS = limit
    expected = RASTER_FORMATS.get(path.suffix.lower())
    if found != expected:
        raise AssetError(f"which is not a {expected} picture, as its name says, but {found}")
    if width * height > MAX_IMAGE_PIXELS:
        raise AssetError(f"which has {width}x{height} pixels, over the limit of {MAX_IMAGE_PIXELS}")


def clean_svg(data: bytes) -> str:
    """Return an SVG rebuilt from its parsed elements: one ``<svg>`` element and nothing
    else, with only drawing elements and no reference outside itself."""
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        raise AssetError("which has a DOCTYPE or entities, not allowed in a picture")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise AssetError(f"which is not an SVG picture ({error})") from None
    if root.tag != f"{{{SVG}}}svg":
        raise AssetError(f"whose root is <{local(root.tag)}>, not <svg>")
    for count, element in enumerate(root.iter()):
        if count >= MAX_SVG_ELEMENTS:
            raise AssetError(f"which has over {MAX_SVG_ELEMENTS} elements")
        check_element(element)
    return serialize(root, top=True)


def serialize(element: ElementTree.Element, top: bool = False) -> str:
    """Return the markup of a checked SVG element: SVG the default namespace, xlink and
    xml the only prefixes (written here, since ElementTree's prefixes are global state)."""
    attributes = [(PREFIXES[key[1:].partition("}")[0]] + local(key) if key.startswith("{")
                   else key, value) for key, value in element.attrib.items()]
    if top:
        attributes = [("xmlns", SVG), ("xmlns:xlink", XLINK)] + attributes
    shown = "".join(f" {key}={quoteattr(value)}" for key, value in attributes)
    inner = escape(element.text or "") + "".join(serialize(child) for child in element)
    tail = escape(element.tail or "") if not top else ""
    return f"<{local(element.tag)}{shown}>{inner}</{local(element.tag)}>{tail}"


#: The namespaces an SVG's attributes may be in, with the prefix each is written with.
PREFIXES = {XLINK: "xlink:", "http://www.w3.org/XML/1998/namespace": "xml:"}


def local(tag: str) -> str:
    """Return an element's name without its namespace."""
    return tag.rsplit("}", 1)[-1]


def check_element(element: ElementTree.Element) -> None:
    """Refuse an element that is not for drawing, or that refers outside the picture."""
    namespace, _, name = element.tag[1:].partition("}") if element.tag.startswith("{") \
        else ("", "", element.tag)
    if namespace != SVG or name not in SVG_ELEMENTS:
        raise AssetError(f"which holds <{name}>, not allowed in a picture (only shapes "
                         "and text are)")
    if name not in TEXT_ELEMENTS and (element.text or "").strip():
        raise AssetError(f"which holds text inside <{name}>, outside any text element")
    if (element.tail or "").strip() and element.tag != f"{{{SVG}}}tspan":
        raise AssetError(f"which holds text after <{name}>, outside any text element")
    for attribute, value in element.attrib.items():
        key = local(attribute)
        if attribute.startswith("{") and attribute[1:].partition("}")[0] not in PREFIXES:
            raise AssetError(f"which has an attribute of another namespace ({key})")
        if key.lower().startswith("on"):
            raise AssetError(f"which has an event handler ({key}), not allowed in a picture")
        if key == "href" and not value.startswith("#"):
            raise AssetError(f"which refers outside itself (href={shorten(value)!r})")
        if EXTERNAL_URL.search(value) or CSS_ESCAPES.search(value) or URL_SCHEME.search(value):
            raise AssetError(f"which refers outside itself ({key}={shorten(value)!r})")


def shorten(text: str, limit: int = 60) -> str:
    """Return text cut to a length fit for a message (a data: URL can be megabytes)."""
    return text if len(text) <= limit else text[:limit - 3] + "..."


def pictogram(name: str) -> str:
    """Return the clean SVG of a pictogram: the project's own (``assets/pictograms/NAME.svg``)
    or one of the icon library's (``healthicons:CATEGORY/NAME``, see `booklet.icons`)."""
    from booklet import icons

    if icons.is_icon(name):
        return icons.svg(name)
    return read(f"pictograms/{name}.svg").decode("utf-8")


def digest_folder(folder: Path, digest) -> None:
    """Add the names and bytes of a folder's regular files to a digest, reading each in
    chunks and none over its size limit, nor any link that leads out of the folder."""
    root = folder.resolve()
    for path in sorted(folder.rglob("*")):
        if "__pycache__" in path.parts:
            continue
        digest.update(f"{path.relative_to(folder.parent)}\n".encode())
        try:
            target = path.resolve(strict=True)
            status = target.stat()
        except (OSError, RuntimeError):
            digest.update(b"unreadable\n")
            continue
        if not target.is_relative_to(root) or not stat.S_ISREG(status.st_mode) \
                or status.st_size > MAX_RASTER_BYTES:
            # Not a file the build may read: its name and size alone say it changed.
            digest.update(f"not read: {status.st_size}\n".encode())
            continue
        with open(target, "rb") as file:
            for chunk in iter(lambda: file.read(1 << 20), b""):
                digest.update(chunk)
