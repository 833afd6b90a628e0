"""The timing library (scribekit.retime): parsing times, the time maps of map_times (sync, frame
rate, speed, shift) and the cue steps of retime_cues (shot changes, snapping, gaps, overlaps)."""
from __future__ import annotations

import copy
import warnings
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scribekit import Cue, Highlight, OptionError, ReadError, ScribekitWarning, Segment, Transcript, Word
from scribekit.retime import (
    ORDER,
    Retiming,
    map_times,
    parse_sync_point,
    parse_time,
    retime_cues,
    retime_subs,
    retime_subs_text,
)
from scribekit.timecode import MAX_MS, FrameRate

RATES = [23.976, 24, 25, 29.97, 30, 50, 59.94]


# --- parse_time --------------------------------------------------------------------------------

# every expected value worked out by hand: frames at 25 are 40 ms, at 23.976 1001/24 ms
ACCEPTED = [
    ("-1.5s", None, -1500), ("+2s", None, 2000), ("1.5", None, 1500), ("  1.5  ", None, 1500), (".25", None, 250),
    ("500ms", None, 500), ("-500 ms", None, -500), ("0.5ms", None, 1), ("0.4ms", None, 0), ("-0.5ms", None, -1),
    ("2m", None, 120_000), ("1m30s", None, 90_000), ("1h", None, 3_600_000), ("2.5min", None, 150_000),
    ("12f", None, 480), ("12f", 23.976, 501), ("1s12f", None, 1480), ("-3f", 50, -60),
    ("00:00:02,500", None, 2500), ("00:00:02.500", None, 2500), ("00:00:02.5", None, 2500),
    ("1:02.5", None, 62_500), ("-00:01:00.000", None, -60_000), ("90:00", None, 5_400_000),
    ("1:00:00", None, 3_600_000),
    ("00:00:02:12", None, 2480), ("00:00:02:12", 23.976, 2503), ("00:00:01:29", 29.97, 1969),
    ("00:01:00;02", 29.97, 60_060), ("00:10:00;00", 29.97, 599_999), ("-00:00:01:00", 30, -1000),
    ("277777:46:40", None, MAX_MS),
]


@pytest.mark.parametrize(("text", "fps", "expected"), ACCEPTED)
def test_parse_time_accepts(text: str, fps: float | None, expected: int) -> None:
    assert parse_time(text, fps) == expected


REFUSED = [
    ("", None), ("   ", None), ("-", None), ("nan", None), ("NaN s", None), ("inf", None), ("-inf", None),
    ("1e3", None), ("1.5.3", None), ("--1", None), ("+-1s", None), ("abc", None), ("1.5x", None),
    ("12.5f", None), ("00:61:00", None), ("00:00:60,000", None), ("00:00:02:25", None), ("00:00:02:500", None),
    ("00:00:02;12", None), ("00:00:02;12", 25), ("00:01:00;00", 29.97),  # drop frame: only 29.97/59.94, and
    ("277777:46:40.001", None), ("9" * 30, None), ("1" * 60, None), ("١٢s", None),  # ;00 skipped at minute 1
    ("12f", 0), ("12f", -25), ("12f", float("nan")),
]


@pytest.mark.parametrize(("text", "fps"), REFUSED)
def test_parse_time_refuses_naming_the_text(text: str, fps: float | None) -> None:
    with pytest.raises(OptionError) as caught:
        parse_time(text, fps)
    if text.strip() and len(text) < 40 and fps is None:
        assert repr(text.strip()[:30])[1:-1] in str(caught.value)


def test_parse_sync_point() -> None:
    assert parse_sync_point("00:01:00,000=00:01:02,500") == (60_000, 62_500)
    assert parse_sync_point("10s=9.5s") == (10_000, 9500)
    assert parse_sync_point("00:00:01:00=25f", 25) == (1000, 1000)
    for bad in ("10s", "1=2=3", "=2s", "a=b", ""):
        with pytest.raises(OptionError):
            parse_sync_point(bad)


