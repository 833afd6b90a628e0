"""FCPXML: valid against Apple's DTD of every version we write (1.8 to 1.11), every time on a
frame boundary, captions in order without overlap, markers, titles, and random cues read
back within half a frame."""
from __future__ import annotations

import re
import warnings
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from shared import shared_path

import scribekit
from scribekit import Cue, Metadata, OptionError, ScribekitWarning, Speaker, Transcript
from scribekit.cli import cli
from scribekit.formats import fcpxml
from scribekit.segmentation import cues_for
from scribekit.timecode import FrameRate

DTDS = shared_path("reference", "fcpxml-dtd")
"""Apple's DTDs ("All rights reserved": read from the shared folder, never copied here)."""
NO_DTDS = "Apple's FCPXML DTDs are absent (../shared/reference/fcpxml-dtd; set SCRIBEKIT_SHARED)"
SAMPLES = Path(__file__).resolve().parent.parent / "samples"
RATES = [(23.976, "00:00:00:00"), (24, "01:00:00:00"), (25, "10:00:00:00"), (29.97, "01:00:00;00"),
         (29.97, "00:00:00:00"), (30, "00:00:00:00"), (50, "01:00:00:00"), (59.94, "01:00:00;00"), (60, None)]
TIME_ATTRIBUTES = ("offset", "duration", "start", "tcStart")


def interview() -> Transcript:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        return scribekit.load(SAMPLES / "amberscript" / "interview.json")


def write(cues: list[Cue], speakers: list[Speaker] | None = None, language: str | None = None,
          **options: Any) -> str:
    """The writer itself on ``cues`` (``scribekit.dumps`` re-cuts cues it is given fps for)."""
    transcript = Transcript(cues=cues, speakers=speakers or [], metadata=Metadata(filename="take.mov",
                                                                                    language=language))
    return fcpxml.write_cues(cues, transcript, fcpxml.Options(**options)).decode()


def validate(text: str, version: str) -> etree._Element:
    """The document, after checking it against the DTD of its version."""
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE fcpxml>\n')
    root = etree.fromstring(text.encode())
    assert root.get("version") == version
    if DTDS is not None:
        dtd = etree.DTD(str(DTDS / f"FCPXMLv1_{version.split('.')[1]}.dtd"))
        assert dtd.validate(root), dtd.error_log.filter_from_errors()
    return root


def seconds(value: str) -> Fraction:
    match = re.fullmatch(r"(\d+)(?:/(\d+))?s", value)
    assert match, value
    return Fraction(int(match.group(1)), int(match.group(2) or 1))


def frame_of(value: str, rate: FrameRate) -> int:
    """A time attribute in frames; it must be a whole number of frames."""
    frames = seconds(value) * rate.fps
    assert frames.denominator == 1, f"{value} is not on a frame boundary at {rate}"
    return int(frames)


def timed(root: etree._Element, tag: str, rate: FrameRate) -> list[tuple[int, int, etree._Element]]:
    """``tag`` elements in the gap: (start, end) in frames from the start timecode."""
    gap = root.find(".//spine/gap")
    origin = frame_of(gap.get("start"), rate)
    key = "start" if tag == "marker" else "offset"
    return [(frame_of(e.get(key), rate) - origin, frame_of(e.get(key), rate) - origin
             + frame_of(e.get("duration"), rate), e) for e in gap.findall(tag)]


def caption_text(element: etree._Element) -> str:
    return "".join(element.find("text").itertext())


# --- valid against the DTD, on frames, in order ------------------------------------------------


