"""Avid: the marker list and the Avid DS / SubCap caption file, line by line and field by
field as docs/formats.md §8 gives them, Avid's refused out frames at 23.976 and 24, drop frame,
and both read back through our readers."""
from __future__ import annotations

import json
import re
import warnings
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import scribekit
from scribekit import Cue, Metadata, OptionError, ReadError, ScribekitWarning, Speaker, Transcript
from scribekit.cli import cli
from scribekit.formats import avid_ds, avid_markers, detect
from scribekit.segmentation import cues_for
from scribekit.timecode import FrameRate

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SPEAKERS = [Speaker("a", "Ana Lima"), Speaker("b", "Bo")]
NDF = re.compile(r"\d\d:\d\d:\d\d:\d\d")
DF = re.compile(r"\d\d:\d\d:\d\d;\d\d")


def interview() -> Transcript:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        return scribekit.load(SAMPLES / "amberscript" / "interview.json")


def markers(cues: list[Cue], speakers: list[Speaker] | None = None, **options: Any) -> str:
    """The writer itself on ``cues`` (``scribekit.dumps`` re-cuts cues it is given fps for)."""
    transcript = Transcript(cues=cues, speakers=SPEAKERS if speakers is None else speakers)
    return avid_markers.write_cues(cues, transcript, avid_markers.Options(**options))


def subcap(cues: list[Cue], **options: Any) -> str:
    return avid_ds.write_cues(cues, Transcript(cues=cues, metadata=Metadata()), avid_ds.Options(**options))


def timings(text: str) -> list[tuple[str, str]]:
    """The in and out timecodes of every caption of a SubCap file."""
    return re.findall(r"^(\d\d[:;]\S+) (\d\d[:;]\S+)$", text, re.MULTILINE)


def at(frame: int, fps: float) -> int:
    """The ms of ``frame``'s start."""
    return FrameRate.of(fps).ms(frame)


# --- marker list ---------------------------------------------------------------------------


def test_marker_lines_field_by_field() -> None:
    transcript = interview()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        cues = cues_for(transcript)
        text = scribekit.dumps(transcript, "avid-markers", fps=24, start_timecode="01:00:00:00")
    rate = FrameRate(24)
    lines = text.split("\n")
    assert lines[-1] == "" and len(lines) - 1 == len(cues)
    for line, cue in zip(lines, cues):
        name, timecode, track, colour, comment, duration = line.split("\t")
        assert name == transcript.speaker_name(cue.speaker)
        assert NDF.fullmatch(timecode) and rate.parse(timecode) == 86400 + rate.frames(cue.start)
        assert (track, colour) == ("V1", "red")
        assert comment == " ".join(cue.lines)
        assert duration == str(rate.frames(cue.end) - rate.frames(cue.start))


def test_markers_per_turn_by_speaker_colours_track_and_drop_frame() -> None:
    cues = [Cue(0, 1000, ["Hello", "there"], "a"), Cue(1000, 2000, ["again"], "a"), Cue(2000, 3000, ["hi"], "b"),
            Cue(3000, 3000, ["a point"], None), Cue(4000, 5000, ["back"], "a")]
    text = markers(cues, fps=29.97, start_timecode="00:59:59;28", markers_per="turn", avid_color="by-speaker",
                   avid_track="a2")
    rows = [line.split("\t") for line in text.splitlines()]
    assert rows == [
        ["Ana Lima", "00:59:59;28", "A2", "red", "Hello there again", "60"],
        ["Bo", "01:00:01;28", "A2", "green", "hi", "30"],
        ["Transcript", "01:00:02;28", "A2", "blue", "a point", "1"],
        ["Ana Lima", "01:00:03;28", "A2", "red", "back", "30"]]
    # 00:59:59;28 is frame 107890; a minute boundary at 01:00:00;00 is not a dropped label (each tenth minute)
    assert FrameRate.of(29.97).parse("01:00:01;28", drop_frame=True) == 107890 + 60


def test_tabs_and_line_breaks_never_break_a_marker_line() -> None:
    cues = [Cue(0, 1000, ["one\ttwo", "three\r\nfour"], "x")]
    text = markers(cues, [Speaker("x", "Name\twith\ntab")], fps=25)
    assert text == "Name with tab\t00:00:00:00\tV1\tred\tone two three four\t25\n"


