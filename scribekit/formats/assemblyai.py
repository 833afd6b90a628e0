"""AssemblyAI transcripts (``/v2/transcript`` responses), read.

Words come from the top-level ``words``: ``text`` with its punctuation, ``start``/``end`` in
integer ms, ``confidence``, ``speaker`` ("A", "B", ... or null) and, for multichannel audio,
``channel`` ("1", "2": each channel one speaker when there are no speaker labels; ``channel=N``
reads channel N alone, numbered as the file numbers them). ``utterances`` (null, or
the same words again per speaker turn) is read only when ``words`` is missing. ``language_code``
("en_us") becomes a BCP 47 tag (en-US).
"""
from __future__ import annotations

from typing import Any

from ..errors import ReadError
from ..model import Metadata, Transcript, Word
from ..timecode import MAX_MS
from . import describe
from ._asr import language_tag, speaker_id, speaker_turns, turns, unit_confidence, word_times
from ._channels import missing_channel
from ._json import is_number, json_kind

FORMAT = describe(__name__, name="assemblyai", title="AssemblyAI transcript JSON", extensions=("json",),
                  kind="data", aliases=("assembly-ai",), priority=330)

NAME = "assemblyai"

_MARKS = ("audio_url", "acoustic_model", "language_model", "speech_model", "speaker_labels", "audio_duration")


def sniff_json(obj: Any) -> bool:
    if not isinstance(obj, dict) or "scribekit" in obj or "segments" in obj or "transcription_id" in obj:
        return False
    words = obj.get("words")
    if "words" not in obj or not (words is None or isinstance(words, list)):
        return False
    if isinstance(words, list) and words:
        first = words[0]
        if not (isinstance(first, dict) and isinstance(first.get("text"), str)
                and is_number(first.get("start")) and "type" not in first):
            return False
    return "utterances" in obj and sum(key in obj for key in _MARKS) >= 1


def _number(raw_words: list[Any], raw: Any) -> int:
    """Where ``raw`` is in ``raw_words``, counted from 1 (for a message: the loop does not count)."""
    return next(w for w, item in enumerate(raw_words, 1) if item is raw)


def _words(raw_words: list[Any], where: str, only: str | None = None) -> tuple[list[str | None], list[Word]]:
    """The words read, and each one's speaker id in a list of their own (cheaper than a pair a
    word); ``only``: those of that channel alone, with no "channel N" speaker."""
    speakers: list[str | None] = []
    words: list[Word] = []
    append = words.append
    add_speaker = speakers.append
    names: dict[Any, str | None] = {}
    for raw in raw_words:
        if type(raw) is not dict:
            raise ReadError(f"{where}word {_number(raw_words, raw)}: expected an object, found {json_kind(raw)}")
        if only is not None and speaker_id(raw.get("channel")) != only:
            continue
        text = raw.get("text")
        if type(text) is not str:
            raise ReadError(f"{where}word {_number(raw_words, raw)}: text must be a string, found {json_kind(text)}")
        start, end = raw.get("start"), raw.get("end")
        if not (type(start) is int and type(end) is int and 0 <= start <= end <= MAX_MS):  # else the common case
            start, end = word_times(start, end, f"{where}word {_number(raw_words, raw)}", ms=True)
        text = text.strip()
        if not text:
            continue
        key = raw.get("speaker")
        if type(key) is str and key in names:
            spk = names[key]
        else:
            spk = speaker_id(key)
            if spk is None and only is None:
                channel = speaker_id(raw.get("channel"))
                spk = None if channel is None else f"channel {channel}"
            elif type(key) is str:
                names[key] = spk
        confidence = raw.get("confidence")
        if not (type(confidence) is float and 0.0 <= confidence <= 1.0):
            # an integer 0 or 1 is common (1 for a sure word): taken without the call
            confidence = float(confidence) if type(confidence) is int and 0 <= confidence <= 1 \
                else unit_confidence(confidence)
        append(Word(text, start, end, confidence))
        add_speaker(spk)
    return speakers, words


def _only(channel: int | None, word_lists: list[list[Any]]) -> str | None:
    """``channel`` as the words name it ("2"), checked against the channels the words have."""
    if channel is None:
        return None
    present = {speaker_id(raw.get("channel")) for words in word_lists for raw in words if type(raw) is dict}
    numbers = sorted((n for n in present if n is not None), key=lambda n: (len(n), n))
    if str(channel) not in numbers:
        raise missing_channel(channel, numbers)
    return str(channel)


def read_json(obj: Any, *, channel: int | None = None) -> Transcript:
    """The transcript's words; ``channel``: only those of that channel (as ``channel`` names it: "1",
    "2"), speakers unprefixed."""
    if not isinstance(obj, dict):
        raise ReadError(f"expected an AssemblyAI transcript object, found {json_kind(obj)}")
    raw_words = obj.get("words")
    if raw_words is None:
        utterances = obj.get("utterances")
        if utterances is None:
            raw_words = []
        elif not isinstance(utterances, list):
            raise ReadError(f"utterances must be a list or null, found {json_kind(utterances)}")
        else:
            for u, utterance in enumerate(utterances, 1):
                if not isinstance(utterance, dict) or not isinstance(utterance.get("words"), list):
                    raise ReadError(f"utterance {u}: expected an object with a list of words")
            only = _only(channel, [utterance["words"] for utterance in utterances])
            speakers: list[str | None] = []
            words: list[Word] = []
            for u, utterance in enumerate(utterances, 1):
                spks, read = _words(utterance["words"], f"utterance {u}, ", only)
                speakers += spks
                words += read
            return _transcript(obj, speakers, words)
    if not isinstance(raw_words, list):
        raise ReadError(f"words must be a list or null, found {json_kind(raw_words)}")
    return _transcript(obj, *_words(raw_words, "", _only(channel, [raw_words])))


def _transcript(obj: dict[str, Any], speaker_ids: list[str | None], words: list[Word]) -> Transcript:
    if any(spk is not None and spk.startswith("channel ") for spk in set(speaker_ids)):
        segments, speakers = turns(sorted(zip(speaker_ids, words), key=lambda item: (item[1].start, item[1].end)))
    else:
        segments, speakers = speaker_turns(speaker_ids, words)
    extra: dict[str, Any] = {key: obj[key] for key in ("id", "audio_duration", "speech_model") if key in obj}
    return Transcript(segments=segments, speakers=speakers,
                      metadata=Metadata(language=language_tag(obj.get("language_code")), source=NAME, extra=extra))
