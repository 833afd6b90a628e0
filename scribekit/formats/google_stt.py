"""Google Cloud Speech-to-Text responses (v1 and v2), read.

Both versions give ``results[]``, each with ``alternatives[0]`` {``transcript``, ``confidence``,
``words[]``} and optionally ``languageCode`` and ``channelTag``; the first alternative is read.

- v1: a word is {``word``, ``startTime``, ``endTime``, ``confidence``, ``speakerTag`` (an int
  from 1) or ``speakerLabel``}; ``resultEndTime`` ends a result. Times are protobuf durations:
  strings ("12.900s", as the REST API and Python's ``MessageToDict`` write them) or objects
  {``seconds`` (a string or a number), ``nanos``} as the Node client prints them, either part
  left out when zero (a time left out entirely is 0).
- v2: the same nesting with ``startOffset``/``endOffset``, ``speakerLabel`` strings,
  ``resultEndOffset``, and ``metadata`` at the top.

Either version with the proto's own field names ("start_time", "speaker_tag", as Python's
``to_dict`` writes them) reads the same. A saved long-running operation ({``done``,
``response``: {results}}) is read from its ``response``; saved streaming results are read
without the interim ones (``isFinal`` false).

With diarisation v1 repeats every word of the file in the LAST result, with speaker tags,
while the earlier results hold the same words without them: when a channel's last result
carries speaker tags and none of its earlier results do (or it holds all their words again,
from the same first start), only that last result is read, so each word counts once; results
that all carry tags (streaming) are each read. A result without words (no word times requested) has its transcript
shared out by characters between the previous result's end and its own ``resultEndTime``.

Channels (``channelTag``, from 1, as given; a result without it is channel 0): merged in time
order, each channel one speaker "channel N" without diarisation, else speakers "N-<tag>";
``read_json(obj, channel=N)`` reads one channel only.
"""
from __future__ import annotations

from math import floor
from typing import Any

from ..errors import ReadError, warn
from ..model import Metadata, Transcript, Word
from ..timecode import MAX_MS
from . import describe
from ._asr import language_tag, speaker_id, unit_confidence, warn_backwards
from ._cloud_asr import Channel, channel_turns, duration_ms, spread
from ._json import json_kind

FORMAT = describe(__name__, name="google-stt", title="Google Speech-to-Text JSON (v1, v2)", extensions=("json",),
                  kind="data", aliases=("google",), priority=330)

NAME = "google-stt"
_MAX_SECONDS = MAX_MS // 1000
_NO_TIME = object()  # equal to no value a file holds (null included)
# field names as Python's proto-plus ``to_dict`` writes them (the proto's own), and in JSON's camelCase
_SNAKE = {"start_time": "startTime", "end_time": "endTime", "start_offset": "startOffset", "end_offset": "endOffset",
          "speaker_tag": "speakerTag", "speaker_label": "speakerLabel", "channel_tag": "channelTag",
          "language_code": "languageCode", "result_end_time": "resultEndTime",
          "result_end_offset": "resultEndOffset", "is_final": "isFinal"}
_RESULT_KEYS = {"alternatives", "channelTag", "languageCode", "resultEndTime", "resultEndOffset", "isFinal",
                "stability", "channel_tag", "language_code", "result_end_time", "result_end_offset", "is_final"}
_ALTERNATIVE_KEYS = {"transcript", "confidence", "words"}
_WORD_KEYS = {"word", "startTime", "endTime", "startOffset", "endOffset", "confidence", "speakerTag",
              "speakerLabel", "start_time", "end_time", "start_offset", "end_offset", "speaker_tag", "speaker_label"}


def _results_of(obj: Any) -> Any:
    """The results list of a response, or of a saved operation's response."""
    if isinstance(obj, dict) and "results" not in obj and isinstance(obj.get("response"), dict) \
            and "done" in obj:
        return obj["response"].get("results")
    return obj.get("results") if isinstance(obj, dict) else None


