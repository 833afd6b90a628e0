"""Hearing-impaired (SDH) text removed from cues and from a word-timed transcript's turns.

What counts as hearing-impaired text (each kind a rule, as :class:`~scribekit.changes.Change` names it):

- ``hi-sound``: a description in brackets or parentheses (``[door slams]``, ``(LAUGHS)``, ``(sighs)``),
  also across two lines of one cue, and in the bracket kinds other scripts use (full-width ``（）``,
  ``【】``, ``［］``, ``〔〕``). Brackets must hold a letter (or a music symbol): ``(1)`` and ``[...]``
  stay. Curly braces are left alone (``{\\an8}`` is a placement, not text). In a word-timed
  transcript, words marked ``sound`` go too.
- ``hi-speaker``: a speaker label in capitals before a colon at the start of a line (after a
  dialogue dash or tags): ``JOHN:``, ``MAN 2:``, ``DR. SMITH:``, ``MAN ON TV:``, ``NARRATOR (V.O.):``,
  ``McCOY:`` (English), ``HÉLÈNE :`` (French, with the space), ``ИВАН:``, ``ΓΙΆΝΝΗΣ:``. A label has
  two letters or more, every letter a capital (scripts without case have no labels), at most five
  words, and a colon followed by a space or the end of the line. Not a label: ``10:30`` and ``3:1``
  (a digit first), ``Note:`` and ``John:`` (small letters), ``HTTP://x`` (no space after the colon),
  ``A:`` (one letter), ``NO!`` (no colon), and what the language's data lists: words that are no
  speaker (``OK:``, ``P.S.:``, ``NOTE:``) and words no label holds (``I TOLD HIM: ...`` in a file in
  capitals). A sound source in capitals is a label (``TV:``, ``RADIO:``), as SDH writes it. When two
  labelled speakers lose their labels in one cue, their lines get the language's dialogue dash, so
  the change of speaker stays visible.
- ``hi-music``: music symbols (``♪ ♫ ♬ ♩``, with a Japanese wave dash ``～`` beside one), wherever they
  stand; ``#`` only as broadcast captions use it for a note: at the start of a line (``# And I
  think``), then at its end as well; a line of nothing but music symbols goes. The sung words
  between the symbols stay: they are heard, and a subtitle for hearing viewers shows plot-relevant
  lyrics too (Netflix's guides; Subtitle Edit also keeps them unless asked to drop every line with
  a ``♪``).
- ``hi-empty``: a cue (or turn) left without text is removed (``after`` is empty).

What is left is tidied, in the cues that changed only: a line left empty (or holding only a dialogue
dash) goes, a cue left with one speaker of two loses its dialogue dash (``- [gasps]\\n- Run!`` becomes
``Run!``), the spaces around what was removed close up (no space before ``.``, ``,`` ... but where
the language puts one: French ``Bonjour !``; none after ``¿`` or ``¡``), runs of spaces become one,
and style tags stay balanced (``<i>(sighs)</i>`` goes with its tags; a tag inside a removed
description is kept when its partner is outside it). Punctuation is not changed otherwise. Cues with
no hearing-impaired text are returned as the very same objects.

Each language's data is ``data/hearing_impaired/<code>.json`` (``generic.json`` for any other):
bracket kinds, music symbols, and the words that are not labels; a language's file adds to the
generic lists. ``en``, ``fr``, ``de``, ``es``, ``it``, ``nl``, ``pt`` have their own.

For other clean-up rules that must leave hearing-impaired text alone (``--keep-hi``)::

    from scribekit.cleanup.hearing_impaired import hi_spans, is_hi_text
    hi_spans("- JOHN: (sighs) Fine.", language="en")   # [(2, 7), (8, 15)]: the label, the sound
    is_hi_text("10:30")                                # False

``hi_spans(text)`` gives the ``(start, end)`` character spans of hearing-impaired text in a line or in
a cue's text (lines joined by ``"\\n"``; a bracket may span lines); ``is_hi_text(text)`` says whether
there is any.
"""
from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TypeVar

