"""Validation rules of the contract models."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from pydantic import ValidationError

from careerscrape.models import (
    EARLIEST_DATE,
    GROWTH_MAX,
    GROWTH_MIN,
    HOURLY_CEILING,
    MONEY_CEILING,
    PAGE_MODELS,
    SCHEMA_MODELS,
    ComparisonSummary,
    Industry,
    Range,
    RejectLine,
    RoleCatalogEntry,
    RoleComparison,
    RoleProfile,
    RoleStats,
    SalaryRange,
    Share,
    Skill,
)
from careerscrape.parsing import parse_page

URL = "https://www.zippia.com/chef-jobs/what-does-a-chef-do/"
SHA = "0" * 64


def provenance(**overrides: Any) -> dict[str, Any]:
    return {
        "url": URL,
        "fetched_at": datetime(2026, 1, 2, tzinfo=UTC),
        "content_sha256": SHA,
    } | overrides


def side(name: str = "Chef", slug: str = "chef", **fields: Any) -> RoleStats:
    return RoleStats(role=name, role_slug=slug, **fields)


def error_types(exc: pytest.ExceptionInfo[ValidationError]) -> set[str]:
    return {e["type"] for e in exc.value.errors()}


# -- unknown fields ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "data"),
    [
        (Share, {"name": "Male", "percent": 55.0, "count": 3}),
        (RoleStats, {"role": "Chef", "role_slug": "chef", "yearly_salery": 1}),
        (RoleProfile, {**provenance(), "role": "chef", "role_slug": "chef", "salary": 1}),
    ],
)
def test_unknown_field_is_refused(model: type, data: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as exc:
        model(**data)
    assert error_types(exc) == {"extra_forbidden"}


# -- money, percentages, ranges ---------------------------------------------------------


@pytest.mark.parametrize("field", ["yearly_salary", "hourly_rate", "number_of_jobs"])
def test_negative_money_or_count_is_refused(field: str) -> None:
    with pytest.raises(ValidationError) as exc:
        side(**{field: -1})
    assert error_types(exc) == {"greater_than_equal"}


def test_negative_industry_salary_is_refused() -> None:
    with pytest.raises(ValidationError):
        Industry(industry="finance", salary=-103459)
    assert Industry(industry="finance", salary=0).salary == 0


def test_money_zero_and_none_are_allowed() -> None:
    assert side(yearly_salary=0).yearly_salary == 0
    assert side(yearly_salary=None).yearly_salary is None


def test_negative_growth_rate_is_allowed() -> None:
    assert side(growth_rate=-4.0).growth_rate == -4.0


@pytest.mark.parametrize("percent", [100.5, 101, -0.1])
def test_share_percent_out_of_0_100_is_refused(percent: float) -> None:
    with pytest.raises(ValidationError):
        Share(name="Male", percent=percent)


def test_share_percent_bounds_are_inclusive() -> None:
    assert Share(name="White", percent=100).percent == 100
    assert Share(name="White", percent=0).percent == 0


@pytest.mark.parametrize("model", [Skill, Share])
def test_skill_percent_over_100_is_refused(model: type) -> None:
    with pytest.raises(ValidationError):
        model(name="CRM", percent=140)


def test_lgbt_percent_over_100_is_refused() -> None:
    with pytest.raises(ValidationError):
        side(lgbt_percent=108)


def test_job_satisfaction_over_5_is_refused() -> None:
    with pytest.raises(ValidationError):
        side(job_satisfaction=5.5)
    assert side(job_satisfaction=5).job_satisfaction == 5


def test_salary_range_min_greater_than_max_is_refused() -> None:
    with pytest.raises(ValidationError) as exc:
        Range(min=191000, max=94000)
    assert "greater than max" in str(exc.value)
    with pytest.raises(ValidationError):
        side(salary_range={"min": 191000, "max": 94000})


def test_salary_range_in_order_or_equal_is_accepted() -> None:
    assert side(salary_range={"min": 94000, "max": 191000}).salary_range == SalaryRange(
        min=94000, max=191000
    )
    assert Range(min=4, max=4).max == 4


def test_negative_range_is_refused() -> None:
    with pytest.raises(ValidationError):
        Range(min=-1, max=4)


# -- slugs and text ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "slug",
    ["Customer Service", "customer service", "Customer-Service", "-chef", "chef-", "a--b", ""],
)
def test_bad_slug_is_refused(slug: str) -> None:
    with pytest.raises(ValidationError):
        side(slug=slug)
    with pytest.raises(ValidationError):
        ComparisonSummary(other_role="Chef", other_role_slug=slug)


@pytest.mark.parametrize(
    "slug", ["chef", "customer-service-director", "line-cook-dishwasher", "a1-b2"]
)
def test_good_slug_is_accepted(slug: str) -> None:
    assert side(slug=slug).role_slug == slug


def test_empty_role_name_is_refused() -> None:
    with pytest.raises(ValidationError):
        side(name="")


# -- comparison sides -------------------------------------------------------------------


@pytest.mark.parametrize("count", [0, 1, 3])
def test_role_comparison_needs_exactly_two_sides(count: int) -> None:
    sides = [side(f"Role {i}", f"role-{i}") for i in range(count)]
    with pytest.raises(ValidationError) as exc:
        RoleComparison(**provenance(), roles=sides)
    assert error_types(exc) <= {"too_short", "too_long"}


def test_role_comparison_with_two_sides_is_accepted() -> None:
    record = RoleComparison(**provenance(), roles=[side("Chef", "chef"), side("Cook", "cook")])
    assert record.page_type == "comparison"
    assert [s.role_slug for s in record.roles] == ["chef", "cook"]


# -- provenance ---------------------------------------------------------------------------


def test_naive_fetched_at_is_taken_as_utc() -> None:
    record = RoleProfile(
        **provenance(fetched_at=datetime(2026, 1, 2, 3, 4, 5)), role="chef", role_slug="chef"
    )
    assert record.fetched_at == datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert record.fetched_at.utcoffset() == timedelta(0)


def test_aware_fetched_at_is_converted_to_utc() -> None:
    given = datetime(2026, 1, 2, 8, 4, 5, tzinfo=timezone(timedelta(hours=5)))
    record = RoleProfile(**provenance(fetched_at=given), role="chef", role_slug="chef")
    assert record.fetched_at.hour == 3
    assert record.fetched_at.utcoffset() == timedelta(0)


def test_fetched_at_from_rfc3339_text() -> None:
    record = RoleProfile(
        **provenance(fetched_at="2026-01-02T03:04:05Z"), role="chef", role_slug="chef"
    )
    assert record.fetched_at == datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    "url",
    [
        "http://www.zippia.com/chef-jobs/what-does-a-chef-do/",
        "https://www.zippia.com/chef-jobs/?page=2",
        "https://www.zippia.com/chef-jobs/#skills",
        "www.zippia.com/chef-jobs/",
    ],
)
def test_non_canonical_url_is_refused(url: str) -> None:
    with pytest.raises(ValidationError):
        RoleProfile(**provenance(url=url), role="chef", role_slug="chef")


@pytest.mark.parametrize("sha", ["0" * 63, "A" * 64, "g" * 64, ""])
def test_bad_content_sha256_is_refused(sha: str) -> None:
    with pytest.raises(ValidationError):
        RoleProfile(**provenance(content_sha256=sha), role="chef", role_slug="chef")


def test_wrong_page_type_is_refused() -> None:
    with pytest.raises(ValidationError):
        RoleProfile(**provenance(), page_type="comparison", role="chef", role_slug="chef")


def test_records_are_frozen() -> None:
    record = side()
    with pytest.raises(ValidationError):
        record.yearly_salary = 5


# -- serialisation ------------------------------------------------------------------------


def test_model_dump_json_mode_is_json_serialisable_and_round_trips() -> None:
    record = RoleProfile(
        **provenance(fetched_at=datetime(2026, 1, 2, 3, 4, 5)),
        role="chef",
        role_slug="chef",
        updated=date(2025, 1, 8),
        skills=[Skill(name="Food Safety", percent=12.5, example=None)],
        comparisons=[
            ComparisonSummary(
                other_role="Cook",
                other_role_slug="cook",
                salary_difference=-5000,
                role_top_industry=Industry(industry="hospitality", salary=None),
            )
        ],
    )
    dumped = record.model_dump(mode="json")
    text = json.dumps(dumped)
    assert json.loads(text) == dumped
    assert dumped["fetched_at"] == "2026-01-02T03:04:05.000000Z"  # the one form of a time
    assert dumped["updated"] == "2025-01-08"
    assert dumped["parser_version"] == record.parser_version
    assert dumped["comparisons"][0]["role_top_industry"] == {
        "industry": "hospitality",
        "salary": None,
    }
    assert RoleProfile.model_validate(json.loads(text)) == record


def test_parsed_fixture_records_are_json_serialisable(fixture_named) -> None:
    for name in (
        "role-customer-service-director--nextjs",
        "vs-customer-service-director-vs-customer-service-manager--nextjs",
    ):
        fixture = fixture_named(name)
        record = parse_page(fixture.html, fixture.url, fetched_at=datetime(2026, 1, 2, tzinfo=UTC))
        dumped = record.model_dump(mode="json")
        assert json.loads(json.dumps(dumped)) == dumped
        assert PAGE_MODELS[dumped["page_type"]].model_validate(dumped) == record


def test_catalog_entry_accepts_its_contract_fields() -> None:
    entry = RoleCatalogEntry(
        role_slug="director",
        title="Director",
        sources=[URL],
        related=[
            {"role_slug": "customer-service-director", "salary_difference": 21473, "url": URL}
        ],
        conflicts=[
            {
                "field": "yearly_salary",
                "values": [{"value": 1, "url": URL}, {"value": 2, "url": URL}],
            }
        ],
    )
    assert entry.related[0].salary_difference == 21473
    with pytest.raises(ValidationError):
        RoleCatalogEntry(
            role_slug="director",
            title="Director",
            conflicts=[{"field": "yearly_salary", "values": [{"value": 1, "url": URL}]}],
        )


def test_schema_models_are_the_record_types_of_the_output_files() -> None:
    assert dict(SCHEMA_MODELS) == {
        "RoleProfile": RoleProfile,
        "RoleComparison": RoleComparison,
        "RoleCatalogEntry": RoleCatalogEntry,
        "RejectLine": RejectLine,
    }
    assert dict(PAGE_MODELS) == {"role": RoleProfile, "comparison": RoleComparison}


# -- values within reason: refused, never clipped or rounded ---------------------------------

DAY = date(2025, 1, 8)
FETCHED = datetime(2025, 1, 8, 23, 59, tzinfo=UTC)


def test_money_up_to_the_ceiling_is_accepted_and_above_it_refused() -> None:
    assert side(yearly_salary=MONEY_CEILING).yearly_salary == 10_000_000
    for salary in (MONEY_CEILING + 1, 2**53 + 1, 10**20):
        with pytest.raises(ValidationError) as exc:
            side(yearly_salary=salary)
        assert error_types(exc) == {"less_than_equal"}


def test_the_ceiling_holds_for_every_dollar_figure() -> None:
    with pytest.raises(ValidationError):
        side(hourly_rate=HOURLY_CEILING + 0.01)
    assert side(hourly_rate=HOURLY_CEILING).hourly_rate == 5_000
    with pytest.raises(ValidationError):
        side(salary_range={"min": 94_000, "max": MONEY_CEILING + 1})
    with pytest.raises(ValidationError):
        Industry(industry="finance", salary=MONEY_CEILING + 1)
    with pytest.raises(ValidationError):
        RoleCatalogEntry(role_slug="chef", title="Chef", yearly_salary=2**53 + 1)


@pytest.mark.parametrize("difference", [-44_665, 21_473, -MONEY_CEILING, MONEY_CEILING])
def test_salary_differences_may_be_negative(difference: int) -> None:
    summary = ComparisonSummary(
        other_role="Cook", other_role_slug="cook", salary_difference=difference
    )
    assert summary.salary_difference == difference


@pytest.mark.parametrize("difference", [-MONEY_CEILING - 1, MONEY_CEILING + 1, 2**53 + 1])
def test_salary_differences_beyond_the_ceiling_are_refused(difference: int) -> None:
    with pytest.raises(ValidationError):
        ComparisonSummary(other_role="Cook", other_role_slug="cook", salary_difference=difference)
    with pytest.raises(ValidationError):
        RoleCatalogEntry(
            role_slug="chef",
            title="Chef",
            related=[{"role_slug": "cook", "salary_difference": difference, "url": URL}],
        )


@pytest.mark.parametrize("growth", [GROWTH_MIN, -4.0, 0, 16.0, 105.0, GROWTH_MAX])
def test_growth_within_its_range_is_accepted(growth: float) -> None:
    assert side(growth_rate=growth).growth_rate == growth
    entry = RoleCatalogEntry(role_slug="chef", title="Chef", growth_rate=growth)
    assert entry.growth_rate == growth


@pytest.mark.parametrize("growth", [-400.0, -100.1, 200.1, 400.0])
def test_growth_outside_its_range_is_refused(growth: float) -> None:
    with pytest.raises(ValidationError):
        side(growth_rate=growth)
    with pytest.raises(ValidationError):
        RoleCatalogEntry(role_slug="chef", title="Chef", growth_rate=growth)


@pytest.mark.parametrize("points", [-100.1, 100.1])
def test_degree_differences_beyond_100_points_are_refused(points: float) -> None:
    with pytest.raises(ValidationError):
        ComparisonSummary(other_role="Cook", other_role_slug="cook", masters_difference=points)


@pytest.mark.parametrize("updated", [EARLIEST_DATE, DAY, DAY + timedelta(days=1)])
def test_a_page_date_from_1990_to_the_fetch_day_is_accepted(updated: date) -> None:
    record = RoleProfile(**provenance(fetched_at=FETCHED), role="chef", role_slug="chef",
                         updated=updated)  # fmt: skip
    assert record.updated == updated


@pytest.mark.parametrize("updated", [date(1800, 1, 1), date(1989, 12, 31)])
def test_a_page_date_before_1990_is_refused(updated: date) -> None:
    with pytest.raises(ValidationError) as exc:
        RoleProfile(**provenance(fetched_at=FETCHED), role="chef", role_slug="chef",
                    updated=updated)  # fmt: skip
    assert error_types(exc) == {"greater_than_equal"}


@pytest.mark.parametrize("updated", [DAY + timedelta(days=2), date(9999, 12, 31)])
def test_a_page_date_after_the_fetch_is_refused(updated: date) -> None:
    """A record dated 9999 would win every "newest wins" choice of the catalog."""
    with pytest.raises(ValidationError) as exc:
        RoleProfile(**provenance(fetched_at=FETCHED), role="chef", role_slug="chef",
                    updated=updated)  # fmt: skip
    assert f"date {updated} is after fetched_at 2025-01-08T23:59:00+00:00" in str(exc.value)


def test_the_fetch_day_is_taken_in_utc() -> None:
    fetched = datetime(2025, 1, 9, 3, 0, tzinfo=timezone(timedelta(hours=5)))  # Jan 8, 22:00 UTC
    with pytest.raises(ValidationError):
        RoleProfile(**provenance(fetched_at=fetched), role="chef", role_slug="chef",
                    updated=date(2025, 1, 10))  # fmt: skip


def test_a_catalog_date_is_bounded_by_its_last_sighting_or_today() -> None:
    seen = {"first_seen": FETCHED - timedelta(days=3), "last_seen": FETCHED}
    entry = RoleCatalogEntry(role_slug="chef", title="Chef", updated=DAY, **seen)
    assert entry.updated == DAY
    with pytest.raises(ValidationError, match="is after last_seen"):
        RoleCatalogEntry(role_slug="chef", title="Chef", updated=date(2025, 2, 1), **seen)
    with pytest.raises(ValidationError, match="is after today"):
        RoleCatalogEntry(role_slug="chef", title="Chef", updated=date(9999, 12, 31))
    with pytest.raises(ValidationError, match=r"first_seen .* is after last_seen"):
        RoleCatalogEntry(role_slug="chef", title="Chef", first_seen=FETCHED,
                         last_seen=FETCHED - timedelta(days=1))  # fmt: skip


@pytest.mark.parametrize(
    ("written", "refusal"),
    [
        ("Updated December 31, 9999", "date 9999-12-31 is after fetched_at"),
        ("Updated January 1, 1800", "Input should be greater than or equal to 1990-01-01"),
    ],
)
def test_a_page_with_an_impossible_date_is_refused_by_the_contract(
    fixture_named, written: str, refusal: str
) -> None:
    fixture = fixture_named("role-customer-service-director--plain")
    html = fixture.html.replace(b"Updated January 8, 2025", written.encode())
    assert parse_page(fixture.html, fixture.url).updated == DAY
    with pytest.raises(ValidationError, match=refusal):
        parse_page(html, fixture.url, fetched_at=datetime(2026, 1, 2, tzinfo=UTC))
    with pytest.raises(ValidationError, match=refusal):
        parse_page(html, fixture.url)  # no fetch time given: now bounds the date


def test_the_schema_documents_the_ranges() -> None:
    stats = RoleComparison.model_json_schema()["$defs"]["RoleStats"]["properties"]
    growth = stats["growth_rate"]["anyOf"][0]
    assert (growth["minimum"], growth["maximum"]) == (-100, 200)
    assert stats["yearly_salary"]["anyOf"][0]["maximum"] == 10_000_000
    assert stats["hourly_rate"]["anyOf"][0]["maximum"] == 5_000
    updated = RoleProfile.model_json_schema()["properties"]["updated"]
    assert "from 1990-01-01 to the day it was fetched" in updated["anyOf"][0]["description"]


@pytest.mark.parametrize(
    "fetched_at",
    [datetime(1989, 12, 31, tzinfo=UTC), datetime(9999, 1, 1, tzinfo=UTC),
     datetime.now(UTC) + timedelta(days=2)],
)  # fmt: skip
def test_a_fetch_time_before_1990_or_in_the_future_is_refused(fetched_at: datetime) -> None:
    """The catalog's "newest wins" goes by fetch time: one from 9999 would always win."""
    with pytest.raises(ValidationError, match="is before 1990 or in the future"):
        RoleProfile(**provenance(fetched_at=fetched_at), role="chef", role_slug="chef")
    with pytest.raises(ValidationError, match="is before 1990 or in the future"):
        RoleCatalogEntry(role_slug="chef", title="Chef", last_seen=fetched_at)
    now = datetime.now(UTC)
    assert RoleCatalogEntry(role_slug="chef", title="Chef", last_seen=now).last_seen == now
