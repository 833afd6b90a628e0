"""Our time maps against pysubs2's (SSAFile.shift, SSAFile.transform_framerate and its command line)
on the same files: the subtitle files of samples/ and tests/data/ and SRT files hypothesis makes.

Tolerances, and why:

- **shift**: 0 ms. Both add whole milliseconds.
- **frame rate**, given the same rates: at most 1 ms, and only where the exact time falls within a
  millionth of a millisecond of a half. pysubs2 multiplies by the float ``fps1 / fps2`` and rounds
  with Python's ``round`` (halves to even); we multiply by the exact ratio of the rates and round
  halves away from zero. Both round once, so they part only on a half (25 to 24: 12 ms is 12.5) or
  where the float ratio's last bit moves a time across one.
- **frame rate, pysubs2 given the decimal 23.976**: pysubs2 then works with 23.976 itself, we with
  the NTSC rate 24000/1001 that 23.976 stands for. The two part by 1 ms in every 1.04 million (3.5 ms
  at one hour), besides the 1 ms of rounding.
- **SubStation Alpha** (centiseconds): shifts of whole centiseconds agree exactly; a frame-rate
  change within one centisecond, for the rounding above carried into the centiseconds.
"""
from __future__ import annotations

import copy
import subprocess
import sys
import warnings
from fractions import Fraction
from pathlib import Path
from typing import NamedTuple

import pysubs2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scribekit import Cue, ScribekitError, ScribekitWarning, Transcript, loads
from scribekit.retime import Retiming, map_times, parse_time, retime_subs_text
from scribekit.timecode import FrameRate, format_srt

ROOT = Path(__file__).resolve().parent.parent
PATHS = sorted([*ROOT.glob("samples/**/*.srt"), *ROOT.glob("samples/**/*.vtt"), *ROOT.glob("tests/data/**/*.srt"),
                *ROOT.glob("tests/data/**/*.vtt")])
SHIFTS = [1500, 1, 12_345, -200, -1500, 3_600_000]
RATES = [(23.976, 25), (25, 23.976), (29.97, 25), (25, 24), (24, 25), (30, 29.97), (59.94, 50)]


class Pair(NamedTuple):
    name: str
    transcript: Transcript
    subs: pysubs2.SSAFile


