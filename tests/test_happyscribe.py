"""HappyScribe JSON exports: the block array, token spacing, zips of several, and the writer."""
from __future__ import annotations

import io
import json
import warnings
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import scribekit
from scribekit import ReadError, ScribekitWarning, Segment, Speaker, Transcript, Word
from scribekit.formats import detect, happyscribe_json

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SAMPLE = SAMPLES / "happyscribe" / "interview.json"
ZIP = SAMPLES / "happyscribe" / "exports.zip"
AMBERSCRIPT = SAMPLES / "amberscript" / "interview.json"


def _clean_load(path: Path) -> Transcript:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return scribekit.load(path)


def _times(t: Transcript) -> list[tuple[str, int, int]]:
    return [(w.text, w.start, w.end) for w in t.words]


def _read(blocks: Any) -> Transcript:
    return scribekit.loads(json.dumps(blocks), format="happyscribe-json")


def _token(text: str, start: float | None, end: float | None, kind: str = "word",
           confidence: float | None = 0.9) -> dict[str, Any]:
    token: dict[str, Any] = {"text": text, "type": kind}
    if start is not None:
        token["data_start"] = start
    if end is not None:
        token["data_end"] = end
    if confidence is not None:
        token["confidence"] = confidence
    return token


def _block(tokens: list[dict[str, Any]], number: int | None = 1, name: str | None = "Speaker 1") -> dict[str, Any]:
    return {"speaker": name, "speaker_number": number, "data_start": 0, "data_end": 0, "words": tokens}


# --- the sample ----------------------------------------------------------------------------

def test_sample_starts_with_a_bom() -> None:
    assert SAMPLE.read_bytes().startswith(b"\xef\xbb\xbf")


def test_sample_value_by_value() -> None:
    t = _clean_load(SAMPLE)
    assert t.speakers == [Speaker("spk1", "Interviewer"), Speaker("spk2", "Léa"), Speaker("spk3", "Jonas")]
    assert [s.speaker for s in t.segments] == ["spk1", "spk2", "spk1", "spk2", "spk3", "spk2", "spk1", "spk3"]
    assert len(t.words) == 93
    assert t.words[0] == Word("Good", 450, 790, 0.92)
    assert t.words[-1] == Word("coffee.", 48720, 49170, 0.95)  # "coffee" + a punctuation token
    zurich = t.segments[0].words[-1]
    assert zurich == Word("Zürich.", 6660, 7110, 1.0)
    assert t.segments[2].text == "What did you learn?"
    assert t.metadata.source == "happyscribe-json"
    assert t.metadata.filename == "interview.json"
    assert t.highlights == [] and t.cues is None


def test_sample_gives_the_same_words_as_the_amberscript_export() -> None:
    happy, amber = _clean_load(SAMPLE), _clean_load(AMBERSCRIPT)
    assert _times(happy) == _times(amber)
    assert [w.confidence for w in happy.words] == [w.confidence for w in amber.words]
    assert happy.speakers == amber.speakers


def test_detected_without_format_argument() -> None:
    data = SAMPLE.read_bytes()
    assert scribekit.loads(data).metadata.source == "happyscribe-json"
    assert scribekit.loads(data) == scribekit.loads(data, format="happyscribe-json")
    assert scribekit.loads(data, format="happyscribe").words[0].text == "Good"
    assert detect(ZIP.read_bytes()).name == "happyscribe-json"


# --- tokens and spacing --------------------------------------------------------------------

def test_leading_spaces_and_glued_punctuation() -> None:
    t = _read([_block([_token("Hello", 1.25, 1.75, confidence=0.95), _token(" world", 1.75, 2.3, confidence=0.96),
                       _token(",", 2.3, 2.35, "punctuation", None), _token(" again", 2.5, 2.9),
                       _token("!", None, None, "punctuation", None)])])
    assert t.words == [Word("Hello", 1250, 1750, 0.95), Word("world,", 1750, 2350, 0.96),
                       Word("again!", 2500, 2900, 0.9)]


