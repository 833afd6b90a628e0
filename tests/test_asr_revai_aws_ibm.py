"""Rev.ai, Amazon Transcribe and IBM Watson: the words of each fixture are the service's own
transcript; each service's traps, AWS channels read merged or one alone, bad input named (every
fixture's words, detection and Netflix SRT: test_asr_fixtures.py)."""
from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import pytest
from asr_expected import EXPECTED, load_fixture
from hypothesis import given, settings
from hypothesis import strategies as st

import scribekit
from scribekit import ReadError
from scribekit.formats import aws_transcribe, ibm_watson, revai
from scribekit.model import Transcript

DATA = Path(__file__).resolve().parent / "data" / "asr"
MINE = ("revai", "aws-transcribe", "ibm-watson")


def _raw(name: str) -> Any:
    return json.loads((DATA / name).read_bytes())


def _texts(transcript: Transcript) -> list[tuple[str, str | None]]:
    return [(word.text, segment.speaker) for segment in transcript.segments for word in segment.words]


@pytest.mark.parametrize("name", sorted(name for name, (fmt, *_) in EXPECTED.items() if fmt in MINE))
def test_the_words_are_the_services_own_transcript(name: str) -> None:
    """Punctuation glued where the service's transcript has it: the words, joined, are its text."""
    raw = _raw(name)
    if name.startswith("aws"):
        text = raw["results"]["transcripts"][0]["transcript"]
    elif name.startswith("revai"):
        text = "".join(element["value"] for monologue in raw["monologues"] for element in monologue["elements"])
    else:
        text = " ".join(result["alternatives"][0]["transcript"] for result in raw["results"][0]["results"])
    assert " ".join(word.text for word in load_fixture(name).words) == " ".join(text.split())


# --- Amazon Transcribe --------------------------------------------------------------------------

def _aws_pronunciations(items: list[dict[str, Any]]) -> list[tuple[str, int, int]]:
    return [(item["alternatives"][0]["content"], round(float(item["start_time"]) * 1000),
             round(float(item["end_time"]) * 1000)) for item in items if item["type"] == "pronunciation"]


def test_aws_channel_keyword_reads_one_channel_or_all_merged() -> None:
    name = "aws-transcribe/02-channel-identification.json"
    raw = _raw(name)
    channels = {channel["channel_label"]: channel["items"] for channel in raw["results"]["channel_labels"]["channels"]}
    for number in (0, 1):
        transcript = aws_transcribe.read_json(raw, channel=number)
        assert [(w.text.rstrip(",.?!;:"), w.start, w.end) for w in transcript.words] == \
            _aws_pronunciations(channels[f"ch_{number}"])
        assert transcript.speakers == [] and {s.speaker for s in transcript.segments} == {None}
    assert len(aws_transcribe.read_json(raw, channel=0).words) == 149
    merged = load_fixture(name)
    starts = [word.start for word in merged.words]
    assert starts == sorted(starts)
    ch0 = {(w.start, w.end) for w in aws_transcribe.read_json(raw, channel=0).words}
    assert all((segment.speaker == "channel 0") == ((word.start, word.end) in ch0)
               for segment in merged.segments for word in segment.words)
    with pytest.raises(ReadError, match=r"no channel 3: the file has channels 0, 1"):
        aws_transcribe.read_json(raw, channel=3)
    with pytest.raises(ReadError, match=r"no channel 1: the file has one channel, 0"):
        aws_transcribe.read_json(_raw("aws-transcribe/01-plain.json"), channel=1)
    assert len(aws_transcribe.read_json(_raw("aws-transcribe/01-plain.json"), channel=0).words) == 354
    assert len(scribekit.load(DATA / name, channel=1).words) == 205


