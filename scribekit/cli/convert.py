"""`scribekit convert`, `resegment`, `retime`, `lint`, `info`, `formats` and `profiles`: files in, files out."""
from __future__ import annotations

import dataclasses
import json
import os
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from .. import batch, formats, outputs
from ..errors import OptionError, ScribekitError
from ..fileio import read_bytes
from ..timecode import format_vtt
from ._common import (
    FrameRateValue,
    Number,
    Seconds,
    add_writer_options,
    applies_to,
    as_flags,
    channel_option,
    check_options,
    encoding_option,
    from_option,
    given,
    input_fps_option,
    options,
    profile_option,
    report_error,
    reporting_warnings,
    say,
    speaker_names_option,
    target_formats,
    writer_flags,
    writers,
)

if TYPE_CHECKING:
    from ..operations import Operations

# --- convert --------------------------------------------------------------------------------

def _named(source: str) -> str:
    """An input as messages name it (standard input is ``stdin``)."""
    return "stdin" if source == "-" else source


_file_options = options(
    from_option,
    click.option("-o", "--output", metavar="FILE", help="output file (one input only), - for stdout, or a folder "
                                                        "(ending in /: as --output-dir)"),
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
    encoding_option,
    input_fps_option,
    channel_option,
    speaker_names_option,
)


_timing_options = options(
    click.option("--shift", metavar="TIME",
                 help="move every time by TIME: -1.5s, 2s, 500ms, 12f (frames at --fps), 00:00:02,500, -00:00:01:12"),
    click.option("--fps-from", type=FrameRateValue(), metavar="FPS",
                 help="with --fps-to: the frame rate the times were made for, converted to --fps-to's "
                      "(23.976 to 25 is the PAL speed-up: every time x 23.976/25)"),
    click.option("--fps-to", type=FrameRateValue(), metavar="FPS", help="the frame rate to convert the times to"),
    click.option("--speed", type=Number(), metavar="PERCENT",
                 help="play faster (above 100) or slower (below): every time x 100/PERCENT"),
    click.option("--sync", multiple=True, metavar="A=B...",
                 help="sync by one or two points, each a time in the file = the time it should be: "
                      "--sync 00:01:00,000=00:01:02,500 00:50:00=00:50:05 (one point shifts)"),
    click.option("--shot-changes", metavar="FILE",
                 help="snap cues to the shot changes in FILE (times or timecodes a line, ffmpeg's scene "
                      "detection, PySceneDetect's CSV, an EDL): an in-time within 12 frames moves onto a shot "
                      "change, an out-time within 12 frames to 2 frames before it"),
    click.option("--snap-frames", is_flag=True, default=None, help="put every time on a frame boundary of --fps"),
)
_cleanup_options = options(
    click.option("--remove-hi/--keep-hi", "remove_hi", default=None,
                 help="remove hearing-impaired text: sound descriptions in brackets, speaker labels in capitals, "
                      "music symbols (cues left empty go); --keep-hi keeps it (SDH) and the fixes leave it alone"),
    click.option("--fix", "fix_rules", metavar="RULES", multiple=True,
                 help="fix common errors: all, or rules separated by commas: double-spaces, "
                      "space-before-punctuation, missing-space, ellipsis, dialogue-dashes, stray-dashes, "
                      "unbalanced-tags, unbalanced-quotes, i-and-l, duplicate-words, empty-cues, identical-cues, "
                      "short-cues"),
    click.option("--ellipsis", type=click.Choice(["char", "dots"]),
                 help="the form --fix ellipsis writes: char (…) or dots (...) (default: the language's)"),
    click.option("--pseudonymise", "--pseudonymize", "pseudonymise", metavar="FILE",
                 help="replace the names FILE lists (CSV rows: name,pseudonym) in words, speakers, cues and "
                      "metadata, before anything else; as written or in capitals, whole words; every "
                      "replacement is reported"),
    click.option("--pseudonymise-ignore-case", "--pseudonymize-ignore-case", "pseudonymise_ignore_case",
                 is_flag=True, default=None, help="with --pseudonymise: find the names in any case"),
)
_name_option = click.option("--name", metavar="TEMPLATE",
                            help='output file names: "{stem}.{lang}.{ext}", with {stem}, {lang}, {ext}, {format}, '
                                 "{profile} and {dir} (the input's folder)")


