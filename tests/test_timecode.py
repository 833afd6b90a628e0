"""Times at the edges of the model: seconds and ms from files, clocks, frames and SMPTE timecode
(non-drop-frame and drop-frame) at the broadcast and film rates, cue times on frames."""
from __future__ import annotations

import math
from collections.abc import Iterator
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scribekit.errors import ReadError
from scribekit.timecode import (
    MAX_MS,
    FrameRate,
    checked_ms,
    clock,
    decimal_int,
    format_clock,
    format_smpte,
    format_srt,
    format_vtt,
    frame_spans,
    frames_to_ms,
    ms_to_frames,
    ms_to_seconds,
    number_excerpt,
    parse_smpte,
    seconds_to_ms,
    timecode_settings,
)

RATES = [23.976, 24, 25, 29.97, 30, 50, 59.94, 60]
HINT = "scribekit reads times up to 10^12 ms, about 31 years, either way"


# --- numbers read from files ----------------------------------------------------------------------


@pytest.mark.parametrize("value, shown", [
    (0, "0"), (12, "12"), (-7, "-7"), (0.1, "0.1"), (1e300, "1e+300"), (float("nan"), "nan"), (True, "True"),
    (2**70 - 1, "1180591620717411303423"),  # 70 bits: still written out
    (2**70, "<an integer of about 22 digits>"),  # 71 bits: described by its size
    (10**30, "<an integer of about 31 digits>"), (-(10**30), "-<an integer of about 31 digits>"),
    pytest.param(10**5000, "<an integer of about 5001 digits>", id="5001 digits"),  # beyond what str() converts
    ("x" * 40, "x" * 40), ("0123456789" * 4 + "x", "012345678901234567890123456789... (41 characters)"),
])
def test_number_excerpt(value: object, shown: str) -> None:
    assert number_excerpt(value) == shown


@pytest.mark.parametrize("seconds, ms", [
    (0, 0), (1.5, 1500), (0.0024, 2), (0.0025, 3), (-0.0024, -2), (-0.0025, -3),  # halves away from zero
    (0.0005, 1), (-0.0005, -1), (0.0004, 0), (-0.0004, 0), (12, 12000),
    (10**9, MAX_MS), (-(10**9), -MAX_MS), (1e9, MAX_MS),
])
def test_seconds_to_ms_rounds_halves_away_from_zero(seconds: float, ms: int) -> None:
    assert seconds_to_ms(seconds) == ms
    assert type(seconds_to_ms(seconds)) is int


@pytest.mark.parametrize("seconds, shown", [
    (10**9 + 1, "1000000001"), (1e9 + 0.001, "1000000000.001"), (-(10**9) - 1, "-1000000001"),
    (float("nan"), "nan"), (float("inf"), "inf"), (float("-inf"), "-inf"), (1e306, "1e+306"),
    pytest.param(10**5000, "<an integer of about 5001 digits>", id="5001 digits"),
])
def test_seconds_out_of_range_are_a_read_error_naming_the_line(seconds: float, shown: str) -> None:
    with pytest.raises(ReadError) as caught:
        seconds_to_ms(seconds, "start", line=12)
    assert caught.value.message == f"start of {shown} seconds is out of range"
    assert caught.value.line == 12 and caught.value.hint == HINT
    assert str(caught.value) == f"line 12: start of {shown} seconds is out of range ({HINT})"
    with pytest.raises(ReadError, match=r"^time of .* seconds is out of range") as unnamed:
        seconds_to_ms(seconds)
    assert unnamed.value.line is None


def test_checked_ms_passes_what_the_model_holds() -> None:
    for ms in (0, 1, -1, MAX_MS, -MAX_MS):
        assert checked_ms(ms) == ms


@pytest.mark.parametrize("ms, shown", [(MAX_MS + 1, "1000000000001"), (-MAX_MS - 1, "-1000000000001"),
                                       (-(10**100), "-<an integer of about 101 digits>")])
def test_checked_ms_refuses_what_the_model_cannot_hold(ms: int, shown: str) -> None:
    with pytest.raises(ReadError) as caught:
        checked_ms(ms, "end", line=3)
    assert (caught.value.message, caught.value.line, caught.value.hint) == (
        f"end of {shown} ms is out of range", 3, HINT)
    with pytest.raises(ReadError, match=f"^time of {shown} ms") as unnamed:
        checked_ms(ms)
    assert unnamed.value.line is None


def test_decimal_int_reads_up_to_30_digits() -> None:
    assert decimal_int("0") == 0 and decimal_int("0042") == 42 and decimal_int("-5") == -5
    assert decimal_int("9" * 30) == 10**30 - 1


