"""The bridge to pysubs2 for the formats it reads or writes for us (ass, ssa, sami,
microdvd, mpl2, tmp: each a small module of its own): pysubs2 events <-> scribekit cues.
``fmt`` is pysubs2's name of the format."""
from __future__ import annotations

import functools
import re
from typing import Any

from ..errors import ReadError, warn
from ..markup import FONT_TAG, STYLE_TAG, TextRepairs, TimeClamp
from ..model import Cue, Metadata, Transcript
from ..timecode import checked_ms
from ._fonts import _SCRIPT_FONTS, _cjk_kind, is_cjk

_ASS_TAG = re.compile(r"\{([^{}]*)\}")
_ASS_STYLE_SWITCH = re.compile(r"\\([ibu])([01])")


def sniff(text: str, fmt: str) -> bool:
    return _detected(_sniff_head(text)) == fmt


def _sniff_head(text: str) -> str:
    """The head of ``text`` that pysubs2's detection looks at. pysubs2's Whisper guess tries its
    pattern on the first line in quadratic time when that line starts with "[" and has no "]" for
    long; such a line is never one of its (its times end within 40 characters), so its "[" is
    hidden from it."""
    head = text[:20000]
    stripped = head.lstrip()
    if stripped[:1] == "[" and not 0 <= stripped.find("]", 0, 40):
        at = len(head) - len(stripped)
        head = head[:at] + " " + head[at + 1:]
    return head


@functools.lru_cache(maxsize=4)
def _detected(head: str) -> str | None:
    """pysubs2's name of the format of ``head``, None when it cannot tell (once for the formats
    that detection tries one after the other)."""
    from pysubs2.formats import autodetect_format

    try:
        return str(autodetect_format(head))
    except Exception:  # pysubs2 raises several kinds for text it does not know
        return None


def _ass_to_lines(text: str) -> list[str]:
    def override(match: re.Match[str]) -> str:
        tags = []
        for name, state in _ASS_STYLE_SWITCH.findall(match.group(1)):
            tags.append(f"<{name}>" if state == "1" else f"</{name}>")
        return "".join(tags)

    text = _ASS_TAG.sub(override, text).replace("\\h", "\u00a0")
    return re.split(r"\\[Nn]|\n", text)


def _lines_to_ass(lines: list[str]) -> str:
    def switch(match: re.Match[str]) -> str:
        state = "0" if match.group(1) else "1"
        return "{\\" + match.group(2).lower() + state + "}"

    return "\\N".join(STYLE_TAG.sub(switch, FONT_TAG.sub("", line)) for line in lines)


# Shapes on which pysubs2's own patterns take quadratic time, looked for before it sees the text:
# - ASS/SSA: its section heading pattern on a long line that starts with "[" and has no "]" after
#   it. pysubs2 ignores such a line (it is no heading, no style, no event), so it is blanked.
_LONG_OPEN_HEADING = re.compile(r"^[^\S\n]*[^\n]{0,3}\[[^\]\n]{500,}$", re.MULTILINE)
# - TMP: its tag-stripping patterns on the text of a long subtitle line with a "<" in it, refused.
_LONG_TMP_MARKUP = re.compile(r"^\d{1,2}:\d\d:\d\d:(?=[^\n]{500})[^\n<]*<", re.MULTILINE)


# - SAMI: it adds each piece of a subtitle's text to the text before it (a copy each time), so a
#   subtitle of thousands of tags takes quadratic time; refused beyond what any subtitle has.
_SAMI_SYNC = re.compile(r"<sync", re.IGNORECASE)
_SAMI_TAGS = 5000


def _guard(text: str, fmt: str) -> str:
    """``text`` made safe to hand to pysubs2 (see the shapes above); ReadError for what cannot be."""
    if fmt == "sami" and text.count("<") > _SAMI_TAGS:
        at = 0
        for sync in (*_SAMI_SYNC.finditer(text), None):
            end = sync.start() if sync is not None else len(text)
            if text.count("<", at, end) > _SAMI_TAGS:
                raise ReadError(f"a SAMI subtitle of more than {_SAMI_TAGS} tags (a subtitle has a few)",
                                line=text.count("\n", 0, at) + 1)
            at = end
    if fmt in ("ass", "ssa") and "[" in text:
        text = _LONG_OPEN_HEADING.sub("", text)
    elif fmt == "tmp" and "<" in text:
        found = _LONG_TMP_MARKUP.search(text)
        if found:
            end = text.find("\n", found.start())
            length = (end if end >= 0 else len(text)) - found.start()
            raise ReadError(f"a TMP subtitle line of {length} characters with markup (a subtitle line has a few "
                            "dozen)", line=text.count("\n", 0, found.start()) + 1)
    return text


def _short(message: str) -> str:
    """pysubs2's message, which may quote the whole line or file, cut to a few words."""
    message = " ".join(message.split())
    return message if len(message) <= 120 else message[:120] + "..."


def read(text: str, fmt: str, fps: float | None = None) -> Transcript:
    import warnings

    import pysubs2

    text = _guard(text, fmt)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            subs = pysubs2.SSAFile.from_string(text, format_=fmt, fps=fps)
        except Exception as exc:  # pysubs2 signals bad input with many exception types
            raise ReadError(f"not readable as {fmt} ({type(exc).__name__}: {_short(str(exc))})") from None
    for message in sorted({_short(str(warning.message)) for warning in caught}):
        warn(f"{fmt}: {message}")  # pysubs2's repairs ("Failed to parse marginl, using default")
    if not subs.events and not sniff(text, fmt):
        raise ReadError(f"not a {fmt} file: no subtitles found")
    cues = []
    for number, event in enumerate(subs, 1):
        if event.is_comment:
            continue
        start = checked_ms(event.start, f"subtitle {number}: start")
        end = checked_ms(event.end, f"subtitle {number}: end")
        style = {"ass_style": event.style} if event.style and event.style != "Default" else None
        cues.append(Cue(start, end, _ass_to_lines(event.text), event.name or None, style=style))
    return Transcript(cues=cues, metadata=Metadata(source=fmt))


