"""Frames and SMPTE timecode (non-drop-frame) at the broadcast and film rates."""
from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scribekit.timecode import (
    FrameRate,
    format_smpte,
    frame_spans,
    frames_to_ms,
    ms_to_frames,
    parse_smpte,
    timecode_settings,
)

RATES = [23.976, 24, 25, 29.97, 30, 50, 59.94, 60]


@pytest.mark.parametrize("fps, exact, base", [
    (23.976, Fraction(24000, 1001), 24), (23.98, Fraction(24000, 1001), 24), (24, Fraction(24), 24),
    (25, Fraction(25), 25), (29.97, Fraction(30000, 1001), 30), (30000 / 1001, Fraction(30000, 1001), 30),
    ("29.97", Fraction(30000, 1001), 30), (Fraction(30000, 1001), Fraction(30000, 1001), 30),
    (30, Fraction(30), 30), (50, Fraction(50), 50), (59.94, Fraction(60000, 1001), 60), (60, Fraction(60), 60),
    (12.5, Fraction(25, 2), 13),
])
def test_rates_are_exact_fractions_with_a_nominal_base(fps: float, exact: Fraction, base: int) -> None:
    rate = FrameRate.of(fps)
    assert rate.fps == exact and rate.base == base
    assert FrameRate.of(rate) is rate and rate == FrameRate(exact.numerator, exact.denominator)


@pytest.mark.parametrize("fps", [0, -25, "fast", float("nan"), float("inf")])
def test_what_is_not_a_rate(fps: object) -> None:
    with pytest.raises(ValueError):
        FrameRate.of(fps)  # type: ignore[arg-type]


@pytest.mark.parametrize("fps, ms, frames, label", [
    (25, 1000, 25, "00:00:01:00"), (25, 19, 0, "00:00:00:00"), (25, 20, 1, "00:00:00:01"),
    (25, 3_600_000, 90_000, "01:00:00:00"), (24, 1000, 24, "00:00:01:00"), (50, 10, 1, "00:00:00:01"),
    (30, 3_600_000, 108_000, "01:00:00:00"), (60, 1000, 60, "00:00:01:00"),
    # the NTSC rates count nominal frames: an hour of real time is 3.6 s short of the 01:00:00:00 label
    (29.97, 3_603_600, 108_000, "01:00:00:00"), (29.97, 3_600_000, 107_892, "00:59:56:12"),
    (23.976, 3_603_600, 86_400, "01:00:00:00"), (59.94, 3_603_600, 216_000, "01:00:00:00"),
])
def test_ms_frames_and_labels(fps: float, ms: int, frames: int, label: str) -> None:
    assert ms_to_frames(ms, fps) == frames
    assert format_smpte(ms, fps) == label
    assert parse_smpte(label, fps) == frames_to_ms(frames, fps)
    assert abs(frames_to_ms(frames, fps) - ms) <= 1000 / float(FrameRate.of(fps).fps) / 2


def test_label_forms_and_fields() -> None:
    rate = FrameRate.of(25)
    assert rate.parse("10:00:00:00") == rate.parse("10000000") == rate.parse(" 10.00.00.00 ") == 900_000
    assert rate.to_smpte(900_024) == (10, 0, 0, 24)
    assert rate.format(900_024, separator="") == "10000024"
    assert rate.format(rate.from_smpte(123, 4, 5, 6)) == "123:04:05:06"  # hours widen past 99
    assert str(FrameRate.of(29.97)) == "29.97" and str(FrameRate.of(23.976)) == "23.976" and str(rate) == "25"


@pytest.mark.parametrize("text", ["10:00:00:25", "10:60:00:00", "10:00:60:00", "1:2:3", "", "aa:bb:cc:dd"])
def test_what_is_not_a_label_at_25(text: str) -> None:
    with pytest.raises(ValueError):
        parse_smpte(text, 25)


def test_frames_past_the_base_are_not_a_label() -> None:
    assert FrameRate.of(30).parse("00:00:00:29") == 29
    with pytest.raises(ValueError, match="at 29.97 frames a second"):
        FrameRate.of(29.97).from_smpte(0, 0, 0, 30)


@given(st.sampled_from(RATES), st.integers(0, 24 * 3600 * 60))
def test_frames_to_ms_and_back_is_the_same_frame(fps: float, frames: int) -> None:
    rate = FrameRate.of(fps)
    assert rate.frames(rate.ms(frames)) == frames
    assert rate.parse(rate.format(frames)) == frames


@given(st.sampled_from(RATES), st.integers(-10_000_000, 100_000_000))
def test_ms_to_the_nearest_frame(fps: float, ms: int) -> None:
    rate = FrameRate.of(fps)
    frame = Fraction(1000) / rate.fps
    assert abs(rate.frames(ms) * frame - ms) <= frame / 2
    assert abs(rate.ms(rate.frames(ms)) - ms) <= frame / 2 + 1


# --- drop frame (29.97, 59.94) -------------------------------------------------------------------


@pytest.mark.parametrize("fps, frames, label", [
    (29.97, 0, "00:00:00;00"), (29.97, 1799, "00:00:59;29"), (29.97, 1800, "00:01:00;02"),
    (29.97, 17981, "00:09:59;29"), (29.97, 17982, "00:10:00;00"), (29.97, 107892, "01:00:00;00"),
    (29.97, 2589407, "23:59:59;29"), (59.94, 3599, "00:00:59;59"), (59.94, 3600, "00:01:00;04"),
    (59.94, 35964, "00:10:00;00"), (59.94, 215784, "01:00:00;00"),
])
def test_drop_frame_labels(fps: float, frames: int, label: str) -> None:
    rate = FrameRate.of(fps)
    assert rate.format(frames, drop_frame=True) == label
    assert rate.parse(label, drop_frame=True) == rate.parse(label, drop_frame=None) == frames
    assert format_smpte(rate.ms(frames), fps, drop_frame=True) == label
    assert parse_smpte(label, fps, drop_frame=None) == rate.ms(frames)


