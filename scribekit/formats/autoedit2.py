"""autoEdit2 project transcripts, read.

``text[]`` holds the speaker turns (``speaker``, ``paragraph[]``), each paragraph its ``line[]`` of
words: ``text`` with its punctuation, ``startTime``/``endTime`` in seconds. Each paragraph is a
turn; ``languageModel`` ("British English") gives the language, ``title`` and ``sttEngine`` are kept.
"""
from __future__ import annotations

from math import floor
from typing import Any

from ..errors import ReadError
from ..model import Metadata, Transcript, Word
from ..timecode import MAX_MS
from . import describe
from ._asr import checked_times, grouped_turns, language_tag, plain_seconds, speaker_id, warn_backwards
from ._json import json_kind

FORMAT = describe(__name__, name="autoedit2", title="autoEdit2 transcript JSON", extensions=("json",),
                  kind="data", aliases=("autoedit",), priority=440)

NAME = "autoedit2"
_MAX_SECONDS = MAX_MS // 1000
_REGIONS = {"british": "GB", "american": "US", "australian": "AU", "canadian": "CA", "brazilian": "BR",
            "european": "", "mexican": "MX"}


def sniff_json(obj: Any) -> bool:
    if not isinstance(obj, dict) or "scribekit" in obj:
        return False
    text = obj.get("text")
    if not isinstance(text, list) or not text:
        return False
    first = text[0]
    if not isinstance(first, dict) or not isinstance(first.get("paragraph"), list):
        return False
    paragraphs = first["paragraph"]
    return not paragraphs or isinstance(paragraphs[0], dict) and isinstance(paragraphs[0].get("line"), list)


def _language(value: Any) -> str | None:
    """"British English" -> en-GB; "English" -> en; a tag stays a tag."""
    tag = language_tag(value)
    if tag is not None or not isinstance(value, str):
        return tag
    *qualifiers, name = value.lower().split() or [""]
    tag = language_tag(name)
    if tag is not None and len(qualifiers) == 1 and _REGIONS.get(qualifiers[0]):
        tag = f"{tag}-{_REGIONS[qualifiers[0]]}"
    return tag


def _turn(turn: Any, t: int, out: list[tuple[str | None, list[Word]]]) -> int:
    """Appends the turn's paragraphs to ``out``; how many words end before they start."""
    if not isinstance(turn, dict):
        raise ReadError(f"text {t}: expected an object, found {json_kind(turn)}")
    paragraphs = turn.get("paragraph")
    if not isinstance(paragraphs, list):
        raise ReadError(f"text {t}: paragraph must be a list, found {json_kind(paragraphs)}")
    spk = speaker_id(turn.get("speaker"))
    backwards = 0
    for p, paragraph in enumerate(paragraphs, 1):
        if not isinstance(paragraph, dict):
            raise ReadError(f"text {t}, paragraph {p}: expected an object, found {json_kind(paragraph)}")
        line = paragraph.get("line")
        if not isinstance(line, list):
            raise ReadError(f"text {t}, paragraph {p}: line must be a list, found {json_kind(line)}")
        words: list[Word] = []
        out.append((spk, words))
        append = words.append
        for w, raw in enumerate(line, 1):
            if type(raw) is not dict:
                raise ReadError(f"text {t}, paragraph {p}, word {w}: expected an object, found {json_kind(raw)}")
            text = raw.get("text")
            if type(text) is not str:
                raise ReadError(f"text {t}, paragraph {p}, word {w}: text must be a string, found {json_kind(text)}")
            start, end = raw.get("startTime"), raw.get("endTime")
            if type(start) is float and type(end) is float and 0.0 <= start <= end <= _MAX_SECONDS:
                first, last = floor(start * 1000.0 + 0.5), floor(end * 1000.0 + 0.5)  # the common case, inline
            else:
                first, last = plain_seconds(start, end) or checked_times(
                    start, end, f"text {t}, paragraph {p}, word {w}")
                if last < first:
                    backwards += 1
                    last = first
            text = text.strip()
            if text:
                append(Word(text, first, last))
    return backwards


def read_json(obj: Any) -> Transcript:
    if not isinstance(obj, dict):
        raise ReadError(f"expected an autoEdit2 transcript object, found {json_kind(obj)}")
    turns = obj.get("text")
    if not isinstance(turns, list):
        raise ReadError(f"text must be a list, found {json_kind(turns)}")
    groups: list[tuple[str | None, list[Word]]] = []
    backwards = 0
    for t, turn in enumerate(turns, 1):
        backwards += _turn(turn, t, groups)
    warn_backwards(backwards)
    segments, speakers = grouped_turns(groups)
    extra = {key: obj[key] for key in ("title", "sttEngine") if isinstance(obj.get(key), str)}
    return Transcript(segments=segments, speakers=speakers,
                      metadata=Metadata(language=_language(obj.get("languageModel")), source=NAME, extra=extra))
