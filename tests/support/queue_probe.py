"""A test-only Scrapy extension: how long the scheduler's queue got during a crawl.

Enabled by the tests of tests/integration/test_start_feed.py with
``-s QUEUE_PROBE_FILE=path`` (and added to EXTENSIONS); at close it writes
``{"max_queued": n, "scheduled": n}`` there: the most requests waiting in the
scheduler right after one was added, and how many were added in all.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

PATH = "tests.support.queue_probe.QueueProbe"


class QueueProbe:
    def __init__(self, crawler: Any, path: Path) -> None:
        self.crawler = crawler
        self.path = path
        self.max_queued = 0
        self.scheduled = 0
        crawler.signals.connect(self.request_scheduled, signal=signals.request_scheduled)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> QueueProbe:
        path = crawler.settings.get("QUEUE_PROBE_FILE")
        if not path:
            raise NotConfigured
        return cls(crawler, Path(path))

    def request_scheduled(self, request: Any, spider: Any = None) -> None:
        # Sent just before the scheduler takes the request: it then holds one more.
        self.scheduled += 1
        queued = len(self.crawler.engine.scheduler) + 1
        self.max_queued = max(self.max_queued, queued)

    def spider_closed(self, spider: Any = None) -> None:
        data = {"max_queued": self.max_queued, "scheduled": self.scheduled}
        self.path.write_text(json.dumps(data), encoding="utf-8")