from ..changes import Change
from ..errors import OptionError
from ..markup import ASS_OVERRIDE, MARKUP_TAG
from ..model import Cue, Segment, Word

__all__ = ["HiData", "hi_data", "hi_spans", "is_hi_text", "remove_hi", "remove_hi_words"]

RULES = ("hi-sound", "hi-music", "hi-speaker", "hi-empty")
"""The rules' names, ``hi-sound``, ``hi-music`` and ``hi-speaker`` in the order they run."""


@dataclass(frozen=True)
class HiData:
    """What a language says about hearing-impaired text (``data/hearing_impaired/<code>.json``)."""

    brackets: tuple[tuple[str, str], ...]
    music: frozenset[str]
    music_companions: frozenset[str]
    music_edge: frozenset[str]
    not_labels: frozenset[str]
    """Whole labels that are no speaker (``OK``, ``P.S.``), in capitals."""
    not_label_words: frozenset[str]
    """Words no speaker label holds (``I``, ``SAID``): a line in capitals with a colon is speech."""
    label_prefixes: tuple[str, ...]
    """Small letters a name in capitals may start with (``Mc`` in ``McCOY``)."""
    label_letters: str
    """Small letters that count as capitals in a label (German ``ß``)."""
    space_before_colon: bool
    space_before: frozenset[str]
    """Punctuation that keeps the space before it when what stood between goes (French ``!``)."""
    space_after: frozenset[str]
    """Openers that keep the space after them (French ``«``)."""
    dialogue_dash: str


_LIST_FIELDS = ("music", "music_companions", "music_edge", "not_labels", "not_label_words", "space_before",
                "space_after")
_CODE = re.compile(r"[a-z]{2,3}")


def _language_code(language: str | None) -> str:
    if not language:
        return "generic"
    code = language.strip().lower().replace("_", "-").split("-")[0]
    return code if _CODE.fullmatch(code) else "generic"


def _load(name: str) -> dict[str, object]:
    source = resources.files("scribekit.cleanup") / "data" / "hearing_impaired" / f"{name}.json"
    if not source.is_file():
        return {}
    data = json.loads(source.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def hi_data(language: str | None = None) -> HiData:
    """The data of ``language`` (``en``, ``fr-CA``, ...) over the generic data; unknown: the generic.
    A language that is not a string is an :class:`~scribekit.errors.OptionError`."""
    if language is not None and not isinstance(language, str):
        raise OptionError(f"language={language!r} is not a language code such as 'en' or 'fr-CA'")
    return _hi_data(_language_code(language))


@cache
def _hi_data(code: str) -> HiData:
    raw = _load("generic")
    own = _load(code) if code != "generic" else {}
    merged: dict[str, object] = dict(raw)
    for key, value in own.items():
        if key in _LIST_FIELDS or key == "brackets" or key == "label_prefixes":
            merged[key] = [*list(raw.get(key, []) or []), *list(value)]  # type: ignore[call-overload]
        else:
            merged[key] = value

    def strings(key: str) -> list[str]:
        value = merged.get(key, [])
        return [str(item) for item in value] if isinstance(value, list) else []

    brackets = merged.get("brackets", [])
    pairs: list[tuple[str, str]] = []
    for pair in brackets if isinstance(brackets, list) else []:
        if isinstance(pair, list) and len(pair) == 2 and (str(pair[0]), str(pair[1])) not in pairs:
            pairs.append((str(pair[0]), str(pair[1])))
    return HiData(
        brackets=tuple(pairs),
        music=frozenset(strings("music")),
        music_companions=frozenset(strings("music_companions")),
        music_edge=frozenset(strings("music_edge")),
        not_labels=frozenset(label.upper() for label in strings("not_labels")),
        not_label_words=frozenset(word.upper() for word in strings("not_label_words")),
        label_prefixes=tuple(dict.fromkeys(strings("label_prefixes"))),
        label_letters=str(merged.get("label_letters", "") or ""),
        space_before_colon=bool(merged.get("space_before_colon", False)),
        space_before=frozenset(strings("space_before")),
        space_after=frozenset(strings("space_after")),
        dialogue_dash=str(merged.get("dialogue_dash", "- ") or "- "),
    )


# --- finding hearing-impaired text -----------------------------------------------------------------

_TAG = f"(?:{MARKUP_TAG.pattern}|{ASS_OVERRIDE.pattern})"
_TAGS = re.compile(_TAG, re.IGNORECASE)
_HWS = " \t\u00a0\u202f"
_DASH_CHARS = "-–—‐"
_LINE_PREFIX = re.compile(f"(?:{_TAG})*[ \t]*(?:[{_DASH_CHARS}](?![{_DASH_CHARS}\\d])[ \t]*)?(?:{_TAG})*",
                          re.IGNORECASE)
"""Tags, a dialogue dash (not ``--`` or a minus before a digit) and spaces at the start of a line."""
_LABEL = re.compile(
    r"(?P<label>[^\W\d_][\w.'’&#\-]*(?:[ ][\w.'’&#\-]+){0,5}(?:[ ]?\([^()\n]{1,30}\))?)"
    r"(?P<space>[ \u00a0\u202f]?):(?=(?:" + _TAG + r")*(?:[ \t\u00a0\u202f]|$))",
    re.IGNORECASE)
_PARENTHETICAL = re.compile(r"[ ]?\([^()]*\)$")
_CLOSING_PUNCTUATION = frozenset(".,;:!?…)]}»”’\"'）】］〕〉、。，！？：；")
_OPENING_PUNCTUATION = frozenset("¿¡«“„‘‚\"'([{（【［〔〈「『")
_UNSPACED = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
                       "\uf900-\ufaff\uff00-\uffef\U00020000-\U0002fa1f]")
