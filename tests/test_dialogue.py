"""Dialogue dashes: two speakers' quick, short turns in one cue (segmentation/dialogue.py)."""
from __future__ import annotations

import dataclasses
import json
import warnings
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import segment_limits

from scribekit import ScribekitWarning, Segment, SegmentOptions, Word, segment
from scribekit.cli import cli
from scribekit.markup import strip_tags
from scribekit.model import Cue
from scribekit.segmentation import lint
from scribekit.segmentation.dialogue import DASH, QUICK_TURN_MS, dash_for, join_dialogue
from scribekit.segmentation.lint import HARD_RULES


def turn(text: str, start: int, end: int, speaker: str | None, *, sound: bool = False) -> Cue:
    """A one-turn cue of one row: its words share its time evenly."""
    texts = text.split()
    step = (end - start) // len(texts)
    words = [Word(t, start + i * step, start + (i + 1) * step if i + 1 < len(texts) else end, sound=sound)
             for i, t in enumerate(texts)]
    return Cue(start, end, [text], speaker, words=words)


def test_two_quick_turns_of_two_speakers_become_one_cue_the_netflix_way() -> None:
    first = turn("Are you coming?", 1000, 1800, "A")
    second = turn("In a minute.", 2000, 2700, "B")
    [joined] = join_dialogue([first, second], SegmentOptions())
    assert joined.lines == ["-Are you coming?", "-In a minute."]
    assert (joined.start, joined.end) == (1000, 2700)
    assert joined.speaker is None  # two speakers': no writer gives both lines to one of them
    assert joined.words == [*first.words, *second.words]  # type: ignore[misc]
    assert first.lines == ["Are you coming?"] and second.lines == ["In a minute."]  # the input is left as it is


def test_what_keeps_two_turns_apart() -> None:
    options = SegmentOptions()
    question = turn("Are you coming?", 1000, 1800, "A")

    def joins(second: Cue, first: Cue = question, opts: SegmentOptions = options) -> bool:
        return len(join_dialogue([first, second], opts)) == 1

    assert joins(turn("In a minute.", 1800 + QUICK_TURN_MS, 2700 + QUICK_TURN_MS, "B"))
    assert not joins(turn("In a minute.", 1801 + QUICK_TURN_MS, 2700 + QUICK_TURN_MS, "B"))  # a pause
    assert not joins(turn("In a minute.", 2000, 2700, "A"))  # one speaker
    assert not joins(turn("In a minute.", 2000, 2700, None))  # an unknown speaker
    assert not joins(turn("In a minute.", 2000, 2700, None), turn("Are you coming?", 1000, 1800, None))
    assert not joins(turn("(laughter)", 2000, 2700, "B", sound=True))  # a sound event
    two_rows = Cue(2000, 2700, ["In a", "minute."], "B", words=turn("In a minute.", 2000, 2700, "B").words)
    assert not joins(two_rows)
    assert not joins(turn("In a minute.", 2000, 2700, "B"), opts=SegmentOptions(max_rows=1))
    # "Are you coming?" has 15 characters: with its dash 16, over a row of 15
    assert not joins(turn("In a minute.", 2000, 2700, "B"), opts=SegmentOptions(max_chars_per_row=15))
    assert joins(turn("In a minute.", 2000, 2700, "B"), opts=SegmentOptions(max_chars_per_row=16))
    # together 1.0 to 2.7 s: longer than a cue may last
    assert not joins(turn("In a minute.", 2000, 2700, "B"), opts=SegmentOptions(max_duration=1.5, min_duration=None))
    # "-Are you coming? -In a minute." has 30 characters
    assert not joins(turn("In a minute.", 2000, 2700, "B"), opts=SegmentOptions(max_chars_per_subtitle=29))
    assert joins(turn("In a minute.", 2000, 2700, "B"), opts=SegmentOptions(max_chars_per_subtitle=30))


