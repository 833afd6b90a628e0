"""EBU STL: the writer's bytes field by field, ttconv reading what we write, our reader on the
IRT/ttconv reference files (agreeing with ttconv), damaged files, and round trips."""
from __future__ import annotations

import io
import logging
import re
import struct
import warnings
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import scribekit
from scribekit import Cue, Metadata, OptionError, ReadError, ScribekitWarning, Segment, Transcript, Word, WriteError
from scribekit.cli import cli
from scribekit.formats import detect, stl
from scribekit.formats.stl import charsets
from scribekit.timecode import FrameRate

DATA = Path(__file__).resolve().parent / "data" / "stl-irt"
REFERENCE_FILES = sorted(DATA.glob("*.stl"))
TTI = struct.Struct("<BHBB4B4BBBB112s")
DAY = "2024-03-05"


# --- helpers ----------------------------------------------------------------------------------


def write(cues: list[Cue], language: str | None = None, **options: Any) -> bytes:
    """The writer itself on ``cues`` (``scribekit.dumps`` would re-cut them when given a limit, or fps)."""
    options.setdefault("stl_creation_date", DAY)
    return stl.write_cues(cues, Transcript(cues=cues, metadata=Metadata(language=language)), stl.Options(**options))


def read(data: bytes, fps: float | None = None) -> tuple[list[Cue], list[str]]:
    """Our reading of ``data`` and the messages of the warnings it gave."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        transcript = scribekit.loads(data, format="stl", fps=fps)
    assert transcript.cues is not None
    return transcript.cues, [str(w.message) for w in caught if issubclass(w.category, ScribekitWarning)]


def gsi(data: bytes, offset: int, size: int) -> bytes:
    return data[offset:offset + size]


def blocks(data: bytes) -> list[tuple[Any, ...]]:
    return list(TTI.iter_unpack(data[1024:]))


def on_frame(ms: int, fps: float = 25) -> int:
    """``ms`` on the nearest frame, as the STL reader gives it back."""
    rate = FrameRate.of(fps)
    return rate.ms(rate.frames(ms))


def drop_frame_label_ms(ms: float) -> float:
    """The timecode label, read at 30 frames a second, of a time ttconv gave for a 29.97 drop-frame label."""
    frames = round(ms * 30 / 1001)
    tens, rest = divmod(frames, 17982)
    label = frames + 18 * tens + (2 * ((rest - 2) // 1798) if rest > 1 else 0)
    return label * 1000 / 30


def normalise(text: str) -> str:
    """Whitespace collapsed, spaces moved outside italics tags, empty lines and tags dropped."""
    text = re.sub(r"<i>(\s+)", r"\1<i>", text)
    text = re.sub(r"(\s+)</i>", r"</i>\1", text).replace("</i><i>", "").replace("<i></i>", "")
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def ttconv_cues(data: bytes, *, start_tc: bool = True) -> list[tuple[float, float, str]]:
    """ttconv's reading: (begin ms, end ms, text with <i> around italic spans) per subtitle."""
    pytest.importorskip("ttconv")
    from ttconv import model
    from ttconv import style_properties as styles
    from ttconv.stl.config import STLReaderConfiguration
    from ttconv.stl.reader import to_model

    logging.getLogger("ttconv").setLevel(logging.CRITICAL)
    config = STLReaderConfiguration(disable_fill_line_gap=True, disable_line_padding=True,
                                    program_start_tc="TCP" if start_tc else None)
    document = to_model(io.BytesIO(data), config)

    def text_of(element: Any) -> str:
        parts = []
        for child in element:
            if isinstance(child, model.Br):
                parts.append("\n")
            elif isinstance(child, model.Text):
                parts.append(child.get_text())
            elif isinstance(child, model.Span) and child.get_begin() is None:
                text = text_of(child)
                if child.get_style(styles.StyleProperties.FontStyle) == styles.FontStyleType.italic:
                    text = f"<i>{text}</i>"
                parts.append(text)
        return "".join(parts)

    found = []
    for division in document.get_body():
        for paragraph in division:
            if paragraph.get_begin() is not None:
                found.append((float(paragraph.get_begin()) * 1000, float(paragraph.get_end()) * 1000,
                              text_of(paragraph)))
            for span in paragraph:  # cumulative subtitles: timed spans
                if isinstance(span, model.Span) and span.get_begin() is not None:
                    found.append((float(span.get_begin()) * 1000, float(span.get_end()) * 1000, text_of(span)))
    return found


def assert_ttconv_agrees(data: bytes, cues: list[Cue], fps: float) -> None:
    """ttconv reads ``data`` as ``cues``: as many, the same text (whitespace-normalised, italics
    included) and times within one frame.

    ttconv takes STL30.01 for 29.97 frames a second with drop-frame timecode; a file written at
    30 is compared label for label (its times turned back into the labels it read).
    """
    theirs = ttconv_cues(data)
    frame = 1000 / fps + 1
    if fps == 30:  # labels MM:00:00 and MM:00:01 (MM not a multiple of 10) do not exist in drop frame: 2 frames off
        frame = 3 * 1000 / fps + 1
    assert len(theirs) == len(cues), (theirs, cues)
    for cue, (begin, end, text) in zip(cues, theirs):
        if fps == 30:
            begin, end = drop_frame_label_ms(begin), drop_frame_label_ms(end)
        assert normalise(text) == normalise(cue.text)
        assert abs(begin - cue.start) <= frame, (begin, cue)
        assert abs(end - cue.end) <= frame, (end, cue)


SAMPLE_CUES = [
    Cue(500, 3200, ["Grüezi, and welcome to Zürich."]),
    Cue(3400, 6000, ["Thank you. Shall we start", "at the café by the lake?"]),
    Cue(6240, 9800, ["Yes: <i>Café Schober</i> & friends,", "since 1842."]),
    Cue(10000, 12480, ["Perfect — I’ll have a crème brûlée."]),
]


# --- the GSI block --------------------------------------------------------------------------


