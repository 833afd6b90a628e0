"""Clean transcripts: the fillers and false starts a turn's words lose (see :mod:`scribekit.conventions`)."""
from __future__ import annotations

import dataclasses
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from ..model import Word

__all__ = ["LanguageData", "clean_words", "language_data"]

_CODE = re.compile("[a-z]{2,3}")
_REPEATED = re.compile(r"(.)\1+")
_FINAL = frozenset(".?!…。？！‼⁇⁈⁉")
_CLOSING = frozenset("\"'»«”’)]}›")
_CLAUSE = frozenset(",;:-—–、，；：")
_HYPHEN_BREAKS = ("-", "/")
_DASH_BREAKS = ("—", "–")


@dataclass(frozen=True)
class LanguageData:
    """What a language says about clean transcripts (``data/<code>.json`` over ``data/generic.json``)."""

    fillers: frozenset[str]
    """Filler words as :func:`filler_key` makes them."""
    coordinators: frozenset[str]
    """Words before which a word ending in a hyphen is half of a compound (``Vor- und Nachteile``)."""
    doubled: frozenset[str]
    """Words whose immediate repetition is grammatical or emphatic (``that that``, ``nous nous``)."""
    own: bool = True
    """The language has data of its own (False: the generic data alone)."""


def _load(name: str) -> dict[str, object]:
    source = resources.files("scribekit.conventions") / "data" / f"{name}.json"
    if not source.is_file():
        return {}
    data = json.loads(source.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def language_code(language: str | None) -> str:
    """``en`` for ``en-GB`` or ``EN_us``; ``generic`` for none or what is no language code."""
    if not language or not isinstance(language, str):
        return "generic"
    code = language.strip().lower().replace("_", "-").split("-")[0]
    return code if _CODE.fullmatch(code) else "generic"


def language_data(language: str | None) -> LanguageData:
    """The filler words, coordinators and doubled words of ``language`` (a code such as ``de`` or
    ``fr-CA``) with the generic ones; for a language without data of its own, the generic ones."""
    return _language_data(language_code(language))


@cache
def _language_data(code: str) -> LanguageData:
    generic = _load("generic")
    own = _load(code) if code != "generic" else {}

    def strings(key: str) -> list[str]:
        values = [*_list(generic.get(key)), *_list(own.get(key))]
        return [v for v in values if isinstance(v, str)]

    return LanguageData(frozenset(filler_key(f) for f in strings("fillers")),
                        frozenset(_core(c).casefold() for c in strings("coordinators")),
                        frozenset(_core(d).casefold() for d in strings("doubled")), own=bool(own))


def _list(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else []


def _is_punctuation(char: str) -> bool:
    return unicodedata.category(char).startswith("P")


def split_punctuation(text: str) -> tuple[str, str, str]:
    """``text`` as (leading punctuation, the word, trailing punctuation): ``"¿Um,"`` is ``("¿", "Um", ",")``.
    A text of nothing but punctuation is all leading."""
    if not text or (text[0].isalnum() and text[-1].isalnum()):
        return "", text, ""  # the most words: no punctuation to look for
    start = 0
    while start < len(text) and _is_punctuation(text[start]):
        start += 1
    end = len(text)
    while end > start and _is_punctuation(text[end - 1]):
        end -= 1
    return text[:start], text[start:end], text[end:]


@lru_cache(maxsize=1 << 16)  # a transcript says its few thousand words again and again
def _core(text: str) -> str:
    return split_punctuation(text.strip())[1]


@lru_cache(maxsize=1 << 16)
def filler_key(text: str) -> str:
    """How a word is looked up in the filler list: lower-cased, without the punctuation around it,
    a letter repeated counting once (``Ummm,`` is ``um``, ``Mm-hmm.`` is ``m-hm``)."""
    return _REPEATED.sub(r"\1", _core(text).casefold())


def ends_sentence(text: str) -> bool:
    """The text ends with sentence-final punctuation (closing quotes and brackets after it aside)."""
    text = text.rstrip()
    while text and text[-1] in _CLOSING:
        text = text[:-1]
    return bool(text) and text[-1] in _FINAL


_PAIRS = {"(": ")", "[": "]", "{": "}", "“": "”", "„": "“", "‚": "‘", "‘": "’", "«": "»", "»": "«", "‹": "›",
          "›": "‹", "\"": "\"", "'": "'", "¿": "?", "¡": "!", "「": "」", "『": "』", "（": "）"}


def _unpaired(lead: str, trail: str) -> tuple[str, str]:
    """A word's opening and closing punctuation without the pairs it opens and closes itself:
    ``("(", ")")`` of ``(um)`` or ``("¿", "?")`` of ``¿eh?`` go with the word."""
    kept = ""
    for char in lead:
        closer = _PAIRS.get(char)
        at = trail.find(closer) if closer else -1
        if at >= 0:
            trail = trail[:at] + trail[at + 1:]
        else:
            kept += char
    return kept, trail


def _final_part(trail: str) -> str:
    """Of a word's trailing punctuation, the sentence-final part (with what follows it): ``",."`` -> ``"."``."""
    for i, char in enumerate(trail):
        if char in _FINAL:
            return trail[i:]
    return ""


def _with_final(word: Word, final: str) -> Word:
    text = word.text.rstrip()
    while text and text[-1] in _CLAUSE:
        text = text[:-1]
    return dataclasses.replace(word, text=text + final) if text else word


def _capitalised(text: str) -> str:
    for i, char in enumerate(text):
        if char.isalpha():
            upper = char.upper()
            if char.islower() and len(upper) == 1:
                return text[:i] + upper + text[i + 1:]
            return text
    return text


def _starts_capital(text: str) -> bool:
    return any(c.isalpha() for c in text) and next(c for c in text if c.isalpha()).isupper()


def _ends_with_digit(text: str) -> bool:
    core = _core(text)
    return bool(core) and core[-1].isdigit()


def fillers(words: list[Word], data: LanguageData) -> list[bool]:
    """Which of a turn's words are fillers to drop: a word of the language's filler list, but
    not right after a number (``5 mm``), and none in a turn of nothing but fillers (an answer
    such as ``Mhm.``)."""
    found = [not w.sound and filler_key(w.text) in data.fillers for w in words]
    if not any(found):
        return found
    if all(f or w.sound or not _core(w.text) for f, w in zip(found, words)):
        return [False] * len(words)
    for i in range(1, len(words)):
        if found[i] and _ends_with_digit(words[i - 1].text):
            found[i] = False
    return found


def false_starts(words: list[Word], data: LanguageData) -> list[bool]:
    """Which of a turn's words are false starts to drop (see :mod:`scribekit.conventions`)."""
    drop = [False] * len(words)
    keys = [_core(w.text).casefold() if not w.sound else "" for w in words]
    for i in range(len(words) - 1):
        word, key, following = words[i], keys[i], keys[i + 1]
        if not key or not following:
            continue
        text = word.text.rstrip()
        if text.endswith(_HYPHEN_BREAKS):
            drop[i] = following not in data.coordinators and not key[-1].isdigit()  # 1990- 2000: a range
        elif text.endswith(_DASH_BREAKS):
            drop[i] = following.startswith(key)
        elif key == following and not split_punctuation(text)[2]:
            if key in data.doubled:
                third = keys[i + 2] if i + 2 < len(words) else ""
                drop[i] = third == key and not split_punctuation(words[i + 1].text.rstrip())[2]
            else:
                drop[i] = True
    return drop


def drop_words(words: list[Word], drop: list[bool], silence: list[int]) -> tuple[list[Word], list[int]]:
    """``words`` without those ``drop`` marks, their punctuation and capital kept: a dropped word's
    sentence-final punctuation moves to the word before it (in place of a comma there), its
    opening punctuation (but a pair it opens and closes itself) to the word after it, and where
    it began a sentence with a capital, the word after it gets the capital. ``silence`` (each
    word's silence before it) is summed over the dropped words into the next word kept."""
    out: list[Word] = []
    out_silence: list[int] = []
    carried = 0
    prefix = ""
    capital = False
    for word, dropped, quiet in zip(words, drop, silence):
        if dropped:
            carried += quiet
            lead, core, trail = split_punctuation(word.text.strip())
            lead, trail = _unpaired(lead, trail)
            at_start = not out or ends_sentence(out[-1].text)
            if at_start and _starts_capital(core):
                capital = True
            final = _final_part(trail)
            if final and out and not ends_sentence(out[-1].text):
                out[-1] = _with_final(out[-1], final)
            prefix += lead
            continue
        text = word.text
        if capital:
            text = _capitalised(text)
            capital = False
        if prefix:
            text = prefix + text.lstrip()
            prefix = ""
        out.append(word if text == word.text else dataclasses.replace(word, text=text))
        out_silence.append(quiet + carried)
        carried = 0
    return out, out_silence


def clean_words(words: list[Word], data: LanguageData, silence: list[int]) -> tuple[list[Word], list[int]]:
    """A turn's words without fillers, then without false starts (``I um I think`` is ``I think``)."""
    drop = fillers(words, data)
    if any(drop):
        words, silence = drop_words(words, drop, silence)
    drop = false_starts(words, data)
    if any(drop):
        words, silence = drop_words(words, drop, silence)
    return words, silence
