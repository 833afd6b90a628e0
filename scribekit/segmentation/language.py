"""What a language says about where a subtitle may break: word lists from data files
(``data/<code>.json``), scripts written without spaces, and the cost of a cut at
each position between two words."""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import compress, count
from typing import NamedTuple

from . import accelerator

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
    genitive: frozenset[str] = frozenset()
    """Prepositions that tie a complement to the noun before ("of", "de", "van"): no reward for a cut before."""
    particles: frozenset[str] = frozenset()
    """Verb particles and separable prefixes that stand after their verb ("up", "an", "op"): a cut before one
    that ends a clause or is not followed by a noun phrase costs."""
    phrases: frozenset[str] = frozenset()
    """Fixed multi-word units, lowercased, words separated by one space ("according to", "parce que"):
    a cut inside one costs."""
    negation_open: frozenset[str] = frozenset()
    """The first word of a split negation ("ne", "n'"): a cut between it and a ``negation_close`` word
    within the next few words costs."""
    negation_close: frozenset[str] = frozenset()
    """The second word of a split negation ("pas", "jamais", "rien")."""


def language_code(language: str | None) -> str:
    """``en-GB``, ``en_US``, ``EN`` -> ``en``; None -> ``generic``."""
    if not language:
        return "generic"
    code = language.strip().lower().replace("_", "-").split("-")[0] or "generic"
    return _MACRO_LANGUAGES.get(code, code)


_MACRO_LANGUAGES = {"no": "nb"}
"""A macro-language's code -> the language whose lists stand for it (Norwegian -> Bokmål)."""


@cache
def word_lists(language: str | None) -> WordLists:
    """The word lists of ``language`` (a code such as ``en`` or ``fr-FR``), or the generic ones."""
    code = language_code(language)
    folder = resources.files("scribekit.segmentation") / "data"
    source = folder / f"{code}.json"
    if not source.is_file():
        source = folder / "generic.json"
    raw = json.loads(source.read_text(encoding="utf-8"))
    return WordLists(**{name: frozenset(_entry(w, name) for w in raw.get(name, []))
                        for name in WordLists.__dataclass_fields__})


def _entry(entry: str, category: str) -> str:
    """A list's entry as ``bare`` leaves a transcript's word ("l'" -> "l", "un po' di" -> "un po di");
    abbreviations keep their dot."""
    if category == "abbreviations":
        return entry.lower()
    return " ".join(bare(word) for word in entry.split(" "))


_UNSPACED_RANGES = ("\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uff60"
                    "\U00020000-\U0002fa1f")
UNSPACED = re.compile(f"[{_UNSPACED_RANGES}]")
"""Han, kana and their punctuation: scripts written without spaces between words."""
UNSPACED_PIECES = re.compile(f"[{_UNSPACED_RANGES}]|[^{_UNSPACED_RANGES}]+")
"""A character of those scripts, or a run of other characters (a Latin word amid Han)."""


@cache
def unspaced_runs(width: int) -> re.Pattern[str]:
    """Runs of at most ``width`` characters of those scripts, or runs of other characters."""
    return re.compile(f"[{_UNSPACED_RANGES}]{{1,{width}}}|[^{_UNSPACED_RANGES}]+")


def is_unspaced_script(char: str) -> bool:
    return UNSPACED.match(char) is not None


def bare(text: str) -> str:
    """A word lowercased without the punctuation around it (apostrophes inside stay, typographic
    ones as the plain one)."""
    return text.strip(_OPENERS + _CLOSERS + _SENTENCE_END + _CLAUSE_END + "-—–").lower().replace("’", "'")


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
    before_preposition: float = -1.5
    """A preposition starts a phrase of its own ("... / in Pakistan")."""
    before_genitive: float = 1.5
    """"of", "de", "van": the complement belongs to the noun before it."""
    before_particle: float = 6.0
    """A verb's particle ("woke / up", "ruft ... / an") cut off its verb."""
    before_determiner: float = -1.0
    """An article or determiner after a content word starts a noun phrase."""
    before_auxiliary: float = -1.0
    """An auxiliary or modal after a content word: subject / verb."""
    inside_phrase: float = 8.0
    """A fixed phrase cut ("according / to")."""
    inside_negation: float = 6.0
    """A split negation cut ("ne / ... pas")."""


