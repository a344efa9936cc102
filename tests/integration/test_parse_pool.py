"""Parsing in worker processes (PARSE_PROCESSES) over real HTTP on 127.0.0.1: the same
outputs as parsing in the crawl's process, through workers that die and a crawl that is
killed.

Workers are found as a user would find them: the crawl's child processes started by
multiprocessing's ``spawn`` (``spawn_main`` on their command line).
"""

from __future__ import annotations

import subprocess
import threading
import time
from pathlib import Path

import psutil
import pytest
from support.crawl import ROOT, CrawlResult, crawl, crawl_command, made_by, run_folders, without

from careerscrape.testing.localsite import serve
from careerscrape.testing.sitegen import Site, generate_site

#: Outputs compared whole; timestamps of the crawl itself differ between two crawls.
OUTPUTS = ("roles.jsonl", "comparisons.jsonl", "rejects.jsonl", "catalog.jsonl")
CLOCK = ("fetched_at", "rejected_at", "first_seen", "last_seen")


@pytest.fixture(scope="module")
def site() -> Site:
    return generate_site(40, seed=16)


def workers(crawl_process: psutil.Process) -> list[psutil.Process]:
    """The crawl's parse workers (not multiprocessing's resource tracker)."""
    found = []
    for child in crawl_process.children(recursive=True):
        try:
            if "spawn_main" in " ".join(child.cmdline()):
                found.append(child)
        except psutil.NoSuchProcess:
            pass
    return found


def gone(process: psutil.Process) -> bool:
    """Ended (a zombie no one reaps counts: it runs nothing)."""
    try:
        return process.status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def outputs(result: CrawlResult) -> dict[str, list[dict]]:
    return {name: [without(row, *CLOCK) for row in result.jsonl(name)] for name in OUTPUTS}


def test_the_pool_writes_what_the_crawl_writes_in_process(site: Site, tmp_path: Path) -> None:
    with serve(site) as server:
        start = ("-a", "sitemap=/sitemap.xml", "-a", "depth=1", "-a", f"site={server.base_url}",
                 "-a", "urls=/missing-jobs/what-does-a-missing-do/")  # fmt: skip
        here = crawl(tmp_path / "here", *start, PARSE_PROCESSES="0")
        pool = crawl(tmp_path / "pool", *start, PARSE_PROCESSES="2")
    assert here.returncode == 0 and pool.returncode == 0, pool.log[-3000:]
    assert "parsing in 2 worker processes" in pool.log
    assert "worker processes" not in here.log
    got, expected = outputs(pool), outputs(here)
    assert len(got["roles.jsonl"]) + len(got["comparisons.jsonl"]) == len(site.paths)
    assert [row["url"] for row in got["rejects.jsonl"]] == [
        site.url("/missing-jobs/what-does-a-missing-do/")
    ]
    for name in OUTPUTS:  # the same lines, in any order (the pool may finish pages out of turn)
        key = "url" if name != "catalog.jsonl" else "role_slug"
        assert sorted(got[name], key=lambda row: row[key]) == sorted(
            expected[name], key=lambda row: row[key]
        ), name
    assert pool.run["accounting"] == here.run["accounting"]


def test_a_killed_worker_is_replaced_and_no_page_is_lost(site: Site, tmp_path: Path) -> None:
    output = tmp_path / "out"
    with serve(site, delay=0.02) as server:
        command = crawl_command(output, "-a", "sitemap=/sitemap.xml", "-a", "depth=0",
                                "-a", f"site={server.base_url}", PARSE_PROCESSES="1",
                                CONCURRENT_REQUESTS="2")  # fmt: skip
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True)  # fmt: skip
        deadline = time.monotonic() + 60
        while sum(n for (m, p, _), n in server.hit_counts().items() if "-jobs/" in p) < 10:
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.01)
        [worker] = workers(psutil.Process(process.pid))
        worker.kill()  # as the kernel's out-of-memory killer would
        log, _ = process.communicate(timeout=120)
    result = CrawlResult(process.returncode, log, output, made_by(output, set()))
    assert result.returncode == 0, log[-3000:]
    assert "a parse worker died" in log and "starting the pool again" in log
    written = result.jsonl("roles.jsonl") + result.jsonl("comparisons.jsonl")
    assert len({row["url"] for row in written}) == len(written) == len(site.paths)
    assert result.jsonl("rejects.jsonl") == []
    assert result.run["accounting"]["balanced"] is True


def test_a_page_whose_worker_dies_twice_is_an_internal_reject(site: Site, tmp_path: Path) -> None:
    """Every worker is killed as soon as it starts: each page is tried twice, then rejected."""
    output = tmp_path / "out"
    pages = site.role_paths[:2]
    stop = threading.Event()
    with serve(site) as server:
        command = crawl_command(output, "-a", f"urls={','.join(pages)}", "-a", "depth=0",
                                "-a", f"site={server.base_url}", PARSE_PROCESSES="1")  # fmt: skip
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True)  # fmt: skip

        def kill_every_worker() -> None:
            crawl_process = psutil.Process(process.pid)
            while not stop.is_set():
                try:
                    for worker in workers(crawl_process):
                        worker.kill()
                except psutil.NoSuchProcess:
                    return
                time.sleep(0.002)

        killer = threading.Thread(target=kill_every_worker)
        killer.start()
        try:
            log, _ = process.communicate(timeout=120)
        finally:
            stop.set()
            killer.join()
    result = CrawlResult(process.returncode, log, output, made_by(output, set()))
    rejects = result.jsonl("rejects.jsonl")
    assert sorted(r["url"] for r in rejects) == sorted(site.url(p) for p in pages)
    for reject in rejects:
        assert reject["reason"] == "internal"
        assert reject["detail"].startswith("the parse worker died while reading this page twice")
    assert result.run["accounting"]["balanced"] is True
    assert result.returncode != 0 and result.published is None, log[-3000:]


def test_a_killed_crawl_leaves_no_worker_running(site: Site, tmp_path: Path) -> None:
    with serve(site, delay=0.05) as server:
        command = crawl_command(tmp_path / "out", "-a", "sitemap=/sitemap.xml",
                                "-a", f"site={server.base_url}", PARSE_PROCESSES="2")  # fmt: skip
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)  # fmt: skip
        crawl_process = psutil.Process(process.pid)
        deadline = time.monotonic() + 60
        while len(started := workers(crawl_process)) < 2:
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.01)
        process.kill()
        process.wait()
        deadline = time.monotonic() + 10
        while not all(map(gone, started)) and time.monotonic() < deadline:
            time.sleep(0.05)
    assert [w.pid for w in started if not gone(w)] == []
    assert run_folders(tmp_path / "out")  # it had started: a run folder, never published
