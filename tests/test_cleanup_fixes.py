"""The ``--fix`` rules (scribekit/cleanup/fixes.py): each rule with cases it must change and cases
it must leave alone, in several languages; properties of every rule over any text (idempotent,
changes only what it reports, leaves clean cues alone, never raises, never leaves an empty line)."""
from __future__ import annotations

import copy
import json
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scribekit.changes import Change
from scribekit.cleanup import Cleanup, clean_segments
from scribekit.cleanup.fixes import FRAME_MS, RULES, WORD_RULES, fix, fix_words, language_data
from scribekit.errors import OptionError
from scribekit.model import Cue, Segment, Word

NBSP, NNBSP = "\u00a0", "\u202f"


def fixed(text: str, rule: str, language: str | None = "en", **options: object) -> str | None:
    """The cue's text after ``rule``, None when the cue went."""
    out, _ = fix([Cue(1000, 3000, text.split("\n"))], [rule], language=language, **options)  # type: ignore[arg-type]
    return out[0].text if out else None


def unchanged(text: str, rule: str, language: str | None = "en", **options: object) -> bool:
    cue = Cue(1000, 3000, text.split("\n"))
    out, changes = fix([cue], [rule], language=language, **options)  # type: ignore[arg-type]
    return changes == [] and len(out) == 1 and out[0] is cue


# --- double-spaces ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "language", "expected"), [
    ("I told you  twice.", "en", "I told you twice."),
    ("Hello\t\tworld", "en", "Hello world"),
    ("Hello\tworld", "en", "Hello world"),
    ("  Hello there.  ", "en", "Hello there."),
    ("Hello \nthere", "en", "Hello\nthere"),
    ("Hello\n   \nthere", "en", "Hello\nthere"),
    ("Wir reden  morgen.", "de", "Wir reden morgen."),
    ("Quoi \u00a0?", "fr", f"Quoi{NBSP}?"),
    (f"Quoi {NNBSP} ?", "fr", f"Quoi{NNBSP}?"),
])
def test_double_spaces_become_one(text: str, language: str, expected: str) -> None:
    assert fixed(text, "double-spaces", language) == expected


@pytest.mark.parametrize(("text", "language"), [
    ("I told you twice.", "en"),
    (f"Quoi{NBSP}? Oui{NNBSP}!", "fr"),
    (f"Il coûte 1{NBSP}000 euros.", "fr"),
    ("-Hello.\n-Hi.", "en"),
])
def test_double_spaces_leave_single_spaces_and_french_no_break_spaces(text: str, language: str) -> None:
    assert unchanged(text, "double-spaces", language)


# --- space-before-punctuation --------------------------------------------------------------------

@pytest.mark.parametrize(("text", "language", "expected"), [
    ("Are you sure ?", "en", "Are you sure?"),
    ("Merci , mais non .", "fr", "Merci, mais non."),
    ("Ja , sofort.", "de", "Ja, sofort."),
    ("Claro , chef.", "es", "Claro, chef."),
    ("Wait ...", "en", "Wait..."),
    ("Wait …", "en", "Wait…"),
    ("(he left )", "en", "(he left)"),
    ("Really ?!", "nl", "Really?!"),
    ("Wait . . .", "en", "Wait..."),
    (f"Are you sure{NBSP}?", "en", "Are you sure?"),
    ("Quoi? Non!", "fr", f"Quoi{NBSP}? Non{NBSP}!"),
    ("Attention: danger; fuyez!", "fr", f"Attention{NBSP}: danger{NBSP}; fuyez{NBSP}!"),
    ("Il a dit «bonjour».", "fr", f"Il a dit «{NBSP}bonjour{NBSP}»."),
    ("Quoi?!", "fr", f"Quoi{NBSP}?!"),
    ("Vraiment? Non !", "fr-CA", "Vraiment? Non!"),
    ("Attention: danger", "fr-CA", f"Attention{NBSP}: danger"),
    ("Quoi ?", "de", "Quoi?"),
])
def test_space_before_punctuation(text: str, language: str, expected: str) -> None:
    assert fixed(text, "space-before-punctuation", language) == expected


@pytest.mark.parametrize(("text", "language"), [
    ("...and then he left.", "en"),
    ("-...and then he left.", "en"),
    ("- ...and then he left.", "en"),
    ("Wait ...what?", "en"),
    ("It is 10 : 30 now.", "en"),
    ("Hi :)", "en"),
    ("It costs .5 percent.", "en"),
    ("Vraiment ? Même face aux ingénieurs ?", "fr"),
    (f"Quoi{NNBSP}? Non{NBSP}!", "fr"),
    ("Il est 10:30. Voir http://exemple.fr", "fr"),
    ("Ils parlaient de « grange ».", "fr"),
    ("Il coûte 1 000 euros.", "fr"),
    ("Sie sagte: »Nein.«", "de"),
    ("¿Qué? ¡No!", "es"),
])
def test_space_before_punctuation_leaves(text: str, language: str) -> None:
    assert unchanged(text, "space-before-punctuation", language)