CUE_WEIGHTS = Weights(before_conjunction=-6.0)
LINE_WEIGHTS = Weights(sentence_end=-9.0, clause_end=-6.0, pause_per_second=-2.0, pause_cap=-3.0,
                       source_cue_end=-2.0)


_FEATURES = ("sentence_end", "clause_end", "dash", "after_function_word", "after_auxiliary", "after_pronoun",
             "after_conjunction", "inside_name", "number_unit", "before_conjunction", "before_conjunction",
             "source_cue_end", "before_preposition", "before_genitive", "before_particle", "before_determiner",
             "before_auxiliary")
"""The signs of a cut, one bit each in this order (an opening bracket or quote after the cut
weighs like a conjunction, so that name comes twice); _core.c reads the Weights by these names
in the same order."""
_SENTENCE, _CLAUSE, _DASH = 1, 2, 4
_FUNCTION_WORD, _AUXILIARY, _PRONOUN, _CONJUNCTION = 8, 16, 32, 64
_INSIDE_NAME, _NUMBER_UNIT, _BEFORE_CONJUNCTION, _OPENER_AFTER, _SOURCE_CUE_END = 128, 256, 512, 1024, 2048
_BEFORE_PREPOSITION, _BEFORE_GENITIVE, _BEFORE_PARTICLE, _BEFORE_DETERMINER, _BEFORE_AUXILIARY = (
    4096, 8192, 16384, 32768, 65536)


@dataclass(frozen=True, slots=True)
class WordProfile:
    """What one word says about a cut next to it."""

    ends_sentence: bool
    ends_clause: bool
    is_dash: bool
    category: int
    """_FUNCTION_WORD .. _CONJUNCTION for a cut after it, else 0."""
    capitalised: bool
    is_number: bool
    starts_dash: bool
    is_unit: bool
    """A unit or a sign such as % after a number."""
    joins_next_clause: bool
    """A conjunction: a cut before it is a good place."""
    opens: bool
    is_preposition: bool = False
    """A preposition other than a genitive one: a cut before it is a fair place."""
    is_genitive: bool = False
    is_particle: bool = False
    """May be a verb's particle (see ``WordLists.particles``)."""
    starts_noun_phrase: bool = False
    """An article or a determiner."""
    closes_negation: bool = False
    opens_negation: bool = False
    word: str = ""
    """The word lowercased without the punctuation around it (``bare``)."""
    stop: int = 0
    """What ends with the word: 2 a sentence, 1 a clause (or the word is a dash), else 0."""
    bits: int = 0
    """The fields above as the bits _core.c reads (_BITS)."""

    def __post_init__(self) -> None:
        bits = self.category
        for name, bit in _BITS.items():
            if getattr(self, name):
                bits |= bit
        object.__setattr__(self, "bits", bits)
        object.__setattr__(self, "stop", 2 if self.ends_sentence else int(self.ends_clause or self.is_dash))


_BITS = {"ends_clause": 1, "is_dash": 2, "capitalised": 128, "is_number": 256, "starts_dash": 512, "is_unit": 1024,
         "joins_next_clause": 2048, "opens": 4096, "is_preposition": 8192, "is_genitive": 16384,
         "is_particle": 32768, "starts_noun_phrase": 65536, "closes_negation": 131072}
"""Bits of a word's profile for the C core; bits 8..64 hold its category."""