def test_decimal_int_refuses_31_digits_naming_the_line() -> None:
    with pytest.raises(ReadError) as caught:
        decimal_int("1" * 31, "hours", line=7)
    assert (caught.value.message, caught.value.line, caught.value.hint) == (
        "hours of 31 digits is out of range", 7, HINT)
    with pytest.raises(ReadError) as unnamed:
        decimal_int("1" * 5000)
    assert unnamed.value.message == "number of 5000 digits is out of range" and unnamed.value.line is None


@pytest.mark.parametrize("digits", ["12a", "", "1 2", "x" * 30])
def test_decimal_int_refuses_what_is_not_a_number(digits: str) -> None:
    with pytest.raises(ReadError) as caught:
        decimal_int(digits, "frames", line=2)
    assert (caught.value.message, caught.value.line, caught.value.hint) == (
        f"frames {digits!r} is not a number", 2, None)
    with pytest.raises(ReadError, match="^number '12a' is not a number$"):
        decimal_int("12a")


# --- clocks ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("ms, srt", [
    (0, "00:00:00,000"), (1, "00:00:00,001"), (999, "00:00:00,999"), (1000, "00:00:01,000"),
    (59_999, "00:00:59,999"), (60_000, "00:01:00,000"), (3_599_999, "00:59:59,999"), (3_600_000, "01:00:00,000"),
    (3_723_456, "01:02:03,456"), (359_999_999, "99:59:59,999"),
    (360_000_000, "100:00:00,000"), (363_723_456, "101:02:03,456"),  # hours widen past 99
    (MAX_MS, "277777:46:40,000"),
    (-1, "-00:00:00,001"), (-3_723_456, "-01:02:03,456"), (-360_000_000, "-100:00:00,000"),
])
def test_clocks(ms: int, srt: str) -> None:
    assert clock(ms, ",") == format_srt(ms) == srt
    assert clock(ms, "|") == srt.replace(",", "|")
    assert format_vtt(ms) == srt.replace(",", ".")
    assert format_clock(ms) == srt[:-4]


def test_ms_to_seconds() -> None:
    assert ms_to_seconds(1500) == 1.5 and ms_to_seconds(-1) == -0.001 and ms_to_seconds(0) == 0.0


# --- frame rates ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fps, exact, base", [
    (23.976, Fraction(24000, 1001), 24), (23.98, Fraction(24000, 1001), 24), (24, Fraction(24), 24),
    (24000 / 1001, Fraction(24000, 1001), 24), (Fraction(24000, 1001), Fraction(24000, 1001), 24),
    (25, Fraction(25), 25), (" 25 ", Fraction(25), 25), (25.0, Fraction(25), 25),
    (29.97, Fraction(30000, 1001), 30), (30000 / 1001, Fraction(30000, 1001), 30),
    ("29.97", Fraction(30000, 1001), 30), ("30000/1001", Fraction(30000, 1001), 30),
    (Fraction(30000, 1001), Fraction(30000, 1001), 30), ("29.9697", Fraction(30000, 1001), 30),
    (30, Fraction(30), 30), (50, Fraction(50), 50), (59.94, Fraction(60000, 1001), 60),
    (60000 / 1001, Fraction(60000, 1001), 60), (Fraction(60000, 1001), Fraction(60000, 1001), 60),
    (60, Fraction(60), 60), (12.5, Fraction(25, 2), 13),
    (Fraction(30000, 1003), Fraction(27667, 925), 30),  # kept to a denominator of 1001 at most
    (Fraction(1, 1002), Fraction(1, 1001), 1),
])
def test_rates_are_exact_fractions_with_a_nominal_base(fps: float, exact: Fraction, base: int) -> None:
    rate = FrameRate.of(fps)
    assert rate.fps == exact and rate.base == base
    assert (rate.numerator, rate.denominator) == (exact.numerator, exact.denominator)
    assert FrameRate.of(rate) is rate and rate == FrameRate(exact.numerator, exact.denominator)
    assert FrameRate.find(fps) == rate


@pytest.mark.parametrize("fps", ["fast", "1/0", "", None, [25], float("nan"), float("inf"), float("-inf")])
def test_what_is_not_a_rate(fps: object) -> None:
    with pytest.raises(ValueError, match=r" is not a frame rate$"):
        FrameRate.of(fps)  # type: ignore[arg-type]
    assert FrameRate.find(fps) is None  # type: ignore[arg-type]


