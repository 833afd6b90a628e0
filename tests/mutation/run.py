"""Mutation testing of one module at a time with mutmut: every mutant of the module's code, run against the
test files that exercise it (tests/mutation/targets.toml), in a scratch copy of the working tree.

    python tests/mutation/run.py timecode          # one target
    python tests/mutation/run.py all -j 2          # every target, two mutants at a time
    python tests/mutation/run.py srt --record      # store the new score as the target's floor

Prints each target's score (killed mutants in per cent of all; a mutant no selected test reaches counts as
surviving) and writes the surviving mutants' diffs to WORK/NAME/survivors.txt. Exits 1 when a score is below
the target's floor, 2 on a usage error. Needs mutmut (pip install -e ".[mutation]")."""
from __future__ import annotations

import argparse
import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from importlib.util import find_spec
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]
TARGETS = Path(__file__).with_name("targets.toml")
SCORES_DOC = ROOT / "docs" / "mutation.md"
TABLE_START, TABLE_END = "<!-- scores start -->", "<!-- scores end -->"
# Left out of the scratch copy: nothing a test reads, and large or machine-made.
IGNORED = shutil.ignore_patterns(".git", ".mutation", ".ci", "build", "dist", "*.egg-info", "__pycache__",
                                 ".pytest_cache", ".mypy_cache", ".ruff_cache", ".hypothesis", "work")
# Fixed seeds, so that a property test kills the same mutants on every run.
PYTEST_ARGS = ["-q", "-p", "no:randomly", "-p", "no:cacheprovider", "--hypothesis-seed=0",
               "-m", "not slow and not browser and not network"]


@dataclass
class Target:
    name: str
    source: str
    tests: list[str]
    floor: float
    required: float = 0.0
    functions: list[str] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)
    mutants: int = 0
    killed: int = 0


@dataclass
class Outcome:
    mutants: int
    killed: int
    no_tests: int
    survivors: list[str]

    @property
    def score(self) -> float:
        """Killed in per cent, rounded down to a tenth: 94.96 is 94.9, never a 95 it did not reach."""
        return 1000 * self.killed // self.mutants / 10 if self.mutants else 100.0


def load_targets(path: Path = TARGETS) -> dict[str, Target]:
    data = tomllib.loads(path.read_text("utf-8"))
    return {name: Target(name=name, **table) for name, table in data.items()}


def mutmut_config(target: Target) -> str:
    def toml_list(values: list[str]) -> str:
        return "[" + ", ".join(json.dumps(value) for value in values) + "]"
    return "\n".join([
        "[tool.mutmut]",
        'source_paths = ["scribekit"]',
        f"only_mutate = {toml_list([target.source])}",
        f"pytest_add_cli_args_test_selection = {toml_list(target.tests)}",
        f"pytest_add_cli_args = {toml_list(PYTEST_ARGS)}",
        'also_copy = ["samples", "tests", "README.md"]',
        "",
    ])


def with_mutmut_config(pyproject: str, target: Target) -> str:
    """The text of pyproject.toml with its [tool.mutmut] table (if any) replaced by the target's."""
    others = re.sub(r"(?ms)^\[tool\.mutmut\]\n.*?(?=^\[|\Z)", "", pyproject)
    return others.rstrip("\n") + "\n\n" + mutmut_config(target)


def prepare(target: Target, work: Path) -> Path:
    scratch = work / target.name
    if scratch.exists():
        shutil.rmtree(scratch)
    shutil.copytree(ROOT, scratch, ignore=IGNORED)
    pyproject = scratch / "pyproject.toml"
    pyproject.write_text(with_mutmut_config(pyproject.read_text("utf-8"), target), "utf-8")
    return scratch


# `mutmut show` for many mutants in one process (a process each takes a second).
SHOW_ALL = """
import sys
from mutmut.__main__ import find_mutant, get_diff_for_mutant, status_by_exit_code
for name in sys.argv[1:]:
    mutant = find_mutant(name)
    print(f"# {name}: {status_by_exit_code[mutant.exit_code_by_key[name]]}")
    print(get_diff_for_mutant(name, path=mutant.path))
"""


def python(scratch: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=scratch, env=env, text=True, capture_output=True,
                          check=False)


def mutant_patterns(target: Target) -> list[str]:
    """mutmut's names of the target's mutants: all of the module's, or those of the listed functions
    (``name`` or ``Class.method``)."""
    module = target.source.removesuffix(".py").replace("/", ".")
    if not target.functions:
        return [f"{module}.*"]
    return [f"{module}.x{'ǁ'.join(['', *name.split('.')]) if '.' in name else '_' + name}__mutmut_*"
            for name in target.functions]


CAUGHT = {"killed", "timeout", "segfault", "caught by type check"}


def tally(results: str, patterns: list[str]) -> Outcome:
    """The outcome from ``mutmut results --all true`` (``name: status`` lines), of the mutants matching
    ``patterns``."""
    status_by_name = {}
    for line in results.splitlines():
        name, colon, status = line.strip().partition(": ")
        if colon and status != "skipped" and any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns):
            status_by_name[name] = status
    statuses = list(status_by_name.values())
    return Outcome(mutants=len(statuses), killed=sum(status in CAUGHT for status in statuses),
                   no_tests=statuses.count("no tests"),
                   survivors=[name for name, status in status_by_name.items() if status not in CAUGHT])


