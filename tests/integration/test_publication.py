"""Unattended runs on the real engine: what is published, what is refused, and how fast.

Every crawl here is ``scrapy crawl careers`` in a subprocess against a local site on
127.0.0.1, as cron would run it.
"""

from __future__ import annotations

import hashlib
import json
import signal
import subprocess
import time
from pathlib import Path

import pytest
from support.crawl import ROOT, CrawlResult, crawl, crawl_command

from careerscrape.testing.localsite import LocalServer, fixture_pages, serve
from careerscrape.testing.sitegen import generate_site

CHEF = "/chef-jobs/what-does-a-chef-do/"
#: Retries of a site that is down cost milliseconds, not minutes.
QUICK_RETRIES = {"RETRY_BACKOFF_BASE": "0.01", "RETRY_TIMES": "1"}


def snapshot(folder: Path) -> dict[str, str]:
    """sha256 of every file below ``folder`` (the published dataset, byte for byte)."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def last_line(result: CrawlResult) -> str:
    return result.log.rstrip("\n").splitlines()[-1]


@pytest.fixture(scope="module")
def site_server() -> LocalServer:
    with serve(generate_site(40, seed=7)) as server:
        yield server


def start(server: LocalServer) -> tuple[str, ...]:
    return ("-a", "sitemap=/sitemap.xml", "-a", "depth=0", "-a", f"site={server.base_url}")


@pytest.fixture(scope="module")
def published(site_server: LocalServer, tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    """A healthy run, published: the dataset the other tests must not lose."""
    result = crawl(tmp_path_factory.mktemp("published") / "out", *start(site_server))
    assert result.returncode == 0, result.log[-3000:]
    return result


def copy_of(result: CrawlResult, to: Path) -> Path:
    """Another OUTPUT_DIR holding ``result``'s runs and its published link."""
    subprocess.run(["cp", "-a", str(result.output), str(to)], check=True)
    return to


# -- runs and publication ----------------------------------------------------------------------


def test_a_healthy_run_is_published_as_latest(published: CrawlResult) -> None:
    assert published.published == published.folder
    assert sorted(p.name for p in published.folder.iterdir()) == [
        "catalog.jsonl", "changes.json", "comparisons.jsonl", "pages.warc.gz",
        "pages.warc.gz.index.jsonl", "rejects.jsonl", "roles.jsonl", "run.json",
        "validators.jsonl",
    ]  # fmt: skip
    latest = published.output / "latest"
    assert (
        len((latest / "roles.jsonl").read_text().splitlines())
        + len((latest / "comparisons.jsonl").read_text().splitlines())
        == 40
    )
    run = json.loads((latest / "run.json").read_text())
    assert run["publication"]["published"] is True
    assert run["publication"]["run_dir"] == str(published.folder)
    assert last_line(published) == (
        f"careerscrape: run {published.folder.name} is healthy; published as {latest}"
    )


def test_an_unhealthy_run_is_kept_apart_and_the_published_dataset_is_untouched(
    published: CrawlResult, tmp_path: Path
) -> None:
    output = copy_of(published, tmp_path / "out")
    before = snapshot(output / "latest")
    # A sitemap that the site does not have: nothing to crawl.
    with serve({}) as empty:
        result = crawl(output, "-a", "sitemap=/sitemaps/roles.xml", "-a", f"site={empty.base_url}")
    assert result.returncode == 3, result.log[-3000:]
    assert snapshot(output / "latest") == before
    assert result.published.name == published.folder.name
    assert result.folder != result.published  # the failed run stays for inspection
    run = result.run
    assert run["publication"] == {
        "run_dir": str(result.folder),
        "published": False,
        "detail": f"no (unhealthy run); {output / 'latest'} still holds run "
        f"{published.folder.name}",
    }
    reasons = ["1 sitemaps could not be read (sitemap_http_404 1): "
               f"{empty.base_url}/sitemaps/roles.xml", "0 records written"]  # fmt: skip
    assert run["health"]["reasons"] == reasons
    assert result.jsonl("rejects.jsonl")[0]["reason"] == "sitemap_http_404"
    # The verdict on stderr states the reasons, not a pointer to a file.
    assert last_line(result) == (
        f"careerscrape: run {result.folder.name} not published (exit 3): " + "; ".join(reasons)
    )


