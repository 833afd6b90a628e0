"""Hearing-impaired text removed (scribekit/cleanup/hearing_impaired.py): each rule with cases it must
change and cases it must leave alone, in several languages; properties over any text."""
from __future__ import annotations

import json
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scribekit.changes import Change
from scribekit.cleanup.hearing_impaired import hi_data, hi_spans, is_hi_text, remove_hi, remove_hi_words
from scribekit.errors import OptionError
from scribekit.model import Cue, Segment, Word


def cleaned(text: str, language: str | None = "en") -> str | None:
    """The cue's text after removal, None when the cue went."""
    out, _ = remove_hi([Cue(1000, 2000, text.split("\n"))], language=language)
    return out[0].text if out else None


def rules(text: str, language: str | None = "en") -> list[str]:
    return [change.rule for change in remove_hi([Cue(1000, 2000, text.split("\n"))], language=language)[1]]


# --- hi-sound ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("(LAUGHS) Hello there.", "Hello there."),
    ("Hello (sighs) there.", "Hello there."),
    ("Hello (sighs).", "Hello."),
    ("Wait [gasps], what?", "Wait, what?"),
    ("[door slams]\nWho's there?", "Who's there?"),
    ("(door\nslams) Who's there?", "Who's there?"),
    ("Who's (door\nslams) there?", "Who's\nthere?"),
    ("[music (loud)] Dance!", "Dance!"),
    ("[(laughs)] Yes.", "Yes."),
    ("<i>(sighs)</i> Fine.", "Fine."),
    ("Run <i>[gasps]</i> now", "Run now"),
    ("[gasps <i>loudly]</i> Run!", "Run!"),
    ("[door <i>slams</i>] Run!", "Run!"),
    ("{\\an8}[door slams]\nWho?", "{\\an8}Who?"),
    ("(♪) Hi", "Hi"),
])
def test_sound_descriptions_go(text: str, expected: str) -> None:
    assert cleaned(text) == expected
    assert rules(text) == ["hi-sound"]


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("ja", "（男）何だ？", "何だ？"),
    ("zh", "你好（笑）吗", "你好吗"),
    ("zh", "【音乐】走吧", "走吧"),
    ("ja", "［ドアの音］誰？", "誰？"),
    ("fr", "Bonjour (rire) !", "Bonjour !"),
    ("fr", "Bonjour (rire)!", "Bonjour !"),
    (None, "Bonjour (rire) !", "Bonjour !"),
    ("es", "¡(grita) Corre!", "¡Corre!"),
    ("es", "¿[suspira] Qué?", "¿Qué?"),
    ("de", "(seufzt) Na gut.", "Na gut."),
    ("ru", "[стук в дверь] Кто там?", "Кто там?"),
])
def test_sound_descriptions_go_in_other_languages_and_scripts(language: str | None, text: str,
                                                               expected: str) -> None:
    assert cleaned(text, language) == expected


@pytest.mark.parametrize("text", [
    "Chapter (1) begins.",
    "Step [3] of 5.",
    "He left [...] and came back.",
    "Bring your friend(s).",
    "We (re)wrote it.",
    "Smile :)",
    "A ( B",
    "{curly} stays",
    "Option ) and ( reversed",
])
def test_brackets_that_hold_no_description_stay(text: str) -> None:
    cue = Cue(0, 1, text.split("\n"))
    out, changes = remove_hi([cue], language="en")
    assert out[0] is cue and changes == []


