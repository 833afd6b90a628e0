"""Whisper-family JSON (read): openai-whisper's writer, the OpenAI API's ``verbose_json``,
faster-whisper front ends (whisper-ctranslate2), whisper-timestamped, stable-ts and whisperX.

They share ``segments[]`` {start, end, text} in seconds, with optional ``words[]``:

- openai-whisper / faster-whisper: words {``word`` (leading space), start, end,
  ``probability``}; ``words`` null or missing without word timestamps, when the
  segment text is split on white space and the segment's time shared out by characters;
- the OpenAI API: top-level ``words[]`` {word, start, end}, ``language`` as a name;
- whisper-timestamped: words {``text``, start, end, ``confidence``};
- stable-ts: the same plus ``ori_dict``, a copy of the untouched result, not read;
- whisperX: words {word, start, end, ``score``, ``speaker``}; words the aligner could not
  place (numbers) have no times and get them from their neighbours (one warning);
  ``word_segments`` repeats the segments' words and is read only without segments.

Speaker turns: consecutive words of one speaker form a segment; without speakers, each
Whisper segment is one.
"""
from __future__ import annotations

from math import floor
from typing import Any

from ..errors import ReadError, warn
from ..markup import strip_tags
from ..model import Metadata, Transcript, Word
from ..timecode import MAX_MS, seconds_to_ms
from . import describe
from ._asr import RawWord, language_tag, speaker_id, speakers_in, timed_turns, unit_confidence
from ._json import is_number, json_kind

FORMAT = describe(__name__, name="whisper", title="Whisper JSON (openai-whisper, OpenAI API, faster-whisper, "
                  "whisperX, stable-ts, whisper-timestamped)", extensions=("json",), kind="data",
                  aliases=("openai-whisper", "faster-whisper", "whisperx", "stable-ts", "whisper-timestamped",
                           "whisper-ctranslate2"), priority=300)

NAME = "whisper"
_OTHER_MARKS = ("scribekit", "speakers", "recordId", "startTimeOffset", "highlights")
_CONFIDENCE_KEYS = ("probability", "score", "confidence")
_MAX_SECONDS = MAX_MS / 1000.0
_API_WORD_KEYS = {"word", "start", "end", "probability"}



def _timed(item: Any) -> bool:
    return isinstance(item, dict) and is_number(item.get("start")) and is_number(item.get("end"))


def sniff_json(obj: Any) -> bool:
    if not isinstance(obj, dict) or any(key in obj for key in _OTHER_MARKS):
        return False
    segments = obj.get("segments")
    if isinstance(segments, list):
        if segments:
            first = segments[0]
            return _timed(first) and isinstance(first.get("text"), str)
        words = obj.get("words", obj.get("word_segments"))
        if isinstance(words, list) and words:
            return isinstance(words[0], dict) and "word" in words[0]
        return isinstance(obj.get("text"), str) and "language" in obj
    words = obj.get("words")
    if isinstance(words, list) and words and isinstance(obj.get("text"), str) and "language" in obj:
        first = words[0]  # the OpenAI API: {word, start, end}, nothing of another provider's
        return _timed(first) and isinstance(first.get("word"), str) and not set(first) - _API_WORD_KEYS
    return False


def _ms(value: Any, what: str, where: str) -> int:
    if not is_number(value):
        raise ReadError(f"{where}: {what} must be a number of seconds, found {json_kind(value)}")
    try:
        return seconds_to_ms(value, what)
    except ReadError as exc:
        raise ReadError(f"{where}: {exc.message}", hint=exc.hint) from None


def _word(raw: Any, where: str, speaker: str | None) -> RawWord | None:
    """A word read with every check (``_words_list`` reads the common one itself)."""
    if not isinstance(raw, dict):
        raise ReadError(f"{where}: expected a word object, found {json_kind(raw)}")
    text = raw.get("word", raw.get("text"))
    if not isinstance(text, str):
        raise ReadError(f"{where}: the word must be a string, found {json_kind(text)}")
    text = text.strip()
    if not text:
        return None
    start = raw.get("start")
    end = raw.get("end")
    start_ms = None if start is None else _ms(start, "start", where)
    end_ms = None if end is None else _ms(end, "end", where)
    confidence = None
    for key in _CONFIDENCE_KEYS:
        if key in raw:
            confidence = unit_confidence(raw[key])
            break
    own = speaker_id(raw.get("speaker"))
    return text, start_ms, end_ms, confidence, own if own is not None else speaker


