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
from ._asr import SOUND_OPENERS, checked_times, grouped_turns, language_tag, plain_seconds, speaker_id, warn_backwards
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


def _at(line: list[Any], raw: Any) -> int:
    """Where ``raw`` is in ``line``, counted from 1 (for a message: the loop does not count)."""
    return next(w for w, item in enumerate(line, 1) if item is raw)


def _turn(turn: Any, t: int, out: list[tuple[str | None, list[Word]]], counts: list[int]) -> None:
    """Appends the turn's paragraphs to ``out``; adds to ``counts[0]`` the words that end before
    they start, to ``counts[1]`` those that start as a non-speech tag does ("(", "[", a music
    note: ``_asr.split_sounds`` need not look at the words when none does)."""
    if not isinstance(turn, dict):
        raise ReadError(f"text {t}: expected an object, found {json_kind(turn)}")
    paragraphs = turn.get("paragraph")
    if not isinstance(paragraphs, list):
        raise ReadError(f"text {t}: paragraph must be a list, found {json_kind(paragraphs)}")
    spk = speaker_id(turn.get("speaker"))
    backwards = 0
    tags = 0
    for p, paragraph in enumerate(paragraphs, 1):
        if not isinstance(paragraph, dict):
            raise ReadError(f"text {t}, paragraph {p}: expected an object, found {json_kind(paragraph)}")
        line = paragraph.get("line")
        if not isinstance(line, list):
            raise ReadError(f"text {t}, paragraph {p}: line must be a list, found {json_kind(line)}")
        words: list[Word] = []
        out.append((spk, words))
        append = words.append
        for raw in line:
            if type(raw) is not dict:
                raise ReadError(f"text {t}, paragraph {p}, word {_at(line, raw)}: expected an object, "
                                f"found {json_kind(raw)}")
            try:  # subscripts cost less than get(), and every word has these keys
                text, start, end = raw["text"], raw["startTime"], raw["endTime"]
            except KeyError:
                text, start, end = raw.get("text"), raw.get("startTime"), raw.get("endTime")
            if type(text) is not str:
                raise ReadError(f"text {t}, paragraph {p}, word {_at(line, raw)}: text must be a string, "
                                f"found {json_kind(text)}")
            if type(start) is float and type(end) is float and 0.0 <= start <= end <= _MAX_SECONDS:
                first, last = floor(start * 1000.0 + 0.5), floor(end * 1000.0 + 0.5)  # the common case, inline
            else:
                first, last = plain_seconds(start, end) or checked_times(
                    start, end, f"text {t}, paragraph {p}, word {_at(line, raw)}")
                if last < first:
                    backwards += 1
                    last = first
            text = text.strip()
            if text:
                if text[0] in SOUND_OPENERS:
                    tags += 1
                append(Word(text, first, last))
    counts[0] += backwards
    counts[1] += tags


def read_json(obj: Any) -> Transcript:
    if not isinstance(obj, dict):
        raise ReadError(f"expected an autoEdit2 transcript object, found {json_kind(obj)}")
    turns = obj.get("text")
    if not isinstance(turns, list):
        raise ReadError(f"text must be a list, found {json_kind(turns)}")
    groups: list[tuple[str | None, list[Word]]] = []
    counts = [0, 0]  # words ending before they start; words opening a non-speech tag
    for t, turn in enumerate(turns, 1):
        _turn(turn, t, groups, counts)
    warn_backwards(counts[0])
    segments, speakers = grouped_turns(groups, sounds=counts[1] > 0)
    extra = {key: obj[key] for key in ("title", "sttEngine") if isinstance(obj.get(key), str)}
    return Transcript(segments=segments, speakers=speakers,
                      metadata=Metadata(language=_language(obj.get("languageModel")), source=NAME, extra=extra))
