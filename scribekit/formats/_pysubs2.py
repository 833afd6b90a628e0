"""Every other subtitle format pysubs2 reads or writes (ASS/SSA, TTML, SAMI, MPL2, TMP,
and MicroDVD through its own module), through one bridge: pysubs2 events <-> scribekit cues."""
from __future__ import annotations

import re

from ..errors import OptionError, ReadError
from ..markup import FONT_TAG, STYLE_TAG
from ..model import Cue, Metadata, Transcript

_WRITES = ("ass", "ssa", "ttml", "microdvd", "mpl2", "tmp")
_ASS_TAG = re.compile(r"\{([^{}]*)\}")
_ASS_STYLE_SWITCH = re.compile(r"\\([ibu])([01])")


def sniff(text: str, *, variant: str) -> bool:
    from pysubs2.formats import autodetect_format

    head = text[:20000]
    try:
        return bool(autodetect_format(head) == variant)
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


def read(text: str, *, variant: str, fps: float | None = None) -> Transcript:
    import pysubs2

    try:
        subs = pysubs2.SSAFile.from_string(text, format_=variant, fps=fps)
    except Exception as exc:  # pysubs2 signals bad input with many exception types
        raise ReadError(f"not readable as {variant} ({type(exc).__name__}: {exc})".rstrip()) from None
    if not subs.events and not sniff(text, variant=variant):
        raise ReadError(f"not a {variant} file: no subtitles found")
    cues = []
    for event in subs:
        if event.is_comment:
            continue
        style = {"ass_style": event.style} if event.style and event.style != "Default" else None
        cues.append(Cue(event.start, event.end, _ass_to_lines(event.text), event.name or None, style=style))
    return Transcript(cues=cues, metadata=Metadata(source=variant))


def write_cues(cues: list[Cue], transcript: Transcript, options: None = None, *, variant: str,
               fps: float | None = None) -> str:
    import pysubs2

    if variant not in _WRITES:
        raise OptionError(f"pysubs2 cannot write {variant}")
    subs = pysubs2.SSAFile()
    for cue in cues:
        name = transcript.speaker_name(cue.speaker) or ""
        event = pysubs2.SSAEvent(start=cue.start, end=cue.end, text=_lines_to_ass(cue.lines), name=name)
        if cue.style and cue.style.get("ass_style"):
            event.style = cue.style["ass_style"]
            if event.style not in subs.styles:
                subs.styles[event.style] = pysubs2.SSAStyle()
        subs.append(event)
    return str(subs.to_string(variant, fps=fps))
