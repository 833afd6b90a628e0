"""EBU STL's General Subtitle Information (GSI) block: the 1024-byte header.

``FIELDS`` lists its fields (code, name, offset, size); after the last (ECD)
come 75 spare bytes and the 576-byte user-defined area. The disk format code
(DFC) gives the frame rate, the character code table (CCT) the table of the
text (see ``charsets``), the language code (LC) the language, as Tech 3264
appendix 3 numbers them.

Writing (``encode``): every field filled, numbers zero-padded, text
space-padded, in code page 850. Reading (``read``): the fields the subtitles
need, each unreadable one repaired and reported as a repair of block 0.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from ...errors import OptionError, ReadError, WriteError
from ...markup import Repairs
from ...timecode import FrameRate
from .charsets import CONTROL, TABLES

__all__ = ["DFC_BY_RATE", "DISPLAY_MODES", "FIELDS", "Header", "MAX_BLOCKS", "SIZE", "TEXT_FIELDS", "ascii_number",
           "decode_fields",
           "encode", "labelled", "language_code", "read", "sniff", "text_field"]

SIZE = 1024
MAX_BLOCKS = 99999
"""TNB has five digits."""

# GSI fields: code, name, offset, size.
FIELDS: tuple[tuple[str, str, int, int], ...] = (
    ("CPN", "code page number", 0, 3), ("DFC", "disk format code", 3, 8), ("DSC", "display standard code", 11, 1),
    ("CCT", "character code table", 12, 2), ("LC", "language code", 14, 2),
    ("OPT", "original programme title", 16, 32), ("OET", "original episode title", 48, 32),
    ("TPT", "translated programme title", 80, 32), ("TET", "translated episode title", 112, 32),
    ("TN", "translator's name", 144, 32), ("TCD", "translator's contact details", 176, 32),
    ("SLR", "subtitle list reference code", 208, 16), ("CD", "creation date", 224, 6),
    ("RD", "revision date", 230, 6), ("RN", "revision number", 236, 2), ("TNB", "TTI blocks", 238, 5),
    ("TNS", "subtitles", 243, 5), ("TNG", "subtitle groups", 248, 3), ("MNC", "maximum characters a row", 251, 2),
    ("MNR", "maximum rows", 253, 2), ("TCS", "time code status", 255, 1), ("TCP", "programme start", 256, 8),
    ("TCF", "first in-cue", 264, 8), ("TND", "total disks", 272, 1), ("DSN", "disk number", 273, 1),
    ("CO", "country of origin", 274, 3), ("PUB", "publisher", 277, 32), ("EN", "editor's name", 309, 32),
    ("ECD", "editor's contact details", 341, 32),
)
TEXT_FIELDS = {"OPT": 32, "OET": 32, "TPT": 32, "TET": 32, "TN": 32, "TCD": 32, "SLR": 16, "CO": 3, "PUB": 32,
               "EN": 32, "ECD": 32}
"""The fields the writer fills with text it is given, and their sizes."""
_END_OF_FIELDS = FIELDS[-1][2] + FIELDS[-1][3]  # then spare bytes and the user-defined area, spaces

# Disk format code (DFC) by frame rate, and the rate each code is read at.
DFC_BY_RATE = {FrameRate(24000, 1001): "STL23.01", FrameRate(24): "STL24.01", FrameRate(25): "STL25.01",
               FrameRate(30000, 1001): "STL30.01", FrameRate(30): "STL30.01", FrameRate(50): "STL50.01"}
_RATE_BY_DFC = {"STL23.01": FrameRate(24000, 1001), "STL24.01": FrameRate(24), "STL25.01": FrameRate(25),
                "STL30.01": FrameRate(30), "STL50.01": FrameRate(50)}
_DFC_PATTERN = re.compile(rb"STL\d\d\.01")

DISPLAY_MODES = {"open": "0", "teletext": "1"}
"""Display standard code (DSC) by mode."""

# Language code (LC, Tech 3264 appendix 3) by ISO 639 code.
_LANGUAGES: dict[str, str] = {
    "sq": "01", "br": "02", "ca": "03", "hr": "04", "cy": "05", "cs": "06", "da": "07", "de": "08", "en": "09",
    "es": "0A", "eo": "0B", "et": "0C", "eu": "0D", "fo": "0E", "fr": "0F", "fy": "10", "ga": "11", "gd": "12",
    "gl": "13", "is": "14", "it": "15", "se": "16", "la": "17", "lv": "18", "lb": "19", "lt": "1A", "hu": "1B",
    "mt": "1C", "nl": "1D", "no": "1E", "oc": "1F", "pl": "20", "pt": "21", "ro": "22", "rm": "23", "sr": "24",
    "sk": "25", "sl": "26", "fi": "27", "sv": "28", "tr": "29", "nl-be": "2A", "wa": "2B",
    "zu": "45", "vi": "46", "uz": "47", "ur": "48", "uk": "49", "th": "4A", "te": "4B", "tt": "4C", "ta": "4D",
    "tg": "4E", "sw": "4F", "srn": "50", "so": "51", "si": "52", "sn": "53", "sh": "54", "rue": "55", "ru": "56",
    "qu": "57", "ps": "58", "pa": "59", "fa": "5A", "pap": "5B", "or": "5C", "ne": "5D", "nd": "5E", "mr": "5F",
    "mo": "60", "ms": "61", "mg": "62", "mk": "63", "lo": "64", "ko": "65", "km": "66", "kk": "67", "kn": "68",
    "ja": "69", "id": "6A", "hi": "6B", "he": "6C", "gn": "6E", "gu": "6F", "el": "70", "ka": "71",
    "ff": "72", "prs": "73", "cv": "74", "zh": "75", "my": "76", "bg": "77", "bn": "78", "be": "79", "bm": "7A",
    "az": "7B", "as": "7C", "hy": "7D", "ar": "7E", "am": "7F",
}
_LANGUAGE_ALIASES = {"nb": "no", "nn": "no", "iw": "he", "in": "id", "ji": "yi", "fil": "tl"}
_LANGUAGE_BY_CODE = {code: language.replace("-be", "-BE") for language, code in _LANGUAGES.items()}


def language_code(tag: str) -> str | None:
    """The LC of a language tag (``fr``, ``fr-BE``, ``nl-BE``, ``ru``), or None."""
    tag = tag.strip().lower().replace("_", "-")
    if tag in _LANGUAGES:
        return _LANGUAGES[tag]
    primary = tag.split("-")[0]
    primary = _LANGUAGE_ALIASES.get(primary, primary)
    return _LANGUAGES.get(primary)


# --- writing ---------------------------------------------------------------------------------

def text_field(value: str, size: int, flag: str) -> bytes:
    """A GSI text field in code page 850, padded with spaces; OptionError when it does not fit."""
    if CONTROL.search(value) or "\n" in value:
        raise OptionError(f"{flag} must be one line of text")
    try:
        data = value.encode("cp850")
    except UnicodeEncodeError as exc:
        raise OptionError(f"{flag}: {value[exc.start]!r} has no code in the header's code page 850") from None
    if len(data) > size:
        raise OptionError(f"{flag} is {len(data)} characters; the header field holds {size}")
    return data.ljust(size, b" ")


def encode(*, rate: FrameRate, teletext: bool, table: str, language: str, texts: Mapping[str, str],
           created: date, revision: int, blocks: int, subtitles: int, columns: int, rows: int, tcp: int,
           first_in: int) -> bytes:
    """The GSI block; ``texts`` holds the text fields by code (OPT, PUB, ...), ``tcp`` and ``first_in``
    are label numbers (FrameRate.label_number). WriteError when TNB cannot count the blocks."""
    if blocks > MAX_BLOCKS:
        raise WriteError(f"EBU STL holds at most 99,999 TTI blocks and these cues need {blocks:,}",
                         hint="split the transcript into several files")
    day = created.strftime("%y%m%d")
    values = {
        "CPN": "850", "DFC": DFC_BY_RATE[rate], "DSC": DISPLAY_MODES["teletext" if teletext else "open"],
        "CCT": table, "LC": language, "CD": day, "RD": day, "RN": f"{revision:02d}", "TNB": f"{blocks:05d}",
        "TNS": f"{subtitles:05d}", "TNG": "001", "MNC": f"{min(columns, 99):02d}", "MNR": f"{rows:02d}", "TCS": "1",
        "TCP": "".join(f"{n:02d}" for n in rate.to_smpte(tcp)),
        "TCF": "".join(f"{n:02d}" for n in rate.to_smpte(first_in)), "TND": "1", "DSN": "1",
    }
    data = {code: value.encode("ascii") for code, value in values.items()}
    data.update((code, text_field(texts.get(code, ""), size, code)) for code, size in TEXT_FIELDS.items())
    data["CO"] = data["CO"].upper()
    assert all(len(data[code]) == size for code, _, _, size in FIELDS)
    return b"".join(data[code] for code, _, _, _ in FIELDS) + b" " * (SIZE - _END_OF_FIELDS)


# --- reading ---------------------------------------------------------------------------------

def sniff(data: bytes) -> bool:
    """A 1024-byte header whose disk format code (byte 3) reads like STL25.01."""
    return len(data) >= SIZE and _DFC_PATTERN.match(data, 3) is not None


def decode_fields(header: bytes) -> dict[str, str]:
    """Every field by code, as text in the header's code page, without its padding."""
    code_page = {b"437": "cp437", b"850": "cp850", b"860": "cp860", b"863": "cp863", b"865": "cp865"}.get(
        header[:3], "cp850")
    return {code: header[offset:offset + size].decode(code_page, "replace").strip(" \x00")
            for code, _, offset, size in FIELDS}