# --- missing-space ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "language", "expected"), [
    ("We close at six.Come back tomorrow.", "en", "We close at six. Come back tomorrow."),
    ("Yes,sir.", "en", "Yes, sir."),
    ("What?No!", "en", "What? No!"),
    ("Really?!Yes.", "en", "Really?! Yes."),
    ("Das war's für heute.Morgen fahren wir.", "de", "Das war's für heute. Morgen fahren wir."),
    ("Cerramos a las doce.Mañana abrimos.", "es", "Cerramos a las doce. Mañana abrimos."),
    ("<i>Hello,world</i>", "en", "<i>Hello, world</i>"),
    ("end.Nextend.Next", "en", "end. Nextend. Next"),
])
def test_missing_space_after_a_mark(text: str, language: str, expected: str) -> None:
    assert fixed(text, "missing-space", language) == expected


@pytest.mark.parametrize(("text", "language"), [
    ("Pi is 3.14, not 1,000.", "en"),
    ("Es kostet 3,5 Euro.", "de"),
    ("Bring snacks, e.g. crisps, i.e. food.", "en"),
    ("He moved to the U.S.A. last year.", "en"),
    ("Z.B. morgen.", "de"),
    ("See scribekit.org or www.Example.Com now.", "en"),
    ("Write to anna@mail.Example.org today.", "en"),
    ("Open https://example.org/a?b=c.", "en"),
    ("Wait...what?", "en"),
    ("Wait…What?", "en"),
    ("We meet at 10.30 sharp.", "nl"),
    ("It runs on ASP.NET now.", "en"),
    ("Dr.Smith is in.", "nl"),
])
def test_missing_space_leaves_numbers_abbreviations_addresses_and_ellipses(text: str, language: str) -> None:
    if text.startswith("Dr."):
        assert fixed(text, "missing-space", language) == "Dr. Smith is in."
        return
    assert unchanged(text, "missing-space", language)


# --- ellipsis ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "language", "form", "expected"), [
    ("I thought... Never mind.", "en", None, "I thought… Never mind."),
    ("...and then.", "en-GB", None, "…and then."),
    ("Je pensais...", "fr", "char", "Je pensais…"),
    ("Ich dachte...", "de", None, "Ich dachte…"),
    ("Ik dacht...", "nl", None, "Ik dacht…"),
    ("Ich dachte…", "de", "dots", "Ich dachte..."),
    ("I thought…", "en", "dots", "I thought..."),
])
def test_ellipsis_to_the_form_asked_or_the_languages(text: str, language: str, form: str | None,
                                                     expected: str) -> None:
    assert fixed(text, "ellipsis", language, ellipsis=form) == expected


@pytest.mark.parametrize(("text", "language", "form"), [
    ("Je pensais...", "fr", None),
    ("Ich dachte…", "de", None),
    ("Pensaba...", "es", None),
    ("Pensaba...", None, None),
    ("Wait.. what", "en", None),
    ("The end....", "en", None),
    ("I thought…", "en", None),
    ("I thought...", "en", "dots"),
])
def test_ellipsis_leaves_languages_without_a_preference_and_other_runs_of_dots(text: str, language: str | None,
                                                                                form: str | None) -> None:
    assert unchanged(text, "ellipsis", language, ellipsis=form)


# --- dialogue-dashes -----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "language", "expected"), [
    ("-- Maybe it was a warning.\n-- Or a timetable.", "en", "- Maybe it was a warning.\n- Or a timetable."),
    ("--Are you coming?\n—In a minute.", "en", "-Are you coming?\n-In a minute."),
    ("–Are you coming?\n- In a minute.", "en", "-Are you coming?\n-In a minute."),
    ("-Tu viens ?\n-Oui.", "fr", "- Tu viens ?\n- Oui."),
    ("—Tu viens ?\n— Oui.", "fr", "- Tu viens ?\n- Oui."),
    ("--¿Quién ha sido?\n--Yo no.", "es", "-¿Quién ha sido?\n-Yo no."),
    ("-- Wem gehört das?\n-- Uns.", "de", "- Wem gehört das?\n- Uns."),
    ("<i>--Who?</i>\n<i>--Me.</i>", "en", "<i>-Who?</i>\n<i>-Me.</i>"),
])
def test_dialogue_dashes_normalised(text: str, language: str, expected: str) -> None:
    assert fixed(text, "dialogue-dashes", language) == expected


@pytest.mark.parametrize(("text", "language"), [
    ("-Are you coming?\n-In a minute.", "en"),
    ("- Who told you that?\n- Nobody had to.", "en"),
    ("- Tu viens ?\n- Oui.", "fr"),
    ("-- Just one line.", "en"),
    ("Hello there,\n-- he said.", "en"),
    ("-5 degrees?\n-Yes.", "en"),
    ("A well-known\nman.", "en"),
])
def test_dialogue_dashes_leave_other_cues(text: str, language: str) -> None:
    assert unchanged(text, "dialogue-dashes", language)


