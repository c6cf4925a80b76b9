"""Run the pipeline: load the content, plan what to build (`booklet.plan`), make each
edition's variants in worker processes (`booklet.produce`, `booklet.workers`), write them
as they come, and finally the manifest and the catalogue.

Only outputs whose fingerprint changed are built (see `booklet.freshness`). WeasyPrint,
which takes most of a second to import, is imported only where something is laid out.
"""

from __future__ import annotations

import contextlib
import datetime
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from booklet import formats, model, timing
from booklet.catalogue import thumbnail, write_catalogue
from booklet.compose import Edition, compose
from booklet.editions import (GENERIC, edition_names, printings, refuse_stale_contacts,
                              select_editions)
from booklet.errors import LayoutError
from booklet.fonts import require_fonts_and_subsetter
from booklet.load import load
from booklet.plan import (DEFAULT_TIME_LIMIT, Plan, Request, UsageError, expected_pages,
                          select_audiences, shard_of, variants_of)
from booklet.produce import Built, StageSeconds, run_jobs
from booklet.terms import refuse_avoided_terms
from booklet.timing import stage
from booklet.write import (Output, OutputFolderError, output_folder, output_path, read_manifest,
                           remove_partial_files, write_html, write_manifest, write_pdf,
                           write_report)

if TYPE_CHECKING:
    from booklet.check import Preflight

__all__ = ["DEFAULT_TIME_LIMIT", "Report", "Request", "UsageError", "build",
           "build_with_report"]


@dataclass(frozen=True)
class Report:
    """What a build wrote or found current, and the preflight of every output it built."""

    #: Every output asked for that is now on disk: built, or current and skipped.
    outputs: list[Output]
    preflights: list[Preflight]
    #: The outputs that were current, and not built again.
    skipped: list[Output] = field(default_factory=list)
    #: The seconds spent in each stage, added up over the processes (see `booklet.timing`).
    stage_seconds: dict[str, float] = field(default_factory=dict)


def build(request: Request) -> list[Output]:
    """Build the requested editions; raise `BookletError` after writing all that could be built."""
    return build_with_report(request).outputs


def build_with_report(request: Request, stop_on_problems: bool = True) -> Report:
    """Build the requested editions that are not current; return what is on disk and every
    preflight run."""
    with stage("load"):
        content = load(request.content)
    # Before any layout: what goes to a press or a copier needs the right words.
    refuse_avoided_terms(content, request)
    audiences = select_audiences(content, request.audiences)
    # Before any layout too: a number printed must have been checked not long ago.
    refuse_stale_contacts(select_editions(content, request.editions),
                          [audience.id for audience in audiences], request)
    wanted = [(format, variants_of(format, request))
              for format in request.formats or formats.FORMATS]
    created = build_time()
    editions = shard_of(composed(content, request), request.shard)
    with output_folder(request.out):
        remove_partial_files(request.out, ours(content, request.out))
        with stage("plan"):
            plan = Plan(request, editions, dict(wanted))
        return run_plan(request, content, plan, created, stop_on_problems)


def composed(content: model.Content, request: Request) -> list[Edition]:
    """Return the editions a request asks for, in every language and edition it builds."""
    audiences = select_audiences(content, request.audiences)
    return [compose(localized, audience, format, request.paper, country=country,
                    profile=request.profile)
            for country, localized in printings(content, audiences, request)
            for audience in localized.audiences
            for format in request.formats or formats.FORMATS if variants_of(format, request)]


