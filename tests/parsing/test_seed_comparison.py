"""Seed 003 (customer service director vs customer service manager), every RoleStats field of
both sides, in every markup style of the page.

Values are the data contract's (records.md, "RoleComparison"), not the fixture's expected.json.
"""

from __future__ import annotations

from typing import Any

import pytest

from careerscrape.models import RoleComparison, RoleStats
from careerscrape.parsing import parse_page
from careerscrape.testing.fixtures import Fixture

URL = (
    "https://www.zippia.com/customer-service-director-jobs/"
    "customer-service-director-vs-customer-service-manager-differences/"
)

LEFT: dict[str, Any] = {
    "role": "Customer Service Director",
    "role_slug": "customer-service-director",
    "years_to_become": {"min": 4, "max": 6},
    "top_skills": ["customer satisfaction", "customer support", "continuous improvement"],
    "yearly_salary": 134962,
    "hourly_rate": 64.89,
    "growth_rate": 6.0,
    "number_of_jobs": 158016,
    "job_satisfaction": None,
    "most_common_degree": {"name": "Bachelor's Degree", "percent": 69.0},
    "average_age": 47,
    "years_of_experience": 6,
    "salary_range": {"min": 94000, "max": 191000},
    "highest_paying_city": "Olympia, WA",
    "highest_paying_state": "Washington",
    "best_paying_company": "VMware",
    "best_paying_industry": "Health Care",
    "most_common_major": "Business",
    "most_common_college": "California State University - Bakersfield",
    "gender": [{"name": "Male", "percent": 55.0}, {"name": "Female", "percent": 45.0}],
    "race": [
        {"name": "Black or African American", "percent": 9.6},
        {"name": "Unknown", "percent": 4.8},
        {"name": "Hispanic or Latino", "percent": 18.2},
        {"name": "Asian", "percent": 5.9},
        {"name": "White", "percent": 60.7},
        {"name": "American Indian and Alaska Native", "percent": 0.7},
    ],
    "lgbt_percent": 8.0,
    "skills": [
        {"name": "Customer Satisfaction", "percent": 14.0},
        {"name": "Customer Support", "percent": 6.0},
        {"name": "Continuous Improvement", "percent": 6.0},
        {"name": "CRM", "percent": 4.0},
        {"name": "Project Management", "percent": 4.0},
        {"name": "Employee Development", "percent": 4.0},
    ],
}

RIGHT: dict[str, Any] = {
    "role": "Customer Service Manager",
    "role_slug": "customer-service-manager",
    "years_to_become": {"min": 4, "max": 6},
    "top_skills": ["strong customer service", "payroll", "customer satisfaction"],
    "yearly_salary": 61487,
    "hourly_rate": 29.56,
    "growth_rate": 6.0,
    "number_of_jobs": 313110,
    "job_satisfaction": 5.0,
    "most_common_degree": {"name": "Bachelor's Degree", "percent": 46.0},
    "average_age": 44,
    "years_of_experience": 6,
    "salary_range": {"min": 35000, "max": 105000},
    "highest_paying_city": "Washington, DC",
    "highest_paying_state": "New Jersey",
    "best_paying_company": "KLA",
    "best_paying_industry": "Manufacturing",
    "most_common_major": "Business",
    "most_common_college": "University of Pennsylvania",
    "gender": [{"name": "Male", "percent": 37.0}, {"name": "Female", "percent": 63.0}],
    "race": [
        {"name": "Black or African American", "percent": 6.3},
        {"name": "Unknown", "percent": 4.3},
        {"name": "Hispanic or Latino", "percent": 15.5},
        {"name": "Asian", "percent": 6.4},
        {"name": "White", "percent": 67.0},
        {"name": "American Indian and Alaska Native", "percent": 0.5},
    ],
    "lgbt_percent": 10.0,
    "skills": [
        {"name": "Strong Customer Service", "percent": 15.0},
        {"name": "Payroll", "percent": 6.0},
        {"name": "Customer Satisfaction", "percent": 6.0},
        {"name": "Customer Complaints", "percent": 6.0},
        {"name": "Customer Service", "percent": 6.0},
        {"name": "ISO", "percent": 5.0},
    ],
}

