"""Rev.ai transcripts (transcript v1 JSON, ``application/vnd.rev.transcript.v1.0+json``), read.

``monologues[]`` each hold a ``speaker`` (an int; ``speaker_info.display_name`` names it when the
job was given names) and ``elements[]``: ``text`` elements are the words, with ``ts``/``end_ts``
in seconds and a ``confidence``; ``punct`` elements (",", ".", and the single spaces between
words) have no times. A mark is glued to the word before it; an opening mark (a quote, a
bracket, "¿") after a space goes to the word after it instead.
``unknown`` elements ("<unknown>", where the recogniser could not tell the word) and text tags in
angle brackets ("<laugh>") are kept as words marked as sound, so that they get cues of their own,
in square brackets ("[laugh]"): in a subtitle, angle brackets are markup that players hide.
The format names no language.
"""
from __future__ import annotations

from math import floor
from typing import Any

from ..errors import ReadError, warn
from ..model import Metadata, Segment, Speaker, Transcript, Word
from ..timecode import MAX_MS
from . import describe
from ._asr import speaker_id, speaker_name, split_sounds, unit_confidence, word_times
from ._json import json_kind

FORMAT = describe(__name__, name="revai", title="Rev.ai transcript JSON", extensions=("json",),
                  kind="data", aliases=("rev-ai", "rev"), priority=350)

NAME = "revai"
_MAX_SECONDS = MAX_MS // 1000
_TYPES = ("text", "punct", "unknown")
_OPENERS = "\"'“‘„«¿¡([{"  # marks that open what follows: they go to the next word


def sniff_json(obj: Any) -> bool:
    if not isinstance(obj, dict) or "scribekit" in obj:
        return False
    monologues = obj.get("monologues")
    if not isinstance(monologues, list):
        return False
    if not monologues:
        return True
    first = monologues[0]
    if not isinstance(first, dict):
        return True  # no other service writes monologues: the reader says what is wrong
    elements = first.get("elements")
    if not isinstance(elements, list):
        return "elements" in first
    return not elements or (isinstance(elements[0], dict) and elements[0].get("type") in _TYPES)


class _Reader:
    """The words of every monologue in order, with punctuation glued on."""

    def __init__(self) -> None:
        self.segments: list[Segment] = []  # a turn a run of monologues of one speaker
        self.speakers: dict[str, None] = {}  # the speaker ids, in order of their first word
        self.names: dict[str, str] = {}
        self.lost = 0  # punctuation with no word to go to

    def monologue(self, monologue: Any, m: int) -> None:
        where = f"monologue {m}"
        if type(monologue) is not dict:
            raise ReadError(f"{where}: expected an object, found {json_kind(monologue)}")
        elements = monologue.get("elements")
        if type(elements) is not list:
            raise ReadError(f"{where}: elements must be a list, found {json_kind(elements)}")
        spk = self._speaker(monologue, where)
        segments = self.segments
        if segments and segments[-1].speaker == spk:
            words = segments[-1].words
        else:
            words = []
            segments.append(Segment(spk, words))
        append = words.append
        last: Word | None = words[-1] if words else (
            segments[-2].words[-1] if len(segments) > 1 and segments[-2].words else None)  # the word before
        spaced = True  # a space (or the turn) since the last word
        pending = ""  # marks waiting for the next word
        max_seconds = _MAX_SECONDS
        for e, element in enumerate(elements, 1):
            if type(element) is not dict:
                raise ReadError(f"{where}, element {e}: expected an object, found {json_kind(element)}")
            value = element.get("value")
            if value == " ":  # the space between two words, most elements but one
                spaced = True
                continue
            kind = element.get("type")
            if type(value) is not str:
                raise ReadError(f"{where}, element {e}: value must be a string, found {json_kind(value)}")
            if kind == "text":
                start, end = element.get("ts"), element.get("end_ts")
                if type(start) is float and type(end) is float and 0.0 <= start <= end <= max_seconds:
                    begin, finish = floor(start * 1000.0 + 0.5), floor(end * 1000.0 + 0.5)  # the common case
                else:
                    begin, finish = word_times(start, end, f"{where}, element {e}")
                confidence = element.get("confidence")
                if not (type(confidence) is float and 0.0 <= confidence <= 1.0):
                    confidence = unit_confidence(confidence)
                text = value.strip()
                if not text:
                    continue
                if pending:
                    text = pending + text
                    pending = ""
                last = Word(text, begin, finish, confidence)
                if text[0] == "<" and text[-1] == ">":
                    last.text = _bracketed(text)
                    last.sound = True
                append(last)
                spaced = False
            elif kind == "punct":
                mark = value.strip()
                if not mark:
                    spaced = True
                elif pending or last is None or (spaced and mark[0] in _OPENERS):
                    pending += mark
                else:
                    last.text += mark
            elif kind == "unknown":
                start, end = element.get("ts"), element.get("end_ts")
                if start is None and end is None:
                    continue  # an untimed gap marker: no word to place
                begin, finish = word_times(start, end, f"{where}, element {e}")
                text = _bracketed(value.strip() or "<unknown>")
                last = Word(pending + text, begin, finish, None, sound=True)
                pending = ""
                append(last)
                spaced = False
            else:
                raise ReadError(f"{where}, element {e}: type must be text, punct or unknown, "
                                f"found {kind[:40]!r}" if type(kind) is str else
                                f"{where}, element {e}: type must be a string, found {json_kind(kind)}")
        if pending:
            if last is not None:
                last.text += pending
            else:
                self.lost += 1
        if not words:
            segments.pop()  # no word: no turn
        elif spk is not None:
            self.speakers.setdefault(spk)

    def _speaker(self, monologue: dict[str, Any], where: str) -> str | None:
        raw = monologue.get("speaker")
        spk = speaker_id(raw)
        if spk is None and raw is not None:
            raise ReadError(f"{where}: speaker must be a number, found {json_kind(raw)}")
        info = monologue.get("speaker_info")
        if spk is not None and isinstance(info, dict):
            name = info.get("display_name")
            if isinstance(name, str) and name.strip():
                self.names.setdefault(spk, name.strip())
        return spk


def _bracketed(tag: str) -> str:
    """A recogniser's tag as a subtitle shows a sound: "<laugh>" -> "[laugh]"."""
    return f"[{tag[1:-1].strip()}]" if tag[:1] == "<" and tag[-1:] == ">" else tag


def read_json(obj: Any) -> Transcript:
    if not isinstance(obj, dict):
        raise ReadError(f"expected a Rev.ai transcript object, found {json_kind(obj)}")
    monologues = obj.get("monologues")
    if not isinstance(monologues, list):
        raise ReadError(f"monologues must be a list, found {json_kind(monologues)}")
    reader = _Reader()
    for m, monologue in enumerate(monologues, 1):
        reader.monologue(monologue, m)
    if reader.lost:
        warn(f"{reader.lost} run(s) of punctuation had no word to attach to and were left out")
    speakers = [Speaker(spk, reader.names.get(spk) or speaker_name(spk)) for spk in reader.speakers]
    return Transcript(segments=split_sounds(reader.segments), speakers=speakers, metadata=Metadata(source=NAME))
