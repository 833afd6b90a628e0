"""EBU-TT-D (EBU Tech 3380), the TTML profile for distributing subtitles: HbbTV, DVB-DASH, and the
players of the BBC, ARD and other broadcasters. Write-only (the ``ttml`` format reads it).

What the document carries (docs/formats.md §14.2): ``ttp:timeBase="media"`` and media times
``hh:mm:ss.sss``, ``ttp:cellResolution="50 30"``, ``xml:lang`` (``und`` when unknown), an
``ebuttm:documentMetadata`` naming the standard (``ebuttm:conformsToStandard``), styles in
``head/styling`` (text centred, 160 % of a cell high, white on a black box, ``ebutts:linePadding``
of half a cell and ``ebutts:multiRowAlign`` centred, as the BBC writes them), regions ``bottom``
and ``top`` in ``head/layout`` (inside a 10 % margin, apart: regions shown together must not
overlap), an ``xml:id`` on every ``p``, no nested spans, speakers as ``ttm:agent``. It validates
against the EBU-TT-D XSD (1.0 and 1.0.1).
"""
from __future__ import annotations

from typing import Any

from ..model import Cue, Transcript
from . import describe
from .ttml import writer
from .ttml.writer import Options

FORMAT = describe(__name__, name="ebu-tt-d", title="EBU-TT-D (EBU Tech 3380)", extensions=("ebuttd.xml",),
                  kind="subtitle", priority=195, read_by="ttml")

__all__ = ["Options", "PROFILE", "segment_defaults", "write_cues"]

PROFILE = writer.Profile(
    "EBU-TT-D",
    root=' ttp:timeBase="media" ttp:cellResolution="50 30"',
    namespaces=f' xmlns:ebuttm="{writer.EBUTTM}" xmlns:ebutts="{writer.EBUTTS}"',
    head_metadata=("<ebuttm:documentMetadata>\n"
                   f"<ebuttm:conformsToStandard>{writer.EBU_TT_D_STANDARD}</ebuttm:conformsToStandard>\n"
                   "</ebuttm:documentMetadata>\n"),
    base_style=('tts:fontFamily="proportionalSansSerif" tts:fontSize="160%" tts:lineHeight="125%" '
                'tts:textAlign="center" tts:color="#FFFFFF" ebutts:linePadding="0.5c" ebutts:multiRowAlign="center"'),
    text_style='tts:backgroundColor="#000000"',
)


def segment_defaults(options: Options | None) -> dict[str, Any]:
    return writer.segment_defaults(options)


def write_cues(cues: list[Cue], transcript: Transcript, options: Options | None = None) -> str:
    return writer.render(cues, transcript, options or Options(), PROFILE)