def test_old_runs_are_pruned_never_the_published_one(
    published: CrawlResult, site_server: LocalServer, tmp_path: Path
) -> None:
    output = copy_of(published, tmp_path / "out")
    with serve({}) as empty:
        for _ in range(2):  # two failed runs after the published one
            crawl(output, "-a", f"urls={CHEF}", "-a", f"site={empty.base_url}", KEEP_RUNS="2")
    runs = sorted(p.name for p in (output / "runs").iterdir())
    assert len(runs) == 2 and runs[0] == published.folder.name  # the published one is kept
    assert (output / "latest").resolve().name == published.folder.name


# -- interruption ------------------------------------------------------------------------------


def stopped_crawl(output: Path, signals: int, tmp_path: Path) -> tuple[int, str]:
    """A crawl of a slow 300-page site stopped by ``signals`` SIGTERMs once it has some pages;
    a second signal comes while the pages in flight are still downloading."""
    slow = {"CONCURRENT_REQUESTS": "4", "CONCURRENT_REQUESTS_PER_DOMAIN": "4"}
    log = tmp_path / f"stopped-{signals}.log"
    with serve(generate_site(300, seed=5), delay=0.3) as server, log.open("w") as log_file:
        process = subprocess.Popen(crawl_command(output, *start(server), **slow), cwd=ROOT,
                                   stdout=log_file, stderr=subprocess.STDOUT)  # fmt: skip
        try:
            deadline = time.monotonic() + 30
            while (
                sum(n for (_, path, _), n in server.hit_counts().items() if "-jobs/" in path) < 12
            ):
                assert process.poll() is None and time.monotonic() < deadline, log.read_text()
                time.sleep(0.01)
            process.send_signal(signal.SIGTERM)
            if signals == 2:
                while "shutting down gracefully" not in log.read_text():
                    assert time.monotonic() < deadline, log.read_text()
                    time.sleep(0.005)
                process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
    return process.returncode, log.read_text()


def test_a_crawl_stopped_by_a_signal_exits_8_and_is_not_published(
    published: CrawlResult, tmp_path: Path
) -> None:
    output = copy_of(published, tmp_path / "out")
    before = snapshot(output / "latest")
    returncode, log = stopped_crawl(output, 1, tmp_path)
    assert returncode == 8, log[-3000:]
    result = CrawlResult(returncode, log, output)
    assert result.run["finish_reason"] == "shutdown"
    assert result.run["health"]["reasons"][0] == (
        "the crawl was stopped before its end (finish reason: shutdown)"
    )
    assert 12 <= result.run["records"]["total"] < 300
    assert len(result.run["health"]["reasons"]) == 1  # pages not done yet are not "lost"
    assert snapshot(output / "latest") == before


def test_two_signals_kill_the_crawl_but_leave_no_temporary_file(
    published: CrawlResult, tmp_path: Path
) -> None:
    output = copy_of(published, tmp_path / "out")
    before = snapshot(output / "latest")
    returncode, log = stopped_crawl(output, 2, tmp_path)
    assert returncode == 8, log[-3000:]
    assert "forcing unclean shutdown" in log
    run_dir = CrawlResult(returncode, log, output).folder
    assert log.rstrip().splitlines()[-1] == (
        f"careerscrape: run {run_dir} was killed before its outputs were written (exit 8); "
        "not published"
    )
    assert list(output.rglob("*.tmp")) == []
    assert snapshot(output / "latest") == before


# -- one crawl per output folder ------------------------------------------------------------


def test_a_second_crawl_on_the_same_output_folder_is_refused_at_once(
    site_server: LocalServer, tmp_path: Path
) -> None:
    output = tmp_path / "out"
    slow = {"CONCURRENT_REQUESTS": "1", "DOWNLOAD_DELAY": "0.2"}
    first = subprocess.Popen(crawl_command(output, *start(site_server), **slow), cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)  # fmt: skip
    try:
        deadline = time.monotonic() + 20
        while not (output / ".lock").is_file() or not (output / ".lock").read_text():
            assert time.monotonic() < deadline
            time.sleep(0.05)
        began = time.monotonic()
        second = crawl(output, *start(site_server))
        seconds = time.monotonic() - began
    finally:
        first.terminate()
        first.wait(timeout=30)
    assert second.returncode == 10, second.log[-3000:]
    assert last_line(second).startswith(
        f"careerscrape: OUTPUT_DIR {output} is in use by another crawl (pid {first.pid} on "
    )
    assert last_line(second).endswith("; not started")
    assert seconds < 10  # at once: no request was made
    assert "Spider opened" not in second.log


