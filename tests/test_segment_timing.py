"""Cue ends after the cuts (segmentation/timing.py), with exact expected times: reading time, minimum
duration into the silence after a cue, the gap between cues in frames, small gaps closed, the hard
duration limits; and the range every time is checked against."""
from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

from scribekit.errors import WriteError
from scribekit.model import Cue
from scribekit.segmentation.options import SegmentOptions
from scribekit.segmentation.timing import MAX_LINGER_MS, check_range, finish_timing, frames_to_ms
from scribekit.timecode import MAX_MS

Span = tuple[int, int, list[str]]


def ends(spans: list[Span], **options: Any) -> list[int]:
    """The cue ends finish_timing gives cues ``(start, end, lines)``; options not given are off
    (no minimum or maximum duration)."""
    cues = [Cue(start, end, lines) for start, end, lines in spans]
    finish_timing(cues, SegmentOptions(**{"min_duration": None, "max_duration": None, **options}))
    assert [cue.start for cue in cues] == [start for start, _, _ in spans]  # starts stay on the speech
    return [cue.end for cue in cues]


def one(start: int, end: int, text: str = "text", **options: Any) -> int:
    """The end of one cue (the last: nothing after it) of one row."""
    return ends([(start, end, [text])], **options)[0]


HELLO = "Hello there!"  # 12 characters, 2 words


def test_with_no_limits_the_ends_stay() -> None:
    spans: list[Span] = [(0, 1000, ["a"]), (1000, 1500, ["b"]), (2000, 2001, ["c"]), (3000, 3000, ["d"])]
    assert ends(spans) == [1000, 1500, 2001, 3000]
    assert ends([(0, 1000, ["a"]), (500, 2000, ["b"])]) == [500, 2000]  # never an overlap
    out_of_order = ends([(2000, 3000, ["a"]), (1000, 1500, ["b"])])  # never so from the segmenter
    assert out_of_order[0] <= 1000 and out_of_order[1] == 1500


def test_an_end_before_the_start_is_the_start() -> None:
    assert ends([(1000, 500, ["a"]), (3000, 2000, ["b"])]) == [1000, 3000]
    assert one(1000, 500, min_duration=0.5) == 1500


# --- reading time -------------------------------------------------------------------------------------


@pytest.mark.parametrize("max_cps, end", [
    (7, 1715),  # 12 characters at 7 a second: 1714.3 ms, up to the next ms
    (12, 1000), (10, 1200), (24, 500), (100, 500),  # already long enough
])
def test_reading_time_from_characters_a_second(max_cps: float, end: int) -> None:
    assert one(0, 500, HELLO, max_cps=max_cps) == end
    assert one(2000, 2500, HELLO, max_cps=max_cps) == 2000 + end


def test_reading_time_counts_the_rows_joined_by_a_space() -> None:
    assert ends([(0, 300, ["Hello", "there!"])], max_cps=7) == [1715]  # "Hello there!": 12 characters
    assert ends([(0, 1200, ["ab", "cd", "ef"])], max_cps=3) == [2667]  # "ab cd ef": 8 characters, 2666.7 ms


@pytest.mark.parametrize("text, max_wpm, end", [
    ("one two three", 140, 1286),  # 3 words at 140 a minute: 1285.7 ms
    ("one two three", 70, 2572),  # 2571.4 ms
    ("  spaced   out  ", 70, 1715),  # 2 words: 1714.3 ms
    ("one", 7, 8572),  # 8571.4 ms
    ("one two", 7, 17_143),  # 17142.9 ms
])
def test_reading_time_from_words_a_minute(text: str, max_wpm: float, end: int) -> None:
    """The reading end, at most 1.5 s after the speech."""
    assert one(0, 1100, text, max_wpm=max_wpm) == min(end, 1100 + MAX_LINGER_MS)
    assert one(0, 100, text, max_wpm=max_wpm) == min(end, 1600)
    assert one(0, end - 1000, text, max_wpm=max_wpm) == end


@pytest.mark.parametrize("max_cps, max_wpm, end", [
    (9, 140, 1445),  # 13 characters: 1444.4 ms; 3 words: 1285.7 ms: the larger
    (13, 140, 1286),  # 1000 ms; 1285.7 ms
    (26, 600, 500),  # 500 ms; 300 ms: the cue already lasts 500 ms
])
def test_reading_time_from_both_speeds_is_the_larger(max_cps: float, max_wpm: float, end: int) -> None:
    assert one(0, 500, "one two three", max_cps=max_cps, max_wpm=max_wpm) == end


def test_reading_time_lingers_at_most_one_and_a_half_seconds_after_the_speech() -> None:
    assert MAX_LINGER_MS == 1500
    text = "x" * 40  # 4 s at 10 characters a second
    assert one(0, 100, text, max_cps=10) == 1600
    assert one(0, 2499, text, max_cps=10) == 3999
    assert one(0, 2500, text, max_cps=10) == 4000
    assert one(0, 2501, text, max_cps=10) == 4000
    assert one(1000, 1000, text, max_cps=10) == 2500


