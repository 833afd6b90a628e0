"""Common errors of subtitle text fixed by named rules, each change reported.

``fix(cues, rules, language=...)`` runs the rules given, in ``RULES``' order; ``fix_words`` runs
the ones that make sense on a word-timed transcript's words (``WORD_RULES``). A rule's
per-language data (which ellipsis a language wants, its non-breaking spaces, the words it may
repeat, the OCR confusions of ``I`` and ``l``) lives in ``data/fixes/<code>.json``, a region's
file (``fr-ca``) over its language's over ``generic.json``.

The rules, in the order they run:

``double-spaces``
    Runs of spaces and tabs in a line become one space (a run holding a no-break space becomes
    that no-break space: French typography keeps it); spaces at line ends and blank lines go.
``space-before-punctuation``
    No space before ``, . ! ? : ; ) …`` when the mark ends a word (``Wait ...what``, ``...`` at a
    line start after a dialogue dash, ``10 : 30`` and emoticons are left). French puts a no-break
    space (U+00A0) before ``: ; ? !`` and inside ``« »`` where there is no space at all; a space
    already there, plain, no-break or narrow (U+202F), is kept (a subtitle's lines break where
    the file breaks them, so a plain space does no harm). Canadian French: before ``:`` only, and
    inside ``« »``. Other languages: no space before ``: ; ? !`` either.
``missing-space``
    A space after ``.`` (before a capitalised word), ``,``, ``?`` or ``!`` glued to the next word
    (``end.Next``); never in numbers, ellipses, abbreviations (``e.g.``, ``U.S.A.``), domains,
    URLs or e-mail addresses.
``ellipsis``
    ``...`` to ``…`` (``ellipsis="char"``) or back (``"dots"``); without the option, the language's
    preference: the single character in English, German and Dutch (their Netflix guides ask for
    U+2026); French, Spanish and the languages without a file are left as they are.
``dialogue-dashes``
    In a cue of two or more lines that all start with a dash (``-``, ``--``, ``–``, ``—``), each
    dash written as the language writes dialogue (``segmentation.dialogue.dash_for``: a hyphen;
    an en dash in Chinese). French, Korean and Thai want a space after it, always; elsewhere a
    cue whose every dash has a space after it keeps them (the file's style), and a cue that mixes
    the two gets the language's form (a hyphen without a space, as Netflix's English guide).
``stray-dashes``
    A dash at the start of a cue whose other lines have none goes (one speaker); a dash or two at
    the end of a cue's last line (of every line in a dialogue cue) is the language's mark of
    interrupted speech: English ``--`` (Netflix's English guide), other languages an ellipsis.
    A minus sign, a number or a word broken across lines is left.
``unbalanced-tags``
    ``<i>``, ``<b>``, ``<u>`` left open are closed at the cue's end, closing tags without an
    opening one removed, a tag opened again inside itself removed, empty pairs removed.
``unbalanced-quotes``
    An odd number of double quotes (``" “ ” „ « »``): a free-standing straight quote is removed;
    a cue's one quote, opening before a word, is closed at the cue's end (the language's closing
    mark: German ``„`` -> ``“``), and its one quote closing after its last word is opened at its
    start; neither where the next (previous) cue has quotes too: a quotation over several cues,
    which Netflix opens in each cue and closes in the last. Apostrophes are never quotes; a
    quote among several, or in the middle of the text, is left.
``i-and-l``
    OCR's ``l`` for ``I`` (English ``lt's``, ``l'm``, a lone ``l``; French ``ll`` -> ``Il``/``il``)
    and a capital ``I`` inside a lowercase word (``wIth`` -> ``with``, ``fIy`` -> ``fly``),
    only where the language's words or the letters around make the reading sure.
``duplicate-words``
    A word repeated right after itself (``the the``, also over a line break) is kept once, unless
    the language repeats it (English ``that that``, ``had had``; French ``nous nous``; German
    ``die die``; Dutch ``dat dat``; interjections); ``I-I`` and ``very, very`` are left.
``empty-cues``
    Cues without a letter, digit or symbol (only spaces, tags, dashes, dots) are removed.
``identical-cues``
    Consecutive cues with the same text (tags count, line breaks do not), speaker and style, at
    most ``gap_ms`` + one frame (42 ms) apart or overlapping, become one: the first's start, the
    later end.
``short-cues``
    A cue shorter than ``min_duration_ms`` is extended into the silence after it (up to the next
    cue's start less ``gap_ms``); where the silence is too short, it is merged with the next cue
    when both have the same speaker and style, neither is a dialogue and the two hold at most two
    lines; else it is extended as far as the silence goes. A cue kept is reported with its times, a
    cue merged into the one before it as removed (as ``identical-cues`` reports its merges).

With ``keep_hi=True`` no rule touches hearing-impaired text (bracketed and parenthesised text,
speaker labels in capitals before a colon, music symbols: ``hearing_impaired.hi_spans``).
"""
from __future__ import annotations

