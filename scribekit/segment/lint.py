"""Check cues against limits: every rule a cue breaks, with its number and time."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from ..markup import strip_tags
from ..model import Cue
from .options import SegmentOptions
from .timing import frames_to_ms

HARD_RULES = ("chars-per-row", "rows", "max-duration", "screen-time-per-row", "chars-per-subtitle", "overlap",
              "empty")
SOFT_RULES = ("cps", "wpm", "min-duration", "gap")


@dataclass(frozen=True)
class Violation:
    cue: int
    """1-based position of the cue in time order."""
    start: int
    end: int
    rule: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def lint(cues: list[Cue], options: SegmentOptions) -> list[Violation]:
    found: list[Violation] = []
    gap_ms = frames_to_ms(options.min_gap_frames, options.frame_rate) if options.min_gap_frames else 0
    max_chars = options.max_chars_per_row
    max_duration_ms = round(options.max_duration * 1000) if options.max_duration else None
    min_duration_ms = round(options.min_duration * 1000) if options.min_duration else None
    for number, cue in enumerate(cues, 1):
        lines = [strip_tags(line) for line in cue.lines]
        text = " ".join(line.strip() for line in lines if line.strip())
        duration = cue.end - cue.start
        broken: list[tuple[str, str]] = []
        if not text:
            broken.append(("empty", "no text"))
        for row, line in enumerate(lines, 1):
            if len(line) > max_chars:
                broken.append(("chars-per-row", f"row {row} has {len(line)} characters (limit {max_chars})"))
        if len(lines) > options.max_rows:
            broken.append(("rows", f"{len(lines)} rows (limit {options.max_rows})"))
        if options.max_chars_per_subtitle and len(text) > options.max_chars_per_subtitle:
            broken.append(("chars-per-subtitle", f"{len(text)} characters (limit {options.max_chars_per_subtitle})"))
        if max_duration_ms is not None and duration > max_duration_ms:
            broken.append(("max-duration", f"lasts {duration / 1000:.3f} s (limit {options.max_duration:g} s)"))
        if options.subtitle_duration_max and duration > options.subtitle_duration_max:
            broken.append(("max-duration", f"lasts {duration} ms (limit {options.subtitle_duration_max} ms)"))
        if options.max_screen_time_per_row:
            limit = round(options.max_screen_time_per_row * 1000 * max(len(lines), 1))
            if duration > limit:
                broken.append(("screen-time-per-row", f"lasts {duration / 1000:.3f} s on {len(lines)} row(s) "
                                                      f"(limit {options.max_screen_time_per_row:g} s a row)"))
        if min_duration_ms is not None and duration < min_duration_ms:
            broken.append(("min-duration", f"lasts {duration / 1000:.3f} s (at least {options.min_duration:g} s)"))
        if text and duration > 0:
            if options.max_cps and len(text) * 1000 / duration > options.max_cps:
                broken.append(("cps", f"{len(text) * 1000 / duration:.1f} characters a second "
                                      f"(limit {options.max_cps:g})"))
            if options.max_wpm:
                words = len(text.split())
                if words * 60_000 / duration > options.max_wpm:
                    broken.append(("wpm", f"{words * 60_000 / duration:.0f} words a minute "
                                          f"(limit {options.max_wpm:g})"))
        if number < len(cues):
            following = cues[number]
            if following.start < cue.end:
                broken.append(("overlap", f"overlaps the next cue by {cue.end - following.start} ms"))
            elif gap_ms and following.start - cue.end < gap_ms:
                broken.append(("gap", f"{following.start - cue.end} ms before the next cue "
                                      f"(at least {options.min_gap_frames} frames = {gap_ms} ms)"))
        found.extend(Violation(number, cue.start, cue.end, rule, message) for rule, message in broken)
    return found
