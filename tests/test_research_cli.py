"""The research formats and options through the commands, as a new user would run them:
`--pseudonymise` (its report, its errors, every output of a batch), NVivo's output names, the
transcription-convention flags, and several interviews written into one REFI-QDA project."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from scribekit import formats
from scribekit.cli import cli

ROOT = Path(__file__).resolve().parent.parent
AMBERSCRIPT = ROOT / "samples" / "amberscript" / "interview.json"
HAPPYSCRIBE = ROOT / "samples" / "happyscribe" / "interview.json"
SRT = ROOT / "samples" / "subtitles" / "interview.srt"
QDA = "{urn:QDA-XML:project:1.0}"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def names_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "names.csv"
    path.write_text(text, encoding="utf-8")
    return path


# --- pseudonymisation ---------------------------------------------------------------------------

def test_pseudonymise_replaces_the_names_in_words_and_speakers_and_reports_them(tmp_path: Path) -> None:
    names = names_file(tmp_path, "name,pseudonym\nLéa,Person B\nZürich,City A\nBen,Person C\n")
    out = tmp_path / "out.txt"
    code, _, err = run("convert", str(AMBERSCRIPT), "--to", "txt", "--speakers", "--pseudonymise", str(names),
                       "-o", str(out))
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    assert "Léa" not in text and "Zürich" not in text
    assert "Person B: Thank you." in text and "from City A." in text
    assert "Interviewer:" in text  # a speaker not listed keeps its name
    assert "replaced 2 names: Zürich -> City A (1), Léa -> Person B (1); not found: Ben" in err
    plain = tmp_path / "plain.txt"
    assert run("convert", str(AMBERSCRIPT), "--to", "txt", "--speakers", "-o", str(plain))[0] == 0
    # nothing else changed: the same text with the two names put back
    assert text.replace("Person B", "Léa").replace("City A", "Zürich") == plain.read_text(encoding="utf-8")


def test_pseudonymise_reaches_a_subtitle_files_cues_and_every_output(tmp_path: Path) -> None:
    names = names_file(tmp_path, "Name;Pseudonym\nZürich;City A\nSchober;Café B\n")
    code, _, err = run("convert", str(SRT), "--to", "srt", "vtt", "--pseudonymise", str(names),
                       "--output-dir", str(tmp_path / "out"))
    assert code == 0, err
    for name in ("interview.srt", "interview.vtt"):
        text = (tmp_path / "out" / name).read_text(encoding="utf-8")
        assert "Zürich" not in text and "Schober" not in text
        assert "welcome to City A." in text and "<i>Café Café B</i>" in text
        assert "crème brûlée" in text


def test_pseudonymise_lists_each_replacement_in_a_dry_run_and_writes_nothing(tmp_path: Path) -> None:
    names = names_file(tmp_path, "Léa,Person B\n")
    out = tmp_path / "out.txt"
    code, stdout, err = run("convert", str(AMBERSCRIPT), "--to", "txt", "--pseudonymise", str(names), "-o",
                            str(out), "--dry-run")
    assert code == 0, err
    assert not out.exists()
    assert "pseudonymise: 'Léa' -> 'Person B'" in stdout


def test_pseudonymise_changes_are_in_the_json_report(tmp_path: Path) -> None:
    names = names_file(tmp_path, "Léa,Person B\n")
    code, stdout, err = run("convert", str(AMBERSCRIPT), "--to", "txt", "--pseudonymise", str(names), "-o",
                            str(tmp_path / "out.txt"), "--json")
    assert code == 0, err
    [result] = json.loads(stdout)["files"]
    assert {c["rule"] for c in result["changes"]} == {"pseudonymise"}
    assert result["notes"] == ["replaced 1 name: Léa -> Person B (1)"]


@pytest.mark.parametrize(("content", "problem"), [
    ("Léa,Person B\nBen\n", "line 2"),
    ("Léa,Person B\nLéa,Person C\n", "line 2"),
    ("", "no names"),
])
def test_a_bad_names_file_is_one_line_naming_it_and_nothing_is_written(tmp_path: Path, content: str,
                                                                       problem: str) -> None:
    names = names_file(tmp_path, content)
    out = tmp_path / "out.txt"
    code, _, err = run("convert", str(AMBERSCRIPT), "--to", "txt", "--pseudonymise", str(names), "-o", str(out))
    assert code != 0
    lines = err.strip().splitlines()
    assert len(lines) == 1 and str(names) in lines[0] and problem in lines[0], err
    assert "Traceback" not in err
    assert not out.exists()


def test_pseudonymise_ignore_case_needs_a_names_file() -> None:
    code, _, err = run("convert", str(AMBERSCRIPT), "--to", "txt", "--pseudonymise-ignore-case", "-o", "-")
    assert code == 2 and "--pseudonymise FILE" in err


def test_pseudonymise_ignore_case_finds_a_name_in_lower_case(tmp_path: Path) -> None:
    names = names_file(tmp_path, "ZÜRICH,City A\n")
    code, stdout, err = run("convert", str(AMBERSCRIPT), "--to", "txt", "--pseudonymise", str(names),
                            "--pseudonymise-ignore-case", "-o", "-")
    assert code == 0, err
    assert "Zürich" not in stdout and "City A" in stdout


# --- NVivo's output names ------------------------------------------------------------------------

def test_nvivo_outputs_are_named_after_the_file_they_are(tmp_path: Path) -> None:
    code, _, err = run("convert", str(AMBERSCRIPT), "--to", "nvivo", "--output-dir", str(tmp_path / "docx"))
    assert code == 0, err
    assert [p.name for p in (tmp_path / "docx").iterdir()] == ["interview.nvivo.docx"]
    code, _, err = run("convert", str(AMBERSCRIPT), "--to", "nvivo", "--nvivo-format", "txt", "--output-dir",
                       str(tmp_path / "txt"))
    assert code == 0, err
    [made] = (tmp_path / "txt").iterdir()
    assert made.name == "interview.nvivo.txt"
    assert made.read_bytes().decode("utf-8-sig").startswith("Timespan\tContent\tSpeaker")


def test_an_nvivo_output_named_for_the_other_form_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "talk.nvivo.txt"
    code, _, err = run("convert", str(AMBERSCRIPT), "--to", "nvivo", "-o", str(out))
    assert code == 1 and "nvivo writes a .nvivo.docx" in err and not out.exists()
    code, _, err = run("convert", str(AMBERSCRIPT), "-o", str(out), "--nvivo-format", "txt")
    assert code == 0, err
    assert out.read_bytes().decode("utf-8-sig").startswith("Timespan\t")


# --- the convention flags ------------------------------------------------------------------------

def test_line_numbers_alone_numbers_every_line(tmp_path: Path) -> None:
    code, every, err = run("convert", str(AMBERSCRIPT), "--to", "txt", "--line-numbers", "-o", "-")
    assert code == 0, err
    code, fifth, err = run("convert", str(AMBERSCRIPT), "--to", "txt", "--line-numbers", "5", "-o", "-")
    assert code == 0, err
    numbered = [line.split()[0] for line in every.splitlines() if line.strip() and line.split()[0].isdigit()]
    assert numbered[:3] == ["1", "2", "3"]
    shown = [line.split()[0] for line in fifth.splitlines() if line.strip() and line.split()[0].isdigit()]
    assert shown and all(int(n) % 5 == 0 for n in shown)


@pytest.mark.parametrize("args", [
    ("convert", "--line-numbers", str(AMBERSCRIPT), "--to", "txt", "-o", "-"),
    ("convert", str(AMBERSCRIPT), "--to", "txt", "-o", "-", "--line-numbers"),
    ("convert", str(AMBERSCRIPT), "--line-numbers", "--to", "txt", "-o", "-"),
])
def test_line_numbers_alone_before_an_input_or_last_is_every_line(args: tuple[str, ...]) -> None:
    code, out, err = run(*args)
    assert code == 0, err
    assert [line.split()[0] for line in out.splitlines()[:1]] == ["1"]


def test_clean_and_verbatim_are_one_switch() -> None:
    code, _, err = run("convert", str(AMBERSCRIPT), "--to", "txt", "--clean", "--verbatim", "-o", "-")
    assert code == 0, err  # the last one given wins, as with any on/off flag
    code, _, err = run("convert", str(AMBERSCRIPT), "--to", "srt", "--clean", "-o", "-")
    assert code == 2 and "clean" in err  # a subtitle format takes no convention


# --- one project of several interviews ------------------------------------------------------------

def _project(path: Path) -> tuple[etree._Element, zipfile.ZipFile]:
    archive = zipfile.ZipFile(path)
    return etree.fromstring(archive.read("project.qde")), archive


def test_several_inputs_go_into_one_qdpx_project(tmp_path: Path) -> None:
    out = tmp_path / "project.qdpx"
    code, _, err = run("convert", str(AMBERSCRIPT), str(HAPPYSCRIBE), "--to", "qdpx", "-o", str(out))
    assert code == 0, err
    root, archive = _project(out)
    transcripts = root.findall(f".//{QDA}Transcript")
    assert len(transcripts) == 2
    texts = [archive.read("Sources/" + t.get("plainTextPath", "").removeprefix("internal://")).decode("utf-8")
             for t in transcripts]
    for source, text in zip((AMBERSCRIPT, HAPPYSCRIBE), texts):
        [transcript] = formats.read_all(source.read_bytes(), filename=str(source))
        first_word = transcript.segments[0].words[0].text
        assert first_word in text


def test_a_project_is_not_written_when_one_input_fails(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"speakers": [', encoding="utf-8")
    out = tmp_path / "project.qdpx"
    code, _, err = run("convert", str(AMBERSCRIPT), str(broken), "--to", "qdpx", "-o", str(out))
    assert code == 1
    assert str(broken) in err and f"{out} not written: 1 of 2 inputs failed" in err
    assert not out.exists()


def test_a_project_that_exists_is_kept_without_force(tmp_path: Path) -> None:
    out = tmp_path / "project.qdpx"
    out.write_bytes(b"mine")
    code, _, err = run("convert", str(AMBERSCRIPT), str(HAPPYSCRIBE), "--to", "qdpx", "-o", str(out))
    assert code == 1 and "--force" in err
    assert out.read_bytes() == b"mine"
    code, _, err = run("convert", str(AMBERSCRIPT), str(HAPPYSCRIBE), "--to", "qdpx", "-o", str(out), "--force")
    assert code == 0, err
    assert zipfile.is_zipfile(out)


def test_o_with_several_inputs_is_still_refused_for_other_formats(tmp_path: Path) -> None:
    code, _, err = run("convert", str(AMBERSCRIPT), str(HAPPYSCRIBE), "--to", "txt", "-o", str(tmp_path / "a.txt"))
    assert code == 2 and "-o takes one input" in err


def test_a_projects_sources_are_told_apart_and_it_is_named_after_its_file(tmp_path: Path) -> None:
    out = tmp_path / "wave1.qdpx"
    code, _, err = run("convert", str(AMBERSCRIPT), str(HAPPYSCRIBE), "--to", "qdpx", "-o", str(out))
    assert code == 0, err
    root, _ = _project(out)
    assert root.get("name") == "wave1"
    sources = [s.get("name") for s in root.find(f"{QDA}Sources")]
    assert sources == ["amberscript/interview", "happyscribe/interview"]  # both files are interview.json
    code, _, err = run("convert", str(AMBERSCRIPT), str(HAPPYSCRIBE), "--to", "qdpx", "-o", str(out), "--force",
                       "--title", "Study A")
    assert code == 0, err
    assert _project(out)[0].get("name") == "Study A"
