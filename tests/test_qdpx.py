"""REFI-QDA projects (``--to qdpx``): every project written validates against the standard's
Project.xsd, and what the schema cannot check is checked here (every GUID reference resolves,
every ``internal://`` file is in the zip, sync points go forward in position and time); a
project unpacked gives back every speaker turn's text and times.

The schema: tests/data/xsd/refi-qda/Project.xsd, QDA-XML 1.0 of 18 March 2019, copied byte for
byte from github.com/sky-loom/refi-qda (src/Project.xsd, commit 4e2f3b95...), MIT (REFI); see
tests/data/xsd/NOTICE. Units, from the research done for issue 19: a
SyncPoint's ``timeStamp`` is integer milliseconds from the start of the media (the ATLAS.ti
sample project's VideoSelection begin/end and sync points, QualCoder's exporter), its
``position`` a character offset into the transcript's plain text (the same unit as
PlainTextSelection's startPosition); that a character is a Unicode code point (a Python ``str``
index) rather than a UTF-16 unit is the research's inference, not verified against a tool,
so the writer documents it and the tests pin it (an emoji before a sync point counts one).
"""
from __future__ import annotations

import dataclasses
import io
import os
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import scribekit
from scribekit import Highlight, Metadata, ScribekitWarning, Segment, Speaker, Transcript, Word
from scribekit.errors import OptionError, WriteError
from scribekit.formats import qdpx
from scribekit.formats._document import ConventionOptions, needs_space

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = [ROOT / "samples" / "amberscript" / "interview.json",
           ROOT / "samples" / "amberscript" / "interview-deprecated.json",
           ROOT / "samples" / "happyscribe" / "interview.json"]
XSD = ROOT / "tests" / "data" / "xsd" / "refi-qda" / "Project.xsd"
NS = "{urn:QDA-XML:project:1.0}"


_SCHEMA: list[Any] = []


def _schema() -> Any:
    if not _SCHEMA:
        from lxml import etree

        _SCHEMA.append(etree.XMLSchema(etree.parse(str(XSD))))
    return _SCHEMA[0]


@dataclass
class Point:
    guid: str
    position: int
    time: int


@dataclass
class Selection:
    name: str
    start: Point
    end: Point
    codes: list[str]
    guid: str


@dataclass
class Source:
    kind: str
    name: str
    path: str
    text: str
    points: list[Point]
    selections: list[Selection]


@dataclass
class Project:
    root: Any
    members: dict[str, bytes]
    sources: list[Source]
    codes: dict[str, tuple[str, str | None, bool]]
    """guid: (name, parent's name, codable)."""
    cases: dict[str, list[str]]
    """case name: the GUIDs of its selections."""

    def code_names(self, selection: Selection) -> list[str]:
        return [self.codes[g][0] for g in selection.codes]


def unpack(data: bytes) -> Project:
    """The project in ``data``, checked: the schema, every reference, every internal file, the sync points."""
    from lxml import etree

    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None
    names = archive.namelist()
    assert names[0] == "project.qde" and "Sources/" in names
    assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in archive.infolist() if not i.is_dir())
    members = {n: archive.read(n) for n in names}
    xml = members["project.qde"]
    assert xml.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    root = etree.fromstring(xml)
    schema = _schema()
    assert schema.validate(root), schema.error_log
    guids = [e.get("guid") for e in root.iter() if e.get("guid")]
    assert len(guids) == len(set(guids))
    for element in root.iter():
        for attribute in ("targetGUID", "fromSyncPoint", "toSyncPoint", "creatingUser", "creatingUserGUID"):
            if element.get(attribute) is not None:
                assert element.get(attribute) in guids, (element.tag, attribute)
        for attribute in ("path", "plainTextPath"):
            value = element.get(attribute) or ""
            if value.startswith("internal://"):
                assert "Sources/" + value[len("internal://"):] in members
    codes = {}
    for code in root.iter(NS + "Code"):
        parent = code.getparent()
        codes[code.get("guid")] = (code.get("name"), parent.get("name") if parent.tag == NS + "Code" else None,
                                   code.get("isCodable") == "true")
    sources = []
    for element in root.find(NS + "Sources"):
        (transcript,) = element.findall(NS + "Transcript")
        text_bytes = members["Sources/" + transcript.get("plainTextPath")[len("internal://"):]]
        assert not text_bytes.startswith(b"\xef\xbb\xbf") and b"\r" not in text_bytes
        text = text_bytes.decode("utf-8")
        assert unicodedata.is_normalized("NFC", text)
        points = [Point(p.get("guid"), int(p.get("position")), int(p.get("timeStamp")))
                  for p in transcript.findall(NS + "SyncPoint")]
        assert all(0 <= p.position <= len(text) and p.time >= 0 for p in points)
        assert [(p.position, p.time) for p in points] == sorted((p.position, p.time) for p in points)
        assert [p.time for p in points] == sorted(p.time for p in points)
        assert len({(p.position, p.time) for p in points}) == len(points)
        by_guid = {p.guid: p for p in points}
        selections = []
        for s in transcript.findall(NS + "TranscriptSelection"):
            start, end = by_guid[s.get("fromSyncPoint")], by_guid[s.get("toSyncPoint")]
            assert start.position < end.position and start.time <= end.time
            selection_codes = [c.find(NS + "CodeRef").get("targetGUID") for c in s.findall(NS + "Coding")]
            assert all(codes[g][2] for g in selection_codes)
            selections.append(Selection(s.get("name"), start, end, selection_codes, s.get("guid")))
        sources.append(Source(element.tag[len(NS):], element.get("name"), element.get("path"), text, points,
                              selections))
    cases = {c.get("name"): [r.get("targetGUID") for r in c.findall(NS + "SelectionRef")]
             for c in root.iter(NS + "Case")}
    assert len(cases) == len(list(root.iter(NS + "Case")))
    return Project(root, members, sources, codes, cases)


