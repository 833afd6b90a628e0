"""Timing and clean-up operations through the commands: `scribekit retime`, and the same flags in
`convert`, `resegment` and batch runs (their order, their report, --dry-run, --json, --name)."""
from __future__ import annotations

import json
import warnings
from pathlib import Path

import pysubs2
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from scribekit import formats
from scribekit.cli import cli
from scribekit.model import Cue, Transcript
from scribekit.timecode import FrameRate

ROOT = Path(__file__).resolve().parent.parent
SRT = ROOT / "samples" / "subtitles" / "interview.srt"
AMBERSCRIPT = ROOT / "samples" / "amberscript" / "interview.json"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def cues_of(path: Path) -> list[Cue]:
    [transcript] = formats.read_all(path.read_bytes(), filename=str(path))
    assert transcript.cues is not None
    return transcript.cues


def write_srt(path: Path, cues: list[tuple[int, int, str]]) -> Path:
    blocks = []
    for number, (start, end, text) in enumerate(cues, 1):
        blocks.append(f"{number}\n{_srt(start)} --> {_srt(end)}\n{text}\n")
    path.write_text("\n".join(blocks), encoding="utf-8")
    return path


def _srt(ms: int) -> str:
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"


# --- retime ------------------------------------------------------------------------------------

def test_retime_shifts_every_cue_and_keeps_the_text(tmp_path: Path) -> None:
    out = tmp_path / "out.srt"
    code, _, err = run("retime", str(SRT), "--shift", "-0.25s", "-o", str(out))
    assert code == 0, err
    before, after = cues_of(SRT), cues_of(out)
    assert [c.lines for c in after] == [c.lines for c in before]
    assert [(c.start, c.end) for c in after] == [(c.start - 250, c.end - 250) for c in before]


def test_retime_converts_the_frame_rate_both_ways(tmp_path: Path) -> None:
    there, back = tmp_path / "pal.srt", tmp_path / "back.srt"
    assert run("retime", str(SRT), "--fps-from", "23.976", "--fps-to", "25", "-o", str(there))[0] == 0
    assert run("retime", str(there), "--fps-from", "25", "--fps-to", "23.976", "-o", str(back))[0] == 0
    original, pal, returned = cues_of(SRT), cues_of(there), cues_of(back)
    for a, b in zip(original, pal):  # the PAL speed-up: every time x 24000/1001/25, shorter
        assert abs(b.start - a.start * 24000 / 1001 / 25) <= 0.5 and abs(b.end - a.end * 24000 / 1001 / 25) <= 0.5
    assert all(abs(a.start - c.start) <= 1 and abs(a.end - c.end) <= 1 for a, c in zip(original, returned))


def test_retime_syncs_by_two_points(tmp_path: Path) -> None:
    out = tmp_path / "out.srt"
    first, last = cues_of(SRT)[0], cues_of(SRT)[-1]
    code, _, err = run("retime", str(SRT), "--sync", f"{_srt(first.start)}={_srt(first.start + 1000)}",
                       f"{_srt(last.start)}={_srt(last.start + 3000)}", "-o", str(out))
    assert code == 0, err
    synced = cues_of(out)
    assert synced[0].start == first.start + 1000 and synced[-1].start == last.start + 3000


def test_retime_needs_an_operation_and_names_them() -> None:
    code, _, err = run("retime", str(SRT))
    assert code == 2 and "--shift" in err and "Traceback" not in err


def test_retime_writes_beside_its_input_as_retimed_and_never_overwrites(tmp_path: Path) -> None:
    source = tmp_path / "talk.srt"
    source.write_bytes(SRT.read_bytes())
    assert run("retime", str(source), "--shift", "1s")[0] == 0
    made = tmp_path / "talk.retimed.srt"
    assert cues_of(made)[0].start == cues_of(source)[0].start + 1000
    made.write_text("mine", encoding="utf-8")
    code, _, err = run("retime", str(source), "--shift", "1s")
    assert code == 1 and "exists" in err and made.read_text(encoding="utf-8") == "mine"
    assert run("retime", str(source), "--shift", "1s", "--force")[0] == 0
    assert made.read_text(encoding="utf-8") != "mine"