def test_whitespace_token_only_separates() -> None:
    t = _read([_block([_token("Hello", 1, 1.5), _token(" ", 1.5, 1.6, "spacing", None), _token("world", 1.6, 2),
                       _token(".", 2, 2, "punctuation", None)])])
    assert [w.text for w in t.words] == ["Hello", "world."]
    assert t.words[1].start == 1600


def test_punctuation_with_a_space_before_is_kept_as_its_own_word() -> None:
    t = _read([_block([_token("Wait", 1, 1.5), _token(" -", 1.5, 1.6, "punctuation", None),
                       _token(" what", 1.7, 2)])])
    assert [w.text for w in t.words] == ["Wait", "-", "what"]
    assert t.words[1] == Word("-", 1500, 1600, None)


def test_punctuation_without_times_takes_the_end_before_it() -> None:
    t = _read([_block([_token("Wait", 1, 1.5), _token(" …", None, None, "punctuation", None),
                       _token(" what", 1.7, 2)])])
    assert t.words[1] == Word("…", 1500, 1500, None)


def test_tokens_without_spaces_are_one_word_each() -> None:
    t = _read([_block([_token("Hello", 1, 1.5), _token("world", 1.5, 2), _token(".", 2, 2.1, "punctuation", None),
                       _token("«", 2.2, 2.2, "punctuation", None), _token("Yes", 2.3, 2.6),
                       _token("»", 2.6, 2.6, "punctuation", None)]),
               _block([_token("Bye", 3, 3.5)], 2, "Léa")])
    assert _times(t) == [("Hello", 1000, 1500), ("world.", 1500, 2100), ("«Yes»", 2200, 2600), ("Bye", 3000, 3500)]


def test_space_in_a_blocks_first_token_does_not_make_a_file_spaced() -> None:
    t = _read([_block([_token(" Hello", 1, 1.5), _token("world", 1.5, 2)]), _block([_token(" Bye", 3, 3.5)])])
    assert [w.text for w in t.words] == ["Hello", "world", "Bye"]


def test_no_break_space_keeps_french_punctuation_on_its_word() -> None:
    t = _read([_block([_token("Vraiment", 1, 1.5), _token("\u00a0?", 1.5, 1.6, "punctuation", None),
                       _token(" Oui", 2, 2.3)])])
    assert [w.text for w in t.words] == ["Vraiment\u00a0?", "Oui"]


def test_confidence_of_a_merged_word_is_the_lowest() -> None:
    t = _read([_block([_token("Hi", 1, 1.5, confidence=0.8), _token("-", 1.5, 1.5, "word", 0.99),
                       _token("fi", 1.5, 2, confidence=0.6), _token(" there", 2, 2.5, confidence=None)])])
    assert t.words == [Word("Hi-fi", 1000, 2000, 0.6), Word("there", 2000, 2500, None)]


def test_speakers_from_number_or_name() -> None:
    t = _read([_block([_token("a", 0, 1)], 3, "Jonas"), _block([_token(" b", 1, 2)], None, "Guest"),
               _block([_token(" c", 2, 3)], 4, None), _block([_token(" d", 3, 4)], None, None),
               _block([_token(" e", 4, 5)], 3, "Jonas")])
    assert t.speakers == [Speaker("spk3", "Jonas"), Speaker("Guest", "Guest"), Speaker("spk4", "Speaker 4")]
    assert [s.speaker for s in t.segments] == ["spk3", "Guest", "spk4", None, "spk3"]


def test_empty_export_and_empty_blocks() -> None:
    assert scribekit.loads("[]", format="happyscribe-json").segments == []
    t = _read([_block([]), _block([_token("x", 1, 2)], 2, "B")])
    assert [s.speaker for s in t.segments] == ["spk2"]


