"""EBU STL's timecodes, exactly: cue times to frames (rounded half up) from the programme start, drop-frame
labels, times before the start and past 23:59:59:xx at their boundaries, the TCI/TCO bytes, and back."""
from __future__ import annotations

import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scribekit import Cue, Metadata, ScribekitWarning, Transcript, WriteError
from scribekit.formats import stl
from scribekit.formats.stl import tti
from scribekit.timecode import FrameRate

PAL = FrameRate.of(25)
NTSC = FrameRate.of("29.97")
DAY_AT_25 = 24 * 3600 * 25


def frames(cues: list[Cue], rate: FrameRate = PAL, tcp: int = 0, drop: bool = False):
    problems = tti.Problems()
    starts, ends = tti.frames(cues, rate, tcp, drop, problems)
    return starts, ends, problems


def cue(start: int, end: int) -> Cue:
    return Cue(start, end, ["text"])


def test_a_time_goes_to_the_nearest_frame_and_a_half_frame_up():
    # at 25 fps a frame is 40 ms: 19 ms is nearer frame 0, 20 ms is half way (up), 60 ms half way to frame 2
    starts, ends, _ = frames([cue(19, 20), cue(59, 60), cue(1000, 1019)])
    assert starts == [0, 1, 25]
    assert ends == [1, 2, 25]


def test_no_cues_have_no_frames():
    assert frames([]) == ([], [], tti.Problems())


def test_frames_count_from_the_programme_start():
    ten_hours = 10 * 3600 * 25
    starts, ends, problems = frames([cue(0, 1000)], tcp=ten_hours)
    assert (starts, ends) == ([ten_hours], [ten_hours + 25])
    assert problems == tti.Problems()


def test_a_cue_at_zero_is_not_before_the_start_but_one_before_it_is_written_at_zero():
    starts, ends, problems = frames([cue(-80, 40), cue(0, 80), cue(40, -40), cue(0, 0)])
    assert starts == [0, 0, 1, 0]
    assert ends == [1, 2, 0, 0]
    assert problems.before_zero == [1, 3]


def test_an_end_before_the_start_alone_is_found():
    starts, ends, problems = frames([cue(40, -40), cue(80, 120)])
    assert (starts, ends) == ([1, 2], [0, 3])
    assert problems.before_zero == [1]


def test_times_at_zero_alone_report_nothing():
    starts, ends, problems = frames([cue(0, 0), cue(0, 40)])
    assert (starts, ends) == ([0, 0], [0, 1])
    assert problems.before_zero == []


def test_the_last_frame_of_the_day_is_written_and_the_next_is_past_midnight():
    # 86,399,979 ms is frame 2,159,999.475 (23:59:59:24); 86,399,980 ms rounds up to 24:00:00:00
    starts, ends, problems = frames([cue(0, 86_399_979)])
    assert ends == [DAY_AT_25 - 1] and problems.past_midnight == []
    _, ends, problems = frames([cue(0, 86_399_980)])
    assert ends == [DAY_AT_25] and problems.past_midnight == [1]


def test_past_midnight_is_found_by_the_start_or_the_end_alone():
    # an end before its start is kept by the readers, so either time alone may cross midnight
    _, _, problems = frames([cue(86_400_000, 0), cue(0, 86_400_000), cue(0, 1000)])
    assert problems.past_midnight == [1, 2]


def test_past_midnight_counts_the_programme_start():
    fourteen_hours = 14 * 3600 * 1000
    cues = [cue(0, fourteen_hours)]
    document = Transcript(cues=cues, metadata=Metadata())
    options = stl.Options(start_timecode="10:00:00:00", stl_creation_date="2024-01-01")
    with pytest.raises(WriteError, match=r"^times past 23:59:59, the last timecode EBU STL holds, in cue 1 \("):
        stl.write_cues(cues, document, options)
    earlier = [cue(0, fourteen_hours - 40)]
    assert stl.write_cues(earlier, Transcript(cues=earlier, metadata=Metadata()), options)


def test_a_time_before_the_start_is_reported_with_the_start_label():
    cues = [cue(-1000, 500)]
    with pytest.warns(ScribekitWarning, match=r"^times before the start timecode in cue 1; written as 00:00:00:00$"):
        stl.write_cues(cues, Transcript(cues=cues, metadata=Metadata()), stl.Options(stl_creation_date="2024-01-01"))


def test_drop_frame_frames_are_numbered_as_their_labels():
    # 60,060 ms at 29.97 is frame 1800, the first of minute 1, labelled 00:01:00;02 (labels ;00 and ;01 skipped)
    starts, ends, _ = frames([cue(60_060, 60_060)], NTSC)
    assert (starts, ends) == ([1800], [1800])
    starts, ends, _ = frames([cue(60_060, 60_060)], NTSC, drop=True)
    assert (starts, ends) == ([1802], [1802])


def test_timecode_fields_are_hours_minutes_seconds_frames_bytes():
    fields = tti._timecodes([0, (3723 * 25) + 4, DAY_AT_25 - 1], 25)
    assert [struct.pack("<I", field) for field in fields] == [bytes([0, 0, 0, 0]), bytes([1, 2, 3, 4]),
                                                             bytes([23, 59, 59, 24])]


def test_timecode_fields_at_thirty_frames_a_second():
    fields = tti._timecodes([29, 30, 30 * 3600], 30)
    assert [struct.pack("<I", field) for field in fields] == [bytes([0, 0, 0, 29]), bytes([0, 0, 1, 0]),
                                                             bytes([1, 0, 0, 0])]


@settings(max_examples=200)
@given(st.integers(0, DAY_AT_25 - 1))
def test_timecode_fields_read_back_as_the_same_frame(frame):
    (field,) = tti._timecodes([frame], 25)
    timing = struct.pack("<I", field) * 2
    assert tti.in_out_frames(timing, PAL, False) == (frame, frame)


def test_in_and_out_bytes_are_read_as_frames():
    assert tti.in_out_frames(bytes([0, 0, 1, 0, 23, 59, 59, 24]), PAL, False) == (25, DAY_AT_25 - 1)


def test_drop_frame_bytes_are_read_as_labels():
    assert tti.in_out_frames(bytes([0, 1, 0, 2, 0, 1, 0, 3]), NTSC, True) == (1800, 1801)
    assert tti.in_out_frames(bytes([0, 1, 0, 2, 0, 1, 0, 3]), NTSC, False) == (1802, 1803)
    with pytest.raises(ValueError, match="drop-frame timecode skips"):
        tti.in_out_frames(bytes([0, 1, 0, 0, 0, 1, 0, 3]), NTSC, True)


@pytest.mark.parametrize("timing", [bytes([24, 0, 0, 0, 0, 0, 0, 0]), bytes([0, 0, 0, 0, 24, 0, 0, 0]),
                                    bytes([24, 0, 0, 0, 24, 0, 0, 0])])
def test_hours_past_23_in_either_field_are_no_timecode(timing):
    with pytest.raises(ValueError, match="^hours past 23$"):
        tti.in_out_frames(timing, PAL, False)


def test_hour_23_in_both_fields_is_a_timecode():
    assert tti.in_out_frames(bytes([23, 0, 0, 0, 23, 0, 0, 1]), PAL, False) == (23 * 3600 * 25, 23 * 3600 * 25 + 1)
