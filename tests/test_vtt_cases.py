"""WebVTT, case by case: the exact cues, header and warnings of each branch of the tolerant
reader (signature, line ends, header lines and blocks, timings, identifiers, comments, bad
cues), the pieces the streaming reader hands over, cue text to the neutral form, and the exact
bytes the writer puts out (escaping, identifiers, settings, voices, word timestamps)."""
from __future__ import annotations

import warnings

import pytest

from scribekit import Cue, Metadata, OptionError, ReadError, ScribekitWarning, Speaker, Transcript, Word
from scribekit.formats import vtt
from scribekit.markup import Repairs

Row = tuple[str | None, int, int, list[str]]


def reading(text: str) -> tuple[Transcript, list[str]]:
    """The transcript ``vtt.read`` makes of ``text`` and the warnings it gave."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        transcript = vtt.read(text)
    return transcript, [str(w.message) for w in caught if issubclass(w.category, ScribekitWarning)]


def rows(transcript: Transcript) -> list[Row]:
    assert transcript.cues is not None
    return [(c.identifier, c.start, c.end, c.lines) for c in transcript.cues]


def read_rows(text: str) -> tuple[list[Row], list[str]]:
    transcript, messages = reading(text)
    return rows(transcript), messages


def writing(cues: list[Cue], transcript: Transcript | None = None, **options: bool) -> tuple[str, list[str]]:
    """What ``vtt.write_cues`` writes and the warnings it gave."""
    transcript = transcript or Transcript(cues=cues)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        text = vtt.write_cues(cues, transcript, vtt.Options(**options))
    return text, [str(w.message) for w in caught if issubclass(w.category, ScribekitWarning)]


def written(cues: list[Cue], transcript: Transcript | None = None, **options: bool) -> str:
    text, messages = writing(cues, transcript, **options)
    assert messages == []
    return text


CUE = "00:01.000 --> 00:02.000"
NOT_A_CUE = "ignored lines that are neither a cue nor a comment"
BAD_TIMING = "skipped a cue whose timing line cannot be read"


# --- the signature ------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "webvtt"), [
    ("WEBVTT", True), ("WEBVTT\n", True), ("WEBVTT ", True), ("WEBVTT\t", True), ("WEBVTT\r", True),
    ("WEBVTT - a title", True), ("\ufeffWEBVTT", True), ("\ufeffWEBVTT\n", True), ("\ufeffWEBVTT x", True),
    ("WEBVTTX", False), ("WEBVTT-", False), ("WEBVTTXX", False), ("\ufeffWEBVTTX", False), ("\ufeffWEBVT", False),
    ("xWEBVTT", False), ("WEBVT", False), ("", False), ("\ufeff", False), ("\ufeff\ufeffWEBVTT", False),
    ("webvtt", False), ("WEBVTT\f", False),
])
def test_sniff_wants_webvtt_then_a_space_a_tab_a_line_end_or_nothing(text: str, webvtt: bool) -> None:
    assert vtt.sniff(text) is webvtt


@pytest.mark.parametrize(("line", "webvtt"), [
    ("WEBVTT", True), ("WEBVTT ", True), ("WEBVTT\tx", True), ("WEBVTT title", True),
    ("WEBVTTX", False), ("WEBVTT\f", False), ("WEBVTT\r", False), ("WEBVT", False), ("", False), (" WEBVTT", False),
    ("XWEBVTT", False),
])
def test_is_signature_reads_the_first_line_alone(line: str, webvtt: bool) -> None:
    assert vtt.is_signature(line) is webvtt


@pytest.mark.parametrize("text", ["WEBVTTX\n\n00:01.000 --> 00:02.000\nx\n", "\n", "\ufeff", "\ufeff\ufeffWEBVTT\n",
                                  " WEBVTT\n"])
def test_a_file_without_the_signature_is_a_read_error(text: str) -> None:
    with pytest.raises(ReadError) as caught:
        vtt.read(text)
    assert caught.value.message == "not a WebVTT file: the first line must be WEBVTT"
    assert caught.value.line == 1
    assert caught.value.hint == "WEBVTT, then a space, a tab or a line end"


@pytest.mark.parametrize("text", ["WEBVTT", "WEBVTT\n", "\ufeffWEBVTT", "WEBVTT\r\n", "WEBVTT\r"])
def test_the_signature_alone_is_an_empty_file(text: str) -> None:
    transcript, messages = reading(text)
    assert rows(transcript) == [] and messages == []
    assert transcript.metadata.source == "vtt"
    assert transcript.metadata.language is None
    assert transcript.metadata.extra == {}
    assert transcript.speakers == []


# --- line ends, BOM, NUL ------------------------------------------------------------------------


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_every_line_end_reads_the_same(end: str) -> None:
    text = end.join(["WEBVTT", "Kind: captions", "", "one", CUE, "A", "B", "", "00:03.000 --> 00:04.000", "C", ""])
    transcript, messages = reading(text)
    assert rows(transcript) == [("one", 1000, 2000, ["A", "B"]), (None, 3000, 4000, ["C"])]
    assert transcript.metadata.extra == {"vtt_header": ["WEBVTT\nKind: captions"]}
    assert messages == []


def test_a_bom_before_the_signature_is_dropped() -> None:
    assert read_rows(f"\ufeffWEBVTT\n\n{CUE}\nA\n") == ([(None, 1000, 2000, ["A"])], [])


def test_a_bom_later_in_the_file_is_text() -> None:
    assert read_rows(f"WEBVTT\n\n{CUE}\n\ufeffA\n") == ([(None, 1000, 2000, ["\ufeffA"])], [])


def test_nul_is_read_as_the_replacement_character() -> None:
    assert read_rows(f"WEBVTT\n\n{CUE}\na\0b\0\n") == ([(None, 1000, 2000, ["a\ufffdb\ufffd"])], [])


@pytest.mark.parametrize("tail", ["", "\n"])
def test_the_last_line_needs_no_line_end(tail: str) -> None:
    assert read_rows(f"WEBVTT\n\n{CUE}\nlast{tail}") == ([(None, 1000, 2000, ["last"])], [])


def test_blank_lines_at_the_end_end_the_last_cue() -> None:
    assert read_rows(f"WEBVTT\n\n{CUE}\nlast\n\n\n\n") == ([(None, 1000, 2000, ["last"])], [])


# --- the header -----------------------------------------------------------------------------------


def test_header_lines_are_kept_and_language_is_read() -> None:
    transcript, messages = reading("WEBVTT title\nKind: captions\nLanguage: fr-CA\n\n" + CUE + "\nA\n")
    assert transcript.metadata.language == "fr-CA"
    assert transcript.metadata.extra == {"vtt_header": ["WEBVTT title\nKind: captions\nLanguage: fr-CA"]}
    assert rows(transcript) == [(None, 1000, 2000, ["A"])] and messages == []


@pytest.mark.parametrize(("header", "language"), [
    ("WEBVTT\nLanguage: de", "de"),
    ("WEBVTT\nlanguage=de", "de"),
    ("WEBVTT\nLANGUAGE : de x", "de"),
    ("WEBVTT\nLanguage:\tpt-BR", "pt-BR"),
    ("WEBVTT\nLanguage: fr\nLanguage: de", "fr"),  # the first one
    ("WEBVTT\nKind: captions\nlanguage: nl", "nl"),
    ("WEBVTT Language: de", None),  # not on the signature line
    ("WEBVTT\nthe language: de", None),
    ("WEBVTT\nLanguage de", None),
    ("WEBVTT\nLanguage:", None),
])
def test_language_header_line(header: str, language: str | None) -> None:
    transcript, _ = reading(header + "\n\n" + CUE + "\nA\n")
    assert transcript.metadata.language == language


def test_only_a_bare_signature_line_leaves_no_header_to_write_back() -> None:
    assert reading("WEBVTT x\n")[0].metadata.extra == {"vtt_header": ["WEBVTT x"]}
    assert reading("WEBVTT\n\n")[0].metadata.extra == {}


def test_style_and_region_blocks_before_the_first_cue_are_kept() -> None:
    text = ("WEBVTT\nKind: captions\n\nSTYLE\n::cue { color: red }\n\nREGION\nid:r width:40%\n\n"
            "NOTE dropped\n\n" + CUE + " region:r\nA\n")
    transcript, messages = reading(text)
    assert transcript.metadata.extra == {"vtt_header": [
        "WEBVTT\nKind: captions", "STYLE\n::cue { color: red }", "REGION\nid:r width:40%"]}
    assert rows(transcript) == [(None, 1000, 2000, ["A"])] and messages == []
    assert transcript.cues is not None and transcript.cues[0].style == {"vtt_settings": "region:r"}


@pytest.mark.parametrize("keyword", ["STYLE", "REGION"])
def test_a_block_right_under_the_header_lines_ends_them(keyword: str) -> None:
    text = f"WEBVTT\nKind: captions\n{keyword} \nbody\n\n{CUE}\nA\n"
    transcript, messages = reading(text)
    assert transcript.metadata.extra == {"vtt_header": ["WEBVTT\nKind: captions", f"{keyword} \nbody"]}
    # the header line above the block is not the cue's identifier
    assert rows(transcript) == [(None, 1000, 2000, ["A"])] and messages == []


def test_a_timing_line_ends_a_block_and_starts_a_cue() -> None:
    text = f"WEBVTT\n\nSTYLE\n::cue {{}}\n{CUE}\nA\n"
    transcript, messages = reading(text)
    assert transcript.metadata.extra == {"vtt_header": ["WEBVTT", "STYLE\n::cue {}"]}
    assert rows(transcript) == [(None, 1000, 2000, ["A"])] and messages == []


def test_a_bad_timing_line_ends_a_block_and_is_skipped() -> None:
    """The text under it goes with the skipped cue: reported once, as after the first cue."""
    text = f"WEBVTT\n\nREGION\nid:r\n00:01.000 --> 00:99.000\nlost\n\n{CUE}\nA\n"
    transcript, messages = reading(text)
    assert transcript.metadata.extra == {"vtt_header": ["WEBVTT", "REGION\nid:r"]}
    assert rows(transcript) == [(None, 1000, 2000, ["A"])]
    assert messages == [f"line 5: {BAD_TIMING}"]


def test_lines_right_after_a_block_and_its_blank_line_are_reported() -> None:
    text = f"WEBVTT\n\nSTYLE\nx\n\njunk\n\n{CUE}\nA\n"
    transcript, messages = reading(text)
    assert transcript.metadata.extra == {"vtt_header": ["WEBVTT", "STYLE\nx"]}
    assert rows(transcript) == [(None, 1000, 2000, ["A"])]
    assert messages == [f"line 6: {NOT_A_CUE}"]


def test_lines_after_a_block_ended_by_a_bad_timing_line_and_a_blank_are_reported() -> None:
    text = f"WEBVTT\n\nSTYLE\nx\n00:01.000 --> 00:99.000\nlost\n\njunk\n\n{CUE}\nA\n"
    transcript, messages = reading(text)
    assert rows(transcript) == [(None, 1000, 2000, ["A"])]
    assert messages == [f"line 5: {BAD_TIMING}", f"line 8: {NOT_A_CUE}"]


def test_a_line_with_an_arrow_in_a_block_that_is_no_timing_line() -> None:
    text = f"WEBVTT\n\nSTYLE\nx --> y\n\n{CUE}\nA\n"
    transcript, messages = reading(text)
    assert transcript.metadata.extra == {"vtt_header": ["WEBVTT", "STYLE"]}
    assert rows(transcript) == [(None, 1000, 2000, ["A"])]
    assert messages == [f"line 4: {BAD_TIMING}"]


@pytest.mark.parametrize("line", ["STYLEX", "STYLE:x", "REGIONS", "style", "NOTE", "STYLE\x0b", "REGION\u00a0"])
def test_only_style_or_region_alone_start_a_block(line: str) -> None:
    transcript, _ = reading(f"WEBVTT\n\n{line}\nbody\n\n{CUE}\nA\n")
    assert transcript.metadata.extra == {}
    assert rows(transcript) == [(None, 1000, 2000, ["A"])]


@pytest.mark.parametrize("line", ["STYLE", "STYLE ", "STYLE\t\t", "REGION", "REGION \f"])
def test_style_or_region_with_trailing_spaces_start_a_block(line: str) -> None:
    transcript, _ = reading(f"WEBVTT\n\n{line}\nbody\n\n{CUE}\nA\n")
    assert transcript.metadata.extra == {"vtt_header": ["WEBVTT", f"{line}\nbody"]}


def test_a_timing_line_in_the_header_lines_starts_the_first_cue() -> None:
    transcript, messages = reading(f"WEBVTT\n{CUE}\nA\n")
    assert rows(transcript) == [(None, 1000, 2000, ["A"])] and messages == []
    assert transcript.metadata.extra == {}


def test_the_header_line_right_above_a_timing_line_is_the_cue_identifier() -> None:
    transcript, messages = reading(f"WEBVTT\nKind: captions\nfirst\n{CUE}\nA\n")
    assert rows(transcript) == [(None, 1000, 2000, ["A"])]  # the second header line: no identifier
    assert transcript.metadata.extra == {"vtt_header": ["WEBVTT\nKind: captions\nfirst"]}
    transcript, messages = reading(f"WEBVTT\nfirst\n{CUE}\nA\n")
    assert rows(transcript) == [("first", 1000, 2000, ["A"])] and messages == []
    assert transcript.metadata.extra == {}  # the line became the identifier
    transcript, messages = reading(f"WEBVTT\na\nb\nc\n{CUE}\nA\n")
    assert rows(transcript) == [("c", 1000, 2000, ["A"])] and messages == []
    assert transcript.metadata.extra == {"vtt_header": ["WEBVTT\na\nb"]}


def test_the_line_before_a_timing_line_after_the_header_is_the_identifier() -> None:
    assert read_rows(f"WEBVTT\n\nintro\n{CUE}\nA\n") == ([("intro", 1000, 2000, ["A"])], [])
    assert read_rows(f"WEBVTT\n\na\nb\nc\n{CUE}\nA\n") == ([("c", 1000, 2000, ["A"])], [f"line 3: {NOT_A_CUE}"])
    assert read_rows(f"WEBVTT\n\na\nb\n{CUE}\nA\n") == ([(None, 1000, 2000, ["A"])], [f"line 3: {NOT_A_CUE}"])


def test_a_line_with_an_arrow_is_no_identifier() -> None:
    text = f"WEBVTT\n\nx --> y\n{CUE}\nA\n"
    assert read_rows(text) == ([(None, 1000, 2000, ["A"])], [f"line 3: {BAD_TIMING}"])


def test_a_comment_before_the_first_cue_is_dropped_silently() -> None:
    for note in ["NOTE", "NOTE a comment", "NOTE\ta comment", "NOTE \nover\nlines"]:
        transcript, messages = reading(f"WEBVTT\n\n{note}\n\n{CUE}\nA\n")
        assert rows(transcript) == [(None, 1000, 2000, ["A"])] and messages == [], note
        assert transcript.metadata.extra == {}


def test_a_comment_right_above_a_timing_line_is_its_identifier() -> None:
    assert read_rows(f"WEBVTT\n\nNOTE\n{CUE}\nA\n") == ([("NOTE", 1000, 2000, ["A"])], [])


@pytest.mark.parametrize(("block", "message"), [
    ("NOTEx", NOT_A_CUE), ("NOTEX", NOT_A_CUE), ("NOTE\u00a0x", NOT_A_CUE),
    ("junk", NOT_A_CUE), ("junk\nmore", NOT_A_CUE), ("1:2", BAD_TIMING),
    ("12:00 no arrow", BAD_TIMING), ("x1:2", NOT_A_CUE), ("12", NOT_A_CUE),
])
def test_junk_before_the_first_cue_is_reported_at_its_first_line(block: str, message: str) -> None:
    text = f"WEBVTT\n\n\n{block}\n\n{CUE}\nA\n"
    assert read_rows(text) == ([(None, 1000, 2000, ["A"])], [f"line 4: {message}"])


def test_junk_at_the_end_of_a_file_without_cues_is_reported() -> None:
    assert read_rows("WEBVTT\n\njunk\n") == ([], [f"line 3: {NOT_A_CUE}"])
    assert read_rows("WEBVTT\n\njunk") == ([], [f"line 3: {NOT_A_CUE}"])
    assert read_rows("WEBVTT\n\n12:00\n") == ([], [f"line 3: {BAD_TIMING}"])
    assert read_rows("WEBVTT\n\nNOTE x\n") == ([], [])


def test_junk_blocks_before_the_first_cue_are_counted() -> None:
    text = f"WEBVTT\n\njunk\n\nmore junk\nand more\n\nNOTE fine\n\n{CUE}\nA\n"
    assert read_rows(text) == ([(None, 1000, 2000, ["A"])], [f"line 3: {NOT_A_CUE} (and 1 more like it)"])


def test_junk_then_a_timing_line_without_a_blank_line() -> None:
    # the junk line is the identifier of the cue: nothing is lost, nothing reported
    assert read_rows(f"WEBVTT\n\njunk\n{CUE}\nA\n") == ([("junk", 1000, 2000, ["A"])], [])
    # two junk lines: the first is lost (reported), the second is no identifier either
    assert read_rows(f"WEBVTT\n\nx\njunk\n{CUE}\nA\n") == ([(None, 1000, 2000, ["A"])], [f"line 3: {NOT_A_CUE}"])


def test_a_bad_timing_line_before_the_first_cue_is_skipped_with_its_text() -> None:
    text = f"WEBVTT\n\n00:01.000 --> 00:02\nlost\n\nid\n{CUE}\nA\n"
    assert read_rows(text) == ([("id", 1000, 2000, ["A"])], [f"line 3: {BAD_TIMING}"])


# --- timings --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("timing", "start", "end"), [
    ("00:00.000 --> 00:00.001", 0, 1),
    ("00:00:00.000 --> 00:00:00.000", 0, 0),
    ("59:59.999 --> 01:00:00.000", 3_599_999, 3_600_000),
    ("01:02:03.004 --> 10:20:30.400", 3_723_004, 37_230_400),
    ("0:00:01.000 --> 1:00:01.000", 1000, 3_601_000),  # hours of any width
    ("100:00:00.000 --> 123:00:00.000", 360_000_000, 442_800_000),
    ("0000000000001:00:00.000 --> 0000000000:00:00.000", 3_600_000, 0),
    ("277777:46:40.000 --> 277777:46:40.000", 10**12, 10**12),
    ("00:01.000-->00:02.000", 1000, 2000),
    (" \t\f00:01.000 \t\f-->\f\t 00:02.000", 1000, 2000),
])
def test_timings_read(timing: str, start: int, end: int) -> None:
    assert read_rows(f"WEBVTT\n\n{timing}\nA\n")[0] == [(None, start, end, ["A"])]


@pytest.mark.parametrize("timing", [
    "00:00.000 --> 00:60.000",  # seconds 60
    "00:00:60.000 --> 00:01:00.000",
    "60:00.000 --> 60:01.000",  # minutes 60 without hours
    "00:60:00.000 --> 00:61:00.000",
    "0:00.000 --> 00:01.000",  # one-digit minutes
    "000:00.000 --> 00:01.000",  # three-digit minutes
    "00:0.000 --> 00:01.000",
    "00:000.000 --> 00:01.000",
    "00:00:0.000 --> 00:00:01.000",
    "00:00:000.000 --> 00:00:01.000",
    "00:0:00.000 --> 00:00:01.000",
    "00:00.00 --> 00:01.000",
    "00:00.0000 --> 00:01.000",
    "00:00.000 --> 00:01.0000",
    "00:00.000 --> 00:01:00:00.000",
    "1234567890:00.000 --> 00:01.000",  # ten-digit minutes: refused, not out of range
    "00:00.000 -- > 00:01.000",
    "x00:00.000 --> 00:01.000",
])
def test_timings_a_browser_refuses(timing: str) -> None:
    text = f"WEBVTT\n\n{timing}\nlost\n\n{CUE}\nA\n"
    assert read_rows(text) == ([(None, 1000, 2000, ["A"])], [f"line 3: {BAD_TIMING}"])


def test_a_comma_before_the_milliseconds_is_read_with_a_warning() -> None:
    for timing in ["00:01,000 --> 00:02.000", "00:01.000 --> 00:02,000", "00:00:01,000 --> 00:00:02,000"]:
        assert read_rows(f"WEBVTT\n\n{timing}\nA\n") == (
            [(None, 1000, 2000, ["A"])], ["line 3: ',' instead of '.' before the milliseconds"])


def test_a_cue_that_ends_before_it_starts_is_kept_with_a_warning() -> None:
    assert read_rows("WEBVTT\n\n00:02.000 --> 00:01.999\nA\n") == (
        [(None, 2000, 1999, ["A"])], ["line 3: cue ends before it starts (kept as it is)"])
    assert read_rows("WEBVTT\n\n00:02.000 --> 00:02.000\nA\n") == ([(None, 2000, 2000, ["A"])], [])


def test_hours_of_ten_digits_and_more_are_out_of_range() -> None:
    with pytest.raises(ReadError, match="a time of 10-digit hours is out of range") as caught:
        vtt.read("WEBVTT\n\n1234567890:00:00.000 --> 00:01.000\nA\n")
    assert caught.value.line == 3
    with pytest.raises(ReadError, match="a time of 11-digit hours is out of range") as caught:
        vtt.read(f"WEBVTT\n\n{CUE}\nA\n\n00:01.000 --> 000012345678901:00:00.000\nB\n")
    assert caught.value.line == 6


def test_hours_past_the_model_are_out_of_range() -> None:
    with pytest.raises(ReadError, match="a time of 1000000000001 ms is out of range") as caught:
        vtt.read("WEBVTT\n\n\n277777:46:40.001 --> 277777:46:40.002\nA\n")
    assert caught.value.line == 4
    with pytest.raises(ReadError, match="a time of 3599999996400000 ms is out of range"):
        vtt.read("WEBVTT\n\n999999999:00:00.000 --> 00:01.000\nA\n")
    with pytest.raises(ReadError, match="a time of 360000000000000 ms is out of range"):  # nine digits after zeros
        vtt.read("WEBVTT\n\n0100000000:00:00.000 --> 00:01.000\nA\n")


@pytest.mark.parametrize(("tail", "settings"), [
    (" align:start", "align:start"),
    ("x", "x"),  # settings need no space before them
    (" a:b\u00a0\x0b", "a:b\u00a0\x0b"),  # only spaces, tabs and form feeds are stripped
    ("\tline:0 position:10%  \t", "line:0 position:10%"),
    (" ", None),
    ("", None),
    ("\f\f", None),
])
def test_cue_settings_are_kept(tail: str, settings: str | None) -> None:
    transcript, messages = reading(f"WEBVTT\n\n{CUE}{tail}\nA\n")
    assert transcript.cues is not None and messages == []
    assert transcript.cues[0].style == ({"vtt_settings": settings} if settings else None)


# --- identifiers, blank lines, comments and bad cues after the first cue -------------------------


def test_identifiers_and_blank_lines_between_cues() -> None:
    text = f"WEBVTT\n\n{CUE}\nA\n\n\n\nsecond\n00:03.000 --> 00:04.000\nB\n\n3\n00:05.000 --> 00:06.000\n"
    assert read_rows(text) == ([(None, 1000, 2000, ["A"]), ("second", 3000, 4000, ["B"]), ("3", 5000, 6000, [])], [])


def test_an_identifier_with_spaces_is_kept_as_it_is() -> None:
    assert read_rows(f"WEBVTT\n\n {CUE[:3]} id \n{CUE}\nA\n")[0] == [(" 00: id ", 1000, 2000, ["A"])]


def test_a_cue_without_text() -> None:
    text = f"WEBVTT\n\n{CUE}\n\n00:03.000 --> 00:04.000\n"
    transcript, messages = reading(text)
    assert rows(transcript) == [(None, 1000, 2000, []), (None, 3000, 4000, [])] and messages == []
    assert transcript.cues is not None and [c.style for c in transcript.cues] == [None, None]


def test_a_timing_line_in_cue_text_ends_the_cue_and_starts_the_next() -> None:
    text = f"WEBVTT\n\n{CUE}\nA\n00:03.000 --> 00:04.000\nB\n00:05.000 --> 00:06.000\n"
    assert read_rows(text) == ([(None, 1000, 2000, ["A"]), (None, 3000, 4000, ["B"]), (None, 5000, 6000, [])], [])


def test_a_bad_timing_line_in_cue_text_ends_the_cue_and_skips_up_to_a_blank_line() -> None:
    text = f"WEBVTT\n\n{CUE}\nA\nx --> y\nlost\n00:05.000 --> 00:06.000\nB\n\n00:07.000 --> 00:08.000\nC\n"
    assert read_rows(text) == (
        [(None, 1000, 2000, ["A"]), (None, 5000, 6000, ["B"]), (None, 7000, 8000, ["C"])], [f"line 5: {BAD_TIMING}"])


def test_an_identifier_without_a_timing_line() -> None:
    text = f"WEBVTT\n\n{CUE}\nA\n\nlonely\n\n00:03.000 --> 00:04.000\nB\n"
    assert read_rows(text) == ([(None, 1000, 2000, ["A"]), (None, 3000, 4000, ["B"])],
                               ["line 6: ignored a line that is neither a cue nor a comment: 'lonely'"])


@pytest.mark.parametrize("tail", ["", "\n", "\n\n"])
def test_an_identifier_at_the_end_of_the_file(tail: str) -> None:
    text = f"WEBVTT\n\n{CUE}\nA\n\n{'x' * 40}{tail}"
    assert read_rows(text) == ([(None, 1000, 2000, ["A"])],
                               [f"line 6: ignored a line that is neither a cue nor a comment: {'x' * 30!r}"])


@pytest.mark.parametrize("tail", ["", "\n"])
def test_a_comment_at_the_end_of_the_file_is_no_identifier(tail: str) -> None:
    for note in ["NOTE", "NOTE x", "NOTE\tx"]:
        assert read_rows(f"WEBVTT\n\n{CUE}\nA\n\n{note}{tail}") == ([(None, 1000, 2000, ["A"])], []), note
    assert read_rows(f"WEBVTT\n\n{CUE}\nA\n\nNOTES{tail}") == (
        [(None, 1000, 2000, ["A"])], ["line 6: ignored a line that is neither a cue nor a comment: 'NOTES'"])


def test_comments_between_cues_are_dropped() -> None:
    text = f"WEBVTT\n\n{CUE}\nA\n\nNOTE one\n\nNOTE\ntwo\nlines\n\n00:03.000 --> 00:04.000\nB\n"
    assert read_rows(text) == ([(None, 1000, 2000, ["A"]), (None, 3000, 4000, ["B"])], [])


def test_a_comment_line_right_above_a_timing_line_is_the_identifier() -> None:
    text = f"WEBVTT\n\n{CUE}\nA\n\nNOTE x\n00:03.000 --> 00:04.000\nB\n"
    assert read_rows(text)[0] == [(None, 1000, 2000, ["A"]), ("NOTE x", 3000, 4000, ["B"])]


@pytest.mark.parametrize("keyword", ["STYLE", "REGION", "STYLE  "])
def test_a_block_after_the_first_cue_is_ignored_with_a_warning(keyword: str) -> None:
    text = f"WEBVTT\n\n{CUE}\nA\n\n{keyword}\nbody\n\n00:03.000 --> 00:04.000\nB\n"
    transcript, messages = reading(text)
    assert rows(transcript) == [(None, 1000, 2000, ["A"]), (None, 3000, 4000, ["B"])]
    assert messages == [f"line 6: ignored a {keyword.strip()} block after the first cue (browsers ignore it)"]
    assert transcript.metadata.extra == {}


@pytest.mark.parametrize(("identifier", "line"), [("12:00 no arrow", 6), ("1:", 6), ("id", 7), ("x1:2", 7),
                                                  ("12", 7)])
def test_a_bad_timing_line_after_an_identifier(identifier: str, line: int) -> None:
    """The warning names the identifier line when it looks like the broken timing line itself."""
    text = f"WEBVTT\n\n{CUE}\nA\n\n{identifier}\n00:03.000 -> 00:04.000\nlost\n\n00:05.000 --> 00:06.000\nB\n"
    assert read_rows(text) == ([(None, 1000, 2000, ["A"]), (None, 5000, 6000, ["B"])], [f"line {line}: {BAD_TIMING}"])


def test_a_timing_line_in_a_skipped_cue_starts_the_next_cue() -> None:
    text = f"WEBVTT\n\n{CUE}\nA\n\nid\nbad\nlost\n00:05.000 --> 00:06.000\nB\n"
    assert read_rows(text) == ([(None, 1000, 2000, ["A"]), (None, 5000, 6000, ["B"])], [f"line 7: {BAD_TIMING}"])
    text = f"WEBVTT\n\n{CUE}\nA\n\nid\nbad\nx --> y\nlost\n\n00:05.000 --> 00:06.000\nB\n"
    assert read_rows(text) == ([(None, 1000, 2000, ["A"]), (None, 5000, 6000, ["B"])],
                               [f"line 7: {BAD_TIMING} (and 1 more like it)"])


def test_a_bad_timing_line_after_a_blank_line() -> None:
    text = f"WEBVTT\n\n{CUE}\nA\n\n00:03.000 --> 00:04\nlost\n\nid\n00:05.000 --> 00:06.000\nB\n"
    transcript, messages = reading(text)
    assert rows(transcript) == [(None, 1000, 2000, ["A"]), ("id", 5000, 6000, ["B"])]
    assert messages == [f"line 6: {BAD_TIMING}"]
    assert transcript.cues is not None and [c.style for c in transcript.cues] == [None, None]


def test_identifier_and_settings_do_not_leak_into_the_next_cue() -> None:
    text = (f"WEBVTT\n\nfirst\n{CUE} align:end\nA\n\nsecond\n00:03.000 --> 00:04.000 line:0\nB\n"
            "00:05.000 --> 00:06.000\nC\n\nthird\n00:07.000 --> 00:08.000 x\n\n00:09.000 --> 00:10.000\nD\n")
    transcript, messages = reading(text)
    assert messages == []
    assert transcript.cues is not None
    assert [(c.identifier, (c.style or {}).get("vtt_settings"), c.lines) for c in transcript.cues] == [
        ("first", "align:end", ["A"]), ("second", "line:0", ["B"]), (None, None, ["C"]), ("third", "x", []),
        (None, None, ["D"])]


def test_identifier_and_settings_of_a_bad_cue_do_not_leak() -> None:
    text = f"WEBVTT\n\nfirst\n{CUE} align:end\nA\n\nid\nbad\n00:05.000 --> 00:06.000\nB\n"
    transcript, _ = reading(text)
    assert transcript.cues is not None
    assert [(c.identifier, c.style, c.lines) for c in transcript.cues] == [
        ("first", {"vtt_settings": "align:end"}, ["A"]), (None, None, ["B"])]
    text = f"WEBVTT\n\nfirst\n{CUE} align:end\nA\nx --> y\n\n00:05.000 --> 00:06.000\nB\n"
    transcript, _ = reading(text)
    assert transcript.cues is not None
    assert [(c.identifier, c.style, c.lines) for c in transcript.cues] == [
        ("first", {"vtt_settings": "align:end"}, ["A"]), (None, None, ["B"])]


# --- the pieces of the streaming reader -------------------------------------------------------------


def test_read_piece_of_a_whole_file() -> None:
    repairs = Repairs()
    lines = ["WEBVTT", "Kind: captions", "", "STYLE", "x", "", "id", CUE, "A", ""]
    cues, header, blocks, between = vtt.read_piece(lines, repairs)
    assert [(c.identifier, c.start, c.end, c.lines) for c in cues] == [("id", 1000, 2000, ["A"])]
    assert header == ["WEBVTT", "Kind: captions"] and blocks == [["STYLE", "x"]] and between is True
    assert repairs.found == {}


def test_read_piece_that_more_lines_follow() -> None:
    """Not final: the last cue is left to the next piece, and the piece says whether it ends between cues."""
    repairs = Repairs()
    cues, header, blocks, between = vtt.read_piece(["WEBVTT", "", CUE, "A", ""], repairs, final=False)
    assert [c.lines for c in cues] == [["A"]] and header == ["WEBVTT"] and blocks == [] and between is True
    cues, _, _, between = vtt.read_piece(["WEBVTT", "", "junk", ""], repairs, final=False)
    assert cues == [] and between is False
    cues, _, _, between = vtt.read_piece([CUE, "A"], repairs, 10, first=False, final=False)
    assert cues == [] and between is False


def test_read_piece_after_the_header_counts_lines_from_base() -> None:
    repairs = Repairs()
    lines = ["", "id", "00:01,000 --> 00:02.000", "A", "", "lonely"]
    cues, header, blocks, between = vtt.read_piece(lines, repairs, base=20, first=False)
    assert [(c.identifier, c.start, c.end, c.lines) for c in cues] == [("id", 1000, 2000, ["A"])]
    assert header == [] and blocks == [] and between is True
    assert repairs.found == {"',' instead of '.' before the milliseconds": [23, 1, ""],
                             "ignored a line that is neither a cue nor a comment": [26, 1, ": 'lonely'"]}


def test_read_piece_not_first_starts_between_cues() -> None:
    """A piece after the header reads its first line as a cue's identifier (or timing line), not as a header line."""
    repairs = Repairs()
    cues, header, _, _ = vtt.read_piece(["Kind: x", CUE, "A"], repairs, 5, first=False)
    assert [(c.identifier, c.lines) for c in cues] == [("Kind: x", ["A"])] and header == []
    cues, header, _, _ = vtt.read_piece(["00:03.000 --> 00:04.000", "B"], repairs, 5, first=False)
    assert [(c.start, c.lines) for c in cues] == [(3000, ["B"])] and header == []
    assert repairs.found == {}
    cues, header, blocks, _ = vtt.read_piece(["", "STYLE", "x", "", "lonely", ""], repairs, 5, first=False)
    assert cues == [] and header == [] and blocks == []
    assert repairs.found == {"ignored a STYLE block after the first cue (browsers ignore it)": [7, 1, ""],
                             "ignored a line that is neither a cue nor a comment": [10, 1, ": 'lonely'"]}