def test_aws_speakers_are_joined_to_the_words_by_their_times() -> None:
    for name in ("aws-transcribe/03-speaker-identification.json", "aws-transcribe/todayinfocus.sample.json"):
        raw = _raw(name)
        by_times = {(item["start_time"], item["end_time"]): segment["speaker_label"]
                    for segment in raw["results"]["speaker_labels"]["segments"] for item in segment["items"]}
        expected = [by_times[item["start_time"], item["end_time"]] for item in raw["results"]["items"]
                    if item["type"] == "pronunciation"]
        assert [spk for _, spk in _texts(load_fixture(name))] == expected
    # todayinfocus announces three speakers, names two, and has empty-labelled segments: only two speakers
    assert _raw("aws-transcribe/todayinfocus.sample.json")["results"]["speaker_labels"]["speakers"] == 3
    names = {s.id: s.name for s in load_fixture("aws-transcribe/todayinfocus.sample.json").speakers}
    assert names == {"spk_0": "Speaker 0", "spk_1": "Speaker 1"}


def test_aws_alternatives_are_not_read_and_masks_are_kept() -> None:
    assert [(w.text, w.start) for w in load_fixture("aws-transcribe/04-alternative-results.json").words] == \
        [(w.text, w.start) for w in load_fixture("aws-transcribe/01-plain.json").words]
    masked = load_fixture("aws-transcribe/07-vocabulary-filter-mask.json").words
    assert "***" in [word.text for word in masked]
    plain = load_fixture("aws-transcribe/01-plain.json").words
    assert (masked[6].text, plain[6].text) == ("***", "village")  # the filtered word keeps its place and times
    assert (masked[6].start, masked[6].end) == (plain[6].start, plain[6].end)


def _aws_item(content: str, start: str | None = None, end: str | None = None, confidence: str | None = "0.9",
              **extra: Any) -> dict[str, Any]:
    item: dict[str, Any] = {"alternatives": [{"confidence": confidence, "content": content}],
                            "type": "pronunciation" if start is not None else "punctuation", **extra}
    if start is not None:
        item["start_time"], item["end_time"] = start, end
    return item


def _aws(items: list[dict[str, Any]], **results: Any) -> dict[str, Any]:
    return {"jobName": "x", "status": "COMPLETED", "results": {"transcripts": [{"transcript": ""}],
                                                                "items": items, **results}}


def test_aws_item_speaker_labels_language_and_odd_punctuation() -> None:
    doc = _aws([_aws_item("Hello", "0.0", "0.5", speaker_label="spk_0"), _aws_item(","),
                _aws_item("there", "0.5", "0.9", "0.5", speaker_label="spk_0"), _aws_item(".", confidence=None),
                _aws_item("Hi", "1.2", "1.5", speaker_label="spk_1"), _aws_item("!", confidence="0.0")],
               language_code="en-US")
    transcript = aws_transcribe.read_json(doc)
    assert _texts(transcript) == [("Hello,", "spk_0"), ("there.", "spk_0"), ("Hi!", "spk_1")]
    assert [w.confidence for w in transcript.words] == [0.9, 0.5, 0.9]
    assert transcript.metadata.language == "en-US"
    del doc["results"]["language_code"]
    doc["results"]["language_identification"] = [{"code": "en-GB", "score": "0.2"}, {"code": "fr-FR", "score": "0.7"}]
    assert aws_transcribe.read_json(doc).metadata.language == "fr-FR"
    leading = _aws([_aws_item("¿"), _aws_item("Qué", "0.1", "0.3")])
    with pytest.warns(scribekit.ScribekitWarning, match="1 punctuation item"):
        assert [w.text for w in aws_transcribe.read_json(leading).words] == ["¿Qué"]
    with pytest.warns(scribekit.ScribekitWarning, match="left out"):
        assert aws_transcribe.read_json(_aws([_aws_item(".")])).words == []


def test_aws_channels_with_speakers_prefix_them_by_channel() -> None:
    doc = _aws([], channel_labels={"number_of_channels": 2, "channels": [
        {"channel_label": "ch_0", "items": [_aws_item("Hi", "0.0", "0.4", channel_label="ch_0", speaker_label="spk_0"),
                                            _aws_item("."), _aws_item("Bye", "2.0", "2.4", channel_label="ch_0")]},
        {"channel_label": "ch_1", "items": [_aws_item("Yo", "1.0", "1.3", channel_label="ch_1", speaker_label="spk_0"),
                                            _aws_item("!")]}]})
    assert _texts(aws_transcribe.read_json(doc)) == [("Hi.", "0-spk_0"), ("Yo!", "1-spk_0"), ("Bye", "channel 0")]
    assert _texts(aws_transcribe.read_json(doc, channel=1)) == [("Yo!", "spk_0")]


