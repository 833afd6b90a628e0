"""Advanced SubStation Alpha (.ass), read and written by pysubs2: styles kept by name, override
blocks for italics, bold and underline.

Written with ``PlayResX: 1920`` and ``PlayResY: 1080`` and a default style sized for them (Arial
54, a row 5 % of the picture's height): without a resolution libass assumes 384x288 and draws
pysubs2's default style too large. A cue in a script Arial lacks (Devanagari, Kannada, Thai,
Chinese...) gets a style of its own in the Noto family that has it, named after the family
(``Noto Sans Kannada``), so that libass draws letters instead of boxes. Times outside
0:00:00.00 to 9:59:59.99 are clamped with a warning.

With ``karaoke`` (or ``karaoke_fill``) each word is a karaoke syllable timed by ``\\k`` (``\\kf``),
written by our own writer (``_karaoke.py``) rather than pysubs2."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Cue, Transcript
from . import _karaoke, _pysubs2, describe

if TYPE_CHECKING:
    from ..changes import Change
    from ..retime import Retiming

FORMAT = describe(__name__, name="ass", title="Advanced SubStation Alpha (via pysubs2)", extensions=("ass",),
                  kind="subtitle", priority=170)


def sniff(text: str) -> bool:
    return _pysubs2.sniff(text, "ass")


def read(text: str) -> Transcript:
    return _pysubs2.read(text, "ass")


@dataclass(frozen=True)
class Options:
    karaoke: bool = field(default=False, metadata={"help": "time each word as a karaoke syllable (\\k)"})
    karaoke_fill: bool = field(default=False, metadata={"help": "karaoke with a fill sweeping each word (\\kf)"})


def write_cues(cues: list[Cue], transcript: Transcript, options: Options | None = None) -> str:
    if options is not None and (options.karaoke or options.karaoke_fill):
        return _karaoke.write(cues, transcript, fill=options.karaoke_fill)
    return _pysubs2.write_cues(cues, transcript, "ass")


def retime_file(data: bytes, retiming: Retiming, *, cues: list[Cue] | None = None, encoding: str | None = None,
                fps: float | None = None) -> tuple[str, list[Change]]:
    """``data`` with only the times of its events changed (``retime.retime_subs``): script info,
    styles, comments and override tags stay byte for byte."""
    from ..retime import retime_subs
    from ..textio import decode

    return retime_subs(decode(data, encoding), "ass", retiming)
