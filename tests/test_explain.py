"""``explain`` (and ``scribekit lint --explain``) tells what the segmenter weighed at each break: one
Break per cue end and row end, in order, whose cost is the very cost the segmenter used there."""
from __future__ import annotations

import json
import math
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

from scribekit import Cue, ScribekitWarning, Segment, SegmentOptions, Transcript, Word, dumps, load, segment
from scribekit.cli import cli
from scribekit.segmentation import cues_for
from scribekit.segmentation.explain import Break, explain
from scribekit.segmentation.language import CutCosts, cut_costs, sentence_ends, word_lists, word_profiles

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

TOKENS = ["the", "a", "of", "in", "on", "up", "out", "up.", "off,", "woke", "walked", "house", "mayor", "city",
          "hill", "early", "according", "to", "lot", "because", "as", "well", "ne", "n'a", "pas", "jamais", "je",
          "veux", "parce", "que", "de", "la", "ville", "Er", "ruft", "seine", "Mutter", "an.", "an", "und",
          "5", "12", "km", "%", "kg", "Maria", "Jansen", "Amsterdam", "and", "but", "he", "is", "was", "said,",
          "well,", "today.", "again?", "yes!", "so;", "—", "very", "long", "story"]
"""Sentence and clause ends, particles, fixed-phrase words, a split negation, numbers with units, names."""
GAPS = [0, 0, 0, 0, 30, 120, 400, 900, 2500]
"""Silence after a word, in ms."""


def _words(texts: list[str], gaps: list[int], start: int = 0) -> list[Word]:
    words, t = [], start
    for text, gap in zip(texts, gaps):
        duration = 80 + 60 * len(text)
        words.append(Word(text, t, t + duration))
        t += duration + 40 + gap
    return words


def _quiet_segment(segments: list[Segment], options: SegmentOptions) -> list[Cue]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        return segment(segments, options)


def _reference(words: list[Word], language: str) -> CutCosts:
    """The cut costs the segmenter weighs for one turn of ``words``, computed here from the words."""
    texts = [w.text for w in words]
    lists = word_lists(language)
    profiles = word_profiles(texts, lists)
    gaps = [0] + [max(b.start - a.end, 0) for a, b in zip(words, words[1:])]
    return cut_costs(profiles, gaps, [False] * len(texts), sentence_ends(profiles), lists=lists)


@settings(max_examples=100, deadline=None)
@given(data=st.data(), language=st.sampled_from(["en", "fr", "de"]), limit=st.integers(12, 50),
       rows=st.integers(1, 3), duration=st.sampled_from([3.0, 7.0, None]))
def test_each_break_is_explained_with_the_cost_the_segmenter_weighed(data: st.DataObject, language: str,
                                                                     limit: int, rows: int,
                                                                     duration: float | None) -> None:
    texts = data.draw(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=60))
    gaps = data.draw(st.lists(st.sampled_from(GAPS), min_size=len(texts), max_size=len(texts)))
    words = _words(texts, gaps)
    options = SegmentOptions(max_chars_per_row=limit, max_rows=rows, max_duration=duration, language=language)
    cues = _quiet_segment([Segment("spk1", words)], options)
    breaks = explain(cues, language)

    expected: list[tuple[int, int | None, int, str]] = []  # (cue, row, k, kind) in order
    k = 0
    for number, cue in enumerate(cues, 1):
        for row, line in enumerate(cue.lines, 1):
            k += len(line.split())
            if row < len(cue.lines):
                expected.append((number, row, k, "line"))
        if number < len(cues):
            expected.append((number, None, k, "cue"))
    assert k == len(texts)
    assert [(b.cue, b.row) for b in breaks] == [(c, r) for c, r, _, _ in expected]
    assert [b.time for b in breaks] == sorted(b.time for b in breaks)

    costs = _reference(words, language)
    for found, (_, _, k, kind) in zip(breaks, expected):
        assert found.forced is None
        assert (found.before, found.after) == (texts[k - 1], texts[k])
        assert found.time == words[k - 1].end
        weighed = costs.cue[k] if kind == "cue" else costs.line[k]
        assert math.isclose(found.cost, weighed, abs_tol=1e-9), (found.describe(), weighed)
        # the reasons, largest first, are what the cost is made of
        assert [abs(c) for _, c in found.reasons] == sorted((abs(c) for _, c in found.reasons), reverse=True)


