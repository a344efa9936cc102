"""A progress line a person can follow on long runs.

Every PROGRESS_INTERVAL seconds (default 60; 0 turns it off) one INFO line:
pages done, records, rejects, pages per minute and the queue still to fetch (the
scheduler's, and the start pages still waiting to join it).
It replaces Scrapy's LogStats line (set LOGSTATS_INTERVAL=0), and like every
INFO line it is silent under ``-s LOG_LEVEL=WARNING``.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.asyncio import create_looping_call

from careerscrape.spiders.feed import StartFeed
from careerscrape.stats import RECORDS, REJECTS

logger = logging.getLogger("careerscrape.progress")


def progress_line(stats: dict[str, Any], queued: int, elapsed: float, pages_before: int) -> str:
    """ "progress: 1200 pages done, 1100 records, 12 rejects, 95 pages/min, 340 queued"."""
    pages = stats.get("response_received_count", 0)
    records = sum(v for k, v in stats.items() if k.startswith(RECORDS))
    rejects = stats.get(REJECTS, 0)
    rate = (pages - pages_before) / elapsed * 60 if elapsed > 0 else 0.0
    return (
        f"progress: {pages} pages done, {records} records, {rejects} rejects, "
        f"{rate:.0f} pages/min, {queued} queued"
    )


class Progress:
    def __init__(self, crawler: Any, interval: float) -> None:
        self.crawler = crawler
        self.interval = interval
        self.task: Any = None
        self._last = (time.monotonic(), 0)
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> Progress:
        interval = crawler.settings.getfloat("PROGRESS_INTERVAL")
        if not interval:
            raise NotConfigured
        return cls(crawler, interval)

    def spider_opened(self, spider: Any) -> None:
        self.task = create_looping_call(self.log)
        self.task.start(self.interval, now=False)

    def log(self) -> None:
        stats = self.crawler.stats.get_stats()
        queued = stats.get("scheduler/enqueued", 0) - stats.get("scheduler/dequeued", 0)
        # Start pages not handed to the scheduler yet (careerscrape.spiders.feed) are queued too.
        feed = getattr(self.crawler.spider, "feed", None)
        if isinstance(feed, StartFeed):
            queued += len(feed)
        now = time.monotonic()
        since, pages_before = self._last
        logger.info(progress_line(stats, queued, now - since, pages_before))
        self._last = (now, stats.get("response_received_count", 0))

    def spider_closed(self, spider: Any) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()
