"""The glossary for translators, written from the termbase (``content/terms.yaml``): for
each concept, the term to use in each language and the terms never to use, with why.

    python -m booklet.glossary [FILE [CONTENT]]   (print it, or write it into FILE)
"""

from __future__ import annotations

import sys
from pathlib import Path

from booklet import model
from booklet.errors import BookletError
from booklet.load import load
from booklet.terms import available_of


def glossary(content: model.Content) -> str:
    """Return the glossary for translators in Markdown: a table per concept with its
    preferred term in each language, and the terms to avoid with the reasons."""
    parts = ["# Glossary", "",
             "One word for one thing. For each concept: the term to use in each language "
             "of the booklets, and the terms never to use, with the reason. Written by "
             "`python -m booklet.glossary docs/glossary.md` from `content/terms.yaml`; edit "
             "that file, not this one. `python make_booklet.py --check` reports each term "
             "to avoid found in the content or a translation, and print editions are not "
             "built while there is one.", ""]
    if not content.terms:
        parts += ["No terms yet: the content has no `terms.yaml`.", ""]
    languages = available_of(content)
    for term in content.terms:
        parts += [f"## {term.id}", "", term.concept, "",
                  "| language | use | do not use | why |", "|---|---|---|---|"]
        for language in languages:
            parts += glossary_rows(term, language)
        parts.append("")
    return "\n".join(parts)


def glossary_rows(term: model.Term, language: str) -> list[str]:
    """Return a concept's rows of the glossary for one language: the preferred term on the
    first, a term to avoid on each."""
    preferred = cell(term.preferred.get(language, "")) or "(none chosen yet)"
    avoided = [avoided for avoided in term.avoid if avoided.lang == language] or [None]
    rows = []
    for index, entry in enumerate(avoided):
        first = (f"`{language}`", preferred) if index == 0 else ("", "")
        shunned, why = "", ""
        if entry:
            shunned, why = cell(entry.term), cell(" ".join(entry.reason.split()))
            if entry.audiences:
                why += f" (in texts for {', '.join(entry.audiences)} only)"
        rows.append(f"| {first[0]} | {first[1]} | {shunned} | {why} |")
    return rows


def cell(text: str) -> str:
    """Return text safe in a Markdown table cell."""
    return text.replace("|", "\\|")


def write_glossary(markdown: Path, content: model.Content) -> None:
    """Write the glossary of the content's termbase into a Markdown file."""
    markdown.write_text(glossary(content), encoding="utf-8")


def main(argv: list[str]) -> int:
    """Print the glossary, or write it into the file named first; the content folder may
    follow (default: content)."""
    try:
        content = load(Path(argv[1]) if len(argv) > 1 else Path("content"))
    except BookletError as error:
        print("\n".join(error.lines()), file=sys.stderr)
        return 1
    if argv:
        write_glossary(Path(argv[0]), content)
    else:
        print(glossary(content), end="")
    return 0


if __name__ == "__main__":
    # python -m booklet.glossary [FILE [CONTENT]]: print the glossary, or write it into FILE.
    sys.exit(main(sys.argv[1:]))
