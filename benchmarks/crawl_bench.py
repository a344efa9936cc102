"""End-to-end crawl speed and memory: ``scrapy crawl careers`` against a do-nothing spider.

    python benchmarks/crawl_bench.py [--sizes 2000 20000] [--concurrency 16] [--profile]

For each size, a generated site of that many pages is rendered once and
served on 127.0.0.1 (by this process, from memory). Three crawls of it then run,
each as a subprocess that starts from the sitemap and fetches every page once:

- ``scrapy crawl careers`` with everything on: parse + validation, the five
  pipelines (validate, rejects, dedupe, field stats, catalog), the feeds,
  run.json, robots.txt, and the web archive (pages.warc.gz);
- the same crawl with the archive off (``ARCHIVE_ENABLED=0``): the archive's cost
  is the difference, in pages/s and in peak RSS;
- a do-nothing spider (:class:`NullSpider`, plain Scrapy settings but
  ``CONCURRENT_ITEMS=1`` as careerscrape's, robots.txt obeyed too) whose
  callback drops every response: the floor, what Scrapy and
  the server cost before careerscrape does anything. It schedules as the
  careers spider does: the sitemap's URLs join the scheduler as it drains
  (:class:`careerscrape.spiders.feed.StartFeed`, 4 x concurrency at a time).

Both get the same concurrency and no politeness delays, as for a mirror. It
prints pages/s (over the crawl's ``elapsed_time_seconds``, from spider open
to close: process start-up is not counted), their ratio, and the peak RSS
of each crawl process: its ``ru_maxrss``, read with ``os.wait4`` by a small
launcher process that starts it. Started from this process, which holds the
whole rendered site, the crawl would report this process's RSS instead: Linux
gives a child that execs after vfork/fork the parent's high-water mark as
its own starting ``ru_maxrss``.
``--profile`` also runs the careers crawl of the first size under cProfile
and prints where its time goes.
"""

from __future__ import annotations

import argparse
import json
import os
import pstats
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import scrapy
from scrapy.utils.sitemap import Sitemap

from careerscrape.spiders.feed import StartFeed

ROOT = Path(__file__).resolve().parents[1]

