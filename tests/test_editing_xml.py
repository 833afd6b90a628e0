"""Premiere xmeml and FCPXML are written as text, cue by cue: the same bytes, and the same warnings, as
the lxml tree they were built as before (tests/editing_tree_writers.py), for any cues and options."""
from __future__ import annotations

import warnings
from collections.abc import Callable
from functools import partial
from typing import Any

from editing_tree_writers import fcpxml_tree, premiere_tree
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from shared import shared_path

from scribekit import Cue, Metadata, Speaker, Transcript
from scribekit.formats import fcpxml, premiere

DTDS = shared_path("reference", "fcpxml-dtd")

# Characters XML escapes, cannot hold, or keeps as they are; the markup cue text may carry.
_PIECES = st.sampled_from(["&", "<", ">", '"', "'", "\r", "\t", "\n", "\x00", "\x07", "\x0b", "\x1f", "\x7f", "\x85",
                           "\u2028", "\ud800", "\ufffe", "\uffff", "é", "漢", "😀", "…", "]]>", "&amp;", "&#13;",
                           "<i>", "</i>", "<b>", "</b>", "<u>", "</u>", "<I>", '<font color="red">', "</font>",
                           "{\\an8}", "<c.yellow>", "- ", "  ", " ", "word", "Tom & Jerry"])
_LINE = st.one_of(st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=12).map("".join),
                  st.integers(55, 300).map(lambda n: ("long words " * n)[:n]))
_SPEAKERS = [Speaker("a", "Ana"), Speaker("b", 'B <"&"> é'), Speaker("c", "bell\x07"), Speaker("d", "")]


@st.composite
def _cues(draw: st.DrawFn) -> list[Cue]:
    cues = []
    for _ in range(draw(st.integers(0, 12))):
        start = draw(st.integers(-3000, 60_000))
        end = start + draw(st.integers(-500, 8000))
        cues.append(Cue(start, end, draw(st.lists(_LINE, max_size=3)),
                        draw(st.sampled_from([None, "a", "b", "c", "d", "nobody"]))))
    return cues


def _transcript(draw: st.DrawFn, cues: list[Cue]) -> Transcript:
    filename = draw(st.sampled_from([None, "take.mp4", 'a "<&>" é.srt', "bell\x07.srt"]))
    language = draw(st.sampled_from([None, "en", "pt_BR", "fr-CA", "english", "x"]))
    return Transcript(cues=cues, speakers=_SPEAKERS, metadata=Metadata(filename=filename, language=language))


_TIMING = st.sampled_from([{}, {"fps": 23.976}, {"fps": 24, "start_timecode": "01:00:00:00"},
                           {"fps": 29.97, "start_timecode": "01:00:00;00"}, {"fps": 29.97, "drop_frame": True},
                           {"fps": 30, "start_timecode": "00:59:59:29"}, {"fps": 50}, {"fps": 59.94},
                           {"fps": 60, "start_timecode": "10:00:00:00"}])
_SIZES = st.sampled_from([{}, {"width": 1280, "height": 720}, {"width": 3840, "height": 2160},
                          {"width": 4096, "height": 2160}, {"width": 720, "height": 576}])
_TITLES = st.sampled_from([{}, {"title": 'My <show> & "friends" é'}, {"title": "tab\there\r\nbell\x07"}])


def _same(new: Callable[[], bytes], old: Callable[[], str]) -> bytes:
    """``new()``'s bytes, after checking they and their warnings are ``old()``'s."""
    with warnings.catch_warnings(record=True) as new_warnings:
        warnings.simplefilter("always")
        written = new()
    with warnings.catch_warnings(record=True) as old_warnings:
        warnings.simplefilter("always")
        expected = old()
    assert isinstance(written, bytes)
    assert written == expected.encode("utf-8")
    assert [(w.category, str(w.message)) for w in new_warnings] == [
        (w.category, str(w.message)) for w in old_warnings]
    return written


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_xmeml_is_the_tree_it_was(data: st.DataObject) -> None:
    cues = data.draw(_cues())
    transcript = _transcript(data.draw, cues)
    options = premiere.Options(**data.draw(_TIMING), **data.draw(_SIZES), **data.draw(_TITLES),
                               premiere_content=data.draw(st.sampled_from(["both", "captions", "markers",
                                                                           "markers, captions", "Captions"])),
                               markers_per=data.draw(st.sampled_from(["cue", "turn", "Turn"])))
    written = _same(lambda: premiere.write_cues(cues, transcript, options),
                    lambda: premiere_tree(cues, transcript, options))
    etree.fromstring(written)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_fcpxml_is_the_tree_it_was(data: st.DataObject) -> None:
    cues = data.draw(_cues())
    transcript = _transcript(data.draw, cues)
    version = data.draw(st.sampled_from(fcpxml.VERSIONS))
    extra: dict[str, Any] = {}
    if data.draw(st.booleans()):
        extra["language"] = data.draw(st.sampled_from(["de", "pt-BR", "zh_Hant"]))
    options = fcpxml.Options(**data.draw(_TIMING), **data.draw(_SIZES), **data.draw(_TITLES), **extra,
                             fcpxml_version=version,
                             fcpxml_content=data.draw(st.sampled_from(["captions,markers", "captions", "titles",
                                                                       "markers", "titles, markers", "both",
                                                                       "Markers,Titles"])),
                             fcpxml_caption_format=data.draw(st.sampled_from(["itt", "srt", "SRT"])),
                             markers_per=data.draw(st.sampled_from(["cue", "turn"])))
    written = _same(lambda: fcpxml.write_cues(cues, transcript, options),
                    lambda: fcpxml_tree(cues, transcript, options))
    root = etree.fromstring(written)
    if DTDS is not None:
        dtd = etree.DTD(str(DTDS / f"FCPXMLv1_{version.split('.')[1]}.dtd"))
        assert dtd.validate(root), dtd.error_log.filter_from_errors()


def test_no_cues_and_default_options() -> None:
    empty = Transcript()
    _same(lambda: premiere.write_cues([], empty, None), lambda: premiere_tree([], empty, None))
    for content in ("captions", "titles", "markers"):
        options = fcpxml.Options(fcpxml_content=content)
        written = _same(partial(fcpxml.write_cues, [], empty, options), partial(fcpxml_tree, [], empty, options))
        assert b'duration="1/25s"/>\n          </spine>' in written  # an empty gap closes itself
