"""The readers' limits, one test per class of hostile input: numbers Python refuses or that
overflow, times beyond what the model holds, UTF-16 cut short, quadratic patterns (ours and
pysubs2's), libxml2 on an unclosed declaration, and messages that would quote the input."""
from __future__ import annotations

import re
import time
import warnings

import pytest

from scribekit import Cue, ReadError, ScribekitWarning, Transcript
from scribekit.formats import read_all, srt
from scribekit.formats._json import is_number, json_kind
from scribekit.formats.srt import _BROKEN, _fraction_ms
from scribekit.markup import Repairs, close_open_tags
from scribekit.textio import decode
from scribekit.timecode import MAX_MS, FrameRate, checked_ms, decimal_int, number_excerpt, seconds_to_ms

DIGITS = "9" * 5000


def _quickly(seconds: float = 1.0):  # type: ignore[no-untyped-def]
    """A context that fails the test when its body takes longer than ``seconds``."""
    class Timer:
        def __enter__(self) -> None:
            self.started = time.monotonic()

        def __exit__(self, *exc: object) -> None:
            elapsed = time.monotonic() - self.started
            assert elapsed < seconds, f"{elapsed:.1f} s"
    return Timer()


# --- one checked conversion of times ----------------------------------------------------------

@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf"), 1e306, -1e306, 10**4000,
                                   MAX_MS // 1000 + 1])
def test_seconds_beyond_the_model_are_refused_naming_the_field(value: float) -> None:
    with pytest.raises(ReadError, match="segment 1: start of .* is out of range") as caught:
        seconds_to_ms(value, "segment 1: start")
    assert len(str(caught.value)) < 200


