"""The operations as one pipeline (scribekit.operations): clean-up then cue timing on cues, in the
documented order, with properties that hold whatever is asked: no cue overlaps the next or runs
backwards, none is empty after the empty-cues fix, a change is reported whenever the cues change,
and the cues given are left as they were."""
from __future__ import annotations

import copy
import dataclasses
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scribekit.cleanup import Cleanup
from scribekit.cleanup.fixes import RULES
from scribekit.errors import ScribekitWarning
from scribekit.model import Cue, Metadata, Segment, Transcript, Word
from scribekit.operations import Operations, edit_cues, gaps_as_timing, language_of, map_times, write
from scribekit.retime import Retiming
from scribekit.timecode import FrameRate

LINES = st.sampled_from(["Hello there.", "[door slams]", "JOHN: Where are you?", "the the end", "I  said so...",
                         "- Yes.\n- No.", "<i>Over here", "Wait .", "", "♪ la la ♪", "lt's fine.", "Hello there."])


@st.composite
def timed_cues(draw: st.DrawFn) -> list[Cue]:
    """Cues in time order, none running into the next (gaps from none to two seconds)."""
    cues, time = [], draw(st.integers(0, 5000))
    for text in draw(st.lists(LINES, min_size=1, max_size=12)):
        length = draw(st.integers(1, 4000))
        cues.append(Cue(time, time + length, text.split("\n") if text else [""]))
        time += length + draw(st.sampled_from([0, 0, 1, 40, 80, 200, 500, 2000]))
    return cues


operations = st.builds(
    Operations,
    retiming=st.builds(Retiming, shot_changes=st.lists(st.integers(0, 60_000), max_size=6).map(tuple),
                       snap_frames=st.booleans(), min_gap_frames=st.integers(0, 3),
                       close_gaps_frames=st.integers(0, 12), fps=st.sampled_from([None, 23.976, 25.0, 29.97]),
                       min_duration_ms=st.sampled_from([0, 833, 1000])),
    cleanup=st.builds(Cleanup, remove_hi=st.booleans(),
                      fixes=st.lists(st.sampled_from(RULES), unique=True).map(lambda rules: tuple(
                          rule for rule in RULES if rule in rules))))


@settings(max_examples=150, deadline=None)
@given(timed_cues(), operations, st.sampled_from([None, "en", "fr", "de"]))
def test_no_overlap_nothing_empty_input_untouched(cues: list[Cue], ops: Operations, language: str | None) -> None:
    kept = copy.deepcopy(cues)
    with warnings.catch_warnings():  # a gap that the minimum duration forbids is said; not the point here
        warnings.simplefilter("ignore", ScribekitWarning)
        edited, changes = edit_cues(cues, Transcript(cues=cues), ops, language)
    assert cues == kept
    for cue in edited:
        assert cue.start < cue.end
        assert "empty-cues" not in ops.cleanup.fixes or any(line.strip() for line in cue.lines)
    for cue, after in zip(edited, edited[1:]):
        assert cue.end <= after.start
    if not ops.edits_cues:
        assert edited is cues and not changes
    if edited != cues:
        assert changes


@settings(max_examples=60, deadline=None)
@given(timed_cues(), st.sampled_from([23.976, 25.0, 29.97, 50.0]))
def test_snapping_after_clean_up_leaves_every_time_on_a_frame(cues: list[Cue], fps: float) -> None:
    ops = Operations(Retiming(snap_frames=True, fps=fps), Cleanup(fixes=RULES, remove_hi=True))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        edited, _ = edit_cues(cues, Transcript(cues=cues), ops, "en")
    rate = FrameRate.of(fps)
    for cue in edited:
        assert rate.ms(rate.frames(cue.start)) == cue.start and rate.ms(rate.frames(cue.end)) == cue.end


def test_clean_up_runs_before_cue_timing() -> None:
    """Two identical cues merged by the fixes, and the merged cue then kept clear of the next by the
    minimum gap: the other order would leave the gap at the first cue's end."""
    cues = [Cue(1000, 2000, ["Hello."]), Cue(2000, 3000, ["Hello."]), Cue(3010, 4000, ["Bye."])]
    ops = Operations(Retiming(min_gap_frames=2, fps=25), Cleanup(fixes=("identical-cues",)))
    edited, changes = edit_cues(cues, Transcript(cues=cues), ops, "en")
    assert [(c.start, c.end, c.lines) for c in edited] == [(1000, 2930, ["Hello."]), (3010, 4000, ["Bye."])]
    assert list(dict.fromkeys(change.rule for change in changes)) == ["identical-cues", "min-gap"]


def test_gap_options_alone_retime_a_subtitle_files_cues_and_cut_otherwise() -> None:
    cues = [Cue(1000, 2000, ["A"]), Cue(2000, 3000, ["B"])]
    with_cues = Transcript(cues=cues)
    options, ops = gaps_as_timing(with_cues, {"min_gap_frames": 2, "fps": 30}, Operations())
    assert options == {"fps": 30} and ops.retiming.min_gap_frames == 2 and ops.retiming.fps == 30
    edited, _ = edit_cues(cues, with_cues, ops)
    assert edited[0].end == 2000 - 67  # two frames at 30 a second, in whole ms never under them
    for options in ({"min_gap_frames": 2, "max_rows": 1}, {"min_gap_frames": 2, "profile": "netflix"}):
        assert gaps_as_timing(with_cues, options, Operations())[0] == options
    words = Transcript(segments=[Segment("A", [Word("a", 0, 500)])])
    assert gaps_as_timing(words, {"min_gap_frames": 2}, Operations())[0] == {"min_gap_frames": 2}


