"""The segmenter's C core (segmentation/_core.c) against its Python reference: the same cut
costs, the same cues and line breaks, bit for bit, whatever the words and the limits."""
from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import segment_limits

from scribekit import ScribekitWarning, Segment, SegmentOptions, Word, WriteError, load, segment
from scribekit.segmentation import accelerator, as_words, segmenter
from scribekit.segmentation.language import cut_costs, sentence_ends, word_lists, word_profiles

if accelerator.core is None:
    reason = ("the segmenter's C core is not built (no C compiler when the package was installed, "
              "or SCRIBEKIT_PURE_PYTHON is set)")
    if os.environ.get("SCRIBEKIT_REQUIRE_CORE"):
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason, allow_module_level=True)

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

# Words that set off every sign of a cut: sentence and clause ends, abbreviations, initials,
# dashes, brackets and quotes, numbers and units, names, function words, unspaced scripts,
# particles, fixed phrases, split negations, and words longer than any row.
TOKENS = ["the", "The", "a", "of", "and", "and,", "but.", "Mr.", "J.", "Smith", "Amsterdam", "12", "12,5", "%",
          "km", "3.5", "kg", "--", "—", "–word", "(hello)", "«quoi»", "¿Qué?", "¡Hola!", "東京は", "「晴れ」", "です。",
          ",", ";", "1990.", "is", "was", "he", "because", "to", "in", "I'm", "don't", '"', ")", "(", "°C", "5%",
          "etc.", "Zürich", "naïve", "Übermorgen", "x" * 45, "sehr", "ist", "le", "de", "et", "up", "up.", "out,",
          "according", "because", "ne", "n'", "pas", "jamais", "an.", "auf", "parce", "que", "von", "my"]
# Words of the lists of other languages too (fixed phrases and negations of each), words with space
# around them, and words that are only space (left out).
MORE_TOKENS = ["a", "causa", "di", "non", "mai", "nicht", "mehr", "zum", "Beispiel", "no", "nunca", "sin",
               "embargo", "al", "menos", "ten", "minste", "niet", "meer", "du", "tout", "il", "n'a", "rien",
               "vous", "à", "cause", "de", "la", "bien", "sûr", " word ", "\tand", "  ", "", "\u3000", "um\u3000",
               "d'accord,", "c'est-à-dire", "in", "front", "of", "as", "well", "so", "that", "e.g.", "Dr.", "2.",
               "well?", "hey!", "wow…"]


@st.composite
def turns(draw: st.DrawFn) -> Segment:
    words = []
    t = draw(st.integers(0, 5000))
    for _ in range(draw(st.integers(1, 60))):
        duration = draw(st.sampled_from([0, 1, 120, 400, 1500, 9000]))
        start = max(t - draw(st.sampled_from([0, 0, 0, 50, 300])), 0)  # some overlap the word before
        cue_end = draw(st.integers(0, 7)) == 0
        words.append(Word(draw(st.sampled_from(TOKENS)), start, start + duration, cue_end=cue_end))
        t += duration + draw(st.sampled_from([0, 0, 40, 300, 2500]))
    return Segment("spk1", words)


def _both(monkeypatch: pytest.MonkeyPatch, run):  # type: ignore[no-untyped-def]
    compiled = run()
    monkeypatch.setattr(accelerator, "core", None)
    reference = run()
    monkeypatch.undo()
    return compiled, reference


PLAN_INPUTS = dict(turn=turns(), options=segment_limits, language=st.sampled_from(["en", "fr", "de", "ja", None]),
                   boundary=st.sampled_from([segmenter.BOUNDARY_COST_LIMIT, None, -5.0]))


def _check_plans_alike(turn: Segment, options: SegmentOptions, language: str | None, boundary: float | None) -> None:
    words = segmenter._turn(turn)
    profiles = word_profiles(words.texts, word_lists(language))
    ends = sentence_ends(profiles)
    hints = [False] + words.hints[:-1]
    lists = word_lists(language)
    costs = cut_costs(profiles, words.gaps(), hints, ends, compiled=True, lists=lists)
    assert costs == cut_costs(profiles, words.gaps(), hints, ends, compiled=False, lists=lists)
    limits = segmenter.Limits.of(options)
    inside = segmenter.inside_units(profiles)
    compiled = segmenter._plan_compiled(words, limits, costs.cue, costs.line, inside, boundary)
    reference = segmenter._plan(words, limits, costs.cue, costs.line, inside, boundary)
    assert compiled == reference
    if reference is not None:  # the plan covers every word once, in order
        assert reference[0][0] == 0 and reference[-1][-1] == len(words.texts)
        assert all(a[-1] == b[0] for a, b in zip(reference, reference[1:]))


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(**PLAN_INPUTS)
def test_the_core_plans_the_cues_and_lines_the_python_plans(turn: Segment, options: SegmentOptions,
                                                            language: str | None, boundary: float | None) -> None:
    _check_plans_alike(turn, options, language, boundary)


