"""Plain-text transcript, with both providers' options (timestamps, speakers,
highlights, comments, low-confidence marks, wrapping).

Marks in plain text: ``==highlighted passage==``, ``word(?)`` for a word below the
confidence threshold, ``[comment: label]`` where a highlight's passage ends and
``[HH:MM:SS]`` for the interval timestamps.
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
    return "\n\n".join(out) + "\n" if out else ""