def sniff_json(obj: Any) -> bool:
    if not isinstance(obj, dict) or "scribekit" in obj or "result_index" in obj:
        return False
    results = _results_of(obj)
    if not isinstance(results, list) or not results:
        return False
    first = results[0]
    if not isinstance(first, dict) or not isinstance(first.get("alternatives"), list) \
            or not set(first) <= _RESULT_KEYS:
        return False
    for result in results[:20]:  # the first result that has an alternative says what they are
        alternatives = result.get("alternatives") if isinstance(result, dict) else None
        if isinstance(alternatives, list) and alternatives:
            best = alternatives[0]
            if not isinstance(best, dict) or not set(best) <= _ALTERNATIVE_KEYS:
                return False
            words = best.get("words")
            if isinstance(words, list) and words:
                return isinstance(words[0], dict) and "word" in words[0] and set(words[0]) <= _WORD_KEYS
            if "transcript" in best:
                return True
    return False


def _tagged(word: Any) -> bool:
    if type(word) is not dict:
        return False
    tag = word.get("speakerTag")
    return bool(tag) or bool(word.get("speakerLabel"))


def _result_words(result: dict[str, Any], r: int, previous_end: int, counts: list[int],
                  names: dict[Any, str | None], into: Channel) -> None:
    """The words of result ``r`` (numbered from 1) and their speaker tags, added to ``into``."""
    where = f"result {r}"
    alternatives = result.get("alternatives")
    if alternatives is None:
        return
    if type(alternatives) is not list:
        raise ReadError(f"{where}: alternatives must be a list, found {json_kind(alternatives)}")
    if not alternatives:
        return
    best = alternatives[0]
    if type(best) is not dict:
        raise ReadError(f"{where}, alternative 1: expected an object, found {json_kind(best)}")
    raw_words = best.get("words")
    if raw_words is None or raw_words == []:
        text = best.get("transcript")
        if text is None or (type(text) is str and not text.strip()):
            return
        if type(text) is not str:
            raise ReadError(f"{where}: transcript must be a string, found {json_kind(text)}")
        end = result.get("resultEndTime", result.get("resultEndOffset"))
        if end is None:
            counts[0] += 1
            return
        shared = spread(text, previous_end, duration_ms(end, where, "resultEndTime"),
                        unit_confidence(best.get("confidence")))
        into[0].extend([None] * len(shared))
        into[1].extend(shared)
        return
    if type(raw_words) is not list:
        raise ReadError(f"{where}: words must be a list, found {json_kind(raw_words)}")
    first = raw_words[0]
    head = first if type(first) is dict else {}
    start_key, end_key = ("startOffset", "endOffset") if "startOffset" in head or "endOffset" in head \
        else ("startTime", "endTime")
    # the first word's shape: a word with as many keys, all of them there, has no other key
    scored = "confidence" in head
    tag_key = "speakerTag" if "speakerTag" in head else "speakerLabel" if "speakerLabel" in head else ""
    size = 3 + scored + (tag_key != "")
    speakers, words = into
    add_speaker, append = speakers.append, words.append
    previous: object = _NO_TIME  # the previous word's end, as written (a checked string), and in ms
    previous_ms = 0
    for raw in raw_words:
        # the common word inline: its shape, "12.9s" strings (a start often the end before), a
        # float confidence; anything else (or any doubt) goes to _word, which checks it all
        try:
            if len(raw) == size and (text := raw["word"].strip()):
                start = raw[start_key]
                end = raw[end_key]
                if type(end) is str:
                    if start == previous:
                        start_ms = previous_ms
                    else:
                        first_s = float(start.rstrip("s"))
                        start_ms = floor(first_s * 1000.0 + 0.5) if 0.0 <= first_s <= _MAX_SECONDS else -1
                    last_s = float(end.rstrip("s"))
                    if 0.0 <= last_s <= _MAX_SECONDS:
                        end_ms = floor(last_s * 1000.0 + 0.5)
                        previous, previous_ms = end, end_ms
                    else:
                        end_ms = -1
                else:  # {seconds, nanos} as the Node client prints them
                    start_ms = _nanos(start)
                    end_ms = _nanos(end)
                confidence = raw["confidence"] if scored else None
                if not (type(confidence) is float and 0.0 <= confidence <= 1.0) and confidence is not None:
                    # an integer 0 or 1 is common (1 for a sure word): taken without the call
                    confidence = float(confidence) if type(confidence) is int and 0 <= confidence <= 1 else -1.0
                if 0 <= start_ms <= end_ms and confidence != -1.0:
                    if tag_key:
                        tag = raw[tag_key]
                        if type(tag) is int or type(tag) is str:
                            spk = names[tag] if tag in names else names.setdefault(tag, speaker_id(tag) if tag
                                                                                    else None)
                        else:
                            spk = speaker_id(tag) if tag else None
                        add_speaker(spk)
                    append(Word(text, start_ms, end_ms, confidence))
                    continue
        except (TypeError, KeyError, AttributeError, ValueError, OverflowError):
            pass
        if not tag_key:  # the words before without speakers (the loop adds none for them)
            speakers.extend([None] * (len(words) - len(speakers)))
        _word(raw, raw_words, where, start_key, end_key, counts, into)
    if not tag_key:
        speakers.extend([None] * (len(words) - len(speakers)))