def _operations(settings: dict[str, Any], given_options: dict[str, Any], profile: str | None = None,
                frames: dict[str, int] | None = None) -> Operations | None:
    """The Operations the flags ask for (None: none), from the timing and clean-up flags in
    ``settings`` (taken out of it), the writer options given (``--fps``, ``--min-duration``) and
    ``frames``: `retime`'s own gap flags (`convert`'s are the writers', see ``operations.gaps_as_timing``)."""
    frames = frames or {}
    shift, fps_from, fps_to = settings.pop("shift"), settings.pop("fps_from"), settings.pop("fps_to")
    speed, sync, shot_changes = settings.pop("speed"), settings.pop("sync"), settings.pop("shot_changes")
    snap_frames = settings.pop("snap_frames")
    remove_hi, fix_rules, ellipsis = settings.pop("remove_hi", None), settings.pop("fix_rules", ()), \
        settings.pop("ellipsis", None)
    names_file, ignore_case = settings.pop("pseudonymise", None), settings.pop("pseudonymise_ignore_case", None)
    if ignore_case and not names_file:
        raise click.UsageError("--pseudonymise-ignore-case goes with --pseudonymise FILE")
    if not (shift or fps_from or fps_to or speed is not None or sync or shot_changes or snap_frames
            or remove_hi is not None or fix_rules or ellipsis or frames or names_file):
        return None
    from ..cleanup import Cleanup, parse_fixes
    from ..operations import Operations
    from ..retime import Retiming, parse_sync_point, parse_time
    from ..segmentation import resolve_options

    fps = given_options.get("fps")
    shots: tuple[int, ...] = ()
    if shot_changes:
        from ..shotchanges import read_shot_changes

        try:
            with reporting_warnings(shot_changes):
                shots = read_shot_changes(read_bytes(shot_changes), shot_changes, fps)
        except ScribekitError as exc:
            exc.source = exc.source or shot_changes
            raise
    segment = {name: given_options[name] for name in ("min_duration", "max_duration") if name in given_options}
    shortest = resolve_options(profile, **segment).min_duration

    def parsed(flag: str, parse: Callable[[str, float | None], Any], text: str) -> Any:
        try:
            return parse(text, fps)
        except OptionError as exc:  # said as click says a bad value: naming the flag
            raise click.BadParameter(str(exc), param_hint=f"'{flag}'") from None

    retiming = Retiming(sync=tuple(parsed("--sync", parse_sync_point, point) for point in sync),
                        fps_from=fps_from, fps_to=fps_to, speed=speed,
                        shift=parsed("--shift", parse_time, shift) if shift else 0, shot_changes=shots,
                        snap_frames=bool(snap_frames), fps=fps,
                        min_duration_ms=round(shortest * 1000) if shortest else 0, **frames)
    fixes = tuple(dict.fromkeys(rule for text in fix_rules for rule in parse_fixes(text)))
    if ellipsis and "ellipsis" not in fixes:
        raise click.UsageError("--ellipsis says the form --fix ellipsis writes: give --fix ellipsis (or all) too")
    cleanup = Cleanup(remove_hi=bool(remove_hi), keep_hi=remove_hi is False, fixes=fixes, ellipsis=ellipsis)
    pseudonyms = None
    if names_file:
        from ..pseudonymise import read_pseudonyms

        try:
            with reporting_warnings(names_file):
                pseudonyms = read_pseudonyms(read_bytes(names_file), names_file, ignore_case=bool(ignore_case))
        except ScribekitError as exc:
            exc.source = exc.source or names_file
            raise
    return Operations(retiming, cleanup, pseudonyms)


def _output_named(path: str) -> str:
    return "stdout" if path == "-" else path


def _change_line(change: dict[str, Any]) -> str:
    """One change of a dry run's report: ``out.srt: cue 12 (00:01:02.345): double-spaces: 'a  b' -> 'a b'``."""
    what = f"{change['before']!r} -> {change['after']!r}" if change["after"] else f"{change['before']!r} removed"
    return (f"{_output_named(change['output'])}: cue {change['cue']} ({format_vtt(change['start'])}): "
            f"{change['rule']}: {what}")


