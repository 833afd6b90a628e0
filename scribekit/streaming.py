"""Cue-preserving conversions read and written piece by piece: SubRip or WebVTT to SubRip, WebVTT
or SBV in bounded memory, with the bytes and the warnings of the whole-file path.

``batch.convert_task`` asks :func:`convert` first. It returns None, having written nothing and said
nothing, whenever it cannot do exactly what the whole-file path does, and that path then does the
work: a small file, another format, any option, standard input or output, an output that exists
(without ``force``), is no regular file or has no folder yet, an input that is not UTF-8 (the
charset detection weighs every byte) or holds NUL, and any input the reader refuses (the whole-file
path says why, in its own words, and leaves no output).

How a file streams:

- decoded as it is read (strict UTF-8 after a byte-order mark), its line ends and blank lines made
  what ``textio.cue_file_lines`` makes them;
- cut into pieces before a cue (after a blank line, at an index line followed by a timing line),
  each read by ``srt.read_lines`` as the whole file is read there, and written by the writer's
  ``CueWriter``, which ``write_cues`` uses too;
- a piece of plain cues (see :func:`_plain`) is written without making Cue objects: the writers write
  such cues as they are read;
- WebVTT (:func:`_stream_vtt`): cut after blank lines (which end every cue and block), the first
  piece read by ``vtt.read_piece`` from the WEBVTT line, the header and its blocks taken from it
  (a header that goes on past it is left to the whole-file path), the others from between cues,
  as ``vtt.read`` reads them in the whole file;
- the output is a temporary file beside the target, put in its place at the end
  (``fileio.atomic_output``); repairs and changes are said at the end, once for the file.
"""
from __future__ import annotations

import codecs
import operator
import os
import re
import stat
import warnings
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING

from . import outputs
from .errors import ScribekitError
from .fileio import atomic_output

if TYPE_CHECKING:
    from .batch import Task
    from .formats import sbv, srt, vtt
    from .model import Transcript

PREFIX = 1 << 16
"""The bytes format detection looks at: every sniffer it asks decides on far fewer."""
SMALL = PREFIX
"""Files shorter than this are read whole: they fit in memory many times over."""
CHUNK = 1 << 18
"""The bytes read at a time."""
PIECE = 1 << 18
"""The characters of text a piece holds at least (the last one: at most)."""
SMALLEST = 1 << 11
"""The characters of the small pieces a piece that is not all plain cues is cut into, to write the plain
ones at once."""

_BINARY_SNIFFERS = frozenset({"scribekit.formats.happyscribe_json", "scribekit.formats.qdpx",
                              "scribekit.formats.stl"})
"""The formats told from their bytes whose sniffers refuse a file not theirs from its first PREFIX
bytes (a zip's magic number, an STL header); with any other, detection is left to the whole-file
path. (A zip whose first bytes do not show what it holds is no SubRip or WebVTT either.)"""
_OTHER_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_BLANK_LINE = re.compile(r"\n[ \t\f\v]+(?=\n)")
"""A line of white space alone, made blank (as ``textio.cue_file_lines`` does)."""
_INDEX_LINE = re.compile(r"[0-9]+\n([^\n]*)\n")


class _Whole(Exception):
    """The conversion is left to the whole-file path."""


