"""The local HTTP site: fixture pages and a generated site over 127.0.0.1, never the internet."""

from __future__ import annotations

import argparse
import hashlib
import json
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path
from xml.etree import ElementTree

import pytest

from careerscrape.cli import serve as serve_command
from careerscrape.testing.localsite import LocalServer, fixture_pages, serve
from careerscrape.testing.sitegen import generate_site

SEED_ROLE = "/customer-service-director-jobs/what-does-a-customer-service-director-do/"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


#: No proxy (a proxy from the environment must not see loopback traffic), no redirects.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect())


def fetch(
    server: LocalServer, path: str, method: str = "GET", **headers: str
) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(server.url(path), method=method, headers=headers)
    try:
        with _OPENER.open(request, timeout=5) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def pages(fixtures_dir_module: Path) -> dict[str, bytes]:
    return fixture_pages(fixtures_dir_module)


@pytest.fixture(scope="module")
def fixtures_dir_module() -> Path:
    return Path(__file__).resolve().parents[2] / "fixtures" / "pages"


@pytest.fixture(scope="module")
def server(pages: dict[str, bytes]) -> Iterator[LocalServer]:
    with serve(pages) as running:
        yield running


# -- fixture pages ---------------------------------------------------------------------------------


def test_fixture_pages_are_keyed_by_the_path_of_their_url(
    pages: dict[str, bytes], fixtures_dir_module: Path
) -> None:
    folders = [f for f in fixtures_dir_module.iterdir() if (f / "meta.json").is_file()]
    urls = {json.loads((f / "meta.json").read_text())["url"] for f in folders}
    assert set(pages) == {"/" + u.split("/", 3)[3] for u in urls}
    # one URL in two markups: today's (Next.js) page is the one served
    nextjs = fixtures_dir_module / "role-customer-service-director--nextjs" / "page.html"
    assert pages[SEED_ROLE] == nextjs.read_bytes()


