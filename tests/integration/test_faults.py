"""Pages that go wrong, served for real on 127.0.0.1, crawled by the real ``scrapy crawl``.

The contract: every URL the crawl is given ends as exactly one record or one line of
rejects.jsonl with its reason, run.json accounts for every one of them, transient
failures (429, 5xx) are retried into records, robot checks are counted and slow the
crawl down, and nothing is ever requested from a host other than the crawled one.

Two crawls, each a ``scrapy crawl`` subprocess against its own :class:`FaultServer`
(DOWNLOAD_TIMEOUT=1, RETRY_TIMES=2, RETRY_BACKOFF_BASE=0.2):

- ``faults``, at ``depth=0``: every HTTP, transport and content fault. No robot check in
  it, so nothing slows it down and the retry timings measured in it are the retries' own;
- ``guarded``, at ``depth=1``: the two robot checks, the login wall, and the role page
  whose comparison links lead off-site (at depth 1 its links are read, so they are counted
  as off-site, and never requested).
"""

from __future__ import annotations

import http.client
import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from support.crawl import CrawlResult, crawl
from support.faults import (
    FAILURES_BEFORE_RECOVERY,
    FAULT_404,
    FAULT_410,
    FAULT_429,
    FAULT_500,
    FAULT_503,
    FAULT_CAPTCHA,
    FAULT_CAPTCHA_403,
    FAULT_EMPTY,
    FAULT_FORBIDDEN,
    FAULT_HUGE,
    FAULT_LATIN1,
    FAULT_LOGIN,
    FAULT_LOOP_A,
    FAULT_LOOP_B,
    FAULT_PDF,
    FAULT_SLOW,
    FAULT_TRUNCATED,
    HUGE_BYTES,
    LATIN1_WORDS,
    LOGIN,
    OFFSITE_HOST,
    OFFSITE_LINKS,
    OFFSITE_PAGE,
    RETRY_AFTER_SECONDS,
    FaultServer,
    canonical,
)

RETRY_TIMES = 2
BACKOFF_BASE = 0.2
SETTINGS = {
    "DOWNLOAD_TIMEOUT": "1",
    "RETRY_TIMES": str(RETRY_TIMES),
    "RETRY_BACKOFF_BASE": str(BACKOFF_BASE),
    # A robot check slows the crawl down, 10 s and more by default: keep that short here.
    "BLOCKED_DELAY_MIN": "0.2",
    "BLOCKED_DELAY_MAX": "0.3",
    # DEBUG: every request the crawl makes is in the log ("Crawled (200) <GET ...>").
    "LOG_LEVEL": "DEBUG",
}

#: Fault path -> (crawl, reason, HTTP status or None when any, words the detail must hold).
REJECTED: dict[str, tuple[str, str, int | None, str]] = {
    FAULT_404: ("faults", "http_404", 404, ""),
    FAULT_410: ("faults", "http_410", 410, ""),
    FAULT_SLOW: ("faults", "timeout", None, ""),
    FAULT_TRUNCATED: ("faults", "parse", 200, "truncated"),
    FAULT_EMPTY: ("faults", "parse", 200, "empty"),
    FAULT_PDF: ("faults", "not_html", 200, ""),
    FAULT_HUGE: ("faults", "too_large", None, ""),
    FAULT_LOOP_A: ("faults", "redirect_loop", None, ""),
    FAULT_FORBIDDEN: ("faults", "robots", None, ""),
    FAULT_CAPTCHA: ("guarded", "blocked", None, ""),
    FAULT_CAPTCHA_403: ("guarded", "blocked", None, ""),
    FAULT_LOGIN: ("guarded", "login_required", None, ""),
}
#: Fault path -> the role of the page it serves once its failures are over.
RECOVERED = {FAULT_429: "bar attendant", FAULT_500: "registered nurse", FAULT_503: "chef"}
#: Crawl -> (URLs given, of which records, depth).
CRAWLS: dict[str, tuple[list[str], list[str], int]] = {
    "faults": (
        [p for p, (c, *_) in REJECTED.items() if c == "faults"]
        + [*RECOVERED, FAULT_LATIN1, OFFSITE_PAGE],
        [*RECOVERED, FAULT_LATIN1, OFFSITE_PAGE],
        0,
    ),
    "guarded": (
        [p for p, (c, *_) in REJECTED.items() if c == "guarded"] + [OFFSITE_PAGE],
        [OFFSITE_PAGE],
        1,
    ),
}


