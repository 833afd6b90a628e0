"""Google Speech-to-Text, Speechmatics and Azure AI Speech: each provider's traps (diarised words
repeated, punctuation attached elsewhere, entities, display vs lexical words), channels, and bad
input refused with the place named (every fixture's words, detection and Netflix SRT:
test_asr_fixtures.py)."""
from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import pytest
from asr_expected import load_fixture
from hypothesis import given, settings
from hypothesis import strategies as st

import scribekit
from scribekit import ReadError
from scribekit.formats import azure_speech, google_stt, speechmatics
from scribekit.model import Transcript

DATA = Path(__file__).resolve().parent / "data" / "asr"
MINE = ("google-stt", "speechmatics", "azure-speech")
SNIFFERS = (google_stt.sniff_json, speechmatics.sniff_json, azure_speech.sniff_json)


def _loads(doc: Any, **options: Any) -> Transcript:
    with warnings.catch_warnings():
        warnings.simplefilter("error", scribekit.ScribekitWarning)
        return scribekit.loads(json.dumps(doc), **options)


def _texts(transcript: Transcript) -> list[str]:
    return [word.text for word in transcript.words]


def test_no_other_file_is_claimed() -> None:
    transcript = load_fixture("google-stt/gcpSttSpeakerDiarization.sample.json")
    samples = [json.loads(scribekit.dumps(transcript, "json")), json.loads(scribekit.dumps(transcript,
                                                                                           "amberscript-json"))]
    for path in sorted(DATA.glob("*/*.json")):
        if path.parent.name not in MINE:
            samples.append(json.loads(path.read_bytes()))
    for obj in samples:
        assert not any(sniff(obj) for sniff in SNIFFERS)
    odd: Any
    for odd in ({}, [], {"results": []}, {"results": {}}, {"words": []}, {"phrases": "x"}, [1], {"results": [1]}):
        assert not any(sniff(odd) for sniff in SNIFFERS)


# --- Google -------------------------------------------------------------------------------------

def test_google_diarised_words_are_read_once_from_the_last_result() -> None:
    raw = json.loads((DATA / "google-stt/gcpSttSpeakerDiarization.sample.json").read_bytes())
    transcript = load_fixture("google-stt/gcpSttSpeakerDiarization.sample.json")
    tagged = raw["results"][-1]["alternatives"][0]["words"]
    assert _texts(transcript) == [word["word"] for word in tagged]
    by_speaker = [segment.speaker for segment in transcript.segments for _ in segment.words]
    assert (by_speaker.count("2"), by_speaker.count("1")) == (1764, 2)
    # tags on the earlier results too: the last result still repeats them all, read once
    for result in raw["results"][:-1]:
        for word in result["alternatives"][0]["words"]:
            word["speakerTag"] = 1
    assert len(_loads(raw).words) == 1766
    # every result tagged, none repeating the others (streaming): every result's words are read
    raw["results"][-1]["alternatives"][0]["words"] = raw["results"][-1]["alternatives"][0]["words"][-2:]
    assert len(_loads(raw).words) == 1764 + 2


def test_google_both_time_forms_give_the_same_ms() -> None:
    def doc(start: Any, end: Any) -> dict[str, Any]:
        return {"results": [{"alternatives": [{"transcript": "a", "words": [
            {"word": "a", "startTime": start, "endTime": end}]}]}]}
    forms = [("1.300s", "12s"), ({"seconds": "1", "nanos": 300000000}, {"seconds": "12"}),
             ({"seconds": 1, "nanos": 300000000}, {"seconds": 12}), (1.3, 12)]
    for start, end in forms:
        word = _loads(doc(start, end)).words[0]
        assert (word.start, word.end) == (1300, 12000), (start, end)
    word = _loads(doc({}, {"nanos": 500000000})).words[0]  # seconds left out when zero; all of it too
    assert (word.start, word.end) == (0, 500)


