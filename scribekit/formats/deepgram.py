"""Deepgram pre-recorded transcription responses (``/v1/listen``), read.

Words come from ``results.channels[c].alternatives[0].words``: ``punctuated_word`` when the
request asked for punctuation or smart formatting (Deepgram-hosted Whisper gives only ``word``),
``start``/``end`` in float seconds, ``confidence``, and with diarisation ``speaker`` (an int) and
``speaker_confidence``. ``results.utterances`` and the alternatives' ``paragraphs`` repeat the
same words and are not read. Several channels: without diarisation each channel is one speaker
("channel 0", "channel 1"); with it a speaker's id is prefixed by its channel; the words are
merged in time order.
"""
from __future__ import annotations

from typing import Any

from ..errors import ReadError
from ..model import Metadata, Transcript, Word
from . import describe
from ._asr import language_tag, speaker_id, unit_confidence
from ._asr_turns import merge_channels, turns, word_times
from ._json import json_kind

FORMAT = describe(__name__, name="deepgram", title="Deepgram transcription JSON", extensions=("json",),
                  kind="data", priority=320)

NAME = "deepgram"


def sniff_json(obj: Any) -> bool:
    if not isinstance(obj, dict) or "scribekit" in obj:
        return False
    results = obj.get("results")
    if not isinstance(results, dict):
        return False
    channels = results.get("channels")
    return isinstance(channels, list) and bool(channels) and isinstance(channels[0], dict) \
        and "alternatives" in channels[0]


def _channel_words(channel: Any, c: int, many: bool) -> tuple[list[tuple[str | None, Word]], str | None]:
    where = f"channel {c}"
    if not isinstance(channel, dict):
        raise ReadError(f"{where}: expected an object, found {json_kind(channel)}")
    alternatives = channel.get("alternatives")
    if not isinstance(alternatives, list):
        raise ReadError(f"{where}: alternatives must be a list, found {json_kind(alternatives)}")
    if not alternatives:
        return [], None
    best = alternatives[0]
    if not isinstance(best, dict):
        raise ReadError(f"{where}, alternative 1: expected an object, found {json_kind(best)}")
    raw_words = best.get("words", [])
    if not isinstance(raw_words, list):
        raise ReadError(f"{where}: words must be a list, found {json_kind(raw_words)}")
    language = language_tag(channel.get("detected_language"))
    if language is None and isinstance(best.get("languages"), list) and best["languages"]:
        language = language_tag(best["languages"][0])
    words: list[tuple[str | None, Word]] = []
    for w, raw in enumerate(raw_words, 1):
        here = f"{where}, word {w}"
        if not isinstance(raw, dict):
            raise ReadError(f"{here}: expected an object, found {json_kind(raw)}")
        text = raw.get("punctuated_word")
        if not isinstance(text, str) or not text.strip():
            text = raw.get("word")
        if not isinstance(text, str):
            raise ReadError(f"{here}: word must be a string, found {json_kind(text)}")
        text = text.strip()
        start, end = word_times(raw.get("start"), raw.get("end"), here)
        if not text:
            continue
        spk = speaker_id(raw.get("speaker"))
        extra = None
        if "speaker_confidence" in raw:
            conf = unit_confidence(raw["speaker_confidence"])
            if conf is not None:
                extra = {"speaker_confidence": conf}
        if many:
            spk = f"channel {c}" if spk is None else f"{c}-{spk}"
        words.append((spk, Word(text, start, end, unit_confidence(raw.get("confidence")), extra)))
    return words, language


def read_json(obj: Any) -> Transcript:
    if not isinstance(obj, dict):
        raise ReadError(f"expected a Deepgram response object, found {json_kind(obj)}")
    results = obj.get("results")
    if not isinstance(results, dict):
        raise ReadError(f"results must be an object, found {json_kind(results)}")
    channels = results.get("channels")
    if not isinstance(channels, list):
        raise ReadError(f"results.channels must be a list, found {json_kind(channels)}")
    many = len(channels) > 1
    read = [_channel_words(channel, c, many) for c, channel in enumerate(channels)]
    segments, speakers = turns(merge_channels([words for words, _ in read]))
    language = next((lang for _, lang in read if lang), None)
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
