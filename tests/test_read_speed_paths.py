"""The quick ways the JSON readers take through common words give what the checking way gives: the
same transcripts, warnings and errors, for any word (hostile values too); and the collector is on again
after reading, whatever the outcome."""
from __future__ import annotations

import gc
import json
import re
import warnings
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scribekit import ScribekitError, formats
from scribekit.errors import ReadError
from scribekit.formats import amberscript_json, happyscribe_json, scribekit_json, whisper
from scribekit.model import Speaker, Word
from scribekit.segmentation import accelerator


def outcome(data: bytes, fmt: str) -> tuple[Any, list[str]]:
    """What reading ``data`` gives: the transcripts' repr or the error, with the warnings."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result: Any = repr(formats.read_all(data, fmt))
        except ScribekitError as exc:
            result = (type(exc).__name__, str(exc), exc.hint, exc.line)
    return result, [str(w.message) for w in caught]


def checked_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The readers with their quick ways off: every word through the checking code."""
    def read_words(words_raw: list[Any], offset: int, s: int) -> tuple[list[Word], int]:
        words = [amberscript_json._read_word(raw, offset, f"segment {s}, word {w}")
                 for w, raw in enumerate(words_raw, 1)]
        return words, sum(1 for word in words if not word.text)

    monkeypatch.setattr(amberscript_json, "_read_words", read_words)
    monkeypatch.setattr(happyscribe_json, "_plain_block", lambda tokens_raw: None)
    monkeypatch.setattr(whisper, "_plain_words", lambda raw: None)
    monkeypatch.setattr(scribekit_json, "_read_words", lambda words_raw, where: [
        scribekit_json._read_word(raw, f"{where}.words[{i}]") for i, raw in enumerate(words_raw)])


def same_both_ways(data: bytes, fmt: str) -> None:
    quick = outcome(data, fmt)
    with pytest.MonkeyPatch.context() as monkeypatch:
        checked_only(monkeypatch)
        checked = outcome(data, fmt)
    assert quick == checked


# Values where a reader wants a number: mostly plain ones (the quick way), and what it must refuse
# or repair (booleans, strings, NaN, the infinities, negatives, huge integers, ends before starts).
NUMBERS = st.one_of(
    st.floats(min_value=0, max_value=5000, allow_nan=False), st.integers(min_value=0, max_value=5000),
    st.floats(allow_nan=True, allow_infinity=True), st.integers(min_value=-10**30, max_value=10**30),
    st.sampled_from([True, False, None, "1.5", "", [], {}, 10**400, 1e300, -0.0, 0.5, 1.0, 1]))
TEXTS = st.one_of(st.sampled_from(["Hello", " world,", "", " ", "(laughs)", "[music]", "\u00a0a", "a\tb", "x\x01",
                                   "New York", " 10\u00a0000", "¿", " .", "a ", "\u2007b"]),
                  st.text(max_size=6), st.none(), st.integers(0, 3))
CONFIDENCES = st.one_of(st.floats(min_value=0, max_value=1), NUMBERS)
EXTRA = st.one_of(st.just({}), st.just({"pristine": True}), st.just({"pristine": False}),
                  st.just({"speakerConfidence": 0.5}), st.just({"pristine": True, "tag": [1, {"a": None}]}))


