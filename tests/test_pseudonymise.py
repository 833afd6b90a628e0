"""Pseudonymisation (scribekit/pseudonymise.py): every listed name replaced in words, speakers,
cue lines, highlights and metadata, and nothing else; the names.csv reader and its errors."""
from __future__ import annotations

import codecs
import copy
import re
import unicodedata
import warnings

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from scribekit.changes import Change
from scribekit.errors import OptionError, ReadError, ScribekitWarning
from scribekit.formats._document import needs_space
from scribekit.model import Cue, Highlight, Metadata, Segment, Speaker, Transcript, Word
from scribekit.pseudonymise import (
    MAX_NAME,
    Pseudonyms,
    Report,
    pseudonymise,
    pseudonymise_report,
    read_pseudonyms,
    replace_names,
    summary_line,
)

PEOPLE = Pseudonyms.of({"Anna": "Person A", "Anna Schmidt": "Person A", "Ms Schmidt": "Person A",
                        "Ben": "Person B", "Will": "Person W"})


def replaced(text: str, pseudonyms: Pseudonyms = PEOPLE) -> str:
    return replace_names(text, pseudonyms)[0]


def turn(*texts: str, speaker: str | None = "S1", start: int = 0) -> Segment:
    """A turn of words 100 ms long each, confidence 0.9 but the second word's 0.5."""
    return Segment(speaker, [Word(text, start + 100 * i, start + 100 * i + 90, 0.5 if i == 1 else 0.9)
                             for i, text in enumerate(texts)])


# --- matching text -------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Anna", "Person A"),
    ("Anna, come here", "Person A, come here"),
    ("Anna's book", "Person A's book"),
    ("Anna’s book", "Person A’s book"),
    ("(Anna)", "(Person A)"),
    ("«Anna»", "«Person A»"),
    ("Anna-Lena", "Person A-Lena"),
    ("Anna Schmidt said", "Person A said"),
    ("Anna  Schmidt said", "Person A said"),
    ("and Ms Schmidt.", "and Person A."),
    ("Ben and Anna", "Person B and Person A"),
    ("ANNA SCHMIDT", "PERSON A"),
    ("ANNA", "PERSON A"),
    ("I will ask Will", "I will ask Person W"),
])
def test_listed_names_are_replaced_as_whole_words(text: str, expected: str) -> None:
    assert replaced(text) == expected


@pytest.mark.parametrize("text", [
    "Annabelle", "Hannah", "Savanna", "Joanna", "anna", "aNNA", "Annas2", "Anna2", "2Anna", "Benjamin",
    "Bennett", "I will go", "WILLOW", "Schmidt", "Ms", "ms schmidt", "goodwill",
])
def test_other_words_are_left_alone(text: str) -> None:
    assert replace_names(text, PEOPLE) == (text, 0)


def test_a_name_listed_in_lower_case_or_capitals_is_found_in_either_and_capitalised() -> None:
    pseudonyms = Pseudonyms.of({"rose": "Person R", "MILLER": "Person M"})
    assert replaced("rose Rose ROSE rOse", pseudonyms) == "Person R Person R PERSON R rOse"
    assert replaced("MILLER Miller miller mIller", pseudonyms) == "Person M Person M miller mIller"


def test_ignore_case_finds_every_case() -> None:
    pseudonyms = Pseudonyms.of({"Anna": "Person A", "Anna Schmidt": "Person B"}, ignore_case=True)
    assert replaced("anna schmidt, aNNa and Annabelle", pseudonyms) == "Person B, Person A and Annabelle"
    assert pseudonyms.pseudonym("ANNA") == "Person A"
    assert PEOPLE.pseudonym("ANNA") == "Person A" and PEOPLE.pseudonym("anna") is None


def test_the_longest_listed_name_wins() -> None:
    pseudonyms = Pseudonyms.of({"Anna": "P1", "Anna Schmidt": "P2", "Schmidt": "P3"})
    assert pseudonyms.names[0][0] == "Anna Schmidt"
    assert replaced("Anna Schmidt, Anna and Schmidt", pseudonyms) == "P2, P1 and P3"
    assert replaced("Anna Schmidtke", pseudonyms) == "P1 Schmidtke"


