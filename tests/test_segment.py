"""The first segmenter: hard limits always hold, whatever the transcript."""
from __future__ import annotations

import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scribekit import Cue, OptionError, ScribekitWarning, Segment, SegmentOptions, Transcript, Word, dumps, segment
from scribekit.segment import cues_for
from scribekit.segment.segmenter import break_lines, rows_needed

word_text = st.text(alphabet="abcdeéfgçhijklmnoüpqrstuvwxyz", min_size=1, max_size=14).flatmap(
    lambda w: st.sampled_from([w, w + ",", w + ".", w + "?"]))


@st.composite
def transcripts(draw: st.DrawFn) -> Transcript:
    segments = []
    t = draw(st.integers(0, 5000))
    for _ in range(draw(st.integers(1, 6))):
        words = []
        for _ in range(draw(st.integers(1, 40))):
            text = draw(st.one_of(word_text, st.text("xyz", min_size=40, max_size=60)))
            duration = draw(st.integers(1, 1500))
            words.append(Word(text, t, t + duration))
            t += duration + draw(st.integers(0, 2500))
        segments.append(Segment(draw(st.sampled_from(["spk1", "spk2", "spk3"])), words))
    return Transcript(segments=segments)


limits = st.builds(
    SegmentOptions,
    max_chars_per_row=st.integers(12, 60),
    max_rows=st.integers(1, 3),
    max_duration=st.one_of(st.none(), st.floats(0.5, 10)),
    max_screen_time_per_row=st.one_of(st.none(), st.floats(0.5, 4)),
    max_chars_per_subtitle=st.one_of(st.none(), st.integers(20, 120)),
    subtitle_duration_max=st.one_of(st.none(), st.integers(800, 8000)),
)


def _check_limits(cues: list[Cue], transcript: Transcript, options: SegmentOptions) -> None:
    words_in = [w.text for s in transcript.segments for w in s.words]
    words_out = [w for c in cues for line in c.lines for w in line.split()]
    assert words_out == words_in
    for cue in cues:
        assert 1 <= len(cue.lines) <= options.max_rows
        for line in cue.lines:
            assert len(line) <= options.max_chars_per_row or " " not in line, line
        if options.max_chars_per_subtitle and len(cue.text.split()) > 1:
            assert len(" ".join(cue.lines)) <= options.max_chars_per_subtitle
        limit = options.max_duration_ms(len(cue.lines))
        assert cue.start <= cue.end
        if limit is not None:
            assert cue.end - cue.start <= limit
    for before, after in zip(cues, cues[1:]):
        assert before.end <= after.start


@settings(max_examples=150, deadline=None)
@given(transcripts(), limits)
def test_every_cue_honours_the_limits_it_was_given(transcript: Transcript, options: SegmentOptions) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        cues = segment(transcript.segments, options)
    _check_limits(cues, transcript, options)


@settings(max_examples=60, deadline=None)
@given(transcripts())
def test_a_speaker_change_always_starts_a_new_cue(transcript: Transcript) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        cues = segment(transcript.segments, SegmentOptions(max_chars_per_row=60, max_rows=3,
                                                           max_screen_time_per_row=None))
    owner = [s.speaker for s in transcript.segments for _ in s.words]
    position = 0
    for cue in cues:
        count = len(cue.text.split())
        assert set(owner[position:position + count]) == {cue.speaker}
        position += count


def test_a_word_longer_than_a_row_stands_alone_and_is_reported() -> None:
    url = "https://example.org/a/very/long/address/that/goes/on"
    words = [Word("See", 0, 300), Word(url, 300, 1200), Word("now.", 1200, 1500)]
    with pytest.warns(ScribekitWarning, match="stands alone on its row"):
        cues = segment([Segment("spk1", words)], SegmentOptions(max_chars_per_row=20, max_rows=3))
    assert [line for c in cues for line in c.lines] == ["See", url, "now."]


def test_one_line_when_the_text_fits_and_balanced_lines_otherwise() -> None:
    assert break_lines("Hello there".split(), 42, 1) == ["Hello there"]
    lines = break_lines("This sentence is long enough that it must go onto two rows".split(), 42, 2)
    assert len(lines) == 2 and abs(len(lines[0]) - len(lines[1])) <= 12
    assert len(lines[0]) <= len(lines[1])  # bottom-heavy


def test_rows_needed_counts_a_long_word_as_its_own_row() -> None:
    assert rows_needed([3, 50, 3], 10) == 3
    assert rows_needed([3, 3, 2], 10) == 1
    assert rows_needed([3, 3, 3], 10) == 2


def test_max_screen_time_per_row_bounds_duration_by_rows() -> None:
    words = [Word(f"w{i}", i * 400, i * 400 + 350) for i in range(30)]
    cues = segment([Segment(None, words)], SegmentOptions(max_chars_per_row=42, max_rows=2,
                                                          max_screen_time_per_row=2.0))
    for cue in cues:
        assert cue.end - cue.start <= 2000 * len(cue.lines)


def test_legacy_pair_max_chars_per_subtitle_and_subtitle_duration_max() -> None:
    words = [Word("word", i * 300, i * 300 + 250) for i in range(40)]
    cues = segment([Segment(None, words)], SegmentOptions(max_chars_per_subtitle=20, subtitle_duration_max=1000,
                                                          max_screen_time_per_row=None))
    assert all(len(" ".join(c.lines)) <= 20 and c.end - c.start <= 1000 for c in cues)
    assert len(cues) >= 10


def test_cues_of_a_subtitle_file_are_kept_unless_limits_are_given() -> None:
    cues = [Cue(0, 5000, ["A first cue that is rather long, longer than twenty"]), Cue(4000, 6000, ["overlap"])]
    transcript = Transcript(cues=cues)
    assert cues_for(transcript) is cues  # as they are, overlap included
    recut = cues_for(transcript, max_chars_per_row=20)
    assert all(len(line) <= 20 for c in recut for line in c.lines)
    assert [w for c in recut for w in c.text.split()] == [w for c in cues for w in c.text.split()]


def test_options_out_of_range_are_refused() -> None:
    with pytest.raises(OptionError):
        SegmentOptions(max_chars_per_row=0)
    with pytest.raises(OptionError):
        SegmentOptions(max_rows=-1)
    with pytest.raises(OptionError):
        SegmentOptions(max_duration=0)


def test_dumps_passes_limits_to_the_segmenter() -> None:
    words = [Word(w, i * 300, i * 300 + 280) for i, w in enumerate("one two three four five six seven".split())]
    transcript = Transcript(segments=[Segment(None, words)])
    text = dumps(transcript, "mpl2", max_chars_per_row=9, max_rows=1)
    assert all(len(line.split("] ", 1)[1]) <= 9 for line in text.splitlines())
