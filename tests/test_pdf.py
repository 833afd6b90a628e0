"""PDF writer: text that poppler's pdftotext gives back in every script, embedded fonts
(pdffonts), page numbers, hundreds of pages, hostile text. The poppler checks skip when
poppler-utils is missing (.ci/run installs it)."""
from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from scribekit import Highlight, ScribekitWarning, Segment, Speaker, Transcript, Word, dumps, load
from scribekit.segmentation.language import is_unspaced_script

pytest.importorskip("reportlab")

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "amberscript" / "interview.json"
LANGUAGES = ROOT / "samples" / "languages" / "greetings.json"
POPPLER = pytest.mark.skipif(not shutil.which("pdftotext") or not shutil.which("pdffonts"),
                             reason="poppler-utils is not installed (apt-get install poppler-utils; .ci/run does)")
_BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _pdf(transcript: Transcript, tmp_path: Path, name: str = "out.pdf", **options: object) -> Path:
    data = dumps(transcript, "pdf", **options)
    assert isinstance(data, bytes) and data.startswith(b"%PDF-")
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _text(path: Path, *args: str) -> str:
    result = subprocess.run(["pdftotext", *args, str(path), "-"], capture_output=True, text=True, check=True)
    assert "Error" not in result.stderr, result.stderr
    return unicodedata.normalize("NFC", _BIDI_MARKS.sub("", result.stdout))


def _fonts(path: Path) -> list[tuple[str, str, bool]]:
    """(name, type, embedded) of each font pdffonts lists."""
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    out = []
    for line in lines:
        fields = line.split()
        emb = fields[-5]
        out.append((fields[0], " ".join(fields[1:-6]), emb == "yes"))
    return out


@pytest.fixture(scope="module")
def languages_pdf(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Transcript, Path]]:
    transcript = load(LANGUAGES)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)  # CJK without a system font: said in a warning
        path = _pdf(transcript, tmp_path_factory.mktemp("languages"), speakers=True)
    yield transcript, path


_SEGMENTS = [s for s in load(LANGUAGES).segments]
_NAMES = {s.id: s.name for s in load(LANGUAGES).speakers}


@POPPLER
@pytest.mark.parametrize("segment", _SEGMENTS, ids=[_NAMES[str(s.speaker)] for s in _SEGMENTS])
def test_pdftotext_gives_back_every_script(languages_pdf: tuple[Transcript, Path], segment: Segment) -> None:
    _, path = languages_pdf
    text = _text(path)
    flat = re.sub(r"\s+", "", text)
    found = set(_bare(text).split())
    for word in segment.words:
        expected = unicodedata.normalize("NFC", word.text)
        if is_unspaced_script(expected[0]):
            assert expected in flat
        else:  # where poppler puts punctuation in right-to-left text is its own business
            assert set(_bare(expected).split()) <= found, (expected, text)


def _bare(text: str) -> str:
    return "".join(" " if unicodedata.category(c).startswith("P") else c for c in text)


@POPPLER
def test_words_come_back_in_order_with_speakers_and_timestamps(tmp_path: Path) -> None:
    transcript = load(SAMPLE)
    path = _pdf(transcript, tmp_path, speakers=True, timestamps=True, timestamps_every=30, header=False)
    text = _text(path)
    tokens = [t for t in text.split() if not re.fullmatch(r"\[?\d\d:\d\d:\d\d\]?|Page|of|\d+", t)]
    names = {s.name for s in transcript.speakers}
    assert [t for t in tokens if t not in names and t != "interview"] == [w.text for w in transcript.words]
    for segment in transcript.segments:
        seconds = segment.start // 1000
        assert f"00:{seconds // 60:02d}:{seconds % 60:02d} {transcript.speaker_name(segment.speaker)}" in text
    assert "[00:00:30]" in text
    assert "[00:00:00]" not in text  # the first turn's own timestamp says it
    assert "Page 1 of 1" in text


@POPPLER
def test_every_font_is_embedded(languages_pdf: tuple[Transcript, Path], tmp_path: Path) -> None:
    _, path = languages_pdf
    fonts = _fonts(path)
    assert len(fonts) > 10
    standard_cjk = {"STSong-Light", "HeiseiKakuGo-W5", "HYGothic-Medium"}
    assert [f for f in fonts if not f[2] and f[0] not in standard_cjk] == []
    assert {f[1] for f in fonts if f[2]} == {"TrueType"}


