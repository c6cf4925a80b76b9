"""``make_booklet.py translation``: the translators' round trip, each step its own command.

    translation export LANG   write the language's texts as PO or XLIFF, for a translator
    translation import FILE   bring a translated PO or XLIFF file back into the content
    translation stamp LANG    record the English of texts translated by hand
    translation proof LANG    make the bilingual proof a reviewer marks up

The work is done in `booklet.exchange` (PO and XLIFF), `booklet.sources` (the English
each text was made from) and `booklet.proof` (the bilingual proof).
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from booklet.errors import BookletError

#: The steps of the round trip, by name, with what each does.
ACTIONS = {
    "export": "write a language's texts as a PO or XLIFF file, for a translator",
    "import": "bring a translated PO or XLIFF file back into the translation file",
    "stamp": "record the English of texts translated by hand (or confirm outdated ones)",
    "proof": "make a bilingual review proof (PDF): English and translation side by side",
}
#: What an export is called when --out is not given, by format.
SUFFIXES = {"po": ".po", "xliff": ".xlf"}


class UsageError(BookletError):
    """The command asked for a language or audience the content does not have."""


def arguments(parse: argparse.ArgumentParser) -> None:
    """Add the steps of the round trip, each with its own arguments."""
    steps = parse.add_subparsers(dest="action", required=True, metavar="STEP",
                                 title="steps (make_booklet.py translation STEP --help)")
    export = steps.add_parser("export", help=ACTIONS["export"], description=(
        ACTIONS["export"][:1].upper() + ACTIONS["export"][1:] + ": every text with its id as "
        "context, the English, the translation, and notes. A language with no file yet "
        "gets a template to start from."))
    export.add_argument("language", metavar="LANG", help="the language tag, such as km")
    export.add_argument("--format", choices=list(SUFFIXES), default="po",
                        help="po (gettext) or xliff (XLIFF 2.0); default: po")
    export.add_argument("--out", type=Path, default=None, metavar="FILE",
                        help="where to write it (default: build/translations/LANG.po or .xlf)")
    export.add_argument("--audience", action="append", default=[], metavar="ID",
                        help="only the texts of this audience, besides those every "
                             "audience reads (repeatable; default: all)")
    export.add_argument("--template", action="store_true",
                        help="leave every translation out: a template (.pot) for new languages")
    content(export)
    imported = steps.add_parser("import", help=ACTIONS["import"], description=(
        "Write the translations of a PO or XLIFF file back into content/translations/"
        "LANG.yaml (and the templates' fixed words), changing only what changed. Every "
        "entry is checked first: an unknown id, or a translation that breaks the Markdown "
        "or drops a link of the English, is an error naming the file's line."))
    imported.add_argument("file", type=Path, metavar="FILE", help="the PO or XLIFF file")
    content(imported)
    stamp = steps.add_parser("stamp", help=ACTIONS["stamp"], description=(
        "Record the English each translated text was made from (content/translations/"
        "sources/LANG.yaml): of the given ids, confirming their translation still says what "
        "the English says, or else of each translated text with no record yet."))
    stamp.add_argument("language", metavar="LANG", help="the language tag, such as km")
    stamp.add_argument("ids", nargs="*", metavar="ID",
                       help="ids of texts whose translation is still right")
    content(stamp)
    proof = steps.add_parser("proof", help=ACTIONS["proof"], description=(
        "Make a review proof: each text's English and translation side by side, with its "
        "id, its status, the termbase's terms and room for remarks, set as the booklets are."))
    proof.add_argument("language", metavar="LANG", help="the language tag, such as km")
    proof.add_argument("--audience", action="append", default=[], metavar="ID",
                       help="only the texts of this audience, besides those every audience "
                            "reads (repeatable; default: all the translation has)")
    proof.add_argument("--out", type=Path, default=None, metavar="FILE",
                       help="where to write it (default: build/translations/LANG-proof.pdf)")
    content(proof)


def content(parse: argparse.ArgumentParser) -> None:
    """Add the --content option."""
    parse.add_argument("--content", type=Path, default=Path("content"),
                       help="the content folder (default: content)")


def run(arguments: argparse.Namespace) -> int:
    """Run a step of the round trip."""
    return {"export": run_export, "import": run_import, "stamp": run_stamp,
            "proof": run_proof}[arguments.action](arguments)


def run_export(arguments: argparse.Namespace) -> int:
    """Write a language's PO or XLIFF file and say what it holds."""
    from booklet import exchange
    from booklet.load import load
    from booklet.write import write_atomically

    loaded = load(arguments.content)
    check_language(arguments.language)
    check_audiences(loaded, arguments.audience)
    data = exchange.export(loaded, arguments.language, arguments.format,
                           tuple(arguments.audience), arguments.template)
    out = arguments.out or Path("build", "translations", arguments.language
                                + (".pot" if arguments.template and arguments.format == "po"
                                   else SUFFIXES[arguments.format]))
    write_atomically(out, data)
    found = exchange.entries(loaded, arguments.language, tuple(arguments.audience))
    counts = "a template: no translations" if arguments.template else ", ".join(
        f"{sum(entry.status == state for entry in found)} {state}"
        for state in ("translated", "outdated", "missing"))
    print(f"wrote {out}: {len(found)} texts ({counts})")
    return 0


def run_import(arguments: argparse.Namespace) -> int:
    """Import a PO or XLIFF file and say what changed."""
    from booklet import exchange

    done = exchange.import_file(arguments.file, arguments.content)
    print(f"{done.language}: {len(done.changed)} text(s) changed, {len(done.recorded)} "
          f"English recorded, {len(done.fuzzy)} left to review (fuzzy)")
    for path in done.written:
        print(f"wrote {path}")
    if not done.written:
        print("nothing changed")
    return 0


def run_stamp(arguments: argparse.Namespace) -> int:
    """Record the English of a language's texts translated by hand."""
    from booklet.load import load
    from booklet.sources import sources_path, stamp

    loaded = load(arguments.content)
    stamped = stamp(loaded, arguments.language, tuple(arguments.ids))
    print(f"{arguments.language}: recorded the English of {len(stamped)} text(s) in "
          f"{sources_path(arguments.content, arguments.language)}")
    return 0


def run_proof(arguments: argparse.Namespace) -> int:
    """Make a language's bilingual proof."""
    from booklet.load import load
    from booklet.proof import proof

    loaded = load(arguments.content)
    check_language(arguments.language)
    check_audiences(loaded, arguments.audience)
    out = arguments.out or Path("build", "translations", f"{arguments.language}-proof.pdf")
    made = proof(loaded, arguments.language, tuple(arguments.audience), out)
    print(f"wrote {out}: {made.pages} pages, {made.texts} texts ({made.summary})")
    return 0


def check_language(language: str) -> None:
    """Refuse the source language, and a tag that is not one."""
    from booklet.translate import SOURCE_LANGUAGE

    if language == SOURCE_LANGUAGE or not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*",
                                                       language):
        raise UsageError(f"LANG: expected the tag of a language to translate into, such as "
                         f"'km' or 'zh-Hans', found {language!r}")


def check_audiences(content, wanted: list[str]) -> None:
    """Refuse an audience id the content does not have."""
    known = [audience.id for audience in content.audiences]
    unknown = [audience for audience in wanted if audience not in known]
    if unknown:
        raise UsageError(f"--audience: expected a known audience id ({', '.join(known)}), "
                         f"found {', '.join(repr(audience) for audience in unknown)}")

