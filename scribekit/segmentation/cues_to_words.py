"""Cues back into timed words, for outputs and re-segmentation that need words."""
from __future__ import annotations

from .. import collector
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
    with collector.paused():  # a word per few characters of text, none of them in a cycle
        return _segments_of(transcript.cues)




def _segments_of(cues: list[Cue]) -> list[Segment]:
    from . import accelerator

    core = accelerator.core
    if core is not None and hasattr(core, "cue_words") and type(cues) is list:  # a core built before it: none
        return _grouped(cues, core.cue_words(cues, strip_tags, Word, accelerator.WORD_LAYOUT))
    return _grouped(cues, [None] * len(cues))


def _cue_made(cue: Cue) -> list[Word]:
    made = [Word(text, begin, end) for text, begin, end in shared_times(" ".join(cue.lines), cue.start, cue.end)]
    if made:
        made[-1].cue_end = True
    return made


def _grouped(cues: list[Cue], made_by_core: list[list[Word] | None]) -> list[Segment]:
    """The cues' words in speaker turns: those the core made (None for a cue it left to the Python)."""
    segments: list[Segment] = []
    words: list[Word] = []
    speaker: str | None = None
    for cue, made in zip(cues, made_by_core):
        if made is None:
            made = _cue_made(cue)
        if not made:
            continue
        if segments and speaker == cue.speaker:
            words.extend(made)
        else:
            speaker = cue.speaker
            words = made
            segments.append(Segment(speaker, words))
    return segments
