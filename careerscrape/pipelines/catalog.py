"""Merges every record into the role catalog as it passes; writes catalog.jsonl at close.

The catalog carries ``first_seen`` from the catalog of the run this one refreshes
(``PREVIOUS_DIR``), and every role's ``last_seen`` is at least this run's start.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scrapy.exceptions import NotConfigured

from careerscrape.catalog.merge import CatalogBuilder
from careerscrape.models import PageRecord
from careerscrape.outputs import CATALOG
from careerscrape.refresh.previous import previous_first_seen
from careerscrape.run.folders import run_started
from careerscrape.stats import CATALOG_ROLES


class CatalogPipeline:
    """Memory grows with the roles and the pages that name them, not with records: each
    record is merged into per-role state and not kept."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        run_dir = Path(crawler.settings.get("RUN_DIR"))
        self.path = run_dir / CATALOG
        history = previous_first_seen(crawler.settings.get("PREVIOUS_DIR"))
        self.builder = CatalogBuilder(history=history, run_started=run_started(run_dir))

    @classmethod
    def from_crawler(cls, crawler: Any) -> CatalogPipeline:
        if not crawler.settings.getbool("RUN_OUTPUTS"):
            raise NotConfigured  # only the crawl job writes outputs
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if isinstance(item, PageRecord):
            self.builder.add(item)
        return item

    def close_spider(self) -> None:
        roles = self.builder.write(self.path)
        self.crawler.stats.set_value(CATALOG_ROLES, roles)