@dataclass
class Crawled:
    result: CrawlResult
    server: FaultServer

    def outcomes(self, path: str) -> list[tuple[str, dict[str, Any]]]:
        """Every (file, line) the crawl wrote for the canonical URL of ``path``."""
        return [
            (name, line)
            for name in ("roles.jsonl", "comparisons.jsonl", "rejects.jsonl")
            for line in self.result.jsonl(name)
            if line["url"] == canonical(path)
        ]

    def reject(self, path: str) -> dict[str, Any] | None:
        lines = [line for name, line in self.outcomes(path) if name == "rejects.jsonl"]
        return lines[0] if len(lines) == 1 else None

    def record(self, path: str) -> dict[str, Any] | None:
        lines = [line for name, line in self.outcomes(path) if name != "rejects.jsonl"]
        return lines[0] if len(lines) == 1 else None

    def summary(self, path: str) -> str:
        """What the crawl did with ``path``, for failure messages."""
        found = [
            f"{name}: {line.get('reason', line.get('page_type'))} {line.get('detail', '')!r}"
            for name, line in self.outcomes(path)
        ]
        hits = len(self.server.hits_for(path))
        return f"{path}: {found or 'nothing written'}; server saw {hits} request(s)"

    def gaps(self, path: str) -> list[float]:
        """Seconds between the successive requests the server saw for ``path``."""
        times = [hit.at for hit in self.server.hits_for(path)]
        return [round(later - earlier, 3) for earlier, later in itertools.pairwise(times)]


def _crawl(output: Path, name: str) -> Crawled:
    paths, _, depth = CRAWLS[name]
    with FaultServer() as server:
        result = crawl(
            output,
            "-a", f"urls={','.join(paths)}", "-a", f"depth={depth}", "-a", f"site={server.base}",
            timeout=50, **SETTINGS,
        )  # fmt: skip
    return Crawled(result, server)


@pytest.fixture(scope="module")
def faults(tmp_path_factory: pytest.TempPathFactory) -> Crawled:
    return _crawl(tmp_path_factory.mktemp("faults"), "faults")


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Crawled:
    return _crawl(tmp_path_factory.mktemp("guarded"), "guarded")


@pytest.fixture(params=list(CRAWLS))
def each_crawl(request: pytest.FixtureRequest) -> tuple[str, Crawled]:
    return request.param, request.getfixturevalue(request.param)


def _crawl_of(request: pytest.FixtureRequest, path: str) -> Crawled:
    return request.getfixturevalue(REJECTED[path][0] if path in REJECTED else "faults")


# -- the harness itself -------------------------------------------------------------------


def _get(server: FaultServer, path: str) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", int(server.base.rsplit(":", 1)[1]), 5)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def test_the_fault_server_answers_as_documented() -> None:
    """So that a failure below is the spider's, not the harness's (no redirects followed)."""
    with FaultServer() as server:
        for path in RECOVERED:
            statuses = [_get(server, path)[0] for _ in range(FAILURES_BEFORE_RECOVERY + 1)]
            assert statuses[-1] == 200 and set(statuses[:-1]) == {int(path.rsplit("/", 1)[1])}
        assert _get(server, FAULT_429 + "x")[0] == 404
        status, headers, _ = _get(server, FAULT_LOGIN)
        assert (status, headers["Location"]) == (302, f"{LOGIN}?next=%2Ffault%2Flogin")
        assert b'type="password"' in _get(server, headers["Location"])[2]
        assert _get(server, FAULT_LOOP_A)[1]["Location"] == FAULT_LOOP_B
        assert _get(server, FAULT_LOOP_B)[1]["Location"] == FAULT_LOOP_A
        status, headers, body = _get(server, FAULT_LATIN1)
        assert headers["Content-Type"] == "text/html"
        assert b'<meta charset="windows-1252"/>' in body and b"caf\xe9 cr\xe8me" in body
        with pytest.raises(UnicodeDecodeError):
            body.decode("utf-8")
        assert len(_get(server, FAULT_HUGE)[2]) == HUGE_BYTES
        assert _get(server, FAULT_PDF)[1]["Content-Type"] == "application/pdf"
        assert _get(server, FAULT_EMPTY)[1]["Content-Length"] == "0"
        status, headers, body = _get(server, FAULT_CAPTCHA_403)
        assert status == 403 and b"Verify you are human" in body
        assert _get(server, OFFSITE_PAGE)[2].count(f'"http://{OFFSITE_HOST}/'.encode()) == 4
        assert b"Disallow: /fault/forbidden/" in _get(server, "/robots.txt")[2]
        assert server.hits_for(FAULT_404) == []


