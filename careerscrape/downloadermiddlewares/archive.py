"""The crawl's web archive: every response kept as it comes (or answered from an archive).

Next to the downloader (960, after the cassette middleware), it sees each response as
received: still content-encoded, a redirect not yet followed, robots.txt and sitemaps
too. The plain side is careerscrape.archive; this connects it to the crawl:

- writing (the crawl job, ``ARCHIVE_ENABLED``): each response is appended to
  ``RUN_DIR/pages.warc.gz`` the moment it arrives, and the instant it is stamped with
  is both its WARC-Date and the ``fetched_at`` of the record the spider makes of it
  (:func:`fetched_at`): a rebuild from the archive gives the same record. A page a
  refresh run carries over (a 304, or the same body) is a ``revisit`` record of the
  capture its record was read from, and that capture's run folder is noted in
  ``archive-refs.txt`` so that pruning keeps it;
- replaying (``-a archive=PATH``, ``ARCHIVE_REPLAY``): every request is answered from
  the archives' newest capture of its URL, never the network, and the record's
  ``fetched_at`` is that capture's date. A URL the archives lack fails with
  :class:`ArchiveMiss` (reject ``archive_miss``).
"""

from __future__ import annotations

import hashlib
import http
import logging
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import CloseSpider, IgnoreRequest, NotConfigured
from scrapy.http import Headers, Request, Response
from scrapy.responsetypes import responsetypes

from careerscrape.archive.capture import Capture, decoded_body, url_key
from careerscrape.archive.reader import ArchiveError, ArchiveIndex, Unresolved, intact_length
from careerscrape.archive.writer import ArchiveWriter
from careerscrape.cassette import SECRET_REQUEST_HEADERS
from careerscrape.outputs import ARCHIVE, ARCHIVE_REFS
from careerscrape.site import crawled_site
from careerscrape.stats import (
    ARCHIVE_BYTES,
    ARCHIVE_MISSED,
    ARCHIVE_REPLAYED,
    ARCHIVE_RESPONSES,
    ARCHIVE_REVISITS,
)

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

__all__ = ["FETCHED_AT", "ArchiveMiddleware", "ArchiveMiss", "fetched_at", "writes_archive"]

logger = logging.getLogger(__name__)

#: Request meta: when the response was received (its WARC-Date), or the archived
#: capture's date when it was replayed from an archive.
FETCHED_AT = "careerscrape_fetched_at"
#: Flag of every response answered from an archive.
FLAG = "archive"


def fetched_at(meta: Mapping[str, Any]) -> datetime:
    """When a page was read: the instant its archive capture is dated with, else now."""
    return meta.get(FETCHED_AT) or datetime.now(UTC)


def writes_archive(settings: Any) -> bool:
    """This crawl keeps a web archive: the crawl job, archiving on, not replaying one."""
    return (
        settings.getbool("RUN_OUTPUTS")
        and settings.getbool("ARCHIVE_ENABLED")
        and not settings.getlist("ARCHIVE_REPLAY")
    )


class ArchiveMiss(IgnoreRequest):
    """Replay: no capture of the URL in the archives (the request is never sent)."""

    def __init__(self, url: str, why: str = "not in the archive") -> None:
        super().__init__(f"{why}: {url}")
        self.url = url


