"""An emulator of HappyScribe's API as its documentation describes it (../shared/seeds/happyscribe-api.md).

Bearer-key auth; signed S3 URLs for uploads (PUT) and export downloads (GET);
transcriptions advance ingesting -> automatic_transcribing -> automatic_done
one step per retrieval (a name holding "fail" ends failed); exports pending ->
processing -> ready; lists of ``page_size`` with ``_links.next``; translation
tasks and orders. Organization "999" has no credits left (402).
"""
from __future__ import annotations

import io
import itertools
import json
import threading
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from scribekit.fetch import values as v

from .server import App, FakeServer, Request, Response, json_response

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
STATES = ("ingesting", "automatic_transcribing", "automatic_done")


def _error(message: str, status: int = 422) -> Response:
    return json_response({"error": message}, status)


class HappyScribeApp(App):
    def __init__(self, key: str = "hs-secret-key-456", page_size: int = 2) -> None:
        self.key = key
        self.page_size = page_size
        self.next_host: str | None = None
        """When set, ``_links.next`` points to this origin instead of the server's own."""
        self.evil_zip = False
        self.lock = threading.RLock()
        self.ids = itertools.count(1)
        self.transcriptions: dict[str, dict[str, Any]] = {}
        self.exports: dict[str, dict[str, Any]] = {}
        self.tasks: dict[str, dict[str, Any]] = {}
        self.orders: dict[str, dict[str, Any]] = {}
        self.server: FakeServer | None = None
        self.export_json = (SAMPLES / "happyscribe" / "interview.json").read_bytes()

    def _new_id(self, prefix: str) -> str:
        return f"{prefix}{next(self.ids):08x}"

    def add_transcription(self, name: str = "interview.mp3", state: str = "automatic_done", **fields: Any) -> str:
        tid = self._new_id("e458099e7f8da14f")
        with self.lock:
            self.transcriptions[tid] = {
                "id": tid, "name": name, "createdAt": "2024-10-29T14:31:29.799Z",
                "updatedAt": "2024-10-29T14:31:38.495Z", "state": state, "sharingEnabled": False,
                "language": fields.pop("language", "en-GB"), "audioLengthInSeconds": 42, "costInCents": 100,
                "refunded": False, "tags": fields.pop("tags", []), "failureReason": None,
                "organization_id": str(fields.pop("organization_id", "413")),
                "folder_id": fields.pop("folder_id", None),
                "trashed": False, **fields}
        return tid

    def _public(self, item: dict[str, Any]) -> dict[str, Any]:
        assert self.server is not None
        out = {k: val for k, val in item.items() if k not in ("organization_id", "folder_id", "trashed", "tmp_url",
                                                              "polls")}
        out["_links"] = {"self": {"url": f"{self.server.url}/api/v1/transcriptions/{item['id']}"},
                         "editor": {"url": f"{self.server.url}/transcriptions/{item['id']}/edit_v2"}}
        return out

    def handle(self, request: Request) -> Response:
        if not request.path.startswith("/api/v1/"):
            return _error("Not found", 404)
        if request.headers.get("authorization") != f"Bearer {self.key}":
            return json_response({"error": "Unauthorized: invalid API key"}, 401)
        path = request.path[len("/api/v1"):]
        parts = path.strip("/").split("/")
        m = request.method
        try:
            if m == "GET" and path == "/uploads/new":
                return self.upload_url(request)
            if path == "/transcriptions":
                return self.list(request) if m == "GET" else self.create(request) if m == "POST" else \
                    _error("Method not allowed", 405)
            if parts[0] == "transcriptions" and len(parts) == 2:
                return self.get(parts[1]) if m == "GET" else self.delete(request, parts[1]) if m == "DELETE" \
                    else _error("Method not allowed", 405)
            if path == "/exports" and m == "POST":
                return self.create_export(request)
            if parts[0] == "exports" and len(parts) == 2 and m == "GET":
                return self.get_export(parts[1])
            if path == "/task/transcription_translation" and m == "POST":
                return self.create_task(request)
            if parts[:2] == ["task", "transcription_translation"] and len(parts) == 3 and m == "GET":
                return self.get_task(parts[2])
            if path == "/orders/translation" and m == "POST":
                return self.create_order(request)
            if parts[0] == "orders" and len(parts) == 2 and m == "GET":
                return self.get_order(parts[1])
            if parts[0] == "orders" and len(parts) == 3 and parts[2] == "confirm" and m == "POST":
                return self.confirm_order(parts[1])
        except ValueError:
            return _error("Malformed JSON body", 400)
        return _error("Not found", 404)

    # -- uploads and transcriptions ------------------------------------------------------------

    def upload_url(self, request: Request) -> Response:
        filename = request.param("filename")
        if not filename:
            return _error("filename is required")
        assert self.server is not None
        return json_response({"signedUrl": self.server.sign("PUT", f"uploads/{next(self.ids)}/{filename}")})

    def create(self, request: Request) -> Response:
        body = request.json()
        t = body.get("transcription") if isinstance(body, dict) else None
        if not isinstance(t, dict):
            return _error("transcription is required")
        missing = [k for k in ("name", "language", "tmp_url", "organization_id") if not t.get(k)]
        if missing:
            return json_response({"errors": {k: ["can't be blank"] for k in missing}}, 422)
        if str(t["organization_id"]) == "999":
            return _error("Insufficient credits: top up your account", 402)
        if t.get("service", "auto") not in v.HAPPYSCRIBE_SERVICES:
            return _error("service is not valid")
        if t.get("service") == "alignment" and not t.get("document_url"):
            return _error("document_url is required for alignment")
        assert self.server is not None
        key = self.server.object_key(t["tmp_url"])
        if key is not None and key not in self.server.objects:
            return _error("tmp_url: the file could not be retrieved")
        tid = self.add_transcription(t["name"], state="ingesting", language=t["language"], tags=t.get("tags", []),
                                     organization_id=t["organization_id"], folder_id=t.get("folder_id"),
                                     tmp_url=t["tmp_url"], sharingEnabled=bool(t.get("sharing_enabled", False)))
        return json_response(self._public(self.transcriptions[tid]))

    def get(self, tid: str) -> Response:
        item = self.transcriptions.get(tid)
        if item is None or item.get("deleted"):
            return _error("Transcription not found", 404)
        with self.lock:
            if item["state"] in STATES[:-1]:
                if "fail" in item["name"]:
                    item.update(state="failed", failureReason="media_unreadable",
                                failureMessage="The media file could not be read")
                else:
                    item["state"] = STATES[STATES.index(item["state"]) + 1]
        return json_response(self._public(item))

    def delete(self, request: Request, tid: str) -> Response:
        item = self.transcriptions.get(tid)
        if item is None or item.get("deleted") or (item["trashed"] and request.param("permanent") != "true"):
            return _error("Transcription not found", 404)
        with self.lock:
            if request.param("permanent") == "true":
                del self.transcriptions[tid]
            else:
                item["trashed"] = True
        return Response(204)

    def list(self, request: Request) -> Response:
        org = request.param("organization_id")
        if not org:
            return _error("organization_id is required")
        page = int(request.param("page", "1") or 1)
        tags = request.params("tags[]")
        items = [t for t in self.transcriptions.values() if t["organization_id"] == org and not t["trashed"]]
        folder = request.param("folder_id")
        if folder:
            items = [t for t in items if str(t.get("folder_id")) == folder]
        if tags:
            items = [t for t in items if all(tag in t["tags"] for tag in tags)]
        items.sort(key=lambda t: t["id"], reverse=True)
        start = (max(page, 1) - 1) * self.page_size
        chunk = items[start:start + self.page_size]
        out: dict[str, Any] = {"results": [self._public(t) for t in chunk]}
        if start + self.page_size < len(items):
            assert self.server is not None
            query = [(k, val) for k, val in request.query if k != "page"] + [("page", str(page + 1))]
            origin = self.next_host or self.server.url
            out["_links"] = {"next": {"url": f"{origin}/api/v1/transcriptions?{urlencode(query)}"}}
        return json_response(out)

    # -- exports -------------------------------------------------------------------------------

    def create_export(self, request: Request) -> Response:
        body = request.json()
        e = body.get("export") if isinstance(body, dict) else None
        if not isinstance(e, dict) or e.get("format") not in v.HAPPYSCRIBE_EXPORT_FORMATS:
            return _error("format is not valid")
        ids = e.get("transcription_ids") or []
        for tid in ids:
            item = self.transcriptions.get(tid)
            if item is None:
                return _error(f"Transcription {tid} not found", 404)
            if item["state"] != "automatic_done":
                return _error(f"Transcription {tid} is not ready to export")
        eid = self._new_id("exp")
        export = {"id": eid, "state": "pending", "format": e["format"], "transcription_ids": ids,
                  **{k: bool(e.get(k, False)) for k in ("show_timestamps", "show_speakers", "show_comments",
                                                        "show_highlights")}}
        with self.lock:
            self.exports[eid] = export
        return json_response(export)

    def _file(self, export: dict[str, Any]) -> bytes:
        fmt = export["format"]
        ids = export["transcription_ids"]

        def one(tid: str) -> bytes:
            if fmt == "json":
                return self.export_json
            flags = ",".join(k for k in ("show_timestamps", "show_speakers") if export.get(k))
            return f"{fmt} export of {self.transcriptions[tid]['name']} [{flags}]\n".encode()

        if len(ids) == 1 and not self.evil_zip:
            return one(ids[0])
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            extension = v.HAPPYSCRIBE_EXPORT_FORMATS[fmt]
            for n, tid in enumerate(ids):
                stem = self.transcriptions[tid]["name"].rsplit(".", 1)[0]
                archive.writestr(f"{stem}-{n + 1}.{extension}", one(tid))
            if self.evil_zip:
                archive.writestr("../escaped.txt", b"outside")
                archive.writestr("/tmp/absolute.txt", b"absolute")
        return buffer.getvalue()

    def get_export(self, eid: str) -> Response:
        export = self.exports.get(eid)
        if export is None:
            return _error("Export not found", 404)
        with self.lock:
            if export["state"] == "pending":
                export["state"] = "processing"
            elif export["state"] == "processing":
                export["state"] = "ready"
                assert self.server is not None
                extension = "zip" if len(export["transcription_ids"]) > 1 or self.evil_zip else \
                    v.HAPPYSCRIBE_EXPORT_FORMATS[export["format"]]
                key = f"exports/{eid}.{extension}"
                self.server.put_object(key, self._file(export))
                export["download_link"] = self.server.sign("GET", key)
        return json_response(export)

    # -- translation tasks and orders ----------------------------------------------------------

    def create_task(self, request: Request) -> Response:
        body = request.json() or {}
        source = self.transcriptions.get(body.get("source_transcription_id", ""))
        if source is None:
            return _error("Source transcription not found", 404)
        target = body.get("target_language")
        if target not in v.HAPPYSCRIBE_TRANSLATION_TARGETS:
            return _error("target_language is not supported")
        task = {"id": self._new_id("054fe9f3aa0b446b"), "state": "working", "failureReason": None,
                "progressPercent": None, "targetLanguage": target, "source": source["id"], "polls": 0}
        with self.lock:
            self.tasks[task["id"]] = task
        return json_response({k: val for k, val in task.items() if k not in ("source", "polls")})

    def get_task(self, task_id: str) -> Response:
        task = self.tasks.get(task_id)
        if task is None:
            return _error("Task not found", 404)
        with self.lock:
            task["polls"] += 1
            if task["state"] == "working" and task["polls"] >= 2:
                source = self.transcriptions[task["source"]]
                new = self.add_transcription(source["name"], language=task["targetLanguage"],
                                             organization_id=source["organization_id"])
                task.update(state="done", progressPercent=100.0, translatedTranscriptionId=new)
        return json_response({k: val for k, val in task.items() if k not in ("source", "polls")})

    def create_order(self, request: Request) -> Response:
        body = request.json() or {}
        order = body.get("order") if isinstance(body, dict) else None
        if not isinstance(order, dict):
            return _error("order is required")
        source = self.transcriptions.get(order.get("source_transcription_id", ""))
        if source is None:
            return _error("Source transcription not found", 404)
        targets = order.get("target_languages") or []
        if not targets or any(t not in v.HAPPYSCRIBE_TRANSLATION_TARGETS for t in targets):
            return _error("target_languages is not valid")
        service = order.get("service", "auto")
        oid = self._new_id("7cb8b631b14342da")
        record = {"id": oid, "folder_id": 1, "state": "submitted" if order.get("confirm") else "incomplete",
                  "operations": [{"name": "transcription_translation", "type": service, "language": source["language"],
                                  "target_language": t, "glossary_ids": []} for t in targets],
                  "details": {"total_cents": 57 * len(targets), "currency": "usd", "currency_symbol": "$"},
                  "inputs": [{"transcription_id": source["id"]}], "canBeSubmitted": not order.get("confirm"),
                  "outputsCount": 0}
        with self.lock:
            self.orders[oid] = record
        return json_response(record)

    def get_order(self, oid: str) -> Response:
        order = self.orders.get(oid)
        return json_response(order) if order else _error("Order not found", 404)

    def confirm_order(self, oid: str) -> Response:
        order = self.orders.get(oid)
        if order is None:
            return _error("Order not found", 404)
        if order["state"] != "incomplete":
            return _error(f"Order cannot be confirmed in state {order['state']}")
        order.update(state="submitted", canBeSubmitted=False)
        return json_response(order)


def start(**kwargs: Any) -> tuple[FakeServer, HappyScribeApp]:
    app = HappyScribeApp(**kwargs)
    server = FakeServer(app).start()
    app.server = server
    return server, app


def export_zip_members(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.namelist()


__all__ = ["HappyScribeApp", "start", "export_zip_members", "json"]
