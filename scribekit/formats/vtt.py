"""WebVTT (.vtt): a reader that parses like a browser, and a writer.

Reading follows the WebVTT parser of the W3C specification as Chromium
implements it (the reference: ``tests/data/vtt-wpt`` holds the
web-platform-tests files and what Chromium made of each):

- the file must start with ``WEBVTT`` followed by a space, a tab, a line end
  or the end of the file, otherwise it is not a WebVTT file (ReadError);
- CRLF and CR end lines, NUL is read as U+FFFD;
- header lines, ``STYLE`` and ``REGION`` blocks before the first cue are kept
  as raw blocks in ``transcript.metadata.extra["vtt_header"]`` (the writer
  puts them back); a ``Language:`` header line sets the transcript language;
  ``X-TIMESTAMP-MAP`` is kept there too but not applied (cue times stay in the
  file's own time line, as a browser shows them); ``NOTE`` blocks are dropped;
- times are ``[HH:]MM:SS.mmm`` with minutes and seconds below 60; a ``,``
  instead of ``.`` is the one repair beyond the browser (with a warning);
- a cue whose timing line cannot be read is skipped with its text, as a
  browser does, and reported with a warning naming the line; a line
  containing ``-->`` ends the cue text (the browser rule);
- cue settings are kept in ``cue.style["vtt_settings"]``, cue identifiers in
  ``cue.identifier``.

Cue text becomes the model's neutral form (plain text with <i>, <b>, <u>):
character references are decoded (``&amp;``, ``&lt;``, ``&gt;``, ``&nbsp;``,
``&lrm;``, ``&rlm;``, numeric ones, every HTML name); <i>, <b>, <u> are kept
without their classes and closed the way the browser closes them;
<c>, <lang>, <ruby> and inline timestamps are dropped, keeping their text;
the text of <rt> (a ruby annotation, e.g. a reading) is dropped, keeping the
base text. A cue spoken by one voice (``<v Name>``) gets that name as its
speaker; in a cue with several voices each voice's text starts with
``Name: ``. When the raw cue text differs from that neutral form it is kept in
``cue.style["vtt_text"]``, and the writer uses it again as long as the cue's
lines (and speaker) are unchanged, so VTT -> VTT loses nothing.

The writer escapes ``&``, ``<``, ``>`` in text, keeps <i>, <b>, <u> (closing
those left open), drops SRT <font> tags and ``{\\an8}``-style override blocks
(WebVTT has neither), and writes negative times as 0 with a warning (WebVTT
cannot express them). It writes cue identifiers (an SRT index becomes one),
cue settings, and the header lines of a WebVTT input; its STYLE and REGION
blocks only with ``style_blocks=True`` (ffmpeg 5, and so every player built on
it, reads no cue after such a block). A transcript language not in the header is
written as a ``Language:`` line. With ``voice_tags`` each cue starts with
``<v Speaker name>``. With ``word_timestamps`` every word after the first gets an inline
timestamp of its start (``<00:00:01.200>``, strictly increasing inside the cue's time: a word
starting with the one before shares its timestamp); with ``highlight_words`` each cue is written
once per word spoken, that word underlined (see ``_words.highlight_cues``).

What it writes reads back with the same cues, by this reader and by ffmpeg's,
whatever the text holds (each change reported once per file): ``-->`` in text is
escaped as ``--&gt;`` like any ``>``; a line end inside a line of text is a line
break and a whitespace-only line is dropped; a cue without text is written with
the empty span ``<c></c>`` (ffmpeg drops a cue without a text line; this reader
and browsers read it as no text); control characters and lone surrogates as
:class:`scribekit.markup.TextRepairs` says; an identifier that would not stay
one (a line end, ``-->``, ``NOTE`` or ``WEBVTT`` first, which make ffmpeg skip
the cue, or ``STYLE`` or ``REGION`` alone, which start a block)
and a language that is not one word are left out.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import OptionError, ReadError, warn
from ..markup import (
    FOREIGN_MARKUP,
    STYLE_TAG,
    UNWRITABLE,
    Repairs,
    TextRepairs,
    TimeClamp,
    close_open_tags,
    needs_care,
    writable,
)
from ..model import Cue, Metadata, Speaker, Transcript
from ..retime import retime_file as retime_file  # its times alone rewritten: `scribekit retime`
from ..timecode import checked_ms, clock
from . import _words, describe

FORMAT = describe(__name__, name="vtt", title="WebVTT", extensions=("vtt",), kind="subtitle", aliases=("webvtt",),
                  priority=60)

__all__ = ["CueWriter", "Options", "neutral_text", "read", "retime_file", "sniff", "write_cues"]


@dataclass(frozen=True)
class Options:
    voice_tags: bool = field(default=False, metadata={"help": "write each cue's speaker as a <v Speaker> voice tag"})
    style_blocks: bool = field(default=False, metadata={
        "help": "keep the STYLE and REGION blocks of a WebVTT input (ffmpeg 5, and players built on it, "
                "read no cue after such a block)"})
    word_timestamps: bool = field(default=False, metadata={"help": "a <00:00:01.200> timestamp before each word"})
    highlight_words: bool = field(default=False, metadata={
        "help": "one cue per word spoken, that word underlined"})

    def __post_init__(self) -> None:
        if self.word_timestamps and self.highlight_words:
            raise OptionError("word_timestamps and highlight_words time the words in two ways",
                              hint="give one of them")


def sniff(text: str) -> bool:
    text = text.removeprefix("\ufeff")
    return text.startswith("WEBVTT") and text[6:7] in ("", " ", "\t", "\r", "\n")


# --- timings --------------------------------------------------------------------------------

_WS = " \t\f"  # whitespace inside a line (LF and CR end lines)
_TIMESTAMP = r"([0-9]+):([0-9]+)(?::([0-9]+))?([.,])([0-9]+)"
_TIMING = re.compile(r"[ \t\f]*" + _TIMESTAMP + r"[ \t\f]*-->[ \t\f]*" + _TIMESTAMP + r"(.*)", re.DOTALL)


def _timestamp(first: str, second: str, third: str | None, fraction: str, number: int) -> int | None:
    """Milliseconds of a WebVTT timestamp's fields, or None when the browser would refuse it;
    ReadError naming line ``number`` for hours beyond what the model holds."""
    if len(second) != 2 or len(fraction) != 3 or (third is not None and len(third) != 2):
        return None
    if third is not None and len(first) > 9:
        first = first.lstrip("0") or "0"
        if len(first) > 9:  # hours of 10 digits and more are beyond what the model holds
            raise ReadError(f"a time of {len(first)}-digit hours is out of range", line=number)
    if third is None:
        if len(first) != 2:
            return None  # MM:SS.mmm needs two-digit minutes (below 60: checked with the others)
        hours, minutes, seconds = 0, int(first), int(second)
    else:
        hours, minutes, seconds = int(first), int(second), int(third)
    if minutes > 59 or seconds > 59:
        return None
    return checked_ms((hours * 3600 + minutes * 60 + seconds) * 1000 + int(fraction), "a time", number)


def _timing(line: str, repairs: Repairs, number: int) -> tuple[int, int, str] | None:
    """Start, end and settings of a timing line, or None when it is not one."""
    match = _TIMING.match(line)
    if match is None:
        return None
    g = match.groups()
    start = _timestamp(g[0], g[1], g[2], g[4], number)
    end = _timestamp(g[5], g[6], g[7], g[9], number)
    if start is None or end is None:
        return None
    if g[3] == "," or g[8] == ",":
        repairs.add("',' instead of '.' before the milliseconds", number)
    if end < start:
        repairs.add("cue ends before it starts (kept as it is)", number)
    return start, end, g[10].strip(_WS)


# --- cue text -------------------------------------------------------------------------------

_TAG = re.compile(r"<([^>]*)>?")
_SPACE = re.compile(r"[ \t\n\f]")
_KNOWN = {"c", "i", "b", "u", "v", "lang", "ruby", "rt"}
_STYLE_TAGS = {"i", "b", "u"}


def neutral_text(raw: str) -> tuple[str, str | None]:
    """The neutral form of raw WebVTT cue text, and its one voice (None for none or several).

    See the module docstring for what is kept and what is dropped.
    """
    if "<" not in raw:
        return html.unescape(raw), None
    out: list[str] = []
    stack: list[str] = []
    in_rt = 0
    voices: list[tuple[int, str]] = []
    position = 0
    for match in _TAG.finditer(raw):
        if not in_rt:
            out.append(html.unescape(raw[position:match.start()]))
        position = match.end()
        content = match.group(1)
        if not content:
            continue
        head = content[0]
        if head == "/":
            name = content[1:]
            if name not in _KNOWN or not stack:
                continue
            top = stack[-1]
            if top != name:
                if not (top == "rt" and name == "ruby"):
                    continue
                stack.pop()
                in_rt -= 1
            closed = stack.pop()
            if closed in _STYLE_TAGS:
                out.append(f"</{closed}>")
            elif closed == "rt":
                in_rt -= 1
        else:  # an inline timestamp (<00:00:01.000>) is no known tag either
            split = _SPACE.search(content)
            name_and_classes = content[:split.start()] if split else content
            name = name_and_classes.partition(".")[0]
            if name not in _KNOWN or (name == "rt" and (not stack or stack[-1] != "ruby")):
                continue
            stack.append(name)
            if name in _STYLE_TAGS:
                out.append(f"<{name}>")
            elif name == "rt":
                in_rt += 1
            elif name == "v" and split:
                annotation = " ".join(content[split.end():].split())
                if "&" in annotation:
                    annotation = html.unescape(annotation)
                if annotation:
                    voices.append((len(out), annotation))
                    out.append("")
    if not in_rt:
        out.append(html.unescape(raw[position:]))
    for name in reversed(stack):
        if name in _STYLE_TAGS:
            out.append(f"</{name}>")
    speaker = None
    if voices:
        names = {name for _, name in voices}
        if len(names) == 1:
            speaker = voices[0][1]
        else:
            for index, name in voices:
                out[index] = f"{name}: "
    return "".join(out), speaker


# --- reading --------------------------------------------------------------------------------

_HEADER, _BLOCK, _ID, _TIMINGS, _TEXT, _BAD = range(6)


def _block_start(line: str, keyword: str, *, prefix: bool = False) -> bool:
    """``keyword`` alone on the line (with ``prefix``: or followed by a space or tab and more)."""
    if not line.startswith(keyword):
        return False
    rest = line[len(keyword):]
    return not rest.strip(" \t\f") or (prefix and rest[0] in " \t\f")


def read(text: str) -> Transcript:
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\0" in text:
        text = text.replace("\0", "\ufffd")
    lines = text.split("\n")  # an empty last line (after the last line end) reads as the end of the file
    if not is_signature(lines[0]):
        raise ReadError("not a WebVTT file: the first line must be WEBVTT", line=1,
                        hint="WEBVTT, then a space, a tab or a line end")
    repairs = Repairs()
    cues, header_lines, blocks, _ = read_piece(lines, repairs)
    repairs.report()

    metadata = header_metadata(header_lines, blocks)
    speakers = []
    seen = set()
    for cue in cues:
        if cue.speaker is not None and cue.speaker not in seen:
            seen.add(cue.speaker)
            speakers.append(Speaker(cue.speaker, cue.speaker))
    return Transcript(cues=cues, speakers=speakers, metadata=metadata)


def is_signature(line: str) -> bool:
    """Whether a file's first line is WebVTT's: WEBVTT, then a space, a tab or the line's end."""
    return line.startswith("WEBVTT") and (len(line) == 6 or line[6] in " \t")