@pytest.mark.parametrize("blocks, message", [
    ({"words": []}, "expected a HappyScribe JSON array|not of the happyscribe-json shape"),
    ([_block([_token("a", 0, 1)]), "oops"], "block 2: expected an object, found a string"),
    ([{"speaker": "A", "words": {"text": "a"}}], "block 1: words must be a list"),
    ([_block([_token("a", 0, 1), {"text": " b", "type": "word", "data_end": 2}])], "block 1, word 2: no data_start"),
    ([_block([_token("a", 0, 1), {"text": 7, "type": "word", "data_start": 1}])],
     "block 1, word 2: text must be a string"),
    ([_block([_token("a", "0", 1)])], "block 1, word 1: data_start must be a number of seconds, found a string"),
    ([_block([_token("a", 0, 1, confidence="high")])], "confidence must be a number"),  # type: ignore[arg-type]
    ([_block([_token("a", 0, 1)], number="one")], "block 1: speaker_number must be an integer"),  # type: ignore[arg-type]
    ([_block([_token("a", 0, 1)], name=5)], "block 1: speaker must be a string"),  # type: ignore[arg-type]
])
def test_bad_shapes_name_what_and_where(blocks: Any, message: str) -> None:
    with pytest.raises(ReadError, match=message):
        _read(blocks)


# --- zips of exports -----------------------------------------------------------------------

def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return buffer.getvalue()


def _export(word: str, bom: bool = False) -> bytes:
    body = json.dumps([_block([_token(word, 1, 2)])]).encode()
    return b"\xef\xbb\xbf" + body if bom else body


def test_zip_sample_holds_two_exports_sorted_by_name() -> None:
    transcripts = scribekit.load_all(ZIP)
    assert [t.metadata.filename for t in transcripts] == ["followup.json", "interview.json"]
    followup, interview = transcripts
    assert [len(t.words) for t in transcripts] == [20, 93]
    assert followup.speakers == [Speaker("spk1", "Interviewer"), Speaker("spk2", "Léa")]
    assert followup.words[0] == Word("One", 800, 1070, 1.0)
    assert followup.words[-1] == Word("H.", 9190, 9410, 0.99)
    assert _times(interview) == _times(scribekit.load(SAMPLE))  # the member has a BOM too
    assert all(t.metadata.source == "happyscribe-json" for t in transcripts)


def test_zip_with_two_exports_is_not_one_transcript() -> None:
    with pytest.raises(ReadError, match="holds 2 transcripts"):
        scribekit.load(ZIP)


def test_zip_with_one_export_loads(tmp_path: Path) -> None:
    path = tmp_path / "one.zip"
    path.write_bytes(_zip({"only.json": _export("Hallo", bom=True)}))
    t = scribekit.load(path)
    assert t.metadata.filename == "only.json"
    assert t.words == [Word("Hallo", 1000, 2000, 0.9)]
    assert scribekit.loads(path.read_bytes(), format="happyscribe-json").words[0].text == "Hallo"


def test_zip_skips_folders_and_macos_litter() -> None:
    data = _zip({"exports/": b"", "exports/b.json": _export("B"), "exports/a.json": _export("A"),
                 "__MACOSX/exports/._a.json": b"\x00\x05\x16\x07junk", ".DS_Store": b"\x00\x00\x00\x01Bud1"})
    transcripts = scribekit.loads_all(data)
    assert [(t.metadata.filename, t.words[0].text) for t in transcripts] == [("exports/a.json", "A"),
                                                                             ("exports/b.json", "B")]


@pytest.mark.parametrize("body, message", [
    (b'[{"words": [', "broken.json: not valid JSON"),
    (b'{"segments": []}', "broken.json: not a HappyScribe JSON export"),
    (b"\xff\xfe\x00garbage", "broken.json: not UTF-8"),
    (json.dumps([_block([{"text": "a", "type": "word"}])]).encode(), "broken.json: block 1, word 1: no data_start"),
])
def test_zip_member_that_is_not_an_export_is_named(body: bytes, message: str) -> None:
    data = _zip({"good.json": _export("ok"), "broken.json": body})
    with pytest.raises(ReadError, match=message):
        scribekit.loads_all(data)


