"""REFI-QDA project (``.qdpx``): the open exchange standard that MAXQDA, NVivo,
ATLAS.ti and QualCoder import, with each transcript synchronised to its media.

A ``.qdpx`` is a zip holding ``project.qde`` (UTF-8 XML in the namespace
``urn:QDA-XML:project:1.0``, validated against the standard's Project.xsd) and the source files
in ``Sources/``, each named ``<GUID>.<ext>`` and referenced as ``internal://<GUID>.<ext>``
(the standard and ELAN spell the folder ``Sources``). What a project holds:

- one ``AudioSource`` or ``VideoSource`` per transcript (by the media file's extension; audio
  when it is unknown), whose ``path`` names the media: ``relative:///<file name>`` with the
  project's ``basePath`` the media's folder (``media=``), ``internal://<GUID>.<ext>`` with the
  media copied into the project (``qdpx_embed_media``), or, with no media given,
  ``relative:///<name>`` from the transcript's own file name: that name when it is a media file's
  (a provider's export names the media it transcribed), else its stem without an extension, for
  the importing tool to ask where the media is;
- its ``Transcript``: the plain text in ``Sources/<GUID>.txt`` (UTF-8 without a BOM, LF line
  ends, NFC), one paragraph a speaker turn, ``Speaker: text`` as the TXT and MAXQDA writers
  write it, a blank line between turns;
- ``SyncPoint`` elements tying the text to the media: ``timeStamp`` in integer milliseconds from
  the start of the media, ``position`` a character offset into the text, counted as Python
  ``str`` indices (Unicode code points, so an emoji counts one), at each turn's start (the
  speaker's name, at the turn's first word's start) and end (after its last word, at that
  word's end), at each selection's boundaries (from the word timing), and, with
  ``timestamps_every``, at the first word reaching each multiple of N seconds (at that word's
  start). Sync points go forward in position and time together: where speech overlaps (a turn
  ending after the next one starts), the earlier point is moved back to the later one's time;
  a move beyond that (words out of time order) is reported;
- each speaker turn a ``TranscriptSelection`` coded with its speaker's code, under a
  non-codable parent code "Speakers" in the codebook (codes are what the QDA tools import
  most reliably); one ``Case`` per speaker and transcript, listing the turns
  (``SelectionRef``), named ``<speaker> (<transcript>)`` where several transcripts of the
  project have a speaker of that name (the same name in two interviews need not be one person);
- each provider highlight (``highlights``, on by default) a selection coded with its label
  under a non-codable "Highlights" code ("Highlight" when it has none), from the first to the
  last word it overlaps (a highlight over no word is left out); with ``low_confidence``, each run
  of words of a turn below the threshold a selection coded "Low confidence";
- one ``User`` (scribekit) as the creating user.

GUIDs are uuid5 over the content (the same input gives the same bytes); no date is written
unless ``SOURCE_DATE_EPOCH`` is set (then the project's, sources' and transcripts'
``creationDateTime``, and the zip members' time, otherwise 1980-01-01).

The conventions (``scribekit.conventions.apply``) are applied to each transcript first.

Read (:func:`read_bytes`): each Transcript of a project back as a transcript, its turns and
times from the selections and sync points, so that a project this writes, or another tool's, can
be converted to subtitles and documents again.
"""
from __future__ import annotations

import hashlib
import io
import os
import unicodedata
import uuid
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..model import Transcript
from . import describe
from ._document import ConventionOptions, DocumentOptions, Token, blocks, check_interval, clean_text

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

FORMAT = describe(__name__, name="qdpx", title="REFI-QDA project (MAXQDA, NVivo, ATLAS.ti, QualCoder)",
                  extensions=("qdpx",), kind="document", priority=25)

__all__ = ["AUDIO_EXTENSIONS", "MAX_INTERNAL_BYTES", "NAMESPACE", "Options", "VIDEO_EXTENSIONS", "read_bytes",
           "sniff_bytes", "write", "write_project"]

NAMESPACE = "urn:QDA-XML:project:1.0"
MAX_INTERNAL_BYTES = 2**31 - 1
"""The largest file a project may hold (the standard's limit for an internal file)."""
AUDIO_EXTENSIONS = frozenset({"aac", "aif", "aifc", "aiff", "amr", "au", "caf", "flac", "m4a", "m4b", "mka", "mp2",
                              "mp3", "mpga", "oga", "ogg", "opus", "wav", "wave", "weba", "wma"})
VIDEO_EXTENSIONS = frozenset({"3g2", "3gp", "asf", "avi", "divx", "f4v", "flv", "m2ts", "m2v", "m4v", "mkv", "mov",
                              "mp4", "mpeg", "mpg", "mts", "mxf", "ogv", "qt", "ts", "vob", "webm", "wmv"})