# --- stray-dashes ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "language", "expected"), [
    ("- I'm not going back there.", "en", "I'm not going back there."),
    ("-Yo abro la puerta.", "es", "Yo abro la puerta."),
    ("- Das dauert\nbis morgen.", "de", "Das dauert\nbis morgen."),
    ("<i>- Non lo so.</i>", "it", "<i>Non lo so.</i>"),
    ("What are you-", "en", "What are you--"),
    ("What are you --", "en", "What are you--"),
    ("What are you—", "en", "What are you--"),
    ("Qu'est-ce que tu-", "fr", "Qu'est-ce que tu..."),
    ("Was machst du --</i>", "de", "Was machst du…</i>"),
    ("Was machst du --</i>", "es", "Was machst du...</i>"),
    ("Qué haces-", "es", "Qué haces..."),
    ("-What are you-\n-Be quiet!", "en", "-What are you--\n-Be quiet!"),
])
def test_stray_dashes(text: str, language: str, expected: str) -> None:
    assert fixed(text, "stray-dashes", language) == expected


def test_a_trailing_dash_becomes_the_ellipsis_the_language_writes() -> None:
    assert fixed("Qu'est-ce que tu-", "stray-dashes", "fr", ellipsis="char") == "Qu'est-ce que tu…"


@pytest.mark.parametrize(("text", "language"), [
    ("-Are you coming?\n-In a minute.", "en"),
    ("What are you--", "en"),
    ("It was a well-\nknown fact.", "en"),
    ("-5 degrees tonight.", "en"),
    ("It was -5 tonight.", "en"),
    ("A mother-in-law.", "en"),
    ("Er kam am 3.-", "de"),
    ("Hello,\n-Hi.", "en"),
    ("--- ", "en"),
])
def test_stray_dashes_leave_dialogue_hyphens_and_minus_signs(text: str, language: str) -> None:
    assert unchanged(text, "stray-dashes", language)


# --- unbalanced-tags -------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("<i>They never came home.", "<i>They never came home.</i>"),
    ("<i>They never\ncame home.", "<i>They never\ncame home.</i>"),
    ("Comme si c'était hier.</i>", "Comme si c'était hier."),
    ("Hello <b></b>there", "Hello there"),
    ("<i><i>Hi</i></i>", "<i>Hi</i>"),
    ("<i>Hi</i></i>", "<i>Hi</i>"),
    ("<b><i>Hi", "<b><i>Hi</i></b>"),
    ("Hello<i>", "Hello"),
    ("<I>Hi", "<I>Hi</i>"),
    ("<i></i>\nHello", "Hello"),
])
def test_unbalanced_tags(text: str, expected: str) -> None:
    assert fixed(text, "unbalanced-tags") == expected


@pytest.mark.parametrize("text", [
    "<i>Hello</i> there",
    "<i>One</i> and <i>two</i>",
    "<i>Across\nlines</i>",
    "No tags at all",
    "<b><i>Nested</i></b>",
    "a < b > c",
])
def test_unbalanced_tags_leave_balanced_tags(text: str) -> None:
    assert unchanged(text, "unbalanced-tags")


def test_a_cue_of_empty_tags_only_is_left_for_empty_cues() -> None:
    assert unchanged("<i></i>", "unbalanced-tags")
    assert fixed("<i></i>", "empty-cues") is None


# --- unbalanced-quotes ---------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "language", "expected"), [
    ('He said "tomorrow, and then he left.', "en", 'He said "tomorrow, and then he left."'),
    ('"Hello there', "en", '"Hello there"'),
    ("-“Hello there", "en", "-“Hello there”"),
    ("Er sagte nur: „Nicht hier.", "de", "Er sagte nur: „Nicht hier.“"),
    ("Mi madre decía: «Quien cocina.", "es", "Mi madre decía: «Quien cocina.»"),
    (f"Il a dit «{NBSP}bonjour.", "fr", f"Il a dit «{NBSP}bonjour.{NBSP}»"),
    ('Ze noemen het "het achtste wereldwonder.', "nl", 'Ze noemen het "het achtste wereldwonder."'),
    ('Hello " world', "en", "Hello world"),
    ('Go home."', "en", '"Go home."'),
    ("<i>Go home.”</i>", "en", "<i>“Go home.”</i>"),
    ('He said "tomorrow</i>', "en", 'He said "tomorrow"</i>'),
])
def test_unbalanced_quotes(text: str, language: str, expected: str) -> None:
    assert fixed(text, "unbalanced-quotes", language) == expected


@pytest.mark.parametrize(("text", "language"), [
    ('He said "tomorrow".', "en"),
    ("Don't 'til l'homme, rock 'n' roll.", "en"),
    ("Wer ist „sie“?", "de"),
    ("Ils parlaient de « grange ».", "fr"),
    ('<font color="red">Red</font>', "en"),
    ('He said " and', "en"),
    ('"', "en"),
    ('He "said" it, "twice', "en"),
    ('5" tall', "en"),
])
def test_unbalanced_quotes_leave_balanced_and_unsure_quotes(text: str, language: str) -> None:
    if text == 'He said " and':
        assert fixed(text, "unbalanced-quotes", language) == "He said and"
        return
    assert unchanged(text, "unbalanced-quotes", language)


