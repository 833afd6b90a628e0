"""ATLAS.ti transcripts (--to atlasti): a paragraph a speaker turn, the speaker's name and a colon
first, f4/f5 timestamps #hh:mm:ss-t# (tenths after the hyphen) at the end of each turn or before it,
read back here with a regular expression of the f4/f5 form.

Sources of the forms tested (what each documents, and what could not be verified, is in the
module's docstring, scribekit/formats/atlasti.py):

- ATLAS.ti 22 Windows manual, "Guidelines for Preparing Focus Group Data"
  (https://doc.atlasti.com/ManualWin.v22/FocusGroups/FocusGroupDataGuidelines.html): speakers as
  ``name:`` (pattern 1), its Example A a paragraph a turn: "Alex: I don't know, I'm the sort, ...",
  "Tom: So is that how, ...", "Deb: I'm trying to think exactly ...".
- ATLAS.ti Windows manual, "Working with Multimedia Transcripts"
  (https://manuals.atlasti.com/Win/en/manual/Transcription/WorkingWithMultimediaTranscripts.html):
  "the text segment in the transcript between two timestamps is highlighted" while the media plays.
- The f4/f5 stamp at a paragraph's end, as transcripts by Dresing & Pehl's rules show it:
  "... durch starkes RAUSCHEN hörbar ist. #00:03:22-0#" and "Zeitmarken (#00:00:00-0#) an jedem
  Absatzende" (https://www.schreibbuero-brinkmann.de/transkription-nach-regeln-vereinfacht.html);
  "mindestens aber aller drei Audiominuten" (https://www.transkribisch.de/cgi-bin/transkribisch/03.html).
  Not verified against ATLAS.ti's own documentation, which states no timestamp syntax.
"""
from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import turn_transcripts

import scribekit
from scribekit import OptionError, ScribekitWarning, Segment, Speaker, Transcript, Word
from scribekit.formats import atlasti, writer_for_filename

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
STAMP = re.compile(r"#(\d{2,}):(\d{2}):(\d{2})-(\d)#")
"""The f4/f5 form: hours, minutes, seconds, and tenths after the hyphen."""
LOOSE_STAMP = re.compile(r"#\s*\d+\s*:\s*\d+\s*:\s*\d+(?:\s*[-.,:]\s*\d+)?\s*#")
"""Anything a lenient reader might take for a stamp."""
PIECES = re.compile(r" ?(#\d{2,}:\d{2}:\d{2}-\d#) ?")


def ms(found: str) -> int:
    match = STAMP.fullmatch(found)
    assert match is not None, found
    hours, minutes, seconds, tenth = (int(g) for g in match.groups())
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + tenth * 100


def paragraphs(text: str) -> list[str]:
    assert text.startswith("\ufeff") and text.endswith("\r\n")
    found = text[1:].removesuffix("\r\n").split("\r\n\r\n")
    assert all("\n" not in p and "\r" not in p and p == p.strip() for p in found)
    return found


def parse(paragraph: str, at_end: bool = True) -> list[tuple[int, str]]:
    """The paragraph's runs of text, each with its stamp's time (after the text, or before it)."""
    parts = PIECES.split(paragraph)
    if at_end:
        assert parts[-1] == "", paragraph
        return [(ms(stamp), text) for text, stamp in zip(parts[0:-1:2], parts[1::2])]
    assert parts[0] == "", paragraph
    return [(ms(stamp), text) for stamp, text in zip(parts[1::2], parts[2::2])]


def transcript(*turns: tuple[str | None, list[tuple[str, int, int]]]) -> Transcript:
    segments = [Segment(speaker, [Word(text, start, end) for text, start, end in words]) for speaker, words in turns]
    return Transcript(segments=segments, speakers=[Speaker("a", "Interviewer"), Speaker("b", "Léa")])


def dumps(t: Transcript, **options: object) -> str:
    return str(scribekit.dumps(t, "atlasti", **options))


# --- the documented forms ----------------------------------------------------------------------

