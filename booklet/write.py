"""Stage 6: write PDFs and the manifest, so that a failed build never leaves half a file.

Every file is written beside its target under a temporary name and renamed over it only
when complete: the last good PDF stays until a new one replaces it whole.

The output folder belongs to the user. A build writes only into an empty folder or one it
made (with a manifest of ours), holds a lock on it while it writes, follows no link out of
it, and removes only files it names itself. The manifest is input, not truth: it is read
with limits, and an entry is used only when every field is of its kind and its path is
the one this tool would give that output.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import tempfile
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from booklet.compose import Edition
from booklet.editions import GENERIC, RESERVED_IDS
from booklet.formats import FORMATS, PAPERS, file_suffix
from booklet.errors import BookletError

MANIFEST = "manifest.json"
#: Held by a build while it writes into a folder, so two builds never share one.
LOCK = ".booklet.lock"
#: The largest manifest read: ours is about 500 bytes an output.
MAX_MANIFEST_BYTES = 20_000_000
#: The most outputs a manifest may list.
MAX_OUTPUTS = 100_000


class OutputFolderError(BookletError):
    """The output folder cannot be used, or written to."""


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
    #: The edition: ``generic``, or the id of a country edition (``content/editions/``).
    edition: str = GENERIC

    @property
    def key(self) -> tuple[str, str, str, str, str, str]:
        """Return what identifies the output across builds."""
        return self.audience, self.format, self.variant, self.lang, self.paper, self.edition


def output_path(edition: Edition, variant: str) -> str:
    """Return where a variant of an edition goes, relative to the output folder, such as
    ``en/children-booklet-print.pdf`` (``...-print-letter.pdf`` on US Letter), or
    ``cambodia/km/children-booklet-print.pdf`` in a country edition."""
    return path_of(edition.audience.id, edition.format, variant, edition.publication.language,
                   edition.paper, edition.edition_id)


def path_of(audience: str, format: str, variant: str, lang: str, paper: str,
            edition: str = GENERIC) -> str:
    """Return the path of an output by what identifies it (see `output_path`)."""
    folder = "" if edition == GENERIC else f"{edition}/"
    return f"{folder}{lang}/{audience}-{format}-{variant}{file_suffix(paper)}.pdf"


def write_pdf(edition: Edition, variant: str, pdf: bytes, pages: int, out: Path,
              inputs: str = "") -> Output:
    """Write a variant's PDF atomically and return its manifest entry."""
    relative = output_path(edition, variant)
    write_atomically(target(out, relative), pdf)
    return Output(edition.audience.id, edition.format, variant, edition.publication.language,
                  edition.paper, relative, pages, len(pdf), hashlib.sha256(pdf).hexdigest(),
                  inputs, edition.edition_id)


#: How this tool names its temporary files: ``.<name>.<random>.part`` beside their target.
PARTIAL = re.compile(r"\.[^/]+\.[a-z0-9_]{8}\.part")


def remove_partial_files(out: Path, editions: tuple[str, ...] = ()) -> None:
    """Remove the temporary files that a build killed mid-write left behind: only names
    this tool makes, only in the folders it writes (the caller holds the folder's lock):
    those of the generic edition, and those of the country editions named."""
    for folder in [out] + owned_folders(out, editions) if out.is_dir() else []:
        for entry in os.scandir(folder):
            if PARTIAL.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                Path(entry.path).unlink(missing_ok=True)


def owned_folders(out: Path, editions: tuple[str, ...] = ()) -> list[Path]:
    """Return the folders of an output folder this tool writes into: the language folders,
    the thumbnails, and the folders of the country editions named with their language
    folders (real folders only, never links)."""
    if not out.is_dir():
        return []
    folders = [Path(entry.path) for entry in os.scandir(out)
               if entry.is_dir(follow_symlinks=False)
               and (LANGUAGE_FOLDER.fullmatch(entry.name) or entry.name == "thumbnails")]
    for edition in dict.fromkeys(editions):
        folder = out / edition
        if FIELD_PATTERNS["edition"].fullmatch(edition) and edition not in RESERVED_IDS \
                and folder.is_dir() and not folder.is_symlink():
            folders.append(folder)
            folders += [Path(entry.path) for entry in os.scandir(folder)
                        if entry.is_dir(follow_symlinks=False)
                        and LANGUAGE_FOLDER.fullmatch(entry.name)]
    return folders


#: A language folder's name: a language tag.
LANGUAGE_FOLDER = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")


@contextlib.contextmanager
def output_folder(out: Path):
    """Claim an output folder for a build: make it if need be, refuse a folder of someone
    else's files, and hold its lock until the block ends."""
    try:
        if out.exists() and not out.is_dir():
            raise OutputFolderError(f"{out}: expected a folder for the output, found a file; "
                                    "choose another --out")
        if out.is_symlink():
            raise OutputFolderError(f"{out}: expected a folder for the output, found a link; "
                                    "name the folder itself")
        if out.is_dir() and any(out.iterdir()) and not is_ours(out):
            raise OutputFolderError(
                f"{out}: expected an empty folder or one this tool built (with its "
                f"{MANIFEST}), found other files; choose another --out, so that none of "
                "them is replaced")
        out.mkdir(parents=True, exist_ok=True)
        lock = open(out / LOCK, "a")
    except OSError as error:
        raise OutputFolderError(f"{out}: cannot use the output folder: "
                                f"{error.strerror or error}") from None
    with lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise OutputFolderError(f"{out}: another build is writing into this folder; "
                                    "wait for it to end, or choose another --out") from None
        yield out


