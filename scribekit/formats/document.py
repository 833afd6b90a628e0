"""What every document writer (TXT now; DOCX, PDF, HTML later) shares: the options,
and the transcript cut into paragraphs."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ..model import Transcript, Word
from ..segment import word_segments


@dataclass(frozen=True)
class DocumentOptions:
    timestamps: bool = field(default=False, metadata={"help": "a timestamp at each speaker turn"})
    timestamps_every: float | None = field(
        default=None, metadata={"help": "also a timestamp every N seconds inside the text (5s, 10s, 30s, 60s, ...)",
                                "unit": "seconds"})
    speakers: bool = field(default=False, metadata={"help": "the speaker's name at each turn"})
    highlights_only: bool = field(default=False, metadata={"help": "only the highlighted passages"})
    wrap: int | None = field(default=None, metadata={"help": "wrap lines at N characters"})

    def __post_init__(self) -> None:
        from ..errors import OptionError

        if self.timestamps_every is not None and self.timestamps_every <= 0:
            raise OptionError(f"timestamps_every must be positive, not {self.timestamps_every}")
        if self.wrap is not None and self.wrap < 1:
            raise OptionError(f"wrap must be at least 1, not {self.wrap}")


@dataclass
class Paragraph:
    speaker: str | None
    """The speaker's display name."""
    start: int
    words: list[Word]


def paragraphs(transcript: Transcript, options: DocumentOptions) -> Iterator[Paragraph]:
    """Speaker turns as paragraphs; with ``highlights_only``, the highlighted passages."""
    segments = word_segments(transcript)
    if not options.highlights_only:
        for segment in segments:
            if segment.words:
                yield Paragraph(transcript.speaker_name(segment.speaker), segment.words[0].start, segment.words)
        return
    for highlight in sorted(transcript.highlights, key=lambda h: h.start):
        for segment in segments:
            inside = [w for w in segment.words if w.start < highlight.end and w.end > highlight.start]
            if inside:
                yield Paragraph(transcript.speaker_name(segment.speaker), inside[0].start, inside)


def timed_runs(words: list[Word], every_ms: int | None,
               last_mark: int) -> tuple[list[tuple[int | None, list[Word]]], int]:
    """Split a paragraph's words into runs, each opened by the interval mark it reaches.

    A run's mark is the multiple of ``every_ms`` its first word reached, or
    None when that mark was shown already (``last_mark``, -1 for none yet).
    Returns the runs and the last mark shown.
    """
    if not every_ms:
        return [(None, words)], last_mark
    runs: list[tuple[int | None, list[Word]]] = []
    for word in words:
        reached = word.start // every_ms * every_ms
        if reached > last_mark:
            runs.append((reached, [word]))
            last_mark = reached
        elif runs:
            runs[-1][1].append(word)
        else:
            runs.append((None, [word]))
    return runs, last_mark
