"""PDF through reportlab: the DOCX's content and options, with a running header and page
numbers, and real (selectable, searchable) text in every script.

Fonts come from ``fonts.py``. Complex scripts (Arabic, Hebrew, the Indic scripts, Thai,
...) are shaped by HarfBuzz (reportlab's own shaping) and each shaped word carries its
text as ``/ActualText``, so that copying or extracting it gives the letters, not glyph
codes. Right-to-left text is laid out by a word-level version of the Unicode bidi
algorithm: each line in visual order, right-aligned in a right-to-left paragraph.
Lines are broken here (not by platypus), which keeps 100,000 words in a few seconds.

Line numbers (``line_numbers=N``) are put on the lines as laid out here: every Nth line of
the turns (a turn's timestamp and speaker line included) shows its number, right-aligned in
the left margin, in every script and direction; the title, the header, the running header
and the space between turns are not counted. With ``line_numbers_restart`` the count starts
again at 1 on each page, else it runs on through the document.
"""
from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..model import Transcript
from ..timecode import format_clock
from . import describe
from ._document import (
    DocumentOptions,
    Token,
    blocks,
    document_title,
    header_fields,
    is_rtl_char,
    reporting,
    shows_header,
)
from ._fonts import FontChooser

FORMAT = describe(__name__, name="pdf", title="PDF document (reportlab), every script", extensions=("pdf",),
                  kind="document", priority=100)

Options = DocumentOptions

PAGE_WIDTH, PAGE_HEIGHT = 595.2756, 841.8898  # A4
MARGIN = 62.0
TOP = PAGE_HEIGHT - 78.0
BOTTOM = 64.0
SIZE = 10.5
LEADING = 15.5
TITLE_SIZE = 18.0
SMALL = 8.5
NUMBER_GAP = 12.0
"""Points between a line number's right edge and the text."""

_ORIGIN = "1 0 0 1 %s Tm"

GREY = (0.42, 0.42, 0.42)
LOW = (0.69, 0.23, 0.0)
COMMENT = (0.1, 0.3, 0.7)
YELLOW = (1.0, 0.93, 0.35)


@dataclass(slots=True)
class _Piece:
    font: str
    text: Any
    """A str, or reportlab's ShapedStr (glyphs placed by HarfBuzz)."""
    width: float
    """At size 1."""
    actual: str | None
    """The text to extract (``/ActualText``) when the glyphs do not say it."""
    plain: bool
    """Drawable as a plain string in the main font (may be merged with its neighbours)."""


@dataclass(slots=True)
class _Item:
    pieces: list[_Piece]
    width: float
    size: float
    space: bool
    kind: str
    """Its direction: "L", "R", "EN" (digits) or "N" (neutral)."""
    text: str
    color: tuple[float, float, float] | None = None
    bold: bool = False
    highlight: bool = False
    low: bool = False


@dataclass
class _Line:
    items: list[_Item] = field(default_factory=list)
    width: float = 0.0


def _kind(text: str) -> str:
    digits = False
    for char in text:
        bidi = unicodedata.bidirectional(char)
        if bidi == "L":
            return "L"
        if bidi in ("R", "AL"):
            return "R"
        if bidi in ("EN", "AN"):
            digits = True
    return "EN" if digits else "N"


def _visual(text: str) -> str:
    """A right-to-left run as a left-to-right reader sees it (digits and Latin kept in order):
    what a PDF's text holds for right-to-left writing, which extractors turn back."""
    parts: list[list[str]] = []
    for char in text:
        ltr = unicodedata.bidirectional(char) in ("L", "EN", "AN")
        if parts and parts[-1][0] == ("L" if ltr else "R"):
            parts[-1].append(char)
        else:
            parts.append(["L" if ltr else "R", char])
    return "".join("".join(p[1:]) if p[0] == "L" else "".join(p[1:])[::-1] for p in reversed(parts))


_UNKNOWN: Any = object()

