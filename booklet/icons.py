"""The pictogram library: Health Icons, beside the project's own pictograms.

Health Icons (the npm package ``healthicons``, MIT licence, pinned in ``package.json`` and
installed into ``node_modules/`` by ``make setup``) are about 1,500 single-colour icons
drawn for health and social communication in low-resource settings: people, places,
objects, actions. Content names one as ``healthicons:CATEGORY/NAME`` (the filled icon,
which reads best small and on a photocopy), or ``healthicons:outline/CATEGORY/NAME``;
``healthicons:people/domestic_worker`` is ``public/icons/svg/filled/people/domestic_worker.svg``
in the package. Every icon is read as every picture is (`booklet.assets`): inside the
library's folder, bounded in size, its SVG rebuilt from drawing elements.

A few icons are never to be used in this content (`REFUSED`): they name or show people
in words the termbase avoids, or show exploitation itself.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
from pathlib import Path

from booklet import assets, paths

#: The prefix of a Health Icons name in content.
PREFIX = "healthicons:"
#: The package's folder, as `npm ci` installs it.
PACKAGE = paths.PROJECT / "node_modules" / "healthicons"
#: The folder of its SVG icons, one folder per style, then per category.
SVG_FOLDER = PACKAGE / "public" / "icons" / "svg"
#: The styles content may name: filled (the default, no style in the name) and outline.
STYLES = {"": "filled", "outline/": "outline"}
#: A Health Icons name: the prefix, an optional style, a category and an icon.
NAME = re.compile(r"healthicons:(outline/)?([a-z0-9_-]+)/([A-Za-z0-9_!-]+)")

#: Icons never used here, with the reason: the words and pictures of this content follow
#: the Luxembourg Terminology Guidelines (2016) and never show exploitation itself.
REFUSED = {
    "people/female_sex_worker": "a child is never a sex worker, and the content never "
                                "names victims so (Luxembourg Guidelines, 2016)",
    "people/male_sex_worker": "a child is never a sex worker, and the content never names "
                              "victims so (Luxembourg Guidelines, 2016)",
    "people/prisoner": "victims of trafficking are not criminals; the content never shows "
                       "them as such",
    "vehicles/war": "it shows violence, which the content never shows",
}


class MissingLibrary(assets.AssetError):
    """The icon library is not installed."""


def is_icon(name: str) -> bool:
    """Return whether a pictogram's name is one of the Health Icons."""
    return name.startswith(PREFIX)


def relative_path(name: str) -> str:
    """Return an icon's file inside the SVG folder, such as ``filled/people/man.svg``;
    raise `AssetError` for a name of the wrong form or a refused icon."""
    match = NAME.fullmatch(name)
    if not match:
        raise assets.AssetError("which is not of the form healthicons:CATEGORY/NAME "
                                "(or healthicons:outline/CATEGORY/NAME)")
    style, category, icon = match.groups()
    reason = REFUSED.get(f"{category}/{icon}")
    if reason:
        raise assets.AssetError(f"which is not used here: {reason}")
    return f"{STYLES[style or '']}/{category}/{icon}.svg"


def svg(name: str) -> str:
    """Return the clean SVG of a Health Icon, rebuilt from its drawing elements."""
    if not SVG_FOLDER.is_dir():
        raise MissingLibrary(f"which needs the Health Icons library in {PACKAGE}; run "
                             "`make setup` (npm ci) to install it")
    return cleaned(relative_path(name))


@functools.lru_cache(maxsize=512)
def cleaned(relative: str) -> str:
    """Return the clean SVG of an icon's file (read once per process)."""
    path = assets.resolve(relative, SVG_FOLDER)
    return assets.clean_svg(assets.read_bounded(path, assets.MAX_SVG_BYTES))


@functools.cache
def names() -> tuple[str, ...]:
    """Return the names of every icon content may use, filled and outline."""
    if not SVG_FOLDER.is_dir():
        return ()
    found = []
    for prefix, style in STYLES.items():
        for path in sorted((SVG_FOLDER / style).glob("*/*.svg")):
            icon = f"{path.parent.name}/{path.stem}"
            if icon not in REFUSED:
                found.append(f"{PREFIX}{prefix}{icon}")
    return tuple(found)


def close_names(name: str, known: tuple[str, ...] | list[str], count: int = 4) -> list[str]:
    """Return the known names closest to a misspelt one: by the whole name, and by the icon's
    own name in any category (``healthicons:family`` finds ``healthicons:people/...``)."""
    # Compared without the prefix, which every icon shares and which would make any two
    # icon names look alike.
    bare = {candidate.removeprefix(PREFIX): candidate for candidate in known}
    found = [bare[match] for match in difflib.get_close_matches(
        name.removeprefix(PREFIX), list(bare), n=count, cutoff=0.75)]
    tail = name.removeprefix(PREFIX).rsplit("/", 1)[-1].lower()
    by_tail = {candidate.rsplit("/", 1)[-1].removeprefix(PREFIX).lower(): candidate
               for candidate in known if "outline/" not in candidate}
    found += [by_tail[match] for match in difflib.get_close_matches(tail, list(by_tail),
                                                                     n=count, cutoff=0.7)]
    if len(tail) > 2:
        found += [candidate for icon, candidate in by_tail.items() if tail in icon]
    return list(dict.fromkeys(found))[:count]


@functools.cache
def titles() -> dict[str, str]:
    """Return each icon's title in English, by ``CATEGORY/NAME`` (from the package's
    metadata), to label it for screen readers and in the docs."""
    path = SVG_FOLDER.parent / "meta-data.json"
    try:
        records = json.loads(assets.read_bounded(path, 5_000_000))
    except (assets.AssetError, ValueError):
        return {}
    return {record["path"]: record["title"] for record in records
            if isinstance(record, dict) and isinstance(record.get("path"), str)
            and isinstance(record.get("title"), str)}


def title(name: str) -> str:
    """Return what an icon shows, in words ("Domestic Worker"), or its name."""
    match = NAME.fullmatch(name)
    if not match:
        return name
    return titles().get(f"{match.group(2)}/{match.group(3)}", match.group(3).replace("_", " "))


def version() -> str:
    """Return the installed library's version, or ``none``: outputs depend on it."""
    try:
        return json.loads((PACKAGE / "package.json").read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return "none"


def licence_file() -> Path:
    """Return the library's licence (MIT), to cite in the docs."""
    return PACKAGE / "LICENSE"
