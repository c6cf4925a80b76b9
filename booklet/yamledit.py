"""Change the values of a YAML file in place, leaving every other byte as it was: the
comments, the order of the keys, the style of the values not changed.

Translation files are edited by hand as well as written by ``translation import``; an
import changes only the lines of the texts it changes, and adds a missing key after the
key that comes before it. The changed file is read back and compared with what was asked
for before it is returned.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from typing import Any

import yaml

#: The indentation of each level, as in the project's YAML files.
INDENT = 2
#: The widest line a folded text (``>``) is wrapped to.
WIDTH = 88
#: The tags of YAML's text and of nothing.
TEXT = "tag:yaml.org,2002:str"
NOTHING = "tag:yaml.org,2002:null"


class EditError(Exception):
    """The edited text would not read back as asked: a bug, never the user's."""


@dataclass(frozen=True)
class Edit:
    """Replace the characters from `start` to `end` with `text`."""

    start: int
    end: int
    text: str


def edit(text: str, target: dict[str, Any]) -> str:
    """Return a YAML text changed so that it holds `target` where they differ (keys it has
    and `target` lacks are kept)."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is None:
        return text.rstrip("\n") + ("\n" if text.strip() else "") + render_mapping(target, 0)
    editor = Editor(text)
    editor.value(root, target, 0, flow=False)
    changed = apply(text, editor.edits)
    if not holds(yaml.safe_load(changed), target):
        raise EditError("the edited YAML does not read back as asked")
    return changed


def new_file(header: str, target: dict[str, Any]) -> str:
    """Return a new YAML text holding `target`, after a comment."""
    return header + render_mapping(target, 0)


def holds(loaded: Any, target: Any) -> bool:
    """Return whether loaded YAML holds the target: its texts (stripped) and keys."""
    if isinstance(target, dict):
        return isinstance(loaded, dict) and all(key in loaded and holds(loaded[key], value)
                                                for key, value in target.items())
    if isinstance(target, list):
        return (isinstance(loaded, list) and len(loaded) == len(target)
                and all(holds(item, value) for item, value in zip(loaded, target)))
    if isinstance(target, str):
        return (loaded or "").strip() == target.strip() if isinstance(loaded, (str, type(None))) \
            else False
    return loaded == target


def apply(text: str, edits: list[Edit]) -> str:
    """Return the text with the edits made, from the last to the first."""
    last = len(text) + 1
    for change in sorted(edits, key=lambda change: change.start, reverse=True):
        if change.end > last:
            raise EditError("overlapping edits")
        text = text[:change.start] + change.text + text[change.end:]
        last = change.start
    return text


class Editor:
    """Compares the nodes of a YAML document with the target, noting the edits."""

    def __init__(self, text: str):
        self.text = text
        self.edits: list[Edit] = []

    def value(self, node: yaml.Node, target: Any, column: int, flow: bool) -> None:
        """Make a node hold a target value; `column` is where its children would start."""
        if isinstance(target, dict) and isinstance(node, yaml.MappingNode) \
                and not node.flow_style:
            self.mapping(node, target, column)
        elif isinstance(target, list) and isinstance(node, yaml.SequenceNode) \
                and len(node.value) == len(target):
            inner = column if node.flow_style else node.start_mark.column + INDENT
            for child, item in zip(node.value, target):
                self.value(child, item, inner, flow or node.flow_style)
        elif isinstance(target, str) and isinstance(node, yaml.ScalarNode):
            same = node.tag == TEXT and node.value.strip() == target.strip()
            if not same and not (node.tag == NOTHING and not target):
                self.scalar(node, target, column, flow)
        elif isinstance(target, (dict, list)) and not target and node.flow_style:
            return
        else:
            self.replace(node, target, column, flow)

    def scalar(self, node: yaml.ScalarNode, target: str, column: int, flow: bool) -> None:
        """Replace a text, in the style it had where it can keep it."""
        end = self.content_end(node)
        self.edits.append(Edit(node.start_mark.index, end,
                               render_scalar(target, column, flow, folded=node.style == ">")))

    def replace(self, node: yaml.Node, target: Any, column: int, flow: bool) -> None:
        """Replace a whole value with the target written out in block style."""
        start, end = node.start_mark.index, self.content_end(node)
        if isinstance(target, str):
            self.edits.append(Edit(start, end, render_scalar(target, column, flow)))
            return
        if flow or not target:
            self.edits.append(Edit(start, end, json.dumps(target, ensure_ascii=False)))
            return
        block = render_value(target, column)
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and not node.flow_style:
            # The node starts where its first line's text does; the block brings its own.
            self.edits.append(Edit(start, end, block.lstrip(" ")))
        else:
            while start > 0 and self.text[start - 1] == " ":
                start -= 1
            self.edits.append(Edit(start, end, "\n" + block))

    def mapping(self, node: yaml.MappingNode, target: dict, column: int) -> None:
        """Make a block mapping hold the target's keys: change those it has, add the rest
        after the key before them."""
        existing = {key.value: (key, value) for key, value in node.value
                    if isinstance(key, yaml.ScalarNode)}
        if node.value:
            column = node.value[0][0].start_mark.column
        previous: tuple[yaml.Node, yaml.Node] | None = None
        waiting: dict[str, Any] = {}
        for key, value in target.items():
            if key in existing:
                if waiting:
                    self.insert(node, previous, waiting, column)
                    waiting = {}
                key_node, value_node = existing[key]
                self.value(value_node, value, key_node.start_mark.column + INDENT, flow=False)
                previous = existing[key]
            else:
                waiting[key] = value
        if waiting:
            self.insert(node, previous, waiting, column)

    def insert(self, node: yaml.MappingNode, previous: tuple[yaml.Node, yaml.Node] | None,
               entries: dict[str, Any], column: int) -> None:
        """Add keys to a block mapping: after a key's value, or before the first key."""
        block = render_mapping(entries, column).rstrip("\n")
        if previous is None:
            first = node.value[0][0].start_mark
            line_start = first.index - first.column
            self.edits.append(Edit(line_start, line_start, block + "\n"))
            return
        end = self.text.find("\n", self.content_end(previous[1]) - 1)
        end = len(self.text) if end < 0 else end
        prefix = "" if end == len(self.text) and self.text.endswith("\n") else "\n"
        self.edits.append(Edit(end, end, prefix + block))

    def content_end(self, node: yaml.Node) -> int:
        """Return where a node's text ends, before the line breaks and spaces after it (a
        block collection ends with its last value: what follows it, comments too, is the
        next key's)."""
        if isinstance(node, yaml.MappingNode) and not node.flow_style and node.value:
            return self.content_end(node.value[-1][1])
        if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
            return self.content_end(node.value[-1])
        end = node.end_mark.index
        while end > node.start_mark.index and self.text[end - 1] in " \t\r\n":
            end -= 1
        return end