def test_write_reports_what_it_changed_and_maps_nothing_itself() -> None:
    transcript = Transcript(cues=[Cue(1000, 2000, ["A  b."]), Cue(3000, 4000, ["Fine."])],
                            metadata=Metadata(language="en"))
    data, changes = write(transcript, "srt", {}, Operations(Retiming(shift=500), Cleanup(fixes=("double-spaces",))))
    assert isinstance(data, str) and "00:00:01,000 --> 00:00:02,000\nA b." in data  # the shift is map_times'
    assert [(c.rule, c.cue, c.before, c.after) for c in changes] == [("double-spaces", 1, "A  b.", "A b.")]
    shifted = map_times(transcript, Operations(Retiming(shift=500)))
    assert shifted.cues is not None and [c.start for c in shifted.cues] == [1500, 3500]


def test_a_word_transcript_as_a_document_is_cleaned_word_by_word() -> None:
    words = [Word("(laughs)", 0, 400, sound=True), Word("the", 500, 600), Word("the", 600, 700), Word("end", 700, 900)]
    transcript = Transcript(segments=[Segment("A", words)], metadata=Metadata(language="en"))
    data, changes = write(transcript, "txt", {}, Operations(cleanup=Cleanup(remove_hi=True,
                                                                            fixes=("duplicate-words",))))
    assert isinstance(data, str) and "laughs" not in data and "the end" in data and "the the" not in data
    assert {change.rule for change in changes} >= {"duplicate-words"}


@pytest.mark.parametrize(("texts", "expected"), [
    (["Where are you going tonight, and why is the door of the house still open?"] * 4, "en"),
    (["Où est-ce que tu vas ce soir, et pourquoi la porte de la maison est encore ouverte ?"] * 4, "fr"),
])
def test_the_clean_up_language_is_the_texts_when_the_file_does_not_say(texts: list[str], expected: str) -> None:
    cues = [Cue(i * 1000, i * 1000 + 900, [text]) for i, text in enumerate(texts)]
    assert language_of(Transcript(cues=cues), cues) == expected
    assert language_of(Transcript(cues=cues, metadata=Metadata(language="de")), cues) == "de"
    assert language_of(Transcript(cues=cues), cues, "nl") == "nl"


def test_operations_are_inactive_unless_asked() -> None:
    assert not Operations().active
    assert Operations(Retiming(shift=1)).active and not Operations(Retiming(shift=1)).edits_cues
    assert Operations(cleanup=Cleanup(fixes=("empty-cues",))).edits_cues
    assert dataclasses.replace(Operations(), retiming=Retiming(snap_frames=True)).edits_cues


def test_a_fixed_cue_loses_timed_words_that_no_longer_match_its_text() -> None:
    words = [Word("the", 0, 300), Word("the", 300, 600), Word("end.", 600, 1000)]
    kept = [Word("Fine.", 2000, 2500)]
    cues = [Cue(0, 1000, ["the the end."], words=words), Cue(2000, 2500, ["Fine."], words=kept)]
    edited, _ = edit_cues(cues, Transcript(cues=cues), Operations(cleanup=Cleanup(fixes=("duplicate-words",))), "en")
    assert edited[0].lines == ["the end."] and edited[0].words is None
    assert edited[1] is cues[1] and edited[1].words is kept
    data, _ = write(Transcript(cues=cues, metadata=Metadata(language="en")), "vtt", {"word_timestamps": True},
                    Operations(cleanup=Cleanup(fixes=("duplicate-words",))))
    assert isinstance(data, str) and "the the" not in data and "\nthe <00:00:00.444>end.\n" in data  # shared out


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10**8), st.integers(1, 10**5),
                          st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20)
                          .filter(lambda text: text.strip() and "-->" not in text)),
                min_size=1, max_size=15),
       st.sampled_from(["srt", "vtt"]), st.sampled_from(["\n", "\r\n"]), st.integers(-10**6, 10**6))
def test_timing_lines_shifted_and_back_give_the_file_back(blocks: list[tuple[int, int, str]], kind: str,
                                                          newline: str, shift: int) -> None:
    from scribekit.formats import read_all
    from scribekit.retime import retime_timing_lines
    from scribekit.timecode import clock

    separator = "," if kind == "srt" else "."
    parts = ["WEBVTT" + newline + newline] if kind == "vtt" else []
    starts = sorted(start for start, _, _ in blocks)
    for number, (start, (_, length, text)) in enumerate(zip(starts, blocks), 1):
        line = " ".join(text.split())
        parts.append(f"{number}{newline}{clock(start, separator)} --> {clock(start + length, separator)}{newline}"
                     f"{line}{newline}{newline}")
    data = "".join(parts).encode("utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        [transcript] = read_all(data, kind)
        assert transcript.cues is not None
        there = retime_timing_lines(data, Retiming(shift=shift), transcript.cues)
        if there is None:  # a cue the shift takes to end before 0: the writer's work
            assert min(start + length for start, (_, length, _) in zip(starts, blocks)) + shift <= 0
            return
        [moved] = read_all(there[0], kind)
        assert moved.cues is not None
        assert [(c.start - shift, c.end - shift) for c in moved.cues if c.start > 0] == \
            [(c.start, c.end) for c in transcript.cues if c.start + shift > 0]
        if all(c.start + shift >= 0 for c in transcript.cues):
            back = retime_timing_lines(there[0], Retiming(shift=-shift), moved.cues)
            assert back is not None and back[0] == data
