"""One record per canonical URL per run: a page reached twice is written once."""

from __future__ import annotations

from typing import Any

from scrapy.exceptions import DropItem

from careerscrape.models import PageRecord
from careerscrape.stats import DUPLICATES


class DeduplicatePipeline:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.seen: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Any) -> DeduplicatePipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, PageRecord):
            return item
        if item.url in self.seen:
            self.crawler.stats.inc_value(DUPLICATES)
            raise DropItem(f"duplicate record: {item.url}", log_level="DEBUG")
        self.seen.add(item.url)
        return item
