"""The errors and warnings a user can cause, each a one-line message."""
from __future__ import annotations

import warnings


class ScribekitError(Exception):
    """An error caused by input or options; ``str()`` is one line for the user."""

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None,
                 hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.line = line
        self.hint = hint

    def __str__(self) -> str:
        parts = []
        if self.source:
            parts.append(self.source)
        if self.line is not None:
            parts.append(f"line {self.line}")
        parts.append(self.message)
        text = ": ".join(parts)
        if self.hint:
            text += f" ({self.hint})"
        return text


class ReadError(ScribekitError):
    """The input cannot be read: wrong format, truncated, corrupt, unknown shape."""


class UnknownFormatError(ScribekitError):
    """No reader or writer of that name, or the format cannot be detected."""


class OptionError(ScribekitError):
    """An option that does not exist for the format, or a value out of range."""


class WriteError(ScribekitError):
    """The output cannot be written (exists without force, unwritable, ...)."""


class FetchError(ScribekitError):
    """A provider API call failed (network, timeout, refused, job failed); the message names the job."""


class ApiError(FetchError):
    """The provider answered with an error status; ``status`` is the HTTP status code."""

    def __init__(self, message: str, *, status: int | None = None, source: str | None = None,
                 hint: str | None = None) -> None:
        super().__init__(message, source=source, hint=hint)
        self.status = status


class MissingKeyError(FetchError, OptionError):
    """No API key in the environment or on the command line (a usage error: exit status 2)."""


class ScribekitWarning(UserWarning):
    """Something was repaired or approximated; the message says what and where."""


def warn(message: str, *, line: int | None = None) -> None:
    """Report a repair to the user (the CLI prints it on stderr with the file name)."""
    text = f"line {line}: {message}" if line is not None else message
    warnings.warn(text, ScribekitWarning, stacklevel=3)


def cue_list(numbers: list[int], limit: int = 8) -> str:
    """``cues 3, 7 and 2 more``: the cue numbers a message names, the first ``limit`` of them."""
    shown = ", ".join(str(n) for n in numbers[:limit])
    more = f" and {len(numbers) - limit} more" if len(numbers) > limit else ""
    return f"cue{'s' if len(numbers) > 1 else ''} {shown}{more}"


def row_counts_list(found: list[tuple[int, int]], limit: int = 8) -> str:
    """``cue 3 has 4, cue 9 has 5``: the cues with too many rows and their rows, the first ``limit`` of them."""
    return ", ".join(f"cue {number} has {rows}" for number, rows in found[:limit])


def replacements_list(replaced: dict[str, tuple[str, list[int]]], limit: int = 6) -> str:
    """``'œ' -> 'oe' in cue 3; ...``: the characters a writer replaced, what it wrote instead and
    where, the first ``limit`` of them."""
    written = list(replaced.items())
    listed = "; ".join(f"{char!r} -> {replacement!r} in {cue_list(numbers, 3)}"
                       for char, (replacement, numbers) in written[:limit])
    if len(written) > limit:
        listed += f"; and {len(written) - limit} more characters"
    return listed
