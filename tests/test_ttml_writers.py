"""The TTML writers (ttml, ebu-tt-d, imsc, netflix-ttml, itt): what each profile writes is valid
against the schemas (the EBU-TT-D XSD 1.0 and 1.0.1, the IMSC 1.0.1 and 1.1 drivers, the TTML1
XSD), and ttconv's TTML reader reads it back with the same text and times within a frame."""
from __future__ import annotations

import re
import warnings
import xml.etree.ElementTree as ET
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import scribekit
from scribekit import Cue, Metadata, ScribekitWarning, Speaker, Transcript
from scribekit.errors import OptionError
from scribekit.markup import TextRepairs, cue_text, shown_at_top, strip_tags
from scribekit.timecode import FrameRate

HERE = Path(__file__).resolve().parent
XSD = HERE / "data" / "xsd"
ROOT = HERE.parent
SCHEMAS = {"ebu-tt-d 1.0": XSD / "ebu-tt-d" / "xsd-1.0" / "ebu-tt-d-offline.xsd",
           "ebu-tt-d 1.0.1": XSD / "ebu-tt-d" / "xsd-1.0.1" / "ebutt_d.xsd",
           "imsc 1.0.1": XSD / "imsc" / "imsc1-validate.xsd",
           "imsc 1.1": XSD / "imsc" / "imsc1_1-validate.xsd",
           "ttml1": XSD / "imsc" / "ttml1" / "ttml1.xsd"}
# (format, options, the schemas its documents validate against)
PROFILES: list[tuple[str, dict[str, Any], tuple[str, ...]]] = [
    ("ttml", {}, ("ttml1",)),
    ("ebu-tt-d", {}, ("ebu-tt-d 1.0", "ebu-tt-d 1.0.1", "imsc 1.0.1")),
    ("imsc", {}, ("imsc 1.1",)),
    ("imsc", {"imsc_version": "1.0.1"}, ("imsc 1.0.1",)),
    ("netflix-ttml", {}, ("ttml1",)),
    ("netflix-ttml", {"fps": 29.97}, ("ttml1",)),
    ("itt", {}, ("ttml1",)),
    ("itt", {"fps": 29.97, "drop_frame": True}, ("ttml1",)),
    ("itt", {"fps": 23.976}, ("ttml1",)),
]
FORMATS = ("ttml", "ebu-tt-d", "imsc", "netflix-ttml", "itt")
FRAME_BASED = ("netflix-ttml", "itt")


@cache
def schema(name: str) -> Any:
    etree = pytest.importorskip("lxml.etree")
    return etree.XMLSchema(etree.parse(str(SCHEMAS[name])))


def assert_valid(text: str, schemas: tuple[str, ...]) -> None:
    from lxml import etree

    document = etree.fromstring(text.encode("utf-8"))
    for name in schemas:
        checker = schema(name)
        assert checker.validate(document), (name, [str(error) for error in checker.error_log][:5])


def dumps(transcript: Transcript, fmt: str, **options: Any) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        text = scribekit.dumps(transcript, fmt, **options)
    assert isinstance(text, str)
    return text


def ttconv_document(text: str) -> Any:
    pytest.importorskip("ttconv")
    from ttconv.imsc import reader

    document = reader.to_model(ET.ElementTree(ET.fromstring(text)))
    assert document is not None
    return document


def ttconv_cues(text: str) -> list[tuple[Fraction, Fraction, str, str]]:
    """(begin, end, text, region) of each p as ttconv's TTML reader makes them (line breaks as LF)."""
    from ttconv import model

    document = ttconv_document(text)

    def flat(element: Any) -> str:
        if isinstance(element, model.Text):
            return str(element.get_text())
        if isinstance(element, model.Br):
            return "\n"
        return "".join(flat(child) for child in element)

    found: list[tuple[Fraction, Fraction, str, str]] = []
    for division in document.get_body() or []:
        for paragraph in division:
            begin, end, region = paragraph.get_begin(), paragraph.get_end(), paragraph.get_region()
            found.append((Fraction(begin or 0), Fraction(end) if end is not None else Fraction(-1), flat(paragraph),
                          region.get_id() if region is not None else ""))
    return found


