"""Output bytes do not change: every case below is a `scribekit convert` command line, run in-process
(click's CliRunner, from the repository's root), and what it made is compared with the record in
tests/data/output_digests.json: the exit status, what it said on stderr (paths of the temporary
folders written as {out} and {corpus}, a batch's time as {time}), the sha256 of stdout and of each file written.

The cases: every sample in samples/ to every writer format, with default options, plus, for the
samples of each kind (Amberscript, HappyScribe, SRT, WebVTT, EBU STL, speech recognition, several
languages), a few option sets per family (limits, a profile, the documents' speakers, timestamps and
marks, some format flags); the small inputs of tests/data to SRT and WebVTT (speech recognition: to
scribekit JSON and SRT); tests/hostile/ and bad options (the exit status and the one line said); and
a generated corpus (benchmarks/corpus.py, 3,000 cues and 20,000 words) to every writer format,
and a tree of SRT files converted, and re-cut by `convert --profile` and by `resegment`, with --jobs 1.

Two outputs are not byte for byte as written, and why:
- EBU STL's header holds the creation and revision dates, today by default: every STL case passes
  --stl-creation-date 2001-02-03, except the ``today`` cases, whose digest is taken with the six
  digits of each date (GSI bytes 224 to 236) blanked.
- DOCX is a zip whose members carry the time of writing (python-docx writes them with
  zipfile.writestr, which stamps the clock): a zip's digest is taken over each member's name,
  compression, attributes and bytes, in order, not over the zip's own bytes. And Word comments
  (--comments with highlights) carry the time they were written (python-docx's add_comment stamps
  w:date with the clock, and scribekit has no option for it): the w:date attributes of
  word/comments.xml are blanked.

Re-record only when an output change is intended (and said in CHANGELOG.md), with the code to
record taken from a checkout (e.g. the code before a change, at /tmp/base):

    python tests/test_output_stability.py --code /tmp/base     # writes tests/data/output_digests.json

It runs every case twice and stops if the two runs differ (an output that is not deterministic).
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import re
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RECORD = ROOT / "tests" / "data" / "output_digests.json"
STL_DATE = ["--stl-creation-date", "2001-02-03"]

DATA_FORMATS = ("json", "amberscript-json", "happyscribe-json", "csv", "tsv")
DOCUMENT_FORMATS = ("txt", "docx", "pdf", "html", "maxqda", "nvivo", "atlasti", "qdpx")
SUBTITLE_FORMATS = ("stl", "scc", "vtt", "sbv", "srt", "premiere", "fcpxml", "avid-markers", "avid-ds", "ass",
                    "ssa", "ttml", "ebu-tt-d", "imsc", "itt", "netflix-ttml", "microdvd", "lrc", "mpl2", "tmp")
WRITERS = DATA_FORMATS + DOCUMENT_FORMATS + SUBTITLE_FORMATS

SUBTITLE_OPTIONS = (["--max-chars-per-row", "32", "--max-rows", "1"], ["--profile", "netflix"],
                    ["--max-cps", "15", "--min-duration", "1.2", "--max-duration", "5"])
DOCUMENT_OPTIONS = (["--speakers", "--timestamps"],
                    ["--speakers", "--timestamps", "--timestamps-every", "30s", "--highlights", "--comments",
                     "--low-confidence", "0.8", "--no-header"])
FORMAT_OPTIONS: dict[str, tuple[list[str], ...]] = {
    "vtt": (["--voice-tags", "--word-timestamps"], ["--highlight-words"]),
    "srt": (["--highlight-words"], ["--dialogue-dashes", "--profile", "netflix"]),
    "stl": (["--stl-mode", "teletext"], ["--stl-title", "Interview", "--fps", "30", "--start-timecode",
                                         "10:00:00:00"]),
    "scc": (["--scc-mode", "roll-up"], ["--speaker-colours"]),
    "premiere": (["--premiere-content", "markers", "--markers-per", "turn"],),
    "fcpxml": (["--fcpxml-content", "titles,markers", "--fcpxml-version", "1.8"],),
    "ass": (["--karaoke"],),
    "txt": (["--wrap", "60", "--speakers"],
            ["--conventions", "gat2", "--clean", "--inaudible", "0.5", "--speaker-abbreviations", "auto",
             "--speakers", "--line-numbers", "5"]),
    "docx": (["--line-numbers", "5", "--line-numbers-restart", "--conventions", "dresing-pehl"],),
    "nvivo": (["--nvivo-format", "txt"], ["--timestamps-every", "30s"]),
    "atlasti": (["--atlasti-timestamps", "start"],),
    "qdpx": (["--low-confidence", "0.8", "--timestamps-every", "30s"],),
    "html": (["--media", "interview.mp3"],),
    "maxqda": (["--speakers"], ["--highlights-only"]),
    "csv": (["--excel"],),
    "json": (["--indent", "0"],),
    "itt": (["--drop-frame", "--fps", "29.97"],),
}
"""Each format's own flags, for the main samples."""