def test_reading_speed_is_not_made_worse_by_joining() -> None:
    # each "Right away" has 10 characters in 1 s (10 a second); together "-Right away -Right away" has 23
    # characters in 2 s (11.5 a second)
    first, second = turn("Right away", 0, 1000, "A"), turn("Right away", 1000, 2000, "B")
    assert len(join_dialogue([first, second], SegmentOptions(max_cps=11))) == 2
    assert len(join_dialogue([first, second], SegmentOptions(max_cps=12))) == 1
    # each already faster than 9 a second: joining does not make it worse than apart, so it is done
    assert len(join_dialogue([first, second], SegmentOptions(max_cps=9))) == 1
    # 2 words in 1 s is 120 words a minute; 4 words in 2 s too: within 130
    assert len(join_dialogue([first, second], SegmentOptions(max_wpm=130))) == 1


def test_never_three_turns_in_one_cue() -> None:
    cues = [turn("Who's there?", 0, 800, "A"), turn("Me.", 900, 1300, "B"), turn("Come in.", 1400, 2000, "A")]
    joined = join_dialogue(cues, SegmentOptions())
    assert [cue.lines for cue in joined] == [["-Who's there?", "-Me."], ["Come in."]]
    assert joined[1] is cues[2]


def test_the_dash_of_each_language() -> None:
    assert DASH == "-" and dash_for(None) == "-" and dash_for("en-GB") == "-"
    assert dash_for("fr") == dash_for("fr_CA") == "- "
    assert dash_for("zh-Hant") == "\u2013"
    cues = [turn("Tu viens ?", 0, 800, "A"), turn("J'arrive.", 900, 1500, "B")]
    [joined] = join_dialogue(cues, SegmentOptions(language="fr"))
    assert joined.lines == ["- Tu viens ?", "- J'arrive."]
    [joined] = join_dialogue(cues, SegmentOptions(), "fr-FR")  # the transcript's language
    assert joined.lines == ["- Tu viens ?", "- J'arrive."]
    [joined] = join_dialogue(cues, SegmentOptions(language="en"), "fr")  # the language given wins
    assert joined.lines == ["-Tu viens ?", "-J'arrive."]


def test_markup_stays_inside_its_line() -> None:
    first = Cue(0, 800, ["<i>Are you coming?</i>"], "A", words=[Word("Are", 0, 200), Word("you", 200, 400),
                                                                  Word("coming?", 400, 800)])
    [joined] = join_dialogue([first, turn("In a minute.", 900, 1500, "B")], SegmentOptions(max_chars_per_row=16))
    assert joined.lines == ["-<i>Are you coming?</i>", "-In a minute."]


def test_segment_joins_when_asked_and_only_then() -> None:
    turns = [Segment("A", [Word("Are", 1000, 1200), Word("you", 1250, 1450), Word("coming?", 1500, 1800)]),
             Segment("B", [Word("In", 2000, 2150), Word("a", 2200, 2300), Word("minute.", 2350, 2700)])]
    assert [c.lines for c in segment(turns, SegmentOptions())] == [["Are you coming?"], ["In a minute."]]
    [cue] = segment(turns, SegmentOptions(dialogue_dashes=True))
    assert cue.lines == ["-Are you coming?", "-In a minute."] and cue.start == 1000


# --- properties ---------------------------------------------------------------------------

_TEXT = st.text("abcdeéx?!<", min_size=1, max_size=9)


@st.composite
def turns(draw: st.DrawFn) -> list[Cue]:
    """Cues in time order, one speaker turn each, one or two rows, sometimes sound events."""
    cues: list[Cue] = []
    clock = draw(st.integers(0, 1000))
    for _ in range(draw(st.integers(0, 8))):
        clock += draw(st.sampled_from([0, 100, QUICK_TURN_MS, QUICK_TURN_MS + 1, 2000]))
        texts = draw(st.lists(_TEXT, min_size=1, max_size=5))
        sound = draw(st.booleans()) and draw(st.booleans())
        words = []
        for text in texts:
            length = draw(st.integers(50, 900))
            words.append(Word(text, clock, clock + length, sound=sound))
            clock += length
        rows = 2 if len(texts) > 1 and draw(st.booleans()) else 1
        lines = [" ".join(texts)] if rows == 1 else [" ".join(texts[:1]), " ".join(texts[1:])]
        speaker = draw(st.sampled_from(["A", "B", "C", None]))
        cues.append(Cue(words[0].start, words[-1].end, lines, speaker, words=words))
    return cues


