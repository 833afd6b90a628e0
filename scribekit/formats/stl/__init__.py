"""EBU STL (EBU Tech 3264), the binary subtitle format broadcasters exchange.

A file is a 1024-byte General Subtitle Information (GSI) block, then one
128-byte Text and Timing Information (TTI) block per subtitle, or several when
its text is longer than the 112 bytes of one (extension blocks). Facts:
docs/formats.md §5.

This module is the format as the registry sees it (options, reading, writing,
the header for ``scribekit info``); it composes the parts: ``gsi`` (the
header), ``tti`` (the text and timing blocks) and ``charsets`` (the character
code tables: ISO 6937, ISO 8859-5/6/7/8, transliteration).

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
    replaced by the closest text the table holds, with a warning (Cyrillic
    and Greek romanised: ISO 9 and ELOT 743, simplified; see ``charsets``).
    A subtitle takes at most 241 TTI blocks (extension block numbers 00-EF,
    then FF; docs/formats.md §5): a longer one is a WriteError naming it.

    Open subtitles keep italics (0x80/0x81). Control codes are spacing, as
    teletext displays them and EBU-TT (Tech 3360) reads them: an italics code
    takes the place of the space between two words, so a change of style falls
    between words (``<i>Hello</i>,`` is written with the comma in italics).
    Teletext rows are ``0D 0B 0B text 0A 0A`` (double height, boxed), separated
    by ``8A 8A``, and take 40 columns: 35 characters and the 5 codes. Bold,
    underline and font tags are not written. The vertical position (VP) puts
    a subtitle's last row at the bottom, or its first on row 1 for a cue at
    the top (``markup.shown_at_top``); reading, a first row in the upper half
    (VP 1 to 11) is ``style["position"] = "top"``.

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

Retiming (``retime_file``, for `scribekit retime`)
    Only the in and out timecodes of the subtitles' TTI blocks and the
    header's first in-cue (TCF) are rewritten; the header's other fields
    (titles, dates, programme start, ...) and every text byte stay as they were.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from ...errors import OptionError, warn
from ...markup import TextRepairs
from ...model import Cue, Metadata, Transcript
from ...timecode import FrameRate
from .. import describe
from . import charsets, gsi, tti

if TYPE_CHECKING:
    from ...changes import Change
    from ...retime import Retiming

FORMAT = describe(__name__, name="stl", title="EBU STL (Tech 3264)", extensions=("stl",), kind="subtitle",
                  priority=50)

__all__ = ["Options", "describe_file", "read_bytes", "retime_file", "segment_defaults", "sniff_bytes", "write_cues"]


# --- options ---------------------------------------------------------------------------------

def _text_field(code: str, help: str) -> Any:
    size = gsi.TEXT_FIELDS[code]
    return field(default="", metadata={"help": f"{help} (GSI, up to {size} characters)", "gsi": code})


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
    stl_title: str = _text_field("OPT", "original programme title")
    stl_episode: str = _text_field("OET", "original episode title")
    stl_translated_title: str = _text_field("TPT", "translated programme title")
    stl_translated_episode: str = _text_field("TET", "translated episode title")
    stl_translator: str = _text_field("TN", "translator's name")
    stl_translator_contact: str = _text_field("TCD", "translator's contact details")
    stl_reference: str = _text_field("SLR", "subtitle list reference code")
    stl_publisher: str = _text_field("PUB", "publisher")
    stl_editor: str = _text_field("EN", "editor's name")
    stl_editor_contact: str = _text_field("ECD", "editor's contact details")
    stl_country: str = _text_field("CO", "country of origin, ISO 3166 alpha-3 such as FRA")
    stl_revision: int = field(default=0, metadata={"help": "revision number, 0 to 99"})
    stl_creation_date: str | None = field(default=None, metadata={
        "help": "creation date YYYY-MM-DD (default: today)"})

    def __post_init__(self) -> None:
        if self.fps is not None and FrameRate.find(self.fps) not in gsi.DFC_BY_RATE:
            raise OptionError(f"EBU STL has no frame rate code for {self.fps} frames a second",
                              hint="use fps=23.976, 24, 25, 29.97, 30 or 50")
        _choice("stl_mode", self.stl_mode, gsi.DISPLAY_MODES)
        _choice("stl_justification", self.stl_justification, tti.JUSTIFICATIONS)
        _choice("stl_unsupported", self.stl_unsupported, ("error", "transliterate"))
        if self.stl_character_table.lower() not in (*charsets.TABLES, *charsets.TABLE_NAMES, "auto"):
            _choice("stl_character_table", self.stl_character_table, ("auto", *charsets.TABLE_NAMES))
        if self.drop_frame and not self.rate.drop:
            raise OptionError(f"drop_frame: drop-frame timecode exists at 29.97 frames a second (STL30.01), "
                              f"not at {self.rate}")
        if self.start_timecode is not None:
            try:
                self.rate.parse(self.start_timecode, self.drop)
            except ValueError as exc:
                raise OptionError(f"start_timecode: {exc}", hint="e.g. 10:00:00:00") from None
        if self.stl_language is not None and gsi.language_code(self.stl_language) is None:
            raise OptionError(f"stl_language: EBU STL has no code for the language {self.stl_language!r}",
                              hint="a code such as en, fr, de, nl, ru or ar")
        for option, code in _GSI_TEXTS:
            gsi.text_field(getattr(self, option), gsi.TEXT_FIELDS[code], option)
        if not 0 <= self.stl_revision <= 99:
            raise OptionError(f"stl_revision must be 0 to 99, not {self.stl_revision}")
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
            raise OptionError(f"stl_creation_date: {text!r} is not a date", hint="YYYY-MM-DD") from None


_GSI_TEXTS = [(option.name, option.metadata["gsi"]) for option in fields(Options) if "gsi" in option.metadata]
"""(option, GSI code) of the options written to the header's text fields."""