def _fill(words: list[RawWord], low: int | None, high: int | None) -> int:
    """Times for the words that have none, shared evenly between their timed neighbours (or the
    segment's bounds), and the speaker of the word before (or after); the number of words given times."""
    filled = 0
    i = 0
    n = len(words)
    while i < n:
        if words[i][1] is not None and words[i][2] is not None:
            i += 1
            continue
        j = i
        while j < n and (words[j][1] is None or words[j][2] is None):
            j += 1
        before = words[i - 1][2] if i else low
        after = words[j][1] if j < n else high
        if before is None:
            before = after if after is not None else 0
        if after is None or after < before:
            after = before
        count = j - i
        span = after - before
        # whisperX gives such words no speaker either: they belong to the turn they sit in
        neighbour = words[i - 1][4] if i else words[j][4] if j < n else None
        for k in range(i, j):
            text, start, end, confidence, speaker = words[k]
            begin = before + span * (k - i) // count
            finish = before + span * (k - i + 1) // count
            words[k] = (text, start if start is not None else begin,
                        end if end is not None and end >= begin else finish, confidence,
                        speaker if speaker is not None else neighbour)
        filled += count
        i = j
    return filled


def _plain_words(raw: list[Any]) -> list[Word] | None:
    """The words of a list whose every item is the common word (text, times in float seconds in order,
    a confidence in 0..1 under its first key, no speaker of its own), built as they are read; None
    for any other list (``_words_list`` reads it with every check)."""
    words: list[Word] = []
    append = words.append
    for item in raw:
        if type(item) is not dict:
            return None
        get: Any = item.get  # Any: the values are checked below
        text = item["word"] if "word" in item else get("text")
        start, end = get("start"), get("end")
        if not (type(text) is str and type(start) is float and type(end) is float
                and 0.0 <= start <= end <= _MAX_SECONDS and get("speaker") is None):
            return None
        if "probability" in item:  # _CONFIDENCE_KEYS, the first one present
            confidence = item["probability"]
        elif "score" in item:
            confidence = item["score"]
        else:
            confidence = get("confidence")
        if type(confidence) is not float or not 0.0 <= confidence <= 1.0:
            if confidence is not None:
                return None
        text = text.strip()
        if text:
            append(Word(text, floor(start * 1000.0 + 0.5), floor(end * 1000.0 + 0.5), confidence))
    return words


def _words_list(raw: Any, where: str, speaker: str | None, low: int | None, high: int | None,
                counts: list[int]) -> list[RawWord] | tuple[str | None, list[Word]]:
    """The words of a list, those without times given times between ``low`` and ``high`` (their
    number added to ``counts[0]``; ``counts[1]`` counts the groups that may hold sound tags); the
    words built already, with the speaker, where every one is the common word (``_plain_words``)."""
    plain = _plain_words(raw)
    if plain is not None:
        counts[1] += 1
        return speaker, plain
    words: list[RawWord] = []
    append = words.append
    untimed = False
    for w, item in enumerate(raw, 1):
        if type(item) is dict:  # the common case, read here without the checks' function calls
            text = item["word"] if "word" in item else item.get("text")
            start = item.get("start")
            end = item.get("end")
            own = item.get("speaker")  # whisperX's, when diarised
            if type(text) is str and type(start) is float and type(end) is float \
                    and 0.0 <= start <= _MAX_SECONDS and 0.0 <= end <= _MAX_SECONDS \
                    and (own is None or type(own) is str):
                if "probability" in item:  # _CONFIDENCE_KEYS, the first one present
                    confidence = item["probability"]
                elif "score" in item:
                    confidence = item["score"]
                else:
                    confidence = item.get("confidence")
                if type(confidence) is not float or not 0.0 <= confidence <= 1.0:
                    confidence = unit_confidence(confidence)
                text = text.strip()
                if text:
                    append((text, floor(start * 1000.0 + 0.5), floor(end * 1000.0 + 0.5), confidence,
                            speaker if own is None else own.strip() or speaker))  # as speaker_id has it
                continue
        word = _word(item, f"{where}word {w}", speaker)
        if word is not None:
            append(word)
            untimed = untimed or word[1] is None or word[2] is None
    if untimed:
        counts[0] += _fill(words, low, high)
    counts[1] += 1  # not looked at for sound tags here: split_sounds does
    return words


