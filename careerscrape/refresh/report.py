"""What a refresh run reports: run.json's ``refresh`` entry, from the crawl stats."""

from __future__ import annotations

from typing import Any

from careerscrape.stats import (
    PAGES_CONDITIONAL,
    REFRESH_PREVIOUS,
    REFRESH_PREVIOUS_ERROR,
    REFRESH_PREVIOUS_RECORDS,
    carried,
    refresh_outcome,
)

__all__ = ["refresh_summary"]


def refresh_summary(stats: dict[str, Any]) -> dict[str, Any]:
    """run.json's ``refresh`` entry, from the crawl stats ({} when not a refresh run)."""
    if REFRESH_PREVIOUS not in stats:
        return {}
    unchanged = stats.get(refresh_outcome("unchanged"), 0)
    changed = stats.get(refresh_outcome("changed"), 0)
    previous_records = stats.get(REFRESH_PREVIOUS_RECORDS, 0)
    refresh: dict[str, Any] = {
        "previous": stats[REFRESH_PREVIOUS],
        "previous_records": previous_records,
        "conditional_requests": stats.get(PAGES_CONDITIONAL, 0),
        # Pages not parsed: their previous record was carried over.
        "not_modified": stats.get(carried("not_modified"), 0),
        "same_content": stats.get(carried("same_content"), 0),
        "pages": {
            "unchanged": unchanged,
            "changed": changed,
            "new": stats.get(refresh_outcome("new"), 0),
            "gone": previous_records - unchanged - changed,
        },
    }
    if REFRESH_PREVIOUS_ERROR in stats:
        refresh["previous_error"] = stats[REFRESH_PREVIOUS_ERROR]
    return {"refresh": refresh}
