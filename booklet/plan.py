"""Plan a build: what is asked for (a `Request`), the editions it means in each language,
and which of their outputs are current and which must be built (a `Plan`).

Each output records a fingerprint of what it was made from (see `booklet.freshness`); an
output whose fingerprint and file are unchanged is kept as it is.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from booklet import freshness, model
from booklet.compose import Edition
from booklet.errors import BookletError
from booklet.formats import DEFAULT_PAPER, FORMATS, VARIANTS
from booklet.write import Output, read_manifest

if TYPE_CHECKING:
    from booklet.produce import Built

#: Seconds one document may take to lay out and draw; ours take well under one.
DEFAULT_TIME_LIMIT = 60.0


class UsageError(BookletError):
    """The command asked for something the content does not have."""


@dataclass(frozen=True)
class Request:
    """What to build, and where."""

    content: Path
    out: Path
    #: Audience ids to build; empty means all.
    audiences: tuple[str, ...] = ()
    #: Formats to build; empty means all.
    formats: tuple[str, ...] = ()
    #: Variants to build, of those each format has; empty means all.
    variants: tuple[str, ...] = ()
    #: The paper family, one of `booklet.formats.PAPERS`.
    paper: str = DEFAULT_PAPER
    #: Whether to write each edition's HTML beside its PDF.
    emit_html: bool = False
    #: How many editions to lay out at once, one process each.
    jobs: int = 1
    #: Seconds one document may take.
    time_limit: float = DEFAULT_TIME_LIMIT
    #: Rebuild every output, even those whose inputs did not change.
    force: bool = False
    #: Languages to build; empty means every language of the content.
    languages: tuple[str, ...] = ()
    #: Use the English text where a translation is missing, rather than fail.
    allow_fallback: bool = False
    #: Editions to build (``generic`` or a country edition's id); empty means all.
    editions: tuple[str, ...] = ()
    #: Build print and imposed variants even with contacts not checked for too long.
    allow_stale_contacts: bool = False
    #: The CMYK output profile of the print variants (`booklet.colour.PROFILES`); empty:
    #: each edition's own, or the default.
    profile: str = ""
    #: Build only this share of the matrix: (K, N) is the K-th of N shards, from 1.
    shard: tuple[int, int] | None = None
    #: Called with each output written or found current, to report progress.
    progress: Callable[[Output, bool], None] | None = field(default=None, compare=False)
    #: Called once with the number of outputs to build, before building.
    planned: Callable[[int], None] | None = field(default=None, compare=False)
    #: Asked while building: once it returns true, the build stops as if interrupted,
    #: raising `booklet.workers.Cancelled` (what was written stays in the manifest).
    cancelled: Callable[[], bool] | None = field(default=None, compare=False)


class Plan:
    """Which outputs are current, kept as they are, and which must be built."""

    def __init__(self, request: Request, editions: list[Edition],
                 variants: dict[str, tuple[str, ...]]):
        environment_digest = freshness.environment_fingerprint()
        previous = {output.key: output for output in read_manifest(request.out)}
        self.fingerprints: dict[tuple, str] = {}
        self.current: list[Output] = []
        self.work: list[tuple[Edition, tuple[str, ...]]] = []
        for edition in editions:
            needed = []
            for variant in variants[edition.format]:
                digest = freshness.fingerprint(edition, variant, environment_digest)
                self.fingerprints[edition_key(edition, variant)] = digest
                old = previous.get(output_key(edition, variant))
                if not request.force and old and old.inputs == digest and \
                        freshness.file_digest(request.out / old.path) == old.sha256:
                    self.current.append(old)
                else:
                    needed.append(variant)
            if needed:
                self.work.append((edition, tuple(needed)))

    @property
    def count(self) -> int:
        """Return how many outputs are built or kept."""
        return len(self.current) + sum(len(needed) for _, needed in self.work)

    def fingerprint(self, built: Built) -> str:
        """Return the fingerprint of a built output."""
        return self.fingerprints[edition_key(built.edition, built.variant)]


def edition_key(edition: Edition, variant: str) -> tuple[str, ...]:
    """Return what identifies an output of an edition, whatever its layout choices."""
    return (edition.audience.id, edition.format, edition.paper, variant,
            edition.publication.language, edition.edition_id)


def output_key(edition: Edition, variant: str) -> tuple[str, ...]:
    """Return the manifest key of an output of an edition."""
    return (edition.audience.id, edition.format, variant, edition.publication.language,
            edition.paper, edition.edition_id)


def localized_contents(content: model.Content, audiences: list[model.Audience],
                       request: Request) -> list[model.Content]:
    """Return the content in each language asked for, holding the audiences to build: in
    English all of them; in another language those its translation covers (or, with
    fallback allowed, all of them)."""
    from booklet.translate import SOURCE_LANGUAGE, available_languages, load_translation, translate

    available = available_languages(request.content)
    unknown = [language for language in request.languages if language not in available]
    if unknown:
        raise UsageError(f"--lang: expected a language of the content ({', '.join(available)}), "
                         f"found {', '.join(repr(language) for language in unknown)}")
    wanted_ids = [audience.id for audience in audiences]
    results = []
    for language in request.languages or available:
        if language == SOURCE_LANGUAGE:
            results.append(dataclasses.replace(content, audiences=tuple(audiences)))
            continue
        translation, lines = load_translation(request.content, language)
        ids = [audience_id for audience_id in wanted_ids
               if request.allow_fallback or audience_id in translation.audiences
               or (request.audiences and audience_id in request.audiences)]
        if ids:
            results.append(translate(content, translation, lines, ids,
                                     request.allow_fallback)[0])
    return results


def variants_of(format: str, request: Request) -> tuple[str, ...]:
    """Return the variants to build of a format, in the format's order."""
    return tuple(variant for variant in FORMATS[format].variants
                 if not request.variants or variant in request.variants)


