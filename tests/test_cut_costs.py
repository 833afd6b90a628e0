"""The cost of a cut before each word (language.cut_signs, cut_costs, lexical_costs): every sign of a cut
by a named case on real sentences, with the exact bits; the costs summed from the Weights exactly;
fixed phrases and split negations cut by cut; and the C core against the Python, bit for bit."""
from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scribekit.segmentation import accelerator
from scribekit.segmentation.language import (
    _AUXILIARY,
    _BEFORE_AUXILIARY,
    _BEFORE_CONJUNCTION,
    _BEFORE_DETERMINER,
    _BEFORE_GENITIVE,
    _BEFORE_PARTICLE,
    _BEFORE_PREPOSITION,
    _CLAUSE,
    _CONJUNCTION,
    _DASH,
    _FUNCTION_WORD,
    _INSIDE_NAME,
    _NUMBER_UNIT,
    _OPENER_AFTER,
    _PRONOUN,
    _SENTENCE,
    _SOURCE_CUE_END,
    CUE_WEIGHTS,
    LINE_WEIGHTS,
    WordLists,
    cut_costs,
    cut_signs,
    lexical_costs,
    sentence_ends,
    word_lists,
    word_profiles,
)


def _cut(text: str) -> tuple[list[str], int]:
    """The words of ``text`` and the index of the word after its ``|`` (the cut)."""
    words = text.split()
    k = words.index("|")
    return words[:k] + words[k + 1:], k


def _signs(language: str | None, text: str, hints: tuple[int, ...] = ()) -> int:
    words, k = _cut(text)
    profiles = word_profiles(words, word_lists(language))
    return cut_signs(profiles, sentence_ends(profiles), [i in hints for i in range(len(words))], k)