def test_a_quotation_over_several_cues_is_left_open() -> None:
    cues = [Cue(0, 1000, ['"I will go']), Cue(1000, 2000, ['"and never come back."'])]
    out, changes = fix(cues, ["unbalanced-quotes"], language="en")
    assert changes == [] and out == cues
    cues = [Cue(0, 1000, ["He said: “I will go"]), Cue(1000, 2000, ["and never come back.”"])]
    assert fix(cues, ["unbalanced-quotes"], language="en")[1] == []


# --- i-and-l -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "language", "expected"), [
    ("lt's not my fault.", "en", "It's not my fault."),
    ("l'm calling the police.", "en", "I'm calling the police."),
    ("l’m here, l know.", "en", "I’m here, I know."),
    ("-l'll go.\n-lt was me.", "en", "-I'll go.\n-It was me."),
    ("lf you want. ls it?", "en", "If you want. Is it?"),
    ("wIth you, lIke this", "en", "with you, like this"),
    ("a fIy in my sIeep", "en", "a fly in my sleep"),
    ("ll est là.", "fr", "Il est là."),
    ("Oui. ll vient.", "fr", "Oui. Il vient."),
    ("Quand ll vient, lls partent.", "fr", "Quand il vient, ils partent."),
    ("Das wIrd kIar.", "de", "Das wird klar."),
])
def test_i_and_l(text: str, language: str, expected: str) -> None:
    assert fixed(text, "i-and-l", language) == expected


@pytest.mark.parametrize(("text", "language"), [
    ("I'm ill.", "en"),
    ("Springfield, Ill.", "en"),
    ("Henry II and Louis III.", "en"),
    ("Ian and Iris met.", "en"),
    ("Her iPhone and McIntyre.", "en"),
    ("Add 2 l of water.", "en"),
    ("l'homme est là.", "fr"),
    ("Il l'a vu.", "fr"),
    ("We'll see, you'll see.", "en"),
    ("It's all good.", "en"),
    ("Lt. Dan is here.", "en"),
    ("Type ls to list, ln to link.", "en"),
    ("l'm", "de"),
    ("heIlo", "en"),
    ("re-lt", "en"),
    ("Über alles.", "de"),
])
def test_i_and_l_leaves_real_words(text: str, language: str) -> None:
    assert unchanged(text, "i-and-l", language)


# --- duplicate-words ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "language", "expected"), [
    ("Put it on the the table.", "en", "Put it on the table."),
    ("The the end.", "en", "The end."),
    ("the the the end", "en", "the end"),
    ("Put it on the\nthe table.", "en", "Put it on the\ntable."),
    ("Put it on the the\ntable.", "en", "Put it on the\ntable."),
    ("Le bois reste le le meilleur.", "fr", "Le bois reste le meilleur."),
    ("Er ist über den den Zaun.", "de", "Er ist über den Zaun."),
    ("La receta es de de mi abuela.", "es", "La receta es de mi abuela."),
    ("Het is is goed.", "nl", "Het is goed."),
    ("Is is it true?", "en", "Is it true?"),
])
def test_duplicate_words(text: str, language: str, expected: str) -> None:
    assert fixed(text, "duplicate-words", language) == expected


@pytest.mark.parametrize(("text", "language"), [
    ("I know that that is true.", "en"),
    ("She had had enough.", "en"),
    ("I-I don't know.", "en"),
    ("Very, very good.", "en"),
    ("No no no!", "en"),
    ("Nous nous sommes vus.", "fr"),
    ("Vous vous trompez.", "fr"),
    ("Die die Karten haben.", "de"),
    ("Das das Beste ist.", "de"),
    ("Ik weet dat dat klopt.", "nl"),
    ("Was het het geld waard?", "nl"),
    ("Room 10 10", "en"),
    ("-Yes.\n-Yes.", "en"),
    ("the <i>the</i>", "en"),
    ("can't can", "en"),
])
def test_duplicate_words_leave_legitimate_repeats(text: str, language: str) -> None:
    assert unchanged(text, "duplicate-words", language)


# --- empty-cues, identical-cues, short-cues ---------------------------------------------------------

@pytest.mark.parametrize("lines", [[""], [], [" "], ["<i></i>"], ["-"], ["..."], ["…"], ["- ", "-"], ["{\\an8}"]])
def test_empty_cues_removed(lines: list[str]) -> None:
    cue = Cue(1000, 2000, lines)
    out, changes = fix([Cue(0, 900, ["Hi."]), cue], ["empty-cues"])
    assert [c.lines for c in out] == [["Hi."]]
    assert changes == [Change("empty-cues", 2, 1000, "\n".join(lines), "")]


