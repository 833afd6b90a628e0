"""EBU STL's Text and Timing Information (TTI) blocks: 128 bytes a subtitle.

A block holds the subtitle's number (SN), its extension block number (EBN: FF
for the last or only block), the in and out timecodes (TCI, TCO: hours,
minutes, seconds, frames, a byte each), the vertical position (VP, the
teletext row of its first row), the justification (JC), the comment flag (CF)
and 112 bytes of text field (TF), padded with 8F. A subtitle whose text is
longer takes several blocks, cut at a line break or a space.

In the text field, 8A breaks the line; 80/81 turn italics on and off and
82/83 underline. Teletext rows are ``0D 0B 0B text 0A 0A`` (double height,
boxed), separated by ``8A 8A``, and take 40 columns: 35 characters and the 5
codes. Control codes take the place of a space, as teletext shows them.
"""
from __future__ import annotations

import re
import struct
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import chain, cycle, islice, repeat
from operator import attrgetter

from ...errors import WriteError, cue_list, replacements_list, row_counts_list, warn
from ...markup import ASS_OVERRIDE, ITALIC_OPEN, MARKUP_TAG, Repairs, cue_text, shown_at_top
from ...model import Cue
from ...timecode import FrameRate
from . import charsets, gsi

__all__ = ["JUSTIFICATIONS", "MAX_BLOCKS_A_SUBTITLE", "MAX_ROWS", "SIZE", "TELETEXT_COLUMNS",
           "TELETEXT_TEXT_COLUMNS", "TF_SIZE", "BlockRepairs", "Problems", "Texts", "block_count", "encode",
           "encode_texts", "frames", "read", "report"]

SIZE = 128
TF_SIZE = 112
MAX_ROWS = 23
TELETEXT_COLUMNS = 40
TELETEXT_TEXT_COLUMNS = TELETEXT_COLUMNS - 5  # 0D 0B 0B before the text, 0A 0A after it
MAX_BLOCKS_A_SUBTITLE = 0xEF + 2
"""Extension block numbers (EBN) 00..EF, then FF for the last: F0..FD are reserved and FE is user
data, which readers skip, so a subtitle cannot take more blocks without losing text."""

JUSTIFICATIONS = {"none": 0, "left": 1, "centre": 2, "center": 2, "right": 3}
"""Justification code (JC) by name."""

_OPEN_BREAK = b"\x8a"
_ITALIC_ON, _ITALIC_OFF = 0x80, 0x81

BLOCK = struct.Struct("<BHBB4B4BBBB112s")  # SGN SN EBN CS TCI(h m s f) TCO(h m s f) VP JC CF TF
_TTI_WRITE = struct.Struct("<xHBxIIBBx112s")  # SGN, CS and CF 0; TCI and TCO each one number (see _timecodes)


def block_count(data: bytes) -> tuple[int, int]:
    """How many whole TTI blocks follow the header of ``data``, and the bytes of a cut one after them."""
    return divmod(len(data) - gsi.SIZE, SIZE)


# --- writing ---------------------------------------------------------------------------------

@dataclass
class Problems:
    """What the writer found, by cue number, reported together at the end."""

    unencodable: dict[str, list[int]] = field(default_factory=dict)
    transliterated: dict[str, tuple[str, list[int]]] = field(default_factory=dict)
    too_many_rows: list[tuple[int, int]] = field(default_factory=list)
    before_zero: list[int] = field(default_factory=list)
    past_midnight: list[int] = field(default_factory=list)
    wide_rows: list[int] = field(default_factory=list)
    dropped_italics: list[int] = field(default_factory=list)


