"""Speechmatics transcripts, read: json-v2 (batch ``format`` 2.x and the real-time
``AddTranscript`` message) and the legacy format 1.0.

json-v2: ``results[]`` of ``type`` word, punctuation or entity, with ``start_time``/``end_time``
in seconds and ``alternatives[0]`` {``content``, ``confidence``, ``language``, ``speaker``}.

- Punctuation is a result of its own, glued to a word as its ``attaches_to`` says: ``previous``
  (also when absent) to the word before, ``next`` to the word after, ``both`` joins the two
  words into one ("for-sure"), ``none`` stands alone as a word. It takes no time of its own.
- An ``entity`` result (with entities on) stands in place of the words it covers: its
  ``content`` (the written form, "$2.05") is one word; its ``spoken_form``/``written_form``
  lists repeat those words and are not read again.
- Speaker "UU" means the file is not diarised (no speaker); "S1", "S2" ... are kept as given.
- ``metadata.language_pack_info.word_delimiter`` may be "" (languages written without spaces,
  or a pack that says so): the results stay separate words all the same, and the segmenter
  joins Han and kana without spaces.
- ``audio_events`` (music, laughter, applause) become sound words "(music)" in time order.
- ``channel`` ("channel_1", or a number) numbers the channels; merged in time order, each
  channel one speaker "channel N" without diarisation, else speakers "N-S1";
  ``read_json(obj, channel=N)`` reads channel N only.

Format 1.0: ``words[]`` {``name``, ``time``, ``duration``, ``confidence``}, every value a string
of seconds; full stops (any name without a letter or digit) are entries of their own and are
glued to the word before; ``speakers[]`` {``name``, ``time``, ``duration``} are time ranges, and
a word belongs to the range its start falls in.
"""
from __future__ import annotations

import math
import re
from math import floor
from typing import Any

from ..errors import ReadError, warn
from ..model import Metadata, Transcript, Word
from ..timecode import MAX_MS
from . import describe
from ._asr import language_tag, plain_seconds, speaker_id, turns, unit_confidence, word_times
from ._cloud_asr import Channel, Tagged, channels_words
from ._json import json_kind

FORMAT = describe(__name__, name="speechmatics", title="Speechmatics JSON (json-v2, real-time, format 1.0)",
                  extensions=("json",), kind="data", priority=335)

NAME = "speechmatics"
_MAX_SECONDS = MAX_MS // 1000
_TYPES = ("word", "punctuation", "entity", "speaker_change")
_CHANNEL = re.compile(r"(?:channel[_ ]?)?([0-9]{1,9})\Z", re.IGNORECASE)
_V1_WORD_KEYS = {"name", "time", "duration", "confidence"}


def sniff_json(obj: Any) -> bool:
    if not isinstance(obj, dict) or "scribekit" in obj:
        return False
    results = obj.get("results")
    if isinstance(results, list):
        if not results:
            return obj.get("message") == "AddTranscript" or (
                isinstance(obj.get("format"), str) and obj["format"].startswith("2.")
                and isinstance(obj.get("metadata"), dict))
        for result in results[:10]:
            if not isinstance(result, dict) or result.get("type") not in _TYPES or "start_time" not in result:
                return False
            if "alternatives" in result:
                return True
        return False
    words = obj.get("words")
    if isinstance(words, list) and (obj.get("format") == "1.0" or isinstance(obj.get("speakers"), list)):
        if not words:
            return obj.get("format") == "1.0"
        first = words[0]
        return isinstance(first, dict) and "name" in first and "time" in first and set(first) <= _V1_WORD_KEYS
    return False


class _Stream:
    """One channel's words being built, and the punctuation waiting for the next word."""

    __slots__ = ("words", "prefix", "join")

    def __init__(self) -> None:
        self.words: list[Tagged] = []
        self.prefix = ""
        self.join = False


def _channel_number(value: Any, r: int) -> int | str:
    """"channel_2" -> 2; a label the user chose for a channel ("agent") stays a label."""
    if type(value) is int and 0 <= value <= MAX_MS:
        return value
    if type(value) is str and value.strip():
        match = _CHANNEL.match(value.strip())
        return int(match.group(1)) if match else value.strip()[:100]
    raise ReadError(f"result {r}: channel must be \"channel_N\", a label or a whole number, found "
                    f"{repr(value) if type(value) is str else json_kind(value)}")


