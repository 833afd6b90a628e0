"""Final Cut Pro X: FCPXML 1.10 by default, 1.8 to 1.11 on request (written only).

A library holds one event and one project whose sequence has the rate, frame size
and start timecode asked for (``tcFormat`` DF when drop frame is asked). Its spine
is one gap as long as the transcript, carrying, as ``fcpxml_content`` asks:

- ``captions``: one ``caption`` a cue, anchored in lane 1, role
  ``iTT?captionFormat=ITT.<language>`` (or ``SRT?captionFormat=SRT.<language>``
  with ``fcpxml_caption_format srt``); italics, bold and underline kept;
- ``titles``: one Basic Title a cue instead, at the bottom of the frame;
- ``markers``: one marker a cue (or a speaker turn, ``markers_per turn``): value =
  the speaker (the text when there is none), note = the text.

Times are rational seconds on frame boundaries (``1001/30000s`` is one frame at
29.97), counted from the start timecode as FCP counts them. Captions and titles
show one at a time: cues that overlap are cut apart (with a warning). The DTDs
Apple publishes for each version validate the output (tests). The document is UTF-8
bytes, written cue by cue. Facts: docs/formats.md §7.
"""
from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import BinaryIO

from ..errors import OptionError, warn
from ..markup import FOREIGN_MARKUP, STYLE_TAG, cue_text
from ..model import Cue, Transcript
from ..timecode import FrameRate, frame_spans, timecode_settings
from . import describe
from ._editing import (
    MARKERS_PER,
    TimelineOptions,
    check_size,
    choice,
    escape_attribute,
    escape_text,
    not_before_zero,
    plain_lines,
    report_dropped,
    turns,
    xml_text,
)

FORMAT = describe(__name__, name="fcpxml",
                  title="Final Cut Pro X FCPXML 1.8 to 1.11: captions or titles, and markers",
                  extensions=("fcpxml", "fcp"), kind="subtitle", aliases=("fcp", "fcpx"), priority=130)

__all__ = ["VERSIONS", "Options", "write_cues"]

VERSIONS = ("1.8", "1.9", "1.10", "1.11")
_CONTENT_WORDS = ("captions", "titles", "markers")
_CAPTION_FORMATS = {"itt": "iTT?captionFormat=ITT.{}", "srt": "SRT?captionFormat=SRT.{}"}
BASIC_TITLE_UID = ".../Titles.localized/Bumper:Opener.localized/Basic Title.localized/Basic Title.moti"
# Basic Title's position and alignment parameters (Motion template keys).
_POSITION_KEY = "9999/999166631/999166633/1/100/101"
_ALIGNMENT_KEY = "9999/999166631/999166633/2/354/999169573/401"
_FORMAT_NAMES = {(1920, 1080): "FFVideoFormat1080p{}", (1280, 720): "FFVideoFormat720p{}",
                 (3840, 2160): "FFVideoFormat3840x2160p{}", (4096, 2160): "FFVideoFormat4096x2160p{}"}
_RATE_NAMES = {FrameRate(24000, 1001): "2398", FrameRate(24): "24", FrameRate(25): "25",
               FrameRate(30000, 1001): "2997", FrameRate(30): "30", FrameRate(50): "50",
               FrameRate(60000, 1001): "5994", FrameRate(60): "60"}
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")


@dataclass(frozen=True)
class Options(TimelineOptions):
    fcpxml_version: str = field(default="1.10", metadata={"help": "FCPXML version: 1.8, 1.9, 1.10 or 1.11"})
    fcpxml_content: str = field(default="captions,markers", metadata={
        "help": "what the timeline carries: captions or titles (Basic Title), and/or markers, comma-separated"})
    fcpxml_caption_format: str = field(default="itt", metadata={"help": "caption role: itt or srt"})
    markers_per: str = field(default="cue", metadata={"help": "a marker for each cue, or for each speaker turn"})
    language: str | None = field(default=None, metadata={
        "help": "language of the text, for its no-break rules (default: the transcript's)"})
    width: int = field(default=1920, metadata={"help": "frame width in pixels"})
    height: int = field(default=1080, metadata={"help": "frame height in pixels"})
    title: str | None = field(default=None, metadata={"help": "the document's title (default: the file name)"})

    def __post_init__(self) -> None:
        super().__post_init__()
        choice("fcpxml_version", self.fcpxml_version, VERSIONS)
        choice("fcpxml_caption_format", self.fcpxml_caption_format, _CAPTION_FORMATS)
        choice("markers_per", self.markers_per, MARKERS_PER)
        words = self.contents
        unknown = [word for word in words if word not in _CONTENT_WORDS]
        if unknown or not words:
            raise OptionError(f"fcpxml_content takes captions or titles, and markers (comma-separated), "
                              f"not {self.fcpxml_content!r}")
        if "captions" in words and "titles" in words:
            raise OptionError("fcpxml_content: captions or titles, not both")
        if self.language is not None and not _LANGUAGE.fullmatch(self.language):
            raise OptionError(f"language {self.language!r} is not a language code such as en or pt-BR")
        check_size(self.width, self.height)

    @property
    def contents(self) -> tuple[str, ...]:
        words = [word.strip().lower() for word in self.fcpxml_content.split(",") if word.strip()]
        if words == ["both"]:
            words = ["captions", "markers"]
        return tuple(words)