def _change_summary(changes: list[dict[str, Any]]) -> str:
    """``14 changes to out.srt (double-spaces 3, hi-sound 11)``, for each output."""
    by_output: dict[str, dict[str, int]] = {}
    for change in changes:
        rules = by_output.setdefault(change["output"], {})
        rules[change["rule"]] = rules.get(change["rule"], 0) + 1
    return "; ".join(f"{sum(rules.values())} change(s) to {_output_named(output)} ("
                     + ", ".join(f"{rule} {count}" for rule, count in rules.items()) + ")"
                     for output, rules in by_output.items())


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
                say(f"warning: {_named(result.source)}: {as_flags(message)}")
        if result.error:
            report_error(result.error, _named(result.source))
        if self.dry_run and not self.as_json:
            for path in result.outputs:
                click.echo(f"would write {path}" if result.status == "planned" else f"would skip {path} (exists)")
            for change in result.changes:
                click.echo(_change_line(change))
        elif result.changes and not self.as_json and not self.quiet:
            say(f"{_named(result.source)}: {_change_summary(result.changes)}")
        if not self.as_json and not self.quiet:
            for note in result.notes:
                say(f"{_named(result.source)}: {note}")
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
            say(f"{prefix}{', '.join(parts)} in {elapsed:.1f} s")
        internal = sum(result.internal for result in self.results)
        if internal and not self.as_json:
            say(f"{internal} file(s) failed by a fault of scribekit's (internal error): please report it with "
                "the input")
        if self.hidden_warnings and not self.as_json:
            say(f"{self.hidden_warnings} warning(s) about {self.files_with_hidden_warnings} file(s) not shown "
                 "(--quiet); --json lists them")


_TASK_SETTINGS = ("from_format", "force", "skip_existing", "dry_run", "encoding", "input_fps", "channel",
                  "speaker_names", "name", "mark", "operations")
"""What ``_run`` hands ``batch.plan`` of the commands' parameters; the others left are writer options."""


def _run(inputs: tuple[str, ...], targets: list[str | None], *, output: str | None, output_dir: str | None,
         recursive: bool, jobs: int | None, as_json: bool, quiet: bool, resegment: bool, **parameters: Any) -> None:
    if "operations" not in parameters:
        parameters["operations"] = _operations(parameters, given(parameters), parameters.get("profile"))
    settings = {name: parameters.pop(name) for name in _TASK_SETTINGS if name in parameters}
    options = given(parameters)
    if output and output_dir:
        raise click.UsageError("give -o or --output-dir, not both")
    if output and output != "-" and outputs.is_dir(output):
        output, output_dir = None, output  # -o FOLDER/: the outputs go in it, named after their inputs
    project = bool(output and output != "-" and len(targets) == 1 and targets[0]
                   and formats.writes_projects(targets[0]))
    if output and (len(inputs) > 1 or recursive) and not project:
        raise click.UsageError("-o takes one input (several only into one project: --to qdpx); "
                               "use --output-dir for several")
    if any(source == "-" for source in inputs) and not output and not output_dir and len(targets) > 1:
        raise click.UsageError("several output formats from stdin need --output-dir (stdout takes one)")
    to_stdout = output == "-" or (not output and not output_dir and "-" in inputs)
    if as_json and to_stdout:
        raise click.UsageError("--json prints its report on stdout, where the output goes too: "
                               "give -o FILE or --output-dir, or leave out --json")
    check_options(targets, options)  # a wrong option is a usage error up front
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
    if project:
        assert output is not None and targets[0] is not None
        try:
            for result in batch.convert_project(tasks, targets[0], output):
                progress(result)
        except ScribekitError as exc:
            exc.source = exc.source or output
            report_error(exc)
            raise SystemExit(1) from None
        completed = True
    else:
        completed = batch.run(tasks, min(jobs or os.cpu_count() or 1, len(tasks)), progress)
    progress.finish(not completed)
    if not completed:
        raise SystemExit(130)
    if any(result.internal for result in progress.results):
        raise SystemExit(3)
    if progress.counts["failed"]:
        raise SystemExit(1)


