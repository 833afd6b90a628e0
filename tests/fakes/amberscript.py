"""An emulator of Amberscript's API as its documentation describes it (../shared/seeds/amberscript-api.md).

Jobs advance from OPEN to DONE after ``polls_to_done`` status requests; a media
file whose name holds "silence" ends in ERROR with an errorMsg. The key is the
``apiKey`` query parameter. Uploads are multipart, read 1 MiB at a time and
only counted, so a large file costs no memory here either.
"""
from __future__ import annotations

import itertools
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scribekit.fetch import values as v

from .server import App, FakeServer, Request, Response, json_response

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SRT = ("1\n00:00:00,449 --> 00:00:03,769\nHi, welcome to Amber script, in this short\n\n"
       "2\n00:00:03,869 --> 00:00:07,400\nvideo, we would like to show you how\nyou can use Amber script at its full\n")
VTT = "WEBVTT - created by www.amberscript.com\n\n1\n" + SRT.split("\n", 1)[1].replace(",", ".", 2)
TXT = "00:00:00\nSpeaker 1: Hi, welcome to Amber script, in this short video.\n"
XML = ('<?xml version="1.0" encoding="UTF-8"?>\n<AudioDoc name="talk"><SpeakerList><Speaker id="spk1" '
       'name="Speaker 1"/></SpeakerList><SegmentList><SpeechSegment spkid="spk1" stime="0.45" etime="1.08">'
       '<Word stime="0.45" dur="0.63" conf="1.0">Hi</Word></SpeechSegment></SegmentList></AudioDoc>\n')


@dataclass
class Job:
    jobId: str
    created: int
    language: str
    jobType: str
    transcriptionType: str
    filename: str
    size: int = 0
    status: str = "OPEN"
    polls: int = 0
    sourceJobId: str | None = None
    errorMsg: str | None = None
    options: dict[str, str] = field(default_factory=dict)

    def as_status(self) -> dict[str, Any]:
        out: dict[str, Any] = {"jobId": self.jobId, "created": self.created, "language": self.language,
                               "status": self.status, "jobType": self.jobType, "nrAudioSeconds": 59,
                               "transcriptionType": self.transcriptionType, "filename": self.filename}
        if self.sourceJobId:
            out["sourceJobId"] = self.sourceJobId
        if self.errorMsg:
            out["errorMsg"] = self.errorMsg
        return out

    def as_listed(self) -> dict[str, Any]:
        out = self.as_status()
        out["jobOptions"] = {"transcriptionStyle": self.options.get("transcriptionStyle", "cleanread")}
        out["notes"] = None
        return out


def _bad(message: str, status: int = 400) -> Response:
    return json_response({"message": message}, status)


