"""CEA-608 code tables (scribekit/formats/scc/codes.py): parity, every character both ways, PACs,
mid-row and control codes, against the decoding an independent test suite states."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from scribekit.formats.scc import codes

DATA = Path(__file__).resolve().parent / "data" / "scc" / "from-test-code"


def test_parity_of_every_byte() -> None:
    for b7 in range(0x80):
        byte = codes.with_parity(b7)
        assert byte & 0x7F == b7
        assert bin(byte).count("1") % 2 == 1
        assert codes.parity_ok(byte)
        assert not codes.parity_ok(byte ^ 0x80)
    assert codes.with_parity(0x14) == 0x94 and codes.with_parity(0x2C) == 0x2C and codes.with_parity(0x20) == 0x20
    assert codes.with_parity(0x00) == 0x80
    with pytest.raises(ValueError):
        codes.with_parity(0x80)


def test_basic_set_substitutions() -> None:
    assert len(codes.BASIC) == 96
    for code, char in {0x2A: "á", 0x5C: "é", 0x5E: "í", 0x5F: "ó", 0x60: "ú", 0x7B: "ç", 0x7C: "÷", 0x7D: "Ñ",
                       0x7E: "ñ", 0x7F: "█", 0x41: "A", 0x20: " ", 0x27: "'"}.items():
        assert codes.BASIC[char] == code
        assert codes.BASIC_BY_CODE[code] == char
    for char in "*\\^_`{|}~":
        assert char not in codes.BASIC


def test_every_character_round_trips_and_is_in_one_set() -> None:
    basic, special, extended = set(codes.BASIC), set(codes.SPECIAL), set(codes.EXTENDED)
    assert not basic & special and not basic & extended and not special & extended
    for char, code in codes.BASIC.items():
        assert codes.BASIC_BY_CODE[code] == char
    for char, code in codes.SPECIAL.items():
        assert 0x30 <= code <= 0x3F and codes.SPECIAL_BY_CODE[code] == char
    for char, pair in codes.EXTENDED.items():
        assert pair[0] in (0x12, 0x13) and 0x20 <= pair[1] <= 0x3F
        assert codes.EXTENDED_BY_CODE[pair] == char
    assert len(codes.SPECIAL) == 16 and len(codes.EXTENDED) == 64


def test_every_extended_character_has_a_basic_fallback() -> None:
    assert set(codes.FALLBACK) == set(codes.EXTENDED)
    for char, fallback in codes.FALLBACK.items():
        assert fallback in codes.BASIC, char


def _words(line: str) -> list[tuple[int, int]]:
    return [(int(word[:2], 16), int(word[2:], 16)) for word in line.split()[1:]]


def test_tables_decode_as_the_reference_translation() -> None:
    """pycaption's fixture of the space, the 16 special and 63 extended characters, decoded by our tables,
    gives the translation its test states, byte by byte (parity checked on every byte)."""
    scc = (DATA / "pycaption-fixture__special-and-extended-chars.scc").read_text(encoding="utf-8")
    expected = (DATA / "pycaption-fixture__special-and-extended-chars.expected-translation.txt").read_text(
        encoding="utf-8")
    scc_lines = [line for line in scc.splitlines() if re.match(r"\d\d:", line)]
    expected_lines = [line for line in expected.splitlines() if re.match(r"\d\d:", line)]
    assert len(scc_lines) == len(expected_lines) == 7
    seen = 0
    for scc_line, expected_line in zip(scc_lines, expected_lines, strict=True):
        assert scc_line.split()[0] == expected_line.split()[0]
        decoded = []
        for first, second in _words(scc_line):
            assert codes.parity_ok(first) and codes.parity_ok(second)
            b1, b2 = first & 0x7F, second & 0x7F
            if b1 == 0x11 and b2 >= 0x30:
                char = codes.SPECIAL_BY_CODE[b2]
            elif b1 in (0x12, 0x13):
                char = codes.EXTENDED_BY_CODE[b1, b2]
            else:
                char = codes.BASIC_BY_CODE[b1] + (codes.BASIC_BY_CODE[b2] if b2 else "")
                char = char.rstrip()  # 2080: a space and a NUL
                char = char or " "
            decoded.append(char.replace(codes.TRANSPARENT_SPACE, " "))
            seen += 1
        assert re.findall(r"\[(.*?)\]", expected_line) == decoded
    assert seen == 1 + 16 + 63


def test_channel_two_sets_bit_3_of_the_first_byte() -> None:
    for name in [*codes.CONTROL_CODES, "TO1", "TO2", "TO3"]:
        first, second = codes.control(name, 1)
        assert codes.control(name, 2) == (first | 0x08, second)
        assert first in (0x14, 0x17)
    assert codes.control("EOC", 1) == (0x14, 0x2F) and codes.control("RCL", 2) == (0x1C, 0x20)
    assert codes.control("TO2", 1) == (0x17, 0x22)
    assert codes.pac(15, 0, 2) == (0x1C, 0x60)
    assert codes.mid_row(2, italic=True) == (0x19, 0x2E)
    for bad in (0, 3, 4):
        with pytest.raises(ValueError):
            codes.control("EOC", bad)
    with pytest.raises(ValueError):
        codes.control("XYZ", 1)


def test_pac_rows_indents_and_attributes_both_ways() -> None:
    # Known values: row 15 indent 0 (94 e0 with parity), row 1 (91 d0 row 1 indent 0), row 11 (10 40).
    assert codes.pac(15, 0, 1) == (0x14, 0x60)
    assert codes.pac(1, 0, 1) == (0x11, 0x40)
    assert codes.pac(11, 0, 1) == (0x10, 0x40)
    assert codes.pac(14, 4, 1) == (0x14, 0x52)
    assert codes.pac(15, 28, 1, underline=True) == (0x14, 0x7F)
    assert codes.pac(15, 0, 1, italic=True) == (0x14, 0x6E)
    pairs = set()
    for channel in (1, 2):
        for row in range(1, 16):
            for indent in range(0, 29, 4):
                for underline in (False, True):
                    for italic in ((False, True) if indent == 0 else (False,)):
                        pair = codes.pac(row, indent, channel, italic=italic, underline=underline)
                        pairs.add(pair)
                        decoded = codes.decode_pac(*pair)
                        assert decoded == codes.Pac(channel, row, indent, "white", italic, underline)
                        assert codes.decode_mid_row(*pair) is None
    assert len(pairs) == 2 * 15 * (8 * 2 + 2)
    with pytest.raises(ValueError):
        codes.pac(16, 0, 1)
    with pytest.raises(ValueError):
        codes.pac(1, 3, 1)
    with pytest.raises(ValueError):
        codes.pac(1, 4, 1, italic=True)
    assert codes.decode_pac(0x14, 0x2F) is None  # EOC
    assert codes.decode_pac(0x10, 0x60) is None  # row 11 has no second half
    assert codes.decode_pac(0x14, 0x48) == codes.Pac(1, 14, 0, "red", False, False)


def test_mid_row_codes_both_ways() -> None:
    assert codes.mid_row(1) == (0x11, 0x20)
    assert codes.mid_row(1, italic=True) == (0x11, 0x2E)
    assert codes.mid_row(1, italic=True, underline=True) == (0x11, 0x2F)
    assert codes.mid_row(1, colour="magenta", underline=True) == (0x11, 0x2D)
    for channel in (1, 2):
        for colour in codes.COLOURS:
            for underline in (False, True):
                pair = codes.mid_row(channel, colour=colour, underline=underline)
                assert codes.decode_mid_row(*pair) == (colour, False, underline)
                assert codes.decode_pac(*pair) is None
    with pytest.raises(ValueError):
        codes.mid_row(1, italic=True, colour="red")
    with pytest.raises(ValueError):
        codes.mid_row(1, colour="black")
