"""Decide what needs building: each output records a fingerprint of everything it depends
on, and is rebuilt only when that fingerprint changes (or its file did).

An output depends on its edition (the publication, the audience and the questions as that
audience reads them), its variant and paper, the templates, styles and assets, the fonts,
the colour profile, the code of this package and the versions of the libraries it uses,
and SOURCE_DATE_EPOCH when set. The time of an unpinned build is not part of it.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
from pathlib import Path

from booklet import assets, paths
from booklet.colour import profile_files
from booklet.compose import Edition

#: The libraries whose version changes what is drawn.
LIBRARIES = ("weasyprint", "pydyf", "pikepdf", "jinja2", "markdown-it-py", "pillow",
             "phonenumbers", "segno")
#: The package's own code.
PACKAGE = Path(__file__).resolve().parent


def environment_fingerprint() -> str:
    """Return a digest of everything every output depends on besides its own edition."""
    digest = hashlib.sha256()
    for folder in (paths.TEMPLATES, paths.STYLES, paths.ASSETS, PACKAGE):
        if folder.is_dir():
            assets.digest_folder(folder, digest)
    for library in LIBRARIES:
        digest.update(f"{library}=={version_of(library)}\n".encode())
    # The icon library (npm), whose pictograms every Easy Read page draws.
    from booklet import icons

    digest.update(f"healthicons=={icons.version()}\n".encode())
    for path in font_files() + [paths.CMYK_PROFILE] + profile_files():
        digest.update(f"{path}:{file_signature(path)}\n".encode())
    digest.update(f"SOURCE_DATE_EPOCH={os.environ.get('SOURCE_DATE_EPOCH', '')}".encode())
    return digest.hexdigest()


def version_of(library: str) -> str:
    """Return an installed library's version, or ``none``."""
    try:
        return importlib.metadata.version(library)
    except importlib.metadata.PackageNotFoundError:
        return "none"


def font_files() -> list[Path]:
    """Return the font files the build uses, as fontconfig finds them."""
    from booklet.fonts import matched_files

    return matched_files()


def file_signature(path: Path) -> str:
    """Return a file's size and modification time, or ``missing``."""
    try:
        status = path.stat()
    except OSError:
        return "missing"
    return f"{status.st_size}:{status.st_mtime_ns}"


def fingerprint(edition: Edition, variant: str, environment: str) -> str:
    """Return the fingerprint of one output."""
    text = f"{environment}\n{variant}\n{edition!r}"
    return hashlib.sha256(text.encode()).hexdigest()


def file_digest(path: Path) -> str:
    """Return the SHA-256 of a file's bytes, or an empty string if it cannot be read."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""