def convert(task: Task) -> list[str] | None:
    """Convert ``task`` streaming, if it can be done so exactly: the paths written, else None."""
    planned = _planned(task)
    if planned is None:
        return None
    path, target, source = planned
    try:
        with open(task.source, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None  # a FIFO or a device: what is read from it could not be read again
            head = handle.read(PREFIX)
            if len(head) < SMALL or not _detected(task, head, source):
                return None
            if source == "vtt":
                _stream_vtt(handle, head, path, target, task)
            else:
                _stream(handle, head, path, target, task)
    except (_Whole, OSError):
        return None
    return [path]


def _planned(task: Task) -> tuple[str, str, str] | None:
    """The output path and format, and the input's format, when the task may stream."""
    from . import formats

    if (task.source == "-" or task.resegment or task.speaker_names or task.options or task.dry_run
            or task.operations is not None or task.name is not None
            or task.encoding is not None or task.channel is not None or len(task.targets) != 1):
        return None
    try:
        source = formats.get(task.from_format).name if task.from_format is not None else _hinted(task)
        if source not in ("srt", "vtt"):
            return None
        target = formats.get(task.targets[0] or source)  # None: the input's own format
    except ScribekitError:
        return None  # an unknown format: said where the whole-file path says it
    if target.name not in ("srt", "vtt", "sbv"):
        return None
    path = task.output if task.output is not None else outputs.destination(
        None, os.path.basename(task.base), target.extension, os.path.dirname(task.base))
    folder = os.path.dirname(path) or "."
    if path == "-" or os.path.islink(path) or not os.path.isdir(folder) or not os.access(folder, os.W_OK | os.X_OK):
        return None  # what the whole-file path says of such an output, it says after reading the input
    if not os.path.isfile(task.source):
        return None  # a FIFO or a device (what is read from it could not be read again), or not there
    if os.path.lexists(path) and not (task.force and os.path.isfile(path)):
        return None  # exists (skipped, refused, or a FIFO or a device written through): as today
    try:
        if os.path.samefile(path, task.source):
            return None
    except OSError:
        pass
    return path, target.name, source


def _hinted(task: Task) -> str | None:
    """The format whose sniffer detection asks first, for a file of this name (see :func:`_detected`)."""
    from . import formats

    hinted = formats.for_filename(task.source)
    first = [f for f in formats.readers() if f in hinted and hasattr(f.module, "sniff")]
    return first[0].name if first else None


def _detected(task: Task, head: bytes, source: str) -> bool:
    """Whether the whole-file path would read the file as ``source`` (SubRip or WebVTT, whose sniffers
    look at the start of the text only), told from its first bytes. Without ``--from``, ``source`` is
    the format whose sniffer detection asks first (:func:`_hinted`)."""
    from . import formats

    if head.startswith(_OTHER_BOMS):
        return False
    if task.from_format is not None:
        return True
    readers = formats.readers()
    for info in readers:
        if hasattr(info.module, "sniff_bytes") and (info.module_name not in _BINARY_SNIFFERS
                                                    or info.module.sniff_bytes(head)):
            return False
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        text = decoder.decode(head[3:] if head.startswith(codecs.BOM_UTF8) else head, len(head) < PREFIX)
    except UnicodeDecodeError:
        return False
    shown = text.lstrip()
    if not shown or shown[0] in "{[" or (len(text) < 4000 and len(head) == PREFIX):
        return False  # JSON, or too little to tell
    return bool(formats.get(source).module.sniff(text))


def _text(handle: IO[bytes], head: bytes) -> Iterator[str]:
    """The file's text in runs of whole lines (the last run: the rest), decoded and with its line
    ends and blank lines as ``textio.cue_file_lines`` makes them."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    data = head[3:] if head.startswith(codecs.BOM_UTF8) else head
    carry = ""
    started = False
    while True:
        final = not data
        try:
            text = decoder.decode(data, final)
        except UnicodeDecodeError:
            raise _Whole from None
        if "\x00" in text:
            raise _Whole
        if not started and text:
            started = True
            if text[0] == "\ufeff":
                text = text[1:]
        text = carry + text
        held = ""
        if not final and text[-1:] == "\r":
            text, held = text[:-1], "\r"  # perhaps a CR LF cut in two
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        if final:
            carry = ""
        else:
            cut = text.rfind("\n") + 1
            text, carry = text[:cut], text[cut:] + held
        if text:
            yield text
        if final:
            return
        try:
            data = handle.read(CHUNK)
        except OSError:
            raise _Whole from None


def _pieces(runs: Iterator[str]) -> Iterator[tuple[str, bool]]:
    """The text cut into pieces, each with whether a cue follows it (see ``srt.read_lines``)."""
    buffer = ""
    at_start = True
    for run in runs:
        # White space alone on a line is a blank line; the file's first line is left as it is.
        if " \n" in run or "\t\n" in run or "\v" in run or "\f" in run:
            run = _BLANK_LINE.sub("\n", run) if at_start else _BLANK_LINE.sub("\n", "\n" + run)[1:]
        at_start = False
        buffer += run
        while len(buffer) >= PIECE:
            cut = _cue_start(buffer, PIECE // 2)
            if not cut:
                break
            yield buffer[:cut], True
            buffer = buffer[cut:]
    cut = _cue_start(buffer, 0)  # the last cue alone is read as the end of the file
    if cut:
        yield buffer[:cut], True
    yield buffer[cut:], False


def _cue_start(text: str, low: int, end: int | None = None) -> int:
    """The last place between ``low`` and ``end`` where a cue starts after a blank line (its index and
    timing line whole), or 0 when none is found in a few tries."""
    from .formats.srt import is_timing_line

    end = len(text) if end is None else end
    for _ in range(32):
        blank = text.rfind("\n\n", low, end)
        if blank < 0:
            return 0
        match = _INDEX_LINE.match(text, blank + 2)
        if match is not None and is_timing_line(match.group(1)):
            return blank + 2
        end = blank + 1
    return 0


_CLOCK = r"(?:[0-9][0-9]|[1-9][0-9]{2,4}):[0-5][0-9]:[0-5][0-9],[0-9]{3}"
"""``HH:MM:SS,mmm`` as the clocks write it: hours of two digits, or more without a leading zero."""
_PLAIN_HEAD = re.compile(rf"\n\n([0-9]+)\n({_CLOCK}) --> ({_CLOCK})\n(?=[^\n])")
"""A plain cue's index and timing line, after the blank line before it, with text after it."""
_CLOCK_COMMA = re.compile(r",(?<=:[0-9][0-9],)")
"""The comma of a clock (in plain cues, whose text has no ':')."""


def _plain(piece: str, number: int | None) -> tuple[str, int] | None:
    """A piece (followed by a cue) of plain cues written at once, and how many: as WebVTT
    (``number`` None) or as SubRip numbered after ``number``; None when a cue of it is not plain.

    Plain cues, nothing before the first (a file's leading blank line is the reader's to drop), each
    followed by one blank line: an index of ASCII digits, a timing line of two ``_CLOCK``, the end
    not before the start, and lines of printable text without ``:``, ``<``, ``>``,
    ``&`` or ``{``. The reader reads them without a repair as Cue(start, end, lines, None, index), and
    the writers write them without a change: each clock as it is (with "." in WebVTT), the text as
    it is, the index as a WebVTT identifier.
    """
    count = piece.count("\n\n")
    if (piece.startswith("\n") or "\n\n\n" in piece or piece.count(":") != 4 * count or piece.count(">") != count
            or "<" in piece or "&" in piece or "{" in piece or "\uff1a" in piece
            or not piece.replace("\n", "").isprintable()):
        return None
    heads = _PLAIN_HEAD.findall("\n\n" + piece)  # the index, start and end of each cue
    if len(heads) != count:  # a cue that does not start with a plain index and timing line
        return None
    indexes, starts, ends = zip(*heads)
    # Clocks of equal length compare as text; a longer one (more digits of hours) is later.
    if any(map(operator.gt, map(len, starts), map(len, ends))):
        return None
    if any(map(operator.ne, map(len, starts), map(len, ends))):
        if any(len(start) == len(end) and start > end for start, end in zip(starts, ends)):
            return None
    elif any(map(operator.gt, starts, ends)):
        return None
    if number is None:
        written, commas = _CLOCK_COMMA.subn(".", piece)
        return ("\n" + written[:-1], count) if commas == 2 * count else None
    numbers = list(map(str, range(number + 1, number + count + 1)))
    if list(indexes) == numbers:
        return "\n" + piece[:-1], count
    texts = _PLAIN_HEAD.split("\n\n" + piece)[4::4]  # numbered otherwise: numbered anew, as the writer does
    texts[-1] = texts[-1][:-2]
    return "".join(map("\n{}\n{} --> {}\n{}\n".format, numbers, starts, ends, texts)), count


def _cue_writer(target: str, transcript: Transcript, out: IO[bytes]) -> srt.CueWriter | vtt.CueWriter | sbv.CueWriter:
    """The target's writer of cues piece by piece (WebVTT's header written first, into ``out``)."""
    from .formats import sbv, srt, vtt

    if target == "srt":
        return srt.CueWriter()
    if target == "sbv":
        return sbv.CueWriter()
    writer = vtt.CueWriter(transcript)
    out.write(writer.header().encode("utf-8"))
    return writer


def _stream(handle: IO[bytes], head: bytes, path: str, target: str, task: Task) -> None:
    from .formats import srt
    from .markup import Repairs
    from .model import Metadata, Transcript

    transcript = Transcript(cues=[], metadata=Metadata(source="srt", filename=os.path.basename(task.source)))
    repairs = Repairs()
    base = 0

    def plain(piece: str) -> tuple[str, int] | None:
        return _plain(piece, None if to_srt is None else to_srt.number) if target != "sbv" else None

    def write_plain(piece: str, written: str, count: int) -> bytes:
        nonlocal base
        base += piece.count("\n")
        if to_srt is not None:
            if not to_srt.number:
                written = written[1:]  # the first cue of the file: no line end before it
            to_srt.number += count
        return written.encode("utf-8")

    def write_read(piece: str, followed: bool) -> bytes:
        nonlocal base
        lines = piece[:-1].split("\n") if followed else piece.split("\n")
        try:
            cues = srt.read_lines(lines, repairs, base, followed)
        except ScribekitError:
            raise _Whole from None
        base += len(lines)
        return writer.render(cues).encode("utf-8")

    with atomic_output(path, overwrite=task.force) as out:
        with warnings.catch_warnings(record=True) as said:  # the writer's, said after the reader's
            warnings.simplefilter("always")
            writer = _cue_writer(target, transcript, out)
            to_srt = writer if isinstance(writer, srt.CueWriter) else None
            for piece, followed in _pieces(_text(handle, head)):
                done = plain(piece) if followed else None
                if done is not None:
                    out.write(write_plain(piece, *done))
                    continue
                if not followed or target == "sbv" or len(piece) <= 2 * SMALLEST:
                    out.write(write_read(piece, followed))
                    continue
                # Cut into small pieces before cues: those of plain cues are written at once, the
                # others read together, cue by cue (after 8 small pieces and no plain one, the rest).
                odd: list[str] = []
                seen = False
                rest = piece
                while rest:
                    cut = 0
                    if len(rest) > 2 * SMALLEST and (seen or len(odd) < 8):
                        cut = _cue_start(rest, SMALLEST // 2, SMALLEST)
                    part, rest = (rest[:cut], rest[cut:]) if cut else (rest, "")
                    done = plain(part) if seen or len(odd) < 8 else None
                    if done is None:
                        odd.append(part)
                        continue
                    seen = True
                    if odd:
                        out.write(write_read("".join(odd), True))
                        odd = []
                        done = plain(part)  # numbered after the cues just written
                        assert done is not None
                    out.write(write_plain(part, *done))
                if odd:
                    out.write(write_read("".join(odd), True))
        repairs.report()
        for warning in said:
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
        writer.finish()


def _vtt_pieces(runs: Iterator[str]) -> Iterator[tuple[str, bool]]:
    """The text cut into pieces after blank lines, each with whether more follows (WebVTT: a blank
    line ends a cue, a block or the header, and a line of white space is no blank line)."""
    buffer = ""
    searched = 0  # no blank line ends in the buffer before this, past PIECE // 2
    for run in runs:
        buffer += run
        if len(buffer) >= PIECE:
            cut = buffer.rfind("\n\n", max(PIECE // 2, searched)) + 2
            if cut >= 2:
                yield buffer[:cut], True
                buffer = buffer[cut:]
                searched = 0
            else:
                searched = len(buffer) - 1
    yield buffer, False


def _stream_vtt(handle: IO[bytes], head: bytes, path: str, target: str, task: Task) -> None:
    """WebVTT read piece by piece by ``vtt.read_piece``, as ``vtt.read`` reads the whole file: the
    first piece holds the header and ends between cues, the others start between cues."""
    from .formats import vtt
    from .markup import Repairs
    from .model import Transcript

    repairs = Repairs()
    base = 0
    transcript: Transcript | None = None
    writer: srt.CueWriter | vtt.CueWriter | sbv.CueWriter | None = None
    with atomic_output(path, overwrite=task.force) as out:
        with warnings.catch_warnings(record=True) as said:  # the writer's, said after the reader's
            warnings.simplefilter("always")
            for piece, followed in _vtt_pieces(_text(handle, head)):
                lines = piece[:-1].split("\n") if followed else piece.split("\n")
                if not followed and lines[-1] == "":
                    lines.pop()
                first = transcript is None
                if first and (not lines or not vtt.is_signature(lines[0])):
                    raise _Whole  # not WebVTT: the whole-file path says so
                try:
                    cues, header_lines, blocks, between = vtt.read_piece(lines, repairs, base, first, not followed)
                except ScribekitError:
                    raise _Whole from None
                if not between:
                    raise _Whole  # the header goes on past the first piece
                base += len(lines)
                if transcript is None:
                    metadata = vtt.header_metadata(header_lines, blocks)
                    metadata.filename = os.path.basename(task.source)
                    transcript = Transcript(cues=[], metadata=metadata)  # speakers: each named as itself
                    writer = _cue_writer(target, transcript, out)
                assert writer is not None
                out.write(writer.render(cues).encode("utf-8"))
        repairs.report()
        for warning in said:
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
        if writer is not None:
            writer.finish()
