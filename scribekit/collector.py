"""The cycle collector, paused while scribekit builds many objects that form no cycle."""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused(*, settle: bool = False) -> Iterator[None]:
    """The cycle collector paused for the block (or the function it decorates). A reader, the
    segmenter or a document writer builds hundreds of thousands of objects (Words, cues, runs of
    text) and frees none of them while it works: each pass of the collector while they pile up walks
    them all again, for nothing (they hold no cycles), which costs a fifth of the time or more.
    Reference counting frees as always; the collector, resumed, collects any cycle left. A caller that
    paused it itself keeps it paused.

    ``settle``: what the block built stays (a transcript read, the cues cut). Resumed, the collector
    would walk it all at its next young collection (a tenth of a second a million words), then again
    as it ages: it is moved to the oldest generation first, at no cost (``gc.freeze`` then
    ``gc.unfreeze``), where only a full collection looks at it; not when the program froze objects of
    its own (``gc.unfreeze`` would let them go too)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        if settle and not gc.get_freeze_count():
            gc.freeze()
            gc.unfreeze()
        gc.enable()