def test_a_pseudonym_that_is_a_listed_name_is_not_replaced_again() -> None:
    swap = Pseudonyms.of({"Anna": "Ben", "Ben": "Anna"})
    assert replace_names("Anna and Ben", swap) == ("Ben and Anna", 2)


def test_unicode_names_are_compared_in_nfc_and_the_rest_of_the_text_keeps_its_form() -> None:
    pseudonyms = Pseudonyms.of({"Zoë": "Person Z", "Łukasz": "Person L", "José": "Person J"})
    nfd = unicodedata.normalize("NFD", "Zoë met José and Renée")
    assert replaced(nfd, pseudonyms) == "Person Z met Person J and " + unicodedata.normalize("NFD", "Renée")
    assert replaced("Łukasz, ŁUKASZ", pseudonyms) == "Person L, PERSON L"
    assert replaced("Zoe Zoey Zoël", pseudonyms) == "Zoe Zoey Zoël"
    # a combining mark after the name is part of the word
    assert replaced("Zoë\u0301", pseudonyms) == "Zoë\u0301"
    nfd_names = Pseudonyms.of({unicodedata.normalize("NFD", "Zoë"): "Person Z"})
    assert replaced("Zoë", nfd_names) == "Person Z"


def test_names_in_scripts_without_spaces_are_found_inside_text() -> None:
    pseudonyms = Pseudonyms.of({"张伟": "某人", "さくら": "A", "สมชาย": "B", "민수": "C", "محمد": "D", "राम": "E"})
    assert replaced("我是张伟的朋友", pseudonyms) == "我是某人的朋友"
    assert replaced("さくらさんは", pseudonyms) == "Aさんは"
    assert replaced("คุณสมชายมา", pseudonyms) == "คุณBมา"
    assert replaced("민수가 왔다, 김민수", pseudonyms) == "C가 왔다, 김민수"  # a particle after, not a name before
    assert replaced("قال محمد لي، محمدي", pseudonyms) == "قال D لي، محمدي"
    assert replaced("राम रामा श्रीराम", pseudonyms) == "E रामा श्रीराम"  # a vowel sign after: a longer word


def test_text_without_a_listed_name_is_returned_as_given() -> None:
    text = "Nothing to see here, Annabelle."
    assert replace_names(text, PEOPLE)[0] is text
    assert replace_names("Anna", Pseudonyms(())) == ("Anna", 0)


# --- the transcript ------------------------------------------------------------------------------

def test_names_in_words_are_replaced_keeping_punctuation_times_and_the_other_words() -> None:
    words = turn("Hello", "Anna,", "and", "(Ben's", "Annabelle)")
    out, changes = pseudonymise(Transcript([words]), PEOPLE)
    assert [(w.text, w.start, w.end, w.confidence) for w in out.segments[0].words] == [
        ("Hello", 0, 90, 0.9), ("Person A,", 100, 190, 0.5), ("and", 200, 290, 0.9),
        ("(Person B's", 300, 390, 0.9), ("Annabelle)", 400, 490, 0.9)]
    assert out.segments[0].words[0] is words.words[0]
    assert changes == [Change("pseudonymise", 1, 100, "Anna,", "Person A,"),
                       Change("pseudonymise", 1, 300, "(Ben's", "(Person B's")]


def test_a_name_over_several_words_becomes_one_word_timed_over_them() -> None:
    words = turn("I", "met", "(Anna", "Schmidt),", "Ms", "Schmidt", "too")
    words.words[3].extra = {"punctuated_word": "Schmidt),"}
    words.words[2].extra = {"punctuated_word": "(Anna"}
    out, changes = pseudonymise(Transcript([turn("first"), words]), PEOPLE)
    assert [(w.text, w.start, w.end, w.confidence) for w in out.segments[1].words] == [
        ("I", 0, 90, 0.9), ("met", 100, 190, 0.5), ("(Person A),", 200, 390, 0.9), ("Person A", 400, 590, 0.9),
        ("too", 600, 690, 0.9)]
    assert out.segments[1].words[2].extra == {"punctuated_word": "(Person A"}  # the first word's provider fields
    assert changes == [Change("pseudonymise", 2, 200, "(Anna Schmidt),", "(Person A),"),
                       Change("pseudonymise", 2, 400, "Ms Schmidt", "Person A")]
    # the lowest confidence of the words merged; none known: none
    out, _ = pseudonymise(Transcript([turn("Anna", "Schmidt")]), PEOPLE)
    assert [(w.text, w.start, w.end, w.confidence) for w in out.segments[0].words] == [("Person A", 0, 190, 0.5)]
    plain = Segment(None, [Word("Anna", 0, 100), Word("Schmidt", 150, 400)])
    out, _ = pseudonymise(Transcript([plain]), PEOPLE)
    assert out.segments[0].words == [Word("Person A", 0, 400)]