SIGN_CASES = {
    # the three kinds of stop, which leave out every other sign but an opener's and the source's
    "sentence end": ("en", "She left. | He stayed.", _SENTENCE),
    "sentence end before a conjunction": ("en", "She left. | And he stayed.", _SENTENCE),
    "an abbreviation's dot ends no sentence": ("en", "I met Mr. | Smith today", _INSIDE_NAME),
    "clause end": ("en", "Yes, | he did.", _CLAUSE),
    "clause end before a conjunction": ("en", "It was old, | but it worked.", _CLAUSE),
    "no clause end without its comma": ("en", "Yes | he did.", 0),
    "a dash after the cut": ("en", "Wait | — no", _DASH),
    "a word that starts with a dash after the cut": ("en", "Wait | –no", _DASH),
    "a dash before the cut ends a clause": ("en", "Wait — | no", _CLAUSE),
    # what the word before the cut is
    "after an article": ("en", "the | cat is here", _FUNCTION_WORD),
    "after an auxiliary": ("en", "the cat is | here", _AUXILIARY),
    "after a pronoun": ("en", "she | was here", _PRONOUN),
    "after a conjunction": ("en", "She gave up and | left.", _CONJUNCTION),
    "after a German article": ("de", "Das | Haus ist groß.", _FUNCTION_WORD),
    "after a French conjunction": ("fr", "un verre de vin et | 12 kilomètres", _CONJUNCTION),
    "after a plain word": ("en", "It costs | 12 apples", 0),
    # names: two capitalised words, not where a sentence starts
    "inside a name": ("en", "We met Anna | Schmidt in Berlin.", _INSIDE_NAME),
    "inside a name at the second cut": ("en", "Ask Anna | Schmidt.", _INSIDE_NAME),
    "no name at the first cut": ("en", "New | York is big", 0),
    "no name before one capitalised word": ("en", "We met | Anna Schmidt", 0),
    "no name where a sentence starts": ("en", "She woke up. Then | Anna Schmidt called.", 0),
    "a name right after a sentence's first word": ("en", "She woke up. Then Anna | Schmidt called.",
                                                   _INSIDE_NAME),
    "inside a name after an article": ("en", "I watched Call The | Midwife", _FUNCTION_WORD | _INSIDE_NAME),
    "inside a German name": ("de", "Das Haus von Anna | Schmidt", _INSIDE_NAME),
    # numbers and units
    "a number and its unit": ("en", "It weighs 12 | kg", _NUMBER_UNIT),
    "a number and a per cent sign": ("en", "It costs 5 | %.", _NUMBER_UNIT),
    "a number and a French unit": ("fr", "et 12 | kilomètres à pied", _NUMBER_UNIT),
    "a number without a unit": ("en", "It costs 12 | apples", 0),
    "a unit without a number": ("en", "It weighs | kg", 0),
    # before a conjunction
    "before a conjunction": ("en", "It weighs 12 kg | and costs more.", _BEFORE_CONJUNCTION),
    "a particle closed by a conjunction": ("en", "She gave up | and left.", _BEFORE_CONJUNCTION),
    "before a conjunction inside a name": ("en", "Harry Potter | And The Mayor", _INSIDE_NAME | _BEFORE_CONJUNCTION),
    "before a French conjunction": ("fr", "un verre de vin | et 12 kilomètres", _BEFORE_CONJUNCTION),
    # verb particles: after a content word or a pronoun, when the particle ends the verb phrase
    "a particle before a conjunction": ("en", "She gave | up and left.", _BEFORE_PARTICLE),
    "a particle that ends a sentence": ("en", "She woke | up. Then she left.", _BEFORE_PARTICLE),
    "a particle that ends a clause": ("en", "She woke | up, then left.", _BEFORE_PARTICLE),
    "a particle after a pronoun": ("en", "He looks it | up.", _PRONOUN | _BEFORE_PARTICLE),
    "a particle that ends the words": ("en", "Never Give | Up", _INSIDE_NAME | _BEFORE_PARTICLE),
    "a particle before a preposition": ("en", "They grew | up in Japan.", _BEFORE_PARTICLE),
    "a particle before more words is a preposition": ("en", "some of us looked | up the word", _BEFORE_PREPOSITION),
    "a particle after an auxiliary is a preposition": ("en", "the time was | up.", _AUXILIARY | _BEFORE_PREPOSITION),
    "a German separable prefix": ("de", "Er ruft seine Mutter | an.", _BEFORE_PARTICLE),
    "a German preposition before its article": ("de", "Sie steht | an der Tür.", _BEFORE_PREPOSITION),
    # prepositions and genitives
    "before a preposition": ("en", "We met Anna Schmidt | in Berlin.", _BEFORE_PREPOSITION),
    "before a preposition after an auxiliary": ("en", "she was | in Paris", _AUXILIARY | _BEFORE_PREPOSITION),
    "after a particle, before a preposition": ("en", "They grew up | in Japan.", _BEFORE_PREPOSITION),
    "before a genitive": ("en", "the price | of gold is high", _BEFORE_GENITIVE),
    "before a genitive after a determiner": ("en", "some | of us left", _FUNCTION_WORD | _BEFORE_GENITIVE),
    "before a German genitive": ("de", "Das Haus | von Anna Schmidt", _BEFORE_GENITIVE),
    "before a French genitive": ("fr", "un verre | de vin", _BEFORE_GENITIVE),
    # determiners and auxiliaries after a content word
    "before a determiner": ("de", "Er ruft | seine Mutter an.", _BEFORE_DETERMINER),
    "before a determiner inside a name": ("en", "I watched Call | The Midwife", _INSIDE_NAME | _BEFORE_DETERMINER),
    "before an article after a function word": ("en", "looked up | the word", _FUNCTION_WORD),
    "before an auxiliary": ("en", "the cat | is here", _BEFORE_AUXILIARY),
    "before an auxiliary inside a name": ("en", "My Heart | Will Go On", _INSIDE_NAME | _BEFORE_AUXILIARY),
    "before an auxiliary after a pronoun": ("en", "she | was here", _PRONOUN),
    "before a German auxiliary": ("de", "Das Haus | ist groß.", _BEFORE_AUXILIARY),
    "before a French auxiliary": ("fr", "Le chat | est ici.", _BEFORE_AUXILIARY),
    # an opening bracket or quote after the cut, unless a sentence ends there
    "an opener after a clause end": ("en", 'he said, | "yes" (maybe).', _CLAUSE | _OPENER_AFTER),
    "an opener after a word": ("en", 'he said, "yes" | (maybe).', _OPENER_AFTER),
    "no opener sign after a sentence end": ("en", 'He left. | "Why?" she asked.', _SENTENCE),
}


@pytest.mark.parametrize(("language", "text", "expected"), SIGN_CASES.values(), ids=SIGN_CASES.keys())
def test_each_sign_of_a_cut(language: str, text: str, expected: int) -> None:
    assert _signs(language, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("She left. | He stayed.", _SENTENCE),
    ("the | cat is here", _FUNCTION_WORD),
    ('he said, | "yes"', _CLAUSE | _OPENER_AFTER),
])
def test_a_cue_end_in_the_source_adds_its_sign_to_the_others(text: str, expected: int) -> None:
    k = _cut(text)[1]
    assert _signs("en", text, hints=(k,)) == expected | _SOURCE_CUE_END
    assert _signs("en", text, hints=(k - 1, k + 1)) == expected


