"""What the readers of speech-recognition JSON share: language tags, confidences and speaker ids
as the model wants them, whatever shape each service gives them in; checked word times; words of
several channels merged in time order; speaker turns with readable names."""
from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from itertools import groupby
from math import floor
from typing import Any

from ..errors import ReadError, warn
from ..model import Segment, Speaker, Word
from ..timecode import MAX_MS, checked_ms, seconds_to_ms
from ..transforms import sounds_apart
from ._json import is_number, json_kind

# Language names and three-letter codes (ISO 639-2/T and /B) that recognisers write, by two-letter code.
_LANGUAGES = {
    "af": ("afrikaans", "afr"), "ar": ("arabic", "ara"), "bg": ("bulgarian", "bul"), "bn": ("bengali", "ben"),
    "ca": ("catalan", "cat"), "cs": ("czech", "ces", "cze"), "cy": ("welsh", "cym", "wel"), "da": ("danish", "dan"),
    "de": ("german", "deu", "ger"), "el": ("greek", "ell", "gre"), "en": ("english", "eng"),
    "es": ("spanish", "castilian", "spa"), "et": ("estonian", "est"), "eu": ("basque", "eus", "baq"),
    "fa": ("persian", "farsi", "fas", "per"), "fi": ("finnish", "fin"), "fr": ("french", "fra", "fre"),
    "ga": ("irish", "gle"), "gl": ("galician", "glg"), "gu": ("gujarati", "guj"), "he": ("hebrew", "heb"),
    "hi": ("hindi", "hin"), "hr": ("croatian", "hrv"), "hu": ("hungarian", "hun"), "hy": ("armenian", "hye", "arm"),
    "id": ("indonesian", "ind"), "is": ("icelandic", "isl", "ice"), "it": ("italian", "ita"),
    "ja": ("japanese", "jpn"), "ka": ("georgian", "kat", "geo"), "kk": ("kazakh", "kaz"), "kn": ("kannada", "kan"),
    "ko": ("korean", "kor"), "lt": ("lithuanian", "lit"), "lv": ("latvian", "lav"), "mk": ("macedonian", "mkd", "mac"),
    "ml": ("malayalam", "mal"), "mr": ("marathi", "mar"), "ms": ("malay", "msa", "may"), "mt": ("maltese", "mlt"),
    "nb": ("norwegian bokmal", "norwegian bokmål", "nob"), "nl": ("dutch", "flemish", "nld", "dut"),
    "nn": ("norwegian nynorsk", "nno"), "no": ("norwegian", "nor"), "pa": ("punjabi", "panjabi", "pan"),
    "pl": ("polish", "pol"), "pt": ("portuguese", "por"), "ro": ("romanian", "moldavian", "ron", "rum"),
    "ru": ("russian", "rus"), "sk": ("slovak", "slk", "slo"), "sl": ("slovenian", "slv"),
    "sq": ("albanian", "sqi", "alb"),
    "sr": ("serbian", "srp"), "sv": ("swedish", "swe"), "sw": ("swahili", "swa"), "ta": ("tamil", "tam"),
    "te": ("telugu", "tel"), "th": ("thai", "tha"), "tl": ("tagalog", "filipino", "tgl", "fil"),
    "tr": ("turkish", "tur"), "uk": ("ukrainian", "ukr"), "ur": ("urdu", "urd"), "vi": ("vietnamese", "vie"),
    "yue": ("cantonese",), "zh": ("chinese", "mandarin", "zho", "chi", "cmn"),
}
_BY_NAME = {alias: code for code, aliases in _LANGUAGES.items() for alias in aliases}
_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*\Z")
_NUMBERED = re.compile(r"(?:speaker|spk)?[_ ]?([0-9]+|[A-Z])\Z", re.IGNORECASE)
_MAX_SECONDS = MAX_MS // 1000
# A word being read: text, start and end in ms (None when the file gives none), confidence, speaker.
RawWord = tuple[str, "int | None", "int | None", "float | None", "str | None"]


