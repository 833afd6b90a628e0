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

LIMIT = 2 ** 62
"""The core counts milliseconds in 64-bit integers; times beyond this (absurd, but a file
may hold them) are left to the Python code, which counts without bounds."""


def fits(*values: int) -> bool:
    return all(-LIMIT < value < LIMIT for value in values)
