"""Amberscript JSON exports: the current ``/jobs/export-json`` shape and the
deprecated ``/jobs/export?format=json`` one (read), the current shape (write).

Times are float seconds shifted by ``startTimeOffset``: the model holds
``source time + offset`` in integer ms, and ``metadata.time_offset`` keeps the
offset so that the writer can subtract it again. ``duration`` (float32 noise)
is ignored on reading and recomputed on writing.

Provider fields the model has no place for are kept in ``extra`` (a word's
``pristine`` only when it is not the default ``true``; a highlight's unknown
keys; the document's ``id``, ``recordId`` and unknown keys in
``metadata.extra``) and written back when the transcript came from
Amberscript.
"""
from __future__ import annotations

from dataclasses import dataclass
from math import floor
from operator import itemgetter
from typing import Any

from ..errors import ReadError, warn
from ..model import Highlight, Metadata, Segment, Speaker, Transcript, Word
from ..segmentation import accelerator, word_segments
from ..segmentation.timing import check_range
from ..timecode import MAX_MS, checked_ms, number_excerpt, seconds_to_ms
from . import describe
from ._asr import mark_sound_tags
from ._json import is_number, json_kind
from .scribekit_json import dump_json

FORMAT = describe(__name__, name="amberscript-json", title="Amberscript JSON export (current and deprecated shapes)",
                  extensions=("json",), kind="data", aliases=("amberscript",), priority=20)

NAME = "amberscript-json"

_DOCUMENT_KEYS = ("id", "recordId", "filename", "startTimeOffset", "speakers", "segments", "highlights")
_WORD_KEYS = ("start", "end", "duration", "text", "conf")
_PLAIN_WORD_KEYS = frozenset(_WORD_KEYS + ("pristine",))
_common_fields = itemgetter("text", "start", "end", "conf")
"""The fields of the common word, in one call (a word without one of them is read by _read_word)."""
_MAX_SECONDS = MAX_MS // 1000


_MARKS = ("speakers", "recordId", "startTimeOffset", "highlights")

# Highlight ranges, as seconds or as word indexes (first and last word, inclusive).
_TIME_KEYS = (("start", "end"), ("startTime", "endTime"), ("start_time", "end_time"))
_INDEX_KEYS = (("startWordIndex", "endWordIndex"), ("startIndex", "endIndex"),
               ("start_word_index", "end_word_index"), ("wordStart", "wordEnd"), ("fromWord", "toWord"))
_LABEL_KEYS = ("label", "name", "text", "title")


# --- reading -------------------------------------------------------------------------------

def sniff_json(obj: Any) -> bool:
    if not isinstance(obj, dict) or "scribekit" in obj or "segments" not in obj:
        return False
    if any(key in obj for key in _MARKS):
        return True
    segments = obj["segments"]
    if not (isinstance(segments, list) and segments and isinstance(segments[0], dict)):
        return False
    first = segments[0]  # a Whisper segment has its own text and times; Amberscript's has neither
    return "words" in first and not ("text" in first and "start" in first)






def _seconds(value: Any, what: str, where: str) -> float:
    if value is None:
        raise ReadError(f"{where}: no {what}")
    if not is_number(value):
        raise ReadError(f"{where}: {what} must be a number of seconds, found {json_kind(value)}")
    return float(value)


def _read_word(raw: Any, offset: int, where: str) -> Word:
    """The word (its text empty when the export's is blank)."""
    if not isinstance(raw, dict):
        raise ReadError(f"{where}: expected a word object, found {json_kind(raw)}")
    text = raw.get("text")
    if not isinstance(text, str):
        raise ReadError(f"{where}: text must be a string, found {json_kind(text)}")
    start = _seconds(raw.get("start"), "start time", where)
    if raw.get("end") is None and is_number(raw.get("duration")):
        end = start + float(raw["duration"])
    else:
        end = _seconds(raw.get("end"), "end time", where)
    conf = raw.get("conf")
    if conf is not None and not is_number(conf):
        raise ReadError(f"{where}: conf must be a number or null, found {json_kind(conf)}")
    text = text.strip()
    try:  # the messages name the word only on failure: formatting them for every word costs
        start_ms = seconds_to_ms(start, "start") + offset
        end_ms = seconds_to_ms(end, "end") + offset
        if offset:
            checked_ms(start_ms, "start")
            checked_ms(end_ms, "end")
    except ReadError as exc:
        raise ReadError(f"{where}: {exc.message}", hint=exc.hint) from None
    if end_ms < start_ms:
        warn(f"{where}: ends before it starts ({end} < {start} s); its end was set to its start")
        end_ms = start_ms
    extra = {k: v for k, v in raw.items() if k not in _WORD_KEYS and not (k == "pristine" and v is True)}
    return Word(text, start_ms, end_ms, None if conf is None else float(conf), extra or None)


