"""Azure AI Speech transcripts, read: batch transcription results, fast transcription responses
and the Speech SDK's real-time "detailed" results.

- Batch transcription (v3 and later): ``recognizedPhrases[]`` with ``channel``, ``speaker`` (from
  1), ``offsetInTicks``/``durationInTicks`` (100 ns, often written as floats), the newer
  ``offsetMilliseconds``/``durationMilliseconds`` or the ISO 8601 ``offset``/``duration``, and
  ``nBest[0]`` {``display``, ``lexical``, ``words[]``, ``displayWords[]``}. ``words`` are the
  LEXICAL form ("zero zero three zero", no casing, no punctuation) while a subtitle wants the
  display form ("0030."): ``displayWords`` are read when present (display text, own times);
  otherwise the display text is split into words and timed from the lexical words: one display
  word per lexical word when the counts agree, else the words equal on both sides (lower-cased
  letters and digits, once each) anchor the two lists, and a run of display words between anchors
  takes the times of the lexical run it stands for, one for one when as many; a run that differs
  in length ("0030" for "zero zero three zero") stays the lexical words, so that every spoken word
  keeps its own time and the words are those the service timed. ``combinedRecognizedPhrases``
  repeats the text and is not read.
- Fast transcription: ``phrases[]`` {``channel``, ``speaker`` (from 0), ``offsetMilliseconds``/
  ``durationMilliseconds`` (the early API: ``offset``/``duration``), ``text``, ``words[]``
  {``text`` with punctuation attached, times in ms}, ``locale``}.
- Phrases without words (fast transcription without word times, the SDK's ``Words: null``): the
  phrase's display text is shared out over its time by characters.
- Speech SDK "detailed" output: a result object or a list of them, PascalCase (``Offset``/
  ``Duration`` in ticks, ``SpeakerId``, ``Channel``, ``NBest[0]`` {``Display``, ``Words``};
  the "simple" output's ``DisplayText`` is read the same way).

Phrases without a display text or with a ``recognitionStatus`` other than "Success" hold no
words. Speakers as given (batch from 1, fast transcription from 0, the SDK's ``SpeakerId``
strings); "Unknown", the SDK's word for a voice it could not attribute, is no speaker.
Channels (``channel`` from 0, as given): merged in time order, each channel one speaker
"channel N" without diarisation, else speakers "N-<speaker>"; ``read_json(obj, channel=N)``
reads channel N only.
"""
from __future__ import annotations

from math import floor
from typing import Any

from ..errors import ReadError
from ..model import Metadata, Transcript, Word
from ..timecode import MAX_MS
from . import describe
from ._asr import language_tag, speaker_id, unit_confidence
from ._cloud_asr import HUGE, Channel, channel_turns, iso_ms, spread
from ._json import json_kind

FORMAT = describe(__name__, name="azure-speech", title="Azure AI Speech JSON (batch, fast transcription, SDK)",
                  extensions=("json",), kind="data", aliases=("azure",), priority=340)

NAME = "azure-speech"
_MAX_TICKS = MAX_MS * 10_000
_PUNCTUATION = ".,!?;:\"'()[]{}¿¡«»“”‘’-–—…"

# (offset key, duration key, unit in ms) in the order they are looked for
_TIME_KEYS = (("offsetInTicks", "durationInTicks", 1e-4), ("offsetMilliseconds", "durationMilliseconds", 1.0),
              ("Offset", "Duration", 1e-4))


def sniff_json(obj: Any) -> bool:
    if isinstance(obj, list):
        return bool(obj) and isinstance(obj[0], dict) and _sdk_result(obj[0])
    if not isinstance(obj, dict) or "scribekit" in obj:
        return False
    if isinstance(obj.get("recognizedPhrases"), list):
        return True
    phrases = obj.get("phrases")
    if isinstance(phrases, list):
        if "combinedPhrases" in obj:
            return True
        first = phrases[0] if phrases else None
        return isinstance(first, dict) and isinstance(first.get("text"), str) and (
            "offsetMilliseconds" in first or ("offset" in first and "duration" in first))
    return _sdk_result(obj)


def _sdk_result(obj: dict[str, Any]) -> bool:
    return "RecognitionStatus" in obj and ("NBest" in obj or "DisplayText" in obj) and "Offset" in obj


