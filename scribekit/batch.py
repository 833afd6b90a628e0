"""Many files at once: plan the outputs, convert each file on its own (a plain function a
cluster can map), in parallel processes, with a summary.

    from scribekit.batch import plan, convert_task
    tasks = plan(["archive/"], ["srt", "vtt"], output_dir="out", recursive=True)
    results = [convert_task(task) for task in tasks]      # or map it on a pool, Dask, ...
"""
from __future__ import annotations

import glob
import os
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import formats, outputs
from .errors import OptionError, ScribekitError, ScribekitWarning, WriteError
from .fileio import read_bytes, writes_through
from .model import Cue, Transcript
from .transforms import rename_speakers

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from .changes import Change
    from .operations import Operations

_GLOB_MAGIC = ("*", "?", "[")


@dataclass(frozen=True)
class Task:
    """One input and where its outputs go."""

    source: str
    base: str
    """Output path without its extension (``out/season1/episode01``)."""
    targets: tuple[str | None, ...]
    """Output formats; None: the input's own format."""
    output: str | None = None
    """An exact output path (``-o``), for a single target."""
    options: dict[str, Any] = field(default_factory=dict)
    from_format: str | None = None
    encoding: str | None = None
    input_fps: float | None = None
    channel: int | None = None
    """Only this channel of a file with several (``formats.read_all``'s ``channel``)."""
    speaker_names: dict[str, str] | None = None
    """Names for the speakers, by id or current name (``transforms.rename_speakers``)."""
    resegment: bool = False
    operations: Operations | None = None
    """Timing and clean-up to run on the way (``scribekit.operations``)."""
    name: str | None = None
    """The outputs' file names, as a template (``outputs.NAME_FIELDS``): ``"{stem}.{lang}.{ext}"``."""
    force: bool = False
    skip_existing: bool = False
    dry_run: bool = False


@dataclass
class Result:
    source: str
    status: str
    """"converted", "skipped", "failed", or "planned" (dry run)."""
    outputs: list[str] = field(default_factory=list)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    internal: bool = False
    """The failure is a fault of scribekit's (an exception other than its own errors), to report."""
    changes: list[dict[str, Any]] = field(default_factory=list)
    """What the operations changed: ``Change.as_dict()`` with the ``output`` it was made for."""
    notes: list[str] = field(default_factory=list)
    """What the operations report of the input as a whole (the pseudonymisation's names replaced)."""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# --- planning ------------------------------------------------------------------------------

def _beside(base: str, extension: str) -> str:
    """``base.extension``: the output in its folder (the input's, or its mirror under --output-dir)."""
    return outputs.destination(None, os.path.basename(base), extension, os.path.dirname(base))


def _named(task: Task, folder: str, target: formats.FormatInfo, stem: str, language: str | None) -> str:
    """The output path that ``task.name`` (a template) gives in ``folder``."""
    assert task.name is not None
    extension = formats.output_extension(target, task.options)
    name = outputs.named(task.name, stem=stem, lang=language or "und", ext=extension, format=target.name,
                         profile=str(task.options.get("profile") or ""),
                         dir=Path(os.path.abspath(task.source)).parent.name if task.source != "-" else "")
    if not name or name.endswith(("/", "\\")) or name.rsplit("/", 1)[-1] in (".", ".."):
        raise OptionError(f"name {task.name!r} gives no file name for {_shown(task.source)}",
                          hint='e.g. "{stem}.{lang}.{ext}"')
    return os.path.join(folder, name)


def _input_stem(source: str) -> str:
    return Path(source).stem if source != "-" else STDIN_NAME


def _readable_extensions() -> set[str]:
    return {"." + ext.split(".")[-1] for info in formats.registered() if info.reads or info.read_by
            for ext in info.extensions}


