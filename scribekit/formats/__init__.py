"""The format registry: every format describes itself in its own module; this finds them,
detects a file's format from its content, and dispatches reading and writing.

How to add a format
===================

1. **Declare it.** Create ``scribekit/formats/<name>.py`` (or a subpackage, like
   ``stl/``) and describe the format at the top of it::

       from . import describe
       FORMAT = describe(__name__, name="srt", title="SubRip", extensions=("srt",),
                         kind="subtitle", aliases=("subrip",), priority=70)

   ``kind`` is ``"subtitle"`` (written from cues that the segmenter cuts),
   ``"document"`` or ``"data"`` (written from the words). ``priority`` orders
   content detection, lower first (the built-in formats use 10 to 230; a plug-in
   that gives none is tried after them). The first extension is the one outputs get.
   The registry finds every module of this package whose name does not start with
   an underscore; helpers private to the formats live in ``_*.py`` modules.

2. **Read it** (optional): define one pair of functions, and the format reads.

   - ``sniff(text) -> bool`` and ``read(text) -> Transcript`` for text formats;
   - ``sniff_bytes(data) -> bool`` and ``read_bytes(data) -> list[Transcript]`` for
     binary ones (and containers holding several transcripts);
   - ``sniff_json(obj) -> bool`` and ``read_json(obj) -> Transcript`` for JSON
     shapes (the registry parses the JSON once for every JSON format).

   Sniffers look at the content, quickly and without raising. A reader raises
   :class:`~scribekit.errors.ReadError` for what it cannot read (naming the line
   where it can) and reports repairs with :func:`scribekit.errors.warn`. A reader of
   a format counted in frames may take an ``fps`` keyword (``--input-fps``); a reader
   (``read_json`` or ``read``) of a format with several channels a ``channel`` keyword
   (``--channel``: see ``_channels.py`` for the convention; SCC numbers CC1 and CC2 1 and
   2). Given to a reader without it, either is ignored (``fps``) or an error (``channel``).

3. **Write it** (optional): ``Options``, a frozen dataclass of the writer's options,
   and ``write(transcript, options) -> str | bytes`` (documents, data) or
   ``write_cues(cues, transcript, options) -> str | bytes`` (subtitles). Each field
   of ``Options`` becomes a flag of ``scribekit convert`` (``stl_mode`` ->
   ``--stl-mode``), with ``metadata={"help": ...}`` as its help (and
   ``"unit": "seconds"`` for durations such as ``30s`` or ``2m``). The flag-prefix
   convention: an option several formats share keeps a plain name (``timestamps``,
   ``speakers``, ``fps``); an option one format alone takes starts with that
   format's name (``stl_mode``, ``fcpxml_version``, ``avid_color``); a name has one
   type wherever it appears. A subtitle writer may define
   ``segment_defaults(options) -> dict`` (its own segmentation limits, such as a
   row width, which the user's limits override), and any format
   ``describe_file(data) -> list[tuple[str, str]]`` for ``scribekit info``, and
   ``retime_file(data, retiming, *, cues=None, encoding=None, fps=None)`` (``cues``: those
   its reader read from ``data``) returning the file with
   only its times changed and the changes made (or None: the writer then writes it
   anew), which ``scribekit retime`` uses for a file written back as itself, so that
   what the model does not hold (ASS styles, an EBU STL header) stays as it was.
   A format whose output's extension depends on its options (NVivo's Word table or text)
   defines ``output_extension(options) -> str`` (outputs are named with it, and an output
   named with another of its extensions is refused); a format that writes several transcripts
   into one file defines ``write_project(transcripts, options, *, names=None) -> bytes`` (a
   REFI-QDA project: ``convert a.json b.json --to qdpx -o study.qdpx``).
   ``CommonOptions`` (``sound_events``) every writer takes without declaring it:
   ``write`` applies them to the transcript before the writer sees it.
   The command line builds its flags from ``scribekit/cli/_flag_table.py`` rather than
   importing every format module: after adding or changing ``Options``, make that table
   anew (its docstring gives the command; ``tests/test_startup.py`` fails until then).

4. **Test it.** ``tests/test_formats_contract.py`` holds every registered format to
   the contract above; add tests of the format's own behaviour, with an
   independent consumer of what it writes where one exists.

Plug-ins: a package declares an entry point in the group ``scribekit.formats`` whose
value is a module written as above; it is then listed, detected, read and written
like a built-in format (a name taken already is refused with a warning).
"""
from __future__ import annotations

