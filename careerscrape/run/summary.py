"""The run summary users read in run.json, and its closing table in the log.

Pipelines and the spider count what happens under ``careerscrape/`` in Scrapy's
stats; :func:`summarise` turns those counters into the summary: pages by
status, records by type, rejects by reason, the accounting of every URL asked
for, field fill rates, duration. No Scrapy here: it reads a plain dict.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from careerscrape.models import utc_timestamp
from careerscrape.run.health import BLOCKED_REASONS

__all__ = ["summarise", "table"]

PREFIX = "careerscrape/"


def _under(stats: dict[str, Any], prefix: str) -> dict[str, Any]:
    """{rest: value} of the stats whose key starts with ``prefix``."""
    return {k[len(prefix) :]: v for k, v in sorted(stats.items()) if k.startswith(prefix)}


def summarise(stats: dict[str, Any], started: datetime, finished: datetime) -> dict[str, Any]:
    """The run summary of a crawl from its stats (pure: tested without a crawl)."""
    records = {kind: n for kind, n in _under(stats, f"{PREFIX}records/").items()}
    fill_rates: dict[str, dict[str, float]] = {}
    for key, count in _under(stats, f"{PREFIX}fields/").items():
        kind, field = key.split("/", 1)
        slots = stats.get(f"{PREFIX}slots/{kind}", 0)
        fill_rates.setdefault(kind, {})[field] = round(count / slots, 4) if slots else 0.0
    rejects_by_reason = _under(stats, f"{PREFIX}rejects/")
    total_records = sum(records.values())
    total_rejects = stats.get(f"{PREFIX}rejects", 0)
    duplicates = stats.get(f"{PREFIX}duplicates", 0)
    sitemaps_read = stats.get(f"{PREFIX}sitemaps/read", 0)
    requested = stats.get(f"{PREFIX}pages/requested", 0) + stats.get(
        f"{PREFIX}sitemaps/requested", 0
    )
    ended = total_records + total_rejects + duplicates + sitemaps_read
    return {
        "started_at": utc_timestamp(started),
        "finished_at": utc_timestamp(finished),
        "duration_seconds": round((finished - started).total_seconds(), 3),
        "finish_reason": stats.get("finish_reason"),
        "responses": {
            "total": stats.get("downloader/response_count", 0),
            "by_status": _under(stats, "downloader/response_status_count/"),
            "retried": stats.get("retry/count", 0),
            "from_cassette": stats.get("cassette/hit", 0),
        },
        "records": {**records, "total": total_records},
        "rejects": {"total": total_rejects, "by_reason": rejects_by_reason},
        "duplicates": duplicates,
        # Every URL asked for (pages and sitemaps) ends as exactly one record, reject,
        # duplicate or sitemap read.
        "accounting": {
            "requested": requested,
            "records": total_records,
            "rejects": total_rejects,
            "duplicates": duplicates,
            "sitemaps": sitemaps_read,
            "balanced": requested == ended,
            # The first pages asked for that ended nowhere (when the crawl finished).
            "lost": list(stats.get(f"{PREFIX}pages/lost", [])),
        },
        "sitemaps": {
            "requested": stats.get(f"{PREFIX}sitemaps/requested", 0),
            "read": sitemaps_read,
            "failed": list(stats.get(f"{PREFIX}sitemaps/failed_urls", [])),
        },
        "blocked": sum(rejects_by_reason.get(reason, 0) for reason in BLOCKED_REASONS),
        "blocked_slowdowns": stats.get(f"{PREFIX}blocked/slowdowns", 0),
        "links": {
            "followed": stats.get(f"{PREFIX}links/followed", 0),
            "offsite": stats.get(f"{PREFIX}links/offsite", 0),
            "already_seen": stats.get("dupefilter/filtered", 0),
        },
        "catalog_roles": stats.get(f"{PREFIX}catalog/roles", 0),
        # The run's web archive: captures written in full, as revisits, its size; or, replaying
        # one (-a archive=), the requests it answered and missed (careerscrape.archive).
        "archive": _under(stats, f"{PREFIX}archive/"),
        "fill_rates": fill_rates,
        **_job(stats),
    }


def _job(stats: dict[str, Any]) -> dict[str, Any]:
    """With JOBDIR, which part of the job this run is and when the job started. The other
    figures then cover the whole job (careerscrape.extensions.journal carries them over)."""
    if f"{PREFIX}job/part" not in stats:
        return {}
    return {"job": {"part": stats[f"{PREFIX}job/part"],
                    "started_at": stats.get(f"{PREFIX}job/started_at")}}  # fmt: skip


def _refresh_row(summary: dict[str, Any]) -> list[tuple[str, str]]:
    """A refresh run's pages: unchanged (how many not parsed), changed, new, gone."""
    if "refresh" not in summary:
        return []
    refresh, pages = summary["refresh"], summary["refresh"]["pages"]
    carried = refresh["not_modified"] + refresh["same_content"]
    line = f"{pages['unchanged']} unchanged ({carried} not parsed), {pages['changed']} changed, "
    return [("refresh", line + f"{pages['new']} new, {pages['gone']} gone")]


def _health(summary: dict[str, Any]) -> str:
    health = summary["health"]
    if health["healthy"]:
        return "healthy"
    return f"UNHEALTHY (exit {health['exit_code']}): " + "; ".join(health["reasons"])


def table(summary: dict[str, Any]) -> str:
    """The closing summary, a few aligned lines a person reads at the end of the log."""
    records = summary["records"]
    rejects = summary["rejects"]
    reasons = ", ".join(f"{k} {v}" for k, v in rejects["by_reason"].items()) or "none"
    statuses = ", ".join(f"{k}: {v}" for k, v in summary["responses"]["by_status"].items())
    publication = summary["publication"]
    rows = [
        ("responses", f"{summary['responses']['total']} ({statuses or 'none'})"),
        ("records", f"{records.get('role', 0)} role, {records.get('comparison', 0)} comparison"),
        ("rejects", f"{rejects['total']} ({reasons})"),
        ("duplicates", str(summary["duplicates"])),
        *_refresh_row(summary),
        ("catalog", f"{summary['catalog_roles']} roles"),
        ("health", _health(summary)),
        ("duration", f"{summary['duration_seconds']:.1f} s"),
        ("run", f"{publication['run_dir']}/"),
        ("published", publication["detail"]),
    ]
    width = max(len(name) for name, _ in rows)
    return "run summary\n" + "\n".join(f"  {name:<{width}}  {value}" for name, value in rows)
