"""Hostile inputs of the Trint, Gladia, BBC Kaldi, digital-paper-edit and autoEdit2 readers
(tests/test_hostile.py runs them): numbers out of range or of thousands of digits, NaN, negative
durations, wrong types where lists and objects are expected, deep nesting, empty lists, a job
without a result, speaker ranges that all overlap, and large files."""
from __future__ import annotations

import json
from collections.abc import Callable

DIGITS = "9" * 5000
WORDS = 60_000
DEEP = "[" * 50_000 + "]" * 50_000


def _trint(words: str) -> bytes:
    return ('{"title": "x", "speakers": {}, "paragraphs": {}, "words": ' + words + "}").encode()


def _gladia(utterances: str) -> bytes:
    return ('{"id": "x", "status": "done", "kind": "pre-recorded", "request_params": {}, "result": '
            '{"transcription": {"languages": ["en"], "full_transcript": "", "utterances": ' + utterances + "}}}"
            ).encode()


def _kaldi(words: str, segments: str = "[]") -> bytes:
    return ('{"action": "audio-transcribe", "retval": {"status": true, "wonid": "x", "punct": "", "words": '
            + words + ', "segmentation": {"segments": ' + segments + "}}}").encode()


def _dpe(words: str, paragraphs: str = "[]") -> bytes:
    return ('{"words": ' + words + ', "paragraphs": ' + paragraphs + "}").encode()


def _autoedit2(lines: str) -> bytes:
    return ('{"title": "x", "text": [{"id": 0, "speaker": "S", "paragraph": [{"id": 0, "line": '
            + lines + "}]}]}").encode()


def _many(make: Callable[[int], object], count: int = WORDS) -> str:
    return json.dumps([make(i) for i in range(count)])


CASES: dict[str, Callable[[], bytes]] = {
    "trint-digits.json": lambda: _trint('[{"value": "a", "time": ' + DIGITS + ', "duration": 1, "paragraphId": "p"}]'),
    "trint-nan.json": lambda: _trint('[{"value": "a", "time": NaN, "duration": 1, "paragraphId": "p"}]'),
    "trint-negative-duration.json": lambda: _trint('[{"value": "a", "time": 500, "duration": -900, '
                                                   '"paragraphId": "p"}]'),
    "trint-words-object.json": lambda: _trint('{"value": "a"}'),
    "trint-odd-speaker.json": lambda: _trint('[{"value": "a", "time": 0, "duration": 1, "paragraphId": ' + DEEP
                                             + ', "speaker": {"x": [1]}}]'),
    "trint-large.json": lambda: _trint(_many(lambda i: {
        "value": "palavra", "time": i * 300, "duration": 200, "paragraphId": f"p{i // 40}", "speaker": None,
        "strikethrough": False})),
    "gladia-empty.json": lambda: _gladia("[]"),
    "gladia-utterances-object.json": lambda: _gladia('{"words": []}'),
    "gladia-channel-odd.json": lambda: _gladia('[{"channel": ' + DIGITS + ', "words": []}, {"channel": "1"}]'),
    "gladia-infinite.json": lambda: _gladia('[{"words": [{"word": " a", "start": 1e999, "end": 1}]}]'),
    "gladia-no-result.json": lambda: b'{"status": "queued", "kind": "pre-recorded", "request_params": {}, '
                                     b'"result": null, "error_code": {"deep": ' + DEEP.encode() + b"}}",
    "gladia-large.json": lambda: _gladia(_many(lambda u: {
        "start": u * 3.0, "end": u * 3.0 + 2.5, "channel": u % 2, "speaker": u % 3, "words": [
            {"word": " word", "start": u * 3.0 + k * 0.5, "end": u * 3.0 + k * 0.5 + 0.4, "confidence": 1}
            for k in range(5)]}, WORDS // 5)),
    "kaldi-digits.json": lambda: _kaldi('[{"word": "a", "punct": "A", "start": 0, "end": ' + DIGITS + "}]"),
    "kaldi-punct-odd.json": lambda: _kaldi('[{"word": 3, "punct": ["A"], "start": 0, "end": 1}]'),
    "kaldi-segments-odd.json": lambda: _kaldi('[{"word": "a", "punct": "A", "start": 0, "end": 1}]',
                                              '[{"start": -1e308, "duration": 1e308, "speaker": 7}, null]'),
    "kaldi-overlapping-ranges.json": lambda: _kaldi(
        _many(lambda i: {"word": "a", "punct": "A", "start": i * 0.3, "end": i * 0.3 + 0.2, "confidence": 1}),
        _many(lambda i: {"start": i * 0.001, "duration": 100_000.0, "speaker": {"@id": f"S{i}"}})),
    "dpe-paragraphs-object.json": lambda: _dpe('[{"text": "a", "start": 0, "end": 1}]', '{"speaker": "x"}'),
    "dpe-nested-paragraph.json": lambda: _dpe('[{"text": "a", "start": 0, "end": 1}]',
                                              '[{"start": 0, "end": 1, "speaker": ' + DEEP + "}]"),
    "dpe-backwards.json": lambda: _dpe(_many(lambda i: {"id": i, "text": "a", "start": 1000.0 - i * 0.01,
                                                        "end": 999.0 - i * 0.01}, 1000),
                                       _many(lambda i: {"start": 1000.0 - i, "end": 1001.0 - i, "speaker": "S"}, 500)),
    "dpe-large.json": lambda: _dpe(
        _many(lambda i: {"id": i, "text": "word", "start": i * 0.3, "end": i * 0.3 + 0.2}),
        _many(lambda p: {"id": p, "start": p * 6.0, "end": p * 6.0 + 5.9, "speaker": f"S{p % 2}"}, WORDS // 20)),
    "autoedit2-line-odd.json": lambda: _autoedit2('"words"'),
    "autoedit2-times-odd.json": lambda: _autoedit2('[{"text": "a", "startTime": true, "endTime": [1]}]'),
    "autoedit2-empty.json": lambda: b'{"text": [{"speaker": "S", "paragraph": []}]}',
    "autoedit2-large.json": lambda: _autoedit2(_many(lambda i: {
        "id": i, "text": "word", "startTime": i * 0.3, "endTime": i * 0.3 + 0.2})),
}
