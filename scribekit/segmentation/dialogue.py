"""Two speakers in one cue, the Netflix way: a line each, after a dash.

::

    -Are you coming?
    -In a minute.

Two quick, short turns of different speakers shown apart flicker past (each cue is
on screen for a moment, often under the minimum duration); shown together, the
viewer reads the exchange at once.
"""
from __future__ import annotations

from ..markup import strip_tags
from ..model import Cue
from .language import language_code
from .options import SegmentOptions

DASH = "-"
"""The dialogue dash of Netflix's English guide and most others: a hyphen, no space after it."""

DASHES: dict[str, str] = {"fr": "- ", "ko": "- ", "th": "- ", "zh": "\u2013"}
"""The languages whose Netflix guide writes the dash otherwise: a hyphen and a space
(French, Korean, Thai), an en dash with no space (Chinese)."""

QUICK_TURN_MS = 500
"""The longest pause between two turns that still makes them one exchange (an answer
follows a question in about 200 ms in conversation; 500 ms leaves room for a
recogniser's word times and keeps a real pause apart)."""


def dash_for(language: str | None) -> str:
    """The dialogue dash for ``language`` (a code such as "fr", "fr-CA", "pt_BR"; None: the hyphen)."""
    return DASHES.get(language_code(language), DASH)


def join_dialogue(cues: list[Cue], options: SegmentOptions, language: str | None = None) -> list[Cue]:
    """``cues`` (in time order, each from one speaker turn) with two quick turns of two
    speakers made one cue of two lines, each after the dash of ``options.language``, else of
    ``language`` (the transcript's; see ``dash_for``).

    Two neighbouring cues are joined when: their speakers are known and differ; each
    has one row, and that row with its dash fits ``max_chars_per_row``; the second
    starts at most ``QUICK_TURN_MS`` after the first ends; together they last no
    longer than a two-row cue may, hold no more than ``max_chars_per_subtitle``, and
    do not read faster than ``max_cps`` / ``max_wpm`` where each alone did not; no
    word is a sound event; ``max_rows`` is at least 2. A cue is joined once at most
    (never three turns in one cue).

    The joined cue runs from the first cue's start to the second's end, holds both
    cues' words in order and has no speaker (``speaker=None``): it is two speakers',
    and a writer that names or colours speakers (WebVTT voice tags, TTML colours,
    ASS names) would give both lines to one; the dashes say who speaks. Markup in a
    line (``<i>``) stays in it, after the dash. The input is left as it is.
    """
    if options.max_rows < 2 or len(cues) < 2:
        return list(cues)
    dash = dash_for(options.language or language)
    longest = options.max_duration_ms(2)
    result: list[Cue] = []
    index = 0
    while index < len(cues):
        cue = cues[index]
        # most neighbours are one speaker's (the first test of _joined, made here without a call)
        if index + 1 < len(cues) and cue.speaker != cues[index + 1].speaker:
            joined = _joined(cue, cues[index + 1], dash, longest, options)
            if joined is not None:
                result.append(joined)
                index += 2
                continue
        result.append(cue)
        index += 1
    return result


def _joined(first: Cue, second: Cue, dash: str, longest: int | None, options: SegmentOptions) -> Cue | None:
    """The two cues as one dialogue cue, or None when they may not be joined."""
    if first.speaker is None or second.speaker is None or first.speaker == second.speaker:
        return None
    if len(first.lines) != 1 or len(second.lines) != 1 or first.style != second.style:
        return None
    if second.start - first.end > QUICK_TURN_MS or second.start < first.start:
        return None
    if _has_sound(first) or _has_sound(second):
        return None
    lines = [dash + first.lines[0].strip(), dash + second.lines[0].strip()]
    plain = [strip_tags(line) for line in lines]
    if any(len(line) > options.max_chars_per_row for line in plain):
        return None
    start, end = first.start, max(first.end, second.end)
    if longest is not None and end - start > longest:
        return None
    text = " ".join(plain)
    if options.max_chars_per_subtitle and len(text) > options.max_chars_per_subtitle:
        return None
    if _reads_too_fast(text, end - start, options) and not (
            _reads_too_fast(_plain(first), first.end - first.start, options)
            or _reads_too_fast(_plain(second), second.end - second.start, options)):
        return None
    words = None if first.words is None and second.words is None else [*(first.words or ()), *(second.words or ())]
    return Cue(start, end, lines, None, None, first.style, words=words)


def _has_sound(cue: Cue) -> bool:
    return cue.words is not None and any(word.sound for word in cue.words)


def _plain(cue: Cue) -> str:
    return " ".join(strip_tags(line).strip() for line in cue.lines)


def _reads_too_fast(text: str, duration: int, options: SegmentOptions) -> bool:
    """Whether ``text`` shown for ``duration`` ms reads faster than the reading-speed limits
    (measured as ``lint`` measures them)."""
    if not (options.max_cps or options.max_wpm) or not text:
        return False
    if duration <= 0:
        return True
    if options.max_cps and len(text) * 1000 / duration > options.max_cps:
        return True
    return bool(options.max_wpm and len(text.split()) * 60_000 / duration > options.max_wpm)
