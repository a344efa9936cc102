"""End-to-end crawl speed, CPU and memory: ``scrapy crawl careers`` against a do-nothing spider.

    python benchmarks/crawl_bench.py [--sizes 2000 20000] [--rounds 3] [--concurrency 16]
                                     [--modes ...] [--profile]

For each size, a generated site of that many pages is rendered once and served on
127.0.0.1 by this process, from memory, with a thread per connection: the server's
CPU is this process's, and on a small machine it competes with the crawl for a core.
Each round then runs one crawl per mode, each a subprocess that starts from the sitemap
and fetches every page once; the modes take turns in a different order each round:

- ``null``: a do-nothing spider (:class:`NullSpider`, plain Scrapy settings but
  ``CONCURRENT_ITEMS=1`` as careerscrape's, robots.txt obeyed too) whose callback drops
  every response, the floor: what Scrapy and the server cost before careerscrape does
  anything. It schedules as the careers spider does: the sitemap's URLs join the
  scheduler as it drains (:class:`careerscrape.spiders.feed.StartFeed`);
- ``in-process``: ``scrapy crawl careers`` with everything on (parse + validation, the
  pipelines, the feeds, the catalog, run.json, robots.txt, the web archive), parsing in
  the crawl's process (``PARSE_PROCESSES=0``);
- ``pool``: the same, parsing in worker processes (the default ``PARSE_PROCESSES``:
  one per core but one);
- ``pool-no-archive``: the pool crawl with ``ARCHIVE_ENABLED=0``: the archive's cost is
  the difference.

Every crawl gets the same concurrency and no politeness delays, as for a mirror. For
each mode it prints the median over the rounds, with the spread [min-max]:

- pages/s, over the crawl's ``elapsed_time_seconds`` (spider open to close: process
  start-up is not counted), and its ratio to the do-nothing crawl of the same round;
- peak RSS: of the crawl's process (its ``ru_maxrss``), and of the crawl with its parse
  workers (the sum of their RSS, sampled every 20 ms, so a short peak can be missed);
- CPU time a page, in the crawl's process and in its workers (start-up included, about
  a second a process). The crawl's process is the one that cannot be spread over cores:
  1000 / its ms a page is the rate more cores could reach at most.

Both peaks are read by a small launcher process (:data:`LAUNCHER`) that starts the
crawl. Started from this process, which holds the whole rendered site, the crawl would
report this process's RSS: Linux gives a child that execs after fork the parent's
high-water mark as its own starting ``ru_maxrss``. ``--profile`` also runs the
in-process careers crawl of the first size once under cProfile and prints where its
time goes (the workers' time is not in a profile of the crawl's process).
"""

from __future__ import annotations

import argparse
import json
import os
import pstats
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import scrapy
from scrapy.settings import Settings
from scrapy.utils.sitemap import Sitemap

from careerscrape.spiders.feed import StartFeed

ROOT = Path(__file__).resolve().parents[1]