def expand_inputs(inputs: Iterable[str], recursive: bool = False) -> Iterator[tuple[str, str | None]]:
    """Each input file with the folder its output path is taken relative to.

    Directories give the files scribekit reads (all levels with ``recursive``);
    patterns with ``*``, ``?`` or ``[`` are globs, ``**`` matching any depth.
    """
    extensions: set[str] | None = None  # told when a folder is walked (it loads every format's module)
    for item in inputs:
        if item == "-":
            yield item, None
        elif any(magic in item for magic in _GLOB_MAGIC) and not os.path.exists(item):
            fixed: list[str] = []
            for part in Path(item).parts:  # the folders before the first wildcard
                if any(magic in part for magic in _GLOB_MAGIC):
                    break
                fixed.append(part)
            root = str(Path(*fixed)) if fixed else "."
            for match in sorted(glob.glob(item, recursive=True)):
                if os.path.isfile(match):
                    yield match, root
        elif os.path.isdir(item):
            extensions = _readable_extensions() if extensions is None else extensions
            walker = Path(item).rglob("*") if recursive else Path(item).iterdir()
            for path in sorted(walker):
                if path.is_file() and path.suffix.lower() in extensions \
                        and not any(part.startswith(".") for part in path.relative_to(item).parts):
                    yield str(path), item
        else:
            yield item, str(Path(item).parent)


def plan(inputs: Iterable[str], targets: Iterable[str | None], *, output_dir: str | None = None,
         output: str | None = None, recursive: bool = False, resegment: bool = False, mark: str | None = None,
         name: str | None = None, **settings: Any) -> list[Task]:
    """The tasks for ``inputs``, with output paths that mirror the input tree under
    ``output_dir`` (or sit beside each input). Two inputs aimed at the same output, or
    an output that would replace its input, are an error before anything is written.

    ``mark``: a word put before the extension of outputs written beside their input
    (``resegmented`` when ``resegment``); ``name``: the outputs' file names as a template
    (``outputs.NAME_FIELDS``)."""
    target_list = tuple(targets)
    mark = mark or ("resegmented" if resegment else None)
    if name is not None:
        outputs.check_name(name)
    tasks: list[Task] = []
    claimed: dict[str, str] = {}
    for source, root in expand_inputs(inputs, recursive):
        if source == "-" and output is None and output_dir:
            base = str(Path(output_dir) / STDIN_NAME)  # outputs named after each transcript, or "stdin"
        elif source == "-" or output is not None:
            base = ""
        else:
            path = Path(source)
            relative = path.relative_to(root) if root else Path(path.name)
            folder = Path(output_dir) / relative.parent if output_dir else path.parent
            if mark and not output_dir and name is None:  # talk.ebuttd.xml -> talk.resegmented.ebuttd.xml
                base = str(folder / (formats.without_extension(path.name) + f".{mark}"))
            else:  # talk.ebuttd.xml and talk.imsc.ttml to SRT: talk.ebuttd.srt and talk.imsc.srt, apart
                base = str(folder / path.stem)
        task = Task(source, base, target_list, output, resegment=resegment, name=name, **settings)
        for target in target_list:
            if output is not None or source == "-":
                continue
            if name is not None:
                if target is None or "{lang}" in name:
                    continue  # told once the input is read
                destination = os.path.normpath(_named(task, os.path.dirname(base), formats.get(target),
                                                      _input_stem(source), None))
            else:
                extension = (formats.output_extension(formats.get(target), settings.get("options", {})) if target
                             else Path(source).suffix.lstrip("."))
                destination = os.path.normpath(_beside(base, extension))
            if destination == os.path.normpath(source):
                raise WriteError("the output would replace the input", source=destination,
                                 hint="choose another name or output_dir=")
            if destination in claimed:
                raise WriteError(f"{claimed[destination]} and {source} would both be written here",
                                 source=destination, hint="convert them into different folders")
            claimed[destination] = source
        tasks.append(task)
    return tasks


# --- the work on one file ------------------------------------------------------------------

def internal_error(source: str, exc: BaseException) -> str:
    """The one line that reports an unexpected exception while working on ``source``."""
    try:
        detail = " ".join(str(exc).split())
    except Exception:
        detail = ""
    if len(detail) > 200:
        detail = detail[:200] + "..."
    return f"{source}: internal error ({type(exc).__name__}{': ' + detail if detail else ''})"


STDIN_NAME = "stdin"
"""The name of outputs made from standard input whose transcript does not say its own file name."""


