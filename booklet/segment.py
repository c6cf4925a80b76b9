"""Set the text of the region's scripts as their readers expect, before WeasyPrint sees it.

- Break opportunities: Khmer, Lao, Burmese and Thai put no spaces between words, and
  WeasyPrint would keep a whole Khmer, Lao or Burmese paragraph on one line. ICU's line
  break iterator, which knows the words of these languages from its dictionaries, finds
  where a line may break; a zero-width space (U+200B) marks each place. ICU never breaks
  inside a grapheme cluster, and in Burmese a line never starts with the consonant that
  closes a syllable, nor inside a stacked consonant.
- Words kept whole: ICU's dictionaries split compounds they do not know (Lao
  ການຄ້າ/ມະນຸດ, Thai ผู้/พิพากษา). A line never breaks inside a word the edition keeps
  together (the termbase's preferred terms and the exceptions of ``linebreaks.yaml``,
  see `kept_whole`), nor where a writer typed a word joiner (U+2060).
- Titles: the last line of a heading or title never holds one syllable, cluster or
  particle alone: its last two units are kept together.
- Segment breaks: a line break of the source between two characters of scripts written
  without spaces (Chinese, Japanese, Thai, Lao, Khmer, Burmese) is removed rather than
  set as a space (CSS Text Level 3, segment break transformation), and no space stands
  beside Chinese full-width punctuation; in Chinese, a Latin colon, comma, semicolon,
  question or exclamation mark after a Chinese character is set full width.

Where a break must not happen, the text is not marked; where Pango would break on its
own (Thai, with libthai; Chinese; spaces), the span is set ``white-space: nowrap``. Pango
does not honour a word joiner in Thai (it breaks beside one), so joiners are taken out
once they have been read.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable

#: The languages whose text is segmented, and the scripts they are written in.
SEGMENTED = {"th": "Thai", "lo": "Lao", "km": "Khmer", "my": "Myanmar"}
#: The languages written without spaces between words, whose words are kept whole (in
#: the others a line breaks between words, where a reader expects it to).
WITHOUT_SPACES = (*SEGMENTED, "zh", "ja")
#: The languages whose lines Pango breaks between characters by itself, even unmarked.
BREAKS_BY_ITSELF = ("th", "zh", "ja")
#: The languages of the region (besides English) whose headings get no lone last unit.
TITLED = (*SEGMENTED, "zh", "ja", "vi")
#: Characters of the segmented scripts (with the marks and digits that go with them).
SEGMENTED_CHARACTERS = ("\u0e00-\u0e7f\u0e80-\u0eff\u1780-\u17ff\u19e0-\u19ff"
                        "\u1000-\u109f\uaa60-\uaa7f\ua9e0-\ua9ff")
ZERO_WIDTH_SPACE = "\u200b"
WORD_JOINER = "\u2060"
#: A run of characters of the segmented scripts, joined or not by word joiners.
RUN = re.compile(f"[{SEGMENTED_CHARACTERS}{WORD_JOINER}]+")
#: What in an HTML document is markup (tags, comments) or not to be touched (styles, and
#: the title, which becomes the PDF's metadata).
MARKUP = re.compile(r"(<style\b.*?</style>|<title\b.*?</title>|<!--.*?-->|<[^>]*>)",
                    re.DOTALL | re.IGNORECASE)
#: The start of an element the templates set as a heading or a title: headings; the
#: series, title and audience lines of covers and mastheads; the contents' entries; any
#: paragraph whose class names a title.
TITLE_START = re.compile(r'<(h[1-6])\b|<(p|li)\b[^>]*\bclass="(?:series|audience|section|'
                         r'question|[\w-]*title[\w-]*)"', re.IGNORECASE)
#: The markup of a span no line may break inside.
KEEP_OPEN, KEEP_CLOSE = '<span style="white-space: nowrap">', "</span>"

#: Chinese and Japanese characters: Han, kana, CJK punctuation and full-width forms (but
#: not Hangul: Korean puts spaces between words).
CJK_CHARACTERS = ("\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf"
                  "\u4e00-\u9fff\uf900-\ufaff\ufe10-\ufe1f\ufe30-\ufe4f\uff01-\uff60"
                  "\uff61-\uff9f\uffe0-\uffe6\U00020000-\U0003ffff")
#: Chinese full-width punctuation, which carries its own space.
CJK_PUNCTUATION = ("\u3001-\u3003\u3008-\u3011\u3014-\u301f\ufe10-\ufe1f\ufe30-\ufe4f"
                   "\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65")
#: Han characters (the unified ideographs and their extensions).
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
#: A line break of the source, with the spaces around it, between two characters of
#: scripts written without spaces.
SPACELESS = SEGMENTED_CHARACTERS + CJK_CHARACTERS
SEGMENT_BREAK = re.compile(f"(?<=[{SPACELESS}])[ \t]*\n[ \t]*(?=[{SPACELESS}])")
#: Latin spaces and line breaks beside Chinese full-width punctuation.
SPACE_BY_CJK_PUNCTUATION = re.compile(f"[ \t\n]+(?=[{CJK_PUNCTUATION}])|"
                                      f"(?<=[{CJK_PUNCTUATION}])[ \t\n]+")
#: A Latin punctuation mark after a Han character, with the spaces after it.
LATIN_AFTER_HAN = re.compile(f"(?<=[{CJK_CHARACTERS}])([:,;?!])[ \t]*")
FULL_WIDTH = {":": "\uff1a", ",": "\uff0c", ";": "\uff1b", "?": "\uff1f", "!": "\uff01"}
#: Within a term, where a line may still break: between its words (spaces), where the
#: termbase marks a long phrase of a script without spaces with a zero-width space
#: between two of its words (written ``\\u200b`` in the YAML), and in Chinese at its
#: punctuation. The rest of the term stays whole.
TERM_PIECES = re.compile(f"[\\s\u200b{CJK_PUNCTUATION}]+")
#: A Burmese consonant that closes the syllable before it (followed by the killer, asat,
#: or by the virama that stacks the next consonant under it).
MYANMAR_CODA = re.compile("[\u1000-\u1021]\u1037?[\u103a\u1039]")
MYANMAR_VIRAMA = "\u1039"


def kept_whole(language: str, terms: Iterable[str], exceptions: Iterable[str]
               ) -> tuple[str, ...]:
    """Return what a line of a language must not break inside: each piece of each term (a
    term may break at its spaces and its Chinese punctuation, as any phrase), and each
    exception whole; in Unicode NFC, without repeats. Nothing in a language written with
    spaces between words, whose lines break between words, where readers expect it."""
    if language.split("-")[0] not in WITHOUT_SPACES:
        return ()
    pieces = [piece for term in terms for piece in TERM_PIECES.split(term)]
    words = [unicodedata.normalize("NFC", word) for word in [*pieces, *exceptions]]
    return tuple(dict.fromkeys(word for word in words if word))


@functools.lru_cache(maxsize=8)
def line_breaker(language: str):
    """Return ICU's line break iterator for a language."""
    import icu

    return icu.BreakIterator.createLineInstance(icu.Locale(language))


