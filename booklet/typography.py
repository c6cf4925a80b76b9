"""No lone words, in the languages written with spaces between words (English,
Vietnamese): what `booklet.segment` does for the scripts written without them.

- Headings and titles never leave one word alone on their last line ("Stay safe, stay in /
  school"): their last two words are joined with a no-break space (U+00A0), so that a
  line breaks before the pair. Vietnamese headings already keep their last two syllables
  together (`booklet.segment.TITLED`); this joins those of the other languages written
  with spaces, English first.
- A number stays with the word that names it: "No. 138", "Convention No. 138", "số 138"
  are never parted at the end of a line, in any text.

It works on the text between the markup of the rendered HTML, before `booklet.segment`
marks the scripts without spaces, and leaves markup alone.
"""

from __future__ import annotations

import re

from booklet import segment

NO_BREAK_SPACE = "\u00a0"
#: A number's label and the number, parted by ordinary spaces: "No. 138", "Nos. 138",
#: "Art. 3", "p. 4", "số 138" (Vietnamese), and a numbered convention or law ("Convention
#: 138" too).
NUMBERED = re.compile(r"\b(No|Nos|Nr|Art|p|pp|số|Số|Convention|C)(\.?)[ \t\n]+(?=\d)")
#: The last two words of a title: a word, spaces, and the last word with what follows it
#: (punctuation, closing quotes).
LAST_TWO_WORDS = re.compile(r"(\S)[ \t\n]+(\S+\s*)$")


def spaced(language: str) -> bool:
    """Return whether a language is written with spaces between its words."""
    return language.split("-")[0] not in segment.WITHOUT_SPACES


def joined_titles(language: str) -> bool:
    """Return whether this module joins the last two words of titles in a language (those
    `booklet.segment` leaves as they are)."""
    return spaced(language) and language.split("-")[0] not in segment.TITLED


def keep_numbers(text: str) -> str:
    """Return text with each number joined to the label before it ("No. 138")."""
    return NUMBERED.sub(lambda match: f"{match.group(1)}{match.group(2)}{NO_BREAK_SPACE}",
                        text)


def keep_last_words(text: str) -> str:
    """Return a title's text with its last two words joined, unless it is one word."""
    return LAST_TWO_WORDS.sub(lambda match: f"{match.group(1)}{NO_BREAK_SPACE}{match.group(2)}",
                              text, count=1)


def set_html(html: str, language: str) -> str:
    """Return an HTML document with no lone words: numbers kept with their labels in every
    text, the last two words of every heading and title joined (in the languages that need
    it here)."""
    if not spaced(language):
        return html
    parts = segment.MARKUP.split(html)
    titles = segment.title_texts(parts) if joined_titles(language) else set()
    # Odd parts are markup; even parts are text.
    return "".join(part if index % 2 else
                   keep_last_words(keep_numbers(part)) if index in titles else
                   keep_numbers(part)
                   for index, part in enumerate(parts))
