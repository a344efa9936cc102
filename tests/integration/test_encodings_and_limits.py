"""Through the real ``scrapy crawl careers``: a page's bytes, its size and its walls.

One crawl of a local site whose pages are the chef page in other encodings, an
undecodable page, a gzip bomb and a login wall with no title or password field.
Each must end as the record a reader would take from it, or as a reject with the
reason that says why (``encoding``, ``too_large``, ``login_required``).
"""

from __future__ import annotations

import gzip
import hashlib
import re

import pytest
from support.crawl import ROOT, CrawlResult, crawl
from support.server import serve

from careerscrape.parsing.urls import canonical_url
from careerscrape.testing.fixtures import DEFAULT_ROOT

SITE = "https://www.zippia.com"
CHEF = (ROOT / DEFAULT_ROOT / "role-chef--nextjs" / "page.html").read_bytes()
#: Its first responsibility, with words whose bytes differ in windows-1252 and UTF-8.
DUTY = "Prepare café crème desserts and keep a résumé of every banquet menu."
FIRST_DUTY = "Prep; cook; deliver and manage off site catering events per BEO orders."

HEADER_1252 = "/encodings/windows-1252-in-the-header"
UNDECLARED_1252 = "/encodings/windows-1252-undeclared"
UTF16 = "/encodings/utf-16-with-bom"
UNDECODABLE = "/encodings/windows-1252-said-to-be-utf-8"
GZIP_BOMB = "/limits/gzip-bomb"
LOGIN_WALL = "/walls/login-without-title"
RECORDS = (HEADER_1252, UNDECLARED_1252, UTF16)


def page(path: str) -> str:
    """The record URL of a page served at ``path``: canonical, ending with /."""
    return canonical_url(SITE + path)


REJECTED = {UNDECODABLE: "encoding", GZIP_BOMB: "too_large", LOGIN_WALL: "login_required"}
MAXSIZE = 1024 * 1024


def chef(encoding: str, meta: str = "") -> bytes:
    """The chef page in ``encoding``, its <meta charset> replaced by ``meta``."""
    html, count = re.subn(r'<meta charSet="utf-8"\s*/>', meta, CHEF.decode("utf-8"))
    assert count == 1 and FIRST_DUTY in html
    html = html.replace(FIRST_DUTY, DUTY, 1)
    return html.encode(encoding, errors="xmlcharrefreplace")


BODIES = {
    HEADER_1252: ("text/html; charset=windows-1252", chef("cp1252")),
    UNDECLARED_1252: ("text/html", chef("cp1252")),
    UTF16: ("text/html", b"\xff\xfe" + chef("utf-16-le", '<meta charset="utf-16">')),
    UNDECODABLE: ("text/html; charset=utf-8", chef("cp1252", '<meta charset="utf-8">')),
    LOGIN_WALL: ("text/html; charset=utf-8", b"<!DOCTYPE html><html><body><main>"
                 b"<h1>Welcome back</h1><p>Sign in to continue reading this career guide.</p>"
                 b"<form><label>Email</label><input type=email></form></main></body></html>"),
}  # fmt: skip


def site() -> list[tuple[str, int, dict[str, str], bytes]]:
    pages = [(SITE + path, 200, {"Content-Type": ct}, body) for path, (ct, body) in BODIES.items()]
    bomb = gzip.compress(b"<html><body>" + b" " * (8 * MAXSIZE) + b"</body></html>", 9)
    assert len(bomb) < MAXSIZE // 10
    headers = {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"}
    return [*pages, (SITE + GZIP_BOMB, 200, headers, bomb)]


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    with serve(site()) as base:
        urls = ",".join([*RECORDS, *REJECTED])
        done = crawl(tmp_path_factory.mktemp("encodings"), "-a", f"urls={urls}", "-a", "depth=0",
                     "-a", f"site={base}", DOWNLOAD_MAXSIZE=str(MAXSIZE))  # fmt: skip
    assert done.log.splitlines()[-1] == (
        f"careerscrape: run {done.folder.name} not published (exit 4): "
        "3 of 6 pages rejected (50% > 25%)"
    ), done.log[-3000:]
    return done


def test_every_encoding_a_browser_reads_is_a_record_of_the_right_text(
    result: CrawlResult,
) -> None:
    roles = result.by_url("roles.jsonl")
    assert sorted(roles) == sorted(page(path) for path in RECORDS)
    for path in RECORDS:
        record = roles[page(path)]
        assert record["role"] == "chef"
        assert record["responsibilities"][0] == DUTY, path
        assert len(record["responsibilities"]) == 12
        assert "\ufffd" not in str(record) and "Ã" not in str(record)
        assert record["content_sha256"] == hashlib.sha256(BODIES[path][1]).hexdigest()


def test_an_undecodable_page_a_bomb_and_a_login_wall_are_rejects_with_their_reasons(
    result: CrawlResult,
) -> None:
    rejects = result.by_url("rejects.jsonl")
    assert {url: r["reason"] for url, r in rejects.items()} == {
        page(path): reason for path, reason in REJECTED.items()
    }
    undecodable = rejects[page(UNDECODABLE)]
    assert undecodable["status"] == 200
    assert undecodable["detail"].startswith(
        "undecodable page: the page is not utf-8 text, as its Content-Type header says"
    )
    bomb = rejects[page(GZIP_BOMB)]["detail"]
    assert "exceeded DOWNLOAD_MAXSIZE (1048576 B) during decompression" in bomb
    assert result.run["rejects"] == {
        "total": 3,
        "by_reason": {"encoding": 1, "login_required": 1, "too_large": 1},
    }
