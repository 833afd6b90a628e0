"""Scenarist SCC: CEA-608 ("line 21") closed captions as hex code words under timecodes.

This package is the format ``scc`` as the registry sees it. A file is the line
``Scenarist_SCC V1.0``, then lines ``HH:MM:SS;FF<TAB>9420 9420 ...``: from each
timecode on, one code word (two bytes with odd parity) a frame at 29.97 frames a
second. Facts: docs/formats.md §15.

Parts: ``codes`` (the CEA-608 tables both ways: parity, characters, control
codes, PACs, mid-row codes), ``reader``, ``writer`` (pop-on or roll-up captions).
"""
from __future__ import annotations

from .. import describe
from .reader import describe_file, read, sniff
from .writer import Options, segment_defaults, write_cues

FORMAT = describe(__name__, name="scc", title="Scenarist SCC (CEA-608 captions)", extensions=("scc",),
                  kind="subtitle", priority=55)

__all__ = ["Options", "describe_file", "read", "segment_defaults", "sniff", "write_cues"]