def test_zip_with_a_corrupt_member(tmp_path: Path) -> None:
    # stored uncompressed, so a flipped byte shows as a CRC error
    data = bytearray(_zip({"a.json": _export("fine"), "b.json": _export("second")}, zipfile.ZIP_STORED))
    where = data.index(b"second")
    data[where] ^= 0x20
    path = tmp_path / "exports.zip"
    path.write_bytes(bytes(data))
    with pytest.raises(ReadError, match="b.json: corrupt or unreadable") as info:
        scribekit.load_all(path)
    assert str(path) in str(info.value)


def test_zip_with_a_corrupt_deflate_stream() -> None:
    body = json.dumps([_block([_token(f"w{i}", i, i + 1) for i in range(200)])]).encode()
    data = bytearray(_zip({"a.json": body}))
    start = data.index(b"a.json") + len("a.json")
    for i in range(start + 20, start + 60):
        data[i] ^= 0xFF
    with pytest.raises(ReadError, match="a.json: corrupt or unreadable"):
        scribekit.loads_all(bytes(data))


def test_zip_bomb_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    assert happyscribe_json.MAX_MEMBER_BYTES == 200 << 20
    monkeypatch.setattr(happyscribe_json, "MAX_MEMBER_BYTES", 10_000)
    padding = b" " * 50_000  # compresses to almost nothing
    data = _zip({"a.json": _export("ok"), "bomb.json": b"[" + padding + b"]"})
    assert len(data) < 2_000
    with pytest.raises(ReadError, match="bomb.json: 50002 bytes uncompressed, over the limit.*zip bomb"):
        scribekit.loads_all(data)


def test_zip_member_lying_about_its_size_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(happyscribe_json, "MAX_MEMBER_BYTES", 10_000)
    data = bytearray(_zip({"bomb.json": b"[" + b" " * 50_000 + b"]"}))
    true_size = (50_002).to_bytes(4, "little")
    # rewrite the uncompressed size in the local header and the central directory to 100 bytes
    for _ in range(2):
        where = data.index(true_size)
        data[where:where + 4] = (100).to_bytes(4, "little")
    with pytest.raises(ReadError, match="bomb.json"):
        scribekit.loads_all(bytes(data))


def test_empty_and_broken_zips() -> None:
    with pytest.raises(ReadError, match="holds no .json file"):
        scribekit.loads_all(_zip({}))
    with pytest.raises(ReadError, match="holds no .json file"):
        scribekit.loads_all(_zip({"folder/": b""}))
    docx_like = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
    with pytest.raises(ReadError, match="an Office document") as refused:
        scribekit.loads_all(docx_like)
    assert refused.value.hint == "scribekit writes DOCX but does not read it"
    with pytest.raises(ReadError, match="not a readable zip archive"):
        scribekit.loads_all(_zip({"a.json": _export("x")})[:40])


# --- the writer ----------------------------------------------------------------------------

def test_writer_shape() -> None:
    t = Transcript(segments=[Segment("spk2", [Word("Hello,", 1250, 1750, 0.95), Word("world.", 1800, 2301)]),
                             Segment("guest", [Word("Hi!", 3000, 3400, 1.0)]), Segment(None, [Word("x", 4000, 4001)])],
                   speakers=[Speaker("spk2", "Léa")])
    out = scribekit.dumps(t, "happyscribe-json")
    assert isinstance(out, str) and "Léa" in out
    blocks = json.loads(out)
    assert blocks[0] == {"speaker": "Léa", "speaker_number": 2, "data_start": 1.25, "data_end": 2.301, "words": [
        {"text": "Hello,", "type": "word", "data_start": 1.25, "data_end": 1.75, "confidence": 0.95},
        {"text": " world.", "type": "word", "data_start": 1.8, "data_end": 2.301, "confidence": None}]}
    assert (blocks[1]["speaker"], blocks[1]["speaker_number"]) == ("guest", 1)
    assert (blocks[2]["speaker"], blocks[2]["speaker_number"]) == (None, None)
    back = scribekit.loads(out)
    assert _times(back) == _times(t)
    assert [back.speaker_name(s.speaker) for s in back.segments] == ["Léa", "guest", None]


