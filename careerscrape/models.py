"""The data contract as Pydantic models.

Every record careerscrape writes is one of these models dumped with
``model_dump(mode="json")``. Field names follow the data contract
(docs/data-contract.md); unknown fields are refused so that a typo in a parser or a
pipeline fails loudly instead of writing a column nobody asked for.

Every field says what it holds (``description``) and, for a figure, its unit
(``unit``) and range (``ge``/``le``): ``careerscrape schema`` prints them, the
export's column types are derived from them (careerscrape.export) and
docs/data-dictionary.md is generated from them (``careerscrape dictionary``).

Values outside the ranges below are refused, never clipped or rounded: such a
value is a misread (a sign or digit lost, a year mistyped), and one record
dated 9999 would win every "newest wins" choice of the catalog.

One form for each kind of value, in every output file:

- a time is UTC in one RFC 3339 form, ``2026-12-07T03:00:00.123456Z`` (six fraction
  digits, ``Z``): :func:`utc_timestamp`, the form of every :data:`UtcTimestamp`;
- a page URL is canonical: https, lower-case host, no query or fragment, and its path
  ends with ``/`` (the site's own form): :func:`final_slash`. A URL read from an older
  output without its final slash is read in this form.
"""

from __future__ import annotations

import types
import typing
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit, urlunsplit

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    field_validator,
    model_validator,
)

#: 1.1.0: page URLs end with "/" and times have one form (see the module).
PARSER_VERSION = "1.1.0"

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

#: The units fields are given in (``unit`` in the JSON Schema and the data dictionary).
USD_YEAR = "US dollars per year (whole dollars)"
USD_HOUR = "US dollars per hour"
PERCENT = "percent"
POINTS = "percentage points"
YEARS = "years"

#: The one form of a time in every output: UTC, microseconds, ``Z``.
TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def utc_timestamp(value: datetime) -> str:
    """``value`` in the one form outputs write times in: ``2026-12-07T03:00:00.123456Z``.

    A naive datetime is taken as UTC. Python's ``isoformat()`` writes ``+00:00`` and
    drops a zero fraction, Pydantic writes ``Z``: one form, whatever wrote the file.
    """
    return _in_utc(value).strftime(TIMESTAMP_FORMAT)


def final_slash(path: str) -> str:
    """A page's path ends with ``/``, as the site writes its own; a file's does not.

    ``/chef-jobs/what-does-a-chef-do`` becomes ``/chef-jobs/what-does-a-chef-do/``;
    ``/sitemap.xml`` (a last segment with a dot) stays as it is.
    """
    last = path.rsplit("/", 1)[-1]
    return path if not last or "." in last else f"{path}/"


def _page_url_form(value: Any) -> Any:
    """A page URL read in today's form: an older output's URL without its final slash."""
    if not isinstance(value, str) or value.endswith("/") or "?" in value or "#" in value:
        return value  # today's form already (most are), or one left as it is
    parts = urlsplit(value)
    return urlunsplit(parts._replace(path=final_slash(parts.path)))


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
    StringConstraints(pattern=r"^https://[^\s?#]+/$"),
    BeforeValidator(_page_url_form),
    Field(description="Canonical page URL: https, no query, no fragment, ending with /."),
]
#: A time, written in the one form of :func:`utc_timestamp`.
UtcTimestamp = Annotated[
    datetime, PlainSerializer(utc_timestamp, return_type=str, when_used="json")
]


def described(description: str, unit: str | None = None, **constraints: Any) -> Any:
    """``Field(...)`` with a description and, for a figure, its unit (in the JSON Schema)."""
    extra = {"unit": unit} if unit else None
    return Field(description=description, json_schema_extra=extra, **constraints)


