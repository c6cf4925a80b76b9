"""The project's folders that the build reads besides the content."""

from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
#: Jinja2 templates, one per format.
TEMPLATES = PROJECT / "templates"
#: Print stylesheets.
STYLES = PROJECT / "styles"
#: Pictures that content may show; content can name no file outside this folder.
ASSETS = PROJECT / "assets"
#: Ghostscript's CMYK colour profile (Debian: libgs-common), one of the output profiles of
#: the print variant (`booklet.colour.PROFILES`), and the one Ghostscript renders with.
CMYK_PROFILE = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
