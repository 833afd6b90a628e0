"""Karaoke ASS (``--to ass --karaoke``): our own writer, so that every ``\\k`` is counted in the
same centiseconds as the event's times.

Each word of a cue is a karaoke syllable: ``{\\kN}`` (or ``{\\kfN}``, the fill sweeping across
the word) in centiseconds, from its start to its end (or the next word's start when they
overlap); a silence before a word is a syllable without text (``{\\kN}``), and one after the last
word up to the cue's end too, so that the durations of an event add up to its duration exactly.
Every time is rounded once, to the nearest centisecond, and the durations are the differences of
the rounded times: each word's highlight is within 5 ms of its time. Words are sung in the style's
primary colour (yellow) over the secondary one (white). ``{``, ``}`` and ``\\`` in the text, which
ASS reads as markup, are written as their fullwidth forms (with a warning)."""
from __future__ import annotations

from ..errors import warn
from ..markup import TextRepairs, TimeClamp
from ..model import Cue, Transcript
from . import _pysubs2
from ._words import MARK, cue_words, marked_lines

LATEST = 35_999_990
"""9:59:59.99, the latest time ASS writes."""
_ASS_MARKUP = str.maketrans({"{": "\uff5b", "}": "\uff5d", "\\": "\uff3c"})
_STYLE_FORMAT = ("Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, "
                 "Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, "
                 "Shadow, Alignment, MarginL, MarginR, MarginV, Encoding")
_EVENT_FORMAT = "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text"


def _cs(ms: int) -> int:
    """Milliseconds to the nearest centisecond (halves up)."""
    return (ms + 5) // 10


def _time(cs: int) -> str:
    return f"{cs // 360000}:{cs // 6000 % 60:02d}:{cs // 100 % 60:02d}.{cs % 100:02d}"


def _style(name: str, font: str) -> str:
    sizes = _pysubs2._STYLE_SIZES
    return (f"Style: {name},{font},{sizes['fontsize']},&H0000FFFF,&H00FFFFFF,&H00000000,&H80000000,"
            f"0,0,0,0,100,100,0,0,1,{sizes['outline']},{sizes['shadow']},2,{sizes['marginl']},"
            f"{sizes['marginr']},{sizes['marginv']},1")


def karaoke_text(cue: Cue, start: int, end: int, fill: bool, repairs: TextRepairs) -> tuple[str, int]:
    """The event text of ``cue`` shown from ``start`` to ``end`` (ms, as written), with its word
    syllables; and how many characters of ASS markup it had to write as fullwidth forms."""
    tag = "kf" if fill else "k"
    words = cue_words(cue)
    marked = marked_lines(cue, words)
    first, last = _cs(start), _cs(end)
    lines = marked if marked is not None else [MARK + "\n".join(cue.lines)]
    lines = repairs.lines(lines)
    escaped = sum(line.count("{") + line.count("}") + line.count("\\") for line in lines)
    if escaped:
        lines = [line.translate(_ASS_MARKUP) for line in lines]
    text = _pysubs2._lines_to_ass(lines)
    syllables = []
    if marked is None:
        syllables.append(f"{{\\{tag}{last - first}}}")
    else:
        at = first
        for k, word in enumerate(words):
            begin = min(max(_cs(word.start), at), last)
            stop = word.end if k + 1 == len(words) else min(word.end, words[k + 1].start)
            finish = min(max(_cs(stop), begin), last)
            gap = f"{{\\k{begin - at}}}" if begin > at else ""
            syllables.append(f"{gap}{{\\{tag}{finish - begin}}}")
            at = finish
        if last > at:
            syllables[-1] += f"{MARK}{{\\k{last - at}}}"
    pieces = text.split(MARK)
    out = [pieces[0]]
    for syllable, piece in zip(syllables, pieces[1:]):
        out.append(syllable.replace(MARK, piece) if MARK in syllable else syllable + piece)
    return "".join(out), escaped


def write(cues: list[Cue], transcript: Transcript, fill: bool) -> str:
    repairs = TextRepairs()
    clamp = TimeClamp("ASS", LATEST, "9:59:59.99")
    language = transcript.metadata.language
    styles = {"Default": "Arial"}
    events = []
    escaped = names_changed = 0
    for cue in cues:
        start, end = cue.start, max(cue.end, cue.start)
        if not clamp.fits(start, end):
            start, end = clamp.clamp(start, end)
        text, count = karaoke_text(cue, start, end, fill, repairs)
        escaped += count
        name = transcript.speaker_name(cue.speaker) or ""
        if name:
            name, changed = _pysubs2._field(name, "ass", repairs)
            names_changed += changed
        style = "Default"
        family = _pysubs2.script_family(" ".join(cue.lines), language)
        if family is not None:
            styles.setdefault(family, family)
            style = family
        events.append(f"Dialogue: 0,{_time(_cs(start))},{_time(_cs(end))},{style},{name},0,0,0,,{text}")
    repairs.report()
    clamp.report()
    if escaped:
        warn(f"{escaped} character(s) of ASS markup ({{, }}, \\) in the text written as fullwidth forms")
    if names_changed:
        warn(f"{names_changed} speaker name(s) changed to fit a field of ASS (one line, fullwidth commas)")
    width, height = _pysubs2.PLAY_RES
    head = ["[Script Info]", "; Karaoke subtitles written by scribekit", "ScriptType: v4.00+", "WrapStyle: 0",
            "ScaledBorderAndShadow: yes", f"PlayResX: {width}", f"PlayResY: {height}", "",
            "[V4+ Styles]", _STYLE_FORMAT, *(_style(name, font) for name, font in styles.items()), "",
            "[Events]", _EVENT_FORMAT]
    return "\n".join(head + events) + "\n"
