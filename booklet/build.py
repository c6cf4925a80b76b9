"""Run the pipeline: load, then for each audience and format compose, render, typeset,
check and draw each variant (and impose the booklet); write them; finally the manifest
and the catalogue.

Only outputs whose fingerprint changed are built (see `booklet.freshness`). WeasyPrint,
which takes most of a second to import, is imported only where something is laid out.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import functools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import jinja2

from booklet import freshness, model
from booklet.catalogue import write_catalogue
from booklet.compose import FORMATS, PAPERS, Edition, compose
from booklet.errors import BookletError, LayoutError
from booklet.fonts import require_fonts_and_subsetter
from booklet.load import load
from booklet.render import environment, render
from booklet.write import (Output, OutputFolderError, output_folder, output_path, read_manifest,
                           remove_partial_files, write_html, write_manifest, write_pdf)

if TYPE_CHECKING:
    from booklet.check import Preflight
    from booklet.typeset import Typeset

#: Seconds one document may take to lay out and draw; ours take well under one.
DEFAULT_TIME_LIMIT = 60.0


class UsageError(BookletError):
    """The command asked for something the content does not have."""


@dataclass(frozen=True)
class Request:
    """What to build, and where."""

    content: Path
    out: Path
    #: Audience ids to build; empty means all.
    audiences: tuple[str, ...] = ()
    #: Formats to build; empty means all.
    formats: tuple[str, ...] = ()
    #: Variants to build, of those each format has; empty means all.
    variants: tuple[str, ...] = ()
    #: The paper family, one of `PAPERS`.
    paper: str = PAPERS[0]
    #: Whether to write each edition's HTML beside its PDF.
    emit_html: bool = False
    #: How many editions to lay out at once, one process each.
    jobs: int = 1
    #: Seconds one document may take.
    time_limit: float = DEFAULT_TIME_LIMIT
    #: Rebuild every output, even those whose inputs did not change.
    force: bool = False
    #: Languages to build; empty means every language of the content.
    languages: tuple[str, ...] = ()
    #: Use the English text where a translation is missing, rather than fail.
    allow_fallback: bool = False
    #: Called with each output written or found current, to report progress.
    progress: Callable[[Output, bool], None] | None = field(default=None, compare=False)
    #: Called once with the number of outputs to build, before building.
    planned: Callable[[int], None] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Built:
    """One variant of an edition, laid out, checked and drawn: a PDF ready to write."""

    edition: Edition
    #: ``screen``, ``print`` or ``imposed``.
    variant: str
    html: str
    pdf: bytes
    pages: int
    preflight: Preflight


@dataclass(frozen=True)
class Report:
    """What a build wrote or found current, and the preflight of every output it built."""

    #: Every output asked for that is now on disk: built, or current and skipped.
    outputs: list[Output]
    preflights: list[Preflight]
    #: The outputs that were current, and not built again.
    skipped: list[Output] = field(default_factory=list)


def build(request: Request) -> list[Output]:
    """Build the requested editions; raise `BookletError` after writing all that could be built."""
    return build_with_report(request).outputs


def build_with_report(request: Request, stop_on_problems: bool = True) -> Report:
    """Build the requested editions that are not current; return what is on disk and every
    preflight run."""
    content = load(request.content)
    from booklet.terms import refuse_avoided_terms
    refuse_avoided_terms(content, request)  # before any layout: print needs the right words
    audiences = select_audiences(content, request.audiences)
    wanted = [(format, variants_of(format, request)) for format in request.formats or FORMATS]
    created = build_time()
    editions = [compose(localized, audience, format, request.paper)
                for localized in localized_contents(content, audiences, request)
                for audience in localized.audiences
                for format, variants in wanted if variants]
    with output_folder(request.out):
        remove_partial_files(request.out)
        return run_plan(request, content, Plan(request, editions, dict(wanted)), created,
                        stop_on_problems)


def run_plan(request: Request, content: model.Content, plan: Plan,
             created: datetime.datetime, stop_on_problems: bool) -> Report:
    """Build what the plan says must be built; write the manifest and the catalogue."""
    if plan.work:
        require_fonts_and_subsetter(
            print_variant=any("print" in needed for _, needed in plan.work),
            languages=tuple(dict.fromkeys(edition.publication.language
                                          for edition, _ in plan.work)))
    if request.planned:
        request.planned(plan.count)
    outputs: list[Output] = []
    preflights: list[Preflight] = []
    try:
        for output in plan.current:
            outputs.append(output)
            if request.progress:
                request.progress(output, False)
        for results in run_jobs(plan.work, created, request.jobs, request.time_limit):
            for result in results:
                preflights.append(result if not isinstance(result, Built) else result.preflight)
                if isinstance(result, Built):
                    outputs.append(write_built(result, plan.fingerprint(result), request))
    except BaseException:
        # Even when interrupted, the manifest must describe the files as they now are; a
        # full disk that stopped the build must not hide why it stopped.
        with contextlib.suppress(OutputFolderError):
            record(request.out, outputs, content)
        raise
    record(request.out, outputs, content)
    # Workers finish in any order; report in the plan's.
    order = {output_path(edition, variant): index
             for index, (edition, variants) in enumerate(plan.work) for variant in variants}
    preflights.sort(key=lambda preflight: order.get(preflight.output, len(order)))
    problems = [problem for preflight in preflights for problem in preflight.problems]
    if problems and stop_on_problems:
        raise LayoutError(problems)
    return Report(outputs, preflights, plan.current)


def record(out: Path, outputs: list[Output], content: model.Content) -> None:
    """Write the manifest of what is on disk, and the catalogue."""
    write_manifest(out, outputs, keep=still_in(content))
    write_catalogue(out, read_manifest(out),
                    {audience.id: audience.name for audience in content.audiences})


def still_in(content: model.Content) -> Callable[[Output], bool]:
    """Return whether an earlier output is of an audience and a language the content still
    has (the outputs of one removed are removed with it)."""
    from booklet.translate import available_languages

    audiences = {audience.id for audience in content.audiences}
    languages = set(available_languages(content.folder)) | {content.publication.language}
    return lambda output: output.audience in audiences and output.lang in languages


class Plan:
    """Which outputs are current, kept as they are, and which must be built."""

    def __init__(self, request: Request, editions: list[Edition],
                 variants: dict[str, tuple[str, ...]]):
        environment_digest = freshness.environment_fingerprint()
        previous = {output.key: output for output in read_manifest(request.out)}
        self.fingerprints: dict[tuple, str] = {}
        self.current: list[Output] = []
        self.work: list[tuple[Edition, tuple[str, ...]]] = []
        for edition in editions:
            needed = []
            for variant in variants[edition.format]:
                digest = freshness.fingerprint(edition, variant, environment_digest)
                self.fingerprints[edition_key(edition, variant)] = digest
                old = previous.get(output_key(edition, variant))
                if not request.force and old and old.inputs == digest and \
                        freshness.file_digest(request.out / old.path) == old.sha256:
                    self.current.append(old)
                else:
                    needed.append(variant)
            if needed:
                self.work.append((edition, tuple(needed)))

    @property
    def count(self) -> int:
        """Return how many outputs are built or kept."""
        return len(self.current) + sum(len(needed) for _, needed in self.work)

    def fingerprint(self, built: Built) -> str:
        """Return the fingerprint of a built output."""
        return self.fingerprints[edition_key(built.edition, built.variant)]


def edition_key(edition: Edition, variant: str) -> tuple[str, str, str, str, str]:
    """Return what identifies an output of an edition, whatever its layout choices."""
    return (edition.audience.id, edition.format, edition.paper, variant,
            edition.publication.language)


def output_key(edition: Edition, variant: str) -> tuple[str, str, str, str, str]:
    """Return the manifest key of an output of an edition."""
    return (edition.audience.id, edition.format, variant, edition.publication.language,
            edition.paper)


def localized_contents(content: model.Content, audiences: list[model.Audience],
                       request: Request) -> list[model.Content]:
    """Return the content in each language asked for, holding the audiences to build: in
    English all of them; in another language those its translation covers (or, with
    fallback allowed, all of them)."""
    from booklet.translate import SOURCE_LANGUAGE, available_languages, load_translation, translate

    available = available_languages(request.content)
    unknown = [language for language in request.languages if language not in available]
    if unknown:
        raise UsageError(f"--lang: expected a language of the content ({', '.join(available)}), "
                         f"found {', '.join(repr(language) for language in unknown)}")
    wanted_ids = [audience.id for audience in audiences]
    results = []
    for language in request.languages or available:
        if language == SOURCE_LANGUAGE:
            results.append(dataclasses.replace(content, audiences=tuple(audiences)))
            continue
        translation, lines = load_translation(request.content, language)
        ids = [audience_id for audience_id in wanted_ids
               if request.allow_fallback or audience_id in translation.audiences
               or (request.audiences and audience_id in request.audiences)]
        if ids:
            results.append(translate(content, translation, lines, ids,
                                     request.allow_fallback)[0])
    return results


def variants_of(format: str, request: Request) -> tuple[str, ...]:
    """Return the variants to build of a format, in the format's order."""
    return tuple(variant for variant in FORMATS[format]
                 if not request.variants or variant in request.variants)


