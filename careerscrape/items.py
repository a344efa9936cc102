"""Items the spider yields besides records."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Reject:
    """A page or item that did not become a record, and why.

    ``reason`` is a short stable kind (``parse``, ``validation``, ``http_404``,
    ``timeout``, ...) that run.json counts by; ``detail`` is the one-line
    human explanation; ``errors`` holds validation errors when there are some.
    """

    url: str
    reason: str
    detail: str = ""
    errors: list[dict[str, Any]] = field(default_factory=list)
    status: int | None = None