def test_a_cue_longer_than_its_reading_time_keeps_its_end() -> None:
    assert one(0, 5000, HELLO, max_cps=7) == 5000
    assert one(0, 1715, HELLO, max_cps=7) == 1715
    assert one(0, 5000, "one two three", max_wpm=140) == 5000
    assert ends([(0, 5000, [HELLO]), (6000, 9000, [HELLO])], max_cps=7, max_wpm=140) == [5000, 9000]


def test_a_cue_with_no_text_needs_no_reading_time() -> None:
    assert ends([(0, 0, [])], max_wpm=140) == [0]
    assert ends([(0, 0, [""])], max_cps=10) == [0]
    assert ends([(0, 0, [""])], max_cps=10, max_wpm=140) == [0]


def test_reading_time_goes_into_the_silence_after_only() -> None:
    spans: list[Span] = [(0, 500, [HELLO]), (1000, 1500, [HELLO]), (5000, 5500, [HELLO])]
    assert ends(spans, max_cps=7) == [1000, 2715, 6715]
    assert ends(spans, max_cps=7, min_gap_frames=2) == [920, 2715, 6715]


# --- minimum duration ---------------------------------------------------------------------------------


def test_minimum_duration_into_the_silence_after() -> None:
    assert one(0, 300, min_duration=0.833) == 833
    assert one(1000, 1000, min_duration=0.833) == 1833  # a cue of no duration too
    assert one(0, 833, min_duration=0.833) == 833 and one(0, 900, min_duration=0.833) == 900
    assert one(0, 300, min_duration=1.2) == 1200 and one(0, 300, min_duration=0.0004) == 300
    spans: list[Span] = [(0, 300, ["a"]), (600, 700, ["b"]), (2000, 2100, ["c"])]
    assert ends(spans, min_duration=0.833) == [600, 1433, 2833]
    assert ends(spans, min_duration=0.833, min_gap_frames=2) == [520, 1433, 2833]


def test_no_minimum_duration_leaves_a_cue_of_no_duration_a_point() -> None:
    assert one(1000, 1000) == 1000 and one(1000, 1000, min_duration=0) == 1000


def test_minimum_duration_after_reading_time() -> None:
    assert one(0, 300, HELLO, max_cps=7, min_duration=2.0) == 2000
    assert one(0, 300, HELLO, max_cps=7, min_duration=1.0) == 1715
    assert one(0, 100, HELLO, max_cps=7, min_duration=1.0) == 1600  # at most 1.5 s after the speech


# --- the gap between cues -----------------------------------------------------------------------------


@pytest.mark.parametrize("fps, frames, gap", [
    (25, 2, 80), (25, 1, 40), (23.976, 2, 83), (30, 2, 67), (29.97, 3, 100), (None, 3, 120),
])
def test_cues_end_min_gap_frames_before_the_next(fps: float | None, frames: int, gap: int) -> None:
    spans: list[Span] = [(0, 1000, ["a"]), (1000, 1900, ["b"]), (2000, 2500, ["c"])]
    assert ends(spans, fps=fps, min_gap_frames=frames) == [1000 - gap, min(1900, 2000 - gap), 2500]
    # a gap already that long stays
    assert ends([(0, 1000 - gap, ["a"]), (1000, 1500, ["b"])], fps=fps, min_gap_frames=frames) == [1000 - gap, 1500]
    assert ends([(0, 1001 - gap, ["a"]), (1000, 1500, ["b"])], fps=fps, min_gap_frames=frames) == [1000 - gap, 1500]


def test_with_no_gap_cues_may_touch() -> None:
    assert ends([(0, 1000, ["a"]), (1000, 1500, ["b"])]) == [1000, 1500]
    assert ends([(0, 1000, ["a"]), (1000, 1500, ["b"])], min_gap_frames=0, close_gaps_frames=0) == [1000, 1500]


def test_a_gap_never_makes_a_cue_end_before_it_starts() -> None:
    assert ends([(1000, 1010, ["a"]), (1020, 2000, ["b"])], min_gap_frames=2) == [1000, 2000]
    assert ends([(1000, 1000, ["a"]), (1000, 2000, ["b"])], min_gap_frames=2, min_duration=0.5) == [1000, 2000]


@pytest.mark.parametrize("fps, close, under", [(25, 5, 200), (23.976, 5, 209), (30, 5, 167), (29.97, 6, 200)])
def test_a_gap_shorter_than_close_gaps_frames_is_closed(fps: float, close: int, under: int) -> None:
    def first_end(end: int, **options: Any) -> int:
        return ends([(0, end, ["a"]), (2000, 3000, ["b"])], fps=fps, close_gaps_frames=close, **options)[0]

    assert first_end(2000 - under) == 2000 - under  # a gap of close_gaps_frames stays
    assert first_end(2000 - under + 1) == 2000  # shorter: closed
    assert first_end(1999) == 2000
    assert first_end(1000) == 1000
    gap = frames_to_ms(2, fps)
    assert first_end(2000 - under + 1, min_gap_frames=2) == 2000 - gap  # closed to the minimum gap
    assert first_end(2000 - under, min_gap_frames=2) == 2000 - under
    assert first_end(1999, min_gap_frames=2) == 2000 - gap