def run_jobs(work: list[tuple[Edition, tuple[str, ...]]], created: datetime.datetime,
             jobs: int, seconds: float):
    """Yield each edition's results as it is done, laid out in worker processes that are
    stopped when a document overruns its time limit."""
    from booklet import workers

    # Editions are independent: each worker lays out its own, and only this process
    # writes files, so that it knows at every moment what is on disk.
    tasks = [(edition, variants, created) for edition, variants in work]
    yield from workers.run(edition_job, tasks, max(1, jobs), seconds, overran)


def edition_job(task, starting: Callable[[str], None]):
    """Yield the results of the variants of one edition (in a worker)."""
    edition, variants, created = task
    yield from build_variants(edition, variants, created, cached_environment(), starting)


def overran(task, document: str, seconds: float, received: list) -> list[Built | Preflight]:
    """Return the results of an edition whose document `document` ran out of time: those
    made before, and for the other variants a preflight that says so."""
    from booklet.check import Preflight

    edition, variants, _ = task
    # A worker that overran before it could say what it started was on the first document.
    document = document or output_path(edition, "screen")
    message = (f"{document}: stopped after {seconds:g} s, the time limit for one document; "
               "shorten the text or raise --time-limit")
    done = {result.output if isinstance(result, Preflight)
            else output_path(result.edition, result.variant) for result in received}
    return received + [Preflight(output_path(edition, variant), {"time": [message]})
                       for variant in variants if output_path(edition, variant) not in done]


