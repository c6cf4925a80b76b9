"""Colour for print: the CMYK output profiles, and every colour of the design (RGB, as a
designer picks it on screen) converted to CMYK through the chosen profile.

The conversion is LittleCMS's (Pillow's ``ImageCms``), from sRGB to the output profile,
with the **relative colorimetric** rendering intent and **black-point compensation**:
a colour the press can print comes out as measured, one it cannot is moved to the
nearest it can (the palette's flat colours stay recognisably themselves, which the
perceptual intent, made for photographs, would shift), and the screen's black lands on
the press's black. Two rules of prepress come before it:

- a neutral grey (no visible hue) is printed in black ink alone, the K that gives its
  lightness on that press: no cyan, magenta and yellow that would tint it when the press
  drifts, nor misregister around it;
- black text is 100% K, solid: a 90% black is screened into dots that small type
  cannot hold.

Each conversion is computed once per process.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from booklet import paths

#: The rendering intent of every conversion, in the words of the ICC and of a print shop.
RENDERING_INTENT = "relative colorimetric, with black-point compensation"
#: Below this chroma (CIE C*ab) a colour has no visible hue: a grey, printed in K alone.
NEUTRAL_CHROMA = 3.0
#: The palette names printed in solid black ink whatever their RGB: the body text.
SOLID_BLACK = ("--text",)
#: Solid black ink, and the paper.
BLACK = (0.0, 0.0, 0.0, 1.0)
PAPER = (0.0, 0.0, 0.0, 0.0)


@dataclass(frozen=True)
class Profile:
    """A CMYK output profile a print edition can be made for."""

    #: The name on the command line (``--profile``) and in an edition file.
    id: str
    path: Path
    #: The output intent's condition: a characterization registered with the ICC, such as
    #: ``FOGRA39``, or ``Custom``.
    condition: str
    #: Where the condition is registered (empty for a custom one).
    registry: str
    #: The printing condition, in a print shop's words.
    description: str
    #: The most ink, in percent, any point of a page may carry on this press.
    ink_limit: int = 300


#: The profiles a print edition can be made for; the first is the default.
PROFILES: dict[str, Profile] = {profile.id: profile for profile in (
    Profile("fogra39", paths.PROJECT / "profiles" / "FOGRA39.icc", "FOGRA39",
            "http://www.color.org",
            "ISO 12647-2 offset printing on coated paper (paper types 1 and 2), FOGRA39 "
            "characterization data"),
    Profile("fogra29", paths.PROJECT / "profiles" / "FOGRA29.icc", "FOGRA29",
            "http://www.color.org",
            "ISO 12647-2 offset printing on uncoated white offset paper (paper type 4), "
            "FOGRA29 characterization data"),
    Profile("swop", paths.CMYK_PROFILE, "Custom", "",
            "US web offset on coated paper, SWOP-like (Ghostscript's default CMYK profile)"),
)}
#: The profile used when neither the command line nor the edition names one.
DEFAULT_PROFILE = next(iter(PROFILES))


def profile(name: str) -> Profile:
    """Return a profile by its id."""
    return PROFILES[name]


def profile_files() -> list[Path]:
    """Return the file of every profile, for the renderer's fetcher and the fingerprint."""
    return [item.path for item in PROFILES.values()]


def rgb(colour: str) -> tuple[int, int, int]:
    """Return the red, green and blue (0 to 255) of a #rrggbb colour."""
    return tuple(int(colour[index:index + 2], 16) for index in (1, 3, 5))


@functools.cache
def lab(colour: str) -> tuple[float, float, float]:
    """Return the CIE L*a*b* (D50) of an sRGB #rrggbb colour."""
    from PIL import Image, ImageCms

    transform = _transform("sRGB", "LAB", "RGB", "LAB")
    pixel = ImageCms.applyTransform(Image.new("RGB", (1, 1), rgb(colour)), transform)
    lightness, a, b = pixel.getpixel((0, 0))
    # Pillow's LAB mode: L scaled to 0-255, a and b offset by 128.
    return lightness * 100 / 255, a - 128, b - 128


def neutral(colour: str) -> bool:
    """Return whether a colour has no visible hue."""
    _, a, b = lab(colour)
    return (a * a + b * b) ** 0.5 < NEUTRAL_CHROMA


