"""NVivo transcript rows (written only), for NVivo's "Import transcript" of an audio or video
file: one row per speaker turn (and, with ``timestamps_every``, a new row every N seconds inside a
turn) with the columns NVivo calls Timespan, Content and Speaker::

    Timespan                Content                                     Speaker
    0:00:00.4-0:00:04.2     Good morning, and welcome to the café.      Interviewer
    0:00:08.0-0:00:09.1     Thank you.                                  Léa

What NVivo documents, and what this follows:

- A transcript file is a Word document holding "a table that contains a valid timestamp or
  timespan column, and optionally a speaker's name column (can be in any order)", or text of "tab
  delimited lines with a valid timestamp or timespan. Each line must contain at least one tab
  character—and have the same number of tab characters" (NVivo 12 Windows help, "Import
  transcripts", https://help-nv.qsrinternational.com/12/win/v12.1.90-d3ea61/Content/files/import-audio-video-transcripts.htm).
  DOCX is the default (``nvivo_format="docx"``): a single table, nothing else in the document;
  ``nvivo_format="txt"`` writes the same rows as tab-delimited lines, every line with the same
  number of tabs (tabs and line breaks inside the text become spaces).
- At import the user maps the columns: "You must map one field to Timespan. You must map one field
  to Content", the first row may be a header ("File includes header row"), and a Speaker custom
  field lets NVivo auto-code by speaker (NVivo 9 help, "Import audio or video transcripts",
  https://help-nv9-en.qsrinternational.com/procedures/import_audio_or_video_transcripts.htm). The
  first row here is the header ``Timespan``, ``Content``, ``Speaker``: NVivo's own field names
  (the column names are the user's to map, not mandated).
- A timespan is "Start Time to End Time", the documented example ``0:02:0-0:10:0`` for "from the
  two minute point to the ten minute point" (NVivo 12 Mac help, "Audio and video transcripts",
  https://help-nv.qsrinternational.com/12/mac/v12.1.110-d3ea61/Content/files/audio-video-transcripts.htm);
  "NVivo measures time up to the 10th of a second" and timestamps "must be in chronological order"
  (NVivo 8 help, "Importing transcripts", https://help-nv8-en.qsrinternational.com/Importing_Transcripts.htm).
  Written here as ``h:mm:ss.t-h:mm:ss.t`` (hours not padded, so 100 hours and more work too).

Rounding: a row starts at its first word's start rounded down to the tenth and ends at its last
word's end rounded up, so that the row plays all of its words. Rows follow each other in time and
never overlap: a row whose end (after rounding up) passes the next row's start ends there. When the
turns themselves overlap (speech over speech) or are out of time order, a row's end is moved back
to the next row's start, or a row's start forward to the previous one's, and a warning says how
many rows were changed.

Not verified (nothing in NVivo's documentation says): the encoding NVivo reads a .txt transcript
in. The text is UTF-8 with a byte order mark, the mark by which Windows programs tell UTF-8 from
the system's code page; DOCX, the default, leaves no such question. Also unverified: whether NVivo
treats a double quote in a tab-delimited line as a text qualifier (quotes are written as they are).
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from ..errors import OptionError, warn
from ..model import Transcript
from . import describe
from ._document import ConventionOptions, DocumentOptions, blocks, check_interval, direction, reporting

FORMAT = describe(__name__, name="nvivo", title="NVivo transcript (timespan, content, speaker)",
                  extensions=("nvivo.docx", "nvivo.txt"), kind="document", priority=161)

__all__ = ["COLUMNS", "NVIVO_FORMATS", "Options", "Row", "clock", "output_extension", "rows", "write"]

NVIVO_FORMATS = ("docx", "txt")
COLUMNS = ("Timespan", "Content", "Speaker")
"""The header row: NVivo's names for the transcript fields (Speaker is a custom field)."""


@dataclass(frozen=True)
class Options(ConventionOptions):
    nvivo_format: str = field(default="docx", metadata={
        "help": "docx (a Word table, the default) or txt (tab-delimited text): the transcript files NVivo imports"})
    speakers: bool = field(default=True, metadata={
        "help": "a Speaker column, from which NVivo can code each speaker's turns (default: on)"})
    timestamps_every: float | None = field(default=None, metadata={
        "help": "also a new row every N seconds inside a speaker turn (30s, 60s, ...)", "unit": "seconds"})
    highlights_only: bool = field(default=False, metadata={"help": "only the highlighted passages"})

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.nvivo_format not in NVIVO_FORMATS:
            raise OptionError(f"nvivo_format must be one of {', '.join(NVIVO_FORMATS)}, not {self.nvivo_format!r}")
        check_interval(self.timestamps_every)


def output_extension(options: Options | None = None) -> str:
    """The extension an output of these options is named with: ``nvivo.docx`` or ``nvivo.txt``."""
    return f"nvivo.{(options or Options()).nvivo_format}"


@dataclass(frozen=True)
class Row:
    """One transcript row: its timespan in tenths of a second, its text and its speaker."""

    start: int
    end: int
    content: str
    speaker: str

    @property
    def timespan(self) -> str:
        return f"{clock(self.start)}-{clock(self.end)}"


def clock(tenths: int) -> str:
    """``h:mm:ss.t`` for a time in tenths of a second (NVivo's precision)."""
    seconds, tenth = divmod(max(tenths, 0), 10)
    minutes, second = divmod(seconds, 60)
    hours, minute = divmod(minutes, 60)
    return f"{hours}:{minute:02d}:{second:02d}.{tenth}"


