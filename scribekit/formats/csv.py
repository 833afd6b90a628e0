"""The word table as comma-separated values (RFC 4180): ``start,end,speaker,confidence,word``,
one row a word, times in seconds with three decimals. Reads a semicolon-separated table too
(Excel's CSV where the decimal mark is a comma). The choices (units, quoting, the formula
guard, the byte-order mark, the ``sound`` column) are in :mod:`scribekit.formats._word_table`.
"""
from __future__ import annotations

from ..model import Transcript
from . import describe
from ._word_table import Options, header_delimiter, read_table, write_table

FORMAT = describe(__name__, name="csv", title="Word table, comma-separated (start, end, speaker, confidence, word)",
                  extensions=("csv",), kind="data", priority=66)

__all__ = ["Options", "read", "sniff", "write"]

_DELIMITERS = ",;"


def sniff(text: str) -> bool:
    """A first line naming start, end and word, separated by commas (or semicolons)."""
    return header_delimiter(text.lstrip("\ufeff"), _DELIMITERS) is not None


def read(text: str) -> Transcript:
    return read_table(text, _DELIMITERS, "csv")


def write(transcript: Transcript, options: Options | None = None) -> str:
    return write_table(transcript, options, ",")
