"""SubRip (.srt): a tolerant reader and a strict writer.

Reading takes what is seen in the wild (docs/formats.md §4) and reports every
repair as a :class:`~scribekit.errors.ScribekitWarning` naming the line;
what cannot be read is a :class:`~scribekit.errors.ReadError` naming the line.
Repairs of one kind are reported once, with the first line and a count, so a
file with 100,000 dot-millisecond timings gives one warning, not 100,000.

What the reader makes of the input:

- byte-order mark, CRLF and CR line ends, leading blank lines, a missing final
  newline: read as usual;
- a timing line directly after text starts a new cue (missing blank line);
- a blank line followed by text that is not an index + timing line (or a
  timing line) is dropped and the text continues the cue;
- a missing index is allowed, a non-numeric one is kept as the identifier;
- ``.`` or ``，`` instead of ``,``, fullwidth ``：``, 1-digit fields, hours of
  100 and more, ``MM:SS,mmm`` without hours, minutes or seconds of 60 and more
  (added up as they are);
- a millisecond field of 1, 2 or 4+ digits is a fraction of a second
  (``,5`` is 500 ms); no millisecond field is ``,000``;
- arrows ``->``, ``-- >``, ``—>``, ``–>``;
- ``X1:.. X2:.. Y1:.. Y2:..`` coordinates after the timing are kept in
  ``cue.style["srt_coordinates"]`` and written back;
- negative times keep their sign; an end before the start is kept;
- empty cues are kept with ``lines=[]``; unbalanced ``<i>``/``<b>``/``<u>``
  tags are kept as they are (the writers close a tag left open at the end of
  the cue).

The writer numbers cues 1..N, writes ``HH:MM:SS,mmm`` and drops blank lines
inside a cue (they would end it). What it writes reads back with the same cues, by
this reader and by ffmpeg's, whatever the text holds (each change reported once per
file with a :class:`~scribekit.errors.ScribekitWarning`):

- a line of text that a reader would take for a timing line (``00:00:01,000 -->
  00:00:02,000``, ``10:30:00 -> doors open``, ``12:00:00 → 13:00:00``) starts with
  a word joiner (U+2060, invisible and without width); no other line is touched;
- a line end inside a line of text is a line break; a whitespace-only line is
  dropped; a cue without text gets a line of one space (ffmpeg drops a cue with none);
- control characters and lone surrogates as :class:`scribekit.markup.TextRepairs`
  says (NUL stops ffmpeg's reading);
- a negative time is written as 0 (ffmpeg reads ``-00:00:09,000`` as 1193 hours).

With ``highlight_words`` each cue is written once per word spoken, that word underlined (see
``_words.highlight_cues``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import ReadError, warn
from ..markup import STYLE_TAG, Repairs, TextRepairs, TimeClamp, close_open_tags, cue_text, needs_care
from ..model import Cue, Metadata, Transcript
from ..retime import retime_file as retime_file  # its times alone rewritten: `scribekit retime`
from ..textio import cue_file_lines
from ..timecode import checked_ms, clock, decimal_int
from . import _words, describe

FORMAT = describe(__name__, name="srt", title="SubRip", extensions=("srt",), kind="subtitle", aliases=("subrip",),
                  priority=70)

__all__ = ["CueWriter", "Options", "is_timing_line", "read", "read_lines", "retime_file", "sniff", "write_cues"]


@dataclass(frozen=True)
class Options:
    highlight_words: bool = field(default=False, metadata={
        "help": "one cue per word spoken, that word underlined"})


# A well-formed timing line, the one every cue of a clean file has.
_STRICT = re.compile(r"(\d\d):(\d\d):(\d\d),(\d\d\d) --> (\d\d):(\d\d):(\d\d),(\d\d\d)\Z")
_TIME = r"(-?)(?:(\d+)[:：])?(\d+)[:：](\d+)(?:([,.，])(\d+))?"
_ARROW = r"(-->|-{1,3}[ \t]*>|[—–]-?>|→)"
# The timing line as found in the wild (see the module docstring).
_TIMING = re.compile(r"[ \t]*" + _TIME + r"[ \t]*" + _ARROW + r"[ \t]*" + _TIME + r"(?:[ \t](.*))?\Z")
# Starts like a timing line (a time with hours or milliseconds): an arrow after it, or two times
# without an arrow. "10:30 -> 11:00" stays text. Every timing line matches it too: the reader
# tries it after _TIMING, on lines that are not timing lines, and refuses what it matches.
# Linear on long runs: no two runs of [ \t]* meet (such a pair is tried at every split of a long run
# of spaces), and the third field is one digit, not \d+ (before ".*", every split of a long run of
# digits would be tried; ".*" takes the rest of them, so what matches is the same).
_BROKEN = re.compile(r"[ \t]*(?:-[ \t]*)?\d+[ \t]*[:：][ \t]*\d+[ \t]*[:：,.，][ \t]*\d"
                     r"(?:.*(?:-[ \t]*>|[—–]>|→)|.*\d[ \t]*[:：][ \t]*\d)")
_COORDINATES = re.compile(r"(?i)X1\s*:\s*-?\d+\s+X2\s*:\s*-?\d+\s+Y1\s*:\s*-?\d+\s+Y2\s*:\s*-?\d+")


def sniff(text: str) -> bool:
    """A timing line within the first few non-blank lines."""
    seen = 0
    for line in text[:4000].lstrip("\ufeff").splitlines():
        if not line.strip():
            continue
        if not seen and line.startswith("WEBVTT"):
            return False  # WebVTT (with something before its signature): its reader names the problem
        if _is_timing(_TIMING.match(line)):
            return True
        seen += 1
        if seen >= 5:
            return False
    return False


def _is_timing(match: re.Match[str] | None) -> bool:
    """A match of _TIMING whose times both have hours or milliseconds (``10:30 -> 11:00`` is text)."""
    return match is not None and (match.group(2) is not None or match.group(6) is not None) and (
        match.group(9) is not None or match.group(13) is not None)


def is_timing_line(line: str) -> bool:
    """Whether the reader takes ``line`` for a timing line."""
    if ":" not in line and "：" not in line:
        return False
    return _STRICT.match(line) is not None or _is_timing(_TIMING.match(line))


def _fraction_ms(digits: str) -> int:
    """Milliseconds of a decimal fraction of a second (``5`` -> 500, ``1234`` -> 123, ``9995`` -> 1000)."""
    # In tenths of a millisecond, rounded half up: rounding needs no digit after the fourth.
    return (int((digits + "000")[:4]) + 5) // 10


def _time(sign: str, hours: str | None, minutes: str, seconds: str, separator: str | None,
          fraction: str | None, repairs: Repairs, line: int) -> int:
    if separator is None:
        fraction = "000"
        repairs.add("time without milliseconds read as ,000", line)
    elif separator != ",":
        repairs.add(f"{separator!r} instead of ',' before the milliseconds", line)
    assert fraction is not None
    if len(fraction) != 3:
        repairs.add(f"millisecond field of {len(fraction)} digit(s) read as a fraction of a second", line,
                    f" (,{fraction} = {_fraction_ms(fraction)} ms)")
    if hours is None:
        repairs.add("time without hours read as MM:SS", line)
    m, s = decimal_int(minutes, "minutes", line), decimal_int(seconds, "seconds", line)
    if m > 59 or s > 59:
        repairs.add("minutes or seconds of 60 or more added up as they are", line)
    ms = checked_ms((decimal_int(hours or "0", "hours", line) * 3600 + m * 60 + s) * 1000 + _fraction_ms(fraction),
                    "a time", line)
    if sign:
        repairs.add("negative time kept with its sign", line)
        return -ms
    return ms


def _parse_timing(match: re.Match[str], raw: str, repairs: Repairs,
                  line: int) -> tuple[int, int, str | None]:
    g = match.groups()
    start = _time(g[0], g[1], g[2], g[3], g[4], g[5], repairs, line)
    end = _time(g[7], g[8], g[9], g[10], g[11], g[12], repairs, line)
    if g[6] != "-->":
        arrow = g[6] if len(g[6]) <= 8 else f"{g[6][:3]}...{g[6][-1]}"  # "-- >" with any run of spaces
        repairs.add(f"arrow {arrow!r} read as '-->'", line)
    if "：" in raw:
        repairs.add("fullwidth '：' read as ':'", line)
    rest = (g[13] or "").strip()
    if not rest or _COORDINATES.fullmatch(rest):
        return start, end, rest or None
    repairs.add("ignored text after the timing", line, f": {rest[:40]!r}")
    return start, end, None


def _blank(line: str) -> bool:
    return not line or line.isspace()


def _unbalanced(lines: list[str]) -> list[str]:
    """Tags opened and not closed, or closed and not opened, in one cue's lines."""
    depth: dict[str, int] = {}
    problems = []
    for line in lines:
        if "<" not in line:
            continue
        for slash, name in STYLE_TAG.findall(line):
            name = name.lower()
            if slash:
                if depth.get(name, 0) == 0:
                    problems.append(f"</{name}> without <{name}>")
                else:
                    depth[name] -= 1
            else:
                depth[name] = depth.get(name, 0) + 1
    problems.extend(f"<{name}> not closed" for name, count in depth.items() if count)
    return problems


