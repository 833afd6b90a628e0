"""MAXQDA transcripts: one paragraph a speaker turn, each starting with its #hh:mm:ss-t#
timestamp and the speaker's name and a colon, as MAXQDA's transcript and focus-group
imports read them."""
from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import scribekit
from scribekit import Highlight, ScribekitWarning, Segment, Speaker, Transcript, Word
from scribekit.cli import cli
from scribekit.formats import maxqda, writer_for_filename

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PARAGRAPH = re.compile(r"#(\d\d):(\d\d):(\d\d)-(\d)#(?:([^:\n]+): )?(.*)")


def transcript(*turns: tuple[str | None, list[tuple[str, int]]], speakers: list[Speaker] | None = None) -> Transcript:
    segments = [Segment(speaker, [Word(text, start, start + 300) for text, start in words]) for speaker, words in turns]
    return Transcript(segments=segments, speakers=speakers or [Speaker("a", "Interviewer"), Speaker("b", "Léa")])


def test_paragraphs_timestamps_and_speakers() -> None:
    t = transcript(("a", [("Good", 430), ("morning.", 800)]), ("b", [("Merci", 8_049), ("beaucoup.", 8_400)]),
                   ("a", [("Bye.", 3_723_456)]))
    assert scribekit.dumps(t, "maxqda") == ("#00:00:00-4#Interviewer: Good morning.\n"
                                            "\n"
                                            "#00:00:08-0#Léa: Merci beaucoup.\n"
                                            "\n"
                                            "#01:02:03-4#Interviewer: Bye.\n")
    assert scribekit.dumps(t, "maxqda", speakers=False).splitlines()[0] == "#00:00:00-4#Good morning."


def test_timestamps_round_down_to_the_tenth() -> None:
    assert [maxqda.timestamp(ms) for ms in (0, 99, 100, 4_999, 59_999, 3_600_000, 360_000_000, -20)] == [
        "#00:00:00-0#", "#00:00:00-0#", "#00:00:00-1#", "#00:00:04-9#", "#00:00:59-9#", "#01:00:00-0#",
        "#100:00:00-0#", "#00:00:00-0#"]


def test_names_are_codes_the_first_colon_ends() -> None:
    t = transcript(("a", [("Yes:", 0), ("no.", 400)]), (None, [("Unknown", 1_000)]),
                   speakers=[Speaker("a", "Dr: Who\tis")])
    lines = scribekit.dumps(t, "maxqda").split("\n\n")
    assert lines == ["#00:00:00-0#Dr- Who is: Yes: no.", "#00:00:01-0#Unknown\n"]


def test_highlights_only_cjk_spacing_and_hostile_text() -> None:
    t = transcript(("a", [("我们", 0), ("明天", 300), ("见。", 600)]),
                   ("b", [("Line\nbreak", 2_000), ("\x1bhere", 2_300)]))
    t.highlights = [Highlight(2_000, 2_200)]
    with pytest.warns(ScribekitWarning, match="cannot show"):
        written = scribekit.dumps(t, "maxqda")
    assert written == "#00:00:00-0#Interviewer: 我们明天见。\n\n#00:00:02-0#Léa: Line break here\n"
    assert scribekit.dumps(t, "maxqda", highlights_only=True) == "#00:00:02-0#Léa: Line break\n"


def test_subtitle_files_and_provider_exports_both_work(tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        from_srt = scribekit.dumps(scribekit.load(SAMPLES / "subtitles" / "interview.srt"), "maxqda")
        export = scribekit.load(SAMPLES / "amberscript" / "interview.json")
    assert all(PARAGRAPH.fullmatch(p) for p in from_srt.strip().split("\n\n"))
    assert writer_for_filename("interview.maxqda.txt").name == "maxqda"
    assert writer_for_filename("interview.txt").name == "txt"
    out = tmp_path / "interview.maxqda.txt"
    result = CliRunner().invoke(cli, ["convert", str(SAMPLES / "amberscript" / "interview.json"), "--to", "maxqda",
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    paragraphs = out.read_bytes().decode("utf-8").strip().split("\n\n")
    assert len(paragraphs) == len([s for s in export.segments if s.words])
    first = PARAGRAPH.fullmatch(paragraphs[0])
    assert first is not None and first.group(5) == export.speaker_name(export.segments[0].speaker)


word_text = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéüß,.?", min_size=1, max_size=10)


@st.composite
def transcripts(draw: st.DrawFn) -> Transcript:
    t = draw(st.integers(0, 10_000_000))
    segments = []
    for _ in range(draw(st.integers(1, 6))):
        words = []
        for _ in range(draw(st.integers(1, 12))):
            length = draw(st.integers(30, 900))
            words.append(Word(draw(word_text), t, t + length))
            t += length + draw(st.sampled_from([0, 10, 400]))
        segments.append(Segment(draw(st.sampled_from(["a", "b", None])), words))
    return Transcript(segments=segments, speakers=[Speaker("a", "Ana"), Speaker("b", "Bo Li")])


@settings(max_examples=100, deadline=None)
@given(transcripts())
def test_every_turn_comes_back_from_the_text_at_most_a_tenth_early(t: Transcript) -> None:
    paragraphs = scribekit.dumps(t, "maxqda").rstrip("\n").split("\n\n")
    assert len(paragraphs) == len(t.segments)
    for paragraph, segment in zip(paragraphs, t.segments):
        match = PARAGRAPH.fullmatch(paragraph)
        assert match is not None, paragraph
        hours, minutes, secs, tenth = (int(match.group(i)) for i in range(1, 5))
        ms = ((hours * 60 + minutes) * 60 + secs) * 1000 + tenth * 100
        assert 0 <= segment.start - ms < 100
        assert match.group(5) == t.speaker_name(segment.speaker)
        assert match.group(6) == " ".join(w.text for w in segment.words)