def test_retime_of_ass_keeps_styles_script_and_tags(tmp_path: Path) -> None:
    source = tmp_path / "styled.ass"
    subs = pysubs2.SSAFile()
    subs.info["Title"] = "Styled"
    subs.styles["Sign"] = pysubs2.SSAStyle(fontname="DejaVu Sans", fontsize=33, bold=True,
                                           alignment=pysubs2.Alignment(8))
    subs.append(pysubs2.SSAEvent(start=1000, end=2500, text="{\\pos(200,100)}Sign text", style="Sign"))
    subs.append(pysubs2.SSAEvent(start=3000, end=4000, text="A {\\i1}said{\\i0} line"))
    subs.append(pysubs2.SSAEvent(start=3500, end=3900, text="a note", type="Comment"))
    subs.save(str(source))
    out = tmp_path / "out.ass"
    code, _, err = run("retime", str(source), "--shift", "2s", "-o", str(out))
    assert code == 0, err
    again = pysubs2.load(str(out))
    assert again.info["Title"] == "Styled" and again.styles["Sign"] == subs.styles["Sign"]
    assert [(e.start, e.end, e.text, e.style, e.type) for e in again] == \
        [(e.start + 2000, e.end + 2000, e.text, e.style, e.type) for e in subs]


# --- the same operations in convert and resegment ----------------------------------------------

def test_convert_maps_the_words_before_cutting_them(tmp_path: Path) -> None:
    plain, shifted = tmp_path / "plain.srt", tmp_path / "shifted.srt"
    assert run("convert", str(AMBERSCRIPT), "--to", "srt", "-o", str(plain))[0] == 0
    assert run("convert", str(AMBERSCRIPT), "--to", "srt", "--shift", "10s", "-o", str(shifted))[0] == 0
    a, b = cues_of(plain), cues_of(shifted)
    assert [c.lines for c in a] == [c.lines for c in b]
    assert [(c.start + 10000, c.end + 10000) for c in a] == [(c.start, c.end) for c in b]


def test_min_gap_alone_retimes_a_subtitle_files_own_cues(tmp_path: Path) -> None:
    source = write_srt(tmp_path / "in.srt", [(1000, 2000, "One line\nhere."), (2000, 3000, "Another\nline."),
                                              (3020, 4000, "A third one.")])  # cut anew, a row each
    out = tmp_path / "out.srt"
    code, _, err = run("convert", str(source), "--to", "srt", "--min-gap-frames", "2", "--fps", "25",
                       "-o", str(out))
    assert code == 0, err
    cues = cues_of(out)
    assert [c.lines for c in cues] == [c.lines for c in cues_of(source)]  # not cut anew
    assert all(b.start - a.end >= 80 for a, b in zip(cues, cues[1:]))
    assert [c.start for c in cues] == [1000, 2000, 3020]
    recut = tmp_path / "recut.srt"
    code, _, err = run("resegment", str(source), "--min-gap-frames", "2", "-o", str(recut))
    assert code == 0, err
    assert [c.lines for c in cues_of(recut)][:2] == [["One line here."], ["Another line."]]


def test_fix_report_dry_run_and_json(tmp_path: Path) -> None:
    source = write_srt(tmp_path / "in.srt", [(1000, 3000, "This  has two  spaces."),
                                              (4000, 6000, "And this is fine.")])
    out = tmp_path / "out.srt"
    code, stdout, err = run("convert", str(source), "--to", "srt", "--fix", "double-spaces", "-o", str(out),
                            "--dry-run")
    assert code == 0, err
    assert not out.exists()
    assert "double-spaces" in stdout and "cue 1" in stdout and "cue 2" not in stdout
    code, stdout, err = run("convert", str(source), "--to", "srt", "--fix", "double-spaces", "-o", str(out),
                            "--json")
    assert code == 0, err
    [entry] = json.loads(stdout)["files"]
    assert [(c["rule"], c["cue"], c["before"], c["after"], c["output"]) for c in entry["changes"]] == \
        [("double-spaces", 1, "This  has two  spaces.", "This has two spaces.", str(out))]
    assert [c.lines for c in cues_of(out)] == [["This has two spaces."], ["And this is fine."]]


