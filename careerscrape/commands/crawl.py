"""``scrapy crawl careers``: the crawl job, checked before it starts, judged when it ends.

Scrapy builds spiders inside the running reactor, so a mistake found there ends
as a traceback after start-up, or as a failure after the whole crawl. Here,
before the first request, the spider arguments and every careerscrape setting
are checked (a mistake is one line on stderr and exit status 2), and the output
folder's lock is taken (another crawl holding it: exit status 10).

This command is what turns the crawl's outputs on (``RUN_OUTPUTS``): the run
folder, the feeds, run.json and publication (careerscrape.addons). Other Scrapy
commands that open the spider (shell, parse, check, fetch) leave OUTPUT_DIR alone.

After the crawl, the run's health verdict is the exit status, and one line on
stderr says what happened to the run: published, or not and why.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from scrapy.commands import crawl
from scrapy.exceptions import UsageError

from careerscrape.addons import lock_folders
from careerscrape.extensions.run_summary import EXIT_CODE, summary_of
from careerscrape.outputs import LATEST
from careerscrape.run.folders import OutputFolder, OutputFolderError
from careerscrape.run.health import EXIT_INTERRUPTED, EXIT_LOCKED, EXIT_USAGE
from careerscrape.run.lock import FolderLock, FolderLocked
from careerscrape.run.preflight import PreflightError, check_feeds, check_settings
from careerscrape.spiders._arguments import CrawlArguments
from careerscrape.spiders.careers import CareersSpider


class Command(crawl.Command):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if not args or args[0] != CareersSpider.name:
            super().run(args, opts)
            return
        if len(args) > 1:
            raise UsageError("running 'scrapy crawl' with more than one spider is not supported")
        assert self.crawler_process and self.settings is not None
        crawler = self._create_crawler(args[0])
        settings = crawler.settings
        try:
            CrawlArguments.for_crawl(opts.spargs, settings)
            check_settings(settings)
            check_feeds(settings)
            OutputFolder(settings.get("OUTPUT_DIR")).check()
        except (UsageError, PreflightError, OutputFolderError) as exc:
            print(f"careerscrape: {exc}; not started", file=sys.stderr)
            self.exitcode = EXIT_USAGE
            return
        try:
            lock_folders(settings)
        except FolderLocked as exc:
            print(f"careerscrape: {exc}; not started", file=sys.stderr)
            self.exitcode = EXIT_LOCKED
            return
        settings.set("RUN_OUTPUTS", True, priority="cmdline")
        try:
            self.crawler_process.crawl(crawler, **opts.spargs)
            self.crawler_process.start()
        finally:
            FolderLock.release_all()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1
            return
        self.exitcode = self._verdict(crawler)

    def _verdict(self, crawler: Any) -> int:
        """The exit status, with one line on stderr saying what happened to the run."""
        summary = summary_of(crawler)
        run_dir = crawler.settings.get("RUN_DIR")
        if summary is None or "publication" not in summary:
            # A second signal stops the reactor before the outputs are closed.
            if run_dir:
                OutputFolder(crawler.settings.get("OUTPUT_DIR")).remove_leftovers()
            print(f"careerscrape: run {run_dir} was killed before its outputs were written "
                  "(exit 8); not published", file=sys.stderr)  # fmt: skip
            return EXIT_INTERRUPTED
        health, publication = summary["health"], summary["publication"]
        exit_code = crawler.stats.get_value(EXIT_CODE, EXIT_INTERRUPTED)
        name = Path(publication["run_dir"]).name
        if health["healthy"] and publication["published"]:
            latest = Path(crawler.settings.get("OUTPUT_DIR")) / LATEST
            print(f"careerscrape: run {name} is healthy; published as {latest}", file=sys.stderr)
        else:
            print(
                f"careerscrape: run {name} not published (exit {exit_code}): "
                + "; ".join(health["reasons"] or [publication["detail"]]),
                file=sys.stderr,
            )
        return exit_code