# --- cue text to the neutral form -----------------------------------------------------------------


def test_raw_text_and_speaker_of_a_cue() -> None:
    text = (f"WEBVTT\n\n{CUE}\n<v Anna>Hi</v>\n\n00:03.000 --> 00:04.000\n<i>same text</i>\n\n"
            "00:05.000 --> 00:06.000 a:b\n&amp;\n\n00:07.000 --> 00:08.000\n<c></c>\n\n"
            "00:09.000 --> 00:10.000\n<i>a</i>\n&lt;b\n\n00:11.000 --> 00:12.000\n&\n")
    transcript, messages = reading(text)
    assert messages == [] and transcript.cues is not None
    assert [(c.lines, c.speaker, c.style) for c in transcript.cues] == [
        (["Hi"], "Anna", {"vtt_text": "<v Anna>Hi</v>"}),
        (["<i>same text</i>"], None, None),
        (["&"], None, {"vtt_settings": "a:b", "vtt_text": "&amp;"}),
        ([], None, {"vtt_text": "<c></c>"}),
        (["<i>a</i>", "<b"], None, {"vtt_text": "<i>a</i>\n&lt;b"}),
        (["&"], None, None),
    ]
    assert transcript.speakers == [Speaker("Anna", "Anna")]


def test_speakers_in_the_order_they_first_speak() -> None:
    text = (f"WEBVTT\n\n{CUE}\n<v B>1\n\n00:03.000 --> 00:04.000\n<v A>2\n\n00:05.000 --> 00:06.000\n<v B>3\n\n"
            "00:07.000 --> 00:08.000\nnobody\n")
    transcript, _ = reading(text)
    assert transcript.speakers == [Speaker("B", "B"), Speaker("A", "A")]


