"""Report a build as it goes: a progress bar on a terminal, plain lines otherwise, a
summary at the end, and the table of each output's preflight checks."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from booklet.write import Output

if TYPE_CHECKING:
    from booklet.check import Preflight


class Progress:
    """Follows one build: what it planned, wrote and kept."""

    def __init__(self, out: Path, interactive: bool | None = None):
        self.out = out
        self.interactive = sys.stdout.isatty() if interactive is None else interactive
        self.started = time.perf_counter()
        self.written: list[Output] = []
        self.kept: list[Output] = []
        self._bar = None
        self._task = None

    def planned(self, count: int) -> None:
        """Start the bar for the number of outputs to build or keep."""
        if self.interactive:
            from rich.progress import Progress as Bar

            self._bar = Bar(transient=True)
            self._bar.start()
            self._task = self._bar.add_task("building", total=count)

    def update(self, output: Output, written: bool) -> None:
        """Count an output written, or kept because it was current."""
        (self.written if written else self.kept).append(output)
        if self._bar is not None:
            self._bar.update(self._task, advance=1, description=output.path)
        elif written:
            print(f"wrote {self.out / output.path} ({output.pages} pages)")

    def stop(self) -> None:
        """Take the bar away."""
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def summary(self) -> str:
        """Return one line: outputs built and kept, their pages and bytes, and the time."""
        outputs = self.written + self.kept
        pages = sum(output.pages for output in outputs)
        size = sum(output.bytes for output in outputs)
        seconds = time.perf_counter() - self.started
        return (f"built {len(self.written)}, kept {len(self.kept)} current: {len(outputs)} "
                f"PDF(s), {pages} pages, {size / 1_000_000:.1f} MB in {self.out}, "
                f"in {seconds:.1f} s")


def preflight_table(preflights: list[Preflight]) -> list[str]:
    """Return one row per output with each check's verdict: ok, FAIL, or - (not run)."""
    from booklet.check import CHECKS

    width = max([len("output")] + [len(preflight.output) for preflight in preflights])
    rows = [f"{'output':<{width}}  " + "  ".join(f"{check:<8}" for check in CHECKS)]
    for preflight in preflights:
        rows.append(f"{preflight.output:<{width}}  "
                    + "  ".join(f"{preflight.verdict(check):<8}" for check in CHECKS))
    return [row.rstrip() for row in rows]
