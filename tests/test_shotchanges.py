"""Shot-change files: every kind read (hand-checked values, real ffmpeg and ffprobe outputs), the
rule for bare numbers, the frame rate, and hostile files (only ReadError, naming the line)."""
from __future__ import annotations

import json
import random
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scribekit.errors import OptionError, ReadError, ScribekitWarning
from scribekit.shotchanges import read_shot_changes
from scribekit.timecode import MAX_MS, FrameRate

DATA = Path(__file__).parent / "data" / "shotchanges"
CUTS = (1000, 2200, 3000)
"""The cuts of the synthetic video (frames 25, 55 and 75 at 25 fps) the ffmpeg samples come from."""
FFMPEG = shutil.which("ffmpeg")
FFPROBE = shutil.which("ffprobe")
NO_FFMPEG = "ffmpeg and ffprobe are not installed (the CI installs them)"


def read(name: str, fps: float | None = None) -> tuple[int, ...]:
    return read_shot_changes((DATA / name).read_bytes(), name, fps)


def quiet(data: bytes, filename: str | None = None, fps: float | None = None) -> tuple[int, ...]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        return read_shot_changes(data, filename, fps)


# --- every kind of file, values checked by hand ------------------------------------------------------

@pytest.mark.parametrize("name", ["ffmpeg-showinfo.log", "ffmpeg-metadata.txt", "ffprobe-frames.csv",
                                  "ffprobe-frames.json", "ffprobe-frames.xml", "ffprobe-frames.flat",
                                  "ffprobe-frames.compact", "ffprobe-frames.default", "ffprobe-frames.ini",
                                  "ffprobe-pts-time.csv", "ffprobe-entries.csv", "ffprobe-frames-keys.csv"])
def test_the_outputs_of_ffmpeg_scene_detection(name: str) -> None:
    """Captured from ffmpeg 5.1 on a video with cuts at 1.0, 2.2 and 3.0 s (see test_real_ffmpeg_outputs)."""
    assert read(name) == CUTS


def test_subtitle_edit_shotchanges_file_is_seconds() -> None:
    assert read("se.shotchanges") == (1000, 2200, 3040)
    # Subtitle Edit writes a whole second without a decimal point: still seconds in its own files
    assert read_shot_changes(b"1\n2\n3", "abc.shotchanges") == (1000, 2000, 3000)


def test_smpte_timecodes_at_25_by_default_with_a_warning() -> None:
    with pytest.warns(ScribekitWarning, match="25 frames a second"):
        assert read("timecodes.txt") == (1000, 2200, 60960)  # 00:00:02:05 = 55 frames; 00:01:00:24 = 1524
    assert read("timecodes.txt", fps=25) == (1000, 2200, 60960)
    assert read_shot_changes(b"00:00:02:05\n", fps=24) == (2208,)  # 53 frames at 24 fps
    with pytest.raises(ReadError, match="line 6") as error:
        read("timecodes.txt", fps=24)  # 00:01:00:24: no frame 24 at 24 fps
    assert "not a timecode" in str(error.value)


def test_drop_frame_timecodes() -> None:
    # 00:00:10;00 = 300 frames; 00:01:00;02 = 1800 (;00 and ;01 skipped); 00:10:00;00 = 17982
    expected = (10010, 60060, 599999)
    with pytest.warns(ScribekitWarning, match="29.97"):
        assert read("drop-frame.txt") == expected
    assert read("drop-frame.txt", fps=29.97) == expected
    assert read_shot_changes(b"00:01:00;04\n", fps=59.94) == (60060,)  # 3600 + 4 - 4 frames at 60000/1001
    with pytest.raises(ReadError, match="line 2.*29.97 and 59.94"):
        read("drop-frame.txt", fps=25)
    with pytest.raises(ReadError, match="skips"):
        read_shot_changes(b"00:01:00;00\n", fps=29.97)


def test_every_notation_of_a_list() -> None:
    with pytest.warns(ScribekitWarning, match="25 frames a second"):  # 250f
        assert read("mixed.txt") == (7000, 8000, 10000, 12345, 12500, 20250, 21500, 62500)


