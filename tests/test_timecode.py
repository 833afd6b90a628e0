"""Frames and SMPTE timecode (non-drop-frame) at the broadcast and film rates."""
from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scribekit.timecode import FrameRate, format_smpte, frames_to_ms, ms_to_frames, parse_smpte

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