def test_a_name_in_words_of_decomposed_unicode() -> None:
    pseudonyms = Pseudonyms.of({"Zoë Núñez": "Person Z", "Zoë": "Person Y"})
    nfd = [unicodedata.normalize("NFD", text) for text in ("Zoë", "Núñez,", "Zoë's", "Renée")]
    out, _ = pseudonymise(Transcript([turn(*nfd)]), pseudonyms)
    assert [(w.text, w.start, w.end) for w in out.segments[0].words] == [
        ("Person Z,", 0, 190), ("Person Y's", 200, 290), (nfd[3], 300, 390)]


def test_a_name_is_never_merged_across_punctuation_or_turns() -> None:
    transcript = Transcript([turn("Anna,", "Schmidt"), turn("Anna"), turn("Schmidt")])
    out, _ = pseudonymise(transcript, PEOPLE)
    assert [[w.text for w in s.words] for s in out.segments] == [["Person A,", "Schmidt"], ["Person A"], ["Schmidt"]]


def test_words_of_a_script_without_spaces_are_joined_to_find_a_name() -> None:
    pseudonyms = Pseudonyms.of({"张伟": "某人"})
    out, changes = pseudonymise(Transcript([turn("我", "是", "张", "伟", "的")]), pseudonyms)
    assert [(w.text, w.start, w.end) for w in out.segments[0].words] == [
        ("我", 0, 90), ("是", 100, 190), ("某人", 200, 390), ("的", 400, 490)]
    assert changes == [Change("pseudonymise", 1, 200, "张伟", "某人")]


def test_speakers_cues_highlights_and_metadata() -> None:
    transcript = Transcript(
        [turn("hi", speaker="S1"), turn("hello", speaker="Ben")],
        [Speaker("S1", "Anna Schmidt"), Speaker("S2", "Interviewer (Ben)"), Speaker("Ben", "Ben"),
         Speaker("S3", "Annabelle")],
        [Highlight(500, 900, "Anna's story", {"note": "about Ben"}), Highlight(0, 10, "Hannah")],
        Metadata(language="en", source="srt", filename="interview_Anna_Schmidt.json",
                 extra={"title": "Interview with Anna", "people": ["Ben", {"Anna": 1}], "count": 3}),
        [Cue(0, 1000, ["<i>Anna</i> said", "to Ben"], speaker="Ben", identifier="Anna-1"),
         Cue(1000, 2000, ["nothing"]), Cue(2000, 3000, ["then Anna", "Schmidt left"])],
    )
    before = copy.deepcopy(transcript)
    out, report = pseudonymise_report(transcript, PEOPLE)
    assert transcript == before  # the transcript given is left as it was
    assert out.speakers == [Speaker("S1", "Person A"), Speaker("S2", "Interviewer (Person B)"),
                            Speaker("Person B", "Person B"), Speaker("S3", "Annabelle")]
    assert [s.speaker for s in out.segments] == ["S1", "Person B"]
    assert out.highlights == [Highlight(500, 900, "Person A's story", {"note": "about Person B"}),
                              Highlight(0, 10, "Hannah")]
    assert out.metadata == Metadata(language="en", source="srt", filename="interview_Person_A.json",
                                    extra={"title": "Interview with Person A",
                                           "people": ["Person B", {"Person A": 1}], "count": 3})
    assert out.cues == [Cue(0, 1000, ["<i>Person A</i> said", "to Person B"], speaker="Person B",
                            identifier="Person A-1"),
                        Cue(1000, 2000, ["nothing"]), Cue(2000, 3000, ["then Person A left"])]
    assert out.cues is not None and out.cues[1] is transcript.cues[1]  # type: ignore[index]
    assert ("<i>Anna</i> said\nto Ben", "<i>Person A</i> said\nto Person B") in \
        [(c.before, c.after) for c in report.changes if c.cue == 1]
    assert Change("pseudonymise", 0, 500, "Anna's story", "Person A's story") in report.changes
    assert Change("pseudonymise", 0, 0, "interview_Anna_Schmidt.json", "interview_Person_A.json") in report.changes
    assert all(c.rule == "pseudonymise" for c in report.changes)
    # Anna Schmidt: speaker S1, cue 3, file name; Anna: cue 1, its id, highlight, title, a key;
    # Ben: speakers S2 and Ben (its id the same), cue 1, the highlight's note, a list item
    counts = {name: count for name, _, count in report.counts}
    assert counts == {"Anna Schmidt": 3, "Ms Schmidt": 0, "Anna": 5, "Will": 0, "Ben": 5}
    assert report.not_found == ("Ms Schmidt", "Will")
    assert report.line() == ("replaced 13 names: Anna Schmidt -> Person A (3), Anna -> Person A (5), "
                             "Ben -> Person B (5); not found: Ms Schmidt, Will")