"""Thai, Lao, Myanmar, Khmer, Han, kana and full-width forms: written without spaces between words."""


@dataclass(frozen=True)
class _Brackets:
    openers: dict[str, int]
    closers: dict[str, int]
    chars: re.Pattern[str]
    marks: re.Pattern[str]
    """A letter or a music symbol: what makes brackets a description."""


@cache
def _brackets(data: HiData) -> _Brackets:
    pairs = [(o, c) for o, c in data.brackets if len(o) == 1 and len(c) == 1 and o != c]
    openers = {o: kind for kind, (o, _) in enumerate(pairs)}
    closers = {c: kind for kind, (_, c) in enumerate(pairs)}
    chars = re.compile("[" + "".join(re.escape(c) for c in [*openers, *closers]) + "]" if pairs else "(?!)")
    music = "".join(re.escape(c) for c in sorted(data.music))
    marks = re.compile(r"[^\W\d_]" + (f"|[{music}]" if music else ""))
    return _Brackets(openers, closers, chars, marks)


@cache
def _trigger(data: HiData) -> re.Pattern[str]:
    """Any character hearing-impaired text needs: a cue without one is left as it is at once."""
    chars = {opener for opener, _ in data.brackets} | set(data.music) | set(data.music_edge) | {":"}
    singles = sorted(c for c in chars if len(c) == 1)
    multis = sorted(c for c in chars if len(c) > 1)
    parts = [f"[{''.join(re.escape(c) for c in singles)}]"] if singles else []
    parts += [re.escape(c) for c in multis]
    return re.compile("|".join(parts) or "(?!)")


def _bracket_spans(text: str, data: HiData) -> list[tuple[int, int]]:
    """Spans of bracketed descriptions: each closing bracket pairs with the latest opening one of its
    kind; a pair is a description when it holds a letter, a music symbol or a description."""
    if not any(opener in text for opener, _ in data.brackets):
        return []
    kinds = _brackets(data)
    scan = _TAGS.sub(lambda m: "\x02" * len(m.group()), text) if ("<" in text or "{" in text) else text
    stacks: dict[int, list[tuple[int, int]]] = {}
    marks = 0  # a count that grows past every letter and every description found
    scanned = 0
    spans: list[tuple[int, int]] = []
    for match in kinds.chars.finditer(scan):
        at = match.start()
        if kinds.marks.search(scan, scanned, at):
            marks += 1
        scanned = at + 1
        char = match.group()
        kind = kinds.openers.get(char)
        if kind is not None:
            stacks.setdefault(kind, []).append((at, marks))
            continue
        stack = stacks.get(kinds.closers[char])
        if stack:
            start, marks_before = stack.pop()
            if marks > marks_before and not _attached(text, start, at + 1):
                spans.append((start, at + 1))
                marks += 1
    return _merged(spans)


