"""SAMI (.smi), read by pysubs2 (scribekit does not write it)."""
from __future__ import annotations

from ..model import Transcript
from . import _pysubs2, describe

FORMAT = describe(__name__, name="sami", title="SAMI (via pysubs2)", extensions=("smi", "sami"), kind="subtitle",
                  aliases=("smi",), priority=200)


def sniff(text: str) -> bool:
    return _pysubs2.sniff(text, "sami")


def read(text: str) -> Transcript:
    return _pysubs2.read(text, "sami")