def read(text: str) -> Transcript:
    repairs = Repairs()
    cues = read_lines(cue_file_lines(text), repairs)
    repairs.report()
    return Transcript(cues=cues, metadata=Metadata(source="srt"))


_SENTINEL = ("0", "00:00:00,000 --> 00:00:00,000")
"""An index line and a timing line put after a piece of a file that the file goes on with."""


def read_lines(lines: list[str], repairs: Repairs, base: int = 0, followed: bool = False) -> list[Cue]:
    """The cues of a file's lines (as ``textio.cue_file_lines`` splits them), repairs noted in ``repairs``.

    For reading a file piece by piece (``scribekit.streaming``): ``base`` is the number of lines
    before these in the file; ``followed`` says that they end with a blank line and that the file goes
    on with an index line and a timing line. Read so, piece after piece with one ``repairs``, a file
    gives the cues and the repairs it gives read whole: a cue's text ends at the next timing line, and
    the line before that is the next cue's index.
    """
    if followed:
        lines = [*lines, *_SENTINEL]
    strict = _STRICT.match
    tolerant = _TIMING.match
    broken = _BROKEN.match

    # Pass 1: the timing lines (line index, start, end, coordinates).
    timings: list[tuple[int, int, int, str | None]] = []
    add_timing = timings.append
    for i, line in enumerate(lines):
        if ":" not in line and "：" not in line:
            continue
        clean = strict(line)
        if clean is not None:
            h1, m1, s1, ms1, h2, m2, s2, ms2 = map(int, clean.groups())
            if m1 < 60 and s1 < 60 and m2 < 60 and s2 < 60:  # else the tolerant reader reports them
                add_timing((i, ((h1 * 60 + m1) * 60 + s1) * 1000 + ms1, ((h2 * 60 + m2) * 60 + s2) * 1000 + ms2,
                            None))
                continue
        match = tolerant(line)
        if _is_timing(match):
            assert match is not None
            add_timing((i, *_parse_timing(match, line, repairs, base + i + 1)))
        elif broken(line):
            raise ReadError(f"cannot read the timing line {line.strip()[:60]!r}", line=base + i + 1)
    if not timings:
        for i, line in enumerate(lines):
            if line.strip():
                raise ReadError("no SRT timing line (00:00:01,000 --> 00:00:02,000) found", line=base + i + 1)
        raise ReadError("empty file")

    # Pass 2: the text between timing lines is a cue's text, then the next cue's index.
    cues: list[Cue] = []
    add_cue = cues.append
    first = timings[0][0]
    identifier, junk_end = _index_before(lines, 0, first, repairs, base)
    for j in range(junk_end):
        if lines[j].strip():
            repairs.add("ignored text before the first cue", base + j + 1, f": {lines[j].strip()[:40]!r}")
    timed = len(timings)
    count = timed - 1 if followed else timed  # the sentinel's cue is the next piece's first
    for k in range(count):
        at, start, end, coordinates = timings[k]
        a = at + 1
        if k + 1 < timed:
            b = timings[k + 1][0]
            # Fast path: text lines, one blank line, a numeric index.
            # (With fewer than two lines between, lines[b - 2] or lines[b - 1] is the timing line at a - 1.)
            if lines[b - 2] == "" and lines[b - 1].isdecimal():
                text_lines = lines[a:b - 2]
                next_identifier: str | None = lines[b - 1]
                if "" in text_lines or any(map(str.isspace, text_lines)):
                    text_lines = _clean_text(text_lines, a, repairs, base)
            else:
                next_identifier, text_end = _index_before(lines, a, b, repairs, base)
                text_lines = _clean_text(lines[a:text_end], a, repairs, base)
        else:
            next_identifier = None  # pragma: no mutate (equivalent: no cue comes after the last)
            text_lines = _clean_text(lines[a:], a, repairs, base)
        if identifier is None:
            repairs.add("cue without an index number", base + at + 1)
        if end < start:
            repairs.add("cue ends before it starts (kept as it is)", base + at + 1)
        for line in text_lines:
            if "<" in line:  # a cue without tags (most) is not looked at again
                for problem in _unbalanced(text_lines):
                    repairs.add(f"unbalanced tag {problem} (text kept; writers close open tags)", base + at + 2)
                break
        add_cue(Cue(start, end, text_lines, None, identifier,
                    {"srt_coordinates": coordinates} if coordinates else None))
        identifier = next_identifier
    return cues