@pytest.mark.parametrize("options, message", [
    ({"avid_color": "purple"}, "avid_color"), ({"avid_track": "X9"}, "avid_track"),
    ({"markers_per": "line"}, "markers_per"), ({"fps": 23.976, "drop_frame": True}, "drop_frame"),
    ({"fps": 29.97, "start_timecode": "00:01:00;00"}, "skips"),
])
def test_wrong_marker_options_are_one_clear_error(options: dict[str, Any], message: str) -> None:
    with pytest.raises(OptionError, match=message):
        avid_markers.Options(**options)


def test_marker_list_reads_back_and_needs_a_rate() -> None:
    cues = [Cue(at(10, 24), at(60, 24), ["Hello there"], "a"), Cue(at(70, 24), at(71, 24), ["Bye"], "b")]
    text = markers(cues, fps=24)
    assert detect(text.encode(), "markers.txt").name == "avid-markers"
    with pytest.raises(ReadError, match="--input-fps"):
        scribekit.loads(text)
    back = scribekit.loads(text, fps=24)
    assert [(c.start, c.end, c.lines, c.speaker) for c in back.cues or []] == [
        (at(10, 24), at(60, 24), ["Hello there"], "Ana Lima"), (at(70, 24), at(71, 24), ["Bye"], "Bo")]
    assert [s.name for s in back.speakers] == ["Ana Lima", "Bo"]


@pytest.mark.parametrize("text, message, line", [
    ("Ana\t00:00:01:00\tV1\tred\thi\t25\nbroken line\n", "not a marker line", 2),
    ("Ana\t00:00:01:30\tV1\tred\thi\t25\n", "not a timecode", 1),
    ("Ana\t00:00:01:00\tV1\tred\thi\tmany\n", "duration", 1),
    ("Ana\t00:00:01:00\tV1\tred\thi\t²\n", "duration", 1),
    ("Ana\t00:00:01:00\tV1\tred\thi\t" + "9" * 5000 + "\n", "duration", 1),
])
def test_damaged_marker_lists_are_one_clear_error(text: str, message: str, line: int) -> None:
    with pytest.raises(ReadError, match=message) as caught:
        scribekit.loads(text, format="avid-markers", fps=25)
    assert caught.value.line == line


# --- Avid DS / SubCap -----------------------------------------------------------------------


def test_subcap_file_line_by_line() -> None:
    cues = [Cue(at(10, 25), at(60, 25), ["<i>First</i> line", "second line"]), Cue(at(60, 25), at(80, 25), ["Next"])]
    text = subcap(cues, fps=25, start_timecode="00:50:34:00")
    assert text == ("@ This file written with the Avid Caption plugin, version 1\n"
                    "\n"
                    "<begin subtitles>\n"
                    "00:50:34:10 00:50:36:10\n"
                    "First line\n"
                    "second line\n"
                    "\n"
                    "00:50:36:10 00:50:37:05\n"
                    "Next\n"
                    "\n"
                    "<end subtitles>\n")


def test_drop_frame_form() -> None:
    text = subcap([Cue(0, 1000, ["x"])], fps=29.97, start_timecode="01:00:00;00")
    assert "01:00:00;00 01:00:01;00\n" in text
    text = subcap([Cue(0, 1000, ["x"])], fps=59.94, drop_frame=True)
    timing = text.splitlines()[3].split(" ")
    assert all(DF.fullmatch(t) for t in timing)


@pytest.mark.parametrize("fps", [23.976, 24])
def test_out_frames_avid_refuses_move_by_one_frame(fps: float) -> None:
    refused = (2, 7, 12, 17, 22)
    cues = [Cue(at(24 * 3 + 5, fps), at(24 * 4 + frame, fps), [f"ends on {frame}"]) for frame in (0, *refused)]
    cues = [Cue(at(i * 240, fps) + cue.start, at(i * 240, fps) + cue.end, cue.lines) for i, cue in enumerate(cues)]
    text = subcap(cues, fps=fps)
    outs = [out for _, out in timings(text)]
    rate = FrameRate.of(fps)
    for cue, out in zip(cues, outs):
        moved = rate.parse(out) - rate.frames(cue.end)
        assert int(out[-2:]) not in refused
        assert moved == (0 if cue.lines == ["ends on 0"] else -1)
    # a one-frame caption grows by one frame instead; the next caption starts later if it must
    tight = [Cue(at(1, fps), at(2, fps), ["a"]), Cue(at(2, fps), at(10, fps), ["b"])]
    assert timings(subcap(tight, fps=fps)) == [
        ("00:00:00:01", "00:00:00:03"), ("00:00:00:03", "00:00:00:10")]
    # at other rates those frames are fine
    assert "00:00:04:02" in subcap([Cue(at(10, 25), at(102, 25), ["x"])], fps=25)