@settings(max_examples=40, deadline=None)
@given(**PLAN_INPUTS)
def test_a_few_turns_are_planned_alike_by_the_core_and_the_python(turn: Segment, options: SegmentOptions,
                                                                  language: str | None,
                                                                  boundary: float | None) -> None:
    """The comparison above on fewer turns, for the fast set and the segmenter's mutation testing
    (tests/mutation/targets.toml), which leave slow tests out."""
    _check_plans_alike(turn, options, language, boundary)


@st.composite
def transcripts(draw: st.DrawFn) -> list[Segment]:
    """Turns of several speakers, some of them with sound events amid the speech, words of several
    languages, and now and then a time beyond what the core takes or a word of an unspaced script."""
    segments = []
    t = draw(st.integers(0, 5000))
    for _ in range(draw(st.integers(1, 5))):
        words = []
        for _ in range(draw(st.integers(0, 40))):
            duration = draw(st.sampled_from([0, 1, 120, 400, 1500, 9000]))
            start = max(t - draw(st.sampled_from([0, 0, 0, 50, 300, 2000])), 0)
            text = draw(st.sampled_from(TOKENS + MORE_TOKENS))
            sound = draw(st.integers(0, 9)) == 0
            words.append(Word(f"[{text.strip() or 'music'}]" if sound else text, start, start + duration,
                              cue_end=draw(st.integers(0, 7)) == 0, sound=sound))
            t += duration + draw(st.sampled_from([0, 0, 40, 300, 2500]))
        if words and draw(st.integers(0, 9)) == 0:  # a word that ends before the turn's floor
            words[0] = Word(words[0].text, max(words[0].start - 5000, 0), max(words[0].end - 5000, 0))
        segments.append(Segment(draw(st.sampled_from(["a", "b", None])), words))
    return segments


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(segments=transcripts(), options=segment_limits,
       language=st.sampled_from(["en", "fr", "de", "es", "it", "nl", "ja", None]),
       dashes=st.booleans())
def test_a_turn_cut_by_the_core_in_one_call_is_cut_as_the_python_cuts_it(
        segments: list[Segment], options: SegmentOptions, language: str | None, dashes: bool) -> None:
    """segment_turn (the turn's words, profiles, cut costs, fixed phrases, negations and plan in one
    call) against the Python, step by step: the same cues, lines, times and words."""
    import dataclasses

    options = dataclasses.replace(options, language=language, dialogue_dashes=dashes)
    with warnings.catch_warnings(record=True) as compiled_warnings:
        warnings.simplefilter("always", ScribekitWarning)
        compiled = segment(segments, options)
    with pytest.MonkeyPatch.context() as monkeypatch, warnings.catch_warnings(record=True) as reference_warnings:
        monkeypatch.setattr(accelerator, "core", None)
        warnings.simplefilter("always", ScribekitWarning)
        reference = segment(segments, options)
    assert [(c.start, c.end, c.lines, c.speaker, c.words) for c in compiled] == \
        [(c.start, c.end, c.lines, c.speaker, c.words) for c in reference]
    assert [str(w.message) for w in compiled_warnings] == [str(w.message) for w in reference_warnings]


