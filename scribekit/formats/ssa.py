"""SubStation Alpha (.ssa, version 4), read and written by pysubs2."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Cue, Transcript
from . import _pysubs2, describe

if TYPE_CHECKING:
    from ..changes import Change
    from ..retime import Retiming

FORMAT = describe(__name__, name="ssa", title="SubStation Alpha (via pysubs2)", extensions=("ssa",), kind="subtitle",
                  priority=180)


def sniff(text: str) -> bool:
    return _pysubs2.sniff(text, "ssa")


def read(text: str) -> Transcript:
    return _pysubs2.read(text, "ssa")


@dataclass(frozen=True)
class Options:
    """No writer options."""


def write_cues(cues: list[Cue], transcript: Transcript, options: Options | None = None) -> str:
    return _pysubs2.write_cues(cues, transcript, "ssa")


def retime_file(data: bytes, retiming: Retiming, *, cues: list[Cue] | None = None, encoding: str | None = None,
                fps: float | None = None) -> tuple[str, list[Change]]:
    """``data`` with only the times of its events changed (``retime.retime_subs``): script info,
    styles, comments and override tags stay byte for byte."""
    from ..retime import retime_subs
    from ..textio import decode

    return retime_subs(decode(data, encoding), "ssa", retiming)
