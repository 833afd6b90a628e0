"""Batch runs over trees of files: everything good converted, everything bad reported,
nothing partial, nothing overwritten, resumable, interruptible."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import scribekit
from scribekit import batch
from scribekit.batch import Result, Task, convert_task, plan
from scribekit.cli import cli
from scribekit.errors import WriteError
from scribekit.segmentation import as_words

ROOT = Path(__file__).resolve().parent.parent

SRT = "1\n00:00:01,000 --> 00:00:02,500\nHello there, {n}.\n\n2\n00:00:03,000 --> 00:00:04,000\nSecond cue.\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _tree(root: Path) -> dict[str, str]:
    """A season with nested folders, a non-ASCII name, and three bad files."""
    good = {
        "season1/episode1.srt": SRT.format(n="one"),
        "season1/extras/behind the scenes.srt": SRT.format(n="two"),
        "season2/épisode été.srt": SRT.format(n="trois"),
        "season2/interview.json": (ROOT / "samples" / "amberscript" / "interview.json").read_text(encoding="utf-8"),
    }
    for name, text in good.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    (root / "season1" / "legacy.srt").write_bytes(SRT.format(n="Zürich, à la française").encode("cp1252"))
    (root / "season2" / "corrupt.srt").write_bytes((ROOT / "samples" / "malformed" / "broken-timing.srt").read_bytes())
    (root / "season2" / "empty.srt").write_bytes(b"")
    (root / "season2" / "notes.docx").write_bytes(b"not a subtitle, not an input")
    return good


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_a_tree_converts_except_its_bad_files_and_resumes_with_skip_existing(tmp_path: Path) -> None:
    source, out = tmp_path / "archive", tmp_path / "out"
    _tree(source)
    code, stdout, err = run("convert", str(source), "-r", "--to", "srt", "vtt", "--output-dir", str(out),
                            "--jobs", "2", "--json")
    assert code == 1
    report = json.loads(stdout)
    by_file = {Path(r["source"]).name: r for r in report["files"]}
    assert by_file["corrupt.srt"]["status"] == "failed"
    assert "cannot read the timing line" in by_file["corrupt.srt"]["error"]
    assert by_file["empty.srt"]["status"] == "failed" and "empty file" in by_file["empty.srt"]["error"]
    assert "notes.docx" not in by_file  # not a format scribekit reads
    assert report["summary"]["converted"] == 5 and report["summary"]["failed"] == 2
    assert "corrupt.srt" in err and "empty.srt" in err
    assert _files(out) == sorted([
        "season1/episode1.srt", "season1/episode1.vtt", "season1/extras/behind the scenes.srt",
        "season1/extras/behind the scenes.vtt", "season1/legacy.srt", "season1/legacy.vtt",
        "season2/interview.srt", "season2/interview.vtt", "season2/épisode été.srt", "season2/épisode été.vtt"])
    legacy = scribekit.load(out / "season1" / "legacy.vtt")
    assert legacy.cues and legacy.cues[0].lines == ["Hello there, Zürich, à la française."]
    before = {name: (out / name).stat().st_mtime_ns for name in _files(out)}
    code, stdout, _ = run("convert", str(source), "-r", "--to", "srt", "vtt", "--output-dir", str(out),
                          "--skip-existing", "--json")
    summary = json.loads(stdout)["summary"]
    assert summary["converted"] == 0 and summary["skipped"] == 5 and summary["failed"] == 2
    assert {name: (out / name).stat().st_mtime_ns for name in _files(out)} == before


def test_nothing_is_overwritten_without_force(tmp_path: Path) -> None:
    source, out = tmp_path / "archive", tmp_path / "out"
    _tree(source)
    (out / "season1").mkdir(parents=True)
    (out / "season1" / "episode1.vtt").write_text("precious", encoding="utf-8")
    code, _, err = run("convert", str(source), "-r", "--to", "vtt", "--output-dir", str(out), "-q")
    assert code == 1 and "exists already" in err
    assert (out / "season1" / "episode1.vtt").read_text(encoding="utf-8") == "precious"
    code, _, _ = run("convert", str(source / "season1" / "episode1.srt"), "--to", "vtt", "--output-dir",
                     str(out / "season1"), "--force")
    assert code == 0 and (out / "season1" / "episode1.vtt").read_text(encoding="utf-8").startswith("WEBVTT")


def test_dry_run_lists_and_writes_nothing(tmp_path: Path) -> None:
    source, out = tmp_path / "archive", tmp_path / "out"
    _tree(source)
    code, stdout, _ = run("convert", str(source), "-r", "--to", "vtt", "--output-dir", str(out), "--dry-run")
    assert f"would write {out / 'season1' / 'episode1.vtt'}" in stdout
    assert not out.exists()


def test_quoted_globs_with_double_star_and_mirrored_names(tmp_path: Path) -> None:
    source, out = tmp_path / "season1", tmp_path / "recut"
    for name in ("a/one.srt", "a/b/two.srt", "three.srt"):
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text(SRT.format(n=name), encoding="utf-8")
    code, _, err = run("resegment", f"{source}/**/*.srt", "--max-chars-per-row", "12", "--output-dir", str(out),
                       "--jobs", "2")
    assert code == 0, err
    assert _files(out) == ["a/b/two.srt", "a/one.srt", "three.srt"]
    cues = scribekit.load(out / "a" / "b" / "two.srt").cues or []
    assert all(len(line) <= 12 for c in cues for line in c.lines)


def test_colliding_outputs_are_an_error_before_anything_is_written(tmp_path: Path) -> None:
    (tmp_path / "a.srt").write_text(SRT.format(n="srt"), encoding="utf-8")
    (tmp_path / "a.vtt").write_text("WEBVTT\n\n00:01.000 --> 00:02.000\nvtt\n", encoding="utf-8")
    code, _, err = run("convert", str(tmp_path / "a.srt"), str(tmp_path / "a.vtt"), "--to", "txt")
    assert code == 1 and "would both be written here" in err
    assert not (tmp_path / "a.txt").exists()
    with pytest.raises(WriteError, match="would replace the input"):
        plan([str(tmp_path / "a.srt")], ["srt"])


def test_the_per_file_function_reports_instead_of_raising(tmp_path: Path) -> None:
    missing = convert_task(Task(str(tmp_path / "missing.srt"), str(tmp_path / "missing"), ("vtt",)))
    assert missing.status == "failed" and "no such file" in (missing.error or "")
    (tmp_path / "ok.srt").write_text(SRT.format(n="ok"), encoding="utf-8")
    done = convert_task(Task(str(tmp_path / "ok.srt"), str(tmp_path / "ok"), ("vtt", "txt")))
    assert done.status == "converted" and done.outputs == [str(tmp_path / "ok.vtt"), str(tmp_path / "ok.txt")]


def test_many_small_files_in_chunks_each_reported_once(tmp_path: Path) -> None:
    """Small files go to the workers in growing chunks; every file still has its one result."""
    for i in range(300):
        (tmp_path / f"file{i:03d}.srt").write_text(SRT.format(n=i), encoding="utf-8")
    tasks = plan([str(tmp_path)], ["vtt"], output_dir=str(tmp_path / "out"))
    seen: list[Result] = []
    assert batch.run(tasks, 2, seen.append)
    assert sorted(r.source for r in seen) == sorted(t.source for t in tasks)
    assert all(r.status == "converted" for r in seen)
    assert len(list((tmp_path / "out").glob("*.vtt"))) == 300
    assert "Hello there, 299." in (tmp_path / "out" / "file299.vtt").read_text(encoding="utf-8")


def test_quiet_batch_counts_warnings_instead_of_printing_them(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    for name in ("a", "b"):  # no index numbers: each file is repaired with a warning
        (source / f"{name}.srt").write_text("00:00:01,000 --> 00:00:02,000\nHello.\n", encoding="utf-8")
    code, _, err = run("convert", str(source), "--to", "vtt", "--output-dir", str(tmp_path / "quiet"), "--quiet")
    assert code == 0
    assert err.strip().splitlines() == [
        "scribekit: 2 warning(s) about 2 file(s) not shown (--quiet); --json lists them"]
    code, out, _ = run("convert", str(source), "--to", "vtt", "--output-dir", str(tmp_path / "json"), "--json")
    assert code == 0 and all("index" in r["warnings"][0] for r in json.loads(out)["files"])
    code, _, err = run("convert", str(source), "--to", "vtt", "--output-dir", str(tmp_path / "plain"))
    assert code == 0 and err.count("warning:") == 2


def _ctrl_c_as_on_a_terminal() -> None:
    """A shell starts background jobs with SIGINT ignored, and Python then never raises
    KeyboardInterrupt; give the command the default, as a user's terminal does."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_sigint_in_the_middle_leaves_only_complete_outputs(tmp_path: Path) -> None:
    source, out = tmp_path / "archive", tmp_path / "out"
    source.mkdir()
    big = "".join(f"{i + 1}\n00:{i // 60:02d}:{i % 60:02d},000 --> 00:{i // 60:02d}:{i % 60:02d},900\n"
                  f"Line number {i} of a long file, with more words to cut.\n\n" for i in range(3000))
    for i in range(120):  # enough that the run is still going when the signal comes, even on a busy machine
        (source / f"file{i:03d}.srt").write_text(big, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    with subprocess.Popen([sys.executable, "-m", "scribekit", "resegment", str(source), "--to", "vtt",
                           "--max-chars-per-row", "30", "--output-dir", str(out), "--jobs", "2"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                          preexec_fn=_ctrl_c_as_on_a_terminal) as process:
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and len(list(out.glob("*.vtt"))) < 2:
                time.sleep(0.05)
            process.send_signal(signal.SIGINT)
            _, err = process.communicate(timeout=120)
        finally:
            process.kill()
    assert process.returncode == 130, err
    assert b"Traceback" not in err and b"interrupted" in err
    written = sorted(out.glob("*"))
    assert 2 <= len(written) < 120
    assert all(p.suffix == ".vtt" for p in written)  # no temporary or partial file left
    expected = scribekit.dumps(as_words(scribekit.loads(big)), "vtt", max_chars_per_row=30)
    for path in written:
        assert path.read_text(encoding="utf-8") == expected


def test_the_readme_dask_example_runs_on_the_local_scheduler(tmp_path: Path) -> None:
    dask_bag = pytest.importorskip("dask.bag", reason="dask is an optional extra: pip install 'scribekit[dask]'")
    for i in range(6):
        (tmp_path / f"e{i}.srt").write_text(SRT.format(n=i), encoding="utf-8")
    tasks = plan([str(tmp_path)], ["vtt"], output_dir=str(tmp_path / "out"))
    results = dask_bag.from_sequence(tasks, npartitions=3).map(convert_task).compute(scheduler="processes")
    assert sorted(r.status for r in results) == ["converted"] * 6
    assert len(list((tmp_path / "out").glob("*.vtt"))) == 6


def _readme_dask_examples() -> list[str]:
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return [code for code in re.findall(r"^```python\n(.*?)^```", readme, re.S | re.M) if "import dask" in code]


@pytest.mark.parametrize("example", _readme_dask_examples(), ids=["processes", "distributed"])
def test_the_readme_dask_examples_run_as_scripts(example: str, tmp_path: Path) -> None:
    """Saved as a script and run, as a user runs them: Dask's workers import the script again."""
    pytest.importorskip("dask.bag", reason="dask is an optional extra: pip install 'scribekit[dask]'")
    if "distributed" in example:
        pytest.importorskip("distributed", reason="dask.distributed: pip install 'scribekit[dask]'")
    shutil.copytree(ROOT / "samples", tmp_path / "samples")
    (tmp_path / "convert_all.py").write_text(example, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "convert_all.py"], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=240)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-3000:]
    if "distributed" in example:
        assert "'samples/amberscript/interview.json': 'converted'" in done.stdout
        assert (tmp_path / "cluster-out" / "amberscript" / "interview.vtt").exists()
    else:
        assert done.stdout.startswith("6 converted, 2 failed\n"), done.stdout
        assert (tmp_path / "out" / "cp1252.vtt").exists()


def test_one_rule_for_where_an_output_goes(tmp_path: Path) -> None:
    from scribekit.outputs import destination

    folder = tmp_path / "out"
    folder.mkdir()
    assert destination(None, "talk", "srt", "media") == os.path.join("media", "talk.srt")
    assert destination(None, "talk", "srt") == "talk.srt"
    assert destination("-", "talk", "srt", "media") == "-"
    assert destination("x/y.vtt", "talk", "srt", "media") == "x/y.vtt"
    assert destination("x/", "talk", "srt", "media") == os.path.join("x/", "talk.srt")
    assert destination(str(folder), "talk", "srt") == os.path.join(str(folder), "talk.srt")
    assert destination(str(folder), "talk", "srt", folders=False) == str(folder)  # convert's -o is always a file
