"""The ``channel`` keyword of the readers of files with several channels (speech-recognition JSON).

The convention: ``read_json(obj, *, channel=None)``. None reads every channel, merged in time
order (``_asr.merge_channels``), each channel one speaker "channel N" without diarisation, else
speaker ids prefixed "N-". An int reads that channel alone, numbered as the service numbers it,
its speakers unprefixed; a channel the file does not have is ``missing_channel``'s ReadError.
The registry (``formats.read_all``) passes ``channel`` only to readers whose ``read_json`` takes it.
"""
from __future__ import annotations

from collections.abc import Iterable

from ..errors import ReadError


def channel_list(numbers: Iterable[object]) -> str:
    """``"channels 0, 1"``, ``"one channel, 0"`` or ``"no channels"``."""
    shown = [str(number) for number in numbers]
    if not shown:
        return "no channels"
    if len(shown) == 1:
        return f"one channel, {shown[0]}"
    if len(shown) > 20:
        return f"channels {', '.join(shown[:20])} and {len(shown) - 20} more"
    return "channels " + ", ".join(shown)


def missing_channel(channel: int, numbers: Iterable[object]) -> ReadError:
    """The error for a channel the file does not have: "no channel 3: the file has channels 0, 1"."""
    return ReadError(f"no channel {channel}: the file has {channel_list(numbers)}")
