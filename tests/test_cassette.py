"""careerscrape.cassette: vcrpy's cassette format read and written without Scrapy.

Compatibility is checked against vcrpy itself: cassettes written here are
replayed by ``vcr.use_cassette(..., record_mode="none")`` with requests, and
cassettes vcrpy records (from a local server on 127.0.0.1) are read here.
"""

from __future__ import annotations

import gzip
import itertools
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
import vcr
from support.static_site import serve_pages
from vcr import matchers
from vcr.errors import CannotOverwriteExistingCassetteException
from vcr.request import Request as VcrRequest

from careerscrape.cassette import (
    CassetteError,
    CassetteIndex,
    CassetteWriter,
    Interaction,
    build_cassette,
    load_cassette,
    normalize_url,
    request_key,
)

#: Nothing listens here: a request that escaped a cassette would fail, not reach anyone.
NOWHERE = "http://127.0.0.1:9"
HTML = "<!doctype html><html><body><h1>Caf\u00e9 \u2014 chef</h1>\r\n  <p>x</p>  \n</body></html>"
TRICKY_BODIES = [
    b"",
    HTML.encode("utf-8"),
    b"tabs\tand\r\nCRLF\rCR, trailing spaces   \n\n",
    "NEL\x85 LS\u2028 PS\u2029 BOM\ufeff NUL\x00 DEL\x7f emoji \U0001f600".encode(),
    b"\xff\xfe not utf-8 \x80\x81",
    gzip.compress(b"<html>zipped</html>", mtime=0),
    b"---\nkey: value\n- list\n",  # looks like YAML
]


# -- URL normalisation --------------------------------------------------------------------

VARIANTS = [
    "http://example.com/a?x=1&y=2",
    "http://example.com/a?y=2&x=1",
    "http://EXAMPLE.com/a?x=1&y=2",
    "http://example.com:80/a?x=1&y=2",
    "http://example.com/a?x=1&y=2#frag",
    "http://user:pw@example.com/a?x=1&y=2",
    "http://example.com/a?x=1&y=2&z=",
    "http://example.com/a?x=1&y=%32",
    "http://example.com/a;p?x=1&y=2",
    "http://example.com/A?x=1&y=2",
    "http://example.com/a/?x=1&y=2",
    "https://example.com/a?x=1&y=2",
    "https://example.com:443/a?x=1&y=2",
    "http://example.com:8080/a?x=1&y=2",
    "http://example.com/a?x=1",
    "http://example.com/a?x=1&x=2",
    "http://example.com/a?x=2&x=1",
    "http://example.com/a?x=a+b",
    "http://example.com/a?x=a%20b",
    "http://example.com",
    "http://example.com/",
    "http://example.com?",
    "http://[::1]:8000/a",
    "http://[::1]:8000/a?",
    "http://example.org/a?x=1&y=2",
    "http://example.com/a%2Fb",
    "http://example.com/a/b",
]
DEFAULT_MATCHERS = [
    matchers.method,
    matchers.scheme,
    matchers.host,
    matchers.port,
    matchers.path,
    matchers.query,
]


def test_urls_share_a_key_exactly_when_vcrpy_matches_them() -> None:
    disagreements = []
    for first, second in itertools.combinations_with_replacement(VARIANTS, 2):
        vcr_says = matchers.requests_match(
            VcrRequest("GET", first, None, {}),
            VcrRequest("GET", second, None, {}),
            DEFAULT_MATCHERS,
        )
        if (normalize_url(first) == normalize_url(second)) != vcr_says:
            disagreements.append(f"{first} ~ {second}: vcrpy says {vcr_says}")
    assert not disagreements


def test_normalised_url_reads_as_a_url() -> None:
    assert normalize_url("HTTP://Example.COM?b=2&a=1#x") == "http://example.com:80/?a=1&b=2"
    assert normalize_url("https://www.zippia.com/chef-jobs/") == (
        "https://www.zippia.com:443/chef-jobs/"
    )
    assert normalize_url("http://[::1]:8000/a") == "http://[::1]:8000/a"