@functools.lru_cache(maxsize=8)
def cluster_breaker(language: str):
    """Return ICU's grapheme cluster iterator for a language."""
    import icu

    return icu.BreakIterator.createCharacterInstance(icu.Locale(language))


def breaks(text: str, language: str) -> list[int]:
    """Return the offsets inside a text where ICU allows a line break."""
    breaker = line_breaker(language)
    breaker.setText(text)
    # ICU counts in UTF-16 code units; these scripts are all in the Basic Multilingual
    # Plane, so the offsets are the same in Python's code points.
    return [offset for offset in breaker if 0 < offset < len(text)]


def syllable_breaks(text: str, language: str) -> list[int]:
    """Return ICU's break offsets inside a run, less those inside a syllable: in Burmese,
    ICU's dictionary sometimes breaks before a syllable's last consonant (ကွန်ဗ/င်း) or
    inside a stacked consonant (က/မ္/ဘာ)."""
    found = breaks(text, language)
    if language != "my":
        return found
    return [offset for offset in found if text[offset - 1] != MYANMAR_VIRAMA
            and not MYANMAR_CODA.match(text, offset)]


def break_offsets(text: str, language: str) -> list[int]:
    """Return where a line may break inside the runs of segmented scripts of a text."""
    if language not in SEGMENTED:
        return []
    return [run.start() + offset for run in RUN.finditer(text)
            for offset in syllable_breaks(run.group(), language)]


def mark_breaks(text: str, language: str) -> str:
    """Return text with a zero-width space at each break opportunity inside runs of the
    scripts written without spaces."""
    return insert(text, break_offsets(text, language), ZERO_WIDTH_SPACE)


def insert(text: str, offsets: Iterable[int], mark: str) -> str:
    """Return text with a mark inserted at each offset."""
    pieces, start = [], 0
    for offset in sorted(offsets):
        pieces.append(text[start:offset])
        start = offset
    pieces.append(text[start:])
    return mark.join(pieces)


def join_segment_breaks(text: str) -> str:
    """Remove each line break of the source between two characters of scripts written
    without spaces, and the spaces beside Chinese full-width punctuation."""
    text = SEGMENT_BREAK.sub("", text)
    return SPACE_BY_CJK_PUNCTUATION.sub("", text)


def full_width_punctuation(text: str) -> str:
    """Return Chinese text with the Latin punctuation after its characters made full width
    (the space after it goes: full-width marks carry their own)."""
    return LATIN_AFTER_HAN.sub(lambda match: FULL_WIDTH[match.group(1)], text)


def clusters(text: str, language: str) -> set[int]:
    """Return the offsets of a text's grapheme cluster boundaries."""
    iterator = cluster_breaker(language)
    iterator.setText(text)
    return set(iterator) | {0}


def kept_spans(text: str, language: str, kept: tuple[str, ...]) -> list[tuple[int, int]]:
    """Return the spans of the words kept whole found in a text, on cluster boundaries
    (ລູ would otherwise be found inside ລູ່)."""
    found = [(start, start + len(word)) for word in kept
             for start in occurrences(text, word)]
    if not found:
        return []
    boundaries = clusters(text, language)
    return [(start, end) for start, end in found if start in boundaries and end in boundaries]