def render_mapping(entries: dict[str, Any], column: int) -> str:
    """Return block-style lines of a mapping at a column, each ending with a line break."""
    return "".join(render_entry(key, value, column) + "\n" for key, value in entries.items())


def render_entry(key: str, value: Any, column: int) -> str:
    """Return the lines of one key and its value, without the last line break."""
    pad = " " * column
    if isinstance(value, (dict, list)) and value:
        return f"{pad}{plain_key(key)}:\n{render_value(value, column + INDENT)}"
    if isinstance(value, (dict, list)):
        return f"{pad}{plain_key(key)}: {json.dumps(value)}"
    return f"{pad}{plain_key(key)}: {render_scalar(value, column + INDENT, False)}"


def render_value(value: dict | list, column: int) -> str:
    """Return the block lines of a mapping or a list at a column, without the last line
    break."""
    if isinstance(value, dict):
        return render_mapping(value, column).rstrip("\n")
    pad = " " * column
    items = []
    for item in value:
        if isinstance(item, dict) and item:
            lines = render_mapping(item, column + INDENT).rstrip("\n")
            items.append(pad + "- " + lines[column + INDENT:])
        else:
            items.append(f"{pad}- {render_scalar(item, column + INDENT, False)}")
    return "\n".join(items)


def plain_key(key: str) -> str:
    """Return a key as written: plain where YAML reads it back as the same text."""
    return key if reads_as(key, key) else json.dumps(key, ensure_ascii=False)


def render_scalar(text: str, column: int, flow: bool, folded: bool = False) -> str:
    """Return a text written as a YAML value whose continuation lines start at `column`:
    plain or quoted on one line, folded (``>-``) if it was, a literal block (``|``) when
    it has several lines."""
    text = text.strip()
    candidates = []
    if "\n" in text and not flow:
        candidates.append(literal(text, column))
    if folded and "\n" not in text and not flow:
        candidates.append(folded_block(text, column))
    dumped = yaml.dump({"k": text}, Dumper=yaml.SafeDumper, allow_unicode=True,
                       width=float("inf"), default_flow_style=False)[3:].rstrip("\n")
    if "\n" not in dumped and not (flow and any(mark in dumped for mark in ",[]{}#")):
        candidates.append(dumped)
    candidates.append(json.dumps(text, ensure_ascii=False))
    return next(candidate for candidate in candidates if reads_as(candidate, text, column))


def literal(text: str, column: int) -> str:
    """Return a literal block: each line as it is, indented."""
    pad = " " * column
    return "|\n" + "\n".join(pad + line if line.strip() else "" for line in text.split("\n"))


def folded_block(text: str, column: int) -> str:
    """Return a folded block: the text wrapped at spaces, indented."""
    width = max(WIDTH - column, 20)
    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    return ">-\n" + "\n".join(" " * column + line for line in lines)


def reads_as(written: str, text: str, column: int = 0) -> bool:
    """Return whether a value written at a column reads back as the text."""
    document = " " * max(column - INDENT, 0) + "k: " + written + "\n"
    try:
        loaded = yaml.safe_load(document)
    except yaml.YAMLError:
        return False
    return isinstance(loaded, dict) and isinstance(loaded.get("k"), str) \
        and loaded["k"].strip() == text
