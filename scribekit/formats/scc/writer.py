"""Writing Scenarist SCC: cues as CEA-608 captions on channel 1 or 2, field 1. Facts: docs/formats.md §15.2.

Layout
    A cue is a pop-on caption of at most 4 rows of 32 columns (``--scc-mode roll-up``: the rows of
    a 2 to 4-row roll-up window). Its rows are at the bottom of the picture (rows 14-15 for two rows,
    row 15 for one), or at the top (from row 1) when the cue says so (``markup.shown_at_top``: ``"position": "top"``,
    an SRT ``{\\an8}``, a WebVTT line in the upper half). Each row is
    centred: a preamble address code (PAC) for the row and the indent (0, 4, ..., 28), then a tab
    offset (TO1-TO3) for the columns between. Italics and underline change with a mid-row code, which
    takes a column on screen as a space does, so a change of style takes the place of the space
    between two words (``<i>Hello</i>,`` is written with the comma in italics); a row starting in
    italics or in a colour gets it from its PAC (at indent 0, for a long row) or from a mid-row code
    in the column before the text. Bold is not written: CEA-608 has none. ``speaker_colours``: each
    speaker's rows in a colour, in the order white, yellow, cyan, green (the fifth speaker white
    again); italic text is white whatever the speaker (CEA-608's italic code sets white).

Characters
    The basic set (ASCII with its ten substitutions, é and ñ among them) in pairs, a lone one padded
    with 0x80; the special characters (® ½ ♪ è ...) as a code; the extended characters (Á ü ß « ...)
    as their basic fall-back (A u s ") and then their code, which replaces it. A character none of
    them holds is written as a close one (œ as oe, … as ..., ā as a, a thin space as a space), with
    one warning listing them; one with no close writing (another script) is a WriteError naming the
    cues.

Codes and timing
    Every byte has odd parity; every control, mid-row and character code is sent twice in a row, as
    decoders expect (they take a repeated code as one). A word (two bytes) takes one frame, at 29.97
    frames a second. A pop-on caption is loaded (RCL, ENM, its rows) into the memory not shown,
    then shown by EOC at its start frame; EDM clears the screen at its end frame unless the next
    caption replaces it within a frame. A caption's bytes are sent right after the previous
    caption's last command (its EOC, or its EDM when the screen is cleared between them; around
    the EDM when they must) and before its own EOC, which opens a line of its own (decoders such as
    ffmpeg time a line by its timecode); a cue whose bytes cannot fit starts later, by as many
    frames as they lack, and one warning says which. Timecodes are 29.97 drop-frame
    (``HH:MM:SS;FF``) unless ``drop_frame=False``. Roll-up: RU2-RU4, CR and a PAC on the base row
    before each row, the text shown as it comes from the cue's start.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from itertools import chain, repeat
from operator import gt, itemgetter
from typing import Any, cast

from ...errors import OptionError, WriteError, cue_list, replacements_list, row_counts_list, warn
from ...markup import FOREIGN_MARKUP, STYLE_TAG, TextRepairs, TimeClamp, shown_at_top
from ...model import Cue, Transcript
from ...timecode import FrameRate
from . import codes

__all__ = ["COLUMNS", "HEADER", "MAX_ROWS", "Options", "RATE", "SPEAKER_COLOURS", "segment_defaults",
           "write_cues"]

RATE = FrameRate(30000, 1001)
"""SCC's one frame rate: NTSC's 29.97 frames a second; a code word takes one frame."""
COLUMNS = 32
"""Columns of a caption row."""
MAX_ROWS = 4
"""Rows of a caption at most (a roll-up window holds 2 to 4)."""
DEFAULT_ROWS = 2
HEADER = "Scenarist_SCC V1.0"
SPEAKER_COLOURS = ("white", "yellow", "cyan", "green")
"""The BBC convention: speakers in this order, the fifth white again."""
MODES = ("pop-on", "roll-up")
_LAST_FRAME = RATE.parse("23:59:59;27", True)
"""The last frame a cue may start or end on: the last a timecode label holds, less the two words of
the EDM that clears it."""


# --- options ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Options:
    fps: float | None = field(default=None, metadata={
        "help": "frames a second: SCC is 29.97 (NTSC) and takes no other rate"})
    drop_frame: bool | None = field(default=None, metadata={
        "help": "drop-frame timecodes HH:MM:SS;FF (the default); --no-drop-frame writes HH:MM:SS:FF"})
    start_timecode: str | None = field(default=None, metadata={
        "help": "timecode of the media's first frame, e.g. 01:00:00;00 (default 00:00:00;00)"})
    scc_mode: str = field(default="pop-on", metadata={
        "help": "pop-on (each caption shown whole at its start) or roll-up (rows scroll up as they come)"})
    scc_channel: int = field(default=1, metadata={
        "help": "caption channel: 1 (CC1) or 2 (CC2); CC3 and CC4 are in field 2, which SCC does not carry"})
    speaker_colours: bool = field(default=False, metadata={
        "help": "each speaker's text in a colour, in the order white, yellow, cyan, green"})

    def __post_init__(self) -> None:
        if self.fps is not None and FrameRate.find(self.fps) != RATE:
            raise OptionError(f"SCC is 29.97 frames a second, not {self.fps:g}",
                              hint="leave fps out; --no-drop-frame writes non-drop-frame timecodes")
        if self.scc_mode.lower() not in MODES:
            raise OptionError(f"scc_mode takes {' or '.join(MODES)}, not {self.scc_mode!r}")
        if self.scc_channel not in (1, 2):
            field2 = " (CC3 and CC4 are in field 2, which SCC files do not carry)" if self.scc_channel in (3, 4) \
                else ""
            raise OptionError(f"scc_channel takes 1 or 2, not {self.scc_channel!r}{field2}")
        if self.start_timecode is not None:
            try:
                RATE.parse(self.start_timecode, self.drop)
            except ValueError as exc:
                raise OptionError(f"start_timecode: {exc}", hint="e.g. 01:00:00;00") from None

    @property
    def drop(self) -> bool:
        return self.drop_frame is not False

    @property
    def roll_up(self) -> bool:
        return self.scc_mode.lower() == "roll-up"

    @property
    def start_frame(self) -> int:
        return RATE.parse(self.start_timecode, self.drop) if self.start_timecode is not None else 0


def segment_defaults(options: Options | None) -> dict[str, Any]:
    """32 characters a row, 2 rows; cut at 29.97 frames a second."""
    return {"max_chars_per_row": COLUMNS, "max_rows": DEFAULT_ROWS, "fps": 29.97}


# --- characters ------------------------------------------------------------------------------

_CLOSE = {
    "œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "…": "...", "–": "-", "‐": "-", "‑": "-", "‒": "-", "―": "—",
    "−": "-", "„": "“", "‟": "“", "‚": "‘", "‛": "‘", "′": "'", "″": '"', "‹": "‘", "›": "’", "€": "EUR",
    "‰": "%", "×": "x", "·": ".", "¨": '"', "´": "'", "`": "'", "¬": "-", "¯": "-", "±": "+-", "§": "S",
    "¶": "P", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i",
    "\t": " ", "\u200b": "", "\u200c": "", "\u200d": "", "\u200e": "", "\u200f": "", "\u2060": "", "\ufeff": "",
    "\u00ad": "", "\ufffd": "?",
}
"""Characters CEA-608 has not, written as the closest it has (checked in the tests: all writable)."""

_WRITABLE = frozenset(codes.BASIC) | frozenset(codes.SPECIAL) | frozenset(codes.EXTENDED)


def _close(char: str) -> str | None:
    """What ``char`` (not in the 608 sets) is written as, or None when nothing is close."""
    close = _CLOSE.get(char)
    if close is not None:
        return close
    if unicodedata.category(char) == "Zs":
        return " "
    decomposed = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    if decomposed and decomposed != char and all(c in _WRITABLE for c in decomposed):
        return decomposed
    return None


# --- cue text as styled rows -------------------------------------------------------------------

Style = tuple[bool, bool]
"""(italic, underline)."""
Row = list[tuple[str, Style]]


@dataclass
class _Problems:
    replaced: dict[str, tuple[str, list[int]]] = field(default_factory=dict)
    unwritable: dict[str, list[int]] = field(default_factory=dict)
    rewrapped: list[int] = field(default_factory=list)
    too_many_rows: list[tuple[int, int]] = field(default_factory=list)
    moved: list[tuple[int, int]] = field(default_factory=list)
    cut: list[int] = field(default_factory=list)
    past_last: list[int] = field(default_factory=list)


def _styled_rows(lines: list[str], number: int, problems: _Problems) -> list[Row]:
    """The cue's lines as rows of (character, style); characters the 608 sets lack replaced."""
    italic = underline = False
    rows: list[Row] = []
    for line in lines:
        if "<" in line or "{" in line:
            line = FOREIGN_MARKUP.sub("", line)
        row: Row = []
        at = 0
        for match in [*STYLE_TAG.finditer(line), None]:
            piece = line[at:match.start() if match else len(line)]
            style = (italic, underline)
            if _WRITABLE.issuperset(piece):
                row.extend(zip(piece, repeat(style)))
                piece = ""
            for char in piece:
                if char in _WRITABLE:
                    row.append((char, style))
                    continue
                close = _close(char)
                if close is None:
                    problems.unwritable.setdefault(char, []).append(number)
                    continue
                problems.replaced.setdefault(char, (close, []))[1].append(number)
                row.extend((c, style) for c in close)
            if match is None:
                break
            at = match.end()
            opening = not match.group(1)
            if match.group(2).lower() == "i":
                italic = opening
            elif match.group(2).lower() == "u":
                underline = opening
        while row and row[0][0] == " ":
            row.pop(0)
        while row and row[-1][0] == " ":
            row.pop()
        if row:
            rows.append(row)
    return rows