@pytest.mark.parametrize("fps", [10**400, Fraction(10**400, 3), "1" * 400 + ".5", "1e400"])
def test_a_rate_beyond_the_floats_is_not_a_rate(fps: object) -> None:
    with pytest.raises(ValueError, match=r" is not a frame rate$"):
        FrameRate.of(fps)  # type: ignore[arg-type]


@pytest.mark.parametrize("numerator, denominator", [(0, 1), (-25, 1), (25, 0), (25, -1)])
def test_a_rate_is_positive(numerator: int, denominator: int) -> None:
    message = f"^a frame rate must be positive, not {numerator}/{denominator}$"
    with pytest.raises(ValueError, match=message):
        FrameRate(numerator, denominator)
    assert FrameRate.find(Fraction(numerator, denominator) if denominator else "1/0") is None


def test_rate_names_equality_and_hash() -> None:
    assert [str(FrameRate.of(fps)) for fps in RATES + [12.5, 48]] == [
        "23.976", "24", "25", "29.97", "30", "50", "59.94", "60", "12.5", "48"]
    assert repr(FrameRate.of(29.97)) == "FrameRate(30000, 1001)" and repr(FrameRate(25)) == "FrameRate(25, 1)"
    assert FrameRate(50, 2) == FrameRate(25) and hash(FrameRate(50, 2)) == hash(FrameRate(25))
    assert len({FrameRate(50, 2), FrameRate(25), FrameRate(24)}) == 2
    assert len({hash(FrameRate.of(fps)) for fps in RATES}) == len(RATES)  # rates hash apart
    assert FrameRate(25) != FrameRate(24) and FrameRate(25) != 25 and FrameRate(25) != "25"
    assert FrameRate.of(29.97).ntsc and FrameRate.of(23.976).ntsc and FrameRate.of(59.94).ntsc
    assert not FrameRate.of(30).ntsc and not FrameRate(25).ntsc
    assert [FrameRate.of(fps).drop for fps in RATES] == [0, 0, 0, 2, 0, 0, 4, 0]


# --- ms and frames --------------------------------------------------------------------------------


@pytest.mark.parametrize("fps, ms, frames, label", [
    (25, 1000, 25, "00:00:01:00"), (25, 19, 0, "00:00:00:00"), (25, 20, 1, "00:00:00:01"),
    (25, -20, 0, "00:00:00:00"), (25, 3_600_000, 90_000, "01:00:00:00"), (24, 1000, 24, "00:00:01:00"),
    (50, 9, 0, "00:00:00:00"), (50, 10, 1, "00:00:00:01"), (30, 3_600_000, 108_000, "01:00:00:00"),
    (60, 1000, 60, "00:00:01:00"), (25, 359_999_960, 8_999_999, "99:59:59:24"),
    # the NTSC rates count nominal frames: an hour of real time is 3.6 s short of the 01:00:00:00 label
    (29.97, 3_603_600, 108_000, "01:00:00:00"), (29.97, 3_600_000, 107_892, "00:59:56:12"),
    (23.976, 3_603_600, 86_400, "01:00:00:00"), (59.94, 3_603_600, 216_000, "01:00:00:00"),
])
def test_ms_frames_and_labels(fps: float, ms: int, frames: int, label: str) -> None:
    rate = FrameRate.of(fps)
    assert ms_to_frames(ms, fps) == ms_to_frames(ms, rate) == rate.frames(ms) == frames
    assert format_smpte(ms, fps) == format_smpte(ms, rate) == rate.format(frames) == label
    assert parse_smpte(label, fps) == frames_to_ms(frames, fps) == frames_to_ms(frames, rate) == rate.ms(frames)
    assert abs(frames_to_ms(frames, fps) - ms) <= 1000 / float(FrameRate.of(fps).fps) / 2
    assert type(rate.frames(ms)) is int and type(rate.ms(frames)) is int


@pytest.mark.parametrize("rate, frames, ms", [
    (FrameRate(25), 1, 40), (FrameRate(16), 1, 63), (FrameRate(16), 3, 188),  # 62.5, 187.5: halves up
    (FrameRate(16), -1, -62), (FrameRate(80), 1, 13), (FrameRate(24), 1, 42), (FrameRate(24), 2, 83),
    (FrameRate(30000, 1001), 1, 33), (FrameRate(30000, 1001), 2, 67), (FrameRate(30000, 1001), 107_892, 3_599_996),
    (FrameRate(25), 25_000_000_000, MAX_MS), (FrameRate(30000, 1001), 29_970_029_970, MAX_MS - 1),
])
def test_the_start_of_a_frame_to_the_nearest_ms(rate: FrameRate, frames: int, ms: int) -> None:
    assert rate.ms(frames) == frames_to_ms(frames, rate) == ms