def _content(result: dict[str, Any], r: int) -> tuple[str, Any, Any]:
    """Checked content, confidence and speaker of a result's first alternative (the slow path)."""
    where = f"result {r}"
    alternatives = result.get("alternatives")
    if type(alternatives) is not list:
        raise ReadError(f"{where}: alternatives must be a list, found {json_kind(alternatives)}")
    best = alternatives[0] if alternatives else None
    if best is None and result.get("type") == "entity":
        forms = result.get("written_form")
        if type(forms) is list:
            parts = [_content(form, r)[0] for form in forms if type(form) is dict]
            return " ".join(part for part in parts if part), None, None
    if type(best) is not dict:
        raise ReadError(f"{where}: the first alternative must be an object, found {json_kind(best)}")
    content = best.get("content")
    if type(content) is not str:
        raise ReadError(f"{where}: content must be a string, found {json_kind(content)}")
    return content, best.get("confidence"), best.get("speaker")


def _read_v2(obj: dict[str, Any], channel: int | None) -> Transcript:
    results = obj.get("results")
    if not isinstance(results, list):
        raise ReadError(f"results must be a list, found {json_kind(results)}")
    streams: dict[int | str | None, _Stream] = {}
    stream = streams[None] = _Stream()
    current: Any = None  # the channel value of the results being read
    names: dict[Any, str | None] = {"UU": None}
    backwards = 0
    for r, result in enumerate(results, 1):
        if type(result) is not dict:
            raise ReadError(f"result {r}: expected an object, found {json_kind(result)}")
        given_channel = result.get("channel")
        if given_channel != current:
            current = given_channel
            number = None if given_channel is None else _channel_number(given_channel, r)
            if number not in streams:
                streams[number] = _Stream()
            stream = streams[number]
        kind = result.get("type")
        if kind == "speaker_change":
            continue  # a marker without text (older diarisation): the words carry their speakers
        alternatives = result.get("alternatives")
        best = alternatives[0] if type(alternatives) is list and alternatives else None
        if type(best) is dict and type(best.get("content")) is str:
            content = best["content"]
            confidence = best.get("confidence")
            key = best.get("speaker")
        else:
            content, confidence, key = _content(result, r)
        start, end = result.get("start_time"), result.get("end_time")
        if type(start) is float and type(end) is float and 0.0 <= start <= end <= _MAX_SECONDS:
            start_ms, end_ms = floor(start * 1000.0 + 0.5), floor(end * 1000.0 + 0.5)
        else:
            times = plain_seconds(start, end)
            if times is None:
                if isinstance(start, (int, float)) and isinstance(end, (int, float)) and 0 <= end < start:
                    backwards += 1
                    end = start
                times = word_times(start, end, f"result {r}")
            start_ms, end_ms = times
        content = content.strip()
        if kind == "word" or kind == "entity":
            if not content:
                continue
            if type(key) is str or key is None:
                spk = names[key] if key in names else names.setdefault(key, speaker_id(key))
            else:
                spk = speaker_id(key)
            if not (type(confidence) is float and 0.0 <= confidence <= 1.0):
                confidence = unit_confidence(confidence)
            if stream.prefix:
                content = stream.prefix + content
                stream.prefix = ""
            words = stream.words
            if stream.join and words:
                stream.join = False
                last = words[-1][1]
                last.text += content
                if end_ms > last.end:
                    last.end = end_ms
            else:
                words.append((spk, Word(content, start_ms, end_ms, confidence)))
        elif kind == "punctuation":
            if not content:
                continue
            attaches = result.get("attaches_to", "previous")
            words = stream.words
            if attaches == "previous" or attaches is None:
                if words and not stream.prefix:
                    words[-1][1].text += content
                else:
                    stream.prefix += content
            elif attaches == "next":
                stream.prefix += content
            elif attaches == "both":
                if words and not stream.prefix:
                    words[-1][1].text += content
                    stream.join = True
                else:
                    stream.prefix += content
            elif attaches == "none":
                stream.join = False
                spk = speaker_id(key) if type(key) is not str or key != "UU" else None
                words.append((spk, Word(stream.prefix + content, start_ms, end_ms, unit_confidence(confidence))))
                stream.prefix = ""
            else:
                raise ReadError(f"result {r}: attaches_to must be previous, next, both or none, found "
                                f"{repr(attaches[:24]) if type(attaches) is str else json_kind(attaches)}")
        else:
            raise ReadError(f"result {r}: type must be word, punctuation or entity, found "
                            f"{repr(kind[:24]) if type(kind) is str else json_kind(kind)}")
    if backwards:
        warn(f"{backwards} result(s) ended before they started; their ends were set to their starts")
    channels: dict[int | str | None, list[Tagged]] = {}
    for number, each in streams.items():
        if each.prefix:  # punctuation waiting for a word that never came: a word of its own
            spk = each.words[-1][0] if each.words else None
            at = each.words[-1][1].end if each.words else 0
            each.words.append((spk, Word(each.prefix, at, at)))
        if each.words or number is not None:
            channels[number] = each.words
    _add_audio_events(obj.get("audio_events"), channels)
    if not channels:
        channels[None] = []
    apart: dict[int | str | None, Channel] = {
        number: ([spk for spk, _ in words], [word for _, word in words]) for number, words in channels.items()}
    segments, speakers = turns(channels_words(apart, channel))
    return Transcript(segments=segments, speakers=speakers,
                      metadata=Metadata(language=_language(obj, results), source=NAME, extra=_extra(obj)))


