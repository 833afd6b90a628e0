"""Apple iTunes Timed Text (iTT): the TTML1 subset Apple takes for subtitles and captions (the
iTunes Store, Apple TV, Final Cut Pro). Write-only (the ``ttml`` format reads it).

What the document carries (docs/formats.md §14.2): ``ttp:timeBase="smpte"`` and SMPTE timecode
labels ``HH:MM:SS:FF`` (hours widen past 99), ``ttp:frameRate`` with
``ttp:frameRateMultiplier`` (``"1 1"``, or ``"1000 1001"`` at the NTSC rates) and ``ttp:dropMode`` (``nonDrop``, or
``dropNTSC`` for drop-frame labels at 29.97), a language in ``xml:lang`` (``und`` when unknown),
the style ``base`` (sansSerif, 100 %, white) and Apple's two regions, ``top`` and ``bottom``
(full width, 15 % of the height each), italics, bold and underline as ``tts:`` attributes of
a span, as Apple's tools write them. Speakers are not written as ``ttm:agent``: iTT documents
carry no metadata (their colours are, with ``speaker_colours``). Cues that overlap in time in
one region are reported: Apple accepts overlapping cues only in different regions. It
validates against the TTML1 XSD.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import OptionError, warn
from ..markup import shown_at_top
from ..model import Cue, Transcript
from ..timecode import FrameRate, timecode_settings
from . import describe
from .ttml import writer

FORMAT = describe(__name__, name="itt", title="Apple iTunes Timed Text (iTT)", extensions=("itt",),
                  kind="subtitle", priority=195, read_by="ttml")

__all__ = ["Options", "PROFILE", "segment_defaults", "write_cues"]

PROFILE = writer.Profile(
    "iTT", timing="smpte", root=' ttp:timeBase="smpte"', frame_rate=True, inline_styles=True, agents=False,
    base_style=('tts:fontFamily="sansSerif" tts:fontSize="100%" tts:fontStyle="normal" tts:fontWeight="normal" '
                'tts:color="white" tts:textAlign="center"'),
    regions=('tts:origin="0% 85%" tts:extent="100% 15%" tts:displayAlign="after" tts:textAlign="center"',
             'tts:origin="0% 0%" tts:extent="100% 15%" tts:displayAlign="before" tts:textAlign="center"'))


@dataclass(frozen=True)
class Options(writer.Options):
    fps: float | None = field(default=None, metadata={"help": "frames a second (default 25)"})
    drop_frame: bool | None = field(default=None, metadata={
        "help": "drop-frame timecode at 29.97 (ttp:dropMode=\"dropNTSC\"; default: as --start-timecode is written)"})
    start_timecode: str | None = field(default=None, metadata={
        "help": "timecode of the video's first frame, HH:MM:SS:FF (default 00:00:00:00)"})

    def __post_init__(self) -> None:
        _ = self.settings

    @property
    def settings(self) -> tuple[FrameRate, int, bool]:
        """The rate, the first frame's number and whether labels are drop-frame."""
        try:
            rate, start, drop = timecode_settings(self.fps, self.start_timecode, self.drop_frame)
        except ValueError as exc:
            raise OptionError(f"itt: {exc}") from None
        if drop and rate.drop != 2:
            raise OptionError("itt: TTML's drop-frame mode (dropNTSC) skips two labels a minute: drop-frame "
                              f"timecode at 29.97 frames a second only, not at {rate}")
        return rate, start, drop


def segment_defaults(options: Options | None) -> dict[str, Any]:
    return writer.segment_defaults(options)


def write_cues(cues: list[Cue], transcript: Transcript, options: Options | None = None) -> str:
    options = options or Options()
    rate, start, drop = options.settings
    _report_overlaps(cues)
    return writer.render(cues, transcript, options, PROFILE, rate=rate, drop=drop, start_frame=start)


def _report_overlaps(cues: list[Cue]) -> None:
    ends = {"top": -1, "bottom": -1}
    overlapping = 0
    for cue in cues:
        region = "top" if shown_at_top(cue.style, cue.lines) else "bottom"
        if cue.start < ends[region]:
            overlapping += 1
        ends[region] = max(ends[region], cue.end)
    if overlapping:
        warn(f"{overlapping} cue(s) overlap an earlier cue in the same region (Apple accepts overlapping cues "
             "only in different regions)")
