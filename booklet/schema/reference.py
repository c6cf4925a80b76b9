"""The field reference of ``docs/content.md`` and ``docs/sessions.md``, written from the
declarations so that the documentation cannot drift from the schema."""

from __future__ import annotations

from pathlib import Path

from booklet.schema.declarations import DOCUMENTED, SESSION_DOCUMENTED
from booklet.schema.kinds import MAY_STAY_ENGLISH, Record

#: What the reference says of a field marked translatable, by its mark.
TRANSLATED = {True: " *Translated.*",
              MAY_STAY_ENGLISH: " *Translated; English stands in until it is.*"}


def reference(records: list[tuple[str, Record]] | None = None) -> str:
    """Return the field reference as Markdown tables, one per record."""
    sections = []
    for title, record in records or DOCUMENTED:
        rows = [f"### {title}", "", "| key | type | required | what it is | example |",
                "|---|---|---|---|---|"]
        for field in record.fields:
            required = "yes" if field.required else "no"
            rows.append(f"| `{field.name}` | {field.kind.name} | {required} | {field.doc}"
                        f"{TRANSLATED.get(field.translatable, '')} | `{field.example}` |")
        sections.append("\n".join(rows))
    return "\n\n".join(sections) + "\n"



def write_reference(markdown: Path) -> None:
    """Replace the field reference between the markers of a Markdown file (docs/content.md
    or docs/sessions.md)."""
    records = SESSION_DOCUMENTED if markdown.name == "sessions.md" else DOCUMENTED
    text = markdown.read_text(encoding="utf-8")
    start, end = "<!-- reference:start -->\n", "<!-- reference:end -->"
    before, rest = text.split(start, 1)
    after = rest.split(end, 1)[1]
    markdown.write_text(before + start + reference(records) + end + after, encoding="utf-8")