@functools.cache
def cached_environment() -> jinja2.Environment:
    """Return this process's template environment, made once."""
    return environment()


def build_variants(edition: Edition, variants: tuple[str, ...], created: datetime.datetime,
                   env: jinja2.Environment, starting: Callable[[str], None] = lambda name: None):
    """Lay out the screen edition (which sets the pages), then yield each variant asked for;
    `starting` is told the name of each document before it is made."""
    from booklet.check import Preflight
    from booklet.typeset import typeset

    starting(output_path(edition, "screen"))
    try:
        edition, html, pages = lay_out(edition, created, env)
    except LayoutError as error:  # A document that asked for what it may not read.
        yield from (Preflight(output_path(edition, variant), {"warnings": error.problems})
                    for variant in variants)
        return
    screen = finished(edition, html, pages)
    if "screen" in variants:
        yield screen
    if "imposed" in variants:
        yield imposed(screen)
    if "print" in variants:
        printed = edition.as_variant("print")
        starting(output_path(printed, "print"))
        html = render(printed, created, env)
        try:
            yield finished(printed, html, typeset(html, "print"))
        except LayoutError as error:
            yield Preflight(output_path(printed, "print"), {"warnings": error.problems})


def finished(edition: Edition, html: str, pages: Typeset) -> Built | Preflight:
    """Draw a laid-out edition and run the preflight; its preflight alone if it fails."""
    from booklet.check import preflight_laid_out
    from booklet.typeset import draw

    drawn = draw(pages)
    preflight = preflight_laid_out(edition, pages, drawn)
    if not preflight.passed:
        return preflight
    return Built(edition, edition.variant, html, drawn.pdf, pages.page_count, preflight)