def rational(frames: int, rate: FrameRate) -> str:
    """``frames`` as FCPXML time: rational seconds (``1001/30000s``), whole ones as ``5s``."""
    numerator = frames * rate.denominator
    if numerator % rate.numerator == 0:
        return f"{numerator // rate.numerator}s"
    return f"{numerator}/{rate.numerator}s"


def _runs(text: str) -> list[tuple[str, bool, bool, bool]]:
    """The text split where its <i>, <b>, <u> styling changes: (text, italic, bold, underline)."""
    state = {"i": False, "b": False, "u": False}
    runs: list[tuple[str, bool, bool, bool]] = []
    position = 0
    for match in [*STYLE_TAG.finditer(text), None]:
        end = match.start() if match else len(text)
        if end > position:
            piece = text[position:end]
            style = (state["i"], state["b"], state["u"])
            if runs and runs[-1][1:] == style:
                runs[-1] = (runs[-1][0] + piece, *style)
            else:
                runs.append((piece, *style))
        if match:
            state[match.group(2).lower()] = not match.group(1)
            position = match.end()
    return runs


class _Writer:
    """The text of each element, as lxml's pretty printer wrote it for a tree of them (the tree
    held about 11 KB a cue)."""

    def __init__(self, options: Options, rate: FrameRate, offset: int) -> None:
        self.options = options
        self.rate = rate
        self.offset = offset
        self.styles = 0
        self.dropped: list[int] = []

    def time(self, frames: int) -> str:
        return rational(frames, self.rate)

    def text_block(self, cue: Cue, base: str, caption: bool, placement: bool) -> str:
        """``<text>`` of the cue's runs, each referring to a ``<text-style-def>`` of its style
        (written after it), indented as children of a clip in the gap."""
        text = "\n".join(line.strip() for line in cue_text(cue.lines).split("\n") if line.strip())
        runs = _runs(text)
        if "<" in text:
            runs = [(FOREIGN_MARKUP.sub("", piece), italic, bold, underline) for piece, italic, bold, underline in runs]
        # mixed content: no indentation inside <text>, it would be text
        parts = ['                <text placement="bottom">' if placement else "                <text>"]
        definitions: dict[tuple[bool, bool, bool], str] = {}
        for piece, italic, bold, underline in runs:
            key = (italic, bold, underline)
            if key not in definitions:
                self.styles += 1
                definitions[key] = f"ts{self.styles}"
            parts.append(f'<text-style ref="{definitions[key]}">{escape_text(xml_text(piece, self.dropped))}'
                         f'</text-style>')
        parts.append("</text>\n")
        for (italic, bold, underline), identifier in definitions.items():
            style = base
            if italic:
                style += ' italic="1"'
            if bold:
                style += ' bold="1"'
            if underline and caption:
                style += ' underline="1"'
            parts.append(f'                <text-style-def id="{identifier}">\n'
                         f'                  <text-style {style}/>\n                </text-style-def>\n')
        return "".join(parts)


def write_cues(cues: list[Cue], transcript: Transcript, options: Options | None = None) -> bytes:
    out = io.BytesIO()
    _write_into(out, cues, transcript, options or Options())
    return out.getvalue()  # the buffer itself, not a copy