@pytest.mark.parametrize("fps", [23.976, 24])
def test_one_frame_captions_on_refused_frames(fps: float) -> None:
    """A run of one-frame captions: each whose out point Avid refuses grows by a frame and
    the next ones start later; none overlaps, none is empty, none ends on a refused frame."""
    cues = [Cue(at(frame, fps), at(frame + 1, fps), [f"c{frame}"]) for frame in range(30)]
    pairs = [(FrameRate.of(fps).parse(a), FrameRate.of(fps).parse(b)) for a, b in timings(subcap(cues, fps=fps))]
    assert len(pairs) == 30
    assert all(start < end for start, end in pairs) and all(a[1] <= b[0] for a, b in zip(pairs, pairs[1:]))
    assert not {end % 24 for _, end in pairs} & {2, 7, 12, 17, 22}
    assert pairs[:3] == [(0, 1), (1, 3), (3, 4)]


def test_overlaps_are_cut_and_empty_cues_left_out_with_warnings() -> None:
    cues = [Cue(0, 2000, ["one"]), Cue(1000, 3000, ["two"]), Cue(3000, 4000, []), Cue(3000, 3000, ["tiny"])]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        text = subcap(cues, fps=25)
    messages = " ".join(str(w.message) for w in caught)
    assert "overlap" in messages and "without text" in messages
    assert timings(text) == [
        ("00:00:00:00", "00:00:01:00"), ("00:00:01:00", "00:00:03:00"), ("00:00:03:00", "00:00:03:01")]


def test_subcap_reads_back_and_reads_what_others_write() -> None:
    cues = [Cue(at(10, 25), at(60, 25), ["First line", "second line"]), Cue(at(60, 25), at(80, 25), ["Next"])]
    text = subcap(cues, fps=25)
    assert detect(text.encode(), "subs.txt").name == "avid-ds"
    with pytest.raises(ReadError, match="--input-fps"):
        scribekit.loads(text)
    assert [(c.start, c.end, c.lines) for c in scribekit.loads(text, fps=25).cues or []] == [
        (c.start, c.end, c.lines) for c in cues]
    # drop frame written with semicolons throughout, CRLF, no end marker, a comment line
    other = ("@ This file written with the Avid Caption plugin, version 1\r\n\r\n<begin subtitles>\r\n"
             "@ a comment\r\n00;00;59;29 00;01;00;02\r\nTwo frames\r\n")
    back = scribekit.loads(other, fps=29.97).cues or []
    assert [(c.start, c.end, c.lines) for c in back] == [(at(1799, 29.97), at(1800, 29.97), ["Two frames"])]


@pytest.mark.parametrize("text, message", [
    ("<begin subtitles>\nText before any timing\n", "text outside a caption"),
    ("<begin subtitles>\n00:00:01:00 00:00:02:40\nx\n", "not a timecode"),
    ("@ This file written with the Avid Caption plugin, version 1\n<begin subtitles>\n<end subtitles>\n",
     "no captions"),
])
def test_damaged_subcap_files_are_one_clear_error(text: str, message: str) -> None:
    with pytest.raises(ReadError, match=message):
        scribekit.loads(text, format="avid-ds", fps=25)


def test_command_line_as_the_issue_writes_it(tmp_path: Path) -> None:
    source = str(SAMPLES / "amberscript" / "interview.json")
    for args in (["--to", "avid-markers", "--fps", "24", "-o", str(tmp_path / "markers.txt")],
                 ["--to", "avid-ds", "--fps", "25", "-o", str(tmp_path / "subcap.txt")]):
        result = CliRunner().invoke(cli, ["convert", source, *args])
        assert result.exit_code == 0, result.output
    result = CliRunner().invoke(cli, ["convert", str(tmp_path / "subcap.txt"), "--input-fps", "25", "--to", "srt",
                                      "-o", "-"])
    assert result.exit_code == 0 and "-->" in result.output
    result = CliRunner().invoke(cli, ["convert", str(tmp_path / "markers.txt"), "--to", "srt", "-o", "-"])
    assert result.exit_code == 1 and "--input-fps" in result.output