import dataclasses
import functools
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from ..changes import Change
from ..errors import OptionError
from ..markup import STYLE_TAG, strip_tags
from ..model import Cue, Segment, Word
from ..timecode import format_vtt

RULES: tuple[str, ...] = ("double-spaces", "space-before-punctuation", "missing-space", "ellipsis",
                          "dialogue-dashes", "stray-dashes", "unbalanced-tags", "unbalanced-quotes", "i-and-l",
                          "duplicate-words", "empty-cues", "identical-cues", "short-cues")
"""Every rule's name, in the order they run."""

WORD_RULES: frozenset[str] = frozenset({"ellipsis", "i-and-l", "duplicate-words"})
"""The rules ``fix_words`` runs on a word-timed transcript's words (the others are about cues)."""

ELLIPSIS_FORMS = ("char", "dots")

FRAME_MS = 42
"""One frame at the slowest common rate (23.976 fps: 41.7 ms): how far apart two identical cues
may still be one."""


# --- per-language data ------------------------------------------------------------------------

@dataclass(frozen=True)
class FixData:
    """What a language says to the rules (from ``data/fixes/<code>.json``)."""

    ellipsis: str | None
    """``char``, ``dots`` or None (leave the ellipses as they are)."""
    space_before: str
    """The marks a no-break space goes before (French ``:;?!``); empty: no space before any."""
    guillemet_spacing: bool
    """A no-break space inside ``« »``."""
    interruption: str
    """What a trailing dash of interrupted speech becomes: ``--``, or ``...`` (the ellipsis)."""
    closing_quotes: Mapping[str, str]
    """Each opening double quote -> the mark that closes it."""
    l_words: Mapping[str, str]
    """Words OCR misreads (``lt's``) -> the word (``It's``), anywhere."""
    l_words_sentence_start: Mapping[str, str]
    """The same, at a sentence's start (French ``ll`` -> ``Il``)."""
    repeats: frozenset[str]
    """Words the language may write twice in a row (lowercase)."""


_LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{1,8})*")


@cache
def language_data(language: str | None) -> FixData:
    """The rules' data for ``language`` (``en``, ``fr-CA``, ``pt_BR``; None or unknown: generic)."""
    from ..segmentation.language import language_code

    folder = resources.files("scribekit.cleanup") / "data" / "fixes"
    merged: dict[str, Any] = json.loads((folder / "generic.json").read_text(encoding="utf-8"))
    repeats = set(merged.get("repeats", []))
    tag = (language or "").strip().lower().replace("_", "-")
    names = []
    if _LANGUAGE_TAG.fullmatch(tag):
        names = [language_code(tag)]
        if "-" in tag:
            names.append("-".join(tag.split("-")[:2]))  # the region's file: fr-ca
    for name in names:
        source = folder / f"{name}.json"
        if source.is_file():
            raw = json.loads(source.read_text(encoding="utf-8"))
            repeats |= set(raw.get("repeats", []))
            merged.update(raw)
    return FixData(
        ellipsis=merged.get("ellipsis"),
        space_before=str(merged.get("space_before") or ""),
        guillemet_spacing=bool(merged.get("guillemet_spacing", bool(merged.get("space_before")))),
        interruption=str(merged.get("interruption") or "..."),
        closing_quotes=dict(merged.get("closing_quotes") or {}),
        l_words=dict(merged.get("l_words") or {}),
        l_words_sentence_start=dict(merged.get("l_words_sentence_start") or {}),
        repeats=frozenset(word.lower() for word in repeats))


@cache
def _lexicon(language: str | None) -> frozenset[str]:
    """The language's function words (the segmenter's lists): words ``i-and-l`` may read with
    confidence."""
    from ..segmentation.language import word_lists

    lists = word_lists(language)
    words: set[str] = set()
    for field in dataclasses.fields(lists):
        words |= {entry for entry in getattr(lists, field.name) if " " not in entry}
    return frozenset(words)


@dataclass(frozen=True)
class _Context:
    language: str | None
    data: FixData
    ellipsis: str | None
    min_duration_ms: int
    gap_ms: int
    keep_hi: bool


# --- hearing-impaired text left alone -----------------------------------------------------------

def _masked(text: str, transform: Callable[[str], str], context: _Context) -> str:
    """``transform(text)`` with each hearing-impaired span (under ``keep_hi``: see
    ``hearing_impaired.hi_spans``) standing in as one private-use character that no rule reads as a
    word or a mark, and put back after."""
    if not context.keep_hi:
        return transform(text)
    from .hearing_impaired import hi_spans

    spans = hi_spans(text, language=context.language)
    if not spans:
        return transform(text)
    mark = next((chr(code) for code in range(0xE000, 0xF900) if chr(code) not in text), None)
    if mark is None:
        return text
    pieces: list[str] = []
    kept: list[str] = []
    position = 0
    for start, end in spans:
        pieces.append(text[position:start])
        kept.append(text[start:end])
        position = end
    pieces.append(text[position:])
    out = transform(mark.join(pieces))
    parts = out.split(mark)
    if len(parts) != len(kept) + 1:
        return text  # the rule moved a span: leave the cue as it was
    return "".join(part + (kept[index] if index < len(kept) else "") for index, part in enumerate(parts))


