"""Shot changes (scene cuts) from the files users have, as times in milliseconds.

:func:`read_shot_changes` tells the kind of file by its content (the file name's extension
only decides how a bare whole number is read, see below):

- **A list, one time a line** (Subtitle Edit's ``.shotchanges`` files, hand-made lists,
  ``ffprobe ... -show_entries frame=pts_time -of csv=p=0``): seconds ``12.345`` or ``12,345``
  (a decimal comma), ``12.345s``, milliseconds ``12345ms``, frames ``300f``, clock times
  ``00:00:12.345``/``00:00:12,345``/``00:12.345``, SMPTE timecode ``00:00:12:05`` and
  drop-frame timecode ``00:00:12;05``. Several times on one line are split at ``;`` (as
  Subtitle Edit's import does). Blank lines and lines starting with ``#`` are skipped, and so
  is a first line that starts with a letter or holds no digit (a header such as ``Timecode``).
- **ffmpeg's scene detection**: the log of
  ``ffmpeg -i in.mp4 -vf "select='gt(scene,0.4)',showinfo" -f null -`` (its stderr), the
  file of ``-vf "select='gt(scene,0.3)',metadata=print:file=scenes.txt"``, and ffprobe's
  frames in any of its writers:
  ``ffprobe -show_frames -of csv|json|xml|flat|compact|default|ini -f lavfi "movie=in.mp4,select=gt(scene\\,0.4)"``
  (each frame's ``pts_time``, else ``pkt_pts_time`` of older versions, else
  ``best_effort_timestamp_time``; in the CSV writer without keys, the sixth field of a full
  frame row, ``pts_time``, or else the first field asked for with ``-show_entries``).
- **PySceneDetect's** ``scenedetect -i in.mp4 list-scenes`` CSV: the start of every scene
  after the first (column ``Start Time (seconds)``, else ``Start Timecode``), or the
  ``Timecode List:`` line alone.
- **CMX 3600 EDLs** (``scenedetect ... save-edl``, editing systems): the record in and out
  times of the video events, relative to the earliest record in (the start of the
  programme, usually ``01:00:00:00``, is 0 ms: a video rendered from the timeline starts
  there). That start and the end of the last event are no shot changes. ``FCM: DROP FRAME``
  (or a ``;`` in a timecode) reads drop-frame timecode; audio-only events are skipped.
- **Aegisub keyframes** (``# keyframe format v1``, ``scenedetect ... save-keyframes``): frame
  numbers at the file's ``fps`` line (``fps 0``: not stated); frame 0 is the start of the video.
- **XML**: ffprobe's XML (above); Final Cut Pro 7 XML (``xmeml``: Premiere Pro, Resolve,
  ``scenedetect ... save-fcp --format fcp7``): where the clips and transitions of the sequence's
  enabled video tracks start and end, in frames at the sequence's rate (generator items, such
  as titles, left out); FCPXML (``scenedetect ... save-fcp``):
  where the items of the sequence's primary storyline start and end, from the sequence's ``tcStart``
  (connected clips left out); EZTitles' shot-change XML (``<shotchange frame="..."/>``); Matroska
  chapters (``ChapterTimeStart``). The start and the end of a timeline are no shot changes; a cut
  to a gap (black) and back is.
- **JSON**: ffprobe's JSON (above); an OpenTimelineIO timeline (``.otio``,
  ``scenedetect ... save-otio``): where the items of its video tracks start and end; a list of
  seconds, or of objects with a ``frame_time``, ``time`` or ``seconds`` in seconds.

**Bare whole numbers** (``300``, no unit): a time written without a decimal point means
nothing by itself. In a file of the ``.shotchanges`` extension (Subtitle Edit writes
seconds there) and in a list where any other time has a decimal point, it is seconds;
otherwise it is a frame number, as Subtitle Edit's shot-change import reads such a list by
default, with a warning saying so. Write ``300f``, ``12s`` or ``12000ms`` to leave no doubt.

**Frames** (frame numbers, SMPTE timecode, EDL and XML frames) count at the rate the file
states (Final Cut Pro 7 XML, a keyframe file's ``fps`` line), else at ``fps``; without one, at
25 frames a second (29.97 for drop-frame timecode), with a warning. Frame numbers
start at 0 (the first frame of the video).

The times come back sorted, each once (a list in any order is fine). A file without a
time, a line that is no time, a negative time, NaN, infinity and a time beyond
:data:`scribekit.timecode.MAX_MS` are a :class:`~scribekit.errors.ReadError` naming the line.
"""
from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from .errors import OptionError, ReadError, warn
from .textio import cue_file_lines, decode
from .timecode import MAX_MS, FrameRate, number_excerpt

