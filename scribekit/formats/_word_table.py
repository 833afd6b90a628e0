"""The word table, written and read by the ``csv`` and ``tsv`` formats: one row a word
(docs/formats.md §11 has what spreadsheets and scripts do with such tables).

Writing
    A header row ``start,end,speaker,confidence,word``, then one row per word in time order
    (a stable sort: words of the same start keep the transcript's order).

    - ``start`` and ``end`` in **seconds with three decimals**, a dot as the decimal mark
      (``1.250``): the unit of every speech-recognition JSON (Whisper, Deepgram, ElevenLabs
      ``start``/``end``), a number a spreadsheet shows as a duration and ``pandas.read_csv`` or
      R's ``read.csv`` reads as a float; three decimals are the model's milliseconds exactly,
      written from integers (never through float formatting), and read back to the same ms.
      A negative time keeps its sign.
    - ``speaker``: the speaker's name (empty without one); ``confidence``: 0 to 1 as Python
      writes the float (``0.87``), empty when unknown.
    - ``sound``: a sixth column, only when a word of the transcript is a non-speech event
      (``Word.sound``), ``1`` for those and ``0`` for the others; tables of speech alone keep
      the five columns the header names.
    - Quoting as RFC 4180 says (Python's csv module: a field holding the delimiter, a quote or
      a line end is quoted, quotes doubled); rows end in CRLF. The TSV quotes the same way
      (a tab or line end inside a word), as pandas and spreadsheets read it.
    - Formula injection: a ``word`` or ``speaker`` cell a spreadsheet would evaluate starts
      with an apostrophe (the usual guard, which Excel and LibreOffice show as text): one
      beginning with ``=``, ``@``, a tab or a carriage return, and one beginning with ``+`` or
      ``-`` unless it is a plain number (``-5``, ``+3.5``: a spreadsheet makes a number of it,
      not a formula) or nothing but signs (``-``, ``--``: text to every spreadsheet). So
      ``-ish`` and ``-2+3`` are guarded, ``-5`` and ``-`` are not. A cell that is guarded text
      with apostrophes before it gets one more, so that reading drops exactly the one added.
      Numeric columns are never guarded (a negative time is a number).
    - UTF-8 without a byte-order mark (pandas would keep a BOM in the first column's name);
      ``--excel`` writes the BOM, without which Excel takes UTF-8 for the local code page.

Reading
    A table whose first line is a header naming ``start``, ``end`` and ``word`` (any case,
    any order; ``speaker``, ``confidence`` and ``sound`` optional, other columns ignored);
    the CSV's delimiter is the header's, a comma or a semicolon (Excel's in countries with a
    decimal comma, whose decimal comma it then reads too: ``0,5``). Times in seconds (any
    number of decimals, rounded to the ms; ``1e3`` too); a word ending before it starts ends
    at its start, with one warning. A speaker is kept as the name written, each run of words
    of one speaker (and of sound or speech) a turn. A row of empty cells is skipped; any
    other row that cannot be read is a ReadError naming its line: more cells than the
    header, a time or confidence that is not a number, a confidence outside 0..1. What the
    writer writes reads back with the same times, words, speakers, confidences and sound
    flags.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from operator import attrgetter

from ..errors import ReadError, warn
from ..markup import UNWRITABLE, TextRepairs
from ..model import Metadata, Segment, Speaker, Transcript, Word
from ..timecode import MAX_MS

HEADER = ("start", "end", "speaker", "confidence", "word")
REQUIRED = ("start", "end", "word")
KNOWN = (*HEADER, "sound")
_MAX_SECONDS = MAX_MS / 1000
_TRIGGERS = frozenset("=+-@\t\r")
_PLAIN_NUMBER = re.compile(r"[+-](?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)\Z")
_SIGNS_ONLY = re.compile(r"[+-]+\Z")
_TRUE = frozenset(("1", "true", "yes", "y"))
_FALSE = frozenset(("", "0", "false", "no", "n"))
_MAX_CELLS = 10_000
"""More header cells than any word table has: a guard against a one-line file of a million commas."""


@dataclass(frozen=True)
class Options:
    """The word table's writer options (CSV and TSV alike)."""

    excel: bool = field(default=False, metadata={
        "help": "begin with a UTF-8 byte-order mark, so that Excel reads the text as UTF-8"})


# --- formula guard ---------------------------------------------------------------------------

def _formula(text: str) -> bool:
    """Whether a spreadsheet would take ``text`` (apostrophes before it set aside) for a formula."""
    core = text.lstrip("'")
    if not core or core[0] not in _TRIGGERS:
        return False
    if core[0] in "+-":
        return _PLAIN_NUMBER.match(core) is None and _SIGNS_ONLY.match(core) is None
    return True


def guard(text: str) -> str:
    """``text`` as a text cell no spreadsheet evaluates (see the module docstring)."""
    if text and (text[0] in _TRIGGERS or text[0] == "'") and _formula(text):
        return "'" + text
    return text