# --- the text rules -----------------------------------------------------------------------------

_H = " \t\u00a0\u202f\u2000-\u200a"
"""Horizontal spaces, as a character class's content."""
_NO_BREAK = "\u00a0\u202f"
_SPACE_RUN = re.compile(f"[{_H}]{{2,}}|\t")
_LINE_EDGES = re.compile(f"^[{_H}]+|[{_H}]+$", re.M)


def _double_spaces(text: str, context: _Context) -> str:
    def one(match: re.Match[str]) -> str:
        return next((char for char in match.group() if char in _NO_BREAK), " ")

    return _LINE_EDGES.sub("", _SPACE_RUN.sub(one, text))


_MARKS = ",.!?:;)…"
_CLOSERS = "\"'”’»)]}"
_FOLLOW = rf"(?=$|[\s{re.escape(_CLOSERS)}<])"


@cache
def _space_patterns(space_before: str) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    plain = re.escape("".join(mark for mark in _MARKS if mark not in space_before))
    marks = re.escape(_MARKS)
    before = re.compile(rf"(?<=[^\s\-‐–—])(?P<sp>[{_H}]+)(?P<p>[{plain}][{marks}]*){_FOLLOW}", re.M)
    if not space_before:
        return before, None
    spaced = re.escape(space_before)
    french = re.compile(rf"(?P<prev>[^\W_]|[\"”’»)\]])(?P<sp>[{_H}]*)(?P<p>[{spaced}])"
                        rf"(?=$|[\s\"'”’»)\]<?!.…;:,])", re.M)
    return before, french


_TIME_AFTER = re.compile(rf"[{_H}]*\d")
_GUILLEMET_OPEN = re.compile(r"«(?=[^\s»])")
_GUILLEMET_CLOSE = re.compile(r"(?<=[^\s«])»")


def _space_before_punctuation(text: str, context: _Context) -> str:
    before, french = _space_patterns(context.data.space_before)

    def drop(match: re.Match[str]) -> str:
        mark = match.group("p")
        if mark[0] in ":;" and mark[1:2] == ")":
            return match.group()  # an emoticon
        if mark[0] == ":" and match.start() > 0 and match.string[match.start() - 1].isdigit() \
                and _TIME_AFTER.match(match.string, match.end()):
            return match.group()  # a time written 10 : 30
        return mark

    text = before.sub(drop, text)
    if french is not None:
        def spaced(match: re.Match[str]) -> str:
            prev, space, mark = match.group("prev", "sp", "p")
            if space or (mark == ":" and prev.isdigit() and _TIME_AFTER.match(match.string, match.end())):
                return match.group()  # a space there already (a plain one does: subtitles break lines themselves)
            return prev + "\u00a0" + mark

        text = french.sub(spaced, text)
    if context.data.guillemet_spacing and ("«" in text or "»" in text):
        text = _GUILLEMET_OPEN.sub("«\u00a0", text)
        text = _GUILLEMET_CLOSE.sub("\u00a0»", text)
    return text


_GLUED = re.compile(r"(?<=[^\W\d_])(?P<p>[,.]|[!?]+)(?=[^\W\d_])")
_URL_SIGNS = re.compile(r"[/@:=&_#%\\]|www|\d", re.I)


_TOKEN = re.compile(r"\S+")
_TOKEN_LEAD = re.compile(r"(?:<[^<>]*>|[\"“„«'‘(\[\-–—¿¡])*")


def _missing_space(text: str, context: _Context) -> str:
    def token_fixed(token_match: re.Match[str]) -> str:
        token = token_match.group()
        if not _GLUED.search(token) or _URL_SIGNS.search(_MARKUP.sub("", token)):
            return token

        lead = _TOKEN_LEAD.match(token)
        # where the current word began (the token's start, or after a mark given its space) and
        # the latest full stop between letters: a word with two is an abbreviation (U.S.Army)
        state = {"word": lead.end() if lead is not None else 0, "dot": -1}

        def spaced(match: re.Match[str]) -> str:
            mark, start, end = match.group("p"), match.start(), match.end()
            if mark == ".":
                dot_before = state["dot"] >= state["word"]
                state["dot"] = start
                if dot_before or start - state["word"] < 2:
                    return mark  # an abbreviation or an initial (U.S.Army, e.g.)
                if not (token[end].isupper() and end + 1 < len(token) and token[end + 1].islower()):
                    return mark  # a domain (scribekit.org) or a name (ASP.NET)
            state["word"] = end
            return mark + " "

        return _GLUED.sub(spaced, token)

    return _TOKEN.sub(token_fixed, text)


_THREE_DOTS = re.compile(r"(?<!\.)\.\.\.(?!\.)")


