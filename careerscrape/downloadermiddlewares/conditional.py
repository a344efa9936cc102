"""Conditional requests of a refresh run: If-None-Match / If-Modified-Since."""

from __future__ import annotations

from typing import Any

import scrapy


class ConditionalRequestsMiddleware:
    """Downloader middleware: conditional headers on requests for pages the previous run
    has a reusable record of (see :meth:`Refresh.prepare`). Off without ``spider.refresh``."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> ConditionalRequestsMiddleware:
        return cls(crawler)

    def process_request(self, request: scrapy.Request) -> None:
        refresh = getattr(self.crawler.spider, "refresh", None)
        if refresh is not None:
            refresh.prepare(request)
