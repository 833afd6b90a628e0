"""Advanced SubStation Alpha (.ass), read and written by pysubs2: styles kept by name, override
blocks for italics, bold and underline."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Cue, Transcript
from . import _pysubs2, describe

FORMAT = describe(__name__, name="ass", title="Advanced SubStation Alpha (via pysubs2)", extensions=("ass",),
                  kind="subtitle", priority=170)


def sniff(text: str) -> bool:
    return _pysubs2.sniff(text, "ass")


def read(text: str) -> Transcript:
    return _pysubs2.read(text, "ass")


@dataclass(frozen=True)
class Options:
    """No writer options."""


def write_cues(cues: list[Cue], transcript: Transcript, options: Options | None = None) -> str:
    return _pysubs2.write_cues(cues, transcript, "ass")
