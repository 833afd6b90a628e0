"""Line numbers in the document writers (``line_numbers=N``, ``line_numbers_restart``): txt's gutter,
Word's own numbering in DOCX (read back, and laid out by LibreOffice), the PDF's margin numbers (read by
poppler's pdftotext) and the HTML's numbered lines (parsed, and rendered by headless Chromium)."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import warnings
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scribekit import Highlight, ScribekitWarning, Segment, Speaker, Transcript, Word, dumps, load

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "amberscript" / "interview.json"
POPPLER = pytest.mark.skipif(not shutil.which("pdftotext"),
                             reason="poppler-utils is not installed (apt-get install poppler-utils; .ci/run does)")
SOFFICE = pytest.mark.skipif(not shutil.which("soffice") or not shutil.which("pdftotext"),
                             reason="LibreOffice or poppler-utils is not installed (apt-get install "
                                    "libreoffice-writer-nogui poppler-utils; .ci/run does)")
_NUMBERED = re.compile(r"^ *(\d+) {2,}(\S.*)$")
"""A line of pdftotext -layout that opens with a line number (then the text, two spaces or more on)."""


def _small() -> Transcript:
    return Transcript(segments=[Segment("a", [Word("Hello", 0, 400), Word("there.", 400, 800)]),
                                Segment("b", [Word("Hi,", 1000, 1300), Word("how", 1300, 1500),
                                              Word("are", 1500, 1700), Word("you?", 1700, 2000)]),
                                Segment("a", [Word("Fine.", 3000, 3500)])],
                      speakers=[Speaker("a", "Ann"), Speaker("b", "Bo")])


def _long(turns: int, words: int = 30) -> Transcript:
    vocabulary = "the interview began early and nobody expected such a long answer about Zürich".split()
    segments = []
    t = 0
    for n in range(turns):
        said = []
        for k in range(words):
            said.append(Word(vocabulary[(n + k) % len(vocabulary)], t, t + 300))
            t += 350
        segments.append(Segment("a" if n % 2 else "b", said))
    return Transcript(segments=segments, speakers=[Speaker("a", "Ana"), Speaker("b", "Ben")])


def _gutter(text: str, width: int | None = None) -> tuple[list[int | None], list[str], int]:
    """txt: each non-blank line's number (None where the gutter is blank), its text, and the gutter width
    (``width``, else that of the first numbered line)."""
    lines = [line for line in text.split("\n") if line]
    if width is None:
        width = len(re.match(r"^ *\d+  ", next(line for line in lines if re.match(r"^ *\d+  ", line))).group())  # type: ignore[union-attr]
    numbers: list[int | None] = []
    texts = []
    for line in lines:
        gutter, body = line[:width], line[width:]
        assert re.fullmatch(r" *\d* {2}", gutter), line  # the text column never moves
        numbers.append(int(gutter) if gutter.strip() else None)
        texts.append(body)
    return numbers, texts, width


# --- txt ---------------------------------------------------------------------------------------


def test_txt_numbers_every_line_of_the_turns_in_a_gutter_by_hand() -> None:
    text = dumps(_small(), "txt", speakers=True, timestamps=True, line_numbers=1)
    assert text == ("1  00:00:00\n2  Ann: Hello there.\n\n"
                    "3  00:00:01\n4  Bo: Hi, how are you?\n\n"
                    "5  00:00:03\n6  Ann: Fine.\n")
    assert dumps(_small(), "txt", line_numbers=2) == "   Hello there.\n\n2  Hi, how are you?\n\n   Fine.\n"


def test_txt_every_fifth_line_and_the_text_as_without_numbers() -> None:
    transcript = load(SAMPLE)
    options: dict[str, Any] = {"speakers": True, "timestamps": True, "wrap": 40}
    plain = dumps(transcript, "txt", **options)
    numbered = dumps(transcript, "txt", line_numbers=5, **options)
    numbers, texts, width = _gutter(numbered)
    assert texts == [line for line in plain.split("\n") if line]  # the same lines, only a gutter before
    assert numbered.count("\n\n") == plain.count("\n\n") and "\n \n" not in numbered  # blank lines stay blank
    assert numbers == [n + 1 if (n + 1) % 5 == 0 else None for n in range(len(texts))]
    assert width == len(str(max(n for n in numbers if n))) + 2
    assert all(len(t) <= 40 or " " not in t for t in texts)  # wrap counts the text, not the gutter


def test_txt_header_is_indented_but_not_counted() -> None:
    text = dumps(_small(), "txt", header=True, title="Interview 3", line_numbers=1)
    head, body = text.split("\n\n", 1)
    assert head.split("\n") == ["   Interview 3", "   Duration: 00:00:03", "   Speakers: Ann, Bo"]
    assert body.startswith("1  Hello there.\n\n2  ")


def test_txt_without_the_option_has_no_gutter_and_restart_changes_nothing() -> None:
    transcript = load(SAMPLE)
    assert dumps(transcript, "txt", speakers=True) == dumps(transcript, "txt", speakers=True, line_numbers=None,
                                                            line_numbers_restart=True)
    assert dumps(transcript, "txt").startswith("Good morning,")
    assert dumps(transcript, "txt", line_numbers=3) == dumps(transcript, "txt", line_numbers=3,
                                                             line_numbers_restart=True)  # no pages


def test_txt_numbers_right_to_left_and_han_lines_on_the_left() -> None:
    transcript = Transcript(segments=[Segment("a", [Word(w, i * 300, i * 300 + 200)
                                                    for i, w in enumerate("שלום עולם זה טקסט".split() * 6)]),
                                      Segment("b", [Word(c, 9000 + i * 300, 9000 + i * 300 + 200)
                                                    for i, c in enumerate("汉字没有空格的文本" * 5)])])
    text = dumps(transcript, "txt", line_numbers=1, wrap=30)
    numbers, texts, _ = _gutter(text)
    assert numbers == list(range(1, len(texts) + 1))
    assert texts[-1] == "汉字没有空格的文本" * 5  # no spaces: one line (wrap breaks between words only)
    assert texts[0].startswith("שלום")


# --- docx --------------------------------------------------------------------------------------

docx_module = pytest.importorskip("docx")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx(transcript: Transcript, **options: Any) -> Any:
    data = dumps(transcript, "docx", **options)
    assert isinstance(data, bytes)
    return docx_module.Document(io.BytesIO(data))


@pytest.mark.parametrize("every, restart, expected", [(1, False, "continuous"), (5, True, "newPage"),
                                                       (10, False, "continuous")])
def test_docx_asks_word_for_its_line_numbering(every: int, restart: bool, expected: str) -> None:
    document = _docx(_small(), line_numbers=every, line_numbers_restart=restart)
    numbering = document.sections[0]._sectPr.findall(f"{_W}lnNumType")
    assert len(numbering) == 1
    attributes = {k.removeprefix(_W): v for k, v in numbering[0].attrib.items()}
    assert attributes == {"countBy": str(every), "restart": expected, "distance": "360"}
    order = [child.tag.removeprefix(_W) for child in document.sections[0]._sectPr]
    assert order.index("pgMar") < order.index("lnNumType") < order.index("cols")  # the schema's order
    for style in ("Title", "Transcript Header"):  # the title and header are not counted
        assert document.styles[style].element.pPr.find(f"{_W}suppressLineNumbers") is not None
    assert document.styles["Transcript Turn"].element.pPr.find(f"{_W}suppressLineNumbers") is None


def test_docx_without_the_option_has_no_line_numbering() -> None:
    document = _docx(_small(), line_numbers_restart=True)
    assert document.sections[0]._sectPr.find(f"{_W}lnNumType") is None
    title = document.styles["Title"].element.pPr
    assert title is None or title.find(f"{_W}suppressLineNumbers") is None


def _numbers_by_page(pdf: Path) -> list[list[tuple[int, str]]]:
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    found = []
    for page in pages:
        found.append([(int(m.group(1)), m.group(2)) for m in map(_NUMBERED.match, page.split("\n")) if m])
    return [numbers for numbers in found if numbers] if any(found) else []


@SOFFICE
def test_libreoffice_lays_out_words_numbering_restarting_per_page_or_not(tmp_path: Path) -> None:
    transcript = _long(60)
    names = {"every": (1, False), "restart": (1, True), "fifth": (5, False), "fifth-restart": (5, True)}
    for name, (every, restart) in names.items():
        (tmp_path / f"{name}.docx").write_bytes(bytes(dumps(transcript, "docx", speakers=True, line_numbers=every,
                                                            line_numbers_restart=restart)))
    profile = (tmp_path / "profile").as_uri()
    result = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                             "--outdir", str(tmp_path), *(str(tmp_path / f"{name}.docx") for name in names)],
                            capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr
    every, restart, fifth, fifth_restart = (_numbers_by_page(tmp_path / f"{name}.pdf") for name in names)
    assert len(every) >= 3 and len(restart) == len(every) == len(fifth) == len(fifth_restart)
    lines = [text for page in every for _, text in page]
    assert [n for page in every for n, _ in page] == list(range(1, len(lines) + 1))  # on through the pages
    for page, same in zip(restart, every):
        assert [n for n, _ in page] == list(range(1, len(page) + 1))  # from 1 again on each page
        assert [t for _, t in page] == [t for _, t in same]
    assert [n for page in fifth for n, _ in page] == list(range(5, len(lines) + 1, 5))
    assert [t for page in fifth for _, t in page] == lines[4::5]
    for page, same in zip(fifth_restart, restart):
        assert page == same[4::5]
    text = subprocess.run(["pdftotext", "-layout", "-l", "1", str(tmp_path / "every.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert re.search(r"^ *Speakers: Ana, Ben$", text, re.M)  # the header: no number
    assert lines[0] == "Ben"  # the first line counted: the first turn's speaker


# --- pdf ---------------------------------------------------------------------------------------


def _pdf(transcript: Transcript, tmp_path: Path, name: str, **options: Any) -> Path:
    path = tmp_path / name
    path.write_bytes(bytes(dumps(transcript, "pdf", **options)))
    return path


@POPPLER
def test_pdf_numbers_every_fifth_laid_out_line_on_through_the_pages(tmp_path: Path) -> None:
    pytest.importorskip("reportlab")
    transcript = _long(80)
    every = _numbers_by_page(_pdf(transcript, tmp_path, "every.pdf", speakers=True, line_numbers=1))
    fifth = _numbers_by_page(_pdf(transcript, tmp_path, "fifth.pdf", speakers=True, line_numbers=5))
    assert len(fifth) >= 3
    lines = [text for page in every for _, text in page]
    assert [n for page in every for n, _ in page] == list(range(1, len(lines) + 1))
    assert [n for page in fifth for n, _ in page] == list(range(5, len(lines) + 1, 5))
    assert [text for page in fifth for _, text in page] == lines[4::5]  # the same lines numbered
    assert lines[:2] == ["Ben", "the interview began early and nobody expected such a long answer about Zürich the " \
                         "interview"]  # the turn's speaker line counts; the title and header do not


@POPPLER
def test_pdf_line_numbers_restart_on_each_page_when_asked(tmp_path: Path) -> None:
    pytest.importorskip("reportlab")
    transcript = _long(80)
    options: dict[str, Any] = {"speakers": True, "timestamps": True}
    continuous = _numbers_by_page(_pdf(transcript, tmp_path, "c.pdf", line_numbers=1, **options))
    restart = _numbers_by_page(_pdf(transcript, tmp_path, "r.pdf", line_numbers=1, line_numbers_restart=True,
                                    **options))
    fifth = _numbers_by_page(_pdf(transcript, tmp_path, "r5.pdf", line_numbers=5, line_numbers_restart=True,
                                  **options))
    assert len(restart) == len(continuous) == len(fifth) >= 3
    for page, same, every_fifth in zip(restart, continuous, fifth):
        assert [n for n, _ in page] == list(range(1, len(page) + 1))
        assert [t for _, t in page] == [t for _, t in same]  # the same lines, other numbers
        assert every_fifth == page[4::5]
    assert continuous[1][0][0] == continuous[0][-1][0] + 1


@POPPLER
def test_pdf_without_the_option_has_no_numbers_and_the_same_bytes(tmp_path: Path) -> None:
    pytest.importorskip("reportlab")
    transcript = _long(20)
    plain = dumps(transcript, "pdf", speakers=True)
    assert plain == dumps(transcript, "pdf", speakers=True, line_numbers=None, line_numbers_restart=True)
    (tmp_path / "plain.pdf").write_bytes(bytes(plain))
    assert _numbers_by_page(tmp_path / "plain.pdf") == []


@POPPLER
def test_pdf_numbers_right_to_left_and_han_lines_in_the_left_margin(tmp_path: Path) -> None:
    pytest.importorskip("reportlab")
    transcript = Transcript(segments=[Segment("a", [Word(w, i * 300, i * 300 + 200)
                                                    for i, w in enumerate("שלום עולם זה טקסט ארוך".split() * 20)]),
                                      Segment("b", [Word(c, 40_000 + i * 300, 40_000 + i * 300 + 200)
                                                    for i, c in enumerate("汉字没有空格的文本" * 20)])])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)  # CJK without a system font: said in a warning
        path = _pdf(transcript, tmp_path, "scripts.pdf", line_numbers=1, header=False)
    boxes = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True,
                           check=True).stdout
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>', boxes)
    numbers = [(float(x), float(y), int(w)) for x, y, w in words if w.isdigit() and float(x) < 60]
    text_rows = {round(float(y)) for x, y, w in words if float(x) > 60 and float(y) > 70}  # not the running header
    assert [n for _, _, n in sorted(numbers, key=lambda found: found[1])] == list(range(1, len(numbers) + 1))
    assert len(numbers) == len(text_rows) > 4  # one number a line of text
    assert all(x < 62 for x, _, _ in numbers)  # in the left margin


# --- html --------------------------------------------------------------------------------------


class _Lines(HTMLParser):
    """The numbered lines of a page: (data-n or None, text); checks that the tags nest."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[tuple[int | None, str]] = []
        self.stack: list[tuple[str, bool]] = []
        self.generated = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("meta", "input", "br"):
            return
        found = dict(attrs)
        line = "line" in (found.get("class") or "").split()
        if line:
            assert not any(is_line for _, is_line in self.stack)  # a line holds no line
            number = found.get("data-n")
            self.lines.append((int(number) if number is not None else None, ""))
        self.stack.append((tag, line))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1][0] == tag, (self.stack, tag)
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if any(is_line for _, is_line in self.stack):
            number, text = self.lines[-1]
            self.lines[-1] = (number, text + data)


