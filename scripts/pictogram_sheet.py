"""Write docs/pictograms.md's picture and table of the Health Icons the content uses.

Usage: python scripts/pictogram_sheet.py [CONTENT_FOLDER]   (after `make setup`)

Draws every Health Icon the content names (`healthicons:...`) on a contact sheet,
docs/images/pictograms.png, each with its name, as the booklets draw them (cleaned by
booklet.assets, in one ink); and rewrites the table of them in docs/pictograms.md, between
its markers.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from booklet import icons  # noqa: E402 (after the path is set)
from booklet.load import load  # noqa: E402 (after the path is set)
from booklet.render import coloured_svg  # noqa: E402 (after the path is set)

DOCS = ROOT / "docs" / "pictograms.md"
PICTURE = ROOT / "docs" / "images" / "pictograms.png"
START, END = "<!-- health-icons:start -->", "<!-- health-icons:end -->"
#: The ink of the sheet: the children's theme colour.
INK = "#1f6fb2"


def used(content) -> dict[str, list[str]]:
    """Return each pictogram the content names, with where: by name, in a stable order."""
    found: dict[str, list[str]] = {}

    def note(name: str, where: str) -> None:
        found.setdefault(name, [])
        if where not in found[name]:
            found[name].append(where)

    for audience in content.audiences:
        for message in audience.key_messages:
            note(message.pictogram, "key messages")
        for item in audience.checklist.items if audience.checklist else ():
            note(item.pictogram, "checklists")
        for name in audience.cover_scene:
            note(name, "covers")
        note(audience.pictogram, "handout mastheads")
    for question in content.questions:
        for name in question.pictures:
            note(name, "answers")
        for version in question.versions:
            for name in version.pictures:
                note(name, "answers")
    return dict(sorted(found.items()))


def sheet_html(names: list[str]) -> str:
    """Return the HTML of the contact sheet: each icon, drawn, above its name."""
    cells = "".join(
        f'<div class="cell">{coloured_svg(name, INK, "#ffffff")}'
        f'<p>{escape(name.removeprefix(icons.PREFIX))}</p></div>' for name in names)
    return ("<style>@page { size: A4; margin: 4mm; } body { margin: 0; "
            "font: 6.5pt 'Noto Sans'; } .cell { display: inline-block; width: 29mm; "
            "height: 25mm; text-align: center; vertical-align: top; } .cell svg { width: "
            "14mm; height: 14mm; } p { margin: 1mm 0 0; overflow-wrap: anywhere; }</style>"
            f"{cells}")


def write_sheet(names: list[str]) -> None:
    """Draw the contact sheet to docs/images/pictograms.png."""
    import weasyprint

    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "sheet.pdf"
        weasyprint.HTML(string=sheet_html(names)).write_pdf(pdf)
        subprocess.run(["pdftoppm", "-r", "110", "-png", "-singlefile", str(pdf),
                        str(PICTURE.with_suffix(""))], check=True)
    # The page is A4: keep the drawn part, with a margin.
    from PIL import Image, ImageOps

    with Image.open(PICTURE) as image:
        left, top, right, bottom = ImageOps.invert(image.convert("RGB")).getbbox()
        image.crop((max(0, left - 20), max(0, top - 20), min(image.width, right + 20),
                    min(image.height, bottom + 20))).save(PICTURE, optimize=True)


def table(found: dict[str, list[str]]) -> str:
    """Return the Markdown table of the Health Icons used, with what each shows."""
    rows = ["| name | what it shows | used in |", "|---|---|---|"]
    rows += [f"| `{name}` | {icons.title(name)} | {', '.join(where)} |"
             for name, where in found.items() if icons.is_icon(name)]
    return "\n".join(rows)


def main(content_folder: Path) -> None:
    """Write the contact sheet and the table of the Health Icons the content uses."""
    found = used(load(content_folder))
    library = {name: where for name, where in found.items() if icons.is_icon(name)}
    write_sheet(list(library))
    text = DOCS.read_text(encoding="utf-8")
    before, _, rest = text.partition(START)
    _, _, after = rest.partition(END)
    DOCS.write_text(f"{before}{START}\n{table(library)}\n{END}{after}", encoding="utf-8")
    print(f"wrote {PICTURE.relative_to(ROOT)} and the table of {len(library)} icons "
          f"in {DOCS.relative_to(ROOT)}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "content")