#: ``python -c LAUNCHER REPORT COMMAND...``: runs COMMAND, samples its process tree every
#: 20 ms, and writes to REPORT (JSON) the crawl process's ru_maxrss and CPU time, the
#: tree's peak RSS and its workers' CPU time; exits with COMMAND's status. A process this
#: small passes on a small ru_maxrss.
LAUNCHER = """
import json, os, sys, time
import psutil
pid = os.posix_spawn(sys.argv[2], sys.argv[2:], os.environ)
crawl, peak, cpu = psutil.Process(pid), 0, {}
while True:
    done, status, usage = os.wait4(pid, os.WNOHANG)
    if done:
        break
    try:
        tree = [crawl, *crawl.children(recursive=True)]
        rss = 0
        for process in tree:
            with process.oneshot():
                rss += process.memory_info().rss
                times = process.cpu_times()
                cpu[process.pid] = times.user + times.system
        peak = max(peak, rss)
    except psutil.NoSuchProcess:
        pass
    time.sleep(0.02)
with open(sys.argv[1], "w") as report:
    json.dump({"maxrss_kib": usage.ru_maxrss, "tree_peak_bytes": peak,
               "cpu_seconds": usage.ru_utime + usage.ru_stime,
               "worker_cpu_seconds": sum(s for p, s in cpu.items() if p != pid)}, report)
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
    #: The crawl process's own peak (ru_maxrss), and that of the crawl with its workers.
    peak_rss_mib: float
    tree_peak_mib: float
    #: CPU time a page in the crawl's process and in its parse workers.
    main_ms: float
    worker_ms: float
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


def _run(command: list[str], cwd: Path, log_path: Path) -> tuple[float, dict, str]:
    """Run a crawl through the launcher: (elapsed_time_seconds, the launcher's report, log)."""
    report_path = log_path.with_suffix(".report")
    launched = [sys.executable, "-c", LAUNCHER, str(report_path), *command]
    with open(log_path, "wb") as log_file:
        child = subprocess.run(launched, cwd=cwd, stdout=log_file, stderr=subprocess.STDOUT)
    log = log_path.read_text(encoding="utf-8", errors="replace")
    if child.returncode != 0:
        raise SystemExit(f"crawl failed ({child.returncode}): {' '.join(command)}\n{log[-3000:]}")
    found = re.search(r"'elapsed_time_seconds': ([0-9.]+)", log)
    if not found:
        raise SystemExit(f"no elapsed_time_seconds in the log of {' '.join(command)}")
    return float(found.group(1)), json.loads(report_path.read_text()), log


def _measured(pages: int, seconds: float, report: dict, log: str, archive_mib: float = 0) -> Run:
    workers = report["worker_cpu_seconds"]
    return Run(
        pages, seconds, report["maxrss_kib"] / 1024,
        max(report["tree_peak_bytes"], report["maxrss_kib"] * 1024) / 2**20,
        (report["cpu_seconds"] - workers) * 1000 / pages, workers * 1000 / pages, log,
        archive_mib,
    )  # fmt: skip


def crawl_careers(
    base_url: str, work: Path, concurrency: int, name: str, profile: Path | None = None,
    **settings: str,
) -> Run:  # fmt: skip
    output = work / name
    command = [sys.executable]
    if profile:
        command += ["-m", "cProfile", "-o", str(profile)]
    command += ["-m", "scrapy", "crawl", "careers", "-a", "sitemap=/sitemap.xml",
                "-a", "depth=0", "-a", f"site={base_url}"]  # fmt: skip
    for key, value in {**_settings(concurrency), "OUTPUT_DIR": str(output), **settings}.items():
        command += ["-s", f"{key}={value}"]
    seconds, report, log = _run(command, ROOT, work / f"{name}.log")
    # The run's own folder (published as OUTPUT_DIR/latest when healthy).
    [run_dir] = (output / "runs").iterdir()
    summary = json.loads((run_dir / "run.json").read_text(encoding="utf-8"))
    if summary["rejects"]["total"] or not summary["accounting"]["balanced"]:
        raise SystemExit(f"the {name} crawl was not clean: {summary['rejects']}")
    pages = summary["records"]["total"]
    return _measured(pages, seconds, report, log, summary["archive"].get("bytes", 0) / 2**20)


def crawl_null(base_url: str, work: Path, concurrency: int) -> Run:
    # From a folder without scrapy.cfg: plain Scrapy settings, none of careerscrape's.
    plain = work / "null"
    plain.mkdir()
    command = [sys.executable, "-m", "scrapy", "runspider", str(Path(__file__).resolve()),
               "-a", f"sitemap={base_url}/sitemap.xml"]  # fmt: skip
    for name, value in _settings(concurrency).items():
        command += ["-s", f"{name}={value}"]
    seconds, report, log = _run(command, plain, work / "null.log")
    found = re.search(r"'downloader/response_status_count/200': (\d+)", log)
    pages = int(found.group(1)) - 2 if found else 0  # less robots.txt and the sitemap
    return _measured(pages, seconds, report, log)


#: Mode -> the settings of its careers crawl (``null``: the do-nothing spider).
MODES: dict[str, dict[str, str] | None] = {
    "null": None,
    "in-process": {"PARSE_PROCESSES": "0"},
    "pool": {},
    "pool-no-archive": {"ARCHIVE_ENABLED": "0"},
}


def crawl_mode(mode: str, base_url: str, work: Path, concurrency: int) -> Run:
    settings = MODES[mode]
    if settings is None:
        return crawl_null(base_url, work, concurrency)
    return crawl_careers(base_url, work, concurrency, mode, **settings)


def spread(values: list[float], form: str) -> str:
    """``median [min-max]`` of ``values``, each written with ``form``."""
    if len(values) == 1:
        return format(values[0], form)
    low, mid, high = min(values), statistics.median(values), max(values)
    return f"{mid:{form}} [{low:{form}}-{high:{form}}]"


def report(mode: str, runs: list[Run], floors: list[Run]) -> None:
    ratios = [run.rate / floor.rate for run, floor in zip(runs, floors, strict=True)]
    print(f"  {mode:16} {spread([r.rate for r in runs], '.0f'):>17} p/s  "
          f"ratio {spread(ratios, '.2f'):>17}  "
          f"RSS {spread([r.peak_rss_mib for r in runs], '.0f'):>13} MiB, with workers "
          f"{spread([r.tree_peak_mib for r in runs], '.0f'):>13} MiB  CPU ms/page: crawl "
          f"{spread([r.main_ms for r in runs], '.2f')}, workers "
          f"{spread([r.worker_ms for r in runs], '.2f')}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--modes", nargs="+", choices=list(MODES), default=list(MODES))
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--profile", action="store_true",
                        help="profile the first size's in-process crawl (cProfile)")  # fmt: skip
    args = parser.parse_args()
    modes = ["null", *(m for m in args.modes if m != "null")]  # the floor, always

    from careerscrape.spiders._pool import parse_processes
    from careerscrape.testing.localsite import serve
    from careerscrape.testing.sitegen import generate_site

    python = sys.version.split()[0]
    workers = parse_processes(Settings())
    print(f"concurrency {args.concurrency} (per domain too), no delays, robots.txt obeyed; "
          f"{os.cpu_count()} CPUs ({workers} parse workers in the pool modes), Python "
          f"{python}, Scrapy {scrapy.__version__}; {args.rounds} rounds")  # fmt: skip
    tree_peaks: dict[int, dict[str, float]] = {}
    for index, size in enumerate(args.sizes):
        began = time.perf_counter()
        site = generate_site(size, seed=args.seed)
        pages = {path: site.page(path) for path in site.pages}  # rendered once, served from memory
        mib = sum(map(len, pages.values())) / 2**20
        print(f"\n{size:,} pages ({mib:.0f} MiB of HTML), rendered in "
              f"{time.perf_counter() - began:.1f} s")  # fmt: skip
        runs: dict[str, list[Run]] = {mode: [] for mode in modes}
        with tempfile.TemporaryDirectory(prefix="crawl-bench-") as temp, serve(pages) as server:
            work = Path(temp)
            for round_ in range(args.rounds):
                turn = round_ % len(modes)
                folder = work / f"round-{round_ + 1}"
                folder.mkdir()
                for mode in modes[turn:] + modes[:turn]:
                    runs[mode].append(crawl_mode(mode, server.base_url, folder, args.concurrency))
            for mode in modes:
                report(mode, runs[mode], runs["null"])
            if "pool" in runs and "pool-no-archive" in runs:
                on, off = runs["pool"], runs["pool-no-archive"]
                share = statistics.median(r.archive_mib for r in on) / mib
                speed = spread([a.rate / b.rate for a, b in zip(on, off, strict=True)], ".2f")
                print(f"  archive on / off: {speed} of the speed, archive {share:.0%} of the HTML")
            tree_peaks[size] = {m: statistics.median(r.tree_peak_mib for r in runs[m])
                                for m in modes}  # fmt: skip
            if args.profile and index == 0:
                profile = work / "careers.prof"
                crawl_careers(server.base_url, work, args.concurrency, "profiled", profile,
                              PARSE_PROCESSES="0")  # fmt: skip
                print("  where the in-process crawl's time goes (cProfile, by own time):")
                pstats.Stats(str(profile)).sort_stats("tottime").print_stats(15)
        del pages, site
    if len(tree_peaks) > 1:
        small, large = min(tree_peaks), max(tree_peaks)
        growth = ", ".join(f"{m} {tree_peaks[large][m] / tree_peaks[small][m]:.2f}x"
                           for m in modes)  # fmt: skip
        print(f"\npeak RSS with workers, {large:,} pages against {small:,}: {growth}")


if __name__ == "__main__":
    main()
