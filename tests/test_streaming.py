"""SubRip or WebVTT to SubRip, WebVTT or SBV streams (scribekit.streaming): the bytes written, the warnings said, the
errors and what is left behind are those of the whole-file path, for any input, however it is cut
into chunks and pieces; and a large file is converted without reading it into one transcript."""
from __future__ import annotations

import random
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scribekit import batch, formats, streaming
from scribekit.formats import srt

# --- inputs ------------------------------------------------------------------------------------

_TEXTS = ["Hello there", "a, b. c!", "He said: no", "<i>italic</i>", "<b>open", "x & y", "{\\an8}top",
          "tab\there", "\u00a0", "   ", " lead", "trail ", "café Zürich", "10:30 -> doors",
          "00:00:01,000 --> 00:00:02,000", "12", "\x07bell", "\ufeff", "→", "２：３", "-", "WEBVTT", "a\vb",
          "\f", "x > y", "NOTE", "ü" * 30]


def _clock(ms: int, separator: str = ",", hours: str = "{:02d}") -> str:
    return f"{hours.format(ms // 3_600_000)}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}{separator}{ms % 1000:03d}"


@st.composite
def _timing(draw: st.DrawFn) -> str:
    start = draw(st.integers(0, 400 * 3_600_000))
    end = start + draw(st.integers(-2000, 8000))
    kind = draw(st.integers(0, 12))
    if kind <= 6:  # plain, the common case
        return f"{_clock(start)} --> {_clock(max(end, 0))}"
    odd = draw(st.sampled_from([
        f"{_clock(start, '.')} --> {_clock(end, '.')}",
        f"{_clock(start, hours='{:04d}')} --> {_clock(end)}",
        f"{_clock(start)[3:]} --> {_clock(end)[3:]}",
        f"{_clock(start)} -> {_clock(end)}",
        f"-{_clock(start)} --> {_clock(end)}",
        f"{_clock(start)} --> {_clock(end)} X1:10 X2:20 Y1:30 Y2:40",
        f"{_clock(start)} --> {_clock(end)} junk",
        f"{_clock(start)[:-2]} --> {_clock(end)}",
        "00:00:01,000 -> nowhere",  # a broken timing line: the reader refuses the file
        f"{_clock(start)} --> {_clock(start + 61_000).replace(':01:', ':61:')}",
    ]))
    return odd


