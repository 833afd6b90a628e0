"""Hostile multichannel inputs (tests/test_hostile.py runs them; tests/test_asr_options.py reads them with
each ``channel`` too): channel lists empty, odd or huge, channel numbers of every wrong kind, duplicated,
negative or far out of range, sound events in odd places."""
from __future__ import annotations

import json
from collections.abc import Callable


def _deepgram_channels(channels: object) -> bytes:
    return json.dumps({"metadata": {"channels": 2}, "results": {"channels": channels}}).encode()


def _dg_channel(*words: tuple[str, float]) -> dict[str, object]:
    return {"alternatives": [{"transcript": "", "words": [
        {"word": text, "punctuated_word": text, "start": start, "end": start + 0.3, "confidence": 0.9}
        for text, start in words]}]}


def _scribe(index: object, *words: tuple[str, float, str]) -> dict[str, object]:
    return {"language_code": "eng", "channel_index": index, "text": "", "words": [
        {"text": text, "start": start, "end": start + 0.3, "type": kind, "logprob": -0.2}
        for text, start, kind in words]}


def _scribe_channels(*transcripts: object) -> bytes:
    return json.dumps({"transcripts": list(transcripts)}).encode()


CASES: dict[str, Callable[[], bytes]] = {
    "options-deepgram-empty-second-channel.json": lambda: _deepgram_channels(
        [_dg_channel(("Hello.", 0.5)), {"alternatives": []}]),
    "options-deepgram-channel-not-object.json": lambda: _deepgram_channels([_dg_channel(("Hi.", 0.1)), [1, 2]]),
    "options-deepgram-200-channels.json": lambda: _deepgram_channels(
        [_dg_channel((f"w{c}", c * 0.5)) for c in range(200)]),
    "options-scribe-index-kinds.json": lambda: _scribe_channels(
        _scribe(None, ("a", 0.0, "word")), _scribe(True, ("b", 0.1, "word")), _scribe(-3, ("c", 0.2, "word")),
        _scribe([1], ("d", 0.3, "word")), _scribe({"x": 1}, ("e", 0.4, "word")), _scribe(1.5, ("f", 0.5, "word")),
        _scribe("zwei", ("g", 0.6, "word")), _scribe(1e308, ("h", 0.7, "word"))),
    "options-scribe-index-twice.json": lambda: _scribe_channels(
        _scribe(0, ("one", 0.0, "word")), _scribe(0, ("two", 0.1, "word"))),
    "options-scribe-only-sounds.json": lambda: _scribe_channels(
        _scribe(0, ("(music)", 0.0, "audio_event"), ("(applause)", 1.0, "audio_event")),
        _scribe(1, ("(laughter)", 0.5, "audio_event"))),
    "options-scribe-transcripts-empty.json": lambda: b'{"transcripts": [{"words": []}, {"words": null}]}',
    "options-assemblyai-channel-kinds.json": lambda: json.dumps({"audio_url": "a", "utterances": None, "words": [
        {"text": f"w{k}", "start": k * 100, "end": k * 100 + 90, "confidence": 0.9, "speaker": None,
         "channel": channel} for k, channel in enumerate(["1", 2, None, [3], {"c": 1}, True, -1, 2.0, "", "x" * 999])
    ]}).encode(),
    "options-assemblyai-utterances-channels.json": lambda: json.dumps({"audio_url": "a", "words": None,
        "utterances": [{"speaker": "A", "words": [{"text": "a", "start": 0, "end": 5, "channel": "2"}]},
                       {"speaker": "B", "words": []}]}).encode(),
    "options-scribe-transcript-not-object.json": lambda: _scribe_channels(_scribe(0, ("a", 0.0, "word")), "x"),
}
