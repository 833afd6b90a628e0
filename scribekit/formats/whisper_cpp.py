"""whisper.cpp's JSON (read): ``whisper-cli -oj`` and ``-ojf``.

``transcription[]`` holds segments with ``offsets`` {from, to} in integer ms (and the same
times as ``timestamps`` strings, not read) and ``text``. With ``-ojf`` each segment has
``tokens[]`` {text, offsets, id, p, t_dtw}: sub-word pieces, merged here into words (a piece
that starts with a space starts a word; punctuation pieces join the word before), with the
special tokens (``[_BEG_]``, ``[_TT_150]``, ``[_SOT_]``, ...) dropped. A word's confidence is its
least sure piece's ``p``. Without tokens (``-oj``), or with tokens lacking times, the segment text
is split on white space and the segment's time shared out by characters. ``-di`` adds a
``speaker`` ("0", "1", "?" for unknown) per segment; the language is ``result.language``.
"""
from __future__ import annotations

import re
from typing import Any

from ..errors import ReadError
from ..model import Cue, Metadata, Transcript
from ..segmentation.cues_to_words import cue_words
from ..timecode import MAX_MS, checked_ms
from . import describe
from ._asr import RawWord, language_tag, speaker_id, speakers_in, timed_turns, unit_confidence
from ._json import is_number, json_kind

FORMAT = describe(__name__, name="whisper-cpp", title="whisper.cpp JSON (-oj, -ojf)", extensions=("json",),
                  kind="data", aliases=("whispercpp", "whisper-cli"), priority=310)

NAME = "whisper-cpp"
_SPECIAL = re.compile(r"\[_[A-Za-z]+_?\d*\]\Z")


def sniff_json(obj: Any) -> bool:
    if not isinstance(obj, dict) or "scribekit" in obj:
        return False
    segments = obj.get("transcription")
    if not isinstance(segments, list):
        return False
    if not segments:
        return "systeminfo" in obj or "result" in obj
    first = segments[0]
    return isinstance(first, dict) and isinstance(first.get("offsets"), dict)


def _offsets(raw: Any, where: str) -> tuple[int, int]:
    if not isinstance(raw, dict):
        raise ReadError(f"{where}: offsets must be an object, found {json_kind(raw)}")
    times = []
    for key in ("from", "to"):
        value: Any = raw.get(key)
        if not is_number(value):
            raise ReadError(f"{where}: offsets.{key} must be a number of ms, found {json_kind(value)}")
        try:
            times.append(checked_ms(round(float(value)), f"{where}: offsets.{key}"))
        except (OverflowError, ValueError):
            raise ReadError(f"{where}: offsets.{key} is not a finite number of ms") from None
    return times[0], times[1]


def _token_words(tokens: list[Any], where: str, speaker: str | None) -> list[RawWord] | None:
    """The words the pieces make, or None when a piece of text has no times."""
    words: list[RawWord] = []
    text = ""
    start = end = 0
    confidence: float | None = None
    for t, token in enumerate(tokens, 1):
        if type(token) is not dict:
            raise ReadError(f"{where}, token {t}: expected an object, found {json_kind(token)}")
        piece = token.get("text")
        if type(piece) is not str:
            raise ReadError(f"{where}, token {t}: text must be a string, found {json_kind(piece)}")
        stripped = piece.strip()
        if not stripped or (stripped[0] == "[" and _SPECIAL.match(stripped)):
            continue
        offsets = token.get("offsets")
        if offsets is None and "offsets" not in token:
            return None
        begin = finish = None
        if type(offsets) is dict:  # the common case, read here without the checks' function calls
            begin, finish = offsets.get("from"), offsets.get("to")
        if not (type(begin) is int and type(finish) is int and -MAX_MS <= begin <= MAX_MS
                and -MAX_MS <= finish <= MAX_MS):
            begin, finish = _offsets(offsets, f"{where}, token {t}")
        p = token.get("p")
        if type(p) is not float or not 0.0 <= p <= 1.0:
            p = unit_confidence(p)
        if piece[0].isspace() or not text:
            if text:
                words.append((text, start, end, confidence, speaker))
            text, start, end, confidence = stripped, begin, finish, p
        else:
            text += stripped
            end = max(end, finish)
            if p is not None:
                confidence = p if confidence is None else min(confidence, p)
    if text:
        words.append((text, start, end, confidence, speaker))
    return words


def _segment(item: Any, s: int) -> list[RawWord]:
    where = f"segment {s}"
    if not isinstance(item, dict):
        raise ReadError(f"{where}: expected an object, found {json_kind(item)}")
    start, end = _offsets(item.get("offsets"), where)
    speaker = speaker_id(item.get("speaker"))
    if speaker == "?":
        speaker = None
    tokens = item.get("tokens")
    if tokens is not None and not isinstance(tokens, list):
        raise ReadError(f"{where}: tokens must be a list, found {json_kind(tokens)}")
    if tokens:
        words = _token_words(tokens, where, speaker)
        if words is not None:
            return words
    text = item.get("text", "")
    if not isinstance(text, str):
        raise ReadError(f"{where}: text must be a string, found {json_kind(text)}")
    return [(word.text, word.start, word.end, None, speaker)
            for word in cue_words(Cue(start, max(start, end), [text]))]


def read_json(obj: Any) -> Transcript:
    if not isinstance(obj, dict):
        raise ReadError(f"expected a whisper.cpp JSON object, found {json_kind(obj)}")
    segments = obj.get("transcription")
    if not isinstance(segments, list):
        raise ReadError(f"transcription must be a list, found {json_kind(segments)}")
    result = obj.get("result")
    params = obj.get("params")
    language = result.get("language") if isinstance(result, dict) else None
    if language is None and isinstance(params, dict):
        language = params.get("language")
    groups = [_segment(item, s) for s, item in enumerate(segments, 1)]
    segments = timed_turns(groups)
    return Transcript(segments=segments, speakers=speakers_in(segments),
                      metadata=Metadata(language=language_tag(language), source=NAME))
