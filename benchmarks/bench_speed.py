#!/usr/bin/env python3
"""Speed and memory against the anchors of issue 17, every row side by side in one run.

    python benchmarks/bench_speed.py [--scale 1] [--repeat 3] [--baseline /path/to/other/checkout]
                                     [--only ROW ...] [--json FILE]

Each command runs in a child process (``python -m scribekit`` of this interpreter, from a
temporary folder, so that the scribekit imported is the one installed, or the --baseline
checkout's through PYTHONPATH). CPU is the child's user + system time and memory its peak
resident set size, both from os.wait4; each figure is the median of --repeat runs (the start-up
row: of --help-repeat runs), the runs of a row's commands taking turns. A row's ratio is ours
over its anchor; the target is the issue's. The inputs are made by child processes, so that this
process stays small (Linux counts a forked child's pages from before its exec in its peak). An
anchor that is scribekit itself (our SRT writer) runs with the same code as the row's command
(with --baseline its cell says before / after). Bytecode goes to a cache folder of the run
(PYTHONPYCACHEPREFIX), filled by one untimed run of each command on tiny inputs.

Rows (--only takes their names):

    srt-vtt         SRT -> VTT, 100,000 cues, CPU          vs python -m pysubs2 --to vtt
    srt-vtt-memory  the same, peak memory                  vs the same
    amberscript     Amberscript JSON, 1M words -> SRT, CPU vs a child doing json.load of the file
    resegment       scribekit resegment of 1,000 files x 200 cues, --jobs 1, CPU
                                                           vs one pysubs2 process converting them to VTT
    pdf, docx, html 100,000 cues -> the document, CPU      vs our SRT writer, whole file (convert --to srt
                                                           --encoding utf-8: not streamed, as a document is not)
    premiere, fcpxml 100,000 cues -> xmeml / FCPXML, peak memory  vs the same
    srt-stream, srt-stream-memory  SRT -> SRT streamed (convert --to srt), CPU and peak memory  vs the same
    help            scribekit --help, CPU                  vs python -m pysubs2 --help
    retime-shift    scribekit retime --shift 1.5s, 100,000 SRT cues, CPU   vs python -m pysubs2 --shift 1.5s
    retime-fps      scribekit retime --fps-from 23.976 --fps-to 25, CPU   vs pysubs2 --transform-framerate
                    (issue 18; its target is ours: no slower than pysubs2)
    qdpx, nvivo     Amberscript JSON, 1M words -> a REFI-QDA project / NVivo's Word table, CPU
                                                           vs our TXT writer on the same file
    conventions     the same -> TXT with --conventions gat2 --clean --inaudible 0.5
                    --speaker-abbreviations auto, CPU      vs our TXT writer without them
    pseudonymise    the same -> TXT with --pseudonymise (a list of 1,000 names, 8 of them said), CPU
                                                           vs our TXT writer without it
                    (issue 19 names no anchor: these are ours, the research formats and options beside
                    the plainest document of the same transcript)

--scale multiplies the sizes (0.1: 10,000 cues, 100,000 words, 100 files of 200 cues). The
inputs come from benchmarks/corpus.py. The exit status is 1 when a command failed (its row
says how), 0 otherwise, whether the targets are met or not.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CUES, WORDS, FILES, FILE_CUES = 100_000, 1_000_000, 1000, 200


@dataclass(frozen=True)
class Command:
    name: str
    argv: tuple[str, ...]
    """After the interpreter; {work} stands for the run's folder, {out} for an empty folder of its own."""
    scribekit: bool = True
    """Runs scribekit (so also with the baseline's code)."""


@dataclass(frozen=True)
class Row:
    name: str
    work: str
    anchor_label: str
    ours: Command
    anchor: Command
    metric: str  # "cpu" or "memory"
    target: float
    inputs: tuple[str, ...]
    help_row: bool = False