@pytest.mark.parametrize("name", ["pyscenedetect-Scenes.csv", "pyscenedetect.edl", "pyscenedetect-fcp7.xml",
                                  "pyscenedetect.fcpxml", "pyscenedetect.otio"])
def test_the_outputs_of_pyscenedetect(name: str) -> None:
    """Written by PySceneDetect 0.7.2 (detect-content; list-scenes, save-edl, save-fcp --format fcp7,
    save-fcp, save-otio) from the same video as the ffmpeg samples. The EDL states no frame rate."""
    assert read(name, fps=25) == CUTS


def test_aegisub_keyframes() -> None:
    """PySceneDetect's save-keyframes writes "fps 0" (not known): frames at fps, 25 by default."""
    with pytest.warns(ScribekitWarning, match="25 frames a second"):
        assert read("pyscenedetect-keyframes.txt") == CUTS
    assert read("pyscenedetect-keyframes.txt", fps=50) == (500, 1100, 1500)
    stated = b"# keyframe format v1\nfps 23.976\n0\n24\n48\n"
    assert read_shot_changes(stated) == (1001, 2002)  # frame 0 is the start of the video
    assert read_shot_changes(stated, fps=24) == (1001, 2002)  # the file's rate first


def test_pyscenedetect_scene_list() -> None:
    assert read("scenedetect-Scenes.csv") == (3333, 16000)
    # without the cut list line (list-scenes --skip-cuts): the table alone
    lines = (DATA / "scenedetect-Scenes.csv").read_bytes().split(b"\n", 1)[1]
    assert read_shot_changes(lines) == (3333, 16000)
    # the cut list line alone
    assert read_shot_changes(b"Timecode List:,00:00:03.333,00:00:16.000\n") == (3333, 16000)


def test_edl_record_times_relative_to_the_programme_start() -> None:
    # video events 0-25, 25-55, 55-75, a dissolve 75-100 (frames after 01:00:00:00); audio event 003 skipped
    assert read("cuts.edl", fps=25) == CUTS
    assert read("cuts.edl", fps=24) == (1000, 2208, 3000)  # 24, 53 and 72 frames at 24 fps


def test_edl_drop_frame() -> None:
    # 01:00:00;00 is frame 107892, 01:01:00;02 frame 109692: 1800 frames later
    assert read("drop-frame.edl", fps=29.97) == (60060,)
    with pytest.warns(ScribekitWarning, match="29.97"):
        assert read("drop-frame.edl") == (60060,)
    with pytest.raises(ReadError, match="line 4.*29.97"):
        read("drop-frame.edl", fps=25)


def test_final_cut_pro_7_xml_video_clip_edges_at_the_sequence_rate() -> None:
    assert read("sequence.xml") == CUTS  # the audio clip's end (frame 40) is no shot change
    assert read("sequence.xml", fps=50) == CUTS  # the sequence's rate, not the caller's
    ntsc = (DATA / "sequence.xml").read_bytes().replace(b"<ntsc>FALSE", b"<ntsc>TRUE")
    assert read_shot_changes(ntsc) == (1001, 2202, 3003)  # 25, 55, 75 frames at 25000/1001


def test_xmeml_titles_and_disabled_clips_are_no_shots() -> None:
    base = (DATA / "sequence.xml").read_text()
    title = base.replace('<clipitem id="d">', '<generatoritem id="t"><start>10</start><end>40</end></generatoritem>'
                         '<clipitem id="d">')
    assert read_shot_changes(title.encode()) == CUTS
    off = base.replace('<clipitem id="c"><name>white</name>', '<clipitem id="c"><name>white</name>'
                       '<enabled>FALSE</enabled>')
    assert read_shot_changes(off.encode()) == (1000, 2200, 3000)  # its edges are its neighbours' edges too
    off = off.replace('<start>75</start><end>90</end>', '<start>80</start><end>90</end>')
    assert read_shot_changes(off.encode()) == (1000, 2200, 3200)  # 55-75 off: a gap to frame 80


