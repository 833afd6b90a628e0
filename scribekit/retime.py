"""Timing operations: pure functions over cues and words that return new ones.

Two kinds of operation, run in this order (``ORDER``):

1. **Time maps** (:func:`map_times`), applied to every time of a transcript (cues, their words,
   the segments' words, highlights), in this order:

   - ``sync``: one point ``A=B`` (the time ``A`` in the file is the time ``B`` in the media) is a
     shift by ``B - A``; two points map the file linearly through both, exactly;
   - ``fps``: frame-rate conversion, every time multiplied by ``fps_from / fps_to`` with the exact
     rates (23.976 is 24000/1001): 23.976 to 25 is the PAL speed-up, times get shorter;
   - ``speed``: a percentage, 100 unchanged; above 100 plays faster, so times shrink
     (``t * 100 / speed``);
   - ``shift``: milliseconds added.

   The four compose into one exact linear map (fractions), and each time is rounded once, to the
   nearest millisecond, halves away from zero: a shift and the shift back give every time back,
   23.976 to 25 and back gives every time within 1 ms.

2. **Cue timing** (:func:`retime_cues`), on a list of cues, at the frame rate ``fps`` (default 25):
   ``shot-changes`` (Netflix's rules), ``snap-frames``, ``min-gap``, ``close-gap``, then
   ``overlap``. Each change is reported as a :class:`~scribekit.changes.Change`.

Times are integer milliseconds. Bad options raise :class:`~scribekit.errors.OptionError`.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from .changes import Change
from .errors import OptionError, cue_list, warn
from .model import Cue, Highlight, Segment, Transcript, Word
from .timecode import MAX_MS, FrameRate, clock, format_vtt, frame_spans, number_excerpt

if TYPE_CHECKING:
    from collections.abc import Sequence

ORDER: tuple[str, ...] = ("sync", "fps", "speed", "shift", "shot-changes", "snap-frames", "min-gap",
                          "close-gap", "overlap")
"""The timing operations in the order they run: the time maps of :func:`map_times`, then the cue
steps of :func:`retime_cues`."""

DEFAULT_FPS = 25
SHOT_CHANGE_FRAMES = 12
"""Netflix's window around a shot change (half a second at 24 frames a second)."""
SHOT_CHANGE_OUT_FRAMES = 2
"""Where Netflix wants an out-time near a shot change: this many frames before it."""

_RANGE_HINT = "scribekit handles times up to 10^12 ms, about 31 years, either way"
_TIME_HINT = ("a time is seconds (1.5), with a unit (-1.5s, 500ms, 2m, 1h, 12f for frames), a clock "
              "(00:00:02,500, 1:02.5) or SMPTE timecode (00:00:02:12, drop-frame 00:00:02;12)")


# --- parsing times -----------------------------------------------------------------------------

_NUMBER = r"\d+(?:\.\d+)?"
_PLAIN = re.compile(r"\d+(?:\.\d+)?|\.\d+", re.ASCII)
_UNITS = re.compile(rf"(?:(?P<h>{_NUMBER})\s*h)?\s*(?:(?P<m>{_NUMBER})\s*(?:min|m))?\s*"
                    rf"(?:(?P<s>{_NUMBER})\s*s)?\s*(?:(?P<ms>{_NUMBER})\s*ms)?\s*(?:(?P<f>\d+)\s*f)?", re.ASCII)
_CLOCK = re.compile(r"(?:(?P<h>\d+):)?(?P<m>\d+):(?P<s>\d\d?)(?:[.,](?P<frac>\d+))?", re.ASCII)
_SMPTE = re.compile(r"\d\d?:\d\d:\d\d[:;]\d\d", re.ASCII)
_UNIT_MS = {"h": 3_600_000, "m": 60_000, "s": 1000, "ms": 1}


def _shown(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:30] + "...")


