"""The HTTP layer both provider clients share (httpx).

- explicit connect/read/write/pool timeouts; TLS verification always on; a
  User-Agent naming scribekit and its version; a plain-http base URL only on
  the loopback (a key never travels in clear to another host);
- retries: a 429 is waited out as the answer says (``Retry-After``, or
  HappyScribe's ``retry_in_seconds``) and resent, whatever the method, since
  the server did not act on it; a 5xx, a timeout or a dropped connection is
  retried with exponential backoff and jitter only for requests that are safe
  to repeat (GET, PUT, DELETE, and the calls a client marks safe); a request
  that never reached the server (connection refused) is retried always; a
  POST that may have been received is never resent;
- every error becomes one line naming the job and what to do (``ApiError``,
  ``FetchError``);
- secrets (the API key, S3 signatures) never appear in a message, an
  exception or a log record: ``redact`` rewrites them, and a filter on the
  httpx and httpcore loggers applies it to every record they emit.
"""
from __future__ import annotations

import email.utils
import ipaddress
import json
import logging
import os
import random
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx

from .. import __version__
from ..errors import ApiError, FetchError, MissingKeyError, OptionError

USER_AGENT = f"scribekit/{__version__} (+https://pypi.org/project/scribekit/) httpx/{httpx.__version__}"
CHUNK = 1 << 20
"""Uploads are read and sent 1 MiB at a time."""

ProgressCallback = Callable[[int, int], None]
"""``progress(bytes_sent, bytes_total)``."""

# --- redaction ------------------------------------------------------------------------------------

_SECRETS: set[str] = set()
_SECRET_PARAMS = re.compile(
    r"((?:api[_-]?key|access[_-]?token|token|x-amz-signature|x-amz-credential|x-amz-security-token|signature)"
    r"=)[^&\s\"'<>#]+", re.IGNORECASE)
_BEARER = re.compile(r"(Bearer\s+)[^\s\"',]+", re.IGNORECASE)
REDACTED = "***"


def remember_secret(secret: str) -> None:
    """Make ``redact`` hide ``secret`` wherever it appears from now on."""
    if secret and len(secret) >= 4:
        _SECRETS.add(secret)


