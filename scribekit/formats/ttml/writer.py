"""Writing TTML documents: one writer, a profile per delivery format (docs/formats.md §14.2).

A :class:`Profile` says what a document of the family carries: its parameters on ``tt``
(time base, frame rate, cell resolution, profile designators), the metadata in ``head``, its
styles and its two regions (``bottom``, and ``top`` for cues placed at the top:
``markup.shown_at_top``), how times are written (media clock time to the millisecond, ticks at frame
boundaries, or SMPTE timecode labels) and how styled text is marked (a span referring to
the styles ``italic``, ``bold``, ``underline``, or ``tts:`` attributes on the span).

The document is built as text: a few string operations a cue, no tree, no XPath. What is
written is escaped (``&``, ``<``, ``>``, and ``"`` in attributes); characters XML cannot hold
are left out as every writer leaves them out (``markup.TextRepairs``, one warning a kind).
Times before zero are written as zero and a cue that ends before it starts ends at its start
(one warning each). Speakers are ``ttm:agent`` elements in ``head``'s metadata (their
``ttm:name`` the speaker's name), each cue naming its speaker's with ``ttm:agent``; with
``speaker_colours`` their cues take the colours white, yellow, cyan and green in the order
the speakers first speak (the BBC convention; more speakers cycle, cues without one white).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ...errors import warn
from ...markup import FOREIGN_MARKUP, UNWRITABLE, TextRepairs, TimeClamp, cue_text, shown_at_top, writable
from ...model import Cue, Transcript
from ...timecode import FrameRate, clock, frame_spans

TT = "http://www.w3.org/ns/ttml"
TTP = "http://www.w3.org/ns/ttml#parameter"
TTS = "http://www.w3.org/ns/ttml#styling"
TTM = "http://www.w3.org/ns/ttml#metadata"
EBUTTM = "urn:ebu:tt:metadata"
EBUTTS = "urn:ebu:tt:style"
EBU_TT_D_STANDARD = "urn:ebu:tt:distribution:2014-01"

COLOURS = ("#FFFFFF", "#FFFF00", "#00FFFF", "#00FF00")
"""The BBC's speaker colours, in the order speakers get them: white, yellow, cyan, green."""
_COLOUR_NAMES = ("white", "yellow", "cyan", "green")
TICK_RATE = 10_000_000
"""Ticks a second in documents timed in ticks (``ttp:tickRate``)."""
_LANGUAGE = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*\Z")
_NEEDS_ESCAPE = re.compile(r'[&<>"]')
_SPECIAL = re.compile(r'[&<>"{]')
"""What keeps cue text from being written as it is: markup, or a character to escape."""
_CAREFUL = re.compile(UNWRITABLE.pattern[:-1] + '\r&<>"{]')
"""What asks for more than writing cue text as it is: a character XML cannot hold, a CR, markup,
a character to escape."""
_TOP = ' region="top"'
_BOTTOM = ' region="bottom"'
_TWO = [f"{n:02d}" for n in range(100)]
_STYLE_TAG = re.compile(r"<(/?)([ibu])(?:\s[^<>]*)?>", re.IGNORECASE)
"""<i>, <b>, <u> or their closing tags, attributes allowed (as ``markup.MARKUP_TAG`` reads them)."""


@dataclass(frozen=True)
class Options:
    language: str | None = field(default=None, metadata={
        "help": "the document's language (xml:lang), e.g. en-GB (default: the transcript's; und when unknown)"})
    speaker_colours: bool = field(default=False, metadata={
        "help": "a text colour per speaker, the BBC convention: white, yellow, cyan, green in the order they speak"})


def segment_defaults(options: Options | None) -> dict[str, Any]:
    """The language and frame rate given to the writer are the segmenter's too."""
    defaults: dict[str, Any] = {}
    if options is not None:
        if options.language:
            defaults["language"] = options.language
        fps = getattr(options, "fps", None)
        if fps is not None:
            defaults["fps"] = fps
    return defaults


