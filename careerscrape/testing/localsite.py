"""A local HTTP site to crawl: the fixture pages and/or a generated site, on 127.0.0.1.

>>> with serve(fixture_pages()) as server:        # or serve(generate_site(1000))
...     server.base_url                            # "http://127.0.0.1:54321"
...     # scrapy crawl careers -a site=<base_url> -a sitemap=/sitemap.xml

The server answers like a well-behaved static site: ``text/html; charset=utf-8``
pages with an ``ETag`` (the SHA-256 of the body) and a ``Last-Modified``,
``304 Not Modified`` to a matching ``If-None-Match`` (or, without one, an
``If-Modified-Since`` not older than the page), ``/robots.txt`` allowing
everything, ``/sitemap.xml`` listing every page on the server's own address,
a ``301`` to the slash variant of a path it has (``/x`` -> ``/x/``) and ``404``
for anything else. It runs in a daemon thread (``ThreadingHTTPServer``) and
stops when the ``with`` block ends or on :meth:`LocalServer.stop`.

``careerscrape serve`` (careerscrape.cli.serve) runs one from the shell.
"""

from __future__ import annotations

import hashlib
import json
import socket
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from careerscrape.testing.sitegen import Site, sitemap_xml

__all__ = ["LocalServer", "fixture_pages", "serve"]

DEFAULT_FIXTURES = Path("fixtures/pages")
#: When two fixtures share a URL (one page in several markups), today's markup is served.
_MARKUP_PREFERENCE = {"nextjs": 0, "plain": 1, "legacy": 2}
HTML = "text/html; charset=utf-8"


def fixture_pages(root: str | Path = DEFAULT_FIXTURES) -> dict[str, bytes]:
    """URL path -> page bytes of every fixture under ``root`` (``meta.json`` url + ``page.html``).

    Several fixtures may be the same URL in different markups; the path then
    serves the Next.js one, else the plain one, else the first by folder name.
    """
    root = Path(root)
    if not root.is_dir():
        raise FileNotFoundError(f"no fixture folder at {root}")
    chosen: dict[str, tuple[tuple[int, str], Path]] = {}
    for folder in sorted(root.iterdir()):
        page, meta = folder / "page.html", folder / "meta.json"
        if not (page.is_file() and meta.is_file()):
            continue
        info = json.loads(meta.read_text(encoding="utf-8"))
        path = urlsplit(info["url"]).path or "/"
        rank = (_MARKUP_PREFERENCE.get(info.get("markup", ""), 9), folder.name)
        if path not in chosen or rank < chosen[path][0]:
            chosen[path] = (rank, page)
    return {path: page.read_bytes() for path, (_, page) in sorted(chosen.items())}


# -- what the server serves ---------------------------------------------------------------------


class _Sources:
    """One or more page sources (a Site, a mapping), looked up in order; lazy throughout."""

    def __init__(self, sources: Iterable[Site | Mapping[str, bytes]], started: datetime) -> None:
        self._sources = list(sources)
        self._started = started
        self._etags: dict[str, str] = {}
        self._lock = threading.Lock()

    def get(self, path: str) -> tuple[bytes, datetime] | None:
        for source in self._sources:
            if isinstance(source, Site):
                if path in source.pages:
                    return source.page(path), source.last_modified(path)
            elif path in source:
                return source[path], self._started
        return None

    def __contains__(self, path: str) -> bool:
        return any(
            path in (source.pages if isinstance(source, Site) else source)
            for source in self._sources
        )

    def paths(self) -> Iterator[str]:
        seen: set[str] = set()
        for source in self._sources:
            for path in source.pages if isinstance(source, Site) else source:
                if path not in seen:
                    seen.add(path)
                    yield path

    def etag(self, path: str, body: bytes) -> str:
        with self._lock:
            tag = self._etags.get(path)
        if tag is None:
            tag = f'"{hashlib.sha256(body).hexdigest()}"'
            with self._lock:
                self._etags[path] = tag
        return tag


def _etag_matches(header: str, etag: str) -> bool:
    """``If-None-Match`` uses the weak comparison: ``W/"x"`` matches ``"x"``; ``*`` matches all."""
    if header.strip() == "*":
        return True
    tags = (t.strip() for t in header.split(","))
    return any(t.removeprefix("W/") == etag for t in tags)