def turn_selections(project: Project, source: Source) -> list[Selection]:
    """The selections of the speaker turns (coded with a speaker's code, or named "Turn ...")."""
    return [s for s in source.selections
            if any(project.codes[g][1] == "Speakers" for g in s.codes) or s.name.startswith("Turn ")]


def check_turns(project: Project, source: Source, transcript: Transcript) -> None:
    """Every turn with words: its text at its start sync point, its start and end times at its points
    (a turn's start is its first word's, as every document writer has it; its end its last shown word's)."""
    turns = [s for s in transcript.segments if any(w.text.strip() for w in s.words)]
    selections = turn_selections(project, source)
    assert len(selections) == len(turns)
    for selection, turn in zip(selections, turns):
        speaker = transcript.speaker_name(turn.speaker)
        words = [unicodedata.normalize("NFC", w.text.strip()) for w in turn.words if w.text.strip()]
        said = words[0] + "".join((" " if needs_space(a, b) else "") + b for a, b in zip(words, words[1:]))
        expected = f"{speaker}: {said}" if speaker else said
        assert source.text[selection.start.position:selection.end.position] == expected
        assert selection.start.time == turn.start
        assert selection.end.time == [w for w in turn.words if w.text.strip()][-1].end
        if speaker:
            assert project.code_names(selection) == [speaker]
            assert selection.name.startswith(f"{speaker} ")


def load(path: Path) -> Transcript:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        return scribekit.load(path)


def transcript(*turns: tuple[str | None, list[tuple[str, int, int]]], **metadata: Any) -> Transcript:
    segments = [Segment(speaker, [Word(text, start, end) for text, start, end in words]) for speaker, words in turns]
    return Transcript(segments=segments, speakers=[Speaker("a", "Ana"), Speaker("b", "Bo")],
                      metadata=Metadata(**metadata))


# --- the samples -----------------------------------------------------------------------------

@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
@pytest.mark.parametrize("options", [{}, {"timestamps_every": 10, "low_confidence": 0.9}, {"highlights": False}])
def test_the_samples_validate_and_give_back_every_turn(path: Path, options: dict[str, Any]) -> None:
    t = load(path)
    project = unpack(qdpx.write(t, qdpx.Options(**options)))
    (source,) = project.sources
    check_turns(project, source, t)
    assert source.text.endswith("\n") and "\n\n\n" not in source.text
    turns = turn_selections(project, source)
    assert {project.code_names(s)[0] for s in turns} == {"Interviewer", "Léa", "Jonas"}
    assert {name for name, parent, _ in project.codes.values() if parent is None} >= {"Speakers"}
    assert not project.codes[next(g for g, c in project.codes.items() if c[0] == "Speakers")][2]
    assert sorted(g for refs in project.cases.values() for g in refs) == sorted(s.guid for s in turns)
    for name, refs in project.cases.items():
        assert {project.code_names(s)[0] for s in turns if s.guid in refs} == {name}
    highlighted = [s for s in source.selections if any(project.codes[g][1] == "Highlights" for g in s.codes)]
    assert len(highlighted) == (len(t.highlights) if options.get("highlights", True) else 0)


def test_the_amberscript_highlight_is_a_coded_selection_of_its_words() -> None:
    t = load(SAMPLES[0])
    (highlight,) = t.highlights
    project = unpack(qdpx.write(t, qdpx.Options()))
    (source,) = project.sources
    (selection,) = [s for s in source.selections if s.name == highlight.label]
    assert project.code_names(selection) == ["Naïve beginnings"]
    inside = [w for w in t.words if w.start < highlight.end and w.end > highlight.start]
    assert source.text[selection.start.position:selection.end.position].startswith(inside[0].text)
    assert source.text[:selection.end.position].endswith(inside[-1].text)
    assert (selection.start.time, selection.end.time) == (inside[0].start, inside[-1].end)


# --- a project checked by hand -------------------------------------------------------------------

