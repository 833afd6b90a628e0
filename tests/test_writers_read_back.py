"""Whatever the text holds, what the subtitle writers write reads back with the same cues: by our
own readers, by ffmpeg (SRT, WebVTT) and by ttconv (TTML). Property tests over hostile text
(control characters, line ends, timing-like lines, ``-->``, lone surrogates, RTL marks), the
writers' own escapes and clamps, and the writers' hostile corpus (tests/hostile_cases_writers.py)."""
from __future__ import annotations

import importlib.util
import logging
import re
import shutil
import subprocess
import tempfile
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import scribekit
from scribekit import Cue, Metadata, ScribekitWarning, Speaker, Transcript
from scribekit.markup import UNWRITABLE, strip_tags

HERE = Path(__file__).resolve().parent
WORD_JOINER = "\u2060"

# --- hostile text ---------------------------------------------------------------------------

FRAGMENTS = [
    "00:00:00,000 --> 00:00:01,000", "00:00:01.000 --> 00:00:02.000", "10:30:00 -> doors open",
    "12:00:00 → 13:00:00", "1:2:3,4-->5:6:7,8", " -00:00:09,000 --> 00:00:01,000", "01:02,5 —> 01:03,5",
    "-->", "--", ">", "NOTE", "NOTE x", "STYLE", "REGION", "WEBVTT", "1", "42", "\n", "\r", "\r\n", "\n\n",
    " \n ", "<i>", "</i>", "<b>", "<v Anna>", "<c.x>", "&amp;", "&", "{\\an8}", "\\N", "\x00", "\x1b[31m",
    "\x07", "\x0b", "\x0c", "\x1c", "\x7f", "\x85", "\x9b", "\ud800", "\udfff", "\ud83d\ude00", "\u200f",
    "\u202e", "\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff", "\u00a0", "\u3000", "：", "，", "\t",
]
_ALPHABET = st.sampled_from(list("ab :,.-0123456789>") + [f for f in FRAGMENTS if len(f) == 1])
hostile_line = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(_ALPHABET, max_size=4)), max_size=5).map(
    "".join)


@st.composite
def hostile_cues(draw: Any, *, max_cues: int = 6, empty: bool = True) -> list[Cue]:
    """Cues of hostile text in time order; the first may start before zero. After the writers clamp
    negative times to 0, every cue still starts at its own time and lasts 1 ms at least (ffmpeg
    drops a cue that repeats another; ttconv shows nothing of a cue without duration)."""
    count = draw(st.integers(1, max_cues))
    cues = []
    start = draw(st.integers(-5000, 2000))
    for index in range(count):
        if index:
            start = max(start, 0) + draw(st.integers(1, 5000))
        end = max(start, 0) + draw(st.integers(1, 4000))
        lines = draw(st.lists(hostile_line, min_size=0 if empty else 1, max_size=3))
        cues.append(Cue(start, end, lines, identifier=draw(st.one_of(st.none(), hostile_line))))
    return cues


def _transcript(cues: list[Cue]) -> Transcript:
    return Transcript(cues=cues)


def write(cues: list[Cue], fmt: str, **options: Any) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        out = scribekit.dumps(_transcript(cues), fmt, **options)
    assert isinstance(out, str)
    out.encode("utf-8")  # no lone surrogate left: every encoding must take it
    return out


def read_back(text: str, fmt: str) -> list[Cue]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        return scribekit.loads(text, format=fmt).cues or []


def _writable(text: str) -> str:
    """What of ``text`` a reader can see again: without the characters writers leave out (a lone
    surrogate reads back as U+FFFD), tags and whitespace (line breaks may move)."""
    text = UNWRITABLE.sub(lambda m: "\ufffd" if "\ud800" <= m.group() <= "\udfff" else "", text)
    return "".join(strip_tags(text).replace(WORD_JOINER, "").split())


def _times(cue: Cue) -> tuple[int, int]:
    return max(cue.start, 0), max(cue.end, 0)


# --- by our own readers ---------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(hostile_cues(max_cues=8))
def test_srt_reads_back_the_same_cues(cues: list[Cue]) -> None:
    back = read_back(write(cues, "srt"), "srt")
    assert [_times(c) for c in back] == [_times(c) for c in cues]
    assert [_writable("\n".join(c.lines)) for c in back] == [_writable("\n".join(c.lines)) for c in cues]


@settings(max_examples=150, deadline=None)
@given(hostile_cues(max_cues=8))
def test_vtt_reads_back_the_same_cues(cues: list[Cue]) -> None:
    back = read_back(write(cues, "vtt"), "vtt")
    assert [_times(c) for c in back] == [_times(c) for c in cues]
    assert [_writable("\n".join(c.lines)) for c in back] == [_writable("\n".join(c.lines)) for c in cues]


