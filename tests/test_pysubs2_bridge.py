"""Formats read and written through pysubs2: detected by content, cues kept, markup mapped."""
from __future__ import annotations

import pysubs2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scribekit import Cue, ReadError, ScribekitWarning, Transcript, UnknownFormatError, dumps, loads

ASS = """[Script Info]
ScriptType: v4.00+

[V4+ Styles]
Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, \
Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, \
MarginV, Encoding
Style: Default,Arial,20,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,2,2,2,10,10,10,1

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
Dialogue: 0,0:00:01.50,0:00:03.00,Default,Anna,0,0,0,,Grüß {\\i1}Gott{\\i0}\\Nzweite Zeile
Comment: 0,0:00:02.00,0:00:03.00,Default,,0,0,0,,a translator's note
Dialogue: 0,0:00:04.00,0:00:05.25,Default,,0,0,0,,{\\an8}Oben
"""

SAMI = """<SAMI><HEAD><TITLE>t</TITLE></HEAD><BODY>
<SYNC Start=1000><P Class=ENCC>Hello<br>world
<SYNC Start=2500><P Class=ENCC>&nbsp;
</BODY></SAMI>
"""


def test_ass_is_detected_and_read_into_cues() -> None:
    transcript = loads(ASS)
    assert transcript.metadata.source == "ass"
    assert [(c.start, c.end) for c in transcript.cues or []] == [(1500, 3000), (4000, 5250)]
    first = (transcript.cues or [])[0]
    assert first.lines == ["Grüß <i>Gott</i>", "zweite Zeile"] and first.speaker == "Anna"
    assert (transcript.cues or [])[1].lines == ["Oben"]


def test_ass_cues_become_srt_style_text() -> None:
    transcript = loads(ASS)
    assert dumps(transcript, "txt") == "Grüß Gott zweite Zeile\n\nOben\n"


def test_sami_is_read() -> None:
    transcript = loads(SAMI)
    assert transcript.metadata.source == "sami"
    cues = transcript.cues or []
    assert cues[0].start == 1000 and 1000 < cues[0].end <= 2500  # pysubs2 decides where a SAMI cue ends
    assert " ".join(cues[0].lines).split() == ["Hello", "world"]


def test_microdvd_needs_a_frame_rate_from_the_file_or_the_user() -> None:
    declared = loads("{1}{1}25\n{0}{50}Hello|world\n")
    assert [(c.start, c.end, c.lines) for c in declared.cues or []] == [(0, 2000, ["Hello", "world"])]
    with pytest.raises(ReadError, match="--input-fps"):
        loads("{0}{50}Hello|world\n", format="microdvd")
    given_rate = loads("{0}{50}Hello\n", format="microdvd", fps=50)
    assert (given_rate.cues or [])[0].end == 1000


def test_microdvd_output_defaults_to_25_fps_and_says_so() -> None:
    transcript = Transcript(cues=[Cue(0, 1000, ["x"])])
    with pytest.warns(ScribekitWarning, match=r"25 frames a second \(the default, fps=25\)"):
        assert "{0}{25}x" in str(dumps(transcript, "microdvd"))
    assert "{0}{50}x" in str(dumps(transcript, "microdvd", fps=50))


def test_sami_cannot_be_written() -> None:
    with pytest.raises(UnknownFormatError, match="cannot write it"):
        dumps(Transcript(cues=[Cue(0, 1000, ["x"])]), "sami")


def test_garbage_for_a_named_bridge_format_is_a_read_error() -> None:
    with pytest.raises(ReadError):
        loads("this is not a subtitle file", format="ass")


line_text = st.text(alphabet="abcdefghij éüç", min_size=1, max_size=20).map(str.strip).filter(bool)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10_000_000), st.integers(10, 9_000), st.lists(line_text, min_size=1,
                                                                                         max_size=2)),
                min_size=1, max_size=8),
       st.sampled_from(["ass", "ssa", "ttml", "mpl2", "tmp"]))
def test_written_cues_read_back_by_pysubs2(raw: list[tuple[int, int, list[str]]], variant: str) -> None:
    cues = []
    for start, duration, lines in sorted(raw):
        cues.append(Cue(start // 10 * 10, (start + duration) // 10 * 10 + 10, lines))
    text = str(dumps(Transcript(cues=cues), variant))
    back = pysubs2.SSAFile.from_string(text, format_=variant)
    assert len(back) == len(cues)
    assert [" ".join(e.plaintext.split()) for e in back] == [" ".join(" ".join(c.lines).split()) for c in cues]
    if variant in ("ass", "ssa", "ttml"):
        assert [e.start for e in back] == [c.start for c in cues]
    loaded = loads(text, format=variant)
    assert len(loaded.cues or []) == len(cues)


def test_italics_map_to_ass_override_tags() -> None:
    text = str(dumps(Transcript(cues=[Cue(0, 1000, ["a <i>b</i>", "c"])]), "ass"))
    assert "a {\\i1}b{\\i0}\\Nc" in text
