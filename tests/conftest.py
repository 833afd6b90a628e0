"""Fixtures the provider tests share: the emulated APIs on 127.0.0.1, and a media file."""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fakes import amberscript, happyscribe


@pytest.fixture
def amber() -> Iterator[tuple[Any, Any]]:
    """The Amberscript emulator: (server, app)."""
    server, app = amberscript.start()
    yield server, app
    server.stop()


@pytest.fixture
def hs() -> Iterator[tuple[Any, Any]]:
    """The HappyScribe emulator: (server, app)."""
    server, app = happyscribe.start()
    yield server, app
    server.stop()


@pytest.fixture
def waits() -> list[float]:
    """The pauses a client would have slept (its ``sleep`` appends them here)."""
    return []


@pytest.fixture
def media(tmp_path: Path) -> Path:
    path = tmp_path / "talk.mp3"
    path.write_bytes(b"ID3" + os.urandom(5000))
    return path
