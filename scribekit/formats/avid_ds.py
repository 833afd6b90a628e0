"""Avid DS / SubCap caption file, which Media Composer's SubCap effect imports::

    @ This file written with the Avid Caption plugin, version 1

    <begin subtitles>
    00:50:34:22 00:50:39:13
    First line
    second line

    <end subtitles>

Writing
    In and out timecode (the start timecode plus the cue's frames; drop-frame
    ``HH:MM:SS;FF`` when asked), the cue's rows, a blank line. SubCap shows one
    caption at a time: cues are ordered by start and cues that overlap are cut
    apart (with a warning); every caption lasts at least one frame. Styling tags
    are dropped; a row starting with ``@``, which SubCap would read as a comment,
    starts with a fullwidth ``＠`` instead (with a warning). At 23.976 and 24
    frames a second Avid refuses a caption whose out timecode ends in frame 02,
    07, 12, 17 or 22 (as Subtitle Edit notes): that out
    point moves one frame earlier (one frame later when the caption is one frame
    long, the next caption then starting a frame later if it must). Facts:
    docs/formats.md §8.

Reading
    ``@`` lines are comments; the cues lie between ``<begin subtitles>`` and
    ``<end subtitles>`` (either may be missing). A timing line is two timecodes; the
    lines after it up to a blank line are the cue's rows. The file does not say its
    frame rate: reading needs one (``--input-fps``). A ``;`` marks drop-frame
    timecode. Timecodes are read as they are (an hour in when the list starts at
    01:00:00:00).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import ReadError, warn
from ..model import Cue, Metadata, Transcript
from ..timecode import FrameRate, frame_spans, timecode_settings
from . import describe
from ._editing import TimelineOptions, plain_lines, reading_rate

FORMAT = describe(__name__, name="avid-ds", title="Avid DS / SubCap caption file", extensions=("subcap.txt", "txt"),
                  kind="subtitle", aliases=("subcap", "avid-caption"), priority=150)

__all__ = ["Options", "read", "sniff", "write_cues"]

HEADER = "@ This file written with the Avid Caption plugin, version 1"
BEGIN, END = "<begin subtitles>", "<end subtitles>"
_REFUSED_OUT_FRAMES = frozenset({2, 7, 12, 17, 22})
_TIMING = re.compile(r"\s*(\d{1,2}[:;.]\d\d[:;.]\d\d[:;.]\d\d)[ \t]+(\d{1,2}[:;.]\d\d[:;.]\d\d[:;.]\d\d)\s*")


@dataclass(frozen=True)
class Options(TimelineOptions):
    """Avid DS takes the timeline's rate and timecode, nothing more."""


def _avoid_refused_out_points(spans: list[tuple[int, int]], offset: int, base: int) -> list[tuple[int, int]]:
    """Out points that end in a frame Avid refuses at 23.976 and 24 moved by one frame:
    earlier, or later for a one-frame caption (the next caption then starts later if it must)."""
    fixed: list[tuple[int, int]] = []
    previous_end: int | None = None
    for start, end in spans:
        if previous_end is not None and start < previous_end:
            start = previous_end
            end = max(end, start + 1)
        if (offset + end) % base in _REFUSED_OUT_FRAMES:
            end = end - 1 if end - 1 > start else end + 1
        fixed.append((start, end))
        previous_end = end
    return fixed


def write_cues(cues: list[Cue], transcript: Transcript, options: Options | None = None) -> str:
    options = options or Options()
    rate, offset, drop_frame = timecode_settings(options.fps, options.start_timecode, options.drop_frame)
    texts = [plain_lines(cue) for cue in cues]
    commented = 0
    for lines in texts:
        for index, line in enumerate(lines):
            if line.startswith("@"):  # a line starting with @ is a comment to SubCap readers
                lines[index] = "\uff20" + line[1:]
                commented += 1
    if commented:
        warn(f"{commented} caption line(s) starting with @ written with a fullwidth ＠: SubCap reads a line "
             "starting with @ as a comment")
    kept = sorted((i for i, lines in enumerate(texts) if lines), key=lambda i: cues[i].start)
    if len(kept) < len(cues):
        warn(f"{len(cues) - len(kept)} cue(s) without text left out (a SubCap caption needs text)")
    times = [(cues[i].start, cues[i].end) for i in kept]
    overlapping = [number for number, (a, b) in enumerate(zip(times, times[1:]), 1) if a[1] > b[0]]
    if overlapping:
        listed = ", ".join(map(str, overlapping[:8])) + (
            f" and {len(overlapping) - 8} more" if len(overlapping) > 8 else "")
        warn(f"caption(s) {listed} overlap the next; cut to end where it starts (SubCap shows one at a time)")
    spans = frame_spans(times, rate, separate=True)
    if rate in (FrameRate(24), FrameRate(24000, 1001)):
        spans = _avoid_refused_out_points(spans, offset, rate.base)
    out = [HEADER, "", BEGIN]
    early = 0
    for index, (start, end) in zip(kept, spans):
        first, last = offset + start, offset + end
        if first < 0:
            early += 1
            first, last = 0, max(last, 1)
        out.append(f"{rate.format(first, drop_frame=drop_frame)} {rate.format(last, drop_frame=drop_frame)}")
        out.extend(texts[index])
        out.append("")
    out.append(END)
    if early:
        warn(f"{early} caption(s) before the start timecode moved to {rate.format(0, drop_frame=drop_frame)}")
    return "\n".join(out) + "\n"


# --- reading ---------------------------------------------------------------------------------

def sniff(text: str) -> bool:
    head = text[:4000].lstrip("\ufeff")
    if head.startswith("@ This file written with the Avid Caption plugin") or BEGIN in head.lower():
        return True
    return False


def read(text: str, fps: float | None = None) -> Transcript:
    rate = reading_rate(fps, "an Avid DS caption file")
    lines = text.lstrip("\ufeff").splitlines()
    began = any(line.strip().lower() == BEGIN for line in lines)
    inside = not began
    cues: list[Cue] = []
    current: Cue | None = None
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        lowered = stripped.lower()
        if lowered == BEGIN:
            inside = True
            continue
        if lowered == END:
            break
        if not inside or stripped.startswith("@"):
            continue
        if not stripped:
            current = None
            continue
        timing = _TIMING.fullmatch(line)
        if timing:
            try:
                start = rate.parse(timing.group(1), drop_frame=None)
                end = rate.parse(timing.group(2), drop_frame=None)
            except ValueError as exc:
                raise ReadError(str(exc), line=number) from None
            if end < start:
                warn(f"the caption ends before it starts ({timing.group(1)} {timing.group(2)})", line=number)
            current = Cue(rate.ms(start), rate.ms(end), [])
            cues.append(current)
            continue
        if current is None:
            raise ReadError("text outside a caption (expected an in and out timecode: HH:MM:SS:FF HH:MM:SS:FF)",
                            line=number)
        current.lines.append(stripped)
    if not cues:
        raise ReadError("no captions (expected timing lines such as 00:50:34:22 00:50:39:13)")
    return Transcript(cues=cues, metadata=Metadata(source="avid-ds", extra={"fps": str(rate)}))
