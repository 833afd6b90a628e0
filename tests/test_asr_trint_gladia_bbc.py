"""Trint, Gladia, BBC Kaldi, BBC digital-paper-edit and autoEdit2 JSON: speakers given as time
ranges joined to the words, Gladia's channels, each shape's traps and bad input (every fixture's
words, detection and Netflix SRT: test_asr_fixtures.py)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from asr_expected import load_fixture
from hypothesis import given, settings
from hypothesis import strategies as st

import scribekit
from scribekit import ReadError
from scribekit.formats import autoedit2, bbc_dpe, bbc_kaldi, gladia, trint
from scribekit.formats._asr import range_groups
from scribekit.model import Word

DATA = Path(__file__).resolve().parent / "data" / "asr"
ROOT = Path(__file__).resolve().parent.parent


def test_kaldi_speaker_ranges_and_display_words() -> None:
    words = load_fixture("bbc-kaldi/bbcKaldiTranscriptWithSpeakerSegments.sample.json").words
    raw = json.loads((DATA / "bbc-kaldi/bbcKaldiTranscriptWithSpeakerSegments.sample.json").read_bytes())
    assert [w.text for w in words[:3]] == [w["punct"] for w in raw["retval"]["words"][:3]] == ["There", "is", "a"]
    # the same talk through digital-paper-edit: its paragraphs name the same speakers ("F_" + Kaldi's id)
    kaldi = load_fixture("bbc-kaldi/bbcKaldiTranscriptWithSpeakerSegments.sample.json")
    dpe = load_fixture("bbc-dpe/digitalPaperEdit.sample.json")
    assert ["F_" + s.id for s in kaldi.speakers] == [s.id for s in dpe.speakers]


def test_dpe_speakers_follow_the_paragraph_holding_the_whole_word() -> None:
    raw = json.loads((DATA / "bbc-dpe/words-list-2.sample.json").read_bytes())
    transcript = load_fixture("bbc-dpe/words-list-2.sample.json")
    paragraphs = raw["paragraphs"]
    expected = []
    for word in raw["words"]:
        holding = [p["speaker"] for p in paragraphs if p["start"] <= word["start"] and word["end"] <= p["end"]]
        expected.append(holding[0])
    assert [s.speaker for s in transcript.segments for _ in s.words] == expected
    assert {s.id for s in transcript.speakers} == {p["speaker"] for p in paragraphs}


def test_range_groups_gaps_boundaries_and_overlaps() -> None:
    words = [Word(str(i), start, end) for i, (start, end) in enumerate(
        [(0, 5), (5, 10), (28, 30), (29, 31), (40, 45), (52, 60), (90, 99)])]
    ranges: list[tuple[int, int, str | None]] = [(0, 10, "a"), (25, 30, "b"), (28, 32, "c"), (50, 55, "d"),
                                                 (56, 80, "e")]
    groups = range_groups(words, ranges)
    assert [(spk, [w.text for w in group]) for spk, group in groups] == \
        [("a", ["0", "1"]), ("b", ["2"]), ("c", ["3"]), ("d", ["4"]), ("e", ["5", "6"])]
    assert range_groups(words, []) == [(None, words)]
    assert range_groups([], ranges) == [("a", [])]


@st.composite
def _ranges_and_words(draw: st.DrawFn) -> tuple[list[tuple[int, int, str | None]], list[Word]]:
    cuts = sorted(draw(st.sets(st.integers(0, 100_000), min_size=2, max_size=30)))
    ranges: list[tuple[int, int, str | None]] = [
        (a, b, f"r{i}") for i, (a, b) in enumerate(zip(cuts, cuts[1:])) if draw(st.booleans())]
    times = sorted(draw(st.lists(st.integers(0, 100_000), max_size=60)))  # words one after another
    words = [Word("w", start, end) for start, end in zip(times[::2], times[1::2])]
    return ranges, words


@settings(max_examples=200, deadline=None)
@given(_ranges_and_words())
def test_range_groups_keep_every_word_and_put_it_in_the_range_that_holds_it(
        case: tuple[list[tuple[int, int, str | None]], list[Word]]) -> None:
    ranges, words = case
    groups = range_groups(words, ranges)
    assert [w for _, group in groups for w in group] == words
    speaker_of = {id(w): spk for spk, group in groups for w in group}
    for word in words:
        holding = [spk for start, end, spk in ranges if start <= word.start and word.end <= end]
        if holding:
            assert speaker_of[id(word)] == holding[0]
        elif ranges:
            assert speaker_of[id(word)] is not None


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.text(min_size=1, max_size=8).filter(str.strip), st.integers(0, 10**9),
                          st.integers(0, 10**6), st.sampled_from(["p1", "p2"]), st.sampled_from([None, 1, "A"])),
                max_size=40))
def test_any_trint_document_reads_with_its_times(items: list[tuple[str, int, int, str, Any]]) -> None:
    doc = {"title": "x", "speakers": {}, "paragraphs": {},
           "words": [{"value": text, "time": time, "duration": duration, "paragraphId": paragraph,
                      "speaker": speaker, "strikethrough": False}
                     for text, time, duration, paragraph, speaker in items]}
    assert trint.sniff_json(doc)
    words = trint.read_json(doc).words
    assert [(w.text, w.start, w.end) for w in words] == [(t.strip(), s, s + d) for t, s, d, _, _ in items]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 100_000, allow_nan=False), st.floats(0, 10, allow_nan=False)),
                min_size=1, max_size=40))
def test_any_dpe_autoedit2_kaldi_and_gladia_document_reads_its_times_within_a_millisecond(
        times: list[tuple[float, float]]) -> None:
    dpe = {"words": [{"id": i, "start": s, "end": s + d, "text": "w"} for i, (s, d) in enumerate(times)],
           "paragraphs": [{"id": 0, "start": 0, "end": 200_000, "speaker": "S1"}]}
    auto = {"text": [{"id": 0, "speaker": "S1", "paragraph": [{"id": 0, "line": [
        {"id": i, "text": "w", "startTime": s, "endTime": s + d} for i, (s, d) in enumerate(times)]}]}]}
    kaldi = {"retval": {"words": [{"word": "w", "punct": "W", "start": s, "end": s + d, "confidence": 1}
                                  for s, d in times],
                        "segmentation": {"segments": [{"start": 0, "duration": 200_000, "speaker": {"@id": "S1"}}]}}}
    glad = {"transcription": {"languages": ["en"], "utterances": [
        {"channel": 0, "words": [{"word": " w", "start": s, "end": s + d, "confidence": 0.5} for s, d in times]}]}}
    for module, doc in ((bbc_dpe, dpe), (autoedit2, auto), (bbc_kaldi, kaldi), (gladia, glad)):
        assert module.sniff_json(doc)
        words = module.read_json(doc).words
        assert len(words) == len(times)
        for word, (s, d) in zip(words, times):
            assert abs(word.start - s * 1000) <= 1 and abs(word.end - (s + d) * 1000) <= 1


def _utterance(channel: int, start: float, text: str, speaker: int | None = None) -> dict[str, Any]:
    utterance: dict[str, Any] = {"text": text, "language": "fr", "start": start, "end": start + 1.0,
                                 "confidence": 0.9, "channel": channel,
                                 "words": [{"word": " " + text, "start": start, "end": start + 1.0, "confidence": 1}]}
    if speaker is not None:
        utterance["speaker"] = speaker
    return utterance


def _gladia(*utterances: dict[str, Any]) -> dict[str, Any]:
    return {"id": "x", "status": "done", "kind": "pre-recorded", "request_params": {},
            "file": {"number_of_channels": 2},
            "result": {"transcription": {"languages": ["fr"], "full_transcript": "", "utterances": list(utterances)}}}


def test_gladia_channels_merged_in_time_order_or_one_chosen() -> None:
    doc = _gladia(_utterance(0, 0.0, "Bonjour."), _utterance(0, 4.0, "Merci."), _utterance(1, 2.0, "Salut."))
    transcript = scribekit.loads(json.dumps(doc))
    assert transcript.metadata.source == "gladia" and transcript.metadata.language == "fr"
    assert [(w.text, s.speaker) for s in transcript.segments for w in s.words] == \
        [("Bonjour.", "channel 0"), ("Salut.", "channel 1"), ("Merci.", "channel 0")]
    assert transcript.words[0].confidence == 1.0
    only = gladia.read_json(doc, channel=1)
    assert [(w.text, s.speaker) for s in only.segments for w in s.words] == [("Salut.", None)]
    with pytest.raises(ReadError, match="no channel 3: the file has channels 0, 1"):
        gladia.read_json(doc, channel=3)
    diarized = _gladia(_utterance(0, 0.0, "Bonjour.", 0), _utterance(1, 2.0, "Salut.", 1))
    assert [s.speaker for s in scribekit.loads(json.dumps(diarized)).segments] == ["0-0", "1-1"]
    assert [s.speaker for s in gladia.read_json(diarized, channel=1).segments] == ["1"]
    bare = {"transcription": doc["result"]["transcription"]}  # the result alone, without the job around it
    assert gladia.sniff_json(bare)
    assert len(gladia.read_json(bare).words) == 3


def test_gladia_job_without_a_result_is_named() -> None:
    doc = {"id": "x", "status": "error", "kind": "pre-recorded", "error_code": 500, "request_params": {},
           "result": None}
    with pytest.raises(ReadError, match="no result yet.*status 'error'.*error 500"):
        scribekit.loads(json.dumps(doc))


def test_trint_speakers_and_paragraphs_make_turns() -> None:
    doc = {"speakers": {"s1": {"name": "Host"}}, "paragraphs": {},
           "words": [{"value": "Olá,", "time": 0, "duration": 300, "paragraphId": "p1", "speaker": "s1"},
                     {"value": "tudo", "time": 300, "duration": 200, "paragraphId": "p1", "speaker": "s1"},
                     {"value": "bem?", "time": 500, "duration": 200, "paragraphId": "p2", "speaker": "s1"},
                     {"value": "Sim.", "time": 900, "duration": 200, "paragraphId": "p2", "speaker": None,
                      "strikethrough": True}]}
    transcript = trint.read_json(doc)
    assert [(s.speaker, [w.text for w in s.words]) for s in transcript.segments] == \
        [("s1", ["Olá,", "tudo"]), ("s1", ["bem?"]), (None, ["Sim."])]
    assert [w.extra for w in transcript.words] == [None, None, None, {"strikethrough": True}]
    assert [(s.id, s.name) for s in transcript.speakers] == [("s1", "Host")]
    doc["words"][3]["speaker"] = {"id": 2, "name": "Guest"}  # type: ignore[index]
    transcript = trint.read_json(doc)
    assert [(s.id, s.name) for s in transcript.speakers] == [("s1", "Host"), ("2", "Guest")]


@pytest.mark.parametrize(("module", "doc", "message"), [
    (trint, {"words": [{"value": "a", "time": "1", "duration": 5, "paragraphId": "p"}]},
     "word 1: time must be a number of ms, found a string"),
    (gladia, {"transcription": {"utterances": [{"words": [{"word": " a", "start": 0, "end": None}]}]}},
     "utterance 1, word 1: end must be a number of seconds, found null"),
    (bbc_kaldi, {"retval": {"words": [{"word": "a", "punct": "A", "start": 0, "end": 1}],
                            "segmentation": {"segments": [{"start": 0, "duration": "2"}]}}},
     "segmentation segment 1: duration must be a number of seconds, found a string"),
    (bbc_dpe, {"words": [{"text": "a", "start": 0, "end": 1}], "paragraphs": [{"start": 0, "speaker": "x"}]},
     "paragraph 1: end must be a number of seconds, found null"),
    (autoedit2, {"text": [{"speaker": "x", "paragraph": [{"line": [{"text": 5, "startTime": 0, "endTime": 1}]}]}]},
     "text 1, paragraph 1, word 1: text must be a string, found a number"),
])
def test_bad_values_are_named_where_they_are(module: Any, doc: dict[str, Any], message: str) -> None:
    with pytest.raises(ReadError) as caught:
        module.read_json(doc)
    assert message in str(caught.value)


def test_words_ending_before_they_start_give_one_warning_with_a_count() -> None:
    doc = {"words": [{"text": "a", "start": 2.0, "end": 1.0}, {"text": "b", "start": 3.0, "end": 2.5},
                     {"text": "c", "start": 4.0, "end": 4.5}],
           "paragraphs": [{"start": 2.0, "end": 1.0, "speaker": "S1"}]}
    with pytest.warns(scribekit.ScribekitWarning) as caught:
        words = bbc_dpe.read_json(doc).words
    assert [(w.start, w.end) for w in words] == [(2000, 2000), (3000, 3000), (4000, 4500)]
    assert sorted(str(w.message) for w in caught) == [
        "1 paragraph(s) ended before they started; their ends were set to their starts",
        "2 word(s) ended before they started; their ends were set to their starts"]


@pytest.mark.parametrize("doc", [
    {"words": [{"value": "a", "time": "0", "duration": 5, "paragraphId": "p"}], "speakers": {}, "paragraphs": {}},
    {"retval": {"words": [{"word": "a", "punct": "A", "start": "0", "end": 1}]}},
    {"words": [{"text": "a", "start": "0", "end": 1}], "paragraphs": [{"start": 0, "end": 1, "speaker": "S"}]},
])
def test_a_first_word_of_the_wrong_type_is_detected_and_named(doc: dict[str, Any]) -> None:
    with pytest.raises(ReadError, match=r"word 1: (time|start) must be a number"):
        scribekit.loads(json.dumps(doc))


def test_bracketed_insertions_of_a_hand_corrected_paper_edit_stay_words() -> None:
    transcript = scribekit.load(DATA / "bbc-dpe" / "words-list-2.sample.json")
    bracketed = [w for s in transcript.segments for w in s.words if w.text.startswith("[")]
    assert sorted(w.text for w in bracketed) == ["[Defense", "[Internet", "[came]"]
    assert not any(w.sound for s in transcript.segments for w in s.words)
