"""LRC lyrics (.lrc), enhanced: a line per cue, each word timed.

Written: ``[la:en]`` (the transcript's language, where known) and ``[length:mm:ss.xx]`` (the last
cue's end) headers, then one line per cue, its rows joined: ``[mm:ss.xx]`` at the cue's start,
and inside the line ``<mm:ss.xx>`` before each word at its start and one after the last word at
its end (the enhanced, word-timed form); a word that ends before the next one starts is followed
by a time tag of its end. A silence between cues is an empty timed line, which
clears the lyric. Times are rounded to the nearest centisecond, never going back inside a line;
minutes widen past 99; a negative time is written as 0 (with a warning). Styling tags are left
out; a cue read from a subtitle file (no words of its own) gets its words' times shared out by
characters.

Read: the headers ``[la:]``, ``[offset:]`` (milliseconds added to every time, as players do:
a positive offset shows the lyrics earlier) and any other ``[key:value]`` kept in
``metadata.extra["lrc_tags"]``; a line with several time tags is the same lyric at each time;
word tags give words their times (the words between two tags share their time by characters),
a line without them gets its time shared out by characters up to the next line's time (the last
line: to ``[length:]`` or its start plus two seconds). The transcript has the lines as cues,
each carrying its words, and the words as one turn.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate

from ..errors import ReadError
from ..markup import Repairs, TextRepairs, TimeClamp, strip_tags
from ..model import Cue, Metadata, Segment, Transcript, Word
from ..segmentation.language import is_unspaced_script
from ..timecode import checked_ms
from . import describe
from ._words import cue_words

FORMAT = describe(__name__, name="lrc", title="LRC lyrics (enhanced, word-timed)", extensions=("lrc",),
                  kind="subtitle", priority=215)

__all__ = ["Options", "read", "sniff", "write_cues"]

LAST_LINE_MS = 2000
"""How long the last line of a file without ``[length:]`` or word times lasts when read."""


@dataclass(frozen=True)
class Options:
    """LRC has no writer options."""


# --- writing --------------------------------------------------------------------------------

def _time(ms: int) -> str:
    cs = (ms + 5) // 10
    return f"{cs // 6000:02d}:{cs // 100 % 60:02d}.{cs % 100:02d}"


def _one_line(lines: list[str]) -> str:
    """The rows of a cue as one line: joined by a space, or by nothing between two characters of
    a script written without spaces (Han, kana)."""
    text = ""
    for line in lines:
        line = " ".join(line.split())
        if not line:
            continue
        if text and not (is_unspaced_script(text[-1]) and is_unspaced_script(line[0])):
            text += " "
        text += line
    return text


def write_cues(cues: list[Cue], transcript: Transcript, options: Options | None = None) -> str:
    repairs = TextRepairs()
    clamp = TimeClamp("LRC")
    out = []
    language = transcript.metadata.language
    if language and re.fullmatch(r"[A-Za-z0-9-]{1,35}", language):
        out.append(f"[la:{language}]")
    if cues:
        out.append(f"[length:{_time(max(0, max(cue.end for cue in cues)))}]")
    previous_end: int | None = None
    for cue in cues:
        start, end = cue.start, max(cue.end, cue.start)
        if not clamp.fits(start, end):
            start, end = clamp.clamp(start, end)
        if previous_end is not None and start > previous_end:
            out.append(f"[{_time(previous_end)}]")
        previous_end = end
        out.append(f"[{_time(start)}]{_timed_text(cue, start, end, repairs)}")
    repairs.report()
    clamp.report()
    return "\n".join(out) + "\n"


def _timed_text(cue: Cue, start: int, end: int, repairs: TextRepairs) -> str:
    """The cue's words, each after its start time, and the end time of the last."""
    words = cue_words(cue)
    if not words:
        return _one_line(repairs.lines([strip_tags(line) for line in cue.lines]))
    parts: list[str] = []
    latest = start
    last_text = ""
    last_end = start
    for word in words:
        text = " ".join(repairs.text(strip_tags(word.text)).split())
        if not text:
            continue
        at = min(max(word.start, latest), end)
        if parts and last_end < at and _time(last_end) != _time(at):
            parts.append(f"<{_time(last_end)}>")  # the word before ends before this one starts
        separator = "" if not parts or (is_unspaced_script(last_text[-1]) and is_unspaced_script(text[0])) else " "
        parts.append(f"{separator}<{_time(at)}>{text}")
        latest = at
        last_text = text
        last_end = min(max(word.end, at), end)
    if not parts:
        return ""
    parts.append(f"<{_time(last_end)}>")
    return "".join(parts)


# --- reading --------------------------------------------------------------------------------

_TIME = r"(\d{1,6}):(\d{1,2})(?:[.:](\d{1,3}))?"
_LINE_TIME = re.compile(r"\[" + _TIME + r"\]")
_WORD_TIME = re.compile(r"<" + _TIME + r">")
_HEADER = re.compile(r"\[([A-Za-z#][A-Za-z0-9#_ -]{0,30}):([^\]\n]*)\]\s*\Z")
_FIRST = re.compile(r"\[(?:" + _TIME + r"|[A-Za-z#][A-Za-z0-9#_ -]{0,30}:[^\]\n]*)\]")


