"""Workers of one crawl shared through a real Redis, on the real engine.

A generated site is served on 127.0.0.1 and crawled by ``scrapy crawl careers``
processes started with ``-s REDIS_URL=...`` (each writing its own output folder),
against a redis-server each test starts on a free port (nothing saved) and stops.

- Two processes share a crawl of 600 pages: every page comes out exactly once across
  the two outputs, each run.json balances, and the merged catalog is the catalog of
  one process alone.
- Workers started in the same instant all take part.
- A worker killed with SIGKILL loses nothing: its unfinished pages are done by the
  survivor, and the union of both run folders has every page.
- A Redis that dies, or comes back empty, stops every worker with exit 11 and its
  outputs written, within a bound; a worker stopped by SIGTERM meanwhile stops at once.
- The plain Redis side (careerscrape.distributed.crawl) on its own, no crawl.

Needs ``redis-server`` on PATH (CI installs it: .ci/run); skipped without it.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.crawl import ROOT, CrawlResult, crawl, crawl_command, run_folders, stop, without

from careerscrape.catalog.merge import CatalogBuilder
from careerscrape.distributed import LoopAwareRedisDupeFilter, dumps, loads
from careerscrape.distributed.crawl import CrawlLost, SharedCrawl
from careerscrape.testing.localsite import serve
from careerscrape.testing.sitegen import generate_site

PAGES = 600
RECORD_FILES = ("roles.jsonl", "comparisons.jsonl")
#: Workers of the tests are started together: a short start window is enough.
SHARED = {"REDIS_START_WINDOW": "3", "REDIS_WORKER_TTL": "10"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """A throwaway redis-server on 127.0.0.1 (a free port, nothing saved) a test can kill
    and start again, empty, on the same port."""

    def __init__(self, binary: str, folder: Path) -> None:
        self.binary, self.folder, self.port = binary, folder, _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None
        self.start()

    def start(self) -> None:
        import redis

        self.process = subprocess.Popen(
            [self.binary, "--bind", "127.0.0.1", "--port", str(self.port), "--save", "",
             "--appendonly", "no", "--dir", str(self.folder), "--protected-mode", "yes"],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
        )  # fmt: skip
        client = redis.Redis(host="127.0.0.1", port=self.port)
        deadline = time.monotonic() + 10
        try:
            while True:
                try:
                    client.ping()
                    return
                except redis.ConnectionError:
                    if self.process.poll() is not None or time.monotonic() > deadline:
                        pytest.fail(f"redis-server did not start on port {self.port}")
                    time.sleep(0.05)
        finally:
            client.close()

    def kill(self) -> None:
        """SIGKILL: the server is gone at once, and whatever it held with it."""
        assert self.process is not None
        self.process.kill()
        self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            stop(self.process)


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    binary = shutil.which("redis-server")
    if binary is None:
        message = "redis-server is not installed (apt-get install redis-server; .ci/run does)"
        if os.environ.get("CI"):
            pytest.fail(f"{message}: CI must run this test")
        pytest.skip(message)
    folder = tmp_path / "redis"
    folder.mkdir()
    server = RedisServer(binary, folder)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def redis_url(redis_server: RedisServer) -> str:
    return redis_server.url


class Worker:
    """One ``scrapy crawl careers`` process of a shared crawl, its log in a file."""

    def __init__(self, output: Path, args: tuple[str, ...], **settings: str) -> None:
        self.output = output
        output.mkdir(parents=True, exist_ok=True)
        self.log_path = output.with_name(output.name + ".log")
        with self.log_path.open("w") as log:
            self.process = subprocess.Popen(
                crawl_command(output, *args, **settings), cwd=ROOT,
                stdout=log, stderr=subprocess.STDOUT, text=True,
            )  # fmt: skip

    def wait(self, timeout: float = 120) -> CrawlResult:
        """Its result once it exits; killed (and the test failed) if it outlives ``timeout``."""
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            pytest.fail(f"{self.output.name} still ran after {timeout:g} s:\n{self.log[-3000:]}")
        return CrawlResult(self.process.returncode, self.log, self.output)

    @property
    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    @property
    def run_dir(self) -> Path | None:
        names = sorted(run_folders(self.output))
        return self.output / "runs" / names[-1] if names else None

    def written(self) -> int:
        """Records and rejects written so far."""
        folder = self.run_dir
        if folder is None:
            return 0
        files = [folder / name for name in (*RECORD_FILES, "rejects.jsonl")]
        return sum(path.read_bytes().count(b"\n") for path in files if path.exists())


def _workers(outputs: list[Path], args: tuple[str, ...], **settings: str) -> list[CrawlResult]:
    """Run one crawl process per output folder, all at once; wait for every one."""
    workers = [Worker(output, args, **settings) for output in outputs]
    return [worker.wait() for worker in workers]


def _until(condition: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            pytest.fail(f"after {timeout:g} s: still not {what}")
        time.sleep(0.05)


def _urls(result: CrawlResult) -> list[str]:
    """Every URL a crawl wrote: records and rejects."""
    return [r["url"] for name in (*RECORD_FILES, "rejects.jsonl") for r in result.jsonl(name)]


def _catalog(*outputs: Path) -> list[dict]:
    """The catalog of these outputs, less first_seen/last_seen (when pages were fetched)."""
    builder = CatalogBuilder()
    for output in outputs:
        for name in RECORD_FILES:
            builder.add_file(CrawlResult(0, "", output).folder / name)
    return [
        without(entry.model_dump(mode="json"), "first_seen", "last_seen")
        for entry in builder.entries()
    ]


def test_two_processes_share_one_crawl_and_write_every_page_once(
    tmp_path: Path, redis_url: str
) -> None:
    import redis

    site = generate_site(PAGES, seed=5)
    outputs = [tmp_path / "worker-a", tmp_path / "worker-b"]
    with serve(site) as server:
        args = ("-a", "sitemap=/sitemap.xml", "-a", "depth=1", "-a", f"site={server.base_url}")
        results = _workers(outputs, args, REDIS_URL=redis_url, **SHARED)
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
        # A page handed to the other worker is that worker's to answer for, not lost here.
        assert run["accounting"]["lost"] == [], run["accounting"]
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
                       "-a", f"site={server.base_url}", REDIS_URL=redis_url, **SHARED)  # fmt: skip
    assert result.returncode == 0, result.log[-3000:]
    assert sorted(_urls(result)) == sorted(site.records)
    assert [key for key in client.scan_iter("careerscrape:*")] == []
    client.close()


def test_redirects_stay_with_their_worker_and_into_a_fetched_page_are_duplicates(
    tmp_path: Path, redis_url: str
) -> None:
    """Start URLs without their trailing slash name pages also started from: one page each."""
    site = generate_site(60, seed=4)
    paths = list(site.pages)
    start = tmp_path / "start.txt"
    start.write_text("\n".join(paths + [path.rstrip("/") for path in paths[:20]]) + "\n")
    outputs = [tmp_path / "worker-a", tmp_path / "worker-b"]
    # Slow enough that both workers take part (one that gets no page writes no record).
    with serve(site, delay=0.1) as server:
        args = ("-a", f"url_file={start}", "-a", "depth=0", "-a", f"site={server.base_url}")
        results = _workers(outputs, args, REDIS_URL=redis_url, **SHARED)
    for result in results:
        assert result.returncode == 0, result.log[-3000:]
    records = [r["url"] for result in results for name in RECORD_FILES for r in result.jsonl(name)]
    assert sorted(records) == sorted(site.records)
    assert not any(result.jsonl("rejects.jsonl") for result in results)
    runs = [result.run for result in results]
    assert all(run["accounting"]["balanced"] for run in runs), [r["accounting"] for r in runs]
    requested = sum(run["accounting"]["requested"] for run in runs)
    duplicates = sum(run["duplicates"] for run in runs)
    # A start URL without its final slash is the same canonical page: asked for once.
    assert requested == len(paths)
    assert duplicates == 0


# -- start together, lose nothing, Redis lost --------------------------------------------------


def test_workers_started_in_the_same_instant_all_take_part(tmp_path: Path, redis_url: str) -> None:
    """No worker concludes the crawl is over before the others have joined it."""
    site = generate_site(90, seed=7)
    start = tmp_path / "start.txt"
    start.write_text("\n".join(site.pages) + "\n")
    outputs = [tmp_path / f"worker-{n}" for n in range(3)]
    # 0.1 s a page: one worker alone would need 4.5 s, longer than the others take to start.
    with serve(site, delay=0.1) as server:
        args = ("-a", f"url_file={start}", "-a", "depth=0", "-a", f"site={server.base_url}")
        results = _workers(outputs, args, REDIS_URL=redis_url, **SHARED)
    for result in results:
        assert result.returncode == 0, result.log[-3000:]
        assert result.run["accounting"]["balanced"], result.run["accounting"]
        assert result.run["records"]["total"] > 0, "a worker fetched no page"
    written = [url for result in results for url in _urls(result)]
    assert sorted(written) == sorted(site.records)


def test_a_worker_started_just_after_a_short_crawl_joins_it_instead_of_crawling_again(
    tmp_path: Path, redis_url: str
) -> None:
    """Within the start window, a crawl whose pages are all done is not over yet."""
    site = generate_site(20, seed=3)
    with serve(site) as server:
        args = ("-a", "sitemap=/sitemap.xml", "-a", "depth=0", "-a", f"site={server.base_url}")
        shared = {**SHARED, "REDIS_START_WINDOW": "12", "HEALTH_MIN_RECORDS": "0"}
        first = Worker(tmp_path / "first", args, REDIS_URL=redis_url, **shared)
        _until(lambda: first.written() == len(site.pages), 60, "every page written")
        late = Worker(tmp_path / "late", args, REDIS_URL=redis_url, **shared)
        results = [first.wait(), late.wait()]
    for result in results:
        assert result.returncode == 0, result.log[-3000:]
        assert result.run["accounting"]["balanced"], result.run["accounting"]
    # One crawl, not two: every page once across both workers.
    assert sorted(_urls(results[0]) + _urls(results[1])) == sorted(site.records)
    assert "joined crawl" in results[1].log


def test_a_killed_workers_pages_are_done_by_the_survivor_and_none_is_lost(
    tmp_path: Path, redis_url: str
) -> None:
    import redis

    site = generate_site(300, seed=8)
    with serve(site, delay=0.02) as server:
        args = ("-a", "sitemap=/sitemap.xml", "-a", "depth=1", "-a", f"site={server.base_url}")
        # A short TTL: the survivor gives the victim up 2 s after its last heartbeat.
        shared = {**SHARED, "REDIS_WORKER_TTL": "2"}
        victim = Worker(tmp_path / "victim", args, REDIS_URL=redis_url, **shared)
        survivor = Worker(tmp_path / "survivor", args, REDIS_URL=redis_url, **shared)
        _until(lambda: victim.written() >= 40, 60, "40 pages written by the victim")
        victim.process.kill()  # SIGKILL: no goodbye, its pages taken and unfinished in Redis
        assert victim.wait().returncode == -signal.SIGKILL
        result = survivor.wait()
    assert result.returncode == 0, result.log[-3000:]
    run = result.run
    assert run["accounting"]["balanced"] and run["health"]["healthy"], run["health"]
    assert run["accounting"]["lost"] == [], run["accounting"]

    # Every page is in the union of both run folders, records or rejects, none lost. A
    # page the victim had finished but not yet acknowledged is done again: a duplicate.
    killed = CrawlResult(-9, victim.log, victim.output)
    assert not (killed.folder / "run.json").exists()
    union = _urls(killed) + _urls(result)
    assert set(union) == set(site.records)
    assert len(union) - len(set(union)) <= 16  # at most what the victim had in flight
    assert _urls(killed), "the victim wrote nothing: the test proves nothing"
    assert "pages of dead workers went back to the queue" in result.log

    # The merge over both run folders (the victim's never published) sees every page.
    merged = tmp_path / "catalog.jsonl"
    files = [str(folder / name) for folder in (killed.folder, result.folder)
             for name in RECORD_FILES]  # fmt: skip
    done = subprocess.run([sys.executable, "-m", "careerscrape.cli", "catalog", *files,
                           "-o", str(merged)], capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0, done.stderr
    entries = [json.loads(line) for line in merged.read_text().splitlines()]
    assert {url for entry in entries for url in entry["sources"]} == set(site.records)
    client = redis.Redis.from_url(redis_url)
    assert [key for key in client.scan_iter("careerscrape:*")] == []
    client.close()


def _lost(result: CrawlResult) -> None:
    """A worker that lost its Redis: exit 11, its outputs written, every URL accounted for."""
    assert result.returncode == 11, result.log[-3000:]
    run = result.run
    assert run["finish_reason"] == "redis_lost"
    assert run["health"]["exit_code"] == 11 and "shared_queue" in run["health"]["failed"]
    assert run["accounting"]["balanced"], run["accounting"]
    assert run["publication"]["published"] is False


def test_workers_whose_redis_dies_stop_within_the_bound_with_exit_11(
    tmp_path: Path, redis_server: RedisServer
) -> None:
    """Two workers lose their Redis mid-crawl: one waits REDIS_LOST_TIMEOUT out and exits 11;
    the other, stopped by SIGTERM meanwhile, stops at once. Both write their outputs."""
    site = generate_site(300, seed=9)
    with serve(site, delay=0.05) as server:
        args = ("-a", "sitemap=/sitemap.xml", "-a", "depth=1", "-a", f"site={server.base_url}")
        waits = Worker(tmp_path / "waits", args, REDIS_URL=redis_server.url,
                       REDIS_LOST_TIMEOUT="2", **SHARED)  # fmt: skip
        stopped = Worker(tmp_path / "stopped", args, REDIS_URL=redis_server.url,
                         REDIS_LOST_TIMEOUT="120", **SHARED)  # fmt: skip
        _until(lambda: waits.written() + stopped.written() >= 40, 60, "40 pages written")
        redis_server.kill()
        lost_at = time.monotonic()
        time.sleep(1)
        stopped.process.send_signal(signal.SIGTERM)
        signalled = time.monotonic()
        interrupted = stopped.wait(timeout=30)
        stopped_after = time.monotonic() - signalled
        result = waits.wait(timeout=60)
        lost_after = time.monotonic() - lost_at
    _lost(result)
    assert lost_after < 2 + 15, lost_after  # REDIS_LOST_TIMEOUT, then the pages in flight
    assert "Redis failed every call for 2 s" in result.log
    # SIGTERM while Redis fails: the worker stops promptly, outputs written, not published.
    assert interrupted.returncode == 8, interrupted.log[-3000:]
    assert stopped_after < 10, stopped_after
    assert interrupted.run["finish_reason"] == "shutdown"
    assert interrupted.run["publication"]["published"] is False


def test_a_redis_that_comes_back_empty_is_lost_not_a_finished_crawl(
    tmp_path: Path, redis_server: RedisServer
) -> None:
    site = generate_site(300, seed=10)
    outputs = [tmp_path / "worker-a", tmp_path / "worker-b"]
    with serve(site, delay=0.05) as server:
        args = ("-a", "sitemap=/sitemap.xml", "-a", "depth=1", "-a", f"site={server.base_url}")
        workers = [Worker(output, args, REDIS_URL=redis_server.url, **SHARED)
                   for output in outputs]  # fmt: skip
        _until(lambda: sum(w.written() for w in workers) >= 40, 60, "40 pages written")
        redis_server.kill()
        redis_server.start()  # the same port, nothing in it: a restart without persistence
        restarted = time.monotonic()
        results = [worker.wait(timeout=60) for worker in workers]
        after = time.monotonic() - restarted
    for result in results:
        _lost(result)
        assert "the crawl's keys are gone from Redis" in result.log
    assert after < 15, after
    # A partial crawl, no page fetched twice; what the workers found and could no longer
    # hand to the crawl is named, as rejects.
    records = [r["url"] for result in results for name in RECORD_FILES for r in result.jsonl(name)]
    assert len(records) == len(set(records)) and 0 < len(records) < len(site.pages)
    reasons = {r["reason"] for result in results for r in result.jsonl("rejects.jsonl")}
    assert reasons <= {"redis_lost"}


# -- the Redis side alone -----------------------------------------------------------------------


def _worker(client: object, name: str) -> SharedCrawl:
    prefix = "careerscrape:unit"
    return SharedCrawl(client, prefix, name, f"{prefix}:requests", f"{prefix}:seen")


def test_the_shared_crawl_moves_a_dead_workers_unfinished_pages_back_to_the_queue(
    redis_url: str,
) -> None:
    import redis

    client = redis.Redis.from_url(redis_url)
    dead, alive = _worker(client, "dead"), _worker(client, "alive")
    started = dead.join("crawl-1", ttl=0.3, persist=False, flush=False)
    assert started.new and started.crawl_id == "crawl-1"
    joined = alive.join("crawl-2", ttl=30, persist=False, flush=False)
    assert not joined.new and joined.crawl_id == "crawl-1"
    for page in (b"a", b"b", b"c"):
        assert dead.push(page.decode(), page)
    assert not alive.push("a", b"a")  # asked for already: filtered
    assert dead.take() == (b"a", False) and dead.take() == (b"b", False)  # first in, first out
    dead.ack([b"a"])  # finished: its outcome written, its links queued

    look = alive.look()  # the dead worker's heartbeat has not expired yet
    assert (look.queued, look.busy, look.taken, look.requeued) == (1, 1, 1, 0)
    assert not look.over
    # Its last worker alive would not clear the keys of a crawl with pages taken.
    assert not alive.leave(finished=True, persist=False)
    alive.join("crawl-3", ttl=30, persist=False, flush=False)
    time.sleep(0.4)
    look = alive.look()
    assert (look.queued, look.busy, look.taken, look.requeued) == (2, 0, 0, 1)
    assert alive.take() == (b"b", True)  # the unfinished page first, taken "again"
    assert alive.take() == (b"c", False) and alive.take() is None
    alive.ack([b"b", b"c"])
    assert alive.look().over
    assert alive.leave(finished=True, persist=False)  # the last one out clears the keys
    assert list(client.scan_iter("careerscrape:unit:*")) == []
    client.close()


def test_the_shared_crawl_is_lost_when_its_keys_are(redis_url: str) -> None:
    import redis

    client = redis.Redis.from_url(redis_url)
    worker = _worker(client, "one")
    worker.join("crawl-1", ttl=30, persist=False, flush=False)
    worker.push("a", b"a")
    client.flushdb()  # what a restart without persistence leaves
    for call in (worker.take, lambda: worker.push("b", b"b"), worker.look,
                 lambda: worker.beat(True, 30)):  # fmt: skip
        with pytest.raises(CrawlLost):
            call()
    assert list(client.scan_iter("careerscrape:unit:*")) == []  # nothing written into it
    # A worker starting now starts a new crawl; the old one's workers stay lost.
    assert _worker(client, "two").join("crawl-2", ttl=30, persist=False, flush=False).new
    with pytest.raises(CrawlLost):
        worker.take()
    client.close()