@pytest.mark.parametrize("rate, ms, frames", [
    (FrameRate(25), 59, 1), (FrameRate(25), 60, 2), (FrameRate(16), 31, 0), (FrameRate(16), 32, 1),
    (FrameRate(30000, 1001), 16, 0), (FrameRate(30000, 1001), 17, 1), (FrameRate(30000, 1001), 50, 1),
    (FrameRate(30000, 1001), 51, 2), (FrameRate(25), MAX_MS, 25_000_000_000),
    (FrameRate(30000, 1001), MAX_MS, 29_970_029_970), (FrameRate(30000, 1001), -MAX_MS, -29_970_029_970),
])
def test_ms_to_the_nearest_frame_exactly(rate: FrameRate, ms: int, frames: int) -> None:
    assert rate.frames(ms) == ms_to_frames(ms, rate) == frames


def test_label_forms_and_fields() -> None:
    rate = FrameRate.of(25)
    assert rate.parse("10:00:00:00") == rate.parse("10000000") == rate.parse(" 10.00.00.00 ") == 900_000
    assert rate.parse("1:00:00:00") == rate.parse("1,00,00,00") == rate.parse("01:00:00:00") == 90_000
    assert rate.to_smpte(900_024) == (10, 0, 0, 24) and rate.to_smpte(0) == (0, 0, 0, 0)
    assert rate.to_smpte(9_000_000 + 89_999) == (100, 59, 59, 24)
    assert rate.format(900_024, separator="") == "10000024"
    assert rate.format(900_024, separator=".") == "10.00.00.24"
    assert rate.format(rate.from_smpte(123, 4, 5, 6)) == "123:04:05:06"  # hours widen past 99
    assert rate.from_smpte(123, 4, 5, 6) == ((123 * 60 + 4) * 60 + 5) * 25 + 6
    assert rate.from_smpte(0, 59, 59, 24) == 89_999 and rate.from_smpte(0, 0, 0, 0) == 0
    assert rate.label_number(1800) == rate.label_number(1800, drop_frame=False) == 1800
    assert FrameRate.of(29.97).label_number(1800) == 1800


@pytest.mark.parametrize("fields, label", [
    ((-1, 0, 0, 0), "-1:00:00:00"), ((0, -1, 0, 0), "00:-1:00:00"), ((0, 0, -1, 0), "00:00:-1:00"),
    ((0, 0, 0, -1), "00:00:00:-1"), ((0, 60, 0, 0), "00:60:00:00"), ((0, 0, 60, 0), "00:00:60:00"),
    ((0, 0, 0, 25), "00:00:00:25"), ((1, 99, 99, 99), "01:99:99:99"),
])
def test_fields_out_of_range_are_not_a_timecode(fields: tuple[int, int, int, int], label: str) -> None:
    with pytest.raises(ValueError, match=f"^{label} is not a timecode at 25 frames a second$"):
        FrameRate(25).from_smpte(*fields)


@pytest.mark.parametrize("text", ["10:00:00:25", "10:60:00:00", "10:00:60:00", "1:2:3", "", "aa:bb:cc:dd",
                                  "100:00:00:00", "10:00:00:00:00", "10-00-00-00"])
def test_what_is_not_a_label_at_25(text: str) -> None:
    with pytest.raises(ValueError):
        parse_smpte(text, 25)


@pytest.mark.parametrize("text, shown", [
    ("1:2:3", "'1:2:3'"), ("x" * 30, repr("x" * 30)), ("x" * 31, repr("x" * 25 + "...")),
])
def test_what_is_not_a_label_is_shown_short(text: str, shown: str) -> None:
    with pytest.raises(ValueError) as caught:
        FrameRate(25).parse(text)
    assert str(caught.value) == f"{shown} is not a timecode (HH:MM:SS:FF)"


def test_frames_past_the_base_are_not_a_label() -> None:
    assert FrameRate.of(30).parse("00:00:00:29") == 29
    with pytest.raises(ValueError, match="^00:00:00:30 is not a timecode at 29.97 frames a second$"):
        FrameRate.of(29.97).from_smpte(0, 0, 0, 30)


@given(st.sampled_from(RATES), st.integers(0, 24 * 3600 * 60))
def test_frames_to_ms_and_back_is_the_same_frame(fps: float, frames: int) -> None:
    rate = FrameRate.of(fps)
    assert rate.frames(rate.ms(frames)) == frames
    assert rate.parse(rate.format(frames)) == frames