def _check_extension(path: str, target: formats.FormatInfo, options: dict[str, Any]) -> None:
    """An output named with an extension of ``target`` other than the one its options write
    (``-o talk.nvivo.txt`` for NVivo's Word table) is refused rather than holding the other."""
    if not hasattr(target.module, "output_extension"):
        return
    extension = formats.output_extension(target, options)
    name = path.lower()
    if not name.endswith("." + extension) and any(name.endswith("." + other) for other in target.extensions):
        raise OptionError(f"{target.name} writes a .{extension} with these options", source=path,
                          hint=f"name the output .{extension}, or give the option that writes this one "
                               "(`scribekit formats` lists them)")


def _paths(task: Task, transcripts: list[Transcript], target: formats.FormatInfo) -> list[str]:
    if task.output is not None:
        if task.output != outputs.STDOUT:
            _check_extension(task.output, target, task.options)
        if len(transcripts) > 1:
            raise OptionError(f"holds {len(transcripts)} transcripts; output= takes one",
                              source=STDIN_NAME if task.source == "-" else task.source,
                              hint="give output_dir=")
        return [task.output]
    if task.source == "-" and not task.base:
        if len(transcripts) > 1:
            raise OptionError(f"holds {len(transcripts)} transcripts, and standard output takes one",
                              source="stdin", hint="give output_dir= to write each to a file")
        if len(task.targets) > 1:
            raise OptionError(f"{len(task.targets)} output formats, and standard output takes one",
                              source="stdin", hint="give output_dir= to write each to a file")
        return [outputs.STDOUT]
    if task.source == "-":
        folder = os.path.dirname(task.base)
        names = [_stem(t.metadata.filename, STDIN_NAME if len(transcripts) == 1 else f"{STDIN_NAME}-{i + 1}")
                 for i, t in enumerate(transcripts)]
    elif len(transcripts) == 1:
        if task.name is None:
            return [_beside(task.base, formats.output_extension(target, task.options))]
        folder, names = os.path.dirname(task.base), [_input_stem(task.source)]
    else:
        folder = task.base
        names = [_stem(t.metadata.filename, f"{Path(task.base).name}-{i + 1}") for i, t in enumerate(transcripts)]
    if task.name is not None:
        from .operations import language_of

        paths = [_named(task, folder, target, name, language_of(t, t.cues, task.options.get("language")))
                 for name, t in zip(names, transcripts)]
    else:
        extension = formats.output_extension(target, task.options)
        paths = [outputs.destination(None, name, extension, folder) for name in names]
    seen: dict[str, int] = {}
    for index, path in enumerate(paths):
        if path in seen:
            raise WriteError(f"transcripts {seen[path] + 1} and {index + 1} would both be written here",
                             source=path, hint="the input holds two transcripts of the same name")
        seen[path] = index
    return paths


def _made(path: str) -> bool:
    """An output that exists (for skip_existing): a file; a FIFO or a device is never "made"."""
    return os.path.exists(path) and not writes_through(path)


def _shown(source: str) -> str:
    """The name an input goes by in messages (standard input's is ``stdin``)."""
    return STDIN_NAME if source == "-" else source


def _stem(filename: str | None, default: str) -> str:
    """An output name from a transcript's own file name (its last part, without extension)."""
    stem = Path(filename.replace("\\", "/")).stem if filename else ""
    return stem if stem and stem not in (".", "..") else default


def _target(task: Task, name: str | None, transcripts: list[Transcript]) -> formats.FormatInfo:
    if name is not None:
        return formats.get(name)
    target = formats.get(transcripts[0].metadata.source or "json")
    # A delivery profile read through another format's reader (talk.ebuttd.xml, read as ttml) is
    # written back in its own profile, as its file name says.
    profiles = [info for info in formats.for_filename(task.source) if info.read_by == target.name and info.writes]
    if profiles:
        return profiles[0]
    if not target.writes or target.kind != "subtitle":
        raise OptionError(f"{task.source} is {target.name}, not a subtitle format scribekit writes",
                          hint="name the target format")
    return target