def _html_lines(page: str) -> list[tuple[int | None, str]]:
    parser = _Lines()
    parser.feed(page)
    parser.close()
    assert parser.stack == []
    return parser.lines


def test_html_breaks_turns_into_numbered_lines() -> None:
    transcript = load(SAMPLE)
    page = str(dumps(transcript, "html", line_numbers=5, highlights=True, comments=True, timestamps_every=10))
    lines = _html_lines(page)
    assert [n for n, _ in lines] == [n if n % 5 == 0 else None for n in range(1, len(lines) + 1)]
    heads = re.findall(r'<p class="head line"', page)
    assert len(heads) == len(transcript.segments)  # each turn's timestamp and speaker line is a line
    texts = [text for _, text in lines]
    assert texts[:3] == ["00:00:00 Interviewer",
                         "Good morning, and welcome to the café. Thank you for coming all the way", "from Zürich."]
    assert all(len(t) <= 72 or " " not in t for t in texts)
    words = [w.text for s in transcript.segments for w in s.words]
    shown = " ".join(texts).split()
    assert [w for w in shown if w in words][:len(words)] == words  # every word once, in order
    assert "[Naïve beginnings]" in " ".join(texts)  # the comment stays on its word's line
    assert ".numbered .line[data-n]::before{content:attr(data-n)" in page


