"""The errors a user can fix; anything else raised is a bug in the program."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, pointing at where it was found."""

    #: The file the problem is in, as shown to the user (empty when not about a file).
    file: str
    #: The 1-based line in that file (0 when not known).
    line: int
    #: The key path inside the file, such as ``questions[3].audiences[0]``.
    path: str
    #: What was expected and what was found.
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        parts = [part for part in (where, self.path) if part]
        return ": ".join(parts + [self.message])


class BookletError(Exception):
    """Base of every error the user can fix; the command line prints it without a traceback."""

    def lines(self) -> list[str]:
        """Return the message as the lines to print."""
        return [f"error: {self}"]


class ContentError(BookletError):
    """The content is invalid; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s) in the content")
        self.problems = problems

    def __reduce__(self):
        # So that a worker process can send it whole to the build.
        return type(self), (self.problems,)

    def lines(self) -> list[str]:
        return [str(problem) for problem in self.problems]


class MissingDependencyError(BookletError):
    """A font or library the build needs is not installed."""


class LayoutError(BookletError):
    """A publication was laid out but breaks a rule of print: tofu, overflow, too many pages."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems

    def __reduce__(self):
        return type(self), (self.problems,)

    def lines(self) -> list[str]:
        return [f"error: {problem}" for problem in self.problems]
