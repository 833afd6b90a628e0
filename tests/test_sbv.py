"""YouTube SubViewer (sbv): reading, writing, round trips (hypothesis), detection that takes no
other format's files, and ffmpeg's subviewer demuxer reading what we write."""
from __future__ import annotations

import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pysubs2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import scribekit
from scribekit import Cue, ReadError, ScribekitWarning, Transcript
from scribekit.formats import sbv

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "amberscript" / "interview.json"
YOUTUBE = ("0:00:01.000,0:00:03.500\nGood morning, and welcome\nto the café.\n\n"
           "0:00:04.000,0:00:06.250\nThank you.\n\n"
           "1:02:03.004,10:00:00.000\n>> Long one\n")


def read_quietly(data: str | bytes) -> Transcript:
    with warnings.catch_warnings():
        warnings.simplefilter("error", ScribekitWarning)
        return scribekit.loads(data, format="sbv")


def timed(transcript: Transcript) -> list[tuple[int, int, list[str]]]:
    return [(c.start, c.end, c.lines) for c in transcript.cues or []]


def test_reads_what_youtube_writes() -> None:
    transcript = read_quietly(YOUTUBE)
    assert transcript.metadata.source == "sbv"
    assert timed(transcript) == [(1000, 3500, ["Good morning, and welcome", "to the café."]),
                                 (4000, 6250, ["Thank you."]), (3723004, 36000000, [">> Long one"])]


def test_a_fraction_of_any_length() -> None:
    data = "0:00:01.5,0:00:02.25\na\n\n0:00:03.12345,0:00:04.9996\nb\n"
    assert [(c.start, c.end) for c in read_quietly(data).cues or []] == [(1500, 2250), (3123, 5000)]


def test_detected_by_content_with_a_bom_and_crlf() -> None:
    data = ("\ufeff" + YOUTUBE.replace("\n", "\r\n")).encode("utf-8")
    assert scribekit.formats.detect(data).name == "sbv"
    assert timed(scribekit.loads(data)) == timed(read_quietly(YOUTUBE))


def test_tolerances_each_reported() -> None:
    data = ("Title line\n\n 0:00:01.5 , 0:00:02.25 \nfirst\n\nafter a blank\n\n\n"
            "0:00:05.000,0:00:04.000\nbackwards\n")
    with pytest.warns(ScribekitWarning) as caught:
        transcript = scribekit.loads(data, format="sbv")
    assert timed(transcript) == [(1500, 2250, ["first", "after a blank"]), (5000, 4000, ["backwards"])]
    messages = " | ".join(str(w.message) for w in caught)
    assert "line 1: ignored text before the first cue" in messages
    assert "line 5: blank line inside cue text dropped" in messages
    assert "line 9: cue ends before it starts" in messages


@pytest.mark.parametrize(("data", "message"), [
    ("0:00:01.000,0:00:02.000\na\n\n0:00:03.000,0:00:0x\nb\n", "line 4: cannot read the time line"),
    ("0:00:01.000,0:00:02.000\na\n\n0:00:03.000,\nb\n", "line 4: cannot read the time line"),
    ("just text\nno times\n", "line 1: no SBV time line"),
    ("\n\n", "empty file"),
    ("0:00:01.000,999999999999:00:00.000\na\n", "line 1: a time of .* ms is out of range"),
    ("0:00:01.000,9999999999999:00:00.000\na\n", "line 1: cannot read the time line"),
])
def test_refusals_name_the_line(data: str, message: str) -> None:
    with pytest.raises(ReadError, match=message):
        scribekit.loads(data, format="sbv")


def test_writes_hours_unpadded_and_a_blank_line_between_cues() -> None:
    transcript = Transcript(cues=[Cue(1000, 3500, ["Good morning,", "welcome"]), Cue(3723004, 36000000, ["Bye"])])
    assert scribekit.dumps(transcript, "sbv") == ("0:00:01.000,0:00:03.500\nGood morning,\nwelcome\n\n"
                                                  "1:02:03.004,10:00:00.000\nBye\n")


def test_the_writer_keeps_every_cue_readable_and_says_what_it_changed() -> None:
    transcript = Transcript(cues=[Cue(-500, 1000, ["0:00:01.000,0:00:02.000", "", "after"]),
                                  Cue(2000, 3000, []), Cue(3000, 4000, ["a\nb", "\x00x"])])
    with pytest.warns(ScribekitWarning) as caught:
        out = str(scribekit.dumps(transcript, "sbv"))
    assert len(caught) == 5  # negative time, blank line, timing-like line, line end, control character
    back = read_quietly(out)
    assert timed(back) == [(0, 1000, [sbv.WORD_JOINER + "0:00:01.000,0:00:02.000", "after"]), (2000, 3000, []),
                           (3000, 4000, ["a", "b", "x"])]


def test_the_segmented_sample_with_the_youtube_profile() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the sample's long words: a row of their own
        out = str(scribekit.dumps(scribekit.load(SAMPLE), "sbv", profile="youtube"))
    back = read_quietly(out)
    cues = back.cues or []
    assert len(cues) > 5 and "Zürich" in out
    assert all(a.end <= b.start for a, b in zip(cues, cues[1:]))


