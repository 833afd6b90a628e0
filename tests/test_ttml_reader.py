"""The TTML reader (scribekit/formats/ttml/reader.py, times.py; docs/formats.md §14.1): every IMSC and
EBU-TT-D sample of tests/data/ttml read with the same text at the same times as ttconv presents it,
every time expression form, what ttconv and Subtitle Edit write, and a property test against an
independent generator of TTML documents.

How ttconv's model maps to our cues. ttconv's TTML reader builds a document; ttconv.isd turns it into
a sequence of ISDs (intermediate synchronic documents), one for each interval between two
"significant times", each holding the paragraphs shown during it. We read each ``p`` as cues, one for
each stretch of time in which its text does not change (timed spans in a ``p`` give one cue per step).
Both come down to the same thing: at every moment, which paragraphs show which text. The comparison
samples both at every time either of them changes (times rounded to the millisecond, half up) and
compares the sorted paragraph texts shown, lines stripped of the white space at their ends and empty
lines dropped (we trim lines; ttconv keeps the spaces ``xml:space="preserve"`` keeps), each character
with its italic, bold and underline (ours from the markup, ttconv's from its computed styles).

Where we choose differently, on purpose, and what the comparison does about it:
- content without end (an untimed document): ttconv's ISD shows it forever; its SRT writer ends it
  10 s after the last significant time, and so do we. The comparison ends ttconv's last ISD there.
- a ``p`` with no text (nor a line break) at all: a cue with no lines, as a subtitle file keeps an empty
  subtitle; ttconv shows nothing. The comparison leaves out cues with no lines.
- a ``p`` whose begin and end are the same time: a cue of no duration with the text shown at that
  instant (a subtitle file keeps such cues too); ttconv shows nothing. No sample has one.
- ruby: ttconv keeps the ruby text as ``rt`` in the ISD; we write it after its base in full-width
  parentheses. The comparison renders ttconv's ``rt`` the same way.
- a ``div`` (``body``, ``span``) with a ``begin`` whose children end by themselves and which has no
  end of its own: ttconv mixes the parent's and the children's time frames when it takes the implicit
  end (the ``div`` ends at its own begin: nothing shows); we follow TTML1 §10.4 (the ``div`` lasts
  until its last child ends). No sample has this; a test below shows the difference.
Beyond the samples, random trees of par and seq containers with begin, end and dur everywhere show the
same as in ttconv (a property test below), begins kept with an end or a dur to stay off the difference above.
None of the 66 samples is in the Image Profile (no ``smpte:backgroundImage``; a document of pictures
only is refused in one line, a test below), and Foreign001 (a
``p`` in a foreign namespace, which TTML processors must prune) reads like the others: our reader
skips elements outside the TTML namespace and keeps their tails, as ttconv does.
"""
from __future__ import annotations

import io
import logging
import math
import random
import re
import warnings
import xml.etree.ElementTree as ET
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

import scribekit
from scribekit import ReadError
from scribekit.formats import ttml
from scribekit.formats.ttml import reader, times
from scribekit.markup import strip_tags
from scribekit.model import Cue

DATA = Path(__file__).resolve().parent / "data" / "ttml"
SAMPLES = sorted([*DATA.glob("imsc/**/*.ttml"), *DATA.glob("ebu-tt-d-irt/*.xml")])
TT = "http://www.w3.org/ns/ttml"
TTP = "http://www.w3.org/ns/ttml#parameter"
TTS = "http://www.w3.org/ns/ttml#styling"
TTM = "http://www.w3.org/ns/ttml#metadata"


def read(text: str) -> scribekit.Transcript:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no sample reads with a warning
        return reader.read(text)


# --- the samples against ttconv --------------------------------------------------------------

Moments = list[tuple[int, tuple[str, ...]]]


