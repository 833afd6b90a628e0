"""CEA-608 ("line 21") codes as Scenarist SCC files carry them, both ways.

Every byte has 7 data bits and an odd-parity bit 7 (``with_parity``,
``parity_ok``). A byte pair is one code word. Bytes 0x20..0x7F are the basic
character set: ASCII with ten substitutions (``BASIC``: 0x2A á, 0x5C é, 0x5E í,
0x5F ó, 0x60 ú, 0x7B ç, 0x7C ÷, 0x7D Ñ, 0x7E ñ, 0x7F █). A first byte 0x10..0x1F
opens a control pair; channel 2 (CC2) is channel 1 with bit 0x08 set in the
first byte:

=========================  ==============================================
first byte, second byte    meaning (channel 1)
=========================  ==============================================
0x11, 0x20..0x2F           mid-row code: colour or italics, underline
0x11, 0x30..0x3F           special character (``SPECIAL``: ® ° ½ ... û)
0x12/0x13, 0x20..0x3F      extended character (``EXTENDED``); it replaces
                           the character before it, which a sender puts
                           there for older decoders (``FALLBACK``)
0x10..0x17, 0x40..0x7F     preamble address code (PAC): row 1..15, then a
                           colour/italics or an indent 0, 4, ..., 28
0x14, 0x20..0x2F           miscellaneous control code (``CONTROL_NAMES``;
                           0x15 is the same set for field 2, CC3: not a
                           channel of SCC files, skipped)
0x17, 0x21..0x23           tab offset 1..3 columns
0x10, 0x20..0x2F; 0x17,    background and black-text attributes (the reader
0x2D..0x2F                 skips them, as ttconv does: no column, no text)
=========================  ==============================================

The tables here are the channel 1 values; ``control``, ``pac`` and
``mid_row`` take the channel. ``decode_pac`` and ``decode_mid_row`` read the
pairs back.
"""
from __future__ import annotations

__all__ = ["BASIC", "BASIC_BY_CODE", "COLOURS", "CONTROL_CODES", "CONTROL_NAMES", "EXTENDED", "EXTENDED_BY_CODE",
           "FALLBACK", "PAC_ROWS", "SPECIAL", "SPECIAL_BY_CODE", "TAB_OFFSETS", "TRANSPARENT_SPACE", "Pac",
           "control", "decode_mid_row", "decode_pac", "mid_row", "pac", "parity_ok", "with_parity"]

from typing import NamedTuple


def with_parity(b7: int) -> int:
    """The byte of 7-bit value ``b7`` with bit 7 set so that the byte has an odd number of ones."""
    if not 0 <= b7 <= 0x7F:
        raise ValueError(f"{b7:#x} is not a 7-bit value")
    return b7 | 0x80 if bin(b7).count("1") % 2 == 0 else b7


def parity_ok(byte: int) -> bool:
    """Whether ``byte`` (0..255) has odd parity."""
    return bin(byte & 0xFF).count("1") % 2 == 1


_SUBSTITUTIONS = {0x2A: "á", 0x5C: "é", 0x5E: "í", 0x5F: "ó", 0x60: "ú", 0x7B: "ç", 0x7C: "÷", 0x7D: "Ñ",
                  0x7E: "ñ", 0x7F: "█"}

BASIC_BY_CODE: dict[int, str] = {code: _SUBSTITUTIONS.get(code, chr(code)) for code in range(0x20, 0x80)}
"""7-bit code (0x20..0x7F) -> character."""
BASIC: dict[str, int] = {char: code for code, char in BASIC_BY_CODE.items()}
"""Character -> 7-bit code of the basic set."""

TRANSPARENT_SPACE = "\u00a0"
"""The special character 0x11 0x39, a space that shows the picture through; read as a no-break space."""

SPECIAL_BY_CODE: dict[int, str] = dict(zip(range(0x30, 0x40), "®°½¿™¢£♪à" + TRANSPARENT_SPACE + "èâêîôû",
                                           strict=True))