def test_header_fields_hold_what_the_specification_says() -> None:
    data = write(SAMPLE_CUES[:2] + [Cue(6240, 9800, ["Yes"])] + SAMPLE_CUES[3:], "fr-FR", fps=30,
                 stl_mode="teletext", start_timecode="10:00:00:00",
                 stl_title="Interview", stl_episode="Part 1", stl_translated_title="Entretien",
                 stl_translated_episode="Partie 1", stl_translator="Ana", stl_translator_contact="ana@example.org",
                 stl_reference="REF-1", stl_publisher="ACME", stl_editor="Bo", stl_editor_contact="bo@example.org",
                 stl_country="fra", stl_revision=3)
    header = data[:1024]
    assert b"\x00" not in header
    assert gsi(data, 0, 3) == b"850"
    assert gsi(data, 3, 8) == b"STL30.01"
    assert gsi(data, 11, 1) == b"1"
    assert gsi(data, 12, 2) == b"00"
    assert gsi(data, 14, 2) == b"0F"
    assert gsi(data, 16, 32) == b"Interview".ljust(32)
    assert gsi(data, 48, 32) == b"Part 1".ljust(32)
    assert gsi(data, 80, 32) == b"Entretien".ljust(32)
    assert gsi(data, 112, 32) == b"Partie 1".ljust(32)
    assert gsi(data, 144, 32) == b"Ana".ljust(32)
    assert gsi(data, 176, 32) == b"ana@example.org".ljust(32)
    assert gsi(data, 208, 16) == b"REF-1".ljust(16)
    assert gsi(data, 224, 6) == gsi(data, 230, 6) == b"240305"
    assert gsi(data, 236, 2) == b"03"
    assert gsi(data, 238, 5) == b"00004"  # TNB
    assert gsi(data, 243, 5) == b"00004"  # TNS
    assert gsi(data, 248, 3) == b"001"
    assert gsi(data, 251, 2) == b"40"
    assert gsi(data, 253, 2) == b"23"
    assert gsi(data, 255, 1) == b"1"
    assert gsi(data, 256, 8) == b"10000000"
    assert gsi(data, 264, 8) == b"10000015"  # 0.5 s at 30 fps after 10:00:00:00
    assert gsi(data, 272, 2) == b"11"
    assert gsi(data, 274, 3) == b"FRA"
    assert gsi(data, 277, 32) == b"ACME".ljust(32)
    assert gsi(data, 309, 32) == b"Bo".ljust(32)
    assert gsi(data, 341, 32) == b"bo@example.org".ljust(32)
    assert header[373:] == b" " * (1024 - 373)


def test_header_defaults() -> None:
    data = scribekit.dumps(Transcript(cues=SAMPLE_CUES), "stl")
    assert isinstance(data, bytes)
    assert gsi(data, 3, 9) == b"STL25.010"  # 25 fps, open subtitles
    assert gsi(data, 14, 2) == b"00"  # no language known
    assert gsi(data, 224, 6) == date.today().strftime("%y%m%d").encode()
    assert gsi(data, 256, 8) == b"00000000"
    assert gsi(data, 264, 8) == b"00000013"  # 500 ms is frame 12.5, rounded up
    assert gsi(data, 16, 32) == b" " * 32


def test_open_subtitles_declare_their_longest_row_tags_aside() -> None:
    assert gsi(write([Cue(0, 1000, ["x" * 45, "short"])]), 251, 2) == b"45"
    assert gsi(write([Cue(0, 1000, ["<i>" + "x" * 41 + "</i>"])]), 251, 2) == b"41"
    assert gsi(write([Cue(0, 1000, ["short"])]), 251, 2) == b"40"


def test_empty_lines_in_a_cue_are_not_written() -> None:
    found = blocks(write([Cue(0, 1000, ["", "one", "", "two", ""]), Cue(1000, 2000, ["three"])]))
    assert found[0][15].rstrip(b"\x8f") == b"one\x8atwo" and found[0][12] == 20


@pytest.mark.parametrize("fps, code", [(23.976, b"STL23.01"), (24, b"STL24.01"), (25, b"STL25.01"),
                                       (29.97, b"STL30.01"), (30, b"STL30.01"), (50, b"STL50.01")])
def test_frame_rate_codes(fps: float, code: bytes) -> None:
    assert gsi(write(SAMPLE_CUES, fps=fps), 3, 8) == code


@pytest.mark.parametrize("language, code", [("en", b"09"), ("fr", b"0F"), ("de-CH", b"08"), ("nl", b"1D"),
                                            ("nl-BE", b"2A"), ("pl", b"20"), ("ru", b"56"), ("el", b"70"),
                                            ("ar", b"7E"), ("he", b"6C"), ("nb", b"1E"), ("xx", b"00")])
def test_language_code_from_the_transcript(language: str, code: bytes) -> None:
    assert gsi(write(SAMPLE_CUES[:1], language), 14, 2) == code


def test_language_option_wins_over_the_transcript() -> None:
    assert gsi(write(SAMPLE_CUES[:1], "en", stl_language="de"), 14, 2) == b"08"


def test_length_block_count_and_identical_bytes_for_the_same_input() -> None:
    cues = [Cue(i * 2000, i * 2000 + 1500, [f"Cue {i}", "second row"]) for i in range(50)]
    cues[7] = Cue(14000, 15500, ["A long row that will need more than one block " * 2, "and another row " * 4])
    first, second = write(cues), write(cues)
    assert first == second
    n = (len(first) - 1024) // 128
    assert len(first) == 1024 + 128 * n
    assert n == 51 and int(gsi(first, 238, 5)) == n and int(gsi(first, 243, 5)) == 50


# --- TTI blocks -----------------------------------------------------------------------------