def test_speakers_whose_names_become_one_are_listed_once() -> None:
    transcript = Transcript([turn("hi", speaker="Anna")], [Speaker("Anna", "Anna"), Speaker("Anna", "Anna")])
    out, _ = pseudonymise(transcript, PEOPLE)
    assert out.speakers == [Speaker("Person A", "Person A")]
    assert out.segments[0].speaker == "Person A"


def test_tags_of_cue_lines_are_never_searched() -> None:
    pseudonyms = Pseudonyms.of({"font": "X", "i": "Y"}, ignore_case=True)
    cue = Cue(0, 1000, ['<font color="red">Font</font> <i>i</i>', "{\\an8}an"])
    out, _ = pseudonymise(Transcript(cues=[cue]), pseudonyms)
    assert out.cues == [Cue(0, 1000, ['<font color="red">X</font> <i>Y</i>', "{\\an8}an"])]


def test_the_words_of_a_cue_follow_its_lines() -> None:
    cue = Cue(0, 1000, ["Anna sings"], words=[Word("Anna", 0, 400), Word("sings", 500, 1000)])
    out, report = pseudonymise_report(Transcript(cues=[cue]), PEOPLE)
    assert out.cues is not None and out.cues[0].words == [Word("Person A", 0, 400), Word("sings", 500, 1000)]
    assert report.changes == (Change("pseudonymise", 1, 0, "Anna sings", "Person A sings"),)


def test_provider_fields_of_a_word_without_the_name_are_replaced_and_reported() -> None:
    segment = Segment("S1", [Word("she", 0, 100, extra={"alternatives": [{"content": "Anna"}]})])
    out, changes = pseudonymise(Transcript([segment]), PEOPLE)
    assert out.segments[0].words[0].extra == {"alternatives": [{"content": "Person A"}]}
    assert changes == [Change("pseudonymise", 1, 0, "Anna", "Person A")]


def test_deeply_nested_metadata() -> None:
    nested: object = ["Anna", {"Ben": ("x", 1.5, None)}]
    for _ in range(5000):
        nested = [nested]
    out, changes = pseudonymise(Transcript(metadata=Metadata(extra={"deep": nested})), PEOPLE)
    inner = out.metadata.extra["deep"]
    for _ in range(5000):
        inner = inner[0]
    assert inner == ["Person A", {"Person B": ("x", 1.5, None)}]
    assert [(c.before, c.after) for c in changes] == [("Anna", "Person A"), ("Ben", "Person B")]