def test_fcpxml_spine_from_the_sequence_start() -> None:
    data = (b'<fcpxml version="1.9"><library><event><project><sequence tcStart="3600s"><spine>'
            b'<asset-clip offset="3600s" duration="1001/1000s"/><gap offset="3601001/1000s" duration="2s"/>'
            b'<transition offset="3602/1s" duration="1s"/><clip offset="3603001/1000s" duration="10s">'
            b'<asset-clip lane="1" offset="5s" duration="1s"/></clip></spine></sequence></project></event>'
            b'</library></fcpxml>')
    assert read_shot_changes(data) == (1001, 2000, 3001)  # the connected clip (lane 1) is left out


def test_xmeml_and_otio_written_by_opentimelineio() -> None:
    otio = pytest.importorskip("opentimelineio")
    rt, tr = otio.opentime.RationalTime, otio.opentime.TimeRange

    def clip(name: str, frames: int) -> object:
        reference = otio.schema.ExternalReference(target_url=f"file:///{name}.mov",
                                                  available_range=tr(rt(0, 25), rt(1000, 25)))
        return otio.schema.Clip(name=name, media_reference=reference, source_range=tr(rt(100, 25), rt(frames, 25)))

    timeline = otio.schema.Timeline(name="cuts", global_start_time=rt(0, 25))
    video = otio.schema.Track(name="V1", kind=otio.schema.TrackKind.Video)
    for item in (clip("a", 25), clip("b", 30), otio.schema.Gap(source_range=tr(rt(0, 25), rt(20, 25))),
                 clip("c", 15)):
        video.append(item)
    audio = otio.schema.Track(name="A1", kind=otio.schema.TrackKind.Audio)
    audio.append(clip("music", 40))
    timeline.tracks.extend([video, audio])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the adapters' own deprecations
        xmeml = otio.adapters.write_to_string(timeline, "fcp_xml")
        native = otio.adapters.write_to_string(timeline, "otio_json")
    # clips 0-25, 25-55, a gap to 75, a clip to 90 frames: the cut to black and back are shot changes
    assert read_shot_changes(xmeml.encode()) == CUTS
    assert read_shot_changes(native.encode()) == CUTS


def test_eztitles_and_matroska_chapter_xml() -> None:
    with pytest.warns(ScribekitWarning, match="25 frames a second"):
        assert read("eztitles.xml") == CUTS
    assert read("eztitles.xml", fps=50) == (500, 1100, 1500)
    assert read("chapters.xml") == (1000, 2200, 3001)  # 3.0005 s rounds half up


def test_json_lists() -> None:
    assert read_shot_changes(b"[1, 2.2, \"3.000\"]") == CUTS
    assert read_shot_changes(b'{"shot_changes": [{"time": 1}, {"frame_time": 2.2}, {"seconds": "00:00:03.000"}]}') \
        == CUTS
    assert read_shot_changes(b'{"frames": [{"pts_time": "N/A", "best_effort_timestamp_time": "1.0"}]}') == (1000,)


@pytest.mark.parametrize("name", ["bom-crlf.txt", "utf16.txt", "latin1.txt"])
def test_byte_order_marks_and_charsets(name: str) -> None:
    if name == "latin1.txt":
        with pytest.warns(ScribekitWarning, match="not UTF-8"):
            assert read(name) == CUTS
    else:
        assert read(name) == CUTS[:2] if name == "bom-crlf.txt" else CUTS


# --- bare numbers ------------------------------------------------------------------------------------

def test_bare_whole_numbers_are_frames_with_a_warning() -> None:
    with pytest.warns(ScribekitWarning, match="frame numbers at 25 frames a second"):
        assert read_shot_changes(b"25\n55\n75\n") == CUTS
    with pytest.warns(ScribekitWarning, match="frame numbers at 50 frames a second"):
        assert read_shot_changes(b"25\n55\n75\n", "cuts.txt", fps=50) == (500, 1100, 1500)


def test_bare_whole_numbers_beside_decimals_are_seconds() -> None:
    assert read_shot_changes(b"1\n2.2\n3\n") == CUTS


def test_units_leave_no_doubt() -> None:
    assert read_shot_changes(b"1s\n2200ms\n3 sec\n") == CUTS
    assert read_shot_changes(b"25f\n55 frames\n75F\n", fps=25) == CUTS
    with pytest.raises(ReadError, match="line 1.*whole number"):
        read_shot_changes(b"2.5f\n", fps=25)