def test_blocks_number_time_position_and_pad() -> None:
    data = write(SAMPLE_CUES, start_timecode="01:00:00:00")
    found = blocks(data)
    assert [b[1] for b in found] == [1, 2, 3, 4]  # SN
    assert all(b[0] == 0 and b[2] == 0xFF and b[3] == 0 and b[14] == 0 for b in found)  # SGN, EBN, CS, CF
    assert found[1][4:12] == (1, 0, 3, 10, 1, 0, 6, 0)  # 3.4 s and 6 s after 01:00:00:00
    assert [b[12] for b in found] == [22, 20, 20, 22]  # VP: the last row at the bottom
    assert [b[13] for b in found] == [2, 2, 2, 2]  # JC centred
    tf = found[0][15]
    text = "Grüezi, and welcome to Zürich.".replace("ü", "\xc8u").encode("latin-1")
    assert tf == text + b"\x8f" * (112 - len(text))
    assert found[1][15].startswith(b"Thank you. Shall we start\x8aat the caf\xc2e by the lake?\x8f")


@pytest.mark.parametrize("name, code", [("left", 1), ("centre", 2), ("center", 2), ("right", 3), ("none", 0)])
def test_justification(name: str, code: int) -> None:
    assert {b[13] for b in blocks(write(SAMPLE_CUES, stl_justification=name))} == {code}


def test_teletext_rows_are_boxed_double_height_rows() -> None:
    data = write(SAMPLE_CUES[1:2], stl_mode="teletext")
    tf = blocks(data)[0][15]
    assert tf.rstrip(b"\x8f") == (b"\x0d\x0b\x0bThank you. Shall we start\x0a\x0a\x8a\x8a"
                                  b"\x0d\x0b\x0bat the caf\xc2e by the lake?\x0a\x0a")
    assert blocks(data)[0][12] == 20
    assert gsi(data, 11, 1) == b"1"


def test_teletext_many_rows_go_single_height_from_row_one() -> None:
    found = blocks(write([Cue(0, 2000, [f"row {n}" for n in range(23)])], stl_mode="teletext"))
    text = b"".join(block[15].rstrip(b"\x8f") for block in found)
    assert {block[12] for block in found} == {1}
    assert b"\x0d" not in text and text.count(b"\x8a") == 22 and text.startswith(b"\x0b\x0brow 0\x0a\x0a\x8a")


def test_italics_take_the_place_of_spaces_in_open_subtitles() -> None:
    tf = blocks(write([Cue(0, 1000, ["Yes: <i>Café Schober</i> & friends,", "<i>since</i> 1842."])]))[0][15]
    assert tf.rstrip(b"\x8f") == b"Yes:\x80Caf\xc2e Schober\x81& friends,\x8a\x80since\x811842."


def test_teletext_drops_italics_and_says_so() -> None:
    with pytest.warns(ScribekitWarning, match="teletext has no italics: <i> dropped in cue 1"):
        data = write([Cue(0, 1000, ["<i>Hello</i> there"])], stl_mode="teletext")
    assert b"\x80" not in data[1024:] and b"Hello there" in data


def test_bold_underline_font_and_override_tags_are_not_written() -> None:
    tf = blocks(write([Cue(0, 1000, ['{\\an8}<b>Bold</b> <u>under</u> <font color="red">red</font> a < b'])]))[0][15]
    assert tf.rstrip(b"\x8f") == b"Bold under red a < b"


def test_long_text_continues_in_extension_blocks_split_at_a_line_break() -> None:
    rows = ["Première ligne assez longue, avec des accents é è", "Deuxième ligne assez longue, ça continue",
            "Troisième ligne pour dépasser cent douze octets"]
    found = blocks(write([Cue(0, 2000, ["Before"]), Cue(3000, 5000, rows), Cue(6000, 7000, ["After"])]))
    assert [(b[1], b[2]) for b in found] == [(1, 0xFF), (2, 0x00), (2, 0xFF), (3, 0xFF)]
    assert found[1][4:12] == found[2][4:12] == (0, 0, 3, 0, 0, 0, 5, 0)
    assert found[1][15].rstrip(b"\x8f").endswith(b"\x8a")  # the first block ends at a line break
    cues, messages = read(write([Cue(3000, 5000, rows)]))
    assert messages == [] and cues[0].lines == rows


def test_a_row_longer_than_a_block_is_split_between_characters_never_inside_one() -> None:
    row = "é" * 57 + "è" * 10  # two bytes each, no space and no line break
    found = blocks(write([Cue(0, 2000, [row])]))
    assert len(found) == 2
    first = found[0][15].rstrip(b"\x8f")
    assert len(first) == 112 and not 0xC1 <= first[-1] <= 0xCF
    assert read(write([Cue(0, 2000, [row])]))[0][0].lines == [row]


def test_subtitle_numbers_wrap_and_stay_distinct_from_their_neighbours() -> None:
    cues = [Cue(i * 80, i * 80 + 40, ["x"]) for i in range(65540)]
    numbers = [b[1] for b in blocks(write(cues))]
    assert numbers[65534:65537] == [65535, 0, 1]
    assert all(a != b for a, b in zip(numbers, numbers[1:]))


def test_more_blocks_than_the_header_can_count_is_an_error() -> None:
    cues = [Cue(i * 80, i * 80 + 40, ["x"]) for i in range(100_000)]
    with pytest.raises(WriteError, match="at most 99,999 TTI blocks"):
        write(cues)


def test_times_past_the_last_timecode_are_an_error_and_times_before_zero_a_warning() -> None:
    with pytest.raises(WriteError, match="times past 23:59:59, the last timecode EBU STL holds, in cue 2"):
        write([Cue(0, 1000, ["a"]), Cue(1000, 3000, ["b"])], start_timecode="23:59:58:00")
    with pytest.warns(ScribekitWarning, match="times before the start timecode in cue 1; written as 00:00:00:00"):
        data = write([Cue(-2000, 1000, ["a"])])
    assert blocks(data)[0][4:12] == (0, 0, 0, 0, 0, 0, 1, 0)


def test_more_rows_than_the_screen_holds_is_an_error() -> None:
    with pytest.raises(WriteError, match="at most 23 rows a subtitle: cue 2 has 24"):
        write([Cue(0, 1000, ["a"]), Cue(1000, 2000, ["row"] * 24)])