def test_a_transcript_without_a_listed_name_is_returned_as_given() -> None:
    transcript = Transcript([turn("Annabelle", "and", "Hannah")], [Speaker("S1", "Interviewer")],
                            metadata=Metadata(filename="talk.json", extra={"title": "A talk"}))
    out, report = pseudonymise_report(transcript, PEOPLE)
    assert out is transcript and report.changes == ()
    assert report.line() == "replaced no names; not found: Anna Schmidt, Ms Schmidt, Anna, Will, Ben"


def test_names_left_in_another_case_are_named_in_the_report() -> None:
    transcript = Transcript([turn("i", "will", "tell", "anna")], metadata=Metadata(extra={"t": ["ANNA"]}))
    out, report = pseudonymise_report(transcript, PEOPLE)
    assert [w.text for w in out.segments[0].words] == ["i", "will", "tell", "anna"]
    assert report.other_case == (("Anna", "anna"), ("Will", "will"))
    assert report.line() == ("replaced 1 name: Anna -> Person A (1); not found: Anna Schmidt, Ms Schmidt, "
                             "Will, Ben; left in another case: Anna ('anna'), Will ('will')")
    _, report = pseudonymise_report(Transcript([turn("anna", "schmidt")]), PEOPLE)
    assert report.other_case == (("Anna Schmidt", "anna schmidt"),)
    _, report = pseudonymise_report(Transcript([turn("anna")]), Pseudonyms.of({"Anna": "A"}, ignore_case=True))
    assert report.other_case == () and report.counts == (("Anna", "A", 1),)
    # a pseudonym that is a listed name is no name left
    _, report = pseudonymise_report(Transcript([turn("Anna", "Ben")]), Pseudonyms.of({"Anna": "Ben", "Ben": "Anna"}))
    assert report.other_case == ()


def test_reports_of_several_files_combined() -> None:
    _, first = pseudonymise_report(Transcript([turn("Anna", "and", "ben")]), PEOPLE)
    _, second = pseudonymise_report(Transcript([turn("Anna", "Ben")]), PEOPLE)
    both = Report.combined([first, second])
    assert both.changes == first.changes + second.changes
    assert both.line() == ("replaced 3 names: Anna -> Person A (2), Ben -> Person B (1); "
                           "not found: Anna Schmidt, Ms Schmidt, Will; left in another case: Ben ('ben')")


def test_summary_line_of_several_files() -> None:
    assert summary_line([("Anna", "Person A", 1), ("Ben", "Person B", 0)]) == \
        "replaced 1 name: Anna -> Person A (1); not found: Ben"
    many = [(f"N{i}", "X", 0) for i in range(12)]
    assert summary_line(many).endswith("not found: N0, N1, N2, N3, N4, N5, N6, N7, N8, N9 and 2 more")


# --- the list ----------------------------------------------------------------------------------

def read(text: str | bytes, **options: bool) -> list[tuple[str, str]]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return sorted(read_pseudonyms(data, "names.csv", **options).names)


@pytest.mark.parametrize("text", [
    "Anna,Person A\nBen,Person B\n",
    "Anna;Person A\r\nBen;Person B\r\n",
    "Anna\tPerson A\nBen\tPerson B",
    "name,pseudonym\nAnna,Person A\nBen,Person B\n",
    "Name;Pseudonym\nAnna;Person A\nBen;Person B\n",
    "NAME\tPSEUDONYM\nAnna\tPerson A\nBen\tPerson B\n",
    "Klarname;Pseudonym\nAnna;Person A\nBen;Person B\n",
    "nom,pseudonyme\nAnna,Person A\nBen,Person B\n",
    "# who is who\n\nAnna , Person A\n  # a comment\n\n\"Ben\",\"Person B\"\n",
    "Anna;Person A;;\nBen;Person B;\n",
    "\ufeffAnna,Person A\nBen,Person B\n",
    "Anna   ,  Person   A\nBen,Person B\n",
    "sep=;\nAnna;Person A\n;\n;;\nBen;Person B\n",
    "sep=,\nname,pseudonym\nAnna,Person A\n,\nBen,Person B\n",
])
def test_lists_in_the_shapes_researchers_write(text: str) -> None:
    assert read(text) == [("Anna", "Person A"), ("Ben", "Person B")]


