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
from .transforms import drop_sounds, rename_speakers


def __getattr__(name: str) -> str:
    """``__version__``, read on first use from the installed package's metadata (pyproject.toml is the
    one version source); importlib.metadata costs 20 ms, which no command but --version should pay."""
    if name != "__version__":
        raise AttributeError(f"module 'scribekit' has no attribute {name!r}")
    from importlib import metadata

    try:
        version = metadata.version("scribekit")
    except metadata.PackageNotFoundError:  # a source tree that was never installed
        version = "0+unknown"
    globals()["__version__"] = version
    return version

__all__ = [
    "Cue", "Highlight", "Metadata", "OptionError", "ReadError", "ScribekitError", "ScribekitWarning",
    "Segment", "SegmentOptions", "Speaker", "Transcript", "UnknownFormatError", "Word", "WriteError",
    "__version__", "drop_sounds", "dumps", "load", "load_all", "loads", "loads_all", "rename_speakers", "save",
    "segment",
]