def header_metadata(header_lines: list[str], blocks: list[list[str]]) -> Metadata:
    """A WebVTT file's metadata, from its header lines and blocks (STYLE, REGION, NOTE) as
    :func:`read_piece` gives them: the language, and the header kept for writing it back."""
    metadata = Metadata(source="vtt", language=_language(header_lines))
    raw_blocks = ["\n".join(header_lines)] + ["\n".join(block) for block in blocks]
    if raw_blocks != ["WEBVTT"]:
        metadata.extra["vtt_header"] = raw_blocks
    return metadata


def read_piece(lines: list[str], repairs: Repairs, base: int = 0, first: bool = True,
               final: bool = True) -> tuple[list[Cue], list[str], list[list[str]], bool]:
    """The cues of ``lines`` (a file's lines, line ends and NUL made as :func:`read` makes them), the
    header lines and blocks, and whether the reading ends between cues (as after a blank line past the
    header). ``first``: the lines start with the WEBVTT line, else they follow a blank line that ended
    the header, in a file whose line ``base`` is the last before them; not ``final``: more lines follow
    (``lines`` end with a blank line)."""
    cues: list[Cue] = []
    header_lines = [lines[0]] if first else []
    in_header_lines = True  # the lines right under WEBVTT, up to the first blank line
    blocks: list[list[str]] = []
    previous = ""  # the browser's candidate identifier for the first cue
    in_block = False  # inside a block of lines before the first cue
    junk_at = 0  # the first line of such a block that is not a comment
    junk_message = ""  # pragma: no mutate (equivalent: read only once junk_at is set, and set with it)
    state = _HEADER if first else _ID
    # The cue being read, set by its identifier or timing line before any use.
    identifier: str
    start: int
    end: int
    settings: str
    content: list[str] = []

    def recover(line: str, number: int) -> int:
        """A line with "-->" starts a new cue, or a bad one (skipped up to the next blank line)."""
        nonlocal identifier, start, end, settings
        identifier = ""
        content.clear()
        timing = _timing(line, repairs, number)
        if timing is None:
            repairs.add("skipped a cue whose timing line cannot be read", number)
            return _BAD
        start, end, settings = timing
        return _TEXT

    def emit() -> None:
        cues.append(_make_cue(start, end, content, identifier, settings))

    for index in range(1 if first else 0, len(lines)):
        line = lines[index]
        index += base
        if state == _TEXT:
            if not line:
                emit()
                state = _ID
            elif "-->" in line:
                emit()
                state = recover(line, index + 1)
            else:
                content.append(line)
        elif state == _ID:
            if not line:
                continue
            content.clear()
            if "-->" in line:
                state = recover(line, index + 1)
            else:
                identifier = line
                state = _TIMINGS
        elif state == _TIMINGS:
            # The line after an identifier must be a timing line; a NOTE block looks like an
            # identifier followed by text, and a late STYLE or REGION block too (browsers ignore both).
            comment = _block_start(identifier, "NOTE", prefix=True)
            if not line:
                if not comment:
                    repairs.add("ignored a line that is neither a cue nor a comment", index, f": {identifier[:30]!r}")
                state = _ID
                continue
            timing = _timing(line, repairs, index + 1)
            if timing is not None:
                start, end, settings = timing
                state = _TEXT
                continue
            state = _BAD
            if comment:
                pass
            elif _block_start(identifier, "STYLE") or _block_start(identifier, "REGION"):
                repairs.add(f"ignored a {identifier.strip()} block after the first cue (browsers ignore it)",
                            index)
            else:
                # The identifier line may itself be the broken timing line (one without "-->").
                culprit = index if identifier[:1].isdigit() and ":" in identifier else index + 1
                repairs.add("skipped a cue whose timing line cannot be read", culprit)
        elif state == _BAD:
            if not line:
                state = _ID
            elif "-->" in line:
                state = recover(line, index + 1)
        elif state == _HEADER:
            ends_header_lines = in_header_lines
            if in_header_lines:
                if not line or "-->" in line or _block_start(line, "STYLE") or _block_start(line, "REGION"):
                    in_header_lines = False
                else:
                    header_lines.append(line)
            elif not line:
                if junk_at:
                    repairs.add(junk_message, junk_at)
                    junk_at = 0
                in_block = False
            elif not in_block:
                in_block = True
                if not _block_start(line, "NOTE", prefix=True) and "-->" not in line:
                    junk_at = index + 1
                    junk_message = ("skipped a cue whose timing line cannot be read"
                                    if line[:1].isdigit() and ":" in line else
                                    "ignored lines that are neither a cue nor a comment")
            if _block_start(line, "REGION") or _block_start(line, "STYLE"):
                blocks.append([line])
                state = _BLOCK
                junk_at = 0
                in_block = False
                previous = ""  # a header line right above the block is no cue's identifier
                continue
            if "-->" in line:
                state = recover(line, index + 1)
                if state == _TEXT:
                    if previous and "-->" not in previous:
                        # The browser takes the line before as the identifier, even a header line.
                        identifier = previous
                        if ends_header_lines:
                            header_lines.pop()
                    if junk_at and junk_at != index:  # not when its one line became the identifier
                        repairs.add(junk_message, junk_at)
                    continue
                state = _HEADER
            previous = line if not previous else ""
        elif state == _BLOCK:  # (STYLE or REGION): it ends at a blank line or a line with "-->"
            if line and "-->" not in line:
                blocks[-1].append(line)
                continue
            state = _HEADER
            if "-->" in line:
                state = recover(line, index + 1)
                if state != _TEXT:
                    state = _HEADER
                    in_block = True  # the lines under it are the skipped cue's, reported with it
    if not final:
        return cues, header_lines, blocks, state == _ID
    if state == _TEXT:
        emit()
    elif state == _HEADER and junk_at:  # a block of junk that the file's end closes
        repairs.add(junk_message, junk_at)
    elif state == _TIMINGS and not _block_start(identifier, "NOTE", prefix=True):
        repairs.add("ignored a line that is neither a cue nor a comment", base + len(lines),
                    f": {identifier[:30]!r}")
    return cues, header_lines, blocks, True