def _attached(text: str, start: int, end: int) -> bool:
    """An ASCII bracket written onto a word of a spaced script: ``friend(s)``, ``(re)write``, ``f(x)``."""
    if text[start] not in "([":
        return False
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return any(ch.isalnum() and not _UNSPACED.match(ch) for ch in (before, after))


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _music_spans(text: str, data: HiData) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    if data.music and any(symbol in text for symbol in data.music):
        companions = "".join(re.escape(c) for c in data.music_companions)
        symbols = "|".join(re.escape(s) for s in sorted(data.music, key=len, reverse=True))
        around = f"[{companions}]*" if companions else ""
        spans += [m.span() for m in re.finditer(f"{around}(?:{symbols})+{around}", text)]
    if data.music_edge and any(symbol in text for symbol in data.music_edge):
        spans += _edge_spans(text, data)
    return _merged(spans)


def _edge_spans(text: str, data: HiData) -> list[tuple[int, int]]:
    """``#`` as a note: at the start of a line of the text (then also at the ends of its lines)."""
    edge = "".join(re.escape(c) for c in data.music_edge)
    run = f"[{edge}]+(?:[{_HWS}]+[{edge}]+)*"
    lead = re.compile(f"{run}(?=[{_HWS}]|$|{_TAG})", re.IGNORECASE)
    tail = re.compile(f"(?:(?<=[{_HWS}])|^){run}(?=(?:{_TAG})*$)", re.IGNORECASE)
    spans: list[tuple[int, int]] = []
    offset = 0
    lines = text.split("\n")
    starts: list[tuple[int, str, int]] = []
    for line in lines:
        prefix = _LINE_PREFIX.match(line)
        at = prefix.end() if prefix else 0
        starts.append((offset, line, at))
        offset += len(line) + 1
    if not any(lead.match(line, at) for _, line, at in starts):
        return spans
    for base, line, at in starts:
        match = lead.match(line, at)
        if match:
            spans.append((base + match.start(), base + match.end()))
        end = tail.search(line, match.end() if match else at)
        if end:
            spans.append((base + end.start(), base + end.end()))
    return spans


def _is_label(label: str, space: str, data: HiData) -> bool:
    if space and not data.space_before_colon:
        return False
    core = _PARENTHETICAL.sub("", label).strip()
    if core.upper() in data.not_labels:
        return False
    letters = 0
    words = [word for word in core.split(" ") if word and word != "&"]
    if not words or len(words) > 5:
        return False
    for word in words:
        if word.upper().strip(".") in data.not_label_words or word.upper() in data.not_label_words:
            return False
        for prefix in data.label_prefixes:
            if word.startswith(prefix) and len(word) > len(prefix) and word[len(prefix)].isupper():
                word = word[len(prefix):]
                letters += len(prefix)
                break
        for ch in word:
            if ch.isalpha():
                if ch in data.label_letters:
                    letters += 1
                elif not ch.isupper():  # a small letter, or a letter of a script without case
                    return False
                else:
                    letters += 1
    return letters >= 2


def _first_label(line: str, data: HiData) -> tuple[int, int] | None:
    """The span of the speaker label (through its colon) at the start of ``line``, if any."""
    prefix = _LINE_PREFIX.match(line)
    at = prefix.end() if prefix else 0
    match = _LABEL.match(line, at)
    if match is None or not _is_label(match.group("label"), match.group("space"), data):
        return None
    return at, match.end()


def _label_chain(line: str, data: HiData) -> tuple[int, int] | None:
    """The span of the speaker label at the start of ``line``, with the labels straight after it
    (``JOHN: MARY:``)."""
    found = _first_label(line, data)
    if found is None:
        return None
    start, end = found
    while True:
        prefix = _LINE_PREFIX.match(line, end)
        at = prefix.end() if prefix else end
        match = _LABEL.match(line, at)
        if match is None or not _is_label(match.group("label"), match.group("space"), data):
            return start, end
        end = match.end()


