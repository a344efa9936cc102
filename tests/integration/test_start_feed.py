"""Start pages join the scheduler's queue as it drains (careerscrape.spiders.feed).

Crawls of a generated site served on 127.0.0.1, with a probe extension
(tests/integration/queue_probe.py) reporting the longest the scheduler's queue
got: however many pages a sitemap or a url_file lists, at most
START_QUEUE_LIMIT requests wait in it, and every page is still fetched once
and accounted for once in run.json.
"""

from __future__ import annotations

import json
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from scrapy.settings import Settings
from support import queue_probe
from support.crawl import ROOT, CrawlResult, crawl_command

from careerscrape import settings as project_settings
from careerscrape.spiders.feed import queue_limit
from careerscrape.testing.localsite import LocalServer, serve
from careerscrape.testing.sitegen import generate_site, sitemap_xml

PAGES = 240
MISSING = [f"/missing-{n}-jobs/what-does-a-missing-{n}-do/" for n in range(1, 4)]


def probed_crawl(output: Path, *args: str, **settings: str) -> tuple[CrawlResult, dict[str, Any]]:
    """``scrapy crawl careers`` with the queue probe on; (result, what the probe saw)."""
    probe = output.parent / f"{output.name}-queue.json"
    extensions = {**project_settings.EXTENSIONS, queue_probe.PATH: 999}
    command = crawl_command(output, *args, EXTENSIONS=json.dumps(extensions),
                            QUEUE_PROBE_FILE=str(probe), **settings)  # fmt: skip
    done = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=180, check=False
    )
    result = CrawlResult(done.returncode, done.stdout + done.stderr, output)
    assert result.returncode == 0, result.log[-3000:]
    return result, json.loads(probe.read_text(encoding="utf-8"))


def page_gets(server: LocalServer, pages: set[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for (method, path, _), n in server.hit_counts().items():
        if method == "GET" and path in pages:
            counts[path] += n
    return counts


def records(result: CrawlResult) -> list[dict[str, Any]]:
    return result.jsonl("roles.jsonl") + result.jsonl("comparisons.jsonl")


@pytest.fixture(scope="module")
def site():
    return generate_site(PAGES, seed=11)


@pytest.mark.parametrize("limit", ["10", "0"])
def test_the_pages_of_a_sitemap_wait_for_room_in_the_queue(
    tmp_path: Path, site: Any, limit: str
) -> None:
    with serve(site) as server:
        result, queue = probed_crawl(
            tmp_path / "out", "-a", "sitemap=/sitemap.xml", "-a", "depth=0",
            "-a", f"site={server.base_url}",
            CONCURRENT_REQUESTS="4", START_QUEUE_LIMIT=limit,
        )  # fmt: skip
        gets = page_gets(server, set(site.pages))
    assert gets == Counter(dict.fromkeys(site.pages, 1))
    assert {r["url"] for r in records(result)} == set(site.records)
    run = result.run
    # Every page, and the sitemap (read).
    assert run["accounting"] == {"requested": PAGES + 1, "records": PAGES, "rejects": 0,
                                 "duplicates": 0, "sitemaps": 1, "balanced": True,
                                 "lost": []}  # fmt: skip
    assert queue["scheduled"] == PAGES + 1  # and the sitemap
    if limit == "10":
        assert queue["max_queued"] <= 10
    else:  # off: the sitemap is queued as it is read (while the downloader takes some)
        assert queue["max_queued"] >= 40


def test_a_sitemap_index_and_a_url_file_are_fed_as_the_queue_drains(
    tmp_path: Path, site: Any
) -> None:
    """An index of two sitemaps (one listed twice, and the index itself: a loop), and a
    url_file naming some of their pages and three pages the site does not have."""
    paths = list(site.pages)
    sitemaps: dict[str, bytes] = {}
    url_file = tmp_path / "start.txt"
    with serve([site, sitemaps]) as server:
        url = server.url
        sitemaps["/part-1.xml"] = sitemap_xml([url(p) for p in paths[::2]]).encode()
        sitemaps["/part-2.xml"] = sitemap_xml([url(p) for p in paths[1::2]]).encode()
        listed = ["/part-1.xml", "/part-2.xml", "/part-1.xml", "/index.xml"]
        sitemaps["/index.xml"] = _sitemap_index([url(p) for p in listed])
        url_file.write_text("\n".join(paths[:60] + MISSING) + "\n", encoding="utf-8")
        result, queue = probed_crawl(
            tmp_path / "out", "-a", "sitemap=/index.xml", "-a", f"url_file={url_file}",
            "-a", "depth=0", "-a", f"site={server.base_url}", CONCURRENT_REQUESTS="2",
        )  # fmt: skip
        gets = page_gets(server, set(paths))
        sitemap_gets = page_gets(server, set(sitemaps))
    assert gets == Counter(dict.fromkeys(paths, 1))
    assert sitemap_gets == Counter(dict.fromkeys(sitemaps, 1))
    assert {r["url"] for r in records(result)} == set(site.records)
    run = result.run
    # The pages, 3 missing ones, and 3 sitemaps read: the index and its two parts, each
    # asked for once (the second listing of part 1, and the index itself, are not).
    assert run["accounting"] == {"requested": PAGES + 3 + 3, "records": PAGES, "rejects": 3,
                                 "duplicates": 0, "sitemaps": 3, "balanced": True,
                                 "lost": []}  # fmt: skip
    assert run["rejects"]["by_reason"] == {"http_404": 3}
    # 4 x CONCURRENT_REQUESTS, and the 4 sitemaps the index lists: they are not held back.
    assert queue["max_queued"] <= 8 + 4


def test_a_robots_txt_given_as_the_sitemap_leads_to_its_sitemaps(tmp_path: Path) -> None:
    small = generate_site(30, seed=2)
    with serve(small) as server:
        result, queue = probed_crawl(
            tmp_path / "out", "-a", "sitemap=/robots.txt", "-a", "depth=0",
            "-a", f"site={server.base_url}", CONCURRENT_REQUESTS="1", START_QUEUE_LIMIT="3",
        )  # fmt: skip
    assert {r["url"] for r in records(result)} == set(small.records)
    assert result.run["accounting"]["balanced"]
    assert queue["max_queued"] <= 3 + 1  # and the sitemap robots.txt names


def _sitemap_index(urls: list[str]) -> bytes:
    entries = "".join(f"<sitemap><loc>{u}</loc></sitemap>" for u in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}'
        "</sitemapindex>\n"
    ).encode()


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({}, 4 * 16),
        ({"CONCURRENT_REQUESTS": 3}, 12),
        ({"START_QUEUE_LIMIT": "25"}, 25),
        ({"START_QUEUE_LIMIT": 0}, 0),
        ({"START_QUEUE_LIMIT": 25, "REDIS_URL": "redis://127.0.0.1:6379"}, 0),
    ],
)
def test_the_queue_limit_setting(values: dict[str, Any], expected: int) -> None:
    settings = Settings({"CONCURRENT_REQUESTS": 16, "START_QUEUE_LIMIT": None, **values})
    assert queue_limit(settings) == expected
