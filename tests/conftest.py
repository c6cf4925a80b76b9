"""Shared fixtures: content folders to build, and helpers that read facts off PDFs."""

from __future__ import annotations

import fcntl
import io
import os
import shutil
from pathlib import Path

import pypdf
import pytest

from booklet.build import Request, build

FIXTURES = Path(__file__).parent / "fixtures"
SMALL = FIXTURES / "small"
PROJECT_CONTENT = Path(__file__).parent.parent / "content"

#: A5 and A4 in PostScript points.
A5 = (419.53, 595.28)
A4 = (595.28, 841.89)
LETTER = (612.0, 792.0)
HALF_LETTER = (396.0, 612.0)


@pytest.fixture
def browser():
    """Yield headless Chromium (Debian's), driven by Playwright."""
    from playwright import sync_api as playwright

    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is needed (make test installs it)"
    with playwright.sync_playwright() as driver:
        # No background networking: this machine reaches no network, and tests need none.
        launched = driver.chromium.launch(executable_path=chromium, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-sync"])
        yield launched
        launched.close()


@pytest.fixture
def small_content(tmp_path) -> Path:
    """Return a copy of the small fixture content, free to edit."""
    folder = tmp_path / "content"
    shutil.copytree(SMALL, folder)
    return folder


@pytest.fixture(scope="session")
def small_build(tmp_path_factory) -> Path:
    """Build every edition of the small fixture once for the whole run, shared by the
    processes of ``pytest -n``; return the output folder (read it, never change it)."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # this run's folder, above each worker's own
    out = root / "small-build"
    with open(root / "small-build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the first process builds, the others wait
        if not (out / "manifest.json").exists():
            build(Request(content=SMALL, out=out, jobs=2))
    return out


def read_pdf(path: Path) -> pypdf.PdfReader:
    """Open a PDF."""
    return pypdf.PdfReader(io.BytesIO(path.read_bytes()))


def page_texts(path: Path) -> list[str]:
    """Return the text of each page, with runs of white space made single spaces."""
    return [" ".join(page.extract_text().split()) for page in read_pdf(path).pages]


def page_size(page: pypdf.PageObject) -> tuple[float, float]:
    """Return a page's trimmed size in points."""
    box = page.trimbox
    return round(float(box.width), 2), round(float(box.height), 2)


def outline_titles(reader: pypdf.PdfReader) -> list[tuple[int, str, int]]:
    """Return the bookmarks as (level, title, 1-based page), depth first."""
    titles = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                titles.append((level, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 1)
    return titles