def _ellipsis_form(context: _Context) -> str | None:
    return context.ellipsis or context.data.ellipsis


def _ellipsis_text(text: str, form: str | None) -> str:
    if form == "char" and "..." in text:
        return _THREE_DOTS.sub("…", text)
    if form == "dots" and "…" in text:
        return text.replace("…", "...")
    return text


def _ellipsis(text: str, context: _Context) -> str:
    return _ellipsis_text(text, _ellipsis_form(context))


_LEAD_DASH = re.compile(r"^(?P<pre>[ \t]*(?:<[ibu]>[ \t]*)*)(?P<dash>-{2,}|[-‐–—])(?P<sp>[ \t]*)(?=(?P<next>\S))",
                        re.I)


def _dialogue_dash(context: _Context) -> str:
    from ..segmentation.dialogue import dash_for

    return dash_for(context.language)


def _is_dialogue(lines: list[str]) -> bool:
    return len(lines) >= 2 and all(_LEAD_DASH.match(line) for line in lines)


def _dialogue_dashes(text: str, context: _Context) -> str:
    lines = text.split("\n")
    if not _is_dialogue(lines):
        return text
    matches = [_LEAD_DASH.match(line) for line in lines]
    if any(match is None or match.group("next").isdigit() for match in matches):
        return text  # a minus sign
    dash = _dialogue_dash(context)
    if not dash.endswith(" "):
        spacings = {match.group("sp") != "" for match in matches if match is not None}
        if len(spacings) == 1 and spacings.pop():
            dash += " "  # every line spaced alike: the spacing is the file's style, kept
    return "\n".join(match.group("pre") + dash + line[match.end():]
                     for line, match in zip(lines, matches) if match is not None)


_TRAILING_DASH = re.compile(r"(?<=[^\W\d_])[ \t]*(?:-{2,}|[-‐–—])(?P<tags>(?:</[ibu]>)*)[ \t]*$", re.I)


def _stray_dashes(text: str, context: _Context) -> str:
    lines = text.split("\n")
    dialogue = _is_dialogue(lines)
    if not dialogue:
        first = _LEAD_DASH.match(lines[0])
        if first is not None and not first.group("next").isdigit() and first.group("next") not in "-‐–—" \
                and not any(_LEAD_DASH.match(line) for line in lines[1:]):
            lines[0] = first.group("pre") + lines[0][first.end():]
    interruption = context.data.interruption
    if interruption != "--":
        interruption = "…" if _ellipsis_form(context) == "char" else "..."
    for index in range(len(lines)) if dialogue else (len(lines) - 1,):
        lines[index] = _TRAILING_DASH.sub(lambda m: interruption + m.group("tags"), lines[index])
    return "\n".join(lines)


_EMPTY_PAIR = re.compile(r"<([ibu])>(\s*)</\1>", re.I)


def _unbalanced_tags(text: str, context: _Context) -> str:
    if "<" not in text:
        return text
    out: list[str] = []
    opened: list[tuple[str, bool] | None] = []  # each opening tag: its name and whether it stays; None once closed
    latest: dict[str, list[int]] = {"i": [], "b": [], "u": []}  # where each name's open ones are in ``opened``
    staying = {"i": 0, "b": 0, "u": 0}
    position = 0
    for match in STYLE_TAG.finditer(text):
        out.append(text[position:match.start()])
        position = match.end()
        name = match.group(2).lower()
        if not match.group(1):
            stays = staying[name] == 0  # else the same tag opened inside itself
            latest[name].append(len(opened))
            opened.append((name, stays))
            if stays:
                staying[name] += 1
                out.append(match.group())
        elif latest[name]:
            index = latest[name].pop()
            entry = opened[index]
            opened[index] = None
            if entry is not None and entry[1]:
                staying[name] -= 1
                out.append(match.group())
    out.append(text[position:])
    out.extend(f"</{entry[0]}>" for entry in reversed(opened) if entry is not None and entry[1])
    result = "".join(out)
    while True:
        emptied = _EMPTY_PAIR.sub(lambda m: m.group(2), result)
        if emptied == result:
            return result
        result = emptied


_QUOTES = "\"“”„«»"
_MARKUP = re.compile(r"<[^<>\n]*>|\{\\[^{}]*\}")
_LEAD = re.compile(r"(?:\s|<[^<>\n]*>|\{\\[^{}]*\}|[-‐–—])*")
_TAIL = re.compile(r"(?:\s|<[^<>\n]*>|[.,!?;:…])*\Z")


def _before_closing_tags(text: str) -> int:
    """Where the closing tags and spaces that end ``text`` begin."""
    end = len(text)
    while True:
        end = len(text[:end].rstrip())
        if text[max(0, end - 4):end].lower() in ("</i>", "</b>", "</u>"):
            end -= 4
        else:
            return end


def _quote_positions(text: str) -> list[int]:
    """Where ``text``'s double quotes are, markup (``<font color="red">``) left out."""
    if not any(quote in text for quote in _QUOTES):
        return []
    hidden = {i for m in _MARKUP.finditer(text) for i in range(*m.span())}
    return [i for i, char in enumerate(text) if char in _QUOTES and i not in hidden]


