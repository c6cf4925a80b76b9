"""Check the content without building: every problem of the schema, then each audience's
reading level, each translation's coverage and each term to avoid (``check``), and the
audiences and formats there are (``list``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from booklet import readability, terms
from booklet.editions import edition_names, edition_report, stale_contacts
from booklet.formats import FORMATS
from booklet.load import load


@dataclass
class Findings:
    """What a check found: lines to show, and errors that make it fail."""

    lines: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def check(content_folder: Path) -> Findings:
    """Check the content (raising `ContentError` for what the schema refuses), then measure
    its reading levels, translations and terms."""
    content = load(content_folder)
    found = Findings([f"{content_folder}: {len(content.audiences)} audiences, "
                      f"{len(content.questions)} questions: no problems found"])
    if content.publication.language in readability.MEASURED_LANGUAGES:
        readings = readability.measure(content)
        found.lines += readability.report(readings)
        found.errors += [
            f"{reading.audience.location}: audiences: '{reading.audience.id}' reads at grade "
            f"{reading.grade:.1f}, over its target of {reading.audience.reading_grade:g}; use "
            "shorter sentences and words" for reading in readings if reading.over_target]
    else:
        found.lines.append(f"reading levels: not measured for language "
                           f"'{content.publication.language}'")
    found.lines += coverage_report(content)
    hits = terms.find_avoided_terms(content)
    if content.terms:
        found.lines.append(f"terms: {len(content.terms)} concept(s); "
                           f"{len(hits) or 'no'} term(s) to avoid found")
    found.errors += [hit.problem() for hit in hits]
    found.lines += edition_report(content)
    # A contact too long unchecked stops the print builds: the check says so too.
    found.errors += [str(problem) for problem in stale_contacts(
        list(content.editions), [audience.id for audience in content.audiences],
        datetime.date.today())]
    return found


def coverage_report(content) -> list[str]:
    """Check every translation; return, per language, how much of its editions is
    translated and each text that falls back to English."""
    from booklet.translate import SOURCE_LANGUAGE, available_languages, load_translation, translate
    from booklet.sources import outdated_report

    lines = ["translations:"]
    for language in available_languages(content.folder):
        if language == SOURCE_LANGUAGE:
            continue
        translation, where = load_translation(content.folder, language)
        ids = [audience.id for audience in content.audiences
               if audience.id in translation.audiences]
        coverage = translate(content, translation, where, ids, allow_fallback=True)[1]
        lines.append(f"  {language} ({translation.status}): {len(ids)} audience(s) "
                     f"({', '.join(ids) or 'none'}), {coverage.percentage:.1f}% translated")
        lines += [f"    English used for {path}" for path in coverage.fallbacks]
        lines += outdated_report(content, translation)
    return lines if len(lines) > 1 else []


def listing(content_folder: Path) -> list[str]:
    """Return the audiences and the formats, one a line."""
    content = load(content_folder)
    width = max(len(audience.id) for audience in content.audiences)
    lines = ["audiences:"]
    lines += [f"  {audience.id:<{width}}  {audience.name}" for audience in content.audiences]
    lines.append("formats:")
    lines += [f"  {format.id:<{width}}  {', '.join(format.variants)}"
              for format in FORMATS.values()]
    lines.append("editions:")
    lines += [f"  {edition_id:<{width}}  {name}"
              for edition_id, name in edition_names(content).items()]
    return lines