def select_audiences(content: model.Content, wanted: tuple[str, ...]) -> list[model.Audience]:
    """Return the audiences asked for, in the order asked; all of them if none were named."""
    known = [audience.id for audience in content.audiences]
    unknown = [audience_id for audience_id in wanted if audience_id not in known]
    if unknown:
        raise UsageError(f"--audience: expected a known audience id ({', '.join(known)}), "
                         f"found {', '.join(repr(audience_id) for audience_id in unknown)}")
    return [content.audience(audience_id) for audience_id in dict.fromkeys(wanted or known)]


def shard_of(editions: list[Edition], shard: tuple[int, int] | None) -> list[Edition]:
    """Return the editions of one shard: the matrix split into N shares of about the same
    expected pages, the same split on every machine (longest first, each to the share
    with the fewest pages so far)."""
    if shard is None:
        return editions
    number, count = shard
    loads = [0.0] * count
    mine: set[int] = set()
    heaviest_first = sorted(range(len(editions)),
                            key=lambda index: (-expected_pages(editions[index]), index))
    for index in heaviest_first:
        lightest = min(range(count), key=lambda share: (loads[share], share))
        loads[lightest] += expected_pages(editions[index])
        if lightest == number - 1:
            mine.add(index)
    return [edition for index, edition in enumerate(editions) if index in mine]


#: About how many characters of text one page holds at the regular type size, and the
#: pages every booklet has besides its text (covers, contents, closing page): the estimate
#: that balances shards and sends the longest editions to the workers first.
CHARACTERS_PER_PAGE = 1800
PAGES_BESIDES_TEXT = 4
#: What laying out, drawing and checking a document costs besides its pages, counted in
#: pages. Fitted to the measured time of each of the 20 English editions: counting pages
#: alone, the estimate was off by 0.57 s an edition (root mean square); with this, and
#: text set larger taking more pages, by 0.31 s.
PAGES_PER_DOCUMENT = 8


def expected_pages(edition: Edition) -> float:
    """Return about how many pages' work all the variants of an edition take: the pages
    its text fills at its type size (the area of a letter grows with its size squared),
    a booklet's pages besides its text, and each document's share (`PAGES_PER_DOCUMENT`)."""
    from booklet.render import REGULAR_TYPE, type_size

    text = sum(len(entry.question) + len(entry.answer) for entry in edition.entries)
    pages = text / CHARACTERS_PER_PAGE * (type_size(edition.audience) / REGULAR_TYPE) ** 2
    if FORMATS[edition.format].folded:
        pages += PAGES_BESIDES_TEXT
    laid_out = [variant for variant in FORMATS[edition.format].variants
                if VARIANTS[variant].laid_out]
    return (pages + PAGES_PER_DOCUMENT) * len(laid_out)
