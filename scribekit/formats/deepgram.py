"""Deepgram pre-recorded transcription responses (``/v1/listen``), read.

Words come from ``results.channels[c].alternatives[0].words``: ``punctuated_word`` when the
request asked for punctuation or smart formatting (Deepgram-hosted Whisper gives only ``word``),
``start``/``end`` in float seconds, ``confidence``, and with diarisation ``speaker`` (an int) and
``speaker_confidence``. ``results.utterances`` and the alternatives' ``paragraphs`` repeat the
same words and are not read. Several channels: without diarisation each channel is one speaker
("channel 0", "channel 1"); with it a speaker's id is prefixed by its channel; the words are
merged in time order. ``channel=N`` reads channel N alone (from 0), speakers unprefixed.
"""
from __future__ import annotations

from math import floor
from typing import Any

from ..errors import ReadError
from ..model import Metadata, Transcript, Word
from ..timecode import MAX_MS
from . import describe
from ._asr import (
    language_tag,
    merge_channels,
    plain_confidence,
    plain_seconds,
    speaker_id,
    speaker_turns,
    turns,
    unit_confidence,
    word_times,
)
from ._channels import missing_channel
from ._json import json_kind

FORMAT = describe(__name__, name="deepgram", title="Deepgram transcription JSON", extensions=("json",),
                  kind="data", priority=320)

NAME = "deepgram"
_MAX_SECONDS = MAX_MS // 1000


def sniff_json(obj: Any) -> bool:
    if not isinstance(obj, dict) or "scribekit" in obj:
        return False
    results = obj.get("results")
    if not isinstance(results, dict):
        return False
    channels = results.get("channels")
    return isinstance(channels, list) and bool(channels) and isinstance(channels[0], dict) \
        and "alternatives" in channels[0]


def _number(raw_words: list[Any], raw: Any) -> int:
    """Where ``raw`` is in ``raw_words``, counted from 1 (for a message: the loop does not count)."""
    return next(w for w, item in enumerate(raw_words, 1) if item is raw)


def _channel_words(channel: Any, c: int, many: bool) -> tuple[list[str | None], list[Word], str | None]:
    """A channel's words, each word's speaker id in a list of their own (cheaper than a pair a
    word), and the channel's language."""
    where = f"channel {c}"
    if not isinstance(channel, dict):
        raise ReadError(f"{where}: expected an object, found {json_kind(channel)}")
    alternatives = channel.get("alternatives")
    if not isinstance(alternatives, list):
        raise ReadError(f"{where}: alternatives must be a list, found {json_kind(alternatives)}")
    if not alternatives:
        return [], [], None
    best = alternatives[0]
    if not isinstance(best, dict):
        raise ReadError(f"{where}, alternative 1: expected an object, found {json_kind(best)}")
    raw_words = best.get("words", [])
    if not isinstance(raw_words, list):
        raise ReadError(f"{where}: words must be a list, found {json_kind(raw_words)}")
    language = language_tag(channel.get("detected_language"))
    if language is None and isinstance(best.get("languages"), list) and best["languages"]:
        language = language_tag(best["languages"][0])
    speakers: list[str | None] = []
    words: list[Word] = []
    append = words.append
    add_speaker = speakers.append
    names: dict[Any, str | None] = {}
    unnamed = _speaker(None, c, many)
    for raw in raw_words:
        if type(raw) is not dict:
            raise ReadError(f"{where}, word {_number(raw_words, raw)}: expected an object, found {json_kind(raw)}")
        text = raw.get("punctuated_word")
        if type(text) is not str or not (text := text.strip()):
            text = raw.get("word")
            if type(text) is not str:
                raise ReadError(f"{where}, word {_number(raw_words, raw)}: word must be a string, "
                                f"found {json_kind(text)}")
            text = text.strip()
        start, end = raw.get("start"), raw.get("end")
        if type(start) is float and type(end) is float and 0.0 <= start <= end <= _MAX_SECONDS:
            first, last = floor(start * 1000.0 + 0.5), floor(end * 1000.0 + 0.5)  # the common case, inline
        else:
            first, last = plain_seconds(start, end) or word_times(start, end,
                                                                  f"{where}, word {_number(raw_words, raw)}")
        if not text:
            continue
        key = raw.get("speaker")
        if key is None:
            spk = unnamed
        elif type(key) is int or type(key) is str:
            if key in names:
                spk = names[key]
            else:
                spk = names[key] = _speaker(key, c, many)
        else:
            spk = _speaker(key, c, many)
        extra = None
        if "speaker_confidence" in raw:
            given = raw["speaker_confidence"]
            conf = plain_confidence(given)
            if conf is None:
                conf = unit_confidence(given)
            if conf is not None:
                extra = {"speaker_confidence": conf}
        confidence = raw.get("confidence")
        if not (type(confidence) is float and 0.0 <= confidence <= 1.0):
            # an integer 0 or 1 is common (1 for a sure word): taken without the call
            confidence = float(confidence) if type(confidence) is int and 0 <= confidence <= 1 \
                else unit_confidence(confidence)
        append(Word(text, first, last, confidence, extra))
        add_speaker(spk)
    return speakers, words, language


def _speaker(value: Any, c: int, many: bool) -> str | None:
    spk = speaker_id(value)
    if many:
        return f"channel {c}" if spk is None else f"{c}-{spk}"
    return spk


def read_json(obj: Any, *, channel: int | None = None) -> Transcript:
    """The response's words; ``channel``: only those of that channel (numbered from 0, as
    ``results.channels`` lists them), with its speakers unprefixed."""
    if not isinstance(obj, dict):
        raise ReadError(f"expected a Deepgram response object, found {json_kind(obj)}")
    results = obj.get("results")
    if not isinstance(results, dict):
        raise ReadError(f"results must be an object, found {json_kind(results)}")
    channels = results.get("channels")
    if not isinstance(channels, list):
        raise ReadError(f"results.channels must be a list, found {json_kind(channels)}")
    if channel is not None:
        if not 0 <= channel < len(channels):
            raise missing_channel(channel, range(len(channels)))
        read = [_channel_words(channels[channel], channel, False)]
    else:
        many = len(channels) > 1
        read = [_channel_words(item, c, many) for c, item in enumerate(channels)]
    if len(read) == 1:
        segments, speakers = speaker_turns(read[0][0], read[0][1])
    else:
        segments, speakers = turns(merge_channels([list(zip(spks, words)) for spks, words, _ in read]))
    language = next((lang for _, _, lang in read if lang), None)
    metadata = obj.get("metadata")
    extra: dict[str, Any] = {}
    if isinstance(metadata, dict):
        if language is None:
            language = language_tag(metadata.get("language") or metadata.get("detected_language"))
        for key in ("request_id", "duration", "models"):
            if key in metadata:
                extra[key] = metadata[key]
    return Transcript(segments=segments, speakers=speakers,
                      metadata=Metadata(language=language, source=NAME, extra=extra))
