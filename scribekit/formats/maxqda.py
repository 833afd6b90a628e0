"""MAXQDA transcript with timestamps (written only), for its "Transcript with
timestamps" and "Focus group transcript" imports::

    #00:00:00-4#Interviewer: Good morning, and welcome to the café.

    #00:00:08-0#Léa: Thank you.

UTF-8 plain text, one paragraph a speaker turn, a blank line between paragraphs.
Each paragraph starts with the turn's start as MAXQDA reads it from f4/f5
transcripts, ``#hh:mm:ss-t#`` (t: tenths of a second, rounded down so that
playback starts before the first word), then, directly after it, the speaker's
name and a colon: a focus-group import takes the names as codes and the text
up to the first colon as the name, so a colon inside a name becomes a hyphen.
Facts: docs/formats.md §9.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Transcript
from . import describe
from ._document import ConventionOptions, DocumentOptions, blocks, reporting

FORMAT = describe(__name__, name="maxqda", title="MAXQDA transcript with timestamps and speakers",
                  extensions=("maxqda.txt", "txt"), kind="document", priority=160)

__all__ = ["Options", "timestamp", "write"]


@dataclass(frozen=True)
class Options(ConventionOptions):
    """The speakers and passages shown, and the transcription conventions (see ``scribekit.conventions``)."""

    speakers: bool = field(default=True, metadata={"help": "the speaker's name at each turn"})
    highlights_only: bool = field(default=False, metadata={"help": "only the highlighted passages"})


def timestamp(ms: int) -> str:
    """``#hh:mm:ss-t#``: tenths of a second, rounded down (a negative time is written as 0)."""
    tenths = max(ms, 0) // 100
    seconds, tenth = divmod(tenths, 10)
    minutes, second = divmod(seconds, 60)
    hours, minute = divmod(minutes, 60)
    return f"#{hours:02d}:{minute:02d}:{second:02d}-{tenth}#"


@reporting
def write(transcript: Transcript, options: Options | None = None) -> str:
    options = options or Options()
    shown = DocumentOptions(highlights_only=options.highlights_only)
    paragraphs = []
    for block in blocks(transcript, shown):
        text = block.text.strip()
        if options.speakers and block.speaker:
            text = f"{block.speaker.replace(':', '-').strip()}: {text}"
        paragraphs.append(timestamp(block.start) + text)
    return "\n\n".join(paragraphs) + "\n" if paragraphs else ""
