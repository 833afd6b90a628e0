"""Every example in README.md runs as written, from a copy of the repository's samples/ (outputs land in a
temporary folder, never in the repository), and the README's first screen names every built-in format.

- Shell lines are the lines of a code block that start with ``scribekit `` (a line ending in a backslash goes
  on); each runs through bash, in a fresh temporary folder holding a copy of samples/, and must exit with
  status 0, or with the status its comment names (``# ... exit status 1``): lint and a batch with bad files
  fail by design.
- Python blocks run whole, in the same kind of folder.
- Provider lines (``scribekit amberscript ...``, ``scribekit happyscribe ...``) and Python blocks using
  ``scribekit.fetch`` talk to the emulators of tests/fakes/ through AMBERSCRIPT_BASE_URL and
  HAPPYSCRIBE_BASE_URL. Their placeholders (JOB_ID, SOURCE_JOB_ID, ID, ID2) become the ids of jobs made in
  the emulators, ``talk.mp3`` (the reader's recording) is a small file made here, and a sitecustomize module
  turns ``time.sleep`` into nothing, so that ``--wait`` polls the emulator without its 10-second pauses.
- The "Plug-in formats" section's pyproject entry point and module become an installed distribution (a
  ``.dist-info`` folder with ``entry_points.txt`` on PYTHONPATH, as pip would leave it), and that section's
  shell lines run with it.
"""
from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import scribekit.formats

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
SAMPLES = ROOT / "samples"
PLUGIN_SECTION = "Plug-in formats"
SHELLS = {"", "sh", "shell", "bash", "console"}
EXIT_STATUS = re.compile(r"#[^#]*\bexit status (\d+)")
PROVIDERS = ("scribekit amberscript ", "scribekit happyscribe ")


@dataclass(frozen=True)
class Block:
    section: str
    """The ``## `` heading the block is under."""
    language: str
    line: int
    """README line of the block's first line."""
    text: str


@dataclass(frozen=True)
class Example:
    section: str
    line: int
    code: str
    kind: str
    """"shell" or "python"."""

    @property
    def expected(self) -> int:
        found = EXIT_STATUS.search(self.code) if self.kind == "shell" else None
        return int(found.group(1)) if found else 0

    @property
    def provider(self) -> bool:
        return self.code.startswith(PROVIDERS) or (self.kind == "python" and "scribekit.fetch" in self.code)

    def __str__(self) -> str:
        return f"README.md:{self.line}"


def blocks() -> list[Block]:
    found: list[Block] = []
    body: list[str] = []
    section, fence, start = "", None, 0
    for number, line in enumerate(README.read_text(encoding="utf-8").splitlines(), 1):
        if fence is None and line.startswith("## "):
            section = line[3:].strip()
        elif fence is None and line.startswith("```"):
            fence, start, body = line[3:].strip(), number + 1, []
        elif fence is not None and line.startswith("```"):
            found.append(Block(section, fence, start, "\n".join(body) + "\n"))
            fence = None
        elif fence is not None:
            body.append(line)
    assert fence is None, "README.md: a code block is not closed"
    return found


def examples() -> list[Example]:
    found = []
    for block in blocks():
        if block.language == "python":
            found.append(Example(block.section, block.line, block.text, "python"))
        elif block.language in SHELLS:
            lines = block.text.splitlines()
            index = 0
            while index < len(lines):
                first, command = index, lines[index]
                while command.endswith("\\") and index + 1 < len(lines):
                    index += 1
                    command = command[:-1] + " " + lines[index].strip()
                if command.startswith("scribekit "):
                    found.append(Example(block.section, block.line + first, command, "shell"))
                index += 1
    return found


EXAMPLES = [e for e in examples() if e.section != PLUGIN_SECTION]
PLAIN = [e for e in EXAMPLES if not e.provider]
PROVIDER = [e for e in EXAMPLES if e.provider]


