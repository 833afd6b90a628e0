#!/usr/bin/env python3
"""Reading speech-recognition JSON against json.load of the same file, one reader family a row.

    python benchmarks/bench_asr.py [--words 100000] [--repeat 5] [--only deepgram whisper ...]

Each family's file is a reference file of ../shared/reference/asr/ (whisper.cpp: the fixture of
tests/data/asr/, as the shared folder holds none) whose word lists are repeated, every copy's times
shifted past the one before, until it holds about --words words; the rest of the document stays as
it is. The two readings of the file are timed alternately: ``json.load`` of the open file, and
``scribekit.load(path)`` (reading, decoding, detection, parsing and the reader); the table gives
the best of --repeat runs of each, in CPU time of this process (so that other work on the
machine does not count), each run from a clean cycle collector and with one pass of it over what
the run left (see ``best``). A family whose reader is not built in is skipped with a line
saying so; one whose file does not read back as the right format with the right word count stops
the run.
"""
from __future__ import annotations

import argparse
import copy
import gc
import json
import math
import os
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
SHARED = Path(os.environ.get("SCRIBEKIT_SHARED", HERE.parent.parent / "shared"))
REFERENCE = SHARED / "reference" / "asr"
FIXTURES = HERE.parent / "tests" / "data" / "asr"

import scribekit  # noqa: E402
import scribekit.formats  # noqa: E402

Shift = Callable[[Any, float], Any]


# --- times shifted by a number of seconds, in each of the ways the services write them ------------

def _seconds(value: Any, delta: float) -> Any:
    return round(value + delta, 6) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


def _ms(value: Any, delta: float) -> Any:
    return value + round(delta * 1000) if isinstance(value, int) and not isinstance(value, bool) else value


def _decimals(text: str) -> int:
    return len(text.split(".", 1)[1]) if "." in text else 0


def _string_seconds(value: Any, delta: float) -> Any:
    """AWS: "12.34" (as many decimals as given)."""
    if not isinstance(value, str):
        return value
    return f"{float(value) + delta:.{_decimals(value)}f}"


