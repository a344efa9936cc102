"""The ``careers`` spider: role and comparison pages in, records (or rejects) out.

    scrapy crawl careers -a roles=customer-service-director
    scrapy crawl careers -a urls=/chef-jobs/what-does-a-chef-do/ -a depth=0
    scrapy crawl careers -a url_file=start.txt -a site=http://127.0.0.1:8000
    scrapy crawl careers -a sitemap=https://www.zippia.com/sitemap.xml
    scrapy crawl careers -a url_file=fixtures/demo/start_urls.txt -a replay=fixtures/demo/site.yaml

The spider only decides what to fetch; every page goes to the plain parser in
:mod:`careerscrape.parsing`, parsed once, its links read from the same parse.
Every page it asks for ends as a record, a :class:`Reject` with a reason, or a
duplicate; the :class:`Ledger` knows which are still pending, so that a page that
ends nowhere is named. An unexpected exception while reading a page, or while the
pipelines handle its record, is a reject with reason ``internal``, never a lost page.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.http import Response
from twisted.python.failure import Failure

from careerscrape.downloadermiddlewares.archive import fetched_at
from careerscrape.items import Reject
from careerscrape.links import Links
from careerscrape.models import PageRecord
from careerscrape.parsing.urls import page_kind
from careerscrape.pipelines.rejects import Rejected
from careerscrape.run.health import SITEMAP_REJECT
from careerscrape.run.outcome import PageResult, one_line, read_response
from careerscrape.site import crawled_site
from careerscrape.spiders._arguments import CrawlArguments
from careerscrape.spiders._failures import failure_reason
from careerscrape.spiders._ledger import Ledger
from careerscrape.spiders._pool import ParsePool, parse_processes
from careerscrape.spiders._refresh import Refresh
from careerscrape.spiders._sitemaps import SitemapError, read_sitemap
from careerscrape.spiders.feed import StartFeed
from careerscrape.stats import (
    BLOCKED,
    BLOCKED_SLOWDOWNS,
    DUPLICATES,
    LINKS_FOLLOWED,
    LINKS_OFFSITE,
    PAGES_LOST,
    PAGES_REQUESTED,
    SITEMAPS_FAILED_URLS,
    SITEMAPS_READ,
    SITEMAPS_REQUESTED,
)

#: How many lost URLs run.json and the verdict name (all are counted).
LOST_NAMED = 20


class CareersSpider(scrapy.Spider):
    name = "careers"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.arguments = CrawlArguments.from_spider_kwargs(kwargs)
        super().__init__(*args, **{k: v for k, v in kwargs.items() if k.startswith("_")})

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> CareersSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        # Arguments that components read reach them as settings (the settings are not
        # frozen yet: the spider is made first). -a wins over -s.
        crawler.settings.setdict(spider.arguments.as_settings(), priority="cmdline")
        spider.site = crawled_site(crawler.settings)
        spider.allowed_domains = [spider.site.host]
        # One bound method per callback for every request: Scrapy checks each callback for a
        # generator's return value (inspect.getsource + ast.parse) and caches the answer
        # weakly by the callback object, so a fresh bound method per request missed the cache
        # and re-parsed this file for every response. A JOBDIR queue names them by name.
        spider._on_page = spider.parse_page
        spider._on_failure = spider.failed
        spider._on_sitemap = spider.parse_sitemap
        spider._on_sitemap_failure = spider.sitemap_failed
        #: Every page asked for, and the ones still pending.
        spider.ledger = Ledger()
        #: Sitemaps asked for (canonical URLs), each read once per crawl.
        spider.sitemaps: set[str] = set()
        #: With JOBDIR, the job's journal (careerscrape.extensions.journal sets it on opening).
        spider.journal = None
        #: Pages a resumed job had asked for and not ended: (URL, hops), asked for first.
        spider.resumed: list[tuple[str, int]] = []
        for handler, signal in (
            (spider._request_dropped, signals.request_dropped),
            (spider._item_scraped, signals.item_scraped),
            (spider._item_dropped, signals.item_dropped),
            (spider._item_error, signals.item_error),
            (spider._spider_closed, signals.spider_closed),
        ):
            crawler.signals.connect(handler, signal=signal)
        #: The worker processes that parse (PARSE_PROCESSES), started with the crawl; none
        #: for ``scrapy parse`` and ``scrapy shell``, which parse in process.
        spider.pool: ParsePool | None = None
        #: Refresh runs (-a previous=DIR): conditional requests, unchanged pages carried over.
        spider.refresh = Refresh(crawler, spider)
        #: Start pages join the scheduler as it drains (START_QUEUE_LIMIT), not all at once.
        spider.feed = StartFeed.from_crawler(crawler, spider, spider._page_request)
        return spider

    # -- what to fetch ---------------------------------------------------------------------

    async def start(self) -> AsyncIterator[scrapy.Request | Reject]:
        """A resumed job's pending pages, the start pages and the sitemap; the pages are
        requested as the scheduler has room for them (:class:`StartFeed`, START_QUEUE_LIMIT),
        so any number keeps a short queue. A start-list line that is not an http(s) URL of
        the crawled site is a reject at once."""
        processes = parse_processes(self.crawler.settings)
        if processes > 0:  # the workers start up while robots.txt and the sitemap download
            self.pool = ParsePool(processes)
        pages: list[tuple[str, int]] = list(self.resumed)
        for entry in self._start_entries():
            if isinstance(entry, Reject):
                yield entry
            else:
                pages.append((entry, 0))
        if not self.feed.later(pages):
            for url, hops in pages:
                for request in self._page_request(url, hops):
                    yield request
        if self.arguments.sitemap:
            for request in self._sitemap_request(self.site.resolve(self.arguments.sitemap)):
                yield request

    def _start_entries(self) -> Iterator[str | Reject]:
        """The start pages (URLs on the crawled site), or a reject for a line that is none."""
        for slug in self.arguments.roles:
            yield self.site.role_url(slug)
        for line in self.arguments.start_urls():
            try:
                url = self.site.resolve(line)
                scheme = urlsplit(url).scheme
            except ValueError as exc:  # e.g. "http://[::1": not a URL at all
                yield from self._start_reject(line, "bad_url", f"not a URL ({exc})")
                continue
            if scheme not in ("http", "https"):
                yield from self._start_reject(line, "bad_url", f"not an http(s) URL ({scheme}:)")
            elif not self.site.is_own(url):
                where = f"not on the crawled site ({self.site.base})"
                yield from self._start_reject(line, "offsite", where)
            else:
                yield url

    def _start_reject(self, line: str, reason: str, detail: str) -> Iterator[Reject]:
        """A start-list line that is not a page of the site: asked for, and rejected (once:
        a resumed job has it already)."""
        if self.ledger.ask(line):
            self.crawler.stats.inc_value(PAGES_REQUESTED)
            yield Reject(line, reason, detail)

    def _page_request(self, url: str, hops: int = 0) -> Iterator[scrapy.Request]:
        """A request for a page not asked for yet in this crawl; each is accounted for once."""
        canonical = self.site.canonical_url(url)
        if not self.ledger.ask(canonical):
            return
        self.crawler.stats.inc_value(PAGES_REQUESTED)
        if self.journal is not None:
            self.journal.asked(canonical, url, hops)
        yield scrapy.Request(
            url, callback=self._on_page, errback=self._on_failure, meta={"hops": hops}
        )

    def _sitemap_request(self, url: str) -> Iterator[scrapy.Request]:
        """A request for a sitemap not asked for yet; each ends as read or as a reject.

        Asked for once per crawl, like a page, so the duplicate filter is not needed:
        a resumed job, whose filter may have seen the sitemap, reads it again. Its
        size limit is its own (SITEMAP_MAXSIZE), not a page's.
        """
        canonical = self.site.canonical_url(url)
        if canonical in self.sitemaps:
            return
        self.sitemaps.add(canonical)
        self.crawler.stats.inc_value(SITEMAPS_REQUESTED)
        size = self.crawler.settings.getint("SITEMAP_MAXSIZE")
        yield scrapy.Request(url, callback=self._on_sitemap, errback=self._on_sitemap_failure,
                             dont_filter=True, meta={"download_maxsize": size,
                                                     "download_warnsize": size})  # fmt: skip

    # -- outcomes: every page asked for ends, and the ledger hears of it ------------------------

    def _request_dropped(self, request: scrapy.Request, spider: Any = None) -> None:
        """A redirect into a page already fetched: the page was asked for, and is a duplicate."""
        if request.callback == self.parse_page:
            self.crawler.stats.inc_value(DUPLICATES)
            self._ended(self._asked(request), duplicate=True)

    def _item_scraped(self, item: Any, response: Any = None, spider: Any = None) -> None:
        if isinstance(item, PageRecord) and isinstance(response, Response):
            self._ended(self._asked(response.request))

    def _item_dropped(
        self, item: Any, exception: BaseException, response: Any = None, spider: Any = None
    ) -> None:
        if isinstance(exception, Rejected):
            self.ledger.end(exception.reject.url)
        elif isinstance(item, PageRecord) and isinstance(response, Response):
            self._ended(self._asked(response.request), duplicate=True)  # a page's second record

    async def _item_error(
        self, item: Any, failure: Failure, response: Any = None, spider: Any = None
    ) -> None:
        """A pipeline raised on a record: the page is a reject (``internal``), not lost."""
        if isinstance(item, Reject) or not isinstance(response, Response):
            return  # the reject itself failed: its page stays pending, and is named
        url = self._asked(response.request)
        reject = Reject(url, "internal", one_line(failure.value), status=response.status)
        await self.crawler.engine.scraper.start_itemproc_async(reject, response=response)

    def _ended(self, url: str, duplicate: bool = False) -> None:
        self.ledger.end(url)
        if duplicate and self.journal is not None:
            self.journal.duplicate(url)

    def _asked(self, request: scrapy.Request) -> str:
        return self.site.canonical_url(_asked_url(request))

    def resume(self, ended: Iterable[str], pending: list[tuple[str, int]]) -> None:
        """A resumed job: the pages its earlier parts ended, and those they had asked for
        without an outcome (URL, hops), which this part asks for first."""
        self.ledger.resume(ended)
        self.crawler.stats.set_value(PAGES_REQUESTED, len(self.ledger))
        self.resumed = pending

    def _spider_closed(self, spider: Any = None, reason: str = "") -> None:
        """Pages asked for that never ended: counted and named, for the verdict."""
        if self.pool is not None:
            self.pool.close()
        lost = self.ledger.pending()
        if lost and reason == "finished":
            self.crawler.stats.set_value(PAGES_LOST, lost[:LOST_NAMED])
            self.logger.error("%d pages asked for ended as neither a record nor a reject: %s",
                              len(lost), ", ".join(lost[:LOST_NAMED]))  # fmt: skip

    # -- sitemaps --------------------------------------------------------------------------

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request | Reject]:
        """Role and comparison URLs of a sitemap; nested sitemaps of an index are followed.

        The page URLs go to the feed, which requests them as the scheduler has room; with
        the feed off (START_QUEUE_LIMIT=0, REDIS_URL) they are all requested here. A
        sitemap that cannot be read is a reject (reason ``sitemap_...``).
        """
        if response.status >= 300:
            yield self._sitemap_reject(response.url, f"http_{response.status}",
                                       f"HTTP {response.status}", response.status)  # fmt: skip
            return
        try:
            content = read_sitemap(response.body, response.url,
                                   self.crawler.settings.getint("SITEMAP_MAXSIZE"))  # fmt: skip
        except SitemapError as exc:
            yield self._sitemap_reject(response.url, exc.reason, str(exc), response.status)
            return
        self.crawler.stats.inc_value(SITEMAPS_READ)
        pages = []
        for location in content.locations:
            url = self.site.resolve(location)
            if content.index:
                yield from self._sitemap_request(url)
            elif page_kind(url) and self.site.is_own(url):
                pages.append((url, 0))
        if not self.feed.later(pages):
            for url, hops in pages:
                yield from self._page_request(url, hops)

    def _follow(self, response: Response, links: Links) -> Iterator[scrapy.Request]:
        stats = self.crawler.stats
        stats.inc_value(LINKS_OFFSITE, links.offsite)
        stats.inc_value(LINKS_FOLLOWED, len(links.follow))
        hops = response.meta.get("hops", 0) + 1
        for url in links.follow:
            yield from self._page_request(url, hops)

    # -- what comes back -------------------------------------------------------------------

    async def parse_page(self, response: Response) -> AsyncIterator[Any]:
        """One page in, one record or one reject out (and, for a record, the links to follow).

        Every status reaches this callback (HTTPERROR_ALLOW_ALL): a robot check
        is recognised by its content whatever its status, and an error page is
        a reject named after its status. Whatever goes wrong here is a reject.
        """
        try:
            async for output in self._read(response):
                yield output
        except Exception as exc:  # a bug, or a page no one foresaw: a reject, not a lost page
            self.logger.exception("internal error on %s", response.url)
            yield Reject(self._asked(response.request), "internal", one_line(exc),
                         status=response.status)  # fmt: skip

    async def _read(self, response: Response) -> AsyncIterator[Any]:
        follow = response.meta.get("hops", 0) < self.arguments.depth
        carried = self.refresh.carry(response)  # 304, or the same body
        if carried is not None:  # the previous record, not parsed again (careerscrape.refresh)
            if follow and carried.links is not None:
                for request in self._follow(response, carried.links):
                    yield request
            yield carried.item
            return
        result = await self._outcome(response, links=follow or self.refresh.enabled)
        if result.error is not None:
            self.logger.error("internal error on %s\n%s", response.url, result.error)
        outcome = result.outcome
        if isinstance(outcome, Reject):
            if outcome.reason == "blocked":
                self._slow_down(response)
            yield outcome
            return
        self.refresh.remember(response, outcome, result.links)  # before the record is scraped
        # The links first: a journal (JOBDIR) then holds the pages a record led to before the
        # record itself, so a job cut short anywhere can still reach them when it resumes.
        if follow and result.links is not None:
            for request in self._follow(response, result.links):
                yield request
        yield outcome

    async def _outcome(self, response: Response, links: bool) -> PageResult:
        """:func:`read_response` of ``response``: in a worker process (PARSE_PROCESSES), or here."""
        page = {
            "url": self.site.canonical_url(response.url),
            "asked": self._asked(response.request),
            "status": response.status,
            "content_type": response.headers.get(b"Content-Type", b"").decode("latin-1"),
            "fetched_at": fetched_at(response.meta),
            "page_url": response.url,
            "site": self.site if links else None,
        }
        if self.pool is None:
            return read_response(response.body, **page)
        return await self.pool.read(response.body, **page)

    #: ``scrapy parse --spider=careers URL`` (and ``scrapy shell``'s spider) call ``parse``.
    parse = parse_page

    def _slow_down(self, response: Response) -> None:
        """A robot check means we are going too fast: space this site's requests out."""
        stats, settings = self.crawler.stats, self.crawler.settings
        stats.inc_value(BLOCKED)
        slot = self.crawler.engine.downloader.slots.get(response.meta.get("download_slot"))
        if slot is None:
            return
        slot.delay = min(
            max(slot.delay * 2, settings.getfloat("BLOCKED_DELAY_MIN")),
            settings.getfloat("BLOCKED_DELAY_MAX"),
        )
        stats.inc_value(BLOCKED_SLOWDOWNS)
        self.logger.warning("robot check at %s: slowing down to one request every %.1f s",
                            response.url, slot.delay)  # fmt: skip

    def failed(self, failure: Failure) -> Iterator[Reject]:
        """A request that produced no page: timeout, robots.txt, too large, cassette miss..."""
        reason, detail, status = failure_reason(failure)
        yield Reject(self._asked(failure.request), reason, detail, status=status)

    def sitemap_failed(self, failure: Failure) -> Iterator[Reject]:
        """A sitemap that could not be fetched: a reject, and the run is not healthy."""
        reason, detail, status = failure_reason(failure)
        yield self._sitemap_reject(_asked_url(failure.request), reason, detail, status)

    def _sitemap_reject(
        self, url: str, reason: str, detail: str, status: int | None = None
    ) -> Reject:
        failed = self.crawler.stats.get_value(SITEMAPS_FAILED_URLS) or []
        self.crawler.stats.set_value(SITEMAPS_FAILED_URLS, [*failed, url])
        self.logger.error("sitemap %s could not be read: %s", url, detail)
        return Reject(url, f"{SITEMAP_REJECT}{reason}", detail, status=status)


def _asked_url(request: scrapy.Request) -> str:
    """The URL the crawl asked for, before any redirect."""
    return request.meta.get("redirect_urls", [request.url])[0]