def is_ours(out: Path) -> bool:
    """Return whether a folder was made by this tool: it holds our lock file (a build is
    writing into it, or was killed before its manifest) or a manifest of ours."""
    lock = out / LOCK
    return (lock.is_file() and not lock.is_symlink()) or has_our_manifest(out)


def has_our_manifest(out: Path) -> bool:
    """Return whether a folder holds a manifest this tool wrote."""
    try:
        document = read_json(out / MANIFEST)
    except (OSError, ValueError, RecursionError):
        return False
    return isinstance(document, dict) and isinstance(document.get("outputs"), list)


def target(out: Path, relative: str) -> Path:
    """Return where to write a file of the output folder, refusing a path that would leave
    it through a link (a folder replaced by a link to elsewhere)."""
    path = out / relative
    for parent in reversed(path.relative_to(out).parents):
        folder = out / parent
        if folder.is_symlink():
            raise OutputFolderError(f"{folder}: expected a folder this tool made, found a "
                                    "link; remove it so that nothing is written elsewhere")
    if path.is_symlink():
        path.unlink()  # Replace the link itself, never the file it points at.
    return path


def write_atomically(path: Path, data: bytes) -> None:
    """Write data to a file by renaming a complete temporary file over it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.",
                                             suffix=".part")
    except OSError as error:
        raise OutputFolderError(f"{path}: cannot write: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise OutputFolderError(f"{path}: cannot write: {error.strerror or error}") from None
    except BaseException:
        # Also on Ctrl-C: leave no partial file behind.
        Path(temporary).unlink(missing_ok=True)
        raise


def write_html(edition: Edition, variant: str, html: str, out: Path) -> Path:
    """Write a variant's HTML beside its PDF, for a designer to open in a browser."""
    path = target(out, output_path(edition, variant).removesuffix(".pdf") + ".html")
    write_atomically(path, html.encode("utf-8"))
    return path


def report_path(relative: str) -> str:
    """Return where the print shop's report of a print file goes, beside it:
    ``en/children-booklet-print-report.html``."""
    return relative.removesuffix(".pdf") + "-report.html"


def write_report(relative: str, html: str, out: Path) -> Path:
    """Write the print shop's report of a print file beside it."""
    path = target(out, report_path(relative))
    write_atomically(path, html.encode("utf-8"))
    return path


def write_manifest(out: Path, outputs: list[Output], keep=lambda output: True) -> None:
    """Record the outputs in the manifest, keeping earlier entries whose files still exist
    and that `keep` accepts; the files of the others are removed (they are ours)."""
    fresh = {output.key for output in outputs}
    earlier = [output for output in read_manifest(out) if output.key not in fresh]
    for output in earlier:
        if not keep(output):
            target(out, output.path).unlink(missing_ok=True)
            target(out, report_path(output.path)).unlink(missing_ok=True)
    kept = [output for output in earlier if keep(output) and (out / output.path).is_file()]
    entries = sorted(kept + outputs, key=lambda output: output.key)
    text = json.dumps({"outputs": [asdict(output) for output in entries]}, indent=2,
                      ensure_ascii=False)
    write_atomically(target(out, MANIFEST), (text + "\n").encode("utf-8"))


def read_manifest(out: Path) -> list[Output]:
    """Return the valid entries of an existing manifest; none when it is missing, too large
    or unreadable. An entry is valid when it has exactly the fields of `Output`, each of
    its kind, and the path this tool gives that output."""
    try:
        document = read_json(out / MANIFEST)
    except (OSError, ValueError, RecursionError):
        return []
    entries = document.get("outputs") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        return []
    valid = [Output(**entry) for entry in entries[:MAX_OUTPUTS] if entry_problem(entry) is None]
    return list({output.key: output for output in valid}.values())


def read_json(path: Path):
    """Return a JSON file's value, refusing one over `MAX_MANIFEST_BYTES`."""
    with open(path, "rb") as file:
        data = file.read(MAX_MANIFEST_BYTES + 1)
    if len(data) > MAX_MANIFEST_BYTES:
        raise ValueError(f"{path}: larger than {MAX_MANIFEST_BYTES} bytes")
    return json.loads(data)


#: The kind of each field of a manifest entry.
FIELD_PATTERNS = {
    "audience": re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*"),
    "edition": re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*"),
    "lang": LANGUAGE_FOLDER,
    "sha256": re.compile(r"[0-9a-f]{64}"),
    "inputs": re.compile(r"([0-9a-f]{64})?"),
}


def entry_problem(entry) -> str | None:
    """Return what is wrong with a manifest entry, or None if it can be used."""
    names = [field.name for field in fields(Output)]
    if not isinstance(entry, dict) or sorted(entry) != sorted(names):
        return f"expected an entry with the fields {', '.join(names)}"
    for name, pattern in FIELD_PATTERNS.items():
        if not isinstance(entry[name], str) or not pattern.fullmatch(entry[name]):
            return f"{name}: expected {pattern.pattern}"
    if entry["format"] not in FORMATS or entry["variant"] not in FORMATS[entry["format"]].variants \
            or entry["paper"] not in PAPERS:
        return "expected a known format, variant and paper"
    for name in ("pages", "bytes"):
        if type(entry[name]) is not int or not 0 <= entry[name] < 2**40:
            return f"{name}: expected a whole number"
    if entry["edition"] != GENERIC and entry["edition"] in RESERVED_IDS:
        return f"edition: expected an edition's id, found {entry['edition']!r}"
    expected = path_of(entry["audience"], entry["format"], entry["variant"], entry["lang"],
                       entry["paper"], entry["edition"])
    if entry["path"] != expected:
        return f"path: expected {expected!r}"
    return None
