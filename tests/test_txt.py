"""TXT writer: paragraphs per speaker turn, and both providers' options."""
from __future__ import annotations

import pytest

from scribekit import Cue, Highlight, OptionError, ScribekitWarning, Segment, Speaker, Transcript, Word, dumps


def _transcript() -> Transcript:
    first = [Word("Hi,", 450, 1080), Word("welcome", 1110, 1650), Word("to", 1650, 1800), Word("Zürich.", 1800, 2100)]
    second = [Word("Thank", 31_000, 31_400), Word("you.", 31_400, 31_900), Word("Let's", 62_500, 62_900),
              Word("begin.", 62_900, 63_400)]
    return Transcript(segments=[Segment("spk1", first), Segment("spk2", second)],
                      speakers=[Speaker("spk1", "Host"), Speaker("spk2", "Guest")],
                      highlights=[Highlight(31_000, 31_900, "thanks")])


def test_plain_text_is_one_paragraph_per_speaker_turn() -> None:
    assert dumps(_transcript(), "txt") == "Hi, welcome to Zürich.\n\nThank you. Let's begin.\n"


def test_timestamps_and_speakers_as_amberscript_lays_them_out() -> None:
    text = dumps(_transcript(), "txt", timestamps=True, speakers=True)
    assert text == "00:00:00\nHost: Hi, welcome to Zürich.\n\n00:00:31\nGuest: Thank you. Let's begin.\n"


def test_timestamps_every_n_seconds_mark_each_interval_once() -> None:
    text = dumps(_transcript(), "txt", timestamps_every=30)
    assert text == "[00:00:00] Hi, welcome to Zürich.\n\n[00:00:30] Thank you. [00:01:00] Let's begin.\n"


def test_highlights_only_keeps_the_highlighted_words() -> None:
    assert dumps(_transcript(), "txt", highlights_only=True, speakers=True) == "Guest: Thank you.\n"


def test_wrap_breaks_lines_between_words() -> None:
    text = dumps(_transcript(), "txt", wrap=12)
    assert all(len(line) <= 12 for line in text.splitlines())
    assert " ".join(text.split()) == "Hi, welcome to Zürich. Thank you. Let's begin."


def test_a_subtitle_file_becomes_text_from_its_cues() -> None:
    transcript = Transcript(cues=[Cue(0, 1000, ["<i>Hello</i>", "there."]), Cue(1000, 2000, ["General Kenobi."])])
    assert dumps(transcript, "txt") == "Hello there. General Kenobi.\n"


def test_bad_option_values_are_refused() -> None:
    with pytest.raises(OptionError):
        dumps(_transcript(), "txt", wrap=0)
    with pytest.raises(OptionError):
        dumps(_transcript(), "txt", max_rows=2)  # a subtitle limit means nothing to a text file


def test_highlights_comments_and_low_confidence_are_marked_readably() -> None:
    transcript = _transcript()
    transcript.segments[0].words[1].confidence = 0.4
    transcript.segments[0].words[2].confidence = 0.95
    text = dumps(transcript, "txt", highlights=True, comments=True, low_confidence=0.5)
    assert text == "Hi, welcome(?) to Zürich.\n\n==Thank you.== [comment: thanks] Let's begin.\n"
    assert dumps(transcript, "txt") == "Hi, welcome to Zürich.\n\nThank you. Let's begin.\n"


def test_header_and_title_on_request() -> None:
    transcript = _transcript()
    transcript.metadata.filename = "talk.mp3"
    text = dumps(transcript, "txt", header=True, title="Board meeting")
    assert text.startswith("Board meeting\nFile: talk.mp3\nDuration: 00:01:03\nSpeakers: Host, Guest\n\nHi,")
    assert dumps(transcript, "txt", header=True).startswith("talk\nFile: talk.mp3\n")  # the name without extension


def test_control_characters_and_bidi_overrides_never_reach_the_text() -> None:
    words = [Word("a\x1b[2Jb", 0, 100), Word("\u202eevil", 100, 200), Word("line\nbreak", 200, 300),
             Word("\ud800x", 300, 400)]
    with pytest.warns(ScribekitWarning, match=r"cannot show.*removed or replaced.*U\+FFFD.*a\\x1b\[2Jb") as caught:
        text = dumps(Transcript(segments=[Segment(None, words)]), "txt")
    assert len(caught) == 1  # once per document
    assert text == "a[2Jb evil line break \ufffdx\n"
    text.encode("utf-8")


def test_han_and_kana_words_are_not_spaced() -> None:
    words = [Word("今日", 0, 100), Word("は", 100, 200), Word("OK", 200, 300), Word("です。", 300, 400)]
    assert dumps(Transcript(segments=[Segment(None, words)]), "txt") == "今日は OK です。\n"


def test_low_confidence_threshold_is_checked() -> None:
    with pytest.raises(OptionError):
        dumps(_transcript(), "txt", low_confidence=1.5)


def test_no_interval_timestamp_where_the_turn_shows_its_own() -> None:
    words = [Word("one", 31_000, 31_500), Word("two", 59_000, 59_500), Word("three", 61_000, 61_500)]
    transcript = Transcript(segments=[Segment(None, words), Segment(None, [Word("four", 90_500, 91_000)])])
    assert dumps(transcript, "txt", timestamps=True, timestamps_every=30) == (
        "00:00:31\none two [00:01:00] three\n\n00:01:30\nfour\n")
    assert dumps(transcript, "txt", timestamps_every=30) == (  # without the turn's own, the marks say it
        "[00:00:30] one two [00:01:00] three\n\n[00:01:30] four\n")