def test_method_is_part_of_the_key() -> None:
    assert request_key("get", "http://a.test/") == ("GET", "http://a.test:80/")
    assert request_key("GET", "http://a.test/") != request_key("HEAD", "http://a.test/")


# -- write, read back -----------------------------------------------------------------------


def test_roundtrip_keeps_status_headers_and_bytes(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    writer = CassetteWriter(path)
    for number, body in enumerate(TRICKY_BODIES):
        writer.record(
            f"{NOWHERE}/page/{number}?b=2&a=1",
            200 + number,
            [
                ("Content-Type", "text/html; charset=utf-8"),
                ("Set-Cookie", "a=1"),
                ("Set-Cookie", "b=2"),
                ("X-Latin", "caf\u00e9"),
            ],
            body,
            request_headers={"User-Agent": "careerscrape", "Cookie": "secret=1"},
        )
    writer.record(f"{NOWHERE}/form", 201, {}, b"ok", method="post", request_body=b"q=1")
    assert writer.save() == path

    loaded = load_cassette(path)
    assert len(loaded) == len(TRICKY_BODIES) + 1
    for number, body in enumerate(TRICKY_BODIES):
        found = loaded.get("GET", f"{NOWHERE}/page/{number}?a=1&b=2")
        assert found is not None
        assert found.body == body
        assert found.status == 200 + number
        assert found.headers["Set-Cookie"] == ["a=1", "b=2"]
        assert found.header("content-type") == "text/html; charset=utf-8"
        assert found.wire_headers()[b"X-Latin"] == [b"caf\xe9"]
        assert found.request_headers == {"User-Agent": ["careerscrape"]}, "Cookie not saved"
    form = loaded.get("POST", f"{NOWHERE}/form")
    assert form is not None
    assert (form.status, form.reason, form.body, form.request_body) == (
        201,
        "Created",
        b"ok",
        b"q=1",
    )
    assert loaded.get("GET", f"{NOWHERE}/form") is None


def test_saved_file_is_vcrpy_yaml_and_readable(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    build_cassette(path, [(f"{NOWHERE}/", 200, {"Content-Type": "text/html"}, HTML)])
    text = path.read_text(encoding="ascii")  # vcrpy's YAML escapes non-ASCII text
    assert text.startswith("interactions:\n") and text.endswith("version: 1\n")
    assert "<h1>Caf" in text, "text bodies stay readable (no !!binary)"


def test_save_is_atomic_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "c.yaml"
    build_cassette(path, [(f"{NOWHERE}/old", 200, {}, b"old")])
    writer = CassetteWriter(path)
    writer.add(Interaction("GET", f"{NOWHERE}/new", 200, body=b"new"))
    writer.add(Interaction("GET", f"{NOWHERE}/bad", 200, body=object()))  # type: ignore[arg-type]
    with pytest.raises(Exception):  # noqa: B017 - any serialisation error will do
        writer.save()
    assert [i.url for i in load_cassette(path)] == [f"{NOWHERE}/old"], "old cassette intact"
    writer.interactions.pop()
    writer.save()
    assert [i.url for i in load_cassette(path)] == [f"{NOWHERE}/new"]
    assert sorted(p.name for p in path.parent.iterdir()) == ["c.yaml"]


def test_build_cassette_counts_and_accepts_text_or_bytes(tmp_path: Path) -> None:
    path = tmp_path / "demo.yaml"
    pages = [
        (f"{NOWHERE}/robots.txt", 200, {"Content-Type": "text/plain"}, "User-agent: *\n"),
        (f"{NOWHERE}/a/", 200, {"Content-Type": ["text/html"]}, HTML.encode()),
        (f"{NOWHERE}/gone/", 404, None, b""),
    ]
    assert build_cassette(path, iter(pages)) == 3
    loaded = load_cassette(path)
    assert loaded.get("GET", f"{NOWHERE}/robots.txt").body == b"User-agent: *\n"
    assert loaded.get("GET", f"{NOWHERE}/a/").body == HTML.encode()
    assert loaded.get("GET", f"{NOWHERE}/gone/").status == 404
    assert ("GET", f"{NOWHERE}/a/") in loaded
    assert ("GET", f"{NOWHERE}/b/") not in loaded


def test_repeated_recordings_play_in_order_then_the_last_again() -> None:
    url = f"{NOWHERE}/flaky"
    index = CassetteIndex(
        [Interaction("GET", url, 503, body=b"busy"), Interaction("GET", url + "?", 200, body=b"ok")]
    )
    assert [i.status for i in index.find("GET", url)] == [503, 200]
    assert index.get("GET", url).status == 503
    assert [index.play("GET", url).status for _ in range(3)] == [503, 200, 200]
    assert index.play("GET", f"{NOWHERE}/other") is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty cassette"),
        ("   \n", "empty cassette"),
        ("just: [a, mapping]\n", "not a vcrpy cassette"),
        ("interactions: [\n", "not a vcrpy cassette"),
        ("- request: {}\n", "not a vcrpy cassette"),
        ("!!python/object/apply:os.system ['true']\n", "not a vcrpy cassette"),
    ],
)
def test_what_is_not_a_cassette_is_refused(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CassetteError, match=message):
        load_cassette(path)


