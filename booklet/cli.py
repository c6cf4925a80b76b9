"""The command line: parse the arguments, run the build, print errors as plain lines."""

from __future__ import annotations

from typing import TYPE_CHECKING

import argparse
import dataclasses
import os
import sys
from pathlib import Path

from booklet import readability
from booklet.build import Request, build, build_with_report
from booklet.progress import Progress
from booklet.formats import DEFAULT_PAPER, FORMATS, PAPERS, all_variants
from booklet.errors import BookletError
from booklet.load import load

if TYPE_CHECKING:
    from booklet.check import Preflight

#: Every variant of any format.
VARIANTS = all_variants()


def parser() -> argparse.ArgumentParser:
    """Return the argument parser."""
    parse = argparse.ArgumentParser(
        prog="make_booklet.py",
        description="Build printable PDF booklets and handouts from the content YAML. "
                    "See also: make_booklet.py pack SESSION.yaml.")
    parse.add_argument("--content", type=Path, default=Path("content"),
                       help="the content folder (default: content)")
    parse.add_argument("--out", type=Path, default=Path("build"),
                       help="the output folder (default: build)")
    parse.add_argument("--audience", action="append", default=[], metavar="ID",
                       help="build only this audience (repeatable; default: all)")
    parse.add_argument("--format", action="append", default=[], choices=list(FORMATS),
                       help="build only this format (repeatable; default: all)")
    parse.add_argument("--variant", action="append", default=[], choices=VARIANTS,
                       help="build only this variant (repeatable; default: all)")
    parse.add_argument("--lang", action="append", default=[], metavar="CODE",
                       help="build only this language (repeatable; default: all)")
    parse.add_argument("--allow-fallback", action="store_true",
                       help="use the English text where a translation is missing")
    parse.add_argument("--paper", choices=list(PAPERS), default=DEFAULT_PAPER,
                       help="a4 (A5 booklets, A4 handouts) or letter (half-letter "
                            "booklets, Letter handouts); default: a4")
    parse.add_argument("--jobs", type=positive, default=os.cpu_count() or 1, metavar="N",
                       help="lay out N editions at once (default: the number of cores)")
    parse.add_argument("--time-limit", type=seconds, default=60, metavar="SECONDS",
                       help="stop a document that takes longer to build (default: 60)")
    parse.add_argument("--force", action="store_true",
                       help="rebuild every output, even those that are current")
    parse.add_argument("--check", action="store_true",
                       help="check the content only; build nothing")
    parse.add_argument("--list", action="store_true",
                       help="list the audiences and formats; build nothing")
    parse.add_argument("--preflight-report", action="store_true",
                       help="build, then print each output's preflight checks")
    parse.add_argument("--emit-html", action="store_true",
                       help="also write each edition's HTML beside its PDF")
    return parse


def positive(text: str) -> int:
    """Parse a whole number of at least 1."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, found {text!r}")
    return int(text)


#: The longest time limit for one document: a day.
MAX_TIME_LIMIT = 86_400


def seconds(text: str) -> int:
    """Parse a time limit: a whole number of seconds, from 1 to a day."""
    if not text.isdigit() or not 1 <= int(text) <= MAX_TIME_LIMIT:
        raise argparse.ArgumentTypeError(f"expected a whole number of seconds from 1 to "
                                         f"{MAX_TIME_LIMIT}, found {text[:40]!r}")
    return int(text)


def pack_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``pack`` command."""
    parse = argparse.ArgumentParser(
        prog="make_booklet.py pack",
        description="Make one print job for a training session, and its print list.")
    parse.add_argument("session", type=Path, help="the session file (YAML)")
    parse.add_argument("--out", type=Path, default=None,
                       help="where to write the pack (default: build/packs/<session name>)")
    parse.add_argument("--content", type=Path, default=Path("content"),
                       help="the content folder (default: content)")
    parse.add_argument("--build", type=Path, default=Path("build"),
                       help="the output folder of the booklets, reused where current "
                            "(default: build)")
    parse.add_argument("--jobs", type=positive, default=os.cpu_count() or 1, metavar="N",
                       help="lay out N editions at once (default: the number of cores)")
    return parse


def run_pack(arguments: argparse.Namespace) -> int:
    """Make a session's pack; print its print list."""
    from booklet.pack import as_table, pack

    out = arguments.out or arguments.build / "packs" / arguments.session.stem
    made = pack(arguments.session, Request(content=arguments.content, out=arguments.build,
                                           jobs=arguments.jobs), out)
    print(f"{made.session.title}, {made.session.place}, {made.session.date}:")
    print("\n".join(as_table(made.rows)))
    print(f"wrote {made.pdf} ({made.pages} pages) and {made.csv}")
    return 0


def port_number(text: str) -> int:
    """Parse a TCP port number, 1 to 65535."""
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port number from 1 to 65535, found {text!r}")
    return int(text)


