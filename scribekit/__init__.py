"""scribekit: transcripts and subtitles from Amberscript, HappyScribe and subtitle files,
into one model, out to every format."""
from __future__ import annotations

from importlib import metadata as _metadata

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

try:  # pyproject.toml is the one version source, read from the installed package's metadata
    __version__ = _metadata.version("scribekit")
except _metadata.PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0+unknown"

__all__ = [
    "Cue", "Highlight", "Metadata", "OptionError", "ReadError", "ScribekitError", "ScribekitWarning",
    "Segment", "SegmentOptions", "Speaker", "Transcript", "UnknownFormatError", "Word", "WriteError",
    "__version__", "dumps", "load", "load_all", "loads", "loads_all", "save", "segment",
]