_GUID_ROOT = uuid.uuid5(uuid.NAMESPACE_URL, "urn:scribekit:qdpx")
_USER = uuid.uuid5(_GUID_ROOT, "user\0scribekit")
_SPEAKER_COLOURS = ("#1F77B4", "#FF7F0E", "#2CA02C", "#9467BD", "#8C564B", "#E377C2", "#17BECF", "#7F7F7F",
                    "#BCBD22", "#AEC7E8")
_HIGHLIGHT_COLOUR = "#FFD700"
_LOW_COLOUR = "#D62728"
_EPOCH_1980 = 315532800


@dataclass(frozen=True)
class Options(ConventionOptions):
    # The first format of the registry to declare them, qdpx gives the shared flags their help: it
    # says what they do in every format that takes them.
    media: str | None = field(default=None, metadata={
        "help": "the audio or video file the transcript is of (html: for the player, a path as the page will reach "
                "it; qdpx: named in the project, or for several transcripts the folder of each one's media, named "
                "as its transcript file is)"})
    qdpx_embed_media: bool = field(default=False, metadata={
        "help": "copy the media into the project (up to 2 GiB - 1 a file, the standard's limit) rather than "
                "naming it beside the project"})
    timestamps_every: float | None = field(
        default=None, metadata={"help": "also a timestamp every N seconds inside the text (5s, 10s, 30s, 60s, ...; "
                                        "a sync point in qdpx, a new row in nvivo)",
                                "unit": "seconds"})
    highlights: bool = field(default=True, metadata={
        "help": "mark the highlighted passages (highlighted text; ==like this== in txt; in qdpx, on by default, "
                "selections coded with their labels)"})
    low_confidence: float | None = field(default=None, metadata={
        "help": "mark words whose confidence is below this (0 to 1; word(?) in txt; in qdpx, selections coded "
                "'Low confidence')"})
    title: str | None = field(default=None, metadata={
        "help": "the document's title, or the qdpx project's name (default: the file name without its extension)"})

    def __post_init__(self) -> None:
        from ..errors import OptionError

        super().__post_init__()
        check_interval(self.timestamps_every)
        if self.low_confidence is not None and not 0 <= self.low_confidence <= 1:
            raise OptionError(f"low_confidence must be between 0 and 1, not {self.low_confidence}")
        if self.media is not None and not self.media.strip():
            raise OptionError("media is empty: give the media file (or the folder holding the media)")


# --- the model of one transcript's part of the project -------------------------------------

@dataclass
class _Point:
    position: int
    time: int
    turn_start: bool = False
    guid: str = ""


@dataclass
class _Selection:
    name: str
    start: _Point
    end: _Point
    codes: list[str]
    """GUIDs of the codes it is coded with."""
    speaker: str | None = None
    guid: str = ""


@dataclass
class _Media:
    path: str
    """The source's ``path``: relative:///..., or internal://... once embedded."""
    extension: str
    file: str | None = None
    """The media file to embed (qdpx_embed_media)."""


@dataclass
class _Source:
    name: str
    stem: str
    text: str
    points: list[_Point]
    selections: list[_Selection]
    language: str | None
    media: _Media | None = None
    guid: str = ""


class _CodeBook:
    """The codes used, each made once: ("Speakers", name), ("Highlights", label), (None, "Low confidence")."""

    def __init__(self) -> None:
        self.codes: dict[tuple[str | None, str], str] = {}

    def code(self, parent: str | None, name: str) -> str:
        key = (parent, name)
        if key not in self.codes:
            self.codes[key] = str(_guid(_GUID_ROOT, "code", parent or "", name))
        return self.codes[key]


def _guid(namespace: uuid.UUID, *parts: object) -> uuid.UUID:
    return uuid.uuid5(namespace, "\0".join(str(p) for p in parts))


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _ms(value: float) -> int:
    return int(round(value))


def _name_of(text: str) -> str:
    return _nfc(clean_text(text)).strip()


def _base_name(filename: str) -> str:
    return filename.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1].strip()


def _split_extension(name: str) -> tuple[str, str]:
    stem, dot, extension = name.rpartition(".")
    if dot and stem.strip() and extension and extension.isalnum() and len(extension) <= 8:
        return stem, extension.lower()
    return name, ""


def _is_media(extension: str) -> bool:
    return extension in AUDIO_EXTENSIONS or extension in VIDEO_EXTENSIONS


# --- the text and its sync points ------------------------------------------------------------

