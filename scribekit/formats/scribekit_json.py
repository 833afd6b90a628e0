"""scribekit's own JSON: every field of the model, so reading it back gives the same transcript.

The document is an object marked ``{"scribekit": <format version>, ...}``::

    {"scribekit": 1,
     "metadata": {"language": "en", "source": "amberscript-json", "filename": "a.json",
                  "time_offset": 0, "extra": {}},
     "speakers": [{"id": "spk1", "name": "Interviewer"}],
     "segments": [{"speaker": "spk1", "words": [
        {"text": "Hello", "start": 450, "end": 1080, "confidence": 0.98}]}],
     "highlights": [{"start": 450, "end": 1080, "label": "intro", "extra": {}}],
     "cues": null}

Times are integer milliseconds, as in the model. A word's ``extra`` is left
out when it is null, its ``sound`` when false. Values inside ``extra`` must be JSON values (tuples come
back as lists, non-string keys as strings).
"""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from ..errors import ReadError, WriteError
from ..model import Cue, Highlight, Metadata, Segment, Speaker, Transcript, Word
from ..timecode import MAX_MS, checked_ms, number_excerpt
from . import describe
from ._json import is_number, json_kind

FORMAT = describe(__name__, name="json", title="scribekit JSON (lossless)", extensions=("json", "scribekit.json"),
                  kind="data", aliases=("scribekit",), priority=10)

VERSION = 1
"""The format version this module writes and the newest it reads."""

MARKER = "scribekit"


@dataclass(frozen=True)
class Options:
    indent: int | None = field(default=2, metadata={
        "help": "indent nested JSON by N spaces, one word a line (default 2)"})

    def __post_init__(self) -> None:
        from ..errors import OptionError

        if self.indent is not None and not 0 <= self.indent <= 16:
            raise OptionError(f"indent must be between 0 and 16, not {self.indent}")


# --- reading -------------------------------------------------------------------------------

def sniff_json(obj: Any) -> bool:
    return isinstance(obj, dict) and MARKER in obj


def _fail(where: str, problem: str) -> ReadError:
    return ReadError(f"{where}: {problem}" if where else problem)