@pytest.mark.parametrize("lines", [["♪"], ["1"], ["a"], ["$"], ["…no."], ["<i>Hi</i>"], ["Ω"], ["你"]])
def test_empty_cues_keep_cues_with_a_letter_digit_or_symbol(lines: list[str]) -> None:
    assert fix([Cue(0, 900, lines)], ["empty-cues"])[1] == []


def test_identical_cues_merged_first_start_last_end() -> None:
    cues = [Cue(0, 1000, ["Is that him?"]), Cue(1040, 2000, ["Is that", "him?"]), Cue(2000, 3000, ["Is that him?"]),
            Cue(5000, 6000, ["Is that him?"])]
    out, changes = fix(cues, ["identical-cues"])
    assert [(c.start, c.end) for c in out] == [(0, 3000), (5000, 6000)]
    assert out[0].lines == ["Is that him?"] and out[1] is cues[3]
    assert changes == [Change("identical-cues", 2, 1040, "Is that\nhim?", ""),
                       Change("identical-cues", 3, 2000, "Is that him?", ""),
                       Change("identical-cues", 1, 0, "00:00:00.000 --> 00:00:01.000",
                              "00:00:00.000 --> 00:00:03.000")]


@pytest.mark.parametrize(("first", "second", "gap_ms"), [
    (Cue(0, 1000, ["Hi."]), Cue(1000 + FRAME_MS + 1, 2000, ["Hi."]), 0),
    (Cue(0, 1000, ["Hi."]), Cue(1000 + FRAME_MS + 81, 2000, ["Hi."]), 80),
    (Cue(0, 1000, ["Hi."]), Cue(1000, 2000, ["Hi!"]), 0),
    (Cue(0, 1000, ["Hi."]), Cue(1000, 2000, ["<i>Hi.</i>"]), 0),
    (Cue(0, 1000, ["Hi."], speaker="A"), Cue(1000, 2000, ["Hi."], speaker="B"), 0),
    (Cue(0, 1000, ["Hi."]), Cue(1000, 2000, ["Hi."], style={"position": "top"}), 0),
])
def test_identical_cues_leave_cues_apart_or_different(first: Cue, second: Cue, gap_ms: int) -> None:
    assert fix([first, second], ["identical-cues"], gap_ms=gap_ms)[1] == []


def test_identical_cues_merge_within_the_gap_and_a_frame() -> None:
    cues = [Cue(0, 1000, ["Hi."]), Cue(1000 + FRAME_MS + 80, 2000, ["Hi."])]
    assert len(fix(cues, ["identical-cues"], gap_ms=80)[0]) == 1


def test_short_cues_extended_into_the_silence() -> None:
    cues = [Cue(0, 300, ["Wait!"]), Cue(3000, 4000, ["What?"])]
    out, changes = fix(cues, ["short-cues"], min_duration_ms=833, gap_ms=80)
    assert (out[0].start, out[0].end) == (0, 833) and out[1] is cues[1]
    assert changes == [Change("short-cues", 1, 0, "00:00:00.000 --> 00:00:00.300",
                              "00:00:00.000 --> 00:00:00.833")]


def test_short_cues_extended_as_far_as_the_silence_goes() -> None:
    cues = [Cue(0, 300, ["-Wait!", "-What?"]), Cue(600, 4000, ["Nothing."])]
    out, _ = fix(cues, ["short-cues"], min_duration_ms=833, gap_ms=80)
    assert (out[0].start, out[0].end) == (0, 520)


def test_short_cues_merged_with_the_next_when_there_is_no_room() -> None:
    cues = [Cue(0, 300, ["Wait!"]), Cue(340, 2000, ["Come back."]), Cue(5000, 6000, ["No."])]
    out, changes = fix(cues, ["short-cues"], min_duration_ms=833, gap_ms=40)
    assert [(c.start, c.end, c.lines) for c in out] == [(0, 2000, ["Wait!", "Come back."]), (5000, 6000, ["No."])]
    assert changes == [Change("short-cues", 2, 340, "Come back.", ""),
                       Change("short-cues", 1, 0, "00:00:00.000 --> 00:00:00.300",
                              "00:00:00.000 --> 00:00:02.000")]


@pytest.mark.parametrize(("first", "second"), [
    (Cue(0, 300, ["Wait!"], speaker="A"), Cue(340, 2000, ["Come back."], speaker="B")),
    (Cue(0, 300, ["Wait!", "Now!"]), Cue(340, 2000, ["Come back."])),
    (Cue(0, 300, ["-Wait!"]), Cue(340, 2000, ["-Come back."])),
])
def test_short_cues_not_merged_across_speakers_or_past_two_lines(first: Cue, second: Cue) -> None:
    out, changes = fix([first, second], ["short-cues"], min_duration_ms=833, gap_ms=40)
    assert len(out) == 2 and out[1] is second and out[0].end == 300
    assert changes == []