#: (start, end) of each side's description; the whole text is checked for clean whitespace.
DESCRIPTIONS = [
    (
        "A customer service director is primarily in charge of spearheading and overseeing "
        "the efforts in customer service operations.",
        "all while implementing the company's policies and regulations.",
    ),
    (
        "Customer service managers are in charge of overseeing a group of customer service "
        "associates.",
        "They should have customer service skills, decision-making skills, and communication "
        "skills.",
    ),
]

RESPONSIBILITIES = [
    (
        "Manage basic call center KPIs as well as worked closely with sales relate to new "
        "promotions and issues.",
        "Identify serious flaws in ERP set-up and thus metrics used to guide the company.",
    ),
    (
        "Manage the accounts payable and accounts receivable dealing with the Michigan WIC "
        "program.",
        "Prioritize, delegate and accomplish multiple projects, as well as the ability to "
        "troubleshoot and resolve common problems.",
    ),
]

SIDES = [pytest.param(0, LEFT, id="left"), pytest.param(1, RIGHT, id="right")]
#: Every RoleStats field is either in LEFT/RIGHT or checked by a dedicated test below.
DEDICATED = {"description", "responsibilities"}


@pytest.fixture
def record(seed_comparison_fixture: Fixture) -> RoleComparison:
    parsed = parse_page(seed_comparison_fixture.html, seed_comparison_fixture.url)
    assert isinstance(parsed, RoleComparison)
    return parsed


def side_value(side: RoleStats, field: str) -> Any:
    value = getattr(side, field)
    if isinstance(value, list):
        return [v.model_dump() if hasattr(v, "model_dump") else v for v in value]
    return value.model_dump() if hasattr(value, "model_dump") else value


def test_seed_comparison_page_is_present_in_at_least_one_markup(fixtures_dir) -> None:
    pattern = "vs-customer-service-director-vs-customer-service-manager--*"
    assert list(fixtures_dir.glob(pattern)), "no markup of the seed comparison page"


def test_every_role_stats_field_has_a_seed_value() -> None:
    for expected in (LEFT, RIGHT):
        assert set(expected) | DEDICATED == set(RoleStats.model_fields)


def test_url_page_type_and_two_sides_in_column_order(record: RoleComparison) -> None:
    assert record.url == URL
    assert record.page_type == "comparison"
    assert [side.role for side in record.roles] == [
        "Customer Service Director",
        "Customer Service Manager",
    ]


@pytest.mark.parametrize("field", list(LEFT))
@pytest.mark.parametrize(("index", "expected"), SIDES)
def test_role_stats_field(
    record: RoleComparison, index: int, expected: dict[str, Any], field: str
) -> None:
    actual = side_value(record.roles[index], field)
    if isinstance(expected[field], float):
        assert actual == pytest.approx(expected[field])
        assert isinstance(actual, float)
    else:
        assert actual == expected[field]


@pytest.mark.parametrize("index", [0, 1], ids=["left", "right"])
def test_description(record: RoleComparison, index: int) -> None:
    description = record.roles[index].description
    start, end = DESCRIPTIONS[index]
    assert description is not None
    assert description.startswith(start)
    assert description.endswith(end)
    assert "  " not in description and "\n" not in description


@pytest.mark.parametrize("index", [0, 1], ids=["left", "right"])
def test_responsibilities(record: RoleComparison, index: int) -> None:
    responsibilities = record.roles[index].responsibilities
    first, last = RESPONSIBILITIES[index]
    assert len(responsibilities) == 6
    assert responsibilities[0] == first
    assert responsibilities[-1] == last
    assert "Show more" not in responsibilities


def test_missing_job_satisfaction_is_null_not_zero(record: RoleComparison) -> None:
    left, right = record.roles
    assert left.job_satisfaction is None
    assert right.job_satisfaction == 5.0
    dumped = record.model_dump(mode="json")
    assert dumped["roles"][0]["job_satisfaction"] is None


def test_money_is_int_and_hourly_is_float(record: RoleComparison) -> None:
    left, right = record.roles
    assert type(left.yearly_salary) is int and type(right.yearly_salary) is int
    assert type(left.hourly_rate) is float and type(right.hourly_rate) is float
    assert left.salary_range.min == 94000 and type(left.salary_range.min) is int