def test_several_times_on_a_line_split_at_semicolons() -> None:
    assert read_shot_changes(b"1.0;2.2; 3.0\n") == CUTS
    assert read_shot_changes(b"00:00:01.000;00:00:02.200\n") == CUTS[:2]


# --- the list's rules: order, duplicates, comments, header ---------------------------------------------

def test_unsorted_duplicates_comments_and_a_header() -> None:
    assert read_shot_changes(b"seconds\n3.0\n# a comment\n\n1.0\n   \n2.2\n1.000\n") == CUTS


def test_a_fraction_of_thousands_of_digits_rounds() -> None:
    assert read_shot_changes(b"0." + b"9" * 5000 + b"\n") == (1000,)
    assert read_shot_changes(b"1.0004" + b"9" * 5000 + b"\n") == (1000,)


def test_a_header_only_on_the_first_line() -> None:
    with pytest.raises(ReadError, match="line 3: 'Timecode' is not a time"):
        read_shot_changes(b"1.0\n2.0\nTimecode\n")


def test_a_bad_line_is_named() -> None:
    with pytest.raises(ReadError, match="line 7: 'abc' is not a time"):
        read_shot_changes(b"time\n1.0\n2.0\n\n# c\n3.0\nabc\n4.0\n")


# --- hostile input -------------------------------------------------------------------------------------