@given(st.sampled_from(RATES), st.integers(-MAX_MS, MAX_MS))
def test_ms_to_the_nearest_frame(fps: float, ms: int) -> None:
    rate = FrameRate.of(fps)
    exact = ms * rate.fps / 1000
    assert rate.frames(ms) == math.floor(exact + Fraction(1, 2))  # the nearest, halves up
    start = Fraction(rate.frames(ms) * 1000) / rate.fps
    assert abs(rate.ms(rate.frames(ms)) - start) <= Fraction(1, 2)


# --- drop frame (29.97, 59.94) -------------------------------------------------------------------


def drop_frame_labels(base: int, drop: int, hours: int, tens: int) -> Iterator[tuple[int, int, int, int]]:
    """Drop-frame labels from ``hours:tens0:00;00`` on, counted one by one: every label but
    ``;00`` to ``drop - 1`` of second 0 of each minute not a multiple of ten."""
    minute = 10 * tens
    while True:
        for second in range(60):
            for frame in range(base):
                if not (second == 0 and frame < drop and minute % 10):
                    yield hours, minute, second, frame
        hours, minute = (hours + 1, 0) if minute == 59 else (hours, minute + 1)


FRAMES_AN_HOUR = {29.97: 107_892, 59.94: 215_784}  # 60 * 60 * base less drop * 54 minutes


@pytest.mark.parametrize("fps", [29.97, 59.94])
@pytest.mark.parametrize("hours, tens", [(0, 0), (99, 5)])
def test_drop_frame_labels_counted_one_by_one(fps: float, hours: int, tens: int) -> None:
    """Twelve minutes of labels from 00:00:00;00 and from 99:50:00;00 (past 100 hours): each the
    label counted by hand."""
    rate = FrameRate.of(fps)
    first = hours * FRAMES_AN_HOUR[fps] + tens * FRAMES_AN_HOUR[fps] // 6
    labels = drop_frame_labels(rate.base, rate.drop, hours, tens)
    for frames, fields in zip(range(first, first + 12 * 60 * rate.base), labels):
        assert rate.to_smpte(frames, drop_frame=True) == fields
        assert rate.from_smpte(*fields, drop_frame=True) == frames
    assert rate.format(frames, drop_frame=True) == "{:02d}:{:02d}:{:02d};{:02d}".format(*fields)


def test_labels_at_100_hours_and_beyond() -> None:
    assert FrameRate(25).format(8_999_999) == "99:59:59:24" and FrameRate(25).format(9_000_000) == "100:00:00:00"
    assert format_smpte(360_000_000, 25) == "100:00:00:00" and format_smpte(3_600_000_000, 25) == "1000:00:00:00"
    assert format_smpte(360_360_000, 29.97) == "100:00:00:00"
    ntsc = FrameRate.of(29.97)
    assert ntsc.format(10_789_199, drop_frame=True) == "99:59:59;29"
    assert ntsc.format(10_789_200, drop_frame=True) == "100:00:00;00"
    assert ntsc.format(10_791_000, drop_frame=True) == "100:01:00;02"
    assert ntsc.from_smpte(100, 1, 0, 2, drop_frame=True) == 10_791_000
    assert FrameRate.of(59.94).format(21_578_400, drop_frame=True) == "100:00:00;00"


@pytest.mark.parametrize("fps, frames, label", [
    (29.97, 0, "00:00:00;00"), (29.97, 1799, "00:00:59;29"), (29.97, 1800, "00:01:00;02"),
    (29.97, 1801, "00:01:00;03"), (29.97, 3597, "00:01:59;29"), (29.97, 3598, "00:02:00;02"),
    (29.97, 16184, "00:09:00;02"), (29.97, 17981, "00:09:59;29"), (29.97, 17982, "00:10:00;00"),
    (29.97, 17983, "00:10:00;01"), (29.97, 19781, "00:10:59;29"), (29.97, 19782, "00:11:00;02"),
    (29.97, 35964, "00:20:00;00"), (29.97, 107892, "01:00:00;00"), (29.97, 2589407, "23:59:59;29"),
    (59.94, 3599, "00:00:59;59"), (59.94, 3600, "00:01:00;04"), (59.94, 7195, "00:01:59;59"),
    (59.94, 7196, "00:02:00;04"), (59.94, 35963, "00:09:59;59"), (59.94, 35964, "00:10:00;00"),
    (59.94, 35967, "00:10:00;03"), (59.94, 39564, "00:11:00;04"), (59.94, 215784, "01:00:00;00"),
    (29.97, 10_789_199, "99:59:59;29"),
])
def test_drop_frame_labels(fps: float, frames: int, label: str) -> None:
    rate = FrameRate.of(fps)
    assert rate.format(frames, drop_frame=True) == label
    assert rate.label_number(frames, drop_frame=True) == rate.from_smpte(*rate.to_smpte(frames, drop_frame=True))
    assert rate.parse(label, drop_frame=True) == rate.parse(label, drop_frame=None) == frames
    assert format_smpte(rate.ms(frames), fps, drop_frame=True) == label
    assert parse_smpte(label, fps, drop_frame=None) == parse_smpte(label, fps, True) == rate.ms(frames)
    assert parse_smpte(label.replace(";", ":"), fps, drop_frame=True) == rate.ms(frames)


