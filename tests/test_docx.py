"""DOCX writer: read back with python-docx, converted by LibreOffice (skipped when soffice is missing)."""
from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scribekit import Highlight, ScribekitWarning, Segment, Speaker, Transcript, Word, dumps, load

docx = pytest.importorskip("docx")

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "amberscript" / "interview.json"
LANGUAGES = ROOT / "samples" / "languages" / "greetings.json"


def _read(transcript: Transcript, **options: object):  # type: ignore[no-untyped-def]
    data = dumps(transcript, "docx", **options)
    assert isinstance(data, bytes)
    return docx.Document(io.BytesIO(data))


def _turns(document) -> list:  # type: ignore[no-untyped-def]
    return [p for p in document.paragraphs if p.style.name == "Transcript Turn"]


def _body_words(document, heading: bool) -> list[str]:  # type: ignore[no-untyped-def]
    words: list[str] = []
    for paragraph in _turns(document):
        text = paragraph.text.split("\n", 1)[1] if heading else paragraph.text
        words += text.split()
    return words


@pytest.mark.parametrize("sample", [SAMPLE, LANGUAGES], ids=["interview", "languages"])
def test_every_word_comes_back_in_order(sample: Path) -> None:
    transcript = load(sample)
    document = _read(transcript)
    expected = [w.text for w in transcript.words]
    got = _body_words(document, heading=False)
    if sample == LANGUAGES:  # Han and kana words are written without spaces between them
        assert "".join(got) == "".join(expected)
    else:
        assert got == expected


def test_speakers_in_bold_and_timestamps_asked_for() -> None:
    transcript = load(SAMPLE)
    document = _read(transcript, speakers=True, timestamps=True, timestamps_every=30)
    turns = _turns(document)
    segments = [s for s in transcript.segments if s.words]
    assert len(turns) == len(segments)
    for paragraph, segment in zip(turns, segments):
        speaker_runs = [r for r in paragraph.runs if r.style.name == "Transcript Speaker"]
        assert [r.text for r in speaker_runs] == [transcript.speaker_name(segment.speaker)]
        assert document.styles["Transcript Speaker"].font.bold
        stamps = [r.text for r in paragraph.runs if r.style.name == "Transcript Timestamp"]
        seconds = segment.start // 1000
        assert stamps[0] == f"00:{seconds // 60:02d}:{seconds % 60:02d}"
    marks = [r.text.strip() for p in turns for r in p.runs if r.text.startswith("[")]
    assert marks == ["[00:00:30]"]  # none at the start of a turn: its own timestamp says it
    words = [w for w in _body_words(document, heading=True) if not w.startswith("[00:")]
    assert words == [w.text for w in transcript.words]


def test_highlights_low_confidence_and_comments() -> None:
    transcript = load(SAMPLE)
    highlight = transcript.highlights[0]
    document = _read(transcript, highlights=True, low_confidence=0.9, comments=True)
    yellow = docx.enum.text.WD_COLOR_INDEX.YELLOW
    marked = " ".join(r.text for p in _turns(document) for r in p.runs if r.font.highlight_color == yellow)
    inside = [w.text for w in transcript.words if w.start < highlight.end and w.end > highlight.start]
    assert marked.split() == inside
    low = [r.text for p in _turns(document) for r in p.runs if r.style.name == "Transcript Low Confidence"]
    assert " ".join(low).split() == [w.text for w in transcript.words if w.confidence is not None
                                     and w.confidence < 0.9]
    comments = list(document.comments)
    assert [c.text for c in comments] == [highlight.label]
    only = _read(transcript, highlights_only=True)
    assert _body_words(only, heading=False) == inside