def visible(lines: list[str]) -> list[str]:
    """The rows a reader shows of cue lines: markup and what no writer writes left out, spaces
    collapsed (TTML's default white-space handling), empty rows dropped."""
    repairs = TextRepairs()
    text = strip_tags(cue_text(repairs.lines(lines)))
    return [" ".join(row.split()) for row in text.split("\n") if row.split()]


def rows(text: str) -> list[str]:
    return [" ".join(row.split()) for row in text.split("\n") if row.split()]


def tolerance(fmt: str, options: dict[str, Any]) -> Fraction:
    if fmt not in FRAME_BASED:
        return Fraction(1, 1000)
    return 1 / FrameRate.of(options.get("fps") or 25).fps


def assert_read_back(cues: list[Cue], fmt: str, options: dict[str, Any], text: str) -> None:
    back = ttconv_cues(text)
    # a cue of no duration (after negative times are written as 0, an end before the start as the
    # start) is written, but shown by no reader: ttconv leaves it out
    cues = [cue for cue in cues if max(cue.end, 0) > max(cue.start, 0)]
    assert len(back) == len(cues)
    slack = tolerance(fmt, options)
    for cue, (begin, end, shown, region) in zip(cues, back):
        assert region == ("top" if shown_at_top(cue.style, cue.lines) else "bottom")
        start, stop = max(cue.start, 0), max(cue.end, cue.start, 0)
        assert abs(begin - Fraction(start, 1000)) <= slack, (cue, begin)
        assert abs(end - Fraction(stop, 1000)) <= slack, (cue, end)
        assert rows(shown) == visible(cue.lines), (cue.lines, shown)


# --- the samples ----------------------------------------------------------------------------

SAMPLES = sorted(path for path in (ROOT / "samples").rglob("*") if path.is_file() and "malformed" not in path.parts
                 and path.suffix in (".json", ".srt", ".vtt", ".stl", ".xml"))


@cache
def sample(path: Path) -> Transcript:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        return scribekit.load(path)


def written_cues(transcript: Transcript, fmt: str, options: dict[str, Any]) -> list[Cue]:
    """The cues ``scribekit.dumps(transcript, fmt, **options)`` hands its writer."""
    import dataclasses

    from scribekit.formats import split_options
    from scribekit.segmentation import cues_for
    from scribekit.transforms import sounds_apart

    info = scribekit.formats.get(fmt)
    writer_options, segment_kwargs = split_options(info, dict(options))
    transcript = dataclasses.replace(transcript, segments=sounds_apart(transcript.segments))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        return cues_for(transcript, defaults=info.module.segment_defaults(writer_options), **segment_kwargs)


@pytest.mark.parametrize("path", SAMPLES, ids=[str(p.relative_to(ROOT / "samples")) for p in SAMPLES])
def test_every_sample_in_every_profile_validates_and_reads_back(path: Path) -> None:
    transcript = sample(path)
    for fmt, options, schemas in PROFILES:
        for colours in (False, True):
            text = dumps(transcript, fmt, speaker_colours=colours, **options)
            assert_valid(text, schemas)
        assert_read_back(written_cues(transcript, fmt, options), fmt, options, text)


# --- any transcript -------------------------------------------------------------------------

FRAGMENTS = ["&", "<", ">", '"', "'", "&amp;", "<i>", "</i>", "<b>", "</b>", "<u>", "</u>", "<I>", "<i class=x>",
             "<font color=red>", "</font>", "{\\an8}", "a < b", "]]>", "<!--", "é", "ß", "日本語", "עברית",
             "😀", "\u00a0", "\t", "  ", "\x00", "\x1b", "\x0b", "\ufffe", "\ud800", "\r\n", "\n", "-->"]
_ALPHABET = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
line = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(_ALPHABET, max_size=5)), max_size=6).map("".join)