def test_google_operation_and_results_without_words() -> None:
    operation = {"name": "123", "done": True, "metadata": {"progressPercent": 100}, "response": {
        "@type": "type.googleapis.com/google.cloud.speech.v1.LongRunningRecognizeResponse",
        "results": [{"alternatives": [{"transcript": "one two", "confidence": 0.9}], "resultEndTime": "2s"},
                    {"alternatives": [{"transcript": " three four", "confidence": 0.8}], "resultEndTime": "4s"}]}}
    transcript = _loads(operation)
    assert transcript.metadata.source == "google-stt"
    assert [(w.text, w.start, w.end) for w in transcript.words] == [
        ("one", 0, 750), ("two", 1000, 2000), ("three", 2000, 2909), ("four", 3090, 4000)]


def _google_channels() -> dict[str, Any]:
    def result(tag: int, text: str, start: str, end: str, speaker: int | None = None) -> dict[str, Any]:
        word: dict[str, Any] = {"word": text, "startTime": start, "endTime": end}
        if speaker:
            word["speakerTag"] = speaker
        return {"alternatives": [{"transcript": text, "words": [word]}], "channelTag": tag, "languageCode": "en-us"}
    return {"results": [result(1, "Hello", "0.5s", "0.9s"), result(2, "Hi!", "1s", "1.5s"),
                        result(1, "there.", "3s", "3.4s")]}


def test_google_channels_merged_in_time_order_or_one_chosen() -> None:
    doc = _google_channels()
    transcript = _loads(doc)
    assert [(w.text, s.speaker) for s in transcript.segments for w in s.words] == \
        [("Hello", "channel 1"), ("Hi!", "channel 2"), ("there.", "channel 1")]
    assert _texts(_loads(doc, channel=2)) == ["Hi!"]
    assert [s.speaker for s in _loads(doc, channel=1).segments] == [None]
    with pytest.raises(ReadError, match="no channel 3: the file has channels 1, 2"):
        _loads(doc, channel=3)
    doc["results"][1]["alternatives"][0]["words"][0]["speakerTag"] = 4
    assert [s.speaker for s in _loads(doc).segments] == ["channel 1", "2-4", "channel 1"]
    assert [s.speaker for s in _loads(doc, channel=2).segments] == ["4"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10**9), st.integers(0, 10**5), st.booleans()), min_size=1, max_size=30))
