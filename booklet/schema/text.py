"""The kinds of text of the content schema: plain text, Markdown, the names of pictures and
pictograms, countries, telephone numbers and web addresses, and the common text values
(slugs, colours, language tags), with the checks every text gets."""

from __future__ import annotations

import datetime
import re
import unicodedata

import yaml

from booklet import assets, paths, richtext
from booklet.errors import Problem
from booklet.schema.kinds import INVALID, MAX_LINE, MAX_TEXT, Kind, describe


class Text(Kind):
    """Text; a number or yes/no where text is expected is an error, not converted."""

    name = "text"

    def __init__(self, pattern: str | None = None, expected: str = "text", name: str = "text",
                 allow_empty: bool = False, single_line: bool = False,
                 max_length: int | None = None):
        self.pattern = re.compile(pattern) if pattern else None
        self._expected = expected
        self.name = "text on one line" if single_line and name == "text" else name
        self.allow_empty = allow_empty
        self.single_line = single_line
        self.max_length = max_length or (MAX_LINE if single_line else MAX_TEXT)

    def read(self, node, path, reader):
        value = reader.scalar(node) if isinstance(node, yaml.ScalarNode) else INVALID
        if value is None and self.allow_empty:
            return ""
        if not isinstance(value, str):
            quotable = (bool, int, float, datetime.date)
            hint = " (put it in quotes)" if isinstance(value, quotable) else ""
            return reader.problem(node, path, f"expected {self.expected}, "
                                              f"found {describe(node, reader)}{hint}")
        value = value.strip()
        if not value and not self.allow_empty:
            return reader.problem(node, path, f"expected {self.expected}, found empty text")
        if self.single_line and "\n" in value:
            return reader.problem(node, path, f"expected {self.expected} on one line, "
                                              "found several lines")
        if len(value) > self.max_length:
            return reader.problem(node, path, f"expected at most {self.max_length} characters, "
                                              f"found {len(value)}")
        if self.pattern and value and not self.pattern.fullmatch(value):
            return reader.problem(node, path, f"expected {self.expected}, found {value!r}")
        hidden = hidden_character_problem(value)
        if hidden:
            return reader.problem(node, path, hidden)
        return value

    @property
    def expected(self) -> str:
        return self._expected

    def empty(self):
        return ""


#: Characters no text may hold: control characters but line breaks and tabs (a NUL
#: prints as a box), the bidirectional controls, which reorder what follows them (an
#: override prints "1300 4455" as "5544 0031"), and Unicode's noncharacters.
HIDDEN_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f"
                               "\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff]")
#: The most combining marks one letter may carry: the region's scripts stack three at
#: most; hundreds are drawn far above the line, off the page.
MAX_COMBINING_MARKS = 8


def hidden_character_problem(text: str) -> str | None:
    """Return why a text holds characters that would print wrongly or not at all."""
    found = HIDDEN_CHARACTERS.search(text)
    if found:
        return (f"expected text without control or bidirectional formatting characters, "
                f"found U+{ord(found.group()):04X} at character {found.start() + 1}; "
                "remove it")
    marks = 0
    for index, character in enumerate(text):
        marks = marks + 1 if unicodedata.category(character) in ("Mn", "Me") else 0
        if marks > MAX_COMBINING_MARKS:
            return (f"expected at most {MAX_COMBINING_MARKS} combining marks on one letter, "
                    f"found more at character {index + 1}; remove them")
    return None


class Markdown(Text):
    """Rich text in Markdown; raw HTML, links other than web, e-mail and telephone, and
    pictures from outside the assets folder are refused, each at its own line."""

    def __init__(self, inline: bool = False, allow_empty: bool = False):
        super().__init__(name="Markdown text on one line" if inline else "Markdown text",
                         allow_empty=allow_empty, single_line=inline)

    def read(self, node, path, reader):
        value = super().read(node, path, reader)
        if value is INVALID or not value:
            return value
        # The text of a block scalar (| or >) starts on the line after its key.
        first_line = node.start_mark.line + (2 if node.style in ("|", ">") else 1)
        raw = reader.scalar(node)
        skipped = len(raw) - len(raw.lstrip("\n"))
        found = richtext.problems(raw.lstrip("\n"))
        for offset, message in found:
            reader.problems.append(Problem(reader.file, first_line + skipped + offset, path,
                                           message))
        return INVALID if found else value


