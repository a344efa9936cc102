"""Counts records by type and, per field, how many hold a value: the fill rates.

A field whose fill rate falls is the first sign that the site's markup
changed; run.json reports every rate. Comparison fields are counted per side
(``roles.yearly_salary``), two per record.

Records by type go to the crawl stats as they pass (the progress line reads them
live); the per-field counts, 10 to 25 a record, are added up here and handed to
the stats when the pipeline closes, before the run is summarised: the stats
collector's per-call cost, 36 calls a page, was a measurable share of a crawl.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from careerscrape.models import PageRecord, RoleComparison, RoleProfile, RoleStats
from careerscrape.stats import fields, records, slots

PROVENANCE = frozenset(PageRecord.model_fields) | {"page_type"}
ROLE_FIELDS = [f for f in RoleProfile.model_fields if f not in PROVENANCE]
SIDE_FIELDS = list(RoleStats.model_fields)


def is_filled(value: Any) -> bool:
    return value is not None and value != [] and value != ""


def field_counts(record: PageRecord) -> dict[str, int]:
    """{field: number of places it is filled} for one record."""
    if isinstance(record, RoleProfile):
        return {name: int(is_filled(getattr(record, name))) for name in ROLE_FIELDS}
    if isinstance(record, RoleComparison):
        return {
            f"roles.{name}": sum(is_filled(getattr(side, name)) for side in record.roles)
            for name in SIDE_FIELDS
        }
    return {}


def field_slots(record: PageRecord) -> int:
    """How many places each field has in one record (2 sides on a comparison)."""
    return 2 if isinstance(record, RoleComparison) else 1


class FieldStatsPipeline:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        #: (kind, field) -> places filled; and kind -> places, added up until close.
        self.filled: Counter[tuple[str, str]] = Counter()
        self.slots: Counter[str] = Counter()

    @classmethod
    def from_crawler(cls, crawler: Any) -> FieldStatsPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if isinstance(item, PageRecord):
            kind = item.page_type
            self.crawler.stats.inc_value(records(kind))
            self.slots[kind] += field_slots(item)
            filled = self.filled
            for name, count in field_counts(item).items():
                filled[kind, name] += count
        return item

    def close_spider(self) -> None:
        """Hand the counts to the stats, which run.json and the monitors read next."""
        stats = self.crawler.stats
        for kind, count in self.slots.items():
            stats.inc_value(slots(kind), count)
        for (kind, name), count in self.filled.items():
            stats.inc_value(fields(kind, name), count)
