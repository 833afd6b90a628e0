"""Hostile and odd Whisper-family JSON (tests/test_hostile.py runs them): times out of range or
not numbers, words of the wrong type, whisperX words without times everywhere, a segment-only
file with one enormous segment, and many thousands of untimed words."""
from __future__ import annotations

import json
from collections.abc import Callable

SIZE = 300_000


def _json(document: object) -> bytes:
    return json.dumps(document).encode()


def _segment(words: object, start: object = 0.0, end: object = 1.0, text: object = " a") -> dict[str, object]:
    return {"id": 0, "seek": 0, "start": start, "end": end, "text": text, "words": words}


def _whisperx_untimed() -> bytes:
    words = [{"word": str(i)} for i in range(SIZE // 15)]
    return _json({"segments": [{"start": 0.0, "end": 10.0, "text": " numbers", "words": words}],
                  "word_segments": words, "language": "en"})


CASES: dict[str, Callable[[], bytes]] = {
    "whisper-huge-time.json": lambda: (b'{"text": "", "language": "en", "segments": [{"start": 0, "end": 1e300, '
                                       b'"text": " a b"}]}'),
    "whisper-digits-time.json": lambda: ('{"text": "", "language": "en", "segments": [{"start": 0, "end": '
                                         + "9" * 5000 + ', "text": " a"}]}').encode(),
    "whisper-nan-word.json": lambda: (b'{"language": "en", "segments": [{"start": 0, "end": 1, "text": " a", '
                                      b'"words": [{"word": " a", "start": NaN, "end": 1}]}]}'),
    "whisper-word-not-object.json": lambda: _json({"language": "en", "segments": [_segment([" a", 3])]}),
    "whisper-word-text-number.json": lambda: _json({"language": "en", "segments": [_segment([{"word": 5}])]}),
    "whisper-words-object.json": lambda: _json({"language": "en", "segments": [_segment({"word": " a"})]}),
    "whisper-backwards.json": lambda: _json({"language": "en", "segments": [
        _segment([{"word": " a", "start": 5.0, "end": 1.0, "probability": 7}], 5.0, 1.0)]}),
    "whisper-negative.json": lambda: _json({"language": "xx-weird", "segments": [_segment(None, -5.0, -1.0)]}),
    "whisperx-untimed.json": _whisperx_untimed,
    "whisper-one-huge-segment.json": lambda: _json({"language": "en", "segments": [
        _segment(None, 0.0, 3600.0, " word" * (SIZE // 5))]}),
    "openai-api-bad-words.json": lambda: _json({"task": "transcribe", "language": "english", "text": "a",
                                                "words": [{"word": "a", "start": 0, "end": 1}, None]}),
    "whisper-cpp-huge-offset.json": lambda: _json({"result": {"language": "en"}, "transcription": [
        {"offsets": {"from": 0, "to": 10**30}, "text": " a"}]}),
    "whisper-cpp-only-special-tokens.json": lambda: _json({"systeminfo": "", "transcription": [
        {"offsets": {"from": 0, "to": 100}, "text": "",
         "tokens": [{"text": f"[_TT_{i}]", "offsets": {"from": 0, "to": 0}} for i in range(SIZE // 50)]}]}),
    "whisper-cpp-many-pieces.json": lambda: _json({"systeminfo": "", "transcription": [
        {"offsets": {"from": 0, "to": 100}, "text": "",
         "tokens": [{"text": "x", "offsets": {"from": 0, "to": 1}, "p": 0.5} for _ in range(SIZE // 50)]}]}),
}