def test_aws_redactions_are_words_not_sounds() -> None:
    doc = _aws([_aws_item("My", "0.1", "0.3"), _aws_item("name", "0.3", "0.5"), _aws_item("is", "0.5", "0.6"),
                _aws_item("[PII]", "0.6", "1.2"), _aws_item(".")])
    transcript = aws_transcribe.read_json(doc)
    assert [(w.text, w.sound) for w in transcript.words][-1] == ("[PII].", False)
    assert len(transcript.segments) == 1


def test_aws_a_word_missing_from_the_speaker_items_takes_its_segments_speaker() -> None:
    doc = _aws([_aws_item("one", "0.10", "0.40"), _aws_item("two", "2.0", "2.5")],
               speaker_labels={"speakers": 2, "segments": [
                   {"speaker_label": "spk_0", "start_time": "0.0", "end_time": "1.0",
                    "items": [{"speaker_label": "spk_0", "start_time": "0.1", "end_time": "0.4"}]},
                   {"speaker_label": "", "start_time": "1.0", "end_time": "1.5", "items": []},
                   {"speaker_label": "spk_1", "start_time": "1.9", "end_time": "3.0", "items": []}]})
    assert _texts(aws_transcribe.read_json(doc)) == [("one", "spk_0"), ("two", "spk_1")]


@pytest.mark.parametrize(("items", "message"), [
    ([_aws_item("a", "x", "1")], r"item 1: start_time must be a number of seconds, found 'x'"),
    ([_aws_item("a", "1", "0.5"), _aws_item("b", "nan", "1")], r"item 2: start.*number"),
    ([_aws_item("a", "0", "1"), {"type": "pronunciation", "alternatives": []}], r"item 2: alternatives"),
    ([_aws_item("a", "0", "1", "high")], r"item 1: confidence must be a number, found 'high'"),
    ([{"type": "word", "alternatives": [{"content": "a"}]}], r"item 1: type must be pronunciation or punctuation"),
    ([_aws_item("a", "1e300", "1e301")], r"item 1: start"),
    ([_aws_item("a", "0", "1", speaker_label=["x"])], r"item 1: speaker_label must be a string"),
])
def test_aws_bad_items_name_their_place(items: list[dict[str, Any]], message: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", scribekit.ScribekitWarning)
        with pytest.raises(ReadError, match=message):
            aws_transcribe.read_json(_aws(items))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 36_000_000), st.integers(0, 60_000), st.sampled_from(["", ".", ","])),
                max_size=30))
def test_aws_any_valid_job_reads_with_times_within_a_millisecond(spec: list[tuple[int, int, str]]) -> None:
    items = []
    expected = []
    for n, (start, length, mark) in enumerate(sorted(spec)):
        items.append(_aws_item(f"w{n}", f"{start / 1000:.3f}", f"{(start + length) / 1000:.3f}"))
        if mark:
            items.append(_aws_item(mark))
        expected.append((f"w{n}{mark}", start, start + length))
    with warnings.catch_warnings():
        warnings.simplefilter("error", scribekit.ScribekitWarning)
        words = aws_transcribe.read_json(_aws(items)).words
    assert len(words) == len(expected)
    for word, (text, start, end) in zip(words, expected):
        assert word.text == text and abs(word.start - start) <= 1 and abs(word.end - end) <= 1


# --- Rev.ai -------------------------------------------------------------------------------------

def _rev_text(value: str, ts: float, end: float, confidence: float = 0.9) -> dict[str, Any]:
    return {"type": "text", "value": value, "ts": ts, "end_ts": end, "confidence": confidence}


def _punct(value: str) -> dict[str, Any]:
    return {"type": "punct", "value": value}


