"""BBC News Labs' digital-paper-edit transcripts, read.

A flat ``words[]`` list ({``id``, ``start``, ``end`` in seconds, ``text`` with its punctuation})
and, apart from it, ``paragraphs[]`` ({``id``, ``start``, ``end``, ``speaker``}) that give the
speakers by time range: each word gets the paragraph that holds it (one pass over both lists, see
``_asr.range_groups``; paragraphs whose times overlap are told apart by which holds the whole
word) and each paragraph is a turn. The words have been corrected by hand in the editor, so a
bracketed word is an editor's insertion ("[came]"), never marked as a sound.
"""
from __future__ import annotations

from math import floor
from typing import Any

from ..errors import ReadError, warn
from ..model import Metadata, Transcript, Word
from ..timecode import MAX_MS
from . import describe
from ._asr import checked_times, grouped_turns, plain_seconds, range_groups, speaker_id, unit_confidence, warn_backwards
from ._json import json_kind

FORMAT = describe(__name__, name="bbc-dpe", title="BBC digital-paper-edit transcript JSON", extensions=("json",),
                  kind="data", aliases=("digital-paper-edit", "dpe"), priority=430)

NAME = "bbc-dpe"
_MAX_SECONDS = MAX_MS // 1000


def sniff_json(obj: Any) -> bool:
    if not isinstance(obj, dict) or "scribekit" in obj:
        return False
    words, paragraphs = obj.get("words"), obj.get("paragraphs")
    if not isinstance(words, list) or not isinstance(paragraphs, list):
        return False
    if words:
        first = words[0]
        if not (isinstance(first, dict) and "text" in first and "start" in first and "end" in first
                and "type" not in first and "words" not in first):
            return False
    if paragraphs:
        first = paragraphs[0]
        return isinstance(first, dict) and "speaker" in first and "start" in first and "words" not in first
    return bool(words) or not obj.keys() - {"words", "paragraphs"}


def _ranges(paragraphs: list[Any]) -> list[tuple[int, int, str | None]]:
    """The paragraphs' time ranges, sorted by start: (start, end, speaker id)."""
    ranges = []
    backwards = 0
    for p, paragraph in enumerate(paragraphs, 1):
        where = f"paragraph {p}"
        if not isinstance(paragraph, dict):
            raise ReadError(f"{where}: expected an object, found {json_kind(paragraph)}")
        start, end = paragraph.get("start"), paragraph.get("end")
        first, last = plain_seconds(start, end) or checked_times(start, end, where)
        if last < first:
            backwards += 1
            last = first
        ranges.append((first, last, speaker_id(paragraph.get("speaker"))))
    if backwards:
        warn(f"{backwards} paragraph(s) ended before they started; their ends were set to their starts")
    ranges.sort(key=lambda r: r[0])
    return ranges


def _at(raw_words: list[Any], raw: Any) -> int:
    """Where ``raw`` is in ``raw_words``, counted from 1 (for a message: the loop does not count)."""
    return next(w for w, item in enumerate(raw_words, 1) if item is raw)


def read_json(obj: Any) -> Transcript:
    if not isinstance(obj, dict):
        raise ReadError(f"expected a digital-paper-edit transcript object, found {json_kind(obj)}")
    raw_words, paragraphs = obj.get("words"), obj.get("paragraphs", [])
    if not isinstance(raw_words, list):
        raise ReadError(f"words must be a list, found {json_kind(raw_words)}")
    if not isinstance(paragraphs, list):
        raise ReadError(f"paragraphs must be a list, found {json_kind(paragraphs)}")
    words: list[Word] = []
    append = words.append
    backwards = 0
    for raw in raw_words:
        if type(raw) is not dict:
            raise ReadError(f"word {_at(raw_words, raw)}: expected an object, found {json_kind(raw)}")
        try:  # subscripts cost less than get(), and every word has these keys
            text, start, end = raw["text"], raw["start"], raw["end"]
        except KeyError:
            text, start, end = raw.get("text"), raw.get("start"), raw.get("end")
        if type(text) is not str:
            raise ReadError(f"word {_at(raw_words, raw)}: text must be a string, found {json_kind(text)}")
        if type(start) is float and type(end) is float and 0.0 <= start <= end <= _MAX_SECONDS:
            first, last = floor(start * 1000.0 + 0.5), floor(end * 1000.0 + 0.5)  # the common case, inline
        else:
            first, last = plain_seconds(start, end) or checked_times(start, end, f"word {_at(raw_words, raw)}")
            if last < first:
                backwards += 1
                last = first
        text = text.strip()
        if not text:
            continue
        # the editor writes no confidence: looked up only when there is one
        append(Word(text, first, last, unit_confidence(raw["confidence"]) if "confidence" in raw else None))
    warn_backwards(backwards)
    ranges = _ranges(paragraphs)
    # words corrected by hand in the editor: "[Internet Research Agency]" is an insertion, not a sound
    segments, speakers = grouped_turns(range_groups(words, ranges), sounds=False)
    return Transcript(segments=segments, speakers=speakers, metadata=Metadata(source=NAME))
