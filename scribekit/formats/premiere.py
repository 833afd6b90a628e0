"""Premiere Pro XML: Final Cut Pro 7 "xmeml" version 4, which Premiere imports and exports.

Writing
    One sequence at the rate asked for (``timebase`` and ``ntsc``: 23.976 is 24 and
    TRUE, 29.97 is 30 and TRUE), its timecode (the start timecode, drop frame when
    asked) and its frame size. Per cue, as ``premiere_content`` asks, a text
    generator clip on a video track (lines separated by carriage returns, which
    Premiere shows as line breaks) and/or a sequence marker: name = the speaker,
    comment = the text, in and out = the cue's frames from the sequence start
    (``markers_per turn``: one marker per speaker turn). Cues that overlap go on
    further video tracks. Times are rounded to frames without making a cue end
    before it starts or two cues overlap (see ``timecode.frame_spans``). The
    document is UTF-8 bytes, written cue by cue. Facts: docs/formats.md §6.

Reading
    The first sequence's text generator clips become cues (the text of the
    generator's text parameter, in and out from the clip's start and end), each
    with the speaker of the marker that spans it; without generator text, the
    sequence markers become cues (comment = text, name = speaker; a marker
    without an out point lasts no time). Times count from the sequence start.
    The parser expands no entities, loads no DTD and touches no network.
"""
from __future__ import annotations

import bisect
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, BinaryIO

from ..errors import OptionError, ReadError, warn
from ..model import Cue, Metadata, Speaker, Transcript
from ..timecode import FrameRate, frame_spans, timecode_settings
from ._editing import (
    MARKERS_PER,
    TimelineOptions,
    check_size,
    choice,
    escape_text,
    not_before_zero,
    plain_lines,
    report_dropped,
    turns,
    xml_text,
)
from ._xml import parse as parse_xml

if TYPE_CHECKING:
    from lxml import etree
from . import describe

FORMAT = describe(__name__, name="premiere", title="Premiere Pro XML (Final Cut Pro 7 xmeml): captions and markers",
                  extensions=("xml", "xmeml"), kind="subtitle", aliases=("xmeml", "premiere-xml", "fcp7"),
                  priority=120)

__all__ = ["Options", "read", "sniff", "write_cues"]

_CONTENTS = {"captions": ("captions",), "markers": ("markers",), "both": ("captions", "markers"),
             "captions,markers": ("captions", "markers"), "markers,captions": ("captions", "markers")}
MAX_FRAMES = 10**10
"""Frame counts read from a file are below this (over ten years at 30 frames a second)."""
NAME_LENGTH = 60
"""Characters of a cue's text that name its generator clip."""


@dataclass(frozen=True)
class Options(TimelineOptions):
    premiere_content: str = field(default="both", metadata={
        "help": "captions (a text generator clip a cue), markers, or both"})
    markers_per: str = field(default="cue", metadata={"help": "a marker for each cue, or for each speaker turn"})
    width: int = field(default=1920, metadata={"help": "frame width in pixels"})
    height: int = field(default=1080, metadata={"help": "frame height in pixels"})
    title: str | None = field(default=None, metadata={"help": "the document's title (default: the file name)"})

    def __post_init__(self) -> None:
        super().__post_init__()
        rate = self.rate
        if rate.denominator not in (1, 1001) or (rate.denominator == 1001 and rate.numerator % 1000):
            raise OptionError(f"xmeml counts whole frame rates (and the NTSC rates 23.976, 29.97, 59.94), "
                              f"not {self.fps}")
        choice("premiere_content", self.premiere_content, _CONTENTS)
        choice("markers_per", self.markers_per, MARKERS_PER)
        check_size(self.width, self.height)

    @property
    def contents(self) -> tuple[str, ...]:
        return _CONTENTS[self.premiere_content.lower().replace(" ", "")]


# --- writing ---------------------------------------------------------------------------------
# Written as text, cue by cue, into one buffer: the bytes lxml's pretty printer gave for a tree
# of the same elements, without the tree (about 11 KB a cue).


