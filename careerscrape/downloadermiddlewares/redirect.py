"""Redirects stay on the crawled site: scheme, host and port."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response

from careerscrape.site import crawled_site
from careerscrape.stats import REDIRECTS_OFFSITE

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler


class OffsiteRedirect(IgnoreRequest):
    """A redirect off the crawled site: its page is a reject (reason ``offsite_redirect``)."""


class SameSiteRedirectMiddleware:
    """Redirects stay on the crawled site: scheme, host and port.

    Scrapy's RedirectMiddleware follows a redirect to any address its offsite
    check lets through, which looks at host names only: a redirect to another
    port of the same host would be fetched, and its content filed under the
    canonical URL of the page asked for; a redirect to another host, or to
    ``file:``/``data:``/``ftp:``, leaves the page with no record and no
    reject. This middleware sees each redirect first (register it closer to
    the downloader than RedirectMiddleware's 600, e.g. 610): one whose target
    is not a page of the crawled site fails the request with
    :class:`OffsiteRedirect`, so the spider's errback writes the page asked for
    as a reject. A target on the canonical site, as a mirror may send, is
    moved onto the mirror, as links are.
    """

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.site = crawled_site(crawler.settings)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        location = response.headers.get(b"Location")
        site = self.site
        if not (300 <= response.status < 400) or not location:
            return response
        if not site.is_own(response.url):  # not a page of this crawl (scrapy fetch URL...)
            return response
        target = location.decode("latin-1").strip()
        try:
            resolved = site.resolve(target, base=response.url)
        except ValueError:
            resolved = ""
        if not site.is_own(resolved):
            self.crawler.stats.inc_value(REDIRECTS_OFFSITE)
            raise OffsiteRedirect(f"redirected off the crawled site, to {target}")
        if resolved != target:
            headers = response.headers.copy()
            headers[b"Location"] = resolved
            return response.replace(headers=headers)
        return response
