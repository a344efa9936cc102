"""A crawl stopped part-way with SIGTERM and started again with the same JOBDIR ends with
the outputs of an uninterrupted crawl (careerscrape.journal), over real HTTP on 127.0.0.1.

Run A crawls a generated site of 300 pages (from its sitemap) and 5 pages it does not
have, without stopping, parsing in process. Run B is the same crawl with ``-s JOBDIR``,
parsing in two worker processes: its first part gets
one SIGTERM once about a third of the pages are fetched, and the same command then
resumes it to the end.
"""

from __future__ import annotations

import json
import signal
import subprocess
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from support.crawl import ROOT, CrawlResult, crawl, crawl_command, without

from careerscrape.testing.localsite import LocalServer, serve
from careerscrape.testing.sitegen import generate_site

PAGES = 300
MISSING = [f"/missing-{n}-jobs/what-does-a-missing-{n}-do/" for n in range(1, 6)]
#: Slow enough that the crawl takes a few seconds and a stop lands part-way.
SETTINGS = {"CONCURRENT_REQUESTS": "2", "CONCURRENT_REQUESTS_PER_DOMAIN": "2"}
STOP_AFTER = PAGES // 3


@dataclass
class Runs:
    uninterrupted: CrawlResult
    first_part: dict[str, Any]  # what the stopped part left in its run folder
    first_exit: int
    first_published: Path | None  # OUTPUT_DIR/latest after the stopped part
    resumed: CrawlResult
    fetched_first: Counter[str]  # page path -> GETs, by the stopped part
    fetched_second: Counter[str]  # by the resumed part
    pages: set[str]
    seconds: float


def fetched(server: LocalServer, pages: set[str]) -> Counter[str]:
    """GETs of each page of the site so far."""
    counts: Counter[str] = Counter()
    for (method, path, _), n in server.hit_counts().items():
        if method == "GET" and path in pages:
            counts[path] += n
    return counts


def outputs(folder: Path) -> dict[str, Any]:
    result = CrawlResult(0, "", folder)
    names = ("roles.jsonl", "comparisons.jsonl", "rejects.jsonl")
    return {name: result.jsonl(name) for name in names} | {"run": result.run}


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Runs:
    started = time.monotonic()
    site = generate_site(PAGES, seed=5)
    pages = set(site.pages)
    tmp = tmp_path_factory.mktemp("interrupted")
    with serve(site) as server:
        args = ("-a", "sitemap=/sitemap.xml", "-a", f"urls={','.join(MISSING)}",
                "-a", "depth=0", "-a", f"site={server.base_url}")  # fmt: skip
        uninterrupted = crawl(tmp / "a", *args, **SETTINGS, PARSE_PROCESSES="0")
        assert uninterrupted.returncode == 0, uninterrupted.log[-3000:]

        # Stopped while pages are parsed in worker processes: they finish the pages in flight.
        job = {**SETTINGS, "PARSE_PROCESSES": "2", "JOBDIR": str(tmp / "job")}
        before = fetched(server, pages)
        log = tmp / "first-part.log"
        with log.open("w") as log_file:
            first = subprocess.Popen(crawl_command(tmp / "b", *args, **job), cwd=ROOT,
                                     stdout=log_file, stderr=subprocess.STDOUT)  # fmt: skip
            try:
                deadline = time.monotonic() + 30
                while (fetched(server, pages) - before).total() < STOP_AFTER:
                    assert first.poll() is None, "the crawl ended before it could be stopped"
                    assert time.monotonic() < deadline, "the crawl fetched too few pages"
                    time.sleep(0.01)
                first.send_signal(signal.SIGTERM)
                first.wait(timeout=30)
            finally:
                if first.poll() is None:
                    first.kill()
        after_first = fetched(server, pages)
        first_part = outputs(tmp / "b")
        first_part["folder"] = CrawlResult(0, "", tmp / "b").folder
        first_published = CrawlResult(0, "", tmp / "b").published

        resumed = crawl(tmp / "b", *args, **job)
        assert resumed.returncode == 0, resumed.log[-3000:]
        after_second = fetched(server, pages)
    return Runs(uninterrupted, first_part, first.returncode, first_published, resumed,
                after_first - before, after_second - after_first, pages,
                time.monotonic() - started)  # fmt: skip


def records(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row["url"]: without(row, "fetched_at") for row in rows}


