"""Cue times after the cuts are chosen: minimum duration into the following silence,
the gap between cues in frames, small gaps closed, never an overlap."""
from __future__ import annotations

from operator import attrgetter

from ..errors import WriteError
from ..model import Cue
from ..timecode import MAX_MS
from .options import SegmentOptions

_LINES = attrgetter("lines")
MAX_LINGER_MS = 1500
"""How long a cue may stay after its speech to be read at the reading speed (BBC's rule)."""


def check_range(low: float, high: float, what: str) -> None:
    """The readers' bound (``timecode.MAX_MS``, about 31.7 years either way) for the segmenter and the
    writers: a transcript built in Python can hold any int, but beyond it floats overflow and clocks
    make no sense. WriteError when ``low`` or ``high`` (the earliest and latest times of ``what``)
    is beyond it."""
    if -MAX_MS <= low and high <= MAX_MS:
        return
    # the latest time when it is beyond the bound (NaN is never within), else the earliest, below it
    value, sign = (high, "") if not high <= MAX_MS else (low, "-")
    if isinstance(value, int) and value.bit_length() > 60:
        shown = f"{sign}an integer of about {int(value.bit_length() * 0.30103) + 1} digits"
    else:
        shown = repr(value)[:40]
    raise WriteError(f"{what}: a time of {shown} ms is out of range",
                     hint="times up to 10^12 ms (about 31 years) either way")


def frames_to_ms(frames: float, fps: float) -> int:
    return round(frames * 1000 / fps)


def finish_timing(cues: list[Cue], options: SegmentOptions) -> None:
    """Adjust cue ends in place (starts stay on the first word: never before the speech).

    Each cue stays long enough to be read at the reading-speed limits, lingering
    at most 1.5 s after its speech, and lasts at least ``min_duration``, where the
    silence after it allows;
    at most its hard duration limit; it ends ``min_gap_frames`` before the next
    cue, and a gap shorter than ``close_gaps_frames`` is closed up to that
    minimum gap.
    """
    fps = options.frame_rate
    gap = frames_to_ms(options.min_gap_frames, fps)
    # a gap shorter than this becomes the minimum gap
    closing = max(gap, frames_to_ms(options.close_gaps_frames, fps))
    min_ms = round(options.min_duration * 1000) if options.min_duration else 0
    limits: dict[int, int | None] = {}  # the duration limit by number of rows
    max_cps, max_wpm = options.max_cps, options.max_wpm
    texts = None
    if max_cps or max_wpm:
        texts = list(map(" ".join, map(_LINES, cues)))  # each cue's text, made in one pass
    last = len(cues) - 1
    for index, cue in enumerate(cues):
        start = cue.start
        end = cue.end
        if end < start:  # pragma: no mutate (equivalent: at <= the end stays)
            end = start
        if texts is not None:
            text = texts[index]
            needed = len(text) * 1000 / max_cps if max_cps else 0.0
            if max_wpm:
                needed = max(needed, len(text.split()) * 60_000 / max_wpm)
            reading_end = start + round(needed + 0.5)
            if end < reading_end:  # pragma: no mutate (equivalent: at <= the end stays)
                end = min(reading_end, end + MAX_LINGER_MS)
        shortest = start + min_ms
        if end < shortest:  # pragma: no mutate (equivalent: at <= the end stays)
            end = shortest
        if index < last:
            next_start = cues[index + 1].start
            if next_start - end < closing:
                end = next_start - gap
            if end < start:  # pragma: no mutate (equivalent: at <= the end stays)
                end = start
            if end > next_start:  # pragma: no mutate (equivalent: at >= the end stays)
                end = next_start
        rows = len(cue.lines) or 1
        if rows not in limits:
            limits[rows] = options.max_duration_ms(rows)
        limit = limits[rows]
        if limit is not None:
            longest = start + limit
            if end > longest:  # pragma: no mutate (equivalent: at >= the end stays)
                end = longest
        cue.end = end
