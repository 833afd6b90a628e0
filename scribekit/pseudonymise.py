"""Names replaced by pseudonyms throughout a transcript (``--pseudonymise names.csv``).

The list is a CSV file of two columns, a name and its pseudonym (see :func:`read_pseudonyms`).
:func:`pseudonymise` replaces every listed name in the words of every speaker turn (a name of
several words becomes one word), the speakers' names, the cue lines of a transcript read from a
subtitle file, highlight labels, the file name and the metadata's strings, and nothing else.

How a name is found in text (:func:`replace_names`):

- Whole words only: "Anna" is found in "Anna", "Anna," "Anna's", "(Anna)", "Anna-Lena" and
  "interview_Anna.json" (punctuation, hyphens, underscores and dots separate words: list
  "Anna-Lena" to replace it whole), never inside "Annabelle", "Hannah" or "Savanna". A letter,
  digit or combining mark next to the name makes it part of a longer word.
- Names in Han or kana, Thai, Lao, Khmer or Myanmar script (written without spaces between
  words) are found anywhere in the text: "张伟" in "我是张伟的朋友". A Hangul name needs a word
  boundary before it but may be followed by a particle ("민수가").
- Case: a name is found as written and in capitals ("Anna", "ANNA"), not in lower case, so that
  a name "Will" or "Rose" leaves the verb "will" and the flower "rose" alone. A name written in
  the list all in lower case or all in capitals (no case to go by) is also found with each word's
  first letter capitalised ("anna" -> "Anna"). ``Pseudonyms(ignore_case=True)`` finds every case.
  A name found in capitals is replaced by its pseudonym in capitals ("ANNA" -> "PERSON A"); in
  text all in capitals a name that is also a word ("WILL") is replaced wherever it stands.
- The words of a name of several words may be separated by any white space (a cue's line break
  too: the two lines then become one), and in the file name by ``_``, ``-`` or ``.`` as well
  ("interview_Anna_Schmidt.json" -> "interview_Person_A.json": the pseudonym's spaces become the
  file name's separator).
- Text is compared in Unicode NFC ("Zoe" + combining diaeresis is "Zoë"), and the typographic
  apostrophe as the plain one ("O’Brien" is "O'Brien"); the text around a name keeps its own form.
- Where names overlap, the longest listed name wins ("Anna Schmidt" before "Anna"); each piece of
  text is replaced once, so a pseudonym that is itself a listed name is not replaced again.

:func:`pseudonymise_report` also counts each name's replacements and names the listed names left
in a case the rule does not replace ("anna" in a transcript in lower case), for the one line
:meth:`Report.line` gives the user.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from .changes import Change
from .errors import OptionError, ReadError
from .model import Cue, Highlight, Segment, Speaker, Transcript, Word

RULE = "pseudonymise"
"""The rule of every Change :func:`pseudonymise` reports."""

MAX_NAME = 200
"""The most characters a name or pseudonym may have."""
MAX_NAMES = 20_000
"""The most names a list may hold."""
_MAX_ROW = 4 * MAX_NAME + 200
"""The longest row of a list read (the two cells quoted, their quotes doubled, empty cells after)."""

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'"})
_SPACES = re.compile(r"\s+")
_FILE_SEPARATORS = re.compile(r"[\s_.\-]+")
_TAGS = re.compile(r"</?(?:i|b|u|font)(?:\s[^<>]*)?>|\{\\[^{}]*\}", re.IGNORECASE)
"""Markup of cue lines (style and font tags, ASS override blocks): never searched for names."""


def _normal_name(name: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFC", name)).strip().translate(_APOSTROPHES)


@dataclass(frozen=True)
class Pseudonyms:
    """The names to replace and their pseudonyms.

    ``names`` holds (name, pseudonym) pairs; construction normalises each name (NFC, runs of
    white space as one space, the typographic apostrophe as the plain one) and orders them
    longest first, the order they are tried in. Several names may share a pseudonym. Raises
    OptionError for a name without a letter or digit, an empty pseudonym, or a name given twice
    with different pseudonyms."""

    names: tuple[tuple[str, str], ...]
    ignore_case: bool = False
    """Find names in any case ("anna", "aNNA" too), for transcripts in lower case."""
    _cache: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        seen: dict[str, str] = {}
        pairs: list[tuple[str, str]] = []
        for raw_name, raw_pseudonym in self.names:
            name = _normal_name(raw_name)
            pseudonym = _SPACES.sub(" ", unicodedata.normalize("NFC", raw_pseudonym)).strip()
            problem = _problem(name, pseudonym)
            if problem:
                raise OptionError(problem)
            key = _fold(name) if self.ignore_case else name
            if key in seen:
                if seen[key] != pseudonym:
                    raise OptionError(f"{name!r} is listed twice, with pseudonyms {seen[key]!r} and {pseudonym!r}")
                continue
            seen[key] = pseudonym
            pairs.append((name, pseudonym))
        pairs.sort(key=lambda pair: -len(pair[0]))
        object.__setattr__(self, "names", tuple(pairs))

    @classmethod
    def of(cls, mapping: Mapping[str, str] | Iterable[tuple[str, str]], *, ignore_case: bool = False) -> Pseudonyms:
        """Pseudonyms from a mapping (or pairs) of names to pseudonyms."""
        pairs = mapping.items() if isinstance(mapping, Mapping) else mapping
        return cls(tuple(pairs), ignore_case)

    def pseudonym(self, name: str) -> str | None:
        """The pseudonym of a listed name (as listed, or in any case under ``ignore_case``)."""
        return _matcher(self, False).pseudonym_of(name)


def _problem(name: str, pseudonym: str) -> str | None:
    """What is wrong with a normalised pair, or None."""
    if not name:
        return f"no name before the pseudonym {pseudonym!r}"
    if not any(_is_word_char(char) for char in name):
        return f"the name {name!r} has no letter or digit"
    if not pseudonym:
        return f"{name!r} has no pseudonym (a name is never replaced by nothing: write one, e.g. [name])"
    if len(name) > MAX_NAME or len(pseudonym) > MAX_NAME:
        return f"a name or pseudonym of more than {MAX_NAME} characters"
    return None


def _fold(text: str) -> str:
    """The per-character lower case the ignore-case pattern is built of (one character each)."""
    return "".join(low if len(low := char.lower()) == 1 else char for char in text)


# --- where words end ---------------------------------------------------------------------------

_UNSPACED = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf"
                       "\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003ffff]")
"""Scripts written without spaces between words: Thai, Lao, Myanmar, Khmer, kana, Han."""
_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")


def _is_word_char(char: str) -> bool:
    return char.isalnum() or unicodedata.category(char).startswith("M")


_WORD = r"[^\W_]"
"""A letter or digit (the pattern's boundaries; a combining mark next to a name is checked apart)."""


def _is_mark(char: str) -> bool:
    return unicodedata.category(char).startswith("M")


def _needs_boundary_before(char: str) -> bool:
    return _is_word_char(char) and not _UNSPACED.match(char)


def _needs_boundary_after(char: str) -> bool:
    return _is_word_char(char) and not _UNSPACED.match(char) and not _HANGUL.match(char)


# --- the matcher -------------------------------------------------------------------------------

class _Matcher:
    """One compiled pattern of every listed name's forms, and the way back from a form found to
    the name."""

    def __init__(self, pseudonyms: Pseudonyms, file_name: bool) -> None:
        self.ignore_case = pseudonyms.ignore_case
        self.file_name = file_name
        self.forms: dict[str, str] = {}
        """A form that may be found (as the pattern holds it) -> its name."""
        self.loose: dict[str, str] = {}
        """The same with file-name separators as spaces (how a file name's form is looked up)."""
        self.pseudonyms = dict(pseudonyms.names)
        derived: list[tuple[str, str]] = []
        for name, _ in pseudonyms.names:
            if self.ignore_case:
                self.forms.setdefault(_fold(name), name)
                continue
            self.forms.setdefault(name, name)
            derived.append((name.upper(), name))
            if name == name.lower() or name == name.upper():
                derived.append((" ".join(word[:1].upper() + word[1:].lower() for word in name.split(" ")), name))
        for form, name in derived:
            self.forms.setdefault(form, name)
        for form, name in self.forms.items():
            self.loose.setdefault(_FILE_SEPARATORS.sub(" ", form), name)
        self.pattern = re.compile(self._trie_pattern(), re.IGNORECASE if self.ignore_case else 0) \
            if self.forms else None

    def _trie_pattern(self) -> str:
        trie: dict[str, Any] = {}
        for form in self.forms:
            node = trie
            for char in form:
                node = node.setdefault(char, {})
            node[""] = True
        word = _WORD
        separator = r"[\s_.\-]+" if self.file_name else r"\s+"

        def piece(char: str) -> str:
            if char == " ":
                return separator
            if char == "'":
                return "['\u2019\u02bc]"
            return re.escape(char)

        def branches(node: dict[str, Any], last: str, first: bool) -> str:
            options = []
            for char in sorted((c for c in node if c), key=lambda c: (c == " ", c)):
                text = piece(char)
                if first and _needs_boundary_before(char):
                    text += f"(?<!{word}.)"
                child = node[char]
                while len(child) == 1 and "" not in child:  # a single path: no group needed
                    (next_char, child), = child.items()
                    char = next_char
                    text += piece(char)
                rest = branches(child, char, False)
                options.append(text + rest)
            if "" in node:  # the name may end here: after every longer continuation
                options.append(f"(?!{word})" if _needs_boundary_after(last) else "")
            if first:
                return "|".join(options)
            return options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"

        return branches(trie, "", True)

    def name_of(self, found: str) -> str | None:
        """The listed name of a text the pattern found."""
        key = _SPACES.sub(" ", found).translate(_APOSTROPHES)
        if self.ignore_case:
            key = _fold(key)
        name = self.forms.get(key)
        if name is None and self.file_name:
            name = self.loose.get(_FILE_SEPARATORS.sub(" ", key))
        return name

    def pseudonym_of(self, name: str) -> str | None:
        name = self.name_of(_normal_name(name)) or ""
        return self.pseudonyms.get(name)

    def replacement(self, found: str, name: str) -> str:
        pseudonym = self.pseudonyms[name]
        if found.isupper() and not name.isupper() and len(found) > 1:
            pseudonym = pseudonym.upper()
        if self.file_name:
            separators = [char for char in found if char in "_-. "]
            pseudonym = _SPACES.sub(separators[0] if separators else "_", pseudonym)
        return pseudonym

    def find(self, text: str) -> list[tuple[int, int, str, str]]:
        """(start, end, name, replacement) of every name in ``text``, in order."""
        if self.pattern is None or not text:
            return []
        normal, origin = _nfc(text)
        pattern = self.pattern
        found = []
        position = 0
        while (match := pattern.search(normal, position)) is not None:
            start = match.start()
            position = start + 1
            if start and _is_mark(normal[start - 1]) and _needs_boundary_before(normal[start]):
                continue
            # a combining mark after the name (the pattern's boundary knows letters and digits
            # only) makes it part of a longer word: a shorter name may still end before it
            while match is not None and match.end() < len(normal) and _is_word_char(normal[match.end()]) \
                    and _needs_boundary_after(normal[match.end() - 1]):
                match = pattern.match(normal, start, match.end() - 1) if match.end() - 1 > start else None
            if match is None:
                continue
            end = match.end()
            position = end
            if origin is not None:
                start, end = origin[start], origin[end]
                if start < 0 or end < 0:  # inside a character's combining sequence
                    continue
            name = self.name_of(match.group())
            if name is not None:
                found.append((start, end, name, self.replacement(match.group(), name)))
        return found


def _matcher(pseudonyms: Pseudonyms, file_name: bool) -> _Matcher:
    key = "file" if file_name else "text"
    matcher = pseudonyms._cache.get(key)
    if matcher is None:
        matcher = pseudonyms._cache[key] = _Matcher(pseudonyms, file_name)
    assert isinstance(matcher, _Matcher)
    return matcher


def _starts_sequence(char: str) -> bool:
    """Whether a combining sequence starts at this character (NFC composes within one only)."""
    return not (unicodedata.combining(char) or unicodedata.category(char).startswith("M")
                or "\u1160" <= char <= "\u11ff")


def _nfc(text: str) -> tuple[str, list[int] | None]:
    """``text`` in NFC, and for text that was not, the index in ``text`` of each index of the
    NFC text (-1 inside a combining sequence; one more index for the end)."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text, None
    pieces: list[str] = []
    origin: list[int] = []
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or _starts_sequence(text[index]):
            piece = unicodedata.normalize("NFC", text[start:index])
            pieces.append(piece)
            origin.append(start)
            origin.extend([-1] * (len(piece) - 1))
            start = index
    origin.append(len(text))
    return "".join(pieces), origin


# --- text ----------------------------------------------------------------------------------------

def _replace(text: str, pseudonyms: Pseudonyms, file_name: bool = False) -> tuple[str, list[str]]:
    """``text`` with every listed name replaced, and the names replaced (in order)."""
    found = _matcher(pseudonyms, file_name).find(text)
    if not found:
        return text, []
    out: list[str] = []
    last = 0
    for start, end, _, replacement in found:
        out.append(text[last:start])
        out.append(replacement)
        last = end
    out.append(text[last:])
    return "".join(out), [name for _, _, name, _ in found]


def replace_names(text: str, pseudonyms: Pseudonyms) -> tuple[str, int]:
    """``text`` with every listed name replaced by its pseudonym (the rules in this module's
    documentation), and the number of names replaced."""
    new, names = _replace(text, pseudonyms)
    return new, len(names)


def _replace_markup(text: str, pseudonyms: Pseudonyms) -> tuple[str, list[str]]:
    """A cue line's text with the names replaced between its tags (a tag is never searched)."""
    if "<" not in text and "{" not in text:
        return _replace(text, pseudonyms)
    out: list[str] = []
    names: list[str] = []
    last = 0
    for tag in _TAGS.finditer(text):
        piece, found = _replace(text[last:tag.start()], pseudonyms)
        out += [piece, tag.group()]
        names += found
        last = tag.end()
    piece, found = _replace(text[last:], pseudonyms)
    return "".join(out) + piece, names + found


# --- the transcript ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Report:
    """What :func:`pseudonymise` replaced."""

    changes: tuple[Change, ...]
    """One Change per word (or span of words merged into one), speaker, cue, highlight label and
    metadata string changed; ``cue`` is the number (from 1) of the speaker turn, or of the cue for
    cue lines, and 0 for speakers, highlights and metadata."""
    counts: tuple[tuple[str, str, int], ...]
    """(name, pseudonym, times replaced) of every listed name, in the list's order (longest first)."""
    other_case: tuple[tuple[str, str], ...] = ()
    """(name, the first text found) of the listed names left in a case the case rule does not
    replace ("anna" for "Anna": a transcript in lower case? then ``ignore_case``; or the verb
    "will" for "Will": nothing to do)."""

    @property
    def replaced(self) -> int:
        """The number of names replaced."""
        return sum(count for _, _, count in self.counts)

    @property
    def not_found(self) -> tuple[str, ...]:
        """The listed names found nowhere (a typing error in the list, or a name not said)."""
        return tuple(name for name, _, count in self.counts if not count)

    def line(self) -> str:
        """One line for the user: ``replaced 12 names: Anna -> Person A (7), ...; not found: Ben``."""
        return summary_line(self.counts, self.other_case)

    @classmethod
    def combined(cls, reports: Iterable[Report]) -> Report:
        """The reports of several files (made with the same list) as one: the counts added up, the
        changes of each in turn."""
        changes: list[Change] = []
        counts: dict[tuple[str, str], int] = {}
        other_case: dict[str, str] = {}
        for report in reports:
            changes += report.changes
            for name, pseudonym, count in report.counts:
                counts[name, pseudonym] = counts.get((name, pseudonym), 0) + count
            for name, found in report.other_case:
                other_case.setdefault(name, found)
        return cls(tuple(changes), tuple((name, pseudonym, count) for (name, pseudonym), count in counts.items()),
                   tuple(other_case.items()))


def summary_line(counts: Iterable[tuple[str, str, int]], other_case: Iterable[tuple[str, str]] = ()) -> str:
    """``replaced 12 names: Anna Schmidt -> Person A (5), Anna -> Person A (7); not found: Ben;
    left in another case: Will ('will')`` from (name, pseudonym, count) triples (add up the
    counts of several files for a batch) and :attr:`Report.other_case`."""
    counts = list(counts)
    found = [(name, pseudonym, count) for name, pseudonym, count in counts if count]
    total = sum(count for _, _, count in found)
    line = (f"replaced {total} name{'s' if total != 1 else ''}: "
            + ", ".join(f"{name} -> {pseudonym} ({count})" for name, pseudonym, count in found)) if found \
        else "replaced no names"
    missing = [name for name, _, count in counts if not count]
    if missing:
        shown = ", ".join(missing[:10]) + (f" and {len(missing) - 10} more" if len(missing) > 10 else "")
        line += f"; not found: {shown}"
    other = [f"{name} ({found!r})" for name, found in dict(other_case).items()]
    if other:
        shown = ", ".join(other[:10]) + (f" and {len(other) - 10} more" if len(other) > 10 else "")
        line += f"; left in another case: {shown}"
    return line


class _Run:
    """The changes and counts of one transcript's pseudonymisation."""

    def __init__(self, pseudonyms: Pseudonyms) -> None:
        self.pseudonyms = pseudonyms
        self.changes: list[Change] = []
        self.counts = dict.fromkeys((name for name, _ in pseudonyms.names), 0)

    def record(self, cue: int, start: int, before: str, after: str, names: list[str]) -> None:
        if before == after:  # a name whose pseudonym is itself
            return
        self.changes.append(Change(RULE, cue, start, before, after))
        for name in names:
            self.counts[name] += 1

    def text(self, text: str, cue: int, start: int, file_name: bool = False) -> str:
        new, names = _replace(text, self.pseudonyms, file_name)
        if names:
            self.record(cue, start, text, new, names)
        return new

    def value(self, value: Any, cue: int, start: int, record: bool = True) -> Any:
        """A provider field or metadata value with the names in its strings (keys too) replaced;
        the same object when nothing changed. Walked without recursion: a file may nest deeply."""

        def string(text: str) -> str:
            return self.text(text, cue, start) if record else _replace(text, self.pseudonyms)[0]

        if isinstance(value, str):
            return string(value)
        if not isinstance(value, (dict, list, tuple)):
            return value
        # each frame: a container, its children (a dict's keys and values in turn), the new ones
        stack: list[tuple[Any, list[Any], list[Any]]] = [(value, _children(value), [])]
        while True:
            container, children, done = stack[-1]
            if len(done) < len(children):
                child = children[len(done)]
                if isinstance(child, (dict, list, tuple)):
                    stack.append((child, _children(child), []))
                else:
                    done.append(string(child) if isinstance(child, str) else child)
                continue
            stack.pop()
            if all(new is old for new, old in zip(done, children)):
                new_container = container
            elif isinstance(container, dict):
                new_container = dict(zip(done[0::2], done[1::2]))
            else:
                new_container = tuple(done) if isinstance(container, tuple) else done
            if not stack:
                return new_container
            stack[-1][2].append(new_container)

    def words(self, words: list[Word], number: int, record: bool = True) -> list[Word]:
        """A turn's (or cue's) words with the names replaced; a name over several words becomes
        one word."""
        if not words:
            return words
        texts = [word.text for word in words]
        starts: list[int] = []
        parts: list[str] = []
        position = 0
        for index, text in enumerate(texts):
            if index:
                before = texts[index - 1]
                joined = bool(before and text and _UNSPACED.match(before[-1]) and _UNSPACED.match(text[0]))
                if not joined:
                    parts.append(" ")
                    position += 1
            starts.append(position)
            parts.append(text)
            position += len(text)
        line = "".join(parts)
        found = _matcher(self.pseudonyms, False).find(line)
        if not found:
            return [self._extra(word, number, record) for word in words]
        groups: list[tuple[int, int, list[tuple[int, int, str, str]]]] = []
        for match in found:
            first = bisect_right(starts, match[0]) - 1
            last = bisect_right(starts, match[1] - 1) - 1
            if groups and first <= groups[-1][1]:
                groups[-1] = (groups[-1][0], max(last, groups[-1][1]), groups[-1][2] + [match])
            else:
                groups.append((first, last, [match]))
        out: list[Word] = []
        done = 0
        for first, last, matches in groups:
            out += [self._extra(word, number, record) for word in words[done:first]]
            done = last + 1
            text_start = starts[first]
            text_end = starts[last] + len(texts[last])
            pieces = []
            cursor = text_start
            for start, end, _, replacement in matches:
                pieces += [line[cursor:start], replacement]
                cursor = end
            pieces.append(line[cursor:text_end])
            new_text = "".join(pieces)
            span = words[first:last + 1]
            before = line[text_start:text_end]
            if record:
                self.record(number, span[0].start, before, new_text, [m[2] for m in matches])
            extra = span[0].extra
            if extra is not None:
                extra = self.value(extra, number, span[0].start, record=False)
            if len(span) == 1:
                out.append(replace(span[0], text=new_text, extra=extra))
            else:
                known = [word.confidence for word in span if word.confidence is not None]
                out.append(Word(new_text, span[0].start, span[-1].end, min(known) if known else None, extra,
                                cue_end=span[-1].cue_end, sound=all(word.sound for word in span)))
        out += [self._extra(word, number, record) for word in words[done:]]
        return out

    def _extra(self, word: Word, number: int, record: bool) -> Word:
        """A word whose text holds no name, with the names in its provider fields replaced."""
        if not word.extra:
            return word
        extra = self.value(word.extra, number, word.start, record)
        return word if extra is word.extra else replace(word, extra=extra)


def pseudonymise_report(transcript: Transcript, pseudonyms: Pseudonyms) -> tuple[Transcript, Report]:
    """:func:`pseudonymise` with the counts of each name for the report line."""
    run = _Run(pseudonyms)
    if not pseudonyms.names:
        return transcript, Report((), ())

    speaker_names: dict[str, str] = {}

    def speaker(value: str | None) -> str | None:
        if value is None:
            return None
        if value not in speaker_names:
            speaker_names[value] = run.text(value, 0, 0)
        return speaker_names[value]

    speakers: list[Speaker] = []
    kept: set[tuple[str, str]] = set()
    for entry in transcript.speakers:
        name, ident = speaker(entry.name), speaker(entry.id)
        assert name is not None and ident is not None
        new = entry if name == entry.name and ident == entry.id else Speaker(ident, name)
        if (new.id, new.name) not in kept:  # two speakers whose names became one
            kept.add((new.id, new.name))
            speakers.append(new)
    segments: list[Segment] = []
    for number, segment in enumerate(transcript.segments, 1):
        words = run.words(segment.words, number)
        label = speaker(segment.speaker)
        segments.append(segment if words is segment.words and label == segment.speaker
                        else Segment(label, words))
    cues: list[Cue] | None = None
    if transcript.cues is not None:
        cues = [_cue(run, cue, number, speaker) for number, cue in enumerate(transcript.cues, 1)]
    highlights: list[Highlight] = []
    for highlight in transcript.highlights:
        label = highlight.label
        if label is not None:
            label = run.text(label, 0, highlight.start)
        extra = run.value(highlight.extra, 0, highlight.start)
        highlights.append(highlight if label == highlight.label and extra is highlight.extra
                          else replace(highlight, label=label, extra=extra))
    metadata = transcript.metadata
    filename = run.text(metadata.filename, 0, 0, file_name=True) if metadata.filename else metadata.filename
    extra = run.value(metadata.extra, 0, 0)
    if filename != metadata.filename or extra is not metadata.extra:
        metadata = replace(metadata, filename=filename, extra=extra)
    result = replace(transcript, segments=segments, speakers=speakers, highlights=highlights, metadata=metadata,
                     cues=cues)
    counts = tuple((name, pseudonym, run.counts[name]) for name, pseudonym in pseudonyms.names)
    other_case = () if pseudonyms.ignore_case else _other_case(result, pseudonyms)
    if not run.changes:
        return transcript, Report((), counts, other_case)
    return result, Report(tuple(run.changes), counts, other_case)


def _other_case(transcript: Transcript, pseudonyms: Pseudonyms) -> tuple[tuple[str, str], ...]:
    """The listed names left in ``transcript`` (pseudonymised) in a case the case rule does not
    replace, and the first text found of each."""
    first: dict[str, str] = {}
    for name, _ in pseudonyms.names:
        first.setdefault(_fold(name), name)
    matcher = _matcher(Pseudonyms(tuple((name, "-") for name in first.values()), ignore_case=True), False)
    exact = _matcher(pseudonyms, False)
    found: dict[str, str] = {}
    for text in _texts(transcript):
        for start, end, name, _ in matcher.find(text):
            if exact.name_of(text[start:end]) is None:  # not a pseudonym that is a listed name
                found.setdefault(name, text[start:end])
        if len(found) == len(first):
            break
    return tuple((name, found[name]) for name in first.values() if name in found)


def _texts(transcript: Transcript) -> Iterable[str]:
    """The texts :func:`pseudonymise` searches (a turn's words as one)."""
    for segment in transcript.segments:
        yield " ".join(word.text for word in segment.words)
    for speaker in transcript.speakers:
        yield speaker.name
    for cue in transcript.cues or ():
        yield cue.text
    for highlight in transcript.highlights:
        yield highlight.label or ""
    yield transcript.metadata.filename or ""
    stack: list[Any] = [transcript.metadata.extra]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            yield value
        elif isinstance(value, (dict, list, tuple)):
            stack += _children(value)


def _children(container: dict[Any, Any] | list[Any] | tuple[Any, ...]) -> list[Any]:
    if isinstance(container, dict):
        return [item for pair in container.items() for item in pair]
    return list(container)


def _cue(run: _Run, cue: Cue, number: int, speaker: Callable[[str | None], str | None]) -> Cue:
    # the lines as one text: a name broken over two lines is found (its pseudonym on the first)
    text, names = _replace_markup(cue.text, run.pseudonyms)
    lines = cue.lines
    if names:
        run.record(number, cue.start, cue.text, text, names)
        lines = text.split("\n")
    words = run.words(cue.words, number, record=not names) if cue.words else cue.words
    label = speaker(cue.speaker)
    identifier = run.text(cue.identifier, number, cue.start) if cue.identifier else cue.identifier
    if lines is cue.lines and words is cue.words and label == cue.speaker and identifier == cue.identifier:
        return cue
    return replace(cue, lines=lines, words=words, speaker=label, identifier=identifier)


def pseudonymise(transcript: Transcript, pseudonyms: Pseudonyms) -> tuple[Transcript, list[Change]]:
    """The transcript with every listed name replaced by its pseudonym, and what was replaced.

    Searched (by the rules in this module's documentation): the words of every speaker turn (a
    name over several words, "Anna" "Schmidt,", becomes one word "Person A," timed from the first
    word's start to the last one's end, with the lowest of their confidences and the first one's
    provider fields); speaker names and ids; cue lines (between their tags), cue ids and cue
    words; highlight labels; the file name; the strings (and keys) of ``metadata.extra``, of
    words' and highlights' provider fields. Times, other words and everything else stay as they
    were. The transcript given is not changed (the same object is returned when no name is found).

    Each Change (rule "pseudonymise") holds the text before and after: for words, ``cue`` is the
    speaker turn's number from 1 and ``start`` the first word's start; for a cue's lines, the
    cue's number and start; for a speaker, highlight label or metadata string, ``cue`` is 0.
    """
    result, report = pseudonymise_report(transcript, pseudonyms)
    return result, list(report.changes)


# --- the list ----------------------------------------------------------------------------------

_NAME_HEADERS = frozenset({
    "name", "names", "real name", "original", "original name", "full name", "klarname", "echter name",
    "nom", "nom réel", "nombre", "nome", "naam", "navn", "namn", "nimi", "imię", "imie", "jméno", "név",
    "имя", "isim",
})
_PSEUDONYM_HEADERS = frozenset({
    "pseudonym", "pseudonyms", "pseudonyme", "pseudonymes", "pseudónimo", "pseudonimo", "pseudonim",
    "pseudoniem", "pseudonymi", "pszeudonim", "псевдоним", "replacement", "alias", "ersatz", "ersatzname",
    "code", "kode", "kod", "código", "codice", "anonym", "anonymisiert",
})


def is_header(cells: list[str]) -> bool:
    """Whether a list's first row names its columns: its first cell is a word for "name" or its
    second a word for "pseudonym" (``_NAME_HEADERS``, ``_PSEUDONYM_HEADERS``), in any case."""
    name = cells[0].strip().casefold() if cells else ""
    pseudonym = cells[1].strip().casefold() if len(cells) > 1 else ""
    return name in _NAME_HEADERS or pseudonym in _PSEUDONYM_HEADERS


def _separator(line: str) -> str | None:
    """The list's separator, from its first row: a tab, else a semicolon, else a comma (outside
    quotes)."""
    outside = re.sub(r'"[^"]*"?', "", line)
    for separator in ("\t", ";", ","):
        if separator in outside:
            return separator
    return None


def read_pseudonyms(data: bytes, filename: str, *, ignore_case: bool = False) -> Pseudonyms:
    """The names and pseudonyms of a list (``names.csv``).

    Each row holds a name and its pseudonym, separated by a comma, a semicolon (as German Excel
    writes) or a tab: the first row's separator is the list's. A cell holding the separator is
    quoted ("Schmidt, Anna",Person A); a first line ``sep=;`` (as Excel writes it) names the
    separator. A first row whose first cell is a word for "name" or whose second cell is a word
    for "pseudonym", in any case (name, Klarname, nom, nombre, ...; pseudonym, pseudonyme, alias,
    code, replacement, ...), is a header. Blank lines, lines starting with ``#`` and rows of empty
    cells are skipped; empty cells after the second are allowed. UTF-8 with or without a
    byte-order mark, UTF-16 with one, or another encoding detected (with a warning). Several names
    may share a pseudonym. ``ignore_case``: see :class:`Pseudonyms`.

    Raises ReadError (naming the file and line) for a row without a name or a pseudonym, a row of
    more than two cells, a name listed twice with different pseudonyms, a name without a letter or
    digit, a name or pseudonym of more than 200 characters, and a list without names.
    """
    from .textio import decode

    try:
        text = decode(data)
    except ReadError as exc:
        raise ReadError(exc.message, source=filename, hint=exc.hint) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    separator: str | None = None
    pairs: list[tuple[str, str]] = []
    where: dict[str, tuple[int, str]] = {}
    first_row = True
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if len(raw) > _MAX_ROW:
            raise ReadError(f"a row of {len(raw)} characters: not a name and its pseudonym", source=filename,
                            line=number, hint=f"a name and a pseudonym hold at most {MAX_NAME} characters each")
        if separator is None and first_row and (given := re.fullmatch(r"\s*sep=(.)\s*", raw)):
            separator = given.group(1)  # Excel's line naming the separator
            continue
        if separator is None:
            separator = _separator(raw)
            if separator is None:
                raise ReadError(f"no separator between name and pseudonym in {_quote(raw)}", source=filename,
                                line=number, hint="write name,pseudonym (a comma, semicolon or tab between)")
        try:
            cells = next(csv.reader([raw], delimiter=separator, strict=True))
        except csv.Error:
            raise ReadError(f"a quote is not closed in {_quote(raw)}", source=filename, line=number,
                            hint='a quoted cell ends with " before the separator') from None
        if first_row:
            first_row = False
            if is_header(cells):
                continue
        cells = [cell.strip() for cell in cells]
        if not any(cells):  # a spreadsheet's empty row
            continue
        while len(cells) > 2 and not cells[-1]:
            cells.pop()
        if len(cells) > 2:
            raise ReadError(f"{len(cells)} cells in {_quote(raw)}; a row holds a name and its pseudonym",
                            source=filename, line=number,
                            hint=f"quote a name that holds the separator {separator!r}")
        if len(cells) < 2:
            cells.append("")
        name, pseudonym = _normal_name(cells[0]), _SPACES.sub(" ", unicodedata.normalize("NFC", cells[1])).strip()
        problem = _problem(name, pseudonym)
        if problem:
            others = [other for other in "\t;," if other != separator and other in name]
            hint = f"the list's separator is {separator!r} (from its first row), not {others[0]!r}" \
                if others and not pseudonym else None
            raise ReadError(problem, source=filename, line=number, hint=hint)
        key = _fold(name) if ignore_case else name
        if key in where:
            line, earlier = where[key]
            if earlier != pseudonym:
                raise ReadError(f"{name!r} is listed again with another pseudonym, {pseudonym!r} "
                                f"(line {line} gave {earlier!r})", source=filename, line=number)
            continue
        where[key] = (number, pseudonym)
        pairs.append((name, pseudonym))
        if len(pairs) > MAX_NAMES:
            raise ReadError(f"more than {MAX_NAMES} names", source=filename, line=number)
    if not pairs:
        raise ReadError("no names listed", source=filename,
                        hint="one row per name: name,pseudonym (e.g. Anna Schmidt,Person A)")
    return Pseudonyms(tuple(pairs), ignore_case)


def _quote(line: str) -> str:
    return repr(line if len(line) <= 60 else line[:57] + "...")


__all__ = ["MAX_NAME", "MAX_NAMES", "RULE", "Pseudonyms", "Report", "is_header", "pseudonymise",
           "pseudonymise_report", "read_pseudonyms", "replace_names", "summary_line"]
