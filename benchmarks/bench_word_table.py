#!/usr/bin/env python3
"""Writing (and reading) the CSV word table against Python's csv module doing the same, in one process.

    python benchmarks/bench_word_table.py [--words 100000] [--repeat 7]

The transcript is benchmarks/corpus.py's Amberscript JSON of --words words (three
speakers, confidences), read once. Compared, each to UTF-8 bytes as writing a file does:

- ``scribekit csv``: ``scribekit.dumps(transcript, "csv")``, the whole writer (time order,
  formula guard, text checks);
- ``csv module, rows by hand``: a loop over the words making the same rows (seconds with three
  decimals, speaker name, confidence) and ``csv.writer.writerows`` writing them;
- ``csv module, rows made``: ``csv.writer.writerows`` of rows already made (its floor);

and reading: ``scribekit.loads(data, "csv")`` against ``list(csv.reader(...))`` of the same text.
Each run alternates them; the times are the median and the best of --repeat runs.
"""
from __future__ import annotations

import argparse
import csv
import io
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
CORPUS = HERE / "corpus.py"

import scribekit  # noqa: E402
from scribekit import Transcript  # noqa: E402


def corpus(words: int) -> Transcript:
    data = subprocess.run([sys.executable, str(CORPUS), "amberscript", "--words", str(words)], check=True,
                          capture_output=True).stdout
    return scribekit.loads(data, format="amberscript-json")


def by_hand(transcript: Transcript) -> list[tuple[str, str, str, str, str]]:
    rows = []
    for segment in transcript.segments:
        name = transcript.speaker_name(segment.speaker) or ""
        for word in segment.words:
            rows.append((f"{word.start / 1000:.3f}", f"{word.end / 1000:.3f}", name,
                         "" if word.confidence is None else repr(word.confidence), word.text))
    return rows


def write_rows(rows: list[tuple[str, str, str, str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(("start", "end", "speaker", "confidence", "word"))
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def timed(job: Callable[[], object]) -> float:
    started = time.perf_counter()
    job()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    transcript = corpus(args.words)
    made = by_hand(transcript)
    ours = str(scribekit.dumps(transcript, "csv"))
    assert ours.encode("utf-8") == write_rows(made), "the two writers must write the same bytes"
    data = ours.encode("utf-8")
    jobs: dict[str, Callable[[], object]] = {
        "scribekit csv": lambda: str(scribekit.dumps(transcript, "csv")).encode("utf-8"),
        "csv module, rows by hand": lambda: write_rows(by_hand(transcript)),
        "csv module, rows made": lambda: write_rows(made),
        "read: scribekit csv": lambda: scribekit.loads(data, format="csv"),
        "read: csv.reader": lambda: list(csv.reader(io.StringIO(data.decode("utf-8"), newline=""))),
    }
    runs: dict[str, list[float]] = {name: [] for name in jobs}
    for _ in range(args.repeat):
        for name, job in jobs.items():
            runs[name].append(timed(job))
    print(f"the word table of {len(transcript.words):,} words, {len(data) / 1e6:.1f} MB "
          f"(median and best of {args.repeat} runs)")
    for name, times in runs.items():
        print(f"  {name:<26}{statistics.median(times):7.3f} s  {min(times):7.3f} s")
    for ours_name, theirs_name in (("scribekit csv", "csv module, rows by hand"),
                                   ("scribekit csv", "csv module, rows made"),
                                   ("read: scribekit csv", "read: csv.reader")):
        print(f"  time ratio {ours_name} / {theirs_name}: median "
              f"{statistics.median(runs[ours_name]) / statistics.median(runs[theirs_name]):.2f}   "
              f"best {min(runs[ours_name]) / min(runs[theirs_name]):.2f}")


if __name__ == "__main__":
    from _script import run_script

    run_script(main, __file__)