def _index_before(lines: list[str], a: int, b: int, repairs: Repairs, base: int) -> tuple[str | None, int]:
    """The index line just before the timing line at ``b`` (if any) and where the text before it ends;
    ``a`` is where the text begins (0: the lines before the first cue)."""
    preamble = a == 0
    if b <= a:
        if not preamble:
            repairs.add("missing blank line between cues", base + b + 1)
        return None, b
    last = lines[b - 1].strip()
    if not last:
        return None, b
    if b - 2 >= a:
        blank_before = _blank(lines[b - 2])
    else:  # the line after the timing line before (not blank), or the first line of the file
        blank_before = preamble
    if last.isdecimal():
        if not blank_before and not preamble:
            repairs.add("missing blank line between cues", base + b)
    elif blank_before:
        repairs.add("non-numeric index kept as the cue identifier", base + b, f": {last[:20]!r}")
    else:
        if not preamble:
            repairs.add("missing blank line between cues", base + b + 1)
        return None, b
    return last, b - 1


def _clean_text(text: list[str], a: int, repairs: Repairs, base: int) -> list[str]:
    """A cue's text lines (a copy: emptied here; ``a``: the index of the first in the file's lines)
    without the blank lines after them; blank lines inside are dropped."""
    while text and _blank(text[-1]):
        text.pop()
    kept = []
    for j, line in enumerate(text, a):
        if _blank(line):
            repairs.add("blank line inside cue text dropped (the text after it continues the cue)", base + j + 1)
        else:
            kept.append(line)
    return kept


