"""Make the variants of one edition, in a worker process: lay out the first variant (which
sets the pages, with the fewest sheets for a booklet), draw and check it, then make every
other variant asked for: laid out again, drawn from the first's layout in its own colours,
or made from another's pages (see `booklet.formats`).
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

import jinja2

from booklet import timing
from booklet.compose import Edition
from booklet.errors import LayoutError
from booklet.formats import FIRST_VARIANT, FORMATS, VARIANTS
from booklet.render import cached_environment, render
from booklet.timing import stage
from booklet.write import output_path

if TYPE_CHECKING:
    from booklet.check import Preflight
    from booklet.typeset import Drawn, Typeset


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


def run_jobs(work: list[tuple[Edition, tuple[str, ...]]], created: datetime.datetime,
             jobs: int, seconds: float, cancelled: Callable[[], bool] | None = None):
    """Yield each edition's results as it is done, laid out in worker processes that are
    stopped when a document overruns its time limit, or all at once when `cancelled()`
    turns true (`booklet.workers.Cancelled`)."""
    from booklet import workers

    # Editions are independent: each worker lays out its own, and only this process
    # writes files, so that it knows at every moment what is on disk.
    tasks = [(edition, variants, created) for edition, variants in work]
    yield from workers.run(edition_job, tasks, max(1, jobs), seconds, overran, cancelled)


def edition_job(task, starting: Callable[[str], None]):
    """Yield the results of the variants of one edition (in a worker)."""
    edition, variants, created = task
    yield from build_variants(edition, variants, created, cached_environment(), starting)
    yield StageSeconds(timing.take())


@dataclass(frozen=True)
class StageSeconds:
    """The seconds a worker spent in each stage of an edition's variants."""

    seconds: dict[str, float]


def overran(task, document: str, seconds: float, received: list) -> list[Built | Preflight]:
    """Return the results of an edition whose document `document` ran out of time: those
    made before, and for the other variants a preflight that says so."""
    from booklet.check import Preflight

    edition, variants, _ = task
    # A worker that overran before it could say what it started was on the first document.
    document = document or output_path(edition, FIRST_VARIANT)
    message = (f"{document}: stopped after {seconds:g} s, the time limit for one document; "
               "shorten the text or raise --time-limit")
    done = {result.output if isinstance(result, Preflight)
            else output_path(result.edition, result.variant) for result in received}
    return received + [Preflight(output_path(edition, variant), {"time": [message]})
                       for variant in variants if output_path(edition, variant) not in done]


def build_variants(edition: Edition, variants: tuple[str, ...], created: datetime.datetime,
                   env: jinja2.Environment, starting: Callable[[str], None] = lambda name: None):
    """Lay out the first variant (which sets the pages), then yield each variant asked for;
    `starting` is told the name of each document before it is made."""
    from booklet.check import Preflight

    starting(output_path(edition, FIRST_VARIANT))
    try:
        edition, html, pages = lay_out(edition, created, env)
    except LayoutError as error:  # A document that asked for what it may not read.
        yield from (Preflight(output_path(edition, variant), {"warnings": error.problems})
                    for variant in variants)
        return
    made = {FIRST_VARIANT: finished(edition, html, pages)}
    layouts = {FIRST_VARIANT: (edition, pages)}
    for variant in FORMATS[edition.format].variants:
        if variant in variants:
            if variant not in made:
                made[variant] = made_variant(made, layouts, edition, variant, created, env,
                                             starting)
            yield made[variant]


def made_variant(made: dict, layouts: dict, edition: Edition, variant: str,
                 created: datetime.datetime, env: jinja2.Environment,
                 starting: Callable[[str], None]) -> Built | Preflight:
    """Make a variant other than the first: from another's pages, drawn from another's
    layout, or laid out anew (with the first's choices: notes pages, compact parts)."""
    from booklet.check import Preflight

    source = VARIANTS[variant].made_from
    if source:
        if source not in made:  # Made for this one alone, when it was not asked for.
            made[source] = made_variant(made, layouts, edition, source, created, env,
                                        starting)
        return MAKERS[variant](made[source])
    laid = edition.as_variant(variant)
    starting(output_path(laid, variant))
    other = VARIANTS[variant].layout_of
    if other in layouts:
        result = drawn_from_layout(*layouts[other], variant, created, env, made.get(other))
        if result is not None:
            return result
    try:
        if FORMATS[laid.format].folded:
            # With the first's notes pages, its text taking the first's pages, as it does
            # when their styles differ in colours and the cover's panel alone.
            html, pages = render_and_typeset(laid, created, env)
            first = layouts[FIRST_VARIANT][1]
            if pages.page_count == first.page_count and \
                    same_page_types(pages.document.pages, first.document.pages):
                return finished(laid, html, pages)
            # Set for another machine, its text can take a page more or less than the
            # first's: its own notes pages then, its last sheet filled all the same.
            return finished(*trimmed(*lay_out_padded(laid, created, env), created, env))
        html, pages = render_and_typeset(laid, created, env)
        # Set for another machine, a handout can run longer than the first variant (the
        # print variant's text in the scripts set larger): it spares more then.
        return finished(*fitted(laid, html, pages, created, env))
    except LayoutError as error:
        return Preflight(output_path(laid, variant), {"warnings": error.problems})


