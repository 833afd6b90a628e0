"""Plain-text transcript, with both providers' options (timestamps, speakers,
highlights only, wrapping)."""
from __future__ import annotations

import textwrap

from ..model import Transcript
from ..timecode import format_clock
from .document import DocumentOptions, paragraphs, timed_runs

Options = DocumentOptions


def write(transcript: Transcript, options: DocumentOptions | None = None) -> str:
    options = options or DocumentOptions()
    every_ms = round(options.timestamps_every * 1000) if options.timestamps_every else None
    blocks = []
    last_mark = -1
    for paragraph in paragraphs(transcript, options):
        parts = []
        runs, last_mark = timed_runs(paragraph.words, every_ms, last_mark)
        for mark, run in runs:
            text = " ".join(w.text for w in run)
            parts.append(f"[{format_clock(mark)}] {text}" if mark is not None else text)
        body = " ".join(parts)
        if options.speakers and paragraph.speaker:
            body = f"{paragraph.speaker}: {body}"
        if options.wrap:
            body = "\n".join(textwrap.wrap(body, options.wrap, break_long_words=False, break_on_hyphens=False))
        if options.timestamps:
            body = f"{format_clock(paragraph.start)}\n{body}"
        blocks.append(body)
    return "\n\n".join(blocks) + "\n" if blocks else ""
