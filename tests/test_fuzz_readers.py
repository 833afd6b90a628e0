"""Mutation fuzzing of every text and JSON reader: whatever the bytes, reading gives transcripts or a
ScribekitError, quickly, with warnings of one short line and times the model can hold.

Each reader starts from the samples (samples/**), the reference files the tests use (tests/data/**) and
small files our writers make, and reads seeded mutations of them (bytes flipped, inserted, deleted,
chunks duplicated or spliced in from other formats, huge numbers, long runs of whitespace, short pieces
repeated to tens of kB, deep nesting, NULs, other encodings, UTF-16 cut to an odd length), both as its
own format (``read_all(data, fmt)``) and through detection (``read_all(data)``, every other input).

SCRIBEKIT_FUZZ_INPUTS sets the number of inputs per reader (300 by default); SCRIBEKIT_FUZZ_SEED the
seed (the default is fixed, so that a failure repeats).
"""
from __future__ import annotations

import functools
import json
import os
import random
import re
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import scribekit
from scribekit import ScribekitError, formats
from scribekit.model import Cue, Metadata, Segment, Speaker, Transcript, Word
from scribekit.timecode import MAX_MS

ROOT = Path(__file__).resolve().parent.parent
INPUTS = int(os.environ.get("SCRIBEKIT_FUZZ_INPUTS", "300"))
SEED = int(os.environ.get("SCRIBEKIT_FUZZ_SEED", "13"))
SECONDS_PER_INPUT = 2.0
"""What one input of a few hundred kB may cost a reader, at most."""

READERS = ("json", "amberscript-json", "happyscribe-json", "amberscript-xml", "vtt", "srt", "premiere",
           "avid-markers", "avid-ds", "ass", "ssa", "ttml", "sami", "microdvd", "mpl2", "tmp")
"""The readers this module fuzzes (STL and zip containers have fuzz tests of their own)."""

_SUFFIXES = {".srt": "srt", ".vtt": "vtt", ".xml": None, ".json": None, ".txt": None}

_HANDMADE = {
    "amberscript-xml": [b'<?xml version="1.0" encoding="UTF-8"?>\n<AudioDoc name="j1" path="a.mp3">\n'
                        b'<SpeakerList><Speaker spkid="spk1">Anna</Speaker></SpeakerList>\n<SegmentList>\n'
                        b'<SpeechSegment spkid="spk1"><word stime="2.11" dur="0.57" conf="0.9">Hello</word>'
                        b'<word stime="2.70" dur="0.4">there</word></SpeechSegment>\n</SegmentList>\n</AudioDoc>\n'],
    "sami": [b"<SAMI>\n<HEAD><TITLE>t</TITLE><STYLE TYPE=\"text/css\"><!--\nP { margin-left: 8pt; }\n"
             b".ENCC { Name: English; lang: en-US; }\n--></STYLE></HEAD>\n<BODY>\n"
             b"<SYNC Start=1000><P Class=ENCC>Hello <i>there</i>\n<SYNC Start=2500><P Class=ENCC>&nbsp;\n"
             b"<SYNC Start=3000><P Class=ENCC>Second<br>line\n</BODY>\n</SAMI>\n"],
    "avid-markers": [b"editor\tV1\t01:00:01:00\tred\tHello there\t1\n"
                     b"editor\tV1\t01:00:03:12\tblue\tSecond marker\t25\n"],
    "json": [b'{"scribekit": 1, "segments": [{"speaker": "s", "words": [{"text": "Hi", "start": 1, "end": 2}]}],'
             b' "speakers": [{"id": "s", "name": "S"}], "highlights": [{"start": 1, "end": 2, "label": "x"}],'
             b' "cues": [{"start": 1, "end": 2, "lines": ["Hi"]}]}'],
}


def _sample_transcript() -> Transcript:
    words = [Word("Hello", 1000, 1400, 0.9), Word("there,", 1450, 1900), Word("<i>friend</i>.", 2000, 2600),
             Word("Second", 4000, 4500), Word("speaker", 4600, 5200)]
    return Transcript(segments=[Segment("spk1", words[:3]), Segment("spk2", words[3:])],
                      speakers=[Speaker("spk1", "Anna"), Speaker("spk2", "Ben")],
                      cues=[Cue(1000, 2600, ["Hello there,", "<i>friend</i>."]), Cue(4000, 5200, ["Second speaker"])],
                      metadata=Metadata(language="en"))


