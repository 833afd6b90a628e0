"""The word table (csv, tsv): what the writer writes, the reader's tolerance and refusals, the
formula guard, round trips (hypothesis), and Python's csv module and LibreOffice Calc reading it."""
from __future__ import annotations

import csv
import io
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import scribekit
from scribekit import ReadError, ScribekitWarning, Segment, Speaker, Transcript, Word
from scribekit.formats._word_table import guard, unguard

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "amberscript" / "interview.json"


def table(*words: tuple[str | None, Word], speakers: dict[str, str] | None = None) -> Transcript:
    segments: list[Segment] = []
    for speaker, word in words:
        if segments and segments[-1].speaker == speaker:
            segments[-1].words.append(word)
        else:
            segments.append(Segment(speaker, [word]))
    return Transcript(segments=segments, speakers=[Speaker(k, v) for k, v in (speakers or {}).items()])


def read_quietly(data: str | bytes, fmt: str | None = None) -> Transcript:
    with warnings.catch_warnings():
        warnings.simplefilter("error", ScribekitWarning)
        return scribekit.loads(data, format=fmt)


def rows(transcript: Transcript) -> list[tuple[int, int, str | None, float | None, str, bool]]:
    return [(w.start, w.end, transcript.speaker_name(s.speaker), w.confidence, w.text, w.sound)
            for s in transcript.segments for w in s.words]


# --- writing ----------------------------------------------------------------------------------

def test_the_header_a_row_a_word_in_time_order_and_the_units() -> None:
    transcript = table(("b", Word("later", 2500, 3000, 0.5)), ("a", Word("Hello,", 450, 1080, 0.98)),
                       ("a", Word("there", 1080, 1300)), (None, Word("x", -1500, 12)),
                       speakers={"a": "Interviewer", "b": "Guest"})
    out = scribekit.dumps(transcript, "csv")
    assert out == ("start,end,speaker,confidence,word\r\n"
                   "-1.500,0.012,,,x\r\n"
                   '0.450,1.080,Interviewer,0.98,"Hello,"\r\n'
                   "1.080,1.300,Interviewer,,there\r\n"
                   "2.500,3.000,Guest,0.5,later\r\n")
    assert scribekit.dumps(transcript, "tsv") == out.replace(",", "\t").replace('"Hello\t"', "Hello,")


def test_the_sound_column_only_when_there_are_sound_events() -> None:
    plain = table(("a", Word("hi", 0, 500)))
    assert "sound" not in str(scribekit.dumps(plain, "csv"))
    mixed = table(("a", Word("(laughter)", 0, 500, sound=True)), ("a", Word("hi", 500, 900)))
    out = str(scribekit.dumps(mixed, "csv"))
    assert out.splitlines() == ["start,end,speaker,confidence,word,sound", "0.000,0.500,a,,(laughter),1",
                                "0.500,0.900,a,,hi,0"]
    back = read_quietly(out)
    assert [(w.text, w.sound) for w in back.words] == [("(laughter)", True), ("hi", False)]
    assert len(back.segments) == 2  # sound in a turn of its own


def test_no_sound_events_leaves_the_events_and_the_column_out() -> None:
    mixed = table(("a", Word("(laughter)", 0, 500, sound=True)), ("a", Word("hi", 500, 900)))
    assert str(scribekit.dumps(mixed, "csv", sound_events=False)).splitlines() == [
        "start,end,speaker,confidence,word", "0.500,0.900,a,,hi"]


def test_excel_gets_a_byte_order_mark_and_reading_skips_it() -> None:
    transcript = table(("a", Word("café", 0, 500, 0.9)))
    out = scribekit.dumps(transcript, "csv", excel=True)
    assert isinstance(out, str) and out.startswith("\ufeffstart,end")
    assert not str(scribekit.dumps(transcript, "csv")).startswith("\ufeff")
    assert rows(read_quietly(out.encode("utf-8"))) == [(0, 500, "a", 0.9, "café", False)]


def test_a_subtitle_file_gives_a_word_a_row() -> None:
    srt = "1\n00:00:01,000 --> 00:00:02,000\nHello there\n\n2\n00:00:03,000 --> 00:00:04,000\nBye\n"
    out = str(scribekit.dumps(scribekit.loads(srt), "csv"))
    lines = out.splitlines()
    assert lines[0] == "start,end,speaker,confidence,word" and len(lines) == 4
    assert [line.rsplit(",", 1)[1] for line in lines[1:]] == ["Hello", "there", "Bye"]