def test_the_f4_stamp_of_the_documented_example() -> None:
    assert atlasti.stamp(2020) == "#00:03:22-0#" and ms("#00:03:22-0#") == 202_000
    assert ms("#00:00:00-0#") == 0
    t = Transcript(segments=[Segment(None, [Word("hörbar", 200_000, 201_000), Word("ist.", 201_100, 202_000)])])
    assert paragraphs(dumps(t)) == ["hörbar ist. #00:03:22-0#"]


def test_the_focus_group_example_gives_each_speaker_to_atlas_ti_pattern_one() -> None:
    example = [("Alex", "I don't know, I'm the sort, I don't really struggle to make friends"),
               ("Tom", "So is that how, is that how you met just, just through you striking up a conversation?"),
               ("Deb", "I'm trying to think exactly [laughs] I think that's what it was")]
    segments = [Segment(name, [Word(w, i * 10_000 + j * 300, i * 10_000 + j * 300 + 250)
                               for j, w in enumerate(text.split())]) for i, (name, text) in enumerate(example)]
    t = Transcript(segments=segments, speakers=[Speaker(name, name) for name, _ in example])
    found = paragraphs(dumps(t))
    pattern_one = re.compile(r"(\w+):")  # "name:" (ATLAS.ti's pattern 1)
    for paragraph, (name, text) in zip(found, example, strict=True):
        first = pattern_one.match(paragraph)
        assert first is not None and first.group(1) == name
        assert paragraph.startswith(f"{name}: {text} #")
    # the stamps before each turn put something other than the name first
    assert pattern_one.match(paragraphs(dumps(t, atlasti_timestamps="start"))[0]) is None


# --- paragraphs, stamps, speakers --------------------------------------------------------------

def _three_turns() -> Transcript:
    return transcript(("a", [("Good", 430, 700), ("morning.", 800, 1_260)]), ("b", [("Merci.", 8_049, 9_001)]),
                      (None, [("Bye.", 3_723_456, 3_724_000)]))


def test_stamps_at_the_end_of_each_turn_rounded_up() -> None:
    assert dumps(_three_turns()) == ("\ufeffInterviewer: Good morning. #00:00:01-3#\r\n\r\n"
                                     "Léa: Merci. #00:00:09-1#\r\n\r\n"
                                     "Bye. #01:02:04-0#\r\n")


def test_stamps_before_each_turn_rounded_down() -> None:
    assert dumps(_three_turns(), atlasti_timestamps="start") == ("\ufeff#00:00:00-4# Interviewer: Good morning.\r\n\r\n"
                                                                  "#00:00:08-0# Léa: Merci.\r\n\r\n"
                                                                  "#01:02:03-4# Bye.\r\n")


def test_without_speakers_and_with_colons_in_names() -> None:
    assert paragraphs(dumps(_three_turns(), speakers=False))[0] == "Good morning. #00:00:01-3#"
    t = _three_turns()
    t.speakers[0] = Speaker("a", "Dr: Who")
    assert paragraphs(dumps(t))[0] == "Dr- Who: Good morning. #00:00:01-3#"


def test_a_stamp_every_n_seconds_inside_a_turn() -> None:
    words = [(f"w{i}", i * 1_000 + 200, i * 1_000 + 700) for i in range(25)]
    t = transcript(("a", words), ("b", [("Yes.", 30_000, 30_500)]))
    end = paragraphs(dumps(t, timestamps_every=10.0))
    assert [parse(p) for p in end] == [
        [(9_700, "Interviewer: " + " ".join(f"w{i}" for i in range(10))),
         (19_700, " ".join(f"w{i}" for i in range(10, 20))), (24_700, " ".join(f"w{i}" for i in range(20, 25)))],
        [(30_500, "Léa: Yes.")]]
    start = paragraphs(dumps(t, timestamps_every=10.0, atlasti_timestamps="start"))
    assert [[time for time, _ in parse(p, at_end=False)] for p in start] == [[200, 10_200, 20_200], [30_000]]
    assert len(STAMP.findall(dumps(t))) == 2