def _read_words(words_raw: list[Any], offset: int, s: int) -> tuple[list[Word], int]:
    """The words of segment ``s``, and how many of them are blank: the common word (text, numbers
    of seconds in order, a confidence in 0..1 or null, no key beyond the export's own) read inline;
    any other through ``_read_word``, which checks it and words its errors and warnings."""
    words: list[Word] = []
    add = words.append
    blank = 0
    lowest, highest = -MAX_MS - offset, MAX_MS - offset  # the model's range, before the offset
    core = accelerator.core
    if core is not None and hasattr(core, "amberscript_words"):  # the same loop in C (a core built before it: none)
        i, count = 0, len(words_raw)
        while True:
            i = core.amberscript_words(words_raw, i, offset, lowest, highest, Word, words,
                                       accelerator.WORD_LAYOUT)
            if i >= count:
                return words, blank
            word = _read_word(words_raw[i], offset, f"segment {s}, word {i + 1}")
            if not word.text:
                blank += 1
            add(word)
            i += 1
    for raw in words_raw:
        if type(raw) is dict:
            try:
                text, start, end, conf = _common_fields(raw)
            except KeyError:
                text = start = end = conf = None  # read by _read_word below
            kind, other = type(start), type(end)
            if type(text) is str and (kind is float or kind is int) and (other is float or other is int) \
                    and 0 <= start <= end <= _MAX_SECONDS \
                    and (conf is None or (type(conf) is float and 0.0 <= conf <= 1.0)) \
                    and (len(raw) == 6 and "duration" in raw and raw.get("pristine") is True
                         or raw.keys() <= _PLAIN_WORD_KEYS and raw.get("pristine", True) is True):
                text = text.strip()
                # seconds_to_ms's rounding, for times >= 0 (floor: int's result, at half its cost)
                start_ms, end_ms = floor(start * 1000.0 + 0.5), floor(end * 1000.0 + 0.5)
                if text and lowest <= start_ms and end_ms <= highest:
                    add(Word(text, start_ms + offset, end_ms + offset, conf))
                    continue
        word = _read_word(raw, offset, f"segment {s}, word {len(words) + 1}")
        if not word.text:
            blank += 1
        add(word)
    return words, blank


def _read_speakers(raw: Any) -> list[Speaker]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise ReadError(f"speakers must be a list, found {json_kind(raw)}")
    speakers = []
    for i, item in enumerate(raw, 1):
        if not isinstance(item, dict):
            raise ReadError(f"speaker {i}: expected an object, found {json_kind(item)}")
        spkid = item.get("spkid", item.get("id"))
        if isinstance(spkid, int) and not isinstance(spkid, bool):
            spkid = str(spkid)
        if not isinstance(spkid, str):
            raise ReadError(f"speaker {i}: spkid must be a string, found {json_kind(spkid)}")
        name = item.get("name")
        if name is not None and not isinstance(name, str):
            raise ReadError(f"speaker {i}: name must be a string, found {json_kind(name)}")
        speakers.append(Speaker(spkid, name if name else spkid))
    return speakers


def _read_segments(raw: Any, offset: int) -> tuple[list[Segment], list[Word]]:
    """The speaker turns, and every word of the export in order (blank ones too, for word indexes)."""
    if not isinstance(raw, list):
        raise ReadError(f"segments must be a list, found {json_kind(raw)}")
    segments = []
    every_word = []
    blank = 0
    for s, item in enumerate(raw, 1):
        if not isinstance(item, dict):
            raise ReadError(f"segment {s}: expected an object, found {json_kind(item)}")
        speaker = item.get("speaker")
        if isinstance(speaker, int) and not isinstance(speaker, bool):
            speaker = str(speaker)
        if speaker is not None and not isinstance(speaker, str):
            raise ReadError(f"segment {s}: speaker must be a string, found {json_kind(speaker)}")
        words_raw = item.get("words", [])
        if not isinstance(words_raw, list):
            raise ReadError(f"segment {s}: words must be a list, found {json_kind(words_raw)}")
        words, blank_here = _read_words(words_raw, offset, s)
        every_word.extend(words)
        kept = [word for word in words if word.text] if blank_here else words
        if kept:
            segments.append(Segment(speaker or None, kept))
        blank += blank_here
    if blank:
        warn(f"skipped {blank} word(s) with empty text")
    return segments, every_word


def _pair(item: dict[str, Any], pairs: tuple[tuple[str, str], ...]) -> tuple[str, str] | None:
    for first, last in pairs:
        if first in item or last in item:
            return first, last
    return None


