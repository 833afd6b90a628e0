#!/usr/bin/env python3
"""Writing the delivery formats (the TTML family and SCC) against writing SRT, and ttconv's own
TTML/IMSC and SCC writers and readers beside ours, on the same cues.

    python benchmarks/bench_delivery.py [--cues 100000] [--repeat 3] [--budget 20]
                                        [--ttconv-scc-cues 4000] [--only ttml scc ...] [--no-ttconv]

The cues are the text of benchmarks/corpus.py's SRT (deterministic), re-wrapped to
at most 2 rows of 32 characters (what a CEA-608 caption holds, so that every format gets the
same cues and none has to re-cut them), every tenth cue in italics, one cue every 3 s (2.6 s
on screen: the time an SCC encoder needs to load a two-row caption fits before each start).
They are written as SRT, each run's input: scribekit reads it (the cues are kept as they
are), ttconv's SRT reader builds ttconv's model of it. Only the writing is measured:
``scribekit.dumps`` to UTF-8 bytes, and ttconv's ``imsc.writer.from_model`` serialised as
``tt convert`` does, or ``scc.writer``'s. SCC's timecodes stop at 23:59:59;29, which 28,795
such cues reach: SCC, and SRT beside it, are written as as few files of equal length as hold
the cues (100,000: 4 files of 25,000), one after the other in the same process.

Each writer runs in a process of its own: time is the best of up to --repeat runs (stopped
early once the runs took --budget seconds), in CPU time of that process, so that other work
on the machine does not count; memory is the peak resident set of the first run above what
the process held before it (Linux: the peak is reset through /proc/self/clear_refs; elsewhere
the whole process's peak), which counts what lxml allocates outside Python too. Both are
given as a ratio to SRT (targets: 3x for the TTML family, 2x for SCC).

ttconv's SCC writer takes time that grows with the square of the cues (about a minute and a
half for 10,000; hours for 100,000), so it is compared with ours on the first
--ttconv-scc-cues cues. Reading: the TTML and the SCC files that our writers wrote, read by
``scribekit.load`` and by ttconv's readers (the TTML after ``ElementTree.parse``, as ``tt
convert`` does), beside our SRT reader on the same cues. A format not registered yet is
skipped with a line saying so.
"""
from __future__ import annotations

import argparse
import gc
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import textwrap
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
CORPUS = HERE / "corpus.py"

TTML_FAMILY = ("ttml", "ebu-tt-d", "imsc", "netflix-ttml", "itt")
TARGETS = {**dict.fromkeys(TTML_FAMILY, 3.0), "scc": 2.0}
SPACING, SHOWN, FIRST = 3000, 2600, 10_000
"""One cue every 3 s, 2.6 s on screen, the first at 10 s (ms)."""
SCC_FILE = (86_400_000 - FIRST - SHOWN) // SPACING
"""The most cues an SCC file holds here: its timecodes stop at 23:59:59;29."""


# --- the cues ------------------------------------------------------------------------------------

def stamp(ms: int) -> str:
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"


def delivery_rows(count: int) -> list[list[str]]:
    """The rows of ``count`` cues: the corpus text, at most 2 rows of 32 characters, every tenth cue in italics."""
    corpus = subprocess.run([sys.executable, str(CORPUS), "srt", "--cues", str(count)], check=True,
                            capture_output=True).stdout.decode("utf-8")
    texts = [" ".join(block.split("\n")[2:]) for block in corpus.strip().split("\n\n")]
    cues = []
    for i, text in enumerate(texts):
        rows = textwrap.wrap(text, 32)[:2]
        cues.append([f"<i>{row}</i>" for row in rows] if i % 10 == 9 else rows)
    return cues


def as_srt(cues: list[list[str]]) -> str:
    """Cues as SRT, one every 3 s from 10 s."""
    return "\n".join(f"{i + 1}\n{stamp(FIRST + i * SPACING)} --> {stamp(FIRST + i * SPACING + SHOWN)}\n"
                     + "\n".join(rows) + "\n" for i, rows in enumerate(cues))


