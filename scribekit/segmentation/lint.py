"""Check cues against limits: every rule a cue breaks, with its number and time."""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import asdict, dataclass
from itertools import compress, count, repeat
from operator import attrgetter, lt, sub
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


def lint(cues: list[Cue], options: SegmentOptions,
         rules: Collection[str] = HARD_RULES + SOFT_RULES) -> list[Violation]:
    """Every rule of ``rules`` that a cue breaks, in time order."""
    found: list[Violation] = []
    gap_ms = frames_to_ms(options.min_gap_frames, options.frame_rate) if options.min_gap_frames else 0
    max_chars = options.max_chars_per_row
    max_duration_ms = round(options.max_duration * 1000) if options.max_duration else None
    min_duration_ms = round(options.min_duration * 1000) if options.min_duration else None
    check = {rule: rule in rules for rule in HARD_RULES + SOFT_RULES}
    check["cps"] = check["cps"] and bool(options.max_cps)
    check["wpm"] = check["wpm"] and bool(options.max_wpm)
    check["chars-per-subtitle"] = check["chars-per-subtitle"] and bool(options.max_chars_per_subtitle)
    needs_text = check["empty"] or check["chars-per-subtitle"] or check["cps"] or check["wpm"]
    needs_lines = needs_text or check["chars-per-row"] or check["rows"] or check["screen-time-per-row"]
    lines: list[str] = []
    text = ""
    for number, cue in enumerate(cues, 1):
        if needs_lines:
            lines = [strip_tags(line) for line in cue.lines]
        if needs_text:
            text = " ".join(line.strip() for line in lines if line.strip())
        duration = cue.end - cue.start
        broken: list[tuple[str, str]] = []
        if check["empty"] and not text:
            broken.append(("empty", "no text"))
        if check["chars-per-row"]:
            for row, line in enumerate(lines, 1):
                if len(line) > max_chars:
                    broken.append(("chars-per-row", f"row {row} has {len(line)} characters (limit {max_chars})"))
        if check["rows"] and len(lines) > options.max_rows:
            broken.append(("rows", f"{len(lines)} rows (limit {options.max_rows})"))
        if check["chars-per-subtitle"] and len(text) > options.max_chars_per_subtitle:  # type: ignore[operator]
            broken.append(("chars-per-subtitle", f"{len(text)} characters (limit {options.max_chars_per_subtitle})"))
        if check["max-duration"]:
            if max_duration_ms is not None and duration > max_duration_ms:
                broken.append(("max-duration", f"lasts {duration / 1000:.3f} s (limit {options.max_duration:g} s)"))
            if options.subtitle_duration_max and duration > options.subtitle_duration_max:
                broken.append(("max-duration", f"lasts {duration} ms (limit {options.subtitle_duration_max} ms)"))
        if check["screen-time-per-row"] and options.max_screen_time_per_row:
            limit = round(options.max_screen_time_per_row * 1000 * max(len(lines), 1))
            if duration > limit:
                broken.append(("screen-time-per-row", f"lasts {duration / 1000:.3f} s on {len(lines)} row(s) "
                                                      f"(limit {options.max_screen_time_per_row:g} s a row)"))
        if check["min-duration"] and min_duration_ms is not None and duration < min_duration_ms:
            broken.append(("min-duration", f"lasts {duration / 1000:.3f} s (at least {options.min_duration:g} s)"))
        if text and duration > 0:
            if check["cps"] and len(text) * 1000 / duration > options.max_cps:  # type: ignore[operator]
                broken.append(("cps", f"{len(text) * 1000 / duration:.1f} characters a second "
                                      f"(limit {options.max_cps:g})"))
            if check["wpm"]:
                words = len(text.split())
                if words * 60_000 / duration > options.max_wpm:  # type: ignore[operator]
                    broken.append(("wpm", f"{words * 60_000 / duration:.0f} words a minute "
                                          f"(limit {options.max_wpm:g})"))
        if number < len(cues):
            following = cues[number]
            if following.start < cue.end:
                if check["overlap"]:
                    broken.append(("overlap", f"overlaps the next cue by {cue.end - following.start} ms"))
            elif check["gap"] and gap_ms and following.start - cue.end < gap_ms:
                broken.append(("gap", f"{following.start - cue.end} ms before the next cue "
                                      f"(at least {options.min_gap_frames} frames = {gap_ms} ms)"))
        if broken:
            found.extend(Violation(number, cue.start, cue.end, rule, message) for rule, message in broken)
    return found


def soft_breaks(cues: list[Cue], options: SegmentOptions) -> dict[str, list[int]]:
    """The numbers of the cues that break each soft rule, rule by rule in the order ``lint`` first reports
    them: what ``lint(cues, options, SOFT_RULES)`` finds, grouped. Times are compared without a Python step
    per cue (the segmenter asks this of every transcript it cuts); reading speeds are measured as ``lint``
    measures them, by ``lint`` itself, for the cues whose lines as they stand (tags and all, an upper bound
    on what is read) would read too fast."""
    by_rule: dict[str, list[int]] = {}
    starts = list(map(_START, cues))
    ends = list(map(_END, cues))
    found: list[tuple[int, int, str]] = []  # (cue number, place among the cue's rules in lint, rule)
    if options.min_duration:
        shortest = round(options.min_duration * 1000)
        short = compress(count(1), map(lt, map(sub, ends, starts), repeat(shortest)))
        found += zip(short, repeat(0), repeat("min-duration"))
    max_cps, max_wpm = options.max_cps, options.max_wpm
    if max_cps or max_wpm:
        lengths = map(len, map(" ".join, map(_LINES, cues)))
        # a text of n characters holds (n + 1) // 2 words at most
        fast = [number for number, length, duration in zip(count(1), lengths, map(sub, ends, starts))
                if duration > 0 and ((max_cps and length * 1000 / duration > max_cps)
                                     or (max_wpm and (length + 1) // 2 * 60_000 / duration > max_wpm))]
        for number in fast:
            found += ((number, 1 if v.rule == "cps" else 2, v.rule) for v in lint([cues[number - 1]], options,
                                                                                  ("cps", "wpm")))
    if options.min_gap_frames:
        gap_ms = frames_to_ms(options.min_gap_frames, options.frame_rate)
        following = starts[1:]
        # the next cue starts at or after this one's end (else it is an overlap, a hard rule), too soon
        close = map(lambda after, end: after >= end and after - end < gap_ms, following, ends)
        found += zip(compress(count(1), close), repeat(3), repeat("gap"))
    for number, _, rule in sorted(found):
        by_rule.setdefault(rule, []).append(number)
    return by_rule


_START, _END, _LINES = attrgetter("start"), attrgetter("end"), attrgetter("lines")