def test_stamps_never_run_backwards() -> None:
    overlapping = transcript(("a", [("Long", 1_000, 1_500), ("answer.", 1_600, 6_000)]),
                             ("b", [("Mhm.", 3_000, 3_400)]))
    with pytest.warns(ScribekitWarning, match=r"1 ATLAS.ti timestamp\(s\).*#00:00:06-0#"):
        found = [parse(p) for p in paragraphs(dumps(overlapping))]
    assert [runs[0][0] for runs in found] == [6_000, 6_000]
    unordered = transcript(("a", [("Later.", 5_000, 6_000)]), ("b", [("Earlier.", 1_000, 2_000)]))
    with pytest.warns(ScribekitWarning, match="out of time order"):
        found = [parse(p, at_end=False) for p in paragraphs(dumps(unordered, atlasti_timestamps="start"))]
    assert [runs[0] for runs in found] == [(5_000, "Interviewer: Later."), (5_000, "Léa: Earlier.")]
    # overlapping by 50 ms, the stamps still in order (2.1 then 3.0): no warning (pytest would fail on one)
    in_order = transcript(("a", [("One.", 1_000, 2_050)]), ("b", [("Two.", 2_000, 3_000)]))
    assert [parse(p)[0][0] for p in paragraphs(dumps(in_order))] == [2_100, 3_000]


def test_text_that_could_read_as_a_stamp_is_guarded() -> None:
    t = transcript(("a", [("#00:00:05-0#", 0, 300), ("at", 400, 500), ("12:30:00-1#", 600, 700)]),
                   ("b", [("room", 1_000, 1_200), ("#12", 1_300, 1_500)]))
    with pytest.warns(ScribekitWarning, match="4 '#' next to a digit"):
        text = dumps(t)
    assert [STAMP.findall(p) for p in paragraphs(text)] == [[("00", "00", "00", "7")], [("00", "00", "01", "5")]]
    assert paragraphs(text)[0] == "Interviewer: ＃00:00:05-0＃ at 12:30:00-1＃ #00:00:00-7#"
    hashtags = transcript(("a", [("#tag", 0, 300), ("C#", 400, 500), ("#", 600, 700)]))
    assert paragraphs(dumps(hashtags)) == ["Interviewer: #tag C# # #00:00:00-7#"]


def test_hostile_text_stays_in_its_paragraph() -> None:
    t = transcript(("a", [("line\nbreak\r\n", 0, 300), ("\u2028sep\u2029", 400, 500), ("\x1b\x00", 600, 700),
                          ("שלום", 800, 900), ("\u202eevil", 1_000, 1_100)]), ("b", [("\r\n\r\n", 2_000, 2_100)]))
    with pytest.warns(ScribekitWarning, match="cannot show"):
        text = dumps(t)
    assert paragraphs(text) == ["Interviewer: line break sep שלום evil #00:00:01-1#"]


def test_an_empty_transcript_is_empty() -> None:
    assert dumps(Transcript(segments=[])) == ""


def test_highlights_only() -> None:
    t = transcript(("a", [("Not", 0, 300), ("this.", 400, 700)]),
                   ("b", [("But", 2_000, 2_300), ("this.", 2_400, 2_700)]))
    t.highlights = [scribekit.Highlight(1_900, 3_000, "key")]
    assert paragraphs(dumps(t, highlights_only=True)) == ["Léa: But this. #00:00:02-7#"]


# --- options, names ----------------------------------------------------------------------------

@pytest.mark.parametrize("bad", [{"atlasti_timestamps": "middle"}, {"atlasti_timestamps": "END"},
                                 {"timestamps_every": 0.0}, {"timestamps_every": -1.0},
                                 {"timestamps_every": float("nan")}, {"timestamps_every": float("inf")},
                                 {"inaudible": 2.0}])
def test_bad_options_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(OptionError):
        atlasti.Options(**bad)  # type: ignore[arg-type]