def occurrences(text: str, word: str) -> Iterable[int]:
    """Yield the offset of each occurrence of a word in a text, overlapping ones too."""
    start = text.find(word)
    while start >= 0:
        yield start
        start = text.find(word, start + 1)


def joined_spans(text: str, offsets: list[int]) -> list[tuple[int, int]]:
    """Return the spans a writer glued with word joiners, in runs of segmented scripts:
    from the break before a joiner to the break after it (ICU breaks on neither side)."""
    spans = []
    for run in RUN.finditer(text):
        if WORD_JOINER in run.group():
            edges = [run.start(), *(offset for offset in offsets
                                    if run.start() < offset < run.end()), run.end()]
            spans += [(start, end) for start, end in itertools.pairwise(edges)
                      if WORD_JOINER in text[start:end]]
    return spans


def last_units(text: str, language: str, offsets: list[int]) -> list[tuple[int, int]]:
    """Return the span of a title's last two units (words, or in Chinese characters), so
    that the last line never holds one alone."""
    begin, end = len(text) - len(text.lstrip()), len(text.rstrip())
    if language in ("zh", "ja"):
        characters = [match.start() for match in HAN.finditer(text, 0, end)]
        return [(characters[-2], end)] if len(characters) > 1 else []
    # Units as a reader counts them: ICU's words (the breaks marked may be finer, between
    # syllables), and what stands between spaces.
    starts = sorted({*breaks(text[:end], language),
                     *(match.end() for match in re.finditer(r"\s+", text[:end]))})
    # A unit of punctuation alone (Burmese "။") belongs to the word before it.
    starts = [start for start in starts if begin < start < end
              and re.search(r"\w", text[start:end])]
    # The last line must hold two units as ICU counts them on that line alone (in context
    # it may count more: Burmese "မ|လဲ။" is one word alone).
    for start in reversed(starts[:-1]):
        if len(breaks(text[start:end], language)) >= 1:
            return [(start, end)]
    return [(begin, end)] if starts else []


def merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return spans with those that overlap made one (spans that only touch stay two: a
    line may break between them)."""
    result: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if result and start < result[-1][1]:
            result[-1] = (result[-1][0], max(end, result[-1][1]))
        else:
            result.append((start, end))
    return result


def set_text(text: str, language: str, kept: tuple[str, ...] = (), title: bool = False) -> str:
    """Return a text of an HTML document (markup escaped, no tags) set for its language:
    segment breaks joined, break opportunities marked, words kept whole, and, in a title,
    the last two units kept together."""
    base = language.split("-")[0]
    text = join_segment_breaks(text)
    if base in ("zh", "ja"):
        text = full_width_punctuation(text)
    offsets = break_offsets(text, base)
    spans = joined_spans(text, offsets)
    if base in WITHOUT_SPACES:
        spans += kept_spans(text, base, kept)
    if title and base in TITLED:
        spans += last_units(text, base, offsets)
    return marked(text, base, offsets, merged(spans))


def marked(text: str, language: str, offsets: list[int], spans: list[tuple[int, int]]) -> str:
    """Return text with a zero-width space at each break offset outside the kept spans
    (those on a span's edge too), and each kept span set so that no line breaks inside it."""
    pieces, position = [], 0
    for start, end in [*spans, (len(text), None)]:
        between = [offset - position for offset in offsets if position <= offset <= start]
        pieces.append(insert(text[position:start], between, ZERO_WIDTH_SPACE))
        if end is not None:
            pieces.append(kept_span(text[start:end], language))
            position = end
    return "".join(pieces)


def kept_span(span: str, language: str) -> str:
    """Return a span no line may break inside: left unmarked where nothing else would break
    it (Khmer, Lao, Burmese), else set ``white-space: nowrap``."""
    span = span.replace(WORD_JOINER, "")
    if language not in BREAKS_BY_ITSELF and RUN.fullmatch(span):
        return span
    return f"{KEEP_OPEN}{span}{KEEP_CLOSE}"


def title_texts(parts: list[str]) -> set[int]:
    """Return the indexes of the parts (text between markup) that end a heading or a title:
    the last one with words in it before the element closes."""
    found, closing, last = set(), None, None
    for index, part in enumerate(parts):
        if index % 2 == 0:
            if closing and part.strip():
                last = index
        elif closing and part.lower().startswith(f"</{closing}"):
            found.update([last] if last is not None else [])
            closing = None
        elif match := TITLE_START.match(part):
            closing, last = (match.group(1) or match.group(2)).lower(), None
    return found


def mark_breaks_in_html(html: str, language: str, kept: tuple[str, ...] = ()) -> str:
    """Set the text of an HTML document for its language (see `set_text`), leaving markup
    alone."""
    parts = MARKUP.split(html)
    titles = title_texts(parts)
    # Odd parts are markup; even parts are text.
    return "".join(part if index % 2 else set_text(part, language, kept, index in titles)
                   for index, part in enumerate(parts))
