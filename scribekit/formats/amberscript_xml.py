"""Amberscript's deprecated XML export (``/jobs/export?format=xml``), read only::

    <AudioDoc name="JOB_ID" path="FILE_NAME">
      <SpeakerList><Speaker spkid="spk1">Speaker 1</Speaker></SpeakerList>
      <SegmentList>
        <SpeechSegment spkid="spk1">
          <word stime="2.11" dur="0.5700002">Goedemiddag</word>
        </SpeechSegment>
      </SegmentList>
    </AudioDoc>

``stime`` is the start and ``dur`` the duration, in seconds. The parser
never expands entities, loads no DTD and touches no network; a document that
declares entities is refused.
"""
from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

from ..errors import ReadError, warn
from ..model import Metadata, Segment, Speaker, Transcript, Word
from ..timecode import seconds_to_ms
from ._asr import mark_sound_tags
from ._xml import parse

if TYPE_CHECKING:
    from lxml import etree
from . import describe

FORMAT = describe(__name__, name="amberscript-xml", title="Amberscript XML export (AudioDoc, deprecated)",
                  extensions=("xml",), kind="data", priority=40)

NAME = "amberscript-xml"
ROOT = "AudioDoc"

_COMMENT = re.compile(r"<!--.*?(-->|$)", re.DOTALL)
_FIRST_TAG = re.compile(r"<([A-Za-z_][\w.:-]*)")


def _local(tag: Any) -> str:
    name = tag if isinstance(tag, str) else ""
    if "}" in name:
        name = name.rsplit("}", 1)[1]
    return name.rsplit(":", 1)[-1]


def sniff(text: str) -> bool:
    """True when the document's root element is AudioDoc (looks at the head only)."""
    head = text[:16384].lstrip("\ufeff \t\r\n")
    if not head.startswith("<"):
        return False
    match = _FIRST_TAG.search(_COMMENT.sub("", head))
    return match is not None and _local(match.group(1)) == ROOT


def _seconds(element: etree._Element, name: str, where: str) -> float:
    value = element.get(name)
    if value is None:
        raise ReadError(f"{where}: no {name}", line=element.sourceline)
    shown = value if len(value) <= 30 else value[:25] + "..."
    try:
        seconds = float(value.strip().replace(",", "."))
    except ValueError:
        raise ReadError(f"{where}: {name}={shown!r} is not a number of seconds", line=element.sourceline) from None
    if not math.isfinite(seconds):
        raise ReadError(f"{where}: {name}={shown!r} is not a number of seconds", line=element.sourceline)
    return seconds


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if _local(child.tag) == name]


def _text(element: etree._Element) -> str:
    return "".join(element.itertext()).strip()


def read(text: str) -> Transcript:
    root = parse(text, "an Amberscript export")
    if _local(root.tag) != ROOT:
        raise ReadError(f"the root element is <{_local(root.tag)[:40]}>, not <{ROOT}>", line=root.sourceline)
    speakers = []
    for speaker_list in _children(root, "SpeakerList"):
        for i, element in enumerate(_children(speaker_list, "Speaker"), 1):
            spkid = element.get("spkid") or element.get("id")
            if not spkid:
                raise ReadError(f"speaker {i}: no spkid", line=element.sourceline)
            speakers.append(Speaker(spkid, _text(element) or element.get("name") or spkid))
    segments = []
    empty = 0
    number = 0
    for segment_list in _children(root, "SegmentList"):
        for element in _children(segment_list, "SpeechSegment"):
            number += 1
            words = []
            for w, word in enumerate(_children(element, "word"), 1):
                where = f"segment {number}, word {w}"
                start = _seconds(word, "stime", where)
                if word.get("dur") is None and word.get("etime") is not None:
                    end = _seconds(word, "etime", where)
                else:
                    end = start + _seconds(word, "dur", where)
                content = _text(word)
                if not content:
                    empty += 1
                    continue
                start_ms = seconds_to_ms(start, f"{where}: start", word.sourceline)
                end_ms = seconds_to_ms(end, f"{where}: end", word.sourceline)
                if end_ms < start_ms:
                    warn(f"{where}: negative duration; its end was set to its start", line=word.sourceline)
                    end_ms = start_ms
                conf = word.get("conf")
                confidence = None
                if conf is not None:
                    try:
                        confidence = float(conf)
                    except ValueError:
                        raise ReadError(f"{where}: conf={conf[:30]!r} is not a number", line=word.sourceline) from None
                words.append(Word(content, start_ms, end_ms, confidence))
            if words:
                segments.append(Segment(element.get("spkid") or None, words))
    if empty:
        warn(f"skipped {empty} empty word(s)")
    mark_sound_tags(segments)
    extra = {"id": root.get("name")} if root.get("name") else {}
    return Transcript(segments=segments, speakers=speakers,
                      metadata=Metadata(source=NAME, filename=root.get("path") or None, extra=extra))