def language_tag(value: Any) -> str | None:
    """A BCP 47 tag from what a recogniser writes: ``"english"`` -> ``en``, ``"eng"`` -> ``en``,
    ``"en_us"`` -> ``en-US``, ``"pt-BR"`` stays; None for nothing usable."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    known = _BY_NAME.get(text.lower())
    if known:
        return known
    if not _TAG.match(text):
        return None
    first, *rest = re.split("[-_]", text)
    first = _BY_NAME.get(first.lower(), first.lower())
    parts = [first] + [part.upper() if len(part) == 2 else part.title() if len(part) == 4 else part
                       for part in rest]
    return "-".join(parts)


def unit_confidence(value: Any, *, log: bool = False) -> float | None:
    """A confidence in 0..1, clamped (None when absent or not a finite number); ``log``: a
    log-probability, turned into a probability through exp."""
    if not is_number(value):
        return None
    number = float(value)
    if log:
        return math.exp(min(number, 0.0))
    return min(max(number, 0.0), 1.0)


def speaker_id(value: Any) -> str | None:
    """A speaker id as the model keeps them (a string), from ``"A"``, ``"spk_0"``, ``0`` or ``None``."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, str)):
        text = str(value).strip()
        return text or None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return None


def plain_seconds(start: Any, end: Any) -> tuple[int, int] | None:
    """The common case, fast: both times numbers of seconds, 0 <= start <= end within range; in
    ms (rounded as ``seconds_to_ms`` rounds). None for anything else (``word_times`` says why)."""
    kind, other = type(start), type(end)
    if (kind is float or kind is int) and (other is float or other is int) and 0 <= start <= end <= _MAX_SECONDS:
        return floor(start * 1000.0 + 0.5), floor(end * 1000.0 + 0.5)  # floor: int's result, at half its cost
    return None


def plain_ms(start: Any, end: Any) -> tuple[int, int] | None:
    """``plain_seconds`` for times in integer ms."""
    if type(start) is int and type(end) is int and 0 <= start <= end <= MAX_MS:
        return start, end
    return None


def plain_confidence(value: Any) -> float | None:
    """A confidence already in 0..1 as a float, else None (``unit_confidence`` handles the rest)."""
    return value if type(value) is float and 0.0 <= value <= 1.0 else None


def word_times(start: Any, end: Any, where: str, *, ms: bool = False) -> tuple[int, int]:
    """A word's start and end in ms, from seconds (or ms), checked (``checked_times``); an end
    before the start is set to the start with a warning."""
    first, last = checked_times(start, end, where, ms=ms)
    if last < first:
        warn(f"{where}: ends before it starts; its end was set to its start")
        last = first
    return first, last


def speaker_name(spk: str) -> str:
    """A readable name for a provider's speaker id: "0" and "speaker_0" -> "Speaker 0", "A" -> "Speaker A"."""
    match = _NUMBERED.match(spk)
    return f"Speaker {match.group(1)}" if match else spk


SOUND_OPENERS = "([♪♫"
"""What a non-speech tag starts with (a reader that sees no word start so can skip ``split_sounds``)."""
_SOUND_CLOSERS = {"(": ")", "[": "]"}
_LONGEST_SOUND_TAG = 8  # words in one bracketed tag such as "(audience laughs and applauds)"


def _may_hold_sounds(segments: list[Segment]) -> bool:
    """False when no word of ``segments`` is a sound nor starts as a tag does: the common case, told
    for less than looking at each word costs (the texts joined, searched for a line starting with
    an opener), once for the whole transcript."""
    # a word marked already stands for "(" (an opener): one pass over the words
    joined = "\n" + "\n".join([word.text if not word.sound else "(" for segment in segments for word in segment.words])
    return "\n(" in joined or "\n[" in joined or "\n♪" in joined or "\n♫" in joined  # SOUND_OPENERS


def _mark_sounds(words: list[Word]) -> bool:
    """Mark the words of non-speech tags as sound: a bracketed run of at most a few words with a
    letter in it ("(laughter)", "[upbeat music]") and music notes on their own ("♪"). True when
    a word of ``words`` is (or already was) a sound."""
    found = False
    n = len(words)
    i = 0
    while i < n:
        word = words[i]
        text = word.text
        if word.sound:
            found = True
        elif text and text[0] in SOUND_OPENERS:
            opener = text[0]
            closer = _SOUND_CLOSERS.get(opener)
            if closer is None:
                if not text.strip("♪♫ .,!?-"):
                    word.sound = found = True
            else:
                for j in range(i, min(n, i + _LONGEST_SOUND_TAG)):
                    piece = words[j].text
                    if j > i and piece.startswith(opener):
                        break  # another tag opens before this one closed: not a tag
                    tail = piece.rstrip(".,!?;:")
                    if tail.endswith(closer) and (j > i or len(tail) > 1):
                        run = words[i:j + 1]
                        if any(ch.isalpha() for w in run for ch in w.text):
                            for w in run:
                                w.sound = True
                            found = True
                            i = j
                        break
        i += 1
    return found