def report(problems: Problems, table: str, rate: FrameRate) -> None:
    """Raise the errors and give the warnings the writer collected."""
    if problems.unencodable:
        chars = list(problems.unencodable.items())
        listed = "; ".join(f"{char!r} (U+{ord(char):04X}) in {cue_list(numbers, 3)}" for char, numbers in chars[:4])
        if len(chars) > 4:
            cues = len(set().union(*(numbers for _, numbers in chars)))
            listed += f"; {len(chars) - 4} more characters ({len(chars)} in all, in {cues} cues)"
        scripts = "" if len(chars) <= 4 else " (the text mixes scripts; a table holds one besides Latin)"
        raise WriteError(f"EBU STL character table {table} ({charsets.TABLES[table][0]}) has no code for "
                         f"{listed}{scripts}",
                         hint='pass stl_unsupported="transliterate" to write the closest characters it has')
    if problems.too_many_rows:
        listed = row_counts_list(problems.too_many_rows)
        raise WriteError(f"EBU STL shows at most {MAX_ROWS} rows a subtitle: {listed}",
                         hint="re-cut with max_rows=")
    if problems.past_midnight:
        raise WriteError("times past 23:59:59, the last timecode EBU STL holds, in "
                         f"{cue_list(problems.past_midnight)}", hint="use an earlier start_timecode=")
    if problems.transliterated:
        warn(f"EBU STL character table {table} has no code for some characters, written as: "
             f"{replacements_list(problems.transliterated)}")
    if problems.before_zero:
        warn(f"times before the start timecode in {cue_list(problems.before_zero)}; written as {rate.format(0)}")
    if problems.wide_rows:
        warn(f"rows longer than the {TELETEXT_TEXT_COLUMNS} characters a {TELETEXT_COLUMNS}-column teletext row "
             f"holds besides its control codes in {cue_list(problems.wide_rows)}; decoders may cut them "
             f"(re-cut with max_chars_per_row={TELETEXT_TEXT_COLUMNS})")
    if problems.dropped_italics:
        warn(f"teletext has no italics: <i> dropped in {cue_list(problems.dropped_italics)}")


@dataclass
class Texts:
    """The cues' text fields, and what the rest of the file needs to know of them."""

    fields: list[bytes]
    """Each cue's text, laid out and encoded; padded to a block's 112 bytes, or longer (extension blocks)."""
    table: str
    """The character code table (CCT) they are in."""
    breaks: list[int]
    """Each cue's line breaks: a row fewer than it has (one for no text)."""
    longest: int
    """Characters of the longest row, markup left out."""
    tops: list[int] = field(default_factory=list)
    """The cues shown at the top of the picture (``markup.shown_at_top``), by index: VP 1."""


_LINES = attrgetter("lines")
_OPEN_LAYOUT = (b"", _OPEN_BREAK, b"")
# Teletext: each row boxed (0B 0B .. 0A 0A) in double height (0D), so taking two screen rows (8A 8A);
# more rows than fit so are written in single height (see encode_texts).
_TELETEXT_LAYOUT = (b"\x0d\x0b\x0b", b"\x0a\x0a\x8a\x8a\x0d\x0b\x0b", b"\x0a\x0a")


def encode_texts(cues: list[Cue], teletext: bool, requested_table: str, transliterate: bool,
                 problems: Problems) -> Texts:
    """Markup STL cannot keep taken out, text encoded in the table, rows joined by the mode's codes.

    Line lengths (for MNC, the longest row, and to find empty lines) are counted without a loop in Python.
    """
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
    table, careful = charsets.choose_table(everything, requested_table)
    del everything
    if careful:
        texts = [text.replace("\t", " ") for text in texts]
    breaks = list(map(str.count, texts, repeat("\n")))
    if breaks and max(breaks) >= MAX_ROWS:
        problems.too_many_rows.extend((number, n + 1) for number, n in enumerate(breaks, 1) if n >= MAX_ROWS)
    if teletext and longest > TELETEXT_TEXT_COLUMNS:
        problems.wide_rows.extend(number for number, text in enumerate(texts, 1) if len(text) > TELETEXT_TEXT_COLUMNS
                                  and max(map(len, text.split("\n"))) > TELETEXT_TEXT_COLUMNS)
    encode = charsets.encoder(table)
    datas = _encode_all(texts, italics, encode, careful, transliterate, problems,
                        _TELETEXT_LAYOUT if teletext else _OPEN_LAYOUT)
    if teletext and (max(breaks, default=0) >= MAX_ROWS // 2 or not all(texts)):
        for index, text in enumerate(texts):  # no text, no box; many rows, single height
            if not text:
                datas[index] = b"\x8f" * TF_SIZE
            elif breaks[index] >= MAX_ROWS // 2:  # 0D 0B 0B row 0A 0A 8A 8A 0D 0B 0B row .. -> 0B 0B row 0A 0A 8A ..
                laid_out = datas[index].rstrip(b"\x8f")[1:]
                datas[index] = laid_out.replace(b"\x8a\x8a\x0d", b"\x8a").ljust(TF_SIZE, b"\x8f")
    tops = [index for index, cue in enumerate(cues)
            if (cue.style is not None or (cue.lines and "{" in cue.lines[0])) and shown_at_top(cue.style, cue.lines)]
    return Texts(datas, table, breaks, longest, tops)


def _plain(text: str, teletext: bool, number: int, problems: Problems) -> tuple[str, bool]:
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
                transliterate: bool, problems: Problems, layout: tuple[bytes, bytes, bytes]) -> list[bytes]:
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
            if careful and charsets.CONTROL.search(text):
                raise UnicodeEncodeError("stl", text, 0, 1, "a control character")
            data = _encode_styled(text, encode) if styled else encode(text)
        except UnicodeEncodeError:
            if not transliterate:
                for char in charsets.missing(MARKUP_TAG.sub("", text) if styled else text, encode):
                    problems.unencodable.setdefault(char, []).append(number)
                out.append(b"")
                continue
            text, replaced = charsets.transliterate(text, encode)
            for char, replacement in replaced.items():
                problems.transliterated.setdefault(char, (replacement, []))[1].append(number)
            data = _encode_styled(text, encode) if styled else encode(text)
        out.append((first + data.replace(b"\n", between) + last).ljust(TF_SIZE, b"\x8f"))
    return out


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