def _runs(words: list[Word]) -> list[list[Word]]:
    """A turn's words cut where they go from speech to sound events or back (as the segmenter cuts them)."""
    runs: list[list[Word]] = []
    for word in words:
        if not runs or runs[-1][-1].sound != word.sound:
            runs.append([])
        runs[-1].append(word)
    return runs


@settings(max_examples=300, deadline=None)
@example(turns=[["the"], ["Mutter", "Mutter"]], language="en", limit=12, rows=1)  # found by this test
@given(turns=st.lists(st.lists(st.sampled_from([*TOKENS, "(laughs)"]), min_size=1, max_size=15), min_size=2,
                      max_size=4),
       language=st.sampled_from(["en", "fr", "de"]), limit=st.integers(12, 50), rows=st.integers(1, 3))
def test_each_break_of_several_turns_is_explained_with_the_cost_the_segmenter_weighed(
        turns: list[list[str]], language: str, limit: int, rows: int) -> None:
    segments, t = [], 0
    for number, texts in enumerate(turns):
        words = _words(texts, [0] * len(texts), t)
        for word in words:
            word.sound = word.text == "(laughs)"
        segments.append(Segment(f"spk{number % 2 + 1}", words))
        t = words[-1].end + 500
    options = SegmentOptions(max_chars_per_row=limit, max_rows=rows, language=language)
    cues = _quiet_segment(segments, options)
    runs = [run for segment_ in segments for run in _runs(segment_.words)]
    costs = [_reference(run, language) for run in runs]
    where = [(r, k) for r, run in enumerate(runs) for k in range(len(run))]  # global word -> (run, word in run)
    breaks = iter(explain(cues, language))
    k = 0
    for number, cue in enumerate(cues, 1):
        for row, line in enumerate(cue.lines, 1):
            k += len(line.split())
            if row == len(cue.lines) and number == len(cues):
                break
            found = next(breaks)
            run, local = where[k]
            if local == 0:  # a turn or a run of sound starts: the cue must end
                assert found.row is None and found.forced and found.reasons == ()
                continue
            assert found.forced is None
            weighed = costs[run].line[local] if row < len(cue.lines) else costs[run].cue[local]
            assert math.isclose(found.cost, weighed, abs_tol=1e-9), (found.describe(), weighed)
    assert next(breaks, None) is None


@pytest.mark.parametrize(("first", "second", "weighed"), [
    # the segmenter sees "Then we ate a lot" alone: "a | lot" is after an article (+9), no fixed phrase
    (["Then we ate a", "lot"], ["of them were here."], 9.0),
    # "up" ends the turn: a particle cut off its verb (+6)
    (["She woke", "up"], ["Good morning."], 6.0),
    # "Maria" starts the turn: the segmenter weighs no name there (language.cut_signs: k >= 2)
    (["I met"], ["Maria", "Jansen today."], 0.0),
])
def test_a_break_near_a_speaker_change_is_explained_as_the_segmenter_weighed_it(first: list[str],
                                                                               second: list[str],
                                                                               weighed: float) -> None:
    one = _words(" ".join(first).split(), [0] * 9)
    two = _words(" ".join(second).split(), [0] * 9, one[-1].end + 500)
    cues = [Cue(one[0].start, one[-1].end, first, "spk1", words=one),
            Cue(two[0].start, two[-1].end, second, "spk2", words=two)]
    row_end = next(b for b in explain(cues, "en") if b.row is not None)
    turn, rows = (one, first) if row_end.cue == 1 else (two, second)
    assert math.isclose(_reference(turn, "en").line[len(rows[0].split())], weighed - 0.08)  # 40 ms: -2 a second
    assert math.isclose(row_end.cost, weighed - 0.08), row_end.describe()


