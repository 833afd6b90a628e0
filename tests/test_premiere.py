"""Premiere Pro XML (xmeml): OpenTimelineIO's fcp_xml adapter reading what we write at every
rate (29.97 drop frame included), the structure of Premiere's own exports, our reader on
them and on what we write, damaged and hostile files."""
from __future__ import annotations

import warnings
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import scribekit
from scribekit import Cue, Metadata, OptionError, ReadError, ScribekitWarning, Speaker, Transcript
from scribekit.cli import cli
from scribekit.formats import detect, premiere
from scribekit.segmentation import cues_for
from scribekit.timecode import FrameRate

otio = pytest.importorskip("opentimelineio", reason="OpenTimelineIO checks our xmeml (pip install opentimelineio "
                                                    "otio-fcp-adapter)")
pytest.importorskip("otio_fcp_adapter", reason="OpenTimelineIO's fcp_xml adapter checks our xmeml")

DATA = Path(__file__).resolve().parent / "data" / "xmeml"
SAMPLES = Path(__file__).resolve().parent.parent / "samples"
# (fps, start timecode): every rate of the issue, 29.97 and 59.94 in both drop and non-drop frame.
RATES = [(23.976, "00:00:00:00"), (24, "01:00:00:00"), (25, "10:00:00:00"), (29.97, "01:00:00;00"),
         (29.97, "01:00:00:00"), (30, "00:59:00:00"), (50, "00:00:10:00"), (59.94, "01:00:00;00"),
         (59.94, "00:10:00:00"), (60, "00:00:00:00")]


def interview() -> Transcript:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        return scribekit.load(SAMPLES / "amberscript" / "interview.json")


def write(cues: list[Cue], speakers: list[Speaker] | None = None, **options: Any) -> str:
    """The writer itself on ``cues`` (``scribekit.dumps`` re-cuts cues it is given fps for)."""
    transcript = Transcript(cues=cues, speakers=speakers or [], metadata=Metadata(filename="take.mp4"))
    return premiere.write_cues(cues, transcript, premiere.Options(**options)).decode()


def otio_read(text: str) -> Any:
    return otio.adapters.read_from_string(text, adapter_name="fcp_xml")


def nearest_frame(ms: int, fps: float) -> int:
    """The frame nearest to ``ms``, computed here independently of scribekit."""
    exact = FrameRate.of(fps).fps
    return int(Fraction(ms) * exact / 1000 + Fraction(1, 2))


def generator_clips(timeline: Any) -> list[Any]:
    return [item for track in timeline.video_tracks() for item in track
            if isinstance(item, otio.schema.Clip)]


# --- OpenTimelineIO reads what we write -------------------------------------------------------


@pytest.mark.parametrize("fps, start", RATES)
def test_opentimelineio_reads_markers_and_generator_clips_at_every_rate(fps: float, start: str) -> None:
    transcript = interview()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        cues = cues_for(transcript)
        text = scribekit.dumps(transcript, "premiere", fps=fps, start_timecode=start).decode()
    timeline = otio_read(text)
    rate = FrameRate.of(fps)
    drop = ";" in start

    # the sequence's rate and timecode
    assert abs(timeline.global_start_time.rate - float(rate.fps)) < 1e-6
    assert timeline.global_start_time.value == rate.parse(start, drop_frame=drop)
    expected_label = start if not drop else otio.opentime.to_timecode(timeline.global_start_time, float(rate.fps),
                                                                      True)
    assert expected_label == start
    root = etree.fromstring(text.encode())
    assert root.findtext("sequence/timecode/displayformat") == ("DF" if drop else "NDF")
    assert root.findtext("sequence/rate/ntsc") == ("TRUE" if rate.denominator == 1001 else "FALSE")
    assert root.findtext("sequence/rate/timebase") == str(round(fps))

    # as many markers and generator clips as cues, in the cues' frames, with their text
    markers = list(timeline.tracks.markers)
    clips = generator_clips(timeline)
    assert len(markers) == len(clips) == len(cues) > 10
    for cue, marker, clip in zip(cues, markers, clips):
        first, last = nearest_frame(cue.start, fps), nearest_frame(cue.end, fps)
        assert (marker.marked_range.start_time.value, marker.marked_range.end_time_exclusive().value) == (first, last)
        placed = clip.range_in_parent()
        assert (placed.start_time.value, placed.end_time_exclusive().value) == (first, last)
        assert marker.name == transcript.speaker_name(cue.speaker)
        assert marker.metadata["fcp_xml"]["comment"] == " ".join(cue.lines)
        parameter = clip.media_reference.metadata["fcp_xml"]["parameter"]
        assert parameter["parameterid"] == "str"
        assert parameter["value"] == "\r".join(cue.lines)


