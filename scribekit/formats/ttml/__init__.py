"""TTML (Timed Text Markup Language 1) and the profiles built on it.

This package is the format ``ttml`` as the registry sees it: it reads every
document of the family (TTML1, DFXP, IMSC 1.x, EBU-TT-D, Netflix TTML, Apple
iTT) and writes a plain, valid TTML1 document. The delivery profiles are
write-only formats of their own (``ebu_tt_d``, ``imsc``, ``netflix_ttml``,
``itt``), each a thin module on ``writer``. Facts: docs/formats.md §14.

Parts: ``times`` (time expressions and the timing parameters of ``tt``),
``reader`` (every document of the family, as TTML's semantics present it),
``writer`` (one writer, many profiles).
"""
from __future__ import annotations

from .. import describe
from .reader import describe_file, read, sniff
from .writer import Options, segment_defaults, write_cues

FORMAT = describe(__name__, name="ttml", title="TTML1 / DFXP (reads IMSC, EBU-TT-D, iTT too)",
                  extensions=("ttml", "dfxp"), kind="subtitle", aliases=("dfxp",), priority=190)

__all__ = ["Options", "describe_file", "read", "segment_defaults", "sniff", "write_cues"]
