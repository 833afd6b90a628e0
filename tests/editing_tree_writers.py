"""Premiere xmeml and FCPXML as their writers built them before they wrote text cue by cue: an lxml tree,
pretty-printed. The writers must give the same bytes (tests/test_editing_xml.py)."""
from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy as copy
from typing import Any

from lxml import etree

from scribekit.errors import warn
from scribekit.formats import fcpxml, premiere
from scribekit.formats._editing import not_before_zero, plain_lines, report_dropped, turns, xml_text
from scribekit.markup import FOREIGN_MARKUP, cue_text
from scribekit.model import Cue, Transcript
from scribekit.timecode import FrameRate, frame_spans, timecode_settings


def _rate(parent: etree._Element, rate: FrameRate) -> None:
    from lxml import etree

    element = etree.SubElement(parent, "rate")
    etree.SubElement(element, "timebase").text = str(rate.base)
    etree.SubElement(element, "ntsc").text = "TRUE" if rate.ntsc else "FALSE"


def _add(parent: etree._Element, tag: str, text: str) -> etree._Element:
    element = parent.makeelement(tag)
    element.text = text
    parent.append(element)
    return element


def _generator_template(rate: FrameRate) -> tuple[etree._Element, Callable[[etree._Element], list[Any]]]:
    """A text generator clip to copy for each cue, and the function that finds, in a copy,
    the elements whose text differs from cue to cue (name, duration, start, end, out, value)."""
    from lxml import etree

    item = etree.Element("generatoritem")
    for tag in ("name", "duration"):
        _add(item, tag, "")
    _rate(item, rate)
    for tag, text in (("start", ""), ("end", ""), ("in", "0"), ("out", ""), ("enabled", "TRUE")):
        _add(item, tag, text)
    effect = etree.SubElement(item, "effect")
    for tag, text in (("name", "Outline Text"), ("effectid", "Outline Text"), ("effectcategory", "Text"),
                      ("effecttype", "generator"), ("mediatype", "video")):
        _add(effect, tag, text)
    parameter = etree.SubElement(effect, "parameter")
    _add(parameter, "parameterid", "str")
    _add(parameter, "name", "Text")
    _add(parameter, "value", "")
    value_path = etree.XPath("effect/parameter/value")

    def fields(copy: etree._Element) -> list[Any]:
        children = list(copy)
        return [children[0], children[1], children[3], children[4], children[6], value_path(copy)[0]]

    return item, fields


