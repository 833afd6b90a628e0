"""`scribekit amberscript ...` and `scribekit happyscribe ...`: thin click wrappers around scribekit.fetch.

httpx is imported only when a command runs (inside scribekit.fetch), so that
`scribekit --help` stays fast. Results go to stdout (a job id, a table, JSON,
or a file with `-o -`); progress and states to stderr.
"""
from __future__ import annotations

import dataclasses
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

from .. import formats, outputs
from ..errors import FetchError, OptionError
from ..fetch import values as v
from ..fetch.poll import PollOptions
from .convert import (
    Seconds,
    _add_writer_options,
    _given,
    _profile_option,
    _reporting_warnings,
    _say,
    _target_formats,
    cli,
)

if TYPE_CHECKING:
    from ..fetch.amberscript import AmberscriptClient
    from ..fetch.happyscribe import HappyScribeClient
    from ..model import Transcript

# --- shared options -----------------------------------------------------------------------------

def _options(*decorators: Callable[..., Any]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def apply(command: Callable[..., Any]) -> Callable[..., Any]:
        for decorator in reversed(decorators):
            command = decorator(command)
        return command
    return apply


def _client_options(key_env: str, base_env: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return _options(
        click.option("--api-key", metavar="KEY", help=f"the API key (default: ${key_env}; a flag is visible to other "
                                                      "users of this machine, the variable is not)"),
        click.option("--base-url", metavar="URL", help=f"the API's base URL, for a proxy or a test server "
                                                       f"(default: ${base_env}, else the provider's)"),
        click.option("--http-timeout", type=Seconds(), default=60.0, show_default=True, metavar="SECONDS",
                     help="seconds without an answer before a request is tried again"),
        click.option("--retries", type=click.IntRange(0, 20), default=4, show_default=True,
                     help="tries after the first for requests safe to repeat (and after a 429)"),
    )


def _wait_options(default_interval: float) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return _options(
        click.option("--wait", is_flag=True, help="wait until it is done (Ctrl-C stops waiting, not the job)"),
        click.option("--poll-interval", type=Seconds(), default=default_interval, show_default=True,
                     metavar="SECONDS", help="first pause between two looks; it grows by half each time"),
        click.option("--max-poll-interval", type=Seconds(), default=300.0, show_default=True, metavar="SECONDS",
                     help="the longest pause between two looks"),
        click.option("--timeout", type=Seconds(), default=None, metavar="SECONDS",
                     help="give up waiting after this long (e.g. 2h; default: wait until done)"),
    )


def _writer_options(drop: tuple[str, ...] = (), rename: dict[str, str] | None = None,
                    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """`convert`'s writer flags, less those a command uses for the provider (``drop``), or under a new name.

    An upload's --language is the spoken language (the transcript carries it to
    the segmenter anyway), and Amberscript's --speakers is a number of speakers.
    """
    def apply(command: Callable[..., Any]) -> Callable[..., Any]:
        def holder() -> None:
            pass

        params: list[click.Parameter] = getattr(_add_writer_options(holder), "__click_params__", [])
        kept: list[click.Parameter] = []
        for param in params:
            if param.name in drop:
                continue
            new = (rename or {}).get(param.name or "")
            if new is not None:
                param = click.Option([f"--{new}/--no-{new}", param.name or new], default=None,
                                     help=getattr(param, "help", None))
            kept.append(param)
        existing: list[click.Parameter] = getattr(command, "__click_params__", [])
        command.__click_params__ = existing + kept  # type: ignore[attr-defined]
        return command
    return apply


def _output_options(provider_formats: tuple[str, ...], drop: tuple[str, ...] = (),
                    rename: dict[str, str] | None = None) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return _options(
        click.option("--to", "to_formats", metavar="FORMAT...", multiple=True,
                     help="convert with scribekit's writers: --to srt vtt docx ... (see `scribekit formats`)"),
        click.option("--provider-format", metavar="FORMAT",
                     help="save the provider's own export unchanged: " + ", ".join(provider_formats)),
        click.option("-o", "--output", metavar="FILE|DIR", help="output file, a folder (ending in /), or - for "
                                                                "stdout (default: named after the media)"),
        click.option("--force", is_flag=True, help="overwrite outputs that exist"),
        _profile_option,
        _writer_options(drop, rename),
    )


def _settings(http_timeout: float, retries: int) -> Any:
    from ..fetch.http import HttpSettings

    return HttpSettings(read_timeout=http_timeout, write_timeout=max(http_timeout, 60.0), retries=retries)


def _poll(poll_interval: float, max_poll_interval: float, timeout: float | None) -> PollOptions:
    return PollOptions(interval=poll_interval, max_interval=max(max_poll_interval, poll_interval), timeout=timeout)


@contextmanager
def _resumable(hint: str) -> Iterator[None]:
    """Ctrl-C while waiting: say how to pick the job up again, then stop (exit status 130)."""
    try:
        yield
    except KeyboardInterrupt:
        _say(f"stopped waiting; {hint}")
        raise


class _Watch:
    """Prints each new state of a job on stderr, with the time since waiting began."""

    def __init__(self, label: str, describe: Callable[[dict[str, Any]], str]) -> None:
        self.label, self.describe, self.started = label, describe, time.monotonic()

    def __call__(self, state: dict[str, Any]) -> None:
        _say(f"{self.label}: {self.describe(state)} ({time.monotonic() - self.started:.0f} s)")


class _Bar:
    """An upload progress bar on a terminal (nothing elsewhere)."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.started = time.monotonic()
        self.shown = 0.0
        self.active = sys.stderr.isatty()

    def __call__(self, sent: int, total: int) -> None:
        if not self.active:
            return
        now = time.monotonic()
        if sent < total and now - self.shown < 0.1:
            return
        self.shown = now
        elapsed = max(now - self.started, 1e-6)
        rate = sent / elapsed
        eta = (total - sent) / rate if rate else 0.0
        filled = int(24 * sent / total) if total else 24
        click.echo(f"\r\033[Kuploading {self.label} [{'#' * filled}{'.' * (24 - filled)}] "
                   f"{sent / 1e6:.1f}/{total / 1e6:.1f} MB, {rate / 1e6:.1f} MB/s, ETA {eta:.0f} s",
                   err=True, nl=False)
        if sent >= total:
            click.echo("", err=True)


def _echo_json(obj: Any) -> None:
    from ..fetch.http import _SECRETS

    text = json.dumps(obj, indent=2, ensure_ascii=False)
    for secret in _SECRETS:
        text = text.replace(secret, "***")
    click.echo(text)


# --- outputs ------------------------------------------------------------------------------------

@dataclasses.dataclass
class _Plan:
    """What to write once a job is done: scribekit's formats, or the provider's own export."""

    targets: list[str]
    provider_format: str | None
    provider_params: dict[str, Any]
    output: str | None
    force: bool
    options: dict[str, Any]

    @property
    def empty(self) -> bool:
        return not self.targets and self.provider_format is None


def _plan(to_formats: tuple[str, ...], provider_format: str | None, output: str | None, force: bool,
          writer_options: dict[str, Any], provider_formats: tuple[str, ...],
          provider_params: Callable[[str, dict[str, Any]], dict[str, Any]]) -> _Plan:
    options = _given(writer_options)
    if provider_format is not None:
        if to_formats:
            raise click.UsageError("give --to (scribekit converts) or --provider-format (the provider's file), "
                                   "not both")
        fmt = provider_format.lower()
        if fmt not in provider_formats:
            raise OptionError(f"the provider has no {provider_format!r} export",
                              hint="it has: " + ", ".join(provider_formats))
        if options.get("profile") is not None:
            raise OptionError("--profile is for scribekit's writers (--to), not the provider's export")
        return _Plan([], fmt, provider_params(fmt, options), output, force, {})
    if not to_formats and not (output and output != "-" and not _is_dir(output)):
        if output:
            raise click.UsageError("say the output format with --to (or -o FILE with an extension)")
        if options:
            raise click.UsageError("writer options need --to FORMAT or --provider-format FORMAT")
        return _Plan([], None, {}, None, force, {})
    targets = [t for t in _target_formats(to_formats, None if output and _is_dir(output) else output,
                                          required=True) if t is not None]
    if output and len(targets) > 1 and not _is_dir(output):
        raise click.UsageError("-o FILE takes one output format; give -o DIR/ for several")
    from ..segmentation import SegmentOptions, resolve_options

    for name in targets:
        formats.split_options(formats.get(name), options)  # a wrong option is a usage error before any request
    segment_names = {f.name for f in dataclasses.fields(SegmentOptions)}
    resolve_options(options.get("profile"), **{k: val for k, val in options.items() if k in segment_names})
    return _Plan(targets, None, {}, output, force, options)


def _is_dir(output: str) -> bool:
    return outputs.is_dir(output)


def _destination(plan: _Plan, extension: str, stem: str, default_dir: str) -> str:
    """Where one output goes: -o FILE, -o DIR/ with the default name, - for stdout, or the default."""
    return outputs.destination(plan.output, stem, extension, default_dir)


def _check_free(paths: list[str], force: bool) -> None:
    outputs.check_free(paths, force)


def _emit(path: str, data: str | bytes, force: bool) -> None:
    outputs.emit(path, data, force=force)
    if path != outputs.STDOUT:
        _say(f"wrote {path}")


def _stem(name: str | None, fallback: str) -> str:
    base = os.path.basename(name or "") or fallback
    stem = os.path.splitext(base)[0] if "." in base else base
    return stem or fallback


def _planned_paths(plan: _Plan, stem: str, default_dir: str, provider_extension: str | None = None) -> list[str]:
    if plan.provider_format is not None:
        return [_destination(plan, provider_extension or plan.provider_format, stem, default_dir)]
    return [_destination(plan, formats.get(t).extension, stem, default_dir) for t in plan.targets]


def _write_transcripts(plan: _Plan, transcripts: list[tuple[Transcript, str]], default_dir: str, label: str) -> None:
    """Each (transcript, stem) in each target format, with scribekit's writers."""
    if len(transcripts) > 1 and plan.output and not _is_dir(plan.output):
        raise click.UsageError(f"{len(transcripts)} transcripts: give -o DIR/ rather than a file")
    outputs = []
    for transcript, stem in transcripts:
        for target in plan.targets:
            info = formats.get(target)
            outputs.append((transcript, target, _destination(plan, info.extension, stem, default_dir)))
    _check_free([path for _, _, path in outputs], plan.force)
    for transcript, target, path in outputs:
        with _reporting_warnings(label):
            data = formats.write(transcript, target, **plan.options)
        _emit(path, data, plan.force)


# --- Amberscript --------------------------------------------------------------------------------

_AMBER_PARAMS: dict[str, dict[str, str]] = {
    "srt": {"max_chars_per_row": "max_chars_per_row", "max_rows": "max_number_of_rows",
            "max_screen_time_per_row": "max_screen_time_per_row_seconds",
            "max_chars_per_subtitle": "max_chars_per_subtitle", "subtitle_duration_max": "subtitle_duration_max"},
    "vtt": {"max_chars_per_row": "max_chars_per_row", "max_rows": "max_number_of_rows",
            "max_screen_time_per_row": "max_screen_time_per_row_seconds"},
    "stl": {"max_rows": "max_number_of_rows", "max_screen_time_per_row": "max_screen_time_per_row_seconds"},
    "txt": {"timestamps": "include_timestamps", "speakers": "include_speakers", "highlights_only": "highlights_only",
            "wrap": "max_chars_per_row"},
    "json": {},
    "xml": {},
}


def _amber_params(fmt: str, options: dict[str, Any]) -> dict[str, Any]:
    mapping = _AMBER_PARAMS[fmt]
    unknown = sorted(set(options) - set(mapping))
    if unknown:
        flags = ", ".join("--" + name.replace("_", "-") for name in unknown)
        takes = ", ".join("--" + name.replace("_", "-") for name in mapping) or "none"
        raise OptionError(f"Amberscript's {fmt} export takes no {flags}", hint=f"it takes: {takes}")
    return {mapping[name]: value for name, value in options.items()}


def _amberscript_client(api_key: str | None, base_url: str | None, http_timeout: float,
                        retries: int) -> AmberscriptClient:
    from ..fetch.amberscript import AmberscriptClient

    return AmberscriptClient(api_key, base_url=base_url, settings=_settings(http_timeout, retries))


def _amber_resume(job_id: str) -> str:
    return (f"the job goes on at Amberscript: `scribekit amberscript status {job_id} --wait` or "
            f"`scribekit amberscript export {job_id} --wait ...` picks it up")


def _amber_deliver(client: AmberscriptClient, job: dict[str, Any], plan: _Plan, default_dir: str) -> None:
    job_id = str(job["jobId"])
    stem = _stem(job.get("filename"), job_id)
    if plan.provider_format is not None:
        path = _planned_paths(plan, stem, default_dir)[0]
        _check_free([path], plan.force)
        _emit(path, client.export(job_id, plan.provider_format, **plan.provider_params), plan.force)
        return
    _check_free(_planned_paths(plan, stem, default_dir), plan.force)
    transcript = client.transcript(job_id)
    _write_transcripts(plan, [(transcript, stem)], default_dir, f"Amberscript job {job_id}")


def _amber_wait(client: AmberscriptClient, job_id: str, wait_options: PollOptions) -> dict[str, Any]:
    from ..fetch.amberscript import describe

    with _resumable(_amber_resume(job_id)):
        return client.wait(job_id, wait_options, on_change=_Watch(f"Amberscript job {job_id}", describe))


@click.group("amberscript", context_settings={"help_option_names": ["-h", "--help"]})
def amberscript() -> None:
    """Amberscript: upload media, follow jobs, fetch results in any format.

    The key comes from $AMBERSCRIPT_API_KEY (or --api-key); it is never printed.
    """


_amber_client_options = _client_options("AMBERSCRIPT_API_KEY", "AMBERSCRIPT_BASE_URL")
_amber_output_options = _output_options(v.AMBERSCRIPT_EXPORTS)


@amberscript.command("upload")
@click.argument("media_path", metavar="MEDIA", type=click.Path(dir_okay=False))
@click.option("--language", default="en", show_default=True, help="the spoken language (`scribekit amberscript "
                                                                   "languages` lists the codes)")
@click.option("--transcription-type", type=click.Choice(v.AMBERSCRIPT_TRANSCRIPTION_TYPES), default="transcription",
              show_default=True)
@click.option("--job-type", type=click.Choice(v.AMBERSCRIPT_JOB_TYPES), default="direct", show_default=True,
              help="direct: automatic; perfect: made by people")
@click.option("--speakers", "number_of_speakers", type=int, metavar="1..5", help="number of speakers (default 2)")
@click.option("--style", "transcription_style", type=click.Choice(v.AMBERSCRIPT_STYLES),
              help="transcription style (default cleanread)")
@click.option("--turnaround", "turnaround_time", type=click.Choice(v.AMBERSCRIPT_TURNAROUNDS, case_sensitive=False),
              help="delivery time of perfect jobs")
@click.option("--target-language", help="for translatedSubtitles: the language to translate to")
@click.option("--callback-url", metavar="URL", help="Amberscript POSTs the final status there")
@_wait_options(10.0)
@_output_options(v.AMBERSCRIPT_EXPORTS, drop=("language",), rename={"speakers": "speaker-names"})
@_amber_client_options
def amber_upload(media_path: str, language: str, transcription_type: str, job_type: str, number_of_speakers: int | None,
                 transcription_style: str | None, turnaround_time: str | None, target_language: str | None,
                 callback_url: str | None, wait: bool, poll_interval: float, max_poll_interval: float,
                 timeout: float | None, to_formats: tuple[str, ...], provider_format: str | None, output: str | None,
                 force: bool, api_key: str | None, base_url: str | None, http_timeout: float, retries: int,
                 **writer_options: Any) -> None:
    """Upload MEDIA for transcription; prints the job id.

    With --wait, waits until it is done; with --to (or --provider-format) as
    well, writes the result beside MEDIA (or to -o).
    """
    from ..fetch.amberscript import check_media, upload_params

    plan = _plan(to_formats, provider_format, output, force, writer_options, v.AMBERSCRIPT_EXPORTS, _amber_params)
    if not plan.empty and not wait:
        raise click.UsageError("--to and --provider-format need --wait (or run `scribekit amberscript export JOB "
                               "--to ...` once the job is done)")
    wait_options = _poll(poll_interval, max_poll_interval, timeout)
    params: dict[str, Any] = dict(language=language, transcription_type=transcription_type, job_type=job_type,
                  number_of_speakers=number_of_speakers, callback_url=callback_url,
                  transcription_style=transcription_style, turnaround_time=turnaround_time,
                  target_language=target_language)
    upload_params(**params)  # every value checked before the key is even looked at
    check_media(media_path)
    default_dir = os.path.dirname(media_path)
    if not plan.empty:
        _check_free(_planned_paths(plan, _stem(media_path, "transcript"), default_dir), force)
    with _amberscript_client(api_key, base_url, http_timeout, retries) as client:
        job = client.upload(media_path, progress=_Bar(os.path.basename(media_path)), **params)
        job_id = str(job["jobId"])
        click.echo(job_id)
        _say(f"uploaded {os.path.basename(media_path)}: Amberscript job {job_id} ({job.get('status', '?')})")
        if wait:
            job = _amber_wait(client, job_id, wait_options)
            if not plan.empty:
                job.setdefault("filename", os.path.basename(media_path))
                _amber_deliver(client, job, plan, default_dir)


@amberscript.command("status")
@click.argument("job_id")
@click.option("--json", "as_json", is_flag=True, help="the job's status as JSON")
@_wait_options(10.0)
@_amber_client_options
def amber_status(job_id: str, as_json: bool, wait: bool, poll_interval: float, max_poll_interval: float,
                 timeout: float | None, api_key: str | None, base_url: str | None, http_timeout: float,
                 retries: int) -> None:
    """Show a job's status (OPEN, DONE, or ERROR with its reason); --wait until it ends."""
    from ..fetch.amberscript import describe

    wait_options = _poll(poll_interval, max_poll_interval, timeout)
    with _amberscript_client(api_key, base_url, http_timeout, retries) as client:
        job = _amber_wait(client, job_id, wait_options) if wait else client.status(job_id)
    if as_json:
        _echo_json(job)
    else:
        click.echo(f"{job.get('jobId', job_id)}  {describe(job)}  {job.get('transcriptionType', '?')}/"
                   f"{job.get('jobType', '?')}  {job.get('language', '?')}  {job.get('filename', '')}".rstrip())


@amberscript.command("list")
@click.option("--job-id", help="only this job")
@click.option("--job-type", type=click.Choice(v.AMBERSCRIPT_JOB_TYPES))
@click.option("--status", type=click.Choice(v.AMBERSCRIPT_STATUSES, case_sensitive=False))
@click.option("--transcription-type", type=click.Choice(v.AMBERSCRIPT_TRANSCRIPTION_TYPES))
@click.option("--page", type=click.IntRange(min=0), help="only this page (from 0; default: every page)")
@click.option("--page-size", type=click.IntRange(1, v.AMBERSCRIPT_MAX_PAGE_SIZE), default=None,
              help="jobs a page (at most 100; default 20 with --page, else 100)")
@click.option("--limit", type=click.IntRange(min=1), help="stop after this many jobs")
@click.option("--json", "as_json", is_flag=True, help="the jobs as a JSON array")
@_amber_client_options
def amber_list(job_id: str | None, job_type: str | None, status: str | None, transcription_type: str | None,
               page: int | None, page_size: int | None, limit: int | None, as_json: bool, api_key: str | None,
               base_url: str | None, http_timeout: float, retries: int) -> None:
    """List jobs, newest first, filtered; every page unless --page."""
    filters: dict[str, Any] = dict(job_id=job_id, job_type=job_type, status=status,
                                   transcription_type=transcription_type)
    with _amberscript_client(api_key, base_url, http_timeout, retries) as client:
        if page is not None:
            jobs = client.list_jobs(page=page, page_size=page_size, **filters)
        else:
            jobs = []
            for job in client.iter_jobs(page_size=page_size or v.AMBERSCRIPT_MAX_PAGE_SIZE, **filters):
                jobs.append(job)
                if limit is not None and len(jobs) >= limit:
                    break
    jobs = jobs[:limit] if limit is not None else jobs
    if as_json:
        _echo_json(jobs)
        return
    for job in jobs:
        created = job.get("created")
        when = time.strftime("%Y-%m-%d %H:%M", time.gmtime(created / 1000)) if isinstance(created, (int, float)) \
            else "?"
        click.echo(f"{job.get('jobId', '?')}  {job.get('status', '?'):<5}  {when}  "
                   f"{job.get('transcriptionType', '?')}/{job.get('jobType', '?')}  {job.get('language', '?')}  "
                   f"{job.get('filename', '')}".rstrip())
    _say(f"{len(jobs)} job(s)")


@amberscript.command("export")
@click.argument("job_id")
@_wait_options(10.0)
@_amber_output_options
@_amber_client_options
def amber_export(job_id: str, wait: bool, poll_interval: float, max_poll_interval: float, timeout: float | None,
                 to_formats: tuple[str, ...], provider_format: str | None, output: str | None, force: bool,
                 api_key: str | None, base_url: str | None, http_timeout: float, retries: int,
                 **writer_options: Any) -> None:
    """Fetch a finished job: converted by scribekit (--to), or the provider's own file (--provider-format).

    With --provider-format, the limits given become Amberscript's export
    parameters: --max-chars-per-row, --max-rows, --max-screen-time-per-row
    (srt, vtt, stl), --timestamps, --speakers, --highlights-only, --wrap (txt),
    --max-chars-per-subtitle, --subtitle-duration-max (srt through the
    deprecated export).
    """
    plan = _plan(to_formats, provider_format, output, force, writer_options, v.AMBERSCRIPT_EXPORTS, _amber_params)
    if plan.empty:
        raise click.UsageError("say the format: --to FORMAT (converted by scribekit) or --provider-format FORMAT")
    wait_options = _poll(poll_interval, max_poll_interval, timeout)
    with _amberscript_client(api_key, base_url, http_timeout, retries) as client:
        if wait:
            job = _amber_wait(client, job_id, wait_options)
        else:
            job = client.status(job_id)
            if job.get("status") == "ERROR":
                raise FetchError(f"Amberscript job {job_id} failed: {job.get('errorMsg') or 'no reason given'}")
            if job.get("status") != "DONE":
                raise FetchError(f"Amberscript job {job_id} is still {job.get('status', '?')}",
                                 hint="add --wait, or try again later")
        _amber_deliver(client, job, plan, "")


@amberscript.command("translate")
@click.argument("source_job_id")
@click.option("--target-language", required=True, help="one of: " + ", ".join(v.AMBERSCRIPT_TARGET_LANGUAGES))
@click.option("--turnaround", "turnaround_time", type=click.Choice(v.AMBERSCRIPT_TURNAROUNDS, case_sensitive=False),
              help="delivery time (default EIGHT_DAYS)")
@click.option("--callback-url", metavar="URL", help="Amberscript POSTs the final status there")
@_wait_options(60.0)
@_amber_output_options
@_amber_client_options
def amber_translate(source_job_id: str, target_language: str, turnaround_time: str | None, callback_url: str | None,
                    wait: bool, poll_interval: float, max_poll_interval: float, timeout: float | None,
                    to_formats: tuple[str, ...], provider_format: str | None, output: str | None, force: bool,
                    api_key: str | None, base_url: str | None, http_timeout: float, retries: int,
                    **writer_options: Any) -> None:
    """Order translated subtitles of a finished manual captions job; prints the new job id."""
    from ..fetch.amberscript import check_callback_url, check_target_language

    plan = _plan(to_formats, provider_format, output, force, writer_options, v.AMBERSCRIPT_EXPORTS, _amber_params)
    if not plan.empty and not wait:
        raise click.UsageError("--to and --provider-format need --wait")
    wait_options = _poll(poll_interval, max_poll_interval, timeout)
    check_target_language(target_language)
    if callback_url:
        check_callback_url(callback_url)
    with _amberscript_client(api_key, base_url, http_timeout, retries) as client:
        job = client.translate(source_job_id, target_language, turnaround_time=turnaround_time,
                               callback_url=callback_url)
        job_id = str(job["jobId"])
        click.echo(job_id)
        _say(f"Amberscript job {job_id}: {target_language} subtitles of job {source_job_id} "
             f"({job.get('status', '?')})")
        if wait:
            job = _amber_wait(client, job_id, wait_options)
            if not plan.empty:
                _amber_deliver(client, job, plan, "")


@amberscript.command("delete")
@click.argument("job_id")
@_amber_client_options
def amber_delete(job_id: str, api_key: str | None, base_url: str | None, http_timeout: float, retries: int) -> None:
    """Delete a job and its files at Amberscript."""
    with _amberscript_client(api_key, base_url, http_timeout, retries) as client:
        client.delete(job_id)
    _say(f"deleted Amberscript job {job_id}")


@amberscript.command("languages")
def amber_languages() -> None:
    """The language codes Amberscript transcribes, and those it translates to."""
    for code, name in v.AMBERSCRIPT_LANGUAGES.items():
        click.echo(f"{code:<12}{name}")
    click.echo("\ntranslated subtitles (--target-language): " + ", ".join(v.AMBERSCRIPT_TARGET_LANGUAGES))


# --- HappyScribe --------------------------------------------------------------------------------

_HS_FORMATS = tuple(v.HAPPYSCRIBE_EXPORT_FORMATS)
_HS_PARAMS = {"timestamps": "show_timestamps", "timestamps_every": "timestamps_frequency",
              "speakers": "show_speakers", "comments": "show_comments", "highlights": "show_highlights",
              "highlights_only": "show_highlights_only"}


def _hs_params(fmt: str, options: dict[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(options) - set(_HS_PARAMS))
    if unknown:
        flags = ", ".join("--" + name.replace("_", "-") for name in unknown)
        raise OptionError(f"HappyScribe's {fmt} export takes no {flags}",
                          hint="it takes: " + ", ".join("--" + n.replace("_", "-") for n in _HS_PARAMS))
    params = {_HS_PARAMS[name]: value for name, value in options.items()}
    from ..fetch.happyscribe import export_body

    export_body(["check"], fmt, **params)  # flags that the format does not take: refused before any request
    return params


_hs_show_options = _options(
    click.option("--show-timestamps", is_flag=True, default=None, help="HappyScribe's show_timestamps (txt, docx, "
                                                                       "pdf); same as --timestamps"),
    click.option("--show-speakers", is_flag=True, default=None, help="show_speakers (txt, docx, pdf)"),
    click.option("--show-comments", is_flag=True, default=None, help="show_comments (txt, docx, pdf)"),
    click.option("--show-highlights", is_flag=True, default=None, help="show_highlights (docx, pdf)"),
    click.option("--show-highlights-only", is_flag=True, default=None, help="show_highlights_only (docx, pdf)"),
    click.option("--timestamps-frequency", type=click.Choice(v.HAPPYSCRIBE_TIMESTAMPS_FREQUENCIES),
                 help="inline timecodes this often; same as --timestamps-every"),
)


def _merge_show(writer_options: dict[str, Any], provider_format: str | None) -> dict[str, Any]:
    """``--show-speakers`` and friends are HappyScribe's names for the writer flags; only with --provider-format."""
    shown = {name: writer_options.pop(name) for name in ("show_timestamps", "show_speakers", "show_comments",
                                                         "show_highlights", "show_highlights_only",
                                                         "timestamps_frequency")}
    given = {k: val for k, val in shown.items() if val is not None}
    if given and provider_format is None:
        raise click.UsageError("--show-* and --timestamps-frequency are for --provider-format; with --to use "
                               "--timestamps, --speakers, --comments, --highlights, --highlights-only")
    for name, value in given.items():
        key = "timestamps_every" if name == "timestamps_frequency" else name[len("show_"):]
        writer_options[key] = value
    return writer_options


def _happyscribe_client(api_key: str | None, base_url: str | None, http_timeout: float,
                        retries: int) -> HappyScribeClient:
    from ..fetch.happyscribe import HappyScribeClient

    return HappyScribeClient(api_key, base_url=base_url, settings=_settings(http_timeout, retries))


def _organization(given: str | None) -> str:
    from ..fetch.happyscribe import ORGANIZATION_ENV

    value = given or os.environ.get(ORGANIZATION_ENV)
    if not value:
        raise OptionError("HappyScribe needs the organization id", hint=f"pass --organization or set "
                                                                        f"{ORGANIZATION_ENV}")
    return value


def _hs_wait(client: HappyScribeClient, tid: str, wait_options: PollOptions) -> dict[str, Any]:
    from ..fetch.happyscribe import describe

    with _resumable(f"the transcription goes on at HappyScribe: `scribekit happyscribe get {tid} --wait` or "
                    f"`scribekit happyscribe export {tid} --wait ...` picks it up"):
        return client.wait(tid, wait_options, on_change=_Watch(f"HappyScribe transcription {tid}", describe))


def _export_poll(wait_options: PollOptions) -> PollOptions:
    return PollOptions(interval=min(wait_options.interval, 1.0), max_interval=min(wait_options.max_interval, 10.0),
                       timeout=600.0)


def _hs_deliver(client: HappyScribeClient, items: list[dict[str, Any]], plan: _Plan, default_dir: str,
                wait_options: PollOptions) -> None:
    ids = [str(item["id"]) for item in items]
    stems = [_stem(item.get("name"), str(item["id"])) for item in items]
    export_poll = _export_poll(wait_options)
    if plan.provider_format is not None:
        extension = v.HAPPYSCRIBE_EXPORT_FORMATS[plan.provider_format]
        if len(ids) == 1:
            path = _destination(plan, extension, stems[0], default_dir)
            _check_free([path], plan.force)
            _emit(path, client.export(ids, plan.provider_format, poll_options=export_poll, **plan.provider_params),
                  plan.force)
            return
        if plan.output and plan.output.lower().endswith(".zip") and not _is_dir(plan.output):
            _check_free([plan.output], plan.force)
            _emit(plan.output, client.export(ids, plan.provider_format, poll_options=export_poll,
                                             **plan.provider_params), plan.force)
            return
        if plan.output == "-":
            raise click.UsageError("several transcriptions come as a zip: give -o DIR/ or -o FILE.zip, not -")
        from ..fetch.archive import extract

        data = client.export(ids, plan.provider_format, poll_options=export_poll, **plan.provider_params)
        directory = plan.output or default_dir or "."
        for written in extract(data, directory, overwrite=plan.force, source=f"the {plan.provider_format} export"):
            _say(f"wrote {written}")
        return
    if plan.output and len(ids) > 1 and not _is_dir(plan.output):
        raise click.UsageError(f"{len(ids)} transcriptions: give -o DIR/ rather than a file")
    transcripts = client.transcripts(ids, poll_options=export_poll)
    if len(transcripts) != len(ids):
        raise FetchError(f"the JSON export of {len(ids)} transcriptions held {len(transcripts)}")
    pairs = []
    for transcript, stem in zip(transcripts, stems):
        pairs.append((transcript, stem))
    if len(set(stems)) < len(stems):  # two media of one name: keep them apart
        pairs = [(t, f"{stem}-{tid}") for (t, stem), tid in zip(pairs, ids)]
    _write_transcripts(plan, pairs, default_dir, "HappyScribe export")


_hs_client_options = _client_options("HAPPYSCRIBE_API_KEY", "HAPPYSCRIBE_BASE_URL")
_hs_output_options = _options(_output_options(_HS_FORMATS), _hs_show_options)


class _HappyScribeGroup(click.Group):
    """``--target es fr``: the words after --target that are language codes are more values of it."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        spread: list[str] = []
        listing = pending = False
        for arg in args:
            if pending:  # the value right after --target, whatever it is
                spread.append(arg)
                pending = False
            elif arg == "--target":
                spread.append(arg)
                listing = pending = True
            elif listing and arg in v.HAPPYSCRIBE_TRANSLATION_TARGETS:
                spread += ["--target", arg]
            else:
                listing = False
                spread.append(arg)
        return super().parse_args(ctx, spread)


@click.group("happyscribe", cls=_HappyScribeGroup, context_settings={"help_option_names": ["-h", "--help"]})
def happyscribe() -> None:
    """HappyScribe: upload media, follow transcriptions, exports, translations and orders.

    The key comes from $HAPPYSCRIBE_API_KEY (or --api-key); it is never printed.
    The organization from --organization or $HAPPYSCRIBE_ORGANIZATION_ID.
    """


@happyscribe.command("upload")
@click.argument("media_path", metavar="MEDIA")
@click.option("--language", required=True, help="BCP-47 code of the spoken language, e.g. en-GB")
@click.option("--organization", metavar="ID", help="the organization (default: $HAPPYSCRIBE_ORGANIZATION_ID)")
@click.option("--name", help="the transcription's name (default: the file name)")
@click.option("--subtitles", "is_subtitle", is_flag=True, default=None, help="treat it as subtitles")
@click.option("--service", type=click.Choice(v.HAPPYSCRIBE_SERVICES), help="auto (default), pro, or alignment")
@click.option("--document-url", metavar="URL", help="alignment: the plain text to align with the media")
@click.option("--folder", metavar="PATH", help="the folder to put it in, e.g. path/to/my folder")
@click.option("--folder-id", metavar="ID", help="the folder to put it in, by id")
@click.option("--tag", "tags", multiple=True, help="a tag (again for more)")
@click.option("--sharing/--no-sharing", "sharing_enabled", default=None, help="everyone with the editor URL may "
                                                                              "open it")
@_wait_options(10.0)
@_output_options(_HS_FORMATS, drop=("language",))
@_hs_show_options
@_hs_client_options
def hs_upload(media_path: str, language: str, organization: str | None, name: str | None, is_subtitle: bool | None,
              service: str | None, document_url: str | None, folder: str | None, folder_id: str | None,
              tags: tuple[str, ...], sharing_enabled: bool | None, wait: bool, poll_interval: float,
              max_poll_interval: float, timeout: float | None, to_formats: tuple[str, ...],
              provider_format: str | None, output: str | None, force: bool, api_key: str | None,
              base_url: str | None, http_timeout: float, retries: int, **writer_options: Any) -> None:
    """Upload MEDIA (a file, or the URL of one) and order its transcription; prints its id.

    A file goes to HappyScribe's storage through a signed URL first (at most
    5 GB). With --wait, waits until it is done; with --to (or
    --provider-format) as well, writes the result beside MEDIA (or to -o).
    """
    from urllib.parse import urlsplit

    from ..fetch.happyscribe import check_media, transcription_body

    writer_options = _merge_show(writer_options, provider_format)
    plan = _plan(to_formats, provider_format, output, force, writer_options, _HS_FORMATS, _hs_params)
    if not plan.empty and not wait:
        raise click.UsageError("--to and --provider-format need --wait (or run `scribekit happyscribe export ID "
                               "--to ...` once it is done)")
    wait_options = _poll(poll_interval, max_poll_interval, timeout)
    org = _organization(organization)
    is_url = urlsplit(media_path).scheme in ("http", "https")
    options: dict[str, Any] = dict(is_subtitle=is_subtitle, service=service, folder=folder, folder_id=folder_id,
                   document_url=document_url, sharing_enabled=sharing_enabled, tags=list(tags) or None)
    transcription_body(name=name or os.path.basename(media_path) or media_path, language=language,
                       tmp_url=media_path if is_url else "https://example.invalid/", organization_id=org, **options)
    default_dir = "" if is_url else os.path.dirname(media_path)
    if not is_url:
        check_media(media_path)
    if not plan.empty:
        stem = _stem(name or (urlsplit(media_path).path if is_url else media_path), "transcript")
        _check_free(_planned_paths(plan, stem, default_dir,
                                   v.HAPPYSCRIBE_EXPORT_FORMATS.get(plan.provider_format or "")), force)
    with _happyscribe_client(api_key, base_url, http_timeout, retries) as client:
        item = client.transcribe(media_path, language=language, organization_id=org, name=name,
                                 progress=_Bar(os.path.basename(media_path)), **options)
        tid = str(item["id"])
        click.echo(tid)
        _say(f"HappyScribe transcription {tid}: {item.get('name', '')} ({item.get('state', '?')})")
        if wait:
            item = _hs_wait(client, tid, wait_options)
            if not plan.empty:
                if not is_url and not name:
                    item["name"] = os.path.basename(media_path)
                _hs_deliver(client, [item], plan, default_dir, wait_options)


@happyscribe.command("get")
@click.argument("transcription_id")
@click.option("--json", "as_json", is_flag=True, help="the transcription's record as JSON")
@_wait_options(10.0)
@_hs_client_options
def hs_get(transcription_id: str, as_json: bool, wait: bool, poll_interval: float, max_poll_interval: float,
           timeout: float | None, api_key: str | None, base_url: str | None, http_timeout: float,
           retries: int) -> None:
    """Show a transcription's state (and --wait until it is done)."""
    from ..fetch.happyscribe import describe

    wait_options = _poll(poll_interval, max_poll_interval, timeout)
    with _happyscribe_client(api_key, base_url, http_timeout, retries) as client:
        item = _hs_wait(client, transcription_id, wait_options) if wait else client.get(transcription_id)
    if as_json:
        _echo_json(item)
    else:
        click.echo(f"{item.get('id', transcription_id)}  {describe(item)}  {item.get('language', '?')}  "
                   f"{item.get('name', '')}".rstrip())


@happyscribe.command("list")
@click.option("--organization", metavar="ID", help="the organization (default: $HAPPYSCRIBE_ORGANIZATION_ID)")
@click.option("--folder-id", metavar="ID", help="only this folder and its subfolders")
@click.option("--tag", "tags", multiple=True, help="only those with this tag (again for more)")
@click.option("--page", type=click.IntRange(min=0), help="only this page (default: every page)")
@click.option("--limit", type=click.IntRange(min=1), help="stop after this many")
@click.option("--json", "as_json", is_flag=True, help="the transcriptions as a JSON array")
@_hs_client_options
def hs_list(organization: str | None, folder_id: str | None, tags: tuple[str, ...], page: int | None,
            limit: int | None, as_json: bool, api_key: str | None, base_url: str | None, http_timeout: float,
            retries: int) -> None:
    """List transcriptions, newest first, following every next page unless --page."""
    org = _organization(organization)
    items: list[dict[str, Any]] = []
    with _happyscribe_client(api_key, base_url, http_timeout, retries) as client:
        if page is not None:
            items, _ = client.list_page(org, folder_id=folder_id, tags=list(tags), page=page)
        else:
            for item in client.iter_transcriptions(org, folder_id=folder_id, tags=list(tags)):
                items.append(item)
                if limit is not None and len(items) >= limit:
                    break
    items = items[:limit] if limit is not None else items
    if as_json:
        _echo_json(items)
        return
    for item in items:
        tag_text = f"  [{', '.join(item.get('tags') or [])}]" if item.get("tags") else ""
        click.echo(f"{item.get('id', '?')}  {item.get('state', '?'):<22}  {str(item.get('createdAt', '?'))[:16]}  "
                   f"{item.get('language', '?')}  {item.get('name', '')}{tag_text}".rstrip())
    _say(f"{len(items)} transcription(s)")


@happyscribe.command("export")
@click.argument("transcription_ids", nargs=-1, required=True)
@_wait_options(10.0)
@_hs_output_options
@_hs_client_options
def hs_export(transcription_ids: tuple[str, ...], wait: bool, poll_interval: float, max_poll_interval: float,
              timeout: float | None, to_formats: tuple[str, ...], provider_format: str | None, output: str | None,
              force: bool, api_key: str | None, base_url: str | None, http_timeout: float, retries: int,
              **writer_options: Any) -> None:
    """Fetch finished transcriptions: converted by scribekit (--to), or HappyScribe's own export.

    Several transcriptions in HappyScribe's format come as a zip: -o DIR/
    extracts it safely there, -o FILE.zip keeps it whole. With
    --provider-format, --timestamps, --timestamps-every, --speakers,
    --comments, --highlights and --highlights-only (or HappyScribe's names,
    --show-speakers ...) become the export's options.
    """
    writer_options = _merge_show(writer_options, provider_format)
    plan = _plan(to_formats, provider_format, output, force, writer_options, _HS_FORMATS, _hs_params)
    if plan.empty:
        raise click.UsageError("say the format: --to FORMAT (converted by scribekit) or --provider-format FORMAT")
    ids = list(dict.fromkeys(transcription_ids))
    wait_options = _poll(poll_interval, max_poll_interval, timeout)
    from ..fetch.happyscribe import describe

    with _happyscribe_client(api_key, base_url, http_timeout, retries) as client:
        items = []
        for tid in ids:
            item = _hs_wait(client, tid, wait_options) if wait else client.get(tid)
            if item.get("state") not in ("automatic_done", "demo"):
                raise FetchError(f"HappyScribe transcription {tid} is {describe(item)}, not done",
                                 hint="add --wait, or try again later" if item.get("state") != "failed" else None)
            items.append(item)
        _hs_deliver(client, items, plan, "", wait_options)


@happyscribe.command("export-status")
@click.argument("export_id")
@click.option("--json", "as_json", is_flag=True, help="the export's record as JSON")
@_hs_client_options
def hs_export_status(export_id: str, as_json: bool, api_key: str | None, base_url: str | None, http_timeout: float,
                     retries: int) -> None:
    """Show an export's state (pending, processing, ready, expired, failed)."""
    with _happyscribe_client(api_key, base_url, http_timeout, retries) as client:
        export = client.get_export(export_id)
    if as_json:
        _echo_json(export)
    else:
        click.echo(f"{export.get('id', export_id)}  {export.get('state', '?')}  {export.get('format', '?')}  "
                   f"{', '.join(export.get('transcription_ids') or [])}")


@happyscribe.command("delete")
@click.argument("transcription_id")
@click.option("--permanent", is_flag=True, help="for good (default: to the trash)")
@_hs_client_options
def hs_delete(transcription_id: str, permanent: bool, api_key: str | None, base_url: str | None,
              http_timeout: float, retries: int) -> None:
    """Delete a transcription: to the trash, or for good with --permanent."""
    with _happyscribe_client(api_key, base_url, http_timeout, retries) as client:
        client.delete(transcription_id, permanent=permanent)
    _say(f"deleted HappyScribe transcription {transcription_id}" + (" for good" if permanent else " (to the trash)"))


@happyscribe.command("translate")
@click.argument("transcription_id")
@click.option("--target-language", required=True, help="e.g. es, fr, pt-BR (see HappyScribe's list)")
@_wait_options(2.0)
@_hs_output_options
@_hs_client_options
def hs_translate(transcription_id: str, target_language: str, wait: bool, poll_interval: float,
                 max_poll_interval: float, timeout: float | None, to_formats: tuple[str, ...],
                 provider_format: str | None, output: str | None, force: bool, api_key: str | None,
                 base_url: str | None, http_timeout: float, retries: int, **writer_options: Any) -> None:
    """Translate a transcription (a translation task); prints the task id.

    With --wait, prints the translated transcription's id when done; with --to
    (or --provider-format) as well, writes it.
    """
    from ..fetch.happyscribe import check_translation_target

    writer_options = _merge_show(writer_options, provider_format)
    plan = _plan(to_formats, provider_format, output, force, writer_options, _HS_FORMATS, _hs_params)
    if not plan.empty and not wait:
        raise click.UsageError("--to and --provider-format need --wait")
    wait_options = _poll(poll_interval, max_poll_interval, timeout)
    check_translation_target(target_language)
    with _happyscribe_client(api_key, base_url, http_timeout, retries) as client:
        task = client.create_translation(transcription_id, target_language)
        task_id = str(task["id"])
        click.echo(task_id)
        _say(f"HappyScribe translation task {task_id}: {transcription_id} into {target_language} "
             f"({task.get('state', '?')})")
        if not wait:
            return
        with _resumable(f"`scribekit happyscribe translation {task_id} --wait` picks it up"):
            task = client.wait_translation(task_id, wait_options)
        new_id = str(task.get("translatedTranscriptionId"))
        click.echo(new_id)
        _say(f"translated: HappyScribe transcription {new_id}")
        if not plan.empty:
            item = _hs_wait(client, new_id, wait_options)
            item["name"] = f"{_stem(item.get('name'), new_id)}.{target_language}"
            _hs_deliver(client, [item], plan, "", wait_options)


@happyscribe.command("translation")
@click.argument("task_id")
@click.option("--json", "as_json", is_flag=True, help="the task's record as JSON")
@_wait_options(2.0)
@_hs_client_options
def hs_translation(task_id: str, as_json: bool, wait: bool, poll_interval: float, max_poll_interval: float,
                   timeout: float | None, api_key: str | None, base_url: str | None, http_timeout: float,
                   retries: int) -> None:
    """Show a translation task (and --wait until it is done)."""
    wait_options = _poll(poll_interval, max_poll_interval, timeout)
    with _happyscribe_client(api_key, base_url, http_timeout, retries) as client:
        if wait:
            with _resumable(f"`scribekit happyscribe translation {task_id} --wait` picks it up"):
                task = client.wait_translation(task_id, wait_options)
        else:
            task = client.get_translation(task_id)
    if as_json:
        _echo_json(task)
    else:
        click.echo(f"{task.get('id', task_id)}  {task.get('state', '?')}  {task.get('targetLanguage', '?')}  "
                   f"{task.get('translatedTranscriptionId') or task.get('failureReason') or ''}".rstrip())


def _order_line(order: dict[str, Any]) -> str:
    targets = ", ".join(str(op.get("target_language")) for op in order.get("operations") or []
                        if isinstance(op, dict) and op.get("target_language"))
    details = order.get("details") or {}
    price = ""
    if isinstance(details, dict) and isinstance(details.get("total_cents"), (int, float)):
        price = f"  {details.get('currency_symbol', '')}{details['total_cents'] / 100:.2f}"
    return f"{order.get('id', '?')}  {order.get('state', '?')}  {targets}{price}"


@happyscribe.command("order")
@click.argument("transcription_id")
@click.option("--target", "targets", multiple=True, required=True, metavar="LANG...",
              help="the languages to translate to: --target es fr")
@click.option("--service", type=click.Choice(v.HAPPYSCRIBE_ORDER_SERVICES), default="auto", show_default=True,
              help="auto: machine translation; pro: by people")
@click.option("--confirm", is_flag=True, help="submit it at once (default: left incomplete, to confirm later)")
@click.option("--json", "as_json", is_flag=True, help="the order as JSON")
@_hs_client_options
def hs_order(transcription_id: str, targets: tuple[str, ...], service: str, confirm: bool, as_json: bool,
             api_key: str | None, base_url: str | None, http_timeout: float, retries: int) -> None:
    """Order translations of a transcription; prints the order id."""
    from ..fetch.happyscribe import check_translation_target

    for target in targets:
        check_translation_target(target)
    with _happyscribe_client(api_key, base_url, http_timeout, retries) as client:
        order = client.create_order(transcription_id, list(targets), service=service, confirm=confirm)
    if as_json:
        _echo_json(order)
        return
    click.echo(order.get("id", "?"))
    _say(_order_line(order) + ("" if confirm else f"; confirm it with `scribekit happyscribe order-confirm "
                                                  f"{order.get('id', '?')}`"))


@happyscribe.command("order-status")
@click.argument("order_id")
@click.option("--json", "as_json", is_flag=True, help="the order as JSON")
@_hs_client_options
def hs_order_status(order_id: str, as_json: bool, api_key: str | None, base_url: str | None, http_timeout: float,
                    retries: int) -> None:
    """Show an order: its state, its target languages, its price."""
    with _happyscribe_client(api_key, base_url, http_timeout, retries) as client:
        order = client.get_order(order_id)
    if as_json:
        _echo_json(order)
    else:
        click.echo(_order_line(order))


@happyscribe.command("order-confirm")
@click.argument("order_id")
@click.option("--json", "as_json", is_flag=True, help="the order as JSON")
@_hs_client_options
def hs_order_confirm(order_id: str, as_json: bool, api_key: str | None, base_url: str | None, http_timeout: float,
                     retries: int) -> None:
    """Confirm an order created without --confirm: it starts (and is charged)."""
    with _happyscribe_client(api_key, base_url, http_timeout, retries) as client:
        order = client.confirm_order(order_id)
    if as_json:
        _echo_json(order)
    else:
        click.echo(_order_line(order))


cli.add_command(amberscript)
cli.add_command(happyscribe)

__all__ = ["amberscript", "happyscribe"]
