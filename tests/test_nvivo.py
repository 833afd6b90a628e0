"""NVivo transcripts (--to nvivo): rows of Timespan, Content and Speaker, as a DOCX table or as
tab-delimited text, read back here independently (python-docx, the csv module, LibreOffice) and
held to what NVivo's help documents:

- "Tab delimited lines with a valid timestamp or timespan. Each line must contain at least one tab
  character—and have the same number of tab characters." (NVivo 12 Windows help, "Import
  transcripts", https://help-nv.qsrinternational.com/12/win/v12.1.90-d3ea61/Content/files/import-audio-video-transcripts.htm)
- "Timespan is the duration of time—Start Time to End Time—for a transcript entry. For example,
  Jane spoke about the new issues from the two minute point to the ten minute point
  (0:02:0-0:10:0)." (NVivo 12 Mac help, "Audio and video transcripts",
  https://help-nv.qsrinternational.com/12/mac/v12.1.110-d3ea61/Content/files/audio-video-transcripts.htm)
- Timestamps "in the hh:mm:ss format", colons optional, the short forms 75, 1:6, 9203, 85:2, 14532
  and 2:5:3 for 00:01:15.0, 00:01:06.0, 01:32:03.0, 01:25:02.0, 01:45:32.0 and 02:05:03.0; "NVivo
  measures time up to the 10th of a second"; "Timestamps must be in chronological order" (NVivo 8
  help, "Importing transcripts", https://help-nv8-en.qsrinternational.com/Importing_Transcripts.htm)
- "You must map one field to Timespan. You must map one field to Content." (NVivo 9 help,
  https://help-nv9-en.qsrinternational.com/procedures/import_audio_or_video_transcripts.htm)
"""
from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import warnings
import zipfile
from html import unescape
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import turn_transcripts

import scribekit
from scribekit import OptionError, ScribekitWarning, Segment, Speaker, Transcript, Word
from scribekit.formats import nvivo, writer_for_filename

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


# --- an independent reader of what NVivo documents -------------------------------------------

def nvivo_time(text: str) -> int:
    """Milliseconds of an NVivo timestamp as NVivo 8's help describes them: hh:mm:ss, the colons
    optional (then two digits a field, from the right), fields may overflow (85:2 is 1:25:02), an
    optional tenth after a point."""
    text = text.strip()
    whole, _, tenth = text.partition(".")
    if ":" in whole:
        fields = [int(f) for f in whole.split(":")]
    else:
        fields = [int(whole[max(0, i - 2):i] or 0) for i in range(len(whole), 0, -2)][::-1]
    seconds = 0
    for value in fields:
        seconds = seconds * 60 + value
    assert len(fields) <= 3 and (not tenth or len(tenth) == 1), text
    return seconds * 1000 + (int(tenth) * 100 if tenth else 0)


def nvivo_timespan(text: str) -> tuple[int, int]:
    start, end = text.split("-")
    return nvivo_time(start), nvivo_time(end)


def follows_the_tab_rule(text: str) -> bool:
    """NVivo's rule for tab-delimited transcripts: each line at least one tab, all the same number."""
    lines = text.removeprefix("\ufeff").removesuffix("\r\n").split("\r\n")
    counts = {line.count("\t") for line in lines}
    return len(counts) == 1 and counts.pop() >= 1


