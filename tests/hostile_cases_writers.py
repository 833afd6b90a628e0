"""Hostile inputs of the writers' part: provider exports whose words hold what a subtitle file
cannot hold as it is (line ends, timing lines, control characters, lone surrogates, RTL marks,
``-->``), speaker names and languages with line ends, and negative time offsets. Each must be
converted, and what is written read back with the same cues (tests/test_writers_read_back.py
checks that for every subtitle writer)."""
from __future__ import annotations

import json
from collections.abc import Callable

WORDS = [
    "plain", "two\nlines", "carriage\rreturn", "crlf\r\nend", "\n\n\n", "00:00:00,000 --> 00:00:05,000",
    "10:30:00 -> doors open", "12:00:00 → 13:00:00", "00:00:01.000 --> 00:00:02.000 line:0", "-->",
    "nul\x00byte", "esc\x1b[31mred", "bell\x07", "vt\x0bff\x0c", "del\x7f", "c1\x85\x9b", "lone\ud800", "low\udfff",
    "\u200frtl\u200f", "\u202eoverride\u202c", "\u2028sep\u2029", "NOTE", "WEBVTT", "STYLE", "1", "42",
    "<i>open", "</b>", "&amp;", "{\\an8}", "\ufeffbom", "\ufffe\uffff", "\t\t", " ", "",
]


def _amberscript(offset: float, words: list[str], speaker_name: str = "Anna", language: str | None = None) -> bytes:
    raw = []
    for index, text in enumerate(words):
        raw.append({"start": index * 0.7, "end": index * 0.7 + 0.6, "duration": 0.6, "text": text, "conf": 1.0,
                    "pristine": True})
    document = {"id": "x", "recordId": "y", "filename": "hostile.mp3", "startTimeOffset": offset,
                "speakers": [{"spkid": "spk1", "name": speaker_name}],
                "segments": [{"speaker": "spk1", "words": raw}], "highlights": []}
    if language is not None:
        document["language"] = language
    # ensure_ascii writes lone surrogates as \ud800 escapes, as a provider's JSON may hold them.
    return json.dumps(document, ensure_ascii=True).encode("ascii")


CASES: dict[str, Callable[[], bytes]] = {
    "writers-hostile-words.json": lambda: _amberscript(0.0, WORDS),
    "writers-negative-offset.json": lambda: _amberscript(-9.0, ["early", "words", "before", "zero"] * 5),
    "writers-timing-lines-only.json": lambda: _amberscript(0.0, ["00:00:00,000 --> 00:00:01,000"] * 40),
    "writers-speaker-name-lines.json": lambda: _amberscript(
        0.0, ["hello", "there"] * 4, speaker_name="Anna\n\n2\n00:00:00,000 --> 00:00:09,000\nX, Y\x00"),
    "writers-many-controls.json": lambda: _amberscript(0.0, ["".join(map(chr, range(32)))] * 200),
    "writers-surrogate-pairs.json": lambda: _amberscript(0.0, ["\ud83d\ude00", "\ude00\ud83d", "\ud83d"] * 30),
    # A WebVTT file whose STYLE block and identifiers would stop or mislead ffmpeg when written back.
    "writers-style-and-odd-ids.vtt": lambda: (
        b"WEBVTT\n\nSTYLE\n::cue { color: yellow }\n\nNOTEBOOK\n00:00:01.000 --> 00:00:02.000\nfirst\n\n"
        b"WEBVTT-2\n00:00:03.000 --> 00:00:04.000\nsecond\n\nid\x00\n00:00:05.000 --> 00:00:06.000\n"
        b"00:00:05,000 --&gt; 00:00:06,000\n\n00:00:07.000 --> 00:00:08.000\n<c></c>\n"),
}