def test_missing_cassette_is_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_cassette(tmp_path / "none.yaml")


# -- vcrpy compatibility --------------------------------------------------------------------


def test_vcrpy_replays_a_cassette_written_here(tmp_path: Path) -> None:
    path = tmp_path / "site.yaml"
    gzipped = gzip.compress(HTML.encode("utf-8"), mtime=0)
    build_cassette(
        path,
        [
            (f"{NOWHERE}/page.html", 200, {"Content-Type": "text/html; charset=utf-8"}, HTML),
            (
                f"{NOWHERE}/zipped",
                200,
                {"Content-Type": "text/html", "Content-Encoding": "gzip"},
                gzipped,
            ),
            (f"{NOWHERE}/moved", 301, {"Location": f"{NOWHERE}/page.html?v=1"}, b""),
            (f"{NOWHERE}/page.html?v=1", 200, {"Set-Cookie": ["a=1", "b=2"]}, b"v1"),
            (
                f"{NOWHERE}/binary",
                200,
                {"Content-Type": "application/octet-stream"},
                TRICKY_BODIES[4],
            ),
            (f"{NOWHERE}/missing", 404, {}, b"no"),
        ],
    )
    with vcr.use_cassette(str(path), record_mode="none"):
        page = requests.get(f"{NOWHERE}/page.html", timeout=5)
        assert (page.status_code, page.text) == (200, HTML)
        assert page.headers["Content-Type"] == "text/html; charset=utf-8"
        # vcrpy replays the stored bytes; through urllib3 2 nothing decodes them
        zipped = requests.get(f"{NOWHERE}/zipped", timeout=5)
        assert zipped.content == gzipped and zipped.headers["Content-Encoding"] == "gzip"
        moved = requests.get(f"{NOWHERE}/moved", timeout=5)
        assert (moved.url, moved.content) == (f"{NOWHERE}/page.html?v=1", b"v1")
        assert [r.status_code for r in moved.history] == [301]
        assert moved.raw.headers.getlist("Set-Cookie") == ["a=1", "b=2"]
        assert requests.get(f"{NOWHERE}/binary", timeout=5).content == TRICKY_BODIES[4]
        assert requests.get(f"{NOWHERE}/missing", timeout=5).status_code == 404
        with pytest.raises(CannotOverwriteExistingCassetteException):
            requests.get(f"{NOWHERE}/not-recorded", timeout=5)