def _text_words(text: str, start: int, end: int) -> list[Word]:
    """The words of a segment's text (tags left out), each with its share of ``start``..``end`` by
    its length in characters, as ``cues_to_words.shared_times`` shares them out, built as Words in
    the same pass (the hot path of a file without word times); none ends before it starts."""
    texts = (strip_tags(text) if "<" in text or "{" in text else text).split()
    if not texts:
        return []
    # Word k spans the characters from offset_k to offset_(k+1) - 1 (its trailing space excluded):
    # with 0 <= span, its end is never before its start (offset_(k+1) - 1 > offset_k), nor is the
    # last word's start after ``end``.
    total = len("".join(texts)) + len(texts)  # each word with a space
    span = end - start if end > start else 0
    words: list[Word] = []
    append = words.append
    offset = -1  # offset_(k+1) - 1
    begin = start
    for word in texts:
        offset += len(word) + 1
        append(Word(word, begin, start + span * offset // total))
        begin = start + span * (offset + 1) // total
    final = words[-1]
    final.end = end if end > final.start else final.start  # the last word ends with the text
    return words


def _segment_words(item: Any, s: int, counts: list[int]) -> list[RawWord] | tuple[str | None, list[Word]]:
    if not isinstance(item, dict):
        raise ReadError(f"segment {s}: expected an object, found {json_kind(item)}")
    speaker = item.get("speaker")
    if speaker is not None:
        speaker = (speaker.strip() or None) if type(speaker) is str else speaker_id(speaker)  # as speaker_id has it
    start, end = item.get("start"), item.get("end")
    if type(start) is float and type(end) is float and 0.0 <= start <= _MAX_SECONDS and 0.0 <= end <= _MAX_SECONDS:
        start, end = floor(start * 1000.0 + 0.5), floor(end * 1000.0 + 0.5)  # the common case, inline
    else:
        start = None if start is None else _ms(start, "start", f"segment {s}")
        end = None if end is None else _ms(end, "end", f"segment {s}")
    raw_words = item.get("words")
    if raw_words:
        if not isinstance(raw_words, list):
            raise ReadError(f"segment {s}: words must be a list or null, found {json_kind(raw_words)}")
        return _words_list(raw_words, f"segment {s}, ", speaker, start, end, counts)
    if raw_words is not None and not isinstance(raw_words, list):
        raise ReadError(f"segment {s}: words must be a list or null, found {json_kind(raw_words)}")
    text = item.get("text")
    if text is None:
        return []
    if not isinstance(text, str):
        raise ReadError(f"segment {s}: text must be a string, found {json_kind(text)}")
    if start is None or end is None:
        raise ReadError(f"segment {s}: a segment without words needs a start and an end")
    if "(" in text or "[" in text or "♪" in text or "♫" in text:  # _asr.SOUND_OPENERS, anywhere
        counts[1] += 1
    return speaker, _text_words(text, start, end if end > start else start)


def read_json(obj: Any) -> Transcript:
    if not isinstance(obj, dict):
        raise ReadError(f"expected a Whisper JSON object, found {json_kind(obj)}")
    segments = obj.get("segments")
    if segments is not None and not isinstance(segments, list):
        raise ReadError(f"segments must be a list, found {json_kind(segments)}")
    counts = [0, 0]  # words given times; groups that may hold non-speech tags
    top = obj.get("words")
    if top is not None and not isinstance(top, list):
        raise ReadError(f"words must be a list, found {json_kind(top)}")
    groups: list[list[RawWord] | tuple[str | None, list[Word]]]
    if top:  # the OpenAI API: the words are top-level, the segments (if any) carry only text
        groups = [_words_list(top, "", None, None, None, counts)]
    elif segments:
        groups = [_segment_words(item, s, counts) for s, item in enumerate(segments, 1)]
    else:
        flat = obj.get("word_segments")
        if flat is not None and not isinstance(flat, list):
            raise ReadError(f"word_segments must be a list, found {json_kind(flat)}")
        groups = [_words_list(flat or [], "", None, None, None, counts)]
    if counts[0]:
        warn(f"{counts[0]} word(s) had no times (the aligner could not place them); "
             "they were given times between their neighbours")
    language = obj.get("language")
    segments = timed_turns(groups, sounds=counts[1] > 0)
    return Transcript(segments=segments, speakers=speakers_in(segments),
                      metadata=Metadata(language=language_tag(language), source=NAME))