def test_writer_warns_that_highlights_have_no_place() -> None:
    t = scribekit.load(AMBERSCRIPT)
    with pytest.warns(ScribekitWarning, match="highlights"):
        scribekit.dumps(t, "happyscribe-json")


def test_round_trip_happyscribe_model_happyscribe() -> None:
    original = _clean_load(SAMPLE)
    back = scribekit.loads(scribekit.dumps(original, "happyscribe-json"))
    assert back.segments == original.segments
    assert back.speakers == original.speakers


def test_amberscript_to_happyscribe_and_back() -> None:
    amber = _clean_load(AMBERSCRIPT)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)  # highlights left out
        happy = scribekit.loads(scribekit.dumps(amber, "happyscribe-json"))
    assert _times(happy) == _times(amber)
    assert [w.confidence for w in happy.words] == [w.confidence for w in amber.words]
    assert [happy.speaker_name(s.speaker) for s in happy.segments] == [
        amber.speaker_name(s.speaker) for s in amber.segments]
    # and the other way
    again = scribekit.loads(scribekit.dumps(happy, "amberscript-json"))
    assert _times(again) == _times(amber)
    assert [again.speaker_name(s.speaker) for s in again.segments] == [
        amber.speaker_name(s.speaker) for s in amber.segments]


def test_subtitle_shaped_transcript_is_written_from_its_cues() -> None:
    t = Transcript(cues=[scribekit.Cue(1000, 2000, ["Hello there"], speaker="spk1")])
    blocks = json.loads(scribekit.dumps(t, "happyscribe-json"))
    assert [w["text"] for w in blocks[0]["words"]] == ["Hello", " there"]
    assert blocks[0]["data_start"] == 1.0 and blocks[0]["data_end"] == 2.0


# --- properties ----------------------------------------------------------------------------

word_text = st.text(st.characters(blacklist_categories=("Cs", "Z", "Cc")), min_size=1, max_size=12).filter(
    lambda s: s.strip() == s and not any(ch.isspace() for ch in s))


@st.composite
def transcripts(draw: st.DrawFn) -> Transcript:
    t = draw(st.integers(0, 10_000_000))
    segments = []
    for _ in range(draw(st.integers(0, 5))):
        words = []
        for _ in range(draw(st.integers(1, 10))):
            duration = draw(st.integers(0, 3000))
            words.append(Word(draw(word_text), t, t + duration, draw(st.none() | st.floats(0, 1))))
            t += duration + draw(st.integers(0, 2000))
        segments.append(Segment(draw(st.sampled_from(["spk1", "spk2", "Host"])), words))
    speakers = [Speaker("spk1", draw(word_text)), Speaker("spk2", "Léa")]
    return Transcript(segments=segments, speakers=speakers)


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(transcripts())
def test_random_transcripts_survive_happyscribe_json(transcript: Transcript) -> None:
    out = scribekit.dumps(transcript, "happyscribe-json")
    back = scribekit.loads(out)
    assert _times(back) == _times(transcript)
    assert [w.confidence for w in back.words] == [w.confidence for w in transcript.words]
    assert [back.speaker_name(s.speaker) for s in back.segments] == [
        transcript.speaker_name(s.speaker) for s in transcript.segments]


@settings(max_examples=100, deadline=None)
@given(transcripts())
def test_random_transcripts_move_between_providers(transcript: Transcript) -> None:
    via_happy = scribekit.loads(scribekit.dumps(transcript, "happyscribe-json"))
    via_amber = scribekit.loads(scribekit.dumps(via_happy, "amberscript-json"))
    assert _times(via_amber) == _times(transcript)
    assert [via_amber.speaker_name(s.speaker) for s in via_amber.segments] == [
        transcript.speaker_name(s.speaker) for s in transcript.segments]