def test_a_phrase_cut_is_explained_as_one() -> None:
    # "according | to" cut as a row end, checked by hand: a preposition after a content word (-1.5) inside
    # a fixed phrase (+8), after 40 ms of silence (-2 a second for a row end)
    words = _words("He left according to the plan.".split(), [0] * 6)
    cues = [Cue(words[0].start, words[-1].end, ["He left according", "to the plan."], "spk1", words=words)]
    (row_end,) = explain(cues, "en")
    assert (row_end.cue, row_end.row, row_end.before, row_end.after) == (1, 1, "according", "to")
    assert row_end.reasons == (("inside a fixed phrase", 8.0), ("before a preposition", -1.5),
                               ("pause of 0.04 s", -0.08))
    assert math.isclose(row_end.cost, 6.42)
    assert row_end.describe().startswith("cue 1 row 1 ends at 00:00:")
    assert "inside a fixed phrase +8.0" in row_end.describe()


def test_a_speaker_change_and_a_sound_event_are_forced_breaks() -> None:
    first = _words("Thank you all for coming tonight.".split(), [0] * 6)
    applause = Word("(Applause)", first[-1].end + 100, first[-1].end + 1500, sound=True)
    second = _words("It is a pleasure to be here.".split(), [0] * 7, applause.end + 100)
    third = _words("Thanks for having me.".split(), [0] * 4, second[-1].end + 300)
    segments = [Segment("spk1", [*first, applause, *second]), Segment("spk2", third)]
    cues = _quiet_segment(segments, SegmentOptions(language="en"))
    assert [" ".join(cue.lines) for cue in cues] == ["Thank you all for coming tonight.", "(Applause)",
                                                   "It is a pleasure to be here.", "Thanks for having me."]
    breaks = explain(cues, "en")
    assert [(b.cue, b.row, b.before, b.after, b.forced) for b in breaks] == [
        (1, None, "tonight.", "(Applause)", "a sound event starts or ends"),
        (2, None, "(Applause)", "It", "a sound event starts or ends"),
        (3, None, "here.", "Thanks", "the speaker changes")]
    assert all(b.reasons == () and b.cost == 0 for b in breaks)
    assert breaks[2].describe().endswith(": the speaker changes")


