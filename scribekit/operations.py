"""Timing and clean-up operations on the way from a transcript to its outputs, in one fixed order:

0. **pseudonymisation** (``pseudonymise.pseudonymise``): the listed names replaced in words,
   speakers, cues and metadata, before anything else sees them;
1. **time maps** (``retime.map_times``): sync, frame-rate conversion, speed, shift, applied to every
   time of the transcript (cues, words, highlights);
2. the cues are cut anew only when a profile or a limit asks for it, as without operations;
3. **clean-up** (``cleanup.clean_cues``): hearing-impaired text, then the fix rules in their order;
4. **cue timing** (``retime.retime_cues``): shot changes, frame snapping, minimum gap and closing
   small gaps, and no overlap.

Steps 3 and 4 work on cues: on those of each subtitle output (and of a transcript read from a
subtitle file, whatever the output). A word-timed transcript written as a document is cleaned word
by word (``cleanup.clean_segments``); cue timing does not apply to it.

    from scribekit.operations import Operations, write
    data, changes = write(transcript, "srt", {}, Operations(cleanup=Cleanup(remove_hi=True)))
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .changes import Change
from .cleanup import Cleanup
from .model import Cue, Transcript
from .retime import Retiming

if TYPE_CHECKING:
    from .pseudonymise import Pseudonyms, Report

GAP_OPTIONS = ("min_gap_frames", "close_gaps_frames")
"""Segmentation options that, alone, re-time a subtitle file's own cues rather than cut them anew."""


@dataclass(frozen=True)
class Operations:
    """The operations to run: pseudonymisation (``pseudonymise.Pseudonyms``), timing
    (``retime.Retiming``) and clean-up (``cleanup.Cleanup``)."""

    retiming: Retiming = field(default_factory=Retiming)
    """Its ``min_duration_ms`` is also what the ``short-cues`` fix extends a cue to."""
    cleanup: Cleanup = field(default_factory=Cleanup)
    pseudonyms: Pseudonyms | None = None
    """Names to replace, before anything else, in words, speakers, cues and metadata."""

    @property
    def active(self) -> bool:
        return self.retiming.maps_times or self.edits_cues or self.pseudonyms is not None

    @property
    def edits_cues(self) -> bool:
        return self.retiming.changes_cues or self.cleanup.active


def pseudonymise(transcript: Transcript, operations: Operations) -> tuple[Transcript, Report | None]:
    """Step 0: ``transcript`` with the listed names replaced by their pseudonyms, and the report of
    what was replaced (None when no names are listed)."""
    if operations.pseudonyms is None:
        return transcript, None
    from .pseudonymise import pseudonymise_report

    return pseudonymise_report(transcript, operations.pseudonyms)


def map_times(transcript: Transcript, operations: Operations) -> Transcript:
    """Step 1: ``transcript`` with every time mapped (sync, frame rate, speed, shift)."""
    if not operations.retiming.maps_times:
        return transcript
    from .retime import map_times as mapped

    return mapped(transcript, operations.retiming)


def language_of(transcript: Transcript, cues: list[Cue] | None, given: str | None = None) -> str | None:
    """The language the clean-up rules take: the one given, the transcript's, else the one its text
    is in (as the segmenter guesses it)."""
    if given or transcript.metadata.language:
        return given or transcript.metadata.language
    from itertools import islice

    from .segmentation.language import guess_language

    if cues is not None:
        texts = [word for cue in islice(cues, 400) for line in cue.lines for word in line.split()]
    else:
        texts = [word.text for segment in transcript.segments[:200] for word in segment.words[:200]]
    return guess_language(texts)