def test_a_number_that_a_list_names_keeps_its_category_before_a_unit() -> None:
    """Signs add up: a number in a language's list of determiners is one before its unit too."""
    lists = WordLists(articles=frozenset(), determiners=frozenset({"1"}), prepositions=frozenset(),
                      pronouns=frozenset(), auxiliaries=frozenset(), conjunctions=frozenset(),
                      units=frozenset({"kg"}), abbreviations=frozenset())
    profiles = word_profiles(["only", "1", "kg"], lists)
    assert cut_signs(profiles, sentence_ends(profiles), [False] * 3, 2) == _FUNCTION_WORD | _NUMBER_UNIT


def _costs(texts: list[str], gaps: list[int], hints: list[bool], *, compiled: bool, language: str = "en",
           lexical: bool = False) -> tuple[list[float], list[float]]:
    lists = word_lists(language)
    profiles = word_profiles(texts, lists)
    cue, line = cut_costs(profiles, gaps, hints, sentence_ends(profiles), compiled=compiled,
                          lists=lists if lexical else None)
    return cue, line


def _compiled_too() -> list[bool]:
    return [False, True] if accelerator.core is not None else [False]


@pytest.mark.parametrize("compiled", _compiled_too())
def test_the_costs_are_the_signs_weights_plus_the_pause(compiled: bool) -> None:
    """Index 0 stays 0.0 whatever its gap and hint; a gap of 0 (or an overlap) adds nothing, a gap adds
    per_second * gap / 1000 down to the cap; the same signs cost the same."""
    texts = ["She", "left.", "He", "stayed", "and", "she", "left.", "She", "sat"]
    gaps = [700, 0, 500, 2000, 1, -300, 1200, 1199, 0]
    hints = [True, False, False, True, False, False, False, False, False]
    cue, line = _costs(texts, gaps, hints, compiled=compiled)
    c, li = CUE_WEIGHTS, LINE_WEIGHTS
    assert cue == [
        0.0,
        c.after_pronoun,
        c.sentence_end + c.pause_per_second * 0.5,
        c.after_pronoun + c.source_cue_end + c.pause_cap,  # 2 s: past the cap
        c.before_conjunction + c.pause_per_second * 1 / 1000,
        c.after_conjunction,  # an overlap is no pause
        c.after_pronoun + c.pause_cap,  # exactly at the cap (-10 per second, -12 at most)
        c.sentence_end + c.pause_per_second * 1199 / 1000,  # one ms short of it
        c.after_pronoun,
    ]
    assert line == [
        0.0,
        li.after_pronoun,
        li.sentence_end + li.pause_per_second * 0.5,
        li.after_pronoun + li.source_cue_end + li.pause_cap,
        li.before_conjunction + li.pause_per_second * 1 / 1000,
        li.after_conjunction,
        li.after_pronoun + li.pause_per_second * 1200 / 1000,  # the line's cap is -3
        li.sentence_end + li.pause_per_second * 1199 / 1000,
        li.after_pronoun,
    ]
    assert cue[1] == cue[8] == 6.0 and cue[2] == -19.0 and cue[3] == -16.0 and line[3] == 1.0


@pytest.mark.parametrize("compiled", _compiled_too())
def test_no_words_and_one_word_cost_nothing(compiled: bool) -> None:
    assert _costs([], [], [], compiled=compiled) == ([], [])
    assert _costs(["Hello."], [900], [True], compiled=compiled) == ([0.0], [0.0])


def test_without_the_core_the_costs_are_worked_out_in_python(monkeypatch: pytest.MonkeyPatch) -> None:
    """cut_costs works in Python unless asked for the core."""
    monkeypatch.setattr(accelerator, "core", None)
    lists = word_lists("en")
    profiles = word_profiles(["the", "cat"], lists)
    assert cut_costs(profiles, [0, 0], [False, False], sentence_ends(profiles)) == (
        [0.0, CUE_WEIGHTS.after_function_word], [0.0, LINE_WEIGHTS.after_function_word])


