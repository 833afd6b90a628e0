"""The segmenter's optional C core (``_core.c``): the same results as the Python code it
stands in for, several times faster. Without a C compiler at install time, or with the
environment variable SCRIBEKIT_PURE_PYTHON set, ``core`` is None and the Python runs."""
from __future__ import annotations

import os
from dataclasses import MISSING, fields
from types import MemberDescriptorType, ModuleType
from typing import Any

from ..model import Word

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


def word_layout(word_class: Any = Word) -> tuple[tuple[Any, ...], tuple[Any, ...]] | None:
    """The class's slots, and the defaults of those after the first four, when ``word_class(text, start,
    end, conf)`` is ``object.__new__(word_class)`` then each slot set, in order (the dataclass's own
    ``__init__``, no ``__post_init__``, ``__new__`` or ``__setattr__`` of its own): the C core then makes
    words so, without the Python call. None otherwise: the core calls the class."""
    names = tuple(field.name for field in fields(word_class))
    defaults = tuple(field.default for field in fields(word_class)[4:])
    slots = tuple(word_class.__dict__.get(name) for name in names)
    init = getattr(word_class.__init__, "__code__", None)
    given = getattr(word_class.__init__, "__defaults__", None) or ()
    own_new, own_setattr = word_class.__new__, word_class.__setattr__
    if (type(word_class) is type and getattr(word_class, "__slots__", None) == names and len(names) >= 4
            and own_new is object.__new__ and own_setattr is object.__setattr__
            and not hasattr(word_class, "__post_init__") and all(type(slot) is MemberDescriptorType for slot in slots)
            and MISSING not in defaults and init is not None and init.co_argcount == len(names) + 1
            and init.co_varnames[:len(names) + 1] == ("self", *names) and not init.co_kwonlyargcount
            and len(given) >= len(defaults) and given[len(given) - len(defaults):] == defaults):
        return slots, defaults
    return None


WORD_LAYOUT = word_layout()
"""``Word``'s, for the core's functions that make Words (None: they call ``Word``)."""