class Record(BaseModel):
    """Base of every model: strict about unknown fields, frozen after validation."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Range(Record):
    """A closed numeric interval (years to become)."""

    min: int | float = described("Lower end, inclusive.", ge=0)
    max: int | float = described("Upper end, inclusive; not below min.", ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.min > self.max:
            raise ValueError(f"range min {self.min} is greater than max {self.max}")
        return self


class SalaryRange(Range):
    """A salary range: whole US dollars per year, each end within the money ceiling."""

    min: Money = described("Lower end of the range, inclusive.", USD_YEAR)
    max: Money = described("Upper end of the range, inclusive; not below min.", USD_YEAR)


class Share(Record):
    """A named share of a population or of resumes, in percent."""

    name: Text = described("What the share is of: a degree, a gender, a race, a skill.")
    percent: Percent = described("The share, as the page shows it.", PERCENT)


class Industry(Record):
    """The industry that pays a role best, with its average salary when the page gives one."""

    industry: Text = described("The industry, as the page names it.")
    salary: Money | None = described(
        "Average salary of the role in that industry; null when the page gives none.",
        USD_YEAR, default=None,
    )  # fmt: skip


class Skill(Record):
    """A hard skill from a role page: share of resumes and the resume sentence under it."""

    name: Text = described("The skill, as the page names it.")
    percent: Percent = described("Share of the role's resumes that list the skill.", PERCENT)
    example: str | None = described(
        "The resume sentence the page quotes under the skill; null when none.", default=None
    )


class SoftSkill(Record):
    """A soft skill paragraph: the quoted reason and the quoted resume line."""

    name: Text = described("The soft skill, as the page names it.")
    description: str | None = described(
        "The quoted reason the role needs it; null when the paragraph quotes none.", default=None
    )
    example: str | None = described(
        "The quoted resume line showing it; null when none.", default=None
    )


class ComparisonSummary(Record):
    """A "X vs. Y" section of a role page, from the page role's point of view.

    Differences are B (the other role) minus A (the page role).
    """

    other_role: Text = described("The other role (B), spelt as the section heading writes it.")
    other_role_slug: Slug = described("The other role's slug: lower-case words joined by -.")
    other_description: str | None = described(
        "The section's description of the other role; null when none.", default=None
    )
    salary_difference: MoneyDifference | None = described(
        "B minus A: what the other role earns more (negative: less) than the page role.",
        USD_YEAR, default=None,
    )  # fmt: skip
    shared_skills: list[str] = described(
        "Skills both roles list, in page order.", default_factory=list
    )
    role_only_skills: list[str] = described(
        "Skills only the page role (A) lists, in page order.", default_factory=list
    )
    other_only_skills: list[str] = described(
        "Skills only the other role (B) lists, in page order.", default_factory=list
    )
    role_top_industry: Industry | None = described(
        "The industry that pays the page role (A) best; null when the section names none.",
        default=None,
    )
    other_top_industry: Industry | None = described(
        "The industry that pays the other role (B) best; null when the section names none.",
        default=None,
    )
    masters_difference: PointsDifference | None = described(
        "B minus A: how much more (negative: less) likely B is to hold a master's degree.",
        POINTS, default=None,
    )  # fmt: skip
    doctoral_difference: PointsDifference | None = described(
        "B minus A: how much more (negative: less) likely B is to hold a doctoral degree.",
        POINTS, default=None,
    )  # fmt: skip


class PageRecord(Record):
    """Provenance shared by every page record."""

    url: CanonicalUrl = described(
        "The page's canonical URL: https, lower-case host, no query or fragment, ending with /."
    )
    fetched_at: UtcTimestamp = described(
        "When the page's content was read: UTC. A page a refresh found unchanged keeps the "
        "time it was read at."
    )
    content_sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] = described(
        "SHA-256 of the response body, lower-case hex: the same body, the same hash."
    )
    parser_version: str = described(
        "Version of the parser that made the record; a refresh reuses only its own version's.",
        default=PARSER_VERSION,
    )

    def json_line(self) -> bytes:
        """The record's line in a JSON Lines feed: ``model_dump_json()``, the values of
        ``model_dump(mode="json")`` in the same forms, written by pydantic-core at a third
        of the cost (no spaces). The crawl's feeds and ``reparse`` write it."""
        return self.model_dump_json().encode() + b"\n"

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

    page_type: Literal["role"] = described('Always "role": a role page.', default="role")
    role: Text = described("The role, spelt as the page's title writes it (its casing kept).")
    role_slug: Slug = described(
        "The role's key: lower-case words joined by -, from the URL where it names the role."
    )
    updated: PageDate | None = described(
        "The date the page says it was updated; null when it shows none.", default=None
    )
    reading_minutes: int | None = described(
        "The reading time the page shows.", "minutes", default=None, ge=0
    )
    summary: str | None = described("The paragraph under the title.", default=None)
    responsibilities: list[str] = described(
        "The role's duties, as the page lists them, in page order.", default_factory=list
    )
    skills: list[Skill] = described(
        "Hard skills with their share of resumes, in page order.", default_factory=list
    )
    soft_skills: list[SoftSkill] = described(
        "Soft skills with the page's reason and resume line, in page order.",
        default_factory=list,
    )
    comparisons: list[ComparisonSummary] = described(
        'One per "X vs. Y" section, from the page role\'s point of view, in page order.',
        default_factory=list,
    )
    category: str | None = described(
        'The job category the page links to ("Browse office and administrative jobs").',
        default=None,
    )

    @model_validator(mode="after")
    def _dated_before_fetched(self) -> RoleProfile:
        _not_after(self.updated, self.fetched_at, "fetched_at")
        return self


