"""IBM Watson Speech to Text results (``/v1/recognize`` responses and recognition jobs), read.

A response holds ``results[]``, each with ``final`` and ``alternatives[0]``: ``timestamps`` as
[word, start, end] arrays in seconds and ``word_confidence`` as [word, confidence] arrays, in the
same order; a job's output wraps such responses in its own ``results[]`` (each with ``results``,
``result_index`` and ``speaker_labels``). ``result_index`` places a response's results among all
of them (a later one replaces an earlier one at the same place); only final results are read.
Speakers come from ``speaker_labels[]`` ({from, to, speaker}), matched to the words on their
times. Words are lowercase with no punctuation, as the service gives them; hesitations
("%HESITATION") are kept, marked as sound. The format names no language.
"""
from __future__ import annotations

from math import floor
from typing import Any

from ..errors import ReadError
from ..model import Metadata, Segment, Speaker, Transcript, Word
from ..timecode import MAX_MS
from . import describe
from ._asr import speaker_id, speaker_name, split_sounds, unit_confidence, word_times
from ._json import is_number, json_kind

FORMAT = describe(__name__, name="ibm-watson", title="IBM Watson Speech to Text JSON", extensions=("json",),
                  kind="data", aliases=("watson", "ibm"), priority=370)

NAME = "ibm-watson"
_MAX_SECONDS = MAX_MS // 1000
_MAX_INDEX = 10_000_000
_HESITATION = "%HESITATION"


def _response(obj: Any) -> bool:
    """A recognize response: ``results[]`` of {final, alternatives}."""
    results = obj.get("results")
    if not isinstance(results, list):
        return False
    if not results:
        return "result_index" in obj
    first = results[0]
    return isinstance(first, dict) and isinstance(first.get("final"), bool) and isinstance(first.get("alternatives"),
                                                                                           list)


def sniff_json(obj: Any) -> bool:
    if not isinstance(obj, dict) or "scribekit" in obj:
        return False
    if _response(obj):
        return True
    results = obj.get("results")  # a job: its results are responses
    return isinstance(results, list) and bool(results) and isinstance(results[0], dict) \
        and isinstance(results[0].get("results"), list) and _response(results[0])


