"""Join the output folders of shards (``build --shard K/N``) into one build folder, with
its manifest and catalogue: with SOURCE_DATE_EPOCH set, the same files as one whole build.

A shard's folder is input like any other: only the entries of its manifest that this tool
would write are taken (see `booklet.write.read_manifest`), each file must match the
SHA-256 its manifest gives, and two shards may not give the same output different bytes.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from booklet.catalogue import write_catalogue
from booklet.errors import BookletError
from booklet.load import load
from booklet.write import (MANIFEST, Output, output_folder, read_manifest, report_path, target,
                           write_atomically, write_manifest)


class MergeError(BookletError):
    """The shards cannot be joined: a file missing or changed, or two shards disagreeing."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems

    def lines(self) -> list[str]:
        return [f"error: {problem}" for problem in self.problems]


def merge(shards: list[Path], out: Path, content_folder: Path) -> list[Output]:
    """Copy every output of the shards into `out`; write its manifest and catalogue."""
    chosen = outputs_of(shards)
    content = load(content_folder)
    with output_folder(out):
        for output, shard in chosen.values():
            write_atomically(target(out, output.path), (shard / output.path).read_bytes())
            report = shard / report_path(output.path)
            if report.is_file() and not report.is_symlink():
                # The print shop's report beside a print file (see booklet.prepress).
                write_atomically(target(out, report_path(output.path)), report.read_bytes())
        outputs = [output for output, _ in chosen.values()]
        write_manifest(out, outputs)
        write_catalogue(out, read_manifest(out),
                        {audience.id: audience.name for audience in content.audiences})
    return outputs


def outputs_of(shards: list[Path]) -> dict[tuple, tuple[Output, Path]]:
    """Return each output of the shards with the shard that has it; raise `MergeError`
    listing every file missing, changed, or given twice with different bytes."""
    chosen: dict[tuple, tuple[Output, Path]] = {}
    problems = []
    for shard in shards:
        if not (shard / MANIFEST).is_file():
            problems.append(f"{shard}: expected a shard's output folder, with its {MANIFEST}, "
                            "found none")
            continue
        for output in read_manifest(shard):
            if digest(shard / output.path) != output.sha256:
                problems.append(f"{shard / output.path}: expected the file its manifest "
                                "lists, found it missing or changed")
            elif output.key in chosen and chosen[output.key][0].sha256 != output.sha256:
                problems.append(f"{shard / output.path}: expected the same bytes as in "
                                f"{chosen[output.key][1]}, found others")
            else:
                chosen.setdefault(output.key, (output, shard))
    if problems:
        raise MergeError(problems)
    return chosen


def digest(path: Path) -> str:
    """Return the SHA-256 of a file, or nothing if it cannot be read."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""