class RoleStats(Record):
    """One side (column) of a comparison page."""

    role: Text = described("The role, spelt as the column header writes it (its casing kept).")
    role_slug: Slug = described("The role's key: lower-case words joined by -.")
    description: str | None = described(
        "The page's description of the role; null when none.", default=None
    )
    years_to_become: Range | None = described(
        "How long it takes to become one, as a range.", YEARS, default=None
    )
    top_skills: list[str] = described(
        "The skills the page names as the role's top ones, in page order.", default_factory=list
    )
    yearly_salary: Money | None = described("Average yearly salary.", USD_YEAR, default=None)
    hourly_rate: Hourly | None = described("Average hourly rate.", USD_HOUR, default=None)
    growth_rate: GrowthRate | None = described(
        "Projected ten-year change in the number of jobs.", PERCENT, default=None
    )
    number_of_jobs: int | None = described(
        "Number of jobs (openings and employed) the page counts.", "jobs", default=None, ge=0
    )
    job_satisfaction: float | None = described(
        "Job satisfaction rating.", "rating out of 5", default=None, ge=0, le=5
    )
    most_common_degree: Share | None = described(
        "The most common degree and the share of the role that holds it.", default=None
    )
    average_age: int | None = described(
        "Average age of the people in the role.", YEARS, default=None, ge=0, le=120
    )
    years_of_experience: int | None = described(
        "Years of experience the role typically asks for.", YEARS, default=None, ge=0
    )
    salary_range: SalaryRange | None = described(
        "The range of yearly salaries the page shows.", USD_YEAR, default=None
    )
    highest_paying_city: str | None = described(
        'The city that pays the role best ("Olympia, WA").', default=None
    )
    highest_paying_state: str | None = described(
        "The US state that pays the role best.", default=None
    )
    best_paying_company: str | None = described(
        "The company that pays the role best.", default=None
    )
    best_paying_industry: str | None = described(
        "The industry that pays the role best.", default=None
    )
    most_common_major: str | None = described("The most common college major.", default=None)
    most_common_college: str | None = described("The most common college.", default=None)
    gender: list[Share] = described(
        "Shares of the role by gender, in page order.", PERCENT, default_factory=list
    )
    race: list[Share] = described(
        "Shares of the role by race or ethnicity, in page order.", PERCENT, default_factory=list
    )
    lgbt_percent: Percent | None = described(
        "Share of the role that identifies as LGBT.", PERCENT, default=None
    )
    responsibilities: list[str] = described(
        "The role's duties the page lists, in page order.", default_factory=list
    )
    skills: list[Share] = described(
        "Skills with their share of resumes, in page order.", PERCENT, default_factory=list
    )