# --- writing ---------------------------------------------------------------------------------


# A text line ffmpeg (and players built on it) would take for a timing line: its reader scans
# "%d:%d:%d,%d --> %d:%d:%d,%d" (spaces optional, a sign allowed, ',' or '.').
_FFMPEG_TIMING = re.compile(r"\s*[-+]?\d+:\s*[-+]?\d+:\s*[-+]?\d+[,.]\s*[-+]?\d+\s*-->"
                            r"\s*[-+]?\d+:\s*[-+]?\d+:\s*[-+]?\d+[,.]\s*[-+]?\d+")
# A line whose first character after white space is a sign or a digit, as every line _misread takes:
# a quick look at a cue's whole text before its lines one by one. Linear: one run of white space
# within a line, then one character (two runs that meet would try every split of a long run).
_TIMING_START = re.compile(r"^[^\S\n]*[-+\d]", re.MULTILINE)
WORD_JOINER = "\u2060"
"""What the writer puts before a line of text that readers would take for a timing line."""


def _misread(line: str) -> bool:
    """Whether a reader (ours or ffmpeg's) would take this line of text for a timing line."""
    if ":" not in line and "\uff1a" not in line:
        return False
    # _BROKEN matches every line that _TIMING reads as a timing line as well.
    return _BROKEN.match(line) is not None or _FFMPEG_TIMING.match(line) is not None