# --- the writer ---------------------------------------------------------------------------------------


def test_writer_exact_output() -> None:
    cues = [Cue(0, 1, ["one"]), Cue(61_001, 3_723_004, ["two", "lines"], identifier="id"),
            Cue(360_000_000, 360_000_999, ["past 99 hours"], identifier="7")]
    assert written(cues) == ("WEBVTT\n\n00:00:00.000 --> 00:00:00.001\none\n\n"
                             "id\n00:01:01.001 --> 01:02:03.004\ntwo\nlines\n\n"
                             "7\n100:00:00.000 --> 100:00:00.999\npast 99 hours\n")


def test_writer_without_cues_writes_the_header_alone() -> None:
    assert written([]) == "WEBVTT\n"
    assert written([], Transcript(metadata=Metadata(language="en"))) == "WEBVTT\nLanguage: en\n"


@pytest.mark.parametrize(("line", "out"), [
    ("a & b", "a &amp; b"),
    ("a < b > c", "a &lt; b &gt; c"),
    ("&amp;", "&amp;amp;"),
    ("x --> y", "x --&gt; y"),
    ("-->", "--&gt;"),
    ("<i>it</i> <B>b</B> <U>u</u>", "<i>it</i> <b>b</b> <u>u</u>"),
    ("<i>open", "<i>open</i>"),
    ("</i>stray", "</i>stray"),  # a browser ignores it
    ("<font color=\"red\">red</font>", "red"),
    ("{\\an8}top", "top"),
    ("{not an override}", "{not an override}"),
    ("<span>x</span>", "&lt;span&gt;x&lt;/span&gt;"),
    ("1 > 0", "1 &gt; 0"),
    ("plain", "plain"),
])
def test_writer_escapes_text(line: str, out: str) -> None:
    assert written([Cue(0, 1000, [line])]) == f"WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n{out}\n"