def test_controls_and_lone_surrogates_are_repaired_with_one_warning() -> None:
    transcript = table(("a", Word("a\x00b", 0, 1)), ("a", Word("c\ud800", 1, 2)), ("a", Word("d\x07", 2, 3)))
    with pytest.warns(ScribekitWarning) as caught:
        out = str(scribekit.dumps(transcript, "csv"))
    assert [w.text for w in read_quietly(out).words] == ["ab", "c\ufffd", "d"]
    assert len(caught) == 2  # one for the surrogate, one for the control characters


# --- the formula guard ------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "cell"), [
    ("=1+2", "'=1+2"), ("@SUM(A1)", "'@SUM(A1)"), ("+cmd", "'+cmd"), ("-2+3", "'-2+3"), ("-ish", "'-ish"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("=", "'="),
    ("-5", "-5"), ("+3.5", "+3.5"), ("-0,5", "-0,5"), ("-.5", "-.5"), ("-", "-"), ("--", "--"), ("+-+", "+-+"),
    ("hello", "hello"), ("'quoted'", "'quoted'"), ("a=b", "a=b"), ("", ""),
    ("'=1", "''=1"), ("''-x", "'''-x"), ("'-5", "'-5"),
])
def test_a_cell_is_guarded_only_where_a_spreadsheet_would_run_it(text: str, cell: str) -> None:
    assert guard(text) == cell
    assert unguard(cell) == text


@given(st.text(alphabet=st.sampled_from("'=+-@\t\r5.,a "), max_size=8))
def test_the_guard_is_undone_exactly(text: str) -> None:
    assert unguard(guard(text)) == text


def test_speaker_names_are_guarded_too() -> None:
    transcript = table(("a", Word("hi", 0, 500)), speakers={"a": "=HYPERLINK(\"x\")"})
    out = str(scribekit.dumps(transcript, "csv"))
    assert out.splitlines()[1] == '0.000,0.500,"\'=HYPERLINK(""x"")",,hi'
    assert rows(read_quietly(out))[0][2] == '=HYPERLINK("x")'


# --- reading ----------------------------------------------------------------------------------

def test_any_case_any_order_extra_columns_ignored() -> None:
    data = ("Word;Notes;END;Start;Speaker\r\n"
            "Hello;first;1.08;0.45;Ana\r\n"
            "there;;1.3;1.08;Ana\r\n"
            "\r\n"
            ";;;;\r\n"
            "Bye;x;3;2.5;Ben\r\n")
    transcript = read_quietly(data)
    assert transcript.metadata.source == "csv"
    assert rows(transcript) == [(450, 1080, "Ana", None, "Hello", False), (1080, 1300, "Ana", None, "there", False),
                                (2500, 3000, "Ben", None, "Bye", False)]
    assert [s.name for s in transcript.speakers] == ["Ana", "Ben"] and len(transcript.segments) == 2


def test_times_with_more_decimals_or_none_and_a_short_row_without_the_last_extra_column() -> None:
    data = "start\tend\tword\tcomment\n0\t1.23456\ta\tx\n1e1\t12\tb\n"
    assert rows(read_quietly(data, "tsv")) == [(0, 1235, None, None, "a", False), (10000, 12000, None, None, "b",
                                                                                    False)]


def test_a_semicolon_table_reads_decimal_commas() -> None:
    data = "\ufeffStart;End;Speaker;Confidence;Word\r\n0,45;1,08;Ana;0,9;Hello\r\n1,08;2;Ana;;\"a;b\"\r\n"
    assert rows(read_quietly(data.encode("utf-8"))) == [(450, 1080, "Ana", 0.9, "Hello", False),
                                                        (1080, 2000, "Ana", None, "a;b", False)]
    with pytest.raises(ReadError, match="line 2: start must be a number of seconds, found '0,45'"):
        scribekit.loads("start,end,word\n\"0,45\",1,a\n")


def test_a_word_ending_before_it_starts_ends_at_its_start_with_one_warning() -> None:
    data = "start,end,word\n2,1,a\n3,2,b\n"
    with pytest.warns(ScribekitWarning, match=r"line 2: 2 word\(s\) ending before") as caught:
        transcript = scribekit.loads(data)
    assert len(caught) == 1
    assert [(w.start, w.end) for w in transcript.words] == [(2000, 2000), (3000, 3000)]


def test_a_header_only_table_is_an_empty_transcript() -> None:
    assert read_quietly("start,end,speaker,confidence,word\r\n").words == []


