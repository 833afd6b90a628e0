"""Transcription conventions (scribekit.conventions): pause marks, inaudible marks, clean transcripts
(fillers and false starts), speaker abbreviations. Every expected text here was worked out by hand
from the rules in the package's docstring."""
from __future__ import annotations

import copy
import re

import pytest

from scribekit import Cue, OptionError, ScribekitWarning, Segment, Speaker, Transcript, Word
from scribekit.conventions import apply, cleans
from scribekit.conventions.clean import filler_key, language_data
from scribekit.conventions.marks import PAUSE_FLOOR_MS, inaudible_mark, pause_mark
from scribekit.formats._document import ConventionOptions


def words(*items: str | tuple[str, int, int] | tuple[str, int, int, float | None], gap: int = 50) -> list[Word]:
    """Words of 200 ms each, ``gap`` ms apart, unless given as (text, start, end[, confidence])."""
    out: list[Word] = []
    t = 0
    for item in items:
        if isinstance(item, str):
            out.append(Word(item, t, t + 200))
        else:
            out.append(Word(item[0], item[1], item[2], item[3] if len(item) > 3 else None))
        t = out[-1].end + gap
    return out


def transcript(*turns: list[Word], language: str | None = "en", speakers: list[str] | None = None) -> Transcript:
    ids = speakers or ["a"] * len(turns)
    t = Transcript(segments=[Segment(s, w) for s, w in zip(ids, turns)],
                   speakers=[Speaker("a", "Interviewer"), Speaker("b", "Anna"), Speaker("c", "Ben")])
    t.metadata.language = language
    return t


def texts(t: Transcript) -> list[str]:
    return [" ".join(w.text for w in s.words) for s in t.segments]


def cleaned(*items: str, language: str | None = "en") -> str:
    return texts(apply(transcript(words(*items), language=language), ConventionOptions(clean=True)))[0]


# --- pause marks -----------------------------------------------------------------------------

@pytest.mark.parametrize(("silence", "expected"), [
    (0, None), (99, None), (100, None), (150, None), (999, None), (1000, "(.)"), (1999, "(.)"), (2000, "(..)"),
    (2400, "(..)"), (2999, "(..)"), (3000, "(...)"), (3999, "(...)"), (4000, "(4)"), (12_700, "(12)")])
def test_dresing_pehl_pauses_in_whole_seconds(silence: int, expected: str | None) -> None:
    assert pause_mark("dresing-pehl", silence) == expected


@pytest.mark.parametrize(("silence", "expected"), [
    (0, None), (99, None), (100, "(.)"), (150, "(.)"), (200, "(.)"), (201, "(-)"), (500, "(-)"), (501, "(--)"),
    (800, "(--)"), (801, "(---)"), (1000, "(---)"), (1001, "(1.0)"), (1049, "(1.0)"), (1050, "(1.1)"),
    (1300, "(1.3)"), (2400, "(2.4)"), (12_345, "(12.3)")])
def test_gat2_pauses_estimated_then_measured(silence: int, expected: str | None) -> None:
    assert pause_mark("gat2", silence) == expected


@pytest.mark.parametrize(("silence", "expected"), [
    (0, None), (99, None), (100, "(.)"), (150, "(.)"), (199, "(.)"), (200, "(0.2)"), (249, "(0.2)"),
    (250, "(0.3)"), (500, "(0.5)"), (2400, "(2.4)"), (61_000, "(61.0)")])
def test_jefferson_micropause_then_tenths(silence: int, expected: str | None) -> None:
    assert pause_mark("jefferson-lite", silence) == expected


def test_the_floor_is_below_every_conventions_smallest_mark() -> None:
    assert PAUSE_FLOOR_MS == 100
    assert pause_mark("gat2", PAUSE_FLOOR_MS - 1) is None and pause_mark("jefferson-lite", PAUSE_FLOOR_MS - 1) is None


@pytest.mark.parametrize(("convention", "gap", "expected"), [
    ("dresing-pehl", 150, "so we"), ("gat2", 150, "so (.) we"), ("jefferson-lite", 150, "so (.) we"),
    ("dresing-pehl", 2400, "so (..) we"), ("gat2", 2400, "so (2.4) we"), ("jefferson-lite", 2400, "so (2.4) we"),
    ("gat2", 40, "so we")])