def test_no_cues_gives_a_header_alone() -> None:
    data = write([])
    assert len(data) == 1024 and gsi(data, 238, 10) == b"0000000000"
    assert read(data) == ([], [])


# --- character tables -----------------------------------------------------------------------

LANGUAGES = {
    "fr": ("00", ["Où est la forêt ? « Ça va », dit-il", "à l’été, cœur, naïve, Noël"]),
    "de": ("00", ["Größe, Übermaß und Äpfel", "schön, müde, Straße"]),
    "nl": ("00", ["Één café, geïnteresseerd", "coördinatie, ’s avonds"]),
    "pl": ("00", ["Zażółć gęślą jaźń", "Łódź, Śląsk, źdźbło"]),
    "cs": ("00", ["Příliš žluťoučký kůň", "úpěl ďábelské ódy"]),
    "is": ("00", ["Þórður og Ðórey á Íslandi", "ævintýri, ferð, þú"]),
    "tr": ("00", ["Şişli'de ığdır, çöğür", "İstanbul, Gümüşhane"]),
    "ru": ("01", ["Съешь же ещё этих мягких", "французских булок, да выпей чаю"]),
    "ar": ("02", ["مرحبا بكم في البرنامج", "شكرا جزيلا"]),
    "el": ("03", ["Γαζέες καὶ μυρτιὲς δὲν θὰ βρῶ", "Ξεσκεπάζω τὴν ψυχοφθόρα"]),
    "he": ("04", ["שלום עולם", "תודה רבה לכם"]),
}


@pytest.mark.parametrize("language", sorted(LANGUAGES))
@pytest.mark.parametrize("mode", ["open", "teletext"])
def test_ttconv_reads_every_script_as_written(language: str, mode: str) -> None:
    table, lines = LANGUAGES[language]
    if language == "el":
        lines = ["Γαζέες και μυρτιές δεν θα βρω", "Ξεσκεπάζω την ψυχοφθόρα"]  # monotonic: ISO 8859-7 has no polytonic
    cues = [Cue(1000, 3500, lines), Cue(4000, 6000, lines[:1]), Cue(7000, 9000, ["<i>" + lines[1] + "</i>"])]
    if mode == "teletext":
        cues[2] = Cue(7000, 9000, [lines[1]])
    data = write(cues, language, stl_mode=mode)
    assert gsi(data, 12, 2).decode() == table
    assert_ttconv_agrees(data, cues, 25)
    ours, messages = read(data)
    assert messages == []
    assert [(c.start, c.end, c.lines) for c in ours] == [(on_frame(c.start), on_frame(c.end), c.lines) for c in cues]


def test_the_table_follows_the_script_most_letters_are_in() -> None:
    data = write([Cue(0, 1000, ["Привет, мир! OK"]), Cue(1000, 2000, ["ещё"])])
    assert gsi(data, 12, 2) == b"01"
    with pytest.raises(WriteError, match="table 01 .cyrillic. has no code for 'é'"):
        write([Cue(0, 1000, ["Привет, мир, café"])])


def test_the_table_can_be_chosen() -> None:
    assert gsi(write(SAMPLE_CUES[:1], stl_character_table="latin"), 12, 2) == b"00"
    assert gsi(write([Cue(0, 1000, ["OK"])], stl_character_table="greek"), 12, 2) == b"03"
    assert gsi(write([Cue(0, 1000, ["OK"])], stl_character_table="04"), 12, 2) == b"04"


def test_a_character_without_a_code_is_an_error_naming_it_and_its_cues() -> None:
    cues = [Cue(0, 1000, ["Bună ziua, ș"]), Cue(1000, 2000, ["ok"]), Cue(2000, 3000, ["ț and ș and €5"])]
    with pytest.raises(WriteError) as caught:
        write(cues)
    message = str(caught.value)
    assert "'ș' (U+0219) in cues 1, 3" in message and "'ț' (U+021B) in cue 3" in message
    assert "'€' (U+20AC) in cue 3" in message and 'stl_unsupported="transliterate"' in message
    assert "'ă'" not in message  # ISO 6937 has ă (breve a)


def test_transliteration_writes_the_closest_characters_and_says_which() -> None:
    cues = [Cue(0, 1000, ["Bună ziua, ș"]), Cue(1000, 2000, ["ț and ș cost €5… ẽ"])]
    with pytest.warns(ScribekitWarning) as caught:
        data = write(cues, stl_unsupported="transliterate")
    message = str(caught[0].message)
    assert "'ș' -> 'ş' in cues 1, 2" in message and "'€' -> 'EUR' in cue 2" in message
    assert "'ẽ' -> 'e' in cue 2" in message
    assert [c.lines for c in read(data)[0]] == [["Bună ziua, ş"], ["ţ and ş cost EUR5... e"]]


def test_control_characters_are_left_out_with_a_warning_and_tabs_are_spaces() -> None:
    """As every writer does (markup.TextRepairs): a player stops or shows garbage at them."""
    with pytest.warns(ScribekitWarning, match="1 control character"):
        written = write([Cue(0, 1000, ["bell\x07"]), Cue(1000, 2000, ["tab\there"])])
    assert [c.lines for c in read(written)[0]] == [["bell"], ["tab here"]]
    assert read(write([Cue(1000, 2000, ["tab\there"])]))[0][0].lines == ["tab here"]


def test_every_iso6937_code_reads_back_as_its_character_in_ttconv_and_ours() -> None:
    pytest.importorskip("ttconv")
    from ttconv.stl import iso6937 as theirs

    look_alikes = {"\u2015": "\u2014", "\u0110": "\u00d0", "\u03a9": "\u2126", "\u00a0": " "}
    for code, data in charsets.iso6937_encoding_map().items():
        char = look_alikes.get(chr(code), chr(code))
        assert charsets.decode_iso6937(data) == (char, 0)
        assert theirs.decode(data)[0] == char
    assert len(charsets.iso6937_encoding_map()) > 330