def _without_stray_quote(text: str) -> str:
    """``text`` without its free-standing straight quote, when it has an odd number of quotes and
    exactly one of them stands free (``Hello " world``)."""
    positions = _quote_positions(text)
    if len(positions) % 2 == 0:
        return text
    free = [i for i in positions if text[i] == '"' and (i == 0 or text[i - 1].isspace())
            and (i + 1 == len(text) or text[i + 1].isspace())]
    if len(free) != 1:
        return text
    i = free[0]
    if i > 0 and text[i - 1] in " \t":
        return text[:i - 1] + text[i + 1:]
    if i + 1 < len(text) and text[i + 1] in " \t":
        return text[:i] + text[i + 2:]
    return text[:i] + text[i + 1:]


def _balanced_quotes(text: str, context: _Context, previous_quoted: bool, next_quoted: bool) -> str:
    """``text`` with its one lone quote balanced: an opening quote (before a word) closed at the
    end, a closing quote at the end (after the last word) opened at the start (after a dialogue
    dash and tags); left where the neighbouring cue has quotes (a quotation over several cues)."""
    positions = _quote_positions(text)
    if len(positions) != 1:
        return text
    i = positions[0]
    char = text[i]
    closing = context.data.closing_quotes
    after = text[i + 1:i + 2]
    before = text[i - 1:i]
    word_after = text[i + 1:].lstrip(_NO_BREAK)[:1]
    if char in closing and (not before or before.isspace() or before in "([:—–-") \
            and word_after and not word_after.isspace() and word_after not in _QUOTES + ".,;:!?…" \
            and any(c.isalnum() for c in text[i + 1:]):
        if next_quoted:
            return text
        space = after if after and (after in _NO_BREAK or (after == " " and char == "«")) else ""
        end = _before_closing_tags(text)
        return text[:end] + space + closing.get(char, char) + text[end:]
    lead = _LEAD.match(text)
    lead_end = lead.end() if lead is not None else 0
    if char in closing.values() and lead_end < i and before and _TAIL.match(text, i + 1) \
            and any(c.isalnum() for c in text[:i]):
        if previous_quoted:
            return text
        opener = next((o for o, c in closing.items() if c == char and o != c), char)
        space = before if before in _NO_BREAK or (before == " " and char == "»") else ""
        return text[:lead_end] + opener + space + text[lead_end:]
    return text


_WORD = re.compile(r"(?<![\w'’])[^\W\d_][\w'’]*")
_LATIN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ɏ]+")
_VOWELS = frozenset("aeiouy")
_SENTENCE_OPENERS = "\"“„«'‘([¿¡-‐–—"


def _base(char: str) -> str:
    return unicodedata.normalize("NFD", char)[0].lower()


def _inner_capital_i(word: str, lexicon: frozenset[str]) -> str | None:
    """``wIth`` -> ``with``, ``fIy`` -> ``fly``: each capital I after the first letter of a
    lowercase Latin word read as ``i`` or ``l``; None where a reading is unsure."""
    if len(word) < 3 or "I" not in word[1:] or not _LATIN.fullmatch(word.replace("'", "").replace("’", "")):
        return None
    others = [char for index, char in enumerate(word) if char.isalpha() and not (char == "I" and index > 0)]
    if not others or any(not char.islower() for char in others):
        return None
    candidates = [""]
    for index, char in enumerate(word):
        if char == "I" and index > 0:
            candidates = [c + "i" for c in candidates] + [c + "l" for c in candidates]
            if len(candidates) > 16:
                return None
        else:
            candidates = [c + char for c in candidates]
    known = [c for c in candidates if c.replace("’", "'") in lexicon]
    if len(known) == 1:
        return known[0]
    chars = list(word)
    for index, char in enumerate(word):
        if char != "I" or index == 0:
            continue
        before = _base(word[index - 1])
        after = _base(word[index + 1]) if index + 1 < len(word) else ""
        if after in _VOWELS:
            chars[index] = "l"
        elif after and after.isalpha() and before.isalpha() and before not in _VOWELS and before != "i" \
                and word[index - 1] != "I":
            chars[index] = "i"
        else:
            return None
    return "".join(chars)


def _at_sentence_start(text: str, start: int, at_start: bool) -> bool:
    """Whether the word at ``start`` begins a sentence: after ``.!?…`` with only spaces, quotes,
    dashes and tags between; at the text's start, ``at_start``."""
    index = start
    while index > 0:
        char = text[index - 1]
        if char.isspace() or char in _SENTENCE_OPENERS:
            index -= 1
        elif char == ">" and (tag := text.rfind("<", 0, index - 1)) >= 0 and "\n" not in text[tag:index]:
            index = tag
        else:
            return char in ".!?…"
    return at_start


