"""Stage 3: render an `Edition` to HTML through the Jinja2 templates.

Content is data, never template code: it reaches the templates only as values,
and autoescaping turns any markup in it into plain text.
"""

from __future__ import annotations

import datetime
import functools
import re
from typing import Callable

import jinja2
import yaml
from markupsafe import Markup, escape

from booklet import assets, colour, icons, paths, qrcode, richtext, scene, typography
from booklet.colour import DEFAULT_PROFILE, css_for_press
from booklet.compose import Edition
from booklet.errors import BookletError
from booklet.formats import VARIANTS, page_size
from booklet.paths import STYLES, TEMPLATES
from booklet.segment import mark_breaks_in_html



@functools.cache
def cached_environment() -> jinja2.Environment:
    """Return this process's template environment, made once (its templates compiled
    once)."""
    return environment()


def environment() -> jinja2.Environment:
    """Return the Jinja2 environment: autoescaping on, undefined names an error."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["long_date"] = long_date
    env.filters["web_address"] = web_address
    env.filters["markdown"] = richtext.to_html
    env.filters["markdown_inline"] = functools.partial(richtext.to_html, inline=True)
    return env


def pictogram_svg(name: str) -> str:
    """Return the clean SVG of a pictogram: one <svg> element of drawing elements only."""
    try:
        return assets.pictogram(name)
    except assets.AssetError as error:
        shown = name if icons.is_icon(name) else paths.ASSETS / "pictograms" / f"{name}.svg"
        raise BookletError(f"{shown}: {error}") from None


#: A colour written in an SVG: #rgb or #rrggbb.
SVG_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")


def pictogram(name: str, ink: str, paper: str,
              other: Callable[[str], str] = lambda value: value) -> Markup:
    """Return a pictogram to draw inline: its shapes in `ink`, its cut-outs in `paper`,
    any other colour as `other` gives it.

    The SVG files draw in currentColor with white cut-outs; the colours are written in so
    that the print variant's pictograms are in CMYK like the rest of its page, converted
    through the same profile.
    """
    svg = coloured_svg(name, ink, paper, other)
    return Markup(f'<span class="pictogram" role="img" aria-label="{escape(label(name))}">'
                  f'{svg}</span>')


def coloured_svg(name: str, ink: str, paper: str,
                 other: Callable[[str], str] = lambda value: value) -> str:
    """Return a pictogram's clean SVG with its colours written in (see `pictogram`)."""
    # The colours written in the file first, then the ink: an ink of white (a scene on a
    # panel) must not be taken for a cut-out.
    svg = SVG_COLOUR.sub(lambda found: paper if found.group().lower() in ("#fff", "#ffffff")
                         else other(six_digits(found.group())), pictogram_svg(name))
    return re.sub(r"<title>.*?</title>", "", svg.replace("currentColor", ink))


def label(name: str) -> str:
    """Return what a pictogram shows, in words, for screen readers."""
    return icons.title(name) if icons.is_icon(name) else name


def cover_scene(names: tuple[str, ...], ink: str, paper: str,
                other: Callable[[str], str]) -> Markup:
    """Return the cover's picture: a scene composed from its pictograms (`booklet.scene`),
    in `ink` with cut-outs in `paper`."""
    svgs = [coloured_svg(name, ink, paper, other) for name in names]
    return Markup(scene.compose(svgs, ink, escape(", ".join(label(name) for name in names))))


def logo(name: str, convert: Callable[[str], str], label: str) -> Markup:
    """Return a partner's logo to draw: an SVG inline, its #rrggbb colours (and its default
    black) as `convert` gives them, so that in print they go through the output profile
    like every colour; a raster picture by its address (the press converts its pixels)."""
    if not name.lower().endswith(".svg"):
        uri = richtext.asset_path(name).as_uri()
        return Markup(f'<img class="logo" src="{escape(uri)}" alt="{escape(label)}">')
    try:
        svg = assets.read(name).decode("utf-8")
    except assets.AssetError as error:
        raise BookletError(f"{paths.ASSETS / name}: {error}") from None
    svg = re.sub(r"<title>.*?</title>", "", svg).replace("currentColor", "#000000")
    svg = SVG_COLOUR.sub(lambda found: convert(six_digits(found.group())), svg)
    if not re.match(r"<svg\b[^>]*\sfill=", svg):
        svg = svg.replace("<svg", f'<svg fill="{convert("#000000")}"', 1)
    return Markup(f'<span class="logo" role="img" aria-label="{escape(label)}">{svg}</span>')


