"""`lint` finds every kind of broken rule, and none in the segmenter's own output;
`resegment` re-cuts subtitle files under new limits, keeping old cue ends as hints."""
from __future__ import annotations

import json
import random
import warnings
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import scribekit
from scribekit import ScribekitWarning, Segment, SegmentOptions, Transcript, Word
from scribekit.cli import cli
from scribekit.segmentation import as_words, cues_for, lint, resolve_options
from scribekit.segmentation.lint import HARD_RULES

CRAFTED = """1
00:00:01,000 --> 00:00:03,000
This row is far too long for the Netflix limit.

2
00:00:03,500 --> 00:00:05,500
One
two
three

3
00:00:06,000 --> 00:00:07,000
Far too many characters for one second to read.

4
00:00:08,000 --> 00:00:08,300
Short.

5
00:00:09,000 --> 00:00:17,000
Eight seconds.

6
00:00:17,040 --> 00:00:19,000
One frame gap.

7
00:00:18,500 --> 00:00:20,000
Overlap.

8
00:00:21,000 --> 00:00:22,000

"""

# Checked by hand: cue 1 has 47 characters on one row, in 2 s (23.5 a second); cue 3 has 47 characters
# (one row, too long) in 1 s; cue 5 ends 40 ms (1 frame at 25 fps) before cue 6, which cue 7 overlaps.
EXPECTED = {("chars-per-row", 1), ("cps", 1), ("rows", 2), ("cps", 3), ("chars-per-row", 3), ("min-duration", 4),
            ("max-duration", 5), ("gap", 5), ("overlap", 6), ("empty", 8)}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_lint_finds_each_kind_of_violation_with_cue_number_and_time(tmp_path: Path) -> None:
    path = tmp_path / "episode.srt"
    path.write_text(CRAFTED, encoding="utf-8")
    code, out, err = run("lint", str(path), "--profile", "netflix")
    assert code == 1
    assert "cue 1 (00:00:01.000 --> 00:00:03.000): chars-per-row: row 1 has 47 characters (limit 42)" in out
    assert "problem(s) in 8 cue(s)" in err
    code, out, _ = run("lint", str(path), "--profile", "netflix", "--json")
    report = json.loads(out)
    assert code == 1 and report["ok"] is False
    found = {(v["rule"], v["cue"]) for v in report["files"][0]["violations"]}
    assert found == EXPECTED


def test_single_flags_override_the_profile_in_lint(tmp_path: Path) -> None:
    path = tmp_path / "episode.srt"
    path.write_text(CRAFTED, encoding="utf-8")
    _, out, _ = run("lint", str(path), "--profile", "netflix", "--max-chars-per-row", "50", "--json")
    rules = {v["rule"] for v in json.loads(out)["files"][0]["violations"]}
    assert "chars-per-row" not in rules and "rows" in rules


def _speech(seconds: int, seed: int = 3) -> Transcript:
    """Talk at an everyday pace: about 2.5 words a second, pauses between sentences."""
    rnd = random.Random(seed)
    vocabulary = ("we found that the new method works well in most of the cases we tried and the team "
                  "was happy with what it saw during the tests last year in Rotterdam").split()
    words, t = [], 0
    while t < seconds * 1000:
        length = rnd.randint(4, 16)
        for k in range(length):
            text = rnd.choice(vocabulary)
            text = text.capitalize() if k == 0 else text
            text += "." if k == length - 1 else ("," if rnd.random() < 0.08 else "")
            duration = 120 + 55 * len(text)
            words.append(Word(text, t, t + duration))
            t += duration + rnd.choice((20, 40, 80))
        t += rnd.choice((300, 600, 900))
    return Transcript(segments=[Segment("spk1", words)])


def test_lint_finds_nothing_in_the_segmenters_own_output() -> None:
    transcript = _speech(600)
    for profile in ("netflix", "amberscript", "bbc", "youtube"):
        options = resolve_options(profile)
        cues = cues_for(transcript, profile=profile)
        assert lint(cues, options) == [], profile


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from(["netflix", "amberscript", "bbc", "youtube", "netflix-cjk"]))
def test_no_hard_rule_is_broken_by_the_segmenter(seed: int, profile: str) -> None:
    rnd = random.Random(seed)
    words, t = [], 0
    for _ in range(rnd.randint(1, 300)):
        text = rnd.choice(["a", "word", "sentence.", "clause,", "extraordinarily", "Name"])
        duration = rnd.choice([0, 50, 200, 600, 3000])
        words.append(Word(text, t, t + duration))
        t += duration + rnd.choice([0, 30, 400, 2000])
    options = resolve_options(profile)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        cues = cues_for(Transcript(segments=[Segment(None, words)]), profile=profile)
    assert [v for v in lint(cues, options) if v.rule in HARD_RULES] == []


