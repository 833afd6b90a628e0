"""Words made from cues in the C core (_core.cue_words) against the Python loop it stands in for:
the same turns, words, times and cue_end marks, whatever the lines, times and speakers."""
from __future__ import annotations

import os
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scribekit import Cue, Word
from scribekit.segmentation import accelerator, cues_to_words

if accelerator.core is None or not hasattr(accelerator.core, "cue_words"):
    reason = ("the segmenter's C core is not built (no C compiler when the package was installed, "
              "or SCRIBEKIT_PURE_PYTHON is set)")
    if os.environ.get("SCRIBEKIT_REQUIRE_CORE"):
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason, allow_module_level=True)

# Every character str.split() splits at, and some it does not (U+200B, U+FEFF, U+180E).
SPACES = [" ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f", "\x85", "\xa0", "\u1680",
          "\u2000", "\u2007", "\u200a", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000", "\u200b", "\ufeff",
          "\u180e"]
PIECES = ["word", "a", "Übermorgen", "東京は", "😀", "x" * 40, "<i>", "</i>", "<b>bold</b>", "{\\an8}", "{", "<",
          "}", ">", "<i", "<font color=red>", "'", ","]
LINE = st.lists(st.sampled_from(SPACES) | st.sampled_from(PIECES) | st.text(max_size=3), max_size=8).map("".join)
TIME = st.integers(-10 ** 4, 10 ** 5) | st.sampled_from([0, 10 ** 12, -10 ** 12, 2 ** 51 - 1, 2 ** 51, -2 ** 51,
                                                         -2 ** 51 + 1, 2 ** 62, 2 ** 63, -2 ** 63, 10 ** 30])
SPEAKER = st.sampled_from([None, "A", "B"])


@st.composite
def cues(draw: st.DrawFn) -> list[Cue]:
    return [Cue(draw(TIME), draw(TIME), draw(st.lists(LINE, max_size=3)), draw(SPEAKER))
            for _ in range(draw(st.integers(0, 8)))]


def _shape(segments: list[cues_to_words.Segment]) -> list[tuple[str | None, list[tuple[str, bool]]]]:
    return [(s.speaker, [(repr(w), w.cue_end) for w in s.words]) for s in segments]


def _python(cue_list: list[Cue]) -> list[cues_to_words.Segment]:
    return cues_to_words._grouped(cue_list, [None] * len(cue_list))


@settings(max_examples=400, deadline=None)
@given(cues())
def test_the_core_makes_the_words_the_python_makes(cue_list: list[Cue]) -> None:
    assert _shape(cues_to_words._segments_of(cue_list)) == _shape(_python(cue_list))


@settings(max_examples=200, deadline=None)
@given(cues())
def test_each_cue_is_made_by_the_core_or_left_to_the_python_as_a_whole(cue_list: list[Cue]) -> None:
    made = accelerator.core.cue_words(cue_list, cues_to_words.strip_tags, Word, None)
    assert len(made) == len(cue_list)
    for cue, words in zip(cue_list, made):
        if words is None:  # only a time beyond the core's limit
            assert not accelerator.fits(cue.start, cue.end)
        else:
            assert [(repr(w), w.cue_end) for w in words] == [(repr(w), w.cue_end) for w in cues_to_words._cue_made(cue)]


def test_unusual_cues_are_left_to_the_python() -> None:
    odd = [Cue(True, 5, ["a b"]), Cue(0.5, 9, ["a b"]), Cue(0, 9, ("a", "b")),  # type: ignore[arg-type]
           Cue(0, 2 ** 51, ["a"]), Cue(-2 ** 51, 0, ["a"])]
    assert accelerator.core.cue_words(odd, cues_to_words.strip_tags, Word, None) == [None] * len(odd)
    assert _shape(cues_to_words._segments_of(odd)) == _shape(_python(odd))


def test_a_share_beyond_64_bits_is_left_to_the_python() -> None:
    wide = [Cue(-2 ** 51 + 1, 2 ** 51 - 1, ["ab " * 2000]), Cue(-2 ** 51 + 1, 2 ** 51 - 1, ["ab " * 500]),
            Cue(2 ** 51 - 1, -2 ** 51 + 1, ["ab " * 2000])]
    made = accelerator.core.cue_words(wide, cues_to_words.strip_tags, Word, accelerator.WORD_LAYOUT)
    assert made[0] is None and made[1] is not None and made[2] is not None  # span * 6000 > 2 ** 63; 1500 fits
    assert _shape(cues_to_words._segments_of(wide)) == _shape(_python(wide))


def test_lines_that_are_no_text_raise_as_in_the_python() -> None:
    bad = [Cue(0, 10, ["fine"]), Cue(0, 10, ["a", 5])]  # type: ignore[list-item]
    with pytest.raises(TypeError) as python:
        _python(bad)
    with pytest.raises(TypeError) as core:
        cues_to_words._segments_of(bad)
    assert str(core.value) == str(python.value)


def test_word_segments_takes_the_core(monkeypatch: pytest.MonkeyPatch) -> None:
    taken: list[int] = []
    real = accelerator.core.cue_words

    class Spy:
        def __getattr__(self, name: str) -> object:
            return getattr(accelerator.core, name)

        @staticmethod
        def cue_words(*args: object) -> object:
            taken.append(len(args[0]))  # type: ignore[arg-type]
            return real(*args)

    monkeypatch.setattr(accelerator, "core", Spy())
    cue_list = [Cue(0, 1000, ["<i>two</i>", "words"], "A"), Cue(1000, 1500, [" "], "A"), Cue(1500, 2100, ["one"], "B")]
    segments = cues_to_words._segments_of(cue_list)
    assert taken == [3]
    assert accelerator.WORD_LAYOUT is not None  # the core sets Word's slots itself
    assert _shape(segments) == _shape(_python(cue_list))
    assert [(s.speaker, [(w.text, w.start, w.end, w.cue_end) for w in s.words]) for s in segments] == [
        ("A", [("two", 0, 300, False), ("words", 400, 1000, True)]), ("B", [("one", 1500, 2100, True)])]


def test_many_cues_keep_their_references() -> None:
    cue_list = [Cue(k, k + 100, ["some words here"]) for k in range(2000)]
    before = sys.getrefcount(cue_list[0])
    for _ in range(3):
        cues_to_words._segments_of(cue_list)
    after = sys.getrefcount(cue_list[0])
    assert after == before
