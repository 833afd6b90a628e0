"""ATLAS.ti transcript with timestamps (written only): text to add to an ATLAS.ti project as the
transcript of its audio or video, the f4/f5 transcription software's timestamps ``#hh:mm:ss-t#``
(t: tenths of a second) tying the text to the media::

    Interviewer: Good morning, and welcome to the café. #00:00:07-2#

    Léa: Thank you. It is a pleasure to be here. #00:00:16-5#

One paragraph a speaker turn, a blank line between paragraphs, each paragraph opened by the
speaker's name and a colon. By default (``atlasti_timestamps="end"``) each paragraph ends with the
time its turn ends, as f4/f5 place their stamps; ``atlasti_timestamps="start"`` puts the turn's
start before each paragraph instead (``#00:00:00-4# Interviewer: Good morning, ...``), as MAXQDA's
import and the converters for ATLAS.ti cited below write them. With ``timestamps_every``, a stamp
also goes inside a turn where each interval of N seconds is reached (f4 users place one "at least
every three minutes"). Whatever the placement, a stamp carries the media time at its place in the
text: the end of the words before it (rounded up to the tenth) or the start of the words after it
(rounded down), so that the text between two stamps is the speech between their times.

What is documented, and where:

- ATLAS.ti's manual says only how stamps are used: "while the multimedia file is playing, the
  text segment in the transcript between two timestamps is highlighted", timestamps are kept
  invisibly after import, and without timestamps ATLAS.ti "estimates the synchronization based on
  the length of the multimedia file and the transcript" (ATLAS.ti Windows manual, "Working with
  Multimedia Transcripts",
  https://manuals.atlasti.com/Win/en/manual/Transcription/WorkingWithMultimediaTranscripts.html).
- Speakers: ATLAS.ti's focus-group coding recognises ``name:`` (and ``@name:``) as a speaker,
  its examples a paragraph a turn such as ``Alex: I don't know, ...`` (ATLAS.ti 22 Windows manual,
  "Guidelines for Preparing Focus Group Data",
  https://doc.atlasti.com/ManualWin.v22/FocusGroups/FocusGroupDataGuidelines.html): a colon inside
  a name becomes a hyphen, so that the first colon ends the name.
- The f4/f5 form ``#00:03:22-0#`` at the end of each paragraph: service bureaus transcribing by
  Dresing & Pehl's rules ("Dadurch entstehen Zeitmarken (#00:00:00-0#) an jedem Absatzende",
  https://www.schreibbuero-brinkmann.de/transkription-nach-regeln-vereinfacht.html; "Am Ende eines
  jeden Absatzes wird eine Zeitmarke eingefügt, mindestens aber aller drei Audiominuten",
  https://www.transkribisch.de/cgi-bin/transkribisch/03.html), not f4's own manual.
- That ATLAS.ti reads f4/f5 documents' timestamps: only secondary sources ("Many researchers
  perform audio or video transcription using the free software F5 and then import their F5
  documents into Atlas.ti", README of github.com/gwu-libraries/stampatlas); converters for ATLAS.ti
  write ``[00:02:03]`` at the start of a line (gist.github.com/th0rgall/aa6666b2edddfb26bbc07ac2d591a341),
  and aTrain says its ``[hh:mm:ss]`` text works in ATLAS.ti (github.com/aTrainTranscription/aTrain/wiki/Tutorials).

Not verified: which timestamp forms ATLAS.ti's transcript import parses, and where in a paragraph
(no ATLAS.ti page found states it); the encoding it reads a .txt in (the text is UTF-8 with a byte
order mark, by which Windows programs tell UTF-8 from the system's code page).

Times never run backwards: a stamp earlier than the one before it (turns overlapping or out of time
order) is written with the earlier stamp's time, and a warning says how many. In the text, a ``#``
next to a digit (which could open or close a stamp, ``#00:00:05-0#`` or ``#1``) is written as the
full-width ``＃``, with a warning; a ``#`` beside letters (``#tag``) stays as it is.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import OptionError, warn
from ..model import Transcript
from . import describe
from ._document import ConventionOptions, DocumentOptions, blocks, check_interval, reporting
from .maxqda import timestamp

FORMAT = describe(__name__, name="atlasti", title="ATLAS.ti transcript with f4/f5 timestamps",
                  extensions=("atlasti.txt",), kind="document", priority=162)

__all__ = ["PLACEMENTS", "Options", "stamp", "write"]

PLACEMENTS = ("end", "start")


@dataclass(frozen=True)
class Options(ConventionOptions):
    speakers: bool = field(default=True, metadata={"help": "the speaker's name and a colon at each turn"})
    timestamps_every: float | None = field(default=None, metadata={
        "help": "also a timestamp every N seconds inside a speaker turn (60s, 3m, ...)", "unit": "seconds"})
    atlasti_timestamps: str = field(default="end", metadata={
        "help": "where the timestamps go: end (the end of each turn, as f4/f5 write them) or start (before each "
                "turn)"})
    highlights_only: bool = field(default=False, metadata={"help": "only the highlighted passages"})

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.atlasti_timestamps not in PLACEMENTS:
            raise OptionError(f"atlasti_timestamps must be one of {', '.join(PLACEMENTS)}, "
                              f"not {self.atlasti_timestamps!r}")
        check_interval(self.timestamps_every)


def stamp(tenths: int) -> str:
    """``#hh:mm:ss-t#`` for a time in tenths of a second."""
    return timestamp(max(tenths, 0) * 100)