def test_a_small_project_by_hand() -> None:
    t = transcript(("a", [("Hello", 0, 400), ("world.", 500, 900)]), ("b", [("Hi", 1000, 1200), ("there", 2100, 2400)]),
                   filename="talk.json")
    t.segments[0].words[0].confidence = 0.3
    t.segments[0].words[1].confidence = 0.5  # not below the threshold
    t.highlights = [Highlight(450, 1100, "key"), Highlight(5000, 6000, "after the words"), Highlight(300, 300)]
    project = unpack(qdpx.write(t, qdpx.Options(timestamps_every=1, low_confidence=0.5)))
    (source,) = project.sources
    assert source.text == "Ana: Hello world.\n\nBo: Hi there\n"
    assert [(p.position, p.time) for p in source.points] == [
        (0, 0), (5, 0), (10, 400), (11, 500), (17, 900), (19, 1000), (25, 1200), (26, 2100), (31, 2400)]
    spans = [(s.name, s.start.position, s.end.position, project.code_names(s)) for s in source.selections]
    assert spans == [("Low confidence 00:00:00.000", 5, 10, ["Low confidence"]),
                     ("Ana 00:00:00.000", 0, 17, ["Ana"]),
                     ("Bo 00:00:01.000", 19, 31, ["Bo"]),
                     ("key", 11, 25, ["key"])]
    assert (source.kind, source.name, source.path) == ("AudioSource", "talk", "relative:///talk")
    assert project.root.get("name") == "talk" and project.root.get("basePath") is None
    assert project.root.get("creationDateTime") is None
    assert {name: parent for name, parent, _ in project.codes.values()} == {
        "Speakers": None, "Ana": "Speakers", "Bo": "Speakers", "Highlights": None, "key": "Highlights",
        "Low confidence": None}
    assert {name: len(refs) for name, refs in project.cases.items()} == {"Ana": 1, "Bo": 1}
    (user,) = project.root.iter(NS + "User")
    assert project.root.get("creatingUserGUID") == user.get("guid") and user.get("name") == "scribekit"


def test_without_highlights_or_a_threshold_only_the_turns_are_selections() -> None:
    t = transcript(("a", [("Hello", 0, 400)]), (None, [("Hm", 1000, 1200)]))
    t.segments[0].words[0].confidence = 0.1
    t.highlights = [Highlight(0, 400)]
    project = unpack(qdpx.write(t, qdpx.Options(highlights=False)))
    (source,) = project.sources
    assert [(s.name, project.code_names(s)) for s in source.selections] == [
        ("Ana 00:00:00.000", ["Ana"]), ("Turn 00:00:01.000", [])]
    assert source.text == "Ana: Hello\n\nHm\n"
    assert list(project.cases) == ["Ana"]
    unlabelled = unpack(qdpx.write(t, qdpx.Options()))
    assert [project_code for s in unlabelled.sources[0].selections for project_code in unlabelled.code_names(s)] == [
        "Ana", "Highlight"]


def test_a_highlight_across_turns_and_low_confidence_runs_end_with_the_turn() -> None:
    t = transcript(("a", [("one", 0, 100), ("two", 200, 300), ("three", 400, 500)]),
                   ("b", [("four", 600, 700), ("five", 800, 900)]))
    for word, confidence in zip(t.words, [0.9, 0.2, 0.1, 0.3, 0.95]):
        word.confidence = confidence
    t.highlights = [Highlight(250, 650, "across")]
    project = unpack(qdpx.write(t, qdpx.Options(low_confidence=0.5)))
    (source,) = project.sources
    texts = {(s.name, source.text[s.start.position:s.end.position]) for s in source.selections}
    assert texts == {("Ana 00:00:00.000", "Ana: one two three"), ("Bo 00:00:00.600", "Bo: four five"),
                     ("Low confidence 00:00:00.200", "two three"), ("Low confidence 00:00:00.600", "four"),
                     ("across", "two three\n\nBo: four")}


# --- overlapping speech and times out of order ------------------------------------------------------

def test_overlapping_turns_end_where_the_next_starts_without_a_warning() -> None:
    t = transcript(("a", [("Well", 0, 400), ("so", 500, 2000)]), ("b", [("Yes", 1500, 1800)]))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        project = unpack(qdpx.write(t, qdpx.Options()))
    first, second = project.sources[0].selections
    assert (first.start.time, first.end.time, second.start.time, second.end.time) == (0, 1500, 1500, 1800)


def test_turns_out_of_time_order_are_reported_and_kept_in_order() -> None:
    t = transcript(("a", [("Late", 5000, 5400)]), ("b", [("Early", 1000, 1200)]))
    with pytest.warns(ScribekitWarning, match="words out of time order.*1 turn start moved back"):
        project = unpack(qdpx.write(t, qdpx.Options()))
    first, second = project.sources[0].selections
    assert (first.start.time, first.end.time, second.start.time) == (1000, 1000, 1000)


def test_negative_times_are_written_as_zero_and_said() -> None:
    t = transcript(("a", [("Early", -500, 300)]))
    with pytest.warns(ScribekitWarning, match="1 time before 0 written as 0"):
        project = unpack(qdpx.write(t, qdpx.Options()))
    assert [p.time for p in project.sources[0].points] == [0, 300]


# --- text: non-ASCII, right to left, emoji, hostile characters ---------------------------------------