def test_a_pause_mark_is_a_word_spanning_the_gap(convention: str, gap: int, expected: str) -> None:
    t = transcript([Word("so", 1000, 1300, 0.9), Word("we", 1300 + gap, 1500 + gap, 0.8)])
    shown = apply(t, ConventionOptions(conventions=convention, clean=False))
    assert texts(shown) == [expected]
    if expected != "so we":
        mark = shown.segments[0].words[1]
        assert (mark.start, mark.end, mark.confidence) == (1300, 1300 + gap, None)
        assert shown.segments[0].words[0] is t.segments[0].words[0]


def test_no_pause_mark_between_turns_or_across_overlapping_words() -> None:
    t = transcript([Word("one", 0, 500)], [Word("two", 5000, 5500), Word("three", 5400, 6000)],
                   speakers=["a", "b"])
    assert apply(t, ConventionOptions(conventions="gat2")) is t


def test_silence_around_a_dropped_filler_is_summed_its_own_time_is_not_a_pause() -> None:
    # "so" ends at 1000; "um" 1600-2600; "we" from 3100: silence 600 + 500 = 1100 ms, the gap 2100 ms
    t = transcript([Word("so", 500, 1000), Word("um", 1600, 2600), Word("we", 3100, 3500)])
    assert texts(apply(t, ConventionOptions(conventions="gat2", clean=True))) == ["so (1.1) we"]
    assert texts(apply(t, ConventionOptions(conventions="dresing-pehl"))) == ["so (.) we"]
    assert texts(apply(t, ConventionOptions(conventions="gat2"))) == ["so (--) um (-) we"]
    mark = apply(t, ConventionOptions(conventions="gat2", clean=True)).segments[0].words[1]
    assert (mark.start, mark.end) == (1000, 3100)


# --- inaudible -------------------------------------------------------------------------------

_PAUSE = re.compile(r"\((\.+|-+|\d+(\.\d)?)\)")


def _low_run() -> Transcript:
    start = 3_723_456  # 01:02:03.456
    return transcript([Word("We", start - 1000, start - 800, 0.95), Word("went", start, start + 200, 0.2),
                       Word("to", start + 250, start + 300, 0.49), Word("Paris,", start + 350, start + 800, 0.1),
                       Word("yes.", start + 900, start + 1000, 0.5), Word("Fine", start + 1100, start + 1200, None),
                       Word("ok.", start + 1300, start + 1400, 0.3)])


@pytest.mark.parametrize(("convention", "first", "second"), [
    (None, "(inaudible 01:02:03)", "(inaudible 01:02:04)"),
    ("dresing-pehl", "(unv. #01:02:03-4#)", "(unv. #01:02:04-7#)"),
    ("gat2", "( )", "( )"), ("jefferson-lite", "( )", "( )")])
def test_each_run_of_low_confidence_words_is_one_mark(convention: str | None, first: str, second: str) -> None:
    shown = apply(_low_run(), ConventionOptions(conventions=convention, clean=False, inaudible=0.5))
    kept = [w for w in shown.segments[0].words if not _PAUSE.fullmatch(w.text)]
    assert [w.text for w in kept] == ["We", first + ",", "yes.", "Fine", second + "."]
    run = kept[1]
    assert (run.start, run.end, run.confidence) == (3_723_456, 3_723_456 + 800, None)


def test_inaudible_threshold_is_strict_and_none_is_not_low() -> None:
    t = transcript([Word("a", 0, 100, 0.5), Word("b", 200, 300, None), Word("c", 400, 500, 0.0)])
    assert texts(apply(t, ConventionOptions(inaudible=0.5))) == ["a b (inaudible 00:00:00)"]
    assert apply(t, ConventionOptions(inaudible=0.0)) is t


def test_inaudible_mark_forms() -> None:
    assert inaudible_mark(None, 59_999) == "(inaudible 00:00:59)"
    assert inaudible_mark("dresing-pehl", 59_999) == "(unv. #00:00:59-9#)"
    assert inaudible_mark("gat2", 5) == inaudible_mark("jefferson-lite", 5) == "( )"


# --- clean: fillers --------------------------------------------------------------------------

