"""The mutation-testing runner (tests/mutation/run.py) and its targets: the recorded scores hold the levels
the project requires and agree with docs/mutation.md, every target names files that exist, every line kept
from mutation says why, and the runner's config and record steps do what a contributor relies on."""
from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]


def _load_runner():
    spec = importlib.util.spec_from_file_location("mutation_run", ROOT / "tests" / "mutation" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


run = _load_runner()
TARGETS = run.load_targets()


def test_the_core_modules_are_targets_with_the_required_levels():
    required = {target.source: target.required for target in TARGETS.values()}
    assert required["scribekit/timecode.py"] >= 95
    assert required["scribekit/formats/srt.py"] >= 95
    assert required["scribekit/formats/vtt.py"] >= 90
    assert required["scribekit/segmentation/timing.py"] >= 90


@pytest.mark.parametrize("name", TARGETS)
def test_a_target_names_its_module_and_existing_test_files(name):
    target = TARGETS[name]
    assert (ROOT / target.source).is_file()
    assert target.source.startswith("scribekit/") and target.source.endswith(".py")
    assert target.tests, "a target without tests would count every mutant as surviving"
    for test_file in target.tests:
        assert (ROOT / test_file).is_file(), test_file


@pytest.mark.parametrize("name", TARGETS)
def test_a_recorded_score_is_its_counts_and_holds_the_required_level(name):
    target = TARGETS[name]
    if target.mutants:
        assert target.floor == 1000 * target.killed // target.mutants / 10
        assert 0 < target.killed <= target.mutants
    assert target.floor >= target.required, f"{name} is recorded below the level it is held to"


def test_the_docs_show_the_recorded_scores():
    text = run.SCORES_DOC.read_text("utf-8")
    shown = text[text.index(run.TABLE_START) + len(run.TABLE_START):text.index(run.TABLE_END)].strip()
    assert shown == run.scores_table(TARGETS)


PRAGMA = re.compile(r"#\s*pragma:\s*no mutate(.*)")


@pytest.mark.parametrize("name", TARGETS)
def test_every_line_kept_from_mutation_says_why(name):
    source = (ROOT / TARGETS[name].source).read_text("utf-8")
    for number, line in enumerate(source.splitlines(), 1):
        marked = PRAGMA.search(line)
        if marked:
            reason = marked.group(1).strip()
            assert re.match(r"\((equivalent|untestable): .{8,}\)", reason), (
                f"{TARGETS[name].source}:{number}: say '(equivalent: why)' or '(untestable: why)'")


def test_the_config_replaces_a_tool_mutmut_table_and_keeps_the_rest():
    target = run.Target(name="x", source="scribekit/timecode.py", tests=["tests/test_timecode.py"], floor=0.0)
    pyproject = ('[project]\nname = "scribekit"\n\n[tool.mutmut]\nsource_paths = ["elsewhere"]\n'
                 'debug = true\n\n[tool.ruff]\nline-length = 120\n')
    config = tomllib.loads(run.with_mutmut_config(pyproject, target))
    assert config["project"]["name"] == "scribekit"
    assert config["tool"]["ruff"]["line-length"] == 120
    mutmut = config["tool"]["mutmut"]
    assert "debug" not in mutmut
    assert mutmut["source_paths"] == ["scribekit"]
    assert mutmut["only_mutate"] == ["scribekit/timecode.py"]
    assert mutmut["pytest_add_cli_args_test_selection"] == ["tests/test_timecode.py"]
    assert "--hypothesis-seed=0" in mutmut["pytest_add_cli_args"]


def test_the_config_of_our_own_pyproject_is_valid_toml():
    target = TARGETS["timecode"]
    config = tomllib.loads(run.with_mutmut_config((ROOT / "pyproject.toml").read_text("utf-8"), target))
    assert config["tool"]["mutmut"]["only_mutate"] == [target.source]
    assert config["project"]["name"] == "scribekit"


@pytest.mark.parametrize(("killed", "mutants", "score"), [
    (95, 100, 95.0), (9499, 10000, 94.9), (9496, 10000, 94.9), (2, 3, 66.6), (0, 5, 0.0), (0, 0, 100.0)])
def test_a_score_is_rounded_down_so_that_a_level_is_never_reached_by_rounding(killed, mutants, score):
    assert run.Outcome(mutants=mutants, killed=killed, no_tests=0, survivors=[]).score == score


def test_the_outcome_counts_the_target_s_mutants_by_their_status():
    results = "\n".join([
        "    scribekit.timecode.x_clock__mutmut_1: killed",
        "    scribekit.timecode.x_clock__mutmut_2: survived",
        "    scribekit.timecode.x_clock__mutmut_3: timeout",
        "    scribekit.timecode.x_clock__mutmut_4: no tests",
        "    scribekit.timecode.x_clock__mutmut_5: skipped",
        "    scribekit.timecode.x_clock__mutmut_6: segfault",
        "    scribekit.timecode.x_frame_spans__mutmut_1: survived",
        "    scribekit.timecode.xǁFrameRateǁparse__mutmut_1: killed",
        "    scribekit.retime.x_shift__mutmut_1: survived",
        "not a result line",
    ])
    target = run.Target(name="x", source="scribekit/timecode.py", tests=[], floor=0.0,
                        functions=["clock", "FrameRate.parse"])
    outcome = run.tally(results, run.mutant_patterns(target))
    assert (outcome.mutants, outcome.killed, outcome.no_tests) == (6, 4, 1)
    assert outcome.survivors == ["scribekit.timecode.x_clock__mutmut_2", "scribekit.timecode.x_clock__mutmut_4"]
    whole = run.tally(results, run.mutant_patterns(run.Target(name="x", source="scribekit/timecode.py", tests=[],
                                                              floor=0.0)))
    assert (whole.mutants, whole.killed) == (7, 4)
    assert whole.survivors[-1] == "scribekit.timecode.x_frame_spans__mutmut_1"


def test_recording_rewrites_one_target_and_the_docs_table(tmp_path):
    targets_file = tmp_path / "targets.toml"
    targets_file.write_text(
        '# header comment\n\n[a]\nsource = "scribekit/timecode.py"\ntests = ["tests/test_timecode.py"]\n'
        'required = 90.0\nfloor = 50.0\nmutants = 10\nkilled = 5\n\n'
        '[b]\n# a note\nsource = "scribekit/formats/srt.py"\ntests = ["tests/test_srt.py"]\nfloor = 0.0\n', "utf-8")
    doc = tmp_path / "mutation.md"
    doc.write_text(f"# Scores\n\n{run.TABLE_START}\nold\n{run.TABLE_END}\n\nafter\n", "utf-8")
    targets = run.load_targets(targets_file)

    run.record(targets["b"], run.Outcome(mutants=300, killed=290, no_tests=1, survivors=["m"]), targets_file, doc)

    again = run.load_targets(targets_file)
    assert (again["a"].floor, again["a"].mutants, again["a"].killed) == (50.0, 10, 5)
    assert (again["b"].floor, again["b"].mutants, again["b"].killed) == (96.6, 300, 290)
    text = targets_file.read_text("utf-8")
    assert text.startswith("# header comment\n\n[a]\n")
    assert "[b]\n# a note\n" in text and text.endswith("killed = 290\n")
    shown = doc.read_text("utf-8")
    assert "| b | `scribekit/formats/srt.py` | 300 | 290 | 96.6% | - |" in shown
    assert "| a | `scribekit/timecode.py` | 10 | 5 | 50.0% | 90% |" in shown
    assert "old" not in shown and shown.endswith(f"{run.TABLE_END}\n\nafter\n")


def test_an_unknown_target_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as stopped:
        run.main(["no-such-module"])
    assert stopped.value.code == 2
    assert "no target no-such-module" in capsys.readouterr().err