@pytest.mark.parametrize("data, message", [
    (b"", "empty"),
    (b"  \n\n\t\n", "empty"),
    (b"# only a comment\n", "no shot change"),
    (b"Timecode\n", "no shot change"),
    (b"-1.5\n", "line 1: a negative time"),
    (b"1.0\n-00:00:02.000\n", "line 2: a negative time"),
    (b"nan\n", "line 1: 'nan' is not a time"),
    (b"inf\n", "is not a time"),
    (b"1e400\n", "is not a time"),
    (b"9" * 40 + b"\n", "40 digits is out of range"),
    (b"99999999999.5\n", "out of range"),
    (b"00:61:00.000\n", "up to 59"),
    (b"\x00\x01\x02\x03\xff\xfe\x00\x00" * 64, "binary"),
    (b"[1, NaN]", "NaN"),
    (b"[1, -2]", "negative"),
    (b"[1, 1e400]", "not a time"),
    (b"[" + b"9" * 5000 + b"]", "."),
    (b"[" * 100000, "."),
    (b'{"frames": [{"pts_time": "-0.04"}]}', "negative"),
    (b'{"format": {}}', "no list"),
    (b"[{\"a\": 1}]", "no time"),
    (b"[true]", "not a time"),
    (b"<tt xmlns='http://www.w3.org/ns/ttml'/>", "holds no shot changes"),
    (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><xmeml>&a;</xmeml>', "entities"),
    (b"<xmeml><sequence><rate><timebase>0</timebase></rate></sequence></xmeml>", "timebase"),
    (b"<xmeml><sequence/></xmeml>", "no video clip"),
    (b"<shotchanges><shotchange frame='x'/></shotchanges>", "not a frame number"),
    (b"<shotchanges", "not well-formed"),
    (b"TITLE: X\n001  AX  A  C  00:00:00:00 00:00:01:00 01:00:00:00 01:00:01:00\n", "no video event"),
    (b"TITLE: X\n001  AX  V  C  00:00:00:00 00:00:01:00 01:00:01:00 01:00:00:00\n", "line 2: the event ends"),
    (b"TITLE: X\n001  AX  V  C  00:00:00:00\n", "line 2: .* is not an EDL event"),
    (b"TITLE: X\n001  AX  V  C  00:00:00:00 00:00:01:00 01:00:00:00 01:00:01:99\n", "line 2"),
    (b"Scene Number,Start Frame\n1,1\n", "no 'Start Time"),
    (b"# keyframe format v1\nfps x\n0\n", "line 2: .* is not a frame rate line"),
    (b"# keyframe format v1\nfps 0\n0\n1.5\n", "line 4: '1.5' is not a frame number"),
    (b"# keyframe format v1\nfps 25\n0\n", "no shot change"),
    (b"<fcpxml><library/></fcpxml>", "no <sequence>"),
    (b"<fcpxml><sequence><spine><clip offset='1/0s'/></spine></sequence></fcpxml>", "not an FCPXML time"),
    (b"<fcpxml><sequence><spine><clip offset='-1s'/></spine></sequence></fcpxml>", "not an FCPXML time"),
    (b"<fcpxml><sequence><spine/></sequence></fcpxml>", "holds no clip"),
    (b'{"OTIO_SCHEMA": "Timeline.1"}', "no tracks"),
    (b'{"OTIO_SCHEMA": "Timeline.1", "tracks": {"children": [{"kind": "Audio"}]}}', "no video track"),
    (b'{"OTIO_SCHEMA": "Timeline.1", "tracks": {"children": [{"children": [{"source_range": {"duration": '
     b'{"value": 1e300, "rate": 25}}}, {}]}]}}', "out of range"),
    (b"Timecode List:,00:00:01.000\n1,2,3\n", "line 2: .* before the"),
    (b"frame,abc\n", "line 1: 'abc' is not a time"),
    (b"frame|pts_time=xyz\n", "line 1: 'xyz' is not a time"),
])
def test_hostile_files_are_a_read_error(data: bytes, message: str) -> None:
    with pytest.raises(ReadError, match=message):
        quiet(data)


@pytest.mark.parametrize("fps", [0, -25, float("nan"), float("inf"), 1e9, "25", True])
def test_a_frame_rate_that_is_none_is_an_option_error(fps: object) -> None:
    with pytest.raises(OptionError):
        read_shot_changes(b"1.0\n", fps=fps)  # type: ignore[arg-type]


def test_frames_without_a_time_are_skipped_with_a_warning() -> None:
    data = b"frame|pts_time=N/A|best_effort_timestamp_time=N/A\nframe|pts_time=2.200000\n"
    with pytest.warns(ScribekitWarning, match="line 1: 1 frame"):
        assert read_shot_changes(data) == (2200,)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_raise_only_read_error(data: bytes) -> None:
    try:
        times = quiet(data)
    except ReadError:
        return
    assert times == tuple(sorted(set(times))) and all(0 <= t <= MAX_MS for t in times)


_PIECES = st.sampled_from(["0", "1", "9", "12", ".", ",", ":", ";", "-", "s", "ms", "f", "\n", " ", "#", "<",
                           "{", "[", "]", "\"", "pts_time=", "pts_time:", "N/A", "nan", "frame,", "video,",
                           "TITLE: ", "FCM: DROP FRAME\n", "001  AX  V  C  ", "01:00:00:00 ", "00:00:01;02 ",
                           "Scene Number,Start Time (seconds)\n", "Timecode List:,", "<xmeml>", "<shotchanges>",
                           "</", ">", "<frame ", "e", "99999999999999999999"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join), st.sampled_from([None, 24.0, 25.0, 29.97]))
def test_shaped_text_raises_only_read_error(text: str, fps: float | None) -> None:
    try:
        times = quiet(text.encode(), "x.txt", fps)
    except ReadError:
        return
    assert times == tuple(sorted(set(times))) and all(0 <= t <= MAX_MS for t in times)


# --- round trips ---------------------------------------------------------------------------------------

def _clock(ms: int, separator: str) -> str:
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d}{separator}{ms % 1000:03d}"


_WRITERS = {
    "seconds": lambda ms: f"{ms // 1000}.{ms % 1000:03d}",
    "decimal comma": lambda ms: f"{ms // 1000},{ms % 1000:03d}",
    "seconds unit": lambda ms: f"{ms / 1000}s",
    "milliseconds": lambda ms: f"{ms}ms",
    "clock": lambda ms: _clock(ms, "."),
    "srt clock": lambda ms: _clock(ms, ","),
}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 10**9), min_size=1, max_size=30), st.sampled_from(sorted(_WRITERS)),
       st.randoms(use_true_random=False))
def test_a_list_written_in_each_notation_reads_back(times: list[int], notation: str, rng: random.Random) -> None:
    lines = [_WRITERS[notation](ms) for ms in times + times[:3]]
    rng.shuffle(lines)
    assert quiet(("\n".join(lines) + "\n").encode()) == tuple(sorted(set(times)))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 8_000_000), min_size=1, max_size=30),  # timecode hours up to 99
       st.sampled_from([(24.0, False), (25.0, False), (23.976, False), (29.97, False), (29.97, True),
                        (59.94, True), (50.0, False)]),
       st.booleans())