def test_quoted_cells_shared_pseudonyms_and_encodings() -> None:
    assert read('"Schmidt, Anna",Person A\nAnna,Person A\n"Ben ""B"" Meyer",Person B\n') == [
        ("Anna", "Person A"), ('Ben "B" Meyer', "Person B"), ("Schmidt, Anna", "Person A")]
    assert read("Schmidt, Anna;Person A\n") == [("Schmidt, Anna", "Person A")]  # the semicolon is the separator
    assert read(codecs.BOM_UTF16_LE + "Zoë,Person Z\n".encode("utf-16-le")) == [("Zoë", "Person Z")]
    with pytest.warns(ScribekitWarning, match="not UTF-8"):
        assert read("Zoë Müller;Person Z\nJosé Núñez;Person J\n".encode("cp1252")) == [
            ("José Núñez", "Person J"), ("Zoë Müller", "Person Z")]
    assert read("Anna,Person A\nAnna,Person A\n") == [("Anna", "Person A")]  # the same row twice
    assert read("Anna,Person A\nanna,Person B\n") == [("Anna", "Person A"), ("anna", "Person B")]


def test_the_first_row_is_a_name_when_it_is_no_header() -> None:
    assert read("Anna,Person A\nname,pseudonym\n") == [("Anna", "Person A"), ("name", "pseudonym")]
    assert read("Nadia,Person N\n") == [("Nadia", "Person N")]


def test_the_sample_lists() -> None:
    from pathlib import Path

    folder = Path(__file__).parent / "data" / "pseudonymise"
    with pytest.warns(ScribekitWarning, match="not UTF-8"):  # German Excel: semicolons, cp1252, CR LF
        excel = read_pseudonyms((folder / "names-excel-de.csv").read_bytes(), "names-excel-de.csv")
    assert excel.names == (("Müller, Jürgen", "Person B"), ("Anna Schmidt", "Person A"),
                           ("Frau Schmidt", "Person A"), ("Jürgen", "Person B"), ("Anna", "Person A"))
    assert replaced("Frau Schmidt und Jürgen Müller, Müller, Jürgen", excel) == \
        "Person A und Person B Müller, Person B"
    names = read_pseudonyms((folder / "names.csv").read_bytes(), "names.csv")  # UTF-8 with BOM, a header
    assert dict(names.names) == {"Anna Schmidt": "Person A", "Anna": "Person A", "Ms Schmidt": "Person A",
                                 "Ben Okafor": "Person B", "Ben": "Person B", "Zoë": "Person C"}


@pytest.mark.parametrize(("text", "line", "message"), [
    ("Anna,Person A\nBen\n", 2, "'Ben' has no pseudonym"),
    ("Anna,Person A\nBen,\n", 2, "'Ben' has no pseudonym"),
    ("Anna,Person A\n\n,Person B\n", 3, "no name before the pseudonym 'Person B'"),
    ("Anna,Person A\nBen,Person B,Meyer\n", 2, "3 cells"),
    ("Anna,Person A\n# x\nAnna,Person B\n", 3, "'Anna' is listed again with another pseudonym, 'Person B' "
                                               "(line 1 gave 'Person A')"),
    ("Anna\n", 1, "no separator"),
    ("Anna,Person A\n-,Person B\n", 2, "the name '-' has no letter or digit"),
    ('Anna,Person A\n"Ben,Person B\n', 2, "a quote is not closed"),
    ("Anna," + "x" * (MAX_NAME + 1) + "\n", 1, "more than 200 characters"),
    ("Anna,Person A\n" + "x" * 10**6 + ",y\n", 2, "a row of 1000002 characters"),
])
def test_errors_name_the_file_and_line(text: str, line: int, message: str) -> None:
    with pytest.raises(ReadError, match=re.escape(message)) as raised:
        read(text)
    assert raised.value.line == line and raised.value.source == "names.csv"
    assert str(raised.value).startswith(f"names.csv: line {line}: ")


def test_a_row_of_another_separator_is_named_in_the_error() -> None:
    with pytest.raises(ReadError, match=r"line 2: 'Ben;Person B' has no pseudonym .*the list's separator is ','"):
        read("Anna,Person A\nBen;Person B\n")