_MIRROR = str.maketrans("()[]{}<>«»‹›", ")(][}{><»«›‹")


def _piece_order(item: _Item, rtl: bool) -> list[_Piece]:
    """A word's pieces left to right: a right-to-left word's reversed, except punctuation
    at its edges, which follows the paragraph's direction (``word,`` in a left-to-right
    line keeps its comma on the right)."""
    pieces = item.pieces
    if item.kind == "R" and rtl:
        return [_mirror(p) for p in pieces[::-1]]
    if item.kind != ("L" if rtl else "R"):
        return pieces
    strong = [i for i, p in enumerate(pieces) if _kind(p.actual or str(p.text)) in ("L", "R")]
    if not strong:
        return [_mirror(p) for p in pieces[::-1]] if rtl else pieces
    lead, core, trail = pieces[:strong[0]], pieces[strong[0]:strong[-1] + 1], pieces[strong[-1] + 1:]
    if rtl:  # a left-to-right word in a right-to-left line
        return [_mirror(p) for p in trail[::-1]] + core + [_mirror(p) for p in lead[::-1]]
    return lead + [_mirror(p) for p in core[::-1]] + trail


def _mirror(piece: _Piece) -> _Piece:
    """Brackets set right to left show their mirror image (HarfBuzz mirrors the shaped ones)."""
    if piece.actual is not None:
        return piece
    text = str(piece.text)
    mirrored = text.translate(_MIRROR)
    if mirrored == text:
        return piece
    return _Piece(piece.font, mirrored[::-1], piece.width, text[::-1], False)  # extracted as written


def _visual_order(items: list[_Item], rtl: bool) -> list[int]:
    """The items' indexes left to right (rules W, N and L2 of the bidi algorithm, by word)."""
    base = 1 if rtl else 0
    kinds = [i.kind for i in items]
    if base == 0 and "R" not in kinds:
        return list(range(len(items)))
    strong = [k if k in ("L", "R") else None for k in kinds]
    levels = []
    last_strong = "R" if rtl else "L"
    for n, kind in enumerate(kinds):
        if kind == "L":
            level = 2 if rtl else 0
            last_strong = "L"
        elif kind == "R":
            level = 1
            last_strong = "R"
        elif kind == "EN":
            level = 2 if rtl or last_strong == "R" else 0
        else:
            following = next((s for s in strong[n + 1:] if s), "R" if rtl else "L")
            level = (1 if last_strong == "R" else 2 if rtl else 0) if following == last_strong else base
        levels.append(level)
    order = list(range(len(items)))
    for level in range(max(levels), 0, -1):
        n = 0
        while n < len(order):
            if levels[order[n]] >= level:
                m = n
                while m < len(order) and levels[order[m]] >= level:
                    m += 1
                order[n:m] = order[n:m][::-1]
                n = m
            else:
                n += 1
    return order


