"""Counts records by type and, per field, how many hold a value: the fill rates.

A field whose fill rate falls is the first sign that the site's markup
changed; run.json reports every rate. Comparison fields are counted per side
(``roles.yearly_salary``), two per record.
"""

from __future__ import annotations

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

    @classmethod
    def from_crawler(cls, crawler: Any) -> FieldStatsPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if isinstance(item, PageRecord):
            stats, kind = self.crawler.stats, item.page_type
            stats.inc_value(records(kind))
            stats.inc_value(slots(kind), field_slots(item))
            for name, count in field_counts(item).items():
                stats.inc_value(fields(kind, name), count)
        return item