@st.composite
def transcripts(draw: Any) -> Transcript:
    speakers = ["s1", "s2", "s3", "s4", "s5"]
    cues = []
    for _ in range(draw(st.integers(0, 6))):
        start = draw(st.integers(-2000, 400 * 3600 * 1000))
        end = start + draw(st.integers(40, 20_000))
        style = {"position": "top"} if draw(st.booleans()) else None
        cues.append(Cue(start, end, draw(st.lists(line, max_size=3)), speaker=draw(st.sampled_from([None, *speakers])),
                        style=style))
    names = [Speaker(s, draw(st.sampled_from(["Anna", "B & <C>", "Ünal \"Q\"", "x\x00y", ""]))) for s in speakers]
    return Transcript(cues=cues, speakers=names,
                      metadata=Metadata(language=draw(st.sampled_from([None, "en", "pt_BR", "de-CH", "x y", ""]))))


rates = st.sampled_from([{"fps": fps} for fps in (23.976, 24, 25, 29.97, 30, 50, 59.94)]
                        + [{"fps": 29.97, "drop_frame": True}])


@settings(max_examples=60, deadline=None)
@given(transcripts(), st.sampled_from(PROFILES), rates, st.booleans())
def test_any_transcript_validates_and_reads_back_in_every_profile(transcript: Transcript,
                                                                  profile: tuple[str, dict[str, Any], tuple[str, ...]],
                                                                  rate: dict[str, Any], colours: bool) -> None:
    fmt, options, schemas = profile
    if fmt in FRAME_BASED:
        options = {**rate} if fmt == "itt" else {"fps": rate["fps"]}
    text = dumps(transcript, fmt, speaker_colours=colours, **options)
    assert_valid(text, schemas)
    assert_read_back(transcript.cues or [], fmt, options, text)


# --- what each profile writes ---------------------------------------------------------------

def _transcript(*cues: Cue, language: str | None = "en", speakers: list[Speaker] | None = None) -> Transcript:
    return Transcript(cues=list(cues), speakers=speakers or [], metadata=Metadata(language=language))


def test_regions_styles_agents_and_colours() -> None:
    transcript = _transcript(Cue(0, 1000, ["<i>Hi</i> <b>there</b>", "<u>you</u>"], speaker="a"),
                             Cue(1000, 2000, ["up"], speaker="b", style={"position": "top"}),
                             Cue(2000, 3000, ["no one"]),
                             speakers=[Speaker("a", "Anna"), Speaker("b", "Ben")])
    ebu = dumps(transcript, "ebu-tt-d", speaker_colours=True)
    assert '<ebuttm:conformsToStandard>urn:ebu:tt:distribution:2014-01</ebuttm:conformsToStandard>' in ebu
    assert 'ttp:timeBase="media" ttp:cellResolution="50 30"' in ebu and 'xml:lang="en"' in ebu
    assert ('<p xml:id="c1" begin="00:00:00.000" end="00:00:01.000" region="bottom" ttm:agent="speaker1" '
            'style="white"><span style="text italic">Hi</span><span style="text"> </span>'
            '<span style="text bold">there</span><br/><span style="text underline">you</span></p>') in ebu
    assert 'region="top" ttm:agent="speaker2" style="yellow"><span style="text">up</span></p>' in ebu
    assert '<p xml:id="c3" begin="00:00:02.000" end="00:00:03.000" region="bottom"><span' in ebu
    assert '<ttm:agent type="person" xml:id="speaker2"><ttm:name type="full">Ben</ttm:name></ttm:agent>' in ebu
    itt = dumps(transcript, "itt", speaker_colours=True)
    assert 'ttp:timeBase="smpte" ttp:frameRate="25" ttp:frameRateMultiplier="1 1" ttp:dropMode="nonDrop"' in itt
    assert "ttm:agent=" not in itt
    assert ('<p xml:id="c1" begin="00:00:00:00" end="00:00:01:00" region="bottom" tts:color="#FFFFFF">'
            '<span tts:fontStyle="italic">Hi</span> <span tts:fontWeight="bold">there</span><br/>'
            '<span tts:textDecoration="underline">you</span></p>') in itt
    imsc = dumps(transcript, "imsc")
    assert 'ttp:contentProfiles="http://www.w3.org/ns/ttml/profile/imsc1.1/text"' in imsc
    assert 'style="white"' not in imsc
    assert 'ttp:profile="http://www.w3.org/ns/ttml/profile/imsc1/text"' in dumps(transcript, "imsc",
                                                                                 imsc_version="1.0.1")