@st.composite
def _srt(draw: st.DrawFn) -> bytes:
    lines: list[str] = draw(st.sampled_from([[], ["junk before"], [""]]))
    for number in range(1, draw(st.integers(1, 40)) + 1):
        index = draw(st.sampled_from([str(number), str(number), str(number), "x7", "", "0012"]))
        if index:
            lines.append(index)
        lines.append(draw(_timing()))
        plain = draw(st.booleans())
        texts = draw(st.lists(st.sampled_from(_TEXTS[:1] if plain else _TEXTS), min_size=0 if not plain else 1,
                              max_size=3))
        lines.extend(texts)
        lines.extend([""] * draw(st.sampled_from([1, 1, 1, 0, 2])))
    newline = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
    text = newline.join(lines) + draw(st.sampled_from([newline, "", newline * 2]))
    text = draw(st.sampled_from(["", "", "\ufeff"])) + text
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.integers(0, 20)) == 0:
        data = data[:len(data) // 2] + b"\x00" + data[len(data) // 2:]
    return data


def _plain_srt(cues: int, seed: int = 3) -> str:
    """Plain cues (no repairs, no markup), hours past 99 as well: what the fast way writes at once."""
    rnd = random.Random(seed)
    parts, t = [], 360_000_000 - 3_000 * min(cues, 100)
    for number in range(1, cues + 1):
        start, t = t, t + rnd.randint(500, 6000)
        words = " ".join(rnd.choice(["the", "café", "Zürich", "sea,", "go!", "why?"]) for _ in range(rnd.randint(1, 9)))
        parts.append(f"{number}\n{_clock(start)} --> {_clock(t)}\n{words}\n" + ("second line\n" if number % 3 else ""))
        t += rnd.randint(0, 900)
    return "\n".join(parts)


# --- running both ways -------------------------------------------------------------------------

@contextmanager
def _sizes(chunk: int, piece: int) -> Iterator[None]:
    with patch.object(streaming, "SMALL", 0), patch.object(streaming, "CHUNK", chunk), \
            patch.object(streaming, "PIECE", piece), patch.object(streaming, "SMALLEST", max(1, piece // 6)):
        yield


def _run(source: Path, target: str, *, stream: bool, **settings: Any) -> tuple[batch.Result, bytes | None]:
    """Convert ``source`` (to a file in its folder), streaming if it can or the whole-file way; what it
    reported and wrote. No temporary file is ever left."""
    output = source.parent / f"out.{target}"
    task = batch.Task(str(source), str(source.with_suffix("")), (target,), str(output), **settings)
    if stream:
        result = batch.convert_task(task)
    else:
        with patch.object(streaming, "convert", lambda task: None):
            result = batch.convert_task(task)
    result.seconds = 0.0
    assert not [p for p in source.parent.iterdir() if p.name.endswith(".part")]
    return result, output.read_bytes() if output.exists() else None


def _both(data: bytes, target: str, chunk: int, piece: int, name: str = "in.srt", **settings: Any) -> bool:
    """Convert ``data`` both ways; assert the same outcome; whether the streamed way wrote it."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / name
        source.write_bytes(data)
        whole = _run(source, target, stream=False, **settings)
        if whole[1] is not None:
            Path(whole[0].outputs[0]).unlink()
        streamer = "_stream_vtt" if name.endswith(".vtt") or settings.get("from_format") == "vtt" else "_stream"
        with _sizes(chunk, piece), patch.object(streaming, streamer, wraps=getattr(streaming, streamer)) as spied:
            streamed = _run(source, target, stream=True, **settings)
        assert streamed[0] == whole[0]
        assert streamed[1] == whole[1]
        return spied.called and streamed[1] is not None


# --- the properties ----------------------------------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(_srt(), st.sampled_from(["srt", "vtt", "sbv"]), st.integers(1, 300), st.integers(1, 400))
def test_streamed_output_warnings_and_errors_are_the_whole_files(data: bytes, target: str, chunk: int,
                                                                 piece: int) -> None:
    _both(data, target, chunk, piece)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 120), st.sampled_from(["srt", "vtt"]), st.integers(1, 5000), st.integers(1, 3000),
       st.sampled_from(["\n", "\r\n"]), st.integers(0, 5))
def test_plain_cues_are_written_at_once_as_the_writers_write_them(cues: int, target: str, chunk: int, piece: int,
                                                                  newline: str, seed: int) -> None:
    text = _plain_srt(cues, seed).replace("\n", newline)
    assert _both(text.encode("utf-8"), target, chunk, piece)


@pytest.mark.parametrize("target", ["srt", "vtt", "sbv"])
@pytest.mark.parametrize("before", ["\n", "\n\n", " \n"])
def test_blank_lines_before_the_first_cue_are_left_out_as_the_whole_file_leaves_them(target: str,
                                                                                     before: str) -> None:
    cue = "{}\n00:00:00,000 --> 00:00:00,000\nHello there\n\n"
    data = (before + cue.format(1) + cue.format(2)).encode("utf-8")
    for chunk, piece in ((1, 1), (3, 7), (5000, 3000)):
        _both(data, target, chunk, piece)


def test_a_piece_of_plain_cues_is_written_at_once_as_the_writers_write_its_cues() -> None:
    from scribekit.formats import vtt
    from scribekit.markup import Repairs
    from scribekit.model import Transcript

    piece = _plain_srt(50) + "\n"
    cues = srt.read_lines(piece[:-1].split("\n"), Repairs(), followed=True)
    assert len(cues) == 50 and cues[-1].start > 100 * 3_600_000
    assert streaming._plain(piece, None) == (vtt.CueWriter(Transcript(cues=[])).render(cues), 50)
    assert streaming._plain(piece, 0) == ("\n" + srt.CueWriter().render(cues), 50)
    later = srt.CueWriter()
    later.number = 7  # numbered from 8 on: numbered anew, as the writer does
    assert streaming._plain(piece, 7) == (later.render(cues), 50)
    for odd in ("<i>", "&", "a: b", "{x}", "\t", "\n\n", "\u00a0"):
        assert streaming._plain(piece.replace("second line", "second " + odd, 1), None) is None
    first = piece.split("\n")[1]
    for backwards in ("00:00:05,000 --> 00:00:04,999", "100:00:00,000 --> 99:00:00,000"):
        assert streaming._plain(piece.replace(first, backwards, 1), None) is None
    assert streaming._plain(piece.replace(first, "99:59:59,000 --> 100:00:00,000", 1), None) is not None


def _streams_in_pieces(source: Path, reader: Any, piece_reader: str) -> None:
    """``source`` converted to SRT, VTT and SBV as the whole-file path converts it, with the whole
    file never read (``formats.read_all`` and ``reader.read`` refused) and each piece ``reader``'s
    ``piece_reader`` reads under a quarter of the file's lines."""
    whole = {target: _run(source, target, stream=False) for target in ("srt", "vtt", "sbv")}
    for target in ("srt", "vtt", "sbv"):
        Path(whole[target][0].outputs[0]).unlink()
        assert whole[target][1]

    def nowhere(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the whole file was read")

    longest = 0
    original = getattr(reader, piece_reader)

    def read_piece(lines: list[str], *args: Any) -> Any:
        nonlocal longest
        longest = max(longest, len(lines))
        return original(lines, *args)

    with patch.object(formats, "read_all", nowhere), patch.object(reader, "read", nowhere), \
            patch.object(reader, piece_reader, read_piece):
        for target in ("srt", "vtt", "sbv"):
            assert _run(source, target, stream=True) == whole[target]
    assert 0 < longest < source.read_text(encoding="utf-8").count("\n") // 4  # pieces, never the whole file


def test_a_large_file_streams_without_one_transcript(tmp_path: Path) -> None:
    source = tmp_path / "big.srt"
    source.write_text(_plain_srt(50_000), encoding="utf-8")
    _streams_in_pieces(source, srt, "read_lines")


def test_a_bad_line_far_into_a_large_file_fails_it_as_before_and_writes_nothing() -> None:
    text = _plain_srt(20_000)
    broken = text.replace("\n\n15000\n", "\n\n15000\n00:00:01,000 -> nowhere\n", 1).encode()
    for target in ("srt", "vtt", "sbv"):
        with tempfile.TemporaryDirectory() as folder:
            source = Path(folder) / "in.srt"
            source.write_bytes(broken)
            result, written = _run(source, target, stream=True)
        assert result.status == "failed" and written is None
        assert "cannot read the timing line '00:00:01,000 -> nowhere'" in (result.error or "")
    # Not UTF-8 after the first bytes, NUL far in: the whole-file path decides (and warns) as before.
    for data in (broken, text.encode() + b"\xff", text.encode()[:-200] + b"\x00" + text.encode()[-200:]):
        for target in ("srt", "vtt", "sbv"):
            _both(data, target, streaming.CHUNK, streaming.PIECE)


def test_an_output_that_exists_is_refused_or_replaced_as_before(tmp_path: Path) -> None:
    source = tmp_path / "in.srt"
    source.write_text(_plain_srt(3000), encoding="utf-8")
    output = tmp_path / "out.vtt"
    output.write_text("old")
    refused = _run(source, "vtt", stream=True)
    assert refused[0].status == "failed" and "exists already" in (refused[0].error or "")
    assert output.read_text() == "old"
    with _sizes(1000, 1000):
        replaced = _run(source, "vtt", stream=True, force=True)
    output.unlink()
    assert replaced == _run(source, "vtt", stream=False)


def test_the_batch_module_imports_no_process_pool() -> None:
    code = ("import sys, scribekit.batch, scribekit.streaming; "
            "print(sorted(m for m in sys.modules if m.startswith(('concurrent', 'multiprocessing'))))")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert shown.strip() == "[]"


# --- WebVTT ------------------------------------------------------------------------------------

_VTT_TEXTS = ["Hello there", "<v Ann>Hi</v>", "<v.loud Bob Smith>Yes", "<v Ann>a</v> <v Bob>b</v>", "<c.x>c</c>",
              "&amp; &lt;b&gt; &nbsp;", "<i>it", "<b.red>bold</b>", "<ruby>漢<rt>kan</rt></ruby>",
              "one <00:00:01.500>two", "   ", "a --> b", "NOTE in text", "x & y", "<u>u</u>", "{\\an8}top",
              "café", "\x07bell", "2 > 1", "WEBVTT"]


def _vtt_clock(ms: int, separator: str = ".") -> str:
    return _clock(ms, separator)


@st.composite
def _vtt_timing(draw: st.DrawFn) -> str:
    start = draw(st.integers(0, 120 * 3_600_000))
    end = max(0, start + draw(st.integers(-2000, 8000)))
    kind = draw(st.integers(0, 12))
    if kind <= 5:
        return f"{_vtt_clock(start)} --> {_vtt_clock(end)}"
    return draw(st.sampled_from([
        f"{_vtt_clock(start)} --> {_vtt_clock(end)} align:start position:10%",
        f"{_vtt_clock(start, ',')} --> {_vtt_clock(end)}",
        f"{_vtt_clock(start)[3:]} --> {_vtt_clock(end)[3:]}",
        f"\t{_vtt_clock(start)}-->{_vtt_clock(end)}  line:0",
        f"{_vtt_clock(start)} -> {_vtt_clock(end)}",
        f"{_vtt_clock(start)[:-1]} --> {_vtt_clock(end)}",
        "00:00:01.000 --> nowhere",
        "12345678901:00:00.000 --> 12345678901:00:01.000",  # beyond the model: the reader refuses the file
        f"{_vtt_clock(start)} --> {_vtt_clock(start + 61_000).replace(':01:', ':61:')}",
    ]))


_VTT_BLOCKS = [["STYLE", "::cue { color: red }"], ["REGION", "id:r1 width:40%"], ["NOTE a comment", "more"],
               ["NOTE"], ["junk line"], ["1:2 not a timing"], ["STYLE"], ["REGION x"]]


@st.composite
def _vtt(draw: st.DrawFn) -> bytes:
    first = draw(st.sampled_from(["WEBVTT", "WEBVTT", "WEBVTT - title", "WEBVTT\tx", "WEBVTTX", "webvtt"]))
    header = ["Language: fr", "Kind: captions", "X-TIMESTAMP-MAP=LOCAL:00:00:00.000", "Language: not one word", "x"]
    lines = [first] + draw(st.lists(st.sampled_from(header), max_size=2))
    for _ in range(draw(st.integers(0, 3))):
        lines.extend([""] * draw(st.sampled_from([1, 1, 2])))
        lines.extend(draw(st.sampled_from(_VTT_BLOCKS)))
    lines.extend([""] * draw(st.sampled_from([1, 1, 1, 0, 2])))
    for number in range(1, draw(st.integers(0, 40)) + 1):
        if draw(st.integers(0, 8)) == 0:
            lines.extend(draw(st.sampled_from(_VTT_BLOCKS)) + [""])
        identifier = draw(st.sampled_from(["", "", str(number), f"cue-{number}", "NOTE x", "STYLE", "a --> b",
                                           "WEBVTT id"]))
        if identifier:
            lines.append(identifier)
        lines.append(draw(_vtt_timing()))
        lines.extend(draw(st.lists(st.sampled_from(_VTT_TEXTS), max_size=3)))
        lines.extend([""] * draw(st.sampled_from([1, 1, 1, 0, 2])))
    newline = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
    text = newline.join(lines) + draw(st.sampled_from([newline, "", newline * 2]))
    text = draw(st.sampled_from(["", "", "\ufeff"])) + text
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.integers(0, 20)) == 0:
        data = data[:len(data) // 2] + b"\x00" + data[len(data) // 2:]
    return data


@settings(max_examples=300, deadline=None)
@given(_vtt(), st.sampled_from(["srt", "vtt", "sbv"]), st.integers(1, 300), st.integers(1, 400),
       st.sampled_from(["in.vtt", "in.vtt", "in.srt"]), st.booleans())
def test_webvtt_streamed_is_the_whole_files(data: bytes, target: str, chunk: int, piece: int, name: str,
                                            forced: bool) -> None:
    settings_: dict[str, Any] = {"from_format": "vtt"} if forced else {}
    _both(data, target, chunk, piece, name, **settings_)


def _plain_vtt(cues: int, seed: int = 3) -> str:
    rnd = random.Random(seed)
    parts, t = ["WEBVTT - big\nLanguage: en\n\nSTYLE\n::cue { color: red }\n\nNOTE hi\n"], 0
    for number in range(1, cues + 1):
        start, t = t, t + rnd.randint(500, 6000)
        words = " ".join(rnd.choice(["the", "café", "<i>sea</i>", "&amp;", "go!"]) for _ in range(rnd.randint(1, 9)))
        voice = rnd.choice(["", "<v Ann>", "<v Bob>"])
        parts.append(f"c{number}\n{_vtt_clock(start)} --> {_vtt_clock(t)} align:start\n{voice}{words}\n")
        t += rnd.randint(0, 900)
    return "\n".join(parts)


def test_a_large_webvtt_file_streams_without_one_transcript(tmp_path: Path) -> None:
    from scribekit.formats import vtt

    source = tmp_path / "big.vtt"
    source.write_text(_plain_vtt(30_000), encoding="utf-8")
    _streams_in_pieces(source, vtt, "read_piece")
