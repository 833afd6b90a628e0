"""The bridge to pysubs2 for the formats it reads or writes for us (ass, ssa, ttml, sami,
microdvd, mpl2, tmp: each a small module of its own): pysubs2 events <-> scribekit cues.
``fmt`` is pysubs2's name of the format."""
from __future__ import annotations

import re
from typing import Any

from ..errors import ReadError, warn
from ..markup import FONT_TAG, STYLE_TAG, TextRepairs, TimeClamp
from ..model import Cue, Metadata, Transcript

_ASS_TAG = re.compile(r"\{([^{}]*)\}")
_ASS_STYLE_SWITCH = re.compile(r"\\([ibu])([01])")


def sniff(text: str, fmt: str) -> bool:
    from pysubs2.formats import autodetect_format

    head = text[:20000]
    try:
        return bool(autodetect_format(head) == fmt)
    except Exception:  # pysubs2 raises several kinds for text it does not know
        return False


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


def read(text: str, fmt: str, fps: float | None = None) -> Transcript:
    import pysubs2

    try:
        subs = pysubs2.SSAFile.from_string(text, format_=fmt, fps=fps)
    except Exception as exc:  # pysubs2 signals bad input with many exception types
        raise ReadError(f"not readable as {fmt} ({type(exc).__name__}: {exc})".rstrip()) from None
    if not subs.events and not sniff(text, fmt):
        raise ReadError(f"not a {fmt} file: no subtitles found")
    cues = []
    for event in subs:
        if event.is_comment:
            continue
        style = {"ass_style": event.style} if event.style and event.style != "Default" else None
        cues.append(Cue(event.start, event.end, _ass_to_lines(event.text), event.name or None, style=style))
    return Transcript(cues=cues, metadata=Metadata(source=fmt))


# --- writing ---------------------------------------------------------------------------------

# The latest time each format can write (None: no limit) and how it reads in a warning.
_LATEST = {"ass": (35_999_990, "9:59:59.99"), "ssa": (35_999_990, "9:59:59.99"), "tmp": (359_999_000, "99:59:59")}
_TITLES = {"ass": "ASS", "ssa": "SSA", "ttml": "TTML", "mpl2": "MPL2", "tmp": "TMP", "microdvd": "MicroDVD"}
PLAY_RES = (1920, 1080)
"""The ASS/SSA script resolution written (PlayResX, PlayResY): without it libass assumes 384x288 and
the default style's sizes, meant for another resolution, come out oversized."""
_STYLE_SIZES = {"fontsize": 54, "outline": 3, "shadow": 1, "marginl": 60, "marginr": 60, "marginv": 40}
"""The default style at PLAY_RES: a row of text 5 % of the picture's height."""
_NCNAME = re.compile(r"[A-Za-z_][\w.-]*\Z", re.ASCII)
_NOT_NCNAME = re.compile(r"[^\w.-]", re.ASCII)
_ONE_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*\Z")


def _style(pysubs2: Any) -> Any:
    """pysubs2's default style at the resolution we write."""
    return pysubs2.SSAStyle(**_STYLE_SIZES)


def _field(text: str, fmt: str, repairs: TextRepairs) -> tuple[str, bool]:
    """A name (speaker, style) as one field of the format, and whether it had to change: one line,
    no comma in ASS/SSA (fields are comma-separated), an XML name in TTML (a style's xml:id)."""
    cleaned = " ".join(repairs.text(text).split())
    if fmt in ("ass", "ssa"):
        cleaned = cleaned.replace(",", "\uff0c")
    elif fmt == "ttml" and not _NCNAME.match(cleaned):
        cleaned = _NOT_NCNAME.sub("_", cleaned)
        if not _NCNAME.match(cleaned):
            cleaned = "s_" + cleaned
    return cleaned, cleaned != text


def write_cues(cues: list[Cue], transcript: Transcript, fmt: str, fps: float | None = None) -> str:
    import pysubs2

    repairs = TextRepairs()
    latest, label = _LATEST.get(fmt, (None, ""))
    clamp = TimeClamp(_TITLES.get(fmt, fmt), latest, label)
    substation = fmt in ("ass", "ssa")
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
        subs.append(event)
    repairs.report()
    clamp.report()
    if names_changed:
        warn(f"{names_changed} speaker or style name(s) changed to fit a field of {_TITLES.get(fmt, fmt)} "
             "(one line" + (", fullwidth commas)" if substation else ", an XML name)" if fmt == "ttml" else ")"))
    text = str(subs.to_string(fmt, fps=fps))
    if fmt == "ttml":
        text = _valid_ttml(text, transcript.metadata.language)
    return text


def _valid_ttml(text: str, language: str | None) -> str:
    """pysubs2's TTML made valid: styles identified by ``xml:id`` (not ``id``), the document's
    language in ``xml:lang`` on ``tt`` (empty when unknown, as TTML allows)."""
    if language and not _ONE_WORD.match(language):
        warn(f"language {language[:40]!r} left out of the TTML document: it is not a language tag")
        language = None
    text = text.replace("<style id=\"", "<style xml:id=\"")
    return text.replace("<tt ", f"<tt xml:lang=\"{language or ''}\" ", 1)
