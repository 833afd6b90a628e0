"""Word-timed transcripts through every subtitle writer and back: the same words, the
same cue times, and the limits that were asked for."""
from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import scribekit
from scribekit import ScribekitWarning, Segment, SegmentOptions, Speaker, Transcript, Word
from scribekit.segmentation import cues_for

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

word_text = st.text(alphabet="abcdefghijklmnopqrstuvwxyzàéîõüßçøæœ", min_size=1, max_size=12).flatmap(
    lambda w: st.sampled_from([w, w.capitalize(), w + ",", w + ".", w + "?", "«" + w + "»"]))


@st.composite
def transcripts(draw: st.DrawFn) -> Transcript:
    t = draw(st.integers(0, 100_000))
    segments = []
    for _ in range(draw(st.integers(1, 5))):
        words = []
        for _ in range(draw(st.integers(1, 30))):
            length = draw(st.integers(50, 900))
            words.append(Word(draw(word_text), t, t + length, draw(st.none() | st.floats(0, 1))))
            t += length + draw(st.sampled_from([0, 0, 20, 150, 800, 2000]))
        segments.append(Segment(draw(st.sampled_from(["spk1", "spk2"])), words))
    return Transcript(segments=segments, speakers=[Speaker("spk1", "Ana"), Speaker("spk2", "Bo")])


limits = st.fixed_dictionaries({"max_chars_per_row": st.integers(20, 50), "max_rows": st.integers(1, 3)})


@pytest.mark.slow
@settings(max_examples=80, deadline=None)
@given(transcripts(), limits, st.sampled_from(["srt", "vtt"]))
def test_subtitles_read_back_with_the_same_words_times_and_limits(transcript: Transcript, limit: dict[str, int],
                                                                  fmt: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        expected = cues_for(transcript, **limit)
        text = scribekit.dumps(transcript, fmt, **limit)
        back = scribekit.loads(text, format=fmt)
    cues = back.cues or []
    assert [(c.start, c.end) for c in cues] == [(c.start, c.end) for c in expected]
    assert [w for c in cues for line in c.lines for w in line.split()] == [w.text for w in transcript.words]
    options = SegmentOptions(**limit)
    for cue in cues:
        assert len(cue.lines) <= options.max_rows
        assert all(len(line) <= options.max_chars_per_row or " " not in line for line in cue.lines)


@pytest.mark.slow
@settings(max_examples=80, deadline=None)
@given(transcripts())
def test_json_is_lossless_and_provider_shapes_keep_text_and_times(transcript: Transcript) -> None:
    assert scribekit.loads(scribekit.dumps(transcript, "json"), format="json") == transcript
    for shape in ("amberscript-json", "happyscribe-json"):
        back = scribekit.loads(scribekit.dumps(transcript, shape))
        assert back.metadata.source == shape
        assert [(w.text, w.start, w.end) for w in back.words] == \
            [(w.text, w.start, w.end) for w in transcript.words]
        assert [back.speaker_name(s.speaker) for s in back.segments] == \
            [transcript.speaker_name(s.speaker) for s in transcript.segments]


def test_a_transcript_moves_from_amberscript_to_happyscribe_and_back() -> None:
    amber = scribekit.load(SAMPLES / "amberscript" / "interview.json")
    with pytest.warns(ScribekitWarning, match="no place for highlights; 1 left out"):
        happy = scribekit.loads(scribekit.dumps(amber, "happyscribe-json"))
    again = scribekit.loads(scribekit.dumps(happy, "amberscript-json"))
    assert [(w.text, w.start, w.end, w.confidence) for w in again.words] == \
        [(w.text, w.start, w.end, w.confidence) for w in amber.words]