def test_title_header_properties_and_named_styles() -> None:
    transcript = load(SAMPLE)
    transcript.metadata.language = "en-GB"
    document = _read(transcript, title="Café interview")
    assert document.core_properties.title == "Café interview"
    assert document.core_properties.language == "en-GB"
    assert document.paragraphs[0].style.name == "Title" and document.paragraphs[0].text == "Café interview"
    header = [p.text for p in document.paragraphs if p.style.name == "Transcript Header"]
    assert header == ["File: interview.mp3", "Language: en-GB", "Duration: 00:00:49",
                      "Speakers: Interviewer, Léa, Jonas"]
    names = {s.name for s in document.styles}
    assert {"Transcript Turn", "Transcript Header", "Transcript Speaker", "Transcript Timestamp",
            "Transcript Highlight", "Transcript Low Confidence"} <= names
    assert not [p for p in _read(transcript, header=False).paragraphs if p.style.name in ("Title", "Transcript Header")]


def _hostile() -> Transcript:
    words = [Word("<script>alert('x')</script>", 0, 500), Word("a&b\"c'd>", 500, 900),
             Word("nul\x00bell\x07", 900, 1200), Word("\u202egnp.exe", 1200, 1600),
             Word("\ud800lone", 1600, 1900), Word("]]>", 1900, 2000)]
    rtl = [Word("שלום", 2100, 2400), Word("עולם", 2400, 2800)]
    return Transcript(segments=[Segment("x", words), Segment("y", rtl)],
                      speakers=[Speaker("x", "<b>Eve</b>\x1b[2J"), Speaker("y", "דנה")],
                      highlights=[Highlight(0, 900, "<i>label</i>\x00")])


def test_hostile_text_never_breaks_the_document() -> None:
    with pytest.warns(ScribekitWarning, match="cannot show"):
        document = _read(_hostile(), speakers=True, highlights=True, comments=True, header=True)
    text = "\n".join(p.text for p in _turns(document))
    assert "<script>alert('x')</script>" in text and "a&b\"c'd>" in text and "]]>" in text
    assert "nulbell" in text and "gnp.exe" in text and "\u202e" not in text and "\x00" not in text
    assert "<b>Eve</b>[2J" in text
    assert [c.text for c in document.comments] == ["<i>label</i>"]
    rtl = _turns(document)[1]
    assert rtl._p.pPr.find(docx.oxml.ns.qn("w:bidi")) is not None


def test_heavy_imports_wait_until_writing() -> None:
    code = ("import sys, scribekit.formats.docx, scribekit.formats.pdf, scribekit.formats.html; "
            "sys.exit(bool({'docx', 'reportlab'} & set(sys.modules)))")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed (apt-get install "
                    "libreoffice-writer-nogui; .ci/run does)")
def test_libreoffice_converts_it_to_pdf(tmp_path: Path) -> None:
    out = tmp_path / "interview.docx"
    out.write_bytes(bytes(dumps(load(SAMPLE), "docx", speakers=True, timestamps=True, highlights=True, comments=True,
                                low_confidence=0.9)))
    hostile = tmp_path / "hostile.docx"
    with pytest.warns(ScribekitWarning, match="cannot show"):
        hostile.write_bytes(bytes(dumps(_hostile(), "docx", speakers=True, highlights=True, comments=True)))
    profile = (tmp_path / "profile").as_uri()
    result = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                             "--outdir", str(tmp_path), str(out), str(hostile)],
                            capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr
    for name in ("interview.pdf", "hostile.pdf"):
        pdf = tmp_path / name
        assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF"), result.stdout + result.stderr
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(tmp_path / "interview.pdf"), "-"], capture_output=True,
                              text=True).stdout
        assert "Forschungsdatenmanagementverantwortlichkeitsbereich" in text and "Zürich" in text


def test_control_characters_in_the_language_and_title_do_not_break_it() -> None:
    transcript = load(SAMPLE)
    transcript.metadata.language = "en\x00\ud800"
    with pytest.warns(ScribekitWarning, match="cannot show"):
        document = _read(transcript, title="A\x07 title")
    assert document.core_properties.language == "en\ufffd"
    assert document.core_properties.title == "A title"
