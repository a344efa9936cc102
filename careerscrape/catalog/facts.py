"""What a page tells the catalog: the few values of a record the merge reads, as tuples.

The catalog merge (:mod:`careerscrape.catalog.merge`) reads a handful of each
record's fields. Taking them out first, as named tuples of strings, numbers and
dates, lets the work be split between processes: ``careerscrape reparse``'s workers
take the facts out of the records they parse, and the process that writes the
catalog receives tuples that cost microseconds to pass, where a pickled record
costs a quarter of a millisecond to rebuild (its nested pydantic models).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, NamedTuple

from careerscrape.models import PageRecord, RoleProfile

__all__ = [
    "FIGURES",
    "LISTS",
    "ComparisonFacts",
    "Mention",
    "PageFacts",
    "RolePageFacts",
    "SideFacts",
    "facts_of",
]

#: RoleStats fields copied to the catalog entry from comparison pages, with conflicts.
FIGURES = (
    "years_to_become",
    "yearly_salary",
    "hourly_rate",
    "growth_rate",
    "number_of_jobs",
    "job_satisfaction",
    "most_common_degree",
    "average_age",
    "years_of_experience",
    "salary_range",
    "highest_paying_city",
    "highest_paying_state",
    "best_paying_company",
    "best_paying_industry",
    "most_common_major",
    "most_common_college",
    "gender",
    "race",
    "lgbt_percent",
)
LISTS = ("skills", "responsibilities")
#: What a comparison side gives its role's entry, kept per page as one JSON string.
SIDE_FIELDS = frozenset(FIGURES + LISTS)


class Mention(NamedTuple):
    """A comparison sub-heading of a role page: another role it names."""

    other_slug: str
    other_role: str
    other_description: str | None
    salary_difference: int | None


class RolePageFacts(NamedTuple):
    """What a role page (RoleProfile) tells the catalog."""

    url: str
    fetched_at: datetime
    role_slug: str
    role: str
    summary: str | None
    category: str | None
    #: ``{"name", "percent"}`` of each skill, in page order.
    skills: list[dict[str, Any]]
    responsibilities: list[str]
    comparisons: list[Mention]
    updated: date | None


class SideFacts(NamedTuple):
    """One side of a comparison page (RoleStats)."""

    role_slug: str
    role: str
    description: str | None
    #: Its figures and lists (:data:`SIDE_FIELDS`) as JSON, nulls left out.
    side: str
    yearly_salary: int | None


class ComparisonFacts(NamedTuple):
    """What a comparison page (RoleComparison) tells the catalog."""

    url: str
    fetched_at: datetime
    sides: tuple[SideFacts, ...]


PageFacts = RolePageFacts | ComparisonFacts


def facts_of(record: PageRecord) -> PageFacts:
    """The facts of a RoleProfile or RoleComparison."""
    if isinstance(record, RoleProfile):
        return RolePageFacts(
            record.url,
            record.fetched_at,
            record.role_slug,
            record.role,
            record.summary,
            record.category,
            [{"name": skill.name, "percent": skill.percent} for skill in record.skills],
            record.responsibilities,
            [
                Mention(c.other_role_slug, c.other_role, c.other_description, c.salary_difference)
                for c in record.comparisons
            ],
            record.updated,
        )
    sides = tuple(
        SideFacts(
            stats.role_slug,
            stats.role,
            stats.description,
            stats.model_dump_json(include=SIDE_FIELDS, exclude_defaults=True),
            stats.yearly_salary,
        )
        for stats in record.roles  # type: ignore[attr-defined]
    )
    return ComparisonFacts(record.url, record.fetched_at, sides)
