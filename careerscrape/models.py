"""The data contract as Pydantic models.

Every record careerscrape writes is one of these models dumped with
``model_dump(mode="json")``. Field names follow the data contract (README,
"Data contract"); unknown fields are refused so that a typo in a parser or a
pipeline fails loudly instead of writing a column nobody asked for.

Values outside the ranges below are refused, never clipped or rounded: such a
value is a misread (a sign or digit lost, a year mistyped), and one record
dated 9999 would win every "newest wins" choice of the catalog.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

PARSER_VERSION = "1.0.0"

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1)]
#: Ten million dollars a year: far above any role's average pay (the best-paid ones
#: average well under $1M), and far below 2**53, where a float stops counting dollars.
MONEY_CEILING = 10_000_000
#: The yearly ceiling over a 2,080-hour working year, rounded up.
HOURLY_CEILING = 5_000
#: Growth is the projected change in a role's jobs over ten years, in percent. A role
#: cannot lose more than all its jobs (-100); the largest ten-year projection the US
#: statistics have published is about +105% (solar installers, 2016-26), so +200
#: (three times the jobs) is a generous ceiling. The site shows -6% to +16% for most.
GROWTH_MIN, GROWTH_MAX = -100, 200
#: No page date comes before the site (or the web as we know it).
EARLIEST_DATE = date(1990, 1, 1)
#: A page's date is written in the site's time zone, at most a day ahead of UTC; a
#: fetch time is checked against this machine's clock, which may lag the crawler's.
DATE_SLACK = timedelta(days=1)

Money = Annotated[
    int,
    Field(ge=0, le=MONEY_CEILING, description="Whole US dollars per year, 0 to 10,000,000."),
]
Hourly = Annotated[
    float, Field(ge=0, le=HOURLY_CEILING, description="US dollars per hour, 0 to 5,000.")
]
MoneyDifference = Annotated[
    int,
    Field(
        ge=-MONEY_CEILING,
        le=MONEY_CEILING,
        description="Whole US dollars per year, -10,000,000 to 10,000,000.",
    ),
]
Percent = Annotated[float, Field(ge=0, le=100, description="Percent, 0-100.")]
PointsDifference = Annotated[
    float, Field(ge=-100, le=100, description="Percentage points, -100 to 100.")
]
GrowthRate = Annotated[
    float,
    Field(
        ge=GROWTH_MIN,
        le=GROWTH_MAX,
        description="Projected ten-year change in the number of jobs, percent, -100 to 200.",
    ),
]
PageDate = Annotated[
    date,
    Field(
        ge=EARLIEST_DATE,
        description="A date the page shows: from 1990-01-01 to the day it was fetched.",
    ),
]
CanonicalUrl = Annotated[
    str,
    StringConstraints(pattern=r"^https://[^\s?#]+$"),
    Field(description="Canonical page URL: https, no query, no fragment."),
]


class Record(BaseModel):
    """Base of every model: strict about unknown fields, frozen after validation."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Range(Record):
    """A closed numeric interval (salary range, years to become)."""

    min: int | float = Field(ge=0)
    max: int | float = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.min > self.max:
            raise ValueError(f"range min {self.min} is greater than max {self.max}")
        return self


class SalaryRange(Range):
    """A salary range: whole US dollars per year, each end within the money ceiling."""

    min: Money
    max: Money


class Share(Record):
    """A named share of a population or of resumes, in percent."""

    name: Text
    percent: Percent


class Industry(Record):
    """The industry that pays a role best, with its average salary when the page gives one."""

    industry: Text
    salary: Money | None = None


class Skill(Record):
    """A hard skill from a role page: share of resumes and the resume sentence under it."""

    name: Text
    percent: Percent
    example: str | None = None


class SoftSkill(Record):
    """A soft skill paragraph: the quoted reason and the quoted resume line."""

    name: Text
    description: str | None = None
    example: str | None = None


class ComparisonSummary(Record):
    """A "X vs. Y" section of a role page, from the page role's point of view.

    Differences are B (the other role) minus A (the page role).
    """

    other_role: Text
    other_role_slug: Slug
    other_description: str | None = None
    salary_difference: MoneyDifference | None = Field(
        None, description="B minus A, whole US dollars per year, -10,000,000 to 10,000,000."
    )
    shared_skills: list[str] = Field(default_factory=list)
    role_only_skills: list[str] = Field(default_factory=list)
    other_only_skills: list[str] = Field(default_factory=list)
    role_top_industry: Industry | None = None
    other_top_industry: Industry | None = None
    masters_difference: PointsDifference | None = Field(
        None, description="Percentage points, B minus A, -100 to 100."
    )
    doctoral_difference: PointsDifference | None = Field(
        None, description="Percentage points, B minus A, -100 to 100."
    )


class PageRecord(Record):
    """Provenance shared by every page record."""

    url: CanonicalUrl
    fetched_at: datetime
    content_sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    parser_version: str = PARSER_VERSION

    @field_validator("fetched_at")
    @classmethod
    def _utc(cls, value: datetime) -> datetime:
        """Naive datetimes are taken as UTC; aware ones are converted to UTC.

        A fetch time before 1990 or in the future is refused: the catalog's
        "newest wins" choices go by it.
        """
        return _fetch_time(_in_utc(value))


