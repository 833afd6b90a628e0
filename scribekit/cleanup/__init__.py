"""Clean-up of subtitle text, as pure functions over cues: hearing-impaired text removed
(``hearing_impaired``) and common errors fixed by named rules (``fixes``), each change reported
as a :class:`~scribekit.changes.Change`. The rules' per-language data lives in ``data/``, as the
segmenter's word lists do.

    from scribekit.cleanup import Cleanup, clean_cues, parse_fixes
    cues, changes = clean_cues(cues, Cleanup(remove_hi=True, fixes=parse_fixes("all")), language="en")
"""
from __future__ import annotations

from dataclasses import dataclass

from ..changes import Change
from ..errors import OptionError
from ..model import Cue, Segment

ELLIPSIS_FORMS = ("char", "dots")
"""``--ellipsis``: the single character ``…`` or three full stops."""


@dataclass(frozen=True)
class Cleanup:
    """What to clean: hearing-impaired text, and the fix rules to run (in ``fixes.RULES``' order)."""

    remove_hi: bool = False
    keep_hi: bool = False
    """SDH: hearing-impaired text is kept, and no fix rule touches it (brackets, speaker labels,
    music symbols)."""
    fixes: tuple[str, ...] = ()
    ellipsis: str | None = None
    """The form the ``ellipsis`` rule writes: ``char`` or ``dots``; None: the language's."""

    def __post_init__(self) -> None:
        if self.remove_hi and self.keep_hi:
            raise OptionError("remove_hi and keep_hi contradict each other", hint="give one of them")
        if self.ellipsis is not None and self.ellipsis not in ELLIPSIS_FORMS:
            raise OptionError(f"ellipsis={self.ellipsis!r} is not one of {', '.join(ELLIPSIS_FORMS)}")
        from .fixes import RULES

        unknown = [rule for rule in self.fixes if rule not in RULES]
        if unknown:
            raise OptionError(f"fix: no rule {unknown[0]!r}", hint="the rules: all, " + ", ".join(RULES))

    @property
    def active(self) -> bool:
        return self.remove_hi or bool(self.fixes)


def parse_fixes(text: str) -> tuple[str, ...]:
    """``"all"`` or ``"double-spaces,ellipsis"`` as the rules' names, in the order they run; an
    unknown name is an :class:`~scribekit.errors.OptionError` listing the rules."""
    from .fixes import RULES

    names = [name.strip().lower() for name in text.split(",") if name.strip()]
    if not names:
        raise OptionError("fix: no rule given", hint="the rules: all, " + ", ".join(RULES))
    if "all" in names:
        return RULES
    unknown = [name for name in names if name not in RULES]
    if unknown:
        raise OptionError(f"fix: no rule {unknown[0]!r}", hint="the rules: all, " + ", ".join(RULES))
    return tuple(rule for rule in RULES if rule in names)


def clean_cues(cues: list[Cue], cleanup: Cleanup, *, language: str | None = None, min_duration_ms: int = 0,
               gap_ms: int = 0) -> tuple[list[Cue], list[Change]]:
    """``cues`` cleaned: hearing-impaired text first, then each fix rule in turn. ``min_duration_ms``
    and ``gap_ms`` are what the ``short-cues`` rule extends to and keeps free before the next cue.
    The cues given are left as they are."""
    changes: list[Change] = []
    if cleanup.remove_hi:
        from .hearing_impaired import remove_hi

        cues, found = remove_hi(cues, language=language)
        changes += found
    if cleanup.fixes:
        from .fixes import fix

        cues, found = fix(cues, cleanup.fixes, language=language, ellipsis=cleanup.ellipsis,
                          min_duration_ms=min_duration_ms, gap_ms=gap_ms, keep_hi=cleanup.keep_hi)
        changes += found
    return cues, changes


def clean_segments(segments: list[Segment], cleanup: Cleanup, *,
                   language: str | None = None) -> tuple[list[Segment], list[Change]]:
    """A word-timed transcript's turns cleaned, for outputs made from words (documents): the
    hearing-impaired words removed, and the fix rules that apply to words
    (``fixes.WORD_RULES``) run."""
    changes: list[Change] = []
    if cleanup.remove_hi:
        from .hearing_impaired import remove_hi_words

        segments, found = remove_hi_words(segments, language=language)
        changes += found
    if cleanup.fixes:
        from .fixes import WORD_RULES, fix_words

        rules = tuple(rule for rule in cleanup.fixes if rule in WORD_RULES)
        if rules:
            segments, found = fix_words(segments, rules, language=language, ellipsis=cleanup.ellipsis)
            changes += found
    return segments, changes


__all__ = ["ELLIPSIS_FORMS", "Cleanup", "clean_cues", "clean_segments", "parse_fixes"]
