"""Hostile and odd LRC lyrics (tests/test_hostile.py runs them): a line timed twenty thousand
times, word tags by the hundred thousand, times out of range or going back, offsets huge,
negative or not numbers, headers alone, and a long line of brackets."""
from __future__ import annotations

from collections.abc import Callable


def _text(text: str) -> Callable[[], bytes]:
    return lambda: text.encode("utf-8")


CASES: dict[str, Callable[[], bytes]] = {
    "lrc-one-line-timed-many-times.lrc": _text("[00:01.00]" * 20_000 + "la la\n"),
    "lrc-many-word-tags.lrc": _text("[00:00.00]" + "".join(f"<{k // 6000:02d}:{k // 100 % 60:02d}.{k % 100:02d}>w "
                                                           for k in range(100_000)) + "\n"),
    "lrc-times-going-back.lrc": _text("[00:05.00]<00:05.00>a <00:01.00>b <00:03.00>c<00:00.50>\n[00:01.00]d\n"),
    "lrc-seconds-out-of-range.lrc": _text("[00:75.00]too many seconds\n"),
    "lrc-huge-minutes.lrc": _text("[999999:59.99]late\n[00:00.00]early\n"),
    "lrc-huge-offset.lrc": _text("[offset:-999999999999999999999]\n[00:01.00]x\n"),
    "lrc-negative-offset.lrc": _text("[offset:5000]\n[00:01.00]before zero\n[00:09.00]after\n"),
    "lrc-offset-not-a-number.lrc": _text("[offset:soon]\n[00:01.00]x\n"),
    "lrc-headers-only.lrc": _text("[ti:Title]\n[ar:Artist]\n[length:03:00]\n"),
    "lrc-long-bracket-line.lrc": _text("[00:01.00]" + "[" * 200_000 + "\n"),
    "lrc-empty-lines-only.lrc": _text("[00:01.00]\n[00:02.00]\n[00:03.00]   \n"),
    "lrc-controls-and-surrogates.lrc": lambda: b"[00:01.00]<00:01.00>a\x00b <00:02.00>\x1b[31m\n"
    b"[00:03.00]\xed\xa0\x80\n",
}
