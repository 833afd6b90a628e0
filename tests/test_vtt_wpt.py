"""Our WebVTT reader against a browser: the web-platform-tests WebVTT files in
tests/data/vtt-wpt and what Chromium's <track> parser made of each
(chromium-cues.json: cue id, start and end in seconds, raw cue text).

A file Chromium loads with no cue may be a ReadError for us or give no cue.
At least 95 % of the files must agree; the others are listed below with the reason.
"""
from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import pytest

import scribekit
from scribekit import ReadError, Transcript
from scribekit.formats import vtt
from scribekit.markup import TextRepairs

DATA = Path(__file__).resolve().parent / "data" / "vtt-wpt"
FILES: dict[str, Any] = json.loads((DATA / "chromium-cues.json").read_text(encoding="utf-8"))["files"]

# Files where we knowingly differ from Chromium, and why.
KNOWN_DIFFERENCES = {
    "timings-garbage.vtt": "its last timing line uses ',' before the milliseconds (00:00:00,000 --> 00:00:01,000); "
                           "Chromium refuses the cue, we read it with a warning (docs/formats.md §4 lists ',' in VTT)",
}


def ours(name: str) -> list[tuple[str, int, int, str]] | None:
    """(id, start ms, end ms, raw text) of each cue as we read the file, None for a ReadError.

    The bytes are decoded as a browser does: UTF-8, a BOM dropped, bad bytes as U+FFFD.
    """
    text = (DATA / name).read_bytes().decode("utf-8", errors="replace").removeprefix("\ufeff")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            transcript = vtt.read(text)
        except ReadError:
            return None
    return as_rows(transcript)


def as_rows(transcript: Transcript) -> list[tuple[str, int, int, str]]:
    assert transcript.cues is not None
    return [(c.identifier or "", c.start, c.end, (c.style or {}).get("vtt_text", "\n".join(c.lines)))
            for c in transcript.cues]


def chromium(name: str) -> list[tuple[str, int, int, str]]:
    return [(c["id"], round(c["start"] * 1000), round(c["end"] * 1000), c["text"]) for c in FILES[name]["cues"]]


def agrees(name: str) -> bool:
    got = ours(name)
    if got is None:
        return chromium(name) == []
    return got == chromium(name)


def test_the_reference_is_complete() -> None:
    vtt_files = sorted(p.name for p in DATA.glob("*.vtt"))
    assert len(vtt_files) == 128
    assert sorted(FILES) == vtt_files
    assert all(FILES[name]["loaded"] for name in vtt_files)
    assert (DATA / "LICENSE.md").exists()


@pytest.mark.parametrize("name", sorted(FILES))
def test_file_agrees_with_chromium(name: str) -> None:
    if name in KNOWN_DIFFERENCES:
        assert not agrees(name), f"{name} now agrees with Chromium: take it off KNOWN_DIFFERENCES"
        pytest.skip(KNOWN_DIFFERENCES[name])
    assert agrees(name), (ours(name), chromium(name))


def test_at_least_95_percent_agree() -> None:
    agreeing = [name for name in FILES if agrees(name)]
    assert len(agreeing) / len(FILES) >= 0.95
    assert sorted(set(FILES) - set(agreeing)) == sorted(KNOWN_DIFFERENCES)


def test_comma_difference_is_the_only_one_in_timings_garbage() -> None:
    got = ours("timings-garbage.vtt")
    assert got == [("", 0, 1000, "invalid")]
    assert chromium("timings-garbage.vtt") == []


@pytest.mark.parametrize("name", sorted(FILES))
def test_public_api_reads_the_same(name: str) -> None:
    """Through scribekit.loads (decoding, detection) the cues are the same."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            transcript = scribekit.loads((DATA / name).read_bytes(), filename=name)
        except ReadError:
            assert ours(name) is None
            return
    assert transcript.metadata.source == "vtt"
    assert as_rows(transcript) == ours(name)


@pytest.mark.parametrize("name", sorted(FILES))
def test_what_we_write_reads_back_the_same(name: str) -> None:
    """VTT -> VTT keeps ids, times and raw text of every cue a browser sees."""
    text = (DATA / name).read_bytes().decode("utf-8", errors="replace").removeprefix("\ufeff")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        transcript = vtt.read(text)
        written = vtt.write_cues(transcript.cues or [], transcript, vtt.Options())
        again = vtt.read(written)
    rows, back = as_rows(transcript), as_rows(again)
    # Settings are written back too; a cue id that is only whitespace stays as it is; one that
    # starts with NOTE or WEBVTT is left out (ffmpeg would skip the cue).
    rows = [("", *row[1:]) if row[0].startswith(("NOTE", "WEBVTT")) else row for row in rows]
    assert back == rows
    # Settings lose control characters (a vertical tab becomes a space), as all text written does.
    settings = [(c.style or {}).get("vtt_settings") for c in transcript.cues or []]
    assert [(c.style or {}).get("vtt_settings") for c in again.cues or []] == [
        TextRepairs().text(s).strip(" \t\f") or None if s else s for s in settings]
