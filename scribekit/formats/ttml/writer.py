"""Writing TTML documents (placeholder: pysubs2, until the writer of its own lands)."""
from __future__ import annotations

from dataclasses import dataclass

from ...model import Cue, Transcript
from .. import _pysubs2


@dataclass(frozen=True)
class Options:
    """No writer options."""


def write_cues(cues: list[Cue], transcript: Transcript, options: Options | None = None) -> str:
    return _pysubs2.write_cues(cues, transcript, "ttml")
