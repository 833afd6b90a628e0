"""WebVTT: the samples, browser-like reading, cue text to the neutral form, the writer
and its options, lossless VTT -> VTT, round trips, and pysubs2 / ffmpeg reading what we write."""
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
from scribekit import Cue, Metadata, ReadError, ScribekitWarning, Speaker, Transcript
from scribekit.formats import vtt
from scribekit.markup import strip_tags

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
INTERVIEW = SAMPLES / "subtitles" / "interview.vtt"


def read_recording(data: str | bytes) -> tuple[Transcript, list[str]]:
    """The transcript and the messages of every ScribekitWarning reading it gave."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        transcript = scribekit.loads(data, format="vtt")
    return transcript, [str(w.message) for w in caught if issubclass(w.category, ScribekitWarning)]


def read_quietly(data: str | bytes) -> Transcript:
    transcript, messages = read_recording(data)
    assert messages == []
    return transcript


def cues_of(transcript: Transcript) -> list[Cue]:
    assert transcript.cues is not None
    return transcript.cues


def timed(transcript: Transcript) -> list[tuple[int, int, list[str]]]:
    return [(c.start, c.end, c.lines) for c in cues_of(transcript)]


def dump_vtt(transcript: Transcript, **options: object) -> str:
    out = scribekit.dumps(transcript, "vtt", **options)
    assert isinstance(out, str)
    return out


# --- the sample ---------------------------------------------------------------------------------


def test_interview_sample_value_by_value() -> None:
    transcript = read_quietly(INTERVIEW.read_bytes())
    assert transcript.metadata.source == "vtt"
    assert transcript.metadata.language == "en"
    assert transcript.segments == []
    assert timed(transcript) == [
        (500, 3200, ["Grüezi, and welcome to Zürich."]),
        (3400, 6000, ["Thank you. Shall we start", "at the café by the lake?"]),
        (6250, 9800, ["Yes: <i>Café Schober</i> & friends,", "since 1842."]),
        (10000, 12480, ["Perfect — I'll have a crème brûlée."]),
    ]
    cues = cues_of(transcript)
    assert [c.identifier for c in cues] == ["intro", None, None, "outro"]
    assert [c.speaker for c in cues] == ["Anna Müller", "Pieter", "Anna Müller", "Pieter"]
    assert transcript.speakers == [Speaker("Anna Müller", "Anna Müller"), Speaker("Pieter", "Pieter")]
    assert cues[1].style == {"vtt_settings": "align:start line:85%",
                             "vtt_text": "<v Pieter>Thank you. Shall we start\nat the café by the lake?"}
    assert cues[2].style == {"vtt_text": "<v Anna Müller>Yes: <i.title>Café Schober</i> &amp; friends,\n"
                                         "since <00:00:08.000>1842."}
    assert transcript.metadata.extra["vtt_header"] == [
        "WEBVTT\nKind: captions\nLanguage: en",
        'STYLE\n::cue(v[voice="Anna Müller"]) {\n  color: yellow;\n}',
    ]


def test_interview_vtt_to_vtt_loses_only_the_note() -> None:
    text = INTERVIEW.read_text(encoding="utf-8")
    note = "NOTE Recorded in Zürich; the two voices are the interviewer and her guest.\n\n"
    assert note in text
    assert dump_vtt(scribekit.loads(text, format="vtt"), style_blocks=True) == text.replace(note, "")


def test_format_is_detected_from_content() -> None:
    assert scribekit.load(INTERVIEW).metadata.source == "vtt"
    assert vtt.sniff("WEBVTT\n") and vtt.sniff("\ufeffWEBVTT - title\n") and vtt.sniff("WEBVTT")
    assert vtt.sniff("WEBVTT\r\n\r\n") and vtt.sniff("WEBVTT\t")
    assert not vtt.sniff("WEBVTTX\n") and not vtt.sniff("\nWEBVTT\n") and not vtt.sniff("1\n00:00:01,000 --> x")


# --- reading like a browser ---------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "WEBVT", "WEBVTTX\n\n00:00.000 --> 00:01.000\nx\n", "webvtt\n",
                                  "\nWEBVTT\n", "1\n00:00:01,000 --> 00:00:02,000\nSRT\n"])
def test_not_webvtt_is_an_error_on_line_1(text: str) -> None:
    with pytest.raises(ReadError) as caught:
        vtt.read(text)
    assert caught.value.line == 1
    assert "not a WebVTT file" in str(caught.value)


def test_sample_not_webvtt() -> None:
    with pytest.raises(ReadError, match="not-webvtt.vtt: line 1: not a WebVTT file") as caught:
        scribekit.load(SAMPLES / "malformed" / "not-webvtt.vtt")
    assert caught.value.line == 1


def test_sample_comma_and_arrow() -> None:
    transcript, messages = read_recording((SAMPLES / "malformed" / "comma-and-arrow.vtt").read_bytes())
    assert timed(transcript) == [(1000, 2000, ["Comma before the milliseconds."]),
                                 (3000, 4000, []), (5000, 6000, ["Last cue."])]
    assert any(m.startswith("line 3: ',' instead of '.' before the milliseconds") for m in messages)
    assert any(m.startswith("line 7: skipped a cue whose timing line cannot be read") for m in messages)


def test_headers_times_settings_and_ids() -> None:
    text = ("\ufeffWEBVTT Title\r\nKind: captions\r\nLanguage: de-CH\r\n"
            "X-TIMESTAMP-MAP=MPEGTS:900000,LOCAL:00:00:00.000\r\n\r\n"
            "REGION\r\nid:fred width:40%\r\n\r\n"
            "NOTE a comment\r\nover two lines\r\n\r\n"
            "first\r\n01:02.500 --> 01:03.000 region:fred align:end\r\nMM:SS times\r\n\r\n"
            "2\r\n100:00:00.000 --> 100:00:01.000\r\nhours past 99\r\n\r\n"
            "00:00:05.000 --> 00:00:06.000 line:0\r\n<00:00:05.500>inline <c.yellow>time</c>stamp")
    transcript = read_quietly(text)
    assert transcript.metadata.language == "de-CH"
    assert transcript.metadata.extra["vtt_header"] == [
        "WEBVTT Title\nKind: captions\nLanguage: de-CH\nX-TIMESTAMP-MAP=MPEGTS:900000,LOCAL:00:00:00.000",
        "REGION\nid:fred width:40%"]
    assert timed(transcript) == [(62500, 63000, ["MM:SS times"]), (360_000_000, 360_001_000, ["hours past 99"]),
                                 (5000, 6000, ["inline timestamp"])]
    cues = cues_of(transcript)
    assert [c.identifier for c in cues] == ["first", "2", None]
    assert [c.style for c in cues] == [
        {"vtt_settings": "region:fred align:end"}, None,
        {"vtt_settings": "line:0", "vtt_text": "<00:00:05.500>inline <c.yellow>time</c>stamp"}]
    back = dump_vtt(transcript, style_blocks=True)
    assert back.startswith("WEBVTT Title\nKind: captions\nLanguage: de-CH\n"
                           "X-TIMESTAMP-MAP=MPEGTS:900000,LOCAL:00:00:00.000\n\nREGION\nid:fred width:40%\n\n"
                           "first\n00:01:02.500 --> 00:01:03.000 region:fred align:end\nMM:SS times\n\n")
    assert timed(read_quietly(back)) == timed(transcript)


def test_arrow_inside_text_ends_the_cue_like_a_browser() -> None:
    text = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nsee --> here\nlost\n\n00:00:03.000 --> 00:00:04.000\nkept\n"
    with pytest.warns(ScribekitWarning, match="line 4: skipped a cue whose timing line cannot be read"):
        transcript = scribekit.loads(text, format="vtt")
    assert timed(transcript) == [(1000, 2000, []), (3000, 4000, ["kept"])]


def test_a_timing_line_right_after_text_starts_a_new_cue() -> None:
    text = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\none\n00:00:03.000 --> 00:00:04.000\ntwo\n"
    assert timed(read_quietly(text)) == [(1000, 2000, ["one"]), (3000, 4000, ["two"])]


@pytest.mark.parametrize(("timing", "message"), [
    ("00:00:60.000 --> 00:00:61.000", "skipped a cue whose timing line"),
    ("00:00.5 --> 00:01.000", "skipped a cue whose timing line"),
    ("0:00.000 --> 00:01.000", "skipped a cue whose timing line"),
    ("00:00:00.000 -> 00:00:01.000", "skipped a cue whose timing line"),
])
def test_timings_a_browser_refuses_are_skipped_with_a_warning(timing: str, message: str) -> None:
    text = f"WEBVTT\n\n{timing}\nrefused\n\n00:00:05.000 --> 00:00:06.000\nkept\n"
    transcript, messages = read_recording(text)
    assert timed(transcript) == [(5000, 6000, ["kept"])]
    assert any(m.startswith("line 3: " + message) for m in messages), messages


def test_comma_milliseconds_and_end_before_start_are_kept_with_warnings() -> None:
    text = "WEBVTT\n\n00:00:02,000 --> 00:00:01.000\nA\n"
    transcript, messages = read_recording(text)
    assert timed(transcript) == [(2000, 1000, ["A"])]
    assert "line 3: ',' instead of '.' before the milliseconds" in messages
    assert "line 3: cue ends before it starts (kept as it is)" in messages


def test_empty_cue_and_blank_lines_and_notes() -> None:
    text = ("WEBVTT\n\n\n\nNOTE\nnot a cue\n\n00:00:01.000 --> 00:00:02.000\n\n\n\n"
            "00:00:03.000 --> 00:00:04.000\nB\n\nNOTE late comment\n\n")
    transcript = read_quietly(text)
    assert timed(transcript) == [(1000, 2000, []), (3000, 4000, ["B"])]
    assert "vtt_header" not in transcript.metadata.extra


def test_late_style_block_is_ignored_with_a_warning() -> None:
    text = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA\n\nSTYLE\n::cue { color: red }\n"
    transcript, messages = read_recording(text)
    assert timed(transcript) == [(1000, 2000, ["A"])]
    assert messages == ["line 6: ignored a STYLE block after the first cue (browsers ignore it)"]


# --- cue text to the neutral form -----------------------------------------------------------------


@pytest.mark.parametrize(("raw", "neutral", "speaker"), [
    ("plain", "plain", None),
    ("&amp; &lt; &gt; &nbsp; &lrm; &rlm; &#233; &#x1F600; &eacute;", "& < > \u00a0 \u200e \u200f é \U0001F600 é", None),
    ("<i.loud>it</i> <b.x.y>bo</b> <u>un</u>", "<i>it</i> <b>bo</b> <u>un</u>", None),
    ("<c.yellow>class</c> <lang en-GB>lang</lang>", "class lang", None),
    ("<ruby>漢<rt>kan</rt>字<rt>ji</rt></ruby>", "漢字", None),
    ("<ruby>base<rt>reading</ruby> after", "base after", None),
    ("<rt>rt outside ruby is ignored</rt>", "rt outside ruby is ignored", None),
    ("one <00:00:01.500>two <00:00:02.000><c>three</c>", "one two three", None),
    ("<v Anna Müller>Hello</v>", "Hello", "Anna Müller"),
    ("<v.loud   Anna   Müller >Hello\n<v Anna Müller>again", "Hello\nagain", "Anna Müller"),
    ("<v Anna>Hi</v> <v Bob>Hello", "Anna: Hi Bob: Hello", None),
    ("<v>no name", "no name", None),
    ("<i>open\nacross lines", "<i>open\nacross lines</i>", None),
    ("<i><b>crossed</i></b> after", "<i><b>crossed</b> after</i>", None),
    ("stray </i> closing", "stray  closing", None),
    ("<unknown>tag</unknown> <I>upper</I>", "tag upper", None),
    ("a &lt;i&gt; b", "a <i> b", None),
    ("unclosed <i", "unclosed <i></i>", None),
    ("", "", None),
    ("&", "&", None),
    ("a &amp b", "a & b", None),
    ("<>empty tag", "empty tag", None),
    ("<>a<c>b</c><i>c", "ab<i>c</i>", None),
    ("<ruby>base<rt>reading</ruby> after", "base after", None),
    ("<ruby>base<rt>reading</ruby><i>x", "base<i>x</i>", None),
    ("<ruby>a<rt>x<ruby>y<rt>z</rt>w</ruby></rt>b</ruby>", "ab", None),  # nested annotations stay hidden
    ("x</>y", "xy", None),
    ("</i>closing first<i>then", "closing first<i>then</i>", None),
    ("<b>a</i>b</b>", "<b>ab</b>", None),
    ("<b><u>a</b>b", "<b><u>ab</u></b>", None),  # </b> inside <u> is ignored
    ("<c><i>in c</c> out</i>", "<i>in c out</i>", None),
    ("<ruby>a<rt>x</rt>b</ruby><rt>y</rt>", "aby", None),
    ("<ruby>a<rt>x &amp; y</rt></ruby>&amp;", "a&", None),
    ("<ruby><rt>ann</rt>base</ruby>", "base", None),
    ("<ruby>a<rt>open", "a", None),
    ("<ruby><i>b<rt>x</ruby>c", "<i>bxc</i>", None),  # <rt> only right inside <ruby>
    ("<c.x.y>a</c.x>", "a", None),
    ("<i.a.b>it</i>", "<i>it</i>", None),
    ("<i\tclass>x</i>", "<i>x</i>", None),
    ("<b\nx>y</b>", "<b>y</b>", None),
    ("<u.c d>e</u>", "<u>e</u>", None),
    ("<00:00:01.000>a<9>b", "ab", None),
    ("<v.loud>no name</v>", "no name", None),
    ("<v >blank name", "blank name", None),
    ("<v\tTab Name>x", "x", "Tab Name"),
    ("<v Tom &amp; Jerry>x", "x", "Tom & Jerry"),
    ("<v A>a</v><v A>b", "ab", "A"),
    ("<v A>a<v B>b<v A>c", "A: aB: bA: c", None),
    ("x<v A>a", "xa", "A"),
    ("<lang en>a</lang><i>b", "a<i>b</i>", None),
    ("a &lt;v x&gt; b &gt", "a <v x> b >", None),
    ("tail &amp;", "tail &", None),
    ("<i>a</i>&lt;", "<i>a</i><", None),
    ("<i>x", "<i>x</i>", None),
    ("<i><b><u>x", "<i><b><u>x</u></b></i>", None),
])
def test_neutral_text(raw: str, neutral: str, speaker: str | None) -> None:
    assert vtt.neutral_text(raw) == (neutral, speaker)


def test_raw_text_is_kept_only_when_it_differs() -> None:
    text = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<i>same</i>\n\n00:00:03.000 --> 00:00:04.000\nR&amp;D\n"
    cues = cues_of(read_quietly(text))
    assert cues[0].style is None and cues[0].lines == ["<i>same</i>"]
    assert cues[1].style == {"vtt_text": "R&amp;D"} and cues[1].lines == ["R&D"]


# --- the writer ---------------------------------------------------------------------------------


def test_writer_escapes_and_keeps_style_tags() -> None:
    transcript = Transcript(cues=[
        Cue(0, 1500, ["R&D <i>café</i> <B>bold</B>", "a < b > c --> d"], identifier="one"),
        Cue(2000, 3000, ['<font color="red">red</font> {\\an8}top', "<u>open"]),
        Cue(3000, 4000, []),
    ])
    assert dump_vtt(transcript) == (
        "WEBVTT\n\none\n00:00:00.000 --> 00:00:01.500\nR&amp;D <i>café</i> <b>bold</b>\na &lt; b &gt; c --&gt; d\n\n"
        "00:00:02.000 --> 00:00:03.000\nred top\n<u>open</u>\n\n00:00:03.000 --> 00:00:04.000\n<c></c>\n")
    assert timed(read_quietly(dump_vtt(transcript))) == [
        (0, 1500, ["R&D <i>café</i> <b>bold</b>", "a < b > c --> d"]), (2000, 3000, ["red top", "<u>open</u>"]),
        (3000, 4000, [])]


def test_writer_voice_tags_use_the_speaker_name() -> None:
    transcript = Transcript(speakers=[Speaker("spk1", "Anna <Müller>")],
                            cues=[Cue(0, 1000, ["Hi", "there"], speaker="spk1"), Cue(1000, 2000, ["Bye"], "spk2"),
                                  Cue(2000, 3000, ["nobody"])])
    out = dump_vtt(transcript, voice_tags=True)
    assert out == ("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n<v Anna &lt;Müller&gt;>Hi\nthere\n\n"
                   "00:00:01.000 --> 00:00:02.000\n<v spk2>Bye\n\n00:00:02.000 --> 00:00:03.000\nnobody\n")
    assert [c.speaker for c in cues_of(read_quietly(out))] == ["Anna <Müller>", "spk2", None]
    assert "<v" not in dump_vtt(transcript)


def test_edits_win_over_the_raw_text() -> None:
    transcript = read_quietly(INTERVIEW.read_bytes())
    cues = cues_of(transcript)
    cues[2].lines = ["Yes: <i>Café Sacher</i> & friends,", "since 1876."]
    transcript.speakers[1].name = "Pieter J."
    out = dump_vtt(transcript, voice_tags=True)
    assert "<v Anna Müller>Grüezi, and welcome to Zürich.\n" in out  # unchanged: raw text
    assert "\n<v Anna Müller>Yes: <i>Café Sacher</i> &amp; friends,\nsince 1876.\n" in out  # edited lines
    assert "\n<v Pieter J.>Thank you. Shall we start\n" in out  # renamed speaker
    assert "<v Pieter>" not in out


def test_writer_language_header() -> None:
    transcript = Transcript(cues=[Cue(0, 1000, ["Hallo"])], metadata=Metadata(language="de"))
    assert dump_vtt(transcript).startswith("WEBVTT\nLanguage: de\n\n00:00:00.000")
    read_back = read_quietly(dump_vtt(transcript))
    assert read_back.metadata.language == "de"
    read_back.metadata.language = "nl"
    assert dump_vtt(read_back).startswith("WEBVTT\nLanguage: nl\n\n")


def test_writer_style_blocks_option() -> None:
    transcript = read_quietly(INTERVIEW.read_bytes())
    assert "\nSTYLE\n" in dump_vtt(transcript, style_blocks=True)
    without = dump_vtt(transcript)  # the default: what ffmpeg and every player built on it reads
    assert without.startswith("WEBVTT\nKind: captions\nLanguage: en\n\nintro\n")
    assert "STYLE" not in without


def test_writer_negative_times_become_zero_with_a_warning() -> None:
    transcript = Transcript(cues=[Cue(-500, 1000, ["early"]), Cue(-900, -100, ["earlier"])])
    with pytest.warns(ScribekitWarning, match=r"2 cue\(s\) with a negative time written with 0"):
        out = dump_vtt(transcript)
    assert "00:00:00.000 --> 00:00:01.000\nearly\n" in out and "00:00:00.000 --> 00:00:00.000\nearlier\n" in out


def test_header_lines_that_would_break_the_file_are_left_out() -> None:
    transcript = Transcript(cues=[Cue(0, 1000, ["a"])], metadata=Metadata(extra={"vtt_header": [
        "WEBVTT\nok: 1\n00:00.000 --> 00:01.000\n\nx", "STYLE\n::cue {}", "STYLE\na --> b", "not a header"]}))
    assert dump_vtt(transcript, style_blocks=True) == (
        "WEBVTT\nok: 1\nx\n\nSTYLE\n::cue {}\n\nnot a header\n\n00:00:00.000 --> 00:00:01.000\na\n")
    transcript.metadata.extra["vtt_header"] = ["garbage"]
    assert dump_vtt(transcript).startswith("WEBVTT\n\n00:00:00.000")


def test_srt_to_vtt_to_srt() -> None:
    srt_text = (SAMPLES / "subtitles" / "interview.srt").read_text(encoding="utf-8")
    as_vtt = dump_vtt(scribekit.loads(srt_text, format="srt"))
    assert as_vtt.startswith("WEBVTT\n\n1\n00:00:00.500 --> 00:00:03.200\nGrüezi")
    assert "Yes: <i>Café Schober</i> &amp; friends,\n" in as_vtt
    assert scribekit.dumps(read_quietly(as_vtt), "srt") == srt_text


# --- round trips and independent readers --------------------------------------------------------

LETTERS = "abcxyzABCXYZ éèüöäßçñøåÉÜ漢字шЖ0123456789.,;:!?'\"-–—&>()[]/"


@st.composite
def transcripts(draw: st.DrawFn, allow_empty: bool = True, min_gap: int = 0) -> Transcript:
    """Up to 8 cues in time order; ``min_gap`` > 0 makes every start distinct (ffmpeg drops duplicates)."""
    count = draw(st.integers(1, 8))
    cues = []
    time = draw(st.integers(0, 300_000_000))
    for n in range(count):
        start = time + draw(st.integers(min_gap, 5000))
        end = start + draw(st.integers(0, 10_000))
        time = end
        lines = draw(st.lists(st.text(LETTERS, min_size=1, max_size=40).map(str.strip).filter(bool),
                              min_size=0 if allow_empty else 1, max_size=3))
        lines = [f"<i>{line}</i>" if draw(st.booleans()) and i % 2 == 0 else line for i, line in enumerate(lines)]
        identifier = draw(st.one_of(st.none(), st.just(f"cue-{n}")))
        cues.append(Cue(start, end, lines, identifier=identifier))
    return Transcript(cues=cues)


@settings(max_examples=150, deadline=None)
@given(transcripts())
def test_round_trip(transcript: Transcript) -> None:
    back = read_quietly(dump_vtt(transcript))
    assert timed(back) == timed(transcript)
    assert [c.identifier for c in cues_of(back)] == [c.identifier for c in cues_of(transcript)]


@settings(max_examples=60, deadline=None)
@given(transcripts())
def test_vtt_to_vtt_is_stable(transcript: Transcript) -> None:
    once = dump_vtt(transcript)
    assert dump_vtt(read_quietly(once)) == once


@settings(max_examples=40, deadline=None)
@given(transcripts(allow_empty=False))
def test_pysubs2_reads_what_we_write(transcript: Transcript) -> None:
    subs = pysubs2.SSAFile.from_string(dump_vtt(transcript), format_="vtt")
    cues = cues_of(transcript)
    assert len(subs) == len(cues)
    assert sorted((e.start, e.end) for e in subs) == sorted((c.start, c.end) for c in cues)


def test_pysubs2_reads_the_interview() -> None:
    subs = pysubs2.SSAFile.from_string(dump_vtt(scribekit.load(INTERVIEW)), format_="vtt")
    assert [(e.start, e.end) for e in subs] == [(500, 3200), (3400, 6000), (6250, 9800), (10000, 12480)]


def ffmpeg_srt(path: Path) -> str:
    """What ffmpeg makes of a subtitle file, as SRT."""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        pytest.skip("ffmpeg is not installed (apt-get install ffmpeg); it is the independent WebVTT reader here")
    done = subprocess.run([ffmpeg, "-nostdin", "-v", "error", "-i", str(path), "-f", "srt", "-"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return done.stdout


def test_ffmpeg_reads_what_we_write(tmp_path: Path) -> None:
    cues = [Cue(i * 2000, i * 2000 + 1500, [f"Cue {i} — café", "<i>Zürich</i> & co"], identifier=str(i + 1))
            for i in range(50)]
    outputs = {
        "many.vtt": dump_vtt(Transcript(cues=cues, metadata=Metadata(language="de"))),
        "from-srt.vtt": dump_vtt(scribekit.load(SAMPLES / "subtitles" / "interview.srt"), voice_tags=True),
        # ffmpeg 5 stops at a STYLE or REGION block, which the writer leaves out by default.
        "interview.vtt": dump_vtt(scribekit.load(INTERVIEW)),
    }
    for name, out in outputs.items():
        path = tmp_path / name
        path.write_text(out, encoding="utf-8")
        back = ffmpeg_srt(path)
        assert back.count(" --> ") == out.count(" --> "), name
    back = ffmpeg_srt(tmp_path / "many.vtt")
    assert back.count(" --> ") == 50
    assert "00:01:38,000 --> 00:01:39,500\nCue 49 — café\n<i>Zürich</i> & co\n" in back


@settings(max_examples=10, deadline=None)
@given(transcripts(allow_empty=False, min_gap=1))
def test_ffmpeg_reads_generated_cues(transcript: Transcript) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "out.vtt"
        path.write_text(dump_vtt(transcript), encoding="utf-8")
        back = ffmpeg_srt(path)
    assert back.count(" --> ") == len(cues_of(transcript))
    texts = [strip_tags(block.split("\n", 2)[2]).strip("\n") for block in back.strip("\n").split("\n\n")]
    assert texts == [strip_tags("\n".join(c.lines)) for c in cues_of(transcript)]


def test_big_file() -> None:
    from scribekit.timecode import clock

    body = "".join(f"{clock(i * 1000, '.')} --> {clock(i * 1000 + 900, '.')}\nLine {i} &amp; <i>more</i>\n\n"
                   for i in range(20000))
    transcript = read_quietly("WEBVTT\n\n" + body)
    cues = cues_of(transcript)
    assert len(cues) == 20000 and cues[-1].lines == ["Line 19999 & <i>more</i>"]
    assert dump_vtt(transcript) == "WEBVTT\n\n" + body.rstrip("\n") + "\n"


def test_warning_lines_point_at_the_file() -> None:
    text = "WEBVTT\n\n" + "".join(f"00:00:0{i},000 --> 00:00:0{i}.500\nA\n\n" for i in range(5))
    with pytest.warns(ScribekitWarning, match=re.escape("line 3: ',' instead of '.' before the milliseconds "
                                                        "(and 4 more like it)")):
        scribekit.loads(text, format="vtt")


def test_plain_cue_text_is_written_without_the_careful_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    """The speed of plain cues rests on this: only text that needs repairs goes through them."""
    cues = [Cue(0, 1000, ["Plain text", "on two lines"]), Cue(1000, 2000, ["Ünïcödé, 東京"])]
    writer = vtt.CueWriter(Transcript(cues=cues))

    class Refused:
        def __getattr__(self, name: str) -> object:
            raise AssertionError(f"the careful pass ({name}) was taken")

    monkeypatch.setattr(writer, "repairs", Refused())
    assert writer.render(cues) == ("\n00:00:00.000 --> 00:00:01.000\nPlain text\non two lines\n"
                                   "\n00:00:01.000 --> 00:00:02.000\nÜnïcödé, 東京\n")