# --- the options -------------------------------------------------------------------------------

@pytest.mark.parametrize("options", [
    {"fps_from": 23.976}, {"fps_to": 25}, {"fps_from": 0, "fps_to": 25}, {"fps_from": 25, "fps_to": -1},
    {"fps_from": float("nan"), "fps_to": 25}, {"fps_from": float("inf"), "fps_to": 25}, {"fps": 0},
    {"speed": 0}, {"speed": -5}, {"speed": float("nan")}, {"speed": float("inf")},
    {"sync": ((0, 0), (1, 1), (2, 2))}, {"sync": ((1000, 0), (1000, 500))},
    {"sync": ((1000, 5000), (2000, 4000))}, {"sync": ((1000, 5000), (2000, 5000))}, {"sync": ((1,),)},
    {"sync": ((0, MAX_MS + 1),)}, {"shift": MAX_MS + 1}, {"shift": 1.5}, {"shift": True},
    {"min_gap_frames": -1}, {"close_gaps_frames": -2}, {"min_duration_ms": -1}, {"shot_changes": (-40,)},
    {"shot_changes": (1.5,)}, {"shot_change_frames": -1}, {"snap_frames": "yes"},
])
def test_retiming_refuses_bad_options(options: dict[str, object]) -> None:
    with pytest.raises(OptionError):
        Retiming(**options)  # type: ignore[arg-type]


def test_retiming_properties_and_order() -> None:
    assert not Retiming().maps_times and not Retiming().changes_cues
    assert Retiming(shift=-5).maps_times and Retiming(speed=100).maps_times and Retiming(sync=((0, 1),)).maps_times
    assert Retiming(fps_from=25, fps_to=25).maps_times and not Retiming(shift=5).changes_cues
    for options in ({"snap_frames": True}, {"min_gap_frames": 2}, {"close_gaps_frames": 3}, {"shot_changes": (0,)}):
        assert Retiming(**options).changes_cues and not Retiming(**options).maps_times  # type: ignore[arg-type]
    assert Retiming(shot_changes=(500, 40, 500)).shot_changes == (40, 500)
    assert ORDER == ("sync", "fps", "speed", "shift", "shot-changes", "snap-frames", "min-gap", "close-gap",
                     "overlap")


def test_the_time_maps_compose_in_order() -> None:
    # sync 1000=2000, 3000=6000 (slope 2, offset 0), then 25->50 (halves), speed 200 (halves), shift +7
    retiming = Retiming(sync=((1000, 2000), (3000, 6000)), fps_from=25, fps_to=50, speed=200, shift=7)
    assert retiming.linear_map() == (Fraction(1, 2), Fraction(7))
    # shift first would give a different offset: the order is the documented one
    assert Retiming(fps_from=24000 / 1001, fps_to=25, shift=1000).linear_map() == (Fraction(960, 1001), 1000)
    assert Retiming(speed=104.27).linear_map()[0] == Fraction(10000, 10427)


# --- map_times ---------------------------------------------------------------------------------

times = st.integers(0, 10**10)
spans = st.tuples(times, st.integers(0, 10**6)).map(lambda pair: (pair[0], pair[0] + pair[1]))


def _transcript(cue_spans: list[tuple[int, int]], word_spans: list[tuple[int, int]]) -> Transcript:
    cues = [Cue(start, end, [f"cue {n}"], words=[Word("w", start, end)]) for n, (start, end) in enumerate(cue_spans)]
    words = [Word(f"w{n}", start, end) for n, (start, end) in enumerate(word_spans)]
    return Transcript(segments=[Segment("S1", words)] if words else [], cues=cues,
                      highlights=[Highlight(start, end, "h") for start, end in word_spans[:3]])


