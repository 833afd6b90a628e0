"""What the editing formats share (Premiere xmeml, FCPXML, Avid markers, Avid DS): checks of
their options, the frame rate to read a file at, cue text as plain rows and as XML text,
speaker turns, and frames before the timeline's start."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import OptionError, ReadError, warn
from ..markup import cue_text, strip_tags
from ..model import Cue
from ..timecode import FrameRate, timecode_settings

MARKERS_PER = ("cue", "turn")


@dataclass(frozen=True)
class TimelineOptions:
    """What every editing format's options begin with: the timeline's frame rate and timecode."""

    fps: float | None = field(default=None, metadata={"help": "frames a second (default 25)"})
    start_timecode: str | None = field(default=None, metadata={
        "help": "timecode of the first frame, HH:MM:SS:FF, or HH:MM:SS;FF for drop frame (default 00:00:00:00)"})
    drop_frame: bool | None = field(default=None, metadata={
        "help": "drop-frame timecode, at 29.97 and 59.94 (default: as --start-timecode is written)"})

    def __post_init__(self) -> None:
        """OptionError naming the flag that is wrong."""
        try:
            rate = self.rate
        except ValueError as exc:
            raise OptionError(f"fps: {exc}") from None
        if self.drop_frame and not rate.drop:
            raise OptionError(f"drop_frame: drop-frame timecode exists at 29.97 and 59.94 frames a second, "
                              f"not at {rate}")
        try:
            timecode_settings(self.fps, self.start_timecode, self.drop_frame)
        except ValueError as exc:
            raise OptionError(f"start_timecode: {exc}", hint="e.g. 01:00:00:00, or 01:00:00;00 for drop frame "
                                                               "at 29.97") from None

    @property
    def rate(self) -> FrameRate:
        return FrameRate.of(self.fps if self.fps is not None else 25)


def choice(flag: str, value: str, allowed: Any) -> None:
    if value.lower().replace(" ", "") not in allowed:
        raise OptionError(f"{flag} must be one of {', '.join(allowed)}, not {value!r}")


def reading_rate(fps: float | None, what: str) -> FrameRate:
    """The frame rate to read ``what`` (a file that counts frames without saying how many a
    second) at; ReadError when the user gave none or an impossible one."""
    if not fps:
        raise ReadError(f"{what} counts frames and does not say how many a second",
                        hint="pass --input-fps, e.g. --input-fps 25")
    try:
        return FrameRate.of(fps)
    except ValueError as exc:
        raise ReadError(str(exc)) from None


def check_size(width: int, height: int) -> None:
    if not (0 < width <= 16384 and 0 < height <= 16384):
        raise OptionError(f"a frame of {width}x{height} pixels: width and height must be 1 to 16384")


def plain_lines(cue: Cue) -> list[str]:
    """The cue's rows without markup or blank rows."""
    text = strip_tags(cue_text(cue.lines))
    return [line.strip() for line in text.split("\n") if line.strip()]


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str, dropped: list[int] | None = None) -> str:
    """``text`` without the characters XML 1.0 cannot hold (control characters); their count
    is added to ``dropped``."""
    if _NOT_XML.search(text) is None:
        return text
    cleaned, count = _NOT_XML.subn("", text)
    if dropped is not None:
        dropped.append(count)
    return cleaned


_TEXT_SPECIAL = re.compile("[&<>\r]")
_ATTRIBUTE_SPECIAL = re.compile('[&<>\r"\n\t]')


def escape_text(text: str) -> str:
    """``text`` as element content, escaped as libxml2 (lxml) serialises it."""
    if _TEXT_SPECIAL.search(text) is None:
        return text
    # str.replace: a tenth of the time of str.translate with a table
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def escape_attribute(text: str) -> str:
    """``text`` as a double-quoted attribute value, escaped as libxml2 (lxml) serialises it."""
    if _ATTRIBUTE_SPECIAL.search(text) is None:
        return text
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
            .replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;"))


def report_dropped(dropped: list[int], fmt: str) -> None:
    if dropped:
        warn(f"{sum(dropped)} control character(s) XML cannot hold left out of the {fmt} text")


def turns(cues: list[Cue], spans: list[tuple[int, int]]) -> Iterator[tuple[list[int], int, int]]:
    """Runs of consecutive cues of one speaker: (cue indexes, first start, last end)."""
    run: list[int] = []
    for index, cue in enumerate(cues):
        if run and cues[run[-1]].speaker != cue.speaker:
            yield run, spans[run[0]][0], max(spans[i][1] for i in run)
            run = []
        run.append(index)
    if run:
        yield run, spans[run[0]][0], max(spans[i][1] for i in run)


def not_before_zero(spans: list[tuple[int, int]], fmt: str) -> list[tuple[int, int]]:
    """Frames before the start of the timeline moved to frame 0, with a warning."""
    if not spans or min(start for start, _ in spans) >= 0:
        return spans
    early = [number for number, (start, _) in enumerate(spans, 1) if start < 0]
    listed = ", ".join(map(str, early[:8])) + (f" and {len(early) - 8} more" if len(early) > 8 else "")
    warn(f"cue(s) {listed} start before the start of the {fmt} timeline; moved to its first frame")
    return [(max(start, 0), max(end, 0)) for start, end in spans]
