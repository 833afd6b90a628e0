"""What the readers of speech-recognition JSON share: language tags, confidences and speaker ids
as the model wants them, whatever shape each service gives them in."""
from __future__ import annotations

import math
import re
from typing import Any

from ._json import is_number

# Language names and three-letter codes (ISO 639-2/T and /B) that recognisers write, by two-letter code.
_LANGUAGES = {
    "af": ("afrikaans", "afr"), "ar": ("arabic", "ara"), "bg": ("bulgarian", "bul"), "bn": ("bengali", "ben"),
    "ca": ("catalan", "cat"), "cs": ("czech", "ces", "cze"), "cy": ("welsh", "cym", "wel"), "da": ("danish", "dan"),
    "de": ("german", "deu", "ger"), "el": ("greek", "ell", "gre"), "en": ("english", "eng"),
    "es": ("spanish", "castilian", "spa"), "et": ("estonian", "est"), "eu": ("basque", "eus", "baq"),
    "fa": ("persian", "farsi", "fas", "per"), "fi": ("finnish", "fin"), "fr": ("french", "fra", "fre"),
    "ga": ("irish", "gle"), "gl": ("galician", "glg"), "gu": ("gujarati", "guj"), "he": ("hebrew", "heb"),
    "hi": ("hindi", "hin"), "hr": ("croatian", "hrv"), "hu": ("hungarian", "hun"), "hy": ("armenian", "hye", "arm"),
    "id": ("indonesian", "ind"), "is": ("icelandic", "isl", "ice"), "it": ("italian", "ita"),
    "ja": ("japanese", "jpn"), "ka": ("georgian", "kat", "geo"), "kk": ("kazakh", "kaz"), "kn": ("kannada", "kan"),
    "ko": ("korean", "kor"), "lt": ("lithuanian", "lit"), "lv": ("latvian", "lav"), "mk": ("macedonian", "mkd", "mac"),
    "ml": ("malayalam", "mal"), "mr": ("marathi", "mar"), "ms": ("malay", "msa", "may"), "mt": ("maltese", "mlt"),
    "nb": ("norwegian bokmal", "norwegian bokmål", "nob"), "nl": ("dutch", "flemish", "nld", "dut"),
    "nn": ("norwegian nynorsk", "nno"), "no": ("norwegian", "nor"), "pa": ("punjabi", "panjabi", "pan"),
    "pl": ("polish", "pol"), "pt": ("portuguese", "por"), "ro": ("romanian", "moldavian", "ron", "rum"),
    "ru": ("russian", "rus"), "sk": ("slovak", "slk", "slo"), "sl": ("slovenian", "slv"),
    "sq": ("albanian", "sqi", "alb"),
    "sr": ("serbian", "srp"), "sv": ("swedish", "swe"), "sw": ("swahili", "swa"), "ta": ("tamil", "tam"),
    "te": ("telugu", "tel"), "th": ("thai", "tha"), "tl": ("tagalog", "filipino", "tgl", "fil"),
    "tr": ("turkish", "tur"), "uk": ("ukrainian", "ukr"), "ur": ("urdu", "urd"), "vi": ("vietnamese", "vie"),
    "yue": ("cantonese",), "zh": ("chinese", "mandarin", "zho", "chi", "cmn"),
}
_BY_NAME = {alias: code for code, aliases in _LANGUAGES.items() for alias in aliases}
_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*\Z")


def language_tag(value: Any) -> str | None:
    """A BCP 47 tag from what a recogniser writes: ``"english"`` -> ``en``, ``"eng"`` -> ``en``,
    ``"en_us"`` -> ``en-US``, ``"pt-BR"`` stays; None for nothing usable."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    known = _BY_NAME.get(text.lower())
    if known:
        return known
    if not _TAG.match(text):
        return None
    first, *rest = re.split("[-_]", text)
    first = _BY_NAME.get(first.lower(), first.lower())
    parts = [first] + [part.upper() if len(part) == 2 else part.title() if len(part) == 4 else part
                       for part in rest]
    return "-".join(parts)


def unit_confidence(value: Any, *, log: bool = False) -> float | None:
    """A confidence in 0..1, clamped (None when absent or not a finite number); ``log``: a
    log-probability, turned into a probability through exp."""
    if not is_number(value):
        return None
    number = float(value)
    if log:
        return math.exp(min(number, 0.0))
    return min(max(number, 0.0), 1.0)


def speaker_id(value: Any) -> str | None:
    """A speaker id as the model keeps them (a string), from ``"A"``, ``"spk_0"``, ``0`` or ``None``."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, str)):
        text = str(value).strip()
        return text or None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return None
