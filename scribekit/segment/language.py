"""What a language says about where a subtitle may break: word lists from data files
(``data/<code>.json``), scripts written without spaces, and the cost of a cut at
each position between two words."""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

_CLOSERS = "\"'»”’)]}›」』》】"
_OPENERS = "\"'«“‘([{‹「『《【¿¡"
_SENTENCE_END = ".?!…。？！"
_CLAUSE_END = ",;:，、；："
_DASHES = ("--", "—", "–", "-")


@dataclass(frozen=True)
class WordLists:
    articles: frozenset[str]
    determiners: frozenset[str]
    prepositions: frozenset[str]
    pronouns: frozenset[str]
    auxiliaries: frozenset[str]
    conjunctions: frozenset[str]
    units: frozenset[str]
    abbreviations: frozenset[str]


def language_code(language: str | None) -> str:
    """``en-GB``, ``en_US``, ``EN`` -> ``en``; None -> ``generic``."""
    if not language:
        return "generic"
    return language.strip().lower().replace("_", "-").split("-")[0] or "generic"


@cache
def word_lists(language: str | None) -> WordLists:
    """The word lists of ``language`` (a code such as ``en`` or ``fr-FR``), or the generic ones."""
    code = language_code(language)
    folder = resources.files("scribekit.segment") / "data"
    source = folder / f"{code}.json"
    if not source.is_file():
        source = folder / "generic.json"
    raw = json.loads(source.read_text(encoding="utf-8"))
    return WordLists(**{name: frozenset(w.lower() for w in raw.get(name, []))
                        for name in WordLists.__dataclass_fields__})


_UNSPACED_RANGES = ("\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uff60"
                    "\U00020000-\U0002fa1f")
UNSPACED = re.compile(f"[{_UNSPACED_RANGES}]")
"""Han, kana and their punctuation: scripts written without spaces between words."""


def is_unspaced_script(char: str) -> bool:
    return UNSPACED.match(char) is not None


def bare(text: str) -> str:
    """A word lowercased without the punctuation around it (apostrophes inside stay)."""
    return text.strip(_OPENERS + _CLOSERS + _SENTENCE_END + _CLAUSE_END + "-—–").lower()


def ends_sentence(text: str, lists: WordLists) -> bool:
    core = text.rstrip(_CLOSERS)
    if not core or core[-1] not in _SENTENCE_END:
        return False
    if core[-1] == "." and (core.lower().lstrip(_OPENERS) in lists.abbreviations or _is_initial(core)):
        return False
    return True


def _is_initial(text: str) -> bool:
    """``J.`` in ``J. Smith``: a single capital and a dot."""
    return len(text) == 2 and text[0].isupper() and text[1] == "."


def ends_clause(text: str) -> bool:
    core = text.rstrip(_CLOSERS)
    return bool(core) and (core[-1] in _CLAUSE_END or core.endswith(_DASHES))


def _is_number(text: str) -> bool:
    core = text.strip(_OPENERS + _CLOSERS + ",.")
    return bool(core) and any(c.isdigit() for c in core) and all(c.isdigit() or c in ",.'" for c in core)


def _capitalised(text: str) -> bool:
    core = text.lstrip(_OPENERS)
    return bool(core) and core[0].isupper() and unicodedata.category(core[0]) == "Lu"


@dataclass(frozen=True)
class Weights:
    """Costs of a cut between two words (negative: a good place). A line break and a
    cue break weigh the same signs; a cue break cares more about sentence ends."""

    sentence_end: float = -14.0
    clause_end: float = -7.0
    dash: float = -6.0
    pause_per_second: float = -10.0
    pause_cap: float = -12.0
    before_conjunction: float = -3.0
    after_function_word: float = 9.0
    after_pronoun: float = 6.0
    after_auxiliary: float = 7.0
    after_conjunction: float = 5.0
    inside_name: float = 8.0
    number_unit: float = 12.0
    source_cue_end: float = -10.0


