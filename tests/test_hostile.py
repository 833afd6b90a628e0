"""Hostile and odd inputs: every one is read, or refused with one line naming the file (exit
status 1), quickly, by the command; the library raises nothing but ScribekitError.

The corpus is the files of tests/hostile/ (small, hand-made) and the cases that the
modules tests/hostile_cases_*.py build (large or generated inputs), each a mapping
``CASES = {file name: function returning the bytes}``; the file name's extension is
part of the case (it is what a user would have).
"""
from __future__ import annotations

import functools
import importlib.util
import os
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import scribekit
from scribekit import ScribekitError

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "hostile"
ROOT = HERE.parent
SECONDS = 2.0
"""What one hostile input may cost beyond the command's own start."""


def _cases() -> Iterator[tuple[str, Callable[[], bytes]]]:
    for path in sorted(CORPUS.glob("*")):
        if path.is_file() and not path.name.startswith((".", "README")):
            yield path.name, path.read_bytes
    for source in sorted(HERE.glob("hostile_cases_*.py")):
        spec = importlib.util.spec_from_file_location(source.stem, source)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield from sorted(module.CASES.items())


CASES = dict(_cases())


def _scribekit(*args: str, cwd: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "scribekit", *args], capture_output=True, text=True, env=env,
                            cwd=cwd, timeout=60)
    return result, time.monotonic() - started


@functools.cache
def _start_seconds() -> float:
    """What the command takes to start and convert a tiny file (the baseline a case is measured against)."""
    folder = Path(os.environ.get("TMPDIR", "/tmp"))
    tiny = folder / f"scribekit-hostile-baseline-{os.getpid()}.srt"
    tiny.write_text("1\n00:00:01,000 --> 00:00:02,000\nHello\n", encoding="utf-8")
    try:
        return min(_scribekit("convert", str(tiny), "--to", "vtt", "-o", "-", cwd=folder)[1] for _ in range(3))
    finally:
        tiny.unlink()


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_command_reads_or_refuses_in_one_line(name: str, tmp_path: Path) -> None:
    source = tmp_path / name
    source.write_bytes(CASES[name]())
    result, seconds = _scribekit("convert", str(source), "--to", "srt", "-o", str(tmp_path / "out.srt"),
                                 cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr[-2000:]
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr[-2000:]
    errors = [line for line in result.stderr.splitlines() if line.startswith("scribekit: error:")]
    if result.returncode == 1:
        assert len(errors) == 1 and name in errors[0], result.stderr[-2000:]
        assert len(errors[0]) < 1000
        assert not (tmp_path / "out.srt").exists()
    else:
        assert not errors and (tmp_path / "out.srt").exists()
    assert all(len(line) < 1000 for line in result.stderr.splitlines())
    assert seconds - _start_seconds() < SECONDS, f"{seconds:.1f} s"


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_library_raises_only_its_own_errors(name: str, tmp_path: Path) -> None:
    source = tmp_path / name
    source.write_bytes(CASES[name]())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", scribekit.ScribekitWarning)
        try:
            transcripts = scribekit.load_all(source)
            for transcript in transcripts:
                for fmt in ("srt", "vtt", "json", "txt"):
                    scribekit.dumps(transcript, fmt)
        except ScribekitError:
            pass
