"""``careerscrape fetch URL FOLDER`` (careerscrape.testing.fetch) against a local server."""

from __future__ import annotations

import argparse
import gzip
import json
import threading
from collections.abc import Iterator
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
import requests
import vcr

from careerscrape.cassette import load_cassette
from careerscrape.testing.fetch import FetchError, add_fetch_command, fetch_fixture
from careerscrape.testing.fixtures import load_fixtures

PAGE = (
    "<!doctype html><html><head><title>What does a chef do</title></head>"
    "<body><h1>What Does A Chef Do</h1><p>Chefs cook. Caf\u00e9 \u2014 kitchen.</p></body></html>"
).encode()
#: A page that names its own URL, served by a mirror under another path.
CANONICAL_PAGE = (
    b'<!doctype html><html><head><link rel="canonical" '
    b'href="https://www.zippia.com/sous-chef-jobs/what-does-a-sous-chef-do/?ref=x">'
    b"<title>What does a sous chef do</title></head><body><h1>What does a sous chef do?</h1>"
    b"</body></html>"
)


class _Site(BaseHTTPRequestHandler):
    seen: ClassVar[list[tuple[str, str]]] = []

    def do_GET(self) -> None:
        self.seen.append((self.path, self.headers.get("User-Agent", "")))
        if self.path == "/old-chef":
            self._send(301, {"Location": "/chef-jobs/what-does-a-chef-do/"}, b"")
        elif self.path == "/mirror/own-host":  # a mirror that rewrote the canonical link
            own = f"http://{self.headers['Host']}/cook-jobs/what-does-a-cook-do/"
            body = CANONICAL_PAGE.replace(b"https://www.zippia.com/sous-chef-jobs/"
                                          b"what-does-a-sous-chef-do/", own.encode())  # fmt: skip
            self._send(200, {"Content-Type": "text/html; charset=utf-8"}, body)
        elif self.path == "/mirror/sous-chef":
            self._send(200, {"Content-Type": "text/html; charset=utf-8"}, CANONICAL_PAGE)
        elif self.path == "/chef-jobs/what-does-a-chef-do/":
            self._send(
                200,
                {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"},
                gzip.compress(PAGE),
            )
        else:
            self._send(404, {"Content-Type": "text/plain"}, b"no such page")

    def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[tuple[str, ThreadingHTTPServer]]:
    _Site.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", server
    finally:
        server.shutdown()
        server.server_close()


def test_fetch_writes_page_meta_and_a_replayable_cassette(tmp_path: Path, site) -> None:
    origin, server = site
    folder = tmp_path / "pages" / "role-chef--live"
    meta = fetch_fixture(f"{origin}/old-chef", folder)

    assert (folder / "page.html").read_bytes() == PAGE, "decoded body, as served"
    assert json.loads((folder / "meta.json").read_text(encoding="utf-8")) == meta
    # The page names no URL of its own: the path it came from, on the canonical site
    # (never the local server's address).
    assert meta["url"] == "https://www.zippia.com/chef-jobs/what-does-a-chef-do/"
    assert meta["fetched_from"] == f"{origin}/chef-jobs/what-does-a-chef-do/"
    assert datetime.fromisoformat(meta["fetched_at"]).tzinfo is not None
    assert [path for path, _ in _Site.seen] == ["/old-chef", "/chef-jobs/what-does-a-chef-do/"]
    assert _Site.seen[0][1].startswith("careerscrape/")
    assert sorted(p.name for p in folder.iterdir()) == ["cassette.yaml", "meta.json", "page.html"]
    # the fixture loader sees it; `careerscrape fixtures --update` would write expected.json
    assert [f.name for f in load_fixtures(folder.parent)] == ["role-chef--live"]

    server.shutdown()  # the cassette alone answers from here on
    server.server_close()
    cassette = folder / "cassette.yaml"
    with vcr.use_cassette(str(cassette), record_mode="none"):
        replayed = requests.get(f"{origin}/old-chef", timeout=5)
    assert (replayed.status_code, replayed.content) == (200, PAGE)
    recorded = load_cassette(cassette)
    page = recorded.get("GET", f"{origin}/chef-jobs/what-does-a-chef-do/")
    assert page.body == PAGE and page.header("Content-Encoding") is None
    assert recorded.get("GET", f"{origin}/old-chef").status == 301


def test_a_page_fetched_from_a_mirror_keeps_its_own_canonical_url(tmp_path: Path, site) -> None:
    origin, _ = site
    meta = fetch_fixture(f"{origin}/mirror/sous-chef", tmp_path / "sous-chef")
    assert meta["url"] == "https://www.zippia.com/sous-chef-jobs/what-does-a-sous-chef-do/"
    assert meta["fetched_from"] == f"{origin}/mirror/sous-chef"


def test_a_mirror_that_names_itself_still_gives_the_canonical_url(tmp_path: Path, site) -> None:
    origin, _ = site
    meta = fetch_fixture(f"{origin}/mirror/own-host", tmp_path / "cook")
    assert meta["url"] == "https://www.zippia.com/cook-jobs/what-does-a-cook-do/"


def test_a_url_given_for_the_page_wins(tmp_path: Path, site) -> None:
    origin, _ = site
    given = "https://www.zippia.com/chef-jobs/what-does-a-chef-do/"
    meta = fetch_fixture(f"{origin}/old-chef", tmp_path / "chef", page_url=given)
    assert meta["url"] == given
    assert meta["fetched_from"] == f"{origin}/chef-jobs/what-does-a-chef-do/"


def test_refetch_keeps_other_meta_keys(tmp_path: Path, site) -> None:
    origin, _ = site
    folder = tmp_path / "fixture"
    folder.mkdir()
    (folder / "meta.json").write_text(
        json.dumps({"url": "x", "markup": "nextjs", "notes": "kept"}), encoding="utf-8"
    )
    meta = fetch_fixture(f"{origin}/chef-jobs/what-does-a-chef-do/", folder, session=None)
    assert meta["notes"] == "kept" and meta["markup"] == "nextjs"
    assert list(meta) == ["url", "markup", "notes", "fetched_from", "fetched_at"]


def test_fetch_with_a_given_session(tmp_path: Path, site) -> None:
    origin, _ = site
    with requests.Session() as session:
        fetch_fixture(f"{origin}/chef-jobs/what-does-a-chef-do/", tmp_path / "f", session=session)
    assert (tmp_path / "f" / "page.html").read_bytes() == PAGE


def test_http_error_leaves_the_folder_as_it_was(tmp_path: Path, site) -> None:
    origin, _ = site
    folder = tmp_path / "fixture"
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch_fixture(f"{origin}/nowhere", folder)
    assert list(folder.iterdir()) == []
    with pytest.raises(FetchError, match="not an http"):
        fetch_fixture("file:///etc/passwd", folder)


def _cli() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="careerscrape")
    add_fetch_command(parser.add_subparsers(dest="command", required=True))
    return parser