"""Second byte (after 0x11 on channel 1, 0x19 on channel 2) -> special character."""
SPECIAL: dict[str, int] = {char: code for code, char in SPECIAL_BY_CODE.items()}

_EXTENDED_12 = "ÁÉÓÚÜü‘¡*’—©℠•“”ÀÂÇÈÊËëÎÏïÔÙùÛ«»"  # Spanish, miscellaneous, French
_EXTENDED_13 = "ÃãÍÌìÒòÕõ{}\\^_¦~ÄäÖöß¥¤|ÅåØø┌┐└┘"  # Portuguese, German, Danish
EXTENDED_BY_CODE: dict[tuple[int, int], str] = {
    **{(0x12, 0x20 + i): char for i, char in enumerate(_EXTENDED_12)},
    **{(0x13, 0x20 + i): char for i, char in enumerate(_EXTENDED_13)},
}
"""(first byte, second byte) on channel 1 -> extended character."""
EXTENDED: dict[str, tuple[int, int]] = {char: pair for pair, char in EXTENDED_BY_CODE.items()}

FALLBACK: dict[str, str] = {
    "Á": "A", "É": "E", "Ó": "O", "Ú": "U", "Ü": "U", "ü": "u", "‘": "'", "¡": "!", "*": "'", "’": "'",
    "—": "-", "©": "c", "℠": "s", "•": ".", "“": '"', "”": '"', "À": "A", "Â": "A", "Ç": "C", "È": "E",
    "Ê": "E", "Ë": "E", "ë": "e", "Î": "I", "Ï": "I", "ï": "i", "Ô": "O", "Ù": "U", "ù": "u", "Û": "U",
    "«": '"', "»": '"', "Ã": "A", "ã": "a", "Í": "I", "Ì": "I", "ì": "i", "Ò": "O", "ò": "o", "Õ": "O",
    "õ": "o", "{": "(", "}": ")", "\\": "/", "^": "'", "_": "-", "¦": "!", "~": "-", "Ä": "A", "ä": "a",
    "Ö": "O", "ö": "o", "ß": "s", "¥": "Y", "¤": "o", "|": "!", "Å": "A", "å": "a", "Ø": "O", "ø": "o",
    "┌": "+", "┐": "+", "└": "+", "┘": "+",
}
"""Extended character -> the basic character sent before it (a decoder that knows the extended set
replaces it; an older one shows it)."""

CONTROL_CODES: dict[str, int] = {
    "RCL": 0x20, "BS": 0x21, "AOF": 0x22, "AON": 0x23, "DER": 0x24, "RU2": 0x25, "RU3": 0x26, "RU4": 0x27,
    "FON": 0x28, "RDC": 0x29, "TR": 0x2A, "RTD": 0x2B, "EDM": 0x2C, "CR": 0x2D, "ENM": 0x2E, "EOC": 0x2F,
}
"""Miscellaneous control code name -> second byte (first byte 0x14 on channel 1, 0x1C on channel 2)."""
CONTROL_NAMES: dict[int, str] = {code: name for name, code in CONTROL_CODES.items()}
TAB_OFFSETS: dict[int, int] = {0x21: 1, 0x22: 2, 0x23: 3}
"""Second byte after 0x17 (channel 1) or 0x1F -> columns the cursor moves right."""

COLOURS = ("white", "green", "blue", "cyan", "red", "yellow", "magenta")
"""Foreground colours in the order of their attribute codes (code = 2 * index, +1 for underline)."""

# Row -> (first byte on channel 1, second byte base 0x40 or 0x60).
PAC_ROWS: dict[int, tuple[int, int]] = {
    1: (0x11, 0x40), 2: (0x11, 0x60), 3: (0x12, 0x40), 4: (0x12, 0x60), 5: (0x15, 0x40), 6: (0x15, 0x60),
    7: (0x16, 0x40), 8: (0x16, 0x60), 9: (0x17, 0x40), 10: (0x17, 0x60), 11: (0x10, 0x40), 12: (0x13, 0x40),
    13: (0x13, 0x60), 14: (0x14, 0x40), 15: (0x14, 0x60),
}
_ROW_OF_PAC = {pair: row for row, pair in PAC_ROWS.items()}


