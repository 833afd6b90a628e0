"""scribekit: transcripts and subtitles from Amberscript, HappyScribe and subtitle files,
into one model, out to every format."""
from __future__ import annotations

from .api import dumps, load, load_all, loads, loads_all, save
from .errors import (
    OptionError,
    ReadError,
    ScribekitError,
    ScribekitWarning,
    UnknownFormatError,
    WriteError,
)
from .model import Cue, Highlight, Metadata, Segment, Speaker, Transcript, Word
from .segmentation import SegmentOptions, segment

__version__ = "0.1.0"

__all__ = [
    "Cue", "Highlight", "Metadata", "OptionError", "ReadError", "ScribekitError", "ScribekitWarning",
    "Segment", "SegmentOptions", "Speaker", "Transcript", "UnknownFormatError", "Word", "WriteError",
    "__version__", "dumps", "load", "load_all", "loads", "loads_all", "save", "segment",
]