def test_segment_turn_leaves_unspaced_scripts_and_odd_times_to_the_python(monkeypatch: pytest.MonkeyPatch) -> None:
    """A turn goes to the core in one call; the core hands back (None) a turn with Han or kana, or with
    anything it does not take as given (a time that is no int within timecode.MAX_MS, a cue_end that is
    no bool), and the Python weighs and plans it (in C, step by step); a turn that mixes speech and sound
    events it hands back (False) to be cut in runs, each then cut in one call."""
    core = accelerator.core
    assert core is not None
    calls: list[tuple[str, Any]] = []

    class Recording:
        def segment_turn(self, **arguments: Any) -> Any:
            made = core.segment_turn(**arguments)
            calls.append(("segment_turn", made if made is None or made is False else len(made[0])))
            return made

        def plan(self, **arguments: Any) -> Any:
            calls.append(("plan", len(arguments["starts"])))
            return core.plan(**arguments)

        def cut_costs(self, **arguments: Any) -> Any:
            calls.append(("cut_costs", len(arguments["gaps"])))
            return core.cut_costs(**arguments)

    def turn(speaker: str, start: int, text: str) -> Segment:
        return Segment(speaker, [Word(w, start + k * 400, start + k * 400 + 300) for k, w in enumerate(text.split())])

    odd = turn("c", 4000, "four five")
    odd.words[0].cue_end = 1  # type: ignore[assignment]
    mixed = turn("e", 6000, "six seven eight nine")
    mixed.words[2].sound = True  # a sound event amid the speech: three runs, each cut in one call
    turns = [turn("a", 0, "one two three"), turn("b", 2000, "東京 は 晴れ"), odd, Segment("d", [Word(" ", 5000, 5100)]),
             mixed]
    reference = segment(turns, SegmentOptions(min_duration=None))
    monkeypatch.setattr(accelerator, "core", Recording())
    assert segment(turns, SegmentOptions(min_duration=None)) == reference
    assert calls == [("segment_turn", 1), ("segment_turn", None), ("cut_costs", 5), ("plan", 5),
                     ("segment_turn", None), ("cut_costs", 2), ("plan", 2), ("segment_turn", 0),  # (cues)
                     ("segment_turn", False), ("segment_turn", 1), ("segment_turn", 1), ("segment_turn", 1)]


@pytest.mark.parametrize("sample", ["amberscript/interview.json", "happyscribe/interview.json",
                                    "languages/greetings.json", "subtitles/interview.srt"])
def test_a_sample_is_cut_alike_with_and_without_the_core(sample: str, monkeypatch: pytest.MonkeyPatch) -> None:
    transcript = as_words(load(SAMPLES / sample))
    options = SegmentOptions(max_chars_per_row=32, max_cps=17)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        compiled, reference = _both(monkeypatch, lambda: segment(transcript.segments, options))
    assert [(c.start, c.end, c.lines) for c in compiled] == [(c.start, c.end, c.lines) for c in reference]
    assert len(compiled) > 3


def test_the_core_takes_named_arguments_and_refuses_inputs_of_different_lengths() -> None:
    assert accelerator.core is not None
    arguments = {"lengths": [1, 2], "joined": [0, 0], "starts": [0, 10], "ends": [5, 20], "cue_cut": [0.0, 0.0],
                 "line_cut": [0.0, 0.0], "inside_units": [0, 0], "limits": segmenter.Limits.of(SegmentOptions()),
                 "prices": segmenter.Prices.for_rows(42), "boundary_cost_limit": None}
    assert accelerator.core.plan(**arguments) == [(0, 2)]
    with pytest.raises(ValueError, match="starts"):
        accelerator.core.plan(**{**arguments, "starts": [0]})
    with pytest.raises(TypeError, match="positional"):
        accelerator.core.plan(*arguments.values())
    with pytest.raises(TypeError, match="'prices'"):
        accelerator.core.plan(**{name: value for name, value in arguments.items() if name != "prices"})
    with pytest.raises(AttributeError, match="cue"):
        accelerator.core.plan(**{**arguments, "prices": object()})


