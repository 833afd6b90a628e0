"""Hostile inputs of the Google Speech-to-Text, Speechmatics and Azure readers (tests/test_hostile.py
runs them): durations and ticks out of range, of thousands of digits or of the wrong type, empty and
oddly nested lists, diarised results repeated many times, many channels, and large files (each
answered within the harness's 2 s)."""
from __future__ import annotations

import json
from collections.abc import Callable

DIGITS = "9" * 5000
WORDS = 60_000


def _google(words: str) -> bytes:
    return ('{"results": [{"alternatives": [{"transcript": "a", "words": ' + words + '}]}]}').encode()


def _speechmatics(results: str) -> bytes:
    return ('{"format": "2.9", "metadata": {"language_pack_info": {"word_delimiter": " "}}, "results": '
            + results + "}").encode()


def _azure(phrases: str) -> bytes:
    return ('{"source": "x", "durationInTicks": 1.0, "recognizedPhrases": ' + phrases + "}").encode()


def _sm_word(i: int) -> dict[str, object]:
    return {"type": "word", "start_time": i * 0.3, "end_time": i * 0.3 + 0.2,
            "alternatives": [{"content": "word", "confidence": 0.9, "language": "en",
                              "speaker": f"S{i // 40 % 2 + 1}"}]}


CASES: dict[str, Callable[[], bytes]] = {
    "google-digits.json": lambda: _google('[{"word": "a", "startTime": "' + DIGITS + 's", "endTime": "1s"}]'),
    "google-seconds-digits.json": lambda: _google(
        '[{"word": "a", "startTime": {"seconds": "' + DIGITS + '"}, "endTime": {"seconds": ' + DIGITS + '}}]'),
    "google-nan.json": lambda: _google('[{"word": "a", "startTime": "NaNs", "endTime": "infs"}]'),
    "google-negative-nanos.json": lambda: _google(
        '[{"word": "a", "startTime": {"seconds": "-5", "nanos": -1}, "endTime": "1s"}]'),
    "google-word-list.json": lambda: _google('[{"word": ["a"], "startTime": "0s", "endTime": "1s"}]'),
    "google-alternatives-odd.json": lambda: b'{"results": [{"alternatives": [7]}, {"alternatives": {}}]}',
    "google-channel-huge.json": lambda: (
        '{"results": [{"alternatives": [{"transcript": "a", "words": []}], "channelTag": ' + DIGITS + "}]}").encode(),
    "google-many-channels.json": lambda: json.dumps({"results": [
        {"channelTag": i + 1, "alternatives": [{"transcript": "a", "words": [
            {"word": "a", "startTime": f"{i}s", "endTime": f"{i + 1}s"}]}]} for i in range(20_000)]}).encode(),
    "google-diarised-large.json": lambda: json.dumps({"results": [
        {"alternatives": [{"transcript": "", "words": [
            {"word": "word", "startTime": f"{i * 0.3:.3f}s", "endTime": f"{i * 0.3 + 0.2:.3f}s"}
            for i in range(k * 100, k * 100 + 100)]}]} for k in range(300)] + [
        {"alternatives": [{"transcript": "", "words": [
            {"word": "word", "startTime": f"{i * 0.3:.3f}s", "endTime": f"{i * 0.3 + 0.2:.3f}s",
             "speakerTag": i // 50 % 3 + 1} for i in range(30_000)]}]}]}).encode(),
    "google-large-node.json": lambda: _google(json.dumps([
        {"word": "Word.", "startTime": {"seconds": str(i * 3 // 10), "nanos": i * 3 % 10 * 100_000_000},
         "endTime": {"seconds": str(i * 3 // 10 + 1)}, "confidence": 0.9} for i in range(WORDS)])),
    "speechmatics-digits.json": lambda: _speechmatics(
        '[{"type": "word", "start_time": ' + DIGITS + ', "end_time": 1, "alternatives": [{"content": "a"}]}]'),
    "speechmatics-infinite.json": lambda: _speechmatics(
        '[{"type": "word", "start_time": 0, "end_time": 1e999, "alternatives": [{"content": "a"}]}]'),
    "speechmatics-type-odd.json": lambda: _speechmatics(
        '[{"type": ["word"], "start_time": 0, "end_time": 1, "alternatives": [{"content": "a"}]}]'),
    "speechmatics-alternatives-empty.json": lambda: _speechmatics(
        '[{"type": "word", "start_time": 0, "end_time": 1, "alternatives": []}]'),
    "speechmatics-speaker-odd.json": lambda: _speechmatics(
        '[{"type": "word", "start_time": 0, "end_time": 1, "channel": {"c": 1},'
        ' "alternatives": [{"content": "a", "speaker": [1], "confidence": "high"}]}]'),
    "speechmatics-punctuation-only.json": lambda: _speechmatics(json.dumps([
        {"type": "punctuation", "start_time": 0.1 * i, "end_time": 0.1 * i, "attaches_to": "both",
         "alternatives": [{"content": "-"}]} for i in range(WORDS)])),
    "speechmatics-v1-digits.json": lambda: (
        '{"format": "1.0", "speakers": [{"name": "F1", "time": "0", "duration": "' + DIGITS + '"}],'
        ' "words": [{"name": "a", "time": "0", "duration": "1", "confidence": "' + DIGITS + '"}]}').encode(),
    "speechmatics-large.json": lambda: _speechmatics(json.dumps([_sm_word(i) for i in range(WORDS)])),
    "azure-ticks-digits.json": lambda: _azure(
        '[{"offsetInTicks": ' + DIGITS + ', "durationInTicks": 1, "nBest": [{"display": "a"}]}]'),
    "azure-iso-odd.json": lambda: _azure('[{"offset": "P' + "9" * 3000 + 'D", "nBest": [{"display": "a"}]}]'),
    "azure-nbest-odd.json": lambda: _azure('[{"offsetInTicks": 0, "nBest": [[1]]}, {"nBest": {}}]'),
    "azure-words-odd.json": lambda: _azure(
        '[{"offsetInTicks": 0, "durationInTicks": 1e7, "nBest": [{"display": "a b c",'
        ' "words": [{"word": "x", "offsetInTicks": -1e300, "durationInTicks": 1}]}]}]'),
    "azure-sdk-list-odd.json": lambda: b'[{"RecognitionStatus": "Success", "Offset": 0, "NBest": null}, 5]',
    "azure-fast-large.json": lambda: json.dumps({"combinedPhrases": [], "phrases": [
        {"channel": i % 2, "speaker": i // 7 % 3, "offsetMilliseconds": i * 3000, "durationMilliseconds": 2800,
         "text": "Ten words.", "words": [{"text": "Word.", "offsetMilliseconds": i * 3000 + k * 280,
                                          "durationMilliseconds": 250} for k in range(10)]}
        for i in range(WORDS // 10)]}).encode(),
    "azure-batch-mismatched-large.json": lambda: _azure(json.dumps([
        {"channel": 0, "offsetInTicks": i * 3e7, "durationInTicks": 2.9e7, "nBest": [{
            "display": "Call 10:30 at 4 OK?", "words": [
                {"word": w, "offsetInTicks": i * 3e7 + k * 4e6, "durationInTicks": 3.5e6}
                for k, w in enumerate(("call", "ten", "thirty", "at", "four", "okay"))]}]}
        for i in range(WORDS // 6)])),
}
