"""The job journal of a JOBDIR crawl: every outcome kept, the job rebuilt from it.

The journal itself, and why a job is rebuilt from it alone, is careerscrape.run.journal.
"""

from __future__ import annotations

import logging
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.exceptions import CloseSpider, NotConfigured
from scrapy.utils.job import job_dir

from careerscrape.items import Reject
from careerscrape.models import PageRecord, utc_timestamp
from careerscrape.pipelines.rejects import Rejected
from careerscrape.run.health import SITEMAP_REJECT
from careerscrape.run.journal import (
    Journal,
    carried_counters,
    remove_scrapy_job_files,
    replayed_record,
)
from careerscrape.stats import DUPLICATES, JOB_PART, JOB_STARTED_AT

logger = logging.getLogger(__name__)


class JobJournal:
    """The extension: journals every outcome of a JOBDIR crawl and rebuilds the job from it.

    It must come after Scrapy's FeedExporter in EXTENSIONS (FeedExporter is at 0
    in EXTENSIONS_BASE): spider_opened handlers run in that order, and the feeds
    must be open before the replayed records reach them. It is built before the
    scheduler opens, which is when Scrapy's files of an earlier part are removed.
    """

    def __init__(self, crawler: Any, journal: Journal) -> None:
        self.crawler = crawler
        self.journal = journal
        self._replaying = False
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(self.item_dropped, signal=signals.item_dropped)

    @classmethod
    def from_crawler(cls, crawler: Any) -> JobJournal:
        jobdir = job_dir(crawler.settings)
        if not jobdir or not crawler.settings.getbool("RUN_OUTPUTS"):
            raise NotConfigured
        _warn_of_appending_feeds(crawler.settings)
        journal = Journal(Path(jobdir) / "careerscrape" / "journal.jsonl")
        if journal.parts:
            remove_scrapy_job_files(Path(jobdir))
        return cls(crawler, journal)

    async def spider_opened(self, spider: Any) -> None:
        journal, stats = self.journal, self.crawler.stats
        arguments = _arguments(spider)
        if journal.parts:
            self._check_resumable(arguments)
            frontier = journal.frontier()
            logger.info("resuming the job of %s (part %d): replaying %d records and %d rejects, "
                        "asking again for %d pages", journal.path.parent.parent, journal.parts + 1,
                        journal.records, journal.rejects, len(frontier.pending))  # fmt: skip
            try:
                await self._replay()
            except Exception as exc:  # the crawl must not go on from half of what was done
                logger.exception("the journal %s could not be replayed", journal.path)
                raise CloseSpider("journal_replay_failed") from exc
            for key, value in journal.counters.items():
                stats.inc_value(key, value)
            stats.set_value(DUPLICATES, frontier.duplicates)
            spider.resume(frontier.ended, frontier.pending)
        part = journal.open_part(_now(), arguments)
        spider.journal = journal
        stats.set_value(JOB_PART, part)
        stats.set_value(JOB_STARTED_AT, journal.started_at)

    async def _replay(self) -> None:
        """Every record and reject of the journal through the item pipelines, in order."""
        scraper = self.crawler.engine.scraper
        self._replaying = True
        try:
            for kind, data in self.journal.outcomes():
                item = replayed_record(data) if kind == "record" else Reject(**data)
                await scraper.start_itemproc_async(item, response=None)
        finally:
            self._replaying = False

    def _check_resumable(self, arguments: dict[str, Any]) -> None:
        journal = self.journal
        if not journal.closed_cleanly:
            logger.warning(
                "the last run of this job (part %d) did not close (killed rather than "
                "stopped): resuming from its journal; pages it had in flight are fetched "
                "again, and the counts of its responses are lost",
                journal.parts,
            )
        if journal.arguments is not None and journal.arguments != arguments:
            logger.warning("this job was started with other spider arguments (%s); resuming "
                           "it with %s", journal.arguments, arguments)  # fmt: skip

    def item_scraped(self, item: Any, response: Any = None, spider: Any = None) -> None:
        if not self._replaying and isinstance(item, PageRecord):
            asked = spider._asked(response.request) if response is not None else None
            self.journal.record(item.model_dump(mode="json"), asked)

    def item_dropped(self, item: Any, exception: BaseException, spider: Any = None) -> None:
        """A page's reject (a sitemap's is not kept: every part reads its sitemaps again)."""
        if self._replaying or not isinstance(exception, Rejected):
            return
        if not exception.reject.reason.startswith(SITEMAP_REJECT):
            self.journal.reject(asdict(exception.reject))

    def spider_closed(self, spider: Any, reason: str) -> None:
        spider.journal = None
        if self.journal.writing:
            counters = carried_counters(self.crawler.stats.get_stats())
            self.journal.close_part(reason, _now(), counters)


def _now() -> str:
    return utc_timestamp(datetime.now(UTC))


def _arguments(spider: Any) -> dict[str, Any]:
    arguments = getattr(spider, "arguments", None)
    return arguments.model_dump(mode="json") if arguments is not None else {}


def _warn_of_appending_feeds(settings: Any) -> None:
    """A feed that appends (``-o``) cannot be rebuilt: the replay appends earlier parts again."""
    for uri, options in settings.getdict("FEEDS").items():
        if not (options or {}).get("overwrite", False):
            logger.warning(
                "feed %s appends to its file (-o): a resumed job writes the records of its "
                "earlier parts to it again; use -O or overwrite=True",
                uri,
            )