def _rate(rate: FrameRate, indent: str) -> str:
    return (f"{indent}<rate>\n{indent}  <timebase>{rate.base}</timebase>\n"
            f"{indent}  <ntsc>{'TRUE' if rate.ntsc else 'FALSE'}</ntsc>\n{indent}</rate>\n")


def _generator(number: int, name: str, start: int, end: int, value: str, rate: str) -> str:
    """A text generator clip: ``rate`` is its ``<rate>`` element, indented."""
    length = end - start
    return f"""          <generatoritem id="caption-{number}">
            <name>{escape_text(name)}</name>
            <duration>{length}</duration>
{rate}            <start>{start}</start>
            <end>{end}</end>
            <in>0</in>
            <out>{length}</out>
            <enabled>TRUE</enabled>
            <effect>
              <name>Outline Text</name>
              <effectid>Outline Text</effectid>
              <effectcategory>Text</effectcategory>
              <effecttype>generator</effecttype>
              <mediatype>video</mediatype>
              <parameter>
                <parameterid>str</parameterid>
                <name>Text</name>
                <value>{escape_text(value)}</value>
              </parameter>
            </effect>
          </generatoritem>
"""


_TRACK_END = "          <enabled>TRUE</enabled>\n          <locked>FALSE</locked>\n        </track>\n"


def write_cues(cues: list[Cue], transcript: Transcript, options: Options | None = None) -> bytes:
    out = io.BytesIO()
    _write_into(out, cues, transcript, options or Options())
    return out.getvalue()  # the buffer itself, not a copy