# --- hi-speaker -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("language", "text", "expected"), [
    ("en", "JOHN: Hi.", "Hi."),
    ("en", "MAN 2: Get down!", "Get down!"),
    ("en", "DR. SMITH: Sit.", "Sit."),
    ("en", "MAN ON TV: And now the news.", "And now the news."),
    ("en", "TV: And now the news.", "And now the news."),
    ("en", "McCOY: Damn it.", "Damn it."),
    ("en", "O'BRIEN: Morning.", "Morning."),
    ("en", "JEAN-LUC: Engage.", "Engage."),
    ("en", "JOHN:\nHello.", "Hello."),
    ("en", "- JOHN: Hi.\n- MARY: Bye.", "- Hi.\n- Bye."),
    ("en", "<i>NARRATOR: Once upon a time.</i>", "<i>Once upon a time.</i>"),
    ("en", "<i>JOHN:</i> Hi.", "Hi."),
    ("en", "JOHN: Hello, how\nare you?", "Hello, how\nare you?"),
    ("fr", "HÉLÈNE : Bonjour !", "Bonjour !"),
    ("fr", "HÉLÈNE\u00a0: Bonjour !", "Bonjour !"),
    ("fr", "L'HOMME : Non.", "Non."),
    ("de", "STRAßENHÄNDLER: Kaufen Sie!", "Kaufen Sie!"),
    ("es", "JUAN: ¿Qué?", "¿Qué?"),
    ("it", "MARCO: Andiamo.", "Andiamo."),
    ("nl", "BIJRIJDER: Links!", "Links!"),
    ("pt", "JOÃO: Vamos.", "Vamos."),
    ("ru", "ИВАН: Привет.", "Привет."),
    ("el", "ΓΙΆΝΝΗΣ: Γεια.", "Γεια."),
    (None, "HÉLÈNE : Bonjour !", "Bonjour !"),
])
def test_speaker_labels_go(language: str | None, text: str, expected: str) -> None:
    assert cleaned(text, language) == expected
    assert "hi-speaker" in rules(text, language)


def test_labels_in_a_file_written_in_capitals_go_and_a_run_of_labels_goes_whole() -> None:
    assert cleaned("JOHN: WHERE ARE YOU?") == "WHERE ARE YOU?"
    assert cleaned("JOHN: MARY: Hi.") == "Hi."
    assert cleaned(" ".join(["AB:"] * 500) + " hi") == "hi"


def test_two_speakers_without_dashes_get_the_languages_dash() -> None:
    assert cleaned("JOHN: Hi.\nMARY: Bye.", "en") == "-Hi.\n-Bye."
    assert cleaned("JEAN : Salut.\nMARIE : Au revoir.", "fr") == "- Salut.\n- Au revoir."
    assert cleaned("JOHN: Hi.\nJOHN: Bye.", "en") == "Hi.\nBye."  # one speaker: no dash


def test_a_label_described_in_parentheses_goes_whole() -> None:
    assert cleaned("NARRATOR (V.O.): Once upon a time.") == "Once upon a time."


@pytest.mark.parametrize(("language", "text"), [
    ("en", "It's 10:30 now."),
    ("en", "10:30: the meeting"),
    ("en", "Note: this is it."),
    ("en", "Remember: always look."),
    ("en", "John: hi"),
    ("en", "URL http://x:80"),
    ("en", "HTTP://EXAMPLE.COM"),
    ("en", "The ratio is 3:1."),
    ("en", "NO!"),
    ("en", "STOP RIGHT THERE!"),
    ("en", "OK: go."),
    ("en", "P.S.: I love you."),
    ("en", "NOTE: NEVER AGAIN."),
    ("en", "I TOLD HIM: GO HOME."),
    ("en", "A: the answer."),
    ("en", "He said JOHN: no."),
    ("en", "JOHN:no space"),
    ("fr", "Jean : bonjour."),
    ("fr", "OUI : c'est ça."),
    ("fr", "IL A DIT : NON."),
    ("de", "ICH SAGTE: NEIN."),
    ("en", "JOHN : Hi."),
    ("ar", "جون: مرحبا"),
    ("ja", "男：何だ"),
])
def test_what_is_no_speaker_label_stays(language: str | None, text: str) -> None:
    cue = Cue(0, 1, text.split("\n"))
    out, changes = remove_hi([cue], language=language)
    assert out[0] is cue and changes == []


# --- hi-music ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("♪ Happy birthday to you ♪", "Happy birthday to you"),
    ("♫ La la la", "La la la"),
    ("<i>♪ Happy birthday ♪</i>", "<i>Happy birthday</i>"),
    ("- ♪ La la ♪\n- Stop singing!", "- La la\n- Stop singing!"),
    ("♪♪\nHello.", "Hello."),
    ("# And I think to myself\n# What a wonderful world. #", "And I think to myself\nWhat a wonderful world."),
    ("# What a wonderful world. #", "What a wonderful world."),
    ("♪～ 何だ", "何だ"),
])
def test_music_symbols_go_and_lyrics_stay(text: str, expected: str) -> None:
    assert cleaned(text) == expected
    assert rules(text) == ["hi-music"]


