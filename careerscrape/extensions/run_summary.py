"""The end of a crawl job: its summary and verdict, run.json, and publication.

When the spider closes, the crawl stats become the run summary
(careerscrape.run.summary) and its health verdict (careerscrape.run.health),
with the drift alarm against the run this one refreshes. The verdict's exit
status goes into the stats, where ``scrapy crawl`` reads it, and the summary is
kept for the Spidermon monitors (careerscrape.extensions.monitors).

When the engine has stopped, every output of the run is closed: a healthy run is
exported to the table formats of ``EXPORT_FORMATS`` (careerscrape.export, into
``RUN_DIR/export/``), run.json is written into the run folder, and a healthy run is
published (``OUTPUT_DIR/latest`` switched to its folder, careerscrape.run.folders);
an unhealthy or interrupted one is not, and the published dataset stays as it was.
An export that fails is logged and named in run.json (``exports``); the run's
records are published all the same. Old run folders are then pruned to
``KEEP_RUNS``. Off (NotConfigured) outside the crawl job.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from scrapy import signals
from scrapy.exceptions import NotConfigured

from careerscrape.atomic import write_json
from careerscrape.outputs import EXPORT, EXPORT_TARGETS, RUN_SUMMARY
from careerscrape.refresh.report import refresh_summary
from careerscrape.run.drift import compare, read_baseline
from careerscrape.run.folders import OutputFolder
from careerscrape.run.health import verdict
from careerscrape.run.summary import summarise, table

__all__ = ["RunSummary", "summary_of"]

logger = logging.getLogger("careerscrape")
EXIT_CODE = "careerscrape/health/exit_code"
REASONS = "careerscrape/health/reasons"
RUN_DIR = "careerscrape/run_dir"

_summaries: WeakKeyDictionary[Any, dict[str, Any]] = WeakKeyDictionary()


def summary_of(crawler: Any) -> dict[str, Any] | None:
    """The run summary of ``crawler``'s run, once its spider has closed."""
    return _summaries.get(crawler)


class RunSummary:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.output = OutputFolder(settings.get("OUTPUT_DIR"))
        self.run_dir = Path(settings.get("RUN_DIR"))
        self.previous = settings.get("PREVIOUS_DIR")
        self.started = datetime.now(UTC)
        self.baseline: dict[str, Any] | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.engine_stopped, signal=signals.engine_stopped)

    @classmethod
    def from_crawler(cls, crawler: Any) -> RunSummary:
        if not crawler.settings.getbool("RUN_OUTPUTS"):
            raise NotConfigured
        return cls(crawler)

    def spider_opened(self, spider: Any) -> None:
        self.started = datetime.now(UTC)
        # The drift alarm compares with the run this one refreshes (careerscrape.run.drift).
        self.baseline = read_baseline(self.previous)

    def spider_closed(self, spider: Any, reason: str) -> None:
        stats = {**self.crawler.stats.get_stats(), "finish_reason": reason}
        summary = summarise(stats, self.started, datetime.now(UTC))
        summary.update(refresh_summary(stats))  # careerscrape.refresh
        summary["drift"] = compare(self.baseline, summary, self.crawler.settings)
        summary["health"] = verdict(summary, self.crawler.settings)
        summary["arguments"] = _arguments(spider)
        # The verdict in the stats too: scrapy crawl's exit status, and the alerts' text.
        self.crawler.stats.set_value(EXIT_CODE, summary["health"]["exit_code"])
        self.crawler.stats.set_value(REASONS, summary["health"]["reasons"])
        self.crawler.stats.set_value(RUN_DIR, str(self.run_dir))
        _summaries[self.crawler] = summary

    def engine_stopped(self) -> None:
        """Every output is closed now: run.json, then publication, then pruning."""
        summary = _summaries.get(self.crawler)
        if summary is None:  # the spider never opened
            return
        healthy = summary["health"]["healthy"]
        if healthy and self.crawler.settings.getlist("EXPORT_FORMATS"):
            summary["exports"] = self._export(self.crawler.settings.getlist("EXPORT_FORMATS"))
        summary["publication"] = self._publication(healthy)
        write_json(self.run_dir / RUN_SUMMARY, summary)
        if healthy:
            try:
                self.output.publish(self.run_dir)
            except OSError as exc:
                logger.error("run %s could not be published: %s", self.run_dir, exc)
                summary["publication"] = self._publication(False, f"could not publish: {exc}")
                write_json(self.run_dir / RUN_SUMMARY, summary)
        removed = self.output.prune(self.crawler.settings.getint("KEEP_RUNS"), {self.run_dir})
        if removed:
            logger.info("pruned %d old run folders (KEEP_RUNS=%d)", len(removed),
                        self.crawler.settings.getint("KEEP_RUNS"))  # fmt: skip
        # After Scrapy's stats dump, where a person looks.
        logger.info(table(summary))

    def _export(self, formats: list[str]) -> dict[str, Any]:
        """Each format's tables in the run folder: run.json's ``exports``."""
        # Imported here: pyarrow and duckdb load only for a crawl that exports.
        from careerscrape.export import ExportError, export_run

        exports: dict[str, Any] = {}
        for fmt in formats:
            target = self.run_dir / EXPORT / EXPORT_TARGETS[fmt]
            try:
                counts = export_run(self.run_dir, fmt, target)
            except (ExportError, OSError) as exc:
                logger.error("the %s export of run %s failed: %s", fmt, self.run_dir, exc)
                exports[fmt] = {"path": str(target), "error": " ".join(str(exc).split())}
                continue
            exports[fmt] = {"path": str(target), "tables": len(counts), "rows": counts}
        return exports

    def _publication(self, published: bool, why: str = "") -> dict[str, Any]:
        """run.json's ``publication``: this run's folder, and what ``latest`` holds after it."""
        latest = self.output.latest
        if published:
            detail = f"yes: {latest} -> {self.run_dir.name}"
        else:
            before = self.output.published()
            kept = f"{latest} still holds run {before.name}" if before else "nothing published yet"
            detail = f"no ({why or 'unhealthy run'}); {kept}"
        return {"run_dir": str(self.run_dir), "published": published, "detail": detail}


def _arguments(spider: Any) -> dict[str, Any]:
    arguments = getattr(spider, "arguments", None)
    return arguments.model_dump(mode="json") if arguments is not None else {}
