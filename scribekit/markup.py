"""The inline markup of cue text, in one place for every format.

Cue lines carry plain text with ``<i>``, ``<b>`` and ``<u>`` (the styling the
model keeps). Files also bring ``<font ...>`` tags (SRT) and ASS override
blocks such as ``{\\an8}``, which writers that cannot keep them drop. Readers
that repair what they read report each kind of repair once, through
:class:`Repairs`.
"""
from __future__ import annotations

import re
from typing import Any

from .errors import warn

STYLE_TAG = re.compile(r"<(/?)([ibu])>", re.IGNORECASE)
"""A bare ``<i>``, ``<b>``, ``<u>`` or its closing tag; groups: the slash (or ""), the tag's letter."""
MARKUP_TAG = re.compile(r"</?(?:i|b|u|font)(?:\s[^<>]*)?>", re.IGNORECASE)
"""A style or font tag, attributes allowed (``<i class="x">``, ``<font color="red">``)."""
ITALIC_OPEN = re.compile(r"<i(?:\s[^<>]*)?>", re.IGNORECASE)
"""An opening italic tag, attributes allowed."""
ASS_OVERRIDE = re.compile(r"\{\\[^{}]*\}")
"""An ASS override block (``{\\an8}``, ``{\\i1}``), as subtitle files carry them into SRT."""
FONT_TAG = re.compile(r"</?font(?:\s[^<>]*)?>", re.IGNORECASE)
"""An SRT ``<font ...>`` tag or its closing tag."""
FOREIGN_MARKUP = re.compile(FONT_TAG.pattern + "|" + ASS_OVERRIDE.pattern, re.IGNORECASE)
"""Markup the model does not keep: font tags and ASS override blocks."""
_ANY_MARKUP = re.compile(MARKUP_TAG.pattern + "|" + ASS_OVERRIDE.pattern, re.IGNORECASE)


def strip_tags(text: str) -> str:
    """Text without styling tags (and without ASS override blocks such as ``{\\an8}``)."""
    if "<" not in text and "{" not in text:
        return text
    return _ANY_MARKUP.sub("", text)


def close_open_tags(text: str) -> str:
    """``text`` with every <i>, <b>, <u> left open closed at its end (innermost first)."""
    open_tags: list[str] = []
    for slash, name in STYLE_TAG.findall(text):
        name = name.lower()
        if not slash:
            open_tags.append(name)
        elif name in open_tags:
            del open_tags[len(open_tags) - 1 - open_tags[::-1].index(name)]
    if not open_tags:
        return text
    return text + "".join(f"</{name}>" for name in reversed(open_tags))


def cue_text(lines: list[str]) -> str:
    """The cue's lines as one block without blank lines, tags closed."""
    text = "\n".join(lines)
    if "\n\n" in text or text[:1] == "\n" or text[-1:] == "\n" or (text and text.isspace()):
        text = "\n".join(line for line in text.split("\n") if line.strip())
    if "<" in text:
        text = close_open_tags(text)
    return text


class Repairs:
    """Repairs of the same kind, reported once each with the first line, its example and a count."""

    def __init__(self) -> None:
        self.found: dict[str, list[Any]] = {}

    def add(self, message: str, line: int, example: str = "") -> None:
        """Note a repair; ``example`` (the first one's) is appended to the message when reported."""
        entry = self.found.get(message)
        if entry is None:
            self.found[message] = [line, 1, example]
        else:
            entry[1] += 1

    def report(self) -> None:
        for message, (line, count, example) in sorted(self.found.items(), key=lambda item: item[1][0]):
            text = message + example
            if count > 1:
                text += f" (and {count - 1} more like it)"
            warn(text, line=line)