def test_iso6937_decoding_is_lenient() -> None:
    assert charsets.decode_iso6937(b"\xc2") == ("\u00b4", 0)  # a diacritic with nothing after it
    assert charsets.decode_iso6937(b"\xc2gx\xc1x") == ("ģx" + "x\u0300", 0)
    assert charsets.decode_iso6937(b"a\xc9o\xa6\xa4") == ("aö#$", 0)
    assert charsets.decode_iso6937(b"\xe5\xc0") == ("\ufffd\ufffd", 2)


# --- options --------------------------------------------------------------------------------


@pytest.mark.parametrize("options, message", [
    ({"fps": 60}, "no frame rate code for 60"),
    ({"stl_mode": "closed"}, "stl_mode takes open, teletext"),
    ({"start_timecode": "10:00:00:25"}, "not a timecode at 25"),
    ({"start_timecode": "ten"}, "not a timecode"),
    ({"stl_title": "x" * 33}, "stl_title is 33 characters; the header field holds 32"),
    ({"stl_title": "Привет"}, "code page 850"),
    ({"stl_country": "FRANCE"}, "stl_country is 6 characters"),
    ({"stl_publisher": "two\nlines"}, "one line"),
    ({"stl_revision": 100}, "0 to 99"),
    ({"stl_creation_date": "yesterday"}, "not a date"),
    ({"stl_language": "klingon"}, "no code for the language"),
    ({"stl_justification": "middle"}, "stl_justification takes"),
    ({"stl_character_table": "thai"}, "stl_character_table takes"),
    ({"stl_unsupported": "drop"}, "stl_unsupported takes"),
])
def test_wrong_options_are_option_errors(options: dict[str, Any], message: str) -> None:
    with pytest.raises(OptionError, match=message):
        write(SAMPLE_CUES, **options)


def test_creation_date_in_the_header_form_too() -> None:
    assert gsi(write(SAMPLE_CUES, stl_creation_date="991231"), 224, 6) == b"991231"


def transcript_of_words(count: int = 200) -> Transcript:
    words = [Word(f"word{n % 7}", n * 150, n * 150 + 120) for n in range(count)]
    return Transcript(segments=[Segment("s1", words)])


def test_teletext_rows_are_cut_to_fit_40_columns_and_open_ones_as_srt() -> None:
    teletext = scribekit.dumps(transcript_of_words(), "stl", stl_mode="teletext", max_screen_time_per_row=0)
    open_ = scribekit.dumps(transcript_of_words(), "stl", max_screen_time_per_row=0)
    widths = {mode: max(len(line) for c in read(data)[0] for line in c.lines)
              for mode, data in (("teletext", teletext), ("open", open_))}
    assert widths["teletext"] <= 35 < widths["open"] <= 42
    for block in blocks(teletext):
        for row in block[15].rstrip(b"\x8f").split(b"\x8a\x8a"):
            assert len(row) <= 40


def test_a_user_limit_overrides_the_teletext_default_and_a_wide_row_is_reported() -> None:
    words = [Word(f"longword{n % 10}", n * 150, n * 150 + 120) for n in range(40)]  # 4 make 39 characters
    with pytest.warns(ScribekitWarning, match="longer than the 35 characters a 40-column teletext row"):
        scribekit.dumps(Transcript(segments=[Segment("s1", words)]), "stl", stl_mode="teletext",
                        max_chars_per_row=40, max_screen_time_per_row=0)


# --- reading: the reference files -----------------------------------------------------------


def test_the_reference_files_are_there() -> None:
    assert len(REFERENCE_FILES) == 53


def ttconv_view(cues: list[Cue]) -> list[tuple[int, int, str]]:
    """What ttconv shows of our cues: it starts a subtitle no earlier than the previous one ends
    (unless cumulative) and drops a subtitle left with no duration."""
    shown, last_end = [], None
    for cue in cues:
        start = cue.start if last_end is None else max(cue.start, last_end)
        if cue.end <= start:
            continue
        shown.append((start, cue.end, cue.text))
        last_end = cue.end
    return shown


@pytest.mark.parametrize("path", REFERENCE_FILES, ids=lambda p: p.name)
def test_reference_files_read_as_ttconv_reads_them(path: Path) -> None:
    data = path.read_bytes()
    assert detect(data, path.name).name == "stl"
    cues, _ = read(data)
    theirs = ttconv_cues(data)
    cumulative = path.name == "cumulative_set.stl"  # its own times per part; no overlap rule
    ours = [(c.start, c.end, c.text) for c in cues] if cumulative else ttconv_view(cues)
    assert len(ours) == len(theirs)
    for (start, end, text), (begin, finish, their_text) in zip(ours, theirs):
        # ttconv drops a space next to a control code, where teletext shows one: compare without spaces
        assert re.sub(r"\s", "", text) == re.sub(r"\s", "", their_text)
        assert abs(start - begin) <= 1 and abs(end - finish) <= 1


def test_reference_file_details() -> None:
    cues, messages = read((DATA / "requirement-0076-001.stl").read_bytes())
    assert cues[0].lines == ["WhiteOnBlack BlackOnBlack"]  # a colour code is a space on screen
    cues, _ = read((DATA / "requirement-0086-001.stl").read_bytes())
    assert cues[0].lines == ["Test Text Test Text Test Text"]
    cues, _ = read((DATA / "vp18_3_lines.stl").read_bytes())
    assert (cues[0].start, cues[0].end, cues[0].lines) == (40, 3000, ["This", "is", "row 18"])
    cues, _ = read((DATA / "multi_tti_subtitle.stl").read_bytes())
    assert [c.lines for c in cues] == [["Foo Bar Baz"]]  # three blocks, one subtitle
    cues, messages = read((DATA / "test_tcp_processing.stl").read_bytes())
    assert [(c.start, c.end, c.lines) for c in cues] == [(0, 1960, ["Start of the program."])]
    assert any("before the programme start (TCP 10:00:00:00); skipped" in m for m in messages)
    cues, _ = read((DATA / "requirement-0062-002_modified.stl").read_bytes())
    assert (cues[0].start, cues[0].end) == (86399920, 86399960)  # 23:59:59:23 to 23:59:59:24
    transcript = scribekit.load(DATA / "requirement-0076-001.stl")
    assert transcript.metadata.language == "de" and transcript.metadata.source == "stl"