def _ms(value: Any, unit: float, where: str, what: str) -> int:
    """A time in ticks (unit 1e-4) or ms (unit 1), checked."""
    if (type(value) is float or type(value) is int and -HUGE < value < HUGE) and 0 <= value * unit <= MAX_MS:
        return int(value * unit + 0.5)
    if type(value) in (int, float):
        raise ReadError(f"{where}: {what} is {'negative' if value < 0 else 'out of range'}")
    raise ReadError(f"{where}: {what} must be a number of {'ticks' if unit != 1.0 else 'ms'}, "
                    f"found {json_kind(value)}")


def _span(item: dict[str, Any], where: str) -> tuple[int, int] | None:
    """An item's start and end in ms, from whichever pair of time fields it has (None: none)."""
    for offset_key, duration_key, unit in _TIME_KEYS:
        if offset_key in item:
            start = _ms(item[offset_key], unit, where, offset_key)
            duration = item.get(duration_key, 0)
            return start, start + _ms(duration, unit, where, duration_key)
    offset = item.get("offset")
    if offset is None:
        return None
    if type(offset) is str:  # batch transcription: ISO 8601 ("PT2.18S")
        start = iso_ms(offset, where, "offset")
        duration = item.get("duration")
        return start, start + (iso_ms(duration, where, "duration") if duration is not None else 0)
    start = _ms(offset, 1.0, where, "offset")
    return start, start + _ms(item.get("duration", 0), 1.0, where, "duration")


