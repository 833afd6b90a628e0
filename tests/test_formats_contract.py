"""The format registry: every format declares itself and keeps the contract; plug-in formats
from other packages (entry points of the group scribekit.formats) work like built-in ones."""
from __future__ import annotations

import dataclasses
import importlib
import json
import os
import pkgutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

import scribekit
from scribekit import ScribekitWarning, Transcript, UnknownFormatError, formats
from scribekit.formats import (
    BytesReader,
    DocumentWriter,
    FormatInfo,
    JsonReader,
    SubtitleWriter,
    TextReader,
    contract_problems,
    describe,
)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "amberscript" / "interview.json"
ALL = formats.registered()


@pytest.mark.parametrize("info", ALL, ids=[f.name for f in ALL])
def test_every_format_keeps_the_contract(info: FormatInfo) -> None:
    assert contract_problems(info) == []
    module = info.module
    assert module.FORMAT is info
    if info.writes:
        assert isinstance(module, SubtitleWriter if info.kind == "subtitle" else DocumentWriter)
        assert dataclasses.is_dataclass(info.options)
    reader_kinds = [kind for kind in (TextReader, BytesReader, JsonReader) if isinstance(module, kind)]
    assert bool(reader_kinds) == info.reads
    assert info.reads or info.writes


def test_listing_the_formats_folder_lists_the_formats() -> None:
    package = Path(formats.__file__).parent
    public = {entry.name for entry in pkgutil.iter_modules([str(package)]) if not entry.name.startswith("_")}
    assert public == {Path(f.module_name.replace(".", "/")).name for f in ALL if f.module_name.startswith(
        "scribekit.formats.")}
    for entry in pkgutil.iter_modules([str(package)]):
        module = importlib.import_module(f"scribekit.formats.{entry.name}")
        assert entry.name.startswith("_") == (getattr(module, "FORMAT", None) is None)


def test_names_aliases_and_extensions_resolve_to_one_format_each() -> None:
    seen: dict[str, str] = {}
    for info in ALL:
        for key in (info.name, *info.aliases):
            assert key not in seen, f"{key} names both {seen.get(key)} and {info.name}"
            seen[key] = info.name
            assert formats.get(key.upper()) is info
        assert info.extension == info.extensions[0]
    assert formats.names() == set(seen)
    assert formats.get("webvtt").name == "vtt" and formats.get(".SRT").name == "srt"
    with pytest.raises(UnknownFormatError, match="unknown format 'nope'"):
        formats.get("nope")


def test_detection_order_follows_the_declared_priorities() -> None:
    priorities = [info.priority for info in ALL]
    assert priorities == sorted(priorities)
    # the strict readers come before the catch-all pysubs2 ones, and JSON shapes before the generic JSON
    order = [info.name for info in ALL]
    assert order.index("srt") < order.index("ass") and order.index("json") < order.index("amberscript-json")


def test_reads_and_writes_come_from_what_the_module_defines() -> None:
    assert formats.get("sami").reads and not formats.get("sami").writes
    assert formats.get("pdf").writes and not formats.get("pdf").reads
    assert [f.name for f in formats.readers()] == [f.name for f in ALL if hasattr(f.module, "read")
                                                   or hasattr(f.module, "read_bytes") or hasattr(f.module, "read_json")]


@pytest.mark.parametrize("bad", [
    {"name": "Bad Name"}, {"kind": "video"}, {"extensions": "srt"}, {"extensions": (".srt",)}, {"extensions": ()},
    {"aliases": "x"},
])
def test_describe_refuses_a_malformed_declaration(bad: dict[str, object]) -> None:
    declaration: dict[str, object] = {"name": "ok", "title": "OK", "extensions": ("ok",), "kind": "document", **bad}
    with pytest.raises(ValueError):
        describe("somewhere", **declaration)  # type: ignore[arg-type]


def test_contract_problems_name_what_is_wrong(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "halfway_format.py").write_text(textwrap.dedent("""
        from scribekit.formats import describe
        FORMAT = describe(__name__, name="halfway", title="Halfway", extensions=("hw",), kind="subtitle")
        def read(text):
            return None
        def write(transcript, options):
            return ""
    """))
    monkeypatch.syspath_prepend(str(tmp_path))
    module = importlib.import_module("halfway_format")
    problems = contract_problems(module.FORMAT)
    assert "defines one of sniff and read without the other" in problems
    assert "a subtitle format writes with write_cues, not write" in problems


# --- plug-ins ---------------------------------------------------------------------------------

PLUGIN = '''
"""A plug-in format for the tests: "SHOUT 1" and a line per speaker turn, upper case."""
from dataclasses import dataclass, field

from scribekit import Segment, Speaker, Transcript, Word
from scribekit.formats import describe

FORMAT = describe(__name__, name="shout", title="Upper-case turns (a test plug-in)",
                  extensions=("shout",), kind="document", aliases=("loud",))


@dataclass(frozen=True)
class Options:
    shout_mark: str = field(default="!", metadata={"help": "what ends every turn"})


def sniff(text):
    return text.startswith("SHOUT 1\\n")


def read(text):
    segments = []
    for number, line in enumerate(text.splitlines()[1:]):
        start = number * 1000
        words = [Word(word, start, start + 900) for word in line.split()]
        segments.append(Segment("S1", words))
    return Transcript(segments=segments, speakers=[Speaker("S1", "Shouter")])


def write(transcript, options):
    mark = (options or Options()).shout_mark
    return "SHOUT 1\\n" + "".join(segment.text.upper() + mark + "\\n" for segment in transcript.segments)
'''