def optional(key: str, values: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.one_of(st.just({}), values.map(lambda value: {key: value}))


def merged(*parts: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[dict[str, Any]]:
    return st.tuples(*parts).map(lambda dicts: {k: v for d in dicts for k, v in d.items()})


AMBERSCRIPT_WORDS = st.one_of(
    merged(optional("start", NUMBERS), optional("end", NUMBERS), optional("duration", NUMBERS),
           optional("text", TEXTS), optional("conf", CONFIDENCES), EXTRA),
    st.sampled_from([None, 3, "word", []]))
HAPPYSCRIBE_TOKENS = st.one_of(
    merged(optional("text", TEXTS), optional("type", st.sampled_from(["word", "punctuation", "Word", None, 1])),
           optional("data_start", NUMBERS), optional("data_end", NUMBERS), optional("confidence", CONFIDENCES)),
    st.sampled_from([None, "word"]))


# Words and tokens of the common shape, close to the edges of it: texts with white space of every kind,
# times a little below zero or of an integer number of seconds, lengths of zero.
PLAIN_TEXTS = st.one_of(st.sampled_from(["Hello", "world,", "(applause)", " padded ", ".", "a b", "a\u00a0b", "\tx"]),
                        TEXTS.filter(lambda text: isinstance(text, str)),
                        st.text(alphabet=" \t\n\u00a0\u2007\x01ab(,", max_size=5))
WORD_TEXTS = st.one_of(st.sampled_from(["Hello", "world,", "a b", "a\u00a0b", "\u00a0a", "a\tb", "a\u2003b", "(laughs)",
                                       "."]),
                       st.text(alphabet="ab(,.", min_size=1, max_size=4))
STARTS = st.one_of(st.floats(min_value=0, max_value=1000), st.integers(0, 1000),
                   st.floats(min_value=-0.002, max_value=0),
                   st.sampled_from([0.0005, 0.0015, 2.0005, -0.0005, -0.0015, 999_999_999]))
LENGTHS = st.one_of(st.floats(min_value=0, max_value=5), st.just(0), st.sampled_from([-0.0005, -0.25]))


NEAR_CONFIDENCES = st.one_of(st.none(), st.floats(min_value=0, max_value=1),
                             st.sampled_from([1.5, -0.5, 1, True, float("nan"), float("inf")]))


@st.composite
def plain_amberscript_word(draw: Any, near: bool) -> dict[str, Any]:
    """A word of the common shape, or (``near``) one a step away from it."""
    start = draw(STARTS if near else st.one_of(st.floats(min_value=0, max_value=1000), st.integers(0, 1000)))
    word = {"start": start, "end": start + draw(LENGTHS if near else st.floats(min_value=0, max_value=5)),
            "duration": 0.1, "text": draw(PLAIN_TEXTS if near else WORD_TEXTS),
            "conf": draw(NEAR_CONFIDENCES if near else st.floats(min_value=0, max_value=1)), "pristine": True}
    left_out = draw(st.sets(st.sampled_from(["duration", "conf"])))
    return {**{key: value for key, value in word.items() if key not in left_out}, **draw(EXTRA)}


@st.composite
def amberscript_documents(draw: Any) -> bytes:
    segments = []
    for _ in range(draw(st.integers(1, 3))):
        words = draw(st.lists(st.one_of(plain_amberscript_word(False), plain_amberscript_word(True),
                                        AMBERSCRIPT_WORDS), max_size=5))
        segments.append({"speaker": draw(st.sampled_from(["spk1", "spk2", None])), "words": words})
    document: dict[str, Any] = {"segments": segments, "speakers": []}
    offset = draw(st.sampled_from([None, 0, 2.5, -1.0, 10**9 - 1]))
    if offset is not None:
        document["startTimeOffset"] = offset
    document["highlights"] = [{"startWordIndex": 0, "endWordIndex": draw(st.integers(0, 4))}]
    return json.dumps(document).encode()


@st.composite
def happyscribe_documents(draw: Any) -> bytes:
    spaced = draw(st.booleans())
    blocks = []
    for _ in range(draw(st.integers(1, 3))):
        tokens: list[Any] = []
        plain_only = draw(st.booleans())  # a block all of common tokens, texts aside
        for i in range(draw(st.integers(0, 5))):
            if plain_only or draw(st.booleans()):
                start = draw(st.floats(min_value=0, max_value=1000) if plain_only else STARTS)
                text = draw(WORD_TEXTS if plain_only else PLAIN_TEXTS)
                kind = draw(st.sampled_from(["word"] * 3 + ["punctuation"]))
                glued = not draw(st.integers(0, 3))  # punctuation, say, joining the word before
                tokens.append({"text": (" " if spaced and i and not glued else "") + text, "type": kind,
                               "data_start": start,
                               "data_end": start + draw(st.floats(min_value=0, max_value=5) if plain_only else LENGTHS),
                               "confidence": draw(NEAR_CONFIDENCES)})
            else:
                tokens.append(draw(HAPPYSCRIBE_TOKENS))
        blocks.append({"speaker": "Speaker 1", "speaker_number": draw(st.sampled_from([1, 2, None])),
                       "words": tokens})
    return json.dumps(blocks).encode()


@st.composite
def whisper_documents(draw: Any) -> bytes:
    """openai-whisper's segments, whisperX's speakers, the OpenAI API's top-level words."""
    def word(near: bool) -> dict[str, Any]:
        start = draw(st.floats(min_value=0, max_value=1000))
        item = {draw(st.sampled_from(["word", "word", "text"])): draw(PLAIN_TEXTS if near else WORD_TEXTS),
                "start": start, "end": start + draw(LENGTHS if near else st.floats(min_value=0, max_value=5))}
        key = draw(st.sampled_from(["probability", "score", "confidence", None]))
        if key is not None:
            item[key] = draw(NEAR_CONFIDENCES if near else st.floats(min_value=0, max_value=1))
        if not draw(st.integers(0, 4)):  # whisperX's speakers
            item["speaker"] = draw(st.sampled_from(["SPEAKER_00", "SPEAKER_01"]))
        if near and draw(st.booleans()):
            item[draw(st.sampled_from(["start", "end", "speaker", "probability"]))] = draw(
                st.one_of(NUMBERS, st.sampled_from(["SPEAKER_00", " ", "A"])))
        return item

    def words() -> list[Any]:
        near = draw(st.booleans())
        return [word(near and draw(st.booleans())) for _ in range(draw(st.integers(0, 4)))]

    segments = []
    for _ in range(draw(st.integers(0, 3))):
        segment: dict[str, Any] = {"start": 0.0, "end": draw(st.sampled_from([0.0, 5.0, 2000.0])), "text": " a b",
                                   "words": None if draw(st.booleans()) else words()}
        speaker = draw(st.sampled_from([None, "SPEAKER_00", "SPEAKER_01"]))
        if speaker is not None:
            segment["speaker"] = speaker
        segments.append(segment)
    document: dict[str, Any] = {"text": "a b", "language": "en", "segments": segments}
    if draw(st.booleans()):
        document["words"] = words()
    return json.dumps(document).encode()


@st.composite
def scribekit_documents(draw: Any) -> bytes:
    def word(near: bool) -> Any:
        start = draw(st.integers(0, 10**6))
        item: dict[str, Any] = {"text": draw(WORD_TEXTS), "start": start, "end": start + draw(st.integers(0, 900)),
                                "confidence": draw(st.one_of(st.none(), st.floats(min_value=0, max_value=1)))}
        if draw(st.booleans()):
            item["extra"] = draw(st.sampled_from([None, {}, {"pristine": False}]))
        if draw(st.booleans()):
            item["sound"] = draw(st.booleans())
        if near:
            item[draw(st.sampled_from(["text", "start", "end", "confidence", "extra", "sound"]))] = draw(st.one_of(
                NUMBERS, st.sampled_from([10**12, 10**12 + 1, -10**12, 5.0, 2.5, "", [], {"a": 1}]), TEXTS))
        return item

    segments = [{"speaker": draw(st.sampled_from([None, "A"])),
                 "words": [word(not draw(st.integers(0, 3))) for _ in range(draw(st.integers(0, 4)))]}
                for _ in range(draw(st.integers(0, 3)))]
    return json.dumps({"scribekit": 1, "segments": segments}).encode()


@settings(max_examples=300, deadline=None)
@given(scribekit_documents())
def test_scribekit_json_quick_way_is_the_checked_way(data: bytes) -> None:
    same_both_ways(data, "json")


@settings(max_examples=300, deadline=None)
@given(whisper_documents())
def test_whisper_quick_way_is_the_checked_way(data: bytes) -> None:
    same_both_ways(data, "whisper")


@settings(max_examples=300, deadline=None)
@given(amberscript_documents())
def test_amberscript_quick_way_is_the_checked_way(data: bytes) -> None:
    same_both_ways(data, "amberscript-json")


@settings(max_examples=300, deadline=None)
@given(happyscribe_documents())
def test_happyscribe_quick_way_is_the_checked_way(data: bytes) -> None:
    same_both_ways(data, "happyscribe-json")


def amberscript(*words: dict[str, Any], offset: float = 0.0) -> bytes:
    return json.dumps({"startTimeOffset": offset, "segments": [{"speaker": "spk1", "words": list(words)}]}).encode()


def test_amberscript_keeps_what_the_model_has_no_place_for() -> None:
    plain = {"start": 1, "end": 2.5, "duration": 1.5, "text": " a ", "conf": 0.5, "pristine": True}
    words = formats.read_all(amberscript(plain, {**plain, "speakerConfidence": 0.7},
                                         {**plain, "pristine": False}), "amberscript-json")[0].words
    assert [(w.text, w.start, w.end, w.confidence, w.extra) for w in words] == [
        ("a", 1000, 2500, 0.5, None), ("a", 1000, 2500, 0.5, {"speakerConfidence": 0.7}),
        ("a", 1000, 2500, 0.5, {"pristine": False})]


def test_amberscript_confidence_beyond_one_and_integer_is_kept_as_a_float() -> None:
    words = formats.read_all(amberscript({"start": 0, "end": 1, "text": "a", "conf": 1.5},
                                         {"start": 0, "end": 1, "text": "b", "conf": 1}), "amberscript-json")[0].words
    assert [(w.confidence, type(w.confidence)) for w in words] == [(1.5, float), (1.0, float)]


@pytest.mark.parametrize(("value", "found"), [(True, "a boolean"), ("1.0", "a string"),
                                              (float("nan"), "a number out of range"),
                                              (float("inf"), "a number out of range")])
def test_amberscript_refuses_what_is_not_a_number(value: Any, found: str) -> None:
    with pytest.raises(ReadError, match=f"^segment 1, word 2: start time must be a number of seconds, found {found}$"):
        formats.read_all(amberscript({"start": 0, "end": 1, "text": "a"}, {"start": value, "end": 2, "text": "b"}),
                         "amberscript-json")


def test_amberscript_repairs_as_before() -> None:
    """A negative start is kept (rounded half away from zero), an end before the start moved up to it (with
    a warning), a time past the model's range after the offset refused."""
    with pytest.warns(Warning, match=r"^segment 1, word 2: ends before it starts \(2.0 < 3.0 s\); its end"):
        data = amberscript({"start": -1, "end": 2, "text": "a"}, {"start": 3, "end": 2, "text": "b"},
                           {"start": -0.0005, "end": 0.0005, "text": "c"})
        words = formats.read_all(data, "amberscript-json")[0].words
    assert [(w.start, w.end) for w in words] == [(-1000, 2000), (3000, 3000), (-1, 1)]
    with pytest.raises(ReadError, match="^segment 1, word 1: end of 1000000001000 ms is out of range"):
        formats.read_all(amberscript({"start": 0, "end": 999_999_999, "text": "a"}, offset=2.0), "amberscript-json")


def test_happyscribe_spaced_tokens_make_the_same_words() -> None:
    """Tokens carrying their spacing: glued punctuation, several words in a token and no-break spaces
    give what the file says, however many tokens are plain."""
    def token(text: str, start: float) -> dict[str, Any]:
        return {"text": text, "type": "word", "data_start": start, "data_end": start + 0.5, "confidence": 0.9}

    blocks = [{"speaker_number": 1, "words": [token("Hello", 0), token(" world", 1)]},
              {"speaker_number": 2, "words": [token("New", 2), token(" York", 3), token(",", 4),
                                              token(" 10\u00a0000", 5), token(" two words", 6)]},
              {"speaker_number": 1, "words": [token("One", 7), token(" more words", 8)]},
              {"speaker_number": 2, "words": [token("The", 9), token(" \u00a0end\u00a0", 10)]}]
    words = formats.read_all(json.dumps(blocks).encode(), "happyscribe-json")[0].words
    assert [(w.text, w.start, w.end) for w in words] == [
        ("Hello", 0, 500), ("world", 1000, 1500), ("New", 2000, 2500), ("York,", 3000, 4500),
        ("10\u00a0000", 5000, 5500), ("two", 6000, 6500), ("words", 6000, 6500),
        ("One", 7000, 7500), ("more", 8000, 8500), ("words", 8000, 8500), ("The", 9000, 9500), ("end", 10000, 10500)]


def test_collector_on_again_after_a_reader_fails() -> None:
    assert gc.isenabled()
    with pytest.raises(ReadError):
        formats.read_all(amberscript({"start": "x", "end": 1, "text": "a"}), "amberscript-json")
    assert gc.isenabled()
    formats.read_all(amberscript({"start": 0, "end": 1, "text": "a"}), "amberscript-json")
    assert gc.isenabled()
    gc.disable()
    try:
        formats.read_all(amberscript({"start": 0, "end": 1, "text": "a"}), "amberscript-json")
        assert not gc.isenabled()  # paused by the caller: left paused
    finally:
        gc.enable()


def test_collector_still_finds_cycles_and_leaves_frozen_objects_frozen() -> None:
    import weakref

    class Node:
        other: Any = None

    node = Node()
    node.other = node  # a cycle, young when reading starts
    gone = weakref.ref(node)
    del node
    formats.read_all(amberscript({"start": 0, "end": 1, "text": "a"}), "amberscript-json")
    assert gc.get_freeze_count() == 0 and gc.isenabled()
    gc.collect()
    assert gone() is None
    kept = [Node() for _ in range(10)]
    gc.freeze()  # a program's own frozen objects (a server before it forks, say) stay frozen
    try:
        frozen = gc.get_freeze_count()
        formats.read_all(amberscript({"start": 0, "end": 1, "text": "a"}), "amberscript-json")
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
    assert kept


HUGE_INTEGER = 10**400


@pytest.mark.parametrize(("path", "where", "key", "message"), [
    ("azure-speech/fast_transcription_response.json", ("phrases", 0, "words", 0), "offset",
     "phrase 1, word 1: offset is out of range"),
    ("azure-speech/batch_v3_transcriptSample.json", ("recognizedPhrases", 0), "offsetInTicks",
     "phrase 1: offsetInTicks is out of range"),
    ("google-stt/v2_hand_made.json", ("results", 0, "alternatives", 0, "words", 1), "startOffset",
     "result 1, word 2: startOffset is out of range"),
])
def test_an_integer_too_large_for_a_float_is_a_read_error(path: str, where: tuple[Any, ...], key: str,
                                                          message: str) -> None:
    from pathlib import Path

    document = json.loads((Path(__file__).parent / "data" / "asr" / path).read_text(encoding="utf-8"))
    item = document
    for step in where:
        item = item[step]
    for value, said in ((HUGE_INTEGER, message), (-HUGE_INTEGER, message.replace("out of range", "negative"))):
        item[key] = value
        with pytest.raises(ReadError, match=f"^{said}$"):
            formats.read_all(json.dumps(document).encode())


@pytest.mark.parametrize(("value", "found"), [(7, "a number"), (True, "a boolean"), ("x", "a string")])
def test_speechmatics_v1_speakers_not_a_list(value: Any, found: str) -> None:
    from pathlib import Path

    path = Path(__file__).parent / "data" / "asr" / "speechmatics" / "v1_speechmaticsTedTalkTranscript.sample.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["speakers"] = value
    with pytest.raises(ReadError, match=f"^speakers must be a list, found {found}$"):
        formats.read_all(json.dumps(document).encode())


@pytest.mark.parametrize(("word", "message"), [
    ({"text": "a", "start": 0, "end": 10**12 + 1}, "end of 1000000000001 ms is out of range"),
    ({"text": "a", "start": -10**12 - 1, "end": 0}, "start of -1000000000001 ms is out of range"),
    ({"text": "a", "start": 0, "end": 1, "sound": 1}, "sound must be true or false, found a number"),
    ({"text": "a", "start": True, "end": 1}, "start must be an integer (milliseconds), found a boolean"),
])
def test_scribekit_json_word_refused_as_before(word: dict[str, Any], message: str) -> None:
    document = {"scribekit": 1, "segments": [{"words": [{"text": "b", "start": 0, "end": 1}, word]}]}
    with pytest.raises(ReadError, match=f"^segments\\[0\\]\\.words\\[1\\]: {re.escape(message)}( \\(|$)"):
        formats.read_all(json.dumps(document).encode())


def test_scribekit_json_word_kept_as_written() -> None:
    words = [{"text": "a", "start": 0, "end": 1.0, "confidence": 1}, {"text": "b", "start": 5, "end": 2, "sound": True,
                                                                      "extra": {"k": [1]}}]
    read = formats.read_all(json.dumps({"scribekit": 1, "segments": [{"words": words}]}).encode())[0].words
    assert [(w.text, w.start, w.end, w.confidence, w.extra, w.sound) for w in read] == [
        ("a", 0, 1, 1.0, None, False), ("b", 5, 2, None, {"k": [1]}, True)]


# The Amberscript reader's common words read in the C core (segmentation._core.amberscript_words) give what
# the Python loop gives, for any word list: the same words, warnings and errors.
needs_core = pytest.mark.skipif(not getattr(accelerator.core, "amberscript_words", None),
                                reason="the C core is not built (or SCRIBEKIT_PURE_PYTHON is set)")

SPACES = "".join(chr(c) for c in range(0x3001) if chr(c).isspace()) + "\u200b\ufeff\x1c\x85"
EDGE_SECONDS = st.sampled_from([
    0, 0.0, -0.0, -0.0004, 0.0004999, 0.0005, 1e-300, 5e-324, 10**9, 10**9 + 1, 1e9, 999_999_999.9995,
    999_999_999.9994, 1e9 + 0.0001, float(2**53), 2**53 + 1, 2**63, -2**63, 2**64, 10**400, float("nan"),
    float("inf"), float("-inf"), True, False, None, "1", [], {}, 1.5])
HOSTILE_SECONDS = st.one_of(EDGE_SECONDS, st.floats(min_value=-1, max_value=1e9 + 1),
                            st.integers(min_value=-2, max_value=10**9 + 2), st.floats(), st.integers())
HOSTILE_TEXTS = st.one_of(st.text(alphabet=SPACES + "ab", max_size=4), st.sampled_from(SPACES),
                          st.sampled_from(["a", "", " ", "\u00a0", "\u3000a\u3000", None, 1, b"a", ["a"]]),
                          st.text(max_size=3))
HOSTILE_CONFIDENCES = st.one_of(st.sampled_from([0, 1]), st.none(), st.floats(), st.sampled_from(
    [0.0, 1.0, -0.0, 1.5, -0.5, True, False, "0.5", float("nan"), 5e-324, 1.0000000000000002, 0.9999999999999999]))
JSON_VALUES = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=3)),
                           lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                   st.dictionaries(st.text(max_size=3), inner, max_size=3)),
                           max_leaves=6)


