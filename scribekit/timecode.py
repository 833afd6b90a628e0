"""Time conversions at the edges of the model (the model itself is integer ms)."""
from __future__ import annotations


def seconds_to_ms(seconds: float) -> int:
    """Float seconds from a provider to integer ms, rounding half away from zero."""
    ms = seconds * 1000.0
    return int(ms + 0.5) if ms >= 0 else -int(-ms + 0.5)


def ms_to_seconds(ms: int) -> float:
    return ms / 1000.0


def _split(ms: int) -> tuple[str, int, int, int, int]:
    sign = "-" if ms < 0 else ""
    ms = abs(ms)
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return sign, hours, minutes, seconds, millis


def format_srt(ms: int) -> str:
    """``HH:MM:SS,mmm`` (hours widen past 99; a negative time keeps its sign)."""
    sign, h, m, s, f = _split(ms)
    return f"{sign}{h:02d}:{m:02d}:{s:02d},{f:03d}"


def format_vtt(ms: int) -> str:
    """``HH:MM:SS.mmm``."""
    sign, h, m, s, f = _split(ms)
    return f"{sign}{h:02d}:{m:02d}:{s:02d}.{f:03d}"


def format_clock(ms: int, *, millis: bool = False) -> str:
    """``HH:MM:SS`` (or ``HH:MM:SS.mmm``) for documents."""
    sign, h, m, s, f = _split(ms)
    text = f"{sign}{h:02d}:{m:02d}:{s:02d}"
    return f"{text}.{f:03d}" if millis else text
