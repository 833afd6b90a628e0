"""BBC News Labs' Kaldi transcripts, read.

``retval.words[]`` (older output: ``words[]`` at the top, with ``punct`` and ``text``):
``word`` in lower case without punctuation, ``punct`` the same word as displayed (capitals,
punctuation), which is the text kept, ``start``/``end`` in seconds and ``confidence``. Speakers
are not on the words: ``segmentation.segments[]`` lists time ranges (``start``, ``duration``)
with a ``speaker`` (``{"@id": "S12", "gender": "F"}``); each word gets the speaker of the range it
lies in (one pass over the ranges, see ``_asr.range_groups``) and each range is a turn.
"""
from __future__ import annotations

from math import floor
from typing import Any

from ..errors import ReadError, warn
from ..model import Metadata, Transcript, Word
from ..timecode import MAX_MS
from . import describe
from ._asr import checked_times, grouped_turns, plain_seconds, range_groups, speaker_id, unit_confidence, warn_backwards
from ._json import is_number, json_kind

FORMAT = describe(__name__, name="bbc-kaldi", title="BBC Kaldi transcript JSON", extensions=("json",),
                  kind="data", aliases=("kaldi",), priority=420)

NAME = "bbc-kaldi"
_MAX_SECONDS = MAX_MS // 1000


def _container(obj: dict[str, Any]) -> dict[str, Any]:
    retval = obj.get("retval")
    return retval if isinstance(retval, dict) else obj


def sniff_json(obj: Any) -> bool:
    if not isinstance(obj, dict) or "scribekit" in obj:
        return False
    container = _container(obj)
    words = container.get("words")
    if not isinstance(words, list):
        return False
    if not words:
        return isinstance(container.get("punct"), str) and ("segmentation" in container or "wonid" in container)
    first = words[0]
    return isinstance(first, dict) and "punct" in first and "word" in first and "start" in first


def _ranges(container: dict[str, Any], obj: dict[str, Any]) -> list[tuple[int, int, str | None]]:
    """The speakers' time ranges, sorted by start: (start, end, speaker id)."""
    segmentation = container.get("segmentation", obj.get("segmentation"))
    if segmentation is None:
        return []
    if not isinstance(segmentation, dict):
        raise ReadError(f"segmentation must be an object, found {json_kind(segmentation)}")
    segments = segmentation.get("segments", [])
    if not isinstance(segments, list):
        raise ReadError(f"segmentation.segments must be a list, found {json_kind(segments)}")
    ranges = []
    backwards = 0
    start: Any
    duration: Any
    for s, segment in enumerate(segments, 1):
        where = f"segmentation segment {s}"
        if not isinstance(segment, dict):
            raise ReadError(f"{where}: expected an object, found {json_kind(segment)}")
        start, duration = segment.get("start"), segment.get("duration")
        if not is_number(duration):
            raise ReadError(f"{where}: duration must be a number of seconds, found {json_kind(duration)}")
        if not is_number(start):
            raise ReadError(f"{where}: start must be a number of seconds, found {json_kind(start)}")
        first, last = checked_times(start, float(start) + float(duration), where)
        if last < first:
            backwards += 1
            last = first
        speaker = segment.get("speaker")
        ranges.append((first, last, speaker_id(speaker.get("@id") if isinstance(speaker, dict) else speaker)))
    if backwards:
        warn(f"{backwards} speaker segment(s) of negative duration taken as lasting no time")
    ranges.sort(key=lambda r: r[0])
    return ranges


def read_json(obj: Any) -> Transcript:
    if not isinstance(obj, dict):
        raise ReadError(f"expected a BBC Kaldi transcript object, found {json_kind(obj)}")
    container = _container(obj)
    raw_words = container.get("words")
    if not isinstance(raw_words, list):
        raise ReadError(f"words must be a list, found {json_kind(raw_words)}")
    words: list[Word] = []
    append = words.append
    confidence: Any
    backwards = 0
    for w, raw in enumerate(raw_words, 1):
        if type(raw) is not dict:
            raise ReadError(f"word {w}: expected an object, found {json_kind(raw)}")
        text = raw.get("punct")
        if type(text) is not str or not text.strip():
            text = raw.get("word")
            if type(text) is not str:
                raise ReadError(f"word {w}: word must be a string, found {json_kind(text)}")
        start, end = raw.get("start"), raw.get("end")
        if type(start) is float and type(end) is float and 0.0 <= start <= end <= _MAX_SECONDS:
            first, last = floor(start * 1000.0 + 0.5), floor(end * 1000.0 + 0.5)  # the common case, inline
        else:
            first, last = plain_seconds(start, end) or checked_times(start, end, f"word {w}")
            if last < first:
                backwards += 1
                last = first
        text = text.strip()
        if not text:
            continue
        confidence = raw.get("confidence")
        kind = type(confidence)
        if kind is int and (confidence == 1 or confidence == 0):
            confidence = float(confidence)  # Kaldi writes a certain word's confidence as 1
        elif not (kind is float and 0.0 <= confidence <= 1.0):
            confidence = unit_confidence(confidence)
        append(Word(text, first, last, confidence))
    warn_backwards(backwards)
    ranges = _ranges(container, obj)
    segments, speakers = grouped_turns(range_groups(words, ranges))
    extra = {key: container[key] for key in ("wonid",) if isinstance(container.get(key), str)}
    return Transcript(segments=segments, speakers=speakers, metadata=Metadata(source=NAME, extra=extra))