def test_a_run_says_how_many_changes_each_output_got(tmp_path: Path) -> None:
    source = write_srt(tmp_path / "in.srt", [(1000, 3000, "[DOOR SLAMS]"), (4000, 6000, "Who's  there?")])
    code, _, err = run("convert", str(source), "--to", "srt", "--remove-hi", "--fix", "all",
                       "-o", str(tmp_path / "out.srt"))
    assert code == 0, err
    assert "change(s) to" in err and "double-spaces 1" in err
    assert [c.lines for c in cues_of(tmp_path / "out.srt")] == [["Who's there?"]]


def test_unknown_fix_rule_and_lonely_ellipsis_are_usage_errors(tmp_path: Path) -> None:
    code, _, err = run("convert", str(SRT), "--to", "srt", "--fix", "no-such-rule", "-o", str(tmp_path / "o.srt"))
    assert code == 2 and "no-such-rule" in err and "double-spaces" in err and len(err.splitlines()) == 1
    code, _, err = run("convert", str(SRT), "--to", "srt", "--ellipsis", "char", "-o", str(tmp_path / "o.srt"))
    assert code == 2 and "--fix ellipsis" in err
    assert not (tmp_path / "o.srt").exists()


def test_a_bad_shot_change_file_is_one_line_naming_it(tmp_path: Path) -> None:
    shots = tmp_path / "shots.txt"
    shots.write_text("1.0\nnot a time\n", encoding="utf-8")
    code, _, err = run("retime", str(SRT), "--shot-changes", str(shots), "-o", str(tmp_path / "o.srt"))
    assert code == 1 and str(shots) in err and len(err.splitlines()) == 1 and "Traceback" not in err
    assert not (tmp_path / "o.srt").exists()


def test_shot_changes_pull_in_times_onto_the_cut(tmp_path: Path) -> None:
    source = write_srt(tmp_path / "in.srt", [(1000, 3000, "First."), (5000, 8000, "Second.")])
    shots = tmp_path / "shots.txt"
    shots.write_text("4.8\n", encoding="utf-8")  # 5 frames at 25 fps before the second cue
    out = tmp_path / "out.srt"
    code, _, err = run("retime", str(source), "--shot-changes", str(shots), "-o", str(out))
    assert code == 0, err
    assert [(c.start, c.end) for c in cues_of(out)] == [(1000, 3000), (4800, 8000)]


# --- output names ------------------------------------------------------------------------------

def test_name_template_with_language_and_formats(tmp_path: Path) -> None:
    code, _, err = run("convert", str(SRT), "--to", "srt", "vtt", "--output-dir", str(tmp_path),
                       "--name", "{stem}.{lang}.sdh.{ext}")
    assert code == 0, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["interview.en.sdh.srt", "interview.en.sdh.vtt"]


def test_name_template_leaves_out_an_empty_field_and_refuses_escaping(tmp_path: Path) -> None:
    code, _, err = run("convert", str(SRT), "--to", "srt", "--output-dir", str(tmp_path),
                       "--name", "{stem}.{profile}.{ext}")
    assert code == 0, err
    assert [p.name for p in tmp_path.iterdir()] == ["interview.srt"]
    for bad in ("../{stem}.{ext}", "{nope}.{ext}", "/tmp/{stem}.{ext}"):
        code, _, err = run("convert", str(SRT), "--to", "srt", "--output-dir", str(tmp_path), "--name", bad)
        assert code == 2 and "--name" in err and len(err.splitlines()) == 1, (bad, err)


def test_name_template_two_inputs_on_one_name_is_refused_before_writing(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / f"{name}.srt").write_bytes(SRT.read_bytes())
    out = tmp_path / "out"
    code, _, err = run("convert", str(tmp_path / "a.srt"), str(tmp_path / "b.srt"), "--to", "vtt",
                       "--output-dir", str(out), "--name", "same.{ext}")
    assert code == 1 and "would both be written" in err
    assert not out.exists()


