"""The Whisper family's JSON: openai-whisper, the OpenAI API, faster-whisper (whisper-ctranslate2),
whisper-timestamped, stable-ts and whisperX, read from real files and from hand-made shapes."""
from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import scribekit
from scribekit import ScribekitError
from scribekit.formats import detect, whisper, whisper_cpp

DATA = Path(__file__).resolve().parent / "data" / "asr"


def _words(t: scribekit.Transcript) -> list[scribekit.Word]:
    return [word for segment in t.segments for word in segment.words]


def _segment(start: float, end: float, text: str, words: Any = None, **more: Any) -> dict[str, Any]:
    return {"id": 0, "seek": 0, "start": start, "end": end, "text": text, "words": words, **more}


def test_whisperx_untimed_words_interpolated_with_one_warning_and_word_segments_not_counted() -> None:
    words = [{"word": "It", "start": 1.0, "end": 1.2, "score": 0.9, "speaker": "SPEAKER_00"},
             {"word": "cost"}, {"word": "$20,"},
             {"word": "ok", "start": 2.0, "end": 2.5, "score": 0.8, "speaker": "SPEAKER_00"},
             {"word": "yes", "start": 3.0, "end": 3.5, "score": 0.7, "speaker": "SPEAKER_01"},
             {"word": "2024"}]
    obj = {"segments": [{"start": 1.0, "end": 4.0, "text": "It cost $20, ok yes 2024", "words": words}],
           "word_segments": words, "language": "en"}
    with pytest.warns(scribekit.ScribekitWarning) as caught:
        t = scribekit.loads(json.dumps(obj))
    assert len(caught) == 1 and "3 word(s)" in str(caught[0].message)
    got = [(w.text, w.start, w.end) for w in _words(t)]
    assert got == [("It", 1000, 1200), ("cost", 1200, 1600), ("$20,", 1600, 2000), ("ok", 2000, 2500),
                   ("yes", 3000, 3500), ("2024", 3500, 4000)]
    assert [(s.speaker, len(s.words)) for s in t.segments] == [("SPEAKER_00", 4), ("SPEAKER_01", 2)]


def test_stable_ts_ori_dict_is_not_read() -> None:
    seg = _segment(0.0, 1.0, " Hi there.", [{"word": " Hi", "start": 0.0, "end": 0.4, "probability": 0.9},
                                             {"word": " there.", "start": 0.4, "end": 1.0, "probability": 0.8}])
    obj = {"text": " Hi there.", "segments": [seg], "language": "en",
           "ori_dict": {"text": " Hi there.", "segments": [seg], "language": "en"},
           "regroup_history": "", "nonspeech_sections": [], "unfinished": False}
    t = scribekit.loads(json.dumps(obj), "stable-ts")
    assert [w.text for w in _words(t)] == ["Hi", "there."]
    assert detect(json.dumps(obj).encode()).name == "whisper"


def test_segments_without_words_share_time_by_characters() -> None:
    obj = {"text": " ab abcd", "language": "english",
           "segments": [_segment(0.0, 0.8, " ab abcd"), _segment(1.0, 2.0, " x", [])]}
    t = scribekit.loads(json.dumps(obj), "faster-whisper")
    assert [(w.text, w.start) for w in _words(t)] == [("ab", 0), ("abcd", 300), ("x", 1000)]
    assert t.metadata.language == "en"
    assert len(t.segments) == 2  # one per Whisper segment when there are no speakers


def test_empty_transcription() -> None:
    t = scribekit.loads(b'{"text": "", "segments": [], "language": "en"}')
    assert t.segments == [] and t.metadata.source == "whisper"


@pytest.mark.parametrize("obj", [
    {"segments": [{"start": 0, "end": 1, "text": 5}]},
    {"segments": [{"start": "0", "end": 1, "text": "a"}]},
    {"segments": [{"start": 0, "end": 1e308, "text": "a"}]},
    {"segments": [{"start": 0, "end": 1, "text": "a", "words": [{"word": 1}]}]},
    {"segments": [{"start": 0, "end": 1, "text": "a", "words": {"word": "a"}}]},
    {"segments": [{"start": 0, "end": 1, "text": "a", "words": [{"word": "a", "start": float("nan")}]}]},
    {"segments": ["x"]},
    {"segments": {}},
    {"words": "x", "text": "", "language": "en"},
    [],
])
def test_malformed_shapes_raise_read_errors(obj: Any) -> None:
    with pytest.raises(ScribekitError):
        whisper.read_json(obj)