@pytest.mark.parametrize(("language", "said", "expected"), [
    ("en", "Um, so we went home, um.", "So we went home."),
    ("en", "Ummm, I think uh we should.", "I think we should."),
    ("en", "Well, I like, um, like it. Mm-hmm.", "Well, I like, like it."),
    ("de", "Also ähm, ich bin, äh, ja genau dort.", "Also ich bin, ja genau dort."),
    ("de", "Wir treffen uns äh um fünf, ne?", "Wir treffen uns um fünf, ne?"),
    ("fr", "Euh, je pense que, euh... oui.", "Je pense que... oui."),
    ("es", "¿Eh, qué dices? Este, no sé.", "¿Qué dices? Este, no sé."),
    ("nl", "Ik eh denk het, nou.", "Ik denk het, nou."),
    ("it", "Ehm, allora, sì.", "Allora, sì."),
    ("pt", "Hã, eu acho que é, tipo.", "Eu acho que é, tipo."),
    ("en-GB", "\"Um, yes,\" she said.", "\"Yes,\" she said."),
    ("en", "I said (um) no, \"uh.\"", "I said no."),
    ("es", "Pues ¿eh? vale.", "Pues vale."),
    ("en", "Yes. Um. Fine.", "Yes. Fine."),
])
def test_fillers_go_their_punctuation_and_capital_stay(language: str, said: str, expected: str) -> None:
    assert cleaned(*said.split(), language=language) == expected


@pytest.mark.parametrize(("language", "said"), [
    ("en", "Well, so, you know, like, it is 5 mm wide."),
    ("de", "Ja, genau, also ne, wir gehen um acht."),
    ("fr", "Ben, bon, quoi."),
    ("es", "Este es el camino, pues."),
    ("pt", "Então, é isso, né?"),
    ("en", "Mhm."),
    ("en", "Um, uh..."),
])
def test_what_is_no_filler_stays(language: str, said: str) -> None:
    t = transcript(words(*said.split()), language=language)
    assert apply(t, ConventionOptions(clean=True)) is t


def test_a_turn_of_nothing_but_fillers_stays_the_others_lose_theirs() -> None:
    t = transcript(words("So", "um,", "what", "now?"), words("Mhm."), speakers=["a", "b"])
    shown = apply(t, ConventionOptions(clean=True))
    assert texts(shown) == ["So what now?", "Mhm."]
    assert shown.segments[1] is t.segments[1]


def test_the_generic_list_for_a_language_without_data_with_a_warning() -> None:
    with pytest.warns(ScribekitWarning, match="no filler list for the language 'sv'"):
        assert cleaned("Hmm,", "das", "ist", "ähm", "gut.", language="sv") == "Das ist gut."
    t = transcript(words("Um,", "this", "uh", "stays."), language="xx")
    with pytest.warns(ScribekitWarning, match="'xx'"):
        assert apply(t, ConventionOptions(clean=True)) is t
    with pytest.warns(ScribekitWarning, match="does not say its language"):
        assert cleaned("Ähm,", "ok.", language=None) == "Ok."
    assert {"hm", "mhm", "äh"} <= language_data("zz").fillers and "um" not in language_data(None).fillers
    assert "um" not in language_data("de").fillers and "um" in language_data("EN_us").fillers
    assert filler_key("Ummm,") == "um" and filler_key("Mm-hmm.") == "m-hm" and filler_key("...") == ""


def test_the_language_is_guessed_when_the_transcript_does_not_say() -> None:
    german = ("Ich habe äh gesagt dass wir um acht Uhr mit dem Zug nach Berlin fahren und dann ist "
              "das auch für die Kinder und für uns nicht so schlimm wenn es regnet").split()
    shown = apply(transcript(words(*german), language=None), ConventionOptions(clean=True))
    assert texts(shown)[0] == " ".join(w for w in german if w != "äh")
    english = ("So um I think that we should go to the station at eight and then it is not so bad for "
               "the children and for us if it rains um today").split()
    shown = apply(transcript(words(*english), language=None), ConventionOptions(clean=True))
    assert texts(shown)[0] == " ".join(w for w in english if w != "um")


def test_clean_is_the_default_of_dresing_pehl_only() -> None:
    assert cleans(ConventionOptions(conventions="dresing-pehl"))
    assert not cleans(ConventionOptions(conventions="dresing-pehl", clean=False))
    assert not cleans(ConventionOptions(conventions="gat2")) and not cleans(ConventionOptions())
    assert cleans(ConventionOptions(conventions="jefferson-lite", clean=True))
    t = transcript(words("I", "um", "see."))
    assert texts(apply(t, ConventionOptions(conventions="dresing-pehl"))) == ["I see."]
    assert apply(t, ConventionOptions(conventions="gat2")) is t
    assert apply(t, ConventionOptions(conventions="dresing-pehl", clean=False)) is t