def read_txt(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff") and text.endswith("\r\n")
    body = text[1:]
    assert "\n" not in body.replace("\r\n", "") and "\r" not in body.replace("\r\n", "")
    return list(csv.reader(io.StringIO(body, newline=""), delimiter="\t", quoting=csv.QUOTE_NONE))


def read_docx(data: bytes) -> list[list[str]]:
    import docx

    document = docx.Document(io.BytesIO(data))
    assert len(document.tables) == 1
    assert not any(p.text.strip() for p in document.paragraphs)  # the table alone
    return [[cell.text for cell in row.cells] for row in document.tables[0].rows]


def transcript(*turns: tuple[str | None, list[tuple[str, int, int]]]) -> Transcript:
    segments = [Segment(speaker, [Word(text, start, end) for text, start, end in words]) for speaker, words in turns]
    return Transcript(segments=segments, speakers=[Speaker("a", "Interviewer"), Speaker("b", "Léa")])


# --- the documented examples -----------------------------------------------------------------

def test_the_reader_reads_the_documented_examples() -> None:
    assert nvivo_timespan("0:02:0-0:10:0") == (120_000, 600_000)  # "from the two minute point to the ten"
    assert nvivo_timespan("00:02:00-00:10:00") == (120_000, 600_000)  # the NVivo 8 Japanese help's form
    table = {"75": "00:01:15.0", "1:6": "00:01:06.0", "9203": "01:32:03.0", "85:2": "01:25:02.0",
             "14532": "01:45:32.0", "2:5:3": "02:05:03.0"}
    for short, full in table.items():
        assert nvivo_time(short) == nvivo_time(full), short
    assert nvivo_time("01:32:03.0") == 5_523_000
    with pytest.raises(AssertionError):
        nvivo_time("0:02:00.05")  # NVivo measures tenths, not hundredths


def test_the_documented_two_to_ten_minute_entry() -> None:
    jane = Transcript(segments=[Segment("j", [Word("The", 120_000, 120_400), Word("issues.", 599_500, 600_000)])],
                      speakers=[Speaker("j", "Jane")])
    rows = read_txt(str(scribekit.dumps(jane, "nvivo", nvivo_format="txt")))
    assert rows == [["Timespan", "Content", "Speaker"], ["0:02:00.0-0:10:00.0", "The issues.", "Jane"]]
    assert nvivo_timespan(rows[1][0]) == nvivo_timespan("0:02:0-0:10:0")
    assert read_docx(bytes(scribekit.dumps(jane, "nvivo"))) == rows


def test_the_tab_rule_checker_refuses_what_nvivo_refuses() -> None:
    assert follows_the_tab_rule("\ufeffa\tb\r\nc\td\r\n")
    assert not follows_the_tab_rule("a\tb\r\nc\td\te\r\n")  # not the same number of tabs
    assert not follows_the_tab_rule("a\r\nb\r\n")  # no tab at all


# --- rows, times and text --------------------------------------------------------------------

def test_rows_times_speakers_and_an_hour_and_more() -> None:
    t = transcript(("a", [("Good", 430, 700), ("morning.", 800, 1_260)]), ("b", [("Merci.", 8_049, 9_001)]),
                   (None, [("Bye.", 3_723_456, 3_724_000)]), ("a", [("Late.", 360_000_000, 360_000_050)]))
    text = str(scribekit.dumps(t, "nvivo", nvivo_format="txt"))
    assert follows_the_tab_rule(text)
    assert read_txt(text) == [["Timespan", "Content", "Speaker"],
                              ["0:00:00.4-0:00:01.3", "Good morning.", "Interviewer"],
                              ["0:00:08.0-0:00:09.1", "Merci.", "Léa"],
                              ["1:02:03.4-1:02:04.0", "Bye.", ""],
                              ["100:00:00.0-100:00:00.1", "Late.", "Interviewer"]]
    assert read_docx(bytes(scribekit.dumps(t, "nvivo"))) == read_txt(text)
    two = read_txt(str(scribekit.dumps(t, "nvivo", nvivo_format="txt", speakers=False)))
    assert two[0] == ["Timespan", "Content"] and two[1] == ["0:00:00.4-0:00:01.3", "Good morning."]
    assert read_docx(bytes(scribekit.dumps(t, "nvivo", speakers=False))) == two


def test_rounding_never_makes_rows_overlap_and_says_nothing_of_it() -> None:
    # 10.05 s rounds up to 10.1, past the next row's 10.0: the first row ends at 10.0, silently
    t = transcript(("a", [("One.", 9_000, 10_050)]), ("b", [("Two.", 10_070, 11_000)]))
    rows = read_txt(str(scribekit.dumps(t, "nvivo", nvivo_format="txt")))
    assert [r[0] for r in rows[1:]] == ["0:00:09.0-0:00:10.0", "0:00:10.0-0:00:11.0"]


def test_overlapping_and_unordered_turns_are_made_to_follow_each_other_with_a_warning() -> None:
    overlapping = transcript(("a", [("Long", 1_000, 1_500), ("answer.", 1_600, 6_000)]),
                             ("b", [("Mhm.", 3_000, 3_400)]))
    with pytest.warns(ScribekitWarning, match=r"1 NVivo row\(s\).*0:00:03.0"):
        rows = read_txt(str(scribekit.dumps(overlapping, "nvivo", nvivo_format="txt")))
    assert [r[0] for r in rows[1:]] == ["0:00:01.0-0:00:03.0", "0:00:03.0-0:00:03.4"]
    unordered = transcript(("a", [("Later.", 5_000, 6_000)]), ("b", [("Earlier.", 1_000, 2_000)]))
    with pytest.warns(ScribekitWarning, match="out of time order"):
        rows = read_txt(str(scribekit.dumps(unordered, "nvivo", nvivo_format="txt")))
    assert [r[0] for r in rows[1:]] == ["0:00:05.0-0:00:05.0", "0:00:05.0-0:00:05.0"]
    assert [r[1] for r in rows[1:]] == ["Later.", "Earlier."]


def test_a_row_every_n_seconds_inside_a_turn() -> None:
    words = [(f"w{i}", i * 1_000 + 200, i * 1_000 + 700) for i in range(25)]
    t = transcript(("a", words), ("b", [("Yes.", 30_000, 30_500)]))
    rows = read_txt(str(scribekit.dumps(t, "nvivo", nvivo_format="txt", timestamps_every=10.0)))[1:]
    assert [r[0] for r in rows] == ["0:00:00.2-0:00:09.7", "0:00:10.2-0:00:19.7", "0:00:20.2-0:00:24.7",
                                    "0:00:30.0-0:00:30.5"]
    assert " ".join(r[1] for r in rows[:3]) == " ".join(w for w, _, _ in words)
    assert rows[1][1].startswith("w10 ") and rows[2][1].startswith("w20 ")
    assert [r[2] for r in rows] == ["Interviewer"] * 3 + ["Léa"]
    assert len(read_txt(str(scribekit.dumps(t, "nvivo", nvivo_format="txt")))) == 3  # header and two turns


def test_hostile_text_stays_in_its_cell_and_on_its_line() -> None:
    t = transcript(("a", [("tab\there", 0, 300), ("line\nbreak\r\n", 400, 700), ("\u2028sep\x0b", 800, 900),
                          ("\x1b[31m", 1_000, 1_100), ("שלום", 1_200, 1_300), ("\u202eevil", 1_400, 1_500)]),
                   ("b", [("\t\n", 2_000, 2_100)]))
    t.speakers[1] = Speaker("b", "L\téa\nB")
    with pytest.warns(ScribekitWarning, match="cannot show"):
        text = str(scribekit.dumps(t, "nvivo", nvivo_format="txt"))
    assert follows_the_tab_rule(text)
    rows = read_txt(text)
    assert rows == [["Timespan", "Content", "Speaker"],
                    ["0:00:00.0-0:00:01.5", "tab here line break sep [31m שלום evil", "Interviewer"]]
    with pytest.warns(ScribekitWarning, match="cannot show"):
        assert read_docx(bytes(scribekit.dumps(t, "nvivo"))) == rows


def test_right_to_left_cells_are_marked_right_to_left() -> None:
    import docx
    from docx.oxml.ns import qn

    t = transcript(("b", [("مرحبا", 0, 500)]), ("a", [("Hello", 600, 900)]))
    table = docx.Document(io.BytesIO(bytes(scribekit.dumps(t, "nvivo")))).tables[0]
    rtl, ltr = table.rows[1].cells[1].paragraphs[0], table.rows[2].cells[1].paragraphs[0]
    assert rtl._p.pPr is not None and rtl._p.pPr.find(qn("w:bidi")) is not None
    assert ltr._p.pPr is None


def test_the_docx_is_byte_stable_with_a_header_row_repeated_on_each_page() -> None:
    from docx.oxml.ns import qn

    t = scribekit.load(SAMPLES / "amberscript" / "interview.json")
    first = bytes(scribekit.dumps(t, "nvivo"))
    assert first == bytes(scribekit.dumps(t, "nvivo"))
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert archive.testzip() is None
    import docx

    header = docx.Document(io.BytesIO(first)).tables[0].rows[0]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(run.bold for cell in header.cells for run in cell.paragraphs[0].runs)


def test_an_empty_transcript_is_the_header_alone() -> None:
    empty = Transcript(segments=[])
    assert scribekit.dumps(empty, "nvivo", nvivo_format="txt") == "\ufeffTimespan\tContent\tSpeaker\r\n"
    assert read_docx(bytes(scribekit.dumps(empty, "nvivo"))) == [["Timespan", "Content", "Speaker"]]


def test_highlights_only() -> None:
    t = transcript(("a", [("Not", 0, 300), ("this.", 400, 700)]),
                   ("b", [("But", 2_000, 2_300), ("this.", 2_400, 2_700)]))
    t.highlights = [scribekit.Highlight(1_900, 3_000, "key")]
    rows = read_txt(str(scribekit.dumps(t, "nvivo", nvivo_format="txt", highlights_only=True)))
    assert rows[1:] == [["0:00:02.0-0:00:02.7", "But this.", "Léa"]]


# --- options, names ----------------------------------------------------------------------------

@pytest.mark.parametrize("bad", [{"nvivo_format": "csv"}, {"nvivo_format": "DOCX"}, {"timestamps_every": 0.0},
                                 {"timestamps_every": -5.0}, {"timestamps_every": float("nan")},
                                 {"timestamps_every": float("inf")}, {"conventions": "nope"}])
def test_bad_options_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(OptionError):
        nvivo.Options(**bad)  # type: ignore[arg-type]


def test_output_names() -> None:
    assert nvivo.output_extension(nvivo.Options()) == "nvivo.docx"
    assert nvivo.output_extension(nvivo.Options(nvivo_format="txt")) == "nvivo.txt"
    assert nvivo.output_extension() == "nvivo.docx"
    assert nvivo.FORMAT.extensions == ("nvivo.docx", "nvivo.txt")
    assert writer_for_filename("interview.nvivo.docx").name == "nvivo"
    assert writer_for_filename("interview.nvivo.txt").name == "nvivo"
    assert writer_for_filename("interview.docx").name == "docx"
    assert writer_for_filename("interview.txt").name == "txt"


def test_the_options_share_their_names_and_types_with_the_document_writers() -> None:
    import dataclasses

    from scribekit.formats._document import ConventionOptions, DocumentOptions

    ours = {f.name: f for f in dataclasses.fields(nvivo.Options)}
    theirs = {f.name: f for f in dataclasses.fields(DocumentOptions)}
    for name in ("speakers", "timestamps_every", "highlights_only"):
        assert ours[name].type == theirs[name].type
    assert ours["timestamps_every"].metadata["unit"] == "seconds"
    assert issubclass(nvivo.Options, ConventionOptions)


def test_heavy_imports_wait_until_writing() -> None:
    import sys

    code = "import sys, scribekit.formats.nvivo; sys.exit('docx' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


# --- the samples -------------------------------------------------------------------------------

@pytest.mark.parametrize("sample", ["amberscript/interview.json", "happyscribe/interview.json"])
def test_the_samples_give_a_row_per_turn(sample: str) -> None:
    t = scribekit.load(SAMPLES / sample)
    turns = [s for s in t.segments if s.words]
    for rows in (read_txt(str(scribekit.dumps(t, "nvivo", nvivo_format="txt"))),
                 read_docx(bytes(scribekit.dumps(t, "nvivo")))):
        assert rows[0] == ["Timespan", "Content", "Speaker"] and len(rows) == len(turns) + 1
        for (span, content, speaker), turn in zip(rows[1:], turns):
            start, end = nvivo_timespan(span)
            assert 0 <= turn.start - start < 100 and 0 <= end - turn.end < 100
            assert content == " ".join(w.text for w in turn.words)
            assert speaker == t.speaker_name(turn.speaker)


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed (apt-get install "
                    "libreoffice-writer-nogui; .ci/run does)")
def test_libreoffice_reads_the_table(tmp_path: Path) -> None:
    t = scribekit.load(SAMPLES / "amberscript" / "interview.json")
    out = tmp_path / "interview.nvivo.docx"
    out.write_bytes(bytes(scribekit.dumps(t, "nvivo")))
    profile = (tmp_path / "profile").as_uri()
    result = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                             "html:XHTML Writer File:UTF8", "--outdir", str(tmp_path), str(out)],
                            capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "interview.nvivo.html").read_text(encoding="utf-8")
    cells = [" ".join(unescape(re.sub(r"<[^>]+>", "", c)).split())
             for c in re.findall(r"<td[^>]*>(.*?)</td>", html, re.S)]
    expected = read_docx(out.read_bytes())
    assert [cells[i:i + 3] for i in range(0, len(cells), 3)] == expected


