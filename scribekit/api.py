"""The public functions: load, loads, load_all, dumps, save."""
from __future__ import annotations

import os
from typing import Any

from . import formats
from .errors import ReadError, ScribekitError
from .fileio import read_bytes, write_atomic
from .model import Transcript


def _single(transcripts: list[Transcript], source: str) -> Transcript:
    if len(transcripts) != 1:
        raise ReadError(f"holds {len(transcripts)} transcripts", source=source,
                        hint="use scribekit.load_all to get every one")
    return transcripts[0]


def loads_all(data: str | bytes, format: str | None = None, *, encoding: str | None = None,
              filename: str | None = None, fps: float | None = None,
              channel: int | None = None) -> list[Transcript]:
    """Every transcript in ``data`` (a zip of HappyScribe exports holds several)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return formats.read_all(raw, format, filename=filename, encoding=encoding, fps=fps, channel=channel)


def loads(data: str | bytes, format: str | None = None, *, encoding: str | None = None,
          filename: str | None = None, fps: float | None = None, channel: int | None = None) -> Transcript:
    """Read a transcript from text or bytes; the format is detected unless given.

    ``encoding`` overrides text-encoding detection; ``fps`` is for formats
    counted in frames (MicroDVD) that do not say their rate; ``channel`` reads
    only that channel of a speech-recognition file with several (numbered as
    the file numbers them; without it every channel is read, merged in time).
    """
    return _single(loads_all(data, format, encoding=encoding, filename=filename, fps=fps, channel=channel),
                   filename or "<data>")


def load_all(path: str | os.PathLike[str], format: str | None = None, *,
             encoding: str | None = None, fps: float | None = None,
             channel: int | None = None) -> list[Transcript]:
    """Every transcript in a file (a zip of HappyScribe exports holds several)."""
    name = os.fspath(path)
    try:
        transcripts = formats.read_all(read_bytes(path), format, filename=name, encoding=encoding, fps=fps,
                                       channel=channel)
    except ScribekitError as exc:
        exc.source = exc.source or name
        raise
    for transcript in transcripts:
        transcript.metadata.filename = transcript.metadata.filename or os.path.basename(name)
    return transcripts


def load(path: str | os.PathLike[str], format: str | None = None, *, encoding: str | None = None,
         fps: float | None = None, channel: int | None = None) -> Transcript:
    """Read one transcript from a file; the format is detected from its content (``channel``:
    see ``loads``)."""
    return _single(load_all(path, format, encoding=encoding, fps=fps, channel=channel), os.fspath(path))


def dumps(transcript: Transcript, format: str, **options: Any) -> str | bytes:
    """Render a transcript; ``options`` are the writer's and the segmenter's (see ``scribekit formats``).

    A transcript read from a subtitle file keeps its cues unless segmentation
    options are given.
    """
    return formats.write(transcript, format, **options)


def save(transcript: Transcript, path: str | os.PathLike[str], format: str | None = None, *,
         overwrite: bool = False, **options: Any) -> None:
    """Write a transcript atomically; the format comes from the extension unless given."""
    name = os.fspath(path)
    info = formats.get(format) if format else formats.writer_for_filename(name)
    write_atomic(path, formats.write(transcript, info.name, **options), overwrite=overwrite)