# --- clean: false starts ---------------------------------------------------------------------

@pytest.mark.parametrize(("language", "said", "expected"), [
    ("en", "I was go- going home.", "I was going home."),
    ("en", "Th- the cat sat.", "The cat sat."),
    ("de", "Ich habe mir Sor/ Gedanken gemacht.", "Ich habe mir Gedanken gemacht."),
    ("en", "I— I think so.", "I think so."),
    ("en", "We go— going there.", "We going there."),
    ("en", "I I think the the plan works.", "I think the plan works."),
    ("en", "The the the end.", "The end."),
    ("en", "I um I think.", "I think."),
    ("en", "that that that works", "that that works"),
])
def test_false_starts_go(language: str, said: str, expected: str) -> None:
    assert cleaned(*said.split(), language=language) == expected


@pytest.mark.parametrize(("language", "said"), [
    ("en", "It is very, very good."),
    ("en", "I know that that works."),
    ("en", "What it is is fine, he had had enough."),
    ("en", "So I was— we went there."),
    ("en", "Pre- and post-war years."),
    ("de", "Vor- und Nachteile, Ein- oder Ausgang."),
    ("de", "Die Frau, die die Kinder sieht."),
    ("fr", "Nous nous sommes vus."),
    ("en", "I stopped at the-"),
    ("en", "From 1990- 2000 and 5/ 6 of them."),
    ("en", "It is - as I said - fine."),
    ("en", "No. No, no, no."),
])
def test_what_is_no_false_start_stays(language: str, said: str) -> None:
    t = transcript(words(*said.split()), language=language)
    assert apply(t, ConventionOptions(clean=True)) is t


def test_a_sound_event_is_never_dropped_or_a_stutter() -> None:
    t = transcript([Word("(laughs)", 0, 100, sound=True), Word("(laughs)", 200, 300, sound=True),
                    Word("Mhm", 400, 500)])
    assert apply(t, ConventionOptions(clean=True)) is t


# --- speaker abbreviations -------------------------------------------------------------------

def _names(t: Transcript) -> list[str | None]:
    return [t.speaker_name(s.speaker) for s in t.segments]


def test_auto_the_first_to_speak_is_i_the_others_b_in_order_of_first_turn() -> None:
    t = transcript(words("Hi."), words("Hello."), words("So."), words("Hey."), speakers=["b", "a", "b", "c"])
    shown = apply(t, ConventionOptions(speaker_abbreviations="auto"))
    assert _names(shown) == ["I", "B1", "I", "B2"]
    assert [s.name for s in t.speakers] == ["Interviewer", "Anna", "Ben"]  # not changed in place
    two = transcript(words("Hi."), words("Hello."), speakers=["b", "a"])
    assert _names(apply(two, ConventionOptions(speaker_abbreviations="AUTO"))) == ["I", "B"]


def test_auto_names_speakers_the_list_does_not_know_and_leaves_turns_without_speaker() -> None:
    t = Transcript(segments=[Segment(None, words("x")), Segment("s9", words("y")), Segment("s7", words("z"))])
    shown = apply(t, ConventionOptions(speaker_abbreviations="auto"))
    assert _names(shown) == [None, "I", "B"] and t.speakers == []


def test_a_mapping_by_name_or_id_others_keep_their_names() -> None:
    t = transcript(words("Hi."), words("Hello."), words("Hey."), speakers=["a", "b", "c"])
    shown = apply(t, ConventionOptions(speaker_abbreviations=" Interviewer = I , b=B1"))
    assert _names(shown) == ["I", "B1", "Ben"]
    assert shown.segments is t.segments and shown.speakers[2] is t.speakers[2]


def test_a_mapping_entry_no_speaker_answers_to_is_reported() -> None:
    t = transcript(words("Hi."))
    with pytest.warns(ScribekitWarning, match="'Carla'"):
        shown = apply(t, ConventionOptions(speaker_abbreviations="Interviewer=I,Carla=B2"))
    assert _names(shown) == ["I"]