@pytest.mark.parametrize("command", ["convert", "resegment"])
def test_batch_of_a_tree_with_clean_up(tmp_path: Path, command: str) -> None:
    tree = tmp_path / "tree" / "season1"
    tree.mkdir(parents=True)
    for number in range(3):
        write_srt(tree / f"ep{number}.srt", [(1000, 3000, "(sighs)\nFine, let's go."),
                                            (4000, 6000, "We leave at at ten.")])
    out = tmp_path / "out"
    code, stdout, err = run(command, str(tmp_path / "tree"), "-r", "--to", "srt", "--output-dir", str(out),
                            "--remove-hi", "--fix", "duplicate-words", "--jobs", "2", "--json")
    assert code == 0, err
    report = json.loads(stdout)
    assert report["summary"]["converted"] == 3
    for entry in report["files"]:
        rules = sorted(change["rule"] for change in entry["changes"])
        assert "duplicate-words" in rules and any(rule.startswith("hi-") for rule in rules)
    made = sorted(out.rglob("*.srt"))
    assert len(made) == 3
    for path in made:
        text = " ".join(line for cue in cues_of(path) for line in cue.lines)
        assert "(sighs)" not in text and "at at" not in text and "Fine, let's go." in text


def test_the_fix_flag_lists_every_rule_in_their_order() -> None:
    from scribekit.cleanup.fixes import RULES

    [option] = [param for param in cli.get_command(None, "convert").params  # type: ignore[arg-type,union-attr]
                if param.name == "fix_rules"]
    assert option.help is not None
    assert option.help.split("commas: ")[1].split(", ") == list(RULES)


CORPUS = ROOT / "tests" / "data" / "cleanup"


@pytest.mark.parametrize("entry", json.loads((CORPUS / "manifest.json").read_text("utf-8"))["files"],
                         ids=lambda entry: entry["file"])
@pytest.mark.parametrize("flags", [("--remove-hi",), ("--fix", "all")], ids=["remove-hi", "fix"])
def test_the_commands_change_in_the_corpus_only_what_a_rule_names(tmp_path: Path, entry: dict[str, str],
                                                                   flags: tuple[str, ...]) -> None:
    """As a new user would run them on an episode: the report lists exactly the defects planted in
    the file (tests/data/cleanup/manifest.json), and every other cue is written as a plain conversion
    writes it."""
    source, out, plain = CORPUS / entry["file"], tmp_path / f"out.{entry['format']}", tmp_path / "plain"
    common = ("convert", str(source), "--to", entry["format"], "--language", entry["language"])
    code, stdout, err = run(*common, "--min-gap-frames", "2", "--fps", "25", *flags, "-o", str(out), "--json")
    assert code == 0, err
    assert run(*common, "--output-dir", str(plain))[0] == 0
    [report] = json.loads(stdout)["files"]
    reported = {(change["start"], change["rule"]) for change in report["changes"] if change["rule"] != "min-gap"}
    planted = {(_manifest_ms(change["start"]), change["rule"]) for change in entry["changes"]  # type: ignore[index]
               if change["rule"].startswith("hi-") == (flags[0] == "--remove-hi")}  # type: ignore[index]
    assert reported == planted
    touched = {change["start"] for change in report["changes"]}
    with warnings.catch_warnings():  # the corpus's own repairs (a tag left open), said by its reader
        warnings.simplefilter("ignore")
        written = {(cue.start, tuple(cue.lines)) for cue in cues_of(out)}
        [converted] = plain.iterdir()
        untouched = [cue for cue in cues_of(converted) if cue.start not in touched]
    assert len(untouched) > len(touched)
    for cue in untouched:
        assert (cue.start, tuple(cue.lines)) in written, cue


