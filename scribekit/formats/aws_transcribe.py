"""Amazon Transcribe job output (the transcript JSON a finished job writes), read.

``results.items[]`` are the words: ``type`` pronunciation or punctuation, ``alternatives[0]``
with ``content`` and ``confidence``, and for pronunciations ``start_time``/``end_time``; every
number is a string of seconds ("0.49"). A punctuation item has no times and is glued to the word
before it. Speakers: ``speaker_label`` on the item (newer jobs), else
``results.speaker_labels.segments[].items`` joined to the words by their time strings (segments
with an empty label and no items are ignored), else the segment whose span holds the word.
Channel identification: ``results.channel_labels.channels[]`` (``channel_label`` "ch_0", "ch_1")
hold each channel's items; they are merged in time order, each channel one speaker, or one channel
is read alone (the ``channel`` keyword, numbered as "ch_N" numbers it). The n-best
``results.segments[].alternatives`` repeat the words and are not read; vocabulary-filter masks
("***") and redactions ("[PII]") are kept as they are, as words (not sounds). The language comes
from ``results.language_code`` or the best-scored ``results.language_identification`` entry.
"""
from __future__ import annotations

from bisect import bisect_right
from math import floor
from typing import Any

from ..errors import ReadError, warn
from ..model import Metadata, Segment, Speaker, Transcript, Word
from ..timecode import MAX_MS
from . import describe
from ._asr import language_tag, merge_channels, speaker_id, speaker_name, turns, unit_confidence, word_times
from ._channels import missing_channel
from ._json import is_number, json_kind

FORMAT = describe(__name__, name="aws-transcribe", title="Amazon Transcribe job JSON", extensions=("json",),
                  kind="data", aliases=("amazon-transcribe", "aws"), priority=360)

NAME = "aws-transcribe"
_MAX_SECONDS = MAX_MS // 1000
_TYPES = ("pronunciation", "punctuation")
# A speaker by the time strings of a word, and the labelled spans of time.
_Labels = tuple[list[tuple[str, str, str]], list[tuple[int, int, str]]]


def sniff_json(obj: Any) -> bool:
    if not isinstance(obj, dict) or "scribekit" in obj:
        return False
    results = obj.get("results")
    if not isinstance(results, dict) or not isinstance(results.get("items"), list):
        return False
    items = results["items"]
    if items:
        first = items[0]
        return isinstance(first, dict) and first.get("type") in _TYPES and isinstance(first.get("alternatives"), list)
    return "transcripts" in results


def _seconds(value: Any, where: str, what: str) -> Any:
    """A time or confidence string as the number it writes (other values as they are, for the checks)."""
    if type(value) is str:
        try:
            return float(value)
        except ValueError:
            raise ReadError(f"{where}: {what} must be a number of seconds, found {value[:40]!r}") from None
    if value is None or is_number(value):
        return value
    raise ReadError(f"{where}: {what} must be a number of seconds, found {json_kind(value)}")


def _labels(results: dict[str, Any]) -> _Labels | None:
    """Speakers of ``results.speaker_labels``: by a word's time strings, and by spans of time
    (in start order)."""
    block = results.get("speaker_labels")
    if block is None:
        return None
    if not isinstance(block, dict):
        raise ReadError(f"results.speaker_labels must be an object, found {json_kind(block)}")
    segments = block.get("segments", [])
    if not isinstance(segments, list):
        raise ReadError(f"results.speaker_labels.segments must be a list, found {json_kind(segments)}")
    by_times: list[tuple[str, str, str]] = []
    spans: list[tuple[int, int, str]] = []
    names: dict[str, str | None] = {}
    for s, segment in enumerate(segments, 1):
        if type(segment) is not dict:
            raise ReadError(f"speaker segment {s}: expected an object, found {json_kind(segment)}")
        raw = segment.get("speaker_label")
        label = names[raw] if type(raw) is str and raw in names else speaker_id(raw)
        if type(raw) is str:
            names[raw] = label
        items = segment.get("items", [])
        if type(items) is not list:
            raise ReadError(f"speaker segment {s}: items must be a list, found {json_kind(items)}")
        if label is None:
            continue  # an empty label: a span nobody was heard in
        start, end = segment.get("start_time"), segment.get("end_time")
        if start is not None or end is not None:
            spans.append((*_span(start, end, f"speaker segment {s}"), label))
        for i, item in enumerate(items, 1):
            if type(item) is not dict:
                raise ReadError(f"speaker segment {s}, item {i}: expected an object, found {json_kind(item)}")
            start, end = item.get("start_time"), item.get("end_time")
            if type(start) is str and type(end) is str:
                own = item.get("speaker_label", raw)
                by_times.append((start, end, label if own == raw else (speaker_id(own) or label)))
    spans.sort()
    return by_times, spans


