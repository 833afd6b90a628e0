"""Property tests of the document writers (txt, maxqda, html, docx, pdf): any text a transcript can
hold (control characters, lone surrogates, bidi overrides and marks, line ends, markup, right-to-left
and CJK letters) gives a valid document with every word in it, and at most one warning about the
characters that had to go."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import warnings
import zipfile
from html.parser import HTMLParser
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scribekit import Cue, Highlight, ScribekitWarning, Segment, Speaker, Transcript, Word, WriteError, dumps
from scribekit.formats._document import clean_text

_HOSTILE = ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9b", "\ud800", "\udfff", "\udcff", "\u202e", "\u2066",
            "\u200f", "\ufffe", "\uffff", "\n", "\r\n", "\t", "\u2028", "יו", "שלום", "مرحبا", "ß", "İ", "漢字",
            "<", "&", "]]>", "\"'", "%", "#", "?", "00:00:01,000 --> 00:00:02,000", "\u0301", "e\u0301"]
_TEXT = st.lists(st.one_of(st.sampled_from(_HOSTILE), st.text(min_size=1, max_size=4)), min_size=0,
                 max_size=4).map("".join)
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")


@st.composite
def _transcripts(draw: Any) -> Transcript:
    segments = []
    t = draw(st.integers(0, 10_000))
    for n in range(draw(st.integers(1, 3))):
        words = []
        for _ in range(draw(st.integers(1, 5))):
            length = draw(st.integers(1, 3_000))
            words.append(Word(draw(_TEXT), t, t + length, draw(st.none() | st.floats(0, 1))))
            t += length + draw(st.integers(0, 40_000))
        segments.append(Segment(f"s{n}", words))
    speakers = [Speaker(f"s{n}", draw(_TEXT)) for n in range(len(segments))]
    highlights = [Highlight(draw(st.integers(0, t)), draw(st.integers(0, t)), draw(st.none() | _TEXT))
                  for _ in range(draw(st.integers(0, 2)))]
    transcript = Transcript(segments=segments, speakers=speakers, highlights=highlights)
    transcript.metadata.language = draw(st.none() | st.sampled_from(["en", "he", "ar", "ja"]) | _TEXT)
    transcript.metadata.filename = draw(st.none() | _TEXT)
    return transcript


_OPTIONS = st.fixed_dictionaries({}, optional={
    "timestamps": st.booleans(), "speakers": st.booleans(), "highlights": st.booleans(), "comments": st.booleans(),
    "header": st.booleans(), "title": _TEXT, "timestamps_every": st.sampled_from([1, 5, 30]),
    "low_confidence": st.sampled_from([0.5, 0.9])})


def _write(transcript: Transcript, fmt: str, **options: Any) -> tuple[str | bytes, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ScribekitWarning)
        out = dumps(transcript, fmt, **options)
    said = [str(w.message) for w in caught if issubclass(w.category, ScribekitWarning)]
    unexpected = [s for s in said if "cannot show" not in s and "no font has" not in s and "not embedded" not in s]
    assert unexpected == []
    replaced = [s for s in said if "cannot show" in s]
    assert len(replaced) <= 1  # once per document
    if any(_UNSAFE.search(w.text) for w in transcript.words):
        assert len(replaced) == 1
    return out, replaced


def _words(transcript: Transcript) -> list[str]:
    return [t for w in transcript.words for t in clean_text(w.text).split()]


def _check_text(out: str) -> None:
    out.encode("utf-8")  # no lone surrogate
    assert _UNSAFE.search(out.replace("\n", "")) is None


_FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_FAST
@given(_transcripts(), _OPTIONS)
def test_txt_is_clean_text_with_every_word(transcript: Transcript, options: dict[str, Any]) -> None:
    out, _ = _write(transcript, "txt", **options)
    assert isinstance(out, str)
    _check_text(out)
    flat = "".join(out.split())
    position = 0
    for word in _words(transcript):  # every word, in order
        position = flat.find(word, position)
        assert position >= 0, word
        position += len(word)


@_FAST
@given(_transcripts())
def test_maxqda_is_clean_text_one_paragraph_a_turn(transcript: Transcript) -> None:
    out, _ = _write(transcript, "maxqda")
    assert isinstance(out, str)
    _check_text(out)
    paragraphs = [p for p in out.split("\n\n") if p.strip()]
    assert all(re.match(r"#\d\d:\d\d:\d\d-\d#", p) for p in paragraphs)
    assert all("\n" not in p.strip("\n") for p in paragraphs)


class _Spans(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self.depth = 0
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ("meta", "input", "br"):
            self.stack.append(tag)
        if tag == "span" and (dict(attrs).get("class") or "").split()[:1] == ["w"]:
            self.words.append("")
            self.depth = len(self.stack)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (self.stack, tag)  # well nested
        self.stack.pop()
        if len(self.stack) < self.depth:
            self.depth = 0

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.words[-1] += data


@_FAST
@given(_transcripts(), _OPTIONS, st.none() | _TEXT.filter(bool))
def test_html_is_well_formed_with_every_word_in_a_span(transcript: Transcript, options: dict[str, Any],
                                                       media: str | None) -> None:
    out, _ = _write(transcript, "html", media=media, **options)
    assert isinstance(out, str)
    _check_text(out)
    parser = _Spans()
    parser.feed(out)
    parser.close()
    assert parser.stack == [] and out.count("<script>") == 1
    assert " ".join(parser.words).split() == _words(transcript)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_transcripts(), _OPTIONS)
def test_docx_is_valid_xml_that_python_docx_reads(transcript: Transcript, options: dict[str, Any]) -> None:
    docx = pytest.importorskip("docx")
    from lxml import etree

    out, _ = _write(transcript, "docx", **options)
    assert isinstance(out, bytes)
    with zipfile.ZipFile(io.BytesIO(out)) as archive:
        for name in archive.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                etree.fromstring(archive.read(name))
    document = docx.Document(io.BytesIO(out))
    text = " ".join(p.text for p in document.paragraphs if p.style.name == "Transcript Turn")
    flat = "".join(text.split())
    assert all(word in flat for word in _words(transcript))


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed (.ci/run installs it)")
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_transcripts(), _OPTIONS)
def test_pdf_is_read_by_poppler(transcript: Transcript, options: dict[str, Any]) -> None:
    out, _ = _write(transcript, "pdf", **options)
    assert isinstance(out, bytes) and out.startswith(b"%PDF-")
    result = subprocess.run(["pdftotext", "-", "-"], input=out, capture_output=True, timeout=30)
    assert result.returncode == 0 and b"Error" not in result.stderr, result.stderr


def _hostile_cases() -> dict[str, Any]:
    import test_hostile

    return dict(test_hostile.CASES)


_HOSTILE_CASES = _hostile_cases()


@pytest.mark.parametrize("name", sorted(_HOSTILE_CASES))
def test_every_hostile_input_read_is_written_as_every_document(name: str, tmp_path: Any) -> None:
    import scribekit

    source = tmp_path / name
    source.write_bytes(_HOSTILE_CASES[name]())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        try:
            transcripts = scribekit.load_all(source)
        except scribekit.ScribekitError:
            return  # refused: tests/test_hostile.py checks how
        for transcript in transcripts[:2]:
            for fmt in ("txt", "maxqda", "html", "docx", "pdf"):
                out = dumps(transcript, fmt, **({} if fmt == "maxqda" else {"timestamps_every": 30}))
                if isinstance(out, str):
                    _check_text(out)


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf", "html", "maxqda"])
@pytest.mark.parametrize("time", [10 ** 12 + 1, -(10 ** 13), 10 ** 4400],
                         ids=["past-the-bound", "negative", "4401-digits"])
def test_times_no_clock_can_show_are_refused_by_every_document(fmt: str, time: int) -> None:
    """A transcript built in Python may hold any int: a WriteError, never a ValueError from a clock."""
    words = Transcript(segments=[Segment("S1", [Word("hello", 0, 500), Word("there", 600, time)])])
    cues = Transcript(cues=[Cue(0, time, ["hello"])])
    for transcript in (words, cues):
        with pytest.raises(WriteError, match="out of range"):
            dumps(transcript, fmt)
    assert dumps(Transcript(segments=[Segment("S1", [Word("hello", 0, 10 ** 12)])]), fmt)
