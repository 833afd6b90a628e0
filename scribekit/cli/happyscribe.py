"""`scribekit happyscribe ...`: uploads, transcriptions, exports, translations and orders
(the client: scribekit.fetch.happyscribe)."""
from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from ..errors import FetchError, OptionError
from ..fetch import values as v
from ..fetch.poll import PollOptions
from ._common import CONTEXT, options, say
from ._provider import Bar, Plan, Provider, Wait, echo_json, resumable, stem

if TYPE_CHECKING:
    from ..fetch._client import State
    from ..fetch.happyscribe import HappyScribeClient

_PARAMS = {"timestamps": "show_timestamps", "timestamps_every": "timestamps_frequency",
           "speakers": "show_speakers", "comments": "show_comments", "highlights": "show_highlights",
           "highlights_only": "show_highlights_only"}
"""Writer flags that become parameters of HappyScribe's exports."""


def _export_params(fmt: str, options: dict[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(options) - set(_PARAMS))
    if unknown:
        flags = ", ".join("--" + name.replace("_", "-") for name in unknown)
        raise OptionError(f"HappyScribe's {fmt} export takes no {flags}",
                          hint="it takes: " + ", ".join("--" + n.replace("_", "-") for n in _PARAMS))
    params = {_PARAMS[name]: value for name, value in options.items()}
    from ..fetch.happyscribe import export_body

    export_body(["check"], fmt, **params)  # flags that the format does not take: refused before any request
    return params


_show_options = (
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


def _client() -> type[HappyScribeClient]:
    from ..fetch.happyscribe import HappyScribeClient

    return HappyScribeClient


HAPPYSCRIBE: Provider[HappyScribeClient] = Provider(
    name="HappyScribe", command="happyscribe", item="transcription", status_command="get",
    key_env="HAPPYSCRIBE_API_KEY", base_url_env="HAPPYSCRIBE_BASE_URL",
    exports=v.HAPPYSCRIBE_EXPORT_FORMATS, export_params=_export_params, client=_client,
    export_options=_show_options, merge_options=_merge_show)

Connect = Callable[[], "HappyScribeClient"]


def _organization(given: str | None) -> str:
    from ..fetch.happyscribe import ORGANIZATION_ENV

    value = given or os.environ.get(ORGANIZATION_ENV)
    if not value:
        raise OptionError("HappyScribe needs the organization id", hint=f"pass --organization or set "
                                                                        f"{ORGANIZATION_ENV}")
    return value


def _export_poll(wait_options: PollOptions) -> PollOptions:
    return PollOptions(interval=min(wait_options.interval, 1.0), max_interval=min(wait_options.max_interval, 10.0),
                       timeout=600.0)


def _deliver(client: HappyScribeClient, items: list[State], plan: Plan, default_dir: str,
             wait_options: PollOptions) -> None:
    ids = [str(item["id"]) for item in items]
    stems = [stem(item.get("name"), str(item["id"])) for item in items]
    export_poll = _export_poll(wait_options)
    if plan.provider_format is not None:
        fmt, params = plan.provider_format, plan.provider_params

        def export() -> bytes:
            return client.export(ids, fmt, poll_options=export_poll, **params)

        if len(ids) == 1:
            plan.save(plan.paths(stems[0], default_dir)[0], export)
            return
        if plan.output and plan.output.lower().endswith(".zip") and not plan.to_folder:
            plan.save(plan.output, export)
            return
        if plan.output == "-":
            raise click.UsageError("several transcriptions come as a zip: give -o DIR/ or -o FILE.zip, not -")
        from ..fetch.archive import extract

        data = export()
        directory = plan.output or default_dir or "."
        for written in extract(data, directory, overwrite=plan.force, source=f"the {fmt} export"):
            say(f"wrote {written}")
        return
    if plan.output and len(ids) > 1 and not plan.to_folder:
        raise click.UsageError(f"{len(ids)} transcriptions: give -o DIR/ rather than a file")
    transcripts = client.transcripts(ids, poll_options=export_poll)
    if len(transcripts) != len(ids):
        raise FetchError(f"the JSON export of {len(ids)} transcriptions held {len(transcripts)}")
    pairs = list(zip(transcripts, stems))
    if len(set(stems)) < len(stems):  # two media of one name: keep them apart
        pairs = [(t, f"{name}-{tid}") for (t, name), tid in zip(pairs, ids)]
    plan.write(pairs, default_dir, "HappyScribe export")


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


@click.group("happyscribe", cls=_HappyScribeGroup, context_settings=CONTEXT)
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
@HAPPYSCRIBE.wait_options(10.0)
@HAPPYSCRIBE.output_options(drop=("language",))
@HAPPYSCRIBE.client_options
def hs_upload(media_path: str, language: str, organization: str | None, name: str | None, is_subtitle: bool | None,
              service: str | None, document_url: str | None, folder: str | None, folder_id: str | None,
              tags: tuple[str, ...], sharing_enabled: bool | None, wait: Wait, plan: Plan, connect: Connect) -> None:
    """Upload MEDIA (a file, or the URL of one) and order its transcription; prints its id.

    A file goes to HappyScribe's storage through a signed URL first (at most
    5 GB). With --wait, waits until it is done; with --to (or
    --provider-format) as well, writes the result beside MEDIA (or to -o).
    """
    from urllib.parse import urlsplit

    from ..fetch.happyscribe import check_media, transcription_body

    plan.require_wait(wait, " (or run `scribekit happyscribe export ID --to ...` once it is done)")
    wait_options = wait.options()
    org = _organization(organization)
    is_url = urlsplit(media_path).scheme in ("http", "https")
    settings: dict[str, Any] = dict(is_subtitle=is_subtitle, service=service, folder=folder, folder_id=folder_id,
                                    document_url=document_url, sharing_enabled=sharing_enabled,
                                    tags=list(tags) or None)
    transcription_body(name=name or os.path.basename(media_path) or media_path, language=language,
                       tmp_url=media_path if is_url else "https://example.invalid/", organization_id=org, **settings)
    default_dir = "" if is_url else os.path.dirname(media_path)
    if not is_url:
        check_media(media_path)
    if not plan.empty:
        plan.check_free(plan.paths(stem(name or (urlsplit(media_path).path if is_url else media_path), "transcript"),
                                   default_dir))
    with connect() as client:
        item = client.transcribe(media_path, language=language, organization_id=org, name=name,
                                 progress=Bar(os.path.basename(media_path)), **settings)
        tid = str(item["id"])
        click.echo(tid)
        say(f"HappyScribe transcription {tid}: {item.get('name', '')} ({item.get('state', '?')})")
        if wait.wanted:
            item = HAPPYSCRIBE.wait(client, tid, wait_options)
            if not plan.empty:
                if not is_url and not name:
                    item["name"] = os.path.basename(media_path)
                _deliver(client, [item], plan, default_dir, wait_options)


@happyscribe.command("get")
@click.argument("transcription_id")
@click.option("--json", "as_json", is_flag=True, help="the transcription's record as JSON")
@HAPPYSCRIBE.wait_options(10.0)
@HAPPYSCRIBE.client_options
def hs_get(transcription_id: str, as_json: bool, wait: Wait, connect: Connect) -> None:
    """Show a transcription's state (and --wait until it is done)."""
    wait_options = wait.options()
    with connect() as client:
        item = HAPPYSCRIBE.wait(client, transcription_id, wait_options) if wait.wanted else \
            client.get(transcription_id)
    if as_json:
        echo_json(item)
    else:
        click.echo(f"{item.get('id', transcription_id)}  {client.describe(item)}  {item.get('language', '?')}  "
                   f"{item.get('name', '')}".rstrip())


@happyscribe.command("list")
@click.option("--organization", metavar="ID", help="the organization (default: $HAPPYSCRIBE_ORGANIZATION_ID)")
@click.option("--folder-id", metavar="ID", help="only this folder and its subfolders")
@click.option("--tag", "tags", multiple=True, help="only those with this tag (again for more)")
@click.option("--page", type=click.IntRange(min=0), help="only this page (default: every page)")
@click.option("--limit", type=click.IntRange(min=1), help="stop after this many")
@click.option("--json", "as_json", is_flag=True, help="the transcriptions as a JSON array")
@HAPPYSCRIBE.client_options
def hs_list(organization: str | None, folder_id: str | None, tags: tuple[str, ...], page: int | None,
            limit: int | None, as_json: bool, connect: Connect) -> None:
    """List transcriptions, newest first, following every next page unless --page."""
    org = _organization(organization)
    items: list[State] = []
    with connect() as client:
        if page is not None:
            items, _ = client.list_page(org, folder_id=folder_id, tags=list(tags), page=page)
        else:
            for item in client.iter_transcriptions(org, folder_id=folder_id, tags=list(tags)):
                items.append(item)
                if limit is not None and len(items) >= limit:
                    break
    items = items[:limit] if limit is not None else items
    if as_json:
        echo_json(items)
        return
    for item in items:
        tag_text = f"  [{', '.join(item.get('tags') or [])}]" if item.get("tags") else ""
        click.echo(f"{item.get('id', '?')}  {item.get('state', '?'):<22}  {str(item.get('createdAt', '?'))[:16]}  "
                   f"{item.get('language', '?')}  {item.get('name', '')}{tag_text}".rstrip())
    say(f"{len(items)} transcription(s)")


@happyscribe.command("export")
@click.argument("transcription_ids", nargs=-1, required=True)
@HAPPYSCRIBE.wait_options(10.0)
@HAPPYSCRIBE.output_options()
@HAPPYSCRIBE.client_options
def hs_export(transcription_ids: tuple[str, ...], wait: Wait, plan: Plan, connect: Connect) -> None:
    """Fetch finished transcriptions: converted by scribekit (--to), or HappyScribe's own export.

    Several transcriptions in HappyScribe's format come as a zip: -o DIR/
    extracts it safely there, -o FILE.zip keeps it whole. With
    --provider-format, --timestamps, --timestamps-every, --speakers,
    --comments, --highlights and --highlights-only (or HappyScribe's names,
    --show-speakers ...) become the export's options.
    """
    plan.require_format()
    ids = list(dict.fromkeys(transcription_ids))
    wait_options = wait.options()
    with connect() as client:
        items = []
        for tid in ids:
            item = HAPPYSCRIBE.wait(client, tid, wait_options) if wait.wanted else client.get(tid)
            if item.get("state") not in ("automatic_done", "demo"):
                raise FetchError(f"HappyScribe transcription {tid} is {client.describe(item)}, not done",
                                 hint="add --wait, or try again later" if item.get("state") != "failed" else None)
            items.append(item)
        _deliver(client, items, plan, "", wait_options)


@happyscribe.command("export-status")
@click.argument("export_id")
@click.option("--json", "as_json", is_flag=True, help="the export's record as JSON")
@HAPPYSCRIBE.client_options
def hs_export_status(export_id: str, as_json: bool, connect: Connect) -> None:
    """Show an export's state (pending, processing, ready, expired, failed)."""
    with connect() as client:
        export = client.get_export(export_id)
    if as_json:
        echo_json(export)
    else:
        click.echo(f"{export.get('id', export_id)}  {export.get('state', '?')}  {export.get('format', '?')}  "
                   f"{', '.join(export.get('transcription_ids') or [])}")


@happyscribe.command("delete")
@click.argument("transcription_id")
@click.option("--permanent", is_flag=True, help="for good (default: to the trash)")
@HAPPYSCRIBE.client_options
def hs_delete(transcription_id: str, permanent: bool, connect: Connect) -> None:
    """Delete a transcription: to the trash, or for good with --permanent."""
    with connect() as client:
        client.delete(transcription_id, permanent=permanent)
    say(f"deleted HappyScribe transcription {transcription_id}" + (" for good" if permanent else " (to the trash)"))


def _translation_hint(task_id: str) -> str:
    return f"`scribekit happyscribe translation {task_id} --wait` picks it up"


@happyscribe.command("translate")
@click.argument("transcription_id")
@click.option("--target-language", required=True, help="e.g. es, fr, pt-BR (see HappyScribe's list)")
@HAPPYSCRIBE.wait_options(2.0)
@HAPPYSCRIBE.output_options()
@HAPPYSCRIBE.client_options
def hs_translate(transcription_id: str, target_language: str, wait: Wait, plan: Plan, connect: Connect) -> None:
    """Translate a transcription (a translation task); prints the task id.

    With --wait, prints the translated transcription's id when done; with --to
    (or --provider-format) as well, writes it.
    """
    from ..fetch.happyscribe import check_translation_target

    plan.require_wait(wait)
    wait_options = wait.options()
    check_translation_target(target_language)
    with connect() as client:
        task = client.create_translation(transcription_id, target_language)
        task_id = str(task["id"])
        click.echo(task_id)
        say(f"HappyScribe translation task {task_id}: {transcription_id} into {target_language} "
            f"({task.get('state', '?')})")
        if not wait.wanted:
            return
        with resumable(_translation_hint(task_id)):
            task = client.wait_translation(task_id, wait_options)
        new_id = str(task.get("translatedTranscriptionId"))
        click.echo(new_id)
        say(f"translated: HappyScribe transcription {new_id}")
        if not plan.empty:
            item = HAPPYSCRIBE.wait(client, new_id, wait_options)
            item["name"] = f"{stem(item.get('name'), new_id)}.{target_language}"
            _deliver(client, [item], plan, "", wait_options)


@happyscribe.command("translation")
@click.argument("task_id")
@click.option("--json", "as_json", is_flag=True, help="the task's record as JSON")
@HAPPYSCRIBE.wait_options(2.0)
@HAPPYSCRIBE.client_options
def hs_translation(task_id: str, as_json: bool, wait: Wait, connect: Connect) -> None:
    """Show a translation task (and --wait until it is done)."""
    wait_options = wait.options()
    with connect() as client:
        if wait.wanted:
            with resumable(_translation_hint(task_id)):
                task = client.wait_translation(task_id, wait_options)
        else:
            task = client.get_translation(task_id)
    if as_json:
        echo_json(task)
    else:
        click.echo(f"{task.get('id', task_id)}  {task.get('state', '?')}  {task.get('targetLanguage', '?')}  "
                   f"{task.get('translatedTranscriptionId') or task.get('failureReason') or ''}".rstrip())


def _order_line(order: State) -> str:
    targets = ", ".join(str(op.get("target_language")) for op in order.get("operations") or []
                        if isinstance(op, dict) and op.get("target_language"))
    details = order.get("details") or {}
    price = ""
    if isinstance(details, dict) and isinstance(details.get("total_cents"), (int, float)):
        price = f"  {details.get('currency_symbol', '')}{details['total_cents'] / 100:.2f}"
    return f"{order.get('id', '?')}  {order.get('state', '?')}  {targets}{price}"


_order_json = options(click.option("--json", "as_json", is_flag=True, help="the order as JSON"))


@happyscribe.command("order")
@click.argument("transcription_id")
@click.option("--target", "targets", multiple=True, required=True, metavar="LANG...",
              help="the languages to translate to: --target es fr")
@click.option("--service", type=click.Choice(v.HAPPYSCRIBE_ORDER_SERVICES), default="auto", show_default=True,
              help="auto: machine translation; pro: by people")
@click.option("--confirm", is_flag=True, help="submit it at once (default: left incomplete, to confirm later)")
@_order_json
@HAPPYSCRIBE.client_options
def hs_order(transcription_id: str, targets: tuple[str, ...], service: str, confirm: bool, as_json: bool,
             connect: Connect) -> None:
    """Order translations of a transcription; prints the order id."""
    from ..fetch.happyscribe import check_translation_target

    for target in targets:
        check_translation_target(target)
    with connect() as client:
        order = client.create_order(transcription_id, list(targets), service=service, confirm=confirm)
    if as_json:
        echo_json(order)
        return
    click.echo(order.get("id", "?"))
    say(_order_line(order) + ("" if confirm else f"; confirm it with `scribekit happyscribe order-confirm "
                                                 f"{order.get('id', '?')}`"))


@happyscribe.command("order-status")
@click.argument("order_id")
@_order_json
@HAPPYSCRIBE.client_options
def hs_order_status(order_id: str, as_json: bool, connect: Connect) -> None:
    """Show an order: its state, its target languages, its price."""
    with connect() as client:
        order = client.get_order(order_id)
    if as_json:
        echo_json(order)
    else:
        click.echo(_order_line(order))


@happyscribe.command("order-confirm")
@click.argument("order_id")
@_order_json
@HAPPYSCRIBE.client_options
def hs_order_confirm(order_id: str, as_json: bool, connect: Connect) -> None:
    """Confirm an order created without --confirm: it starts (and is charged)."""
    with connect() as client:
        order = client.confirm_order(order_id)
    if as_json:
        echo_json(order)
    else:
        click.echo(_order_line(order))


COMMANDS = (happyscribe,)