def _ms(seconds: Fraction) -> int:
    return int((seconds * 1000 * 2 + 1) // 2)


def _normal(text: str) -> str:
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


def _merged(moments: Moments) -> Moments:
    out: Moments = []
    for at, shown in sorted(moments):
        if out and out[-1][0] == at:
            out[-1] = (at, shown)
        elif not out and not shown or out and out[-1][1] == shown:
            continue
        else:
            out.append((at, shown))
    return out


def _styled(text: str, flags: str) -> str:
    """Text with the markup of each character after it (``a/i``): white space carries none."""
    return "".join(char if not flags or char.isspace() else f"{char}/{flags}" for char in text)


def ttconv_moments(text: str, styled: bool = False) -> Moments:
    """What ttconv shows: each significant time and the sorted texts of the paragraphs shown from then
    (``styled``: each character with its italic, bold and underline, from ttconv's computed styles)."""
    from ttconv import model
    from ttconv import style_properties as styles
    from ttconv.imsc import reader as ttconv_reader
    from ttconv.isd import ISD

    def flags_of(element: model.ContentElement) -> str:
        if not styled:
            return ""
        decoration = element.get_style(styles.StyleProperties.TextDecoration)
        return "".join(flag for flag, on in (
            ("i", element.get_style(styles.StyleProperties.FontStyle) in (styles.FontStyleType.italic,
                                                                          styles.FontStyleType.oblique)),
            ("b", element.get_style(styles.StyleProperties.FontWeight) is styles.FontWeightType.bold),
            ("u", decoration is not None and bool(decoration.underline))) if on)

    def text_of(element: model.ContentElement, out: list[str]) -> list[str]:
        for child in element:
            if isinstance(child, model.Br):
                out.append("\n")
            elif isinstance(child, model.Text):
                out.append(_styled(child.get_text(), flags_of(element)))
            elif isinstance(child, model.Rp):
                continue
            elif isinstance(child, (model.Rt, model.Rtc)):
                out.append(_styled("\uff08", flags_of(child)) + "".join(text_of(child, []))
                           + _styled("\uff09", flags_of(child)))
            else:
                text_of(child, out)
        return out

    def paragraphs(element: model.ContentElement, out: list[str]) -> list[str]:
        for child in element:
            if isinstance(child, model.P):
                shown = _normal("".join(text_of(child, [])))
                if shown:
                    out.append(shown)
            else:
                paragraphs(child, out)
        return out

    logging.disable(logging.CRITICAL)
    try:
        document = ttconv_reader.to_model(ET.ElementTree(ET.fromstring(text.encode())))
        sequence = ISD.generate_isd_sequence(document)
    finally:
        logging.disable(logging.NOTSET)
    moments: Moments = []
    for at, isd in sequence:
        shown: list[str] = []
        for region in isd.iter_regions():
            paragraphs(region, shown)
        moments.append((_ms(at), tuple(sorted(shown))))
    if moments and moments[-1][1]:  # shown without end: ttconv's SRT writer ends it 10 s later, as we do
        moments.append((moments[-1][0] + reader.INDEFINITE_TAIL, ()))
    return _merged(moments)


_TAG = re.compile(r"<(/?)([ibu])>")


def _our_styled(line: str) -> str:
    out, flags, at = [], [], 0
    for found in _TAG.finditer(line):
        out.append(_styled(line[at:found.start()], "".join(sorted(flags, key="ibu".index))))
        if found.group(1):
            flags.remove(found.group(2))
        else:
            flags.append(found.group(2))
        at = found.end()
    out.append(_styled(line[at:], "".join(sorted(flags, key="ibu".index))))
    return "".join(out)


def our_moments(cues: list[Cue], styled: bool = False) -> Moments:
    times_ = sorted({cue.start for cue in cues} | {cue.end for cue in cues})
    render = (lambda lines: "\n".join(_our_styled(line) for line in lines)) if styled else \
        (lambda lines: strip_tags("\n".join(lines)))
    moments = [(at, tuple(sorted(_normal(render(cue.lines)) for cue in cues
                                 if cue.start <= at < cue.end and cue.lines))) for at in times_]
    return _merged(moments)


def test_the_samples_are_all_there() -> None:
    assert len(SAMPLES) == 66
    assert (DATA / "NOTICE").is_file() and len(list((DATA / "LICENSES").iterdir())) == 3


@pytest.mark.parametrize("path", SAMPLES, ids=lambda path: path.name)
def test_every_sample_shows_what_ttconv_shows(path: Path) -> None:
    pytest.importorskip("ttconv")
    text = path.read_text(encoding="utf-8")
    assert ttml.sniff(text)
    transcript = read(text)
    assert transcript.cues
    assert our_moments(transcript.cues, styled=True) == ttconv_moments(text, styled=True)


def test_ttconv_and_we_differ_on_a_timed_div_whose_children_end_by_themselves() -> None:
    pytest.importorskip("ttconv")
    text = f'<tt xmlns="{TT}" xml:lang="en"><body><div begin="10s"><p end="5s">A</p></div></body></tt>'
    assert [(c.start, c.end, c.lines) for c in read(text).cues or []] == [(10_000, 15_000, ["A"])]
    assert ttconv_moments(text) == []  # ttconv shows nothing


STYLES = [("fontStyle", ["italic", "normal", "oblique"]), ("fontWeight", ["bold", "normal"]),
          ("textDecoration", ["underline", "noUnderline", "none", "lineThrough"])]
HEAD_STYLES = ('<head><styling><style xml:id="s1" tts:fontStyle="italic"/><style xml:id="s2" style="s1" '
               'tts:fontWeight="bold"/><style xml:id="s3" tts:textDecoration="underline" tts:fontStyle="normal"/>'
               '</styling><layout><region xml:id="r1" tts:fontStyle="italic" tts:origin="0% 0%" tts:extent="100% 20%"/>'
               '<region xml:id="r2" style="s3" begin="1s" end="4s"/><region xml:id="r3" tts:display="none"/>'
               "</layout></head>")
TIMES = ["0s", "1s", "2s", "500ms", "3s", "00:00:04.000", "1.5s", "5s", "24f", "30t"]


def _random_element(r: random.Random, kind: str, depth: int) -> str:
    """A random div, p or span: par or seq, begin (always with an end or a dur: ttconv takes the implicit
    end of a parent that begins late in the wrong time frame, see above), text, spans, br."""
    attributes = []
    if kind != "body" and r.random() < 0.2:
        attributes.append('timeContainer="seq"')
    begin, end = r.random() < 0.5, r.random() < 0.5
    if begin:
        attributes.append(f'begin="{r.choice(TIMES)}"')
    if end:
        attributes.append(f'end="{r.choice(TIMES)}"')
    if r.random() < 0.3 or begin and not end:
        attributes.append(f'dur="{r.choice(TIMES)}"')
    for name, values in STYLES:
        if r.random() < 0.15:
            attributes.append(f'tts:{name}="{r.choice(values)}"')
    if r.random() < 0.15:
        attributes.append(f'style="{" ".join(r.sample(["s1", "s2", "s3"], r.randint(1, 2)))}"')
    if r.random() < (0.7 if kind == "body" else 0.1):
        attributes.append(f'region="{r.choice(["r1", "r2", "r3"])}"')
    if kind != "body" and r.random() < 0.1:
        attributes.append('xml:space="preserve"')
    opening = f"<{kind} " + " ".join(attributes) + ">" if attributes else f"<{kind}>"
    if kind in ("body", "div"):
        children = [_random_element(r, "div" if kind == "body" else r.choice(["div", "p", "p"]) if depth < 3 else "p",
                                    depth + 1)
                    for _ in range(r.randint(1, 3))]
        return opening + "".join(children) + f"</{kind}>"
    parts = [r.choice(["a", "b c", "dd "])] if r.random() < 0.7 else []
    for _ in range(r.randint(0, 3)):
        roll = r.random()
        if roll < 0.5 and depth < 5:
            parts.append(_random_element(r, "span", depth + 1))
        elif roll < 0.7:
            parts.append("<br/>")
        if r.random() < 0.5:
            parts.append(r.choice([" x", "y ", "z"]))
    return opening + "".join(parts) + f"</{kind}>"


@settings(max_examples=120, deadline=None)
@given(st.randoms(use_true_random=False))
def test_random_timing_trees_show_what_ttconv_shows(r: random.Random) -> None:
    """par and seq containers nested at random, begin, end and dur everywhere, timed spans, br, italic, bold
    and underline specified, referenced (and chained) and inherited (from regions too), regions timed and
    hidden, preserved white space."""
    pytest.importorskip("ttconv")
    text = (f'<tt xmlns="{TT}" xmlns:ttp="{TTP}" xmlns:tts="{TTS}" ttp:frameRate="24" ttp:tickRate="10" '
            f'xml:lang="en">{HEAD_STYLES}' + _random_element(r, "body", 0) + "</tt>")
    try:
        theirs = ttconv_moments(text, styled=True)
    except TypeError:  # ttconv fails on a seq container whose child has no end; we read it (later ones never begin)
        reject()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", scribekit.ScribekitWarning)  # content in no region is left out, and said
        cues = reader.read(text).cues or []
    assert our_moments(cues, styled=True) == theirs, text


# --- what the samples show -------------------------------------------------------------------

def _sample(name: str) -> list[Cue]:
    path = next(path for path in SAMPLES if path.name == name)
    return read(path.read_text(encoding="utf-8")).cues or []


def test_words_added_one_by_one_are_a_cue_each_step() -> None:
    cues = _sample("cumulative-words-001.ttml")
    assert [(c.start, c.end, c.lines) for c in cues] == [
        (0, 2000, ["These"]), (2000, 4000, ["These words"]), (4000, 6000, ["These words appear"]),
        (6000, 10_000, ["These words appear step-by-step."])]


def test_regions_in_the_upper_part_put_cues_at_the_top() -> None:
    cues = _sample("four-active-regions-001-ttml.xml")[:4]
    assert [(c.lines[0], (c.style or {}).get("position")) for c in cues] == [
        ("start/before", "top"), ("end/before", "top"), ("start/after", None), ("end/after", None)]
    assert _sample("DisplayAlign001.ttml")[0].style == {"position": "top"}
    assert _sample("Br001.ttml")[0].style is None  # the default region: where the player puts it


def test_italic_and_bold_from_styles_referenced_chained_and_inherited() -> None:
    assert _sample("idrefs-style-001.ttml")[0].lines == [
        "<i><b>Should be: background black, text: bold, italic, yellow color</b></i>"]
    assert _sample("styleInheritance-001.ttml")[0].lines == ["<i>Inherited styles</i>"]
    assert _sample("FontStyle001.ttml")[0].lines == ["<i>The last words must</i> not be italic<i>.</i>"]


def test_time_expressions_of_every_form() -> None:
    cues = _sample("TimeExpressions001.ttml")
    durations = [c.end - c.start for c in cues]
    assert durations == [1200, 72_000, 4_320_000, 1001, 2000, 3_723_000, 3_723_235, 3_723_235, 3_723_834,
                         360_000_100, 360_000_000]


def test_ruby_follows_its_base_and_preserved_space_breaks_lines() -> None:
    assert _sample("ruby001.ttml")[0].lines == ["利用許諾（ライセンス）"]
    assert _sample("space-preserve-001.ttml")[0].lines == ["Two-", "line Subtitle."]


def test_a_region_active_for_a_while_shows_its_content_only_then() -> None:
    cues = _sample("region-timing.ttml")
    assert [(c.start, c.end) for c in cues] == [(0, 10_000), (10_000, 15_000), (10_000, 20_000),
                                                 (12_000, 18_000), (16_000, 20_000)]


def test_an_untimed_document_is_shown_ten_seconds() -> None:
    cues = _sample("unicode-non-bmp-character.ttml")
    assert [(c.start, c.end, c.lines) for c in cues] == [(0, 10_000, ["Hello, I am Mork from Ork 😀"])]


def test_language_speakers_and_source() -> None:
    text = (f'<tt xmlns="{TT}" xmlns:ttm="{TTM}" xml:lang="de-CH"><head><metadata>'
            '<ttm:agent xml:id="a1" type="person"><ttm:name type="full">Anna Muster</ttm:name></ttm:agent>'
            '<ttm:agent xml:id="a2" type="person"/></metadata></head><body><div>'
            '<p begin="1s" end="2s" ttm:agent="a1">Hallo</p><p begin="2s" end="3s" ttm:agent="a2">Ja</p>'
            '<p begin="3s" end="4s"><span ttm:agent="a1">Also</span></p>'
            '<p begin="4s" end="5s"><span ttm:agent="a1">A</span> <span ttm:agent="a2">B</span></p>'
            '</div></body></tt>')
    transcript = read(text)
    assert transcript.metadata.language == "de-CH" and transcript.metadata.source == "ttml"
    assert [c.speaker for c in transcript.cues or []] == ["Anna Muster", "a2", "Anna Muster", None]
    assert [s.name for s in transcript.speakers] == ["Anna Muster", "a2"]


def test_a_paragraph_of_no_text_is_a_cue_of_no_lines() -> None:
    text = f'<tt xmlns="{TT}"><body><div><p begin="1s" end="2s"/><p begin="2s" end="3s">  </p></div></body></tt>'
    assert [(c.start, c.end, c.lines) for c in read(text).cues or []] == [(1000, 2000, []), (2000, 3000, [])]


def test_seq_containers_nested_times_and_br() -> None:
    text = (f'<tt xmlns="{TT}" xml:lang="en"><body begin="1s"><div timeContainer="seq" begin="1s">'
            '<p dur="2s">A<br/>B</p><p begin="1s" dur="500ms">C</p><p end="1s">D</p></div>'
            '<div begin="00:00:10.000" end="20s"><p begin="2s" end="30s">E</p><p>F</p></div>'
            '<div begin="30s"><p>G <span begin="1s">H</span></p></div></body></tt>')
    cues = read(text).cues or []
    assert [(c.start, c.end, c.lines) for c in cues] == [
        (2000, 4000, ["A", "B"]), (5000, 5500, ["C"]), (5500, 6500, ["D"]), (11_000, 21_000, ["F"]),
        (13_000, 21_000, ["E"]), (31_000, 32_000, ["G"]), (32_000, 42_000, ["G H"])]


def test_white_space_is_collapsed_and_trimmed_unless_preserved() -> None:
    text = (f'<tt xmlns="{TT}" xmlns:tts="{TTS}" xml:lang="en"><body><div>'
            '<p begin="0s" end="1s">\n   Hello\n   <span tts:fontStyle="italic"> big </span>  world\n'
            '<br/>  again  </p>'
            '<p begin="1s" end="2s" xml:space="preserve">a  b\nc</p>'
            '<p begin="2s" end="3s"><span tts:textDecoration="underline">u</span>'
            '<span tts:fontWeight="bold">b</span><!-- a comment --> tail</p></div></body></tt>')
    cues = read(text).cues or []
    assert [c.lines for c in cues] == [["Hello <i>big</i> world", "again"], ["a  b", "c"], ["<u>u</u><b>b</b> tail"]]


def test_content_in_no_region_is_not_shown_when_the_document_has_regions() -> None:
    text = (f'<tt xmlns="{TT}" xmlns:tts="{TTS}" xml:lang="en"><head><layout>'
            '<region xml:id="r" tts:origin="0% 80%" tts:extent="100% 20%"/></layout></head><body><div>'
            '<p begin="0s" end="1s">nowhere</p><p begin="1s" end="2s" region="r">here</p>'
            '<p begin="2s" end="3s" region="missing">gone</p></div></body></tt>')
    with pytest.warns(scribekit.ScribekitWarning, match="2 paragraph.s. left out, the first p 1: text in no region"):
        assert [c.lines for c in reader.read(text).cues or []] == [["here"]]
    # without regions in the head, everything is in the default region, a region= naming none too
    text = f'<tt xmlns="{TT}"><body><div><p begin="0s" end="1s" region="missing">shown</p></div></body></tt>'
    assert [c.lines for c in read(text).cues or []] == [["shown"]]


def test_the_old_dfxp_namespaces_read() -> None:
    for namespace in reader.NAMESPACES[1:]:
        text = (f'<?xml version="1.0"?>\n<tt xmlns="{namespace}" xmlns:tts="{namespace}#styling" xml:lang="en">'
                f'<body><div><p begin="1s" end="2s" tts:fontStyle="italic">Hi</p></div></body></tt>')
        assert ttml.sniff(text)
        assert [c.lines for c in read(text).cues or []] == [["<i>Hi</i>"]]


@pytest.mark.parametrize("text", [
    "<tt/>", '<tt xmlns="http://example.com/tt"/>', '<?xml version="1.0"?><AudioDoc/>', "1\n00:00:01,000 --> x",
    '<!-- <tt xmlns="http://www.w3.org/ns/ttml"> --><other/>'])
def test_sniff_says_no_to_what_is_not_ttml(text: str) -> None:
    assert not ttml.sniff(text)


def test_sniff_looks_past_the_declaration_and_comments() -> None:
    assert ttml.sniff(f'\ufeff<?xml version="1.0"?>\n<!-- made by hand -->\n<tt:tt xmlns:tt="{TT}"/>')


# --- time expressions -------------------------------------------------------------------------

def test_times_of_every_form() -> None:
    media = times.Timing()
    ntsc = times.timing_of({"frameRate": "30", "frameRateMultiplier": "1000 1001", "subFrameRate": "2"})
    smpte = times.timing_of({"timeBase": "smpte", "frameRate": "30", "frameRateMultiplier": "1000 1001",
                             "dropMode": "dropNTSC"})
    pal = times.timing_of({"timeBase": "smpte", "frameRate": "30", "frameRateMultiplier": "1000 1001",
                           "dropMode": "dropPAL"})
    cases = [("01:02:03", media, 3_723_000), ("01:02:03.5", media, 3_723_500), ("100:00:00.001", media, 360_000_001),
             ("1.5h", media, 5_400_000), ("2m", media, 120_000), ("3.25s", media, 3250), ("40ms", media, 40),
             ("15f", media, 500), ("2t", media, 2000), ("00:00:01:15", ntsc, 1501), ("00:00:00:01.1", ntsc, 50),
             ("30f", ntsc, 1001), ("60t", ntsc, 1001),  # TTML1 §6.2.10: ticks are sub-frames here
             ("00:01:00;02", smpte, 60_060), ("00:01:00:02", smpte, 60_060), ("01:00:00:00", smpte, 3_599_996),
             ("00:02:00:04", pal, 120_120), ("00:00:00:29", smpte, 968)]
    for value, timing, expected in cases:
        assert times.time_ms(value.replace(";", ":"), timing) == expected, value


@pytest.mark.parametrize(("value", "message"), [
    ("1:02:03", "not a TTML time expression"), ("00:60:00", "minutes and seconds"), ("00:00:00:30", "frame 30"),
    ("5 s", "not a TTML time expression"), ("-1s", "not a TTML time expression"),
    ("9" * 13 + "s", "out of range"), ("9" * 400 + "h", "out of range"), ("x" * 100_000, "not a TTML time")])
def test_a_bad_time_names_the_element_and_value(value: str, message: str) -> None:
    text = f'<tt xmlns="{TT}"><body><div><p begin="0s" end="1s">a</p><p begin="{value}">b</p></div></body></tt>'
    with pytest.raises(ReadError, match=message) as caught:
        reader.read(text)
    assert "p 2: begin" in str(caught.value) and len(str(caught.value)) < 300


def test_a_drop_frame_label_that_does_not_exist_is_an_error() -> None:
    text = (f'<tt xmlns="{TT}" xmlns:ttp="{TTP}" ttp:timeBase="smpte" ttp:frameRate="30" '
            'ttp:frameRateMultiplier="1000 1001" ttp:dropMode="dropNTSC"><body><div>'
            '<p begin="00:01:00:00" end="00:01:01:00">a</p></div></body></tt>')
    with pytest.raises(ReadError, match="p 1: begin '00:01:00:00': .*drop-frame"):
        reader.read(text)


@pytest.mark.parametrize("attributes", ['ttp:frameRate="0"', 'ttp:frameRateMultiplier="1000"',
                                        'ttp:timeBase="local"', 'ttp:dropMode="drop"', 'ttp:tickRate="x"'])
def test_bad_parameters_are_errors_naming_them(attributes: str) -> None:
    text = f'<tt xmlns="{TT}" xmlns:ttp="{TTP}" {attributes}><body/></tt>'
    with pytest.raises(ReadError, match="tt: ttp:"):
        reader.read(text)


# --- what others write ------------------------------------------------------------------------

def test_what_ttconv_writes_from_srt_reads_back() -> None:
    pytest.importorskip("ttconv")
    from ttconv.imsc import writer as imsc_writer
    from ttconv.srt import reader as srt_reader

    srt = ("1\n00:00:01,000 --> 00:00:02,500\nHello <i>there</i>\nsecond line\n\n"
           "2\n00:01:02,040 --> 00:01:05,000\n<b>Bold</b> & done\n\n")
    document = srt_reader.to_model(io.StringIO(srt))
    written = ET.tostring(imsc_writer.from_model(document).getroot(), encoding="unicode")
    cues = read(written).cues or []
    assert [(c.start, c.end, [strip_tags(line) for line in c.lines]) for c in cues] == [
        (1000, 2500, ["Hello there", "second line"]), (62_040, 65_000, ["Bold & done"])]
    assert "<i>there</i>" in cues[0].lines[0] and cues[1].lines[0].startswith("<b>Bold</b>")


SUBTITLE_EDIT = """<?xml version="1.0" encoding="utf-8" standalone="yes"?>
<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" ttp:timeBase="media"
    xmlns:tts="http://www.w3.org/ns/ttml#styling" xml:lang="en" xmlns:ttm="http://www.w3.org/ns/ttml#metadata">
  <head>
    <metadata>
      <ttm:title></ttm:title>
    </metadata>
    <styling>
      <style xml:id="s0" tts:backgroundColor="black" tts:fontStyle="normal" tts:fontSize="16px"
             tts:fontFamily="sansSerif" tts:color="white" />
    </styling>
    <layout>
      <region tts:extent="80% 40%" tts:origin="10% 10%" tts:displayAlign="before" tts:textAlign="center"
              xml:id="topCenter" />
      <region tts:extent="80% 40%" tts:origin="10% 50%" tts:displayAlign="after" tts:textAlign="center"
              xml:id="bottomCenter" />
    </layout>
  </head>
  <body style="s0">
    <div>
      <p begin="00:00:01.000" end="00:00:03.500" region="bottomCenter" xml:id="p0">First line<br />second <span
         tts:fontStyle="italic">line</span></p>
      <p begin="00:00:04.000" end="00:00:06.000" region="topCenter" xml:id="p1">At the top &amp; more</p>
    </div>
  </body>
</tt>
"""


def test_what_subtitle_edit_writes_reads() -> None:
    cues = read(SUBTITLE_EDIT).cues or []
    assert [(c.start, c.end, c.lines, c.style) for c in cues] == [
        (1000, 3500, ["First line", "second <i>line</i>"], None),
        (4000, 6000, ["At the top & more"], {"position": "top"})]
    assert scribekit.loads(SUBTITLE_EDIT).cues == cues  # detected as TTML


# --- an independent generator: cues -> TTML with random time expression forms -> our reader -----

RATES = [(24, None), (25, None), (30, "1000 1001"), (24, "1000 1001"), (60, "1000 1001"), (50, None)]
words = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "S"), exclude_characters="<>"),
                min_size=1, max_size=8)