@settings(max_examples=60, deadline=None)
@given(hostile_cues(max_cues=5), st.sampled_from(["ttml", "ass", "ssa", "mpl2", "microdvd"]))
def test_pysubs2_formats_read_back_the_same_number_of_cues(cues: list[Cue], fmt: str) -> None:
    options = {"fps": 25} if fmt == "microdvd" else {}
    text = write(cues, fmt, **options)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        back = scribekit.loads(text, format=fmt, **options).cues or []
    assert len(back) == len(cues)


@settings(max_examples=80, deadline=None)
@given(hostile_cues(max_cues=4), hostile_line)
def test_srt_and_vtt_to_themselves_are_stable(cues: list[Cue], language: str) -> None:
    """Written, read and written again: the same file (the escapes are not applied twice)."""
    for fmt in ("srt", "vtt"):
        once = write(cues, fmt)
        assert write(read_back(once, fmt), fmt) == once


# --- by ffmpeg and ttconv -------------------------------------------------------------------


def ffmpeg_events(text: str, extension: str) -> int:
    """How many subtitles ffmpeg reads in ``text``: it converts to ASS, one Dialogue line each."""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        pytest.skip("ffmpeg is not installed (apt-get install ffmpeg); it is the independent reader here")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"in.{extension}"
        path.write_text(text, encoding="utf-8")
        done = subprocess.run([ffmpeg, "-nostdin", "-v", "error", "-i", str(path), "-f", "ass", "-"],
                              capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return len(re.findall(r"^Dialogue:", done.stdout, re.MULTILINE))


@settings(max_examples=15, deadline=None)
@given(hostile_cues(max_cues=5))
def test_ffmpeg_reads_every_srt_cue(cues: list[Cue]) -> None:
    assert ffmpeg_events(write(cues, "srt"), "srt") == len(cues)


@settings(max_examples=15, deadline=None)
@given(hostile_cues(max_cues=5))
def test_ffmpeg_reads_every_vtt_cue(cues: list[Cue]) -> None:
    assert ffmpeg_events(write(cues, "vtt"), "vtt") == len(cues)


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(hostile_cues(max_cues=8), st.sampled_from(["srt", "vtt"]))
def test_ffmpeg_reads_every_cue_of_many_more_files(cues: list[Cue], fmt: str) -> None:
    assert ffmpeg_events(write(cues, fmt), fmt) == len(cues)


def ttconv_paragraphs(text: str) -> tuple[int, list[str]]:
    """The paragraphs ttconv reads in a TTML document, and what it logged while reading."""
    pytest.importorskip("ttconv")
    from ttconv.imsc import reader

    records: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record.getMessage())

    handler = Collect(logging.WARNING)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        document = reader.to_model(ET.ElementTree(ET.fromstring(text)))
    finally:
        root.removeHandler(handler)
    assert document is not None
    return sum(1 for division in document.get_body() for _ in division), records


@settings(max_examples=40, deadline=None)
@given(hostile_cues(max_cues=5), st.one_of(st.none(), st.sampled_from(["de", "en-GB", "en\nX", ""])))
def test_ttconv_reads_every_ttml_cue_without_a_warning(cues: list[Cue], language: str | None) -> None:
    transcript = Transcript(cues=cues, metadata=Metadata(language=language))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        text = scribekit.dumps(transcript, "ttml")
    assert isinstance(text, str)
    assert ttconv_paragraphs(text) == (len(cues), [])


# --- the escapes, one by one ----------------------------------------------------------------


def test_timing_like_lines_get_a_word_joiner_and_nothing_else_does() -> None:
    lines = ["00:00:00,000 --> 00:00:01,000", "10:30:00 -> doors open", "12:00:00 → 13:00:00", "at 10:30 sharp",
             "10:30 -> 11:00", "Anna: 12:00:00 is late"]
    with pytest.warns(ScribekitWarning, match=r"3 line\(s\) of text that read like a timing line"):
        out = scribekit.dumps(_transcript([Cue(0, 1000, lines)]), "srt")
    assert out == ("1\n00:00:00,000 --> 00:00:01,000\n" + WORD_JOINER + lines[0] + "\n" + WORD_JOINER + lines[1]
                   + "\n" + WORD_JOINER + lines[2] + "\n" + "\n".join(lines[3:]) + "\n")
    assert read_back(out, "srt")[0].lines == [WORD_JOINER + line for line in lines[:3]] + lines[3:]