def _speaker_spans(text: str, data: HiData) -> list[tuple[int, int]]:
    if ":" not in text:
        return []
    spans = []
    offset = 0
    for line in text.split("\n"):
        if ":" in line:
            found = _label_chain(line, data)
            if found:
                spans.append((offset + found[0], offset + found[1]))
        offset += len(line) + 1
    return spans


def hi_spans(text: str, *, language: str | None = None) -> list[tuple[int, int]]:
    """The ``(start, end)`` spans of hearing-impaired text in ``text`` (a line, or a cue's lines
    joined by ``"\\n"``): bracketed descriptions, speaker labels (label and colon) at the start of a
    line, music symbols; sorted, not overlapping. Empty when there is none."""
    data = hi_data(language)
    if not _trigger(data).search(text):
        return []
    spans = _merged(_bracket_spans(text, data) + _music_spans(text, data))
    pieces: list[str] = []  # a label after a description ("[gasps] JOHN: Run!") starts its line too
    at = 0
    for start, end in spans:
        pieces += [text[at:start], re.sub("[^\n]", " ", text[start:end])]
        at = end
    blanked = "".join(pieces) + text[at:]
    return _merged(spans + _speaker_spans(blanked, data))


def is_hi_text(text: str, *, language: str | None = None) -> bool:
    """Whether ``text`` holds any hearing-impaired text (see :func:`hi_spans`)."""
    return bool(hi_spans(text, language=language))


# --- removing it ---------------------------------------------------------------------------------

_WINDOW = 400
"""How far either side of a removal is looked at (the line's text, past its tags)."""
_SPACED_PUNCTUATION = frozenset("!?;:»")
"""Punctuation that some languages space off: a space the text had before it is kept."""


def _separator(line_before: str, left_space: str, right_space: str, after: str, data: HiData) -> str:
    """What joins the text left of a removal (``line_before``: its line's text, tags and trailing
    spaces left out) to the text right of it (``after``: its first character, "" at a line end)."""
    if not line_before or not after:
        return ""
    if len(line_before) == 1 and line_before in _DASH_CHARS:  # "- (gasps) Run" keeps its dash's space
        return left_space
    if after in _CLOSING_PUNCTUATION:
        if right_space and after in _SPACED_PUNCTUATION:  # as the text had it: "Bonjour (rire) !"
            return right_space
        return left_space if after in data.space_before else ""
    if line_before[-1] in _OPENING_PUNCTUATION:
        return left_space if line_before[-1] in data.space_after else ""
    separator = left_space or right_space
    if not separator and line_before[-1].isalnum() and after.isalnum() and not (
            _UNSPACED.match(line_before[-1]) or _UNSPACED.match(after)):
        separator = " "
    return separator


