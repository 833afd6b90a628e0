"""Reading TTML documents (placeholder: pysubs2, until the reader of its own lands)."""
from __future__ import annotations

from ...model import Transcript
from .. import _pysubs2


def sniff(text: str) -> bool:
    return _pysubs2.sniff(text, "ttml")


def read(text: str) -> Transcript:
    return _pysubs2.read(text, "ttml")


def describe_file(data: bytes) -> list[tuple[str, str]]:
    return []