def test_seconds_within_the_model_are_converted_as_before() -> None:
    assert seconds_to_ms(1.0005) == 1001 and seconds_to_ms(-0.0015) == -2 and seconds_to_ms(2) == 2000
    assert seconds_to_ms(MAX_MS // 1000) == MAX_MS


def test_checked_ms_and_decimal_int() -> None:
    assert checked_ms(MAX_MS) == MAX_MS and checked_ms(-MAX_MS) == -MAX_MS
    with pytest.raises(ReadError, match="line 7: a time of .*about 4001 digits"):
        checked_ms(10**4000, "a time", 7)
    assert decimal_int("0042") == 42
    with pytest.raises(ReadError, match="hours of 5000 digits is out of range"):
        decimal_int(DIGITS, "hours")


def test_a_huge_number_is_described_not_printed() -> None:
    assert number_excerpt(-(10**5000)) == "-<an integer of about 5001 digits>"
    assert number_excerpt(1e306) == "1e+306"


def test_json_numbers_a_float_cannot_hold_are_not_numbers() -> None:
    for value in (10**400, float("nan"), float("inf"), True):
        assert not is_number(value)
    assert json_kind(10**400) == "a number out of range" and json_kind(3) == "a number"
    assert is_number(10**300) and is_number(-1.5)


def test_json_integers_of_thousands_of_digits_are_refused() -> None:
    data = ('{"scribekit": 1, "segments": [{"words": [{"text": "a", "start": ' + DIGITS + ', "end": 1}]}]}')
    with pytest.raises(ReadError, match="thousands of digits"):
        read_all(data.encode())


@pytest.mark.parametrize("start", ["9" * 4000, "1e15", "1000000000001"])
def test_scribekit_json_times_beyond_the_model_are_refused(start: str) -> None:
    data = '{"scribekit": 1, "segments": [{"words": [{"text": "a", "start": ' + start + ', "end": 1}]}]}'
    with pytest.raises(ReadError, match=r"segments\[0\]\.words\[0\]: start of .* ms is out of range"):
        read_all(data.encode())


@pytest.mark.parametrize(("field", "value"), [("start", "1e306"), ("start", "9" * 4000), ("start", "Infinity"),
                                              ("startTimeOffset", "1e306")])
def test_amberscript_seconds_beyond_the_model_are_refused(field: str, value: str) -> None:
    document = {"startTimeOffset": "0", "start": "1.0"} | {field: value}
    data = ('{"startTimeOffset": ' + document["startTimeOffset"] + ', "speakers": [], "segments": [{"speaker": '
            '"spk1", "words": [{"start": ' + document["start"] + ', "end": 2.0, "text": "Hi"}]}]}')
    with pytest.raises(ReadError) as caught:
        read_all(data.encode(), "amberscript-json")
    assert ("out of range" in str(caught.value)) and len(str(caught.value)) < 200


def test_amberscript_a_sum_beyond_the_model_is_refused() -> None:
    data = (b'{"startTimeOffset": 999999999, "speakers": [], "segments": [{"speaker": "s", "words": '
            b'[{"start": 999999999, "end": 999999999, "text": "Hi"}]}]}')
    with pytest.raises(ReadError, match="segment 1, word 1: start of 1999999998000 ms is out of range"):
        read_all(data, "amberscript-json")


def test_happyscribe_seconds_beyond_the_model_are_refused() -> None:
    data = b'[{"speaker": "A", "words": [{"text": "Hi", "type": "word", "data_start": 1e306, "data_end": 2}]}]'
    with pytest.raises(ReadError, match="data_start of 1e\\+306 seconds is out of range"):
        read_all(data, "happyscribe-json")


def test_amberscript_xml_seconds_beyond_the_model_are_refused() -> None:
    data = (b'<AudioDoc><SegmentList><SpeechSegment><word stime="1e14" dur="1">Hi</word></SpeechSegment>'
            b'</SegmentList></AudioDoc>')
    with pytest.raises(ReadError, match="line 1: segment 1, word 1: start of 100000000000000.0 seconds is out of"):
        read_all(data, "amberscript-xml")


# --- SRT and WebVTT time fields ---------------------------------------------------------------

@pytest.mark.parametrize("hours", [DIGITS, "9" * 25, "999999999"])
def test_srt_hours_beyond_the_model_are_refused_naming_the_line(hours: str) -> None:
    data = f"1\n00:00:01,000 --> 00:00:02,000\nHi\n\n2\n{hours}:00:01,000 --> 00:00:02,000\nHo\n".encode()
    with pytest.raises(ReadError, match="line 6: (hours of 5000 digits|a time of .*) is out of range"):
        read_all(data, "srt")


def test_srt_a_millisecond_field_of_thousands_of_digits_is_a_fraction_and_the_warning_short() -> None:
    data = ("1\n00:00:01," + "4996" + DIGITS + " --> 00:00:02,000\nHi\n").encode()
    with pytest.warns(ScribekitWarning) as caught:
        cue = read_all(data, "srt")[0].cues[0]  # type: ignore[index]
    assert cue.start == 1500
    assert all(len(str(w.message)) < 300 for w in caught)


def test_the_fraction_of_a_second_rounds_as_before_from_its_first_four_digits() -> None:
    for digits in ("5", "05", "1234", "12345", "1235", "9995", "99949999", "0004999", "0005", "4996" + "9" * 50):
        exact = (int(digits) * 1000 + 10 ** len(digits) // 2) // 10 ** len(digits)
        assert _fraction_ms(digits) == exact, digits


@pytest.mark.parametrize("hours", [DIGITS, "9" * 12, "1000000"])
def test_vtt_hours_beyond_the_model_are_refused_naming_the_line(hours: str) -> None:
    data = f"WEBVTT\n\n{hours}:00:01.000 --> {hours}:00:02.000\nHi\n".encode()
    with pytest.raises(ReadError, match="line 3: a time .* is out of range"):
        read_all(data, "vtt")


def test_vtt_hours_with_leading_zeros_are_read() -> None:
    data = b"WEBVTT\n\n0000000000001:00:01.000 --> 0000000000001:00:02.000\nHi\n"
    assert read_all(data, "vtt")[0].cues[0].start == 3_601_000  # type: ignore[index]


# --- text decoding -----------------------------------------------------------------------------

@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_and_of_an_odd_length_is_read(codec: str) -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\nGrüezi\n"
    with pytest.warns(ScribekitWarning, match="odd number of bytes"):
        assert decode(text.encode(codec) + b"\x00") == text


def test_utf16_without_a_byte_order_mark_with_a_lone_surrogate_is_not_a_crash() -> None:
    data = "1\n00:00:01,000 --> 00:00:02,000\nHi\n".encode("utf-16-le") + b"\x00\xd8A\x00"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        try:
            read_all(data)
        except ReadError:
            pass


def test_a_codec_that_is_no_text_encoding_is_a_read_error() -> None:
    with pytest.raises(ReadError, match="check encoding="):
        decode(b"\xff\xfe", "punycode")


# --- quadratic patterns --------------------------------------------------------------------------

_OLD_BROKEN = re.compile(r"[ \t]*-?[ \t]*\d+[ \t]*[:：][ \t]*\d+[ \t]*[:：,.，][ \t]*\d+"
                         r"(?:.*(?:-[ \t]*>|[—–]>|→)|.*\d[ \t]*[:：][ \t]*\d)")


@pytest.mark.parametrize("line", ["00:00:01,000 -> 00:00:02", " - 1:02:03 -- >", "\t-\t1 : 2 , 3 x 4:5",
                                  "1:2:3 4:5", "10:30 -> 11:00", "-  -1:2:3->", "1:2:3", " 01:02:03,5 →",
                                  "--1:2:3 ->", "- 1:2:3 4 : 5", "1:2:34:5", "1:2:345", "1:2:3456 7:8"])
def test_the_broken_timing_pattern_matches_what_it_matched(line: str) -> None:
    assert bool(_BROKEN.match(line)) == bool(_OLD_BROKEN.match(line))


@pytest.mark.parametrize("text", ["1\n" + " " * 300_000 + ":\n",
                                  "1\n00:00:01,000 --> 00:00:02,000\nHi\n\n" + "\t" * 300_000 + "1:\n",
                                  "1\n00:00:01,000 --> 00:00:02,000\nHi\n\n" + " -" * 150_000 + "1:2\n",
                                  "1\n00:00:" + "9" * 300_000 + "\n"])
def test_srt_long_runs_of_whitespace_are_read_in_linear_time(text: str) -> None:
    with _quickly(), warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        try:
            read_all(text.encode(), "srt")
        except ReadError:
            pass


@pytest.mark.parametrize("line", [" " * 300_000 + "a: b", "\u3000" * 300_000 + "x:",
                                  " " * 150_000 + "-" + " " * 150_000 + "x:"])
def test_srt_cue_lines_with_long_runs_of_whitespace_are_written_in_linear_time(line: str) -> None:
    cues = [Cue(0, 1000, ["Hi", line])]
    with _quickly():
        written = srt.write_cues(cues, Transcript(cues=cues))
    assert written.endswith(f"\nHi\n{line}\n")  # nothing a reader would take for a timing line


_ASS = ("[Script Info]\nScriptType: v4.00+\n\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, "
        "MarginV, Effect, Text\nDialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,Hello\n")


def test_ass_a_long_unclosed_section_heading_is_passed_over_quickly() -> None:
    with _quickly():
        cues = read_all((_ASS + "[" + "a" * 300_000 + "\n" + "  [b\n").encode(), "ass")[0].cues
    assert cues is not None and [cue.lines for cue in cues] == [["Hello"]]


def test_tmp_a_long_line_with_markup_is_refused_naming_the_line() -> None:
    with _quickly(), pytest.raises(ReadError, match="line 2: a TMP subtitle line of 300010 characters"):
        read_all(("00:00:01:Hello\n00:00:03:<" + " " * 300_000 + "\n").encode(), "tmp")


def test_tmp_a_short_line_with_markup_is_read() -> None:
    cues = read_all(b"00:00:01:Hello <u>there</u>\n", "tmp")[0].cues
    assert cues is not None and cues[0].lines == ["Hello <u>there"]


def test_sami_a_subtitle_of_thousands_of_tags_is_refused_naming_the_line() -> None:
    with _quickly(), pytest.raises(ReadError, match="line 3: a SAMI subtitle of more than 5000 tags"):
        read_all(("<SAMI><BODY>\n<SYNC Start=1><P>Hi\n<SYNC Start=2><P>" + "<i>a" * 6000).encode(), "sami")
    cues = read_all(("<SAMI><BODY>" + "<SYNC Start=1><P><i>a</i>" * 2000).encode(), "sami")[0].cues
    assert cues is not None and len(cues) >= 1999  # pysubs2 drops the last subtitle when nothing closes it


def test_xml_an_unclosed_declaration_is_refused_before_libxml2_sees_it() -> None:
    for data in (b"<?xml" + b" " * 300_000 + b"<AudioDoc/>", b'<?xml version="1.0"' + b"\t" * 300_000):
        with _quickly(0.5), pytest.raises(ReadError, match="line 1: the XML declaration is not closed"):
            read_all(data, "amberscript-xml")


@pytest.mark.parametrize("text", ["[" + " -> " * 75_000, "\n [" + " -> " * 5000 + "\n" + _ASS])
def test_detection_passes_over_a_long_whisper_like_first_line_quickly(text: str) -> None:
    read_all(_ASS.encode(), "ass")  # imports pysubs2
    with _quickly(), warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        try:
            read_all(text.encode())
        except ReadError:
            pass


def test_ttml_entities_are_refused_before_pysubs2_expands_them() -> None:
    text = ('<?xml version="1.0"?>\n<!DOCTYPE tt [<!ENTITY a "aaaaaaaaaa">'
            + "".join(f'<!ENTITY {chr(98 + i)} "{f"&{chr(97 + i)};" * 10}">' for i in range(9))
            + ']><tt xmlns="http://www.w3.org/ns/ttml"><body><div><p begin="1s" end="2s">&j;</p></div></body></tt>')
    for fmt in ("ttml", None):
        with _quickly(0.3), pytest.raises(ReadError, match="line 2: the XML declares entities"):
            read_all(text.encode(), fmt)


def test_premiere_detection_strips_instructions_in_linear_time() -> None:
    from scribekit.formats.premiere import _without_instructions, sniff

    for head in ("<?a?><?b>c?>d", "<?>x?>", "<?<?x?>y", "a<?b", "<?x>?>", "<??>"):
        assert _without_instructions(head) == re.sub(r"<\?[^>]*\?>", "", head)
    with _quickly(0.5):
        assert not sniff("<?" * 150_000)
    assert sniff('<?xml version="1.0"?>\n<?pi x?>\n<!DOCTYPE xmeml>\n<xmeml version="4">')


def test_close_open_tags_is_linear() -> None:
    with _quickly():
        closed = close_open_tags("<i><b>" * 50_000 + "</i>" * 50_000)
    assert closed.endswith("</b>" * 50_000)
    assert close_open_tags("<i><b><i>x</i>") == "<i><b><i>x</i></b></i>"


# --- pysubs2's warnings, errors and times ------------------------------------------------------------

def test_pysubs2_warnings_become_scribekit_warnings() -> None:
    style = ("[V4+ Styles]\nStyle: Default,Arial,20,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,"
             "0,0,1,2,2,2,x,10,10,1\n\n[Events]")
    data = _ASS.replace("[Events]", style).encode()
    with pytest.warns(ScribekitWarning, match="ass: Failed to parse marginl"):
        read_all(data, "ass")


def test_pysubs2_errors_are_cut_short() -> None:
    data = _ASS.replace("0:00:02.00", "0:0" + "[" * 100_000).encode()
    with pytest.raises(ReadError, match="not readable as ass") as caught:
        read_all(data, "ass")
    assert len(str(caught.value)) < 300


@pytest.mark.parametrize(("fmt", "text"), [("microdvd", "{1}{1}25\n{25}{" + "9" * 30 + "}Hello\n"),
                                           ("mpl2", "[10][" + "9" * 30 + "] Hello\n"),
                                           ("sami", f"<SAMI><BODY><SYNC Start={'9' * 30}><P>Hello\n</SAMI>")])
def test_pysubs2_times_beyond_the_model_are_refused(fmt: str, text: str) -> None:
    with pytest.raises(ReadError, match="subtitle 1: (start|end) of .* ms is out of range"):
        read_all(text.encode(), fmt)


# --- short messages ----------------------------------------------------------------------------------

def test_repair_examples_are_short_excerpts() -> None:
    repairs = Repairs()
    repairs.add("ignored text", 3, ": " + "x" * 100_000)
    with pytest.warns(ScribekitWarning) as caught:
        repairs.report()
    assert len(str(caught[0].message)) < 120


def test_srt_an_arrow_with_a_long_run_of_spaces_is_named_briefly() -> None:
    data = ("1\n00:00:01,000 --" + " " * 30_000 + "> 00:00:02,000\nHi\n").encode()
    with pytest.warns(ScribekitWarning, match=r"arrow '-- \.\.\.>' read as '-->'") as caught:
        read_all(data, "srt")
    assert all(len(str(w.message)) < 200 for w in caught)
    repairs = Repairs()
    repairs.add("quoted " + "x" * 100_000, 1)
    with pytest.warns(ScribekitWarning) as reported:
        repairs.report()
    assert len(str(reported[0].message)) < 200


def test_xml_and_timecode_messages_are_short() -> None:
    with pytest.raises(ReadError) as caught:
        read_all(("<AudioDoc><" + "a" * 100_000 + "></b></AudioDoc>").encode(), "amberscript-xml")
    assert len(str(caught.value)) < 300
    with pytest.raises(ValueError) as timecode:
        FrameRate.of(25).parse("1" * 100_000)
    assert len(str(timecode.value)) < 100
    data = ("Anna\t01:00:01:00\tV1\tred\tHello\t" + "3- " * 2000 + "\n").encode()
    with pytest.raises(ReadError) as marker:
        read_all(data, "avid-markers", fps=25)
    assert len(str(marker.value)) < 200


@pytest.mark.parametrize("index", ['"' + "x" * 100_000 + '"', "1" * 4000, "9" * 100])
def test_amberscript_highlight_word_ranges_are_named_briefly(index: str) -> None:
    data = ('{"startTimeOffset": 0, "speakers": [], "segments": [{"speaker": "s", "words": [{"start": 1, "end": 2, '
            '"text": "Hi"}]}], "highlights": [{"startWordIndex": ' + index + ', "endWordIndex": 0}]}').encode()
    with pytest.warns(ScribekitWarning, match="word range .* does not fit") as caught:
        read_all(data, "amberscript-json")
    assert all(len(str(w.message)) < 200 for w in caught)