def test_html_without_the_option_is_as_before() -> None:
    transcript = load(SAMPLE)
    page = str(dumps(transcript, "html", line_numbers_restart=True))
    assert page == dumps(transcript, "html")
    assert 'class="line' not in page and "data-n" not in page and "numbered" not in page
    assert dumps(transcript, "html", line_numbers=2) == dumps(transcript, "html", line_numbers=2,
                                                              line_numbers_restart=True)


def test_html_han_text_without_spaces_still_breaks_between_words() -> None:
    transcript = Transcript(segments=[Segment("a", [Word(c, i * 300, i * 300 + 200)
                                                    for i, c in enumerate("汉字没有空格的文本" * 20)])])
    lines = _html_lines(str(dumps(transcript, "html", line_numbers=1, speakers=False, timestamps=False)))
    assert [n for n, _ in lines] == list(range(1, len(lines) + 1))
    assert [len(t) for _, t in lines] == [36] * 5  # a Han character is two of the 72 columns
    assert "".join(t for _, t in lines) == "汉字没有空格的文本" * 20




def test_in_chromium_numbers_show_in_the_gutter_and_are_not_copied(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    transcript = load(SAMPLE)
    transcript.segments.append(Segment("spk1", [Word(w, 60_000 + i * 300, 60_000 + i * 300 + 200)
                                                for i, w in enumerate("שלום עולם זה טקסט".split())]))
    page_file = tmp_path / "numbered.html"
    page_file.write_text(str(dumps(transcript, "html", line_numbers=5)), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1000, "height": 800})
    page.goto(page_file.as_uri())
    shown = page.eval_on_selector_all(".line", "ls => ls.map(l => getComputedStyle(l, '::before').content)")
    assert shown[4] == '"5"' and shown[0] in ("none", "normal") and shown[9] == '"10"'
    copied = page.evaluate("() => { const s = getSelection(); "
                           "s.selectAllChildren(document.getElementById('transcript')); return s.toString(); }")
    assert "Good morning" in copied and not re.search(r"^\s*\d+\s", copied, re.M)  # no number copied
    sides = page.eval_on_selector_all(".turn .text .line:first-child", "ls => ls.map(l => [l.closest('.turn').dir, "
                                      "getComputedStyle(l).paddingLeft, getComputedStyle(l).paddingRight])")
    assert all((left != "0px") == (side == "ltr") and (right != "0px") == (side == "rtl")
               for side, left, right in sides) and {s for s, _, _ in sides} == {"ltr", "rtl"}
    tops = page.eval_on_selector_all(".text .line", "ls => ls.map(l => l.getBoundingClientRect().top)")
    assert tops == sorted(tops) and len(set(tops)) == len(tops)  # each line a row of its own
    if shutil.which("pdftotext"):  # printed, the numbers are there before their lines
        (tmp_path / "printed.pdf").write_bytes(page.pdf())
        numbers = [n for page_numbers in _numbers_by_page(tmp_path / "printed.pdf") for n, _ in page_numbers]
        assert numbers[:3] == [5, 10, 15]