def _profile(text: str, lists: WordLists, function_words: frozenset[str]) -> WordProfile:
    low = bare(text)
    if low in function_words:
        category = _FUNCTION_WORD
    elif low in lists.auxiliaries:
        category = _AUXILIARY
    elif low in lists.pronouns:
        category = _PRONOUN
    elif low in lists.conjunctions:
        category = _CONJUNCTION
    else:
        category = 0
    # What a cut before the word weighs comes from its head when an elided word is joined to it
    # ("qu'il", "l'homme", "dell'anno"); a cut after it weighs the whole word.
    head, apostrophe, rest = low.partition("'")
    first = head if apostrophe and rest and (head in function_words or head in lists.conjunctions
                                             or head in lists.negation_open) else low
    return WordProfile(
        ends_sentence=ends_sentence(text, lists), ends_clause=ends_clause(text), is_dash=text in _DASHES,
        category=category, capitalised=_capitalised(text), is_number=text[:1].isdigit() and _is_number(text),
        starts_dash=text in _DASHES or text[:1] in "—–", is_unit=low in lists.units or text[:1] in "%‰°",
        joins_next_clause=first in lists.conjunctions, opens=text[:1] in _OPENERS,
        is_preposition=first in lists.prepositions and first not in lists.genitive,
        is_genitive=first in lists.genitive, is_particle=low in lists.particles,
        starts_noun_phrase=first in lists.articles or first in lists.determiners,
        closes_negation=low in lists.negation_close, opens_negation=first in lists.negation_open, word=low)


_PROFILE_CACHE_SIZE = 200_000


@cache
def _phrase_pairs(lists: WordLists) -> frozenset[tuple[str, str]]:
    return frozenset((first, second) for first, seconds in _phrase_tails(lists).items() for second in seconds)


@cache
def _phrase_tails(lists: WordLists) -> dict[str, dict[str, tuple[tuple[str, ...], ...]]]:
    """Each phrase's first word -> its second word -> the words after those two, longest first."""
    tails: dict[str, dict[str, list[tuple[str, ...]]]] = {}
    for phrase in lists.phrases:
        first, *rest = phrase.split(" ")
        if rest:
            tails.setdefault(first, {}).setdefault(rest[0], []).append(tuple(rest[1:]))
    return {first: {second: tuple(sorted(found, key=len, reverse=True)) for second, found in seconds.items()}
            for first, seconds in tails.items()}


@cache
def _profile_cache(lists: WordLists) -> dict[str, WordProfile]:
    return {}


def word_profiles(texts: Sequence[str], lists: WordLists) -> list[WordProfile]:
    """Each word's profile, from a cache per language (transcripts repeat their words)."""
    known = _profile_cache(lists)
    if len(known) > _PROFILE_CACHE_SIZE:
        known.clear()
    profiles = []
    function_words = lists.articles | lists.determiners | lists.prepositions | lists.genitive
    for text in texts:
        found = known.get(text)
        if found is None:
            found = known[text] = _profile(text, lists, function_words)
        profiles.append(found)
    return profiles


_ENDS_SENTENCE_CODE, _OPENS_NEGATION_CODE, _PHRASE_SHIFT = 1 << 18, 1 << 19, 20
"""A word's code for the C core (``Lexicon``): its profile's ``bits``, these two bits, and from bit 20 its
bare form's number among the words of the fixed phrases plus 1 (0: in none)."""


class Lexicon(NamedTuple):
    """A language's word lists as the C core's ``segment_turn`` reads them."""

    codes: dict[str, int]
    """A word's text -> its code (filled by ``code`` as texts come)."""
    code: Callable[[str], int]
    """Makes the code of a text and keeps it in ``codes``."""
    phrases: dict[int, tuple[tuple[int, ...], ...]]
    """A phrase's first two words' numbers (first << 20 | second) -> the numbers of the words after
    them, longest first (``_phrase_tails``)."""