def _all_times(transcript: Transcript) -> list[int]:
    found = []
    for cue in transcript.cues or []:
        found += [cue.start, cue.end] + [t for w in cue.words or [] for t in (w.start, w.end)]
    found += [t for w in transcript.words for t in (w.start, w.end)]
    found += [t for h in transcript.highlights for t in (h.start, h.end)]
    return found


@given(st.lists(spans, max_size=20), st.lists(spans, max_size=20), st.integers(0, 10**9))
def test_a_shift_and_the_shift_back_give_every_time_back(cue_spans: list[tuple[int, int]],
                                                         word_spans: list[tuple[int, int]], shift: int) -> None:
    transcript = _transcript(cue_spans, word_spans)
    kept = copy.deepcopy(transcript)
    there = map_times(transcript, Retiming(shift=shift))
    assert [t - shift for t in _all_times(there)] == _all_times(transcript)
    back = map_times(there, Retiming(shift=-shift))
    assert _all_times(back) == _all_times(transcript)
    assert _all_times(transcript) == _all_times(kept) and transcript == kept  # the input is left as it was


@pytest.mark.parametrize(("low", "high"), [(23.976, 25), (25, 23.976), (29.97, 25), (23.976, 24), (24, 25)])
@given(st.lists(spans, min_size=1, max_size=30))
def test_a_frame_rate_and_back_is_within_a_millisecond(low: float, high: float,
                                                       cue_spans: list[tuple[int, int]]) -> None:
    transcript = _transcript(cue_spans, cue_spans)
    there = map_times(transcript, Retiming(fps_from=low, fps_to=high))
    ratio = FrameRate.of(low).fps / FrameRate.of(high).fps
    for before, after in zip(_all_times(transcript), _all_times(there)):
        assert abs(after - before * ratio) <= Fraction(1, 2)  # one rounding of the exact map
    back = map_times(there, Retiming(fps_from=high, fps_to=low))
    assert all(abs(a - b) <= 1 for a, b in zip(_all_times(back), _all_times(transcript)))


def test_pal_speed_up_shortens_times() -> None:
    transcript = Transcript(cues=[Cue(0, 1001, ["a"]), Cue(3_600_000, 3_603_000, ["b"])])
    cues = map_times(transcript, Retiming(fps_from=23.976, fps_to=25)).cues or []
    # 1001 * 24000/1001 / 25 = 960 exactly; 3600000 * 960/1001 = 3452547.45...
    assert [(c.start, c.end) for c in cues] == [(0, 960), (3_452_547, 3_455_425)]


@given(st.integers(0, 10**9), st.integers(1, 10**6), st.integers(0, 10**9), st.integers(1, 10**6),
       st.lists(st.integers(-10**5, 10**5), max_size=10))
def test_two_point_sync_maps_both_anchors_exactly(file_a: int, gap: int, true_a: int, true_gap: int,
                                                  others: list[int]) -> None:
    file_b, true_b = file_a + gap, true_a + true_gap
    retiming = Retiming(sync=((file_b, true_b), (file_a, true_a)))
    points = [file_a, file_b] + [max(file_a + delta, 0) for delta in others]
    transcript = Transcript(cues=[Cue(t, t + gap, [str(t)]) for t in points])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)  # other points may come before 0
        cues = map_times(transcript, retiming).cues or []
    assert (cues[0].start, cues[1].start) == (true_a, true_b)
    mapped = {int(cue.lines[0]): cue.start for cue in cues}
    assert [mapped[t] for t in sorted(mapped)] == sorted(mapped.values())  # time keeps its order


def test_one_sync_point_is_a_shift() -> None:
    assert Retiming(sync=((61_000, 60_000),)).linear_map() == (1, -1000)