def _lint(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["lint", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


LINE = re.compile(r"^(?P<file>.+?): cue (?P<cue>\d+)(?: row (?P<row>\d+))? ends at \d\d:\d\d:\d\d\.\d\d\d "
                  r"after '.*', before '.*': (?P<rest>.+)$")


def test_lint_explain_prints_each_break_of_a_transcript_with_its_reasons() -> None:
    sample = str(SAMPLES / "amberscript" / "interview.json")
    limits = ["--max-chars-per-row", "64"]  # the sample has a 61-character URL: every rule holds at 64
    code, plain, _ = _lint(sample, *limits)
    assert code == 0 and plain == ""
    code, out, _ = _lint(sample, *limits, "--explain")
    assert code == 0
    lines = out.splitlines()
    cues = cues_for(load(sample), max_chars_per_row=64)
    expected = [(n, r) for n, cue in enumerate(cues, 1) for r in range(1, len(cue.lines))] + \
        [(n, None) for n in range(1, len(cues))]
    found = []
    for line in lines:
        match = LINE.match(line)
        assert match, line
        assert match["file"] == sample
        found.append((int(match["cue"]), int(match["row"]) if match["row"] else None))
        rest = match["rest"]
        assert rest == "the speaker changes" or re.match(r"[+-]\d+\.\d \(.+\)$", rest), rest
    assert sorted(found, key=lambda pair: (pair[0], pair[1] is None, pair[1] or 0)) == found
    assert sorted(found, key=str) == sorted(expected, key=str)
    assert any(line.endswith(": the speaker changes") for line in lines)
    assert any("sentence end -14.0" in line for line in lines)

    code, report, _ = _lint(sample, *limits, "--explain", "--json")
    assert code == 0
    (entry,) = json.loads(report)["files"]
    assert [(b["cue"], b["row"]) for b in entry["breaks"]] == found
    for b in entry["breaks"]:
        assert set(b) >= {"cue", "row", "time", "before", "after", "cost", "reasons", "forced"}
        assert math.isclose(b["cost"], sum(r["cost"] for r in b["reasons"]), abs_tol=2e-3)
        assert (b["forced"] is None) or b["reasons"] == []
    code, report, _ = _lint(sample, *limits, "--json")
    assert code == 0 and "breaks" not in json.loads(report)["files"][0]


SRT = """1
00:00:01,000 --> 00:00:03,000
The mayor of the city
spoke to the press.

2
00:00:03,500 --> 00:00:06,000
Then she left, because of the rain.
"""


def test_lint_explain_on_a_subtitle_file_explains_its_own_breaks(tmp_path: Path) -> None:
    path = tmp_path / "episode.srt"
    path.write_text(SRT, encoding="utf-8")
    code, out, _ = _lint(str(path), "--explain")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 2, lines  # the file's row end and cue end, not cut anew
    assert lines[0].startswith(f"{path}: cue 1 row 1 ends at ")
    assert lines[0].split(" ends at ")[1].split(" ", 1)[1].startswith("after 'city', before 'spoke'")
    assert lines[1].startswith(f"{path}: cue 1 ends at 00:00:03.000 after 'press.', before 'Then': ")
    assert "sentence end -14.0" in lines[1] and "pause of 0.50 s" in lines[1]
    code, report, _ = _lint(str(path), "--explain", "--json")
    assert code == 0
    breaks = json.loads(report)["files"][0]["breaks"]
    assert [(b["cue"], b["row"], b["before"], b["after"]) for b in breaks] == [
        (1, 1, "city", "spoke"), (1, None, "press.", "Then")]
    assert breaks[1]["time"] == 3000
    # checked by hand: a sentence end (-14) and the 0.5 s between the cues (-10 a second)
    assert breaks[1]["cost"] == -19.0
    assert breaks[1]["reasons"] == [{"reason": "sentence end", "cost": -14.0},
                                    {"reason": "pause of 0.50 s", "cost": -5.0}]
    # between two content words of one cue (times shared out, no pause made up): no sign either way
    assert breaks[0]["reasons"] == [] and breaks[0]["cost"] == 0
    assert lines[0].endswith(": +0.0 (no sign either way)")
    # a broken rule keeps exit status 1 with --explain too
    code, out, _ = _lint(str(path), "--explain", "--max-chars-per-row", "20")
    assert code == 1


def test_explain_of_no_cues_is_empty() -> None:
    assert explain([], "en") == []
    assert isinstance(Break(1, None, 0, "a", "b", ()).cost, (int, float))


def test_a_reader_that_goes_away_ends_lint_quietly(tmp_path: Path) -> None:
    # as a new user would: `scribekit lint long.json --explain | head -1`
    words = [Word(f"word{k % 7}," if k % 9 == 8 else f"word{k % 7}", k * 400, k * 400 + 300) for k in range(20_000)]
    path = tmp_path / "long.json"
    path.write_text(dumps(Transcript(segments=[Segment("a", words)]), "json"), encoding="utf-8")
    run = subprocess.run(f"{sys.executable} -m scribekit lint {path} --explain | head -1", shell=True,
                         capture_output=True, text=True, check=False)
    assert run.stdout.startswith(f"{path}: cue ")
    assert "internal error" not in run.stderr and "Traceback" not in run.stderr
