"""``--remove-hi`` and ``--fix`` on a corpus of subtitle files written for these tests
(``tests/data/cleanup``, see its README.txt): episodes and interviews in six languages and four
shapes of file, mostly clean cues, with defects planted in some, each for exactly one rule.
``manifest.json`` lists every planted defect (the cue's start as the file writes it, the rule
that must report it): the rules must report exactly those, and leave every other cue as it is."""
from __future__ import annotations

import copy
import json
import re
import warnings
from pathlib import Path
from typing import Any

import pytest

from scribekit.changes import Change
from scribekit.cleanup import Cleanup, clean_cues
from scribekit.formats import read_all
from scribekit.model import Cue

DATA = Path(__file__).parent / "data" / "cleanup"
MANIFEST: dict[str, Any] = json.loads((DATA / "manifest.json").read_text("utf-8"))
FILES: list[dict[str, Any]] = MANIFEST["files"]
HI_RULES = ("hi-sound", "hi-speaker", "hi-music", "hi-empty")
TIMING_RULES = frozenset({"short-cues", "identical-cues"})
"""Rules whose report of a cue they keep gives its times (``HH:MM:SS.mmm --> HH:MM:SS.mmm``), not
its text: a short cue extended or merged, the first of two identical cues taking the second's time.
A cue removed is reported with its text."""
MIN_DURATION_MS = 833
GAP_MS = 80
KINDS = ("remove-hi", "fix")


def _fix_rules() -> tuple[str, ...]:
    from scribekit.cleanup import fixes

    return fixes.RULES


def _ms(text: str) -> int:
    """A start as the manifest writes it (SRT ``00:01:02,345``, WebVTT ``00:01:02.345``, ASS
    ``0:01:02.34``) in ms."""
    match = re.fullmatch(r"(\d+):(\d\d):(\d\d)[,.](\d{2,3})", text)
    assert match, f"manifest: {text!r} is not a time"
    fraction = int(match[4]) * (10 if len(match[4]) == 2 else 1)
    return ((int(match[1]) * 60 + int(match[2])) * 60 + int(match[3])) * 1000 + fraction


def _times(cue: Cue) -> str:
    def one(ms: int) -> str:
        return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"

    return f"{one(cue.start)} --> {one(cue.end)}"


def _text(cue: Cue) -> str:
    return "\n".join(cue.lines)


def _read(entry: dict[str, Any]) -> list[Cue]:
    """The file's cues, and exactly the reader's warnings the manifest expects (a cp1252 file's
    detected encoding, an SRT tag left open)."""
    data = (DATA / entry["file"]).read_bytes()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        transcripts = read_all(data, filename=entry["file"])
    messages = sorted(str(warning.message) for warning in caught)
    assert messages == sorted(entry.get("read_warnings", [])), entry["file"]
    assert len(transcripts) == 1
    return transcripts[0].cues


def _expected(entry: dict[str, Any], kind: str, rules: tuple[str, ...] | None = None) -> set[tuple[int, str]]:
    return {(_ms(change["start"]), change["rule"]) for change in entry["changes"]
            if change["rule"].startswith("hi-") == (kind == "remove-hi")
            and (rules is None or change["rule"] in rules)}


def _clean(cues: list[Cue], entry: dict[str, Any], kind: str,
           rules: tuple[str, ...] | None = None) -> tuple[list[Cue], list[Change]]:
    given = copy.deepcopy(cues)
    if kind == "remove-hi":
        out, changes = clean_cues(cues, Cleanup(remove_hi=True), language=entry["language"])
    else:
        out, changes = clean_cues(cues, Cleanup(fixes=rules or _fix_rules()), language=entry["language"],
                                  min_duration_ms=MIN_DURATION_MS, gap_ms=GAP_MS)
    assert cues == given, "the cues given were changed"
    return out, changes


def _describe(pairs: set[tuple[int, str]], cues: list[Cue]) -> list[str]:
    text = {cue.start: _text(cue) for cue in cues}
    return [f"{_times(Cue(start, start, []))[:12]} {rule}: {text.get(start)!r}" for start, rule in sorted(pairs)]


def _removals(changes: list[Change]) -> int:
    return sum(1 for change in changes if change.after == "")


