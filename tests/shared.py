"""The shared folder beside the project (``../shared``; SCRIBEKIT_SHARED names another):
data the tests read that this repository must not carry, because of its licence."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def shared_path(*parts: str) -> Path | None:
    """``parts`` inside the shared folder, or None where there is no such folder or file."""
    for folder in (os.environ.get("SCRIBEKIT_SHARED", ""), str(ROOT.parent / "shared"), "/work/shared"):
        if folder and Path(folder, *parts).exists():
            return Path(folder, *parts)
    return None