def test_google_any_valid_document_reads_with_times_kept(spans: list[tuple[int, int, bool]]) -> None:
    """Words timed in ns (either form of duration) read back within 1 ms, in order, one each."""
    def duration(ns: int, as_object: bool) -> Any:
        if as_object:
            out: dict[str, Any] = {}
            if ns // 10**9:
                out["seconds"] = str(ns // 10**9)
            if ns % 10**9:
                out["nanos"] = ns % 10**9
            return out
        return f"{ns // 10**9}.{ns % 10**9:09d}s"
    words = []
    for k, (start_ms, length_ms, as_object) in enumerate(spans):
        start_ns, end_ns = start_ms * 10**6 + k, (start_ms + length_ms) * 10**6 + k
        words.append({"word": f"w{k}", "startTime": duration(start_ns, as_object),
                      "endTime": duration(end_ns, as_object), "confidence": 0.5})
    read = _loads({"results": [{"alternatives": [{"transcript": "", "words": words}]}]}).words
    assert [w.text for w in read] == [f"w{k}" for k in range(len(spans))]
    for word, (start_ms, length_ms, _) in zip(read, spans):
        assert abs(word.start - start_ms) <= 1 and abs(word.end - (start_ms + length_ms)) <= 1


# --- Speechmatics -------------------------------------------------------------------------------

def _sm(kind: str, content: str, start: float, end: float, speaker: str = "UU", **more: Any) -> dict[str, Any]:
    return {"type": kind, "start_time": start, "end_time": end, **more,
            "alternatives": [{"content": content, "confidence": 0.9, "language": "en", "speaker": speaker}]}


def test_speechmatics_punctuation_attaches_as_told() -> None:
    assert _texts(load_fixture("speechmatics/rt_punctuation.json")) == ["Yes,", "*great", "for-sure", "&", "stuff"]
    doc = {"format": "2.9", "metadata": {"language_pack_info": {"word_delimiter": " "}}, "results": [
        _sm("punctuation", "¿", 0.0, 0.0, attaches_to="next"), _sm("word", "Qué", 0.0, 0.3),
        _sm("punctuation", "?", 0.3, 0.3, attaches_to="previous", is_eos=True),
        _sm("word", "well", 1.0, 1.2), _sm("punctuation", "…", 1.2, 1.2, attaches_to="both"),
        _sm("word", "fine", 1.3, 1.6), _sm("punctuation", "(", 1.7, 1.7, attaches_to="next")]}
    assert _texts(_loads(doc)) == ["¿Qué?", "well…fine", "("]  # nothing after "(": a word of its own


def test_speechmatics_entities_are_read_once_as_written() -> None:
    transcript = load_fixture("speechmatics/sm-transcript.json")
    raw = json.loads((DATA / "speechmatics/sm-transcript.json").read_bytes())
    entities = [r for r in raw["results"] if r["type"] == "entity"]
    assert entities and all(r["spoken_form"] for r in entities)
    assert len(transcript.words) == sum(r["type"] != "punctuation" for r in raw["results"])
    entity = load_fixture("speechmatics/rt_entity.json").words
    assert [(w.text, w.start, w.end) for w in entity] == [("$2.05.", 8442, 10169)]


def test_speechmatics_empty_delimiter_keeps_the_words_apart_and_unspaced_text_joins() -> None:
    doc = {"format": "2.9", "metadata": {"language_pack_info": {"word_delimiter": ""},
                                         "transcription_config": {"language": "ja"}},
           "results": [_sm("word", "字幕", 0.0, 0.4), _sm("word", "です", 0.4, 0.8),
                       _sm("punctuation", "。", 0.8, 0.8, attaches_to="previous")]}
    transcript = _loads(doc)
    assert _texts(transcript) == ["字幕", "です。"]
    assert transcript.metadata.language == "ja" and transcript.metadata.extra["word_delimiter"] == ""
    srt = scribekit.dumps(transcript, "srt")
    assert isinstance(srt, str) and "字幕です。" in srt


def test_speechmatics_channels_and_labels() -> None:
    doc: dict[str, Any] = {"format": "2.9", "results": [
        {**_sm("word", "Hello", 0.5, 0.9), "channel": "channel_1"},
        {**_sm("word", "Hi", 1.0, 1.5), "channel": "channel_2"},
        {**_sm("punctuation", "!", 1.5, 1.5), "channel": "channel_2"},
        {**_sm("punctuation", ".", 0.9, 0.9), "channel": "channel_1"}]}
    assert [(w.text, s.speaker) for s in _loads(doc).segments for w in s.words] == \
        [("Hello.", "channel 1"), ("Hi!", "channel 2")]
    assert _texts(_loads(doc, channel=2)) == ["Hi!"]
    with pytest.raises(ReadError, match="no channel 0: the file has channels 1, 2"):
        _loads(doc, channel=0)
    for result, label in zip(doc["results"], ("agent", "caller", "caller", "agent")):
        result["channel"] = label
    assert [s.speaker for s in _loads(doc).segments] == ["agent", "caller"]
    with pytest.raises(ReadError, match="no channel 1: the file has one channel, not numbered"):
        _load_channel("speechmatics/batch-job-transcript.json", 1)


def _load_channel(name: str, channel: int) -> Transcript:
    return scribekit.load(DATA / name, channel=channel)


def test_speechmatics_v1_full_stops_and_speaker_ranges() -> None:
    transcript = load_fixture("speechmatics/v1_speechmaticsTedTalkTranscript.sample.json")
    assert not any(word.text == "." for word in transcript.words)
    assert transcript.segments[-1].speaker == "F2" and _texts(transcript)[-2:] == ["Thank", "you."]
    assert transcript.segments[0].speaker == "F4"


# --- Azure --------------------------------------------------------------------------------------

def test_azure_batch_reads_display_words_timed_from_the_lexical_ones() -> None:
    words = load_fixture("azure-speech/batch_v3_transcriptSample.json").words
    assert [(w.text, w.start, w.end) for w in words] == [
        ("Run", 40, 520), ("Alabama", 520, 1100), ("drivers", 1100, 1620), ("license.", 1620, 2220),
        ("zero", 2280, 3040), ("zero", 3060, 3800), ("three", 3860, 4600), ("zero", 4620, 5360),
        ("six", 5400, 6100), ("six", 6160, 6870), ("nine", 6900, 7460)]
    assert words[0].confidence == 0.968795


def test_azure_alignment_keeps_matching_words_and_the_spoken_ones_elsewhere() -> None:
    def word(text: str, start: int, length: int) -> dict[str, Any]:
        return {"word": text, "offsetInTicks": start * 10_000.0, "durationInTicks": length * 10_000.0,
                "confidence": 0.9}
    doc = {"recognizedPhrases": [{"recognitionStatus": "Success", "channel": 0, "offsetInTicks": 0.0,
                                  "durationInTicks": 5e7, "nBest": [{
                                      "display": "Call me at 10:30, OK?", "lexical": "call me at ten thirty okay",
                                      "words": [word("call", 0, 300), word("me", 300, 200), word("at", 500, 200),
                                                word("ten", 700, 300), word("thirty", 1000, 400),
                                                word("okay", 1500, 500)]}]},
                                 {"recognitionStatus": "NoMatch", "channel": 0, "offsetInTicks": 6e7}]}
    assert [(w.text, w.start, w.end) for w in _loads(doc).words] == [
        ("Call", 0, 300), ("me", 300, 500), ("at", 500, 700), ("ten", 700, 1000), ("thirty", 1000, 1400),
        ("okay", 1500, 2000)]


def test_azure_display_words_are_preferred_when_given() -> None:
    doc = {"recognizedPhrases": [{"channel": 0, "speaker": 1, "offsetMilliseconds": 100, "durationMilliseconds": 900,
                                  "locale": "en-GB", "nBest": [{
                                      "display": "Hi, 42.", "words": [],
                                      "displayWords": [
                                          {"displayText": "Hi,", "offsetMilliseconds": 100,
                                           "durationMilliseconds": 300},
                                          {"displayText": "42.", "offsetMilliseconds": 400,
                                           "durationMilliseconds": 600}]}]}]}
    transcript = _loads(doc)
    assert [(w.text, w.start, w.end) for w in transcript.words] == [("Hi,", 100, 400), ("42.", 400, 1000)]
    assert transcript.metadata.language == "en-GB"


def test_azure_fast_transcription_both_time_names_and_phrases_only() -> None:
    early: dict[str, Any] = {"duration": 3000, "combinedPhrases": [{"text": "Hello there."}], "phrases": [
        {"offset": 100, "duration": 900, "text": "Hello there.", "locale": "en-US", "confidence": 0.9,
         "words": [{"text": "Hello", "offset": 100, "duration": 400}, {"text": "there.", "offset": 500,
                                                                        "duration": 500}]}]}
    current = json.loads(json.dumps(early).replace('"offset"', '"offsetMilliseconds"')
                         .replace('"duration"', '"durationMilliseconds"'))
    for doc in (early, current):
        assert [(w.text, w.start, w.end) for w in _loads(doc).words] == [("Hello", 100, 500), ("there.", 500, 1000)]
    for doc in (early, current):
        del doc["phrases"][0]["words"]
        assert [(w.text, w.start, w.end) for w in _loads(doc).words] == [("Hello", 100, 446), ("there.", 515, 1000)]


def test_azure_sdk_result_alone_or_in_a_list() -> None:
    raw = json.loads((DATA / "azure-speech/sdk_detailed_realtimeresult.json").read_bytes())
    assert _texts(_loads(raw[1])) == ["Hello", "hello."]
    simple = {"RecognitionStatus": "Success", "DisplayText": "Short rows.", "Offset": 10_000_000,
              "Duration": 10_000_000}
    assert [(w.text, w.start, w.end) for w in _loads(simple).words] == [("Short", 1000, 1416), ("rows.", 1500, 2000)]


def test_azure_channels_one_speaker_each_or_prefixed_speakers() -> None:
    def phrase(channel: int, speaker: int | None, text: str, start: int) -> dict[str, Any]:
        out: dict[str, Any] = {"channel": channel, "offsetMilliseconds": start, "durationMilliseconds": 500,
                               "text": text, "words": [{"text": text, "offsetMilliseconds": start,
                                                        "durationMilliseconds": 500}]}
        if speaker is not None:
            out["speaker"] = speaker
        return out
    doc = {"combinedPhrases": [], "phrases": [phrase(0, None, "Hello", 0), phrase(1, None, "Hi", 200),
                                              phrase(0, None, "again", 900)]}
    assert [(w.text, s.speaker) for s in _loads(doc).segments for w in s.words] == \
        [("Hello", "channel 0"), ("Hi", "channel 1"), ("again", "channel 0")]
    assert _texts(_loads(doc, channel=1)) == ["Hi"]
    with pytest.raises(ReadError, match="no channel 2: the file has channels 0, 1"):
        _loads(doc, channel=2)
    doc["phrases"] = [phrase(0, 1, "Hello", 0), phrase(1, 1, "Hi", 200)]
    assert [s.speaker for s in _loads(doc).segments] == ["0-1", "1-1"]
    assert _texts(_load_channel("azure-speech/fast_transcription_response_diarized.json", 0))[:2] == ["I", "think"]


# --- bad input ----------------------------------------------------------------------------------

BAD: dict[str, tuple[Any, str]] = {  # "<format>: ..." for a shape no reader claims, read with --from
    "google word time text": ({"results": [{"alternatives": [{"words": [
        {"word": "a", "startTime": "soon", "endTime": "1s"}]}]}]}, "result 1, word 1: startTime must be a duration"),
    "google negative": ({"results": [{"alternatives": [{"words": [
        {"word": "a", "startTime": "-1s", "endTime": "1s"}]}]}]}, "result 1, word 1: startTime is negative"),
    "google nanos text": ({"results": [{"alternatives": [{"words": [
        {"word": "a", "startTime": {"seconds": "1", "nanos": "5"}, "endTime": "1s"}]}]}]},
        "result 1, word 1: startTime must be {seconds, nanos}"),
    "google word number": ({"results": [{"alternatives": [{"words": [{"word": 3}]}]}]},
                           "result 1, word 1: word must be a string"),
    "google results object": ({"results": {"alternatives": []}, "x": 1}, "google-stt: results must be a list"),
    "speechmatics time text": ({"format": "2.9", "results": [
        {"type": "word", "start_time": "1", "end_time": 2, "alternatives": [{"content": "a"}]}]},
        "result 1: start must be a number of seconds"),
    "speechmatics huge": ({"format": "2.9", "results": [
        {"type": "word", "start_time": 0, "end_time": 1e300, "alternatives": [{"content": "a"}]}]},
        "result 1: end of 1e\\+300 seconds is out of range"),
    "speechmatics attaches": ({"format": "2.9", "results": [
        {"type": "punctuation", "start_time": 0, "end_time": 1, "attaches_to": "left",
         "alternatives": [{"content": "."}]}]}, "result 1: attaches_to must be previous, next, both or none"),
    "speechmatics v1 time": ({"format": "1.0", "words": [{"name": "a", "time": "x", "duration": "1"}]},
                             "word 1: time must be a number of seconds"),
    "azure ticks text": ({"recognizedPhrases": [{"offsetInTicks": "1", "nBest": [{"display": "a"}]}]},
                         "phrase 1: offsetInTicks must be a number of ticks"),
    "azure word ticks negative": ({"recognizedPhrases": [{"offsetInTicks": 0, "durationInTicks": 1e7, "nBest": [
        {"display": "a b", "words": [{"word": "a", "offsetInTicks": -5, "durationInTicks": 1}]}]}]},
        "phrase 1, word 1: offsetInTicks is negative"),
    "azure iso": ({"recognizedPhrases": [{"offset": "soon", "nBest": [{"display": "a"}]}]},
                  "phrase 1: offset must be an ISO 8601 duration"),
    "azure phrases object": ({"combinedPhrases": [], "phrases": {"text": "a"}}, "azure-speech: phrases must be a list"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_is_a_read_error_naming_the_place(name: str) -> None:
    doc, message = BAD[name]
    given, _, message = message.partition(": ") if message.startswith(MINE) else ("", "", message)
    with pytest.raises(ReadError, match=message):
        scribekit.loads(json.dumps(doc), given or None)


def test_interim_streaming_results_and_speaker_change_markers_are_not_words() -> None:
    google = {"results": [
        {"alternatives": [{"transcript": "hel", "words": []}], "isFinal": False, "stability": 0.1},
        {"alternatives": [{"transcript": "hello", "words": [{"word": "hello", "startTime": "1s", "endTime": "2s"}]}],
         "isFinal": True, "resultEndTime": "2s"}]}
    assert [(w.text, w.start, w.end) for w in _loads(google).words] == [("hello", 1000, 2000)]
    marker = {"type": "speaker_change", "start_time": 0.5, "end_time": 0.5}
    doc = {"format": "2.9", "results": [marker, _sm("word", "Hi", 0.6, 0.9, "S1"), marker,
                                        _sm("word", "there", 1.0, 1.4, "S2")]}
    transcript = _loads(doc)
    assert transcript.metadata.source == "speechmatics"
    assert [(w.text, s.speaker) for s in transcript.segments for w in s.words] == [("Hi", "S1"), ("there", "S2")]


def test_speechmatics_audio_events_are_sound_words_in_time_order() -> None:
    doc = {"format": "2.9", "results": [_sm("word", "Hi", 0.1, 0.3, "S1"), _sm("word", "again", 3.1, 3.3, "S1")],
           "audio_events": [{"type": "laughter", "start_time": 0.5, "end_time": 2.5, "confidence": 0.8}],
           "audio_event_summary": {"overall": {}}}
    transcript = _loads(doc)
    assert [(w.text, w.sound, s.speaker) for s in transcript.segments for w in s.words] == [
        ("Hi", False, "S1"), ("(laughter)", True, None), ("again", False, "S1")]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10**9), st.integers(0, 10**5)), min_size=1, max_size=20),
       st.sampled_from(["ticks", "ms", "seconds"]))
