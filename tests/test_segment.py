"""The segmenter: hard limits always hold, soft ones cost, and the cuts follow the language."""
from __future__ import annotations

import subprocess
import sys
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import segment_limits

from scribekit import (
    Cue,
    Metadata,
    OptionError,
    ScribekitWarning,
    Segment,
    SegmentOptions,
    Transcript,
    Word,
    dumps,
    loads,
    segment,
)
from scribekit.segmentation import cues_for, lint, resolve_options, segmenter, word_segments
from scribekit.segmentation.language import guess_language

word_text = st.text(alphabet="abcdeéfgçhijklmnoüpqrstuvwxyz", min_size=1, max_size=14).flatmap(
    lambda w: st.sampled_from([w, w + ",", w + ".", w + "?", w.capitalize()]))


@st.composite
def transcripts(draw: st.DrawFn) -> Transcript:
    """Provider-like word times, with their faults: zero-length words, words overlapping the
    previous one, long pauses, and now and then an enormous word."""
    segments = []
    t = draw(st.integers(0, 5000))
    for _ in range(draw(st.integers(1, 6))):
        words = []
        for _ in range(draw(st.integers(1, 40))):
            text = draw(st.one_of(word_text, word_text, word_text, st.text("xyz", min_size=40, max_size=90)))
            duration = draw(st.sampled_from([0, 1, 120, 400, 1500, 9000]))
            start = t - draw(st.sampled_from([0, 0, 0, 50, 300]))  # some start before the previous one ends
            words.append(Word(text, max(start, 0), max(start, 0) + duration))
            t += duration + draw(st.sampled_from([0, 0, 40, 300, 2500]))
        segments.append(Segment(draw(st.sampled_from(["spk1", "spk2", "spk3"])), words))
    return Transcript(segments=segments)


def _quiet_segment(transcript: Transcript, options: SegmentOptions) -> list[Cue]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        return segment(transcript.segments, options)


def _check_hard_limits(cues: list[Cue], transcript: Transcript, options: SegmentOptions) -> None:
    words_out = [w for c in cues for line in c.lines for w in line.split()]
    words_in = [w.text for s in transcript.segments for w in s.words]
    assert sorted(words_out) == sorted(words_in)  # cues of overlapping turns are put in time order
    for turn in transcript.segments:  # within a turn the words keep their order
        turn_words = [w for c in cues if c.speaker == turn.speaker for line in c.lines for w in line.split()]
        texts = [w.text for w in turn.words]
        position = -1
        for text in texts:
            position = turn_words.index(text, position + 1)
    first_word_start = min((w.start for s in transcript.segments for w in s.words), default=0)
    for cue in cues:
        assert 1 <= len(cue.lines) <= options.max_rows
        for line in cue.lines:
            assert len(line) <= options.max_chars_per_row or " " not in line, line  # a long word stands alone
        if options.max_chars_per_subtitle and len(cue.text.split()) > 1:
            assert len(" ".join(cue.lines)) <= options.max_chars_per_subtitle
        limit = options.max_duration_ms(len(cue.lines))
        assert cue.start <= cue.end
        assert cue.start >= first_word_start
        if limit is not None:
            assert cue.end - cue.start <= limit
    for before, after in zip(cues, cues[1:]):
        assert before.end <= after.start


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(transcripts(), segment_limits)
def test_hard_limits_hold_on_any_transcript(transcript: Transcript, options: SegmentOptions) -> None:
    _check_hard_limits(_quiet_segment(transcript, options), transcript, options)


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(transcripts())
def test_a_speaker_change_always_starts_a_new_cue(transcript: Transcript) -> None:
    for turn in transcript.segments:  # every word says whose it is
        for i, word in enumerate(turn.words):
            word.text = f"{turn.speaker}:{i}"
    cues = _quiet_segment(transcript, SegmentOptions(max_chars_per_row=60, max_rows=3))
    for cue in cues:
        assert {w.split(":")[0] for w in cue.text.split()} == {cue.speaker}


