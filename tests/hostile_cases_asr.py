"""Hostile inputs of the Deepgram, AssemblyAI and ElevenLabs readers (tests/test_hostile.py runs
them): numbers out of range or of thousands of digits, wrong types where lists and objects are
expected, speakers of odd kinds, and large files (each answered within the harness's 2 s)."""
from __future__ import annotations

import json
from collections.abc import Callable

DIGITS = "9" * 5000
WORDS = 60_000


def _deepgram(words: str) -> bytes:
    return ('{"metadata": {}, "results": {"channels": [{"alternatives": [{"transcript": "", "words": '
            + words + '}]}]}}').encode()


def _assemblyai(words: str) -> bytes:
    return ('{"id": "x", "audio_url": "a", "utterances": null, "words": ' + words + "}").encode()


def _elevenlabs(words: str) -> bytes:
    return ('{"language_code": "eng", "transcription_id": "x", "words": ' + words + "}").encode()


def _many(make: Callable[[int], dict[str, object]]) -> str:
    return json.dumps([make(i) for i in range(WORDS)])


CASES: dict[str, Callable[[], bytes]] = {
    "deepgram-digits.json": lambda: _deepgram('[{"word": "a", "start": ' + DIGITS + ', "end": 1}]'),
    "deepgram-infinite.json": lambda: _deepgram('[{"word": "a", "start": 1e999, "end": 1}]'),
    "deepgram-negative-huge.json": lambda: _deepgram('[{"word": "a", "start": -1e300, "end": 1}]'),
    "deepgram-words-object.json": lambda: _deepgram('{"word": "a"}'),
    "deepgram-word-number.json": lambda: _deepgram('[{"word": 5, "start": 0, "end": 1}]'),
    "deepgram-speaker-odd.json": lambda: _deepgram(
        '[{"word": "a", "start": 0, "end": 1, "speaker": {"x": 1}, "speaker_confidence": "high"},'
        ' {"word": "b", "start": 1, "end": 2, "speaker": ' + DIGITS + ', "confidence": ' + DIGITS + '}]'),
    "deepgram-channels-odd.json": lambda: b'{"results": {"channels": [{"alternatives": [7]}, 3]}}',
    "deepgram-many-channels.json": lambda: json.dumps({"results": {"channels": [
        {"alternatives": [{"words": [{"word": "a", "start": i, "end": i + 1}]}]} for i in range(20_000)]}}).encode(),
    "deepgram-large.json": lambda: _deepgram(_many(lambda i: {
        "word": "word", "punctuated_word": "Word.", "start": i * 0.3, "end": i * 0.3 + 0.2, "confidence": 0.9,
        "speaker": i // 50 % 3, "speaker_confidence": 0.5})),
    "assemblyai-digits.json": lambda: _assemblyai('[{"text": "a", "start": 0, "end": ' + DIGITS + '}]'),
    "assemblyai-float-ms.json": lambda: _assemblyai('[{"text": "a", "start": 1e200, "end": 1e201}]'),
    "assemblyai-backwards.json": lambda: _assemblyai('[{"text": "a", "start": 500, "end": 100}]'),
    "assemblyai-utterances-odd.json": lambda: (b'{"audio_url": "a", "words": null, "utterances": [{"words": 3}]}'
                                               ),
    "assemblyai-speaker-list.json": lambda: _assemblyai(
        '[{"text": "a", "start": 0, "end": 1, "speaker": ["A"], "channel": {"c": 1}}]'),
    "assemblyai-large.json": lambda: _assemblyai(_many(lambda i: {
        "text": "Word.", "start": i * 300, "end": i * 300 + 200, "confidence": 0.9, "speaker": "AB"[i // 40 % 2]})),
    "elevenlabs-digits.json": lambda: _elevenlabs(
        '[{"text": "a", "type": "word", "start": 0, "end": 1, "logprob": -' + DIGITS + '}]'),
    "elevenlabs-type-odd.json": lambda: _elevenlabs(
        '[{"text": "a", "type": "word", "start": 0, "end": 1}, {"text": "b", "type": [1], "start": 1, "end": 2}]'),
    "elevenlabs-transcripts-odd.json": lambda: b'{"transcripts": [{"transcription_id": "x", "words": []}, null]}',
    "elevenlabs-logprob-positive.json": lambda: _elevenlabs(
        '[{"text": "a", "type": "word", "start": 0, "end": 1, "logprob": 1e308}]'),
    "elevenlabs-large.json": lambda: _elevenlabs(_many(lambda i: {
        "text": "word" if i % 2 == 0 else " ", "type": "word" if i % 2 == 0 else "spacing",
        "start": i * 0.2, "end": i * 0.2 + 0.15, "logprob": -0.01, "speaker_id": f"speaker_{i // 80 % 2}"})),
}