def _joined(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` with those separated by nothing but spaces, line breaks and tags made one."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and not _TAGS.sub("", text[out[-1][1]:start]).strip():
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _cut_spans(text: str, spans: Sequence[tuple[int, int]], data: HiData) -> str:
    """``text`` without ``spans``, keeping the tags and line breaks inside them, with the spaces on
    either side closed up as the language writes them."""
    if not spans:
        return text
    spans = _joined(text, spans)
    out: list[str] = []
    line = ""  # the end of the output's current line (its last _WINDOW characters)
    long_line = False

    def emit(piece: str) -> None:
        nonlocal line, long_line
        out.append(piece)
        if "\n" in piece:
            line, long_line = piece.rpartition("\n")[2], False
        else:
            line += piece
        if len(line) > _WINDOW:
            line, long_line = line[-_WINDOW:], True

    at = 0
    for number, (start, end) in enumerate(spans):
        segment = text[at:start]
        kept_left = segment.rstrip(_HWS)
        left_space = segment[len(kept_left):]
        emit(kept_left)
        kept = "".join(m.group() for m in _KEPT.finditer(text, start, end))
        following = spans[number + 1][0] if number + 1 < len(spans) else len(text)
        rest = text[end:following]
        right_space = rest[:len(rest) - len(rest.lstrip(_HWS))]
        at = end + len(right_space)
        if "\n" in kept:
            emit(kept)
            continue
        line_before = _TAGS.sub("", line).strip(_HWS) or ("x" if long_line else "")
        after = _TAGS.sub("", text[at:at + _WINDOW].partition("\n")[0])[:1]
        emit(_separator(line_before, left_space, right_space, after, data) + kept)
    emit(text[at:])
    return "".join(out)


def _cut(text: str, start: int, end: int, data: HiData) -> str:
    return _cut_spans(text, [(start, end)], data)


_KEPT = re.compile(f"{_TAG}|\n", re.IGNORECASE)
_STYLE_TAG = re.compile(r"<([ibu])(?:\s[^<>]*)?>|</([ibu])>", re.IGNORECASE)
_LEADING_SPACE = re.compile(f"^((?:{_TAG})*)[{_HWS}]+", re.IGNORECASE)
_TRAILING_SPACE = re.compile(f"[{_HWS}]+((?:{_TAG})*)$", re.IGNORECASE)
_SPACES = re.compile("  +")
_DASH_START = re.compile(f"^((?:{_TAG})*[ \t]*)[{_DASH_CHARS}](?![{_DASH_CHARS}\\d])[ \t]*", re.IGNORECASE)


def _visible(line: str) -> str:
    return _TAGS.sub("", line).strip()


def _is_dashed(line: str) -> bool:
    return _DASH_START.match(line) is not None


def _no_text(line: str) -> bool:
    """Nothing but tags, spaces (of any kind) and dialogue dashes."""
    return not "".join(_visible(line).split()).strip(_DASH_CHARS)


def _without_empty_pairs(line: str) -> str:
    """``line`` without style tags that open and close around nothing but spaces (``<i></i>``,
    ``<i><b> </b></i>``), in one pass."""
    if "</" not in line:
        return line
    out: list[str] = []
    opened: list[tuple[int, str]] = []  # (index in out, letter) of the opening tags around nothing yet
    at = 0
    for match in _STYLE_TAG.finditer(line):
        text = line[at:match.start()]
        at = match.end()
        if text:
            out.append(text)
            if text.strip(" \t\u00a0"):
                opened = []  # the tags open so far hold text now
        opening, closing = match.group(1), match.group(2)
        if opening:
            opened.append((len(out), opening.lower()))
            out.append(match.group())
        elif opened and opened[-1][1] == closing.lower():
            index, _ = opened.pop()
            out[index] = ""
        else:
            opened = []
            out.append(match.group())
    out.append(line[at:])
    return "".join(out)


def _tidy_line(line: str) -> str:
    line = _without_empty_pairs(line)
    line = _SPACES.sub(" ", line)
    line = _LEADING_SPACE.sub(r"\1", line)
    return _TRAILING_SPACE.sub(r"\1", line)


def _tidy(before: list[str], text: str) -> list[str]:
    """The lines of ``text`` (what a rule left of the lines ``before``): lines without text dropped
    (their tags carried to a neighbour), a lone dialogue dash of two speakers dropped, tags whose
    pair is gone closed up."""
    lines = text.split("\n")
    kept: list[str] = []
    carry = ""
    for line in lines:
        if _no_text(line):
            tags = _TAGS.findall(_tidy_line(line))
            closing = "".join(tag for tag in tags if tag.startswith("</"))
            opening = "".join(tag for tag in tags if not tag.startswith("</"))
            if closing:
                if kept:
                    kept[-1] += closing
                else:
                    carry += closing
            carry += opening
            continue
        kept.append(carry + line)
        carry = ""
    if carry and kept:
        kept[-1] += carry
    if sum(map(_is_dashed, before)) >= 2 and sum(map(_is_dashed, kept)) == 1:
        kept = [_DASH_START.sub(r"\1", line) if _is_dashed(line) else line for line in kept]
    return [tidied for tidied in map(_tidy_line, kept) if _visible(tidied)]


def _with_dashes(before: list[str], after: list[str], labels: list[str], data: HiData) -> list[str]:
    """Lines whose speaker labels went, with a dialogue dash where two speakers or more spoke."""
    if len({label.rstrip(":").strip().upper() for label in labels}) < 2 or any(map(_is_dashed, after)):
        return after
    labelled = [_label_chain(line, data) is not None for line in before]
    if len(after) != len(before):
        return after
    out = []
    for line, had_label in zip(after, labelled):
        if had_label:
            prefix = _LINE_PREFIX.match(line)
            at = prefix.end() if prefix else 0
            line = line[:at] + data.dialogue_dash + line[at:]
        out.append(line)
    return out


_T = TypeVar("_T")
Step = Callable[[list[str], HiData], "list[str] | None"]


def _sound_step(lines: list[str], data: HiData) -> list[str] | None:
    text = "\n".join(lines)
    spans = _bracket_spans(text, data)
    return _tidy(lines, _cut_spans(text, spans, data)) if spans else None


def _music_step(lines: list[str], data: HiData) -> list[str] | None:
    text = "\n".join(lines)
    spans = _music_spans(text, data)
    return _tidy(lines, _cut_spans(text, spans, data)) if spans else None


def _speaker_step(lines: list[str], data: HiData) -> list[str] | None:
    if not any(":" in line for line in lines):
        return None
    out = []
    labels = []
    for line in lines:
        found = _label_chain(line, data) if ":" in line else None
        if found:
            labels.append(line[found[0]:found[1]])
            line = _cut(line, found[0], found[1], data)
        out.append(line)
    if not labels:
        return None
    tidied = _tidy(lines, "\n".join(out))
    if len(tidied) == len(lines):
        tidied = _with_dashes(lines, tidied, labels, data)
    return tidied


def _add_step(steps: list[tuple[str, _T, _T]], rule: str, before: _T, after: _T) -> None:
    """A rule's change noted; one that follows a change of the same rule joins it."""
    if steps and steps[-1][0] == rule:
        steps[-1] = (rule, steps[-1][1], after)
    else:
        steps.append((rule, before, after))


_STEPS: tuple[tuple[str, Step], ...] = (("hi-sound", _sound_step), ("hi-music", _music_step),
                                         ("hi-speaker", _speaker_step))
_MAX_ROUNDS = 8


def _clean_lines(lines: list[str], data: HiData) -> list[tuple[str, list[str], list[str]]]:
    """Each rule that changed ``lines``: (rule, lines before, lines after), in order, until none does."""
    steps: list[tuple[str, list[str], list[str]]] = []
    current = lines
    for _ in range(_MAX_ROUNDS):
        changed = False
        for rule, step in _STEPS:
            result = step(current, data)
            if result is not None and result != current:
                _add_step(steps, rule, current, result)
                current = result
                changed = True
                if not current:
                    return steps
        if not changed:
            break
    return steps


def remove_hi(cues: list[Cue], *, language: str | None = None) -> tuple[list[Cue], list[Change]]:
    """``cues`` without hearing-impaired text (the module's docstring says what counts), and a
    :class:`~scribekit.changes.Change` for each rule that changed a cue (``hi-sound``, ``hi-music``,
    ``hi-speaker``; ``before`` and ``after`` are the cue's text before and after that rule) and a
    ``hi-empty`` change for each cue removed because no text was left (its text before, ``after``
    empty). ``cue`` is the cue's number from 1 in ``cues``. A cue's words, when it has them, lose the
    words that went. The cues given are left as they are; a cue without hearing-impaired text is
    returned as the same object."""
    data = hi_data(language)
    trigger = _trigger(data)
    out: list[Cue] = []
    changes: list[Change] = []
    for number, cue in enumerate(cues, 1):
        lines = cue.lines
        if not any(trigger.search(line) for line in lines):
            out.append(cue)
            continue
        steps = _clean_lines(list(lines), data)
        if not steps:
            out.append(cue)
            continue
        final = steps[-1][2]
        if not final:
            changes.append(Change("hi-empty", number, cue.start, "\n".join(lines), ""))
            continue
        changes += [Change(rule, number, cue.start, "\n".join(before), "\n".join(after))
                    for rule, before, after in steps]
        words = cue.words
        if words:
            kept, _ = _clean_words(words, data)
            words = kept or None
        out.append(dataclasses.replace(cue, lines=final, words=words))
    return out, changes


# --- words -----------------------------------------------------------------------------------------

def _word_step(words: list[Word], spans_of: Callable[[str], list[tuple[int, int]]]) -> list[Word] | None:
    """``words`` without what ``spans_of`` finds in their text (joined by spaces): a word covered
    whole goes, a word covered in part keeps the rest; a word with no letter or digit left goes."""
    text = " ".join(word.text for word in words)
    spans = spans_of(text)
    if not spans:
        return None
    covered = bytearray(len(text))
    for start, end in spans:
        covered[start:end] = b"\x01" * (end - start)
    out: list[Word] = []
    at = 0
    changed = False
    for word in words:
        own = covered[at:at + len(word.text)]
        if any(own):
            changed = True
            rest = "".join(ch for ch, hit in zip(word.text, own) if not hit).strip()
            if any(ch.isalnum() for ch in rest):
                out.append(dataclasses.replace(word, text=rest))
        else:
            out.append(word)
        at += len(word.text) + 1
    return out if changed else None


def _clean_words(words: list[Word], data: HiData) -> tuple[list[Word], list[tuple[str, list[Word], list[Word]]]]:
    def sounds(text: str) -> list[tuple[int, int]]:
        return _bracket_spans(text, data)

    def music(text: str) -> list[tuple[int, int]]:
        return _music_spans(text, data)

    def speaker(text: str) -> list[tuple[int, int]]:
        found = _label_chain(text.partition("\n")[0], data) if ":" in text else None
        return [found] if found else []

    steps: list[tuple[str, list[Word], list[Word]]] = []
    current = words
    if any(word.sound for word in current):
        spoken = [word for word in current if not word.sound]
        steps.append(("hi-sound", current, spoken))
        current = spoken
    finders: tuple[tuple[str, Callable[[str], list[tuple[int, int]]]], ...] = (
        ("hi-sound", sounds), ("hi-music", music), ("hi-speaker", speaker))
    for _ in range(_MAX_ROUNDS):
        changed = False
        for rule, finder in finders:
            if not current:
                return current, steps
            result = _word_step(current, finder)
            if result is not None:
                _add_step(steps, rule, current, result)
                current = result
                changed = True
        if not changed:
            break
    return current, steps


def _words_text(words: list[Word]) -> str:
    return " ".join(word.text for word in words)


def remove_hi_words(segments: list[Segment], *,
                    language: str | None = None) -> tuple[list[Segment], list[Change]]:
    """A word-timed transcript's turns without hearing-impaired words: words marked ``sound``,
    runs of words inside brackets (``(door`` ... ``slams)``), music symbols, and a speaker label in
    capitals ending in ``:`` at the start of a turn; a word partly inside brackets keeps the rest of
    its text (and its times). A turn left without words is dropped (``hi-empty``). Changes as
    :func:`remove_hi` reports them, ``cue`` being the turn's number from 1 and ``start`` its start.
    Turns without hearing-impaired words are returned as the same objects."""
    data = hi_data(language)
    trigger = _trigger(data)
    out: list[Segment] = []
    changes: list[Change] = []
    for number, segment in enumerate(segments, 1):
        words = segment.words
        if not any(word.sound for word in words) and not any(trigger.search(word.text) for word in words):
            out.append(segment)
            continue
        kept, steps = _clean_words(words, data)
        if not steps:
            out.append(segment)
            continue
        if not kept:
            changes.append(Change("hi-empty", number, segment.start, _words_text(words), ""))
            continue
        changes += [Change(rule, number, segment.start, _words_text(before), _words_text(after))
                    for rule, before, after in steps]
        out.append(dataclasses.replace(segment, words=kept))
    return out, changes