@pytest.mark.parametrize(("value", "named"), [
    ("Interviewer", "'Interviewer'"), ("=I", "'=I'"), ("Anna=", "'Anna='"), ("Anna=B1,,Ben=B2", "empty entry"),
    ("Anna=B1,Anna=B2", "'Anna' twice"), ("Anna=B=1", "'Anna=B=1'"), ("", "empty entry")])
def test_a_bad_mapping_is_an_option_error_naming_the_entry(value: str, named: str) -> None:
    with pytest.raises(OptionError, match=named):
        ConventionOptions(speaker_abbreviations=value)


def test_bad_option_values() -> None:
    with pytest.raises(OptionError, match="conventions"):
        ConventionOptions(conventions="jefferson")
    for threshold in (-0.1, 1.5, float("nan")):
        with pytest.raises(OptionError, match="inaudible"):
            ConventionOptions(inaudible=threshold)


# --- what stays as it is -----------------------------------------------------------------------

def test_nothing_asked_the_same_transcript() -> None:
    t = transcript(words("Um", "I", "I", "go-", "went."))
    for options in (ConventionOptions(), ConventionOptions(clean=False)):
        assert apply(t, options) is t


def test_the_transcript_given_is_not_changed_highlights_and_metadata_kept() -> None:
    t = transcript(words("Um,", "so", ("the", 2500, 2700, 0.1), "end."), speakers=["b"])
    t.metadata.filename = "talk.json"
    before = copy.deepcopy(t)
    shown = apply(t, ConventionOptions(conventions="dresing-pehl", inaudible=0.5, speaker_abbreviations="auto"))
    assert t == before
    assert texts(shown) == ["So (..) (unv. #00:00:02-5#) end."]
    assert shown.metadata is t.metadata and shown.highlights is t.highlights
    assert shown.segments[0].words[-1] is t.segments[0].words[-1]


def test_a_transcript_of_cues_gets_its_turns_from_the_cues() -> None:
    t = Transcript(cues=[Cue(0, 2000, ["Um, so", "we went."]), Cue(5000, 6000, ["Th- the end."])])
    t.metadata.language = "en"
    shown = apply(t, ConventionOptions(clean=True))
    assert texts(shown) == ["So we went. The end."]
    assert t.segments == [] and shown.cues is t.cues


def test_a_transcript_of_cues_has_pauses_between_its_cues_only() -> None:
    # inside a cue the words' times are shared out by characters: no silence there is real
    t = Transcript(cues=[Cue(0, 3000, ["We went home", "and then slept."]), Cue(5500, 7000, ["The end."]),
                         Cue(7050, 8000, ["Really."])])
    shown = apply(t, ConventionOptions(conventions="jefferson-lite"))
    assert texts(shown) == ["We went home and then slept. (2.5) The end. Really."]
    shown = apply(t, ConventionOptions(conventions="gat2"))
    assert texts(shown) == ["We went home and then slept. (2.5) The end. Really."]


def test_the_language_given_chooses_the_filler_list() -> None:
    t = transcript(words("Um,", "I", "see."), language=None)
    with pytest.warns(ScribekitWarning, match="does not say its language"):
        assert texts(apply(t, ConventionOptions(clean=True)))[0] == "Um, I see."
    assert texts(apply(t, ConventionOptions(clean=True, language="en")))[0] == "I see."
    german = transcript(words("Um", "acht."), language="en")
    assert texts(apply(german, ConventionOptions(clean=True, language="de")))[0] == "Um acht."


def test_times_a_transcript_built_in_python_may_hold() -> None:
    t = transcript([Word("a", 0.0, 100.5, 0.9), Word("b", 2_500.7, 2_600.2, 0.1),  # type: ignore[arg-type]
                    Word("c", 10**15, 10**15 + 5, 0.9), Word("d", 10**15 + 1_234, 10**15 + 2_000, None)])
    shown = apply(t, ConventionOptions(conventions="dresing-pehl", inaudible=0.5))
    assert texts(shown)[0].startswith("a (..) (unv. #00:00:02-5#) ")
    assert texts(shown)[0].endswith(" c (.) d")
    for silence in (float("nan"), float("inf")):
        assert pause_mark("gat2", silence) is None  # type: ignore[arg-type]
    assert inaudible_mark(None, float("nan")) == "(inaudible 00:00:00)"  # type: ignore[arg-type]