def test_the_header_count_that_disagrees_is_reported() -> None:
    _, messages = read((DATA / "requirement-0056-001_modified.stl").read_bytes())
    assert messages == ["the header says 1 TTI blocks (TNB) and the file has 4; all 4 are read"]


# --- reading: damaged and unusual files -----------------------------------------------------


def tti(sn: int, text: bytes, *, ebn: int = 0xFF, tci: tuple[int, ...] = (0, 0, 1, 0),
        tco: tuple[int, ...] = (0, 0, 2, 0), cf: int = 0, cs: int = 0) -> bytes:
    return TTI.pack(0, sn, ebn, cs, *tci, *tco, 22, 2, cf, text.ljust(112, b"\x8f"))


def header(**fields: bytes) -> bytes:
    base = bytearray(write([Cue(0, 1000, ["x"])])[:1024])
    offsets = {"DFC": (3, 8), "DSC": (11, 1), "CCT": (12, 2), "TNB": (238, 5), "TCP": (256, 8), "LC": (14, 2)}
    for name, value in fields.items():
        offset, size = offsets[name]
        base[offset:offset + size] = value.ljust(size)
    return bytes(base)


def test_a_short_header_is_a_read_error() -> None:
    with pytest.raises(ReadError, match="500 bytes, shorter than the 1024-byte header"):
        scribekit.loads(b"850STL25.01" + b" " * 489, format="stl")


def test_a_header_without_a_disk_format_code_is_a_read_error() -> None:
    with pytest.raises(ReadError, match="disk format code"):
        scribekit.loads(b"x" * 1200, format="stl")


def test_a_cut_block_is_reported_and_the_rest_read() -> None:
    data = header(TNB=b"00002") + tti(1, b"One") + tti(2, b"Two")[:60]
    cues, messages = read(data)
    assert [c.lines for c in cues] == [["One"]]
    assert any("TTI block 2: the file ends 60 bytes into this block" in m for m in messages)


def test_bad_timecode_bytes_skip_the_subtitle_with_its_block_number() -> None:
    data = header(TNB=b"00003") + tti(1, b"One") + tti(2, b"Two", tci=(0, 75, 1, 0)) + tti(3, b"Three",
                                                                                              tco=(0, 0, 2, 25))
    cues, messages = read(data)
    assert [c.lines for c in cues] == [["One"]]
    assert messages == ["TTI block 2: subtitle skipped: its time code bytes are not in and out timecodes at 25 frames "
                        "a second (00 4b 01 00 | 00 00 02 00) (and 1 more like it)"]


def test_tnb_zero_with_blocks_is_reported_and_the_blocks_read() -> None:
    cues, messages = read(header(TNB=b"00000") + tti(1, b"One"))
    assert [c.lines for c in cues] == [["One"]]
    assert messages == ["the header says 0 TTI blocks (TNB) and the file has 1; all 1 are read"]


def test_unknown_header_codes_are_read_as_the_usual_ones_and_reported() -> None:
    cues, messages = read(header(DFC=b"STL99.01", CCT=b"09", TNB=b"abc", TCP=b"xx", DSC=b"7") + tti(1, b"One"))
    assert [(c.start, c.lines) for c in cues] == [(1000, ["One"])]
    assert len(messages) == 5
    assert any("unknown frame rate code 'STL99.01' read as STL25.01" in m for m in messages)
    assert any("unknown character code table '09'" in m for m in messages)


def test_comments_user_data_and_cumulative_parts() -> None:
    data = header(TNB=b"00004") + tti(1, b"Comment", cf=1) + tti(2, b"User data", ebn=0xFE) + tti(
        3, b"Shown") + tti(4, b"Part", cs=1)
    cues, messages = read(data)
    assert messages == [] and [c.lines for c in cues] == [["Shown"], ["Part"]]


def test_extension_blocks_without_their_last_block_are_read_and_reported() -> None:
    data = header(TNB=b"00003") + tti(1, b"Half ", ebn=0) + tti(2, b"Next") + tti(3, b"Tail", ebn=0)
    cues, messages = read(data)
    assert [c.lines for c in cues] == [["Half"], ["Next"], ["Tail"]]
    assert messages == ["TTI block 1: subtitle 1 has extension blocks and no last one (EBN FF); read as it is",
                        "TTI block 3: subtitle 3 has extension blocks and no last one (EBN FF); read as it is"]


def test_every_subtitle_before_the_programme_start_means_the_start_is_ignored() -> None:
    cues, messages = read(header(TNB=b"00001", TCP=b"10000000") + tti(1, b"Early"))
    assert [(c.start, c.lines) for c in cues] == [(1000, ["Early"])]
    assert messages == ["every subtitle starts before the programme start (TCP 10:00:00:00); times are read "
                        "from 00:00:00:00"]


def test_an_end_before_the_start_is_kept_and_reported() -> None:
    cues, messages = read(header(TNB=b"00001") + tti(1, b"Back", tci=(0, 0, 5, 0), tco=(0, 0, 4, 0)))
    assert [(c.start, c.end) for c in cues] == [(5000, 4000)]
    assert messages == ["TTI block 1: subtitle ends before it starts (kept as it is)"]


def test_bytes_without_a_character_are_reported() -> None:
    cues, messages = read(header(TNB=b"00001") + tti(1, b"A\xc0B"))
    assert cues[0].lines == ["A\ufffdB"]
    assert messages == ["TTI block 1: 1 byte(s) with no character in table 00, read as U+FFFD"]


