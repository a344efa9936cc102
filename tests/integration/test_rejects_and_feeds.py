"""A bad page never stops a crawl and never disappears: it is a reject with a reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.crawl import ROOT, CrawlResult, crawl
from support.server import serve

from careerscrape.testing.fixtures import DEFAULT_ROOT

PAGES = ROOT / DEFAULT_ROOT
HTML = {"Content-Type": "text/html; charset=utf-8"}
CHEF = "/chef-jobs/what-does-a-chef-do/"
BAD_RANGE = (
    "/customer-service-director-jobs/"
    "customer-service-director-vs-customer-service-manager-differences/"
)
NOT_CAREER = "/career-advice/how-to-write-a-resume/"
PICTURE = "/team-manager-jobs/what-does-a-team-manager-do/"
MISSING = "/director-jobs/what-does-a-director-do/"


def site() -> list[tuple[str, int, dict[str, str], bytes]]:
    comparison = (PAGES / "vs-customer-service-director-vs-customer-service-manager--nextjs"
                  / "page.html").read_bytes()  # fmt: skip
    # A salary range the page shows upside down: the record breaks the contract (min > max).
    broken = comparison.replace(b"$94,000", b"$999,000", 1)
    assert broken != comparison
    return [
        ("https://www.zippia.com/robots.txt", 200, {"Content-Type": "text/plain"}, b""),
        (CHEF, 200, HTML, (PAGES / "role-chef--nextjs" / "page.html").read_bytes()),
        (BAD_RANGE, 200, HTML, broken),
        (NOT_CAREER, 200, HTML, b"<html><head><title>Resume tips</title></head><body>"
                    b"<h1>How to write a resume</h1><p>Start with...</p></body></html>"),
        (PICTURE, 200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n" + b"\0" * 64),
    ]  # fmt: skip


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    with serve(site()) as base:
        urls = ",".join([CHEF, BAD_RANGE, NOT_CAREER, PICTURE, MISSING])
        done = crawl(tmp_path_factory.mktemp("rejects"), "-a", f"urls={urls}", "-a", "depth=0",
                     "-a", f"site={base}")  # fmt: skip
    # 3 of 5 pages rejected for reasons other than a missing page: an unhealthy run.
    assert done.returncode == 4, done.log[-3000:]
    assert done.log.splitlines()[-1] == (
        f"careerscrape: run {done.folder.name} not published (exit 4): "
        "3 of 5 pages rejected (60% > 25%)"
    )
    assert done.published is None
    return done


def test_the_good_page_is_still_a_record(result: CrawlResult) -> None:
    roles = result.jsonl("roles.jsonl")
    assert [r["url"] for r in roles] == ["https://www.zippia.com" + CHEF.rstrip("/") + "/"]
    assert roles[0]["role"] == "chef"
    assert result.jsonl("comparisons.jsonl") == []


def test_every_bad_page_is_a_reject_with_its_reason(result: CrawlResult) -> None:
    rejects = {
        r["url"].removeprefix("https://www.zippia.com"): r for r in result.jsonl("rejects.jsonl")
    }
    assert set(rejects) == {BAD_RANGE, NOT_CAREER, PICTURE, MISSING}
    validation = rejects[BAD_RANGE]
    assert validation["reason"] == "validation"
    assert any(
        e["loc"][-1] == "salary_range" or "salary_range" in e["loc"] for e in validation["errors"]
    )
    assert "greater than max" in validation["errors"][0]["msg"]
    assert rejects[NOT_CAREER]["reason"] == "parse"
    assert "not a role or comparison page" in rejects[NOT_CAREER]["detail"]
    assert rejects[PICTURE]["reason"] == "not_html"
    assert (rejects[MISSING]["reason"], rejects[MISSING]["status"]) == ("http_404", 404)


def test_run_json_counts_what_happened(result: CrawlResult) -> None:
    run = result.run
    assert run["records"] == {"role": 1, "total": 1}
    assert run["rejects"] == {
        "total": 4,
        "by_reason": {"http_404": 1, "not_html": 1, "parse": 1, "validation": 1},
    }
    assert run["finish_reason"] == "finished"
    assert run["accounting"] == {
        "requested": 5, "records": 1, "rejects": 4, "duplicates": 0, "sitemaps": 0,
        "balanced": True, "lost": [],
    }  # fmt: skip
    assert run["health"] == {
        "healthy": False,
        "exit_code": 4,
        # The chef page has no skills, but one record says nothing of a field's fill rate.
        "reasons": ["3 of 5 pages rejected (60% > 25%)"],
        "failed": ["rejects"],
    }


def test_a_feed_given_with_minus_o_is_written_beside_the_record_feeds(tmp_path: Path) -> None:
    """Scrapy's way: -O adds a feed. The record feeds of the run folder are the dataset, and
    stay (a published run without them would be no dataset, and no refresh could use it)."""
    with serve(site()) as base:
        done = crawl(tmp_path / "out", "-a", f"urls={CHEF},{BAD_RANGE}", "-a", "depth=0",
                     "-a", f"site={base}", "-O", str(tmp_path / "everything.jsonl"),
                     HEALTH_MAX_REJECT_SHARE="1")  # fmt: skip
    assert done.returncode == 0, done.log[-3000:]
    lines = CrawlResult(0, "", tmp_path).jsonl("everything.jsonl")
    assert [line["role"] for line in lines] == ["chef"]  # the broken comparison is a reject
    assert lines[0]["fetched_at"].endswith("Z") and "T" in lines[0]["fetched_at"]
    assert lines[0]["updated"] == "2025-01-08"
    assert [line["role"] for line in done.jsonl("roles.jsonl")] == ["chef"]
    assert done.jsonl("comparisons.jsonl") == []
    assert len(done.jsonl("catalog.jsonl")) == 1
    assert len(done.jsonl("rejects.jsonl")) == 1
