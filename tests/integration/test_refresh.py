"""Refresh runs and the drift alarm, on the real engine against a generated site on 127.0.0.1.

One first crawl (module fixture) is the previous run of every test: it starts from one
role page and follows links through the whole 40-page site, as a scheduled run would
(nothing published yet: a full crawl). Each test copies its run folder and crawls a
second time, with ``-a previous=`` naming the copy, against a server whose pages it
controls.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from collections import Counter
from pathlib import Path

import pytest
from support.crawl import CrawlResult, changed_role_page, crawl

from careerscrape.catalog.merge import CatalogBuilder
from careerscrape.refresh.previous import previous_first_seen
from careerscrape.run.folders import run_started
from careerscrape.testing.localsite import serve
from careerscrape.testing.sitegen import Site, generate_site

SEED = 5
PAGES = 40
#: The table rows a comparison page shows its yearly salary in (Next.js and plain markup).
SALARY_ROWS = re.compile(
    rb"<tr[^>]*>(?:(?!</tr>).)*?>(?:Yearly|Average) salary<(?:(?!</tr>).)*</tr>"
    rb'|<div class="vs-row"><(?:div|span) class="vs-cell vs-label">(?:Yearly|Average) salary'
    rb"</(?:div|span)>.*?</div>\n",
    re.S,
)


@pytest.fixture(scope="module")
def site() -> Site:
    return generate_site(PAGES, seed=SEED)


def _start(site: Site) -> tuple[str, ...]:
    """From one role page, far enough to reach every page of the site."""
    return ("-a", f"urls={site.role_paths[0]}", "-a", "depth=20")


@pytest.fixture(scope="module")
def first(site: Site, tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    output = tmp_path_factory.mktemp("refresh") / "first"
    with serve(site) as server:
        result = crawl(output, *_start(site), "-a", f"site={server.base_url}")
    assert result.returncode == 0, result.log[-3000:]
    assert result.run["records"]["total"] == PAGES
    return result


def _copy(first: CrawlResult, to: Path) -> Path:
    shutil.copytree(first.folder, to)
    return to


def _published(first: CrawlResult, to: Path) -> Path:
    """A copy of the first crawl's OUTPUT_DIR: its run, published (latest)."""
    shutil.copytree(first.output, to, symlinks=True)
    return to


def _records(result: CrawlResult) -> dict[str, dict]:
    return {**result.by_url("roles.jsonl"), **result.by_url("comparisons.jsonl")}


def _statuses(hits: Counter, site: Site) -> Counter:
    """Responses to page requests, by status."""
    pages, statuses = set(site.paths), Counter()
    for (_, path, status), n in hits.items():
        if path in pages:
            statuses[status] += n
    return statuses