class _Typesetter:
    def __init__(self, language: str | None) -> None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        self.fonts = FontChooser(language)
        self.main = self.fonts.main
        self._width = stringWidth
        self._cache: dict[str, tuple[list[_Piece], float, str]] = {}
        self._plain: dict[str, tuple[str, float] | None] = {}
        self.space = stringWidth(" ", self.main.name, 1)

    def _pieces(self, text: str) -> tuple[list[_Piece], float, str]:
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        from reportlab.pdfbase.ttfonts import ShapedStr

        normal = unicodedata.normalize("NFC", text)
        pieces = []
        for font, whole in self.fonts.runs(normal):
            lead, part, trail = _edges(whole)
            if lead:
                pieces.append(_Piece(font.name, lead, self._width(lead, font.name, 1), None, font is self.main))
            if not part:
                continue
            if font.shaped or _has_marks(part) and font.embedded:
                shaped = _shape(part, font.name)
                if isinstance(shaped, ShapedStr):
                    width = sum(d.x_advance for d in shaped.__shapeData__) / 1000
                else:
                    width = self._width(part, font.name, 1)
                rtl = any(is_rtl_char(c) for c in part)
                pieces.append(_Piece(font.name, shaped, width, _visual(part) if rtl else part, False))
            else:
                pieces.append(_Piece(font.name, part, self._width(part, font.name, 1), None, font is self.main))
            if trail:
                pieces.append(_Piece(font.name, trail, self._width(trail, font.name, 1), None, font is self.main))
        result = (pieces, sum(p.width for p in pieces), _kind(normal))
        if len(self._cache) < 200_000:
            self._cache[text] = result
        return result

    def plain_lines(self, tokens: list[Token], width: float) -> list[list[str]] | None:
        """The lines :meth:`lines` makes of these words in the body's look, each as its words' texts
        and the spaces between them; None when one of them is not plain text in the main font
        (shaped, right to left, in another font, marked or wider than a line). Most words of most
        documents are plain, and this is their quick way: no _Item a word, the same lines."""
        plain = self._plain
        size = SIZE
        gap_width = self.space * size
        lines: list[list[str]] = []
        current: list[str] = []
        line_width = 0.0
        for token in tokens:
            if token.low or token.highlighted or token.comments:
                return None
            text = token.text
            found = plain.get(text, _UNKNOWN)
            if found is _UNKNOWN:
                pieces, at_one, kind = self._pieces(text)
                found = plain[text] = (pieces[0].text, at_one) if len(pieces) == 1 and pieces[0].plain \
                    and kind != "R" else None
            if found is None:
                return None
            shown, at_one = found
            part = at_one * size
            if part > width:
                return None
            if current:  # the arithmetic of lines(), step by step, for the same breaks
                gap = gap_width if token.space else 0.0
                if line_width + gap + part > width:
                    lines.append(current)
                    current = [shown]
                    line_width = 0.0
                    line_width += 0.0 + part
                    continue
                if gap:
                    current.append(" ")
                current.append(shown)
                line_width += gap + part
            else:
                current.append(shown)
                line_width += 0.0 + part
        if current:
            lines.append(current)
        return lines

    def item(self, text: str, size: float = SIZE, space: bool = True, **style: Any) -> _Item:
        pieces, width, kind = self._pieces(text)
        return _Item(pieces, width * size, size, space, kind, text, **style)

    def lines(self, items: list[_Item], width: float) -> list[_Line]:
        lines: list[_Line] = []
        line = _Line()
        for item in items:
            for part in self._fit(item, width):
                gap = self.space * part.size if part.space and line.items else 0.0
                if line.items and line.width + gap + part.width > width:
                    lines.append(line)
                    line = _Line()
                    gap = 0.0
                line.items.append(part)
                line.width += gap + part.width
        if line.items:
            lines.append(line)
        return lines

    def _fit(self, item: _Item, width: float) -> list[_Item]:
        """A word wider than the line, cut between characters (never before a mark)."""
        if item.width <= width:
            return [item]
        text = item.text
        style: dict[str, Any] = {"color": item.color, "bold": item.bold, "highlight": item.highlight, "low": item.low}
        parts: list[_Item] = []
        current = ""
        for char in text:
            if current and not unicodedata.combining(char) and \
                    self.item(current + char, item.size, **style).width > width:
                parts.append(self.item(current, item.size, space=not parts and item.space, **style))
                current = ""
            current += char
        if current:
            parts.append(self.item(current, item.size, space=not parts and item.space, **style))
        return parts


# HarfBuzz's default features and kerning, but not the discretionary ligatures that
# reportlab's shapeStr turns on (a Hebrew yod and vav would become the Yiddish ligature).
_FEATURES = {"kern": True, "liga": True, "dlig": False}


def _shape(text: str, font: str) -> Any:
    """``text`` shaped by HarfBuzz at size 1000: a ShapedStr, or the str when shaping changed nothing."""
    from reportlab.lib.abag import ABag
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfbase.ttfonts import shapeFragWord

    word = shapeFragWord([stringWidth(text, font, 1000), (ABag(fontName=font, fontSize=1000), text)],
                         features=_FEATURES)
    return word[1][1]


