"""What every document writer (TXT, DOCX, PDF, HTML) shares: the options, the
transcript cut into paragraphs, and each word as it is to be shown (cleaned text,
highlighted or not, low confidence or not, the comments that close on it)."""
from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from .. import collector
from ..model import Highlight, Segment, Transcript, Word
from ..segmentation import word_segments
from ..segmentation.language import is_unspaced_script

CONVENTIONS = ("dresing-pehl", "gat2", "jefferson-lite")
"""The transcription conventions ``conventions=`` names (see ``scribekit.conventions``)."""


def check_interval(every: float | None) -> None:
    """``timestamps_every`` of a research format: a positive number of seconds whose milliseconds
    a float holds exactly (NaN and infinity refused); an OptionError otherwise."""
    if every is not None and not (every > 0 and every * 1000 < 2**53):
        from ..errors import OptionError

        raise OptionError(f"timestamps_every must be a positive number of seconds, not {every}")


@dataclass(frozen=True)
class ConventionOptions:
    """The transcription conventions researchers name in their methods sections: options of every
    document writer and of the research formats (see ``scribekit.conventions``)."""

    conventions: str | None = field(default=None, metadata={
        "help": "transcribe by a convention: pause marks from the silences between words, its marks for "
                "inaudible words, clean or verbatim: " + ", ".join(CONVENTIONS)})
    clean: bool | None = field(default=None, metadata={
        "help": "clean: drop fillers (um, äh, ...) and false starts; --verbatim keeps them (default: "
                "verbatim, clean under dresing-pehl)"})
    inaudible: float | None = field(default=None, metadata={
        "help": "each run of words whose confidence is below this (0 to 1) becomes one mark: (inaudible hh:mm:ss), "
                "or the convention's own"})
    speaker_abbreviations: str | None = field(default=None, metadata={
        "help": "speakers as abbreviations: auto (I for the first, B1, B2, ... for the others) or a "
                "mapping such as 'Interviewer=I,Anna=B1'"})
    language: str | None = field(default=None, metadata={
        "help": "language of the text, for its rules: no-break rules, clean-up and filler word lists, xml:lang "
                "(default: the transcript's, else recognised from its words)"})

    def __post_init__(self) -> None:
        from ..errors import OptionError

        if self.conventions is not None and self.conventions not in CONVENTIONS:
            raise OptionError(f"conventions must be one of {', '.join(CONVENTIONS)}, not {self.conventions!r}")
        if self.inaudible is not None and not 0 <= self.inaudible <= 1:
            raise OptionError(f"inaudible must be between 0 and 1, not {self.inaudible}")
        if self.speaker_abbreviations is not None:
            from ..conventions.speakers import parse_abbreviations

            parse_abbreviations(self.speaker_abbreviations)

    def asks_conventions(self) -> bool:
        """Whether these options ask :func:`scribekit.conventions.apply` for anything."""
        return bool(self.conventions or self.clean or self.inaudible is not None or self.speaker_abbreviations)


@dataclass(frozen=True)
class DocumentOptions(ConventionOptions):
    """Options every document format takes, with the same meaning in each."""

    timestamps: bool = field(default=False, metadata={"help": "a timestamp at each speaker turn (default: off, "
                                                              "on in html)"})
    timestamps_every: float | None = field(
        default=None, metadata={"help": "also a timestamp every N seconds inside the text (5s, 10s, 30s, 60s, ...)",
                                "unit": "seconds"})
    speakers: bool = field(default=False, metadata={"help": "the speaker's name at each turn (default: off, "
                                                            "on in html)"})
    highlights_only: bool = field(default=False, metadata={"help": "only the highlighted passages"})
    highlights: bool = field(default=False, metadata={
        "help": "mark the highlighted passages (highlighted text; ==like this== in txt)"})
    comments: bool = field(default=False, metadata={
        "help": "each highlight's label as a comment where its passage ends ([comment: ...] in txt)"})
    low_confidence: float | None = field(default=None, metadata={
        "help": "mark words whose confidence is below this (0 to 1; word(?) in txt)"})
    header: bool | None = field(default=None, metadata={
        "help": "a title and a short header: file, language, duration, speakers (default: on, off for txt)"})
    title: str | None = field(default=None, metadata={"help": "the document's title (default: the file name "
                                                              "without its extension)"})

    line_numbers: int | None = field(default=None, metadata={
        "help": "number the lines of the turns (not the title, header or blank lines): every line (1, or the "
                "flag alone) or every Nth (5)"})
    line_numbers_restart: bool = field(default=False, metadata={
        "help": "line numbers start again at 1 on each page (docx, pdf; txt and html have no pages)"})

    def __post_init__(self) -> None:
        from ..errors import OptionError

        super().__post_init__()
        if self.line_numbers is not None and self.line_numbers < 1:
            raise OptionError(f"line_numbers must be at least 1, not {self.line_numbers}")
        if self.timestamps_every is not None and self.timestamps_every <= 0:
            raise OptionError(f"timestamps_every must be positive, not {self.timestamps_every}")
        if self.low_confidence is not None and not 0 <= self.low_confidence <= 1:
            raise OptionError(f"low_confidence must be between 0 and 1, not {self.low_confidence}")