def test_a_name_in_two_cases_under_ignore_case_is_one_name() -> None:
    with pytest.raises(ReadError, match="listed again") as raised:
        read("Anna,Person A\nANNA,Person B\n", ignore_case=True)
    assert raised.value.line == 2


@pytest.mark.parametrize("text", [b"", b"\n\n", b"# only a comment\n", b"name;pseudonym\n", b"\xef\xbb\xbf"])
def test_a_list_without_names_is_an_error(text: bytes) -> None:
    with pytest.raises(ReadError, match="no names listed") as raised:
        read(text)
    assert raised.value.source == "names.csv"


def test_binary_data_is_an_error() -> None:
    with pytest.raises(ReadError, match="names.csv: binary data"):
        read(b"\x00\x01\x02\x03" * 100)


def test_pseudonyms_made_in_code_are_checked() -> None:
    with pytest.raises(OptionError, match="has no pseudonym"):
        Pseudonyms.of({"Anna": " "})
    with pytest.raises(OptionError, match="listed twice"):
        Pseudonyms.of([("Anna", "A"), ("Anna ", "B")])
    with pytest.raises(OptionError, match="no name"):
        Pseudonyms.of({"": "A"})


# --- properties ---------------------------------------------------------------------------------

NAMES = ["Anna", "Anna Schmidt", "Ben", "Zoë", "Will", "José Núñez", "张伟"]
OTHER = ["Annabelle", "Hannah", "will", "and", "the", "Schmidt", "Zoe", "José", "Bennett", "张", "伟大", "ben", "-"]
LIST = Pseudonyms.of({name: f"[{i}]" for i, name in enumerate(NAMES)})


@st.composite
def word_texts(draw: st.DrawFn) -> str:
    core = draw(st.sampled_from(NAMES + OTHER))
    if " " in core and draw(st.booleans()):
        core = core.replace(" ", draw(st.sampled_from(["  ", "\n"])))
    return draw(st.sampled_from(["", "(", "\""])) + core + draw(st.sampled_from(["", ",", "'s", ".", ")"]))


@st.composite
def transcripts(draw: st.DrawFn) -> Transcript:
    segments = []
    time = 0
    for _ in range(draw(st.integers(0, 4))):
        words = []
        for text in draw(st.lists(word_texts(), max_size=12)):
            for piece in text.split(" "):  # a name of two words as two words, mostly
                length = draw(st.integers(1, 500))
                confidence = draw(st.one_of(st.none(), st.floats(0, 1)))
                words.append(Word(piece, time, time + length, confidence))
                time += length + draw(st.integers(0, 200))
        segments.append(Segment(draw(st.sampled_from([None, "S1", "Ben"])), words))
    speakers = [Speaker("S1", draw(st.sampled_from(NAMES + OTHER))), Speaker("Ben", "Ben")]
    cues = draw(st.one_of(st.none(), st.lists(st.builds(
        lambda texts: Cue(0, 1000, [" ".join(texts)]), st.lists(word_texts(), max_size=5)), max_size=3)))
    metadata = Metadata(filename=draw(st.sampled_from(["interview_Anna_Schmidt.json", "Zoë-1.srt", "talk.json"])),
                        extra={"title": " ".join(draw(st.lists(word_texts(), max_size=4)))})
    highlights = [Highlight(0, 10, draw(st.sampled_from(NAMES + OTHER)))]
    return Transcript(segments, speakers, highlights, metadata, cues)


def names_left(text: str) -> int:
    return replace_names(text, LIST)[1]


def as_written(words: list[Word]) -> str:
    """Words as a document writes them: a space between two, but none between Han characters."""
    text = ""
    for word in words:
        text += (" " if text and needs_space(text, word.text) else "") + word.text
    return text


@settings(max_examples=150, deadline=None)
@given(transcripts())
def test_no_listed_name_remains_anywhere(transcript: Transcript) -> None:
    out, changes = pseudonymise(transcript, LIST)
    texts = [" ".join(w.text for w in s.words) for s in out.segments]
    texts += [s.name for s in out.speakers] + [s.id for s in out.speakers]
    texts += [c.text for c in out.cues or []] + [h.label or "" for h in out.highlights]
    texts += [out.metadata.filename or "", out.metadata.extra["title"]]
    assert [t for t in texts if names_left(t)] == []
    assert not re.search(r"Anna|Schmidt", out.metadata.filename or "")
    assert all(c.before != c.after and c.rule == "pseudonymise" for c in changes)


