"""Deepgram, AssemblyAI and ElevenLabs responses: each reference file read (word counts, first and
last words with their times, speakers, language), detected by its content and by no other JSON
reader, and cut into Netflix-profile SRT with short rows and one speaker per cue."""
from __future__ import annotations

import json
import math
import warnings
from pathlib import Path

import pytest

import scribekit
from scribekit import ScribekitError, formats
from scribekit.formats import assemblyai, deepgram, elevenlabs
from scribekit.model import Transcript, Word

DATA = Path(__file__).resolve().parent / "data" / "asr"
MINE = ("deepgram", "assemblyai", "elevenlabs")

# file: (format, words, (first word, start, end), (last word, start, end), speaker ids, language)
EXPECTED = {
    "deepgram/dg_speakers.json": ("deepgram", 226, ("And,", 3040, 3540), ("Copy.", 162605, 163105),
                                  ["0", "1", "2"], None),
    "deepgram/dg_transcription.json": ("deepgram", 62, ("Yeah.", 80, 320), ("today.", 24940, 25440), [], None),
    "deepgram/dg_whisper_transcription.json": ("deepgram", 59, ("yeah", 60, 560), ("today", 25060, 25560), [], None),
    "deepgram/nova3_smart_format_preamble.json": ("deepgram", 52, ("We,", 320, 800), ("America.", 18193, 18593),
                                                  [], None),
    "deepgram/vercel_deepgram_transcription.json": ("deepgram", 89, ("galileo", 160, 800), ("jupiter", 35370, 35850),
                                                    ["0"], "en"),
    "assemblyai/assemblyai_transcription.json": ("assemblyai", 60, ("Yeah.", 170, 718), ("today.", 25044, 25140),
                                                 ["A"], "en"),
    "assemblyai/assemblyai_utterances.json": ("assemblyai", 60, ("Yeah.", 170, 718), ("today.", 25044, 25140),
                                              ["A"], "en"),
    "assemblyai/assembly_example.json": ("assemblyai", 102, ("Thank", 1100, 2100), ("account?", 39870, 40160),
                                         ["A", "B"], None),
    "elevenlabs/elevenlabs-transcription-silent.json": ("elevenlabs", 0, None, None, [], "en"),
    "elevenlabs/elevenlabs-transcription.json": ("elevenlabs", 6, ("Hello", 199, 479), ("SDK.", 1580, 2479),
                                                 ["speaker_0"], "en"),
    "elevenlabs/issue-22052-diarized.json": ("elevenlabs", 6, ("Hello", 200, 420), ("SDK", 1600, 2180),
                                             ["speaker_0"], "en"),
    "elevenlabs/issue-22052-not-diarized.json": ("elevenlabs", 6, ("Hello", 200, 420), ("SDK", 1600, 2180),
                                                 [], "en"),
}


def _load(name: str) -> Transcript:
    with warnings.catch_warnings():
        warnings.simplefilter("error", scribekit.ScribekitWarning)  # the reference files read cleanly
        return scribekit.load(DATA / name)


def _words(transcript: Transcript) -> list[Word]:
    return [word for segment in transcript.segments for word in segment.words]