if TYPE_CHECKING:
    from lxml import etree

__all__ = ["read_shot_changes"]

DEFAULT_FPS = 25
"""The frame rate frames are counted at when the caller gives none (29.97 for drop frame)."""

_RANGE_HINT = "scribekit reads times up to 10^12 ms, about 31 years"
_MAX_DIGITS = 30

_NUMBER = re.compile(r"(\d+)(?:[.,](\d+))?(?:\s*(s|secs?|seconds?|ms|msecs?|milliseconds?|f|fr|frames?))?",
                     re.IGNORECASE)
_CLOCK = re.compile(r"(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:[.,](\d+))?")
_NOT_A_NUMBER = re.compile(r"[+-]?(?:nan|inf|infinity)", re.IGNORECASE)
_SMPTE = re.compile(r"(\d{1,2})([:;])(\d\d)([:;])(\d\d)([:;])(\d\d)")
_DROP_LABEL = re.compile(r"\d{1,2}[:;]\d\d[:;]\d\d;\d\d")
_EDL_TIMECODE = re.compile(r"\d\d[:;.]\d\d[:;.]\d\d[:;.]\d\d")
_EDL_HEADER = re.compile(r"\s*(TITLE|FCM)\s*:", re.IGNORECASE)
_TIME_KEYS = ("pts_time", "pkt_pts_time", "best_effort_timestamp_time")
"""The keys of a frame's time in ffmpeg's and ffprobe's outputs, the preferred first."""
_KEYED = re.compile(r"(?<![A-Za-z0-9_])(pts_time|pkt_pts_time|best_effort_timestamp_time)[\"']?\s*[=:]\s*[\"']?"
                    r"([^\s\"'|,<>}]*)")
_SECTION = re.compile(r"\[(?:[A-Z][A-Z_]*|[a-z]+\.[\w.]+)\]")
"""A section header of ffprobe's default and ini writers (``[FRAME]``), which is no JSON."""
_JSON_KEYS = ("pts_time", "pkt_pts_time", "best_effort_timestamp_time", "frame_time", "time", "seconds")


@dataclass
class _Context:
    rate: FrameRate
    rate_given: bool
    bare_seconds: bool
    """Bare whole numbers are seconds (else frames)."""
    warned: set[str] = field(default_factory=set)

    def frames_ms(self, frames: int, line: int, drop_frame: bool = False) -> int:
        if not self.rate_given and "rate" not in self.warned:
            self.warned.add("rate")
            rate = "29.97" if drop_frame else str(self.rate)
            warn(f"frames counted at {rate} frames a second (no frame rate given: pass fps)", line=line)
        return _checked(self.rate.ms(frames), line)

    def timecode_frames(self, timecode: str, drop_frame: bool, line: int) -> int:
        """The frame a SMPTE timecode names, at the file's rate; drop-frame timecode without a rate
        given (or in the file) counts at 29.97 from then on."""
        if drop_frame and not self.rate.drop:
            if self.rate_given:
                raise ReadError(f"{_excerpt(timecode)} is drop-frame timecode, which exists at 29.97 and 59.94 "
                                f"frames a second, not at {self.rate}", line=line)
            self.rate = FrameRate(30000, 1001)
        try:
            return self.rate.parse(timecode, drop_frame)
        except ValueError as exc:
            raise ReadError(str(exc), line=line,
                            hint=None if self.rate_given else "pass the video's frame rate (fps)") from None