import dataclasses
import importlib
import inspect
import json
import os
import pkgutil
import re
import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Any, Literal, Protocol, runtime_checkable

from .. import collector
from ..errors import OptionError, ReadError, ScribekitWarning, UnknownFormatError
from ..model import Cue, Transcript

Kind = Literal["subtitle", "document", "data"]
KINDS: tuple[Kind, ...] = ("subtitle", "document", "data")
ENTRY_POINT_GROUP = "scribekit.formats"
PLUGIN_PRIORITY = 1000
"""Where a plug-in that gives no priority goes in content detection: after every built-in format."""

_NAME = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
_EXTENSION = re.compile(r"[a-z0-9][a-z0-9.]*\Z")
_READER_FUNCTIONS = (("sniff", "read"), ("sniff_bytes", "read_bytes"), ("sniff_json", "read_json"))


# --- the contract ----------------------------------------------------------------------------

@runtime_checkable
class TextReader(Protocol):
    def sniff(self, text: str) -> bool: ...
    def read(self, text: str) -> Transcript: ...


@runtime_checkable
class BytesReader(Protocol):
    def sniff_bytes(self, data: bytes) -> bool: ...
    def read_bytes(self, data: bytes) -> list[Transcript]: ...


@runtime_checkable
class JsonReader(Protocol):
    def sniff_json(self, obj: Any) -> bool: ...
    def read_json(self, obj: Any) -> Transcript: ...


@runtime_checkable
class DocumentWriter(Protocol):
    """A writer of documents and data, from the transcript's words."""

    Options: type
    def write(self, transcript: Transcript, options: Any) -> str | bytes: ...


@runtime_checkable
class SubtitleWriter(Protocol):
    """A writer of subtitles, from the cues the segmenter cut (or the file's own)."""

    Options: type
    def write_cues(self, cues: list[Cue], transcript: Transcript, options: Any) -> str | bytes: ...


@dataclass(frozen=True)
class FormatInfo:
    """A format as its module declares it; what it reads and writes comes from what the module defines."""

    module_name: str
    name: str
    title: str
    extensions: tuple[str, ...]
    kind: Kind
    aliases: tuple[str, ...] = ()
    priority: int = PLUGIN_PRIORITY
    read_by: str | None = None
    """For a format scribekit writes but reads through another: that format's name (the TTML
    delivery profiles are read by ``ttml``)."""

    @property
    def extension(self) -> str:
        return self.extensions[0]

    @property
    def module(self) -> ModuleType:
        return importlib.import_module(self.module_name)

    @property
    def reads(self) -> bool:
        module = self.module
        return any(hasattr(module, read) for _, read in _READER_FUNCTIONS)

    @property
    def writes(self) -> bool:
        return hasattr(self.module, "write_cues" if self.kind == "subtitle" else "write")

    @property
    def options(self) -> type | None:
        """The writer's options dataclass (None for a format that only reads)."""
        options = getattr(self.module, "Options", None)
        return options if isinstance(options, type) else None


