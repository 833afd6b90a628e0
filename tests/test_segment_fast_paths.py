"""The segmenter's shortcuts against the plain ways they stand in for: the soft-limit report without a
Python step per cue, the language guess that counts each distinct word once, the cue timing."""
from __future__ import annotations

import dataclasses
import gc
import warnings

from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import segment_limits

from scribekit import Cue, Segment, SegmentOptions, Word, segment
from scribekit.segmentation.language import available_languages, bare, guess_language, word_lists
from scribekit.segmentation.lint import SOFT_RULES, lint, soft_breaks
from scribekit.segmentation.timing import MAX_LINGER_MS, finish_timing, frames_to_ms


@st.composite
def cue_lists(draw: st.DrawFn) -> list[Cue]:
    cues = []
    t = draw(st.integers(0, 3000))
    for _ in range(draw(st.integers(0, 30))):
        start = max(t - draw(st.sampled_from([0, 0, 0, 40, 500])), 0)  # some overlap the cue before
        end = start + draw(st.sampled_from([0, 1, 80, 400, 833, 2000, 9000]))
        words = draw(st.lists(st.sampled_from(["a", "word", "longer", "<i>tagged</i>", "ok."]), max_size=12))
        lines = [" ".join(words[:6]), " ".join(words[6:])] if len(words) > 6 else [" ".join(words)]
        cues.append(Cue(start, end, lines))
        t = end + draw(st.sampled_from([0, 0, 20, 40, 80, 120, 1000]))
    return cues


@settings(max_examples=300, deadline=None)
@given(cues=cue_lists(), options=segment_limits)
def test_soft_breaks_are_what_lint_finds_grouped_by_rule(cues: list[Cue], options: SegmentOptions) -> None:
    expected: dict[str, list[int]] = {}
    for violation in lint(cues, options, SOFT_RULES):
        expected.setdefault(violation.rule, []).append(violation.cue)
    found = soft_breaks(cues, options)
    assert found == expected
    assert list(found) == list(expected)  # in the order lint reports them first


def _guess_word_by_word(texts: list[str], sample: int = 3000) -> str | None:
    """guess_language as it was written first: a count over the words for each language."""
    words = [bare(t) for t in texts[:sample]]
    if len(words) < 20:
        return None
    scores = []
    vocabularies = {}
    for code in available_languages():
        lists = word_lists(code)
        vocabulary = vocabularies[code] = (lists.articles | lists.prepositions | lists.conjunctions
                                           | lists.pronouns | lists.auxiliaries)
        scores.append((sum(1 for w in words if w in vocabulary) / len(words), code))
    scores.sort(reverse=True)
    (best, code), (second, runner_up) = scores[0], scores[1]
    if best < 0.15:
        return None
    if best >= 1.3 * second:
        return code
    mine, theirs = vocabularies[code], vocabularies[runner_up]
    own = sum(1 for w in words if w in mine and w not in theirs)
    other = sum(1 for w in words if w in theirs and w not in mine)
    return code if own >= 3 and own >= 3 * other else None


def _function_words() -> list[str]:
    words: set[str] = set()
    for code in available_languages():
        lists = word_lists(code)
        words |= lists.articles | lists.prepositions | lists.conjunctions | lists.pronouns | lists.auxiliaries
    return sorted(words)


FUNCTION_WORDS = _function_words()


@settings(max_examples=300, deadline=None)
@given(texts=st.lists(st.one_of(st.sampled_from(FUNCTION_WORDS),
                                st.sampled_from(["Hello,", "«de»", "zzz", "DER", "it’s"])), max_size=120),
       sample=st.sampled_from([3000, 25, 60]), language=st.sampled_from(available_languages()),
       share=st.integers(0, 200), seed=st.integers(0, 1000))
def test_guess_language_counts_as_a_count_word_by_word_does(texts: list[str], sample: int, language: str,
                                                            share: int, seed: int) -> None:
    import random

    lists = word_lists(language)
    own = sorted(lists.articles | lists.prepositions | lists.conjunctions | lists.pronouns | lists.auxiliaries)
    texts = texts + random.Random(seed).choices(own, k=share)  # mostly one language's words (Danish, Norwegian...)
    assert guess_language(texts, sample) == _guess_word_by_word(texts, sample)


@settings(max_examples=150, deadline=None)
@given(words=st.lists(st.tuples(st.sampled_from(["so", "we", "went.", "home,", "and", "then", "Anna", "said"]),
                                st.integers(0, 3000), st.integers(0, 3000)), min_size=1, max_size=60),
       options=segment_limits)
def test_the_collector_is_paused_while_cutting_and_restored_after(words: list[tuple[str, int, int]],
                                                                    options: SegmentOptions) -> None:
    t = 0
    turn = []
    for text, duration, pause in words:
        turn.append(Word(text, t, t + duration))
        t += duration + pause
    options = dataclasses.replace(options, language="en")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert gc.isenabled()
        segment([Segment("a", turn)], options)
        assert gc.isenabled()
        gc.disable()
        try:
            segment([Segment("a", turn)], options)
            assert not gc.isenabled()
        finally:
            gc.enable()


def _finish_timing_cue_by_cue(cues: list[Cue], options: SegmentOptions) -> None:
    """finish_timing as it was written first: each cue's reading time measured on its own."""
    def reading_time(cue: Cue) -> int:
        if not (options.max_cps or options.max_wpm):
            return 0
        text = " ".join(cue.lines)
        needed = 0.0
        if options.max_cps:
            needed = len(text) * 1000 / options.max_cps
        if options.max_wpm:
            needed = max(needed, len(text.split()) * 60_000 / options.max_wpm)
        return round(needed + 0.5)

    fps = options.frame_rate
    gap = frames_to_ms(options.min_gap_frames, fps) if options.min_gap_frames else 0
    close_under = frames_to_ms(options.close_gaps_frames, fps) if options.close_gaps_frames else 0
    min_ms = round(options.min_duration * 1000) if options.min_duration else 0
    limits = [options.max_duration_ms(max(rows, 1)) for rows in range(options.max_rows + 1)]
    for index, cue in enumerate(cues):
        end = max(cue.end, cue.start)
        reading_ms = reading_time(cue)
        if reading_ms and end - cue.start < reading_ms:
            end = min(cue.start + reading_ms, end + MAX_LINGER_MS)
        if min_ms and end - cue.start < min_ms:
            end = cue.start + min_ms
        if index + 1 < len(cues):
            next_start = cues[index + 1].start
            latest = next_start - gap
            if end > latest or (close_under and next_start - end < close_under):
                end = latest
            end = min(max(end, cue.start), next_start)
        rows = len(cue.lines)
        limit = limits[rows] if rows < len(limits) else options.max_duration_ms(rows)
        if limit is not None and end - cue.start > limit:
            end = cue.start + limit
        cue.end = end


@settings(max_examples=300, deadline=None)
@given(cues=cue_lists(), options=segment_limits)
def test_finish_timing_times_the_cues_as_cue_by_cue_timing_does(cues: list[Cue], options: SegmentOptions) -> None:
    cues.sort(key=lambda cue: cue.start)
    copies = [dataclasses.replace(cue) for cue in cues]
    finish_timing(cues, options)
    _finish_timing_cue_by_cue(copies, options)
    assert [(c.start, c.end) for c in cues] == [(c.start, c.end) for c in copies]
