"""Training-session packs: the print list's arithmetic, the combined PDF, and clear errors
for bad session files."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from booklet.cli import main
from booklet.errors import ContentError
from booklet.load import load
from booklet.pack import Item, load_session, print_list

from conftest import SMALL, read_pdf

SESSION = """\
title: Test session
date: 2026-12-05
place: Test hall
trainer: Test trainer
language: en
paper: a4
participants:
  - audience: pupils
    booklets: 3
    handouts: 5
  - audience: officials
    booklets: 0
    handouts: 2
"""


@pytest.mark.parametrize("sides, copies, sheets, double_sided", [
    (4, 10, 20, True),    # an 8-page A5 booklet imposed: 4 sheet sides, 2 sheets a copy
    (8, 25, 100, True),   # a 16-page booklet: 8 sheet sides, 4 sheets a copy
    (1, 30, 30, False),   # a one-page handout: one sheet each, one side
    (2, 7, 7, True),      # a two-page handout: one sheet each, both sides
])
def test_sheets_of_an_item(sides, copies, sheets, double_sided):
    item = Item("x", "x.pdf", copies, sides)
    assert item.sheets == sheets and item.double_sided is double_sided


def test_an_imposed_booklet_takes_a_quarter_of_its_pages_in_sheets():
    for booklet_pages in (8, 12, 16, 24):
        imposed_sides = booklet_pages // 2
        item = Item("booklet", "b.pdf", 9, imposed_sides)
        assert item.sheets_per_copy == booklet_pages // 4
        assert item.sheets == 9 * booklet_pages // 4


def test_print_list_rows_and_totals():
    rows = print_list([Item("cover sheet", "", 1, 1), Item("B", "b.pdf", 3, 4),
                       Item("H", "h.pdf", 5, 1)])
    assert rows == [
        ["item", "file", "copies", "sides per copy", "sheets per copy", "double-sided", "sheets"],
        ["cover sheet", "", "1", "1", "1", "no", "1"],
        ["B", "b.pdf", "3", "4", "2", "yes", "6"],
        ["H", "h.pdf", "5", "1", "1", "no", "5"],
        ["total", "", "9", "", "", "", "12"]]


@pytest.mark.slow
def test_pack_writes_one_print_job_and_its_print_list(tmp_path, capsys):
    session = tmp_path / "session.yaml"
    session.write_text(SESSION)
    build, out = tmp_path / "build", tmp_path / "pack"
    assert main(["pack", str(session), "--content", str(SMALL), "--build", str(build),
                 "--out", str(out), "--jobs", "1"]) == 0
    # pupils: 8-page booklet imposed on 4 sheet sides; 1-page handouts; officials handout 1 page.
    booklet_sides = len(read_pdf(build / "en" / "pupils-booklet-imposed.pdf").pages)
    assert booklet_sides == 4
    rows = list(csv.reader((out / "print-list.csv").open()))
    assert rows[1:] == [
        ["cover sheet", "", "1", "1", "1", "no", "1"],
        ["Pupils: booklet", "en/pupils-booklet-imposed.pdf", "3", "4", "2", "yes", "6"],
        ["Pupils: handout", "en/pupils-handout-screen.pdf", "5", "1", "1", "no", "5"],
        ["Officials: handout", "en/officials-handout-screen.pdf", "2", "1", "1", "no", "2"],
        ["total", "", "11", "", "", "", "14"]]
    pack = read_pdf(out / "pack.pdf")
    # Every sheet has two sides in a double-sided job: twice the sheets.
    assert len(pack.pages) == 2 * 14
    texts = [" ".join(page.extract_text().split()) for page in pack.pages]
    assert texts[0].startswith("Print pack: Test session")
    assert texts[1] == ""  # the cover sheet's blank back
    assert "Stay in school" in texts[2]  # the first booklet copy's first sheet side
    printed = capsys.readouterr().out
    assert "total" in printed and f"wrote {out / 'pack.pdf'} (28 pages)" in printed


@pytest.mark.slow
def test_pack_reuses_current_booklets(tmp_path, capsys):
    session = tmp_path / "session.yaml"
    session.write_text(SESSION)
    arguments = ["pack", str(session), "--content", str(SMALL), "--build",
                 str(tmp_path / "build"), "--jobs", "1"]
    assert main(arguments) == 0
    before = {path: path.stat().st_mtime_ns for path in (tmp_path / "build" / "en").iterdir()}
    assert main(arguments) == 0
    assert {path: path.stat().st_mtime_ns
            for path in (tmp_path / "build" / "en").iterdir()} == before


@pytest.mark.parametrize("old, new, expected", [
    ("audience: officials", "audience: employers",
     "{file}:11: participants[1].audience: expected a known audience id (pupils, officials, "
     "everyone), found 'employers'"),
    ("audience: officials", "audience: pupils",
     "{file}:11: participants[1].audience: expected each audience once, found 'pupils' again"),
    ("booklets: 3", "booklets: 2.5",
     "{file}:9: participants[0].booklets: expected a whole number from 0 to 10000, found "
     "number 2.5"),
    ("handouts: 5", "handouts: -1",
     "{file}:10: participants[0].handouts: expected a whole number from 0 to 10000, found -1"),
    ("paper: a4", "paper: a3", "{file}:6: paper: expected a4 or letter, found 'a3'"),
    ("date: 2026-12-05", "date: next week",
     "{file}:2: date: expected a date as YYYY-MM-DD, found text 'next week'"),
    ("language: en", "language: th",
     "{file}:5: language: expected a language the content is written in (en), found 'th'"),
    ("language: en", "language: zz",
     "{file}:5: language: expected a language the content is written in (en), found 'zz'"),
])
def test_bad_session_files(tmp_path, old, new, expected):
    session = tmp_path / "session.yaml"
    session.write_text(SESSION.replace(old, new, 1))
    with pytest.raises(ContentError) as raised:
        load_session(session, load(SMALL))
    assert raised.value.lines() == [expected.format(file=session)]


def test_bad_session_file_on_the_command_line(tmp_path, capsys):
    session = tmp_path / "session.yaml"
    session.write_text(SESSION.replace("trainer: Test trainer\n", ""))
    assert main(["pack", str(session), "--content", str(SMALL), "--build",
                 str(tmp_path / "build")]) == 1
    assert capsys.readouterr().err == (
        f"{session}:1: trainer: expected text, found nothing (the key is required)\n")
    assert not (tmp_path / "build").exists()


def test_the_example_session_is_valid():
    example = Path(__file__).parent.parent / "examples" / "session.yaml"
    session = load_session(example, load(Path(__file__).parent.parent / "content"))
    assert session.participants[0].audience == "children"


def test_sessions_reference_documents_every_field():
    from booklet.schema import SESSION_DOCUMENTED, reference

    docs = (Path(__file__).parent.parent / "docs" / "sessions.md").read_text(encoding="utf-8")
    assert reference(SESSION_DOCUMENTED) in docs


@pytest.mark.slow
def test_a_pack_in_another_language(tmp_path, capsys):
    session = tmp_path / "session.yaml"
    content = Path(__file__).parent.parent / "content"
    session.write_text(SESSION.replace("language: en", "language: vi").replace(
        "audience: pupils", "audience: children").replace(
        "  - audience: officials\n    booklets: 0\n    handouts: 2\n", ""))
    assert main(["pack", str(session), "--content", str(content), "--build",
                 str(tmp_path / "build"), "--out", str(tmp_path / "pack"), "--jobs", "2"]) == 0
    rows = list(csv.reader((tmp_path / "pack" / "print-list.csv").open()))
    assert [row[1] for row in rows[1:-1]] == ["", "vi/children-booklet-imposed.pdf",
                                             "vi/children-handout-screen.pdf"]
    # The print list is for the trainer and the printer: its labels stay in English.
    assert [row[0] for row in rows[1:-1]] == ["cover sheet", "Children and young people: booklet",
                                             "Children and young people: handout"]