# -- fail fast, in one line --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "settings", "message"),
    [
        (("-a", "urls=https://example.com/chef-jobs/what-does-a-chef-do/"), {},
         "urls: https://example.com/chef-jobs/what-does-a-chef-do/ is not an http(s) URL of "
         "the crawled site (www.zippia.com)"),
        (("-a", "sitemap=ftp://www.zippia.com/sitemap.xml"), {},
         "sitemap: ftp://www.zippia.com/sitemap.xml is not an http(s) URL of the crawled site "
         "(www.zippia.com)"),
        (("-a", f"urls={CHEF}"), {"HEALTH_MAX_REJECT_SHARE": "lots"},
         "setting HEALTH_MAX_REJECT_SHARE='lots': could not convert string to float: 'lots'"),
        (("-a", f"urls={CHEF}"), {"DRIFT_MAX_DROP": "1.5"},
         "setting DRIFT_MAX_DROP='1.5': Input should be less than or equal to 1"),
        ((), {}, "give something to start from: roles=, urls=, url_file= or sitemap="),
    ],
)  # fmt: skip
def test_a_mistake_is_one_line_and_exit_2_before_any_request(
    tmp_path: Path, arguments: tuple[str, ...], settings: dict[str, str], message: str
) -> None:
    result = crawl(tmp_path / "out", *arguments, **settings)
    assert result.returncode == 2, result.log[-3000:]
    assert last_line(result) == f"careerscrape: {message}; not started"
    assert "Traceback" not in result.log
    assert not (tmp_path / "out").exists()


def test_an_output_folder_that_cannot_be_written_is_exit_2_in_one_line(tmp_path: Path) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("")
    result = crawl(a_file / "out", "-a", f"urls={CHEF}")
    assert result.returncode == 2
    assert last_line(result) == (
        f"careerscrape: OUTPUT_DIR {a_file / 'out'}: cannot write there (Not a directory); "
        "not started"
    )
    assert "Traceback" not in result.log


# -- checks that fit the run's size ---------------------------------------------------------------


@pytest.mark.parametrize(
    "arguments",
    [("-a", "roles=chef"), ("-a", f"urls={CHEF}", "-a", "depth=0")],
    ids=["roles=chef", "urls=...,depth=0"],
)
def test_the_readme_one_page_examples_are_healthy(
    tmp_path: Path, arguments: tuple[str, ...]
) -> None:
    with serve(fixture_pages(ROOT / "fixtures" / "pages")) as server:
        result = crawl(tmp_path / "out", *arguments, "-a", f"site={server.base_url}")
    assert result.returncode == 0, result.log[-3000:]
    assert [r["role"] for r in result.jsonl("roles.jsonl")] == ["chef"]
    assert result.published == result.folder


# -- only the crawl job writes outputs --------------------------------------------------------


def scrapy(*command: str, cwd: Path = ROOT, timeout: float = 60) -> subprocess.CompletedProcess:
    import sys

    return subprocess.run([sys.executable, "-m", "scrapy", *command], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout, check=False)  # fmt: skip


def test_other_scrapy_commands_never_touch_the_output_folder(tmp_path: Path) -> None:
    output = tmp_path / "out"
    with serve(fixture_pages(ROOT / "fixtures" / "pages")) as server:
        url = server.url(CHEF)
        site = ("-a", f"site={server.base_url}")
        setting = ("-s", f"OUTPUT_DIR={output}", "-s", "LOG_LEVEL=INFO")
        parsed = scrapy("parse", "--spider=careers", *site, *setting, url)
        shell = scrapy("shell", *setting, "-c", "response.status", url)
        fetched = scrapy("fetch", "--spider=careers", *setting, "--nolog", url)
        checked = scrapy("check", "careers", *setting)
        listed = scrapy("list", *setting)
    assert not output.exists()
    for done in (parsed, shell, fetched, checked, listed):
        assert done.returncode == 0, done.stderr[-3000:]
        assert "KeyError" not in done.stderr and "Traceback" not in done.stderr
    assert shell.stdout.strip() == "200"
    assert fetched.stdout.startswith("<!DOCTYPE html>") or "<html" in fetched.stdout[:200]
    assert listed.stdout.split() == ["careers"]
    # scrapy parse prints the page's record, as for any Scrapy project.
    assert "# Scraped Items" in parsed.stdout
    items = parsed.stdout.split("# Scraped Items", 1)[1].split("# Requests", 1)[0]
    assert "'role': 'chef'" in items
    assert "'url': 'https://www.zippia.com/chef-jobs/what-does-a-chef-do/'" in items
