"""What the web archive costs a crawl per page, and how fast ``reparse`` rebuilds from one.

    python benchmarks/reparse_bench.py [--pages 2000] [--jobs 1 2] [--rounds 3]

A generated site of ``--pages`` pages is rendered once and written into a WARC file
by :class:`careerscrape.archive.writer.ArchiveWriter`, as a crawl writes it (a
response and a request record per page, gzip per record): the time per page is the
archive's cost on the crawl's per-page path. Then, over that same archive:

- ``parse_page`` alone on every page's body, in this process: the parser's own rate;
- ``careerscrape reparse`` (:func:`careerscrape.archive.reparse.rebuild`, every output
  written: records, rejects, catalog, run.json) with each ``--jobs`` count, once a
  round; the counts take turns, in a new order each round.

It prints pages/s of each as the median over ``--rounds`` with the spread
[min-max], the ratio of each reparse to ``parse_page`` alone (its best), and the
speed-up of the most jobs over one, round by round (target: 2 jobs >= 1.8x 1 job,
on 2 cores).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from crawl_bench import spread
from scrapy.settings import Settings

from careerscrape.archive.capture import Capture
from careerscrape.archive.reparse import rebuild
from careerscrape.archive.writer import ArchiveWriter
from careerscrape.parsing import parse_page
from careerscrape.testing.sitegen import generate_site

SITE = "http://127.0.0.1:8000/"
CANONICAL = "https://www.zippia.com"
HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("Server", "bench")]


def write_archive(pages: dict[str, bytes], path: Path) -> float:
    """Write every page as a crawl would; seconds per page."""
    writer = ArchiveWriter(path, SITE, CANONICAL)
    started = time.perf_counter()
    for url, body in pages.items():
        writer.write(Capture(url, datetime.now(UTC), 200, "OK", HEADERS, body,
                             request_headers=[("User-Agent", "bench")], hops=0))  # fmt: skip
    seconds = time.perf_counter() - started
    writer.close()
    return seconds / len(pages)


def parse_alone(pages: dict[str, bytes]) -> float:
    """pages/s of parse_page over the same bodies, in one process."""
    started = time.perf_counter()
    for url, body in pages.items():
        parse_page(body, CANONICAL + url[len(SITE) - 1 :], content_type=HEADERS[0][1])
    return len(pages) / (time.perf_counter() - started)


def reparse_rate(archive: Path, jobs: int, out: Path) -> float:
    """pages/s of a whole rebuild of ``archive`` with ``jobs`` processes."""
    settings = Settings()
    settings.setmodule("careerscrape.settings")
    started = time.perf_counter()
    summary = rebuild([archive], out, settings=settings, jobs=jobs)
    rate = summary["reparse"]["pages"] / (time.perf_counter() - started)
    if summary["rejects"]["total"]:
        raise SystemExit(f"the rebuild rejected pages: {summary['rejects']}")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--jobs", type=int, nargs="+",
                        default=sorted({1, len(os.sched_getaffinity(0))}))  # fmt: skip
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    site = generate_site(args.pages, seed=args.seed)
    pages = {SITE.rstrip("/") + path: site.page(path) for path in site.paths}
    mib = sum(map(len, pages.values())) / 2**20
    print(f"{len(pages):,} pages ({mib:.0f} MiB of HTML); {len(os.sched_getaffinity(0))} "
          f"cores, Python {sys.version.split()[0]}; load average {os.getloadavg()[0]:.1f} "
          "(other processes on the cores slow the jobs down)")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="reparse-bench-") as temp:
        work = Path(temp)
        archive = work / "pages.warc.gz"
        per_page = write_archive(pages, archive)
        size = archive.stat().st_size / 2**20
        print(f"  archive write : {per_page * 1000:.3f} ms a page "
              f"({size:.0f} MiB, {size / mib:.0%} of the HTML)")  # fmt: skip
        alone = max(parse_alone(pages) for _ in range(args.rounds))
        print(f"  parse_page    : {alone:6.0f} pages/s (one process)")
        rates: dict[int, list[float]] = {jobs: [] for jobs in args.jobs}
        for round_ in range(args.rounds):  # the job counts take turns, in a new order each round
            order = args.jobs[round_ % len(args.jobs) :] + args.jobs[: round_ % len(args.jobs)]
            for jobs in order:
                rates[jobs].append(reparse_rate(archive, jobs, work / f"out-{jobs}-{round_}"))
        for jobs, runs in rates.items():
            print(f"  reparse -j {jobs:<2} : {spread(runs, '.0f'):>17} pages/s, "
                  f"{statistics.median(runs) / alone:.2f}x parse_page alone")  # fmt: skip
        most, one = max(rates), min(rates)
        if most != one:
            ratios = [a / b for a, b in zip(rates[most], rates[one], strict=True)]
            print(f"  --jobs {most} / --jobs {one}: {spread(ratios, '.2f')}x, round by round "
                  f"(load average now {os.getloadavg()[0]:.1f})")  # fmt: skip


if __name__ == "__main__":
    main()