#: ``python -c LAUNCHER PEAK_FILE COMMAND...``: runs COMMAND, writes its ru_maxrss (KiB) to
#: PEAK_FILE and exits with its status. A process this small passes on a small ru_maxrss.
LAUNCHER = """
import os, sys
pid = os.posix_spawn(sys.argv[2], sys.argv[2:], os.environ)
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as peak:
    peak.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


class NullSpider(scrapy.Spider):
    """Every page of a sitemap fetched and dropped: ``scrapy runspider`` runs it from here.

    Its requests are scheduled as the careers spider's are: the sitemap's URLs go to a
    :class:`StartFeed`, which requests them as the scheduler drains.
    """

    name = "null"

    def __init__(self, sitemap: str = "", **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.sitemap = sitemap

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):  # type: ignore[no-untyped-def]
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.feed = StartFeed.from_crawler(crawler, spider, spider.page_requests)
        return spider

    async def start(self):  # type: ignore[override]
        yield scrapy.Request(self.sitemap, callback=self.parse_sitemap)

    def page_requests(self, url: str, hops: int = 0):  # type: ignore[no-untyped-def]
        yield scrapy.Request(url, callback=self.drop)

    def parse_sitemap(self, response):
        pages = [(entry["loc"], 0) for entry in Sitemap(response.body)]
        if not self.feed.later(pages):  # the feed is off: all at once
            for url, hops in pages:
                yield from self.page_requests(url, hops)

    def drop(self, response) -> None:
        return None


@dataclass
class Run:
    pages: int
    seconds: float
    peak_rss_mib: float
    log: str
    #: Size of the run's web archive (MiB), when it kept one.
    archive_mib: float = 0.0

    @property
    def rate(self) -> float:
        return self.pages / self.seconds


def _settings(concurrency: int) -> dict[str, str]:
    return {
        "DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "0", "LOG_LEVEL": "INFO",
        "CONCURRENT_REQUESTS": str(concurrency),
        "CONCURRENT_REQUESTS_PER_DOMAIN": str(concurrency),
        "DOWNLOAD_WARNSIZE": "0",  # the 20,000-page sitemap is over 2 MB
        "TELNETCONSOLE_ENABLED": "0", "ROBOTSTXT_OBEY": "1",
        # careerscrape's own setting, given to the floor too: Scrapy's default of 100
        # starts 100 asyncio tasks per response and slows the do-nothing spider ~1.6x.
        "CONCURRENT_ITEMS": "1",
    }  # fmt: skip


def _run(command: list[str], cwd: Path, log_path: Path) -> tuple[float, int, str]:
    """Run a crawl; (elapsed_time_seconds from its stats, peak RSS in KiB, log)."""
    peak_file = log_path.with_suffix(".peak")
    launched = [sys.executable, "-c", LAUNCHER, str(peak_file), *command]
    with open(log_path, "wb") as log_file:
        child = subprocess.run(launched, cwd=cwd, stdout=log_file, stderr=subprocess.STDOUT)
    log = log_path.read_text(encoding="utf-8", errors="replace")
    if child.returncode != 0:
        raise SystemExit(f"crawl failed ({child.returncode}): {' '.join(command)}\n{log[-3000:]}")
    found = re.search(r"'elapsed_time_seconds': ([0-9.]+)", log)
    if not found:
        raise SystemExit(f"no elapsed_time_seconds in the log of {' '.join(command)}")
    return float(found.group(1)), int(peak_file.read_text()), log


def crawl_careers(
    base_url: str, work: Path, concurrency: int, profile: Path | None, archive: bool = True
) -> Run:
    output = work / ("careers" if archive else "careers-no-archive")
    command = [sys.executable]
    if profile:
        command += ["-m", "cProfile", "-o", str(profile)]
    command += ["-m", "scrapy", "crawl", "careers", "-a", "sitemap=/sitemap.xml",
                "-a", "depth=0", "-a", f"site={base_url}"]  # fmt: skip
    settings = {**_settings(concurrency), "OUTPUT_DIR": str(output),
                "ARCHIVE_ENABLED": str(int(archive))}  # fmt: skip
    for name, value in settings.items():
        command += ["-s", f"{name}={value}"]
    seconds, peak, log = _run(command, ROOT, work / f"{output.name}.log")
    # The run's own folder (published as OUTPUT_DIR/latest when healthy).
    [run_dir] = (output / "runs").iterdir()
    run = json.loads((run_dir / "run.json").read_text(encoding="utf-8"))
    pages = run["records"]["total"] + run["rejects"]["total"]
    if run["rejects"]["total"] or not run["accounting"]["balanced"]:
        raise SystemExit(f"the careers crawl was not clean: {run['rejects']} {run['accounting']}")
    archived = run["archive"].get("bytes", 0) / 2**20
    return Run(pages, seconds, peak / 1024, log, archived)


def crawl_null(base_url: str, work: Path, concurrency: int) -> Run:
    # From a folder without scrapy.cfg: plain Scrapy settings, none of careerscrape's.
    plain = work / "null"
    plain.mkdir()
    command = [sys.executable, "-m", "scrapy", "runspider", str(Path(__file__).resolve()),
               "-a", f"sitemap={base_url}/sitemap.xml"]  # fmt: skip
    for name, value in _settings(concurrency).items():
        command += ["-s", f"{name}={value}"]
    seconds, peak, log = _run(command, plain, work / "null.log")
    found = re.search(r"'downloader/response_status_count/200': (\d+)", log)
    pages = int(found.group(1)) - 2 if found else 0  # less robots.txt and the sitemap
    return Run(pages, seconds, peak / 1024, log)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--profile", action="store_true",
                        help="profile the careers crawl of the first size (cProfile)")  # fmt: skip
    args = parser.parse_args()

    from careerscrape.testing.localsite import serve
    from careerscrape.testing.sitegen import generate_site

    python = sys.version.split()[0]
    print(f"concurrency {args.concurrency} (per domain too), no delays, robots.txt obeyed; "
          f"{os.cpu_count()} CPUs, Python {python}, Scrapy {scrapy.__version__}")  # fmt: skip
    rows = []
    for index, size in enumerate(args.sizes):
        began = time.perf_counter()
        site = generate_site(size, seed=args.seed)
        pages = {path: site.page(path) for path in site.pages}  # rendered once, served from memory
        mib = sum(map(len, pages.values())) / 2**20
        print(f"\n{size:,} pages ({mib:.0f} MiB of HTML), rendered in "
              f"{time.perf_counter() - began:.1f} s")  # fmt: skip
        with tempfile.TemporaryDirectory(prefix="crawl-bench-") as temp, serve(pages) as server:
            work = Path(temp)
            profile = work / "careers.prof" if args.profile and index == 0 else None
            null = crawl_null(server.base_url, work, args.concurrency)
            bare = crawl_careers(server.base_url, work, args.concurrency, None, archive=False)
            careers = crawl_careers(server.base_url, work, args.concurrency, profile)
            for label, run in (("do-nothing spider", null), ("careers, archive off", bare),
                               ("scrapy crawl careers", careers)):  # fmt: skip
                print(f"  {label:21}: {run.pages:6,} pages in {run.seconds:6.1f} s = "
                      f"{run.rate:6.0f} pages/s, peak RSS {run.peak_rss_mib:5.0f} MiB")  # fmt: skip
            print(f"  careers / do-nothing : {careers.rate / null.rate:.2f} of the speed "
                  f"({null.rate / careers.rate:.1f}x slower)")  # fmt: skip
            share = careers.archive_mib / mib
            print(f"  archive on / off     : {careers.rate / bare.rate:.2f} of the speed, "
                  f"{careers.peak_rss_mib - bare.peak_rss_mib:+.0f} MiB peak RSS, archive "
                  f"{careers.archive_mib:.0f} MiB ({share:.0%} of the HTML)")  # fmt: skip
            rows.append((size, null, bare, careers))
            if profile:
                print("  where the careers crawl's time goes (cProfile, by own time):")
                stats = pstats.Stats(str(profile))
                stats.sort_stats("tottime").print_stats(15)
        del pages, site
    print("\nsize    do-nothing p/s  archive off p/s  careers p/s  ratio  "
          "RSS do-nothing  RSS off  RSS careers")  # fmt: skip
    for size, null, bare, careers in rows:
        print(f"{size:<7,} {null.rate:14.0f} {bare.rate:16.0f} {careers.rate:12.0f} "
              f"{careers.rate / null.rate:6.2f} {null.peak_rss_mib:10.0f} MiB "
              f"{bare.peak_rss_mib:4.0f} MiB {careers.peak_rss_mib:8.0f} MiB")  # fmt: skip


if __name__ == "__main__":
    main()
