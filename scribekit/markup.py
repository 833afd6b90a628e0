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
    opened: list[str | None] = []  # every opening tag in order, None once closed
    latest: dict[str, list[int]] = {"i": [], "b": [], "u": []}  # where each name's open ones are
    for slash, name in STYLE_TAG.findall(text):
        name = name.lower()
        if not slash:
            latest[name].append(len(opened))
            opened.append(name)
        elif latest[name]:
            opened[latest[name].pop()] = None  # the latest one of that name (linear, however many)
    open_tags = [name for name in opened if name is not None]
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


_EXAMPLE = 80
"""The most characters of a repair's example a warning quotes."""


class Repairs:
    """Repairs of the same kind, reported once each with the first line, its example and a count."""

    def __init__(self) -> None:
        self.found: dict[str, list[Any]] = {}

    def add(self, message: str, line: int, example: str = "") -> None:
        """Note a repair; ``example`` (the first one's, cut to a short excerpt) is appended to the
        message when reported."""
        if len(message) > 2 * _EXAMPLE:  # a message quoting the file (it should not): cut as well
            message = message[:2 * _EXAMPLE - 3] + "..."
        entry = self.found.get(message)
        if entry is None:
            if len(example) > _EXAMPLE:
                example = example[:_EXAMPLE - 3] + "..."
            self.found[message] = [line, 1, example]
        else:
            entry[1] += 1

    def report(self) -> None:
        for message, (line, count, example) in sorted(self.found.items(), key=lambda item: item[1][0]):
            text = message + example
            if count > 1:
                text += f" (and {count - 1} more like it)"
            warn(text, line=line)


# --- writing: text and times every reader takes back ---------------------------------------------

UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""A character no writer puts out as it is: a control character other than tab and the line
ends (NUL stops ffmpeg's reading, XML 1.0 forbids them), a lone surrogate (no encoding holds
it), U+FFFE or U+FFFF (not characters; XML forbids them)."""
_WRITER_CHECK = re.compile(UNWRITABLE.pattern[:-1] + "\r\n]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SPACE_LIKE = frozenset("\x0b\x0c\x1c\x1d\x1e\x1f\x85")
REPLACEMENT = "\ufffd"


class TextRepairs:
    """Text made safe to write, the changes counted and reported once per file (:meth:`report`).

    - a lone surrogate becomes U+FFFD (the replacement character);
    - a control character that is whitespace (vertical tab, form feed, the separators U+001C
      to U+001F, U+0085) becomes a space; any other (NUL, BEL, ESC, DEL, C1 controls) and
      U+FFFE, U+FFFF are left out;
    - in cue lines (:meth:`lines`), a line end (CR, LF, CRLF) inside a line splits it in two.

    Writers of every format share it, so that the behaviour is one: documents and STL may use
    :meth:`text` (or :func:`writable`) on what they write.
    """

    __slots__ = ("surrogates", "controls", "breaks")

    def __init__(self) -> None:
        self.surrogates = 0
        self.controls = 0
        self.breaks = 0

    def text(self, text: str) -> str:
        """``text`` without the characters :data:`UNWRITABLE` matches (line ends are kept)."""
        if UNWRITABLE.search(text) is None:
            return text
        return UNWRITABLE.sub(self._replace, text)

    def _replace(self, match: re.Match[str]) -> str:
        found = match.group()
        if "\ud800" <= found <= "\udfff":
            self.surrogates += 1
            return REPLACEMENT
        self.controls += 1
        return " " if found in _SPACE_LIKE else ""

    def lines(self, lines: list[str]) -> list[str]:
        """Cue lines cleaned as :meth:`text` does, a line holding a line end split at it
        (the same list when nothing needs doing)."""
        for line in lines:
            if _WRITER_CHECK.search(line) is not None:
                break
        else:
            return lines
        out: list[str] = []
        for line in lines:
            if "\r" in line or "\n" in line:
                parts = line.replace("\r\n", "\n").replace("\r", "\n").split("\n")
                self.breaks += len(parts) - 1
                out.extend(self.text(part) for part in parts)
            else:
                out.append(self.text(line))
        return out

    def report(self, what: str = "") -> None:
        """One warning per kind of change made (``what`` says where, e.g. "in the header")."""
        where = f" {what}" if what else ""
        if self.surrogates:
            warn(f"{self.surrogates} lone surrogate(s){where} written as U+FFFD (no encoding can hold them)")
        if self.controls:
            warn(f"{self.controls} control character(s){where} left out (or written as spaces): "
                 "players stop or show garbage at them")
        if self.breaks:
            warn(f"{self.breaks} line end(s) inside a line of text{where} written as line breaks")
        self.surrogates = self.controls = self.breaks = 0


def needs_care(lines: list[str], text: str) -> bool:
    """Whether cue ``lines`` (``text``: them joined with LF) need more than writing as they are: a
    character :data:`UNWRITABLE` matches, a line end inside a line, no text, or a line that is
    blank or whitespace-only, which would end the cue. Cheap, for every cue: text that Python
    calls printable passes at once; a tab, a no-break space, a direction mark, a line starting
    with a space take the careful way, which writes them as they are.
    """
    return not ("".join(lines).isprintable() and text and text[0] != " " and "\n " not in text
                and "" not in lines)


def writable(text: str, what: str = "") -> str:
    """``text`` made safe to write as :class:`TextRepairs` does, each change reported at once
    (for a single value: a title, a language, a document's paragraph)."""
    if UNWRITABLE.search(text) is None:
        return text
    repairs = TextRepairs()
    text = repairs.text(text)
    repairs.report(what)
    return text


def replace_surrogates(text: str) -> str:
    """``text`` with every lone surrogate as U+FFFD, without a warning (the caller counts)."""
    return _SURROGATE.sub(REPLACEMENT, text)


_TOP_OVERRIDE = re.compile(r"\{[^{}]*\\(?:an[789]|a[567])(?![0-9])[^{}]*\}")
"""An ASS override that places a cue at the top: ``{\\an7}``..``{\\an9}`` (numpad), or SSA's
legacy ``{\\a5}``..``{\\a7}``."""
_VTT_LINE = re.compile(r"(?:^|\s)line:(-?\d+(?:\.\d+)?)(%?)")


def shown_at_top(style: dict[str, Any] | None, lines: list[str]) -> bool:
    """Whether a cue is placed at the top of the picture: ``style["position"] == "top"`` (the
    key every reader sets), else what the file it came from said in its own terms: an ASS override
    ``{\\an8}`` in its text (SRT), or WebVTT settings with a ``line`` in the upper half
    (``line:0``, ``line:10%``; a negative line counts from the bottom)."""
    if style:
        position = style.get("position")
        if position is not None:
            return bool(position == "top")
        settings = style.get("vtt_settings")
        if isinstance(settings, str) and "line:" in settings:
            match = _VTT_LINE.search(settings)
            if match:
                value = float(match.group(1))
                return value < 50 if match.group(2) else 0 <= value < 8
    return bool(lines) and "{" in lines[0] and _TOP_OVERRIDE.search(lines[0]) is not None


class TimeClamp:
    """Cue times a format cannot express moved to the nearest it can (a negative time to 0, a
    time past ``highest`` ms to ``highest``), counted and reported once per file.

    ``fmt`` names the format in the warning, ``label`` is how ``highest`` reads in it. A writer
    checks a cue's times with :meth:`fits` (cheap) and clamps the few that do not fit.
    """

    __slots__ = ("fmt", "highest", "label", "low", "high")

    def __init__(self, fmt: str, highest: int | None = None, label: str = "") -> None:
        self.fmt = fmt
        self.highest = highest
        self.label = label or str(highest)
        self.low = 0
        self.high = 0

    def fits(self, start: int, end: int) -> bool:
        highest = self.highest
        return start >= 0 and end >= 0 and (highest is None or (start <= highest and end <= highest))

    def clamp(self, start: int, end: int) -> tuple[int, int]:
        """``start`` and ``end`` within the range (the cue counted when one of them moves)."""
        if start < 0 or end < 0:
            self.low += 1
            start, end = max(start, 0), max(end, 0)
        highest = self.highest
        if highest is not None and (start > highest or end > highest):
            self.high += 1
            start, end = min(start, highest), min(end, highest)
        return start, end

    def report(self) -> None:
        if self.low:
            warn(f"{self.low} cue(s) with a negative time written with 0 instead ({self.fmt} has no negative times)")
        if self.high:
            warn(f"{self.high} cue(s) with a time past {self.label} written with {self.label} instead "
                 f"({self.fmt} cannot write later times)")
        self.low = self.high = 0
