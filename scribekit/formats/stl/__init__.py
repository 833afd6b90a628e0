"""EBU STL (EBU Tech 3264), the binary subtitle format broadcasters exchange.

A file is a 1024-byte General Subtitle Information (GSI) block, then one
128-byte Text and Timing Information (TTI) block per subtitle, or several when
its text is longer than the 112 bytes of one (extension blocks). Facts:
FORMATS.md §5.

Writing
    Every GSI field is filled (numbers zero-padded, text space-padded, in code
    page 850); TNB counts every TTI block, TNS the subtitles. Times are the
    start timecode (TCP) plus the cue's time, in frames; at 29.97 frames a
    second (STL30.01) the timecodes are drop-frame unless asked otherwise, so
    that they keep to the clock as NTSC timecode does and ttconv reads them (it
    takes STL30.01 for 29.97 drop frame). Text is encoded in
    character table 00 (ISO 6937 Latin) or 01..04 (ISO 8859-5/6/7/8: Cyrillic,
    Arabic, Greek, Hebrew), chosen from the script of the text unless given. A
    character the table has no code for is an error listing the characters
    and their cue numbers, or, with ``stl_unsupported="transliterate"``,
    replaced by the closest text the table holds, with a warning.

    Open subtitles keep italics (0x80/0x81). Control codes are spacing, as
    teletext displays them and EBU-TT (Tech 3360) reads them: an italics code
    takes the place of the space between two words, so a change of style falls
    between words (``<i>Hello</i>,`` is written with the comma in italics).
    Teletext rows are ``0D 0B 0B text 0A 0A`` (double height, boxed), separated
    by ``8A 8A``, and take 40 columns: 35 characters and the 5 codes. Bold,
    underline and font tags are not written.

Reading
    Extension blocks are joined, comment blocks (CF 1) and user data blocks
    skipped, control codes read as the spaces they are on screen, 0x8A as a
    line break, 0x80/0x81 and 0x82/0x83 as ``<i>`` and ``<u>``. Times are
    counted from the programme start (TCP); a subtitle before it is skipped.
    The disk format code gives the rate (STL30.01: 30); ``fps`` of the same
    family reads the timecodes at another (29.97 for NTSC material, as drop
    frame: exact rather than within two frames).
    A damaged file is read as far as it can be, each repair reported with the
    number of its TTI block; what cannot be read at all is a ReadError.
"""
from __future__ import annotations

import functools
import re
import struct
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import date
from itertools import chain, cycle, islice, repeat
from operator import attrgetter
from typing import Any

from ...errors import OptionError, ReadError, WriteError, warn
from ...markup import ASS_OVERRIDE, ITALIC_OPEN, MARKUP_TAG, Repairs, cue_text
from ...model import Cue, Metadata, Transcript
from ...timecode import FrameRate
from .. import iso6937

__all__ = ["Options", "describe", "read_bytes", "segment_defaults", "sniff_bytes", "write_cues"]

GSI_SIZE = 1024
TTI_SIZE = 128
TF_SIZE = 112
MAX_ROWS = 23
TELETEXT_COLUMNS = 40
TELETEXT_TEXT_COLUMNS = TELETEXT_COLUMNS - 5  # 0D 0B 0B before the text, 0A 0A after it

# --- the tables of the format ----------------------------------------------------------------

_DFC_BY_RATE = {FrameRate(24000, 1001): "STL23.01", FrameRate(24): "STL24.01", FrameRate(25): "STL25.01",
                FrameRate(30000, 1001): "STL30.01", FrameRate(30): "STL30.01", FrameRate(50): "STL50.01"}
_RATE_BY_DFC = {"STL23.01": FrameRate(24000, 1001), "STL24.01": FrameRate(24), "STL25.01": FrameRate(25),
                "STL30.01": FrameRate(30), "STL50.01": FrameRate(50)}
_DFC_PATTERN = re.compile(rb"STL\d\d\.01")

# Character code table (CCT) -> name, Python codec (None: ISO 6937).
_TABLES: dict[str, tuple[str, str | None]] = {
    "00": ("latin", None), "01": ("cyrillic", "iso8859_5"), "02": ("arabic", "iso8859_6"),
    "03": ("greek", "iso8859_7"), "04": ("hebrew", "iso8859_8"),
}
_TABLE_NAMES = {name: code for code, (name, _) in _TABLES.items()}
# UTF-8 lead bytes of the letters of each script (Greek U+0380-03FF, Cyrillic U+0400-04FF,
# Hebrew U+05C0-05FF, Arabic U+0600-06FF).
_SCRIPT_LEADS = {"01": (b"\xd0", b"\xd1", b"\xd2", b"\xd3"), "02": (b"\xd8", b"\xd9", b"\xda", b"\xdb"),
                 "03": (b"\xce", b"\xcf"), "04": (b"\xd7",)}

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

_JUSTIFICATIONS = {"none": 0, "left": 1, "centre": 2, "center": 2, "right": 3}
_MODES = {"open": "0", "teletext": "1"}

_OPEN_BREAK = b"\x8a"
_ITALIC_ON, _ITALIC_OFF = 0x80, 0x81