@cache
def lexicon(lists: WordLists) -> Lexicon:
    """``lists`` for the C core, made once per language."""
    numbers: dict[str, int] = {}

    def number(word: str) -> int:
        return numbers.setdefault(word, len(numbers))

    phrases = {number(first) << 20 | number(second): tuple(tuple(map(number, rest)) for rest in rests)
               for first, seconds in _phrase_tails(lists).items() for second, rests in seconds.items()}
    codes: dict[str, int] = {}
    function_words = lists.articles | lists.determiners | lists.prepositions | lists.genitive

    def code(text: str) -> int:
        if len(codes) > _PROFILE_CACHE_SIZE:
            codes.clear()
        profile = _profile(text, lists, function_words)
        made = codes[text] = (profile.bits | _ENDS_SENTENCE_CODE * profile.ends_sentence
                              | _OPENS_NEGATION_CODE * profile.opens_negation
                              | (numbers.get(profile.word, -1) + 1) << _PHRASE_SHIFT)
        return made

    return Lexicon(codes, code, phrases)


class CutCosts(NamedTuple):
    """The cost of a cut before each word k (k = 1 .. n-1; index 0 unused)."""

    cue: list[float]
    """Ending a cue there (``CUE_WEIGHTS``)."""
    line: list[float]
    """Breaking a row there (``LINE_WEIGHTS``)."""


def cut_costs(profiles: list[WordProfile], gaps: list[int], hints: list[bool], sentence_end: list[bool], *,
              compiled: bool = False, lists: WordLists | None = None) -> CutCosts:
    """The cost of a cue break and of a line break before each word.

    ``profiles`` are the words' (``word_profiles``); ``gaps[k]`` is the silence in
    ms before word k; ``hints[k]`` says the source had a cue boundary there;
    ``sentence_end`` is what ``sentence_ends`` gives. ``compiled``: in the C core,
    with the same result (the segmenter decides so for a whole turn, after
    ``accelerator.fits``). With the language's ``lists``, cuts inside its fixed phrases
    and split negations cost too (``lexical_costs``).
    """
    weights = (CUE_WEIGHTS, LINE_WEIGHTS)
    costs: list[list[float]]
    if compiled:
        assert accelerator.core is not None
        cue, line = accelerator.core.cut_costs(bits=[profile.bits for profile in profiles],
                                               sentence_end=sentence_end, hints=hints, gaps=gaps, weights=weights)
        costs = [cue, line]
    else:
        signs = [cut_signs(profiles, sentence_end, hints, k) for k in range(1, len(profiles))]
        silences = [max(gap, 0) for gap in gaps[1:]]  # words that overlap make no pause
        first = [0.0] if profiles else []  # no cut before the first word
        costs = []
        for w in weights:
            feature_weights = [getattr(w, name) for name in _FEATURES]
            # a turn has few distinct sets of signs: each summed once
            sums = {sign: _sum_signs(sign, feature_weights) for sign in set(signs)}
            costs.append(first + [sums[sign] + max(w.pause_cap, w.pause_per_second * silence / 1000.0)
                                  for sign, silence in zip(signs, silences)])
    if lists is not None:
        for k, phrase, negation in lexical_costs(profiles, sentence_end, lists):
            for out, table in zip(costs, weights):
                out[k] += phrase * table.inside_phrase + negation * table.inside_negation
    return CutCosts(*costs)


def cut_signs(profiles: Sequence[WordProfile], sentence_end: Sequence[bool], hints: Sequence[bool], k: int) -> int:
    """The signs (bits of ``_FEATURES``) of a cut before word k; _core.c's cut_costs mirrors this."""
    before, after = profiles[k - 1], profiles[k]
    if sentence_end[k]:
        signs = _SENTENCE
    elif before.ends_clause:
        signs = _CLAUSE
    elif before.is_dash or after.starts_dash:
        signs = _DASH
    else:
        signs = before.category
        if before.is_particle and _closes_particle(after):  # "gave up | and": the particle closes its verb phrase
            signs = 0
        content_before = signs == 0
        if k >= 2 and not sentence_end[k - 1] and before.capitalised and after.capitalised:
            signs |= _INSIDE_NAME
        if before.is_number and after.is_unit:
            signs |= _NUMBER_UNIT
        if after.joins_next_clause:
            signs |= _BEFORE_CONJUNCTION
        elif after.is_particle and (content_before or before.category == _PRONOUN) \
                and _particle_ends(profiles, sentence_end, k):
            signs |= _BEFORE_PARTICLE
        elif after.is_preposition:
            signs |= _BEFORE_PREPOSITION
        elif after.is_genitive:
            signs |= _BEFORE_GENITIVE
        elif content_before and after.starts_noun_phrase:
            signs |= _BEFORE_DETERMINER
        elif content_before and after.category == _AUXILIARY and not after.closes_negation:
            signs |= _BEFORE_AUXILIARY
    if after.opens and not sentence_end[k]:
        signs |= _OPENER_AFTER
    if hints[k]:
        signs |= _SOURCE_CUE_END
    return signs