def test_info_and_lint_read_frame_counted_files_at_the_rate_given(tmp_path: Path) -> None:
    subcap = tmp_path / "subcap.txt"
    result = CliRunner().invoke(cli, ["convert", str(SAMPLES / "amberscript" / "interview.json"), "--to", "avid-ds",
                                      "--fps", "25", "--start-timecode", "10:00:00:00", "-o", str(subcap)])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(cli, ["info", str(subcap)])
    assert result.exit_code == 1 and "--input-fps" in result.output
    result = CliRunner().invoke(cli, ["info", str(subcap), "--input-fps", "25", "--json"])
    assert result.exit_code == 0, result.output
    fields = {row["field"]: row["value"] for row in json.loads(result.stdout)}
    assert fields["format"].startswith("avid-ds") and int(fields["cues"]) > 5
    assert fields["from"].startswith("10:00:00.4")  # the timeline's timecode, as the file counts it
    result = CliRunner().invoke(cli, ["lint", str(subcap), "--input-fps", "25", "--max-chars-per-row", "42"])
    assert re.search(r"in \d+ cue\(s\) of 1 file", result.output) and "--input-fps" not in result.output


# --- random cues at random rates -----------------------------------------------------------

fps_values = st.sampled_from([23.976, 24, 25, 29.97, 30, 50, 59.94, 60])
words = st.lists(st.text(alphabet="abcé&\"';ß中@", min_size=1, max_size=8), min_size=1, max_size=4).map(" ".join)


@st.composite
def timed_cues(draw: st.DrawFn, fps: float) -> list[Cue]:
    """Cues in order, none overlapping, each at least two frames long (some touching): a
    caption of one frame whose out point Avid refuses grows by a frame, pushing the next
    one (see test_one_frame_captions_on_refused_frames)."""
    frame = 1000 / fps
    t = draw(st.integers(0, 4_000_000))
    cues = []
    for _ in range(draw(st.integers(1, 12))):
        length = draw(st.integers(int(2 * frame) + 2, 8000))
        cues.append(Cue(t, t + length, draw(st.lists(words, min_size=1, max_size=2)),
                        draw(st.sampled_from(["a", "b"]))))
        t += length + draw(st.sampled_from([0, 0, 1, 40, 700]))
    return cues


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_cues_come_back_within_half_a_frame(data: st.DataObject) -> None:
    fps = data.draw(fps_values)
    cues = data.draw(timed_cues(fps))
    drop = fps in (29.97, 59.94) and data.draw(st.booleans())
    start = data.draw(st.sampled_from(["00:00:00:00", "00:00:00:00" if not drop else "00:00:00;00"]))
    half = 500 / fps + 1
    frame = 1000 / fps + 1

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        text = subcap(cues, fps=fps, start_timecode=start, drop_frame=drop)
    back = scribekit.loads(text, format="avid-ds", fps=fps).cues or []
    assert len(back) == len(cues)
    refused_rate = fps in (23.976, 24)
    for cue, read in zip(cues, back):
        assert abs(read.start - cue.start) <= half
        assert abs(read.end - cue.end) <= (half + frame if refused_rate else half)
        assert read.lines == [("\uff20" + line[1:]) if line.startswith("@") else line for line in cue.lines]
    assert all(a.end <= b.start for a, b in zip(back, back[1:])) and all(c.start < c.end for c in back)
    if refused_rate:
        assert not re.search(r" \d\d:\d\d:\d\d:(02|07|12|17|22)$", text, re.MULTILINE)

    text = markers(cues, fps=fps, start_timecode=start, drop_frame=drop)
    back = scribekit.loads(text, format="avid-markers", fps=fps).cues or []
    assert len(back) == len(cues)
    for cue, read in zip(cues, back):
        assert abs(read.start - cue.start) <= half and abs(read.end - cue.end) <= half
        assert read.lines == [" ".join(cue.lines)]
        assert read.speaker == {"a": "Ana Lima", "b": "Bo"}[cue.speaker or ""]
    assert all(a.end <= b.start for a, b in zip(back, back[1:]))
