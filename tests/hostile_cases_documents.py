"""Hostile inputs of the documents' part (txt, maxqda, html, docx, pdf): text that a document
cannot show as it is (control characters, bidi overrides, lone surrogates, non-characters) in the
words, the speaker names, the file name and the language, and Hebrew whose yod and vav a shaper
could join. tests/test_documents_fuzz.py writes every hostile case as every document."""
from __future__ import annotations

import json
from collections.abc import Callable

_ODD = ["nul\x00", "bell\x07", "esc\x1b[2J", "\u202eoverride", "\u2066isolate", "lone\ud800", "\udfff",
        "\ufffe", "del\x7f", "c1\x9b", "tab\tbed", "line\nend", "יו", "שלום", "<script>", "&amp;", "]]>"]


def _amberscript(words: list[str], speaker: str = "Anna", filename: str = "talk.mp3",
                 language: str | None = None) -> bytes:
    raw = [{"start": i * 0.4, "end": i * 0.4 + 0.3, "duration": 0.3, "text": text, "conf": 0.5 + (i % 2) / 2,
            "pristine": True} for i, text in enumerate(words)]
    document = {"id": "x", "recordId": "y", "filename": filename, "startTimeOffset": 0.0,
                "speakers": [{"spkid": "a", "name": speaker}, {"spkid": "b", "name": "Ben"}],
                "segments": [{"speaker": "ab"[n % 2], "words": raw[n * 40:(n + 1) * 40]}
                             for n in range((len(raw) + 39) // 40)],
                "highlights": [{"start": 0.0, "end": 2.0, "label": "note\x00\ud800"}]}
    if language is not None:
        document["language"] = language
    return json.dumps(document, ensure_ascii=True).encode("ascii")  # lone surrogates as \ud800 escapes


CASES: dict[str, Callable[[], bytes]] = {
    "documents-odd-metadata.json": lambda: _amberscript(_ODD, speaker="Eve\x1b[31m\ud800", filename="a\x07\n.mp3",
                                                        language="en\x00\ud800"),
    "documents-many-odd-words.json": lambda: _amberscript(_ODD * 120),
    "documents-hebrew.srt": lambda: "".join(
        f"{n + 1}\n00:00:{n:02d},000 --> 00:00:{n:02d},900\nיום יום, ויולט אמרה: \u202eשלום\u0007\n\n"
        for n in range(50)).encode("utf-8"),
}
