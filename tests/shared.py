"""The shared folder beside the project: data the tests read that this repository must not carry, because of
its licence (Apple's FCPXML DTDs, the CC BY-NC-SA evaluation subtitles).

It is ``../shared`` from the repository's root; the environment variable SCRIBEKIT_SHARED names another place.
A test that needs a file from it skips, naming the folder, where the file is absent."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
"""The repository's root."""


def shared_folder() -> Path:
    """Where the shared folder is expected: SCRIBEKIT_SHARED if set, else ``../shared`` from the root."""
    named = os.environ.get("SCRIBEKIT_SHARED", "")
    return Path(named).expanduser() if named else ROOT.parent / "shared"


def shared_path(*parts: str) -> Path | None:
    """``parts`` inside the shared folder, or None where there is no such folder or file."""
    path = shared_folder().joinpath(*parts)
    return path if path.exists() else None


def absent(*parts: str) -> str:
    """A skip reason for a test that needs ``parts`` of the shared folder."""
    return (f"{'/'.join(parts)} is not in the shared folder ({shared_folder()}); "
            "set SCRIBEKIT_SHARED to the folder that holds it")