CUE_WEIGHTS = Weights()
LINE_WEIGHTS = Weights(sentence_end=-9.0, clause_end=-6.0, pause_per_second=-2.0, pause_cap=-3.0,
                       source_cue_end=-2.0)


_FEATURES = ("sentence_end", "clause_end", "dash", "after_function_word", "after_auxiliary", "after_pronoun",
             "after_conjunction", "inside_name", "number_unit", "before_conjunction", "source_cue_end")


def cut_costs(texts: list[str], gaps: list[int], hints: list[bool], lists: WordLists,
              sentence_end: list[bool], weights: Sequence[Weights]) -> list[list[float]]:
    """For each of ``weights``, the cost of cutting before word k (k = 1 .. n-1; index 0 unused).

    ``gaps[k]`` is the silence in ms before word k; ``hints[k]`` says the source
    had a cue boundary there; ``sentence_end`` is what ``sentence_ends`` gives.
    """
    n = len(texts)
    tables = [[getattr(w, name) for name in _FEATURES] for w in weights]
    pauses = [(w.pause_per_second, w.pause_cap) for w in weights]
    costs = [[0.0] * n for _ in weights]
    lowered = [bare(t) for t in texts]
    function_words = lists.articles | lists.determiners | lists.prepositions
    before_words = lists.conjunctions | lists.prepositions
    for k in range(1, n):
        before, after = texts[k - 1], texts[k]
        low_before = lowered[k - 1]
        found = []
        if sentence_end[k]:
            found.append(0)
        elif ends_clause(before):
            found.append(1)
        elif before in _DASHES or after in _DASHES or after[:1] in "—–":
            found.append(2)
        else:
            if low_before in function_words:
                found.append(3)
            elif low_before in lists.auxiliaries:
                found.append(4)
            elif low_before in lists.pronouns:
                found.append(5)
            elif low_before in lists.conjunctions:
                found.append(6)
            if not (k < 2 or sentence_end[k - 1]) and _capitalised(before) and _capitalised(after):
                found.append(7)
            if before[:1].isdigit() and _is_number(before) and (lowered[k] in lists.units or after[:1] in "%‰°"):
                found.append(8)
            if lowered[k] in before_words:
                found.append(9)
        if after[:1] in _OPENERS and not sentence_end[k]:
            found.append(9)
        if hints[k]:
            found.append(10)
        gap = gaps[k]
        for table, (per_second, cap), out in zip(tables, pauses, costs):
            cost = 0.0
            for feature in found:
                cost += table[feature]
            if gap > 0:
                cost += max(cap, per_second * gap / 1000.0)
            out[k] = cost
    return costs


def sentence_ends(texts: list[str], lists: WordLists) -> list[bool]:
    """``result[k]``: a sentence ends before word k."""
    ends = [False] * len(texts)
    for k in range(1, len(texts)):
        ends[k] = ends_sentence(texts[k - 1], lists)
    return ends


def available_languages() -> list[str]:
    folder = resources.files("scribekit.segment") / "data"
    return sorted(entry.name[:-5] for entry in folder.iterdir()
                  if entry.name.endswith(".json") and entry.name != "generic.json")


def guess_language(texts: list[str], sample: int = 3000) -> str | None:
    """The language whose function words make up most of the text, when one clearly does.

    For transcripts whose metadata does not say; looks at the first ``sample`` words.
    """
    words = [bare(t) for t in texts[:sample]]
    if len(words) < 20:
        return None
    scores = []
    for code in available_languages():
        lists = word_lists(code)
        vocabulary = lists.articles | lists.prepositions | lists.conjunctions | lists.pronouns | lists.auxiliaries
        scores.append((sum(1 for w in words if w in vocabulary) / len(words), code))
    scores.sort(reverse=True)
    (best, code), (second, _) = scores[0], scores[1]
    if best >= 0.15 and best >= 1.3 * second:
        return code
    return None
