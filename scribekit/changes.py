"""What an operation changed (a retiming, a clean-up rule), one record per change, for the report
that ``--json`` lists and ``--dry-run`` shows."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Change:
    """One change to one cue (or to the whole file, ``cue`` 0)."""

    rule: str
    """The step that made it: a clean-up rule (``double-spaces``, ``hi-sound``) or a timing
    operation (``shot-change-in``, ``min-gap``)."""
    cue: int
    """The cue's number (from 1) in the cues the step was given; 0 for the whole file."""
    start: int
    """The cue's start (ms) in the cues the step was given: where to find it even after earlier
    steps removed or merged cues."""
    before: str
    after: str
    """The cue's text (or times) before and after the change; ``after`` is empty for a cue removed."""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def counts(changes: Iterable[Change]) -> dict[str, int]:
    """The number of changes of each rule, in the order the rules first appear."""
    tally: dict[str, int] = {}
    for change in changes:
        tally[change.rule] = tally.get(change.rule, 0) + 1
    return tally


__all__ = ["Change", "counts"]
