"""Amberscript's transcription API: upload, status, wait, exports, list, delete, translated subtitles.

Every parameter is checked against the documented value lists before any
request is made. The key travels in the query string (``apiKey``), as the API
wants; ``redact`` hides it in every URL and message scribekit shows.
"""
from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

from ..errors import FetchError, OptionError
from ..model import Transcript
from . import values as v
from ._client import ProviderClient, State, check_id
from .http import Call, ProgressCallback, file_chunks, parse_json
from .poll import PollOptions

DEFAULT_BASE_URL = "https://api.amberscript.com/api"
KEY_ENV = "AMBERSCRIPT_API_KEY"
BASE_URL_ENV = "AMBERSCRIPT_BASE_URL"
PROVIDER = "Amberscript"

_MIME = {"wav": "audio/wav", "mp3": "audio/mpeg", "m4a": "audio/mp4", "aac": "audio/aac", "wma": "audio/x-ms-wma",
         "mov": "video/quicktime", "m4v": "video/x-m4v", "mp4": "video/mp4", "opus": "audio/opus", "ogg": "audio/ogg",
         "flac": "audio/flac"}


# --- validation ------------------------------------------------------------------------------------

def check_language(language: str) -> str:
    code = language.strip().lower()
    if code not in v.AMBERSCRIPT_LANGUAGES:
        near = [c for c in v.AMBERSCRIPT_LANGUAGES if c.split("-")[0] == code.split("-")[0]]
        hint = f"did you mean {' or '.join(near)}?" if near else "`scribekit amberscript languages` lists them"
        raise OptionError(f"language {language!r} is not one Amberscript transcribes", hint=hint)
    return code


def check_target_language(language: str) -> str:
    code = language.strip().lower()
    if code not in v.AMBERSCRIPT_TARGET_LANGUAGES:
        raise OptionError(f"target language {language!r} is not one Amberscript translates to",
                          hint="one of: " + ", ".join(v.AMBERSCRIPT_TARGET_LANGUAGES))
    return code


def check_callback_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise OptionError(f"callback URL {url!r} is not an http(s) URL",
                          hint="Amberscript POSTs the final status there")
    return url


def upload_params(*, language: str = "en", transcription_type: str = "transcription", job_type: str = "direct",
                  number_of_speakers: int | None = None, callback_url: str | None = None,
                  transcription_style: str | None = None, turnaround_time: str | None = None,
                  target_language: str | None = None) -> dict[str, str]:
    """The query parameters of ``/jobs/upload-media``, checked against the documented lists."""
    choice = AmberscriptClient.choice
    params = {
        "language": check_language(language),
        "transcriptionType": choice("transcription type", transcription_type, v.AMBERSCRIPT_TRANSCRIPTION_TYPES),
        "jobType": choice("job type", job_type, v.AMBERSCRIPT_JOB_TYPES),
    }
    if number_of_speakers is not None:
        low, high = v.AMBERSCRIPT_SPEAKERS
        if isinstance(number_of_speakers, bool) or not low <= int(number_of_speakers) <= high:
            raise OptionError(f"number of speakers must be {low} to {high}, not {number_of_speakers}")
        params["numberOfSpeakers"] = str(int(number_of_speakers))
    if callback_url is not None:
        params["callbackUrl"] = check_callback_url(callback_url)
    if transcription_style is not None:
        params["transcriptionStyle"] = choice("transcription style", transcription_style, v.AMBERSCRIPT_STYLES)
    if turnaround_time is not None:
        params["turnaroundTime"] = choice("turnaround time", turnaround_time.upper().replace("-", "_"),
                                          v.AMBERSCRIPT_TURNAROUNDS)
    if target_language is not None:
        params["targetLanguage"] = check_target_language(target_language)
    elif params["transcriptionType"] == "translatedSubtitles":
        raise OptionError("translated subtitles need a target language", hint="pass target_language=")
    return params


