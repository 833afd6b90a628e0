"""Transcription conventions through the real document writers (the ``reporting`` wrapper applies
them), and properties of scribekit.conventions.apply on any transcript."""
from __future__ import annotations

import copy
import io
import warnings
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import scribekit.conventions
from scribekit import Cue, OptionError, ScribekitWarning, Segment, Speaker, Transcript, Word, formats
from scribekit.conventions import apply
from scribekit.conventions.clean import filler_key, language_data, split_punctuation
from scribekit.formats._document import CONVENTIONS, ConventionOptions


def _interview() -> Transcript:
    t = Transcript(
        segments=[Segment("int", [Word("Um,", 0, 300), Word("so", 400, 600), Word("how", 650, 800),
                                  Word("was", 850, 1000), Word("it?", 3400, 3600)]),
                  Segment("anna", [Word("It", 5000, 5200), Word("was", 5250, 5400), Word("go-", 5420, 5600),
                                   Word("good,", 5600, 6000), Word("mumble", 6100, 6400, 0.2),
                                   Word("words.", 6450, 6800, 0.1)])],
        speakers=[Speaker("int", "Interviewer"), Speaker("anna", "Anna")])
    t.metadata.language = "en"
    return t


_OPTIONS: dict[str, Any] = {"conventions": "gat2", "clean": True, "inaudible": 0.5, "speaker_abbreviations": "auto"}
# hand-worked: "Um," goes (so -> So); 1000 -> 3400 is 2.4 s; "go-" goes; the two low words are one mark
# from 6100 (its punctuation, "." of "mumble.", after it); 6000 -> 6100 is 0.1 s: (.)
_TURNS = ["I: So how was (2.4) it?", "B: It was good, (.) ( )."]


def test_txt_shows_the_conventions() -> None:
    written = formats.write(_interview(), "txt", speakers=True, **_OPTIONS)
    assert written == "\n\n".join(_TURNS) + "\n"
    verbatim = formats.write(_interview(), "txt", speakers=True, conventions="dresing-pehl", clean=False)
    assert verbatim == "Interviewer: Um, so how was (..) it?\n\nAnna: It was go- good, mumble words.\n"


def test_docx_shows_the_conventions() -> None:
    docx = pytest.importorskip("docx")
    data = formats.write(_interview(), "docx", speakers=True, **_OPTIONS)
    assert isinstance(data, bytes)
    document = docx.Document(io.BytesIO(data))
    turns = [p.text for p in document.paragraphs if p.style.name == "Transcript Turn"]
    assert turns == [turn.replace(": ", "\n", 1) for turn in _TURNS]
    assert "Speakers: I, B" in [p.text for p in document.paragraphs]


def test_maxqda_and_html_show_the_conventions() -> None:
    written = formats.write(_interview(), "maxqda", **_OPTIONS)
    assert written == "#00:00:00-4#" + _TURNS[0] + "\n\n#00:00:05-0#" + _TURNS[1] + "\n"
    page = formats.write(_interview(), "html", conventions="dresing-pehl", inaudible=0.5)
    assert isinstance(page, str)
    assert "(..)" in page and "(unv. #00:00:06-1#)." in page and "Um," not in page and "go-" not in page


def test_pdf_takes_the_conventions() -> None:
    data = formats.write(_interview(), "pdf", **_OPTIONS)
    assert isinstance(data, bytes) and data.startswith(b"%PDF")


def test_a_bad_option_value_is_an_option_error_from_the_writer() -> None:
    with pytest.raises(OptionError, match="'Anna'"):
        formats.write(_interview(), "txt", speaker_abbreviations="Anna")
    with pytest.raises(OptionError, match="conventions"):
        formats.write(_interview(), "docx", conventions="gat")


def test_the_wrapper_leaves_apply_alone_when_nothing_is_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: Any) -> Transcript:
        raise AssertionError("apply called")

    monkeypatch.setattr(scribekit.conventions, "apply", refuse)
    assert formats.write(_interview(), "txt", clean=False) == "Um, so how was it?\n\nIt was go- good, mumble words.\n"
    with pytest.raises(AssertionError):
        formats.write(_interview(), "txt", clean=True)


# --- properties --------------------------------------------------------------------------------

_VOCABULARY = ["Um,", "um", "uh.", "Ähm", "äh,", "euh...", "¿Eh,", "\"Um,", "Mhm.", "mm", "5", "I", "the", "The",
               "go-", "going", "Sor/", "und", "Vor-", "and", "very,", "very", "that", "was—", "I—", "—", "-", "...",
               "so", "like", "ja", "genau", "", " ", "ß", "ǆ", "İ", "漢字"]
_TEXT = st.one_of(st.sampled_from(_VOCABULARY), st.text(max_size=5))


