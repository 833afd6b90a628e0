"""Hypothesis strategies more than one test module draws from."""
from __future__ import annotations

from hypothesis import strategies as st

from scribekit import SegmentOptions

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