@pytest.mark.parametrize(("text", "out"), [("a&b", "a&amp;b"), ("a<b", "a&lt;b"), ("a>b", "a&gt;b"),
                                           ("{\\an8}a", "a"), ("<i>a", "<i>a</i>"), ("a", "a"), ("", "")])
def test_escape_text(text: str, out: str) -> None:
    assert vtt.escape_text(text) == out


def test_writer_drops_lines_left_empty_by_markup_of_each_kind() -> None:
    cues = [Cue(0, 1000, ["<font color=\"red\"></font>", "kept line", "and more"]),
            Cue(1000, 2000, ["{\\an8}", "kept line", "and more"])]
    assert written(cues) == ("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nkept line\nand more\n\n"
                             "00:00:01.000 --> 00:00:02.000\nkept line\nand more\n")


def test_writer_drops_lines_left_empty_by_markup() -> None:
    cues = [Cue(0, 1000, ["<font color=\"red\"></font>", "kept", "{\\an8}"]), Cue(1000, 2000, ["<i></i>"]),
            Cue(2000, 3000, ["{\\an8}"])]
    assert written(cues) == ("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nkept\n\n"
                             "00:00:01.000 --> 00:00:02.000\n<i></i>\n\n00:00:02.000 --> 00:00:03.000\n<c></c>\n")


