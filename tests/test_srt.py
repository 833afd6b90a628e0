"""SubRip: the samples, the writer, round trips, and pysubs2 / ffmpeg reading what we write (the
tolerant reader's every branch, docs/formats.md §4, with its exact warnings: test_srt_reader_cases.py)."""
from __future__ import annotations

import dataclasses
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
from scribekit.model import Word
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


# --- tolerant reading: coordinates, warnings counted ---------------------------------------------


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


def write_recording(cues: list[Cue], **options: object) -> tuple[str, list[str]]:
    """What the writer gives and the messages of its ScribekitWarnings."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = scribekit.dumps(Transcript(cues=cues), "srt", **options)
    assert isinstance(out, str)
    return out, [str(w.message) for w in caught if issubclass(w.category, ScribekitWarning)]


WJ = srt.WORD_JOINER
TIMING_LIKE = ["00:00:01,000 --> 00:00:02,000", "-00:00:01,000 --> 00:00:02,000", " 00:00:01,000 --> 00:00:02,000",
               "+1:2:3,4 --> 5:6:7,8", "10:30:00 -> doors open", "12:00:00 → 13:00:00",
               "00：00：01，000 --> 00：00：02，000"]


def test_writer_puts_a_word_joiner_before_each_line_read_as_a_timing_line_and_nowhere_else() -> None:
    assert WJ == "\u2060"
    cues = [Cue(0, 1000, ["Note: 10:30", TIMING_LIKE[0]]), Cue(1000, 2000, ["a:", TIMING_LIKE[1]]),
            Cue(2000, 3000, ["b:", TIMING_LIKE[2]]), Cue(3000, 4000, ["c:", TIMING_LIKE[3]]),
            Cue(4000, 5000, [TIMING_LIKE[4], "10:30 -> 11:00", TIMING_LIKE[5]]), Cue(5000, 6000, ["d", TIMING_LIKE[6]]),
            Cue(6000, 7000, ["12:00 lunch", "", "1: one", "-: dash", TIMING_LIKE[0]]),
            Cue(7000, 8000, ["12:00 lunch", "1: one", "-: dash", " : space", "+ 1:2"])]
    out, messages = write_recording(cues)
    assert out == (f"1\n00:00:00,000 --> 00:00:01,000\nNote: 10:30\n{WJ}00:00:01,000 --> 00:00:02,000\n\n"
                   f"2\n00:00:01,000 --> 00:00:02,000\na:\n{WJ}-00:00:01,000 --> 00:00:02,000\n\n"
                   f"3\n00:00:02,000 --> 00:00:03,000\nb:\n{WJ} 00:00:01,000 --> 00:00:02,000\n\n"
                   f"4\n00:00:03,000 --> 00:00:04,000\nc:\n{WJ}+1:2:3,4 --> 5:6:7,8\n\n"
                   f"5\n00:00:04,000 --> 00:00:05,000\n{WJ}10:30:00 -> doors open\n10:30 -> 11:00\n"
                   f"{WJ}12:00:00 → 13:00:00\n\n"
                   f"6\n00:00:05,000 --> 00:00:06,000\nd\n{WJ}00：00：01，000 --> 00：00：02，000\n\n"
                   f"7\n00:00:06,000 --> 00:00:07,000\n12:00 lunch\n1: one\n-: dash\n"
                   f"{WJ}00:00:01,000 --> 00:00:02,000\n\n"
                   "8\n00:00:07,000 --> 00:00:08,000\n12:00 lunch\n1: one\n-: dash\n : space\n+ 1:2\n")
    assert messages == ["8 line(s) of text that read like a timing line written after a word joiner (U+2060), "
                        "so that readers keep them as text"]
    back = read_quietly(out)
    assert back.cues is not None
    assert [[line.removeprefix(WJ) for line in cue.lines] for cue in back.cues] == [
        [line for line in cue.lines if line] for cue in cues]


FIELDS = st.sampled_from(["0", "00", "5", "123", "١٢", "１２"])


@st.composite
def times(draw: st.DrawFn) -> str:
    """A time as the tolerant reader takes it: sign, hours, separators and fields of any kind."""
    sign = draw(st.sampled_from(["", "-"]))
    hours = draw(st.sampled_from(["", *(f + c for f in ("0", "12") for c in ":：")]))
    colon = draw(st.sampled_from(":："))
    milliseconds = draw(st.sampled_from(["", ",", ".", "，"]))
    return (sign + hours + draw(FIELDS) + colon + draw(FIELDS)
            + (milliseconds + draw(FIELDS) if milliseconds else ""))


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["", " ", "\t "]), times(), st.sampled_from(["-->", "->", "-- >", "---\t>", "—>", "–->", "→"]),
       times(), st.sampled_from(["", " ", " x", "\tX1:1 X2:2 Y1:3 Y2:4"]))
def test_a_line_read_as_a_timing_line_is_written_so_that_it_reads_back_as_text(
        indent: str, start: str, arrow: str, end: str, rest: str) -> None:
    line = f"{indent}{start} {arrow} {end}{rest}"
    cues = [Cue(0, 1000, ["before", line]), Cue(1000, 2000, [line])]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        out = dump_srt(cues)
    back = [c[2] for c in timed(read_quietly(out))]
    assert [[text.removeprefix(WJ) for text in lines] for lines in back] == [c.lines for c in cues]
    if srt.is_timing_line(line):
        assert back == [["before", WJ + line], [WJ + line]]


def test_writer_drops_blank_lines_and_writes_a_cue_without_text_as_one_space() -> None:
    cues = [Cue(0, 1000, ["a", "", "  ", "\u3000", "b\nc", "d\x00e", ""]), Cue(1000, 2000, []),
            Cue(2000, 3000, ["  ", "\u00a0"]), Cue(3000, 4000, [" x", "\ty "]), Cue(4000, 5000, ["f", " \t", "g"])]
    out, messages = write_recording(cues)
    assert out == ("1\n00:00:00,000 --> 00:00:01,000\na\nb\nc\nde\n\n2\n00:00:01,000 --> 00:00:02,000\n \n\n"
                   "3\n00:00:02,000 --> 00:00:03,000\n \n\n4\n00:00:03,000 --> 00:00:04,000\n x\n\ty \n\n"
                   "5\n00:00:04,000 --> 00:00:05,000\nf\ng\n")
    assert messages == ["1 control character(s) left out (or written as spaces): players stop or show garbage at them",
                        "1 line end(s) inside a line of text written as line breaks"]


def test_writer_writes_negative_times_as_0() -> None:
    cues = [Cue(-1500, 500, ["early"]), Cue(1000, -1, ["ends early"]), Cue(-2000, -1000, ["all early"]),
            Cue(0, 0, ["at zero"])]
    out, messages = write_recording(cues)
    assert out == ("1\n00:00:00,000 --> 00:00:00,500\nearly\n\n2\n00:00:01,000 --> 00:00:00,000\nends early\n\n"
                   "3\n00:00:00,000 --> 00:00:00,000\nall early\n\n4\n00:00:00,000 --> 00:00:00,000\nat zero\n")
    assert messages == ["3 cue(s) with a negative time written with 0 instead (SubRip has no negative times)"]


def test_writer_writes_coordinates_only_when_they_read_as_coordinates() -> None:
    cues = [Cue(0, 1000, ["a"], style={"srt_coordinates": "x1:1 X2:-2 y1:3 Y2:4"}),
            Cue(1000, 2000, ["b"], style={"srt_coordinates": "X1:1 X2:2 Y1:3 Y2:4 --> 00:00:09,000"}),
            Cue(2000, 3000, ["c"], style={"position": "top"})]
    out, messages = write_recording(cues)
    assert out == ("1\n00:00:00,000 --> 00:00:01,000 x1:1 X2:-2 y1:3 Y2:4\na\n\n"
                   "2\n00:00:01,000 --> 00:00:02,000\nb\n\n3\n00:00:02,000 --> 00:00:03,000\nc\n")
    assert messages == []


def test_cue_writer_in_pieces_writes_what_write_cues_writes() -> None:
    cues = [Cue(0, 1000, ["a", TIMING_LIKE[0]]), Cue(-5, 2000, ["<i>b"]), Cue(2000, 3000, []),
            Cue(3000, 4000, [TIMING_LIKE[4], "c\rd"])]
    whole, whole_messages = write_recording(cues)
    writer = srt.CueWriter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pieces = [writer.render([]), writer.render(cues[:1]), writer.render([]), writer.render(cues[1:3]),
                  writer.render(cues[3:])]
        assert writer.number == 4
        assert [str(w.message) for w in caught] == []
        writer.finish()
    assert pieces[0] == pieces[2] == ""
    assert pieces[1].startswith("1\n") and pieces[3].startswith("\n2\n") and pieces[4].startswith("\n4\n")
    assert "".join(pieces) == whole
    assert [str(w.message) for w in caught] == whole_messages == [
        "1 line end(s) inside a line of text written as line breaks",
        "1 cue(s) with a negative time written with 0 instead (SubRip has no negative times)",
        "2 line(s) of text that read like a timing line written after a word joiner (U+2060), "
        "so that readers keep them as text"]


def test_highlight_words_writes_a_cue_per_word_spoken() -> None:
    cue = Cue(1000, 3000, ["Hello world,", "again"],
              words=[Word("Hello", 1000, 1500), Word("world,", 1600, 2000), Word("again", 2200, 2900)])
    out, messages = write_recording([cue], highlight_words=True)
    assert out == ("1\n00:00:01,000 --> 00:00:01,600\n<u>Hello</u> world,\nagain\n\n"
                   "2\n00:00:01,600 --> 00:00:02,200\nHello <u>world,</u>\nagain\n\n"
                   "3\n00:00:02,200 --> 00:00:03,000\nHello world,\n<u>again</u>\n")
    assert messages == []
    assert write_recording([cue], highlight_words=False)[0] == "1\n00:00:01,000 --> 00:00:03,000\nHello world,\nagain\n"
    assert srt.Options().highlight_words is False
    assert dataclasses.fields(srt.Options)[0].metadata == {"help": "one cue per word spoken, that word underlined"}


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


# --- fast paths: plain input never takes the careful one (the speed of clean files rests on it) ---


class _Refused:
    """Stands in for a slow path a test says plain input never takes."""

    def __init__(self, what: str) -> None:
        self.what = what

    def __call__(self, *args: object, **kwargs: object) -> object:
        raise AssertionError(f"{self.what} was taken")

    def __getattr__(self, name: str) -> object:
        return self


CLEAN_FILE = "1\n00:00:01,000 --> 00:00:02,500\nFirst line\nsecond line\n\n2\n00:00:03,000 --> 00:00:04,000\nNext\n"


def test_a_clean_file_is_read_without_the_tolerant_timing_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(srt, "_TIMING", _Refused("the tolerant timing parser"))
    assert timed(read_quietly(CLEAN_FILE)) == [(1000, 2500, ["First line", "second line"]), (3000, 4000, ["Next"])]


def test_a_clean_file_finds_each_index_line_without_the_general_search(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    general = srt._index_before

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(args[1:3])
        return general(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(srt, "_index_before", counted)
    read_quietly(CLEAN_FILE)
    assert calls == [(0, 1)]  # once, for the lines before the first cue


def test_plain_cue_text_is_written_without_the_careful_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(srt, "_clean_cue_text", _Refused("the careful pass over the cue text"))
    cues = [Cue(0, 1000, ["Plain text", "on two lines"]), Cue(1000, 2000, ["Ünïcödé, 東京"])]
    assert srt.write_cues(cues, Transcript(cues=cues)) == (
        "1\n00:00:00,000 --> 00:00:01,000\nPlain text\non two lines\n\n"
        "2\n00:00:01,000 --> 00:00:02,000\nÜnïcödé, 東京\n")


def test_times_of_zero_and_more_are_written_without_the_clamp(monkeypatch: pytest.MonkeyPatch) -> None:
    writer = srt.CueWriter()
    monkeypatch.setattr(writer, "clamp", _Refused("the negative-time clamp"))
    assert writer.render([Cue(0, 0, ["a"]), Cue(0, 1, ["b"]), Cue(1, 0, ["c"])]) == (
        "1\n00:00:00,000 --> 00:00:00,000\na\n\n2\n00:00:00,000 --> 00:00:00,001\nb\n\n"
        "3\n00:00:00,001 --> 00:00:00,000\nc\n")
