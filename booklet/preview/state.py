"""What the preview knows and does: the outputs to show, which of them are built, the error
lines, and the builder that makes them on demand.

The list of outputs comes from the content at once, without laying anything out, so the
server answers within a second of starting. The builder then makes one output at a time,
the one an open page is looking at first, the others after it; a change to a content,
template, style or asset file stops the output being made (it is out of date) and marks
them all to be made again, the one being looked at first. Each is built by the build
itself (`booklet.build`), which keeps what is current.
"""

from __future__ import annotations

import dataclasses
import threading
import traceback
from collections.abc import Callable
from pathlib import Path

from booklet import paths
from booklet.errors import BookletError
from booklet.formats import FIRST_VARIANT
from booklet.plan import Request
from booklet.write import Output, output_path, read_manifest

#: Seconds the builder sleeps when there is nothing to build, between looks at the files.
IDLE_WAIT = 0.5


class PreviewError(BookletError):
    """The preview cannot start: its port cannot be had, or its folders overlap."""


@dataclasses.dataclass
class Wanted:
    """One output to preview, and what building it alone takes."""

    path: str
    request: Request
    audience: str
    format: str
    lang: str
    edition: str


class Preview:
    """The state shared by the server and the builder."""

    def __init__(self, request: Request):
        refuse_overlapping_folders(request)
        self.request = dataclasses.replace(request, variants=(FIRST_VARIANT,))
        self.lock = threading.Lock()
        #: Goes up whenever anything shown changes: an output built, the errors.
        self.version = 0
        #: Each output's own version: goes up when it is built again.
        self.built: dict[str, int] = {}
        self.content_errors: list[str] = []
        self.problems: dict[str, list[str]] = {}
        self.outputs: list[Output] = []
        self.wanted: dict[str, Wanted] = {}
        self.pending: list[str] = []
        self.names: dict[str, str] = {}
        #: The output an open page looks at, built before the others.
        self.viewing: str | None = None
        #: Goes up whenever the sources change: a build started before is out of date.
        self.generation = 0
        self.stopping = threading.Event()
        self.wake = threading.Event()

    @property
    def errors(self) -> list[str]:
        """Return the error lines to show: the content's, then each output's."""
        return self.content_errors + [line for lines in self.problems.values() for line in lines]

    def plan(self) -> None:
        """List the outputs the content has and mark every one to be built; on a content
        error, show it and keep what was built. The output being built is stopped: it is
        made from sources that have changed since."""
        from booklet.build import composed
        from booklet.load import load

        with self.lock:
            self.generation += 1
            # Nothing old is taken while the new list is made.
            self.pending = []
        try:
            content = load(self.request.content)
            wanted = {item.path: item for item in
                      (wanted_output(edition, self.request)
                       for edition in composed(content, self.request))}
            names = {audience.id: audience.name for audience in content.audiences}
            errors: list[str] = []
        except BookletError as error:
            wanted, names, errors = self.wanted, self.names, error.lines()
        except Exception:  # A bug must not stop the server either; show it.
            wanted, names, errors = self.wanted, self.names, bug_lines()
        with self.lock:
            self.wanted, self.names, self.content_errors = wanted, names, errors
            self.pending = [] if errors else list(wanted)
            self.problems = {path: self.problems.get(path, []) for path in wanted}
            self.version += 1
        self.wake.set()

    def look_at(self, path: str | None) -> None:
        """Note the output an open page shows, so that it is built first."""
        if path and path != self.viewing:
            self.viewing = path
            self.wake.set()

    def next_pending(self) -> tuple[str, int] | None:
        """Take the next output to build: the one looked at, else the first waiting; with
        the generation of the sources it is built from."""
        with self.lock:
            if not self.pending:
                return None
            path = self.viewing if self.viewing in self.pending else self.pending[0]
            self.pending.remove(path)
            return path, self.generation

    def build_one(self, path: str, generation: int) -> None:
        """Build one output (if not current) and show it, or its problems; stop when the
        sources change meanwhile (the output is then waiting to be built again)."""
        from booklet.build import build_with_report
        from booklet.workers import Cancelled

        wanted = self.wanted.get(path)
        if wanted is None:
            return
        request = dataclasses.replace(wanted.request,
                                      cancelled=lambda: self.generation != generation)
        try:
            report = build_with_report(request, stop_on_problems=False)
            problems = [problem for preflight in report.preflights
                        for problem in preflight.problems]
        except Cancelled:
            return
        except BookletError as error:
            problems = error.lines()
        except Exception:  # A bug must not stop the server either; show it.
            problems = bug_lines()
        outputs = read_manifest(self.request.out)
        with self.lock:
            self.problems[path] = problems
            self.outputs = [output for output in outputs if output.path in self.wanted]
            self.built[path] = self.built.get(path, 0) + 1
            self.version += 1

    def rebuild(self) -> None:
        """List the outputs and build every one, now (the first build, and the tests)."""
        self.plan()
        while (taken := self.next_pending()) is not None:
            self.build_one(*taken)

    def run(self) -> None:
        """Build what is waiting, the output looked at first, until `stopping` is set."""
        while not self.stopping.is_set():
            # Cleared before looking, so that a wake-up while looking is not lost.
            self.wake.clear()
            taken = self.next_pending()
            if taken is None:
                self.wake.wait(IDLE_WAIT)
                continue
            self.build_one(*taken)

    def show_errors(self, errors: list[str]) -> None:
        """Put error lines on every page, keeping the outputs."""
        with self.lock:
            self.content_errors = errors
            self.version += 1

    def watch(self) -> None:
        """Plan again whenever a file of the content, templates, styles or assets changes,
        until `stopping` is set; never on a change under the output folder."""
        import watchfiles

        sources_only = source_filter(self.request.out)
        while not self.stopping.is_set():
            folders = [folder for folder in watched_folders(self.request).values()
                       if folder.exists()]
            try:
                for _ in watchfiles.watch(*folders, watch_filter=sources_only,
                                          stop_event=self.stopping, debounce=200, step=50):
                    self.plan()
            except Exception:  # Watching failed (a folder went away?): show it, look again.
                self.show_errors(bug_lines())
                self.stopping.wait(1)

    def state(self, viewing: str | None = None) -> dict:
        """Return what an open page polls: the versions, the errors, and whether the output
        it shows is built yet."""
        self.look_at(viewing)
        with self.lock:
            return {"version": self.version, "errors": list(self.errors),
                    "output": self.built.get(viewing, 0) if viewing else None,
                    "waiting": len(self.pending)}

    def is_built(self, path: str) -> bool:
        """Return whether an output has been built since the preview started."""
        with self.lock:
            return path in self.built