def _to_option(default: str) -> Callable[..., Any]:
    return click.option("--to", "to_formats", metavar="FORMAT...", multiple=True,
                        help=f"output format(s): --to srt vtt stl (default: {default})")


_converting_options = options(_file_options, _name_option, _timing_options, _cleanup_options, profile_option,
                              add_writer_options)
"""The flags of `convert` and `resegment`: files, names, timing, clean-up, limits and the writers' options."""


@click.command(context_settings={"show_default": False})
@click.argument("inputs", nargs=-1, required=True)
@_to_option("from -o's extension")
@_converting_options
def convert(inputs: tuple[str, ...], to_formats: tuple[str, ...], output: str | None, output_dir: str | None,
            recursive: bool, jobs: int | None, as_json: bool, quiet: bool, **settings: Any) -> None:
    """Convert transcripts and subtitle files to other formats.

    INPUTS are files, folders (with -r at every depth), quoted globs
    ("season1/**/*.srt") or - for stdin. Each output is written beside its
    input with the new extension unless -o or --output-dir says otherwise.
    Subtitle inputs keep their cues unless a profile or a limit (e.g.
    --max-chars-per-row) is given.

    Timing and clean-up run in this order: --sync, --fps-from/--fps-to,
    --speed, --shift (every time); the cues cut anew if a profile or limit
    asks; --remove-hi, --fix; --shot-changes, --snap-frames, --min-gap-frames
    and --close-gaps-frames (alone, these re-time a subtitle file's own cues).
    """
    _run(inputs, target_formats(to_formats, output, required=True), output=output, output_dir=output_dir,
         recursive=recursive, jobs=jobs, as_json=as_json, quiet=quiet, resegment=False, **settings)


@click.command(context_settings={"show_default": False})
@click.argument("inputs", nargs=-1, required=True)
@_to_option("the input's own")
@_converting_options
def resegment(inputs: tuple[str, ...], to_formats: tuple[str, ...], output: str | None, output_dir: str | None,
              recursive: bool, jobs: int | None, as_json: bool, quiet: bool, **settings: Any) -> None:
    """Cut subtitle files anew under new limits.

    Words get times from their cue, shared out by characters; the old cue
    boundaries stay strong hints. Without -o or --output-dir each result is
    written beside its input as NAME.resegmented.EXT. Timing and clean-up
    flags run as in `scribekit convert`.
    """
    _run(inputs, target_formats(to_formats, output, required=False), output=output, output_dir=output_dir,
         recursive=recursive, jobs=jobs, as_json=as_json, quiet=quiet, resegment=True, **settings)


@click.command(context_settings={"show_default": False})
@click.argument("inputs", nargs=-1, required=True)
@_to_option("the input's own")
@_file_options
@_name_option
@_timing_options
@click.option("--fps", type=FrameRateValue(), metavar="FPS",
              help="frames a second for frames in times (12f, 00:00:01:12), snapping and shot changes (default 25)")
@click.option("--min-gap-frames", type=click.IntRange(min=0), metavar="N", help="frames between two cues at least")
@click.option("--close-gaps-frames", type=click.IntRange(min=0), metavar="N",
              help="a gap shorter than this many frames is closed to the minimum gap")
@click.option("--min-duration", type=Seconds(), metavar="SECONDS",
              help="the shortest shot-change snapping may make a cue (default 0.833)")
def retime(inputs: tuple[str, ...], to_formats: tuple[str, ...], output: str | None, output_dir: str | None,
           recursive: bool, jobs: int | None, as_json: bool, quiet: bool, fps: float | None,
           min_duration: float | None, **settings: Any) -> None:
    """Change the times of subtitle files, and nothing else.

    Shift, convert the frame rate, change the speed, sync by one or two
    points, snap to shot changes and frames, keep gaps between cues: the
    cues and their text stay as they are. A SubRip, WebVTT, ASS, SSA or EBU
    STL file written back as itself keeps every byte but its times (WebVTT
    blocks, ASS styles, the STL header). Without -o or --output-dir each
    result is written beside its input as NAME.retimed.EXT.

        scribekit retime episode.srt --fps-from 23.976 --fps-to 25 -o out.srt
    """
    given_options = {name: value for name, value in (("fps", fps), ("min_duration", min_duration)) if value}
    frames = {name: value for name in ("min_gap_frames", "close_gaps_frames")
              if (value := settings.pop(name)) is not None}
    operations = _operations(settings, given_options, frames=frames)
    if operations is None:
        raise click.UsageError("say how to change the times: --shift, --fps-from/--fps-to, --speed, --sync, "
                               "--shot-changes, --snap-frames, --min-gap-frames or --close-gaps-frames")
    _run(inputs, target_formats(to_formats, output, required=False), output=output, output_dir=output_dir,
         recursive=recursive, jobs=jobs, as_json=as_json, quiet=quiet, resegment=False, mark="retimed",
         operations=operations, **settings)