def test_overlapping_cues_go_on_further_tracks_and_turn_markers_span_their_cues() -> None:
    cues = [Cue(0, 2000, ["one"], "a"), Cue(1000, 3000, ["two"], "a"), Cue(3000, 4000, ["three"], "b"),
            Cue(4000, 5000, ["four"], "a")]
    timeline = otio_read(write(cues, [Speaker("a", "Ana"), Speaker("b", "Bo")], fps=25, markers_per="turn"))
    tracks = timeline.video_tracks()
    assert len(tracks) == 2
    placed = sorted((c.range_in_parent().start_time.value, c.range_in_parent().duration.value, c.name)
                    for c in generator_clips(timeline))
    assert placed == [(0, 50, "one"), (25, 50, "two"), (75, 25, "three"), (100, 25, "four")]
    assert [(m.name, m.marked_range.start_time.value, m.marked_range.duration.value,
             m.metadata["fcp_xml"]["comment"]) for m in timeline.tracks.markers] == [
        ("Ana", 0, 75, "one two"), ("Bo", 75, 25, "three"), ("Ana", 100, 25, "four")]


@pytest.mark.parametrize("content, markers, clips", [("markers", 3, 0), ("captions", 0, 3), ("both", 3, 3),
                                                     ("captions,markers", 3, 3)])
def test_content_option(content: str, markers: int, clips: int) -> None:
    cues = [Cue(0, 1000, ["a"]), Cue(1000, 2000, ["b"]), Cue(2500, 3000, ["c"])]
    timeline = otio_read(write(cues, premiere_content=content))
    assert len(timeline.tracks.markers) == markers
    assert len(generator_clips(timeline)) == clips


# --- what we write, element by element --------------------------------------------------------


def test_sequence_format_frame_size_and_escaping() -> None:
    cues = [Cue(1000, 3000, ["<i>Tom & Jerry</i> say \"hi\" <3", "second line"], "s"),
            Cue(3000, 3000, ["point in time"], None)]
    with pytest.warns(ScribekitWarning, match="control character"):
        text = write(cues + [Cue(4000, 5000, ["bell\x07 here"])], [Speaker("s", "A <B> & C")], fps=50,
                     width=3840, height=2160, title="My <show>")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE xmeml>\n<xmeml version="4">')
    root = etree.fromstring(text.encode())
    sequence = root.find("sequence")
    assert sequence.findtext("name") == "My <show>"
    assert sequence.findtext("duration") == "250"
    sample = sequence.find("media/video/format/samplecharacteristics")
    assert (sample.findtext("width"), sample.findtext("height")) == ("3840", "2160")
    assert sample.findtext("rate/timebase") == "50" and sample.findtext("rate/ntsc") == "FALSE"
    item = sequence.find("media/video/track/generatoritem")
    assert [child.tag for child in item] == ["name", "duration", "rate", "start", "end", "in", "out", "enabled",
                                             "effect"]
    assert item.findtext("effect/parameter/value") == 'Tom & Jerry say "hi" <3\rsecond line'
    assert "Tom &amp; Jerry say \"hi\" &lt;3&#13;second line" in text
    assert (item.findtext("start"), item.findtext("end"), item.findtext("in"), item.findtext("out")) == (
        "50", "150", "0", "100")
    items = sequence.findall("media/video/track/generatoritem")
    assert [(i.findtext("start"), i.findtext("end")) for i in items] == [("50", "150"), ("150", "151"), ("200", "250")]
    markers = sequence.findall("marker")
    assert [(m.findtext("name"), m.findtext("comment"), m.findtext("in"), m.findtext("out")) for m in markers] == [
        ("A <B> & C", 'Tom & Jerry say "hi" <3 second line', "50", "150"),
        ("", "point in time", "150", "-1"),  # a cue of no duration is a point marker
        ("", "bell here", "200", "250")]


def test_our_sequence_has_the_structure_of_premieres_own_export() -> None:
    """Every element path of the reference sequence's header, timecode, format and markers
    that we write too appears in ours, with the same kind of value."""
    reference = etree.parse(str(DATA / "premiere_example.xml")).getroot()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        ours = etree.fromstring(scribekit.dumps(interview(), "premiere", fps=30))
    paths = ["sequence/duration", "sequence/rate/timebase", "sequence/rate/ntsc", "sequence/timecode/rate/timebase",
             "sequence/timecode/string", "sequence/timecode/frame", "sequence/timecode/displayformat",
             "sequence/media/video/format/samplecharacteristics/width",
             "sequence/media/video/format/samplecharacteristics/height", "sequence/media/video/track/enabled",
             "sequence/media/video/track/locked", "sequence/marker/name", "sequence/marker/comment",
             "sequence/marker/in", "sequence/marker/out"]
    for path in paths:
        theirs, mine = reference.find(path), ours.find(path)
        assert theirs is not None and mine is not None, path
        assert (theirs.text or "").strip().lstrip("-").isdigit() == (mine.text or "").strip().lstrip("-").isdigit()
    assert ours.get("version") == reference.get("version") == "4"
    assert ours.findtext("sequence/timecode/string") == reference.findtext("sequence/timecode/string")


