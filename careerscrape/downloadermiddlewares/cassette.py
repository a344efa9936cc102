"""Answer every request from a vcrpy cassette, or save every live response into one."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import CloseSpider, IgnoreRequest
from scrapy.http import Headers, Request, Response
from scrapy.responsetypes import responsetypes
from scrapy.utils.defer import deferred_from_coro

from careerscrape.cassette import CassetteIndex, CassetteWriter, Interaction, load_cassette

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

#: Flag of every response answered from a cassette.
FLAG = "cassette"


class CassetteMiss(IgnoreRequest):
    """Replay mode: the request is not in the cassette (and is never sent)."""

    def __init__(self, url: str):
        super().__init__(f"not in cassette: {url}")
        self.url = url


class CassetteUnavailable(IgnoreRequest):
    """Replay or record was asked for but could not be set up: nothing is sent."""


class CassetteMiddleware:
    """Answer every request from a vcrpy cassette, or save every live response into one.

    Replay, with ``scrapy crawl careers -a replay=CASSETTE`` (spider attribute
    ``replay``) or the setting ``CASSETTE_REPLAY``: each request, robots.txt
    included, is answered from the cassette and never reaches the network. A
    request the cassette lacks fails with :class:`CassetteMiss` (an
    ``IgnoreRequest`` reading "not in cassette: URL"; the spider's errback gets
    it). Stats: ``cassette/hit``, ``cassette/miss``.

    Record, with ``-a record=CASSETTE`` (spider attribute ``record``) or the
    setting ``CASSETTE_RECORD``: live responses pass through unchanged and are
    kept; the cassette is written, atomically, when the spider closes. Stats:
    ``cassette/recorded``. The spider attribute wins over the setting; replay
    and record together is an error. With neither, this middleware does
    nothing. Spider arguments are only known once the spider exists, so the
    mode is decided at ``spider_opened``; a cassette that cannot be read (or
    two modes at once) closes the spider with reason ``cassette_error`` before
    any request is made.

    Order: register it next to the downloader, after every built-in middleware
    (``DOWNLOADER_MIDDLEWARES = {"careerscrape.downloadermiddlewares.cassette.CassetteMiddleware":
    950}``; the highest built-in is HttpCacheMiddleware at 900). Its
    ``process_request`` then sees the request exactly as it would go on the
    wire (User-Agent, cookies, Accept-Encoding set), and its
    ``process_response`` runs first on the way back, so:

    - it records the raw response (still gzip-compressed, a 301 not yet
      followed, Set-Cookie not yet consumed), which is also what vcrpy records;
    - a replayed response goes through every other middleware as a downloaded
      one would: HttpCompressionMiddleware decompresses it, RedirectMiddleware
      follows it, RetryMiddleware retries a recorded 503 (the next recording of
      that URL answers the retry), DownloaderStats counts it.

    Placed before them (say 500), it would record what they made of a
    response: a decompressed body, and no 301 at all (RedirectMiddleware turns
    it into a new request first), so replaying the first URL would miss; and a
    replayed request would skip their ``process_request`` (no cookies, no
    Accept-Encoding, not counted). HttpCacheMiddleware (900) still comes before
    it: when recording, keep the HTTP cache off, since a response served from
    the cache is not live and is not recorded.

    Replayed responses have ``url`` = the request's URL, the response class
    that Scrapy's ``responsetypes`` picks for their headers (HtmlResponse for
    text/html...), and ``flags`` = ``["cassette"]``.
    """

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        #: None (not decided yet), "off", "replay", "record", "full" (recorded up to
        #: CASSETTE_RECORD_MAX_BYTES, the crawl stopping) or "broken".
        self.mode: str | None = None
        self.path: Path | None = None
        self.cassette: CassetteIndex | None = None
        self.writer: CassetteWriter | None = None
        #: Body bytes recorded so far (CASSETTE_RECORD_MAX_BYTES bounds them).
        self.recorded = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        middleware = cls(crawler)
        crawler.signals.connect(middleware.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    # -- setup ----------------------------------------------------------------------------

    def _wanted(self) -> tuple[str | None, str | None]:
        """(replay path, record path): ``CASSETTE_REPLAY``, ``CASSETTE_RECORD`` (which the
        spider's ``-a replay=`` and ``-a record=`` set)."""
        settings = self.crawler.settings
        return settings.get("CASSETTE_REPLAY") or None, settings.get("CASSETTE_RECORD") or None

    def _configure(self) -> None:
        replay, record = self._wanted()
        if replay and record:
            raise ValueError(f"replay ({replay}) and record ({record}) exclude each other")
        if replay:
            self.path = Path(replay)
            self.cassette = load_cassette(self.path)
            self.mode = "replay"
            logger.info(
                "Cassette: replaying %d recorded responses from %s; no request is sent",
                len(self.cassette), self.path,
            )  # fmt: skip
        elif record:
            self.path = Path(record)
            self.writer = CassetteWriter(self.path)
            self.mode = "record"
            logger.info("Cassette: recording live responses into %s", self.path)
            if self.crawler.settings.getbool("HTTPCACHE_ENABLED"):
                logger.warning(
                    "Cassette: HTTPCACHE_ENABLED is on; responses served from the cache "
                    "are not live and will not be recorded"
                )
        else:
            self.mode = "off"

    def _ensure_configured(self) -> None:
        if self.mode is not None:
            return
        try:
            self._configure()
        except Exception as exc:
            self.mode = "broken"
            logger.error("Cassette: cannot %s: %s", self._verb(), exc)
            raise CloseSpider("cassette_error") from exc

    def _verb(self) -> str:
        replay, record = self._wanted()
        return "set up" if replay and record else "replay" if replay else "record"

    def spider_opened(self) -> None:
        self._ensure_configured()

    def spider_closed(self) -> None:
        if self.mode not in ("record", "full") or self.writer is None:
            return
        path = self.writer.save()
        logger.info("Cassette: saved %d responses to %s", len(self.writer), path)

    # -- downloader middleware --------------------------------------------------------------

    def process_request(self, request: Request) -> Response | None:
        if self.mode is None:  # a request before spider_opened: decide now
            try:
                self._ensure_configured()
            except CloseSpider as exc:
                raise CassetteUnavailable(f"cassette unavailable: {request.url}") from exc
        if self.mode == "broken":
            raise CassetteUnavailable(f"cassette unavailable: {request.url}")
        if self.mode != "replay":
            return None
        assert self.cassette is not None
        stats = self.crawler.stats
        interaction = self.cassette.play(request.method, request.url)
        if interaction is None:
            if stats is not None:
                stats.inc_value("cassette/miss")
            logger.warning("Cassette: not in cassette: %s %s", request.method, request.url)
            raise CassetteMiss(request.url)
        if stats is not None:
            stats.inc_value("cassette/hit")
        return replayed_response(request, interaction)

    def process_response(self, request: Request, response: Response) -> Response:
        if self.mode == "record" and self.writer is not None and _is_live(response):
            limit = self.crawler.settings.getint("CASSETTE_RECORD_MAX_BYTES")
            if limit and self.recorded + len(response.body) > limit:
                self._too_large(limit)
                return response
            self.recorded += len(response.body)
            self.writer.add(recorded_interaction(request, response))
            if self.crawler.stats is not None:
                self.crawler.stats.inc_value("cassette/recorded")
        return response

    def _too_large(self, limit: int) -> None:
        """A cassette is held in memory until the crawl ends: past its limit, the crawl
        stops (reason ``cassette_too_large``) and the cassette keeps what it had."""
        if self.mode != "record":
            return
        self.mode = "full"
        logger.error(
            "Cassette: recording more than CASSETTE_RECORD_MAX_BYTES (%d MiB) of responses; "
            "a cassette is a test tool held in memory, so the crawl stops here. To keep every "
            "page of a crawl, use its web archive (pages.warc.gz in the run folder, on by "
            "default: docs/archive.md)", limit // 2**20,
        )  # fmt: skip
        self.crawler.stats.set_value("cassette/too_large", True)
        deferred_from_coro(self.crawler.engine.close_spider_async(reason="cassette_too_large"))


def _is_live(response: Response) -> bool:
    return FLAG not in response.flags and "cached" not in response.flags


def replayed_response(request: Request, interaction: Interaction) -> Response:
    """The Scrapy response of a recorded interaction, of the class its headers call for."""
    headers = Headers(interaction.wire_headers())
    body = interaction.body
    response_class = responsetypes.from_args(headers=headers, url=request.url, body=body)
    return response_class(
        url=request.url,
        status=interaction.status,
        headers=headers,
        body=body,
        flags=[FLAG],
        request=request,
    )


def _text_headers(headers: Headers) -> dict[str, list[str]]:
    return {
        name.decode("latin-1"): [value.decode("latin-1") for value in values]
        for name, values in headers.items()
    }


def recorded_interaction(request: Request, response: Response) -> Interaction:
    """What a live response is saved as: keyed by the request's URL, raw body."""
    return Interaction(
        method=request.method,
        url=request.url,
        status=response.status,
        headers=_text_headers(response.headers),
        body=response.body,
        request_headers=_text_headers(request.headers),
        request_body=request.body or None,
    )
