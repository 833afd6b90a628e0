"""Time conversions at the edges of the model (the model itself is integer ms)."""
from __future__ import annotations

import math
import re
from collections.abc import Sequence
from fractions import Fraction

from .errors import ReadError

MAX_MS = 10**12
"""The largest time, either sign, that a reader accepts (in ms: about 31.7 years). A time beyond it
is refused with a ReadError, never carried on to the segmenter and the writers."""
_MAX_SECONDS = MAX_MS // 1000
_RANGE_HINT = "scribekit reads times up to 10^12 ms, about 31 years, either way"


def number_excerpt(value: object) -> str:
    """A short rendering of a number from a file: an integer of thousands of digits (which ``str``
    refuses beyond 4300) is described by its size."""
    if isinstance(value, int):
        if value < 0:
            return "-" + number_excerpt(-value)
        if value.bit_length() > 70:
            return f"<an integer of about {int(value.bit_length() * 0.30103) + 1} digits>"
    text = str(value)
    return text if len(text) <= 40 else text[:30] + f"... ({len(text)} characters)"


def seconds_to_ms(seconds: float, what: str = "time", line: int | None = None) -> int:
    """Float seconds from a provider to integer ms, rounding half away from zero.

    ReadError naming ``what`` (and ``line``) for a value that is not a finite number of seconds
    within ``MAX_MS`` (NaN, infinities, 1e306, integers of thousands of digits).
    """
    if not -_MAX_SECONDS <= seconds <= _MAX_SECONDS:  # NaN fails too; a huge int compares exactly
        raise ReadError(f"{what} of {number_excerpt(seconds)} seconds is out of range", line=line, hint=_RANGE_HINT)
    ms = seconds * 1000.0
    return int(math.copysign(abs(ms) + 0.5, ms))  # int() truncates towards zero


def checked_ms(ms: int, what: str = "time", line: int | None = None) -> int:
    """``ms`` itself when the model can hold it (within ``MAX_MS``), else a ReadError naming ``what``."""
    if not -MAX_MS <= ms <= MAX_MS:
        raise ReadError(f"{what} of {number_excerpt(ms)} ms is out of range", line=line, hint=_RANGE_HINT)
    return ms


def decimal_int(digits: str, what: str = "number", line: int | None = None) -> int:
    """``int(digits)`` for the digits of a field of a text file; ReadError for more digits than
    any time needs (Python refuses to convert thousands of them, and is slow long before)."""
    if len(digits) > 30:
        raise ReadError(f"{what} of {len(digits)} digits is out of range", line=line, hint=_RANGE_HINT)
    try:
        return int(digits)
    except ValueError:
        raise ReadError(f"{what} {digits!r} is not a number", line=line) from None


def ms_to_seconds(ms: int) -> float:
    return ms / 1000.0


_TWO = [f"{n:02d}" for n in range(100)]
_THREE = [f"{n:03d}" for n in range(1000)]


def clock(ms: int, separator: str) -> str:
    """``HH:MM:SS<separator>mmm`` (hours widen past 99; a negative time keeps its sign).

    Table look-ups instead of format specs: this runs once per cue boundary.
    """
    if ms < 0:
        return "-" + clock(-ms, separator)
    ms = int(ms)
    hours = ms // 3600000
    return (f"{_TWO[hours] if hours < 100 else hours}:{_TWO[ms // 60000 % 60]}:{_TWO[ms // 1000 % 60]}"
            f"{separator}{_THREE[ms % 1000]}")


def format_srt(ms: int) -> str:
    """``HH:MM:SS,mmm``."""
    return clock(ms, ",")


def format_vtt(ms: int) -> str:
    """``HH:MM:SS.mmm``."""
    return clock(ms, ".")


def format_clock(ms: int) -> str:
    """``HH:MM:SS`` for documents (milliseconds dropped, not rounded)."""
    return clock(ms, ".")[:-4]


# --- frames and SMPTE timecode ---------------------------------------------------------------