def test_control_characters_and_surrogates_are_reported_once_per_file() -> None:
    cues = [Cue(i * 1000, i * 1000 + 900, [f"a\x00b\x1bc\ud800 {i}"]) for i in range(50)]
    for fmt in ("srt", "vtt", "ttml", "ass"):
        with pytest.warns(ScribekitWarning) as caught:
            out = scribekit.dumps(_transcript(cues), fmt)
        messages = [str(w.message) for w in caught]
        assert "50 lone surrogate(s) written as U+FFFD (no encoding can hold them)" in messages, fmt
        assert any(m.startswith("100 control character(s) left out") for m in messages), fmt
        assert "\x00" not in str(out) and "\x1b" not in str(out)
        assert "abc\ufffd 7" in str(out)


def test_line_ends_inside_words_are_line_breaks() -> None:
    with pytest.warns(ScribekitWarning, match=r"4 line end\(s\) inside a line of text"):
        out = scribekit.dumps(_transcript([Cue(0, 1000, ["one\r\ntwo\rthree\n\nfour"])]), "srt")
    assert out == "1\n00:00:00,000 --> 00:00:01,000\none\ntwo\nthree\nfour\n"


def test_negative_times_are_clamped_with_a_warning_in_every_subtitle_writer() -> None:
    cues = [Cue(-9000, -4000, ["gone"]), Cue(-500, 1000, ["early"]), Cue(2000, 3000, ["ok"])]
    expected = {"srt": "00:00:00,000 --> 00:00:01,000", "vtt": "00:00:00.000 --> 00:00:01.000",
                "ass": "0:00:00.00,0:00:01.00", "ssa": "0:00:00.00,0:00:01.00", "mpl2": "[0][10]",
                "tmp": "00:00:00:early", "ttml": 'begin="00:00:00.000" end="00:00:01.000"', "microdvd": "{0}{25}"}
    for fmt, written in expected.items():
        options = {"fps": 25} if fmt == "microdvd" else {}
        with pytest.warns(ScribekitWarning, match=r"2 cue\(s\) with a negative time written with 0 instead"):
            out = str(scribekit.dumps(_transcript(cues), fmt, **options))
        assert written in out, fmt


def test_times_past_what_ass_and_tmp_can_write_are_clamped_with_a_warning() -> None:
    cues = [Cue(0, 1000, ["a"]), Cue(36_000_000, 36_001_000, ["late"])]
    for fmt, label in (("ass", "9:59:59.99"), ("ssa", "9:59:59.99")):
        with pytest.warns(ScribekitWarning, match=f"1 cue\\(s\\) with a time past {re.escape(label)}"):
            out = str(scribekit.dumps(_transcript(cues), fmt))
        assert f"{label},{label}" in out
    with pytest.warns(ScribekitWarning, match=r"1 cue\(s\) with a time past 99:59:59"):
        scribekit.dumps(_transcript([Cue(400_000_000, 400_001_000, ["later"])]), "tmp")


def test_vtt_language_and_identifiers_cannot_inject_lines() -> None:
    transcript = Transcript(cues=[Cue(0, 1000, ["a"], identifier="WEBVTT"), Cue(1000, 2000, ["b"], identifier="x\ny"),
                                  Cue(2000, 3000, ["c"], identifier="ok")],
                            metadata=Metadata(language="en\n\n00:00:00.000 --> 00:00:09.000\nhi"))
    with pytest.warns(ScribekitWarning) as caught:
        out = str(scribekit.dumps(transcript, "vtt"))
    messages = " | ".join(str(w.message) for w in caught)
    assert "left out of the header" in messages and "2 cue identifier(s) left out" in messages
    assert out == ("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\na\n\n00:00:01.000 --> 00:00:02.000\nb\n\n"
                   "ok\n00:00:02.000 --> 00:00:03.000\nc\n")


def test_vtt_settings_that_would_break_the_timing_line_are_left_out() -> None:
    cues = [Cue(0, 1000, ["a"], style={"vtt_settings": "line:0\n\n00:00:05.000 --> 00:00:09.000"}),
            Cue(1000, 2000, ["b"], style={"vtt_settings": "align:start\x00"})]
    with pytest.warns(ScribekitWarning, match="control character"):
        out = str(scribekit.dumps(_transcript(cues), "vtt"))
    assert out == "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\na\n\n00:00:01.000 --> 00:00:02.000 align:start\nb\n"


def test_vtt_speaker_names_stay_on_their_line() -> None:
    transcript = Transcript(cues=[Cue(0, 1000, ["a"], speaker="s")], speakers=[Speaker("s", "Anna\n\nMüller")])
    out = str(scribekit.dumps(transcript, "vtt", voice_tags=True))
    assert out == "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n<v Anna Müller>a\n"