BROKEN = "raise RuntimeError('this plug-in cannot be imported')\n"
CLASHING = '''
from scribekit.formats import describe
FORMAT = describe(__name__, name="srt", title="Another SubRip", extensions=("srt",), kind="document")
from dataclasses import dataclass
@dataclass(frozen=True)
class Options:
    pass
def write(transcript, options):
    return ""
'''


def _distribution(folder: Path, project: str, entry_points: dict[str, str], modules: dict[str, str]) -> None:
    """An installed distribution as importlib.metadata finds it: modules and a .dist-info folder."""
    for name, source in modules.items():
        (folder / f"{name}.py").write_text(source)
    info = folder / f"{project}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {project}\nVersion: 0.1\n")
    lines = "".join(f"{name} = {value}\n" for name, value in entry_points.items())
    (info / "entry_points.txt").write_text(f"[scribekit.formats]\n{lines}")


@pytest.fixture
def plugin_path(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    folder.mkdir()
    _distribution(folder, "scribekit_shout", {"shout": "scribekit_shout"}, {"scribekit_shout": PLUGIN})
    return folder


@pytest.fixture
def with_plugin(plugin_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.syspath_prepend(str(plugin_path))
    formats._registry.cache_clear()
    yield
    formats._registry.cache_clear()


def _run(args: list[str], plugin_path: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(plugin_path), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-m", "scribekit", *args], capture_output=True, text=True, env=env,
                          cwd=cwd, timeout=120)


@pytest.mark.usefixtures("with_plugin")
def test_a_plugin_format_works_in_the_library(tmp_path: Path) -> None:
    info = formats.get("loud")
    assert info.name == "shout" and info in formats.registered() and info.priority == formats.PLUGIN_PRIORITY
    transcript = scribekit.load(SAMPLE)
    text = scribekit.dumps(transcript, "shout", shout_mark="!!")
    assert isinstance(text, str) and text.startswith("SHOUT 1\n")
    assert text.splitlines()[1] == transcript.segments[0].text.upper() + "!!"
    path = tmp_path / "turns.shout"
    scribekit.save(transcript, path)  # the output format from the plug-in's extension
    back = scribekit.load(path)  # detected by the plug-in's sniffer
    assert back.segments[0].text == transcript.segments[0].text.upper() + "!"
    assert formats.detect(path.read_bytes()).name == "shout"


def test_a_plugin_format_works_in_the_cli_and_a_batch_with_its_options_as_flags(plugin_path: Path,
                                                                               tmp_path: Path) -> None:
    listing = _run(["formats"], plugin_path, tmp_path)
    assert listing.returncode == 0, listing.stderr
    assert any(line.split()[:3] == ["shout", "yes", "yes"] for line in listing.stdout.splitlines())
    listed = json.loads(_run(["formats", "--json"], plugin_path, tmp_path).stdout)["formats"]
    rows = {row["name"]: row for row in listed}
    assert rows["shout"]["options"] == ["shout_mark", "sound_events"]  # its own, and those every writer takes
    one = _run(["convert", str(SAMPLE), "--to", "loud", "--shout-mark", "?", "-o", "-"], plugin_path, tmp_path)
    assert one.returncode == 0, one.stderr
    assert one.stdout.startswith("SHOUT 1\n") and one.stdout.splitlines()[1].endswith("?")
    tree = tmp_path / "in"
    (tree / "a").mkdir(parents=True)
    for name in ("one", "two", "three"):
        (tree / "a" / f"{name}.json").write_bytes(SAMPLE.read_bytes())
    result = _run(["convert", str(tree), "-r", "--to", "shout", "srt", "--output-dir", str(tmp_path / "out"),
                   "--jobs", "2"], plugin_path, tmp_path)
    assert result.returncode == 0, result.stderr
    written = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.*"))
    assert written == ["a/one.shout", "a/one.srt", "a/three.shout", "a/three.srt", "a/two.shout", "a/two.srt"]
    shout = (tmp_path / "out" / "a" / "one.shout").read_text()
    assert shout.startswith("SHOUT 1\n") and shout.splitlines()[1].endswith("!")
    # and back: the plug-in's files are detected and read by content, whatever their name
    renamed = tmp_path / "turns.txt"
    renamed.write_text(shout)
    back = _run(["convert", str(renamed), "--to", "txt", "-o", "-"], plugin_path, tmp_path)
    assert back.returncode == 0, back.stderr
    assert shout.splitlines()[1][:-1] in back.stdout


def test_a_broken_or_clashing_plugin_is_refused_with_a_warning(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    _distribution(folder, "broken_plugin", {"broken": "broken_plugin"}, {"broken_plugin": BROKEN})
    _distribution(folder, "clashing_plugin", {"clash": "clashing_plugin"}, {"clashing_plugin": CLASHING})
    monkeypatch.syspath_prepend(str(folder))
    formats._registry.cache_clear()
    try:
        with pytest.warns(ScribekitWarning) as caught:
            names = [info.name for info in formats.registered()]
        messages = [str(w.message) for w in caught]
        assert any("'broken'" in m and "RuntimeError" in m for m in messages)
        assert any("'clash'" in m and "the name 'srt' is taken" in m for m in messages)
        assert names.count("srt") == 1 and formats.get("srt").module_name == "scribekit.formats.srt"
        assert scribekit.dumps(Transcript(), "srt") == ""
    finally:
        formats._registry.cache_clear()
