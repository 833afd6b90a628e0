"""Every speech-recognition fixture (tests/data/asr/, the reference files of ../shared/reference/asr/ among
them): read with no warning as the table of asr_expected.py says, told from its content by exactly one
reader, and cut into Netflix-profile SRT with rows of at most 42 characters and no cue mixing two speakers.
The tests of each service's own traps are in test_whisper.py and test_asr_*.py."""
from __future__ import annotations

import json
import warnings
from typing import Any

import pytest
from asr_expected import DATA, EXPECTED, load_fixture
from shared import ROOT, absent, shared_path

import scribekit
from scribekit import formats
from scribekit.segmentation import cues_for

SPEECH_RECOGNITION = sorted({fmt for fmt, *_ in EXPECTED.values()})


def test_every_fixture_is_in_the_table_with_its_licence() -> None:
    found = {f"{path.parent.name}/{path.name}" for path in DATA.glob("*/*.json")}
    assert found == set(EXPECTED)
    assert all((folder / "NOTICE").is_file() for folder in DATA.iterdir() if folder.is_dir())


@pytest.mark.skipif(shared_path("reference", "asr") is None, reason=absent("reference", "asr"))
def test_every_reference_file_is_a_fixture_byte_for_byte() -> None:
    reference = shared_path("reference", "asr")
    assert reference is not None
    files = sorted(path for path in reference.glob("*/*.json") if path.parent.name != "LICENSES")
    assert len(files) >= 50
    for path in files:
        copy = DATA / path.parent.name / path.name
        assert copy.is_file() and copy.read_bytes() == path.read_bytes(), path


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_reads_the_words_speakers_and_language(name: str) -> None:
    source, count, first, last, speakers, language = EXPECTED[name]
    transcript = load_fixture(name)
    assert transcript.metadata.source == source
    words = transcript.words
    assert len(words) == count
    if first is not None and last is not None:
        assert (words[0].text, words[0].start, words[0].end) == first
        assert (words[-1].text, words[-1].start, words[-1].end) == last
    ids = [speaker.id for speaker in transcript.speakers]
    assert ids == speakers if isinstance(speakers, list) else len(ids) == speakers
    assert len(set(ids)) == len(ids)
    assert {segment.speaker for segment in transcript.segments} <= {*ids, None}
    if ids:
        assert all(segment.speaker is not None for segment in transcript.segments)
    assert transcript.metadata.language == language
    assert all(word.text and word.text == word.text.strip() for word in words)
    assert all(word.confidence is None or 0.0 <= word.confidence <= 1.0 for word in words)
    assert all(0 <= word.start <= word.end for word in words)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_detected_by_content_and_claimed_by_no_other_json_reader(name: str) -> None:
    data = (DATA / name).read_bytes()
    assert formats.detect(data).name == EXPECTED[name][0]
    assert formats.detect(data, filename="x.json").name == EXPECTED[name][0]
    obj = json.loads(data)
    claims = [info.name for info in formats.readers() if hasattr(info.module, "sniff_json")
              and info.module.sniff_json(obj)]
    assert claims == [EXPECTED[name][0]]


def test_no_speech_recognition_reader_claims_our_own_or_the_providers_json() -> None:
    """scribekit's JSON, Amberscript's and HappyScribe's (as written, and every JSON file of samples/ and
    tests/data outside the speech-recognition fixtures) are not taken for a recogniser's."""
    transcript = load_fixture("deepgram/dg_speakers.json")
    documents: list[Any] = [json.loads(scribekit.dumps(transcript, name))
                            for name in ("json", "amberscript-json", "happyscribe-json")]
    for path in sorted(ROOT.glob("samples/**/*.json")) + sorted((ROOT / "tests" / "data").glob("**/*.json")):
        if DATA in path.parents or path.parent == ROOT / "samples" / "asr":
            continue  # the recognisers' own files
        try:
            documents.append(json.loads(path.read_bytes()))
        except ValueError:
            continue  # a deliberately broken file
    assert len(documents) >= 6
    sniffers = {name: formats.get(name).module.sniff_json for name in SPEECH_RECOGNITION}
    for document in documents:
        assert [name for name, sniff in sniffers.items() if sniff(document)] == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_netflix_srt_has_short_rows_and_one_speaker_per_cue(name: str) -> None:
    transcript = load_fixture(name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", scribekit.ScribekitWarning)  # soft limits the speech cannot meet
        srt = scribekit.dumps(transcript, "srt", profile="netflix")
        cues = cues_for(transcript, profile="netflix")
    assert isinstance(srt, str)
    rows = [line for line in srt.splitlines() if line and "-->" not in line and not line.isdigit()]
    assert all(len(row) <= 42 for row in rows), max(rows, key=len)
    words = transcript.words
    assert len(cues) == srt.count("-->")
    assert bool(cues) == bool(words)
    speaker_of = {id(word): segment.speaker for segment in transcript.segments for word in segment.words}
    cut = [word for cue in cues for word in cue.words or []]
    assert [id(word) for word in cut] == [id(word) for word in words]  # every word once, in order
    for cue in cues:
        # the netflix profile's dialogue dashes: two speakers' turns in one cue, a line each after "-"
        dialogue = cue.speaker is None and len(cue.lines) == 2 and all(line.startswith("-") for line in cue.lines)
        lines = [line[1:] for line in cue.lines] if dialogue else cue.lines
        assert " ".join(lines).split() == " ".join(word.text for word in cue.words or []).split()
        speakers = [speaker_of[id(word)] for word in cue.words or []]
        if dialogue:
            first = len(lines[0].split())
            assert len(set(speakers[:first])) == len(set(speakers[first:])) == 1 and speakers[0] != speakers[-1]
        else:
            assert len(set(speakers)) == 1


def test_the_samples_in_speech_recognition_shapes_are_the_interview() -> None:
    """samples/asr/ holds the sample interview's words in four recognisers' shapes: each reads as those words."""
    interview = [word.text for word in scribekit.load(ROOT / "samples" / "amberscript" / "interview.json").words]
    for path in sorted((ROOT / "samples" / "asr").glob("*.json")):
        transcript = load_fixture(path)
        spoken = [word.text for word in transcript.words if not word.sound]
        assert spoken == interview, path.name
    assert len(list((ROOT / "samples" / "asr").glob("*.json"))) == 4