def _both(text: str, name: str) -> Pair | None:
    """The file read by us and by pysubs2, when both read it to the same cue times (else None: the
    readers differ, which is not what these tests compare)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ours = loads(text)
            theirs = pysubs2.SSAFile.from_string(text)
    except (ScribekitError, ValueError, pysubs2.Pysubs2Error):
        return None
    if [(c.start, c.end) for c in ours.cues or []] != [(e.start, e.end) for e in theirs if not e.is_comment]:
        return None
    return Pair(name, ours, theirs)


@pytest.fixture(scope="module")
def files() -> list[Pair]:
    found = []
    for path in PATHS:
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            continue
        pair = _both(text, str(path.relative_to(ROOT)))
        if pair is not None and pair.transcript.cues:
            found.append(pair)
    return found


def test_most_files_are_compared(files: list[Pair]) -> None:
    assert len(files) >= 100, [pair.name for pair in files]
    assert any("interview.srt" in pair.name for pair in files) and any("vtt-wpt" in pair.name for pair in files)


def _ours(transcript: Transcript, retiming: Retiming) -> list[tuple[int, int]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)  # the times before 0, checked in test_retime
        return [(c.start, c.end) for c in map_times(transcript, retiming).cues or []]


def _check_shift(pair: Pair, shift: int) -> None:
    theirs = copy.deepcopy(pair.subs)
    theirs.shift(ms=shift)
    events = zip((e for e in pair.subs if not e.is_comment), (e for e in theirs if not e.is_comment))
    # as we keep them: a start before 0 at 0, a cue taken to end at or before 0 dropped (pysubs2 keeps
    # negative times in memory, and its writers print them as 0)
    expected = [(max(after.start, 0), after.end) for before, after in events
                if after.end > 0 or (after.end == 0 and before.end == 0)]
    assert _ours(pair.transcript, Retiming(shift=shift)) == expected, pair.name


@pytest.mark.parametrize("shift", SHIFTS)
def test_shifts_agree_exactly(files: list[Pair], shift: int) -> None:
    for pair in files:
        _check_shift(pair, shift)


def _check_rates(pair: Pair, low: float, high: float, pysubs2_rates: tuple[float, float] | None = None) -> int:
    """Our frame-rate change against pysubs2's on ``pair`` (pysubs2 given the exact rates as floats,
    or ``pysubs2_rates``); the number of times that differ."""
    exact = FrameRate.of(low).fps / FrameRate.of(high).fps
    rates = pysubs2_rates or (float(FrameRate.of(low).fps), float(FrameRate.of(high).fps))
    ratio_drift = abs(exact - Fraction(repr(rates[0])) / Fraction(repr(rates[1]))) if pysubs2_rates else 0
    theirs = copy.deepcopy(pair.subs)
    theirs.transform_framerate(*rates)
    ours = _ours(pair.transcript, Retiming(fps_from=low, fps_to=high))
    assert len(ours) == len(pair.transcript.cues or [])
    originals = [t for c in pair.transcript.cues or [] for t in (c.start, c.end)]
    expected = [t for e in theirs if not e.is_comment for t in (e.start, e.end)]
    differ = 0
    for original, mine, other in zip(originals, [t for span in ours for t in span], expected, strict=True):
        assert abs(mine - other) <= 1 + original * ratio_drift, (pair.name, original, mine, other)
        if mine != other and not ratio_drift:
            differ += 1
            value = original * exact
            assert abs(value - int(value) - Fraction(1, 2)) < Fraction(1, 10**6), (pair.name, original)
    return differ


@pytest.mark.parametrize(("low", "high"), RATES)
def test_frame_rate_changes_agree_within_a_millisecond_on_halves(files: list[Pair], low: float,
                                                                 high: float) -> None:
    for pair in files:
        _check_rates(pair, low, high)


def test_pysubs2_given_the_decimal_rate_drifts_from_the_ntsc_rate() -> None:
    pair = _both("1\n01:00:00,000 --> 01:00:01,000\nan hour in\n", "an hour")
    assert pair is not None
    theirs = copy.deepcopy(pair.subs)
    theirs.transform_framerate(23.976, 25)
    ours = _ours(pair.transcript, Retiming(fps_from=23.976, fps_to=25))
    # 3600000 * 960/1001 = 3452547.45 (ours); 3600000 * 23.976 / 25 = 3452544 (pysubs2's)
    assert (ours[0][0], theirs[0].start) == (3_452_547, 3_452_544)
    _check_rates(pair, 23.976, 25, (23.976, 25))


def test_halves_are_where_the_two_roundings_part() -> None:
    pair = _both("1\n00:00:00,012 --> 00:00:00,036\nx\n", "halves")
    assert pair is not None
    theirs = copy.deepcopy(pair.subs)
    theirs.transform_framerate(24, 25)  # 12 * 24/25 = 11.52, 36 * 24/25 = 34.56: no half
    assert [(e.start, e.end) for e in theirs] == _ours(pair.transcript, Retiming(fps_from=24, fps_to=25)) == [(12, 35)]
    theirs = copy.deepcopy(pair.subs)
    theirs.transform_framerate(25, 24)  # 12 * 25/24 = 12.5 and 36 * 25/24 = 37.5: halves
    assert [(e.start, e.end) for e in theirs] == [(12, 38)]  # halves to even
    assert _ours(pair.transcript, Retiming(fps_from=25, fps_to=24)) == [(13, 38)]  # halves away from zero


# --- SRT files hypothesis makes ----------------------------------------------------------------

def _srt(spans: list[tuple[int, int]]) -> str:
    blocks, time = [], 0
    for number, (gap, duration) in enumerate(spans, 1):
        time += gap
        blocks.append(f"{number}\n{format_srt(time)} --> {format_srt(time + duration)}\nline {number}\n")
        time += duration
    return "\n".join(blocks)


srt_files = st.lists(st.tuples(st.integers(0, 10**7), st.integers(1, 10**6)), min_size=1, max_size=30).map(_srt)


@settings(max_examples=60)
@given(srt_files, st.sampled_from(SHIFTS), st.sampled_from(RATES))
def test_made_srt_files_agree(text: str, shift: int, rates: tuple[float, float]) -> None:
    pair = _both(text, "made")
    assert pair is not None
    _check_shift(pair, shift)
    _check_rates(pair, *rates)


# --- pysubs2's command line --------------------------------------------------------------------

def _pysubs2_cli(tmp_path: Path, source: Path, *arguments: str) -> Transcript:
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "pysubs2", *arguments, "-o", str(out), str(source)], check=True,
                   capture_output=True, timeout=120)
    return loads((out / source.name).read_text(encoding="utf-8"))


def test_pysubs2_command_line_agrees(tmp_path: Path) -> None:
    source = tmp_path / "interview.srt"
    source.write_bytes((ROOT / "samples/subtitles/interview.srt").read_bytes())
    transcript = loads(source.read_text(encoding="utf-8"))
    shifted = _pysubs2_cli(tmp_path, source, "--shift", "1.5s")
    assert [(c.start, c.end) for c in shifted.cues or []] == _ours(transcript, Retiming(shift=parse_time("1.5s")))
    back = _pysubs2_cli(tmp_path, source, "--shift-back", "0.25s")
    assert [(c.start, c.end) for c in back.cues or []] == _ours(transcript, Retiming(shift=parse_time("-0.25s")))
    originals = [t for c in transcript.cues or [] for t in (c.start, c.end)]
    for rates in (("23.976023976023978", "25"), ("23.976", "25"), ("25", "23.976023976023978")):
        converted = _pysubs2_cli(tmp_path, source, "--transform-framerate", *rates)
        low, high = (float(rate) for rate in rates)
        exact = FrameRate.of(low).fps / FrameRate.of(high).fps
        drift = abs(Fraction(rates[0]) / Fraction(rates[1]) - exact) if "23.976" in rates else 0
        ours = [t for span in _ours(transcript, Retiming(fps_from=low, fps_to=high)) for t in span]
        theirs = [t for c in converted.cues or [] for t in (c.start, c.end)]
        for original, mine, other in zip(originals, ours, theirs, strict=True):
            assert abs(mine - other) <= 1 + original * drift, (rates, original, mine, other)


# --- SubStation Alpha --------------------------------------------------------------------------

ASS_PATH = ROOT / "tests/data/cleanup/intervista-liutaio.it.ass"


def _event_fields(text: str) -> list[list[str]]:
    return [line.split(",", 9) for line in text.splitlines() if line.startswith(("Dialogue:", "Comment:"))]


@pytest.mark.parametrize("shift", [1500, 20, -130, 3_600_000])
def test_ass_shift_agrees_with_pysubs2_and_keeps_every_other_byte(shift: int) -> None:
    text = ASS_PATH.read_text(encoding="utf-8-sig")
    ours = retime_subs_text(text, "ass", Retiming(shift=shift))
    theirs = pysubs2.SSAFile.from_string(text)
    theirs.shift(ms=shift)
    reread = pysubs2.SSAFile.from_string(ours)
    assert [(e.start, e.end, e.text, e.type) for e in reread] == \
        [(max(e.start, 0), e.end, e.text, e.type) for e in theirs if e.end > 0]
    assert [line for line in ours.splitlines() if not line.startswith(("Dialogue:", "Comment:"))] == \
        [line for line in text.splitlines() if not line.startswith(("Dialogue:", "Comment:"))]
    for mine, original in zip(_event_fields(ours), _event_fields(text)):
        assert mine[:1] + mine[3:] == original[:1] + original[3:]


@pytest.mark.parametrize(("low", "high"), RATES)
def test_ass_frame_rate_agrees_with_pysubs2_within_a_centisecond(low: float, high: float) -> None:
    text = ASS_PATH.read_text(encoding="utf-8-sig")
    ours = pysubs2.SSAFile.from_string(retime_subs_text(text, "ass", Retiming(fps_from=low, fps_to=high)))
    theirs = pysubs2.SSAFile.from_string(text)
    theirs.transform_framerate(float(FrameRate.of(low).fps), float(FrameRate.of(high).fps))
    theirs = pysubs2.SSAFile.from_string(theirs.to_string("ass"))  # its times in centiseconds, as it saves them
    assert len(ours) == len(theirs) > 10
    for mine, other in zip(ours, theirs):
        assert abs(mine.start - other.start) <= 10 and abs(mine.end - other.end) <= 10


def test_cues_of_a_made_transcript_too() -> None:
    transcript = Transcript(cues=[Cue(1001, 2002, ["a"])])
    subs = pysubs2.SSAFile.from_string("1\n00:00:01,001 --> 00:00:02,002\na\n")
    subs.transform_framerate(float(Fraction(24000, 1001)), 25.0)
    assert _ours(transcript, Retiming(fps_from=23.976, fps_to=25)) == [(e.start, e.end) for e in subs] == [(960, 1920)]
