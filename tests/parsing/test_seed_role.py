"""Seed 000 (customer service director role page), field by field, in every markup style.

Values are the data contract's (records.md, "RoleProfile"), not the fixture's expected.json:
these tests pin the reference page independently of the regression files.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from careerscrape.models import ComparisonSummary, RoleProfile
from careerscrape.parsing import parse_page
from careerscrape.testing.fixtures import Fixture

URL = (
    "https://www.zippia.com/customer-service-director-jobs/"
    "what-does-a-customer-service-director-do/"
)


@pytest.fixture
def record(seed_role_fixture: Fixture) -> RoleProfile:
    parsed = parse_page(seed_role_fixture.html, seed_role_fixture.url)
    assert isinstance(parsed, RoleProfile)
    return parsed


def comparison(record: RoleProfile, other_role: str) -> ComparisonSummary:
    found = [c for c in record.comparisons if c.other_role == other_role]
    assert len(found) == 1, [c.other_role for c in record.comparisons]
    return found[0]


def test_seed_role_page_is_present_in_at_least_one_markup(fixtures_dir) -> None:
    styles = sorted(
        p.name.split("--")[1] for p in fixtures_dir.glob("role-customer-service-director--*")
    )
    assert styles, "no markup of the seed role page in fixtures/pages"


def test_url_and_page_type(record: RoleProfile) -> None:
    assert record.url == URL
    assert record.page_type == "role"


def test_role_from_h1(record: RoleProfile) -> None:
    assert record.role == "customer service director"


def test_role_slug(record: RoleProfile) -> None:
    assert record.role_slug == "customer-service-director"


def test_updated(record: RoleProfile) -> None:
    assert record.updated == date(2025, 1, 8)


def test_reading_minutes(record: RoleProfile) -> None:
    assert record.reading_minutes == 7


def test_summary(record: RoleProfile) -> None:
    assert record.summary is not None
    assert record.summary.startswith(
        "A customer service director is primarily in charge of spearheading and overseeing "
        "the efforts in customer service operations."
    )
    assert record.summary.endswith("all while implementing the company's policies and regulations.")
    assert "  " not in record.summary and "\n" not in record.summary


def test_responsibilities(record: RoleProfile) -> None:
    assert len(record.responsibilities) == 15
    assert record.responsibilities[0] == (
        "Manage basic call center KPIs as well as worked closely with sales relate to new "
        "promotions and issues."
    )
    assert record.responsibilities[1] == "Manage payroll hours to ensure maximum productivity."
    assert record.responsibilities[-1] == (
        "Establish policies and procedures; enhance ISO and business intelligence operations."
    )
    assert not any(
        r.lower().startswith(("show more", "show less")) for r in record.responsibilities
    )


def test_skills_names_and_percents(record: RoleProfile) -> None:
    assert [(s.name, s.percent) for s in record.skills] == [
        ("Customer Satisfaction", 14.0),
        ("Customer Support", 6.0),
        ("Continuous Improvement", 6.0),
        ("CRM", 4.0),
        ("Project Management", 4.0),
        ("Employee Development", 4.0),
    ]


def test_skill_example(record: RoleProfile) -> None:
    first = record.skills[0]
    assert first.name == "Customer Satisfaction"
    assert first.example == (
        "Implement processes that significantly improved customer satisfaction results from "
        "mid-70 s satisfaction rating to a sustained 91% customer satisfaction rating."
    )
    assert all(s.example for s in record.skills)
    assert record.skills[-1].example == (
        "Strengthened department leadership team by integrating strong mentoring and coaching "
        "elements into new employee development."
    )


def test_soft_skill_names(record: RoleProfile) -> None:
    assert [s.name for s in record.soft_skills] == [
        "Communication skills",
        "Leadership skills",
        "Problem-solving skills",
        "Time-management skills",
    ]


def test_soft_skill_communication(record: RoleProfile) -> None:
    communication = record.soft_skills[0]
    assert communication.description == (
        "top executives must be able to convey information clearly and persuasively."
    )
    assert communication.example == (
        "led 30 personnel in product design/development, fulfillment, inventory, marketing, "
        "communications and customer support."
    )


def test_soft_skill_quoting_its_own_name_takes_the_next_quote(record: RoleProfile) -> None:
    problem_solving = record.soft_skills[2]
    assert problem_solving.name == "Problem-solving skills"
    assert problem_solving.description == (
        "top executives need to identify and resolve issues within an organization."
    )
    assert problem_solving.example == (
        "developed turnkey solutions and oversaw all aspects of development, implementation "
        "and support within the customer support department."
    )
    time_management = record.soft_skills[3]
    assert time_management.description == (
        "top executives do many tasks concurrently to ensure that their work gets done and "
        "that the organization meets its goals."
    )


def test_comparisons_in_page_order(record: RoleProfile) -> None:
    assert [(c.other_role, c.other_role_slug) for c in record.comparisons] == [
        ("Team manager", "team-manager"),
        ("Support manager", "support-manager"),
        ("Customer care manager", "customer-care-manager"),
        ("Director", "director"),
    ]


@pytest.mark.parametrize(
    ("other_role", "difference"),
    [
        ("Team manager", -52945),
        ("Support manager", -44665),
        ("Customer care manager", -93781),
        ("Director", -21473),
    ],
)
def test_salary_difference_is_other_minus_page_role(
    record: RoleProfile, other_role: str, difference: int
) -> None:
    assert comparison(record, other_role).salary_difference == difference


@pytest.mark.parametrize(
    ("other_role", "masters", "doctoral"),
    [
        ("Team manager", -1.1, 0.3),
        ("Support manager", -2.1, 0.3),
        ("Customer care manager", 1.2, 0.2),
        ("Director", 7.2, 2.6),
    ],
)
def test_degree_differences(
    record: RoleProfile, other_role: str, masters: float, doctoral: float
) -> None:
    found = comparison(record, other_role)
    assert found.masters_difference == pytest.approx(masters)
    assert found.doctoral_difference == pytest.approx(doctoral)


@pytest.mark.parametrize(
    ("other_role", "role_industry", "other_industry"),
    [
        ("Team manager", None, None),
        ("Support manager", ("health care", 138169), ("finance", 103459)),
        ("Customer care manager", ("health care", 138169), ("telecommunication", 41062)),
        ("Director", ("health care", None), ("finance", 155819)),
    ],
)
def test_top_industries(
    record: RoleProfile,
    other_role: str,
    role_industry: tuple[str, int | None] | None,
    other_industry: tuple[str, int | None] | None,
) -> None:
    found = comparison(record, other_role)

    def pair(industry):
        return None if industry is None else (industry.industry, industry.salary)

    assert pair(found.role_top_industry) == role_industry
    assert pair(found.other_top_industry) == other_industry


def test_support_manager_comparison_every_field(record: RoleProfile) -> None:
    support = comparison(record, "Support manager")
    assert support.other_role == "Support manager"
    assert support.other_role_slug == "support-manager"
    assert support.other_description.startswith(
        "A support manager is responsible for developing strategic technical solutions"
    )
    assert support.salary_difference == -44665
    assert support.shared_skills == [
        "customer support",
        "project management",
        "process improvement",
    ]
    assert support.role_only_skills == [
        "customer satisfaction",
        "continuous improvement",
        "crm",
        "employee development",
    ]
    assert support.other_only_skills == [
        "technical support",
        "powerpoint",
        "windows",
        "support services",
    ]
    assert support.role_top_industry.model_dump() == {"industry": "health care", "salary": 138169}
    assert support.other_top_industry.model_dump() == {"industry": "finance", "salary": 103459}
    assert support.masters_difference == pytest.approx(-2.1)
    assert support.doctoral_difference == pytest.approx(0.3)


@pytest.mark.parametrize(
    ("other_role", "description_start"),
    [
        ("Team manager", "Team managers primarily manage the daily activities of their members."),
        ("Customer care manager", "A customer care manager is primarily in charge of"),
        ("Director", "Directors work in show business, whether in a film"),
    ],
)
def test_other_descriptions(record: RoleProfile, other_role: str, description_start: str) -> None:
    assert comparison(record, other_role).other_description.startswith(description_start)


def test_skill_lists_of_the_other_comparisons(record: RoleProfile) -> None:
    """Lists as the seed's prose gives them: unquoted, quoted, and owner named after the list."""
    team = comparison(record, "Team manager")
    assert team.shared_skills == [
        "customer satisfaction",
        "continuous improvement",
        "project management",
    ]
    assert team.other_only_skills == ["patients", "taking care", "leadership", "hr"]
    care = comparison(record, "Customer care manager")
    assert care.shared_skills == [
        "customer satisfaction",
        "customer support",
        "continuous improvement",
    ]
    assert care.other_only_skills == [
        "patients",
        "home health",
        "social work",
        "community resources",
    ]
    director = comparison(record, "Director")
    assert director.shared_skills == ["project management", "process improvement", "direct reports"]
    assert director.role_only_skills == [
        "customer satisfaction",
        "customer support",
        "continuous improvement",
        "crm",
    ]
    assert director.other_only_skills == [
        "healthcare",
        "customer service",
        "oversight",
        "strategic plan",
    ]


def test_category(record: RoleProfile) -> None:
    assert record.category == "office and administrative"


def test_no_mojibake_or_entities_left_in_any_text(record: RoleProfile) -> None:
    dumped = json.dumps(record.model_dump(mode="json"), ensure_ascii=False)
    for leftover in ("â€", "&amp;", "&rdquo;", "rdquo;", "&#", "acirc;", "\u00a0"):
        assert leftover not in dumped, leftover