def test_drop_frame_label_numbers() -> None:
    rate = FrameRate.of(29.97)
    assert [rate.label_number(n, drop_frame=True) for n in (0, 1799, 1800, 17981, 17982, 19782)] == [
        0, 1799, 1802, 17999, 18000, 19802]
    assert rate.to_smpte(1800, drop_frame=True) == (0, 1, 0, 2) and rate.to_smpte(1800) == (0, 1, 0, 0)


@given(st.sampled_from([29.97, 59.94]), st.integers(0, 2_589_407))  # within the day OpenTimelineIO labels
def test_drop_frame_labels_agree_with_opentimelineio(fps: float, frames: int) -> None:
    opentime = pytest.importorskip("opentimelineio.opentime")
    rate = FrameRate.of(fps)
    label = rate.format(frames, drop_frame=True)
    assert label == opentime.to_timecode(opentime.RationalTime(frames, float(rate.fps)), float(rate.fps), True)
    assert rate.parse(label, drop_frame=True) == frames


@pytest.mark.parametrize("fps, text, last", [
    (29.97, "00:01:00;00", "01"), (29.97, "00:01:00;01", "01"), (29.97, "00:09:00;01", "01"),
    (29.97, "01:11:00;00", "01"), (59.94, "00:02:00;03", "03"), (59.94, "00:02:00;00", "03"),
])
def test_labels_drop_frame_skips(fps: float, text: str, last: str) -> None:
    message = (f"^{text} is a label drop-frame timecode skips \\(frames 00 to {last} of every minute "
               "but each tenth\\)$")
    with pytest.raises(ValueError, match=message):
        FrameRate.of(fps).parse(text, drop_frame=None)
    with pytest.raises(ValueError, match=message):
        FrameRate.of(fps).parse(text.replace(";", ":"), drop_frame=True)


@pytest.mark.parametrize("fps, text, frames", [
    (29.97, "00:01:00;02", 1800), (29.97, "00:01:01;00", 1828), (29.97, "00:10:00;01", 17983),
    (29.97, "01:00:00;00", 107892), (59.94, "00:02:00;04", 7196), (59.94, "00:20:00;03", 71931),
])
def test_labels_drop_frame_keeps(fps: float, text: str, frames: int) -> None:
    assert FrameRate.of(fps).parse(text, drop_frame=None) == frames


@pytest.mark.parametrize("fps", [25, 23.976, 30, 24, 60])
def test_drop_frame_is_at_29_97_and_59_94_only(fps: float) -> None:
    rate = FrameRate.of(fps)
    message = f"^drop-frame timecode exists at 29.97 and 59.94 frames a second, not at {rate}$"
    for call in (lambda: rate.parse("01:00:00;00", drop_frame=None), lambda: rate.parse("01:00:00:00", True),
                 lambda: rate.format(100, drop_frame=True), lambda: rate.label_number(100, drop_frame=True),
                 lambda: timecode_settings(fps, None, True), lambda: timecode_settings(fps, "01:00:00;00")):
        with pytest.raises(ValueError, match=message):
            call()


def test_drop_frame_is_asked_for_or_told_by_the_semicolon() -> None:
    rate = FrameRate.of(29.97)
    assert rate.parse("00:10:00:00") == 18000  # non-drop-frame unless asked: the STL writer's reading
    assert rate.parse("00:10:00:00", drop_frame=True) == rate.parse("00:10:00;00", drop_frame=None) == 17982
    assert rate.parse("00:10:00:00", drop_frame=None) == 18000
    assert rate.parse("00;10;00;00", drop_frame=None) == 17982
    assert parse_smpte("00:10:00:00", 29.97, drop_frame=True) == rate.ms(17982) == 599_999
    assert parse_smpte("00:10:00:00", 29.97) == parse_smpte("00:10:00:00", 29.97, None) == rate.ms(18000)
    with pytest.raises(ValueError, match=r"^'00:10:00;00' is a drop-frame timecode \(';' before the frames\); "
                                         r"this one is non-drop-frame \(HH:MM:SS:FF\)$"):
        rate.parse("00:10:00;00")
    with pytest.raises(ValueError, match="is a drop-frame timecode"):
        parse_smpte("00:10:00;00", 29.97, drop_frame=False)
    assert rate.format(17982, separator="", drop_frame=True) == "00100000"
    assert rate.format(17982, separator=".", drop_frame=True) == "00.10.00.00"
    assert rate.format(17982, separator=";", drop_frame=True) == "00;10;00;00"
    assert rate.format(17982) == "00:09:59:12" and format_smpte(rate.ms(17982), 29.97) == "00:09:59:12"