def _known_outputs(task: Task) -> list[str] | None:
    """The output paths when they can be told without reading the input (not for stdin or
    stdout, nor for an input's own format)."""
    if task.source == "-" or task.output == "-":
        return None
    if task.output is not None:
        return [task.output]
    if None in task.targets:
        return None
    if task.name is not None:
        if "{lang}" in task.name:
            return None
        return [_named(task, os.path.dirname(task.base), formats.get(t), _input_stem(task.source), None)
                for t in task.targets if t]
    return [_beside(task.base, formats.output_extension(formats.get(t), task.options)) for t in task.targets if t]


def convert_task(task: Task) -> Result:
    """Read one input, write each of its outputs atomically; never raises for bad input."""
    started = time.perf_counter()
    result = Result(task.source, "converted")
    known = _known_outputs(task)
    if known and task.skip_existing and all(_made(p) for p in known):
        result.status, result.outputs = "skipped", known
        return result
    if known and task.dry_run and not _reports(task):
        result.status, result.outputs = "planned", known
        return result
    with _recording(task, result, started):
        from .streaming import convert as convert_streaming

        streamed = convert_streaming(task)  # a cue-preserving conversion that can stream: done so
        if streamed is not None:
            result.outputs = streamed
        else:
            _convert_whole(task, result)
    return result


@contextmanager
def _recording(task: Task, result: Result, started: float | None = None) -> Iterator[None]:
    """Around the work on one input: a failure recorded in ``result`` rather than raised (the batch
    goes on), the warnings said into it once each, the seconds taken (from ``started``)."""
    started = time.perf_counter() if started is None else started
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ScribekitWarning)
        try:
            yield
        except ScribekitError as exc:
            exc.source = exc.source or _shown(task.source)
            result.status, result.error = "failed", str(exc)
        except Exception as exc:  # a fault of ours (MemoryError too): this file failed, the batch goes on
            result.status, result.error, result.internal = "failed", internal_error(_shown(task.source), exc), True
        # a warning is said once for the input, however many outputs repeat it
        result.warnings = list(dict.fromkeys(str(w.message) for w in caught
                                             if issubclass(w.category, ScribekitWarning)))
    result.seconds = time.perf_counter() - started


@dataclass
class _Read:
    """An input read, and on its way to be written: names replaced and times mapped."""

    data: bytes
    transcripts: list[Transcript]
    read_cues: dict[int, list[Cue] | None]
    """By transcript id: the cues its reader read, before the time maps (none for a file of several)."""
    replaced: dict[int, list[Change]]
    """By transcript id: the pseudonymisation's replacements."""
    operations: Operations | None
    notes: list[str] = field(default_factory=list)
    """The pseudonymisation's report of the input, in one line."""


def _read(task: Task) -> _Read:
    """Read the input of ``task``: its transcripts renamed, pseudonymised and time-mapped as it asks."""
    if task.source == "-":
        import sys

        data = sys.stdin.buffer.read()
    else:
        data = read_bytes(task.source)
    transcripts = formats.read_all(data, task.from_format, filename=task.source, encoding=task.encoding,
                                   fps=task.input_fps, channel=task.channel)
    if task.source != "-":
        for transcript in transcripts:  # named after their file, as scribekit.load names them
            transcript.metadata.filename = transcript.metadata.filename or os.path.basename(task.source)
    if task.speaker_names:
        transcripts = [rename_speakers(t, task.speaker_names) for t in transcripts]
    operations = task.operations if task.operations is not None and task.operations.active else None
    replaced: dict[int, list[Change]] = {}
    notes: list[str] = []
    if operations is not None and operations.pseudonyms is not None:
        from .operations import pseudonymise
        from .pseudonymise import Report

        pseudonymised = [pseudonymise(t, operations) for t in transcripts]
        transcripts = [t for t, _ in pseudonymised]
        reports = [report for _, report in pseudonymised if report is not None]
        replaced = {id(t): list(report.changes) for t, report in pseudonymised if report is not None}
        notes.append(Report.combined(reports).line())
    if operations is not None:
        from .operations import map_times

        mapped = [map_times(t, operations) for t in transcripts]
        read_cues = {id(after): before.cues for before, after in zip(transcripts, mapped)}
        replaced = {id(after): replaced.get(id(before), []) for before, after in zip(transcripts, mapped)}
        transcripts = mapped
    else:
        read_cues = {id(t): t.cues for t in transcripts}
    if len(transcripts) > 1:
        read_cues = {}  # a zip of files: none of them is the input's bytes
    if task.resegment:
        from .segmentation import as_words

        transcripts = [as_words(t) for t in transcripts]
    return _Read(data, transcripts, read_cues, replaced, operations, notes)