def _i_and_l_text(text: str, data: FixData, lexicon: frozenset[str], at_start: bool = True) -> str:
    if "l" not in text and "I" not in text:
        return text

    def fixed(match: re.Match[str]) -> str:
        word, start, end = match.group(), match.start(), match.end()
        if start >= 2 and text[start - 1] in "-‐" and text[start - 2].isalnum():
            return word  # a compound's second part
        if end + 1 < len(text) and text[end] in "-‐" and text[end + 1].isalnum():
            return word
        key = word.replace("’", "'")
        replacement = None
        if key in data.l_words_sentence_start and _at_sentence_start(text, start, at_start):
            replacement = data.l_words_sentence_start[key]
        replacement = replacement or data.l_words.get(key)
        if replacement is not None:
            if key == "l" and _after_number(text, start):
                return word  # litres: 2 l
            return replacement.replace("'", "’" if "’" in word else "'")
        if "I" in word[1:]:
            return _inner_capital_i(word, lexicon) or word
        return word

    return _WORD.sub(fixed, text)


def _after_number(text: str, start: int) -> bool:
    index = start
    while index > 0 and text[index - 1].isspace():
        index -= 1
    return index > 0 and text[index - 1].isdigit()


def _i_and_l(text: str, context: _Context) -> str:
    return _i_and_l_text(text, context.data, _lexicon(context.language))


_DUPLICATE = re.compile(r"(?<![\w'’\-‐])(?P<w>[^\W\d_][\w'’]*)(?P<sp>\s+)(?P=w)(?![\w'’\-‐])(?P<after>[ \t]*)",
                        re.I)


def _duplicate_words(text: str, context: _Context) -> str:
    repeats = context.data.repeats

    def once(match: re.Match[str]) -> str:
        word, space, after = match.group("w", "sp", "after")
        if word.lower() in repeats:
            return match.group()
        return word + space if "\n" in space else word + after

    while True:
        result = _DUPLICATE.sub(once, text)
        if result == text:
            return result
        text = result


# --- running rules over cues ------------------------------------------------------------------

def _times(cue: Cue) -> str:
    return f"{format_vtt(cue.start)} --> {format_vtt(cue.end)}"


def _text_rule(rule: str, transform: Callable[[str, _Context], str]
               ) -> Callable[[list[Cue], _Context], tuple[list[Cue], list[Change]]]:
    def run(cues: list[Cue], context: _Context) -> tuple[list[Cue], list[Change]]:
        out: list[Cue] = []
        changes: list[Change] = []
        for number, cue in enumerate(cues, 1):
            text = "\n".join(cue.lines)
            new = _masked(text, lambda t: transform(t, context), context)
            if new != text:
                lines = [line for line in new.split("\n") if line.strip()]
                if lines and lines != cue.lines:
                    changes.append(Change(rule, number, cue.start, text, "\n".join(lines)))
                    out.append(dataclasses.replace(cue, lines=lines))
                    continue
            out.append(cue)
        return out, changes

    return run


def _unbalanced_quotes(cues: list[Cue], context: _Context) -> tuple[list[Cue], list[Change]]:
    texts = ["\n".join(cue.lines) for cue in cues]
    first = [_masked(text, _without_stray_quote, context) for text in texts]
    quoted = [bool(_quote_positions(text)) for text in first]
    out: list[Cue] = []
    changes: list[Change] = []
    for index, cue in enumerate(cues):
        previous_quoted = index > 0 and quoted[index - 1]
        next_quoted = index + 1 < len(cues) and quoted[index + 1]
        new = _masked(first[index], functools.partial(_balanced_quotes, context=context,
                                                      previous_quoted=previous_quoted, next_quoted=next_quoted),
                      context)
        lines = [line for line in new.split("\n") if line.strip()]
        if new != texts[index] and lines and lines != cue.lines:
            changes.append(Change("unbalanced-quotes", index + 1, cue.start, texts[index], "\n".join(lines)))
            out.append(dataclasses.replace(cue, lines=lines))
        else:
            out.append(cue)
    return out, changes


def _visible(text: str) -> bool:
    return any(unicodedata.category(char)[0] in "LNS" for char in strip_tags(text))


def _empty_cues(cues: list[Cue], context: _Context) -> tuple[list[Cue], list[Change]]:
    out: list[Cue] = []
    changes: list[Change] = []
    for number, cue in enumerate(cues, 1):
        if _visible("".join(cue.lines)):
            out.append(cue)
        else:
            changes.append(Change("empty-cues", number, cue.start, "\n".join(cue.lines), ""))
    return out, changes


def _same_text(first: Cue, second: Cue) -> bool:
    return (first.speaker == second.speaker and first.style == second.style
            and " ".join(" ".join(first.lines).split()) == " ".join(" ".join(second.lines).split()))