def test_a_line_of_notes_goes_whole() -> None:
    assert cleaned("# " * 200 + "\nHi.") == "Hi."
    assert cleaned("# # And I think # #") == "And I think"


@pytest.mark.parametrize("text", ["We're #1!", "#MeToo was big.", "Press 5 #", "Room #4 # is free", "C# and F#"])
def test_a_hash_that_is_no_note_stays(text: str) -> None:
    cue = Cue(0, 1, [text])
    assert remove_hi([cue], language="en") == ([cue], [])


# --- what is left -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("- [gasps]\n- Run!", "Run!"),
    ("- Hi.\n- [gasps] Run!", "- Hi.\n- Run!"),
    ("-[gasps]\n-Run!", "Run!"),
    ("<i>- [gasps]\n- Run!</i>", "<i>Run!</i>"),
    ("- JOHN:\n- MARY: Run!", "Run!"),
    ("Hello  (laughs)  there.", "Hello there."),
    ("[gasps]\n\nRun!", "Run!"),
])
def test_dangling_dashes_empty_lines_and_spaces_are_tidied(text: str, expected: str) -> None:
    assert cleaned(text) == expected


@pytest.mark.parametrize("text", ["[door slams]", "(LAUGHS)", "<i>(sighs)</i>", "♪♪", "JOHN:", "- [gasps]\n- (sighs)",
                                  "(door\nslams)", "# #", "{\\an8}(music)"])
def test_a_cue_left_without_text_is_removed_and_reported(text: str) -> None:
    cue = Cue(1500, 2500, text.split("\n"))
    out, changes = remove_hi([Cue(0, 1000, ["Hi."]), cue], language="en")
    assert len(out) == 1 and out[0].text == "Hi."
    assert changes == [Change("hi-empty", 2, 1500, text, "")]


def test_changes_name_the_cue_its_start_and_the_text_before_and_after_each_rule() -> None:
    cues = [Cue(0, 1000, ["Hello."]), Cue(1000, 2000, ["- JOHN: (sighs) Fine.", "- MARY: ♪ La ♪"]),
            Cue(2000, 3000, ["[door slams]"])]
    out, changes = remove_hi(cues, language="en")
    assert [cue.text for cue in out] == ["Hello.", "- Fine.\n- La"]
    assert out[0] is cues[0]
    assert changes == [
        Change("hi-sound", 2, 1000, "- JOHN: (sighs) Fine.\n- MARY: ♪ La ♪", "- JOHN: Fine.\n- MARY: ♪ La ♪"),
        Change("hi-music", 2, 1000, "- JOHN: Fine.\n- MARY: ♪ La ♪", "- JOHN: Fine.\n- MARY: La"),
        Change("hi-speaker", 2, 1000, "- JOHN: Fine.\n- MARY: La", "- Fine.\n- La"),
        Change("hi-empty", 3, 2000, "[door slams]", ""),
    ]
    assert cues[1].lines == ["- JOHN: (sighs) Fine.", "- MARY: ♪ La ♪"]  # the cues given are untouched


def test_deep_nesting_and_long_runs_are_handled_whole() -> None:
    assert cleaned("(" * 5000 + "x" + ")" * 5000 + " Hi") == "Hi"
    assert cleaned("<i>" * 3000 + "(x)" + "</i>" * 3000 + "\nHi") == "Hi"
    assert cleaned("[a] " * 3000 + "Hi") == "Hi"
    assert cleaned("\n".join(["- (a)"] * 2000 + ["- Hi"])) == "Hi"


def test_a_cues_words_lose_the_words_that_went() -> None:
    words = [Word("(laughs)", 0, 500), Word("Hi", 500, 900)]
    cue = Cue(0, 1000, ["(laughs) Hi"], words=words, speaker="A", identifier="7")
    (out,), _ = remove_hi([cue], language="en")
    assert out.lines == ["Hi"] and out.words == [words[1]] and out.speaker == "A" and out.identifier == "7"


# --- words ------------------------------------------------------------------------------------------

