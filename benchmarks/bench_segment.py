#!/usr/bin/env python3
"""Segmentation quality against human subtitlers, and segmentation speed by length.

    python benchmarks/bench_segment.py [--sizes 10000 100000 1000000]

Quality: ../shared/eval/amara.{en,fr} turned into word-timed exports, cut by
`scribekit convert --to srt --max-chars-per-row 42 --max-rows 2` with default
timing, scored by ../shared/eval/breaks.py (reference points: greedy 0.15, a
small DP 0.57). Speed: scribekit.segment on one core (CPU time of this process)
for transcripts made by benchmarks/corpus.py, with the time per
100,000 words to show that it grows linearly.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = Path(os.environ.get("SCRIBEKIT_SHARED", HERE.parent.parent / "shared"))


def quality(work: Path) -> None:
    for language in ("en", "fr"):
        reference = SHARED / "eval" / f"amara.{language}"
        transcript = work / f"amara.{language}.json"
        with transcript.open("w", encoding="utf-8") as out:
            subprocess.run([sys.executable, str(SHARED / "eval" / "amara_to_json.py"), str(reference)], stdout=out,
                           check=True)
        srt = work / f"amara.{language}.srt"
        subprocess.run([sys.executable, "-m", "scribekit", "convert", str(transcript), "--to", "srt",
                        "--max-chars-per-row", "42", "--max-rows", "2", "-o", str(srt), "--force"], check=True,
                       capture_output=True)
        scored = json.loads(subprocess.run([sys.executable, str(SHARED / "eval" / "breaks.py"), str(reference),
                                            str(srt), "--json"], check=True, capture_output=True,
                                           text=True).stdout)
        print(f"amara.{language}: break F1 {scored['any']['f1']:.3f} (cue breaks {scored['eob']['f1']:.3f}, "
              f"line breaks {scored['eol']['f1']:.3f}), blocks {scored['blocks']['hypothesis']} "
              f"(reference {scored['blocks']['reference']}), lines within 42: {scored['lines_within_limit']:.1%}")


def speed(work: Path, sizes: list[int]) -> None:
    import scribekit
    from scribekit.segmentation import SegmentOptions, accelerator, resolve_options, segment

    compiled = accelerator.core
    if compiled is None:
        print("the C core is not built: Python only")

    warnings.simplefilter("ignore")
    for size in sizes:
        path = work / f"words-{size}.json"
        with path.open("wb") as out:
            subprocess.run([sys.executable, str(HERE / "corpus.py"), "amberscript", "--words",
                            str(size)], stdout=out, check=True)
        transcript = scribekit.load(path)
        for name, options in (("default", SegmentOptions()), ("netflix", resolve_options("netflix"))):
            for core_name, core in (("C core", compiled), ("Python", None)):
                if core_name == "C core" and core is None:
                    continue
                accelerator.core = core
                started = time.process_time()
                cues = segment(transcript.segments, options)
                elapsed = time.process_time() - started
                print(f"{size:>9,} words, {name:<8} {core_name:<7} {elapsed:6.2f} s CPU  "
                      f"{elapsed / size * 100_000:5.2f} s per 100k words  {len(cues):,} cues")
            accelerator.core = compiled
        path.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000, 1_000_000])
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="scribekit-bench-segment-"))
    if (SHARED / "eval").is_dir():
        quality(work)
    else:
        print(f"quality skipped: {SHARED / 'eval'} not found (SCRIBEKIT_SHARED names the shared folder)")
    speed(work, args.sizes)


if __name__ == "__main__":
    from _script import run_script

    run_script(main, __file__)