def _add_segment_options(command: Callable[..., Any]) -> Callable[..., Any]:
    flags = writer_flags()
    for name in reversed(writers().segment):  # from the flag table: the segmenter is not imported for --help
        flag = flags[name]
        dashed = name.replace("_", "-")
        command = click.option(f"--{dashed}", name, type=flag.param_type, default=None, help=flag.help)(command)
    return command


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@from_option
@encoding_option
@input_fps_option
@channel_option
@click.option("--json", "as_json", is_flag=True, help="a machine-readable report on stdout")
@click.option("--explain", is_flag=True,
              help="also print, for every cue end and row end, the costs the segmenter weighs there")
@profile_option
@_add_segment_options
def lint(inputs: tuple[str, ...], from_format: str | None, encoding: str | None, input_fps: float | None,
         channel: int | None, as_json: bool, explain: bool, profile: str | None, **limits: Any) -> None:
    """Check subtitle files against a profile and limits.

    Prints every broken rule with its cue number and time; exit status 1 when
    any rule is broken. A transcript without cues is checked as scribekit
    would cut it. With --explain, each break is printed too, with what its
    cost is made of (sentence and clause ends, pauses, the words on either
    side), so that the choices can be seen and the limits tuned.
    """
    from ..segmentation import as_words, cues_for, resolve_options, word_segments
    from ..segmentation import lint as check
    from ..segmentation.explain import explain as explain_breaks
    from ..segmentation.segmenter import turns_language

    options = resolve_options(profile, **given(limits))
    if from_format:
        formats.get(from_format)  # an unknown format is wrong usage (exit status 2), not a file's failure
    report: list[dict[str, Any]] = []
    broken = failed = internal = 0
    for source in inputs:
        name = _named(source)
        try:
            with reporting_warnings(name):
                data = sys.stdin.buffer.read() if source == "-" else read_bytes(source)
                transcripts = formats.read_all(data, from_format, filename=source, encoding=encoding,
                                               fps=input_fps, channel=channel)
                for transcript in transcripts:
                    cues = transcript.cues if transcript.cues is not None else \
                        cues_for(as_words(transcript), profile=profile, **given(limits))
                    language = transcript.metadata.language  # --profile netflix of a Japanese file: netflix-ja
                    violations = check(cues, resolve_options(profile, transcript_language=language, **given(limits))
                                       if profile and language else options)
                    broken += len(violations)
                    entry: dict[str, Any] = {"file": source, "cues": len(cues),
                                             "violations": [v.as_dict() for v in violations]}
                    breaks = []
                    if explain:  # the language the segmenter takes, guessed as it guesses
                        breaks = explain_breaks(cues, given(limits).get("language") or language
                                                or turns_language(word_segments(transcript)))
                        entry["breaks"] = [b.as_dict() for b in breaks]
                    report.append(entry)
                    if not as_json:
                        for v in violations:
                            click.echo(f"{name}: cue {v.cue} ({format_vtt(v.start)} --> {format_vtt(v.end)}): "
                                       f"{v.rule}: {v.message}")
                        for b in breaks:
                            click.echo(f"{name}: {b.describe()}")
        except ScribekitError as exc:
            exc.source = exc.source or name
            report_error(exc)
            failed += 1
        except BrokenPipeError:  # the reader went away (`lint --explain | head`): not a fault of the file's
            raise
        except Exception as exc:  # a fault of ours: said once, naming the file; the other files go on
            report_error(batch.internal_error(name, exc), name)
            internal += 1
    if as_json:
        click.echo(json.dumps({"profile": profile, "limits": dataclasses.asdict(options), "files": report,
                               "violations": broken, "ok": broken == 0 and failed == 0}, indent=2))
    else:
        checked = sum(entry["cues"] for entry in report)
        click.echo(f"{broken} problem(s) in {checked} cue(s) of {len(report)} file(s)", err=True)
    if internal:
        raise SystemExit(3)
    if broken or failed:
        raise SystemExit(1)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="machine-readable output")
