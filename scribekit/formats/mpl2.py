"""MPL2 (``[start][end]text`` in tenths of a second), read and written by pysubs2."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Cue, Transcript
from . import _pysubs2, describe

FORMAT = describe(__name__, name="mpl2", title="MPL2 (via pysubs2)", extensions=("mpl",), kind="subtitle",
                  priority=220)


def sniff(text: str) -> bool:
    return _pysubs2.sniff(text, "mpl2")


def read(text: str) -> Transcript:
    return _pysubs2.read(text, "mpl2")


@dataclass(frozen=True)
class Options:
    """No writer options."""


def write_cues(cues: list[Cue], transcript: Transcript, options: Options | None = None) -> str:
    return _pysubs2.write_cues(cues, transcript, "mpl2")