def _edges(text: str) -> tuple[str, str, str]:
    """Punctuation before and after the letters of a right-to-left run, set apart: its
    direction comes from the line, not from the letters."""
    if not any(is_rtl_char(c) for c in text):
        return "", text, ""
    start, end = 0, len(text)
    while start < end and _neutral(text[start]):
        start += 1
    while end > start and _neutral(text[end - 1]):
        end -= 1
    return text[:start], text[start:end], text[end:]


def _neutral(char: str) -> bool:
    return unicodedata.bidirectional(char) in ("CS", "ON", "ES", "ET", "WS", "B", "S")


def _has_marks(text: str) -> bool:
    return any(unicodedata.combining(c) for c in text)


class _Pages:
    """The canvas, the page being filled, the running header and the page numbers."""

    def __init__(self, canvas: Any, typesetter: _Typesetter, title: str, numbering: int | None = None,
                 restart: bool = False) -> None:
        self.canvas = canvas
        self.numbering = numbering
        """Every how many lines a number shows (None: no line numbers)."""
        self.restart = restart
        self.counted = 0
        """Lines numbered so far (on this page with ``restart``)."""
        self.ts = typesetter
        self.title = title
        self.number = 0
        self.y = 0.0
        self.width = PAGE_WIDTH - 2 * MARGIN
        self._shaped: dict[tuple[str, float, str], str] = {}
        self._split: dict[str, list[tuple[int, bytes]]] = {}
        self._first: dict[str, bytes] = {}
        self._frame: str | None = None
        self._new_page()

    def _new_page(self) -> None:
        if self.number:
            self.canvas.showPage()
        self.number += 1
        self.y = TOP
        if self.restart:
            self.counted = 0
        self._running_header()

    def _running_header(self) -> None:
        c = self.canvas
        header_y = PAGE_HEIGHT - 44
        items = [self.ts.item(w, SMALL, color=GREY) for w in self.title.split()]
        title_line = self.ts.lines(items, self.width * 0.7)[:1]
        if title_line:
            self.draw(title_line[0], header_y, rtl=False)
        c.setStrokeColorRGB(0.75, 0.75, 0.75)
        c.setLineWidth(0.5)
        c.line(MARGIN, header_y - 6, PAGE_WIDTH - MARGIN, header_y - 6)
        label = self.ts.item(f"Page {self.number} of", SMALL, color=GREY)
        total_width = self.ts.item("0000", SMALL).width
        x = PAGE_WIDTH - MARGIN - total_width - self.ts.space * SMALL - label.width
        self.draw(_Line([label], label.width), header_y, rtl=False, x=x)
        c.saveState()
        c.translate(PAGE_WIDTH - MARGIN - total_width, header_y)
        c.doForm("sk-page-count")
        c.restoreState()

    def finish(self) -> None:
        c = self.canvas
        c.showPage()
        c.beginForm("sk-page-count")
        c.setFont(self.ts.main.name, SMALL)
        c.setFillColorRGB(*GREY)
        c.drawString(0, 0, str(self.number))
        c.endForm()

    def room(self, lines: int, leading: float = LEADING) -> None:
        if self.y - lines * leading < BOTTOM:
            self._new_page()

    def line(self, line: _Line, rtl: bool, leading: float = LEADING, numbered: bool = False) -> None:
        self.room(1, leading)
        self.y -= leading
        self.draw(line, self.y, rtl)
        if numbered and self.numbering:
            self._count()

    def _count(self) -> None:
        """One more line of text at ``self.y``: its number in the margin when it is an Nth."""
        self.counted += 1
        if self.counted % (self.numbering or 1):
            return
        c = self.canvas
        c.saveState()
        c.setFont(self.ts.main.name, SMALL)
        c.setFillColorRGB(*GREY)
        c.drawRightString(MARGIN - NUMBER_GAP, self.y, str(self.counted))
        c.restoreState()

    def skip(self, points: float) -> None:
        self.y -= points

    def plain_line(self, parts: list[str]) -> None:
        """What :meth:`line` draws for a line of plain words in the body's look (one string in the
        main font, left-aligned), made here without reportlab's per-character work on each line:
        each word is split into the font's subsets once (the first time decides its glyph codes,
        as it would), and the operators are those reportlab's text object writes."""
        self.room(1)
        self.y -= LEADING
        frame = self._frame
        if frame is None:
            frame = self._frame = self._plain_frame()
        try:  # most lines: words split before, each all in the first subset
            chunks = [(0, b"".join([self._first[part] for part in parts]))]
        except KeyError:
            chunks = self._chunks(parts)
        code = [frame, _ORIGIN % self._fp_str(MARGIN + 0.0, self.y)]
        current = -1
        escape = self.canvas._escape
        for chunk_subset, chunk in chunks:
            if chunk_subset != current:
                code.append(f"{self._main_font.getSubsetInternalName(chunk_subset, self._doc)} {self._tf}")
                current = chunk_subset
            code.append(f"({escape(chunk)}) Tj")
        code.append("ET")
        self.canvas._code.append(" ".join(code))
        if self.numbering:
            self._count()

    def _chunks(self, parts: list[str]) -> list[tuple[int, bytes]]:
        """reportlab's splitString of the parts joined, from each part's own (split once, in order)."""
        split = self._split
        subset = -1
        data: list[bytes] = []
        chunks: list[tuple[int, bytes]] = []
        for part in parts:
            found = split.get(part)
            if found is None:
                found = split[part] = self._main_font.splitString(part, self._doc)
                if len(found) == 1 and found[0][0] == 0:
                    self._first[part] = found[0][1]
            for chunk_subset, chunk in found:
                if chunk_subset != subset:
                    if data:
                        chunks.append((subset, b"".join(data)))
                    subset = chunk_subset
                    data = [chunk]
                else:
                    data.append(chunk)
        if data:
            chunks.append((subset, b"".join(data)))
        return chunks

    def _plain_frame(self) -> str:
        """The operators opening a plain line's text object (BT, its origin, the colours), as
        reportlab writes them."""
        from reportlab.pdfgen.textobject import fp_str

        text = _text_object(self.canvas)
        self._set(text, {"font": None, "color": None, "bold": False}, self.ts.main.name,
                  _Item([], 0.0, SIZE, False, "N", ""))
        self._fp_str = fp_str
        self._tf = f"{fp_str(SIZE)} Tf {fp_str(text._leading)} TL"
        return " ".join(text._code)

    def plain_ready(self) -> bool:
        """Whether :meth:`plain_line` draws as :meth:`line` would: the main font is a TrueType
        font, set in subsets (reportlab's standard fonts are not)."""
        from reportlab.pdfbase.pdfmetrics import getFont

        font = getFont(self.ts.main.name)
        if not getattr(font, "_dynamicFont", False):
            return False
        self._main_font = font
        self._doc = self.canvas._doc
        return True

    def draw(self, line: _Line, y: float, rtl: bool, x: float | None = None) -> None:
        items = line.items
        order = _visual_order(items, rtl)
        space = self.ts.space
        # x of each item, left to right
        xs: list[float] = []
        gaps: list[float] = []
        cursor = 0.0
        for n, index in enumerate(order):
            if n:
                previous = order[n - 1]
                later = max(previous, index)
                gap = space * items[later].size if (abs(previous - index) != 1 or items[later].space) else 0.0
                cursor += gap
                gaps.append(gap)
            xs.append(cursor)
            cursor += items[index].width
        if x is None:
            x = MARGIN + (self.width - cursor if rtl else 0.0)
        c = self.canvas
        for n, index in enumerate(order):  # highlights behind the text
            item = items[index]
            if item.highlight:
                extend = gaps[n] if n < len(gaps) and items[order[n + 1]].highlight else 0.0
                c.setFillColorRGB(*YELLOW)
                c.rect(x + xs[n] - 0.5, y - item.size * 0.28, item.width + extend + 1, item.size * 1.25,
                       stroke=0, fill=1)
        text = _text_object(c)
        code = text._code
        state: dict[str, Any] = {"font": None, "color": None, "bold": False}
        n = 0
        while n < len(order):
            item = items[order[n]]
            pieces = _piece_order(item, rtl)
            # merge plain words in the same look into one string
            if len(pieces) == 1 and pieces[0].plain:
                words = [pieces[0].text]
                m = n + 1
                while m < len(order):
                    other = items[order[m]]
                    if not (len(other.pieces) == 1 and other.pieces[0].plain and other.size == item.size
                            and other.color == item.color and other.bold == item.bold and other.low == item.low
                            and gaps[m - 1] in (0.0, space * item.size)):
                        break
                    words.append((" " if gaps[m - 1] else "") + other.pieces[0].text)
                    m += 1
                self._set(text, state, pieces[0].font, item)
                text.setTextOrigin(x + xs[n], y)
                text.textOut("".join(words))
                if item.low:
                    last = items[order[m - 1]]
                    self._underline(x + xs[n], x + xs[m - 1] + last.width, y, item.size)
                n = m
                continue
            offset = 0.0
            for piece in pieces:
                self._set(text, state, piece.font, item)
                text.setTextOrigin(x + xs[n] + offset, y)
                if piece.actual is not None:
                    code.append("/Span <</ActualText <" + ("\ufeff" + piece.actual).encode("utf-16-be").hex()
                                + ">>> BDC")
                    code.append(self._glyphs(text, piece.font, item.size, piece.text))
                    code.append("EMC")
                else:
                    text.textOut(piece.text)
                offset += piece.width * item.size
            if item.low:
                self._underline(x + xs[n], x + xs[n] + item.width, y, item.size)
            n += 1
        if state["bold"]:
            text.setTextRenderMode(0)  # the render mode outlives the text object
        c.drawText(text)

    def _glyphs(self, text: Any, font: str, size: float, shaped: Any) -> str:
        """The operators showing a shaped word, made once per document for each word, font
        and size (reportlab's shaped-text formatting is the slowest step for Arabic)."""
        key = (font, size, str(shaped))
        code = self._shaped.get(key)
        text._curSubset = -1  # so the operators select their font subset themselves
        if code is None:
            code = self._shaped[key] = text._formatText(shaped)
        text._curSubset = -1
        return code

    def _set(self, text: Any, state: dict[str, Any], font: str, item: _Item) -> None:
        if state["font"] != (font, item.size):
            text.setFont(font, item.size)
            state["font"] = (font, item.size)
        color = LOW if item.low else item.color or (0.0, 0.0, 0.0)
        if state["color"] != color:
            text.setFillColorRGB(*color)
            text.setStrokeColorRGB(*color)
            state["color"] = color
        if state["bold"] != item.bold:
            if item.bold:  # Noto's variable fonts give the regular weight: bold by stroking the outline
                text._code.append(f"{item.size * 0.035:.3f} w")
                text.setTextRenderMode(2)
            else:
                text.setTextRenderMode(0)
            state["bold"] = item.bold

    def _underline(self, x0: float, x1: float, y: float, size: float) -> None:
        c = self.canvas
        c.saveState()
        c.setStrokeColorRGB(*LOW)
        c.setLineWidth(0.6)
        c.setDash(1, 1.5)
        c.line(x0, y - size * 0.18, x1, y - size * 0.18)
        c.restoreState()