def _rewrap(rows: list[Row], width: int) -> list[Row]:
    """The rows' words re-flowed into rows of ``width`` columns at most (a longer word cut)."""
    words: list[Row] = []
    for row in rows:
        word: Row = []
        for cell in row:
            if cell[0] == " ":
                if word:
                    words.append(word)
                word = []
            else:
                word.append(cell)
        if word:
            words.append(word)
    out: list[Row] = []
    current: Row = []
    for word in words:
        while len(word) > width:
            if current:
                out.append(current)
                current = []
            out.append(word[:width])
            word = word[width:]
        if current and len(current) + 1 + len(word) > width:
            out.append(current)
            current = []
        if current:
            current.append((" ", word[0][1]))
        current.extend(word)
    if current:
        out.append(current)
    return out


# --- bytes -----------------------------------------------------------------------------------
#
# The words of a caption are built as a string of 7-bit values, a character a byte: a code as the
# characters of its 7-bit pair, the text as its own characters (the basic set: ASCII as it is, the
# substitutions é, ñ, ... as they are), a lone character padded with "\x80". The schedule turns
# the lines into bytes with odd parity (``encode("latin-1")`` and one ``bytes.translate``) and into
# hex words (``bytes.hex``) a batch of lines at a time: at C speed, not a character at a time. The
# common caption (rows of the 608 sets, each in white or all in italics) is made by ``write_cues``
# itself from tables of row starts; each fast way is tested against the careful one
# (tests/test_scc_writer_fast.py).