def test_writer_blank_and_broken_lines() -> None:
    cues = [Cue(0, 1000, ["a", "", " ", "b"]), Cue(1000, 2000, ["one\ntwo\r\nthree"]), Cue(2000, 3000, [""]),
            Cue(3000, 4000, [" indented"])]
    text, messages = writing(cues)
    assert text == ("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\na\nb\n\n"
                    "00:00:01.000 --> 00:00:02.000\none\ntwo\nthree\n\n"
                    "00:00:02.000 --> 00:00:03.000\n<c></c>\n\n00:00:03.000 --> 00:00:04.000\n indented\n")
    assert messages == ["2 line end(s) inside a line of text written as line breaks"]


def test_writer_control_characters() -> None:
    text, messages = writing([Cue(0, 1000, ["a\x07b\x0bc"], identifier="i\x07d", style={"vtt_settings": "x\x0by"})])
    assert text == "WEBVTT\n\nid\n00:00:00.000 --> 00:00:01.000 x y\nab c\n"
    assert messages == ["4 control character(s) left out (or written as spaces): players stop or show garbage at them"]


def test_writer_negative_times() -> None:
    text, messages = writing([Cue(-1, 0, ["a"]), Cue(0, -1, ["b"]), Cue(-5, -1, ["c"]), Cue(0, 0, ["d"])])
    assert text == ("WEBVTT\n\n00:00:00.000 --> 00:00:00.000\na\n\n00:00:00.000 --> 00:00:00.000\nb\n\n"
                    "00:00:00.000 --> 00:00:00.000\nc\n\n00:00:00.000 --> 00:00:00.000\nd\n")
    assert messages == ["3 cue(s) with a negative time written with 0 instead (WebVTT has no negative times)"]