@given(st.sampled_from([29.97, 59.94]), st.integers(0, 2_589_407))  # within the day OpenTimelineIO labels
def test_drop_frame_labels_agree_with_opentimelineio(fps: float, frames: int) -> None:
    opentime = pytest.importorskip("opentimelineio.opentime")
    rate = FrameRate.of(fps)
    label = rate.format(frames, drop_frame=True)
    assert label == opentime.to_timecode(opentime.RationalTime(frames, float(rate.fps)), float(rate.fps), True)
    assert rate.parse(label, drop_frame=True) == frames


@pytest.mark.parametrize("fps, text, message", [
    (29.97, "00:01:00;00", "skips"), (29.97, "00:01:00;01", "skips"), (59.94, "00:02:00;03", "skips"),
    (25, "00:00:01;00", "29.97 and 59.94"), (23.976, "01:00:00;00", "29.97 and 59.94"),
])
def test_what_is_not_a_drop_frame_label(fps: float, text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        FrameRate.of(fps).parse(text, drop_frame=None)


def test_drop_frame_is_asked_for_or_told_by_the_semicolon() -> None:
    rate = FrameRate.of(29.97)
    assert rate.parse("00:10:00:00") == 18000  # non-drop-frame unless asked: the STL writer's reading
    assert rate.parse("00:10:00:00", drop_frame=True) == rate.parse("00:10:00;00", drop_frame=None) == 17982
    assert rate.parse("00;10;00;00", drop_frame=None) == 17982
    with pytest.raises(ValueError, match="drop-frame timecode"):
        rate.parse("00:10:00;00")
    assert rate.format(17982, separator="", drop_frame=True) == "00100000"
    assert FrameRate.of(30).drop == FrameRate.of(25).drop == 0 and FrameRate.of(59.94).drop == 4
    assert FrameRate.of(29.97).ntsc and FrameRate.of(23.976).ntsc and not FrameRate.of(30).ntsc


@pytest.mark.parametrize("fps, start, drop, expected", [
    (None, None, None, (FrameRate(25), 0, False)),
    (29.97, "01:00:00;00", None, (FrameRate(30000, 1001), 107892, True)),
    (29.97, "01:00:00:00", None, (FrameRate(30000, 1001), 108000, False)),
    (29.97, "01:00:00:00", True, (FrameRate(30000, 1001), 107892, True)),
    (59.94, None, True, (FrameRate(60000, 1001), 0, True)),
    (24, "10:00:00:00", None, (FrameRate(24), 864000, False)),
])
def test_timecode_settings(fps: float | None, start: str | None, drop: bool | None,
                           expected: tuple[FrameRate, int, bool]) -> None:
    assert timecode_settings(fps, start, drop) == expected


@pytest.mark.parametrize("fps, start, drop", [(25, None, True), (25, "01:00:00;00", None),
                                              (29.97, "01:00:00;00", False), (29.97, "bad", None)])
def test_timecode_settings_refused(fps: float, start: str | None, drop: bool | None) -> None:
    with pytest.raises(ValueError):
        timecode_settings(fps, start, drop)


# --- cue times on frames -------------------------------------------------------------------------


def test_frame_spans_give_a_frame_to_what_rounding_made_empty() -> None:
    rate = FrameRate(25)
    assert frame_spans([(0, 10), (10, 20), (20, 30), (30, 1000)], rate) == [(0, 1), (1, 2), (2, 3), (3, 25)]
    assert frame_spans([(1000, 1010), (2000, 3000)], rate) == [(25, 26), (50, 75)]  # into the silence after
    assert frame_spans([(960, 1000), (1010, 2000)], rate) == [(24, 25), (25, 50)]  # before: 960 is frame 24
    assert frame_spans([(0, 1000), (1000, 1000), (2000, 2010)], rate) == [(0, 25), (25, 25), (50, 51)]
    assert frame_spans([(0, 2000), (1000, 3000)], rate) == [(0, 50), (25, 75)]  # overlaps are the caller's
    assert frame_spans([(0, 2000), (1000, 3000)], rate, separate=True) == [(0, 25), (25, 75)]
    assert frame_spans([(0, 2000), (0, 3000)], rate, separate=True) == [(0, 1), (1, 75)]
    assert frame_spans([(5000, 4000)], rate) == [(125, 125)]


cue_lists = st.lists(st.tuples(st.integers(0, 5000), st.integers(0, 9000)), min_size=1, max_size=30)


@given(st.sampled_from(RATES), cue_lists, st.booleans())
def test_frame_spans_keep_order_and_apart_what_was_apart(fps: float, steps: list[tuple[int, int]],
                                                         separate: bool) -> None:
    rate = FrameRate.of(fps)
    frame = 1000 / float(rate.fps)
    spans, t = [], 0
    for gap, length in steps:  # cues in order, none overlapping (some touching, some shorter than a frame)
        t += gap % 3 * (gap // 3)
        spans.append((t, t + length))
        t += length
    frames = frame_spans(spans, rate, separate=separate)
    assert all(start <= end for start, end in frames)
    assert all(a[1] <= b[0] for a, b in zip(frames, frames[1:]))
    for (start, end), (first, last) in zip(spans, frames):
        assert last - first >= (1 if end > start or separate else 0)
    long_enough = all(end - start >= 2 * frame for start, end in spans)
    if long_enough:  # nothing to give a frame to: every time on its nearest frame
        assert frames == [(rate.frames(start), rate.frames(end)) for start, end in spans]