def test_fetch_command(tmp_path: Path, site, capsys: pytest.CaptureFixture[str]) -> None:
    origin, _ = site
    folder = tmp_path / "fixture"
    args = _cli().parse_args(["fetch", f"{origin}/chef-jobs/what-does-a-chef-do/", str(folder)])
    assert args.run(args) == 0
    out = capsys.readouterr().out
    assert f"page.html ({len(PAGE)} bytes)" in out
    assert (folder / "page.html").read_bytes() == PAGE

    real = "https://www.zippia.com/chef-jobs/what-does-a-chef-do/"
    other = tmp_path / "given"
    args = _cli().parse_args(["fetch", f"{origin}/old-chef", str(other), "--url", real])
    assert args.run(args) == 0
    assert f"from {real}" in capsys.readouterr().out
    assert json.loads((other / "meta.json").read_text(encoding="utf-8"))["url"] == real

    args = _cli().parse_args(["fetch", f"{origin}/nowhere", str(tmp_path / "other")])
    assert args.run(args) == 1
    assert "HTTP 404" in capsys.readouterr().err


def test_connection_error_is_a_fetch_error(tmp_path: Path) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    port = server.server_address[1]
    server.server_close()  # nothing listens there now
    with pytest.raises(FetchError):
        fetch_fixture(f"http://127.0.0.1:{port}/", tmp_path / "f")
    assert list((tmp_path / "f").iterdir()) == []