_NTSC = {23.976: (24000, 1001), 23.98: (24000, 1001), 29.97: (30000, 1001), 59.94: (60000, 1001)}
_DROP_FRAME_RATES = (Fraction(30000, 1001), Fraction(60000, 1001))


class FrameRate:
    """A frame rate as an exact fraction, with ms <-> frames <-> SMPTE timecode.

    ``FrameRate.of(29.97)`` is 30000/1001: its non-drop-frame timecode counts 30 frames a
    second (the nominal rate, ``base``) while a frame lasts 1001/30000 s, so a label runs
    0.1 % ahead of real time, as on NTSC video. Drop-frame timecode (``drop_frame=True``,
    at 29.97 and 59.94 only) skips the labels ``;00`` and ``;01`` (``;00`` to ``;03`` at
    59.94) of every minute but each tenth, so that its labels keep to the clock: frame
    107892 is ``01:00:00;00``. Drop frame changes labels only, never frame counts.
    Times are integer milliseconds; conversions round to the nearest frame or
    millisecond, halves up.
    """

    __slots__ = ("numerator", "denominator", "base", "drop", "_scale", "_half")

    def __init__(self, numerator: int, denominator: int = 1) -> None:
        if numerator <= 0 or denominator <= 0:
            raise ValueError(f"a frame rate must be positive, not {numerator}/{denominator}")
        self.numerator = numerator
        self.denominator = denominator
        self.base = -(-numerator // denominator)
        """Frames in one timecode second (30 for 29.97)."""
        self.drop = self.base // 15 if Fraction(numerator, denominator) in _DROP_FRAME_RATES else 0
        """Labels a drop-frame minute skips (2 at 29.97, 4 at 59.94; 0: no drop-frame timecode)."""
        self._scale = denominator * 1000
        self._half = self._scale // 2

    @classmethod
    def of(cls, fps: float | str | Fraction | FrameRate) -> FrameRate:
        """The rate of ``fps``: 23.976 (or 23.98), 29.97 and 59.94 are the NTSC rates n*1000/1001."""
        if isinstance(fps, FrameRate):
            return fps
        try:
            value = Fraction(fps)
            ntsc = _NTSC.get(round(float(value), 3))  # OverflowError past the floats
        except (ValueError, ZeroDivisionError, OverflowError, TypeError):
            raise ValueError(f"{fps!r} is not a frame rate") from None
        if ntsc:
            return cls(*ntsc)
        exact = value.limit_denominator(1001)
        return cls(exact.numerator, exact.denominator)

    @classmethod
    def find(cls, fps: float | str | Fraction | FrameRate) -> FrameRate | None:
        """The rate of ``fps`` as :meth:`of` reads it, or None when it is no frame rate (for an
        option checked against the rates a format takes)."""
        try:
            return cls.of(fps)
        except ValueError:
            return None

    @property
    def fps(self) -> Fraction:
        return Fraction(self.numerator, self.denominator)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FrameRate) and self.fps == other.fps

    def __hash__(self) -> int:
        return hash(self.fps)

    def __repr__(self) -> str:
        return f"FrameRate({self.numerator}, {self.denominator})"

    def __str__(self) -> str:
        return str(self.numerator) if self.denominator == 1 else str(round(float(self.fps), 3))

    def frames(self, ms: int) -> int:
        """The frame nearest to ``ms`` (halves up)."""
        return (ms * self.numerator + self._half) // self._scale

    def ms(self, frames: int) -> int:
        """The start of frame ``frames`` in milliseconds, rounded to the nearest (halves up)."""
        return (frames * self._scale * 2 + self.numerator) // (self.numerator * 2)

    @property
    def ntsc(self) -> bool:
        """An NTSC rate (n*1000/1001 frames a second: 23.976, 29.97, 59.94)."""
        return self.denominator == 1001

    def label_number(self, frames: int, drop_frame: bool = False) -> int:
        """The number of frame ``frames``'s label counted as if no label were skipped: the
        frame count itself, or for drop-frame timecode the count plus the labels skipped."""
        return frames + self._dropped_before(frames) if drop_frame else frames

    def to_smpte(self, frames: int, drop_frame: bool = False) -> tuple[int, int, int, int]:
        """Hours, minutes, seconds, frames of a non-negative frame count (hours go past 23)."""
        frames = self.label_number(frames, drop_frame)
        seconds, frame = divmod(frames, self.base)
        minutes, second = divmod(seconds, 60)
        hours, minute = divmod(minutes, 60)
        return hours, minute, second, frame

    def from_smpte(self, hours: int, minutes: int, seconds: int, frames: int, drop_frame: bool = False) -> int:
        """The frame count of a timecode; ValueError when a field is out of range (or, in
        drop-frame timecode, the label is one that drop frame skips)."""
        separator = ";" if drop_frame else ":"
        label = f"{hours:02d}:{minutes:02d}:{seconds:02d}{separator}{frames:02d}"
        if min(hours, minutes, seconds, frames) < 0 or minutes > 59 or seconds > 59 or frames >= self.base:
            raise ValueError(f"{label} is not a timecode at {self} frames a second")
        count = ((hours * 60 + minutes) * 60 + seconds) * self.base + frames
        if not drop_frame:
            return count
        self._check_drop_frame()
        if seconds == 0 and frames < self.drop and minutes % 10:
            raise ValueError(f"{label} is a label drop-frame timecode skips (frames 00 to {self.drop - 1:02d} "
                             "of every minute but each tenth)")
        total_minutes = hours * 60 + minutes
        return count - self.drop * (total_minutes - total_minutes // 10)

    def format(self, frames: int, separator: str = ":", drop_frame: bool = False) -> str:
        """``HH:MM:SS:FF`` (``separator`` between the fields); drop-frame ``HH:MM:SS;FF``."""
        fields = [_TWO[n] if n < 100 else str(n) for n in self.to_smpte(frames, drop_frame)]
        last = ";" if drop_frame and separator == ":" else separator
        return separator.join(fields[:3]) + last + fields[3]

    def parse(self, text: str, drop_frame: bool | None = False) -> int:
        """The frame count of ``HH:MM:SS:FF`` (also ``HHMMSSFF``, or ``.``/``,`` between fields).

        ``drop_frame``: False reads non-drop-frame labels only (a ``;`` is an error), True
        reads drop-frame labels, None tells them by the ``;`` before the frames
        (``01:00:00;00``) that drop-frame timecode is written with.
        """
        match = _SMPTE.fullmatch(text.strip())
        if not match:
            shown = text if len(text) <= 30 else text[:25] + "..."
            raise ValueError(f"{shown!r} is not a timecode (HH:MM:SS:FF)")
        marked = ";" in text
        if drop_frame is None:
            drop_frame = marked
        elif marked and not drop_frame:
            raise ValueError(f"{text!r} is a drop-frame timecode (';' before the frames); "
                             "this one is non-drop-frame (HH:MM:SS:FF)")
        hours, minutes, seconds, frames = (int(group) for group in match.groups())
        return self.from_smpte(hours, minutes, seconds, frames, drop_frame)

    def _check_drop_frame(self) -> None:
        if not self.drop:
            raise ValueError(f"drop-frame timecode exists at 29.97 and 59.94 frames a second, not at {self}")

    def _dropped_before(self, frames: int) -> int:
        """Labels drop-frame timecode has skipped before frame ``frames``."""
        self._check_drop_frame()
        drop, minute = self.drop, 60 * self.base
        tens, rest = divmod(frames, 10 * minute - 9 * drop)
        skipped = 9 * drop * tens
        if rest >= minute:
            skipped += drop * ((rest - minute) // (minute - drop) + 1)
        return skipped


_SMPTE = re.compile(r"(\d{1,2})[:.,;]?(\d\d)[:.,;]?(\d\d)[:.,;]?(\d\d)")


def ms_to_frames(ms: int, fps: float | FrameRate) -> int:
    """The frame nearest to ``ms`` at ``fps`` (see :class:`FrameRate`)."""
    return FrameRate.of(fps).frames(ms)


def frames_to_ms(frames: int, fps: float | FrameRate) -> int:
    """Milliseconds of ``frames`` at ``fps``, rounded to the nearest."""
    return FrameRate.of(fps).ms(frames)


def format_smpte(ms: int, fps: float | FrameRate, drop_frame: bool = False) -> str:
    """``HH:MM:SS:FF`` of the frame nearest to ``ms`` (drop-frame ``HH:MM:SS;FF``)."""
    rate = FrameRate.of(fps)
    return rate.format(rate.frames(ms), drop_frame=drop_frame)


def parse_smpte(text: str, fps: float | FrameRate, drop_frame: bool | None = False) -> int:
    """Milliseconds of the timecode ``HH:MM:SS:FF`` at ``fps``; ValueError when it is not one
    (``drop_frame`` as in :meth:`FrameRate.parse`)."""
    rate = FrameRate.of(fps)
    return rate.ms(rate.parse(text, drop_frame))


def timecode_settings(fps: float | None, start_timecode: str | None = None, drop_frame: bool | None = None,
                      default_fps: float = 25) -> tuple[FrameRate, int, bool]:
    """The rate, the start timecode in frames and whether labels are drop-frame, from a
    frame-based writer's options; ValueError naming what is wrong.

    ``drop_frame`` None means: drop frame when the start timecode is written so
    (``01:00:00;00``), else non-drop-frame.
    """
    rate = FrameRate.of(fps if fps is not None else default_fps)
    if drop_frame is None:
        drop_frame = start_timecode is not None and ";" in start_timecode
    if drop_frame and not rate.drop:
        raise ValueError(f"drop-frame timecode exists at 29.97 and 59.94 frames a second, not at {rate}")
    start = rate.parse(start_timecode, drop_frame) if start_timecode is not None else 0
    return rate, start, drop_frame


def frame_spans(spans: Sequence[tuple[int, int]], rate: FrameRate, *, separate: bool = False,
                min_frames: int = 1) -> list[tuple[int, int]]:
    """Cue times ``(start, end)`` in ms as frames ``(start, end)``.

    Every time goes to its nearest frame, which alone never changes the order of two
    times: a cue does not end before it starts and two cues that did not overlap do
    not overlap. Then a cue that lasted any time at all, rounded to nothing, gets
    ``min_frames``: its end moves into the silence after it, else the cue moves into
    the silence before it, else the next cue starts later. A cue of no duration stays
    a point (a marker), unless ``separate``.

    ``separate`` (for formats that show one cue at a time; cues ordered by start):
    cues that overlapped are cut apart, each ending where the next one starts, and
    every cue lasts ``min_frames`` at least.

    A time moves by more than half a frame only to give a cue its frame or to cut
    overlapping cues apart.
    """
    numerator, scale = rate.numerator, rate.denominator * 1000
    half = scale // 2
    frames = [[(start * numerator + half) // scale, (end * numerator + half) // scale] for start, end in spans]
    last = len(frames) - 1
    for index, span in enumerate(frames):
        start, end = span
        ms_start, ms_end = spans[index]
        limit = None  # the next cue's start, where this one ends at the latest (unless they overlapped)
        if index < last and (separate or ms_end <= spans[index + 1][0]):
            limit = frames[index + 1][0]
            if separate:
                end = min(end, limit)
        end = max(end, start)
        if ms_end > ms_start or separate:
            end = max(end, start + min_frames)
            if limit is not None:
                floor = frames[index - 1][1] if index else min(start, 0)
                moved = min(max(end - limit, 0), max(start - floor, 0))
                start, end = start - moved, end - moved
                frames[index + 1][0] = max(limit, end)
        span[0], span[1] = start, end
    return [(start, end) for start, end in frames]