def _manifest_ms(text: str) -> int:
    hours, minutes, rest = text.split(":")
    seconds, fraction = rest.replace(",", ".").split(".")
    return ((int(hours) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int(fraction.ljust(3, "0"))


@pytest.mark.parametrize(("args", "said"), [
    (("--shift", "nan"), "'--shift': 'nan' is not a time"),
    (("--sync", "a=b"), "'--sync': 'a' is not a time"),
    (("--sync", "1=2", "2=1"), "reverse or stop time"),
    (("--fps-from", "25"), "--fps-from and --fps-to go together"),
    (("--speed", "0"), "--speed must be a number above 0"),
    (("--shift", "1s", "--fps", "0"), "'0' is not a frame rate"),
])
def test_bad_timing_values_are_usage_errors_naming_the_flag(tmp_path: Path, args: tuple[str, ...], said: str) -> None:
    code, _, err = run("retime", str(SRT), *args, "-o", str(tmp_path / "out.srt"))
    assert code == 2 and said in err and "Traceback" not in err, err
    assert not (tmp_path / "out.srt").exists()


def test_a_shift_before_zero_clamps_with_a_warning_and_drops_what_ends_there(tmp_path: Path) -> None:
    source = write_srt(tmp_path / "in.srt", [(500, 900, "Gone."), (1000, 3000, "Clamped."), (4000, 5000, "Moved.")])
    out = tmp_path / "out.srt"
    code, _, err = run("retime", str(source), "--shift", "-1s", "-o", str(out))
    assert code == 0 and "warning" in err
    assert [(c.start, c.end, c.lines) for c in cues_of(out)] == [(0, 2000, ["Clamped."]), (3000, 4000, ["Moved."])]


STL = ROOT / "samples" / "stl" / "interview.stl"


def test_retime_of_ebu_stl_changes_its_timecodes_and_nothing_else(tmp_path: Path) -> None:
    out, back = tmp_path / "out.stl", tmp_path / "back.stl"
    code, _, err = run("retime", str(STL), "--shift", "1s", "-o", str(out))
    assert code == 0, err
    before, after = STL.read_bytes(), out.read_bytes()
    assert len(before) == len(after) and before[:264] == after[:264] and before[272:1024] == after[272:1024]
    for offset in range(1024, len(before), 128):  # each TTI block: its in and out timecodes alone
        assert before[offset:offset + 5] == after[offset:offset + 5]
        assert before[offset + 13:offset + 128] == after[offset + 13:offset + 128]
    assert [(c.start + 1000, c.end + 1000, c.lines) for c in cues_of(STL)] == \
        [(c.start, c.end, c.lines) for c in cues_of(out)]
    assert after[256:272] == b"1000000010000113"  # TCP kept at 10:00:00:00; TCF 25 frames later
    assert run("retime", str(out), "--shift", "-1s", "-o", str(back))[0] == 0
    assert back.read_bytes() == before


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(1, 400), min_size=1, max_size=20), st.sampled_from(["24", "25", "30", "50"]),
       st.integers(-3, 40))
def test_retimed_stl_reads_as_the_same_cues_shifted(lengths: list[int], fps: str, frames: int) -> None:
    import tempfile

    cues, time = [], 2000
    for number, length in enumerate(lengths):
        cues.append(Cue(time, time + length * 10, [f"Line {number}"]))
        time += length * 10 + 500
    data = formats.write(Transcript(cues=cues), "stl", fps=float(fps), start_timecode="01:00:00:00",
                         stl_title="Kept", stl_creation_date="2001-02-03")
    assert isinstance(data, bytes)
    with tempfile.TemporaryDirectory() as folder:
        source, out = Path(folder) / "in.stl", Path(folder) / "out.stl"
        source.write_bytes(data)
        code, _, err = run("retime", str(source), "--shift", f"{frames}f", "--fps", fps, "-o", str(out))
        assert code == 0, err
        read_in, read_out = cues_of(source), cues_of(out)
        rate = FrameRate.of(float(fps))
        assert [c.lines for c in read_in] == [c.lines for c in read_out]
        for a, b in zip(read_in, read_out):  # a shift of whole frames moves every timecode by those frames
            assert rate.frames(b.start) - rate.frames(a.start) == frames == rate.frames(b.end) - rate.frames(a.end)
        assert out.read_bytes()[16:48] == data[16:48]  # the title, as the header had it


