"""TTML time expressions (TTML1 §10.3.1) and the parameters on ``tt`` that give them meaning.

A time expression is a clock time (``01:02:03``, ``01:02:03.25``, ``01:02:03:20``,
``01:02:03:20.1``: frames and sub-frames) or an offset (``1.5h``, ``2m``, ``3s``, ``40ms``,
``24f``, ``120t``). What a frame, a sub-frame and a tick last comes from ``ttp:frameRate``,
``ttp:frameRateMultiplier``, ``ttp:subFrameRate`` and ``ttp:tickRate``; with
``ttp:timeBase="smpte"`` a clock time with frames is a timecode label, counted without
gaps (``nonDrop``) or with the labels drop-frame timecode skips (``dropNTSC``, ``dropPAL``).
Facts: docs/formats.md §14.1.

Times are exact: ``parse`` gives milliseconds as an ``int`` when the expression is a whole
number of them, else as a ``Fraction`` (a frame at 24000/1001), so that the reader adds
nested times without rounding; ``to_ms`` rounds once, at the end.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from ...errors import ReadError
from ...timecode import MAX_MS, FrameRate, number_excerpt

Time = int | Fraction
"""Milliseconds, exact."""

TIME_BASES = ("media", "smpte", "clock")
DROP_MODES = ("nonDrop", "dropNTSC", "dropPAL")
_LONGEST = 60
"""Characters a time expression may have (a real one has a dozen or two)."""
_CLOCK = re.compile(r"(\d{2,})(?::(\d\d)):(\d\d)(?:(\.\d+)|:(\d{2,})(?:\.(\d+))?)?\Z")
_OFFSET = re.compile(r"(\d+)(\.\d+)?(h|ms|m|s|f|t)\Z")
_NUMERIC = re.compile(r"[\d:.]+[a-z]{0,2}")
_UNIT_MS = {"h": 3_600_000, "m": 60_000, "s": 1000, "ms": 1}
_RANGE_HINT = "scribekit reads times up to 10^12 ms, about 31 years"


@dataclass(frozen=True)
class Timing:
    """The timing parameters of a document (attributes of its ``tt`` element)."""

    time_base: str = "media"
    frame_rate: int = 30
    """``ttp:frameRate``: frames in a (nominal) second."""
    multiplier: Fraction = Fraction(1)
    """``ttp:frameRateMultiplier`` (``1000 1001`` for the NTSC rates)."""
    sub_frame_rate: int = 1
    tick_rate: Fraction = Fraction(1)
    """Ticks in a second: ``ttp:tickRate``, else (TTML1 §6.2.10) frameRate times multiplier times
    subFrameRate when the document gives a frame rate, else 1."""
    drop_mode: str = "nonDrop"
    frame_rate_given: bool = False
    """Whether the document says its frame rate (else TTML's default, 30, applies)."""

    @property
    def rate(self) -> FrameRate:
        """The effective frame rate: frameRate times its multiplier."""
        effective = self.frame_rate * self.multiplier
        return FrameRate(effective.numerator, effective.denominator)

    def describe(self) -> str:
        """The frame rate as ``scribekit info`` shows it (``29.97 drop-frame (dropNTSC)``)."""
        text = str(self.rate)
        if self.drop_mode != "nonDrop":
            text += f" drop-frame ({self.drop_mode})"
        return text


def timing_of(attributes: dict[str, str]) -> Timing:
    """The timing parameters from ``tt``'s ``ttp:`` attributes, given by local name
    (``{"frameRate": "25", ...}``); ReadError naming a bad value."""
    def integer(name: str, default: int) -> int:
        value = attributes.get(name)
        if value is None:
            return default
        if not re.fullmatch(r"\s*\d{1,9}\s*", value) or int(value) <= 0:
            raise ReadError(f"tt: ttp:{name} {number_excerpt(value)!r} is not a positive whole number")
        return int(value)

    time_base = attributes.get("timeBase", "media").strip()
    if time_base not in TIME_BASES:
        raise ReadError(f"tt: ttp:timeBase {number_excerpt(time_base)!r} is not one of {', '.join(TIME_BASES)}")
    drop_mode = attributes.get("dropMode", "nonDrop").strip()
    if drop_mode not in DROP_MODES:
        raise ReadError(f"tt: ttp:dropMode {number_excerpt(drop_mode)!r} is not one of {', '.join(DROP_MODES)}")
    frame_rate = integer("frameRate", 30)
    multiplier = Fraction(1)
    raw = attributes.get("frameRateMultiplier")
    if raw is not None:
        found = re.fullmatch(r"\s*(\d{1,9})\s+(\d{1,9})\s*", raw)
        if not found or int(found.group(1)) == 0 or int(found.group(2)) == 0:
            raise ReadError(f"tt: ttp:frameRateMultiplier {number_excerpt(raw)!r} is not two positive whole numbers "
                            "(such as '1000 1001')")
        multiplier = Fraction(int(found.group(1)), int(found.group(2)))
    sub_frame_rate = integer("subFrameRate", 1)
    given = "frameRate" in attributes
    # TTML1 §6.2.10: without ttp:tickRate, a tick is a sub-frame when the frame rate is given, else a second.
    default_ticks = frame_rate * multiplier * sub_frame_rate if given else Fraction(1)
    tick_rate = Fraction(integer("tickRate", 0)) or default_ticks
    return Timing(time_base, frame_rate, multiplier, sub_frame_rate, tick_rate, drop_mode, given)


def parse(value: str, timing: Timing, where: str) -> Time:
    """The time ``value`` in exact milliseconds; ReadError naming ``where`` (the element and
    attribute: ``p 3: begin``) when it is not a time expression or is out of range."""
    text = value.strip()
    if len(text) > _LONGEST:
        if _NUMERIC.fullmatch(text):
            raise ReadError(f"{where} of {len(text)} characters is out of range", hint=_RANGE_HINT)
        raise ReadError(f"{where} of {len(text)} characters is not a TTML time expression",
                        hint="a time is a clock time such as 00:01:02.500 or an offset such as 62.5s")
    ms: Time
    offset = _OFFSET.match(text)
    if offset is not None:
        whole, fraction, unit = offset.groups()
        if unit in _UNIT_MS and (not fraction or len(fraction) <= 4 and unit != "ms"):
            scale = _UNIT_MS[unit]  # whole milliseconds (up to 3 decimals of a second): no fraction needed
            ms = int(whole) * scale + (int(fraction[1:]) * scale // 10 ** (len(fraction) - 1) if fraction else 0)
            if not fraction or int(fraction[1:]) * scale % 10 ** (len(fraction) - 1) == 0:
                return _checked(ms, where, value)
        number = Fraction(int(whole)) + (Fraction(fraction) if fraction else 0)
        if unit in _UNIT_MS:
            ms = number * _UNIT_MS[unit]
        elif unit == "f":
            ms = number * 1000 / (timing.frame_rate * timing.multiplier)
        else:
            ms = number * 1000 / timing.tick_rate
        return _checked(ms, where, value)
    clock = _CLOCK.match(text)
    if clock is None:
        raise ReadError(f"{where} {number_excerpt(value)!r} is not a TTML time expression",
                        hint="a time is a clock time such as 00:01:02.500 or an offset such as 62.5s")
    hours_text, minutes_text, seconds_text, decimals, frames_text, sub_frames_text = clock.groups()
    hours, minutes, seconds = int(hours_text), int(minutes_text), int(seconds_text)
    if minutes > 59 or seconds > 60:  # 60: a leap second (clock time base)
        raise ReadError(f"{where} {number_excerpt(value)!r}: minutes and seconds go up to 59")
    if frames_text is None:
        ms = (hours * 3600 + minutes * 60 + seconds) * 1000
        if decimals:
            if len(decimals) <= 4:  # .5, .25, .125: whole milliseconds
                ms += int(decimals[1:]) * 10 ** (4 - len(decimals))
            else:
                ms = Fraction(decimals) * 1000 + ms
        return _checked(ms, where, value)
    frames = int(frames_text)
    rate = timing.rate
    if frames >= rate.base:
        raise ReadError(f"{where} {number_excerpt(value)!r}: frame {frames} at {rate} frames a second (frames count "
                        f"from 0 to {rate.base - 1})")
    sub_frames = Fraction(0)
    if sub_frames_text is not None:
        sub_frames = Fraction(int(sub_frames_text), timing.sub_frame_rate)
        if sub_frames >= 1:
            raise ReadError(f"{where} {number_excerpt(value)!r}: sub-frame {sub_frames_text} at "
                            f"{timing.sub_frame_rate} sub-frames a frame")
    if timing.time_base == "smpte":
        count = _label_frames(hours, minutes, seconds, frames, timing, where, value)
        return _checked((count + sub_frames) * 1000 / rate.fps, where, value)
    ms = (hours * 3600 + minutes * 60 + seconds) * 1000 + (frames + sub_frames) * 1000 / rate.fps
    return _checked(ms, where, value)


def _label_frames(hours: int, minutes: int, seconds: int, frames: int, timing: Timing, where: str,
                  value: str) -> int:
    """The frame count of an SMPTE label (smpte time base)."""
    rate = timing.rate
    if timing.drop_mode == "dropNTSC":
        try:
            return rate.from_smpte(hours, minutes, seconds, frames, drop_frame=True)
        except ValueError as exc:
            raise ReadError(f"{where} {number_excerpt(value)!r}: {exc}") from None
    count = rate.from_smpte(hours, minutes, seconds, frames)
    if timing.drop_mode == "dropPAL":
        # TTML1 §10.3.1: labels 00 to 03 of every even minute but each twentieth are skipped.
        if seconds == 0 and frames < 4 and minutes % 2 == 0 and minutes % 20:
            raise ReadError(f"{where} {number_excerpt(value)!r}: a label dropPAL timecode skips")
        total = hours * 60 + minutes
        count -= 4 * (total // 2 - total // 20)
    return count


def _checked(ms: Time, where: str, value: str) -> Time:
    if ms > MAX_MS:
        raise ReadError(f"{where} {number_excerpt(value)!r} is out of range", hint=_RANGE_HINT)
    if type(ms) is not int and ms.denominator == 1:
        return int(ms)
    return ms


def to_ms(time: Time) -> int:
    """``time`` rounded to the nearest millisecond (halves up)."""
    if isinstance(time, int):
        return time
    return int((time * 2 + 1) // 2)


def time_ms(value: str, timing: Timing | None = None, where: str = "time") -> int:
    """The time expression ``value`` in whole milliseconds (``timing``: TTML's defaults when None)."""
    return to_ms(parse(value, timing or Timing(), where))


__all__ = ["DROP_MODES", "TIME_BASES", "Time", "Timing", "parse", "time_ms", "timing_of", "to_ms"]