@functools.cache
def seeds() -> dict[str, list[bytes]]:
    """The starting points of each reader: files of the repository, what our writers make, hand-made ones."""
    found: dict[str, list[bytes]] = {name: list(_HANDMADE.get(name, [])) for name in READERS}
    files = sorted(p for folder in ("samples", "tests/data") for p in (ROOT / folder).rglob("*") if p.is_file())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for path in files:
            if path.suffix not in _SUFFIXES or path.stat().st_size > 200_000:
                continue
            data = path.read_bytes()
            try:
                name = formats.detect(data, path.name).name
            except ScribekitError:
                name = _SUFFIXES[path.suffix] or ""
            if name in found and len(found[name]) < 40:
                found[name].append(data)
        transcript = _sample_transcript()
        for name in READERS:
            info = formats.get(name)
            if info.writes:
                written = scribekit.dumps(transcript, name, **({"fps": 25} if name == "microdvd" else {}))
                found[name].append(written.encode("utf-8") if isinstance(written, str) else written)
    return found


# --- mutations -----------------------------------------------------------------------------------

_NUMBERS = (b"9" * 5000, b"-" + b"7" * 4400, b"1" * 400, b"1e306", b"-1e308", b"1e999", b"NaN", b"Infinity",
            b"-Infinity", b"99999999999999999999", b"0.0000000000000000001", b"4294967296", b"2147483648",
            b"18446744073709551616", b"1" * 30 + b".5")
_TOKENS = (b"-->", b" --> ", b":", b",", b".", b"\n", b"\r\n", b"\n\n", b"\x00", b"<", b">", b"</", b"&", b"&#",
           b"&#x110000;", b"{", b"}", b"[", b"]", b'"', b"\\", b"\\N", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf",
           b"\xc3", b"\xed\xa0\x80", b"WEBVTT\n\n", b"[Script Info]", b"[Events]", b"Dialogue: ", b"<?xml ",
           b"<!DOCTYPE x [", b"<tt ", b"<SYNC Start=", b"00:00:01,000 --> 00:00:02,000\n", b"{1}{2}", b"[1][2]",
           b"00:00:01:", b"\t", "\u2028".encode(), b"\x1b", b"\x7f")


def _huge(rng: random.Random, data: bytes) -> bytes:
    digits = [i for i in range(len(data)) if 48 <= data[i] <= 57]
    number = rng.choice(_NUMBERS)
    if digits:
        at = rng.choice(digits)
        end = at
        while end < len(data) and 48 <= data[end] <= 57:
            end += 1
        return data[:at] + number + data[end:]
    at = rng.randrange(len(data) + 1)
    return data[:at] + number + data[at:]


