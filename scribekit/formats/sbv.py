"""YouTube SubViewer (``.sbv``, docs/formats.md §11): what YouTube Studio downloads and uploads as captions::

    0:00:01.000,0:00:03.500
    Good morning, and welcome
    to the café.

    0:00:04.000,0:00:06.250
    Thank you.

A cue is a time line (start and end as ``H:MM:SS.mmm``, a comma between them), its lines of
text, and a blank line. No header, no numbering, no styling.

Reading
    Every line that is a time line starts a cue; the lines up to the next time line are its
    text (blank lines at its end dropped; a blank line inside is dropped with a warning, the
    text after it continuing the cue, as the SRT reader does). The fraction may have any number of
    digits (SubViewer 2's centiseconds, ``0:00:01.50``, are 500 ms; ``.12345`` is 123 ms); an hour of any
    width. A line that starts like a time line but is not one (``0:00:01.000,0:00:0x``) is a
    ReadError naming it; text before the first time line is ignored with a warning; a cue
    that ends before it starts is kept as it is, with a warning.

Writing
    Hours without padding (``0:00:01.000``) as YouTube writes them; a negative time as 0;
    blank lines inside a cue dropped (they would end it); a line of text that a reader
    would take for a time line (ours, or ffmpeg's ``subviewer`` demuxer, which reads SBV)
    starts with a word joiner (U+2060, invisible); a cue without text gets a line of one
    space. Each change is reported once per file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import ReadError, warn
from ..markup import Repairs, TextRepairs, TimeClamp, cue_text
from ..model import Cue, Metadata, Transcript
from ..textio import cue_file_lines
from ..timecode import checked_ms
from . import describe

FORMAT = describe(__name__, name="sbv", title="YouTube SubViewer (SBV)", extensions=("sbv",), kind="subtitle",
                  priority=64)

__all__ = ["CueWriter", "Options", "read", "sniff", "write_cues"]


@dataclass(frozen=True)
class Options:
    """SBV has no writer options."""


_TIME = r"([0-9]{1,12}):([0-5]?[0-9]):([0-5]?[0-9])\.([0-9]+)"
_TIMING = re.compile(r"[ \t]*" + _TIME + r"[ \t]*,[ \t]*" + _TIME + r"[ \t]*\Z")
# Starts like a time line (a clock with a fraction, then a comma) but is not one.
_BROKEN = re.compile(r"[ \t]*[0-9]+:[0-9]+:[0-9]+\.[0-9]+[ \t]*,")
# A line of text that a reader might take for a time line: a clock with a fraction at its start
# (ffmpeg's demuxer scans "%u:%u:%u.%u,%u:%u:%u.%u", skipping spaces, wherever the line allows).
_TIMING_LIKE = re.compile(r"\s*[-+]?\d+\s*:\s*[-+]?\d+\s*:\s*[-+]?\d+\s*\.")
WORD_JOINER = "\u2060"


def sniff(text: str) -> bool:
    """The first non-blank line is a time line."""
    for line in text[:4000].lstrip("\ufeff").splitlines():
        if line.strip():
            return _TIMING.match(line) is not None
    return False


def _ms(hours: str, minutes: str, seconds: str, fraction: str, line: int) -> int:
    if len(fraction) <= 3:
        ms = int(fraction) * 10 ** (3 - len(fraction))
    else:  # rounded to the ms, half up (the fourth digit decides)
        ms = (int(fraction[:4]) + 5) // 10
    return checked_ms((int(hours) * 3600 + int(minutes) * 60 + int(seconds)) * 1000 + ms, "a time", line)


def read(text: str) -> Transcript:
    lines = cue_file_lines(text)
    repairs = Repairs()
    timing, broken = _TIMING.match, _BROKEN.match
    marks: list[tuple[int, int, int]] = []
    for i, line in enumerate(lines):
        if not line[:1].isdigit() and not line[:1].isspace():
            continue
        match = timing(line)
        if match is not None:
            g = match.groups()
            marks.append((i, _ms(g[0], g[1], g[2], g[3], i + 1), _ms(g[4], g[5], g[6], g[7], i + 1)))
        elif broken(line):
            raise ReadError(f"cannot read the time line {line.strip()[:60]!r}", line=i + 1,
                            hint="SBV times are H:MM:SS.mmm,H:MM:SS.mmm")
    if not marks:
        for i, line in enumerate(lines):
            if line.strip():
                raise ReadError("no SBV time line (0:00:01.000,0:00:03.500) found", line=i + 1)
        raise ReadError("empty file")
    for j in range(marks[0][0]):
        if lines[j].strip():
            repairs.add("ignored text before the first cue", j + 1, f": {lines[j].strip()[:40]!r}")
    cues: list[Cue] = []
    for k, (at, start, end) in enumerate(marks):
        stop = marks[k + 1][0] if k + 1 < len(marks) else len(lines)
        while stop > at + 1 and not lines[stop - 1]:
            stop -= 1
        text_lines = lines[at + 1:stop]
        if "" in text_lines:
            for j in range(at + 1, stop):
                if not lines[j]:
                    repairs.add("blank line inside cue text dropped (the text after it continues the cue)", j + 1)
            text_lines = [line for line in text_lines if line]
        if end < start:
            repairs.add("cue ends before it starts (kept as it is)", at + 1)
        cues.append(Cue(start, end, text_lines))
    repairs.report()
    return Transcript(cues=cues, metadata=Metadata(source="sbv"))


def _clock(ms: int) -> str:
    return f"{ms // 3600000}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


class CueWriter:
    """``write_cues`` piece by piece: :meth:`render` the cues of each piece in order, the texts
    joined make the file; then :meth:`finish` says what was changed (once for the file)."""

    def __init__(self) -> None:
        self.repairs = TextRepairs()
        self.clamp = TimeClamp("SBV")
        self.defused = self.blank = 0
        self.written = False

    def render(self, cues: list[Cue]) -> str:
        parts: list[str] = []
        repairs = self.repairs
        clamp = self.clamp
        defused = blank = 0
        for cue in cues:
            lines = repairs.lines(cue.lines)
            if "" in lines or any(line.isspace() for line in lines):
                kept = [line for line in lines if line and not line.isspace()]
                blank += len(lines) - len(kept)
                lines = kept
            if any(":" in line and _TIMING_LIKE.match(line) for line in lines):
                lines = [WORD_JOINER + line if ":" in line and _TIMING_LIKE.match(line) else line for line in lines]
                defused += sum(line.startswith(WORD_JOINER) for line in lines)
            text = cue_text(lines)
            start, end = cue.start, cue.end
            if start < 0 or end < 0:
                start, end = clamp.clamp(start, end)
            parts.append(f"{_clock(start)},{_clock(end)}\n{text or ' '}\n")
        self.defused += defused
        self.blank += blank
        rendered = "\n".join(parts)
        if parts and self.written:
            rendered = "\n" + rendered
        self.written = self.written or bool(parts)
        return rendered

    def finish(self) -> None:
        self.repairs.report()
        self.clamp.report()
        if self.blank:
            warn(f"{self.blank} blank line(s) inside cues left out (a blank line ends an SBV cue)")
        if self.defused:
            warn(f"{self.defused} line(s) of text that read like a time line written after a word joiner "
                 "(U+2060), so that readers keep them as text")


def write_cues(cues: list[Cue], transcript: Transcript, options: Options | None = None) -> str:
    writer = CueWriter()
    text = writer.render(cues)
    writer.finish()
    return text
