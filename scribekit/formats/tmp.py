"""TMP (``hh:mm:ss:text``), read and written by pysubs2."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Cue, Transcript
from . import _pysubs2, describe

FORMAT = describe(__name__, name="tmp", title="TMP (via pysubs2)", extensions=("tmp",), kind="subtitle", priority=230)


def sniff(text: str) -> bool:
    return _pysubs2.sniff(text, "tmp")


def read(text: str) -> Transcript:
    return _pysubs2.read(text, "tmp")


@dataclass(frozen=True)
class Options:
    """No writer options."""


def write_cues(cues: list[Cue], transcript: Transcript, options: Options | None = None) -> str:
    return _pysubs2.write_cues(cues, transcript, "tmp")