def run_target(target: Target, work: Path, children: int) -> Outcome:
    scratch = prepare(target, work)
    env = {**os.environ, **target.env, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("PYTHONPATH", None)
    patterns = mutant_patterns(target)
    log = scratch / "mutmut-run.log"
    selection = patterns if target.functions else []
    with log.open("w", encoding="utf-8") as progress:  # readable while it runs
        ran = subprocess.run([sys.executable, "-m", "mutmut", "run", "--max-children", str(children), *selection],
                             cwd=scratch, env=env, stdout=progress, stderr=subprocess.STDOUT, check=False)
    if ran.returncode != 0:
        raise SystemExit(f"{target.name}: mutmut run failed (exit {ran.returncode}); see {log}")
    outcome = tally(python(scratch, env, "-m", "mutmut", "results", "--all", "true").stdout, patterns)
    (scratch / "survivors.txt").write_text(python(scratch, env, "-c", SHOW_ALL, *outcome.survivors).stdout, "utf-8")
    return outcome


def record(target: Target, outcome: Outcome, path: Path = TARGETS, doc: Path = SCORES_DOC) -> None:
    """Store the outcome as the target's floor (and its counts) in targets.toml, and in the docs' table."""
    text = path.read_text("utf-8")
    table = re.compile(rf"(?ms)^\[{re.escape(target.name)}\]\n.*?(?=^\[|\Z)")
    block = table.search(text)
    assert block is not None
    lines = [line for line in block.group().rstrip("\n").splitlines()
             if not line.startswith(("floor =", "mutants =", "killed ="))]
    lines += [f"floor = {outcome.score:.1f}", f"mutants = {outcome.mutants}", f"killed = {outcome.killed}"]
    rest = text[block.end():].lstrip("\n")
    path.write_text(text[:block.start()] + "\n".join(lines) + ("\n\n" + rest if rest else "\n"), "utf-8")
    write_scores_table(load_targets(path), doc)


def scores_table(targets: dict[str, Target]) -> str:
    rows = ["| target | module | mutants | killed | score | required |", "|---|---|---|---|---|---|"]
    for target in targets.values():
        required = f"{target.required:.0f}%" if target.required else "-"
        part = f" ({', '.join(target.functions)})" if target.functions else ""
        rows.append(f"| {target.name} | `{target.source}`{part} | {target.mutants} | {target.killed} "
                    f"| {target.floor:.1f}% | {required} |")
    return "\n".join(rows)


def write_scores_table(targets: dict[str, Target], doc: Path = SCORES_DOC) -> None:
    text = doc.read_text("utf-8")
    start, end = text.index(TABLE_START) + len(TABLE_START), text.index(TABLE_END)
    doc.write_text(text[:start] + "\n" + scores_table(targets) + "\n" + text[end:], "utf-8")


def main(argv: list[str] | None = None) -> int:
    targets = load_targets()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="+", metavar="TARGET", help=f"all, or some of: {', '.join(targets)}")
    parser.add_argument("-j", "--max-children", type=int, default=os.cpu_count() or 1,
                        help="mutants tested at once (default: the number of CPUs)")
    parser.add_argument("--work", type=Path, default=ROOT / ".mutation",
                        help="where the scratch copies go (default: .mutation/ in the checkout)")
    parser.add_argument("--record", action="store_true",
                        help="store each score as its target's floor, in targets.toml and docs/mutation.md")
    parser.add_argument("--tests", nargs="+", metavar="FILE",
                        help="run the mutants against these test files instead of the target's")
    options = parser.parse_args(argv)
    if options.record and options.tests:
        parser.error("--record stores a target's own score: leave out --tests")
    names = list(targets) if options.names == ["all"] else options.names
    unknown = [name for name in names if name not in targets]
    if unknown:
        parser.error(f"no target {', '.join(unknown)}: choose from {', '.join(targets)}")
    if find_spec("mutmut") is None:  # run as `python -m mutmut`, with this interpreter
        parser.error('mutmut is not installed: pip install -e ".[mutation]"')
    below = []
    for name in names:
        target = targets[name]
        if options.tests:
            target.tests = options.tests
        began = time.monotonic()
        outcome = run_target(target, options.work, options.max_children)
        minutes, seconds = divmod(round(time.monotonic() - began), 60)
        print(f"{name}: {outcome.mutants} mutants, {outcome.killed} killed, "
              f"{len(outcome.survivors)} left ({outcome.no_tests} reached by no test): "
              f"{outcome.score:.1f}% (floor {target.floor:.1f}%), in {minutes} min {seconds:02d} s")
        if outcome.survivors:
            print(f"  survivors: {options.work / name / 'survivors.txt'}")
        if options.record:
            record(target, outcome)
        elif outcome.score < target.floor:
            below.append(name)
    if below:
        print(f"below the floor: {', '.join(below)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
