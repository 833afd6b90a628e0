"""Hostile inputs of the readers (tests/test_hostile.py runs them): numbers Python refuses to
convert or that overflow, times beyond what the model holds, UTF-16 cut short, shapes on which
a regular expression (ours, pysubs2's) or libxml2 takes quadratic time, deep nesting, and
messages that would quote megabytes."""
from __future__ import annotations

import json
from collections.abc import Callable

SIZE = 300_000
"""About the size of the large cases: each must still be answered within the harness's 2 s."""

DIGITS = "9" * 5000
"""More digits than Python turns into an int (its limit is 4300)."""

_CUE = "1\n00:00:01,000 --> 00:00:02,000\nHello\n\n"


def _json(document: object) -> bytes:
    return json.dumps(document).encode()


def _scribekit_json(start: str) -> bytes:
    return ('{"scribekit": 1, "segments": [{"speaker": null, "words": '
            f'[{{"text": "Hi", "start": {start}, "end": 2000}}]}}]}}').encode()


def _amberscript(start: str = "1.0", offset: str = "0") -> bytes:
    return ('{"id": "", "recordId": "", "filename": "a.mp3", "startTimeOffset": ' + offset +
            ', "speakers": [], "segments": [{"speaker": "spk1", "words": [{"start": ' + start +
            ', "end": 2.0, "text": "Hi", "conf": 1.0}]}], "highlights": []}').encode()


def _happyscribe(start: str) -> bytes:
    return ('[{"speaker": "Anna", "words": [{"text": "Hi", "type": "word", "data_start": ' + start +
            ', "data_end": 2.0, "confidence": 1.0}]}]').encode()


def _utf16_odd(codec: str) -> bytes:
    data = (_CUE * 50).encode(codec)
    return data + data[:1]  # an odd number of bytes, no byte-order mark


_SSA_HEAD = ("[Script Info]\nScriptType: v4.00+\n\n[V4+ Styles]\nFormat: Name, Fontname, Fontsize, PrimaryColour, "
             "SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, "
             "Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding\n"
             "Style: Default,Arial,20,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,2,2,2,"
             "10,10,10,1\n\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, "
             "Text\n")


def _ass(dialogue: str = "0,0:00:01.00,0:00:02.00,Default,,0,0,0,,Hello") -> str:
    return _SSA_HEAD + f"Dialogue: {dialogue}\n"