# --- writing ---------------------------------------------------------------------------------

# The latest time each format can write (None: no limit) and how it reads in a warning.
_LATEST = {"ass": (35_999_990, "9:59:59.99"), "ssa": (35_999_990, "9:59:59.99"), "tmp": (359_999_000, "99:59:59")}
_TITLES = {"ass": "ASS", "ssa": "SSA", "mpl2": "MPL2", "tmp": "TMP", "microdvd": "MicroDVD"}
PLAY_RES = (1920, 1080)
"""The ASS/SSA script resolution written (PlayResX, PlayResY): without it libass assumes 384x288 and
the default style's sizes, meant for another resolution, come out oversized."""
_STYLE_SIZES = {"fontsize": 54, "outline": 3, "shadow": 1, "marginl": 60, "marginr": 60, "marginv": 40}
"""The default style at PLAY_RES: a row of text 5 % of the picture's height."""


def _style(pysubs2: Any, fontname: str | None = None) -> Any:
    """pysubs2's default style at the resolution we write (in ``fontname`` when given)."""
    return pysubs2.SSAStyle(**_STYLE_SIZES, **({"fontname": fontname} if fontname else {}))


# Noto families of the scripts the default font (Arial) lacks, by code point range: libass draws
# boxes for them unless the style names a font that has them.
_SCRIPT_FAMILIES = tuple((first, last, re.sub(r"(?<=[a-z])(?=[A-Z])", " ", filename.split("[")[0]))
                         for first, last, filename in _SCRIPT_FONTS
                         if not filename.startswith(("NotoSansHebrew", "NotoSansArabic")))
_CJK_FAMILIES = {"ja": "Noto Sans CJK JP", "ko": "Noto Sans CJK KR", "zh": "Noto Sans CJK SC"}


def script_family(text: str, language: str | None) -> str | None:
    """The Noto family for the first character of ``text`` in a script Arial lacks (None: Arial has
    every one: Latin, Greek, Cyrillic, Hebrew, Arabic)."""
    if not text or max(text) < "\u0530":
        return None
    for char in text:
        if char < "\u0530":
            continue
        code = ord(char)
        for first, last, family in _SCRIPT_FAMILIES:
            if first <= code <= last:
                return family
        if is_cjk(char):  # kana anywhere make it Japanese, hangul Korean, else the language says
            kinds = {_cjk_kind(other, language) for other in text if is_cjk(other)}
            kind = "ja" if "ja" in kinds else "ko" if "ko" in kinds else _cjk_kind(char, language)
            if kind == "zh" and (language or "").lower().replace("_", "-") in ("zh-tw", "zh-hk", "zh-hant"):
                return "Noto Sans CJK TC"
            return _CJK_FAMILIES[kind]
    return None


def _field(text: str, fmt: str, repairs: TextRepairs) -> tuple[str, bool]:
    """A name (speaker, style) as one field of the format, and whether it had to change: one line,
    no comma in ASS/SSA (fields are comma-separated), an XML name in TTML (a style's xml:id)."""
    cleaned = " ".join(repairs.text(text).split())
    if fmt in ("ass", "ssa"):
        cleaned = cleaned.replace(",", "\uff0c")
    return cleaned, cleaned != text


def write_cues(cues: list[Cue], transcript: Transcript, fmt: str, fps: float | None = None) -> str:
    import pysubs2

    repairs = TextRepairs()
    latest, label = _LATEST.get(fmt, (None, ""))
    clamp = TimeClamp(_TITLES.get(fmt, fmt), latest, label)
    substation = fmt in ("ass", "ssa")
    language = transcript.metadata.language
    names_changed = 0
    subs = pysubs2.SSAFile()
    if substation:
        subs.info["PlayResX"], subs.info["PlayResY"] = str(PLAY_RES[0]), str(PLAY_RES[1])
        subs.styles["Default"] = _style(pysubs2)
    for cue in cues:
        name = transcript.speaker_name(cue.speaker) or ""
        if name and substation:
            name, changed = _field(name, fmt, repairs)
            names_changed += changed
        start, end = cue.start, cue.end
        if not clamp.fits(start, end):
            start, end = clamp.clamp(start, end)
        event = pysubs2.SSAEvent(start=start, end=end, text=_lines_to_ass(repairs.lines(cue.lines)), name=name)
        if cue.style and cue.style.get("ass_style"):
            style, changed = _field(str(cue.style["ass_style"]), fmt, repairs)
            names_changed += changed
            event.style = style
            if event.style not in subs.styles:
                subs.styles[event.style] = _style(pysubs2) if substation else pysubs2.SSAStyle()
        elif substation:
            family = script_family(event.text, language)
            if family is not None:
                event.style = family
                if family not in subs.styles:
                    subs.styles[family] = _style(pysubs2, family)
        subs.append(event)
    repairs.report()
    clamp.report()
    if names_changed:
        warn(f"{names_changed} speaker or style name(s) changed to fit a field of {_TITLES.get(fmt, fmt)} "
             "(one line" + (", fullwidth commas)" if substation else ")"))
    return str(subs.to_string(fmt, fps=fps))