@POPPLER
def test_cjk_without_a_system_font_uses_the_standard_cjk_fonts_and_says_so(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from scribekit.formats import _fonts as fonts

    monkeypatch.setattr(fonts, "use_system_fonts", False)
    words = [Word("欢迎", 0, 400), Word("来到", 400, 800), Word("ようこそ", 800, 1200), Word("환영합니다", 1200, 1600)]
    transcript = Transcript(segments=[Segment(None, words)])
    with pytest.warns(ScribekitWarning, match="not embedded.*fonts-wqy-zenhei"):
        path = _pdf(transcript, tmp_path)
    assert {f[0] for f in _fonts(path) if not f[2]} <= {"STSong-Light", "HeiseiKakuGo-W5", "HYGothic-Medium"}
    assert "欢迎来到ようこそ" in _text(path).replace(" ", "") and "환영합니다" in _text(path)


@pytest.mark.skipif(not Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc").exists(),
                    reason="fonts-wqy-zenhei is not installed (.ci/run installs it)")
@POPPLER
def test_cjk_with_a_system_truetype_font_is_embedded(tmp_path: Path) -> None:
    words = [Word("欢迎", 0, 400), Word("ようこそ", 800, 1200), Word("환영합니다", 1200, 1600)]
    with warnings.catch_warnings():
        warnings.simplefilter("error", ScribekitWarning)
        path = _pdf(Transcript(segments=[Segment(None, words)]), tmp_path)
    assert all(f[2] for f in _fonts(path))
    assert "欢迎ようこそ" in _text(path).replace(" ", "")


def test_a_script_no_font_has_is_reported_not_left_as_blank_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    from scribekit.formats import _fonts as fonts

    monkeypatch.setattr(fonts, "use_system_fonts", False)
    transcript = Transcript(segments=[Segment(None, [Word("ཀཁག", 0, 500), Word("ok", 500, 900)])])  # Tibetan
    with pytest.warns(ScribekitWarning, match="Tibetan.*blank box"):
        dumps(transcript, "pdf")


def _long_transcript(turns: int) -> Transcript:
    vocabulary = "the interview began early and nobody expected such a long answer about Zürich".split()
    segments = []
    t = 0
    for n in range(turns):
        words = []
        for k in range(12):
            words.append(Word(vocabulary[(n + k) % len(vocabulary)], t, t + 300, 0.5 if k == 3 else 0.99))
            t += 350
        segments.append(Segment("a" if n % 2 else "b", words))
    return Transcript(segments=segments, speakers=[Speaker("a", "Ana"), Speaker("b", "Ben")],
                      highlights=[Highlight(1000, 5000, "start")])


@pytest.mark.slow
@POPPLER
def test_two_hundred_pages_with_running_header_and_page_numbers(tmp_path: Path) -> None:
    path = _pdf(_long_transcript(4000), tmp_path, speakers=True, timestamps=True, highlights=True,
                low_confidence=0.8, title="Long hearing")
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    assert pages >= 200
    assert "Title:           Long hearing" in info
    last = _text(path, "-f", str(pages), "-l", str(pages))
    assert f"Page {pages} of {pages}" in last and "Long hearing" in last
    middle = _text(path, "-f", "100", "-l", "100")
    assert f"Page 100 of {pages}" in middle
    render = subprocess.run(["pdftoppm", "-r", "20", "-f", str(pages - 1), "-l", str(pages), "-png", str(path),
                             str(tmp_path / "page")], capture_output=True, text=True)
    assert render.returncode == 0 and "Error" not in render.stderr


def _yellow_pixels(path: Path, tmp_path: Path) -> int:
    subprocess.run(["pdftoppm", "-r", "40", "-f", "1", "-l", "1", str(path), str(tmp_path / "shot")], check=True)
    data = next(tmp_path.glob("shot*.ppm")).read_bytes()
    header = data.split(b"\n", 3)
    pixels = header[3]
    return sum(1 for i in range(0, len(pixels) - 2, 3)
               if pixels[i] > 230 and pixels[i + 1] > 200 and pixels[i + 2] < 140)


@POPPLER
def test_highlights_are_painted_and_only_when_asked(tmp_path: Path) -> None:
    transcript = load(SAMPLE)
    marked = tmp_path / "marked"
    plain = tmp_path / "plain"
    marked.mkdir()
    plain.mkdir()
    assert _yellow_pixels(_pdf(transcript, marked, highlights=True), marked) > 50
    assert _yellow_pixels(_pdf(transcript, plain), plain) == 0


@POPPLER
def test_hostile_text_stays_text(tmp_path: Path) -> None:
    words = [Word("<script>alert(1)</script>", 0, 500), Word("(unbalanced\\", 500, 900),
             Word("nul\x00bell\x07", 900, 1000),
             Word("\u202egnp.exe", 1000, 1200), Word("\ud800lone", 1200, 1300), Word("%%EOF", 1300, 1400)]
    transcript = Transcript(segments=[Segment("x", words)], speakers=[Speaker("x", "<b>Eve</b>")],
                            highlights=[Highlight(0, 900, "(note)")])
    with pytest.warns(ScribekitWarning, match="cannot show"):
        path = _pdf(transcript, tmp_path, speakers=True, highlights=True, comments=True, title="a)b(c\\")
    text = _text(path)
    for expected in ("<script>alert(1)</script>", "(unbalanced\\", "nulbell", "gnp.exe", "lone", "%%EOF", "<b>Eve</b>",
                     "[(note)]", "a)b(c\\"):
        assert expected in text


def test_same_input_same_bytes() -> None:
    transcript = load(SAMPLE)
    assert dumps(transcript, "pdf", speakers=True) == dumps(transcript, "pdf", speakers=True)


def test_the_issues_commands_write_binary_documents(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from scribekit.cli import cli

    runner = CliRunner()
    docx_out, pdf_out, html_out = tmp_path / "i.docx", tmp_path / "i.pdf", tmp_path / "i.html"
    for args in (["--to", "docx", "--timestamps", "--speakers", "-o", str(docx_out)],
                 ["--to", "pdf", "--timestamps-every", "30s", "--highlights", "-o", str(pdf_out)],
                 ["--to", "html", "--media", "interview.mp3", "-o", str(html_out)]):
        result = runner.invoke(cli, ["convert", str(SAMPLE), *args])
        assert result.exit_code == 0, result.output
    assert docx_out.read_bytes()[:2] == b"PK" and pdf_out.read_bytes()[:5] == b"%PDF-"
    assert 'src="interview.mp3"' in html_out.read_text(encoding="utf-8")
    refused = runner.invoke(cli, ["convert", str(SAMPLE), "--to", "pdf", "--wrap", "10", "-o", "-"])
    assert refused.exit_code == 2 and "pdf takes no option" in refused.output and "wrap" in refused.output


@POPPLER
def test_a_word_wider_than_the_page_is_cut_not_lost(tmp_path: Path) -> None:
    long_word = "Donaudampfschifffahrtsgesellschaftskapitän" * 6
    transcript = Transcript(segments=[Segment(None, [Word("before", 0, 100), Word(long_word, 100, 900),
                                                     Word("after", 900, 1000)])])
    transcript.metadata.language = "de-AT"
    path = _pdf(transcript, tmp_path, header=False)
    text = _text(path)
    assert "".join(text.split()).endswith("before" + long_word + "after")
    assert len([line for line in text.splitlines() if line.strip()]) >= 3
    assert path.read_bytes().count(b"/Lang (de-AT)") == 1


@POPPLER
def test_right_to_left_lines_run_from_the_right(tmp_path: Path) -> None:
    words = [Word(w, i * 300, i * 300 + 250) for i, w in enumerate("שלום עולם Hello World, (טוב) 42".split())]
    path = _pdf(Transcript(segments=[Segment(None, words)]), tmp_path, header=False)
    boxes = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True,
                           check=True).stdout
    x = {m.group(2): float(m.group(1)) for m in re.finditer(r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>', boxes)}
    # poppler names right-to-left words as drawn, letters left to right
    assert x["םולש"] > x["םלוע"] > x["World,"] > x["Hello"]
    assert x["42"] < x["Hello"]
    # the brackets are drawn mirrored and carry their own characters, so that reading the line
    # right to left gives back "(טוב)"
    assert ")בוט(" in x and x[")בוט("] < x["Hello"]
    assert x["םולש"] + 20 > 450  # right-aligned


def test_hebrew_yod_and_vav_are_two_letters_not_the_yiddish_ligature() -> None:
    from reportlab.pdfbase import pdfmetrics

    from scribekit.formats.pdf import _Typesetter

    typesetter = _Typesetter("he")
    for word in ("יום", "יו", "שלום", "ויולט"):
        pieces, _, _ = typesetter._pieces(word)
        glyphs = []
        for piece in pieces:
            cmap = pdfmetrics.getFont(piece.font).face.charToGlyph
            glyphs += [cmap[ord(c)] for c in str(piece.text)]
        cmap = pdfmetrics.getFont(pieces[0].font).face.charToGlyph
        assert glyphs == [cmap[ord(c)] for c in word[::-1]], word  # each letter's own glyph, right to left


@POPPLER
def test_hebrew_yod_and_vav_render_as_the_two_letters(tmp_path: Path) -> None:
    """Rendered, "יו" (right to left) has the short yod on the right of the tall vav; the
    Yiddish ligature draws them the other way round."""
    path = _pdf(Transcript(segments=[Segment(None, [Word("יו", 0, 500)])]), tmp_path, header=False)
    subprocess.run(["pdftoppm", "-r", "300", "-f", "1", "-l", "1", "-gray", "-y", "320", "-H", "160",
                    str(path), str(tmp_path / "shot")], check=True)
    _, size, _, pixels = next(tmp_path.glob("shot*.pgm")).read_bytes().split(b"\n", 3)
    width = int(size.split()[0])
    ink = [(row, column) for row in range(len(pixels) // width) for column in range(width)
           if pixels[row * width + column] < 128]
    columns = sorted({c for _, c in ink})
    shapes = [[columns[0]]]  # runs of inked columns, left to right
    for column in columns[1:]:
        if column == shapes[-1][-1] + 1:
            shapes[-1].append(column)
        else:
            shapes.append([column])
    depth = [max(r for r, c in ink if c in shape) for shape in shapes]
    assert len(shapes) == 2 and depth[0] > depth[1]  # the vav (going down to the baseline) on the left