_PARITY = [codes.with_parity(b) for b in range(128)]
_HEX = [f"{_PARITY[b]:02x}" for b in range(128)]
"""7-bit value -> its byte with odd parity, in hex."""
_CODE_FIRST = frozenset(_HEX[b] for b in range(0x10, 0x20))
_BYTES = bytearray(0x80 for _ in range(256))
_BYTES[:128] = bytes(_PARITY)
_BYTES[0] = 0  # not a 7-bit value the words have: ``_Schedule`` puts it between lines
for _char, _code in codes.BASIC.items():
    if ord(_char) < 256:
        _BYTES[ord(_char)] = _PARITY[_code]
_TO_BYTES = bytes(_BYTES)
"""For bytes.translate: a 7-bit value, or a basic character in latin-1 -> its byte with odd parity; the
pad 0x80 as it is."""
_NOT_LATIN_1 = {ord(char): code for char, code in codes.BASIC.items() if ord(char) > 255}
"""Basic characters outside latin-1 (█) -> their 7-bit value."""


def _hex_words(words: str) -> str:
    """The hex words, separated by spaces, of ``words`` (7-bit values and basic characters, even in length)."""
    try:
        data = words.encode("latin-1")
    except UnicodeEncodeError:
        data = words.translate(_NOT_LATIN_1).encode("latin-1")
    return data.translate(_TO_BYTES).hex(" ", 2)


def _pair(pair: tuple[int, int]) -> str:
    """A 7-bit pair as the two characters of a word."""
    return chr(pair[0]) + chr(pair[1])


def is_code(word: str) -> bool:
    """Whether a word (4 hex digits) is a code (control, PAC, mid-row, special or extended character)."""
    return word[:2] in _CODE_FIRST


class _Words:
    """The code words of one caption (7-bit values, see above), built character by character (or a
    run at a time)."""

    __slots__ = ("parts", "pending", "channel", "bit", "last_code", "no_op")

    def __init__(self, channel: int) -> None:
        self.parts: list[str] = []
        """Words, one or several a part (a part "\\n": a roll-up row's end)."""
        self.pending: str | None = None
        """A basic character waiting for the second of its pair."""
        self.channel = channel
        self.bit = 0x08 if channel == 2 else 0
        self.last_code: str | None = None
        self.no_op = _pair(codes.control("AOF", channel))

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def char(self, char: str) -> None:
        """A basic character (or its 7-bit value)."""
        if self.pending is None:
            self.pending = char
        else:
            self.parts.append(self.pending + char)
            self.pending = None
            self.last_code = None

    def run(self, text: str) -> None:
        """A run of basic characters."""
        if self.pending is not None:
            text = self.pending + text
            self.pending = None
        if len(text) % 2:
            self.pending = text[-1]
            text = text[:-1]
        if text:
            self.parts.append(text)
            self.last_code = None

    def flush(self) -> None:
        if self.pending is not None:
            self.parts.append(self.pending + "\x80")
            self.pending = None
            self.last_code = None

    def code(self, pair: tuple[int, int]) -> None:
        """A code, sent twice; the same code twice in a row (two ♪) gets an AOF pair (alarm off, which
        does nothing) between, so that a decoder does not take the second for the repeat of the first."""
        self.flush()
        word = chr(pair[0]) + chr(pair[1])
        if word == self.last_code:
            self.parts.append(self.no_op + self.no_op)
        self.parts.append(word + word)
        self.last_code = word

    def control(self, name: str) -> None:
        self.code(codes.control(name, self.channel))

    def character(self, char: str) -> None:
        if char in codes.BASIC:
            self.char(char)
            return
        special = codes.SPECIAL.get(char)
        if special is not None:
            self.code((0x11 | self.bit, special))
            return
        first, second = codes.EXTENDED[char]
        self.char(chr(codes.BASIC[codes.FALLBACK[char]]))
        self.code((first | self.bit, second))


def _pac_with(row: int, channel: int, *, colour: str, italic: bool, underline: bool) -> tuple[int, int]:
    """A PAC at indent 0 that sets a colour (or italics): the codes' table, the colour's attribute."""
    if italic or colour == "white":
        return codes.pac(row, 0, channel, italic=italic, underline=underline)
    first, second = codes.pac(row, 0, channel, underline=underline)
    return first, second | 2 * codes.COLOURS.index(colour)


def _mid_row(channel: int, style: Style, colour: str) -> tuple[int, int]:
    italic, underline = style
    return codes.mid_row(channel, italic=italic, underline=underline, colour="white" if italic else colour)


