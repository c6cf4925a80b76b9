"""Rich text in content: Markdown (CommonMark), with raw HTML refused, links only to the
web, e-mail and telephone, and pictures only from the project's assets folder.

The schema checks each text with `problems` when the content is loaded, so that a bad
link or picture is reported with its file and line; templates render with `to_html`.
"""

from __future__ import annotations

import functools
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt
from markupsafe import Markup
from booklet import assets

#: The link schemes content may use.
LINK_SCHEMES = ("http", "https", "mailto", "tel")


@functools.cache
def checking_parser() -> MarkdownIt:
    """Return a parser that keeps raw HTML and every link as tokens, to find what to refuse."""
    parser = MarkdownIt("commonmark", {"html": True})
    parser.validateLink = lambda url: True
    return parser


@functools.cache
def rendering_parser() -> MarkdownIt:
    """Return the parser that renders content: raw HTML off, links and pictures vetted."""
    parser = MarkdownIt("commonmark", {"html": False})
    parser.validateLink = lambda url: link_problem(url) is None or image_problem(url) is None
    parser.add_render_rule("image", render_image)
    return parser


def render_image(self, tokens, index, options, env):
    """Render a picture with the address of its file in the assets folder."""
    token = tokens[index]
    token.attrSet("src", asset_path(token.attrGet("src")).as_uri())
    return self.image(tokens, index, options, env)


def to_html(text: str, inline: bool = False) -> Markup:
    """Render Markdown to HTML; inline text has no paragraph around it."""
    parser = rendering_parser()
    html = parser.renderInline(text) if inline else parser.render(text)
    return Markup(html)


def plain_text(text: str) -> list[str]:
    """Return the text of each paragraph, heading and list item, without markup."""
    parts = []
    for token in checking_parser().parse(text):
        if token.type == "inline":
            words = [" " if child.type in ("softbreak", "hardbreak") else child.content
                     for child in token.children or []
                     if child.type in ("text", "code_inline", "softbreak", "hardbreak")]
            parts.append(" ".join("".join(words).split()))
    return [part for part in parts if part]


def problems(text: str) -> list[tuple[int, str]]:
    """Return (line in the text, 0-based; message) for each HTML tag, link or picture refused."""
    found = []
    for token in checking_parser().parse(text):
        line = token.map[0] if token.map else 0
        if token.type == "html_block":
            found.append((line, html_message(token.content)))
        for child in token.children or []:
            if child.type in ("softbreak", "hardbreak"):
                line += 1
            elif child.type == "html_inline":
                found.append((line, html_message(child.content)))
            elif child.type == "link_open":
                message = link_problem(child.attrGet("href"))
                if message:
                    found.append((line, message))
            elif child.type == "image":
                message = image_problem(child.attrGet("src"))
                if message:
                    found.append((line, message))
    return found


def html_message(html: str) -> str:
    """Describe raw HTML found in content."""
    shown = " ".join(html.split())
    shown = shown if len(shown) <= 40 else shown[:37] + "..."
    return f"expected Markdown text, found HTML {shown!r}; write plain text instead"


def link_problem(url: str) -> str | None:
    """Return why a link may not be used, or None if it may."""
    scheme = urlsplit(url).scheme.lower()
    if scheme in LINK_SCHEMES:
        return None
    return (f"expected a link to {', '.join(scheme + ':' for scheme in LINK_SCHEMES)}, "
            f"found {url!r}")


def asset_path(src: str) -> Path:
    """Return the file a picture's address names in the assets folder (checked first)."""
    return assets.resolve(unquote(src))


def image_problem(src: str) -> str | None:
    """Return why a picture may not be shown, or None if it may."""
    expected = "expected a picture in the assets folder, such as 'pictograms/school.svg'"
    shown = assets.shorten(src)
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or src.startswith(("/", "\\")):
        return f"{expected}, found {shown!r}"
    name = unquote(src)
    if not name.lower().endswith(assets.IMAGE_SUFFIXES):
        return f"{expected} ({', '.join(assets.IMAGE_SUFFIXES)}), found {shown!r}"
    try:
        assets.check(name)
    except assets.AssetError as error:
        return f"{expected}, found {shown!r}, {error}"
    return None