def _norm(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _aligned(display: list[str], lexical: list[Word]) -> list[Word]:
    """Display words timed from the lexical words they stand for (see the module's docstring)."""
    if len(display) == len(lexical):  # the lexical words (made for this) take the display texts
        for text, word in zip(display, lexical):
            word.text = text
        return lexical
    # anchors: display words equal (lower-cased letters and digits) to a lexical word, in order,
    # where the word occurs once on each side; the runs between them are matched run to run
    wanted = [_norm(text) for text in display]
    found = [_norm(word.text) for word in lexical]
    where: dict[str, int] = {}
    for j, key in enumerate(found):
        where[key] = -1 if key in where else j
    seen: dict[str, int] = {}
    for key in wanted:
        seen[key] = seen.get(key, 0) + 1
    anchors: list[tuple[int, int]] = []
    for i, key in enumerate(wanted):
        j = where.get(key, -1)
        if j >= 0 and seen[key] == 1 and (not anchors or j > anchors[-1][1]):
            anchors.append((i, j))
    out: list[Word] = []
    i0 = j0 = 0
    for i1, j1 in [*anchors, (len(display), len(lexical))]:
        out += _run(display[i0:i1], lexical, j0, j1)
        if i1 < len(display):
            word = lexical[j1]
            out.append(Word(display[i1], word.start, word.end, word.confidence))
        i0, j0 = i1 + 1, j1 + 1
    return out


def _run(texts: list[str], lexical: list[Word], j0: int, j1: int) -> list[Word]:
    """Display words standing for lexical words j0..j1-1: one for one when as many, else sharing
    their time by characters (or, for none, the gap they sit in)."""
    if not texts:
        return []
    if len(texts) == j1 - j0:
        return [Word(text, word.start, word.end, word.confidence) for text, word in zip(texts, lexical[j0:j1])]
    if j0 < j1:
        # "0030" for "zero zero three zero": the spoken words keep their own times, each one
        return lexical[j0:j1]
    start = lexical[j0 - 1].end if j0 else (lexical[0].start if lexical else 0)
    end = lexical[j0].start if j0 < len(lexical) else start
    return spread(" ".join(texts), start, max(start, end))


def _shape(head: dict[str, Any], text_key: str) -> tuple[str, str, float, str, bool, int]:
    """How the words of a list whose first word is ``head`` are read: their time keys and unit, the
    confidence key and whether the first word has it, and the number of keys of a word read on the
    fast path (-1: none is), the first word's when it holds nothing else than what is read (a word
    with as many keys, all of them there, has no other: the fast transcription word, in integer ms)."""
    offset_key, duration_key, unit = "offset", "duration", 1.0
    for keys in _TIME_KEYS:
        if keys[0] in head:
            offset_key, duration_key, unit = keys
            break
    confidence_key = "Confidence" if "Confidence" in head else "confidence"
    scored = confidence_key in head
    size = 3 + scored if unit == 1.0 and len(head) == 3 + scored and text_key in head and offset_key in head \
        and duration_key in head else -1
    return offset_key, duration_key, unit, confidence_key, scored, size


_SHAPES: dict[tuple[str, ...], tuple[str, str, float, str, bool, int]] = {}
"""``_shape`` by the text key and the first word's keys in order (the few a file has)."""


def _lexical_words(raw: list[Any], where: str, text_key: str, first: int = 1) -> list[Word]:
    """Words with their own times (lexical, display or fast transcription words), checked; the
    common word (integer ms or numbers of ticks in range, a float confidence) on a fast path."""
    words: list[Word] = []
    append = words.append
    head = raw[0] if raw and type(raw[0]) is dict else {}
    shape = (text_key, *head)
    known = _SHAPES.get(shape)
    if known is None:
        known = _shape(head, text_key)
        if len(_SHAPES) < 64:
            _SHAPES[shape] = known
    offset_key, duration_key, unit, confidence_key, scored, size = known
    in_ms = unit == 1.0
    for item in raw:
        try:
            if len(item) == size and (text := item[text_key].strip()):
                start = item[offset_key]
                length = item[duration_key]
                confidence = item[confidence_key] if scored else None
                if type(start) is int and type(length) is int and 0 <= start <= MAX_MS and 0 <= length <= MAX_MS \
                        and (confidence is None or type(confidence) is float and 0.0 <= confidence <= 1.0):
                    append(Word(text, start, start + length, confidence))
                    continue
        except (TypeError, KeyError, AttributeError):
            pass
        if type(item) is dict:
            text = item.get(text_key)
            start = item.get(offset_key)
            length = item.get(duration_key)
            start_ms = -1
            if in_ms and type(start) is int and type(length) is int:
                if 0 <= start <= MAX_MS and 0 <= length <= MAX_MS:
                    start_ms, end_ms = start, start + length
            elif (type(start) is float or type(start) is int) and (type(length) is float or type(length) is int) \
                    and 0 <= start * unit <= MAX_MS and 0 <= length * unit <= MAX_MS:
                start_ms = floor(start * unit + 0.5)
                end_ms = start_ms + floor(length * unit + 0.5)
            if start_ms >= 0 and type(text) is str:
                text = text.strip()
                if text:
                    confidence = item.get(confidence_key)
                    if confidence is not None and not (type(confidence) is float and 0.0 <= confidence <= 1.0):
                        confidence = unit_confidence(confidence)
                    append(Word(text, start_ms, end_ms, confidence))
                continue
        here = f"{where}, word {first + next(w for w, each in enumerate(raw) if each is item)}"
        if type(item) is not dict:
            raise ReadError(f"{here}: expected an object, found {json_kind(item)}")
        text = item.get(text_key)
        if type(text) is not str:
            raise ReadError(f"{here}: {text_key} must be a string, found {json_kind(text)}")
        span = _span(item, here)
        if span is None:
            raise ReadError(f"{here}: the word has no offset")
        text = text.strip()
        if text:
            append(Word(text, span[0], span[1], unit_confidence(item.get("confidence", item.get("Confidence")))))
    return words


def _phrase_words(phrase: dict[str, Any], where: str) -> list[Word]:
    """A phrase's display words with their times."""
    nbest = phrase["nBest"] if "nBest" in phrase else phrase.get("NBest")
    if nbest is not None:
        if type(nbest) is not list:
            raise ReadError(f"{where}: nBest must be a list, found {json_kind(nbest)}")
        if not nbest:
            return []
        best = nbest[0]
        if type(best) is not dict:
            raise ReadError(f"{where}, nBest 1: expected an object, found {json_kind(best)}")
        display = best.get("display", best.get("Display"))
        if display is None:  # no display form asked for: the inverse-normalised or lexical one
            display = next((best[key] for key in ("itn", "ITN", "lexical", "Lexical") if best.get(key) is not None),
                           None)
        display_words = best.get("displayWords")
        lexical = best.get("words", best.get("Words"))
    else:
        best = phrase
        display = phrase["text"] if "text" in phrase else phrase.get("DisplayText")
        display_words = None
        lexical = phrase.get("words")
    if display is None:
        return []
    if type(display) is not str:
        raise ReadError(f"{where}: the display text must be a string, found {json_kind(display)}")
    if display_words:
        if type(display_words) is not list:
            raise ReadError(f"{where}: displayWords must be a list, found {json_kind(display_words)}")
        return _lexical_words(display_words, where, "displayText")
    if lexical is not None and type(lexical) is not list:
        raise ReadError(f"{where}: words must be a list or null, found {json_kind(lexical)}")
    if nbest is None and lexical:  # fast transcription: the words are the display words
        return _lexical_words(lexical, where, "text")
    span = _span(phrase, where)
    texts = display.split()
    if lexical:
        key = "word" if type(lexical[0]) is dict and "word" in lexical[0] else "Word"
        return _aligned(texts, _lexical_words(lexical, where, key))
    if span is None:
        raise ReadError(f"{where}: a phrase without words needs an offset")
    confidence = best.get("confidence", best.get("Confidence"))
    return spread(display, span[0], span[1], unit_confidence(confidence) or None)


def _phrases(obj: Any) -> tuple[list[Any], str]:
    """The phrase list of any of the shapes, and what a phrase is called in messages."""
    if isinstance(obj, list):
        return obj, "result"
    if not isinstance(obj, dict):
        raise ReadError(f"expected an Azure Speech result, found {json_kind(obj)}")
    for key, name in (("recognizedPhrases", "phrase"), ("phrases", "phrase")):
        if key in obj:
            phrases = obj[key]
            if not isinstance(phrases, list):
                raise ReadError(f"{key} must be a list, found {json_kind(phrases)}")
            return phrases, name
    return [obj], "result"


def _speaker(key: Any) -> str | None:
    """A phrase's speaker id; "Unknown" (the SDK's word for a voice it could not attribute) is none."""
    spk = speaker_id(key)
    return None if type(spk) is str and spk.lower() == "unknown" else spk


def read_json(obj: Any, *, channel: int | None = None) -> Transcript:
    phrases, name = _phrases(obj)
    channels: dict[int | None, Channel] = {}
    language = None
    names: dict[Any, str | None] = {}
    for p, phrase in enumerate(phrases, 1):
        where = f"{name} {p}"
        if type(phrase) is not dict:
            raise ReadError(f"{where}: expected an object, found {json_kind(phrase)}")
        status = phrase["recognitionStatus"] if "recognitionStatus" in phrase else phrase.get("RecognitionStatus")
        if status is not None and status != "Success":
            continue
        number = phrase["channel"] if "channel" in phrase else phrase.get("Channel")
        if number is None:
            number = 0
        elif not (type(number) is int and 0 <= number <= MAX_MS):
            if type(number) is str and number.isdigit() and len(number) < 10:
                number = int(number)
            else:
                raise ReadError(f"{where}: channel must be a whole number, found {json_kind(number)}")
        key = phrase["speaker"] if "speaker" in phrase else phrase.get("SpeakerId")
        if type(key) is int or type(key) is str or key is None:
            spk = names[key] if key in names else names.setdefault(key, _speaker(key))
        else:
            spk = _speaker(key)
        if language is None:
            language = language_tag(phrase["locale"] if "locale" in phrase else phrase.get("Locale"))
        words = _phrase_words(phrase, where)
        target = channels.get(number)
        if target is None:
            target = channels[number] = ([], [])
        if words:
            target[0].extend([spk] * len(words))
            target[1].extend(words)
    if not channels:
        channels[0] = ([], [])
    segments, speakers = channel_turns(channels, channel)
    extra: dict[str, Any] = {}
    if isinstance(obj, dict):
        for key in ("source", "timestamp", "durationMilliseconds", "durationInTicks", "durationTicks"):
            if key in obj and isinstance(obj[key], (str, int, float)) and not isinstance(obj[key], bool):
                extra[key] = obj[key]
    return Transcript(segments=segments, speakers=speakers,
                      metadata=Metadata(language=language, source=NAME, extra=extra))