@st.composite
def hostile_amberscript_word(draw: Any) -> Any:
    """A word near the common one: each field common, hostile or missing, keys added or left out."""
    word: dict[str, Any] = {}
    start = draw(HOSTILE_SECONDS)
    for key, values in (("start", st.just(start)), ("end", st.one_of(HOSTILE_SECONDS, st.just(start))),
                        ("duration", HOSTILE_SECONDS), ("text", HOSTILE_TEXTS), ("conf", HOSTILE_CONFIDENCES),
                        ("pristine", st.sampled_from([True, True, False, None, 1, "true"]))):
        if draw(st.integers(0, 5)):
            word[key] = draw(values)
    if not draw(st.integers(0, 4)):
        word[draw(st.sampled_from(["speakerConfidence", "Text", "", "pristine", "start"]))] = draw(JSON_VALUES)
    return word


def common_amberscript_word(draw: Any) -> dict[str, Any]:
    start = draw(st.one_of(st.floats(min_value=0, max_value=1e9), st.integers(0, 10**9)))
    return {"start": start, "end": draw(st.one_of(st.just(start), st.floats(min_value=start, max_value=1e9))),
            "duration": 0.1, "text": draw(st.sampled_from(["a", "b ", "(music)"])), "conf": 0.5, "pristine": True}