def _make_cue(start: int, end: int, content: list[str], identifier: str, settings: str) -> Cue:
    raw = "\n".join(content)
    style: dict[str, Any] | None = {"vtt_settings": settings} if settings else None
    if "<" in raw or "&" in raw:
        neutral, speaker = neutral_text(raw)
        if neutral != raw:
            if style is None:
                style = {}
            style["vtt_text"] = raw
        lines = neutral.split("\n") if neutral else []
    else:
        speaker = None
        lines = content[:]
    return Cue(start, end, lines, speaker, identifier or None, style)


_LANGUAGE = re.compile(r"language\s*[:=]\s*(\S+)", re.IGNORECASE)


def _language(header_lines: list[str]) -> str | None:
    for line in header_lines[1:]:
        match = _LANGUAGE.match(line)
        if match:
            return match.group(1)
    return None


# --- writing --------------------------------------------------------------------------------

_ESCAPE = re.compile(f"{STYLE_TAG.pattern}|{FOREIGN_MARKUP.pattern}|[&<>]", re.IGNORECASE)
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def _escape_match(match: re.Match[str]) -> str:
    name = match.group(2)
    if name:
        return f"<{match.group(1)}{name.lower()}>"
    found = match.group(0)
    return _ENTITIES[found] if found in _ENTITIES else ""