@st.composite
def _transcripts(draw: Any) -> Transcript:
    ids = [f"s{n}" for n in range(draw(st.integers(1, 4)))]
    segments = []
    t = draw(st.integers(0, 10_000_000))
    for _ in range(draw(st.integers(0, 4))):
        words = []
        for _ in range(draw(st.integers(0, 8))):
            length = draw(st.integers(0, 3_000))
            words.append(Word(draw(_TEXT), t, t + length, draw(st.none() | st.floats(0, 1)),
                              sound=draw(st.booleans()) and draw(st.booleans())))
            t += length + draw(st.sampled_from([0, 5, 40, 99, 100, 150, 200, 201, 999, 1000, 2400, 4000, 61_000]))
        segments.append(Segment(draw(st.sampled_from([None, *ids])), words))
    speakers = [Speaker(i, draw(_TEXT)) for i in ids if draw(st.booleans())]
    transcript = Transcript(segments=segments, speakers=speakers)
    transcript.metadata.language = draw(st.sampled_from([None, "en", "de", "fr", "es", "nl", "it", "pt", "xx", "",
                                                         "de-AT", "123", "\x00"]))
    return transcript


@st.composite
def _options(draw: Any, transcript: Transcript) -> ConventionOptions:
    ids = [s.speaker for s in transcript.segments if s.speaker is not None]
    mapping = draw(st.sampled_from([None, "auto", ",".join(f"{i}=X{n}" for n, i in enumerate(dict.fromkeys(ids)))]))
    return ConventionOptions(conventions=draw(st.sampled_from([None, *CONVENTIONS])),
                             clean=draw(st.sampled_from([None, True, False])),
                             inaudible=draw(st.none() | st.floats(0, 1)), speaker_abbreviations=mapping or None)


def _quietly(transcript: Transcript, options: ConventionOptions) -> Transcript:
    """apply(); the only warning it may give is the clean one of a language without a filler list."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        shown = apply(transcript, options)
    assert all(issubclass(w.category, ScribekitWarning) and "filler" in str(w.message) for w in caught)
    return shown


def _in_order(words: list[Word]) -> bool:
    return all(w.start <= w.end for w in words) and all(a.start <= b.start for a, b in zip(words, words[1:]))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_apply_never_raises_keeps_times_in_order_and_changes_nothing_given(data: st.DataObject) -> None:
    transcript = data.draw(_transcripts())
    options = data.draw(_options(transcript))
    before = copy.deepcopy(transcript)
    shown = _quietly(transcript, options)
    assert transcript == before
    assert all(_in_order(segment.words) for segment in shown.segments)
    assert shown.metadata is transcript.metadata and shown.highlights is transcript.highlights
    if not options.asks_conventions():
        assert shown is transcript


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_transcript_of_cues_too(data: st.DataObject) -> None:
    words = data.draw(_transcripts()).words
    cues = [Cue(w.start, w.end, [w.text, data.draw(_TEXT)], speaker=data.draw(st.sampled_from([None, "a", "b"])))
            for w in words]
    transcript = Transcript(cues=cues)
    transcript.metadata.language = "en"
    options = data.draw(_options(transcript))
    shown = _quietly(transcript, options)
    assert shown.cues is transcript.cues and transcript.segments == []
    assert all(_in_order(segment.words) for segment in shown.segments)


def _core(text: str) -> str:
    return split_punctuation(text.strip())[1].casefold()


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(_transcripts())
@example(Transcript(segments=[Segment(None, [Word("Um,", 0, 0, sound=True), Word("Um,", 0, 0), Word("Um,", 0, 0),
                                             Word("um", 0, 0), Word("Um,", 0, 0), Word("Um,", 0, 0, sound=True)])]))
def test_clean_drops_nothing_but_fillers_and_false_starts(transcript: Transcript) -> None:
    shown = _quietly(transcript, ConventionOptions(clean=True))
    data = language_data(transcript.metadata.language) if transcript.metadata.language else None
    for old, new in zip(transcript.segments, shown.segments):
        originals = {id(w) for w in old.words}
        kept = iter(new.words)
        following = next(kept, None)
        for i, word in enumerate(old.words):
            # a word kept as it was is the same object; one whose punctuation moved is a new one
            if following is not None and (following is word or (
                    id(following) not in originals and following.sound == word.sound
                    and (following.start, following.end) == (word.start, word.end)
                    and _core(following.text) == _core(word.text))):
                following = next(kept, None)
                continue
            assert not word.sound
            later = {_core(w.text) for w in old.words[i + 1:]}
            filler = data is None or filler_key(word.text) in data.fillers
            broken = word.text.rstrip().endswith(("-", "/", "—", "–"))
            assert filler or broken or _core(word.text) in later, word.text
        assert following is None


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(_transcripts(), st.sampled_from(CONVENTIONS))
def test_pause_marks_only_add_words_spanning_gaps(transcript: Transcript, convention: str) -> None:
    shown = apply(transcript, ConventionOptions(conventions=convention, clean=False))
    for old, new in zip(transcript.segments, shown.segments):
        originals = [w for w in new.words if any(w is o for o in old.words)]
        assert originals == old.words and all(a is b for a, b in zip(originals, old.words))
        for n, word in enumerate(new.words):
            if not any(word is o for o in old.words):
                assert word.confidence is None and 0 < n < len(new.words) - 1
                assert (word.start, word.end) == (new.words[n - 1].end, new.words[n + 1].start)
                assert word.end - word.start >= 100