# --- any transcript ----------------------------------------------------------------------------

_TEXT = st.lists(st.one_of(st.sampled_from(["\x00", "\n", "\t", "\u202e", "שלום", "مرحبا", "漢字", "かな", "<", "&",
                                            "e\u0301", "Zürich", "a" * 90, " "]),
                           st.text(min_size=1, max_size=4)), min_size=1, max_size=4).map("".join)


@st.composite
def _transcripts(draw: Any) -> Transcript:
    segments = []
    t = draw(st.integers(0, 10_000))
    for n in range(draw(st.integers(1, 4))):
        words = []
        for _ in range(draw(st.integers(1, 25))):
            length = draw(st.integers(1, 3_000))
            words.append(Word(draw(_TEXT), t, t + length, draw(st.none() | st.floats(0, 1))))
            t += length + draw(st.integers(0, 40_000))
        segments.append(Segment(f"s{n % 2}", words))
    highlights = [Highlight(draw(st.integers(0, t)), draw(st.integers(0, t)), draw(st.none() | _TEXT))
                  for _ in range(draw(st.integers(0, 2)))]
    return Transcript(segments=segments, speakers=[Speaker("s0", draw(_TEXT)), Speaker("s1", "B1")],
                      highlights=highlights)


_OPTIONS = st.fixed_dictionaries({"line_numbers": st.integers(1, 10)}, optional={
    "timestamps": st.booleans(), "speakers": st.booleans(), "highlights": st.booleans(), "comments": st.booleans(),
    "header": st.booleans(), "timestamps_every": st.sampled_from([1, 30]), "low_confidence": st.sampled_from([0.5]),
    "line_numbers_restart": st.booleans()})


