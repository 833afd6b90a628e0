"""The format registry: names, extensions, content detection, and dispatch.

Each format is one module with some of these functions:

- ``sniff(text) -> bool`` / ``sniff_bytes(data) -> bool`` / ``sniff_json(obj) -> bool``
  to recognise its content;
- ``read(text) -> Transcript`` / ``read_bytes(data) -> list[Transcript]`` /
  ``read_json(obj) -> Transcript`` to read it;
- ``Options``, a frozen dataclass of writer options, and
  ``write(transcript, options) -> str | bytes`` (documents and data), or
  ``write_cues(cues, transcript, options) -> str | bytes`` (subtitles, which
  get their cues from the segmenter);
- optionally ``segment_defaults(options) -> dict``: the format's own
  segmentation limits (e.g. a row width), which the user's limits override.

A module serving several formats (the pysubs2 bridge) receives the format
name as ``variant``.
"""
from __future__ import annotations

import dataclasses
import importlib
import inspect
import json
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from ..errors import OptionError, ReadError, UnknownFormatError
from ..model import Transcript


@dataclass(frozen=True)
class FormatInfo:
    name: str
    title: str
    extensions: tuple[str, ...]
    module_name: str
    reads: bool
    writes: bool
    kind: str
    """"subtitle" (written from cues), "document" or "data" (written from words)."""
    variant: str | None = None

    @property
    def extension(self) -> str:
        return self.extensions[0]

    @property
    def module(self) -> ModuleType:
        return importlib.import_module(self.module_name)

    def _variant_kwargs(self) -> dict[str, Any]:
        return {"variant": self.variant} if self.variant else {}


def _bridge(name: str, title: str, extensions: tuple[str, ...], writes: bool = True) -> FormatInfo:
    return FormatInfo(name, title, extensions, "scribekit.formats.pysubs2_bridge", True, writes,
                      "subtitle", variant=name)


# Order matters for detection: the first format whose sniffer accepts the content wins.
FORMATS: tuple[FormatInfo, ...] = (
    FormatInfo("json", "scribekit JSON (lossless)", ("json", "scribekit.json"),
               "scribekit.formats.scribekit_json", True, True, "data"),
    FormatInfo("amberscript-json", "Amberscript JSON export (current and deprecated shapes)", ("json",),
               "scribekit.formats.amberscript_json", True, True, "data"),
    FormatInfo("happyscribe-json", "HappyScribe JSON export (also a zip of several)", ("json", "zip"),
               "scribekit.formats.happyscribe_json", True, True, "data"),
    FormatInfo("amberscript-xml", "Amberscript XML export (AudioDoc, deprecated)", ("xml",),
               "scribekit.formats.amberscript_xml", True, False, "data"),
    FormatInfo("stl", "EBU STL (Tech 3264)", ("stl",), "scribekit.formats.stl", True, True, "subtitle"),
    FormatInfo("vtt", "WebVTT", ("vtt",), "scribekit.formats.vtt", True, True, "subtitle"),
    FormatInfo("srt", "SubRip", ("srt",), "scribekit.formats.srt", True, True, "subtitle"),
    FormatInfo("txt", "Plain text transcript", ("txt",), "scribekit.formats.txt", False, True, "document"),
    FormatInfo("docx", "Word document (python-docx)", ("docx",), "scribekit.formats.docx", False, True, "document"),
    FormatInfo("pdf", "PDF document (reportlab), every script", ("pdf",), "scribekit.formats.pdf", False, True,
               "document"),
    FormatInfo("html", "Interactive HTML transcript, one self-contained file", ("html", "htm"),
               "scribekit.formats.html", False, True, "document"),
    FormatInfo("premiere", "Premiere Pro XML (Final Cut Pro 7 xmeml): captions and markers", ("xml", "xmeml"),
               "scribekit.formats.premiere", True, True, "subtitle"),
    FormatInfo("fcpxml", "Final Cut Pro X FCPXML 1.8 to 1.11: captions or titles, and markers", ("fcpxml", "fcp"),
               "scribekit.formats.fcpxml", False, True, "subtitle"),
    FormatInfo("avid-markers", "Avid Media Composer marker list (tab-separated)", ("markers.txt", "txt"),
               "scribekit.formats.avid_markers", True, True, "subtitle"),
    FormatInfo("avid-ds", "Avid DS / SubCap caption file", ("subcap.txt", "txt"), "scribekit.formats.avid_ds",
               True, True, "subtitle"),
    FormatInfo("maxqda", "MAXQDA transcript with timestamps and speakers", ("maxqda.txt", "txt"),
               "scribekit.formats.maxqda", False, True, "document"),
    _bridge("ass", "Advanced SubStation Alpha (via pysubs2)", ("ass",)),
    _bridge("ssa", "SubStation Alpha (via pysubs2)", ("ssa",)),
    _bridge("ttml", "TTML / DFXP (via pysubs2)", ("ttml", "dfxp")),
    _bridge("sami", "SAMI (via pysubs2)", ("smi", "sami"), writes=False),
    FormatInfo("microdvd", "MicroDVD (via pysubs2)", ("sub",), "scribekit.formats.microdvd", True, True, "subtitle"),
    _bridge("mpl2", "MPL2 (via pysubs2)", ("mpl",)),
    _bridge("tmp", "TMP (via pysubs2)", ("tmp",)),
)