@pytest.mark.parametrize("fmt", FORMATS)
def test_ttconv_reads_italic_bold_underline_and_colours(fmt: str) -> None:
    from ttconv import model, style_properties

    transcript = _transcript(Cue(0, 1000, ["<i>a</i> <b>b</b>", "<u>c</u> <i><b>d</b></i> <I>e"], speaker="x"),
                             Cue(1000, 2000, ["y"], speaker="z"), speakers=[Speaker("x", "X"), Speaker("z", "Z")])
    document = ttconv_document(dumps(transcript, fmt, speaker_colours=True))
    paragraphs = [paragraph for division in document.get_body() for paragraph in division]
    styled = {}
    for span in paragraphs[0]:
        if isinstance(span, model.Span):
            text = "".join(child.get_text() for child in span if isinstance(child, model.Text)).strip()
            decoration = span.get_style(model.StyleProperties.TextDecoration)
            styled[text] = (span.get_style(model.StyleProperties.FontStyle) == style_properties.FontStyleType.italic,
                            span.get_style(model.StyleProperties.FontWeight) == style_properties.FontWeightType.bold,
                            decoration is not None and bool(decoration.underline))
    assert {key: value for key, value in styled.items() if key} == {
        "a": (True, False, False), "b": (False, True, False), "c": (False, False, True), "d": (True, True, False),
        "e": (True, False, False)}
    colours = []
    for paragraph in paragraphs:
        colour = paragraph.get_style(model.StyleProperties.Color)
        colours.append((colour.ident, colour.components) if colour is not None else None)
    assert colours[0] is not None and colours[1] is not None
    assert colours[0][1][:3] == (255, 255, 255) and colours[1][1][:3] == (255, 255, 0)


@pytest.mark.parametrize("fmt", FORMATS)
def test_our_ttml_reader_reads_every_profile_back(fmt: str) -> None:
    transcript = _transcript(Cue(0, 1500, ["Hello <i>there</i> & <b>you</b>", "line <u>2</u>"], speaker="a"),
                             Cue(1500, 3000, ["top"], speaker="b", style={"position": "top"}), Cue(3000, 4000, []),
                             language="de-CH", speakers=[Speaker("a", "Anna <A>"), Speaker("b", "Ben")])
    options: dict[str, Any] = {}
    if fmt in FRAME_BASED:
        options = {"fps": 29.97, "drop_frame": True} if fmt == "itt" else {"fps": 24}
    with warnings.catch_warnings():
        warnings.simplefilter("error", ScribekitWarning)
        back = scribekit.loads(dumps(transcript, fmt, speaker_colours=True, **options))
    assert back.metadata.language == "de-CH" and back.cues is not None
    assert [cue.lines for cue in back.cues] == [cue.lines for cue in transcript.cues or []]
    assert [(cue.style or {}).get("position") for cue in back.cues] == [None, "top", None]
    if fmt != "itt":
        assert [back.speaker_name(cue.speaker) for cue in back.cues] == ["Anna <A>", "Ben", None]
    slack = 1 if fmt not in FRAME_BASED else 1000 / float(options["fps"])
    for ours, theirs in zip(transcript.cues or [], back.cues):
        assert abs(ours.start - theirs.start) <= slack and abs(ours.end - theirs.end) <= slack


