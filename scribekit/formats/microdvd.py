"""MicroDVD (``{start frame}{end frame}text``), through pysubs2; frames need a rate."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import ReadError, warn
from ..model import Cue, Transcript
from . import _pysubs2, describe

FORMAT = describe(__name__, name="microdvd", title="MicroDVD (via pysubs2)", extensions=("sub",), kind="subtitle",
                  priority=210)

_FPS_DECLARATION = re.compile(r"\A\ufeff?\{[01]\}\{[01]\}(\d+(?:\.\d+)?)[ \t]*\r?\n")


@dataclass(frozen=True)
class Options:
    fps: float | None = field(default=None, metadata={"help": "frames a second"})


def sniff(text: str) -> bool:
    return _pysubs2.sniff(text, "microdvd")


def read(text: str, fps: float | None = None) -> Transcript:
    """The file's own rate (a first ``{1}{1}25`` line) wins over ``fps``."""
    declared = _FPS_DECLARATION.match(text)
    if declared:
        fps = float(declared.group(1))
        text = text[declared.end():]
    if not fps:
        raise ReadError("MicroDVD counts frames and this file does not say how many a second",
                        hint="pass --input-fps")
    return _pysubs2.read(text, "microdvd", fps)


DEFAULT_FPS = 25.0
"""The rate a MicroDVD file is written at when none is given (the rate the other frame-counting writers
take by default), said in a warning: a player at another rate shows the cues early or late."""


def write_cues(cues: list[Cue], transcript: Transcript, options: Options | None = None) -> str:
    fps = options.fps if options else None
    if not fps:
        fps = DEFAULT_FPS
        warn(f"MicroDVD counts frames: written at {DEFAULT_FPS:g} frames a second (the default, "
             f"fps={DEFAULT_FPS:g}); give fps= for the video's own rate")
    return _pysubs2.write_cues(cues, transcript, "microdvd", fps)