def _quietly(transcript: Transcript, fmt: str, **options: Any) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)  # characters a document cannot show: said, not tested here
        return dumps(transcript, fmt, **options)


def _multiples(numbers: list[int], every: int) -> None:
    assert all(n % every == 0 for n in numbers)
    assert numbers == list(range(every, every * len(numbers) + 1, every))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_transcripts(), _OPTIONS, st.none() | st.integers(5, 60))
def test_any_transcript_txt_and_html_number_every_nth_line(transcript: Transcript, options: dict[str, Any],
                                                          wrap: int | None) -> None:
    every = options["line_numbers"]
    text = _quietly(transcript, "txt", wrap=wrap, **options)
    plain = _quietly(transcript, "txt", wrap=wrap, **{**options, "line_numbers": None})
    sections = plain.split("\n\n")[1 if options.get("header") else 0:]
    counted = sum(len(section.strip("\n").split("\n")) for section in sections if section.strip("\n"))
    if text:
        numbers, texts, _ = _gutter(text, len(str(max(counted // every * every, 1))) + 2)
        _multiples([n for n in numbers if n is not None], every)
        assert len([n for n in numbers if n is not None]) == counted // every
        assert texts == [line for line in plain.split("\n") if line]
    lines = _html_lines(str(_quietly(transcript, "html", **options)))
    _multiples([n for n, _ in lines if n is not None], every)
    assert all(n is None or n == i + 1 for i, (n, _) in enumerate(lines))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_transcripts(), _OPTIONS)
def test_any_transcript_docx_and_pdf_write_with_line_numbers(transcript: Transcript, options: dict[str, Any]) -> None:
    document = docx_module.Document(io.BytesIO(_quietly(transcript, "docx", **options)))
    numbering = document.sections[0]._sectPr.find(f"{_W}lnNumType")
    assert numbering.get(f"{_W}countBy") == str(options["line_numbers"])
    pytest.importorskip("reportlab")
    assert _quietly(transcript, "pdf", **options).startswith(b"%PDF-")


@POPPLER
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_transcripts(), st.integers(1, 10), st.booleans())
def test_any_transcript_pdf_shows_multiples_of_n(tmp_path_factory: pytest.TempPathFactory, transcript: Transcript,
                                                 every: int, restart: bool) -> None:
    pytest.importorskip("reportlab")
    path = tmp_path_factory.mktemp("any") / "any.pdf"
    path.write_bytes(_quietly(transcript, "pdf", speakers=True, line_numbers=every, line_numbers_restart=restart))
    boxes = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True,
                           check=True).stdout
    pages = boxes.split("<page ")[1:]
    numbers = [[int(w) for x, y, w in sorted(re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>(\d+)</word>',
                                                        page), key=lambda found: float(found[1])) if float(x) < 50]
               for page in pages]  # the margin's numbers, top to bottom
    if restart:
        for page_numbers in numbers:
            _multiples(page_numbers, every)
    else:
        _multiples([n for page_numbers in numbers for n in page_numbers], every)
