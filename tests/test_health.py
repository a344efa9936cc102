"""The health verdict of a run (exit status of scrapy crawl careers)."""

from __future__ import annotations

from typing import Any

from scrapy.settings import Settings

from careerscrape import settings as project_settings
from careerscrape.health import verdict
from careerscrape.parsing import BlockedPage, parse_page

SETTINGS = Settings()
SETTINGS.setmodule(project_settings)
CHEF_URL = "https://www.zippia.com/chef-jobs/what-does-a-chef-do/"


def summary(**changes: Any) -> dict[str, Any]:
    base = {
        "records": {"role": 10, "comparison": 10, "total": 20},
        "accounting": {"requested": 20},
        "rejects": {"by_reason": {}},
        "blocked": 0,
        "fill_rates": {
            "role": {"responsibilities": 1.0, "skills": 1.0},
            "comparison": {"roles.yearly_salary": 1.0},
        },
    }
    return {**base, **changes}


def test_a_clean_run_is_healthy() -> None:
    assert verdict(summary(), SETTINGS) == {"healthy": True, "exit_code": 0, "reasons": []}


def test_no_records_is_exit_3() -> None:
    result = verdict(summary(records={"total": 0}), SETTINGS)
    assert (result["exit_code"], result["reasons"]) == (3, ["0 records written"])


def test_missing_pages_do_not_count_but_parse_failures_do() -> None:
    gone = summary(rejects={"by_reason": {"http_404": 15}})
    assert verdict(gone, SETTINGS)["healthy"]
    broken = summary(rejects={"by_reason": {"parse": 6, "http_404": 15}})
    assert verdict(broken, SETTINGS)["reasons"] == ["6 of 20 pages rejected (30% > 25%)"]
    assert verdict(broken, SETTINGS)["exit_code"] == 4


def test_blocked_pages_are_exit_5() -> None:
    result = verdict(summary(blocked=2, rejects={"by_reason": {"blocked": 2}}), SETTINGS)
    assert result["exit_code"] == 5
    assert result["reasons"] == ["2 of 20 pages blocked by a robot check (10% > 5%)"]


def test_a_required_field_below_its_floor_is_exit_6_and_named() -> None:
    rates = {"role": {"responsibilities": 1.0, "skills": 1.0},
             "comparison": {"roles.yearly_salary": 0.4}}  # fmt: skip
    result = verdict(summary(fill_rates=rates), SETTINGS)
    assert result["exit_code"] == 6
    assert result["reasons"] == [
        "comparison field roles.yearly_salary filled in 40% of records (floor 80%)"
    ]


def test_the_most_severe_problem_sets_the_exit_status() -> None:
    result = verdict(summary(records={"total": 0}, rejects={"by_reason": {"parse": 20}}), SETTINGS)
    assert result["exit_code"] == 3
    assert len(result["reasons"]) == 2


def test_a_robot_check_is_blocked_not_a_parse_failure() -> None:
    page = (b"<html><head><title>Just a moment...</title></head><body><h1>Verify you are human"
            b"</h1><form><div>Checking your browser</div></form></body></html>")  # fmt: skip
    try:
        parse_page(page, CHEF_URL)
    except BlockedPage as exc:
        assert exc.reason == "blocked"
        assert "Just a moment..." in str(exc)
    else:
        raise AssertionError("a robot check parsed into a record")


def test_a_login_wall_is_login_required() -> None:
    page = (
        b"<html><head><title>Log in | Zippia</title></head><body><h1>Welcome back</h1>"
        b"<form><input type=email name=e><input type=password name=p></form></body></html>"
    )
    try:
        parse_page(page, CHEF_URL)
    except BlockedPage as exc:
        assert exc.reason == "login_required"
    else:
        raise AssertionError("a login page parsed into a record")
