"""Time conversions at the edges of the model (the model itself is integer ms)."""
from __future__ import annotations

import re
from fractions import Fraction


def seconds_to_ms(seconds: float) -> int:
    """Float seconds from a provider to integer ms, rounding half away from zero."""
    ms = seconds * 1000.0
    return int(ms + 0.5) if ms >= 0 else -int(-ms + 0.5)


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


class FrameRate:
    """A frame rate as an exact fraction, with ms <-> frames <-> SMPTE timecode (non-drop-frame).

    ``FrameRate.of(29.97)`` is 30000/1001: its timecode counts 30 frames a second (the
    nominal rate, ``base``) while a frame lasts 1001/30000 s, so a timecode label runs
    0.1 % ahead of real time, as on NTSC video. Times are integer milliseconds;
    conversions round to the nearest frame or millisecond, halves up.
    """

    __slots__ = ("numerator", "denominator", "base", "_scale", "_half")

    def __init__(self, numerator: int, denominator: int = 1) -> None:
        if numerator <= 0 or denominator <= 0:
            raise ValueError(f"a frame rate must be positive, not {numerator}/{denominator}")
        self.numerator = numerator
        self.denominator = denominator
        self.base = -(-numerator // denominator)
        """Frames in one timecode second (30 for 29.97)."""
        self._scale = denominator * 1000
        self._half = self._scale // 2

    @classmethod
    def of(cls, fps: float | str | Fraction | FrameRate) -> FrameRate:
        """The rate of ``fps``: 23.976 (or 23.98), 29.97 and 59.94 are the NTSC rates n*1000/1001."""
        if isinstance(fps, FrameRate):
            return fps
        try:
            value = Fraction(fps.strip()) if isinstance(fps, str) else Fraction(fps)
        except (ValueError, ZeroDivisionError, OverflowError, TypeError):
            raise ValueError(f"{fps!r} is not a frame rate") from None
        if value.denominator != 1:
            ntsc = _NTSC.get(round(float(value), 3))
            if ntsc:
                return cls(*ntsc)
        exact = value.limit_denominator(1001)
        return cls(exact.numerator, exact.denominator)

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
        return str(self.numerator) if self.denominator == 1 else f"{float(self.fps):.3f}".rstrip("0")

    def frames(self, ms: int) -> int:
        """The frame nearest to ``ms`` (halves up)."""
        return (ms * self.numerator + self._half) // self._scale

    def ms(self, frames: int) -> int:
        """The start of frame ``frames`` in milliseconds, rounded to the nearest (halves up)."""
        return (frames * self._scale * 2 + self.numerator) // (self.numerator * 2)

    def to_smpte(self, frames: int) -> tuple[int, int, int, int]:
        """Hours, minutes, seconds, frames of a non-negative frame count (hours go past 23)."""
        seconds, frame = divmod(frames, self.base)
        minutes, second = divmod(seconds, 60)
        hours, minute = divmod(minutes, 60)
        return hours, minute, second, frame

    def from_smpte(self, hours: int, minutes: int, seconds: int, frames: int) -> int:
        """The frame count of a timecode; ValueError when a field is out of range."""
        if min(hours, minutes, seconds, frames) < 0 or minutes > 59 or seconds > 59 or frames >= self.base:
            raise ValueError(f"{hours:02d}:{minutes:02d}:{seconds:02d}:{frames:02d} is not a timecode "
                             f"at {self} frames a second")
        return ((hours * 60 + minutes) * 60 + seconds) * self.base + frames

    def format(self, frames: int, separator: str = ":") -> str:
        """``HH:MM:SS:FF`` (``separator`` between the fields)."""
        return separator.join(_TWO[n] if n < 100 else str(n) for n in self.to_smpte(frames))

    def parse(self, text: str) -> int:
        """The frame count of ``HH:MM:SS:FF`` (also ``HHMMSSFF``, or ``.``/``,`` between fields)."""
        match = _SMPTE.fullmatch(text.strip())
        if not match:
            raise ValueError(f"{text!r} is not a timecode (HH:MM:SS:FF)")
        return self.from_smpte(*(int(group) for group in match.groups()))


_SMPTE = re.compile(r"(\d{1,2})[:.,]?(\d\d)[:.,]?(\d\d)[:.,]?(\d\d)")


def ms_to_frames(ms: int, fps: float | FrameRate) -> int:
    """The frame nearest to ``ms`` at ``fps`` (see :class:`FrameRate`)."""
    return FrameRate.of(fps).frames(ms)


def frames_to_ms(frames: int, fps: float | FrameRate) -> int:
    """Milliseconds of ``frames`` at ``fps``, rounded to the nearest."""
    return FrameRate.of(fps).ms(frames)


def format_smpte(ms: int, fps: float | FrameRate) -> str:
    """``HH:MM:SS:FF`` of the frame nearest to ``ms`` (non-drop-frame)."""
    rate = FrameRate.of(fps)
    return rate.format(rate.frames(ms))


def parse_smpte(text: str, fps: float | FrameRate) -> int:
    """Milliseconds of the timecode ``HH:MM:SS:FF`` at ``fps``; ValueError when it is not one."""
    rate = FrameRate.of(fps)
    return rate.ms(rate.parse(text))
