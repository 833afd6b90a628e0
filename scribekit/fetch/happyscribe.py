"""HappyScribe's API: signed-URL uploads, transcriptions, exports, translation tasks and orders.

The key travels in an ``Authorization: Bearer`` header to the API only: never
to the signed S3 URLs (an upload or an export's download link), which carry
their own signature.
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from ..errors import FetchError, OptionError
from ..model import Transcript
from . import values as v
from ._client import ProviderClient, State, check_id
from .http import Call, ProgressCallback, file_chunks, parse_json
from .poll import PollOptions

DEFAULT_BASE_URL = "https://www.happyscribe.com/api/v1"
KEY_ENV = "HAPPYSCRIBE_API_KEY"
BASE_URL_ENV = "HAPPYSCRIBE_BASE_URL"
ORGANIZATION_ENV = "HAPPYSCRIBE_ORGANIZATION_ID"
PROVIDER = "HappyScribe"
MAX_PAGES = 10_000
"""A list stops after this many pages (a guard against a server that never ends it)."""

_BCP47 = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\Z")
_LIST_HINT = "check the id with `scribekit happyscribe list`"


# --- validation ------------------------------------------------------------------------------------

def check_language(language: str) -> str:
    code = language.strip()
    if not _BCP47.match(code):
        raise OptionError(f"language {language!r} is not a BCP-47 code", hint="e.g. en-GB, en-US, nl, fr, es")
    return code


def check_translation_target(language: str) -> str:
    return HappyScribeClient.choice("target language", language.strip(), v.HAPPYSCRIBE_TRANSLATION_TARGETS)


def _id(value: str | int | None, what: str = "transcription") -> str:
    return check_id(value, what)


def timestamps_frequency(value: str | float | None) -> str | None:
    """``30``, ``30.0`` or ``"30s"`` -> ``"30s"`` (one of the documented frequencies)."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        text = f"{float(value):g}s"
    else:
        text = str(value).strip().lower()
        text = text if text.endswith("s") else text + "s"
    if text not in v.HAPPYSCRIBE_TIMESTAMPS_FREQUENCIES:
        raise OptionError(f"timestamps frequency {value!r} is not one HappyScribe takes",
                          hint="one of: " + ", ".join(v.HAPPYSCRIBE_TIMESTAMPS_FREQUENCIES))
    return text


def export_body(transcription_ids: list[str], format: str, *, show_timestamps: bool | None = None,
                timestamps_frequency: str | float | None = None, show_speakers: bool | None = None,
                show_comments: bool | None = None, show_highlights: bool | None = None,
                show_highlights_only: bool | None = None) -> dict[str, Any]:
    """The JSON of ``POST /exports``, checked: each flag only for the formats that take it."""
    fmt = HappyScribeClient.choice("export format", format, v.HAPPYSCRIBE_EXPORT_FORMATS)
    if not transcription_ids:
        raise OptionError("an export needs at least one transcription id")
    body: dict[str, Any] = {"format": fmt, "transcription_ids": [_id(i) for i in transcription_ids]}
    flags = {"show_timestamps": show_timestamps, "show_speakers": show_speakers, "show_comments": show_comments,
             "show_highlights": show_highlights, "show_highlights_only": show_highlights_only}
    for name, value in flags.items():
        if value is None:
            continue
        takes = v.HAPPYSCRIBE_EXPORT_FLAG_FORMATS[name]
        if value and fmt not in takes:
            raise OptionError(f"HappyScribe's {name} is for {', '.join(takes)} exports, not {fmt}")
        body[name] = bool(value)
    frequency = _frequency(timestamps_frequency)
    if frequency is not None:
        body["timestamps_frequency"] = frequency
    return body


_frequency = timestamps_frequency