# Control characters no text may carry into a TF (they are STL control codes); tabs are spaces.
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_NOT_CONTROL_BYTES = bytes(code for code in range(256) if not _CONTROL.match(chr(code)))
_NOT_CONTROL_UTF8 = bytes(code for code in range(256) if code >= 0x80 or not _CONTROL.match(chr(code)))
_C1_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")
_NON_ASCII = re.compile("[^\x00-\x7f]")

_TTI = struct.Struct("<BHBB4B4BBBB112s")  # SGN SN EBN CS TCI(h m s f) TCO(h m s f) VP JC CF TF
_TTI_WRITE = struct.Struct("<xHBxIIBBx112s")  # SGN, CS and CF 0; TCI and TCO each one number (see _timecodes)


# --- options ---------------------------------------------------------------------------------

def _text_field(size: int, help: str) -> Any:
    return field(default="", metadata={"help": f"{help} (GSI, up to {size} characters)", "gsi_size": size})


@dataclass(frozen=True)
class Options:
    fps: float | None = field(default=None, metadata={"help": "frames a second"})
    stl_mode: str = field(default="open", metadata={
        "help": "open (burnt-in, keeps italics) or teletext (40-column rows, double height)"})
    start_timecode: str | None = field(default=None, metadata={
        "help": "timecode of the programme's first frame, HH:MM:SS:FF (TCP; default 00:00:00:00)"})
    drop_frame: bool | None = field(default=None, metadata={
        "help": "drop-frame timecode, at 29.97 and 59.94 (default: as --start-timecode is written; "
                "EBU STL at 29.97: drop frame)"})
    stl_justification: str = field(default="centre", metadata={"help": "left, centre, right or none"})
    stl_character_table: str = field(default="auto", metadata={
        "help": "auto (from the text's script), latin, cyrillic, arabic, greek or hebrew"})
    stl_unsupported: str = field(default="error", metadata={
        "help": "a character the table cannot hold: error, or transliterate (closest text, with a warning)"})
    stl_language: str | None = field(default=None, metadata={
        "help": "language code for the header (LC), e.g. fr (default: the transcript's)"})
    stl_title: str = _text_field(32, "original programme title")
    stl_episode: str = _text_field(32, "original episode title")
    stl_translated_title: str = _text_field(32, "translated programme title")
    stl_translated_episode: str = _text_field(32, "translated episode title")
    stl_translator: str = _text_field(32, "translator's name")
    stl_translator_contact: str = _text_field(32, "translator's contact details")
    stl_reference: str = _text_field(16, "subtitle list reference code")
    stl_publisher: str = _text_field(32, "publisher")
    stl_editor: str = _text_field(32, "editor's name")
    stl_editor_contact: str = _text_field(32, "editor's contact details")
    stl_country: str = _text_field(3, "country of origin, ISO 3166 alpha-3 such as FRA")
    stl_revision: int = field(default=0, metadata={"help": "revision number, 0 to 99"})
    stl_creation_date: str | None = field(default=None, metadata={
        "help": "creation date YYYY-MM-DD (default: today)"})

    def __post_init__(self) -> None:
        if self.fps is not None:
            try:
                rate = FrameRate.of(self.fps)
            except ValueError:
                rate = None
            if rate not in _DFC_BY_RATE:
                raise OptionError(f"EBU STL has no frame rate code for {self.fps} frames a second",
                                  hint="use --fps 23.976, 24, 25, 29.97, 30 or 50")
        _choice("--stl-mode", self.stl_mode, _MODES)
        _choice("--stl-justification", self.stl_justification, _JUSTIFICATIONS)
        _choice("--stl-unsupported", self.stl_unsupported, ("error", "transliterate"))
        if self.stl_character_table.lower() not in (*_TABLES, *_TABLE_NAMES, "auto"):
            _choice("--stl-character-table", self.stl_character_table, ("auto", *_TABLE_NAMES))
        if self.drop_frame and not self.rate.drop:
            raise OptionError(f"--drop-frame: drop-frame timecode exists at 29.97 frames a second (STL30.01), "
                              f"not at {self.rate}")
        if self.start_timecode is not None:
            try:
                self.rate.parse(self.start_timecode, self.drop)
            except ValueError as exc:
                raise OptionError(f"--start-timecode: {exc}", hint="e.g. 10:00:00:00") from None
        if self.stl_language is not None and _language_code(self.stl_language) is None:
            raise OptionError(f"--stl-language: EBU STL has no code for the language {self.stl_language!r}",
                              hint="a code such as en, fr, de, nl, ru or ar")
        for option in fields(self):
            size = option.metadata.get("gsi_size")
            if size:
                _gsi_text(getattr(self, option.name), size, "--" + option.name.replace("_", "-"))
        if not 0 <= self.stl_revision <= 99:
            raise OptionError(f"--stl-revision must be 0 to 99, not {self.stl_revision}")
        _ = self.created  # a date it can read

    @property
    def rate(self) -> FrameRate:
        return FrameRate.of(self.fps) if self.fps is not None else FrameRate(25)

    @property
    def drop(self) -> bool:
        """Drop-frame timecodes: at 29.97 unless turned off."""
        return bool(self.rate.drop) and self.drop_frame is not False

    @property
    def teletext(self) -> bool:
        return self.stl_mode.lower() == "teletext"

    @property
    def created(self) -> date:
        if self.stl_creation_date is None:
            return date.today()
        text = self.stl_creation_date.strip()
        try:
            if re.fullmatch(r"\d{6}", text):
                return date(2000 + int(text[:2]), int(text[2:4]), int(text[4:]))
            return date.fromisoformat(text)
        except ValueError:
            raise OptionError(f"--stl-creation-date: {text!r} is not a date", hint="YYYY-MM-DD") from None


