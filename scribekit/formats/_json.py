"""Small checks the JSON readers share, for messages that say what was found."""
from __future__ import annotations

import math
import sys
from typing import Any


def json_kind(value: Any) -> str:
    """What a JSON value is, in words ("a string", "null", ...)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number" if is_number(value) else "a number out of range"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def is_number(value: Any) -> bool:
    """A finite JSON number that a float holds (booleans are not numbers here; neither are NaN,
    the infinities, nor integers of hundreds of digits)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return -sys.float_info.max <= value <= sys.float_info.max
    return isinstance(value, float) and math.isfinite(value)
