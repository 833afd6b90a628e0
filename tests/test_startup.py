"""Start-up: `scribekit --help` lists the commands from a table without importing them; the table
cannot drift from the commands, and what a fresh process imports is checked in one."""
from __future__ import annotations

import importlib
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import click
import pytest

import scribekit
import scribekit.cli
from scribekit.cli import LAZY_COMMANDS, cli

ROOT = Path(__file__).resolve().parent.parent


def _fresh(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    """``code`` run by a new interpreter (nothing imported yet), with ``args`` as its arguments."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS="80")
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, cwd=ROOT)


_RUN = """
import sys
from scribekit.cli import main
sys.argv = ["scribekit", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print("\\nMODULES", " ".join(sorted(sys.modules)))
"""

HEAVY = ("scribekit.formats", "scribekit.segmentation", "scribekit.batch", "scribekit.api", "scribekit.cli.convert",
         "scribekit.cli.amberscript", "scribekit.cli.happyscribe", "scribekit.fetch.http", "multiprocessing",
         "concurrent.futures", "httpx", "importlib.metadata")


def _modules(*args: str) -> set[str]:
    done = _fresh(_RUN, *args)
    assert done.returncode == 0, done.stderr
    return set(done.stdout.rpartition("\nMODULES ")[2].split())


def _command_modules() -> dict[str, str]:
    """Every command of the command modules' ``COMMANDS``, with the module defining it."""
    found: dict[str, str] = {}
    for entry in pkgutil.iter_modules(scribekit.cli.__path__):
        module = importlib.import_module(f"scribekit.cli.{entry.name}")
        for command in getattr(module, "COMMANDS", ()):
            assert command.name not in found, f"two commands named {command.name}"
            found[command.name] = entry.name
    return found


def test_the_table_names_every_command_and_the_module_defining_it() -> None:
    assert {name: lazy.module for name, lazy in LAZY_COMMANDS.items()} == _command_modules()


@pytest.mark.parametrize("name", sorted(LAZY_COMMANDS))
def test_the_short_help_in_the_table_is_the_commands_own_at_every_width(name: str) -> None:
    command = cli.get_command(click.Context(cli), name)
    assert command is not None and not command.hidden and not command.deprecated and command.short_help is None
    stand_in = click.Command(name, help=LAZY_COMMANDS[name].help)
    for limit in range(10, 400):
        assert stand_in.get_short_help_str(limit) == command.get_short_help_str(limit), limit


def test_the_groups_help_is_the_same_before_and_after_its_commands_are_loaded() -> None:
    code = """
import sys
from click.testing import CliRunner
from scribekit.cli import cli
widths = (50, 62, 80, 120, 200)
lazy = [CliRunner().invoke(cli, ["--help"], terminal_width=w, prog_name="scribekit").output for w in widths]
assert "scribekit.cli.convert" not in sys.modules
cli.all_commands()
loaded = [CliRunner().invoke(cli, ["--help"], terminal_width=w, prog_name="scribekit").output for w in widths]
assert "scribekit.cli.convert" in sys.modules
print(lazy == loaded)
"""
    done = _fresh(code)
    assert done.stdout.strip() == "True", done.stderr


def test_help_lists_the_commands_with_their_short_help() -> None:
    done = _fresh(_RUN, "--help")  # COLUMNS=80
    assert done.returncode == 0 and done.stdout.partition("\nMODULES")[0].endswith(
        "Commands:\n"
        "  amberscript  Amberscript: upload media, follow jobs, fetch results in...\n"
        "  convert      Convert transcripts and subtitle files to other formats.\n"
        "  formats      List every format: what scribekit reads and writes, and...\n"
        "  happyscribe  HappyScribe: upload media, follow transcriptions, exports,...\n"
        "  info         What FILE holds: its format, its header fields (EBU STL's...\n"
        "  lint         Check subtitle files against a profile and limits.\n"
        "  profiles     List the named sets of limits that --profile takes.\n"
        "  resegment    Cut subtitle files anew under new limits.\n"
        "  retime       Change the times of subtitle files, and nothing else.\n")


@pytest.mark.parametrize("args", [["--help"], ["-h"], []])
def test_the_groups_help_imports_no_command_module_format_or_process_pool(args: list[str]) -> None:
    imported = _modules(*args)
    assert not [m for m in imported if m.startswith(HEAVY)]


def test_version_imports_no_command_module() -> None:
    imported = _modules("--version")
    assert not [m for m in imported if m.startswith(HEAVY) and not m.startswith("importlib.metadata")]


@pytest.mark.parametrize("command", ["amberscript", "happyscribe"])
def test_a_provider_commands_help_imports_neither_httpx_nor_a_process_pool(command: str) -> None:
    imported = _modules(command, "--help")
    assert f"scribekit.cli.{command}" in imported
    assert not [m for m in imported if m.startswith(("httpx", "multiprocessing", "concurrent.futures",
                                                      "scribekit.batch", "scribekit.cli.convert"))]


def test_an_unknown_command_is_matched_against_every_command_not_the_loaded_ones() -> None:
    done = _fresh(_RUN, "lnt")
    assert done.stderr == ("Usage: scribekit [OPTIONS] COMMAND [ARGS]...\nTry 'scribekit --help' for help.\n\n"
                           "Error: No such command 'lnt'. Did you mean 'lint'?\n")
    done = _fresh(_RUN, "happyscrib")
    assert done.stderr.endswith("Error: No such command 'happyscrib'. Did you mean 'happyscribe'?\n")
    assert "scribekit.cli.happyscribe" not in done.stdout


def test_shell_completion_lists_every_command() -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT), _SCRIBEKIT_COMPLETE="bash_complete", COMP_WORDS="scribekit ",
               COMP_CWORD="1")
    done = subprocess.run([sys.executable, "-m", "scribekit"], capture_output=True, text=True, env=env, cwd=ROOT)
    assert done.stdout.split() == [f"plain,{name}" for name in sorted(LAZY_COMMANDS)]