def read_shot_changes(data: bytes, filename: str | None = None, fps: float | None = None) -> tuple[int, ...]:
    """The shot changes of a file (``data``, its bytes) in milliseconds, sorted, each once.

    ``filename`` (or just its extension) tells how bare whole numbers are read; ``fps`` is
    the frame rate frames and timecodes count at (default 25, 29.97 for drop frame). See
    the module's description for the files read and their rules. ReadError for a file
    that is no shot-change list or has none; OptionError for an ``fps`` that is no frame
    rate.
    """
    rate = _rate_of(fps)
    text = decode(data)
    if text.startswith("\ufeff"):
        text = text[1:]
    stripped = text.lstrip()
    if not stripped:
        raise ReadError("the shot-change file is empty")
    extension = (filename or "").rpartition(".")[2].lower() if "." in (filename or "") else ""
    context = _Context(rate=rate or FrameRate(DEFAULT_FPS), rate_given=rate is not None,
                       bare_seconds=extension == "shotchanges")
    lines = cue_file_lines(text)
    if stripped.startswith("<"):
        times = _read_xml(text, context)
    elif stripped[0] == "{" or (stripped[0] == "[" and not _SECTION.match(stripped)):
        times = _read_json(text, context)
    elif lines[0].strip().lower().startswith("# keyframe format v1"):
        times = _read_keyframes(lines, context)
    elif _is_edl(lines):
        times = _read_edl(lines, context)
    elif _is_scenedetect(lines):
        times = _read_scenedetect(lines)
    elif any(line.startswith(("frame,", "video,")) for line in lines[:50]):
        times = _read_ffprobe_csv(lines)
    elif _KEYED.search(text):
        times = _read_keyed(lines)
    else:
        times = _read_list(lines, context)
    if not times:
        raise ReadError("no shot change in the file", hint="one time a line, e.g. 00:00:12.345 or 12.345")
    return tuple(sorted(set(times)))


def _rate_of(fps: float | None) -> FrameRate | None:
    if fps is None:
        return None
    if isinstance(fps, bool) or not isinstance(fps, (int, float, Fraction)) or not 0 < fps <= 1000:
        raise OptionError(f"{fps!r} is not a frame rate (a number of frames a second, up to 1000)")
    try:
        return FrameRate.of(fps)
    except (ValueError, OverflowError):
        raise OptionError(f"{fps!r} is not a frame rate") from None


def _checked(ms: int, line: int | None) -> int:
    if ms < 0:
        raise ReadError(f"a negative time ({ms} ms): a shot change is a time in the video", line=line)
    if ms > MAX_MS:
        raise ReadError(f"a time of {number_excerpt(ms)} ms is out of range", line=line, hint=_RANGE_HINT)
    return ms


def _int(digits: str, line: int | None) -> int:
    if len(digits) > _MAX_DIGITS:
        raise ReadError(f"a number of {len(digits)} digits is out of range", line=line, hint=_RANGE_HINT)
    return int(digits)


def _seconds(whole: str, fraction: str | None, line: int | None, scale: int = 1000) -> int:
    """Milliseconds of ``whole.fraction`` seconds (``scale`` 1: of milliseconds), halves up, exactly."""
    value = Fraction(_int(whole, line))
    if fraction:
        value += Fraction(_int(fraction[:_MAX_DIGITS].ljust(1, "0"), line), 10 ** min(len(fraction), _MAX_DIGITS))
    return _checked(math.floor(value * scale + Fraction(1, 2)), line)


def _excerpt(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:30] + "...")


def _not_a_time(token: str, line: int | None) -> ReadError:
    return ReadError(f"{_excerpt(token)} is not a time",
                     line=line, hint="write seconds (12.345), 12345ms, 300f, 00:00:12.345 or 00:00:12:05")


# --- plain lists ----------------------------------------------------------------------------------

def _tokens(lines: list[str]) -> Iterator[tuple[str, int]]:
    """The times of a list with their line numbers: comments, blank lines and a header skipped."""
    seen = False
    for number, raw in enumerate(lines, 1):
        line = raw.strip().strip("\ufeff")
        if not line or line.startswith("#"):
            continue
        if not seen and (line[0].isalpha() or not any(char.isdigit() for char in line)) \
                and not _NOT_A_NUMBER.fullmatch(line):
            seen = True  # a header such as "Timecode" or "time (s)"
            continue
        seen = True
        parts = [line] if ";" not in line or _DROP_LABEL.fullmatch(line) else line.split(";")
        for part in parts:
            part = part.strip()
            if part:
                yield part, number


def _read_list(lines: list[str], context: _Context) -> list[int]:
    tokens = list(_tokens(lines))
    if not context.bare_seconds:
        context.bare_seconds = any(_is_decimal_seconds(token) for token, _ in tokens)
    times = [_list_time(token, number, context) for token, number in tokens]
    return times


