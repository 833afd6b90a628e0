"""What the Google, Speechmatics and Azure readers share: a channel's words chosen or all
channels' words merged (the plan's multichannel convention), text shared out over a time span
by characters, and duration strings ("1.300s", "PT2.18S") read as ms."""
from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any

from ..errors import ReadError
from ..model import Cue, Segment, Speaker, Word
from ..segmentation.cues_to_words import cue_words
from ..timecode import MAX_MS
from ._asr import merge_channels, speaker_turns, turns
from ._channels import missing_channel
from ._json import json_kind

Tagged = tuple["str | None", Word]
"""A word with the speaker id the service gave it (None: no diarisation)."""
Channel = tuple[list["str | None"], list[Word]]
"""A channel's words and, in a list beside them, each word's speaker id (cheaper than pairs)."""
_ISO = re.compile(r"-?P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?\Z")


def channels_words(channels: dict[Any, Channel], channel: int | None) -> Iterable[Tagged]:
    """The words to read, each with its speaker id: with ``channel`` None every channel's, merged
    in time order (each channel one speaker "channel N" without diarisation, else its speakers
    prefixed "N-" when there are several channels); with an int only that channel's, speakers as
    given. ``channels`` maps the channel number as the service writes it (None: the file does not
    number its channels; a string: a channel named by the user, whose name is its speaker's)."""
    if channel is not None:
        if channel not in channels:
            numbered = sorted(c for c in channels if type(c) is int)
            if not numbered:
                raise ReadError(f"no channel {channel}: the file has one channel, not numbered"
                                if not channels or None in channels else
                                f"no channel {channel}: the file names its channels "
                                + ", ".join(str(c)[:24] for c in list(channels)[:20]))
            raise missing_channel(channel, numbered)
        return zip(*channels[channel])
    if len(channels) <= 1:
        return zip(*next(iter(channels.values()), ([], [])))
    named: list[list[Tagged]] = []
    for number, (speakers, words) in channels.items():
        label = number if type(number) is str else f"channel {'?' if number is None else number}"
        prefix = number if type(number) is str else "?" if number is None else str(number)
        named.append([(label if spk is None else f"{prefix}-{spk}", word) for spk, word in zip(speakers, words)])
    return merge_channels(named)


def channel_turns(channels: dict[Any, Channel], channel: int | None) -> tuple[list[Segment], list[Speaker]]:
    """``turns`` of ``channels_words``; the words of one channel (read alone or the only one) cut
    into turns where their speaker ids change, found without a step a word in Python."""
    tagged = channels_words(channels, channel)  # checks the channel asked for
    if channel is not None or len(channels) == 1:
        speakers, words = channels[channel if channel is not None else next(iter(channels))]
        if len(speakers) == len(words):
            return speaker_turns(speakers, words)
    return turns(tagged)


def spread(text: str, start: int, end: int, confidence: float | None = None) -> list[Word]:
    """``text``'s words (split on white space), each given a share of start..end by its length."""
    words = cue_words(Cue(start, max(start, end), [text]))
    if confidence is not None:
        for word in words:
            word.confidence = confidence
    return words


def duration_ms(value: Any, where: str, what: str) -> int:
    """A protobuf JSON duration ("1.300s", "4s"), an object {seconds, nanos} (seconds a string or a
    number, either left out when zero) or a plain number of seconds, in ms; 0 <= ms <= MAX_MS."""
    if type(value) is str:
        text = value.strip()
        if not text.endswith("s"):
            raise ReadError(f"{where}: {what} must be a duration such as \"1.5s\", found {_quote(value)}")
        try:
            seconds = float(text[:-1])
        except ValueError:
            raise ReadError(f"{where}: {what} must be a duration such as \"1.5s\", found {_quote(value)}") from None
        return _checked(seconds * 1000.0, where, what)
    if type(value) is dict:
        whole: Any = value.get("seconds", 0)
        nanos = value.get("nanos", 0)
        if type(whole) is str:
            try:
                whole = int(whole) if len(whole) <= 20 else None
            except ValueError:
                whole = None
        if type(whole) is not int or type(nanos) is not int or not -10**9 < nanos < 10**9:
            raise ReadError(f"{where}: {what} must be {{seconds, nanos}} with whole numbers, found "
                            f"seconds {json_kind(value.get('seconds'))} and nanos {json_kind(value.get('nanos'))}")
        _not_huge(whole, where, what)
        return _checked(whole * 1000 + nanos / 1e6, where, what)
    if type(value) is int:
        _not_huge(value, where, what)
    if (type(value) is int or type(value) is float) and math.isfinite(value):
        return _checked(value * 1000.0, where, what)
    raise ReadError(f"{where}: {what} must be a duration such as \"1.5s\", found {json_kind(value)}")


def iso_ms(value: Any, where: str, what: str) -> int:
    """An ISO 8601 duration ("PT2.18S", "PT1M3.5S") in ms."""
    match = _ISO.match(value) if type(value) is str and len(value) < 64 else None
    if match is None or value.startswith("-") or value in ("P", "PT"):
        raise ReadError(f"{where}: {what} must be an ISO 8601 duration such as \"PT1.5S\", found "
                        f"{_quote(value) if type(value) is str else json_kind(value)}")
    days, hours, minutes, seconds = (float(part) if part else 0.0 for part in match.groups())
    return _checked((((days * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000.0, where, what)


def _not_huge(value: int, where: str, what: str) -> None:
    """ReadError for an integer too large for a float (which would overflow converting it)."""
    if not -HUGE < value < HUGE:
        raise ReadError(f"{where}: {what} {'is negative' if value < 0 else 'is out of range'}")


HUGE = 10**20
"""Beyond any time, in any unit a service writes (MAX_MS is 10^16 ticks of 100 ns); an integer past
it is refused before arithmetic with floats, which would overflow for one of hundreds of digits."""


def _checked(ms: float, where: str, what: str) -> int:
    if not 0 <= ms <= MAX_MS:
        problem = "is not a number" if ms != ms else "is negative" if ms < 0 else "is out of range"
        raise ReadError(f"{where}: {what} {problem}")
    return int(ms + 0.5)


def _quote(text: str) -> str:
    return repr(text if len(text) <= 24 else text[:24] + "...")
