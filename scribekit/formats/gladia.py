"""Gladia pre-recorded transcription results (API v2), read.

The words are in ``result.transcription.utterances[].words[]`` (the whole job response, with its
``file`` and ``request_params`` around the result, or the result alone): ``word`` with a leading
space and its punctuation, ``start``/``end`` in seconds, ``confidence``. An utterance carries its
``channel`` and, with diarisation, its ``speaker`` (an int); each utterance is a turn of its own.
``transcription.languages`` gives the language. Several channels: each channel is one speaker
("channel 1") without diarisation, with it a speaker's id is prefixed by its channel ("1-0"); the
words are merged in time order, or only one channel is read (``channel``). A job that has not
finished (no result) is named as such.
"""
from __future__ import annotations

from math import floor
from typing import Any

from ..errors import ReadError
from ..model import Metadata, Transcript, Word
from ..timecode import MAX_MS
from . import describe
from ._asr import (
    SOUND_OPENERS,
    checked_times,
    grouped_turns,
    language_tag,
    plain_seconds,
    speaker_id,
    unit_confidence,
    warn_backwards,
)
from ._channels import missing_channel
from ._json import json_kind

FORMAT = describe(__name__, name="gladia", title="Gladia transcription JSON", extensions=("json",),
                  kind="data", priority=410)

NAME = "gladia"
_MAX_SECONDS = MAX_MS // 1000
_MAX_CHANNELS = 1024


def _transcription(obj: dict[str, Any]) -> Any:
    result = obj.get("result")
    if isinstance(result, dict) and "transcription" in result:
        return result["transcription"]
    return obj.get("transcription")


def _unfinished(obj: dict[str, Any]) -> bool:
    """A job response without a result (queued, processing or failed)."""
    return obj.get("result") is None and isinstance(obj.get("request_params"), dict) \
        and isinstance(obj.get("status"), str) and "kind" in obj


def sniff_json(obj: Any) -> bool:
    if not isinstance(obj, dict) or "scribekit" in obj:
        return False
    transcription = _transcription(obj)
    if isinstance(transcription, dict):
        return isinstance(transcription.get("utterances"), list) \
            and ("full_transcript" in transcription or "languages" in transcription)
    return _unfinished(obj)


def _at(raw_words: list[Any], raw: Any) -> int:
    """Where ``raw`` is in ``raw_words``, counted from 1 (for a message: the loop does not count)."""
    return next(w for w, item in enumerate(raw_words, 1) if item is raw)


def _utterance_words(utterance: dict[str, Any], u: int) -> tuple[list[Word], int, bool]:
    """The words of one utterance, how many of them end before they start (their ends set to their
    starts), and whether one starts as a non-speech tag does ("(", "[", a music note: see
    ``_asr.split_sounds``, which need not look at the words when none does)."""
    raw_words = utterance.get("words")
    if not isinstance(raw_words, list):
        raise ReadError(f"utterance {u}: words must be a list, found {json_kind(raw_words)}")
    words: list[Word] = []
    append = words.append
    confidence: Any
    backwards = 0
    tags = False
    for raw in raw_words:
        if type(raw) is not dict:
            raise ReadError(f"utterance {u}, word {_at(raw_words, raw)}: expected an object, found {json_kind(raw)}")
        try:  # subscripts cost less than get(), and a word has these keys
            text, start, end, confidence = raw["word"], raw["start"], raw["end"], raw["confidence"]
        except KeyError:
            text, start, end, confidence = raw.get("word"), raw.get("start"), raw.get("end"), raw.get("confidence")
        if type(text) is not str:
            raise ReadError(f"utterance {u}, word {_at(raw_words, raw)}: word must be a string, "
                            f"found {json_kind(text)}")
        if type(start) is float and type(end) is float and 0.0 <= start <= end <= _MAX_SECONDS:
            first, last = floor(start * 1000.0 + 0.5), floor(end * 1000.0 + 0.5)  # the common case, inline
        else:
            first, last = plain_seconds(start, end) or checked_times(
                start, end, f"utterance {u}, word {_at(raw_words, raw)}")
            if last < first:
                backwards += 1
                last = first
        text = text.strip()
        if not text:
            continue
        if text[0] in SOUND_OPENERS:
            tags = True
        kind = type(confidence)
        if kind is int:  # 1 for a sure word, the commonest value: taken without a call
            confidence = 1.0 if confidence == 1 else 0.0 if confidence == 0 else unit_confidence(confidence)
        elif not (kind is float and 0.0 <= confidence <= 1.0):
            confidence = unit_confidence(confidence)
        append(Word(text, first, last, confidence))
    return words, backwards, tags