def transcription_body(*, name: str, language: str, tmp_url: str, organization_id: str | int,
                       is_subtitle: bool | None = None, service: str | None = None, folder: str | None = None,
                       folder_id: str | int | None = None, document_url: str | None = None,
                       sharing_enabled: bool | None = None, tags: list[str] | None = None) -> dict[str, Any]:
    """The JSON of ``POST /transcriptions``, checked."""
    if not name.strip():
        raise OptionError("a transcription needs a name")
    if urlsplit(tmp_url).scheme not in ("http", "https"):
        raise OptionError(f"media URL {tmp_url!r} is not an http(s) URL")
    body: dict[str, Any] = {"name": name, "language": check_language(language), "tmp_url": tmp_url,
                            "organization_id": _id(organization_id, "organization")}
    if is_subtitle is not None:
        body["is_subtitle"] = bool(is_subtitle)
    if service is not None:
        body["service"] = HappyScribeClient.choice("service", service, v.HAPPYSCRIBE_SERVICES)
    if body.get("service") == "alignment":
        if not document_url:
            raise OptionError("the alignment service needs a document URL (the text to align)",
                              hint="pass document_url=")
    elif document_url is not None:
        raise OptionError("a document URL is for the alignment service only", hint='pass service="alignment"')
    if document_url is not None:
        if urlsplit(document_url).scheme not in ("http", "https"):
            raise OptionError(f"document URL {document_url!r} is not an http(s) URL")
        body["document_url"] = document_url
    if folder is not None and folder_id is not None:
        raise OptionError("give a folder path or a folder id, not both")
    if folder is not None:
        if not folder.strip("/ "):
            raise OptionError("the folder path is empty")
        body["folder"] = folder.strip("/")
    if folder_id is not None:
        body["folder_id"] = _id(folder_id, "folder")
    if sharing_enabled is not None:
        body["sharing_enabled"] = bool(sharing_enabled)
    if tags:
        body["tags"] = [str(tag) for tag in tags]
    return body


def _object(obj: Any, what: str, key: str = "id") -> dict[str, Any]:
    if isinstance(obj, dict) and key in obj:
        return obj
    raise FetchError(f"{what}: HappyScribe's answer has no {key}", hint="try again; if it persists, report it")


def describe(item: dict[str, Any]) -> str:
    state = str(item.get("state", "?"))
    reason = item.get("failureMessage") or item.get("failureReason")
    return f"{state} ({reason})" if reason and state == "failed" else state