CASES: dict[str, Callable[[], bytes]] = {
    # Numbers Python refuses to convert, or that overflow on the way to milliseconds.
    "readers-json-5000-digits.json": lambda: _scribekit_json(DIGITS),
    "readers-json-4000-digits.json": lambda: _scribekit_json("9" * 4000),
    "readers-json-beyond-max-time.json": lambda: _scribekit_json("1" + "0" * 15),
    "readers-json-float-time.json": lambda: _scribekit_json("1e306"),
    "readers-amberscript-1e306-seconds.json": lambda: _amberscript("1e306"),
    "readers-amberscript-infinity.json": lambda: _amberscript("Infinity"),
    "readers-amberscript-4000-digit-seconds.json": lambda: _amberscript("9" * 4000),
    "readers-amberscript-offset-1e306.json": lambda: _amberscript(offset="1e306"),
    "readers-amberscript-offset-overflow.json": lambda: _amberscript("999999999", offset="999999999"),
    "readers-amberscript-duration-overflow.json": lambda: _amberscript().replace(
        b'"end": 2.0', b'"duration": 1.7e308').replace(b'"start": 1.0', b'"start": 1.7e308'),
    "readers-happyscribe-1e306-seconds.json": lambda: _happyscribe("1e306"),
    "readers-happyscribe-nan.json": lambda: _happyscribe("NaN"),
    "readers-srt-5000-digit-hours.srt": lambda: ("1\n" + DIGITS + ":00:01,000 --> 00:00:02,000\nHi\n").encode(),
    "readers-srt-5000-digit-milliseconds.srt": lambda: ("1\n00:00:01," + DIGITS + " --> 00:00:02,000\nHi\n").encode(),
    "readers-srt-25-digit-hours.srt": lambda: ("1\n" + "9" * 25 + ":00:01,000 --> 00:00:02,000\nHi\n").encode(),
    "readers-vtt-5000-digit-hours.vtt": lambda: ("WEBVTT\n\n" + DIGITS + ":00:01.000 --> 00:00:02.000\nHi\n").encode(),
    "readers-vtt-12-digit-hours.vtt": lambda: ("WEBVTT\n\n" + "9" * 12 + ":00:01.000 --> 00:00:02.000\nHi\n").encode(),
    "readers-ass-20-digit-hours.ass": lambda: _ass(f"0,0:00:01.00,{'9' * 20}:00:02.00,Default,,0,0,0,,Hi").encode(),
    "readers-ass-5000-digit-hours.ass": lambda: _ass(f"0,0:00:01.00,{DIGITS}:00:02.00,Default,,0,0,0,,Hi").encode(),
    "readers-ass-bad-style-fields.ass": lambda: _ass().replace(",10,10,10,1\n", ",x,y,z,w\n").encode(),
    "readers-microdvd-huge-frame.sub": lambda: ("{1}{1}25\n{25}{" + "9" * 30 + "}Hello\n").encode(),
    "readers-mpl2-huge-time.mpl": lambda: ("[10][" + "9" * 30 + "] Hello\n").encode(),
    "readers-sami-huge-start.smi": lambda: f"<SAMI><BODY><SYNC Start={'9' * 30}><P>Hello\n</BODY></SAMI>\n".encode(),
    "readers-ttml-huge-time.ttml": lambda: ('<tt xmlns="http://www.w3.org/ns/ttml"><body><div><p begin="'
                                            + "9" * 400 + 'h" end="' + "9" * 401 + 'h">Hi</p></div></body></tt>'
                                            ).encode(),
    "readers-premiere-huge-frame.xml": lambda: (
        '<?xml version="1.0"?>\n<xmeml version="4"><sequence><rate><timebase>25</timebase></rate>'
        "<marker><name>A</name><in>" + DIGITS + "</in><out>-1</out></marker></sequence></xmeml>").encode(),
    "readers-avid-markers-long-duration.txt": lambda: (
        "Anna\t01:00:01:00\tV1\tred\tHello\t" + "3- " * 2000 + "\n").encode(),
    # Text decoding.
    "readers-utf16le-odd-no-bom.srt": lambda: _utf16_odd("utf-16-le"),
    "readers-utf16be-odd-no-bom.srt": lambda: _utf16_odd("utf-16-be"),
    "readers-utf16le-odd-no-bom.json": lambda: _amberscript().decode().encode("utf-16-le") + b"\x00",
    "readers-utf16-lone-surrogate-no-bom.srt": lambda: _CUE.encode("utf-16-le") + b"\x00\xd8A\x00\n\x00",
    # Quadratic regular expressions and parsers.
    "readers-srt-spaces-colon.srt": lambda: ("1\n" + " " * SIZE + ":\n").encode(),
    "readers-srt-spaces-colon-after-cue.srt": lambda: (_CUE + " " * SIZE + ":\n").encode(),
    "readers-srt-dash-spaces.srt": lambda: (_CUE + "- " * (SIZE // 2) + "1:\n").encode(),
    "readers-srt-tabs-digit.srt": lambda: (_CUE + "\t" * SIZE + "1\t" + "\t" * 1000 + ":\n").encode(),
    "readers-srt-long-seconds-field.srt": lambda: (_CUE + "2\n00:00:" + "9" * SIZE + "\nHi\n").encode(),
    "readers-vtt-spaces-arrow.vtt": lambda: ("WEBVTT\n\n" + " " * SIZE + "-->\n").encode(),
    "readers-ass-open-section-heading.ass": lambda: (_ass() + "[" + "a" * SIZE + "\n").encode(),
    "readers-ssa-open-section-heading.ssa": lambda: (
        _ass().replace("v4.00+", "v4.00").replace("V4+", "V4") + "  [" + "a" * SIZE + "\n").encode(),
    "readers-ass-many-open-headings.ass": lambda: (_ass() + ("[" + "a" * 600 + "\n") * (SIZE // 600)).encode(),
    "readers-tmp-open-tag-spaces.tmp": lambda: ("00:00:01:<" + " " * SIZE + "\n").encode(),
    "readers-tmp-open-tags.tmp": lambda: ("00:00:01:" + "<a" * (SIZE // 2) + "\n").encode(),
    "readers-sami-many-breaks.smi": lambda: ("<SAMI><BODY><SYNC Start=1000><P>" + "a<br>" * (SIZE // 5)
                                              + "\n</BODY></SAMI>\n").encode(),
    "readers-sami-many-tags.smi": lambda: ("<SAMI><BODY><SYNC Start=1000><P>" + "<i>" * (SIZE // 3)).encode(),
    "readers-sami-many-syncs.smi": lambda: ("<SAMI><BODY>" + "<SYNC Start=1><P><i>" * (SIZE // 20)).encode(),
    "readers-xml-instruction-starts.xml": lambda: b"<?" * (SIZE // 2),
    "readers-xml-open-declaration.xml": lambda: ("<?xml" + " " * SIZE + "\n<AudioDoc/>").encode(),
    "readers-xml-open-declaration-version.xml": lambda: ('<?xml version="1.0"' + " " * SIZE + "\n").encode(),
    "readers-xmeml-open-declaration.xmeml": lambda: ("<?xml encoding=" + "\t" * SIZE).encode(),
    "readers-whisper-like-first-line.txt": lambda: ("[" + " -> " * (SIZE // 4)).encode(),
    "readers-whisper-like-first-line.ass": lambda: ("[" + " -> " * (SIZE // 4) + "\n" + _ass()).encode(),
    # Entities: refused before pysubs2's parser (expat) expands them up to its amplification limit.
    "readers-ttml-entity-expansion.ttml": lambda: (
        '<?xml version="1.0"?><!DOCTYPE tt [<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY {chr(98 + i)} "{f"&{chr(97 + i)};" * 10}">' for i in range(9))
        + ']><tt xmlns="http://www.w3.org/ns/ttml"><body><div><p begin="1s" end="2s">&j;</p></div></body></tt>'
    ).encode(),
    # Deep nesting.
    "readers-deep-json-lists.json": lambda: b"[" * SIZE,
    "readers-deep-json-objects.json": lambda: b'{"segments":' * (SIZE // 12),
    "readers-deep-xml.xml": lambda: b"<AudioDoc>" + b"<a>" * (SIZE // 3),
    "readers-deep-vtt-tags.vtt": lambda: ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n" + "<i>" * (SIZE // 3)
                                           + "\n").encode(),
    # Messages that would quote the input.
    "readers-srt-long-text-after-timing.srt": lambda: (
        "1\n00:00:01,000 --> 00:00:02,000 " + "x" * SIZE + "\nHi\n").encode(),
    "readers-srt-long-broken-timing.srt": lambda: (_CUE + "00:00:01,000 -> " + "x" * SIZE + " 00:00\n").encode(),
    "readers-srt-long-arrow.srt": lambda: ("1\n00:00:01,000 --" + " " * SIZE + "> 00:00:02,000\nHi\n").encode(),
    "readers-srt-long-identifier.srt": lambda: ("\n" + "x" * SIZE + "\n00:00:01,000 --> 00:00:02,000\nHi\n").encode(),
    "readers-xml-long-root-name.xml": lambda: ("<" + "a" * 40_000 + "/>").encode(),
    "readers-xmeml-long-root-name.xmeml": lambda: ('<?xml version="1.0"?><' + "a" * 40_000 + "/>").encode(),
    "readers-xml-long-tag-mismatch.xml": lambda: ("<AudioDoc><" + "a" * SIZE + "></b></AudioDoc>").encode(),
    "readers-amberscript-xml-long-stime.xml": lambda: (
        '<AudioDoc><SegmentList><SpeechSegment><word stime="' + "x" * SIZE
        + '" dur="1">Hi</word></SpeechSegment></SegmentList></AudioDoc>').encode(),
    "readers-ssa-long-bad-timestamp.ssa": lambda: _ass("0,0:0" + "[" * SIZE + ",0:00:02.00,Default,,0,0,0,,Hi")
    .replace("v4.00+", "v4.00").replace("V4+", "V4").encode(),
    "readers-ttml-long-bad-time.ttml": lambda: ('<tt xmlns="http://www.w3.org/ns/ttml"><body><div><p begin="'
                                                 + "x" * SIZE + '" end="2s">Hi</p></div></body></tt>').encode(),
}