def _span(start: Any, end: Any, where: str) -> tuple[int, int]:
    if type(start) is str and type(end) is str:
        try:
            first, last = float(start), float(end)
        except ValueError:
            pass
        else:
            if 0.0 <= first <= last <= _MAX_SECONDS:
                return floor(first * 1000.0 + 0.5), floor(last * 1000.0 + 0.5)
    return word_times(_seconds(start, where, "start_time"), _seconds(end, where, "end_time"), where)


def _by_span(spans: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    """The speaker of the labelled span that overlaps the word most (of those around its start)."""
    at = bisect_right(spans, (start, MAX_MS + 1))
    best, overlap = None, -1
    for first, last, label in spans[max(at - 2, 0):at + 1]:
        shared = min(end, last) - max(start, first)
        if shared > overlap and (shared > 0 or first <= start <= last):
            best, overlap = label, shared
    return best


def _items(items: Any, where: str, labels: _Labels | None) -> tuple[list[Segment], int, int]:
    """The words of a list of items, punctuation glued on, in turns (one at each change of
    speaker); how many punctuation items had no word before them (glued to the word after), and
    how many had no word at all (left out)."""
    if not isinstance(items, list):
        raise ReadError(f"{where}items must be a list, found {json_kind(items)}")
    segments: list[Segment] = []
    current: object = segments  # the turn's speaker id (no id is this list: the first word starts a turn)
    turn: list[Word] = []
    append = turn.append  # the turn's words.append
    ordered = labels[0] if labels is not None else []  # the labelled items, in the words' order as a rule
    spans = labels[1] if labels is not None else []
    n = 0  # the next of them
    count = len(ordered)
    by_times: dict[tuple[str, str], str] | None = None  # made when a word is not the next labelled item
    names: dict[Any, str | None] = {}
    last: Word | None = None
    pending = ""
    forward = 0
    max_seconds = _MAX_SECONDS
    for i, item in enumerate(items, 1):
        if type(item) is not dict:
            raise ReadError(f"{where}item {i}: expected an object, found {json_kind(item)}")
        alternatives = item.get("alternatives")
        if type(alternatives) is list and alternatives and type(alternatives[0]) is dict:
            best = alternatives[0]
        else:
            raise ReadError(f"{where}item {i}: alternatives must be a list of objects, found "
                            + (json_kind(alternatives) if type(alternatives) is not list else
                               "an empty list" if not alternatives else f"{json_kind(alternatives[0])} in it"))
        content = best.get("content")
        if type(content) is not str:
            raise ReadError(f"{where}item {i}: content must be a string, found {json_kind(content)}")
        kind = item.get("type")
        if kind == "pronunciation":
            start, end = item.get("start_time"), item.get("end_time")
            begin = -1
            if type(start) is str and type(end) is str:
                try:
                    first, second = float(start), float(end)
                except ValueError:
                    pass
                else:
                    if 0.0 <= first <= second <= max_seconds:  # the common case
                        begin, finish = floor(first * 1000.0 + 0.5), floor(second * 1000.0 + 0.5)
            if begin < 0:
                at = f"{where}item {i}"
                begin, finish = word_times(_seconds(start, at, "start_time"), _seconds(end, at, "end_time"), at)
            confidence = best.get("confidence")
            if type(confidence) is str:
                given = confidence
                try:
                    confidence = float(given)
                except ValueError:
                    raise ReadError(f"{where}item {i}: confidence must be a number, "
                                    f"found {given[:40]!r}") from None
            if not (type(confidence) is float and 0.0 <= confidence <= 1.0):
                confidence = unit_confidence(confidence)
            text = content.strip()
            if not text:
                continue
            if pending:
                text = pending + text
                pending = ""
            last = Word(text, begin, finish, confidence)
            key = item.get("speaker_label")
            if type(key) is str:
                spk = names[key] if key in names else names.setdefault(key, speaker_id(key))
            elif key is None:
                spk = None
            else:
                spk = speaker_id(key)
                if spk is None:
                    raise ReadError(f"{where}item {i}: speaker_label must be a string, found {json_kind(key)}")
            if spk is None and labels is not None:
                if n < count and ordered[n][0] == start and ordered[n][1] == end:
                    spk = ordered[n][2]
                    n += 1
                else:
                    if by_times is None:
                        by_times = {(since, until): who for since, until, who in ordered}
                    spk = by_times.get((start, end)) if type(start) is str and type(end) is str else None
                    if spk is None:
                        spk = _by_span(spans, begin, finish)
            if spk != current:
                turn = []
                segments.append(Segment(spk, turn))
                append = turn.append
                current = spk
            append(last)
        elif kind == "punctuation":
            mark = content.strip()
            if not mark:
                continue
            if last is None:
                pending += mark
                forward += 1
            else:
                last.text += mark
        else:
            raise ReadError(f"{where}item {i}: type must be pronunciation or punctuation, found "
                            + (repr(kind[:40]) if type(kind) is str else json_kind(kind)))
    if pending:
        return segments, 0, forward  # no word at all: nothing to glue them to
    return segments, forward, 0


def _channel_number(channel: dict[str, Any], index: int) -> int:
    label = channel.get("channel_label")
    if isinstance(label, str) and label.startswith("ch_") and label[3:].isdigit() and len(label) < 12:
        return int(label[3:])
    return index


def read_json(obj: Any, *, channel: int | None = None) -> Transcript:
    if not isinstance(obj, dict):
        raise ReadError(f"expected an Amazon Transcribe job object, found {json_kind(obj)}")
    results = obj.get("results")
    if not isinstance(results, dict):
        raise ReadError(f"results must be an object, found {json_kind(results)}")
    labels = _labels(results)
    block = results.get("channel_labels")
    channels: list[tuple[int, Any]] = []
    if block is not None:
        if not isinstance(block, dict) or not isinstance(block.get("channels"), list):
            raise ReadError("results.channel_labels must be an object with a list of channels")
        for c, raw in enumerate(block["channels"]):
            if not isinstance(raw, dict):
                raise ReadError(f"channel {c + 1}: expected an object, found {json_kind(raw)}")
            channels.append((_channel_number(raw, c), raw))
    if channel is not None:
        have = [number for number, _ in channels] if channels else [0]
        if channel not in have:
            raise missing_channel(channel, have)
    if channels:
        read: list[list[tuple[str | None, Word]]] = []
        forward = lost = 0
        many = channel is None and len(channels) > 1
        for number, raw in channels:
            if channel is not None and number != channel:
                continue
            turns_read, moved, dropped = _items(raw.get("items"), f"channel ch_{number}, ", labels)
            read.append([((f"channel {number}" if turn.speaker is None else f"{number}-{turn.speaker}") if many
                          else turn.speaker, word) for turn in turns_read for word in turn.words])
            forward, lost = forward + moved, lost + dropped
        segments, speakers = turns(merge_channels(read), sounds=False)  # "[PII]": a redacted word, not a sound
    else:
        segments, forward, lost = _items(results.get("items"), "", labels)
        speakers = [Speaker(spk, speaker_name(spk)) for spk in dict.fromkeys(
            turn.speaker for turn in segments if turn.speaker is not None)]
    if forward:
        warn(f"{forward} punctuation item(s) came before any word; they were glued to the word after them")
    if lost:
        warn(f"{lost} punctuation item(s) had no word to attach to and were left out")
    extra: dict[str, Any] = {key: obj[key] for key in ("jobName", "status") if key in obj}
    return Transcript(segments=segments, speakers=speakers,
                      metadata=Metadata(language=_language(results), source=NAME, extra=extra))


def _language(results: dict[str, Any]) -> str | None:
    language = language_tag(results.get("language_code"))
    if language is not None:
        return language
    found = results.get("language_identification")
    if not isinstance(found, list):
        return None
    best, score = None, -1.0
    for entry in found:
        if isinstance(entry, dict):
            value = entry.get("score")
            try:
                number = float(value) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else 0.0
            except ValueError:
                number = 0.0
            if number > score and language_tag(entry.get("code")):
                best, score = language_tag(entry.get("code")), number
    return best
