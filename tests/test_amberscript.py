"""Amberscript exports: current and deprecated JSON, the deprecated XML, and the JSON writer."""
from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import scribekit
from scribekit import Highlight, ReadError, ScribekitWarning, Segment, Speaker, Transcript, Word
from scribekit.formats import detect

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "amberscript"
CURRENT = SAMPLES / "interview.json"
DEPRECATED = SAMPLES / "interview-deprecated.json"
XML = SAMPLES / "interview.xml"

URL = "https://research.example.org/transcripts/cafe-interviews-2024"
COMPOUND = "Forschungsdatenmanagementverantwortlichkeitsbereich,"


def _clean_load(path: Path, format: str | None = None) -> Transcript:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return scribekit.load(path, format)


def _sample() -> dict[str, Any]:
    return json.loads(CURRENT.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _loads(obj: Any, format: str | None = "amberscript-json") -> Transcript:
    return scribekit.loads(json.dumps(obj), format=format)


def _times(t: Transcript) -> list[tuple[str, int, int]]:
    return [(w.text, w.start, w.end) for w in t.words]


# --- the current JSON shape ----------------------------------------------------------------

def test_current_sample_value_by_value() -> None:
    t = _clean_load(CURRENT)
    assert t.speakers == [Speaker("spk1", "Interviewer"), Speaker("spk2", "Léa"), Speaker("spk3", "Jonas")]
    assert [s.speaker for s in t.segments] == ["spk1", "spk2", "spk1", "spk2", "spk3", "spk2", "spk1", "spk3"]
    assert len(t.words) == 93
    first, last = t.words[0], t.words[-1]
    assert first == Word("Good", 450, 790, 0.92)
    assert last == Word("coffee.", 48720, 49170, 0.95, {"pristine": False})
    assert t.segments[0].text == ("Good morning, and welcome to the café. Thank you for coming all the way "
                                  "from Zürich.")
    assert "naïve" in t.segments[1].text
    texts = [w.text for w in t.words]
    assert URL in texts and COMPOUND in texts
    compound = t.words[texts.index(COMPOUND)]
    assert compound.confidence == 0.41
    assert compound.start < compound.end
    # pristine is kept only where it is not the default
    assert [w.text for w in t.words if w.extra] == ["Bern", "coffee."]
    assert t.highlights == [Highlight(11990, 16410, "Naïve beginnings", {"color": "yellow", "createdBy": "editor"})]
    assert t.metadata.source == "amberscript-json"
    assert t.metadata.filename == "interview.mp3"
    assert t.metadata.time_offset == 0
    assert t.metadata.extra == {"id": "65f1c2a9e4b0a71d2c3e4f50", "recordId": "65f1c2a9e4b0a71d2c3e4f51"}
    assert t.cues is None


def test_times_increase_and_sentences_pause() -> None:
    t = _clean_load(CURRENT)
    for before, after in zip(t.words, t.words[1:]):
        assert before.start < before.end <= after.start
        if before.text.endswith((".", "?")):
            assert after.start - before.end >= 400


def test_detected_without_format_argument() -> None:
    data = CURRENT.read_bytes()
    assert scribekit.loads(data).metadata.source == "amberscript-json"
    assert scribekit.loads(DEPRECATED.read_bytes()).metadata.source == "amberscript-json"
    assert scribekit.loads(data) == scribekit.loads(data, format="amberscript-json")
    assert scribekit.loads(data, format="amberscript") == scribekit.load(CURRENT)  # the alias


def test_start_time_offset_is_honoured_and_written_back() -> None:
    obj = _sample()
    obj["startTimeOffset"] = 3600.5
    t = _loads(obj)
    assert t.metadata.time_offset == 3_600_500
    assert (t.words[0].start, t.words[0].end) == (3_600_950, 3_601_290)
    assert (t.words[-1].start, t.words[-1].end) == (3_649_220, 3_649_670)
    assert (t.highlights[0].start, t.highlights[0].end) == (3_612_490, 3_616_910)
    out = json.loads(scribekit.dumps(t, "amberscript-json"))
    assert out["startTimeOffset"] == 3600.5
    assert out["segments"][0]["words"][0]["start"] == 0.45
    assert out["highlights"][0]["start"] == 11.99
    assert _loads(out) == t


def test_duration_is_ignored_and_derived_from_end() -> None:
    obj = _sample()
    obj["segments"][0]["words"][0]["duration"] = 99.0
    assert _loads(obj).words[0].end == 790


def test_round_trip_amberscript_model_amberscript() -> None:
    original = _clean_load(CURRENT)
    out = scribekit.dumps(original, "amberscript-json")
    assert isinstance(out, str)
    again = scribekit.loads(out)
    assert again == original
    document = json.loads(out)
    sample = _sample()
    assert list(document) == ["id", "recordId", "filename", "startTimeOffset", "speakers", "segments", "highlights"]
    assert document["speakers"] == sample["speakers"]
    assert document["highlights"] == sample["highlights"]
    for ours, theirs in zip(document["segments"], sample["segments"]):
        assert ours["speaker"] == theirs["speaker"]
        for w_ours, w_theirs in zip(ours["words"], theirs["words"], strict=True):
            assert set(w_ours) == {"start", "end", "duration", "text", "conf", "pristine"}
            for key in ("start", "end", "text", "conf", "pristine"):
                assert w_ours[key] == w_theirs[key]
            assert w_ours["duration"] == round(w_theirs["end"] - w_theirs["start"], 3)


def test_writer_rounds_to_milliseconds_and_defaults_pristine() -> None:
    t = Transcript(segments=[Segment("a", [Word("Hi,", 1, 1235, None), Word("there", 1300, 2000, 0.5)])])
    out = json.loads(scribekit.dumps(t, "amberscript-json"))
    words = out["segments"][0]["words"]
    assert words[0] == {"start": 0.001, "end": 1.235, "duration": 1.234, "text": "Hi,", "conf": None,
                        "pristine": True}
    assert words[1]["conf"] == 0.5
    assert out["speakers"] == [{"spkid": "a", "name": "a"}]  # a turn's speaker never goes missing
    assert out["startTimeOffset"] == 0.0
    assert out["highlights"] == []


def test_fields_of_another_provider_are_not_written() -> None:
    t = Transcript(segments=[Segment(None, [Word("a", 0, 10, extra={"type": "word"})])])
    t.metadata.extra = {"id": "hs-1", "other": 1}
    t.metadata.source = "happyscribe-json"
    out = json.loads(scribekit.dumps(t, "amberscript-json"))
    assert out["id"] == "" and "other" not in out
    assert set(out["segments"][0]["words"][0]) == {"start", "end", "duration", "text", "conf", "pristine"}


def test_unknown_word_keys_are_kept_for_the_round_trip() -> None:
    obj = _sample()
    obj["segments"][0]["words"][0]["speakerConfidence"] = 0.5
    t = _loads(obj)
    assert t.words[0].extra == {"speakerConfidence": 0.5}
    out = json.loads(scribekit.dumps(t, "amberscript-json"))
    assert out["segments"][0]["words"][0]["speakerConfidence"] == 0.5


def test_unknown_document_keys_are_kept() -> None:
    obj = _sample()
    obj["language"] = "en"
    t = _loads(obj)
    assert t.metadata.extra["language"] == "en"
    assert json.loads(scribekit.dumps(t, "amberscript-json"))["language"] == "en"


# --- highlights ----------------------------------------------------------------------------

def _with_highlights(items: Any) -> Transcript:
    obj = _sample()
    obj["highlights"] = items
    return _loads(obj)


def test_highlight_by_word_index() -> None:
    t = _with_highlights([{"startWordIndex": 0, "endWordIndex": 2, "name": "Greeting", "color": "red"}])
    assert t.highlights == [Highlight(450, 1790, "Greeting", {"color": "red"})]
    out = json.loads(scribekit.dumps(t, "amberscript-json"))["highlights"]
    assert out == [{"start": 0.45, "end": 1.79, "label": "Greeting", "color": "red"}]


def test_highlight_without_label() -> None:
    t = _with_highlights([{"start": 1, "end": 2}])
    assert t.highlights == [Highlight(1000, 2000, None, {})]


@pytest.mark.parametrize("item, message", [
    ("just text", "expected an object"),
    ({"label": "no range"}, "no start and end"),
    ({"start": "1", "end": 2}, "must both be numbers"),
    ({"startWordIndex": 500, "endWordIndex": 501}, "does not fit the 93 words"),
    ({"startWordIndex": 5, "endWordIndex": 2}, "does not fit"),
    ({"start": 5, "end": 2}, "ends before it starts"),
])
def test_odd_highlights_warn_and_are_skipped(item: Any, message: str) -> None:
    with pytest.warns(ScribekitWarning, match=message):
        t = _with_highlights([item, {"start": 1, "end": 2, "label": "kept"}])
    assert [h.label for h in t.highlights] == ["kept"]


def test_highlights_not_a_list_warn() -> None:
    with pytest.warns(ScribekitWarning, match="highlights must be a list"):
        t = _with_highlights({"start": 1})
    assert t.highlights == []
    assert _with_highlights(None).highlights == []


# --- bad shapes ----------------------------------------------------------------------------

def _broken(change: Any) -> dict[str, Any]:
    obj = _sample()
    change(obj)
    return obj


@pytest.mark.parametrize("change, message", [
    (lambda o: o.__setitem__("segments", {"a": 1}), "segments must be a list, found an object"),
    (lambda o: o["segments"][2]["words"][1].pop("start"), "segment 3, word 2: no start time"),
    (lambda o: o["segments"][1]["words"][11].__setitem__("start", "8.1"),
     "segment 2, word 12: start time must be a number of seconds, found a string"),
    (lambda o: o["segments"][0]["words"][0].__setitem__("text", 42), "segment 1, word 1: text must be a string"),
    (lambda o: o["segments"][0]["words"][0].__setitem__("conf", "high"), "segment 1, word 1: conf must be a number"),
    (lambda o: o["segments"][0]["words"][0].update(end=None, duration=None), "segment 1, word 1: no end time"),
    (lambda o: o["segments"][0].__setitem__("words", "Good morning"), "segment 1: words must be a list"),
    (lambda o: o["segments"].__setitem__(0, []), "segment 1: expected an object, found a list"),
    (lambda o: o.__setitem__("speakers", "spk1"), "speakers must be a list"),
    (lambda o: o["speakers"][0].pop("spkid"), "speaker 1: spkid must be a string"),
    (lambda o: o.__setitem__("startTimeOffset", "0"), "startTimeOffset must be a number"),
])
def test_bad_shapes_name_what_and_where(change: Any, message: str) -> None:
    with pytest.raises(ReadError, match=message):
        _loads(_broken(change))


def test_not_finite_times_are_refused() -> None:
    text = CURRENT.read_text(encoding="utf-8").replace('"start": 0.45', '"start": NaN', 1)
    with pytest.raises(ReadError, match="segment 1, word 1: start time must be a number"):
        scribekit.loads(text, format="amberscript-json")


def test_missing_end_falls_back_to_duration() -> None:
    obj = _sample()
    del obj["segments"][0]["words"][0]["end"]
    obj["segments"][0]["words"][0]["duration"] = 0.25
    assert _loads(obj).words[0].end == 700


def test_end_before_start_is_repaired_with_a_warning() -> None:
    obj = _sample()
    obj["segments"][0]["words"][0]["end"] = 0.1
    with pytest.warns(ScribekitWarning, match="segment 1, word 1: ends before it starts"):
        t = _loads(obj)
    assert (t.words[0].start, t.words[0].end) == (450, 450)


def test_empty_words_are_skipped_with_a_warning() -> None:
    obj = _sample()
    obj["segments"][0]["words"][1]["text"] = "  "
    with pytest.warns(ScribekitWarning, match="skipped 1 word"):
        t = _loads(obj)
    assert len(t.words) == 92


def test_other_json_is_not_amberscript() -> None:
    with pytest.raises(ReadError, match="expected an Amberscript JSON object, found a list"):
        scribekit.loads('[{"words": []}]', format="amberscript-json")


# --- the deprecated JSON shape -------------------------------------------------------------

def test_deprecated_sample() -> None:
    t = _clean_load(DEPRECATED)
    current = _clean_load(CURRENT)
    assert _times(t) == _times(current)
    assert t.speakers == current.speakers
    assert [s.speaker for s in t.segments] == [s.speaker for s in current.segments]
    assert all(w.confidence is None and w.extra is None for w in t.words)
    assert t.highlights == []
    assert t.metadata.time_offset == 0
    assert t.metadata.extra == current.metadata.extra
    assert t.metadata.filename == "interview-deprecated.json"  # no filename inside: the file's name
    assert scribekit.loads(DEPRECATED.read_bytes()).metadata.filename is None


def test_deprecated_is_written_in_the_current_shape() -> None:
    out = json.loads(scribekit.dumps(scribekit.load(DEPRECATED), "amberscript-json"))
    word = out["segments"][0]["words"][0]
    assert word == {"start": 0.45, "end": 0.79, "duration": 0.34, "text": "Good", "conf": None, "pristine": True}
    assert out["startTimeOffset"] == 0.0 and out["highlights"] == []


# --- the deprecated XML --------------------------------------------------------------------

def test_xml_sample_matches_the_json_export() -> None:
    t = _clean_load(XML)
    current = _clean_load(CURRENT)
    assert _times(t) == _times(current)
    assert t.speakers == current.speakers
    assert [s.speaker for s in t.segments] == [s.speaker for s in current.segments]
    assert len(t.words) == 93
    assert t.words[0] == Word("Good", 450, 790)
    assert t.words[-1] == Word("coffee.", 48720, 49170)
    assert t.metadata.source == "amberscript-xml"
    assert t.metadata.filename == "interview.mp3"
    assert t.metadata.extra == {"id": "65f1c2a9e4b0a71d2c3e4f50"}


def test_xml_detected_without_format_argument() -> None:
    assert detect(XML.read_bytes()).name == "amberscript-xml"
    assert detect(XML.read_bytes(), filename="x.xml").name == "amberscript-xml"
    from scribekit.formats import amberscript_xml

    assert amberscript_xml.sniff("\ufeff<!-- <tt> --><AudioDoc name='x'/>")
    assert amberscript_xml.sniff('<?xml version="1.0"?>\n<!DOCTYPE AudioDoc>\n<AudioDoc/>')
    assert not amberscript_xml.sniff('<?xml version="1.0"?><tt xmlns="http://www.w3.org/ns/ttml"/>')
    assert not amberscript_xml.sniff("1\n00:00:01,000 --> 00:00:02,000\n<AudioDoc>\n")


def test_xml_has_no_writer() -> None:
    with pytest.raises(scribekit.UnknownFormatError):
        scribekit.dumps(Transcript(), "amberscript-xml")


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE AudioDoc [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<AudioDoc name="x" path="y">
  <SpeakerList><Speaker spkid="spk1">&lol9;</Speaker></SpeakerList>
  <SegmentList><SpeechSegment spkid="spk1"><word stime="0" dur="1">&lol9;</word></SpeechSegment></SegmentList>
</AudioDoc>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE AudioDoc [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<AudioDoc name="x" path="y">
  <SegmentList><SpeechSegment spkid="spk1"><word stime="0" dur="1">&xxe;</word></SpeechSegment></SegmentList>
</AudioDoc>
"""


@pytest.mark.parametrize("document, line", [(BILLION_LAUGHS, 3), (EXTERNAL_ENTITY, 2)])
def test_xml_entities_are_never_expanded(document: str, line: int) -> None:
    assert detect(document.encode()).name == "amberscript-xml"
    with pytest.raises(ReadError, match="declares entities") as info:
        scribekit.loads(document)
    assert info.value.line == line
    assert "root:" not in str(info.value)
    assert "lollol" not in str(info.value)


def test_xml_external_dtd_is_not_loaded() -> None:
    document = ('<?xml version="1.0"?>\n<!DOCTYPE AudioDoc SYSTEM "file:///etc/passwd">\n'
                '<AudioDoc><SegmentList><SpeechSegment spkid="a"><word stime="1" dur="0.5">ok</word>'
                '</SpeechSegment></SegmentList></AudioDoc>\n')
    t = scribekit.loads(document, format="amberscript-xml")
    assert t.words == [Word("ok", 1000, 1500)]


def test_xml_syntax_error_names_the_line() -> None:
    broken = XML.read_text(encoding="utf-8").replace("</word>", "</wrd>", 3)
    with pytest.raises(ReadError, match="not well-formed XML") as info:
        scribekit.loads(broken, format="amberscript-xml")
    assert info.value.line == 10


def test_xml_truncated() -> None:
    text = XML.read_text(encoding="utf-8")
    with pytest.raises(ReadError, match="not well-formed XML"):
        scribekit.loads(text[: len(text) // 2])


@pytest.mark.parametrize("old, new, message", [
    ('<word stime="0.45" ', '<word ', "segment 1, word 1: no stime"),
    ('stime="0.45"', 'stime="soon"', "segment 1, word 1: stime='soon' is not a number"),
    ('dur="0.34000003"', 'dur="inf"', "dur='inf' is not a number"),
])
def test_xml_bad_words_name_the_word_and_line(old: str, new: str, message: str) -> None:
    text = XML.read_text(encoding="utf-8").replace(old, new, 1)
    with pytest.raises(ReadError, match=message) as info:
        scribekit.loads(text, format="amberscript-xml")
    assert info.value.line == 10


def test_xml_with_another_root_is_refused() -> None:
    with pytest.raises(ReadError, match="root element is <Other>"):
        scribekit.loads("<Other/>", format="amberscript-xml")


def test_xml_with_a_latin1_declaration_read_from_bytes() -> None:
    text = XML.read_text(encoding="utf-8").replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
    t = scribekit.loads(text.encode("latin-1"), format="amberscript-xml", encoding="latin-1")
    assert t.speakers[1].name == "Léa"
    assert len(t.words) == 93


# --- properties ----------------------------------------------------------------------------

word_text = st.text(st.characters(blacklist_categories=("Cs", "Zs", "Zl", "Zp", "Cc")), min_size=1, max_size=12)


@st.composite
def transcripts(draw: st.DrawFn) -> Transcript:
    t = draw(st.integers(0, 10_000_000))
    segments = []
    for _ in range(draw(st.integers(0, 5))):
        words = []
        for _ in range(draw(st.integers(1, 12))):
            text = draw(word_text.filter(lambda s: s.strip() == s and s))
            duration = draw(st.integers(0, 3000))
            confidence = draw(st.none() | st.floats(0, 1))
            words.append(Word(text, t, t + duration, confidence))
            t += duration + draw(st.integers(0, 2000))
        segments.append(Segment(draw(st.sampled_from(["spk1", "spk2", "spk7"])), words))
    speakers = [Speaker("spk1", draw(word_text)), Speaker("spk2", "Léa"), Speaker("spk7", "Jonas")]
    transcript = Transcript(segments=segments, speakers=speakers)
    transcript.metadata.time_offset = draw(st.sampled_from([0, 1500, 3_600_000]))
    return transcript


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(transcripts())
def test_random_transcripts_survive_amberscript_json(transcript: Transcript) -> None:
    out = scribekit.dumps(transcript, "amberscript-json")
    back = scribekit.loads(out)
    assert _times(back) == _times(transcript)
    assert [w.confidence for w in back.words] == [w.confidence for w in transcript.words]
    assert [back.speaker_name(s.speaker) for s in back.segments] == [
        transcript.speaker_name(s.speaker) for s in transcript.segments]
    assert back.metadata.time_offset == transcript.metadata.time_offset


def test_highlight_word_indexes_count_blank_words_too() -> None:
    obj = _sample()
    obj["segments"][0]["words"][1]["text"] = ""
    obj["highlights"] = [{"startWordIndex": 2, "endWordIndex": 2, "label": "and"}]
    with pytest.warns(ScribekitWarning, match="skipped 1 word"):
        t = _loads(obj)
    assert t.highlights == [Highlight(1500, 1790, "and", {})]