def test_times_before_zero_are_clamped_and_cues_ending_there_dropped_with_warnings() -> None:
    transcript = Transcript(
        segments=[Segment("A", [Word("early", 100, 400), Word("late", 900, 2000)])],
        cues=[Cue(0, 500, ["gone"]), Cue(600, 1500, ["cut"], words=[Word("a", 600, 700), Word("b", 1200, 1500)]),
              Cue(2000, 3000, ["kept"])],
        highlights=[Highlight(0, 800, "h"), Highlight(500, 1200, "k")])
    with pytest.warns(ScribekitWarning) as caught:
        mapped = map_times(transcript, Retiming(shift=-1000))
    messages = " | ".join(str(w.message) for w in caught)
    assert "1 cue (cue 2) to start before 0: moved to 0" in messages
    assert "1 cue (cue 1) to end at or before 0: dropped" in messages
    assert "2 words to end at or before 0" in messages and "1 word to start before 0" in messages
    assert "1 highlight to end" in messages
    assert [(c.start, c.end, c.lines) for c in mapped.cues or []] == [(0, 500, ["cut"]), (1000, 2000, ["kept"])]
    assert [(w.text, w.start, w.end) for w in (mapped.cues or [])[0].words or []] == [("b", 200, 500)]
    assert [(w.text, w.start, w.end) for w in mapped.words] == [("late", 0, 1000)]
    assert [(h.start, h.end) for h in mapped.highlights] == [(0, 200)]


def test_a_map_that_keeps_times_at_or_after_zero_warns_of_nothing() -> None:
    transcript = Transcript(cues=[Cue(0, 0, ["marker"]), Cue(0, 40, ["a"])])
    cues = map_times(transcript, Retiming(fps_from=25, fps_to=24)).cues or []
    assert [(c.start, c.end) for c in cues] == [(0, 0), (0, 42)]  # 40 * 25/24 = 41.67


@pytest.mark.parametrize("retiming", [Retiming(shift=MAX_MS), Retiming(speed=1e-9),
                                      Retiming(sync=((0, 0), (1, 10**9)))])
def test_times_beyond_the_range_are_an_option_error(retiming: Retiming) -> None:
    transcript = Transcript(cues=[Cue(0, 1000, ["a"]), Cue(5000, 6000, ["b"])])
    with pytest.raises(OptionError, match="cue 2.*out of range"):
        map_times(transcript, retiming)
    with pytest.raises(OptionError, match="out of range"):
        map_times(Transcript(segments=[Segment(None, [Word("a", 10**4, 10**5)])]), retiming)


def test_huge_input_times_are_refused_not_crashed() -> None:
    transcript = Transcript(cues=[Cue(0, 10**5000, ["a"])])
    with pytest.raises(OptionError, match="digits"):
        map_times(transcript, Retiming(shift=1))


def test_no_map_returns_the_transcript_itself() -> None:
    transcript = Transcript(cues=[Cue(0, 1000, ["a"])])
    assert map_times(transcript, Retiming(snap_frames=True)) is transcript


# --- retime_cues -------------------------------------------------------------------------------

def _cues(draw_spans: list[tuple[int, int]]) -> list[Cue]:
    """Cues one after another: each pair is (gap before, duration)."""
    cues, time = [], 0
    for gap, duration in draw_spans:
        time += gap
        cues.append(Cue(time, time + duration, [f"line {len(cues)}"]))
        time += duration
    return cues


sequences = st.lists(st.tuples(st.integers(0, 3000), st.integers(1, 4000)), max_size=25).map(_cues)
retimings = st.builds(
    Retiming,
    shot_changes=st.lists(st.integers(0, 60_000), max_size=20).map(tuple),
    snap_frames=st.booleans(),
    min_gap_frames=st.integers(0, 4),
    close_gaps_frames=st.integers(0, 14),
    fps=st.sampled_from([None, *RATES]),
    min_duration_ms=st.sampled_from([0, 400, 833, 2000]),
)


def _no_overlap(cues: list[Cue]) -> None:
    ordered = sorted(cues, key=lambda c: c.start)
    for cue, following in zip(ordered, ordered[1:]):
        assert cue.end <= following.start, (cue, following)
    assert all(cue.end > cue.start for cue in cues)


