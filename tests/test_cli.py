"""The command line: options, output, exit codes, and errors as plain lines."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from booklet import fonts
from booklet.cli import main
from booklet.errors import MissingDependencyError

from conftest import SMALL

PROJECT = Path(__file__).parent.parent


def test_list_prints_audiences_and_formats(capsys):
    assert main(["--list", "--content", str(SMALL)]) == 0
    assert capsys.readouterr().out == (
        "audiences:\n"
        "  pupils     Pupils\n"
        "  officials  Officials\n"
        "  everyone   Everyone\n"
        "formats:\n"
        "  booklet    screen, print, imposed, mono, mono-imposed\n"
        "  handout    screen, print, mono\n"
        "editions:\n"
        "  generic    Generic\n")


def test_check_accepts_good_content(capsys):
    assert main(["--check", "--content", str(SMALL)]) == 0
    out = capsys.readouterr().out
    assert f"{SMALL}: 3 audiences, 2 questions: no problems found" in out


def test_bad_content_exits_1_with_one_line_each_and_no_traceback(small_content):
    path = small_content / "audiences.yaml"
    path.write_text(path.read_text().replace('"#1b6ca8"', "blue").replace(
        "reading_grade: 6", "reading_grade: x"))
    result = subprocess.run([sys.executable, str(PROJECT / "make_booklet.py"), "--check",
                             "--content", str(small_content)],
                            capture_output=True, text=True, cwd=PROJECT)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{path}:16: audiences[0].colour: expected a colour as #rrggbb, such as '#1b6ca8', "
        "found 'blue'",
        f"{path}:19: audiences[0].reading_grade: expected a number from 1 to 20, "
        "found text 'x'"]


def test_build_writes_only_what_is_asked(tmp_path, capsys):
    assert main(["--content", str(SMALL), "--out", str(tmp_path), "--audience", "officials",
                 "--format", "handout", "--variant", "print", "--paper", "letter"]) == 0
    assert sorted(path.name for path in (tmp_path / "en").iterdir()) == [
        "officials-handout-print-letter-report.html", "officials-handout-print-letter.pdf"]
    summary = capsys.readouterr().out.splitlines()[-1]
    assert re.fullmatch(rf"built 1, kept 0 current: 1 PDF\(s\), 1 pages, 0\.\d MB in "
                        rf"{re.escape(str(tmp_path))}, in \d+\.\d s", summary), summary


def test_unknown_audience_is_an_error(tmp_path, capsys):
    assert main(["--content", str(SMALL), "--out", str(tmp_path), "--audience", "nobody"]) == 1
    assert capsys.readouterr().err == (
        "error: --audience: expected a known audience id (pupils, officials, everyone), "
        "found 'nobody'\n")
    assert not tmp_path.joinpath("manifest.json").exists()


def test_bad_source_date_epoch_is_an_error(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    assert main(["--content", str(SMALL), "--out", str(tmp_path)]) == 1
    assert capsys.readouterr().err == (
        "error: SOURCE_DATE_EPOCH: expected whole seconds since 1970, up to the year 9999, "
        "found 'yesterday'\n")


@pytest.mark.parametrize("epoch", ["99999999999999999999", "253402300800"])
def test_huge_source_date_epoch_is_one_line(tmp_path, capsys, monkeypatch, epoch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert main(["--content", str(SMALL), "--out", str(tmp_path)]) == 1
    assert capsys.readouterr().err == (
        "error: SOURCE_DATE_EPOCH: expected whole seconds since 1970, up to the year 9999, "
        f"found '{epoch[:40]}'\n")


def test_missing_subsetter_stops_the_build(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(fonts, "harfbuzz_subset_available", lambda: False)
    assert main(["--content", str(SMALL), "--out", str(tmp_path)]) == 1
    assert capsys.readouterr().err == (
        "error: the font subsetter HarfBuzz-Subset is not installed; install the Debian "
        "package libharfbuzz-subset0 (apt-get install libharfbuzz-subset0)\n")
    assert not (tmp_path / "en").exists()


def test_missing_font_stops_the_build(monkeypatch):
    monkeypatch.setattr(fonts, "matched_family", lambda style: "DejaVu Sans")
    with pytest.raises(MissingDependencyError) as raised:
        fonts.require_fonts_and_subsetter()
    assert str(raised.value) == (
        "font(s) not installed: Noto Sans Regular, Noto Sans Bold, Noto Sans Italic; install "
        "the Debian package fonts-noto-core (apt-get install fonts-noto-core) or run "
        "'make booklets' as root")


def test_fonts_and_subsetter_are_installed_here():
    fonts.require_fonts_and_subsetter()


def test_missing_font_of_a_language_stops_the_build(monkeypatch):
    monkeypatch.setattr(fonts, "family_of", lambda pattern: "DejaVu Sans")
    with pytest.raises(MissingDependencyError) as raised:
        fonts.require_fonts_and_subsetter(languages=("km",))
    assert str(raised.value) == (
        "font not installed: Noto Sans Khmer, for the language 'km'; install the Debian "
        "package fonts-noto-core (apt-get install fonts-noto-core)")


def test_fonts_of_every_language_are_installed_here():
    fonts.require_fonts_and_subsetter(languages=("th", "lo", "km", "my", "vi", "zh-Hans"))