def mark_sound_tags(segments: list[Segment]) -> None:
    """Mark the words of non-speech tags ("(Applause)", "[music]") as sound (``Word.sound``), in place,
    for a reader whose format keeps turns as the provider made them: a subtitle writer gives them
    cues of their own (``transforms.sounds_apart``), and ``sound_events=False`` leaves them out."""
    if _may_hold_sounds(segments):
        for segment in segments:
            _mark_sounds(segment.words)


def split_sounds(segments: list[Segment]) -> list[Segment]:
    """Non-speech tags marked as sound (see ``Word.sound``), each run of them in a segment of its
    own (same speaker), so that no cue mixes them with speech."""
    mark_sound_tags(segments)
    return sounds_apart(segments)


def turns(words: Iterable[tuple[str | None, Word]], *, sounds: bool = True) -> tuple[list[Segment], list[Speaker]]:
    """Speaker turns from words in order, each with its speaker id, and the speakers in order of
    first appearance; non-speech tags in turns of their own (``split_sounds``) unless ``sounds`` is
    false (a service whose bracketed words are speech, such as AWS's redacted "[PII]")."""
    segments: list[Segment] = []
    speaker: object = segments  # no speaker id is this list: the first word starts a turn
    add: Any = None  # the current turn's words.append
    for spk, word in words:
        if spk != speaker:
            current = Segment(spk, [])
            segments.append(current)
            add = current.words.append
            speaker = spk
        add(word)
    return split_sounds(segments) if sounds else segments, speakers_in(segments)


def speaker_turns(speaker_ids: list[str | None], words: list[Word]) -> tuple[list[Segment], list[Speaker]]:
    """``turns`` of words whose speaker ids are in a list beside them, cut where the id changes
    without a step a word in Python (the words of one speaker alone, the common file, make one
    turn without a copy)."""
    if len(speaker_ids) != len(words):
        return turns(zip(speaker_ids, words))
    segments: list[Segment] = []
    i = 0
    for spk, run in groupby(speaker_ids):
        j = i + len(list(run))
        segments.append(Segment(spk, words if j - i == len(words) else words[i:j]))
        i = j
    return split_sounds(segments), speakers_in(segments)


def merge_channels(channels: list[list[tuple[str | None, Word]]]) -> list[tuple[str | None, Word]]:
    """Words of several channels in one list, in time order (stable: ties keep channel order)."""
    if len(channels) == 1:
        return channels[0]
    merged = [item for channel in channels for item in channel]
    merged.sort(key=lambda item: (item[1].start, item[1].end))
    return merged


def speakers_in(segments: list[Segment]) -> list[Speaker]:
    """The speakers of ``segments`` in order of first appearance, with readable names."""
    seen: dict[str, Speaker] = {}
    for segment in segments:
        spk = segment.speaker
        if spk is not None and spk not in seen:
            seen[spk] = Speaker(spk, speaker_name(spk))
    return list(seen.values())


def timed_turns(groups: Sequence[list[RawWord] | tuple[str | None, list[Word]]], *,
                sounds: bool = True) -> list[Segment]:
    """Speaker turns from groups of words with their times filled in (Whisper's segments): a speaker
    change starts a turn, and without speakers so does each group; a word ending before it starts
    ends there, with one warning; non-speech tags in turns of their own (``split_sounds``). A group
    may also be a speaker id and its words built already (none ending before it starts): they join
    the turns whole, without a pass over them (their list becomes a turn's, extended in place).
    ``sounds`` false: the caller knows that no word is or opens a tag (none starts with "(", "[",
    "♪" or "♫"), and the look for them is skipped."""
    segments: list[Segment] = []
    backwards = 0
    last: object = segments  # the speaker of the last turn; no speaker id is this list
    add: Any = None  # the last turn's words.append
    current: Segment | None = None
    for group in groups:
        if isinstance(group, tuple):
            speaker, built = group
            if not built:
                continue
            if current is None or speaker != last or speaker is None:
                current = Segment(speaker, built)
                segments.append(current)
                add = built.append
                last = speaker
            else:
                current.words.extend(built)
            continue
        fresh = True  # without speakers, each Whisper segment starts a segment
        for text, start, end, confidence, speaker in group:
            assert start is not None and end is not None
            if end < start:
                backwards += 1
                end = start
            if speaker != last or (fresh and speaker is None):
                current = Segment(speaker, [])
                segments.append(current)
                add = current.words.append
                last = speaker
            add(Word(text, start, end, confidence))
            fresh = False
    warn_backwards(backwards)
    return split_sounds(segments) if sounds else segments


