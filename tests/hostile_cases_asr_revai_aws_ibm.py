"""Hostile inputs of the Rev.ai, Amazon Transcribe and IBM Watson readers (tests/test_hostile.py runs
them): times of thousands of digits, NaN and negative, strings where numbers go and numbers where
strings go, deep nesting, empty lists, and large files (each answered within the harness's 2 s)."""
from __future__ import annotations

import json
from collections.abc import Callable

DIGITS = "9" * 5000
WORDS = 60_000
AWS_WORDS = 30_000  # an AWS item is three times the bytes of another service's word
DEEP = 50_000


def _revai(elements: str) -> bytes:
    return ('{"monologues": [{"speaker": 0, "elements": ' + elements + "}]}").encode()


def _aws(items: str, extra: str = "") -> bytes:
    return ('{"jobName": "x", "status": "COMPLETED", "results": {"transcripts": [{"transcript": ""}]'
            + extra + ', "items": ' + items + "}}").encode()


def _ibm(results: str, extra: str = "") -> bytes:
    return ('{"result_index": 0' + extra + ', "results": ' + results + "}").encode()


def _aws_word(content: str, start: str, end: str) -> str:
    return json.dumps({"start_time": start, "end_time": end, "type": "pronunciation",
                       "alternatives": [{"confidence": "0.9", "content": content}]})


def _aws_turn(t: int) -> dict[str, object]:
    times = [(f"{i * 0.3:.2f}", f"{i * 0.3 + 0.2:.2f}") for i in range(t * 50, t * 50 + 50)]
    return {"speaker_label": f"spk_{t % 2}", "start_time": times[0][0], "end_time": times[-1][1],
            "items": [{"speaker_label": f"spk_{t % 2}", "start_time": start, "end_time": end} for start, end in times]}


CASES: dict[str, Callable[[], bytes]] = {
    "revai-digits.json": lambda: _revai('[{"type": "text", "value": "a", "ts": ' + DIGITS + ', "end_ts": 1}]'),
    "revai-nan.json": lambda: _revai('[{"type": "text", "value": "a", "ts": NaN, "end_ts": 1}]'),
    "revai-negative.json": lambda: _revai('[{"type": "text", "value": "a", "ts": -5, "end_ts": -1}]'),
    "revai-backwards.json": lambda: _revai('[{"type": "text", "value": "a", "ts": 5, "end_ts": 1, "confidence": 9}]'),
    "revai-string-times.json": lambda: _revai('[{"type": "text", "value": "a", "ts": "0.3", "end_ts": "0.5"}]'),
    "revai-only-punctuation.json": lambda: _revai('[{"type": "punct", "value": "."}, {"type": "punct", "value": " "}]'),
    "revai-monologues-odd.json": lambda: b'{"monologues": [null, {"elements": {"type": "text"}}]}',
    "revai-speaker-object.json": lambda: b'{"monologues": [{"speaker": {"id": 1}, "elements": []}]}',
    "revai-deep.json": lambda: _revai("[" * DEEP + "]" * DEEP),
    "revai-large.json": lambda: _revai(json.dumps([element for i in range(WORDS) for element in (
        {"type": "text", "value": "word", "ts": i * 0.3, "end_ts": i * 0.3 + 0.2, "confidence": 0.9},
        {"type": "punct", "value": "," if i % 7 else "."}, {"type": "punct", "value": " "})])),
    "aws-digits.json": lambda: _aws("[" + _aws_word("a", "1" + DIGITS, "2" + DIGITS) + "]"),
    "aws-nan.json": lambda: _aws("[" + _aws_word("a", "nan", "inf") + "]"),
    "aws-negative.json": lambda: _aws("[" + _aws_word("a", "-1", "-0.5") + "]"),
    "aws-number-times.json": lambda: _aws('[{"start_time": 1, "end_time": 1e400, "type": "pronunciation",'
                                          ' "alternatives": [{"content": "a"}]}]'),
    "aws-content-number.json": lambda: _aws('[{"start_time": "1", "end_time": "2", "type": "pronunciation",'
                                            ' "alternatives": [{"content": 7, "confidence": "x"}]}]'),
    "aws-alternatives-empty.json": lambda: _aws('[{"type": "punctuation", "alternatives": []}]'),
    "aws-speaker-labels-odd.json": lambda: _aws("[" + _aws_word("a", "0", "1") + "]",
                                                ', "speaker_labels": {"segments": [{"speaker_label": "spk_0",'
                                                ' "start_time": "x", "items": [[]]}]}'),
    "aws-channels-odd.json": lambda: _aws("[]", ', "channel_labels": {"channels": [{"channel_label": "ch_'
                                                + DIGITS + '", "items": 5}, null]}'),
    "aws-deep.json": lambda: _aws("[" * DEEP + "]" * DEEP),
    "aws-large.json": lambda: _aws(json.dumps([item for i in range(AWS_WORDS) for item in (
        {"start_time": f"{i * 0.3:.2f}", "end_time": f"{i * 0.3 + 0.2:.2f}", "type": "pronunciation",
         "alternatives": [{"confidence": "0.98", "content": "word"}]},
        {"type": "punctuation", "alternatives": [{"confidence": "0.0", "content": "."}]})]),
        ', "speaker_labels": {"speakers": 2, "segments": ' + json.dumps([_aws_turn(t) for t in range(AWS_WORDS // 50)])
        + "}"),
    "ibm-digits.json": lambda: _ibm('[{"final": true, "alternatives": [{"timestamps": [["a", 0, ' + DIGITS + "]]}]}]"),
    "ibm-nan.json": lambda: _ibm('[{"final": true, "alternatives": [{"timestamps": [["a", NaN, 1]]}]}]'),
    "ibm-negative.json": lambda: _ibm('[{"final": true, "alternatives": [{"timestamps": [["a", -3, -1]]}]}]'),
    "ibm-stamp-short.json": lambda: _ibm('[{"final": true, "alternatives": [{"timestamps": [["a"], 5]}]}]'),
    "ibm-confidence-odd.json": lambda: _ibm('[{"final": true, "alternatives": [{"timestamps": [["a", 0, 1]],'
                                            ' "word_confidence": [{"a": 1}]}]}]'),
    "ibm-index-huge.json": lambda: ('{"results": [{"result_index": ' + DIGITS + ', "results": []}]}').encode(),
    "ibm-labels-odd.json": lambda: _ibm('[]', ', "speaker_labels": [{"from": "0", "to": null, "speaker": [1]}]'),
    "ibm-deep.json": lambda: _ibm("[" * DEEP + "]" * DEEP),
    "ibm-large.json": lambda: _ibm(json.dumps([
        {"final": True, "alternatives": [{"transcript": "word " * 20, "confidence": 0.9,
                                          "timestamps": [["word", r * 6 + k * 0.3, r * 6 + k * 0.3 + 0.2]
                                                         for k in range(20)],
                                          "word_confidence": [["word", 0.8] for _ in range(20)]}]}
        for r in range(WORDS // 20)]), ', "speaker_labels": ' + json.dumps([
            {"from": r * 6 + k * 0.3, "to": r * 6 + k * 0.3 + 0.2, "speaker": r % 2, "confidence": 0.5, "final": False}
            for r in range(WORDS // 20) for k in range(20)])),
}