@dataclass
class Header:
    """What the subtitles need of the header."""

    rate: FrameRate
    table: str
    teletext: bool
    tcp: int
    language: str | None
    blocks: int | None
    drop: bool
    """The timecodes are drop-frame (read at 29.97)."""


def read(data: bytes, repairs: Repairs, fps: float | None = None) -> Header:
    """The header of ``data``; ``fps`` reads the timecodes at another rate of the same family."""
    if len(data) < SIZE:
        raise ReadError(f"not EBU STL: {len(data)} bytes, shorter than the 1024-byte header (GSI block)")
    gsi = decode_fields(data[:SIZE])
    if not _DFC_PATTERN.match(data, 3):
        raise ReadError(f"not EBU STL: the header's disk format code (byte 3) is {data[3:11]!r}, "
                        "not STL25.01 or STL30.01")
    rate = _RATE_BY_DFC.get(gsi["DFC"])
    if rate is None:
        repairs.add(f"unknown frame rate code {gsi['DFC']!r} read as STL25.01 (25 frames a second)", 0)
        rate = FrameRate(25)
    if fps is not None:
        try:
            given = FrameRate.of(fps)
        except ValueError as exc:
            raise ReadError(f"--input-fps: {exc}") from None
        if given.base != rate.base:
            raise ReadError(f"--input-fps {fps:g} does not fit the file's disk format code {gsi['DFC']} "
                            f"({rate} frames a second)", hint=f"leave it out, or give a rate near {rate.base}")
        rate = given
    drop = bool(rate.drop)
    table = gsi["CCT"] or "00"
    if table not in TABLES:
        repairs.add(f"unknown character code table {gsi['CCT']!r} read as 00 (Latin)", 0)
        table = "00"
    if gsi["DSC"] not in ("", "0", "1", "2"):
        repairs.add(f"unknown display standard code {gsi['DSC']!r} read as open subtitles", 0)
    tcp = 0
    if gsi["TCP"].strip("0 "):
        try:
            tcp = rate.parse(gsi["TCP"], drop)
        except ValueError:
            repairs.add(f"programme start (TCP) {gsi['TCP']!r} is not a timecode; times read from 00:00:00:00", 0)
    blocks = ascii_number(gsi["TNB"])
    if blocks is None:
        repairs.add(f"the header's block count (TNB) {gsi['TNB']!r} is not a number", 0)
    language = _LANGUAGE_BY_CODE.get(gsi["LC"].upper()) if gsi["LC"].strip("0 ") else None
    return Header(rate, table, gsi["DSC"] in ("1", "2"), tcp, language, blocks, drop)


