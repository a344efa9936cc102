"""Scrapy's duplicate filter, except for a redirect that returns to its own chain.

A redirect loop (a -> b -> a) would otherwise end silently: the filter drops
the second request for a as already seen and nothing is reported. Letting a
redirect back into its own chain through makes the redirect limit
(REDIRECT_MAX_TIMES) stop it, and the crawl reports it as "redirect_loop".
A redirect into a page fetched by another request is still dropped, and
counted as a duplicate by the spider.
"""

from __future__ import annotations

from scrapy.dupefilters import RFPDupeFilter
from scrapy.http import Request


class LoopAwareDupeFilter(RFPDupeFilter):
    def request_seen(self, request: Request) -> bool:
        if request.url in request.meta.get("redirect_urls", ()):
            return False
        return super().request_seen(request)