@pytest.mark.parametrize("options, message", [
    ({"fps": 12.5}, "whole frame rates"), ({"fps": 25, "drop_frame": True}, "drop_frame"),
    ({"fps": 25, "start_timecode": "01:00:00;00"}, "start_timecode"),
    ({"fps": 29.97, "start_timecode": "00:01:00;00"}, "skips"), ({"start_timecode": "1 hour"}, "not a timecode"),
    ({"premiere_content": "titles"}, "premiere_content"), ({"markers_per": "word"}, "markers_per"),
    ({"width": 0}, "width"), ({"fps": 0}, "^fps"),
])
def test_wrong_options_are_one_clear_error(options: dict[str, Any], message: str) -> None:
    with pytest.raises(OptionError, match=message):
        premiere.Options(**options)


def test_a_drop_frame_start_needs_no_flag_and_the_flag_reads_colons_as_drop_frame() -> None:
    assert etree.fromstring(write([Cue(0, 1000, ["x"])], fps=29.97, start_timecode="00:10:00;00").encode()) \
        .findtext("sequence/timecode/frame") == "17982"
    root = etree.fromstring(write([Cue(0, 1000, ["x"])], fps=29.97, start_timecode="00:10:00:00",
                                  drop_frame=True).encode())
    assert root.findtext("sequence/timecode/frame") == "17982"
    assert root.findtext("sequence/timecode/string") == "00:10:00;00"


def test_command_line_as_the_issue_writes_it(tmp_path: Path) -> None:
    out = tmp_path / "interview.xml"
    result = CliRunner().invoke(cli, ["convert", str(SAMPLES / "amberscript" / "interview.json"), "--to", "premiere",
                                      "--fps", "29.97", "--start-timecode", "01:00:00;00", "-o", str(out)])
    assert result.exit_code == 0, result.output
    timeline = otio_read(out.read_text(encoding="utf-8"))
    assert timeline.global_start_time.value == 107892 and len(timeline.tracks.markers) > 10
    result = CliRunner().invoke(cli, ["convert", str(SAMPLES / "amberscript" / "interview.json"), "--to", "premiere",
                                      "--premiere-content", "markers", "-o", str(tmp_path / "m.xml")])
    assert result.exit_code == 0, result.output
    assert not generator_clips(otio_read((tmp_path / "m.xml").read_text(encoding="utf-8")))
    result = CliRunner().invoke(cli, ["convert", str(SAMPLES / "amberscript" / "interview.json"), "--to", "premiere",
                                      "--fps", "25", "--start-timecode", "01:00:00;00", "-o", str(tmp_path / "x.xml")])
    assert result.exit_code == 2 and "--start-timecode" in result.output and "Traceback" not in result.output


# --- reading ----------------------------------------------------------------------------------


def test_premieres_own_export_reads_as_its_markers() -> None:
    data = (DATA / "premiere_example.xml").read_bytes()
    assert detect(data, "premiere_example.xml").name == "premiere"
    with pytest.warns(ScribekitWarning, match="1 marker"):
        transcript = scribekit.loads(data)
    cues = transcript.cues or []
    rate = FrameRate(30)
    assert [(c.start, c.end, c.lines, c.speaker) for c in cues] == [
        (rate.ms(113), rate.ms(113), ["so, this happened"], "My MArker 1"),
        (rate.ms(492), rate.ms(492), ["fsfsfs"], "dsf")]
    assert [s.name for s in transcript.speakers] == ["My MArker 1", "dsf"]


def test_a_sequence_without_text_or_markers_is_one_clear_error() -> None:
    with pytest.raises(ReadError, match="no text generator clips and no markers"):
        scribekit.loads((DATA / "premiere_generators.xml").read_bytes(), format="premiere")