_BY_NAME = {f.name: f for f in FORMATS}
_ALIASES = {"webvtt": "vtt", "subrip": "srt", "text": "txt", "scribekit": "json", "dfxp": "ttml",
            "smi": "sami", "amberscript": "amberscript-json", "happyscribe": "happyscribe-json",
            "xmeml": "premiere", "premiere-xml": "premiere", "fcp7": "premiere", "fcp": "fcpxml", "fcpx": "fcpxml",
            "avid": "avid-markers", "avid-marker": "avid-markers", "subcap": "avid-ds", "avid-caption": "avid-ds"}


def get(name: str) -> FormatInfo:
    key = name.lower().lstrip(".")
    key = _ALIASES.get(key, key)
    info = _BY_NAME.get(key)
    if info is None:
        raise UnknownFormatError(f"unknown format {name!r}",
                                 hint="`scribekit formats` lists them: " + ", ".join(_BY_NAME))
    return info


def registered() -> tuple[FormatInfo, ...]:
    """Every format, built-in and plug-in, in detection order."""
    return FORMATS


def names() -> set[str]:
    """Every name ``get`` takes: format names and their aliases."""
    return set(_BY_NAME) | set(_ALIASES)


def readers() -> list[FormatInfo]:
    return [f for f in FORMATS if f.reads]


def writers() -> list[FormatInfo]:
    return [f for f in FORMATS if f.writes]


def for_filename(filename: str) -> list[FormatInfo]:
    """Formats whose extension the file name ends with (longest extension first)."""
    lower = filename.lower()
    hits = [(len(ext), f) for f in FORMATS for ext in f.extensions if lower.endswith("." + ext)]
    return [f for _, f in sorted(hits, key=lambda pair: -pair[0])]


def writer_for_filename(filename: str) -> FormatInfo:
    for info in for_filename(filename):
        if info.writes:
            return info
    raise UnknownFormatError(f"cannot tell the output format from {filename!r}", hint="pass --to")


# --- reading -------------------------------------------------------------------------------

_ZIP_MAGIC = b"PK\x03\x04"


def _parse_json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        problem = "truncated JSON" if exc.pos >= len(text.rstrip()) else f"not valid JSON ({exc.msg})"
        raise ReadError(problem, line=exc.lineno) from None
    except RecursionError:
        raise ReadError("JSON nested too deeply") from None


def _json_shape(obj: Any) -> FormatInfo:
    for info in FORMATS:
        sniff = getattr(info.module, "sniff_json", None) if info.reads else None
        if sniff is not None and sniff(obj):
            return info
    raise ReadError("JSON of an unknown shape", hint="expected an Amberscript, HappyScribe or scribekit JSON export")


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


