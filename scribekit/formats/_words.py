"""Word-level subtitle outputs' shared part: each cue's words with times inside the cue, found in
the cue's lines, and the cues of "highlight the word being spoken" (karaoke ASS, WebVTT inline
timestamps, highlighted SRT and WebVTT, LRC).

A cue the segmenter cut carries its words (``Cue.words``); a cue read from a subtitle file has
none, and gets its text's words with the cue's time shared out by characters
(``segmentation.cues_to_words.cue_words``)."""
from __future__ import annotations

from dataclasses import dataclass

from ..markup import STYLE_TAG
from ..model import Cue, Word

MARK = "\ue000"
"""A private-use character a writer puts where a word starts before escaping the text, then
replaces with its tag (a cue whose text holds it already gets no word marks)."""


@dataclass(frozen=True, slots=True)
class TimedWord:
    """A word of a cue, times inside the cue: starts never go back, ``start <= end <= cue end``."""

    text: str
    start: int
    end: int
    sound: bool


def cue_words(cue: Cue) -> list[TimedWord]:
    """The cue's words with text, their times within the cue's time and in order: a start before
    the previous word's (providers' times overlap) or before the cue moves up to it, an end
    before the start up to the start, anything after the cue's end back to it."""
    words: list[Word] = cue.words if cue.words is not None else _shared_out(cue)
    first, last = cue.start, max(cue.end, cue.start)
    result = []
    previous = first
    for word in words:
        text = word.text.strip()
        if not text:
            continue
        start = word.start if word.start > previous else previous
        if start > last:
            start = last
        end = word.end if word.end > start else start
        if end > last:
            end = last
        result.append(TimedWord(text, start, end, word.sound))
        previous = start
    return result


def _shared_out(cue: Cue) -> list[Word]:
    from ..segmentation.cues_to_words import cue_words as shared_out

    return shared_out(cue)


def align(lines: list[str], words: list[TimedWord]) -> list[tuple[int, int]] | None:
    """Where each word is in ``"\\n".join(lines)``: (offset of its first character, offset after
    its last), skipping spaces, line ends and <i>, <b>, <u> tags between them; None when the words
    are not the text's words in order (a cue whose text was edited)."""
    text = "\n".join(lines)
    size = len(text)
    spans = []
    at = 0
    for word in words:
        begin = -1
        for char in word.text:
            if char.isspace():
                continue
            while at < size:
                if text[at].isspace():
                    at += 1
                elif text[at] == "<" and (tag := STYLE_TAG.match(text, at)) is not None:
                    at = tag.end()
                else:
                    break
            if at >= size or text[at] != char:
                return None
            if begin < 0:
                begin = at
            at += 1
        if begin < 0:
            return None
        spans.append((begin, at))
    return spans


def insert(lines: list[str], inserts: list[tuple[int, str]]) -> list[str]:
    """``lines`` with each (offset in ``"\\n".join(lines)``, text) of ``inserts`` put in (offsets in
    order; texts at one offset in the order given)."""
    text = "\n".join(lines)
    parts = []
    at = 0
    for offset, piece in inserts:
        parts.append(text[at:offset])
        parts.append(piece)
        at = offset
    parts.append(text[at:])
    return "".join(parts).split("\n")


def marked_lines(cue: Cue, words: list[TimedWord]) -> list[str] | None:
    """The cue's lines with ``MARK`` before each word (the first at the very start, before any
    tag), or None when the words are not found in the text or the text holds ``MARK`` already."""
    if not words or any(MARK in line for line in cue.lines):
        return None
    spans = align(cue.lines, words)
    if spans is None:
        return None
    return insert(cue.lines, [(0, MARK)] + [(begin, MARK) for begin, _ in spans[1:]])


def highlight_cues(cues: list[Cue]) -> list[Cue]:
    """One cue per word spoken, the cue's text as it is with that word underlined (<u>): from the
    word's start (the first: the cue's start) to the next spoken word's start (the last: the cue's
    end). A sound word is not underlined: its time goes to the word before (or the first after);
    a word of no time of its own (the next one starts with it) gets no cue.
    A cue without a spoken word, or whose words are not found in its text, stays as it is."""
    result: list[Cue] = []
    for cue in cues:
        words = cue_words(cue)
        spans = align(cue.lines, words) if words else None
        spoken = [k for k, word in enumerate(words) if not word.sound]
        if spans is None or not spoken:
            result.append(cue)
            continue
        end = max(cue.end, cue.start)
        shown: list[tuple[int, int, int]] = []
        for number, k in enumerate(spoken):
            start = cue.start if number == 0 else words[k].start
            stop = end if number + 1 == len(spoken) else words[spoken[number + 1]].start
            if stop > start:
                shown.append((start, stop, k))
            elif shown and number + 1 == len(spoken):
                shown[-1] = (shown[-1][0], stop, shown[-1][2])  # the last starts at the cue's end
        if not shown:  # a cue of no time: the first word shown for it
            shown.append((cue.start, end, spoken[0]))
        for start, stop, k in shown:
            begin, after = spans[k]
            lines = insert(cue.lines, [(begin, "<u>"), (after, "</u>")])
            result.append(Cue(start, stop, lines, cue.speaker, None, _settings_only(cue)))
    return result


def _settings_only(cue: Cue) -> dict[str, object] | None:
    """The cue's style without the raw text kept from a WebVTT input (the text changes)."""
    if not cue.style:
        return None
    style = {key: value for key, value in cue.style.items() if key != "vtt_text"}
    return style or None