def _channel_bit(channel: int) -> int:
    if channel not in (1, 2):
        raise ValueError(f"channel {channel} is not 1 or 2 (CC3 and CC4 are field 2, not in SCC files)")
    return 0x08 if channel == 2 else 0x00


def control(name: str, channel: int) -> tuple[int, int]:
    """The 7-bit pair of a control code: the miscellaneous codes (RCL ... EOC) and TO1, TO2, TO3."""
    bit = _channel_bit(channel)
    if name in ("TO1", "TO2", "TO3"):
        return 0x17 | bit, 0x20 + int(name[2])
    try:
        return 0x14 | bit, CONTROL_CODES[name]
    except KeyError:
        raise ValueError(f"{name!r} is not a CEA-608 control code") from None


def pac(row: int, indent: int, channel: int, *, italic: bool = False, underline: bool = False) -> tuple[int, int]:
    """The 7-bit pair of the preamble address code for ``row`` (1..15) and ``indent`` (0, 4, ..., 28).

    An indent PAC sets white text; italics need indent 0 (or a mid-row code after the PAC).
    """
    bit = _channel_bit(channel)
    if row not in PAC_ROWS:
        raise ValueError(f"row {row} is not 1..15")
    if indent not in range(0, 29, 4):
        raise ValueError(f"indent {indent} is not one of 0, 4, ..., 28")
    if italic and indent:
        raise ValueError("a PAC with an indent cannot set italics: use indent 0 or a mid-row code")
    first, base = PAC_ROWS[row]
    attribute = 0x0E if italic else (0x10 + indent // 2 if indent else 0x00)
    return first | bit, base | attribute | (1 if underline else 0)


def mid_row(channel: int, *, italic: bool = False, underline: bool = False, colour: str = "white") -> tuple[int, int]:
    """The 7-bit pair of a mid-row code: a colour, or italics (white), each with or without underline."""
    bit = _channel_bit(channel)
    if colour not in COLOURS:
        raise ValueError(f"colour {colour!r} is not one of {', '.join(COLOURS)}")
    if italic and colour != "white":
        raise ValueError("the italic mid-row code sets white text: no other colour with it")
    code = 0x2E if italic else 0x20 + 2 * COLOURS.index(colour)
    return 0x11 | bit, code | (1 if underline else 0)


class Pac(NamedTuple):
    """A decoded preamble address code."""
    channel: int
    row: int
    indent: int
    colour: str
    italic: bool
    underline: bool


def decode_pac(first: int, second: int) -> Pac | None:
    """The PAC of a 7-bit pair, or None if the pair is not one."""
    if not 0x10 <= first <= 0x1F or not 0x40 <= second <= 0x7F:
        return None
    row = _ROW_OF_PAC.get((first & 0x17, second & 0x60))
    if row is None:
        return None
    attribute = second & 0x1F
    indent, colour, italic = 0, "white", False
    if attribute >= 0x10:
        indent = (attribute & 0x0E) * 2
    elif attribute & 0x0E == 0x0E:
        italic = True
    else:
        colour = COLOURS[(attribute & 0x0E) // 2]
    return Pac(2 if first & 0x08 else 1, row, indent, colour, italic, bool(attribute & 1))


def decode_mid_row(first: int, second: int) -> tuple[str, bool, bool] | None:
    """(colour, italic, underline) of a mid-row 7-bit pair (either channel), or None if it is not one."""
    if first & 0x17 != 0x11 or not 0x20 <= second <= 0x2F:
        return None
    italic = second & 0x0E == 0x0E
    return ("white" if italic else COLOURS[(second & 0x0E) // 2]), italic, bool(second & 1)
