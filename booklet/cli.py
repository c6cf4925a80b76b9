"""The command line: a table of subcommands, each with its own arguments and ``--help``,
each running the module that does its work; errors the user can fix are printed as plain
lines, with no traceback.

    make_booklet.py build     build the booklets and handouts (the default)
    make_booklet.py check     check the content only
    make_booklet.py list      list the audiences and formats
    make_booklet.py serve     preview in a browser as files change
    make_booklet.py pack      make one print job for a training session
    make_booklet.py proof     write contact sheets of a build's pages

The flags of the time before subcommands keep working: ``make_booklet.py --check``,
``--list`` and any build flags without a subcommand.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from pathlib import Path
from typing import Callable

from booklet import translation_command
from booklet.errors import BookletError
from booklet.colour import PROFILES
from booklet.formats import DEFAULT_PAPER, FORMATS, PAPERS, all_variants
from booklet.plan import Request

#: The longest time limit for one document: a day.
MAX_TIME_LIMIT = 86_400


def positive(text: str) -> int:
    """Parse a whole number of at least 1."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, "
                                         f"found {text[:40]!r}")
    return int(text)


def seconds(text: str) -> int:
    """Parse a time limit: a whole number of seconds, from 1 to a day."""
    if not text.isdigit() or not 1 <= int(text) <= MAX_TIME_LIMIT:
        raise argparse.ArgumentTypeError(f"expected a whole number of seconds from 1 to "
                                         f"{MAX_TIME_LIMIT}, found {text[:40]!r}")
    return int(text)


def port_number(text: str) -> int:
    """Parse a TCP port number, 0 (any free port) to 65535."""
    if not text.isdigit() or not 0 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port number from 0 (any free port) to "
                                         f"65535, found {text[:40]!r}")
    return int(text)


def add_content(parse: argparse.ArgumentParser) -> None:
    """Add the --content option."""
    parse.add_argument("--content", type=Path, default=Path("content"),
                       help="the content folder (default: content)")


def add_jobs(parse: argparse.ArgumentParser) -> None:
    """Add the --jobs option."""
    parse.add_argument("--jobs", type=positive, default=os.cpu_count() or 1, metavar="N",
                       help="lay out N editions at once (default: the number of cores)")


def shard(text: str) -> tuple[int, int]:
    """Parse a shard: K/N, the K-th of N, from 1."""
    number, _, count = text.partition("/")
    if not (number.isdigit() and count.isdigit() and 1 <= int(number) <= int(count) <= 10_000):
        raise argparse.ArgumentTypeError(f"expected K/N, the K-th of N shards (1 <= K <= N "
                                         f"<= 10000), such as 2/8, found {text[:40]!r}")
    return int(number), int(count)


def build_arguments(parse: argparse.ArgumentParser) -> None:
    """Add the arguments of the build command."""
    add_content(parse)
    parse.add_argument("--out", type=Path, default=Path("build"),
                       help="the output folder (default: build)")
    parse.add_argument("--shard", type=shard, default=None, metavar="K/N",
                       help="build only the K-th of N shares of the matrix, balanced by "
                            "expected pages (join them with: make_booklet.py merge)")
    parse.add_argument("--audience", action="append", default=[], metavar="ID",
                       help="build only this audience (repeatable; default: all)")
    parse.add_argument("--format", action="append", default=[], choices=list(FORMATS),
                       help="build only this format (repeatable; default: all)")
    parse.add_argument("--variant", action="append", default=[], choices=all_variants(),
                       help="build only this variant (repeatable; default: all)")
    parse.add_argument("--lang", action="append", default=[], metavar="CODE",
                       help="build only this language (repeatable; default: all)")
    parse.add_argument("--allow-fallback", action="store_true",
                       help="use the English text where a translation is missing")
    parse.add_argument("--edition", action="append", default=[], metavar="ID",
                       help="build only this edition: generic, or a country edition of "
                            "content/editions/ (repeatable; default: all)")
    parse.add_argument("--allow-stale-contacts", action="store_true",
                       help="build print and imposed variants even when a contact was last "
                            "checked at its source longer ago than its edition allows")
    parse.add_argument("--paper", choices=list(PAPERS), default=DEFAULT_PAPER,
                       help="a4 (A5 booklets, A4 handouts) or letter (half-letter "
                            "booklets, Letter handouts); default: a4")
    parse.add_argument("--profile", choices=list(PROFILES), default="",
                       help="the CMYK output profile of the print variants: fogra39 "
                            "(ISO 12647-2 coated), fogra29 (ISO 12647-2 uncoated) or swop; "
                            "default: each edition's profile, else fogra39")
    add_jobs(parse)
    parse.add_argument("--time-limit", type=seconds, default=60, metavar="SECONDS",
                       help="stop a document that takes longer to build (default: 60)")
    parse.add_argument("--force", action="store_true",
                       help="rebuild every output, even those that are current")
    parse.add_argument("--preflight-report", action="store_true",
                       help="build, then print each output's preflight checks")
    parse.add_argument("--emit-html", action="store_true",
                       help="also write each edition's HTML beside its PDF")