_STAMP_EDGE = re.compile(r"#(?=\s*\d)|(?<=\d)\s*#")
"""A ``#`` that could open a timestamp (a digit follows) or close one (a digit precedes)."""


class _Guard:
    """Text whose ``#`` could open or close a timestamp, that ``#`` made full-width (counted for one warning);
    a ``#`` beside letters (``#tag``) stays."""

    def __init__(self) -> None:
        self.count = 0
        self.first = ""

    def __call__(self, text: str) -> str:
        if "#" not in text:
            return text
        guarded, count = _STAMP_EDGE.subn(lambda m: m.group().replace("#", "\uff03"), text)
        if count and not self.count:
            self.first = text[:40]
        self.count += count
        return guarded


@reporting
def write(transcript: Transcript, options: Options | None = None) -> str:
    """The transcript as ATLAS.ti text with f4/f5 timestamps (UTF-8 with a byte order mark)."""
    options = options or Options()
    shown = DocumentOptions(timestamps_every=options.timestamps_every, highlights_only=options.highlights_only)
    at_end = options.atlasti_timestamps == "end"
    guard = _Guard()
    paragraphs = []
    last = 0
    backwards = 0
    first_backwards = 0
    for block in blocks(transcript, shown):
        pieces = []
        for _, tokens in block.runs:
            text = guard("".join((" " if t.space else "") + t.text for t in tokens).strip())
            tenths = -(-max(t.end for t in tokens) // 100) if at_end else tokens[0].start // 100
            if tenths < last:
                if not backwards:
                    first_backwards = last
                backwards += 1
                tenths = last
            last = tenths
            pieces.append(f"{text} {stamp(tenths)}" if at_end else f"{stamp(tenths)} {text}")
        body = " ".join(pieces)
        name = guard(block.speaker.replace(":", "-").strip()) if options.speakers and block.speaker else ""
        if name:
            body = f"{name}: {body}" if at_end else body.replace(" ", f" {name}: ", 1)
        paragraphs.append(body)
    if backwards:
        warn(f"{backwards} ATLAS.ti timestamp(s) earlier than the one before (overlapping speech, or turns out of "
             f"time order) written with the time before them, the first {stamp(first_backwards)}")
    if guard.count:
        warn(f"{guard.count} '#' next to a digit in the text (it could read as a timestamp) written as a full-width "
             f"'＃', the first in {guard.first!r}")
    return "\ufeff" + "\r\n\r\n".join(paragraphs) + "\r\n" if paragraphs else ""
