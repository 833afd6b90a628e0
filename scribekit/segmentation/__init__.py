"""Transcript -> cues under limits and profiles; cues -> words for re-segmenting; lint."""
from __future__ import annotations

import dataclasses
from operator import attrgetter
from typing import Any

from ..errors import OptionError
from ..model import Cue, Transcript
from .cues_to_words import word_segments
from .lint import Violation, lint
from .options import SegmentOptions
from .profiles import PROFILES, Profile, profile
from .segmenter import segment
from .timing import check_range

_START, _END = attrgetter("start"), attrgetter("end")

__all__ = ["PROFILES", "Profile", "SegmentOptions", "Violation", "as_words", "cues_for", "lint", "profile",
           "resolve_options", "segment", "word_segments"]


def resolve_options(profile_name: str | None = None, defaults: dict[str, Any] | None = None, *,
                    transcript_language: str | None = None, **explicit: Any) -> SegmentOptions:
    """SegmentOptions from layers: SegmentOptions' own defaults, then the output format's
    ``defaults``, then the named profile, then the options given one by one.

    A profile with a profile per language (``netflix``) takes the language's: the ``language``
    given, else the output format's, else ``transcript_language`` (the transcript's
    ``metadata.language``)."""
    layers: dict[str, Any] = dict(defaults or {})
    origins = dict.fromkeys(layers, "the output format's default")
    if profile_name:
        chosen = profile(profile_name, explicit.get("language") or layers.get("language") or transcript_language)
        layers.update(chosen.limits)
        origins.update(dict.fromkeys(chosen.limits, f"the {chosen.name} profile"))
    layers.update(explicit)
    origins.update(dict.fromkeys(explicit, "given"))
    shortest = layers.get("min_duration", SegmentOptions.min_duration)
    longest = layers.get("max_duration", SegmentOptions.max_duration)
    if shortest and longest and shortest > longest:  # say who set each: the user may have set only one
        unset = [name for name in ("min_duration", "max_duration") if origins.get(name) != "given"]
        raise OptionError(f"min_duration={shortest:g} ({origins.get('min_duration', 'the default')}) is longer "
                          f"than max_duration={longest:g} ({origins.get('max_duration', 'the default')})",
                          hint=f"give {unset[0]}= too" if unset else "give a shorter min_duration=")
    return SegmentOptions(**layers)


_NOT_LIMITS = ("fps", "language")
"""Segmentation options that only matter when cutting (a frame rate is also a writer's), so
they alone do not ask for cues to be cut anew."""


def cues_for(transcript: Transcript, *, defaults: dict[str, Any] | None = None, profile: str | None = None,
             **segment_options: Any) -> list[Cue]:
    """The cues a subtitle writer renders.

    A transcript read from a subtitle file keeps its own cues unless a profile
    or a limit is given; anything else is segmented.
    """
    recut = profile or any(name not in _NOT_LIMITS for name in segment_options)
    if transcript.cues is not None and not recut:
        cues = transcript.cues
        if cues:
            furthest = max(max(map(abs, map(_START, cues))), max(map(abs, map(_END, cues))))  # two C-speed passes
            check_range(-furthest, furthest, "the cues")
        return cues
    options = resolve_options(profile, defaults, transcript_language=transcript.metadata.language,
                              **segment_options)
    return segment(transcript, options)


def as_words(transcript: Transcript) -> Transcript:
    """The transcript without its cues (words made from them), so that it is cut anew."""
    if transcript.cues is None:
        return transcript
    return dataclasses.replace(transcript, segments=word_segments(transcript), cues=None)
