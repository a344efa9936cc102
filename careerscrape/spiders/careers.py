"""The ``careers`` spider: role and comparison pages in, records (or rejects) out.

    scrapy crawl careers -a roles=customer-service-director
    scrapy crawl careers -a urls=/chef-jobs/what-does-a-chef-do/ -a depth=0
    scrapy crawl careers -a url_file=start.txt -a site=http://127.0.0.1:8000
    scrapy crawl careers -a sitemap=https://www.zippia.com/sitemap.xml
    scrapy crawl careers -a url_file=fixtures/demo/start_urls.txt -a replay=fixtures/demo/site.yaml

The spider only decides what to fetch; every page goes to the plain parser in
:mod:`careerscrape.parsing`, parsed once, its links read from the same parse.
Every URL it requests ends as a record or as a :class:`Reject` with a reason.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any

import scrapy
from lxml.etree import XMLSyntaxError
from pydantic import ValidationError
from scrapy import signals
from scrapy.http import Response, TextResponse
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots
from twisted.python.failure import Failure

from careerscrape.incremental import Refresh
from careerscrape.items import Reject
from careerscrape.links import Links, links_to_follow
from careerscrape.parsing import BlockedPage, EncodingError, ParsedPage, ParseError, read_page
from careerscrape.parsing.urls import page_kind
from careerscrape.run.health import SITEMAP_REJECT
from careerscrape.site import Site
from careerscrape.spiders._arguments import CrawlArguments
from careerscrape.spiders._failures import failure_reason
from careerscrape.spiders.feed import StartFeed

#: Media types a career page can be served as (no Content-Type at all is let through).
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})


class CareersSpider(scrapy.Spider):
    name = "careers"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.arguments = CrawlArguments.from_spider_kwargs(kwargs)
        super().__init__(*args, **{k: v for k, v in kwargs.items() if k.startswith("_")})
        # Read by the cassette middleware when the spider opens.
        self.replay = str(self.arguments.replay) if self.arguments.replay else None
        self.record = str(self.arguments.record) if self.arguments.record else None
        self.site = Site(self.arguments.site)
        self.allowed_domains = [self.site.host]

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> CareersSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.site = Site(spider.arguments.site, crawler.settings.get("CANONICAL_SITE"))
        # Arguments that components read reach them as settings (the settings are not
        # frozen yet: the spider is made first). -a wins over -s.
        if spider.arguments.previous is not None:
            crawler.settings.set("PREVIOUS_DIR", str(spider.arguments.previous), "cmdline")
        crawler.signals.connect(spider._request_dropped, signal=signals.request_dropped)
        #: Refresh runs (-a previous=DIR): conditional requests, unchanged pages carried over.
        spider.refresh = Refresh(crawler, spider)
        #: Start pages join the scheduler as it drains (START_QUEUE_LIMIT), not all at once.
        spider.feed = StartFeed.from_crawler(crawler, spider, spider._start_page)
        return spider

    @property
    def _requested(self) -> set[str]:
        """Canonical URLs of the pages asked for, kept in ``state`` so that JOBDIR resumes it."""
        store = getattr(self, "state", None)
        if store is None:
            store = self.__dict__.setdefault("_local_state", {})
        return store.setdefault("requested", set())

    # -- what to fetch ---------------------------------------------------------------------

    async def start(self) -> AsyncIterator[scrapy.Request]:
        """The start pages and the sitemap; the pages are requested as the scheduler has room
        for them (:class:`StartFeed`, START_QUEUE_LIMIT), so any number keeps a short queue."""
        urls = list(self._start_urls())
        if not self.feed.later(urls):
            for url in urls:
                for request in self._start_page(url):
                    yield request
        if self.arguments.sitemap:
            for request in self._sitemap_request(self.site.resolve(self.arguments.sitemap)):
                yield request

    def _start_urls(self) -> Iterator[str]:
        for slug in self.arguments.roles:
            yield self.site.role_url(slug)
        for url in self.arguments.start_urls():
            yield self.site.resolve(url)

    def _start_page(self, url: str) -> Iterator[scrapy.Request]:
        """The request for a start page or a page of a sitemap (the feed's requests)."""
        return self._page_request(url, hops=0)

    def _page_request(self, url: str, hops: int) -> Iterator[scrapy.Request]:
        """A request for a page not asked for yet in this crawl; each is accounted for once."""
        canonical = self.site.canonical_url(url)
        if canonical in self._requested:
            return
        self._requested.add(canonical)
        self.crawler.stats.inc_value("careerscrape/pages/requested")
        yield scrapy.Request(
            url, callback=self.parse_page, errback=self.failed, meta={"hops": hops}
        )

    def _sitemap_request(self, url: str) -> Iterator[scrapy.Request]:
        """A request for a sitemap not asked for yet; each ends as read or as a reject.

        Asked for once per crawl, like a page (``_requested``, kept by JOBDIR), so the
        duplicate filter is not needed: a job resumed after a kill, whose filter has
        seen the sitemap but whose state has not, reads it again.
        """
        key = f"sitemap {self.site.canonical_url(url)}"
        if key in self._requested:
            return
        self._requested.add(key)
        self.crawler.stats.inc_value("careerscrape/sitemaps/requested")
        yield scrapy.Request(url, callback=self.parse_sitemap, errback=self.sitemap_failed,
                             dont_filter=True)  # fmt: skip

    def _request_dropped(self, request: scrapy.Request, spider: Any = None) -> None:
        """A redirect into a page already fetched: the page was asked for, and is a duplicate."""
        if request.callback == self.parse_page:
            self.crawler.stats.inc_value("careerscrape/duplicates")

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request | Reject]:
        """Role and comparison URLs of a sitemap; nested sitemaps of an index are followed.

        The page URLs go to the feed, which requests them as the scheduler has room; with
        the feed off (START_QUEUE_LIMIT=0, REDIS_URL) they are all requested here. A
        sitemap that cannot be read is a reject (reason ``sitemap_...``).
        """
        if response.status >= 400:
            yield self._sitemap_reject(response.url, f"http_{response.status}",
                                       f"HTTP {response.status}", response.status)  # fmt: skip
            return
        if response.url.endswith("/robots.txt"):
            locations = list(sitemap_urls_from_robots(response.text, base_url=response.url))
            kind = "sitemapindex"
        else:
            try:
                sitemap = Sitemap(response.body)
                kind = sitemap.type
            except (StopIteration, XMLSyntaxError):
                kind = None
            if kind not in ("urlset", "sitemapindex"):
                yield self._sitemap_reject(response.url, "unreadable",
                                           "not a sitemap (no urlset or sitemapindex)")  # fmt: skip
                return
            locations = [entry["loc"] for entry in sitemap if entry.get("loc")]
        self.crawler.stats.inc_value("careerscrape/sitemaps/read")
        pages = []
        for location in locations:
            url = self.site.resolve(location)
            if kind == "sitemapindex":
                yield from self._sitemap_request(url)
            elif page_kind(url) and self.site.is_own(url):
                pages.append(url)
        if not self.feed.later(pages):
            for url in pages:
                yield from self._start_page(url)

    def _follow(
        self, page: ParsedPage | None, response: Response, links: Links | None = None
    ) -> Iterator[scrapy.Request]:
        if links is None:  # given: the links a refresh run kept from the previous run
            assert page is not None
            links = links_to_follow(page, response.url, self.site)
        stats = self.crawler.stats
        stats.inc_value("careerscrape/links/offsite", links.offsite)
        stats.inc_value("careerscrape/links/followed", len(links.follow))
        hops = response.meta.get("hops", 0) + 1
        for url in links.follow:
            yield from self._page_request(url, hops)

    # -- what comes back -------------------------------------------------------------------

    def parse_page(self, response: Response) -> Iterator[Any]:
        """One page in, one record or one reject out (and, for a record, the links to follow).

        Every status reaches this callback (HTTPERROR_ALLOW_ALL): a robot check
        is recognised by its content whatever its status, and an error page is
        a reject named after its status.
        """
        follow = response.meta.get("hops", 0) < self.arguments.depth
        carried = self.refresh.carry(response, need_links=follow)  # 304, or the same body
        if carried is not None:  # the previous record, not parsed again (careerscrape.incremental)
            yield carried.item
            if follow and carried.links is not None:
                yield from self._follow(None, response, carried.links)
            return
        asked = self.site.canonical_url(_asked_url(response.request))
        status = response.status
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1")
        if not isinstance(response, TextResponse) or not _may_be_html(content_type):
            yield _http_reject(asked, status) if status >= 400 else Reject(
                asked, "not_html", f"not an HTML page ({content_type or 'no Content-Type'})",
                status=status)  # fmt: skip
            return
        try:
            page = read_page(
                response.body, self.site.canonical_url(response.url),
                fetched_at=datetime.now(UTC), content_type=content_type or None,
            )  # fmt: skip
        except BlockedPage as exc:
            if exc.reason == "blocked":
                self._slow_down(response)
            yield Reject(asked, exc.reason, str(exc), status=status)
            return
        except EncodingError as exc:
            yield _http_reject(asked, status) if status >= 400 else Reject(
                asked, "encoding", str(exc), status=status)  # fmt: skip
            return
        except ParseError as exc:
            yield _http_reject(asked, status) if status >= 400 else Reject(
                asked, "parse", str(exc), status=status)  # fmt: skip
            return
        except ValidationError as exc:
            yield Reject(
                asked, "validation", f"{exc.error_count()} validation errors",
                errors=exc.errors(include_url=False, include_context=False, include_input=False),
                status=status,
            )  # fmt: skip
            return
        if status >= 400:
            yield _http_reject(asked, status)
            return
        self.refresh.remember(response, page)  # before the record is scraped
        yield page.record
        if follow:
            yield from self._follow(page, response)

    #: ``scrapy parse --spider=careers URL`` (and ``scrapy shell``'s spider) call ``parse``.
    parse = parse_page

    def _slow_down(self, response: Response) -> None:
        """A robot check means we are going too fast: space this site's requests out."""
        stats, settings = self.crawler.stats, self.crawler.settings
        stats.inc_value("careerscrape/blocked")
        slot = self.crawler.engine.downloader.slots.get(response.meta.get("download_slot"))
        if slot is None:
            return
        slot.delay = min(
            max(slot.delay * 2, settings.getfloat("BLOCKED_DELAY_MIN")),
            settings.getfloat("BLOCKED_DELAY_MAX"),
        )
        stats.inc_value("careerscrape/blocked/slowdowns")
        self.logger.warning("robot check at %s: slowing down to one request every %.1f s",
                            response.url, slot.delay)  # fmt: skip

    def failed(self, failure: Failure) -> Iterator[Reject]:
        """A request that produced no page: timeout, robots.txt, too large, cassette miss..."""
        reason, detail, status = failure_reason(failure)
        asked = self.site.canonical_url(_asked_url(failure.request))
        yield Reject(asked, reason, detail, status=status)

    def sitemap_failed(self, failure: Failure) -> Iterator[Reject]:
        """A sitemap that could not be fetched: a reject, and the run is not healthy."""
        reason, detail, status = failure_reason(failure)
        yield self._sitemap_reject(_asked_url(failure.request), reason, detail, status)

    def _sitemap_reject(
        self, url: str, reason: str, detail: str, status: int | None = None
    ) -> Reject:
        failed = self.crawler.stats.get_value("careerscrape/sitemaps/failed_urls") or []
        self.crawler.stats.set_value("careerscrape/sitemaps/failed_urls", [*failed, url])
        self.logger.error("sitemap %s could not be read: %s", url, detail)
        return Reject(url, f"{SITEMAP_REJECT}{reason}", detail, status=status)


def _asked_url(request: scrapy.Request) -> str:
    """The URL the crawl asked for, before any redirect."""
    return request.meta.get("redirect_urls", [request.url])[0]


def _may_be_html(content_type: str) -> bool:
    """What the server says the body is decides, not what Scrapy guesses from the bytes."""
    media = content_type.split(";", 1)[0].strip().lower()
    return not media or media in _HTML_TYPES


def _http_reject(url: str, status: int) -> Reject:
    return Reject(url, f"http_{status}", f"HTTP {status}", status=status)