def run_plan(request: Request, content: model.Content, plan: Plan,
             created: datetime.datetime, stop_on_problems: bool) -> Report:
    """Build what the plan says must be built; write the manifest and the catalogue."""
    if plan.work:
        require_fonts_and_subsetter(
            print_variant=any(formats.VARIANTS[variant].for_press
                              for _, needed in plan.work for variant in needed),
            languages=tuple(dict.fromkeys(edition.publication.language
                                          for edition, _ in plan.work)))
    if request.planned:
        request.planned(plan.count)
    outputs: list[Output] = []
    preflights: list[Preflight] = []
    stage_seconds: Counter[str] = Counter()
    try:
        for output in plan.current:
            outputs.append(output)
            if request.progress:
                request.progress(output, False)
        # The longest editions first, so that the last one to end is a short one and no
        # core waits long for it (the report keeps the plan's order).
        longest_first = sorted(plan.work, key=lambda item: -expected_pages(item[0]))
        for results in run_jobs(longest_first, created, request.jobs, request.time_limit,
                                request.cancelled):
            for result in results:
                if isinstance(result, StageSeconds):
                    stage_seconds.update(result.seconds)
                    continue
                preflights.append(result if not isinstance(result, Built) else result.preflight)
                if isinstance(result, Built):
                    with stage("write"):
                        outputs.append(write_built(result, plan.fingerprint(result), request))
                    with stage("catalogue"):
                        # Its picture for the catalogue now, while the workers lay out the
                        # rest, rather than all of them after the last.
                        thumbnail(request.out, outputs[-1])
    except BaseException:
        # Even when interrupted, the manifest must describe the files as they now are; a
        # full disk that stopped the build must not hide why it stopped.
        with contextlib.suppress(OutputFolderError):
            record(request.out, outputs, content)
        raise
    with stage("catalogue"):
        record(request.out, outputs, content)
    # Workers finish in any order; report in the plan's.
    order = {output_path(edition, variant): index
             for index, (edition, variants) in enumerate(plan.work) for variant in variants}
    preflights.sort(key=lambda preflight: order.get(preflight.output, len(order)))
    problems = [problem for preflight in preflights for problem in preflight.problems]
    if problems and stop_on_problems:
        raise LayoutError(problems)
    stage_seconds.update(timing.take())
    return Report(outputs, preflights, plan.current, dict(stage_seconds))


def record(out: Path, outputs: list[Output], content: model.Content) -> None:
    """Write the manifest of what is on disk, and the catalogue."""
    write_manifest(out, outputs, keep=still_in(content))
    write_catalogue(out, read_manifest(out),
                    {audience.id: audience.name for audience in content.audiences},
                    edition_names(content))


def still_in(content: model.Content) -> Callable[[Output], bool]:
    """Return whether an earlier output is of an audience, a language and an edition the
    content still has, in a language of that edition (the outputs of one removed are
    removed with it)."""
    from booklet.translate import available_languages

    audiences = {audience.id for audience in content.audiences}
    languages = set(available_languages(content.folder)) | {content.publication.language}
    editions = {GENERIC: languages} | {edition.id: set(edition.languages)
                                       for edition in content.editions}
    return lambda output: (output.audience in audiences and output.lang in languages
                           and output.lang in editions.get(output.edition, ()))


def ours(content: model.Content, out: Path) -> tuple[str, ...]:
    """Return the country editions whose folders a build may clean: the content's, and
    those the manifest names (an edition removed since may have left a partial file)."""
    return tuple(dict.fromkeys([edition.id for edition in content.editions]
                               + [output.edition for output in read_manifest(out)]))


def write_built(built: Built, inputs: str, request: Request) -> Output:
    """Write a built variant's PDF (and HTML if asked); report it; return its manifest entry."""
    if request.emit_html and formats.VARIANTS[built.variant].laid_out:
        write_html(built.edition, built.variant, built.html, request.out)
    output = write_pdf(built.edition, built.variant, built.pdf, built.pages, request.out, inputs)
    if built.preflight.report:
        write_report(output.path, built.preflight.report, request.out)
    if request.progress:
        request.progress(output, True)
    return output


def build_time() -> datetime.datetime:
    """Return the time to stamp in the PDFs: SOURCE_DATE_EPOCH when set, for identical bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    expected = "expected whole seconds since 1970, up to the year 9999"
    if not epoch.isdigit() or len(epoch) > 12:
        raise UsageError(f"SOURCE_DATE_EPOCH: {expected}, found {epoch[:40]!r}")
    try:
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc)
    except (OverflowError, OSError, ValueError):
        raise UsageError(f"SOURCE_DATE_EPOCH: {expected}, found {epoch!r}") from None