def _build(transcript: Transcript, options: Options, codebook: _CodeBook) -> tuple[str, list[_Point],
                                                                                     list[_Selection]]:
    """The transcript's text, its sync points (in text order, times not yet put in order) and its
    selections (turns, highlights, low-confidence runs)."""
    shown = DocumentOptions(timestamps=True, timestamps_every=options.timestamps_every,
                            low_confidence=options.low_confidence)
    parts: list[str] = []
    length = 0
    points: list[_Point] = []
    selections: list[_Selection] = []
    placed: list[tuple[Token, int, int]] = []  # each token, where its text starts and ends
    for block in blocks(transcript, shown):
        if parts:
            parts.append("\n\n")
            length += 2
        speaker = _nfc(block.speaker) if block.speaker else None
        start = _Point(length, _ms(block.start), turn_start=True)
        points.append(start)
        if speaker:
            parts.append(speaker + ": ")
            length += len(speaker) + 2
        low_run: list[tuple[Token, int, int]] = []
        first = True
        for mark, run in block.runs:
            for i, token in enumerate(run):
                if token.space and not first:
                    parts.append(" ")
                    length += 1
                text = _nfc(token.text)
                if mark is not None and i == 0:
                    points.append(_Point(length, _ms(token.start)))
                where = (token, length, length + len(text))
                parts.append(text)
                length += len(text)
                placed.append(where)
                first = False
                if token.low:
                    low_run.append(where)
                else:
                    _close_low_run(low_run, points, selections, codebook)
        _close_low_run(low_run, points, selections, codebook)
        last_token = placed[-1][0]
        end = _Point(length, _ms(last_token.end))
        points.append(end)
        label = speaker or "Turn"
        codes = [codebook.code("Speakers", speaker)] if speaker else []
        selections.append(_Selection(f"{label} {_clock(start.time)}", start, end, codes, speaker))
    if options.highlights:
        _highlight_selections(transcript, placed, points, selections, codebook)
    text = "".join(parts) + ("\n" if parts else "")
    return text, points, selections


def _clock(ms: int) -> str:
    from ..timecode import clock

    return clock(max(ms, 0), ".")


def _close_low_run(run: list[tuple[Token, int, int]], points: list[_Point], selections: list[_Selection],
                   codebook: _CodeBook) -> None:
    if not run:
        return
    start = _Point(run[0][1], _ms(run[0][0].start))
    end = _Point(run[-1][2], _ms(run[-1][0].end))
    points += [start, end]
    selections.append(_Selection(f"Low confidence {_clock(start.time)}", start, end,
                                 [codebook.code(None, "Low confidence")]))
    run.clear()


def _highlight_selections(transcript: Transcript, placed: list[tuple[Token, int, int]], points: list[_Point],
                          selections: list[_Selection], codebook: _CodeBook) -> None:
    """A selection for each highlight, from the first to the last word (in text order) it overlaps."""
    import bisect

    wanted = [h for h in transcript.highlights if h.end > h.start]
    if not wanted or not placed:
        return
    starts = [token.start for token, _, _ in placed]
    in_order = all(a <= b for a, b in zip(starts, starts[1:]))
    longest = max(max(token.end - token.start, 0) for token, _, _ in placed)
    for highlight in wanted:
        first = last = None
        if in_order:  # text order is time order: look from both ends of the words starting in time
            low = bisect.bisect_left(starts, highlight.start - longest)
            high = bisect.bisect_left(starts, highlight.end)
            first = next((placed[i] for i in range(low, high) if placed[i][0].end > highlight.start), None)
            last = next((placed[i] for i in range(high - 1, low - 1, -1) if placed[i][0].end > highlight.start), None)
        else:
            inside = [p for p in placed if p[0].start < highlight.end and p[0].end > highlight.start]
            if inside:
                first, last = inside[0], inside[-1]
        if first is None or last is None:
            continue
        label = _name_of(highlight.label or "") or "Highlight"
        start = _Point(first[1], _ms(first[0].start))
        end = _Point(last[2], _ms(last[0].end))
        points += [start, end]
        selections.append(_Selection(label, start, end, [codebook.code("Highlights", label)]))


def _order(points: list[_Point]) -> tuple[list[_Point], int, int]:
    """The sync points in text order with times that never go back (each later point's time bounds
    the earlier ones'), one point per (position, time): the points kept, how many were moved
    beyond an overlap of speech (see the module's docstring), and how many times were negative."""
    ordered = sorted(points, key=lambda p: (p.position, p.time))
    negative = sum(1 for p in ordered if p.time < 0)
    moved = 0
    later: int | None = None
    for point in reversed(ordered):
        time = max(point.time, 0)
        if later is not None and time > later:
            if point.turn_start:
                moved += 1
            time = later
        point.time = time
        later = time
    return ordered, moved, negative