def same_page_types(pages: list, others: list) -> bool:
    """Return whether two laid-out booklets have the same kind of page at each place
    (cover, text, notes pages, back cover)."""
    from booklet import weasy

    return [weasy.page_type(page) for page in pages] == \
        [weasy.page_type(page) for page in others]


def drawn_from_layout(edition: Edition, pages: Typeset, variant: str,
                      created: datetime.datetime, env: jinja2.Environment,
                      other: Built | Preflight | None = None) -> Built | Preflight | None:
    """Make a variant from another's layout, in its own colours, rather than lay it out
    again: mono from the screen edition's pages, whose styles differ from it in colours
    alone, each colour of the screen's design turned to the mono design's
    (`booklet.mono.screen_to_mono`). Its pages being the other's in other colours, the
    other's PDF (`other`, when it passed its preflight) is recoloured, its tags and links
    kept; else the layout is drawn again. None when the colours cannot tell (a theme
    colour that is also a grey of the palette): the variant is then laid out on its own."""
    from booklet.mono import finish_in_greys, screen_to_mono
    from booklet.typeset import Drawn, as_other_variant

    colours = screen_to_mono(edition.audience.colour)
    if colours is None:
        return None
    own = edition.as_variant(variant)
    with stage("render"):
        # Its own HTML all the same: written with --emit-html, and, drawn anew, its PDF's
        # identifiers are made from it, as if it had been laid out on its own.
        html = render(own, created, env)
    own_pages = as_other_variant(pages, html, variant)
    if not isinstance(other, Built):
        return finished(own, html, own_pages, colours)
    with stage("draw"):
        recoloured = Drawn(finish_in_greys(other.pdf, colours, own_pages.identity[:32]), ())
    return checked(own, html, own_pages, recoloured)


def finished(edition: Edition, html: str, pages: Typeset,
             colours: dict | None = None) -> Built | Preflight:
    """Draw a laid-out edition and run the preflight; its preflight alone if it fails.
    `colours`: what the colours drawn stand for, when drawn from another's layout."""
    from booklet.typeset import draw

    with stage("draw"):
        drawn = finish(edition, draw(pages), colours)
    return checked(edition, html, pages, drawn)


def checked(edition: Edition, html: str, pages: Typeset, drawn: Drawn) -> Built | Preflight:
    """Run the preflight on a drawn edition; return it built, or its preflight if it fails."""
    from booklet.check import preflight_laid_out

    with stage("preflight"):
        preflight = preflight_laid_out(edition, pages, drawn)
    if not preflight.passed:
        return preflight
    return Built(edition, edition.variant, html, drawn.pdf, pages.page_count, preflight)


def finish(edition: Edition, drawn: Drawn, colours: dict | None = None) -> Drawn:
    """Finish a drawn PDF for where it goes: for a press, slug, crop marks and output
    intent (`booklet.press`); for a copier, greys alone (`booklet.mono`), of the colours
    `colours` says the drawn ones stand for."""
    variant = VARIANTS[edition.variant]
    if variant.for_press:
        from booklet.press import finish_for_press

        return dataclasses.replace(drawn, pdf=finish_for_press(drawn.pdf, edition))
    if variant.greyscale:
        from booklet.mono import finish_in_greys

        return dataclasses.replace(drawn, pdf=finish_in_greys(drawn.pdf, colours))
    return drawn