def _duration(value: Any, delta: float) -> Any:
    """Google: "12.900s", or {"seconds": "12", "nanos": 900000000}."""
    if isinstance(value, str) and value.endswith("s"):
        return _string_seconds(value[:-1], delta) + "s"
    if isinstance(value, dict):
        total = int(value.get("seconds", 0)) * 1_000_000_000 + int(value.get("nanos", 0)) + round(delta * 1e9)
        out = {"seconds": str(total // 1_000_000_000)}
        if total % 1_000_000_000:
            out["nanos"] = total % 1_000_000_000  # type: ignore[assignment]
        return out
    return value


def _clock_or_ms(value: Any, delta: float) -> Any:
    """whisper.cpp: offsets in ms, timestamps as "00:01:02,345"."""
    if isinstance(value, str) and len(value) == 12:
        total = ((int(value[:2]) * 60 + int(value[3:5])) * 60 + int(value[6:8])) * 1000 + int(value[9:]) \
            + round(delta * 1000)
        hours, rest = divmod(total, 3_600_000)
        minutes, rest = divmod(rest, 60_000)
        return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d},{rest % 1000:03d}"
    return _ms(value, delta)


def _watson_stamps(value: Any, delta: float) -> Any:
    """IBM Watson: [[word, start, end], ...] in seconds."""
    return [[w, _seconds(s, delta), _seconds(e, delta)] for w, s, e in value] if isinstance(value, list) else value


def times(**units: Callable[[Any, float], Any]) -> Shift:
    """A shift of every value under the given keys, at any depth of an item."""
    def shift(obj: Any, delta: float) -> Any:
        if isinstance(obj, dict):
            return {k: units[k](v, delta) if k in units else shift(v, delta) for k, v in obj.items()}
        if isinstance(obj, list):
            return [shift(v, delta) for v in obj]
        return obj
    return shift


# --- the families --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Family:
    name: str
    """The reader's format name (``--from``)."""
    file: str
    """A reference file under ../shared/reference/asr/ (or tests/data/asr/ when ``fixture``)."""
    lists: tuple[str, ...]
    """Dotted paths of the lists repeated, numbers being list indexes."""
    shift: Shift
    fixture: bool = False

    @property
    def label(self) -> str:
        return f"{self.name} ({Path(self.file).stem[:20]})"


SECONDS = times(start=_seconds, end=_seconds)
FAMILIES = [
    Family("whisper", "whisper/wct2_gossos_word_timestamps.json", ("segments",), SECONDS),
    Family("whisper", "whisper/wct2_dosparlants_diarization.json", ("segments",), SECONDS),
    Family("whisper", "whisperx/whisperx_smart_example.json", ("segments", "word_segments"), SECONDS),
    Family("whisper-cpp", "whisper-cpp/harbour_ojf.json", ("transcription",),
           times(**{"from": _clock_or_ms, "to": _clock_or_ms}), fixture=True),
    Family("deepgram", "deepgram/dg_transcription.json", ("results.channels.0.alternatives.0.words",), SECONDS),
    Family("deepgram", "deepgram/dg_speakers.json",
           ("results.channels.0.alternatives.0.words", "results.channels.0.alternatives.0.paragraphs.paragraphs",
            "results.utterances"), SECONDS),
    Family("assemblyai", "assemblyai/assemblyai_transcription.json", ("words",), times(start=_ms, end=_ms)),
    Family("elevenlabs", "elevenlabs/elevenlabs-transcription.json", ("words",), SECONDS),
    Family("revai", "revai/transcript.json", ("monologues",), times(ts=_seconds, end_ts=_seconds)),
    Family("aws-transcribe", "aws-transcribe/03-speaker-identification.json",
           ("results.items", "results.speaker_labels.segments"),
           times(start_time=_string_seconds, end_time=_string_seconds)),
    Family("ibm-watson", "ibm-watson/ibmTedTalkTranscript.sample.json",
           ("results.0.results", "results.0.speaker_labels"),
           times(timestamps=_watson_stamps, **{"from": _seconds, "to": _seconds})),
    Family("google-stt", "google-stt/gcpStt2022.sample.json", ("results",),
           times(startTime=_duration, endTime=_duration, resultEndTime=_duration)),
    Family("speechmatics", "speechmatics/batch-job-transcript.json", ("results",),
           times(start_time=_seconds, end_time=_seconds)),
    Family("azure-speech", "azure-speech/fast_transcription_response_diarized.json", ("phrases",),
           times(offset=_ms, offsetMilliseconds=_ms)),
    Family("trint", "trint/trint.sample.json", ("words",), times(time=_ms)),
    Family("gladia", "gladia/gladia-result.json", ("result.transcription.utterances",), SECONDS),
    Family("bbc-kaldi", "bbc-kaldi/bbcKaldiTranscriptWithSpeakerSegments.sample.json",
           ("retval.words", "retval.segmentation.segments"), SECONDS),
    Family("bbc-dpe", "bbc-dpe/digitalPaperEdit.sample.json", ("words", "paragraphs"), SECONDS),
    Family("autoedit2", "autoedit2/autoEdit2TedTalkTranscript.sample.json", ("text",),
           times(startTime=_seconds, endTime=_seconds)),
]


def _parent(doc: Any, path: str) -> tuple[Any, str | int]:
    *steps, last = [int(step) if step.isdigit() else step for step in path.split(".")]
    for step in steps:
        doc = doc[step]
    return doc, last


def repeated(doc: Any, family: Family, copies: int, span: float) -> Any:
    """``doc`` with each of the family's lists repeated ``copies`` times, copy k shifted k * span seconds."""
    doc = copy.deepcopy(doc)
    for path in family.lists:
        parent, key = _parent(doc, path)
        items = parent[key]
        parent[key] = [family.shift(item, k * span) if k else item for k in range(copies) for item in items]
    return doc


def best(function: Callable[[], Any], runs: list[float]) -> Any:
    """Times one run: from a clean collector (what earlier runs left is collected first), and with
    one pass of the collector over what the run left young, which the next allocations would set
    off (scribekit pauses the collector while reading: this charges it what the pause put off)."""
    gc.collect()
    started = time.process_time()
    result = function()
    gc.collect(0)
    runs.append(time.process_time() - started)
    return result


def measure(family: Family, words: int, repeat: int, work: Path) -> str:
    if family.name not in scribekit.formats.names():
        return f"{family.label:<40}  (no reader yet: skipped)"
    source = (FIXTURES if family.fixture else REFERENCE) / family.file
    sample = scribekit.load(source)
    if sample.metadata.source != family.name:
        raise SystemExit(f"{source.name}: read as {sample.metadata.source}, not {family.name}")
    count = len(sample.words)
    last = max((w.end for w in sample.words), default=0)
    copies = max(1, math.ceil(words / max(count, 1)))
    with source.open(encoding="utf-8") as opened:
        doc = json.load(opened)
    path = work / f"{family.name}.json"
    path.write_text(json.dumps(repeated(doc, family, copies, last / 1000 + 1.0), ensure_ascii=False),
                    encoding="utf-8")
    json_runs: list[float] = []
    ours: list[float] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for _ in range(repeat):
            with path.open(encoding="utf-8") as opened:
                best(lambda: json.load(opened), json_runs)
            transcript = best(lambda: scribekit.load(path), ours)
    read = len(transcript.words)
    if read != count * copies or transcript.metadata.source != family.name:
        raise SystemExit(f"{family.name}: {path} read as {transcript.metadata.source} with {read:,} words, "
                         f"expected {count * copies:,}")
    note = f"  ({len(caught)} warning(s): {caught[0].message})" if caught else ""
    return (f"{family.label:<40}{read:>9,}{min(json_runs) * 1000:>14.1f}{min(ours) * 1000:>14.1f}"
            f"{min(ours) / min(json_runs):>8.2f}x{note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", nargs="+", metavar="FORMAT", help="these families only")
    args = parser.parse_args()
    if not REFERENCE.is_dir():
        raise SystemExit(f"{REFERENCE} not found; set SCRIBEKIT_SHARED to the shared folder")
    families = [f for f in FAMILIES if not args.only or f.name in args.only]
    print(f"reading about {args.words:,} words (best of {args.repeat} runs)")
    print(f"{'reader (file)':<40}{'words':>9}{'json.load ms':>14}{'scribekit ms':>14}{'ratio':>9}")
    with tempfile.TemporaryDirectory(prefix="scribekit-bench-asr-") as work:
        for family in families:
            print(measure(family, args.words, args.repeat, Path(work)), flush=True)


if __name__ == "__main__":
    try:
        main()
    except scribekit.ScribekitError as failed:  # one line saying what did not read, not a traceback
        raise SystemExit(f"{Path(__file__).name}: {failed}") from None
