"""scribekit's own JSON: lossless, versioned, detected by its marker."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import scribekit
from scribekit import Cue, Highlight, Metadata, ReadError, Segment, Speaker, Transcript, Word
from scribekit.formats import detect

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
times = st.integers(-10**9, 10**12)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-2**63, 2**63) | st.floats(allow_nan=False, allow_infinity=False) | text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
    max_leaves=8,
)
json_objects = st.dictionaries(text, json_values, max_size=3)

words = st.builds(Word, text=text, start=times, end=times,
                  confidence=st.none() | st.floats(allow_nan=False, allow_infinity=False),
                  extra=st.none() | json_objects)
cues = st.builds(Cue, start=times, end=times, lines=st.lists(text, max_size=3), speaker=st.none() | text,
                 identifier=st.none() | text, style=st.none() | json_objects)
transcripts = st.builds(
    Transcript,
    segments=st.lists(st.builds(Segment, speaker=st.none() | text, words=st.lists(words, max_size=6)), max_size=4),
    speakers=st.lists(st.builds(Speaker, id=text, name=text), max_size=3),
    highlights=st.lists(st.builds(Highlight, start=times, end=times, label=st.none() | text, extra=json_objects),
                        max_size=3),
    metadata=st.builds(Metadata, language=st.none() | text, source=st.none() | text, filename=st.none() | text,
                       time_offset=times, extra=json_objects),
    cues=st.none() | st.lists(cues, max_size=4),
)


def _full() -> Transcript:
    return Transcript(
        segments=[Segment("spk1", [Word("Grüezi,", 450, 1080, 0.98, {"pristine": False}), Word("café", 1100, 1500)]),
                  Segment(None, [Word("—", 1600, 1700, None)])],
        speakers=[Speaker("spk1", "Léa")],
        highlights=[Highlight(450, 1500, "Start", {"color": "yellow"})],
        metadata=Metadata(language="de-ch", source="amberscript-json", filename="a.mp3", time_offset=3_600_000,
                          extra={"id": "abc", "recordId": "r1"}),
        cues=[Cue(450, 1500, ["Grüezi,", "<i>café</i>"], speaker="spk1", identifier="1",
                  style={"align": "start", "line": 0})],
    )


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(transcripts)
def test_any_transcript_round_trips_exactly(transcript: Transcript) -> None:
    out = scribekit.dumps(transcript, "json")
    assert isinstance(out, str)
    assert scribekit.loads(out, format="json") == transcript
    assert scribekit.loads(out) == transcript  # detected by its marker


@settings(max_examples=50, deadline=None)
@given(transcripts)
def test_compact_output_round_trips_exactly(transcript: Transcript) -> None:
    out = scribekit.dumps(transcript, "json", indent=None)
    assert isinstance(out, str) and "\n" not in out.rstrip("\n")
    assert scribekit.loads(out, format="json") == transcript


def test_every_field_is_written() -> None:
    transcript = _full()
    document = json.loads(scribekit.dumps(transcript, "json"))
    assert document["scribekit"] == 1
    assert document["metadata"] == {"language": "de-ch", "source": "amberscript-json", "filename": "a.mp3",
                                    "time_offset": 3_600_000, "extra": {"id": "abc", "recordId": "r1"}}
    assert document["speakers"] == [{"id": "spk1", "name": "Léa"}]
    assert document["segments"][0]["words"][0] == {"text": "Grüezi,", "start": 450, "end": 1080,
                                                   "confidence": 0.98, "extra": {"pristine": False}}
    assert document["segments"][0]["words"][1] == {"text": "café", "start": 1100, "end": 1500, "confidence": None}
    assert document["segments"][1]["speaker"] is None
    assert document["highlights"] == [{"start": 450, "end": 1500, "label": "Start", "extra": {"color": "yellow"}}]
    assert document["cues"] == [{"start": 450, "end": 1500, "lines": ["Grüezi,", "<i>café</i>"], "speaker": "spk1",
                                 "identifier": "1", "style": {"align": "start", "line": 0}}]
    assert scribekit.loads(scribekit.dumps(transcript, "json")) == transcript


def test_no_cues_is_null_and_stays_none() -> None:
    transcript = _full()
    transcript.cues = None
    out = scribekit.dumps(transcript, "json")
    assert json.loads(out)["cues"] is None
    assert scribekit.loads(out).cues is None
    transcript.cues = []
    assert scribekit.loads(scribekit.dumps(transcript, "json")).cues == []


def test_one_word_a_line_and_readable_unicode() -> None:
    out = scribekit.dumps(_full(), "json")
    assert isinstance(out, str)
    assert '{"text": "Grüezi,", "start": 450, "end": 1080, "confidence": 0.98, "extra": {"pristine": false}},' in out
    assert "\\u" not in out
    assert out.endswith("}\n")


def test_indent_option() -> None:
    out = scribekit.dumps(_full(), "json", indent=4)
    assert isinstance(out, str) and '\n    "scribekit": 1,' in out
    with pytest.raises(scribekit.OptionError):
        scribekit.dumps(_full(), "json", indent=-1)


def test_detected_from_content(tmp_path: Path) -> None:
    transcript = _full()
    out = scribekit.dumps(transcript, "json")
    assert isinstance(out, str)
    assert detect(out.encode()).name == "json"
    path = tmp_path / "export.json"
    path.write_text(out, encoding="utf-8")
    assert scribekit.load(path) == transcript  # its own filename is kept


def test_provider_samples_survive_a_trip_through_json() -> None:
    for path in ("amberscript/interview.json", "happyscribe/interview.json", "amberscript/interview.xml"):
        transcript = scribekit.load(SAMPLES / path)
        assert scribekit.loads(scribekit.dumps(transcript, "json")) == transcript, path


def test_source_is_kept_so_provider_fields_still_go_home() -> None:
    original = scribekit.load(SAMPLES / "amberscript" / "interview.json")
    via_json = scribekit.loads(scribekit.dumps(original, "json"))
    assert via_json.metadata.source == "amberscript-json"
    assert scribekit.dumps(via_json, "amberscript-json") == scribekit.dumps(original, "amberscript-json")


def test_newer_version_asks_for_an_upgrade() -> None:
    with pytest.raises(ReadError, match="newer scribekit.*version 2") as info:
        scribekit.loads('{"scribekit": 2, "segments": []}')
    assert "upgrade" in str(info.value)


@pytest.mark.parametrize("document, message", [
    ('{"scribekit": "1"}', "format version must be an integer"),
    ('{"scribekit": 0}', "unknown scribekit JSON format version 0"),
    ('{"scribekit": 1, "segments": {}}', "segments: expected a list"),
    ('{"scribekit": 1, "segments": [{"words": [{"text": "a", "start": "1", "end": 2}]}]}',
     r"segments\[0\]\.words\[0\]: start must be an integer"),
    ('{"scribekit": 1, "segments": [{"words": [{"text": "a", "end": 2}]}]}', r"words\[0\]: no start"),
    ('{"scribekit": 1, "segments": [{"words": [{"text": 5, "start": 1, "end": 2}]}]}', "text must be a string"),
    ('{"scribekit": 1, "speakers": [{"id": "a"}]}', r"speakers\[0\]: name must be a string"),
    ('{"scribekit": 1, "highlights": [{"start": 1, "end": 2, "extra": []}]}', "extra must be an object"),
    ('{"scribekit": 1, "cues": [{"start": 1, "end": 2, "lines": [3]}]}', r"cues\[0\]\.lines\[0\]"),
    ('{"scribekit": 1, "metadata": {"time_offset": 1.5}}', "time_offset must be an integer"),
])
def test_bad_shapes_name_what_and_where(document: str, message: str) -> None:
    with pytest.raises(ReadError, match=message):
        scribekit.loads(document, format="json")


def test_integral_floats_are_taken_as_milliseconds() -> None:
    t = scribekit.loads('{"scribekit": 1, "segments": [{"speaker": null, "words": '
                        '[{"text": "a", "start": 1000.0, "end": 1500}]}]}')
    assert t.words == [Word("a", 1000, 1500)]
    assert isinstance(t.words[0].start, int)


def test_extra_that_is_not_json_is_a_write_error() -> None:
    transcript = Transcript(segments=[Segment(None, [Word("a", 0, 1, extra={"x": object()})])])
    with pytest.raises(scribekit.WriteError, match="JSON"):
        scribekit.dumps(transcript, "json")
