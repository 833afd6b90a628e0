"""Cues back into timed words, for outputs and re-segmentation that need words."""
from __future__ import annotations

from ..markup import strip_tags
from ..model import Cue, Segment, Transcript, Word


def cue_words(cue: Cue) -> list[Word]:
    """The cue's words, each given a share of the cue's time by its length in characters."""
    texts = strip_tags(" ".join(cue.lines)).split()
    if not texts:
        return []
    total = sum(len(t) + 1 for t in texts)
    span = max(cue.end - cue.start, 0)
    words = []
    offset = 0
    for text in texts:
        start = cue.start + span * offset // total
        offset += len(text) + 1
        end = cue.start + span * (offset - 1) // total if offset < total else cue.end
        words.append(Word(text, start, max(end, start)))
    return words


def word_segments(transcript: Transcript) -> list[Segment]:
    """The transcript's speaker turns; for one read from cues, made from the cues (the
    last word of each cue marked ``extra["cue_end"]``, a hint for re-segmenting)."""
    if transcript.segments or transcript.cues is None:
        return transcript.segments
    segments: list[Segment] = []
    for cue in transcript.cues:
        words = cue_words(cue)
        if not words:
            continue
        words[-1].extra = {"cue_end": True}
        if segments and segments[-1].speaker == cue.speaker:
            segments[-1].words.extend(words)
        else:
            segments.append(Segment(cue.speaker, words))
    return segments