def test_fixture_pages_needs_a_folder(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        fixture_pages(tmp_path / "missing")


# -- serving ---------------------------------------------------------------------------------------


def test_serves_a_fixture_page_with_etag_and_last_modified(
    server: LocalServer, pages: dict[str, bytes]
) -> None:
    assert server.base_url.startswith("http://127.0.0.1:")
    status, headers, body = fetch(server, SEED_ROLE)
    assert status == 200 and body == pages[SEED_ROLE]
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Content-Length"] == str(len(body))
    assert headers["ETag"] == f'"{hashlib.sha256(body).hexdigest()}"'
    assert parsedate_to_datetime(headers["Last-Modified"]) <= parsedate_to_datetime(headers["Date"])


def test_conditional_requests_answer_304(server: LocalServer) -> None:
    _, headers, _ = fetch(server, SEED_ROLE)
    etag, modified = headers["ETag"], headers["Last-Modified"]
    status, again, body = fetch(server, SEED_ROLE, **{"If-None-Match": etag})
    assert (status, body, again["ETag"]) == (304, b"", etag)
    assert fetch(server, SEED_ROLE, **{"If-None-Match": f'"other", W/{etag}'})[0] == 304
    assert fetch(server, SEED_ROLE, **{"If-None-Match": '"stale"'})[0] == 200
    assert fetch(server, SEED_ROLE, **{"If-Modified-Since": modified})[0] == 304
    earlier = parsedate_to_datetime(modified).replace(year=2000)
    assert (
        fetch(server, SEED_ROLE, **{"If-Modified-Since": format_datetime(earlier, True)})[0] == 200
    )
    # If-None-Match decides when both are sent
    both = {"If-None-Match": '"stale"', "If-Modified-Since": modified}
    assert fetch(server, SEED_ROLE, **both)[0] == 200


def test_head_sends_headers_only(server: LocalServer, pages: dict[str, bytes]) -> None:
    status, headers, body = fetch(server, SEED_ROLE, method="HEAD")
    assert (status, body) == (200, b"")
    assert headers["Content-Length"] == str(len(pages[SEED_ROLE]))


def test_unknown_paths_are_404_and_a_missing_slash_redirects(
    server: LocalServer, pages: dict[str, bytes]
) -> None:
    for path in ("/", "/no-such-page/", "/customer-service-director-jobs/", "/robots.txt/x"):
        status, headers, _ = fetch(server, path)
        assert status == 404, path
        assert headers["Content-Type"] == "text/html; charset=utf-8"
    status, headers, _ = fetch(server, SEED_ROLE.rstrip("/"))
    assert (status, headers["Location"]) == (301, SEED_ROLE)
    assert fetch(server, SEED_ROLE + "?utm_source=x")[0] == 200  # the query is not the page


def test_robots_txt_allows_everything_and_names_the_sitemap(server: LocalServer) -> None:
    status, headers, body = fetch(server, "/robots.txt")
    assert status == 200 and headers["Content-Type"].startswith("text/plain")
    text = body.decode()
    assert "User-agent: *" in text and "Allow: /" in text and "Disallow" not in text
    assert f"Sitemap: {server.base_url}/sitemap.xml" in text


def test_sitemap_lists_every_page_on_the_server(
    server: LocalServer, pages: dict[str, bytes]
) -> None:
    status, headers, body = fetch(server, "/sitemap.xml")
    assert status == 200 and "xml" in headers["Content-Type"]
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [e.text for e in ElementTree.fromstring(body).findall("s:url/s:loc", namespace)]
    assert sorted(locs) == sorted(server.url(path) for path in pages)


def test_counts_what_it_answered(server: LocalServer) -> None:
    fetch(server, "/counted-404/")
    assert server.hits[("GET", "/counted-404/", 404)] == 1


def test_serves_fixtures_and_a_generated_site_together() -> None:
    site = generate_site(20, seed=3)
    fixtures = {SEED_ROLE: b"<html><body>fixture</body></html>"}
    with serve([fixtures, site]) as running:
        for path in (site.paths[0], site.paths[-1]):
            status, headers, body = fetch(running, path)
            assert status == 200 and body == site.pages[path]
            assert parsedate_to_datetime(headers["Last-Modified"]) == site.last_modified(path)
        assert fetch(running, SEED_ROLE)[2] == fixtures[SEED_ROLE]
        locs = fetch(running, "/sitemap.xml")[2].decode()
        assert locs.count("<loc>") == 21
    with pytest.raises(urllib.error.URLError):  # stopped: nothing listens any more
        urllib.request.build_opener(urllib.request.ProxyHandler({})).open(
            running.url(SEED_ROLE), timeout=2
        )


# -- the command -----------------------------------------------------------------------------------


def test_serve_command_arguments() -> None:
    parser = argparse.ArgumentParser(prog="careerscrape")
    serve_command.add_command(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["serve"])
    assert (args.fixtures, args.generate, args.seed, args.port) == (None, None, 0, 8000)
    args = parser.parse_args(["serve", "--fixtures", "x", "--generate", "50", "--seed", "4",
                              "--port", "0"])  # fmt: skip
    assert (args.fixtures, args.generate, args.seed, args.port) == (Path("x"), 50, 4, 0)
    assert callable(args.run)


def test_serve_command_prints_the_base_url_and_stops_on_ctrl_c(repo_root: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "careerscrape.cli", "serve", "--fixtures",
         "fixtures/pages", "--generate", "30", "--seed", "2", "--port", "0"],
        cwd=repo_root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        base = process.stdout.readline().strip()
        assert base.startswith("http://127.0.0.1:")
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(base + SEED_ROLE, timeout=5) as response:
            assert response.status == 200
        site = generate_site(30, seed=2)
        with opener.open(base + site.paths[1], timeout=5) as response:
            assert response.read() == site.pages[site.paths[1]]
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=10)
        assert process.returncode == 0, err
        assert "30 generated pages" in err
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_serve_command_refuses_a_missing_fixture_folder(tmp_path: Path) -> None:
    parser = argparse.ArgumentParser(prog="careerscrape")
    serve_command.add_command(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["serve", "--fixtures", str(tmp_path / "none"), "--port", "0"])
    assert args.run(args) == 2
