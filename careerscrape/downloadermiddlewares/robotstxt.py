"""robots.txt applied to every request that waited for it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.http import Request
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

if TYPE_CHECKING:
    from scrapy.robotstxt import RobotParser


class EveryWaiterRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy's RobotsTxtMiddleware, with robots.txt applied to every request that waited for it.

    In Scrapy 2.19 (asyncio reactor), requests to a host whose robots.txt is
    still downloading all await one shared Deferred through
    ``Deferred.asFuture``, whose callback returns None: the first waiter gets
    the parser, every other one gets None and is let through unchecked. A
    crawl that starts with several URLs of one site thus ignores its
    robots.txt for all but one of them. Here each waiter gets its own Deferred,
    fed from the shared one without consuming its result.

    Use it in place of Scrapy's: ``DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "careerscrape.downloadermiddlewares.robotstxt.EveryWaiterRobotsTxtMiddleware": 100}``.
    """

    async def robot_parser(self, request: Request) -> RobotParser | None:
        pending = self._parsers.get(urlparse_cached(request).netloc)
        if not isinstance(pending, Deferred):
            return await super().robot_parser(request)
        mine: Deferred[RobotParser | None] = Deferred()

        def relay(parser: RobotParser | None) -> RobotParser | None:
            mine.callback(parser)
            return parser

        pending.addCallback(relay)
        return await maybe_deferred_to_future(mine)
