"""EBU STL's character code tables (CCT, in the header), and text encoded in them.

Table 00 is the Latin alphabet of ISO/IEC 6937; 01..04 are ISO 8859-5/6/7/8
(Cyrillic, Arabic, Greek, Hebrew), which Python's codecs hold. The writer
chooses the table from the script of the text unless told (``choose_table``),
encodes with ``encoder`` and, asked to, replaces what a table lacks by the
closest text it holds (``transliterate``: Cyrillic after ISO 9 and Greek after
ELOT 743, simplified as ``_CYRILLIC_LOWER`` and ``_GREEK_LOWER`` say); the
reader decodes with ``decoder``.

ISO 6937
    Bytes 0x20..0x7E are ASCII (``$`` is written as 0x24 and ``#`` as 0x23, as
    EBU STL files do). An accented letter is two bytes, the diacritic first: é
    is C2 65. The repertoire is the one the standard defines (``_ACCENTED``
    below), not every letter Unicode can put a mark on: a letter outside it (ẽ,
    Ĭ, ș, ...) has no code. Bytes A0..FF other than the diacritics are single
    characters (``_SPECIALS``).

    Decoding is lenient: a diacritic before a letter outside the repertoire
    still combines with it (NFC), and a byte with no character becomes U+FFFD,
    which the caller reports.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

__all__ = ["CONTROL", "TABLES", "TABLE_NAMES", "choose_table", "decode_iso6937", "decoder", "encoder",
           "iso6937_encoding_map", "missing", "transliterate"]

# Character code table (CCT) -> name, Python codec (None: ISO 6937).
TABLES: dict[str, tuple[str, str | None]] = {
    "00": ("latin", None), "01": ("cyrillic", "iso8859_5"), "02": ("arabic", "iso8859_6"),
    "03": ("greek", "iso8859_7"), "04": ("hebrew", "iso8859_8"),
}
TABLE_NAMES = {name: code for code, (name, _) in TABLES.items()}
# UTF-8 lead bytes of the letters of each script (Greek U+0380-03FF, Cyrillic U+0400-04FF,
# Hebrew U+05C0-05FF, Arabic U+0600-06FF).
_SCRIPT_LEADS = {"01": (b"\xd0", b"\xd1", b"\xd2", b"\xd3"), "02": (b"\xd8", b"\xd9", b"\xda", b"\xdb"),
                 "03": (b"\xce", b"\xcf"), "04": (b"\xd7",)}

CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
"""Control characters no text may carry into a text field (they are STL control codes); tabs are spaces."""
_NOT_CONTROL_BYTES = bytes(code for code in range(256) if not CONTROL.match(chr(code)))
_NOT_CONTROL_UTF8 = bytes(code for code in range(256) if code >= 0x80 or not CONTROL.match(chr(code)))
_C1_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")
_NON_ASCII = re.compile("[^\x00-\x7f]")

# --- table 00: ISO 6937 ----------------------------------------------------------------------

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
def iso6937_encoding_map() -> dict[int, bytes]:
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


def decode_iso6937(data: bytes) -> tuple[str, int]:
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


# --- choosing a table, encoding and decoding ---------------------------------------------------

def choose_table(everything: str, requested: str) -> tuple[str, bool]:
    """The character table (the one asked for, else the one for the script most letters are in),
    and whether the text holds control characters.

    Both are told from bytes, which is many times faster than from the text: Latin-1 bytes when
    every character is one (then the table is 00), else UTF-8, where the letters of each script
    have their own lead bytes.
    """
    try:
        raw = everything.encode("latin-1")
    except UnicodeEncodeError:
        raw = everything.encode("utf-8", "surrogatepass")
        controls = bool(raw.translate(None, _NOT_CONTROL_UTF8)) or (
            b"\xc2" in raw and _C1_UTF8.search(raw) is not None)
        counts = {code: sum(raw.count(lead) for lead in leads) for code, leads in _SCRIPT_LEADS.items()}
        table = max(counts, key=lambda code: counts[code]) if any(counts.values()) else "00"
    else:
        controls = bool(raw.translate(None, _NOT_CONTROL_BYTES))
        table = "00"
    requested = requested.lower()
    if requested in TABLES:
        table = requested
    elif requested in TABLE_NAMES:
        table = TABLE_NAMES[requested]
    return table, controls


def encoder(table: str) -> Callable[[str], bytes]:
    """text -> bytes in ``table`` (``\\n`` stays 0x0A); UnicodeEncodeError for a character it lacks.

    Control characters must have been taken out before (see ``CONTROL``). Table 00 replaces
    only the non-ASCII characters (most text has few), each by its bytes as Latin-1 text.
    """
    codec = TABLES[table][1]
    if codec is not None:
        return lambda text: text.encode(codec)
    codes = {chr(code): data.decode("latin-1") for code, data in iso6937_encoding_map().items() if code > 0x7F}

    def replace(match: re.Match[str]) -> str:
        try:
            return codes[match.group()]
        except KeyError:
            raise UnicodeEncodeError("iso6937", match.string, match.start(), match.end(), "no code") from None

    substitute = functools.partial(_NON_ASCII.sub, replace)

    def encode(text: str) -> bytes:
        if text.isascii():
            return text.encode("ascii")
        return substitute(text).encode("latin-1")

    return encode


def decoder(table: str) -> Callable[[bytes], tuple[str, int]]:
    """bytes in ``table`` -> their text and how many bytes had no character (each read as U+FFFD)."""
    codec = TABLES[table][1]
    if codec is None:
        return decode_iso6937

    def decode(run: bytes) -> tuple[str, int]:
        text = run.decode(codec, "replace")
        return text, text.count("\ufffd")

    return decode


# --- characters a table lacks ------------------------------------------------------------------

def missing(text: str, encode: Callable[[str], bytes]) -> list[str]:
    """The characters of ``text`` ``encode`` has no code for (control characters included)."""
    found = []
    for char in dict.fromkeys(text):
        if char != "\n" and (CONTROL.match(char) or not _encodes(encode, char)):
            found.append(char)
    return found


def _encodes(encode: Callable[[str], bytes], char: str) -> bool:
    try:
        encode(char)
    except UnicodeEncodeError:
        return False
    return True


_TRANSLITERATIONS = {
    "ș": "ş", "ț": "ţ", "Ș": "Ş", "Ț": "Ţ", "–": "-", "—": "-", "―": "-", "‐": "-", "‑": "-", "−": "-",
    "…": "...", "„": '"', "“": '"', "”": '"', "‟": '"', "«": '"', "»": '"', "‚": "'", "‘": "'", "’": "'",
    "‛": "'", "‹": "'", "›": "'", "€": "EUR", "™": "TM", "©": "(c)", "®": "(R)", "•": "*", "·": ".",
    "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
    "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ı": "i", "♪": "#", "\t": " ",
    "\u00a0": " ", "\u200b": "", "\u200e": "", "\u200f": "", "\u00ad": "",
}


# Cyrillic to Latin: ISO 9 (1995), one Latin letter (with its diacritic) for each Cyrillic one, simplified in
# one point: the hard and soft signs are written " and ' (ISO 9: the primes U+02BA and U+02B9, which no
# table holds). Table 00 has every other letter it gives (ž č š ŝ û â è ë ...); a table without them gets
# the letter without its mark (z c s ...).
_CYRILLIC_LOWER = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    ["a", "b", "v", "g", "d", "e", "ë", "ž", "z", "i", "j", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f",
     "h", "c", "č", "š", "ŝ", '"', "y", "'", "è", "û", "â"]))
_CYRILLIC_LOWER.update({"ђ": "đ", "ѓ": "ǵ", "є": "ê", "ѕ": "ẑ", "і": "ì", "ї": "ï", "ј": "ǰ", "љ": "l̂", "њ": "n̂",
                        "ћ": "ć", "ќ": "ḱ", "ў": "ǔ", "џ": "d̂", "ґ": "g̀"})
# Greek to Latin: ELOT 743 (ISO 843, transcription), simplified: letter by letter, except ου (ou) and αυ, ευ,
# ηυ (av, ev, iv, also before a voiceless consonant, where the standard writes af, ef, if); accents dropped.
_GREEK_LOWER = dict(zip(
    "αβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώϊϋΐΰ",
    ["a", "v", "g", "d", "e", "z", "i", "th", "i", "k", "l", "m", "n", "x", "o", "p", "r", "s", "s", "t", "y", "f",
     "ch", "ps", "o", "a", "e", "i", "i", "o", "y", "o", "i", "y", "i", "y"]))
_GREEK_PAIRS = {first + second: latin for firsts, latin in (("οό", "ou"), ("αά", "av"), ("εέ", "ev"), ("ηή", "iv"))
                for first in firsts for second in "υύ"}


def _capital(latin: str) -> str:
    """The Latin of a capital letter: the first letter capitalised (Ж -> Ž, Θ -> Th)."""
    return latin[:1].upper() + latin[1:] if latin[:1].isalpha() else latin


_SCRIPT_LATIN: dict[str, str] = {}
for _lower, _latin in (*_CYRILLIC_LOWER.items(), *_GREEK_LOWER.items()):
    _SCRIPT_LATIN[_lower] = _latin
    if _lower.upper() != _lower and len(_lower.upper()) == 1:
        _SCRIPT_LATIN.setdefault(_lower.upper(), _capital(_latin))
_SCRIPT_PAIRS: dict[str, str] = {}
for _pair, _latin in _GREEK_PAIRS.items():
    _SCRIPT_PAIRS[_pair] = _latin
    _SCRIPT_PAIRS[_pair[0].upper() + _pair[1]] = _latin.capitalize()
    _SCRIPT_PAIRS[_pair.upper()] = _latin.upper()


def _bare(text: str) -> str:
    """``text`` without its combining marks (ž -> z)."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def transliterate(text: str, encode: Callable[[str], bytes]) -> tuple[str, dict[str, str]]:
    """``text`` with every character ``encode`` lacks replaced by the closest it has, and what was replaced.

    Cyrillic and Greek letters are romanised (``_SCRIPT_LATIN``: ISO 9 and ELOT 743, simplified as said
    there), in the letters the table has, else without their marks; other characters become a look-alike
    (``_TRANSLITERATIONS``), the letter without its marks, their compatibility form, else ``?``.
    """
    replaced: dict[str, str] = {}
    out = []
    known: dict[str, bool] = {}

    def encodes(part: str) -> bool:
        found = known.get(part)
        if found is None:
            found = known[part] = _encodes(encode, part)
        return found

    index, count = 0, len(text)
    while index < count:
        char = text[index]
        index += 1
        if char == "\n" or (not CONTROL.match(char) and encodes(char)):
            out.append(char)
            continue
        if CONTROL.match(char):
            replaced[char] = " "
            out.append(" ")
            continue
        pair = _SCRIPT_PAIRS.get(text[index - 1:index + 1])
        if pair is not None:
            written = next((c for c in (pair, _bare(pair)) if all(encodes(part) for part in c)), None)
            if written is not None:
                replaced[text[index - 1:index + 1]] = written
                out.append(written)
                index += 1
                continue
        latin = _SCRIPT_LATIN.get(char, "\ufffd")
        candidates = [latin, _bare(latin), _TRANSLITERATIONS.get(char, "\ufffd"), _bare(char),
                      unicodedata.normalize("NFKC", char)]
        replacement = next((c for c in candidates if c != "\ufffd" and c != char and not CONTROL.search(c)
                            and all(encodes(part) for part in c)), "?")
        replaced[char] = replacement
        out.append(replacement)
    return "".join(out), replaced