# --- detection ----------------------------------------------------------------------------------

def test_detection_takes_no_other_formats_files_and_no_other_format_takes_sbv() -> None:
    assert scribekit.formats.detect(YOUTUBE.encode(), "captions.txt").name == "sbv"
    folders = ("samples", "tests/data", "tests/hostile")
    for path in [p for folder in folders for p in sorted((ROOT / folder).rglob("*"))]:
        if not path.is_file():
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                name = scribekit.formats.detect(path.read_bytes()).name
        except scribekit.ScribekitError:
            continue
        assert name != "sbv", path
    srt = b"1\n00:00:01,000 --> 00:00:02,000\nHello\n"
    assert scribekit.formats.detect(srt).name == "srt"
    assert scribekit.formats.detect(b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHello\n").name == "vtt"


def test_a_cue_whose_text_is_an_srt_timing_line_is_still_sbv() -> None:
    out = scribekit.dumps(Transcript(cues=[Cue(0, 1000, ["00:00:01,000 --> 00:00:02,000"])]), "sbv")
    assert scribekit.formats.detect(str(out).encode()).name == "sbv"
    assert timed(scribekit.loads(out)) == [(0, 1000, ["00:00:01,000 --> 00:00:02,000"])]


def test_pysubs2_claims_no_sbv_but_its_lenient_srt_parser_reads_ours() -> None:
    assert ".sbv" not in pysubs2.formats.FILE_EXTENSION_TO_FORMAT_IDENTIFIER
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ours = str(scribekit.dumps(scribekit.load(SAMPLE), "sbv", profile="youtube"))
    theirs = pysubs2.SSAFile.from_string(ours)
    back = read_quietly(ours)
    assert [(e.start, e.end, e.plaintext.split("\n")) for e in theirs] == timed(back)


# --- round trips --------------------------------------------------------------------------------

_LINE = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="<\u2060"), min_size=1,
                max_size=20).filter(
    lambda line: not line.isspace())
_LINE_OR_TIMING = st.one_of(_LINE, st.sampled_from(["0:00:01.000,0:00:02.000", " 1:2:3.4,5", "12:00:00.5 pm"]))


@st.composite
def cue_lists(draw: st.DrawFn) -> list[Cue]:
    cues = []
    start = draw(st.integers(0, 10**9))
    for _ in range(draw(st.integers(1, 8))):
        end = draw(st.integers(start, start + 10**7))
        cues.append(Cue(start, end, draw(st.lists(_LINE_OR_TIMING, min_size=1, max_size=3))))
        start = draw(st.integers(end, end + 10**6))
    return cues


@settings(max_examples=300, deadline=None)
@given(cue_lists())
def test_write_then_read_keeps_every_cue(cues: list[Cue]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # timing-like lines get a word joiner, with a warning
        out = scribekit.dumps(Transcript(cues=cues), "sbv")
    back = read_quietly(out)
    assert [(c.start, c.end) for c in back.cues or []] == [(c.start, c.end) for c in cues]
    assert [[line.removeprefix(sbv.WORD_JOINER) for line in c.lines] for c in back.cues or []] == [
        c.lines for c in cues]


# --- ffmpeg -------------------------------------------------------------------------------------

def _ffmpeg_srt(path: Path) -> Transcript:
    done = subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-i", str(path), "-f", "srt", "-"],
                          capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return scribekit.loads(done.stdout, format="srt")


@pytest.mark.skipif(not shutil.which("ffmpeg"), reason="ffmpeg is not installed")
def test_ffmpeg_reads_what_we_write(tmp_path: Path) -> None:
    source = scribekit.load(SAMPLE)
    path = tmp_path / "interview.sbv"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the sample's long words: a row of their own
        path.write_text(str(scribekit.dumps(source, "sbv", profile="youtube")), encoding="utf-8")
    ours = read_quietly(path.read_bytes())
    theirs = _ffmpeg_srt(path)
    assert timed(theirs) == timed(ours)
    hostile = tmp_path / "hostile.sbv"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        hostile.write_text(str(scribekit.dumps(Transcript(cues=[
            Cue(1000, 2000, ["1:00:00.000,2:00:00.000 looks like a time line"]), Cue(2500, 3000, ["", "plain"]),
            Cue(3500, 4000, ["0:0:1.5,0:0:2.5"])]), "sbv")), encoding="utf-8")
    assert [(c.start, c.end) for c in _ffmpeg_srt(hostile).cues or []] == [(1000, 2000), (2500, 3000), (3500, 4000)]


def test_the_command_converts_srt_to_sbv_and_back(tmp_path: Path) -> None:
    srt = tmp_path / "a.srt"
    srt.write_text("1\n00:00:01,000 --> 00:00:02,500\nHello there\n\n2\n00:00:03,000 --> 00:00:04,000\nBye\n",
                   encoding="utf-8")
    out = tmp_path / "a.sbv"
    done = subprocess.run([sys.executable, "-m", "scribekit", "convert", str(srt), "-o", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8") == "0:00:01.000,0:00:02.500\nHello there\n\n0:00:03.000,0:00:04.000\nBye\n"
