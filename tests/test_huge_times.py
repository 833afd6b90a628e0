"""A transcript built in Python can hold any int as a time, and one word of megabytes: the segmenter
and the writers that convert times (premiere, html, the provider JSONs, every subtitle format
through the segmenter) refuse times beyond timing.MAX_MS with a WriteError, never an OverflowError
or ValueError; a word of megabytes costs memory in proportion to it, not hundreds of bytes a character."""
from __future__ import annotations

import tracemalloc
import warnings

import pytest

import scribekit
from scribekit import Cue, Segment, Transcript, Word, WriteError
from scribekit.segmentation import timing

WRITERS = ["srt", "vtt", "premiere", "html", "amberscript-json", "happyscribe-json", "json", "txt", "stl", "ass",
           "ttml", "fcpxml", "avid-ds", "microdvd", "mpl2"]
HUGE = [10 ** 13, 2 ** 63, 10 ** 30, 10 ** 400, 10 ** 5000, -(10 ** 30)]


def _shapes(big: int) -> list[Transcript]:
    return [
        Transcript(segments=[Segment(None, [Word("hello", big, big + 1000)])]),
        Transcript(segments=[Segment(None, [Word("hello", 0, 1000), Word("world.", big, big + 10)])]),
        Transcript(segments=[Segment(None, [Word("漢字", 0, abs(big)), Word("again", 1000, 2000)])]),
        Transcript(cues=[Cue(0, 1000, ["a"]), Cue(abs(big), abs(big) + 1, ["b"])]),
    ]


@pytest.mark.parametrize("fmt", WRITERS)
def test_times_beyond_the_bound_are_a_write_error(fmt: str) -> None:
    for big in HUGE:
        for transcript in _shapes(big):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", scribekit.ScribekitWarning)
                try:
                    scribekit.dumps(transcript, fmt)
                except WriteError as exc:
                    if fmt != "json":  # scribekit JSON writes any int it can (and says so when it cannot)
                        assert "out of range" in str(exc) or "EBU STL" in str(exc), str(exc)
                    assert len(str(exc)) < 300
                except scribekit.ScribekitError:
                    pass


def test_the_bound_itself_is_written() -> None:
    transcript = Transcript(segments=[Segment(None, [Word("hello", 0, 1000), Word("far", timing.MAX_MS - 10,
                                                                                 timing.MAX_MS)])])
    for fmt in ("srt", "premiere", "html", "amberscript-json", "happyscribe-json"):
        assert scribekit.dumps(transcript, fmt)
    with pytest.raises(WriteError, match="HappyScribe JSON: a time of an integer of about 31 digits ms"):
        scribekit.dumps(Transcript(segments=[Segment(None, [Word("x", 10 ** 30, 10 ** 30)])]), "happyscribe-json")


def _peak(text: str) -> tuple[int, list[str]]:
    transcript = Transcript(segments=[Segment(None, [Word(text, 0, 60_000)])])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        tracemalloc.start()
        try:
            scribekit.dumps(transcript, "srt")
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    return peak, [str(w.message) for w in caught]


def test_a_long_cjk_word_costs_memory_in_proportion_to_its_bytes() -> None:
    peak, messages = _peak("漢" * 300_000)  # 900 kB of UTF-8; cut into characters it took 100 MB
    assert peak < 20 << 20, f"{peak >> 20} MB"
    peak, messages = _peak("a" * 1_000_000 + "漢")  # a Latin run amid Han: was quadratic
    assert peak < 20 << 20, f"{peak >> 20} MB"
    assert all(len(message) < 300 for message in messages)


@pytest.mark.slow
def test_a_5_mb_word_costs_tens_of_megabytes() -> None:
    for text in ("a" * 5_000_000, "漢" * 1_700_000, "漢" * 5_000_000):
        peak, _ = _peak(text)
        assert peak < 120 << 20, f"{peak >> 20} MB"


@pytest.mark.parametrize("width", [1, 42, 10 ** 20])
def test_a_long_cjk_word_cut_into_rows_keeps_every_character(width: int) -> None:
    from scribekit import SegmentOptions, segment

    text = "漢" * 10_000 + "abc" + "字" * 5_000
    options = SegmentOptions(max_chars_per_row=width, max_duration=None, min_duration=None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", scribekit.ScribekitWarning)
        cues = segment([Segment(None, [Word(text, 0, 10_000)])], options)
    assert "".join("".join(cue.lines) for cue in cues).replace(" ", "") == text
    assert all(len(line) <= max(width, 3) for cue in cues for line in cue.lines)