def _convert(name: str, source: str, fmt: str, *options: str) -> Command:
    return Command(name, ("-m", "scribekit", "convert", f"{{work}}/{source}", "--to", fmt, "-o",
                          f"{{out}}/out.{fmt}", "--force", *options))


SRT_VTT = _convert("convert srt->vtt", "big.srt", "vtt")
PYSUBS2_VTT = Command("pysubs2 srt->vtt", ("-m", "pysubs2", "--to", "vtt", "-o", "{out}", "{work}/big.srt"),
                      scribekit=False)
SRT_SRT = _convert("convert srt->srt", "big.srt", "srt")
SRT_SRT_WHOLE = _convert("convert srt->srt, whole file", "big.srt", "srt", "--encoding", "utf-8")
"""Our SRT writer as the documents reach it: the file read whole into cues, then written (any option,
here one that changes nothing, leaves streaming to the whole-file path). The anchor the issue measured."""
WHOLE = "our SRT writer (whole file)"
JSON_LOAD = Command("json.load", ("-c", "import json, sys\nwith open(sys.argv[1], encoding='utf-8') as f: json.load(f)",
                                  "{work}/big.amberscript.json"), scribekit=False)
TREE_FILES = "{tree-files}"


def _retime(name: str, *flags: str) -> Command:
    return Command(name, ("-m", "scribekit", "retime", "{work}/big.srt", "-o", "{out}/out.srt", "--force", *flags))


def _pysubs2(name: str, *flags: str) -> Command:
    return Command(name, ("-m", "pysubs2", *flags, "-o", "{out}", "{work}/big.srt"), scribekit=False)

TXT = _convert("convert amberscript->txt", "big.amberscript.json", "txt", "--speakers")
PLAIN_TXT = "our TXT writer"
NAMES_FILE = "names.csv"
"""1,000 names and their pseudonyms, 8 of which the corpus says (its place names and people)."""