def imposed(screen: Built | Preflight) -> Built | Preflight:
    """Impose the screen edition's pages for office printers."""
    from booklet.check import Preflight, preflight_imposed
    from booklet.impose import impose

    if isinstance(screen, Preflight):
        path = screen.output.replace("-screen", "-imposed")
        return Preflight(path, {"source": [f"{path}: not made, since {screen.output} failed"]})
    pdf = impose(screen.pdf, screen.edition.paper)
    preflight = preflight_imposed(screen.edition, pdf, screen.pages)
    if not preflight.passed:
        return preflight
    return Built(screen.edition, "imposed", screen.html, pdf, screen.pages // 2, preflight)


def write_built(built: Built, inputs: str, request: Request) -> Output:
    """Write a built variant's PDF (and HTML if asked); report it; return its manifest entry."""
    if request.emit_html and built.variant != "imposed":
        write_html(built.edition, built.variant, built.html, request.out)
    output = write_pdf(built.edition, built.variant, built.pdf, built.pages, request.out, inputs)
    if request.progress:
        request.progress(output, True)
    return output


def select_audiences(content: model.Content, wanted: tuple[str, ...]) -> list[model.Audience]:
    """Return the audiences asked for, in the order asked; all of them if none were named."""
    known = [audience.id for audience in content.audiences]
    unknown = [audience_id for audience_id in wanted if audience_id not in known]
    if unknown:
        raise UsageError(f"--audience: expected a known audience id ({', '.join(known)}), "
                         f"found {', '.join(repr(audience_id) for audience_id in unknown)}")
    return [content.audience(audience_id) for audience_id in dict.fromkeys(wanted or known)]


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


def lay_out(edition: Edition, created: datetime.datetime,
            env: jinja2.Environment) -> tuple[Edition, str, Typeset]:
    """Render and lay out an edition; a booklet gets the fewest sheets it can, filled with
    notes pages before the back cover."""
    from booklet.check import needed_notes_pages, sheets

    html, pages = render_and_typeset(edition, created, env)
    if edition.format != "booklet" or not needed_notes_pages(pages.page_count):
        return edition, html, pages
    # Letting parts follow on from one another, rather than start pages, may save a sheet.
    compact = edition.compacted()
    compact_html, compact_pages = render_and_typeset(compact, created, env)
    if sheets(compact_pages.page_count) < sheets(pages.page_count):
        edition, html, pages = compact, compact_html, compact_pages
    extra = needed_notes_pages(pages.page_count)
    if extra:
        # Notes pages go after everything but the back cover: the pages before them, and
        # so the page numbers in the contents, stay as they were.
        edition = edition.with_notes_pages(extra)
        html, pages = render_and_typeset(edition, created, env)
    return edition, html, pages


def render_and_typeset(edition: Edition, created: datetime.datetime,
                       env: jinja2.Environment) -> tuple[str, Typeset]:
    """Return an edition's HTML and its laid-out pages."""
    from booklet.typeset import typeset

    html = render(edition, created, env)
    return html, typeset(html, edition.variant)