_scalar = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(), st.text(max_size=5))
_json = st.recursive(_scalar, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                      st.dictionaries(st.text(max_size=6), inner, max_size=4)),
                     max_leaves=20)
_key = st.sampled_from(["start", "end", "text", "word", "words", "speaker", "score", "probability", "confidence"])
_word = st.dictionaries(_key, _json, max_size=6)
_seg = st.dictionaries(_key, st.one_of(_json, st.lists(_word, max_size=4)), max_size=6)


@settings(max_examples=300, deadline=None)
@given(st.fixed_dictionaries({"segments": st.lists(_seg, max_size=4)},
                             optional={"words": st.one_of(_json, st.lists(_word, max_size=4)),
                                       "word_segments": st.lists(_word, max_size=3), "language": _json}))
def test_reader_raises_only_scribekit_errors(obj: dict[str, Any]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            t = whisper.read_json(obj)
        except ScribekitError:
            return
    assert all(0 <= w.start <= w.end or w.start < 0 for w in _words(t))


def test_whisper_cpp_tokens_merged_into_words_special_tokens_dropped() -> None:
    t = scribekit.load(DATA / "whisper-cpp/harbour_ojf.json")
    words = _words(t)
    assert [w.text for w in words][:7] == ["Welcome", "back", "to", "the", "harbour", "report.", "Tides"]
    assert not any(w.text.startswith("[_") for w in words)
    harbour = words[4]  # " har" (p 0.62) + "bour" (p 0.84): the least sure piece, the first's start, the last's end
    assert (harbour.start, harbour.end, harbour.confidence) == (820, 1240, 0.62)
    assert len(t.segments) == 2


def test_whisper_cpp_tokens_without_times_fall_back_to_the_segment_text() -> None:
    obj = {"result": {"language": "de"}, "transcription": [
        {"offsets": {"from": 0, "to": 800}, "text": " ab abcd",
         "tokens": [{"text": "[_BEG_]"}, {"text": " ab"}, {"text": " ab"}, {"text": "cd"}]}]}
    t = whisper_cpp.read_json(obj)
    assert [(w.text, w.start) for w in _words(t)] == [("ab", 0), ("abcd", 300)]
    assert t.metadata.language == "de"


@pytest.mark.parametrize("obj", [
    {"transcription": [{"offsets": {"from": "0", "to": 1}, "text": " a"}]},
    {"transcription": [{"offsets": {"from": 0, "to": 1e300}, "text": " a"}]},
    {"transcription": [{"offsets": {"from": 0, "to": float("inf")}, "text": " a"}]},
    {"transcription": [{"offsets": [0, 1], "text": " a"}]},
    {"transcription": [{"offsets": {"from": 0, "to": 1}, "text": 3}]},
    {"transcription": [{"offsets": {"from": 0, "to": 1}, "text": " a", "tokens": [{"text": " a", "offsets": 5}]}]},
    {"transcription": [{"offsets": {"from": 0, "to": 1}, "text": " a", "tokens": [[]]}]},
    {"transcription": [{"offsets": {"from": 0, "to": 1}, "text": " a", "tokens": {}}]},
    {"transcription": ["x"]},
    {"transcription": {}},
    [],
])
def test_whisper_cpp_malformed_shapes_raise_read_errors(obj: Any) -> None:
    with pytest.raises(ScribekitError):
        whisper_cpp.read_json(obj)


_offsets = st.dictionaries(st.sampled_from(["from", "to"]), _json, max_size=2)
_cpp_key = st.sampled_from(["offsets", "text", "tokens", "speaker", "p"])
_token = st.dictionaries(_cpp_key, st.one_of(_json, _offsets), max_size=4)
_cpp_seg = st.dictionaries(_cpp_key, st.one_of(_json, _offsets, st.lists(_token, max_size=4)), max_size=5)


@settings(max_examples=300, deadline=None)
@given(st.fixed_dictionaries({"transcription": st.lists(_cpp_seg, max_size=4)}, optional={"result": _json}))
def test_whisper_cpp_reader_raises_only_scribekit_errors(obj: dict[str, Any]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            whisper_cpp.read_json(obj)
        except ScribekitError:
            return