ROWS = (
    Row("srt-vtt", "SRT->VTT {cues} cues, CPU", "pysubs2 CLI", SRT_VTT, PYSUBS2_VTT, "cpu", 0.15, ("srt",)),
    Row("srt-vtt-memory", "SRT->VTT {cues} cues, peak memory", "pysubs2 CLI", SRT_VTT, PYSUBS2_VTT, "memory",
        0.35, ("srt",)),
    Row("amberscript", "Amberscript JSON {words} words -> SRT, CPU", "json.load of the file",
        _convert("convert amberscript->srt", "big.amberscript.json", "srt"), JSON_LOAD, "cpu", 2.0,
        ("amberscript",)),
    Row("resegment", "re-segment {files} files x {file_cues} cues, --jobs 1, CPU", "pysubs2 converting the tree",
        Command("resegment tree", ("-m", "scribekit", "resegment", "{work}/tree", "-r", "--max-chars-per-row", "32",
                                   "--output-dir", "{out}", "--jobs", "1", "--quiet")),
        Command("pysubs2 tree->vtt", ("-m", "pysubs2", "--to", "vtt", "-o", "{out}", TREE_FILES), scribekit=False),
        "cpu", 0.8, ("srt-dir",)),
    Row("pdf", "{cues} cues -> PDF, CPU", WHOLE, _convert("convert srt->pdf", "big.srt", "pdf"), SRT_SRT_WHOLE,
        "cpu", 4.0, ("srt",)),
    Row("docx", "{cues} cues -> DOCX, CPU", WHOLE, _convert("convert srt->docx", "big.srt", "docx"),
        SRT_SRT_WHOLE, "cpu", 4.0, ("srt",)),
    Row("html", "{cues} cues -> HTML, CPU", WHOLE, _convert("convert srt->html", "big.srt", "html"),
        SRT_SRT_WHOLE, "cpu", 4.0, ("srt",)),
    Row("premiere", "{cues} cues -> xmeml, peak memory", WHOLE,
        _convert("convert srt->premiere", "big.srt", "premiere"), SRT_SRT_WHOLE, "memory", 2.0, ("srt",)),
    Row("fcpxml", "{cues} cues -> FCPXML, peak memory", WHOLE,
        _convert("convert srt->fcpxml", "big.srt", "fcpxml"), SRT_SRT_WHOLE, "memory", 2.0, ("srt",)),
    Row("srt-stream", "SRT->SRT {cues} cues streamed, CPU", WHOLE, SRT_SRT, SRT_SRT_WHOLE, "cpu", 1.0, ("srt",)),
    Row("srt-stream-memory", "SRT->SRT {cues} cues streamed, peak memory", WHOLE, SRT_SRT, SRT_SRT_WHOLE,
        "memory", 1.0, ("srt",)),
    Row("help", "scribekit --help, CPU", "python -m pysubs2 --help", Command("scribekit --help", ("-m", "scribekit",
        "--help")), Command("pysubs2 --help", ("-m", "pysubs2", "--help"), scribekit=False), "cpu", 1.2, (),
        help_row=True),
    Row("retime-shift", "retime {cues} SRT cues by 1.5 s, CPU", "pysubs2 CLI --shift",
        _retime("retime --shift", "--shift", "1.5s"), _pysubs2("pysubs2 --shift", "--shift", "1.5s"), "cpu", 1.0,
        ("srt",)),
    Row("retime-fps", "retime {cues} SRT cues 23.976 -> 25 fps, CPU", "pysubs2 CLI --transform-framerate",
        _retime("retime --fps-from/--fps-to", "--fps-from", "23.976", "--fps-to", "25"),
        _pysubs2("pysubs2 --transform-framerate", "--transform-framerate", "23.976", "25"), "cpu", 1.0, ("srt",)),
    Row("qdpx", "Amberscript JSON {words} words -> qdpx, CPU", PLAIN_TXT,
        _convert("convert amberscript->qdpx", "big.amberscript.json", "qdpx"), TXT, "cpu", 3.0, ("amberscript",)),
    Row("nvivo", "Amberscript JSON {words} words -> NVivo DOCX, CPU", PLAIN_TXT,
        _convert("convert amberscript->nvivo", "big.amberscript.json", "nvivo"), TXT, "cpu", 3.0, ("amberscript",)),
    Row("conventions", "{words} words -> TXT with conventions, CPU", PLAIN_TXT,
        _convert("convert amberscript->txt, conventions", "big.amberscript.json", "txt", "--speakers",
                 "--conventions", "gat2", "--clean", "--inaudible", "0.5", "--speaker-abbreviations", "auto"),
        TXT, "cpu", 2.0, ("amberscript",)),
    Row("pseudonymise", "{words} words -> TXT pseudonymised, CPU", PLAIN_TXT,
        _convert("convert amberscript->txt, pseudonymised", "big.amberscript.json", "txt", "--speakers",
                 "--pseudonymise", f"{{work}}/{NAMES_FILE}"), TXT, "cpu", 2.0, ("amberscript", "names")),
)
ROW_NAMES = tuple(row.name for row in ROWS)


# --- running the children ------------------------------------------------------------------------------

@dataclass
class Runs:
    cpu: list[float] = field(default_factory=list)
    """Seconds of user + system time."""
    memory: list[float] = field(default_factory=list)
    """MiB of peak resident set size."""
    error: str | None = None

    def median(self, metric: str) -> float:
        return statistics.median(self.cpu if metric == "cpu" else self.memory)


