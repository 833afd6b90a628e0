"""Waiting for a remote job: poll at a growing interval up to a ceiling, within an overall timeout.

No network here: ``fetch`` does the request, ``check`` says whether the state
is final (raising for a failed one).
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from ..errors import FetchError, OptionError

T = TypeVar("T")

GROWTH = 1.5
"""Each wait is this much longer than the one before, up to the ceiling."""


@dataclass(frozen=True)
class PollOptions:
    interval: float = 10.0
    """Seconds before the second look."""
    max_interval: float = 300.0
    """The ceiling the interval grows to."""
    timeout: float | None = None
    """Seconds to wait in all (None: until the job ends)."""

    def __post_init__(self) -> None:
        if self.interval <= 0:
            raise OptionError(f"the poll interval must be more than 0 seconds, not {self.interval:g}")
        if self.max_interval < self.interval:
            raise OptionError(f"the poll ceiling ({self.max_interval:g} s) is below the interval "
                              f"({self.interval:g} s)")
        if self.timeout is not None and self.timeout <= 0:
            raise OptionError(f"the timeout must be more than 0 seconds, not {self.timeout:g}")


def poll(fetch: Callable[[], T], check: Callable[[T], bool], *, options: PollOptions, what: str,
         describe: Callable[[T], str], resume_hint: str, sleep: Callable[[float], None] = time.sleep,
         clock: Callable[[], float] = time.monotonic, on_change: Callable[[T], None] | None = None) -> T:
    """Call ``fetch`` until ``check`` says the result is final; return that result.

    ``describe`` names a state (for the timeout message and ``on_change``, which
    is called whenever the description changes).
    """
    deadline = None if options.timeout is None else clock() + options.timeout
    interval = options.interval
    last: str | None = None
    while True:
        state = fetch()
        text = describe(state)
        if text != last and on_change is not None:
            on_change(state)
        last = text
        if check(state):
            return state
        now = clock()
        if deadline is not None and now >= deadline:
            assert options.timeout is not None
            raise FetchError(f"{what} is still {text} after {options.timeout:g} s of waiting", hint=resume_hint)
        pause = interval if deadline is None else min(interval, max(deadline - now, 0.0))
        sleep(pause)
        interval = min(interval * GROWTH, options.max_interval)