@pytest.mark.parametrize(("settings", "timing_tail"), [
    ("align:start line:0", " align:start line:0"),
    ("", ""),
    ("a\nb", ""),
    ("a\rb", ""),
    ("a --> b", ""),
    ("a -> b", " a -> b"),
])
def test_writer_settings(settings: str, timing_tail: str) -> None:
    cue = Cue(0, 1000, ["x"], style={"vtt_settings": settings})
    assert written([cue]) == f"WEBVTT\n\n00:00:00.000 --> 00:00:01.000{timing_tail}\nx\n"


def test_writer_style_without_settings_or_raw_text() -> None:
    assert written([Cue(0, 1000, ["x"], style={"position": "top"})]) == "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nx\n"


@pytest.mark.parametrize(("identifier", "out"), [
    ("intro", "intro\n"), ("12", "12\n"), ("", ""), ("a-->b", ""), ("a\nb", ""), ("a\rb", ""),
    ("NOTE", ""), ("NOTEs", ""), ("WEBVTT x", ""), ("STYLE", ""), ("REGION ", ""), ("STYLEs", "STYLEs\n"),
    ("a NOTE", "a NOTE\n"), ("REGION x", "REGION x\n"), ("x -> y", "x -> y\n"),
])
def test_writer_identifiers(identifier: str, out: str) -> None:
    text, messages = writing([Cue(0, 1000, ["x"], identifier=identifier)])
    assert text == f"WEBVTT\n\n{out}00:00:00.000 --> 00:00:01.000\nx\n"
    left_out = identifier and not out
    assert messages == (["1 cue identifier(s) left out: with a line end, '-->', a leading NOTE or WEBVTT, or "
                         "STYLE or REGION alone, the cue would not read back as it was"] if left_out else [])