def _defuse(text: str) -> tuple[str, int]:
    """``text`` with a word joiner before each line readers would take for a timing line, and how many."""
    if _TIMING_START.search(text) is None:
        return text, 0
    lines = text.split("\n")
    count = 0
    for index, line in enumerate(lines):
        if _misread(line):
            lines[index] = WORD_JOINER + line
            count += 1
    return "\n".join(lines), count


def _clean_cue_text(lines: list[str], repairs: TextRepairs) -> str:
    """Cue text without what would end the cue or stop a reader (see the module docstring)."""
    lines = [line for line in repairs.lines(lines) if line and not line.isspace()]
    return cue_text(lines)


class CueWriter:
    """``write_cues`` piece by piece: :meth:`render` the cues of each piece in order, the texts
    joined make the file; then :meth:`finish` says what was changed (once for the file)."""

    def __init__(self) -> None:
        self.repairs = TextRepairs()
        self.clamp = TimeClamp("SubRip")
        self.defused = 0
        self.number = 0
        """The number of the last cue written."""

    def render(self, cues: list[Cue]) -> str:
        parts: list[str] = []
        add = parts.append
        repairs = self.repairs
        clamp = self.clamp
        defused = 0
        first = self.number + 1
        for number, cue in enumerate(cues, first):
            lines = cue.lines
            text = "\n".join(lines)
            if needs_care(lines, text):
                text = _clean_cue_text(lines, repairs)
            elif "<" in text:
                text = close_open_tags(text)
            if ":" in text or "\uff1a" in text:
                text, count = _defuse(text)
                defused += count
            start, end = cue.start, cue.end
            if start < 0 or end < 0:  # a call a cue only for the few that need it
                start, end = clamp.clamp(start, end)
            style = cue.style
            coordinates = style.get("srt_coordinates") if style else None
            timing = f"{clock(start, ',')} --> {clock(end, ',')}"
            if coordinates and _COORDINATES.fullmatch(coordinates):
                timing += " " + coordinates
            # A cue without text gets a line of one space: ffmpeg drops a cue without a text line.
            add(f"{number}\n{timing}\n{text or ' '}\n")
        self.defused += defused
        self.number += len(parts)
        rendered = "\n".join(parts)
        return "\n" + rendered if first > 1 and parts else rendered

    def finish(self) -> None:
        self.repairs.report()
        self.clamp.report()
        if self.defused:
            warn(f"{self.defused} line(s) of text that read like a timing line written after a word joiner "
                 "(U+2060), so that readers keep them as text")


def write_cues(cues: list[Cue], transcript: Transcript, options: Options | None = None) -> str:
    if options is not None and options.highlight_words:
        cues = _words.highlight_cues(cues)
    writer = CueWriter()
    text = writer.render(cues)
    writer.finish()
    return text

