"""Reading input files and writing outputs atomically (temporary file, then rename)."""
from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from .errors import ReadError, WriteError


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    p = Path(path)
    try:
        return p.read_bytes()
    except FileNotFoundError:
        raise ReadError("no such file", source=str(path), hint="check the path") from None
    except IsADirectoryError:
        raise ReadError("is a directory, not a file", source=str(path), hint="give a file") from None
    except PermissionError:
        raise ReadError("permission denied", source=str(path)) from None
    except OSError as exc:
        raise ReadError(exc.strerror or str(exc), source=str(path)) from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def writes_through(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a FIFO or a character device (``/dev/null``, a terminal): written through, as
    the shell's ``>`` would, never replaced by a file, and no file that --force would have to replace."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)


def _write_through(path: str, payload: bytes) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)  # a FIFO nobody reads: refused, not a hang
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise WriteError("is a FIFO that nobody reads", source=path) from None
        raise WriteError(f"cannot write ({exc.strerror or exc})", source=path) from None
    try:
        os.set_blocking(fd, True)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
    except OSError as exc:
        raise WriteError(f"cannot write ({exc.strerror or exc})", source=path) from None


def write_atomic(path: str | os.PathLike[str], data: str | bytes, *, overwrite: bool = False) -> None:
    """Write ``data`` to ``path`` so that it is either absent or complete, never partial.

    Without ``overwrite`` an existing ``path`` is an error and is left untouched. What is not a
    regular file is never replaced by one: a FIFO or a character device (``/dev/null``) is opened
    and written through (not atomic; ``overwrite`` is not needed, nothing is replaced); a symbolic
    link stays, and the file it points to is written atomically (``overwrite`` needed when that
    exists); a block device, a socket or a folder is refused.
    """
    name = os.fspath(path)
    try:
        mode: int | None = os.stat(name).st_mode
    except (FileNotFoundError, NotADirectoryError):
        mode = None
    except OSError as exc:
        raise WriteError(f"cannot write ({exc.strerror or exc})", source=name) from None
    if mode is not None and stat.S_ISDIR(mode):
        raise WriteError("is a directory", source=name, hint="give a file name")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if mode is not None and (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
        _write_through(name, payload)
        return
    if mode is not None and not stat.S_ISREG(mode):
        raise WriteError("is not a regular file (a block device or a socket); refused", source=name)
    target = Path(os.path.realpath(name)) if os.path.islink(name) else Path(name)
    if not overwrite and (mode is not None or target.exists()):
        raise WriteError("exists already", source=name, hint="overwrite=True replaces it")
    with _temporary(target, str(path), overwrite) as handle:
        handle.write(payload)


@contextmanager
def _temporary(target: Path, path: str, overwrite: bool) -> Iterator[BinaryIO]:
    """A temporary file beside ``target`` to write, put in its place when the block ends without an
    exception (``overwrite``: replacing a file there; else refused if one appeared meanwhile), removed
    in any case."""
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=directory)
    except FileNotFoundError:
        raise WriteError("its folder does not exist", source=path, hint="create the folder first") from None
    except OSError as exc:
        raise WriteError(f"cannot write here ({exc.strerror or exc})", source=path) from None
    try:
        # No fsync: the rename makes the file appear whole or not at all to any reader, even if
        # this process is killed; an fsync would only add durability across a power
        # cut, and costs a quarter of a batch's speed on ext4 with two processes.
        with os.fdopen(fd, "wb") as handle:
            yield handle
        os.chmod(temp_name, 0o666 & ~_umask())
        if overwrite:
            os.replace(temp_name, target)
        else:
            try:
                os.link(temp_name, target)  # fails if the target appeared meanwhile
            except FileExistsError:
                raise WriteError("exists already", source=path, hint="overwrite=True replaces it") from None
            except OSError:
                if target.exists():
                    raise WriteError("exists already", source=path,
                                     hint="overwrite=True replaces it") from None
                os.replace(temp_name, target)
    except OSError as exc:
        raise WriteError(f"cannot write ({exc.strerror or exc})", source=path) from None
    finally:
        if os.path.exists(temp_name):
            os.unlink(temp_name)


@contextmanager
def atomic_output(path: str, *, overwrite: bool = False) -> Iterator[BinaryIO]:
    """A file to write ``path`` with piece by piece, as :func:`write_atomic` writes it whole: it
    appears complete when the block ends, and not at all when the block raises. Only for a path that
    is a regular file (with ``overwrite``) or is not there yet, in a folder that exists (what else
    ``write_atomic`` takes, callers leave to it)."""
    target = Path(path)
    if not overwrite and target.exists():
        raise WriteError("exists already", source=path, hint="overwrite=True replaces it")
    with _temporary(target, path, overwrite) as handle:
        yield handle
