"""Extracting a provider's zip of exports safely: no path outside the folder, no links, bounded sizes.

Every member is checked before anything is written; each file is then written
atomically, so a refused archive leaves nothing behind and an interrupted one
no partial file.
"""
from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path, PurePosixPath

from ..errors import ReadError, WriteError
from ..fileio import write_atomic
from ..formats import _zip

MAX_MEMBERS = 10_000
MAX_MEMBER_BYTES = _zip.MAX_MEMBER_BYTES
MAX_TOTAL_BYTES = _zip.MAX_TOTAL_BYTES


def safe_names(archive: zipfile.ZipFile, source: str) -> list[tuple[zipfile.ZipInfo, PurePosixPath]]:
    """The regular files of the archive with their relative paths; a ReadError for any unsafe member."""
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise ReadError(f"holds {len(infos)} members, over the limit of {MAX_MEMBERS}", source=source)
    members: list[tuple[zipfile.ZipInfo, PurePosixPath]] = []
    total = 0
    seen: set[str] = set()
    for info in infos:
        name = info.filename.replace("\\", "/")
        if info.filename.endswith("/"):  # a folder (ZipInfo.is_dir fails on an empty name)
            continue
        path = PurePosixPath(name)
        if not name or path.is_absolute() or (len(name) > 1 and name[1] == ":") or ".." in path.parts \
                or any(part in ("", ".") for part in name.split("/")) or "\x00" in name:
            raise ReadError(f"member {info.filename!r} would land outside the folder (refused)", source=source)
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise ReadError(f"member {info.filename!r} is a symbolic link (refused)", source=source)
        if info.file_size > MAX_MEMBER_BYTES:
            raise ReadError(f"member {info.filename!r} is over {MAX_MEMBER_BYTES >> 20} MiB uncompressed (refused)",
                            source=source)
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise ReadError(f"over {MAX_TOTAL_BYTES >> 20} MiB uncompressed in all (refused)", source=source)
        if path.as_posix().lower() in seen:
            raise ReadError(f"member {info.filename!r} appears twice", source=source)
        seen.add(path.as_posix().lower())
        members.append((info, path))
    return members


def extract(data: bytes, directory: str | os.PathLike[str], *, overwrite: bool = False,
            source: str = "the export") -> list[Path]:
    """Write the files of the zip ``data`` under ``directory``; the paths written."""
    try:
        archive = _zip.open_archive(data)
    except ReadError:
        raise ReadError("is not a valid zip file", source=source) from None
    root = Path(directory)
    with archive:
        members = safe_names(archive, source)
        budget = _zip.Budget(MAX_TOTAL_BYTES)
        targets = [root.joinpath(*path.parts) for _, path in members]
        if not overwrite:
            for target in targets:
                if target.exists():
                    raise WriteError("exists already", source=str(target), hint="overwrite=True replaces it")
        try:  # every member read (and so checked) before any is written
            contents = [_zip.read_member(archive, info, budget, MAX_MEMBER_BYTES) for info, _ in members]
        except ReadError as exc:
            raise ReadError(exc.message, source=source, hint=exc.hint) from None
    written: list[Path] = []
    for target, content in zip(targets, contents):
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, content, overwrite=overwrite)
        written.append(target)
    return written