def test_positions_are_python_string_indices_past_an_emoji_and_rtl_text() -> None:
    t = transcript(("a", [("😀", 0, 300), ("שלום", 400, 800)]), ("b", [("مرحبا", 1000, 1500), ("👍🏽", 1600, 1900)]),
                   ("a", [("end", 2000, 2100)]))
    t.highlights = [Highlight(400, 800, "Gruß")]
    project = unpack(qdpx.write(t, qdpx.Options()))
    (source,) = project.sources
    check_turns(project, source, t)
    assert source.text == "Ana: 😀 שלום\n\nBo: مرحبا 👍🏽\n\nAna: end\n"
    (highlight,) = [s for s in source.selections if s.name == "Gruß"]
    assert highlight.start.position == 7  # "Ana: 😀 " is 7 code points (8 UTF-16 units)
    assert source.text[highlight.start.position:highlight.end.position] == "שלום"
    third = turn_selections(project, source)[2]
    assert third.start.position == len("Ana: 😀 שלום\n\nBo: مرحبا 👍🏽\n\n") == 27
    assert len(source.text.encode("utf-16-le")) // 2 > len(source.text)


def test_text_is_nfc_and_control_characters_are_left_out_with_a_warning() -> None:
    t = transcript(("a", [("Cafe\u0301", 0, 300), ("bad\x07bell", 400, 800)]))
    t.speakers = [Speaker("a", "Zoe\u0308\u202e")]
    with pytest.warns(ScribekitWarning, match="cannot show"):
        project = unpack(qdpx.write(t, qdpx.Options()))
    (source,) = project.sources
    assert source.text == "Zoë: Café badbell\n"
    assert [n for n, parent, _ in project.codes.values() if parent == "Speakers"] == ["Zoë"]


# --- several transcripts ---------------------------------------------------------------------------------

def test_several_transcripts_in_one_project() -> None:
    first = transcript(("a", [("One", 0, 300)]), ("b", [("Two", 400, 600)]), filename="interview.json")
    second = transcript(("a", [("Three", 0, 300)]), filename="interview.json")
    third = transcript(("b", [("Four", 0, 300)]), filename="other.mp4")
    project = unpack(qdpx.write_project([first, second, third], qdpx.Options()))
    assert [(s.kind, s.name, s.path) for s in project.sources] == [
        ("AudioSource", "interview", "relative:///interview"),
        ("AudioSource", "interview (2)", "relative:///interview"),
        ("VideoSource", "other", "relative:///other.mp4")]
    assert len({s.text for s in project.sources}) == 3
    assert len([n for n in project.members if n.endswith(".txt")]) == 3
    for source, t in zip(project.sources, [first, second, third]):
        check_turns(project, source, t)
    assert [n for n, parent, _ in project.codes.values() if parent == "Speakers"] == ["Ana", "Bo"]
    assert {name: len(refs) for name, refs in project.cases.items()} == {
        "Ana (interview)": 1, "Bo (interview)": 1, "Ana (interview (2))": 1, "Bo (other)": 1}
    assert project.root.get("name") == "Transcripts"


def test_names_name_the_sources_and_identical_transcripts_stay_apart() -> None:
    t = transcript(("a", [("Same", 0, 300)]))
    project = unpack(qdpx.write_project([t, t], qdpx.Options(title="Study 3"), names=["Same", "Same"]))
    assert [s.name for s in project.sources] == ["Same", "Same (2)"]
    assert project.root.get("name") == "Study 3"
    assert project.sources[0].text == project.sources[1].text
    assert len([n for n in project.members if n.endswith(".txt")]) == 2
    with pytest.raises(OptionError, match="1 names for 2 transcripts"):
        qdpx.write_project([t, t], qdpx.Options(), names=["one"])
    with pytest.raises(WriteError, match="at least one transcript"):
        qdpx.write_project([], qdpx.Options())


def test_a_transcript_without_words_is_a_source_with_an_empty_text() -> None:
    project = unpack(qdpx.write(Transcript(), qdpx.Options()))
    (source,) = project.sources
    assert (source.text, source.points, source.selections, source.name) == ("", [], [], "Transcript 1")
    assert project.codes == {} and project.cases == {}
    only_blanks = transcript(("a", [(" ", 0, 100)]))
    assert unpack(qdpx.write(only_blanks, qdpx.Options())).sources[0].text == ""


# --- media ---------------------------------------------------------------------------------------------------

def test_media_named_beside_the_project(tmp_path: Path) -> None:
    t = transcript(("a", [("Hi", 0, 300)]), filename="talk.json")
    project = unpack(qdpx.write(t, qdpx.Options(media=str(tmp_path / "Talk 1.MOV"))))
    (source,) = project.sources
    assert (source.kind, source.path) == ("VideoSource", "relative:///Talk 1.MOV")
    assert project.root.get("basePath") == str(tmp_path)
    assert not any(n.lower().endswith(".mov") for n in project.members)
    no_extension = unpack(qdpx.write(t, qdpx.Options(media=str(tmp_path / "recording"))))
    assert (no_extension.sources[0].kind, no_extension.sources[0].path) == ("AudioSource", "relative:///recording")


def test_media_embedded(tmp_path: Path) -> None:
    media = tmp_path / "talk.mp3"
    media.write_bytes(b"ID3" + bytes(range(256)) * 50)
    t = transcript(("a", [("Hi", 0, 300)]))
    project = unpack(qdpx.write(t, qdpx.Options(media=str(media), qdpx_embed_media=True)))
    (source,) = project.sources
    assert source.kind == "AudioSource" and source.path.startswith("internal://") and source.path.endswith(".mp3")
    assert project.members["Sources/" + source.path[len("internal://"):]] == media.read_bytes()
    assert project.root.get("basePath") is None
    assert qdpx.write(t, qdpx.Options(media=str(media), qdpx_embed_media=True)) == \
        qdpx.write(t, qdpx.Options(media=str(media), qdpx_embed_media=True))


