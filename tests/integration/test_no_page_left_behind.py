"""No page left behind: every URL a crawl is given or finds ends as a record or a reject,
through bad sitemaps, redirects off the site, bad start lists, bugs, and process death.

Real crawls (``scrapy crawl careers`` subprocesses) against hostile local sites
(careerscrape/testing/hostile.py) on 127.0.0.1.
"""

from __future__ import annotations

import io
import json
import signal
import socket
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest
from support.crawl import ROOT, CrawlResult, crawl, crawl_command, made_by, run_folders, without
from support.static_site import serve_pages
from warcio.indexer import Indexer

from careerscrape.archive.index import INDEX_FIELDS
from careerscrape.cli import main
from careerscrape.outputs import ARCHIVE_INDEX_SUFFIX
from careerscrape.testing.hostile import (
    INDEX,
    OFFSITE_HOST,
    REDIRECT_DATA,
    REDIRECT_FILE,
    REDIRECT_FTP,
    REDIRECT_OFFSITE,
    REDIRECT_PORT,
    SITEMAP_BIG,
    SITEMAP_BOMB,
    SITEMAP_MISSING,
    hostile_pages,
)
from careerscrape.testing.localsite import serve
from careerscrape.testing.sitegen import Site, generate_site

CANONICAL = "https://www.zippia.com"
TESTS = str(ROOT / "tests")


@pytest.fixture(scope="module")
def site() -> Site:
    return generate_site(40, seed=13)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def records(result: CrawlResult) -> dict[str, dict]:
    return {**result.by_url("roles.jsonl"), **result.by_url("comparisons.jsonl")}


def rejects(result: CrawlResult) -> dict[str, str]:
    return {line["url"]: line["reason"] for line in result.jsonl("rejects.jsonl")}


# -- sitemaps as the web serves them --------------------------------------------------------


def test_sitemaps_gzipped_large_and_broken_each_end_as_pages_or_rejects(
    site: Site, tmp_path: Path
) -> None:
    pages: dict = {}
    with serve_pages(pages) as server:
        pages.update(hostile_pages(site, server.base_url, free_port()))
        assert len(pages[SITEMAP_BIG][2]) > 8_000_000  # twice DOWNLOAD_MAXSIZE
        result = crawl(tmp_path / "out", "-a", f"sitemap={INDEX}", "-a", "depth=0",
                       "-a", f"site={server.base_url}")  # fmt: skip
    # Every page of the gzipped sitemap (roles) and of the 50,000-URL one (comparisons).
    assert sorted(records(result)) == sorted(site.records)
    assert rejects(result) == {
        server.base_url + SITEMAP_BOMB: "sitemap_too_large",
        server.base_url + SITEMAP_MISSING: "sitemap_http_404",
    }
    run = result.run
    assert {**run["sitemaps"], "failed": sorted(run["sitemaps"]["failed"])} == {
        "requested": 5, "read": 3, "failed": sorted(rejects(result)),
    }  # fmt: skip
    assert run["accounting"] == {
        "requested": 40 + 5, "records": 40, "rejects": 2, "duplicates": 0, "sitemaps": 3,
        "balanced": True, "lost": [],
    }  # fmt: skip
    # A crawl that lost a sitemap is not healthy, and says which.
    assert result.returncode == 9
    assert run["health"]["reasons"] == [
        "2 sitemaps could not be read (sitemap_http_404 1, sitemap_too_large 1): "
        f"{server.base_url}{SITEMAP_BOMB}, {server.base_url}{SITEMAP_MISSING}"
    ]


# -- hosts include ports ------------------------------------------------------------------------


def test_redirects_and_links_off_the_site_are_never_followed(site: Site, tmp_path: Path) -> None:
    other_port = free_port()
    pages: dict = {}
    linking = site.role_paths[1]
    with serve_pages({}) as other, serve_pages(pages) as server:
        # The other "site": the same host, another port (a service that must not be crawled).
        other_port = int(other.base_url.rsplit(":", 1)[1])
        pages.update(hostile_pages(site, server.base_url, other_port))
        html = site.page(linking).replace(b'href="/', f'href="{other.base_url}/'.encode())
        pages[linking] = (200, {"Content-Type": "text/html"}, html)
        redirects = [REDIRECT_OFFSITE, REDIRECT_PORT, REDIRECT_FILE, REDIRECT_DATA, REDIRECT_FTP]
        result = crawl(tmp_path / "out", "-a", f"urls={','.join([*redirects, linking])}",
                       "-a", "depth=1", "-a", f"site={server.base_url}",
                       HEALTH_MAX_REJECT_SHARE="1")  # fmt: skip
        seen_elsewhere = list(other.seen)
    assert seen_elsewhere == []  # nothing was fetched from the other port
    got = {url: reason for url, reason in rejects(result).items()}
    assert got == {CANONICAL + path: "offsite_redirect" for path in redirects}
    details = {line["url"]: line["detail"] for line in result.jsonl("rejects.jsonl")}
    assert details[CANONICAL + REDIRECT_PORT] == (
        f"redirected off the crawled site, to http://127.0.0.1:{other_port}{site.role_paths[0]}"
    )
    assert details[CANONICAL + REDIRECT_OFFSITE].endswith(f"to http://{OFFSITE_HOST}/chef-jobs/"
                                                          "what-does-a-chef-do/")  # fmt: skip
    # The page linking to the other port is a record; none of its links was followed.
    assert list(records(result)) == [site.url(linking)]
    assert result.run["links"]["followed"] == 0 and result.run["links"]["offsite"] > 0
    assert result.run["accounting"]["balanced"]