def wanted_output(edition, request: Request) -> Wanted:
    """Return an edition's screen output to preview, and the request that builds it alone."""
    alone = dataclasses.replace(request, audiences=(edition.audience.id,),
                                formats=(edition.format,),
                                languages=(edition.publication.language,),
                                editions=(edition.edition_id,), variants=(FIRST_VARIANT,))
    return Wanted(output_path(edition, FIRST_VARIANT), alone, edition.audience.id,
                  edition.format, edition.publication.language, edition.edition_id)


def bug_lines() -> list[str]:
    """Print the exception being handled, a bug, and return its traceback as lines."""
    traceback.print_exc()
    return traceback.format_exc().splitlines()


def watched_folders(request: Request) -> dict[str, Path]:
    """Return the folders whose changes rebuild the preview, by what they hold."""
    return {"content": request.content, "templates": paths.TEMPLATES, "styles": paths.STYLES,
            "assets": paths.ASSETS}


def refuse_overlapping_folders(request: Request) -> None:
    """Raise `PreviewError` when the output folder is inside a watched folder or holds one:
    the preview would see its own writes and rebuild forever, or mix them with the
    sources."""
    out = request.out.resolve()
    for name, folder in watched_folders(request).items():
        shown = (f"--content {request.content}" if name == "content"
                 else f"the {name} folder {folder}")
        if out.is_relative_to(folder.resolve()):
            raise PreviewError(f"--out {request.out} is inside {shown}: the preview would rebuild "
                               "on its own writes; choose an --out outside it")
        if folder.resolve().is_relative_to(out):
            raise PreviewError(f"{shown} is inside --out {request.out}: the output folder must "
                               "not hold the sources; choose an --out outside it")


def source_filter(out: Path) -> Callable[[object, str], bool]:
    """Return a watch filter that passes changes to source files (not editors' swap files
    and the like) and nothing under `out`, where a change is the build's own write."""
    import watchfiles

    usual = watchfiles.DefaultFilter()
    out = out.resolve()

    def is_source(change: object, path: str) -> bool:
        return usual(change, path) and not Path(path).resolve().is_relative_to(out)

    return is_source