def _add_audio_events(events: Any, channels: dict[int | str | None, list[Tagged]]) -> None:
    """Audio events ({type: "music", start_time, end_time, channel?}) as sound words "(music)",
    in time order among the words of their channel (of the one channel when they name none)."""
    if events is None:
        return
    if type(events) is not list:
        raise ReadError(f"audio_events must be a list, found {json_kind(events)}")
    added: dict[int | str | None, list[Tagged]] = {}
    for e, event in enumerate(events, 1):
        where = f"audio event {e}"
        if type(event) is not dict:
            raise ReadError(f"{where}: expected an object, found {json_kind(event)}")
        kind = event.get("type")
        if type(kind) is not str or not kind.strip():
            raise ReadError(f"{where}: type must be a string, found {json_kind(kind)}")
        start, end = event.get("start_time"), event.get("end_time")
        if isinstance(start, (int, float)) and isinstance(end, (int, float)) and 0 <= end < start:
            end = start
        start_ms, end_ms = word_times(start, end, where)
        given = event.get("channel")
        if given is None:
            number = next(iter(channels), None) if len(channels) == 1 else None
        else:
            number = _channel_number(given, e)
        word = Word(f"({' '.join(kind.replace('_', ' ').split())[:40]})", start_ms, end_ms,
                    unit_confidence(event.get("confidence")), sound=True)
        added.setdefault(number, []).append((None, word))
    for number, words in added.items():
        mine = channels.setdefault(number, [])
        mine += words
        mine.sort(key=lambda item: item[1].start)  # stable: an event after the words starting with it


def _language(obj: dict[str, Any], results: list[Any]) -> str | None:
    metadata = obj.get("metadata")
    if isinstance(metadata, dict):
        config = metadata.get("transcription_config")
        if isinstance(config, dict):
            tag = language_tag(config.get("language"))
            if tag:
                return tag
    for result in results[:5]:
        alternatives = result.get("alternatives") if isinstance(result, dict) else None
        if isinstance(alternatives, list) and alternatives and isinstance(alternatives[0], dict):
            tag = language_tag(alternatives[0].get("language"))
            if tag:
                return tag
    job = obj.get("job")
    return language_tag(job.get("lang")) if isinstance(job, dict) else None


def _extra(obj: dict[str, Any]) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    if isinstance(obj.get("format"), str):
        extra["format"] = obj["format"]
    metadata = obj.get("metadata")
    if isinstance(metadata, dict) and isinstance(metadata.get("language_pack_info"), dict):
        delimiter = metadata["language_pack_info"].get("word_delimiter")
        if isinstance(delimiter, str):
            extra["word_delimiter"] = delimiter
    return extra


# --- format 1.0 --------------------------------------------------------------------------------