def _convert_whole(task: Task, result: Result) -> None:
    """``convert_task``'s work on the whole file: read it all, write each output."""
    read = _read(task)
    data, transcripts, read_cues, replaced, operations = (read.data, read.transcripts, read.read_cues,
                                                          read.replaced, read.operations)
    result.notes += read.notes
    targets = [_target(task, name, transcripts) for name in task.targets]
    chosen = formats.select_options(targets, task.options)  # each format gets the options it takes
    planned: list[tuple[str, formats.FormatInfo, Transcript, dict[str, Any]]] = []
    for target, target_options in zip(targets, chosen):
        for path, transcript in zip(_paths(task, transcripts, target), transcripts):
            planned.append((path, target, transcript, target_options))
            result.changes += [{"output": path, **change.as_dict()} for change in replaced.get(id(transcript), [])]
    if task.dry_run and operations is None:
        result.status, result.outputs = "planned", [p for p, _, _, _ in planned]
    elif task.skip_existing and all(p != "-" and _made(p) for p, _, _, _ in planned):
        result.status, result.outputs = "skipped", [p for p, _, _, _ in planned]
    else:
        for path, _, _, _ in planned:
            if path != "-" and task.source != "-" and Path(path).resolve() == Path(task.source).resolve():
                raise WriteError("the output would replace the input", source=path,
                                 hint="choose another name")
            if not task.dry_run:
                outputs.check_free([path], task.force,
                                   hint=f"{outputs.FORCE_HINT}, or skip_existing=True leaves it")
        rendered = [(path, _render(task, data, read_cues.get(id(t)), t, target.name, chosen_options, operations,
                                   path, result))
                    for path, target, t, chosen_options in planned]
        if task.dry_run:
            result.status, result.outputs = "planned", [path for path, _ in rendered]
            return
        for path, data_out in rendered:
            outputs.emit(path, data_out, force=task.force)
            result.outputs.append(path)


def _reports(task: Task) -> bool:
    """Whether the task's operations report changes, which a dry run shows (so it reads the input)."""
    return task.operations is not None and task.operations.active


def _render(task: Task, data: bytes, read: list[Cue] | None, transcript: Transcript, target: str,
            options: dict[str, Any], operations: Operations | None, path: str, result: Result) -> str | bytes:
    """``transcript`` (read from ``data`` as the cues ``read``, before the time maps) written as
    ``target``, after the operations' clean-up and cue timing (and the gap options' re-timing of a
    subtitle file's own cues), whose changes are added to ``result``. An input written back as
    itself with only its times changed, in a format whose module has ``retime_file`` (SubRip,
    WebVTT, ASS, SSA, EBU STL), has only its times rewritten there, so that what the model does not
    hold (WebVTT's STYLE and NOTE blocks, ASS styles, an STL header) stays as it was."""
    from .operations import GAP_OPTIONS, Operations, write

    rendered: str | bytes
    changes: list[Change]
    if task.operations is None and (transcript.cues is None or not any(name in options for name in GAP_OPTIONS)):
        return formats.write(transcript, target, **options)
    retime_file = getattr(formats.get(target).module, "retime_file", None)
    retimed = None
    asked = task.operations  # even one that maps nothing (--shift 0): the file comes back as it was
    if (retime_file is not None and asked is not None and read is not None and not asked.cleanup.active
            and asked.pseudonyms is None
            and not options and not task.resegment and not task.speaker_names
            and transcript.metadata.source == target):
        retimed = retime_file(data, asked.retiming, cues=read, encoding=task.encoding, fps=task.input_fps)
    if retimed is not None:
        rendered, changes = retimed
    else:
        rendered, changes = write(transcript, target, options, operations or Operations())
    result.changes += [{"output": path, **change.as_dict()} for change in changes]
    return rendered