def test_short_cues_do_nothing_without_a_minimum() -> None:
    cues = [Cue(0, 10, ["Hi."])]
    out, changes = fix(cues, ["short-cues"])
    assert changes == [] and out[0] is cues[0]


# --- hearing-impaired text kept ------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("[LAUGHS  ]  lt is  fine .", "[LAUGHS  ] It is fine."),
    ("MAN:  Hello .", "MAN: Hello."),
    ("(sighs ...) l know...", "(sighs ...) I know…"),
    ("♪ la  la ... ♪", "♪ la la… ♪"),
])
def test_keep_hi_leaves_hearing_impaired_text(text: str, expected: str) -> None:
    out, _ = fix([Cue(0, 1000, [text])], "all", language="en", keep_hi=True)
    assert out[0].text == expected


def test_without_keep_hi_the_rules_read_hearing_impaired_text_too() -> None:
    out, _ = fix([Cue(0, 1000, ["[LAUGHS  ] Fine ."])], "all", language="en")
    assert out[0].text == "[LAUGHS ] Fine."


# --- the rules together ----------------------------------------------------------------------------

def test_rules_run_in_order_and_report_numbers_in_the_cues_each_was_given() -> None:
    cues = [Cue(0, 500, ["..."]), Cue(1000, 2000, ["Is  that him?"]), Cue(2000, 3000, ["Is that him?"])]
    given = copy.deepcopy(cues)
    out, changes = fix(cues, ["identical-cues", "empty-cues", "double-spaces"], language="en")
    assert cues == given
    assert [(c.start, c.end, c.text) for c in out] == [(1000, 3000, "Is that him?")]
    assert [(c.rule, c.cue, c.start) for c in changes] == [
        ("double-spaces", 2, 1000), ("empty-cues", 1, 0), ("identical-cues", 2, 2000), ("identical-cues", 1, 1000)]


def test_unknown_rules_and_bad_options_are_option_errors() -> None:
    cue = [Cue(0, 1000, ["Hi."])]
    with pytest.raises(OptionError, match="no rule 'spelling'"):
        fix(cue, ["double-spaces", "spelling"])
    with pytest.raises(OptionError):
        fix(cue, ["ellipsis"], ellipsis="unicode")
    with pytest.raises(OptionError):
        fix(cue, ["short-cues"], min_duration_ms=-1)
    with pytest.raises(OptionError):
        fix(cue, ["short-cues"], gap_ms=1.5)  # type: ignore[arg-type]
    with pytest.raises(OptionError):
        fix_words([], ["nope"])
    assert fix(cue, "double-spaces,ellipsis")[1] == []
    assert fix(cue, [])[0] == cue


def test_rules_and_word_rules() -> None:
    assert len(RULES) == 13 and WORD_RULES < set(RULES)
    assert {"duplicate-words", "ellipsis", "i-and-l"} <= WORD_RULES


# --- per-language data ------------------------------------------------------------------------------

def test_every_data_file_has_the_known_fields_of_the_right_types() -> None:
    folder = resources.files("scribekit.cleanup") / "data" / "fixes"
    files = [entry for entry in folder.iterdir() if entry.name.endswith(".json")]
    assert {"generic.json", "en.json", "fr.json", "de.json", "es.json", "nl.json"} <= {f.name for f in files}
    fields = {"language": str, "ellipsis": (str, type(None)), "space_before": str, "guillemet_spacing": bool,
              "interruption": str, "closing_quotes": dict, "l_words": dict, "l_words_sentence_start": dict,
              "repeats": list}
    for entry in files:
        raw = json.loads(entry.read_text(encoding="utf-8"))
        for key, value in raw.items():
            assert key in fields and isinstance(value, fields[key]), (entry.name, key)
        assert raw.get("ellipsis") in (None, "char", "dots"), entry.name
        assert set(raw.get("space_before", "")) <= set(":;?!"), entry.name
        assert all(word == word.lower() for word in raw.get("repeats", [])), entry.name


@pytest.mark.parametrize(("language", "ellipsis", "space_before", "interruption"), [
    ("en", "char", "", "--"), ("en-US", "char", "", "--"), ("fr", None, ":;?!", "..."),
    ("fr-CA", None, ":", "..."), ("fr_ca", None, ":", "..."), ("fr-CA-x-test", None, ":", "..."),
    ("de", "char", "", "..."), ("nl", "char", "", "..."),
    ("es", None, "", "..."), (None, None, "", "..."),
    ("xx", None, "", "..."), ("../../en", None, "", "..."), ("", None, "", "..."),
])
def test_language_data_region_over_language_over_generic(language: str | None, ellipsis: str | None,
                                                           space_before: str, interruption: str) -> None:
    data = language_data(language)
    assert (data.ellipsis, data.space_before, data.interruption) == (ellipsis, space_before, interruption)
    assert "ha" in data.repeats  # the generic list is always there


# --- words -------------------------------------------------------------------------------------------