def legacy_arguments(parse: argparse.ArgumentParser) -> None:
    """Add the build's arguments and the modes that were flags before subcommands."""
    build_arguments(parse)
    parse.add_argument("--check", action="store_true",
                       help="check the content only (the same as: make_booklet.py check)")
    parse.add_argument("--list", action="store_true",
                       help="list the audiences and formats (the same as: make_booklet.py list)")


def run_build(arguments: argparse.Namespace) -> int:
    """Build what the arguments ask for; with --preflight-report, print the checks too."""
    from booklet.build import build, build_with_report
    from booklet.progress import Progress, preflight_table

    request = Request(
        content=arguments.content, out=arguments.out, audiences=tuple(arguments.audience),
        formats=tuple(dict.fromkeys(arguments.format)),
        variants=tuple(dict.fromkeys(arguments.variant)),
        languages=tuple(dict.fromkeys(arguments.lang)), allow_fallback=arguments.allow_fallback,
        editions=tuple(dict.fromkeys(arguments.edition)),
        allow_stale_contacts=arguments.allow_stale_contacts, profile=arguments.profile,
        paper=arguments.paper, emit_html=arguments.emit_html, jobs=arguments.jobs,
        time_limit=arguments.time_limit, shard=getattr(arguments, "shard", None),
        # The report needs every output's preflight, so it builds them all.
        force=arguments.force or arguments.preflight_report)
    if arguments.preflight_report:
        report = build_with_report(request, stop_on_problems=False)
        print("\n".join(preflight_table(report.preflights)))
        for preflight in report.preflights:
            for problem in preflight.problems:
                print(f"error: {problem}", file=sys.stderr)
        return 0 if all(preflight.passed for preflight in report.preflights) else 1
    progress = Progress(arguments.out)
    try:
        build(dataclasses.replace(request, progress=progress.update, planned=progress.planned))
    finally:
        progress.stop()
    print(progress.summary())
    return 0


def run_legacy(arguments: argparse.Namespace) -> int:
    """Run the mode the flags ask for: check, list, or build."""
    if arguments.list:
        return run_list(arguments)
    if arguments.check:
        return run_check(arguments)
    return run_build(arguments)


def run_check(arguments: argparse.Namespace) -> int:
    """Check the content; print what was found; 1 if anything is wrong."""
    from booklet.checking import check

    found = check(arguments.content)
    print("\n".join(found.lines))
    for error in found.errors:
        print(f"error: {error}", file=sys.stderr)
    return 1 if found.errors else 0


def run_list(arguments: argparse.Namespace) -> int:
    """Print the audiences and the formats."""
    from booklet.checking import listing

    print("\n".join(listing(arguments.content)))
    return 0


def serve_arguments(parse: argparse.ArgumentParser) -> None:
    """Add the arguments of the serve command."""
    parse.add_argument("--port", type=port_number, default=8000,
                       help="default: 8000; 0 takes any free port (the address is printed)")
    add_content(parse)
    parse.add_argument("--out", type=Path, default=Path("build/preview"),
                       help="where the previewed PDFs are built (default: build/preview)")


def run_serve(arguments: argparse.Namespace) -> int:
    """Serve the preview until Ctrl-C; a taken port or overlapping folders are one line."""
    from booklet.preview import serve

    serve(Request(content=arguments.content, out=arguments.out, jobs=1), arguments.port,
          announce=lambda line: print(line, flush=True))
    return 0


def pack_arguments(parse: argparse.ArgumentParser) -> None:
    """Add the arguments of the pack command."""
    parse.add_argument("session", type=Path, help="the session file (YAML)")
    parse.add_argument("--out", type=Path, default=None,
                       help="where to write the pack (default: build/packs/<session name>)")
    add_content(parse)
    parse.add_argument("--build", type=Path, default=Path("build"),
                       help="the output folder of the booklets, reused where current "
                            "(default: build)")
    add_jobs(parse)
    parse.add_argument("--allow-stale-contacts", action="store_true",
                       help="print a country edition even when a contact was last checked "
                            "at its source longer ago than its edition allows")