@settings(max_examples=300)
@given(sequences, retimings)
def test_no_cue_overlaps_after_any_step_and_the_input_is_left_alone(cues: list[Cue], retiming: Retiming) -> None:
    kept = copy.deepcopy(cues)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        result, changes = retime_cues(cues, retiming)
    assert cues == kept and [c.lines for c in cues] == [c.lines for c in kept]
    assert len(result) == len(cues)
    _no_overlap(result)
    if retiming.snap_frames:
        rate = FrameRate.of(retiming.fps or 25)
        assert all(rate.ms(rate.frames(t)) == t for cue in result for t in (cue.start, cue.end))
    for before, after in zip(cues, result):
        assert after is before or (after.start, after.end) != (before.start, before.end)
        assert after.lines is before.lines
    assert {n for n, (a, b) in enumerate(zip(cues, result), 1) if a is not b} <= {c.cue for c in changes}
    for change in changes:
        assert change.start == cues[change.cue - 1].start and change.before != change.after
        assert " --> " in change.before and " --> " in change.after


@pytest.mark.parametrize("fps", RATES)
@given(sequences)
def test_snapping_puts_every_time_on_a_frame_boundary(fps: float, cues: list[Cue]) -> None:
    rate = FrameRate.of(fps)
    result, changes = retime_cues(cues, Retiming(snap_frames=True, fps=fps))
    for cue in result:
        for time in (cue.start, cue.end):
            assert rate.ms(rate.frames(time)) == time
        assert rate.frames(cue.end) - rate.frames(cue.start) >= 1
    assert all(change.rule == "snap-frames" for change in changes)
    _no_overlap(result)


def _separated_shots(data: st.DataObject, rate: FrameRate, window: int) -> tuple[int, ...]:
    """Shot changes on frames more than two windows apart (so that a time is near one at most)."""
    frames, frame = [], data.draw(st.integers(0, 40))
    for _ in range(data.draw(st.integers(1, 12))):
        frames.append(frame)
        frame += data.draw(st.integers(2 * window + 1, 6 * window))
    return tuple(rate.ms(f) for f in frames)


@settings(max_examples=300)
@given(st.data(), sequences, st.sampled_from(RATES), st.sampled_from([0, 400, 833, 2000]),
       st.sampled_from([12, 15]))
def test_after_shot_changes_no_time_stays_near_one_unless_a_rule_forbids_the_move(
        data: st.DataObject, cues: list[Cue], fps: float, shortest: int, window: int) -> None:
    rate = FrameRate.of(fps)
    shots = _separated_shots(data, rate, window)
    retiming = Retiming(shot_changes=shots, fps=fps, min_duration_ms=shortest, shot_change_frames=window)
    result, changes = retime_cues(cues, retiming)
    _no_overlap(result)
    assert {c.rule for c in changes} <= {"shot-change-in", "shot-change-out"}
    shot_frames = [rate.frames(s) for s in shots]

    def forbidden(k: int, start: int, end: int) -> bool:
        """Whether the cue ``k`` could not take these times: too short (and shorter than it was),
        ending at or before its start, or overlapping a neighbour."""
        before = cues[k].end - cues[k].start
        if end <= start or (end - start < shortest and end - start < before):
            return True
        return (k > 0 and start < result[k].start and result[k - 1].end > start) or \
            (k + 1 < len(result) and end > result[k].end and result[k + 1].start < end)

    for k, cue in enumerate(result):
        first, final = rate.frames(cue.start), rate.frames(cue.end)
        for shot in shot_frames:
            if 0 < abs(first - shot) < window:  # the in-time is near the shot change but not on it
                assert forbidden(k, rate.ms(shot), cue.end), (k, cue, shot)
            if (0 < shot - final < window and shot - final != 2) or 0 <= final - shot < window:
                assert forbidden(k, cue.start, rate.ms(shot - 2)), (k, cue, shot)


