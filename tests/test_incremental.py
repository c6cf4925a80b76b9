"""The incremental build: only what changed is built again; killed builds leave no part
file behind; the catalogue lists every output and opens in a browser."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from booklet import produce
from booklet import paths
from booklet.build import Request, build_with_report
from booklet.plan import Plan
from booklet.compose import compose
from booklet.formats import FORMATS
from booklet.load import load

from conftest import SMALL



@pytest.fixture(scope="module")
def first_build(tmp_path_factory) -> tuple[Request, Path]:
    """Build the small fixture's screen booklets and handouts once for the module; return
    the request and a pristine copy of its content and output."""
    folder = tmp_path_factory.mktemp("incremental")
    shutil.copytree(SMALL, folder / "content")
    request = Request(content=folder / "content", out=folder / "out", variants=("screen",))
    report = build_with_report(request)
    assert len(report.outputs) == 6 and not report.skipped
    # copytree keeps modification times, so a restored copy is as current as the build.
    for name in ("content", "out"):
        shutil.copytree(folder / name, folder / "pristine" / name)
    return request, folder / "pristine"


@pytest.fixture
def built(first_build) -> Request:
    """Return the first build's request with its content and output as they were built,
    free to edit."""
    # The same paths as the first build: a document's fingerprint includes its pictures'
    # paths, so a copy elsewhere would rightly count as changed.
    request, pristine = first_build
    for name, target in (("content", request.content), ("out", request.out)):
        shutil.rmtree(target)
        shutil.copytree(pristine / name, target)
    return request


def mtimes(folder: Path) -> dict[str, int]:
    """Return the modification time of every PDF under a folder."""
    return {path.name: path.stat().st_mtime_ns for path in folder.rglob("*.pdf")}


def test_nothing_changed_lays_out_nothing(built, monkeypatch):
    before = mtimes(built.out)

    def no_layout(*arguments, **options):
        raise AssertionError("laid out although nothing changed")

    monkeypatch.setattr("booklet.typeset.typeset", no_layout)
    report = build_with_report(built)
    assert len(report.skipped) == 6 and report.preflights == []
    assert mtimes(built.out) == before


def test_one_audience_changed_rebuilds_only_its_outputs(built):
    path = built.content / "audiences.yaml"
    path.write_text(path.read_text().replace("Register the agents.", "Register every agent."))
    report = build_with_report(built)
    rebuilt = sorted(output.path for output in report.outputs if output not in report.skipped)
    assert rebuilt == ["en/officials-booklet-screen.pdf", "en/officials-handout-screen.pdf"]
    assert len(report.skipped) == 4


def test_a_shared_question_rebuilds_every_audience_that_reads_it(built):
    path = built.content / "questions.yaml"
    path.write_text(path.read_text().replace("You earn more later.", "You can earn more later."))
    report = build_with_report(built)
    rebuilt = {output.audience for output in report.outputs if output not in report.skipped}
    # why-school is in the pupils' and officials' booklets, every handout, and "everyone".
    assert rebuilt == {"pupils", "officials", "everyone"}


def test_a_changed_template_rebuilds_everything(built, tmp_path, monkeypatch):
    templates = tmp_path / "templates"
    shutil.copytree(paths.TEMPLATES, templates)
    (templates / "macros.html").write_text((templates / "macros.html").read_text() + "\n")
    monkeypatch.setattr(paths, "TEMPLATES", templates)
    content = load(built.content)
    editions = [compose(content, audience, format) for audience in content.audiences
                for format in FORMATS]
    plan = Plan(built, editions, {format: ("screen",) for format in FORMATS})
    assert plan.current == [] and len(plan.work) == 6


def test_force_rebuilds_everything(built):
    report = build_with_report(Request(**{**built.__dict__, "force": True}))
    assert not report.skipped and len(report.outputs) == 6


def test_a_changed_or_deleted_pdf_is_built_again(built):
    (built.out / "en" / "pupils-booklet-screen.pdf").write_bytes(b"damaged")
    (built.out / "en" / "pupils-handout-screen.pdf").unlink()
    report = build_with_report(built)
    assert sorted(output.path for output in report.outputs if output not in report.skipped) == [
        "en/pupils-booklet-screen.pdf", "en/pupils-handout-screen.pdf"]


def test_leftover_part_files_are_removed(built):
    leftover = built.out / "en" / ".pupils-booklet-screen.pdf.x1y2z3w4.part"
    leftover.write_bytes(b"%PDF-1.7 half")
    build_with_report(built)
    assert not leftover.exists()


def test_catalogue_lists_every_output(built):
    html = (built.out / "index.html").read_text()
    manifest = json.loads((built.out / "manifest.json").read_text())["outputs"]
    for entry in manifest:
        assert f'href="{entry["path"]}"' in html
    assert html.count("<img ") == len(manifest) == 6
    assert "<h3>Pupils</h3>" in html
    assert len(list((built.out / "thumbnails").glob("*.png"))) == 6


@pytest.mark.browser
def test_catalogue_opens_in_chromium_with_every_picture_and_link(built, browser):
    page = browser.new_page()
    page.goto((built.out / "index.html").as_uri())
    images = page.evaluate(
        "Array.from(document.images).map(i => [i.src, i.complete && i.naturalWidth])")
    links = page.evaluate("Array.from(document.links).map(a => a.href)")
    assert len(images) == 6 and all(width > 0 for _, width in images), images
    assert len(links) == 12
    for link in links:
        assert link.startswith("file://") and Path(link.removeprefix("file://")).is_file(), link


def test_workers_reuse_one_template_environment():
    assert produce.cached_environment() is produce.cached_environment()