@pytest.mark.parametrize("version", fcpxml.VERSIONS)
@pytest.mark.parametrize("content", ["captions,markers", "titles,markers", "markers", "captions", "titles"])
@pytest.mark.skipif(DTDS is None, reason=NO_DTDS)
def test_valid_against_the_dtd_of_every_version(version: str, content: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        text = scribekit.dumps(interview(), "fcpxml", fcpxml_version=version, fcpxml_content=content,
                               fps=29.97, start_timecode="01:00:00;00").decode()
    root = validate(text, version)
    assert bool(root.findall(".//caption")) == ("captions" in content)
    assert bool(root.findall(".//title")) == ("titles" in content)
    assert bool(root.findall(".//marker")) == ("markers" in content)


@pytest.mark.parametrize("fps, start", RATES)
def test_every_time_on_a_frame_and_captions_at_the_cues_frames(fps: float, start: str | None) -> None:
    transcript = interview()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        cues = cues_for(transcript)
        text = scribekit.dumps(transcript, "fcpxml", fps=fps, start_timecode=start).decode()
    root = validate(text, "1.10")
    rate = FrameRate.of(fps)
    assert seconds(root.find("resources/format").get("frameDuration")) == 1 / rate.fps
    for element in root.iter():
        for name in TIME_ATTRIBUTES:
            if element.get(name) is not None:
                frame_of(element.get(name), rate)
    sequence = root.find(".//sequence")
    drop = start is not None and ";" in start
    assert sequence.get("tcFormat") == ("DF" if drop else "NDF")
    assert frame_of(sequence.get("tcStart"), rate) == (rate.parse(start, drop_frame=drop) if start else 0)
    captions = timed(root, "caption", rate)
    assert len(captions) == len(cues)
    for cue, (first, last, element) in zip(cues, captions):
        assert (first, last) == (rate.frames(cue.start), rate.frames(cue.end))
        assert caption_text(element) == "\n".join(cue.lines)
        assert element.get("role") == "iTT?captionFormat=ITT.en" and element.get("lane") == "1"
    assert all(a[1] <= b[0] for a, b in zip(captions, captions[1:]))
    markers = timed(root, "marker", rate)
    assert [(first, last) for first, last, _ in markers] == [(first, last) for first, last, _ in captions]
    assert [m.get("value") for _, _, m in markers] == [transcript.speaker_name(c.speaker) for c in cues]
    assert [m.get("note") for _, _, m in markers] == [" ".join(c.lines) for c in cues]
    gap = root.find(".//spine/gap")
    assert frame_of(gap.get("duration"), rate) >= max(last for _, last, _ in captions)
    assert frame_of(gap.get("offset"), rate) == frame_of(sequence.get("tcStart"), rate)


def test_overlapping_cues_are_cut_apart_with_a_warning() -> None:
    cues = [Cue(0, 2000, ["one"]), Cue(1000, 3000, ["two"]), Cue(500, 600, ["early"])]
    with pytest.warns(ScribekitWarning, match="overlap"):
        text = write(cues, fps=25)
    rate = FrameRate(25)
    captions = timed(validate(text, "1.10"), "caption", rate)
    assert [(first, last, caption_text(e)) for first, last, e in captions] == [
        (0, 13, "one"), (13, 15, "early"), (25, 75, "two")]


def test_styling_roles_languages_titles_and_turn_markers() -> None:
    cues = [Cue(0, 1000, ["<i>Hello</i> <b>big</b> <u>world</u>", "bye"], "a"), Cue(1000, 2000, ["x"], "a"),
            Cue(2000, 3000, ["y"], None)]
    speakers = [Speaker("a", "Ana")]
    root = validate(write(cues, speakers, language="fr", fcpxml_version="1.8", markers_per="turn"), "1.8")
    caption = root.find(".//caption")
    assert caption.get("role") == "iTT?captionFormat=ITT.fr"
    runs = [(span.text, span.get("ref")) for span in caption.find("text")]
    definitions = {d.get("id"): d.find("text-style").attrib for d in caption.findall("text-style-def")}
    styled = {text: definitions[ref] for text, ref in runs}
    assert styled["Hello"].get("italic") == "1" and styled["big"].get("bold") == "1"
    assert styled["world"].get("underline") == "1" and "italic" not in styled[" "]
    assert caption_text(caption) == "Hello big world\nbye"
    assert [(m.get("value"), m.get("note")) for m in root.iter("marker")] == [("Ana", "Hello big world bye x"),
                                                                              ("y", "y")]
    ids = [d.get("id") for d in root.iter("text-style-def")]
    assert len(ids) == len(set(ids))  # unique across the document (the DTD's ID type checks it too)
    srt = validate(write(cues, language="pt-BR", fcpxml_caption_format="srt"), "1.10")
    assert srt.find(".//caption").get("role") == "SRT?captionFormat=SRT.pt-BR"
    assert srt.find(".//caption/text").get("placement") is None
    titles = validate(write(cues, fcpxml_content="titles", width=1280, height=720, fps=50), "1.10")
    assert titles.find("resources/effect").get("name") == "Basic Title"
    assert titles.find("resources/format").get("name") == "FFVideoFormat720p50"
    title = titles.find(".//title")
    assert title.get("ref") == "r2" and title.get("lane") == "1"
    assert "".join(title.find("text").itertext()) == "Hello big world\nbye"


@pytest.mark.parametrize("options, message", [
    ({"fcpxml_version": "1.7"}, "fcpxml_version"), ({"fcpxml_content": "captions,titles"}, "not both"),
    ({"fcpxml_content": "subtitles"}, "fcpxml_content"), ({"fcpxml_caption_format": "scc"}, "caption_format"),
    ({"fps": 25, "drop_frame": True}, "drop_frame"), ({"start_timecode": "25:00"}, "start_timecode"),
    ({"language": "english please"}, "language"), ({"height": 100000}, "height"),
])
def test_wrong_options_are_one_clear_error(options: dict[str, Any], message: str) -> None:
    with pytest.raises(OptionError, match=message):
        fcpxml.Options(**options)


def test_hostile_text_stays_text() -> None:
    cues = [Cue(0, 1000, ['</text><marker start="0s"/> & "q"']), Cue(1000, 2000, ["\x00\x1b"])]
    with pytest.warns(ScribekitWarning, match="control character"):
        root = validate(write(cues, fcpxml_content="captions"), "1.10")
    assert [caption_text(c) for c in root.iter("caption")] == ['</text><marker start="0s"/> & "q"', ""]
    assert not list(root.iter("marker"))


def test_command_line_as_the_issue_writes_it(tmp_path: Path) -> None:
    out = tmp_path / "interview.fcpxml"
    result = CliRunner().invoke(cli, ["convert", str(SAMPLES / "amberscript" / "interview.json"), "--to", "fcpxml",
                                      "--fps", "25", "-o", str(out)])
    assert result.exit_code == 0, result.output
    root = validate(out.read_text(encoding="utf-8"), "1.10")
    assert root.find("resources/format").get("frameDuration") == "1/25s"


# --- random cues at random rates ---------------------------------------------------------------

fps_values = st.sampled_from([23.976, 24, 25, 29.97, 30, 50, 59.94, 60])
words = st.lists(st.text(alphabet="abcé&\"';ß中", min_size=1, max_size=8), min_size=1, max_size=4).map(" ".join)


@st.composite
def timed_cues(draw: st.DrawFn, fps: float) -> list[Cue]:
    frame = 1000 / fps
    t = draw(st.integers(0, 4_000_000))
    cues = []
    for _ in range(draw(st.integers(1, 12))):
        length = draw(st.integers(int(frame) + 2, 8000))
        cues.append(Cue(t, t + length, draw(st.lists(words, min_size=1, max_size=2)),
                        draw(st.sampled_from([None, "a", "b"]))))
        t += length + draw(st.sampled_from([0, 0, 1, 40, 700]))
    return cues


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_cues_come_back_within_half_a_frame(data: st.DataObject) -> None:
    fps = data.draw(fps_values)
    cues = data.draw(timed_cues(fps))
    version = data.draw(st.sampled_from(fcpxml.VERSIONS))
    start = data.draw(st.sampled_from([None, "01:00:00:00"] + (["01:00:00;00"] if fps in (29.97, 59.94) else [])))
    content = data.draw(st.sampled_from(["captions,markers", "titles,markers"]))
    root = validate(write(cues, [Speaker("a", "Ana"), Speaker("b", "Bo")], fps=fps, start_timecode=start,
                          fcpxml_version=version, fcpxml_content=content), version)
    rate = FrameRate.of(fps)
    shown = timed(root, "caption" if content.startswith("captions") else "title", rate)
    half = 500 / fps + 1
    assert len(shown) == len(cues)
    for cue, (first, last, element) in zip(cues, shown):
        assert abs(rate.ms(first) - cue.start) <= half and abs(rate.ms(last) - cue.end) <= half
        assert "".join(element.find("text").itertext()) == "\n".join(cue.lines)
    assert all(first < last for first, last, _ in shown)
    assert all(a[1] <= b[0] for a, b in zip(shown, shown[1:]))
    markers = timed(root, "marker", rate)
    assert [(first, last) for first, last, _ in markers] == [(first, last) for first, last, _ in shown]