class Pictogram(Text):
    """The name of a pictogram: one of the project's own (``assets/pictograms/NAME.svg``),
    or one of the icon library's (``healthicons:CATEGORY/NAME``, see `booklet.icons`). An
    unknown name is reported with the known names closest to it."""

    def __init__(self):
        super().__init__(r"[a-z][a-z0-9]*(-[a-z0-9]+)*|healthicons:[A-Za-z0-9_/!-]+",
                         "the name of a pictogram, such as 'school' or "
                         "'healthicons:people/young_people'", "pictogram name")

    def read(self, node, path, reader):
        from booklet import icons

        value = super().read(node, path, reader)
        if value is INVALID:
            return value
        own = pictogram_names()
        if icons.is_icon(value) and icons.SVG_FOLDER.is_dir():
            known = icons.names()
            if value not in known:
                return reader.problem(node, path, unknown_pictogram(value, own, known))
        elif not icons.is_icon(value) and value not in own:
            return reader.problem(node, path, unknown_pictogram(value, own, icons.names()))
        try:
            assets.pictogram(value)
        except assets.AssetError as error:
            shown = value if icons.is_icon(value) else f"assets/pictograms/{value}.svg"
            return reader.problem(node, path, f"expected a pictogram that can be drawn, "
                                              f"found {shown}, {error}")
        return value


def unknown_pictogram(name: str, own: list[str], library: tuple[str, ...]) -> str:
    """Describe an unknown pictogram's name, with the closest known names."""
    from booklet import icons

    close = icons.close_names(name, [*own, *library])
    hint = (f"; did you mean {', '.join(repr(found) for found in close)}?" if close
            else "; see docs/pictograms.md")
    return (f"expected the name of a pictogram of assets/pictograms ({', '.join(own)}) or of "
            f"the Health Icons (healthicons:CATEGORY/NAME), found '{name}'{hint}")


def pictogram_names() -> list[str]:
    """Return the names of the pictograms in the assets folder."""
    return sorted(path.stem for path in (paths.ASSETS / "pictograms").glob("*.svg"))


SLUG = Text(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", "a slug of lowercase letters, digits and "
            "hyphens, such as 'young-migrants'", "slug")
COLOUR = Text(r"#[0-9a-fA-F]{6}", "a colour as #rrggbb, such as '#1b6ca8'", "colour #rrggbb")
LANGUAGE = Text(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", "a language tag such as 'en', 'th' "
                "or 'zh-Hans'", "language tag")
LINE = Text(single_line=True)
MARKDOWN = Markdown()
MARKDOWN_LINE = Markdown(inline=True)


class Picture(Text):
    """The name of a picture in the assets folder, such as ``logos/partner.svg``, checked as
    every picture is (`booklet.assets`): inside the folder, of bounded size, what its name
    says."""

    def __init__(self):
        super().__init__(expected="the name of a picture in assets/, such as "
                                  "'logos/partner.svg'", name="picture in assets/",
                         single_line=True)

    def read(self, node, path, reader):
        value = super().read(node, path, reader)
        if value is INVALID:
            return value
        try:
            assets.check(value)
        except assets.AssetError as error:
            return reader.problem(node, path, f"expected a picture in assets/ that can be "
                                              f"drawn, found '{value}', {error}")
        return value


class Country(Text):
    """A country as its ISO 3166-1 alpha-2 code, one that libphonenumber has numbers for."""

    def __init__(self):
        super().__init__(r"[A-Z]{2}", "an ISO 3166-1 alpha-2 country code in capitals, such "
                         "as 'KH' or 'TH'", "country code (ISO 3166-1 alpha-2)",
                         single_line=True)

    def read(self, node, path, reader):
        import phonenumbers

        value = super().read(node, path, reader)
        if value is INVALID:
            return value
        if value not in phonenumbers.SUPPORTED_REGIONS:
            return reader.problem(node, path, f"expected an ISO 3166-1 alpha-2 country code "
                                              f"with telephone numbers, such as 'KH', 'LA', "
                                              f"'TH' or 'VN', found '{value}'")
        return value


#: A telephone number as written in a source: digits, spaces, hyphens, dots, parentheses
#: and a leading +; whether it is a number of its country is checked with libphonenumber
#: (`booklet.editions`).
PHONE = Text(r"\+?[0-9][0-9 ().-]{1,28}[0-9]", "a telephone number of digits, spaces and "
             "hyphens, such as '1280' or '023 997 919'", "telephone number", single_line=True)
#: A web address a reader can type or scan: http(s) only, no spaces.
WEB_ADDRESS = Text(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[^\s]*)?", "a web address "
                   "starting with https:// or http://, without spaces", "web address",
                   single_line=True)