def _turn(*texts: str) -> Segment:
    return Segment("S1", [Word(text, i * 500, i * 500 + 400) for i, text in enumerate(texts)])


def test_fix_words_runs_the_word_rules() -> None:
    turns = [_turn("lt's", "the", "the", "end..."), _turn("Fine.")]
    out, changes = fix_words(turns, "all", language="en")
    assert [w.text for w in out[0].words] == ["It's", "the", "end…"]
    assert (out[0].words[1].start, out[0].words[1].end) == (500, 1400)
    assert out[1] is turns[1]
    assert [(c.rule, c.cue) for c in changes] == [("ellipsis", 1), ("i-and-l", 1), ("duplicate-words", 1)]
    assert changes[-1] == Change("duplicate-words", 1, 0, "It's the the end…", "It's the end…")


@pytest.mark.parametrize(("texts", "language", "expected"), [
    (("ll", "est", "là."), "fr", ["Il", "est", "là."]),
    (("oui,", "ll", "vient."), "fr", ["oui,", "il", "vient."]),
    (("the", "the."), "en", ["the."]),
    (("the,", "the"), "en", ["the,", "the"]),
    (("that", "that"), "en", ["that", "that"]),
    (("I-I", "know"), "en", ["I-I", "know"]),
    (("2", "l"), "en", ["2", "l"]),
])
def test_fix_words_cases(texts: tuple[str, ...], language: str, expected: list[str]) -> None:
    out, _ = fix_words([_turn(*texts)], ["i-and-l", "duplicate-words"], language=language)
    assert [w.text for w in out[0].words] == expected


def test_clean_segments_dispatches_the_word_rules_only() -> None:
    turns = [_turn("Hello", "  ", "world")]
    out, changes = clean_segments(turns, Cleanup(fixes=("double-spaces", "empty-cues")), language="en")
    assert out == turns and changes == []


# --- properties --------------------------------------------------------------------------------------

FRAGMENTS = ["the", "the", "The", "that", "lt's", "l", "l'm", "ll", "wIth", "lIke", "heIlo", "I-I", "ill", "Ill.",
             "II", "Ian", "e.g.", "U.S.A.", "3.14", "1,000", "scribekit.org", "10 : 30", "1 000", "nous", "die",
             "...", "…", "..", "--", "-", "—", "–", " ", " ", "  ", "\t", NBSP, NNBSP, ",", ".", "?", "!", ":", ";",
             ")", "(", '"', "“", "”", "„", "«", "»", "'", "’", "<i>", "</i>", "<b>", "</b>", "<u>", "</I>",
             "[LAUGHS]", "(sighs)", "MAN:", "♪", "end.Next", "Yes,sir", "a", "b", "Wait", "x", "0", "é"]
LANGUAGES = [None, "en", "en-GB", "fr", "fr-CA", "de", "es", "nl", "it", "xx"]

line_text = st.one_of(
    st.lists(st.sampled_from(FRAGMENTS), max_size=10).map("".join),
    st.lists(st.sampled_from(FRAGMENTS), max_size=6).map(" ".join),
    st.text(max_size=20).map(lambda text: text.replace("\n", " ").replace("\r", " ")),
)


@st.composite
def cue_lists(draw: st.DrawFn) -> list[Cue]:
    cues = []
    time = draw(st.integers(0, 5000))
    for _ in range(draw(st.integers(0, 6))):
        time += draw(st.integers(-200, 1500))
        length = draw(st.integers(0, 2500))
        lines = draw(st.lists(line_text, min_size=1, max_size=3))
        speaker = draw(st.sampled_from([None, None, "A", "B"]))
        cues.append(Cue(time, time + length, lines, speaker=speaker))
        if draw(st.booleans()):  # a repeat, for identical-cues
            cues.append(Cue(time + length + draw(st.integers(-100, 100)), time + length + 900, list(lines),
                            speaker=speaker))
        time += length
    return cues


options = st.fixed_dictionaries({
    "language": st.sampled_from(LANGUAGES),
    "ellipsis": st.sampled_from([None, "char", "dots"]),
    "min_duration_ms": st.sampled_from([0, 833, 2000]),
    "gap_ms": st.sampled_from([0, 80]),
    "keep_hi": st.booleans(),
})


@settings(max_examples=150, deadline=None)
@given(cue_lists(), st.sampled_from(RULES), options)
def test_each_rule_is_idempotent(cues: list[Cue], rule: str, kwargs: dict[str, object]) -> None:
    once, _ = fix(cues, [rule], **kwargs)  # type: ignore[arg-type]
    twice, again = fix(once, [rule], **kwargs)  # type: ignore[arg-type]
    assert again == [] and twice == once


