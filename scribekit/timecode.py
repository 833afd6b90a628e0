"""Time conversions at the edges of the model (the model itself is integer ms)."""
from __future__ import annotations


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