def samples_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(SAMPLES.rglob("*")):
        digest.update(str(path.relative_to(SAMPLES)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


SAMPLES_BEFORE = samples_digest()


def workdir(tmp_path: Path) -> Path:
    """A fresh folder holding a copy of samples/: the repository's root as far as an example can tell."""
    shutil.copytree(SAMPLES, tmp_path / "samples")
    return tmp_path


def environment(*paths: Path, **values: str) -> dict[str, str]:
    """This interpreter's scripts first on PATH (the ``scribekit`` command), this checkout first on PYTHONPATH."""
    scripts = Path(sys.executable).parent
    if shutil.which("scribekit", path=str(scripts)) is None and shutil.which("scribekit") is None:
        pytest.skip("the scribekit command is not installed (pip install -e .)")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AMBERSCRIPT_", "HAPPYSCRIBE_"))}
    env["PATH"] = os.pathsep.join([str(scripts), env.get("PATH", "")])
    env["PYTHONPATH"] = os.pathsep.join([*(str(p) for p in paths), str(ROOT)])
    env.update(values)
    return env


def run(example: Example, cwd: Path, env: dict[str, str], code: str | None = None) -> subprocess.CompletedProcess[str]:
    code = example.code if code is None else code
    command = ["bash", "-o", "pipefail", "-c", code] if example.kind == "shell" else [sys.executable, "-c", code]
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == example.expected and "Traceback" not in done.stderr, (
        f"{example}: {code}\nexit status {done.returncode}, the README says {example.expected}\n"
        f"stdout:\n{done.stdout[-3000:]}\nstderr:\n{done.stderr[-3000:]}")
    return done


def test_the_readme_has_examples_of_every_kind() -> None:
    assert len(PLAIN) >= 20 and len(PROVIDER) >= 10
    assert {e.kind for e in PLAIN} == {"shell", "python"} and {e.kind for e in PROVIDER} == {"shell", "python"}
    assert any(e.expected == 1 for e in PLAIN), "the lint examples that fail by design are found"


@pytest.mark.parametrize("example", PLAIN, ids=str)
def test_example(example: Example, tmp_path: Path) -> None:
    if example.kind == "python":
        for module in re.findall(r"^\s*(?:import|from) (\w+)", example.code, re.M):
            if importlib.util.find_spec(module) is None:
                pytest.skip(f"{module} is not installed (an optional extra: pip install 'scribekit[{module}]')")
    run(example, workdir(tmp_path), environment())


@pytest.mark.parametrize("example", PROVIDER, ids=str)
def test_provider_example(example: Example, tmp_path: Path, amber: tuple[Any, Any], hs: tuple[Any, Any]) -> None:
    (amber_server, amber_app), (hs_server, hs_app) = amber, hs
    job = amber_app.add_job(filename="talk.mp3")
    ids = {"SOURCE_JOB_ID": job.jobId, "JOB_ID": job.jobId, "ID2": hs_app.add_transcription(name="followup.mp3"),
           "ID": hs_app.add_transcription(name="talk.mp3")}
    code = re.sub(r"\b(SOURCE_JOB_ID|JOB_ID|ID2|ID)\b", lambda m: ids[m.group(1)], example.code)
    folder = workdir(tmp_path / "work")
    (folder / "talk.mp3").write_bytes(b"ID3" + bytes(range(256)) * 16)
    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "sitecustomize.py").write_text("import time\n\ntime.sleep = lambda seconds: None\n", encoding="utf-8")
    env = environment(shim, AMBERSCRIPT_API_KEY=amber_app.key, AMBERSCRIPT_BASE_URL=amber_server.url + "/api",
                      HAPPYSCRIBE_API_KEY=hs_app.key, HAPPYSCRIBE_BASE_URL=hs_server.url + "/api/v1",
                      HAPPYSCRIBE_ORGANIZATION_ID="413")
    done = run(example, folder, env, code)
    assert amber_app.key not in done.stdout + done.stderr and hs_app.key not in done.stdout + done.stderr


def test_the_plug_in_example(tmp_path: Path) -> None:
    tomllib = pytest.importorskip("tomllib", reason="tomllib reads the example's pyproject (Python 3.11 and newer)")
    if not hasattr(scribekit.formats, "describe"):
        pytest.skip("scribekit.formats.describe, which the plug-in example uses, is not there yet")
    section = [b for b in blocks() if b.section == PLUGIN_SECTION]
    declared = tomllib.loads(next(b.text for b in section if b.language == "toml"))
    entry_points = declared["project"]["entry-points"]["scribekit.formats"]
    module = next(b.text for b in section if b.language == "python")
    plugin = tmp_path / "plugin"
    info = plugin / "scribekit_readme_plugin-0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: scribekit-readme-plugin\nVersion: 0\n")
    (info / "entry_points.txt").write_text(
        "[scribekit.formats]\n" + "".join(f"{name} = {value}\n" for name, value in entry_points.items()))
    for value in entry_points.values():
        (plugin / (value.replace(".", "/") + ".py")).write_text(module, encoding="utf-8")
    commands = [e for e in examples() if e.section == PLUGIN_SECTION and e.kind == "shell"]
    assert len(commands) == 2
    folder = workdir(tmp_path / "work")
    listed = run(commands[0], folder, environment(plugin))
    assert any(line.split()[:1] == [name] for line in listed.stdout.splitlines() for name in entry_points)
    shouted = run(commands[1], folder, environment(plugin)).stdout
    assert shouted.strip() and shouted == shouted.upper()