@pytest.mark.parametrize("fps, start, drop, expected", [
    (None, None, None, (FrameRate(25), 0, False)),
    (29.97, "01:00:00;00", None, (FrameRate(30000, 1001), 107892, True)),
    (29.97, "01:00:00:00", None, (FrameRate(30000, 1001), 108000, False)),
    (29.97, "01:00:00:00", True, (FrameRate(30000, 1001), 107892, True)),
    (29.97, "01:00:00:00", False, (FrameRate(30000, 1001), 108000, False)),
    (29.97, None, None, (FrameRate(30000, 1001), 0, False)),
    (59.94, None, True, (FrameRate(60000, 1001), 0, True)),
    (59.94, "01:00:00;00", None, (FrameRate(60000, 1001), 215784, True)),
    (24, "10:00:00:00", None, (FrameRate(24), 864000, False)),
    (24, "10:00:00:00", False, (FrameRate(24), 864000, False)),
])
def test_timecode_settings(fps: float | None, start: str | None, drop: bool | None,
                           expected: tuple[FrameRate, int, bool]) -> None:
    settings = timecode_settings(fps, start, drop)
    assert settings == expected and type(settings[2]) is bool


def test_timecode_settings_default_rate() -> None:
    assert timecode_settings(None, default_fps=30) == (FrameRate(30), 0, False)
    assert timecode_settings(None, "00:00:01:00", default_fps=30) == (FrameRate(30), 30, False)
    assert timecode_settings(24, default_fps=30) == (FrameRate(24), 0, False)
    assert timecode_settings(None, "00:00:01:00") == (FrameRate(25), 25, False)