def pieces(cues: list[list[str]], most: int) -> list[list[list[str]]]:
    """``cues`` cut into as few runs of equal length as hold at most ``most`` cues each."""
    count = -(-len(cues) // most) if cues else 1
    size = -(-len(cues) // count) if cues else 0
    return [cues[k:k + size] for k in range(0, len(cues), size)] if cues else [[]]


# --- one measurement, in a process of its own -----------------------------------------------------

def _status(field: str) -> int:
    """A field of /proc/self/status in KiB (0 where there is none)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            found = re.search(rf"^{field}:\s+(\d+)", status.read(), re.MULTILINE)
    except OSError:
        found = None
    return int(found.group(1)) if found else 0


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as clear:
            clear.write("5")
    except OSError:
        return False
    return True


def _peak_kib() -> int:
    import resource

    peak = _status("VmHWM")
    return peak or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _cue_count(obj: Any) -> int:
    """Cues in a scribekit Transcript, or ``p`` elements in a ttconv document."""
    if hasattr(obj, "cues"):
        return len(obj.cues or [])
    from ttconv import model

    def count(element: Any) -> int:
        return 1 if isinstance(element, model.P) else sum(count(child) for child in element)

    body = obj.get_body()
    return 0 if body is None else count(body)


def _job(spec: dict[str, Any]) -> tuple[Callable[[], list[Any]], Callable[[], Any]]:
    """The measured job of ``spec`` (one result for each of its input files), and a small run of it
    that imports what it needs."""
    paths, fmt = [Path(path) for path in spec["inputs"]], spec["format"]
    if spec["impl"] == "scribekit":
        import dataclasses

        import scribekit
        import scribekit.formats
        from scribekit import Transcript

        if spec["task"] == "read":
            def warm_up() -> None:
                scribekit.loads(b"1\n00:00:01,000 --> 00:00:02,000\nx\n", format="srt")
                scribekit.formats.get(fmt).module  # noqa: B018 (imported now, not in the measured run)
                if fmt != "srt":
                    import lxml.etree  # noqa: F401
            return (lambda: [scribekit.load(path) for path in paths]), warm_up
        transcripts = []
        for path in paths:
            transcript = scribekit.load(path)
            metadata = dataclasses.replace(transcript.metadata, language="en")
            transcripts.append(dataclasses.replace(transcript, metadata=metadata))
        small = Transcript(cues=(transcripts[0].cues or [])[:5], metadata=transcripts[0].metadata)

        def write(what: Transcript) -> bytes:
            out = scribekit.dumps(what, fmt)
            return out.encode("utf-8") if isinstance(out, str) else out
        return (lambda: [write(transcript) for transcript in transcripts]), (lambda: write(small))
    import logging
    import xml.etree.ElementTree as et

    logging.disable(logging.WARNING)  # ttconv logs each line it re-flows or merges
    if spec["task"] == "read":
        if fmt == "scc":
            from ttconv.scc import reader as scc_reader

            return (lambda: [scc_reader.to_model(path.read_text(encoding="utf-8")) for path in paths]), \
                (lambda: None)
        from ttconv.imsc import reader as imsc_reader

        return (lambda: [imsc_reader.to_model(et.parse(path)) for path in paths]), (lambda: None)
    from ttconv.srt import reader as srt_reader

    documents = []
    for path in paths:
        with path.open(encoding="utf-8") as opened:
            documents.append(srt_reader.to_model(opened))
    small = srt_reader.to_model(io.StringIO("\n\n".join(paths[0].read_text(encoding="utf-8").split("\n\n")[:5])))
    if fmt == "scc":
        from ttconv.scc import writer as scc_writer

        return (lambda: [scc_writer.from_model(document).encode("utf-8") for document in documents]), \
            (lambda: scc_writer.from_model(small))
    from ttconv.imsc import writer as imsc_writer

    def write_imsc(what: Any) -> bytes:
        out = io.BytesIO()
        imsc_writer.from_model(what).write(out, encoding="utf-8")
        return out.getvalue()
    return (lambda: [write_imsc(document) for document in documents]), (lambda: write_imsc(small))


def child(spec: dict[str, Any]) -> dict[str, Any]:
    job, warm_up = _job(spec)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warm_up()
        caught.clear()
        times: list[float] = []
        gc.collect()
        base = _status("VmRSS")
        exact = _reset_peak()
        peak = output = None
        spent = time.monotonic()
        while len(times) < spec["repeat"] and (not times or time.monotonic() - spent < spec["budget"]):
            gc.collect()
            started = time.process_time()
            results = job()
            times.append(time.process_time() - started)
            if peak is None:
                peak = _peak_kib()
                for result, path in zip(results, spec.get("save") or []):
                    Path(path).write_bytes(result)
                output = sum(len(r) if isinstance(r, bytes) else _cue_count(r) for r in results)
                warned = len(caught)
            del results
    return {"best": min(times), "runs": len(times), "peak": max(0, (peak or 0) - base) / 1024,
            "process": (peak or 0) / 1024, "exact": exact, "output": output, "count": warned,
            "warnings": sorted({str(w.message).split(":")[0][:60] for w in caught[:warned]})[:2]}


def measure(spec: dict[str, Any]) -> dict[str, Any]:
    """``child(spec)`` in a process of its own; {"error": ...} when it fails."""
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", json.dumps(spec)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or [f"exit status {done.returncode}"]
        message = re.sub(r"^[\w.]+(Error|Exception): ", "", lines[-1])
        message = message.replace(str(Path(spec["inputs"][0]).parent) + os.sep, "")
        return {"error": message[:160]}
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


# --- the tables ----------------------------------------------------------------------------------

def unavailable(name: str) -> str | None:
    """Why ``name`` cannot be written by scribekit here (None: it can)."""
    import scribekit.formats

    if name not in scribekit.formats.names():
        return "not registered yet: skipped"
    if not scribekit.formats.get(name).writes:
        return "registered but does not write: skipped"
    return None


def ratio(value: float, reference: float, target: float | None = None) -> str:
    """``value / reference`` as "2.50x", with a "!" when it is over ``target``."""
    if reference <= 0:
        return f"{'-':>8}"
    share = value / reference
    shown = f"{share:.3f}" if share < 0.1 else f"{share:.2f}" if share < 100 else f"{share:.0f}"
    return f"{shown:>7}x" + ("!" if target is not None and share > target else " ")


def row(label: str, result: dict[str, Any], reference: dict[str, Any] | None, target: float | None = None,
        unit: str = "MB") -> str:
    """time, the writer's own peak, the process's peak, each with its ratio to ``reference``."""
    if "error" in result:
        return f"  {label:<26}failed: {result['error']}"
    line = f"  {label:<26}{result['runs']:>4}{result['best']:9.3f} s"
    for key in ("best", "peak", "process"):
        if key != "best":
            line += f"{result[key]:8.1f} MiB"
        line += ratio(result[key], reference[key], target) if reference and "error" not in reference else " " * 9
    size = f"{result['output'] / 1e6:6.1f} MB" if unit == "MB" else f"{result['output']:>9,}"
    line += f"  {size}"
    if result.get("count"):
        line += f"  ({result['count']} warning(s): {'; '.join(result['warnings'])})"
    return line


def short(result: dict[str, Any], cues: int) -> str:
    """What a reading row says when it did not read every cue written."""
    return f"  (not the {cues:,} cues written)" if "error" not in result and result["output"] != cues else ""


def header(what: str, unit: str = "out") -> str:
    return (f"  {what:<26}{'runs':>4}{'CPU time':>11}{'ratio':>8}{'own peak':>13}{'ratio':>8}"
            f"{'process':>13}{'ratio':>8}{unit:>11}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cues", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement at most; the best is given")
    parser.add_argument("--budget", type=float, default=20.0,
                        help="seconds after which a measurement runs no more (it has run once at least)")
    parser.add_argument("--ttconv-scc-cues", type=int, default=4000,
                        help="cues for the SCC writers side by side (ttconv's time grows with their square)")
    parser.add_argument("--only", nargs="+", metavar="FORMAT", help="these formats only (srt is always measured)")
    parser.add_argument("--no-ttconv", action="store_true", help="leave out ttconv's writers and readers")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(json.loads(args.child))))
        return
    wanted = [f for f in (*TTML_FAMILY, "scc") if not args.only or f in args.only]
    with tempfile.TemporaryDirectory(prefix="scribekit-bench-delivery-") as folder:
        run(args, wanted, Path(folder))


def run(args: argparse.Namespace, wanted: list[str], work: Path) -> None:
    cues = delivery_rows(args.cues)

    def files(name: str, runs: list[list[list[str]]]) -> list[Path]:
        paths = [work / f"{name}-{k + 1}.srt" for k in range(len(runs))]
        for path, run_of_cues in zip(paths, runs):
            path.write_text(as_srt(run_of_cues), encoding="utf-8")
        return paths

    whole = files("cues", [cues])
    scc_runs = files("scc", pieces(cues, SCC_FILE))
    first = files("first", [cues[:args.ttconv_scc_cues]])
    common = {"repeat": args.repeat, "budget": args.budget}

    def ours(fmt: str, inputs: list[Path], task: str = "write", save: list[Path] | None = None) -> dict[str, Any]:
        return measure({**common, "impl": "scribekit", "task": task, "format": fmt,
                        "inputs": [str(p) for p in inputs], "save": [str(p) for p in save or []]})

    def theirs(fmt: str, inputs: list[Path], task: str = "write") -> dict[str, Any]:
        return measure({**common, "impl": "ttconv", "task": task, "format": fmt, "inputs": [str(p) for p in inputs]})

    print(f"writing {args.cues:,} cues, each writer in a process of its own: best of up to {args.repeat} runs "
          "(CPU time), peak resident memory of the first run above what the process held before it (own) and "
          "in all (process); ratios to SRT, '!' over the target")
    print(header("format"))
    srt = ours("srt", whole)
    print(row("srt", srt, srt), flush=True)
    if "error" in srt:
        raise SystemExit(f"{Path(__file__).name}: SRT, the reference, failed: {srt['error']}")
    if not srt.get("exact"):
        print("  (no /proc/self/clear_refs here: own memory is the process's peak less what it held before)")
    written: dict[str, list[Path]] = {}
    results: dict[str, dict[str, Any]] = {}
    for fmt in (f for f in wanted if f != "scc"):
        why = unavailable(fmt)
        if why:
            print(f"  {fmt:<26}{why}", flush=True)
            continue
        save = [work / f"out.{fmt}"]
        result = results[fmt] = ours(fmt, whole, save=save)
        print(row(fmt, result, srt, TARGETS[fmt]), flush=True)
        if "error" not in result:
            written[fmt] = save
    if "scc" in wanted:
        split = f", {len(scc_runs)} files" if len(scc_runs) > 1 else ""
        if split:
            print(f"  in {len(scc_runs)} files of {len(cues) // len(scc_runs):,} cues (SCC's timecodes stop at "
                  "23:59:59;29), the same for SRT:")
        why = unavailable("scc")
        if why:
            print(f"  {'scc':<26}{why}", flush=True)
        else:
            srt_runs = ours("srt", scc_runs)
            if split:
                print(row(f"srt{split}", srt_runs, srt_runs), flush=True)
            save = [work / f"out-{k + 1}.scc" for k in range(len(scc_runs))]
            result = results["scc"] = ours("scc", scc_runs, save=save)
            print(row(f"scc{split}", result, srt_runs, TARGETS["scc"]), flush=True)
            if "error" not in result:
                written["scc"] = save

    if not args.no_ttconv:
        print("\nttconv's writers on the same cues (its SRT reader builds its model; only the writer is "
              "measured); ratios to our SRT, then ours / ttconv's")
        print(header("writer"))
        imsc = theirs("ttml", whole)
        print(row("ttconv imsc.writer", imsc, srt), flush=True)
        for fmt, result in results.items():
            if fmt in TTML_FAMILY and "error" not in result and "error" not in imsc:
                print(f"    ours / ttconv's: {fmt:<18} time {ratio(result['best'], imsc['best'])}"
                      f"   memory {ratio(result['peak'], imsc['peak'])}")
        if "scc" in wanted:
            count = min(args.ttconv_scc_cues, args.cues)
            print(f"  SCC writers on the first {count:,} cues (ttconv's time grows with the square of the cues):")
            their_scc = theirs("scc", first)
            srt_first = ours("srt", first)
            print(row("srt (scribekit)", srt_first, srt_first), flush=True)
            print(row("ttconv scc.writer", their_scc, srt_first), flush=True)
            if not unavailable("scc"):
                our_scc = ours("scc", first)
                print(row("scc (scribekit)", our_scc, srt_first, TARGETS["scc"]), flush=True)
                if "error" not in our_scc and "error" not in their_scc:
                    print(f"    ours / ttconv's: scc                time {ratio(our_scc['best'], their_scc['best'])}"
                          f"   memory {ratio(our_scc['peak'], their_scc['peak'])}")

    print(f"\nreading the {args.cues:,} cues our writers wrote (scribekit.load: reading, detection, parsing; "
          "ttconv: its reader after ElementTree.parse or the file's text); ratios to our SRT reader on the same "
          "cues, then ours / ttconv's")
    print(header("reader", "cues"))
    references = {"ttml": whole, "scc": scc_runs}
    for fmt in (f for f in ("ttml", "scc") if f in wanted):
        if fmt not in written:
            print(f"  {fmt:<26}no {fmt} written: skipped")
            continue
        label = "" if len(references[fmt]) == 1 else f", {len(references[fmt])} files"
        srt_read = ours("srt", references[fmt], "read")
        print(row(f"srt (scribekit){label}", srt_read, srt_read, unit="cues"), flush=True)
        mine = ours(fmt, written[fmt], "read")
        print(row(f"{fmt} (scribekit){label}", mine, srt_read, unit="cues") + short(mine, len(cues)), flush=True)
        if args.no_ttconv:
            continue
        other = theirs(fmt, written[fmt], "read")
        print(row(f"{fmt} (ttconv){label}", other, srt_read, unit="cues") + short(other, len(cues)), flush=True)
        if "error" not in mine and "error" not in other:
            print(f"    ours / ttconv's: {fmt:<18} time {ratio(mine['best'], other['best'])}"
                  f"   memory {ratio(mine['peak'], other['peak'])}")


if __name__ == "__main__":
    from _script import run_script

    run_script(main, __file__)
