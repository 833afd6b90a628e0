"""What the cloud recognisers' readers (Deepgram, AssemblyAI, ElevenLabs) share: checked word
times, words of several channels merged in time order, and speaker turns with readable names."""
from __future__ import annotations

import re
from typing import Any

from ..errors import ReadError, warn
from ..model import Segment, Speaker, Word
from ..timecode import MAX_MS, checked_ms, seconds_to_ms
from ._json import is_number, json_kind

_NUMBERED = re.compile(r"(?:speaker|spk)?[_ ]?([0-9]+|[A-Z])\Z", re.IGNORECASE)
_MAX_SECONDS = MAX_MS // 1000


def plain_seconds(start: Any, end: Any) -> tuple[int, int] | None:
    """The common case, fast: both times numbers of seconds, 0 <= start <= end within range; in
    ms (rounded as ``seconds_to_ms`` rounds). None for anything else (``word_times`` says why)."""
    kind, other = type(start), type(end)
    if (kind is float or kind is int) and (other is float or other is int) and 0 <= start <= end <= _MAX_SECONDS:
        return int(start * 1000.0 + 0.5), int(end * 1000.0 + 0.5)
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
    """A word's start and end in ms, from seconds (or ms), checked; an end before the start is
    set to the start with a warning."""
    times = []
    for value, what in ((start, "start"), (end, "end")):
        if not is_number(value):
            raise ReadError(f"{where}: {what} must be a number of {'ms' if ms else 'seconds'}, "
                            f"found {json_kind(value)}")
        try:
            if ms:
                times.append(checked_ms(round(value), what))
            else:
                times.append(seconds_to_ms(value, what))
        except ReadError as exc:
            raise ReadError(f"{where}: {exc.message}", hint=exc.hint) from None
    first, last = times
    if last < first:
        warn(f"{where}: ends before it starts; its end was set to its start")
        last = first
    return first, last


def speaker_name(spk: str) -> str:
    """A readable name for a provider's speaker id: "0" and "speaker_0" -> "Speaker 0", "A" -> "Speaker A"."""
    match = _NUMBERED.match(spk)
    return f"Speaker {match.group(1)}" if match else spk


def turns(words: list[tuple[str | None, Word]]) -> tuple[list[Segment], list[Speaker]]:
    """Speaker turns from words in order, each with its speaker id, and the speakers in order of
    first appearance."""
    segments: list[Segment] = []
    seen: dict[str, Speaker] = {}
    current: Segment | None = None
    for spk, word in words:
        if current is None or spk != current.speaker:
            current = Segment(spk, [])
            segments.append(current)
            if spk is not None and spk not in seen:
                seen[spk] = Speaker(spk, speaker_name(spk))
        current.words.append(word)
    return segments, list(seen.values())


def merge_channels(channels: list[list[tuple[str | None, Word]]]) -> list[tuple[str | None, Word]]:
    """Words of several channels in one list, in time order (stable: ties keep channel order)."""
    if len(channels) == 1:
        return channels[0]
    merged = [item for channel in channels for item in channel]
    merged.sort(key=lambda item: (item[1].start, item[1].end))
    return merged