def test_netflix_shot_change_rules_by_hand() -> None:
    # 25 fps: a frame is 40 ms; shot changes at frames 250 (10 s), 304 (12.16 s) and 375 (15 s)
    cues = [Cue(9800, 11000, ["in 5 frames before"]), Cue(11600, 12000, ["out 4 frames before"]),
            Cue(13000, 14920, ["out exactly 2 frames before: stays"]), Cue(15100, 16000, ["in 2.5 frames after"]),
            Cue(20000, 21000, ["far from any: stays"])]
    result, changes = retime_cues(cues, Retiming(shot_changes=(10000, 12160, 15000)))
    assert [(c.start, c.end) for c in result] == [(10000, 11000), (11600, 12080), (13000, 14920),
                                                   (15000, 16000), (20000, 21000)]
    assert [(c.rule, c.cue, c.after) for c in changes] == [
        ("shot-change-in", 1, "00:00:10.000 --> 00:00:11.000"),
        ("shot-change-out", 2, "00:00:11.600 --> 00:00:12.080"),
        ("shot-change-in", 4, "00:00:15.000 --> 00:00:16.000")]
    assert result[2] is cues[2] and result[4] is cues[4]
    # 12 frames away is outside the window ("fewer than 12 frames")
    far = [Cue(10480, 11000, ["in 12 frames after"]), Cue(12000, 13480, ["out 12 frames before"])]
    assert retime_cues(far, Retiming(shot_changes=(10000, 13960)))[1] == []
    near = [Cue(10440, 11000, ["in 11 frames after"]), Cue(12000, 13520, ["out 11 frames before"])]
    assert [(c.start, c.end) for c in retime_cues(near, Retiming(shot_changes=(10000, 13960)))[0]] == [
        (10000, 11000), (12000, 13880)]


def test_an_out_time_on_or_after_a_shot_change_moves_two_frames_before_it() -> None:
    cues = [Cue(8000, 10000, ["on it"]), Cue(20000, 22400, ["10 frames after"])]
    result, _ = retime_cues(cues, Retiming(shot_changes=(10000, 22000)))
    assert [(c.start, c.end) for c in result] == [(8000, 9920), (20000, 21920)]


def test_the_minimum_duration_stops_a_move_that_would_shorten_the_cue_too_much() -> None:
    cue = Cue(9800, 10800, ["starts 5 frames before a shot change"])  # 1000 ms; the move leaves 800
    assert retime_cues([cue], Retiming(shot_changes=(10000,), min_duration_ms=833))[0] == [cue]
    moved, _ = retime_cues([cue], Retiming(shot_changes=(10000,), min_duration_ms=800))
    assert (moved[0].start, moved[0].end) == (10000, 10800)
    short = Cue(9000, 9500, ["ends 5 frames before: lengthening is allowed below the minimum"])
    grown, _ = retime_cues([short], Retiming(shot_changes=(9680,), min_duration_ms=2000))
    assert (grown[0].start, grown[0].end) == (9000, 9600)  # 9500 is frame 238 (halves up), the cut 242


def test_a_cue_crossing_a_shot_change_near_both_ends_keeps_the_longer_move() -> None:
    # 25 fps, shot change at frame 250; the cue runs from 5 frames before to 3 frames after it
    cue = Cue(9800, 10120, ["crosses"])
    (moved,), changes = retime_cues([cue], Retiming(shot_changes=(10000,)))
    # in-time move: 10000-10120 (3 frames); out-time move: 9800-9920 (3 frames): the tie keeps the in-time's
    assert (moved.start, moved.end) == (10000, 10120) and [c.rule for c in changes] == ["shot-change-in"]
    longer_before = Cue(9640, 10120, ["9 frames before, 3 after"])
    (moved,), _ = retime_cues([longer_before], Retiming(shot_changes=(10000,)))
    assert (moved.start, moved.end) == (9640, 9920)


