"""Writing TTML documents: one writer, a profile per delivery format (docs/formats.md §14.2).

A :class:`Profile` says what a document of the family carries: its parameters on ``tt``
(time base, frame rate, cell resolution, profile designators), the metadata in ``head``, its
styles and its two regions (``bottom``, and ``top`` for cues whose ``style["position"]`` is
``"top"``), how times are written (media clock time to the millisecond, ticks at frame
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
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ...errors import warn
from ...markup import FOREIGN_MARKUP, TextRepairs, TimeClamp, cue_text, writable
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
    regions: tuple[str, str] = ('tts:origin="10% 10%" tts:extent="80% 80%" tts:displayAlign="after"',
                                'tts:origin="10% 10%" tts:extent="80% 80%" tts:displayAlign="before"')
    """Attributes of the regions ``bottom`` and ``top``."""
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
    """The span openings for each combination of italic, bold and underline (cached)."""

    __slots__ = ("profile", "cache", "plain")

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self.cache: dict[tuple[bool, bool, bool], str] = {}
        self.plain = '<span style="text">' if profile.text_style else ""

    def opening(self, italic: bool, bold: bool, underline: bool) -> str:
        key = (italic, bold, underline)
        found = self.cache.get(key)
        if found is None:
            flags = [name for name, on in zip("ibu", key) if on]
            if not flags:
                found = self.plain
            elif self.profile.inline_styles:
                found = "<span" + "".join(_INLINE[name] for name in flags) + ">"
            else:
                names = (["text"] if self.profile.text_style else []) + [_FLAG_STYLES[name] for name in flags]
                found = f'<span style="{" ".join(names)}">'
            self.cache[key] = found
        return found


def content(text: str, spans: _Spans) -> str:
    """The content of a ``p`` for cue text (lines joined with LF, <i>, <b>, <u> inside)."""
    plain = spans.plain
    close = "</span>" if plain else ""
    if "<" not in text and "{" not in text:
        if "\n" not in text:
            return f"{plain}{escape(text)}{close}" if text else ""
        return "<br/>".join(f"{plain}{escape(line)}{close}" if line else "" for line in text.split("\n"))
    text = FOREIGN_MARKUP.sub("", text)
    out: list[str] = []
    depth = {"i": 0, "b": 0, "u": 0}
    position = 0

    def emit(piece: str) -> None:
        if not piece:
            return
        opening = spans.opening(depth["i"] > 0, depth["b"] > 0, depth["u"] > 0)
        for number, line in enumerate(piece.split("\n")):
            if number:
                out.append("<br/>")
            if line:
                out.append(f"{opening}{escape(line)}</span>" if opening else escape(line))

    for match in _STYLE_TAG.finditer(text):
        emit(text[position:match.start()])
        position = match.end()
        name = match.group(2).lower()
        if match.group(1):
            depth[name] = max(depth[name] - 1, 0)
        else:
            depth[name] += 1
    emit(text[position:])
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

def _spans_in_range(cues: list[Cue], title: str) -> list[tuple[int, int]]:
    """(start, end) of each cue in ms: negative times as 0, an end before its start at the start."""
    clamp = TimeClamp(title)
    backwards = 0
    spans = []
    for cue in cues:
        start, end = cue.start, cue.end
        if start < 0 or end < 0:
            start, end = clamp.clamp(start, end)
        if end < start:
            backwards += 1
            end = start
        spans.append((start, end))
    clamp.report()
    if backwards:
        warn(f"{backwards} cue(s) ending before they start written ending at their start ({title} cannot "
             "express them)")
    return spans


def _times(spans: list[tuple[int, int]], profile: Profile, rate: FrameRate, start_frame: int,
           drop: bool) -> list[tuple[str, str]]:
    """The begin and end attribute values of every cue."""
    if profile.timing == "clock":
        return [(clock(start, "."), clock(end, ".")) for start, end in spans]
    frames = frame_spans(spans, rate)
    if profile.timing == "ticks":
        # the first tick at or after the frame's start: a frame's start in ticks is rarely a whole number
        numerator, scale = rate.numerator, TICK_RATE * rate.denominator
        return [(f"{-(-start * scale // numerator)}t", f"{-(-end * scale // numerator)}t") for start, end in frames]
    label = rate.format
    return [(label(start + start_frame, ":", drop).replace(";", ":"),
             label(end + start_frame, ":", drop).replace(";", ":")) for start, end in frames]


def frame_rate_attributes(rate: FrameRate) -> str:
    """``ttp:frameRate`` (whole frames a second) and the multiplier that makes the real rate:
    ``ttp:frameRate="30" ttp:frameRateMultiplier="1000 1001"`` for 29.97."""
    multiplier = Fraction(rate.numerator, rate.denominator * rate.base)
    if multiplier == 1:
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
    times = _times(_spans_in_range(cues, profile.title), profile, rate, start_frame, drop)
    spans = _Spans(profile)

    agents: dict[str | None, int] = {}  # speaker -> its number, in the order they first speak
    names: list[str] = []
    colours = options.speaker_colours
    inline = profile.inline_styles
    with_agents = profile.agents
    paragraphs: list[str] = []
    append = paragraphs.append
    for number, (cue, (begin, end)) in enumerate(zip(cues, times), 1):
        lines = repairs.lines(cue.lines)
        text = cue_text(lines) if len(lines) != 1 or "<" in lines[0] else lines[0]
        extra = ""
        if cue.style and cue.style.get("position") == "top":
            extra = ' region="top"'
        else:
            extra = ' region="bottom"'
        speaker = cue.speaker
        if speaker is not None and (with_agents or colours):
            index = agents.get(speaker)
            if index is None:
                index = agents[speaker] = len(agents)
                names.append(transcript.speaker_name(speaker) or speaker)
            if with_agents:
                extra += f' ttm:agent="speaker{index + 1}"'
            if colours:
                colour = index % len(COLOURS)
                extra += f' tts:color="{COLOURS[colour]}"' if inline else f' style="{_COLOUR_NAMES[colour]}"'
        append(f'<p xml:id="c{number}" begin="{begin}" end="{end}"{extra}>{content(text, spans)}</p>\n')

    head_metadata = profile.head_metadata
    if with_agents and names:
        head_metadata += "".join(
            f'<ttm:agent type="person" xml:id="speaker{index}"><ttm:name type="full">'
            f'{escape(" ".join(repairs.text(name).split()))}</ttm:name></ttm:agent>\n'
            for index, name in enumerate(names, 1))
    repairs.report()
    head = _head(profile, language, rate, drop, head_metadata, colours and bool(agents))
    if not paragraphs:  # no body rather than an empty div, which EBU-TT-D does not allow
        return head + "</tt>\n"
    return "".join([head, '<body style="base">\n<div>\n', *paragraphs, "</div>\n</body>\n</tt>\n"])


def _head(profile: Profile, language: str, rate: FrameRate, drop: bool, metadata: str, colours: bool) -> str:
    root = profile.root
    if profile.frame_rate:
        root += frame_rate_attributes(rate)
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
