"""Netflix TTML: the TTML1 (DFXP) document Netflix's timed-text specifications ask of subtitle
deliveries. Write-only (the ``ttml`` format reads it).

What the document carries (docs/formats.md §14.2): ``ttp:timeBase="media"``, the frame rate of
the video (``ttp:frameRate``, with ``ttp:frameRateMultiplier="1000 1001"`` at the NTSC rates),
times at frame boundaries written in ticks (``ttp:tickRate="10000000"``: exact at every rate,
29.97 included), a language in ``xml:lang`` (``und`` when unknown), ``xml:id`` on every
element that is referred to, text centred in one of two regions, ``bottom`` and ``top``
(positions by ``tts:displayAlign``, in regions whose ``tts:origin`` and ``tts:extent`` are
percentages), italics as a referenced style. Cut by default to Netflix's limits for English and
most Latin-script languages (the ``netflix`` profile: 42 characters, 2 rows, 20 characters a
second, 5/6 s to 7 s, 2 frames between cues). It validates against the TTML1 XSD.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import OptionError
from ..model import Cue, Transcript
from ..timecode import FrameRate
from . import describe
from .ttml import writer

FORMAT = describe(__name__, name="netflix-ttml", title="Netflix TTML (DFXP)", extensions=("netflix.dfxp",),
                  kind="subtitle", priority=195, read_by="ttml")

__all__ = ["Options", "PROFILE", "segment_defaults", "write_cues"]

PROFILE = writer.Profile(
    "Netflix TTML", timing="ticks", root=' ttp:timeBase="media"', frame_rate=True,
    base_style='tts:fontFamily="proportionalSansSerif" tts:fontSize="100%" tts:textAlign="center" tts:color="white"')


_VIDEO_RATES = tuple(FrameRate.of(fps) for fps in (23.976, 24, 25, 29.97, 30, 50, 59.94, 60))
"""The frame rates of the video Netflix takes (its timed text is timed on those frames)."""


@dataclass(frozen=True)
class Options(writer.Options):
    fps: float | None = field(default=None, metadata={"help": "frames a second of the video (default 25)"})

    def __post_init__(self) -> None:
        if self.fps is not None:
            rate = FrameRate.find(self.fps)
            if rate is None:
                raise OptionError(f"fps: {self.fps!r} is not a frame rate", hint="e.g. 23.976, 25 or 29.97")
            if rate not in _VIDEO_RATES:
                raise OptionError(f"fps: Netflix takes video at {', '.join(map(str, _VIDEO_RATES))} frames a second, "
                                  f"not {rate}")

    @property
    def rate(self) -> FrameRate:
        return FrameRate.of(self.fps) if self.fps is not None else FrameRate(25)


def segment_defaults(options: Options | None) -> dict[str, Any]:
    """Netflix's limits (the ``netflix`` segmentation profile), at the video's frame rate."""
    from ..segmentation.profiles import profile

    return {**profile("netflix").limits, **writer.segment_defaults(options)}


def write_cues(cues: list[Cue], transcript: Transcript, options: Options | None = None) -> str:
    options = options or Options()
    return writer.render(cues, transcript, options, PROFILE, rate=options.rate)