@functools.cache
def to_cmyk(colour: str, profile_id: str) -> tuple[float, float, float, float]:
    """Return a #rrggbb colour as CMYK (0 to 1) on a profile's press: a neutral grey in
    black ink alone, any other colour through the profile (see the module's docstring)."""
    if neutral(colour):
        return 0.0, 0.0, 0.0, black_for_lightness(lab(colour)[0], profile_id)
    from PIL import Image, ImageCms

    transform = _transform("sRGB", profile_id, "RGB", "CMYK")
    pixel = ImageCms.applyTransform(Image.new("RGB", (1, 1), rgb(colour)), transform)
    return tuple(round(part / 255, 3) for part in pixel.getpixel((0, 0)))


def black_for_lightness(lightness: float, profile_id: str) -> float:
    """Return the black ink alone that prints a grey of this lightness on a profile's
    press; the screen's black (L* 0) is the press's solid black, white is the paper."""
    ramp = black_ramp(profile_id)
    darkest = ramp[-1]
    # Black-point compensation: the screen's 0 to 100 onto the press's darkest to 100.
    target = darkest + lightness * (100 - darkest) / 100
    steps = len(ramp) - 1
    best = min(range(len(ramp)), key=lambda step: abs(ramp[step] - target))
    return round(best / steps, 3)


@functools.cache
def black_ramp(profile_id: str) -> tuple[float, ...]:
    """Return the L* that black ink alone prints at each of 256 steps, 0% to 100%."""
    from PIL import Image, ImageCms

    ramp = Image.new("CMYK", (256, 1))
    ramp.putdata([(0, 0, 0, step) for step in range(256)])
    transform = _transform(profile_id, "LAB", "CMYK", "LAB")
    measured = ImageCms.applyTransform(ramp, transform)
    return tuple(measured.getpixel((step, 0))[0] * 100 / 255 for step in range(256))


@functools.cache
def _transform(source: str, target: str, source_mode: str, target_mode: str):
    """Return a LittleCMS transform, relative colorimetric with black-point compensation,
    between profiles named ``sRGB``, ``LAB`` or by a profile id."""
    from PIL import ImageCms

    return ImageCms.buildTransform(
        _open(source), _open(target), source_mode, target_mode,
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
        flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)


def _open(name: str):
    """Return an ImageCms profile: built in (sRGB, LAB) or a profile's file."""
    from PIL import ImageCms

    if name in ("sRGB", "LAB"):
        return ImageCms.createProfile(name)
    return ImageCms.getOpenProfile(str(PROFILES[name].path))


def css(cmyk: tuple[float, float, float, float]) -> str:
    """Return CMYK as a CSS colour, ``device-cmyk(c m y k)``."""
    return "device-cmyk({})".format(" ".join(f"{part:.3g}" for part in cmyk))


def css_for_press(colour: str, profile_id: str) -> str:
    """Return a #rrggbb colour as the CSS CMYK colour a press prints it with."""
    return css(to_cmyk(colour, profile_id))


#: A colour of the palette in styles/colours.css: ``--name: #rrggbb;``.
PALETTE_ENTRY = re.compile(r"(--[a-z-]+)\s*:\s*(#[0-9a-fA-F]{6})\s*;")


@functools.lru_cache(maxsize=8)
def _palette(text: str, selector: str) -> tuple[tuple[str, str], ...]:
    """Return the palette's names and RGB colours from the text of a rule."""
    rule = text[text.index(selector + " {"):]
    rule = rule[:rule.index("}")]
    return tuple(PALETTE_ENTRY.findall(rule))


def design_palette(selector: str = ":root") -> dict[str, str]:
    """Return the palette of the design, by name: the RGB colours of ``:root`` in
    styles/colours.css (of ``:root.mono`` for the mono edition)."""
    return dict(_palette((paths.STYLES / "colours.css").read_text(encoding="utf-8"), selector))


def press_palette(profile_id: str) -> dict[str, str]:
    """Return the palette as a press prints it, by name: CSS CMYK colours."""
    return {name: css(BLACK) if name in SOLID_BLACK else css_for_press(colour, profile_id)
            for name, colour in design_palette().items()}


def picture_to_cmyk(picture, profile_id: str, source_profile: bytes | None = None):
    """Return a Pillow picture converted to CMYK through a profile, with the same intent
    as every other colour; from its own ICC profile when it has one, else from sRGB."""
    from PIL import ImageCms

    picture = picture.convert("RGB")
    if source_profile:
        import io

        source = ImageCms.ImageCmsProfile(io.BytesIO(source_profile))
        transform = ImageCms.buildTransform(
            source, _open(profile_id), "RGB", "CMYK",
            renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
            flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)
    else:
        transform = _transform("sRGB", profile_id, "RGB", "CMYK")
    return ImageCms.applyTransform(picture, transform)
