"""Hostile inputs of the TTML reader (tests/test_hostile.py runs them): nesting deeper than any
document, millions of tags, one paragraph of thousands of timed parts, times adding up past what
the model holds, impossible timecodes, style and region references that loop, documents cut short,
and values of megabytes that a message must not quote."""
from __future__ import annotations

from collections.abc import Callable

SIZE = 300_000
TT = '<tt xmlns="http://www.w3.org/ns/ttml" xmlns:tts="http://www.w3.org/ns/ttml#styling" ' \
     'xmlns:ttp="http://www.w3.org/ns/ttml#parameter" xml:lang="en"'


def _document(body: str, head: str = "", attributes: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?>\n{TT}{attributes}><head>{head}</head>'
            f"<body>{body}</body></tt>").encode()


def _cues(count: int) -> str:
    return "".join(f'<p begin="{n}s" end="{n + 1}s">cue {n}</p>' for n in range(count))


CASES: dict[str, Callable[[], bytes]] = {
    "ttml-deep-spans.ttml": lambda: _document('<div><p begin="0s" end="1s">' + "<span>" * 200 + "a"
                                              + "</span>" * 200 + "</p></div>"),
    "ttml-deeper-than-libxml2.ttml": lambda: _document("<div>" * 5000 + "</div>" * 5000),
    "ttml-too-many-tags.ttml": lambda: _document("<div><p>" + "<br/>" * 3_000_001 + "</p></div>"),
    "ttml-many-breaks.ttml": lambda: _document('<div><p begin="0s" end="1s">' + "a<br/>" * SIZE + "</p></div>"),
    "ttml-many-timed-words.ttml": lambda: _document('<div><p begin="0s" end="9000s">' + "".join(
        f'<span begin="{n}s">w{n} </span>' for n in range(5000)) + "</p></div>"),
    "ttml-timed-words-at-the-limit.ttml": lambda: _document('<div><p begin="0s" end="9000s">' + "".join(
        f'<span begin="{n}s">w{n} </span>' for n in range(490)) + "</p></div>"),
    "ttml-times-adding-past-the-bound.ttml": lambda: _document(
        '<div begin="277000h"><div begin="277000h"><p end="1s">a</p></div></div>'),
    "ttml-400-digit-hours.ttml": lambda: _document('<div><p begin="' + "9" * 400 + ':00:00" end="1s">a</p></div>'),
    "ttml-impossible-frame.ttml": lambda: _document('<div><p begin="00:00:01:99" end="00:00:02:00">a</p></div>',
                                                    attributes=' ttp:frameRate="25"'),
    "ttml-skipped-drop-frame-label.ttml": lambda: _document(
        '<div><p begin="00:01:00:00" end="00:01:02:00">a</p></div>',
        attributes=' ttp:timeBase="smpte" ttp:frameRate="30" ttp:frameRateMultiplier="1000 1001" '
                   'ttp:dropMode="dropNTSC"'),
    "ttml-zero-frame-rate.ttml": lambda: _document(_cues(2), attributes=' ttp:frameRate="0"'),
    "ttml-huge-multiplier.ttml": lambda: _document('<div><p begin="1f" end="99999f">a</p></div>', attributes=(
        ' ttp:frameRate="999999999" ttp:frameRateMultiplier="999999999 1"')),
    "ttml-style-loop.ttml": lambda: _document(
        '<div><p begin="0s" end="1s" style="s0">a</p></div>',
        "<styling>" + "".join(f'<style xml:id="s{n}" style="s{(n + 1) % 20000}" tts:fontStyle="italic"/>'
                              for n in range(20000)) + "</styling>"),
    "ttml-many-style-references.ttml": lambda: _document(
        "<div>" + '<p begin="0s" end="1s" style="' + "s " * SIZE + '">a</p></div>',
        '<styling><style xml:id="s" tts:fontWeight="bold"/></styling>'),
    "ttml-truncated.ttml": lambda: _document(_cues(50))[:700],
    "ttml-long-begin.ttml": lambda: _document('<div><p begin="' + "1" * SIZE + 's">a</p></div>'),
    "ttml-long-time-container.ttml": lambda: _document('<div timeContainer="' + "q" * SIZE + '">' + _cues(1)
                                                       + "</div>"),
    "ttml-long-region-origin.ttml": lambda: _document(
        '<div region="r">' + _cues(3) + "</div>",
        '<layout><region xml:id="r" tts:origin="' + "1" * SIZE + '% 5%" tts:extent="10% 10%"/></layout>'),
    "ttml-long-cell-resolution.ttml": lambda: _document(
        '<div region="r">' + _cues(2) + "</div>", '<layout><region xml:id="r" tts:origin="0c 2c"/></layout>',
        attributes=' ttp:cellResolution="32 ' + "9" * 5000 + '"'),
    "ttml-seq-of-many.ttml": lambda: _document('<div timeContainer="seq">' + "".join(
        f'<p dur="{n % 7 + 1}s">c{n}</p>' for n in range(SIZE // 30)) + "</div>"),
    "ttml-no-body.ttml": lambda: _document("").replace(b"<body></body>", b""),
}
