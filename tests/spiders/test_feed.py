"""StartFeed (careerscrape.spiders.feed) against a stand-in engine: what it queues, and when.

The crawls of tests/integration/test_start_feed.py check the same through Scrapy.
"""

from __future__ import annotations

import logging
from types import SimpleNamespace
from typing import Any

import pytest
import scrapy
from scrapy.exceptions import DontCloseSpider
from scrapy.signalmanager import SignalManager

from careerscrape.extensions.progress import Progress
from careerscrape.spiders.feed import StartFeed


class Engine:
    """What the feed uses of Scrapy's engine: its scheduler (a list here), spider and crawl()."""

    def __init__(self) -> None:
        self.scheduler: list[scrapy.Request] = []
        self.spider: Any = object()

    def crawl(self, request: scrapy.Request) -> None:
        self.scheduler.append(request)


def make_feed(limit: int, skip: frozenset[str] = frozenset(), **spider: Any) -> StartFeed:
    crawler = SimpleNamespace(engine=Engine(), signals=SignalManager())

    def requests(url: str, hops: int):
        if url not in skip:
            yield scrapy.Request(url, meta={"hops": hops})

    return StartFeed(crawler, SimpleNamespace(**spider), requests, limit)


def urls(n: int) -> list[str]:
    return [f"https://example.com/{i}" for i in range(n)]


def pages(n: int, hops: int = 0) -> list[tuple[str, int]]:
    return [(url, hops) for url in urls(n)]


def queued(feed: StartFeed) -> list[str]:
    return [request.url for request in feed.crawler.engine.scheduler]


def test_urls_join_the_queue_up_to_the_limit_and_wait_for_it_to_drain() -> None:
    feed = make_feed(3)
    assert feed.later(pages(10))
    assert queued(feed) == urls(3)
    assert len(feed) == 7
    assert feed.fill() == 0  # still full
    del feed.crawler.engine.scheduler[:2]
    feed.scheduler_empty()  # (Scrapy sends it only once the queue is empty)
    assert queued(feed) == urls(5)[2:]
    assert len(feed) == 5


def test_urls_the_spider_skips_do_not_take_room() -> None:
    feed = make_feed(2, skip=frozenset(urls(4)[:3]))
    feed.later(pages(6))
    assert queued(feed) == urls(5)[3:]
    assert len(feed) == 1


def test_the_spider_stays_open_while_urls_wait() -> None:
    feed = make_feed(2)
    feed.later(pages(3))
    feed.crawler.engine.scheduler.clear()
    with pytest.raises(DontCloseSpider):
        feed.spider_idle()
    assert queued(feed) == urls(3)[2:]
    feed.crawler.engine.scheduler.clear()
    feed.spider_idle()  # nothing waits: the spider may close


def test_without_a_crawl_the_urls_wait() -> None:
    feed = make_feed(2)
    feed.crawler.engine.spider = None  # closed
    feed.later(pages(3))
    assert queued(feed) == []
    assert len(feed) == 3


def test_a_page_keeps_its_hops_while_it_waits() -> None:
    feed = make_feed(1)
    feed.later([*pages(1), ("https://example.com/linked", 2)])
    feed.crawler.engine.scheduler.clear()
    feed.scheduler_empty()
    [request] = feed.crawler.engine.scheduler
    assert (request.url, request.meta["hops"]) == ("https://example.com/linked", 2)


def test_with_no_limit_the_feed_is_off() -> None:
    feed = make_feed(0)
    assert not feed.later(pages(3))
    assert queued(feed) == [] and len(feed) == 0


def test_the_progress_line_counts_the_waiting_urls_as_queued(
    caplog: pytest.LogCaptureFixture,
) -> None:
    feed = make_feed(2)
    feed.later(pages(5))
    stats = SimpleNamespace(get_stats=lambda: {"scheduler/enqueued": 2})
    crawler = SimpleNamespace(stats=stats, spider=SimpleNamespace(feed=feed),
                              signals=SignalManager())  # fmt: skip
    with caplog.at_level(logging.INFO, logger="careerscrape.progress"):
        Progress(crawler, 60.0).log()
    assert caplog.messages[-1].endswith(", 5 queued")  # 2 in the scheduler, 3 waiting