@settings(max_examples=300, deadline=None)
@given(turns(), segment_limits, st.sampled_from([None, "en", "fr", "zh"]))
def test_joining_loses_no_word_and_keeps_every_limit(cues: list[Cue], limits: SegmentOptions,
                                                     language: str | None) -> None:
    options = dataclasses.replace(limits, language=language)
    before = [(cue.lines[:], cue.start, cue.end) for cue in cues]
    joined = join_dialogue(cues, options)
    assert [(cue.lines, cue.start, cue.end) for cue in cues] == before  # the input is left as it is
    assert [id(w) for cue in joined for w in cue.words or ()] == [id(w) for cue in cues for w in cue.words or ()]
    assert len(joined) <= len(cues)
    dash = dash_for(language)
    longest = options.max_duration_ms(2)
    i = 0
    for cue in joined:
        if cue is cues[i]:
            i += 1
            continue
        first, second = cues[i], cues[i + 1]  # a joined cue is two neighbouring turns, never more
        i += 2
        assert first.speaker is not None and second.speaker is not None and first.speaker != second.speaker
        assert cue.lines == [dash + first.lines[0].strip(), dash + second.lines[0].strip()]
        assert len(first.lines) == len(second.lines) == 1 and options.max_rows >= 2
        assert second.start - first.end <= QUICK_TURN_MS
        assert all(len(strip_tags(line)) <= options.max_chars_per_row for line in cue.lines)
        assert longest is None or cue.end - cue.start <= longest
        assert (cue.start, cue.end) == (first.start, max(first.end, second.end))
        assert not any(w.sound for w in cue.words or ())
        assert cue.speaker is None
    assert i == len(cues)


_SHORT = st.text("abcdeéx?!", min_size=1, max_size=3)
"""Words no row is too short for (a word longer than a row stands alone on it)."""


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["A", "B", None]), st.lists(_SHORT, min_size=1, max_size=6),
                          st.sampled_from([0, 200, 600, 3000])), max_size=8), segment_limits)
def test_segment_with_dialogue_dashes_keeps_every_hard_limit(spoken: list[tuple[str | None, list[str], int]],
                                                              limits: SegmentOptions) -> None:
    turns_, clock = [], 0
    for speaker, texts, pause in spoken:
        clock += pause
        words = []
        for text in texts:
            words.append(Word(text, clock, clock + 300))
            clock += 320
        turns_.append(Segment(speaker, words))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)  # soft limits the speech cannot meet
        cues = segment(turns_, dataclasses.replace(limits, dialogue_dashes=True))
    assert [id(w) for cue in cues for w in cue.words or ()] == [id(w) for turn_ in turns_ for w in turn_.words]
    assert [v for v in lint(cues, limits) if v.rule in HARD_RULES] == []


# --- the command line, as a new user runs it ---------------------------------------------------

def _talk(tmp_path: Path) -> Path:
    """Two speakers: a quick question and answer, then a long turn."""
    def words(text: str, start: int) -> list[dict[str, object]]:
        return [{"text": t, "start": start + i * 250, "end": start + i * 250 + 200} for i, t in enumerate(text.split())]

    path = tmp_path / "talk.json"
    path.write_text(json.dumps({
        "scribekit": 1, "metadata": {"language": "en"},
        "speakers": [{"id": "A", "name": "Ann"}, {"id": "B", "name": "Ben"}],
        "segments": [{"speaker": "A", "words": words("Are you coming?", 1000)},
                     {"speaker": "B", "words": words("In a minute.", 1900)},
                     {"speaker": "A", "words": words("Then I will wait for you outside by the car.", 5000)}]}))
    return path


def _srt(*args: str) -> str:
    result = CliRunner().invoke(cli, ["convert", *args, "--to", "srt", "-o", "-"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_the_netflix_profile_writes_dialogue_dashes_and_the_switch_turns_them_off(tmp_path: Path) -> None:
    source = str(_talk(tmp_path))
    netflix = _srt(source, "--profile", "netflix")
    assert "00:00:01,000 --> " in netflix and "\n-Are you coming?\n-In a minute.\n" in netflix
    assert "-Then" not in netflix
    assert "\n-Are you coming?\n-In a minute.\n" in _srt(source, "--dialogue-dashes")
    for args in ((), ("--profile", "netflix", "--no-dialogue-dashes"), ("--profile", "bbc")):
        out = _srt(source, *args)
        assert "\nAre you coming?\n" in out and "\nIn a minute.\n" in out and "-Are" not in out, args
