"""The word table as tab-separated values: ``start<TAB>end<TAB>speaker<TAB>confidence<TAB>word``,
one row a word, times in seconds with three decimals; a tab or line end inside a word is quoted
as in the CSV. The choices are in :mod:`scribekit.formats._word_table`.
"""
from __future__ import annotations

from ..model import Transcript
from . import describe
from ._word_table import Options, header_delimiter, read_table, write_table

FORMAT = describe(__name__, name="tsv", title="Word table, tab-separated (start, end, speaker, confidence, word)",
                  extensions=("tsv",), kind="data", priority=68)

__all__ = ["Options", "read", "sniff", "write"]

_DELIMITERS = "\t"


def sniff(text: str) -> bool:
    """A first line naming start, end and word, separated by tabs."""
    return header_delimiter(text.lstrip("\ufeff"), _DELIMITERS) is not None


def read(text: str) -> Transcript:
    return read_table(text, _DELIMITERS, "tsv")


def write(transcript: Transcript, options: Options | None = None) -> str:
    return write_table(transcript, options, "\t")