def _seconds(value: Any, where: str, what: str) -> int:
    if type(value) is str:
        try:
            number = float(value) if len(value) <= 40 else math.nan
        except ValueError:
            raise ReadError(f"{where}: {what} must be a number of seconds, found {value[:24]!r}") from None
    elif type(value) in (int, float):
        number = value
    else:
        raise ReadError(f"{where}: {what} must be a number of seconds, found {json_kind(value)}")
    if not 0 <= number <= _MAX_SECONDS:
        raise ReadError(f"{where}: {what} of {str(value)[:24]} seconds is out of range")
    return int(number * 1000.0 + 0.5)


def _confidence(text: str) -> float | None:
    try:
        return unit_confidence(float(text)) if len(text) <= 40 else None
    except ValueError:
        return None


def _read_v1(obj: dict[str, Any], channel: int | None) -> Transcript:
    if channel is not None:
        raise ReadError(f"no channel {channel}: the file does not number its channels")
    raw_words = obj.get("words")
    if not isinstance(raw_words, list):
        raise ReadError(f"words must be a list, found {json_kind(raw_words)}")
    ranges = []
    speaker_ranges = obj.get("speakers") or []
    if not isinstance(speaker_ranges, list):
        raise ReadError(f"speakers must be a list, found {json_kind(speaker_ranges)}")
    for s, item in enumerate(speaker_ranges, 1):
        if type(item) is not dict:
            raise ReadError(f"speaker {s}: expected an object, found {json_kind(item)}")
        where = f"speaker {s}"
        start = _seconds(item.get("time"), where, "time")
        ranges.append((start, start + _seconds(item.get("duration"), where, "duration"),
                       speaker_id(item.get("name"))))
    ranges.sort(key=lambda item: item[0])
    speakers: list[str | None] = []
    words: list[Word] = []
    add_speaker, append = speakers.append, words.append
    count = len(ranges)
    k = 0
    range_start, range_end, range_spk = ranges[0] if ranges else (MAX_MS + 1, MAX_MS + 1, None)
    lengths: dict[str, int] = {}
    confidences: dict[str, float | None] = {}
    for w, raw in enumerate(raw_words, 1):
        if type(raw) is not dict:
            raise ReadError(f"word {w}: expected an object, found {json_kind(raw)}")
        text = raw.get("name")
        if type(text) is not str:
            raise ReadError(f"word {w}: name must be a string, found {json_kind(text)}")
        time, duration = raw.get("time"), raw.get("duration")
        if type(duration) is str and duration in lengths:  # a few durations recur
            length = lengths[duration]
        else:
            length = _seconds(duration, f"word {w}", "duration")
            if type(duration) is str:
                lengths[duration] = length
        try:
            first = float(time) if type(time) is str else -1.0
        except ValueError:
            first = -1.0
        start = floor(first * 1000.0 + 0.5) if 0.0 <= first <= _MAX_SECONDS else _seconds(time, f"word {w}", "time")
        end = start + length
        if end > MAX_MS:
            raise ReadError(f"word {w}: its end is out of range")
        text = text.strip()
        if not text:
            continue
        if not text[0].isalnum() and words and not any(ch.isalnum() for ch in text):
            words[-1].text += text  # a full stop of its own, glued to the word before
            continue
        confidence = raw.get("confidence")
        if type(confidence) is str:
            known = confidences.get(confidence, -1.0)
            if known == -1.0:
                known = confidences[confidence] = _confidence(confidence)
            confidence = known
        elif not (type(confidence) is float and 0.0 <= confidence <= 1.0):
            confidence = unit_confidence(confidence)
        if start >= range_end:  # the next speaker range that has not ended by the word's start
            while k < count and ranges[k][1] <= start:
                k += 1
            range_start, range_end, range_spk = ranges[k] if k < count else (MAX_MS + 1, MAX_MS + 1, None)
        append(Word(text, start, end, confidence))
        add_speaker(range_spk if start >= range_start else None)
    segments, found = turns(zip(speakers, words))
    return Transcript(segments=segments, speakers=found,
                      metadata=Metadata(language=_language(obj, []), source=NAME, extra=_extra(obj)))


def read_json(obj: Any, *, channel: int | None = None) -> Transcript:
    if not isinstance(obj, dict):
        raise ReadError(f"expected a Speechmatics transcript object, found {json_kind(obj)}")
    if "results" not in obj and isinstance(obj.get("words"), list):
        return _read_v1(obj, channel)
    return _read_v2(obj, channel)