def _is_decimal_seconds(token: str) -> bool:
    match = _NUMBER.fullmatch(token)
    return bool(match and match.group(2) is not None and match.group(3) is None)


def _list_time(token: str, line: int, context: _Context) -> int:
    if token.startswith(("-", "\u2212")):
        raise ReadError(f"a negative time ({_excerpt(token)}): a shot change is a time in the video", line=line)
    token = token.lstrip("+")
    match = _NUMBER.fullmatch(token)
    if match:
        whole, fraction, unit = match.groups()
        unit = (unit or "").lower()
        if unit.startswith("m"):
            return _seconds(whole, fraction, line, scale=1)
        if unit.startswith("f") or (not unit and fraction is None and not context.bare_seconds):
            if fraction is not None:
                raise ReadError(f"{_excerpt(token)}: a frame number is a whole number", line=line)
            if not unit and "bare" not in context.warned:
                context.warned.update(("bare", "rate"))
                warn(f"whole numbers without a unit read as frame numbers at {context.rate} frames a second "
                     "(as Subtitle Edit's shot-change import does); write 12s, 12000ms or 300f to choose",
                     line=line)
            return context.frames_ms(_int(whole, line), line)
        return _seconds(whole, fraction, line)
    smpte = _SMPTE.fullmatch(token)
    if smpte:
        return _smpte_ms(token, ";" in token, line, context)
    clock = _CLOCK.fullmatch(token)
    if clock:
        hours, minutes, seconds, fraction = clock.groups()
        if int(minutes) > 59 or int(seconds) > 59:
            raise ReadError(f"{_excerpt(token)} is not a time (minutes and seconds go up to 59)", line=line)
        whole = _int(hours or "0", line) * 3600 + int(minutes) * 60 + int(seconds)
        return _seconds(str(whole), fraction, line)
    raise _not_a_time(token, line)


def _smpte_ms(token: str, drop_frame: bool, line: int, context: _Context) -> int:
    return context.frames_ms(context.timecode_frames(token, drop_frame, line), line, drop_frame)


# --- ffmpeg and ffprobe ---------------------------------------------------------------------------

def _keyed_seconds(value: str, line: int) -> int | None:
    """Milliseconds of a ``pts_time`` value; None for ``N/A``."""
    if value.upper() == "N/A" or not value:
        return None
    match = re.fullmatch(r"(\d+)(?:\.(\d+))?", value)
    if not match:
        if value.startswith("-"):
            raise ReadError(f"a negative time ({_excerpt(value)} s): the video's timestamps start before 0",
                            line=line)
        raise _not_a_time(value, line)
    return _seconds(match.group(1), match.group(2), line)


def _pick(record: dict[str, tuple[str, int]]) -> int | None:
    """The time of one frame: its first key of :data:`_TIME_KEYS` that holds one."""
    for key in _TIME_KEYS:
        if key in record:
            value, line = record[key]
            ms = _keyed_seconds(value, line)
            if ms is not None:
                return ms
    return None


def _read_keyed(lines: list[str]) -> list[int]:
    """Frames of ffmpeg's showinfo log and metadata=print file, and ffprobe's default, compact, flat,
    ini and XML writers: a frame's keys come together, and a key seen again starts the next frame."""
    times: list[int] = []
    record: dict[str, tuple[str, int]] = {}
    skipped: list[int] = []

    def close() -> None:
        if record:
            ms = _pick(record)
            if ms is None:
                skipped.append(min(line for _, line in record.values()))
            else:
                times.append(ms)
            record.clear()

    for number, line in enumerate(lines, 1):
        if ("[FRAME]" in line or "[frames.frame." in line or "<frame " in line
                or line.startswith("frame|")):
            close()
        for match in _KEYED.finditer(line):
            key, value = match.groups()
            if key in record:
                close()
            record[key] = (value, number)
    close()
    if skipped:
        warn(f"{len(skipped)} frame(s) without a time (N/A) skipped", line=skipped[0])
    return times