@pytest.fixture(params=FILES, ids=[entry["file"] for entry in FILES])
def entry(request: pytest.FixtureRequest) -> dict[str, Any]:
    result: dict[str, Any] = request.param
    return result


@pytest.mark.parametrize("kind", KINDS)
def test_the_rules_report_exactly_the_planted_defects(entry: dict[str, Any], kind: str) -> None:
    cues = _read(entry)
    _, changes = _clean(cues, entry, kind)
    got = {(change.start, change.rule) for change in changes}
    expected = _expected(entry, kind)
    assert (_describe(expected - got, cues), _describe(got - expected, cues)) == ([], []), \
        "(missing, not planted)"


def test_each_fix_rule_alone_reports_its_own_defects(entry: dict[str, Any]) -> None:
    cues = _read(entry)
    wrong = {}
    for rule in _fix_rules():
        _, changes = _clean(cues, entry, "fix", (rule,))
        got = {(change.start, change.rule) for change in changes}
        expected = _expected(entry, "fix", (rule,))
        if got != expected:
            wrong[rule] = (_describe(expected - got, cues), _describe(got - expected, cues))
    assert wrong == {}, "rule: (missing, not planted)"


@pytest.mark.parametrize("kind", KINDS)
def test_every_cue_not_reported_comes_out_as_it_went_in(entry: dict[str, Any], kind: str) -> None:
    cues = _read(entry)
    out, changes = _clean(cues, entry, kind)
    reported = {change.start for change in changes}
    out_by_start = {cue.start: cue for cue in out}
    assert len(out_by_start) == len(out), "two cues out start together"
    given_starts = {cue.start for cue in cues}
    assert set(out_by_start) <= given_starts, "a cue out starts where no cue went in"
    assert [cue.start for cue in out] == sorted(out_by_start)
    for cue in cues:
        if cue.start in reported:
            continue
        assert cue.start in out_by_start, f"{_times(cue)} {_text(cue)!r} removed unreported"
        after = out_by_start[cue.start]
        assert (after.start, after.end, after.lines) == (cue.start, cue.end, cue.lines), _times(cue)


@pytest.mark.parametrize("kind", KINDS)
def test_cues_in_and_out_agree_with_the_removals_reported(entry: dict[str, Any], kind: str) -> None:
    cues = _read(entry)
    out, changes = _clean(cues, entry, kind)
    assert len(out) == len(cues) - _removals(changes)
    removed = {change.start for change in changes if change.after == ""}
    assert not removed & {cue.start for cue in out}, "a cue reported removed is still there"


@pytest.mark.parametrize("kind", KINDS)
def test_each_report_names_its_cue_as_it_went_in(entry: dict[str, Any], kind: str) -> None:
    cues = _read(entry)
    _, changes = _clean(cues, entry, kind)
    by_start = {cue.start: cue for cue in cues}
    for change in changes:
        assert change.start in by_start, change
        cue = by_start[change.start]
        timing = change.rule in TIMING_RULES and change.after != ""
        assert change.before == (_times(cue) if timing else _text(cue)), change
        assert change.after != change.before or change.after == "", change
    if kind == "remove-hi":
        # one step: the numbers are the cues' own
        for change in changes:
            assert cues[change.cue - 1].start == change.start, change


@pytest.mark.parametrize("kind", KINDS)
def test_each_planted_cue_comes_out_as_the_manifest_says(entry: dict[str, Any], kind: str) -> None:
    cues = _read(entry)
    out, changes = _clean(cues, entry, kind)
    reported = {(change.start, change.rule): change.after for change in changes}
    out_by_start = {cue.start: cue for cue in out}
    for planted in entry["changes"]:
        key = (_ms(planted["start"]), planted["rule"])
        if key not in _expected(entry, kind) or key not in reported:
            continue  # the first test says what is missing
        assert reported[key] == planted["after"], planted
        cue = out_by_start.get(key[0])
        if planted["after"] == "":
            assert cue is None, planted
        else:
            assert cue is not None, planted
            timing = planted["rule"] in TIMING_RULES
            assert (_times(cue) if timing else _text(cue)) == planted["after"], planted