def escape_text(text: str) -> str:
    """Neutral cue text as WebVTT cue text."""
    if "<" in text or "&" in text or ">" in text or "{" in text:  # four scans beat one regex search
        return close_open_tags(_ESCAPE.sub(_escape_match, text))
    return text


_ONE_WORD = re.compile(r"[^\s\x00-\x1f\x7f-\x9f\ud800-\udfff]+\Z")
EMPTY_CUE_TEXT = "<c></c>"
"""The text of a cue without text: an empty span, so that ffmpeg keeps the cue."""


def _header(transcript: Transcript, style_blocks: bool, repairs: TextRepairs) -> str:
    """The signature line and the header blocks (kept from a WebVTT input), Language: set."""
    blocks = transcript.metadata.extra.get("vtt_header")
    language = transcript.metadata.language
    if not (isinstance(blocks, list) and blocks and all(isinstance(b, str) for b in blocks) and sniff(blocks[0])):
        blocks = ["WEBVTT"]
    first = repairs.lines(blocks[0].split("\n"))
    # Lines that would end the header or start a cue cannot be kept.
    first = first[:1] + [line for line in first[1:] if line.strip() and "-->" not in line]
    if language and not (_ONE_WORD.match(language) and "-->" not in language):
        warn(f"language {language[:40]!r} left out of the header: it is not one word")
    elif language and _language(first) != language:
        first = [line for line in first if not _LANGUAGE.match(line)]
        first.insert(1, f"Language: {language}")
    kept = ["\n".join(first)]
    if style_blocks:
        kept += ["\n".join(repairs.lines(block.split("\n"))) for block in blocks[1:]
                 if block and "-->" not in block and "\n\n" not in block and "\r" not in block]
    return "\n\n".join(kept) + "\n"