def describe(module_name: str, *, name: str, title: str, extensions: tuple[str, ...], kind: Kind,
             aliases: tuple[str, ...] = (), priority: int = PLUGIN_PRIORITY, read_by: str | None = None) -> FormatInfo:
    """A format module's declaration of itself: ``FORMAT = describe(__name__, name=..., ...)``."""
    if not _NAME.match(name):
        raise ValueError(f"format name {name!r}: lower-case letters, digits and '-' only")
    if kind not in KINDS:
        raise ValueError(f"format {name}: kind {kind!r} is not one of {', '.join(KINDS)}")
    if isinstance(extensions, str) or not extensions or not all(_EXTENSION.match(e) for e in extensions):
        raise ValueError(f"format {name}: extensions must be a tuple of lower-case extensions without the dot")
    if isinstance(aliases, str) or not all(_NAME.match(a) for a in aliases):
        raise ValueError(f"format {name}: aliases must be a tuple of names")
    if read_by is not None and not _NAME.match(read_by):
        raise ValueError(f"format {name}: read_by must be a format's name")
    return FormatInfo(module_name, name, title, tuple(extensions), kind, tuple(aliases), int(priority), read_by)


def contract_problems(info: FormatInfo) -> list[str]:
    """What keeps ``info``'s module from the contract above (nothing: it may be registered)."""
    module = info.module
    problems = []
    for sniff, read in _READER_FUNCTIONS:
        if hasattr(module, read) != hasattr(module, sniff):
            problems.append(f"defines one of {sniff} and {read} without the other")
        for function_name in (sniff, read):
            function = getattr(module, function_name, None)
            if function is not None and not _takes_one_argument(function):
                problems.append(f"{function_name} must take one argument")
    writer = "write_cues" if info.kind == "subtitle" else "write"
    other = "write" if info.kind == "subtitle" else "write_cues"
    if hasattr(module, other):
        problems.append(f"a {info.kind} format writes with {writer}, not {other}")
    if hasattr(module, writer):
        options = getattr(module, "Options", None)
        if not (isinstance(options, type) and dataclasses.is_dataclass(options)):
            problems.append(f"{writer} needs an Options dataclass")
        elif not options.__dataclass_params__.frozen:  # type: ignore[attr-defined]
            problems.append("Options must be a frozen dataclass")
        arity = 3 if info.kind == "subtitle" else 2
        if not _takes_arguments(getattr(module, writer), arity):
            problems.append(f"{writer} must take {arity} arguments")
    if not info.reads and not info.writes:
        problems.append("neither reads nor writes")
    return problems


def _takes_one_argument(function: Any) -> bool:
    return _takes_arguments(function, 1)


def _takes_arguments(function: Any, count: int) -> bool:
    try:
        inspect.signature(function).bind(*range(count))
    except (TypeError, ValueError):
        return False
    return True


# --- finding the formats -----------------------------------------------------------------------

def _builtin_formats() -> list[FormatInfo]:
    found = []
    for entry in pkgutil.iter_modules(__path__):
        if entry.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{entry.name}")
        info = getattr(module, "FORMAT", None)
        if not isinstance(info, FormatInfo) or info.module_name != module.__name__:
            raise TypeError(f"{module.__name__} declares no FORMAT = describe(__name__, ...)")
        found.append(info)
    return found


def _may_have_plugins() -> bool:
    """Whether any distribution on sys.path declares the entry-point group: a look at the
    ``entry_points.txt`` files, a millisecond, where importlib.metadata's full scan takes tens
    (it reads every distribution's metadata) and would be paid by every command's start."""
    marker = f"[{ENTRY_POINT_GROUP}]"
    for entry in sys.path:
        folder = entry or "."
        if os.path.isfile(folder):
            return True  # a zip archive on the path: leave it to importlib.metadata
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            if name.endswith((".dist-info", ".egg-info")):
                try:
                    with open(os.path.join(folder, name, "entry_points.txt"), encoding="utf-8") as declared:
                        if marker in declared.read():
                            return True
                except OSError:
                    continue
    return False