def _detect(data: bytes, filename: str | None, encoding: str | None) -> _Detected:
    if not data.strip():
        raise ReadError("empty file")
    hinted = for_filename(filename) if filename else []
    binary_readers = [f for f in FORMATS if f.reads and hasattr(f.module, "sniff_bytes")]
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
    text_readers = [f for f in FORMATS if f.reads and hasattr(f.module, "sniff")]
    for info in sorted(text_readers, key=lambda f: f not in hinted):
        if info.module.sniff(text, **info._variant_kwargs()):
            return _Detected(info, text)
    if json_error is not None:
        raise json_error
    for info in hinted:
        if info.reads and hasattr(info.module, "read"):
            return _Detected(info, text)  # let the reader name the line it cannot read
    raise ReadError("not a transcript or subtitle format scribekit knows",
                    hint="`scribekit formats` lists them; pass --from to force one")


def read_all(data: bytes, format: str | None = None, *, filename: str | None = None,
             encoding: str | None = None, fps: float | None = None) -> list[Transcript]:
    """Every transcript in ``data`` (a zip of exports holds several)."""
    from ..textio import decode

    if format:
        info = get(format)
        if not info.reads:
            raise UnknownFormatError(f"scribekit writes {info.name} but cannot read it")
        if not data.strip():
            raise ReadError("empty file")
        module = info.module
        takes_text = hasattr(module, "read") or hasattr(module, "read_json")
        if hasattr(module, "read_bytes") and (not takes_text or module.sniff_bytes(data)):
            return _read_bytes(module, data, fps)
        found = _Detected(info, decode(data, encoding))
    else:
        found = _detect(data, filename, encoding)
    module = found.info.module
    if found.text is None:
        return _read_bytes(module, data, fps)
    if hasattr(module, "read_json"):
        if found.json is None:
            if not _looks_like_json(found.text):
                raise ReadError(f"not JSON, so not {found.info.name}")
            found.json = _parse_json(found.text)
        return [module.read_json(found.json)]
    kwargs = found.info._variant_kwargs()
    if fps is not None and "fps" in inspect.signature(module.read).parameters:
        kwargs["fps"] = fps  # only formats counted in frames take it
    return [module.read(found.text, **kwargs)]


def _read_bytes(module: Any, data: bytes, fps: float | None) -> list[Transcript]:
    if fps is not None and "fps" in inspect.signature(module.read_bytes).parameters:
        return module.read_bytes(data, fps=fps)  # type: ignore[no-any-return]
    return module.read_bytes(data)  # type: ignore[no-any-return]


# --- writing -------------------------------------------------------------------------------

def option_fields(info: FormatInfo) -> list[dataclasses.Field[Any]]:
    options = getattr(info.module, "Options", None)
    return list(dataclasses.fields(options)) if options else []


def split_options(info: FormatInfo, options: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    """The writer's Options object, and the segmentation options meant for the segmenter."""
    from ..segmentation import SegmentOptions

    writer_names = {f.name for f in option_fields(info)}
    segment_names = {f.name for f in dataclasses.fields(SegmentOptions)} | {"profile"} \
        if info.kind == "subtitle" else set()
    unknown = sorted(set(options) - writer_names - segment_names)
    if unknown:
        valid = sorted(writer_names | segment_names)
        raise OptionError(f"{info.name} takes no option {', '.join(unknown)}",
                          hint="it takes: " + (", ".join(valid) or "none"))
    writer_kwargs = {k: v for k, v in options.items() if k in writer_names}
    options_class = getattr(info.module, "Options", None)
    writer_options = options_class(**writer_kwargs) if options_class else None
    segment_kwargs = {k: v for k, v in options.items() if k in segment_names}
    return writer_options, segment_kwargs


def write(transcript: Transcript, format: str, **options: Any) -> str | bytes:
    """Render ``transcript`` as ``format``; ``options`` are the writer's and segmenter's."""
    info = get(format)
    if not info.writes:
        raise UnknownFormatError(f"scribekit reads {info.name} but cannot write it")
    writer_options, segment_kwargs = split_options(info, options)
    module = info.module
    if info.kind == "subtitle":
        from ..segmentation import cues_for

        defaults = getattr(module, "segment_defaults", None)
        cues = cues_for(transcript, defaults=defaults(writer_options) if defaults else None, **segment_kwargs)
        return module.write_cues(cues, transcript, writer_options, **info._variant_kwargs())  # type: ignore[no-any-return]
    return module.write(transcript, writer_options, **info._variant_kwargs())  # type: ignore[no-any-return]