def _assign_guids(source: _Source) -> list[_Point]:
    """GUIDs of the source, its points and selections (uuid5 over the content); the points kept."""
    ordered, moved, negative = _order(source.points)
    from ..errors import warn

    if moved:
        warn(f"{source.name}: words out of time order (a speaker turn starting before the one above it): "
             f"{moved} turn start{'s' if moved > 1 else ''} moved back to keep the sync points' times in order")
    if negative:
        warn(f"{source.name}: {negative} time{'s' if negative > 1 else ''} before 0 written as 0 (a sync "
             "point is a time in the media)")
    namespace = uuid.UUID(source.guid)
    kept: dict[tuple[int, int], _Point] = {}
    for point in ordered:
        same = kept.setdefault((point.position, point.time), point)
        same.guid = same.guid or str(_guid(namespace, "syncpoint", point.position, point.time))
        point.guid = same.guid
    seen: dict[str, int] = {}
    for selection in source.selections:
        key = f"{selection.start.guid}\0{selection.end.guid}\0{selection.name}\0{','.join(selection.codes)}"
        seen[key] = seen.get(key, 0) + 1
        selection.guid = str(_guid(namespace, "selection", key, seen[key]))
    return list(kept.values())


# --- media ------------------------------------------------------------------------------------

def _media_for(media: str | None, count: int, embed: bool) -> tuple[str | None, str | None, bool]:
    """(the folder for basePath, the one media file, whether media names a folder)."""
    from ..errors import OptionError

    if media is None:
        if embed:
            raise OptionError("qdpx_embed_media needs the media: give the media file (or, for several "
                              "transcripts, the folder holding them) with media=")
        return None, None, False
    if os.path.isdir(media):
        return os.path.abspath(media), None, True
    if media.endswith(("/", os.sep)):
        raise OptionError(f"media: no folder {media!r}")
    if count > 1:
        raise OptionError(f"media names one file ({media!r}) but the project has {count} transcripts",
                          hint="name the folder holding each transcript's media")
    if embed and not os.path.isfile(media):
        raise OptionError(f"media: no file {media!r} to embed")
    return os.path.dirname(os.path.abspath(media)), media, False


def _media_in_folder(folder: str, stems: list[str]) -> str:
    from ..errors import OptionError

    try:
        entries = sorted(os.listdir(folder))
    except OSError as exc:
        raise OptionError(f"media: cannot list the folder {folder!r} ({exc.strerror or exc})") from None
    for stem in stems:
        found = [e for e in entries if _split_extension(e)[0] == stem and _is_media(_split_extension(e)[1])
                 and os.path.isfile(os.path.join(folder, e))]
        if len(found) > 1:
            raise OptionError(f"media: several media files for {stem!r} in {folder!r}: {', '.join(found)}",
                              hint="keep one of them in the folder")
        if found:
            return found[0]
    wanted = " or ".join(repr(s + ".<audio or video extension>") for s in stems)
    raise OptionError(f"media: no media file named {wanted} in the folder {folder!r}")


def _source_media(transcript: Transcript, name: str, options: Options, folder: str | None, one_file: str | None,
                  is_folder: bool) -> _Media:
    own = _base_name(transcript.metadata.filename or "")
    if is_folder and folder is not None:
        stems = [s for s in dict.fromkeys([_split_extension(own)[0].strip(), name]) if s]
        file_name = _media_in_folder(folder, stems)
        path = os.path.join(folder, file_name)
    elif one_file is not None:
        file_name, path = _base_name(one_file), one_file
    else:
        stem, extension = _split_extension(own)
        file_name = own if _is_media(extension) else (stem.strip() or name)
        path = None
    file_name = _name_of(file_name) or name
    extension = _split_extension(file_name)[1]
    return _Media(f"relative:///{file_name}", extension, path if options.qdpx_embed_media else None)


def _check_embedded(path: str) -> int:
    from ..errors import OptionError

    try:
        size = os.path.getsize(path)
    except OSError as exc:
        raise OptionError(f"media: cannot read {path!r} to embed ({exc.strerror or exc})") from None
    if not os.path.isfile(path):
        raise OptionError(f"media: {path!r} is not a file")
    if size > MAX_INTERNAL_BYTES:
        raise OptionError(f"media: {path!r} holds {size} bytes, over the {MAX_INTERNAL_BYTES} a REFI-QDA project "
                          "may hold in one file", hint="leave qdpx_embed_media off: the project then names it")
    return size


# --- writing -----------------------------------------------------------------------------------

def write(transcript: Transcript, options: Options | None = None) -> bytes:
    """A REFI-QDA project (the ``.qdpx`` zip's bytes) of one transcript; see the module's docstring."""
    return write_project([transcript], options)