def _choice(flag: str, value: str, allowed: Any) -> None:
    if value.lower() not in allowed:
        raise OptionError(f"{flag} takes {', '.join(allowed)}, not {value!r}")


def segment_defaults(options: Options | None) -> dict[str, Any]:
    """Teletext rows are 40 columns, five of which the row's control codes take."""
    if options is not None and options.teletext:
        return {"max_chars_per_row": tti.TELETEXT_TEXT_COLUMNS}
    return {}


# --- writing ---------------------------------------------------------------------------------

def _writable(cues: list[Cue]) -> list[Cue]:
    """The cues with their text cleaned as every writer cleans it (``markup.TextRepairs``: control
    characters left out, a line end inside a line splits it), except that what would be U+FFFD (a lone
    surrogate, or U+FFFD itself) is written as '?': no EBU STL character table has U+FFFD."""
    repairs = TextRepairs()
    replaced = 0
    out = []
    for cue in cues:
        lines = repairs.lines(cue.lines)
        if any("\ufffd" in line for line in lines):
            replaced += sum(line.count("\ufffd") for line in lines)
            lines = [line.replace("\ufffd", "?") for line in lines]
        out.append(cue if lines is cue.lines else replace(cue, lines=lines))
    repairs.surrogates = 0
    repairs.report()
    if replaced:
        warn(f"{replaced} lone surrogate(s) or U+FFFD written as '?' (no EBU STL character table has U+FFFD)")
    return out


def write_cues(cues: list[Cue], transcript: Transcript, options: Options | None = None) -> bytes:
    """The GSI block and the TTI blocks of ``cues``.

    Written column by column (all texts, then all times, then all blocks): list comprehensions
    over 100,000 cues run well faster than one loop doing everything per cue.
    """
    options = options or Options()
    cues = _writable(cues)
    rate, drop, teletext = options.rate, options.drop, options.teletext
    tcp = rate.parse(options.start_timecode, drop) if options.start_timecode else 0
    problems = tti.Problems()
    texts = tti.encode_texts(cues, teletext, options.stl_character_table,
                             options.stl_unsupported.lower() == "transliterate", problems)
    starts, ends = tti.frames(cues, rate, tcp, drop, problems)
    tti.report(problems, texts.table, rate)
    blocks = tti.encode(texts, starts, ends, tti.JUSTIFICATIONS[options.stl_justification.lower()], rate.base)
    tcp_label = rate.label_number(tcp, drop)
    header = gsi.encode(
        rate=rate, teletext=teletext, table=texts.table,
        language=gsi.language_code(options.stl_language or transcript.metadata.language or "") or "00",
        texts={code: getattr(options, option) for option, code in _GSI_TEXTS},
        created=options.created, revision=options.stl_revision, blocks=len(blocks), subtitles=len(cues),
        columns=tti.TELETEXT_COLUMNS if teletext else max(texts.longest, tti.TELETEXT_COLUMNS), rows=tti.MAX_ROWS,
        tcp=tcp_label, first_in=starts[0] if starts else tcp_label)
    return header + b"".join(blocks)