@settings(max_examples=150, deadline=None)
@given(cue_lists(), st.sampled_from(RULES), options)
def test_a_rule_changes_only_the_cues_it_reports_and_never_leaves_an_empty_line(
        cues: list[Cue], rule: str, kwargs: dict[str, object]) -> None:
    given_cues = copy.deepcopy(cues)
    out, changes = fix(cues, [rule], **kwargs)  # type: ignore[arg-type]
    assert cues == given_cues
    reported = {change.cue for change in changes}
    assert all(change.rule == rule and change.before != change.after or change.after == "" for change in changes)
    assert all(cues[change.cue - 1].start == change.start for change in changes)
    assert len(out) == len(cues) - sum(1 for change in changes if change.after == "")
    kept = {id(cue) for cue in out}
    for number, cue in enumerate(cues, 1):
        if number not in reported:
            assert id(cue) in kept, (number, cue)
    originals = {id(cue) for cue in cues}
    lines_given = {cue.start: cue.lines for cue in cues}
    for cue in out:
        if id(cue) not in originals and cue.lines != lines_given.get(cue.start):  # not a change of times only
            assert cue.lines and all(line.strip() for line in cue.lines), cue


@settings(max_examples=100, deadline=None)
@given(cue_lists(), options)
def test_all_rules_together_never_raise_and_leave_the_input(cues: list[Cue], kwargs: dict[str, object]) -> None:
    given_cues = copy.deepcopy(cues)
    out, changes = fix(cues, "all", **kwargs)  # type: ignore[arg-type]
    assert cues == given_cues
    assert {change.rule for change in changes} <= set(RULES)


CLEAN_WORDS = ["Hello", "world", "we", "are", "going", "home", "tonight", "maybe", "after", "dinner", "boat", "is",
               "ready", "Anna", "said", "yes", "no", "river", "quiet", "garden", "were", "you", "there", "it"]


@st.composite
def clean_cues(draw: st.DrawFn) -> list[Cue]:
    cues = []
    time = 0
    previous = ""
    for _ in range(draw(st.integers(1, 6))):
        lines = []
        for _ in range(draw(st.integers(1, 2))):
            words = draw(st.lists(st.sampled_from(CLEAN_WORDS), min_size=1, max_size=6, unique=True))
            lines.append(" ".join(words) + draw(st.sampled_from([".", ",", "?", "!", ""])))
        text = "\n".join(lines)
        if text == previous or " ".join(text.split()).lower() == " ".join(previous.split()).lower():
            lines.append("Again.")
        previous = "\n".join(lines)
        cues.append(Cue(time, time + 2500, lines))
        time += 3000
    return cues


@settings(max_examples=100, deadline=None)
@given(clean_cues(), st.sampled_from(["en", "de", "es", "nl", "it", None]), st.booleans())
def test_cues_without_any_rules_pattern_are_left_alone(cues: list[Cue], language: str | None, keep_hi: bool) -> None:
    for cue in cues:
        for first, second in zip(" ".join(cue.lines).split(), " ".join(cue.lines).split()[1:]):
            if first.lower() == second.lower().rstrip(".,?!"):
                return  # "yes yes": a repeat, a pattern of duplicate-words
    out, changes = fix(cues, "all", language=language, min_duration_ms=833, gap_ms=80, keep_hi=keep_hi)
    assert changes == []
    assert len(out) == len(cues) and all(a is b for a, b in zip(out, cues))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.sampled_from(FRAGMENTS + ["the", "the."]), min_size=0, max_size=6), max_size=4),
       st.sampled_from(LANGUAGES), st.sampled_from([None, "char", "dots"]))
def test_fix_words_is_idempotent_and_keeps_the_turns_given(texts: list[list[str]], language: str | None,
                                                           ellipsis: str | None) -> None:
    turns = [Segment("S", [Word(text, i * 100, i * 100 + 90) for i, text in enumerate(words)]) for words in texts]
    given_turns = copy.deepcopy(turns)
    once, changes = fix_words(turns, "all", language=language, ellipsis=ellipsis)
    assert turns == given_turns
    twice, again = fix_words(once, "all", language=language, ellipsis=ellipsis)
    assert again == [] and twice == once
    for number, turn in enumerate(turns, 1):
        if number not in {change.cue for change in changes}:
            assert once[number - 1] is turn


@pytest.mark.parametrize("text", [
    "a" + " " * 50_000 + "b", "a," * 50_000, "ab.Cd" * 20_000, "l " * 50_000, "wIth " * 20_000, "<i>" * 50_000,
    "</b>" * 50_000, "<i><b><u>" * 10_000 + "x", '"x' + " " * 50_000 + "y", "a" + "-" * 50_000 + "x",
    "the " * 50_000, "Quoi ?" * 20_000, "[" * 50_000, "\x00\ufffd" * 50_000, '"' * 50_000 + "a",
])
@pytest.mark.parametrize("language", ["en", "fr"])
def test_hostile_lines_are_fixed_in_one_pass(text: str, language: str) -> None:
    """Long lines of one pattern repeated (each rule's work grows with the line, not its square)."""
    cues = [Cue(0, 1000, [text, text[:100]])]
    for keep_hi in (False, True):
        out, _ = fix(cues, "all", language=language, keep_hi=keep_hi, min_duration_ms=2000)
        assert len(out) <= 1