def _plugin_formats(taken: set[str]) -> list[FormatInfo]:
    if not _may_have_plugins():
        return []
    from importlib.metadata import entry_points

    found = []
    for entry in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        where = f"plug-in format {entry.name!r} ({entry.value})"
        try:
            module = entry.load()
        except Exception as exc:  # a broken plug-in must not stop scribekit
            warnings.warn(f"{where} not loaded: {type(exc).__name__}: {exc}", ScribekitWarning, stacklevel=2)
            continue
        info = getattr(module, "FORMAT", None)
        problems = [] if isinstance(info, FormatInfo) else ["its module declares no FORMAT = describe(__name__, ...)"]
        if isinstance(info, FormatInfo):
            if info.name in taken:
                problems.append(f"the name {info.name!r} is taken")
            problems += contract_problems(info)
        if problems or not isinstance(info, FormatInfo):
            warnings.warn(f"{where} not loaded: {'; '.join(problems)}", ScribekitWarning, stacklevel=2)
            continue
        taken.add(info.name)
        found.append(info)
    return found


@cache
def _registry() -> tuple[tuple[FormatInfo, ...], dict[str, FormatInfo]]:
    builtin = _builtin_formats()
    names = {info.name for info in builtin}
    everything = sorted(builtin, key=lambda f: (f.priority, f.name)) + \
        sorted(_plugin_formats(names), key=lambda f: (f.priority, f.name))
    everything.sort(key=lambda f: f.priority)  # stable: built-in before plug-in at equal priority
    by_name: dict[str, FormatInfo] = {}
    for info in everything:
        for key in (info.name, *info.aliases):
            by_name.setdefault(key, info)
    return tuple(everything), by_name


def registered() -> tuple[FormatInfo, ...]:
    """Every format, built-in and plug-in, in detection order."""
    return _registry()[0]


def get(name: str) -> FormatInfo:
    key = name.lower().lstrip(".")
    formats, by_name = _registry()
    info = by_name.get(key)
    if info is None:
        raise UnknownFormatError(f"unknown format {name!r}",
                                 hint="`scribekit formats` lists them: " + ", ".join(f.name for f in formats))
    return info


def names() -> set[str]:
    """Every name ``get`` takes: format names and their aliases."""
    return set(_registry()[1])


def readers() -> list[FormatInfo]:
    return [f for f in registered() if f.reads]


def writers() -> list[FormatInfo]:
    return [f for f in registered() if f.writes]


def for_filename(filename: str) -> list[FormatInfo]:
    """Formats whose extension the file name ends with (longest extension first)."""
    lower = filename.lower()
    hits = [(len(ext), f) for f in registered() for ext in f.extensions if lower.endswith("." + ext)]
    return [f for _, f in sorted(hits, key=lambda pair: -pair[0])]


def without_extension(filename: str) -> str:
    """``filename`` without the format extension it ends with, the longest that fits
    (``talk.ebuttd.xml`` is ``talk``), else without its last extension."""
    for info in for_filename(filename):
        for ext in sorted(info.extensions, key=len, reverse=True):
            if filename.lower().endswith("." + ext) and len(filename) > len(ext) + 1:
                return filename[:-len(ext) - 1]
    stem, dot, _ = filename.rpartition(".")
    return stem if dot and stem else filename


def writer_for_filename(filename: str) -> FormatInfo:
    for info in for_filename(filename):
        if info.writes:
            return info
    raise UnknownFormatError(f"cannot tell the output format from {filename!r}", hint="pass --to")


# --- reading -------------------------------------------------------------------------------

def _parse_json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        problem = "truncated JSON" if exc.pos >= len(text.rstrip()) else f"not valid JSON ({exc.msg})"
        raise ReadError(problem, line=exc.lineno) from None
    except RecursionError:
        raise ReadError("JSON nested too deeply") from None
    except ValueError as exc:  # an integer of more digits than Python converts (sys.get_int_max_str_digits)
        raise ReadError("a number in the JSON has thousands of digits, far more than any time needs",
                        hint=str(exc)[:60].split(":")[0]) from None


def _json_shape(obj: Any) -> FormatInfo:
    json_readers = [info for info in readers() if hasattr(info.module, "sniff_json")]
    for info in json_readers:
        if info.module.sniff_json(obj):
            return info
    raise ReadError("JSON of an unknown shape",
                    hint="expected one of: " + "; ".join(info.title for info in json_readers))


def _looks_like_json(text: str) -> bool:
    return text.lstrip()[:1] in ("{", "[")