# --- reading ---------------------------------------------------------------------------------

def sniff_bytes(data: bytes) -> bool:
    """A 1024-byte header whose disk format code (byte 3) reads like STL25.01."""
    return gsi.sniff(data)


def read_bytes(data: bytes, fps: float | None = None) -> list[Transcript]:
    repairs = tti.BlockRepairs()
    header = gsi.read(data, repairs, fps)
    cues = tti.read(data, header, repairs)
    repairs.report()
    return [Transcript(cues=cues, metadata=Metadata(language=header.language, source="stl"))]


def describe_file(data: bytes) -> list[tuple[str, str]]:
    """The GSI fields (label, value), then what the TTI blocks hold; for ``scribekit info``."""
    rows = gsi.labelled(data)
    count, partial = tti.block_count(data)
    rows.append(("TTI blocks in the file", f"{count}" + (f" and {partial} bytes of a cut block" if partial else "")))
    return rows


# --- retiming --------------------------------------------------------------------------------

def retime_file(data: bytes, retiming: Retiming, *, cues: list[Cue] | None = None, encoding: str | None = None,
                fps: float | None = None) -> tuple[bytes, list[Change]] | None:
    """``data`` with the times of its subtitles changed by ``retiming`` (``retime.map_times``, then
    ``retime.retime_cues``) and nothing else: the in and out timecodes of the TTI blocks that
    ``read_bytes`` reads as cues, and the header's first in-cue (TCF). None when the map would take
    a subtitle to end before the programme start: removing it takes the writer."""
    from ...retime import map_times, retime_cues

    header = gsi.read(data, tti.BlockRepairs(), fps)  # its repairs were said when the file was read
    rate, drop, tcp = header.rate, header.drop, header.tcp
    count, _ = tti.block_count(data)
    timed: list[Cue] = []
    blocks: list[list[int]] = []  # the offsets of each cue's blocks (a subtitle's extension blocks share its times)
    previous: tuple[int, tuple[int, ...]] | None = None
    body = memoryview(data)[gsi.SIZE:gsi.SIZE + count * tti.SIZE]
    for block, values in enumerate(tti.BLOCK.iter_unpack(body)):
        offset = gsi.SIZE + block * tti.SIZE
        sn, ebn, timing = values[1], values[2], values[4:12]
        if 0xEF < ebn < 0xFF:
            continue  # user data
        if previous == (sn, timing):
            blocks[-1].append(offset)
            continue
        previous = (sn, timing)
        try:
            start, end = tti.in_out_frames(timing, rate, drop)
        except ValueError:
            previous = None
            continue  # not read as a cue: left as it is
        if start < tcp:
            previous = None
            continue
        timed.append(Cue(rate.ms(start - tcp), rate.ms(end - tcp), []))
        blocks.append([offset])
    mapped = map_times(Transcript(cues=timed), retiming).cues or []
    if len(mapped) != len(timed):
        warn("EBU STL: subtitles that would end before the programme start go, so the file is written anew: "
             "its header fields other than the times come from the writer's options")
        return None
    changes: list[Change] = []
    if retiming.changes_cues:
        mapped, changes = retime_cues(mapped, retiming)
    problems = tti.Problems()
    starts, ends = tti.frames(mapped, rate, tcp, drop, problems)
    tti.report(problems, header.table, rate)
    out = bytearray(data)
    for offsets, start, end in zip(blocks, starts, ends):
        timecodes = bytes(rate.to_smpte(start)) + bytes(rate.to_smpte(end))  # label numbers, as the writer's
        for offset in offsets:
            out[offset + 5:offset + 13] = timecodes
    if starts:
        out[264:272] = "".join(f"{n:02d}" for n in rate.to_smpte(starts[0])).encode("ascii")
    return bytes(out), changes
