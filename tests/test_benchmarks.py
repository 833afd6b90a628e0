"""The benchmark script of issue 17 runs from a fresh clone and prints every row, and the corpus
generator it reads makes exactly what it is asked for, the same bytes each time. No timing is
asserted: the numbers only have to be numbers."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import scribekit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_speed  # noqa: E402
import corpus  # noqa: E402

sys.path.remove(str(ROOT / "benchmarks"))


@pytest.mark.parametrize("count", [0, 1, 2, 7, 250, 3001])
def test_the_corpus_makes_exactly_the_cues_and_words_asked_for(count: int) -> None:
    assert len(corpus.cues(count)) == count
    assert len(list(corpus.words(count))) == count


@pytest.mark.parametrize("count", [1, 2, 7, 250])
def test_the_corpus_reads_back_with_that_many(count: int) -> None:
    srt = scribekit.loads(corpus.subtitles(count).encode(), format="srt")
    vtt = scribekit.loads(corpus.subtitles(count, vtt=True).encode(), format="vtt")
    assert len(srt.cues or []) == len(vtt.cues or []) == count
    amber = scribekit.loads(json.dumps(corpus.amberscript(count)).encode(), format="amberscript-json")
    happy = scribekit.loads(json.dumps(corpus.happyscribe(count)).encode(), format="happyscribe-json")
    assert len(amber.words) == len(happy.words) == count


def test_the_corpus_is_the_same_bytes_for_the_same_arguments(tmp_path: Path) -> None:
    made = [subprocess.run([sys.executable, str(ROOT / "benchmarks" / "corpus.py"), kind, "--cues", "300",
                            "--words", "2000"], check=True, capture_output=True).stdout
            for kind in ("srt", "srt", "vtt", "amberscript", "happyscribe")]
    assert made[0] == made[1] == corpus.text("srt", cues_count=300).encode("utf-8")
    assert made[2] == corpus.text("vtt", cues_count=300).encode("utf-8")
    assert made[3] == corpus.text("amberscript", words_count=2000).encode("utf-8")
    assert made[4] == corpus.text("happyscribe", words_count=2000).encode("utf-8")
    tree = corpus.srt_dir(tmp_path / "tree", 9, 5)
    assert len(tree) == 9 and len({p.read_bytes() for p in tree}) == 9
    assert sorted({p.parent.name for p in tree}) == [f"season{k}" for k in range(1, 8)]


def test_the_speed_benchmark_prints_every_row_with_numbers(tmp_path: Path) -> None:
    report = tmp_path / "speed.json"
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_speed.py"), "--scale", "0.0005",
                           "--repeat", "1", "--help-repeat", "1", "--baseline", str(ROOT), "--json", str(report)],
                          capture_output=True, text=True, cwd=tmp_path, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith("| ")]
    assert len(rows) == 1 + len(bench_speed.ROWS)  # the header, then a line a row
    for row, line in zip(bench_speed.ROWS, rows[1:]):
        assert line.startswith(f"| {bench_speed.Sizes.scaled(0.0005).label(row.work)} | {row.anchor_label} |")
        assert line.endswith(("| yes |", "| no |"))
    document = json.loads(report.read_text(encoding="utf-8"))
    assert [entry["row"] for entry in document["rows"]] == list(bench_speed.ROW_NAMES)
    for entry in document["rows"]:
        assert entry["error"] is None and entry["anchor_value"] > 0
        for variant in ("before", "after"):
            assert entry[variant]["error"] is None
            assert isinstance(entry[variant]["ratio"], float) and entry[variant]["ratio"] > 0
            assert entry[variant]["met"] == (entry[variant]["ratio"] <= entry["target"])