def test_writer_counts_identifiers_left_out_once_per_file() -> None:
    cues = [Cue(0, 1000, ["x"], identifier="NOTE"), Cue(1000, 2000, ["y"], identifier="a-->b"),
            Cue(2000, 3000, ["z"], identifier="ok")]
    text, messages = writing(cues)
    assert text.endswith("\n\nok\n00:00:02.000 --> 00:00:03.000\nz\n")
    assert len(messages) == 1 and messages[0].startswith("2 cue identifier(s) left out")


def test_cue_writer_piece_by_piece() -> None:
    transcript = Transcript(metadata=Metadata(language="de"))
    writer = vtt.CueWriter(transcript)
    assert writer.options == vtt.Options()
    assert writer.header() == "WEBVTT\nLanguage: de\n"
    assert writer.render([]) == ""
    first = writer.render([Cue(0, 1000, ["a"], identifier="NOTE"), Cue(-1000, 2000, ["b"])])
    assert first == "\n00:00:00.000 --> 00:00:01.000\na\n\n00:00:00.000 --> 00:00:02.000\nb\n"
    second = writer.render([Cue(3000, 4000, ["c"], identifier="WEBVTT")])
    assert second == "\n00:00:03.000 --> 00:00:04.000\nc\n"
    assert writer.identifiers_left_out == 2
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        writer.finish()
    assert [str(w.message)[:30] for w in caught] == ["1 cue(s) with a negative time ", "2 cue identifier(s) left out: "]


# --- the writer: header -----------------------------------------------------------------------------


def header_of(extra: object, language: str | None = None, style_blocks: bool = False) -> tuple[str, list[str]]:
    transcript = Transcript(cues=[], metadata=Metadata(language=language, extra={"vtt_header": extra}))
    return writing([], transcript, style_blocks=style_blocks)


@pytest.mark.parametrize(("extra", "style_blocks", "out"), [
    (["WEBVTT title\nKind: captions"], False, "WEBVTT title\nKind: captions\n"),
    (["WEBVTT\nKind: captions", "STYLE\n::cue {}", "REGION\nid:r"], True,
     "WEBVTT\nKind: captions\n\nSTYLE\n::cue {}\n\nREGION\nid:r\n"),
    (["WEBVTT\nKind: captions", "STYLE\n::cue {}"], False, "WEBVTT\nKind: captions\n"),
    (["WEBVTT", "", "STYLE\na --> b", "STYLE\n\nx", "STYLE\rx", "REGION\nid:r"], True, "WEBVTT\n\nREGION\nid:r\n"),
    (["WEBVTT\n\nKind: x\n \n00:01.000 --> 00:02.000\nLanguage: x"], False, "WEBVTT\nKind: x\nLanguage: x\n"),
    (["\ufeffWEBVTT x"], False, "\ufeffWEBVTT x\n"),
    (["WEBVTTX\nKind: x"], False, "WEBVTT\n"),
    (["Kind: x"], False, "WEBVTT\n"),
    ([], False, "WEBVTT\n"),
    ("WEBVTT\nKind: x", False, "WEBVTT\n"),
    (["WEBVTT\nKind: x", 3], True, "WEBVTT\n"),
    ([3, "WEBVTT"], True, "WEBVTT\n"),
    (None, False, "WEBVTT\n"),
])
def test_writer_header_kept_from_a_webvtt_input(extra: object, style_blocks: bool, out: str) -> None:
    assert header_of(extra, style_blocks=style_blocks) == (out, [])


def test_writer_header_control_characters() -> None:
    text, messages = header_of(["WEBVTT\nKind:\x07 x", "STYLE\n::cue\x0b{}"], style_blocks=True)
    assert text == "WEBVTT\nKind: x\n\nSTYLE\n::cue {}\n"
    assert messages == ["2 control character(s) left out (or written as spaces): players stop or show garbage at them"]


@pytest.mark.parametrize(("extra", "language", "out"), [
    (None, "de", "WEBVTT\nLanguage: de\n"),
    (["WEBVTT t\nKind: captions"], "de", "WEBVTT t\nLanguage: de\nKind: captions\n"),
    (["WEBVTT\nKind: captions\nLanguage: de"], "de", "WEBVTT\nKind: captions\nLanguage: de\n"),
    (["WEBVTT\nKind: captions\nlanguage=fr"], "de", "WEBVTT\nLanguage: de\nKind: captions\n"),
    (["WEBVTT\nLanguage: fr\nLanguage: de"], "de", "WEBVTT\nLanguage: de\n"),
    (["WEBVTT\nLanguage: fr"], None, "WEBVTT\nLanguage: fr\n"),
    (["WEBVTT\nLanguage: fr"], "", "WEBVTT\nLanguage: fr\n"),
])
def test_writer_language_line(extra: object, language: str | None, out: str) -> None:
    assert header_of(extra, language) == (out, [])


@pytest.mark.parametrize("language", ["two words", "a-->b", "x\ny", "a\x07", "\ud800"])
def test_writer_leaves_out_a_language_that_is_not_one_word(language: str) -> None:
    text, messages = header_of(["WEBVTT\nLanguage: fr"], language)
    assert text == "WEBVTT\nLanguage: fr\n"
    assert messages == [f"language {language!r} left out of the header: it is not one word"]


def test_writer_cuts_a_long_language_in_its_warning() -> None:
    language = "x " + "y" * 60
    assert header_of(None, language) == ("WEBVTT\n", [f"language {language[:40]!r} left out of the header: "
                                                      "it is not one word"])


# --- the writer: raw text kept from a WebVTT input, voices -----------------------------------------


def test_writer_writes_raw_text_back_while_the_cue_is_unchanged() -> None:
    raw = "<v Anna><i.loud>Hi</i> &amp; <c.x>bye</c>"
    cue = Cue(0, 1000, ["<i>Hi</i> & bye"], "Anna", style={"vtt_text": raw})
    transcript = Transcript(cues=[cue], speakers=[Speaker("Anna", "Anna")])
    assert written([cue], transcript) == f"WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n{raw}\n"
    assert written([cue], transcript, voice_tags=True) == f"WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n{raw}\n"


def test_writer_adds_a_voice_to_raw_text_without_one() -> None:
    raw = "<c.x>Hi</c>"
    cue = Cue(0, 1000, ["Hi"], "Anna", style={"vtt_text": raw})
    # a speaker set after reading: the neutral form has no voice, so the cue changed
    transcript = Transcript(cues=[cue])
    assert written([cue], transcript, voice_tags=True) == "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n<v Anna>Hi\n"
    cue = Cue(0, 1000, ["Hi"], None, style={"vtt_text": raw})
    assert written([cue], Transcript(cues=[cue]), voice_tags=True) == (
        "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n<c.x>Hi</c>\n")


def test_writer_voice_before_raw_text_kept() -> None:
    raw = "<v Anna>Hi &amp; bye"
    cue = Cue(0, 1000, ["Hi & bye"], "Anna", style={"vtt_text": raw})
    transcript = Transcript(cues=[cue], speakers=[Speaker("Anna", "Anna")])
    assert written([cue], transcript, voice_tags=True).endswith(f"\n{raw}\n")
    raw = "<c>Hi</c> &amp; bye"
    cue = Cue(0, 1000, ["Hi & bye"], style={"vtt_text": raw})
    assert written([cue], Transcript(cues=[cue]), voice_tags=True).endswith(f"\n{raw}\n")


