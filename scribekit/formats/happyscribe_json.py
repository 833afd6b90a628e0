"""HappyScribe JSON exports: a top-level array of speaker blocks (read and write),
and a zip of several exports (read).

::

    [{"speaker": "Speaker 1", "speaker_number": 1, "data_start": 1.25, "data_end": 2.5,
      "words": [{"text": "Hello", "type": "word", "data_start": 1.25, "data_end": 1.75, "confidence": 0.95},
                {"text": " world", "type": "word", "data_start": 1.75, "data_end": 2.3, "confidence": 0.96},
                {"text": ".", "type": "punctuation", "data_start": 2.3, "data_end": 2.5}]}]

Tokens carry their own spacing: a block's text is the raw texts joined, and
its words are that text split at whitespace, so a punctuation token without a
leading space glues onto the word before it (extending its end) and a
whitespace-only token only separates. A file whose tokens carry no spacing
at all has one word per ``word`` token instead.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from math import floor
from typing import Any

from ..errors import ReadError, warn
from ..model import Metadata, Segment, Speaker, Transcript, Word
from ..segmentation import word_segments
from ..segmentation.timing import check_range
from ..timecode import MAX_MS, seconds_to_ms
from . import describe
from ._asr import mark_sound_tags
from ._json import is_number, json_kind

FORMAT = describe(__name__, name="happyscribe-json", title="HappyScribe JSON export (also a zip of several)",
                  extensions=("json", "zip"), kind="data", aliases=("happyscribe",), priority=30)

NAME = "happyscribe-json"

MAX_MEMBER_BYTES = 200 << 20
"""A zip member larger than this uncompressed (200 MiB) is refused (zip bomb guard; see ``_zip``)."""
MAX_MEMBERS = 10_000

_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
_NO_BREAK = "\u00a0\u202f\u2007"
_WORD_RUN = re.compile(rf"(?:[^\s]|[{_NO_BREAK}])+")
_OPENING = set("([{¿¡«‹“‘„‚")  # these open the word after them; other punctuation closes the word before
_SPEAKER_ID = re.compile(r"spk(\d+)\Z")
_OTHER_SPACE = re.compile(r"[^\S ]")  # white space but the plain space
_MAX_SECONDS = MAX_MS // 1000


# --- reading -------------------------------------------------------------------------------

def sniff_json(obj: Any) -> bool:
    if not isinstance(obj, list):
        return False
    if not obj:
        return True  # an export of a transcription without speech
    first = obj[0]
    return isinstance(first, dict) and any(key in first for key in ("words", "speaker_number", "data_start"))






class _Token:
    __slots__ = ("text", "is_word", "start", "end", "confidence")

    def __init__(self, text: str, is_word: bool, start: int | None, end: int | None,
                 confidence: float | None) -> None:
        self.text = text
        self.is_word = is_word
        self.start = start
        self.end = end
        self.confidence = confidence


def _time(raw: dict[str, Any], key: str, where: str, required: bool) -> int | None:
    value = raw.get(key)
    if value is None:
        if required:
            raise ReadError(f"{where}: no {key}")
        return None
    if not is_number(value):
        raise ReadError(f"{where}: {key} must be a number of seconds, found {json_kind(value)}")
    return seconds_to_ms(value, f"{where}: {key}")


def _token(raw: Any, where: str) -> _Token:
    if not isinstance(raw, dict):
        raise ReadError(f"{where}: expected a word object, found {json_kind(raw)}")
    text = raw.get("text")
    if not isinstance(text, str):
        raise ReadError(f"{where}: text must be a string, found {json_kind(text)}")
    kind = raw.get("type", "word")
    if kind is not None and not isinstance(kind, str):
        raise ReadError(f"{where}: type must be a string, found {json_kind(kind)}")
    is_word = (kind or "word").lower() == "word"
    start = _time(raw, "data_start", where, is_word and bool(text.strip()))
    end = _time(raw, "data_end", where, False)
    if end is None:
        end = start
    elif start is None:
        start = end
    if start is not None and end is not None and end < start:
        warn(f"{where}: ends before it starts; its end was set to its start")
        end = start
    confidence = raw.get("confidence")
    if confidence is not None and not is_number(confidence):
        raise ReadError(f"{where}: confidence must be a number or null, found {json_kind(confidence)}")
    return _Token(text, is_word, start, end, None if confidence is None else float(confidence))


def _spaced(blocks: list[list[_Token]]) -> bool:
    """Whether the tokens carry their own spacing (any but a block's first with edge whitespace)."""
    return any(t.text != t.text.strip() for tokens in blocks for t in tokens[1:])


def _make_word(text: str, parts: list[_Token], before: int | None, after: int | None) -> Word:
    starts = [t.start for t in parts if t.start is not None]
    ends = [t.end for t in parts if t.end is not None]
    confidences = [t.confidence for t in parts if t.confidence is not None]
    if starts and ends:
        start, end = min(starts), max(ends)
    else:  # punctuation without times of its own: it sits where the speech before it ended
        start = end = before if before is not None else (after if after is not None else 0)
    return Word(text, start, max(end, start), min(confidences) if confidences else None)


def _neighbour_times(tokens: list[_Token]) -> tuple[list[int | None], list[int | None]]:
    """For each token, the last end before it and the first start after it."""
    before: list[int | None] = []
    last: int | None = None
    for token in tokens:
        before.append(last)
        if token.end is not None:
            last = token.end
    after: list[int | None] = [None] * len(tokens)
    following: int | None = None
    for i in range(len(tokens) - 1, -1, -1):
        after[i] = following
        if tokens[i].start is not None:
            following = tokens[i].start
    return before, after


def _words_spaced(tokens: list[_Token]) -> list[Word]:
    joined = []
    owner: list[int] = []
    for i, token in enumerate(tokens):
        joined.append(token.text)
        owner.extend([i] * len(token.text))
    text = "".join(joined)
    before, after = _neighbour_times(tokens)
    words = []
    for match in _WORD_RUN.finditer(text):
        word_text = match.group().strip(_NO_BREAK)
        if not word_text:
            continue
        indexes = sorted(set(owner[match.start():match.end()]))
        parts = [tokens[i] for i in indexes]
        words.append(_make_word(word_text, parts, before[indexes[0]], after[indexes[-1]]))
    return words


def _words_unspaced(tokens: list[_Token]) -> list[Word]:
    before, after = _neighbour_times(tokens)
    groups: list[tuple[list[str], list[_Token], int]] = []
    prefix: tuple[list[str], list[_Token], int] | None = None
    for i, token in enumerate(tokens):
        piece = token.text.strip()
        if not piece:
            continue  # whitespace only: a separator
        if token.is_word:
            if prefix is not None:
                prefix[0].append(piece)
                prefix[1].append(token)
                groups.append(prefix)
                prefix = None
            else:
                groups.append(([piece], [token], i))
        elif all(ch in _OPENING for ch in piece):
            if prefix is None:
                prefix = ([piece], [token], i)
            else:
                prefix[0].append(piece)
                prefix[1].append(token)
        elif prefix is not None:
            prefix[0].append(piece)
            prefix[1].append(token)
        elif groups:
            groups[-1][0].append(piece)
            groups[-1][1].append(token)
        else:
            prefix = ([piece], [token], i)
    if prefix is not None:
        if groups:
            groups[-1][0].extend(prefix[0])
            groups[-1][1].extend(prefix[1])
        else:
            groups.append(prefix)
    return [_make_word("".join(texts), parts, before[first], after[first]) for texts, parts, first in groups]


class _Plain:
    """A block whose every token is the common one (a "word" with text, start and end in seconds in
    order, a confidence in 0..1 or null): its words built as they are read, one a token, which is
    what both ways of making words give it unless its tokens carry spacing that joins or splits them
    (``simple_spaced``). ``raw``: the tokens as the file gives them, for reading them the long way."""

    __slots__ = ("words", "edged", "raw")

    def __init__(self, words: list[Word], edged: int, raw: list[Any]) -> None:
        self.words = words
        self.edged = edged
        """How many tokens have white space at an edge."""
        self.raw = raw

    def spaced(self) -> bool:
        """``_spaced`` of the block's tokens: one but the first with white space at an edge."""
        return self.edged > (self.raw[0]["text"] != self.words[0].text if self.raw else 0)

    def simple_spaced(self) -> bool:
        """Whether the tokens, carrying their spacing, make one word each all the same: every one
        but the first starts with a plain space, and there is no other white space in them."""
        n = len(self.raw)
        joined = "\x01".join([raw["text"] for raw in self.raw])
        return joined.count("\x01") == n - 1 and joined.count("\x01 ") == n - 1 and joined.count(" ") == n - 1 \
            and _OTHER_SPACE.search(joined) is None


def _plain_block(tokens_raw: list[Any]) -> _Plain | None:
    """The block read the quick way (see ``_Plain``), or None when a token is any other: ``_token``
    then reads them all, checking each and saying what is wrong."""
    words: list[Word] = []
    add = words.append
    edged = 0
    for raw in tokens_raw:
        if type(raw) is not dict:
            return None
        get: Any = raw.get  # Any: the values are checked below
        text, start, end, confidence = get("text"), get("data_start"), get("data_end"), get("confidence")
        kind, other = type(start), type(end)
        if not (type(text) is str and get("type", "word") == "word"
                and (kind is float or kind is int) and (other is float or other is int)
                and 0 <= start <= end <= _MAX_SECONDS
                and (confidence is None or (type(confidence) is float and 0.0 <= confidence <= 1.0))):
            return None
        piece = text.strip()
        if not piece:
            return None
        if piece is not text and piece != text:  # "is": strip gives the string itself when it has no edge
            edged += 1
        # seconds_to_ms's rounding, for times >= 0 (floor: int's result, at half its cost)
        add(Word(piece, floor(start * 1000.0 + 0.5), floor(end * 1000.0 + 0.5), confidence))
    return _Plain(words, edged, tokens_raw)


def _tokens(tokens_raw: list[Any], where: str) -> list[_Token]:
    return [_token(raw, f"{where}, word {w}") for w, raw in enumerate(tokens_raw, 1)]


def _speaker(block: dict[str, Any], where: str) -> tuple[str | None, str | None]:
    name = block.get("speaker")
    if name is not None and not isinstance(name, str):
        raise ReadError(f"{where}: speaker must be a string, found {json_kind(name)}")
    number = block.get("speaker_number")
    if isinstance(number, str) and number.strip().isascii() and number.strip().isdigit() \
            and len(number.strip()) <= 9:  # not superscripts (isdigit accepts them, int does not)
        number = int(number)
    if number is not None and (isinstance(number, bool) or not isinstance(number, int)):
        raise ReadError(f"{where}: speaker_number must be an integer, found {json_kind(number)}")
    name = name.strip() if name else None
    if number is not None:
        return f"spk{number}", name or f"Speaker {number}"
    return name, name


def read_json(obj: Any) -> Transcript:
    if not isinstance(obj, list):
        raise ReadError(f"expected a HappyScribe JSON array of speaker blocks, found {json_kind(obj)}")
    blocks: list[list[_Token] | _Plain] = []
    block_speakers: list[str | None] = []
    speakers: dict[str, Speaker] = {}
    for b, block in enumerate(obj, 1):
        where = f"block {b}"
        if not isinstance(block, dict):
            raise ReadError(f"{where}: expected an object, found {json_kind(block)}")
        tokens_raw = block.get("words", [])
        if not isinstance(tokens_raw, list):
            raise ReadError(f"{where}: words must be a list, found {json_kind(tokens_raw)}")
        blocks.append(_plain_block(tokens_raw) or _tokens(tokens_raw, where))
        speaker_id, speaker_name = _speaker(block, where)
        block_speakers.append(speaker_id)
        if speaker_id is not None and speaker_id not in speakers:
            speakers[speaker_id] = Speaker(speaker_id, speaker_name or speaker_id)
    spaced = any(block.spaced() if isinstance(block, _Plain) else _spaced([block]) for block in blocks)
    to_words = _words_spaced if spaced else _words_unspaced
    segments = []
    for b, (block, speaker_id) in enumerate(zip(blocks, block_speakers), 1):
        if isinstance(block, _Plain):
            if not spaced or block.simple_spaced():
                words = block.words
            else:
                words = to_words(_tokens(block.raw, f"block {b}"))
        else:
            words = to_words(block)
        if words:
            segments.append(Segment(speaker_id, words))
    mark_sound_tags(segments)
    return Transcript(segments=segments, speakers=list(speakers.values()), metadata=Metadata(source=NAME))


# --- a zip of exports ----------------------------------------------------------------------

def sniff_bytes(data: bytes) -> bool:
    return data[:4] in _ZIP_MAGICS


def _skipped(name: str) -> bool:
    base = name.rstrip("/").rsplit("/", 1)[-1]
    return name.endswith("/") or name.startswith("__MACOSX/") or "/__MACOSX/" in name or base == ".DS_Store"


def read_bytes(data: bytes) -> list[Transcript]:
    """One transcript for each JSON export in a zip, sorted by member name.

    Sizes are bounded (``_zip``: 200 MiB uncompressed in all and a member, from the headers and while
    inflating), and a member that cannot be read is a ReadError naming it. Each transcript's
    ``metadata.filename`` is the member's name; where two members have the same name in different
    folders (``a/x.json``, ``b/x.json``), it is their path with ``-`` for ``/`` (``a-x.json``), so that
    the outputs named after it (``convert`` of a zip) do not overwrite each other.
    """
    from . import _zip

    archive = _zip.open_archive(data)
    with archive:
        try:
            infos = archive.infolist()
        except Exception as exc:  # pragma: no cover - infolist reads nothing more than ZipFile did
            raise ReadError(f"not a readable zip archive ({type(exc).__name__})") from None
        if len(infos) > MAX_MEMBERS:
            raise ReadError(f"the zip archive holds {len(infos)} files, more than {MAX_MEMBERS}")
        members = sorted((info for info in infos if not _skipped(info.filename)),  # not is_dir(): fails on ""
                         key=lambda info: info.filename)
        if not any(info.filename.lower().endswith(".json") for info in members):
            if any(info.filename == "[Content_Types].xml" for info in members):
                raise ReadError("an Office document (a zip of XML parts, as DOCX is), not a transcript export",
                                hint="scribekit writes DOCX but does not read it")
            raise ReadError("the zip archive holds no .json file, so no HappyScribe JSON export",
                            hint="HappyScribe zips hold one .json export per transcription")
        budget = _zip.Budget(_zip.MAX_TOTAL_BYTES)
        budget.check_headers(members)
        names = _output_names([info.filename for info in members])
        transcripts = []
        for info, filename in zip(members, names):
            raw = _zip.read_member(archive, info, budget, MAX_MEMBER_BYTES)
            transcript = _read_member(_zip.describe_member(info), raw)
            transcript.metadata.filename = filename
            transcripts.append(transcript)
    return transcripts


def _output_names(names: list[str]) -> list[str]:
    """Each member's name, or where two share a file name (any case) in different folders, its path
    with ``-`` for ``/``; ReadError when even those collide."""
    def stem(name: str) -> str:
        return name.rsplit("/", 1)[-1].rsplit(".", 1)[0].lower()

    counts: dict[str, int] = {}
    for name in names:
        counts[stem(name)] = counts.get(stem(name), 0) + 1
    chosen = [name.strip("/").replace("/", "-") if counts[stem(name)] > 1 else name for name in names]
    seen: dict[str, str] = {}
    for name, original in zip(chosen, names):
        if stem(name) in seen:
            raise ReadError(f"the zip archive holds {seen[stem(name)][:80]!r} and {original[:80]!r}, whose outputs "
                            "would have the same name", hint="rename one of them")
        seen[stem(name)] = original
    return chosen


def _read_member(name: str, raw: bytes) -> Transcript:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(f"{name}: not UTF-8 text (byte {exc.start})",
                        hint="the zip should hold HappyScribe JSON exports only") from None
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReadError(f"{name}: not valid JSON ({exc.msg})", line=exc.lineno,
                        hint="the zip should hold HappyScribe JSON exports only") from None
    except RecursionError:
        raise ReadError(f"{name}: JSON nested too deeply") from None
    except ValueError as exc:  # a number of more digits than int() takes
        raise ReadError(f"{name}: not valid JSON ({str(exc)[:80]})",
                        hint="the zip should hold HappyScribe JSON exports only") from None
    if not sniff_json(obj):
        raise ReadError(f"{name}: not a HappyScribe JSON export",
                        hint="the zip should hold HappyScribe JSON exports only")
    try:
        transcript = read_json(obj)
    except ReadError as exc:
        raise ReadError(f"{name}: {exc.message}", line=exc.line, hint=exc.hint) from None
    transcript.metadata.filename = name
    return transcript


# --- writing -------------------------------------------------------------------------------

def _seconds(ms: int) -> float:
    if not -MAX_MS <= ms <= MAX_MS:  # a transcript built in Python may hold any int
        check_range(ms, ms, "HappyScribe JSON")
    return round(ms / 1000.0, 3)


def _speaker_numbers(transcript: Transcript, segments: list[Segment]) -> dict[str, int]:
    """``spk<N>`` keeps N; every other speaker gets the next number not taken."""
    ids = [s.id for s in transcript.speakers]
    ids += [s.speaker for s in segments if s.speaker is not None and s.speaker not in ids]
    numbers: dict[str, int] = {}
    for speaker_id in ids:
        match = _SPEAKER_ID.match(speaker_id)
        if match and int(match.group(1)) not in numbers.values():
            numbers[speaker_id] = int(match.group(1))
    following = 1
    for speaker_id in ids:
        if speaker_id not in numbers:
            while following in numbers.values():
                following += 1
            numbers[speaker_id] = following
    return numbers


def to_json(transcript: Transcript) -> list[dict[str, Any]]:
    """The export as Python objects (what ``write`` serialises)."""
    segments = [s for s in word_segments(transcript) if s.words]
    numbers = _speaker_numbers(transcript, segments)
    blocks = []
    for segment in segments:
        words = [{"text": word.text if i == 0 else " " + word.text, "type": "word",
                  "data_start": _seconds(word.start), "data_end": _seconds(word.end),
                  "confidence": word.confidence} for i, word in enumerate(segment.words)]
        speaker = segment.speaker
        blocks.append({"speaker": transcript.speaker_name(speaker),
                       "speaker_number": numbers[speaker] if speaker is not None else None,
                       "data_start": _seconds(segment.start), "data_end": _seconds(segment.end),
                       "words": words})
    return blocks


@dataclass(frozen=True)
class Options:
    """No writer options: the export's own shape, from the model."""


def write(transcript: Transcript, options: Options | None = None) -> str:
    if transcript.highlights:
        warn(f"HappyScribe JSON has no place for highlights; {len(transcript.highlights)} left out")
    return json.dumps(to_json(transcript), ensure_ascii=False, indent=2) + "\n"