@dataclass
class Paragraph:
    speaker: str | None
    """The speaker's display name."""
    start: int
    words: list[Word]


_made: ContextVar[tuple[Transcript, list[Segment]] | None] = ContextVar("scribekit_document_segments", default=None)


def segments_of(transcript: Transcript) -> list[Segment]:
    """``word_segments(transcript)``; made once for the document being written (:func:`reporting`),
    as the paragraphs, the header and the checks all need them."""
    made = _made.get()
    if made is not None and made[0] is transcript:
        return made[1]
    return word_segments(transcript)


def paragraphs(transcript: Transcript, options: DocumentOptions) -> Iterator[Paragraph]:
    """Speaker turns as paragraphs; with ``highlights_only``, the highlighted passages."""
    segments = segments_of(transcript)
    if not options.highlights_only:
        for segment in segments:
            if segment.words:
                yield Paragraph(transcript.speaker_name(segment.speaker), segment.words[0].start, segment.words)
        return
    for highlight in sorted(transcript.highlights, key=lambda h: h.start):
        for segment in segments:
            inside = [w for w in segment.words if w.start < highlight.end and w.end > highlight.start]
            if inside:
                yield Paragraph(transcript.speaker_name(segment.speaker), inside[0].start, inside)


def timed_runs(words: list[Word], every_ms: int | None,
               last_mark: int) -> tuple[list[tuple[int | None, list[Word]]], int]:
    """Split a paragraph's words into runs, each opened by the interval mark it reaches.

    A run's mark is the multiple of ``every_ms`` its first word reached, or
    None when that mark was shown already (``last_mark``, -1 for none yet).
    Returns the runs and the last mark shown.
    """
    if not every_ms:
        return [(None, words)], last_mark
    runs: list[tuple[int | None, list[Word]]] = []
    for word in words:
        reached = word.start // every_ms * every_ms
        if reached > last_mark:
            runs.append((reached, [word]))
            last_mark = reached
        elif runs:
            runs[-1][1].append(word)
        else:
            runs.append((None, [word]))
    return runs, last_mark


# --- text as shown ---------------------------------------------------------------------------

# C0 and C1 controls, DEL, the bidi embeddings, overrides and isolates (a stray one would
# turn the rest of a line around), lone surrogates and the non-characters U+FFFE/U+FFFF.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")
_BLANKS = re.compile("[\t\n\r\u2028\u2029]+")
_EXCERPT = 40
_Writer = TypeVar("_Writer", bound=Callable[..., Any])


class _Replaced:
    """What :func:`clean_text` removed or replaced while one document was written."""

    def __init__(self) -> None:
        self.count = 0
        self.first = ""


_replaced: ContextVar[_Replaced | None] = ContextVar("scribekit_document_replaced", default=None)


_SPACE_LIKE = frozenset("\x0b\x0c\x1c\x1d\x1e\x1f\x85")


def _replacement(match: re.Match[str]) -> str:
    """As every writer does (scribekit.markup.TextRepairs): a lone surrogate becomes U+FFFD,
    a control character that is whitespace a space, any other is left out."""
    found = match.group()
    if "\ud800" <= found <= "\udfff":
        return "\ufffd"
    return " " if found in _SPACE_LIKE else ""


