"""The limits a segmentation honours, in one options object."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import OptionError


@dataclass(frozen=True)
class SegmentOptions:
    max_chars_per_row: int = field(default=42, metadata={"help": "characters a row (hard limit)"})
    max_rows: int = field(default=2, metadata={"help": "rows a cue (hard limit)"})
    max_duration: float | None = field(default=None, metadata={"help": "seconds a cue lasts at most"})
    max_screen_time_per_row: float | None = field(
        default=2.0, metadata={"help": "seconds a cue lasts at most per row it has (Amberscript's "
                                       "maxScreenTimePerRowSeconds; 0 turns it off)"})
    max_chars_per_subtitle: int | None = field(
        default=None, metadata={"help": "characters a cue, all rows (Amberscript's legacy maxCharsPerSubtitle)"})
    subtitle_duration_max: int | None = field(
        default=None, metadata={"help": "milliseconds a cue lasts at most (Amberscript's legacy "
                                        "subtitleDurationMax)"})

    def __post_init__(self) -> None:
        if self.max_chars_per_row < 1:
            raise OptionError(f"max_chars_per_row must be at least 1, not {self.max_chars_per_row}")
        if self.max_rows < 1:
            raise OptionError(f"max_rows must be at least 1, not {self.max_rows}")
        for name in ("max_duration", "max_screen_time_per_row", "max_chars_per_subtitle", "subtitle_duration_max"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise OptionError(f"{name} must not be negative, not {value}")
        if self.max_duration == 0 or self.subtitle_duration_max == 0 or self.max_chars_per_subtitle == 0:
            raise OptionError("a limit of 0 leaves no room for any text; leave the option out to turn it off")

    def max_duration_ms(self, rows: int) -> int | None:
        """The longest a cue of ``rows`` rows may last, or None for no limit."""
        limits = []
        if self.max_duration:
            limits.append(round(self.max_duration * 1000))
        if self.max_screen_time_per_row:
            limits.append(round(self.max_screen_time_per_row * 1000 * rows))
        if self.subtitle_duration_max:
            limits.append(self.subtitle_duration_max)
        return min(limits) if limits else None
