"""Per-language Netflix profiles, and `--profile netflix` picking the language's own."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import scribekit
from scribekit import Metadata, Segment, Transcript, Word
from scribekit.cli import cli
from scribekit.markup import strip_tags
from scribekit.segmentation import PROFILES, cues_for, profile, resolve_options
from scribekit.segmentation.profiles import BY_LANGUAGE

# The numbers of the language profiles, as read in Netflix's timed text style guides (13 full-width characters
# a row in Japanese, 16 in Korean and Chinese, 35 in Thai, 42 in Arabic), and the reading speeds.
EXPECTED = {"netflix-ja": (13, 4.0), "netflix-ko": (16, 12.0), "netflix-zh": (16, 9.0), "netflix-th": (35, 17.0),
            "netflix-ar": (42, 17.0), "netflix-hi": (42, 22.0)}


@pytest.mark.parametrize(("language", "name"), [
    ("ja", "netflix-ja"), ("ja-JP", "netflix-ja"), ("JA_jp", "netflix-ja"), ("ko", "netflix-ko"),
    ("zh", "netflix-zh"), ("zh-Hant", "netflix-zh"), ("zh_TW", "netflix-zh"), ("th", "netflix-th"),
    ("ar-EG", "netflix-ar"), ("hi", "netflix-hi"),
    ("en", "netflix"), ("pt_BR", "netflix"), ("xx", "netflix"), ("", "netflix"), (None, "netflix")])
def test_netflix_stands_for_the_languages_own_profile(language: str | None, name: str) -> None:
    assert profile("netflix", language).name == name
    assert profile("Netflix", language).name == name


def test_only_the_netflix_family_follows_the_language() -> None:
    assert profile("bbc", "ja").name == "bbc"
    assert profile("netflix-cjk", "ja").name == "netflix-cjk"
    assert profile("netflix-ja", "ko").name == "netflix-ja"  # a profile named outright stays
    assert set(BY_LANGUAGE["netflix"].values()) == set(EXPECTED) <= set(PROFILES)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_language_profiles_limits(name: str) -> None:
    options = resolve_options(name)
    assert (options.max_chars_per_row, options.max_cps) == EXPECTED[name]
    netflix = resolve_options("netflix")
    assert options.max_rows == 2
    assert (options.max_duration, options.min_duration, options.min_gap_frames, options.close_gaps_frames) == (
        netflix.max_duration, netflix.min_duration, netflix.min_gap_frames, netflix.close_gaps_frames)


def test_the_language_given_then_the_formats_then_the_transcripts() -> None:
    assert resolve_options("netflix", language="ja").max_chars_per_row == 13
    assert resolve_options("netflix", transcript_language="ja-JP").max_chars_per_row == 13
    assert resolve_options("netflix", defaults={"language": "ko"}, transcript_language="ja").max_chars_per_row == 16
    assert resolve_options("netflix", language="en", transcript_language="ja").max_chars_per_row == 42
    assert resolve_options("netflix", transcript_language="pt_BR").max_chars_per_row == 42
    assert resolve_options("netflix", language="ja", max_chars_per_row=20).max_chars_per_row == 20  # a flag wins
    assert resolve_options(transcript_language="ja").max_chars_per_row == 42  # no profile, no change


def test_dialogue_dashes_are_on_in_the_netflix_profiles_and_can_be_turned_off() -> None:
    assert resolve_options().dialogue_dashes is False
    assert resolve_options("bbc").dialogue_dashes is False
    assert resolve_options("netflix").dialogue_dashes is True
    assert resolve_options("netflix", transcript_language="ko").dialogue_dashes is True
    assert resolve_options("netflix", dialogue_dashes=False).dialogue_dashes is False
    assert resolve_options("bbc", dialogue_dashes=True).dialogue_dashes is True
    # the Japanese guide gives no dash for two speakers: netflix-ja and netflix-cjk leave them off
    assert resolve_options("netflix", language="ja").dialogue_dashes is False
    assert resolve_options("netflix-cjk").dialogue_dashes is False


_JAPANESE = ("私 は 昨日 の 夕方 に 友達 と 一緒 に 駅前 の 新しい 喫茶店 で コーヒー を 飲み ながら 話し ました 。 "
             "明日 も 晴れる と いい です ね 。")


def _japanese(language: str | None) -> Transcript:
    words = [Word(text, 1000 + i * 300, 1250 + i * 300) for i, text in enumerate(_JAPANESE.split())]
    return Transcript([Segment(None, words)], metadata=Metadata(language=language))


def _rows(cues: list[scribekit.Cue]) -> list[int]:
    return [len(strip_tags(line)) for cue in cues for line in cue.lines]


@pytest.mark.filterwarnings("ignore:.*soft limit cps")  # about 6 characters a second: over 4
def test_a_japanese_transcript_cut_under_netflix_gets_rows_of_13() -> None:
    rows = _rows(cues_for(_japanese("ja"), profile="netflix"))
    assert rows and max(rows) <= 13
    assert max(_rows(cues_for(_japanese("ja"), profile="netflix-cjk"))) > 13  # so the 13 is the profile's
    # a language with no profile of its own, or none known: the general netflix rows of 42
    assert max(_rows(cues_for(_japanese("en"), profile="netflix"))) > 16
    assert max(_rows(cues_for(_japanese(None), profile="netflix"))) > 16


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_the_command_line_picks_the_profile_from_the_transcripts_language(tmp_path: Path) -> None:
    source = tmp_path / "ja.json"
    source.write_text(scribekit.dumps(_japanese("ja"), "json"), encoding="utf-8")
    code, out, err = _run("convert", str(source), "--profile", "netflix", "--to", "srt", "-o", "-")
    assert code == 0, err
    rows = [line for line in out.splitlines() if line and "-->" not in line and not line.isdigit()]
    assert rows and max(map(len, rows)) <= 13
    code, out, err = _run("convert", str(source), "--profile", "netflix", "--language", "en", "--to", "srt", "-o", "-")
    assert code == 0, err
    rows = [line for line in out.splitlines() if line and "-->" not in line and not line.isdigit()]
    assert max(map(len, rows)) > 16


def test_profiles_lists_the_language_profiles_and_which_one_a_language_picks() -> None:
    code, out, err = _run("profiles")
    assert code == 0, err
    assert "by language: ja netflix-ja, ko netflix-ko, zh netflix-zh, th netflix-th, ar netflix-ar, hi netflix-hi" \
        in out
    assert "--dialogue-dashes" in out and "True" not in out
    code, out, err = _run("profiles", "--json")
    listed = json.loads(out)
    assert listed["netflix"]["by_language"]["ja"] == "netflix-ja" and "by_language" not in listed["bbc"]
    assert listed["netflix-ja"]["limits"]["max_chars_per_row"] == 13


def test_lint_checks_a_file_against_its_languages_profile(tmp_path: Path) -> None:
    source = tmp_path / "ja.vtt"  # one row of 17 characters in 3 s
    source.write_text("WEBVTT\nLanguage: ja\n\n00:00:01.000 --> 00:00:04.000\n私は昨日の夕方に友達と一緒に駅前の\n",
                      encoding="utf-8")
    code, out, _ = _run("lint", str(source), "--profile", "netflix")
    assert code == 1 and "row 1 has 17 characters (limit 13)" in out and "5.7 characters a second (limit 4)" in out
    code, out, _ = _run("lint", str(source), "--profile", "netflix", "--language", "en")
    assert code == 0 and out == ""
