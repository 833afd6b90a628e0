"""`scribekit amberscript ...`: upload media, follow jobs, fetch results (the client: scribekit.fetch.amberscript)."""
from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from ..errors import FetchError, OptionError
from ..fetch import values as v
from ._common import CONTEXT, say
from ._provider import Bar, Plan, Provider, Wait, echo_json, stem

if TYPE_CHECKING:
    from ..fetch._client import State
    from ..fetch.amberscript import AmberscriptClient

_PARAMS: dict[str, dict[str, str]] = {
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
"""Writer flags that become parameters of Amberscript's exports, by export."""


def _export_params(fmt: str, options: dict[str, Any]) -> dict[str, Any]:
    mapping = _PARAMS[fmt]
    unknown = sorted(set(options) - set(mapping))
    if unknown:
        flags = ", ".join("--" + name.replace("_", "-") for name in unknown)
        takes = ", ".join("--" + name.replace("_", "-") for name in mapping) or "none"
        raise OptionError(f"Amberscript's {fmt} export takes no {flags}", hint=f"it takes: {takes}")
    return {mapping[name]: value for name, value in options.items()}


def _client() -> type[AmberscriptClient]:
    from ..fetch.amberscript import AmberscriptClient

    return AmberscriptClient


AMBERSCRIPT: Provider[AmberscriptClient] = Provider(
    name="Amberscript", command="amberscript", item="job", status_command="status",
    key_env="AMBERSCRIPT_API_KEY", base_url_env="AMBERSCRIPT_BASE_URL",
    exports={fmt: fmt for fmt in v.AMBERSCRIPT_EXPORTS}, export_params=_export_params, client=_client)

Connect = Callable[[], "AmberscriptClient"]


def _deliver(client: AmberscriptClient, job: State, plan: Plan, default_dir: str) -> None:
    job_id = str(job["jobId"])
    name = stem(job.get("filename"), job_id)
    if plan.provider_format is not None:
        fmt, params = plan.provider_format, plan.provider_params
        plan.save(plan.paths(name, default_dir)[0], lambda: client.export(job_id, fmt, **params))
        return
    plan.check_free(plan.paths(name, default_dir))
    transcript = client.transcript(job_id)
    plan.write([(transcript, name)], default_dir, f"Amberscript job {job_id}")


@click.group("amberscript", context_settings=CONTEXT)
def amberscript() -> None:
    """Amberscript: upload media, follow jobs, fetch results in any format.

    The key comes from $AMBERSCRIPT_API_KEY (or --api-key); it is never printed.
    """


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
@AMBERSCRIPT.wait_options(10.0)
@AMBERSCRIPT.output_options(drop=("language",), rename={"speakers": "speaker-names"})
@AMBERSCRIPT.client_options
def amber_upload(media_path: str, language: str, transcription_type: str, job_type: str, number_of_speakers: int | None,
                 transcription_style: str | None, turnaround_time: str | None, target_language: str | None,
                 callback_url: str | None, wait: Wait, plan: Plan, connect: Connect) -> None:
    """Upload MEDIA for transcription; prints the job id.

    With --wait, waits until it is done; with --to (or --provider-format) as
    well, writes the result beside MEDIA (or to -o).
    """
    from ..fetch.amberscript import check_media, upload_params

    plan.require_wait(wait, " (or run `scribekit amberscript export JOB --to ...` once the job is done)")
    wait_options = wait.options()
    params: dict[str, Any] = dict(language=language, transcription_type=transcription_type, job_type=job_type,
                                  number_of_speakers=number_of_speakers, callback_url=callback_url,
                                  transcription_style=transcription_style, turnaround_time=turnaround_time,
                                  target_language=target_language)
    upload_params(**params)  # every value checked before the key is even looked at
    check_media(media_path)
    default_dir = os.path.dirname(media_path)
    if not plan.empty:
        plan.check_free(plan.paths(stem(media_path, "transcript"), default_dir))
    with connect() as client:
        job = client.upload(media_path, progress=Bar(os.path.basename(media_path)), **params)
        job_id = str(job["jobId"])
        click.echo(job_id)
        say(f"uploaded {os.path.basename(media_path)}: Amberscript job {job_id} ({job.get('status', '?')})")
        if wait.wanted:
            job = AMBERSCRIPT.wait(client, job_id, wait_options)
            if not plan.empty:
                job.setdefault("filename", os.path.basename(media_path))
                _deliver(client, job, plan, default_dir)


@amberscript.command("status")
@click.argument("job_id")
@click.option("--json", "as_json", is_flag=True, help="the job's status as JSON")
@AMBERSCRIPT.wait_options(10.0)
@AMBERSCRIPT.client_options
def amber_status(job_id: str, as_json: bool, wait: Wait, connect: Connect) -> None:
    """Show a job's status (OPEN, DONE, or ERROR with its reason); --wait until it ends."""
    wait_options = wait.options()
    with connect() as client:
        job = AMBERSCRIPT.wait(client, job_id, wait_options) if wait.wanted else client.status(job_id)
    if as_json:
        echo_json(job)
    else:
        click.echo(f"{job.get('jobId', job_id)}  {client.describe(job)}  {job.get('transcriptionType', '?')}/"
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
@AMBERSCRIPT.client_options
def amber_list(job_id: str | None, job_type: str | None, status: str | None, transcription_type: str | None,
               page: int | None, page_size: int | None, limit: int | None, as_json: bool, connect: Connect) -> None:
    """List jobs, newest first, filtered; every page unless --page."""
    filters: dict[str, Any] = dict(job_id=job_id, job_type=job_type, status=status,
                                   transcription_type=transcription_type)
    with connect() as client:
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
        echo_json(jobs)
        return
    for job in jobs:
        created = job.get("created")
        when = time.strftime("%Y-%m-%d %H:%M", time.gmtime(created / 1000)) if isinstance(created, (int, float)) \
            else "?"
        click.echo(f"{job.get('jobId', '?')}  {job.get('status', '?'):<5}  {when}  "
                   f"{job.get('transcriptionType', '?')}/{job.get('jobType', '?')}  {job.get('language', '?')}  "
                   f"{job.get('filename', '')}".rstrip())
    say(f"{len(jobs)} job(s)")


@amberscript.command("export")
@click.argument("job_id")
@AMBERSCRIPT.wait_options(10.0)
@AMBERSCRIPT.output_options()
@AMBERSCRIPT.client_options
def amber_export(job_id: str, wait: Wait, plan: Plan, connect: Connect) -> None:
    """Fetch a finished job: converted by scribekit (--to), or the provider's own file (--provider-format).

    With --provider-format, the limits given become Amberscript's export
    parameters: --max-chars-per-row, --max-rows, --max-screen-time-per-row
    (srt, vtt, stl), --timestamps, --speakers, --highlights-only, --wrap (txt),
    --max-chars-per-subtitle, --subtitle-duration-max (srt through the
    deprecated export).
    """
    plan.require_format()
    wait_options = wait.options()
    with connect() as client:
        if wait.wanted:
            job = AMBERSCRIPT.wait(client, job_id, wait_options)
        else:
            job = client.status(job_id)
            if job.get("status") == "ERROR":
                raise FetchError(f"Amberscript job {job_id} failed: {job.get('errorMsg') or 'no reason given'}")
            if job.get("status") != "DONE":
                raise FetchError(f"Amberscript job {job_id} is still {job.get('status', '?')}",
                                 hint="add --wait, or try again later")
        _deliver(client, job, plan, "")


@amberscript.command("translate")
@click.argument("source_job_id")
@click.option("--target-language", required=True, help="one of: " + ", ".join(v.AMBERSCRIPT_TARGET_LANGUAGES))
@click.option("--turnaround", "turnaround_time", type=click.Choice(v.AMBERSCRIPT_TURNAROUNDS, case_sensitive=False),
              help="delivery time (default EIGHT_DAYS)")
@click.option("--callback-url", metavar="URL", help="Amberscript POSTs the final status there")
@AMBERSCRIPT.wait_options(60.0)
@AMBERSCRIPT.output_options()
@AMBERSCRIPT.client_options
def amber_translate(source_job_id: str, target_language: str, turnaround_time: str | None, callback_url: str | None,
                    wait: Wait, plan: Plan, connect: Connect) -> None:
    """Order translated subtitles of a finished manual captions job; prints the new job id."""
    from ..fetch.amberscript import check_callback_url, check_target_language

    plan.require_wait(wait)
    wait_options = wait.options()
    check_target_language(target_language)
    if callback_url:
        check_callback_url(callback_url)
    with connect() as client:
        job = client.translate(source_job_id, target_language, turnaround_time=turnaround_time,
                               callback_url=callback_url)
        job_id = str(job["jobId"])
        click.echo(job_id)
        say(f"Amberscript job {job_id}: {target_language} subtitles of job {source_job_id} "
            f"({job.get('status', '?')})")
        if wait.wanted:
            job = AMBERSCRIPT.wait(client, job_id, wait_options)
            if not plan.empty:
                _deliver(client, job, plan, "")


@amberscript.command("delete")
@click.argument("job_id")
@AMBERSCRIPT.client_options
def amber_delete(job_id: str, connect: Connect) -> None:
    """Delete a job and its files at Amberscript."""
    with connect() as client:
        client.delete(job_id)
    say(f"deleted Amberscript job {job_id}")


@amberscript.command("languages")
def amber_languages() -> None:
    """The language codes Amberscript transcribes, and those it translates to."""
    for code, name in v.AMBERSCRIPT_LANGUAGES.items():
        click.echo(f"{code:<12}{name}")
    click.echo("\ntranslated subtitles (--target-language): " + ", ".join(v.AMBERSCRIPT_TARGET_LANGUAGES))


COMMANDS = (amberscript,)