def test_azure_and_speechmatics_any_valid_document_reads_with_times_kept(
        spans: list[tuple[int, int]], unit: str) -> None:
    """Words of any time (100 ns ticks, ms or float seconds) read back within 1 ms, in order."""
    texts = [f"w{k}" for k in range(len(spans))]
    doc: dict[str, Any]
    if unit == "seconds":
        doc = {"format": "2.9", "results": [_sm("word", text, start / 1000, (start + length) / 1000)
                                            for text, (start, length) in zip(texts, spans)]}
    elif unit == "ticks":
        doc = {"recognizedPhrases": [{"channel": 0, "offsetInTicks": float(start * 10_000),
                                      "durationInTicks": float(length * 10_000), "nBest": [{
                                          "display": text, "words": [{"word": text, "offsetInTicks": start * 10_000,
                                                                      "durationInTicks": length * 10_000}]}]}
                                     for text, (start, length) in zip(texts, spans)]}
    else:
        doc = {"combinedPhrases": [], "phrases": [{"offsetMilliseconds": start, "durationMilliseconds": length,
                                                   "text": text, "words": [{"text": text, "offsetMilliseconds": start,
                                                                            "durationMilliseconds": length}]}
                                                  for text, (start, length) in zip(texts, spans)]}
    read = sorted(_loads(doc).words, key=lambda word: int(word.text[1:]))
    assert [w.text for w in read] == texts
    for word, (start, length) in zip(read, spans):
        assert abs(word.start - start) <= 1 and abs(word.end - (start + length)) <= 1


def test_google_proto_field_names_and_default_values_read_the_same() -> None:
    """Python's proto-plus writes the proto's names ("start_time") with every default value."""
    camel = json.loads((DATA / "google-stt/gcpSttSpeakerDiarization.sample.json").read_bytes())
    names = {"startTime": "start_time", "endTime": "end_time", "speakerTag": "speaker_tag",
             "languageCode": "language_code"}
    snake = {"results": [{**{names.get(k, k): v for k, v in result.items()}, "channel_tag": 0,
                          "result_end_time": "0s", "alternatives": [{**best, "words": [
                              {"speaker_tag": 0, "speaker_label": "", "confidence": 0.0,
                               **{names.get(k, k): v for k, v in word.items()}} for word in best["words"]]}
                              for best in result["alternatives"]]} for result in camel["results"]],
             "total_billed_time": "720s", "request_id": "1"}
    expected = [(w.text, w.start, w.end) for w in load_fixture("google-stt/gcpSttSpeakerDiarization.sample.json").words]
    transcript = _loads(snake)
    assert transcript.metadata.source == "google-stt"
    assert [(w.text, w.start, w.end) for w in transcript.words] == expected
    assert [s.id for s in transcript.speakers] == ["2", "1"] and transcript.metadata.language == "en-US"