@dataclass
class Runner:
    work: Path
    environments: dict[str, dict[str, str]]
    """Variant ("after", "before") -> the children's environment."""
    tree_files: list[str]
    warm: Path
    """The same inputs, tiny, for the untimed run of each command."""
    warm_tree_files: list[str]
    results: dict[tuple[str, str], Runs] = field(default_factory=dict)

    def argv(self, command: Command, out: Path, timed: bool) -> list[str]:
        argv = [sys.executable]
        for part in command.argv:
            if part == TREE_FILES:
                argv.extend(self.tree_files if timed else self.warm_tree_files)
            else:
                argv.append(part.replace("{work}", str(self.work if timed else self.warm)).replace("{out}", str(out)))
        return argv

    def run(self, command: Command, variant: str, timed: bool = True) -> None:
        runs = self.results.setdefault((command.name, variant), Runs())
        if runs.error:
            return
        out = self.work / "out"
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir()
        with tempfile.TemporaryFile() as stderr:
            child = subprocess.Popen(self.argv(command, out, timed), cwd=self.work, env=self.environments[variant],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr)
            _, status, usage = os.wait4(child.pid, 0)
            child.returncode = os.waitstatus_to_exitcode(status)
            if child.returncode != 0:
                stderr.seek(0)
                said = stderr.read().decode("utf-8", "replace").strip().splitlines()
                runs.error = f"exit status {child.returncode}: {said[-1] if said else ''}"[:160]
                return
        if timed:
            runs.cpu.append(usage.ru_utime + usage.ru_stime)
            runs.memory.append(usage.ru_maxrss / 1024)


# --- the run --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Sizes:
    cues: int
    words: int
    files: int
    file_cues: int = FILE_CUES

    @classmethod
    def scaled(cls, scale: float) -> Sizes:
        return cls(max(1, round(CUES * scale)), max(1, round(WORDS * scale)), max(1, round(FILES * scale)))

    def label(self, text: str) -> str:
        return text.format(cues=f"{self.cues:,}", words=f"{self.words:,}", files=f"{self.files:,}",
                           file_cues=f"{self.file_cues:,}")


def make_inputs(work: Path, rows: list[Row], sizes: Sizes) -> list[str]:
    """The corpus files the rows read, in ``work``; the files of the tree, sorted. Each is made by a child
    process: a child forked from a large parent would count the parent's pages in its peak RSS."""
    kinds = {kind for row in rows for kind in row.inputs}
    if "names" in kinds:
        kinds.discard("names")
        _names_file(work / NAMES_FILE)
    made = {"srt": ("big.srt", "--cues", sizes.cues), "amberscript": ("big.amberscript.json", "--words", sizes.words),
            "srt-dir": ("tree", "--files", sizes.files)}
    for kind in sorted(kinds):
        name, flag, count = made[kind]
        subprocess.run([sys.executable, str(HERE / "corpus.py"), kind, flag, str(count), "--out", str(work / name),
                        *(["--cues", str(sizes.file_cues)] if kind == "srt-dir" else [])], check=True)
    return sorted(str(p) for p in (work / "tree").rglob("*.srt")) if "srt-dir" in kinds else []


def _names_file(path: Path) -> None:
    """A pseudonymisation list of 1,000 names: the corpus's eight names and places, and made-up ones."""
    said = ("Maria", "Jansen", "Sophie", "Pieter", "Amsterdam", "Rotterdam", "München", "São Paulo")
    rows = [f"{name},Name {k}" for k, name in enumerate(said)]
    rows += [f"Unsaid{k} Person{k},Other {k}" for k in range(1000 - len(said))]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("name,pseudonym\n" + "\n".join(rows) + "\n", encoding="utf-8")