def _choice(flag: str, value: str, allowed: Any) -> None:
    if value.lower() not in allowed:
        raise OptionError(f"{flag} takes {', '.join(allowed)}, not {value!r}")


def _language_code(tag: str) -> str | None:
    """The LC of a language tag (``fr``, ``fr-BE``, ``nl-BE``, ``ru``), or None."""
    tag = tag.strip().lower().replace("_", "-")
    if tag in _LANGUAGES:
        return _LANGUAGES[tag]
    primary = tag.split("-")[0]
    primary = _LANGUAGE_ALIASES.get(primary, primary)
    return _LANGUAGES.get(primary)


def _gsi_text(value: str, size: int, flag: str) -> bytes:
    """A GSI text field in code page 850, padded with spaces; OptionError when it does not fit."""
    if _CONTROL.search(value) or "\n" in value:
        raise OptionError(f"{flag} must be one line of text")
    try:
        data = value.encode("cp850")
    except UnicodeEncodeError as exc:
        raise OptionError(f"{flag}: {value[exc.start]!r} has no code in the header's code page 850") from None
    if len(data) > size:
        raise OptionError(f"{flag} is {len(data)} characters; the header field holds {size}")
    return data.ljust(size, b" ")


def segment_defaults(options: Options | None) -> dict[str, Any]:
    """Teletext rows are 40 columns, five of which the row's control codes take."""
    if options is not None and options.teletext:
        return {"max_chars_per_row": TELETEXT_TEXT_COLUMNS}
    return {}


# --- character tables ------------------------------------------------------------------------

def _scan(everything: str, requested: str) -> tuple[str, bool]:
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
    if requested in _TABLES:
        table = requested
    elif requested in _TABLE_NAMES:
        table = _TABLE_NAMES[requested]
    return table, controls


def _encoder(table: str) -> Callable[[str], bytes]:
    """text -> bytes in ``table`` (``\\n`` stays 0x0A); UnicodeEncodeError for a character it lacks.

    Control characters must have been taken out before (see ``_CONTROL``). Table 00 replaces
    only the non-ASCII characters (most text has few), each by its bytes as Latin-1 text.
    """
    codec = _TABLES[table][1]
    if codec is not None:
        return lambda text: text.encode(codec)
    codes = {chr(code): data.decode("latin-1") for code, data in iso6937.encoding_map().items() if code > 0x7F}

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


def _missing(text: str, encode: Callable[[str], bytes]) -> list[str]:
    """The characters of ``text`` ``encode`` has no code for (control characters included)."""
    missing = []
    for char in dict.fromkeys(text):
        if char != "\n" and (_CONTROL.match(char) or not _encodes(encode, char)):
            missing.append(char)
    return missing


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


def _transliterate(text: str, encode: Callable[[str], bytes]) -> tuple[str, dict[str, str]]:
    """``text`` with every character ``encode`` lacks replaced by the closest it has, and what was replaced."""
    replaced: dict[str, str] = {}
    out = []
    for char in text:
        if char == "\n" or (not _CONTROL.match(char) and _encodes(encode, char)):
            out.append(char)
            continue
        if _CONTROL.match(char):
            replaced[char] = " "
            out.append(" ")
            continue
        candidates = [_TRANSLITERATIONS.get(char, "\ufffd"),
                      "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)),
                      unicodedata.normalize("NFKC", char)]
        replacement = next((c for c in candidates if c != "\ufffd" and c != char and not _CONTROL.search(c)
                            and all(_encodes(encode, part) for part in c)), "?")
        replaced[char] = replacement
        out.append(replacement)
    return "".join(out), replaced


# --- writing ---------------------------------------------------------------------------------

@dataclass
class _Problems:
    """What the writer found, by cue number, reported together at the end."""

    unencodable: dict[str, list[int]] = field(default_factory=dict)
    transliterated: dict[str, tuple[str, list[int]]] = field(default_factory=dict)
    too_many_rows: list[tuple[int, int]] = field(default_factory=list)
    before_zero: list[int] = field(default_factory=list)
    past_midnight: list[int] = field(default_factory=list)
    wide_rows: list[int] = field(default_factory=list)
    dropped_italics: list[int] = field(default_factory=list)


def _cue_list(numbers: list[int], limit: int = 8) -> str:
    shown = ", ".join(str(n) for n in numbers[:limit])
    more = f" and {len(numbers) - limit} more" if len(numbers) > limit else ""
    return f"cue{'s' if len(numbers) > 1 else ''} {shown}{more}"