def test_words_in_brackets_sound_words_and_labels_go_from_turns() -> None:
    first = Segment("A", [Word("JOHN:", 0, 100), Word("(door", 100, 200), Word("slams)", 200, 300),
                          Word("Hi", 300, 400), Word("laughter", 400, 500, sound=True), Word("there.", 500, 600)])
    second = Segment("B", [Word("(laughs)", 700, 800)])
    third = Segment("A", [Word("Note:", 900, 1000), Word("fine", 1000, 1100)])
    fourth = Segment("B", [Word("♪", 1200, 1300), Word("La", 1300, 1400), Word("la♪", 1400, 1500)])
    out, changes = remove_hi_words([first, second, third, fourth], language="en")
    assert [s.text for s in out] == ["Hi there.", "Note: fine", "La la"]
    assert out[1] is third
    assert [w.start for w in out[0].words] == [300, 500]
    assert [w.start for w in out[2].words] == [1300, 1400]
    assert changes == [
        Change("hi-sound", 1, 0, "JOHN: (door slams) Hi laughter there.", "JOHN: Hi there."),
        Change("hi-speaker", 1, 0, "JOHN: Hi there.", "Hi there."),
        Change("hi-empty", 2, 700, "(laughs)", ""),
        Change("hi-music", 4, 1200, "♪ La la♪", "La la"),
    ]
    assert first.words[1].text == "(door"


def test_a_word_partly_in_brackets_keeps_the_rest() -> None:
    (out,), _ = remove_hi_words([Segment("A", [Word("Yes,(laughs)", 0, 100), Word("sir", 100, 200)])])
    assert out.text == "Yes, sir" and out.words[0].start == 0 and out.words[0].end == 100


# --- helpers, data ----------------------------------------------------------------------------------

def test_hi_spans_and_is_hi_text() -> None:
    text = "- JOHN: (sighs) Fine."
    spans = hi_spans(text, language="en")
    assert [text[s:e] for s, e in spans] == ["JOHN:", "(sighs)"]
    text = "(door\nslams) ♪ la ♪"
    assert [text[s:e] for s, e in hi_spans(text)] == ["(door\nslams)", "♪", "♪"]
    assert is_hi_text("[gasps]") and is_hi_text("MARY: hi") and is_hi_text("♪")
    assert not is_hi_text("10:30") and not is_hi_text("Note: x") and not is_hi_text("friend(s)")
    text = "[gasps] JOHN: Run!"
    assert [text[s:e] for s, e in hi_spans(text)] == ["[gasps]", "JOHN:"]
    assert hi_spans("") == []


@pytest.mark.parametrize("code", ["generic", "en", "fr", "de", "es", "it", "nl", "pt"])
def test_every_language_has_its_data(code: str) -> None:
    source = resources.files("scribekit.cleanup") / "data" / "hearing_impaired" / f"{code}.json"
    raw = json.loads(source.read_text(encoding="utf-8"))
    assert isinstance(raw["language"], str)
    data = hi_data(None if code == "generic" else code)
    assert ("(", ")") in data.brackets and "♪" in data.music
    assert all(label == label.upper() for label in data.not_labels)


def test_a_language_that_is_no_string_is_an_option_error() -> None:
    with pytest.raises(OptionError, match="language"):
        remove_hi([Cue(0, 1, ["(sighs)"])], language=["en"])  # type: ignore[arg-type]
    with pytest.raises(OptionError, match="language"):
        remove_hi_words([], language=3)  # type: ignore[arg-type]


def test_unknown_and_odd_language_codes_fall_back_to_the_generic_data() -> None:
    assert hi_data("xx") == hi_data(None) == hi_data("../../etc/passwd") == hi_data("")
    assert hi_data("fr-CA") == hi_data("fr") == hi_data("FR_fr")
    assert hi_data("en").dialogue_dash == "-" and hi_data("fr").dialogue_dash == "- "


# --- properties -------------------------------------------------------------------------------------

FRAGMENTS = ["Hello", "there.", "[door slams]", "(LAUGHS)", "(sighs)", "JOHN:", "MAN 2:", "HÉLÈNE :", "♪", "♫",
             "#", "- ", "-", "<i>", "</i>", "<b>", "</b>", "10:30", "Note:", "NO!", "(", ")", "[", "]", "（笑）",
             "¿Qué?", "¡Corre!", ",", "!", "...", "{\\an8}", "friend(s)", "  ", "\u00a0", "ИВАН:", "x", "OK:"]