# --- properties --------------------------------------------------------------------------------

_HOSTILE = ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\ud800", "\u202e", "\u2066", "\ufffe", "\n", "\r\n", "\r", "\t",
            "\u2028", "\u2029", "\x0b", "\x0c", "\x1c", "שלום", "مرحبا", "漢字", "\"", "'", "#", "-", ":", "0:00:01.0"]
_ANY_TEXT = st.lists(st.one_of(st.sampled_from(_HOSTILE), st.text(min_size=1, max_size=4)), min_size=1,
                     max_size=4).map("".join)




def _check_rows(rows: list[list[str]], columns: int) -> list[tuple[int, int]]:
    assert rows[0] == ["Timespan", "Content", "Speaker"][:columns]
    spans = []
    for row in rows[1:]:
        assert len(row) == columns and row[1] and row[1] == row[1].strip()
        assert re.fullmatch(r"\d+:\d\d:\d\d\.\d-\d+:\d\d:\d\d\.\d", row[0]), row[0]
        spans.append(nvivo_timespan(row[0]))
    for (start, end), (next_start, _) in zip(spans, spans[1:] + [(10**15, 0)]):
        assert start <= end <= next_start
    return spans


@settings(max_examples=150, deadline=None)
@given(turn_transcripts(), st.booleans(), st.sampled_from([None, 1.0, 7.5, 60.0]))
def test_every_turn_comes_back_within_a_tenth(t: Transcript, speakers: bool, every: float | None) -> None:
    text = str(scribekit.dumps(t, "nvivo", nvivo_format="txt", speakers=speakers, timestamps_every=every))
    assert follows_the_tab_rule(text)
    rows = read_txt(text)
    spans = _check_rows(rows, 3 if speakers else 2)
    if every is None:
        assert len(rows) == len(t.segments) + 1
        for (start, end), row, turn in zip(spans, rows[1:], t.segments):
            assert 0 <= turn.start - start < 100 and -100 < end - turn.end < 100
            assert row[1] == " ".join(w.text for w in turn.words)
            assert not speakers or row[2] == (t.speaker_name(turn.speaker) or "")
    else:
        words = " ".join(w.text for s in t.segments for w in s.words)
        assert " ".join(row[1] for row in rows[1:]) == words


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(turn_transcripts(text=_ANY_TEXT, overlaps=True), st.sampled_from([None, 2.0]))
def test_any_text_and_any_times_keep_the_structure(t: Transcript, every: float | None) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        text = str(scribekit.dumps(t, "nvivo", nvivo_format="txt", timestamps_every=every))
        table = read_docx(bytes(scribekit.dumps(t, "nvivo", timestamps_every=every)))
    assert follows_the_tab_rule(text)
    rows = read_txt(text)
    _check_rows(rows, 3)
    assert table == rows
    assert len(rows) <= sum(len(s.words) for s in t.segments) + 1