def unguard(cell: str) -> str:
    """The text the writer guarded as ``cell`` (the inverse of :func:`guard`)."""
    if cell[:1] == "'" and _formula(cell[1:]):
        return cell[1:]
    return cell


# --- writing ---------------------------------------------------------------------------------

_THREE = [f"{n:03d}" for n in range(1000)]
_START, _END, _TEXT = attrgetter("start"), attrgetter("end"), attrgetter("text")
_CONFIDENCE, _SOUND = attrgetter("confidence"), attrgetter("sound")
_GUARDED_START = re.compile("^['=+\\-@\t\r]", re.MULTILINE)


def _seconds(ms: int) -> str:
    if ms < 0:
        return "-" + _seconds(-ms)
    return f"{ms // 1000}.{ms % 1000:03d}"


def write_table(transcript: Transcript, options: Options | None, delimiter: str) -> str:
    from ..segmentation import word_segments
    from ..segmentation.timing import check_range

    options = options or Options()
    segments = word_segments(transcript)
    words = [word for segment in segments for word in segment.words]
    speakers = [segment.speaker for segment in segments for _ in segment.words]
    starts = list(map(_START, words))
    ends = list(map(_END, words))
    if words:
        check_range(min(min(starts), min(ends)), max(max(starts), max(ends)), "the word table")
    if starts != sorted(starts):  # time order (stable: ties keep their order)
        order = sorted(range(len(words)), key=starts.__getitem__)
        words, speakers = [words[i] for i in order], [speakers[i] for i in order]
        starts, ends = [starts[i] for i in order], [ends[i] for i in order]
    names = {speaker: transcript.speaker_name(speaker) or "" for speaker in set(speakers)}
    texts = list(map(_TEXT, words))
    repairs = TextRepairs()
    if UNWRITABLE.search("".join(texts) + "".join(names.values())) is not None:
        texts = [repairs.text(text) for text in texts]
        names = {speaker: repairs.text(name) for speaker, name in names.items()}
    names = {speaker: guard(name) for speaker, name in names.items()}
    if _GUARDED_START.search("\n".join(texts)) is not None:  # a word may need the guard (guard() decides)
        texts = [guard(text) for text in texts]
    three = _THREE
    columns = [
        [f"{ms // 1000}.{three[ms % 1000]}" if ms >= 0 else _seconds(ms) for ms in starts],
        [f"{ms // 1000}.{three[ms % 1000]}" if ms >= 0 else _seconds(ms) for ms in ends],
        [names[speaker] for speaker in speakers],
        ["" if confidence is None else repr(confidence) for confidence in map(_CONFIDENCE, words)],
        texts,
    ]
    sound = any(map(_SOUND, words))
    if sound:
        columns.append(["1" if word.sound else "0" for word in words])
    out = io.StringIO()
    if options.excel:
        out.write("\ufeff")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow((*HEADER, "sound") if sound else HEADER)
    writer.writerows(zip(*columns))
    repairs.report()
    return out.getvalue()


# --- reading ---------------------------------------------------------------------------------

def header_delimiter(text: str, delimiters: str) -> str | None:
    """The delimiter of ``text``'s first line if it is a word table's header, else None."""
    first = text[:2000].lstrip("\ufeff\r\n").split("\n", 1)[0].rstrip("\r")
    for delimiter in delimiters:
        if delimiter in first:
            names = {cell.strip().strip('"').strip().lower() for cell in first.split(delimiter)}
            if all(name in names for name in REQUIRED):
                return delimiter
    return None


def _number(cell: str, what: str, line: int, decimal_comma: bool = False) -> float:
    try:
        if "_" in cell:
            raise ValueError
        if decimal_comma and cell.count(",") == 1 and "." not in cell:
            return float(cell.replace(",", "."))
        return float(cell)
    except ValueError:
        shown = cell.strip()
        shown = shown if len(shown) <= 30 else shown[:27] + "..."
        raise ReadError(f"{what} must be a number of seconds, found {shown!r}" if what != "confidence" else
                        f"confidence must be a number from 0 to 1, found {shown!r}", line=line) from None


def _ms(cell: str, what: str, line: int, decimal_comma: bool = False) -> int:
    value = _number(cell, what, line, decimal_comma)
    if not -_MAX_SECONDS <= value <= _MAX_SECONDS:
        raise ReadError(f"{what} of {cell.strip()[:30]!r} seconds is out of range", line=line,
                        hint="scribekit reads times up to 10^12 ms, about 31 years, either way")
    ms = value * 1000.0
    return int(ms + 0.5) if ms >= 0 else -int(-ms + 0.5)