@pytest.mark.parametrize("compiled", _compiled_too())
def test_fixed_phrases_and_split_negations_add_their_weights(compiled: bool) -> None:
    """With the language's lists, a cut inside a fixed phrase costs inside_phrase more (twice inside two),
    one inside a split negation inside_negation more; the other cuts cost the same."""
    cases = [
        ("fr", "Il ne sait pas, par exemple, pourquoi.", {2: (0, 1), 3: (0, 1), 5: (1, 0)}),
        ("en", "We waited for a while.", {3: (1, 0), 4: (2, 0)}),
    ]
    for language, text, lexical in cases:
        texts = text.split()
        n = len(texts)
        gaps = [0, 300] * (n // 2) + [0] * (n % 2)
        plain = _costs(texts, gaps, [False] * n, compiled=compiled, language=language)
        costs = _costs(texts, gaps, [False] * n, compiled=compiled, language=language, lexical=True)
        for weights, with_lists, without in zip((CUE_WEIGHTS, LINE_WEIGHTS), costs, plain):
            for k in range(n):
                phrase, negation = lexical.get(k, (0, 0))
                assert with_lists[k] == without[k] + phrase * weights.inside_phrase \
                    + negation * weights.inside_negation
            assert all(without[k] != 0 for k in lexical)


def _lexical(language: str, text: str) -> list[tuple[int, int, int]]:
    lists = word_lists(language)
    profiles = word_profiles(text.split(), lists)
    return lexical_costs(profiles, sentence_ends(profiles), lists)


LEXICAL_CASES = {
    # fixed phrases: each cut inside one, counted once a phrase
    "a two-word phrase": ("en", "Yes, according to the plan.", [(2, 1, 0)]),
    "a three-word phrase": ("fr", "Le chat est ici, à cause de toi.", [(5, 1, 0), (6, 1, 0)]),
    "the longest phrase of one start": ("fr", "Il y a un peu de vin.", [(1, 1, 0), (2, 1, 0), (4, 1, 0), (5, 1, 0)]),
    "overlapping phrases count twice": ("en", "We waited for a while.", [(3, 1, 0), (4, 2, 0)]),
    "a phrase at the very end": ("en", "We waited for a while", [(3, 1, 0), (4, 2, 0)]),
    "a two-word phrase at the very end": ("en", "I did it as well", [(4, 1, 0)]),
    "a phrase cut short by the end": ("en", "we waited for a", []),
    "a phrase's start without its rest": ("en", "the books are in order now", []),
    "a phrase broken by a sentence end": ("en", "We sat in front. Of course, it was loud.", [(5, 1, 0)]),
    "a phrase whose first word ends a sentence": ("en", "I told you so. That is kind of sad.", [(7, 1, 0)]),
    "a German phrase": ("de", "Sie gab ein bisschen Geld aus.", [(3, 1, 0)]),
    "no phrase in a language without lists": ("generic", "according to the plan", []),
    # split negations: every cut from the opening word to the closing one
    "ne ... pas": ("fr", "Je ne sais pas.", [(2, 0, 1), (3, 0, 1)]),
    "ne pas side by side": ("fr", "Il préfère ne pas venir.", [(3, 0, 1)]),
    "an elided ne": ("fr", "Je n'ai rien vu.", [(2, 0, 1)]),
    "a closing word before the ne": ("fr", "Rien ne va plus.", [(2, 0, 1), (3, 0, 1)]),
    "a negation at the reach": ("fr", "Il ne le lui dis pas.", [(2, 0, 1), (3, 0, 1), (4, 0, 1), (5, 0, 1)]),
    "a negation beyond the reach": ("fr", "Je ne le lui en donne pas.", []),
    "a negation broken by a clause end": ("fr", "Il ne voulait, je crois, rien.", []),
    "a negation broken by a sentence end": ("fr", "Il ne vient. Pas question.", []),
    "a clause end before the ne": ("fr", "Mais, ne pleure pas.", [(2, 0, 1), (3, 0, 1)]),
    "a clause end after the closing word": ("fr", "Je ne sais pas, non.", [(2, 0, 1), (3, 0, 1)]),
    "a sentence end before the ne": ("fr", "Oui. Je ne sais pas.", [(3, 0, 1), (4, 0, 1)]),
    "a broken negation, then a whole one": ("fr", "Il ne voulait, je crois, rien, et je ne sais pas pourquoi.",
                                           [(9, 0, 1), (10, 0, 1)]),
    "two negations": ("fr", "Je ne sais pas, mais je ne veux rien.", [(2, 0, 1), (3, 0, 1), (7, 0, 1), (8, 0, 1)]),
    "a ne at the end": ("fr", "Il ne", []),
    "a ne with no closing word": ("fr", "Il ne le voit", []),
    "a phrase inside a negation": ("fr", "Il ne sait pas, par exemple, pourquoi.", [(2, 0, 1), (3, 0, 1), (5, 1, 0)]),
}


@pytest.mark.parametrize(("language", "text", "expected"), LEXICAL_CASES.values(), ids=LEXICAL_CASES.keys())
def test_the_cuts_inside_phrases_and_negations(language: str, text: str, expected: list[tuple[int, int, int]]) -> None:
    assert _lexical(language, text) == expected


def _require_core() -> None:
    if accelerator.core is None:
        reason = ("the segmenter's C core is not built (no C compiler when the package was installed, "
                  "or SCRIBEKIT_PURE_PYTHON is set)")
        if os.environ.get("SCRIBEKIT_REQUIRE_CORE"):
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)