def test_media_that_cannot_be_embedded_is_refused_by_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    t = transcript(("a", [("Hi", 0, 300)]))
    with pytest.raises(OptionError, match="needs the media"):
        qdpx.write(t, qdpx.Options(qdpx_embed_media=True))
    missing = tmp_path / "missing.wav"
    with pytest.raises(OptionError, match="no file .*missing.wav"):
        qdpx.write(t, qdpx.Options(media=str(missing), qdpx_embed_media=True))
    big = tmp_path / "big.wav"
    big.write_bytes(b"x" * 11)
    monkeypatch.setattr(qdpx, "MAX_INTERNAL_BYTES", 10)
    with pytest.raises(OptionError, match="big.wav.* holds 11 bytes, over the 10"):
        qdpx.write(t, qdpx.Options(media=str(big), qdpx_embed_media=True))
    assert unpack(qdpx.write(t, qdpx.Options(media=str(big)))).sources[0].path == "relative:///big.wav"
    with pytest.raises(OptionError, match="media is empty"):
        qdpx.Options(media=" ")


def test_a_media_folder_gives_each_transcript_the_media_of_its_name(tmp_path: Path) -> None:
    for name in ("a.json", "a.mp3", "b.mp4", "b.txt", "c.wav.json"):
        (tmp_path / name).write_bytes(name.encode())
    first = transcript(("a", [("One", 0, 300)]), filename="a.json")
    second = transcript(("a", [("Two", 0, 300)]), filename="/elsewhere/b.json")
    project = unpack(qdpx.write_project([first, second], qdpx.Options(media=str(tmp_path))))
    assert [(s.kind, s.path) for s in project.sources] == [("AudioSource", "relative:///a.mp3"),
                                                           ("VideoSource", "relative:///b.mp4")]
    assert project.root.get("basePath") == str(tmp_path)
    embedded = unpack(qdpx.write_project([first, second], qdpx.Options(media=str(tmp_path), qdpx_embed_media=True)))
    assert [embedded.members["Sources/" + s.path[len("internal://"):]] for s in embedded.sources] == [b"a.mp3",
                                                                                                     b"b.mp4"]
    by_name = transcript(("a", [("Three", 0, 300)]))
    assert unpack(qdpx.write_project([by_name], qdpx.Options(media=str(tmp_path)), names=["b"])).sources[0].path \
        == "relative:///b.mp4"
    with pytest.raises(OptionError, match=r"no media file named 'c\.<audio or video extension>'"):
        qdpx.write(transcript(("a", [("x", 0, 1)]), filename="c.json"), qdpx.Options(media=str(tmp_path)))
    (tmp_path / "a.wav").write_bytes(b"")
    with pytest.raises(OptionError, match="several media files for 'a'"):
        qdpx.write(first, qdpx.Options(media=str(tmp_path)))
    with pytest.raises(OptionError, match="one file .* but the project has 2 transcripts"):
        qdpx.write_project([first, second], qdpx.Options(media=str(tmp_path / "a.mp3")))


def test_without_media_the_transcripts_own_name_says_what_it_can() -> None:
    from_export = unpack(qdpx.write(load(SAMPLES[0]), qdpx.Options())).sources[0]  # its metadata names interview.mp3
    from_json = unpack(qdpx.write(load(SAMPLES[2]), qdpx.Options())).sources[0]
    assert (from_export.kind, from_export.path, from_export.name) == ("AudioSource", "relative:///interview.mp3",
                                                                      "interview")
    assert (from_json.kind, from_json.path) == ("AudioSource", "relative:///interview")


# --- determinism and dates ------------------------------------------------------------------------------------------

