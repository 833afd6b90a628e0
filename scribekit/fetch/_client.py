"""What every provider client shares: the key and base URL, the HTTP layer, value and media checks,
waiting, deleting, and reading the provider's export into a Transcript.

A provider's client extends ``ProviderClient`` with its values (name, environment
variables, default base URL, media limits, export format), says how the key
travels (``auth_params`` or ``auth_headers``), and adds its endpoints.
"""
from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from typing import Any, ClassVar, TypeVar

import httpx

from .. import formats
from ..errors import FetchError, OptionError, ReadError
from ..model import Transcript
from . import http
from .http import Call, Http, HttpSettings, parse_json
from .poll import PollOptions, poll

State = dict[str, Any]
"""A job, transcription, export or task as the API describes it."""
C = TypeVar("C", bound="ProviderClient")


def check_id(value: str | int | None, what: str) -> str:
    """An id to put in a path or a query: not empty, no space, none of ``/?#&``."""
    text = str(value if value is not None else "").strip()
    if not text or any(c.isspace() or c in "/?#&" for c in text):
        raise OptionError(f"{value!r} is not a {what} id")
    return text


class ProviderClient:
    """A provider's API on the shared HTTP layer; the key comes from ``api_key`` or ``KEY_ENV``.

    Usable as a context manager (the connections close at its end).
    """

    PROVIDER: ClassVar[str]
    """The provider's name in messages ("Amberscript")."""
    KEY_ENV: ClassVar[str]
    """The environment variable holding the API key."""
    BASE_URL_ENV: ClassVar[str]
    """The environment variable that may name another base URL (a proxy, a test server)."""
    DEFAULT_BASE_URL: ClassVar[str]
    EXPORT_FORMAT: ClassVar[str]
    """The scribekit format that reads the provider's JSON export."""
    MEDIA_TYPES: ClassVar[tuple[str, ...] | None] = None
    """The media file extensions the provider takes (None: it does not say)."""
    MAX_MEDIA_BYTES: ClassVar[int]
    MEDIA_LIMIT: ClassVar[str]
    """The size limit in words: "{size} GB is over {MEDIA_LIMIT}"."""
    MEDIA_LIMIT_HINT: ClassVar[str]
    SHOWN_CHOICES: ClassVar[int] = 12
    """How many of the allowed values a refused one's message lists."""

    def __init__(self, api_key: str | None = None, *, base_url: str | None = None,
                 settings: HttpSettings | None = None, transport: httpx.BaseTransport | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        key = http.api_key(api_key, self.KEY_ENV, self.PROVIDER)
        self.base_url = http.base_url(base_url, self.BASE_URL_ENV, self.DEFAULT_BASE_URL)
        self.http = Http(self.PROVIDER, self.base_url, key_env=self.KEY_ENV, settings=settings,
                         headers=self.auth_headers(key), params=self.auth_params(key), transport=transport,
                         sleep=sleep)
        self.sleep = sleep

    # -- how the key travels (one of the two) --------------------------------------------------

    def auth_params(self, key: str) -> dict[str, str]:
        """Query parameters added to every API request."""
        return {}

    def auth_headers(self, key: str) -> dict[str, str]:
        """Headers sent with every API request (never to signed URLs)."""
        return {}

    # -- life ----------------------------------------------------------------------------------

    def close(self) -> None:
        self.http.close()

    def __enter__(self: C) -> C:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- checks --------------------------------------------------------------------------------

    @classmethod
    def choice(cls, name: str, value: str, allowed: Iterable[str]) -> str:
        """``value`` when it is one of ``allowed``, in any case (the provider's spelling is returned);
        else an OptionError listing the first ``SHOWN_CHOICES`` of them."""
        items = list(allowed)
        if value in items:
            return value
        for item in items:
            if item.lower() == value.lower():
                return item
        shown = ", ".join(items) if len(items) <= cls.SHOWN_CHOICES else ", ".join(items[:cls.SHOWN_CHOICES]) + ", ..."
        raise OptionError(f"{name} {value!r} is not one {cls.PROVIDER} takes", hint=f"one of: {shown}")

    @classmethod
    def check_media(cls, path: str | os.PathLike[str]) -> int:
        """The size of a media file the provider takes; an OptionError otherwise."""
        name = os.fspath(path)
        if cls.MEDIA_TYPES is not None:
            extension = os.path.splitext(name)[1].lower().lstrip(".")
            if extension not in cls.MEDIA_TYPES:
                raise OptionError(f"{os.path.basename(name)}: {cls.PROVIDER} does not take "
                                  f".{extension or '(none)'} files", hint="it takes " + ", ".join(cls.MEDIA_TYPES))
        size = http.media_size(name)
        if size > cls.MAX_MEDIA_BYTES:
            raise OptionError(f"{name}: {size / 1e9:.1f} GB is over {cls.MEDIA_LIMIT}", hint=cls.MEDIA_LIMIT_HINT)
        return size

    # -- requests ------------------------------------------------------------------------------

    def _json(self, method: str, path: str, call: Call, **kwargs: Any) -> Any:
        """An API request whose answer is JSON."""
        return parse_json(self.http.api(method, path, call, **kwargs), call.what, self.PROVIDER)

    def _delete(self, path: str, call: Call, *,
                params: dict[str, Any] | list[tuple[str, str]] | None = None) -> httpx.Response | None:
        """``DELETE path``; None when a retry finds it gone (an earlier try went through, its answer was lost)."""
        before = len(self.http.waits)
        try:
            return self.http.api("DELETE", path, call, params=params)
        except FetchError as exc:
            if getattr(exc, "status", None) == 404 and len(self.http.waits) > before:
                return None
            raise

    # -- waiting -------------------------------------------------------------------------------

    @staticmethod
    def describe(state: State, /) -> str:
        """A state in a few words: a status, and the reason of a failure."""
        raise NotImplementedError

    def wait(self, item_id: str, options: PollOptions | None = None, *,
             on_change: Callable[[State], None] | None = None) -> State:
        """Poll the job (transcription ...) until it is done; a FetchError when it failed."""
        raise NotImplementedError

    def _poll(self, fetch: Callable[[], State], final: Callable[[State], bool], *, options: PollOptions, what: str,
              resume_hint: str, on_change: Callable[[State], None] | None = None) -> State:
        return poll(fetch, final, options=options, what=what, describe=self.describe, sleep=self.sleep,
                    on_change=on_change, resume_hint=resume_hint)

    # -- results -------------------------------------------------------------------------------

    def read_export(self, data: bytes, source: str) -> list[Transcript]:
        """The Transcripts in the provider's JSON export; a ReadError names ``source``."""
        try:
            return formats.read_all(data, self.EXPORT_FORMAT)
        except ReadError as exc:
            exc.source = exc.source or source
            raise


__all__ = ["ProviderClient", "State", "check_id"]