# -- every URL, accounted for --------------------------------------------------------------


def log_records(log: str) -> list[str]:
    """The log's records, each with the lines that follow it (a traceback, a report)."""
    return re.split(r"\n(?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d )", log)


def test_each_crawl_finishes_without_an_error(each_crawl: tuple[str, Crawled]) -> None:
    """A bad page never stops a crawl. (The exit status is the health check's to decide.)"""
    _, crawled = each_crawl
    assert (crawled.result.folder / "run.json").exists(), crawled.result.log[-3000:]
    assert crawled.result.run["finish_reason"] == "finished"
    # Expected at ERROR: Scrapy's "Gave up retrying" (RETRY_GIVE_UP_LOG_LEVEL), and the
    # Spidermon report of the failed health checks (this run is meant to be unhealthy).
    errors = [record for record in log_records(crawled.result.log)
              if ("Traceback" in record or "] ERROR:" in record)
              and "Gave up retrying" not in record and "[Spidermon]" not in record]  # fmt: skip
    assert errors == []


def test_every_url_given_ends_as_exactly_one_record_or_reject(
    each_crawl: tuple[str, Crawled],
) -> None:
    name, crawled = each_crawl
    given, _, _ = CRAWLS[name]
    wrong = [crawled.summary(path) for path in given if len(crawled.outcomes(path)) != 1]
    urls = {canonical(path) for path in given}
    extra = sorted(
        f"{file}: {line['url']} ({line.get('reason', line.get('page_type'))})"
        for file in ("roles.jsonl", "comparisons.jsonl", "rejects.jsonl")
        for line in crawled.result.jsonl(file)
        if line["url"] not in urls
    )
    assert (wrong, extra) == ([], [])


def test_run_json_accounts_for_every_url(each_crawl: tuple[str, Crawled]) -> None:
    name, crawled = each_crawl
    given, records, _ = CRAWLS[name]
    assert crawled.result.run.get("accounting") == {
        "requested": len(given),
        "records": len(records),
        "rejects": len(given) - len(records),
        "duplicates": 0,
        "sitemaps": 0,
        "balanced": True,
        "lost": [],
    }


@pytest.mark.parametrize("path", list(REJECTED))
def test_the_fault_is_a_reject_with_its_reason(request: pytest.FixtureRequest, path: str) -> None:
    crawled = _crawl_of(request, path)
    _, reason, status, words = REJECTED[path]
    reject = crawled.reject(path)
    assert reject is not None, crawled.summary(path)
    assert reject["reason"] == reason, crawled.summary(path)
    if status is not None:
        assert reject["status"] == status, reject
    assert words in reject["detail"], reject
    assert crawled.record(path) is None


# -- retries --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [FAULT_404, FAULT_410])
def test_a_client_error_is_not_retried(faults: Crawled, path: str) -> None:
    assert len(faults.server.hits_for(path)) == 1


@pytest.mark.parametrize("path", list(RECOVERED))
def test_a_transient_error_is_retried_into_a_record(faults: Crawled, path: str) -> None:
    record = faults.record(path)
    assert record is not None, faults.summary(path)
    assert record["role"].lower() == RECOVERED[path]
    assert len(faults.server.hits_for(path)) == FAILURES_BEFORE_RECOVERY + 1
    assert faults.result.run["responses"]["retried"] >= FAILURES_BEFORE_RECOVERY * len(RECOVERED)


def test_a_5xx_retry_backs_off_exponentially(faults: Crawled) -> None:
    """0.2 s, then 0.4 s; and well under 1 s, so the crawl is not queueing its retries."""
    for path in (FAULT_500, FAULT_503):
        gaps = faults.gaps(path)
        assert len(gaps) == FAILURES_BEFORE_RECOVERY, gaps
        assert gaps[0] >= BACKOFF_BASE * 0.9 and gaps[1] >= 2 * BACKOFF_BASE * 0.9, gaps
        assert gaps[0] < RETRY_AFTER_SECONDS * 0.8, f"{path} retries queued: {gaps}"


