"""The marks a convention writes: pauses from the silence between words, and inaudible passages
(see :mod:`scribekit.conventions` for the rules and their sources)."""
from __future__ import annotations

from ..model import Word
from .clean import split_punctuation

__all__ = ["PAUSE_FLOOR_MS", "inaudible_mark", "mark_inaudible", "pause_mark", "with_pauses"]

PAUSE_FLOOR_MS = 100
"""No pause mark for a silence shorter than this: the gaps a speech recogniser leaves between
the words of fluent speech (a few to a few tens of milliseconds) are no pauses."""


def pause_mark(convention: str, silence_ms: int) -> str | None:
    """The mark ``convention`` writes for a silence of ``silence_ms`` inside a turn, or None.

    ``dresing-pehl``: whole seconds, rounded down: none under 1 s, ``(.)`` 1 s, ``(..)`` 2 s,
    ``(...)`` 3 s, ``(4)``, ``(5)``, ... from 4 s. ``gat2``: ``(.)`` up to 0.2 s, ``(-)`` up to 0.5 s,
    ``(--)`` up to 0.8 s, ``(---)`` up to 1.0 s, then the seconds with one decimal (``(1.3)``).
    ``jefferson-lite``: ``(.)`` under 0.2 s, then tenths of a second (``(0.2)``, ``(1.5)``).
    None under :data:`PAUSE_FLOOR_MS` in each."""
    if not silence_ms >= PAUSE_FLOOR_MS or silence_ms == float("inf"):  # NaN and infinity too
        return None
    silence_ms = int(silence_ms)
    if convention == "dresing-pehl":
        seconds = silence_ms // 1000
        if seconds == 0:
            return None
        return f"({'.' * seconds})" if seconds <= 3 else f"({seconds})"
    if convention == "gat2":
        for limit, mark in ((200, "(.)"), (500, "(-)"), (800, "(--)"), (1000, "(---)")):
            if silence_ms <= limit:
                return mark
        return _tenths(silence_ms)
    if convention == "jefferson-lite":
        return "(.)" if silence_ms < 200 else _tenths(silence_ms)
    return None


def _tenths(ms: int) -> str:
    tenths = (ms + 50) // 100
    return f"({tenths // 10}.{tenths % 10})"


def inaudible_mark(convention: str | None, start_ms: int) -> str:
    """The mark for an inaudible passage starting at ``start_ms``: ``(inaudible hh:mm:ss)``;
    under ``dresing-pehl`` ``(unv. #hh:mm:ss-t#)``; under ``gat2`` and ``jefferson-lite`` ``( )``."""
    if convention in ("gat2", "jefferson-lite"):
        return "( )"
    start_ms = int(start_ms) if start_ms == start_ms and abs(start_ms) != float("inf") else 0
    if convention == "dresing-pehl":
        from ..formats.maxqda import timestamp

        return f"(unv. {timestamp(start_ms)})"
    from ..timecode import format_clock

    return f"(inaudible {format_clock(max(start_ms, 0))})"


def mark_inaudible(words: list[Word], silence: list[int], threshold: float,
                   convention: str | None) -> tuple[list[Word], list[int]]:
    """Each run of consecutive words whose confidence is below ``threshold`` as one mark spanning
    the run; the punctuation the run's last word ended with stays after the mark."""
    out: list[Word] = []
    out_silence: list[int] = []
    run: list[Word] = []

    def close() -> None:
        start = run[0].start
        trail = split_punctuation(run[-1].text.rstrip())[2]
        out.append(Word(inaudible_mark(convention, start) + trail, start, max(start, run[-1].end)))
        run.clear()

    for word, quiet in zip(words, silence):
        confidence = word.confidence
        low = not word.sound and isinstance(confidence, (int, float)) and confidence < threshold
        if low:
            if not run:
                out_silence.append(quiet)
            run.append(word)
            continue
        if run:
            close()
        out.append(word)
        out_silence.append(quiet)
    if run:
        close()
    return out, out_silence


def with_pauses(words: list[Word], silence: list[int], convention: str) -> list[Word]:
    """``words`` with a pause mark (a Word spanning the gap, no confidence) between two words
    where the silence between them asks for one."""
    out: list[Word] = []
    for word, quiet in zip(words, silence):
        if out and quiet >= PAUSE_FLOOR_MS:
            previous = out[-1]
            gap = word.start - previous.end
            mark = pause_mark(convention, min(quiet, gap)) if gap > 0 else None
            if mark:
                out.append(Word(mark, previous.end, word.start))
        out.append(word)
    return out
