"""The live preview, in a real browser: a change to the content shows without reloading by
hand, a broken file shows its error lines, and fixing it brings the preview back."""

from __future__ import annotations

import json
import multiprocessing
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from booklet import workers
from booklet.plan import Request
from booklet.preview import Preview

PROJECT = Path(__file__).parent.parent

#: Seconds to wait for the preview to follow a change.
PATIENCE = 20


@pytest.fixture
def preview(small_content, tmp_path):
    """Run `make_booklet.py serve` on a copy of the small fixture, on any free port; once its
    first build is done, yield the address it printed and its content folder."""
    server = subprocess.Popen(
        [sys.executable, str(PROJECT / "make_booklet.py"), "serve", "--port", "0",
         "--content", str(small_content), "--out", str(tmp_path / "preview")],
        cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # The address the server really bound, as it says it.
    announced = server.stdout.readline()
    assert announced.startswith("preview on http://127.0.0.1:"), \
        announced + server.stderr.read()
    address = announced.split()[2].rstrip("/")
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{address}/state") as response:
                if json.load(response)["version"] >= 1:  # It answers while it builds.
                    break
        except OSError:
            assert server.poll() is None, server.stderr.read()
        assert time.monotonic() < deadline, "the preview did not start"
        time.sleep(0.2)
    yield address, small_content
    server.terminate()
    server.wait(10)


def wait_for_text(page, text: str) -> None:
    """Wait until the page (reloading by itself) holds a text."""
    page.wait_for_function("text => document.body && document.body.textContent.includes(text)",
                           arg=text, timeout=PATIENCE * 1000)


def test_serves_on_loopback_only(preview):
    address, _ = preview
    assert address.startswith("http://127.0.0.1:")
    with urllib.request.urlopen(f"{address}/") as response:
        front = response.read().decode()
    for name in ("Pupils: booklet (en)", "Officials: handout (en)", "Everyone: booklet (en)"):
        assert name in front
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(f"{address}/pdf/../../content/questions.yaml")
    # Only requests addressed to it by name: not those of a page of another site.
    foreign = urllib.request.Request(f"{address}/state", headers={"Host": "evil.example"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(foreign)
    assert refused.value.code == 403


@pytest.mark.slow
@pytest.mark.browser
def test_preview_follows_changes_and_errors(preview, browser):
    address, content = preview
    page = browser.new_page()
    page.goto(f"{address}/preview/en/pupils-booklet-screen.pdf")
    wait_for_text(page, "Why stay in school?")
    # The page pictures come one by one, each drawn on request.
    page.wait_for_function("() => Array.from(document.images).every(i => i.complete)",
                           timeout=PATIENCE * 1000)
    pictures = page.evaluate(
        "Array.from(document.images).map(i => i.complete && i.naturalWidth > 0)")
    assert len(pictures) == 8 and all(pictures)

    questions = content / "questions.yaml"
    good = questions.read_text()
    questions.write_text(good.replace("Why stay in school?", "Why should you stay in school?"))
    wait_for_text(page, "Why should you stay in school?")

    questions.write_text(good.replace("question: What can officials do?",
                                      "question: [What can officials do?"))
    wait_for_text(page, "expected valid YAML, found an error")
    assert page.locator("#errors").is_visible()

    questions.write_text(good)
    page.wait_for_function("() => !document.getElementById('errors')",
                           timeout=PATIENCE * 1000)
    wait_for_text(page, "Why stay in school?")


def sleeps(task, starting):
    """A job that takes half a minute (in a worker)."""
    starting(task)
    time.sleep(30)
    yield task


def test_a_cancelled_run_stops_its_workers_at_once():
    started = time.monotonic()
    with pytest.raises(workers.Cancelled):
        list(workers.run(sleeps, ["a", "b", "c"], 2, 60, lambda *arguments: [],
                         cancelled=lambda: time.monotonic() > started + 0.5))
    assert time.monotonic() - started < 3
    assert multiprocessing.active_children() == []


def test_a_change_stops_the_build_it_makes_out_of_date(small_content, tmp_path):
    shown = Preview(Request(content=small_content, out=tmp_path / "preview"))
    shown.plan()
    shown.look_at("en/pupils-booklet-screen.pdf")
    taken = shown.next_pending()
    assert taken[0] == "en/pupils-booklet-screen.pdf"
    shown.plan()  # As the watcher does when a source file changes.
    shown.build_one(*taken)
    assert "en/pupils-booklet-screen.pdf" not in shown.built
    assert not (tmp_path / "preview" / "en" / "pupils-booklet-screen.pdf").exists()
    assert multiprocessing.active_children() == []
    # Built again from the sources as they are now, first.
    assert shown.next_pending() == ("en/pupils-booklet-screen.pdf", taken[1] + 1)
