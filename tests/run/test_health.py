"""The health verdict of a run (exit status of scrapy crawl careers)."""

from __future__ import annotations

from typing import Any

from scrapy.settings import Settings

from careerscrape import settings as project_settings
from careerscrape.parsing import BlockedPage, parse_page
from careerscrape.run.health import verdict

SETTINGS = Settings()
SETTINGS.setmodule(project_settings)
CHEF_URL = "https://www.zippia.com/chef-jobs/what-does-a-chef-do/"


def summary(**changes: Any) -> dict[str, Any]:
    base = {
        "finish_reason": "finished",
        "records": {"role": 10, "comparison": 10, "total": 20},
        "accounting": {
            "requested": 20,
            "records": 20,
            "rejects": 0,
            "duplicates": 0,
            "sitemaps": 0,
            "balanced": True,
        },
        "rejects": {"by_reason": {}},
        "blocked": 0,
        "fill_rates": {
            "role": {"responsibilities": 1.0, "skills": 1.0},
            "comparison": {"roles.yearly_salary": 1.0},
        },
    }
    return {**base, **changes}


def test_a_clean_run_is_healthy() -> None:
    assert verdict(summary(), SETTINGS) == {
        "healthy": True,
        "exit_code": 0,
        "reasons": [],
        "failed": [],
    }


def test_a_stopped_run_is_exit_8_whatever_else_failed() -> None:
    stopped = summary(finish_reason="shutdown", records={"total": 0})
    assert verdict(stopped, SETTINGS) == {
        "healthy": False,
        "exit_code": 8,
        "reasons": ["the crawl was stopped before its end (finish reason: shutdown)",
                    "0 records written"],
        "failed": ["finished", "records"],
    }  # fmt: skip


def test_a_worker_that_lost_its_redis_is_exit_11() -> None:
    lost = verdict(summary(finish_reason="redis_lost", records={"total": 0}), SETTINGS)
    assert lost == {
        "healthy": False,
        "exit_code": 11,
        "reasons": ["the shared crawl's Redis was lost: this worker stopped with the pages it "
                    "had done written", "0 records written"],
        "failed": ["shared_queue", "records"],
    }  # fmt: skip


def test_a_stopped_part_of_a_job_is_a_paused_job() -> None:
    paused = verdict(summary(finish_reason="shutdown", job={"part": 1}), SETTINGS)
    assert paused["exit_code"] == 8
    assert paused["reasons"] == [
        "the job was paused before its end (finish reason: shutdown); run the same command "
        "again to resume it"
    ]


def test_pages_that_ended_nowhere_are_exit_9() -> None:
    accounting = {"requested": 22, "records": 20, "rejects": 0, "duplicates": 0,
                  "sitemaps": 0, "balanced": False}  # fmt: skip
    result = verdict(summary(accounting=accounting), SETTINGS)
    assert (result["exit_code"], result["reasons"]) == (
        9,
        ["2 of 22 URLs asked for ended as neither a record nor a reject"],
    )


def test_a_sitemap_that_could_not_be_read_is_exit_9_and_named() -> None:
    result = verdict(summary(rejects={"by_reason": {"sitemap_http_404": 1}},
                             sitemaps={"failed": ["http://127.0.0.1:8000/sitemap.xml"]}),
                     SETTINGS)  # fmt: skip
    assert result["exit_code"] == 9
    assert result["reasons"] == [
        "1 sitemaps could not be read (sitemap_http_404 1): http://127.0.0.1:8000/sitemap.xml"
    ]


def test_no_records_wins_over_a_lost_sitemap_the_lowest_status_wins() -> None:
    result = verdict(summary(records={"total": 0}, rejects={"by_reason": {"sitemap_dns": 1}}),
                     SETTINGS)  # fmt: skip
    assert result["exit_code"] == 3
    assert result["failed"] == ["complete", "records"]


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
        "comparison field roles.yearly_salary filled in 40% of 10 records (floor 80%)"
    ]


def test_fill_floors_wait_for_enough_records_of_a_type() -> None:
    rates = {"role": {"responsibilities": 0.0, "skills": 0.0},
             "comparison": {"roles.yearly_salary": 1.0}}  # fmt: skip
    one_page = summary(records={"role": 1, "total": 1}, fill_rates=rates,
                       accounting={**summary()["accounting"], "requested": 1})  # fmt: skip
    assert verdict(one_page, SETTINGS)["healthy"]
    nine = summary(records={"role": 9, "total": 9}, fill_rates=rates)
    assert verdict(nine, SETTINGS)["healthy"]
    ten = verdict(summary(records={"role": 10, "total": 10}, fill_rates=rates), SETTINGS)
    assert ten["exit_code"] == 6
    assert ten["reasons"] == [
        "role field responsibilities filled in 0% of 10 records (floor 80%)",
        "role field skills filled in 0% of 10 records (floor 50%)",
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
