"""Why each break of a set of cues is where it is: the costs the segmenter weighs at every cue end
and row end, so that a user can see (and tune) what decided them. ``scribekit lint --explain``
prints them for the cues it checks, the segmenter's own or a file's."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..markup import strip_tags
from ..model import Cue
from ..timecode import format_vtt
from .cues_to_words import shared_times
from .language import (
    CUE_WEIGHTS,
    LINE_WEIGHTS,
    Weights,
    cut_reasons,
    guess_language,
    lexical_costs,
    sentence_ends,
    word_lists,
    word_profiles,
)


@dataclass(frozen=True)
class Break:
    """One break between two words: a cue's end (``row`` None) or the end of one of its rows."""

    cue: int
    """1-based number of the cue the break ends (or ends a row of)."""
    row: int | None
    time: int
    """Where the break falls: the end of the word before it, in ms."""
    before: str
    after: str
    reasons: tuple[tuple[str, float], ...]
    """What the cut's cost is made of, the largest first."""
    forced: str | None = None
    """Why a cue must end here whatever the costs (the speaker changes, a sound event starts or
    ends); such a break has no reasons."""

    @property
    def cost(self) -> float:
        return sum(cost for _, cost in self.reasons)

    def describe(self) -> str:
        where = f"cue {self.cue} ends" if self.row is None else f"cue {self.cue} row {self.row} ends"
        head = f"{where} at {format_vtt(self.time)} after {self.before!r}, before {self.after!r}"
        if self.forced:
            return f"{head}: {self.forced}"
        said = ", ".join(f"{reason} {cost:+.1f}" for reason, cost in self.reasons) or "no sign either way"
        return f"{head}: {self.cost:+.1f} ({said})"

    def as_dict(self) -> dict[str, Any]:
        return {"cue": self.cue, "row": self.row, "time": self.time, "before": self.before, "after": self.after,
                "cost": round(self.cost, 3), "reasons": [{"reason": r, "cost": round(c, 3)} for r, c in self.reasons],
                "forced": self.forced}


def explain(cues: list[Cue], language: str | None = None) -> list[Break]:
    """Every cue end and row end of ``cues`` (in time order) with the costs of a cut there: those
    of a cue end for a cue's last row, those of a row break for the others. The words come from
    the cues' rows (tags left out), timed by ``cue.words`` where the segmenter set them, else by
    the cue's time shared out by characters; ``language`` picks the word lists (guessed from the
    cues' words when None; ``segmenter.turns_language`` gives the segmenter's own guess). Each run
    of cues between two forced breaks (a speaker change, speech to sound or back) is weighed alone,
    as the segmenter weighs a turn."""
    texts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    ends_row: dict[int, tuple[int, int | None]] = {}  # word index -> (cue number, row or None)
    forced: dict[int, str] = {}
    previous: Cue | None = None
    for number, cue in enumerate(cues, 1):
        rows = [strip_tags(line).split() for line in cue.lines]
        words = [word for row_words in rows for word in row_words]
        if not words:
            continue
        timed = cue.words if cue.words and [w.text.strip() for w in cue.words] == words else None
        if timed:
            times = [(w.start, w.end) for w in timed]
        else:  # times shared out by characters: no pause between a cue's words
            shared = [end for _, _, end in shared_times(" ".join(words), cue.start, cue.end)]
            times = list(zip([cue.start, *shared[:-1]], shared))
        if previous is not None and texts:
            if previous.speaker != cue.speaker:
                forced[len(texts)] = "the speaker changes"
            elif _is_sound(previous) != _is_sound(cue):
                forced[len(texts)] = "a sound event starts or ends"
        offset = len(texts)
        for row_number, row_words in enumerate(rows[:-1], 1):
            offset += len(row_words)
            if row_words:
                ends_row[offset] = (number, row_number)
        texts.extend(words)
        starts.extend(start for start, _ in times)
        ends.extend(end for _, end in times)
        ends_row[len(texts)] = (number, None)
        previous = cue
    if not texts:
        return []
    lists = word_lists(language or guess_language(texts[:3000]))
    found = []
    edges = [0, *sorted(forced), len(texts)]
    for first, end in zip(edges, edges[1:]):  # each speaker turn, and each run of speech or sound, alone
        if first in forced:
            cue_number, row = ends_row[first]
            found.append(Break(cue_number, row, ends[first - 1], texts[first - 1], texts[first], (), forced[first]))
        profiles = word_profiles(texts[first:end], lists)
        sentence_end = sentence_ends(profiles)
        hints = [False] * len(profiles)
        gaps = [0] + [max(start - stop, 0) for start, stop in zip(starts[first + 1:end], ends[first:end - 1])]
        lexical = {k: (phrase, negation) for k, phrase, negation in lexical_costs(profiles, sentence_end, lists)}
        for k in range(1, end - first):
            if first + k not in ends_row:
                continue
            cue_number, row = ends_row[first + k]
            weights: Weights = CUE_WEIGHTS if row is None else LINE_WEIGHTS
            reasons = sorted(cut_reasons(profiles, sentence_end, hints, gaps, lexical, weights, k),
                             key=lambda pair: -abs(pair[1]))
            found.append(Break(cue_number, row, ends[first + k - 1], texts[first + k - 1], texts[first + k],
                               tuple(reasons)))
    return found


def _is_sound(cue: Cue) -> bool:
    return cue.words is not None and len(cue.words) > 0 and all(word.sound for word in cue.words)