def _not_modified_since(header: str, last_modified: datetime) -> bool:
    try:
        since = parsedate_to_datetime(header)
    except (TypeError, ValueError, IndexError):
        return False
    if since is None:
        return False
    if since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    return last_modified.replace(microsecond=0) <= since


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    server_version = "careerscrape-localsite/1.0"
    timeout = 30  # an idle keep-alive connection is closed after this

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in two writes; without this, Nagle's algorithm and the
        # client's delayed ACK stall every keep-alive response by ~40 ms.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def _respond(self, send_body: bool) -> None:
        path = self._path = urlsplit(self.path).path or "/"
        site = self.server.owner
        if path == "/robots.txt":
            self._send(200, site.robots_txt.encode(), "text/plain; charset=utf-8", send_body)
        elif path == "/sitemap.xml":
            self._send(200, site.sitemap_bytes(), "application/xml; charset=utf-8", send_body)
        else:
            found = site.sources.get(path)
            if found is None:
                other = path[:-1] if path.endswith("/") else path + "/"
                if len(other) > 1 and other in site.sources:
                    self._send(301, b"", HTML, send_body, {"Location": other})
                else:
                    self._send(404, b"<!DOCTYPE html><html><body><h1>Not found</h1></body></html>",
                               HTML, send_body)  # fmt: skip
            else:
                self._page(path, *found, send_body)

    def _page(self, path: str, body: bytes, last_modified: datetime, send_body: bool) -> None:
        if self.server.owner.delay:  # a slow site: pages in flight when a crawl is stopped
            time.sleep(self.server.owner.delay)
        etag = self.server.owner.sources.etag(path, body)
        headers = {
            "ETag": etag,
            "Last-Modified": format_datetime(last_modified.astimezone(UTC), usegmt=True),
            "Cache-Control": "no-cache",
        }
        none_match = self.headers.get("If-None-Match")
        since = self.headers.get("If-Modified-Since")
        if (none_match is not None and _etag_matches(none_match, etag)) or (
            none_match is None and since is not None and _not_modified_since(since, last_modified)
        ):
            self._send(304, b"", None, False, headers)
        else:
            self._send(200, body, HTML, send_body, headers)

    def _send(
        self,
        status: int,
        body: bytes,
        content_type: str | None,
        send_body: bool,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.server.owner.count(self.command, self._path, status)  # before the client hears
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if send_body and body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.owner.verbose:
            sys.stderr.write(f"{self.address_string()} - {format % args}\n")

    def handle_one_request(self) -> None:
        try:
            super().handle_one_request()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client went away (a crawl stopped): not an error


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # idle keep-alive connections must not hold up stop()
    owner: LocalServer


class LocalServer:
    """A running local site. ``base_url`` is where it answers; use it as a context manager."""

    def __init__(
        self,
        sources: Iterable[Site | Mapping[str, bytes]],
        host: str = "127.0.0.1",
        port: int = 0,
        verbose: bool = False,
        delay: float = 0.0,
    ) -> None:
        self.verbose = verbose
        #: Seconds each page (not robots.txt or the sitemap) waits before it is sent.
        self.delay = delay
        self.started = datetime.now(UTC).replace(microsecond=0)
        self.sources = _Sources(sources, self.started)
        #: Requests answered, by (method, path, status).
        self.hits: Counter[tuple[str, str, int]] = Counter()
        self._hits_lock = threading.Lock()
        self._httpd = _Server((host, port), _Handler)
        self._httpd.owner = self
        self.host, self.port = self._httpd.server_address[:2]
        self._sitemap: bytes | None = None
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.1},
            name=f"careerscrape-localsite:{self.port}", daemon=True,
        )  # fmt: skip
        self._thread.start()

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT`` (no trailing slash)."""
        host = f"[{self.host}]" if ":" in str(self.host) else self.host
        return f"http://{host}:{self.port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    @property
    def robots_txt(self) -> str:
        return f"User-agent: *\nAllow: /\n\nSitemap: {self.base_url}/sitemap.xml\n"

    def sitemap_bytes(self) -> bytes:
        if self._sitemap is None:
            urls = [self.base_url + path for path in self.sources.paths()]
            self._sitemap = sitemap_xml(urls).encode("utf-8")
        return self._sitemap

    def count(self, method: str, path: str, status: int) -> None:
        with self._hits_lock:
            self.hits[(method, path, status)] += 1

    def hit_counts(self) -> Counter[tuple[str, str, int]]:
        """A copy of :attr:`hits`, safe to read while the server answers requests."""
        with self._hits_lock:
            return Counter(self.hits)

    def stop(self) -> None:
        """Stop serving and close the socket (idempotent)."""
        if self._thread.is_alive():
            self._httpd.shutdown()
            self._thread.join(timeout=5)
        self._httpd.server_close()

    close = stop

    def __enter__(self) -> LocalServer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"<LocalServer {self.base_url}>"


def serve(
    site_or_pages: Site | Mapping[str, bytes] | Sequence[Site | Mapping[str, bytes]],
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    verbose: bool = False,
    delay: float = 0.0,
) -> LocalServer:
    """Start serving a Site, a path -> bytes mapping, or a list of them (first one wins).

    ``port=0`` picks a free port; the returned server is already running.
    """
    one = isinstance(site_or_pages, Site | Mapping)
    sources = [site_or_pages] if one else list(site_or_pages)
    return LocalServer(sources, host, port, verbose=verbose, delay=delay)