def test_retime_of_drop_frame_stl_keeps_to_the_clock_across_minutes(tmp_path: Path) -> None:
    cues = [Cue(60_000 * minute + 500, 60_000 * minute + 2500, [f"Minute {minute}"]) for minute in range(12)]
    source, out = tmp_path / "in.stl", tmp_path / "out.stl"
    data = formats.write(Transcript(cues=cues), "stl", fps=29.97, start_timecode="01:00:00;00")
    assert isinstance(data, bytes)
    source.write_bytes(data)
    code, _, err = run("retime", str(source), "--input-fps", "29.97", "--shift", "1s", "-o", str(out))
    assert code == 0, err
    [before] = formats.read_all(source.read_bytes(), fps=29.97)
    [after] = formats.read_all(out.read_bytes(), fps=29.97)
    assert before.cues is not None and after.cues is not None
    # 1 s is 29.97 frames: 30 of them, 1001 ms, past every dropped label (minutes 1 to 9, not 10)
    assert [(b.start - a.start, b.end - a.end) for a, b in zip(before.cues, after.cues)] == [(1001, 1001)] * 12


def test_retime_of_webvtt_keeps_its_blocks_settings_and_header(tmp_path: Path) -> None:
    source, out = tmp_path / "in.vtt", tmp_path / "out.vtt"
    source.write_text("WEBVTT - a title\nKind: captions\n\nSTYLE\n::cue { color: yellow }\n\nREGION\nid:top\n"
                      "width:40%\n\nNOTE kept as it is\n\nintro\n00:01.000 --> 00:02.000 align:start position:10%\n"
                      "<v Anna>Hello <b>there</b>\n\n00:00:03.000 --> 00:00:04.000 region:top\nSecond\n",
                      encoding="utf-8")
    code, _, err = run("retime", str(source), "--shift", "1.5s", "-o", str(out))
    assert code == 0, err
    assert out.read_text(encoding="utf-8") == source.read_text(encoding="utf-8").replace(
        "00:01.000 --> 00:02.000", "00:00:02.500 --> 00:00:03.500").replace(
        "00:00:03.000 --> 00:00:04.000", "00:00:04.500 --> 00:00:05.500")


def test_retime_of_subrip_keeps_its_bytes_but_the_times(tmp_path: Path) -> None:
    source, out = tmp_path / "in.srt", tmp_path / "out.srt"
    source.write_bytes(b"\xef\xbb\xbf7\r\n00:00:01,000 --> 00:00:02,000  X1:10 X2:20 Y1:5 Y2:9\r\n"
                       b"<font color=\"red\">Hi</font>\r\n\r\n9\r\n00:00:03,000 --> 00:00:04,000\r\nYo\r\n")
    code, _, err = run("retime", str(source), "--sync", "00:00:01,000=00:00:02,000", "-o", str(out))
    assert code == 0, err
    assert out.read_bytes() == source.read_bytes().replace(b"00:00:01,000 --> 00:00:02,000",
                                                           b"00:00:02,000 --> 00:00:03,000").replace(
        b"00:00:03,000 --> 00:00:04,000", b"00:00:04,000 --> 00:00:05,000")


def test_retime_of_subrip_keeps_a_dot_before_the_milliseconds_where_the_file_has_one(tmp_path: Path) -> None:
    """The times change and nothing else: a timing line written with a dot keeps it (the reader
    still says so), and one the reader cannot take as written makes the file written anew."""
    source, out = tmp_path / "in.srt", tmp_path / "out.srt"
    source.write_text("1\n00:00:01.000 --> 00:00:02,000\nHi\n\n2\n00:00:03,000 --> 00:00:04,000\nYo\n",
                      encoding="utf-8")
    code, _, err = run("retime", str(source), "--shift", "1s", "-o", str(out))
    assert code == 0 and "'.' instead of ','" in err
    assert out.read_text(encoding="utf-8") == "1\n00:00:02.000 --> 00:00:03,000\nHi\n\n2\n00:00:04,000 --> " \
                                              "00:00:05,000\nYo\n"
    source.write_text("1\n00:00:01,000 --> 00:00:02,000\nHi\n\n2\n00:00:03,000 -> 00:00:04,000\nYo\n",
                      encoding="utf-8")
    code, _, err = run("retime", str(source), "--shift", "1s", "-o", str(out), "--force")
    assert code == 0 and "arrow" in err
    assert out.read_text(encoding="utf-8") == "1\n00:00:02,000 --> 00:00:03,000\nHi\n\n2\n00:00:04,000 --> " \
                                              "00:00:05,000\nYo\n"
