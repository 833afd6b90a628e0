"""IMSC (TTML Profiles for Internet Media Subtitles and Captions), Text Profile: 1.1 by default,
1.0.1 on request (``imsc_version``). Write-only (the ``ttml`` format reads it).

What the document carries (docs/formats.md §14.2): the profile it conforms to
(``ttp:contentProfiles`` for 1.1, ``ttp:profile`` for 1.0.1), ``ttp:timeBase="media"`` and media
times to the millisecond, ``ttp:cellResolution="50 30"``, a non-empty ``xml:lang`` (``und`` when
unknown), styles in ``head/styling``, regions ``bottom`` and ``top`` (inside a 10 % margin,
apart: regions shown together must not overlap), speakers as ``ttm:agent``. It validates against
the TTML2-based IMSC 1.1 schema drivers (1.1) or the TTML1-based IMSC 1 ones (1.0.1).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import OptionError
from ..model import Cue, Transcript
from . import describe
from .ttml import writer

FORMAT = describe(__name__, name="imsc", title="IMSC 1.1 / 1.0.1 Text Profile", extensions=("imsc.ttml",),
                  kind="subtitle", priority=195, read_by="ttml")

__all__ = ["Options", "PROFILES", "segment_defaults", "write_cues"]

VERSIONS = ("1.1", "1.0.1")
_COMMON = ' ttp:timeBase="media" ttp:cellResolution="50 30"'
_BASE = ('tts:fontFamily="proportionalSansSerif" tts:fontSize="160%" tts:lineHeight="125%" tts:textAlign="center" '
         'tts:color="#FFFFFF" ebutts:linePadding="0.5c" ebutts:multiRowAlign="center"')
PROFILES = {
    "1.1": writer.Profile("IMSC 1.1", root=_COMMON + ' ttp:contentProfiles="http://www.w3.org/ns/ttml/profile/imsc1.1/text"',
                          namespaces=f' xmlns:ebutts="{writer.EBUTTS}"', base_style=_BASE),
    "1.0.1": writer.Profile("IMSC 1.0.1", root=_COMMON + ' ttp:profile="http://www.w3.org/ns/ttml/profile/imsc1/text"',
                            namespaces=f' xmlns:ebutts="{writer.EBUTTS}"', base_style=_BASE),
}


@dataclass(frozen=True)
class Options(writer.Options):
    imsc_version: str = field(default="1.1", metadata={"help": "IMSC version: 1.1 (default) or 1.0.1"})

    def __post_init__(self) -> None:
        if self.imsc_version not in VERSIONS:
            raise OptionError(f"imsc_version takes 1.1 or 1.0.1, not {self.imsc_version!r}")


def segment_defaults(options: Options | None) -> dict[str, Any]:
    return writer.segment_defaults(options)


def write_cues(cues: list[Cue], transcript: Transcript, options: Options | None = None) -> str:
    options = options or Options()
    return writer.render(cues, transcript, options, PROFILES[options.imsc_version])
