"""Benchmark the preview as an author meets it, on a copy of the project's content. Prints
figures; asserts nothing.

(h) seconds from starting `make_booklet.py serve` to its first answer;
(i) seconds from starting it to the first page of the children's booklet being shown
    (the preview a page looks at is built first);
(j) seconds from saving a change to the children's text to the open preview showing it
    (median of the runs).

Usage: python benchmarks/bench_preview.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
LOOKED_AT = "en/children-booklet-screen.pdf"


def get(address: str, path: str) -> bytes | None:
    """Return the body of a GET, or None when the server does not answer yet."""
    try:
        with urllib.request.urlopen(address + path, timeout=5) as response:
            return response.read()
    except OSError:
        return None


def state(address: str) -> dict:
    """Return the preview's state, as the open preview of the children's booklet polls it."""
    return json.loads(get(address, f"/state?viewing={LOOKED_AT}") or b"{}")


def wait(condition, limit: float = 120) -> float:
    """Wait until `condition()` is true; return the seconds it took."""
    started = time.perf_counter()
    while not condition():
        if time.perf_counter() - started > limit:
            raise SystemExit("the preview did not answer in time")
        time.sleep(0.02)
    return time.perf_counter() - started


def one_run(folder: Path, run: int) -> tuple[float, float, float]:
    """Start a preview; return (first answer, first preview shown, change shown) seconds."""
    content = folder / f"content-{run}"
    shutil.copytree(PROJECT / "content", content)
    started = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, str(PROJECT / "make_booklet.py"), "serve", "--port", "0",
         "--content", str(content), "--out", str(folder / f"preview-{run}")],
        cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        address = server.stdout.readline().split()[2].rstrip("/")
        wait(lambda: get(address, "/") is not None)
        first_answer = time.perf_counter() - started
        wait(lambda: (state(address).get("output") or 0) >= 1)
        first_shown = time.perf_counter() - started
        built = state(address)["output"]
        audiences = content / "audiences.yaml"
        text = audiences.read_text(encoding="utf-8")
        changed = time.perf_counter()
        audiences.write_text(text.replace("Stay safe", "Stay safe now", 1), encoding="utf-8")
        wait(lambda: (state(address).get("output") or 0) > built)
        return first_answer, first_shown, time.perf_counter() - changed
    finally:
        server.terminate()
        server.wait(10)


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        runs = [one_run(Path(folder), run) for run in range(arguments.runs)]
    answer, shown, change = (statistics.median(figures) for figures in zip(*runs))
    print(f"(h) preview, start to first answer: median {answer:.2f} s of {arguments.runs}")
    print(f"(i) preview, start to the open children's booklet shown: median {shown:.2f} s")
    print(f"(j) preview, a change to the children's text to the open preview showing it: "
          f"median {change:.2f} s (max {max(run[2] for run in runs):.2f})")


if __name__ == "__main__":
    main()