_REASONS = {"sentence_end": "sentence end", "clause_end": "clause end", "dash": "dash",
            "after_function_word": "after an article, determiner or preposition",
            "after_auxiliary": "after an auxiliary",
            "after_pronoun": "after a pronoun", "after_conjunction": "after a conjunction",
            "inside_name": "inside a name", "number_unit": "between a number and its unit",
            "before_conjunction": "before a conjunction", "source_cue_end": "a cue ended here in the source",
            "before_preposition": "before a preposition", "before_genitive": "before a genitive (of, de, van)",
            "before_particle": "before a verb's particle", "before_determiner": "before an article or determiner",
            "before_auxiliary": "before an auxiliary", "inside_phrase": "inside a fixed phrase",
            "inside_negation": "inside a split negation"}
"""What each weight of ``Weights`` says, in words (``cut_reasons``)."""


def cut_reasons(profiles: Sequence[WordProfile], sentence_end: Sequence[bool], hints: Sequence[bool],
                gaps: Sequence[int], lexical: dict[int, tuple[int, int]], weights: Weights,
                k: int) -> list[tuple[str, float]]:
    """What the cost of a cut before word k is made of under ``weights``: (reason, cost) pairs that
    add up to the cost ``cut_costs`` gives (``lexical``: ``lexical_costs`` by cut)."""
    signs = cut_signs(profiles, sentence_end, hints, k)
    reasons = []
    for bit, name in enumerate(_FEATURES):
        if signs & (1 << bit):
            label = "before a bracket or quote" if 1 << bit == _OPENER_AFTER else _REASONS[name]
            reasons.append((label, getattr(weights, name)))
    if gaps[k] > 0:
        reasons.append((f"pause of {gaps[k] / 1000:.2f} s",
                        max(weights.pause_cap, weights.pause_per_second * gaps[k] / 1000.0)))
    phrase, negation = lexical.get(k, (0, 0))
    if phrase:
        reasons.append((_REASONS["inside_phrase"], phrase * weights.inside_phrase))
    if negation:
        reasons.append((_REASONS["inside_negation"], negation * weights.inside_negation))
    return reasons


def _particle_ends(profiles: Sequence[WordProfile], sentence_end: Sequence[bool], k: int) -> bool:
    """Word k, a possible particle, belongs to the verb before it rather than starting a phrase: it ends
    a clause, a sentence or the turn, or a conjunction or a preposition follows ("she woke up.", "er
    ruft seine Mutter an.", "he gave up and left", "they grew up in Japan"; not "an der Tür"). Before
    other words a particle cannot be told from a preposition without knowing the verb ("op school",
    "på bordet")."""
    return profiles[k].ends_clause or k + 1 == len(profiles) or sentence_end[k + 1] \
        or _closes_particle(profiles[k + 1])


def _closes_particle(following: WordProfile) -> bool:
    """A word that shows the possible particle before it to be one: a conjunction (that is no article or
    determiner too, as German "der" is) or a preposition ("grew up | in Japan", "giving up | on it")."""
    return (following.joins_next_clause and not following.starts_noun_phrase) or following.is_preposition


_NEGATION_REACH = 4
"""Words from the opening word of a split negation to its closing one at most ("ne le lui dis pas")."""