def _write_into(out: BinaryIO, cues: list[Cue], transcript: Transcript, options: Options) -> None:
    """The document, written into ``out`` cue by cue (warnings once it is whole)."""
    rate, start_frame, drop_frame = timecode_settings(options.fps, options.start_timecode, options.drop_frame)
    spans = not_before_zero(frame_spans([(cue.start, cue.end) for cue in cues], rate), "sequence")
    contents = options.contents
    dropped: list[int] = []
    name = xml_text(options.title or transcript.metadata.filename or "Transcript", dropped)

    # the first track free at each cue's start (overlapping cues go on further tracks)
    lanes: list[list[int]] = []
    track_ends: list[int] = []
    last_frame = max((end for _, end in spans), default=0)
    if "captions" in contents:
        for index, (start, end) in enumerate(spans):
            end = max(end, start + 1)  # a clip lasts a frame at least
            last_frame = max(last_frame, end)
            lane = next((i for i, track_end in enumerate(track_ends) if track_end <= start), len(track_ends))
            if lane == len(track_ends):
                track_ends.append(end)
                lanes.append([])
            track_ends[lane] = end
            lanes[lane].append(index)

    out.write(f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE xmeml>
<xmeml version="4">
  <sequence id="sequence-1">
    <name>{escape_text(name)}</name>
    <duration>{last_frame}</duration>
{_rate(rate, "    ")}    <timecode>
{_rate(rate, "      ")}      <string>{rate.format(start_frame, drop_frame=drop_frame)}</string>
      <frame>{start_frame}</frame>
      <displayformat>{"DF" if drop_frame else "NDF"}</displayformat>
    </timecode>
    <media>
      <video>
        <format>
          <samplecharacteristics>
{_rate(rate, "            ")}            <width>{options.width}</width>
            <height>{options.height}</height>
            <anamorphic>FALSE</anamorphic>
            <pixelaspectratio>square</pixelaspectratio>
            <fielddominance>none</fielddominance>
          </samplecharacteristics>
        </format>
""".encode())
    item_rate = _rate(rate, "            ")
    for track in lanes or [[]]:
        out.write(b"        <track>\n")
        for index in track:
            start, end = spans[index]
            lines = [xml_text(line, dropped) for line in plain_lines(cues[index])]
            label = " ".join(lines)
            label = label if len(label) <= NAME_LENGTH else label[:NAME_LENGTH - 1].rstrip() + "…"
            out.write(_generator(index + 1, label, start, max(end, start + 1), "\r".join(lines), item_rate).encode())
        out.write(_TRACK_END.encode())
    out.write(b"      </video>\n      <audio/>\n    </media>\n")

    if "markers" in contents:
        if options.markers_per.lower() == "turn":
            groups: Iterable[tuple[list[int], int, int]] = turns(cues, spans)
        else:
            groups = (([index], start, end) for index, (start, end) in enumerate(spans))
        for run, start, end in groups:
            speaker = xml_text(transcript.speaker_name(cues[run[0]].speaker) or "", dropped)
            comment = xml_text(" ".join(" ".join(plain_lines(cues[i])) for i in run), dropped)
            out.write(f"""    <marker>
      <name>{escape_text(speaker)}</name>
      <comment>{escape_text(comment)}</comment>
      <in>{start}</in>
      <out>{end if end > start else -1}</out>
    </marker>
""".encode())
    out.write(b"  </sequence>\n</xmeml>\n")
    report_dropped(dropped, "xmeml")


# --- reading ---------------------------------------------------------------------------------

_COMMENT = re.compile(r"<!--.*?(-->|$)", re.DOTALL)
_FIRST_TAG = re.compile(r"<([A-Za-z_][\w.:-]*)")


def sniff(text: str) -> bool:
    """True when the document's root element is xmeml (looks at the head only)."""
    head = text[:16384].lstrip("\ufeff \t\r\n")
    if not head.startswith("<"):
        return False
    head = re.sub(r"<!DOCTYPE[^>]*>", "", _COMMENT.sub("", head))
    match = _FIRST_TAG.search(_without_instructions(head))
    return match is not None and match.group(1) == "xmeml"


def _without_instructions(head: str) -> str:
    """``head`` without its processing instructions (``<?...?>`` without a ``>`` inside), in linear
    time: a pattern would scan from each ``<?`` to the next ``>`` (quadratic on ``<?<?<?...``)."""
    pieces = []
    at = 0
    while True:
        start = head.find("<?", at)
        end = head.find(">", start + 2) if start >= 0 else -1
        if end < 0:
            break
        if end - 1 >= start + 2 and head[end - 1] == "?":
            pieces.append(head[at:start])
        else:
            pieces.append(head[at:end + 1])
        at = end + 1
    pieces.append(head[at:])
    return "".join(pieces)


def _int(element: etree._Element | None, tag: str, where: str) -> int:
    """The frame count in ``element``'s child ``tag``; ReadError naming the line otherwise."""
    child = element.find(tag) if element is not None else None
    text = (child.text or "").strip() if child is not None else ""
    number: float | int | None = None
    if re.fullmatch(r"-?\d{1,12}", text):
        number = int(text)
    elif re.fullmatch(r"-?\d{1,12}\.0*", text):
        number = int(float(text))
    if number is not None and abs(number) < MAX_FRAMES:
        return int(number)
    line = child.sourceline if child is not None else (element.sourceline if element is not None else None)
    shown = text if len(text) <= 24 else text[:20] + "..."
    problem = f"no <{tag}>" if child is None else f"<{tag}> {shown!r} is not a frame count"
    raise ReadError(f"{where}: {problem}", line=line)


def _rate_of(element: etree._Element) -> FrameRate | None:
    rate = element.find("rate")
    if rate is None:
        return None
    timebase = _int(rate, "timebase", "rate")
    if timebase <= 0 or timebase > 1000:
        raise ReadError(f"a timebase of {timebase} frames a second", line=rate.sourceline)
    ntsc = (rate.findtext("ntsc") or "").strip().upper() == "TRUE"
    return FrameRate(timebase * 1000, 1001) if ntsc else FrameRate(timebase)


def _text(element: etree._Element, tag: str) -> str:
    return (element.findtext(tag) or "").strip()


def _generator_text(item: etree._Element) -> str | None:
    """The text of a text generator clip (parameter ``str`` or named Text), None for other generators."""
    for effect in item.iter("effect"):
        if (effect.findtext("effecttype") or "").strip() != "generator":
            continue
        for parameter in effect.iter("parameter"):
            key = (parameter.findtext("parameterid") or "").strip()
            if key == "str" or (not key and _text(parameter, "name").lower() == "text"):
                return parameter.findtext("value") or ""
    return None


def read(text: str) -> Transcript:
    root = parse_xml(text, "a Premiere or Final Cut Pro 7 export")
    if root.tag != "xmeml":
        raise ReadError(f"the root element is <{str(root.tag)[:40]}>, not <xmeml>")
    sequence = root.find("sequence")
    if sequence is None:
        sequence = next(root.iter("sequence"), None)
    if sequence is None:
        raise ReadError("the xmeml holds no <sequence>")
    rate = _rate_of(sequence)
    if rate is None:
        raise ReadError("the sequence has no <rate> (timebase)", line=sequence.sourceline)

    markers = []
    for marker in sequence.findall("marker"):
        start = _int(marker, "in", "marker")
        end = _int(marker, "out", "marker") if marker.find("out") is not None else -1
        markers.append((start, max(end, start), _text(marker, "name"), (marker.findtext("comment") or "").strip()))

    items: list[tuple[int, int, str]] = []
    skipped = 0
    media = sequence.find("media")
    video = media.find("video") if media is not None else None
    for track in video.findall("track") if video is not None else []:
        for item in track.findall("generatoritem"):
            value = _generator_text(item)
            if value is None:
                continue
            start, end = _int(item, "start", "generator clip"), _int(item, "end", "generator clip")
            if start < 0 or end < 0:
                skipped += 1  # -1: its edge lies in a transition
                continue
            items.append((start, max(end, start), value))
    if skipped:
        warn(f"{skipped} text generator clip(s) whose start or end lies in a transition skipped")

    to_ms = rate.ms
    cues: list[Cue] = []
    if items:
        exact: dict[tuple[int, int], str] = {}
        for start, end, name, _ in markers:
            exact.setdefault((start, end), name)
        spans = sorted((start, end, name) for start, end, name, _ in markers)
        starts = [span[0] for span in spans]
        for start, end, value in sorted(items, key=lambda item: item[:2]):
            lines = [line.strip() for line in re.split(r"\r\n|\r|\n", value) if line.strip()]
            speaker = _speaker_of(start, end, exact, starts, spans)
            cues.append(Cue(to_ms(start), to_ms(end), lines, speaker or None))
    else:
        empty = 0
        for start, end, name, comment in sorted(markers, key=lambda marker: marker[:2]):
            if not name and not comment:
                empty += 1
                continue
            lines = [line.strip() for line in comment.splitlines() if line.strip()]
            cues.append(Cue(to_ms(start), to_ms(end), lines, name or None))
        if empty:
            warn(f"{empty} marker(s) with neither a name nor a comment skipped")
    if not cues:
        raise ReadError("the sequence holds no text generator clips and no markers to read as cues")
    speakers: dict[str, Speaker] = {}
    for cue in cues:
        if cue.speaker is not None and cue.speaker not in speakers:
            speakers[cue.speaker] = Speaker(cue.speaker, cue.speaker)
    extra = {"fps": str(rate), "sequence": _text(sequence, "name")}
    return Transcript(cues=cues, speakers=list(speakers.values()),
                      metadata=Metadata(source="premiere", extra=extra))


def _speaker_of(start: int, end: int, exact: dict[tuple[int, int], str], starts: list[int],
                spans: list[tuple[int, int, str]]) -> str:
    """The name of the marker of the same span, else of the latest marker starting at or
    before ``start`` that lasts past ``end``."""
    name = exact.get((start, end))
    if name is not None:
        return name
    index = bisect.bisect_right(starts, start) - 1
    if index >= 0 and spans[index][1] >= end and spans[index][1] > spans[index][0]:
        return spans[index][2]
    return ""