class CueWriter:
    """``write_cues`` piece by piece: the :meth:`header`, then :meth:`render` the cues of each piece in
    order, the texts joined make the file; then :meth:`finish` says what was changed (once for the
    file)."""

    def __init__(self, transcript: Transcript, options: Options | None = None) -> None:
        self.transcript = transcript
        self.options = options or Options()
        self.repairs = TextRepairs()
        self.clamp = TimeClamp("WebVTT")
        self.identifiers_left_out = 0

    def header(self) -> str:
        return _header(self.transcript, self.options.style_blocks, self.repairs)

    def render(self, cues: list[Cue]) -> str:
        transcript = self.transcript
        voice_tags = self.options.voice_tags
        word_timestamps = self.options.word_timestamps
        repairs = self.repairs
        clamp = self.clamp
        parts = [""]
        add = parts.append
        identifiers_left_out = 0
        for cue in cues:
            start, end = cue.start, cue.end
            if not clamp.fits(start, end):
                start, end = clamp.clamp(start, end)
            text = None
            timing = f"{clock(start, '.')} --> {clock(end, '.')}"
            style = cue.style
            speaker = cue.speaker
            if style:
                settings = style.get("vtt_settings")
                if settings and "\n" not in settings and "\r" not in settings and "-->" not in settings:
                    timing += " " + repairs.text(settings)
                raw = style.get("vtt_text")
                if raw and not word_timestamps and _writable_raw(raw) and _still(raw, cue, transcript):
                    text = raw  # with its voice, if the cue has a speaker
            if text is None:
                lines = cue.lines
                stamps = _word_stamps(cue, start, end) if word_timestamps else None
                if stamps is not None:
                    lines = stamps[0]
                text = "\n".join(lines)
                if needs_care(lines, text):
                    text = "\n".join(line for line in repairs.lines(lines) if line and not line.isspace())
                markup = "<" in text or "{" in text
                text = escape_text(text)
                if markup and "\n" in text:  # a line of markup alone is now empty: it would end the cue
                    text = "\n".join(line for line in text.split("\n") if line and not line.isspace())
                if stamps is not None:
                    pieces = text.split(_words.MARK)
                    text = pieces[0] + "".join(stamp + piece for stamp, piece in zip(stamps[1], pieces[1:]))
                if voice_tags and speaker is not None:
                    text = _voice(transcript, speaker) + text
            if not text:
                text = EMPTY_CUE_TEXT
            identifier = cue.identifier
            if identifier and not identifier.isdecimal():  # an SRT index is always written as it is
                if UNWRITABLE.search(identifier) is not None:
                    identifier = repairs.text(identifier)
                if "-->" in identifier or "\n" in identifier or "\r" in identifier or identifier.startswith(
                        ("NOTE", "WEBVTT")) or _block_start(identifier, "STYLE") or _block_start(identifier,
                                                                                                "REGION"):
                    identifiers_left_out += 1
                    identifier = ""
            add(f"{identifier}\n{timing}\n{text}\n" if identifier else f"{timing}\n{text}\n")
        self.identifiers_left_out += identifiers_left_out
        return "\n".join(parts)

    def finish(self) -> None:
        self.repairs.report()
        self.clamp.report()
        if self.identifiers_left_out:
            warn(f"{self.identifiers_left_out} cue identifier(s) left out: with a line end, '-->', a leading NOTE "
                 "or WEBVTT, or STYLE or REGION alone, the cue would not read back as it was")