class RoleComparison(PageRecord):
    """A comparison page: "X vs Y", exactly two sides in the page's column order."""

    page_type: Literal["comparison"] = described(
        'Always "comparison": a comparison page.', default="comparison"
    )
    roles: list[RoleStats] = described(
        "The two roles compared, in the page's column order (the left column first).",
        min_length=2, max_length=2,
    )  # fmt: skip


class RelatedRole(Record):
    """An edge of the comparison graph, seen from the catalog entry's role."""

    role_slug: Slug = described("The other role's slug.")
    salary_difference: MoneyDifference | None = described(
        "Other role minus this role: what the other role earns more (negative: less).",
        USD_YEAR, default=None,
    )  # fmt: skip
    url: CanonicalUrl = described("The page the difference is read from.")


class ConflictValue(Record):
    """One page's value of a field on which pages disagree."""

    value: Any = described("The value the page shows, as in its record.")
    url: CanonicalUrl = described("The page that shows it.")


class Conflict(Record):
    """A field on which two pages disagree, with every value and where it came from."""

    field: str = described("The catalog field the pages disagree on (yearly_salary...).")
    values: list[ConflictValue] = described("Every page's value, by URL order.", min_length=2)


class RoleCatalogEntry(Record):
    """One role in the deduplicated catalog, merged from every page that mentions it.

    How each field is chosen: careerscrape.catalog.merge.
    """

    role_slug: Slug = described("The key: unique in the catalog; lower-case words joined by -.")
    title: Text = described(
        "The role's display name in Title Case (small words lower-case, acronyms kept), from "
        "the best name the pages give: a comparison table header, else a role page title."
    )
    aliases: list[str] = described(
        "Every other spelling the pages give the role (their casing kept), sorted.",
        default_factory=list,
    )
    sources: list[CanonicalUrl] = described(
        "Every page that names the role, sorted.", default_factory=list
    )
    summary: str | None = described(
        "From the role's own page, else a comparison page's description.", default=None
    )
    category: str | None = described("The job category of the role's own page.", default=None)
    years_to_become: Range | None = described(
        "How long it takes to become one (a comparison page).", YEARS, default=None
    )
    yearly_salary: Money | None = described(
        "Average yearly salary (a comparison page).", USD_YEAR, default=None
    )
    hourly_rate: Hourly | None = described(
        "Average hourly rate (a comparison page).", USD_HOUR, default=None
    )
    growth_rate: GrowthRate | None = described(
        "Projected ten-year change in jobs (a comparison page).", PERCENT, default=None
    )
    number_of_jobs: int | None = described(
        "Number of jobs (a comparison page).", "jobs", default=None, ge=0
    )
    job_satisfaction: float | None = described(
        "Job satisfaction rating (a comparison page).", "rating out of 5",
        default=None, ge=0, le=5,
    )  # fmt: skip
    most_common_degree: Share | None = described(
        "The most common degree and its share (a comparison page).", default=None
    )
    average_age: int | None = described(
        "Average age (a comparison page).", YEARS, default=None, ge=0, le=120
    )
    years_of_experience: int | None = described(
        "Years of experience asked for (a comparison page).", YEARS, default=None, ge=0
    )
    salary_range: SalaryRange | None = described(
        "Range of yearly salaries (a comparison page).", USD_YEAR, default=None
    )
    highest_paying_city: str | None = described(
        "City that pays best (a comparison page).", default=None
    )
    highest_paying_state: str | None = described(
        "US state that pays best (a comparison page).", default=None
    )
    best_paying_company: str | None = described(
        "Company that pays best (a comparison page).", default=None
    )
    best_paying_industry: str | None = described(
        "Industry that pays best (a comparison page).", default=None
    )
    most_common_major: str | None = described(
        "Most common college major (a comparison page).", default=None
    )
    most_common_college: str | None = described(
        "Most common college (a comparison page).", default=None
    )
    gender: list[Share] = described(
        "Shares by gender (a comparison page).", PERCENT, default_factory=list
    )
    race: list[Share] = described(
        "Shares by race or ethnicity (a comparison page).", PERCENT, default_factory=list
    )
    lgbt_percent: Percent | None = described(
        "Share that identifies as LGBT (a comparison page).", PERCENT, default=None
    )
    skills: list[Share] = described(
        "Skills and their share of resumes: the role's own page, else comparison pages.",
        PERCENT, default_factory=list,
    )  # fmt: skip
    responsibilities: list[str] = described(
        "Duties: the role's own page, else comparison pages; duplicates removed.",
        default_factory=list,
    )
    related: list[RelatedRole] = described(
        "Edges of the comparison graph: one per other role compared with, by slug.",
        default_factory=list,
    )
    updated: PageDate | None = described(
        "The newest date a role page that names the role says it was updated.", default=None
    )
    first_seen: UtcTimestamp | None = described(
        "Since when the dataset knows the role: the earliest fetched_at of a page naming it, "
        "carried from run to run (a refresh keeps the first_seen of the run it refreshes).",
        default=None,
    )
    last_seen: UtcTimestamp | None = described(
        "When the latest run saw the role: the newest fetched_at of a page naming it, or the "
        "run's start time if later (a page a refresh found unchanged keeps its fetched_at).",
        default=None,
    )
    conflicts: list[Conflict] = described(
        "The figures on which pages disagree, with every page's value.", default_factory=list
    )

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


