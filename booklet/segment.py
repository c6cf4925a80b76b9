"""Mark where lines may break in scripts written without spaces between words.

Khmer, Lao and Burmese (and Thai) put no spaces between words; WeasyPrint would then keep
a whole paragraph on one line. ICU's line break iterator, which knows the words of these
languages from its dictionaries, finds the break opportunities; a zero-width space
(U+200B) marks each one in the HTML before WeasyPrint sees it. ICU never breaks inside a
grapheme cluster, so neither does this.
"""

from __future__ import annotations

import functools
import re

#: The languages whose text is segmented, and the scripts they are written in.
SEGMENTED = {"th": "Thai", "lo": "Lao", "km": "Khmer", "my": "Myanmar"}
#: A run of characters of those scripts (with the marks and digits that go with them).
RUN = re.compile("[\u0e00-\u0e7f\u0e80-\u0eff\u1780-\u17ff\u19e0-\u19ff"
                 "\u1000-\u109f\uaa60-\uaa7f\ua9e0-\ua9ff]+")
ZERO_WIDTH_SPACE = "\u200b"
#: What in an HTML document is markup (tags, comments) or not to be touched (styles).
MARKUP = re.compile(r"(<style\b.*?</style>|<!--.*?-->|<[^>]*>)", re.S | re.I)


@functools.lru_cache(maxsize=8)
def line_breaker(language: str):
    """Return ICU's line break iterator for a language."""
    import icu

    return icu.BreakIterator.createLineInstance(icu.Locale(language))


def breaks(text: str, language: str) -> list[int]:
    """Return the offsets inside a text where ICU allows a line break."""
    breaker = line_breaker(language)
    breaker.setText(text)
    # ICU counts in UTF-16 code units; these scripts are all in the Basic Multilingual
    # Plane, so the offsets are the same in Python's code points.
    return [offset for offset in breaker if 0 < offset < len(text)]


def mark_breaks(text: str, language: str) -> str:
    """Return text with a zero-width space at each break opportunity inside runs of the
    scripts written without spaces."""
    def mark(run: re.Match) -> str:
        word = run.group()
        pieces, start = [], 0
        for offset in breaks(word, language):
            pieces.append(word[start:offset])
            start = offset
        pieces.append(word[start:])
        return ZERO_WIDTH_SPACE.join(pieces)

    return RUN.sub(mark, text)


def mark_breaks_in_html(html: str, language: str) -> str:
    """Mark break opportunities in the text of an HTML document, leaving markup alone."""
    base = language.split("-")[0]
    if base not in SEGMENTED:
        return html
    parts = MARKUP.split(html)
    # Odd parts are markup; even parts are text.
    return "".join(part if index % 2 else mark_breaks(part, base)
                   for index, part in enumerate(parts))
