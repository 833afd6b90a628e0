"""Where a cue sits on the picture, as the writers that place cues (TTML, SCC) ask it:
``markup.shown_at_top`` reads the shared ``style["position"]`` key first, then what the
file the cue came from said in its own terms."""
from __future__ import annotations

import pytest

from scribekit import loads
from scribekit.markup import shown_at_top


@pytest.mark.parametrize("override, top", [
    (r"{\an7}", True), (r"{\an8}", True), (r"{\an9}", True),
    (r"{\an1}", False), (r"{\an2}", False), (r"{\an5}", False),
    (r"{\a5}", True), (r"{\a6}", True), (r"{\a7}", True),
    (r"{\a1}", False), (r"{\a10}", False), (r"{\a11}", False),
    (r"{\i1\an8}", True), (r"{\pos(10,10)}", False),
])
def test_an_ass_override_in_srt_text_places_the_cue(override: str, top: bool) -> None:
    transcript = loads(f"1\n00:00:01,000 --> 00:00:02,000\n{override}Hello there\n".encode(), filename="a.srt")
    cue = transcript.cues[0]
    assert shown_at_top(cue.style, cue.lines) is top


@pytest.mark.parametrize("settings, top", [
    ("line:0", True), ("line:3", True), ("line:10%", True), ("line:49.5%", True),
    ("line:50%", False), ("line:90%", False), ("line:-1", False), ("line:-3", False),
    ("align:start position:10%", False), ("line:12", False),
])
def test_a_webvtt_line_setting_places_the_cue(settings: str, top: bool) -> None:
    transcript = loads(f"WEBVTT\n\n00:00:01.000 --> 00:00:02.000 {settings}\nHello\n".encode(), filename="a.vtt")
    cue = transcript.cues[0]
    assert shown_at_top(cue.style, cue.lines) is top


def test_the_shared_key_wins_over_the_files_own_terms() -> None:
    assert shown_at_top({"position": "top"}, ["Hello"])
    assert not shown_at_top({"position": "bottom"}, [r"{\an8}Hello"])
    assert not shown_at_top({"position": "bottom", "vtt_settings": "line:0"}, ["Hello"])
    assert not shown_at_top(None, [])
    assert not shown_at_top(None, ["Hello", r"{\an8}second line"])  # an override counts in the first line