def test_the_first_part_really_stopped_early(runs: Runs) -> None:
    first = runs.first_part
    assert first["run"]["finish_reason"] == "shutdown"
    assert runs.first_exit == 8  # paused: not healthy, not published
    assert runs.first_published is None
    assert first["run"]["publication"]["published"] is False
    written = len(first["roles.jsonl"]) + len(first["comparisons.jsonl"])
    assert STOP_AFTER <= written < PAGES
    assert first["run"]["records"]["total"] == written
    assert first["run"]["job"]["part"] == 1
    # The missing pages are asked for first: their rejects are replayed by the second part.
    assert len(first["rejects.jsonl"]) == len(MISSING)


def test_the_resumed_crawl_fetched_only_what_the_first_part_had_not(runs: Runs) -> None:
    first, second = runs.fetched_first, runs.fetched_second
    assert STOP_AFTER <= first.total() < PAGES
    assert not first.keys() & second.keys()
    assert first + second == Counter(dict.fromkeys(runs.pages, 1))


@pytest.mark.parametrize("name", ["roles.jsonl", "comparisons.jsonl"])
def test_the_resumed_crawl_writes_the_records_of_an_uninterrupted_one(
    runs: Runs, name: str
) -> None:
    resumed = runs.resumed.jsonl(name)
    assert len(resumed) == len({r["url"] for r in resumed})  # each record once
    assert records(resumed) == records(runs.uninterrupted.jsonl(name))
    # The records of the first part are written as they were, fetched_at included.
    first = {row["url"]: row for row in runs.first_part[name]}
    assert {row["url"]: row for row in resumed if row["url"] in first} == first


def test_the_resumed_crawl_writes_the_catalog_of_an_uninterrupted_one(runs: Runs) -> None:
    strip = ("first_seen", "last_seen")
    catalog = [without(entry, *strip) for entry in runs.resumed.jsonl("catalog.jsonl")]
    assert catalog == [without(e, *strip) for e in runs.uninterrupted.jsonl("catalog.jsonl")]
    assert len(catalog) > 0


def test_the_rejects_of_the_first_part_are_kept(runs: Runs) -> None:
    resumed = runs.resumed.jsonl("rejects.jsonl")
    assert resumed == runs.first_part["rejects.jsonl"]  # rejected_at included
    uninterrupted = runs.uninterrupted.jsonl("rejects.jsonl")
    assert {r["url"]: without(r, "rejected_at") for r in resumed} == {
        r["url"]: without(r, "rejected_at") for r in uninterrupted
    }
    assert len(resumed) == len(uninterrupted) == len(MISSING)


def test_run_json_accounts_for_the_whole_job(runs: Runs) -> None:
    run, whole = runs.resumed.run, runs.uninterrupted.run
    assert run["finish_reason"] == "finished"
    job = {"requested": PAGES + len(MISSING) + 1, "records": PAGES, "rejects": len(MISSING),
           "duplicates": 0, "sitemaps": 1, "balanced": True, "lost": []}  # fmt: skip
    assert run["accounting"] == whole["accounting"] == job
    for key in ("records", "rejects", "duplicates", "fill_rates", "catalog_roles", "blocked"):
        assert run[key] == whole[key], key
    # robots.txt and the sitemap are read again by the second part; every page once.
    assert run["responses"]["total"] == whole["responses"]["total"] + 2
    assert run["links"]["offsite"] == whole["links"]["offsite"]
    assert run["health"] == whole["health"]
    assert run["job"]["part"] == 2
    assert run["job"]["started_at"] == runs.first_part["run"]["job"]["started_at"]


def test_the_part_that_completes_the_job_publishes_its_run_folder(runs: Runs) -> None:
    assert runs.resumed.returncode == 0
    assert runs.resumed.folder == runs.first_part["folder"]  # one folder for the whole job
    assert runs.resumed.published == runs.resumed.folder
    assert runs.resumed.run["publication"]["published"] is True


def test_no_temporary_file_is_left(runs: Runs) -> None:
    for result in (runs.resumed, runs.uninterrupted):
        assert sorted(p.name for p in result.folder.iterdir()) == [
            "catalog.jsonl", "changes.json", "comparisons.jsonl", "pages.warc.gz",
            "pages.warc.gz.index.jsonl", "rejects.jsonl", "roles.jsonl", "run.json",
            "validators.jsonl",
        ]  # fmt: skip
        assert sorted(p.name for p in result.output.iterdir()) == [".lock", "latest", "runs"]


def test_the_whole_job_takes_under_a_minute(runs: Runs) -> None:
    assert runs.seconds < 60
    print(f"uninterrupted + stopped + resumed crawls: {runs.seconds:.1f} s")


def test_without_jobdir_there_is_no_job(runs: Runs) -> None:
    assert "job" not in runs.uninterrupted.run
    assert "journal" not in json.dumps(runs.uninterrupted.run)