def _round(value: Fraction) -> int:
    """``value`` to the nearest integer, halves away from zero."""
    numerator, denominator = value.numerator, value.denominator
    if numerator >= 0:
        return (2 * numerator + denominator) // (2 * denominator)
    return -((denominator - 2 * numerator) // (2 * denominator))


def _rate(fps: float | None, what: str = "fps") -> FrameRate:
    """The exact frame rate of ``fps`` (default 25); OptionError when it is none."""
    if fps is None:
        return FrameRate(DEFAULT_FPS)
    if isinstance(fps, bool) or not isinstance(fps, (int, float, Fraction)) or not 0 < fps < 10**6:
        raise OptionError(f"{what} must be a frame rate above 0 (e.g. 23.976, 25), not {number_excerpt(fps)}")
    try:
        return FrameRate.of(fps)
    except ValueError:
        raise OptionError(f"{what} {number_excerpt(fps)} is not a frame rate (e.g. 23.976, 25)") from None


def parse_time(text: str, fps: float | None = None) -> int:
    """The signed time ``text`` names, in milliseconds.

    Accepted: seconds (``1.5``, ``-1.5s``, ``+2s``), other units (``500ms``, ``2m``, ``1h``,
    combined as ``1m30s``), frames at ``fps`` (``12f``; default 25 frames a second, 23.976 being
    24000/1001 exactly), a clock (``00:00:02,500``, ``00:00:02.500``, ``1:02.5``,
    ``-00:01:00.000``) or SMPTE timecode at ``fps`` (``00:00:02:12``; drop-frame ``00:00:02;12``
    at 29.97 and 59.94 only). A leading ``-`` or ``+`` gives the sign. The exact value is rounded
    to the nearest millisecond, halves away from zero. OptionError naming ``text`` for anything
    else (empty, NaN, infinities, a time beyond 10^12 ms).
    """
    if not isinstance(text, str):
        raise OptionError(f"{text!r} is not a time", hint=_TIME_HINT)
    body = text.strip()
    if len(body) > 40:
        raise OptionError(f"{_shown(text)} is not a time (too long)", hint=_TIME_HINT)
    sign = -1 if body[:1] == "-" else 1
    if body[:1] in "+-" and body:
        body = body[1:].lstrip()
    if not body:
        raise OptionError(f"{text!r} is not a time (empty)", hint=_TIME_HINT)
    value: Fraction | None = None
    if _PLAIN.fullmatch(body):
        value = Fraction(body) * 1000
    elif _SMPTE.fullmatch(body):
        rate = _rate(fps)
        try:
            frames = rate.parse(body, drop_frame=None)
        except ValueError as exc:
            raise OptionError(f"{_shown(text)} is not a time: {exc}") from None
        value = Fraction(frames * 1000 * rate.denominator, rate.numerator)
    elif match := _CLOCK.fullmatch(body):
        hours, minutes, seconds, fraction = match.group("h", "m", "s", "frac")
        if int(seconds) > 59 or (hours is not None and int(minutes) > 59):
            raise OptionError(f"{_shown(text)} is not a time (minutes and seconds go up to 59)", hint=_TIME_HINT)
        value = (Fraction(int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds))
                 + (Fraction(int(fraction), 10 ** len(fraction)) if fraction else 0)) * 1000
    elif (match := _UNITS.fullmatch(body)) and any(match.groups()):
        value = Fraction(0)
        for unit, factor in _UNIT_MS.items():
            if match.group(unit):
                value += Fraction(match.group(unit)) * factor
        if match.group("f"):
            rate = _rate(fps)
            value += Fraction(int(match.group("f")) * 1000 * rate.denominator, rate.numerator)
    if value is None:
        raise OptionError(f"{_shown(text)} is not a time", hint=_TIME_HINT)
    ms = sign * _round(value)
    if not -MAX_MS <= ms <= MAX_MS:
        raise OptionError(f"{_shown(text)} is out of range", hint=_RANGE_HINT)
    return ms


def parse_sync_point(text: str, fps: float | None = None) -> tuple[int, int]:
    """``"A=B"``: the time ``A`` in the file and the time ``B`` it should be (each as
    :func:`parse_time` reads it), in ms. OptionError naming ``text`` for anything else."""
    parts = text.split("=") if isinstance(text, str) else []
    if len(parts) != 2:
        raise OptionError(f"{_shown(str(text))} is not a sync point: write FILE_TIME=TRUE_TIME "
                          "(e.g. 00:01:02,000=00:01:03,500)")
    return parse_time(parts[0], fps), parse_time(parts[1], fps)


# --- the options -------------------------------------------------------------------------------

def _check_int(value: Any, what: str, low: int, high: int = MAX_MS) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise OptionError(f"{what} must be a whole number, not {number_excerpt(value)}")
    if not low <= value <= high:
        raise OptionError(f"{what} of {number_excerpt(value)} is out of range (from {low} to {high})")


def _positive(value: Any, what: str) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float, Fraction)) or not 0 < value < math.inf:
        raise OptionError(f"{what} must be a number above 0, not {number_excerpt(value)}")


def _exact(value: float | Fraction) -> Fraction:
    """A float as the decimal it is written as (104.27, not its binary approximation)."""
    return Fraction(repr(value)) if isinstance(value, float) else Fraction(value)