def test_a_refresh_asks_conditionally_and_parses_only_the_changed_page(
    site: Site, first: CrawlResult, tmp_path: Path
) -> None:
    previous = _copy(first, tmp_path / "previous")
    path, html, old_summary, new_summary = changed_role_page(site)
    url = site.url(path)
    started = time.monotonic()
    with serve([{path: html}, site]) as server:
        second = crawl(tmp_path / "second", *_start(site), "-a", f"site={server.base_url}",
                       "-a", f"previous={previous}")  # fmt: skip
        hits = server.hit_counts()
    seconds = time.monotonic() - started
    assert second.returncode == 0, second.log[-3000:]

    # Every page was asked for with its validators: the server answered 304 to all but the
    # changed one, and the crawl still reached the whole site through the links it kept.
    assert _statuses(hits, site) == {304: PAGES - 1, 200: 1}
    assert hits[("GET", path, 200)] == 1
    refresh = second.run["refresh"]
    assert refresh["conditional_requests"] == PAGES
    assert refresh["not_modified"] == PAGES - 1
    assert refresh["same_content"] == 0
    assert refresh["pages"] == {"unchanged": PAGES - 1, "changed": 1, "new": 0, "gone": 0}
    assert second.run["accounting"]["balanced"]
    assert second.run["health"]["healthy"], second.run["health"]

    # Unchanged pages keep their previous record exactly (fetched_at included); the changed
    # one was parsed again.
    before, after = _records(first), _records(second)
    assert after.keys() == before.keys()
    assert {u: r for u, r in after.items() if u != url} == {
        u: r for u, r in before.items() if u != url
    }
    assert after[url]["summary"] == new_summary
    assert after[url]["content_sha256"] != before[url]["content_sha256"]
    assert after[url]["fetched_at"] > before[url]["fetched_at"]

    # changes.json names exactly that change, and the pages by what happened to them.
    changes = json.loads((second.folder / "changes.json").read_text(encoding="utf-8"))
    slug = site.record(path)["role_slug"]
    assert changes["added"] == changes["removed"] == []
    assert changes["changed"] == [{
        "role_slug": slug,
        "title": changes["changed"][0]["title"],
        "fields": [{"field": "summary", "old": old_summary, "new": new_summary}],
    }]  # fmt: skip
    assert changes["pages"]["changed"] == [url]
    assert len(changes["pages"]["unchanged"]) == PAGES - 1
    assert changes["pages"]["new"] == changes["pages"]["gone"] == []

    # The catalog is up to date: the merge of this run's records, with the new summary, its
    # first_seen carried from the previous run's catalog and last_seen at least its start.
    catalog = second.jsonl("catalog.jsonl")
    builder = CatalogBuilder(history=previous_first_seen(previous),
                             run_started=run_started(second.folder))  # fmt: skip
    for record in after.values():
        builder.add(record)
    assert catalog == [e.model_dump(mode="json") for e in builder.entries()]
    assert {e["role_slug"]: e for e in catalog}[slug]["summary"] == new_summary

    # The validators for the next run: one per record, the changed page's new ETag among them.
    validators = {v["url"]: v for v in second.jsonl("validators.jsonl")}
    assert validators.keys() == after.keys()
    assert validators[url]["content_sha256"] == after[url]["content_sha256"]
    assert validators[url]["etag"] == f'"{after[url]["content_sha256"]}"'
    assert seconds < 40


def test_without_validators_unchanged_bodies_are_recognised_by_their_hash(
    site: Site, first: CrawlResult, tmp_path: Path
) -> None:
    """A previous run that wrote no validators.jsonl (a plain crawl): every page is fetched
    in full, and those whose body hash matches the previous record are not parsed."""
    previous = _copy(first, tmp_path / "previous")
    (previous / "validators.jsonl").unlink()
    path, html, _, new_summary = changed_role_page(site)
    with serve([{path: html}, site]) as server:
        second = crawl(tmp_path / "second", "-a", "sitemap=/sitemap.xml", "-a", "depth=0",
                       "-a", f"site={server.base_url}", "-a", f"previous={previous}")  # fmt: skip
        hits = server.hit_counts()
    assert second.returncode == 0, second.log[-3000:]
    assert _statuses(hits, site) == {200: PAGES}
    refresh = second.run["refresh"]
    assert (refresh["conditional_requests"], refresh["not_modified"]) == (0, 0)
    assert refresh["same_content"] == PAGES - 1
    assert refresh["pages"] == {"unchanged": PAGES - 1, "changed": 1, "new": 0, "gone": 0}
    before, after = _records(first), _records(second)
    url = site.url(path)
    assert {u: r for u, r in after.items() if u != url} == {
        u: r for u, r in before.items() if u != url
    }
    assert after[url]["summary"] == new_summary


