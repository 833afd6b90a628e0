"""ElevenLabs Scribe speech-to-text responses (``/v1/speech-to-text``), read.

``words`` holds items of ``type`` word, spacing or audio_event, each with ``text``, ``start``/
``end`` in float seconds, ``logprob`` (a log-probability: the confidence is its exp) and, with
diarisation only, ``speaker_id`` ("speaker_0"). Spacing items are the gaps between words and are
not read; audio events ("(laughter)") are kept as words of their own, marked
``sound`` and cut into a segment of their own so that they never share a cue with
speech. ``language_code`` is two or three letters. Multichannel responses (``transcripts[]``) are
merged in time order, each channel one speaker when there is no diarisation, else speaker ids
prefixed by their channel ("1-speaker_0"); ``channel=N`` reads the transcript of
``channel_index`` N alone. A response with no
words (silent input) is an empty transcript.
"""
from __future__ import annotations

from math import exp, floor
from typing import Any

from ..errors import ReadError
from ..model import Metadata, Transcript, Word
from ..timecode import MAX_MS
from . import describe
from ._asr import language_tag, merge_channels, plain_seconds, speaker_id, turns, unit_confidence, word_times
from ._channels import missing_channel
from ._json import json_kind

FORMAT = describe(__name__, name="elevenlabs", title="ElevenLabs Scribe speech-to-text JSON", extensions=("json",),
                  kind="data", aliases=("scribe",), priority=340)

NAME = "elevenlabs"
_MAX_SECONDS = MAX_MS // 1000

_TYPES = ("word", "spacing", "audio_event")


def _looks_like(obj: Any) -> bool:
    if not isinstance(obj, dict) or "scribekit" in obj or "segments" in obj:
        return False
    words = obj.get("words")
    if not isinstance(words, list):
        return False
    if words:
        first = words[0]
        return isinstance(first, dict) and first.get("type") in _TYPES and isinstance(first.get("text"), str)
    return "transcription_id" in obj or "language_probability" in obj


def sniff_json(obj: Any) -> bool:
    if isinstance(obj, dict) and isinstance(obj.get("transcripts"), list) and "words" not in obj:
        transcripts = obj["transcripts"]
        return bool(transcripts) and _looks_like(transcripts[0])
    return _looks_like(obj)


def _channel_number(obj: Any, c: int) -> str:
    """Transcript ``c``'s channel as ElevenLabs numbers it: its ``channel_index``, else its place."""
    return (speaker_id(obj.get("channel_index")) if isinstance(obj, dict) else None) or str(c)


def _channel(obj: Any, c: int | None, many: bool = True) -> list[tuple[str | None, Word]]:
    """The words of a response (``c`` None) or of ``transcripts[c]``; ``many``: of all the channels,
    so that speakers are told apart by channel ("channel 1", "1-speaker_0")."""
    where = "" if c is None else f"transcript {c + 1}, "
    if not isinstance(obj, dict):
        raise ReadError(f"{where}expected an object, found {json_kind(obj)}")
    raw_words = obj.get("words", [])
    if raw_words is None:
        raw_words = []
    if not isinstance(raw_words, list):
        raise ReadError(f"{where}words must be a list, found {json_kind(raw_words)}")
    words: list[tuple[str | None, Word]] = []
    append = words.append
    names: dict[Any, str | None] = {}
    prefix = _channel_number(obj, c) if c is not None and many else None
    fallback = None if prefix is None else f"channel {prefix}"
    for w, raw in enumerate(raw_words, 1):
        if type(raw) is not dict:
            raise ReadError(f"{where}word {w}: expected an object, found {json_kind(raw)}")
        kind = raw.get("type", "word")
        if kind == "spacing":
            continue
        text = raw.get("text")
        if type(text) is not str:
            raise ReadError(f"{where}word {w}: text must be a string, found {json_kind(text)}")
        start, end = raw.get("start"), raw.get("end")
        if type(start) is float and type(end) is float and 0.0 <= start <= end <= _MAX_SECONDS:
            first, last = floor(start * 1000.0 + 0.5), floor(end * 1000.0 + 0.5)  # the common case, inline
        else:
            first, last = plain_seconds(start, end) or word_times(start, end, f"{where}word {w}")
        text = text.strip()
        if not text:
            continue
        key = raw.get("speaker_id")
        if type(key) is str and key in names:
            spk = names[key]
        else:
            spk = speaker_id(key)
            if spk is None:
                spk = fallback
            else:
                if prefix is not None:
                    spk = f"{prefix}-{spk}"
                if type(key) is str:
                    names[key] = spk
        logprob = raw.get("logprob")
        confidence: float | None
        if (type(logprob) is float or type(logprob) is int) and -700.0 < logprob <= 0.0:
            confidence = exp(logprob)
        else:
            confidence = unit_confidence(logprob, log=True)
        append((spk, Word(text, first, last, confidence, None, False, kind == "audio_event")))  # sound
    return words


def read_json(obj: Any, *, channel: int | None = None) -> Transcript:
    """The response's words; ``channel``: only those of the transcript with that ``channel_index``
    (its place in ``transcripts`` when it has none; a response of one channel has channel 0),
    with its speakers unprefixed."""
    if not isinstance(obj, dict):
        raise ReadError(f"expected an ElevenLabs response object, found {json_kind(obj)}")
    if "words" not in obj and isinstance(obj.get("transcripts"), list):
        channels = obj["transcripts"]
        if channel is not None:
            numbers = [_channel_number(item, c) for c, item in enumerate(channels)]
            if str(channel) not in numbers:
                raise missing_channel(channel, numbers)
            c = numbers.index(str(channel))
            words = _channel(channels[c], c, many=False)
            first = channels[c]
        else:
            words = merge_channels([_channel(item, c) for c, item in enumerate(channels)])
            first = channels[0] if channels and isinstance(channels[0], dict) else {}
    else:
        if channel is not None and channel != 0:
            raise missing_channel(channel, [0])
        words = _channel(obj, None)
        first = obj
    segments, speakers = turns(words)
    extra = {key: first[key] for key in ("transcription_id", "audio_duration_secs", "language_probability")
             if key in first}
    return Transcript(segments=segments, speakers=speakers,
                      metadata=Metadata(language=language_tag(first.get("language_code")), source=NAME, extra=extra))
