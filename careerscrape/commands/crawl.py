"""``scrapy crawl`` for the careers spider: arguments checked first, health as exit status.

Scrapy builds spiders inside the running reactor, so an argument error
raised there ends as an asyncio traceback. Checked here first, it is one
line on stderr and exit status 2, like any other usage error. After the
crawl, the run's health verdict (careerscrape.health) becomes the exit
status, so cron and schedulers see an unhealthy run as a failure.
"""

from __future__ import annotations

import argparse
import sys

from scrapy.commands import crawl
from scrapy.exceptions import UsageError

from careerscrape.spiders._arguments import CrawlArguments
from careerscrape.spiders.careers import CareersSpider


class Command(crawl.Command):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if not args or args[0] != CareersSpider.name:
            super().run(args, opts)
            return
        if len(args) > 1:
            raise UsageError("running 'scrapy crawl' with more than one spider is not supported")
        CrawlArguments.from_spider_kwargs(opts.spargs)  # raises UsageError
        assert self.crawler_process
        crawler = self._create_crawler(args[0])
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1
            return
        # The health verdict of run.json is the exit status a scheduler acts on.
        self.exitcode = crawler.stats.get_value("careerscrape/health/exit_code", 1)
        if self.exitcode:
            output = crawler.settings.get("OUTPUT_DIR", "output")
            print(f"careerscrape: unhealthy run (exit {self.exitcode}), see {output}/run.json",
                  file=sys.stderr)  # fmt: skip
