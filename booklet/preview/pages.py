"""The preview's HTML pages: the front page listing every output, one output page by page,
and the script with which an open page follows the build."""

from __future__ import annotations

import html
import json

from booklet.editions import GENERIC
from booklet.preview.state import Wanted

#: Seconds between two looks of an open page at the state of the build.
POLL_SECONDS = 0.5
#: The width of a page picture, in pixels.
PAGE_WIDTH = 620


POLLING = """
<script>
  const seen = %(seen)s;
  const viewing = %(viewing)s;
  async function look() {
    try {
      const query = viewing ? "?viewing=" + encodeURIComponent(viewing) : "";
      const state = await (await fetch("/state" + query, {cache: "no-store"})).json();
      const now = viewing ? [state.output, state.errors.join("\\n")] : state.version;
      if (JSON.stringify(now) !== JSON.stringify(seen)) { location.reload(); return; }
    } catch (error) {}
    setTimeout(look, %(milliseconds)d);
  }
  setTimeout(look, %(milliseconds)d);
</script>
"""


def page(title: str, body: str, seen: object, viewing: str | None = None) -> bytes:
    """Return a whole HTML page that reloads itself when what it shows changes: the build
    (`seen` is the version), or, for one output (`viewing`), that output and the errors."""
    script = POLLING % {"seen": json.dumps(seen), "viewing": json.dumps(viewing),
                        "milliseconds": POLL_SECONDS * 1000}
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>
  body {{ font-family: "Noto Sans", sans-serif; margin: 1.5rem; background: #e8e8e8; }}
  .errors {{ background: #fff0f0; border: 2px solid #b00020; padding: 1rem; }}
  .errors pre {{ white-space: pre-wrap; margin: 0; }}
  .pages {{ display: flex; flex-wrap: wrap; gap: 1rem; }}
  figure {{ margin: 0; background: white; box-shadow: 0 1px 4px #0004; }}
  figure img {{ display: block; width: {PAGE_WIDTH // 2}px; }}
  figcaption {{ font-size: 0.8rem; padding: 0.3rem; }}
  .text {{ position: absolute; left: -10000px; }}
  .waiting {{ color: #555; }}
</style></head>
<body>{body}{script}</body></html>""".encode()


def edition_label(edition: str) -> str:
    """Return what a preview's link says of an output's edition: nothing for the generic
    one, the country edition's id otherwise."""
    return "" if edition == GENERIC else f"{edition}, "


def errors_block(errors: list[str]) -> str:
    """Return the error lines to show instead of, or above, the pages."""
    if not errors:
        return ""
    lines = html.escape("\n".join(errors))
    return (f'<div class="errors" id="errors"><h2>The content has problems</h2>'
            f'<pre>{lines}</pre><p>Fix the file and save it: this page will come back '
            f'by itself.</p></div>')


def front_page(state: dict, wanted: list[Wanted], names: dict[str, str],
               built: set[str]) -> bytes:
    """Return the page listing every output of the content, built or not yet."""
    rows = "".join(
        f'<li><a href="/preview/{html.escape(item.path)}">'
        f'{html.escape(names.get(item.audience, item.audience))}: '
        f'{html.escape(item.format)} ({html.escape(edition_label(item.edition))}'
        f'{html.escape(item.lang)})</a> '
        + (f'<a href="/pdf/{html.escape(item.path)}">PDF</a>' if item.path in built
           else '<span class="waiting">(being built)</span>') + "</li>"
        for item in sorted(wanted, key=lambda item: (item.edition != GENERIC, item.edition,
                                                     item.lang, item.audience, item.format)))
    waiting = (f'<p class="waiting">Building: {state["waiting"]} to go; a preview you '
               "open is built first.</p>" if state["waiting"] else "")
    body = f"<h1>Preview</h1>{waiting}{errors_block(state['errors'])}<ul>{rows}</ul>"
    return page("Preview", body, state["version"])


def preview_page(state: dict, relative: str, texts: list[str] | None, known: bool) -> bytes:
    """Return the page of one output: a picture of each page with its text, or a note that
    it is being built (`known`) or that the content has no such output."""
    figures = "".join(
        f'<figure><img src="/page/{html.escape(relative)}/{number}.png?v={state["version"]}" '
        f'alt="Page {number}"><figcaption>Page {number}</figcaption>'
        f'<div class="text">{html.escape(text)}</div></figure>'
        for number, text in enumerate(texts or [], start=1))
    if texts is not None:
        note = ""
    elif known:
        note = '<p class="waiting">Being built; it shows here when it is ready.</p>'
    else:
        note = "<p>The build has no such output.</p>"
    link = f'<p><a href="/pdf/{html.escape(relative)}">The PDF</a> · <a href="/">All</a></p>'
    body = (f"<h1>{html.escape(relative)}</h1>{errors_block(state['errors'])}{note}"
            f'{link}<div class="pages" id="pages">{figures}</div>')
    seen = [state["output"], "\n".join(state["errors"])] if known else state["version"]
    return page(relative, body, seen, relative if known else None)
