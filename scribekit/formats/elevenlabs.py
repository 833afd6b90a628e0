"""ElevenLabs Scribe speech-to-text responses (``/v1/speech-to-text``), read.

``words`` holds items of ``type`` word, spacing or audio_event, each with ``text``, ``start``/
``end`` in float seconds, ``logprob`` (a log-probability: the confidence is its exp) and, with
diarisation only, ``speaker_id`` ("speaker_0"). Spacing items are the gaps between words and are
not read; audio events ("(laughter)") are kept as words of their own, marked
``extra={"sound": True}`` and cut into a segment of their own so that they never share a cue with
speech. ``language_code`` is two or three letters. Multichannel responses (``transcripts[]``) are
merged in time order, each channel one speaker when there is no diarisation. A response with no
words (silent input) is an empty transcript.
"""
from __future__ import annotations

from typing import Any

from ..errors import ReadError
from ..model import Metadata, Segment, Transcript, Word
from . import describe
from ._asr import language_tag, speaker_id, unit_confidence
from ._asr_turns import merge_channels, turns, word_times
from ._json import json_kind

FORMAT = describe(__name__, name="elevenlabs", title="ElevenLabs Scribe speech-to-text JSON", extensions=("json",),
                  kind="data", aliases=("scribe",), priority=340)

NAME = "elevenlabs"

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


def _channel(obj: Any, c: int | None) -> list[tuple[str | None, Word]]:
    where = "" if c is None else f"transcript {c + 1}, "
    if not isinstance(obj, dict):
        raise ReadError(f"{where}expected an object, found {json_kind(obj)}")
    raw_words = obj.get("words", [])
    if raw_words is None:
        raw_words = []
    if not isinstance(raw_words, list):
        raise ReadError(f"{where}words must be a list, found {json_kind(raw_words)}")
    channel = obj.get("channel_index", c)
    words: list[tuple[str | None, Word]] = []
    for w, raw in enumerate(raw_words, 1):
        here = f"{where}word {w}"
        if not isinstance(raw, dict):
            raise ReadError(f"{here}: expected an object, found {json_kind(raw)}")
        kind = raw.get("type", "word")
        if kind == "spacing":
            continue
        text = raw.get("text")
        if not isinstance(text, str):
            raise ReadError(f"{here}: text must be a string, found {json_kind(text)}")
        start, end = word_times(raw.get("start"), raw.get("end"), here)
        text = text.strip()
        if not text:
            continue
        spk = speaker_id(raw.get("speaker_id"))
        if spk is None and c is not None:
            spk = f"channel {speaker_id(channel) or c}"
        extra = {"sound": True} if kind == "audio_event" else None
        words.append((spk, Word(text, start, end, unit_confidence(raw.get("logprob"), log=True), extra)))
    return words


def _split_sounds(segments: list[Segment]) -> list[Segment]:
    """Each run of audio events in a segment of its own (same speaker), so no cue mixes them with speech."""
    out: list[Segment] = []
    for segment in segments:
        current: Segment | None = None
        for word in segment.words:
            sound = bool(word.extra and word.extra.get("sound"))
            if current is None or bool(current.words[-1].extra and current.words[-1].extra.get("sound")) != sound:
                current = Segment(segment.speaker, [])
                out.append(current)
            current.words.append(word)
    return out


def read_json(obj: Any) -> Transcript:
    if not isinstance(obj, dict):
        raise ReadError(f"expected an ElevenLabs response object, found {json_kind(obj)}")
    if "words" not in obj and isinstance(obj.get("transcripts"), list):
        channels = obj["transcripts"]
        words = merge_channels([_channel(item, c) for c, item in enumerate(channels)])
        first = channels[0] if channels and isinstance(channels[0], dict) else {}
    else:
        words = _channel(obj, None)
        first = obj
    segments, speakers = turns(words)
    extra = {key: first[key] for key in ("transcription_id", "audio_duration_secs", "language_probability")
             if key in first}
    return Transcript(segments=_split_sounds(segments), speakers=speakers,
                      metadata=Metadata(language=language_tag(first.get("language_code")), source=NAME, extra=extra))
