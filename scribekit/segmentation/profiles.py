"""Named sets of limits. A profile sets only what it names; single options override it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import OptionError


@dataclass(frozen=True)
class Profile:
    name: str
    description: str
    limits: dict[str, Any]


_NETFLIX_TIMING = {"max_duration": 7.0, "min_duration": 0.833, "min_gap_frames": 2, "close_gaps_frames": 12}
_DIALOGUE = {"dialogue_dashes": True}

PROFILES: dict[str, Profile] = {p.name: p for p in (
    Profile("amberscript", "Amberscript's subtitle export: 42 characters, 2 rows, 2 s a row",
            {"max_chars_per_row": 42, "max_rows": 2, "max_screen_time_per_row": 2.0}),
    Profile("netflix", "Netflix (English and most Latin-script languages): 42 characters, 2 rows, 20 cps, "
                       "833 ms to 7 s, 2 frames between cues (gaps of 3 to 11 frames closed to 2), dialogue dashes; "
                       "a language with a netflix-* profile of its own (see by language) takes that one",
            {"max_chars_per_row": 42, "max_rows": 2, "max_cps": 20.0, **_NETFLIX_TIMING, **_DIALOGUE}),
    Profile("netflix-cjk", "Netflix Chinese and Japanese: 16 characters, 2 rows, 9 cps, Netflix timing",
            {"max_chars_per_row": 16, "max_rows": 2, "max_cps": 9.0, **_NETFLIX_TIMING}),
    Profile("netflix-ja", "Netflix Japanese (horizontal): 13 characters, 2 rows, 4 cps (adults), Netflix timing",
            {"max_chars_per_row": 13, "max_rows": 2, "max_cps": 4.0, **_NETFLIX_TIMING}),
    Profile("netflix-ko", "Netflix Korean: 16 characters, 2 rows, 12 cps, Netflix timing, dialogue dashes",
            {"max_chars_per_row": 16, "max_rows": 2, "max_cps": 12.0, **_NETFLIX_TIMING, **_DIALOGUE}),
    Profile("netflix-zh", "Netflix Chinese (Simplified and Traditional): 16 characters, 2 rows, 9 cps, Netflix timing, "
                          "dialogue dashes",
            {"max_chars_per_row": 16, "max_rows": 2, "max_cps": 9.0, **_NETFLIX_TIMING, **_DIALOGUE}),
    Profile("netflix-th", "Netflix Thai: 35 characters, 2 rows, 17 cps, Netflix timing, dialogue dashes",
            {"max_chars_per_row": 35, "max_rows": 2, "max_cps": 17.0, **_NETFLIX_TIMING, **_DIALOGUE}),
    Profile("netflix-ar", "Netflix Arabic: 42 characters, 2 rows, 17 cps, Netflix timing, dialogue dashes",
            {"max_chars_per_row": 42, "max_rows": 2, "max_cps": 17.0, **_NETFLIX_TIMING, **_DIALOGUE}),
    Profile("netflix-hi", "Netflix Hindi: 42 characters, 2 rows, 22 cps, Netflix timing, dialogue dashes",
            {"max_chars_per_row": 42, "max_rows": 2, "max_cps": 22.0, **_NETFLIX_TIMING, **_DIALOGUE}),
    Profile("bbc", "BBC: 37 characters, 2 rows, 160 to 180 words a minute",
            {"max_chars_per_row": 37, "max_rows": 2, "max_wpm": 180.0}),
    Profile("youtube", "YouTube and other short-form video: 24 characters, 1 or 2 rows",
            {"max_chars_per_row": 24, "max_rows": 2}),
    Profile("cea-608", "CEA-608 closed captions (SCC): 32 characters, 2 rows (a caption holds up to 4)",
            {"max_chars_per_row": 32, "max_rows": 2}),
    Profile("dcmp", "DCMP Captioning Key: 32 characters, 2 rows, 160 words a minute (120-160 for a general "
                    "audience), 2 s on screen at least",
            {"max_chars_per_row": 32, "max_rows": 2, "max_wpm": 160.0, "min_duration": 2.0}),
)}
_ALIASES = {"short-form": "youtube", "shortform": "youtube", "tiktok": "youtube"}


BY_LANGUAGE: dict[str, dict[str, str]] = {
    "netflix": {"ja": "netflix-ja", "ko": "netflix-ko", "zh": "netflix-zh", "th": "netflix-th", "ar": "netflix-ar",
                "hi": "netflix-hi"},
}
"""The profile a family profile stands for in a language (by its primary subtag): ``netflix`` for a
Japanese transcript is ``netflix-ja``. A language not listed keeps the profile named."""


def profile(name: str, language: str | None = None) -> Profile:
    """The profile named ``name``; for a family profile (``BY_LANGUAGE``) and a ``language`` it
    has a profile of its own in ("ja", "ja-JP", "zh_Hant"), that one."""
    key = _ALIASES.get(name.lower(), name.lower())
    if key not in PROFILES:
        raise OptionError(f"unknown profile {name!r}", hint="one of: " + ", ".join(PROFILES))
    if language and key in BY_LANGUAGE:
        from .language import language_code

        key = BY_LANGUAGE[key].get(language_code(language), key)
    return PROFILES[key]