def imposed(screen: Built | Preflight, variant: str = "imposed") -> Built | Preflight:
    """Impose the pages of the variant this one is made from (screen, or mono) for office
    printers."""
    from booklet.check import Preflight, preflight_imposed
    from booklet.impose import impose

    if isinstance(screen, Preflight):
        path = screen.output.replace(f"-{VARIANTS[variant].made_from}", f"-{variant}")
        return Preflight(path, {"source": [f"{path}: not made, since {screen.output} failed"]})
    with stage("impose"):
        pdf = impose(screen.pdf, screen.edition.paper)
    with stage("preflight"):
        preflight = preflight_imposed(screen.edition, pdf, screen.pages, variant)
    if not preflight.passed:
        return preflight
    return Built(screen.edition, variant, screen.html, pdf, screen.pages // 2, preflight)


def lay_out(edition: Edition, created: datetime.datetime,
            env: jinja2.Environment) -> tuple[Edition, str, Typeset]:
    """Render and lay out an edition; a booklet gets the fewest sheets it can, filled with
    notes pages before the back cover.

    A booklet short enough to be paged through has no contents page
    (`MOST_PAGES_WITHOUT_CONTENTS`), and most are: it is laid out without one first, and
    with one only when it turns out longer. Each is laid out once with the most spare
    pages it can need (`MOST_NOTES_PAGES`); the spare pages it does not need are then left
    out (they come after the text, before the back cover, so no page before them moves). Only
    when the free space before the parts that start a page could save a sheet is it laid
    out a second time with those parts following on.
    """
    from booklet.check import sheets

    if not FORMATS[edition.format].folded:
        return lay_out_sheet(edition, created, env)
    if edition.contents:
        padded, pages, body = fewest_sheets(edition.without_contents(), created, env)
        if 4 * sheets(body) <= MOST_PAGES_WITHOUT_CONTENTS:
            return trimmed(padded, pages, created, env)
    return trimmed(*fewest_sheets(edition, created, env)[:2], created, env)


def fewest_sheets(edition: Edition, created: datetime.datetime,
                  env: jinja2.Environment) -> tuple[Edition, Typeset, int]:
    """Return a booklet laid out with the most notes pages it can need, its parts
    following on (compact) where that saves a sheet or leaves fewer pages underfilled;
    and how many pages its text and back cover take."""
    from booklet.check import needed_notes_pages, sheets

    padded, pages = lay_out_padded(edition, created, env)
    body = pages.page_count - MOST_NOTES_PAGES
    if (needed_notes_pages(body) and compact_may_save_a_sheet(pages, body)) \
            or underfilled(pages, body):
        compact, compact_pages = lay_out_padded(edition.compacted(), created, env)
        compact_body = compact_pages.page_count - MOST_NOTES_PAGES
        if sheets(compact_body) < sheets(body) or (
                sheets(compact_body) == sheets(body)
                and len(underfilled(compact_pages, compact_body)) < len(underfilled(pages, body))):
            return compact, compact_pages, compact_body
    return padded, pages, body


def trimmed(padded: Edition, pages: Typeset, created: datetime.datetime,
            env: jinja2.Environment) -> tuple[Edition, str, Typeset]:
    """Return a booklet laid out with the most notes pages it can need with only those
    that fill its last sheet."""
    from booklet.check import needed_notes_pages

    body = pages.page_count - MOST_NOTES_PAGES
    edition = padded.with_notes_pages(needed_notes_pages(body))
    with stage("render"):
        html = render(edition, created, env)
    return edition, html, without_spare_notes(pages, body, edition.notes_pages, html)


#: The most spare pages a booklet can need to fill its last sheet. The template fills
#: them, in this order, with a card of important numbers to cut out, questions to talk
#: about, and a page of notes: at most one.
MOST_NOTES_PAGES = 3
#: The most pages of a booklet without a contents page: one this short is paged through.
MOST_PAGES_WITHOUT_CONTENTS = 12
#: The parts of a booklet that start a page unless the booklet is compact.
PAGE_STARTING_PARTS = frozenset({"introduction", "checklist", "closing"})


#: What fills the second side of a handout: questions to talk about, cards of important
#: numbers to cut out. A handout that fits one side has neither.
HANDOUT_FILLERS = ("talk", "cards")
#: The classes of their elements in templates/handout.html.
FILLER_CLASSES = frozenset({"talk-box", "cut-out"})
#: What a handout leaves out, in this order, while it takes more sides than it may: its
#: fillers, then the checklist (which is in the booklet); then its last questions.
SPARED_PARTS = (*HANDOUT_FILLERS, "checklist")


def lay_out_sheet(edition: Edition, created: datetime.datetime,
                  env: jinja2.Environment) -> tuple[Edition, str, Typeset]:
    """Render and lay out a handout: on one side if it fits, else on two, the second
    filled with what it can hold of its fillers, leaving out what it may spare while it
    takes more sides than its format allows.

    Most handouts take two sides, so it is laid out with its fillers first. When all that
    comes before them stands on the first side, it fits one: that side is taken as it is
    when no filler has begun on it (the fillers follow the text, and what comes before
    them is laid out the same with or without them), else it is laid out without them.
    """
    from booklet.typeset import subset

    html, pages = render_and_typeset(edition, created, env)
    if pages.page_count == 1 or fillers_alone_after_first_side(pages):
        bare = edition
        for part in HANDOUT_FILLERS:
            bare = bare.without(part)
        first = pages.document.pages[0]
        if pages.page_count > 1 and not filler_on(first):
            with stage("render"):
                bare_html = render(bare, created, env)
            return bare, bare_html, subset(pages, [first], bare_html)
        bare_html, bare_pages = render_and_typeset(bare, created, env)
        if bare_pages.page_count == 1:
            return bare, bare_html, bare_pages
    return fitted(edition, html, pages, created, env)


def fillers_alone_after_first_side(pages: Typeset) -> bool:
    """Return whether a handout's second side starts with its fillers."""
    from booklet import weasy

    return bool(weasy.first_classes(pages.document.pages[1]) & FILLER_CLASSES)


def filler_on(page) -> bool:
    """Return whether any line of a page's body is in a filler."""
    from booklet import weasy

    return any(line.classes & FILLER_CLASSES for line in weasy.lines(page)
               if not line.in_margin)


def fitted(edition: Edition, html: str, pages: Typeset, created: datetime.datetime,
           env: jinja2.Environment) -> tuple[Edition, str, Typeset]:
    """Return a laid-out handout that takes more sides than its format allows laid out
    again without its spared parts, one by one, then without its last questions (a
    translation longer than the English, set with the leading its script needs); its
    first question always stays."""
    limit = FORMATS[edition.format].max_pages
    for part in SPARED_PARTS:
        if not limit or pages.page_count <= limit:
            return edition, html, pages
        if part not in edition.left_out:
            edition = edition.without(part)
            html, pages = render_and_typeset(edition, created, env)
    while pages.page_count > limit and len(edition.entries) > 1:
        edition = edition.without_last_question()
        html, pages = render_and_typeset(edition, created, env)
    return edition, html, pages


def lay_out_padded(edition: Edition, created: datetime.datetime,
                   env: jinja2.Environment) -> tuple[Edition, Typeset]:
    """Lay out a booklet with the most notes pages it can need; each must take one page
    (the spare pages left out are counted from the end)."""
    from booklet import weasy

    padded = edition.with_notes_pages(MOST_NOTES_PAGES)
    pages = render_and_typeset(padded, created, env)[1]
    spare = sum("spare" in weasy.first_classes(page) for page in pages.document.pages)
    if spare != MOST_NOTES_PAGES:
        raise LayoutError([f"{output_path(padded, padded.variant)}: expected its spare pages "
                           f"(cards, questions to talk about, notes) on {MOST_NOTES_PAGES} "
                           f"pages, one each, found {spare}; set them smaller for its "
                           "language (styles/easy-read.css)"])
    return padded, pages


#: The least part of a page's content area a page between the covers fills, but the last
#: page of text: a reader takes a page less full for a mistake.
LEAST_FILL = 1 / 3


def underfilled(pages: Typeset, body: int) -> list[int]:
    """Return the indexes of the pages between the cover and the last page of text that
    fill less than `LEAST_FILL` of their content area (`body` pages: text and back cover)."""
    from booklet import weasy

    document_pages = pages.document.pages
    return [index for index in range(1, body - 2)
            if weasy.fill(document_pages[index]) < LEAST_FILL]


def compact_may_save_a_sheet(pages: Typeset, body: int) -> bool:
    """Return whether letting the parts that start a page follow on could save a sheet:
    whether the free space on the pages before them adds up to the pages to save."""
    from booklet import weasy

    document_pages = pages.document.pages
    free = sum(1 - weasy.fill(document_pages[index - 1])
               for index in range(1, body)
               if weasy.first_classes(document_pages[index]) & PAGE_STARTING_PARTS)
    # Measured on the ten booklets: compact saved a sheet only where the free space was at
    # least the pages to save (children: 1.41 free for 1 page), never below (parents: 0.98).
    return free >= body % 4


def without_spare_notes(pages: Typeset, body: int, keep: int, html: str) -> Typeset:
    """Return the laid-out booklet with only `keep` of its notes pages; a back cover too
    long for its page is returned whole, every page of it, for the page check to report."""
    from booklet import weasy
    from booklet.check import BACK_COVER
    from booklet.typeset import subset

    all_pages = pages.document.pages
    if sum(weasy.page_type(page) == BACK_COVER for page in all_pages) > 1:
        return pages
    text = all_pages[:body - 1]
    notes = all_pages[body - 1:body - 1 + keep]
    return subset(pages, text + notes + [all_pages[-1]], html)


def render_and_typeset(edition: Edition, created: datetime.datetime,
                       env: jinja2.Environment) -> tuple[str, Typeset]:
    """Return an edition's HTML and its laid-out pages."""
    from booklet.typeset import typeset

    with stage("render"):
        html = render(edition, created, env)
    with stage("layout"):
        return html, typeset(html, edition.variant)


#: How each variant made from another's pages is made (see `booklet.formats.Variant`).
MAKERS: dict[str, Callable] = {"imposed": imposed,
                                "mono-imposed": functools.partial(imposed, variant="mono-imposed")}