@pytest.mark.parametrize(("raw", "lines", "speaker", "out"), [
    ("<c>a</c>", ["b"], None, "b"),  # lines edited
    ("<c>a</c>", ["a", "b"], None, "a\nb"),
    ("<v A>a", ["a"], "B", "a"),  # speaker changed
    ("<v A>a", ["a"], None, "a"),
    ("<c>a --> b</c>", ["a --> b"], None, "a --&gt; b"),  # raw text that would end the cue
    ("<c>a</c>\n", ["a", ""], None, "a"),
    ("<c>a</c>\n ", ["a", " "], None, "a"),
    ("<c>a\x07</c>", ["a\x07"], None, "a"),
    ("<c>a\rb</c>", ["a\rb"], None, "a\nb"),
])
def test_writer_uses_the_lines_when_raw_text_cannot_stand(raw: str, lines: list[str], speaker: str | None,
                                                          out: str) -> None:
    cue = Cue(0, 1000, lines, speaker, style={"vtt_text": raw})
    transcript = Transcript(cues=[cue], speakers=[Speaker(s, s) for s in ["A", "B"]])
    text, _ = writing([cue], transcript)
    assert text == f"WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n{out}\n"


def test_writer_renamed_speaker_is_written_with_the_new_name() -> None:
    cue = Cue(0, 1000, ["a"], "A", style={"vtt_text": "<v A>a"})
    transcript = Transcript(cues=[cue], speakers=[Speaker("A", "Anna B.")])
    assert written([cue], transcript) == "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\na\n"
    assert written([cue], transcript, voice_tags=True) == "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n<v Anna B.>a\n"


def test_writer_voice_names() -> None:
    transcript = Transcript(speakers=[Speaker("s1", "  Anna \t Maria  "), Speaker("s2", "R&D <x>"),
                                      Speaker("s3", "")])
    cues = [Cue(0, 1000, ["a"], "s1"), Cue(1000, 2000, ["b"], "s2"), Cue(2000, 3000, ["c"], "s3"),
            Cue(3000, 4000, [], "s9")]
    assert written(cues, transcript, voice_tags=True) == (
        "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n<v Anna Maria>a\n\n"
        "00:00:01.000 --> 00:00:02.000\n<v R&amp;D &lt;x&gt;>b\n\n"
        "00:00:02.000 --> 00:00:03.000\n<v s3>c\n\n00:00:03.000 --> 00:00:04.000\n<v s9>\n")


def test_writer_voice_name_with_control_characters() -> None:
    transcript = Transcript(speakers=[Speaker("s1", "An\x07na")])
    text, messages = writing([Cue(0, 1000, ["a"], "s1")], transcript, voice_tags=True)
    assert text == "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n<v Anna>a\n"
    assert messages == ["1 control character(s) in a speaker name left out (or written as spaces): "
                        "players stop or show garbage at them"]


# --- the writer: words ------------------------------------------------------------------------------


def test_options_refuse_two_ways_of_timing_words() -> None:
    with pytest.raises(OptionError) as caught:
        vtt.Options(word_timestamps=True, highlight_words=True)
    assert caught.value.message == "word_timestamps and highlight_words time the words in two ways"
    assert caught.value.hint == "give one of them"
    assert vtt.Options(word_timestamps=True).word_timestamps
    assert vtt.Options(highlight_words=True).highlight_words


def worded(start: int, end: int, words: list[tuple[str, int, int]], **fields: object) -> Cue:
    return Cue(start, end, [" ".join(w for w, _, _ in words)],
               words=[Word(text, s, e) for text, s, e in words], **fields)  # type: ignore[arg-type]


def test_word_timestamps_strictly_inside_the_cue() -> None:
    cue = worded(1000, 3000, [("a", 1000, 1200), ("b", 1200, 1500), ("c", 1200, 1600), ("d", 1000, 1100),
                              ("e", 2999, 3000), ("f", 3000, 3100)])
    assert written([cue], word_timestamps=True) == (
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\na <00:00:01.200>b c d <00:00:02.999>e f\n")


def test_word_timestamps_do_not_precede_the_cue_start() -> None:
    cue = worded(1000, 3000, [("a", 500, 900), ("b", 900, 1000), ("c", 1000, 1001), ("d", 1001, 1002)])
    assert written([cue], word_timestamps=True) == (
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\na b c <00:00:01.001>d\n")


def test_word_timestamps_use_the_lines_not_the_raw_text() -> None:
    cue = worded(0, 2000, [("a", 0, 500), ("b&c", 1000, 1500)], style={"vtt_text": "<c>a</c> b&amp;c"})
    assert written([cue], word_timestamps=True) == "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\na <00:00:01.000>b&amp;c\n"
    assert written([cue]) == "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n<c>a</c> b&amp;c\n"


def test_word_timestamps_with_a_voice_and_negative_start() -> None:
    cue = worded(-500, 2000, [("a", -500, 0), ("b", 0, 100), ("c", 1, 100)], speaker="S")
    text, _ = writing([cue], word_timestamps=True, voice_tags=True)
    assert text == "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n<v S>a b <00:00:00.001>c\n"


def test_word_timestamps_without_words_found_write_the_lines() -> None:
    cue = worded(0, 2000, [("x", 0, 500), ("y", 1000, 1500)])
    cue.lines = ["other text"]
    assert written([cue], word_timestamps=True) == "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nother text\n"


def test_highlight_words_writes_a_cue_per_word() -> None:
    cue = worded(0, 2000, [("a", 0, 1000), ("b", 1000, 2000)])
    assert written([cue], highlight_words=True) == (
        "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n<u>a</u> b\n\n00:00:01.000 --> 00:00:02.000\na <u>b</u>\n")


def test_writer_keeps_raw_text_without_neutral_text() -> None:
    """A cue read from a span with no text keeps its raw text, not the writer's own empty span."""
    cue = Cue(0, 1000, [], style={"vtt_text": "<c.yellow></c>"})
    assert written([cue]) == "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n<c.yellow></c>\n"


def test_a_comment_with_more_lines_skips_them_up_to_a_timing_line() -> None:
    text = f"WEBVTT\n\n{CUE}\nA\n\nNOTE\nmore\n00:03,000 --> 00:04.000\nB\n"
    assert read_rows(text) == ([(None, 1000, 2000, ["A"]), (None, 3000, 4000, ["B"])],
                               ["line 8: ',' instead of '.' before the milliseconds"])
    text = f"WEBVTT\n\n{CUE}\nA\n\nNOTE\nmore\n00:03.000 --> 00:04\nlost\n\n00:05.000 --> 00:06.000\nC\n"
    assert read_rows(text) == ([(None, 1000, 2000, ["A"]), (None, 5000, 6000, ["C"])], [f"line 8: {BAD_TIMING}"])


def test_writer_keeps_raw_text_of_several_lines() -> None:
    raw = "<c.x>a</c>\nb &amp; c"
    cue = Cue(0, 1000, ["a", "b & c"], style={"vtt_text": raw})
    assert written([cue]) == f"WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n{raw}\n"
