"""Transcript -> cues under limits, and cues -> words for re-segmenting."""
from __future__ import annotations

from typing import Any

from ..model import Cue, Transcript
from .cues_to_words import word_segments
from .options import SegmentOptions
from .segmenter import segment

__all__ = ["SegmentOptions", "cues_for", "segment", "word_segments"]


def cues_for(transcript: Transcript, *, defaults: dict[str, Any] | None = None,
             **segment_options: Any) -> list[Cue]:
    """The cues a subtitle writer renders.

    A transcript read from a subtitle file keeps its own cues unless
    segmentation options are given; anything else is segmented under those
    options, over the output format's ``defaults``, over SegmentOptions' own.
    """
    if transcript.cues is not None and not segment_options:
        return transcript.cues
    return segment(word_segments(transcript), SegmentOptions(**{**(defaults or {}), **segment_options}))


