"""Stage 8: a training-session pack: one print job holding a cover sheet and every copy of
the booklets (imposed) and handouts a session needs, in order, with its print list.

The pack is printed double-sided (flipping on the short edge, for the imposed booklets).
So that each copy starts on a sheet of its own, a one-page item is followed by a blank
back. The print list gives per item the copies, sheet sides, sheets and sidedness.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from dataclasses import dataclass
from pathlib import Path
from booklet import model
from booklet.build import Request, build_with_report
from booklet.editions import GENERIC
from booklet.errors import ContentError, Problem
from booklet.formats import MONO_SESSION_VARIANTS, PAPERS, SESSION_VARIANTS
from booklet.load import read_file, shown_path
from booklet.schema import INVALID, SESSION
from booklet.translate import available_languages
from booklet.write import Output, write_atomically

PACK = "pack.pdf"
PRINT_LIST = "print-list.csv"
#: The most pages one pack may have: 25,000 sheets printed on both sides.
MAX_PACK_PAGES = 50_000


@dataclass(frozen=True)
class Item:
    """One thing to print for a session, in so many copies."""

    #: What it is, such as "Parents and families: booklet".
    label: str
    #: The PDF, relative to the build folder (empty for the cover sheet).
    path: str
    copies: int
    #: Pages of the PDF per copy: sides of paper to print.
    sides: int

    @property
    def double_sided(self) -> bool:
        """Return whether a copy is printed on both sides of its sheets."""
        return self.sides > 1

    @property
    def sheets_per_copy(self) -> int:
        """Return the sheets of paper one copy takes."""
        return -(-self.sides // 2)

    @property
    def sheets(self) -> int:
        """Return the sheets of paper all copies take."""
        return self.copies * self.sheets_per_copy


def load_session(path: Path, content: model.Content) -> model.Session:
    """Read and check a session file; raise `ContentError` listing every problem."""
    problems: list[Problem] = []
    lines: dict[tuple[str, str], int] = {}
    session = read_file(path.parent, path.name, problems, lines, SESSION)
    if session is INVALID:
        raise ContentError(problems)
    shown = shown_path(path)
    known = [audience.id for audience in content.audiences]
    seen: set[str] = set()
    for index, group in enumerate(session.participants):
        where = f"participants[{index}].audience"
        line = lines.get((shown, where), group.location.line)
        if group.audience not in known:
            problems.append(Problem(shown, line, where, f"expected a known audience id "
                                    f"({', '.join(known)}), found '{group.audience}'"))
        elif group.audience in seen:
            problems.append(Problem(shown, line, where, f"expected each audience once, found "
                                    f"'{group.audience}' again"))
        seen.add(group.audience)
    if not any(group.booklets or group.handouts for group in session.participants):
        problems.append(Problem(shown, lines.get((shown, "participants"), 0), "participants",
                                "expected at least one booklet or handout to print, found "
                                "no copies at all"))
    languages = available_languages(content.folder)
    editions = {GENERIC: languages} | {edition.id: list(edition.languages)
                                       for edition in content.editions}
    edition = session.edition or GENERIC
    if edition not in editions:
        problems.append(Problem(shown, lines.get((shown, "edition"), 0), "edition",
                                f"expected a known edition ({', '.join(editions)}), found "
                                f"'{edition}'"))
    elif session.language not in editions[edition]:
        printed_in = ("the content is written in" if edition == GENERIC
                      else f"the {edition} edition is printed in")
        problems.append(Problem(shown, lines.get((shown, "language"), 0), "language",
                                f"expected a language {printed_in} "
                                f"({', '.join(editions[edition])}), found "
                                f"'{session.language}'"))
    if problems:
        raise ContentError(problems)
    return session


def items_of(session: model.Session, content: model.Content,
             outputs: list[Output]) -> list[Item]:
    """Return what to print, in order: each audience's booklets, then its handouts."""
    by_key = {(output.audience, output.format, output.variant): output for output in outputs
              if output.lang == session.language
              and output.edition == (session.edition or GENERIC)}
    items = []
    for group in session.participants:
        name = content.audience(group.audience).name
        for format, copies in (("booklet", group.booklets), ("handout", group.handouts)):
            variant = session_variants(session)[format]
            if copies:
                output = by_key[group.audience, format, variant]
                items.append(Item(f"{name}: {format}", output.path, copies, output.pages))
    return items


def session_variants(session: model.Session) -> dict[str, str]:
    """Return the variant of each format a session prints: for office printers, or for
    black-and-white printers and photocopiers (``mono: true``)."""
    return MONO_SESSION_VARIANTS if session.mono else SESSION_VARIANTS


def print_list(items: list[Item]) -> list[list[str]]:
    """Return the print list as rows: a header, one row an item, and the totals."""
    rows = [["item", "file", "copies", "sides per copy", "sheets per copy", "double-sided",
             "sheets"]]
    for item in items:
        rows.append([item.label, item.path, str(item.copies), str(item.sides),
                     str(item.sheets_per_copy), "yes" if item.double_sided else "no",
                     str(item.sheets)])
    rows.append(["total", "", str(sum(item.copies for item in items)), "", "", "",
                 str(sum(item.sheets for item in items))])
    return rows


