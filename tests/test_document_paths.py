"""The quick ways of the document writers give what the long ways give: the words of a cue-only
transcript made once a document (and made as word_segments made them a cue at a time), a PDF's
lines of plain words drawn without reportlab's text object, and a PDF the same with reportlab's
C accelerator (rl_accel, the ``fast`` extra) and with its pure-Python fallbacks."""
from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scribekit import Cue, Highlight, Metadata, Segment, Transcript, Word, dumps, load, load_all
from scribekit.errors import WriteError
from scribekit.formats import _document, pdf
from scribekit.segmentation import cues_to_words, word_segments

ROOT = Path(__file__).resolve().parent.parent
# Hostile text (controls, overrides) is said once a document; the same in both ways, not asserted here.
pytestmark = pytest.mark.filterwarnings("ignore::scribekit.ScribekitWarning")
SAMPLES = sorted(p for p in (ROOT / "samples").rglob("*") if p.is_file() and "malformed" not in p.parts)

_texts = st.sampled_from(["Hello,", "world.", "a", "<i>tagged</i>", "{\\an8}Top", "  ", "日本語", "です。", "שלום",
                          "مرحبا", "(abc)", "naïve", "x" * 90, "e\u0301", "tab\there", "Zürich", "42", "¿qué?",
                          "\u202eoverride", "ok\x07", "東京 and Paris", ""])
_cue = st.builds(lambda start, length, lines, speaker: Cue(start, start + length, lines, speaker),
                 st.integers(0, 10_000_000), st.integers(-50, 20_000),
                 st.lists(st.lists(_texts, max_size=6).map(" ".join), max_size=3),
                 st.sampled_from([None, None, "S1", "S2"]))
_cues = st.lists(_cue, max_size=25)


def _reference_segments(cues: list[Cue]) -> list[Segment]:
    """word_segments as it was written first: a cue's words by cue_words, turn by turn."""
    segments: list[Segment] = []
    for cue in cues:
        words = cues_to_words.cue_words(cue)
        if not words:
            continue
        words[-1].cue_end = True
        if segments and segments[-1].speaker == cue.speaker:
            segments[-1].words.extend(words)
        else:
            segments.append(Segment(cue.speaker, words))
    return segments


def _shape(segments: list[Segment]) -> list[Any]:
    return [(s.speaker, [(w.text, w.start, w.end, w.confidence, w.extra, w.cue_end, w.sound) for w in s.words])
            for s in segments]


@given(_cues)
def test_word_segments_of_cues_are_those_made_a_cue_at_a_time(cues: list[Cue]) -> None:
    made = word_segments(Transcript(cues=cues))
    assert _shape(made) == _shape(_reference_segments(cues))
    assert all(type(w) is Word for s in made for w in s.words)


def test_word_segments_leaves_the_collector_as_it_found_it() -> None:
    transcript = Transcript(cues=[Cue(0, 1000, ["one two"]), Cue(1000, 2000, ["three"], "S1")])
    assert gc.isenabled()
    word_segments(transcript)
    assert gc.isenabled()
    gc.disable()
    try:
        word_segments(transcript)
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize("fmt", ["txt", "html", "docx", "pdf", "maxqda"])
def test_a_document_makes_the_words_of_its_cues_once(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Transcript] = []

    def counted(transcript: Transcript) -> list[Segment]:
        calls.append(transcript)
        return word_segments(transcript)

    monkeypatch.setattr(_document, "word_segments", counted)
    cues = [Cue(i * 2000, i * 2000 + 1500, [f"word {i} of the cue,", "and more."], f"S{i % 2}") for i in range(40)]
    transcript = Transcript(cues=cues, highlights=[Highlight(3000, 9000, "a label")])
    options = {"speakers": True} if fmt == "maxqda" else {"header": True, "speakers": True, "timestamps": True,
                                                           "highlights": True, "comments": True}
    dumps(transcript, fmt, **options)
    assert len(calls) == 1
    assert gc.isenabled()
    dumps(transcript, fmt)  # and a second document makes them again: nothing is kept between documents
    assert len(calls) == 2


@given(_cues, st.booleans(), st.sampled_from([None, 0.5]))
def test_a_document_from_cues_is_the_one_from_their_words(cues: list[Cue], marks: bool, every: float | None) -> None:
    """The words made once and shared give the same document as a transcript holding those words."""
    from_cues = Transcript(cues=cues)
    from_words = Transcript(segments=_reference_segments(cues))
    options: dict[str, Any] = {"header": True, "speakers": True, "timestamps": marks, "timestamps_every": every}
    for fmt in ("txt", "html"):
        assert dumps(from_cues, fmt, **options) == dumps(from_words, fmt, **options)


