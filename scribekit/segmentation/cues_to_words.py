"""Cues back into timed words, for outputs and re-segmentation that need words."""
from __future__ import annotations

from itertools import accumulate

from ..markup import strip_tags
from ..model import Cue, Segment, Transcript, Word


def cue_words(cue: Cue) -> list[Word]:
    """The cue's words, each given a share of the cue's time by its length in characters."""
    texts = strip_tags(" ".join(cue.lines)).split()
    if not texts:
        return []
    # Word k spans the characters from offsets[k] to offsets[k + 1] - 1 (its trailing space excluded).
    offsets = [0, *accumulate([len(text) + 1 for text in texts])]
    total = offsets[-1]
    start = cue.start
    span = cue.end - start if cue.end > start else 0
    times = [start + span * offset // total for offset in offsets]
    ends = [start + span * (offset - 1) // total for offset in offsets[1:]]
    ends[-1] = cue.end if cue.end > times[-2] else times[-2]
    return [Word(text, begin, end if end > begin else begin) for text, begin, end in zip(texts, times, ends)]


def word_segments(transcript: Transcript) -> list[Segment]:
    """The transcript's speaker turns; for one read from cues, made from the cues (the
    last word of each cue marked ``cue_end``, a hint for re-segmenting)."""
    if transcript.segments or transcript.cues is None:
        return transcript.segments
    segments: list[Segment] = []
    for cue in transcript.cues:
        words = cue_words(cue)
        if not words:
            continue
        words[-1].cue_end = True
        if segments and segments[-1].speaker == cue.speaker:
            segments[-1].words.extend(words)
        else:
            segments.append(Segment(cue.speaker, words))
    return segments