def frames(cues: list[Cue], rate: FrameRate, tcp: int, drop: bool, problems: Problems) -> tuple[list[int], list[int]]:
    """The cues' in and out frames from the start timecode ``tcp``, within the 24 hours a timecode holds;
    as their labels number them when ``drop``."""
    numerator, scale = rate.numerator, rate.denominator * 1000
    half = scale // 2
    starts = [tcp + (cue.start * numerator + half) // scale for cue in cues]
    ends = [tcp + (cue.end * numerator + half) // scale for cue in cues]
    if starts:
        earliest = min(min(starts), min(ends))
        if earliest < 0:  # pragma: no mutate (equivalent: a shortcut past the search below, which finds none at 0)
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
    return starts, ends


# Bytes 2 and 3 (minutes, seconds) of a TCI/TCO field read as a little-endian number, by second of the hour.
_MINUTES_SECONDS = [(second // 60) << 8 | (second % 60) << 16 for second in range(3600)]


def _timecodes(frames: list[int], base: int) -> list[int]:
    """Frame counts as TCI/TCO fields (hours, minutes, seconds, frames bytes) read as little-endian numbers."""
    hour = 3600 * base
    table = _MINUTES_SECONDS
    return [f // hour | table[f % hour // base] | (f % base) << 24 for f in frames]


def _vertical_position(rows: int) -> int:
    """Teletext row of a subtitle's first row, its last row at the bottom (rows 22-23 in double height)."""
    if rows <= MAX_ROWS // 2:
        return MAX_ROWS + 1 - 2 * max(rows, 1)
    return MAX_ROWS + 1 - rows


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


def encode(texts: Texts, starts: list[int], ends: list[int], justification: int, base: int) -> list[bytes]:
    """The blocks: one per cue, or several when its text is longer than one holds. ``starts`` and
    ``ends`` are frame labels, ``base`` the frames a timecode's second counts."""
    datas = texts.fields
    positions = [_vertical_position(n + 1) for n in range(MAX_ROWS)]  # by line breaks
    numbers = list(islice(cycle(range(0x10000)), 1, len(datas) + 1))  # SN: 1, 2, ... 65535, 0, 1, ...
    vertical = list(map(positions.__getitem__, texts.breaks))
    for index in texts.tops:
        vertical[index] = 1
    columns = (numbers, _timecodes(starts, base), _timecodes(ends, base), vertical)
    pack = _TTI_WRITE.pack
    if not datas or max(map(len, datas)) == TF_SIZE:
        return [pack(number, 0xFF, start, end, position, justification, data)
                for number, start, end, position, data in zip(*columns, datas)]
    blocks: list[bytes] = []
    too_long: list[tuple[int, int]] = []
    for cue_number, (number, start, end, position, data) in enumerate(zip(*columns, datas), 1):
        pieces = _split_text(data, texts.table == "00") if len(data) > TF_SIZE else [data]
        if len(pieces) > MAX_BLOCKS_A_SUBTITLE:
            too_long.append((cue_number, len(pieces)))
            continue
        blocks.extend(pack(number, 0xFF if index == len(pieces) - 1 else index, start, end, position,
                           justification, piece.ljust(TF_SIZE, b"\x8f")) for index, piece in enumerate(pieces))
    if too_long:
        listed = ", ".join(f"cue {cue_number} needs {count}" for cue_number, count in too_long[:8])
        more = f" and {len(too_long) - 8} more cues" if len(too_long) > 8 else ""
        raise WriteError(f"an EBU STL subtitle takes at most {MAX_BLOCKS_A_SUBTITLE} TTI blocks of "
                         f"{TF_SIZE} bytes of text (extension block numbers 00-EF, then FF): {listed}{more}",
                         hint="re-cut with max_chars_per_subtitle=")
    return blocks


# --- reading ---------------------------------------------------------------------------------

class BlockRepairs(Repairs):
    """Repairs reported by TTI block number instead of line number (0: the header)."""

    def report(self) -> None:
        for message, (block, count, example) in sorted(self.found.items(), key=lambda item: item[1][0]):
            more = f" (and {count - 1} more like it)" if count > 1 else ""
            warn(f"TTI block {block}: {message}{example}{more}" if block else f"{message}{example}{more}")


def in_out_frames(timing: Sequence[int], rate: FrameRate, drop: bool) -> tuple[int, int]:
    """The in and out frames of a block's TCI and TCO bytes (hours, minutes, seconds, frames each);
    ValueError for bytes that are no timecodes at ``rate`` (hours past 23 too)."""
    if timing[0] > 23 or timing[4] > 23:
        raise ValueError("hours past 23")
    return (rate.from_smpte(timing[0], timing[1], timing[2], timing[3], drop),
            rate.from_smpte(timing[4], timing[5], timing[6], timing[7], drop))


def read(data: bytes, header: gsi.Header, repairs: Repairs) -> list[Cue]:
    """The cues of the TTI blocks of ``data``: extension blocks joined, comment (CF 1) and user data
    blocks skipped, times counted from the programme start (TCP)."""
    rate, drop = header.rate, header.drop
    count, partial = block_count(data)
    if partial:
        repairs.add(f"the file ends {partial} bytes into this block, short of its 128; that block is ignored",
                    count + 1)
    if header.blocks is not None and header.blocks != count:
        repairs.add(f"the header says {header.blocks} TTI blocks (TNB) and the file has {count}; "
                    f"all {count} are read", 0)

    # (block number, in-frame, out-frame, text field, vertical position) of every subtitle, extension
    # blocks joined.
    subtitles: list[tuple[int, int, int, bytes, int]] = []
    pending: list[bytes] = []
    pending_block = pending_sn = 0
    timing: tuple[int, ...] = ()
    vertical = 0

    def finish(block: int, text_field: bytes) -> None:
        try:
            start, end = in_out_frames(timing, rate, drop)
        except ValueError:
            repairs.add(f"subtitle skipped: its time code bytes are not in and out timecodes at {rate} frames a "
                        "second", block, f" ({bytes(timing[:4]).hex(' ')} | {bytes(timing[4:]).hex(' ')})")
            return
        subtitles.append((block, start, end, text_field, vertical))

    body = memoryview(data)[gsi.SIZE:gsi.SIZE + count * SIZE]
    for block, values in enumerate(BLOCK.iter_unpack(body), 1):
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
        vertical = values[12]
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
    if offset and subtitles and all(start < offset for _, start, _, _, _ in subtitles):
        repairs.add(f"every subtitle starts before the programme start (TCP {rate.format(offset, drop_frame=drop)}); "
                    "times are "
                    "read from 00:00:00:00", 0)
        offset = 0
    cues: list[Cue] = []
    to_ms = rate.ms
    decode = charsets.decoder(header.table)
    top = {"position": "top"}
    for block, start, end, text_field, vertical in subtitles:
        if start < offset:
            repairs.add(f"subtitle at {rate.format(start, drop_frame=drop)} starts before the programme start "
                        f"(TCP {rate.format(offset, drop_frame=drop)}); skipped", block)
            continue
        if end < start:
            repairs.add("subtitle ends before it starts (kept as it is)", block)
        lines, bad = _text_lines(text_field, decode, header.teletext)
        if bad:
            repairs.add(f"{bad} byte(s) with no character in table {header.table}, read as U+FFFD", block)
        # a first row in the upper half of the 23 teletext rows (VP 1 to 11): at the top
        cues.append(Cue(to_ms(start - offset), to_ms(end - offset), lines,
                        style=dict(top) if 0 < vertical <= MAX_ROWS // 2 else None))
    return cues


_TF_TOKEN = re.compile(rb"[\x20-\x7e\xa0-\xff]+|[\x00-\x1f\x7f-\x9f]")


def _text_lines(field: bytes, decode: Callable[[bytes], tuple[str, int]], teletext: bool) -> tuple[list[str], int]:
    """The lines of a text field with <i>/<u> tags, and how many bytes had no character.

    Control codes are read as the spaces they are on screen, 8A as a line break (in teletext, where
    styles end), 80/81 and 82/83 as ``<i>`` and ``<u>``; 8F ends the text."""
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