def test_a_move_that_would_overlap_the_neighbour_is_not_made() -> None:
    # the first cue cannot give up its end (minimum duration), so the second cannot start on the cut
    cues = [Cue(9200, 10200, ["ends 5 frames after the cut"]), Cue(10240, 11000, ["starts 6 frames after"])]
    result, changes = retime_cues(cues, Retiming(shot_changes=(10000,), min_duration_ms=1000))
    assert result == cues and changes == []
    result, _ = retime_cues(cues, Retiming(shot_changes=(10000,)))
    assert [(c.start, c.end) for c in result] == [(9200, 9920), (10000, 11000)]


def test_min_gap_and_close_gaps_like_the_segmenter() -> None:
    cues = [Cue(0, 1000, ["a"]), Cue(1040, 2000, ["b"]), Cue(2200, 3000, ["c"]), Cue(4000, 5000, ["d"])]
    result, changes = retime_cues(cues, Retiming(min_gap_frames=2, close_gaps_frames=12))
    # a: 1 frame before b -> 2 frames (80 ms) before; b: 5 frames before c -> closed to 2 frames;
    # c: 25 frames before d -> left
    assert [(c.start, c.end) for c in result] == [(0, 960), (1040, 2120), (2200, 3000), (4000, 5000)]
    assert [(c.rule, c.cue) for c in changes] == [("min-gap", 1), ("close-gap", 2)]
    chained, _ = retime_cues(cues, Retiming(close_gaps_frames=12))
    assert [(c.start, c.end) for c in chained][:2] == [(0, 1040), (1040, 2200)]  # no minimum gap: chained


def test_min_gap_never_goes_below_the_minimum_duration_and_says_so() -> None:
    cues = [Cue(0, 500, ["short"]), Cue(520, 2000, ["next"])]
    with pytest.warns(ScribekitWarning, match="cue 1: too close to the next cue for a gap of 2 frames"):
        result, _ = retime_cues(cues, Retiming(min_gap_frames=2, min_duration_ms=480))
    assert (result[0].start, result[0].end) == (0, 480)


def test_gaps_at_ntsc_rates_count_whole_frames_when_snapped() -> None:
    rate = FrameRate.of(23.976)
    cues = [Cue(rate.ms(0), rate.ms(10), ["a"]), Cue(rate.ms(22), rate.ms(40), ["b"])]  # 12 frames apart
    assert retime_cues(cues, Retiming(snap_frames=True, close_gaps_frames=12, fps=23.976))[1] == []
    result, _ = retime_cues(cues, Retiming(snap_frames=True, close_gaps_frames=13, min_gap_frames=2, fps=23.976))
    assert result[0].end == rate.ms(20)


def test_overlaps_in_the_input() -> None:
    cues = [Cue(0, 2000, ["runs into the next"]), Cue(1500, 3000, ["outlasts it"]),
            Cue(2500, 4000, ["placed at the top"], style={"position": "top"}),
            Cue(5000, 9000, ["holds the next"]), Cue(6000, 7000, ["within it"]),
            Cue(10000, 11000, ["starts with the next"]), Cue(10000, 12000, ["together"])]
    result, changes = retime_cues(cues, Retiming(min_gap_frames=2))
    assert [(c.start, c.end) for c in result] == [(0, 1420), (1500, 3000), (2500, 4000), (5000, 9000),
                                                   (6000, 7000), (10000, 11000), (10000, 12000)]
    assert [(c.rule, c.cue, c.after) for c in changes] == [("overlap", 1, "00:00:00.000 --> 00:00:01.420")]
    # a time map alone (no cue step) never touches them
    assert retime_cues(cues, Retiming(shift=100)) == (cues, [])


