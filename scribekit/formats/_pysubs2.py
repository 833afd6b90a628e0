"""The bridge to pysubs2 for the formats it reads or writes for us (ass, ssa, ttml, sami,
microdvd, mpl2, tmp: each a small module of its own): pysubs2 events <-> scribekit cues.
``fmt`` is pysubs2's name of the format."""
from __future__ import annotations

import re

from ..errors import ReadError
from ..markup import FONT_TAG, STYLE_TAG
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


def write_cues(cues: list[Cue], transcript: Transcript, fmt: str, fps: float | None = None) -> str:
    import pysubs2

    subs = pysubs2.SSAFile()
    for cue in cues:
        name = transcript.speaker_name(cue.speaker) or ""
        event = pysubs2.SSAEvent(start=cue.start, end=cue.end, text=_lines_to_ass(cue.lines), name=name)
        if cue.style and cue.style.get("ass_style"):
            event.style = cue.style["ass_style"]
            if event.style not in subs.styles:
                subs.styles[event.style] = pysubs2.SSAStyle()
        subs.append(event)
    return str(subs.to_string(fmt, fps=fps))