def test_revai_punctuation_speakers_names_and_unknown_words() -> None:
    doc = {"monologues": [
        {"speaker": 0, "speaker_info": {"id": 0, "display_name": "Host"}, "elements": [
            _rev_text("He", 0.1, 0.3), _punct(" "), _rev_text("said", 0.3, 0.6), _punct(" "), _punct("\""),
            _rev_text("wait", 0.6, 0.9), _punct("\""), _punct("."), _punct(" "),
            {"type": "unknown", "value": "<unknown>", "ts": 1.0, "end_ts": 1.4}]},
        {"speaker": 1, "elements": [_punct(" "), _rev_text("Yes", 2.0, 2.2, 1), _punct("?"), _punct(" "),
                                    _rev_text("<laugh>", 2.3, 2.8)]},
        {"speaker": 0, "speaker_info": {"id": 0, "display_name": "Host"}, "elements": []}]}
    transcript = revai.read_json(doc)
    assert _texts(transcript) == [("He", "0"), ("said", "0"), ("\"wait\".", "0"), ("[unknown]", "0"),
                                  ("Yes?", "1"), ("[laugh]", "1")]
    assert [w.sound for w in transcript.words] == [False, False, False, True, False, True]
    assert {s.id: s.name for s in transcript.speakers} == {"0": "Host", "1": "Speaker 1"}
    assert [w.confidence for w in transcript.words][:2] == [0.9, 0.9]
    assert revai.read_json({"monologues": []}).segments == []


@pytest.mark.parametrize(("doc", "message"), [
    ({"monologues": {"speaker": 0}}, r"monologues must be a list"),
    ({"monologues": [{"speaker": 0, "elements": [_rev_text("a", 0.5, "1")]}]},  # type: ignore[arg-type]
     r"monologue 1, element 1: end must be a number of seconds, found a string"),
    ({"monologues": [{"speaker": "x", "elements": 3}]}, r"monologue 1: elements must be a list"),
    ({"monologues": [{"speaker": [0], "elements": []}]}, r"monologue 1: speaker must be a number"),
    ({"monologues": [{"elements": [{"type": "word", "value": "a"}]}]}, r"element 1: type must be text, punct"),
    ({"monologues": [{"elements": [{"type": "text", "value": 5}]}]}, r"element 1: value must be a string"),
])
def test_revai_bad_input_names_its_place(doc: dict[str, Any], message: str) -> None:
    with pytest.raises(ReadError, match=message):
        revai.read_json(doc)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 36_000, allow_nan=False), st.floats(0, 60, allow_nan=False),
                          st.sampled_from(["", ",", "."]), st.integers(0, 2)), max_size=30))
def test_revai_any_valid_transcript_reads_with_times_within_a_millisecond(
        spec: list[tuple[float, float, str, int]]) -> None:
    monologues = []
    expected = []
    for n, (start, length, mark, speaker) in enumerate(spec):
        elements = [_rev_text(f"w{n}", start, start + length)] + ([_punct(mark)] if mark else []) + [_punct(" ")]
        monologues.append({"speaker": speaker, "elements": elements})
        expected.append((f"w{n}{mark}", start * 1000, (start + length) * 1000, str(speaker)))
    with warnings.catch_warnings():
        warnings.simplefilter("error", scribekit.ScribekitWarning)
        got = [(w.text, w.start, w.end, s.speaker) for s in revai.read_json({"monologues": monologues}).segments
               for w in s.words]
    assert len(got) == len(expected)
    for (text, start, end, speaker), (want, first, last, who) in zip(got, expected):
        assert (text, speaker) == (want, who) and abs(start - first) <= 1 and abs(end - last) <= 1


# --- IBM Watson ---------------------------------------------------------------------------------

def _ibm_result(words: list[tuple[str, float, float]], final: bool = True) -> dict[str, Any]:
    return {"final": final, "alternatives": [{"transcript": " ".join(w for w, _, _ in words), "confidence": 0.9,
                                              "timestamps": [list(w) for w in words],
                                              "word_confidence": [[w, 0.5] for w, _, _ in words]}]}