def test_control_codes_become_spaces_line_breaks_and_tags() -> None:
    text = b"\x80Italic\x81plain \x82under\x83\x8a\x8a\x03yellow\x8acontinues\x80on\x8anext"
    cues, _ = read(header(TNB=b"00001") + tti(1, text))
    assert cues[0].lines == ["<i>Italic</i> plain <u>under</u>", "yellow", "continues <i>on</i>", "<i>next</i>"]
    cues, _ = read(header(TNB=b"00001", DSC=b"1") + tti(1, text))
    assert cues[0].lines[3] == "next"  # teletext: a new row starts without the styles of the last


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(min_size=0, max_size=128 * 6), st.sampled_from([b"00", b"01", b"02", b"03", b"04"]),
       st.sampled_from([b"0", b"1"]))
def test_any_bytes_after_a_header_read_without_a_crash(body: bytes, table: bytes, mode: bytes) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        transcript = scribekit.loads(header(CCT=table, DSC=mode) + body, format="stl")
    assert transcript.cues is not None and all(isinstance(line, str) for c in transcript.cues for line in c.lines)


# --- round trips ----------------------------------------------------------------------------

LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,!?'\"-$#éèçàüößÆøłŁœ«»“”‘’ğşıİ"
CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ0123456789.,!?-"


@st.composite
def stl_cues(draw: st.DrawFn, alphabet: str, italics: bool) -> list[Cue]:
    word = st.text(alphabet=alphabet, min_size=1, max_size=10)
    t = draw(st.integers(0, 3_600_000))
    cues = []
    for _ in range(draw(st.integers(1, 12))):
        rows = []
        for _ in range(draw(st.integers(1, 3))):
            runs = draw(st.lists(st.tuples(st.lists(word, min_size=1, max_size=4), st.booleans() if italics
                                           else st.just(False)), min_size=1, max_size=3))
            parts, last = [], None
            for words, italic in runs:
                if italic == last:
                    parts[-1] = parts[-1][:-4] + " " + " ".join(words) + "</i>" if italic else \
                        parts[-1] + " " + " ".join(words)
                else:
                    parts.append(f"<i>{' '.join(words)}</i>" if italic else " ".join(words))
                last = italic
            rows.append(" ".join(parts))
        duration = draw(st.integers(100, 10_000))
        cues.append(Cue(t, t + duration, rows))
        t += duration + draw(st.integers(0, 5_000))
    return cues


@settings(max_examples=60, deadline=None)
@given(st.data(), st.sampled_from(["open", "teletext"]), st.sampled_from([25, 30, 29.97]),
       st.sampled_from([LATIN, CYRILLIC]), st.sampled_from([None, "00:00:00:00", "10:00:00:00"]))
def test_cues_survive_stl_and_back(data: st.DataObject, mode: str, fps: float, alphabet: str,
                                   start: str | None) -> None:
    """At 29.97 (drop-frame timecodes) read back at the rate written, as --input-fps 29.97 does."""
    cues = data.draw(stl_cues(alphabet, italics=mode == "open"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)  # teletext rows wider than 35 characters
        written = write(cues, fps=fps, stl_mode=mode, start_timecode=start)
    rate = FrameRate.of(fps)
    back, messages = read(written, fps if fps == 29.97 else None)
    assert messages == []
    assert [(c.start, c.end) for c in back] == [(rate.ms(rate.frames(c.start)), rate.ms(rate.frames(c.end)))
                                                for c in cues]
    assert [c.lines for c in back] == [c.lines for c in cues]


@settings(max_examples=25, deadline=None)
@given(st.data(), st.sampled_from(["open", "teletext"]), st.sampled_from([24, 25, 30, 50]))
def test_ttconv_reads_random_cues_as_written(data: st.DataObject, mode: str, fps: int) -> None:
    cues = data.draw(stl_cues(LATIN, italics=mode == "open"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)  # teletext rows wider than 35 characters
        written = write(cues, fps=fps, stl_mode=mode)
    assert_ttconv_agrees(written, cues, fps)


HOSTILE_PIECES = ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\r", "\n", "\r\n", "\ud800", "\udfff", "\ufffd",
                  "00:00:01,000 --> 00:00:02,000", "10:30:00 -> doors open", "-->", "<i>", "</i>", "  "]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.lists(st.one_of(st.text(alphabet=LATIN, min_size=1, max_size=8),
                                            st.sampled_from(HOSTILE_PIECES)), min_size=1, max_size=6)
                                  .map("".join), min_size=0, max_size=3), min_size=1, max_size=8),
       st.sampled_from(["open", "teletext"]))
def test_any_text_written_reads_back_as_as_many_cues_by_us_and_ttconv(texts: list[list[str]], mode: str) -> None:
    """Control characters, line ends, lone surrogates and timing-like text: the writer cleans them
    as every writer does (with warnings), and what it writes holds every cue, for us and for ttconv."""
    cues = [Cue(k * 2000, k * 2000 + 1480, lines) for k, lines in enumerate(texts)]  # on frames at 25
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        written = write(cues, stl_mode=mode)
    back, messages = read(written)
    assert messages == [] and len(back) == len(cues)
    assert [(c.start, c.end) for c in back] == [(c.start, c.end) for c in cues]
    assert all(not any(ch in line for line in c.lines for ch in "\x00\x07\x1b\r\n\ud800") for c in back)
    assert len(ttconv_cues(written)) == len(cues)


def test_at_29_97_timecodes_are_drop_frame_and_keep_to_the_clock_for_hours() -> None:
    """NTSC material: ttconv reads STL30.01 as 29.97 drop frame, and so must the timecodes be
    (non-drop-frame labels fall 3.6 s behind the clock each hour)."""
    times = [1000, 59_990, 599_000, 3_600_000, 5_400_000]
    cues = [Cue(ms, ms + 2000, [f"at {ms} ms"]) for ms in times]
    written = write(cues, fps=29.97, start_timecode="01:00:00;00")
    assert gsi(written, 256, 8) == b"01000000" and gsi(written, 3, 8) == b"STL30.01"
    ninety_minutes = blocks(written)[4]
    assert ninety_minutes[4:8] == (2, 30, 0, 0)  # 01:00:00;00 + 1:30:00 is labelled 02:30:00;00
    assert_ttconv_agrees(written, cues, 29.97)
    exact, messages = read(written, 29.97)
    assert messages == [] and [c.start for c in exact] == [on_frame(ms, 29.97) for ms in times]
    nominal, _ = read(written)  # labels read at 30: within two frames of the clock
    assert all(abs(c.start - ms) <= 67 for c, ms in zip(nominal, times))
    non_drop = write(cues, fps=29.97, drop_frame=False)
    assert blocks(non_drop)[3][4:8] == (0, 59, 56, 12)  # one hour of NTSC frames, counted at 30