def _read_ffprobe_csv(lines: list[str]) -> list[int]:
    """ffprobe's CSV writer: ``frame,...`` rows (``video,...`` with ``csv=p=0``)."""
    times: list[int] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        fields = line.strip().split(",")
        keyed = [f for f in fields if "=" in f]
        if keyed:
            record = {k: (v, number) for k, _, v in (f.partition("=") for f in keyed) if k in _TIME_KEYS}
            ms = _pick(record)
        else:
            if fields[0] == "frame":
                fields = fields[1:]
            elif fields[0] != "video":
                raise ReadError(f"{_excerpt(line)} is not a row of ffprobe's frames", line=number)
            # a full frame row: media_type, stream_index, key_frame, pts, pts_time (pkt_pts, pkt_pts_time
            # before ffmpeg 5), ...; else the entries -show_entries asked for
            value = fields[4] if fields[0] == "video" and len(fields) >= 5 else fields[0]
            ms = _keyed_seconds(value, number)
            if ms is None and fields[0] == "video" and len(fields) >= 9:
                ms = _keyed_seconds(fields[8], number)  # best_effort_timestamp_time
        if ms is None:
            warn("a frame without a time (N/A) skipped", line=number)
        else:
            times.append(ms)
    return times


# --- PySceneDetect ------------------------------------------------------------------------------------

def _is_scenedetect(lines: list[str]) -> bool:
    return any(line.startswith(("Timecode List:", "Scene Number,")) for line in lines[:3])


def _read_scenedetect(lines: list[str]) -> list[int]:
    header: list[str] | None = None
    starts: list[int] = []
    cut_list: list[int] = []
    for number, row in enumerate(csv.reader(io.StringIO("\n".join(lines))), 1):
        if not row or not "".join(row).strip():
            continue
        if row[0].startswith("Timecode List:"):
            cut_list = [_clock_ms(value.strip(), number) for value in row[1:] if value.strip()]
        elif row[0] == "Scene Number":
            header = row
        elif header is None:
            raise ReadError(f"{_excerpt(','.join(row))}: a scene before the 'Scene Number,...' header", line=number)
        else:
            starts.append(_scene_start(header, row, number))
    return starts[1:] if header is not None else cut_list


def _scene_start(header: list[str], row: list[str], line: int) -> int:
    for column in ("Start Time (seconds)", "Start Timecode"):
        if column in header:
            index = header.index(column)
            if index >= len(row):
                raise ReadError(f"the row has no {column!r}", line=line)
            value = row[index].strip()
            if column.endswith("(seconds)"):
                match = re.fullmatch(r"(\d+)(?:\.(\d+))?", value)
                if not match:
                    raise _not_a_time(value, line)
                return _seconds(match.group(1), match.group(2), line)
            return _clock_ms(value, line)
    raise ReadError("the scene list has no 'Start Time (seconds)' or 'Start Timecode' column", line=1)


def _clock_ms(value: str, line: int | None) -> int:
    match = _CLOCK.fullmatch(value)
    if not match:
        raise _not_a_time(value, line)
    hours, minutes, seconds, fraction = match.groups()
    if int(minutes) > 59 or int(seconds) > 59:
        raise _not_a_time(value, line)
    whole = _int(hours or "0", line) * 3600 + int(minutes) * 60 + int(seconds)
    return _seconds(str(whole), fraction, line)


# --- Aegisub keyframes ----------------------------------------------------------------------------

def _read_keyframes(lines: list[str], context: _Context) -> list[int]:
    """Aegisub's keyframe format v1 (``scenedetect ... save-keyframes`` writes it): an ``fps`` line, then
    frame numbers; frame 0, the start of the video, is no shot change."""
    times: list[int] = []
    for number, raw in enumerate(lines[1:], 2):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.lower().startswith("fps"):
            value = line[3:].strip()
            if not re.fullmatch(r"\d{1,6}(?:\.\d{1,6})?", value):
                raise ReadError(f"{_excerpt(line)} is not a frame rate line (fps 23.976, or fps 0: not known)",
                                line=number)
            if float(value) > 0:
                context.rate, context.rate_given = _file_rate(value, number), True
            continue
        if not re.fullmatch(r"\d+", line):
            raise ReadError(f"{_excerpt(line)} is not a frame number", line=number)
        frame = _int(line, number)
        if frame:
            times.append(context.frames_ms(frame, number))
    return times


def _file_rate(value: str, line: int) -> FrameRate:
    try:
        return FrameRate.of(float(value))
    except ValueError:
        raise ReadError(f"{_excerpt(value)} is not a frame rate", line=line) from None


# --- EDL ----------------------------------------------------------------------------------------

def _is_edl(lines: list[str]) -> bool:
    for line in lines[:40]:
        if _EDL_HEADER.match(line) or _edl_event(line) is not None:
            return True
    return False