def ascii_number(text: str) -> int | None:
    """The number ``text`` spells in ASCII digits, else None. Not ``str.isdigit``: code page 850's
    superscripts (\u00b9 \u00b2 \u00b3) are digits to it and not to ``int``."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else None


def labelled(data: bytes) -> list[tuple[str, str]]:
    """Every field as (label, value), codes explained; ReadError where reading the file would fail."""
    header = read(data, Repairs())  # what it would repair, reading shows
    gsi = decode_fields(data[:SIZE])
    notes = {
        "DFC": f"{header.rate} frames a second",
        "DSC": {"": "undefined", "0": "open subtitles", "1": "teletext level 1", "2": "teletext level 2"}.get(
            gsi["DSC"], "unknown"),
        "CCT": TABLES.get(gsi["CCT"], ("unknown",))[0],
        "LC": header.language or "unknown",
        "TCS": {"0": "not intended for use", "1": "intended for use"}.get(gsi["TCS"], "unknown"),
    }
    rows = []
    for code, name, _, _ in FIELDS:
        value = gsi[code]
        if code in notes:
            value = f"{value} ({notes[code]})" if value else notes[code]
        elif code in ("TCP", "TCF") and len(value) == 8:
            value = ":".join(value[i:i + 2] for i in range(0, 8, 2))
        rows.append((f"{name} ({code})", value))
    return rows
