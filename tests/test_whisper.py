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
from scribekit.formats import detect, readers, whisper, whisper_cpp
from scribekit.segmentation import cues_for

DATA = Path(__file__).resolve().parent / "data" / "asr"

# file: words, (first word, start, end), (last word, start, end), speakers, language
FIXTURES: dict[str, tuple[int, tuple[str, int, int], tuple[str, int, int], set[str], str]] = {
    "whisper-timestamped/whisper_timestamped.json": (59, ("Yeah,", 120, 380), ("today.", 25060, 25320), set(), "en"),
    "whisper/openai_api_verbose_json_words.json": (5, ("Galileo", 0, 660), ("robotic", 1500, 2020), set(), "en"),
    "whisper/wct2_dosparlants_diarization.json": (89, ("Hola,", 0, 357), ("gràcies.", 33280, 34000),
                                                  {"SPEAKER_00", "SPEAKER_01"}, "ca"),
    "whisper/wct2_gossos_segments_only.json": (62, ("Igual", 0, 388), ("preses.", 31326, 32000), set(), "ca"),
    "whisper/wct2_gossos_word_timestamps.json": (65, ("Igual", 1180, 1980), ("preses.", 30560, 31240), set(), "ca"),
    "whisperx/reference_whisperx_transcription.json": (8, ("Okay,", 151, 513), ("know.", 8137, 8318), set(), "en"),
    "whisperx/whisperx_smart_example.json": (7, ("Okay,", 32, 563), ("know.", 8162, 8437), set(), "en"),
    "whisper-cpp/harbour_ojf.json": (15, ("Welcome", 0, 420), ("tonight.", 4560, 5120), set(), "en"),
    "whisper-cpp/harbour_oj_diarize.json": (15, ("Welcome", 0, 342), ("tonight.", 4538, 5120), {"0", "1"}, "en"),
}


def _format(name: str) -> str:
    return "whisper-cpp" if name.startswith("whisper-cpp/") else "whisper"


def _words(t: scribekit.Transcript) -> list[scribekit.Word]:
    return [word for segment in t.segments for word in segment.words]


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_fixture_words_times_speakers(name: str) -> None:
    count, first, last, speakers, language = FIXTURES[name]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        t = scribekit.load(DATA / name)
    words = _words(t)
    assert len(words) == count
    assert (words[0].text, words[0].start, words[0].end) == first
    assert (words[-1].text, words[-1].start, words[-1].end) == last
    assert {s.speaker for s in t.segments if s.speaker} == speakers
    assert t.metadata.source == _format(name) and t.metadata.language == language
    assert all(0 <= w.start <= w.end for w in words)
    assert all(w.confidence is None or 0 <= w.confidence <= 1 for w in words)


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_fixture_detected_and_claimed_by_no_other_format(name: str) -> None:
    data = (DATA / name).read_bytes()
    assert detect(data, "x.json").name == _format(name)
    assert detect(data).name == _format(name)
    obj = json.loads(data)
    others = [info.name for info in readers()
              if info.name != _format(name) and hasattr(info.module, "sniff_json") and info.module.sniff_json(obj)]
    assert others == []


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_fixture_to_netflix_srt(name: str) -> None:
    t = scribekit.load(DATA / name)
    with warnings.catch_warnings():  # notes on soft limits the speech leaves no room for
        warnings.simplefilter("ignore", scribekit.ScribekitWarning)
        srt = scribekit.dumps(t, "srt", profile="netflix")
        cues = cues_for(t, profile="netflix")
    assert isinstance(srt, str)
    rows = [line for block in srt.strip().split("\n\n") for line in block.split("\n")[2:]]
    assert rows and all(len(row) <= 42 for row in rows)
    assert sum(len(" ".join(c.lines).split()) for c in cues) == len(_words(t))
    for cue in cues:
        inside = {s.speaker for s in t.segments for w in s.words if cue.start <= w.start < cue.end}
        assert len(inside) <= 1, (cue, inside)


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