@dataclass(frozen=True)
class Retiming:
    """What to do to the times, checked when made (OptionError naming the option).

    The time maps (:func:`map_times`): ``sync`` (at most two points ``(file time, true time)`` in
    ms), ``fps_from``/``fps_to`` (both or neither), ``speed`` (percent, 100 unchanged), ``shift``
    (ms). The cue steps (:func:`retime_cues`), at ``fps`` frames a second (default 25):
    ``shot_changes`` (ms), ``snap_frames``, ``min_gap_frames``, ``close_gaps_frames``;
    ``min_duration_ms`` is the shortest a shot-change move or the minimum gap may make a cue;
    ``shot_change_frames`` the window around a shot change (Netflix: 12 frames, half a second at
    24 frames a second; they scale it to 15 at 30).
    """

    sync: tuple[tuple[int, int], ...] = ()
    fps_from: float | None = None
    fps_to: float | None = None
    speed: float | None = None
    shift: int = 0
    shot_changes: tuple[int, ...] = ()
    snap_frames: bool = False
    min_gap_frames: int = 0
    close_gaps_frames: int = 0
    fps: float | None = None
    min_duration_ms: int = 0
    shot_change_frames: int = SHOT_CHANGE_FRAMES

    def __post_init__(self) -> None:
        sync = tuple(tuple(point) for point in self.sync)
        if len(sync) > 2:
            raise OptionError(f"sync takes one or two points, not {len(sync)}")
        for point in sync:
            if len(point) != 2:
                raise OptionError(f"a sync point is (file time, true time), not {point!r}")
            for value in point:
                _check_int(value, "a sync time", -MAX_MS)
        if len(sync) == 2:
            (file_a, true_a), (file_b, true_b) = sync
            if file_a == file_b:
                raise OptionError(f"the two sync points have the same file time ({format_vtt(file_a)})")
            if (true_b - true_a) * (file_b - file_a) <= 0:
                raise OptionError("the two sync points would reverse or stop time (the later file time must "
                                  "map to the later true time)")
        object.__setattr__(self, "sync", sync)
        if (self.fps_from is None) != (self.fps_to is None):
            raise OptionError("fps_from and fps_to go together (e.g. fps_from=23.976, fps_to=25)")
        for name in ("fps_from", "fps_to", "fps"):
            value = getattr(self, name)
            if value is not None:
                _positive(value, name)
                _rate(value, name)
        if self.speed is not None:
            _positive(self.speed, "speed")
        _check_int(self.shift, "shift", -MAX_MS)
        shots = tuple(self.shot_changes)
        for value in shots:
            _check_int(value, "a shot change", 0)
        object.__setattr__(self, "shot_changes", tuple(sorted(set(shots))))
        if not isinstance(self.snap_frames, bool):
            raise OptionError(f"snap_frames is true or false, not {self.snap_frames!r}")
        for name in ("min_gap_frames", "close_gaps_frames", "shot_change_frames"):
            _check_int(getattr(self, name), name, 0, 10**6)
        _check_int(self.min_duration_ms, "min_duration_ms", 0)

    @property
    def maps_times(self) -> bool:
        """Whether :func:`map_times` has anything to do (sync, frame rates, speed or shift)."""
        return bool(self.sync) or self.fps_from is not None or self.speed is not None or self.shift != 0

    @property
    def changes_cues(self) -> bool:
        """Whether :func:`retime_cues` has anything to do (shot changes, snapping or gaps)."""
        return bool(self.shot_changes) or self.snap_frames or bool(self.min_gap_frames or self.close_gaps_frames)

    def linear_map(self) -> tuple[Fraction, Fraction]:
        """The time maps as one exact ``(slope, offset)``: a time ``t`` goes to ``t * slope + offset``."""
        slope, offset = Fraction(1), Fraction(0)
        if len(self.sync) == 1:
            offset = Fraction(self.sync[0][1] - self.sync[0][0])
        elif len(self.sync) == 2:
            (file_a, true_a), (file_b, true_b) = self.sync
            slope = Fraction(true_b - true_a, file_b - file_a)
            offset = true_a - file_a * slope
        if self.fps_from is not None and self.fps_to is not None:
            ratio = _rate(self.fps_from).fps / _rate(self.fps_to).fps
            slope, offset = slope * ratio, offset * ratio
        if self.speed is not None:
            ratio = 100 / _exact(self.speed)
            slope, offset = slope * ratio, offset * ratio
        return slope, offset + self.shift


# --- time maps ---------------------------------------------------------------------------------