@dataclass(frozen=True)
class Profile:
    """What one format of the family writes (see the module docstring)."""

    title: str
    """The format's name in warnings."""
    timing: str = "clock"
    """``clock`` (media time HH:MM:SS.mmm), ``ticks`` (media time, frame boundaries in ticks) or
    ``smpte`` (SMPTE timecode labels, ``ttp:timeBase="smpte"``)."""
    root: str = ""
    """Attributes of ``tt`` besides the namespaces, xml:lang and those the frame rate makes."""
    namespaces: str = ""
    """Namespace declarations besides tt, ttp, tts, ttm."""
    head_metadata: str = ""
    """What ``head``'s metadata holds before the agents."""
    base_style: str = 'tts:fontFamily="proportionalSansSerif" tts:fontSize="100%" tts:textAlign="center"'
    """Attributes of the style ``base`` that body refers to."""
    text_style: str = ""
    """Attributes of the style every span refers to (none: spans only where the text is styled)."""
    regions: tuple[str, str] = ('tts:origin="10% 55%" tts:extent="80% 35%" tts:displayAlign="after"',
                                'tts:origin="10% 10%" tts:extent="80% 35%" tts:displayAlign="before"')
    """Attributes of the regions ``bottom`` and ``top``: inside a margin of 10 % of the picture,
    apart (EBU-TT-D and IMSC forbid regions that overlap while both are shown), each room for five
    rows of text of 160 % of a cell of 50 x 30."""
    inline_styles: bool = False
    """Italics, bold, underline and colours as ``tts:`` attributes on span and p (iTT) rather than
    references to styles."""
    agents: bool = True
    """Speakers as ``ttm:agent``."""
    frame_rate: bool = False
    """``ttp:frameRate`` (and multiplier) on ``tt``: the document is timed in frames."""


# --- text ------------------------------------------------------------------------------------

def escape(text: str) -> str:
    """Text as XML character data and attribute values (``&``, ``<``, ``>``, ``"``)."""
    if _NEEDS_ESCAPE.search(text) is None:
        return text
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


_FLAG_STYLES = {"i": "italic", "b": "bold", "u": "underline"}
_INLINE = {"i": ' tts:fontStyle="italic"', "b": ' tts:fontWeight="bold"', "u": ' tts:textDecoration="underline"'}


class _Spans:
    """The span openings of text in each combination of italic, bold and underline: ``table[i + 2b
    + 4u]`` (the plain one "" when plain text needs no span)."""

    __slots__ = ("plain", "table")

    def __init__(self, profile: Profile) -> None:
        self.plain = '<span style="text">' if profile.text_style else ""
        self.table = [self.plain]
        for key in range(1, 8):
            flags = [name for bit, name in ((1, "i"), (2, "b"), (4, "u")) if key & bit]
            if profile.inline_styles:
                self.table.append("<span" + "".join(_INLINE[name] for name in flags) + ">")
            else:
                names = (["text"] if profile.text_style else []) + [_FLAG_STYLES[name] for name in flags]
                self.table.append(f'<span style="{" ".join(names)}">')


_BITS = {"i": 1, "b": 2, "u": 4, "I": 1, "B": 2, "U": 4}


def content(text: str, spans: _Spans) -> str:
    """The content of a ``p`` for cue text (lines joined with LF, <i>, <b>, <u> inside): each run
    of text in one style a span (never nested: EBU-TT-D has no nested spans), ``<br/>`` between
    lines; SRT font tags and ASS override blocks left out."""
    if "<" in text or "{" in text:
        text = FOREIGN_MARKUP.sub("", text)
    parts = _STYLE_TAG.split(text)  # text, then (slash, letter, text) for each tag
    table = spans.table
    out: list[str] = []
    depth = {1: 0, 2: 0, 4: 0}
    key = 0
    for index in range(0, len(parts), 3):
        if index:
            bit = _BITS[parts[index - 1]]
            depth[bit] += -1 if parts[index - 2] else 1
            if depth[bit] < 0:
                depth[bit] = 0
            key = (depth[1] > 0) | (depth[2] > 0) << 1 | (depth[4] > 0) << 2
        piece = parts[index]
        if not piece:
            continue
        opening = table[key]
        for number, line in enumerate(piece.split("\n")):
            if number:
                out.append("<br/>")
            if line:
                out.append(f"{opening}{escape(line)}</span>" if opening else escape(line))
    return "".join(out)


def language_tag(language: str | None, title: str) -> str:
    """``language`` as an xml:lang value: a BCP 47 tag (``pt_BR`` written ``pt-BR``), else
    ``und`` (undetermined) with a warning."""
    if not language:
        return "und"
    tag = language.strip().replace("_", "-")
    if _LANGUAGE.match(tag):
        if tag != language:
            warn(f"language {language!r} written as {tag!r} (a language tag of {title} joins its parts with '-')")
        return tag
    warn(f"language {writable(language)[:40]!r} is not a language tag: {title} document written with "
         "xml:lang=\"und\" (undetermined)")
    return "und"


