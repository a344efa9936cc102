"""Every reject goes to rejects.jsonl with its reason, and is counted; none reaches a feed."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from scrapy.exceptions import DropItem, NotConfigured

from careerscrape import outputs
from careerscrape.items import Reject
from careerscrape.models import utc_timestamp
from careerscrape.run.folders import open_run_file
from careerscrape.stats import REJECTS, rejects

logger = logging.getLogger(__name__)


class Rejected(DropItem):
    """The drop of a reject; ``reject`` is the line written, for item_dropped listeners
    (the job journal), whatever item the pipelines were given."""

    def __init__(self, reject: Reject) -> None:
        super().__init__(f"rejected ({reject.reason})", log_level="DEBUG")
        self.reject = reject


class RejectsPipeline:
    """Streams rejects to ``RUN_DIR/rejects.jsonl``, each line on disk as it is written.

    A reject is stamped with ``rejected_at`` and logged when it is first written. One that
    already has a ``rejected_at`` is replayed by a resumed job (careerscrape.run.journal): it
    keeps its time and was logged by the run that rejected it.
    """

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.path = Path(crawler.settings.get("RUN_DIR")) / outputs.REJECTS
        self._file: IO[str] | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> RejectsPipeline:
        if not crawler.settings.getbool("RUN_OUTPUTS"):
            raise NotConfigured  # only the crawl job writes outputs
        return cls(crawler)

    def open_spider(self) -> None:
        self._file = open_run_file(self.path)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Reject):
            return item
        stats = self.crawler.stats
        stats.inc_value(REJECTS)
        stats.inc_value(rejects(item.reason))
        if item.rejected_at is None:
            item.rejected_at = utc_timestamp(datetime.now(UTC))
            logger.warning("rejected %s (%s): %s", item.url, item.reason, item.detail)
        assert self._file is not None
        self._file.write(item.to_line())
        raise Rejected(item)

    def close_spider(self) -> None:
        if self._file is not None:
            self._file.close()