def premiere_tree(cues: list[Cue], transcript: Transcript, options: premiere.Options | None = None) -> str:
    from lxml import etree

    options = options or premiere.Options()
    rate, start_frame, drop_frame = timecode_settings(options.fps, options.start_timecode, options.drop_frame)
    spans = not_before_zero(frame_spans([(cue.start, cue.end) for cue in cues], rate), "sequence")
    contents = options.contents
    dropped: list[int] = []
    name = xml_text(options.title or transcript.metadata.filename or "Transcript", dropped)

    root = etree.Element("xmeml", version="4")
    sequence = etree.SubElement(root, "sequence", id="sequence-1")
    _add(sequence, "name", name)
    duration = _add(sequence, "duration", "0")
    _rate(sequence, rate)
    timecode = etree.SubElement(sequence, "timecode")
    _rate(timecode, rate)
    _add(timecode, "string", rate.format(start_frame, drop_frame=drop_frame))
    _add(timecode, "frame", str(start_frame))
    _add(timecode, "displayformat", "DF" if drop_frame else "NDF")
    media = etree.SubElement(sequence, "media")
    video = etree.SubElement(media, "video")
    characteristics = etree.SubElement(etree.SubElement(video, "format"), "samplecharacteristics")
    _rate(characteristics, rate)
    _add(characteristics, "width", str(options.width))
    _add(characteristics, "height", str(options.height))
    _add(characteristics, "anamorphic", "FALSE")
    _add(characteristics, "pixelaspectratio", "square")
    _add(characteristics, "fielddominance", "none")

    tracks: list[etree._Element] = []
    track_ends: list[int] = []
    last_frame = max((end for _, end in spans), default=0)
    if "captions" in contents:
        template, fields = _generator_template(rate)
        for number, (cue, (start, end)) in enumerate(zip(cues, spans), 1):
            end = max(end, start + 1)  # a clip lasts a frame at least
            last_frame = max(last_frame, end)
            lines = [xml_text(line, dropped) for line in plain_lines(cue)]
            # the first track free at the cue's start (overlapping cues go on further tracks)
            lane = next((i for i, track_end in enumerate(track_ends) if track_end <= start), len(track_ends))
            if lane == len(tracks):
                tracks.append(etree.Element("track"))
                track_ends.append(end)
            track_ends[lane] = end
            item = copy(template)
            item.set("id", f"caption-{number}")
            tracks[lane].append(item)
            label = " ".join(lines)
            length = str(end - start)
            name_of, duration_of, start_of, end_of, out_of, value_of = fields(item)
            short = label[:premiere.NAME_LENGTH - 1].rstrip() + "…"
            name_of.text = label if len(label) <= premiere.NAME_LENGTH else short
            duration_of.text = out_of.text = length
            start_of.text, end_of.text = str(start), str(end)
            value_of.text = "\r".join(lines)
    duration.text = str(last_frame)
    for track in tracks or [etree.Element("track")]:
        _add(track, "enabled", "TRUE")
        _add(track, "locked", "FALSE")
        video.append(track)
    etree.SubElement(media, "audio")

    if "markers" in contents:
        if options.markers_per.lower() == "turn":
            groups = [(run, start, end) for run, start, end in turns(cues, spans)]
        else:
            groups = [([index], start, end) for index, (start, end) in enumerate(spans)]
        for run, start, end in groups:
            marker = etree.SubElement(sequence, "marker")
            speaker = transcript.speaker_name(cues[run[0]].speaker) or ""
            _add(marker, "name", xml_text(speaker, dropped))
            _add(marker, "comment", xml_text(" ".join(" ".join(plain_lines(cues[i])) for i in run), dropped))
            _add(marker, "in", str(start))
            _add(marker, "out", str(end) if end > start else "-1")
    report_dropped(dropped, "xmeml")
    body: str = etree.tostring(root, encoding="unicode", pretty_print=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE xmeml>\n' + body


class _Writer:
    def __init__(self, options: fcpxml.Options, rate: FrameRate, offset: int) -> None:
        self.options = options
        self.rate = rate
        self.offset = offset
        self.styles = 0
        self.dropped: list[int] = []

    def time(self, frames: int) -> str:
        return fcpxml.rational(frames, self.rate)

    def text_block(self, parent: etree._Element, cue: Cue, base: dict[str, str], caption: bool,
                   placement: str | None) -> None:
        """``<text>`` of the cue's runs, each referring to a ``<text-style-def>`` of its style."""
        from lxml import etree

        text = "\n".join(line.strip() for line in cue_text(cue.lines).split("\n") if line.strip())
        runs = fcpxml._runs(text)
        if "<" in text:
            runs = [(FOREIGN_MARKUP.sub("", piece), italic, bold, underline) for piece, italic, bold, underline in runs]
        block = etree.SubElement(parent, "text")
        block.text = ""  # mixed content: no indentation inside, it would be text
        if placement:
            block.set("placement", placement)
        definitions: dict[tuple[bool, bool, bool], str] = {}
        for piece, italic, bold, underline in runs:
            key = (italic, bold, underline)
            if key not in definitions:
                self.styles += 1
                definitions[key] = f"ts{self.styles}"
            span = etree.SubElement(block, "text-style", ref=definitions[key])
            span.text = xml_text(piece, self.dropped)
        for (italic, bold, underline), identifier in definitions.items():
            definition = etree.SubElement(parent, "text-style-def", id=identifier)
            attributes = dict(base)
            if italic:
                attributes["italic"] = "1"
            if bold:
                attributes["bold"] = "1"
            if underline and caption:
                attributes["underline"] = "1"
            etree.SubElement(definition, "text-style", attributes)


def fcpxml_tree(cues: list[Cue], transcript: Transcript, options: fcpxml.Options | None = None) -> str:
    from lxml import etree

    options = options or fcpxml.Options()
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
    name = xml_text(options.title or transcript.metadata.filename or "Transcript", writer.dropped)
    language = options.language or transcript.metadata.language or "en"
    language = language.replace("_", "-") if fcpxml._LANGUAGE.fullmatch(language) else "en"

    root = etree.Element("fcpxml", version=options.fcpxml_version)
    resources = etree.SubElement(root, "resources")
    video_format = etree.SubElement(resources, "format", id="r1")
    pattern = fcpxml._FORMAT_NAMES.get((options.width, options.height))
    if pattern and rate in fcpxml._RATE_NAMES:
        video_format.set("name", pattern.format(fcpxml._RATE_NAMES[rate]))
    video_format.set("frameDuration", time(1))
    video_format.set("width", str(options.width))
    video_format.set("height", str(options.height))
    if "titles" in contents:
        etree.SubElement(resources, "effect", id="r2", name="Basic Title", uid=fcpxml.BASIC_TITLE_UID)
    library = etree.SubElement(root, "library")
    event = etree.SubElement(library, "event", name=name)
    project = etree.SubElement(event, "project", name=name)
    sequence = etree.SubElement(project, "sequence", format="r1", duration=time(length), tcStart=time(offset),
                                tcFormat="DF" if drop_frame else "NDF", audioLayout="stereo", audioRate="48k")
    spine = etree.SubElement(sequence, "spine")
    gap = etree.SubElement(spine, "gap", name="Gap", offset=time(offset), start=time(offset),
                           duration=time(length))

    if "captions" in contents:
        role = fcpxml._CAPTION_FORMATS[options.fcpxml_caption_format.lower()].format(language)
        itt = options.fcpxml_caption_format.lower() == "itt"
        base = {"font": ".AppleSystemUIFont", "fontSize": "13", "fontFace": "Regular", "fontColor": "1 1 1 1",
                "backgroundColor": "0 0 0 1"}
        for cue, (start, end) in zip(cues, spans):
            caption = etree.SubElement(gap, "caption", lane="1", offset=time(offset + start),
                                       name=_label(cue, writer.dropped), duration=time(end - start), role=role)
            writer.text_block(caption, cue, base, caption=True, placement="bottom" if itt else None)
    elif "titles" in contents:
        size = max(round(options.height * 0.058), 12)
        base = {"font": "Helvetica", "fontSize": str(size), "fontFace": "Regular", "fontColor": "1 1 1 1",
                "alignment": "center"}
        position = f"0 -{round(options.height * 0.4)}"
        for cue, (start, end) in zip(cues, spans):
            title = etree.SubElement(gap, "title", ref="r2", lane="1", offset=time(offset + start),
                                     name=_label(cue, writer.dropped), duration=time(end - start))
            etree.SubElement(title, "param", name="Position", key=fcpxml._POSITION_KEY, value=position)
            etree.SubElement(title, "param", name="Alignment", key=fcpxml._ALIGNMENT_KEY, value="1 (Center)")
            writer.text_block(title, cue, base, caption=False, placement=None)

    if "markers" in contents:
        if options.markers_per.lower() == "turn":
            groups = list(turns(cues, spans))
        else:
            groups = [([index], start, end) for index, (start, end) in enumerate(spans)]
        for run, start, end in groups:
            text = xml_text(" ".join(" ".join(plain_lines(cues[i])) for i in run), writer.dropped)
            speaker = xml_text(transcript.speaker_name(cues[run[0]].speaker) or "", writer.dropped)
            etree.SubElement(gap, "marker", start=time(offset + start), duration=time(max(end - start, 1)),
                             value=speaker or text, note=text)
    report_dropped(writer.dropped, "FCPXML")
    body: str = etree.tostring(root, encoding="unicode", pretty_print=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE fcpxml>\n' + body


def _label(cue: Cue, dropped: list[int]) -> str:
    label = xml_text(" ".join(plain_lines(cue)), dropped)
    return label if len(label) <= 60 else label[:59].rstrip() + "…"