def serve_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``serve`` command."""
    parse = argparse.ArgumentParser(
        prog="make_booklet.py serve",
        description="Preview the booklets and handouts in a browser, rebuilt as files change.")
    parse.add_argument("--port", type=port_number, default=8000, help="default: 8000")
    parse.add_argument("--content", type=Path, default=Path("content"),
                       help="the content folder (default: content)")
    parse.add_argument("--out", type=Path, default=Path("build/preview"),
                       help="where the previewed PDFs are built (default: build/preview)")
    return parse


def run_serve(arguments: argparse.Namespace) -> int:
    """Serve the preview until Ctrl-C; a taken port or overlapping folders are one line."""
    from booklet.preview import serve

    # One process: forking from a server with threads running is not safe.
    serve(Request(content=arguments.content, out=arguments.out, jobs=1), arguments.port,
          announce=lambda line: print(line, flush=True))
    return 0


#: The commands besides building, by name, with their parser and what runs them.
COMMANDS = {"pack": (pack_parser, run_pack), "serve": (serve_parser, run_serve)}


def main(argv: list[str] | None = None) -> int:
    """Run the command; return the exit status."""
    argv = sys.argv[1:] if argv is None else argv
    command = COMMANDS.get(argv[0]) if argv else None
    arguments = command[0]().parse_args(argv[1:]) if command else parser().parse_args(argv)
    try:
        if command:
            return command[1](arguments)
        if arguments.list:
            return list_editions(arguments.content)
        if arguments.check:
            return check(arguments.content)
        return run_build(arguments)
    except BookletError as error:
        for line in error.lines():
            print(line, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted: no partial file was written", file=sys.stderr)
        return 130


def list_editions(content_folder: Path) -> int:
    """Print the audiences and the formats."""
    content = load(content_folder)
    width = max(len(audience.id) for audience in content.audiences)
    print("audiences:")
    for audience in content.audiences:
        print(f"  {audience.id:<{width}}  {audience.name}")
    print("formats:")
    for format in FORMATS.values():
        print(f"  {format.id:<{width}}  {', '.join(format.variants)}")
    return 0


def check(content_folder: Path) -> int:
    """Check the content, then print each audience's reading level, each translation's
    coverage and each term to avoid found; 1 if an audience is over target or a term to
    avoid is used (print editions would not be built)."""
    from booklet import terms

    content = load(content_folder)
    print(f"{content_folder}: {len(content.audiences)} audiences, "
          f"{len(content.questions)} questions: no problems found")
    over: list[readability.Reading] = []
    if content.publication.language in readability.MEASURED_LANGUAGES:
        readings = readability.measure(content)
        print("\n".join(readability.report(readings)))
        over = [reading for reading in readings if reading.over_target]
    else:
        print(f"reading levels: not measured for language '{content.publication.language}'")
    print("\n".join(coverage_report(content)))
    hits = terms.find_avoided_terms(content)
    if content.terms:
        print(f"terms: {len(content.terms)} concept(s); "
              f"{len(hits) or 'no'} term(s) to avoid found")
    for reading in over:
        print(f"error: {reading.audience.location}: audiences: '{reading.audience.id}' reads at "
              f"grade {reading.grade:.1f}, over its target of {reading.audience.reading_grade:g}; "
              "use shorter sentences and words", file=sys.stderr)
    for hit in hits:
        print(f"error: {hit.problem()}", file=sys.stderr)
    return 1 if over or hits else 0


def coverage_report(content) -> list[str]:
    """Check every translation; return, per language, how much of its editions is
    translated and each text that falls back to English."""
    from booklet.translate import SOURCE_LANGUAGE, available_languages, load_translation, translate

    lines = ["translations:"]
    for language in available_languages(content.folder):
        if language == SOURCE_LANGUAGE:
            continue
        translation, where = load_translation(content.folder, language)
        ids = [audience.id for audience in content.audiences
               if audience.id in translation.audiences]
        coverage = translate(content, translation, where, ids, allow_fallback=True)[1]
        lines.append(f"  {language} ({translation.status}): {len(ids)} audience(s) "
                     f"({', '.join(ids) or 'none'}), {coverage.percentage:.1f}% translated")
        lines += [f"    English used for {path}" for path in coverage.fallbacks]
    return lines if len(lines) > 1 else []


def run_build(arguments: argparse.Namespace) -> int:
    """Build what the arguments ask for; with --preflight-report, print the checks too."""
    request = Request(
        content=arguments.content,
        out=arguments.out,
        audiences=tuple(arguments.audience),
        formats=tuple(dict.fromkeys(arguments.format)),
        variants=tuple(dict.fromkeys(arguments.variant)),
        languages=tuple(dict.fromkeys(arguments.lang)),
        allow_fallback=arguments.allow_fallback,
        paper=arguments.paper,
        emit_html=arguments.emit_html,
        jobs=arguments.jobs,
        time_limit=arguments.time_limit,
        # The report needs every output's preflight, so it builds them all.
        force=arguments.force or arguments.preflight_report,
    )
    if arguments.preflight_report:
        report = build_with_report(request, stop_on_problems=False)
        print("\n".join(preflight_table(report.preflights)))
        for problem in (problem for preflight in report.preflights
                        for problem in preflight.problems):
            print(f"error: {problem}", file=sys.stderr)
        return 0 if all(preflight.passed for preflight in report.preflights) else 1
    progress = Progress(arguments.out)
    request = dataclasses.replace(request, progress=progress.update, planned=progress.planned)
    try:
        build(request)
    finally:
        progress.stop()
    print(progress.summary())
    return 0


def preflight_table(preflights: list[Preflight]) -> list[str]:
    """Return one row per output with each check's verdict: ok, FAIL, or - (not run)."""
    from booklet.check import CHECKS

    width = max([len("output")] + [len(preflight.output) for preflight in preflights])
    rows = [f"{'output':<{width}}  " + "  ".join(f"{check:<8}" for check in CHECKS)]
    for preflight in preflights:
        rows.append(f"{preflight.output:<{width}}  "
                    + "  ".join(f"{preflight.verdict(check):<8}" for check in CHECKS))
    return [row.rstrip() for row in rows]