def _styled_rows(text: str) -> list[list[tuple[str, bool]]]:
    """Rows of (word, italic) from text with <i> tags (other tags dropped)."""
    rows: list[list[tuple[str, bool]]] = []
    italic = False
    for line in text.split("\n"):
        words: list[tuple[str, bool]] = []
        joined = True  # the next text continues the last word (no space between)
        position = 0
        for match in [*MARKUP_TAG.finditer(line), None]:
            chunk = line[position:match.start()] if match else line[position:]
            for index, word in enumerate(re.split(r"[ ]+", chunk)):
                if index > 0:
                    joined = False
                if not word:
                    continue
                if joined and words:
                    words[-1] = (words[-1][0] + word, words[-1][1] or italic)
                else:
                    words.append((word, italic))
                joined = True
            if match:
                tag = match.group().lower()
                if tag.startswith(("<i>", "<i ")):
                    italic = True
                elif tag == "</i>":
                    italic = False
                position = match.end()
        rows.append(words)
    return rows


def _encode_styled(text: str, encode: Callable[[str], bytes]) -> bytes:
    """Open-subtitle text with italics: the code that switches italics takes the place of a space."""
    out = bytearray()
    for number, words in enumerate(_styled_rows(text)):
        if number:
            out += _OPEN_BREAK
        current = False
        for index, (word, italic) in enumerate(words):
            if italic != current:
                out.append(_ITALIC_ON if italic else _ITALIC_OFF)
                current = italic
            elif index:
                out.append(0x20)
            out += encode(word)
        if current:
            out.append(_ITALIC_OFF)
    return bytes(out)


def _split_text(data: bytes, diacritics: bool) -> list[bytes]:
    """Text field bytes in pieces of at most 112: at a line break, else a space, never inside a character."""
    pieces = []
    while len(data) > TF_SIZE:
        cut = data.rfind(b"\x8a", 0, TF_SIZE) + 1 or data.rfind(b" ", 0, TF_SIZE) + 1
        if cut <= 0:
            cut = TF_SIZE
            while diacritics and 0xC1 <= data[cut - 1] <= 0xCF:
                cut -= 1  # the diacritic goes with its letter
        pieces.append(data[:cut])
        data = data[cut:]
    pieces.append(data)
    return pieces


def _vertical_position(rows: int) -> int:
    """Teletext row of a subtitle's first row, its last row at the bottom (rows 22-23 in double height)."""
    if rows <= MAX_ROWS // 2:
        return MAX_ROWS + 1 - 2 * max(rows, 1)
    return MAX_ROWS + 1 - rows


_LINES = attrgetter("lines")


def _plain(text: str, teletext: bool, number: int, problems: _Problems) -> tuple[str, bool]:
    """The cue text without the markup STL cannot keep, and whether italics remain to be written."""
    if "{\\" in text:
        text = ASS_OVERRIDE.sub("", text)
    if "<" not in text or not MARKUP_TAG.search(text):
        return text, False
    if teletext:
        if ITALIC_OPEN.search(text):
            problems.dropped_italics.append(number)
        return MARKUP_TAG.sub("", text), False
    if not ITALIC_OPEN.search(text):
        return MARKUP_TAG.sub("", text), False
    return text, True


def _encode_all(texts: list[str], italics: list[bool] | None, encode: Callable[[str], bytes], careful: bool,
                transliterate: bool, problems: _Problems, layout: tuple[bytes, bytes, bytes]) -> list[bytes]:
    """Every cue's text in the table, laid out as ``layout`` says (what comes before the first row,
    between rows and after the last) and padded to a block when it fits in one; a cue with
    characters the table lacks is listed in ``problems`` (and transliterated when asked)."""
    first, between, last = layout
    if italics is None and not careful:
        try:  # the usual case, in one pass
            if first:
                return [(first + (text.encode("ascii") if text.isascii() else encode(text)).replace(b"\n", between)
                         + last).ljust(TF_SIZE, b"\x8f") for text in texts]
            return [(text.encode("ascii") if text.isascii() else encode(text)).replace(b"\n", between).ljust(
                TF_SIZE, b"\x8f") for text in texts]
        except UnicodeEncodeError:
            pass  # find the cues and characters, one by one
    out = []
    for number, text in enumerate(texts, 1):
        styled = italics is not None and italics[number - 1]
        try:
            if careful and _CONTROL.search(text):
                raise UnicodeEncodeError("stl", text, 0, 1, "a control character")
            data = _encode_styled(text, encode) if styled else encode(text)
        except UnicodeEncodeError:
            if not transliterate:
                for char in _missing(MARKUP_TAG.sub("", text) if styled else text, encode):
                    problems.unencodable.setdefault(char, []).append(number)
                out.append(b"")
                continue
            text, replaced = _transliterate(text, encode)
            for char, replacement in replaced.items():
                problems.transliterated.setdefault(char, (replacement, []))[1].append(number)
            data = _encode_styled(text, encode) if styled else encode(text)
        out.append((first + data.replace(b"\n", between) + last).ljust(TF_SIZE, b"\x8f"))
    return out


