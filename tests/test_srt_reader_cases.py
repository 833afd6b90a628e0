"""The tolerant SubRip reader branch by branch: each named case gives its exact cues (identifier,
times, lines) and its exact warnings (each kind of repair once, with its first line and a count)."""
from __future__ import annotations

import warnings

import pytest

import scribekit
from scribekit import ReadError, ScribekitWarning, Transcript
from scribekit.formats import srt
from scribekit.markup import Repairs
from scribekit.textio import cue_file_lines

T1 = "00:00:01,000 --> 00:00:02,000"
T2 = "00:00:03,000 --> 00:00:04,000"
T3 = "00:00:05,000 --> 00:00:06,000"

Row = tuple[str | None, int, int, list[str]]


def read_recording(text: str) -> tuple[Transcript, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        transcript = scribekit.loads(text, format="srt")
    return transcript, [str(w.message) for w in caught if issubclass(w.category, ScribekitWarning)]


def rows(transcript: Transcript) -> list[Row]:
    assert transcript.cues is not None
    return [(c.identifier, c.start, c.end, c.lines) for c in transcript.cues]


def case(name: str, text: str, cues: list[Row], messages: list[str]) -> object:
    return pytest.param(text, cues, messages, id=name)


CASES = [
    # --- what reads as usual, without a warning
    case("bom", f"\ufeff1\n{T1}\nBOM\n", [("1", 1000, 2000, ["BOM"])], []),
    case("crlf", f"1\r\n{T1}\r\nA\r\nB\r\n\r\n2\r\n{T2}\r\nC\r\n",
         [("1", 1000, 2000, ["A", "B"]), ("2", 3000, 4000, ["C"])], []),
    case("cr", f"1\r{T1}\rA\r\r2\r{T2}\rC\r", [("1", 1000, 2000, ["A"]), ("2", 3000, 4000, ["C"])], []),
    case("leading-blank-lines", f"\n\n\n1\n{T1}\nA\n", [("1", 1000, 2000, ["A"])], []),
    case("whitespace-only-line-before-the-first-cue", f"  \t\n1\n{T1}\nA\n", [("1", 1000, 2000, ["A"])], []),
    case("no-final-newline", f"1\n{T1}\nno final newline", [("1", 1000, 2000, ["no final newline"])], []),
    case("blank-lines-after-the-last-cue", f"1\n{T1}\nA\n\n\n\n", [("1", 1000, 2000, ["A"])], []),
    case("whitespace-only-last-line", f"1\n{T1}\nA\n \u00a0", [("1", 1000, 2000, ["A"])], []),
    case("several-blank-lines-between-cues", f"1\n{T1}\nA\n\n\n\n2\n{T2}\nB\n",
         [("1", 1000, 2000, ["A"]), ("2", 3000, 4000, ["B"])], []),
    case("whitespace-only-line-before-the-index", f"1\n{T1}\nA\n\u3000\n2\n{T2}\nB\n",
         [("1", 1000, 2000, ["A"]), ("2", 3000, 4000, ["B"])], []),
    case("empty-cue", f"1\n{T1}\n\n2\n{T2}\nB\n", [("1", 1000, 2000, []), ("2", 3000, 4000, ["B"])], []),
    case("empty-last-cue", f"1\n{T1}\n", [("1", 1000, 2000, [])], []),
    case("number-as-text", f"1\n{T1}\n42\n\n2\n{T2}\nB\n", [("1", 1000, 2000, ["42"]), ("2", 3000, 4000, ["B"])], []),
    case("times-in-text", f"1\n{T1}\n10:30 -> 11:00 lunch\n", [("1", 1000, 2000, ["10:30 -> 11:00 lunch"])], []),
    case("start-without-hours-or-milliseconds-is-text", f"1\n{T1}\n10:30 --> 00:00:02,000\n",
         [("1", 1000, 2000, ["10:30 --> 00:00:02,000"])], []),
    case("one-digit-fields", "1\n0:0:1,000 --> 0:1:2,000\nA\n", [("1", 1000, 62000, ["A"])], []),
    case("every-field-counts", "7\n12:34:56,789 --> 23:45:01,234\nA\n",
         [("7", 45_296_789, 85_501_234, ["A"])], []),
    case("every-field-counts-tolerant", "7\n2:34:56,789 --> 3:45:01,234\nA\n",
         [("7", 9_296_789, 13_501_234, ["A"])], []),
    case("hours-past-99", "1\n123:00:00,000 --> 123:00:01,000\nA\n", [("1", 442_800_000, 442_801_000, ["A"])], []),
    case("minutes-and-seconds-of-59", "1\n0:59:59,000 --> 0:59:59,999\nA\n", [("1", 3_599_000, 3_599_999, ["A"])], []),
    case("spaces-around-the-timing", f"1\n  {T1} \t\nA\n", [("1", 1000, 2000, ["A"])], []),
    case("balanced-tags-in-any-case", f"1\n{T1}\n<I>a</i> <B>b</b>\n<u>c</U> a < b\n",
         [("1", 1000, 2000, ["<I>a</i> <B>b</b>", "<u>c</U> a < b"])], []),
    case("coordinates", f"1\n{T1} X1:100 X2:600 Y1:40 Y2:80\nA\n", [("1", 1000, 2000, ["A"])], []),
    # --- the index line
    case("no-index", f"{T1}\nA\n\n{T2}\nB\n", [(None, 1000, 2000, ["A"]), (None, 3000, 4000, ["B"])],
         ["line 1: cue without an index number (and 1 more like it)"]),
    case("blank-line-then-timing-line", f"1\n{T1}\nA\n\n{T2}\nB\n",
         [("1", 1000, 2000, ["A"]), (None, 3000, 4000, ["B"])], ["line 5: cue without an index number"]),
    case("non-numeric-index", f"1\n{T1}\nA\n\nsecond\n{T2}\nB\n",
         [("1", 1000, 2000, ["A"]), ("second", 3000, 4000, ["B"])],
         ["line 5: non-numeric index kept as the cue identifier: 'second'"]),
    case("non-numeric-index-on-the-first-line", f"intro\n{T1}\nA\n",
         [("intro", 1000, 2000, ["A"])], ["line 1: non-numeric index kept as the cue identifier: 'intro'"]),
    case("long-non-numeric-index-quoted-in-part", f"1\n{T1}\nA\n\n{'x' * 19}yz\n{T2}\nB\n",
         [("1", 1000, 2000, ["A"]), ("x" * 19 + "yz", 3000, 4000, ["B"])],
         [f"line 5: non-numeric index kept as the cue identifier: '{'x' * 19}y'"]),
    case("non-numeric-index-on-the-first-line-and-no-final-newline", f"intro\n{T1}\nA",
         [("intro", 1000, 2000, ["A"])], ["line 1: non-numeric index kept as the cue identifier: 'intro'"]),
    case("timing-line-first-and-no-final-newline", f"{T1}\nA", [(None, 1000, 2000, ["A"])],
         ["line 1: cue without an index number"]),
    case("non-numeric-index-after-an-empty-cue", f"1\n{T1}\n\nsecond\n{T2}\nB\n",
         [("1", 1000, 2000, []), ("second", 3000, 4000, ["B"])],
         ["line 4: non-numeric index kept as the cue identifier: 'second'"]),
    case("non-numeric-index-after-a-whitespace-only-line", f"1\n{T1}\nA\n\u00a0\nsecond\n{T2}\nB\n",
         [("1", 1000, 2000, ["A"]), ("second", 3000, 4000, ["B"])],
         ["line 5: non-numeric index kept as the cue identifier: 'second'"]),
    # --- a missing blank line
    case("missing-blank-line", f"1\n{T1}\nA\n2\n{T2}\nB\n",
         [("1", 1000, 2000, ["A"]), ("2", 3000, 4000, ["B"])], ["line 4: missing blank line between cues"]),
    case("timing-line-right-after-text", f"1\n{T1}\nA\n{T2}\nB\n",
         [("1", 1000, 2000, ["A"]), (None, 3000, 4000, ["B"])],
         ["line 4: missing blank line between cues", "line 4: cue without an index number"]),
    case("text-then-non-numeric-line-then-timing-line", f"1\n{T1}\nA\nsecond\n{T2}\nB\n",
         [("1", 1000, 2000, ["A", "second"]), (None, 3000, 4000, ["B"])],
         ["line 5: missing blank line between cues", "line 5: cue without an index number"]),
    case("two-timing-lines-in-a-row", f"1\n{T1}\n{T2}\nB\n",
         [("1", 1000, 2000, []), (None, 3000, 4000, ["B"])],
         ["line 3: missing blank line between cues", "line 3: cue without an index number"]),
    case("two-timing-lines-in-a-row-at-the-start", f"{T1}\n{T2}\nB\n",
         [(None, 1000, 2000, []), (None, 3000, 4000, ["B"])],
         ["line 1: cue without an index number (and 1 more like it)", "line 2: missing blank line between cues"]),
    case("index-right-after-the-timing-line", f"1\n{T1}\n2\n{T2}\nB\n",
         [("1", 1000, 2000, []), ("2", 3000, 4000, ["B"])], ["line 3: missing blank line between cues"]),
    # --- blank lines inside a cue
    case("blank-line-inside-text", f"1\n{T1}\nA\n\nB after a blank line\n\n2\n{T2}\nC\n",
         [("1", 1000, 2000, ["A", "B after a blank line"]), ("2", 3000, 4000, ["C"])],
         ["line 4: blank line inside cue text dropped (the text after it continues the cue)"]),
    case("blank-line-inside-the-last-cue", f"1\n{T1}\nA\n\nB\n\n",
         [("1", 1000, 2000, ["A", "B"])],
         ["line 4: blank line inside cue text dropped (the text after it continues the cue)"]),
    case("blank-line-then-a-number-line-inside-a-cue", f"1\n{T1}\nA\n\n42\nB\n\n2\n{T2}\nC\n",
         [("1", 1000, 2000, ["A", "42", "B"]), ("2", 3000, 4000, ["C"])],
         ["line 4: blank line inside cue text dropped (the text after it continues the cue)"]),
    case("blank-line-then-a-number-line-in-the-last-cue", f"1\n{T1}\nA\n\n42\n",
         [("1", 1000, 2000, ["A", "42"])],
         ["line 4: blank line inside cue text dropped (the text after it continues the cue)"]),
    case("first-line-of-the-text-empty", f"1\n{T1}\n\nA\n\n2\n{T2}\nB\n",
         [("1", 1000, 2000, ["A"]), ("2", 3000, 4000, ["B"])],
         ["line 3: blank line inside cue text dropped (the text after it continues the cue)"]),
    case("blank-line-inside-text-then-a-missing-blank-line", f"1\n{T1}\nA\n\nB\n2\n{T2}\nC\n",
         [("1", 1000, 2000, ["A", "B"]), ("2", 3000, 4000, ["C"])],
         ["line 4: blank line inside cue text dropped (the text after it continues the cue)",
          "line 6: missing blank line between cues"]),
    case("non-numeric-index-before-a-number-line", f"1\n{T1}\nA\n\nsecond\n{T2}\n42\n",
         [("1", 1000, 2000, ["A"]), ("second", 3000, 4000, ["42"])],
         ["line 5: non-numeric index kept as the cue identifier: 'second'"]),
    case("last-line-of-the-text-empty", f"1\n{T1}\nA\n\n\n2\n{T2}\nB\n",
         [("1", 1000, 2000, ["A"]), ("2", 3000, 4000, ["B"])], []),
    case("whitespace-only-line-inside-text", f"1\n{T1}\nA\n\u00a0\nB\n\n2\n{T2}\nC\n",
         [("1", 1000, 2000, ["A", "B"]), ("2", 3000, 4000, ["C"])],
         ["line 4: blank line inside cue text dropped (the text after it continues the cue)"]),
    case("whitespace-only-line-inside-the-last-cue", f"1\n{T1}\nA\n \nB\n \n",
         [("1", 1000, 2000, ["A", "B"])],
         ["line 4: blank line inside cue text dropped (the text after it continues the cue)"]),
    case("blank-lines-inside-two-cues", f"1\n{T1}\nA\n\nB\n\n2\n{T2}\n\nC\n",
         [("1", 1000, 2000, ["A", "B"]), ("2", 3000, 4000, ["C"])],
         ["line 4: blank line inside cue text dropped (the text after it continues the cue) (and 1 more like it)"]),
    # --- text before the first cue
    case("text-before-first-cue", f"Title of the film\n\n1\n{T1}\nA\n",
         [("1", 1000, 2000, ["A"])], ["line 1: ignored text before the first cue: 'Title of the film'"]),
    case("text-before-the-first-cue-after-a-blank-line", f"\nTitle\n\n1\n{T1}\nA\n",
         [("1", 1000, 2000, ["A"])], ["line 2: ignored text before the first cue: 'Title'"]),
    case("text-right-before-the-first-index", f"Title\n1\n{T1}\nA\n",
         [("1", 1000, 2000, ["A"])], ["line 1: ignored text before the first cue: 'Title'"]),
    case("text-right-before-the-first-timing-line", f"Title\nintro\n{T1}\nA\n",
         [(None, 1000, 2000, ["A"])],
         ["line 1: ignored text before the first cue: 'Title' (and 1 more like it)",
          "line 3: cue without an index number"]),
    case("text-and-a-blank-line-before-the-first-timing-line", f"Title\n\n{T1}\nA\n",
         [(None, 1000, 2000, ["A"])],
         ["line 1: ignored text before the first cue: 'Title'", "line 3: cue without an index number"]),
    case("text-and-a-non-numeric-index-before-the-first-cue", f"Title\n\nintro\n{T1}\nA\n",
         [("intro", 1000, 2000, ["A"])],
         ["line 1: ignored text before the first cue: 'Title'",
          "line 3: non-numeric index kept as the cue identifier: 'intro'"]),
    case("long-text-before-the-first-cue-quoted-in-part", f"  {'t' * 39}uv  \n\n1\n{T1}\nA\n",
         [("1", 1000, 2000, ["A"])], [f"line 1: ignored text before the first cue: '{'t' * 39}u'"]),
    # --- the times
    case("dot", "1\n00:00:01.000 --> 00:00:02.500\nA\n", [("1", 1000, 2500, ["A"])],
         ["line 2: '.' instead of ',' before the milliseconds (and 1 more like it)"]),
    case("short-milliseconds", "1\n00:00:01,5 --> 00:00:02,25\nA\n", [("1", 1500, 2250, ["A"])],
         ["line 2: millisecond field of 1 digit(s) read as a fraction of a second (,5 = 500 ms)",
          "line 2: millisecond field of 2 digit(s) read as a fraction of a second (,25 = 250 ms)"]),
    case("long-milliseconds", "1\n00:00:01,2345 --> 00:00:02,000\nA\n", [("1", 1235, 2000, ["A"])],
         ["line 2: millisecond field of 4 digit(s) read as a fraction of a second (,2345 = 235 ms)"]),
    case("long-milliseconds-rounded-down", "1\n00:00:01,2344 --> 00:00:02,000\nA\n", [("1", 1234, 2000, ["A"])],
         ["line 2: millisecond field of 4 digit(s) read as a fraction of a second (,2344 = 234 ms)"]),
    case("long-milliseconds-rounded-up-to-the-next-second", "1\n00:00:01,9995 --> 00:00:02,000\nA\n",
         [("1", 2000, 2000, ["A"])],
         ["line 2: millisecond field of 4 digit(s) read as a fraction of a second (,9995 = 1000 ms)"]),
    case("five-digit-milliseconds", "1\n00:00:01,12355 --> 00:00:02,98765\nA\n", [("1", 1124, 2988, ["A"])],
         ["line 2: millisecond field of 5 digit(s) read as a fraction of a second (,12355 = 124 ms)"
          " (and 1 more like it)"]),
    case("seven-digit-milliseconds", "1\n00:00:01,1234999 --> 00:00:02,000\nA\n", [("1", 1123, 2000, ["A"])],
         ["line 2: millisecond field of 7 digit(s) read as a fraction of a second (,1234999 = 123 ms)"]),
    case("three-digit-milliseconds-after-a-dot", "1\n00:00:01.007 --> 00:00:02.070\nA\n",
         [("1", 1007, 2070, ["A"])], ["line 2: '.' instead of ',' before the milliseconds (and 1 more like it)"]),
    case("no-milliseconds", "1\n00:00:01 --> 00:00:02\nA\n", [("1", 1000, 2000, ["A"])],
         ["line 2: time without milliseconds read as ,000 (and 1 more like it)"]),
    case("no-hours", "1\n00:01,500 --> 00:02,000\nA\n", [("1", 1500, 2000, ["A"])],
         ["line 2: time without hours read as MM:SS (and 1 more like it)"]),
    case("no-hours-at-the-end-only", "1\n0:00:01,500 --> 01:02,000\nA\n", [("1", 1500, 62000, ["A"])],
         ["line 2: time without hours read as MM:SS"]),
    case("no-milliseconds-at-the-start-only", "1\n0:00:01 --> 0:00:02,000\nA\n", [("1", 1000, 2000, ["A"])],
         ["line 2: time without milliseconds read as ,000"]),
    case("minutes-of-60", "1\n0:60:00,000 --> 0:60:00,500\nA\n", [("1", 3_600_000, 3_600_500, ["A"])],
         ["line 2: minutes or seconds of 60 or more added up as they are (and 1 more like it)"]),
    case("seconds-of-60", "1\n0:00:60,000 --> 0:01:00,000\nA\n", [("1", 60_000, 60_000, ["A"])],
         ["line 2: minutes or seconds of 60 or more added up as they are"]),
    case("well-formed-minutes-and-seconds-of-59", "1\n00:59:59,000 --> 00:59:59,999\nA\n",
         [("1", 3_599_000, 3_599_999, ["A"])], []),
    case("well-formed-start-minutes-of-60", "1\n00:60:00,000 --> 01:00:01,000\nA\n",
         [("1", 3_600_000, 3_601_000, ["A"])], ["line 2: minutes or seconds of 60 or more added up as they are"]),
    case("well-formed-start-seconds-of-60", "1\n00:00:60,000 --> 00:01:01,000\nA\n",
         [("1", 60_000, 61_000, ["A"])], ["line 2: minutes or seconds of 60 or more added up as they are"]),
    case("well-formed-end-minutes-of-60", "1\n00:59:00,000 --> 00:60:00,000\nA\n",
         [("1", 3_540_000, 3_600_000, ["A"])], ["line 2: minutes or seconds of 60 or more added up as they are"]),
    case("well-formed-end-seconds-of-60", "1\n00:00:59,000 --> 00:00:60,000\nA\n",
         [("1", 59_000, 60_000, ["A"])], ["line 2: minutes or seconds of 60 or more added up as they are"]),
    case("minutes-and-seconds-past-60-in-the-end-time", "1\n0:00:01,000 --> 0:75:99,000\nA\n",
         [("1", 1000, 4_599_000, ["A"])], ["line 2: minutes or seconds of 60 or more added up as they are"]),
    case("fullwidth", "1\n00：00：01，000 --> 00：00：02，000\nA\n", [("1", 1000, 2000, ["A"])],
         ["line 2: '，' instead of ',' before the milliseconds (and 1 more like it)",
          "line 2: fullwidth '：' read as ':'"]),
    case("fullwidth-colon-with-a-comma", "1\n00：00：01,000 --> 00:00:02,000\nA\n", [("1", 1000, 2000, ["A"])],
         ["line 2: fullwidth '：' read as ':'"]),
    case("negative", "1\n-00:00:01,000 --> 00:00:02,000\nA\n", [("1", -1000, 2000, ["A"])],
         ["line 2: negative time kept with its sign"]),
    case("negative-end", "1\n00:00:01,000 --> -00:00:02,000\nA\n", [("1", 1000, -2000, ["A"])],
         ["line 2: negative time kept with its sign", "line 2: cue ends before it starts (kept as it is)"]),
    case("end-before-start", "1\n00:00:05,000 --> 00:00:02,000\nA\n", [("1", 5000, 2000, ["A"])],
         ["line 2: cue ends before it starts (kept as it is)"]),
    case("end-at-the-start", "1\n00:00:05,000 --> 00:00:05,000\nA\n", [("1", 5000, 5000, ["A"])], []),
    # --- the arrow and what follows the times
    case("arrow-short", "1\n00:00:01,000 -> 00:00:02,000\nA\n", [("1", 1000, 2000, ["A"])],
         ["line 2: arrow '->' read as '-->'"]),
    case("arrow-spaced", "1\n00:00:01,000 -- > 00:00:02,000\nA\n", [("1", 1000, 2000, ["A"])],
         ["line 2: arrow '-- >' read as '-->'"]),
    case("arrow-of-8-characters-quoted-whole", "1\n00:00:01,000 --     > 00:00:02,000\nA\n",
         [("1", 1000, 2000, ["A"])], ["line 2: arrow '--     >' read as '-->'"]),
    case("arrow-of-9-characters-quoted-in-part", "1\n00:00:01,000 ---     > 00:00:02,000\nA\n",
         [("1", 1000, 2000, ["A"])], ["line 2: arrow '---...>' read as '-->'"]),
    case("arrow-dash", "1\n00:00:01,000 —> 00:00:02,000\nA\n", [("1", 1000, 2000, ["A"])],
         ["line 2: arrow '—>' read as '-->'"]),
    case("arrow-en-dash", "1\n00:00:01,000 –-> 00:00:02,000\nA\n", [("1", 1000, 2000, ["A"])],
         ["line 2: arrow '–->' read as '-->'"]),
    case("arrow-sign", "1\n00:00:01,000→00:00:02,000\nA\n", [("1", 1000, 2000, ["A"])],
         ["line 2: arrow '→' read as '-->'"]),
    case("junk-after-timing", f"1\n{T1} whatever\nA\n", [("1", 1000, 2000, ["A"])],
         ["line 2: ignored text after the timing: 'whatever'"]),
    case("long-junk-after-timing-quoted-in-part", f"1\n{T1} {'j' * 39}kl  \nA\n", [("1", 1000, 2000, ["A"])],
         [f"line 2: ignored text after the timing: '{'j' * 39}k'"]),
    case("coordinates-in-any-case-and-spacing", f"1\n{T1}\tx1 : -5  X2:600 y1:40\tY2 :80\nA\n",
         [("1", 1000, 2000, ["A"])], []),
    case("coordinates-then-more", f"1\n{T1} X1:1 X2:2 Y1:3 Y2:4 Z\nA\n", [("1", 1000, 2000, ["A"])],
         ["line 2: ignored text after the timing: 'X1:1 X2:2 Y1:3 Y2:4 Z'"]),
    # --- tags
    case("unclosed-italics", f"1\n{T1}\n<i>open\n", [("1", 1000, 2000, ["<i>open"])],
         ["line 3: unbalanced tag <i> not closed (text kept; writers close open tags)"]),
    case("stray-closing-tag", f"1\n{T1}\nbold</b>\n", [("1", 1000, 2000, ["bold</b>"])],
         ["line 3: unbalanced tag </b> without <b> (text kept; writers close open tags)"]),
    case("closed-before-opened", f"1\n{T1}\nplain\n</I>x<i>\n", [("1", 1000, 2000, ["plain", "</I>x<i>"])],
         ["line 3: unbalanced tag </i> without <i> (text kept; writers close open tags)",
          "line 3: unbalanced tag <i> not closed (text kept; writers close open tags)"]),
    case("opened-twice-closed-once", f"1\n{T1}\n<u>a <u>b</u>\n", [("1", 1000, 2000, ["<u>a <u>b</u>"])],
         ["line 3: unbalanced tag <u> not closed (text kept; writers close open tags)"]),
    case("unclosed-tags-in-two-cues", f"1\n{T1}\n<b>a\n\n2\n{T2}\nx\n<b>b\n",
         [("1", 1000, 2000, ["<b>a"]), ("2", 3000, 4000, ["x", "<b>b"])],
         ["line 3: unbalanced tag <b> not closed (text kept; writers close open tags) (and 1 more like it)"]),
]


@pytest.mark.parametrize(("text", "cues", "messages"), CASES)
def test_reader_case(text: str, cues: list[Row], messages: list[str]) -> None:
    transcript, warned = read_recording(text)
    assert rows(transcript) == cues
    assert warned == messages


def test_coordinates_are_kept_as_written() -> None:
    transcript, warned = read_recording(f"1\n{T1}\tx1 : -5  X2:600 y1:40\tY2 :80\nA\n\n2\n{T2}\nB\n")
    assert warned == []
    assert transcript.cues is not None
    assert [c.style for c in transcript.cues] == [{"srt_coordinates": "x1 : -5  X2:600 y1:40\tY2 :80"}, None]


# --- what cannot be read ------------------------------------------------------------------------

RANGE = "(scribekit reads times up to 10^12 ms, about 31 years, either way)"


@pytest.mark.parametrize(("text", "line", "message"), [
    pytest.param(f"1\n{T1}\nA\n\n2\n00:00:03,000 -> 00:00:0x,000\nB\n", 6,
                 "cannot read the timing line '00:00:03,000 -> 00:00:0x,000'", id="letter-in-a-time"),
    pytest.param(f"1\n{T1}\nA\n\n2\n00：00：03，000 ->\n", 6, "cannot read the timing line '00：00：03，000 ->'",
                 id="no-end-time"),
    pytest.param("1\n00:00:01,000 --> 00:02\nA\n", 2, "cannot read the timing line '00:00:01,000 --> 00:02'",
                 id="end-without-hours-or-milliseconds"),
    pytest.param("1\n00:00:01,000 00:00:02,000\nA\n", 2, "cannot read the timing line '00:00:01,000 00:00:02,000'",
                 id="no-arrow"),
    pytest.param("1\n  - 00:00,1 -> \n", 2, "cannot read the timing line '- 00:00,1 ->'", id="sign-and-spaces"),
    pytest.param(f"1\n00:00:01,000 -> {'9' * 70}\n", 2, f"cannot read the timing line '00:00:01,000 -> {'9' * 44}'",
                 id="long-line-quoted-in-part"),
    pytest.param("\n\nJust some text\nand more\n", 3, "no SRT timing line (00:00:01,000 --> 00:00:02,000) found",
                 id="no-timing-line"),
    pytest.param("\n\u3000\n x\n", 3, "no SRT timing line (00:00:01,000 --> 00:00:02,000) found",
                 id="no-timing-line-after-whitespace"),
    pytest.param(" \n\t\n\u3000\n", None, "empty file", id="whitespace-only"),
    pytest.param("", None, "empty file", id="empty"),
    pytest.param(f"1\n{T1}\nA\n\n2\n277777:46:40,000 --> 277777:46:40,001\nB\n", 6,
                 f"a time of 1000000000001 ms is out of range {RANGE}", id="time-past-the-range"),
    pytest.param("1\n-277777:46:40,001 --> 0:0:0,000\n", 2, f"a time of 1000000000001 ms is out of range {RANGE}",
                 id="negative-time-past-the-range"),
    pytest.param("1\n" + "1" * 31 + ":0:00,000 --> 0:0:1,000\n", 2, f"hours of 31 digits is out of range {RANGE}",
                 id="hours-of-31-digits"),
    pytest.param("1\n0:" + "1" * 31 + ":00,000 --> 0:0:1,000\n", 2, f"minutes of 31 digits is out of range {RANGE}",
                 id="minutes-of-31-digits"),
    pytest.param("1\n0:0:" + "1" * 31 + ",000 --> 0:0:1,000\n", 2, f"seconds of 31 digits is out of range {RANGE}",
                 id="seconds-of-31-digits"),
])
def test_unreadable_input_names_the_line(text: str, line: int | None, message: str) -> None:
    with pytest.raises(ReadError) as caught:
        scribekit.loads(text, format="srt")
    assert caught.value.line == line
    assert str(caught.value) == (f"line {line}: {message}" if line else message)


def test_the_largest_time_reads() -> None:
    transcript, warned = read_recording("1\n277777:46:40,000 --> -277777:46:40,000\nA\n")
    assert rows(transcript) == [("1", 10**12, -10**12, ["A"])]
    assert warned == ["line 2: negative time kept with its sign", "line 2: cue ends before it starts (kept as it is)"]


# --- reading in pieces (scribekit.streaming) ----------------------------------------------------


def read_pieces(text: str, cuts: list[int]) -> tuple[list[Row], dict[str, list[object]]]:
    """The cues and the repairs of ``text`` read piece by piece, cut before the lines ``cuts``
    (each cut line an index line after a blank line), as ``scribekit.streaming`` reads."""
    lines = cue_file_lines(text)
    repairs = Repairs()
    cues = []
    bounds = [0, *cuts, len(lines)]
    for k in range(len(bounds) - 1):
        followed = k + 2 < len(bounds)
        cues += srt.read_lines(lines[bounds[k]:bounds[k + 1]], repairs, base=bounds[k], followed=followed)
    return [(c.identifier, c.start, c.end, c.lines) for c in cues], repairs.found


PIECES = (f"1\n{T1}\nA\n\n2\n00:00:03.000 --> 00:00:04,000\nB\n\nC\n\n3\n{T3} junk\n<i>D\n\n"
          "x\n00:00:07,000 --> 00:00:08,000\nE\n")


def test_a_file_read_in_pieces_gives_what_it_gives_read_whole() -> None:
    whole = [("1", 1000, 2000, ["A"]), ("2", 3000, 4000, ["B", "C"]), ("3", 5000, 6000, ["<i>D"]),
             ("x", 7000, 8000, ["E"])]
    repairs = {"'.' instead of ',' before the milliseconds": [6, 1, ""],
               "blank line inside cue text dropped (the text after it continues the cue)": [8, 1, ""],
               "ignored text after the timing": [12, 1, ": 'junk'"],
               "unbalanced tag <i> not closed (text kept; writers close open tags)": [13, 1, ""],
               "non-numeric index kept as the cue identifier": [15, 1, ": 'x'"]}
    assert read_pieces(PIECES, []) == (whole, repairs)
    assert read_pieces(PIECES, [4]) == (whole, repairs)
    assert read_pieces(PIECES, [4, 10]) == (whole, repairs)


def test_a_piece_followed_by_more_keeps_its_last_cue_whole() -> None:
    lines = cue_file_lines(f"1\n{T1}\nA\n\n2\n{T2}\nB\nmore\n\n")
    cues = srt.read_lines(lines, Repairs(), base=0, followed=True)
    assert [(c.identifier, c.start, c.end, c.lines) for c in cues] == [
        ("1", 1000, 2000, ["A"]), ("2", 3000, 4000, ["B", "more"])]


# --- sniffing and single lines ------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param(f"\ufeff\n\n1\n{T1}\nHi\n", True, id="bom-and-blank-lines"),
    pytest.param("00:00:01.5 -> 00:00:02\nHi", True, id="tolerant-timing"),
    pytest.param("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi\n", False, id="webvtt"),
    pytest.param("\n \nWEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi\n", False, id="webvtt-after-blank-lines"),
    pytest.param(f"Title\nWEBVTT\n{T1}\n", True, id="webvtt-not-first"),
    pytest.param("\ufeffWEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi\n", False, id="webvtt-after-a-bom"),
    pytest.param(f"\ufeff{T1}\na\nb\nc\nd\n", True, id="timing-line-after-a-bom"),
    pytest.param(f"a\nb\nc\nd\n{T1}\n", True, id="timing-after-four-lines"),
    pytest.param(f"a\nb\nc\nd\ne\n{T1}\n", False, id="timing-after-five-lines"),
    pytest.param(f"X\nb\nc\nd\ne\n{T1}\n", False, id="timing-after-five-lines-the-first-of-one-letter"),
    pytest.param("XWEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi\n", True, id="webvtt-after-a-letter"),
    pytest.param(f"a\n\n \n\t\nb\n\u3000\nc\n\nd\n{T1}\n", True, id="blank-lines-not-counted"),
    pytest.param("We meet 10:30 -> 11:00 in the café.\n", False, id="times-in-text"),
    pytest.param("10:30 -> 11:00\n", False, id="times-without-hours-or-milliseconds"),
    pytest.param("", False, id="empty"),
    pytest.param("\n" * 3976 + f"{T1}\nHi\n", True, id="timing-line-ending-at-character-4000"),
    pytest.param("\n" * 3977 + f"{T1}\nHi\n", False, id="timing-line-cut-at-character-4000"),
])
def test_sniff(text: str, expected: bool) -> None:
    assert srt.sniff(text) is expected


@pytest.mark.parametrize(("line", "expected"), [
    pytest.param(T1, True, id="strict"),
    pytest.param("0:00:01.5 -> 00:02,0", True, id="tolerant"),
    pytest.param("00：00：01，000 --> 00：00：02，000", True, id="fullwidth-colons-only"),
    pytest.param("00:01 --> 00:02,000", False, id="start-without-hours-or-milliseconds"),
    pytest.param("00:00:01 --> 00:02", False, id="end-without-hours-or-milliseconds"),
    pytest.param("10:30 -> 11:00", False, id="times-in-text"),
    pytest.param("00,000 --> 01,000", False, id="no-colon"),
    pytest.param("Note: 00:00:01,000", False, id="text"),
])
def test_is_timing_line(line: str, expected: bool) -> None:
    assert srt.is_timing_line(line) is expected