MAIN_SAMPLES = ("samples/amberscript/interview.json", "samples/happyscribe/interview.json",
                "samples/subtitles/interview.srt", "samples/subtitles/interview.vtt",
                "samples/asr/interview.whisperx.json", "samples/stl/interview.stl", "samples/languages/greetings.json")
DATA_FOLDERS = ("asr", "scc", "stl-irt", "ttml", "vtt-wpt", "xmeml")
NOT_INPUTS = ("LICENSE", "NOTICE", "README")
SMALL = 100_000
"""Bytes: the inputs of tests/data read here are smaller than this."""

CORPUS_CUES = 3000
CORPUS_WORDS = 20_000


@dataclass(frozen=True)
class Case:
    args: tuple[str, ...]
    """The command line, {out} standing for an empty folder of the case's own, {corpus} for the corpus's."""
    today: bool = False
    """An STL output at today's date: the dates of its header are blanked."""

    @property
    def id(self) -> str:
        return " ".join(self.args)


def _convert(source: str, fmt: str, options: list[str] | tuple[str, ...] = (), today: bool = False) -> Case:
    dated = STL_DATE if fmt == "stl" and not today else []
    return Case(("convert", source, "--to", fmt, *options, *dated, "--output-dir", "{out}"), today)


def _sample_cases() -> Iterator[tuple[str, Case]]:
    samples = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "samples").rglob("*") if p.is_file())
    for source in samples:
        for fmt in WRITERS:
            yield source, _convert(source, fmt)
        if source not in MAIN_SAMPLES:
            continue
        for fmt in WRITERS:
            family = SUBTITLE_OPTIONS if fmt in SUBTITLE_FORMATS else DOCUMENT_OPTIONS \
                if fmt in DOCUMENT_FORMATS and fmt in ("txt", "docx", "pdf", "html") else ()
            for options in (*family, *FORMAT_OPTIONS.get(fmt, ())):
                yield source, _convert(source, fmt, options)
        yield source, _convert(source, "stl", today=True)
        yield source, Case(("convert", source, "--to", "srt", "vtt", "json", "-o", "{out}/"))
        yield source, Case(("convert", source, "--to", "vtt", "-o", "-"))
        yield source, Case(("convert", source, "--to", "srt", "--max-chars-per-row", "37", "-o", "-"))


def _data_inputs() -> list[str]:
    found = []
    for folder in DATA_FOLDERS:
        for path in sorted((ROOT / "tests" / "data" / folder).rglob("*")):
            if path.is_file() and not path.name.startswith(NOT_INPUTS) and path.stat().st_size < SMALL \
                    and "LICENSES" not in path.parts:
                found.append(path.relative_to(ROOT).as_posix())
    return found


def _data_cases() -> Iterator[tuple[str, Case]]:
    for source in _data_inputs():
        formats = ("json", "srt") if source.startswith("tests/data/asr/") else ("srt", "vtt")
        for fmt in formats:
            yield source, _convert(source, fmt)


def _hostile_cases() -> Iterator[tuple[str, Case]]:
    for path in sorted((ROOT / "tests" / "hostile").iterdir()):
        source = path.relative_to(ROOT).as_posix()
        for fmt in ("srt", "vtt", "txt"):
            yield "hostile", _convert(source, fmt)
    interview = "samples/subtitles/interview.srt"
    for options in (["--max-chars-per-row", "0"], ["--fps", "abc"], ["--from", "nothing"], ["--profile", "nope"],
                    ["--max-rows", "-1"], ["--stl-creation-date", "2001-13-45"], ["--words-per-cue", "0"]):
        yield "hostile", _convert(interview, "srt" if "--stl-creation-date" not in options else "stl", options)
    yield "hostile", Case(("convert", "samples/does-not-exist.srt", "--to", "vtt", "--output-dir", "{out}"))
    yield "hostile", Case(("convert", interview, "--to", "vtt", "-o", "{corpus}/exists.vtt"))
    yield "hostile", Case(("convert", interview, "--to", "vtt", "-o", "{corpus}/exists.vtt", "--skip-existing"))
    yield "hostile", Case(("convert", "samples/subtitles", "-r", "--to", "vtt", "--output-dir", "{out}",
                           "--jobs", "1"))
    yield "hostile", Case(("convert", "samples/malformed", "-r", "--to", "srt", "--output-dir", "{out}",
                           "--jobs", "1"))