# --- many files into one -------------------------------------------------------------------

def convert_project(tasks: list[Task], target: str, output: str) -> list[Result]:
    """Every input of ``tasks`` read (each as ``convert_task`` reads it) and written together as one
    file ``output`` of ``target``, a format that writes projects (``formats.writes_projects``: a
    REFI-QDA project). One result per input. If an input fails, the project is not written (a
    project silently missing an interview is worse than none): the others are then "skipped", with
    a warning saying why. The task's force, skip_existing and dry_run apply to ``output``."""
    if not tasks:
        return []
    first = tasks[0]
    results = [Result(task.source, "converted") for task in tasks]
    if first.skip_existing and _made(output):
        for result in results:
            result.status, result.outputs = "skipped", [output]
        return results
    if not first.dry_run and output != outputs.STDOUT:
        outputs.check_free([output], first.force)  # said before the inputs are read, not after
    transcripts: list[Transcript] = []
    names: list[str] = []
    sources: list[str] = []
    for task, result in zip(tasks, results):
        with _recording(task, result):
            read = _read(task)
            result.notes += read.notes
            selected = formats.select_options([formats.get(target)], task.options)[0]
            for index, transcript in enumerate(read.transcripts):
                if read.operations is not None:
                    from .operations import edit_transcript

                    transcript, changes = edit_transcript(transcript, selected, read.operations)
                else:
                    changes = []
                changes = read.replaced.get(id(read.transcripts[index]), []) + changes
                result.changes += [{"output": output, **change.as_dict()} for change in changes]
                transcripts.append(transcript)
                default = _input_stem(task.source) if task.source != "-" else STDIN_NAME
                names.append(_stem(transcript.metadata.filename, default) if len(read.transcripts) > 1
                             else default)
                sources.append(task.source if len(read.transcripts) == 1 else "-")
    failed = sum(result.status == "failed" for result in results)
    if failed:
        for result in results:
            if result.status != "failed":
                result.status, result.changes = "skipped", []
                result.warnings.append(f"{output} not written: {failed} of {len(results)} inputs failed")
        return results
    for result in results:
        result.outputs = [output]
        if first.dry_run:
            result.status = "planned"
    if not first.dry_run:
        options = formats.select_options([formats.get(target)], first.options)[0]
        if "title" in formats.option_names(formats.get(target)) and output != outputs.STDOUT:
            options.setdefault("title", _stem(output, "Transcripts").removesuffix("." + target))
        data = formats.write_project(transcripts, target, names=_distinct(names, sources), **options)
        outputs.emit(output, data, force=first.force)
    return results


def _distinct(names: list[str], sources: list[str]) -> list[str]:
    """Each transcript's name in a project: its file's stem, or where two stems are the same (two
    folders' interview.json), its path without the extension from the folders the inputs share."""
    if len(set(names)) == len(names):
        return names
    paths = [Path(source).with_suffix("") for source in sources]
    try:
        common = Path(os.path.commonpath([os.path.abspath(p) for p in paths]))
    except ValueError:
        return names
    out = []
    for name, path, source in zip(names, paths, sources):
        if names.count(name) > 1 and source != "-":
            out.append(Path(os.path.abspath(path)).relative_to(common).as_posix() or name)
        else:
            out.append(name)
    return out


# --- many files ----------------------------------------------------------------------------