def _edl_event(line: str) -> tuple[str, str, str] | None:
    """The track, record in and record out of an event line (number, reel, track, transition and its
    duration, source in and out, record in and out), or None."""
    fields = line.split(None, 12) if len(line) <= 400 else []
    if len(fields) < 8 or not fields[0].isdigit() or len(fields[0]) > 6 \
            or not all(_EDL_TIMECODE.fullmatch(field) for field in fields[-4:]):
        return None
    return fields[2].upper(), fields[-2], fields[-1]


def _read_edl(lines: list[str], context: _Context) -> list[int]:
    drop_frame = False
    spans: list[tuple[int, int, int]] = []
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("*") or stripped.upper().startswith(("TITLE:", "M2 ", ">>>")):
            continue
        if stripped.upper().startswith("FCM"):
            drop_frame = "NON" not in stripped.upper() and "DROP" in stripped.upper()
            continue
        event = _edl_event(stripped)
        if event is None:
            if stripped[0].isdigit():
                raise ReadError(f"{_excerpt(stripped)} is not an EDL event (number, reel, track, transition, "
                                "then four timecodes)", line=number)
            continue  # notes of editing systems (SPLIT:, GPI, AUD, EFFECTS NAME ...)
        track, record_in, record_out = event
        if "V" not in track and track != "B":
            continue  # audio only
        marked = drop_frame or ";" in record_in or ";" in record_out
        start = context.timecode_frames(record_in, marked, number)
        end = context.timecode_frames(record_out, marked, number)
        if end < start:
            raise ReadError(f"the event ends ({record_out}) before it starts ({record_in})", line=number)
        spans.append((start, end, number))
    if not spans:
        raise ReadError("no video event in the EDL")
    origin = min(start for start, _, _ in spans)
    finish = max(end for _, end, _ in spans)
    edges = {(start, where) for start, _, where in spans} | {(end, where) for _, end, where in spans}
    cuts: dict[int, int] = {}
    for frame, where in sorted(edges):
        if origin < frame < finish:
            cuts.setdefault(frame - origin, where)
    return [context.frames_ms(frame, where, drop_frame) for frame, where in cuts.items()]




# --- XML and JSON -------------------------------------------------------------------------------

def _read_xml(text: str, context: _Context) -> list[int]:
    from .formats import _xml

    root = _xml.parse(text, "a shot-change file")
    tag = root.tag if isinstance(root.tag, str) else ""
    tag = tag.rpartition("}")[2]
    if tag == "ffprobe":
        return _read_keyed(cue_file_lines(text))
    if tag == "xmeml":
        return _read_xmeml(root, context)
    if tag == "fcpxml":
        return _read_fcpxml(root)
    if tag == "shotchanges":
        return _read_eztitles(root, context)
    if tag == "Chapters":
        return [_clock_ms(value.strip()[:40], node.sourceline)
                for node in root.iter("ChapterTimeStart") for value in [node.text or ""]]
    raise ReadError(f"an XML file of <{tag[:40]}> holds no shot changes scribekit reads",
                    hint="ffprobe's XML, Final Cut Pro XML (xmeml, fcpxml), EZTitles shot changes, Matroska chapters")


def _element_int(element: etree._Element, tag: str) -> int | None:
    text = element.findtext(tag)
    if text is None:
        return None
    text = text.strip()
    if not re.fullmatch(r"-?\d{1,15}", text):
        raise ReadError(f"<{tag}> of {_excerpt(text)} is not a number of frames", line=element.sourceline)
    return int(text)


def _read_xmeml(root: etree._Element, context: _Context) -> list[int]:
    sequence = root.find("sequence")
    if sequence is None:
        sequence = next(root.iter("sequence"), None)
    if sequence is None:
        raise ReadError("the Final Cut Pro XML has no <sequence>")
    rate = sequence.find("rate")
    if rate is not None:
        timebase = _element_int(rate, "timebase")
        if timebase is None or not 0 < timebase <= 1000:
            raise ReadError(f"a <timebase> of {timebase}", line=rate.sourceline)
        ntsc = (rate.findtext("ntsc") or "").strip().upper() == "TRUE"
        context.rate = FrameRate(timebase * 1000, 1001) if ntsc else FrameRate(timebase)
        context.rate_given = True
    edges: list[tuple[int, int]] = []
    for track in sequence.iterfind("media/video/track"):
        if _disabled(track):
            continue
        for item in track:
            if item.tag not in ("clipitem", "transitionitem") or _disabled(item):
                continue  # generator items: titles (and the cues scribekit writes), no shots
            for tag in ("start", "end"):
                frame = _element_int(item, tag)
                if frame is not None and frame >= 0:
                    edges.append((frame, item.sourceline or 0))
    if not edges:
        raise ReadError("the Final Cut Pro XML's sequence has no video clip")
    first = min(frame for frame, _ in edges)
    last = max(frame for frame, _ in edges)
    return [context.frames_ms(frame, line) for frame, line in edges if first < frame < last]


