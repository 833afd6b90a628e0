#!/usr/bin/env python3
"""Writing EBU STL against writing SRT, side by side on the same cues, in one process.

    python benchmarks/bench_stl.py [--cues 99999] [--repeat 7]

The cues are the text of benchmarks/corpus.py's SRT (deterministic), repeated to
--cues and re-timed 0.82 s apart: an STL file holds at most 99,999 TTI blocks and times
within 24 hours, so 100,000 cues cannot be one file. Both writers get the same Transcript;
SRT's text is encoded to UTF-8, as writing it to a file does. Each run alternates the two
writers; the times are the median and the best of --repeat runs.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
CORPUS = HERE / "corpus.py"

import scribekit  # noqa: E402
from scribekit import Cue, Transcript  # noqa: E402


def corpus_cues(count: int) -> list[Cue]:
    srt = subprocess.run([sys.executable, str(CORPUS), "srt", "--cues", "100000"], check=True,
                         capture_output=True).stdout
    source = scribekit.loads(srt, format="srt").cues or []
    return [Cue(i * 820, i * 820 + 800, list(source[i % len(source)].lines)) for i in range(count)]


def timed(transcript: Transcript, fmt: str, **options: object) -> float:
    started = time.perf_counter()
    out = scribekit.dumps(transcript, fmt, **options)
    if isinstance(out, str):
        out = out.encode("utf-8")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cues", type=int, default=99_999)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    transcript = Transcript(cues=corpus_cues(args.cues))
    runs: dict[str, list[float]] = {"srt": [], "stl": [], "stl teletext": []}
    warnings.simplefilter("ignore")  # teletext: rows wider than 35 characters are reported
    for _ in range(args.repeat):
        runs["srt"].append(timed(transcript, "srt"))
        runs["stl"].append(timed(transcript, "stl"))
        runs["stl teletext"].append(timed(transcript, "stl", stl_mode="teletext"))
    print(f"writing {args.cues:,} cues (median and best of {args.repeat} runs)")
    for name, times in runs.items():
        print(f"  {name:<14}{statistics.median(times):7.3f} s  {min(times):7.3f} s  "
              f"{statistics.median(times) / args.cues * 1e6:5.2f} us a cue")
    for name in ("stl", "stl teletext"):
        print(f"  time ratio {name}/srt: median {statistics.median(runs[name]) / statistics.median(runs['srt']):.2f}"
              f"   best {min(runs[name]) / min(runs['srt']):.2f}")


if __name__ == "__main__":
    from _script import run_script

    run_script(main, __file__)