def _dict(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _fail(where, f"expected an object, found {json_kind(value)}")
    return value


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise _fail(where, f"expected a list, found {json_kind(value)}")
    return value




def _int(obj: dict[str, Any], key: str, where: str, default: int | None = None) -> int:
    value = obj.get(key, default)
    if value is None:
        raise _fail(where, f"no {key}")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(where, f"{key} must be an integer (milliseconds), found {json_kind(value)}")
    return checked_ms(value, f"{where + ': ' if where else ''}{key}")


def _str(obj: dict[str, Any], key: str, where: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str):
        raise _fail(where, f"{key} must be a string, found {json_kind(value)}")
    return value


def _opt_str(obj: dict[str, Any], key: str, where: str) -> str | None:
    value = obj.get(key)
    if value is not None and not isinstance(value, str):
        raise _fail(where, f"{key} must be a string or null, found {json_kind(value)}")
    return value


def _opt_dict(obj: dict[str, Any], key: str, where: str) -> dict[str, Any] | None:
    value = obj.get(key)
    if value is not None and not isinstance(value, dict):
        raise _fail(where, f"{key} must be an object or null, found {json_kind(value)}")
    return value


def _confidence(obj: dict[str, Any], where: str) -> float | None:
    value = obj.get("confidence")
    if value is None:
        return None
    if not is_number(value):
        raise _fail(where, f"confidence must be a number or null, found {json_kind(value)}")
    return float(value)


def _version(obj: dict[str, Any]) -> int:
    version = obj.get(MARKER)
    if isinstance(version, bool) or not isinstance(version, int):
        raise ReadError(f"the \"{MARKER}\" format version must be an integer, found {json_kind(version)}")
    if version > VERSION:
        raise ReadError(f"written by a newer scribekit (JSON format version {number_excerpt(version)}); "
                        f"this one reads up to version {VERSION}", hint="upgrade scribekit")
    if version < 1:
        raise ReadError(f"unknown scribekit JSON format version {number_excerpt(version)}")
    return version


def _read_word(raw: Any, where: str) -> Word:
    obj = _dict(raw, where)
    return Word(text=_str(obj, "text", where), start=_int(obj, "start", where), end=_int(obj, "end", where),
                confidence=_confidence(obj, where), extra=_opt_dict(obj, "extra", where),
                sound=_sound(obj, where))


def _sound(obj: dict[str, Any], where: str) -> bool:
    value = obj.get("sound", False)
    if type(value) is not bool:
        raise _fail(where, f"sound must be true or false, found {json_kind(value)}")
    return value


def _read_words(words_raw: list[Any], where: str) -> list[Word]:
    """The words of a segment: the common word (text, integer times the model holds, a confidence in
    0..1 or null, extra an object or absent, sound true, false or absent) read inline; any other
    through ``_read_word``, which checks it and says what is wrong."""
    words: list[Word] = []
    add = words.append
    for raw in words_raw:
        if type(raw) is dict:
            get: Any = raw.get  # Any: the values are checked below
            text, start, end, confidence = get("text"), get("start"), get("end"), get("confidence")
            if type(text) is str and type(start) is int and type(end) is int \
                    and -MAX_MS <= start <= MAX_MS and -MAX_MS <= end <= MAX_MS \
                    and (confidence is None or (type(confidence) is float and 0.0 <= confidence <= 1.0)):
                extra, sound = get("extra"), get("sound", False)
                if (extra is None or type(extra) is dict) and (sound is False or sound is True):
                    add(Word(text, start, end, confidence, extra, False, sound))
                    continue
        add(_read_word(raw, f"{where}.words[{len(words)}]"))
    return words


def _read_segment(raw: Any, where: str) -> Segment:
    obj = _dict(raw, where)
    words = _list(obj.get("words", []), f"{where}.words")
    return Segment(speaker=_opt_str(obj, "speaker", where), words=_read_words(words, where))


def _read_speaker(raw: Any, where: str) -> Speaker:
    obj = _dict(raw, where)
    return Speaker(id=_str(obj, "id", where), name=_str(obj, "name", where))


def _read_highlight(raw: Any, where: str) -> Highlight:
    obj = _dict(raw, where)
    return Highlight(start=_int(obj, "start", where), end=_int(obj, "end", where),
                     label=_opt_str(obj, "label", where), extra=_opt_dict(obj, "extra", where) or {})


def _read_cue(raw: Any, where: str) -> Cue:
    obj = _dict(raw, where)
    lines = _list(obj.get("lines"), f"{where}.lines")
    for i, line in enumerate(lines):
        if not isinstance(line, str):
            raise _fail(f"{where}.lines[{i}]", f"expected a string, found {json_kind(line)}")
    return Cue(start=_int(obj, "start", where), end=_int(obj, "end", where), lines=list(lines),
               speaker=_opt_str(obj, "speaker", where), identifier=_opt_str(obj, "identifier", where),
               style=_opt_dict(obj, "style", where))


def _read_metadata(raw: Any) -> Metadata:
    obj = _dict(raw if raw is not None else {}, "metadata")
    return Metadata(language=_opt_str(obj, "language", "metadata"), source=_opt_str(obj, "source", "metadata"),
                    filename=_opt_str(obj, "filename", "metadata"),
                    time_offset=_int(obj, "time_offset", "metadata", default=0),
                    extra=_opt_dict(obj, "extra", "metadata") or {})


def read_json(obj: Any) -> Transcript:
    document = _dict(obj, "")
    _version(document)
    segments = _list(document.get("segments", []), "segments")
    speakers = _list(document.get("speakers", []), "speakers")
    highlights = _list(document.get("highlights", []), "highlights")
    cues = document.get("cues")
    return Transcript(
        segments=[_read_segment(s, f"segments[{i}]") for i, s in enumerate(segments)],
        speakers=[_read_speaker(s, f"speakers[{i}]") for i, s in enumerate(speakers)],
        highlights=[_read_highlight(h, f"highlights[{i}]") for i, h in enumerate(highlights)],
        metadata=_read_metadata(document.get("metadata")),
        cues=None if cues is None else [_read_cue(c, f"cues[{i}]") for i, c in enumerate(_list(cues, "cues"))],
    )


# --- writing -------------------------------------------------------------------------------

def _word(word: Word) -> dict[str, Any]:
    out: dict[str, Any] = {"text": word.text, "start": word.start, "end": word.end, "confidence": word.confidence}
    if word.extra is not None:
        out["extra"] = word.extra
    if word.sound:
        out["sound"] = True
    return out


def to_json(transcript: Transcript) -> dict[str, Any]:
    """The document as Python objects (what ``write`` serialises)."""
    meta = transcript.metadata
    return {
        MARKER: VERSION,
        "metadata": {"language": meta.language, "source": meta.source, "filename": meta.filename,
                     "time_offset": meta.time_offset, "extra": meta.extra},
        "speakers": [{"id": s.id, "name": s.name} for s in transcript.speakers],
        "segments": [{"speaker": s.speaker, "words": [_word(w) for w in s.words]} for s in transcript.segments],
        "highlights": [{"start": h.start, "end": h.end, "label": h.label, "extra": h.extra}
                       for h in transcript.highlights],
        "cues": None if transcript.cues is None else [
            {"start": c.start, "end": c.end, "lines": c.lines, "speaker": c.speaker,
             "identifier": c.identifier, "style": c.style} for c in transcript.cues],
    }


def dump_json(obj: Any, indent: int | None = None, *, spaced: bool = False) -> str:
    separators = (",", ": ") if indent is not None else ((", ", ": ") if spaced else (",", ":"))
    try:
        return json.dumps(obj, ensure_ascii=False, indent=indent, separators=separators)
    except (TypeError, ValueError) as exc:
        raise WriteError(f"cannot write as JSON: {exc}",
                         hint="values in extra and style must be JSON values") from None


def write(transcript: Transcript, options: Options | None = None) -> str:
    options = options or Options()
    document = to_json(transcript)
    if options.indent is None:
        return dump_json(document) + "\n"
    # One word a line: each word is swapped for a placeholder string, dumped compactly, put back.
    nonce = uuid.uuid4().hex
    compact: dict[str, str] = {}
    for s, segment in enumerate(document["segments"]):
        for w, word in enumerate(segment["words"]):
            key = f"{nonce}:{s}:{w}"
            compact[json.dumps(key)] = dump_json(word, spaced=True)
            segment["words"][w] = key
    text = dump_json(document, options.indent)
    if compact:
        pieces = []
        for line in text.split("\n"):
            stripped = line.strip()
            token = stripped[:-1] if stripped.endswith(",") else stripped
            if token in compact:
                line = line.replace(token, compact[token], 1)
            pieces.append(line)
        text = "\n".join(pieces)
    return text + "\n"