def test_frames_and_timecodes_read_back(frames: list[int], rate_drop: tuple[float, bool], as_frames: bool) -> None:
    fps, drop = rate_drop
    rate = FrameRate.of(fps)
    lines = [f"{n}f" if as_frames else rate.format(n, drop_frame=drop) for n in frames]
    assert read_shot_changes(("\n".join(lines)).encode(), fps=fps) == tuple(sorted({rate.ms(n) for n in frames}))


def test_a_hundred_thousand_lines() -> None:
    data = "".join(f"{n * 0.04:.2f}\n" for n in range(100_000, 0, -1)).encode()
    times = read_shot_changes(data)
    assert len(times) == 100_000 and times[0] == 40 and times[-1] == 4_000_000


# --- real ffmpeg / ffprobe outputs ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 3.6 s video at 25 fps with cuts at frames 25, 55 and 75 (test pattern, bars, white, black)."""
    path = tmp_path_factory.mktemp("shots") / "cuts.mkv"
    graph = ("testsrc=s=160x90:r=25:d=1[a];smptebars=s=160x90:r=25:d=1.2[b];"
             "color=white:s=160x90:r=25:d=0.8[w];color=black:s=160x90:r=25:d=0.6[k];"
             "[a][b][w][k]concat=n=4:v=1:a=0")
    subprocess.run([str(FFMPEG), "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", graph,
                    "-c:v", "ffv1", str(path)], check=True, timeout=120)
    return path


def _within_a_frame(found: tuple[int, ...]) -> bool:
    return len(found) == len(CUTS) and all(abs(a - b) <= 40 for a, b in zip(found, CUTS))


@pytest.mark.skipif(FFMPEG is None or FFPROBE is None, reason=NO_FFMPEG)
def test_real_ffmpeg_outputs(video: Path, tmp_path: Path) -> None:
    showinfo = subprocess.run([str(FFMPEG), "-hide_banner", "-nostats", "-i", str(video), "-vf",
                               "select='gt(scene,0.4)',showinfo", "-f", "null", "-"],
                              capture_output=True, check=True, timeout=120)
    assert _within_a_frame(read_shot_changes(showinfo.stderr, "ffmpeg.log")), showinfo.stderr[-2000:]
    scenes = tmp_path / "scenes.txt"
    subprocess.run([str(FFMPEG), "-hide_banner", "-loglevel", "error", "-i", str(video), "-vf",
                    f"select='gt(scene,0.3)',metadata=print:file={scenes.name}", "-f", "null", "-"],
                   cwd=tmp_path, check=True, timeout=120)
    assert _within_a_frame(read_shot_changes(scenes.read_bytes(), scenes.name))


@pytest.mark.skipif(FFMPEG is None or FFPROBE is None, reason=NO_FFMPEG)
@pytest.mark.parametrize("writer", ["csv", "json", "xml", "flat", "compact", "default", "ini", "csv=nk=0",
                                    "csv=p=0"])
def test_real_ffprobe_outputs(video: Path, writer: str) -> None:
    source = f"movie={video.name},select=gt(scene\\,0.4)"
    probe = subprocess.run([str(FFPROBE), "-v", "error", "-show_frames", "-of", writer, "-f", "lavfi", source],
                           cwd=video.parent, capture_output=True, check=True, timeout=120)
    assert _within_a_frame(read_shot_changes(probe.stdout)), probe.stdout[:2000]
    entries = subprocess.run([str(FFPROBE), "-v", "error", "-show_entries", "frame=pts_time", "-of", writer,
                              "-f", "lavfi", source], cwd=video.parent, capture_output=True, check=True, timeout=120)
    assert _within_a_frame(read_shot_changes(entries.stdout)), entries.stdout[:2000]


def test_ffprobe_json_sample_is_what_json_holds() -> None:
    frames = json.loads((DATA / "ffprobe-frames.json").read_text())["frames"]
    assert [round(float(f["pts_time"]) * 1000) for f in frames] == list(CUTS)