def test_an_hour_without_punctuation_and_a_thousand_one_word_turns() -> None:
    hour = [Word("word" if i % 7 else "another", i * 360, i * 360 + 300) for i in range(10_000)]
    turns = [Segment(f"spk{i % 2}", [Word("yes", 4_000_000 + i * 500, 4_000_000 + i * 500 + 400)])
             for i in range(1000)]
    transcript = Transcript(segments=[Segment("spk9", hour), *turns])
    options = SegmentOptions()
    cues = _quiet_segment(transcript, options)
    _check_hard_limits(cues, transcript, options)
    assert sum(1 for c in cues if c.text == "yes") == 1000


def test_a_word_longer_than_a_row_stands_alone_and_is_reported() -> None:
    url = "https://example.org/a/very/long/address/that/goes/on"
    words = [Word("See", 0, 300), Word(url, 300, 1200), Word("now.", 1200, 1500)]
    with pytest.warns(ScribekitWarning, match="stands alone on its row"):
        cues = segment([Segment("spk1", words)], SegmentOptions(max_chars_per_row=20, max_rows=3))
    assert [line for c in cues for line in c.lines] == ["See", url, "now."]


def _timed(text: str, gap_after: dict[int, int] | None = None, start: int = 0) -> Segment:
    words, t = [], start
    for i, w in enumerate(text.split()):
        duration = 80 + 60 * len(w)
        words.append(Word(w, t, t + duration))
        t += duration + 40 + (gap_after or {}).get(i, 0)
    return Segment("spk1", words)


def test_sentences_end_cues_and_lines_break_at_punctuation() -> None:
    text = ("The committee met on Tuesday to discuss the budget. After a long debate, "
            "they decided to postpone the vote until next month.")
    cues = _quiet_segment(Transcript(segments=[_timed(text)]), SegmentOptions())
    assert cues[0].lines == ["The committee met on Tuesday", "to discuss the budget."]
    rows = [line for cue in cues[1:] for line in cue.lines]  # the clause ends a row or a cue
    assert rows == ["After a long debate,", "they decided to postpone", "the vote until next month."]


def test_no_break_after_an_article_a_preposition_or_inside_a_name() -> None:
    text = ("Yesterday I went with my old friend Maria Jansen to the small museum in the centre of "
            "Amsterdam and we looked at the paintings for a very long time")
    cues = _quiet_segment(Transcript(segments=[_timed(text)]), SegmentOptions(max_chars_per_row=32))
    lines = [line for c in cues for line in c.lines]
    for line in lines[:-1]:
        assert line.split()[-1].lower() not in {"the", "a", "my", "to", "in", "of", "at", "with", "for"}, lines
    assert not any(line.endswith("Maria") for line in lines), lines


def test_a_long_pause_is_a_natural_cut() -> None:
    segment_ = _timed("we waited for the results and then everything changed for us", gap_after={4: 2500})
    cues = _quiet_segment(Transcript(segments=[segment_]), SegmentOptions())
    assert cues[0].text.replace("\n", " ") == "we waited for the results"


def test_one_line_when_it_fits_balanced_bottom_heavy_otherwise() -> None:
    short = _quiet_segment(Transcript(segments=[_timed("Hello there, my friend.")]), SegmentOptions())
    assert [c.lines for c in short] == [["Hello there, my friend."]]
    long = _quiet_segment(Transcript(segments=[_timed(
        "This sentence is long enough that it has to go onto two rows of text")]), SegmentOptions())
    assert len(long) == 1 and len(long[0].lines) == 2
    top, bottom = long[0].lines
    assert abs(len(top) - len(bottom)) <= 14 and len(top) <= len(bottom) + 4


def test_timing_minimum_duration_gaps_in_frames_and_closed_gaps() -> None:
    first = Segment("spk1", [Word("Hi.", 1000, 1200)])
    second = Segment("spk2", [Word("Hello", 1500, 1900), Word("again.", 1900, 2400)])
    third = Segment("spk1", [Word("Bye.", 2700, 3000)])
    options = resolve_options("netflix", dialogue_dashes=False)  # three cues' timing, not one dialogue cue
    cues = _quiet_segment(Transcript(segments=[first, second, third]), options)
    gap = round(2 * 1000 / 25)
    assert cues[0].start == 1000 and cues[0].end == 1500 - gap  # extended toward 833 ms, stops 2 frames early
    assert cues[1].start == 1500 and cues[1].end == 2700 - gap  # a 300 ms gap (< 12 frames) closed to 2
    assert cues[2].end == 2700 + 833  # minimum duration into the silence at the end