def edit_cues(cues: list[Cue], transcript: Transcript, operations: Operations,
              language: str | None = None) -> tuple[list[Cue], list[Change]]:
    """Steps 3 and 4 on ``cues`` (of ``transcript``): clean-up, then cue timing."""
    changes: list[Change] = []
    retiming = operations.retiming
    if operations.cleanup.active:
        from .cleanup import clean_cues
        from .timecode import FrameRate

        rate = FrameRate.of(retiming.fps or 25)  # the gap in whole ms, never under the frames asked for
        gap_ms = -(-retiming.min_gap_frames * rate.denominator * 1000 // rate.numerator)
        cleaned, found = clean_cues(cues, operations.cleanup, language=language_of(transcript, cues, language),
                                    min_duration_ms=retiming.min_duration_ms, gap_ms=gap_ms)
        changes += found
        cues = _words_that_still_match(cleaned, cues)
    if retiming.changes_cues:
        from .retime import retime_cues

        cues, found = retime_cues(cues, retiming)
        changes += found
    return cues, changes


def _words_that_still_match(cleaned: list[Cue], given: list[Cue]) -> list[Cue]:
    """The cleaned cues, each whose text a fix changed away from its timed words (``the the`` made
    ``the``) without them: the writers that time words (karaoke, word timestamps) then share the
    cue's time out over its text, rather than show words the text no longer has."""
    from .markup import strip_tags

    untouched = {id(cue) for cue in given}
    out = []
    for cue in cleaned:
        if cue.words is not None and id(cue) not in untouched:
            text = " ".join(strip_tags(" ".join(cue.lines)).split())
            if " ".join(word.text for word in cue.words if word.text.strip()) != text:
                cue = dataclasses.replace(cue, words=None)
        out.append(cue)
    return out


def _recuts(options: dict[str, Any]) -> bool:
    """Whether ``options`` ask for a subtitle file's cues to be cut anew (a profile, or a limit other
    than the gap options)."""
    from .segmentation import _NOT_LIMITS as not_limits
    from .segmentation import SegmentOptions

    limits = {f.name for f in dataclasses.fields(SegmentOptions)} - set(not_limits) - set(GAP_OPTIONS)
    return bool(options.get("profile")) or any(name in limits for name in options)


def gaps_as_timing(transcript: Transcript, options: dict[str, Any],
                   operations: Operations) -> tuple[dict[str, Any], Operations]:
    """``--min-gap-frames`` and ``--close-gaps-frames`` without anything else that cuts anew: for a
    transcript with cues of its own they re-time those cues (step 4) instead of cutting new ones."""
    given: dict[str, Any] = {name: options[name] for name in GAP_OPTIONS if name in options}
    if transcript.cues is None or not given or _recuts(options):
        return options, operations
    if operations.retiming.fps is None and options.get("fps"):
        given["fps"] = options["fps"]  # the frames are the output's (--fps), as the segmenter counts them
    retiming = dataclasses.replace(operations.retiming, **given)
    rest = {name: value for name, value in options.items() if name not in GAP_OPTIONS}
    return rest, dataclasses.replace(operations, retiming=retiming)


def write(transcript: Transcript, format: str, options: dict[str, Any],
          operations: Operations) -> tuple[str | bytes, list[Change]]:
    """``transcript`` written as ``format`` (``formats.write`` with ``options``) after steps 3 and 4,
    with the changes they made. Step 1 is the caller's (``map_times``), once per transcript."""
    from . import formats

    options, operations = gaps_as_timing(transcript, options, operations)
    if not operations.edits_cues:
        return formats.write(transcript, format, **options), []
    info = formats.get(format)
    language = options.get("language")
    changes: list[Change] = []

    def steps(cues: list[Cue], of: Transcript) -> list[Cue]:
        edited, found = edit_cues(cues, of, operations, language)
        changes.extend(found)
        return edited

    if info.kind == "subtitle":
        return formats.write(transcript, format, edit_cues=steps, **options), changes
    transcript, changes = edit_transcript(transcript, options, operations)
    return formats.write(transcript, format, **options), changes


def edit_transcript(transcript: Transcript, options: dict[str, Any],
                    operations: Operations) -> tuple[Transcript, list[Change]]:
    """Steps 3 and 4 for a document or data format: a transcript read from a subtitle file has its
    cues cleaned and re-timed; a word-timed one its words cleaned. With the changes made."""
    language = options.get("language")
    if not operations.edits_cues:
        return transcript, []
    if transcript.cues is not None:
        cues, changes = edit_cues(transcript.cues, transcript, operations, language)
        return dataclasses.replace(transcript, cues=cues), changes
    if not operations.cleanup.active:
        return transcript, []
    from .cleanup import clean_segments

    segments, changes = clean_segments(transcript.segments, operations.cleanup,
                                       language=language_of(transcript, None, language))
    return dataclasses.replace(transcript, segments=segments), changes


__all__ = ["GAP_OPTIONS", "Operations", "edit_cues", "edit_transcript", "gaps_as_timing", "language_of", "map_times",
           "pseudonymise", "write"]
