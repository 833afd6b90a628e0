"""Trint transcript JSON, read.

A flat ``words`` list: ``value`` (the word with its punctuation), ``time`` and ``duration`` in
integer milliseconds (the word ends at its time plus its duration), ``paragraphId`` (each paragraph
becomes a turn of its own), ``speaker`` (null when the transcript names no speakers; else an id
that the ``speakers`` map may name, or an object with an ``id`` and a ``name``) and
``strikethrough`` (a struck word is still spoken: it is kept, marked so in its ``extra``).
"""
from __future__ import annotations

from typing import Any

from ..errors import ReadError
from ..model import Metadata, Transcript, Word
from ..timecode import MAX_MS
from . import describe
from ._asr import checked_times, grouped_turns, language_tag, speaker_id, unit_confidence, warn_backwards
from ._json import is_number, json_kind

FORMAT = describe(__name__, name="trint", title="Trint transcript JSON", extensions=("json",),
                  kind="data", priority=400)

NAME = "trint"


def sniff_json(obj: Any) -> bool:
    if not isinstance(obj, dict) or "scribekit" in obj:
        return False
    words = obj.get("words")
    if not isinstance(words, list):
        return False
    if not words:
        return isinstance(obj.get("paragraphs"), dict) and isinstance(obj.get("speakers"), dict)
    first = words[0]
    return isinstance(first, dict) and "value" in first and "time" in first \
        and "duration" in first and ("paragraphId" in first or isinstance(obj.get("paragraphs"), dict))


def _speaker_names(obj: dict[str, Any]) -> dict[str, str]:
    """Names that the ``speakers`` map gives to speaker ids, where it gives one."""
    names: dict[str, str] = {}
    speakers = obj.get("speakers")
    if isinstance(speakers, dict):
        for key, value in speakers.items():
            name = value.get("name") if isinstance(value, dict) else value
            if isinstance(name, str) and name.strip():
                names[str(key)] = name.strip()
    return names


def _speaker(value: Any, names: dict[str, str]) -> str | None:
    """A word's speaker id: the value itself, or an object's ``id`` (its ``name`` noted in ``names``)."""
    if not isinstance(value, dict):
        return speaker_id(value)
    spk = speaker_id(value.get("id", value.get("name")))
    name = value.get("name")
    if spk is not None and isinstance(name, str) and name.strip():
        names.setdefault(spk, name.strip())
    return spk


def read_json(obj: Any) -> Transcript:
    if not isinstance(obj, dict):
        raise ReadError(f"expected a Trint transcript object, found {json_kind(obj)}")
    raw_words = obj.get("words")
    if not isinstance(raw_words, list):
        raise ReadError(f"words must be a list, found {json_kind(raw_words)}")
    groups: list[tuple[str | None, list[Word]]] = []
    words: list[Word] = []
    append = words.append
    group: object = None
    names = _speaker_names(obj)
    backwards = 0
    start: Any
    duration: Any
    speaker_key: object = None
    for w, raw in enumerate(raw_words, 1):
        if type(raw) is not dict:
            raise ReadError(f"word {w}: expected an object, found {json_kind(raw)}")
        text = raw.get("value")
        if type(text) is not str:
            raise ReadError(f"word {w}: value must be a string, found {json_kind(text)}")
        start, duration = raw.get("time"), raw.get("duration")
        if type(start) is int and type(duration) is int and 0 <= start and 0 <= duration \
                and start + duration <= MAX_MS:
            first, last = start, start + duration  # the common case, inline
        else:
            where = f"word {w}"
            if not is_number(duration):
                raise ReadError(f"{where}: duration must be a number of ms, found {json_kind(duration)}")
            if not is_number(start):
                raise ReadError(f"{where}: time must be a number of ms, found {json_kind(start)}")
            first, last = checked_times(start, float(start) + float(duration), where, ms=True)
            if last < first:
                backwards += 1
                last = first
        text = text.strip()
        if not text:
            continue
        key = raw.get("speaker")
        paragraph = raw.get("paragraphId")
        if paragraph != group or key != speaker_key or not groups:
            group, speaker_key = paragraph, key
            spk = None if key is None else _speaker(key, names)
            words = []
            append = words.append
            groups.append((spk, words))
        confidence = raw.get("confidence")
        if confidence is not None:
            confidence = unit_confidence(confidence)
        if raw.get("strikethrough") is True:
            append(Word(text, first, last, confidence, {"strikethrough": True}))
        else:
            append(Word(text, first, last, confidence))
    warn_backwards(backwards)
    segments, speakers = grouped_turns(groups)
    for speaker in speakers:
        speaker.name = names.get(speaker.id, speaker.name)
    extra = {key: obj[key] for key in ("title",) if isinstance(obj.get(key), str)}
    metadata = Metadata(language=language_tag(obj.get("language")), source=NAME, extra=extra)
    return Transcript(segments=segments, speakers=speakers, metadata=metadata)
