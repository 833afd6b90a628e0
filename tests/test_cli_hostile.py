"""The command against hostile input and odd usage: a crash in a reader fails that file alone,
naming it; stdin and stdout never lose or mix data; options go to the formats that take them;
errors name flags; devices, FIFOs and symlinks are never replaced by files."""
from __future__ import annotations

import json
import multiprocessing
import os
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import scribekit
from scribekit import batch
from scribekit.cli import cli
from scribekit.cli._common import _flags, as_flags
from scribekit.errors import OptionError, ScribekitError, WriteError
from scribekit.fileio import write_atomic
from scribekit.formats import srt

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SRT = "1\n00:00:01,000 --> 00:00:02,500\nHello there, {n}.\n\n2\n00:00:03,000 --> 00:00:04,000\nSecond cue.\n"


def run(*args: str, input: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def errors(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("scribekit: error:")]


def _crashing_reader(monkeypatch: pytest.MonkeyPatch, exception: Callable[[], BaseException]) -> None:
    """The SRT reader raises ``exception()`` (not one of scribekit's errors) on any text saying BOOM,
    and ends its process abruptly on any saying DIE (for the pool's workers only)."""
    original = srt.read

    def read(text: str) -> Any:
        if "DIE" in text:
            os._exit(7)
        if "BOOM" in text:
            raise exception()
        return original(text)

    monkeypatch.setattr(srt, "read", read)


def _season(root: Path, bad: dict[str, str]) -> list[Path]:
    files = []
    for n in range(6):
        name = bad.get(str(n), f"ep{n}")
        path = root / f"{n:02d}-{name}.srt"
        path.write_text(SRT.format(n=name), encoding="utf-8")
        files.append(path)
    return files


# --- a crash while reading: the file is named, the others go on --------------------------

@pytest.mark.parametrize("exception", [lambda: RuntimeError("boom " * 1000), lambda: MemoryError(),
                                       lambda: KeyError("x"), lambda: RecursionError()],
                         ids=["RuntimeError", "MemoryError", "KeyError", "RecursionError"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_crashing_reader_fails_its_file_alone(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                exception: Callable[[], BaseException], jobs: str) -> None:
    if jobs != "1" and multiprocessing.get_start_method() != "fork":
        pytest.skip("the workers see the monkeypatched reader only when forked")
    _crashing_reader(monkeypatch, exception)
    files = _season(tmp_path, {"2": "BOOM"})
    code, out, err = run("convert", *map(str, files), "--to", "vtt", "-j", jobs, "--json")
    report = json.loads(out)
    assert code == 3, err  # an internal error: a fault to report, not bad input
    assert report["summary"]["converted"] == 5 and report["summary"]["failed"] == 1
    failed = [f for f in report["files"] if f["status"] == "failed"]
    assert failed[0]["source"] == str(files[2]) and failed[0]["internal"]
    assert f"{files[2]}: internal error ({exception().__class__.__name__}" in failed[0]["error"]
    assert len(failed[0]["error"]) < 400  # a short excerpt of the exception, never megabytes
    said = errors(err)
    assert len(said) == 1 and str(files[2]) in said[0]
    assert all(p.with_suffix(".vtt").exists() for p in files if p != files[2])
    assert not files[2].with_suffix(".vtt").exists()


def test_the_summary_is_said_after_a_crash(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _crashing_reader(monkeypatch, lambda: ValueError("unexpected"))
    files = _season(tmp_path, {"0": "BOOM"})
    code, _, err = run("convert", *map(str, files), "--to", "vtt", "-j", "1")
    assert code == 3
    assert "5 converted, 0 skipped, 1 failed" in err and f"{files[0]}: internal error (ValueError: unexpected)" in err


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="needs forked workers")
def test_a_worker_that_dies_fails_its_file_alone(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _crashing_reader(monkeypatch, lambda: RuntimeError("boom"))
    files = _season(tmp_path, {"1": "DIE"})
    code, out, err = run("convert", *map(str, files), "--to", "vtt", "-j", "2", "--json")
    report = json.loads(out)
    assert code == 3, err
    assert report["summary"]["converted"] == 5 and report["summary"]["failed"] == 1, err
    failed = [f for f in report["files"] if f["status"] == "failed"]
    assert failed[0]["source"] == str(files[1]) and "worker process ended abruptly" in failed[0]["error"]
    assert sorted(f["source"] for f in report["files"]) == sorted(map(str, files))


def test_keyboard_interrupt_still_stops_the_run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _crashing_reader(monkeypatch, KeyboardInterrupt)
    files = _season(tmp_path, {"1": "BOOM"})
    results: list[batch.Result] = []
    tasks = batch.plan(map(str, files), ["vtt"])
    assert batch.run(tasks, 1, results.append) is False
    assert [r.status for r in results] == ["converted"]


@pytest.mark.parametrize("command", ["info", "lint"])
def test_info_and_lint_name_the_file_of_an_internal_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                          command: str) -> None:
    _crashing_reader(monkeypatch, lambda: IndexError("list index out of range"))
    bad = tmp_path / "bad.srt"
    bad.write_text(SRT.format(n="BOOM"), encoding="utf-8")
    code, _, err = run(command, str(bad))
    assert code == 3
    said = errors(err)
    assert said == [f"scribekit: error: {bad}: internal error (IndexError: list index out of range)"], err


def test_lint_goes_on_after_an_internal_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _crashing_reader(monkeypatch, lambda: TypeError("odd"))
    bad, good = tmp_path / "bad.srt", tmp_path / "good.srt"
    bad.write_text(SRT.format(n="BOOM"), encoding="utf-8")
    good.write_text(SRT.format(n="fine"), encoding="utf-8")
    code, _, err = run("lint", str(bad), str(good))
    assert code == 3 and len(errors(err)) == 1 and "2 cue(s) of 1 file(s)" in err


# --- stdin and stdout ----------------------------------------------------------------------

def test_stdin_with_several_transcripts_needs_an_output_dir(tmp_path: Path) -> None:
    exports = (SAMPLES / "happyscribe" / "exports.zip").read_bytes()
    code, out, err = run("convert", "-", "--to", "txt", input=exports)
    assert code == 1 and out == ""
    assert errors(err) == ["scribekit: error: stdin: holds 2 transcripts, and standard output takes one "
                           "(give --output-dir to write each to a file)"]
    code, _, err = run("convert", "-", "--to", "txt", "srt", "--output-dir", str(tmp_path / "out"), input=exports)
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "followup.srt", "followup.txt", "interview.srt", "interview.txt"]


def test_stdin_single_transcript_to_an_output_dir_is_named_stdin(tmp_path: Path) -> None:
    code, _, err = run("convert", "-", "--to", "vtt", "--output-dir", str(tmp_path),
                       input=SRT.format(n="x").encode())
    assert code == 0, err
    assert (tmp_path / "stdin.vtt").read_text(encoding="utf-8").startswith("WEBVTT")


def test_stdin_to_several_formats_on_stdout_is_wrong_usage() -> None:
    code, out, err = run("convert", "-", "--to", "srt", "vtt", input=SRT.format(n="x").encode())
    assert code == 2 and out == "" and "--output-dir" in err


@pytest.mark.parametrize("args", [["-", "-o", "-"], ["-"], ["IN", "-o", "-"]])
def test_json_report_and_output_on_one_stream_is_wrong_usage(tmp_path: Path, args: list[str]) -> None:
    source = tmp_path / "in.srt"
    source.write_text(SRT.format(n="x"), encoding="utf-8")
    args = [str(source) if a == "IN" else a for a in args]
    code, out, err = run("convert", *args, "--to", "vtt", "--json", input=SRT.format(n="x").encode())
    assert code == 2 and out == "" and "--json" in err


def test_an_output_that_is_a_folder_takes_the_outputs(tmp_path: Path) -> None:
    source = tmp_path / "in.srt"
    source.write_text(SRT.format(n="x"), encoding="utf-8")
    folder = tmp_path / "out"
    folder.mkdir()
    code, _, err = run("convert", str(source), "--to", "vtt", "srt", "-o", f"{folder}/")
    assert code == 0, err
    assert sorted(p.name for p in folder.iterdir()) == ["in.srt", "in.vtt"]


@pytest.mark.parametrize("command", [["convert", "-", "--to", "srt"], ["info", "-"], ["lint", "-"]])
def test_stdin_is_named_stdin_in_errors(command: list[str]) -> None:
    code, _, err = run(*command, input=b"")
    assert code == 1 and errors(err) == ["scribekit: error: stdin: empty file"], err


def test_stdin_to_one_format_on_stdout_still_works() -> None:
    code, out, err = run("convert", "-", "--to", "vtt", input=SRT.format(n="x").encode())
    assert code == 0 and out.startswith("WEBVTT") and "Hello there, x." in out, err


# --- options that only some formats take ---------------------------------------------------

@pytest.mark.parametrize("extra, takes", [(["--to", "srt", "docx", "--speakers"], "docx"),
                                          (["--to", "srt", "txt", "--profile", "netflix"], "srt"),
                                          (["--to", "srt", "txt", "--wrap", "20"], "txt")])
def test_an_option_applies_to_the_formats_that_take_it(tmp_path: Path, extra: list[str], takes: str) -> None:
    source = tmp_path / "talk.json"
    source.write_bytes((SAMPLES / "amberscript" / "interview.json").read_bytes())
    code, _, err = run("convert", str(source), *extra)
    assert code == 0, err
    for fmt in extra[1:3]:
        assert source.with_suffix(f".{fmt}").exists()


def test_an_option_no_requested_format_takes_is_wrong_usage(tmp_path: Path) -> None:
    source = tmp_path / "talk.srt"
    source.write_text(SRT.format(n="x"), encoding="utf-8")
    code, _, err = run("convert", str(source), "--to", "srt", "vtt", "--wrap", "20")
    assert code == 2
    assert errors(err) == ["scribekit: error: none of srt, vtt takes the option --wrap (for txt)"]
    assert not source.with_suffix(".vtt").exists()


def test_the_library_selects_options_per_format() -> None:
    infos = [scribekit.formats.get("srt"), scribekit.formats.get("txt")]
    assert scribekit.formats.select_options(infos, {"wrap": 3, "max_rows": 1}) == [{"max_rows": 1}, {"wrap": 3}]
    with pytest.raises(OptionError, match="none of srt, txt takes the option avid_color"):
        scribekit.formats.select_options(infos, {"avid_color": "red"})


# --- plain text, MicroDVD, encodings: exit 1 for bad input, 2 for wrong usage --------------

def test_plain_text_is_said_to_be_plain_text(tmp_path: Path) -> None:
    note = tmp_path / "notes.txt"
    note.write_text("Meeting notes.\nNothing with times here.\n", encoding="utf-8")
    code, _, err = run("convert", str(note), "--to", "srt")
    assert code == 1
    assert errors(err) == [f"scribekit: error: {note}: plain text without times is not a subtitle or transcript "
                           "format scribekit reads (pass --from avid-markers or avid-ds if it is one)"]
    assert "--input-fps" not in err


def test_a_marker_list_in_a_txt_is_still_read(tmp_path: Path) -> None:
    markers = tmp_path / "markers.txt"
    markers.write_text("Ana\t01:00:02:13\tV1\tred\tGood morning\t41\n", encoding="utf-8")
    code, out, err = run("convert", str(markers), "--input-fps", "25", "--to", "srt", "-o", "-")
    assert code == 0 and "Good morning" in out, err


def test_microdvd_is_written_at_25_fps_by_default_with_a_warning(tmp_path: Path) -> None:
    source = tmp_path / "in.srt"
    source.write_text(SRT.format(n="x"), encoding="utf-8")
    code, out, err = run("convert", str(source), "--to", "microdvd", "-o", "-")
    assert code == 0 and "{25}{62}Hello there, x." in out, err
    assert err.count("warning:") == 1 and "(the default, --fps 25); give --fps for" in err
    code, out, err = run("convert", str(source), "--to", "microdvd", "--fps", "50", "-o", "-")
    assert code == 0 and "{50}{125}" in out and "warning" not in err


def test_an_unknown_encoding_is_wrong_usage(tmp_path: Path) -> None:
    source = tmp_path / "in.srt"
    source.write_text(SRT.format(n="x"), encoding="utf-8")
    for command in (["convert", str(source), "--to", "vtt"], ["lint", str(source)], ["info", str(source)]):
        code, _, err = run(*command, "--encoding", "nope")
        assert code == 2 and "--encoding" in err and "'nope' is not a text encoding" in err


@pytest.mark.parametrize("args", [["--input-fps", "0"], ["--input-fps", "-25"], ["--input-fps", "nan"],
                                  ["--fps", "nan"], ["--max-cps", "inf"], ["--max-duration", "nan"],
                                  ["--from", "nope"]])
@pytest.mark.parametrize("command", ["convert", "lint"])
def test_wrong_numbers_and_formats_are_wrong_usage(tmp_path: Path, args: list[str], command: str) -> None:
    source = tmp_path / "in.srt"
    source.write_text(SRT.format(n="x"), encoding="utf-8")
    if command == "lint" and args[0] == "--fps":
        args = ["--max-cps", "nan"]
    extra = ["--to", "srt", "-o", "-"] if command == "convert" else []
    code, out, err = run(command, str(source), *args, *extra)
    assert code == 2 and out == "" and (args[0] if args[0] != "--from" else "unknown format 'nope'") in err, err


# --- errors name flags on the command line, arguments in the library ------------------------

@pytest.mark.parametrize("args, said", [
    (["--max-chars-per-row", "0"], "--max-chars-per-row must be at least 1, not 0"),
    (["--max-duration", "0.1"], "--min-duration 0.833 (the default) is longer than --max-duration 0.1 (given) "
                                "(give --min-duration too)"),
    (["--profile", "netflix", "--max-duration", "0.5"],
     "--min-duration 0.833 (the netflix profile) is longer than --max-duration 0.5 (given)"),
    (["--min-duration", "9"], "--min-duration 9 (given) is longer than --max-duration 7 (the default) "
                              "(give --max-duration too)"),
    (["--max-duration", "0"], "--max-duration 0 leaves no room for any text"),
    (["--fps", "-1"], "--fps must be positive"),
])
def test_errors_name_flags(tmp_path: Path, args: list[str], said: str) -> None:
    source = tmp_path / "in.srt"
    source.write_text(SRT.format(n="x"), encoding="utf-8")
    code, _, err = run("convert", str(source), "--to", "srt", *args, "-o", "-")
    assert code == 2 and said in err, err
    assert "_" not in err.replace(str(tmp_path), "")


def test_library_errors_name_library_arguments(tmp_path: Path) -> None:
    transcript = scribekit.loads(SRT.format(n="x"))
    target = tmp_path / "out.srt"
    scribekit.save(transcript, target)
    with pytest.raises(WriteError, match=r"overwrite=True replaces it") as caught:
        scribekit.save(transcript, target)
    assert "--" not in str(caught.value)
    with pytest.raises(OptionError, match="max_chars_per_row must be at least 1"):
        scribekit.dumps(transcript, "srt", max_chars_per_row=0)
    with pytest.raises(OptionError, match=r"min_duration=0.833 \(the default\) is longer than max_duration=0.1"):
        scribekit.dumps(transcript, "srt", max_duration=0.1)
    from scribekit.fetch.http import api_key

    with pytest.raises(ScribekitError, match="api_key=") as missing:
        api_key(None, "SCRIBEKIT_TEST_NO_SUCH_KEY", "Amberscript")
    assert "--api-key" not in str(missing.value)


def test_one_mapping_turns_arguments_into_flags() -> None:
    assert as_flags("out.srt: exists already (overwrite=True replaces it)") == \
        "out.srt: exists already (--force replaces it)"
    assert as_flags("no key (set X or pass api_key=)") == "no key (set X or pass --api-key)"
    assert as_flags("max_rows.srt: line 2: max_rows must be from 1 to 100") == \
        "max_rows.srt: line 2: --max-rows must be from 1 to 100"
    assert as_flags("timestamps=False") == "--no-timestamps"
    assert as_flags("a wrap of text, fps and speakers") == "a wrap of text, fps and speakers"
    # a place in a file named like an option ("channel 0" of a recogniser's JSON) stays a place
    assert as_flags("channel 0, word 1: start must be a number") == "channel 0, word 1: start must be a number"
    assert as_flags("channel=5: a channel is a whole number") == "--channel 5: a channel is a whole number"


def test_a_file_named_like_an_option_keeps_its_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("max_rows").write_text("1\nnot a timing line\nmax_rows\n", encoding="utf-8")
    code, _, err = run("convert", "max_rows", "--to", "vtt", "-o", "out.vtt")
    assert code == 1 and errors(err)[0].startswith("scribekit: error: max_rows: "), err


# --- warnings once per input -------------------------------------------------------------

def test_warnings_are_said_once_per_input_not_per_output(tmp_path: Path) -> None:
    legacy = tmp_path / "legacy.srt"
    legacy.write_bytes(SRT.format(n="Zürich, à la française").encode("cp1252"))
    code, _, err = run("convert", str(legacy), "--to", "vtt", "ttml", "stl", "--output-dir", str(tmp_path / "o"))
    assert code == 0, err
    warned = [line for line in err.splitlines() if "warning:" in line and "not UTF-8" in line]
    assert len(warned) == 1, err
    source = tmp_path / "interview.json"  # two words longer than a row: the segmenter says so once, not per format
    source.write_bytes((SAMPLES / "happyscribe" / "interview.json").read_bytes())
    code, _, err = run("convert", str(source), "--to", "srt", "vtt", "ttml", "--output-dir", str(tmp_path / "o"))
    assert code == 0, err
    assert [line.count("is longer than a row") for line in err.splitlines() if "warning:" in line] == [1, 1], err


# --- outputs that are not regular files ----------------------------------------------------

def test_dev_null_is_written_through_never_replaced(tmp_path: Path) -> None:
    source = tmp_path / "in.srt"
    source.write_text(SRT.format(n="x"), encoding="utf-8")
    before = os.stat("/dev/null")
    for extra in ([], ["--force"]):
        code, _, err = run("convert", str(source), "--to", "vtt", "-o", "/dev/null", *extra)
        assert code == 0, err
        after = os.stat("/dev/null")
        assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino and after.st_rdev == before.st_rdev


def test_skip_existing_never_skips_a_device(tmp_path: Path) -> None:
    source = tmp_path / "in.srt"
    source.write_text(SRT.format(n="x"), encoding="utf-8")
    code, out, err = run("convert", str(source), "--to", "vtt", "-o", "/dev/null", "--skip-existing", "--json")
    assert code == 0 and json.loads(out)["files"][0]["status"] == "converted", err


def test_a_fifo_is_written_through(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.vtt"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def reader() -> None:
        with open(fifo, "rb") as handle:
            received.append(handle.read())

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for _ in range(100):  # the writer refuses a FIFO nobody reads: wait for the reader to open it
            try:
                write_atomic(fifo, "WEBVTT\n", overwrite=True)
                break
            except WriteError as exc:
                assert "nobody reads" in str(exc)
                threading.Event().wait(0.02)
    finally:
        thread.join(timeout=5)
    assert received == [b"WEBVTT\n"] and stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_fifo_nobody_reads_is_refused_not_a_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.vtt"
    os.mkfifo(fifo)
    with pytest.raises(WriteError, match="a FIFO that nobody reads"):
        write_atomic(fifo, "WEBVTT\n", overwrite=True)


def test_a_symlink_stays_and_its_target_is_written(tmp_path: Path) -> None:
    real = tmp_path / "real.vtt"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.vtt"
    link.symlink_to(real)
    with pytest.raises(WriteError, match="exists already"):
        write_atomic(link, "new")
    write_atomic(link, "new", overwrite=True)
    assert link.is_symlink() and os.readlink(link) == str(real) and real.read_text(encoding="utf-8") == "new"
    dangling = tmp_path / "dangling.vtt"
    dangling.symlink_to(tmp_path / "absent.vtt")
    write_atomic(dangling, "made")
    assert dangling.is_symlink() and (tmp_path / "absent.vtt").read_text(encoding="utf-8") == "made"


def test_a_block_device_or_socket_is_refused(tmp_path: Path) -> None:
    import socket

    path = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        with pytest.raises(WriteError, match="not a regular file"):
            write_atomic(path, "x", overwrite=True)
        assert stat.S_ISSOCK(os.lstat(path).st_mode)
    finally:
        server.close()


# --- benchmarks without the shared folder ---------------------------------------------------
# The benchmarks make their inputs themselves (benchmarks/corpus.py); only the speech-recognition
# families' reference files and the human-segmented subtitles come from ../shared.

def _bench(tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SCRIBEKIT_SHARED": str(tmp_path / "no-shared")}
    return subprocess.run([sys.executable, *arguments], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=300)


def test_a_benchmark_that_needs_the_shared_files_says_so_in_one_line(tmp_path: Path) -> None:
    done = _bench(tmp_path, str(ROOT / "benchmarks" / "bench_asr.py"))
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    assert done.returncode == 1 and done.stderr.strip().splitlines() == [
        f"{tmp_path / 'no-shared'}/reference/asr not found; set SCRIBEKIT_SHARED to the shared folder"]


def test_the_segmentation_benchmark_skips_its_quality_part_without_the_shared_files(tmp_path: Path) -> None:
    done = _bench(tmp_path, str(ROOT / "benchmarks" / "bench_segment.py"), "--sizes", "2000")
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.splitlines()[0] == (f"quality skipped: {tmp_path / 'no-shared' / 'eval'} not found "
                                           "(SCRIBEKIT_SHARED names the shared folder)")
    assert "2,000 words" in done.stdout


# --- properties: options go where they are taken; the mapping only touches argument names ----

def _writer_names() -> list[str]:
    return sorted(f.name for f in scribekit.formats.writers())


def _option_names() -> list[str]:
    return sorted(set().union(*(scribekit.formats.option_names(f) for f in scribekit.formats.writers())))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_writer_names()), min_size=1, max_size=4, unique=True),
       st.lists(st.sampled_from(_option_names()), max_size=6, unique=True))
def test_select_options_gives_each_format_what_it_takes(names: list[str], options: list[str]) -> None:
    infos = [scribekit.formats.get(name) for name in names]
    given_options = dict.fromkeys(options, 1)
    taken = [scribekit.formats.option_names(info) for info in infos]
    try:
        chosen = scribekit.formats.select_options(infos, given_options)
    except OptionError as exc:
        orphans = [o for o in options if not any(o in t for t in taken)]
        assert orphans and all(o in str(exc) for o in orphans)
        return
    assert all(set(c) <= t for c, t in zip(chosen, taken))
    assert set().union(*map(set, chosen)) == set(options)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80))
def test_the_mapping_leaves_text_without_argument_names_alone(text: str) -> None:
    flags = as_flags(text)
    if not any(name in text for name in _flags()):
        assert flags == text
    assert as_flags(flags) == flags  # a flag is never translated again