def _identical_cues(cues: list[Cue], context: _Context) -> tuple[list[Cue], list[Change]]:
    out: list[Cue] = []
    changes: list[Change] = []
    kept: tuple[int, Cue] | None = None  # the number and the cue as given of the cue others merge into

    def close_group() -> None:
        if kept is not None and out[-1].end != kept[1].end:
            changes.append(Change("identical-cues", kept[0], kept[1].start, _times(kept[1]), _times(out[-1])))

    for number, cue in enumerate(cues, 1):
        if out and kept is not None and _same_text(out[-1], cue) and cue.start >= out[-1].start \
                and cue.start - out[-1].end <= context.gap_ms + FRAME_MS:
            if cue.end > out[-1].end:
                out[-1] = dataclasses.replace(out[-1], end=cue.end)
            changes.append(Change("identical-cues", number, cue.start, "\n".join(cue.lines), ""))
            continue
        close_group()
        kept = (number, cue)
        out.append(cue)
    close_group()
    return out, changes


def _short_cues(cues: list[Cue], context: _Context) -> tuple[list[Cue], list[Change]]:
    minimum = context.min_duration_ms
    if minimum <= 0:
        return list(cues), []
    out: list[Cue] = []
    changes: list[Change] = []
    index = 0
    while index < len(cues):
        number, cue = index + 1, cues[index]
        merged_from: Cue | None = None
        while cue.end - cue.start < minimum:
            following = cues[index + 1] if index + 1 < len(cues) else None
            target = cue.start + minimum
            limit = following.start - context.gap_ms if following is not None else target
            if limit >= target:
                cue = dataclasses.replace(cue, end=target)
                break
            if following is not None and merged_from is None and _mergeable(cue, following):
                words = cue.words + following.words if cue.words is not None and following.words is not None \
                    else None
                merged_from = cue
                changes.append(Change("short-cues", index + 2, following.start, "\n".join(following.lines), ""))
                lines = [line for line in cue.lines + following.lines if line.strip()]
                cue = dataclasses.replace(cue, end=max(cue.end, following.end), lines=lines, words=words)
                index += 1
                continue
            if limit > cue.end:
                cue = dataclasses.replace(cue, end=limit)
            break
        original = cues[number - 1]
        if cue is not original:
            changes.append(Change("short-cues", number, original.start, _times(original), _times(cue)))
        out.append(cue)
        index += 1
    return out, changes


def _mergeable(cue: Cue, following: Cue) -> bool:
    return (cue.speaker == following.speaker and cue.style == following.style
            and any(line.strip() for line in cue.lines) and any(line.strip() for line in following.lines)
            and following.start >= cue.start and following.end > cue.end
            and len(cue.lines) + len(following.lines) <= 2
            and not any(_LEAD_DASH.match(line) for line in cue.lines + following.lines))


_STEPS: dict[str, Callable[[list[Cue], _Context], tuple[list[Cue], list[Change]]]] = {
    "double-spaces": _text_rule("double-spaces", _double_spaces),
    "space-before-punctuation": _text_rule("space-before-punctuation", _space_before_punctuation),
    "missing-space": _text_rule("missing-space", _missing_space),
    "ellipsis": _text_rule("ellipsis", _ellipsis),
    "dialogue-dashes": _text_rule("dialogue-dashes", _dialogue_dashes),
    "stray-dashes": _text_rule("stray-dashes", _stray_dashes),
    "unbalanced-tags": _text_rule("unbalanced-tags", _unbalanced_tags),
    "unbalanced-quotes": _unbalanced_quotes,
    "i-and-l": _text_rule("i-and-l", _i_and_l),
    "duplicate-words": _text_rule("duplicate-words", _duplicate_words),
    "empty-cues": _empty_cues,
    "identical-cues": _identical_cues,
    "short-cues": _short_cues,
}


def _rule_names(rules: Iterable[str] | str) -> frozenset[str]:
    names = rules.split(",") if isinstance(rules, str) else list(rules)
    chosen = {str(name).strip().lower() for name in names if str(name).strip()}
    if "all" in chosen:
        return frozenset(RULES)
    unknown = sorted(chosen - set(RULES))
    if unknown:
        raise OptionError(f"fix: no rule {unknown[0]!r}", hint="the rules: all, " + ", ".join(RULES))
    return frozenset(chosen)


