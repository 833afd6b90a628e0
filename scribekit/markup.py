"""The small markup cue lines may carry: <i>, <b>, <u> (and <font> from SRT files)."""
from __future__ import annotations

import re

_TAG = re.compile(r"</?(?:i|b|u|font)(?:\s[^<>]*)?>|\{\\[^{}]*\}", re.IGNORECASE)


def strip_tags(text: str) -> str:
    """Text without styling tags (and without ASS override blocks such as ``{\\an8}``)."""
    if "<" not in text and "{" not in text:
        return text
    return _TAG.sub("", text)
