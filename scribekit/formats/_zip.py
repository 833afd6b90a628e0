"""Reading zip archives whatever they hold: every fault of a member a ReadError naming it, sizes bounded.

A zip's headers say how large each member is uncompressed, and may lie: the sizes are checked
from the central directory before anything is inflated, and again while inflating (a member is
read in chunks and refused as soon as it passes its limit). Corrupt data (deflate, bzip2, LZMA),
compression methods and zip versions Python cannot read, encrypted members and members without
a name are refused, naming the member.
"""
from __future__ import annotations

import io
import zipfile

from ..errors import ReadError

__all__ = ["MAX_MEMBER_BYTES", "MAX_TOTAL_BYTES", "Budget", "describe_member", "open_archive", "read_member"]

MAX_MEMBER_BYTES = 200 << 20
"""What one member may hold uncompressed (200 MiB): far more than an export of a day of speech."""
MAX_TOTAL_BYTES = 200 << 20
"""What all the members read from one archive may hold uncompressed together (200 MiB)."""
_CHUNK = 1 << 20
_READABLE = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA)


def _errors() -> tuple[type[BaseException], ...]:
    """What the zip module and its decompressors raise on damaged data."""
    import lzma
    import zlib

    return (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, lzma.LZMAError, OSError, EOFError, RuntimeError,
            NotImplementedError, ValueError, OverflowError, MemoryError)


def describe_member(info: zipfile.ZipInfo) -> str:
    """The member's name as a message shows it: as it is when printable and short, else quoted and cut."""
    name = info.filename
    if name.isprintable() and len(name) <= 80:
        return name
    return repr(name if len(name) <= 80 else name[:77] + "...")


def open_archive(data: bytes) -> zipfile.ZipFile:
    """The archive of ``data``; ReadError when it is not one Python can read (naming the member
    whose zip version it cannot read, the one fault of a member it refuses the whole archive for)."""
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except NotImplementedError as exc:
        member = _newer_member(data)
        if member is not None:
            raise ReadError(f"{member}: the zip member needs a newer zip version than scribekit reads "
                            f"({_short(exc)})", hint="zip it again with the usual settings") from None
        raise ReadError(f"not a readable zip archive ({_short(exc)})") from None
    except _errors() as exc:
        raise ReadError(f"not a readable zip archive ({_short(exc)})") from None


def _newer_member(data: bytes) -> str | None:
    """The name of the first central directory entry needing a zip version newer than Python reads."""
    where = data.find(b"PK\x01\x02")
    while 0 <= where <= len(data) - 46:
        version = int.from_bytes(data[where + 6:where + 8], "little")
        length = int.from_bytes(data[where + 28:where + 30], "little")
        if version > zipfile.MAX_EXTRACT_VERSION:
            info = zipfile.ZipInfo(data[where + 46:where + 46 + length].decode("cp437", "replace") or "x")
            return describe_member(info)
        where = data.find(b"PK\x01\x02", where + 4)
    return None


def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."


class Budget:
    """What the members read so far hold together, against ``MAX_TOTAL_BYTES`` (or ``total``)."""

    def __init__(self, total: int = MAX_TOTAL_BYTES) -> None:
        self.total = total
        self.used = 0

    def check_headers(self, infos: list[zipfile.ZipInfo]) -> None:
        """Refuse the archive when its headers already say the members hold too much."""
        said = sum(info.file_size for info in infos)
        if said > self.total:
            raise ReadError(f"the zip archive's members hold {said} bytes uncompressed, over the limit of "
                            f"{self.total} in all (refused as a possible zip bomb)")


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: Budget,
                limit: int = MAX_MEMBER_BYTES) -> bytes:
    """The uncompressed bytes of one member; ReadError naming it when it cannot be read or holds more
    than ``limit`` bytes, or than what is left of ``budget``."""
    name = describe_member(info)
    if not info.filename or not info.filename.strip("/"):
        raise ReadError("a member of the zip archive has no name (refused)")
    if info.flag_bits & 0x1:
        raise ReadError(f"{name}: the zip member is encrypted", hint="export it again without a password")
    if info.compress_type not in _READABLE:
        raise ReadError(f"{name}: the zip member uses compression method {info.compress_type}, which scribekit "
                        "cannot read", hint="zip it again with deflate, the usual method")
    allowed = min(limit, budget.total - budget.used)
    if info.file_size > allowed:
        raise ReadError(f"{name}: {info.file_size} bytes uncompressed, over the limit of {allowed} "
                        "(refused as a possible zip bomb)")
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(info) as handle:
            while True:
                chunk = handle.read(_CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > allowed:
                    raise ReadError(f"{name}: the zip member inflates past {allowed} bytes although its header "
                                    f"says {info.file_size} (refused as a possible zip bomb)")
                chunks.append(chunk)
    except ReadError:
        raise
    except _errors() as exc:
        raise ReadError(f"{name}: corrupt or unreadable zip member ({_short(exc)})") from None
    budget.used += size
    return b"".join(chunks)