@dataclass
class _Detected:
    info: FormatInfo
    text: str | None = None
    """The decoded text (None for formats read from bytes)."""
    json: Any = None
    """The parsed document, for the JSON formats."""


def detect(data: bytes, filename: str | None = None, encoding: str | None = None) -> FormatInfo:
    """The format of ``data``, told from its content (the file name only breaks ties)."""
    return _detect(data, filename, encoding).info


_NOT_READ = {"txt": "plain text without times is not a subtitle or transcript format scribekit reads"}
"""What to say of a file whose extension is that of a format scribekit only writes."""


def _detect(data: bytes, filename: str | None, encoding: str | None) -> _Detected:
    if not data.strip():
        raise ReadError("empty file")
    hinted = for_filename(filename) if filename else []
    binary_readers = [f for f in readers() if hasattr(f.module, "sniff_bytes")]
    for info in sorted(binary_readers, key=lambda f: f not in hinted):
        if info.module.sniff_bytes(data):
            return _Detected(info)
    from ..textio import decode

    text = decode(data, encoding)
    json_error: ReadError | None = None
    if _looks_like_json(text):
        try:
            obj = _parse_json(text)
        except ReadError as exc:
            json_error = exc  # maybe not JSON at all: ASS starts with "[", MicroDVD with "{"
        else:
            return _Detected(_json_shape(obj), text, obj)
    text_readers = [f for f in readers() if hasattr(f.module, "sniff")]
    for info in sorted(text_readers, key=lambda f: f not in hinted):
        if info.module.sniff(text):
            return _Detected(info, text)
    if json_error is not None:
        raise json_error
    if hinted and not hinted[0].reads and hinted[0].read_by:  # e.g. talk.itt that is no TTML document
        raise ReadError(f"not a document of the {hinted[0].read_by} family, which {hinted[0].title} files are",
                        hint=f"scribekit reads {hinted[0].name} files as --from {hinted[0].read_by}")
    if hinted and not hinted[0].reads:  # e.g. a .txt that no reader recognises: plain text, not a marker list
        readable = [f.name for f in hinted if f.reads]
        raise ReadError(_NOT_READ.get(hinted[0].name, f"{hinted[0].title}: scribekit writes it but does not read it"),
                        hint=f"pass --from {' or '.join(readable)} if it is one" if readable else
                        "`scribekit formats` lists what it reads")
    for info in hinted:
        if info.reads and hasattr(info.module, "read"):
            return _Detected(info, text)  # let the reader name the line it cannot read
    raise ReadError("not a transcript or subtitle format scribekit knows",
                    hint="`scribekit formats` lists them; pass --from to force one")


@collector.paused(settle=True)
def read_all(data: bytes, format: str | None = None, *, filename: str | None = None,
             encoding: str | None = None, fps: float | None = None,
             channel: int | None = None) -> list[Transcript]:
    """Every transcript in ``data`` (a zip of exports holds several).

    ``channel``: only that channel of a file with several (speech-recognition JSON, numbered as
    the file numbers them; SCC: 1 for CC1, 2 for CC2); given for a format without channels, it is
    an error.
    """
    from ..textio import decode

    if channel is not None and (type(channel) is not int or channel < 0):
        raise OptionError(f"channel={channel!r}: a channel is a whole number, 0 or more")
    if format:
        info = get(format)
        if not info.reads:
            raise UnknownFormatError(f"scribekit writes {info.name} but cannot read it")
        if not data.strip():
            raise ReadError("empty file")
        if channel is not None:
            _check_channels(info)
        module = info.module
        takes_text = hasattr(module, "read") or hasattr(module, "read_json")
        if hasattr(module, "read_bytes") and (not takes_text or module.sniff_bytes(data)):
            return _read_bytes(module, data, fps)
        found = _Detected(info, decode(data, encoding))
    else:
        found = _detect(data, filename, encoding)
    module = found.info.module
    if channel is not None:
        _check_channels(found.info)
    if found.text is None:
        return _read_bytes(module, data, fps)
    if hasattr(module, "read_json"):
        if found.json is None:
            if not _looks_like_json(found.text):
                raise ReadError(f"not JSON, so not {found.info.name}")
            found.json = _parse_json(found.text)
        if channel is not None:
            return [module.read_json(found.json, channel=channel)]
        return [module.read_json(found.json)]
    keywords: dict[str, Any] = {}
    if fps is not None and "fps" in inspect.signature(module.read).parameters:
        keywords["fps"] = fps  # only formats counted in frames take it
    if channel is not None:
        keywords["channel"] = channel
    return [module.read(found.text, **keywords)]


