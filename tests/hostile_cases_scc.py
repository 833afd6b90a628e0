"""Hostile inputs of the SCC reader (tests/test_hostile.py runs them): code words that are not hex or not
four digits, timecodes out of range, one caption as large as the file, endless roll-up, paint-on that
never ends a row, a file of nothing but control codes."""
from __future__ import annotations

from collections.abc import Callable

SIZE = 300_000
"""About the size of the large cases: each must still be answered within the harness's 2 s."""

HEADER = "Scenarist_SCC V1.0\n\n"


def _file(*lines: str) -> bytes:
    return (HEADER + "\n\n".join(lines) + "\n").encode()


def _repeat(words: str, size: int = SIZE) -> str:
    return " ".join([words] * (size // (len(words) + 1)))


CASES: dict[str, Callable[[], bytes]] = {
    "scc-garbage-hex.scc": lambda: _file("00:00:01:00\t" + _repeat("zzzz 9g20 -1ab 12345 0x94")),
    "scc-odd-length-words.scc": lambda: _file("00:00:01:00\t9420 9420 94 2c c1 c2c 942f" + " 9" * 1000),
    "scc-timecode-out-of-range.scc": lambda: _file("99:99:99:99\t9420 9420 c1c2 942f 942f"),
    "scc-timecode-frames-30.scc": lambda: _file("00:00:01:30\t9420 9420 c1c2 942f 942f"),
    "scc-timecode-huge-hours.scc": lambda: _file("99:59:59;29\t9420 9420 94e0 c1c2 942f 942f",
                                                 "00:00:00;00\t942c 942c"),
    "scc-skipped-drop-frame-labels.scc": lambda: _file(*(f"00:{m:02d}:00;00\t9420 94e0 c1c2 942f 942c"
                                                         for m in range(1, 60))),
    "scc-one-huge-caption.scc": lambda: _file("00:00:01:00\t9420 9420 94e0 94e0 " + _repeat("c1c2") + " 942f 942f",
                                              "23:00:00:00\t942c 942c"),
    "scc-one-huge-paint-on-row.scc": lambda: _file("00:00:01:00\t9429 9429 94e0 94e0 " + _repeat("c180 2080")),
    "scc-endless-roll-up.scc": lambda: _file(*(f"{h:02d}:{m:02d}:{s:02d}:00\t9425 9425 94ad 94ad 94e0 94e0 "
                                               f"{0xb0 + m % 10:02x}{0xb0 + s % 10:02x} c1c2"
                                               for h in range(2) for m in range(60) for s in range(0, 60, 2))),
    "scc-only-control-codes.scc": lambda: _file("00:00:00:00\t" + _repeat("942c 942f 9420 94ad 9425 9429")),
    "scc-backwards-timecodes.scc": lambda: _file(*(f"00:00:{59 - s:02d}:00\t9420 94e0 c1c2 942f"
                                                   for s in range(60))),
    "scc-header-only.scc": lambda: HEADER.encode(),
    "scc-many-channels-switching.scc": lambda: _file("00:00:01:00\t" + _repeat("1c20 c1c2 9420 c1c2 1520 942f")),
}
