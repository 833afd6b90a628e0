"""The segmenter's optional C core (``_core.c``): the same results as the Python code it
stands in for, several times faster. Without a C compiler at install time, or with the
environment variable SCRIBEKIT_PURE_PYTHON set, ``core`` is None and the Python runs."""
from __future__ import annotations

import os
from types import ModuleType

core: ModuleType | None
try:
    from . import _core as core  # type: ignore[attr-defined, no-redef]
except ImportError:
    core = None
if os.environ.get("SCRIBEKIT_PURE_PYTHON"):
    core = None

LIMIT = 2 ** 51
"""The core counts milliseconds and characters in 64-bit integers and weighs them in doubles;
between -LIMIT and LIMIT every sum and difference it forms is exact in both, as in Python's
integers. Times or limits beyond (absurd, but a file may hold such times) are left to the
Python code, which counts without bounds."""


def fits(*values: float) -> bool:
    """Whether the core holds all these numbers. The segmenter asks once for its limits and
    once a turn for the turn's first and last time, then cuts the whole turn in C or in Python."""
    return all(-LIMIT < value < LIMIT for value in values)