@pytest.mark.parametrize(("data", "message"), [
    ("start,end,word\n0,1,a\nx,2,b\n", "line 3: start must be a number of seconds, found 'x'"),
    ("start,end,word\n0,1,a\n1,nan,b\n", "line 3: end of 'nan' seconds is out of range"),
    ("start,end,word\n0,1e300,a\n", "line 2: end of '1e300' seconds is out of range"),
    ("start,end,word\n0,1_0,a\n", "line 2: end must be a number of seconds, found '1_0'"),
    ("start,end,word\n0,1,Hello, world\n", "line 2: 4 cell(s) in a row of a table whose header has 3 "
                                           "(a delimiter inside a word needs quotes)"),
    ("start,end,word,speaker\n0,1\n", "line 2: 2 cell(s) in a row of a table whose header has 4"),
    ("start,end,word\n,1,a\n", "line 2: start must be a number of seconds, found ''"),
    ("start,end,word,confidence\n0,1,a,87\n", "line 2: confidence must be a number from 0 to 1, found '87'"),
    ("start,end,word,confidence\n0,1,a,high\n", "line 2: confidence must be a number from 0 to 1, found 'high'"),
    ("start,end,word,sound\n0,1,a,maybe\n", "line 2: sound must be 1 or 0 (or empty), found 'maybe'"),
    ("start,end,word,Word\n0,1,a,b\n", "line 1: two columns named 'word'"),
    ('start,end,word\n0,1,"a\n1,2,b\n', "line 2: the row cannot be read as a table"),
    ('start,end,word\n0,1,"a"b\n', "line 2: the row cannot be read as a table"),
    ('start,end,word\n0,1,"a\n2,3,"b""\n\n4,5,c x"y\n', "line 2: the row cannot be read as a table"),
    ('start,end,word\n0,1,"two\nlines"\n2,3,x,y\n', "line 4: 4 cell(s)"),
])
def test_a_bad_row_is_refused_naming_its_line(data: str, message: str) -> None:
    with pytest.raises(ReadError) as raised:
        scribekit.loads(data, format="csv")
    assert message in str(raised.value)


def test_a_file_without_the_header_is_not_a_word_table() -> None:
    with pytest.raises(ReadError, match="line 1: not a word table"):
        scribekit.loads("begin,finish,token\n0,1,a\n", format="csv")
    with pytest.raises(ReadError):
        scribekit.loads("begin,finish,token\n0,1,a\n", filename="x.csv")


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_a_word_holding_another_formats_lines_leaves_the_table_a_table(fmt: str) -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000 x\n\nWEBVTT\n0:00:01.000,0:00:02.000"
    out = str(scribekit.dumps(table(("a", Word(text, 0, 500))), fmt))
    assert scribekit.formats.detect(out.encode()).name == fmt
    assert rows(read_quietly(out)) == [(0, 500, "a", None, text, False)]


def test_detection_tells_the_two_apart_and_from_everything_else() -> None:
    assert scribekit.formats.detect(b"start,end,word\n0,1,a\n").name == "csv"
    assert scribekit.formats.detect(b"\xef\xbb\xbfSTART;END;WORD\n0;1;a\n").name == "csv"
    assert scribekit.formats.detect(b"start\tend\tword\n0\t1\ta\n").name == "tsv"
    folders = ("samples", "tests/data", "tests/hostile")
    for path in [p for folder in folders for p in sorted((ROOT / folder).rglob("*"))]:
        if path.is_file():
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    name = scribekit.formats.detect(path.read_bytes()).name
            except scribekit.ScribekitError:
                continue
            assert name not in ("csv", "tsv"), path


# --- round trips ------------------------------------------------------------------------------

_TEXT = st.text(st.one_of(st.characters(blacklist_categories=("Cs", "Cc")),
                          st.sampled_from("\t\r\n,;\"'=+-@ ")), max_size=12)
_NAMES = st.one_of(st.none(), st.sampled_from(["Ana", "=cmd|' /C calc'!A0", "-x", "'=", "a,b", "\"q\"", "Ben\tB",
                                               "@", "-5", " spaced "]), _TEXT.filter(bool))
_MS = 10**12


@st.composite
def transcripts(draw: st.DrawFn) -> Transcript:
    count = draw(st.integers(0, 12))
    start = draw(st.integers(-_MS, _MS))
    words = []
    for _ in range(count):
        start = draw(st.integers(start, min(_MS, start + 10**draw(st.integers(0, 9)))))
        end = draw(st.integers(start, min(_MS, start + 5000)))
        confidence = draw(st.one_of(st.none(), st.floats(0.0, 1.0), st.sampled_from([0.0, 1.0, 1e-9, 0.87])))
        words.append((draw(_NAMES), Word(draw(_TEXT), start, end, confidence, sound=draw(st.booleans()))))
    return table(*words, speakers={name: name for name, _ in words if name is not None})