def as_csv(rows: list[list[str]]) -> bytes:
    """Return rows as CSV."""
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(rows)
    return text.getvalue().encode("utf-8")


def as_table(rows: list[list[str]]) -> list[str]:
    """Return rows as aligned lines for the terminal."""
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    return ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
            for row in rows]


def combine(build: Path, cover: bytes, items: list[Item]) -> bytes:
    """Return one PDF: the cover sheet, then each copy of each item, each starting a sheet.

    Each page of a source is copied in once, as a form with its own content stream, and
    every copy's page only points at them; the page tree is made in one go, since adding
    pages one at a time takes time that grows with the square of their number.
    """
    import pikepdf

    pack = pikepdf.new()
    tree = pack.Root.Pages
    kids = []
    parts = [(pikepdf.open(io.BytesIO(cover)), 1)]
    parts += [(pikepdf.open(build / item.path), item.copies) for item in items]
    for source, copies in parts:
        pages = [drawing_page(pack, tree, page) for page in source.pages]
        if len(pages) % 2:
            # A blank back, so that the next copy starts on a new sheet.
            pages.append(blank_page(pack, tree, pages[-1].MediaBox))
        for _ in range(copies):
            kids.extend(pages)
    tree.Kids = pikepdf.Array(kids)
    tree.Count = len(kids)
    output = io.BytesIO()
    pack.save(output, deterministic_id=True)
    return output.getvalue()


def drawing_page(pack, tree, page):
    """Return a page of the pack, of a source page's size, that draws it as a form."""
    import pikepdf

    x0, y0, x1, y1 = [float(value) for value in page.mediabox]
    form = pack.copy_foreign(page.as_form_xobject())
    return pack.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Page, Parent=tree, MediaBox=[0, 0, x1 - x0, y1 - y0],
        Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Page=form)),
        Contents=pack.make_stream(f"q 1 0 0 1 {-x0:.4f} {-y0:.4f} cm /Page Do Q".encode())))


def blank_page(pack, tree, box):
    """Return a blank page of the pack of a given size."""
    import pikepdf

    return pack.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Page, Parent=tree,
                                                 MediaBox=box, Contents=pack.make_stream(b"")))


def check_size(session_file: Path, items: list[Item]) -> None:
    """Refuse a pack of more than `MAX_PACK_PAGES` pages, before making it."""
    pages = sum(item.copies * item.sheets_per_copy * 2 for item in items)
    if pages > MAX_PACK_PAGES:
        raise ContentError([Problem(shown_path(session_file), 0, "participants",
                                    f"expected a pack of at most {MAX_PACK_PAGES} pages, "
                                    f"found {pages}; split the session into several packs")])


def cover_sheet(session: model.Session, rows: list[list[str]]) -> bytes:
    """Return the session's cover sheet: what the session is and its print list."""
    from booklet.check import font_problems
    from booklet.errors import LayoutError
    from booklet.paths import STYLES
    from booklet.render import environment
    from booklet.typeset import draw, typeset

    html = environment().get_template("session.html").render(
        session=session, rows=rows, styles=STYLES.as_uri(),
        page_size=PAPERS[session.paper].sheet_size)
    pages = typeset(html)
    drawn = draw(pages)
    problems = list(pages.warnings + drawn.warnings) + font_problems("cover sheet", drawn.pdf)
    if problems:
        raise LayoutError(problems)
    return drawn.pdf


@dataclass(frozen=True)
class Pack:
    """What `pack` made."""

    session: model.Session
    items: list[Item]
    rows: list[list[str]]
    pdf: Path
    csv: Path
    pages: int


def pack(session_file: Path, request: Request, out: Path) -> Pack:
    """Build what a session needs (reusing current PDFs), then write its pack and print list."""
    from booklet.load import load

    content = load(request.content)
    session = load_session(session_file, content)
    wanted = [group for group in session.participants if group.booklets or group.handouts]
    report = build_with_report(dataclasses.replace(
        request, audiences=tuple(group.audience for group in wanted),
        formats=tuple(SESSION_VARIANTS),
        variants=tuple(session_variants(session).values()),
        paper=session.paper,
        languages=(session.language,), editions=(session.edition or GENERIC,)))
    items = items_of(session, content, report.outputs)
    check_size(session_file, items)
    rows = print_list([Item("cover sheet", "", 1, 1)] + items)
    cover = cover_sheet(session, rows)
    if session.mono:  # Greys alone on the cover sheet too, like every copy after it.
        from booklet.mono import finish_in_greys

        cover = finish_in_greys(cover)
    combined = combine(request.out, cover, items)
    write_atomically(out / PACK, combined)
    write_atomically(out / PRINT_LIST, as_csv(rows))
    import pikepdf

    with pikepdf.open(io.BytesIO(combined)) as document:
        page_count = len(document.pages)
    return Pack(session, items, rows, out / PACK, out / PRINT_LIST, page_count)


