"""Benchmark the build, side by side in one run, on the project's content. Prints figures;
asserts nothing.

(a) the cold English build's wall time (a new output folder, --jobs as given);
(b) the naive way: one fresh `weasyprint` command per laid-out English output, on the HTML
    the build emits, one after another, run after each build;
(c) the ratio b/a of each build and the naive loop run beside it;
(d) the no-op rebuild's wall time;
(e) the peak memory of each worker process (VmHWM, sampled from /proc);
(f) pages per second of the cold build (of every language and edition with --all);
(g) the seconds of each stage of a cold English build, added up over its processes.

Usage: python benchmarks/bench_build.py [--runs N] [--jobs N] [--all]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
BUILD = [sys.executable, str(PROJECT / "make_booklet.py"), "build", "--content",
         str(PROJECT / "content")]


class MemoryWatch:
    """Sample the peak resident memory (VmHWM) of a process's children while it runs."""

    def __init__(self, pid: int):
        self.pid = pid
        self.peaks: dict[int, int] = {}
        self.running = True
        self.thread = threading.Thread(target=self.watch, daemon=True)
        self.thread.start()

    def watch(self):
        while self.running:
            for child in children(self.pid):
                if not is_python(child):
                    continue  # fc-match and the like, not a worker
                peak = vm_hwm(child)
                if peak:
                    self.peaks[child] = max(self.peaks.get(child, 0), peak)
            time.sleep(0.05)

    def stop(self) -> list[int]:
        """Stop sampling; return each worker's peak in kB."""
        self.running = False
        self.thread.join()
        return sorted(self.peaks.values())


def children(pid: int) -> list[int]:
    """Return the ids of a process's children."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            pass
    return found


def is_python(pid: int) -> bool:
    """Return whether a process runs Python (a worker of the build)."""
    try:
        return b"python" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def vm_hwm(pid: int) -> int:
    """Return a process's peak resident memory in kB, or 0 once it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def timed_build(out: Path, *options: str) -> tuple[float, list[int]]:
    """Run a build; return its wall seconds and its workers' peak memory in kB."""
    start = time.perf_counter()
    process = subprocess.Popen(BUILD + ["--out", str(out), *options], cwd=PROJECT,
                               stdout=subprocess.DEVNULL)
    watch = MemoryWatch(process.pid)
    if process.wait() != 0:
        raise SystemExit(f"the build {' '.join(options)} failed")
    return time.perf_counter() - start, watch.stop()


def laid_out_html(out: Path) -> list[Path]:
    """Return the HTML the build emitted for each output it laid out (not the catalogue,
    nor the print shop's reports, which are not laid out as PDFs)."""
    sys.path.insert(0, str(PROJECT))
    from booklet.formats import VARIANTS

    outputs = json.loads((out / "manifest.json").read_text())["outputs"]
    return [(out / entry["path"]).with_suffix(".html") for entry in outputs
            if VARIANTS[entry["variant"]].laid_out]


def naive(html_files: list[Path], folder: Path) -> float:
    """Convert each HTML file with a fresh `weasyprint` command, one after another."""
    start = time.perf_counter()
    for index, html in enumerate(html_files):
        subprocess.run([sys.executable, "-m", "weasyprint", str(html),
                        str(folder / f"{index}.pdf")], check=True, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def stage_seconds(out: Path, jobs: int) -> dict[str, float]:
    """Return the seconds of each stage of a cold English build, run in this process."""
    sys.path.insert(0, str(PROJECT))
    from booklet.build import Request, build_with_report

    report = build_with_report(Request(content=PROJECT / "content", out=out, jobs=jobs,
                                       languages=("en",), editions=("generic",)))
    return report.stage_seconds


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--all", action="store_true",
                        help="also build the whole matrix: every language and edition")
    arguments = parser.parse_args()
    jobs = str(arguments.jobs)
    print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, --jobs {jobs}")
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        timed_build(folder / "html", "--jobs", jobs, "--emit-html", "--lang", "en",
                    "--edition", "generic")
        html_files = laid_out_html(folder / "html")
        english, naive_runs, cold, noop, peaks = [], [], [], [], []
        # The whole matrix (every language and edition) only when asked: it takes minutes.
        matrix = () if arguments.all else ("--lang", "en", "--edition", "generic")
        for run in range(arguments.runs):
            # Each build beside a naive loop, one after the other, so that the machine's
            # load changes both alike; the ratio is taken from each pair.
            seconds, workers = timed_build(folder / f"en-{run}", "--jobs", jobs, "--lang", "en",
                                           "--edition", "generic")
            english.append(seconds)
            peaks += workers
            (folder / f"naive-{run}").mkdir()
            naive_runs.append(naive(html_files, folder / f"naive-{run}"))
            if arguments.all:
                cold.append(timed_build(folder / f"cold-{run}", "--jobs", jobs)[0])
            noop.append(timed_build(folder / (f"cold-{run}" if arguments.all else f"en-{run}"),
                                    "--jobs", jobs, *matrix)[0])
        whole = folder / ("cold-0" if arguments.all else "en-0")
        manifest = json.loads((whole / "manifest.json").read_text())["outputs"]
        pages = sum(entry["pages"] for entry in manifest)
        english_count = len(json.loads((folder / "en-0" / "manifest.json").read_text())["outputs"])
        cold = cold or english
        stages = stage_seconds(folder / "stages", arguments.jobs)
    english_median = statistics.median(english)
    cold_median = statistics.median(cold)
    print(f"(a) cold English build of {english_count} PDFs: median {english_median:.2f} s of "
          f"{arguments.runs} (min {min(english):.2f}, max {max(english):.2f})")
    print(f"(b) naive, one weasyprint command per laid-out English output ({len(html_files)} "
          f"of them, no imposition, no checks): median {statistics.median(naive_runs):.2f} s "
          f"of {arguments.runs} (min {min(naive_runs):.2f}, max {max(naive_runs):.2f})")
    ratios = [slow / fast for slow, fast in zip(naive_runs, english)]
    print(f"(c) ratio b/a, each naive loop over the build beside it: median "
          f"{statistics.median(ratios):.2f} (min {min(ratios):.2f}, max {max(ratios):.2f})")
    print(f"(d) no-op rebuild{' of every language' if arguments.all else ''}: median "
          f"{statistics.median(noop):.2f} s "
          f"(min {min(noop):.2f}, max {max(noop):.2f})")
    if peaks:
        print(f"(e) peak memory per worker: median {statistics.median(peaks) / 1024:.0f} MiB, "
              f"max {max(peaks) / 1024:.0f} MiB ({len(peaks)} worker processes)")
    else:
        print("(e) peak memory per worker: no worker process")
    print(f"(f) cold build{' of every language and edition' if arguments.all else ''}, "
          f"{len(manifest)} PDFs ({pages} pages): median {cold_median:.2f} s, "
          f"{pages / cold_median:.1f} pages per second")
    total = sum(stages.values())
    print("(g) seconds per stage of a cold English build, over all processes: " + ", ".join(
        f"{name} {seconds:.2f}" for name, seconds in sorted(stages.items(),
                                                            key=lambda item: -item[1]))
          + f" (total {total:.2f})")


if __name__ == "__main__":
    main()