class RoleProfile(PageRecord):
    """A role page: "What does a X do?"."""

    page_type: Literal["role"] = "role"
    role: Text
    role_slug: Slug
    updated: PageDate | None = None
    reading_minutes: int | None = Field(None, ge=0)
    summary: str | None = None
    responsibilities: list[str] = Field(default_factory=list)
    skills: list[Skill] = Field(default_factory=list)
    soft_skills: list[SoftSkill] = Field(default_factory=list)
    comparisons: list[ComparisonSummary] = Field(default_factory=list)
    category: str | None = None

    @model_validator(mode="after")
    def _dated_before_fetched(self) -> RoleProfile:
        _not_after(self.updated, self.fetched_at, "fetched_at")
        return self


class RoleStats(Record):
    """One side (column) of a comparison page."""

    role: Text
    role_slug: Slug
    description: str | None = None
    years_to_become: Range | None = None
    top_skills: list[str] = Field(default_factory=list)
    yearly_salary: Money | None = None
    hourly_rate: Hourly | None = None
    growth_rate: GrowthRate | None = None
    number_of_jobs: int | None = Field(None, ge=0)
    job_satisfaction: float | None = Field(None, ge=0, le=5)
    most_common_degree: Share | None = None
    average_age: int | None = Field(None, ge=0, le=120)
    years_of_experience: int | None = Field(None, ge=0)
    salary_range: SalaryRange | None = None
    highest_paying_city: str | None = None
    highest_paying_state: str | None = None
    best_paying_company: str | None = None
    best_paying_industry: str | None = None
    most_common_major: str | None = None
    most_common_college: str | None = None
    gender: list[Share] = Field(default_factory=list)
    race: list[Share] = Field(default_factory=list)
    lgbt_percent: Percent | None = None
    responsibilities: list[str] = Field(default_factory=list)
    skills: list[Share] = Field(default_factory=list)


class RoleComparison(PageRecord):
    """A comparison page: "X vs Y", exactly two sides in the page's column order."""

    page_type: Literal["comparison"] = "comparison"
    roles: list[RoleStats] = Field(min_length=2, max_length=2)


class RelatedRole(Record):
    """An edge of the comparison graph, seen from the catalog entry's role."""

    role_slug: Slug
    salary_difference: MoneyDifference | None = Field(
        None, description="Other role minus this role, whole US dollars per year."
    )
    url: CanonicalUrl


class ConflictValue(Record):
    value: Any
    url: CanonicalUrl


class Conflict(Record):
    """A field on which two pages disagree, with every value and where it came from."""

    field: str
    values: list[ConflictValue] = Field(min_length=2)


class RoleCatalogEntry(Record):
    """One role in the deduplicated catalog, merged from every page that mentions it."""

    role_slug: Slug
    title: Text
    aliases: list[str] = Field(default_factory=list)
    sources: list[CanonicalUrl] = Field(default_factory=list)
    summary: str | None = None
    category: str | None = None
    years_to_become: Range | None = None
    yearly_salary: Money | None = None
    hourly_rate: Hourly | None = None
    growth_rate: GrowthRate | None = None
    number_of_jobs: int | None = Field(None, ge=0)
    job_satisfaction: float | None = Field(None, ge=0, le=5)
    most_common_degree: Share | None = None
    average_age: int | None = Field(None, ge=0, le=120)
    years_of_experience: int | None = Field(None, ge=0)
    salary_range: SalaryRange | None = None
    highest_paying_city: str | None = None
    highest_paying_state: str | None = None
    best_paying_company: str | None = None
    best_paying_industry: str | None = None
    most_common_major: str | None = None
    most_common_college: str | None = None
    gender: list[Share] = Field(default_factory=list)
    race: list[Share] = Field(default_factory=list)
    lgbt_percent: Percent | None = None
    skills: list[Share] = Field(default_factory=list)
    responsibilities: list[str] = Field(default_factory=list)
    related: list[RelatedRole] = Field(default_factory=list)
    updated: PageDate | None = None
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    conflicts: list[Conflict] = Field(default_factory=list)

    @field_validator("first_seen", "last_seen")
    @classmethod
    def _fetched_in_reason(cls, value: datetime | None) -> datetime | None:
        return None if value is None else _fetch_time(value)

    @model_validator(mode="after")
    def _dated_before_seen(self) -> RoleCatalogEntry:
        first, last = self.first_seen, self.last_seen
        if first and last and _in_utc(first) > _in_utc(last):
            raise ValueError(f"first_seen {self.first_seen} is after last_seen {self.last_seen}")
        _not_after(self.updated, self.last_seen, "last_seen")
        return self


def _in_utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _fetch_time(value: datetime) -> datetime:
    """Refuse a fetch time before 1990 or after now (give or take a day of clock skew)."""
    when = _in_utc(value)
    if when.date() < EARLIEST_DATE or when > datetime.now(UTC) + DATE_SLACK:
        raise ValueError(f"fetch time {value.isoformat()} is before 1990 or in the future")
    return value


def _not_after(day: date | None, fetched: datetime | None, name: str) -> None:
    """Refuse a page date later than the fetch that read it (than now, with no fetch time)."""
    if day is None:
        return
    latest = _in_utc(fetched or datetime.now(UTC)).date() + DATE_SLACK
    if day > latest:
        against = f"{name} {fetched.isoformat()}" if fetched else "today"
        raise ValueError(f"date {day} is after {against}: a page cannot show a later date")


PAGE_MODELS: dict[str, type[PageRecord]] = {"role": RoleProfile, "comparison": RoleComparison}

#: Every record type, by the name `careerscrape schema` prints it under.
SCHEMA_MODELS: dict[str, type[Record]] = {
    "RoleProfile": RoleProfile,
    "RoleComparison": RoleComparison,
    "RoleCatalogEntry": RoleCatalogEntry,
}
