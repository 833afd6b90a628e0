"""SubRip: the samples, every tolerance of docs/formats.md §4 with its warning, the writer,
round trips, and pysubs2 / ffmpeg reading what we write."""
from __future__ import annotations

import re
import shutil
import subprocess
import warnings
from pathlib import Path

import pysubs2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import scribekit
from scribekit import Cue, ReadError, ScribekitWarning, Transcript
from scribekit.formats import srt
from scribekit.markup import strip_tags
from scribekit.timecode import clock

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def read_recording(data: str | bytes, *, encoding: str | None = None) -> tuple[Transcript, list[str]]:
    """The transcript and the messages of every ScribekitWarning reading it gave."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        transcript = scribekit.loads(data, format="srt", encoding=encoding)
    return transcript, [str(w.message) for w in caught if issubclass(w.category, ScribekitWarning)]


def read_quietly(data: str | bytes) -> Transcript:
    transcript, messages = read_recording(data)
    assert messages == []
    return transcript


def timed(transcript: Transcript) -> list[tuple[int, int, list[str]]]:
    assert transcript.cues is not None
    return [(c.start, c.end, c.lines) for c in transcript.cues]


def dump_srt(cues: list[Cue]) -> str:
    out = scribekit.dumps(Transcript(cues=cues), "srt")
    assert isinstance(out, str)
    return out


# --- the samples ------------------------------------------------------------------------------


def test_interview_sample_value_by_value() -> None:
    transcript = read_quietly((SAMPLES / "subtitles" / "interview.srt").read_bytes())
    assert transcript.metadata.source == "srt"
    assert transcript.segments == []
    assert timed(transcript) == [
        (500, 3200, ["Grüezi, and welcome to Zürich."]),
        (3400, 6000, ["Thank you. Shall we start", "at the café by the lake?"]),
        (6250, 9800, ["Yes: <i>Café Schober</i> & friends,", "since 1842."]),
        (10000, 12480, ["Perfect — I'll have a crème brûlée."]),
    ]
    assert transcript.cues is not None
    assert [c.identifier for c in transcript.cues] == ["1", "2", "3", "4"]
    assert all(c.style is None and c.speaker is None for c in transcript.cues)


def test_interview_sample_written_back_byte_for_byte() -> None:
    text = (SAMPLES / "subtitles" / "interview.srt").read_text(encoding="utf-8")
    assert scribekit.dumps(scribekit.loads(text, format="srt"), "srt") == text


def test_format_is_detected_from_content() -> None:
    transcript = scribekit.load(SAMPLES / "subtitles" / "interview.srt")
    assert transcript.metadata.source == "srt"
    assert srt.sniff("\ufeff\n\n1\n00:00:01,000 --> 00:00:02,000\nHi\n")
    assert srt.sniff("00:00:01.5 -> 00:00:02\nHi")
    assert not srt.sniff("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi\n")
    assert not srt.sniff("Hello\nworld\nthis\nis\nplain\ntext\n00:00:01,000 --> 00:00:02,000\n")
    assert not srt.sniff("We meet 10:30 -> 11:00 in the café.\n")


# --- tolerant reading (docs/formats.md §4), each repair with its warning ------------------------------

MALFORMED = [
    pytest.param("\ufeff1\n00:00:01,000 --> 00:00:02,000\nBOM\n", [(1000, 2000, ["BOM"])], [], id="bom"),
    pytest.param("1\r\n00:00:01,000 --> 00:00:02,000\r\nA\r\nB\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\nC\r\n",
                 [(1000, 2000, ["A", "B"]), (3000, 4000, ["C"])], [], id="crlf"),
    pytest.param("1\r00:00:01,000 --> 00:00:02,000\rA\r\r2\r00:00:03,000 --> 00:00:04,000\rC\r",
                 [(1000, 2000, ["A"]), (3000, 4000, ["C"])], [], id="cr"),
    pytest.param("\n\n\n1\n00:00:01,000 --> 00:00:02,000\nA\n", [(1000, 2000, ["A"])], [], id="leading-blank-lines"),
    pytest.param("1\n00:00:01,000 --> 00:00:02,000\nno final newline",
                 [(1000, 2000, ["no final newline"])], [], id="no-final-newline"),
    pytest.param("1\n00:00:01,000 --> 00:00:02,000\nA\n2\n00:00:03,000 --> 00:00:04,000\nB\n",
                 [(1000, 2000, ["A"]), (3000, 4000, ["B"])], [r"line 4: missing blank line between cues"],
                 id="missing-blank-line"),
    pytest.param("1\n00:00:01,000 --> 00:00:02,000\nA\n00:00:03,000 --> 00:00:04,000\nB\n",
                 [(1000, 2000, ["A"]), (3000, 4000, ["B"])],
                 [r"line 4: missing blank line between cues", r"line 4: cue without an index number"],
                 id="timing-line-right-after-text"),
    pytest.param("1\n00:00:01,000 --> 00:00:02,000\nA\n\nB after a blank line\n\n2\n00:00:03,000 --> 00:00:04,000\nC\n",
                 [(1000, 2000, ["A", "B after a blank line"]), (3000, 4000, ["C"])],
                 [r"line 4: blank line inside cue text dropped"], id="blank-line-inside-text"),
    pytest.param("00:00:01,000 --> 00:00:02,000\nA\n\n00:00:03,000 --> 00:00:04,000\nB\n",
                 [(1000, 2000, ["A"]), (3000, 4000, ["B"])],
                 [r"line 1: cue without an index number \(and 1 more like it\)"], id="no-index"),
    pytest.param("1\n00:00:01,000 --> 00:00:02,000\nA\n\nsecond\n00:00:03,000 --> 00:00:04,000\nB\n",
                 [(1000, 2000, ["A"]), (3000, 4000, ["B"])],
                 [r"line 5: non-numeric index kept as the cue identifier: 'second'"], id="non-numeric-index"),
    pytest.param("1\n00:00:01.000 --> 00:00:02.500\nA\n", [(1000, 2500, ["A"])],
                 [r"line 2: '\.' instead of ',' before the milliseconds \(and 1 more like it\)"], id="dot"),
    pytest.param("1\n00:00:01,5 --> 00:00:02,25\nA\n", [(1500, 2250, ["A"])],
                 [r"line 2: millisecond field of 1 digit\(s\) read as a fraction of a second \(,5 = 500 ms\)",
                  r"line 2: millisecond field of 2 digit\(s\) read as a fraction of a second \(,25 = 250 ms\)"],
                 id="short-milliseconds"),
    pytest.param("1\n00:00:01,2345 --> 00:00:02,000\nA\n", [(1235, 2000, ["A"])],
                 [r"millisecond field of 4 digit\(s\) read as a fraction of a second \(,2345 = 235 ms\)"],
                 id="long-milliseconds"),
    pytest.param("1\n00:00:01 --> 00:00:02\nA\n", [(1000, 2000, ["A"])],
                 [r"line 2: time without milliseconds read as ,000 \(and 1 more like it\)"], id="no-milliseconds"),
    pytest.param("1\n0:0:1,000 --> 0:1:2,000\nA\n", [(1000, 62000, ["A"])], [], id="one-digit-fields"),
    pytest.param("1\n123:00:00,000 --> 123:00:01,000\nA\n", [(442_800_000, 442_801_000, ["A"])], [],
                 id="hours-past-99"),
    pytest.param("1\n00：00：01，000 --> 00：00：02，000\nA\n", [(1000, 2000, ["A"])],
                 [r"'，' instead of ','", r"fullwidth '：' read as ':'"], id="fullwidth"),
    pytest.param("1\n00:00:01,000 -> 00:00:02,000\nA\n", [(1000, 2000, ["A"])],
                 [r"line 2: arrow '->' read as '-->'"], id="arrow-short"),
    pytest.param("1\n00:00:01,000 -- > 00:00:02,000\nA\n", [(1000, 2000, ["A"])],
                 [r"arrow '-- >' read as '-->'"], id="arrow-spaced"),
    pytest.param("1\n00:00:01,000 —> 00:00:02,000\nA\n", [(1000, 2000, ["A"])],
                 [r"arrow '—>' read as '-->'"], id="arrow-dash"),
    pytest.param("1\n-00:00:01,000 --> 00:00:02,000\nA\n", [(-1000, 2000, ["A"])],
                 [r"line 2: negative time kept with its sign"], id="negative"),
    pytest.param("1\n00:00:01,000 --> 00:00:02,000\n\n2\n00:00:03,000 --> 00:00:04,000\nB\n",
                 [(1000, 2000, []), (3000, 4000, ["B"])], [], id="empty-cue"),
    pytest.param("1\n00:00:01,000 --> 00:00:02,000\n", [(1000, 2000, [])], [], id="empty-last-cue"),
    pytest.param("1\n00:00:05,000 --> 00:00:02,000\nA\n", [(5000, 2000, ["A"])],
                 [r"line 2: cue ends before it starts \(kept as it is\)"], id="end-before-start"),
    pytest.param("1\n00:00:01,000 --> 00:00:02,000\n<i>open\n", [(1000, 2000, ["<i>open"])],
                 [r"line 3: unbalanced tag <i> not closed"], id="unclosed-italics"),
    pytest.param("1\n00:00:01,000 --> 00:00:02,000\nbold</b>\n", [(1000, 2000, ["bold</b>"])],
                 [r"unbalanced tag </b> without <b>"], id="stray-closing-tag"),
    pytest.param("1\n00:00:01,000 --> 00:00:02,000 whatever\nA\n", [(1000, 2000, ["A"])],
                 [r"line 2: ignored text after the timing: 'whatever'"], id="junk-after-timing"),
    pytest.param("Title of the film\n\n1\n00:00:01,000 --> 00:00:02,000\nA\n", [(1000, 2000, ["A"])],
                 [r"line 1: ignored text before the first cue: 'Title of the film'"], id="text-before-first-cue"),
    pytest.param("1\n00:00:01,000 --> 00:00:02,000\n42\n\n2\n00:00:03,000 --> 00:00:04,000\nB\n",
                 [(1000, 2000, ["42"]), (3000, 4000, ["B"])], [], id="number-as-text"),
    pytest.param("1\n00:00:01,000 --> 00:00:02,000\n10:30 -> 11:00 lunch\n", [(1000, 2000, ["10:30 -> 11:00 lunch"])],
                 [], id="times-in-text"),
    pytest.param("1\n00:01,500 --> 00:02,000\nA\n", [(1500, 2000, ["A"])],
                 [r"time without hours read as MM:SS \(and 1 more like it\)"], id="no-hours"),
]


@pytest.mark.parametrize(("text", "expected", "warned"), MALFORMED)
def test_tolerant_reading(text: str, expected: list[tuple[int, int, list[str]]], warned: list[str]) -> None:
    transcript, messages = read_recording(text)
    assert timed(transcript) == expected
    for pattern in warned:
        assert any(re.search(pattern, m) for m in messages), (pattern, messages)
    if not warned:
        assert messages == []


def test_coordinates_are_kept_and_written_back() -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000 X1:100 X2:600 Y1:40 Y2:80\nA\n"
    transcript = read_quietly(text)
    assert transcript.cues is not None
    assert transcript.cues[0].style == {"srt_coordinates": "X1:100 X2:600 Y1:40 Y2:80"}
    assert scribekit.dumps(transcript, "srt") == text


def test_warnings_of_one_kind_are_counted_not_repeated() -> None:
    text = "".join(f"{i}\n00:00:0{i}.000 --> 00:00:0{i}.500\nA\n\n" for i in range(1, 10))
    with pytest.warns(ScribekitWarning, match=r"line 2: '\.' instead of ',' .*\(and 17 more like it\)"):
        scribekit.loads(text, format="srt")


def test_repairs_with_different_values_are_still_one_warning() -> None:
    text = ("Title\nSubtitle\n\n1\n00:00:01,5 --> 00:00:01,7 junk\nA\n\n"
            "2\n00:00:02,6 --> 00:00:02,9 more junk\nB\n")
    _, messages = read_recording(text)
    assert messages == [
        "line 1: ignored text before the first cue: 'Title' (and 1 more like it)",
        "line 5: millisecond field of 1 digit(s) read as a fraction of a second (,5 = 500 ms) (and 3 more like it)",
        "line 5: ignored text after the timing: 'junk' (and 1 more like it)",
    ]


@pytest.mark.parametrize(("text", "line", "message"), [
    ("1\n00:00:01,000 --> 00:00:02,000\nA\n\n2\n00:00:03,000 -> 00:00:0x,000\nB\n", 6, "cannot read the timing line"),
    ("1\n00:00:01,000 -->\nA\n", 2, "cannot read the timing line"),
    ("1\n00:00:01,000 00:00:02,000\nA\n", 2, "cannot read the timing line"),
    ("\n\nJust some text\nand more\n", 3, "no SRT timing line"),
])
def test_unreadable_input_names_the_line(text: str, line: int, message: str) -> None:
    with pytest.raises(ReadError, match=message) as caught:
        scribekit.loads(text, format="srt")
    assert caught.value.line == line


# --- the malformed samples ------------------------------------------------------------------------


def test_sample_missing_blank_line() -> None:
    transcript, messages = read_recording((SAMPLES / "malformed" / "missing-blank-line.srt").read_bytes())
    assert timed(transcript) == [(1000, 2500, ["First cue, then no blank line."]), (3000, 4000, ["Second cue."]),
                                 (4500, 5000, ["Third cue: no index, no blank line."])]
    assert any("line 4: missing blank line between cues (and 1 more like it)" in m for m in messages)
    assert any("line 7: cue without an index number" in m for m in messages)


def test_sample_dot_milliseconds() -> None:
    transcript, messages = read_recording((SAMPLES / "malformed" / "dot-milliseconds.srt").read_bytes())
    assert timed(transcript) == [(1500, 2250, ["Dot before the milliseconds."]),
                                 (3500, 4750, ["Short millisecond fields."])]
    assert any("'.' instead of ','" in m for m in messages)
    assert any("(,5 = 500 ms)" in m for m in messages) and any("(,75 = 750 ms)" in m for m in messages)


def test_sample_cp1252_with_its_encoding() -> None:
    transcript, messages = read_recording((SAMPLES / "malformed" / "cp1252.srt").read_bytes(), encoding="cp1252")
    assert messages == []
    assert timed(transcript) == [(1000, 3500, ["Wir trinken einen Kaffee in Zürich, à la française."]),
                                 (4000, 6000, ["Das Café ist schön, die Straße ruhig."])]


def test_sample_cp1252_detected_and_reported() -> None:
    with pytest.warns(ScribekitWarning, match="not UTF-8; decoded as cp1252"):
        transcript = scribekit.load(SAMPLES / "malformed" / "cp1252.srt")
    assert timed(transcript) == [(1000, 3500, ["Wir trinken einen Kaffee in Zürich, à la française."]),
                                 (4000, 6000, ["Das Café ist schön, die Straße ruhig."])]


def test_sample_unbalanced_italics() -> None:
    transcript, messages = read_recording((SAMPLES / "malformed" / "unbalanced-italics.srt").read_bytes())
    assert timed(transcript) == [(1000, 2000, ["<i>Italics that never close"]),
                                 (2500, 3000, ["A stray closing tag</b>"])]
    assert any("line 3: unbalanced tag <i> not closed" in m for m in messages)
    assert any("line 7: unbalanced tag </b> without <b>" in m for m in messages)
    written = scribekit.dumps(transcript, "srt")
    assert "<i>Italics that never close</i>\n" in written
    assert "A stray closing tag</b>\n" in written


def test_sample_broken_timing_is_an_error_naming_the_line() -> None:
    with pytest.raises(ReadError) as caught:
        scribekit.load(SAMPLES / "malformed" / "broken-timing.srt")
    assert caught.value.line == 6
    assert "broken-timing.srt: line 6: cannot read the timing line" in str(caught.value)


def test_sample_odd_timings() -> None:
    transcript, messages = read_recording((SAMPLES / "malformed" / "odd-timings.srt").read_bytes())
    assert timed(transcript) == [
        (1500, 2750, ["One-digit fields, short milliseconds, coordinates."]),
        (3000, 4000, ["Fullwidth colon and comma."]),
        (-1000, 500, ["Negative start."]),
        (6000, 5000, ["End before start, text after a blank line."]),
        (360_000_000, 360_001_000, []),
        (360_002_000, 360_003_000, ["Empty cue above; no milliseconds here, no final newline."]),
    ]
    assert transcript.cues is not None
    assert transcript.cues[0].style == {"srt_coordinates": "X1:100 X2:600 Y1:40 Y2:80"}
    expected = ["line 4: millisecond field of 1 digit(s)", "line 4: arrow '->'", "line 8: arrow '-- >'",
                "line 8: fullwidth '：'", "line 12: negative time kept", "line 16: cue ends before it starts",
                "line 17: blank line inside cue text dropped", "line 24: time without milliseconds",
                "line 24: arrow '—>'"]
    for start in expected:
        assert any(m.startswith(start) for m in messages), (start, messages)


# --- the writer ---------------------------------------------------------------------------------


def test_writer_renumbers_and_formats() -> None:
    cues = [Cue(0, 1500, ["Café", "<i>Zürich</i>"], identifier="17"),
            Cue(3_600_000 * 101 + 61_001, 3_600_000 * 101 + 62_000, ["late"], identifier="x")]
    assert dump_srt(cues) == ("1\n00:00:00,000 --> 00:00:01,500\nCafé\n<i>Zürich</i>\n\n"
                              "2\n101:01:01,001 --> 101:01:02,000\nlate\n")


def test_writer_keeps_a_cue_whole() -> None:
    cues = [Cue(0, 1000, ["a", "", "b", "   "]), Cue(1000, 2000, []), Cue(2000, 3000, ["<b><i>x"])]
    out = dump_srt(cues)
    # A cue without text gets a line of one space (ffmpeg drops a cue without a text line).
    assert out == ("1\n00:00:00,000 --> 00:00:01,000\na\nb\n\n2\n00:00:01,000 --> 00:00:02,000\n \n\n"
                   "3\n00:00:02,000 --> 00:00:03,000\n<b><i>x</i></b>\n")
    assert timed(read_quietly(out)) == [(0, 1000, ["a", "b"]), (1000, 2000, []), (2000, 3000, ["<b><i>x</i></b>"])]


def test_writer_clamps_negative_times() -> None:
    # ffmpeg reads -00:00:01,500 as 1193 hours: a negative time is written as 0, with a warning.
    with pytest.warns(ScribekitWarning, match=r"1 cue\(s\) with a negative time written with 0"):
        out = dump_srt([Cue(-1500, 500, ["early"])])
    assert out.startswith("1\n00:00:00,000 --> 00:00:00,500\n")
    assert timed(scribekit.loads(out, format="srt")) == [(0, 500, ["early"])]


def test_writer_has_no_options() -> None:
    with pytest.raises(scribekit.OptionError):
        scribekit.dumps(Transcript(cues=[Cue(0, 1, ["a"])]), "srt", voice_tags=True)


# --- round trips and independent readers --------------------------------------------------------

LETTERS = "abcxyzABCXYZ éèüöäßçñøåÉÜ漢字шЖ0123456789.,;:!?'\"-–—&()[]/"


@st.composite
def cue_lists(draw: st.DrawFn, alphabet: str = LETTERS, allow_empty: bool = False,
              latest: int = 400_000_000, digit_lines: bool = True) -> list[Cue]:
    """Up to 8 cues in time order; ``latest`` bounds the first start (pysubs2 reads no hours past 99);
    without ``digit_lines`` no line is a bare number (pysubs2 takes one for the next cue's index)."""
    count = draw(st.integers(1, 8))
    cues = []
    time = draw(st.integers(0, latest))
    for _ in range(count):
        start = time + draw(st.integers(0, 5000))
        end = start + draw(st.integers(0, 10_000))
        time = end
        text = st.text(alphabet, min_size=1, max_size=40).map(str.strip).filter(bool)
        if not digit_lines:
            text = text.filter(lambda line: not line.isdigit())
        lines = draw(st.lists(text, min_size=0 if allow_empty else 1, max_size=3))
        lines = [f"<i>{line}</i>" if draw(st.booleans()) and i % 2 == 0 else line for i, line in enumerate(lines)]
        cues.append(Cue(start, end, lines))
    return cues


@settings(max_examples=150, deadline=None)
@given(cue_lists(allow_empty=True))
def test_round_trip(cues: list[Cue]) -> None:
    back = read_quietly(dump_srt(cues))
    assert timed(back) == [(c.start, c.end, c.lines) for c in cues]
    assert back.cues is not None
    assert [c.identifier for c in back.cues] == [str(n) for n in range(1, len(cues) + 1)]


@settings(max_examples=40, deadline=None)
@given(cue_lists(latest=300_000_000, digit_lines=False))
def test_pysubs2_reads_what_we_write(cues: list[Cue]) -> None:
    subs = pysubs2.SSAFile.from_string(dump_srt(cues), format_="srt")
    assert len(subs) == len(cues)
    assert sorted((e.start, e.end, e.plaintext) for e in subs) == sorted(
        (c.start, c.end, strip_tags("\n".join(c.lines))) for c in cues)


def ffmpeg_cue_count(path: Path) -> int:
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        pytest.skip("ffmpeg is not installed (apt-get install ffmpeg); it is the independent SRT reader here")
    done = subprocess.run([ffmpeg, "-nostdin", "-v", "error", "-i", str(path), "-f", "srt", "-"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return done.stdout.count(" --> ")


def test_ffmpeg_reads_what_we_write(tmp_path: Path) -> None:
    transcript = scribekit.load(SAMPLES / "subtitles" / "interview.srt")
    cues = [Cue(i * 2000, i * 2000 + 1500, [f"Cue {i} — café", "<i>Zürich</i> & co"]) for i in range(50)]
    for name, out in (("interview.srt", scribekit.dumps(transcript, "srt")), ("many.srt", dump_srt(cues))):
        path = tmp_path / name
        path.write_text(str(out), encoding="utf-8")
        assert ffmpeg_cue_count(path) == str(out).count(" --> ")
    assert ffmpeg_cue_count(tmp_path / "many.srt") == 50


def test_big_file_reads_in_one_pass() -> None:
    text = "".join(f"{i}\n{clock(i * 1000, ',')} --> {clock(i * 1000 + 900, ',')}\nLine {i}\nzwei\n\n"
                   for i in range(1, 20001))
    transcript = read_quietly(text)
    assert transcript.cues is not None and len(transcript.cues) == 20000
    assert transcript.cues[-1].start == 20_000_000 and transcript.cues[-1].lines == ["Line 20000", "zwei"]
    assert scribekit.dumps(transcript, "srt") == text.rstrip("\n") + "\n"