def _write_into(out: BinaryIO, cues: list[Cue], transcript: Transcript, options: Options) -> None:
    """The document, written into ``out`` cue by cue (warnings once it is whole)."""
    rate, offset, drop_frame = timecode_settings(options.fps, options.start_timecode, options.drop_frame)
    contents = options.contents
    writer = _Writer(options, rate, offset)
    time = writer.time
    shown = "captions" in contents or "titles" in contents
    order = sorted(range(len(cues)), key=lambda i: cues[i].start) if shown else list(range(len(cues)))
    cues = [cues[i] for i in order]
    times = [(cue.start, cue.end) for cue in cues]
    spans = not_before_zero(frame_spans(times, rate, separate=shown), "project")
    if shown:
        overlapping = [number for number, (cue, following) in enumerate(zip(cues, cues[1:]), 1)
                       if cue.end > following.start]
        if overlapping:
            listed = ", ".join(map(str, overlapping[:8])) + (
                f" and {len(overlapping) - 8} more" if len(overlapping) > 8 else "")
            warn(f"cue(s) {listed} overlap the next; cut to end where it starts (FCP shows one caption at a time)")
    length = max([end for _, end in spans] + [start + 1 for start, _ in spans] + [1])
    name = escape_attribute(xml_text(options.title or transcript.metadata.filename or "Transcript", writer.dropped))
    language = options.language or transcript.metadata.language or "en"
    language = language.replace("_", "-") if _LANGUAGE.fullmatch(language) else "en"

    pattern = _FORMAT_NAMES.get((options.width, options.height))
    format_name = f' name="{pattern.format(_RATE_NAMES[rate])}"' if pattern and rate in _RATE_NAMES else ""
    effect = (f'    <effect id="r2" name="Basic Title" uid="{BASIC_TITLE_UID}"/>\n'
              if "titles" in contents else "")
    gap = (f'            <gap name="Gap" offset="{time(offset)}" start="{time(offset)}" duration="{time(length)}"'
           + (">" if cues else "/>"))  # nothing in it: an empty element
    out.write(f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE fcpxml>
<fcpxml version="{escape_attribute(options.fcpxml_version)}">
  <resources>
    <format id="r1"{format_name} frameDuration="{time(1)}" width="{options.width}" height="{options.height}"/>
{effect}  </resources>
  <library>
    <event name="{name}">
      <project name="{name}">
        <sequence format="r1" duration="{time(length)}" tcStart="{time(offset)}" \
tcFormat="{"DF" if drop_frame else "NDF"}" audioLayout="stereo" audioRate="48k">
          <spine>
{gap}
""".encode())

    if "captions" in contents:
        role = escape_attribute(_CAPTION_FORMATS[options.fcpxml_caption_format.lower()].format(language))
        itt = options.fcpxml_caption_format.lower() == "itt"
        base = ('font=".AppleSystemUIFont" fontSize="13" fontFace="Regular" fontColor="1 1 1 1" '
                'backgroundColor="0 0 0 1"')
        for cue, (start, end) in zip(cues, spans):
            out.write(f'              <caption lane="1" offset="{time(offset + start)}" '
                      f'name="{escape_attribute(_label(cue, writer.dropped))}" duration="{time(end - start)}" '
                      f'role="{role}">\n{writer.text_block(cue, base, caption=True, placement=itt)}'
                      f'              </caption>\n'.encode())
    elif "titles" in contents:
        size = max(round(options.height * 0.058), 12)
        base = f'font="Helvetica" fontSize="{size}" fontFace="Regular" fontColor="1 1 1 1" alignment="center"'
        params = (f'                <param name="Position" key="{_POSITION_KEY}" '
                  f'value="0 -{round(options.height * 0.4)}"/>\n'
                  f'                <param name="Alignment" key="{_ALIGNMENT_KEY}" value="1 (Center)"/>\n')
        for cue, (start, end) in zip(cues, spans):
            out.write(f'              <title ref="r2" lane="1" offset="{time(offset + start)}" '
                      f'name="{escape_attribute(_label(cue, writer.dropped))}" duration="{time(end - start)}">\n'
                      f'{params}{writer.text_block(cue, base, caption=False, placement=False)}'
                      f'              </title>\n'.encode())

    if "markers" in contents:
        if options.markers_per.lower() == "turn":
            groups: Iterable[tuple[list[int], int, int]] = turns(cues, spans)
        else:
            groups = (([index], start, end) for index, (start, end) in enumerate(spans))
        for run, start, end in groups:
            text = xml_text(" ".join(" ".join(plain_lines(cues[i])) for i in run), writer.dropped)
            speaker = xml_text(transcript.speaker_name(cues[run[0]].speaker) or "", writer.dropped)
            out.write(f'              <marker start="{time(offset + start)}" duration="{time(max(end - start, 1))}" '
                      f'value="{escape_attribute(speaker or text)}" note="{escape_attribute(text)}"/>\n'.encode())
    if cues:
        out.write(b"            </gap>\n")
    out.write(b"          </spine>\n        </sequence>\n      </project>\n    </event>\n  </library>\n</fcpxml>\n")
    report_dropped(writer.dropped, "FCPXML")


def _label(cue: Cue, dropped: list[int]) -> str:
    label = xml_text(" ".join(plain_lines(cue)), dropped)
    return label if len(label) <= 60 else label[:59].rstrip() + "…"
