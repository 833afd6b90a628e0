"""The in-memory model every reader produces and every writer renders.

Times are integer milliseconds from the start of the media, with the
transcript's time offset already applied.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Word:
    text: str
    start: int
    end: int
    confidence: float | None = None
    extra: dict[str, Any] | None = None
    """Provider fields the model has no place for (kept for lossless round trips)."""
    cue_end: bool = field(default=False, compare=False)
    """The word ended a cue of the source file (set on words made from cues): a hint for
    re-segmenting, which cuts there more readily. No writer renders it, and it takes no
    part in comparing words."""
    sound: bool = False
    """A non-speech event ("(laughter)", "[music]", a recogniser's audio event) rather than a
    spoken word: it gets cues of its own, and ``sound_events=False`` drops it from the output."""


@dataclass(slots=True)
class Speaker:
    id: str
    name: str


@dataclass(slots=True)
class Segment:
    """One speaker turn."""

    speaker: str | None
    words: list[Word] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.words[0].start if self.words else 0

    @property
    def end(self) -> int:
        return self.words[-1].end if self.words else 0

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass(slots=True)
class Highlight:
    start: int
    end: int
    label: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Cue:
    """One subtitle: lines carry plain text with optional <i>, <b>, <u> tags."""

    start: int
    end: int
    lines: list[str]
    speaker: str | None = None
    identifier: str | None = None
    style: dict[str, Any] | None = None
    """Format-specific styling kept for round trips (e.g. WebVTT cue settings), and one key every
    format shares: ``"position": "top"`` for a cue shown at the top of the picture (read from a
    TTML region, an SCC row, ...; written by the writers that place cues). Absent: the bottom."""
    words: list[Word] | None = field(default=None, compare=False)
    """The timed words the cue was cut from, in order (words with no text left out), set by
    segmentation; a word the cut falls inside (a Han or kana word shared by two cues) is a Word
    of its part, with its share of the time. None for cues read from subtitle files (but LRC, whose
    lines time their words)."""

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass(slots=True)
class Metadata:
    language: str | None = None
    source: str | None = None
    """Name of the format the transcript was read from."""
    filename: str | None = None
    time_offset: int = 0
    """Milliseconds added to every source time (Amberscript's startTimeOffset)."""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Transcript:
    """Speakers, speaker turns of timed words, highlights and metadata.

    A transcript read from a subtitle file also carries its cues, so that
    converting it keeps them as they are; its segments may then be empty
    (see ``scribekit.segmentation.word_segments``).
    """

    segments: list[Segment] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    highlights: list[Highlight] = field(default_factory=list)
    metadata: Metadata = field(default_factory=Metadata)
    cues: list[Cue] | None = None

    def speaker_name(self, speaker_id: str | None) -> str | None:
        if speaker_id is None:
            return None
        for speaker in self.speakers:
            if speaker.id == speaker_id:
                return speaker.name
        return speaker_id

    @property
    def words(self) -> list[Word]:
        return [w for s in self.segments for w in s.words]
