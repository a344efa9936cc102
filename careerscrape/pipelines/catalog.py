"""Merges every record into the role catalog as it passes; writes catalog.jsonl at close."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from careerscrape.catalog import CatalogBuilder
from careerscrape.models import PageRecord


class CatalogPipeline:
    """Memory grows with the roles and the pages that name them, not with records: each
    record is merged into per-role state and not kept."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.path = Path(crawler.settings.get("OUTPUT_DIR", "output")) / "catalog.jsonl"
        self.builder = CatalogBuilder()

    @classmethod
    def from_crawler(cls, crawler: Any) -> CatalogPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if isinstance(item, PageRecord):
            self.builder.add(item)
        return item

    def close_spider(self) -> None:
        roles = self.builder.write(self.path)
        self.crawler.stats.set_value("careerscrape/catalog/roles", roles)
