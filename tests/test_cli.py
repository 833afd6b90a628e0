"""The command line as a user meets it: exit codes, one-line messages, no partial files."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from scribekit.cli import cli
from scribekit.errors import WriteError
from scribekit.fileio import write_atomic

AMBERSCRIPT = {
    "id": "job", "recordId": "rec", "filename": "talk.mp3", "startTimeOffset": 0.0,
    "speakers": [{"spkid": "spk1", "name": "Host"}, {"spkid": "spk2", "name": "Guest"}],
    "segments": [
        {"speaker": "spk1", "words": [
            {"start": 0.45, "end": 1.08, "duration": 0.63, "text": "Hi,", "conf": 1.0, "pristine": True},
            {"start": 1.11, "end": 1.65, "duration": 0.54, "text": "welcome", "conf": 1.0, "pristine": True},
            {"start": 1.65, "end": 1.8, "duration": 0.15, "text": "to", "conf": 1.0, "pristine": True},
            {"start": 1.8, "end": 2.1, "duration": 0.3, "text": "Zürich.", "conf": 0.65, "pristine": True}]},
        {"speaker": "spk2", "words": [
            {"start": 2.5, "end": 2.9, "duration": 0.4, "text": "Thank", "conf": 0.9, "pristine": True},
            {"start": 2.9, "end": 3.3, "duration": 0.4, "text": "you.", "conf": 0.9, "pristine": True}]}],
    "highlights": []}

SRT = "1\n00:00:01,000 --> 00:00:02,500\nHello there.\n\n2\n00:00:03,000 --> 00:00:04,000\nSecond cue.\n"


@pytest.fixture
def interview(tmp_path: Path) -> Path:
    path = tmp_path / "interview.json"
    path.write_text(json.dumps(AMBERSCRIPT), encoding="utf-8")
    return path


def run(*args: str, input: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_convert_writes_beside_the_input(interview: Path) -> None:
    code, _, err = run("convert", str(interview), "--to", "srt")
    assert code == 0, err
    srt = interview.with_suffix(".srt").read_text(encoding="utf-8")
    assert srt.startswith("1\n00:00:00,450 --> ")
    assert "Hi, welcome to Zürich." in srt and "Thank you." in srt


def test_limits_reach_the_segmenter(interview: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.vtt"
    code, _, err = run("convert", str(interview), "--to", "vtt", "--max-chars-per-row", "10", "--max-rows", "1",
                       "-o", str(out))
    assert code == 0, err
    text_lines = [line for line in out.read_text(encoding="utf-8").splitlines()
                  if line and "-->" not in line and line != "WEBVTT" and not line.isdigit()]
    assert text_lines and all(len(line) <= 10 for line in text_lines)


def test_txt_to_stdout_with_timestamps_and_speakers(interview: Path) -> None:
    code, out, _ = run("convert", str(interview), "--to", "txt", "--timestamps", "--speakers", "-o", "-")
    assert code == 0
    assert out == "00:00:00\nHost: Hi, welcome to Zürich.\n\n00:00:02\nGuest: Thank you.\n"


def test_output_dir_and_stdin(tmp_path: Path) -> None:
    source = tmp_path / "old.srt"
    source.write_text(SRT, encoding="utf-8")
    code, _, err = run("convert", str(source), "--to", "vtt", "--output-dir", str(tmp_path / "converted"))
    assert code == 0, err
    assert (tmp_path / "converted" / "old.vtt").read_text(encoding="utf-8").startswith("WEBVTT")
    code, out, _ = run("convert", "-", "--to", "vtt", "-o", "-", input=SRT.encode())
    assert code == 0 and "00:00:01.000 --> 00:00:02.500" in out


def test_an_existing_output_is_kept_without_force(interview: Path) -> None:
    target = interview.with_suffix(".srt")
    target.write_text("precious", encoding="utf-8")
    code, _, err = run("convert", str(interview), "--to", "srt")
    assert code == 1
    assert "exists already" in err and "--force" in err and str(target) in err
    assert target.read_text(encoding="utf-8") == "precious"
    code, _, _ = run("convert", str(interview), "--to", "srt", "--force")
    assert code == 0 and target.read_text(encoding="utf-8").startswith("1\n")


@pytest.mark.parametrize("content, message", [
    (b"", "empty file"),
    (b"   \n\n", "empty file"),
    (b"hello, this is a letter and not a transcript", "not a transcript or subtitle format"),
    (b'{"segments": [{"speaker": "spk1", "words": [{"start": 0.4', "truncated JSON"),
    (b'{"hello": "world"}', "JSON of an unknown shape"),
    (b"[1, 2, 3]", "JSON of an unknown shape"),
    (bytes(range(256)) * 4, "binary data"),
])
def test_bad_input_is_one_line_exit_1_and_no_output(tmp_path: Path, content: bytes, message: str) -> None:
    source = tmp_path / "input.json"
    source.write_bytes(content)
    code, out, err = run("convert", str(source), "--to", "srt")
    assert code == 1
    assert message in err and str(source) in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not (tmp_path / "input.srt").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["input.json"]


def test_missing_file_and_directory(tmp_path: Path) -> None:
    code, _, err = run("convert", str(tmp_path / "nope.json"), "--to", "srt")
    assert code == 1 and "no such file" in err
    code, _, err = run("convert", str(tmp_path), "--to", "srt")  # a folder holding nothing scribekit reads
    assert code == 2 and "no input files found" in err


def test_unwritable_output_leaves_nothing(interview: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("x", encoding="utf-8")
    code, _, err = run("convert", str(interview), "--to", "srt", "-o", str(blocker / "out.srt"))
    assert code == 1 and "Traceback" not in err and str(blocker / "out.srt") in err
    assert blocker.read_text(encoding="utf-8") == "x"


def test_wrong_usage_exits_2(interview: Path) -> None:
    assert run("convert", str(interview), "--to", "nonsense")[0] == 2
    code, _, err = run("convert", str(interview), "--to", "srt", "--timestamps")
    assert code == 2 and "srt takes no option --timestamps (it takes the options: --close-gaps-frames," in err
    assert run("convert", str(interview))[0] == 2  # no output format
    assert run("convert", str(interview), "--to", "srt", "--max-rows", "0", "-o", "-")[0] == 2


def test_one_bad_input_does_not_stop_the_others(interview: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.srt"
    bad.write_text("1\nthis is not a timing line\ntext\n", encoding="utf-8")
    code, _, err = run("convert", str(bad), str(interview), "--to", "vtt")
    assert code == 1 and str(bad) in err
    assert interview.with_suffix(".vtt").exists() and not bad.with_suffix(".vtt").exists()


def test_the_output_never_replaces_the_input(tmp_path: Path) -> None:
    source = tmp_path / "a.srt"
    source.write_text(SRT, encoding="utf-8")
    code, _, err = run("convert", str(source), "--to", "srt", "--force")
    assert code == 1 and "replace the input" in err
    assert source.read_text(encoding="utf-8") == SRT


def test_repairs_are_warned_with_the_file_name(tmp_path: Path) -> None:
    source = tmp_path / "dots.srt"
    source.write_text("1\n00:00:01.000 --> 00:00:02.000\nDot.\n", encoding="utf-8")
    code, out, err = run("convert", str(source), "--to", "srt", "-o", "-")
    assert code == 0 and "00:00:01,000 --> 00:00:02,000" in out
    assert "warning" in err and str(source) in err and "line 2" in err


def test_formats_lists_every_format_with_options() -> None:
    code, out, _ = run("formats", "--json")
    assert code == 0
    listed = {f["name"]: f for f in json.loads(out)["formats"]}
    for name in ("srt", "vtt", "txt", "json", "amberscript-json", "happyscribe-json", "amberscript-xml", "ass"):
        assert name in listed
    assert "max_chars_per_row" in listed["srt"]["options"] and "timestamps" in listed["txt"]["options"]
    assert listed["amberscript-xml"]["write"] is False
    code, out, _ = run("formats")
    assert code == 0 and "--max-chars-per-row" in out


def test_atomic_write_leaves_no_partial_file_when_interrupted(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.srt"
    real_fdopen = os.fdopen

    class DiskFull:
        """A file that takes the first bytes, then runs out of space."""

        def __init__(self, fd: int, mode: str) -> None:
            self.handle = real_fdopen(fd, mode)

        def __enter__(self) -> DiskFull:
            return self

        def __exit__(self, *_: object) -> None:
            self.handle.close()

        def write(self, data: bytes) -> None:
            self.handle.write(data[:100])
            self.handle.flush()
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fdopen", DiskFull)
    with pytest.raises(WriteError, match="No space left"):
        write_atomic(target, "x" * 100_000)
    assert list(tmp_path.iterdir()) == []


def test_real_process_exit_codes_and_no_traceback(interview: Path, tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    ok = subprocess.run([sys.executable, "-m", "scribekit", "convert", str(interview), "--to", "vtt", "-o", "-"],
                        capture_output=True, text=True, env=env)
    assert ok.returncode == 0 and ok.stdout.startswith("WEBVTT")
    garbage = tmp_path / "garbage.srt"
    garbage.write_bytes(b"\x00\x01\x02" * 100)
    bad = subprocess.run([sys.executable, "-m", "scribekit", "convert", str(garbage), "--to", "vtt"],
                         capture_output=True, text=True, env=env)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert bad.stderr.count("\n") == 1 and str(garbage) in bad.stderr
    usage = subprocess.run([sys.executable, "-m", "scribekit", "convert", str(interview), "--to", "bogus"],
                           capture_output=True, text=True, env=env)
    assert usage.returncode == 2 and "Traceback" not in usage.stderr