line_text = st.lists(words, min_size=1, max_size=4).map(" ".join)


@st.composite
def documents(draw: st.DrawFn) -> tuple[bytes, list[tuple[int, int, list[str], dict[str, str] | None]]]:
    """A TTML document built with lxml, and the cues (times in ms, lines, style) it should read as."""
    from lxml import etree

    frame_rate, multiplier = draw(st.sampled_from(RATES))
    rate = Fraction(frame_rate) * (Fraction(*map(int, multiplier.split())) if multiplier else 1)
    tick_rate = draw(st.sampled_from([None, 1000, 10_000_000]))
    ticks = Fraction(tick_rate) if tick_rate else rate  # TTML1 §6.2.10 with a frame rate given
    tt = etree.Element(f"{{{TT}}}tt", nsmap={None: TT, "ttp": TTP, "tts": TTS})
    tt.set("{http://www.w3.org/XML/1998/namespace}lang", "en")
    tt.set(f"{{{TTP}}}frameRate", str(frame_rate))
    if multiplier:
        tt.set(f"{{{TTP}}}frameRateMultiplier", multiplier)
    if tick_rate:
        tt.set(f"{{{TTP}}}tickRate", str(tick_rate))
    head = etree.SubElement(tt, f"{{{TT}}}head")
    style = etree.SubElement(etree.SubElement(head, f"{{{TT}}}styling"), f"{{{TT}}}style")
    style.set("{http://www.w3.org/XML/1998/namespace}id", "slanted")
    style.set(f"{{{TTS}}}fontStyle", "italic")
    layout = etree.SubElement(head, f"{{{TT}}}layout")
    for name, origin in (("high", "10% 5%"), ("low", "10% 75%")):
        region = etree.SubElement(layout, f"{{{TT}}}region")
        region.set("{http://www.w3.org/XML/1998/namespace}id", name)
        region.set(f"{{{TTS}}}origin", origin)
        region.set(f"{{{TTS}}}extent", "80% 20%")
    body = etree.SubElement(tt, f"{{{TT}}}body")
    offset_frames = draw(st.integers(0, 2000))
    div = etree.SubElement(body, f"{{{TT}}}div")
    div.set("begin", f"{offset_frames}f")
    offset = Fraction(offset_frames) / rate
    expected = []
    at = Fraction(0)
    base = -(-rate.numerator // rate.denominator)
    for _ in range(draw(st.integers(1, 6))):
        gap = Fraction(draw(st.integers(0, 5000)), 1000)
        length = Fraction(draw(st.integers(1, 8000)), 1000)
        form = draw(st.sampled_from(sorted(UNITS) + ["timecode"]))
        p = etree.SubElement(div, f"{{{TT}}}p")
        place = draw(st.sampled_from(["high", "low"]))
        p.set("region", place)
        if form == "timecode":  # hh:mm:ss:ff, the frames added to real seconds (media time base)
            seconds = math.ceil(at + gap)
            later = seconds + math.ceil(length)
            frame, later_frame = draw(st.integers(0, base - 1)), draw(st.integers(0, base - 1))
            start, end = seconds + Fraction(frame) / rate, later + Fraction(later_frame) / rate
            p.set("begin", f"{_clock(seconds)}:{frame:02d}")
            p.set("end", f"{_clock(later)}:{later_frame:02d}")
        else:
            unit = UNITS[form] if form not in ("frames", "ticks") else 1 / (rate if form == "frames" else ticks)
            first = math.ceil((at + gap) / unit)
            last = first + max(1, math.ceil(length / unit))
            start, end = first * unit, last * unit
            p.set("begin", _expression(first, form))
            p.set("end", _expression(last, form))
        at = end
        lines = draw(st.lists(line_text, min_size=1, max_size=3))
        italic = draw(st.lists(st.booleans(), min_size=len(lines), max_size=len(lines)))
        holder = p
        for number, (line, slanted) in enumerate(zip(lines, italic)):
            if number:
                holder = etree.SubElement(p, f"{{{TT}}}br")
            if slanted:
                holder = etree.SubElement(p, f"{{{TT}}}span")
                if draw(st.booleans()):
                    holder.set(f"{{{TTS}}}fontStyle", "italic")
                else:
                    holder.set("style", "slanted")
                holder.text = line
            elif holder is p:
                p.text = line
            else:
                holder.tail = line
        expected.append((_ms(offset + start), _ms(offset + end),
                         [f"<i>{line}</i>" if slanted else line for line, slanted in zip(lines, italic)],
                         {"position": "top"} if place == "high" else None))
    return etree.tostring(tt, xml_declaration=True, encoding="utf-8"), expected


UNITS = {"clock": Fraction(1, 1000), "seconds": Fraction(1, 1000), "ms": Fraction(1, 1000),
         "minutes": Fraction(60, 1000), "hours": Fraction(3600, 1000), "frames": Fraction(0), "ticks": Fraction(0)}
"""Each form's unit in seconds (frames and ticks: the document's)."""


def _clock(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def _thousandths(count: int) -> str:
    return f"{count // 1000}.{count % 1000:03d}"


def _expression(count: int, form: str) -> str:
    """``count`` units of ``form`` as a time expression."""
    if form == "clock":
        return f"{_clock(count // 1000)}.{count % 1000:03d}"
    if form == "seconds":
        return f"{_thousandths(count)}s"
    if form == "minutes":
        return f"{_thousandths(count)}m"
    if form == "hours":
        return f"{_thousandths(count)}h"
    return f"{count}{ {'ms': 'ms', 'frames': 'f', 'ticks': 't'}[form]}"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_documents_of_an_independent_generator_read_back(
        case: tuple[bytes, list[tuple[int, int, list[str], dict[str, str] | None]]]) -> None:
    data, expected = case
    transcript = scribekit.loads(data)  # detected as TTML
    got = [(c.start, c.end, c.lines, c.style) for c in transcript.cues or []]
    assert len(got) == len(expected)
    for (start, end, lines, style), (want_start, want_end, want_lines, want_style) in zip(got, expected):
        assert abs(start - want_start) <= 1 and abs(end - want_end) <= 1
        assert lines == want_lines and style == want_style


# --- limits -----------------------------------------------------------------------------------

def test_deep_nesting_and_huge_documents_are_refused() -> None:
    deep = f'<tt xmlns="{TT}"><body><div><p begin="0s" end="1s">' + "<span>" * 150 + "a" + "</span>" * 150 + \
        "</p></div></body></tt>"
    with pytest.raises(ReadError, match="nested"):
        reader.read(deep)
    with pytest.raises(ReadError, match="tags"):
        reader.read(f'<tt xmlns="{TT}"><body><div>' + "<br/>" * (reader.MAX_TAGS + 1) + "</div></body></tt>")


def test_times_adding_up_past_the_bound_are_refused() -> None:
    big = "277000h"  # 997,200,000,000 ms: within the bound alone, beyond it twice over
    text = f'<tt xmlns="{TT}"><body begin="{big}"><div begin="{big}"><p end="1s">a</p></div></body></tt>'
    with pytest.raises(ReadError, match="out of range"):
        reader.read(text)


def test_describe_file_names_the_profile_and_the_timing() -> None:
    rows = dict(ttml.describe_file((DATA / "ebu-tt-d-irt" / "cellresolution-001-ttml.xml").read_bytes()))
    assert rows["profile"] == "EBU-TT-D (EBU Tech 3380); IMSC 1.0.1 Text Profile" and rows["languages"] == "en"
    rows = dict(ttml.describe_file(next(p for p in SAMPLES if p.name == "TimeExpressions001.ttml").read_bytes()))
    assert rows["profile"] == "IMSC 1.0.1 Text Profile" and rows["frame rate"] == "23.976"
    assert rows["tick rate"] == "60" and rows["paragraphs (p)"] == "11"
    smpte = (f'<tt xmlns="{TT}" xmlns:ttp="{TTP}" ttp:timeBase="smpte" ttp:frameRate="30" '
             'ttp:frameRateMultiplier="1000 1001" ttp:dropMode="dropNTSC" xml:lang="fr"><body/></tt>').encode()
    rows = dict(ttml.describe_file(smpte))
    assert rows["frame rate"] == "29.97 drop-frame (dropNTSC)" and rows["time base"] == "smpte"
    rows = dict(ttml.describe_file(next(p for p in SAMPLES if p.name == "shear001.ttml").read_bytes()))
    assert rows["profile"] == "IMSC 1.1 Text Profile" and "horizontal (top)" in rows["regions"]


def test_a_document_without_the_namespace_reads_when_named() -> None:
    text = '<tt xml:lang="en"><body><div><p begin="1s" end="2s">Hi<br/>there</p></div></body></tt>'
    assert not ttml.sniff(text)
    assert [(c.start, c.lines) for c in scribekit.loads(text, format="ttml").cues or []] == [(1000, ["Hi", "there"])]


def test_styled_spaces_make_no_empty_tags() -> None:
    text = (f'<tt xmlns="{TT}" xmlns:tts="{TTS}"><body><div><p begin="0s" end="1s">a<span tts:fontStyle="italic"> '
            '</span>b <span tts:fontWeight="bold">c</span></p></div></body></tt>')
    assert [c.lines for c in read(text).cues or []] == [["a b <b>c</b>"]]


def test_underline_is_set_and_cleared_down_the_tree() -> None:
    text = (f'<tt xmlns="{TT}" xmlns:tts="{TTS}"><body><div tts:textDecoration="underline"><p begin="0s" end="1s">'
            'a <span tts:textDecoration="lineThrough">b</span> <span tts:textDecoration="noUnderline">c</span> '
            '<span tts:textDecoration="none">d</span></p></div></body></tt>')
    assert [c.lines for c in read(text).cues or []] == [["<u>a b</u> c d"]]


def test_a_paragraph_of_no_duration_is_a_cue_of_none() -> None:
    text = (f'<tt xmlns="{TT}"><body><div><p begin="1s" end="1s">now <span begin="1s">then</span></p>'
            '</div><div end="2s"><p begin="2s" end="3s">never</p></div></body></tt>')
    assert [(c.start, c.end, c.lines) for c in read(text).cues or []] == [(1000, 1000, ["now"])]


def test_an_image_profile_document_is_refused_in_one_line() -> None:
    text = (f'<tt xmlns="{TT}" xmlns:ttp="{TTP}" xmlns:smpte="http://www.smpte-ra.org/schemas/2052-1/2010/smpte-tt" '
            'ttp:profile="http://www.w3.org/ns/ttml/profile/imsc1/image" xml:lang="en"><head><layout>'
            '<region xml:id="r" tts:origin="10% 80%" tts:extent="80% 10%" xmlns:tts="http://www.w3.org/ns/ttml#styling"/>'
            '</layout></head><body><div region="r" begin="1s" end="2s" smpte:backgroundImage="#img1"/></body></tt>')
    with pytest.raises(ReadError, match="IMSC Image Profile document: its subtitles are pictures"):
        reader.read(text)
    assert dict(ttml.describe_file(text.encode()))["profile"] == "IMSC 1.0.1 Image Profile"