class AmberscriptApp(App):
    def __init__(self, key: str = "amber-secret-key-123", polls_to_done: int = 2) -> None:
        self.key = key
        self.polls_to_done = polls_to_done
        self.jobs: dict[str, Job] = {}
        self.lock = threading.Lock()
        self._ids = itertools.count(1)
        self.server: FakeServer | None = None
        self.export_json = (SAMPLES / "amberscript" / "interview.json").read_bytes()
        self.stl = (SAMPLES / "stl" / "interview.stl").read_bytes()

    def add_job(self, filename: str = "talk.mp3", status: str = "DONE", **fields: Any) -> Job:
        with self.lock:
            n = next(self._ids)
            job = Job(jobId=f"5f686d2d8c996402a02b{n:04x}", created=1600679213751 + n, filename=filename,
                      language=fields.pop("language", "nl"), jobType=fields.pop("jobType", "direct"),
                      transcriptionType=fields.pop("transcriptionType", "transcription"), status=status, **fields)
            self.jobs[job.jobId] = job
        return job

    def handle(self, request: Request) -> Response:
        if not request.path.startswith("/api/"):
            return _bad("Not found", 404)
        if request.param("apiKey") != self.key:
            request.discard()
            return json_response({"message": "Invalid API key"}, 401)
        route = (request.method, request.path[len("/api"):])
        handlers = {
            ("POST", "/jobs/upload-media"): self.upload,
            ("POST", "/jobs/translatedSubtitles"): self.translated,
            ("GET", "/jobs/status"): self.status,
            ("GET", "/jobs"): self.list,
            ("DELETE", "/jobs"): self.delete,
            ("GET", "/jobs/export"): self.export_legacy,
            ("GET", "/jobs/export-json"): self.export,
            ("GET", "/jobs/export-srt"): self.export,
            ("GET", "/jobs/export-vtt"): self.export,
            ("GET", "/jobs/export-txt"): self.export,
            ("GET", "/jobs/export-stl"): self.export,
        }
        handler = handlers.get(route)
        if handler is None:
            return _bad("Not found", 404)
        return handler(request)

    # -- endpoints -----------------------------------------------------------------------------

    def _check(self, request: Request, name: str, allowed: Any, default: str | None = None) -> str | None:
        value = request.param(name, default)
        if value is not None and value not in allowed:
            raise ValueError(f"Invalid value for {name}: {value}")
        return value

    def upload(self, request: Request) -> Response:
        try:
            language = self._check(request, "language", v.AMBERSCRIPT_LANGUAGES, "en")
            ttype = self._check(request, "transcriptionType", v.AMBERSCRIPT_TRANSCRIPTION_TYPES, "transcription")
            jtype = self._check(request, "jobType", v.AMBERSCRIPT_JOB_TYPES, "direct")
            self._check(request, "numberOfSpeakers", ("1", "2", "3", "4", "5"))
            self._check(request, "transcriptionStyle", v.AMBERSCRIPT_STYLES)
            self._check(request, "turnaroundTime", v.AMBERSCRIPT_TURNAROUNDS)
            self._check(request, "targetLanguage", v.AMBERSCRIPT_TARGET_LANGUAGES)
        except ValueError as exc:
            return _bad(str(exc))
        if request.length is None:
            return _bad("Content-Length required", 411)
        match = re.search(r"boundary=([^;]+)", request.headers.get("content-type", ""))
        if not request.headers.get("content-type", "").startswith("multipart/form-data") or not match:
            return _bad("Expected multipart/form-data")
        boundary = match.group(1).strip('"').encode()
        head = b""
        size = 0
        tail = b""
        for chunk in request.chunks():
            if len(head) < 4096 and b"\r\n\r\n" not in head:
                head += chunk
                if b"\r\n\r\n" in head:
                    head, rest = head.split(b"\r\n\r\n", 1)
                    head += b"\r\n\r\n"
                    chunk = rest
                else:
                    continue
            size += len(chunk)
            tail = (tail + chunk)[-256:]
        closing = b"\r\n--" + boundary + b"--\r\n"
        if not head.startswith(b"--" + boundary + b"\r\n") or not tail.endswith(closing):
            return _bad("Malformed multipart body")
        size -= len(closing)
        name = re.search(rb'name="file"; filename="([^"]*)"', head)
        if name is None:
            return _bad("No file part")
        filename = name.group(1).decode()
        extension = filename.rsplit(".", 1)[-1].lower()
        if extension not in v.AMBERSCRIPT_MEDIA_TYPES:
            return _bad(f"Unsupported file type: {extension}")
        job = self.add_job(filename, status="OPEN", language=language, jobType=jtype, transcriptionType=ttype,
                           size=size, options={k: val for k, val in request.query if k != "apiKey"})
        if "silence" in filename:
            job.errorMsg = "No speech was detected in the audio"
        return json_response({"jobStatus": job.as_status()})

    def translated(self, request: Request) -> Response:
        source = self.jobs.get(request.param("sourceJobId") or "")
        if source is None:
            return _bad("Source job not found", 404)
        target = request.param("targetLanguage")
        if target not in v.AMBERSCRIPT_TARGET_LANGUAGES:
            return _bad(f"Invalid value for targetLanguage: {target}")
        if source.status != "DONE":
            return _bad("Source job is not finished", 422)
        job = self.add_job(source.filename, status="OPEN", language=target, jobType="perfect",
                           transcriptionType="translatedSubtitles", sourceJobId=source.jobId)
        return json_response({"jobStatus": job.as_status()})

    def _job(self, request: Request) -> Job | Response:
        job = self.jobs.get(request.param("jobId") or "")
        if job is None:
            return _bad("Job not found", 404)
        return job

    def status(self, request: Request) -> Response:
        job = self._job(request)
        if isinstance(job, Response):
            return job
        with self.lock:
            job.polls += 1
            if job.status == "OPEN" and job.polls >= self.polls_to_done:
                job.status = "ERROR" if job.errorMsg else "DONE"
        return json_response({"jobStatus": job.as_status()})

    def list(self, request: Request) -> Response:
        try:
            page = int(request.param("page", "0") or 0)
            size = int(request.param("pageSize", "20") or 20)
        except ValueError:
            return _bad("page and pageSize must be numbers")
        if size < 1 or size > 100:
            return _bad("pageSize must be between 1 and 100")
        jobs = sorted(self.jobs.values(), key=lambda j: -j.created)
        for name in ("jobId", "jobType", "status", "transcriptionType"):
            wanted = request.param(name)
            if wanted is not None:
                jobs = [j for j in jobs if getattr(j, name) == wanted]
        return json_response([j.as_listed() for j in jobs[page * size:(page + 1) * size]])

    def delete(self, request: Request) -> Response:
        job = self._job(request)
        if isinstance(job, Response):
            return job
        with self.lock:
            self.jobs.pop(job.jobId, None)
        return json_response({"message": "Job deleted"})

    def export(self, request: Request) -> Response:
        job = self._job(request)
        if isinstance(job, Response):
            return job
        if job.status != "DONE":
            return _bad(f"Job is not finished (status {job.status})", 422)
        kind = request.path.rsplit("-", 1)[1]
        rows = request.param("maxNumberOfRows")
        if rows is not None and rows not in ("1", "2"):
            return _bad("maxNumberOfRows must be 1 or 2")
        if kind in ("srt", "vtt"):
            chars = request.param("maxCharsPerRow")
            if chars is not None and not (chars.isdigit() and 30 <= int(chars) <= 45):
                return _bad("maxCharsPerRow must be between 30 and 45")
            return Response(200, (SRT if kind == "srt" else VTT).encode(), {"Content-Type": "text/plain"})
        if kind == "txt":
            return Response(200, TXT.encode(), {"Content-Type": "text/plain"})
        if kind == "json":
            return Response(200, self.export_json, {"Content-Type": "application/json"})
        assert self.server is not None
        key = f"ebu-stl/{job.jobId}-{time.time_ns()}.stl"
        self.server.put_object(key, self.stl)
        return json_response({"downloadUrl": self.server.sign("GET", key)})

    def export_legacy(self, request: Request) -> Response:
        job = self._job(request)
        if isinstance(job, Response):
            return job
        if job.status != "DONE":
            return _bad("Job is not finished", 422)
        fmt = request.param("format", "json")
        if fmt == "json":
            return Response(200, (SAMPLES / "amberscript" / "interview-deprecated.json").read_bytes(),
                            {"Content-Type": "application/json"})
        if fmt == "xml":
            return Response(200, XML.encode(), {"Content-Type": "application/xml"})
        if fmt == "srt":
            return Response(200, SRT.encode(), {"Content-Type": "text/plain"})
        return _bad(f"Invalid format: {fmt}")


def start(**kwargs: Any) -> tuple[FakeServer, AmberscriptApp]:
    app = AmberscriptApp(**kwargs)
    server = FakeServer(app).start()
    app.server = server
    return server, app