def test_our_output_reads_back_with_speakers_from_the_markers() -> None:
    transcript = interview()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        cues = cues_for(transcript)
        for per in ("cue", "turn"):
            back = scribekit.loads(scribekit.dumps(transcript, "premiere", fps=25, markers_per=per))
            assert [c.lines for c in back.cues or []] == [c.lines for c in cues]
            assert [c.speaker for c in back.cues or []] == [transcript.speaker_name(c.speaker) for c in cues]
        markers_only = scribekit.loads(scribekit.dumps(transcript, "premiere", premiere_content="markers"))
    assert [" ".join(c.lines) for c in markers_only.cues or []] == [" ".join(c.lines) for c in cues]


@pytest.mark.parametrize("text, message", [
    ("<xmeml version='4'><sequence><name>x</name></sequence></xmeml>", "no <rate>"),
    ("<xmeml version='4'></xmeml>", "no <sequence>"),
    ("<xmeml version='4'><sequence><rate><timebase>abc</timebase></rate></sequence></xmeml>", "frame count"),
    ("<xmeml version='4'><sequence><rate><timebase>0</timebase></rate></sequence></xmeml>", "timebase of 0"),
    ("<xmeml version='4'><sequence><rate><timebase>25</timebase></rate><marker><name>a</name><in>x</in>"
     "</marker></sequence></xmeml>", "not a frame count"),
    ("<xmeml version='4'><sequence><rate><timebase>25</timebase></rate><marker><name>a</name></marker>"
     "</sequence></xmeml>", "no <in>"),
    ("<xmeml version='4'><sequence><rate><timebase>25</timebase></rate>", "not well-formed"),
    ('<?xml version="1.0"?>\n<!DOCTYPE xmeml [<!ENTITY a "aaaaaaaaaa">]>\n<xmeml><sequence/></xmeml>',
     "entities"),
])
def test_damaged_and_hostile_files_are_one_clear_error(text: str, message: str) -> None:
    with pytest.raises(ReadError, match=message):
        scribekit.loads(text, format="premiere")


def test_sniffing() -> None:
    assert premiere.sniff('\ufeff<?xml version="1.0"?>\n<!DOCTYPE xmeml>\n<!-- x -->\n<xmeml version="5">')
    assert not premiere.sniff("<AudioDoc/>") and not premiere.sniff("1\n00:00:01,000 --> 00:00:02,000\nx\n")


# --- random cues at random rates ---------------------------------------------------------------

fps_values = st.sampled_from([23.976, 24, 25, 29.97, 30, 50, 59.94, 60])
words = st.lists(st.text(alphabet="abcdeé&\"'ßç中;", min_size=1, max_size=8), min_size=1, max_size=4).map(" ".join)


@st.composite
def timed_cues(draw: st.DrawFn, fps: float) -> list[Cue]:
    """Cues in order, none overlapping, each at least a frame long (some touching)."""
    frame = 1000 / fps
    t = draw(st.integers(0, 4_000_000))
    cues = []
    for _ in range(draw(st.integers(1, 12))):
        length = draw(st.integers(int(frame) + 2, 8000))
        lines = draw(st.lists(words, min_size=1, max_size=2))
        cues.append(Cue(t, t + length, lines, draw(st.sampled_from([None, "a", "b"]))))
        t += length + draw(st.sampled_from([0, 0, 1, 40, 700]))
    return cues


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_cues_come_back_within_half_a_frame(data: st.DataObject) -> None:
    fps = data.draw(fps_values)
    cues = data.draw(timed_cues(fps))
    start = data.draw(st.sampled_from(["00:00:00:00", "01:00:00:00"] + (["01:00:00;00"] if fps in (29.97, 59.94)
                                                                          else [])))
    text = write(cues, [Speaker("a", "Ana"), Speaker("b", "Bo")], fps=fps, start_timecode=start,
                 markers_per=data.draw(st.sampled_from(["cue", "turn"])))
    back = scribekit.loads(text).cues or []
    half = 500 / fps + 1
    assert len(back) == len(cues)
    for cue, read in zip(cues, back):
        assert abs(read.start - cue.start) <= half and abs(read.end - cue.end) <= half
        assert read.lines == cue.lines
    assert all(a.end <= b.start for a, b in zip(back, back[1:]))
    assert all(c.start < c.end for c in back)
    timeline = otio_read(text)
    assert len(generator_clips(timeline)) == len(cues)


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 2000), st.binary(max_size=20))
def test_damaged_output_is_read_or_refused_never_a_crash(cut: int, noise: bytes) -> None:
    text = write([Cue(0, 1000, ["a & b"], "a"), Cue(1000, 2000, ["c"], "b")], fps=25)
    damaged = text[: len(text) * cut // 2000] + noise.decode("latin-1")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        try:
            scribekit.loads(damaged, format="premiere")
        except ReadError:
            pass
