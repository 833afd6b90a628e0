"""The `scribekit` command: thin click wrappers around the library."""
from __future__ import annotations

import dataclasses
import functools
import json
import os
import sys
import time
import types
import typing
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from .. import __version__, batch, formats
from ..errors import OptionError, ScribekitError, ScribekitWarning, UnknownFormatError
from ..fileio import read_bytes
from ..timecode import format_vtt

# --- options generated from the writers' option dataclasses ---------------------------------

class Seconds(click.ParamType):
    """A duration: ``30``, ``30s``, ``1.5s``, ``2m``."""

    name = "seconds"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        if isinstance(value, (int, float)):
            return float(value)
        text = str(value).strip().lower()
        factor = 1.0
        if text.endswith("ms"):
            text, factor = text[:-2], 0.001
        elif text.endswith("s"):
            text = text[:-1]
        elif text.endswith("m"):
            text, factor = text[:-1], 60.0
        try:
            return float(text) * factor
        except ValueError:
            self.fail(f"{value!r} is not a duration (e.g. 30, 30s, 1m)", param, ctx)


def _plain_type(annotation: Any) -> type:
    """``int | None`` -> int."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
    return annotation  # type: ignore[no-any-return]


def _option_classes() -> Iterator[tuple[str, type]]:
    """(format name, options dataclass) for every writer, the segmenter's for subtitle writers."""
    from ..segmentation import SegmentOptions

    for info in formats.writers():
        options = getattr(info.module, "Options", None)
        if options is not None:
            yield info.name, options
        if info.kind == "subtitle":
            yield info.name, SegmentOptions


@dataclasses.dataclass
class _Flag:
    name: str
    type: type
    help: str
    formats: list[str]
    unit: str | None


@functools.cache
def _subtitle_writers() -> frozenset[str]:
    return frozenset(f.name for f in formats.writers() if f.kind == "subtitle")


@functools.cache
def _writer_flags() -> dict[str, _Flag]:
    """Every writer option and segmentation limit, by field name, with the formats taking it
    (built once: every converting command, here and in cli_fetch, takes these flags)."""
    flags: dict[str, _Flag] = {}
    for fmt, options in _option_classes():
        hints = typing.get_type_hints(options)
        for field in dataclasses.fields(options):
            kind = _plain_type(hints[field.name])
            flag = flags.get(field.name)
            if flag is None:
                flags[field.name] = _Flag(field.name, kind, field.metadata.get("help", ""), [fmt],
                                          field.metadata.get("unit"))
            elif flag.type is not kind:
                raise TypeError(f"option {field.name} has two types: {flag.type} and {kind}")
            elif fmt not in flag.formats:
                flag.formats.append(fmt)
    return flags


def _applies_to(flag: _Flag) -> str:
    if set(flag.formats) == _subtitle_writers():
        return "every subtitle format"
    return ", ".join(flag.formats)


def _add_writer_options(command: Callable[..., Any]) -> Callable[..., Any]:
    for flag in sorted(_writer_flags().values(), key=lambda f: f.name, reverse=True):
        dashed = flag.name.replace("_", "-")
        help_text = f"{flag.help} [{_applies_to(flag)}]"
        if flag.type is bool:
            option = click.option(f"--{dashed}/--no-{dashed}", flag.name, default=None, help=help_text)
        else:
            param_type: Any = Seconds() if flag.unit == "seconds" else flag.type
            option = click.option(f"--{dashed}", flag.name, type=param_type, default=None, help=help_text)
        command = option(command)
    return command


# --- running and reporting ------------------------------------------------------------------

def _say(message: str) -> None:
    click.echo(f"scribekit: {message}", err=True)


@contextmanager
def _reporting_warnings(source: str) -> Iterator[None]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ScribekitWarning)
        try:
            yield
        finally:
            for item in caught:
                if issubclass(item.category, ScribekitWarning):
                    _say(f"warning: {source}: {item.message}")
                else:
                    warnings.showwarning(item.message, item.category, item.filename, item.lineno)


def _spread_to(args: list[str]) -> list[str]:
    """``--to srt vtt stl`` -> ``--to srt --to vtt --to stl``: the words after --to's value
    that name formats (and are not files) are more values of it."""
    names = formats.names()
    spread: list[str] = []
    listing = False
    for k, arg in enumerate(args):
        if listing and not arg.startswith("-") and arg.lower() in names and not os.path.exists(arg):
            spread += ["--to", arg]
            continue
        listing = k > 0 and args[k - 1] == "--to"
        spread.append(arg)
    return spread


