"""Components that misbehave on purpose, loaded by a test's crawl through settings.

A crawl run with ``env={"PYTHONPATH": TESTS}`` and, say,
``-s DOWNLOADER_MIDDLEWARES='{"support.misbehaving.BadHops": 560}'`` gets them.
Each acts only on URLs whose path contains the ``MISBEHAVE_ON`` setting.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import scrapy


def _targets(crawler: Any, url: str) -> bool:
    mark = crawler.settings.get("MISBEHAVE_ON")
    return bool(mark) and mark in url


class BadHops:
    """Downloader middleware: gives the page a hop count that is not a number, so reading it
    raises inside the spider's callback (a bug no one foresaw)."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> BadHops:
        return cls(crawler)

    def process_request(self, request: scrapy.Request) -> None:
        if _targets(self.crawler, request.url):
            request.meta["hops"] = "not a number"


class Boom:
    """Item pipeline: raises on the record of the page."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> Boom:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if _targets(self.crawler, str(getattr(item, "url", ""))):
            raise RuntimeError("the catalog service is down")
        return item


class Swallow:
    """Spider middleware: drops the request for the page from what a callback returns, so the
    page is asked for and never fetched: lost, unless the crawl notices."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> Swallow:
        return cls(crawler)

    async def process_spider_output(
        self, response: Any, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        async for output in result:
            if isinstance(output, scrapy.Request) and _targets(self.crawler, output.url):
                continue
            yield output