_OPEN_LAYOUT = (b"", _OPEN_BREAK, b"")
# Teletext: each row boxed (0B 0B .. 0A 0A) in double height (0D), so taking two screen rows (8A 8A);
# more rows than fit so are written in single height (see write_cues).
_TELETEXT_LAYOUT = (b"\x0d\x0b\x0b", b"\x0a\x0a\x8a\x8a\x0d\x0b\x0b", b"\x0a\x0a")


# Bytes 2 and 3 (minutes, seconds) of a TCI/TCO field read as a little-endian number, by second of the hour.
_MINUTES_SECONDS = [(second // 60) << 8 | (second % 60) << 16 for second in range(3600)]


def _timecodes(frames: list[int], base: int) -> list[int]:
    """Frame counts as TCI/TCO fields (hours, minutes, seconds, frames bytes) read as little-endian numbers."""
    hour = 3600 * base
    table = _MINUTES_SECONDS
    return [f // hour | table[f % hour // base] | (f % base) << 24 for f in frames]


def write_cues(cues: list[Cue], transcript: Transcript, options: Options | None = None, **_: Any) -> bytes:
    """The GSI block and the TTI blocks of ``cues``.

    Written column by column (all texts, then all times, then all blocks): list comprehensions
    over 100,000 cues run well faster than one loop doing everything per cue.
    """
    options = options or Options()
    rate = options.rate
    teletext = options.teletext
    drop = options.drop
    tcp = rate.parse(options.start_timecode, drop) if options.start_timecode else 0
    problems = _Problems()

    # Text: markup STL cannot keep taken out, encoded in the table, rows joined by the mode's codes.
    # Line lengths (for MNC, the longest row, and to find empty lines) without a loop in Python.
    lengths = list(map(len, chain.from_iterable(map(_LINES, cues))))
    longest = max(lengths, default=0)
    if lengths and min(lengths) == 0:
        texts = [cue_text(cue.lines) for cue in cues]  # without the empty lines, as SRT drops them
    else:
        texts = list(map("\n".join, map(_LINES, cues)))
    everything = "\n".join(texts)
    italics: list[bool] | None = None
    if "<" in everything or ("{" in everything and "{\\" in everything):
        plain = [_plain(text, teletext, number, problems) for number, text in enumerate(texts, 1)]
        texts = [text for text, _ in plain]
        italics = [styled for _, styled in plain] if any(styled for _, styled in plain) else None
        everything = "\n".join(texts)
        longest = max(map(len, MARKUP_TAG.sub("", everything).split("\n")), default=0)
    table, careful = _scan(everything, options.stl_character_table)
    del everything
    if careful:
        texts = [text.replace("\t", " ") for text in texts]
    breaks = list(map(str.count, texts, repeat("\n")))  # a row fewer than the cue has (one for no text)
    if breaks and max(breaks) >= MAX_ROWS:
        problems.too_many_rows.extend((number, n + 1) for number, n in enumerate(breaks, 1) if n >= MAX_ROWS)
    if teletext and longest > TELETEXT_TEXT_COLUMNS:
        problems.wide_rows.extend(number for number, text in enumerate(texts, 1) if len(text) > TELETEXT_TEXT_COLUMNS
                                  and max(map(len, text.split("\n"))) > TELETEXT_TEXT_COLUMNS)
    encode = _encoder(table)
    transliterate = options.stl_unsupported.lower() == "transliterate"
    datas = _encode_all(texts, italics, encode, careful, transliterate, problems,
                        _TELETEXT_LAYOUT if teletext else _OPEN_LAYOUT)
    if teletext and (max(breaks, default=0) >= MAX_ROWS // 2 or not all(texts)):
        for index, text in enumerate(texts):  # no text, no box; many rows, single height
            if not text:
                datas[index] = b"\x8f" * TF_SIZE
            elif breaks[index] >= MAX_ROWS // 2:  # 0D 0B 0B row 0A 0A 8A 8A 0D 0B 0B row .. -> 0B 0B row 0A 0A 8A ..
                laid_out = datas[index].rstrip(b"\x8f")[1:]
                datas[index] = laid_out.replace(b"\x8a\x8a\x0d", b"\x8a").ljust(TF_SIZE, b"\x8f")

    # Times: frames from the start timecode, within the 24 hours a timecode holds.
    numerator, scale = rate.numerator, rate.denominator * 1000
    half = scale // 2
    starts = [tcp + (cue.start * numerator + half) // scale for cue in cues]
    ends = [tcp + (cue.end * numerator + half) // scale for cue in cues]
    if starts and min(min(starts), min(ends)) < 0:
        problems.before_zero.extend(number for number, (start, end) in enumerate(zip(starts, ends), 1)
                                    if start < 0 or end < 0)
        starts, ends = [max(start, 0) for start in starts], [max(end, 0) for end in ends]
    if drop:  # from here on, frames as their labels number them
        label = rate.label_number
        starts, ends = [label(start, True) for start in starts], [label(end, True) for end in ends]
    day = 24 * 3600 * rate.base
    if starts and max(max(starts), max(ends)) >= day:
        problems.past_midnight.extend(number for number, (start, end) in enumerate(zip(starts, ends), 1)
                                      if start >= day or end >= day)
    _report(problems, table, rate)

    # Blocks: one per cue, or several when its text is longer than one holds.
    positions = [_vertical_position(n + 1) for n in range(MAX_ROWS)]  # by line breaks
    justification = _JUSTIFICATIONS[options.stl_justification.lower()]
    numbers = list(islice(cycle(range(0x10000)), 1, len(cues) + 1))  # SN: 1, 2, ... 65535, 0, 1, ...
    fields = (numbers, _timecodes(starts, rate.base), _timecodes(ends, rate.base),
              list(map(positions.__getitem__, breaks)))
    pack = _TTI_WRITE.pack
    if not datas or max(map(len, datas)) == TF_SIZE:
        blocks = [pack(number, 0xFF, start, end, position, justification, data)
                  for number, start, end, position, data in zip(*fields, datas)]
    else:
        blocks = []
        for number, start, end, position, data in zip(*fields, datas):
            pieces = _split_text(data, table == "00") if len(data) > TF_SIZE else [data]
            blocks.extend(pack(number, 0xFF if index == len(pieces) - 1 else index, start, end, position,
                               justification, piece.ljust(TF_SIZE, b"\x8f")) for index, piece in enumerate(pieces))
    if len(blocks) > 99999:
        raise WriteError(f"EBU STL holds at most 99,999 TTI blocks and these cues need {len(blocks):,}",
                         hint="split the transcript into several files")
    columns = TELETEXT_COLUMNS if teletext else max(longest, TELETEXT_COLUMNS)
    tcp_label = rate.label_number(tcp, drop)
    gsi = _gsi(options, rate, table, _language(options, transcript), len(blocks), len(cues), columns, tcp_label,
               starts[0] if starts else tcp_label)
    return gsi + b"".join(blocks)


def _report(problems: _Problems, table: str, rate: FrameRate) -> None:
    """Raise the errors and give the warnings the writer collected."""
    if problems.unencodable:
        listed = "; ".join(f"{char!r} (U+{ord(char):04X}) in {_cue_list(numbers)}"
                           for char, numbers in problems.unencodable.items())
        raise WriteError(f"EBU STL character table {table} ({_TABLES[table][0]}) has no code for {listed}",
                         hint="pass --stl-unsupported transliterate to write the closest characters it has")
    if problems.too_many_rows:
        listed = ", ".join(f"cue {number} has {rows}" for number, rows in problems.too_many_rows[:8])
        raise WriteError(f"EBU STL shows at most {MAX_ROWS} rows a subtitle: {listed}",
                         hint="re-cut with --max-rows")
    if problems.past_midnight:
        raise WriteError("times past 23:59:59, the last timecode EBU STL holds, in "
                         f"{_cue_list(problems.past_midnight)}", hint="use an earlier --start-timecode")
    if problems.transliterated:
        listed = "; ".join(f"{char!r} -> {replacement!r} in {_cue_list(numbers)}"
                           for char, (replacement, numbers) in problems.transliterated.items())
        warn(f"EBU STL character table {table} has no code for some characters, written as: {listed}")
    if problems.before_zero:
        warn(f"times before the start timecode in {_cue_list(problems.before_zero)}; written as {rate.format(0)}")
    if problems.wide_rows:
        warn(f"rows longer than the {TELETEXT_TEXT_COLUMNS} characters a {TELETEXT_COLUMNS}-column teletext row "
             f"holds besides its control codes in {_cue_list(problems.wide_rows)}; decoders may cut them "
             f"(re-cut with --max-chars-per-row {TELETEXT_TEXT_COLUMNS})")
    if problems.dropped_italics:
        warn(f"teletext has no italics: <i> dropped in {_cue_list(problems.dropped_italics)}")


def _language(options: Options, transcript: Transcript) -> str:
    if options.stl_language:
        return _language_code(options.stl_language) or "00"
    language = transcript.metadata.language
    return (_language_code(language) if language else None) or "00"


def _gsi(options: Options, rate: FrameRate, table: str, language: str, blocks: int, subtitles: int,
         columns: int, tcp: int, first_in: int) -> bytes:
    """The GSI block; ``tcp`` and ``first_in`` are label numbers (FrameRate.label_number)."""
    created = options.created.strftime("%y%m%d").encode("ascii")
    timecode = "".join(f"{n:02d}" for n in rate.to_smpte(tcp)).encode("ascii")
    first = "".join(f"{n:02d}" for n in rate.to_smpte(first_in)).encode("ascii")
    text = {option.name: _gsi_text(getattr(options, option.name), option.metadata["gsi_size"], option.name)
            for option in fields(options) if option.metadata.get("gsi_size")}
    parts = [
        b"850", _DFC_BY_RATE[rate].encode("ascii"), _MODES[options.stl_mode.lower()].encode("ascii"),
        table.encode("ascii"), language.encode("ascii"),
        text["stl_title"], text["stl_episode"], text["stl_translated_title"], text["stl_translated_episode"],
        text["stl_translator"], text["stl_translator_contact"], text["stl_reference"],
        created, created, f"{options.stl_revision:02d}".encode("ascii"),
        f"{blocks:05d}".encode("ascii"), f"{subtitles:05d}".encode("ascii"), b"001",
        f"{min(columns, 99):02d}".encode("ascii"), f"{MAX_ROWS:02d}".encode("ascii"), b"1", timecode, first,
        b"1", b"1", text["stl_country"].upper(), text["stl_publisher"], text["stl_editor"],
        text["stl_editor_contact"], b" " * 75, b" " * 576,
    ]
    gsi = b"".join(parts)
    assert len(gsi) == GSI_SIZE, len(gsi)
    return gsi


# --- reading ---------------------------------------------------------------------------------

def sniff_bytes(data: bytes) -> bool:
    """A 1024-byte header whose disk format code (byte 3) reads like STL25.01."""
    return len(data) >= GSI_SIZE and _DFC_PATTERN.match(data, 3) is not None


# GSI fields: code, name, offset, size.
_GSI_FIELDS: tuple[tuple[str, str, int, int], ...] = (
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


def _gsi_fields(header: bytes) -> dict[str, str]:
    code_page = {b"437": "cp437", b"850": "cp850", b"860": "cp860", b"863": "cp863", b"865": "cp865"}.get(
        header[:3], "cp850")
    return {code: header[offset:offset + size].decode(code_page, "replace").strip(" \x00")
            for code, _, offset, size in _GSI_FIELDS}


class _BlockRepairs(Repairs):
    """Repairs reported by TTI block number instead of line number."""

    def report(self) -> None:
        for message, (block, count, example) in sorted(self.found.items(), key=lambda item: item[1][0]):
            more = f" (and {count - 1} more like it)" if count > 1 else ""
            warn(f"TTI block {block}: {message}{example}{more}" if block else f"{message}{example}{more}")


@dataclass
class _Header:
    rate: FrameRate
    table: str
    teletext: bool
    tcp: int
    language: str | None
    blocks: int | None
    drop: bool
    """The timecodes are drop-frame (read at 29.97)."""


def _header(data: bytes, repairs: Repairs, fps: float | None = None) -> _Header:
    if len(data) < GSI_SIZE:
        raise ReadError(f"not EBU STL: {len(data)} bytes, shorter than the 1024-byte header (GSI block)")
    gsi = _gsi_fields(data[:GSI_SIZE])
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
    if table not in _TABLES:
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
    blocks = int(gsi["TNB"]) if gsi["TNB"].isdigit() else None
    if blocks is None:
        repairs.add(f"the header's block count (TNB) {gsi['TNB']!r} is not a number", 0)
    language = _LANGUAGE_BY_CODE.get(gsi["LC"].upper()) if gsi["LC"].strip("0 ") else None
    return _Header(rate, table, gsi["DSC"] in ("1", "2"), tcp, language, blocks, drop)


_TF_TOKEN = re.compile(rb"[\x20-\x7e\xa0-\xff]+|[\x00-\x1f\x7f-\x9f]")


def _decoder(table: str) -> Callable[[bytes], tuple[str, int]]:
    codec = _TABLES[table][1]
    if codec is None:
        return iso6937.decode

    def decode(run: bytes) -> tuple[str, int]:
        text = run.decode(codec, "replace")
        return text, text.count("\ufffd")

    return decode


def _text_lines(field: bytes, decode: Callable[[bytes], tuple[str, int]], teletext: bool) -> tuple[list[str], int]:
    """The lines of a text field with <i>/<u> tags, and how many bytes had no character."""
    end = field.find(b"\x8f")
    if end >= 0:
        field = field[:end]
    lines: list[str] = []
    words: list[tuple[str, bool, bool]] = []
    styled = False
    italic = underline = False
    bad = 0
    for token in _TF_TOKEN.findall(field):
        code = token[0]
        if len(token) > 1 or 0x20 <= code <= 0x7E or code >= 0xA0:
            text, undecoded = decode(token)
            bad += undecoded
            words.extend((word, italic, underline) for word in text.split())
        elif code == 0x8A:
            if words:
                lines.append(_render(words) if styled else " ".join(word for word, _, _ in words))
                words = []
            if teletext:
                italic = underline = False
        elif 0x80 <= code <= 0x83:
            italic = code == 0x80 if code <= 0x81 else italic
            underline = code == 0x82 if code >= 0x82 else underline
            styled = styled or italic or underline
    if words:
        lines.append(_render(words) if styled else " ".join(word for word, _, _ in words))
    return lines, bad


def _render(words: list[tuple[str, bool, bool]]) -> str:
    """Words joined by spaces, with <i> and <u> around the runs that have them."""
    out: list[str] = []
    italic = underline = False
    for index, (word, new_italic, new_underline) in enumerate(words):
        if underline and (not new_underline or italic != new_italic):
            out.append("</u>")
            underline = False
        if italic and not new_italic:
            out.append("</i>")
            italic = False
        if index:
            out.append(" ")
        if new_italic and not italic:
            out.append("<i>")
            italic = True
        if new_underline and not underline:
            out.append("<u>")
            underline = True
        out.append(word)
    if underline:
        out.append("</u>")
    if italic:
        out.append("</i>")
    return "".join(out)


def read_bytes(data: bytes, fps: float | None = None) -> list[Transcript]:
    repairs = _BlockRepairs()
    header = _header(data, repairs, fps)
    rate, drop = header.rate, header.drop
    decode = _decoder(header.table)
    count, partial = divmod(len(data) - GSI_SIZE, TTI_SIZE)
    if partial:
        repairs.add(f"the file ends {partial} bytes into this block, short of its 128; that block is ignored",
                    count + 1)
    if header.blocks is not None and header.blocks != count:
        repairs.add(f"the header says {header.blocks} TTI blocks (TNB) and the file has {count}; "
                    f"all {count} are read", 0)

    # (block number, in-frame, out-frame, text field) of every subtitle, extension blocks joined.
    subtitles: list[tuple[int, int, int, bytes]] = []
    pending: list[bytes] = []
    pending_block = pending_sn = 0
    timing: tuple[int, ...] = ()

    def finish(block: int, text_field: bytes) -> None:
        try:
            if timing[0] > 23 or timing[4] > 23:
                raise ValueError("hours past 23")
            start = rate.from_smpte(timing[0], timing[1], timing[2], timing[3], drop)
            end = rate.from_smpte(timing[4], timing[5], timing[6], timing[7], drop)
        except ValueError:
            repairs.add(f"subtitle skipped: its time code bytes are not in and out timecodes at {rate} frames a "
                        "second", block, f" ({bytes(timing[:4]).hex(' ')} | {bytes(timing[4:]).hex(' ')})")
            return
        subtitles.append((block, start, end, text_field))

    body = memoryview(data)[GSI_SIZE:GSI_SIZE + count * TTI_SIZE]
    for block, values in enumerate(_TTI.iter_unpack(body), 1):
        sn, ebn, cf, text_field = values[1], values[2], values[14], values[15]
        if 0xEF < ebn < 0xFF:
            continue  # user data and reserved blocks
        if pending and sn != pending_sn:
            repairs.add(f"subtitle {pending_sn} has extension blocks and no last one (EBN FF); read as it is",
                        pending_block)
            finish(pending_block, b"".join(pending))
            pending = []
        if not pending:
            pending_block = block
        pending.append(text_field.strip(b"\x8f"))
        pending_sn = sn
        timing = values[4:12]
        if ebn != 0xFF:
            continue
        if cf != 1:  # CF 1: a comment, not for display
            finish(pending_block, b"".join(pending) if len(pending) > 1 else pending[0])
        pending = []
    if pending:
        repairs.add(f"subtitle {pending_sn} has extension blocks and no last one (EBN FF); read as it is",
                    pending_block)
        finish(pending_block, b"".join(pending))

    offset = header.tcp
    if offset and subtitles and all(start < offset for _, start, _, _ in subtitles):
        repairs.add(f"every subtitle starts before the programme start (TCP {rate.format(offset, drop_frame=drop)}); "
                    "times are "
                    "read from 00:00:00:00", 0)
        offset = 0
    cues: list[Cue] = []
    to_ms = rate.ms
    for block, start, end, text_field in subtitles:
        if start < offset:
            repairs.add(f"subtitle at {rate.format(start, drop_frame=drop)} starts before the programme start "
                        f"(TCP {rate.format(offset, drop_frame=drop)}); skipped", block)
            continue
        if end < start:
            repairs.add("subtitle ends before it starts (kept as it is)", block)
        lines, bad = _text_lines(text_field, decode, header.teletext)
        if bad:
            repairs.add(f"{bad} byte(s) with no character in table {header.table}, read as U+FFFD", block)
        cues.append(Cue(to_ms(start - offset), to_ms(end - offset), lines))
    repairs.report()
    metadata = Metadata(language=header.language, source="stl")
    return [Transcript(cues=cues, metadata=metadata)]


# --- the header, readable --------------------------------------------------------------------

def describe(data: bytes) -> list[tuple[str, str]]:
    """The GSI fields (label, value), then what the TTI blocks hold; for ``scribekit info``."""
    header = _header(data, _BlockRepairs())  # what it would repair, reading shows
    gsi = _gsi_fields(data[:GSI_SIZE])
    notes = {
        "DFC": f"{header.rate} frames a second",
        "DSC": {"": "undefined", "0": "open subtitles", "1": "teletext level 1", "2": "teletext level 2"}.get(
            gsi["DSC"], "unknown"),
        "CCT": _TABLES.get(gsi["CCT"], ("unknown",))[0],
        "LC": header.language or "unknown",
        "TCS": {"0": "not intended for use", "1": "intended for use"}.get(gsi["TCS"], "unknown"),
    }
    rows = []
    for code, name, _, _ in _GSI_FIELDS:
        value = gsi[code]
        if code in notes:
            value = f"{value} ({notes[code]})" if value else notes[code]
        elif code in ("TCP", "TCF") and len(value) == 8:
            value = ":".join(value[i:i + 2] for i in range(0, 8, 2))
        rows.append((f"{name} ({code})", value))
    count, partial = divmod(len(data) - GSI_SIZE, TTI_SIZE)
    rows.append(("TTI blocks in the file", f"{count}" + (f" and {partial} bytes of a cut block" if partial else "")))
    return rows