def _general_pdf(transcript: Transcript, monkeypatch: pytest.MonkeyPatch, **options: Any) -> bytes:
    with monkeypatch.context() as patched:
        patched.setattr(pdf._Pages, "plain_ready", lambda self: False)
        data = dumps(transcript, "pdf", **options)
    assert isinstance(data, bytes)
    return data


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: str(p.relative_to(ROOT / "samples")))
def test_pdf_plain_lines_are_drawn_as_every_line_is(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for transcript in load_all(path):
        for options in ({}, {"speakers": True, "timestamps": True, "highlights": True, "low_confidence": 0.8,
                             "comments": True}, {"timestamps_every": 10.0, "header": False}):
            assert dumps(transcript, "pdf", **options) == _general_pdf(transcript, monkeypatch, **options)


_words = st.lists(st.tuples(_texts.filter(bool), st.sampled_from([None, 0.3, 0.95])), min_size=1, max_size=40)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(turns=st.lists(st.tuples(st.sampled_from([None, "S1", "S2"]), _words), max_size=6), marked=st.booleans(),
       language=st.sampled_from(["en", "ja", "ar", None]))
def test_pdf_of_any_words_is_the_same_either_way(turns: list[tuple[str | None, list[tuple[str, float | None]]]],
                                                 marked: bool, language: str | None,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    segments, at = [], 0
    for speaker, words in turns:
        made = []
        for text, confidence in words:
            made.append(Word(text, at, at + 400, confidence))
            at += 450
        segments.append(Segment(speaker, made))
    transcript = Transcript(segments=segments, highlights=[Highlight(900, 3000, "label")])
    transcript.metadata.language = language
    options = {"highlights": True, "low_confidence": 0.5, "comments": True, "speakers": True} if marked else {}
    assert dumps(transcript, "pdf", **options) == _general_pdf(transcript, monkeypatch, **options)


_PURE = """
import sys
sys.modules["_rl_accel"] = None  # reportlab falls back to its pure-Python functions
from reportlab.lib import rl_accel
assert not rl_accel._c_funcs, rl_accel._c_funcs
import scribekit
sys.stdout.buffer.write(scribekit.dumps(scribekit.load(sys.argv[1]), "pdf", speakers=True, timestamps=True,
                                        highlights=True, comments=True, low_confidence=0.8))
"""


@pytest.mark.parametrize("name", ["amberscript/interview.json", "languages/greetings.json"])
def test_pdf_is_the_same_with_and_without_reportlabs_accelerator(name: str) -> None:
    from reportlab.lib import rl_accel

    path = ROOT / "samples" / name
    pure = subprocess.run([sys.executable, "-c", _PURE, str(path)], capture_output=True, check=True).stdout
    here = dumps(load(path), "pdf", speakers=True, timestamps=True, highlights=True, comments=True,
                 low_confidence=0.8)
    assert pure.startswith(b"%PDF-") and pure == here
    try:
        import _rl_accel  # noqa: F401
    except ImportError:
        pytest.skip("rl_accel is not installed (pip install 'scribekit[fast]'): only the pure path was written")
    assert rl_accel._c_funcs  # the accelerated path is the one compared


@given(st.one_of(st.integers(0, 10**12), st.integers(0, 10**7)))
def test_html_times_of_whole_milliseconds_are_those_seconds_gives(ms: int) -> None:
    from scribekit.formats import html

    assert f"{ms // 1000}.{html._THOUSANDTHS[ms % 1000]}" == html._seconds(ms)


@pytest.mark.parametrize("times", [(-1500, 200), (0, 2.5), (10**12, 10**12), (5, 10**12 + 1), (-10**12 - 1, 0)])
def test_html_words_at_any_time_are_written_as_seconds_writes_them(times: tuple[Any, Any]) -> None:
    from scribekit.formats import _document, html

    start, end = times
    block = _document.Block(None, 0, [(None, [_document.Token("word", start, end, False)])], "ltr")
    try:
        expected = f'data-s="{html._seconds(start)}" data-e="{html._seconds(end)}">word</span>'
    except Exception as error:
        with pytest.raises(type(error), match="out of range"):
            html._turn(block, html.HtmlOptions(), False)
    else:
        assert expected in html._turn(block, html.HtmlOptions(), False)


def test_pdf_plain_lines_in_several_font_subsets(monkeypatch: pytest.MonkeyPatch) -> None:
    """More than 256 letters of the main font: the later ones go to a second subset, amid a line."""
    letters = [chr(c) for c in (*range(0x100, 0x17F), *range(0x391, 0x3CA), *range(0x410, 0x450))]
    words = [Word("".join(letters[i:i + 5]) + ",", i * 100, i * 100 + 90) for i in range(0, len(letters), 5)]
    words += [Word(w.text[::-1], w.start + 100_000, w.end + 100_000) for w in words]
    transcript = Transcript(segments=[Segment("S1", words), Segment("S2", words[::3])])
    data = dumps(transcript, "pdf")
    assert b"+1 10.5 Tf" in _pages_code(transcript)  # a line that goes on in the second subset
    assert data == _general_pdf(transcript, monkeypatch)


def _pages_code(transcript: Transcript) -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    seen: list[str] = []
    original = Canvas.showPage

    def show(self: Any) -> None:
        seen.extend(self._code)
        original(self)

    Canvas.showPage = show  # type: ignore[method-assign]
    try:
        dumps(transcript, "pdf")
    finally:
        Canvas.showPage = original  # type: ignore[method-assign]
    return "\n".join(seen).encode("latin-1", "replace")


@pytest.mark.parametrize("kind", ["txt", "html", "pdf", "docx", "maxqda"])
@pytest.mark.parametrize("where", ["cue start", "cue end", "word"])
def test_a_time_that_is_not_a_number_is_refused_with_a_clear_error(kind: str, where: str) -> None:
    """A transcript built in Python may hold a float NaN; min() and max() pass over it wherever it stands
    among the other times, so the document's range check looks for it too (a WriteError, not a
    ValueError from deep in a writer, nor a silent document)."""
    nan = float("nan")
    if where == "word":
        words = [Word("one", 0, 400), Word("two", nan, 900), Word("three.", 1000, 1400)]
        transcript = Transcript(segments=[Segment("A", words)], metadata=Metadata())
    else:
        second = Cue(nan, 2000, ["three four"]) if where == "cue start" else Cue(1500, nan, ["three four"])
        transcript = Transcript(segments=[], cues=[Cue(0, 1000, ["one two"]), second, Cue(2500, 3000, ["five"])],
                                metadata=Metadata())
    with pytest.raises(WriteError, match=r"the document: a time of nan ms is out of range"):
        dumps(transcript, kind)
