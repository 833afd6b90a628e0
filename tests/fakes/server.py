"""A real HTTP server on 127.0.0.1 for the provider emulators: request log, injected faults,
and S3-style signed URLs (PUT uploads, GET downloads).

Each emulator is an ``App`` whose ``handle(request)`` returns a ``Response``; the
server runs it in a thread per connection (``ThreadingHTTPServer``, HTTP/1.1
keep-alive). Faults are injected per method and path pattern:

    server.fault("GET", r"/jobs/status", "status", code=503)         # the next matching request gets a 503
    server.fault("POST", r"/exports", "status", code=429, headers={"Retry-After": "1"}, times=2)
    server.fault("GET", r"/jobs", "drop")                            # connection closed, no answer
    server.fault("GET", r"/jobs", "slow", seconds=0.5)               # answer after a pause
    server.fault("GET", r"/jobs", "malformed")                       # 200 with broken JSON
    server.fault("DELETE", r"/jobs", "lost")                         # acted on, the answer never comes
"""
from __future__ import annotations

import hashlib
import hmac
import json
import re
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

CHUNK = 1 << 20
KEEP_BYTES = 16 << 20
"""Uploaded objects up to this size are kept whole; larger ones only counted (bounded memory)."""


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


def json_response(obj: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(status, json.dumps(obj).encode(), {"Content-Type": "application/json", **(headers or {})})


@dataclass
class Logged:
    method: str
    path: str
    query: list[tuple[str, str]]
    headers: dict[str, str]
    body_bytes: int = 0
    json: Any = None

    def param(self, name: str) -> str | None:
        return next((v for k, v in self.query if k == name), None)

    def params(self, name: str) -> list[str]:
        return [v for k, v in self.query if k == name]


class Request:
    def __init__(self, handler: BaseHTTPRequestHandler, server: FakeServer) -> None:
        self.handler = handler
        self.server = server
        parts = urlsplit(handler.path)
        self.method = handler.command
        self.path = parts.path
        self.query = parse_qsl(parts.query, keep_blank_values=True)
        self.headers = {k.lower(): v for k, v in handler.headers.items()}
        length = self.headers.get("content-length")
        self.length = int(length) if length is not None and length.isdigit() else None
        self.remaining = self.length or 0
        self.consumed = 0
        self.logged = Logged(self.method, self.path, self.query, self.headers)

    def param(self, name: str, default: str | None = None) -> str | None:
        return next((v for k, v in self.query if k == name), default)

    def params(self, name: str) -> list[str]:
        return [v for k, v in self.query if k == name]

    def chunks(self) -> Any:
        while self.remaining > 0:
            chunk = self.handler.rfile.read(min(CHUNK, self.remaining))
            if not chunk:
                raise ConnectionError("client went away")
            self.remaining -= len(chunk)
            self.consumed += len(chunk)
            self.logged.body_bytes = self.consumed
            yield chunk

    def body(self) -> bytes:
        return b"".join(self.chunks())

    def json(self) -> Any:
        raw = self.body()
        try:
            self.logged.json = json.loads(raw) if raw else None
        except ValueError:
            self.logged.json = None
            raise
        return self.logged.json

    def discard(self) -> None:
        for _ in self.chunks():
            pass


@dataclass
class Fault:
    method: str
    pattern: re.Pattern[str]
    kind: str
    times: int
    code: int = 503
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    seconds: float = 0.0


class App:
    """An emulator: ``handle`` answers the requests the S3 part does not."""

    def handle(self, request: Request) -> Response:  # pragma: no cover - overridden
        raise NotImplementedError


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def _serve(self) -> None:
        fake = self.server.fake
        request = Request(self, fake)
        with fake.lock:
            fake.log.append(request.logged)
        try:
            fault = fake.take_fault(request.method, request.path)
            if fault is not None and fault.kind == "drop":
                request.discard()
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            if fault is not None and fault.kind == "lost":  # acted on, then the answer is lost on the way
                fake.app.handle(request)
                request.discard()
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            if fault is not None and fault.kind == "slow":
                time.sleep(fault.seconds)
                fault = None
            if fault is not None:
                request.discard()
                if fault.kind == "malformed":
                    response = Response(200, b'{"jobStatus": {"jobId": "x", "stat',
                                        {"Content-Type": "application/json"})
                else:
                    response = Response(fault.code, fault.body or json.dumps({"message": "injected"}).encode(),
                                        {"Content-Type": "application/json", **fault.headers})
            elif request.path.startswith("/s3/"):
                response = fake.s3(request)
            else:
                response = fake.app.handle(request)
            request.discard()
            self._write(response)
        except (BrokenPipeError, ConnectionError):
            self.close_connection = True

    def _write(self, response: Response) -> None:
        self.send_response(response.status)
        headers = {"Content-Length": str(len(response.body)), **response.headers}
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(response.body)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _serve


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    fake: FakeServer

    def handle_error(self, request: Any, client_address: Any) -> None:  # a client that went away: not our error
        pass


class FakeServer:
    def __init__(self, app: App) -> None:
        self.app = app
        self.lock = threading.Lock()
        self.log: list[Logged] = []
        self.faults: list[Fault] = []
        self.objects: dict[str, dict[str, Any]] = {}
        self.secret = b"fake-s3-secret"
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.fake = self
        self.port = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.01},
                                        daemon=True)

    def start(self) -> FakeServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    # -- faults ------------------------------------------------------------------------------------

    def fault(self, method: str, pattern: str, kind: str, *, times: int = 1, code: int = 503,
              headers: dict[str, str] | None = None, body: Any = None, seconds: float = 0.0) -> None:
        raw = body if isinstance(body, bytes) else (json.dumps(body).encode() if body is not None else b"")
        with self.lock:
            self.faults.append(Fault(method, re.compile(pattern), kind, times, code, headers or {}, raw, seconds))

    def take_fault(self, method: str, path: str) -> Fault | None:
        with self.lock:
            for fault in self.faults:
                if fault.method == method and fault.pattern.search(path) and fault.times > 0:
                    fault.times -= 1
                    return fault
        return None

    def requests(self, method: str | None = None, pattern: str | None = None) -> list[Logged]:
        with self.lock:
            return [r for r in self.log if (method is None or r.method == method)
                    and (pattern is None or re.search(pattern, r.path))]

    # -- S3-style signed URLs ----------------------------------------------------------------------

    def sign(self, method: str, key: str, expires_in: int = 3600) -> str:
        expires = str(int(time.time()) + expires_in)
        path = f"/s3/bucket/{key}"
        signature = hmac.new(self.secret, f"{method}\n{path}\n{expires}".encode(), hashlib.sha256).hexdigest()
        query = urlencode({"X-Amz-Algorithm": "AWS4-HMAC-SHA256", "X-Amz-Credential": "AKIAFAKE/eu-west-1/s3",
                           "X-Amz-Expires": expires, "X-Amz-SignedHeaders": "host", "X-Amz-Signature": signature})
        return f"{self.url}{path}?{query}"

    def put_object(self, key: str, data: bytes) -> None:
        with self.lock:
            self.objects[key] = {"size": len(data), "data": data}

    def s3(self, request: Request) -> Response:
        def error(status: int, code: str, message: str) -> Response:
            body = f"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{message}" \
                   f"</Message></Error>"
            return Response(status, body.encode(), {"Content-Type": "application/xml"})

        expires = request.param("X-Amz-Expires") or ""
        signature = request.param("X-Amz-Signature") or ""
        expected = hmac.new(self.secret, f"{request.method}\n{request.path}\n{expires}".encode(),
                            hashlib.sha256).hexdigest()
        if "authorization" in request.headers:
            return error(400, "InvalidArgument", "Only one auth mechanism allowed; only the X-Amz-Algorithm query "
                                                 "parameter, Signature query string parameter or the Authorization "
                                                 "header should be specified")
        if not hmac.compare_digest(signature, expected):
            return error(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the "
                                                       "signature you provided.")
        if not expires.isdigit() or int(expires) < time.time():
            return error(403, "AccessDenied", "Request has expired")
        key = request.path[len("/s3/bucket/"):]
        if request.method == "PUT":
            if request.length is None:
                return error(411, "MissingContentLength", "You must provide the Content-Length HTTP header.")
            kept = bytearray()
            size = 0
            digest = hashlib.md5()
            for chunk in request.chunks():
                size += len(chunk)
                if size <= KEEP_BYTES:
                    kept += chunk
                    digest.update(chunk)
            with self.lock:
                self.objects[key] = {"size": size, "data": bytes(kept) if size <= KEEP_BYTES else None}
            return Response(200, b"", {"ETag": f'"{digest.hexdigest()}"'})
        if request.method == "GET":
            with self.lock:
                stored = self.objects.get(key)
            if stored is None or stored["data"] is None:
                return error(404, "NoSuchKey", "The specified key does not exist.")
            return Response(200, stored["data"], {"Content-Type": "application/octet-stream"})
        return error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.")

    def object_key(self, url: str) -> str | None:
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != self.url or not parts.path.startswith("/s3/bucket/"):
            return None
        return parts.path[len("/s3/bucket/"):]