@lru_cache(maxsize=1)
def _text_class() -> Any:
    from reportlab.pdfgen.textobject import PDFTextObject

    class Text(PDFTextObject):  # type: ignore[misc]
        def setRise(self, rise: float) -> None:
            if not self._code:  # reportlab raises when a shaped run opens with a raised glyph
                self._code.append("")
            super().setRise(rise)

    return Text


def _text_object(canvas: Any) -> Any:
    return _text_class()(canvas)


def _language_tag(transcript: Transcript) -> str | None:
    """The transcript's language for the PDF catalog (/Lang), when it looks like a BCP 47 tag."""
    language = (transcript.metadata.language or "").strip().replace("_", "-")
    parts = language.split("-")
    if language and all(p.isascii() and p.isalnum() and 0 < len(p) <= 8 for p in parts):
        return language
    return None


def _words(text: str) -> list[str]:
    return text.split()


@reporting
def write(transcript: Transcript, options: DocumentOptions | None = None) -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    options = options or DocumentOptions()
    title = document_title(transcript, options)
    typesetter = _Typesetter(transcript.metadata.language)
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1, pageCompression=1,
                    initialFontName=typesetter.main.name, initialFontSize=SIZE, lang=_language_tag(transcript))
    canvas.setTitle(title)
    canvas.setSubject("Transcript")
    canvas.setCreator("scribekit")
    canvas.setAuthor("")
    pages = _Pages(canvas, typesetter, title, options.line_numbers, options.line_numbers_restart)
    ts = typesetter

    if shows_header(options):
        title_items = [ts.item(w, TITLE_SIZE, bold=True) for w in _words(title)]
        for line in ts.lines(title_items, pages.width):
            pages.line(line, rtl=_kind(title) == "R", leading=TITLE_SIZE * 1.3)
        pages.skip(6)
        for label, value in header_fields(transcript):
            fields = [ts.item(f"{label}:", SMALL + 1, bold=True, color=GREY)]
            fields += [ts.item(w, SMALL + 1, color=GREY) for w in _words(value)]
            for line in ts.lines(fields, pages.width):
                pages.line(line, rtl=False, leading=(SMALL + 1) * 1.45)
        pages.skip(8)

    plain = pages.plain_ready()
    for block in blocks(transcript, options):
        heading: list[_Item] = []
        if options.timestamps:
            heading.append(ts.item(format_clock(block.start), color=GREY))
        if options.speakers and block.speaker:
            heading += [ts.item(w, bold=True) for w in _words(block.speaker)]
        runs = block.runs
        if plain and len(runs) == 1 and runs[0][0] is None and block.direction != "rtl":
            plain_lines = ts.plain_lines(runs[0][1], pages.width)
            if plain_lines is not None:
                heading_lines = ts.lines(heading, pages.width) if heading else []
                pages.skip(5)
                pages.room(len(heading_lines) + min(2, len(plain_lines)))
                for line in heading_lines:
                    pages.line(line, rtl=False, numbered=True)
                for parts in plain_lines:
                    pages.plain_line(parts)
                continue
        items: list[_Item] = []
        for mark, tokens in block.runs:
            if mark is not None:
                items.append(ts.item(f"[{format_clock(mark)}]", color=GREY, space=bool(items)))
            for token in tokens:
                items.append(ts.item(token.text, space=token.space or bool(items) and token is tokens[0],
                                     highlight=token.highlighted, low=token.low))
                for comment in token.comments:
                    items += [ts.item(w, color=COMMENT) for w in _words(f"[{comment}]")]
        lines = ts.lines(items, pages.width)
        heading_lines = ts.lines(heading, pages.width) if heading else []
        pages.skip(5)
        pages.room(len(heading_lines) + min(2, len(lines)))
        for line in heading_lines:
            pages.line(line, rtl=block.direction == "rtl" and _kind(block.speaker or "") == "R", numbered=True)
        for line in lines:
            pages.line(line, rtl=block.direction == "rtl", numbered=True)
    pages.finish()
    canvas.save()
    return out.getvalue()