def _context(language: str | None, ellipsis: str | None, min_duration_ms: int, gap_ms: int,
             keep_hi: bool) -> _Context:
    if ellipsis is not None and ellipsis not in ELLIPSIS_FORMS:
        raise OptionError(f"ellipsis={ellipsis!r} is not one of {', '.join(ELLIPSIS_FORMS)}")
    for name, value in (("min_duration_ms", min_duration_ms), ("gap_ms", gap_ms)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise OptionError(f"{name}={value!r}: give a whole number of milliseconds, 0 or more")
    if language is not None and not isinstance(language, str):
        raise OptionError(f"language={language!r}: give a language code such as 'en' or 'fr-CA'")
    return _Context(language, language_data(language), ellipsis, min_duration_ms, gap_ms, keep_hi)


def fix(cues: list[Cue], rules: Iterable[str] | str, *, language: str | None = None, ellipsis: str | None = None,
        min_duration_ms: int = 0, gap_ms: int = 0, keep_hi: bool = False) -> tuple[list[Cue], list[Change]]:
    """``cues`` with the common errors the named ``rules`` fix (``"all"`` for every rule), run in
    ``RULES``' order, and one :class:`~scribekit.changes.Change` per cue each rule changed (its
    number and start in the cues that rule was given; ``after`` empty for a cue removed; a change
    of times only reported as ``HH:MM:SS.mmm --> HH:MM:SS.mmm``).

    ``language`` (``en``, ``fr-CA``) picks the rules' per-language data; ``ellipsis`` (``char`` or
    ``dots``) overrides the language's ellipsis; ``min_duration_ms`` and ``gap_ms`` are what
    ``short-cues`` extends to and keeps free before the next cue (``gap_ms`` also widens what
    ``identical-cues`` merges); ``keep_hi`` keeps every rule off hearing-impaired text. The cues
    given are left as they are, and a cue no rule changed is the same object in the result. A
    rule's name not in ``RULES`` is an :class:`~scribekit.errors.OptionError`."""
    chosen = _rule_names(rules)
    context = _context(language, ellipsis, min_duration_ms, gap_ms, keep_hi)
    result = list(cues)
    changes: list[Change] = []
    for rule in RULES:
        if rule in chosen:
            result, found = _STEPS[rule](result, context)
            changes += found
    return result, changes


# --- words ------------------------------------------------------------------------------------

_WHOLE_WORD = re.compile(r"[^\W\d_][\w'’]*")
_WORD_HEAD = re.compile(r"[^\W\d_][\w'’]*")
_WORD_TAIL = re.compile(r"(?<![\w'’])[^\W\d_][\w'’]*\Z")


def _same_word_twice(first: Word, second: Word, repeats: frozenset[str]) -> Word | None:
    """``first`` standing for both words when ``second`` repeats it (``the`` ``the.`` -> ``the.``)."""
    if first.sound or second.sound:
        return None
    tail = _WORD_TAIL.search(first.text)
    head = _WORD_HEAD.match(second.text)
    if tail is None or head is None or tail.group().lower() != head.group().lower():
        return None
    rest = second.text[head.end():]
    if tail.group().lower() in repeats or (rest and (rest[0].isalnum() or rest[0] in "-‐'’_")):
        return None
    return dataclasses.replace(first, text=first.text + rest, end=max(first.end, second.end))


def _fixed_words(words: list[Word], rule: str, data: FixData, lexicon: frozenset[str],
                 form: str | None) -> list[Word]:
    out: list[Word] = []
    for index, word in enumerate(words):
        if rule == "duplicate-words":
            merged = _same_word_twice(out[-1], word, data.repeats) if out else None
            if merged is not None:
                out[-1] = merged
                continue
            out.append(word)
            continue
        if rule == "ellipsis":
            text = _ellipsis_text(word.text, form)
        else:
            text = word.text if word.sound else _i_and_l_text(word.text, data, lexicon, index == 0)
            if index and not word.sound:  # read after the word before, for a sentence's start and "2 l"
                before = words[index - 1].text + " "
                joined = _i_and_l_text(before + word.text, data, lexicon, False)
                if joined.startswith(before):
                    text = joined[len(before):]
        out.append(word if text == word.text or not text.strip() else dataclasses.replace(word, text=text))
    return out


def fix_words(segments: list[Segment], rules: Iterable[str] | str, *, language: str | None = None,
              ellipsis: str | None = None) -> tuple[list[Segment], list[Change]]:
    """A word-timed transcript's turns with the ``WORD_RULES`` among ``rules`` run on their words
    (the other rules are about cues and are skipped): ``ellipsis`` and ``i-and-l`` on each word,
    ``duplicate-words`` keeping a word said twice in a row once (the kept word lasts until the
    repeat's end). One :class:`~scribekit.changes.Change` per turn a rule changed, ``cue`` the
    turn's number from 1, before and after the turn's text. The segments given are left as they
    are."""
    chosen = _rule_names(rules)
    context = _context(language, ellipsis, 0, 0, False)
    lexicon = _lexicon(language) if "i-and-l" in chosen else frozenset()
    result = list(segments)
    changes: list[Change] = []
    for rule in RULES:
        if rule not in chosen or rule not in WORD_RULES:
            continue
        form = _ellipsis_form(context)
        if rule == "ellipsis" and form is None:
            continue
        out: list[Segment] = []
        for number, segment in enumerate(result, 1):
            words = _fixed_words(segment.words, rule, context.data, lexicon, form)
            if len(words) == len(segment.words) and all(a is b for a, b in zip(words, segment.words)):
                out.append(segment)
                continue
            fixed = dataclasses.replace(segment, words=words)
            changes.append(Change(rule, number, segment.start, segment.text, fixed.text))
            out.append(fixed)
        result = out
    return result, changes


__all__ = ["FRAME_MS", "RULES", "WORD_RULES", "FixData", "fix", "fix_words", "language_data"]