@settings(max_examples=300, deadline=None)
@given(transcripts(), st.sampled_from(["csv", "tsv"]), st.booleans())
def test_write_then_read_is_the_identity(transcript: Transcript, fmt: str, excel: bool) -> None:
    out = scribekit.dumps(transcript, fmt, excel=excel)
    back = read_quietly(out.encode("utf-8"), fmt)
    assert rows(back) == rows(transcript)
    assert back.metadata.source == fmt


@settings(max_examples=100, deadline=None)
@given(transcripts())
def test_the_csv_module_reads_the_same_cells(transcript: Transcript) -> None:
    out = str(scribekit.dumps(transcript, "csv"))
    found = list(csv.DictReader(io.StringIO(out, newline="")))
    assert [(int(round(float(r["start"]) * 1000)), int(round(float(r["end"]) * 1000)), unguard(r["speaker"]) or None,
             float(r["confidence"]) if r["confidence"] else None, unguard(r["word"])) for r in found] == [
        row[:5] for row in rows(transcript)]


def test_the_sample_goes_round_both_tables() -> None:
    transcript = scribekit.load(SAMPLE)
    for fmt in ("csv", "tsv"):
        back = read_quietly(scribekit.dumps(transcript, fmt))
        assert [row[:5] for row in rows(back)] == [row[:5] for row in rows(transcript)]


# --- the command --------------------------------------------------------------------------------

def test_the_command_converts_to_and_from_the_table(tmp_path: Path) -> None:
    import sys

    out = tmp_path / "interview.csv"
    done = subprocess.run([sys.executable, "-m", "scribekit", "convert", str(SAMPLE), "-o", str(out), "--excel"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"\xef\xbb\xbfstart,end,speaker,confidence,word\r\n")
    srt = tmp_path / "interview.srt"
    done = subprocess.run([sys.executable, "-m", "scribekit", "convert", str(out), "-o", str(srt)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Zürich" in srt.read_text(encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("start,end,word\n0,1,a\n0,zero,b\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "scribekit", "convert", str(bad), "-o", str(srt), "--force"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "line 3" in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr


# --- LibreOffice Calc ---------------------------------------------------------------------------

def _calc_available() -> bool:
    if not shutil.which("soffice"):
        return False
    program = Path(shutil.which("soffice") or "").resolve().parent
    return any(program.glob("libsclo*")) or any(Path("/usr/lib/libreoffice/program").glob("libsclo*"))


@pytest.mark.skipif(not _calc_available(), reason="LibreOffice Calc is not installed (apt-get install "
                    "libreoffice-calc-nogui)")
@pytest.mark.parametrize("excel", [False, True])
def test_libreoffice_calc_opens_it_with_the_right_columns_and_runs_no_formula(tmp_path: Path, excel: bool) -> None:
    words = ["=1+2", "-2+3", "@SUM(1)", "-5", "-", "-ish", "café", "a,\"b\"", "two\nlines", "plain"]
    transcript = table(*((("=B" if i % 2 else "Ana"), Word(text, 1000 * i + 450, 1000 * i + 900, (50 + i) / 100))
                         for i, text in enumerate(words)), speakers={"=B": "=B1", "Ana": "Ana"})
    source = tmp_path / "words.csv"
    source.write_text(str(scribekit.dumps(transcript, "csv", excel=excel)), encoding="utf-8", newline="")
    out = tmp_path / "out"
    done = subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                           "--infilter=CSV:44,34,76,1", "--convert-to", "csv:Text - txt - csv (StarCalc):9,34,76,1",
                           "--outdir", str(out), str(source)], capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    cells = list(csv.reader(io.StringIO((out / "words.csv").read_text(encoding="utf-8"), newline=""),
                            delimiter="\t"))
    assert cells[0] == ["start", "end", "speaker", "confidence", "word"]
    assert all(len(row) == 5 for row in cells)
    body = cells[1:]
    assert [float(row[0]) for row in body] == [i + 0.45 for i in range(len(words))]  # numbers, in seconds
    assert [float(row[3]) for row in body] == [(50 + i) / 100 for i in range(len(words))]
    shown = [row[4] for row in body]
    # a guarded cell shows as text (with its apostrophe); nothing was evaluated
    assert shown == ["'=1+2", "'-2+3", "'@SUM(1)", "-5", "-", "'-ish", "café", "a,\"b\"", "two\nlines", "plain"]
    assert {row[2] for row in body} == {"Ana", "'=B1"}
    assert not any(cell.startswith(("#", "Err:")) for row in body for cell in row)
    # and what Calc saves (a tab-separated table, quoted text) reads back as the same words
    back = read_quietly((out / "words.csv").read_bytes(), "tsv")
    assert rows(back) == rows(transcript)