class ArchiveMiddleware:
    """Downloader middleware: write the run's web archive, or answer from one (the module)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.site = crawled_site(settings)
        self.replay = [Path(p) for p in settings.getlist("ARCHIVE_REPLAY")]
        self.index: ArchiveIndex | None = None
        self.writer: ArchiveWriter | None = None
        self.run_dir = Path(settings.get("RUN_DIR") or ".")
        #: Run folders this run's revisits point into, as written to archive-refs.txt.
        self.refs: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchiveMiddleware:
        if not (crawler.settings.getlist("ARCHIVE_REPLAY") or writes_archive(crawler.settings)):
            raise NotConfigured
        middleware = cls(crawler)
        crawler.signals.connect(middleware.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    def spider_opened(self) -> None:
        if self.replay:
            try:
                self.index = ArchiveIndex(self.replay)
            except (ArchiveError, OSError) as exc:
                logger.error("Archive: cannot replay: %s", exc)
                raise CloseSpider("archive_error") from exc
            logger.info("Archive: answering from %d captured URLs of %s; no request is sent",
                        len(self.index), ", ".join(map(str, self.replay)))  # fmt: skip
            return
        path = self.run_dir / ARCHIVE
        if path.exists():  # a JOBDIR job's next part appends, after any torn last record
            self._cut_torn_tail(path)
            refs = self.run_dir / ARCHIVE_REFS
            if refs.is_file():
                self.refs = set(refs.read_text(encoding="utf-8").split())
        self.writer = ArchiveWriter(path, self.site.base, self.site.canonical)
        logger.info("Archive: keeping every response in %s", path)

    def spider_closed(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None
        if self.index is not None:
            self.index.close()

    # -- replay ---------------------------------------------------------------------------

    def process_request(self, request: Request) -> Response | None:
        if not self.replay:
            return None
        stats = self.crawler.stats
        entry = self.index.get(url_key(request.url, self.site.canonical)) if self.index else None
        if entry is None:
            stats.inc_value(ARCHIVE_MISSED)
            raise ArchiveMiss(request.url)
        try:
            loaded = self.index.load(entry)
        except Unresolved as exc:
            stats.inc_value(ARCHIVE_MISSED)
            raise ArchiveMiss(request.url, str(exc)) from exc
        stats.inc_value(ARCHIVE_REPLAYED)
        request.meta[FETCHED_AT] = self.index.resolve(entry).date
        headers = Headers()
        for name, value in loaded.headers:
            headers.appendlist(name, value)
        cls = responsetypes.from_args(headers=headers, url=request.url, body=loaded.raw)
        return cls(url=request.url, status=loaded.status, headers=headers, body=loaded.raw,
                   flags=[FLAG], request=request, protocol=loaded.protocol)  # fmt: skip

    # -- writing --------------------------------------------------------------------------

    def process_response(self, request: Request, response: Response) -> Response:
        if self.writer is None:  # off, or replaying
            return response
        now = datetime.now(UTC)
        request.meta[FETCHED_AT] = now
        capture = Capture(
            url=response.url, date=now, status=response.status,
            reason=_reason(response.status), headers=_pairs(response.headers),
            body=response.body, method=request.method,
            request_headers=[(k, v) for k, v in _pairs(request.headers)
                             if k.lower() not in SECRET_REQUEST_HEADERS],
            protocol=response.protocol or "HTTP/1.1", hops=request.meta.get("hops"),
        )  # fmt: skip
        try:
            self._write(capture, request, response)
        except OSError as exc:  # a full disk: the crawl goes on, without its archive
            logger.error("Archive: cannot write %s (%s); the run keeps no more pages",
                         self.writer.path, exc)  # fmt: skip
            self.writer.close()
            self.writer = None
        return response

    def _write(self, capture: Capture, request: Request, response: Response) -> None:
        assert self.writer is not None
        earlier = self._earlier(request, response)
        if earlier is None:
            self.writer.write(capture)
            self.crawler.stats.inc_value(ARCHIVE_RESPONSES)
        else:
            record, archived_in = earlier
            self.writer.revisit(capture, response.url, record.fetched_at)
            self.crawler.stats.inc_value(ARCHIVE_REVISITS)
            if archived_in and archived_in not in self.refs:
                self.refs.add(archived_in)
                with (self.run_dir / ARCHIVE_REFS).open("a", encoding="utf-8") as refs:
                    refs.write(archived_in + "\n")
        self.crawler.stats.set_value(ARCHIVE_BYTES, self.writer.size)

    def _earlier(self, request: Request, response: Response) -> tuple[Any, str | None] | None:
        """(previous record, run folder of its capture) when the spider will carry the page
        over (careerscrape.spiders._refresh.Refresh.earlier): the same question, asked of
        the body as received, its Content-Encoding undone here."""
        refresh = getattr(self.crawler.spider, "refresh", None)
        if refresh is None or refresh.previous is None:
            return None

        def body_sha256() -> str:
            coding = response.headers.get(b"Content-Encoding", b"").decode("latin-1")
            return hashlib.sha256(decoded_body(response.body, coding)).hexdigest()

        url = self.site.canonical_url(response.url)
        found = refresh.earlier(url, response.status, request.meta, body_sha256)
        if found is None:
            return None
        _, record, validator = found
        return record, validator.archived_in

    def _cut_torn_tail(self, path: Path) -> None:
        end = intact_length(path)
        size = path.stat().st_size
        if end < size:
            logger.warning("Archive: %s ends with %d bytes of a record cut short (a killed part); "
                           "appending after its last whole record", path, size - end)  # fmt: skip
            with path.open("r+b") as handle:
                handle.truncate(end)


def _pairs(headers: Headers) -> list[tuple[str, str]]:
    return [
        (name.decode("latin-1"), value.decode("latin-1"))
        for name, values in headers.items()
        for value in values
    ]


def _reason(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return ""
