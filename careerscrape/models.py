"""The data contract as Pydantic models.

Every record careerscrape writes is one of these models dumped with
``model_dump(mode="json")``. Field names follow the data contract (README,
"Data contract"); unknown fields are refused so that a typo in a parser or a
pipeline fails loudly instead of writing a column nobody asked for.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
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
Money = Annotated[int, Field(ge=0, description="Whole US dollars per year.")]
Hourly = Annotated[float, Field(ge=0, description="US dollars per hour.")]
Percent = Annotated[float, Field(ge=0, le=100, description="Percent, 0-100.")]
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
    salary_difference: int | None = Field(None, description="B minus A, dollars per year.")
    shared_skills: list[str] = Field(default_factory=list)
    role_only_skills: list[str] = Field(default_factory=list)
    other_only_skills: list[str] = Field(default_factory=list)
    role_top_industry: Industry | None = None
    other_top_industry: Industry | None = None
    masters_difference: float | None = Field(None, description="Percentage points, B minus A.")
    doctoral_difference: float | None = Field(None, description="Percentage points, B minus A.")


class PageRecord(Record):
    """Provenance shared by every page record."""

    url: CanonicalUrl
    fetched_at: datetime
    content_sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    parser_version: str = PARSER_VERSION

    @field_validator("fetched_at")
    @classmethod
    def _utc(cls, value: datetime) -> datetime:
        """Naive datetimes are taken as UTC; aware ones are converted to UTC."""
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class RoleProfile(PageRecord):
    """A role page: "What does a X do?"."""

    page_type: Literal["role"] = "role"
    role: Text
    role_slug: Slug
    updated: date | None = None
    reading_minutes: int | None = Field(None, ge=0)
    summary: str | None = None
    responsibilities: list[str] = Field(default_factory=list)
    skills: list[Skill] = Field(default_factory=list)
    soft_skills: list[SoftSkill] = Field(default_factory=list)
    comparisons: list[ComparisonSummary] = Field(default_factory=list)
    category: str | None = None


class RoleStats(Record):
    """One side (column) of a comparison page."""

    role: Text
    role_slug: Slug
    description: str | None = None
    years_to_become: Range | None = None
    top_skills: list[str] = Field(default_factory=list)
    yearly_salary: Money | None = None
    hourly_rate: Hourly | None = None
    growth_rate: float | None = Field(None, description="Percent; may be negative.")
    number_of_jobs: int | None = Field(None, ge=0)
    job_satisfaction: float | None = Field(None, ge=0, le=5)
    most_common_degree: Share | None = None
    average_age: int | None = Field(None, ge=0, le=120)
    years_of_experience: int | None = Field(None, ge=0)
    salary_range: Range | None = None
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
    salary_difference: int | None = Field(None, description="Other role minus this role.")
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
    growth_rate: float | None = None
    number_of_jobs: int | None = Field(None, ge=0)
    job_satisfaction: float | None = Field(None, ge=0, le=5)
    most_common_degree: Share | None = None
    average_age: int | None = Field(None, ge=0, le=120)
    years_of_experience: int | None = Field(None, ge=0)
    salary_range: Range | None = None
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
    updated: date | None = None
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    conflicts: list[Conflict] = Field(default_factory=list)


PAGE_MODELS: dict[str, type[PageRecord]] = {"role": RoleProfile, "comparison": RoleComparison}

#: Every record type, by the name `careerscrape schema` prints it under.
SCHEMA_MODELS: dict[str, type[Record]] = {
    "RoleProfile": RoleProfile,
    "RoleComparison": RoleComparison,
    "RoleCatalogEntry": RoleCatalogEntry,
}