def test_a_previous_record_that_no_longer_validates_is_fetched_again_and_parsed(
    site: Site, first: CrawlResult, tmp_path: Path
) -> None:
    previous = _copy(first, tmp_path / "previous")
    lines = (previous / "comparisons.jsonl").read_text(encoding="utf-8").splitlines()
    broken = json.loads(lines[0])
    broken["roles"] = broken["roles"][:1]  # a comparison has exactly two sides
    lines[0] = json.dumps(broken)
    (previous / "comparisons.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with serve(site) as server:
        second = crawl(tmp_path / "second", *_start(site), "-a", f"site={server.base_url}",
                       "-a", f"previous={previous}")  # fmt: skip
        hits = server.hit_counts()
    assert second.returncode == 0, second.log[-3000:]
    path = broken["url"].removeprefix(site.origin)
    assert hits[("GET", path, 304)] == hits[("GET", path, 200)] == 1  # 304, then in full
    assert _statuses(hits, site) == {304: PAGES, 200: 1}
    after = _records(second)
    assert after[broken["url"]] != broken
    assert len(after[broken["url"]]["roles"]) == 2
    assert second.run["refresh"]["not_modified"] == PAGES - 1
    assert second.run["accounting"] == {
        "requested": PAGES, "records": PAGES, "rejects": 0, "duplicates": 0, "sitemaps": 0,
        "balanced": True, "lost": [],
    }  # fmt: skip


def _without_salaries(site: Site) -> dict[str, bytes]:
    pages = {}
    for path in site.comparison_paths:
        html, rows = SALARY_ROWS.subn(b"", site.page(path))
        assert rows == 2, path  # the overview's "Yearly salary" and the "Average salary" row
        pages[path] = html
    return pages


def test_a_field_that_stops_being_filled_raises_the_drift_alarm(
    site: Site, first: CrawlResult, tmp_path: Path
) -> None:
    stripped = _without_salaries(site)
    with serve([stripped, site]) as server:
        # The next scheduled run, as cron runs it: it refreshes the run published last
        # (its run.json is the baseline), default health settings: the fill floor (exit 6)
        # fails too and wins, and the drift reason is listed.
        refreshed = crawl(_published(first, tmp_path / "cron"), *_start(site),
                          "-a", f"site={server.base_url}")  # fmt: skip
        # The same without fill floors: the drift alarm alone, exit 7.
        again = crawl(_published(first, tmp_path / "again"), *_start(site),
                      "-a", f"site={server.base_url}", HEALTH_FILL_FLOORS="{}")  # fmt: skip

    assert again.returncode == 7, again.log[-3000:]
    drift = again.run["drift"]
    assert drift["baseline"]["path"] == str(again.published / "run.json")
    assert drift["baseline"]["started_at"] == first.run["started_at"]
    salary = [d for d in drift["dropped"] if d["field"] == "roles.yearly_salary"]
    assert salary == [{"kind": "comparison", "field": "roles.yearly_salary",
                       "previous": 1.0, "current": 0.0, "drop": 1.0}]  # fmt: skip
    reason = ("comparison field roles.yearly_salary fill rate fell from 100% to 0% since the "
              "previous run (drop 100% > 30%)")  # fmt: skip
    assert again.run["health"] == {"healthy": False, "exit_code": 7, "reasons": [reason],
                                   "failed": ["drift"]}  # fmt: skip
    assert again.published.name == first.folder.name  # not published: the last good run stays
    assert reason in again.log  # the closing summary
    assert again.run["records"]["total"] == PAGES  # the pages still parse

    assert refreshed.returncode == 6, refreshed.log[-3000:]
    assert refreshed.run["drift"]["baseline"]["path"] == str(refreshed.published / "run.json")
    reasons = refreshed.run["health"]["reasons"]
    assert reasons[0].startswith("comparison field roles.yearly_salary filled in 0% of ")
    assert reason in reasons
    # The role pages were carried over from the published run.
    assert refreshed.run["refresh"]["not_modified"] == len(site.role_paths)
    assert refreshed.run["refresh"]["pages"]["changed"] == len(site.comparison_paths)
    changes = json.loads((refreshed.folder / "changes.json").read_text(encoding="utf-8"))
    assert len(changes["changed"]) == len(site.roles)
    for role in changes["changed"]:
        salary = [f for f in role["fields"] if f["field"] == "yearly_salary"]
        assert salary and salary[0]["new"] is None and salary[0]["old"] > 0, role