SOURCE = """1
00:00:01,000 --> 00:00:04,000
We drove all the way down to the coast,
and the sea was perfectly calm that day.

2
00:00:04,100 --> 00:00:07,800
Nobody said a single word for hours,
until the sun went down behind the hills.
"""


def test_resegment_recuts_under_new_limits_and_keeps_old_cue_ends_as_hints(tmp_path: Path) -> None:
    source = tmp_path / "episode.srt"
    source.write_text(SOURCE, encoding="utf-8")
    target = tmp_path / "episode.short.srt"
    code, _, err = run("resegment", str(source), "--max-chars-per-row", "32", "--max-rows", "2", "-o", str(target))
    assert code == 0, err
    cues = scribekit.load(target).cues or []
    assert len(cues) > 2 and all(len(line) <= 32 for c in cues for line in c.lines)
    texts = [c.text.replace("\n", " ") for c in cues]
    assert " ".join(texts).split() == " ".join(c.text for c in scribekit.loads(SOURCE).cues or []).split()
    assert any(text.endswith("that day.") for text in texts)  # the old cue end is still a cue end
    assert cues[0].start == 1000 and cues[-1].end >= 7800
    assert all(c.end <= 4100 for c in cues if c.start < 4100)  # nothing of cue 1 runs into cue 2's time


def test_old_cue_ends_are_hints_no_writer_renders(tmp_path: Path) -> None:
    words = as_words(scribekit.loads(SOURCE)).words
    assert [w.text for w in words if w.cue_end] == ["day.", "hills."]
    for name in ("json", "amberscript-json", "happyscribe-json"):
        assert "cue_end" not in str(scribekit.dumps(Transcript(segments=[Segment(None, words)]), name)), name
    source = tmp_path / "episode.srt"
    source.write_text(SOURCE, encoding="utf-8")
    code, out, err = run("resegment", str(source), "--to", "json", "-o", "-")
    assert code == 0, err
    assert "cue_end" not in out
    back = scribekit.loads(out, "json").words
    assert back == words  # the hint takes no part in comparing words
    assert not any(w.cue_end or w.extra for w in back)


def test_resegment_without_output_writes_beside_the_input_and_never_over_it(tmp_path: Path) -> None:
    source = tmp_path / "episode.srt"
    source.write_text(SOURCE, encoding="utf-8")
    code, _, err = run("resegment", str(source), "--max-chars-per-row", "20", "--max-rows", "1")
    assert code == 0, err
    out = (tmp_path / "episode.resegmented.srt").read_text(encoding="utf-8")
    assert all(len(line) <= 20 for line in out.splitlines() if line and "-->" not in line and not line.isdigit())
    assert source.read_text(encoding="utf-8") == SOURCE
    code, _, err = run("resegment", str(source), "--max-chars-per-row", "20")
    assert code == 1 and "exists already" in err


def test_resegment_any_readable_format_to_another(tmp_path: Path) -> None:
    source = tmp_path / "episode.srt"
    source.write_text(SOURCE, encoding="utf-8")
    code, out, _ = run("resegment", str(source), "--profile", "youtube", "--to", "vtt", "-o", "-")
    assert code == 0 and out.startswith("WEBVTT")
    lines = [line for line in out.splitlines() if line and "-->" not in line and line != "WEBVTT"
             and not line.isdigit()]
    assert lines and all(len(line) <= 24 for line in lines)


def test_profiles_are_listed_and_used_by_convert(tmp_path: Path) -> None:
    code, out, _ = run("profiles", "--json")
    assert code == 0 and set(json.loads(out)) >= {"amberscript", "netflix", "netflix-cjk", "bbc", "youtube"}
    source = tmp_path / "episode.srt"
    source.write_text(SOURCE, encoding="utf-8")
    code, out, _ = run("convert", str(source), "--to", "srt", "--profile", "netflix", "-o", "-")
    assert code == 0
    violations = lint(scribekit.loads(out).cues or [], resolve_options("netflix"))
    assert [v for v in violations if v.rule in HARD_RULES] == []
    assert {v.rule for v in violations} <= {"cps"}  # this dialogue is faster than 20 characters a second
    assert run("convert", str(source), "--to", "srt", "--profile", "cinema", "-o", "-")[0] == 2


def test_segment_options_reject_nothing_the_profile_sets() -> None:
    for name in ("amberscript", "netflix", "netflix-cjk", "bbc", "youtube"):
        assert isinstance(resolve_options(name), SegmentOptions)
