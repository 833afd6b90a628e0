"""EBU STL at its limits and on hostile input: header numbers in code page 850 superscripts, a
subtitle of more extension blocks than the format numbers, the header's language, errors and
warnings of a bounded size for text in many scripts, transliteration of Cyrillic and Greek, and a
seeded mutation loop over the reader (SCRIBEKIT_FUZZ_STL=N runs N inputs instead of 300)."""
from __future__ import annotations

import os
import random
import struct
import warnings
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import scribekit
from scribekit import Cue, Metadata, ReadError, ScribekitError, ScribekitWarning, Transcript, WriteError
from scribekit.cli import cli
from scribekit.formats import stl
from scribekit.formats.stl import charsets, gsi, tti

HERE = Path(__file__).resolve().parent
SEEDS = sorted((HERE / "data" / "stl-irt").glob("*.stl")) + sorted((HERE.parent / "samples" / "stl").glob("*.stl"))
TTI = struct.Struct("<BHBB4B4BBBB112s")


def write(cues: list[Cue], language: str | None = None, **options: Any) -> bytes:
    options.setdefault("stl_creation_date", "2024-03-05")
    return stl.write_cues(cues, Transcript(cues=cues, metadata=Metadata(language=language)), stl.Options(**options))


def read(data: bytes) -> tuple[list[Cue], list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        transcript = scribekit.loads(data, format="stl")
    assert transcript.cues is not None
    return transcript.cues, [str(w.message) for w in caught if issubclass(w.category, ScribekitWarning)]


# --- header numbers ---------------------------------------------------------------------------

SUPERSCRIPTS = "\u00b9\u00b2\u00b3".encode("cp850")  # bytes FB FD FC: digits to str.isdigit, not to int


def test_superscripts_are_not_digits_in_any_numeric_header_field() -> None:
    assert all(char.isdigit() for char in SUPERSCRIPTS.decode("cp850"))
    base = (HERE.parent / "samples" / "stl" / "interview.stl").read_bytes()
    expected, _ = read(base)
    for code, _, offset, size in gsi.FIELDS:
        if code in gsi.TEXT_FIELDS or code in ("CPN", "DFC"):
            continue
        data = bytearray(base)
        data[offset:offset + size] = (SUPERSCRIPTS * size)[:size]
        cues, _ = read(bytes(data))
        assert [c.lines for c in cues] == [c.lines for c in expected], code
        assert stl.describe_file(bytes(data))


def test_a_block_count_in_superscripts_is_reported_not_a_crash() -> None:
    data = bytearray((HERE.parent / "samples" / "stl" / "interview.stl").read_bytes())
    data[238:243] = b"0" + SUPERSCRIPTS + b"0"
    cues, messages = read(bytes(data))
    assert cues and any("block count (TNB)" in message and "is not a number" in message for message in messages)
    assert gsi.ascii_number("0\u00b2\u00b31") is None and gsi.ascii_number("00042") == 42


# --- extension blocks -------------------------------------------------------------------------

def _cue_of_blocks(blocks: int) -> Cue:
    """A one-row cue whose text fills ``blocks`` text fields exactly (11-byte words, 10 a block, cut at spaces)."""
    words = [f"w{n:09d}" for n in range(blocks * 10)]
    row = " ".join(words)
    return Cue(1000, 5000, [row])


def test_the_longest_subtitle_the_format_numbers_is_written_whole() -> None:
    cue = _cue_of_blocks(tti.MAX_BLOCKS_A_SUBTITLE)
    data = write([cue])
    numbers = [values[2] for values in TTI.iter_unpack(data[1024:])]
    assert len(numbers) == tti.MAX_BLOCKS_A_SUBTITLE
    assert numbers == [*range(0xF0), 0xFF]  # 00..EF, then the last: no reserved or user-data number
    ours, _ = read(data)
    assert [c.lines for c in ours] == [cue.lines]
    pytest.importorskip("ttconv")
    from test_stl import ttconv_cues

    theirs = ttconv_cues(data)
    assert len(theirs) == 1 and theirs[0][2].split() == cue.lines[0].split()


def test_a_subtitle_needing_more_blocks_is_refused_naming_it_and_the_limit() -> None:
    cues = [Cue(0, 500, ["short"]), _cue_of_blocks(tti.MAX_BLOCKS_A_SUBTITLE + 1), _cue_of_blocks(300)]
    with pytest.raises(WriteError, match=r"at most 241 TTI blocks .*cue 2 needs 242, cue 3 needs 300") as info:
        write(cues)
    assert len(str(info.value)) < 400
    with pytest.raises(WriteError, match="cue 1 needs 2600"):  # was a struct.error past 255 blocks
        write([_cue_of_blocks(2600)])


# --- the header's language ----------------------------------------------------------------------

def test_the_language_given_to_the_segmenter_reaches_the_header(tmp_path: Path) -> None:
    transcript = scribekit.load(HERE.parent / "samples" / "subtitles" / "interview.srt")
    assert transcript.metadata.language is None
    data = scribekit.dumps(transcript, "stl", language="fr", stl_creation_date="2024-03-05")
    assert isinstance(data, bytes) and data[14:16] == b"0F"
    assert scribekit.dumps(transcript, "stl", language="fr", stl_language="de")[14:16] == b"08"
    out = tmp_path / "out.stl"
    result = CliRunner().invoke(cli, ["convert", str(HERE.parent / "samples" / "subtitles" / "interview.srt"),
                                      "--to", "stl", "--language", "nl", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[14:16] == b"1D"
    assert scribekit.loads(out.read_bytes(), format="stl").metadata.language == "nl"


# --- many scripts: bounded messages -------------------------------------------------------------

def test_text_in_many_scripts_is_one_short_error() -> None:
    chars = [chr(code) for code in range(0x4E00, 0x4E00 + 3000)]  # Han, which no table holds
    cues = [Cue(k * 1000, k * 1000 + 900, ["Привет " + "".join(chars[k * 30:(k + 1) * 30])]) for k in range(100)]
    with pytest.raises(WriteError) as info:
        write(cues)
    message = str(info.value)
    assert len(message) < 600, len(message)
    assert "2996 more characters (3000 in all, in 100 cues)" in message and "mixes scripts" in message
    with pytest.warns(ScribekitWarning) as caught:
        write(cues, stl_unsupported="transliterate")
    assert all(len(str(w.message)) < 600 for w in caught)


# --- transliteration -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, table, expected", [
    ("Щука, жизнь и съешь; Юля", "00", "Ŝuka, žizn' i s\"eš'; Ûlâ"),
    ("Щука, жизнь и съешь; Юля", "03", "Suka, zizn' i s\"es'; Ula"),  # no ŝ ž in ISO 8859-7: the bare letters
    ("Ελληνικά: Θεός, ΟΥΡΑΝΟΣ, ουρανός, ευχαριστώ, Ψυχή", "00",
     "Ellinika: Theos, OURANOS, ouranos, evcharisto, Psychi"),
    ("Ελληνικά", "01", "Ellinika"),
    ("Київ, Ђорђе", "00", "Kiïv, Đorđe"),
])
def test_cyrillic_and_greek_are_romanised(text: str, table: str, expected: str) -> None:
    encode = charsets.encoder(table)
    written, replaced = charsets.transliterate(text, encode)
    assert written == expected
    assert "?" not in written and replaced
    encode(written)  # every character has a code


def test_transliterated_cyrillic_and_greek_read_back_by_us_and_ttconv() -> None:
    cues = [Cue(1000, 3000, ["Hello, привет"]), Cue(4000, 6000, ["Καλημέρα σας"])]
    with pytest.warns(ScribekitWarning, match="'п' -> 'p'"):
        data = write(cues, stl_character_table="latin", stl_unsupported="transliterate")
    ours, _ = read(data)
    assert [c.lines for c in ours] == [["Hello, privet"], ["Kalimera sas"]]
    pytest.importorskip("ttconv")
    from test_stl import ttconv_cues

    assert [text for _, _, text in ttconv_cues(data)] == ["Hello, privet", "Kalimera sas"]


# --- fuzzing the reader --------------------------------------------------------------------------

def _mutations(count: int, seed: int = 13) -> list[bytes]:
    """Seeded mutations of the reference files: bytes flipped, set to superscripts or 0x8F/0xFF,
    runs cut or repeated, header fields overwritten, files cut short."""
    rng = random.Random(seed)
    seeds = [path.read_bytes() for path in SEEDS]
    out = []
    for _ in range(count):
        data = bytearray(rng.choice(seeds))
        for _ in range(rng.randint(1, 8)):
            kind = rng.randrange(6)
            if not data:
                break
            where = rng.randrange(len(data))
            if kind == 0:
                data[where] = rng.randrange(256)
            elif kind == 1:
                data[where:where + 3] = SUPERSCRIPTS
            elif kind == 2:  # a header field
                _, _, offset, size = rng.choice(gsi.FIELDS)
                data[offset:offset + size] = bytes(rng.choice(b"0123456789 \xfb\xfc\xfd:.") for _ in range(size))
            elif kind == 3:
                data[where:where + rng.randint(1, 300)] = b""
            elif kind == 4:
                data[where:where] = data[where:where + rng.randint(1, 400)] * rng.randint(1, 4)
            else:
                data[where] = rng.choice((0x8F, 0xFF, 0xFE, 0xEF, 0x8A, 0x80))
        if rng.random() < 0.1:
            data = data[:rng.randrange(len(data) + 1)]
        out.append(bytes(data))
    return out


def test_the_reader_reads_or_refuses_every_mutation() -> None:
    count = int(os.environ.get("SCRIBEKIT_FUZZ_STL", "300"))
    read_count = refused = 0
    for data in _mutations(count):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ScribekitWarning)
            try:
                transcript = scribekit.loads(data, format="stl")
                stl.describe_file(data)
            except ReadError:
                refused += 1
                continue
            read_count += 1
            for fmt in ("srt", "stl"):
                try:
                    scribekit.dumps(transcript, fmt)
                except ScribekitError:
                    pass
    assert read_count + refused == count and read_count > count // 2


