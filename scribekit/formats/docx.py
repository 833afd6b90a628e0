"""Word document (DOCX) through python-docx: a title and short header, one paragraph per
speaker turn, and named styles so that a user restyles the whole document in Word.

Styles: ``Title``, ``Transcript Header``, ``Transcript Turn`` (paragraphs) and
``Transcript Speaker``, ``Transcript Timestamp``, ``Transcript Highlight``,
``Transcript Low Confidence`` (characters). Highlight labels become Word comments.

Line numbers (``line_numbers=N``) are Word's own (Layout > Line Numbers): Word counts the
lines as it lays them out, shows every Nth number in the left margin, and starts again on
each page with ``line_numbers_restart`` (else the numbers run on through the document). The
lines of the turns are counted (a turn's timestamp and speaker line too); the title and
header are not (their styles suppress line numbers), nor the space between paragraphs.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from ..model import Transcript
from ..timecode import format_clock
from . import describe
from ._document import (
    Block,
    DocumentOptions,
    Token,
    blocks,
    clean_text,
    direction,
    document_title,
    header_fields,
    reporting,
    shows_header,
)

FORMAT = describe(__name__, name="docx", title="Word document (python-docx)", extensions=("docx",), kind="document",
                  priority=90)

Options = DocumentOptions

_RTL_LANGUAGES = {"ar", "he", "iw", "fa", "ur", "ps", "yi", "dv", "ug", "ckb", "sd"}
_EAST_ASIAN_LANGUAGES = {"zh", "cmn", "yue", "ja", "ko"}
_AUTHOR = "scribekit"


def _set_language(style: Any, language: str) -> None:
    """Tell Word the text's language (for spelling and fonts) in the style's run properties."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    code = language.strip().replace("_", "-")
    base = code.split("-")[0].lower()
    rpr = style.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    attribute = "w:bidi" if base in _RTL_LANGUAGES else "w:eastAsia" if base in _EAST_ASIAN_LANGUAGES else "w:val"
    lang.set(qn(attribute), code)
    rpr.append(lang)


def _bold_everywhere(style: Any) -> None:
    """Bold for every script (w:b, and w:bCs for Arabic, Hebrew, Indic, Thai...)."""
    from docx.oxml import OxmlElement

    style.font.bold = True
    rpr = style.element.get_or_add_rPr()
    rpr.append(OxmlElement("w:bCs"))


def _styles(document: Any, language: str | None) -> dict[str, Any]:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_COLOR_INDEX, WD_UNDERLINE
    from docx.shared import Pt, RGBColor

    styles = document.styles
    if language:
        _set_language(styles["Normal"], language)

    header = styles.add_style("Transcript Header", WD_STYLE_TYPE.PARAGRAPH)
    header.base_style = styles["Normal"]
    header.font.size = Pt(10)
    header.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    header.paragraph_format.space_after = Pt(2)

    turn = styles.add_style("Transcript Turn", WD_STYLE_TYPE.PARAGRAPH)
    turn.base_style = styles["Normal"]
    turn.paragraph_format.space_before = Pt(6)
    turn.paragraph_format.space_after = Pt(6)

    speaker = styles.add_style("Transcript Speaker", WD_STYLE_TYPE.CHARACTER)
    _bold_everywhere(speaker)

    timestamp = styles.add_style("Transcript Timestamp", WD_STYLE_TYPE.CHARACTER)
    timestamp.font.color.rgb = RGBColor(0x6A, 0x6A, 0x6A)

    highlight = styles.add_style("Transcript Highlight", WD_STYLE_TYPE.CHARACTER)
    highlight.font.highlight_color = WD_COLOR_INDEX.YELLOW

    low = styles.add_style("Transcript Low Confidence", WD_STYLE_TYPE.CHARACTER)
    low.font.color.rgb = RGBColor(0xB0, 0x3A, 0x00)
    low.font.underline = WD_UNDERLINE.DOTTED

    label = styles.add_style("Transcript Header Label", WD_STYLE_TYPE.CHARACTER)
    _bold_everywhere(label)
    return {"header": header, "turn": turn, "speaker": speaker, "timestamp": timestamp,
            "highlight": highlight, "low": low, "label": label}


_LINE_NUMBER_DISTANCE = 360
"""Twips between the line numbers and the text (a quarter inch, Word's own for one column)."""
_AFTER_LNNUMTYPE = ("w:pgNumType", "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg",
                    "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")
_AFTER_SUPPRESS = ("w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
                   "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
                   "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
                   "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                   "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
                   "w:pPrChange")


