"""The delivery formats (the TTML family and SCC) from the command line, as a new user meets them:
`scribekit formats` lists them, `convert` writes them from the samples (by --to, by -o's extension,
into a folder, a folder of inputs at once, with the profiles made for them), `info` says what a
written file holds, and a bad option value is one line on stderr, a non-zero exit and no file.

What is checked of the files themselves comes from the files (lxml for the TTML, the hex words
for SCC), not from scribekit's readers, except where a test says it reads back.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import scribekit
import scribekit.formats
from scribekit.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SRT = SAMPLES / "subtitles" / "interview.srt"
WORDS = SAMPLES / "amberscript" / "interview.json"
TT = "{http://www.w3.org/ns/ttml}"

FORMATS = {"ttml": ("ttml", "dfxp"), "ebu-tt-d": ("ebuttd.xml",), "imsc": ("imsc.ttml",),
           "netflix-ttml": ("netflix.dfxp",), "itt": ("itt",), "scc": ("scc",)}
"""Each new format and its extensions, the first the one outputs get."""
TTML_FAMILY = ("ttml", "ebu-tt-d", "imsc", "netflix-ttml", "itt")
PROFILE_NAMES = {"ebu-tt-d": "ebu-tt-d", "imsc": "imsc"}
"""What `info` names for a file whose root declares the profile (case aside)."""
OWN_OPTIONS = {"imsc": {"imsc_version", "speaker_colours"}, "scc": {"scc_mode", "scc_channel"},
               "ebu-tt-d": {"speaker_colours"}, "ttml": {"speaker_colours"}}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def info(path: Path) -> dict[str, str]:
    """`scribekit info --json` as {field: value}, the field names lower-cased."""
    code, out, err = run("info", str(path), "--json")
    assert code == 0, err
    assert "Traceback" not in err
    return {row["field"].lower(): str(row["value"]) for row in json.loads(out)}


def ttml_paragraphs(path: Path) -> list[Any]:
    from lxml import etree

    root = etree.parse(str(path)).getroot()
    assert root.tag == f"{TT}tt", root.tag
    return list(root.iter(f"{TT}p"))


def scc_captions(path: Path) -> int:
    """The captions an SCC file shows: its end-of-caption codes (942f on channel 1, 1c2f on channel 2),
    a doubled code counted once."""
    text = path.read_text(encoding="ascii")
    assert text.startswith("Scenarist_SCC V1.0"), text[:40]
    return len(re.findall(r"\b(942f|1c2f)(?: \1)?\b", text))


def shown(path: Path, fmt: str) -> int:
    return scc_captions(path) if fmt == "scc" else len(ttml_paragraphs(path))


# --- scribekit formats ---------------------------------------------------------------------------

def test_formats_lists_each_delivery_format_with_its_extensions_and_options() -> None:
    code, out, err = run("formats", "--json")
    assert code == 0, err
    rows = {row["name"]: row for row in json.loads(out)["formats"]}
    for name, extensions in FORMATS.items():
        assert name in rows, f"`scribekit formats` does not list {name}"
        row = rows[name]
        assert tuple(row["extensions"]) == extensions
        assert row["write"] is True
        assert row["read"] is (name in ("ttml", "scc")), f"{name}: the ttml reader reads the profiles' files"
        assert OWN_OPTIONS.get(name, set()) <= set(row["options"]), name
    code, out, _ = run("formats")
    listed = {line.split()[0] for line in out.splitlines() if line and not line.startswith(" ")}
    assert set(FORMATS) <= listed
    for flag in ("--imsc-version", "--scc-mode", "--scc-channel", "--speaker-colours"):
        assert flag in out


@pytest.mark.parametrize("name", ["cea-608", "dcmp"])
def test_profiles_lists_the_caption_profiles(name: str) -> None:
    code, out, err = run("profiles", "--json")
    assert code == 0, err
    limits = json.loads(out)[name]["limits"]
    assert limits["max_chars_per_row"] == 32 and limits["max_rows"] == 2


@pytest.mark.parametrize(("filename", "name"), [
    ("out.ttml", "ttml"), ("out.dfxp", "ttml"), ("out.ebuttd.xml", "ebu-tt-d"), ("OUT.EBUTTD.XML", "ebu-tt-d"),
    ("out.imsc.ttml", "imsc"), ("out.netflix.dfxp", "netflix-ttml"), ("out.itt", "itt"), ("out.scc", "scc"),
    ("out.xml", "premiere")])
def test_the_output_format_from_the_file_name(filename: str, name: str) -> None:
    assert scribekit.formats.writer_for_filename(filename).name == name


# --- convert, and info on what it wrote --------------------------------------------------------------

@pytest.mark.parametrize("fmt", list(FORMATS))
def test_convert_by_extension_then_info(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"interview.{FORMATS[fmt][0]}"
    code, _, err = run("convert", str(WORDS), "-o", str(out), "--language", "en")
    assert code == 0, err
    assert "Traceback" not in err
    count = shown(out, fmt)
    assert count > 3
    fields = info(out)
    assert fields["format"].startswith("scc" if fmt == "scc" else "ttml"), fields
    assert fields["cues"] == str(count)
    values = " ".join(fields.values()).lower()
    if fmt in PROFILE_NAMES:
        assert PROFILE_NAMES[fmt] in values, fields
    if fmt != "scc":
        assert any("lang" in label and "en" in value for label, value in fields.items()), fields
    if fmt == "scc":
        assert any("frame" in label and "29.97" in value for label, value in fields.items()), fields
        assert any("channel" in label and "1" in value for label, value in fields.items()), fields


@pytest.mark.parametrize("fmt", ["itt", "netflix-ttml"])
def test_info_shows_the_frame_rate_a_file_declares(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"interview.{FORMATS[fmt][0]}"
    code, _, err = run("convert", str(SRT), "-o", str(out), "--fps", "25", "--language", "de")
    assert code == 0, err
    fields = info(out)
    assert any("frame" in label and "25" in value for label, value in fields.items()), fields
    assert any("lang" in label and "de" in value for label, value in fields.items()), fields
    assert fields["cues"] == "4" == str(len(ttml_paragraphs(out)))


@pytest.mark.parametrize(("reference", "expected"), [
    ("ttml/ebu-tt-d-irt/br-in-p-001-ttml.xml", {"profile": "ebu-tt-d", "lang": "en", "cues": "2"}),
    ("ttml/imsc/imsc1_1/ttml/displayAspectRatio/displayAspectRatio001.ttml",
     {"profile": "imsc 1.1", "lang": "en", "cues": "1"}),
    ("scc/standalone/pycaption__example.scc", {"frame": "29.97", "channel": "cc1", "mode": "pop-on", "cues": "3"}),
    ("scc/standalone/ttconv__mix-rows-roll-up.scc", {"frame": "29.97", "channel": "cc1", "mode": "roll-up"})])
def test_info_on_reference_files(reference: str, expected: dict[str, str]) -> None:
    """What `info` shows of files others wrote (tests/data: each file's source in its NOTICE)."""
    fields = info(ROOT / "tests" / "data" / reference)
    for label, value in expected.items():
        assert any(label in field and value in shown.lower() for field, shown in fields.items()), (label, fields)


def test_info_shows_the_scc_channel(tmp_path: Path) -> None:
    out = tmp_path / "cc2.scc"
    code, _, err = run("convert", str(WORDS), "-o", str(out), "--scc-channel", "2")
    assert code == 0, err
    text = out.read_text(encoding="ascii")
    assert "1c2f" in text and "942f" not in text  # channel 2's codes, not channel 1's
    fields = info(out)
    assert any("channel" in label and "2" in value for label, value in fields.items()), fields
    assert fields["cues"] == str(scc_captions(out))
    code, srt, err = run("convert", str(out), "--channel", "2", "--to", "srt", "-o", "-")
    assert code == 0 and "Good morning" in srt, err
    code, _, err = run("convert", str(out), "--channel", "1", "--to", "srt", "-o", "-")
    assert code == 1 and len(err.strip().splitlines()) == 1 and "CC2" in err, err


def test_every_delivery_format_into_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "delivery"
    code, _, err = run("convert", str(WORDS), "--to", *FORMATS, "-o", f"{folder}/", "--language", "en")
    assert code == 0, err
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"interview.{e[0]}" for e in FORMATS.values())
    for fmt, extensions in FORMATS.items():
        assert shown(folder / f"interview.{extensions[0]}", fmt) > 3