def test_the_writer_writes_every_word_or_refuses() -> None:
    """Seeded cues of 1 to 300 blocks of text, in Latin, accented Latin, Cyrillic or Greek: each file
    is refused (WriteError) or read back by us with every cue and word (SCRIBEKIT_FUZZ_STL_WRITER=N)."""
    rng = random.Random(7)
    alphabets = ["abcdefghij", "àéîõüçñß", "абвгдежзий", "αβγδεζηθικ"]
    written = refused = 0
    for _ in range(int(os.environ.get("SCRIBEKIT_FUZZ_STL_WRITER", "60"))):
        letters = rng.choice(alphabets)
        cues = []
        for number in range(rng.randint(1, 4)):
            words = ["".join(rng.choice(letters) for _ in range(rng.randint(1, 12)))
                     for _ in range(rng.choice((3, 40, 400, rng.randint(1, 3200))))]
            rows = rng.randint(1, 3)
            lines = [" ".join(words[k::rows]) for k in range(rows) if words[k::rows]]
            cues.append(Cue(number * 10_000, number * 10_000 + 5_000, lines))
        mode = rng.choice(("open", "teletext"))
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ScribekitWarning)
                data = write(cues, stl_mode=mode)
        except WriteError as exc:
            assert "at most 241 TTI blocks" in str(exc) and len(str(exc)) < 600
            refused += 1
            continue
        written += 1
        ours, _ = read(data)
        assert [" ".join(c.lines).split() for c in ours] == [" ".join(c.lines).split() for c in cues]
    assert written and refused