def test_never_before_the_speech_and_never_overlapping_with_provider_overlaps() -> None:
    words = [Word("one", 1000, 1600), Word("two", 1200, 1500), Word("three", 1100, 2000)]
    other = Segment("spk2", [Word("four", 1300, 1800)])
    cues = _quiet_segment(Transcript(segments=[Segment("spk1", words), other]), SegmentOptions())
    assert min(c.start for c in cues) >= 1000
    for before, after in zip(cues, cues[1:]):
        assert before.end <= after.start


def test_screen_time_per_row_of_the_amberscript_profile() -> None:
    words = [Word(f"w{i}", i * 400, i * 400 + 350) for i in range(30)]
    cues = cues_for(Transcript(segments=[Segment(None, words)]), profile="amberscript")
    assert all(c.end - c.start <= 2000 * len(c.lines) for c in cues)


def test_legacy_pair_max_chars_per_subtitle_and_subtitle_duration_max() -> None:
    words = [Word("word", i * 300, i * 300 + 250) for i in range(40)]
    cues = _quiet_segment(Transcript(segments=[Segment(None, words)]),
                          SegmentOptions(max_chars_per_subtitle=20, subtitle_duration_max=1000, min_duration=None))
    assert all(len(" ".join(c.lines)) <= 20 and c.end - c.start <= 1000 for c in cues)
    assert len(cues) >= 10


def test_a_profile_is_overridden_by_single_options() -> None:
    options = resolve_options("netflix", max_chars_per_row=37)
    assert options.max_chars_per_row == 37 and options.max_cps == 20
    assert resolve_options("short-form").max_chars_per_row == 24
    assert resolve_options("amberscript", defaults={"max_chars_per_row": 40}).max_chars_per_row == 42
    with pytest.raises(OptionError, match="unknown profile"):
        resolve_options("cinema")


def test_cues_of_a_subtitle_file_are_kept_unless_limits_or_a_profile_are_given() -> None:
    cues = [Cue(0, 5000, ["A first cue that is rather long, longer than twenty"]), Cue(4000, 6000, ["overlap"])]
    transcript = Transcript(cues=cues)
    assert cues_for(transcript) is cues  # as they are, overlap included
    recut = cues_for(transcript, max_chars_per_row=20)
    assert all(len(line) <= 20 for c in recut for line in c.lines)
    assert [w for c in recut for w in c.text.split()] == [w for c in cues for w in c.text.split()]
    assert cues_for(transcript, profile="youtube") is not cues
    assert cues_for(transcript, fps=30.0, language="fr") is cues  # no limit given: nothing to cut anew


def test_cjk_text_breaks_between_characters_but_never_inside_a_latin_word() -> None:
    text = "我们今天讨论字幕的制作方法以及专业字幕员如何断句这是一个很重要的问题我们使用Amberscript工具来完成"
    words = [Word(text, 0, 12_000)]
    options = resolve_options("netflix-cjk")
    cues = _quiet_segment(Transcript(segments=[Segment(None, words)]), options)
    lines = [line for c in cues for line in c.lines]
    assert "".join(lines) == text
    assert all(len(line) <= 16 or line == "Amberscript" for line in lines)
    assert any("Amberscript" in line for line in lines)
    assert not any(" " in line for line in lines)


def test_the_language_comes_from_metadata_option_or_the_text() -> None:
    english = "the cat sat on the mat and we looked at it for a while because it was there".split() * 2
    french = "le chat est sur le tapis et nous le regardons depuis un moment parce que il est là".split() * 2
    assert guess_language(english) == "en"
    assert guess_language(french) == "fr"
    assert guess_language(["zzz"] * 50) is None