def redact(text: str) -> str:
    """``text`` without any remembered secret, API key parameter, bearer token or S3 signature."""
    for secret in sorted(_SECRETS, key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    text = _SECRET_PARAMS.sub(lambda m: m.group(1) + REDACTED, text)
    return _BEARER.sub(lambda m: m.group(1) + REDACTED, text)


class _RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: leave it to logging to report
            return True
        record.msg = redact(message)
        record.args = None
        return True


for _name in ("httpx", "httpcore"):
    _logger = logging.getLogger(_name)
    if not any(isinstance(f, _RedactingFilter) for f in _logger.filters):
        _logger.addFilter(_RedactingFilter())


# --- settings -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class HttpSettings:
    connect_timeout: float = 10.0
    read_timeout: float = 60.0
    """Seconds without a byte from the server before a request counts as timed out."""
    write_timeout: float = 60.0
    retries: int = 4
    """Tries after the first for a request that may be repeated."""
    backoff: float = 0.5
    """Seconds before the first retry; doubled each time, with jitter."""
    max_backoff: float = 30.0
    max_retry_after: float = 300.0
    """A 429 asking for a longer wait than this is reported instead of waited out."""

    def __post_init__(self) -> None:
        if self.retries < 0:
            raise OptionError(f"retries must be 0 or more, not {self.retries}")
        for name in ("connect_timeout", "read_timeout", "write_timeout"):
            if getattr(self, name) <= 0:
                raise OptionError(f"{name.replace('_', ' ')} must be more than 0 seconds")


def api_key(given: str | None, env_var: str, provider: str) -> str:
    """The key from the flag, else from the environment; never echoed anywhere."""
    key = (given if given is not None else os.environ.get(env_var, "")).strip()
    if not key:
        raise MissingKeyError(f"no {provider} API key", hint=f"set {env_var} or pass api_key=")
    remember_secret(key)
    return key


def base_url(given: str | None, env_var: str, default: str) -> str:
    url = (given or os.environ.get(env_var) or default).strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise OptionError(f"base URL {redact(url)!r} is not an http(s) URL", hint=f"check base_url= or {env_var}")
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise OptionError(f"refusing to send the API key in clear to {parts.hostname} (plain http)",
                          hint="use an https:// base URL")
    if parts.query or parts.fragment:
        raise OptionError("the base URL takes no query or fragment", hint=f"check base_url= or {env_var}")
    return url


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


# --- bodies ---------------------------------------------------------------------------------------

def file_chunks(path: str, size: int, progress: ProgressCallback | None, *, head: bytes = b"",
                tail: bytes = b"") -> Iterator[bytes]:
    """``head``, the first ``size`` bytes of the file read 1 MiB at a time, ``tail``; progress as it goes.

    The file is opened when the first chunk is asked for, so that a retry gets a fresh
    reader; it is an error for it to shrink meanwhile.
    """
    total = len(head) + size + len(tail)
    sent = 0
    if head:
        yield head
        sent += len(head)
    with open(path, "rb") as handle:
        remaining = size
        while remaining:
            chunk = handle.read(min(CHUNK, remaining))
            if not chunk:
                raise FetchError(f"{os.path.basename(path)} became shorter while it was being sent",
                                 hint="send it again once it is no longer being written")
            remaining -= len(chunk)
            sent += len(chunk)
            yield chunk
            if progress is not None:
                progress(sent, total)
    if tail:
        yield tail
        sent += len(tail)
    if progress is not None:
        progress(sent, total)


# --- answers --------------------------------------------------------------------------------------

def error_text(response: httpx.Response) -> str:
    """The message in an error body (JSON, S3's XML, or short plain text), redacted, one line."""
    body = response.content[:20000]
    text = ""
    try:
        obj = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        obj = None
    if obj is not None:
        text = _json_message(obj)
    else:
        decoded = body.decode("utf-8", "replace")
        code = re.search(r"<Code>([^<]*)</Code>", decoded)
        message = re.search(r"<Message>([^<]*)</Message>", decoded)
        if code or message:
            text = ": ".join(m.group(1).strip() for m in (code, message) if m)
        elif decoded.strip() and "<html" not in decoded[:500].lower():
            text = decoded.strip()
    text = " ".join(text.split())
    if len(text) > 200:
        text = text[:197] + "..."
    return redact(text)


def _json_message(obj: Any) -> str:
    if isinstance(obj, str):
        return obj
    if isinstance(obj, list):
        return "; ".join(_json_message(item) for item in obj[:5] if _json_message(item))
    if isinstance(obj, dict):
        for key in ("message", "error_description", "errorMsg", "failureMessage", "error", "errors", "detail",
                    "title", "reason"):
            value = obj.get(key)
            if value in (None, "", [], {}):
                continue
            if key == "errors" and isinstance(value, dict):
                return "; ".join(f"{field} {_json_message(v)}" for field, v in list(value.items())[:5])
            return _json_message(value)
    return ""


def parse_json(response: httpx.Response, what: str, provider: str) -> Any:
    try:
        return json.loads(response.content)
    except (ValueError, UnicodeDecodeError) as exc:
        reason = "an empty answer" if not response.content.strip() else f"malformed JSON ({exc})"
        raise FetchError(f"{what}: {provider} sent {redact(reason)}",
                         hint="try again; if it persists, something between you and the service "
                              "(a proxy?) is answering instead") from None


def retry_after(response: httpx.Response) -> float | None:
    """Seconds to wait, from ``Retry-After`` (seconds or a date) or a JSON ``retry_in_seconds``."""
    header = response.headers.get("retry-after")
    if header:
        header = header.strip()
        try:
            return max(0.0, float(header))
        except ValueError:
            try:
                when = email.utils.parsedate_to_datetime(header)
            except (TypeError, ValueError):
                when = None
            if when is not None:
                return max(0.0, when.timestamp() - time.time())
    try:
        obj = json.loads(response.content)
    except (ValueError, UnicodeDecodeError):
        return None
    if isinstance(obj, dict):
        value = obj.get("retry_in_seconds", obj.get("retryInSeconds"))
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
            return float(value)
    return None


_RETRY_STATUSES = {500, 502, 503, 504}


@dataclass
class Call:
    """What a request is for, to name it in errors."""

    what: str
    """e.g. "Amberscript job 5f68..." or "the upload of talk.mp3"."""
    not_found_hint: str | None = None
    idempotent: bool | None = None
    """None: from the method (GET, HEAD, PUT, DELETE are)."""
    received_hint: str | None = None
    """What to do when a request that is not repeated may have been received."""


class Http:
    """One httpx client, the retry rules and the error messages, for one provider."""

    def __init__(self, provider: str, base: str, *, key_env: str, settings: HttpSettings | None = None,
                 headers: dict[str, str] | None = None, params: dict[str, str] | None = None,
                 transport: httpx.BaseTransport | None = None, sleep: Callable[[float], None] = time.sleep) -> None:
        self.provider = provider
        self.base = base
        self.key_env = key_env
        self.settings = settings or HttpSettings()
        self.auth_params = params or {}
        self.sleep = sleep
        self.waits: list[float] = []
        """Every pause taken before a retry (seconds): for tests and the curious."""
        s = self.settings
        self._client = httpx.Client(
            timeout=httpx.Timeout(connect=s.connect_timeout, read=s.read_timeout, write=s.write_timeout,
                                  pool=s.connect_timeout),
            verify=True, follow_redirects=False, transport=transport, trust_env=True,
            headers={"User-Agent": USER_AGENT, **(headers or {})})
        # Signed URLs (S3 uploads and downloads) get a client of their own: no key, redirects followed.
        self._plain = httpx.Client(
            timeout=httpx.Timeout(connect=s.connect_timeout, read=s.read_timeout, write=s.write_timeout,
                                  pool=s.connect_timeout),
            verify=True, follow_redirects=True, transport=transport, trust_env=True,
            headers={"User-Agent": USER_AGENT})

    def close(self) -> None:
        self._client.close()
        self._plain.close()

    def same_origin(self, url: str) -> bool:
        a, b = urlsplit(url), urlsplit(self.base)
        return (a.scheme, a.hostname, a.port) == (b.scheme, b.hostname, b.port)

    # -- requests ------------------------------------------------------------------------------

    def api(self, method: str, path: str, call: Call, *,
            params: dict[str, Any] | list[tuple[str, str]] | None = None, json_body: Any = None,
            body: Callable[[], Iterator[bytes]] | None = None, headers: dict[str, str] | None = None) -> httpx.Response:
        """A request to the API (the key added); ``path`` is relative to the base URL.

        ``params``: a dict (None values left out) or pairs (for repeated keys)."""
        url = self.base + path
        pairs = list(params.items()) if isinstance(params, dict) else list(params or [])
        query = [(k, str(v)) for k, v in pairs if v is not None] + list(self.auth_params.items())
        return self._send(self._client, method, url, call, params=query, json_body=json_body, body=body,
                          headers=headers)

    def plain(self, method: str, url: str, call: Call, *, body: Callable[[], Iterator[bytes]] | None = None,
              headers: dict[str, str] | None = None) -> httpx.Response:
        """A request to a signed URL: no key travels with it."""
        return self._send(self._plain, method, url, call, params=None, json_body=None, body=body, headers=headers)

    def _send(self, client: httpx.Client, method: str, url: str, call: Call, *, params: list[tuple[str, str]] | None,
              json_body: Any, body: Callable[[], Iterator[bytes]] | None,
              headers: dict[str, str] | None) -> httpx.Response:
        idempotent = call.idempotent if call.idempotent is not None else method in ("GET", "HEAD", "PUT", "DELETE")
        s = self.settings
        attempt = 0
        last_problem = ""
        while True:
            attempt += 1
            request = client.build_request(method, url, params=httpx.QueryParams(tuple(params)) if params else None,
                                           json=json_body,
                                           content=body() if body is not None else None, headers=headers)
            try:
                response = client.send(request)
                response.read()
            except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
                # Never reached the server: safe to send again whatever the method.
                last_problem = _transport_problem(exc, s)
                if attempt > s.retries:
                    raise FetchError(f"{call.what}: cannot reach {self.provider} ({last_problem}) after "
                                     f"{attempt} tries", hint="check the network, the base URL, or try again "
                                                              "later") from None
                self._pause(attempt, None)
                continue
            except (httpx.TimeoutException, httpx.TransportError) as exc:
                last_problem = _transport_problem(exc, s)
                if not idempotent:
                    raise FetchError(f"{call.what}: {last_problem}; it may have been received, so it was not "
                                     f"sent again", hint=call.received_hint or "check before trying again") from None
                if attempt > s.retries:
                    raise FetchError(f"{call.what}: {last_problem} ({attempt} tries)",
                                     hint="try again later" + (", or raise --http-timeout"
                                                               if isinstance(exc, httpx.TimeoutException) else ""))\
                        from None
                self._pause(attempt, None)
                continue
            status = response.status_code
            if 300 <= status < 400 and client is self._client:
                where = redact(response.headers.get("location", "elsewhere"))
                raise ApiError(f"{call.what}: {self.provider} answered {status}, sending the request to {where}",
                               status=status, hint="check the base URL (https? the right path?)")
            if status < 400:
                return response
            if status == 429:
                wait = retry_after(response)
                if wait is not None and wait > s.max_retry_after:
                    raise ApiError(f"{call.what}: {self.provider} limits the rate of requests and asks to wait "
                                   f"{wait:.0f} s", status=status, hint="try again then")
                if attempt > s.retries:
                    raise ApiError(f"{call.what}: {self.provider} still limits the rate of requests after "
                                   f"{attempt} tries", status=status, hint="wait a minute and try again")
                self._pause(attempt, wait)
                continue
            if status in _RETRY_STATUSES:
                problem = f"{self.provider} answered {status} {response.reason_phrase}".rstrip()
                detail = error_text(response)
                if detail:
                    problem += f" ({detail})"
                if not idempotent:
                    raise ApiError(f"{call.what}: {problem}; it may have been received, so it was not sent again",
                                   status=status, hint=call.received_hint or "check before trying again")
                if attempt > s.retries:
                    raise ApiError(f"{call.what}: {problem}, {attempt} tries", status=status,
                                   hint="the service is having trouble; try again later")
                self._pause(attempt, retry_after(response) if status == 503 else None)
                continue
            raise self.error(response, call)

    def _pause(self, attempt: int, wait: float | None) -> None:
        s = self.settings
        if wait is None:
            ceiling = min(s.max_backoff, s.backoff * 2 ** (attempt - 1))
            wait = random.uniform(ceiling / 2, ceiling)
        self.waits.append(wait)
        self.sleep(wait)

    def error(self, response: httpx.Response, call: Call) -> ApiError:
        status = response.status_code
        detail = error_text(response)
        said = f": {detail}" if detail else ""
        provider = self.provider
        if status == 401:
            return ApiError(f"{call.what}: the API key was refused (401{said})", status=status,
                            hint=f"check {self.key_env} or api_key=")
        if status == 402:
            return ApiError(f"{call.what}: no balance left on the {provider} account (402{said})", status=status,
                            hint="top up the account, then try again")
        if status == 403:
            return ApiError(f"{call.what}: not allowed with this key (403{said})", status=status,
                            hint="check that the key may act on it (its organization, its rights)")
        if status == 404:
            return ApiError(f"{call.what}: not found (404{said})", status=status,
                            hint=call.not_found_hint or "check the id")
        if status in (400, 409, 422):
            return ApiError(f"{call.what}: refused ({status}{said or ', no reason given'})",
                            status=status, hint="check the values given")
        return ApiError(f"{call.what}: {provider} answered {status} {response.reason_phrase}{said}".rstrip(),
                        status=status)


def _transport_problem(exc: Exception, settings: HttpSettings) -> str:
    if isinstance(exc, httpx.ConnectTimeout):
        return f"no connection within {settings.connect_timeout:g} s"
    if isinstance(exc, httpx.ReadTimeout):
        return f"no answer within {settings.read_timeout:g} s"
    if isinstance(exc, httpx.WriteTimeout):
        return f"could not send within {settings.write_timeout:g} s"
    if isinstance(exc, httpx.TimeoutException):
        return "timed out"
    if isinstance(exc, httpx.RemoteProtocolError):
        return "the connection was dropped before a full answer"
    if isinstance(exc, httpx.ConnectError):
        return redact(str(exc) or "connection refused")
    return redact(f"connection failed: {exc}" if str(exc) else "connection failed")


def media_size(path: str | os.PathLike[str]) -> int:
    """The size of a media file to upload: an OptionError when it is missing, not a file, or empty."""
    name = os.fspath(path)
    try:
        size = os.stat(name).st_size
    except FileNotFoundError:
        raise OptionError(f"{name}: no such file") from None
    except OSError as exc:
        raise OptionError(f"{name}: {exc.strerror or exc}") from None
    if not os.path.isfile(name):
        raise OptionError(f"{name}: not a file")
    if size == 0:
        raise OptionError(f"{name}: the file is empty")
    return size
