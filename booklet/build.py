"""Run the pipeline: load, then for each audience and format compose, render, typeset,
check and write; finally the manifest."""

from __future__ import annotations

import concurrent.futures
import contextlib
import datetime
import multiprocessing
import os
import signal
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import jinja2

from booklet import model
from booklet.check import check_layout, check_pdf, needed_notes_pages, sheets
from booklet.compose import FORMATS, Edition, compose
from booklet.errors import BookletError, LayoutError
from booklet.fonts import require_fonts_and_subsetter
from booklet.load import load
from booklet.render import environment, render
from booklet.typeset import Typeset, draw, typeset
from booklet.write import Output, write_html, write_manifest, write_pdf


#: Seconds one edition may take to build; ours take well under one.
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
    #: The paper of the handout.
    handout_paper: str = "a4"
    #: Whether to write each edition's HTML beside its PDF.
    emit_html: bool = False
    #: How many editions to lay out at once, one process each.
    jobs: int = 1
    #: Seconds one edition may take to build.
    time_limit: float = DEFAULT_TIME_LIMIT
    #: Called with each output written, to report progress.
    progress: Callable[[Output], None] | None = field(default=None, compare=False)


def build(request: Request) -> list[Output]:
    """Build the requested editions; raise `BookletError` after writing all that could be built."""
    content = load(request.content)
    audiences = select_audiences(content, request.audiences)
    require_fonts_and_subsetter()
    created = build_time()
    editions = [compose(content, audience, format, paper_of(format, request))
                for audience in audiences for format in request.formats or tuple(FORMATS)]
    outputs: list[Output] = []
    problems: list[str] = []
    try:
        for result in run_jobs(editions, created, request.jobs, request.time_limit):
            if isinstance(result, Built):
                outputs.append(write_built(result, request))
            else:
                problems.extend(result)
    finally:
        # Even when interrupted, the manifest must describe the files as they now are.
        write_manifest(request.out, outputs)
    if problems:
        raise LayoutError(problems)
    return outputs


def paper_of(format: str, request: Request) -> str:
    """Return the paper an edition of a format is printed on."""
    return request.handout_paper if format == "handout" else FORMATS[format][0]


@dataclass(frozen=True)
class Built:
    """An edition laid out, checked and drawn: a PDF in memory, ready to write."""

    edition: Edition
    html: str
    pdf: bytes
    pages: int


def run_jobs(editions: list[Edition], created: datetime.datetime, jobs: int, seconds: float):
    """Yield, in order, each edition built or the problems that stopped it; in parallel if asked."""
    work = [(edition, created, seconds) for edition in editions]
    workers = min(jobs, len(work))
    if workers <= 1:
        yield from map(edition_job, work)
        return
    # Editions are independent: each process lays out its own, and only this process
    # writes files, so that it knows at every moment what is on disk. Forking spares each
    # worker the second it takes to import WeasyPrint.
    context = multiprocessing.get_context("fork")
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context) as pool:
        yield from pool.map(edition_job, work)


def edition_job(job: tuple[Edition, datetime.datetime, float]) -> Built | list[str]:
    """Build one edition; return it, or the problems that stopped it."""
    edition, created, seconds = job
    try:
        return build_edition(edition, created, environment(), seconds)
    except LayoutError as error:
        return error.problems


def write_built(built: Built, request: Request) -> Output:
    """Write a built edition's PDF (and HTML if asked); report it; return its manifest entry."""
    if request.emit_html:
        write_html(built.edition, built.html, request.out)
    output = write_pdf(built.edition, built.pdf, built.pages, request.out)
    if request.progress:
        request.progress(output)
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
    if not epoch.isdigit():
        raise UsageError(f"SOURCE_DATE_EPOCH: expected whole seconds since 1970, found {epoch!r}")
    return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc)


class TimeLimit(BaseException):
    """An edition took longer to build than allowed (a BaseException: nothing may catch it)."""


@contextlib.contextmanager
def time_limit(seconds: float, name: str):
    """Raise `LayoutError` naming the edition when the block runs longer than `seconds`."""
    def expire(signum, frame):
        raise TimeLimit

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except TimeLimit:
        raise LayoutError([f"{name}: stopped after {seconds:g} s, the time limit for one "
                           "document; shorten the text or raise --time-limit"]) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def build_edition(edition: Edition, created: datetime.datetime,
                  env: jinja2.Environment, seconds: float = DEFAULT_TIME_LIMIT) -> Built:
    """Lay out, check and draw one edition within the time limit; raise `LayoutError` if it
    breaks a rule."""
    with time_limit(seconds, edition.name):
        return checked_edition(edition, created, env)


def checked_edition(edition: Edition, created: datetime.datetime,
                    env: jinja2.Environment) -> Built:
    """Lay out, check and draw one edition; raise `LayoutError` if it breaks a rule."""
    edition, html, pages = lay_out(edition, created, env)
    problems = check_layout(edition, pages)
    if problems:
        raise LayoutError(problems)
    drawn = draw(pages)
    problems = check_pdf(edition, drawn)
    if problems:
        raise LayoutError(problems)
    return Built(edition, html, drawn.pdf, pages.page_count)


def lay_out(edition: Edition, created: datetime.datetime,
            env: jinja2.Environment) -> tuple[Edition, str, Typeset]:
    """Render and lay out an edition; a booklet gets the fewest sheets it can, filled with
    notes pages before the back cover."""
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
    html = render(edition, created, env)
    return html, typeset(html)
