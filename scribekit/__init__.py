"""scribekit: transcripts and subtitles from Amberscript, HappyScribe and subtitle files,
into one model, out to every format."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import (
    OptionError,
    ReadError,
    ScribekitError,
    ScribekitWarning,
    UnknownFormatError,
    WriteError,
)

if TYPE_CHECKING:
    from .api import dumps, load, load_all, loads, loads_all, save
    from .model import Cue, Highlight, Metadata, Segment, Speaker, Transcript, Word
    from .segmentation import SegmentOptions, segment
    from .transforms import drop_sounds, rename_speakers

_LAZY = {
    **dict.fromkeys(("dumps", "load", "load_all", "loads", "loads_all", "save"), "api"),
    **dict.fromkeys(("Cue", "Highlight", "Metadata", "Segment", "Speaker", "Transcript", "Word"), "model"),
    **dict.fromkeys(("SegmentOptions", "segment"), "segmentation"),
    **dict.fromkeys(("drop_sounds", "rename_speakers"), "transforms"),
}
"""Public names imported on first use: `scribekit --help` loads neither the formats nor the segmenter."""


def __getattr__(name: str) -> Any:
    """The public names of ``_LAZY`` and the subpackages (``scribekit.formats``), imported on first use;
    ``__version__`` read from the installed package's metadata (pyproject.toml is the one version source;
    importlib.metadata costs 20 ms, which no command but --version should pay)."""
    import importlib

    if name in _LAZY:
        value = getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    elif name == "__version__":
        from importlib import metadata

        try:
            value = metadata.version("scribekit")
        except metadata.PackageNotFoundError:  # a source tree that was never installed
            value = "0+unknown"
    elif not name.startswith("__"):
        try:  # `import scribekit; scribekit.formats`: what importing the package used to load on the way
            return importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
            raise AttributeError(f"module 'scribekit' has no attribute {name!r}") from None
    else:
        raise AttributeError(f"module 'scribekit' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "Cue", "Highlight", "Metadata", "OptionError", "ReadError", "ScribekitError", "ScribekitWarning",
    "Segment", "SegmentOptions", "Speaker", "Transcript", "UnknownFormatError", "Word", "WriteError",
    "__version__", "drop_sounds", "dumps", "load", "load_all", "loads", "loads_all", "rename_speakers", "save",
    "segment",
]
