"""Benchmark the build: whole-matrix wall time and peak memory, sequential against
parallel, and the time of each stage for one booklet. Prints figures; asserts nothing.

Usage: python benchmarks/bench_build.py [--runs N]
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))


def run_build(jobs: int, out: Path) -> tuple[float, float]:
    """Run a whole build in a new process; return its wall seconds and peak memory in MiB."""
    command = [sys.executable, str(PROJECT / "make_booklet.py"), "--content",
               str(PROJECT / "content"), "--out", str(out), "--jobs", str(jobs)]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, cwd=PROJECT)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"the build with --jobs {jobs} failed")
    # wait4 reports the largest resident size among the process and the workers it waited for.
    return seconds, usage.ru_maxrss / 1024


def whole_builds(runs: int) -> None:
    """Time whole builds, alternating sequential and parallel so both see the same noise."""
    times: dict[int, list[float]] = {1: [], 2: []}
    memory: dict[int, list[float]] = {1: [], 2: []}
    with tempfile.TemporaryDirectory() as folder:
        for run in range(runs):
            for jobs in (1, 2):
                seconds, mebibytes = run_build(jobs, Path(folder) / f"{jobs}-{run}")
                times[jobs].append(seconds)
                memory[jobs].append(mebibytes)
    print(f"whole build of content/ (every audience, format and variant), {runs} runs "
          "each, alternated:")
    for jobs in (1, 2):
        print(f"  --jobs {jobs}: median {statistics.median(times[jobs]):.2f} s "
              f"(min {min(times[jobs]):.2f}, max {max(times[jobs]):.2f}), "
              f"peak memory of its largest process {max(memory[jobs]):.0f} MiB")
    ratio = statistics.median(times[1]) / statistics.median(times[2])
    print(f"  speed-up of --jobs 2 over --jobs 1: {ratio:.2f}x")


def stage_times(runs: int) -> None:
    """Time each stage of one booklet (the complete one, the longest) in this process."""
    from booklet.build import lay_out
    from booklet.check import preflight_laid_out
    from booklet.compose import compose
    from booklet.impose import impose
    from booklet.load import load
    from booklet.render import environment, render
    from booklet.typeset import draw, typeset

    created = datetime.datetime(2008, 10, 24, tzinfo=datetime.timezone.utc)
    env = environment()
    figures: dict[str, list[float]] = {}

    def timed(name, function, *arguments):
        start = time.perf_counter()
        result = function(*arguments)
        figures.setdefault(name, []).append(time.perf_counter() - start)
        return result

    for _ in range(runs):
        content = timed("load", load, PROJECT / "content")
        edition = compose(content, content.audience("complete"), "booklet")
        timed("render", render, edition, created, env)
        edition, html, pages = timed("layout (screen, fitted)", lay_out, edition, created, env)
        drawn = timed("draw (screen)", draw, pages)
        timed("preflight", preflight_laid_out, edition, pages, drawn)
        printed = edition.as_variant("print")
        print_pages = timed("layout (print)", typeset, render(printed, created, env), "print")
        timed("draw (print)", draw, print_pages)
        timed("impose", impose, drawn.pdf, "a4")
    print(f"stages of the complete booklet ({pages.page_count} pages), median of {runs}:")
    for name, seconds in figures.items():
        print(f"  {name:<17} {statistics.median(seconds) * 1000:7.1f} ms")


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}")
    whole_builds(arguments.runs)
    stage_times(arguments.runs)


if __name__ == "__main__":
    main()
