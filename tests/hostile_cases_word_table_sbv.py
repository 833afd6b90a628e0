"""Hostile and odd word tables (csv, tsv) and YouTube SubViewer files (tests/test_hostile.py runs
them): times that are not numbers, NaN, huge or negative, rows of the wrong width, quotes left
open, a header of a million cells, fields larger than the csv module takes, formula cells, and
SBV files with huge hours, thousands of cues or time lines alone."""
from __future__ import annotations

from collections.abc import Callable

HEADER = "start,end,speaker,confidence,word\r\n"


def _rows(count: int) -> bytes:
    return (HEADER + "".join(f"{i}.000,{i}.500,S{i // 20 % 3},0.9,w{i}\r\n" for i in range(count))).encode()


def _sbv(count: int) -> bytes:
    return "".join(f"0:{i // 60 % 60:02d}:{i % 60:02d}.000,0:{i // 60 % 60:02d}:{i % 60:02d}.500\nline {i}\n\n"
                   for i in range(count)).encode()


CASES: dict[str, Callable[[], bytes]] = {
    "words-header-only.csv": lambda: HEADER.encode(),
    "words-nan.csv": lambda: (HEADER + "nan,1,A,0.5,a\r\n").encode(),
    "words-inf.tsv": lambda: b"start\tend\tword\n0\tinf\ta\n",
    "words-huge-time.csv": lambda: (HEADER + "0," + "9" * 5000 + ",A,0.5,a\r\n").encode(),
    "words-negative.csv": lambda: (HEADER + "-5.000,-1.000,A,,(laughter)\r\n-1.000,2.000,A,,hi\r\n").encode(),
    "words-backwards.csv": lambda: (HEADER + "5,1,A,0.5,a\r\n").encode(),
    "words-text-time.csv": lambda: (HEADER + "zero,one,A,0.5,a\r\n").encode(),
    "words-confidence-percent.csv": lambda: (HEADER + "0,1,A,87,a\r\n").encode(),
    "words-too-wide.csv": lambda: (HEADER + "0,1,A,0.5,Hello, world\r\n").encode(),
    "words-too-narrow.csv": lambda: (HEADER + "0,1\r\n").encode(),
    "words-open-quote.csv": lambda: (HEADER + '0,1,A,0.5,"never closed\r\n' + "1,2,A,0.5,b\r\n" * 1000).encode(),
    "words-header-million-cells.csv": lambda: ("start,end,word" + "," * 1_000_000 + "\n0,1,a\n").encode(),
    "words-huge-field.csv": lambda: (HEADER + '0,1,A,0.5,"' + "x" * 1_000_000 + '"\r\n').encode(),
    "words-formulas.csv": lambda: (HEADER + "0,1,=cmd|' /C calc'!A0,0.5,=1+2\r\n1,2,@x,,-2+3\r\n").encode(),
    "words-duplicate-column.tsv": lambda: b"start\tend\tword\tWORD\n0\t1\ta\tb\n",
    "words-blank-rows.csv": lambda: (HEADER + ",,,,\r\n" * 50_000 + "0,1,A,,a\r\n").encode(),
    "words-many.csv": lambda: _rows(20_000),
    "words-semicolons-bom.csv": lambda: "\ufeffStart;End;Word\r\n0,5;1;a\r\n".encode(),
    "words-nul.tsv": lambda: b"start\tend\tword\n0\t1\ta\x00b\n",
    "captions-huge-hours.sbv": lambda: b"0:00:01.000,999999999999:00:00.000\nfar\n",
    "captions-broken-time.sbv": lambda: b"0:00:01.000,0:00:02.000\na\n\n0:00:03.000,0:00:0x\nb\n",
    "captions-times-only.sbv": lambda: b"0:00:01.000,0:00:02.000\n0:00:02.000,0:00:03.000\n" * 1000,
    "captions-backwards.sbv": lambda: b"0:00:05.000,0:00:01.000\nback\n",
    "captions-many.sbv": lambda: _sbv(20_000),
    "captions-long-digits.sbv": lambda: ("0:00:01." + "1" * 100_000 + ",0:00:02.000\na\n").encode(),
    "captions-blank-lines.sbv": lambda: b"0:00:01.000,0:00:02.000\n" + b"\n \n\t\n" * 100_000 + b"a\n",
}