def test_closing_gaps_counts_the_gap_after_reading_time_and_minimum_duration() -> None:
    spans: list[Span] = [(0, 100, ["a"]), (1000, 1100, ["b"])]
    assert ends(spans, close_gaps_frames=5, min_duration=0.7) == [700, 1700]
    assert ends(spans, close_gaps_frames=5, min_duration=0.81) == [1000, 1810]
    assert ends(spans, close_gaps_frames=5, min_duration=0.8) == [800, 1800]  # a gap of 200 ms stays


def test_the_last_cue_has_no_gap_to_keep() -> None:
    spans: list[Span] = [(0, 900, ["a"]), (1000, 1990, ["b"])]
    assert ends(spans, min_gap_frames=2, close_gaps_frames=5) == [920, 1990]
    assert ends(spans, min_gap_frames=2, close_gaps_frames=5, min_duration=1.5) == [920, 2500]


# --- the hard duration limits -------------------------------------------------------------------------


def test_max_duration_cuts_a_cue() -> None:
    assert one(0, 5000, max_duration=2.0) == 2000
    assert one(0, 2000, max_duration=2.0) == 2000 and one(0, 1999, max_duration=2.0) == 1999
    assert one(0, 100, "x" * 40, max_cps=10, max_duration=1.0) == 1000  # over the reading time
    assert one(1000, 9000, max_duration=7.0) == 8000


@pytest.mark.parametrize("lines, end", [
    ([], 1500), (["a"], 1500), (["a", "b"], 3000), (["a", "b", "c"], 4500),  # 3 rows: past max_rows
])
def test_max_duration_per_row(lines: list[str], end: int) -> None:
    assert ends([(0, 9000, lines)], max_screen_time_per_row=1.5) == [end]
    assert ends([(0, 9000, lines)], max_screen_time_per_row=1.5, max_rows=1) == [end]
    assert ends([(0, 9000, lines)], max_screen_time_per_row=1.5, max_duration=4.0) == [min(end, 4000)]


def test_max_duration_in_ms() -> None:
    assert one(0, 9000, subtitle_duration_max=1234) == 1234
    assert one(0, 9000, subtitle_duration_max=1234, max_duration=1.0) == 1000
    assert ends([(0, 9000, ["a", "b"])], subtitle_duration_max=2500, max_screen_time_per_row=1.5) == [2500]


def test_every_limit_together() -> None:
    spans: list[Span] = [
        (0, 200, ["Hello", "there!"]), (1000, 1100, ["one two three"]), (1500, 9900, ["a", "b"]),
        (10_000, 10_100, ["x"]),
    ]
    options = {"max_cps": 7, "max_wpm": 140, "min_duration": 0.833, "min_gap_frames": 2, "close_gaps_frames": 5,
               "max_duration": 7.0, "max_screen_time_per_row": 3.0}
    assert ends(spans, **options) == [920, 1420, 7500, 10_833]


# --- frames and the range -----------------------------------------------------------------------------


@pytest.mark.parametrize("frames, fps, ms", [
    (0, 25, 0), (1, 25, 40), (25, 25, 1000), (2, 23.976, 83), (24, 23.976, 1001), (1, 30, 33), (2, 30, 67),
    (3, 29.97, 100), (30, 29.97, 1001), (1, 50, 20), (1.5, 25, 60),
])
def test_frames_to_ms(frames: float, fps: float, ms: int) -> None:
    assert frames_to_ms(frames, fps) == ms


@pytest.mark.parametrize("low, high", [(0, 0), (-MAX_MS, MAX_MS), (MAX_MS, MAX_MS), (-MAX_MS, -MAX_MS), (0.5, 1e12)])
def test_check_range_passes_times_within_the_bound(low: float, high: float) -> None:
    check_range(low, high, "the cues")


@pytest.mark.parametrize("low, high, shown", [
    (0, MAX_MS + 1, "1000000000001"), (-MAX_MS - 1, 0, "-1000000000001"),
    (-MAX_MS - 1, MAX_MS, "-1000000000001"), (-MAX_MS - 1, MAX_MS + 2, "1000000000002"),  # the latest first
    (0, 1e13, "10000000000000.0"), (float("nan"), 0, "nan"), (0, float("nan"), "nan"),
    (0, float("inf"), "inf"), (float("-inf"), 0, "-inf"),
    (0, 2**60 - 1, "1152921504606846975"),  # 60 bits: written out
    (0, 2**60, "an integer of about 19 digits"), (-(2**60), 0, "-an integer of about 19 digits"),
    (0, 10**100, "an integer of about 101 digits"),
    (0, Fraction(10**30, 7), "Fraction(1000000000000000000000000000000"),  # cut to 40 characters
])
def test_check_range_refuses_times_beyond_it(low: float, high: float, shown: str) -> None:
    with pytest.raises(WriteError) as caught:
        check_range(low, high, "the cues")
    assert caught.value.message == f"the cues: a time of {shown} ms is out of range"
    assert caught.value.hint == "times up to 10^12 ms (about 31 years) either way"
