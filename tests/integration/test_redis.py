"""Two ``scrapy crawl careers`` processes share one crawl through a real Redis.

A generated site of 600 pages is served on 127.0.0.1 and crawled twice: by
two processes at once with ``-s REDIS_URL=...`` (each writing its own
output folder), and by one process alone. Every page must come out exactly
once across the two outputs, each process's run.json must balance, and the
catalog merged from both outputs must be the single-process catalog.

Needs ``redis-server`` on PATH (CI installs it: .ci/run); skipped without it.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from careerscrape.catalog import build_catalog
from careerscrape.distributed import LoopAwareRedisDupeFilter, dumps, loads
from careerscrape.localsite import serve
from careerscrape.sitegen import generate_site
from integration.crawl import ROOT, CrawlResult, crawl, crawl_command, stop, without

PAGES = 600
RECORD_FILES = ("roles.jsonl", "comparisons.jsonl")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    """A throwaway redis-server on 127.0.0.1 (random port, nothing saved), stopped after."""
    binary = shutil.which("redis-server")
    if binary is None:
        message = "redis-server is not installed (apt-get install redis-server; .ci/run does)"
        if os.environ.get("CI"):
            pytest.fail(f"{message}: CI must run this test")
        pytest.skip(message)
    import redis

    port = _free_port()
    folder = tmp_path / "redis"
    folder.mkdir()
    server = subprocess.Popen(
        [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no",
         "--dir", str(folder), "--protected-mode", "yes"],
        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
    )  # fmt: skip
    client = redis.Redis(host="127.0.0.1", port=port)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"redis-server did not start on port {port}")
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        client.close()
        stop(server)


def _workers(outputs: list[Path], args: tuple[str, ...], **settings: str) -> list[CrawlResult]:
    """Run one crawl process per output folder, all at once; wait for every one."""
    workers = [
        subprocess.Popen(
            crawl_command(output, *args, **settings),
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for output in outputs
    ]
    logs = [worker.communicate(timeout=120)[0] for worker in workers]
    return [
        CrawlResult(worker.returncode, log, output)
        for worker, log, output in zip(workers, logs, outputs, strict=True)
    ]


def _urls(result: CrawlResult) -> list[str]:
    """Every URL a crawl wrote: records and rejects."""
    return [r["url"] for name in (*RECORD_FILES, "rejects.jsonl") for r in result.jsonl(name)]


def _catalog(*outputs: Path) -> list[dict]:
    """The catalog of these outputs, less first_seen/last_seen (when pages were fetched)."""
    files = [CrawlResult(0, "", output).folder / name for output in outputs
             for name in RECORD_FILES]  # fmt: skip
    return [
        without(entry.model_dump(mode="json"), "first_seen", "last_seen")
        for entry in build_catalog(files)
    ]


def test_two_processes_share_one_crawl_and_write_every_page_once(
    tmp_path: Path, redis_url: str
) -> None:
    import redis

    site = generate_site(PAGES, seed=5)
    outputs = [tmp_path / "worker-a", tmp_path / "worker-b"]
    with serve(site) as server:
        args = ("-a", "sitemap=/sitemap.xml", "-a", "depth=1", "-a", f"site={server.base_url}")
        results = _workers(outputs, args, REDIS_URL=redis_url, REDIS_WORKER_TTL="10")
        single = crawl(tmp_path / "single", *args)
        hits = server.hit_counts()
    for result in [*results, single]:
        assert result.returncode == 0, result.log[-4000:]

    # Every page exactly once across the two workers; both did part of the work.
    first, second = (_urls(result) for result in results)
    assert len(first) == len(set(first)) and len(second) == len(set(second))
    assert not set(first) & set(second)
    assert sorted(first + second) == sorted(site.records)
    assert first and second, "one worker did every page"
    assert sorted(_urls(single)) == sorted(site.records)
    written = {
        r["url"]: without(r, "fetched_at", "content_sha256", "parser_version")
        for result in results
        for name in RECORD_FILES
        for r in result.jsonl(name)
    }
    assert written == {url: site.records[url] for url in site.records}
    # No page was fetched twice: the single crawl fetched each once, so twice in all.
    fetched = [count for (method, path, _), count in hits.items() if method == "GET"
               and path in site.pages]  # fmt: skip
    assert fetched and set(fetched) == {2}

    # Each process accounts for what it did, and the two add up to the whole site.
    runs = [result.run for result in results]
    for run in runs:
        assert run["accounting"]["balanced"], run["accounting"]
        assert run["health"]["healthy"], run["health"]
    # Summed, the figures are the single-process ones: a page asked for by the other
    # process first is skipped, not a duplicate.
    assert sum(run["records"]["total"] for run in runs) == PAGES
    # Each process reads the sitemap itself.
    assert sum(run["accounting"]["requested"] for run in runs) == PAGES + 2
    assert [run["sitemaps"]["read"] for run in runs] == [1, 1]
    assert [run["duplicates"] for run in runs] == [0, 0]
    assert single.run["accounting"]["requested"] == PAGES + 1

    # The catalog merged from both outputs is the single-process catalog (up to fetch times).
    assert _catalog(*outputs) == _catalog(single.output)
    # The last worker out cleared the crawl's keys: the next crawl starts afresh.
    client = redis.Redis.from_url(redis_url)
    assert [key for key in client.scan_iter("careerscrape:*")] == []
    client.close()


def test_the_shared_queue_stores_requests_as_json_not_pickles() -> None:
    import scrapy

    request = scrapy.Request(
        "http://127.0.0.1/x/", meta={"hops": 1, "redirect_urls": ["http://a/"]},
        headers={"If-None-Match": '"abc"'}, body=b"\x00\xff",
    )  # fmt: skip
    encoded = dumps(request.to_dict())
    assert encoded.startswith(b"{")
    assert loads(encoded) == request.to_dict()
    with pytest.raises(TypeError, match="shared queue"):
        dumps({"meta": {"thing": object()}})


def test_a_worker_alone_with_nothing_queued_starts_a_new_crawl(
    tmp_path: Path, redis_url: str
) -> None:
    """Keys left by a crawl whose last worker died do not make the next crawl skip pages."""
    import redis
    import scrapy

    client = redis.Redis.from_url(redis_url)
    site = generate_site(20, seed=2)
    with serve(site) as server:
        # What a killed worker leaves: its filter full, itself still listed.
        left = LoopAwareRedisDupeFilter(client, key="careerscrape:careers:seen")
        for path in site.pages:
            left.request_seen(scrapy.Request(server.base_url + path))
        assert client.scard("careerscrape:careers:seen") == len(site.pages)
        client.sadd("careerscrape:careers:workers", "dead-host:1:0")
        result = crawl(tmp_path, "-a", "sitemap=/sitemap.xml", "-a", "depth=0",
                       "-a", f"site={server.base_url}", REDIS_URL=redis_url)  # fmt: skip
    assert result.returncode == 0, result.log[-3000:]
    assert sorted(_urls(result)) == sorted(site.records)
    assert [key for key in client.scan_iter("careerscrape:*")] == []
    client.close()


def test_redirects_stay_with_their_worker_and_into_a_fetched_page_are_duplicates(
    tmp_path: Path, redis_url: str
) -> None:
    """Start URLs without their trailing slash answer 301 to pages also started from."""
    site = generate_site(60, seed=4)
    paths = list(site.pages)
    start = tmp_path / "start.txt"
    start.write_text("\n".join(paths + [path.rstrip("/") for path in paths[:20]]) + "\n")
    outputs = [tmp_path / "worker-a", tmp_path / "worker-b"]
    with serve(site) as server:
        args = ("-a", f"url_file={start}", "-a", "depth=0", "-a", f"site={server.base_url}")
        results = _workers(outputs, args, REDIS_URL=redis_url)
    for result in results:
        assert result.returncode == 0, result.log[-3000:]
    records = [r["url"] for result in results for name in RECORD_FILES for r in result.jsonl(name)]
    assert sorted(records) == sorted(site.records)
    assert not any(result.jsonl("rejects.jsonl") for result in results)
    runs = [result.run for result in results]
    assert all(run["accounting"]["balanced"] for run in runs), [r["accounting"] for r in runs]
    requested = sum(run["accounting"]["requested"] for run in runs)
    duplicates = sum(run["duplicates"] for run in runs)
    assert requested == len(paths) + duplicates
    assert 0 < duplicates <= 20