def write_project(transcripts: Sequence[Transcript], options: Options | None = None, *,
                  names: Sequence[str] | None = None) -> bytes:
    """A REFI-QDA project of several transcripts, one source each, in the order given.

    ``names``: each source's name (default: its transcript's file name without the extension, else
    "Transcript N"); sources of the same name are told apart with " (2)", " (3)", ... and their
    files are named by their GUIDs. A sync point's ``position`` counts Unicode code points (Python
    ``str`` indices) into the transcript's text, its ``timeStamp`` milliseconds. OptionError for
    options the transcripts cannot take (media missing or too large to embed, names of another
    count), WriteError for a project of no transcript or times no clock can show.
    """
    from .. import collector, conventions
    from ..errors import OptionError, WriteError
    from ._document import _check_times, reporting_replacements

    options = options or Options()
    transcripts = [transcripts] if isinstance(transcripts, Transcript) else list(transcripts)
    if not transcripts:
        raise WriteError("a REFI-QDA project needs at least one transcript")
    if names is not None and (isinstance(names, str) or len(names) != len(transcripts)):
        raise OptionError(f"names: {len(names) if not isinstance(names, str) else 'a string, not'} names for "
                          f"{len(transcripts)} transcripts")
    folder, one_file, is_folder = _media_for(options.media, len(transcripts), options.qdpx_embed_media)
    codebook = _CodeBook()
    sources: list[_Source] = []
    with collector.paused(), reporting_replacements():
        taken: dict[str, int] = {}
        for index, original in enumerate(transcripts):
            _check_times(original)
            transcript = conventions.apply(original, options)
            _check_times(transcript)
            stem = _name_of(names[index]) if names is not None else ""
            if not stem:
                stem = _name_of(_split_extension(_base_name(transcript.metadata.filename or ""))[0])
            stem = stem or f"Transcript {index + 1}"
            taken[stem] = taken.get(stem, 0) + 1
            name = stem if taken[stem] == 1 else f"{stem} ({taken[stem]})"
            text, points, selections = _build(transcript, options, codebook)
            source = _Source(name, stem, text, points, selections, transcript.metadata.language)
            source.media = _source_media(transcript, stem, options, folder, one_file, is_folder)
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            source.guid = str(_guid(_GUID_ROOT, "source", index, name, digest))
            if source.media.file is not None:
                extension = source.media.extension
                source.media.path = f"internal://{source.guid}" + (f".{extension}" if extension else "")
            source.points = _assign_guids(source)
            sources.append(source)
        if options.qdpx_embed_media:
            for source in sources:
                assert source.media is not None and source.media.file is not None
                _check_embedded(source.media.file)
        project_name = _name_of(options.title or "") or (sources[0].name if len(sources) == 1 else "Transcripts")
        xml = _project_xml(project_name, sources, codebook, folder if not options.qdpx_embed_media else None)
    return _zip(xml, sources)