@pytest.mark.parametrize("fmt", FORMATS)
def test_cues_placed_at_the_top_by_the_file_they_came_from_go_to_the_top_region(fmt: str) -> None:
    """A subtitler's {\\an8} in SRT and a WebVTT line near the top mean the top region, as the
    shared ``position`` key does; the override itself is not written as text."""
    srt = b"1\n00:00:01,000 --> 00:00:02,000\n{\\an8}Up here\n\n2\n00:00:03,000 --> 00:00:04,000\nDown here\n"
    vtt = b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000 line:0\nUp here\n\n00:00:03.000 --> 00:00:04.000\nDown here\n"
    for data, name in ((srt, "a.srt"), (vtt, "a.vtt")):
        text = dumps(scribekit.loads(data, filename=name), fmt)
        regions = re.findall(r'<p [^>]*region="(\w+)"[^>]*>(.*?)</p>', text)
        assert [(region, strip_tags(re.sub(r"<[^>]+>", "", body))) for region, body in regions] == [
            ("top", "Up here"), ("bottom", "Down here")], name


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_two_regions_do_not_overlap(fmt: str) -> None:
    """EBU-TT-D and IMSC forbid regions that overlap while both are shown (a cue at the top and one
    at the bottom at once)."""
    text = dumps(_transcript(Cue(0, 1000, ["a"]), Cue(0, 1000, ["b"], style={"position": "top"})), fmt)
    boxes = {}
    for region in re.findall(r"<region [^>]*>", text):
        name = re.search(r'xml:id="(\w+)"', region)
        origin = re.search(r'tts:origin="([\d.]+)% ([\d.]+)%"', region)
        extent = re.search(r'tts:extent="([\d.]+)% ([\d.]+)%"', region)
        assert name and origin and extent
        x, y, width, height = (float(value) for value in (*origin.groups(), *extent.groups()))
        assert 0 <= x and 0 <= y and x + width <= 100 and y + height <= 100
        boxes[name.group(1)] = (y, y + height)
    assert boxes["top"][1] <= boxes["bottom"][0]


def test_colours_cycle_in_the_order_speakers_first_speak() -> None:
    speakers = [Speaker(f"s{n}", f"S{n}") for n in range(6)]
    cues = [Cue(n * 1000, n * 1000 + 900, ["x"], speaker=f"s{n}") for n in (3, 1, 0, 2, 5, 3)]
    text = dumps(_transcript(*cues, speakers=speakers), "ttml", speaker_colours=True)
    assert re.findall(r'style="(\w+)">x', text) == ["white", "yellow", "cyan", "green", "white", "white"]


def test_frame_rates_and_ticks() -> None:
    transcript = _transcript(Cue(1000, 2000, ["a"]))
    ntsc = dumps(transcript, "netflix-ttml", fps=29.97)
    assert 'ttp:frameRate="30" ttp:frameRateMultiplier="1000 1001" ttp:tickRate="10000000"' in ntsc
    # 1 s is frame 30 (1.001 s): 10,010,000 ticks; 2 s frame 60
    assert 'begin="10010000t" end="20020000t"' in ntsc
    assert 'ttp:frameRate="24" ttp:frameRateMultiplier="1000 1001"' in dumps(transcript, "itt", fps=23.976)
    drop = dumps(_transcript(Cue(600_000, 601_000, ["a"])), "itt", fps=29.97, drop_frame=True)
    assert 'ttp:dropMode="dropNTSC"' in drop and 'begin="00:10:00:00"' in drop
    late = dumps(_transcript(Cue(360_000_000 + 500, 360_001_000, ["late"])), "itt", start_timecode="10:00:00:00")
    assert 'begin="110:00:00:13" end="110:00:01:00"' in late


def test_options_that_cannot_be_written_are_refused() -> None:
    transcript = _transcript(Cue(0, 1000, ["a"]))
    with pytest.raises(OptionError, match="imsc_version"):
        scribekit.dumps(transcript, "imsc", imsc_version="2")
    with pytest.raises(OptionError, match="drop-frame"):
        scribekit.dumps(transcript, "itt", fps=25, drop_frame=True)
    with pytest.raises(OptionError, match="dropNTSC"):
        scribekit.dumps(transcript, "itt", fps=59.94, drop_frame=True)
    with pytest.raises(OptionError, match="fps"):
        scribekit.dumps(transcript, "netflix-ttml", fps=0)


def test_language_from_the_transcript_an_option_or_und() -> None:
    assert 'xml:lang="und"' in dumps(_transcript(Cue(0, 1000, ["a"]), language=None), "ebu-tt-d")
    assert 'xml:lang="fr"' in dumps(_transcript(Cue(0, 1000, ["a"])), "imsc", language="fr")
    with pytest.warns(ScribekitWarning, match="'pt_BR' written as 'pt-BR'"):
        assert 'xml:lang="pt-BR"' in str(scribekit.dumps(_transcript(Cue(0, 1000, ["a"]), language="pt_BR"), "ttml"))
    with pytest.warns(ScribekitWarning, match="not a language tag"):
        assert 'xml:lang="und"' in str(scribekit.dumps(_transcript(Cue(0, 1000, ["a"]), language='en"><x'), "itt"))


