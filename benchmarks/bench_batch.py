#!/usr/bin/env python3
"""A season re-cut in one run: `scribekit resegment` over a tree of SRT files with one
and with two processes, side by side with pysubs2's CLI converting the same tree to VTT.

    python benchmarks/bench_batch.py [--files 1000] [--cues 200] [--repeat 3]

The tree comes from benchmarks/corpus.py srt-dir (deterministic). Also timed:
the two-process re-cut without the segmenter's C core (SCRIBEKIT_PURE_PYTHON=1), and
scribekit's own conversion of the tree to VTT.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus.py"


def timed(command: list[str], output: Path, repeat: int, env: dict[str, str] | None = None) -> float:
    """The median wall time of ``repeat`` runs, each into an empty ``output``."""
    # Bytecode cached as an installed package has it (pip writes it at install time).
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    environment.update(env or {})
    times = []
    for _ in range(repeat):
        shutil.rmtree(output, ignore_errors=True)
        output.mkdir()
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env=environment)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--cues", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each command; the median is reported")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="scribekit-bench-batch-"))
    try:
        run(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(args: argparse.Namespace, work: Path) -> None:
    tree = work / "tree"
    subprocess.run([sys.executable, str(CORPUS), "srt-dir", "--cues", str(args.cues), "--files", str(args.files),
                    "--out", str(tree)], check=True, stdout=subprocess.DEVNULL)
    files = sorted(str(p) for p in tree.rglob("*.srt"))
    out = work / "out"

    def resegment(jobs: int, env: dict[str, str] | None = None) -> float:
        return timed([sys.executable, "-m", "scribekit", "resegment", str(tree), "-r", "--max-chars-per-row", "32",
                      "--output-dir", str(out), "--jobs", str(jobs), "--quiet"], out, args.repeat, env)

    one, two = resegment(1), resegment(2)
    written = len(list(out.rglob("*.srt")))
    print(f"scribekit resegment --jobs 1: {one:6.2f} s")
    print(f"scribekit resegment --jobs 2: {two:6.2f} s  ({written} files)")
    python_only = resegment(2, {"SCRIBEKIT_PURE_PYTHON": "1"})
    print(f"scribekit resegment --jobs 2 without the C core: {python_only:6.2f} s")
    theirs = timed([sys.executable, "-m", "pysubs2", "--to", "vtt", "-o", str(out), *files], out, args.repeat)
    print(f"pysubs2 --to vtt (same tree, conversion only): {theirs:6.2f} s")
    ours_convert = timed([sys.executable, "-m", "scribekit", "convert", str(tree), "-r", "--to", "vtt",
                          "--output-dir", str(out), "--jobs", "2", "--quiet"], out, args.repeat)
    print(f"scribekit convert --to vtt --jobs 2 (same tree): {ours_convert:6.2f} s")
    print(f"speed-up of --jobs 2 over --jobs 1: {one / two:.2f}x")
    print(f"resegment --jobs 2 / pysubs2 conversion: {two / theirs:.2f} "
          f"(without the C core: {python_only / theirs:.2f}); convert --jobs 2 / pysubs2 conversion: "
          f"{ours_convert / theirs:.2f}")


if __name__ == "__main__":
    from _script import run_script

    run_script(main, __file__)