def test_very_wide_limits_make_long_cues_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows of 1,000 characters and no duration limit: cues of hundreds of words, whose line
    breaks the core plans in tables sized by the cue, not by the turn."""
    words = [Word(("word", "and", "the", "Name", "more")[k % 5], k * 300, k * 300 + 250) for k in range(600)]
    options = SegmentOptions(max_chars_per_row=1000, max_rows=3, max_duration=None, min_duration=None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        compiled, reference = _both(monkeypatch, lambda: segment([Segment(None, words)], options))
    assert [c.lines for c in compiled] == [c.lines for c in reference]
    assert max(len(" ".join(c.lines).split()) for c in compiled) > 100


def test_times_beyond_the_bound_are_refused_by_both_codes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A transcript built in Python may hold an absurd time (1e23 ms); beyond timing.MAX_MS (10^12 ms,
    the readers' bound too) the segmenter refuses it, with the core or without, instead of overflowing."""
    words = [Word(text, k * 400, k * 400 + 300) for k, text in enumerate("one two three four. five six".split())]
    words[4] = Word("five", 10 ** 23, 10 ** 23 + 300)
    words[5] = Word("six", 10 ** 23 + 400, 10 ** 23 + 700)
    for core in (accelerator.core, None):
        monkeypatch.setattr(accelerator, "core", core)
        with pytest.raises(WriteError, match="the words: a time of an integer of about 24 digits ms is out of range"):
            segment([Segment(None, words)], SegmentOptions())
    words[4:] = [Word("five", 10 ** 12, 10 ** 12)]
    assert segment([Segment(None, words)], SegmentOptions())[-1].start == 10 ** 12


def test_a_time_in_fractions_of_a_millisecond_is_cut_alike_with_and_without_the_core(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The model's times are whole milliseconds, but a program may build a Word with a float: the
    core, which takes integers, leaves such a turn to the Python rather than raising TypeError."""
    words = [Word(text, k * 400, k * 400 + 300.5) for k, text in enumerate("one two three. four five six.".split())]
    compiled, reference = _both(monkeypatch, lambda: segment([Segment(None, words)], SegmentOptions(max_rows=1)))
    assert compiled == reference
    assert [c.lines for c in compiled] == [["one two three."], ["four five six."]]


def test_limits_too_large_for_the_core_are_honoured_by_the_python_code(monkeypatch: pytest.MonkeyPatch) -> None:
    words = [Word(text, k * 400, k * 400 + 300) for k, text in enumerate("one two three four five six".split())]
    options = SegmentOptions(max_chars_per_row=10 ** 20, max_duration=None, min_duration=None)
    compiled, reference = _both(monkeypatch, lambda: segment([Segment(None, words)], options))
    assert [c.lines for c in compiled] == [c.lines for c in reference] == [["one two three four five six"]]


def test_one_guard_a_turn_sends_its_cut_costs_and_its_plan_to_the_same_code(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each turn is weighed and planned in C, or both in Python: the turn whose times lie
    beyond the core's range (accelerator.LIMIT) goes to Python whole, the other to C."""
    core = accelerator.core
    assert core is not None
    calls: list[tuple[str, int]] = []

    class Recording:
        def plan(self, **arguments: Any) -> Any:
            calls.append(("plan", len(arguments["starts"])))
            return core.plan(**arguments)

        def cut_costs(self, **arguments: Any) -> Any:
            calls.append(("cut_costs", len(arguments["gaps"])))
            return core.cut_costs(**arguments)

    def turn(speaker: str, start: int, text: str) -> Segment:
        return Segment(speaker, [Word(w, start + k * 400, start + k * 400 + 300) for k, w in enumerate(text.split())])

    monkeypatch.setattr(accelerator, "LIMIT", 10 ** 6)  # real times (within timing.MAX_MS) all fit the core
    far = accelerator.LIMIT + 1000
    turns = [turn("near", 0, "one two three"), turn("far", far, "four five six seven")]
    reference = segment(turns, SegmentOptions(min_duration=None))
    monkeypatch.setattr(accelerator, "core", Recording())
    assert segment(turns, SegmentOptions(min_duration=None)) == reference
    assert calls == [("cut_costs", 3), ("plan", 3)]
    assert reference[-1].start == far


class _Shouted(Word):
    """A Word whose text is looked up through a property: the core must read it by name, not by slot."""

    __slots__ = ()

    @property  # type: ignore[override]
    def text(self) -> str:
        return "SHOUT"

    @text.setter
    def text(self, value: str) -> None:
        pass


def test_words_of_other_types_are_read_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    words = [Word("one", 0, 300), _Shouted("two", 400, 700), Word("three.", 800, 1100), _Shouted("x", 1200, 1500)]
    for first in (words, words[1:]):  # the first word's type is a Word's, or not
        compiled, reference = _both(monkeypatch, lambda first=first: segment([Segment("a", first)], SegmentOptions()))
        assert [c.lines for c in compiled] == [c.lines for c in reference]
        assert "SHOUT" in " ".join(compiled[0].lines) and "two" not in " ".join(compiled[0].lines)