def lexical_costs(profiles: Sequence[WordProfile], sentence_end: Sequence[bool],
                  lists: WordLists) -> list[tuple[int, int, int]]:
    """The cuts inside fixed phrases and split negations: (k, phrases, negations) for each cut
    before word k that falls inside any (a few per sentence at most, so found word by word)."""
    phrases: Counter[int] = Counter()
    negations: set[int] = set()
    tails = _phrase_tails(lists)
    n = len(profiles)
    words = [profile.word for profile in profiles]
    # the pairs of words that begin a phrase, found without a Python step per word
    for k in compress(count(), map(_phrase_pairs(lists).__contains__, zip(words, words[1:]))):
        if profiles[k].stop:
            continue
        for rest in tails[words[k]][words[k + 1]]:
            end = k + 1 + len(rest)
            # a phrase running past the last word compares shorter than its rest
            if tuple(words[k + 2:end + 1]) == rest and not any(profiles[m].stop for m in range(k + 1, end)):
                phrases.update(range(k + 1, end + 1))
                break
    for k in [k for k, profile in enumerate(profiles) if profile.opens_negation]:
        for m in range(k + 1, min(n, k + 1 + _NEGATION_REACH)):
            if sentence_end[m] or profiles[m - 1].ends_clause:
                break
            if profiles[m].closes_negation:
                negations.update(range(k + 1, m + 1))
                break
    return [(k, phrases[k], int(k in negations)) for k in sorted(phrases.keys() | negations)]


def _sum_signs(signs: int, table: list[float]) -> float:
    cost = 0.0
    for bit, weight in enumerate(table):
        if signs & (1 << bit):
            cost += weight
    return cost


def sentence_ends(profiles: list[WordProfile]) -> list[bool]:
    """``result[k]``: a sentence ends before word k (of the words with these ``profiles``)."""
    if not profiles:
        return []
    return [False] + [profile.ends_sentence for profile in profiles[:-1]]


def available_languages() -> list[str]:
    folder = resources.files("scribekit.segmentation") / "data"
    return sorted(entry.name[:-5] for entry in folder.iterdir()
                  if entry.name.endswith(".json") and entry.name != "generic.json")


@cache
def _vocabularies() -> dict[str, frozenset[str]]:
    """Each language's function words (articles, prepositions, conjunctions, pronouns, auxiliaries), as
    ``guess_language`` counts them; read once."""
    vocabularies = {}
    for code in available_languages():
        lists = word_lists(code)
        vocabularies[code] = lists.articles | lists.prepositions | lists.conjunctions | lists.pronouns \
            | lists.auxiliaries
    return vocabularies


def guess_language(texts: list[str], sample: int = 3000) -> str | None:
    """The language whose function words make up most of the text, when one clearly does.

    For transcripts whose metadata does not say; looks at the first ``sample`` words.
    """
    texts = texts[:sample]
    if len(texts) < 20:
        return None
    # how often each word comes (bare), so that a language's count is a sum over the words it shares with
    # the text; each distinct text made bare once
    strip = _OPENERS + _CLOSERS + _SENTENCE_END + _CLAUSE_END + "-—–"
    counts: dict[str, int] = {}
    for text, times in Counter(texts).items():
        word = text.strip(strip).lower().replace("’", "'")  # bare(text)
        counts[word] = counts.get(word, 0) + times
    seen = counts.keys()
    vocabularies = _vocabularies()
    scores = sorted(((sum(map(counts.__getitem__, vocabulary & seen)) / len(texts), code)
                     for code, vocabulary in vocabularies.items()), reverse=True)
    (best, code), (second, runner_up) = scores[0], scores[1]
    if best < 0.15:
        return None
    if best >= 1.3 * second:
        return code
    # Close relatives (Danish and Norwegian) share most function words: those only one of the two has decide.
    mine, theirs = vocabularies[code], vocabularies[runner_up]
    own = sum(map(counts.__getitem__, (mine - theirs) & seen))
    other = sum(map(counts.__getitem__, (theirs - mine) & seen))
    return code if own >= 3 and own >= 3 * other else None