class ValidationIssue(Record):
    """One validation error of a rejected record (Pydantic's error, without the input)."""

    type: str = described("Pydantic's error type (greater_than_equal, missing...).")
    loc: list[str | int] = described("Where in the record: field names and list positions.")
    msg: str = described("The error, in words.")


class RejectLine(Record):
    """A line of rejects.jsonl: a URL that did not become a record, and why.

    The rejects pipeline writes these (careerscrape.items.Reject); this model reads them
    back (the export, the data dictionary).
    """

    url: str = described(
        "The page asked for (canonical URL), or the start-list line or sitemap URL refused."
    )
    reason: str = described(
        "A short stable kind: http_404, parse, validation, blocked, encoding, offsite..."
    )
    detail: str = described("The reason in one line of words.", default="")
    errors: list[ValidationIssue] = described(
        "The validation errors of a validation reject; [] otherwise.", default_factory=list
    )
    status: int | None = described(
        "The HTTP status of the response, when there was one.", default=None
    )
    rejected_at: UtcTimestamp | None = described("When the reject was written: UTC.", default=None)


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


def plain_type(annotation: Any) -> Any:
    """The annotation without ``Annotated[...]`` and without ``| None``."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            if len(args) != 1:
                return tuple(args)  # int | float
            annotation = args[0]
        else:
            return annotation


def list_item(annotation: Any) -> Any | None:
    """``X`` of a ``list[X]`` field (None for any other)."""
    plain = plain_type(annotation)
    return typing.get_args(plain)[0] if typing.get_origin(plain) is list else None


PAGE_MODELS: dict[str, type[PageRecord]] = {"role": RoleProfile, "comparison": RoleComparison}

#: Every record type, by the name `careerscrape schema` prints it under.
SCHEMA_MODELS: dict[str, type[Record]] = {
    "RoleProfile": RoleProfile,
    "RoleComparison": RoleComparison,
    "RoleCatalogEntry": RoleCatalogEntry,
    "RejectLine": RejectLine,
}
