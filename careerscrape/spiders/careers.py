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
from pydantic import ValidationError
from scrapy.http import Response, TextResponse
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots
from twisted.python.failure import Failure

from careerscrape.items import Reject
from careerscrape.links import links_to_follow
from careerscrape.parsing import ParsedPage, ParseError, read_page
from careerscrape.parsing.urls import page_kind
from careerscrape.site import Site
from careerscrape.spiders._arguments import CrawlArguments
from careerscrape.spiders._failures import failure_reason


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
        #: Feed URIs use %(output_dir)s, so -s OUTPUT_DIR moves every output together.
        spider.output_dir = crawler.settings.get("OUTPUT_DIR", "output")
        return spider

    # -- what to fetch ---------------------------------------------------------------------

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for slug in self.arguments.roles:
            yield self._page_request(self.site.role_url(slug), hops=0)
        for url in self.arguments.start_urls():
            yield self._page_request(self.site.resolve(url), hops=0)
        if self.arguments.sitemap:
            yield scrapy.Request(
                self.site.resolve(self.arguments.sitemap),
                callback=self.parse_sitemap,
                errback=self.failed,
            )

    def _page_request(self, url: str, hops: int) -> scrapy.Request:
        return scrapy.Request(
            url, callback=self.parse_page, errback=self.failed, meta={"hops": hops}
        )

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        """Role and comparison URLs of a sitemap; nested sitemaps of an index are followed."""
        if response.url.endswith("/robots.txt"):
            locations = list(sitemap_urls_from_robots(response.text, base_url=response.url))
            kind = "sitemapindex"
        else:
            sitemap = Sitemap(response.body)
            locations = [entry["loc"] for entry in sitemap]
            kind = sitemap.type
        for location in locations:
            url = self.site.resolve(location)
            if kind == "sitemapindex":
                yield scrapy.Request(url, callback=self.parse_sitemap, errback=self.failed)
            elif page_kind(url) and self.site.is_own(url):
                yield self._page_request(url, hops=0)

    def _follow(self, page: ParsedPage, response: Response) -> Iterator[scrapy.Request]:
        links = links_to_follow(page, response.url, self.site)
        stats = self.crawler.stats
        stats.inc_value("careerscrape/links/offsite", links.offsite)
        stats.inc_value("careerscrape/links/followed", len(links.follow))
        hops = response.meta.get("hops", 0) + 1
        for url in links.follow:
            yield self._page_request(url, hops)

    # -- what comes back -------------------------------------------------------------------

    def parse_page(self, response: Response) -> Iterator[Any]:
        url = self.site.canonical_url(response.url)
        if not isinstance(response, TextResponse):
            content_type = response.headers.get(b"Content-Type", b"").decode("latin-1")
            yield Reject(url, "not_html", f"not an HTML page ({content_type or 'no Content-Type'})",
                         status=response.status)  # fmt: skip
            return
        try:
            page = read_page(response.body, url, fetched_at=datetime.now(UTC))
        except ParseError as exc:
            yield Reject(url, "parse", str(exc), status=response.status)
            return
        except ValidationError as exc:
            yield Reject(
                url, "validation", f"{exc.error_count()} validation errors",
                errors=exc.errors(include_url=False, include_context=False, include_input=False),
                status=response.status,
            )  # fmt: skip
            return
        yield page.record
        if response.meta.get("hops", 0) < self.arguments.depth:
            yield from self._follow(page, response)

    def failed(self, failure: Failure) -> Iterator[Reject]:
        """A request that produced no page: HTTP error, timeout, robots.txt, cassette miss..."""
        request = failure.request
        reason, detail, status = failure_reason(failure)
        yield Reject(self.site.canonical_url(request.url), reason, detail, status=status)