def _word(raw: Any, raw_words: list[Any], where: str, start_key: str, end_key: str, counts: list[int],
          into: Channel) -> None:
    """Any word of a result, checked (the loop of ``_result_words`` reads the common one itself)."""
    if type(raw) is not dict:
        raise ReadError(f"{where}, word {_number(raw_words, raw)}: expected an object, found {json_kind(raw)}")
    text = raw.get("word")
    if type(text) is not str:
        raise ReadError(f"{where}, word {_number(raw_words, raw)}: word must be a string, found {json_kind(text)}")
    start = raw.get(start_key)
    end = raw.get(end_key)
    start_ms = -1
    if type(start) is str and type(end) is str:  # as the loop reads them ("12.9s", or "12.9")
        try:
            last_s = float(end.rstrip("s"))
            first_s = float(start.rstrip("s"))
        except ValueError:
            last_s = first_s = -1.0
        if 0.0 <= first_s <= _MAX_SECONDS and 0.0 <= last_s <= _MAX_SECONDS:
            start_ms, end_ms = floor(first_s * 1000.0 + 0.5), floor(last_s * 1000.0 + 0.5)
    if start_ms < 0:
        start_ms, end_ms = _times(start, end, start_key, end_key, raw_words, raw, where)
    if end_ms < start_ms:
        counts[1] += 1
        end_ms = start_ms
    text = text.strip()
    if not text:
        return
    confidence = raw.get("confidence")
    if confidence is not None and not (type(confidence) is float and 0.0 <= confidence <= 1.0):
        confidence = unit_confidence(confidence)
    tag = raw.get("speakerTag")
    if tag is None:
        label = raw.get("speakerLabel")
        spk = speaker_id(label) if label else None
    else:
        spk = speaker_id(tag) if tag else None
    into[1].append(Word(text, start_ms, end_ms, confidence))
    into[0].append(spk)


def _number(raw_words: list[Any], raw: Any) -> int:
    """Where ``raw`` is in ``raw_words``, counted from 1 (for a message: the loop does not count)."""
    return next(w for w, item in enumerate(raw_words, 1) if item is raw)


def _nanos(value: Any) -> int:
    """{seconds, nanos} in ms when both are plain (seconds a string of digits or an int), else -1."""
    if type(value) is dict:
        whole = value.get("seconds", 0)
        nanos = value.get("nanos", 0)
        if type(whole) is str and whole.isdigit() and len(whole) < 16:
            whole = int(whole)
        if type(whole) is int and type(nanos) is int and 0 <= whole <= _MAX_SECONDS and 0 <= nanos < 10**9:
            return whole * 1000 + (nanos + 500_000) // 1_000_000
    return -1


def _times(start: Any, end: Any, start_key: str, end_key: str, raw_words: list[Any], raw: Any,
           where: str) -> tuple[int, int]:
    """A word's start and end in ms from any form of duration (a time left out is 0), checked."""
    start_ms = _nanos(start)
    if start_ms < 0:
        start_ms = 0 if start is None else duration_ms(start, f"{where}, word {_number(raw_words, raw)}", start_key)
    end_ms = _nanos(end)
    if end_ms < 0:
        end_ms = 0 if end is None else duration_ms(end, f"{where}, word {_number(raw_words, raw)}", end_key)
    return start_ms, end_ms