def test_vcrpy_cassette_class_loads_a_cassette_written_here(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    build_cassette(
        path, [(f"{NOWHERE}/{n}", 200, {}, body) for n, body in enumerate(TRICKY_BODIES)]
    )
    cassette = vcr.cassette.Cassette.load(path=str(path), record_mode="none")
    assert [r["body"]["string"] for r in cassette.responses] == TRICKY_BODIES


@pytest.fixture
def local_site() -> Iterator[str]:
    pages = {
        "/page.html": (200, {"Content-Type": "text/html; charset=utf-8"}, HTML.encode()),
        "/zipped": (
            200,
            {"Content-Type": "text/html", "Content-Encoding": "gzip"},
            gzip.compress(b"<html>z</html>", mtime=0),
        ),
    }
    with serve_pages(pages) as site:
        yield site.base_url


def test_a_cassette_vcrpy_recorded_is_read_here(tmp_path: Path, local_site: str) -> None:
    path = tmp_path / "vcr.yaml"
    with vcr.use_cassette(str(path), record_mode="all"):
        assert requests.get(f"{local_site}/page.html?b=2&a=1", timeout=5).text == HTML
        requests.get(f"{local_site}/zipped", timeout=5)
        requests.get(f"{local_site}/nothing", timeout=5)
    loaded = load_cassette(path)
    page = loaded.get("GET", f"{local_site}/page.html?a=1&b=2")
    assert page is not None
    assert (page.status, page.body, page.header("Content-Type")) == (
        200,
        HTML.encode(),
        "text/html; charset=utf-8",
    )
    assert page.request_headers["User-Agent"][0].startswith("python-requests/")
    # vcrpy through urllib3 2 saved the body decoded under a stale Content-Encoding: dropped
    assert "Content-Encoding" in path.read_text(encoding="utf-8")
    zipped = loaded.get("GET", f"{local_site}/zipped")
    assert zipped.body == b"<html>z</html>"
    assert zipped.header("Content-Encoding") is None and zipped.header("Content-Length") is None
    assert zipped.header("Content-Type") == "text/html"
    assert loaded.get("GET", f"{local_site}/nothing").status == 404


@pytest.mark.parametrize(
    ("coding", "encoded"),
    [
        ("gzip", gzip.compress(HTML.encode(), mtime=0)),
        ("x-gzip", gzip.compress(HTML.encode(), mtime=0)),
        ("deflate", zlib.compress(HTML.encode())),
        ("deflate", zlib.compress(HTML.encode())[2:-4]),  # raw deflate
        ("zstd", b"\x28\xb5\x2f\xfd" + bytes(range(40))),
        ("br", bytes([0x1B, 0x4A, 0x00, 0xF8, 0xA5, 0x14, 0x83, 0x6A, 0xFF, 0x00])),
        ("identity, gzip", gzip.compress(b"x", mtime=0)),
    ],
)
def test_content_encoding_is_kept_only_over_an_encoded_body(
    tmp_path: Path, coding: str, encoded: bytes
) -> None:
    path = tmp_path / "c.yaml"
    headers = {"Content-Encoding": coding, "Content-Length": "10", "Content-Type": "text/html"}
    build_cassette(
        path,
        [
            (f"{NOWHERE}/encoded", 200, headers, encoded),
            (f"{NOWHERE}/decoded", 200, headers, HTML),
            (f"{NOWHERE}/empty", 204, headers, b""),
        ],
    )
    loaded = load_cassette(path)
    assert loaded.get("GET", f"{NOWHERE}/encoded").headers == {k: [v] for k, v in headers.items()}
    assert loaded.get("GET", f"{NOWHERE}/decoded").headers == {"Content-Type": ["text/html"]}
    assert loaded.get("GET", f"{NOWHERE}/empty").header("Content-Encoding") == coding


def test_module_does_not_import_scrapy() -> None:
    import subprocess

    code = "import sys, careerscrape.cassette; sys.exit('scrapy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