class HappyScribeClient(ProviderClient):
    """HappyScribe's API; the key comes from ``api_key`` or ``HAPPYSCRIBE_API_KEY``.

    >>> t = HappyScribeClient().transcript("TRANSCRIPTION_ID")     # doctest: +SKIP
    """

    PROVIDER = PROVIDER
    KEY_ENV = KEY_ENV
    BASE_URL_ENV = BASE_URL_ENV
    DEFAULT_BASE_URL = DEFAULT_BASE_URL
    EXPORT_FORMAT = "happyscribe-json"
    MAX_MEDIA_BYTES = v.HAPPYSCRIBE_MAX_PUT_BYTES
    MEDIA_LIMIT = "the 5 GB one upload to HappyScribe's storage takes"
    MEDIA_LIMIT_HINT = "put the file online and give its URL instead, or make it smaller"
    SHOWN_CHOICES = 14
    describe = staticmethod(describe)

    def auth_headers(self, key: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {key}", "Accept": "application/json"}

    # -- uploads -------------------------------------------------------------------------------

    def upload_url(self, filename: str) -> str:
        """``GET /uploads/new``: a signed URL to PUT the file to."""
        if not filename or "/" in filename or "\\" in filename:
            raise OptionError(f"{filename!r} is not a file name")
        call = Call(f"a HappyScribe upload URL for {filename}")
        obj = self._json("GET", "/uploads/new", call, params={"filename": filename})
        url = obj.get("signedUrl") if isinstance(obj, dict) else None
        if not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https"):
            raise FetchError(f"{call.what}: HappyScribe's answer holds no signedUrl", hint="try again")
        return url

    def put_file(self, signed_url: str, path: str | os.PathLike[str], *,
                 progress: ProgressCallback | None = None) -> None:
        """PUT the file to a signed S3 URL, streamed from disk (a PUT may be repeated, and is on 5xx)."""
        name = os.fspath(path)
        size = check_media(name)
        call = Call(f"the upload of {os.path.basename(name)} to HappyScribe's storage",
                    not_found_hint="the signed URL is wrong: upload again")

        def body() -> Iterator[bytes]:
            return file_chunks(name, size, progress)

        try:
            self.http.plain("PUT", signed_url, call, body=body, headers={"Content-Length": str(size)})
        except FetchError as exc:
            if getattr(exc, "status", None) == 403:
                exc.hint = "the signed URL was refused or has expired: run the upload again"
            raise

    def upload(self, path: str | os.PathLike[str], *, progress: ProgressCallback | None = None) -> str:
        """Get a signed URL and PUT the file there; the URL to create the transcription with."""
        name = os.fspath(path)
        check_media(name)
        url = self.upload_url(os.path.basename(name))
        self.put_file(url, name, progress=progress)
        return url

    # -- transcriptions ------------------------------------------------------------------------

    def create_transcription(self, *, name: str, language: str, tmp_url: str, organization_id: str | int,
                             is_subtitle: bool | None = None, service: str | None = None, folder: str | None = None,
                             folder_id: str | int | None = None, document_url: str | None = None,
                             sharing_enabled: bool | None = None, tags: list[str] | None = None) -> dict[str, Any]:
        """``POST /transcriptions``: order a transcription of the media at ``tmp_url``."""
        body = transcription_body(name=name, language=language, tmp_url=tmp_url, organization_id=organization_id,
                                  is_subtitle=is_subtitle, service=service, folder=folder, folder_id=folder_id,
                                  document_url=document_url, sharing_enabled=sharing_enabled, tags=tags)
        call = Call(f"the HappyScribe transcription {name!r}",
                    received_hint="see whether it exists with `scribekit happyscribe list` before ordering again")
        return _object(self._json("POST", "/transcriptions", call, json_body={"transcription": body}), call.what)

    def transcribe(self, source: str | os.PathLike[str], *, language: str, organization_id: str | int,
                   name: str | None = None, progress: ProgressCallback | None = None,
                   **options: Any) -> dict[str, Any]:
        """Upload a file (or take a URL) and create its transcription: the new transcription."""
        text = os.fspath(source)
        if urlsplit(text).scheme in ("http", "https"):
            tmp_url = text
            default_name = os.path.basename(urlsplit(text).path) or text
        else:
            # Everything is checked before the file is sent.
            transcription_body(name=name or os.path.basename(text), language=language,
                               tmp_url="https://example.invalid/", organization_id=organization_id, **options)
            tmp_url = self.upload(text, progress=progress)
            default_name = os.path.basename(text)
        return self.create_transcription(name=name or default_name, language=language, tmp_url=tmp_url,
                                         organization_id=organization_id, **options)

    def get(self, transcription_id: str) -> dict[str, Any]:
        """``GET /transcriptions/<ID>``."""
        tid = _id(transcription_id)
        call = Call(f"HappyScribe transcription {tid}", not_found_hint=_LIST_HINT)
        return _object(self._json("GET", f"/transcriptions/{tid}", call), call.what)

    def wait(self, transcription_id: str, options: PollOptions | None = None, *,
             on_change: Callable[[State], None] | None = None) -> State:
        """Poll until ``automatic_done`` (returned); ``failed`` and ``locked`` are errors."""
        tid = _id(transcription_id)

        def final(item: State) -> bool:
            state = item.get("state")
            if state == "failed":
                reason = item.get("failureMessage") or item.get("failureReason") or "no reason given"
                raise FetchError(f"HappyScribe transcription {tid} failed: {reason}",
                                 hint="check the media; create the transcription again once fixed")
            if state == "locked":
                raise FetchError(f"HappyScribe transcription {tid} is locked: not enough credits",
                                 hint=f"top up the account, then `scribekit happyscribe get {tid} --wait`")
            return state in ("automatic_done", "demo")

        return self._poll(lambda: self.get(tid), final, options=options or PollOptions(),
                          what=f"HappyScribe transcription {tid}", on_change=on_change,
                          resume_hint=f"it goes on at HappyScribe: `scribekit happyscribe get {tid} --wait` or "
                                      f"`scribekit happyscribe export {tid} --wait ...` picks it up")

    def list_page(self, organization_id: str | int, *, folder_id: str | int | None = None,
                  tags: list[str] | None = None, page: int | None = None,
                  url: str | None = None) -> tuple[list[dict[str, Any]], str | None]:
        """``GET /transcriptions``: one page and the ``_links.next`` URL (None on the last page).

        ``url``, a ``_links.next`` of an earlier page, is followed on the base URL:
        only its query is taken, so the key never goes to another host.
        """
        call = Call("the list of HappyScribe transcriptions",
                    not_found_hint="check the organization (and folder) id")
        if url is not None:
            params = parse_qsl(urlsplit(url).query, keep_blank_values=True)
        else:
            params = [("organization_id", _id(organization_id, "organization"))]
            if folder_id is not None:
                params.append(("folder_id", _id(folder_id, "folder")))
            if page is not None:
                if isinstance(page, bool) or page < 0:
                    raise OptionError(f"page must be 0 or more, not {page}")
                params.append(("page", str(page)))
            params += [("tags[]", str(tag)) for tag in tags or []]
        obj = self._json("GET", "/transcriptions", call, params=params)
        results = obj.get("results") if isinstance(obj, dict) else None
        if not isinstance(results, list) or not all(isinstance(item, dict) for item in results):
            raise FetchError(f"{call.what}: HappyScribe's answer holds no results", hint="try again")
        links = obj.get("_links") or {}
        following = links.get("next") if isinstance(links, dict) else None
        next_url = following.get("url") if isinstance(following, dict) else following
        return results, next_url if isinstance(next_url, str) and next_url else None

    def iter_transcriptions(self, organization_id: str | int, *, folder_id: str | int | None = None,
                            tags: list[str] | None = None) -> Iterator[dict[str, Any]]:
        """Every transcription, following ``_links.next`` page after page."""
        results, next_url = self.list_page(organization_id, folder_id=folder_id, tags=tags)
        yield from results
        seen: set[str] = set()
        while next_url and next_url not in seen and len(seen) < MAX_PAGES:
            seen.add(next_url)
            results, next_url = self.list_page(organization_id, url=next_url)
            yield from results

    def delete(self, transcription_id: str, *, permanent: bool = False) -> None:
        """``DELETE /transcriptions/<ID>``: to the trash, or for good with ``permanent``.

        A retry that finds it gone counts as done."""
        tid = _id(transcription_id)
        call = Call(f"HappyScribe transcription {tid}", not_found_hint=_LIST_HINT)
        self._delete(f"/transcriptions/{tid}", call, params={"permanent": "true"} if permanent else None)

    # -- exports -------------------------------------------------------------------------------

    def create_export(self, transcription_ids: list[str], format: str, **flags: Any) -> dict[str, Any]:
        """``POST /exports``. Safe to repeat (an export changes nothing and costs nothing), so it is retried."""
        body = export_body(transcription_ids, format, **flags)
        call = Call(f"the {body['format']} export of {_names(body['transcription_ids'])}",
                    not_found_hint=_LIST_HINT, idempotent=True)
        return _object(self._json("POST", "/exports", call, json_body={"export": body}), call.what)

    def get_export(self, export_id: str) -> dict[str, Any]:
        """``GET /exports/<ID>``."""
        eid = _id(export_id, "export")
        call = Call(f"HappyScribe export {eid}", not_found_hint="create the export again")
        return _object(self._json("GET", f"/exports/{eid}", call), call.what)

    def wait_export(self, export_id: str, options: PollOptions | None = None) -> dict[str, Any]:
        """Poll until ``ready`` (returned); ``failed`` and ``expired`` are errors."""
        eid = _id(export_id, "export")

        def final(item: State) -> bool:
            state = item.get("state")
            if state in ("failed", "expired"):
                raise FetchError(f"HappyScribe export {eid} of {_names(item.get('transcription_ids') or [])} "
                                 f"{'failed' if state == 'failed' else 'has expired'}",
                                 hint="export again; check that the transcriptions are done")
            return state == "ready"

        return self._poll(lambda: self.get_export(eid), final,
                          options=options or PollOptions(interval=1.0, max_interval=10.0),
                          what=f"HappyScribe export {eid}",
                          resume_hint=f"its state: `scribekit happyscribe export-status {eid}`")

    def download(self, export: dict[str, Any]) -> bytes:
        """The file of a ready export, from its ``download_link`` (the key is not sent there)."""
        link = export.get("download_link")
        eid = export.get("id", "?")
        if not isinstance(link, str) or urlsplit(link).scheme not in ("http", "https"):
            raise FetchError(f"HappyScribe export {eid} has no download link", hint="wait until it is ready")
        call = Call(f"the download of HappyScribe export {eid}", not_found_hint="the link has expired: export again")
        return self.http.plain("GET", link, call).content

    def export(self, transcription_ids: list[str] | str, format: str, *, poll_options: PollOptions | None = None,
               **flags: Any) -> bytes:
        """Create an export, wait for it, download it: one file, or a zip for several transcriptions."""
        ids = [transcription_ids] if isinstance(transcription_ids, str) else list(transcription_ids)
        created = self.create_export(ids, format, **flags)
        ready = created if created.get("state") == "ready" and created.get("download_link") else \
            self.wait_export(str(created["id"]), poll_options)
        return self.download(ready)

    def transcripts(self, transcription_ids: list[str], *,
                    poll_options: PollOptions | None = None) -> list[Transcript]:
        """Scribekit Transcripts of finished transcriptions (from their JSON export), in order."""
        data = self.export(transcription_ids, "json", poll_options=poll_options)
        return self.read_export(data, f"HappyScribe JSON export of {_names(transcription_ids)}")

    def transcript(self, transcription_id: str, *, poll_options: PollOptions | None = None) -> Transcript:
        """The finished transcription as a scribekit Transcript."""
        return self.transcripts([transcription_id], poll_options=poll_options)[0]

    # -- translation tasks ---------------------------------------------------------------------

    def create_translation(self, source_transcription_id: str, target_language: str) -> dict[str, Any]:
        """``POST /task/transcription_translation``."""
        body = {"source_transcription_id": _id(source_transcription_id),
                "target_language": check_translation_target(target_language)}
        call = Call(f"the translation of HappyScribe transcription {body['source_transcription_id']}",
                    not_found_hint=_LIST_HINT, received_hint="see whether a translated transcription appeared with "
                                                             "`scribekit happyscribe list` before asking again")
        return _object(self._json("POST", "/task/transcription_translation", call, json_body=body), call.what)

    def get_translation(self, task_id: str) -> dict[str, Any]:
        """``GET /task/transcription_translation/<ID>``."""
        tid = _id(task_id, "translation task")
        call = Call(f"HappyScribe translation task {tid}")
        return _object(self._json("GET", f"/task/transcription_translation/{tid}", call), call.what)

    def wait_translation(self, task_id: str, options: PollOptions | None = None) -> dict[str, Any]:
        """Poll until ``done`` (returned: ``translatedTranscriptionId`` names the result); ``failed`` is an error."""
        tid = _id(task_id, "translation task")

        def final(item: State) -> bool:
            if item.get("state") == "failed":
                raise FetchError(f"HappyScribe translation task {tid} failed: "
                                 f"{item.get('failureReason') or 'no reason given'}",
                                 hint="check the source transcription's language and state")
            return item.get("state") == "done"

        return self._poll(lambda: self.get_translation(tid), final,
                          options=options or PollOptions(interval=2.0, max_interval=15.0),
                          what=f"HappyScribe translation task {tid}",
                          resume_hint=f"`scribekit happyscribe translation {tid} --wait` picks it up")

    # -- orders --------------------------------------------------------------------------------

    def create_order(self, source_transcription_id: str, target_languages: list[str], *, service: str = "auto",
                     confirm: bool = False) -> dict[str, Any]:
        """``POST /orders/translation``: a translation order (left ``incomplete`` unless ``confirm``)."""
        if not target_languages:
            raise OptionError("a translation order needs at least one target language")
        body = {"source_transcription_id": _id(source_transcription_id),
                "target_languages": list(dict.fromkeys(check_translation_target(t) for t in target_languages)),
                "service": self.choice("service", service, v.HAPPYSCRIBE_ORDER_SERVICES), "confirm": bool(confirm)}
        call = Call(f"the translation order for HappyScribe transcription {body['source_transcription_id']}",
                    not_found_hint=_LIST_HINT,
                    received_hint="look for the order in HappyScribe before ordering again")
        return _object(self._json("POST", "/orders/translation", call, json_body={"order": body}), call.what)

    def get_order(self, order_id: str) -> dict[str, Any]:
        """``GET /orders/<ID>``."""
        oid = _id(order_id, "order")
        call = Call(f"HappyScribe order {oid}", not_found_hint="check the order id")
        return _object(self._json("GET", f"/orders/{oid}", call), call.what)

    def confirm_order(self, order_id: str) -> dict[str, Any]:
        """``POST /orders/<ID>/confirm``: submit an ``incomplete`` order."""
        oid = _id(order_id, "order")
        call = Call(f"HappyScribe order {oid}", not_found_hint="check the order id",
                    received_hint=f"see its state with `scribekit happyscribe order-status {oid}` before confirming "
                                  "again")
        response = self.http.api("POST", f"/orders/{oid}/confirm", call)
        obj = parse_json(response, call.what, PROVIDER) if response.content.strip() else {"id": oid}
        return obj if isinstance(obj, dict) else {"id": oid}


def _names(ids: list[str]) -> str:
    if len(ids) == 1:
        return f"HappyScribe transcription {ids[0]}"
    shown = ", ".join(ids[:3]) + (", ..." if len(ids) > 3 else "")
    return f"{len(ids)} HappyScribe transcriptions ({shown})"


check_media = HappyScribeClient.check_media


__all__ = ["HappyScribeClient", "DEFAULT_BASE_URL", "export_body", "transcription_body"]