LANGUAGES = ["en", "de", "fr", "nl", "sv", "it", "es"]


def _pool() -> list[str]:
    """Words of every list of several languages (some of each), as they come in a transcript: plain,
    capitalised, before a comma or a full stop; and numbers, units, names, dashes, brackets, quotes."""
    words = {"12", "3.5", "1990.", "%", "5%", "°C", "Anna", "Schmidt", "Berlin", "—", "–", "-", "--", "–word",
             "(maybe)", '"yes"', "«quoi»", "Mr.", "J.", "etc.", "cat", "house", "left.", "why?", "wow…", "and,"}
    for language in LANGUAGES:
        lists = word_lists(language)
        for name in ("articles", "determiners", "prepositions", "pronouns", "auxiliaries", "conjunctions",
                     "units", "genitive", "particles", "negation_open", "negation_close"):
            words.update(sorted(getattr(lists, name))[:6])
        for phrase in sorted(lists.phrases)[:8]:
            words.update(phrase.split(" "))
    return sorted(words | {w.capitalize() for w in words} | {w + "," for w in words} | {w + "." for w in words})


POOL = _pool()


@settings(max_examples=150, deadline=None)
@given(language=st.sampled_from([*LANGUAGES, None]),
       words=st.lists(st.tuples(st.sampled_from(POOL), st.sampled_from([-300, 0, 0, 0, 1, 400, 1200, 5000]),
                                st.booleans()), max_size=30))
def test_the_core_costs_the_cuts_as_the_python_does(language: str | None,
                                                    words: list[tuple[str, int, bool]]) -> None:
    _require_core()
    lists = word_lists(language)
    profiles = word_profiles([text for text, _, _ in words], lists)
    gaps = [gap for _, gap, _ in words]
    hints = [hint for _, _, hint in words]
    ends = sentence_ends(profiles)
    compiled = cut_costs(profiles, gaps, hints, ends, compiled=True, lists=lists)
    assert compiled == cut_costs(profiles, gaps, hints, ends, compiled=False, lists=lists)


VOCABULARY = ["1", "12", "kg", "%", "up", "of", "the", "in", "and", "der", "he", "is", "ne", "n'a", "pas", "rien",
              "anna", "so", "that", "kind", "house", "—", "(so)", "mr."]
"""Words for lists made up of them: every word may stand in any list, and in phrases of any two or three."""
FIELDS = ("articles", "determiners", "prepositions", "pronouns", "auxiliaries", "conjunctions", "units",
          "abbreviations", "genitive", "particles", "negation_open", "negation_close")


@st.composite
def made_up_lists(draw: st.DrawFn) -> WordLists:
    some = st.frozensets(st.sampled_from(VOCABULARY), max_size=5)
    phrases = st.frozensets(st.lists(st.sampled_from(VOCABULARY), min_size=2, max_size=3).map(" ".join), max_size=6)
    return WordLists(**{name: draw(some) for name in FIELDS}, phrases=draw(phrases))


@settings(max_examples=100, deadline=None)
@given(lists=made_up_lists(),
       words=st.lists(st.tuples(st.sampled_from(VOCABULARY), st.sampled_from(["", ",", ".", "?"]),
                                st.booleans(), st.sampled_from([-300, 0, 0, 1, 400, 5000]), st.booleans()),
                      max_size=30))
def test_the_core_costs_the_cuts_as_the_python_does_whatever_the_lists(
        lists: WordLists, words: list[tuple[str, str, bool, int, bool]]) -> None:
    """Any word may be in any list (a number a determiner, a particle an auxiliary): the signs still agree."""
    _require_core()
    texts = [(word.capitalize() if capital else word) + mark for word, mark, capital, _, _ in words]
    profiles = word_profiles(texts, lists)
    gaps = [gap for *_, gap, _ in words]
    hints = [hint for *_, hint in words]
    ends = sentence_ends(profiles)
    compiled = cut_costs(profiles, gaps, hints, ends, compiled=True, lists=lists)
    assert compiled == cut_costs(profiles, gaps, hints, ends, compiled=False, lists=lists)