def run_pack(arguments: argparse.Namespace) -> int:
    """Make a session's pack; print its print list."""
    from booklet.pack import as_table, pack

    out = arguments.out or arguments.build / "packs" / arguments.session.stem
    made = pack(arguments.session, Request(
        content=arguments.content, out=arguments.build, jobs=arguments.jobs,
        allow_stale_contacts=arguments.allow_stale_contacts), out)
    print(f"{made.session.title}, {made.session.place}, {made.session.date}:")
    print("\n".join(as_table(made.rows)))
    print(f"wrote {made.pdf} ({made.pages} pages) and {made.csv}")
    return 0


def proof_arguments(parse: argparse.ArgumentParser) -> None:
    """Add the arguments of the proof command."""
    parse.add_argument("build", type=Path, nargs="?", default=Path("build"),
                       help="the output folder of a build (default: build)")


def run_proof(arguments: argparse.Namespace) -> int:
    """Write a contact sheet of every laid-out output of a build."""
    from booklet.contact_sheet import write_contact_sheets

    for path in write_contact_sheets(arguments.build):
        print(f"wrote {path}")
    return 0


def merge_arguments(parse: argparse.ArgumentParser) -> None:
    """Add the arguments of the merge command."""
    parse.add_argument("shards", type=Path, nargs="+", metavar="DIR",
                       help="the output folders of the shards")
    parse.add_argument("--out", type=Path, required=True,
                       help="the build folder to make (empty, new, or made by this tool)")
    add_content(parse)


def run_merge(arguments: argparse.Namespace) -> int:
    """Join the shards' outputs and manifests into one build folder, with its catalogue."""
    from booklet.merge import merge

    outputs = merge(arguments.shards, arguments.out, arguments.content)
    print(f"merged {len(arguments.shards)} shard(s): {len(outputs)} PDF(s) in {arguments.out}")
    return 0


@dataclasses.dataclass(frozen=True)
class Command:
    """A subcommand: what it does, its arguments, and what runs it."""

    summary: str
    arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


#: The subcommands, by name; ``build`` is the default.
COMMANDS: dict[str, Command] = {
    "build": Command("build the booklets and handouts (the default)", build_arguments,
                     run_build),
    "check": Command("check the content only: schema, reading levels, translations, terms",
                     add_content, run_check),
    "list": Command("list the audiences and formats", add_content, run_list),
    "serve": Command("preview in a browser, rebuilt as files change", serve_arguments,
                     run_serve),
    "pack": Command("make one print job and print list for a training session",
                    pack_arguments, run_pack),
    "proof": Command("write a contact sheet of every output's pages", proof_arguments,
                     run_proof),
    "merge": Command("join the output folders of shards into one build folder",
                     merge_arguments, run_merge),
    "translation": Command("the translators' round trip: export, import, stamp, proof",
                           translation_command.arguments, translation_command.run),
}


def parser(name: str | None = None) -> argparse.ArgumentParser:
    """Return the parser of a subcommand, or of the flags without one."""
    commands = "\n".join(f"  {command:<7} {spec.summary}" for command, spec in COMMANDS.items())
    if name is None:
        parse = argparse.ArgumentParser(
            prog="make_booklet.py", formatter_class=argparse.RawDescriptionHelpFormatter,
            description="Build printable PDF booklets and handouts from the content YAML.\n\n"
                        f"subcommands (make_booklet.py COMMAND --help):\n{commands}\n\n"
                        "Without a subcommand, the options below build, as 'build' does;\n"
                        "--check and --list are kept for the scripts that use them.")
        legacy_arguments(parse)
        return parse
    parse = argparse.ArgumentParser(prog=f"make_booklet.py {name}",
                                    description=COMMANDS[name].summary[:1].upper()
                                    + COMMANDS[name].summary[1:] + ".")
    COMMANDS[name].arguments(parse)
    return parse


def main(argv: list[str] | None = None) -> int:
    """Run the command; return the exit status."""
    argv = sys.argv[1:] if argv is None else argv
    name = argv[0] if argv and argv[0] in COMMANDS else None
    arguments = parser(name).parse_args(argv[1:] if name else argv)
    run = COMMANDS[name].run if name else run_legacy
    try:
        return run(arguments)
    except BookletError as error:
        for line in error.lines():
            print(line, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted: no partial file was written", file=sys.stderr)
        return 130
