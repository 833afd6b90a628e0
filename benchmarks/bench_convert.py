#!/usr/bin/env python3
"""Conversion speed and peak memory, side by side with pysubs2, in one run.

    python benchmarks/bench_convert.py [--cues 100000] [--words 100000] [--repeat 3]

Inputs come from benchmarks/corpus.py (deterministic). Each command
runs in its own process; wall time is the median of --repeat runs, peak memory
the largest resident set size of the process.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus.py"


def run(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (MiB) of one child process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode() if process.stderr else ''}")
    return elapsed, usage.ru_maxrss // 1024


def measure(command: list[str], repeat: int) -> tuple[float, int]:
    results = [run(command) for _ in range(repeat)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def make(kind: str, count_flag: str, count: int, path: Path) -> None:
    if not path.exists():
        with path.open("wb") as out:
            subprocess.run([sys.executable, str(CORPUS), kind, count_flag, str(count)], stdout=out, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cues", type=int, default=100_000)
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="scribekit-bench-"))
    srt = work / "big.srt"
    amber = work / "big.amberscript.json"
    make("srt", "--cues", args.cues, srt)
    make("amberscript", "--words", args.words, amber)
    python = sys.executable

    ours = measure([python, "-m", "scribekit", "convert", str(srt), "--to", "vtt", "-o", str(work / "ours.vtt"),
                    "--force"], args.repeat)
    (work / "theirs").mkdir(exist_ok=True)
    theirs = measure([python, "-m", "pysubs2", "--to", "vtt", "-o", str(work / "theirs"), str(srt)], args.repeat)
    print(f"SRT -> VTT, {args.cues:,} cues (median of {args.repeat})")
    print(f"  scribekit convert      {ours[0]:7.2f} s  {ours[1]:5d} MiB peak")
    print(f"  python -m pysubs2      {theirs[0]:7.2f} s  {theirs[1]:5d} MiB peak")
    print(f"  time ratio scribekit/pysubs2: {ours[0] / theirs[0]:.2f}   memory ratio: {ours[1] / theirs[1]:.2f}")

    amber_srt = measure([python, "-m", "scribekit", "convert", str(amber), "--to", "srt", "-o",
                         str(work / "amber.srt"), "--force"], args.repeat)
    print(f"Amberscript JSON -> SRT, {args.words:,} words (median of {args.repeat})")
    print(f"  scribekit convert      {amber_srt[0]:7.2f} s  {amber_srt[1]:5d} MiB peak")
    print(f"(inputs and outputs in {work})")


if __name__ == "__main__":
    from _script import run_script

    run_script(main, __file__)