def test_every_fixture_of_these_providers_is_expected() -> None:
    found = {f"{path.parent.name}/{path.name}" for provider in MINE for path in (DATA / provider).glob("*.json")}
    assert found == set(EXPECTED)
    assert all((DATA / provider / "NOTICE").is_file() for provider in MINE)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_reads_the_words_speakers_and_language(name: str) -> None:
    source, count, first, last, speakers, language = EXPECTED[name]
    transcript = _load(name)
    assert transcript.metadata.source == source
    words = _words(transcript)
    assert len(words) == count
    if first is not None and last is not None:
        assert (words[0].text, words[0].start, words[0].end) == first
        assert (words[-1].text, words[-1].start, words[-1].end) == last
    assert [speaker.id for speaker in transcript.speakers] == speakers
    assert {segment.speaker for segment in transcript.segments} <= {*speakers, None}
    if speakers:
        assert all(segment.speaker is not None for segment in transcript.segments)
    assert transcript.metadata.language == language
    assert all(word.text and word.text == word.text.strip() for word in words)
    assert all(word.confidence is None or 0.0 <= word.confidence <= 1.0 for word in words)
    assert all(word.start <= word.end for word in words)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_detected_by_content_and_by_no_other_json_reader(name: str) -> None:
    data = (DATA / name).read_bytes()
    assert formats.detect(data).name == EXPECTED[name][0]
    assert formats.detect(data, filename="x.json").name == EXPECTED[name][0]
    obj = json.loads(data)
    claims = [info.name for info in formats.readers() if hasattr(info.module, "sniff_json")
              and info.module.sniff_json(obj)]
    assert claims == [EXPECTED[name][0]]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_netflix_srt_has_short_rows_and_one_speaker_per_cue(name: str) -> None:
    transcript = _load(name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", scribekit.ScribekitWarning)  # soft limits the speech cannot meet
        srt = scribekit.dumps(transcript, "srt", profile="netflix")
    assert isinstance(srt, str)
    cues = (scribekit.loads(srt, "srt").cues or []) if srt.strip() else []  # the cues as written
    rows = [line for line in srt.splitlines() if line and "-->" not in line and not line.isdigit()]
    assert all(len(row) <= 42 for row in rows), max(rows, key=len)
    words = _words(transcript)
    assert len(cues) == srt.count("-->")
    assert bool(cues) == bool(words)
    speaker_of = {id(word): segment.speaker for segment in transcript.segments for word in segment.words}
    # each word belongs to the last cue starting at or before it; that cue's text is its words'
    owned: list[list[Word]] = [[] for _ in cues]
    c = 0
    for word in words:
        while c + 1 < len(cues) and cues[c + 1].start <= word.start:
            c += 1
        owned[c].append(word)
    for cue, mine in zip(cues, owned):
        assert " ".join(cue.lines).split() == " ".join(word.text for word in mine).split()
        assert len({speaker_of[id(word)] for word in mine}) == 1


def test_json_formats_of_our_own_are_not_claimed() -> None:
    transcript = _load("deepgram/dg_speakers.json")
    samples = [json.loads(scribekit.dumps(transcript, "json"))]
    samples.append(json.loads(scribekit.dumps(transcript, "amberscript-json")))
    if "happyscribe-json" in formats.names() and formats.get("happyscribe-json").writes:
        samples.append(json.loads(scribekit.dumps(transcript, "happyscribe-json")))
    for path in sorted(DATA.glob("*/*.json")):
        if path.parent.name not in MINE:
            samples.append(json.loads(path.read_bytes()))
    for obj in samples:
        assert not deepgram.sniff_json(obj)
        assert not assemblyai.sniff_json(obj)
        assert not elevenlabs.sniff_json(obj)


def test_speaker_names_are_readable_and_ids_kept() -> None:
    names = {s.id: s.name for s in _load("deepgram/dg_speakers.json").speakers}
    assert names == {"0": "Speaker 0", "1": "Speaker 1", "2": "Speaker 2"}
    assert {s.id: s.name for s in _load("assemblyai/assembly_example.json").speakers} == \
        {"A": "Speaker A", "B": "Speaker B"}
    assert {s.id: s.name for s in _load("elevenlabs/issue-22052-diarized.json").speakers} == \
        {"speaker_0": "Speaker 0"}


def test_deepgram_prefers_punctuated_words_and_keeps_speaker_confidence() -> None:
    words = _words(_load("deepgram/dg_speakers.json"))
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
    expected = [(w.text, w.start, w.end) for w in _words(scribekit.loads(json.dumps(raw)))]
    raw["words"] = None
    assert [(w.text, w.start, w.end) for w in _words(scribekit.loads(json.dumps(raw)))] == expected
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