def clean_text(text: str) -> str:
    """Text safe to show in any document: no control characters (tabs, line breaks and the
    other whitespace controls become spaces), no bidi overrides, no non-characters; a lone
    surrogate becomes U+FFFD.
    Inside :func:`reporting_replacements`, what was removed or replaced is counted."""
    if text.isprintable():
        return text
    spaced = _BLANKS.sub(" ", text)
    cleaned, count = _UNSAFE.subn(_replacement, spaced)
    if count:
        replaced = _replaced.get()
        if replaced is not None:
            if not replaced.count:
                where = _UNSAFE.search(spaced)
                at = where.start() if where else 0
                replaced.first = spaced[max(0, at - _EXCERPT // 2):at + _EXCERPT // 2]
            replaced.count += count
    return cleaned


def reporting(write: _Writer) -> _Writer:
    """A document writer that reports, once, what :func:`clean_text` removed or replaced, and writes
    the transcript as its options' transcription conventions ask (:func:`scribekit.conventions.apply`,
    when the options are :class:`ConventionOptions`)."""
    @functools.wraps(write)
    def wrapper(transcript: Transcript, *args: Any, **kwargs: Any) -> Any:
        _check_times(transcript)
        options = args[0] if args else kwargs.get("options")
        if isinstance(options, ConventionOptions) and options.asks_conventions():
            from ..conventions import apply

            transcript = apply(transcript, options)
        with collector.paused():  # a document holds an object or more per word, none in a cycle
            token = _made.set((transcript, word_segments(transcript)))
            try:
                with reporting_replacements():
                    return write(transcript, *args, **kwargs)
            finally:
                _made.reset(token)

    return cast(_Writer, wrapper)


def _check_times(transcript: Transcript) -> None:
    """Times a clock can show (a transcript built in Python may hold any int)."""
    from ..segmentation.timing import check_range

    times = [t for s in transcript.segments for w in s.words for t in (w.start, w.end)]
    times += [t for cue in transcript.cues or () for t in (cue.start, cue.end)]
    if times:
        check_range(min(times), max(times), "the document")
        total = sum(times)  # a float NaN, which min and max pass over, makes the sum NaN
        if total != total:
            check_range(total, total, "the document")


@contextmanager
def reporting_replacements() -> Iterator[None]:
    """Around the writing of one document: one warning when :func:`clean_text` removed
    control characters, bidi overrides or non-characters, or replaced lone surrogates."""
    replaced = _Replaced()
    token = _replaced.set(replaced)
    try:
        yield
    finally:
        _replaced.reset(token)
    if replaced.count:
        from ..errors import warn

        warn("characters a document cannot show (control characters, bidi overrides, lone surrogates) removed "
             f"or replaced (by a space or U+FFFD), the first in {replaced.first!r}")


_UNSPACED_FROM = "\u3000"
"""No character before this is of a script written without spaces (language.UNSPACED)."""


def needs_space(before: str, after: str) -> bool:
    """Whether a space goes between two words (none between Han or kana characters)."""
    return not (before and after and is_unspaced_script(before[-1]) and is_unspaced_script(after[0]))


_STRONG_RTL = ("R", "AL")


def direction(text: str) -> str:
    """``"rtl"`` or ``"ltr"``: the direction of the first strongly directional character."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in _STRONG_RTL:
            return "rtl"
    return "ltr"


def is_rtl_char(char: str) -> bool:
    return unicodedata.bidirectional(char) in _STRONG_RTL


# --- words as shown --------------------------------------------------------------------------

@dataclass(slots=True)
class Token:
    """One word as a document shows it."""

    text: str
    start: int
    end: int
    space: bool
    """A space goes before it (False for the first word of a run and between Han/kana words)."""
    low: bool = False
    """Confidence below the ``low_confidence`` threshold."""
    highlighted: bool = False
    comments: list[str] = field(default_factory=list)
    """Labels of the highlights whose passage ends on this word (with ``comments``)."""


@dataclass
class Block:
    """A paragraph ready to render: the speaker turn's heading data and its runs of tokens,
    each run opened by an interval timestamp (ms) or None."""

    speaker: str | None
    start: int
    runs: list[tuple[int | None, list[Token]]]
    direction: str
    """``"ltr"`` or ``"rtl"`` (from the first strongly directional letter)."""

    @property
    def text(self) -> str:
        return "".join((" " if t.space else "") + t.text for _, run in self.runs for t in run)


class _Highlights:
    """Which words fall inside a highlight, and which word closes each labelled one."""

    def __init__(self, transcript: Transcript, options: DocumentOptions) -> None:
        wanted = [h for h in transcript.highlights if h.end > h.start]
        self.active = bool(options.highlights and wanted)
        merged: list[list[int]] = []
        for h in sorted(wanted, key=lambda h: h.start):
            if merged and h.start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], h.end)
            else:
                merged.append([h.start, h.end])
        self._starts = [m[0] for m in merged]
        self._ends = [m[1] for m in merged]
        self.closing: dict[int, list[str]] = {}
        if options.comments:
            self._find_closing_words(transcript, [h for h in wanted if h.label and clean_text(h.label).strip()])

    def _find_closing_words(self, transcript: Transcript, labelled: list[Highlight]) -> None:
        if not labelled:
            return
        words = [w for s in segments_of(transcript) for w in s.words]
        starts = [w.start for w in words]
        in_order = all(a <= b for a, b in zip(starts, starts[1:]))
        longest = max((w.end - w.start for w in words), default=0)
        for h in labelled:
            last = None  # a highlight closes on the last word (in document order) it overlaps
            if in_order:
                i = bisect.bisect_left(starts, h.end) - 1
                while i >= 0 and words[i].start + longest > h.start:
                    if words[i].end > h.start:
                        last = words[i]
                        break
                    i -= 1
            else:
                for w in words:
                    if w.start < h.end and w.end > h.start:
                        last = w
            if last is not None:
                self.closing.setdefault(id(last), []).append(clean_text(h.label or "").strip())

    def covers(self, word: Word) -> bool:
        i = bisect.bisect_left(self._starts, word.end) - 1
        return i >= 0 and self._ends[i] > word.start


def blocks(transcript: Transcript, options: DocumentOptions) -> Iterator[Block]:
    """The paragraphs of ``transcript`` as the options ask, each word cleaned and marked."""
    every_ms = round(options.timestamps_every * 1000) if options.timestamps_every else None
    marks = _Highlights(transcript, options)
    threshold = options.low_confidence
    active, covers, closing = marks.active, marks.covers, marks.closing
    last_mark = -1
    for paragraph in paragraphs(transcript, options):
        runs, last_mark = timed_runs(paragraph.words, every_ms, last_mark)
        out: list[tuple[int | None, list[Token]]] = []
        previous = ""
        for mark, run in runs:
            tokens = []
            for word in run:  # once a word of the document: clean_text and needs_space inlined where they are cheap
                text = word.text
                text = (text if text.isprintable() else clean_text(text)).strip()
                if not text:
                    continue
                space = bool(previous) and (previous[-1] < _UNSPACED_FROM or text[0] < _UNSPACED_FROM
                                            or needs_space(previous, text))
                low = threshold is not None and word.confidence is not None and word.confidence < threshold
                tokens.append(Token(text, word.start, word.end, space, low, active and covers(word),
                                    closing.get(id(word), []) if closing else []))
                previous = text
            if tokens:
                out.append((mark, tokens))
        if out and out[0][0] is not None and options.timestamps:
            out[0] = (None, out[0][1])  # the turn's own timestamp says it already
        if out:
            first_text = " ".join(t.text for _, run in out for t in run[:8])
            yield Block(clean_text(paragraph.speaker).strip() if paragraph.speaker else None,
                        paragraph.start, out, direction(first_text))


def shows_header(options: DocumentOptions, default: bool = True) -> bool:
    return default if options.header is None else options.header


def document_title(transcript: Transcript, options: DocumentOptions) -> str:
    """The ``title`` option, else the file's name without its folder and extension, else "Transcript"."""
    title = options.title or _stem(transcript.metadata.filename or "") or "Transcript"
    return clean_text(title).strip() or "Transcript"


def _stem(filename: str) -> str:
    name = filename.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    stem, dot, _ = name.rpartition(".")
    return stem.strip() if dot and stem.strip() else name


def duration(transcript: Transcript) -> int:
    """Milliseconds from 0 to the end of the last word (or cue)."""
    ends = [s.end for s in segments_of(transcript) if s.words]
    return max(ends, default=0)


def header_fields(transcript: Transcript) -> list[tuple[str, str]]:
    """The short header: file name, language, duration and speakers (those known)."""
    from ..timecode import format_clock

    fields: list[tuple[str, str]] = []
    if transcript.metadata.filename:
        fields.append(("File", clean_text(transcript.metadata.filename)))
    if transcript.metadata.language:
        fields.append(("Language", clean_text(transcript.metadata.language)))
    fields.append(("Duration", format_clock(duration(transcript))))
    used = {s.speaker for s in segments_of(transcript) if s.words and s.speaker}
    names = [clean_text(s.name) for s in transcript.speakers if s.id in used]
    names += sorted(clean_text(str(u)) for u in used if u not in {s.id for s in transcript.speakers})
    if names:
        fields.append(("Speakers", ", ".join(names)))
    return fields