def _epoch() -> int | None:
    """SOURCE_DATE_EPOCH when it is set (the reproducible-builds convention)."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    try:
        seconds = int(value)
    except ValueError:
        from ..errors import warn

        warn(f"SOURCE_DATE_EPOCH={value[:20]!r} is not a whole number of seconds: no date written")
        return None
    return min(max(seconds, _EPOCH_1980), 4102444799)  # what a zip's time and xs:dateTime both show


def _element(parent: Element | None, tag: str, **attributes: str) -> Element:
    from xml.etree.ElementTree import Element, SubElement

    values = {k: v for k, v in attributes.items() if v is not None}
    return Element(tag, values) if parent is None else SubElement(parent, tag, values)


def _project_xml(name: str, sources: list[_Source], codebook: _CodeBook, base_path: str | None) -> bytes:
    import time
    from xml.etree.ElementTree import indent, tostring

    epoch = _epoch()
    dated: dict[str, Any] = {}
    if epoch is not None:
        dated["creationDateTime"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))
    user = str(_USER)
    project = _element(None, "Project", xmlns=NAMESPACE, name=name, origin="scribekit", creatingUserGUID=user, **dated)
    if base_path is not None:
        project.set("basePath", _name_of(base_path) or base_path)
    _element(_element(project, "Users"), "User", guid=user, name="scribekit")
    if codebook.codes:
        codes = _element(_element(project, "CodeBook"), "Codes")
        for parent, colour in (("Speakers", None), ("Highlights", _HIGHLIGHT_COLOUR), (None, _LOW_COLOUR)):
            children = [(n, g) for (p, n), g in codebook.codes.items() if p == parent]
            if not children:
                continue
            holder = codes
            if parent is not None:
                holder = _element(codes, "Code", guid=str(_guid(_GUID_ROOT, "code-group", parent)), name=parent,
                                  isCodable="false")
            for number, (code_name, guid) in enumerate(children):
                _element(holder, "Code", guid=guid, name=code_name, isCodable="true",
                         color=colour or _SPEAKER_COLOURS[number % len(_SPEAKER_COLOURS)])
    _cases(project, sources)
    holder = _element(project, "Sources")
    for source in sources:
        media = source.media
        assert media is not None
        kind = "VideoSource" if media.extension in VIDEO_EXTENSIONS else "AudioSource"
        element = _element(holder, kind, guid=source.guid, name=source.name, path=media.path,
                           creatingUser=user, **dated)
        if source.language:
            _element(element, "Description").text = f"Language: {_name_of(source.language)}"
        transcript_guid = str(_guid(uuid.UUID(source.guid), "transcript"))
        transcript = _element(element, "Transcript", guid=transcript_guid, name=source.name,
                              plainTextPath=f"internal://{transcript_guid}.txt", creatingUser=user, **dated)
        for point in source.points:
            _element(transcript, "SyncPoint", guid=point.guid, timeStamp=str(point.time),
                     position=str(point.position))
        for selection in source.selections:
            chosen = _element(transcript, "TranscriptSelection", guid=selection.guid, name=selection.name,
                              fromSyncPoint=selection.start.guid, toSyncPoint=selection.end.guid, creatingUser=user)
            for code in selection.codes:
                coding = _element(chosen, "Coding", guid=str(_guid(uuid.UUID(selection.guid), "coding", code)),
                                  creatingUser=user)
                _element(coding, "CodeRef", targetGUID=code)
    indent(project, space="  ")
    body = tostring(project, encoding="unicode")  # the namespace is the root's xmlns attribute
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")


def _cases(project: Element, sources: list[_Source]) -> None:
    """One case per speaker and source: its turns."""
    in_sources: dict[str, set[str]] = {}
    for source in sources:
        for selection in source.selections:
            if selection.speaker:
                in_sources.setdefault(selection.speaker, set()).add(source.guid)
    if not in_sources:
        return
    cases = _element(project, "Cases")
    for source in sources:
        turns: dict[str, list[str]] = {}
        for selection in source.selections:
            if selection.speaker:
                turns.setdefault(selection.speaker, []).append(selection.guid)
        for speaker, guids in turns.items():
            name = speaker if len(in_sources[speaker]) == 1 else f"{speaker} ({source.name})"
            case = _element(cases, "Case", guid=str(_guid(uuid.UUID(source.guid), "case", speaker)), name=name)
            for guid in guids:
                _element(case, "SelectionRef", targetGUID=guid)


def _zip_time() -> tuple[int, int, int, int, int, int]:
    import time

    epoch = _epoch()
    if epoch is None:
        return (1980, 1, 1, 0, 0, 0)
    moment = time.gmtime(epoch)
    return (moment.tm_year, moment.tm_mon, moment.tm_mday, moment.tm_hour, moment.tm_min, moment.tm_sec & ~1)


def _member(name: str, when: tuple[int, int, int, int, int, int], size: int | None = None) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, when)
    info.create_system = 3
    info.external_attr = (0o40755 << 16) | 0x10 if name.endswith("/") else 0o100644 << 16
    info.compress_type = zipfile.ZIP_STORED if name.endswith("/") else zipfile.ZIP_DEFLATED
    if size is not None:
        info.file_size = size
    return info


def _zip(xml: bytes, sources: list[_Source]) -> bytes:
    from ..errors import OptionError

    when = _zip_time()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(_member("project.qde", when), xml, compresslevel=6)
        archive.writestr(_member("Sources/", when), b"")
        for source in sources:
            transcript_guid = str(_guid(uuid.UUID(source.guid), "transcript"))
            archive.writestr(_member(f"Sources/{transcript_guid}.txt", when), source.text.encode("utf-8"),
                             compresslevel=6)
        for source in sources:
            media = source.media
            if media is None or media.file is None:
                continue
            internal = source.guid + (f".{media.extension}" if media.extension else "")
            size = _check_embedded(media.file)
            try:
                with open(media.file, "rb") as handle, \
                        archive.open(_member(f"Sources/{internal}", when, size), "w") as member:
                    copied = 0
                    for chunk in _chunks(handle):
                        copied += len(chunk)
                        if copied > MAX_INTERNAL_BYTES:
                            raise OptionError(f"media: {media.file!r} grew past {MAX_INTERNAL_BYTES} bytes while "
                                              "it was embedded")
                        member.write(chunk)
            except OSError as exc:
                raise OptionError(f"media: cannot read {media.file!r} to embed ({exc.strerror or exc})") from None
    return out.getvalue()


def _chunks(handle: io.BufferedReader) -> Iterator[bytes]:
    while chunk := handle.read(1 << 20):
        yield chunk


# --- reading -----------------------------------------------------------------------------------

_ZIP_MAGIC = b"PK\x03\x04"
_MAX_MEMBERS = 100_000
_MEDIA_TAGS = ("AudioSource", "VideoSource", "TextSource", "PictureSource", "PDFSource")


def sniff_bytes(data: bytes) -> bool:
    """A zip holding a ``project.qde`` (any case) at its root."""
    if data[:4] != _ZIP_MAGIC:
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return any(_is_project_member(name) for name in archive.namelist())
    except Exception:  # a sniffer never raises: whatever the zip module finds wrong, it is not a project
        return False


def _is_project_member(name: str) -> bool:
    return "/" not in name and name.lower().endswith(".qde")


def read_bytes(data: bytes) -> list[Transcript]:
    """Each ``Transcript`` of a REFI-QDA project (of the audio and video sources, in their order) as a
    transcript: the speaker turns are its selections coded with a code under "Speakers" (as this
    writer writes them), and the paragraphs none of them covers, without a speaker; words are
    the text's, split at spaces, their times from the sync points (a turn starts and ends at the
    points of its selection, or of a selection spanning exactly its paragraph; a word between
    points at the time its position interpolates to); highlights are the
    selections coded under "Highlights". ``metadata.filename`` is the source's name.
    ReadError when the zip holds no project, a Transcript's text is missing, or a time is not
    an integer the model can hold."""
    from ..errors import ReadError
    from . import _zip
    from ._xml import parse

    archive = _zip.open_archive(data)
    with archive:
        infos = archive.infolist()
        if len(infos) > _MAX_MEMBERS:
            raise ReadError(f"the zip archive holds {len(infos)} files, more than {_MAX_MEMBERS}")
        projects = [i for i in infos if _is_project_member(i.filename)]
        if not projects:
            raise ReadError("a zip archive without a project.qde, so no REFI-QDA project")
        projects.sort(key=lambda i: (i.filename != "project.qde", i.filename.lower() != "project.qde", i.filename))
        budget = _zip.Budget()
        raw = _zip.read_member(archive, projects[0], budget)
        root = parse(_decode(raw, _zip.describe_member(projects[0])), "a REFI-QDA project")
        if root.tag != f"{{{NAMESPACE}}}Project":
            raise ReadError(f"{_zip.describe_member(projects[0])}: the root element is not a REFI-QDA Project "
                            f"(urn:QDA-XML:project:1.0)")
        sources = {i.filename.split("/", 1)[1]: i for i in infos
                   if i.filename.lower().startswith("sources/") and i.filename.count("/") == 1}
        codes = _read_codes(root)
        transcripts: list[Transcript] = []
        names: dict[str, int] = {}
        for element in root.iterfind(f"{{{NAMESPACE}}}Sources/*"):
            for transcript in element.iterfind(f"{{{NAMESPACE}}}Transcript"):
                text = _transcript_text(transcript, archive, sources, budget)
                read = _read_transcript(transcript, text, codes)
                name = (element.get("name") or transcript.get("name") or "transcript").replace("/", "-")
                names[name] = names.get(name, 0) + 1
                read.metadata.filename = name if names[name] == 1 else f"{name} ({names[name]})"
                read.metadata.source = FORMAT.name
                description = element.findtext(f"{{{NAMESPACE}}}Description") or ""
                if description.startswith("Language: ") and len(description) < 40:
                    read.metadata.language = description[len("Language: "):].strip() or None
                transcripts.append(read)
    if not transcripts:
        raise ReadError("the REFI-QDA project holds no transcript (a Transcript of an audio or video source)")
    return transcripts


def _decode(raw: bytes, what: str) -> str:
    from ..errors import ReadError

    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(f"{what}: not UTF-8 (byte {exc.start})") from None


def _read_codes(root: Any) -> dict[str, tuple[str, str | None]]:
    """Each code's GUID: its name and its parent code's name."""
    found: dict[str, tuple[str, str | None]] = {}
    tag = f"{{{NAMESPACE}}}Code"
    for code in root.iter(tag):
        parent = code.getparent()
        found[(code.get("guid") or "").lower()] = (code.get("name") or "",
                                                   parent.get("name") if parent is not None and parent.tag == tag
                                                   else None)
    return found


def _transcript_text(transcript: Any, archive: zipfile.ZipFile, sources: dict[str, zipfile.ZipInfo],
                     budget: Any) -> str:
    from ..errors import ReadError
    from . import _zip

    content = transcript.find(f"{{{NAMESPACE}}}PlainTextContent")
    if content is not None:
        return str(content.text or "")
    path = transcript.get("plainTextPath") or ""
    if not path.startswith("internal://"):
        raise ReadError(f"transcript {transcript.get('name') or transcript.get('guid')!r}: its text is "
                        f"{'at ' + repr(path[:80]) if path else 'missing'}, not inside the project",
                        hint="scribekit reads a transcript's text from the project itself (internal://)")
    wanted = path[len("internal://"):]
    info = sources.get(wanted) or next((i for n, i in sources.items() if n.lower() == wanted.lower()), None)
    if info is None:
        raise ReadError(f"transcript {transcript.get('name') or transcript.get('guid')!r}: its text "
                        f"Sources/{wanted[:80]} is not in the zip archive")
    return _decode(_zip.read_member(archive, info, budget), _zip.describe_member(info))


def _integer(value: str | None, what: str) -> int | None:
    from ..errors import ReadError
    from ..timecode import MAX_MS

    if value is None:
        return None
    text = value.strip()
    if not (text.lstrip("+-").isdigit() and text.isascii() and len(text) <= 20):
        raise ReadError(f"{what} {value[:30]!r} is not a whole number")
    number = int(text)
    if abs(number) > MAX_MS:
        raise ReadError(f"{what} {number} is beyond what a time or a position can be")
    return number


def _read_transcript(transcript: Any, text: str, codes: dict[str, tuple[str, str | None]]) -> Transcript:
    import bisect
    import re

    from ..model import Highlight, Segment, Speaker, Word

    points: dict[str, tuple[int, int]] = {}
    for point in transcript.iterfind(f"{{{NAMESPACE}}}SyncPoint"):
        position = _integer(point.get("position"), "a SyncPoint's position")
        time = _integer(point.get("timeStamp"), "a SyncPoint's timeStamp")
        if position is not None and time is not None:
            points[(point.get("guid") or "").lower()] = (min(max(position, 0), len(text)), time)
    ordered = sorted(points.values())
    positions = [p for p, _ in ordered]
    times = [t for _, t in ordered]

    def time_at(position: int, end: bool) -> int:
        """The time at a position: a point's there (the earliest for an end, the latest for a start),
        else interpolated between the points around it."""
        if not ordered:
            return 0
        if end:
            at = bisect.bisect_left(positions, position)
            if at < len(positions) and positions[at] == position:
                return times[at]
        before = bisect.bisect_right(positions, position) - 1
        if before < 0:
            return times[0]
        if before == len(positions) - 1 or positions[before] == position:
            return times[before]
        p0, t0, p1, t1 = positions[before], times[before], positions[before + 1], times[before + 1]
        return t0 + round((t1 - t0) * (position - p0) / (p1 - p0))

    turns: list[tuple[int, int, str | None, int | None, int | None]] = []
    highlights: list[Highlight] = []
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for selection in transcript.iterfind(f"{{{NAMESPACE}}}TranscriptSelection"):
        start = points.get((selection.get("fromSyncPoint") or "").lower())
        end = points.get((selection.get("toSyncPoint") or "").lower())
        if start is None or end is None or end[0] <= start[0]:
            continue
        spans.setdefault((start[0], end[0]), (start[1], end[1]))
        coded = [codes.get((ref.get("targetGUID") or "").lower(), ("", None))
                 for ref in selection.iterfind(f"{{{NAMESPACE}}}Coding/{{{NAMESPACE}}}CodeRef")]
        speaker = next((name for name, parent in coded if parent == "Speakers" and name), None)
        if speaker is not None:
            turns.append((start[0], end[0], speaker, start[1], end[1]))
        for name, parent in coded:
            if parent == "Highlights":
                highlights.append(Highlight(start[1], max(end[1], start[1]), None if name == "Highlight" else name))
    turns.sort(key=lambda turn: turn[0])
    covered = [(first, last) for first, last, _, _, _ in turns]
    for paragraph in re.finditer(r"\S[^\n]*(?:\n(?!\s*\n)[^\n]*)*", text):
        at = bisect.bisect_right(covered, (paragraph.start(), len(text) + 1)) - 1
        inside = at >= 0 and covered[at][1] > paragraph.start()
        following = at + 1 < len(covered) and covered[at + 1][0] < paragraph.end()
        if not inside and not following:  # a paragraph no speaker's turn covers: a turn without a speaker
            timed = spans.get((paragraph.start(), paragraph.end()), (None, None))
            turns.append((paragraph.start(), paragraph.end(), None, timed[0], timed[1]))
    turns.sort(key=lambda turn: turn[0])
    segments: list[Segment] = []
    speakers: dict[str, Speaker] = {}
    for first, last, speaker, start_time, end_time in turns:
        offset = first
        if speaker is not None:
            speakers.setdefault(speaker, Speaker(speaker, speaker))
            if text.startswith(speaker + ":", first):
                offset = first + len(speaker) + 1
        found = list(re.finditer(r"\S+", text[offset:last]))
        words = []
        for number, match in enumerate(found):
            begin = time_at(offset + match.start(), end=False)
            finish = time_at(offset + match.end(), end=True)
            if number == 0 and start_time is not None:
                begin = start_time
            if number == len(found) - 1 and end_time is not None:
                finish = end_time
            words.append(Word(match.group(), begin, max(begin, finish)))
        if words:
            segments.append(Segment(speaker, words))
    return Transcript(segments=segments, speakers=list(speakers.values()), highlights=highlights)