def profiles(as_json: bool) -> None:
    """List the named sets of limits that --profile takes."""
    from ..segmentation import PROFILES
    from ..segmentation.profiles import BY_LANGUAGE

    if as_json:
        click.echo(json.dumps({name: {"description": p.description, "limits": p.limits,
                                      **({"by_language": BY_LANGUAGE[name]} if name in BY_LANGUAGE else {})}
                               for name, p in PROFILES.items()}, indent=2))
        return
    for name, p in PROFILES.items():
        click.echo(f"{name:<13}{p.description}")
        click.echo(f"{'':<13}" + ", ".join(_flag_text(k, v) for k, v in p.limits.items()))
        if name in BY_LANGUAGE:
            click.echo(f"{'':<13}by language: " + ", ".join(f"{code} {chosen}"
                                                           for code, chosen in BY_LANGUAGE[name].items()))


def _flag_text(name: str, value: Any) -> str:
    """A profile's limit as the flag that sets it: ``--max-cps 20``, ``--dialogue-dashes``."""
    dashed = name.replace("_", "-")
    if isinstance(value, bool):
        return f"--{dashed}" if value else f"--no-{dashed}"
    return f"--{dashed} {value:g}" if isinstance(value, float) else f"--{dashed} {value}"


# --- formats --------------------------------------------------------------------------------

@click.command("formats")
@click.option("--json", "as_json", is_flag=True, help="machine-readable output")
def list_formats(as_json: bool) -> None:
    """List every format: what scribekit reads and writes, and the options of each."""
    flags = writer_flags()
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
        click.echo(f"  {'':<28}for: {applies_to(flag)}")


# --- info -----------------------------------------------------------------------------------

@click.command()
@click.argument("source", metavar="FILE")
@from_option
@encoding_option
@input_fps_option
@channel_option
@click.option("--json", "as_json", is_flag=True, help="machine-readable output")
def info(source: str, from_format: str | None, encoding: str | None, input_fps: float | None,
         channel: int | None, as_json: bool) -> None:
    """What FILE holds: its format, its header fields (EBU STL's GSI block; a TTML document's profile,
    frame rate, languages and regions; an SCC file's frame rate, channels and caption modes), its cues
    and times."""
    rows: list[tuple[str, str]] = []
    name = _named(source)
    try:
        with reporting_warnings(name):
            data = sys.stdin.buffer.read() if source == "-" else read_bytes(source)
            found = formats.get(from_format) if from_format else formats.detect(data, source, encoding)
            rows.append(("format", f"{found.name} ({found.title})"))
            describe = getattr(found.module, "describe_file", None)
            if describe is not None:
                rows.extend(describe(data))
            for transcript in formats.read_all(data, found.name, filename=source, encoding=encoding, fps=input_fps,
                                               channel=channel):
                cues, words = transcript.cues, transcript.words
                spans = [(c.start, c.end) for c in cues] if cues is not None else [(w.start, w.end) for w in words]
                rows.append(("cues" if cues is not None else "words", str(len(spans))))
                if spans:
                    rows.append(("from", format_vtt(min(start for start, _ in spans))))
                    rows.append(("to", format_vtt(max(end for _, end in spans))))
    except ScribekitError as exc:
        exc.source = exc.source or name
        raise
    except Exception as exc:  # a fault of ours: said once, naming the file
        if os.environ.get("SCRIBEKIT_DEBUG"):
            raise
        report_error(batch.internal_error(name, exc), name)
        raise SystemExit(3) from None
    if as_json:
        click.echo(json.dumps([{"field": label, "value": value} for label, value in rows], indent=2,
                              ensure_ascii=False))
        return
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        click.echo(f"{label:<{width}}  {value}")


COMMANDS = (convert, resegment, retime, lint, info, list_formats, profiles)
