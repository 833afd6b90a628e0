"""SCC writer's fast ways: the same bytes as the careful way.

``write_cues`` writes a caption of plain, accented or all-italic rows itself, a styled row a run
at a time, and the labels a minute at a time; each is checked here against the careful way (a
cell at a time through ``_Words``, each label by ``RATE.format``) on any cues.
"""
from __future__ import annotations

import re
import warnings
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from scribekit import Cue, ScribekitWarning, Transcript, WriteError
from scribekit.formats.scc import codes
from scribekit.formats.scc import writer as scc

_NEVER = re.compile("(?!)")
_CHARS = "".join(sorted(set(codes.BASIC) | set(codes.SPECIAL) | set(codes.EXTENDED)))
_word = st.one_of(
    st.text(alphabet="abcdefghij XYZ,.'", min_size=1, max_size=8),
    st.text(alphabet="é♪Üñß«»“”’—½èÁ*|~_{}\\^█\u00a0", min_size=1, max_size=3),
    st.text(alphabet=_CHARS, min_size=1, max_size=6),
)


@st.composite
def _line(draw: st.DrawFn) -> str:
    words = draw(st.lists(_word, min_size=1, max_size=7))
    text = "".join(draw(st.sampled_from(["", " ", "  "])) + (f"<i>{w}</i>" if draw(st.booleans()) and
                                                              draw(st.booleans()) else w) for w in words)
    if draw(st.booleans()):
        text = text.strip(" ")
    return f"<i>{text}</i>" if draw(st.booleans()) else text


@st.composite
def _cues(draw: st.DrawFn) -> list[Cue]:
    cues = []
    at = draw(st.integers(0, 2000))
    for _ in range(draw(st.integers(1, 6))):
        at += draw(st.sampled_from([0, 33, 67, 100, 300, 1000]))
        duration = draw(st.sampled_from([0, 33, 200, 1500, 3000]))
        lines = draw(st.lists(_line(), min_size=0, max_size=5))
        top = draw(st.booleans())
        cues.append(Cue(at, at + duration, lines, speaker=draw(st.sampled_from([None, "a", "b"])),
                        style={"position": "top"} if top else None))
        at += duration
    return cues


def _written(cues: list[Cue], **options: object) -> tuple[str, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            text = scc.write_cues(cues, Transcript(cues=cues), scc.Options(**options))  # type: ignore[arg-type]
        except WriteError as error:
            text = f"error: {error}"
    return text, [str(w.message) for w in caught if issubclass(w.category, ScribekitWarning)]


@settings(max_examples=150, deadline=None)
@given(_cues(), st.sampled_from([{}, {"speaker_colours": True}, {"scc_channel": 2}, {"scc_mode": "roll-up"},
                                 {"start_timecode": "00:59:59:00", "drop_frame": False}]))
def test_the_fast_ways_write_the_bytes_of_the_careful_way(cues: list[Cue], options: dict[str, object]) -> None:
    fast = _written(cues, **options)
    with mock.patch.object(scc, "_PLAIN_ROW", _NEVER), mock.patch.object(scc, "_FAST_ROW", _NEVER), \
            mock.patch.object(scc, "run_rows", lambda lines: None):
        careful = _written(cues, **options)
    assert fast == careful


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2_600_000), st.lists(st.integers(1, 2000), min_size=1, max_size=250), st.booleans())
def test_labels_made_a_minute_at_a_time_are_rate_format_s(first: int, steps: list[int], drop: bool) -> None:
    schedule = scc._Schedule(scc.Options(drop_frame=drop), scc._Problems(), False)
    frames, frame = [], first
    for step in steps:  # a minute's labels from its first, the next minute's, a batch's and the next's
        frames += [frame, frame + 1, frame + step // 3]
        frame += step
    for frame in frames:
        schedule.frame, schedule.parts = frame, ["\x14\x2f"]
        schedule._close()
    schedule.frame = None
    labels = re.findall("\n\n([^\t]*)\t942f(?=\n)", "".join(schedule.finish()))
    assert labels == [scc.RATE.format(frame, drop_frame=drop) for frame in frames]