def read_table(text: str, delimiters: str, source: str) -> Transcript:
    if text.startswith("\ufeff"):
        text = text[1:]
    delimiter = header_delimiter(text, delimiters)
    if delimiter is None:
        shown = " or ".join(repr(d) for d in delimiters)
        raise ReadError(f"not a word table: the first line must be a header naming start, end and word "
                        f"(separated by {shown})", line=1)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(rows)
    except csv.Error as exc:
        raise ReadError(f"the header cannot be read as a table ({exc})", line=1) from None
    if len(header) > _MAX_CELLS:
        raise ReadError(f"a header of {len(header)} cells is not a word table's", line=1)
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = cell.strip().lower()
        if name in KNOWN:
            if name in columns:
                raise ReadError(f"two columns named {name!r}", line=1)
            columns[name] = index
    width = len(header)
    i_start, i_end, i_word = columns["start"], columns["end"], columns["word"]
    i_speaker, i_confidence, i_sound = columns.get("speaker"), columns.get("confidence"), columns.get("sound")
    needed = max(columns.values()) + 1
    segments: list[Segment] = []
    speakers: dict[str, Speaker] = {}
    words: list[Word] = []
    last_speaker: str | None = None
    last_sound = False
    backwards = 0
    first_backwards = 0
    line = rows.line_num + 1
    comma = delimiter == ";"  # Excel's CSV where the decimal mark is a comma: "0,5" is half a second
    fast = "_" not in text  # float() takes "1_0": such a file takes the checked way throughout
    highest = _MAX_SECONDS
    number = float
    try:
        for row in rows:
            word: Word | None = None
            # The common row, fast: every cell there, times numbers in order, a confidence in 0..1 or none.
            if fast and len(row) == width:
                try:
                    start_s = number(row[i_start])
                    end_s = number(row[i_end])
                    cell = row[i_confidence] if i_confidence is not None else ""
                    confidence = number(cell) if cell else None
                except ValueError:
                    pass
                else:
                    flag = row[i_sound] if i_sound is not None else "0"
                    if (-highest <= start_s <= end_s <= highest and (confidence is None or 0.0 <= confidence <= 1.0)
                            and (flag == "0" or flag == "1")):
                        ms = start_s * 1000.0
                        start = int(ms + 0.5) if ms >= 0 else -int(-ms + 0.5)
                        ms = end_s * 1000.0
                        end = int(ms + 0.5) if ms >= 0 else -int(-ms + 0.5)
                        speaker = row[i_speaker] if i_speaker is not None else ""
                        if speaker[:1] == "'":
                            speaker = unguard(speaker)
                        word_text = row[i_word]
                        if word_text[:1] == "'":
                            word_text = unguard(word_text)
                        sound = flag == "1"
                        word = Word(word_text, start, end, confidence, sound=sound)
            if word is None:  # anything else, checked
                count = len(row)
                if count != width and (count > width or count < needed) or not row[i_start]:
                    if not "".join(row).strip():
                        line = rows.line_num + 1
                        continue  # a blank line, or a row of empty cells (spreadsheets leave them)
                    if count != width:
                        raise ReadError(f"{count} cell(s) in a row of a table whose header has {width}"
                                        + (" (a delimiter inside a word needs quotes)" if count > width else ""),
                                        line=line)
                start = _ms(row[i_start], "start", line, comma)
                end = _ms(row[i_end], "end", line, comma)
                if end < start:
                    backwards += 1
                    first_backwards = first_backwards or line
                    end = start
                confidence = None
                if i_confidence is not None and i_confidence < count:
                    cell = row[i_confidence]
                    if cell and not cell.isspace():
                        confidence = _number(cell, "confidence", line, comma)
                        if not 0.0 <= confidence <= 1.0:
                            raise ReadError(f"confidence must be a number from 0 to 1, found {cell.strip()[:30]!r}",
                                            line=line)
                sound = False
                if i_sound is not None and i_sound < count:
                    flag = row[i_sound].strip().lower()
                    if flag in _TRUE:
                        sound = True
                    elif flag not in _FALSE:
                        raise ReadError(f"sound must be 1 or 0 (or empty), found {flag[:30]!r}", line=line)
                speaker = unguard(row[i_speaker]) if i_speaker is not None and i_speaker < count else ""
                word = Word(unguard(row[i_word]), start, end, confidence, sound=sound)
            if words and speaker == last_speaker and sound == last_sound:
                words.append(word)
            else:
                last_speaker, last_sound, words = speaker, sound, [word]
                segments.append(Segment(speaker or None, words))
                if speaker and speaker not in speakers:
                    speakers[speaker] = Speaker(speaker, speaker)
            line = rows.line_num + 1
    except csv.Error as exc:
        raise ReadError(f"the row cannot be read as a table ({exc})", line=line) from None
    if backwards:
        warn(f"{backwards} word(s) ending before they start ended at their start", line=first_backwards)
    return Transcript(segments=segments, speakers=list(speakers.values()), metadata=Metadata(source=source))
