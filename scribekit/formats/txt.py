"""Plain-text transcript, with both providers' options (timestamps, speakers,
highlights, comments, low-confidence marks, wrapping).

Marks in plain text: ``==highlighted passage==``, ``word(?)`` for a word below the
confidence threshold, ``[comment: label]`` where a highlight's passage ends and
``[HH:MM:SS]`` for the interval timestamps.

Line numbers (``line_numbers=N``) count the lines of text as written: each speaker turn is
one line, or the lines ``wrap`` makes of it, and a turn's timestamp line counts too. The
title and header and the blank lines between turns are not counted (as qualitative
research transcripts number them). Every Nth line shows its number, right-aligned in a
gutter as wide as the largest number shown and two spaces; the other lines, the header
included, start with the blank gutter, so the text column stays in place. The numbers run
on through the document (a text file has no pages: ``line_numbers_restart`` changes
nothing); ``wrap`` counts the text, not the gutter. The number opens its line whatever the
script: an editor that sets a right-to-left line from the right shows it there.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from ..model import Transcript
from ..timecode import format_clock
from . import describe
from ._document import Block, DocumentOptions, blocks, document_title, header_fields, reporting, shows_header

FORMAT = describe(__name__, name="txt", title="Plain text transcript", extensions=("txt",), kind="document",
                  aliases=("text",), priority=80)


@dataclass(frozen=True)
class TextOptions(DocumentOptions):
    wrap: int | None = field(default=None, metadata={"help": "wrap lines at N characters"})

    def __post_init__(self) -> None:
        super().__post_init__()
        from ..errors import OptionError

        if self.wrap is not None and self.wrap < 1:
            raise OptionError(f"wrap must be at least 1, not {self.wrap}")


Options = TextOptions


def _body(block: Block) -> str:
    items = [(mark if i == 0 else None, token) for mark, run in block.runs for i, token in enumerate(run)]
    parts: list[str] = []
    in_highlight = False
    for n, (mark, token) in enumerate(items):
        if mark is not None:
            if in_highlight:
                parts.append("==")
                in_highlight = False
            parts.append(f"{' ' if parts else ''}[{format_clock(mark)}] ")
        elif token.space:
            parts.append(" ")
        if token.highlighted and not in_highlight:
            parts.append("==")
            in_highlight = True
        parts.append(token.text + "(?)" if token.low else token.text)
        if in_highlight:
            following = items[n + 1] if n + 1 < len(items) else None
            if token.comments or following is None or following[0] is not None or not following[1].highlighted:
                parts.append("==")
                in_highlight = False
        if token.comments:
            parts.extend(f" [comment: {comment}]" for comment in token.comments)
    return "".join(parts)


@reporting
def write(transcript: Transcript, options: DocumentOptions | None = None) -> str:
    options = options or TextOptions()
    wrap = getattr(options, "wrap", None)
    out = []
    if shows_header(options, default=False):
        lines = [document_title(transcript, options)]
        lines += [f"{label}: {value}" for label, value in header_fields(transcript)]
        out.append("\n".join(lines))
    for block in blocks(transcript, options):
        body = _body(block)
        if options.speakers and block.speaker:
            body = f"{block.speaker}: {body}"
        if wrap:
            body = "\n".join(textwrap.wrap(body, wrap, break_long_words=False, break_on_hyphens=False))
        if options.timestamps:
            body = f"{format_clock(block.start)}\n{body}"
        out.append(body)
    if options.line_numbers and out:
        return number_lines(out, options.line_numbers, numbered_from=1 if shows_header(options, False) else 0)
    return "\n\n".join(out) + "\n" if out else ""


def number_lines(sections: list[str], every: int, numbered_from: int = 0) -> str:
    """The sections (each a line or more, one blank line between them) with a line-number gutter:
    the lines of ``sections[numbered_from:]`` counted from 1, every ``every``-th showing its number."""
    counted = sum(section.count("\n") + 1 for section in sections[numbered_from:])
    width = len(str(max(counted // every * every, 1)))
    blank = " " * (width + 2)
    out: list[str] = []
    number = 0
    for n, section in enumerate(sections):
        lines = section.split("\n")
        if n < numbered_from:
            out.append("\n".join(blank + line for line in lines))
            continue
        numbered = []
        for line in lines:
            number += 1
            numbered.append(f"{number:>{width}}  {line}" if number % every == 0 else blank + line)
        out.append("\n".join(numbered))
    return "\n\n".join(out) + "\n"
