"""``scrapy crawl``, checking the careers spider's arguments before the engine starts.

Scrapy builds spiders inside the running reactor, so an argument error
raised there ends as an asyncio traceback. Checked here first, it is one
line on stderr and exit status 2, like any other usage error.
"""

from __future__ import annotations

import argparse

from scrapy.commands import crawl

from careerscrape.spiders._arguments import CrawlArguments
from careerscrape.spiders.careers import CareersSpider


class Command(crawl.Command):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if args and args[0] == CareersSpider.name:
            CrawlArguments.from_spider_kwargs(opts.spargs)  # raises UsageError
        super().run(args, opts)