def test_unsorted_cues_are_worked_on_in_time_order_and_returned_in_theirs() -> None:
    cues = [Cue(2000, 3000, ["second"]), Cue(0, 1990, ["first"])]
    result, changes = retime_cues(cues, Retiming(min_gap_frames=2))
    assert [(c.start, c.end) for c in result] == [(2000, 3000), (0, 1920)]
    assert [(c.cue, c.start) for c in changes] == [(2, 0)]


# --- SubStation Alpha --------------------------------------------------------------------------

ASS = """\ufeff[Script Info]
; a comment the file's author wrote
Title: Retime
ScriptType: v4.00+

[V4+ Styles]
Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, \
Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, \
MarginV, Encoding
Style: Default,Arial,20.5,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,-1,0,0,0,100,100,0,0,1,2,2,2,10,10,10,1

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
Dialogue: 0,0:00:01.50,0:00:03.00,Default,Anna,0010,0,0,,Grüß {\\i1}Gott{\\i0}\\Nzweite, Zeile
Comment: 0,0:00:02.00,0:00:03.00,Default,,0,0,0,,a translator's note
Dialogue: 1,0:00:02.50,0:00:05.25,Default,,0,0,0,,{\\an8\\pos(10,20)}Oben
"""


def test_ass_times_are_rewritten_and_nothing_else() -> None:
    shifted = retime_subs_text(ASS, "ass", Retiming(shift=1505))
    assert shifted.replace("0:00:03.01", "0:00:01.50", 1) != ASS
    expected = ASS.replace("0:00:01.50,0:00:03.00", "0:00:03.01,0:00:04.51") \
        .replace("0:00:02.00,0:00:03.00", "0:00:03.51,0:00:04.51") \
        .replace("0:00:02.50,0:00:05.25", "0:00:04.01,0:00:06.76")
    assert shifted == expected  # 1505 ms + 1500 = 3005 -> 3.01 (halves up, as Aegisub)
    # centiseconds: a shift of whole centiseconds and back gives the file back; 1505 ms cannot
    there = retime_subs_text(ASS, "ass", Retiming(shift=1230))
    assert there != ASS and retime_subs_text(there, "ass", Retiming(shift=-1230)) == ASS
    assert "0:00:01.51," in retime_subs_text(shifted, "ass", Retiming(shift=-1505))


def test_ass_cue_steps_leave_overlapping_placed_events_alone() -> None:
    text, changes = retime_subs(ASS, "ass", Retiming(min_gap_frames=2))
    assert text == ASS and changes == []  # the overlapping events are on other layers and positions
    crlf = ASS.replace("\n", "\r\n").replace("Dialogue: 1,", "Dialogue: 0,").replace("{\\an8\\pos(10,20)}", "")
    text, changes = retime_subs(crlf, "ass", Retiming(min_gap_frames=2))
    assert [(c.rule, c.cue) for c in changes] == [("overlap", 1)]
    assert "Dialogue: 0,0:00:01.50,0:00:02.42,Default,Anna,0010" in text and text.count("\r\n") == crlf.count("\r\n")


def test_ass_events_before_zero_and_bad_input() -> None:
    with pytest.warns(ScribekitWarning, match=r"3 events \(events 1, 2, 3\) to end at or before 0"):
        text = retime_subs_text(ASS, "ass", Retiming(shift=-6000))
    assert "Dialogue" not in text and "Comment:" not in text and "[V4+ Styles]" in text
    with pytest.raises(ReadError, match="line 13"):
        retime_subs_text(ASS.replace("0:00:02.00", "soon"), "ass", Retiming(shift=1))
    with pytest.raises(OptionError):
        retime_subs_text(ASS, "srt", Retiming(shift=1))
    for junk in ("", "\x00\x01binary", "1\n00:00:01,000 --> 00:00:02,000\nan SRT\n"):
        with pytest.raises(ReadError, match="no \\[Events\\] section"):
            retime_subs_text(junk, "ass", Retiming(shift=1))
    with pytest.raises(OptionError, match="event 3"):
        retime_subs_text(ASS, "ass", Retiming(shift=MAX_MS))
