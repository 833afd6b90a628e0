"""The segmenter: chooses every cue break and line break of a speaker turn at once,
by dynamic programming over the positions between words.

A cue is a run of words; its cost adds up where it ends (punctuation, pauses,
the language's no-break rules), how its lines break, how long and how fast it
reads, and a fixed price per cue so that cues are filled. Hard limits (chars a
row, rows, duration, screen time per row, chars a cue) make a run infeasible;
soft ones (reading speed, minimum duration) only cost. A speaker change always
ends a cue. Each word may start a new cue, and a cue can hold only as many words
as fit on its rows, so the work grows linearly with the transcript.

The cue and line-break programs run in C (``_core.c``, through ``accelerator``)
when that is built; the Python here is their reference, and gives the same cues.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import accumulate, islice
from operator import attrgetter, ge
from typing import Any

from .. import collector
from ..errors import warn
from ..model import Cue, Segment, Transcript, Word
from ..timecode import MAX_MS, format_vtt
from ..transforms import sounds_apart
from . import accelerator
from .cues_to_words import word_segments
from .language import (
    CUE_WEIGHTS,
    LINE_WEIGHTS,
    UNSPACED,
    UNSPACED_PIECES,
    WordLists,
    WordProfile,
    cut_costs,
    guess_language,
    is_unspaced_script,
    lexicon,
    sentence_ends,
    unspaced_runs,
    word_lists,
    word_profiles,
)
from .options import SegmentOptions
from .timing import check_range, finish_timing

CUE_PRICE = 8.0
ROW_PRICE = 4.0
SHORT_CUE_SHARE = 4 / 7
"""A cue shorter than this share of a row (24 of 42 characters) costs ``SHORT_CUE_PRICE`` for each
character it lacks."""
SHORT_CUE_PRICE = 0.5
INSIDE_PRICE = 1.0
"""Per unit of ``inside_units``: a cue that holds the end of a sentence or a clause before its last word."""
SENTENCE_INSIDE_UNITS = 8
CLAUSE_INSIDE_UNITS = 4
BALANCE_PRICE = 48.0
"""Per row: its length's distance from an even share of the cue's text, in rows of ``max_chars``, squared
(a few characters either way cost little, so that syntax decides; a lopsided cue costs much)."""
CPS_PRICE = 1.5
SOFT_LIMIT_PRICE = 10.0
"""A soft limit (reading speed, minimum duration) broken at all: more than the style prices, so that a
soft limit holds wherever the speech leaves room."""
MIN_DURATION_PRICE = 24.0
BOUNDARY_COST_LIMIT = 4.0
_START = attrgetter("start")


@dataclass
class _Turn:
    """One speaker turn as arrays, after splitting unspaced-script words into characters."""

    speaker: str | None
    texts: list[str]
    joined: list[bool]
    """``joined[k]``: word k follows word k-1 without a space."""
    starts: list[int]
    ends: list[int]
    """Running maximum of the word ends (providers' word times may overlap)."""
    hints: list[bool]
    spaced: bool
    """No word is joined to the one before (no unspaced script in the turn)."""
    words: list[Word]
    """The turn's words with text, as given (times not made running maxima)."""
    pieces: list[tuple[int, int, int]] | None = None
    """For a turn cut into characters: per piece, the index of its word in ``words`` and the
    piece's own share of that word's time; None when piece k is word k."""

    def word_counts(self) -> list[int]:
        """``counts[k]``: how many of pieces 1..k-1 start a word (pieces of one word count once)."""
        pieces = self.pieces
        counts = [0] * (len(self.texts) + 1)
        for k in range(1, len(self.texts)):
            counts[k + 1] = counts[k] + (pieces is None or pieces[k][0] != pieces[k - 1][0])
        return counts

    def cue_words(self, i: int, j: int) -> list[Word]:
        """The words of pieces i..j-1: a word cut by a cue boundary as a Word of its pieces there."""
        if self.pieces is None:
            return self.words[i:j]
        pieces, words = self.pieces, self.words
        result: list[Word] = []
        k = i
        while k < j:
            index = pieces[k][0]
            last = k
            while last + 1 < j and pieces[last + 1][0] == index:
                last += 1
            word = words[index]
            whole = (k == 0 or pieces[k - 1][0] != index) and (last + 1 == len(pieces)
                                                                 or pieces[last + 1][0] != index)
            if whole:
                result.append(word)
            else:
                result.append(Word("".join(self.texts[k:last + 1]), pieces[k][1], pieces[last][2],
                                   word.confidence, word.extra, sound=word.sound))
            k = last + 1
        return result

    def gaps(self) -> list[int]:
        """``gaps[k]``: the silence in ms before word k."""
        return [0] + [start - end if start > end else 0 for start, end in zip(self.starts[1:], self.ends)]

    def text(self, i: int, j: int) -> str:
        """Words i..j-1 as a line."""
        if self.spaced:
            return " ".join(self.texts[i:j])
        parts = []
        for k in range(i, j):
            if k > i and not self.joined[k]:
                parts.append(" ")
            parts.append(self.texts[k])
        return "".join(parts)


LONG_UNSPACED = 4096
"""A word of more characters than this with Han or kana in it is cut into rows, not characters."""


def _split_unspaced(text: str, start: int, end: int, width: int) -> list[tuple[str, int, int]]:
    """Han and kana characters one by one, other runs (a Latin word) whole; times shared out.

    In a word longer than ``LONG_UNSPACED`` (no speech has one; a file or a program may), runs of
    Han and kana are cut every ``width`` characters (a row) instead: a piece per character would
    cost a few hundred bytes each (texts, times, profiles, cut costs) and the work with them.
    """
    pieces = (unspaced_runs(max(1, min(width, LONG_UNSPACED))) if len(text) > LONG_UNSPACED
              else UNSPACED_PIECES).findall(text)
    span = max(end - start, 0)
    total = len(text)
    parts = []
    offset = 0
    for piece in pieces:
        parts.append((piece, start + span * offset // total, start + span * (offset + len(piece)) // total))
        offset += len(piece)
    return parts


def _turn(segment: Segment, width: int = 42, floor: tuple[int, int] | None = None) -> _Turn:
    """``segment``'s words as arrays; its times running maxima from ``floor`` (the last start and end
    of the run of the same turn before it, where sound events cut a turn in runs)."""
    words = segment.words
    texts = [word.text.strip() for word in words]
    if "" in texts:
        words = [word for word, text in zip(words, texts) if text]
        texts = [text for text in texts if text]
    if UNSPACED.search(" ".join(texts)):
        return _turn_with_unspaced_script(segment, width, floor)
    starts = [word.start for word in words]
    ends = [word.end for word in words]
    if floor is not None and starts and (starts[0] < floor[0] or ends[0] < floor[1]):
        starts[0], ends[0] = max(starts[0], floor[0]), max(ends[0], floor[1], starts[0])
    if not (starts == sorted(starts) and ends == sorted(ends) and all(map(ge, ends, starts))):
        # Running maxima: providers' word times may overlap, and a word may end before it starts.
        ends = list(accumulate(map(max, starts, ends), max))
        starts = list(accumulate(starts, max))
    hints = [word.cue_end for word in words]
    return _Turn(segment.speaker, texts, [False] * len(texts), starts, ends, hints, True, words)


def _turn_with_unspaced_script(segment: Segment, width: int = 42, floor: tuple[int, int] | None = None) -> _Turn:
    """``_turn`` for text with Han or kana, cut into characters."""
    texts: list[str] = []
    joined: list[bool] = []
    starts: list[int] = []
    ends: list[int] = []
    hints: list[bool] = []
    kept: list[Word] = []
    pieces: list[tuple[int, int, int]] = []
    last_start, last_end = floor or (-(10 ** 15), -(10 ** 15))
    for word in segment.words:
        text = word.text.strip()
        if not text:
            continue
        unspaced = UNSPACED.search(text) is not None
        parts = _split_unspaced(text, word.start, word.end, width) if unspaced and len(text) > 1 \
            else [(text, word.start, word.end)]
        index = len(kept)
        kept.append(word)
        for number, (part, start, end) in enumerate(parts):
            pieces.append((index, start, end))
            joined.append(number > 0 or (unspaced and bool(texts) and is_unspaced_script(texts[-1][-1])
                                         and is_unspaced_script(part[0])))
            texts.append(part)
            if start > last_start:
                last_start = start
            if end > last_end:
                last_end = end
            if last_start > last_end:
                last_end = last_start
            starts.append(last_start)
            ends.append(last_end)
            hints.append(False)
        if word.cue_end:
            hints[-1] = True
    return _Turn(segment.speaker, texts, joined, starts, ends, hints, not any(joined), kept,
                 None if len(pieces) == len(kept) else pieces)


class _Layout:
    """Line lengths of word runs of one turn, in O(1) each."""

    def __init__(self, turn: _Turn, max_chars: int) -> None:
        n = len(turn.texts)
        self.sep = [0 if (k == 0 or turn.joined[k]) else 1 for k in range(n)]
        prefix = [0] * (n + 1)
        for k in range(n):
            prefix[k + 1] = prefix[k] + self.sep[k] + len(turn.texts[k])
        self.prefix = prefix
        # line_end[i]: the furthest j with words i..j-1 on one row (at least i+1)
        line_end = [0] * n
        j = 0
        for i in range(n):
            j = max(j, i + 1)
            while j < n and prefix[j + 1] - prefix[i] - self.sep[i] <= max_chars:
                j += 1
            line_end[i] = j
        self.line_end = line_end
        # line_start[j]: the earliest i with words i..j-1 on one row (at most j-1)
        line_start = [0] * (n + 1)
        i = 0
        for j in range(1, n + 1):
            while i < j - 1 and prefix[j] - prefix[i] - self.sep[i] > max_chars:
                i += 1
            line_start[j] = i
        self.line_start = line_start

    def width(self, i: int, j: int) -> int:
        return self.prefix[j] - self.prefix[i] - self.sep[i]

    def rows(self, i: int, j: int, cap: int) -> int:
        """Fewest rows for words i..j-1 (counting stops past ``cap``)."""
        rows = 0
        line_end = self.line_end
        while i < j and rows <= cap:
            i = line_end[i]
            rows += 1
        return rows


def _choose_cues(turn: _Turn, layout: _Layout, limits: Limits, cue_cut: list[float],
                 line_cut: list[float], inside_units: list[int],
                 boundary_cost_limit: float | None) -> list[tuple[int, int, int]] | None:
    """The best cues of one turn as (first word, end word, rows).

    With ``boundary_cost_limit`` only positions whose cut costs less may end a
    cue (a cue is never worth ending after an article, say, unless the limits
    leave no other way): far fewer runs to weigh. None when that leaves no way
    through the limits.
    """
    n = len(turn.texts)
    allowed = [True] * (n + 1)
    if boundary_cost_limit is not None:
        for k in range(1, n):
            allowed[k] = cue_cut[k] < boundary_cost_limit
    previous_allowed = [0] * (n + 1)  # the nearest position at or before k that may end a cue
    last = 0
    for k in range(n + 1):
        if allowed[k]:
            last = k
        previous_allowed[k] = last
    starts, ends = turn.starts, turn.ends
    max_rows = limits.max_rows
    max_chars = limits.max_chars
    max_ms = limits.max_ms
    per_row_ms = limits.per_row_ms
    cue_chars = limits.cue_chars
    max_cps = limits.max_cps
    max_wpm = limits.max_wpm
    min_ms = limits.min_ms
    prefix, sep = layout.prefix, layout.sep
    line_start, line_end = layout.line_start, layout.line_end
    limit_of = limits.limit_of
    widest = max_chars * max_rows + max_rows - 1
    max_words = limits.max_words
    counted = turn.word_counts() if max_words is not None else []
    inside = [0] * (n + 1)  # units of the sentence and clause ends before words 1..k
    for k in range(1, n):
        inside[k] = inside[k - 1] + inside_units[k]
    inside[n] = inside[n - 1] if n else 0
    inf = math.inf
    cue_price, row_price, inside_price = CUE_PRICE, ROW_PRICE, INSIDE_PRICE
    short_chars, short_price = short_cue_chars(max_chars), SHORT_CUE_PRICE
    no_limit = max_ms is None
    if cue_chars is not None:
        widest = min(widest, cue_chars)
    best = [inf] * (n + 1)
    back = [0] * (n + 1)
    rows_of = [1] * (n + 1)
    best[0] = 0.0
    for j in range(1, n + 1):
        if not allowed[j]:
            continue
        end_ms = ends[j - 1]
        next_start = starts[j] if j < n else end_ms + 10_000
        prefix_j = prefix[j]
        inside_j = inside[j - 1]
        first_row_start = line_start[j]
        found, found_i, found_rows = inf, j - 1, 1
        i = j
        while i > 0:
            i = previous_allowed[i - 1]
            if max_words is not None and counted[j] - counted[i + 1] >= max_words:
                break  # more words than a cue may hold (before the reachability test: linear time)
            cost = best[i]
            if cost == inf:
                continue
            start_ms = starts[i]
            chars = prefix_j - prefix[i] - sep[i]
            duration = end_ms - start_ms
            single = i == j - 1
            if not single and (chars > widest or (not no_limit and duration > max_ms)):  # type: ignore[operator]
                break
            if chars <= max_chars:
                rows = 1
            else:
                row_end = line_end[i]
                if row_end >= j:
                    rows = 1
                elif line_end[row_end] >= j:
                    rows = 2
                else:
                    rows = layout.rows(i, j, max_rows)
                if rows > max_rows and not single:
                    break
            if not single:
                if per_row_ms:
                    needed = -(-duration // per_row_ms)
                    if needed > max_rows:
                        break
                    if needed > rows:
                        if needed > j - i:
                            continue
                        rows = needed
                    limit = limit_of[rows]
                    if limit is not None and duration > limit:
                        continue
            cost += cue_price
            if rows > 1:
                cost += (rows - 1) * row_price
                if rows == 2:
                    low = first_row_start if first_row_start > i else i + 1
                    high = line_end[i] if line_end[i] < j else j - 1
                    if low < high:
                        cost += min(line_cut[low:high + 1])
                    elif low == high:
                        cost += line_cut[low]
            if chars < short_chars:
                cost += (short_chars - chars) * short_price
            if inside_j != inside[i]:
                cost += inside_price * (inside_j - inside[i])
            if max_cps or max_wpm or min_ms:
                shown = next_start - start_ms
                if max_ms is not None and shown > max_ms:
                    shown = max_ms
                if shown > 0:
                    if max_cps and chars * 1000 > max_cps * shown:
                        cost += SOFT_LIMIT_PRICE + CPS_PRICE * (chars * 1000 / shown - max_cps)
                    if max_wpm and (j - i) * 60_000 > max_wpm * shown:
                        cost += SOFT_LIMIT_PRICE + CPS_PRICE * ((j - i) * 60_000 / shown - max_wpm) / 6
                if min_ms and shown < min_ms:
                    cost += SOFT_LIMIT_PRICE + MIN_DURATION_PRICE * (min_ms - max(shown, 0)) / 1000
            if cost < found:
                found, found_i, found_rows = cost, i, rows
        best[j] = found + (cue_cut[j] if j < n else 0.0)
        back[j] = found_i
        rows_of[j] = found_rows
    if best[n] == math.inf:
        return None
    cues = []
    j = n
    while j > 0:
        i = back[j]
        cues.append((i, j, rows_of[j]))
        j = i
    return cues[::-1]


def _break_lines(layout: _Layout, i: int, j: int, rows: int, max_chars: int,
                 line_cut: list[float]) -> list[tuple[int, int]]:
    """Words i..j-1 on ``rows`` rows: the cheapest breaks, rows near an even share of the text."""
    if rows <= 1 or j - i <= 1:
        return [(i, j)]
    rows = min(rows, j - i)
    width = layout.width
    target = width(i, j) / rows
    # best[r][k]: words i..k-1 on r rows
    best: list[dict[int, float]] = [{i: 0.0}] + [{} for _ in range(rows)]
    back: list[dict[int, int]] = [{} for _ in range(rows + 1)]
    for r in range(1, rows + 1):
        ends = [j] if r == rows else range(i + r, j - (rows - r) + 1)
        for k in ends:
            for start, before in best[r - 1].items():
                if start >= k:
                    continue
                w = width(start, k)
                if w > max_chars and k - start > 1:
                    continue
                deviation = (w - target) / max_chars
                cost = before + BALANCE_PRICE * (deviation * deviation)
                if start > i:
                    cost += line_cut[start]
                if cost < best[r].get(k, math.inf):
                    best[r][k] = cost
                    back[r][k] = start
    if j not in best[rows]:
        return [(i, j)]
    spans = []
    k = j
    for r in range(rows, 0, -1):
        start = back[r][k]
        spans.append((start, k))
        k = start
    return spans[::-1]


@dataclass(frozen=True, slots=True)
class Limits:
    """A segmentation's limits as the cue program counts them, in characters and
    milliseconds (None: no limit); the C core reads them by these names."""

    max_chars: int
    max_rows: int
    limit_of: tuple[int | None, ...]
    """``limit_of[r]``: the longest a cue of r rows may last (r = 0 counts as one row)."""
    per_row_ms: int | None
    cue_chars: int | None
    max_cps: float | None
    max_wpm: float | None
    min_ms: int | None
    max_words: int | None = None
    """Words a cue (a word cut into pieces counts once); the C core leaves it to the Python."""

    @classmethod
    def of(cls, options: SegmentOptions) -> Limits:
        return cls(
            max_chars=options.max_chars_per_row, max_rows=options.max_rows,
            limit_of=tuple(options.max_duration_ms(max(rows, 1)) for rows in range(options.max_rows + 1)),
            per_row_ms=round(options.max_screen_time_per_row * 1000) if options.max_screen_time_per_row else None,
            cue_chars=options.max_chars_per_subtitle, max_cps=options.max_cps or None,
            max_wpm=options.max_wpm or None,
            min_ms=round(options.min_duration * 1000) if options.min_duration else None,
            max_words=options.words_per_cue)

    @property
    def max_ms(self) -> int | None:
        """The longest any cue may last."""
        return self.limit_of[self.max_rows]

    def numbers(self) -> list[float]:
        """Every number in the limits (for ``accelerator.fits``)."""
        return [value for value in (self.max_chars, self.max_rows, *self.limit_of, self.per_row_ms, self.cue_chars,
                                    self.max_cps, self.max_wpm, self.min_ms) if value is not None]


@dataclass(frozen=True, slots=True)
class Prices:
    """The constants above, by the names the C core reads."""

    cue: float = CUE_PRICE
    row: float = ROW_PRICE
    short_cue: float = SHORT_CUE_PRICE
    short_cue_chars: int = 24
    """``short_cue_chars(max_chars)``: ``for_rows`` sets it."""
    inside: float = INSIDE_PRICE
    cps: float = CPS_PRICE
    soft_limit: float = SOFT_LIMIT_PRICE
    min_duration: float = MIN_DURATION_PRICE
    balance: float = BALANCE_PRICE

    @classmethod
    @cache
    def for_rows(cls, max_chars: int) -> Prices:
        """The prices for rows of ``max_chars`` characters."""
        return cls(short_cue_chars=short_cue_chars(max_chars))


def short_cue_chars(max_chars: int) -> int:
    return max(1, round(max_chars * SHORT_CUE_SHARE))

Plan = list[tuple[int, ...]]
"""The cues of a turn, each as its line boundaries: (first word, first word of row 2, ..., end word)."""


def inside_units(profiles: list[WordProfile]) -> list[int]:
    """``units[k]``: what a cue pays (in ``INSIDE_PRICE``) for going on past a sentence end or a clause
    end before word k: a subtitler starts a new cue there when the limits allow."""
    units = (0, CLAUSE_INSIDE_UNITS, SENTENCE_INSIDE_UNITS)  # by WordProfile.stop
    return [0] + [units[profile.stop] for profile in profiles[:-1]] if profiles else []


def _plan(turn: _Turn, limits: Limits, cue_cut: list[float], line_cut: list[float],
          inside_units: list[int], boundary_cost_limit: float | None) -> Plan | None:
    layout = _Layout(turn, limits.max_chars)
    chosen = _choose_cues(turn, layout, limits, cue_cut, line_cut, inside_units, boundary_cost_limit)
    if chosen is None:
        return None
    planned = []
    for i, j, rows in chosen:
        spans = _break_lines(layout, i, j, rows, limits.max_chars, line_cut)
        planned.append((i, *(end for _, end in spans)))
    return planned


def _plan_compiled(turn: _Turn, limits: Limits, cue_cut: list[float], line_cut: list[float],
                   inside_units: list[int], boundary_cost_limit: float | None) -> Plan | None:
    """``_plan`` in C (segmentation/_core.c): the same cues, faster, for a turn within the core's
    range (see ``segment``)."""
    assert accelerator.core is not None
    planned: Plan | None = accelerator.core.plan(
        lengths=[len(text) for text in turn.texts], joined=turn.joined, starts=turn.starts, ends=turn.ends,
        cue_cut=cue_cut, line_cut=line_cut, inside_units=inside_units, limits=limits,
        prices=Prices.for_rows(limits.max_chars), boundary_cost_limit=boundary_cost_limit)
    return planned


def segment(segments: Transcript | Sequence[Segment], options: SegmentOptions | None = None,
            language: str | None = None) -> list[Cue]:
    """Cut speaker turns into cues under ``options``.

    ``segments`` are the speaker turns, or a transcript: its turns, or for one read
    from a subtitle file the words made from its cues (``word_segments``), whose old
    cue ends are hints. Sound events (``Word.sound``) get cues of their own. The
    language's word lists come from ``options.language``, else ``language``, else the
    transcript's ``metadata.language``, else the text (``guess_language``), else the
    generic ones.
    """
    # The collector's full passes over every word of a long transcript, set off by the cues and lists
    # made here, would cost more than the cutting.
    with collector.paused(settle=True):
        return _segment(segments, options, language)


def _segment(segments: Transcript | Sequence[Segment], options: SegmentOptions | None,
             language: str | None) -> list[Cue]:
    if isinstance(segments, Transcript):
        language = language or segments.metadata.language
        segments = word_segments(segments)
    options = options or SegmentOptions()
    language = options.language or language
    if not language:
        language = turns_language(segments)
    lists = word_lists(language)
    limits = Limits.of(options)
    limits_fit = accelerator.fits(*limits.numbers())
    cues: list[Cue] = []
    too_long: list[tuple[str, int]] = []  # the words alone on a row too narrow, and their starts
    # A whole turn in one call of the C core when it is built and holds the limits and any time the
    # readers allow; it hands back the turns it leaves to the Python (unspaced scripts, times that are
    # no int within timecode.MAX_MS), which then weighs and plans them step by step.
    whole = hasattr(accelerator.core, "segment_turn") and limits_fit and limits.max_words is None \
        and accelerator.fits(-MAX_MS, MAX_MS)  # (a core built before segment_turn: the step-by-step way)
    known = lexicon(lists) if whole else None

    def in_one_call(segment_: Segment, floor: tuple[int, int] | None) -> Any:
        """The core's cut of a turn (or a run of one), None when it leaves it to the Python, False when
        the turn mixes speech and sound events."""
        if known is None:
            return None
        return accelerator.core.segment_turn(  # type: ignore[union-attr]
            words=segment_.words, speaker=segment_.speaker, floor=floor, codes=known.codes, profile=known.code,
            phrases=known.phrases, weights=(CUE_WEIGHTS, LINE_WEIGHTS), limits=limits,
            prices=Prices.for_rows(limits.max_chars), boundary_cost_limit=BOUNDARY_COST_LIMIT, cue=Cue)

    floor: tuple[int, int] | None
    for whole_turn in segments:
        made = in_one_call(whole_turn, None)
        if made:
            made_cues, long_words, last = made
            if last is not None:
                cues += made_cues
                too_long += long_words
            continue
        # a turn's sound events get cues of their own: the turn is cut in runs of speech and of sound,
        # each timed on from the run before it
        floor = None
        for segment_ in sounds_apart([whole_turn]):
            run = in_one_call(segment_, floor) if made is False else None
            if run:
                made_cues, long_words, last = run
                if last is not None:
                    floor = last
                    cues += made_cues
                    too_long += long_words
                continue
            turn = _turn(segment_, options.max_chars_per_row, floor)
            if not turn.texts:
                continue
            floor = turn.starts[-1], turn.ends[-1]
            for bounds in _plan_turn(turn, lists, limits, limits_fit):
                lines = [turn.text(a, b) for a, b in zip(bounds, bounds[1:])]
                for a, b in zip(bounds, bounds[1:]):
                    if b - a == 1 and len(turn.texts[a]) > options.max_chars_per_row:
                        too_long.append((turn.texts[a], turn.starts[a]))
                cues.append(Cue(turn.starts[bounds[0]], turn.ends[bounds[-1] - 1], lines, turn.speaker,
                                words=turn.cue_words(bounds[0], bounds[-1])))
    for text, start in too_long[:5]:
        warn(f"the word {_excerpt(text)} at {format_vtt(start)} is longer than a row "
             f"({options.max_chars_per_row} characters); it stands alone on its row")
    if len(too_long) > 5:
        warn(f"{len(too_long) - 5} more words are longer than a row ({options.max_chars_per_row} characters) "
             "and stand alone on their rows")
    cues.sort(key=_START)
    if options.dialogue_dashes:
        from .dialogue import join_dialogue

        cues = join_dialogue(cues, options, language)
    finish_timing(cues, options)
    _report_soft_limits(cues, options)
    return cues


def _plan_turn(turn: _Turn, lists: WordLists, limits: Limits, limits_fit: bool) -> Plan:
    """The cues of a turn, step by step (what the core's ``segment_turn`` does in one call)."""
    check_range(turn.starts[0], turn.ends[-1], "the words")
    profiles = word_profiles(turn.texts, lists)
    ends_sentence = sentence_ends(profiles)
    # The one range guard: the C core weighs this turn's cuts and plans its cues when it is built and
    # holds the limits and the turn's times (all between its first start and its last end, running
    # maxima, and whole milliseconds: a float a program put in a Word the Python takes as it is);
    # else the Python does both.
    compiled = accelerator.core is not None and limits_fit and accelerator.fits(turn.starts[0], turn.ends[-1]) \
        and all(type(time) is int for time in (*turn.starts, *turn.ends))
    costs = cut_costs(profiles, turn.gaps(), [False] + turn.hints[:-1], ends_sentence, compiled=compiled,
                      lists=lists)
    inside = inside_units(profiles)
    plan = _plan_compiled if compiled and limits.max_words is None else _plan
    planned = plan(turn, limits, costs.cue, costs.line, inside, BOUNDARY_COST_LIMIT) \
        or plan(turn, limits, costs.cue, costs.line, inside, None)
    assert planned is not None  # every word alone is always a way through
    return planned


def turns_language(segments: Sequence[Segment]) -> str | None:
    """The language ``guess_language`` finds in the first words of the turns (the segmenter's guess
    when neither the options nor the transcript say)."""
    return guess_language(list(islice((w.text for s in segments for w in s.words[:200]), 3000)))


def _excerpt(text: str, size: int = 40) -> str:
    """``text`` quoted, or its first ``size`` characters and its length when it is longer."""
    return repr(text) if len(text) <= size else f"{text[:size]!r}... ({len(text):,} characters)"


def _report_soft_limits(cues: list[Cue], options: SegmentOptions) -> None:
    """Say where the speech did not allow a soft limit (reading speed, minimum duration, gap)."""
    from .lint import soft_breaks

    if not (options.max_cps or options.max_wpm or options.min_duration or options.min_gap_frames):
        return
    for rule, numbers in soft_breaks(cues, options).items():
        first = cues[numbers[0] - 1]
        warn(f"{len(numbers)} of {len(cues)} cues break the soft limit {rule} where the speech leaves no room "
             f"(first: cue {numbers[0]} at {format_vtt(first.start)})")
