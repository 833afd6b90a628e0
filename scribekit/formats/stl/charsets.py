"""EBU STL character code table 00: the Latin alphabet of ISO/IEC 6937.

Bytes 0x20..0x7E are ASCII (``$`` is written as 0x24 and ``#`` as 0x23, as EBU
STL files do). An accented letter is two bytes, the diacritic first: é is C2 65.
The repertoire is the one the standard defines (``_ACCENTED`` below), not every
letter Unicode can put a mark on: a letter outside it (ẽ, Ĭ, ș, ...) has no code.
Bytes A0..FF other than the diacritics are single characters (``_SPECIALS``).

Decoding is lenient: a diacritic before a letter outside the repertoire still
combines with it (NFC), and a byte with no character becomes U+FFFD, which the
caller reports.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

# Diacritic byte -> combining mark, and the letters each may stand on.
_DIACRITICS: dict[int, str] = {
    0xC1: "\u0300",  # grave
    0xC2: "\u0301",  # acute
    0xC3: "\u0302",  # circumflex
    0xC4: "\u0303",  # tilde
    0xC5: "\u0304",  # macron
    0xC6: "\u0306",  # breve
    0xC7: "\u0307",  # dot above
    0xC8: "\u0308",  # diaeresis
    0xC9: "\u0308",  # diaeresis (older tables; read only)
    0xCA: "\u030A",  # ring above
    0xCB: "\u0327",  # cedilla
    0xCD: "\u030B",  # double acute
    0xCE: "\u0328",  # ogonek
    0xCF: "\u030C",  # caron
}
_ACCENTED: dict[int, str] = {
    0xC1: "AEIOUaeiou",
    0xC2: "ACEILNORSUYZaceilnorsuyz",  # and C2 67 for ģ, read only (written CB 67)
    0xC3: "ACEGHIJOSUWYaceghijosuwy",
    0xC4: "AINOUainou",
    0xC5: "AEIOUaeiou",
    0xC6: "AGUagu",
    0xC7: "CEGIZcegz",
    0xC8: "AEIOUYaeiouy",
    0xCA: "AUau",
    0xCB: "CGKLNRSTcgklnrst",
    0xCD: "OUou",
    0xCE: "AEIUaeiu",
    0xCF: "CDELNRSTZcdelnrstz",
}
# A diacritic before a space is the mark standing alone.
_SPACING: dict[int, str] = {
    0xC2: "\u00B4", 0xC5: "\u00AF", 0xC6: "\u02D8", 0xC7: "\u02D9", 0xC8: "\u00A8", 0xCA: "\u02DA",
    0xCB: "\u00B8", 0xCD: "\u02DD", 0xCE: "\u02DB", 0xCF: "\u02C7",
}
_SPECIALS: dict[int, str] = {
    0xA1: "¡", 0xA2: "¢", 0xA3: "£", 0xA4: "$", 0xA5: "¥", 0xA6: "#", 0xA7: "§", 0xA8: "¤",
    0xA9: "\u2018", 0xAA: "\u201C", 0xAB: "«", 0xAC: "←", 0xAD: "↑", 0xAE: "→", 0xAF: "↓",
    0xB0: "°", 0xB1: "±", 0xB2: "²", 0xB3: "³", 0xB4: "×", 0xB5: "µ", 0xB6: "¶", 0xB7: "·",
    0xB8: "÷", 0xB9: "\u2019", 0xBA: "\u201D", 0xBB: "»", 0xBC: "¼", 0xBD: "½", 0xBE: "¾", 0xBF: "¿",
    0xD0: "\u2014", 0xD1: "¹", 0xD2: "®", 0xD3: "©", 0xD4: "™", 0xD5: "♪", 0xD6: "¬", 0xD7: "¦",
    0xDC: "⅛", 0xDD: "⅜", 0xDE: "⅝", 0xDF: "⅞",
    0xE0: "\u2126", 0xE1: "Æ", 0xE2: "Ð", 0xE3: "ª", 0xE4: "Ħ", 0xE6: "Ĳ", 0xE7: "Ŀ", 0xE8: "Ł",
    0xE9: "Ø", 0xEA: "Œ", 0xEB: "º", 0xEC: "Þ", 0xED: "Ŧ", 0xEE: "Ŋ", 0xEF: "ŉ",
    0xF0: "ĸ", 0xF1: "æ", 0xF2: "đ", 0xF3: "ð", 0xF4: "ħ", 0xF5: "ı", 0xF6: "ĳ", 0xF7: "ŀ",
    0xF8: "ł", 0xF9: "ø", 0xFA: "œ", 0xFB: "ß", 0xFC: "þ", 0xFD: "ŧ", 0xFE: "ŋ", 0xFF: "\u00AD",
}
# Characters written with the code of a look-alike (D0 is the horizontal bar, read as an em dash).
_ALSO: dict[str, int] = {"\u2015": 0xD0, "\u0110": 0xE2, "\u03A9": 0xE0, "\u00A0": 0x20}


@lru_cache(maxsize=1)
def encoding_map() -> dict[int, bytes]:
    """Code point -> bytes for every character table 00 can hold (for ``codecs.charmap_encode``)."""
    table: dict[int, bytes] = {code: bytes([code]) for code in range(0x20, 0x7F)}
    for byte, char in _SPECIALS.items():
        if char not in "$#":
            table[ord(char)] = bytes([byte])
    for char, byte in _ALSO.items():
        table[ord(char)] = bytes([byte])
    for byte, letters in _ACCENTED.items():
        mark = _DIACRITICS[byte]
        for letter in letters:
            composed = unicodedata.normalize("NFC", letter + mark)
            if len(composed) == 1 and ord(composed) not in table:
                table[ord(composed)] = bytes([byte, ord(letter)])
    for byte, char in _SPACING.items():
        table[ord(char)] = bytes([byte, 0x20])
    return table


def decode(data: bytes) -> tuple[str, int]:
    """The text of ``data`` and how many bytes had no character (each read as U+FFFD)."""
    if data.isascii():
        return data.decode("ascii"), 0
    out: list[str] = []
    bad = 0
    i, n = 0, len(data)
    while i < n:
        byte = data[i]
        i += 1
        if byte < 0x80:
            out.append(chr(byte))
            continue
        mark = _DIACRITICS.get(byte)
        if mark is None:
            char = _SPECIALS.get(byte)
            if char is None:
                char = "\ufffd"
                bad += 1
            out.append(char)
            continue
        following = data[i] if i < n else None
        if following is None or following < 0x20 or following >= 0x80:
            out.append(_SPACING.get(byte, mark))  # a diacritic with nothing to stand on
        elif following == 0x20:
            out.append(_SPACING.get(byte, mark))
            i += 1
        else:
            base = chr(following)
            if byte == 0xC2 and base == "g":
                out.append("ģ")  # the standard writes g-cedilla with the accent above
            else:
                out.append(unicodedata.normalize("NFC", base + mark))
            i += 1
    return "".join(out), bad