def sniff(text: str) -> bool:
    """The first line that is not blank is an LRC tag, and some line of the first few starts with a
    time tag, or all of them are tags (a file of headers alone, which the reader refuses by name)."""
    head = text[:4000].lstrip("\ufeff \t\r\n")
    if not _FIRST.match(head):
        return False
    lines = [line.strip() for line in head.splitlines()[:40] if line.strip()]
    return any(_LINE_TIME.match(line) for line in lines) or all(_HEADER.match(line) for line in lines)


def _ms(match: re.Match[str], number: int) -> int:
    minutes, seconds, fraction = match.groups()
    return _fields_ms(minutes, seconds, fraction, number)


def _fields_ms(minutes: str, seconds: str, fraction: str | None, number: int) -> int:
    if int(seconds) > 59:
        raise ReadError(f"a time of {seconds} seconds (at most 59)", line=number)
    ms = int(fraction.ljust(3, "0")) if fraction else 0
    return checked_ms((int(minutes) * 60 + int(seconds)) * 1000 + ms, "a time", number)


def _share(text: str, start: int, end: int) -> list[Word]:
    """The words of ``text``, ``start`` to ``end`` shared out by characters."""
    texts = text.split()
    if not texts:
        return []
    offsets = [0, *accumulate(len(word) + 1 for word in texts)]
    span = max(end - start, 0)
    total = offsets[-1]
    words = [Word(word, start + span * offsets[k] // total, start + span * (offsets[k + 1] - 1) // total)
             for k, word in enumerate(texts)]
    words[-1].end = max(end, words[-1].start)
    return words


@dataclass
class _Line:
    start: int
    text: str
    number: int


def read(text: str) -> Transcript:
    if text.startswith("\ufeff"):
        text = text[1:]
    repairs = Repairs()
    tags: dict[str, str] = {}
    lines: list[_Line] = []
    for number, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        if not stripped:
            continue
        times = []
        at = 0
        while (match := _LINE_TIME.match(stripped, at)) is not None:
            times.append(_ms(match, number))
            at = match.end()
        if times:
            rest = stripped[at:].strip()
            lines.extend(_Line(time, rest, number) for time in times)
            continue
        header = _HEADER.match(stripped)
        if header is not None:
            tags[header.group(1).strip().lower()] = header.group(2).strip()
            continue
        repairs.add("ignored a line that is neither a tag nor a timed lyric", number, f": {stripped[:30]!r}")
    if not lines:
        raise ReadError("no timed lyric line", hint="LRC lines start with a time like [01:02.30]")
    offset = 0
    if "offset" in tags:
        try:
            offset = -int(tags["offset"])
        except ValueError:
            repairs.add("ignored an offset that is not a whole number of milliseconds", 1, f": {tags['offset']!r}")
        else:
            if abs(offset) > 10 ** 9:
                raise ReadError(f"an offset of {tags['offset'][:20]} ms is out of range")
    length = None
    if "length" in tags:
        match = re.fullmatch(_TIME, tags["length"])
        if match:
            length = _ms(match, 1)
    lines.sort(key=lambda line: line.start)  # stable: lines of one time keep their order
    cues: list[Cue] = []
    words: list[Word] = []
    for index, line in enumerate(lines):
        if not line.text:
            continue  # an empty line ends the one before
        following = lines[index + 1].start if index + 1 < len(lines) else None
        line_words, end = _line_words(line, following, length, repairs)
        if not line_words:
            continue
        for word in line_words:
            word.start += offset
            word.end += offset
        line_words[-1].cue_end = True
        words.extend(line_words)
        text_of_line = " ".join(_WORD_TIME.sub(" ", line.text).split())
        cues.append(Cue(line.start + offset, end + offset, [text_of_line], words=line_words))
    repairs.report()
    metadata = Metadata(source="lrc", language=tags.get("la") or None)
    if tags:
        metadata.extra["lrc_tags"] = tags
    return Transcript(segments=[Segment(None, words)] if words else [], cues=cues, metadata=metadata)


def _line_words(line: _Line, following: int | None, length: int | None,
                repairs: Repairs) -> tuple[list[Word], int]:
    """The words of a lyric line and the line's end."""
    pieces = _WORD_TIME.split(line.text)
    # pieces: text before the first word tag, then for each tag its minutes, seconds, fraction and the text after it
    marks: list[tuple[int, str]] = []
    if pieces[0].strip():
        marks.append((line.start, pieces[0]))
    for k in range(1, len(pieces), 4):
        marks.append((_fields_ms(pieces[k], pieces[k + 1], pieces[k + 2], line.number), pieces[k + 3]))
    if following is not None:
        fallback = following
    elif length is not None and length > line.start:
        fallback = length
    else:
        fallback = line.start + LAST_LINE_MS
    end = marks[-1][0] if marks and not marks[-1][1].strip() and len(marks) > 1 else fallback
    words: list[Word] = []
    previous = line.start
    for k, (time, text) in enumerate(marks):
        if time < previous:
            repairs.add("a word time before the one before (kept at the one before)", line.number)
            time = previous
        stop = marks[k + 1][0] if k + 1 < len(marks) else end
        words.extend(_share(text, time, max(stop, time)))
        previous = time
    return words, max(end, line.start)