CORPUS_FILES = ("big.srt", "big.vtt", "big.amberscript.json", "big.happyscribe.json")


def _corpus_cases() -> Iterator[tuple[str, Case]]:
    for fmt in WRITERS:
        yield "corpus", _convert("{corpus}/big.srt", fmt)
    for options in SUBTITLE_OPTIONS:
        yield "corpus", _convert("{corpus}/big.srt", "srt", options)
    for fmt in ("srt", "vtt", "ttml", "stl", "json"):
        yield "corpus", _convert("{corpus}/big.vtt", fmt)
    yield "corpus", Case(("convert", "{corpus}/big.vtt", "--to", "srt", "-o", "-"))
    yield "corpus", Case(("convert", "{corpus}/big.srt", "--to", "vtt", "-o", "-"))
    for fmt in ("srt", "vtt", "json", "csv", "docx", "pdf", "html", "txt", "premiere", "fcpxml"):
        yield "corpus", _convert("{corpus}/big.amberscript.json", fmt)
    yield "corpus", _convert("{corpus}/big.amberscript.json", "srt", ["--profile", "netflix"])
    yield "corpus", _convert("{corpus}/big.amberscript.json", "pdf", DOCUMENT_OPTIONS[1])
    for fmt in ("srt", "json", "docx"):
        yield "corpus", _convert("{corpus}/big.happyscribe.json", fmt)
    yield "corpus", Case(("convert", "{corpus}/tree", "-r", "--to", "vtt", "--output-dir", "{out}", "--jobs", "1"))
    yield "corpus", Case(("convert", "{corpus}/tree", "-r", "--to", "srt", "--profile", "netflix", "--output-dir",
                          "{out}", "--jobs", "1"))
    yield "corpus", Case(("resegment", "{corpus}/tree", "-r", "--max-chars-per-row", "32", "--output-dir", "{out}",
                          "--jobs", "1", "--quiet"))
    yield "corpus", Case(("resegment", "{corpus}/big.vtt", "--profile", "bbc", "--to", "srt", "vtt", "--output-dir",
                          "{out}"))
    for source in ("samples/subtitles/interview.srt", "samples/subtitles/interview.vtt", "samples/stl/interview.stl"):
        for options in SUBTITLE_OPTIONS:
            yield source, Case(("resegment", source, *options, "--output-dir", "{out}"))


def cases() -> dict[str, list[Case]]:
    """The cases by group (an input, or hostile, or corpus), in a fixed order."""
    groups: dict[str, list[Case]] = {}
    for group, case in (*_sample_cases(), *_data_cases(), *_hostile_cases(), *_corpus_cases()):
        groups.setdefault(group, []).append(case)
    return groups