def _int_between(name: str, value: int | None, low: int, high: int | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < low or (high is not None and value > high):
        span = f"{low} to {high}" if high is not None else f"at least {low}"
        raise OptionError(f"{name} must be a whole number {span}, not {value!r}")
    return str(value)


def _positive(name: str, value: float | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise OptionError(f"{name} must be a number of seconds above 0, not {value!r}")
    return f"{float(value):g}"


def _flag(value: bool | None) -> str | None:
    return None if value is None else ("true" if value else "false")


def subtitle_params(*, max_chars_per_row: int | None = None, max_number_of_rows: int | None = None,
                    max_screen_time_per_row_seconds: float | None = None) -> dict[str, str | None]:
    """The parameters of ``/jobs/export-srt`` and ``/jobs/export-vtt``."""
    return {"maxCharsPerRow": _int_between("maxCharsPerRow", max_chars_per_row, 30, 45),
            "maxNumberOfRows": _int_between("maxNumberOfRows", max_number_of_rows, 1, 2),
            "maxScreenTimePerRowSeconds": _positive("maxScreenTimePerRowSeconds", max_screen_time_per_row_seconds)}


def _job(obj: Any, what: str) -> dict[str, Any]:
    """The ``jobStatus`` object of an answer (or the answer, when it is the job itself)."""
    if isinstance(obj, dict):
        inner = obj.get("jobStatus", obj)
        if isinstance(inner, dict) and "jobId" in inner:
            return inner
    raise FetchError(f"{what}: Amberscript's answer holds no job status",
                     hint="try again; if it persists, report it with the command you ran")


def describe(job: dict[str, Any]) -> str:
    status = str(job.get("status", "?"))
    if status == "ERROR" and job.get("errorMsg"):
        return f"{status} ({job['errorMsg']})"
    return status


class AmberscriptClient(ProviderClient):
    """Amberscript's API; the key comes from ``api_key`` or ``AMBERSCRIPT_API_KEY``.

    >>> t = AmberscriptClient().transcript("JOB_ID")     # doctest: +SKIP
    """

    PROVIDER = PROVIDER
    KEY_ENV = KEY_ENV
    BASE_URL_ENV = BASE_URL_ENV
    DEFAULT_BASE_URL = DEFAULT_BASE_URL
    EXPORT_FORMAT = "amberscript-json"
    MEDIA_TYPES = v.AMBERSCRIPT_MEDIA_TYPES
    MAX_MEDIA_BYTES = v.AMBERSCRIPT_MAX_BYTES
    MEDIA_LIMIT = "Amberscript's limit of 6 GB"
    MEDIA_LIMIT_HINT = "split the media or lower its bit rate"
    SHOWN_CHOICES = 12
    describe = staticmethod(describe)

    def auth_params(self, key: str) -> dict[str, str]:
        return {"apiKey": key}

    @staticmethod
    def _call(job_id: str, doing: str = "") -> Call:
        return Call(f"Amberscript job {job_id}{doing}",
                    not_found_hint="check the id with `scribekit amberscript list`")

    # -- upload and translation ----------------------------------------------------------------

    def upload(self, path: str | os.PathLike[str], *, language: str = "en", transcription_type: str = "transcription",
               job_type: str = "direct", number_of_speakers: int | None = None, callback_url: str | None = None,
               transcription_style: str | None = None, turnaround_time: str | None = None,
               target_language: str | None = None, progress: ProgressCallback | None = None) -> dict[str, Any]:
        """``POST /jobs/upload-media``: send a media file (streamed from disk); the new job's status."""
        params = upload_params(language=language, transcription_type=transcription_type, job_type=job_type,
                               number_of_speakers=number_of_speakers, callback_url=callback_url,
                               transcription_style=transcription_style, turnaround_time=turnaround_time,
                               target_language=target_language)
        name = os.fspath(path)
        size = check_media(name)
        boundary = "scribekit-" + secrets.token_hex(16)
        filename = os.path.basename(name)
        extension = os.path.splitext(filename)[1].lower().lstrip(".")
        head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
                f"filename=\"{_form_quote(filename)}\"\r\nContent-Type: {_MIME[extension]}\r\n\r\n").encode()
        tail = f"\r\n--{boundary}--\r\n".encode()

        def body() -> Iterator[bytes]:
            return file_chunks(name, size, progress, head=head, tail=tail)

        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}",
                   "Content-Length": str(len(head) + size + len(tail))}
        call = Call(f"the upload of {filename} to Amberscript",
                    received_hint="see whether the job exists with `scribekit amberscript list` before uploading "
                                  "again")
        return _job(self._json("POST", "/jobs/upload-media", call, params=params, body=body, headers=headers),
                    call.what)

    def translate(self, source_job_id: str, target_language: str, *, turnaround_time: str | None = None,
                  callback_url: str | None = None) -> dict[str, Any]:
        """``POST /jobs/translatedSubtitles``: translated subtitles of a finished manual captions job."""
        params = {"sourceJobId": _job_id(source_job_id), "targetLanguage": check_target_language(target_language)}
        if turnaround_time is not None:
            params["turnaroundTime"] = self.choice("turnaround time", turnaround_time.upper().replace("-", "_"),
                                                   v.AMBERSCRIPT_TURNAROUNDS)
        if callback_url is not None:
            params["callbackUrl"] = check_callback_url(callback_url)
        call = self._call(source_job_id, " (translated subtitles)")
        call.received_hint = "see whether the translation job exists with `scribekit amberscript list` first"
        return _job(self._json("POST", "/jobs/translatedSubtitles", call, params=params), call.what)

    # -- status, wait, list, delete ------------------------------------------------------------

    def status(self, job_id: str) -> dict[str, Any]:
        """``GET /jobs/status``: the job's status (``status`` OPEN, DONE or ERROR with ``errorMsg``)."""
        call = self._call(job_id)
        return _job(self._json("GET", "/jobs/status", call, params={"jobId": _job_id(job_id)}), call.what)

    def wait(self, job_id: str, options: PollOptions | None = None, *,
             on_change: Callable[[State], None] | None = None) -> State:
        """Poll the status until DONE (returned) or ERROR (a FetchError with its errorMsg)."""

        def final(job: State) -> bool:
            if job.get("status") == "ERROR":
                raise FetchError(f"Amberscript job {job_id} failed: {job.get('errorMsg') or 'no reason given'}",
                                 hint="check the media file; upload it again once fixed")
            return job.get("status") == "DONE"

        return self._poll(lambda: self.status(job_id), final, options=options or PollOptions(),
                          what=f"Amberscript job {job_id}", on_change=on_change,
                          resume_hint=f"it goes on at Amberscript: `scribekit amberscript status {job_id} --wait` or "
                                      f"`scribekit amberscript export {job_id} --wait ...` picks it up")

    def list_jobs(self, *, job_id: str | None = None, job_type: str | None = None, status: str | None = None,
                  transcription_type: str | None = None, page: int | None = None,
                  page_size: int | None = None) -> list[dict[str, Any]]:
        """``GET /jobs``: one page of jobs, filtered."""
        params = self._list_params(job_id=job_id, job_type=job_type, status=status,
                                   transcription_type=transcription_type, page=page, page_size=page_size)
        call = Call("the list of Amberscript jobs")
        obj = self._json("GET", "/jobs", call, params=params)
        if not isinstance(obj, list) or not all(isinstance(item, dict) for item in obj):
            raise FetchError(f"{call.what}: Amberscript's answer is not a list of jobs",
                             hint="try again; if it persists, report it")
        return obj

    def iter_jobs(self, *, job_id: str | None = None, job_type: str | None = None, status: str | None = None,
                  transcription_type: str | None = None, page_size: int = v.AMBERSCRIPT_MAX_PAGE_SIZE,
                  start_page: int = 0) -> Iterator[dict[str, Any]]:
        """Every job, page after page, until a page comes back short."""
        page = start_page
        while True:
            jobs = self.list_jobs(job_id=job_id, job_type=job_type, status=status,
                                  transcription_type=transcription_type, page=page, page_size=page_size)
            yield from jobs
            if len(jobs) < page_size:
                return
            page += 1

    @staticmethod
    def _list_params(*, job_id: str | None, job_type: str | None, status: str | None,
                     transcription_type: str | None, page: int | None, page_size: int | None) -> dict[str, Any]:
        choice = AmberscriptClient.choice
        return {
            "jobId": _job_id(job_id) if job_id is not None else None,
            "jobType": choice("job type", job_type, v.AMBERSCRIPT_JOB_TYPES) if job_type else None,
            "status": choice("status", status.upper(), v.AMBERSCRIPT_STATUSES) if status else None,
            "transcriptionType": choice("transcription type", transcription_type,
                                        v.AMBERSCRIPT_TRANSCRIPTION_TYPES) if transcription_type else None,
            "page": _int_between("page", page, 0, None),
            "pageSize": _int_between("page size", page_size, 1, v.AMBERSCRIPT_MAX_PAGE_SIZE),
        }

    def delete(self, job_id: str) -> dict[str, Any]:
        """``DELETE /jobs``: remove the job. A retry that finds it gone counts as done."""
        call = self._call(job_id)
        response = self._delete("/jobs", call, params={"jobId": _job_id(job_id)})
        if response is None:
            return {"message": "Job deleted"}
        obj = parse_json(response, call.what, PROVIDER) if response.content.strip() else {}
        return obj if isinstance(obj, dict) else {"message": str(obj)}

    # -- exports -------------------------------------------------------------------------------

    def export_json(self, job_id: str) -> bytes:
        """``GET /jobs/export-json``: the transcript as Amberscript's JSON, unchanged."""
        return self._export("/jobs/export-json", job_id, {}, "JSON")

    def export_srt(self, job_id: str, *, max_chars_per_row: int | None = None, max_number_of_rows: int | None = None,
                   max_screen_time_per_row_seconds: float | None = None) -> bytes:
        """``GET /jobs/export-srt``."""
        params = subtitle_params(max_chars_per_row=max_chars_per_row, max_number_of_rows=max_number_of_rows,
                                 max_screen_time_per_row_seconds=max_screen_time_per_row_seconds)
        return self._export("/jobs/export-srt", job_id, params, "SRT")

    def export_vtt(self, job_id: str, *, max_chars_per_row: int | None = None, max_number_of_rows: int | None = None,
                   max_screen_time_per_row_seconds: float | None = None) -> bytes:
        """``GET /jobs/export-vtt``."""
        params = subtitle_params(max_chars_per_row=max_chars_per_row, max_number_of_rows=max_number_of_rows,
                                 max_screen_time_per_row_seconds=max_screen_time_per_row_seconds)
        return self._export("/jobs/export-vtt", job_id, params, "VTT")

    def export_txt(self, job_id: str, *, include_timestamps: bool | None = None, include_speakers: bool | None = None,
                   highlights_only: bool | None = None, max_chars_per_row: int | None = None) -> bytes:
        """``GET /jobs/export-txt``."""
        params = {"includeTimestamps": _flag(include_timestamps), "includeSpeakers": _flag(include_speakers),
                  "highlightsOnly": _flag(highlights_only),
                  "maxCharsPerRow": _int_between("maxCharsPerRow", max_chars_per_row, 1, None)}
        return self._export("/jobs/export-txt", job_id, params, "text")

    def export_stl_url(self, job_id: str, *, max_number_of_rows: int | None = None,
                       max_screen_time_per_row_seconds: float | None = None) -> str:
        """``GET /jobs/export-stl``: the signed ``downloadUrl`` of the EBU STL file."""
        params = {"maxNumberOfRows": _int_between("maxNumberOfRows", max_number_of_rows, 1, 2),
                  "maxScreenTimePerRowSeconds": _positive("maxScreenTimePerRowSeconds",
                                                          max_screen_time_per_row_seconds)}
        call = self._call(job_id, " (STL export)")
        obj = self._json("GET", "/jobs/export-stl", call, params={"jobId": _job_id(job_id), **params})
        url = obj.get("downloadUrl") if isinstance(obj, dict) else None
        if not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https"):
            raise FetchError(f"{call.what}: Amberscript's answer holds no downloadUrl", hint="try again later")
        return url

    def export_stl(self, job_id: str, *, max_number_of_rows: int | None = None,
                   max_screen_time_per_row_seconds: float | None = None) -> bytes:
        """The EBU STL file, fetched from its signed ``downloadUrl`` (the key is not sent there)."""
        url = self.export_stl_url(job_id, max_number_of_rows=max_number_of_rows,
                                  max_screen_time_per_row_seconds=max_screen_time_per_row_seconds)
        call = self._call(job_id, " (STL download)")
        call.not_found_hint = "the download link may have expired: export again"
        return self.http.plain("GET", url, call).content

    def export_legacy(self, job_id: str, format: str = "json", *, max_chars_per_subtitle: int | None = None,
                      subtitle_duration_max: int | None = None) -> bytes:
        """The deprecated ``GET /jobs/export`` (json, xml or srt; the srt limits are its own)."""
        fmt = self.choice("export format", format.lower(), ("xml", "json", "srt"))
        if fmt != "srt" and (max_chars_per_subtitle is not None or subtitle_duration_max is not None):
            raise OptionError("maxCharsPerSubtitle and subtitleDurationMax are for srt only")
        params = {"format": fmt,
                  "maxCharsPerSubtitle": _int_between("maxCharsPerSubtitle", max_chars_per_subtitle, 1, None),
                  "subtitleDurationMax": _int_between("subtitleDurationMax", subtitle_duration_max, 1, None)}
        return self._export("/jobs/export", job_id, params, fmt.upper())

    def export(self, job_id: str, format: str, **params: Any) -> bytes:
        """The provider's own export in ``format`` (json, srt, vtt, txt, stl, xml), with its parameters."""
        fmt = self.choice("export format", format.lower(), v.AMBERSCRIPT_EXPORTS)
        if fmt == "xml" or params.get("max_chars_per_subtitle") is not None \
                or params.get("subtitle_duration_max") is not None:
            return self.export_legacy(job_id, fmt, **params)
        method: Callable[..., bytes] = getattr(self, f"export_{fmt}")
        try:
            return method(job_id, **params)
        except TypeError as exc:
            raise OptionError(f"Amberscript's {fmt} export takes no such parameter ({exc})") from None

    def _export(self, path: str, job_id: str, params: dict[str, Any], label: str) -> bytes:
        call = self._call(job_id, f" ({label} export)")
        response = self.http.api("GET", path, call, params={"jobId": _job_id(job_id), **params})
        if not response.content.strip():
            raise FetchError(f"{call.what}: Amberscript sent an empty file",
                             hint=f"see whether it is done: `scribekit amberscript status {job_id}`")
        return response.content

    def transcript(self, job_id: str) -> Transcript:
        """The finished job as a scribekit Transcript (from its JSON export)."""
        return self.read_export(self.export_json(job_id), f"Amberscript job {job_id} (JSON export)")[0]


def _form_quote(filename: str) -> str:
    """A file name inside a quoted multipart header (as browsers write it)."""
    return filename.replace("\\", "\\\\").replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")


def _job_id(job_id: str | None) -> str:
    return check_id(job_id, "job")


check_media = AmberscriptClient.check_media


__all__ = ["AmberscriptClient", "DEFAULT_BASE_URL", "check_language", "check_media", "upload_params"]
