"""Hypothesis strategies more than one test module draws from."""
from __future__ import annotations

from hypothesis import strategies as st

from scribekit import Segment, SegmentOptions, Speaker, Transcript, Word

segment_limits = st.builds(
    SegmentOptions,
    max_chars_per_row=st.integers(4, 60),
    max_rows=st.integers(1, 4),
    max_duration=st.one_of(st.none(), st.floats(1.0, 10)),
    min_duration=st.one_of(st.none(), st.floats(0.1, 1.0)),
    max_screen_time_per_row=st.one_of(st.none(), st.floats(0.5, 4)),
    max_cps=st.one_of(st.none(), st.floats(5, 30), st.integers(5, 30)),
    max_wpm=st.one_of(st.none(), st.floats(100, 300)),
    max_chars_per_subtitle=st.one_of(st.none(), st.integers(10, 120)),
    subtitle_duration_max=st.one_of(st.none(), st.integers(1000, 8000)),
    min_gap_frames=st.integers(0, 3),
    close_gaps_frames=st.integers(0, 12),
    fps=st.sampled_from([None, 24.0, 25.0, 29.97]),
)
"""Any valid set of segmentation limits, down to rows of 4 characters."""


plain_words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéüßשלוםمرحبا,.?!'\"", min_size=1, max_size=10)
"""A word's text: Latin, Hebrew and Arabic letters and punctuation, quotes too."""


@st.composite
def turn_transcripts(draw: st.DrawFn, text: st.SearchStrategy[str] = plain_words, overlaps: bool = False,
                     names: tuple[str, str] = ("Ana", "Bo Li")) -> Transcript:
    """Up to 6 speaker turns (speakers ``names``, or none) of up to 10 words each, in time order (or,
    with ``overlaps``, each turn anywhere in time); times up to 200 hours, gaps of 0 to 30 s."""
    t = draw(st.integers(0, 720_000_000))
    segments = []
    for _ in range(draw(st.integers(1, 6))):
        if overlaps:
            t = draw(st.integers(0, 720_000_000))
        words = []
        for _ in range(draw(st.integers(1, 10))):
            length = draw(st.integers(0, 4_000))
            words.append(Word(draw(text), t, t + length))
            t += length + draw(st.sampled_from([0, 10, 49, 51, 400, 30_000]))
        segments.append(Segment(draw(st.sampled_from(["a", "b", None])), words))
    return Transcript(segments=segments, speakers=[Speaker("a", names[0]), Speaker("b", names[1])])