# -- start lists -----------------------------------------------------------------------------------


def test_start_list_lines_that_are_not_pages_of_the_site_are_rejects_the_others_crawled(
    site: Site, tmp_path: Path
) -> None:
    lines = {
        "http://[::1": "bad_url",
        "javascript:alert(1)": "bad_url",
        "mailto:jobs@example.com": "bad_url",
        "file:///etc/passwd": "bad_url",
        "ftp://127.0.0.1/chef-jobs/what-does-a-chef-do/": "bad_url",
        f"https://{OFFSITE_HOST}/chef-jobs/what-does-a-chef-do/": "offsite",
    }
    good = site.role_paths[:2]
    with serve(site) as server:
        lines[f"http://127.0.0.1:{free_port()}{good[0]}"] = "offsite"  # another port
        url_file = tmp_path / "start.txt"
        url_file.write_text("\n".join([good[0], *lines, good[1]]) + "\n", encoding="utf-8")
        result = crawl(tmp_path / "out", "-a", f"url_file={url_file}", "-a", "depth=0",
                       "-a", f"site={server.base_url}", HEALTH_MAX_REJECT_SHARE="1")  # fmt: skip
    assert result.returncode == 0, result.log[-3000:]
    assert sorted(records(result)) == sorted(site.url(path) for path in good)
    assert rejects(result) == lines
    assert result.run["accounting"]["requested"] == 2 + len(lines)
    assert result.run["accounting"]["balanced"]


# -- the identity holds or the run fails ---------------------------------------------------------


def test_an_exception_while_reading_a_page_or_handling_its_record_is_an_internal_reject(
    site: Site, tmp_path: Path
) -> None:
    first, second = site.role_paths[:2]
    components = {
        "DOWNLOADER_MIDDLEWARES": json.dumps({"support.misbehaving.BadHops": 560}),
        "ITEM_PIPELINES": json.dumps({
            "careerscrape.pipelines.validate.ValidatePipeline": 100,
            "careerscrape.pipelines.rejects.RejectsPipeline": 200,
            "support.misbehaving.Boom": 250,
            "careerscrape.pipelines.dedupe.DeduplicatePipeline": 300,
            "careerscrape.pipelines.fields.FieldStatsPipeline": 400,
            "careerscrape.pipelines.catalog.CatalogPipeline": 500,
        }),
    }  # fmt: skip
    with serve(site) as server:
        bad_hops = crawl(tmp_path / "a", "-a", f"urls={first},{second}", "-a", "depth=0",
                         "-a", f"site={server.base_url}", env={"PYTHONPATH": TESTS},
                         MISBEHAVE_ON=first, HEALTH_MAX_REJECT_SHARE="1",
                         DOWNLOADER_MIDDLEWARES=components["DOWNLOADER_MIDDLEWARES"])  # fmt: skip
        boom = crawl(tmp_path / "b", "-a", f"urls={first},{second}", "-a", "depth=0",
                     "-a", f"site={server.base_url}", env={"PYTHONPATH": TESTS},
                     MISBEHAVE_ON=first, HEALTH_MAX_REJECT_SHARE="1",
                     ITEM_PIPELINES=components["ITEM_PIPELINES"])  # fmt: skip
    for result in (bad_hops, boom):
        assert result.returncode == 0, result.log[-3000:]
        assert list(records(result)) == [site.url(second)]
        [reject] = result.jsonl("rejects.jsonl")
        assert (reject["url"], reject["reason"]) == (site.url(first), "internal")
        assert result.run["accounting"]["balanced"]
    assert bad_hops.jsonl("rejects.jsonl")[0]["detail"] == (
        "TypeError: '<' not supported between instances of 'str' and 'int'"
    )
    assert boom.jsonl("rejects.jsonl")[0]["detail"] == "RuntimeError: the catalog service is down"