def environments(work: Path, baseline: Path | None) -> dict[str, dict[str, str]]:
    common = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    common["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    variants = {"after": common}
    if baseline is not None:
        variants["before"] = {**common, "PYTHONPATH": str(baseline)}
    return variants


def which_scribekit(work: Path, environment: dict[str, str]) -> str:
    return subprocess.run([sys.executable, "-c", "import scribekit, os; print(os.path.dirname(scribekit.__file__))"],
                          cwd=work, env=environment, capture_output=True, text=True, check=True).stdout.strip()


def measure(runner: Runner, rows: list[Row], repeat: int, help_repeat: int) -> None:
    """Every command of the rows, each variant, once untimed and then ``repeat`` times in turn."""
    for group, times in (([r for r in rows if not r.help_row], repeat), ([r for r in rows if r.help_row], help_repeat)):
        jobs: list[tuple[Command, str]] = []
        for row in group:
            for command in (row.anchor, row.ours):
                for variant in runner.environments if command.scribekit else ("after",):
                    if (command, variant) not in jobs:
                        jobs.append((command, variant))
        for command, variant in jobs:
            runner.run(command, variant, timed=False)
        for round_number in range(1, times + 1):
            started = time.perf_counter()
            for command, variant in jobs:
                runner.run(command, variant)
            if group and not group[0].help_row:
                print(f"round {round_number} of {times}: {time.perf_counter() - started:.0f} s", file=sys.stderr,
                      flush=True)


def results(runner: Runner, rows: list[Row], sizes: Sizes) -> list[dict[str, Any]]:
    """A row's figures by variant; an anchor that is scribekit itself (our SRT writer) is measured with
    the same variant's code, other anchors once."""
    out = []
    for row in rows:
        entry: dict[str, Any] = {"row": row.name, "work": sizes.label(row.work), "anchor": row.anchor_label,
                                 "metric": row.metric, "unit": "s" if row.metric == "cpu" else "MiB",
                                 "target": row.target, "anchor_value": None, "error": None}
        for variant in runner.environments:
            anchor = runner.results[(row.anchor.name, variant if row.anchor.scribekit else "after")]
            ours = runner.results[(row.ours.name, variant)]
            base = None if anchor.error else anchor.median(row.metric)
            value = None if ours.error else ours.median(row.metric)
            ratio = value / base if value is not None and base else None
            entry[variant] = {"value": value, "anchor_value": base, "ratio": ratio,
                              "met": None if ratio is None else ratio <= row.target, "error": ours.error,
                              "anchor_error": anchor.error}
        entry["anchor_value"] = entry["after"]["anchor_value"]
        entry["error"] = entry["after"]["anchor_error"]
        out.append(entry)
    return out


def _value(value: float | None, unit: str) -> str:
    if value is None:
        return "failed"
    return f"{value:.0f} MiB" if unit == "MiB" else f"{value:.3f} s" if value < 1 else f"{value:.2f} s"


def _ratio(ratio: float | None) -> str:
    return "-" if ratio is None else f"{ratio:.2f}x"


def table(entries: list[dict[str, Any]], baseline: bool) -> str:
    if baseline:
        head = ["work", "anchor", "anchor CPU/MiB", "before", "ratio before", "after", "ratio after", "target", "met?"]
    else:
        head = ["work", "anchor", "anchor CPU/MiB", "ours CPU/MiB", "ratio", "target", "met?"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    notes = []
    for e in entries:
        anchor = _value(e["anchor_value"], e["unit"])
        if baseline and e["before"]["anchor_value"] != e["anchor_value"]:
            anchor = f"{_value(e['before']['anchor_value'], e['unit'])} / {anchor}"
        cells = [e["work"], e["anchor"], anchor]
        for variant in ("before", "after") if baseline else ("after",):
            cells += [_value(e[variant]["value"], e["unit"]), _ratio(e[variant]["ratio"])]
            if e[variant]["error"]:
                notes.append(f"{e['row']} ({variant}): {e[variant]['error']}")
            if e[variant]["anchor_error"]:
                notes.append(f"{e['row']} ({variant}, anchor): {e[variant]['anchor_error']}")
        met = e["after"]["met"]
        cells += [f"<= {e['target']:g}x", "?" if met is None else "yes" if met else "no"]
        lines.append("| " + " | ".join(cells) + " |")
    moved = [e for e in entries if baseline and e["row"] != "help" and e["before"]["anchor_value"]
             and e["after"]["value"] is not None and e["before"]["anchor_value"] != e["anchor_value"]]
    if moved:  # the anchor is our own SRT writer, which changed too: the ratios to it as it was
        lines.append("after / the anchor before: " + ", ".join(
            f"{e['row']} {_ratio(e['after']['value'] / e['before']['anchor_value'])}" for e in moved))
    streamed = {e["metric"]: e["after"]["value"] for e in entries if e["row"].startswith("srt-stream")}
    beside = [e for e in entries if e["anchor"] == WHOLE and not e["row"].startswith("srt-stream")
              and streamed.get(e["metric"]) and e["after"]["value"] is not None]
    if beside:  # a cue-preserving SRT conversion streams: how far the whole-file outputs are from it
        lines.append("after / SRT->SRT streamed: " + ", ".join(
            f"{e['row']} {_ratio(e['after']['value'] / streamed[e['metric']])}" for e in beside))
    return "\n".join(lines + [f"failed: {note}" for note in notes])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="sizes times this (default 1: 100,000 cues, ...)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each command (median)")
    parser.add_argument("--help-repeat", type=int, default=20, help="timed runs of the start-up row's commands")
    parser.add_argument("--baseline", type=Path, help="a checkout whose scribekit/ is run too (PYTHONPATH)")
    parser.add_argument("--only", nargs="+", choices=ROW_NAMES, metavar="ROW", help=f"of {', '.join(ROW_NAMES)}")
    parser.add_argument("--json", metavar="FILE", help="also the results as JSON, to FILE (- for stdout)")
    parser.add_argument("--work", type=Path, help="keep the inputs and cache here (default: a temporary folder)")
    args = parser.parse_args()
    if args.scale <= 0 or args.repeat < 1 or args.help_repeat < 1:
        parser.error("--scale must be above 0, --repeat and --help-repeat at least 1")
    if args.baseline is not None and not (args.baseline / "scribekit").is_dir():
        parser.error(f"--baseline: no scribekit/ in {args.baseline}")
    rows = [row for row in ROWS if not args.only or row.name in args.only]
    sizes = Sizes.scaled(args.scale)
    work = args.work or Path(tempfile.mkdtemp(prefix="scribekit-bench-speed-"))
    work.mkdir(parents=True, exist_ok=True)
    report = sys.stderr if args.json == "-" else sys.stdout
    try:
        tree_files = make_inputs(work, rows, sizes)
        (work / "warm").mkdir(exist_ok=True)
        warm_tree_files = make_inputs(work / "warm", rows, Sizes(10, 100, 1, 10))
        work = work.resolve()
        runner = Runner(work, environments(work, args.baseline.resolve() if args.baseline else None), tree_files,
                        work / "warm", warm_tree_files)
        where = {variant: which_scribekit(runner.work, env) for variant, env in runner.environments.items()}
        print(f"children: {sys.executable} -m scribekit (and -m pysubs2), from {runner.work}; "
              f"scribekit {' / '.join(f'{v}: {p}' for v, p in where.items())}", file=report)
        print(f"CPU: user + system time of the child (os.wait4); memory: its peak RSS; median of {args.repeat} runs "
              f"({args.help_repeat} for --help)", file=report, flush=True)
        measure(runner, rows, args.repeat, args.help_repeat)
        entries = results(runner, rows, sizes)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print(table(entries, args.baseline is not None), file=report)
    if args.json:
        document = {"python": sys.executable, "scribekit": where, "scale": args.scale, "repeat": args.repeat,
                    "help_repeat": args.help_repeat, "sizes": asdict(sizes),
                    "rows": entries}
        text = json.dumps(document, indent=1)
        if args.json == "-":
            print(text)
        else:
            Path(args.json).write_text(text + "\n", encoding="utf-8")
    failed = any(e[v]["error"] or e[v]["anchor_error"] for e in entries for v in runner.environments)
    return 1 if failed else 0


if __name__ == "__main__":
    from _script import run_script

    run_script(lambda: sys.exit(main()), __file__)