# --- times -----------------------------------------------------------------------------------

class _Range:
    """Cue times as TTML can write them: a negative time as 0, an end before its start at the start;
    each kind counted and reported once (:meth:`report`)."""

    __slots__ = ("clamp", "backwards", "title")

    def __init__(self, title: str) -> None:
        self.clamp = TimeClamp(title)
        self.backwards = 0
        self.title = title

    def spans(self, cues: list[Cue]) -> Iterator[tuple[int, int]]:
        """(start, end) of each cue in ms, one at a time (no list of 100,000 tuples held)."""
        for cue in cues:
            start, end = cue.start, cue.end
            if start < 0 or end < 0:
                start, end = self.clamp.clamp(start, end)
            if end < start:
                self.backwards += 1
                end = start
            yield start, end

    def report(self) -> None:
        self.clamp.report()
        if self.backwards:
            warn(f"{self.backwards} cue(s) ending before they start written ending at their start ({self.title} "
                 "cannot express them)")


def _times(cues: list[Cue], times: _Range, profile: Profile, rate: FrameRate, start_frame: int,
           drop: bool) -> Iterator[tuple[str, str]]:
    """The begin and end attribute values of every cue, one cue at a time."""
    if profile.timing == "clock":
        return ((clock(start, "."), clock(end, ".")) for start, end in times.spans(cues))
    frames = frame_spans(list(times.spans(cues)), rate)
    if profile.timing == "ticks":
        # the first tick at or after the frame's start: a frame's start in ticks is rarely a whole number
        numerator, scale = rate.numerator, TICK_RATE * rate.denominator
        return ((f"{-(-start * scale // numerator)}t", f"{-(-end * scale // numerator)}t") for start, end in frames)
    # SMPTE labels HH:MM:SS:FF, ':' before the frames in drop-frame timecode too (ttp:dropMode says
    # which): FrameRate's label numbers, its fields written with table look-ups (two per cue)
    base, number, two = rate.base, rate.label_number, _TWO

    def label(frame: int) -> str:
        frame += start_frame
        seconds, rest = divmod(number(frame, True) if drop else frame, base)
        minutes, second = divmod(seconds, 60)
        hours, minute = divmod(minutes, 60)
        return (f"{two[hours] if hours < 100 else hours}:{two[minute]}:{two[second]}:"
                f"{two[rest] if rest < 100 else rest}")

    return ((label(start), label(end)) for start, end in frames)


def frame_rate_attributes(rate: FrameRate, multiplier_always: bool = False) -> str:
    """``ttp:frameRate`` (whole frames a second) and the multiplier that makes the real rate:
    ``ttp:frameRate="30" ttp:frameRateMultiplier="1000 1001"`` for 29.97 (``"1 1"``, the default,
    written only when ``multiplier_always``)."""
    multiplier = Fraction(rate.numerator, rate.denominator * rate.base)
    if multiplier == 1 and not multiplier_always:
        return f' ttp:frameRate="{rate.base}"'
    return f' ttp:frameRate="{rate.base}" ttp:frameRateMultiplier="{multiplier.numerator} {multiplier.denominator}"'


# --- the document ----------------------------------------------------------------------------

def write_cues(cues: list[Cue], transcript: Transcript, options: Options | None = None) -> str:
    """A plain TTML1 document of ``cues`` (the format ``ttml``)."""
    return render(cues, transcript, options or Options(), PLAIN)


PLAIN = Profile("TTML", root=' ttp:timeBase="media"')