class _Group(click.Group):
    """Turns user errors into one line on stderr and an exit status, never a traceback."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, _spread_to(args))

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (OptionError, UnknownFormatError) as exc:
            _say(f"error: {exc}")
            ctx.exit(2)
        except ScribekitError as exc:
            _say(f"error: {exc}")
            ctx.exit(1)
        except KeyboardInterrupt:
            _say("interrupted")
            ctx.exit(130)
        except BrokenPipeError:
            sys.stderr.close()  # the reader went away (e.g. `| head`); nothing more to say
            ctx.exit(1)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:
            if os.environ.get("SCRIBEKIT_DEBUG"):
                raise
            _say(f"error: internal error ({type(exc).__name__}: {exc}); "
                 "please report it with the input, or set SCRIBEKIT_DEBUG=1 for details")
            ctx.exit(3)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="scribekit")
def cli() -> None:
    """Transcripts and subtitles: read Amberscript, HappyScribe and subtitle files,
    write subtitles and documents cut to your limits."""


# --- convert --------------------------------------------------------------------------------

def _profile_option(command: Callable[..., Any]) -> Callable[..., Any]:
    from ..segmentation import PROFILES

    return click.option("--profile", type=click.Choice(sorted(PROFILES) + ["short-form"], case_sensitive=False),
                        help="a named set of limits (see `scribekit profiles`); single flags override it")(command)


_from_option = click.option("--from", "from_format", metavar="FORMAT",
                            help="input format (default: detected from content)")
_encoding_option = click.option("--encoding", metavar="CODEC", help="text encoding of the inputs (default: detected)")
_input_fps_option = click.option("--input-fps", type=float, metavar="FPS",
                                 help="frame rate of inputs that count frames without saying how many a second "
                                      "(MicroDVD, Avid DS, Avid markers)")


def _file_options(command: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        _from_option,
        click.option("-o", "--output", metavar="FILE", help="output file, or - for stdout (one input only)"),
        click.option("--output-dir", metavar="DIR", type=click.Path(file_okay=False),
                     help="write outputs here, mirroring the input tree (default: beside each input)"),
        click.option("-r", "--recursive", is_flag=True, help="take the files of folders at every depth"),
        click.option("--force", is_flag=True, help="overwrite outputs that exist"),
        click.option("--skip-existing", is_flag=True, help="leave out inputs whose outputs exist (resumable runs)"),
        click.option("--dry-run", is_flag=True, help="list what would be written; write nothing"),
        click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
                     help="processes to convert with (default: the number of cores)"),
        click.option("--json", "as_json", is_flag=True, help="print the summary and per-file results as JSON"),
        click.option("-q", "--quiet", is_flag=True,
                     help="no progress, summary or warnings in a batch (failures are still said; warnings counted)"),
        _encoding_option,
        _input_fps_option,
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _target_formats(to_formats: tuple[str, ...], output: str | None, *, required: bool) -> list[str | None]:
    if to_formats:
        targets = [formats.get(name) for name in to_formats]
    elif output and output != "-":
        targets = [formats.writer_for_filename(output)]
    elif required:
        raise click.UsageError("say the output format with --to (or an -o FILE with an extension)")
    else:
        return [None]
    for target in targets:
        if not target.writes:
            raise UnknownFormatError(f"scribekit reads {target.name} but cannot write it")
    if output and len(targets) > 1:
        raise click.UsageError("-o takes one output format; use --output-dir for several")
    return list(dict.fromkeys(t.name for t in targets))


class _Progress:
    """What a run says on stderr: a bar on a terminal, plain lines elsewhere, a summary."""

    def __init__(self, total: int, quiet: bool, as_json: bool, dry_run: bool) -> None:
        self.total, self.quiet, self.as_json, self.dry_run = total, quiet, as_json, dry_run
        self.hidden_warnings = self.files_with_hidden_warnings = 0
        self.results: list[batch.Result] = []
        self.counts = {"converted": 0, "skipped": 0, "failed": 0, "planned": 0}
        self.started = time.perf_counter()
        self.bar = sys.stderr.isatty() and total > 1 and not quiet and not as_json

    def __call__(self, result: batch.Result) -> None:
        self.results.append(result)
        self.counts[result.status] += 1
        if self.bar:
            click.echo("\r\033[K", err=True, nl=False)
        if self.quiet and self.total > 1:
            self.hidden_warnings += len(result.warnings)
            self.files_with_hidden_warnings += bool(result.warnings)
        else:
            for message in result.warnings:
                _say(f"warning: {result.source}: {message}")
        if result.error:
            _say(f"error: {result.error}")
        if self.dry_run and not self.as_json:
            for path in result.outputs:
                click.echo(f"would write {path}" if result.status == "planned" else f"would skip {path} (exists)")
        done = len(self.results)
        if self.bar:
            elapsed = time.perf_counter() - self.started
            rate = done / elapsed if elapsed else 0.0
            eta = (self.total - done) / rate if rate else 0.0
            filled = int(24 * done / self.total)
            click.echo(f"[{'#' * filled}{'.' * (24 - filled)}] {done}/{self.total} files, "
                       f"{self.counts['failed']} failed, {rate:.1f} files/s, ETA {eta:.0f} s", err=True, nl=False)
        elif self.total > 1 and not self.quiet and not self.as_json and result.status != "failed" \
                and not self.dry_run:
            click.echo(f"scribekit: [{done}/{self.total}] {result.status} {result.source}", err=True)

    def finish(self, interrupted: bool) -> None:
        elapsed = time.perf_counter() - self.started
        if self.bar:
            click.echo("", err=True)
        summary = {**{k: v for k, v in self.counts.items() if k != "planned" or self.dry_run},
                   "files": self.total, "seconds": round(elapsed, 3), "interrupted": interrupted}
        if self.as_json:
            click.echo(json.dumps({"summary": summary, "files": [r.as_dict() for r in self.results]}, indent=2))
        elif not self.quiet and (self.total > 1 or interrupted):
            parts = [f"{summary[k]} {k}" for k in ("converted", "skipped", "failed", "planned") if k in summary]
            prefix = "interrupted: " if interrupted else ""
            _say(f"{prefix}{', '.join(parts)} in {elapsed:.1f} s")
        if self.hidden_warnings and not self.as_json:
            _say(f"{self.hidden_warnings} warning(s) about {self.files_with_hidden_warnings} file(s) not shown "
                 "(--quiet); --json lists them")


def _run(inputs: tuple[str, ...], targets: list[str | None], *, output: str | None, output_dir: str | None,
         recursive: bool, jobs: int | None, as_json: bool, quiet: bool, resegment: bool,
         options: dict[str, Any], **settings: Any) -> None:
    from ..segmentation import SegmentOptions, resolve_options

    if output and output_dir:
        raise click.UsageError("give -o or --output-dir, not both")
    if output and (len(inputs) > 1 or recursive):
        raise click.UsageError("-o takes one input; use --output-dir for several")
    for name in targets:
        if name is not None:
            formats.split_options(formats.get(name), options)  # a wrong option is a usage error up front
    segment_names = {f.name for f in dataclasses.fields(SegmentOptions)}
    resolve_options(options.get("profile"), **{k: v for k, v in options.items() if k in segment_names})
    if settings.get("from_format"):
        formats.get(settings["from_format"])
    tasks = batch.plan(inputs, targets, output_dir=output_dir, output=output, recursive=recursive,
                       resegment=resegment, options=options, **settings)
    if not tasks:
        raise click.UsageError("no input files found" + ("" if recursive else " (folders need --recursive "
                                                                             "for their subfolders)"))
    if any(task.source == "-" for task in tasks):
        jobs = 1
    progress = _Progress(len(tasks), quiet, as_json, settings.get("dry_run", False))
    completed = batch.run(tasks, min(jobs or os.cpu_count() or 1, len(tasks)), progress)
    progress.finish(not completed)
    if not completed:
        raise SystemExit(130)
    if progress.counts["failed"]:
        raise SystemExit(1)


def _given(options: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in options.items() if value is not None}


@cli.command(context_settings={"show_default": False})
@click.argument("inputs", nargs=-1, required=True)
@click.option("--to", "to_formats", metavar="FORMAT...", multiple=True,
              help="output format(s): --to srt vtt stl (default: from -o's extension)")
@_file_options
@_profile_option
@_add_writer_options
def convert(inputs: tuple[str, ...], to_formats: tuple[str, ...], from_format: str | None, output: str | None,
            output_dir: str | None, recursive: bool, force: bool, skip_existing: bool, dry_run: bool,
            jobs: int | None, as_json: bool, quiet: bool, encoding: str | None, input_fps: float | None,
            **writer_options: Any) -> None:
    """Convert transcripts and subtitle files to other formats.

    INPUTS are files, folders (with -r at every depth), quoted globs
    ("season1/**/*.srt") or - for stdin. Each output is written beside its
    input with the new extension unless -o or --output-dir says otherwise.
    Subtitle inputs keep their cues unless a profile or a limit (e.g.
    --max-chars-per-row) is given.
    """
    _run(inputs, _target_formats(to_formats, output, required=True), output=output, output_dir=output_dir,
         recursive=recursive, jobs=jobs, as_json=as_json, quiet=quiet, resegment=False,
         options=_given(writer_options), from_format=from_format, force=force, skip_existing=skip_existing,
         dry_run=dry_run, encoding=encoding, input_fps=input_fps)


@cli.command(context_settings={"show_default": False})
@click.argument("inputs", nargs=-1, required=True)
@click.option("--to", "to_formats", metavar="FORMAT...", multiple=True,
              help="output format(s) (default: the input's own)")
@_file_options
@_profile_option
@_add_writer_options
def resegment(inputs: tuple[str, ...], to_formats: tuple[str, ...], from_format: str | None, output: str | None,
              output_dir: str | None, recursive: bool, force: bool, skip_existing: bool, dry_run: bool,
              jobs: int | None, as_json: bool, quiet: bool, encoding: str | None, input_fps: float | None,
              **writer_options: Any) -> None:
    """Cut subtitle files anew under new limits.

    Words get times from their cue, shared out by characters; the old cue
    boundaries stay strong hints. Without -o or --output-dir each result is
    written beside its input as NAME.resegmented.EXT.
    """
    _run(inputs, _target_formats(to_formats, output, required=False), output=output, output_dir=output_dir,
         recursive=recursive, jobs=jobs, as_json=as_json, quiet=quiet, resegment=True,
         options=_given(writer_options), from_format=from_format, force=force, skip_existing=skip_existing,
         dry_run=dry_run, encoding=encoding, input_fps=input_fps)


def _add_segment_options(command: Callable[..., Any]) -> Callable[..., Any]:
    from ..segmentation import SegmentOptions

    flags = _writer_flags()
    for field in reversed(dataclasses.fields(SegmentOptions)):
        flag = flags[field.name]
        dashed = field.name.replace("_", "-")
        param_type: Any = Seconds() if flag.unit == "seconds" else flag.type
        command = click.option(f"--{dashed}", field.name, type=param_type, default=None, help=flag.help)(command)
    return command


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@_from_option
@_encoding_option
@_input_fps_option
@click.option("--json", "as_json", is_flag=True, help="a machine-readable report on stdout")
@_profile_option
@_add_segment_options
def lint(inputs: tuple[str, ...], from_format: str | None, encoding: str | None, input_fps: float | None,
         as_json: bool, profile: str | None, **limits: Any) -> None:
    """Check subtitle files against a profile and limits.

    Prints every broken rule with its cue number and time; exit status 1 when
    any rule is broken. A transcript without cues is checked as scribekit
    would cut it.
    """
    from ..segmentation import as_words, cues_for, resolve_options
    from ..segmentation import lint as check

    options = resolve_options(profile, **_given(limits))
    report: list[dict[str, Any]] = []
    broken = failed = 0
    for source in inputs:
        try:
            with _reporting_warnings(source):
                data = sys.stdin.buffer.read() if source == "-" else read_bytes(source)
                transcripts = formats.read_all(data, from_format, filename=source, encoding=encoding,
                                               fps=input_fps)
                for transcript in transcripts:
                    cues = transcript.cues if transcript.cues is not None else \
                        cues_for(as_words(transcript), profile=profile, **_given(limits))
                    violations = check(cues, options)
                    broken += len(violations)
                    report.append({"file": source, "cues": len(cues),
                                   "violations": [v.as_dict() for v in violations]})
                    if not as_json:
                        for v in violations:
                            click.echo(f"{source}: cue {v.cue} ({format_vtt(v.start)} --> {format_vtt(v.end)}): "
                                       f"{v.rule}: {v.message}")
        except ScribekitError as exc:
            exc.source = exc.source or source
            _say(f"error: {exc}")
            failed += 1
    if as_json:
        click.echo(json.dumps({"profile": profile, "limits": dataclasses.asdict(options), "files": report,
                               "violations": broken, "ok": broken == 0 and failed == 0}, indent=2))
    else:
        checked = sum(entry["cues"] for entry in report)
        click.echo(f"{broken} problem(s) in {checked} cue(s) of {len(report)} file(s)", err=True)
    if broken or failed:
        raise SystemExit(1)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="machine-readable output")
def profiles(as_json: bool) -> None:
    """List the named sets of limits that --profile takes."""
    from ..segmentation import PROFILES

    if as_json:
        click.echo(json.dumps({name: {"description": p.description, "limits": p.limits}
                               for name, p in PROFILES.items()}, indent=2))
        return
    for name, p in PROFILES.items():
        click.echo(f"{name:<13}{p.description}")
        click.echo(f"{'':<13}" + ", ".join(f"--{k.replace('_', '-')} {v:g}" if isinstance(v, float) else
                                            f"--{k.replace('_', '-')} {v}" for k, v in p.limits.items()))


# --- formats --------------------------------------------------------------------------------

@cli.command("formats")
@click.option("--json", "as_json", is_flag=True, help="machine-readable output")
def list_formats(as_json: bool) -> None:
    """List every format: what scribekit reads and writes, and the options of each."""
    flags = _writer_flags()
    rows: list[dict[str, Any]] = []
    for info in formats.registered():
        options = sorted(name for name, flag in flags.items() if info.name in flag.formats)
        rows.append({"name": info.name, "title": info.title, "extensions": list(info.extensions),
                     "read": info.reads, "write": info.writes, "options": options})
    if as_json:
        click.echo(json.dumps({"formats": rows}, indent=2))
        return
    click.echo(f"{'format':<18}{'read':<6}{'write':<7}{'extensions':<22}description")
    for row in rows:
        click.echo(f"{row['name']:<18}{'yes' if row['read'] else '-':<6}{'yes' if row['write'] else '-':<7}"
                   f"{', '.join(row['extensions']):<22}{row['title']}")
    click.echo("\nOptions (flags of `scribekit convert`):")
    for name, flag in sorted(flags.items()):
        click.echo(f"  --{name.replace('_', '-'):<26}{flag.help}")
        click.echo(f"  {'':<28}for: {_applies_to(flag)}")


# --- info -----------------------------------------------------------------------------------

@cli.command()
@click.argument("source", metavar="FILE")
@_from_option
@_encoding_option
@_input_fps_option
@click.option("--json", "as_json", is_flag=True, help="machine-readable output")
def info(source: str, from_format: str | None, encoding: str | None, input_fps: float | None, as_json: bool) -> None:
    """What FILE holds: its format, its header fields (EBU STL's GSI block), its cues and times."""
    rows: list[tuple[str, str]] = []
    try:
        with _reporting_warnings(source):
            data = sys.stdin.buffer.read() if source == "-" else read_bytes(source)
            found = formats.get(from_format) if from_format else formats.detect(data, source, encoding)
            rows.append(("format", f"{found.name} ({found.title})"))
            describe = getattr(found.module, "describe_file", None)
            if describe is not None:
                rows.extend(describe(data))
            for transcript in formats.read_all(data, found.name, filename=source, encoding=encoding, fps=input_fps):
                cues, words = transcript.cues, transcript.words
                spans = [(c.start, c.end) for c in cues] if cues is not None else [(w.start, w.end) for w in words]
                rows.append(("cues" if cues is not None else "words", str(len(spans))))
                if spans:
                    rows.append(("from", format_vtt(min(start for start, _ in spans))))
                    rows.append(("to", format_vtt(max(end for _, end in spans))))
    except ScribekitError as exc:
        exc.source = exc.source or source
        raise
    if as_json:
        click.echo(json.dumps([{"field": label, "value": value} for label, value in rows], indent=2,
                              ensure_ascii=False))
        return
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        click.echo(f"{label:<{width}}  {value}")


def main() -> None:
    cli(prog_name="scribekit")


from . import _provider  # noqa: E402,F401  (registers the amberscript and happyscribe commands on cli)
