"""Check, before any work, that the fonts and the font subsetter the build needs are here.

Without them WeasyPrint would fall back silently: to another font, which changes the
look and may lack glyphs, or to a subsetter five times slower. The build stops instead.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from booklet import paths
from booklet.errors import MissingDependencyError

#: The font family every format is set in, and the styles the stylesheets use.
FAMILY = "Noto Sans"
STYLES = ("Regular", "Bold", "Italic")
#: The Debian package that provides them.
FONT_PACKAGE = "fonts-noto-core"


#: The font of each language whose script Noto Sans does not cover, and its package.
LANGUAGE_FONTS = {
    "th": ("Noto Sans Thai", FONT_PACKAGE),
    "lo": ("Noto Sans Lao", FONT_PACKAGE),
    "km": ("Noto Sans Khmer", FONT_PACKAGE),
    "my": ("Noto Sans Myanmar", FONT_PACKAGE),
    "zh": ("Noto Sans CJK SC", "fonts-noto-cjk"),
}


def require_fonts_and_subsetter(print_variant: bool = False,
                                languages: tuple[str, ...] = ()) -> None:
    """Raise `MissingDependencyError` naming what to install if a font (of the languages
    built), the subsetter or (for the print variant) the CMYK colour profile is missing."""
    for language in languages:
        family, package = LANGUAGE_FONTS.get(language.split("-")[0], (None, None))
        if family and family_of(family) != family:
            raise MissingDependencyError(
                f"font not installed: {family}, for the language '{language}'; install the "
                f"Debian package {package} (apt-get install {package})")
    missing = [f"{FAMILY} {style}" for style in STYLES if matched_family(style) != FAMILY]
    if missing:
        raise MissingDependencyError(
            f"font(s) not installed: {', '.join(missing)}; install the Debian package "
            f"{FONT_PACKAGE} (apt-get install {FONT_PACKAGE}) or run 'make booklets' as root")
    if not harfbuzz_subset_available():
        raise MissingDependencyError(
            "the font subsetter HarfBuzz-Subset is not installed; install the Debian package "
            "libharfbuzz-subset0 (apt-get install libharfbuzz-subset0)")
    if print_variant and not paths.CMYK_PROFILE.is_file():
        raise MissingDependencyError(
            f"the CMYK colour profile {paths.CMYK_PROFILE} of the print variant is not "
            "installed; install the Debian package libgs-common (apt-get install libgs-common)")


def matched_family(style: str) -> str:
    """Return the family fontconfig picks for Noto Sans in a style (another if it is missing)."""
    return family_of(f"{FAMILY}:style={style}")


def family_of(pattern: str) -> str:
    """Return the family fontconfig picks for a pattern (another one if it is missing)."""
    if shutil.which("fc-match") is None:
        raise MissingDependencyError("fontconfig's fc-match is not installed; install the "
                                     "Debian package fontconfig")
    result = subprocess.run(["fc-match", "-f", "%{family[0]}", pattern],
                            capture_output=True, text=True, check=False)
    return result.stdout.strip()


def matched_files() -> list[Path]:
    """Return the font files fontconfig picks for each style of the family."""
    files = []
    for style in STYLES:
        result = subprocess.run(["fc-match", "-f", "%{file}", f"{FAMILY}:style={style}"],
                                capture_output=True, text=True, check=False)
        files.append(Path(result.stdout.strip()))
    return files


def harfbuzz_subset_available() -> bool:
    """Return whether WeasyPrint found the HarfBuzz subsetting library."""
    from booklet import weasy

    return weasy.harfbuzz_subset_available()
