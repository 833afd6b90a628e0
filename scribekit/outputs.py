"""Where outputs go and how they are written, for the batch converter and the provider commands alike.

- ``destination``: the path of one output, from ``-o`` (a file, a folder ending in
  ``/``, or ``-`` for stdout) or, by default, beside the input, named after it;
- ``check_free``: an output that exists already is refused (without ``force``)
  before the long work, not after it;
- ``emit``: the data to stdout, or to the file atomically (``fileio.write_atomic``),
  making its folders; a FIFO or a device (``/dev/null``) is written through, a symbolic
  link's target written atomically, never replaced by a file.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path

from .errors import WriteError
from .fileio import write_atomic, writes_through

STDOUT = "-"
"""The output path that means standard output."""

FORCE_HINT = "force=True replaces it"


def is_dir(output: str) -> bool:
    """Whether ``-o`` names a folder: it ends in a separator, or is one."""
    return output.endswith(("/", os.sep)) or os.path.isdir(output)


def destination(output: str | None, stem: str, extension: str, default_dir: str = "", *,
                folders: bool = True) -> str:
    """The path of one output named ``stem.extension``.

    ``output`` is ``-`` (stdout), a file (taken as it is), a folder (``folders``:
    the output goes in it under its own name), or None: the output goes in
    ``default_dir`` (the input's folder; "" for the current one).
    """
    if output == STDOUT:
        return STDOUT
    if output and not (folders and is_dir(output)):
        return output
    return os.path.join(output or default_dir, f"{stem}.{extension}")


def check_free(paths: Iterable[str], force: bool, *, hint: str = FORCE_HINT) -> None:
    """Refuse an output that exists already (unless ``force``), before the work that makes it."""
    for path in paths:
        if path != STDOUT and not force and os.path.exists(path) and not writes_through(path):
            raise WriteError("exists already", source=path, hint=hint)


def emit(path: str, data: str | bytes, *, force: bool) -> None:
    """Write ``data`` to stdout (``-``) or to ``path`` atomically, making its folders."""
    if path == STDOUT:
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
        sys.stdout.flush()
        return
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(f"cannot create its folder ({exc.strerror or exc})", source=path) from None
    write_atomic(path, data, overwrite=force)


__all__ = ["STDOUT", "check_free", "destination", "emit", "is_dir"]
