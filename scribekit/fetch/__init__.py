"""Provider API clients: send media to Amberscript or HappyScribe, wait, get the result as a Transcript.

::

    from scribekit.fetch import AmberscriptClient, HappyScribeClient
    t = AmberscriptClient().transcript("JOB_ID")     # key from AMBERSCRIPT_API_KEY

One module per provider, its client extending ``ProviderClient`` (``_client``:
the key, the base URL, value and media checks, waiting, reading the export),
on one shared HTTP layer (``http``, on httpx). The clients are imported on
first use, so that importing this package (or the value lists in ``values``)
does not load httpx.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._client import ProviderClient
    from .amberscript import AmberscriptClient
    from .happyscribe import HappyScribeClient
    from .http import HttpSettings
    from .poll import PollOptions

_LAZY = {"AmberscriptClient": "amberscript", "HappyScribeClient": "happyscribe", "HttpSettings": "http",
         "PollOptions": "poll", "ProviderClient": "_client", "redact": "http"}

__all__ = ["AmberscriptClient", "HappyScribeClient", "HttpSettings", "PollOptions", "ProviderClient", "redact"]


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'scribekit.fetch' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"{__name__}.{module_name}"), name)