class _Map:
    """``t -> round(t * slope + offset)`` in integer arithmetic: ``(t * n + m) // d`` is
    ``floor(x + 1/2)``, the rounding half away from zero for every ``x >= 0``; a result at or below
    0 is worked out again exactly (it is clamped or dropped anyway, but counts in the warning)."""

    def __init__(self, slope: Fraction, offset: Fraction) -> None:
        numerator = slope.numerator * offset.denominator
        constant = offset.numerator * slope.denominator
        denominator = slope.denominator * offset.denominator
        self.exact = (numerator, constant, denominator)
        self.n, self.m, self.d = 2 * numerator, 2 * constant + denominator, 2 * denominator

    def many(self, times: list[int]) -> list[int]:
        n, m, d = self.n, self.m, self.d
        if d == 2 and n == 2:  # a shift: exact
            shift = (m - 1) // 2
            return [t + shift for t in times]
        result = [(t * n + m) // d for t in times]
        if result and min(result) <= 0:
            numerator, constant, denominator = self.exact
            result = [_round(Fraction(times[i] * numerator + constant, denominator)) if value <= 0 else value
                      for i, value in enumerate(result)]
        return result


def _out_of_range(what: str, value: int) -> OptionError:
    return OptionError(f"the retiming takes {what} to {number_excerpt(value)} ms, out of range", hint=_RANGE_HINT)


def _check(times: list[int], what: str, names: Sequence[str] | None = None) -> None:
    if not times:
        return
    high, low = max(times), min(times)
    if high > MAX_MS or low < -MAX_MS:
        index = times.index(high if high > MAX_MS else low)
        raise _out_of_range(names[index] if names else what, times[index])


def _map_words(words: list[Word], mapping: _Map, counts: list[int]) -> list[Word]:
    """``words`` mapped; those that end before 0 (or at 0, from before it) dropped, starts before 0
    at 0 (counted)."""
    starts = mapping.many([w.start for w in words])
    ends = mapping.many([w.end for w in words])
    _check(starts + ends, "a word")
    result = []
    for word, start, end in zip(words, starts, ends):
        if end < 0 or (end == 0 and start < 0):  # nothing of it left at or after 0
            counts[1] += 1
            continue
        if start < 0:
            counts[0] += 1
            start = 0
        result.append(Word(word.text, start, end, word.confidence, word.extra, word.cue_end, word.sound))
    return result


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' if number != 1 else ''}"


def _report(clamped: list[int], dropped: list[int], noun: str) -> None:
    """Warnings naming the cues (events) the map took before 0 (moved to 0) or dropped."""
    for numbers, what in ((clamped, "to start before 0: moved to 0"), (dropped, "to end at or before 0: dropped")):
        if numbers:
            listed = cue_list(numbers).replace("cue", noun)
            warn(f"the retiming takes {_count(len(numbers), noun)} ({listed}) {what}")


def map_times(transcript: Transcript, retiming: Retiming) -> Transcript:
    """``transcript`` with every time mapped by ``retiming``'s sync, frame-rate conversion, speed and
    shift, in that order (see the module's docstring): cues, the cues' words, the segments' words,
    highlights. The transcript given is not changed; what the map leaves alone is shared.

    A time the map takes below 0 becomes 0, and a cue (word, highlight) that the map makes end
    before 0, or at 0 from a start before it (nothing of it left to show), is dropped, each with a
    warning saying how many. OptionError when the map takes a
    time beyond 10^12 ms (``timecode.MAX_MS``).
    """
    if not retiming.maps_times:
        return transcript
    mapping = _Map(*retiming.linear_map())
    clamped: list[int] = []
    dropped: list[int] = []
    word_counts = [0, 0, 0]  # words moved to 0, words dropped, highlights dropped
    cues = transcript.cues
    if cues is not None:
        starts = mapping.many([cue.start for cue in cues])
        ends = mapping.many([cue.end for cue in cues])
        for times in (starts, ends):
            high, low = max(times, default=0), min(times, default=0)
            if high > MAX_MS or low < -MAX_MS:
                index = times.index(high if high > MAX_MS else low)
                raise _out_of_range(f"cue {index + 1}", times[index])
        new_cues = []
        for number, (cue, start, end) in enumerate(zip(cues, starts, ends), 1):
            if end < 0 or (end == 0 and start < 0):
                dropped.append(number)
                continue
            if start < 0:
                clamped.append(number)
                start = 0
            words = cue.words
            if words:
                words = _map_words(words, mapping, word_counts)
            new_cues.append(Cue(start, end, cue.lines, cue.speaker, cue.identifier, cue.style, words))
        cues = new_cues
    segments = []
    for segment in transcript.segments:
        if not segment.words:
            segments.append(segment)
            continue
        words = _map_words(segment.words, mapping, word_counts)
        if words:
            segments.append(Segment(segment.speaker, words))
    highlights = []
    if transcript.highlights:
        starts = mapping.many([h.start for h in transcript.highlights])
        ends = mapping.many([h.end for h in transcript.highlights])
        _check(starts + ends, "a highlight")
        for highlight, start, end in zip(transcript.highlights, starts, ends):
            if end < 0 or (end == 0 and start < 0):
                word_counts[2] += 1
                continue
            highlights.append(Highlight(max(start, 0), end, highlight.label, highlight.extra))
    _report(clamped, dropped, "cue")
    if word_counts[0]:
        warn(f"the retiming takes {_count(word_counts[0], 'word')} to start before 0: moved to 0")
    if word_counts[1]:
        warn(f"the retiming takes {_count(word_counts[1], 'word')} to end at or before 0: dropped")
    if word_counts[2]:
        warn(f"the retiming takes {_count(word_counts[2], 'highlight')} to end at or before 0: dropped")
    return Transcript(segments, transcript.speakers, highlights, transcript.metadata, cues)


# --- cue timing --------------------------------------------------------------------------------

def _span(start: int, end: int) -> str:
    return f"{format_vtt(start)} --> {format_vtt(end)}"


def _placement(cue: Cue) -> Any:
    return (cue.style or {}).get("position")


class _Frames:
    """Frame arithmetic at one rate: ``shorter`` compares a stretch of time with a number of frames
    (on frame indices when the times are snapped, exactly otherwise), ``back`` is a time some
    frames before another."""

    def __init__(self, rate: FrameRate, snapped: bool) -> None:
        self.rate = rate
        self.snapped = snapped
        self.num, self.scale = rate.numerator, rate.denominator * 1000

    def shorter(self, start: int, end: int, frames: int) -> bool:
        if self.snapped:
            return self.rate.frames(end) - self.rate.frames(start) < frames
        return (end - start) * self.num < frames * self.scale

    def at_least(self, start: int, ms: int) -> int:
        """The earliest end a cue starting at ``start`` may have to last ``ms`` and a frame at
        least (on a frame boundary when the times are snapped)."""
        if self.snapped:
            return self.rate.ms(self.rate.frames(start) + max(1, -(-ms * self.num // self.scale)))
        return start + max(ms, self.rate.ms(1))

    def back(self, time: int, frames: int) -> int:
        if self.snapped:
            return self.rate.ms(self.rate.frames(time) - frames)
        return time - -(-frames * self.scale // self.num)  # whole ms, at least the frames' length


def retime_cues(cues: list[Cue], retiming: Retiming) -> tuple[list[Cue], list[Change]]:
    """``cues`` re-timed by ``retiming``'s cue steps, with a :class:`Change` for each cue a step
    moved. The steps run in this order, at ``retiming.fps`` frames a second (default 25), each on
    the cues ordered by start (the list returned keeps the order given):

    - **shot changes** (rules ``shot-change-in``, ``shot-change-out``; Netflix's timing rules):
      an in-time fewer than ``shot_change_frames`` (12) frames before or after a shot change moves
      onto it (the nearest one; the earlier on a tie); an out-time fewer than 12 frames before a
      shot change, or on it or fewer than 12 frames after it, moves to 2 frames before it. A move
      is not made (the time stays) where it would make the cue shorter than ``min_duration_ms``
      (a cue already shorter may still grow), end it at or before its start, or make it overlap its
      neighbour. A cue crossing a shot change in its first and last frames cannot have both moves:
      it keeps the one that leaves it longer (the in-time's on a tie);
    - **snap-frames**: every time onto the nearest frame boundary (``timecode.frame_spans``): no
      two cues that did not overlap come to overlap, and a cue that lasted any time lasts a frame
      at least (a cue of no duration stays a point);
    - **min-gap**: a cue ending fewer than ``min_gap_frames`` before the next one starts ends that
      many frames before it, but never shorter than ``min_duration_ms`` or one frame (a warning
      names the cues whose gap stays smaller);
    - **close-gap**: a gap shorter than ``close_gaps_frames`` is closed to the minimum gap (the
      cue ends later);
    - **overlap**: a cue that ends after the next one starts ends the minimum gap before it (or
      where it starts, when the gap does not fit).

    Overlapping cues in the input: a pair of cues that overlapped in the cues given and are shown
    together on purpose (placed apart, with ``style["position"]``, or one within the other:
    starting together, or the later ending no later than the earlier) is left overlapping by every
    step; another overlap there (a cue running into the next one, which outlasts it) is cut by the
    ``overlap`` step. Without overlaps in the input, none comes out.

    A Change's ``cue`` is the cue's number from 1 in ``cues``, ``before``/``after`` its times as
    ``HH:MM:SS.mmm --> HH:MM:SS.mmm`` before and after that step. New Cue objects are made only for
    the cues that change; ``cues`` is not modified. Words of a cue keep their times.
    """
    if not retiming.changes_cues or not cues:
        return list(cues), []
    rate = _rate(retiming.fps)
    order = sorted(range(len(cues)), key=lambda i: cues[i].start)
    starts = [cues[i].start for i in order]
    ends = [cues[i].end for i in order]
    last = len(order) - 1
    together = [ends[k] > starts[k + 1] and (
        _placement(cues[order[k]]) != _placement(cues[order[k + 1]])
        or starts[k] == starts[k + 1] or ends[k + 1] <= ends[k]) for k in range(last)]
    changes: list[Change] = []

    def record(rule: str, k: int, start: int, end: int) -> None:
        index = order[k]
        changes.append(Change(rule, index + 1, cues[index].start, _span(starts[k], ends[k]), _span(start, end)))
        starts[k], ends[k] = start, end

    if retiming.shot_changes:
        _shot_changes(starts, ends, retiming, rate, record)
    if retiming.snap_frames:
        spans = frame_spans(list(zip(starts, ends)), rate)
        for k, (first, final) in enumerate(spans):
            start, end = rate.ms(first), rate.ms(final)
            if (start, end) != (starts[k], ends[k]):
                record("snap-frames", k, start, end)
    frames = _Frames(rate, retiming.snap_frames)
    gap_frames = retiming.min_gap_frames
    narrow: list[int] = []
    if gap_frames or retiming.close_gaps_frames:
        for k in range(last):
            start, end, following = starts[k], ends[k], starts[k + 1]
            if end > following or end <= start:
                continue
            if gap_frames and frames.shorter(end, following, gap_frames):
                target = max(frames.back(following, gap_frames), frames.at_least(start, retiming.min_duration_ms))
                if target < end:
                    record("min-gap", k, start, target)
                if frames.shorter(ends[k], following, gap_frames):
                    narrow.append(order[k] + 1)
            elif retiming.close_gaps_frames and frames.shorter(end, following, retiming.close_gaps_frames):
                target = frames.back(following, gap_frames) if gap_frames else following
                if target > end:
                    record("close-gap", k, start, target)
    stuck: list[int] = []
    for k in range(last):
        start, end, following = starts[k], ends[k], starts[k + 1]
        if end <= following or together[k]:
            continue
        target = frames.back(following, gap_frames) if gap_frames else following
        if target <= start:
            target = following
        if target <= start:
            stuck.append(order[k] + 1)
            continue
        record("overlap", k, start, target)
    if narrow:
        warn(f"{cue_list(sorted(narrow))}: too close to the next cue for a gap of {gap_frames} frames "
             "without going below the minimum duration; the gap stays smaller")
    if stuck:
        warn(f"{cue_list(sorted(stuck))}: start{'s' if len(stuck) == 1 else ''} with the next cue; "
             "left overlapping it")
    changed = {order[k]: (starts[k], ends[k]) for k in range(len(order))
               if (starts[k], ends[k]) != (cues[order[k]].start, cues[order[k]].end)}
    result = list(cues)
    for index, (start, end) in changed.items():
        result[index] = replace(cues[index], start=start, end=end)
    return result, changes


def _shot_changes(starts: list[int], ends: list[int], retiming: Retiming, rate: FrameRate,
                  record: Any) -> None:
    """The shot-change step of :func:`retime_cues` on the cues' times ordered by start."""
    window = retiming.shot_change_frames
    shots = sorted({rate.frames(time) for time in retiming.shot_changes})
    if not window or not shots:
        return
    count = len(starts)
    wanted_starts: list[int | None] = [None] * count
    wanted_ends: list[int | None] = [None] * count
    for k in range(count):
        start, end = starts[k], ends[k]
        if end <= start:
            continue
        first = rate.frames(start)
        nearest: int | None = None
        for shot in shots[max(bisect_left(shots, first - window + 1), 0):bisect_left(shots, first + window)]:
            if nearest is None or abs(first - shot) < abs(first - nearest):
                nearest = shot
        if nearest is not None and nearest != first:
            wanted_starts[k] = rate.ms(nearest)
        final = rate.frames(end)
        target: int | None = None
        for shot in shots[bisect_left(shots, final - window + 1):bisect_left(shots, final + window)]:
            if shot - final >= window:
                continue
            goal = shot - SHOT_CHANGE_OUT_FRAMES
            if target is None or abs(final - goal) <= abs(final - target):
                target = goal
        if target is not None and target != final:
            wanted_ends[k] = rate.ms(target)
    blocked_starts = [False] * count
    blocked_ends = [False] * count
    shortest = retiming.min_duration_ms

    def choose(k: int) -> tuple[int, int]:
        start, end = starts[k], ends[k]
        new_start = None if blocked_starts[k] else wanted_starts[k]
        new_end = None if blocked_ends[k] else wanted_ends[k]
        options = []
        if new_start is not None and new_end is not None:
            options.append((new_start, new_end))
        singles = ([(new_start, end)] if new_start is not None else []) + \
            ([(start, new_end)] if new_end is not None else [])
        options += sorted(singles, key=lambda span: span[0] - span[1])
        for first, final in options:
            if final > first and (final - first >= shortest or final - first >= end - start):
                return first, final
        return start, end

    spans = [choose(k) for k in range(count)]
    pending = list(range(count - 1))
    while pending:
        k = pending.pop()
        if spans[k][1] <= spans[k + 1][0]:
            continue
        if spans[k][1] > ends[k]:
            blocked_ends[k] = True
            spans[k] = choose(k)
            pending += [k] + ([k - 1] if k else [])
        elif spans[k + 1][0] < starts[k + 1]:
            blocked_starts[k + 1] = True
            spans[k + 1] = choose(k + 1)
            pending += [k] + ([k + 1] if k + 1 < count - 1 else [])
    for k, (start, end) in enumerate(spans):
        if start != starts[k]:
            record("shot-change-in", k, start, ends[k])
        if end != ends[k]:
            record("shot-change-out", k, start, end)



# --- SubStation Alpha --------------------------------------------------------------------------

_SECTION = re.compile(r"\s*\[([^\]]*)\]\s*")
_EVENT_KINDS = ("dialogue", "comment", "picture", "sound", "movie", "command")
_ASS_TIME = re.compile(r"(\s*)(-?)(\d{1,9}):(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?(\s*)", re.ASCII)
_PLACING_TAGS = re.compile(r"\\(?:an?\d+|pos\([^)]*\)|move\([^)]*\))")


def _ass_time(field: str, line: int) -> tuple[int, tuple[str, str]]:
    from .errors import ReadError

    match = _ASS_TIME.fullmatch(field)
    if not match:
        raise ReadError(f"{field.strip()[:30]!r} is not a time (H:MM:SS.cc)", line=line)
    before, sign, hours, minutes, seconds, fraction, after = match.groups()
    ms = (int(hours) * 3600 + int(minutes) * 60 + int(seconds)) * 1000
    if fraction:
        ms += int(fraction) * 10 ** (3 - len(fraction))
    return (-ms if sign else ms), (before, after)


def _ass_clock(centiseconds: int) -> str:
    seconds, cs = divmod(centiseconds, 100)
    minutes, second = divmod(seconds, 60)
    hours, minute = divmod(minutes, 60)
    return f"{hours}:{minute:02d}:{second:02d}.{cs:02d}"


def retime_subs(text: str, format: str, retiming: Retiming) -> tuple[str, list[Change]]:
    """:func:`retime_subs_text` with the changes the cue steps made (``cue`` is the event's number
    from 1 among the file's events)."""
    if format.lower() not in ("ass", "ssa"):
        raise OptionError(f"retime_subs_text takes SubStation Alpha (ass, ssa), not {format!r}")
    lines = text.splitlines(keepends=True)
    section = ""
    seen_events = False
    indexes = (1, 2)  # Start and End in the default field order of both formats
    placing_fields: tuple[int, ...] = (0, 3)  # Layer (Marked in SSA) and Style
    field_count = 10
    events: list[tuple[int, str, list[str], int, int, tuple[str, str], tuple[str, str]]] = []
    for number, line in enumerate(lines):
        content = line.rstrip("\r\n")
        heading = _SECTION.fullmatch(content)
        if heading:
            section = heading.group(1).strip().lower()
            seen_events = seen_events or section == "events"
            continue
        if section != "events":
            continue
        kind, colon, rest = content.partition(":")
        kind = kind.strip().lower()
        if not colon:
            continue
        if kind == "format":
            names = [name.strip().lower() for name in rest.split(",")]
            if "start" in names and "end" in names:
                indexes, field_count = (names.index("start"), names.index("end")), len(names)
                placing_fields = tuple(names.index(name) for name in ("layer", "marked", "style") if name in names)
            continue
        if kind not in _EVENT_KINDS:
            continue
        fields = rest.split(",", field_count - 1)
        if len(fields) <= max(indexes):
            from .errors import ReadError

            raise ReadError(f"an event of {len(fields)} fields, where the Format line names {field_count}",
                            line=number + 1)
        start, start_space = _ass_time(fields[indexes[0]], number + 1)
        end, end_space = _ass_time(fields[indexes[1]], number + 1)
        events.append((number, kind, fields, start, end, start_space, end_space))
    if not seen_events:
        from .errors import ReadError

        raise ReadError("not a SubStation Alpha file: no [Events] section")
    starts = [event[3] for event in events]
    ends = [event[4] for event in events]
    changes: list[Change] = []
    if retiming.maps_times:
        slope, offset = retiming.linear_map()
        mapping = _Map(slope, offset)
        starts, ends = mapping.many(starts), mapping.many(ends)
        for times in (starts, ends):
            _check(times, "an event", [f"event {n}" for n in range(1, len(times) + 1)])
    if retiming.changes_cues:
        shown = [k for k, event in enumerate(events) if event[1] == "dialogue"]
        cues = []
        for k in shown:
            fields = events[k][2]
            tags = _PLACING_TAGS.findall(fields[-1].partition("}")[0]) if fields[-1].startswith("{") else []
            placing = (tuple(fields[i].strip() for i in placing_fields if i < len(fields) - 1), tuple(tags))
            cues.append(Cue(starts[k], ends[k], [], style={"position": placing}))
        moved, found = retime_cues(cues, retiming)
        for k, cue in zip(shown, moved):
            starts[k], ends[k] = cue.start, cue.end
        changes = [replace(change, cue=shown[change.cue - 1] + 1) for change in found]
    if not retiming.maps_times and not changes:
        return text, changes
    clamped: list[int] = []
    dropped: list[int] = []
    for k, (number, _kind, fields, start, end, start_space, end_space) in enumerate(events):
        first, final = starts[k], ends[k]
        if final < 0 or (final == 0 and first < 0):
            dropped.append(k + 1)
            lines[number] = ""
            continue
        if first < 0:
            clamped.append(k + 1)
            first = 0
        if (first, final) == (start, end):
            continue
        # centiseconds, halves up as Aegisub and pysubs2 round
        fields[indexes[0]] = start_space[0] + _ass_clock((first + 5) // 10) + start_space[1]
        fields[indexes[1]] = end_space[0] + _ass_clock((final + 5) // 10) + end_space[1]
        line = lines[number]
        ending = line[len(line.rstrip("\r\n")):]
        head = line.partition(":")[0]
        lines[number] = f"{head}:{','.join(fields)}{ending}"
    _report(clamped, dropped, "event")
    return "".join(lines), changes


def retime_subs_text(text: str, format: str, retiming: Retiming) -> str:
    """A SubStation Alpha file (``format`` ``"ass"`` or ``"ssa"``) with every event's start and end
    re-timed: the time maps of :func:`map_times`, then, if ``retiming`` asks for them, the cue steps
    of :func:`retime_cues` on the Dialogue events (events with other layers, styles or position
    tags count as placed apart). Only the two time fields of the events that change are rewritten
    (``H:MM:SS.cc``: the time in ms rounded to centiseconds, halves up, as Aegisub and pysubs2
    round): script info and its comments, styles, fonts, Comment events and override tags stay byte
    for byte (a load and save through pysubs2 would rewrite the header comment and reformat
    fields). Events the map takes to end before 0 (or at 0 from a start before it) are removed,
    starts before 0 become 0, with a warning. ReadError naming the line for an event whose times
    cannot be read, or for a text without an ``[Events]`` section."""
    return retime_subs(text, format, retiming)[0]


# --- SubRip and WebVTT: their timing lines rewritten, nothing else ------------------------------

_TIMING_LINE = re.compile(r"([ \t]*)(\d+:\d\d(?::\d\d)?([.,])\d{3})([ \t]*-->[ \t]*)(\d+:\d\d(?::\d\d)?([.,])\d{3})"
                          r"((?:[ \t][^\n]*)?\r?)", re.ASCII)


def _written(text: str, separator: str, ms: int) -> bool:
    """Whether the time ``text`` in a timing line is ``ms``: as ``clock`` writes it (most lines, a
    string comparison), or in another form (WebVTT's ``MM:SS.mmm``)."""
    return text == clock(ms, separator) or parse_time(text) == ms


def retime_timing_lines(data: bytes, retiming: Retiming, cues: list[Cue], *,
                        encoding: str | None = None) -> tuple[bytes, list[Change]] | None:
    """A SubRip or WebVTT file (``data``, whose reader gave ``cues``) with the two times of each
    timing line changed by ``retiming`` (:func:`map_times`, then :func:`retime_cues`) and every other
    byte as it was: numbering, headers, STYLE, REGION and NOTE blocks, cue settings, line ends, a
    byte-order mark. None where that cannot be exact: text in another encoding than UTF-8 (or
    ``encoding``), timing lines that are not the cues' own as read (a reader's repair), or a cue
    the map drops (see :func:`map_times`); the writer then writes the file anew."""
    bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") and encoding is None else b""
    try:
        text = data[len(bom):].decode(encoding or "utf-8")
    except (UnicodeDecodeError, LookupError):
        return None
    lines = text.split("\n")
    found = [(index, match) for index, line in enumerate(lines) if "-->" in line
             and (match := _TIMING_LINE.fullmatch(line)) is not None]
    if len(found) != len(cues) or not all(
            _written(match[2], match[3], cue.start) and _written(match[5], match[6], cue.end)
            for (_, match), cue in zip(found, cues)):
        return None
    mapped = map_times(Transcript(cues=cues), retiming).cues or []
    if len(mapped) != len(cues):
        return None
    changes: list[Change] = []
    if retiming.changes_cues:
        mapped, changes = retime_cues(mapped, retiming)
    for (index, match), cue in zip(found, mapped):
        lines[index] = f"{match[1]}{clock(cue.start, match[3])}{match[4]}{clock(cue.end, match[6])}{match[7]}"
    return bom + "\n".join(lines).encode(encoding or "utf-8"), changes


def retime_file(data: bytes, retiming: Retiming, *, cues: list[Cue] | None = None, encoding: str | None = None,
                fps: float | None = None) -> tuple[bytes, list[Change]] | None:
    """The ``retime_file`` of SubRip and WebVTT (see ``scribekit.formats``): :func:`retime_timing_lines`
    with the cues their reader read from ``data`` (None without them)."""
    return None if cues is None else retime_timing_lines(data, retiming, cues, encoding=encoding)


__all__ = ["ORDER", "Retiming", "map_times", "parse_sync_point", "parse_time", "retime_cues", "retime_file",
           "retime_subs", "retime_subs_text", "retime_timing_lines"]