def write_cues(cues: list[Cue], transcript: Transcript, options: Options | None = None) -> str:
    options = options or Options()
    if options.highlight_words:
        cues = _words.highlight_cues(cues)
    writer = CueWriter(transcript, options)
    text = writer.header() + writer.render(cues)
    writer.finish()
    return text


def _word_stamps(cue: Cue, start: int, end: int) -> tuple[list[str], list[str]] | None:
    """The cue's lines with a mark before each word, and what each mark becomes: nothing for the
    first word, else a timestamp of the word's start, strictly after the one before and the cue's
    start and before its end (a word starting no later than the word before, or at the end, gets
    none: it is shown with the word before). None when the cue's words are not found in its text."""
    words = _words.cue_words(cue)
    marked = _words.marked_lines(cue, words)
    if marked is None:
        return None
    stamps = [""]
    latest = start
    for word in words[1:]:
        if latest < word.start < end:
            stamps.append(f"<{clock(word.start, '.')}>")
            latest = word.start
        else:
            stamps.append("")
    return marked, stamps


def _writable_raw(raw: str) -> bool:
    """Whether raw cue text kept from a WebVTT input can be written again as it is."""
    return "-->" not in raw and "\r" not in raw and UNWRITABLE.search(raw) is None and all(
        line and not line.isspace() for line in raw.split("\n"))


def _voice(transcript: Transcript, speaker: str) -> str:
    name = transcript.speaker_name(speaker) or speaker
    if UNWRITABLE.search(name) is not None:
        name = writable(name, "in a speaker name")
    return f"<v {escape_text(' '.join(name.split()))}>"


def _still(raw: str, cue: Cue, transcript: Transcript) -> bool:
    """Whether the cue is as it was read from ``raw`` (lines and speaker unchanged)."""
    neutral, speaker = neutral_text(raw)
    lines = neutral.split("\n") if neutral else []
    if lines != cue.lines or speaker != cue.speaker:
        return False
    return speaker is None or transcript.speaker_name(speaker) == speaker