def six_digits(colour: str) -> str:
    """Return a #rgb or #rrggbb colour as #rrggbb."""
    return colour if len(colour) == 7 else "#" + "".join(part * 2 for part in colour[1:])


#: Where a web address may break across lines, as typesetters break one: before a dot,
#: after a slash.
ADDRESS_BREAK = re.compile(r"(?=\.)|(?<=/)")


def web_address(url: str) -> str:
    """Return a web address as printed: without its scheme and last slash, able to break
    only before a dot or after a slash (never inside a word, as in "or|g").

    The breaks are zero-width spaces: WeasyPrint breaks a link's text at a <wbr> only
    where nothing else fits, and otherwise inside a word."""
    shown = url.split("://", 1)[-1].rstrip("/")
    return "\u200b".join(piece for piece in ADDRESS_BREAK.split(shown) if piece)


def long_date(date: datetime.date) -> str:
    """Format a date as "24 October 2008"."""
    return f"{date.day} {date.strftime('%B')} {date.year}"


@functools.lru_cache(maxsize=16)
def words(language: str) -> dict[str, str]:
    """Return the fixed words of the templates in a language (templates/words/<language>.yaml),
    or in its base language (``zh`` for ``zh-Hans``)."""
    folder = paths.TEMPLATES / "words"
    for name in (language, language.split("-")[0]):
        path = folder / f"{name}.yaml"
        if path.is_file():
            return yaml.safe_load(path.read_text(encoding="utf-8"))
    raise BookletError(f"{folder / (language + '.yaml')}: expected the fixed words of the "
                       f"templates in '{language}', found no file; copy words/en.yaml and "
                       "translate it")


def theme_colour(colour: str, variant: str, profile: str = DEFAULT_PROFILE) -> str:
    """Return a #rrggbb colour of the design as CSS: itself on screen, solid black in
    mono, and for print the CMYK the press prints it with, through the output profile."""
    if VARIANTS[variant].greyscale:
        return MONO_INK
    if not VARIANTS[variant].for_press:
        return colour
    return css_for_press(colour, profile)


#: The body text's size in points, for readers who read little (``large_type``) and for
#: the others, unless the audience sets its own (``type_size``).
LARGE_TYPE, REGULAR_TYPE = 12, 10


def type_size(audience) -> float:
    """Return the body text's size of an audience, in points."""
    return audience.type_size or (LARGE_TYPE if audience.large_type else REGULAR_TYPE)


#: The one ink of the mono variant's colours: text, headings, rules and pictograms.
MONO_INK = "#000000"


def render(edition: Edition, created: datetime.datetime,
           env: jinja2.Environment | None = None) -> str:
    """Return the HTML of an edition."""
    env = env or environment()
    template = env.get_template(f"{edition.format}.html")
    theme = theme_colour(edition.audience.colour, edition.variant, edition.profile)
    press = VARIANTS[edition.variant].for_press
    paper = "device-cmyk(0 0 0 0)" if press else "#ffffff"
    # Any other colour of a picture: through the profile in print, black in mono.
    other = functools.partial(theme_colour, variant=edition.variant, profile=edition.profile)
    html = template.render(
        pictogram=functools.partial(pictogram, ink=theme, paper=paper, other=other),
        cover_pictogram=pictogram(edition.audience.pictogram,
                                  *((paper, theme) if press
                                    else (theme, paper)), other=other),
        # The cover's scene stands in the theme colour on the paper, but in print, where
        # it stands in the paper's colour on a panel of the theme colour (booklet.css).
        cover_scene=cover_scene(edition.audience.cover_scene or (edition.audience.pictogram,),
                                *((paper, theme) if press else (theme, paper)), other=other),
        edition=edition,
        type_size=type_size(edition.audience),
        words=words(edition.publication.language),
        publication=edition.publication,
        audience=edition.audience,
        created=created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        styles=STYLES.as_uri(),
        page_size=page_size(edition.format, edition.paper),
        theme=theme,
        cmyk_profile=colour.profile(edition.profile).path.as_uri(),
        press_palette=colour.press_palette(edition.profile) if press else {},
        # QR codes in black ink alone, on the paper: CMYK black in print.
        qr_code=functools.partial(qrcode.svg, ink="device-cmyk(0 0 0 1)" if press
                                  else "#000000", paper=paper),
        # A partner's logo keeps its colours but for the press, which gets them in CMYK;
        # the mono edition turns the finished page to greys.
        logo=functools.partial(logo, convert=other if press else lambda value: value),
    )
    html = typography.set_html(html, edition.publication.language)
    return mark_breaks_in_html(html, edition.publication.language, edition.keep_together)
