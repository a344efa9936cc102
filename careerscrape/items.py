"""Items the spider yields besides records."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Reject:
    """A page or item that did not become a record, and why.

    ``reason`` is a short stable kind (``parse``, ``validation``, ``http_404``,
    ``timeout``, ...) that run.json counts by; ``detail`` is the one-line
    human explanation; ``errors`` holds validation errors when there are some.
    ``rejected_at`` (RFC 3339) is set by the rejects pipeline when it writes the
    reject; a reject replayed by a resumed job (careerscrape.run.journal) keeps it.
    """

    url: str
    reason: str
    detail: str = ""
    errors: list[dict[str, Any]] = field(default_factory=list)
    status: int | None = None
    rejected_at: str | None = None

    def to_line(self) -> str:
        """The reject's line in rejects.jsonl."""
        return json.dumps(asdict(self), ensure_ascii=False) + "\n"
