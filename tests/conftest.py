"""Fixtures the provider tests share: the emulated APIs on 127.0.0.1, and a media file; and the markers
``network`` and ``browser`` (registered in pyproject.toml), applied here from what a test uses."""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fakes import amberscript, happyscribe

EMULATOR_FIXTURES = {"amber", "hs"}
"""Fixtures that start a provider API emulator (an HTTP server on 127.0.0.1)."""
BROWSER_FIXTURES = {"browser"}
"""Fixtures that launch Chromium through playwright."""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """``network`` on every test that starts an emulator (through a fixture above, or a test module that
    imports the emulators and starts them itself); ``browser`` on every test that drives Chromium."""
    emulators = {id(amberscript), id(happyscribe)}
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        module = getattr(item, "module", None)
        imported = vars(module).values() if module is not None else ()
        if used & EMULATOR_FIXTURES or any(id(value) in emulators for value in imported):
            item.add_marker(pytest.mark.network)
        if used & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)


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
