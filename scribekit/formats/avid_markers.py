"""Avid Media Composer marker list: the text file the Markers window exports and imports.

One marker a line, six tab-separated fields (docs/formats.md §8)::

    Ana<TAB>01:00:02:13<TAB>V1<TAB>red<TAB>Good morning, and welcome.<TAB>41

name, timecode of the marker, track (V1, A1, TC1, ...), colour (red, green,
blue, cyan, magenta, yellow, black, white), comment, duration in frames.

Writing
    A marker a cue (or a speaker turn, ``markers_per turn``): name = the speaker
    (``Transcript`` when there is none), timecode = the start timecode plus the
    cue's start, drop frame (``HH:MM:SS;FF``) when asked, comment = the text on one
    line, duration = the cue's frames (at least 1). Tabs and line breaks in
    names and comments become spaces. ``avid_color by-speaker`` gives each
    speaker a colour of their own.

Reading
    Every line of six (or five, without a duration) fields whose second is a
    timecode becomes a cue: text = comment, speaker = name, from the timecode for
    the duration. A marker list does not say its frame rate: reading needs one
    (``--input-fps``). Timecodes are read as they are (a list starting at
    01:00:00:00 gives cues an hour in).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import OptionError, ReadError, warn
from ..model import Cue, Metadata, Speaker, Transcript
from ..timecode import frame_spans, timecode_settings
from . import describe
from ._editing import MARKERS_PER, TimelineOptions, choice, plain_lines, reading_rate, turns

FORMAT = describe(__name__, name="avid-markers", title="Avid Media Composer marker list (tab-separated)",
                  extensions=("markers.txt", "txt"), kind="subtitle", aliases=("avid", "avid-marker"), priority=140)

__all__ = ["COLORS", "Options", "read", "sniff", "write_cues"]

COLORS = ("red", "green", "blue", "cyan", "magenta", "yellow", "black", "white")
_BY_SPEAKER = ("red", "green", "blue", "cyan", "magenta", "yellow", "white", "black")
_TRACK = re.compile(r"(?:V|A)[1-9]\d{0,2}|TC[1-9]|TC", re.IGNORECASE)
_TIMECODE = re.compile(r"\d{1,2}[:;.]\d\d[:;.]\d\d[:;.]\d\d")
_SPACES = re.compile(r"[\t\r\n\u2028\u2029]+")
DEFAULT_NAME = "Transcript"


@dataclass(frozen=True)
class Options(TimelineOptions):
    markers_per: str = field(default="cue", metadata={"help": "a marker for each cue, or for each speaker turn"})
    avid_track: str = field(default="V1", metadata={"help": "the track the markers sit on: V1, A1, TC1, ..."})
    avid_color: str = field(default="red", metadata={
        "help": "marker colour: red, green, blue, cyan, magenta, yellow, black, white, or by-speaker"})

    def __post_init__(self) -> None:
        super().__post_init__()
        choice("markers_per", self.markers_per, MARKERS_PER)
        choice("avid_color", self.avid_color, (*COLORS, "by-speaker"))
        if not _TRACK.fullmatch(self.avid_track.strip()):
            raise OptionError(f"avid_track {self.avid_track!r} is not a track such as V1, A1 or TC1")


def one_line(text: str) -> str:
    """A field of a tab-separated line: tabs and line breaks become single spaces."""
    return _SPACES.sub(" ", text).strip()


def write_cues(cues: list[Cue], transcript: Transcript, options: Options | None = None) -> str:
    options = options or Options()
    rate, offset, drop_frame = timecode_settings(options.fps, options.start_timecode, options.drop_frame)
    spans = frame_spans([(cue.start, cue.end) for cue in cues], rate)
    if options.markers_per.lower() == "turn":
        groups = list(turns(cues, spans))
    else:
        groups = [([index], start, end) for index, (start, end) in enumerate(spans)]
    track = options.avid_track.strip().upper()
    color = options.avid_color.lower()
    colors: dict[str | None, str] = {}
    lines = []
    early = 0
    for run, start, end in groups:
        frame, last = offset + start, offset + end
        if frame < 0:
            early += 1
            frame, last = 0, max(last, 0)
        speaker = cues[run[0]].speaker
        name = one_line(transcript.speaker_name(speaker) or "") or DEFAULT_NAME
        comment = one_line(" ".join(" ".join(plain_lines(cues[i])) for i in run))
        if color == "by-speaker":
            shade = colors.setdefault(speaker, _BY_SPEAKER[len(colors) % len(_BY_SPEAKER)])
        else:
            shade = color
        lines.append(f"{name}\t{rate.format(frame, drop_frame=drop_frame)}\t{track}\t{shade}\t{comment}\t"
                     f"{max(last - frame, 1)}\n")
    if early:
        warn(f"{early} marker(s) before the start timecode moved to {rate.format(0, drop_frame=drop_frame)}")
    return "".join(lines)


# --- reading ---------------------------------------------------------------------------------

def _fields(line: str) -> list[str] | None:
    parts = line.rstrip("\r\n").split("\t")
    if len(parts) in (5, 6) and _TIMECODE.fullmatch(parts[1].strip()):
        return parts
    return None


def sniff(text: str) -> bool:
    """The first non-blank lines are marker lines (six tab-separated fields, a timecode second)."""
    seen = 0
    for line in text[:4000].lstrip("\ufeff").splitlines():
        if not line.strip():
            continue
        if _fields(line) is None:
            return False
        seen += 1
        if seen >= 3:
            break
    return seen > 0


def read(text: str, fps: float | None = None) -> Transcript:
    rate = reading_rate(fps, "an Avid marker list")
    cues: list[Cue] = []
    speakers: dict[str, Speaker] = {}
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), 1):
        if not line.strip():
            continue
        parts = _fields(line)
        if parts is None:
            raise ReadError("not a marker line (name, timecode, track, colour, comment, duration separated "
                            "by tabs)", line=number)
        try:
            start = rate.parse(parts[1], drop_frame=None)
        except ValueError as exc:
            raise ReadError(str(exc), line=number) from None
        duration = 1
        if len(parts) == 6 and parts[5].strip():
            if not parts[5].strip().isdecimal() or len(parts[5].strip()) > 9:
                raise ReadError(f"the duration {parts[5].strip()[:20]!r} is not a number of frames", line=number)
            duration = int(parts[5])
        name = parts[0].strip()
        comment = parts[4].strip()
        if name and name not in speakers:
            speakers[name] = Speaker(name, name)
        cues.append(Cue(rate.ms(start), rate.ms(start + duration), [comment] if comment else [], name or None))
    if not cues:
        raise ReadError("no markers")
    return Transcript(cues=cues, speakers=list(speakers.values()),
                      metadata=Metadata(source="avid-markers", extra={"fps": str(rate)}))