def test_netflix_ttml_cuts_to_netflix_limits() -> None:
    words = " ".join(["word"] * 60)
    transcript = scribekit.loads(f"1\n00:00:00,000 --> 00:00:20,000\n{words}\n", format="srt")
    transcript = Transcript(segments=scribekit.segmentation.word_segments(transcript), metadata=transcript.metadata)
    text = dumps(transcript, "netflix-ttml")
    for paragraph in re.findall(r"<p [^>]*>(.*?)</p>", text):
        assert paragraph.count("<br/>") <= 1 and all(len(row) <= 42 for row in paragraph.split("<br/>"))


# --- hostile writing ------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_hostile_cues_are_written_valid_and_reported(fmt: str) -> None:
    every_markup = "<i><b><u>all</u></b></i> <I>upper</I> <i class=\"x\">attr</i> <font color=\"red\">f</font> {\\an8}"
    cues = [Cue(-5000, -1000, ["gone"]), Cue(0, 1000, ["a\x00b\x1b\x7f\ud800c"]), Cue(1000, 2000, []),
            Cue(1500, 2500, ["overlap"]), Cue(3000, 2900, ["backwards"]), Cue(4000, 5000, [every_markup, "<i>open"]),
            Cue(4000, 5000, ["& < > \" ' ]]> <!-- -->"]),
            Cue(500 * 3600 * 1000, 500 * 3600 * 1000 + 1000, ["past 99 hours"])]
    with pytest.warns(ScribekitWarning) as caught:
        text = str(scribekit.dumps(_transcript(*cues), fmt))
    messages = " | ".join(str(w.message) for w in caught)
    assert "1 cue(s) with a negative time written with 0" in messages
    assert "control character(s) left out" in messages and "lone surrogate" in messages
    assert "1 cue(s) ending before they start" in messages
    if fmt == "itt":
        assert "overlap an earlier cue in the same region" in messages
    schemas = next(s for f, o, s in PROFILES if f == fmt and not o)
    assert_valid(text, schemas)
    assert text.count("<p ") == len(cues)
    back = ttconv_cues(text)  # without the cues of no duration: "gone" (before 0) and "backwards"
    assert [rows(shown) for _, _, shown, _ in back] == [
        ["ab\ufffdc"], [], ["overlap"], ["all upper attr f", "open"], ["& < > \" ' ]]> <!-- -->"], ["past 99 hours"]]
    assert back[-1][0] == 500 * 3600
    assert "500:00:00" in text if fmt != "netflix-ttml" else 'begin="18000000000000t"' in text


def test_the_plain_ttml_replaces_the_pysubs2_bridge() -> None:
    text = dumps(_transcript(Cue(0, 1000, ["a & <i>b</i>"], style={"ass_style": "2 top"}), Cue(1000, 2000, ["c"]),
                             language="de-CH"), "ttml")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<tt xmlns="http://www.w3.org/ns/ttml"')
    assert 'xml:lang="de-CH"' in text and ' id="' not in text
    assert_valid(text, ("ttml1",))


@pytest.mark.slow
def test_every_hostile_input_read_is_written_valid_in_every_profile(tmp_path: Path) -> None:
    """The hostile corpus (tests/test_hostile.py's cases up to 200 kB): whatever reads is
    written in every profile as a document its schema takes, and nothing but ScribekitError is raised."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("hostile_corpus", HERE / "test_hostile.py")
    assert spec is not None and spec.loader is not None
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    checked = 0
    for name, make in sorted(corpus.CASES.items()):
        data = make()
        if len(data) > 200_000:
            continue
        source = tmp_path / name
        source.write_bytes(data)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ScribekitWarning)
            try:
                transcripts = scribekit.load_all(source)
            except scribekit.ScribekitError:
                continue
            for transcript in transcripts:
                for fmt, options, schemas in PROFILES[:5]:
                    try:
                        text = str(scribekit.dumps(transcript, fmt, **options))
                    except scribekit.ScribekitError:
                        continue
                    assert_valid(text, schemas[:1])
                    checked += 1
    assert checked > 300