def test_ibm_a_response_with_interim_results_and_two_speakers() -> None:
    doc = {"result_index": 0, "results": [
        _ibm_result([("hello", 0.1, 0.4), ("%HESITATION", 0.4, 0.9)]), _ibm_result([("how", 1, 1.2)], final=False),
        _ibm_result([("fine", 2, 2.5), ("thanks", 2.5, 3)])],
        "speaker_labels": [{"from": 0.1, "to": 0.4, "speaker": 0, "confidence": 0.5, "final": False},
                           {"from": 0.4, "to": 0.9, "speaker": 0, "confidence": 0.5, "final": False},
                           {"from": 2.5, "to": 3, "speaker": 1, "confidence": 0.5, "final": False},
                           {"from": 2, "to": 2.5, "speaker": 1, "confidence": 0.5, "final": True}]}
    assert ibm_watson.sniff_json(doc)
    transcript = scribekit.loads(json.dumps(doc))
    assert transcript.metadata.source == "ibm-watson"
    assert _texts(transcript) == [("hello", "0"), ("%HESITATION", "0"), ("fine", "1"), ("thanks", "1")]
    assert [w.sound for w in transcript.words] == [False, True, False, False]
    assert [w.confidence for w in transcript.words] == [0.5] * 4
    assert [(w.start, w.end) for w in transcript.words] == [(100, 400), (400, 900), (2000, 2500), (2500, 3000)]


def test_ibm_a_later_response_replaces_results_at_its_index() -> None:
    job = {"id": "x", "status": "completed", "results": [
        {"result_index": 0, "results": [_ibm_result([("one", 0, 0.5)]), _ibm_result([("tw", 1, 1.2)], final=False)]},
        {"result_index": 1, "results": [_ibm_result([("two", 1, 1.4)]), _ibm_result([("three", 2, 2.4)])]}]}
    assert ibm_watson.sniff_json(job)
    assert [w.text for w in ibm_watson.read_json(job).words] == ["one", "two", "three"]
    assert ibm_watson.read_json({"result_index": 0, "results": []}).segments == []
    for response in job["results"]:  # type: ignore[union-attr]
        del response["result_index"]  # without indexes, each response follows the one before
    assert [w.text for w in ibm_watson.read_json(job).words] == ["one", "two", "three"]
    with pytest.raises(ReadError, match="result_index must be a whole number from 0, found a number out of range"):
        ibm_watson.read_json({"result_index": -10 ** 5000, "results": []})


@pytest.mark.parametrize(("doc", "message"), [
    ({"results": [{"final": True, "alternatives": [{"timestamps": [["a", "0", 1]]}]}]},
     r"result 1, word 1: start must be a number of seconds, found a string"),
    ({"results": [{"final": True, "alternatives": [{"timestamps": [["a", 0]]}]}]},
     r"result 1, word 1: expected \[word, start, end\], found a list of 2"),
    ({"results": [{"final": True, "alternatives": [{"transcript": "a b"}]}]}, r"result 1: no word times"),
    ({"results": [{"final": True, "alternatives": {}}]}, r"result 1: alternatives must be a list"),
    ({"results": [{"final": True, "alternatives": [{"timestamps": [[5, 0, 1]]}]}]}, r"word 1: the word must be"),
    ({"result_index": -1, "results": []}, r"result_index must be a whole number"),
    ({"results": [], "result_index": 0, "speaker_labels": [{"from": [0], "to": 1, "speaker": 0}]},
     r"speaker label 1: from and to must be numbers"),
])
def test_ibm_bad_input_names_its_place(doc: dict[str, Any], message: str) -> None:
    with pytest.raises(ReadError, match=message):
        ibm_watson.read_json(doc)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.tuples(st.floats(0, 36_000, allow_nan=False), st.floats(0, 60, allow_nan=False)),
                         min_size=1, max_size=6), max_size=8))
def test_ibm_any_valid_response_reads_with_times_within_a_millisecond(spec: list[list[tuple[float, float]]]) -> None:
    results = []
    expected = []
    for r, group in enumerate(spec):
        words = [(f"w{r}x{n}", start, start + length) for n, (start, length) in enumerate(group)]
        results.append(_ibm_result(words))
        expected.extend(words)
    with warnings.catch_warnings():
        warnings.simplefilter("error", scribekit.ScribekitWarning)
        got = ibm_watson.read_json({"result_index": 0, "results": results}).words
    assert [w.text for w in got] == [text for text, _, _ in expected]
    for word, (_, start, end) in zip(got, expected):
        assert abs(word.start - start * 1000) <= 1 and abs(word.end - end * 1000) <= 1
