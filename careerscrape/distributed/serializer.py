"""The shared queue's serializer: requests stored as JSON, never pickled.

A queue entry is data, so whoever can write to Redis can add pages to the crawl
but cannot run code in a worker. ``SCHEDULER_SERIALIZER`` names the package
(careerscrape.distributed), which re-exports :func:`dumps` and :func:`loads`.
"""

from __future__ import annotations

import base64
import json
from typing import Any

__all__ = ["dumps", "loads"]


def _encode(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"$b": base64.b64encode(value).decode("ascii")}
    if isinstance(value, dict):
        if all(isinstance(key, str) for key in value) and "$b" not in value and "$d" not in value:
            return {key: _encode(item) for key, item in value.items()}
        return {"$d": [[_encode(key), _encode(item)] for key, item in value.items()]}
    if isinstance(value, list | tuple):
        return [_encode(item) for item in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"cannot put a {type(value).__name__} in the shared queue: {value!r}")


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"$b"}:
            return base64.b64decode(value["$b"])
        if set(value) == {"$d"}:
            return {_decode(key): _decode(item) for key, item in value["$d"]}
        return {key: _decode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_decode(item) for item in value]
    return value


def dumps(request: dict[str, Any]) -> bytes:
    """A request (``Request.to_dict()``) as JSON; bytes and non-str keys tagged."""
    return json.dumps(_encode(request), separators=(",", ":")).encode("utf-8")


def loads(data: bytes | str) -> dict[str, Any]:
    """The inverse of :func:`dumps`."""
    return _decode(json.loads(data))