def test_a_429_retry_waits_as_long_as_retry_after_says(faults: Crawled) -> None:
    """The backoff alone would wait 0.2 s (see the 5xx test); Retry-After says 1 s."""
    gaps = faults.gaps(FAULT_429)
    assert len(gaps) == FAILURES_BEFORE_RECOVERY, gaps
    assert all(gap >= RETRY_AFTER_SECONDS * 0.95 for gap in gaps), gaps


def test_a_timeout_is_retried_then_rejected(faults: Crawled) -> None:
    assert len(faults.server.hits_for(FAULT_SLOW)) == RETRY_TIMES + 1


# -- what a page holds ------------------------------------------------------------------------


def test_a_windows_1252_page_keeps_its_characters(faults: Crawled) -> None:
    record = faults.record(FAULT_LATIN1)
    assert record is not None, faults.summary(FAULT_LATIN1)
    duties = " | ".join(record["responsibilities"])
    for words in LATIN1_WORDS:
        assert words in duties, duties[:300]
    assert "Ã" not in duties and "\ufffd" not in duties


def test_a_redirect_loop_ends(faults: Crawled) -> None:
    loop = faults.server.hits_for(FAULT_LOOP_A) + faults.server.hits_for(FAULT_LOOP_B)
    assert 2 <= len(loop) <= 21  # REDIRECT_MAX_TIMES is 20


def test_robots_txt_is_obeyed_without_a_request(faults: Crawled) -> None:
    assert faults.server.hits_for("/robots.txt"), "robots.txt was never fetched"
    assert not any(path.startswith("/fault/forbidden") for path in faults.server.paths())


# -- robot checks and login walls --------------------------------------------------------------


def test_robot_checks_are_counted_and_slow_the_crawl_down(guarded: Crawled) -> None:
    run = guarded.result.run
    for path in (FAULT_CAPTCHA, FAULT_CAPTCHA_403):
        assert guarded.record(path) is None, guarded.summary(path)
    assert run.get("blocked") == 2, {k: v for k, v in run.items() if "block" in k}
    slowdowns = run.get("blocked_slowdowns", 0)
    logged = re.search(r"slowing down", guarded.result.log, re.I)
    assert slowdowns >= 1 or logged, "no blocked_slowdowns in run.json, no 'slowing down' log"


def test_a_login_redirect_is_login_required_at_the_url_given(guarded: Crawled) -> None:
    assert guarded.outcomes(LOGIN) == [], "the login page itself is no record and no reject"
    reject = guarded.reject(FAULT_LOGIN)
    assert reject is not None, guarded.summary(FAULT_LOGIN)
    assert reject["reason"] == "login_required", guarded.summary(FAULT_LOGIN)


# -- the off-site links ------------------------------------------------------------------------


def _requests_to(log: str, host: str) -> list[str]:
    """Log lines showing a request to, or a DNS lookup of, ``host``."""
    request = re.compile(rf"(GET|Crawled|Retrying|Redirecting|Gave up).*//{re.escape(host)}")
    lookup = re.compile(
        r"DNSLookupError|CannotResolveHost|DNS lookup|getaddrinfo|not resolve|not known", re.I
    )
    return [
        line
        for line in log.splitlines()
        if request.search(line) or (host in line and lookup.search(line))
    ]


def test_the_off_site_links_are_counted_and_never_requested(guarded: Crawled) -> None:
    record = guarded.record(OFFSITE_PAGE)
    assert record is not None, guarded.summary(OFFSITE_PAGE)
    assert len(record["comparisons"]) == OFFSITE_LINKS  # the sections are read all the same
    links = guarded.result.run["links"]
    assert (links["offsite"], links["followed"]) == (OFFSITE_LINKS, 0), links


@pytest.mark.parametrize("name", list(CRAWLS))
def test_no_request_leaves_the_crawled_host(request: pytest.FixtureRequest, name: str) -> None:
    crawled: Crawled = request.getfixturevalue(name)
    log = crawled.result.log
    assert _requests_to(log, OFFSITE_HOST) == []
    assert "DNSLookupError" not in log and "CannotResolveHost" not in log
    hosts = set(re.findall(r"<GET https?://([^/:>]+)", log))
    assert hosts == {"127.0.0.1"}, hosts