@st.composite
def word_a_step_off(draw: Any) -> dict[str, Any]:
    """A common word with one or two of its fields hostile, left out, or a key added."""
    word = common_amberscript_word(draw)
    hostile = {"start": HOSTILE_SECONDS, "end": HOSTILE_SECONDS, "duration": HOSTILE_SECONDS, "text": HOSTILE_TEXTS,
               "conf": HOSTILE_CONFIDENCES, "pristine": st.sampled_from([False, None, 1, 1.0, "true", []])}
    for _ in range(draw(st.integers(1, 2))):
        key = draw(st.sampled_from([*hostile, "speakerConfidence", ""]))
        if key in word and not draw(st.integers(0, 3)):
            del word[key]
        else:
            word[key] = draw(hostile.get(key, JSON_VALUES))
    return word


@st.composite
def hostile_word_lists(draw: Any) -> list[Any]:
    return draw(st.lists(st.one_of(word_a_step_off(), hostile_amberscript_word(),
                                   st.composite(common_amberscript_word)(), JSON_VALUES), max_size=8))


OFFSETS = st.one_of(st.just(0), st.integers(-10**12, 10**12),
                    st.sampled_from([1, -1, 10**12, -10**12, 10**12 - 1, 2000, -2000]))


def read_words_outcome(words_raw: list[Any], offset: int) -> tuple[Any, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result: Any = repr(amberscript_json._read_words(words_raw, offset, 3))
        except ScribekitError as exc:
            result = (type(exc).__name__, str(exc), exc.hint, exc.line)
    return result, [str(w.message) for w in caught]


def same_in_c_and_python(words_raw: list[Any], offset: int) -> None:
    in_c = read_words_outcome(words_raw, offset)
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(accelerator, "core", None)
        in_python = read_words_outcome(words_raw, offset)
    assert in_c == in_python


@needs_core
@settings(max_examples=1000, deadline=None)
@given(hostile_word_lists(), OFFSETS)
def test_amberscript_words_in_c_as_in_python(words_raw: list[Any], offset: int) -> None:
    same_in_c_and_python(words_raw, offset)


@needs_core
@settings(max_examples=300, deadline=None)
@given(hostile_word_lists(), st.sampled_from([None, 0, 2.5, -1.0, 10**9 - 1, -10**9 + 0.0004]))
def test_amberscript_documents_in_c_as_in_python(words_raw: list[Any], offset: float | None) -> None:
    document: dict[str, Any] = {"segments": [{"speaker": "spk1", "words": words_raw}, {"words": words_raw[::-1]}]}
    if offset is not None:
        document["startTimeOffset"] = offset
    data = json.dumps(document, default=repr).encode()
    in_c = outcome(data, "amberscript-json")
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(accelerator, "core", None)
        assert outcome(data, "amberscript-json") == in_c


class Seconds(float):
    pass


class Count(int):
    pass


class Text(str):
    pass


class Raw(dict):  # type: ignore[type-arg]
    pass


@needs_core
def test_amberscript_words_in_c_take_only_exact_types() -> None:
    """Subclasses of float, int, str and dict (which no JSON parser makes) are left to the Python."""
    plain = {"start": 1.0, "end": 2, "text": "a", "conf": 0.5}
    words_raw: list[Any] = [plain, {**plain, "start": Seconds(1.0)}, {**plain, "end": Count(2)},
                            {**plain, "text": Text(" a ")}, Raw(plain), {**plain, "conf": Seconds(0.5)},
                            {**plain, "conf": 1}, {**plain, "text": "\u3000"},
                            {**plain, 1: "x"}, {**plain, "pristine": False}, {**plain, "duration": None}]
    same_in_c_and_python(words_raw, 0)
    words, blank = amberscript_json._read_words(words_raw, 0, 1)
    assert [w.text for w in words] == ["a"] * 7 + [""] + ["a"] * 3 and blank == 1
    assert [type(w.start) for w in words] == [int] * 11
    assert [w.extra for w in words] == [None] * 8 + [{1: "x"}, {"pristine": False}, None]


@needs_core
def test_amberscript_words_in_c_refuses_bad_arguments() -> None:
    core = accelerator.core
    assert core is not None
    for args in [([], 0, 0, 0, 0, Word), ([], 0, 0, 0, 0, Word, ()), ((), 0, 0, 0, 0, Word, []),
                 ([], -1, 0, 0, 0, Word, []), ([], 0, 2**62, 0, 0, Word, []), ([], 0, 0.5, 0, 0, Word, [])]:
        with pytest.raises((TypeError, ValueError)):
            core.amberscript_words(*args)
    out: list[Any] = []
    word = {"start": 1, "end": 2, "text": "a", "conf": None}
    assert core.amberscript_words([word, word, 3, word], 1, 5, -10, 10**6, Word, out) == 2
    assert out == [Word("a", 1005, 2005)]
    with pytest.raises(ZeroDivisionError):
        core.amberscript_words([word], 0, 0, -10, 10**6, lambda *args: 1 / 0, out)


@needs_core
def test_amberscript_words_made_without_calling_word_are_words() -> None:
    """The core makes words by setting Word's slots (the model allows it): the same words as Word(...) makes,
    every field alike (cue_end too, which equality skips); a layout that does not fit is refused."""
    core = accelerator.core
    assert core is not None and accelerator.WORD_LAYOUT is not None
    raw = [{"start": 1, "end": 2.5, "text": " a\u00a0", "conf": 0.25, "duration": 1.5, "pristine": True},
           {"start": 0.0, "end": 0, "text": "b", "conf": None}]
    made, called = [], []
    assert core.amberscript_words(raw, 0, 7, -10**12, 10**12, Word, made, accelerator.WORD_LAYOUT) == 2
    assert core.amberscript_words(raw, 0, 7, -10**12, 10**12, Word, called) == 2
    assert repr(made) == repr(called) == repr([Word("a", 1007, 2507, 0.25), Word("b", 7, 7)])
    assert [(w.extra, w.cue_end, w.sound) for w in made] == [(None, False, False)] * 2
    slots, defaults = accelerator.WORD_LAYOUT
    for layout in [(), (slots,), (slots[:3], ()), (slots, defaults[1:]), [slots, defaults],
                   (slots, (1,) * 3 + defaults), ((1,) * len(slots), defaults)]:
        with pytest.raises(TypeError):
            core.amberscript_words(raw, 0, 0, -10**12, 10**12, Word, [], layout)
    with pytest.raises(TypeError):  # another class's slots
        core.amberscript_words(raw, 0, 0, -10**12, 10**12, Word, [],
                               (tuple(type(w).__dict__[n] for w in [Speaker("a", "b")] for n in ("id", "name")) * 2,
                                ()))
    with pytest.raises(TypeError):
        core.amberscript_words(raw, 0, 0, -10**12, 10**12, len, [], accelerator.WORD_LAYOUT)


def test_word_layout_only_for_a_plain_slotted_dataclass(monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import dataclass, field

    @dataclass(slots=True)
    class Plain:
        text: str
        start: int
        end: int
        confidence: float | None = None
        extra: Any = None
        cue_end: bool = field(default=False, compare=False)

    @dataclass(slots=True)
    class Checked(Plain):
        def __post_init__(self) -> None:
            self.text = self.text.upper()

    @dataclass(slots=True)
    class Listed:
        text: str
        start: int
        end: int
        confidence: float | None = None
        extra: list[Any] = field(default_factory=list)

    @dataclass(slots=True, frozen=True)
    class Frozen:
        text: str
        start: int
        end: int
        confidence: float | None = None

    @dataclass
    class Unslotted:
        text: str
        start: int
        end: int
        confidence: float | None = None

    layout = accelerator.word_layout(Plain)
    assert layout is not None and layout[1] == (None, False)
    for kind in (Checked, Listed, Frozen, Unslotted):
        assert accelerator.word_layout(kind) is None, kind


EDGE_VALUES: list[Any] = [
    0, 1, 0.0, -0.0, 1.0, 0.5, 1.5, -0.5, -0.0004, 0.0004999, 0.0005, 5e-324, 1.0000000000000002, 0.9999999999999999,
    10**9, 10**9 + 1, 1e9, 999_999_999.9995, 999_999_999.9994, 1e9 + 0.0001, 2**53 + 1, 2**63, -2**63, 2**64, 10**400,
    float("nan"), float("inf"), float("-inf"), True, False, None, "1", "", " ", "a", "\u00a0", "\u3000a", "a\u2028",
    "\x1c", "\x85b", "\u200b", [], {}, Seconds(0.5), Count(1), Text("a")]


@needs_core
@pytest.mark.parametrize("key", ["start", "end", "duration", "text", "conf", "pristine", "speakerConfidence", 7])
def test_amberscript_words_in_c_as_in_python_one_field_off(key: Any) -> None:
    """A common word with one field set to each edge value, or left out, among common words."""
    common = {"start": 1.0, "end": 2, "duration": 1.0, "text": "a", "conf": 0.5, "pristine": True}
    changed: list[dict[Any, Any]] = [{**common, key: value} for value in EDGE_VALUES]
    changed.append({k: v for k, v in common.items() if k != key})
    for word in changed:
        for offset in (0, 1, -1, 10**12, -10**12, 2000):
            same_in_c_and_python([common, word, common], offset)
