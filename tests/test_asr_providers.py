"""Deepgram, AssemblyAI and ElevenLabs: each service's traps, channels and bad input (every fixture's
words, detection and Netflix SRT: test_asr_fixtures.py)."""
from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from asr_expected import load_fixture

import scribekit
from scribekit import ScribekitError

DATA = Path(__file__).resolve().parent / "data" / "asr"


def test_speaker_names_are_readable_and_ids_kept() -> None:
    names = {s.id: s.name for s in load_fixture("deepgram/dg_speakers.json").speakers}
    assert names == {"0": "Speaker 0", "1": "Speaker 1", "2": "Speaker 2"}
    assert {s.id: s.name for s in load_fixture("assemblyai/assembly_example.json").speakers} == \
        {"A": "Speaker A", "B": "Speaker B"}
    assert {s.id: s.name for s in load_fixture("elevenlabs/issue-22052-diarized.json").speakers} == \
        {"speaker_0": "Speaker 0"}


def test_deepgram_prefers_punctuated_words_and_keeps_speaker_confidence() -> None:
    words = load_fixture("deepgram/dg_speakers.json").words
    raw = json.loads((DATA / "deepgram/dg_speakers.json").read_bytes())
    first = raw["results"]["channels"][0]["alternatives"][0]["words"][0]
    assert words[0].text == first["punctuated_word"] != first["word"]
    assert words[0].extra == {"speaker_confidence": first["speaker_confidence"]}
    assert words[0].confidence == first["confidence"]


def _dg_word(text: str, start: float, end: float, speaker: int | None = None) -> dict[str, object]:
    word: dict[str, object] = {"word": text.lower(), "punctuated_word": text, "start": start, "end": end,
                               "confidence": 0.9}
    if speaker is not None:
        word["speaker"] = speaker
    return word


def test_deepgram_multichannel_merges_in_time_order_one_speaker_per_channel() -> None:
    doc = {"metadata": {"request_id": "x", "channels": 2},
           "results": {"channels": [
               {"alternatives": [{"transcript": "",
                                  "words": [_dg_word("Hello", 0.5, 0.9), _dg_word("there.", 3.0, 3.4)]}],
                "detected_language": "en"},
               {"alternatives": [{"transcript": "", "words": [_dg_word("Hi!", 1.0, 1.5)]}]}],
               "utterances": [{"start": 0.5, "end": 0.9, "words": [_dg_word("Hello", 0.5, 0.9)]}]}}
    transcript = scribekit.loads(json.dumps(doc))
    assert transcript.metadata.source == "deepgram"
    assert [(w.text, s.speaker) for s in transcript.segments for w in s.words] == \
        [("Hello", "channel 0"), ("Hi!", "channel 1"), ("there.", "channel 0")]
    assert transcript.metadata.language == "en"
    doc["results"]["channels"][1]["alternatives"][0]["words"] = [_dg_word("Hi!", 1.0, 1.5, 0)]  # type: ignore[index]
    diarized = scribekit.loads(json.dumps(doc))
    assert [s.speaker for s in diarized.segments] == ["channel 0", "1-0", "channel 0"]


def test_assemblyai_reads_utterances_when_words_are_missing_and_multichannel() -> None:
    raw = json.loads((DATA / "assemblyai/assemblyai_utterances.json").read_bytes())
    expected = [(w.text, w.start, w.end) for w in scribekit.loads(json.dumps(raw)).words]
    raw["words"] = None
    assert [(w.text, w.start, w.end) for w in scribekit.loads(json.dumps(raw)).words] == expected
    doc = {"id": "x", "status": "completed", "audio_url": "https://example.org/a.mp3", "language_code": "pt_br",
           "utterances": None, "words": [
               {"text": "Olá.", "start": 100, "end": 500, "confidence": 0.9, "speaker": None, "channel": "1"},
               {"text": "Oi.", "start": 300, "end": 700, "confidence": 0.8, "speaker": None, "channel": "2"}]}
    transcript = scribekit.loads(json.dumps(doc))
    assert transcript.metadata.language == "pt-BR"
    assert [s.speaker for s in transcript.segments] == ["channel 1", "channel 2"]


def test_elevenlabs_spacing_is_not_a_word_and_audio_events_stand_alone() -> None:
    doc = {"language_code": "eng", "language_probability": 0.9, "text": "Hi (laughter) there",
           "words": [{"text": "Hi", "start": 0.1, "end": 0.4, "type": "word", "logprob": -0.1},
                     {"text": " ", "start": 0.4, "end": 0.5, "type": "spacing", "logprob": 0},
                     {"text": "(laughter)", "start": 0.5, "end": 1.5, "type": "audio_event", "logprob": 0},
                     {"text": " ", "start": 1.5, "end": 1.6, "type": "spacing", "logprob": 0},
                     {"text": "there", "start": 1.6, "end": 2.0, "type": "word", "logprob": -0.5}]}
    transcript = scribekit.loads(json.dumps(doc))
    assert transcript.metadata.source == "elevenlabs"
    assert [[w.text for w in s.words] for s in transcript.segments] == [["Hi"], ["(laughter)"], ["there"]]
    assert transcript.segments[1].words[0].sound and transcript.segments[1].words[0].extra is None
    assert transcript.segments[0].words[0].confidence == pytest.approx(math.exp(-0.1))
    assert transcript.metadata.language == "en"


def test_elevenlabs_multichannel_one_speaker_per_channel() -> None:
    def channel(index: int, text: str, start: float) -> dict[str, object]:
        return {"language_code": "eng", "channel_index": index, "text": text,
                "words": [{"text": text, "start": start, "end": start + 0.5, "type": "word", "logprob": 0}]}
    doc = {"transcripts": [channel(0, "Second.", 2.0), channel(1, "First.", 1.0)]}
    transcript = scribekit.loads(json.dumps(doc))
    assert [(s.speaker, s.words[0].text) for s in transcript.segments] == \
        [("channel 1", "First."), ("channel 0", "Second.")]


BAD = {
    "deepgram words not a list": {"results": {"channels": [{"alternatives": [{"words": "x"}]}]}},
    "deepgram channels not a list": {"results": {"channels": {"alternatives": []}}, "x": 1},
    "deepgram time a string": {"results": {"channels": [{"alternatives": [{"words": [
        {"word": "a", "start": "1", "end": 2}]}]}]}},
    "deepgram time huge": {"results": {"channels": [{"alternatives": [{"words": [
        {"word": "a", "start": 1e300, "end": 2}]}]}]}},
    "deepgram word not an object": {"results": {"channels": [{"alternatives": [{"words": [3]}]}]}},
    "assemblyai word text missing": {"audio_url": "", "utterances": None, "words": [
        {"text": "a", "start": 1, "end": 2}, {"start": 1, "end": 2}]},
    "assemblyai time huge": {"audio_url": "", "utterances": None, "words": [
        {"text": "a", "start": 10**30, "end": 2}]},
    "assemblyai words an object": {"audio_url": "", "utterances": None, "words": {}},
    "elevenlabs no end": {"transcription_id": "", "words": [{"text": "a", "type": "word", "start": 1}]},
    "elevenlabs words a string": {"transcripts": [{"transcription_id": "", "words": []}, {"words": "x"}]},
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_malformed_shapes_raise_read_errors(case: str) -> None:
    obj = BAD[case]
    fmt = case.split()[0]
    with pytest.raises(ScribekitError):
        scribekit.loads(json.dumps(obj), fmt)
