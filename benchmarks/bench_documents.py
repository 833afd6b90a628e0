#!/usr/bin/env python3
"""Documents people read: a 100,000-word transcript to DOCX, PDF, HTML and TXT.

    python benchmarks/bench_documents.py [--words 100000] [--repeat 3]

The input comes from benchmarks/corpus.py (deterministic Amberscript JSON).
Each conversion runs as `scribekit convert` in its own process, with speakers,
timestamps at each turn and every 30 s, highlights, comments and low-confidence
marks; wall time is the median of --repeat runs, peak memory the largest resident
set size. The target is under 10 s each for DOCX and PDF.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_convert import make, measure  # noqa: E402

OPTIONS = ["--speakers", "--timestamps", "--timestamps-every", "30s", "--highlights", "--comments",
           "--low-confidence", "0.8"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="scribekit-bench-docs-"))
    source = work / "big.amberscript.json"
    make("amberscript", "--words", args.words, source)
    print(f"Amberscript JSON, {args.words:,} words -> documents (median of {args.repeat})")
    for fmt in ("docx", "pdf", "html", "txt"):
        out = work / f"big.{fmt}"
        seconds, peak = measure([sys.executable, "-m", "scribekit", "convert", str(source), "--to", fmt, "-o",
                                 str(out), "--force", *OPTIONS], args.repeat)
        size = out.stat().st_size / 1024 / 1024
        print(f"  {fmt:<5} {seconds:7.2f} s  {peak:5d} MiB peak  {size:6.1f} MiB out")
    print(f"(inputs and outputs in {work})")


if __name__ == "__main__":
    from _script import run_script

    run_script(main, __file__)