_FCPXML_TIME = re.compile(r"(\d{1,18})(?:/(\d{1,18}))?s")
_FCPXML_ITEMS = frozenset({"asset-clip", "clip", "ref-clip", "sync-clip", "mc-clip", "video", "gap", "title",
                           "audition", "transition"})


def _fcpxml_time(element: etree._Element, name: str) -> Fraction:
    value = (element.get(name) or "0s").strip()
    match = _FCPXML_TIME.fullmatch(value)
    if not match or match.group(2) == "0" or (match.group(2) is None and "/" in value):
        raise ReadError(f"{name}={_excerpt(value)} is not an FCPXML time (such as 1001/30000s)",
                        line=element.sourceline)
    return Fraction(int(match.group(1)), int(match.group(2) or 1))


def _read_fcpxml(root: etree._Element) -> list[int]:
    """The edges of the clips, gaps and transitions of the first sequence's primary storyline (its spine),
    from the sequence's start (``tcStart``); connected clips are left out."""
    sequence = next(root.iter("sequence"), None)
    spine = sequence.find("spine") if sequence is not None else None
    if sequence is None or spine is None:
        raise ReadError("the FCPXML has no <sequence> with a <spine>")
    origin = _fcpxml_time(sequence, "tcStart")
    edges: list[tuple[Fraction, int]] = []
    for item in spine:
        if not isinstance(item.tag, str) or item.tag not in _FCPXML_ITEMS:
            continue
        offset = _fcpxml_time(item, "offset") - origin
        edges.append((offset, item.sourceline or 0))
        if item.tag != "transition":
            edges.append((offset + _fcpxml_time(item, "duration"), item.sourceline or 0))
    if not edges:
        raise ReadError("the FCPXML's spine holds no clip")
    first = min(edge for edge, _ in edges)
    last = max(edge for edge, _ in edges)
    return [_fraction_ms(edge, line) for edge, line in edges if first < edge < last]


def _fraction_ms(seconds: Fraction, line: int | None) -> int:
    return _checked(math.floor(seconds * 1000 + Fraction(1, 2)), line)


def _read_otio(timeline: dict[str, Any]) -> list[int]:
    """The edges of the items of an OpenTimelineIO timeline's video tracks (``scenedetect ... save-otio``)."""
    stack = timeline.get("tracks")
    tracks = stack.get("children") if isinstance(stack, dict) else None
    if not isinstance(tracks, list):
        raise ReadError("the OpenTimelineIO timeline has no tracks")
    edges: list[Fraction] = []
    for track in tracks:
        if not isinstance(track, dict) or track.get("kind", "Video") != "Video":
            continue
        position = Fraction(0)
        for item in track.get("children") or ():
            if not isinstance(item, dict) or str(item.get("OTIO_SCHEMA", "")).startswith("Transition."):
                continue
            edges.append(position)
            position += _otio_duration(item, 0)
            edges.append(position)
    if not edges:
        raise ReadError("the OpenTimelineIO timeline has no video track with items")
    first, last = min(edges), max(edges)
    return [_fraction_ms(edge, None) for edge in edges if first < edge < last]