def test_the_same_input_gives_the_same_bytes_and_other_content_other_guids(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    t = load(SAMPLES[0])
    data = qdpx.write(t, qdpx.Options(low_confidence=0.8))
    assert data == qdpx.write(load(SAMPLES[0]), qdpx.Options(low_confidence=0.8))
    assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
    changed = dataclasses.replace(t, segments=[*t.segments[:-1], Segment(t.segments[-1].speaker,
                                                                         t.segments[-1].words[:-1])])
    source_guid = unpack(data).root.find(f"{NS}Sources/{NS}AudioSource").get("guid")
    assert unpack(qdpx.write(changed, qdpx.Options())).root.find(f"{NS}Sources/{NS}AudioSource").get("guid") \
        != source_guid


def test_source_date_epoch_dates_the_project(monkeypatch: pytest.MonkeyPatch) -> None:
    t = transcript(("a", [("Hi", 0, 300)]))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    project = unpack(data := qdpx.write(t, qdpx.Options()))
    assert project.root.get("creationDateTime") == "2023-11-14T22:13:20Z"
    assert project.root.find(f"{NS}Sources/{NS}AudioSource").get("creationDateTime") == "2023-11-14T22:13:20Z"
    assert zipfile.ZipFile(io.BytesIO(data)).infolist()[0].date_time == (2023, 11, 14, 22, 13, 20)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.warns(ScribekitWarning, match="SOURCE_DATE_EPOCH"):
        assert unpack(qdpx.write(t, qdpx.Options())).root.get("creationDateTime") is None


# --- options and the registry -----------------------------------------------------------------------------------

@pytest.mark.parametrize("bad", [{"timestamps_every": 0}, {"timestamps_every": -1}, {"timestamps_every": float("nan")},
                                 {"low_confidence": 1.5}, {"inaudible": -0.1}, {"conventions": "nope"}])
def test_bad_options_are_option_errors(bad: dict[str, Any]) -> None:
    with pytest.raises(OptionError):
        qdpx.Options(**bad)


def test_written_through_the_registry_with_its_options() -> None:
    t = transcript(("a", [("Hi", 0, 300)]), ("b", [("there", 40_000, 40_300), ("again", 75_000, 75_300)]))
    data = scribekit.dumps(t, "qdpx", timestamps_every=30, highlights=False)
    assert isinstance(data, bytes)
    (source,) = unpack(data).sources
    assert source.text == "Ana: Hi\n\nBo: there again\n"
    assert [(p.position, p.time) for p in source.points] == [(0, 0), (7, 300), (9, 40_000), (19, 75_000),
                                                             (24, 75_300)]
    assert issubclass(qdpx.Options, ConventionOptions)


def test_the_conventions_are_applied_to_each_transcript_first(monkeypatch: pytest.MonkeyPatch) -> None:
    import scribekit.conventions

    seen: list[qdpx.Options] = []

    def apply(t: Transcript, options: Any) -> Transcript:
        seen.append(options)
        return dataclasses.replace(t, segments=[Segment(s.speaker, [dataclasses.replace(w, text=w.text.upper())
                                                                    for w in s.words]) for s in t.segments])

    monkeypatch.setattr(scribekit.conventions, "apply", apply)
    options = qdpx.Options(clean=True)
    project = unpack(qdpx.write_project([transcript(("a", [("hi", 0, 300)])), transcript(("b", [("yo", 0, 300)]))],
                                        options))
    assert [s.text for s in project.sources] == ["Ana: HI\n", "Bo: YO\n"]
    assert seen == [options, options]


# --- any transcript --------------------------------------------------------------------------------------------

_WORD = st.text(alphabet=st.sampled_from("abcxyzéüßÅ,.?😀👍🏽שלוםمرحبا我们见\u0301 "), min_size=1, max_size=6)


@st.composite
def transcripts(draw: st.DrawFn, ordered: bool = True) -> Transcript:
    t = draw(st.integers(0, 10_000_000))
    segments = []
    for _ in range(draw(st.integers(0, 5))):
        words = []
        for _ in range(draw(st.integers(0, 8))):
            length = draw(st.integers(0, 900))
            words.append(Word(draw(_WORD), t, t + length, draw(st.none() | st.floats(0, 1))))
            t += length + draw(st.sampled_from([0, 10, 400, 31_000]))
        if not ordered:
            t -= draw(st.integers(0, 2000))
        segments.append(Segment(draw(st.sampled_from(["a", "b", "c", None])), words))
    highlights = [Highlight(draw(st.integers(-1000, abs(t) + 1000)), draw(st.integers(-1000, abs(t) + 1000)),
                          draw(st.none() | _WORD)) for _ in range(draw(st.integers(0, 3)))]
    return Transcript(segments=segments, speakers=[Speaker("a", "Ana"), Speaker("b", "ليلى")],
                      highlights=highlights, metadata=Metadata(filename=draw(st.none() | _WORD)))


_OPTIONS = st.builds(qdpx.Options, timestamps_every=st.none() | st.sampled_from([1, 5, 30]),
                     highlights=st.booleans(), low_confidence=st.none() | st.floats(0, 1))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(transcripts(), min_size=1, max_size=3), _OPTIONS)
