"""The limits a segmentation honours, in one options object."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import OptionError

MAX_ROWS = 100
"""More rows than any screen shows; the segmenter's tables grow with the number of rows."""


@dataclass(frozen=True)
class SegmentOptions:
    """Limits for cutting a transcript into cues. Hard limits (chars a row, rows,
    durations, chars a cue) always hold; soft ones (reading speed, minimum
    duration) are met where the speech allows and reported where it does not."""

    max_chars_per_row: int = field(default=42, metadata={"help": "characters a row (hard limit)"})
    max_rows: int = field(default=2, metadata={"help": "rows a cue (hard limit)"})
    max_duration: float | None = field(default=7.0, metadata={"help": "seconds a cue lasts at most (hard limit)",
                                                               "unit": "seconds"})
    min_duration: float | None = field(
        default=0.833, metadata={"help": "seconds a cue lasts at least, into the silence after it (soft)",
                                 "unit": "seconds"})
    max_screen_time_per_row: float | None = field(
        default=None, metadata={"help": "seconds a cue lasts at most per row it has (Amberscript's "
                                        "maxScreenTimePerRowSeconds; hard)", "unit": "seconds"})
    max_cps: float | None = field(default=None, metadata={"help": "reading speed, characters a second (soft)"})
    max_wpm: float | None = field(default=None, metadata={"help": "reading speed, words a minute (soft)"})
    min_gap_frames: int = field(default=0, metadata={"help": "frames between two cues at least"})
    close_gaps_frames: int = field(
        default=0, metadata={"help": "a gap shorter than this many frames is closed to the minimum gap"})
    fps: float | None = field(default=None, metadata={"help": "frames a second (default 25)"})
    max_chars_per_subtitle: int | None = field(
        default=None, metadata={"help": "characters a cue, all rows (Amberscript's legacy maxCharsPerSubtitle)"})
    subtitle_duration_max: int | None = field(
        default=None, metadata={"help": "milliseconds a cue lasts at most (Amberscript's legacy "
                                        "subtitleDurationMax)"})
    language: str | None = field(
        default=None, metadata={"help": "language of the text, for its no-break rules (default: the transcript's)"})
    words_per_cue: int | None = field(
        default=None, metadata={"help": "words a cue at most, 1 for one-word cues (hard limit)"})
    dialogue_dashes: bool = field(
        default=False, metadata={"help": "two speakers' short, quick turns in one cue, a line each after a dash "
                                         "(the Netflix way)"})

    def __post_init__(self) -> None:
        if self.max_chars_per_row < 1:
            raise OptionError(f"max_chars_per_row must be at least 1, not {self.max_chars_per_row}")
        if not 1 <= self.max_rows <= MAX_ROWS:
            raise OptionError(f"max_rows must be from 1 to {MAX_ROWS}, not {self.max_rows}")
        for name in ("max_duration", "min_duration", "max_screen_time_per_row", "max_cps", "max_wpm",
                     "max_chars_per_subtitle", "subtitle_duration_max", "min_gap_frames", "close_gaps_frames"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise OptionError(f"{name} must not be negative, not {value}")
        for name in ("max_duration", "subtitle_duration_max", "max_chars_per_subtitle"):
            if getattr(self, name) == 0:
                raise OptionError(f"{name}=0 leaves no room for any text", hint="leave it out to turn it off")
        if self.words_per_cue is not None and self.words_per_cue < 1:
            raise OptionError(f"words_per_cue must be at least 1, not {self.words_per_cue}")
        if self.fps is not None and self.fps <= 0:
            raise OptionError(f"fps must be positive, not {self.fps}")
        if self.min_duration and self.max_duration and self.min_duration > self.max_duration:
            raise OptionError(f"min_duration={self.min_duration:g} is longer than "
                              f"max_duration={self.max_duration:g}")

    @property
    def frame_rate(self) -> float:
        return self.fps or 25.0

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