def make_corpus(folder: Path) -> None:
    """The generated inputs, small enough for a test; ``exists.vtt`` for the no-overwrite case."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import corpus
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    corpus.write("srt", folder / "big.srt", cues_count=CORPUS_CUES)
    corpus.write("vtt", folder / "big.vtt", cues_count=CORPUS_CUES)
    corpus.write("amberscript", folder / "big.amberscript.json", words_count=CORPUS_WORDS)
    corpus.write("happyscribe", folder / "big.happyscribe.json", words_count=CORPUS_WORDS // 4)
    corpus.write("srt-dir", folder / "tree", files=8, cues_count=60)
    (folder / "exists.vtt").write_text("WEBVTT\n\n", encoding="utf-8")


# --- digests ---------------------------------------------------------------------------------------------

def digest(data: bytes, today: bool = False) -> str:
    if data.startswith(b"PK\x03\x04"):
        return "zip:" + _zip_digest(data)
    if today and len(data) >= 1024:
        data = data[:224] + b"-" * 12 + data[236:]
    return hashlib.sha256(data).hexdigest()


def _zip_digest(data: bytes) -> str:
    total = hashlib.sha256()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in archive.infolist():
            total.update(f"{member.filename}\0{member.compress_type}\0{member.external_attr}\0".encode())
            content = archive.read(member)
            if member.filename == "word/comments.xml":
                content = re.sub(rb' w:date="[^"]*"', b' w:date=""', content)
            total.update(hashlib.sha256(content).digest())
    return total.hexdigest()


def _said(text: str, out: Path, corpus_folder: Path) -> str:
    text = text.replace(str(out), "{out}").replace(str(corpus_folder), "{corpus}").replace(str(ROOT), "{root}")
    text = re.sub(r" in \d+(?:\.\d+)? s$", " in {time}", text, flags=re.MULTILINE)  # a batch's summary
    return text if len(text) <= 600 else f"sha256:{hashlib.sha256(text.encode()).hexdigest()} " \
                                         f"({text.count(chr(10))} lines)"


def run(case: Case, work: Path, corpus_folder: Path, runner: Any, cli: Any) -> dict[str, Any]:
    """What the case does now: exit status, stderr, stdout's digest, each written file's digest."""
    out = Path(tempfile.mkdtemp(dir=work))
    args = [a.replace("{out}", str(out)).replace("{corpus}", str(corpus_folder)) for a in case.args]
    result = runner.invoke(cli, args, catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{case.id}: {type(result.exception).__name__}: {result.exception}") \
            from result.exception
    files = {p.relative_to(out).as_posix(): digest(p.read_bytes(), case.today)
             for p in sorted(out.rglob("*")) if p.is_file()}
    if "{corpus}/exists.vtt" in case.args:  # left as it was, or not
        files["{corpus}/exists.vtt"] = digest((corpus_folder / "exists.vtt").read_bytes())
    return {"exit": result.exit_code, "stderr": _said(result.stderr, out, corpus_folder),
            "stdout": digest(result.stdout_bytes, case.today) if result.stdout_bytes else None, "files": files}


class Runner:
    """The cases run in this process, from the repository's root, on one corpus."""

    def __init__(self, work: Path) -> None:
        from click.testing import CliRunner

        from scribekit.cli import cli

        self.work = work
        self.corpus = work / "corpus"
        self.corpus.mkdir()
        make_corpus(self.corpus)
        self.runner = CliRunner()
        self.cli = cli

    def __call__(self, case: Case) -> dict[str, Any]:
        return run(case, self.work, self.corpus, self.runner, self.cli)


# --- the test ----------------------------------------------------------------------------------------------

if __name__ != "__main__":
    import pytest

    GROUPS = cases()

    @pytest.fixture(scope="module")
    def recorded() -> dict[str, Any]:
        return dict(json.loads(RECORD.read_text(encoding="utf-8"))["cases"])

    @pytest.fixture(scope="module")
    def runner(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runner]:
        here = Path.cwd()
        os.chdir(ROOT)
        try:
            yield Runner(tmp_path_factory.mktemp("stability"))
        finally:
            os.chdir(here)

    def test_every_case_is_recorded(recorded: dict[str, Any]) -> None:
        ids = [case.id for group in GROUPS.values() for case in group]
        assert len(ids) == len(set(ids))
        assert sorted(set(ids) ^ set(recorded)) == []

    def test_the_writers_are_the_formats_that_write() -> None:
        import scribekit.formats

        assert set(WRITERS) <= {info.name for info in scribekit.formats.writers()}

    @pytest.mark.parametrize("group", list(GROUPS))
    def test_outputs_are_unchanged(group: str, runner: Runner, recorded: dict[str, Any]) -> None:
        changed = []
        for case in GROUPS[group]:
            now = runner(case)
            if now != recorded.get(case.id):
                changed.append(f"{case.id}\n  recorded: {recorded.get(case.id)}\n  now:      {now}")
        assert not changed, f"{len(changed)} of {len(GROUPS[group])} outputs changed:\n" + "\n".join(changed)


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--code", type=Path, help="a checkout whose scribekit/ to record (default: this one)")
    parser.add_argument("--output", type=Path, default=RECORD)
    args = parser.parse_args()
    if args.code:
        sys.path.insert(0, str(args.code.resolve()))
    import scribekit

    print(f"recording {Path(scribekit.__file__).parent}", file=sys.stderr)
    os.chdir(ROOT)
    record: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="scribekit-stability-") as first, \
            tempfile.TemporaryDirectory(prefix="scribekit-stability-") as second:
        runs = Runner(Path(first)), Runner(Path(second))
        for group, group_cases in cases().items():
            for case in group_cases:
                once, again = runs[0](case), runs[1](case)
                if once != again:
                    raise SystemExit(f"not deterministic: {case.id}\n  {once}\n  {again}")
                record[case.id] = once
            print(f"{group}: {len(group_cases)} cases", file=sys.stderr)
    document = {"about": "tests/test_output_stability.py: what each case wrote (see its docstring)",
                "cases": record}
    args.output.write_text(json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                           encoding="utf-8")
    print(f"{len(record)} cases written to {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