def has_channels(info: FormatInfo) -> bool:
    """Whether ``info``'s reader takes a ``channel`` (its ``read_json`` or ``read`` has that keyword)."""
    reader = getattr(info.module, "read_json", None) or getattr(info.module, "read", None)
    return reader is not None and "channel" in inspect.signature(reader).parameters


def _check_channels(info: FormatInfo) -> None:
    if not has_channels(info):
        with_channels = [f.name for f in readers() if has_channels(f)]
        raise OptionError(f"{info.name} files have no channels",
                          hint=f"channel= is for {', '.join(with_channels)} files" if with_channels else None)


def _read_bytes(module: Any, data: bytes, fps: float | None) -> list[Transcript]:
    if fps is not None and "fps" in inspect.signature(module.read_bytes).parameters:
        return module.read_bytes(data, fps=fps)  # type: ignore[no-any-return]
    return module.read_bytes(data)  # type: ignore[no-any-return]


# --- writing -------------------------------------------------------------------------------

@dataclass(frozen=True)
class CommonOptions:
    """Options every writer takes, applied by ``write`` to the transcript on its way to the writer,
    so that no writer has to know them."""

    sound_events: bool = dataclasses.field(default=True, metadata={
        "help": "keep non-speech events ((laughter), [music], a recogniser's audio events) as words and cues "
                "of their own; --no-sound-events leaves them out"})


COMMON_OPTIONS = frozenset(f.name for f in dataclasses.fields(CommonOptions))
"""The names of ``CommonOptions``' fields."""


def option_fields(info: FormatInfo) -> list[dataclasses.Field[Any]]:
    options = info.options
    return list(dataclasses.fields(options)) if options is not None and dataclasses.is_dataclass(options) else []


def option_names(info: FormatInfo) -> set[str]:
    """The options ``info``'s writer takes: its Options fields, and the segmenter's for a subtitle format."""
    from ..segmentation import SegmentOptions

    names = {f.name for f in option_fields(info)}
    if info.writes:
        names |= COMMON_OPTIONS
    if info.kind == "subtitle":
        names |= {f.name for f in dataclasses.fields(SegmentOptions)} | {"profile"}
    return names


def select_options(infos: list[FormatInfo], options: dict[str, Any]) -> list[dict[str, Any]]:
    """For each format of ``infos``, the part of ``options`` it takes: an option applies to the formats
    that take it, and one that none of them takes is an error (naming it, and the formats that do)."""
    taken = [option_names(info) for info in infos]
    unknown = sorted(set(options) - set().union(*taken))
    if unknown:
        names = ("options " if len(unknown) > 1 else "option ") + ", ".join(unknown)
        for_others = sorted({f.name for f in writers() for name in unknown if name in option_names(f)})
        if len(infos) == 1:
            valid = sorted(taken[0])
            raise OptionError(f"{infos[0].name} takes no {names}",
                              hint="it takes the options: " + (", ".join(valid) or "none"))
        hint = f"for {', '.join(for_others)}" if for_others else "`scribekit formats` lists the options"
        raise OptionError(f"none of {', '.join(info.name for info in infos)} takes the {names}", hint=hint)
    return [{k: v for k, v in options.items() if k in names} for names in taken]


