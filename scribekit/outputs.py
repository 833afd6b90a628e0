"""Where outputs go and how they are written, for the batch converter and the provider commands alike.

- ``destination``: the path of one output, from ``-o`` (a file, a folder ending in
  ``/``, or ``-`` for stdout) or, by default, beside the input, named after it;
- ``check_free``: an output that exists already is refused (without ``force``)
  before the long work, not after it;
- ``emit``: the data to stdout, or to the file atomically (``fileio.write_atomic``),
  making its folders; a FIFO or a device (``/dev/null``) is written through, a symbolic
  link's target written atomically, never replaced by a file;
- ``check_name`` and ``named``: output file names from a template (``--name "{stem}.{lang}.{ext}"``).
"""
from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path

from .errors import OptionError, WriteError
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


NAME_FIELDS = {"stem": "the input's file name without its extension",
               "lang": "the transcript's language (as given, in the file, or recognised; und when unknown)",
               "ext": "the output format's extension",
               "format": "the output format's name",
               "profile": "the --profile given (empty without one)",
               "dir": "the name of the input's folder"}
"""The fields a name template (``--name``) may hold, and what each stands for."""


def check_name(template: str) -> None:
    """OptionError for a name template that is not one: an unknown ``{field}``, a brace left open,
    an absolute path, or ``..`` (an output must stay in its folder)."""
    import string

    try:
        fields = [field for _, field, _, _ in string.Formatter().parse(template) if field is not None]
    except ValueError as exc:
        raise OptionError(f"name {template!r}: {exc}", hint="write a brace as {{ or }}") from None
    for field in fields:
        if field not in NAME_FIELDS:
            raise OptionError(f"name {template!r}: no field {{{field}}}",
                              hint="the fields: " + ", ".join("{" + name + "}" for name in NAME_FIELDS))
    parts = template.replace("\\", "/").split("/")
    if not template.strip() or template.startswith(("/", "\\")) or ".." in parts or not parts[-1]:
        raise OptionError(f"name {template!r} is not a file name in the output folder",
                          hint='e.g. "{stem}.{lang}.{ext}"')


def named(template: str, **fields: str) -> str:
    """``template`` with its fields filled in (``check_name`` first); a field left empty takes the
    dot, dash or underscore before it along (``"{stem}.{profile}.{ext}"`` without a profile:
    ``talk.srt``)."""
    import re
    import string

    out: list[str] = []
    for literal, field, _, _ in string.Formatter().parse(template):
        out.append(literal)
        if field is None:
            continue
        value = fields.get(field, "").replace("/", "_").replace("\\", "_")
        if value:
            out.append(value)
        elif out and re.search(r"[._-]$", out[-1]):
            out[-1] = out[-1][:-1]
    return "".join(out)


__all__ = ["NAME_FIELDS", "STDOUT", "check_free", "check_name", "destination", "emit", "is_dir", "named"]
