"""Reading Scenarist SCC files: a CEA-608 decoder of one caption channel. Facts: docs/formats.md §15.1.

A file is an optional ``Scenarist_SCC V1.0`` header, then lines of a timecode
(``HH:MM:SS:FF`` non-drop frame, ``HH:MM:SS;FF`` drop frame, at 29.97 frames
a second), a TAB or a space, and code words of four hex digits (two bytes with
odd parity: ``codes``). The first word of a line is decoded at its timecode and
every next one a frame (1/29.97 s) later, as a decoder receives them.

The decoder keeps the two caption memories of CEA-608 (displayed and
non-displayed, rows 1..15 of cells) and the three ways of filling them: pop-on
(text goes to the non-displayed memory, EOC swaps the two, EDM and ENM erase
one), roll-up (RU2/RU3/RU4: text goes to the base row on screen, CR scrolls the
window up) and paint-on (RDC: text goes straight to the screen). It reads
what ttconv's SCC reader reads, and times the captions as it does:

- a pop-on caption lasts from its EOC to the next EOC or EDM;
- a roll-up row is on screen from the CR (or the RU code) before it, with the
  text that row receives up to the next CR; after an EDM, the next state
  starts when something is written on screen;
- paint-on text shows a word at a time: a new state of the screen at each PAC,
  each mid-row code and each word boundary (a pair of characters that starts
  or ends with a space); a PAC in paint-on clears its row first;

each state of the screen is one cue (a state with the same text as the one
before it extends it, but a pop-on caption sent twice stays two cues; an empty
screen is no cue). An RU code after pop-on or paint-on captions clears the
screen (CEA-608; ttconv clears it at the next CR or EDM). A caption still shown when the
file ends lasts 10 seconds. A control code sent twice in a row (the usual
redundancy) acts once. Text is read from rows of any length (the screen holds
32 columns; files with longer rows exist) up to 128 columns.

Cue text: the rows that hold text, top to bottom, each without the spaces at
its ends and with runs of spaces as one (columns place text on the screen; the
model has no columns); italics and underline from PACs and mid-row codes as
``<i>``/``<u>`` (colours, flash and backgrounds are not kept). A cue whose rows
are all in the upper half of the screen (rows 1 to 7) gets
``style={"position": "top"}``.

Repairs, each reported once with a count: bytes without odd parity (read by
their 7 bits, as ttconv reads them: SCC files are written by programs, and
some write no parity bit at all), code words that are not
four hex digits, unknown codes (as ttconv, read as codes of another channel:
the text after them is skipped up to the next code of the channel), lines that
are not timecode lines, drop-frame labels that drop frame skips, timecodes
earlier than the line before (read from where the line before ended), rows
longer than 128 columns. A timecode with a field out of range is a ReadError.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ...errors import ReadError
from ...markup import Repairs
from ...model import Cue, Metadata, Transcript
from ...textio import decode
from ...timecode import FrameRate
from . import codes

__all__ = ["RATE", "describe_file", "read", "sniff"]

RATE = FrameRate(30000, 1001)
"""SCC files are 29.97 frames a second; a code word takes one frame."""
LAST_CAPTION_MS = 10_000
"""How long a caption still on screen when the file ends lasts (as ttconv's SRT output has it)."""
MAX_COLUMNS = 128
"""Columns a row may take (the screen has 32; longer rows are read, up to this)."""
TOP_ROWS = 7
"""A cue whose rows are all 1..TOP_ROWS is at the top of the picture."""

_HEADER = "Scenarist_SCC"
_LINE = re.compile(r"(\d\d)([:;.,])(\d\d)([:;.,])(\d\d)([:;.,])(\d\d)(?:[ \t]+(.*))?\Z")
_WORD = re.compile(r"[0-9A-Fa-f]{4}\Z")
_SNIFF_LINE = re.compile(r"\d\d[:;.,]\d\d[:;.,]\d\d[:;.,]\d\d[ \t]+[0-9A-Fa-f]{4}(?:[ \t]+[0-9A-Fa-f]{4})*[ \t]*\Z")

ITALIC, UNDERLINE = 1, 2
Cell = tuple[str, int]
"""A character on screen and its style bits (ITALIC | UNDERLINE)."""
Snapshot = tuple[tuple[int, str], ...]
"""The screen as cue text: (row, text with <i>/<u>) of the rows holding text, top to bottom."""


def sniff(text: str) -> bool:
    """The header ``Scenarist_SCC``, or (as ttconv reads files without it) a first line of a timecode
    and code words."""
    head = text[:4000]
    if len(text) > len(head):
        head = head[:max(head.rfind(" "), head.rfind("\n"))]  # no word cut in two
    for line in head.lstrip("\ufeff").splitlines():
        line = line.strip()
        if line:
            return line.startswith(_HEADER) or _SNIFF_LINE.match(line) is not None
    return False


# --- the screen ------------------------------------------------------------------------------

class _Memory:
    """One caption memory: rows 1..15 of cells (None: nothing there) and a cursor."""

    __slots__ = ("rows", "row", "col")

    def __init__(self) -> None:
        self.rows: dict[int, list[Cell | None]] = {}
        self.row = 15
        self.col = 0

    def clear(self) -> None:
        self.rows = {}

    def put(self, char: str, style: int, repairs: Repairs, line: int) -> None:
        cells = self.rows.get(self.row)
        if cells is None:
            cells = self.rows[self.row] = []
        col = self.col
        if col >= MAX_COLUMNS:
            repairs.add(f"characters past column {MAX_COLUMNS} of a row written over its last column", line)
            col = MAX_COLUMNS - 1
        if col >= len(cells):
            cells.extend([None] * (col + 1 - len(cells)))
        cells[col] = (char, style)
        self.col = col + 1

    def backspace(self) -> None:
        if self.col > 0:
            self.col -= 1
            cells = self.rows.get(self.row)
            if cells is not None and self.col < len(cells):
                cells[self.col] = None

    def delete_to_end(self) -> None:
        cells = self.rows.get(self.row)
        if cells is not None:
            del cells[self.col:]

    def snapshot(self) -> Snapshot:
        return tuple((row, text) for row in sorted(self.rows) if (text := _row_text(self.rows[row])))


def _row_text(cells: list[Cell | None]) -> str:
    """A row as a line of cue text (see the module docstring)."""
    if not any(cell is not None and cell[1] for cell in cells):
        return " ".join("".join(" " if cell is None else cell[0] for cell in cells).split())
    chars = [" " if cell is None else cell[0] for cell in cells]
    styles = [0 if cell is None else cell[1] for cell in cells]
    # A space takes the style its neighbours share, so tags close before spaces and open after them.
    last = len(chars)
    previous = 0
    for i in range(last):
        if chars[i] == " ":
            following = next((styles[j] for j in range(i + 1, last) if chars[j] != " "), 0)
            styles[i] = previous & following
        else:
            previous = styles[i]
    out: list[str] = []
    open_style = 0
    space = False
    for char, style in zip(chars, styles, strict=True):
        if char == " ":
            if out:
                space = True
            continue
        if style != open_style:
            if open_style & UNDERLINE and (not style & UNDERLINE or (open_style ^ style) & ITALIC):
                out.append("</u>")
                open_style &= ~UNDERLINE
            if open_style & ITALIC and not style & ITALIC:
                out.append("</i>")
                open_style &= ~ITALIC
        if space:
            out.append(" ")
            space = False
        if style != open_style:
            if style & ITALIC and not open_style & ITALIC:
                out.append("<i>")
            if style & UNDERLINE and not open_style & UNDERLINE:
                out.append("<u>")
            open_style = style
        out.append(char)
    if open_style & UNDERLINE:
        out.append("</u>")
    if open_style & ITALIC:
        out.append("</i>")
    return "".join(out)


class _Decoder:
    """CEA-608 caption decoding of one channel; the states of the screen, with their times in frames."""

    def __init__(self, repairs: Repairs) -> None:
        self.repairs = repairs
        self.displayed = _Memory()
        self.hidden = _Memory()
        self.mode = "pop-on"
        self.modes_used: set[str] = set()
        self.depth = 2
        self.style = 0
        self.text_mode = False  # after TR/RTD: the text service, not captions
        self.segment_start: int | None = None
        self.segment_caption = False  # the segment starts with a pop-on caption (EOC)
        self.fresh = False  # nothing written on screen since the last boundary
        self.states: list[tuple[int, int, Snapshot, bool]] = []
        self.line = 0

    # A new state of the screen from frame ``t``: the state so far (from the last boundary) ends there.
    def boundary(self, t: int, caption: bool = False, erase: bool = False) -> None:
        """``caption``: a pop-on caption starts (EOC); ``erase``: EDM, after which the next segment starts when
        something is written on screen (as ttconv starts it)."""
        start = self.segment_start
        self.fresh = erase
        if start is not None and t <= start:
            self.segment_caption |= caption
            return
        if start is not None:
            state = self.displayed.snapshot()
            if state:
                self.states.append((start, t, state, self.segment_caption))
        self.segment_start = t
        self.segment_caption = caption

    def writing(self, t: int) -> None:
        """Something is written on screen at ``t``: a segment that began on an empty screen begins now."""
        self.fresh = False
        if self.segment_start is not None and t > self.segment_start and not any(
                any(cells) for cells in self.displayed.rows.values()):
            self.segment_start = t

    def finish(self) -> None:
        start = self.segment_start
        if start is not None:
            state = self.displayed.snapshot()
            if state:
                self.states.append((start, -1, state, self.segment_caption))

    @property
    def target(self) -> _Memory:
        return self.hidden if self.mode == "pop-on" else self.displayed

    def text(self, chars: str, t: int) -> None:
        if self.text_mode:
            return
        self.modes_used.add(self.mode)
        paint = self.mode == "paint-on"
        if paint and chars[0] == " ":
            self.boundary(t)
        if self.fresh and self.mode != "pop-on":
            self.writing(t)
        target = self.target
        for char in chars:
            target.put(char, self.style, self.repairs, self.line)
        if paint and chars[-1] == " " and chars[0] != " ":
            self.boundary(t)

    def extended(self, char: str, t: int) -> None:
        if self.text_mode:
            return
        self.target.backspace()  # over the fall-back character sent before it
        self.text(char, t)

    def control(self, name: str, t: int) -> None:
        if name in ("RCL", "RDC", "RU2", "RU3", "RU4"):
            self.text_mode = False
        elif name in ("TR", "RTD"):
            self.text_mode = True
            return
        elif self.text_mode:
            return
        if name == "RCL":
            self.mode = "pop-on"
        elif name == "RDC":
            self.mode = "paint-on"
        elif name in ("RU2", "RU3", "RU4"):
            self.depth = int(name[2])
            if self.mode != "roll-up":
                self.boundary(t)
                self.displayed.clear()
                self.hidden.clear()
                self.mode = "roll-up"
                self.displayed.row, self.displayed.col = 15, 0
            else:
                self._keep_window()
        elif name == "EOC":
            self.boundary(t, caption=True)
            self.displayed, self.hidden = self.hidden, self.displayed
        elif name == "EDM":
            self.boundary(t, erase=True)
            self.displayed.clear()
        elif name == "ENM":
            self.hidden.clear()
        elif name == "CR":
            if self.mode == "roll-up":
                self.boundary(t, erase=self.fresh)  # after EDM, a CR leaves the screen empty
                self._roll()
        elif name == "BS":
            self.target.backspace()
        elif name == "DER":
            self.target.delete_to_end()

    def _roll(self) -> None:
        memory = self.displayed
        base = memory.row
        top = max(base - self.depth + 1, 1)  # a window cannot reach above row 1
        rows = {row - 1: cells for row, cells in memory.rows.items() if top < row <= base}
        memory.rows = rows
        memory.col = 0

    def _keep_window(self) -> None:
        memory = self.displayed
        top = memory.row - self.depth + 1
        memory.rows = {row: cells for row, cells in memory.rows.items() if top <= row <= memory.row}

    def pac(self, pac: codes.Pac, t: int) -> None:
        if self.text_mode:
            return
        self.style = (ITALIC if pac.italic else 0) | (UNDERLINE if pac.underline else 0)
        if self.fresh and self.mode == "roll-up":
            self.writing(t)
        if self.mode == "roll-up":
            memory = self.displayed
            if pac.row != memory.row:
                shift = pac.row - memory.row
                memory.rows = {row + shift: cells for row, cells in memory.rows.items() if 1 <= row + shift <= 15}
                memory.row = pac.row
                self._keep_window()
            memory.col = pac.indent
            return
        if self.mode == "paint-on":
            self.boundary(t)
            self.displayed.rows.pop(pac.row, None)
        target = self.target
        target.row, target.col = pac.row, pac.indent

    def mid_row(self, italic: bool, underline: bool, t: int) -> None:
        if self.text_mode:
            return
        if self.mode == "paint-on":
            self.boundary(t)
        if self.fresh and self.mode != "pop-on":
            self.writing(t)
        self.target.put(" ", self.style & ITALIC, self.repairs, self.line)
        self.style = (ITALIC if italic else 0) | (UNDERLINE if underline else 0)

    def tab(self, columns: int) -> None:
        if not self.text_mode:
            target = self.target
            target.col = min(target.col + columns, MAX_COLUMNS)


# --- the file --------------------------------------------------------------------------------

def _timecode_lines(text: str, repairs: Repairs) -> Iterator[tuple[int, int, list[str]]]:
    """(line number, frame of the first word, the words) of each timecode line."""
    header_seen = False
    for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        match = _LINE.match(line)
        if match is None:
            if not header_seen and line.startswith(_HEADER):
                header_seen = True
                continue
            repairs.add("line that is not a timecode and code words ignored", number, f": {line[:40]!r}")
            continue
        header_seen = True
        yield number, _frame(match, number, repairs), (match.group(8) or "").split()


def _frame(match: re.Match[str], number: int, repairs: Repairs) -> int:
    hours, minutes, seconds, frames = (int(match.group(i)) for i in (1, 3, 5, 7))
    drop = any(match.group(i) != ":" for i in (2, 4, 6))
    label = match.group(0).split()[0] if match.group(0) else ""
    if minutes > 59 or seconds > 59 or frames >= RATE.base:
        raise ReadError(f"timecode {label[:11]} is out of range (minutes and seconds 0-59, frames 0-29)",
                        line=number)
    if drop and seconds == 0 and frames < RATE.drop and minutes % 10:
        repairs.add("drop-frame label that drop frame skips read as the frame before it", number, f": {label[:11]}")
        return RATE.from_smpte(hours, minutes, seconds, RATE.drop, True) - (RATE.drop - frames)
    return RATE.from_smpte(hours, minutes, seconds, frames, drop)


@dataclass
class _Found:
    """What an SCC file holds besides the channel decoded."""

    lines: int = 0
    """Timecode lines."""
    channels: set[int] = field(default_factory=set)
    """The caption channels whose codes it carries (1: CC1, 2: CC2)."""


def _decode(text: str, channel: int, repairs: Repairs) -> tuple[_Decoder, _Found]:
    """Decode ``channel`` (1 or 2) of an SCC file; also what the file holds (for ``describe_file``)."""
    if channel not in (1, 2):
        raise ReadError(f"channel {channel}: SCC files carry CC1 and CC2 (channels 1 and 2)")
    decoder = _Decoder(repairs)
    wanted = 0x08 if channel == 2 else 0x00
    found = _Found()
    channels_seen = found.channels
    previous: int | None = None  # the last code word acted on (a repeat of a code is skipped once)
    on_channel = True  # the data channel is the one read (a code of another channel turns it off)
    last_stamp = -1
    resume = 0  # the frame after the last word of the line before
    special, extended_chars, control_names = codes.SPECIAL_BY_CODE, codes.EXTENDED_BY_CODE, codes.CONTROL_NAMES
    basic = codes.BASIC_BY_CODE
    parity = _ODD
    for number, stamp, words in _timecode_lines(text, repairs):
        found.lines += 1
        if stamp < last_stamp:
            repairs.add("timecode earlier than the line before: its words read from where that line ended", number)
            stamp = max(stamp, resume)
        last_stamp = stamp
        decoder.line = number
        t = stamp - 1
        for word in words:
            t += 1
            if len(word) != 4 or _WORD.match(word) is None:
                repairs.add("code word that is not four hex digits skipped", number, f": {word[:12]!r}")
                continue
            value = int(word, 16)
            b1, b2 = value >> 8, value & 0xFF
            if not (parity[b1] and parity[b2]):
                repairs.add("code words with bytes without odd parity read by their 7 bits", number, f": {word}")
            b1 &= 0x7F
            b2 &= 0x7F
            value = b1 << 8 | b2
            if value == previous and 0x10 <= b1 <= 0x1F:
                previous = None
                continue
            if value == 0:
                continue
            if b1 < 0x20:
                kind = _classify(b1, b2)
                if kind is None:
                    repairs.add("unknown code word: the text after it skipped up to the next code of the channel",
                                number, f": {word}")
                    on_channel = False
                    continue
                channels_seen.add(2 if b1 & 0x08 else 1)
                if kind == "field2" or b1 & 0x08 != wanted:
                    on_channel = False
                    continue
                on_channel = True
                first = b1 & 0x17
                if kind == "control":
                    decoder.control(control_names[b2], t)
                elif kind == "tab":
                    decoder.tab(b2 - 0x20)
                elif kind == "pac":
                    pac = codes.decode_pac(b1, b2)
                    assert pac is not None
                    decoder.pac(pac, t)
                elif kind == "mid-row":
                    decoder.mid_row(b2 & 0x0E == 0x0E, bool(b2 & 1), t)
                elif kind == "special":
                    decoder.text(special[b2].replace(codes.TRANSPARENT_SPACE, " "), t)
                elif kind == "extended":
                    decoder.extended(extended_chars[first, b2], t)
                # "attribute": backgrounds, black text and character sets are not kept
            else:
                if not on_channel:
                    continue
                if b2 and b2 < 0x20:
                    repairs.add("unknown code word: the text after it skipped up to the next code of the channel",
                                number, f": {word}")
                    b2 = 0
                decoder.text(basic[b1] + basic[b2] if b2 else basic[b1], t)
            previous = value
        resume = t + 1
    decoder.finish()
    return decoder, found


_ODD = [codes.parity_ok(byte) for byte in range(256)]


def _classify(b1: int, b2: int) -> str | None:
    """What a 7-bit pair with a first byte below 0x20 is (either channel), or None for no code."""
    first = b1 & 0x17
    if b1 < 0x10:
        return None
    if 0x40 <= b2 <= 0x7F:
        return "pac" if codes.decode_pac(b1, b2) is not None else None
    if first == 0x14 and 0x20 <= b2 <= 0x2F:
        return "control"
    if first == 0x15 and 0x20 <= b2 <= 0x2F:
        return "field2"
    if first == 0x17:
        if 0x21 <= b2 <= 0x23:
            return "tab"
        if 0x24 <= b2 <= 0x2A or 0x2D <= b2 <= 0x2F:
            return "attribute"
        return None
    if first == 0x11:
        return "mid-row" if b2 <= 0x2F else ("special" if b2 <= 0x3F else None)
    if first in (0x12, 0x13) and 0x20 <= b2 <= 0x3F:
        return "extended"
    if first == 0x10 and 0x20 <= b2 <= 0x2F:
        return "attribute"
    return None


def _cues(decoder: _Decoder) -> list[Cue]:
    cues: list[Cue] = []
    last_end = None
    ms = RATE.ms
    for start, end, state, caption in decoder.states:
        lines = [text for _, text in state]
        style = {"position": "top"} if state[-1][0] <= TOP_ROWS else None
        if not caption and start == last_end and cues and cues[-1].lines == lines and cues[-1].style == style:
            cue = cues[-1]
            cue.end = ms(end) if end >= 0 else ms(start) + LAST_CAPTION_MS
        else:
            start_ms = ms(start)
            cues.append(Cue(start_ms, ms(end) if end >= 0 else start_ms + LAST_CAPTION_MS, lines, style=style))
        last_end = end
    return cues


def read(text: str, *, channel: int | None = None) -> Transcript:
    """The captions of ``channel`` (1: CC1; 2: CC2) as cues. None: CC1, or CC2 when the file
    carries CC2 alone; a channel the file does not carry is a ReadError naming those it does."""
    repairs = Repairs()
    decoder, found = _decode(text, channel or 1, repairs)
    if not found.lines:
        raise ReadError("no SCC line (a timecode such as 00:00:01:00, a TAB, then code words such as 9420) found")
    carried = found.channels
    if carried and (channel or 1) not in carried:
        if channel is not None or carried != {2}:
            listed = " and ".join(f"CC{number}" for number in sorted(carried))
            raise ReadError(f"no CC{channel or 1} captions: the file carries {listed}",
                            hint=f"--channel {min(carried)} reads CC{min(carried)}")
        repairs = Repairs()
        decoder, found = _decode(text, 2, repairs)
    repairs.report()
    return Transcript(cues=_cues(decoder), metadata=Metadata(source="scc"))


def describe_file(data: bytes) -> list[tuple[str, str]]:
    """Frame rate and timecodes, channels, caption modes and languages; for ``scribekit info``."""
    text = decode(data)
    rows: list[tuple[str, str]] = []
    stamps = [line.split(None, 1)[0] for line in text.splitlines() if _LINE.match(line.strip())]
    drop = sum(1 for stamp in stamps if ";" in stamp or "." in stamp or "," in stamp)
    timecodes = ("drop frame" if drop == len(stamps) else "non-drop frame" if not drop
                 else f"drop frame ({drop} lines) and non-drop frame ({len(stamps) - drop} lines)")
    rows.append(("frame rate", f"29.97, {timecodes} timecodes"))
    repairs = Repairs()
    decoder, found = _decode(text, 1, repairs)
    channels = found.channels
    rows.append(("channels", ", ".join(f"CC{c}" for c in sorted(channels)) or "none"))
    rows.append(("caption modes (CC1)", _modes(decoder)))
    if 2 in channels:
        decoder2, _ = _decode(text, 2, Repairs())
        rows.append(("caption modes (CC2)", _modes(decoder2)))
        rows.append(("cues (CC2)", str(len(_cues(decoder2)))))
    rows.append(("languages", "none stated (CEA-608 captions carry no language)"))
    return rows


def _modes(decoder: _Decoder) -> str:
    """The caption modes a channel used, in the order pop-on, roll-up, paint-on."""
    return ", ".join(mode for mode in ("pop-on", "roll-up", "paint-on") if mode in decoder.modes_used) or "none"
