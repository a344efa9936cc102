"""CassetteMiddleware in Scrapy's real engine, one crawl per subprocess.

A Twisted reactor cannot be restarted in one process, so each crawl runs
``run_probe`` below in ``python -c`` with ``CrawlerProcess``: the probe spider
(``async def start()``) fetches the URLs it is given, with ROBOTSTXT_OBEY on,
and the subprocess writes what came back (bodies, response classes, flags,
errback messages, stats) to a JSON file. In replay crawls every download
handler is replaced by one that counts and refuses, so "never reaches the
network" is checked, not assumed. Servers are local (127.0.0.1) only.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import requests
import scrapy
import vcr
from scrapy.core.downloader.handlers.base import BaseDownloadHandler
from scrapy.exceptions import CloseSpider, IgnoreRequest
from scrapy.http import HtmlResponse, Request, Response, TextResponse
from scrapy.utils.test import get_crawler
from support.static_site import StaticSite, serve_pages
from twisted.internet import error as twisted_error

from careerscrape.cassette import Interaction, build_cassette, load_cassette
from careerscrape.downloadermiddlewares.cassette import (
    CassetteMiddleware,
    CassetteMiss,
    replayed_response,
)

ROOT = Path(__file__).resolve().parents[2]
MIDDLEWARES = {
    "careerscrape.downloadermiddlewares.cassette.CassetteMiddleware": 950,
    # Scrapy 2.19's own lets through unchecked all but one of the requests that wait together
    # for a robots.txt; this test sends several at once.
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "careerscrape.downloadermiddlewares.robotstxt.EveryWaiterRobotsTxtMiddleware": 100,
}
GUARD = f"{Path(__file__).stem}.NoNetworkHandler"

ROBOTS = b"User-agent: *\nDisallow: /private/\n"
PAGE_ONE = "<!doctype html><html><head><title>One</title></head><body>Caf\u00e9 one</body></html>"
PAGE_TWO = "<html><body><p>two, served gzip-compressed</p></body></html>"
PAGE_THREE = "<html><body>three, reached through a 301</body></html>"
DATA = b'{"roles": ["chef"]}'


# -- what runs in the subprocess ------------------------------------------------------------


class ProbeSpider(scrapy.Spider):
    """Fetches ``urls`` (comma-separated) and notes every response and every failure."""

    name = "probe"

    def __init__(self, urls: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.urls = [url for url in urls.split(",") if url]
        self.pages: dict[str, dict[str, Any]] = {}
        self.errors: dict[str, str] = {}

    async def start(self):
        for url in self.urls:
            yield scrapy.Request(url, callback=self.parse, errback=self.failed)

    def parse(self, response: Response) -> None:
        self.pages[response.url] = {
            "status": response.status,
            "class": type(response).__name__,
            "flags": response.flags,
            "body": response.body.decode("latin-1"),
            "text": response.text if isinstance(response, TextResponse) else None,
            "redirected_from": response.request.meta.get("redirect_urls", []),
        }

    def failed(self, failure) -> None:
        self.errors[failure.request.url] = f"{type(failure.value).__name__}: {failure.value}"


class NoNetworkHandler(BaseDownloadHandler):
    """Download handler of replay crawls: a request that gets here is counted and refused."""

    async def download_request(self, request: Request) -> Response:
        self.crawler.stats.inc_value("test/network_attempts")
        raise twisted_error.ConnectionRefusedError(f"the network was asked for {request.url}")


def run_probe(config_file: str, result_file: str) -> None:
    from scrapy.crawler import CrawlerProcess

    config = json.loads(Path(config_file).read_text(encoding="utf-8"))
    process = CrawlerProcess(settings=config["settings"])
    crawler = process.create_crawler(ProbeSpider)
    process.crawl(crawler, **config["arguments"])
    process.start()
    spider = crawler.spider
    result = {
        "pages": spider.pages,
        "errors": spider.errors,
        "stats": crawler.stats.get_stats(),
    }
    Path(result_file).write_text(json.dumps(result, default=str), encoding="utf-8")


# -- what runs in pytest ---------------------------------------------------------------------


def crawl(
    tmp_path: Path,
    urls: list[str],
    *,
    network: bool = False,
    settings=None,
    replay: str | None = None,
    record: str | None = None,
) -> dict[str, Any]:
    """One probe crawl in a fresh Python process; its result (and its log on failure).
    ``replay``/``record`` are the settings the careers spider's ``-a`` sets."""
    cassettes = {"CASSETTE_REPLAY": replay, "CASSETTE_RECORD": record}
    all_settings = {
        **{name: path for name, path in cassettes.items() if path},
        "ROBOTSTXT_OBEY": True,
        "DOWNLOADER_MIDDLEWARES": MIDDLEWARES,
        "DOWNLOAD_DELAY": 0,
        "DOWNLOAD_TIMEOUT": 5,
        "RETRY_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,
        "USER_AGENT": "careerscrape-test",
        "LOG_LEVEL": "INFO",
        **({} if network else {"DOWNLOAD_HANDLERS": {"http": GUARD, "https": GUARD}}),
        **(settings or {}),
    }
    config = tmp_path / f"crawl-{len(list(tmp_path.glob('crawl-*.json')))}.json"
    config.write_text(
        json.dumps({"settings": all_settings, "arguments": {"urls": ",".join(urls)}}),
        encoding="utf-8",
    )
    result_file = config.with_suffix(".result")
    code = (
        f"import sys; sys.path[:0] = [{str(Path(__file__).parent)!r}, {str(ROOT / 'tests')!r}, "
        f"{str(ROOT)!r}]; "
        f"import {Path(__file__).stem} as t; t.run_probe(sys.argv[1], sys.argv[2])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(config), str(result_file)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0 and result_file.exists(), done.stderr[-5000:]
    result = json.loads(result_file.read_text(encoding="utf-8"))
    result["log"] = done.stderr
    return result


def free_origin() -> str:
    """http://127.0.0.1:PORT with nothing listening: any request that leaks is refused."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    port = server.server_address[1]
    server.server_close()
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def local_site() -> Iterator[StaticSite]:
    html = {"Content-Type": "text/html; charset=utf-8"}
    pages = {
        "/robots.txt": (200, {"Content-Type": "text/plain"}, ROBOTS),
        "/one.html": (200, html, PAGE_ONE.encode()),
        "/two/": (
            200,
            {**html, "Content-Encoding": "gzip"},
            gzip.compress(PAGE_TWO.encode(), mtime=0),
        ),
        "/moved": (301, {"Location": "/three.html"}, b""),
        "/three.html": (200, html, PAGE_THREE.encode()),
        "/data.json": (200, {"Content-Type": "application/json"}, DATA),
        "/private/secret.html": (200, html, b"<html>secret</html>"),
    }
    with serve_pages(pages) as site:
        yield site


def demo_pages(origin: str) -> list[tuple[str, int, dict[str, str], bytes | str]]:
    html = {"Content-Type": "text/html; charset=utf-8"}
    return [
        (f"{origin}/robots.txt", 200, {"Content-Type": "text/plain"}, ROBOTS),
        (f"{origin}/one.html", 200, html, PAGE_ONE),
        (
            f"{origin}/two/",
            200,
            {**html, "Content-Encoding": "gzip"},
            gzip.compress(PAGE_TWO.encode(), mtime=0),
        ),
        (f"{origin}/moved", 301, {"Location": f"{origin}/three.html"}, b""),
        (f"{origin}/three.html", 200, html, PAGE_THREE),
        (f"{origin}/data.json", 200, {"Content-Type": "application/json"}, DATA),
        (f"{origin}/private/secret.html", 200, html, "<html>secret</html>"),
    ]


# -- replay ----------------------------------------------------------------------------------


def test_replay_answers_every_request_from_the_cassette(tmp_path: Path) -> None:
    origin = free_origin()
    cassette = tmp_path / "site.yaml"
    build_cassette(cassette, demo_pages(origin))
    wanted = ["one.html", "two/", "moved", "data.json", "private/secret.html", "missing.html"]

    result = crawl(tmp_path, [f"{origin}/{path}" for path in wanted], replay=str(cassette))
    pages, errors, stats = result["pages"], result["errors"], result["stats"]

    assert "test/network_attempts" not in stats, "a request reached the download handler"
    one = pages[f"{origin}/one.html"]
    assert (one["status"], one["class"], one["flags"]) == (200, "HtmlResponse", ["cassette"])
    assert one["text"] == PAGE_ONE
    # stored compressed, decompressed by HttpCompressionMiddleware after the replay
    two = pages[f"{origin}/two/"]
    assert (two["class"], two["text"]) == ("HtmlResponse", PAGE_TWO)
    # the recorded 301 is followed by RedirectMiddleware, to the next recording
    three = pages[f"{origin}/three.html"]
    assert (three["text"], three["redirected_from"]) == (PAGE_THREE, [f"{origin}/moved"])
    assert pages[f"{origin}/data.json"]["class"] == "JsonResponse"
    assert pages[f"{origin}/data.json"]["body"] == DATA.decode()
    # robots.txt came from the cassette too: its Disallow was obeyed
    assert errors[f"{origin}/private/secret.html"] == "IgnoreRequest: Forbidden by robots.txt"
    assert errors[f"{origin}/missing.html"] == (
        f"CassetteMiss: not in cassette: {origin}/missing.html"
    )
    assert len(pages) == 4 and len(errors) == 2
    # robots.txt, one, two, moved, three, data.json
    assert stats["cassette/hit"] == 6
    assert stats["cassette/miss"] == 1
    assert stats["downloader/response_count"] == 6
    assert stats["finish_reason"] == "finished"
    assert "not in cassette: " in result["log"]
    assert "Deprecat" not in result["log"], "middleware methods take no spider argument"


def test_unreadable_cassette_closes_the_spider_before_any_request(tmp_path: Path) -> None:
    origin = free_origin()
    result = crawl(
        tmp_path, [f"{origin}/one.html"], settings={"CASSETTE_REPLAY": str(tmp_path / "none.yaml")}
    )
    assert result["stats"]["finish_reason"] == "cassette_error"
    assert result["pages"] == {} and result["errors"] == {}
    assert "downloader/request_count" not in result["stats"]
    assert "Cassette: cannot replay" in result["log"]


# -- record, then replay with vcrpy and with the middleware -------------------------------------


def test_recorded_cassette_replays_the_same_bodies(tmp_path: Path, local_site: StaticSite) -> None:
    origin = local_site.base_url
    cassette = tmp_path / "recorded" / "site.yaml"
    wanted = [f"{origin}/{path}" for path in ("one.html", "two/", "moved", "data.json")]

    live = crawl(
        tmp_path, [*wanted, f"{origin}/private/secret.html"], network=True, record=str(cassette)
    )
    assert sorted(local_site.seen) == sorted(
        ["/robots.txt", "/one.html", "/two/", "/moved", "/three.html", "/data.json"]
    )
    assert live["stats"]["cassette/recorded"] == 6
    assert "cassette/hit" not in live["stats"]
    assert live["pages"][f"{origin}/two/"]["text"] == PAGE_TWO
    assert all(page["flags"] == [] for page in live["pages"].values())

    local_site.stop()  # from here on, a request that is not replayed fails

    recorded = load_cassette(cassette)
    assert len(recorded) == 6
    assert recorded.get("GET", f"{origin}/robots.txt").body == ROBOTS
    two = recorded.get("GET", f"{origin}/two/")
    assert two.header("Content-Encoding") == "gzip", "raw, as it came off the wire"
    assert gzip.decompress(two.body) == PAGE_TWO.encode()
    assert recorded.get("GET", f"{origin}/moved").status == 301
    assert recorded.get("GET", f"{origin}/one.html").request_headers["User-Agent"] == [
        "careerscrape-test"
    ]

    with vcr.use_cassette(str(cassette), record_mode="none"):
        assert requests.get(f"{origin}/one.html", timeout=5).text == PAGE_ONE
        assert requests.get(f"{origin}/data.json", timeout=5).json() == {"roles": ["chef"]}
        moved = requests.get(f"{origin}/moved", timeout=5)
        assert (moved.url, moved.text) == (f"{origin}/three.html", PAGE_THREE)
        # vcrpy hands requests the stored bytes: the gzip body, undecoded
        assert gzip.decompress(requests.get(f"{origin}/two/", timeout=5).content) == (
            PAGE_TWO.encode()
        )

    replay = crawl(tmp_path, [*wanted, f"{origin}/private/secret.html"], replay=str(cassette))
    assert "test/network_attempts" not in replay["stats"]
    assert replay["stats"]["cassette/hit"] == 6
    assert "cassette/miss" not in replay["stats"]
    for url, page in live["pages"].items():
        assert replay["pages"][url] == {**page, "flags": ["cassette"]}
    assert (
        replay["errors"]
        == live["errors"]
        == {f"{origin}/private/secret.html": "IgnoreRequest: Forbidden by robots.txt"}
    )


# -- the decision and the response, in process (no engine) --------------------------------------


def _middleware(tmp_path: Path, settings=None) -> CassetteMiddleware:
    crawler = get_crawler(ProbeSpider, settings_dict=settings or {})
    crawler.spider = ProbeSpider()
    return CassetteMiddleware.from_crawler(crawler)


def test_without_replay_or_record_the_middleware_does_nothing(tmp_path: Path) -> None:
    middleware = _middleware(tmp_path)
    middleware.spider_opened()
    assert middleware.mode == "off"
    request = Request("http://127.0.0.1:9/")
    assert middleware.process_request(request) is None
    response = HtmlResponse(request.url, body=b"<html></html>", request=request)
    assert middleware.process_response(request, response) is response
    middleware.spider_closed()
    assert list(tmp_path.iterdir()) == []


def test_the_replay_setting_is_used_and_both_modes_are_refused(tmp_path: Path) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    build_cassette(first, [("http://127.0.0.1:9/", 200, {}, b"from a")])
    build_cassette(second, [("http://127.0.0.1:9/", 200, {}, b"from b")])
    middleware = _middleware(tmp_path, {"CASSETTE_REPLAY": str(first)})
    middleware.spider_opened()
    assert middleware.process_request(Request("http://127.0.0.1:9/")).body == b"from a"

    both = _middleware(tmp_path, {"CASSETTE_RECORD": str(second), "CASSETTE_REPLAY": str(first)})
    with pytest.raises(CloseSpider) as closed:
        both.spider_opened()
    assert closed.value.reason == "cassette_error"
    with pytest.raises(IgnoreRequest, match="cassette unavailable"):
        both.process_request(Request("http://127.0.0.1:9/"))


def test_a_miss_is_an_ignore_request_naming_the_url(tmp_path: Path) -> None:
    cassette = tmp_path / "c.yaml"
    build_cassette(cassette, [])
    middleware = _middleware(tmp_path, {"CASSETTE_REPLAY": str(cassette)})
    middleware.spider_opened()
    with pytest.raises(CassetteMiss, match=r"^not in cassette: https://a\.test/x\?q=1$") as caught:
        middleware.process_request(Request("https://a.test/x?q=1"))
    assert isinstance(caught.value, IgnoreRequest)
    assert middleware.crawler.stats.get_value("cassette/miss") == 1


def test_replayed_response_class_and_url_follow_the_request() -> None:
    request = Request("https://a.test/page?b=2&a=1")
    recorded = Interaction(
        "GET",
        "https://A.test:443/page?a=1&b=2",
        404,
        {"Content-Type": ["text/xml"]},
        b"<?xml version='1.0'?><r/>",
    )
    response = replayed_response(request, recorded)
    assert type(response).__name__ == "XmlResponse"
    assert (response.url, response.status, response.flags) == (request.url, 404, ["cassette"])
    assert response.request is request
    binary = replayed_response(request, Interaction("GET", request.url, 200, {}, b"\x00\x01\x02"))
    assert type(binary) is Response