# The first screen: every built-in format by a name a reader knows, under what it does.
NAMES = {
    "json": ("scribekit's own JSON", "scribekit's JSON"), "amberscript-json": ("Amberscript JSON", "providers' JSON"),
    "amberscript-xml": ("Amberscript JSON (current and deprecated) and XML", None),
    "happyscribe-json": ("HappyScribe JSON, one file or a zip", "providers' JSON"),
    "srt": ("SRT",) * 2, "vtt": ("WebVTT",) * 2, "stl": ("EBU STL",) * 2, "scc": ("SCC",) * 2, "ass": ("ASS/SSA",) * 2,
    "ssa": ("ASS/SSA",) * 2, "ttml": ("TTML",) * 2, "ebu-tt-d": (None, "EBU-TT-D"), "imsc": (None, "IMSC"),
    "netflix-ttml": (None, "Netflix TTML"), "itt": (None, "Apple iTT"), "sami": ("SAMI", None),
    "microdvd": ("MicroDVD",) * 2,
    "mpl2": ("MPL2",) * 2, "tmp": ("TMP",) * 2, "txt": (None, "TXT"), "docx": (None, "DOCX"),
    "pdf": (None, "PDF"), "html": (None, "HTML"), "premiere": ("Premiere Pro XML",) * 2,
    "fcpxml": (None, "FCPXML"), "avid-markers": ("Avid marker",) * 2, "avid-ds": ("Avid DS",) * 2,
    "maxqda": (None, "MAXQDA"), "qdpx": ("REFI-QDA projects",) * 2, "nvivo": (None, "NVivo"),
    "atlasti": (None, "ATLAS.ti"), "whisper": ("Whisper", None), "whisper-cpp": ("whisper.cpp", None),
    "deepgram": ("Deepgram", None), "assemblyai": ("AssemblyAI", None), "elevenlabs": ("ElevenLabs", None),
    "csv": ("CSV",) * 2, "tsv": ("TSV",) * 2, "sbv": ("SBV",) * 2, "lrc": ("LRC",) * 2,
    "trint": ("Trint", None), "gladia": ("Gladia", None), "bbc-kaldi": ("BBC Kaldi", None),
    "bbc-dpe": ("digital-paper-edit", None), "autoedit2": ("autoEdit2", None),
    "revai": ("Rev.ai", None), "aws-transcribe": ("Amazon Transcribe", None), "ibm-watson": ("IBM Watson", None),
    "google-stt": ("Google Speech-to-Text", None), "speechmatics": ("Speechmatics", None),
    "azure-speech": ("Azure", None),
}


def test_the_first_screen_names_every_format_scribekit_reads_and_writes() -> None:
    screen = " ".join(README.read_text(encoding="utf-8").splitlines()[:25])
    bullets = {m.group(1): " ".join(m.group(2).split()) for m in re.finditer(r"- \*\*(\w+)\*\* (.*?)(?= - \*\*|$)",
                                                                                 screen)}
    assert {"Reads", "Writes", "Fetches"} <= bullets.keys()
    assert "Amberscript" in bullets["Fetches"] and "HappyScribe" in bullets["Fetches"]
    built_in = [f for f in scribekit.formats.registered()
                if getattr(f.module, "__name__", f.module).startswith("scribekit.")]
    assert {f.name for f in built_in} == NAMES.keys(), "a new format: name it in README.md's first lines and here"
    for info in built_in:
        read_name, write_name = NAMES[info.name]
        assert (read_name is not None) == info.reads and (write_name is not None) == info.writes, info.name
        assert read_name is None or read_name in bullets["Reads"], f"README.md's Reads line misses {info.name}"
        assert write_name is None or write_name in bullets["Writes"], f"README.md's Writes line misses {info.name}"
    assert "SAMI" not in bullets["Writes"] and "FCPXML" not in bullets["Reads"]


def test_the_repository_samples_are_untouched() -> None:
    """Runs last in this file: no example wrote into the repository's own samples/."""
    assert samples_digest() == SAMPLES_BEFORE