def read_json(obj: Any, *, channel: int | None = None) -> Transcript:
    if not isinstance(obj, dict):
        raise ReadError(f"expected a Google Speech-to-Text response object, found {json_kind(obj)}")
    results = _results_of(obj)
    if results is None and "results" not in obj:
        results = []  # a response with no speech in it is an empty object
    if not isinstance(results, list):
        raise ReadError(f"results must be a list, found {json_kind(results)}")
    if results and isinstance(results[0], dict) and _snake_case(results):
        results = [_camel_case(result) for result in results]
    # each channel's results, in order (a result without channelTag: channel 0, as protobuf has it)
    by_channel: dict[int, list[tuple[int, dict[str, Any]]]] = {}
    language = None
    for r, result in enumerate(results, 1):
        if type(result) is not dict:
            raise ReadError(f"result {r}: expected an object, found {json_kind(result)}")
        if result.get("isFinal") is False:
            continue  # an interim streaming result, replaced by a final one
        tag = result.get("channelTag")
        if tag is not None and not (type(tag) is int and 0 <= tag <= MAX_MS):
            raise ReadError(f"result {r}: channelTag must be a whole number, found {json_kind(tag)}")
        by_channel.setdefault(tag or 0, []).append((r, result))
        if language is None:
            language = language_tag(result.get("languageCode"))
    counts = [0, 0]  # results without times, words ending before they start
    names: dict[Any, str | None] = {}
    channels: dict[int | None, Channel] = {}
    for number, chosen in by_channel.items():
        if len(chosen) > 1 and _diarised_summary(chosen):
            chosen = chosen[-1:]
        into: Channel = ([], [])
        words = into[1]
        end = 0
        for r, result in chosen:
            _result_words(result, r, end, counts, names, into)
            given = result.get("resultEndTime", result.get("resultEndOffset"))
            end = duration_ms(given, f"result {r}", "resultEndTime") if given is not None else \
                words[-1].end if words else end
        channels[number] = into
    if counts[0]:
        warn(f"{counts[0]} result(s) had a transcript but no words and no end time; they were left out")
    warn_backwards(counts[1])
    segments, speakers = channel_turns(channels, channel)
    extra: dict[str, Any] = {}
    metadata = obj.get("metadata")
    if isinstance(metadata, dict):
        for key in ("requestId", "totalBilledDuration"):
            if key in metadata:
                extra[key] = metadata[key]
    return Transcript(segments=segments, speakers=speakers,
                      metadata=Metadata(language=language, source=NAME, extra=extra))


def _snake_case(results: list[Any]) -> bool:
    """Whether the results name their fields as the proto does ("start_time", Python's to_dict)."""
    for result in results[:20]:
        if not isinstance(result, dict):
            return False
        if any(key in _SNAKE for key in result):
            return True
        words = _best_words(result)
        if words and isinstance(words[0], dict):
            return any(key in _SNAKE for key in words[0])
    return False


def _camel_case(result: Any) -> Any:
    """A result with its own, its alternatives' and their words' field names in camelCase."""
    if not isinstance(result, dict):
        return result
    out = {_SNAKE.get(key, key): value for key, value in result.items()}
    alternatives = out.get("alternatives")
    if isinstance(alternatives, list):
        out["alternatives"] = [
            {**best, "words": [{_SNAKE.get(key, key): value for key, value in word.items()}
                               if isinstance(word, dict) else word for word in best["words"]]}
            if isinstance(best, dict) and isinstance(best.get("words"), list) else best for best in alternatives]
    return out


def _diarised_summary(results: list[tuple[int, dict[str, Any]]]) -> bool:
    """Whether the last result repeats the channel's words with speaker tags (v1 diarisation): its
    words carry tags, and either no earlier result's do or it holds at least as many words as
    all of them, starting where the first of them starts."""
    last = _best_words(results[-1][1])
    if not any(_tagged(word) for word in last):
        return False
    earlier = [_best_words(result) for _, result in results[:-1]]
    if not any(_tagged(word) for words in earlier for word in words):
        return True
    first = next((words[0] for words in earlier if words), None)
    return type(first) is dict and type(last[0]) is dict and len(last) >= sum(map(len, earlier)) \
        and first.get("startTime", first.get("startOffset")) == last[0].get("startTime", last[0].get("startOffset"))


def _best_words(result: dict[str, Any]) -> list[Any]:
    alternatives = result.get("alternatives")
    if type(alternatives) is list and alternatives and type(alternatives[0]) is dict:
        words = alternatives[0].get("words")
        if type(words) is list:
            return words
    return []