def test_options_out_of_range_are_refused() -> None:
    for bad in ({"max_chars_per_row": 0}, {"max_rows": -1}, {"max_rows": 10 ** 9}, {"max_duration": 0}, {"fps": 0},
                {"min_duration": 8.0, "max_duration": 7.0}, {"max_cps": -3}):
        with pytest.raises(OptionError):
            SegmentOptions(**bad)


def test_dumps_passes_limits_to_the_segmenter() -> None:
    words = [Word(w, i * 300, i * 300 + 280) for i, w in enumerate("one two three four five six seven".split())]
    transcript = Transcript(segments=[Segment(None, words)])
    with pytest.warns(ScribekitWarning, match="soft limit min-duration"):  # 300 ms words, 833 ms asked
        text = str(dumps(transcript, "mpl2", max_chars_per_row=9, max_rows=1))
    assert all(len(line.split("] ", 1)[1]) <= 9 for line in text.splitlines())


def test_soft_limits_are_reported_where_the_speech_is_too_fast() -> None:
    fast = [Word("supercalifragilistic", i * 100, i * 100 + 90) for i in range(20)]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ScribekitWarning)
        cues = segment([Segment(None, fast)], resolve_options("netflix"))
    assert any("soft limit cps where the speech leaves no room" in str(w.message) for w in caught)
    assert any(v.rule == "cps" for v in lint(cues, resolve_options("netflix")))


def test_a_transcript_is_cut_as_its_segments_are_in_its_language(monkeypatch: pytest.MonkeyPatch) -> None:
    turns = [_timed("Bonjour à tous, nous allons parler de la fabrication des sous-titres aujourd'hui."),
             _timed("Et le travail des sous-titreurs professionnels est très important.", start=9000)]
    turns[1].speaker = "spk2"
    transcript = Transcript(segments=turns, metadata=Metadata(language="fr"))
    options = SegmentOptions(max_chars_per_row=24)
    asked: list[str | None] = []
    real = segmenter.word_lists
    monkeypatch.setattr(segmenter, "word_lists", lambda language: asked.append(language) or real(language))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        cues = segment(transcript, options)
        assert cues == segment(transcript.segments, options, language="fr")
        assert len(cues) > 2 and {c.speaker for c in cues} == {"spk1", "spk2"}
        segment(transcript, options, language="de")  # a language given wins over the metadata's
        segment(transcript, SegmentOptions(language="en"), language="de")  # the options' over both
    assert asked == ["fr", "fr", "de", "en"]


def test_a_transcript_read_from_srt_is_cut_anew_from_its_cues() -> None:
    transcript = loads("1\n00:00:01,000 --> 00:00:04,000\nWe drove all the way down to the coast,\n"
                       "and the sea was perfectly calm that day.\n\n2\n00:00:04,100 --> 00:00:07,800\n"
                       "Nobody said a single word for hours,\nuntil the sun went down behind the hills.\n")
    assert transcript.cues is not None and transcript.segments == []
    options = SegmentOptions(max_chars_per_row=32)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        cues = segment(transcript, options)
        assert cues == segment(word_segments(transcript), options)
    assert cues != transcript.cues and all(len(line) <= 32 for c in cues for line in c.lines)
    assert " ".join(c.text for c in cues).split() == " ".join(c.text for c in transcript.cues).split()
    assert any(c.text.endswith("that day.") for c in cues)  # the old cue end is still a cue end
    assert transcript.cues[0].lines[0] == "We drove all the way down to the coast,"  # the source is left alone


def test_the_package_the_function_and_the_model_class_keep_their_names() -> None:
    """scribekit.segmentation is the package, scribekit.segment the function, scribekit.Segment
    the speaker turn, whichever modules were imported first."""
    check = ("import scribekit.segmentation.segmenter, scribekit, types\n"
             "assert scribekit.segment is scribekit.segmentation.segmenter.segment\n"
             "assert isinstance(scribekit.segment, types.FunctionType)\n"
             "assert isinstance(scribekit.segmentation, types.ModuleType)\n"
             "assert scribekit.Segment is scribekit.model.Segment\n")
    subprocess.run([sys.executable, "-c", check], check=True)