def test_drop_frame_and_input_rates_that_do_not_fit_are_refused() -> None:
    with pytest.raises(OptionError, match="drop-frame"):
        stl.Options(fps=25, drop_frame=True)
    written = write(SAMPLE_CUES, fps=29.97)
    with pytest.raises(ReadError, match="does not fit the file's disk format code STL30.01"):
        read(written, 25)
    result = CliRunner().invoke(cli, ["info", "-", "--input-fps", "25"], input=written)
    assert result.exit_code == 1 and "STL30.01" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("name, mode", [("interview.stl", "open"), ("interview-teletext.stl", "teletext")])
def test_the_samples_are_what_the_writer_writes_from_the_srt_sample(name: str, mode: str) -> None:
    samples = Path(__file__).resolve().parent.parent / "samples"
    transcript = scribekit.load(samples / "subtitles" / "interview.srt")
    transcript.metadata.language = "en"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)  # teletext: italics dropped
        written = scribekit.dumps(transcript, "stl", stl_mode=mode, stl_title="Interview",
                                  stl_publisher="scribekit samples", stl_creation_date="2024-01-01",
                                  start_timecode="10:00:00:00")
    assert written == (samples / "stl" / name).read_bytes()
    back = scribekit.load(samples / "stl" / name)
    expected = [normalise(c.text) if mode == "open" else re.sub("</?i>", "", c.text) for c in transcript.cues or []]
    assert [c.text for c in back.cues or []] == expected
    assert [c.start for c in back.cues or []] == [520, 3400, 6240, 10000]


def test_the_srt_sample_through_stl_and_back_to_srt() -> None:
    sample = Path(__file__).resolve().parent.parent / "samples" / "subtitles" / "interview.srt"
    back = scribekit.loads(scribekit.dumps(scribekit.load(sample), "stl"))
    assert [c.lines for c in back.cues or []] == [c.lines for c in scribekit.load(sample).cues or []]


# --- command line ---------------------------------------------------------------------------


def test_command_line_convert_and_info(tmp_path: Path) -> None:
    source = tmp_path / "interview.json"
    transcript = transcript_of_words()
    transcript.metadata.language = "fr"
    scribekit.save(transcript, source)
    out = tmp_path / "interview.stl"
    runner = CliRunner()
    result = runner.invoke(cli, ["convert", str(source), "--to", "stl", "--fps", "30", "--stl-mode", "teletext",
                                 "--start-timecode", "10:00:00:00", "--stl-title", "Interview", "--stl-publisher",
                                 "ACME", "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert gsi(data, 3, 8) == b"STL30.01" and gsi(data, 16, 9) == b"Interview" and gsi(data, 277, 4) == b"ACME"
    result = runner.invoke(cli, ["info", str(out)])
    assert result.exit_code == 0
    assert "original programme title (OPT)      Interview" in result.output
    assert "programme start (TCP)               10:00:00:00" in result.output
    assert "language code (LC)                  0F (fr)" in result.output
    result = runner.invoke(cli, ["convert", str(out), "--to", "srt", "-o", "-"])
    assert result.exit_code == 0 and result.output.startswith("1\n00:00:00,000 --> ")


def test_command_line_errors_are_one_line(tmp_path: Path) -> None:
    runner = CliRunner()
    source = tmp_path / "a.srt"
    source.write_text("1\n00:00:01,000 --> 00:00:02,000\nIn Ελλάδα, café\n", encoding="utf-8")
    result = runner.invoke(cli, ["convert", str(source), "--to", "stl", "-o", str(tmp_path / "a.stl")])
    assert result.exit_code == 1 and "has no code for" in result.stderr and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1 and not (tmp_path / "a.stl").exists()
    result = runner.invoke(cli, ["convert", str(source), "--to", "stl", "--fps", "60", "-o", "-"])
    assert result.exit_code == 2 and "no frame rate code for 60" in result.stderr
    short = tmp_path / "short.stl"
    short.write_bytes(b"850STL25.01")
    result = runner.invoke(cli, ["info", str(short), "--from", "stl"])
    assert result.exit_code == 1 and "shorter than the 1024-byte header" in result.stderr


@pytest.mark.parametrize("mode", ["open", "teletext"])
def test_a_cue_at_the_top_is_written_on_row_1_and_read_back_at_the_top(mode: str) -> None:
    """The vertical position (VP) of a cue placed at the top (the shared key, or an SRT {\\an8}) is
    row 1; the others keep theirs, their last row at the bottom; a first row in the upper half of the
    23 teletext rows reads back as at the top."""
    cues = [Cue(1000, 2000, ["Up here"], style={"position": "top"}), Cue(3000, 4000, ["Down", "here"]),
            Cue(5000, 6000, [r"{\an8}Up again"]), Cue(7000, 8000, ["Down again"])]
    data = scribekit.dumps(Transcript(cues=cues), "stl", stl_mode=mode)
    assert isinstance(data, bytes)
    vertical = [block[12] for block in blocks(data)]
    assert vertical[0] == vertical[2] == 1
    assert vertical[1] < vertical[3] and vertical[3] > 11  # two rows start higher than one; both low
    back, messages = read(data)
    assert not messages
    assert [(cue.text, (cue.style or {}).get("position")) for cue in back] == [
        ("Up here", "top"), ("Down\nhere", None), ("Up again", "top"), ("Down again", None)]