def test_library_messages_name_the_flags_of_every_command_in_a_fresh_process() -> None:
    """The argument names turned into flags come from every command, loaded or not."""
    code = """
from scribekit.cli._common import as_flags
print(as_flags("poll_interval=3, organization=x, max_chars_per_row=30"))
"""
    done = _fresh(code)
    assert done.stdout == "--poll-interval 3, --organization x, --max-chars-per-row 30\n", done.stderr


def test_the_packages_public_names_are_its_modules_objects() -> None:
    from scribekit import api, model, segmentation, transforms

    for name in scribekit.__all__:
        value = getattr(scribekit, name)
        owners = [m for m in (api, model, segmentation, transforms, scribekit.errors) if hasattr(m, name)]
        assert name == "__version__" or any(getattr(m, name) is value for m in owners), name
    with pytest.raises(AttributeError, match="no attribute 'nothing_of_that_name'"):
        scribekit.nothing_of_that_name  # noqa: B018


def test_importing_the_package_imports_its_modules_on_first_use() -> None:
    code = """
import sys
import scribekit
print("scribekit.formats" in sys.modules, "scribekit.model" in sys.modules)
print(scribekit.formats.get("srt").name, scribekit.Cue.__module__)
"""
    done = _fresh(code)
    assert done.stdout == "False False\nsrt scribekit.model\n", done.stderr


REMAKE = ("""python -c "from scribekit.cli._common import render_flag_table as r; print(r(), end='')" """
          ">scribekit/cli/_flag_table.py")


def test_the_flag_table_is_what_the_format_modules_make() -> None:
    done = _fresh("from scribekit.cli._common import render_flag_table as r; print(r(), end='')")
    assert done.returncode == 0, done.stderr
    table = (ROOT / "scribekit" / "cli" / "_flag_table.py").read_text(encoding="utf-8")
    assert table == done.stdout, f"the writers' options changed: make the table anew with\n{REMAKE}"


def test_the_flags_from_the_table_are_the_computed_ones() -> None:
    from scribekit import formats
    from scribekit.cli import _common

    assert not formats._may_have_plugins()
    assert _common.writers.__wrapped__() == _common.computed_writers()  # not the cached one: made now


_PLUGIN = '''
from dataclasses import dataclass, field
from scribekit.formats import describe
FORMAT = describe(__name__, name="shout", title="Shouting text", extensions=("shout",), kind="document")
@dataclass(frozen=True)
class Options:
    shout_level: int = field(default=1, metadata={"help": "how loud"})
def write(transcript, options):
    return " ".join(w.text for w in transcript.words).upper()
'''


def test_a_plug_in_writers_options_are_flags_and_its_name_is_among_every_formats(tmp_path: Path) -> None:
    """With a plug-in format installed the flags are computed from the modules, not read from the table."""
    (tmp_path / "scribekit_shout_startup.py").write_text(_PLUGIN, encoding="utf-8")
    info = tmp_path / "scribekit_shout_startup-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: scribekit-shout-startup\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[scribekit.formats]\nshout = scribekit_shout_startup\n")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path), str(ROOT)]), COLUMNS="200")
    done = subprocess.run([sys.executable, "-m", "scribekit", "convert", "--help"], capture_output=True, text=True,
                          env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    text = " ".join(done.stdout.split())
    assert "--shout-level INTEGER how loud [shout]" in text
    assert "--sound-events / --no-sound-events keep non-speech events" in text
    assert "--no-sound-events leaves them out [every format]" in text