_BREAKS = re.compile("[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def _cell(text: str) -> str:
    """Text that stays in its cell and on its line (blocks() cleaned it already: a safeguard)."""
    return _BREAKS.sub(" ", text).strip()


def rows(transcript: Transcript, options: Options | None = None) -> list[Row]:
    """The rows NVivo gets, in time order and not overlapping (see the module's docstring)."""
    options = options or Options()
    shown = DocumentOptions(timestamps_every=options.timestamps_every, highlights_only=options.highlights_only)
    raw: list[tuple[int, int, str, str]] = []
    for block in blocks(transcript, shown):
        speaker = _cell(block.speaker or "") if options.speakers else ""
        for _, tokens in block.runs:
            text = _cell("".join((" " if t.space else "") + t.text for t in tokens))
            if text:
                raw.append((tokens[0].start, max(t.end for t in tokens), text, speaker))
    out: list[Row] = []
    changed = 0
    first_changed = 0
    previous: tuple[int, int] | None = None  # the last row's start and end, in ms as the words have them
    for start_ms, end_ms, text, speaker in raw:
        start, end = max(start_ms, 0) // 100, -(-max(end_ms, 0) // 100)
        if previous is not None:
            moved = start_ms < previous[0] or previous[1] > start_ms
            if out[-1].start > start:
                start = out[-1].start
            if out[-1].end > start:
                out[-1] = Row(out[-1].start, start, out[-1].content, out[-1].speaker)
            if moved:
                if not changed:
                    first_changed = start
                changed += 1
        out.append(Row(start, max(start, end), text, speaker))
        previous = (start_ms, end_ms)
    if changed:
        warn(f"{changed} NVivo row(s) start before the previous row ends (overlapping speech, or turns out of time "
             f"order): their timespans were shortened or moved so that the rows follow each other, the first at "
             f"{clock(first_changed)}")
    return out


@reporting
def write(transcript: Transcript, options: Options | None = None) -> str | bytes:
    """The transcript as NVivo imports it: a DOCX table (bytes) or tab-delimited UTF-8 text (str)."""
    options = options or Options()
    found = rows(transcript, options)
    if options.nvivo_format == "txt":
        return _text(found, options.speakers)
    return _docx(found, options.speakers, transcript)


def _columns(row: Row, speakers: bool) -> list[str]:
    return [row.timespan, row.content, row.speaker] if speakers else [row.timespan, row.content]


def _text(found: list[Row], speakers: bool) -> str:
    header = list(COLUMNS if speakers else COLUMNS[:2])
    lines = ["\t".join(header), *("\t".join(_columns(row, speakers)) for row in found)]
    return "\ufeff" + "\r\n".join(lines) + "\r\n"


_WIDTHS = {3: (1_463_040, 3_017_520, 1_005_840), 2: (1_463_040, 4_023_360)}
"""Column widths in EMU: 1.6 in for the timespan, 1.1 in for the speaker, the rest for the text."""


def _docx(found: list[Row], speakers: bool, transcript: Transcript) -> bytes:
    import docx
    from docx.oxml.ns import qn
    from lxml.etree import SubElement

    from ._document import document_title

    document = docx.Document()
    properties = document.core_properties
    properties.title = document_title(transcript, DocumentOptions())
    properties.subject = "NVivo transcript"
    properties.author = ""
    properties.comments = "Written by scribekit"
    body = document.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):  # the template's empty paragraph
        body.remove(paragraph)
    header = list(COLUMNS if speakers else COLUMNS[:2])
    table = document.add_table(rows=1, cols=len(header))
    table.style = document.styles["Table Grid"]
    for column, width in zip(table.columns, _WIDTHS[len(header)]):  # the page's 6 inches
        column.width = width
        for cell in column.cells:
            cell.width = width
    tag = {name: qn(f"w:{name}") for name in ("tr", "trPr", "tblHeader", "tc", "p", "pPr", "bidi", "r", "rPr",
                                               "rtl", "b", "t")}
    preserve = "{http://www.w3.org/XML/1998/namespace}space"
    for cell, name in zip(table.rows[0].cells, header):
        cell.paragraphs[0].add_run(name).bold = True
    SubElement(table.rows[0]._tr.get_or_add_trPr(), tag["tblHeader"])  # repeated on every page
    tbl = table._tbl
    for row in found:
        tr = SubElement(tbl, tag["tr"])
        for value in _columns(row, speakers):
            paragraph = SubElement(SubElement(tr, tag["tc"]), tag["p"])
            rtl = direction(value) == "rtl"
            if rtl:
                SubElement(SubElement(paragraph, tag["pPr"]), tag["bidi"])
            run = SubElement(paragraph, tag["r"])
            if rtl:
                SubElement(SubElement(run, tag["rPr"]), tag["rtl"])
            text = SubElement(run, tag["t"])
            text.text = value
            text.set(preserve, "preserve")
    document.add_paragraph()  # Word wants a paragraph after a table
    out = io.BytesIO()
    document.save(out)
    return _fixed_times(out.getvalue())


_EPOCH = (1980, 1, 1, 0, 0, 0)


def _fixed_times(data: bytes) -> bytes:
    """The zip again with every member dated 1980-01-01, so that the same transcript gives the same bytes."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=_EPOCH)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = info.external_attr
            target.writestr(member, source.read(info.filename))
    return out.getvalue()
