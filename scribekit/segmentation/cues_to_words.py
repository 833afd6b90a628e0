"""Cues back into timed words, for outputs and re-segmentation that need words."""
from __future__ import annotations

from ..markup import strip_tags
from ..model import Cue, Segment, Transcript, Word


def cue_words(cue: Cue) -> list[Word]:
    """The cue's words, each given a share of the cue's time by its length in characters."""
    return [Word(text, begin, end) for text, begin, end in shared_times(" ".join(cue.lines), cue.start, cue.end)]


def shared_times(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """The words of ``text`` (tags left out), each with its share of ``start``..``end`` by its length
    in characters: (word, its start, its end). For readers that hold their words as tuples."""
    texts = strip_tags(text).split()
    if not texts:
        return []
    # Word k spans the characters from offset_k to offset_(k+1) - 1 (its trailing space excluded), where
    # offset_k is the length of the words before it, each with a space; one loop, as it is a hot path.
    total = sum(map(len, texts)) + len(texts)
    span = end - start if end > start else 0
    out: list[tuple[str, int, int]] = []
    append = out.append
    offset = 0
    begin = start
    for word in texts:
        offset += len(word) + 1
        last = start + span * (offset - 1) // total
        append((word, begin, last if last > begin else begin))
        begin = start + span * offset // total
    word, begin, _ = out[-1]
    out[-1] = (word, begin, end if end > begin else begin)  # the last word ends with the text
    return out


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