def _channel_of(utterance: dict[str, Any], u: int) -> int:
    value = utterance.get("channel", 0)
    if value is None:
        return 0
    if type(value) is not int or not 0 <= value < _MAX_CHANNELS:
        raise ReadError(f"utterance {u}: channel must be a channel number, found {json_kind(value)}")
    return value


def read_json(obj: Any, *, channel: int | None = None) -> Transcript:
    if not isinstance(obj, dict):
        raise ReadError(f"expected a Gladia transcription result, found {json_kind(obj)}")
    if _transcription(obj) is None and _unfinished(obj):
        error = obj.get("error_code")
        raise ReadError(f"the Gladia job has no result yet (status {str(obj['status'])[:40]!r}"
                        + (f", error {str(error)[:40]}" if error is not None else "") + ")")
    transcription = _transcription(obj)
    if not isinstance(transcription, dict):
        raise ReadError(f"result.transcription must be an object, found {json_kind(transcription)}")
    utterances = transcription.get("utterances")
    if not isinstance(utterances, list):
        raise ReadError(f"result.transcription.utterances must be a list, found {json_kind(utterances)}")
    read: list[tuple[int, Any, int, dict[str, Any]]] = []
    for u, utterance in enumerate(utterances, 1):
        if not isinstance(utterance, dict):
            raise ReadError(f"utterance {u}: expected an object, found {json_kind(utterance)}")
        c = utterance.get("channel", 0)
        if type(c) is not int or not 0 <= c < _MAX_CHANNELS:  # the common case without the call
            c = _channel_of(utterance, u)
        read.append((u, utterance.get("speaker"), c, utterance))
    present = {c for _, _, c, _ in read}
    if channel is not None:
        known = set(present)
        file = obj.get("file")
        count = file.get("number_of_channels") if isinstance(file, dict) else None
        if type(count) is int and 0 < count <= _MAX_CHANNELS:
            known.update(range(count))
        if channel not in known:
            raise missing_channel(channel, sorted(known))
    many = channel is None and len(present) > 1
    by_channel: dict[int, list[tuple[str | None, list[Word]]]] = {}
    backwards = 0
    sounds = False  # a word that may be a non-speech tag
    for u, key, c, utterance in read:
        if channel is not None and c != channel:
            continue
        spk = None if key is None else speaker_id(key)
        if many:
            spk = f"channel {c}" if spk is None else f"{c}-{spk}"
        words, wrong, tags = _utterance_words(utterance, u)
        backwards += wrong
        sounds = sounds or tags
        try:
            by_channel[c].append((spk, words))
        except KeyError:
            by_channel[c] = [(spk, words)]
    warn_backwards(backwards)
    if len(by_channel) > 1:
        segments, speakers = grouped_turns(_merged(list(by_channel.values())), sounds=sounds)
    else:
        segments, speakers = grouped_turns(next(iter(by_channel.values()), []), sounds=sounds)
    return Transcript(segments=segments, speakers=speakers,
                      metadata=Metadata(language=_language(transcription, utterances), source=NAME,
                                        extra=_extra(obj)))


def _merged(channels: list[list[tuple[str | None, list[Word]]]]) -> list[tuple[str | None, list[Word]]]:
    """The utterances of several channels, their words merged in time order (stable: ties keep
    channel order); a turn wherever the utterance changes."""
    items = [((c, u), spk, word) for c, channel in enumerate(channels) for u, (spk, words) in enumerate(channel)
             for word in words]
    items.sort(key=lambda item: (item[2].start, item[2].end))
    groups: list[tuple[str | None, list[Word]]] = []
    last: object = None
    for key, spk, word in items:
        if key != last:
            groups.append((spk, []))
            last = key
        groups[-1][1].append(word)
    return groups


def _language(transcription: dict[str, Any], utterances: list[Any]) -> str | None:
    languages = transcription.get("languages")
    if isinstance(languages, list) and languages:
        return language_tag(languages[0])
    for utterance in utterances:
        if isinstance(utterance, dict) and "language" in utterance:
            return language_tag(utterance["language"])
    return None


def _extra(obj: dict[str, Any]) -> dict[str, Any]:
    extra = {key: obj[key] for key in ("id", "request_id") if isinstance(obj.get(key), str)}
    file = obj.get("file")
    if isinstance(file, dict) and "audio_duration" in file:
        extra["audio_duration"] = file["audio_duration"]
    return extra
