"""The README's main job, end to end: the demo crawl replayed from its cassette,
and the same site served over real HTTP on 127.0.0.1, through Scrapy's real engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.crawl import ROOT, CrawlResult, crawl, without
from support.server import serve

from careerscrape.cassette import load_cassette, request_key
from careerscrape.testing.demo import demo_site

DEMO = ROOT / "fixtures" / "demo"
CSD = "https://www.zippia.com/customer-service-director-jobs/what-does-a-customer-service-director-do/"
CSD_VS_CSM = (
    "https://www.zippia.com/customer-service-director-jobs/"
    "customer-service-director-vs-customer-service-manager-differences/"
)


def demo_crawl(output: Path) -> CrawlResult:
    return crawl(
        output,
        "-a", f"url_file={DEMO / 'start_urls.txt'}",
        "-a", f"replay={DEMO / 'site.yaml'}",
    )  # fmt: skip


@pytest.fixture(scope="module")
def replayed(tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    result = demo_crawl(tmp_path_factory.mktemp("replay"))
    assert result.returncode == 0, result.log[-3000:]
    return result


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    with serve(demo_site()) as base:
        result = crawl(
            tmp_path_factory.mktemp("served"),
            "-a", f"url_file={DEMO / 'start_urls.txt'}",
            "-a", f"site={base}",
        )  # fmt: skip
    assert result.returncode == 0, result.log[-3000:]
    return result


def test_demo_writes_the_four_outputs_and_the_summary(replayed: CrawlResult) -> None:
    for name in ("roles.jsonl", "comparisons.jsonl", "catalog.jsonl", "rejects.jsonl", "run.json"):
        assert (replayed.folder / name).is_file(), name
    assert "run summary" in replayed.log
    assert "records     8 role, 8 comparison" in replayed.log


def test_demo_role_records_hold_the_reference_values(replayed: CrawlResult) -> None:
    roles = replayed.by_url("roles.jsonl")
    assert len(roles) == 8
    csd = roles[CSD]
    assert csd["role"] == "customer service director"
    assert csd["updated"] == "2025-01-08"
    assert len(csd["responsibilities"]) == 15
    assert [c["salary_difference"] for c in csd["comparisons"]] == [-52945, -44665, -93781, -21473]
    assert csd["fetched_at"].endswith("Z") and len(csd["content_sha256"]) == 64


def test_demo_comparison_records_hold_the_reference_values(replayed: CrawlResult) -> None:
    comparisons = replayed.by_url("comparisons.jsonl")
    assert len(comparisons) == 8
    left, right = comparisons[CSD_VS_CSM]["roles"]
    assert (left["role"], left["yearly_salary"], left["job_satisfaction"]) == (
        "Customer Service Director", 134962, None)  # fmt: skip
    assert (right["role"], right["yearly_salary"], right["job_satisfaction"]) == (
        "Customer Service Manager", 61487, 5.0)  # fmt: skip
    assert left["salary_range"] == {"min": 94000, "max": 191000}


def test_demo_catalog_has_each_role_once(replayed: CrawlResult) -> None:
    catalog = replayed.jsonl("catalog.jsonl")
    slugs = [entry["role_slug"] for entry in catalog]
    assert len(slugs) == len(set(slugs)) == 24
    assert slugs == sorted(slugs)
    entry = {e["role_slug"]: e for e in catalog}["customer-service-director"]
    assert entry["title"] == "Customer Service Director"
    assert entry["yearly_salary"] == 134962
    related = {edge["role_slug"]: edge for edge in entry["related"]}
    assert related["customer-service-manager"]["salary_difference"] == -73475
    assert related["team-manager"]["salary_difference"] == -52945


def test_demo_accounts_for_every_page(replayed: CrawlResult) -> None:
    run = replayed.run
    assert run["records"] == {"role": 8, "comparison": 8, "total": 16}
    assert run["rejects"] == {"total": 16, "by_reason": {"http_404": 16}}
    assert run["responses"]["by_status"] == {"200": 17, "404": 16}
    assert run["responses"]["from_cassette"] == 33
    assert run["catalog_roles"] == 24
    assert run["fill_rates"]["comparison"]["roles.yearly_salary"] == 1.0
    rejects = replayed.jsonl("rejects.jsonl")
    assert len(rejects) == 16
    assert {r["reason"] for r in rejects} == {"http_404"}
    assert all(
        r["status"] == 404 and r["url"].startswith("https://www.zippia.com/") for r in rejects
    )


def test_a_second_replay_gives_the_same_records(replayed: CrawlResult, tmp_path: Path) -> None:
    again = demo_crawl(tmp_path)
    assert again.returncode == 0
    for name in ("roles.jsonl", "comparisons.jsonl"):
        first = {u: without(r, "fetched_at") for u, r in replayed.by_url(name).items()}
        second = {u: without(r, "fetched_at") for u, r in again.by_url(name).items()}
        assert first == second


def test_local_server_and_cassette_give_the_same_records(
    replayed: CrawlResult, served: CrawlResult
) -> None:
    for name in ("roles.jsonl", "comparisons.jsonl"):
        assert {u: without(r, "fetched_at") for u, r in served.by_url(name).items()} == {
            u: without(r, "fetched_at") for u, r in replayed.by_url(name).items()
        }
    strip = ("first_seen", "last_seen")
    assert [without(e, *strip) for e in served.jsonl("catalog.jsonl")] == [
        without(e, *strip) for e in replayed.jsonl("catalog.jsonl")
    ]
    assert served.run["rejects"] == replayed.run["rejects"]
    assert served.run["responses"]["from_cassette"] == 0


def test_the_committed_cassette_is_the_demo_site() -> None:
    """fixtures/demo is rebuilt from fixtures/pages by `python -m careerscrape.testing.demo`."""
    committed = {i.key: (i.status, i.body) for i in load_cassette(DEMO / "site.yaml")}
    fresh = {request_key("GET", url): (status, body) for url, status, _, body in demo_site()}
    assert len(fresh) == 33
    stale = sorted(
        url for url in fresh.keys() | committed.keys() if committed.get(url) != fresh.get(url)
    )
    assert not stale, (
        f"fixtures/demo is out of date (run python -m careerscrape.testing.demo): {stale}"
    )