def _highlight(item: Any, i: int, words: list[Word], offset: int) -> Highlight | None:
    where = f"highlight {i}"
    if not isinstance(item, dict):
        warn(f"{where}: expected an object, found {json_kind(item)}; skipped")
        return None
    used: set[str] = set()
    times = _pair(item, _TIME_KEYS)
    indexes = _pair(item, _INDEX_KEYS)
    if times and is_number(item.get(times[0])) and is_number(item.get(times[1])):
        start = checked_ms(seconds_to_ms(item[times[0]], f"{where}: start") + offset, f"{where}: start")
        end = checked_ms(seconds_to_ms(item[times[1]], f"{where}: end") + offset, f"{where}: end")
        used.update(times)
    elif indexes:
        first, last = item.get(indexes[0]), item.get(indexes[1], item.get(indexes[0]))
        if not (isinstance(first, int) and isinstance(last, int)) or isinstance(first, bool) \
                or isinstance(last, bool) or not 0 <= first < len(words) or last < first:
            shown = [number_excerpt(v) if is_number(v) else json_kind(v) for v in (first, last)]
            warn(f"{where}: word range {shown[0]}..{shown[1]} does not fit the {len(words)} words; skipped")
            return None
        start, end = words[first].start, words[min(last, len(words) - 1)].end
        used.update(indexes)
    elif times:
        warn(f"{where}: {times[0]} and {times[1]} must both be numbers of seconds; skipped")
        return None
    else:
        warn(f"{where}: no start and end (seconds or word indexes); skipped")
        return None
    if end < start:
        warn(f"{where}: ends before it starts; skipped")
        return None
    label = None
    for key in _LABEL_KEYS:
        if isinstance(item.get(key), str):
            label = item[key]
            used.add(key)
            break
    return Highlight(start, end, label, {k: v for k, v in item.items() if k not in used})


def _read_highlights(raw: Any, words: list[Word], offset: int) -> list[Highlight]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        warn(f"highlights must be a list, found {json_kind(raw)}; ignored")
        return []
    highlights = []
    for i, item in enumerate(raw, 1):
        highlight = _highlight(item, i, words, offset)
        if highlight is not None:
            highlights.append(highlight)
    return highlights


def read_json(obj: Any) -> Transcript:
    if not isinstance(obj, dict):
        raise ReadError(f"expected an Amberscript JSON object, found {json_kind(obj)}")
    offset_s = obj.get("startTimeOffset")
    if offset_s is not None and not is_number(offset_s):
        raise ReadError(f"startTimeOffset must be a number of seconds, found {json_kind(offset_s)}")
    offset = seconds_to_ms(offset_s, "startTimeOffset") if offset_s is not None else 0
    filename = obj.get("filename")
    if filename is not None and not isinstance(filename, str):
        raise ReadError(f"filename must be a string, found {json_kind(filename)}")
    segments, words = _read_segments(obj.get("segments"), offset)
    mark_sound_tags(segments)
    extra = {k: v for k, v in obj.items() if k not in _DOCUMENT_KEYS}
    for key in ("id", "recordId"):
        if key in obj:
            extra[key] = obj[key]
    return Transcript(
        segments=segments,
        speakers=_read_speakers(obj.get("speakers")),
        highlights=_read_highlights(obj.get("highlights"), words, offset),
        metadata=Metadata(source=NAME, filename=filename or None, time_offset=offset, extra=extra),
    )


# --- writing -------------------------------------------------------------------------------

def _seconds_out(ms: int) -> float:
    if not -MAX_MS <= ms <= MAX_MS:  # a transcript built in Python may hold any int
        check_range(ms, ms, "Amberscript JSON")
    return round(ms / 1000.0, 3)


def to_json(transcript: Transcript) -> dict[str, Any]:
    """The current export shape as Python objects (what ``write`` serialises)."""
    meta = transcript.metadata
    offset = meta.time_offset
    own = meta.source == NAME  # provider fields go back only where they came from
    document: dict[str, Any] = {
        "id": meta.extra.get("id", "") if own else "",
        "recordId": meta.extra.get("recordId", "") if own else "",
        "filename": meta.filename or "",
        "startTimeOffset": _seconds_out(offset),
    }
    segments = word_segments(transcript)
    known_ids = {s.id for s in transcript.speakers}
    speakers = [{"spkid": s.id, "name": s.name} for s in transcript.speakers]
    for segment in segments:
        if segment.speaker is not None and segment.speaker not in known_ids:
            known_ids.add(segment.speaker)
            speakers.append({"spkid": segment.speaker, "name": segment.speaker})
    document["speakers"] = speakers
    out_segments = []
    for segment in segments:
        words = []
        for word in segment.words:
            start, end = word.start - offset, word.end - offset
            out: dict[str, Any] = {
                "start": _seconds_out(start), "end": _seconds_out(end), "duration": _seconds_out(end - start),
                "text": word.text, "conf": word.confidence,
                "pristine": (word.extra or {}).get("pristine", True),
            }
            if own and word.extra:
                out.update((k, v) for k, v in word.extra.items() if k not in out)
            words.append(out)
        if words:
            out_segments.append({"speaker": segment.speaker, "words": words})
    document["segments"] = out_segments
    highlights = []
    for highlight in transcript.highlights:
        item: dict[str, Any] = {"start": _seconds_out(highlight.start - offset),
                                "end": _seconds_out(highlight.end - offset)}
        if highlight.label is not None:
            item["label"] = highlight.label
        if own:
            item.update((k, v) for k, v in highlight.extra.items() if k not in item)
        highlights.append(item)
    document["highlights"] = highlights
    if own:
        document.update((k, v) for k, v in meta.extra.items() if k not in document)
    return document


@dataclass(frozen=True)
class Options:
    """No writer options: the export's own shape, from the model."""


def write(transcript: Transcript, options: Options | None = None) -> str:
    return dump_json(to_json(transcript), 2) + "\n"
