"""Fixtures the provider tests share: the emulated APIs on 127.0.0.1, and a media file; and the markers
``network`` and ``browser`` (registered in pyproject.toml), applied here from what a test uses."""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fakes import amberscript, happyscribe

EMULATOR_FIXTURES = {"amber", "hs"}
"""Fixtures that start a provider API emulator (an HTTP server on 127.0.0.1)."""
BROWSER_FIXTURES = {"browser"}
"""Fixtures that launch Chromium through playwright."""
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


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


@pytest.fixture()
def browser():  # type: ignore[no-untyped-def]
    """Debian's Chromium, headless, through playwright (skipped, saying why, where either is missing)."""
    playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install "
                                         "playwright; .ci/run does)")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium; .ci/run does)")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--allow-file-access-from-files", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run",
                  "--autoplay-policy=no-user-gesture-required"])
        yield browser
        browser.close()