def _otio_duration(item: dict[str, Any], depth: int) -> Fraction:
    """Seconds an OTIO item lasts: its source range, else its media's available range, else (a stack or a
    track) what its children last."""
    if depth > 50:
        raise ReadError("OpenTimelineIO items nested too deep")
    ranges = [item.get("source_range")]
    references = item.get("media_references")
    if isinstance(references, dict):
        ranges.append((references.get(item.get("active_media_reference_key", "DEFAULT_MEDIA")) or {})
                      .get("available_range"))
    reference = item.get("media_reference")
    if isinstance(reference, dict):
        ranges.append(reference.get("available_range"))
    for span in ranges:
        if isinstance(span, dict) and isinstance(span.get("duration"), dict):
            return _otio_seconds(span["duration"])
    children = [child for child in item.get("children") or () if isinstance(child, dict)
                and not str(child.get("OTIO_SCHEMA", "")).startswith("Transition.")]
    lengths = [_otio_duration(child, depth + 1) for child in children]
    if str(item.get("OTIO_SCHEMA", "")).startswith("Stack."):
        return max(lengths, default=Fraction(0))
    return sum(lengths, Fraction(0))


def _otio_seconds(time: dict[str, Any]) -> Fraction:
    value, rate = time.get("value"), time.get("rate")
    if not all(isinstance(n, (int, float)) and not isinstance(n, bool) and math.isfinite(n) for n in (value, rate)) \
            or not 0 < rate <= 1e6 or not 0 <= value <= MAX_MS:  # type: ignore[operator]
        raise ReadError(f"an OpenTimelineIO time of {_excerpt(str(value))} at {_excerpt(str(rate))} "
                        "frames a second is out of range")
    return Fraction(value) / Fraction(rate)  # type: ignore[arg-type]


def _disabled(element: etree._Element) -> bool:
    return (element.findtext("enabled") or "").strip().upper() == "FALSE"


def _read_eztitles(root: etree._Element, context: _Context) -> list[int]:
    times: list[int] = []
    for node in root.iter("shotchange"):
        value = (node.get("frame") or "").strip()
        if not re.fullmatch(r"\d{1,15}", value):
            raise ReadError(f"frame={_excerpt(value)} is not a frame number", line=node.sourceline)
        times.append(context.frames_ms(int(value), node.sourceline or 0))
    return times


def _read_json(text: str, context: _Context) -> list[int]:
    try:
        document = json.loads(text, parse_constant=_refuse_constant)
    except ValueError as exc:
        line = getattr(exc, "lineno", None)
        raise ReadError(f"not valid JSON: {str(exc)[:100]}", line=line) from None
    except RecursionError:
        raise ReadError("JSON nested too deep for a shot-change file") from None
    if isinstance(document, dict) and str(document.get("OTIO_SCHEMA", "")).startswith("Timeline."):
        return _read_otio(document)
    times: list[int] = []
    for index, value in enumerate(_json_times(document), 1):
        times.append(_json_time(value, index, context))
    return times


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a time")


def _json_times(document: Any) -> Iterable[Any]:
    if isinstance(document, dict):
        for key in ("frames", "shot_changes", "shotchanges", "shots", "scenes", "cuts"):
            if isinstance(document.get(key), list):
                return _json_times(document[key])
        raise ReadError("the JSON holds no list of frames or times",
                        hint="ffprobe -of json, a list of seconds, or objects with a 'time' in seconds")
    if not isinstance(document, list):
        raise ReadError("the JSON holds no list of times")
    values: list[Any] = []
    for item in document:
        if isinstance(item, dict):
            found = next((item[key] for key in _JSON_KEYS if key in item and item[key] not in (None, "N/A")), None)
            if found is None:
                raise ReadError(f"item {len(values) + 1} of the JSON list has no time",
                                hint=f"keys read: {', '.join(_JSON_KEYS)}")
            values.append(found)
        else:
            values.append(item)
    return values


def _json_time(value: Any, index: int, context: _Context) -> int:
    where = f"item {index} of the JSON list"
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ReadError(f"{where}: {_excerpt(str(value))} is not a time")
    if isinstance(value, str):
        saved = context.bare_seconds
        context.bare_seconds = True
        try:
            return _list_time(value.strip(), index, context)
        except ReadError as exc:
            raise ReadError(f"{where}: {exc.message}") from None
        finally:
            context.bare_seconds = saved
    if isinstance(value, float) and not math.isfinite(value):
        raise ReadError(f"{where}: {value!r} is not a time")
    if value < 0:
        raise ReadError(f"{where}: a negative time ({number_excerpt(value)} s)")
    if value > MAX_MS // 1000:
        raise ReadError(f"{where}: a time of {number_excerpt(value)} seconds is out of range", hint=_RANGE_HINT)
    return _checked(math.floor(Fraction(value) * 1000 + Fraction(1, 2)), None)
