#!/usr/bin/env python3
"""A season re-cut in one run: `scribekit resegment` over a tree of SRT files with one
and with two processes, side by side with pysubs2's CLI converting the same tree to VTT.

    python benchmarks/bench_batch.py [--files 1000] [--cues 200]

The tree comes from ../shared/bench/make_corpus.py srt-dir (deterministic).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = Path(os.environ.get("SCRIBEKIT_SHARED", HERE.parent.parent / "shared")) / "bench" / "make_corpus.py"


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--cues", type=int, default=200)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="scribekit-bench-batch-"))
    tree = work / "tree"
    subprocess.run([sys.executable, str(CORPUS), "srt-dir", "--cues", str(args.cues), "--files", str(args.files),
                    "--out", str(tree)], check=True, stdout=subprocess.DEVNULL)
    files = sorted(str(p) for p in tree.rglob("*.srt"))
    results = {}
    for jobs in (1, 2):
        out = work / f"recut-{jobs}"
        results[jobs] = timed([sys.executable, "-m", "scribekit", "resegment", str(tree), "-r", "--max-chars-per-row",
                               "32", "--output-dir", str(out), "--jobs", str(jobs), "--quiet"])
        written = len(list(out.rglob("*.srt")))
        print(f"scribekit resegment --jobs {jobs}: {results[jobs]:6.2f} s  ({written} files)")
        shutil.rmtree(out)
    (work / "pysubs2").mkdir()
    theirs = timed([sys.executable, "-m", "pysubs2", "--to", "vtt", "-o", str(work / "pysubs2"), *files])
    print(f"pysubs2 --to vtt (same tree, conversion only): {theirs:6.2f} s")
    convert_out = work / "converted"
    ours_convert = timed([sys.executable, "-m", "scribekit", "convert", str(tree), "-r", "--to", "vtt",
                          "--output-dir", str(convert_out), "--jobs", "2", "--quiet"])
    print(f"scribekit convert --to vtt --jobs 2 (same tree): {ours_convert:6.2f} s")
    print(f"speed-up of --jobs 2 over --jobs 1: {results[1] / results[2]:.2f}x")
    print(f"resegment --jobs 2 / pysubs2 conversion: {results[2] / theirs:.2f}; "
          f"convert --jobs 2 / pysubs2 conversion: {ours_convert / theirs:.2f}")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