def split_options(info: FormatInfo, options: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    """The writer's Options object, and the segmentation options meant for the segmenter."""
    select_options([info], options)  # an option it does not take is an error
    writer_names = {f.name for f in option_fields(info)}
    writer_kwargs = {k: v for k, v in options.items() if k in writer_names}
    options_class = info.options
    writer_options = options_class(**writer_kwargs) if options_class is not None else None
    segment_kwargs = {k: v for k, v in options.items() if k not in writer_names and k not in COMMON_OPTIONS}
    return writer_options, segment_kwargs


def write(transcript: Transcript, format: str, *,
          edit_cues: Callable[[list[Cue], Transcript], list[Cue]] | None = None, **options: Any) -> str | bytes:
    """Render ``transcript`` as ``format``; ``options`` are the writer's and segmenter's.

    ``edit_cues``: for a subtitle format, a function given the cues (as cut, or the file's own) and
    the transcript, whose cues are written instead (``scribekit.operations`` cleans and re-times
    them there)."""
    info = get(format)
    if not info.writes:
        raise UnknownFormatError(f"scribekit reads {info.name} but cannot write it")
    writer_options, segment_kwargs = split_options(info, options)
    common = CommonOptions(**{k: v for k, v in options.items() if k in COMMON_OPTIONS})
    from ..transforms import drop_sounds

    if not common.sound_events:
        transcript = drop_sounds(transcript)
    module = info.module
    if info.kind == "subtitle":
        from ..segmentation import cues_for

        defaults = getattr(module, "segment_defaults", None)
        cues = cues_for(transcript, defaults=defaults(writer_options) if defaults else None, **segment_kwargs)
        if edit_cues is not None:
            cues = edit_cues(cues, transcript)
        language = segment_kwargs.get("language")
        if language and not transcript.metadata.language:  # the language given is the text's (STL's header)
            transcript = dataclasses.replace(
                transcript, metadata=dataclasses.replace(transcript.metadata, language=language))
        return module.write_cues(cues, transcript, writer_options)  # type: ignore[no-any-return]
    return module.write(transcript, writer_options)  # type: ignore[no-any-return]


def output_extension(info: FormatInfo, options: dict[str, Any]) -> str:
    """The extension an output of ``info`` written with ``options`` gets: its first, or the one its
    module's ``output_extension(options)`` gives for them (NVivo's text table is ``nvivo.txt``)."""
    choose = getattr(info.module, "output_extension", None) if info.writes else None
    if choose is None:
        return info.extension
    names = {f.name for f in option_fields(info)}
    options_class = info.options
    chosen = options_class(**{k: v for k, v in options.items() if k in names}) if options_class else None
    return str(choose(chosen))


def writes_projects(format: str) -> bool:
    """Whether ``format`` writes several transcripts into one file (its module has ``write_project``)."""
    info = get(format)
    return info.writes and hasattr(info.module, "write_project")


def write_project(transcripts: list[Transcript], format: str, *, names: list[str] | None = None,
                  **options: Any) -> bytes:
    """Render ``transcripts`` together as one file of ``format`` (a format that ``writes_projects``,
    such as a REFI-QDA project); ``names``: each transcript's name there."""
    info = get(format)
    if not writes_projects(format):
        raise UnknownFormatError(f"{info.name} does not write several transcripts into one file")
    writer_options, _ = split_options(info, options)
    common = CommonOptions(**{k: v for k, v in options.items() if k in COMMON_OPTIONS})
    if not common.sound_events:
        from ..transforms import drop_sounds

        transcripts = [drop_sounds(t) for t in transcripts]
    return info.module.write_project(transcripts, writer_options, names=names)  # type: ignore[no-any-return]


__all__ = ["BytesReader", "COMMON_OPTIONS", "CommonOptions", "DocumentWriter", "ENTRY_POINT_GROUP", "FormatInfo",
           "JsonReader", "KINDS", "Kind", "SubtitleWriter", "TextReader", "contract_problems", "describe", "detect",
           "for_filename", "get", "has_channels", "names", "option_names", "output_extension", "read_all", "readers",
           "registered", "select_options", "split_options", "without_extension", "write", "write_project",
           "writer_for_filename", "writers", "writes_projects"]