def grouped_turns(groups: list[tuple[str | None, list[Word]]], *,
                  sounds: bool = True) -> tuple[list[Segment], list[Speaker]]:
    """Speaker turns from groups of words that the file makes (paragraphs, utterances, diarisation
    ranges), each with its speaker id: a turn per group that has words; the speakers in order of
    first appearance; non-speech tags in turns of their own (``split_sounds``) unless ``sounds`` is
    false (a transcript corrected by hand, whose brackets are the editor's insertions)."""
    segments = [Segment(spk, words) for spk, words in groups if words]
    return split_sounds(segments) if sounds else segments, speakers_in(segments)


def range_groups(words: list[Word], ranges: list[tuple[int, int, str | None]]) -> list[tuple[str | None, list[Word]]]:
    """Words (in file order) grouped by the time range each belongs to, with that range's speaker:
    for speakers given as ranges apart from the words (BBC Kaldi's segmentation, digital-paper-edit's
    paragraphs). ``ranges`` are (start, end in ms, speaker id), sorted by start; without ranges the
    words make one group without a speaker.

    One pass over both lists, not a search per word: a word stays in the current range while it fits
    inside it, or moves on to the next range that has started by the word's start; a word in a gap
    goes to the nearer range, one across a boundary to the range holding more of it. Ranges that
    overlap (paragraphs of words whose times overlap) are told apart by which holds the whole word."""
    n = len(ranges)
    if not n:
        return [(None, words)] if words else []
    p = 0
    start_p, end_p, spk = ranges[0]
    current: list[Word] = []
    groups: list[tuple[str | None, list[Word]]] = [(spk, current)]
    for word in words:
        start, end = word.start, word.end
        if start_p <= start and end <= end_p:
            current.append(word)  # the common case: the word inside the current range
            continue
        was = p
        while p + 1 < n and ranges[p + 1][0] <= start and not (start_p <= start and end <= end_p):
            p += 1
            start_p, end_p, spk = ranges[p]
        if not (start_p <= start and end <= end_p) and p + 1 < n:
            next_start, next_end, next_spk = ranges[p + 1]
            if start >= end_p or end <= start_p:
                # outside the current range: before the first one, or in a gap before the next
                gap = start_p - end if end <= start_p else start - end_p
                closer = next_start - end < gap
            else:
                # across the current range's end
                closer = min(end, next_end) - max(start, next_start) > min(end, end_p) - max(start, start_p)
            if closer:
                p += 1
                start_p, end_p, spk = next_start, next_end, next_spk
        if p != was:
            current = []
            groups.append((spk, current))
        current.append(word)
    return groups


def checked_times(start: Any, end: Any, where: str, *, ms: bool = False) -> tuple[int, int]:
    """A word's start and end in ms, from seconds (or ms), checked; an end before the start is
    left for the caller (``word_times`` repairs it at once; a reader counting them warns of them
    once, ``warn_backwards``)."""
    times = []
    for value, what in ((start, "start"), (end, "end")):
        if not is_number(value):
            raise ReadError(f"{where}: {what} must be a number of {'ms' if ms else 'seconds'}, "
                            f"found {json_kind(value)}")
        try:
            times.append(checked_ms(round(value), what) if ms else seconds_to_ms(value, what))
        except ReadError as exc:
            raise ReadError(f"{where}: {exc.message}", hint=exc.hint) from None
    return times[0], times[1]


def warn_backwards(count: int) -> None:
    """One warning for the words whose end a reader set to their start."""
    if count:
        warn(f"{count} word(s) ended before they started; their ends were set to their starts")