def test_names_and_shared_options() -> None:
    import dataclasses

    from scribekit.formats._document import ConventionOptions, DocumentOptions

    assert writer_for_filename("interview.atlasti.txt").name == "atlasti"
    assert writer_for_filename("interview.txt").name == "txt"
    ours = {f.name: f for f in dataclasses.fields(atlasti.Options)}
    theirs = {f.name: f for f in dataclasses.fields(DocumentOptions)}
    for name in ("speakers", "timestamps_every", "highlights_only"):
        assert ours[name].type == theirs[name].type
    assert issubclass(atlasti.Options, ConventionOptions)
    assert atlasti.Options(conventions="gat2", clean=True).conventions == "gat2"


# --- the samples -------------------------------------------------------------------------------

@pytest.mark.parametrize("sample", ["amberscript/interview.json", "happyscribe/interview.json"])
@pytest.mark.parametrize("at_end", [True, False])
def test_the_samples_give_a_paragraph_and_a_stamp_per_turn(sample: str, at_end: bool) -> None:
    t = scribekit.load(SAMPLES / sample)
    turns = [s for s in t.segments if s.words]
    found = paragraphs(dumps(t, atlasti_timestamps="end" if at_end else "start"))
    assert len(found) == len(turns)
    for paragraph, turn in zip(found, turns):
        [(time, text)] = parse(paragraph, at_end)
        assert 0 <= time - turn.end < 100 if at_end else 0 <= turn.start - time < 100
        assert text == f"{t.speaker_name(turn.speaker)}: " + " ".join(w.text for w in turn.words)


# --- properties --------------------------------------------------------------------------------

_HOSTILE = ["\x00", "\x07", "\x1b", "\x85", "\ud800", "\u202e", "\ufffe", "\n", "\r\n", "\r", "\t", "\u2028",
            "\u2029", "\x0b", "שלום", "مرحبا", "漢字", ":", "#", "-", "1", "#00:00:01-0#", "00:00:01-0", " "]
_ANY_TEXT = st.lists(st.one_of(st.sampled_from(_HOSTILE), st.text(min_size=1, max_size=4)), min_size=1,
                     max_size=4).map("".join)




@settings(max_examples=150, deadline=None)
@given(turn_transcripts(names=("Ana", "Bo: Li")), st.booleans(), st.booleans(),
       st.sampled_from([None, 1.0, 7.5, 180.0]))
def test_every_turn_comes_back_within_a_tenth(t: Transcript, at_end: bool, speakers: bool,
                                               every: float | None) -> None:
    text = dumps(t, atlasti_timestamps="end" if at_end else "start", speakers=speakers, timestamps_every=every)
    found = paragraphs(text)
    assert len(found) == len(t.segments)
    times = []
    for paragraph, turn in zip(found, t.segments):
        runs = parse(paragraph, at_end)
        times += [time for time, _ in runs]
        name = t.speaker_name(turn.speaker)
        prefix = f"{name.replace(':', '-')}: " if speakers and name else ""
        assert " ".join(text for _, text in runs) == prefix + " ".join(w.text for w in turn.words)
        if at_end:
            assert 0 <= runs[-1][0] - turn.end < 100
        else:
            assert 0 <= turn.start - runs[0][0] < 100
        if every is None:
            assert len(runs) == 1
    assert times == sorted(times)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(turn_transcripts(text=_ANY_TEXT, overlaps=True, names=("Ana", "Bo: Li")), st.booleans(),
       st.sampled_from([None, 2.0]))
def test_any_text_and_any_times_keep_the_structure(t: Transcript, at_end: bool, every: float | None) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        text = dumps(t, atlasti_timestamps="end" if at_end else "start", timestamps_every=every)
    if not text:
        return
    found = paragraphs(text)
    assert len(found) <= len(t.segments)
    times = []
    for paragraph in found:
        runs = parse(paragraph, at_end)
        times += [time for time, _ in runs]
        assert len(STAMP.findall(paragraph)) == len(runs) == len(LOOSE_STAMP.findall(paragraph))
        if every is None:
            assert len(runs) == 1
    assert times == sorted(times)
