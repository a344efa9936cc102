"""The run summary: run.json and a closing log table, built from the crawl stats.

Pipelines and the spider count what happens under ``careerscrape/`` in
Scrapy's stats; this extension turns those counters into the summary users
read (pages by status, records by type, rejects by reason, field fill rates,
duration) and writes it atomically to ``OUTPUT_DIR/run.json`` when the crawl
closes.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scrapy import signals

from careerscrape.atomic import write_json
from careerscrape.drift import compare, read_baseline
from careerscrape.health import BLOCKED_REASONS, verdict
from careerscrape.incremental import previous_dir, refresh_summary

_PREFIX = "careerscrape/"
logger = logging.getLogger("careerscrape")


def _under(stats: dict[str, Any], prefix: str) -> dict[str, Any]:
    """{rest: value} of the stats whose key starts with ``prefix``."""
    return {k[len(prefix) :]: v for k, v in sorted(stats.items()) if k.startswith(prefix)}


def summarise(stats: dict[str, Any], started: datetime, finished: datetime) -> dict[str, Any]:
    """The run summary of a crawl from its stats (pure: tested without a crawl)."""
    records = {kind: n for kind, n in _under(stats, f"{_PREFIX}records/").items()}
    fill_rates: dict[str, dict[str, float]] = {}
    for key, count in _under(stats, f"{_PREFIX}fields/").items():
        kind, field = key.split("/", 1)
        slots = stats.get(f"{_PREFIX}slots/{kind}", 0)
        fill_rates.setdefault(kind, {})[field] = round(count / slots, 4) if slots else 0.0
    rejects_by_reason = _under(stats, f"{_PREFIX}rejects/")
    total_records = sum(records.values())
    total_rejects = stats.get(f"{_PREFIX}rejects", 0)
    duplicates = stats.get(f"{_PREFIX}duplicates", 0)
    requested = stats.get(f"{_PREFIX}pages/requested", 0)
    return {
        "started_at": started.isoformat(),
        "finished_at": finished.isoformat(),
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
        # Every page asked for ends as exactly one record, reject or duplicate.
        "accounting": {
            "requested": requested,
            "records": total_records,
            "rejects": total_rejects,
            "duplicates": duplicates,
            "balanced": requested == total_records + total_rejects + duplicates,
        },
        "blocked": sum(rejects_by_reason.get(reason, 0) for reason in BLOCKED_REASONS),
        "blocked_slowdowns": stats.get(f"{_PREFIX}blocked/slowdowns", 0),
        "links": {
            "followed": stats.get(f"{_PREFIX}links/followed", 0),
            "offsite": stats.get(f"{_PREFIX}links/offsite", 0),
            "already_seen": stats.get("dupefilter/filtered", 0),
        },
        "catalog_roles": stats.get(f"{_PREFIX}catalog/roles", 0),
        "fill_rates": fill_rates,
        **_job(stats),
        **refresh_summary(stats),  # refresh runs only (careerscrape.incremental)
    }


def _job(stats: dict[str, Any]) -> dict[str, Any]:
    """With JOBDIR, which part of the job this run is and when the job started. The other
    figures then cover the whole job (careerscrape.journal carries them over)."""
    if f"{_PREFIX}job/part" not in stats:
        return {}
    return {"job": {"part": stats[f"{_PREFIX}job/part"],
                    "started_at": stats.get(f"{_PREFIX}job/started_at")}}  # fmt: skip


class RunSummary:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.output_dir = Path(crawler.settings.get("OUTPUT_DIR", "output"))
        self.started = datetime.now(UTC)
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.engine_stopped, signal=signals.engine_stopped)
        self._closing_table = ""
        self.baseline: dict[str, Any] | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> RunSummary:
        return cls(crawler)

    def spider_opened(self, spider: Any) -> None:
        self.started = datetime.now(UTC)
        # The drift alarm's baseline, read before this run replaces run.json (careerscrape.drift).
        folder = previous_dir(spider, self.crawler.settings) or self.output_dir
        self.baseline = read_baseline(folder)

    def spider_closed(self, spider: Any, reason: str) -> None:
        stats = {**self.crawler.stats.get_stats(), "finish_reason": reason}
        summary = summarise(stats, self.started, datetime.now(UTC))
        summary["drift"] = compare(self.baseline, summary, self.crawler.settings)
        summary["health"] = verdict(summary, self.crawler.settings)
        self.crawler.stats.set_value(f"{_PREFIX}health/exit_code", summary["health"]["exit_code"])
        summary["arguments"] = spider.arguments.model_dump(mode="json") if hasattr(
            spider, "arguments"
        ) else {}  # fmt: skip
        write_json(self.output_dir / "run.json", summary)
        self._closing_table = _table(summary, self.output_dir)

    def engine_stopped(self) -> None:
        """The summary goes last, after Scrapy's stats dump, where a person looks."""
        if self._closing_table:
            logger.info(self._closing_table)


def _refresh_row(summary: dict[str, Any]) -> list[tuple[str, str]]:
    """A refresh run's pages: unchanged (how many not parsed), changed, new, gone."""
    if "refresh" not in summary:
        return []
    refresh, pages = summary["refresh"], summary["refresh"]["pages"]
    carried = refresh["not_modified"] + refresh["same_content"]
    line = f"{pages['unchanged']} unchanged ({carried} not parsed), {pages['changed']} changed, "
    return [("refresh", line + f"{pages['new']} new, {pages['gone']} gone")]


def _table(summary: dict[str, Any], output_dir: Path) -> str:
    """The closing summary, a few aligned lines a person reads at the end of the log."""
    records = summary["records"]
    rejects = summary["rejects"]
    reasons = ", ".join(f"{k} {v}" for k, v in rejects["by_reason"].items()) or "none"
    statuses = ", ".join(f"{k}: {v}" for k, v in summary["responses"]["by_status"].items())
    rows = [
        ("responses", f"{summary['responses']['total']} ({statuses or 'none'})"),
        ("records", f"{records.get('role', 0)} role, {records.get('comparison', 0)} comparison"),
        ("rejects", f"{rejects['total']} ({reasons})"),
        ("duplicates", str(summary["duplicates"])),
        *_refresh_row(summary),
        ("catalog", f"{summary['catalog_roles']} roles"),
        ("health", "healthy" if summary["health"]["healthy"] else
                   f"UNHEALTHY (exit {summary['health']['exit_code']}): "
                   + "; ".join(summary["health"]["reasons"])),
        ("duration", f"{summary['duration_seconds']:.1f} s"),
        ("output", f"{output_dir}/ (roles.jsonl, comparisons.jsonl, catalog.jsonl, "
                   "rejects.jsonl, run.json)"),
    ]  # fmt: skip
    width = max(len(name) for name, _ in rows)
    return "run summary\n" + "\n".join(f"  {name:<{width}}  {value}" for name, value in rows)