@pytest.mark.parametrize("kind", KINDS)
def test_every_cue_not_reported_is_the_same_object(entry: dict[str, Any], kind: str) -> None:
    cues = _read(entry)
    out, changes = _clean(cues, entry, kind)
    reported = {change.start for change in changes}
    kept = {id(cue) for cue in out}
    assert [_times(cue) for cue in cues if cue.start not in reported and id(cue) not in kept] == []


@pytest.mark.parametrize("kind", KINDS)
def test_each_report_numbers_its_cue_in_the_cues_its_step_was_given(entry: dict[str, Any], kind: str) -> None:
    """remove_hi is one step; each fix rule is a step of its own, given the cues the rules before
    it left (``empty-cues`` removes some before ``identical-cues`` and ``short-cues`` number theirs)."""
    cues = _read(entry)
    _, changes = _clean(cues, entry, kind)
    order = [] if kind == "remove-hi" else list(_fix_rules())

    def step(rule: str) -> int:
        return order.index(rule) if order else 0

    for change in changes:
        gone = {other.start for other in changes if other.after == "" and step(other.rule) < step(change.rule)}
        given = [cue.start for cue in cues if cue.start not in gone]
        assert given.index(change.start) + 1 == change.cue, change


@pytest.mark.parametrize("kind", KINDS)
def test_a_second_pass_finds_nothing(entry: dict[str, Any], kind: str) -> None:
    out, _ = _clean(_read(entry), entry, kind)
    again, changes = _clean(out, entry, kind)
    assert changes == []
    assert again == out


def test_hearing_impaired_text_then_the_fixes_report_both_sets(entry: dict[str, Any]) -> None:
    cues = _read(entry)
    _, changes = clean_cues(cues, Cleanup(remove_hi=True, fixes=_fix_rules()), language=entry["language"],
                            min_duration_ms=MIN_DURATION_MS, gap_ms=GAP_MS)
    expected = _expected(entry, "remove-hi") | _expected(entry, "fix")
    assert sorted((change.start, change.rule) for change in changes) == sorted(expected)


def test_the_fixes_with_keep_hi_report_the_same_set(entry: dict[str, Any]) -> None:
    """No planted fix is inside hearing-impaired text, and no hearing-impaired text needs a fix."""
    cues = _read(entry)
    _, changes = clean_cues(cues, Cleanup(keep_hi=True, fixes=_fix_rules()), language=entry["language"],
                            min_duration_ms=MIN_DURATION_MS, gap_ms=GAP_MS)
    assert {(change.start, change.rule) for change in changes} == _expected(entry, "fix")


def test_the_corpus_meets_its_own_bar() -> None:
    rules = set(HI_RULES) | set(_fix_rules())
    planted: dict[str, int] = {}
    languages = set()
    total = 0
    for entry in FILES:
        cues = _read(entry)
        assert len(cues) == entry["cues"], entry["file"]
        starts = [cue.start for cue in cues]
        assert len(set(starts)) == len(starts) and starts == sorted(starts), entry["file"]
        by_start = {cue.start: cue for cue in cues}
        seen = set()
        for change in entry["changes"]:
            assert change["rule"] in rules, change
            start = _ms(change["start"])
            assert start in by_start, (entry["file"], change)
            assert _text(by_start[start]) == change["text"], (entry["file"], change)
            assert isinstance(change["after"], str), change
            assert change["after"] == "" or change["after"] != change["text"], change
            assert (start, change["rule"]) not in seen, (entry["file"], change)
            seen.add((start, change["rule"]))
            planted[change["rule"]] = planted.get(change["rule"], 0) + 1
        planted_cues = {start for start, _ in seen}
        assert len(planted_cues) * 3 < len(cues), f"{entry['file']}: most cues must be clean"
        languages.add(entry["language"])
        total += len(cues)
    assert total >= 300
    assert len(languages) >= 6
    assert sorted(rules - set(planted)) == []
    assert {entry["format"] for entry in FILES} >= {"srt", "vtt", "ass"}
    raw = {entry["file"]: (DATA / entry["file"]).read_bytes() for entry in FILES}
    assert any(data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data for data in raw.values())
    assert any(entry["encoding"] == "cp1252" for entry in FILES)
    for entry in FILES:
        raw[entry["file"]].decode(entry["encoding"])
