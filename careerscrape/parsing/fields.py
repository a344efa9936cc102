"""What the parsers return: the content fields of each record type, typed.

A parser reads a page into these; :func:`careerscrape.parsing.page.read_document`
adds the provenance (URL, fetch time, body hash) and validates the whole into the
model of careerscrape.models, the data contract. They name the same fields as the
models (a test holds them to it) so that a parser's result reads like the record it
becomes, without building models twice on the hot path.
"""

from __future__ import annotations

from datetime import date
from typing import TypedDict

__all__ = [
    "ComparisonFields",
    "ComparisonSummaryFields",
    "IndustryFields",
    "RangeFields",
    "RoleFields",
    "ShareFields",
    "SideFields",
    "SkillFields",
    "SoftSkillFields",
]


class RangeFields(TypedDict):
    min: int | float
    max: int | float


class ShareFields(TypedDict):
    name: str
    percent: float


class IndustryFields(TypedDict):
    industry: str
    salary: int | None


class SkillFields(TypedDict):
    name: str
    percent: float
    example: str | None


class SoftSkillFields(TypedDict):
    name: str
    description: str | None
    example: str | None


class ComparisonSummaryFields(TypedDict):
    other_role: str
    other_role_slug: str
    other_description: str | None
    salary_difference: int | None
    shared_skills: list[str]
    role_only_skills: list[str]
    other_only_skills: list[str]
    role_top_industry: IndustryFields | None
    other_top_industry: IndustryFields | None
    masters_difference: float | None
    doctoral_difference: float | None


class RoleFields(TypedDict):
    """A role page: the fields of RoleProfile after its provenance."""

    role: str
    role_slug: str
    updated: date | None
    reading_minutes: int | None
    summary: str | None
    responsibilities: list[str]
    skills: list[SkillFields]
    soft_skills: list[SoftSkillFields]
    comparisons: list[ComparisonSummaryFields]
    category: str | None


class SideFields(TypedDict, total=False):
    """One side of a comparison page (RoleStats). Built field by field as the page is
    read, so any field may still be missing until the page is done."""

    role: str
    role_slug: str
    description: str | None
    years_to_become: RangeFields | None
    top_skills: list[str]
    yearly_salary: int | None
    hourly_rate: float | None
    growth_rate: float | None
    number_of_jobs: int | None
    job_satisfaction: float | None
    most_common_degree: ShareFields | None
    average_age: int | None
    years_of_experience: int | None
    salary_range: RangeFields | None
    highest_paying_city: str | None
    highest_paying_state: str | None
    best_paying_company: str | None
    best_paying_industry: str | None
    most_common_major: str | None
    most_common_college: str | None
    gender: list[ShareFields]
    race: list[ShareFields]
    lgbt_percent: float | None
    responsibilities: list[str]
    skills: list[ShareFields]


class ComparisonFields(TypedDict):
    """A comparison page: the fields of RoleComparison after its provenance."""

    roles: list[SideFields]