def test_a_page_that_ends_nowhere_fails_the_run_and_is_named(site: Site, tmp_path: Path) -> None:
    start = site.role_paths[0]
    swallow = json.dumps({"support.misbehaving.Swallow": 950})
    with serve(site) as server:
        result = crawl(tmp_path / "out", "-a", f"urls={start}", "-a", "depth=1",
                       "-a", f"site={server.base_url}", env={"PYTHONPATH": TESTS},
                       MISBEHAVE_ON="-vs-",  # every comparison page it links to
                       SPIDER_MIDDLEWARES=swallow)  # fmt: skip
    accounting = result.run["accounting"]
    lost = accounting["requested"] - accounting["records"]
    assert lost >= 1 and not accounting["balanced"]
    assert result.returncode == 9, result.log[-3000:]
    assert all("-vs-" in url for url in accounting["lost"]) and len(accounting["lost"]) == lost
    assert result.run["health"]["reasons"] == [
        f"{lost} of {accounting['requested']} URLs asked for ended as neither a record nor a "
        f"reject: {', '.join(accounting['lost'])}"
    ]
    assert result.published is None


# -- resumable after any death -------------------------------------------------------------------


def _killed_then_resumed(site: Site, tmp_path: Path, *args: str) -> dict:
    """An uninterrupted crawl; and the same with JOBDIR, SIGKILLed a third of the way in,
    then run again to its end."""
    slow = {"CONCURRENT_REQUESTS": "2", "CONCURRENT_REQUESTS_PER_DOMAIN": "2"}
    pages = set(site.paths)
    with serve(site, delay=0.01) as server:
        start = (*args, "-a", f"site={server.base_url}")
        whole = crawl(tmp_path / "whole", *start, **slow)
        before = Counter({p: n for (m, p, _), n in server.hit_counts().items()
                          if m == "GET" and p in pages})  # fmt: skip
        job = {**slow, "JOBDIR": str(tmp_path / "job")}
        output = tmp_path / "out"
        killed = subprocess.Popen(crawl_command(output, *start, **job), cwd=ROOT,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        deadline = time.monotonic() + 60
        while True:
            done = sum(n for (m, p, _), n in server.hit_counts().items() if p in pages) - sum(
                before.values()
            )
            if done >= len(pages) // 3:
                break
            assert killed.poll() is None and time.monotonic() < deadline
            time.sleep(0.005)
        killed.send_signal(signal.SIGKILL)
        killed.wait()
        time.sleep(0.2)  # a page the server was still answering is counted when it ends
        fetched = set(Counter({p: n for (m, p, _), n in server.hit_counts().items()
                               if m == "GET" and p in pages}) - before)  # fmt: skip
        folders = run_folders(output)
        resumed = crawl(output, *start, **job)
        gets = Counter({p: n for (m, p, _), n in server.hit_counts().items()
                        if m == "GET" and p in pages}) - before  # fmt: skip
    return {"whole": whole, "resumed": resumed, "gets": gets, "folders": folders,
            "fetched": fetched, "made": made_by(output, folders)}  # fmt: skip


def _ended_by_the_killed_part(jobdir: Path) -> set[str]:
    """Pages with an outcome in the journal before the resumed part opened."""
    ended: set[str] = set()
    lines = (jobdir / "careerscrape" / "journal.jsonl").read_text(encoding="utf-8").splitlines()
    for entry in map(json.loads, lines[1:]):
        if "opened" in entry:
            break
        if "record" in entry:
            ended.add(entry["asked"])
        elif "reject" in entry or "duplicate" in entry:
            ended.add(next(iter(entry.values()))["url"])
    return ended


@pytest.mark.parametrize("start", ["sitemap", "url_file"])
def test_a_job_killed_with_sigkill_resumes_to_the_outputs_of_an_uninterrupted_crawl(
    site: Site, tmp_path: Path, start: str
) -> None:
    if start == "sitemap":
        args: tuple[str, ...] = ("-a", "sitemap=/sitemap.xml", "-a", "depth=0")
    else:
        url_file = tmp_path / "start.txt"
        url_file.write_text("\n".join(site.role_paths) + "\n", encoding="utf-8")
        args = ("-a", f"url_file={url_file}", "-a", "depth=1")
    runs = _killed_then_resumed(site, tmp_path, *args)
    whole, resumed = runs["whole"], runs["resumed"]
    assert whole.returncode == 0 and resumed.returncode == 0, resumed.log[-3000:]
    assert "took over the lock left by a crawl that no longer runs" in resumed.log
    assert "did not close (killed rather than stopped)" in resumed.log
    assert runs["made"] is None  # the killed part's run folder, resumed and published
    assert resumed.published == resumed.folder
    # Every page fetched; twice only pages in flight at the kill, never one that had ended.
    gets = runs["gets"]
    assert set(gets) == set(site.paths)
    twice = {site.url(path) for path, n in gets.items() if n > 1}
    # In flight at the kill: fetched by the killed part (downloading, or downloaded and
    # waiting for a parse worker) with no outcome in its journal.
    in_flight = {site.url(path) for path in runs["fetched"]} - _ended_by_the_killed_part(
        tmp_path / "job"
    )
    assert twice <= in_flight
    strip = ("fetched_at",)
    for name in ("roles.jsonl", "comparisons.jsonl"):
        got = {url: without(r, *strip) for url, r in resumed.by_url(name).items()}
        assert got == {url: without(r, *strip) for url, r in whole.by_url(name).items()}, name
    catalog = [without(e, "first_seen", "last_seen") for e in resumed.jsonl("catalog.jsonl")]
    assert catalog == [without(e, "first_seen", "last_seen") for e in whole.jsonl("catalog.jsonl")]
    assert resumed.run["accounting"] == whole.run["accounting"]
    assert resumed.run["job"]["part"] == 2
    assert list(resumed.output.rglob("*.tmp")) == []  # the kill left no temporary file
    # Both parts appended to one web archive (after any record the kill cut short): it
    # rebuilds the job's records exactly, fetched_at included.
    rebuilt = tmp_path / "rebuilt"
    archive = str(resumed.folder / "pages.warc.gz")
    assert main(["reparse", archive, "-o", str(rebuilt), "--jobs", "1"]) == 0
    for name in ("roles.jsonl", "comparisons.jsonl"):
        again = [json.loads(line) for line in (rebuilt / name).read_text().splitlines()]
        assert {r["url"]: r for r in again} == resumed.by_url(name), name
    # The killed part's index lost its unwritten tail; the second part made it whole before
    # appending: it is what warcio's own indexer makes of the archive, both parts' records.
    printed = io.StringIO()
    with open(archive, "rb") as handle:
        Indexer(list(INDEX_FIELDS), [], "-").process_one(handle, printed, archive)
    index = Path(archive + ARCHIVE_INDEX_SUFFIX).read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in index] == [
        json.loads(line) for line in printed.getvalue().splitlines()
    ]
    assert [json.loads(line)["warc-type"] for line in index].count("warcinfo") == 2