def test_any_project_validates_and_gives_back_every_turn(ts: list[Transcript], options: qdpx.Options) -> None:
    project = unpack(qdpx.write_project(ts, options))
    assert len(project.sources) == len(ts)
    for source, t in zip(project.sources, ts):
        check_turns(project, source, t)
        every = options.timestamps_every
        if every:  # a sync point at the first word reaching each multiple of N seconds (a turn's own at its start)
            times = {p.time for p in source.points}
            shown = [w for w in t.words if w.text.strip()]
            firsts = {id(next(w for w in s.words if w.text.strip())) for s in t.segments
                      if any(w.text.strip() for w in s.words)}
            for mark in {w.start // (every * 1000) for w in shown}:
                reaching = next(w for w in shown if w.start // (every * 1000) == mark)
                assert reaching.start in times or id(reaching) in firsts
        low = options.low_confidence
        if low is not None:
            lows = [source.text[s.start.position:s.end.position] for s in source.selections
                    if project.code_names(s) == ["Low confidence"]]
            for word in t.words:
                if word.text.strip() and word.confidence is not None and word.confidence < low:
                    assert any(unicodedata.normalize("NFC", word.text.strip()) in marked for marked in lows)
    assert qdpx.write_project(ts, options) == qdpx.write_project(ts, options)


@settings(max_examples=40, deadline=None)
@given(transcripts(ordered=False))
def test_any_transcript_even_out_of_order_gives_a_valid_project(t: Transcript) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        project = unpack(qdpx.write(t, qdpx.Options(low_confidence=0.5, timestamps_every=1)))
    (source,) = project.sources
    assert len(turn_selections(project, source)) == len([s for s in t.segments if any(w.text.strip()
                                                                                       for w in s.words)])


def test_the_format_is_registered_as_a_document_writer() -> None:
    info = scribekit.formats.get("qdpx")
    assert info.kind == "document" and info.writes and info.reads and info.extension == "qdpx"
    assert scribekit.formats.writer_for_filename("study.qdpx") is info
    assert os.path.basename(str(XSD)) == "Project.xsd"


# --- reading ------------------------------------------------------------------------------------------------

def _round_trip_turns(t: Transcript) -> list[tuple[str | None, str, int, int]]:
    """Each turn's speaker, characters but spaces (words of Han or kana without spaces between them
    come back as one), start and end."""
    return [(t.speaker_name(s.speaker), "".join("".join(unicodedata.normalize("NFC", x.text) for x in s.words).split()),
             s.start, [w for w in s.words if w.text.strip()][-1].end)
            for s in t.segments if any(w.text.strip() for w in s.words)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(transcripts(), min_size=1, max_size=3), _OPTIONS)
def test_a_project_reads_back_as_its_turns_words_and_highlights(ts: list[Transcript], options: qdpx.Options) -> None:
    data = qdpx.write_project(ts, options, names=[f"t{n}" for n in range(len(ts))])
    read = scribekit.formats.read_all(data)  # found by its content
    assert [r.metadata.filename for r in read] == [f"t{n}" for n in range(len(ts))]
    project = unpack(data)
    for original, back, source in zip(ts, read, project.sources):
        assert [(back.speaker_name(s.speaker), "".join(w.text for w in s.words), s.start, s.end)
                for s in back.segments] == _round_trip_turns(original)
        assert all(w.start <= w.end for w in back.words)
        marked = [s for s in source.selections if any(project.codes[g][1] == "Highlights" for g in s.codes)]
        assert [(h.start, h.end) for h in back.highlights] == [(s.start.time, s.end.time) for s in marked]


def test_the_samples_read_back_with_their_turns_and_highlight() -> None:
    for path in SAMPLES:
        t = load(path)
        (back,) = qdpx.read_bytes(qdpx.write(t, qdpx.Options(timestamps_every=5)))
        assert [(back.speaker_name(s.speaker), s.start, s.end) for s in back.segments] == [
            (t.speaker_name(s.speaker), s.start, s.end) for s in t.segments if s.words]
        assert [w.text for w in back.words] == " ".join(w.text for w in t.words).split()
        assert [(h.start, h.end, h.label) for h in back.highlights] == [
            (h.start, h.end, h.label) for h in t.highlights]  # the sample's highlight spans whole words
        assert back.metadata.source == "qdpx"


OTHER_TOOL = """<?xml version="1.0" encoding="utf-8"?>\r
<Project xmlns="urn:QDA-XML:project:1.0" name="p">\r
<Sources><TextSource guid="11111111-2222-3333-4444-555555555555" name="notes"/>\r
<VideoSource guid="AAAAAAAA-2222-3333-4444-555555555555" name="clip.mp4" path="relative:///clip.mp4">\r
<Transcript guid="BBBBBBBB-2222-3333-4444-555555555555" name="clip" plainTextPath="internal://CCCC.txt">\r
<SyncPoint guid="DDDDDDDD-0000-0000-0000-000000000001" position="0" timeStamp="1000"/>\r
<SyncPoint guid="DDDDDDDD-0000-0000-0000-000000000002" position="10" timeStamp="2000"/>\r
<SyncPoint guid="DDDDDDDD-0000-0000-0000-000000000003" position="22" timeStamp="5000"/>\r
</Transcript></VideoSource></Sources></Project>\r
"""


def _zip_of(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_another_tools_project_reads_as_paragraphs_timed_by_interpolation() -> None:
    data = _zip_of({"Project.qde": OTHER_TOOL.encode(), "sources/": b"",
                    "sources/CCCC.txt": b"Hello you.\n\nNext one.\n"})
    assert qdpx.sniff_bytes(data)
    (t,) = scribekit.formats.read_all(data, filename="x.qdpx")
    assert t.metadata.filename == "clip.mp4" and t.speakers == []
    # "Hello you." runs 0-10 (1000-2000 ms); "Next one." 12-21, between the points at 10 and 22 (2000-5000 ms)
    assert [[(w.text, w.start, w.end) for w in s.words] for s in t.segments] == [
        [("Hello", 1000, 1500), ("you.", 1600, 2000)], [("Next", 2500, 3500), ("one.", 3750, 4750)]]
    inline = OTHER_TOOL.replace(' plainTextPath="internal://CCCC.txt">', "><PlainTextContent>Hi</PlainTextContent>")
    (t,) = qdpx.read_bytes(_zip_of({"project.qde": inline.encode()}))
    # the points past the text's end are at its end (2): the earliest of them ends the last word
    assert [(w.text, w.start, w.end) for w in t.words] == [("Hi", 1000, 2000)]


@pytest.mark.parametrize("members, message", [
    ({"project.qde": OTHER_TOOL.encode()}, "its text Sources/CCCC.txt is not in the zip"),
    ({"project.qde": OTHER_TOOL.replace('"2000"', '"2.5"').encode(), "Sources/CCCC.txt": b"x"}, "not a whole number"),
    ({"project.qde": OTHER_TOOL.replace('"2000"', '"1' + "0" * 15 + '"').encode(), "Sources/CCCC.txt": b"x"},
     "beyond what a time"),
    ({"project.qde": OTHER_TOOL.replace("internal://CCCC.txt", "absolute:///tmp/x.txt").encode()}, "not inside"),
    ({"project.qde": b"<Other/>"}, "not a REFI-QDA Project"),
    ({"project.qde": b'<Project xmlns="urn:QDA-XML:project:1.0" name="p"/>'}, "holds no transcript"),
    ({"project.qde": b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaa">]><Project>&a;</Project>'}, "entities"),
    ({"project.qde": b"\xff\xfe<"}, "not UTF-8"),
    ({"project.qde": b"<Project"}, "not well-formed"),
])
def test_a_broken_project_is_a_read_error(members: dict[str, bytes], message: str) -> None:
    with pytest.raises(scribekit.ReadError, match=message):
        qdpx.read_bytes(_zip_of(members))


def test_only_a_zip_with_a_project_is_sniffed_as_one() -> None:
    assert not qdpx.sniff_bytes(b"PK\x03\x04 not a zip at all")
    assert not qdpx.sniff_bytes(b"")
    assert not qdpx.sniff_bytes(_zip_of({"folder/project.qde": b"", "a.json": b"{}"}))
    exports = (ROOT / "samples" / "happyscribe" / "exports.zip").read_bytes()
    assert not qdpx.sniff_bytes(exports)
    assert scribekit.formats.detect(exports).name == "happyscribe-json"
    assert scribekit.formats.detect(qdpx.write(transcript(("a", [("x", 0, 1)])), qdpx.Options())).name == "qdpx"


def test_mutated_projects_are_read_or_refused() -> None:
    import random

    rng = random.Random(19)
    base = qdpx.write(load(SAMPLES[0]), qdpx.Options(low_confidence=0.9, timestamps_every=5))
    xml = zipfile.ZipFile(io.BytesIO(base)).read("project.qde")
    text_name = next(n for n in zipfile.ZipFile(io.BytesIO(base)).namelist() if n.endswith(".txt"))
    text = zipfile.ZipFile(io.BytesIO(base)).read(text_name)
    for _ in range(150):
        mutated = bytearray(xml)
        for _ in range(rng.randint(1, 8)):
            at = rng.randrange(len(mutated))
            mutated[at:at + rng.randint(0, 3)] = bytes(rng.choice(b'<>/"=0123456789- \n\xc3abc') for _ in
                                                       range(rng.randint(0, 3)))
        data = _zip_of({"project.qde": bytes(mutated), text_name: text})
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ScribekitWarning)
            try:
                read = qdpx.read_bytes(data)
            except scribekit.ReadError:
                continue
        for t in read:
            assert all(isinstance(w.start, int) and w.start <= w.end for w in t.words)


def test_the_command_line_writes_a_project_and_reads_it_back(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from scribekit.cli import cli

    out = tmp_path / "interview.qdpx"
    result = CliRunner().invoke(cli, ["convert", str(SAMPLES[0]), "--to", "qdpx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    project = unpack(out.read_bytes())
    check_turns(project, project.sources[0], load(SAMPLES[0]))
    back = tmp_path / "back.json"
    result = CliRunner().invoke(cli, ["convert", str(out), "--to", "json", "-o", str(back)])
    assert result.exit_code == 0, result.output
    assert [s.start for s in scribekit.load(back).segments] == [s.start for s in load(SAMPLES[0]).segments]


HOSTILE = ["\x00nul", "lone \ud800 surrogate", "non\ufffecharacter", "]]><!-- <&>\"'", "\u202eoverride", "a\nb\r\tc",
           "next\x85line", "\U0010ffff", "\x7f"]


@pytest.mark.parametrize("bad", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_anywhere_still_gives_a_valid_project(bad: str) -> None:
    t = Transcript(segments=[Segment("x", [Word(bad, 0, 500), Word("ok", 600, 900)])], speakers=[Speaker("x", bad)],
                   highlights=[Highlight(0, 900, bad)], metadata=Metadata(filename=bad + ".json", language=bad))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        data = qdpx.write_project([t, t], qdpx.Options(title=bad), names=[bad, bad])
        back = qdpx.read_bytes(data)
    project = unpack(data)
    assert len(project.sources) == 2 and all(s.text.endswith("ok\n") for s in project.sources)
    assert [w.text for w in back[0].words][-1] == "ok"


@pytest.mark.parametrize("time", [10 ** 12 + 1, -(10 ** 13), 10 ** 4400], ids=["past-max", "before-min", "digits"])
def test_times_no_clock_can_show_are_refused(time: int) -> None:
    t = transcript(("a", [("Hi", 0, 300), ("there", time, time)]))
    with pytest.raises(WriteError, match="out of range"):
        qdpx.write(t, qdpx.Options())