def _whitespace(rng: random.Random, data: bytes) -> bytes:
    run = rng.choice((b" ", b"\t", b" \t", b"\n", b"\r", b"\x0c", b"\x0b", b"- ", b"1 ", b"<", b"{", b"[", b"0:"))
    tail = rng.choice((b":", b",", b"-->", b">", b"", b"]", b"}", b"0", b"\n"))
    at = rng.randrange(len(data) + 1)
    return data[:at] + run * rng.randrange(1000, 40_000 // len(run)) + tail + data[at:]


_RUNS = (b" -> ", b"[a", b"<a", b"< ", b"{ ", b"- ", b"0:", b"1 ", b"-->", b"<i>", b"</i>", b"&#", b"\\N", b"|", b"]",
         b"\r\n", b"<br>", b"a<", b"[]", b"{}", b":", b"\xc3\xa9")


def _repeat(rng: random.Random, data: bytes) -> bytes:
    """A short piece repeated to tens of kB: the shape that finds patterns of quadratic time."""
    piece = rng.choice(_RUNS) if rng.random() < 0.8 else rng.choice(_TOKENS)
    at = rng.randrange(len(data) + 1)
    return data[:at] + piece * (rng.randrange(5_000, 60_000) // len(piece)) + data[at:]


def _flip(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return bytes([rng.randrange(256)])
    out = bytearray(data)
    for _ in range(rng.randrange(1, 8)):
        at = rng.randrange(len(out))
        out[at] = rng.choice((out[at] ^ (1 << rng.randrange(8)), rng.randrange(256)))
    return bytes(out)


def _insert(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    piece = rng.choice(_TOKENS) if rng.random() < 0.7 else bytes(rng.randrange(256) for _ in range(rng.randrange(1, 9)))
    return data[:at] + piece * rng.choice((1, 1, 1, 2, 50, 500)) + data[at:]


def _delete(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return data
    at = rng.randrange(len(data))
    return data[:at] + data[at + rng.randrange(1, min(len(data) - at, 200) + 1):]


def _duplicate(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return data
    at = rng.randrange(len(data))
    chunk = data[at:at + rng.randrange(1, 400)]
    where = rng.randrange(len(data) + 1)
    return data[:where] + chunk * rng.choice((1, 2, 10, 200)) + data[where:]


def _truncate(rng: random.Random, data: bytes) -> bytes:
    return data[:rng.randrange(len(data) + 1)]


def _encoding(rng: random.Random, data: bytes) -> bytes:
    text = data.decode("utf-8", errors="replace")
    codec = rng.choice(("utf-16-le", "utf-16-be", "utf-16", "utf-32-le", "cp1252", "latin-1", "utf-8-sig"))
    encoded = text.encode(codec, errors="replace")
    if rng.random() < 0.5 and len(encoded) > 2:
        encoded = encoded[:-1] if len(encoded) % 2 == 0 else encoded  # an odd number of bytes
    return encoded


def _nesting(rng: random.Random, data: bytes) -> bytes:
    opener, closer = rng.choice(((b"[", b"]"), (b'{"a":', b"}"), (b"<a>", b"</a>"), (b"<i>", b""), (b"{", b"")))
    depth = rng.choice((100, 1000, 5000, 50_000))
    at = rng.randrange(len(data) + 1)
    return data[:at] + opener * depth + closer * rng.choice((0, depth)) + data[at:]


def _splice(rng: random.Random, data: bytes, others: list[bytes]) -> bytes:
    other = rng.choice(others)
    if not other:
        return data
    a = rng.randrange(len(other))
    at = rng.randrange(len(data) + 1)
    return data[:at] + other[a:a + rng.randrange(1, 2000)] + data[at:]


_VALUES: tuple[Any, ...] = (10**4000 - 1, -(10**400), 10**20, 2**63, -1, 0, 1e306, -1e306, 1.7e308, float("nan"),
                           float("inf"), 0.1, True, None, "", "x" * 50_000, "\x00\ud800", [], {}, [[[[[]]]]],
                           {"a": 1}, "1e306", "NaN", "-", [None] * 1000)


def _json_value(rng: random.Random, data: bytes) -> bytes:
    """A value somewhere in a JSON document swapped for an odd one (a huge or negative number, NaN,
    a long string, a value of another type): mutations that keep the JSON well-formed."""
    try:
        document = json.loads(data)
    except (ValueError, RecursionError):
        return _flip(rng, data)
    places: list[tuple[Any, Any]] = []
    stack = [document]
    while stack and len(places) < 5000:
        node = stack.pop()
        keys = list(node) if isinstance(node, dict) else range(len(node)) if isinstance(node, list) else []
        for key in keys:
            places.append((node, key))
            stack.append(node[key])
    if not places:
        return data
    for _ in range(rng.choice((1, 1, 2, 5))):
        node, key = rng.choice(places)
        try:
            node[key] = rng.choice(_VALUES)
        except (IndexError, KeyError, TypeError):
            continue
    return json.dumps(document).encode("utf-8", errors="surrogatepass")


_XML_VALUE = re.compile(rb'="[^"<>]*"|>[^<>]*<')
_ODD_VALUES = (b"9" * 5000, b"9" * 400, b"1e306", b"-1e306", b"NaN", b"inf", b"-1", b"", b"x" * 50_000, b"0x10",
               b"1" * 13, b"&#0;", b"\xc3", b"1:2:3:4:5", b"99:99:99:99", b"\t" * 1000)


def _xml_value(rng: random.Random, data: bytes) -> bytes:
    """An attribute value or a text between tags swapped for an odd one: mutations that keep the
    XML well-formed more often than byte flips do."""
    spans = [match.span() for match in _XML_VALUE.finditer(data, 0, 200_000)]
    for _ in range(rng.choice((1, 1, 2, 5))):
        if not spans:
            break
        start, end = spans.pop(rng.randrange(len(spans)))
        data = data[:start + (2 if data[start:start + 1] == b"=" else 1)] + rng.choice(_ODD_VALUES) + data[end - 1:]
        spans = [span for span in spans if span[1] <= start]  # those before it keep their place
    return data


_MUTATIONS: tuple[Callable[[random.Random, bytes], bytes], ...] = (
    _flip, _flip, _insert, _insert, _insert, _delete, _duplicate, _huge, _huge, _huge, _whitespace, _truncate,
    _encoding, _nesting, _repeat)


def mutate(rng: random.Random, data: bytes, others: list[bytes]) -> bytes:
    if data[:1] in (b"{", b"[") and rng.random() < 0.5:
        return _json_value(rng, data)
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<" and rng.random() < 0.4:
        return _xml_value(rng, data)
    for _ in range(rng.choice((1, 1, 1, 2, 3, 5))):
        if rng.random() < 0.08:
            data = _splice(rng, data, others)
        else:
            data = rng.choice(_MUTATIONS)(rng, data)
    return data


# --- the check -----------------------------------------------------------------------------------

def _times(transcript: Transcript) -> list[int]:
    times = [t for w in transcript.words for t in (w.start, w.end)]
    times += [t for h in transcript.highlights for t in (h.start, h.end)]
    times += [t for c in transcript.cues or [] for t in (c.start, c.end)]
    return times + [transcript.metadata.time_offset]


def problem(data: bytes, fmt: str | None, fps: float | None = None) -> str | None:
    """What is wrong with reading ``data`` (as ``fmt``, or detected; ``fps`` for the formats counted
    in frames): None when all is well."""
    started = time.monotonic()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            transcripts = formats.read_all(data, fmt, fps=fps)
        except ScribekitError as exc:
            transcripts = []
            if len(str(exc)) > 1000:
                return f"an error message of {len(str(exc))} characters: {str(exc)[:200]!r}..."
        except Exception as exc:  # what the test is looking for
            return f"{type(exc).__name__}: {str(exc)[:300]}"
    seconds = time.monotonic() - started
    if seconds > SECONDS_PER_INPUT:
        return f"took {seconds:.1f} s"
    for warning in caught:
        if not issubclass(warning.category, scribekit.ScribekitWarning):
            return f"a {warning.category.__name__} that is not a ScribekitWarning: {str(warning.message)[:300]}"
        if len(str(warning.message)) > 1000:
            return f"a warning of {len(str(warning.message))} characters: {str(warning.message)[:200]!r}..."
    if not isinstance(transcripts, list) or not all(isinstance(t, Transcript) for t in transcripts):
        return f"read_all gave {type(transcripts).__name__}"
    for transcript in transcripts:
        for t in _times(transcript):
            if not isinstance(t, int) or isinstance(t, bool) or not -MAX_MS <= t <= MAX_MS:
                return f"a time the model cannot hold: {type(t).__name__} {str(t)[:40]}"
    return None


def fuzz(fmt: str, count: int, seed: int = SEED) -> list[tuple[str, bytes]]:
    """Failures (problem, input) among ``count`` mutations of the seeds of ``fmt``."""
    rng = random.Random(f"{seed}:{fmt}")
    pool = seeds()[fmt]
    others = [data for datas in seeds().values() for data in datas]
    failures = []
    for index in range(count):
        data = mutate(rng, rng.choice(pool), others)
        fps = 25 if index % 3 else None  # without a rate, the readers of frames refuse at once
        for as_format in (fmt, None) if index % 2 == 0 else (fmt,):
            found = problem(data, as_format, fps)
            if found:
                failures.append((f"{as_format or 'detected'}: {found}", data))
    return failures


@pytest.mark.parametrize("fmt", READERS)
def test_every_reader_has_seeds(fmt: str) -> None:
    assert seeds()[fmt], f"no seed for {fmt}"


@pytest.mark.parametrize("fmt", READERS)
def test_mutated_input_is_read_or_refused(fmt: str) -> None:
    failures = fuzz(fmt, INPUTS)
    if failures:
        kinds: dict[str, bytes] = {}
        for found, data in failures:
            kinds.setdefault(found.split(":", 2)[1][:80], data)
        report = "\n".join(f"- {kind}  (input {data[:120]!r}...)" for kind, data in list(kinds.items())[:10])
        pytest.fail(f"{len(failures)} of {INPUTS} mutated {fmt} input(s) went wrong:\n{report}")
