"""Run the pipeline: load, then for each audience and format compose, render, typeset,
check and write; finally the manifest."""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from booklet import model
from booklet.check import check_layout, font_problems, needed_notes_pages
from booklet.compose import FORMATS, Edition, compose
from booklet.errors import BookletError, LayoutError
from booklet.fonts import require_fonts_and_subsetter
from booklet.load import load
from booklet.render import environment, render
from booklet.typeset import Typeset, typeset
from booklet.write import Output, pdf_bytes, write_html, write_manifest, write_pdf


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
    #: Called with each output written, to report progress.
    progress: object = field(default=None, compare=False)


def build(request: Request) -> list[Output]:
    """Build the requested editions; raise `BookletError` after writing all that could be built."""
    content = load(request.content)
    audiences = select_audiences(content, request.audiences)
    require_fonts_and_subsetter()
    created = build_time()
    env = environment()
    outputs: list[Output] = []
    problems: list[str] = []
    for audience in audiences:
        for format in request.formats or tuple(FORMATS):
            paper = request.handout_paper if format == "handout" else FORMATS[format][0]
            edition = compose(content, audience, format, paper)
            try:
                output = build_edition(edition, created, env, request)
            except LayoutError as error:
                problems.extend(error.problems)
                continue
            outputs.append(output)
            if request.progress:
                request.progress(output)
    write_manifest(request.out, outputs)
    if problems:
        raise LayoutError(problems)
    return outputs


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


def build_edition(edition: Edition, created: datetime.datetime, env: jinja2.Environment,
                  request: Request) -> Output:
    """Lay out, check and write one edition; raise `LayoutError` if it breaks a rule."""
    edition, html, pages = lay_out(edition, created, env)
    problems = check_layout(edition, pages)
    if problems:
        raise LayoutError(problems)
    pdf = pdf_bytes(pages)
    problems = font_problems(edition, pdf)
    if problems:
        raise LayoutError(problems)
    if request.emit_html:
        write_html(edition, html, request.out)
    return write_pdf(edition, pdf, pages.page_count, request.out)


def lay_out(edition: Edition, created: datetime.datetime,
            env: jinja2.Environment) -> tuple[Edition, str, Typeset]:
    """Render and lay out an edition; a booklet gets the notes pages that fill its last sheet."""
    html = render(edition, created, env)
    pages = typeset(html)
    extra = needed_notes_pages(pages.page_count) if edition.format == "booklet" else 0
    if extra:
        # Notes pages go before the back cover, after everything else: the pages before
        # them, and so the page numbers in the contents, stay as they were.
        edition = edition.with_notes_pages(extra)
        html = render(edition, created, env)
        pages = typeset(html)
    return edition, html, pages