def test_a_folder_of_inputs_to_scc_and_ebu_tt_d(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    (inputs / "season1").mkdir(parents=True)
    shutil.copy(SRT, inputs / "season1" / "episode1.srt")
    shutil.copy(WORDS, inputs / "season1" / "episode2.json")
    code, _, err = run("convert", str(inputs), "-r", "--to", "scc", "ebu-tt-d", "--output-dir", str(tmp_path / "out"),
                       "--profile", "cea-608", "--jobs", "1")
    assert code == 0, err
    written = sorted(str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert written == ["season1/episode1.ebuttd.xml", "season1/episode1.scc",
                       "season1/episode2.ebuttd.xml", "season1/episode2.scc"]
    for stem in ("episode1", "episode2"):
        assert scc_captions(tmp_path / "out" / "season1" / f"{stem}.scc") == \
            len(ttml_paragraphs(tmp_path / "out" / "season1" / f"{stem}.ebuttd.xml"))


@pytest.mark.parametrize(("fmt", "profile", "width"), [
    ("netflix-ttml", "netflix", 42), ("imsc", "netflix", 42), ("ttml", "bbc", 37),
    ("scc", "cea-608", 32), ("scc", "dcmp", 32)])
def test_profiles_shape_the_cues(fmt: str, profile: str, width: int, tmp_path: Path) -> None:
    out = tmp_path / f"interview.{FORMATS[fmt][0]}"
    code, _, err = run("convert", str(WORDS), "--to", fmt, "--profile", profile, "-o", str(out), "--language", "en")
    assert code == 0, err
    cues = scribekit.load(out).cues or []  # read back by scribekit's own reader
    assert len(cues) == shown(out, fmt) > 3
    for cue in cues:  # 2 rows, but a word longer than an SCC row is cut over more (608 shows 4 at most)
        cut = fmt == "scc" and any(len(row) == width and " " not in row for row in cue.lines)
        assert 1 <= len(cue.lines) <= (4 if cut else 2), cue.lines
    rows = [re.sub(r"</?[ibu]>", "", line) for cue in cues for line in cue.lines]
    if fmt == "scc":  # a caption row holds 32 characters, whatever the word
        assert all(len(row) <= width for row in rows), rows
    else:  # a word longer than a row (the sample's URL) stands alone on its row
        assert all(len(row) <= width or " " not in row.strip() for row in rows), rows
    assert "Good" in cues[0].text


def test_the_subtitle_sample_to_scc_is_written_or_refused_in_one_line(tmp_path: Path) -> None:
    """interview.srt has a row of 35 characters, wider than a CEA-608 row: its cues, kept as they are,
    are re-wrapped (a warning) or refused naming the cue; never a traceback or a partial file."""
    out = tmp_path / "interview.scc"
    code, _, err = run("convert", str(SRT), "-o", str(out))
    assert "Traceback" not in err
    if code == 0:
        assert scc_captions(out) >= 4
    else:
        assert len(err.strip().splitlines()) == 1 and "cue 4" in err, err
        assert not out.exists()
    code, _, err = run("convert", str(SRT), "-o", str(out), "--profile", "cea-608", "--force")
    assert code == 0, err
    assert scc_captions(out) >= 4


def test_accents_and_italics_reach_the_ttml(tmp_path: Path) -> None:
    out = tmp_path / "interview.imsc.ttml"
    code, _, err = run("convert", str(SRT), "-o", str(out), "--language", "en")
    assert code == 0, err
    paragraphs = ttml_paragraphs(out)
    text = " ".join("".join(p.itertext()) for p in paragraphs)
    for word in ("Grüezi", "Zürich", "café", "Café Schober", "crème brûlée", "1842"):
        assert word in text
    assert "&amp;" not in text and "&" in text


# --- bad values: one line, a non-zero exit, no file ----------------------------------------------------

@pytest.mark.parametrize(("fmt", "flag", "value"), [
    ("imsc", "--imsc-version", "2"), ("imsc", "--imsc-version", "1.2"), ("scc", "--scc-channel", "3"),
    ("scc", "--scc-channel", "0"), ("scc", "--scc-mode", "x"), ("scc", "--scc-mode", "paint-on")])
def test_a_bad_option_value_is_one_line_and_no_file(fmt: str, flag: str, value: str, tmp_path: Path) -> None:
    out = tmp_path / f"interview.{FORMATS[fmt][0]}"
    code, stdout, err = run("convert", str(SRT), "-o", str(out), flag, value)
    assert code != 0
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and flag in lines[0] and value in lines[0], err
    assert not out.exists() and not list(tmp_path.iterdir())
    assert stdout == ""


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f not in ("imsc",)])
def test_a_format_s_own_option_given_to_another_is_one_line(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"interview.{FORMATS[fmt][0]}"
    flag = "--scc-mode" if fmt != "scc" else "--imsc-version"
    code, _, err = run("convert", str(SRT), "-o", str(out), flag, "roll-up" if flag == "--scc-mode" else "1.1")
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1 and flag in err
    assert not out.exists()


# --- info on hostile TTML and SCC: describe_file is a path of its own ------------------------------------

def _hostile_cases() -> dict[str, Any]:
    import importlib.util

    spec = importlib.util.spec_from_file_location("_hostile_corpus", ROOT / "tests" / "test_hostile.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {name: make for name, make in module.CASES.items()
            if name.lower().endswith((".ttml", ".dfxp", ".xml", ".itt", ".scc"))}


HOSTILE = _hostile_cases()


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_info_on_a_hostile_file_says_what_it_holds_or_one_line(name: str, tmp_path: Path) -> None:
    source = tmp_path / name
    source.write_bytes(HOSTILE[name]())
    code, out, err = run("info", str(source))
    assert code in (0, 1), err[-2000:]
    assert "Traceback" not in err and "internal error" not in err, err[-2000:]
    if code == 1:
        errors = [line for line in err.splitlines() if line.startswith("scribekit: error:")]
        assert len(errors) == 1 and name in errors[0] and len(errors[0]) < 1000, err[-2000:]
    else:
        assert out.startswith("format")


# --- delivery profiles as inputs: read through ttml, written back in their own profile -------------

def test_a_folder_of_delivery_profiles_is_converted_each_file_apart(tmp_path: Path) -> None:
    """iTT files are found in a folder (read as ttml) and outputs keep the profile in their names,
    so talk.ebuttd.xml and talk.imsc.ttml do not both become talk.srt."""
    made = tmp_path / "in"
    code, _, err = run("convert", str(SRT), "--to", "itt", "ebu-tt-d", "imsc", "-o", f"{made}/")
    assert code == 0, err
    code, _, err = run("convert", str(made), "--to", "srt", "-o", f"{tmp_path / 'out'}/")
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "interview.ebuttd.srt", "interview.imsc.srt", "interview.srt"]
    first = scribekit.load(SRT).cues
    for path in (tmp_path / "out").iterdir():
        assert [cue.text for cue in scribekit.load(path).cues] == [cue.text for cue in first or []], path.name


