"""Start pages handed to the scheduler as it drains, not all at once.

A sitemap of 20,000 pages turned into 20,000 requests the moment it is read
keeps them all waiting in the scheduler, each with its headers, fingerprint
and cached URL parts: about 3 KiB a request, 60 MiB for the sitemap, in a
crawl that fetches 16 pages at a time. :class:`StartFeed` keeps the URLs
instead (about 150 bytes each) and makes their requests as the scheduler
has room for them::

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.feed = StartFeed.from_crawler(crawler, spider, spider.page_requests)
        return spider

    def page_requests(self, url, hops):  # the requests for one page (none: skip it)
        yield scrapy.Request(url, callback=self.parse_page, meta={"hops": hops})

    def parse_sitemap(self, response):
        pages = [(entry["loc"], 0) for entry in Sitemap(response.body)]
        if not self.feed.later(pages):  # not paced: request them now
            for url, hops in pages:
                yield from self.page_requests(url, hops)

The feed tops the scheduler's queue up to ``START_QUEUE_LIMIT`` requests
whenever the engine finds it empty (the ``scheduler_empty`` signal: the
downloader has room and nothing to take), a batch at a time, and keeps the
spider open (``spider_idle``) while URLs wait. ``START_QUEUE_LIMIT`` is
``None`` by default: 4 x CONCURRENT_REQUESTS; 0 turns the feed off (every URL
requested at once, as usual in Scrapy). Requests that others add (followed
links, redirects, retries) are not held back, and the feed's requests go to
the engine directly (``engine.crawl``, as scrapy-redis's spiders feed theirs),
not through the spider middlewares. With ``REDIS_URL`` the scheduler's queue
is in Redis, shared by every worker, and the feed is off: a sitemap goes to
the shared queue whole.

A page waits as ``(URL, hops)``: the link hops it is from a start page. A stopped
JOBDIR job does not keep the URLs still waiting: the part that resumes it reads its
start lists and sitemaps again (careerscrape.run.journal).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from typing import Any

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider

__all__ = ["StartFeed", "queue_limit"]

Page = tuple[str, int]


def queue_limit(settings: Any) -> int:
    """``START_QUEUE_LIMIT`` (None: 4 x CONCURRENT_REQUESTS); 0 with REDIS_URL (no feed)."""
    if settings.get("REDIS_URL"):
        return 0
    limit = settings.get("START_QUEUE_LIMIT")
    if limit is None or limit == "":
        return 4 * max(settings.getint("CONCURRENT_REQUESTS"), 1)
    return max(int(limit), 0)


class StartFeed:
    """URLs waiting for room in the scheduler (see the module)."""

    def __init__(
        self,
        crawler: Any,
        spider: Any,
        requests: Callable[[str, int], Iterable[scrapy.Request]],
        limit: int,
    ) -> None:
        self.crawler = crawler
        self.spider = spider
        self.requests = requests
        self.limit = limit
        self._pages: deque[Page] = deque()
        if self.paced:
            crawler.signals.connect(self.scheduler_empty, signal=signals.scheduler_empty)
            crawler.signals.connect(self.spider_idle, signal=signals.spider_idle)

    @classmethod
    def from_crawler(
        cls, crawler: Any, spider: Any, requests: Callable[[str, int], Iterable[scrapy.Request]]
    ) -> StartFeed:
        return cls(crawler, spider, requests, queue_limit(crawler.settings))

    @property
    def paced(self) -> bool:
        return self.limit > 0

    def __len__(self) -> int:
        """Pages waiting to be requested."""
        return len(self._pages)

    def later(self, pages: Iterable[Page]) -> bool:
        """Request ``pages`` (URL, hops) as the scheduler has room (some at once, if it has).

        False when the feed is off: the caller requests them itself.
        """
        if not self.paced:
            return False
        self._pages.extend(pages)
        self.fill()
        return True

    def fill(self) -> int:
        """Top the scheduler's queue up to ``limit`` requests; how many were added."""
        engine = self.crawler.engine
        scheduler = engine.scheduler if engine is not None else None
        if scheduler is None or engine.spider is None:
            return 0  # not crawling yet, or any more: the URLs wait (and are kept)
        pages, added = self._pages, 0
        while pages and _queued(scheduler, self.limit) < self.limit:
            for request in self.requests(*pages.popleft()):
                engine.crawl(request)
                added += 1
        return added

    # -- signals ---------------------------------------------------------------------------

    def scheduler_empty(self) -> None:
        """The downloader wants a request and the scheduler has none: a batch for it."""
        self.fill()

    def spider_idle(self, spider: Any = None) -> None:
        """Nothing left to do but the waiting URLs (a JOBDIR job resuming, say)."""
        if self.fill():
            raise DontCloseSpider


def _queued(scheduler: Any, limit: int) -> int:
    """Requests waiting in the scheduler (one without ``len()``: full while it has any)."""
    try:
        return len(scheduler)
    except TypeError:
        return limit if scheduler.has_pending_requests() else 0