def render(cues: list[Cue], transcript: Transcript, options: Any, profile: Profile, *,
           rate: FrameRate | None = None, drop: bool = False, start_frame: int = 0) -> str:
    """The document of ``cues`` in ``profile``. ``options`` has ``language`` and
    ``speaker_colours``; ``rate``, ``drop`` and ``start_frame`` time a profile in frames."""
    rate = rate or FrameRate(25)
    language = language_tag(options.language or transcript.metadata.language, profile.title)
    repairs = TextRepairs()
    in_range = _Range(profile.title)
    times = _times(cues, in_range, profile, rate, start_frame, drop)
    spans = _Spans(profile)

    agents: dict[str, str] = {}  # speaker -> the attributes of its cues, in the order they first speak
    names: list[str] = []
    colours = options.speaker_colours
    inline = profile.inline_styles
    with_agents = profile.agents
    plain = spans.plain
    line_break = "</span><br/>" + plain if plain else "<br/>"
    special, careful_search = _SPECIAL, _CAREFUL.search
    paragraphs: list[str] = []
    append = paragraphs.append
    for number, (cue, (begin, end)) in enumerate(zip(cues, times), 1):
        lines = cue.lines
        text = "\n".join(lines) if len(lines) != 1 else lines[0]
        careful = careful_search(text) is not None
        if careful or text.count("\n") != len(lines) - 1:  # what XML cannot hold, markup, a line end in a line
            lines = repairs.lines(lines)
            text = "\n".join(lines)
        if not text or text[0] == "\n" or text[-1] == "\n" or "\n\n" in text or text.isspace():
            text = cue_text(lines)  # without its blank lines
        if not careful or special.search(text) is None:  # no markup, nothing to escape: most cues
            body = (plain + text.replace("\n", line_break) + "</span>" if plain else text.replace("\n", line_break)) \
                if text else ""
        else:
            body = content(text, spans)
        region = _TOP if shown_at_top(cue.style, cue.lines) else _BOTTOM
        speaker = cue.speaker
        if speaker is not None and (with_agents or colours):
            attributes = agents.get(speaker)
            if attributes is None:
                index = len(agents)
                names.append(transcript.speaker_name(speaker) or speaker)
                attributes = f' ttm:agent="speaker{index + 1}"' if with_agents else ""
                if colours:
                    colour = index % len(COLOURS)
                    attributes += f' tts:color="{COLOURS[colour]}"' if inline else f' style="{_COLOUR_NAMES[colour]}"'
                agents[speaker] = attributes
            append(f'<p xml:id="c{number}" begin="{begin}" end="{end}"{region}{attributes}>{body}</p>\n')
        else:
            append(f'<p xml:id="c{number}" begin="{begin}" end="{end}"{region}>{body}</p>\n')

    head_metadata = profile.head_metadata
    if with_agents and names:
        head_metadata += "".join(
            f'<ttm:agent type="person" xml:id="speaker{index}"><ttm:name type="full">'
            f'{escape(" ".join(repairs.text(name).split()))}</ttm:name></ttm:agent>\n'
            for index, name in enumerate(names, 1))
    repairs.report()
    in_range.report()
    head = _head(profile, language, rate, drop, head_metadata, colours and bool(agents))
    if not paragraphs:  # no body rather than an empty div, which EBU-TT-D does not allow
        return head + "</tt>\n"
    return "".join([head, '<body style="base">\n<div>\n', *paragraphs, "</div>\n</body>\n</tt>\n"])


def _head(profile: Profile, language: str, rate: FrameRate, drop: bool, metadata: str, colours: bool) -> str:
    root = profile.root
    if profile.frame_rate:
        root += frame_rate_attributes(rate, profile.timing == "smpte")  # as Apple's tools write iTT
        if profile.timing == "smpte":
            root += f' ttp:dropMode="{"dropNTSC" if drop else "nonDrop"}"'
        elif profile.timing == "ticks":
            root += f' ttp:tickRate="{TICK_RATE}"'
    styles = [f'<style xml:id="base" {profile.base_style}/>\n']
    if profile.text_style:
        styles.append(f'<style xml:id="text" {profile.text_style}/>\n')
    if not profile.inline_styles:
        styles.append('<style xml:id="italic" tts:fontStyle="italic"/>\n'
                      '<style xml:id="bold" tts:fontWeight="bold"/>\n'
                      '<style xml:id="underline" tts:textDecoration="underline"/>\n')
        if colours:
            styles.extend(f'<style xml:id="{name}" tts:color="{colour}"/>\n'
                          for name, colour in zip(_COLOUR_NAMES, COLOURS))
    bottom, top = profile.regions
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<tt xmlns="{TT}" xmlns:ttp="{TTP}" xmlns:tts="{TTS}" xmlns:ttm="{TTM}"{profile.namespaces}'
            f' xml:lang="{language}"{root}>\n'
            f"<head>\n"
            + (f"<metadata>\n{metadata}</metadata>\n" if metadata else "")
            + "<styling>\n" + "".join(styles) + "</styling>\n"
            f'<layout>\n<region xml:id="bottom" {bottom}/>\n<region xml:id="top" {top}/>\n</layout>\n'
            "</head>\n")