def test_vtt_drops_style_blocks_unless_asked() -> None:
    source = ("WEBVTT\n\nSTYLE\n::cue { color: yellow }\n\nREGION\nid:r\n\n"
              "00:00:00.000 --> 00:00:01.000\na\n\n00:00:01.000 --> 00:00:02.000\nb\n")
    transcript = scribekit.loads(source, format="vtt")
    plain = str(scribekit.dumps(transcript, "vtt"))
    assert "STYLE" not in plain and "REGION" not in plain
    assert ffmpeg_events(plain, "vtt") == 2
    assert str(scribekit.dumps(transcript, "vtt", style_blocks=True)) == source


def test_empty_cues_are_kept_by_ffmpeg() -> None:
    cues = [Cue(0, 1000, ["a"]), Cue(1000, 2000, []), Cue(2000, 3000, ["\x00"])]
    for fmt in ("srt", "vtt"):
        out = write(cues, fmt)
        assert ffmpeg_events(out, fmt) == 3
        assert [c.lines for c in read_back(out, fmt)] == [["a"], [], []]


def test_ass_has_a_play_resolution_and_fields_that_stay_fields() -> None:
    transcript = Transcript(cues=[Cue(0, 1000, ["a"], speaker="s", style={"ass_style": "Sign, top"})],
                            speakers=[Speaker("s", "Smith, Anna\n")])
    with pytest.warns(ScribekitWarning, match=r"2 speaker or style name\(s\) changed"):
        out = str(scribekit.dumps(transcript, "ass"))
    assert "\nPlayResX: 1920\nPlayResY: 1080\n" in out
    assert "\nStyle: Default,Arial,54," in out and "\nStyle: Sign， top,Arial,54," in out
    assert "\nDialogue: 0,0:00:00.00,0:00:01.00,Sign， top,Smith， Anna,0,0,0,,a\n" in out
    back = scribekit.loads(out, format="ass").cues or []
    assert [(c.lines, c.speaker) for c in back] == [(["a"], "Smith， Anna")]


def test_ass_gives_scripts_arial_lacks_a_noto_style() -> None:
    cues = [Cue(0, 1000, ["Hello"]), Cue(1000, 2000, ["ಕನ್ನಡ"]), Cue(2000, 3000, ["日本語のテキスト"]),
            Cue(3000, 4000, ["שלום"]), Cue(4000, 5000, ["ภาษาไทย"]), Cue(5000, 6000, ["ಕನ್ನಡ"])]
    out = str(scribekit.dumps(_transcript(cues), "ass"))
    assert "\nStyle: Noto Sans Kannada,Noto Sans Kannada,54," in out
    assert "\nStyle: Noto Sans CJK JP,Noto Sans CJK JP,54," in out and "\nStyle: Noto Sans Thai," in out
    styles = re.findall(r"^Dialogue: 0,[^,]*,[^,]*,([^,]*),", out, re.MULTILINE)
    assert styles == ["Default", "Noto Sans Kannada", "Noto Sans CJK JP", "Default", "Noto Sans Thai",
                      "Noto Sans Kannada"]
    assert ffmpeg_events(out, "ass") == 6


def test_ttml_is_valid_for_ttconv() -> None:
    transcript = Transcript(cues=[Cue(0, 1000, ["a & <i>b</i>"], style={"ass_style": "2 top"}), Cue(1000, 2000, ["c"])],
                            metadata=Metadata(language="de-CH"))
    out = str(scribekit.dumps(transcript, "ttml"))
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<tt xmlns="http://www.w3.org/ns/ttml"')
    assert 'xml:lang="de-CH"' in out and '<style xml:id="italic"' in out and '<span style="italic">b</span>' in out
    assert ttconv_paragraphs(out) == (2, [])


# --- the hostile corpus ---------------------------------------------------------------------


def _corpus() -> dict[str, Any]:
    spec = importlib.util.spec_from_file_location("hostile_cases_writers", HERE / "hostile_cases_writers.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return dict(module.CASES)


CORPUS = _corpus()


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_hostile_exports_convert_to_files_that_read_back(name: str, tmp_path: Path) -> None:
    source = tmp_path / name
    source.write_bytes(CORPUS[name]())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        transcript = scribekit.load(source)
        outputs = {fmt: str(scribekit.dumps(transcript, fmt)) for fmt in ("srt", "vtt", "ttml", "ass")}
        counts = {fmt: len(scribekit.loads(text, format=fmt).cues or []) for fmt, text in outputs.items()}
    assert len(set(counts.values())) == 1, counts
    assert ffmpeg_events(outputs["srt"], "srt") == counts["srt"]
    assert ffmpeg_events(outputs["vtt"], "vtt") == counts["vtt"]
    paragraphs, logged = ttconv_paragraphs(outputs["ttml"])
    assert logged == []
    if "negative" not in name:  # a cue wholly before zero is clamped to no duration: ttconv shows nothing of it
        assert paragraphs == counts["ttml"]