def _responses(obj: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    """The responses of ``obj`` (itself, or a job's), each with its place in the list of results."""
    results = obj.get("results")
    job = isinstance(results, list) and bool(results) and isinstance(results[0], dict) and "results" in results[0]
    if not job:
        found = [obj]
        where = [""]
    else:
        assert isinstance(results, list)
        found, where = [], []
        for r, item in enumerate(results, 1):
            if not isinstance(item, dict):
                raise ReadError(f"results {r}: expected an object, found {json_kind(item)}")
            found.append(item)
            where.append(f"response {r}, ")
    out = []
    following = 0  # where a response that gives no result_index goes: after the ones before it
    for response, at in zip(found, where):
        index = response.get("result_index", following)
        if type(index) is not int or not 0 <= index <= _MAX_INDEX:
            raise ReadError(f"{at}result_index must be a whole number from 0, found "
                            + ((str(index) if -_MAX_INDEX <= index else "a number out of range")
                               if type(index) is int else json_kind(index)))
        out.append((index, response))
        results = response.get("results")
        following = max(following, index + (len(results) if isinstance(results, list) else 0))
    return out


def _labels(responses: list[tuple[int, dict[str, Any]]]) -> list[tuple[Any, Any, str | None]]:
    labels: list[tuple[Any, Any, str | None]] = []
    names: dict[int, str | None] = {}
    for _, response in responses:
        raw = response.get("speaker_labels")
        if raw is None:
            continue
        if not isinstance(raw, list):
            raise ReadError(f"speaker_labels must be a list, found {json_kind(raw)}")
        for n, label in enumerate(raw, 1):
            if type(label) is not dict:
                raise ReadError(f"speaker label {n}: expected an object, found {json_kind(label)}")
            key, start, end = label.get("speaker"), label.get("from"), label.get("to")
            if type(key) is int and key in names:
                spk = names[key]
            else:
                spk = speaker_id(key)
                if spk is None and key is not None:
                    raise ReadError(f"speaker label {n}: speaker must be a number, found {json_kind(key)}")
                if type(key) is int:
                    names[key] = spk
            kind, other = type(start), type(end)
            if not ((kind is float or kind is int) and (other is float or other is int)) \
                    and not (is_number(start) and is_number(end)):
                raise ReadError(f"speaker label {n}: from and to must be numbers of seconds, "
                                f"found {json_kind(start)} and {json_kind(end)}")
            labels.append((start, end, spk))
    return labels


def read_json(obj: Any) -> Transcript:
    if not isinstance(obj, dict):
        raise ReadError(f"expected an IBM Watson speech-to-text object, found {json_kind(obj)}")
    responses = _responses(obj)
    placed: dict[int, tuple[str, Any]] = {}
    for index, response in responses:
        results = response.get("results", [])
        if results is None:
            results = []
        if not isinstance(results, list):
            raise ReadError(f"result_index {index}: results must be a list, found {json_kind(results)}")
        for k, result in enumerate(results):
            placed[index + k] = (f"result {index + k + 1}", result)
    labels = _labels(responses)
    by_times: dict[tuple[Any, Any], str | None] | None = None  # made when the labels are not one a word in order
    segments: list[Segment] = []  # a turn at each change of speaker
    seen: dict[str, None] = {}  # the speaker ids, in order of appearance
    current: object = segments  # the turn's speaker id (no id is this list: the first word starts a turn)
    turn: list[Word] = []
    append = turn.append  # the turn's words.append
    n = 0  # the next label, when they come one a word in order
    count = len(labels)
    max_seconds = _MAX_SECONDS
    for place in sorted(placed):
        where, result = placed[place]
        if type(result) is not dict:
            raise ReadError(f"{where}: expected an object, found {json_kind(result)}")
        if result.get("final") is not True:
            continue
        alternatives = result.get("alternatives")
        if type(alternatives) is not list or not alternatives or type(alternatives[0]) is not dict:
            raise ReadError(f"{where}: alternatives must be a list of objects, found {json_kind(alternatives)}")
        best = alternatives[0]
        stamps = best.get("timestamps")
        if stamps is None:
            if isinstance(best.get("transcript"), str) and best["transcript"].strip():
                raise ReadError(f"{where}: no word times (recognise with timestamps=true)")
            continue
        if type(stamps) is not list:
            raise ReadError(f"{where}: timestamps must be a list, found {json_kind(stamps)}")
        confidences = best.get("word_confidence")
        if type(confidences) is not list or len(confidences) != len(stamps):
            if confidences is not None and type(confidences) is not list:
                raise ReadError(f"{where}: word_confidence must be a list, found {json_kind(confidences)}")
            confidences = None
        for w, stamp in enumerate(stamps):
            if type(stamp) is list and len(stamp) == 3:
                text, start, end = stamp
            else:
                raise ReadError(f"{where}, word {w + 1}: expected [word, start, end], found "
                                + (f"a list of {len(stamp)}" if type(stamp) is list else json_kind(stamp)))
            if type(text) is not str:
                raise ReadError(f"{where}, word {w + 1}: the word must be a string, found {json_kind(text)}")
            kind, other = type(start), type(end)
            if (kind is float or kind is int) and (other is float or other is int) \
                    and 0 <= start <= end <= max_seconds:
                begin, finish = floor(start * 1000.0 + 0.5), floor(end * 1000.0 + 0.5)  # the common case
            else:
                begin, finish = word_times(start, end, f"{where}, word {w + 1}")
            confidence = None
            if confidences is not None:
                pair = confidences[w]
                if type(pair) is list and len(pair) == 2:
                    confidence = pair[1]
                    if not (type(confidence) is float and 0.0 <= confidence <= 1.0):
                        confidence = float(confidence) if type(confidence) is int and 0 <= confidence <= 1 \
                            else unit_confidence(confidence)
            text = text.strip()
            if not text:
                continue
            if n < count and labels[n][0] == start and labels[n][1] == end:
                spk = labels[n][2]
                n += 1
            elif count:
                if by_times is None:
                    by_times = {(first, last): who for first, last, who in labels}
                spk = by_times.get((start, end))
            else:
                spk = None
            word = Word(text, begin, finish, confidence)
            if text == _HESITATION:
                word.sound = True
            if spk != current:
                turn = []
                segments.append(Segment(spk, turn))
                append = turn.append
                current = spk
                if spk is not None:
                    seen.setdefault(spk)
            append(word)
    speakers = [Speaker(spk, speaker_name(spk)) for spk in seen]
    extra: dict[str, Any] = {key: obj[key] for key in ("id", "status", "created") if key in obj}
    return Transcript(segments=split_sounds(segments), speakers=speakers, metadata=Metadata(source=NAME, extra=extra))
