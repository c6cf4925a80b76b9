"""Add up the seconds each stage of a build takes, in each process, for the benchmark
(`benchmarks/bench_build.py`) and for `Report.stage_seconds`."""

from __future__ import annotations

import contextlib
import time
from collections import Counter

#: The seconds of each stage in this process since they were last taken.
SECONDS: Counter[str] = Counter()


@contextlib.contextmanager
def stage(name: str):
    """Count the time of the block as the stage's."""
    started = time.perf_counter()
    try:
        yield
    finally:
        SECONDS[name] += time.perf_counter() - started


def take() -> dict[str, float]:
    """Return the seconds counted so far and start again from nothing."""
    taken = dict(SECONDS)
    SECONDS.clear()
    return taken