def _ignore_interrupts() -> None:
    """Workers finish the file they are on; the parent decides when to stop."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


CHUNK_SECONDS = 0.25
"""Files are handed to a worker in chunks of about this much work (the chunk size follows
the seconds a file has taken so far): fewer round trips between processes, and Ctrl-C
still waits at most about this long for the files under way."""
MAX_CHUNK = 64


def _convert_chunk(tasks: list[Task]) -> list[Result]:
    return [convert_task(task) for task in tasks]


def _failed(task: Task, exc: BaseException) -> Result:
    return Result(task.source, "failed", error=internal_error(_shown(task.source), exc), internal=True)


def _again(task: Task, since: float) -> Task:
    """A task whose worker died, to run again: outputs of its that appeared since the run began
    (``since``) were written by the attempt that died (no two inputs share an output), so the
    new attempt may replace them."""
    known = _known_outputs(task) or []
    mine = [os.path.exists(p) and os.stat(p).st_mtime >= since for p in known]
    if not task.force and any(mine) and all(m or not os.path.exists(p) for m, p in zip(mine, known)):
        return replace(task, force=True)
    return task


def _pool(jobs: int) -> ProcessPoolExecutor:
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_interrupts)


def run(tasks: Iterable[Task], jobs: int, on_result: Callable[[Result], None]) -> bool:
    """Convert every task, ``jobs`` processes at a time, calling ``on_result`` as each ends.

    Every file gets a result, whatever happens to it: a file whose worker process dies
    (killed, out of memory) is tried again on its own, and fails alone, and the run goes on.
    Returns False when interrupted (Ctrl-C): files already started are finished,
    no new one is started, and no partial file is left.
    """
    iterator = iter(tasks)
    began = time.time()
    if jobs <= 1:
        try:
            for task in iterator:
                on_result(convert_task(task))
        except KeyboardInterrupt:
            return False
        return True
    # The pool's machinery (concurrent.futures, multiprocessing) is imported only when it is used.
    from concurrent.futures import FIRST_COMPLETED, wait
    from concurrent.futures.process import BrokenProcessPool

    pool = _pool(jobs)
    pending: dict[Future[list[Result]], list[Task]] = {}
    suspects: list[Task] = []
    """Tasks of chunks whose worker died: run again one at a time, to find the one that kills it."""
    interrupted = False
    chunk_size, done_files, done_seconds = 1, 0, 0.0

    def collect(futures: Iterable[Future[list[Result]]]) -> bool:
        """Report the finished chunks; False when the pool broke (its other chunks are then suspects too)."""
        nonlocal chunk_size, done_files, done_seconds
        healthy = True
        for future in futures:
            chunk = pending.pop(future)
            try:
                results = future.result()
            except BrokenProcessPool:
                suspects.extend(chunk)
                healthy = False
                continue
            except Exception as exc:  # e.g. a task or result that cannot be pickled
                results = [_failed(task, exc) for task in chunk]
            for result in results:
                done_files += 1
                done_seconds += result.seconds
                on_result(result)
        if done_seconds > 0:
            chunk_size = max(1, min(MAX_CHUNK, int(CHUNK_SECONDS * done_files / done_seconds)))
        return healthy

    def renew() -> None:
        """After a worker died: every other chunk of that pool is a suspect; a new pool for the rest."""
        nonlocal pool
        collect(list(pending))
        pool.shutdown(wait=True, cancel_futures=True)
        pool = _pool(jobs)

    try:
        while True:
            chunk = [task for _, task in zip(range(chunk_size), iterator)]
            if not chunk:
                break
            try:
                pending[pool.submit(_convert_chunk, chunk)] = chunk
            except BrokenProcessPool:
                suspects.extend(chunk)
                renew()
                continue
            if len(pending) >= jobs * 2:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                if not collect(done):
                    renew()
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            if not collect(done):
                renew()
        pool.shutdown(wait=True)
        while suspects:
            task = suspects.pop(0)
            pool = _pool(1)
            try:
                results = pool.submit(_convert_chunk, [_again(task, began)]).result()
            except BrokenProcessPool:
                results = [Result(task.source, "failed", internal=True, error=f"{_shown(task.source)}: internal error "
                                  "(its worker process ended abruptly: killed, or out of memory)")]
            except Exception as exc:
                results = [_failed(task, exc)]
            finally:
                pool.shutdown(wait=True)
            for result in results:
                on_result(result)
    except KeyboardInterrupt:
        interrupted = True
        for future in pending:
            future.cancel()
        for future in list(pending):
            if not future.cancelled():
                try:
                    collect([future])
                except KeyboardInterrupt:
                    pass
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return not interrupted