@pytest.mark.parametrize("fmt", ["ebu-tt-d", "itt", "imsc", "netflix-ttml"])
def test_resegmenting_a_delivery_profile_writes_the_same_profile(fmt: str, tmp_path: Path) -> None:
    extension = scribekit.formats.get(fmt).extension
    source = tmp_path / f"talk.{extension}"
    code, _, err = run("convert", str(WORDS), "--to", fmt, "-o", str(source))
    assert code == 0, err
    code, _, err = run("resegment", str(source), "--max-chars-per-row", "30")
    assert code == 0, err
    written = tmp_path / f"talk.resegmented.{extension}"
    assert written.exists(), sorted(p.name for p in tmp_path.iterdir())
    assert info(written)["profile"] == info(source)["profile"]
    rows = [line for cue in scribekit.load(written).cues or [] for line in cue.lines]
    assert all(len(row) <= 30 for row in rows if " " in row)  # a word longer than a row stands alone
    assert any(len(row) > 30 for row in (line for cue in scribekit.load(source).cues or [] for line in cue.lines))


@pytest.mark.parametrize("name", ["bad.itt", "bad.ebuttd.xml", "bad.imsc.ttml"])
def test_a_file_named_as_a_profile_that_is_no_ttml_is_one_line_naming_the_reader(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_text("hello, not a subtitle\n")
    code, out, err = run("convert", str(path), "--to", "srt", "-o", str(tmp_path / "out.srt"))
    assert code != 0 and not out and not (tmp_path / "out.srt").exists()
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "not a document of the ttml family" in err and "--from ttml" in err


@pytest.mark.parametrize("name, stem", [("talk.ebuttd.xml", "talk"), ("talk.imsc.ttml", "talk"), ("talk.srt", "talk"),
                                        ("talk.v2.srt", "talk.v2"), ("talk.unknown", "talk"), (".hidden", ".hidden"),
                                        ("TALK.EBUTTD.XML", "TALK"), ("noext", "noext")])
def test_a_file_name_without_its_format_extension(name: str, stem: str) -> None:
    assert scribekit.formats.without_extension(name) == stem


def test_to_takes_formats_apart_by_commas_too(tmp_path: Path) -> None:
    code, _, err = run("convert", str(SRT), "--to", "scc,ebu-tt-d", "vtt", "-o", f"{tmp_path / 'out'}/")
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "interview.ebuttd.xml", "interview.scc", "interview.vtt"]
    code, _, err = run("convert", str(SRT), "--to", "scc,nope", "-o", f"{tmp_path / 'bad'}/")
    assert code != 0 and "unknown format 'scc,nope'" in err and not (tmp_path / "bad").exists()


@pytest.mark.parametrize("fmt, fps, message", [("netflix-ttml", "12", "Netflix takes video at 23.976, 24, 25"),
                                               ("scc", "25", "SCC is 29.97 frames a second, not 25 ")])
def test_a_frame_rate_the_deliverable_does_not_take_is_refused(fmt: str, fps: str, message: str,
                                                                tmp_path: Path) -> None:
    target = tmp_path / "out"
    code, out, err = run("convert", str(SRT), "--to", fmt, "--fps", fps, "-o", str(target))
    assert code != 0 and message in err and err.count("\n") == 1 and not target.exists()
