"""``careerscrape fetch URL FOLDER``: turn one live page into a fixture folder.

The page is fetched with requests inside ``vcr.use_cassette``, so the folder
gets, beside ``page.html`` and ``meta.json``, ``cassette.yaml``: the exact
HTTP exchange (redirects, status, headers) in vcrpy's format, replayable by
vcrpy and by the crawler (``-a replay=FOLDER/cassette.yaml``). The fixture's
``expected.json`` is then written by hand from what the page shows (or drafted
by ``careerscrape fixtures --update`` and checked line by line).

``meta.json`` records the page's real URL: the one given with ``--url``, else
the path of the page's own canonical link (``<link rel="canonical">``, ``og:url``),
else of the address it was fetched from, on the canonical site (``CANONICAL_SITE``).
So a page fetched from a mirror or a local server (``http://127.0.0.1:8000/...``)
keeps its ``https://www.zippia.com/...`` URL, even when the mirror rewrote its
canonical link to its own host.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests
import vcr
from lxml.etree import ParserError

from careerscrape.atomic import commit_temp, make_temp, write_json
from careerscrape.models import utc_timestamp
from careerscrape.parsing.document import Document
from careerscrape.parsing.urls import canonical_url
from careerscrape.settings import CANONICAL_SITE, DOWNLOAD_TIMEOUT, USER_AGENT
from careerscrape.site import Site

CASSETTE_NAME = "cassette.yaml"


class FetchError(Exception):
    """The page could not be made into a fixture (HTTP error, bad URL...)."""


def fetch_fixture(
    url: str,
    folder: str | os.PathLike[str],
    *,
    session: requests.Session | None = None,
    page_url: str | None = None,
) -> dict[str, Any]:
    """Fetch ``url`` once, live, and save ``folder``/page.html, meta.json and cassette.yaml.

    The cassette is recorded beside its final place and renamed over
    ``cassette.yaml`` only when the page was fetched with a 2xx status, so a
    failed fetch leaves the folder as it was. An existing ``meta.json`` keeps
    its other keys (notes...); ``url`` (``page_url``, else the page's own
    canonical link, else the final URL fetched, in canonical form),
    ``fetched_from`` (the final URL fetched) and ``fetched_at`` are set.
    Returns the meta data.
    """
    if not url.startswith(("http://", "https://")):
        raise FetchError(f"not an http(s) URL: {url!r}")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    cassette = folder / CASSETTE_NAME
    partial = folder / f".{CASSETTE_NAME}.partial"
    partial.unlink(missing_ok=True)
    own_session = session is None
    session = session or requests.Session()
    try:
        with vcr.use_cassette(
            str(partial),
            record_mode="all",
            decode_compressed_response=True,
            filter_headers=["authorization", "cookie", "proxy-authorization"],
        ):
            response = session.get(
                url, headers={"User-Agent": USER_AGENT}, timeout=DOWNLOAD_TIMEOUT
            )
            body = response.content
    except requests.RequestException as exc:
        partial.unlink(missing_ok=True)
        raise FetchError(f"{url}: {exc}") from exc
    finally:
        if own_session:
            session.close()
    if not 200 <= response.status_code < 300:
        partial.unlink(missing_ok=True)
        raise FetchError(f"{url}: HTTP {response.status_code} {response.reason}")

    handle, temp_name = make_temp(folder / "page.html", mode="wb", encoding=None)
    handle.write(body)
    commit_temp(handle, temp_name, folder / "page.html")
    os.replace(partial, cassette)

    meta_path = folder / "meta.json"
    meta: dict[str, Any] = {}
    if meta_path.is_file():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(
        url=canonical_url(page_url) if page_url else _on_canonical_site(body, response.url),
        fetched_from=response.url,
        fetched_at=utc_timestamp(datetime.now(UTC)),
    )
    write_json(meta_path, meta)
    return meta


def _on_canonical_site(body: bytes, fetched: str) -> str:
    """The page's URL on the canonical site, never the mirror's it was fetched from."""
    return Site(fetched, CANONICAL_SITE).canonical_url(_canonical_link(body) or fetched)


def _canonical_link(body: bytes) -> str | None:
    """The URL the page names as its own (``<link rel="canonical">``, ``og:url``), if any."""
    try:
        return Document.parse(body).canonical_url
    except (ParserError, ValueError):  # not HTML at all: the fetched URL it is
        return None


def run_fetch(args: argparse.Namespace) -> int:
    try:
        meta = fetch_fixture(args.url, args.folder, page_url=args.page_url)
    except (FetchError, OSError) as exc:
        print(f"careerscrape fetch: {exc}", file=sys.stderr)
        return 1
    size = (Path(args.folder) / "page.html").stat().st_size
    print(f"{args.folder}: page.html ({size} bytes), meta.json, {CASSETTE_NAME} from {meta['url']}")
    print(
        f"next: write {args.folder}/expected.json from what the page shows "
        "(careerscrape fixtures --update drafts it), then make test",
        file=sys.stderr,
    )
    return 0


def add_fetch_command(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``fetch URL FOLDER`` on the ``add_subparsers()`` object of a parser."""
    fetch = subparsers.add_parser(
        "fetch",
        help="fetch one live page into a fixture folder (page.html, meta.json, cassette.yaml)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    fetch.add_argument("url", metavar="URL", help="the page to fetch (http or https)")
    fetch.add_argument("folder", metavar="FOLDER", type=Path, help="fixture folder to write")
    fetch.add_argument(
        "--url",
        dest="page_url",
        metavar="PAGE_URL",
        help="the page's real URL, for meta.json (default: its canonical link, else URL)",
    )
    fetch.set_defaults(run=run_fetch)
    return fetch
