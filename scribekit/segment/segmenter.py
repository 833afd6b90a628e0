"""A first segmenter: fills cues word by word under hard limits, cutting at the
last punctuation mark when a cue overflows. Line breaks within a cue are
chosen to balance the rows."""
from __future__ import annotations

from collections.abc import Sequence

from ..errors import warn
from ..model import Cue, Segment, Word
from ..timecode import format_vtt
from .options import SegmentOptions

_SENTENCE_END = (".", "?", "!", "…", "。", "？", "！")
_CLAUSE_END = (",", ";", ":", "—", "–", "、", "，")
_PAUSE_CUT_MS = 1500


def rows_needed(lengths: Sequence[int], max_chars: int) -> int:
    """Fewest rows the words fit on, in order; a word longer than a row takes a row alone."""
    rows = 0
    used = -1  # no row open
    for length in lengths:
        if used >= 0 and used + 1 + length <= max_chars:
            used += 1 + length
        else:
            rows += 1
            used = length
    return rows


def break_lines(texts: Sequence[str], max_chars: int, rows: int) -> list[str]:
    """Split words into ``rows`` rows of at most ``max_chars``, as evenly as possible.

    Among equally even splits the one with the shorter top row (bottom-heavy)
    and a break after punctuation wins.
    """
    n = len(texts)
    if rows <= 1 or n <= 1:
        return [" ".join(texts)]
    lengths = [len(t) for t in texts]
    prefix = [0]
    for length in lengths:
        prefix.append(prefix[-1] + length)

    def width(i: int, j: int) -> int:  # words i..j-1 on one row
        return prefix[j] - prefix[i] + (j - i - 1)

    inf = float("inf")
    # best[k][j]: lowest cost of putting words 0..j-1 on k rows
    best: list[list[float]] = [[inf] * (n + 1) for _ in range(rows + 1)]
    back: list[list[int]] = [[0] * (n + 1) for _ in range(rows + 1)]
    best[0][0] = 0.0
    for k in range(1, rows + 1):
        for j in range(1, n + 1):
            for i in range(j - 1, -1, -1):
                w = width(i, j)
                if w > max_chars and j - i > 1:
                    break
                if best[k - 1][i] == inf:
                    continue
                cost = best[k - 1][i] + (max_chars - min(w, max_chars)) ** 2
                if i > 0 and not texts[i - 1].endswith(_SENTENCE_END + _CLAUSE_END):
                    cost += 4.0
                if k > 1 and i > 0:
                    above = width(back[k - 1][i], i)
                    if above > w:
                        cost += 2.0  # prefer bottom-heavy
                if cost < best[k][j]:
                    best[k][j] = cost
                    back[k][j] = i
    lines: list[str] = []
    j = n
    for k in range(rows, 0, -1):
        i = back[k][j]
        lines.append(" ".join(texts[i:j]))
        j = i
    return lines[::-1]


class _CueBuilder:
    def __init__(self, options: SegmentOptions) -> None:
        self.options = options

    def rows(self, words: Sequence[Word]) -> int:
        """Rows the words need: for their length, and for their duration when a row
        may only stay on screen so long (Amberscript's screen time per row)."""
        options = self.options
        rows = rows_needed([len(w.text) for w in words], options.max_chars_per_row)
        if options.max_screen_time_per_row and len(words) > rows:
            per_row = round(options.max_screen_time_per_row * 1000)
            by_time = -(-(words[-1].end - words[0].start) // per_row)
            rows = max(rows, min(by_time, options.max_rows, len(words)))
        return rows

    def fits(self, words: Sequence[Word]) -> bool:
        options = self.options
        rows = self.rows(words)
        if rows > options.max_rows and len(words) > 1:
            return False
        if options.max_chars_per_subtitle is not None and len(words) > 1:
            if sum(len(w.text) for w in words) + len(words) - 1 > options.max_chars_per_subtitle:
                return False
        limit = options.max_duration_ms(max(rows, 1))
        if limit is not None and len(words) > 1 and words[-1].end - words[0].start > limit:
            return False
        return True

    def cue(self, words: Sequence[Word], speaker: str | None) -> Cue:
        options = self.options
        rows = self.rows(words)
        lines = break_lines([w.text for w in words], options.max_chars_per_row, rows)
        for word in words:
            if len(word.text) > options.max_chars_per_row:
                warn(f"the word {word.text!r} at {format_vtt(word.start)} has {len(word.text)} characters, "
                     f"more than a row's {options.max_chars_per_row}; it stands alone on its row")
        start, end = words[0].start, max(w.end for w in words)
        limit = options.max_duration_ms(max(rows, 1))
        if limit is not None and end - start > limit:
            end = start + limit
        return Cue(start, max(end, start), lines, speaker)


def _cut_index(words: Sequence[Word]) -> int:
    """Where to end a full cue: after its last sentence end, else its last clause mark,
    if that keeps at least half the words; else after all of them."""
    half = len(words) // 2
    for marks in (_SENTENCE_END, _CLAUSE_END):
        for i in range(len(words) - 1, max(half, 1) - 1, -1):
            if words[i - 1].text.endswith(marks):
                return i
    return len(words)


def segment(segments: Sequence[Segment], options: SegmentOptions | None = None) -> list[Cue]:
    """Cut speaker turns into cues under ``options``: hard limits always hold, a speaker
    change always starts a new cue, and cues never overlap."""
    options = options or SegmentOptions()
    builder = _CueBuilder(options)
    cues: list[Cue] = []
    for turn in segments:
        pending: list[Word] = []
        for word in turn.words:
            if not word.text.strip():
                continue
            if pending and word.start - pending[-1].end >= _PAUSE_CUT_MS:
                cues.append(builder.cue(pending, turn.speaker))
                pending = []
            candidate = pending + [word]
            if not pending or builder.fits(candidate):
                pending = candidate
                continue
            cut = _cut_index(pending)
            cues.append(builder.cue(pending[:cut], turn.speaker))
            pending = pending[cut:] + [word]
            while len(pending) > 1 and not builder.fits(pending):
                cues.append(builder.cue(pending[:-1], turn.speaker))
                pending = pending[-1:]
        if pending:
            cues.append(builder.cue(pending, turn.speaker))
    _remove_overlaps(cues)
    return cues


def _remove_overlaps(cues: list[Cue]) -> None:
    cues.sort(key=lambda c: c.start)
    for current, following in zip(cues, cues[1:]):
        if current.end > following.start:
            current.end = max(current.start, following.start)