@settings(max_examples=150, deadline=None)
@given(transcripts())
@example(Transcript(segments=[Segment(None, [Word("Anna", 0, 1), Word("张", 1, 2), Word("伟大", 2, 3)])]))
def test_only_names_change_and_times_only_where_words_merged(transcript: Transcript) -> None:
    original = copy.deepcopy(transcript)
    out, _ = pseudonymise(transcript, LIST)
    assert transcript == original
    for before, after in zip(transcript.segments, out.segments, strict=True):
        source = iter(before.words)
        for word in after.words:
            span = [next(source)]
            while span[-1].end < word.end:  # the words of a name merged (ends rise strictly)
                span.append(next(source))
            assert (word.start, word.end) == (span[0].start, span[-1].end)
            if len(span) == 1:
                assert word is span[0] or names_left(span[0].text)
                assert word.confidence == span[0].confidence
            else:
                assert names_left(as_written(span)) and not names_left(word.text)  # 张 + 伟大: 张伟 is a name
                known = [w.confidence for w in span if w.confidence is not None]
                assert word.confidence == (min(known) if known else None)
        assert next(source, None) is None


ORACLE_NAMES = {"Anna Schmidt": "[0]", "Anna": "[1]", "Ben": "[2]", "Zoë": "[3]"}


def oracle(text: str, ignore_case: bool) -> str:
    """Whole-word replacement by one plain alternation, longest first (no Unicode forms)."""
    forms = sorted({form for name in ORACLE_NAMES for form in (name, name.upper())}, key=len, reverse=True)
    alternatives = "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in forms)
    pattern = re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])", re.IGNORECASE if ignore_case else 0)

    def pseudonym(match: re.Match[str]) -> str:
        name = next(name for name in ORACLE_NAMES
                    if re.fullmatch(re.escape(name).replace(r"\ ", r"\s+"), match.group(), re.IGNORECASE))
        return ORACLE_NAMES[name]

    return pattern.sub(pseudonym, text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Anna", "ANNA", "anna", "aNNa", "Annabelle", "Hannah", "Ben", "BEN", "ben",
                                 "Schmidt", "SCHMIDT", "Zoë", "ZOË", "zoë", "Zoe", " ", "  ", "\n", ",", "'", "_",
                                 "-", ".", "x", "1", "é", "(", "张"]), max_size=20).map("".join),
       st.booleans())
def test_replacing_agrees_with_a_plain_whole_word_pattern(text: str, ignore_case: bool) -> None:
    pseudonyms = Pseudonyms.of(ORACLE_NAMES, ignore_case=ignore_case)
    assert replaced(text, pseudonyms) == oracle(text, ignore_case)


@settings(max_examples=60, deadline=None)
@given(transcripts())
def test_an_empty_list_changes_nothing(transcript: Transcript) -> None:
    out, changes = pseudonymise(transcript, Pseudonyms(()))
    assert out is transcript and changes == []


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.binary(max_size=2000), st.text(max_size=300).map(lambda t: t.encode("utf-8")),
                 st.lists(st.sampled_from(["Anna", ",", ";", "\t", '"', "\n", "#", " ", "\x00", "\ufeff", "é"]),
                          max_size=60).map(lambda p: "".join(p).encode("utf-8"))))
def test_any_bytes_give_a_list_or_a_read_error(data: bytes) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        try:
            pseudonyms = read_pseudonyms(data, "names.csv")
        except ReadError as exc:
            assert exc.source == "names.csv"
            return
    assert pseudonyms.names
    replace_names("Anna said", pseudonyms)


def test_a_huge_list_is_refused_with_its_line() -> None:
    data = "".join(f"N{i:06d}x,P{i}\n" for i in range(20_001)).encode()
    with pytest.raises(ReadError, match="more than 20000 names") as raised:
        read_pseudonyms(data, "names.csv")
    assert raised.value.line == 20_001