@pytest.mark.parametrize("fps, start, drop, message", [
    (25, None, True, "drop-frame timecode exists at 29.97 and 59.94 frames a second, not at 25"),
    (25, "01:00:00;00", None, "drop-frame timecode exists at 29.97 and 59.94 frames a second, not at 25"),
    (29.97, "01:00:00;00", False, "'01:00:00;00' is a drop-frame timecode"),
    (29.97, "bad", None, "'bad' is not a timecode"),
    (29.97, "00:01:00;00", None, "00:01:00;00 is a label drop-frame timecode skips"),
    (29.97, "00:01:00:00", True, "00:01:00;00 is a label drop-frame timecode skips"),
])
def test_timecode_settings_refused(fps: float, start: str | None, drop: bool | None, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        timecode_settings(fps, start, drop)
    assert str(caught.value).startswith(message)


# --- cue times on frames -------------------------------------------------------------------------

RATE = FrameRate(25)  # a frame is 40 ms: 20 ms is half a frame


@pytest.mark.parametrize("spans, frames", [
    # every time to its nearest frame, halves up
    ([(0, 1000), (1000, 2019), (2020, 3000)], [(0, 25), (25, 50), (51, 75)]),
    ([(0, 10), (10, 20), (20, 30), (30, 1000)], [(0, 1), (1, 2), (2, 3), (3, 25)]),
    # a cue rounded to nothing gets a frame: its end into the silence after it
    ([(1000, 1010), (2000, 3000)], [(25, 26), (50, 75)]),
    ([(1000, 1010)], [(25, 26)]),  # the last cue
    # ... no silence after it (the next cue starts on its frame, or touches it): into the silence before it
    ([(0, 500), (1005, 1015), (1019, 2000)], [(0, 13), (24, 25), (25, 50)]),
    ([(0, 960), (1005, 1015), (1015, 2000)], [(0, 24), (24, 25), (25, 50)]),
    ([(960, 1000), (1010, 2000)], [(24, 25), (25, 50)]),  # 960 is frame 24
    ([(1005, 1015), (1019, 2000)], [(24, 25), (25, 50)]),  # the first cue: towards 0
    ([(35, 45), (55, 1000)], [(0, 1), (1, 25)]),  # frame 1 back to frame 0
    # ... no silence before it either: the next cue starts later
    ([(0, 1000), (1005, 1015), (1019, 2000)], [(0, 25), (25, 26), (26, 50)]),
    ([(15, 18), (19, 1000)], [(0, 1), (1, 25)]),  # at frame 0
    ([(-1015, -1005), (-981, 1000)], [(-25, -24), (-24, 25)]),  # before 0: never further back
    ([(0, 1000), (1005, 1015), (1016, 1018), (1040, 2000)], [(0, 25), (25, 26), (26, 27), (27, 50)]),
    # a cue overlapping the next one: the overlap is the caller's, the frame goes after it
    ([(1000, 1010), (1005, 2000)], [(25, 26), (25, 50)]),
    ([(0, 2000), (1005, 1015), (1019, 3000)], [(0, 50), (25, 26), (26, 75)]),  # the previous one overlaps it
    # a cue that ends before it starts: a point at its start; a cue of no duration stays a point
    ([(5000, 4000)], [(125, 125)]),
    ([(5000, 4000), (5005, 6000)], [(125, 125), (125, 150)]),
    ([(0, 1000), (1000, 1000), (2000, 2010)], [(0, 25), (25, 25), (50, 51)]),
    ([(0, 2000), (1000, 3000)], [(0, 50), (25, 75)]),  # overlaps are the caller's
    ([], []),
])
def test_frame_spans(spans: list[tuple[int, int]], frames: list[tuple[int, int]]) -> None:
    assert frame_spans(spans, RATE) == frames


@pytest.mark.parametrize("spans, frames", [
    ([(0, 2000), (1000, 3000)], [(0, 25), (25, 75)]),  # cut apart where the next one starts
    ([(0, 2000), (0, 3000)], [(0, 1), (1, 75)]),
    ([(0, 2000), (1000, 1010), (1500, 3000)], [(0, 25), (25, 26), (38, 75)]),
    ([(0, 1000), (1000, 1000), (2000, 2000)], [(0, 25), (25, 26), (50, 51)]),  # every cue a frame at least
    ([(0, 1000), (1005, 1005), (1010, 2000)], [(0, 25), (25, 26), (26, 50)]),
    ([(5000, 4000), (6000, 7000)], [(125, 126), (150, 175)]),
    ([(0, 1000), (900, 1500), (1000, 3000)], [(0, 23), (23, 25), (25, 75)]),
])
def test_frame_spans_separate(spans: list[tuple[int, int]], frames: list[tuple[int, int]]) -> None:
    assert frame_spans(spans, RATE, separate=True) == frames


@pytest.mark.parametrize("spans, separate, frames", [
    ([(0, 960), (1005, 1015), (1019, 2000)], False, [(0, 24), (24, 27), (27, 50)]),
    ([(0, 1000), (1000, 1030), (1100, 2000)], False, [(0, 25), (25, 28), (28, 50)]),
    ([(0, 500), (1005, 1015), (1019, 2000)], False, [(0, 13), (22, 25), (25, 50)]),
    ([(0, 1000), (1000, 1080), (2000, 3000)], False, [(0, 25), (25, 28), (50, 75)]),
    ([(0, 1000), (1000, 1120), (2000, 3000)], False, [(0, 25), (25, 28), (50, 75)]),  # 3 frames already
    ([(0, 1000), (1000, 1000), (2000, 2000)], True, [(0, 25), (25, 28), (50, 53)]),
])
def test_frame_spans_with_a_longer_minimum(spans: list[tuple[int, int]], separate: bool,
                                           frames: list[tuple[int, int]]) -> None:
    assert frame_spans(spans, RATE, separate=separate, min_frames=3) == frames


def test_frame_spans_at_29_97_put_times_on_frames_as_the_rate_does() -> None:
    rate = FrameRate.of(29.97)
    spans = [(0, 3_600_000), (MAX_MS - 10_000, MAX_MS)]
    assert frame_spans(spans, rate) == [(0, 107_892), (29_970_029_670, 29_970_029_970)]


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


@given(st.sampled_from(RATES), st.lists(st.integers(-MAX_MS, MAX_MS), min_size=2, max_size=10))
def test_frame_spans_of_long_cues_are_the_nearest_frames(fps: float, times: list[int]) -> None:
    rate = FrameRate.of(fps)
    times = sorted(set(times))
    spans = [(start, end) for start, end in zip(times, times[1:]) if end - start >= 1000]
    frames = frame_spans(spans, rate)
    assert frames == [(rate.frames(start), rate.frames(end)) for start, end in spans]
    assert all(type(n) is int for span in frames for n in span)