def test_a_power_cut_that_took_the_end_of_the_journal_still_resumes_to_the_same_outputs(
    site: Site, tmp_path: Path
) -> None:
    """A power cut loses what the OS had not written: the journal's last lines. Cut it to
    its first half, as if the machine had died there, and resume."""
    with serve(site) as server:
        start = ("-a", "sitemap=/sitemap.xml", "-a", "depth=0", "-a", f"site={server.base_url}")
        job = {"JOBDIR": str(tmp_path / "job")}
        whole = crawl(tmp_path / "out", *start, **job)
        journal = tmp_path / "job" / "careerscrape" / "journal.jsonl"
        lines = journal.read_text(encoding="utf-8").splitlines(keepends=True)
        journal.write_text("".join(lines[: len(lines) // 2]), encoding="utf-8")
        resumed = crawl(tmp_path / "out", *start, **job)
    assert resumed.returncode == 0, resumed.log[-3000:]
    for name in ("roles.jsonl", "comparisons.jsonl"):
        assert {u: without(r, "fetched_at") for u, r in resumed.by_url(name).items()} == {
            u: without(r, "fetched_at") for u, r in whole.by_url(name).items()
        }
    assert resumed.run["accounting"] == whole.run["accounting"]


def test_one_job_folder_is_one_crawl_at_a_time(site: Site, tmp_path: Path) -> None:
    with serve(site, delay=0.2) as server:
        start = ("-a", "sitemap=/sitemap.xml", "-a", f"site={server.base_url}")
        job = {"JOBDIR": str(tmp_path / "job"), "CONCURRENT_REQUESTS": "1"}
        first = subprocess.Popen(crawl_command(tmp_path / "a", *start, **job), cwd=ROOT,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        try:
            lock = tmp_path / "job" / ".lock"
            deadline = time.monotonic() + 20
            while not (lock.is_file() and lock.read_text()):
                assert time.monotonic() < deadline
                time.sleep(0.05)
            second = crawl(tmp_path / "b", *start, **job)  # another OUTPUT_DIR, the same job
        finally:
            first.terminate()
            first.wait(timeout=30)
    assert second.returncode == 10
    assert f"JOBDIR {tmp_path / 'job'} is in use by another crawl" in second.log
