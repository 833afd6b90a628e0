"""Hostile inputs of the command's own classes: plain text of every size, which detection must say is
plain text quickly (every sniffer looks at it), and text files that look almost like a marker list."""
from __future__ import annotations

from collections.abc import Callable


def _plain(size: int) -> bytes:
    line = "The committee met again and agreed on nothing in particular, at length.\n"
    return (line * (size // len(line) + 1)).encode()[:size]


def _near_markers() -> bytes:
    good = "Ana\t01:00:02:13\tV1\tred\tGood morning.\t41\n"
    return (good * 2 + "Ana\t01:00:02:13\tV1\tred\n" * 5000).encode()


CASES: dict[str, Callable[[], bytes]] = {
    "cli-plain-300k.txt": lambda: _plain(300_000),
    "cli-one-long-line.txt": lambda: b"word " * 60_000,
    "cli-near-markers.txt": _near_markers,
    "cli-tabs-only.txt": lambda: b"\t" * 200_000 + b"\n",
}