line_text = st.one_of(
    st.lists(st.sampled_from(FRAGMENTS), max_size=8).map(" ".join),
    st.lists(st.sampled_from(FRAGMENTS), max_size=8).map("".join),
    st.text(max_size=30),
)
cue_lists = st.lists(st.lists(line_text, min_size=1, max_size=3), max_size=6).map(
    lambda cues: [Cue(i * 1000, i * 1000 + 900, lines) for i, lines in enumerate(cues)])
languages = st.sampled_from([None, "en", "fr", "de", "es", "it", "nl", "pt", "ja", "xx"])


@settings(max_examples=300, deadline=None)
@given(cue_lists, languages)
def test_removing_twice_is_removing_once(cues: list[Cue], language: str | None) -> None:
    once, _ = remove_hi(cues, language=language)
    twice, changes = remove_hi(once, language=language)
    assert [cue.lines for cue in twice] == [cue.lines for cue in once]
    assert changes == []


@settings(max_examples=300, deadline=None)
@given(cue_lists, languages)
def test_every_changed_cue_is_reported_and_no_other(cues: list[Cue], language: str | None) -> None:
    given_lines = [list(cue.lines) for cue in cues]
    out, changes = remove_hi(cues, language=language)
    assert [cue.lines for cue in cues] == given_lines  # untouched
    removed = {c.cue for c in changes if c.rule == "hi-empty"}
    kept = [(number, cue) for number, cue in enumerate(cues, 1) if number not in removed]
    assert len(kept) == len(out)
    for (number, before), after in zip(kept, out):
        mine = [c for c in changes if c.cue == number]
        if after is before:
            assert mine == []
        else:
            assert mine and mine[0].before == before.text and mine[-1].after == after.text
            assert all(c.start == before.start and c.before != c.after for c in mine)
            assert all(a.after == b.before for a, b in zip(mine, mine[1:]))
            assert after.lines != before.lines
    for change in changes:
        assert change.rule in ("hi-sound", "hi-music", "hi-speaker", "hi-empty")


@settings(max_examples=300, deadline=None)
@given(cue_lists, languages)
def test_no_empty_line_nor_empty_cue_comes_out_of_a_change(cues: list[Cue], language: str | None) -> None:
    out, _ = remove_hi(cues, language=language)
    for cue in out:
        if not any(cue is given_cue for given_cue in cues):
            assert cue.lines and all(line.strip() for line in cue.lines)
            assert all(line == line.strip(" ") for line in cue.lines)


plain_text = st.text(st.characters(blacklist_characters="[]()（）【】［］〔〕〈〉♪♫♬♩🎵🎶#:"), max_size=40)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(plain_text, min_size=1, max_size=3), max_size=5), languages)
def test_a_cue_without_brackets_labels_or_music_is_the_same_object(texts: list[list[str]],
                                                                   language: str | None) -> None:
    cues = [Cue(i, i + 1, lines) for i, lines in enumerate(texts)]
    out, changes = remove_hi(cues, language=language)
    assert changes == [] and len(out) == len(cues) and all(a is b for a, b in zip(out, cues))


words_text = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8))
segment_lists = st.lists(st.lists(st.tuples(words_text, st.booleans()), max_size=8), max_size=5).map(
    lambda turns: [Segment("A", [Word(text, i * 10 + j, i * 10 + j + 1, sound=sound and j % 3 == 0)
                                 for j, (text, sound) in enumerate(words)]) for i, words in enumerate(turns)])


@settings(max_examples=300, deadline=None)
@given(segment_lists, languages)
def test_words_twice_is_words_once_and_nothing_unchanged_is_reported(segments: list[Segment],
                                                                     language: str | None) -> None:
    once, changes = remove_hi_words(segments, language=language)
    twice, again = remove_hi_words(once, language=language)
    assert [s.text for s in twice] == [s.text for s in once] and again == []
    assert all(not any(w.sound for w in s.words) for s in once)
    assert all(s.words for s in once if not any(s is given for given in segments))
    changed = {c.cue for c in changes}
    reported_same = [n for n, s in enumerate(segments, 1) if n in changed and any(s is o for o in once)]
    assert reported_same == []


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60), languages)
def test_never_raises_on_any_text(text: str, language: str | None) -> None:
    remove_hi([Cue(0, 1, text.split("\n"))], language=language)
    remove_hi([Cue(0, 1, [text])], language=language)
    remove_hi_words([Segment(None, [Word(w, 0, 1) for w in text.split(" ")])], language=language)
    hi_spans(text, language=language)