def _line_numbers(section: Any, every: int, restart: bool, unnumbered: list[Any]) -> None:
    """Word's line numbering in the section (``w:lnNumType``): every ``every``-th line's number,
    restarting on each page or not; the paragraphs of the ``unnumbered`` styles are left out."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    numbering = OxmlElement("w:lnNumType")
    numbering.set(qn("w:countBy"), str(every))
    numbering.set(qn("w:distance"), str(_LINE_NUMBER_DISTANCE))
    numbering.set(qn("w:restart"), "newPage" if restart else "continuous")
    section._sectPr.insert_element_before(numbering, *_AFTER_LNNUMTYPE)
    for style in unnumbered:
        style.element.get_or_add_pPr().insert_element_before(OxmlElement("w:suppressLineNumbers"), *_AFTER_SUPPRESS)


def _page_number_footer(section: Any, title: str, styles: dict[str, Any]) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    head = section.header.paragraphs[0]
    head.style = styles["header"]
    head.add_run(title)
    foot = section.footer.paragraphs[0]
    foot.style = styles["header"]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    foot._p.append(field)


class _Writer:
    """Appends the speaker turns as raw WordprocessingML: python-docx's add_run looks its
    style up by scanning every style, far too slow for 100,000 words."""

    def __init__(self, document: Any, styles: dict[str, Any]) -> None:
        from docx.oxml.ns import qn

        self.document = document
        self.ids = {name: style.style_id for name, style in styles.items()}
        self.tag = {name: qn(f"w:{name}") for name in ("p", "r", "rPr", "rStyle", "t", "br", "highlight", "rtl",
                                                         "val", "bidi", "pPr", "pStyle")}
        self.preserve = "{http://www.w3.org/XML/1998/namespace}space"

    def paragraph(self, style: str, rtl: bool) -> Any:
        from lxml.etree import SubElement

        paragraph = self.document.add_paragraph()
        ppr = SubElement(paragraph._p, self.tag["pPr"])
        SubElement(ppr, self.tag["pStyle"]).set(self.tag["val"], self.ids[style])
        if rtl:
            SubElement(ppr, self.tag["bidi"])
        return paragraph

    def run(self, paragraph: Any, text: str, style: str | None = None, highlight: bool = False) -> Any:
        from lxml.etree import SubElement

        tag = self.tag
        run = SubElement(paragraph._p, tag["r"])
        rtl = direction(text) == "rtl"
        if style or highlight or rtl:
            properties = SubElement(run, tag["rPr"])
            if style:
                SubElement(properties, tag["rStyle"]).set(tag["val"], self.ids[style])
            if highlight:
                SubElement(properties, tag["highlight"]).set(tag["val"], "yellow")
            if rtl:
                SubElement(properties, tag["rtl"])
        element = SubElement(run, tag["t"])
        element.text = text
        element.set(self.preserve, "preserve")
        return run

    def line_break(self, paragraph: Any) -> None:
        from lxml.etree import SubElement

        SubElement(SubElement(paragraph._p, self.tag["r"]), self.tag["br"])

    def turn(self, block: Block, options: DocumentOptions) -> None:
        from docx.text.run import Run

        paragraph = self.paragraph("turn", block.direction == "rtl")
        heading = False
        if options.timestamps:
            self.run(paragraph, format_clock(block.start), "timestamp")
            heading = True
        if options.speakers and block.speaker:
            if heading:
                self.run(paragraph, "  ")
            self.run(paragraph, block.speaker, "speaker")
            heading = True
        if heading:
            self.line_break(paragraph)
        for piece in _pieces(block):
            if piece.space_before:
                self.run(paragraph, " ")
            if piece.mark is not None:
                self.run(paragraph, f"[{format_clock(piece.mark)}] ", "timestamp")
                continue
            tokens = piece.tokens
            text = "".join([" " + t.text if t.space and i else t.text for i, t in enumerate(tokens)])
            first = tokens[0]
            # highlighted directly as well as by style: LibreOffice ignores a character style's highlight
            run = self.run(paragraph, text, "low" if first.low else "highlight" if first.highlighted else None,
                           highlight=first.highlighted)
            for comment in tokens[-1].comments:
                self.document.add_comment(Run(run, paragraph), text=comment, author=_AUTHOR, initials="sk")


@dataclass
class _Piece:
    """Words shown alike (one run), or an interval timestamp."""

    space_before: bool
    mark: int | None = None
    tokens: list[Token] = field(default_factory=list)


def _pieces(block: Block) -> list[_Piece]:
    pieces: list[_Piece] = []
    last: Token | None = None  # the last token of the last piece (never a timestamp: words follow it)
    words: list[Token] = []
    for mark, run in block.runs:
        for i, token in enumerate(run):
            if mark is not None and i == 0:
                pieces.append(_Piece(bool(pieces), mark=mark))
                words = [token]
                pieces.append(_Piece(False, tokens=words))
            elif last is not None and last.low == token.low and last.highlighted == token.highlighted \
                    and not last.comments:
                words.append(token)
            else:
                words = [token]
                pieces.append(_Piece(token.space and bool(pieces), tokens=words))
            last = token
    return pieces


@reporting
def write(transcript: Transcript, options: DocumentOptions | None = None) -> bytes:
    import docx

    options = options or DocumentOptions()
    document = docx.Document()
    title = document_title(transcript, options)
    language = clean_text(transcript.metadata.language or "").strip() or None
    styles = _styles(document, language)
    properties = document.core_properties
    properties.title = title
    properties.subject = "Transcript"
    properties.author = ""
    properties.comments = "Written by scribekit"
    if language:
        properties.language = language
    _page_number_footer(document.sections[0], title, styles)
    if options.line_numbers:
        _line_numbers(document.sections[0], options.line_numbers, options.line_numbers_restart,
                      [document.styles["Title"], styles["header"]])

    if shows_header(options):
        document.add_paragraph(title, style="Title")
        for label, value in header_fields(transcript):
            paragraph = document.add_paragraph(style=styles["header"])
            paragraph.add_run(f"{label}: ", styles["label"])
            paragraph.add_run(value)
    writer = _Writer(document, styles)
    for block in blocks(transcript, options):
        writer.turn(block, options)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
