"""Stage 6: write PDFs and the manifest, so that a failed build never leaves half a file.

Every file is written beside its target under a temporary name and renamed over it only
when complete: the last good PDF stays until a new one replaces it whole.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from booklet.compose import PAPERS, Edition

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Output:
    """One PDF written, as listed in the manifest."""

    audience: str
    format: str
    variant: str
    lang: str
    #: The paper family: ``a4`` or ``letter``.
    paper: str
    #: Relative to the output folder, with forward slashes.
    path: str
    pages: int
    bytes: int
    sha256: str
    #: The fingerprint of everything the output was made from (see `booklet.freshness`).
    inputs: str = ""

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        """Return what identifies the output across builds."""
        return self.audience, self.format, self.variant, self.lang, self.paper


def output_path(edition: Edition, variant: str) -> str:
    """Return where a variant of an edition goes, relative to the output folder, such as
    ``en/children-booklet-print.pdf`` (``...-print-letter.pdf`` on US Letter)."""
    paper = "" if edition.paper == PAPERS[0] else f"-{edition.paper}"
    return (f"{edition.publication.language}/{edition.audience.id}-{edition.format}-"
            f"{variant}{paper}.pdf")


def write_pdf(edition: Edition, variant: str, pdf: bytes, pages: int, out: Path,
              inputs: str = "") -> Output:
    """Write a variant's PDF atomically and return its manifest entry."""
    relative = output_path(edition, variant)
    write_atomically(out / relative, pdf)
    return Output(edition.audience.id, edition.format, variant, edition.publication.language,
                  edition.paper, relative, pages, len(pdf), hashlib.sha256(pdf).hexdigest(),
                  inputs)


#: How temporary files are named: ``.<name>.<random>.part`` beside their target.
PARTIAL = ".*.part"


def remove_partial_files(out: Path) -> None:
    """Remove temporary files that a build killed mid-write left behind."""
    if out.is_dir():
        for path in out.rglob(PARTIAL):
            path.unlink(missing_ok=True)


def write_atomically(path: Path, data: bytes) -> None:
    """Write data to a file by renaming a complete temporary file over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.",
                                         suffix=".part")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        # Also on Ctrl-C: leave no partial file behind.
        Path(temporary).unlink(missing_ok=True)
        raise


def write_html(edition: Edition, variant: str, html: str, out: Path) -> Path:
    """Write a variant's HTML beside its PDF, for a designer to open in a browser."""
    path = (out / output_path(edition, variant)).with_suffix(".html")
    write_atomically(path, html.encode("utf-8"))
    return path


def write_manifest(out: Path, outputs: list[Output]) -> None:
    """Record the outputs in the manifest, keeping earlier entries whose files still exist."""
    fresh = {output.key for output in outputs}
    kept = [output for output in read_manifest(out)
            if output.key not in fresh and (out / output.path).is_file()]
    entries = sorted(kept + outputs, key=lambda output: output.key)
    text = json.dumps({"outputs": [asdict(output) for output in entries]}, indent=2,
                      ensure_ascii=False)
    write_atomically(out / MANIFEST, (text + "\n").encode("utf-8"))


def read_manifest(out: Path) -> list[Output]:
    """Return the entries of an existing manifest; none when it is missing or unreadable."""
    try:
        entries = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["outputs"]
        return [Output(**entry) for entry in entries]
    except (OSError, ValueError, KeyError, TypeError):
        return []