def _start_row(out: _Words, row: int, length: int, style: Style, colour: str) -> None:
    """The PAC placing a row of ``length`` columns centred on ``row`` in ``style`` and ``colour``: a
    row starting in italics or in a colour gets it from its PAC (at indent 0) or, when the row leaves
    room, from a mid-row code in the column before the text."""
    channel = out.channel
    special_start = style[0] or colour != "white"
    column = (COLUMNS - length) // 2
    lead = special_start and column > 3  # a mid-row code in the column before the text
    if lead:
        column = (COLUMNS - length - 1) // 2
    if special_start and not lead:
        out.code(_pac_with(row, channel, colour=colour, italic=style[0], underline=style[1]))
    else:
        out.code(codes.pac(row, column // 4 * 4, channel, underline=style[1]))
    if column % 4:
        out.control(f"TO{column % 4}")
    if lead:
        out.code(_mid_row(channel, style, colour))


def _put_plain_row(out: _Words, text: str, row: int) -> None:
    """A row of basic characters in white, centred: its PAC (and tab offset), then the text."""
    column = (COLUMNS - len(text)) // 2
    out.code(codes.pac(row, column // 4 * 4, out.channel))
    if column % 4:
        out.control(f"TO{column % 4}")
    out.run(text)
    out.flush()


_CHAR, _STYLE = itemgetter(0), itemgetter(1)
_BASIC_RUN = re.compile("[" + re.escape("".join(codes.BASIC)) + "]*")


def _put_row(out: _Words, cells: Row, row: int, colour: str) -> None:
    """A PAC placing ``cells`` centred on ``row``, then their text, styles changed by mid-row codes."""
    channel = out.channel
    style = cells[0][1]
    _start_row(out, row, len(cells), style, colour)
    if len(set(map(_STYLE, cells))) == 1:  # one style: no mid-row code
        text = "".join(map(_CHAR, cells))
        if _BASIC_RUN.fullmatch(text):
            out.run(text)
            out.flush()
            return
    count = len(cells)
    basic = codes.BASIC
    run: list[str] = []  # basic characters, written a run at a time
    for index, (char, _) in enumerate(cells):
        if char == " " and index + 1 < count and cells[index + 1][1] != style:
            style = cells[index + 1][1]  # the space's column takes the code
            if run:
                out.run("".join(run))
                run = []
            out.code(_mid_row(channel, style, colour))
        elif char in basic:
            run.append(char)
        else:
            if run:
                out.run("".join(run))
                run = []
            out.character(char)
    if run:
        out.run("".join(run))
    out.flush()


@cache
def _row_starts(channel: int, italic: bool) -> tuple[tuple[str, ...], ...]:
    """[row][length]: the words placing a row of ``length`` characters, in white or in italics,
    centred on ``row`` (1..15), as ``_start_row`` writes them."""
    starts: list[tuple[str, ...]] = [()]
    for row in range(1, 16):
        by_length = []
        for length in range(COLUMNS + 1):
            out = _Words(channel)
            _start_row(out, row, length, (italic, False), "white")
            by_length.append(out.text)
        starts.append(tuple(by_length))
    return tuple(starts)


_MID_ROW_MARKS = {(False, False): "\x01", (False, True): "\x02", (True, False): "\x03", (True, True): "\x04"}
"""Style -> a character no text has, marking a mid-row code to ``_put_text`` (``_run_tables``)."""


@cache
def _run_tables(channel: int, colour: str) -> tuple[dict[str, Coded], str]:
    """``_char_codes`` with the mid-row codes of ``colour`` for their marks, and ``_no_op``."""
    mids = _mid_rows(channel, colour)
    table = {**_char_codes(channel), **{mark: _coded_words("", mids[style]) for style, mark in _MID_ROW_MARKS.items()}}
    return table, _no_op(channel)


@cache
def _no_op(channel: int) -> str:
    """AOF twice (see ``_Words.code``)."""
    return _pair(codes.control("AOF", channel)) * 2


@cache
def _loading(channel: int) -> str:
    return _pair(codes.control("RCL", channel)) * 2 + _pair(codes.control("ENM", channel)) * 2


def _plain_caption(rows: list[str], top: bool, channel: int) -> str:
    """The words that load a pop-on caption of plain rows: ``_caption_words``'s, a row at a time."""
    starts = _row_starts(channel, False)
    parts = [_loading(channel)]
    row = 1 if top else 16 - len(rows)
    for text in rows:
        parts.append(starts[row][len(text)])
        parts.append(text)
        if len(text) % 2:
            parts.append("\x80")
        row += 1
    return "".join(parts)


@cache
def _start_words(channel: int, row: int, length: int, style: Style, colour: str) -> tuple[str, str | None]:
    """``_start_row``'s words, and the last code of them."""
    out = _Words(channel)
    _start_row(out, row, length, style, colour)
    return out.text, out.last_code


@cache
def _mid_rows(channel: int, colour: str) -> dict[Style, str]:
    """Style -> its mid-row code (see ``_Words``) in a row of ``colour``."""
    return {(italic, underline): _pair(_mid_row(channel, (italic, underline), colour))
            for italic in (False, True) for underline in (False, True)}


Coded = tuple[str, str, str, bool]
"""What ``_put_text`` writes for a character with a code: its words after an even number of
characters since the last code, after an odd number, its code, whether it has a fall-back."""


def _coded_words(fallback: str, code: str) -> Coded:
    """A code (sent twice) on a word of its own; its fall-back before it, padded with 0x80 when alone."""
    if fallback:
        return fallback + "\x80" + code + code, fallback + code + code, code, True
    return code + code, "\x80" + code + code, code, False


@cache
def _char_codes(channel: int) -> dict[str, Coded]:
    """A special or extended character -> what ``_put_text`` writes for it (see ``_Words``)."""
    bit = 0x08 if channel == 2 else 0
    table = {char: _coded_words("", chr(0x11 | bit) + chr(second)) for char, second in codes.SPECIAL.items()}
    for char, (first, second) in codes.EXTENDED.items():
        table[char] = _coded_words(chr(codes.BASIC[codes.FALLBACK[char]]), chr(first | bit) + chr(second))
    for char in codes.BASIC:
        table.pop(char, None)
    return table


_NOT_BASIC = re.compile("[^" + re.escape("".join(codes.BASIC)) + "]").search
_AROUND_CODED = re.compile("([^" + re.escape("".join(codes.BASIC)) + "])").split
"""Text -> [basic characters, a character with a code, basic characters, ...]."""


def _put_text(parts: list[str], text: str, table: dict[str, Coded], no_op: str, odd: bool,
              last: str | None) -> tuple[bool, str | None]:
    """The words of ``text`` (characters of the 608 sets) added to ``parts``, as ``_Words`` sends them:
    basic characters as they are, a code on a word of its own (the character before it padded with
    0x80) and sent twice, the same code twice in a row with AOF between. ``odd``: an odd number of
    characters since the last code; ``last``: that code when nothing came after it. Returns the two after."""
    if _NOT_BASIC(text) is None:
        if text:
            parts.append(text)
            return odd ^ (len(text) % 2 == 1), None
        return odd, last
    pieces = _AROUND_CODED(text)
    if pieces[0]:
        parts.append(pieces[0])
        odd, last = odd ^ (len(pieces[0]) % 2 == 1), None
    for at in range(1, len(pieces), 2):
        after_even, after_odd, code, fallback = table[pieces[at]]
        if odd:  # the character before it, or its fall-back, padded; or the two a pair
            parts.append(after_odd)
            odd = False
        else:  # its fall-back padded; or the code right after the same code: AOF between
            if not fallback and code == last:
                parts.append(no_op)
            parts.append(after_even)
        last = code
        rest = pieces[at + 1]
        if rest:
            parts.append(rest)
            odd, last = len(rest) % 2 == 1, None
    return odd, last


def _coded(text: str, table: dict[str, Coded], no_op: str) -> str:
    """The words of a row's text of one style (characters of the 608 sets), padded: ``_put_runs``'
    for a row of one run, which starts with no code the text's first code could repeat."""
    parts: list[str] = []
    if _put_text(parts, text, table, no_op, False, None)[0]:
        parts.append("\x80")
    return "".join(parts)


def _put_runs(out: _Words, runs: RunRow, row: int, colour: str) -> None:
    """``_put_row`` a run at a time: the same words (tested)."""
    out.flush()
    out.last_code = _run_words(out.parts, runs, row, out.channel, colour)


def _run_words(parts: list[str], runs: RunRow, row: int, channel: int, colour: str) -> str | None:
    """``_put_runs``' words added to ``parts``; the last code of them when nothing came after it."""
    table, no_op = _run_tables(channel, colour)
    count = len(runs)
    if count == 1:
        text = runs[0][0]
    else:  # the runs' text, a mark for the mid-row code before each run after the first
        texts = []
        following = runs[0][0]
        for index in range(count):
            piece = following
            if index:  # the space next to the change takes the code
                texts.append(_MID_ROW_MARKS[runs[index][1]])
            if index + 1 < count:
                following = runs[index + 1][0]
                if piece[-1] == " ":
                    piece = piece[:-1]
                else:
                    following = following[1:]
            texts.append(piece)
        text = "".join(texts)  # as long as the runs: a mark for each space taken out
    start, last = _start_words(channel, row, len(text), runs[0][1], colour)
    parts.append(start)  # a PAC never repeats the code before it (RCL, ENM, CR; a code of a row's text)
    odd, last = _put_text(parts, text, table, no_op, False, last)
    if odd:
        parts.append("\x80")
        last = None
    return last


def _caption_words(rows: list[Row] | list[str] | list[RunRow], top: bool, channel: int, colour: str,
                   roll_up: int) -> tuple[str, int]:
    """The words that load a pop-on caption (RCL, ENM, rows), or send a roll-up one (its rows apart
    by a "\\n"), as 7-bit values (see ``_Words``), and their count; rows of plain text (``str``) or
    of styled cells."""
    if not roll_up and all(isinstance(row, str) for row in rows):
        text = _plain_caption(cast(list[str], rows), top, channel)
        return text, len(text) // 2
    if not roll_up and all(isinstance(row, RunRow) for row in rows):
        parts = [_loading(channel)]
        number = 1 if top else 16 - len(rows)
        for runs in cast(list[RunRow], rows):
            _run_words(parts, runs, number, channel, colour)
            number += 1
        text = "".join(parts)
        return text, len(text) // 2
    out = _Words(channel)
    if roll_up:
        base = roll_up if top else 15
        numbers = [base] * len(rows)
    else:
        out.control("RCL")
        out.control("ENM")
        first = 1 if top else 16 - len(rows)
        numbers = list(range(first, first + len(rows)))
    for index, (number, cells) in enumerate(zip(numbers, rows, strict=True)):
        if roll_up:
            if index:
                out.parts.append("\n")  # each roll-up row on a line of its own
            out.control(f"RU{roll_up}")
            out.control("CR")
        if isinstance(cells, str):
            _put_plain_row(out, cells, number)
        elif isinstance(cells, RunRow):
            _put_runs(out, cells, number, colour)
        else:
            _put_row(out, cast(Row, cells), number, colour)
    text = out.text
    return text, (len(text) - len(rows) + 1) // 2 if roll_up else len(text) // 2


# --- timing ----------------------------------------------------------------------------------

@cache
def _in_minute(separator: str) -> list[str]:
    """Seconds and frames of a label and a tab, ``SS;FF\\t``, in the order they come in a minute."""
    return [f"{second:02d}{separator}{frame:02d}\t" for second in range(60) for frame in range(RATE.base)]


_BATCH = 512
"""Lines made hex at once."""


class _Schedule:
    """The captions' words placed in time, caption after caption, and written as the lines of the
    file: a line is a run of words on consecutive frames from its timecode on."""

    __slots__ = ("eoc", "edm", "frames", "words", "start_frame", "drop", "problems", "roll_up", "lines", "frame",
                 "parts", "free", "previous_end", "previous_number", "minute_from", "minute_to", "minute_label",
                 "minute_at", "in_minute")

    def __init__(self, options: Options, problems: _Problems, roll_up: bool) -> None:
        channel = options.scc_channel
        self.eoc = _pair(codes.control("EOC", channel)) * 2
        self.edm = _pair(codes.control("EDM", channel)) * 2
        self.start_frame = options.start_frame
        self.drop = options.drop
        self.problems = problems
        self.roll_up = roll_up
        self.lines: list[str] = [HEADER]
        """The lines written, a batch a string: the header, then each line's "\\n\\n", label, tab
        and words, and a last "\\n" (each line between empty ones)."""
        self.frames: list[int] = []
        self.words: list[list[str]] = []
        """The lines of the batch being written: their first frames, their words."""
        self.frame: int | None = None
        """The first frame of the line being written."""
        self.parts: list[str] = []
        self.free = -self.start_frame
        """The first frame no word takes yet (the first caption may be loaded before the media's start
        when a start timecode leaves room)."""
        self.previous_end = -2
        """When the caption on screen is to be cleared."""
        self.previous_number = 0
        self.minute_from = self.minute_to = self.minute_at = -1
        """The frames [from, to] whose labels have the same hours and minutes (the last label's minute),
        and the label of ``minute_from`` counted in frames from the minute's start."""
        self.minute_label = ""
        """The labels' text before the seconds."""
        self.in_minute: list[str] = []

    def at(self, frame: int, words: str, count: int) -> None:
        """``count`` words from ``frame`` on, on a line of their own (decoders time a line by its timecode)."""
        if self.frame is not None:
            self._close()
        self.frame = frame
        self.parts = [words]
        self.free = frame + count

    def then(self, words: str, count: int) -> None:
        """``count`` words right after the last ones."""
        if self.frame is None:
            self.at(self.free, words, count)
        else:
            self.parts.append(words)
            self.free += count

    def _head(self, frame: int) -> str:
        """"\\n\\n", ``RATE.format``'s label of ``frame``, "\\t". Within a minute the labels count up a
        frame a frame (drop frame skips labels at a minute's start only), so a minute's labels are
        made from its first."""
        if self.minute_from <= frame <= self.minute_to:
            return self.minute_label + self.in_minute[self.minute_at + frame - self.minute_from]
        label = RATE.format(frame, drop_frame=self.drop)
        self.minute_label, self.in_minute = "\n\n" + label[:-5], _in_minute(label[-3])
        self.minute_at = int(label[-5:-3]) * RATE.base + int(label[-2:])
        self.minute_from, self.minute_to = frame, frame + 60 * RATE.base - 1 - self.minute_at
        return f"\n\n{label}\t"

    def _close(self) -> None:
        """The line being written: its head kept, its words (7-bit values) made hex with the others
        of a batch of lines, at once."""
        assert self.frame is not None
        self.frames.append(self.frame)
        self.words.append(self.parts)  # not changed after: the next line has a list of its own
        if len(self.words) == _BATCH:
            self._write_batch()

    def _write_batch(self) -> None:
        """The lines of the batch written, as one string: heads and words, words apart by the word
        0000 (a byte 0x00 has not odd parity: no word is 0000) in one ``_hex_words``, split at it."""
        if not self.words:
            return
        heads = []
        first, last, label, in_minute, at = \
            self.minute_from, self.minute_to, self.minute_label, self.in_minute, self.minute_at
        start_frame = self.start_frame
        for frame in self.frames:
            frame += start_frame
            if first <= frame <= last:  # ``_head``'s first case, here
                heads.append(label + in_minute[at + frame - first])
            else:
                heads.append(self._head(frame))
                first, last, label, in_minute, at = \
                    self.minute_from, self.minute_to, self.minute_label, self.in_minute, self.minute_at
        hexes = _hex_words("\x00\x00".join(map("".join, self.words))).split(" 0000 ")
        self.lines.append("".join(chain.from_iterable(zip(heads, hexes, strict=True))))
        self.frames, self.words = [], []

    def add(self, number: int, start: int, end: int, text: str, size: int) -> None:
        """Caption ``number``, shown from frame ``start`` to ``end``: its ``size`` words (``text``, see ``_Words``)."""
        free, previous_end, previous_number, roll_up = self.free, self.previous_end, self.previous_number, self.roll_up
        # pop-on: the frames free for loading are [free, shown), less the previous caption's EDM if it
        # comes there; roll-up: the words are sent from the cue's start (max() written out: the loop is hot)
        ready = free if roll_up else free + size
        shown = start if start >= ready else ready
        clear = previous_number > 0 and previous_end + 2 <= shown
        before = 0  # pop-on: the words loaded before the previous caption's EDM, when it comes in between
        if clear and not roll_up:
            ready = free + size + 2
            shown = start if start >= ready else ready
            if shown - size < previous_end + 2:
                before = previous_end - free if previous_end - free < size else size
                at = 2 * before
                if 0 < before < size and text[at:at + 2] == text[at - 2:at] and "\x10" <= text[at] < "\x20":
                    before -= 1  # not between a code and its repeat
                if shown < previous_end + 2 + size - before:
                    shown = previous_end + 2 + size - before
        elif previous_number and previous_end > shown:
            self.problems.cut.append(previous_number)
        if shown > start:
            self.problems.moved.append((number, shown - start))
        if roll_up:  # a line a row, so that a decoder timing lines by their label shows a row at a time
            if clear:
                self.at(previous_end, self.edm, 2)
            for row in text.split("\n"):
                self.at(shown, row, len(row) // 2)
                shown = self.free
            end = max(end, self.free)
        else:  # the lines as ``at`` and ``then`` would write them, the last one the caption's EOC
            if not clear:  # right after the previous caption's EOC (the first: right before its own)
                if self.frame is not None:
                    self.parts.append(text)
                else:
                    self.frame, self.parts = shown - size, [text]
            elif not before:  # right after the previous caption's EDM
                self._close()
                self.frame, self.parts = previous_end, [self.edm, text]
            else:  # loaded right after the previous caption's EOC, before its EDM (and after it)
                self.parts.append(text[:2 * before] if before < size else text)
                self._close()
                self.frame, self.parts = previous_end, [self.edm, text[2 * before:]] if before < size else [self.edm]
            self._close()
            self.frame, self.parts, self.free = shown, [self.eoc], shown + 2
            if end < shown + 2:
                end = shown + 2
        self.previous_end, self.previous_number = end, number

    def finish(self) -> list[str]:
        """The lines (the header first), the last caption cleared."""
        if self.previous_number:
            self.at(max(self.previous_end, self.free), self.edm, 2)
        if self.frame is not None:
            self._close()
        self._write_batch()
        self.frame = None
        self.lines.append("\n")
        return self.lines


# --- writing ---------------------------------------------------------------------------------

def _report(problems: _Problems) -> None:
    if problems.past_last:
        raise WriteError(f"times past 23:59:59;27, the last an SCC caption can be shown and cleared at, in "
                         f"{cue_list(sorted(problems.past_last))}",
                         hint="split the transcript, or use an earlier start_timecode=")
    if problems.unwritable:
        chars = list(problems.unwritable.items())
        listed = "; ".join(f"{char!r} (U+{ord(char):04X}) in {cue_list(numbers, 3)}" for char, numbers in chars[:4])
        if len(chars) > 4:
            listed += f"; and {len(chars) - 4} more characters"
        raise WriteError(f"CEA-608 captions have no character close to {listed}",
                         hint="SCC carries Latin text: the basic, special and extended sets of CEA-608")
    if problems.too_many_rows:
        listed = row_counts_list(problems.too_many_rows)
        raise WriteError(f"an SCC caption has at most {MAX_ROWS} rows of {COLUMNS} characters: {listed}",
                         hint="re-cut the cues: --profile cea-608, or max_rows= up to 4")
    if problems.replaced:
        warn(f"CEA-608 has no code for some characters, written as: {replacements_list(problems.replaced)}")
    if problems.rewrapped:
        warn(f"rows longer than the {COLUMNS} columns of a caption row re-wrapped in {cue_list(problems.rewrapped)}")
    if problems.cut:
        warn(f"{len(problems.cut)} cue(s) overlapping the next one end where it starts (one caption shows at a "
             f"time): {cue_list(problems.cut)}")
    if problems.moved:
        examples = ", ".join(f"cue {number} by {frames} frame{'s' if frames > 1 else ''}"
                             for number, frames in problems.moved[:5])
        more = f" and {len(problems.moved) - 5} more" if len(problems.moved) > 5 else ""
        warn(f"{len(problems.moved)} cue(s) start later, their captions' bytes not fitting in the frames before "
             f"them (one code word a frame): {examples}{more}")


def _colours(cues: list[Cue]) -> dict[str | None, str]:
    colours: dict[str | None, str] = {None: "white"}
    for cue in cues:
        if cue.speaker not in colours:
            colours[cue.speaker] = SPEAKER_COLOURS[(len(colours) - 1) % len(SPEAKER_COLOURS)]
    return colours


def caption_rows(lines: list[str], number: int, problems: _Problems) -> list[Row]:
    """The rows cue ``number`` is written with (re-wrapped when a row is too wide; a cue of more
    than ``MAX_ROWS`` rows noted as a problem)."""
    rows = _styled_rows(lines, number, problems)
    if any(len(row) > COLUMNS for row in rows):
        rows = _rewrap(rows, COLUMNS)
        problems.rewrapped.append(number)
    if len(rows) > MAX_ROWS:
        problems.too_many_rows.append((number, len(rows)))
    return rows


_PLAIN_ROW = re.compile("(?! )[" + re.escape("".join(char for char in codes.BASIC if char != "<")) +
                        f"]{{1,{COLUMNS}}}(?<! )")
"""A row of the basic set alone, without markup, that fits and needs no trimming: written a run at a time."""


_CODED_ROW = "(?! )[" + re.escape("".join(sorted(_WRITABLE - {"<", "{"}))) + f"]{{1,{COLUMNS}}}(?<! )"
_FAST_ROW = re.compile(f"<i>({_CODED_ROW})</i>|({_CODED_ROW})")
"""A row of the 608 sets (not "{", which may open an override block), or one all in italics:
``write_cues`` writes a caption of such rows (and ``_PLAIN_ROW``'s) itself."""


def _plain_rows(lines: list[str]) -> list[str] | None:
    """The rows of a cue of plain rows (``_PLAIN_ROW``, 4 at most), or None for the careful way."""
    if len(lines) <= MAX_ROWS and all(map(_PLAIN_ROW.fullmatch, lines)):
        return lines
    return None


class RunRow(list[tuple[str, Style]]):
    """A row as runs of text in one style each (``caption_rows``' cells, a run at a time)."""


_STYLED_TEXT = re.compile("[" + re.escape("".join(sorted(_WRITABLE - {"<"}))) + "]*")


_SPLIT_TAGS = STYLE_TAG.split
"""Line -> [text, "/" or "", tag letter, text, ...]."""


def run_rows(lines: list[str]) -> list[RunRow] | None:
    """The rows of a cue whose only markup is ``<i>`` and ``<u>``, every character of the 608 sets,
    rows of 32 columns at most, 4 at most, each change of style next to a space and each run
    holding more than spaces; None for the careful way (``caption_rows``)."""
    italic = underline = False
    rows: list[RunRow] = []
    for line in lines:
        if "<" in line or "{" in line:  # markup (foreign markup starts with one of them)
            if FOREIGN_MARKUP.search(line):
                return None
            tokens = _SPLIT_TAGS(line)
        else:
            tokens = [line]
        runs = RunRow()
        style = (italic, underline)
        at = 0
        while True:
            piece = tokens[at]
            if piece:
                if runs and runs[-1][1] == style:
                    runs[-1] = (runs[-1][0] + piece, style)
                else:
                    runs.append((piece, style))
            if at + 1 == len(tokens):
                break
            letter = tokens[at + 2]
            if letter in "iI":
                italic = not tokens[at + 1]
            elif letter in "uU":
                underline = not tokens[at + 1]
            else:
                return None  # bold: the careful way says nothing of it either, but keeps this simple
            style = (italic, underline)
            at += 3
        if len(runs) == 1:  # one style (the common row): the checks below, for one run
            piece = runs[0][0].strip(" ")
            if not piece:
                continue
            if len(piece) > COLUMNS or not _STYLED_TEXT.fullmatch(piece):
                return None
            runs[0] = (piece, runs[0][1])
            rows.append(runs)
            continue
        while runs and not runs[0][0].lstrip(" "):
            runs.pop(0)
        while runs and not runs[-1][0].rstrip(" "):
            runs.pop()
        if not runs:
            continue
        runs[0] = (runs[0][0].lstrip(" "), runs[0][1])
        runs[-1] = (runs[-1][0].rstrip(" "), runs[-1][1])
        pieces = [piece for piece, _ in runs]
        text = "".join(pieces)
        if len(text) > COLUMNS or not _STYLED_TEXT.fullmatch(text):
            return None
        for index, piece in enumerate(pieces):
            if not piece.strip(" "):
                return None
            if index and (runs[index - 1][1] == runs[index][1] or
                          not (pieces[index - 1][-1] == " " or piece[0] == " ")):
                return None
        rows.append(runs)
    return rows if len(rows) <= MAX_ROWS else None


def write_cues(cues: list[Cue], transcript: Transcript, options: Options | None = None) -> str:
    """The SCC file of ``cues``, written as it goes: a cue's rows, its frames, its words, its place in time."""
    options = options or Options()
    channel = options.scc_channel
    repairs = TextRepairs()
    problems = _Problems()
    ordered = list(range(len(cues)))
    starts = [cue.start for cue in cues]
    if any(map(gt, starts, starts[1:])):  # a cue starting before the one before it
        ordered.sort(key=lambda index: (cues[index].start, cues[index].end))
    colours = _colours(cues) if options.speaker_colours else {}

    def rows_of(index: int, lines: list[str], found: _Problems) -> list[Row] | list[str] | list[RunRow]:
        if not colours or colours.get(cues[index].speaker, "white") == "white":
            plain = _plain_rows(lines)
            if plain is not None:
                return plain
        runs = run_rows(lines)
        return runs if runs is not None else caption_rows(lines, index + 1, found)

    roll_up = 0
    if options.roll_up:  # the window: as many rows as the tallest caption, 2 to 4
        roll_up = max([DEFAULT_ROWS, *(len(rows_of(i, cue.lines, _Problems())) for i, cue in enumerate(cues))])
        roll_up = min(roll_up, MAX_ROWS)
    highest = RATE.ms(_LAST_FRAME - options.start_frame)
    clamp = TimeClamp("SCC", highest, "23:59:59;27")
    frames = RATE.frames

    def placed(index: int, start: int, end: int) -> tuple[int, int] | None:
        """Cue ``index``'s times within the timecodes SCC holds (a time before the first is moved to it), or
        None, with the cue noted, when it goes past the last."""
        if clamp.fits(start, end):
            return start, end
        if start > highest or end > highest:
            problems.past_last.append(index + 1)
            return None
        return clamp.clamp(start, end)

    schedule = _Schedule(options, problems, bool(roll_up))
    # the common cue, of rows of the 608 sets, each in white or all in italics, loaded pop-on: its
    # words made here, a row at a time (``_caption_words``' words: tested)
    plain = _PLAIN_ROW.fullmatch if not roll_up else None
    fast, table, no_op = _FAST_ROW.fullmatch, _char_codes(channel), _no_op(channel)
    loading, white, italics = _loading(channel), _row_starts(channel, False), _row_starts(channel, True)
    add = schedule.add
    failed = False  # a cue is unwritable or has too many rows: the others are only checked
    for index in ordered:
        cue = cues[index]
        lines = cue.lines
        if plain is not None and len(lines) <= MAX_ROWS and (not colours or colours.get(cue.speaker) == "white"):
            parts = [loading]
            row = 1 if cue.style is not None and shown_at_top(cue.style, lines) else 16 - len(lines)
            for line in lines:
                if plain(line) is not None:
                    parts.append(white[row][len(line)])
                    parts.append(line if len(line) % 2 == 0 else line + "\x80")
                else:
                    match = fast(line)
                    if match is None:
                        break
                    text = match[match.lastindex or 0]
                    parts.append((italics if match.lastindex == 1 else white)[row][len(text)])
                    if _NOT_BASIC(text) is not None:
                        parts.append(_coded(text, table, no_op))
                    else:
                        parts.append(text if len(text) % 2 == 0 else text + "\x80")
                row += 1
            else:
                if not lines:
                    continue
                start, end = cue.start, cue.end
                if not (0 <= start <= highest and 0 <= end <= highest):  # not clamp.fits
                    times = placed(index, start, end)
                    if times is None:
                        failed = True
                        continue
                    start, end = times
                if failed:
                    continue
                text = "".join(parts)
                add(index + 1, frames(start), frames(end), text, len(text) // 2)
                continue
            runs = run_rows(lines)  # not of the fast kind: not plain rows either, unless repaired
            rows: list[Row] | list[str] | list[RunRow]
            if runs is not None:  # characters of the 608 sets alone: nothing to repair
                rows = runs
            else:
                repaired = repairs.lines(lines)
                rows = rows_of(index, repaired, problems) if repaired is not lines else \
                    caption_rows(lines, index + 1, problems)
        else:
            rows = rows_of(index, repairs.lines(lines), problems)
        failed = bool(problems.unwritable or problems.too_many_rows or problems.past_last)
        if not rows:
            continue  # nothing to show
        times = placed(index, cue.start, cue.end)
        if times is None:
            failed = True
            continue
        start, end = times
        if failed:
            continue  # an error to give, after the others of its kind
        top = (cue.style is not None or "{" in cue.lines[0]) and shown_at_top(cue.style, cue.lines)
        colour = colours.get(cue.speaker, "white") if colours else "white"
        text, size = _caption_words(rows, top, channel, colour, roll_up)
        schedule.add(index + 1, frames(start), frames(end), text, size)
    repairs.report()
    if problems.unwritable or problems.too_many_rows or problems.past_last:
        _report(problems)
    clamp.report()
    lines = schedule.finish()
    _report(problems)
    return "".join(lines)
