"""Parse + validate speed against the lxml floor and a BeautifulSoup implementation.

    python benchmarks/parse_bench.py [--rounds N] [--fixtures DIR]

Over every fixture page, prints pages per second for:

- ``parse_page`` (lxml parse, block pass, extraction and Pydantic validation);
- a bare ``lxml.html.fromstring`` of the same bytes, and the ratio of the two:
  the cost of careerscrape's extraction on top of the parse it cannot avoid;
- the same extraction on a BeautifulSoup(html, "html.parser") tree
  (``benchmarks/soup_extraction.py``), what most scrapers of the site use,
  and how many times faster ``parse_page`` is;
- BeautifulSoup(html, "html.parser") alone, the part of that which is the parse.

Before timing anything it checks that the BeautifulSoup implementation gives
``parse_page``'s record on every page, and exits with status 1, naming the
pages, when it does not: a faster parser that reads less proves nothing.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import lxml.html
from bs4 import BeautifulSoup
from soup_extraction import soup_parse_page

from careerscrape.parsing import parse_page
from careerscrape.testing.fixtures import Fixture, load_fixtures

#: One provenance time for both implementations, so that their records compare equal.
_FETCHED_AT = datetime(2026, 1, 1, tzinfo=UTC)


def _best_of(rounds: int, *works: Callable[[], object]) -> list[float]:
    """The fastest of ``rounds`` timings of each of ``works``: the least disturbed by the machine.

    The works take turns within each round, so that a busy spell on the
    machine, or a heap grown by one of them, weighs on all alike.
    """
    timings: list[list[float]] = [[] for _ in works]
    for _ in range(rounds):
        for work, times in zip(works, timings, strict=True):
            gc.collect()
            start = time.perf_counter()
            work()
            times.append(time.perf_counter() - start)
    return [min(times) for times in timings]


def _ratio(rounds: int, work: Callable[[], object], floor: Callable[[], object]) -> float:
    """How many times longer ``work`` takes than ``floor``, each at its best."""
    work_s, floor_s = _best_of(rounds, work, floor)
    return work_s / floor_s


def _soup_mismatches(fixtures: list[Fixture]) -> list[str]:
    """Names of the pages whose record from the BeautifulSoup implementation differs."""
    return [
        f.name
        for f in fixtures
        if soup_parse_page(f.html, f.url, fetched_at=_FETCHED_AT).model_dump()
        != parse_page(f.html, f.url, fetched_at=_FETCHED_AT).model_dump()
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--fixtures", type=Path, default=Path("fixtures/pages"))
    args = parser.parse_args()

    fixtures = load_fixtures(args.fixtures)
    pages = [(f.html, f.url) for f in fixtures]
    n = len(pages)
    total_bytes = sum(len(html) for html, _ in pages)
    print(f"pages: {n} fixtures, {total_bytes / 1024:.0f} KiB, best of {args.rounds} rounds")
    mismatches = _soup_mismatches(fixtures)  # also warms caches and compiled patterns
    if mismatches:
        print("BeautifulSoup implementation: a record differs from parse_page's on "
              + ", ".join(mismatches), file=sys.stderr)  # fmt: skip
        sys.exit(1)
    print(f"BeautifulSoup implementation: the same record as parse_page on all {n} pages")

    def bare() -> None:
        for html, _ in pages:
            lxml.html.fromstring(html)

    def full() -> None:
        for html, url in pages:
            parse_page(html, url)

    def soup_extraction() -> None:
        for html, url in pages:
            soup_parse_page(html, url)

    def soup() -> None:
        for html, _ in pages:
            BeautifulSoup(html, "html.parser")

    bare_s, full_s, soup_extraction_s, soup_s = _best_of(
        args.rounds, bare, full, soup_extraction, soup
    )
    few = max(1, args.rounds // 4)  # per page, rounds are many: fewer each
    per_page = [
        _ratio(few, lambda h=h, u=u: parse_page(h, u), lambda h=h: lxml.html.fromstring(h))
        for h, u in pages
    ]
    timings = (
        ("bare lxml.html.fromstring", bare_s),
        ("parse_page + validation", full_s),
        ("BeautifulSoup implementation", soup_extraction_s),
        ("BeautifulSoup parse alone", soup_s),
    )
    for label, seconds in timings:
        print(f"{label:29}: {n / seconds:8.0f} pages/s  ({seconds / n * 1e3:.3f} ms/page)")
    print(f"ratio to lxml (all pages)    : {full_s / bare_s:8.2f}x  (target <= 1.5x)")
    print(f"ratio per page               : median {statistics.median(per_page):.2f}x, "
          f"worst {max(per_page):.2f}x")  # fmt: skip
    print(f"parse_page is {soup_extraction_s / full_s:.1f}x faster than the BeautifulSoup "
          "implementation (target >= 20x)")  # fmt: skip
    print(f"BeautifulSoup parse alone is {soup_s / soup_extraction_s:.0%} of its implementation's "
          f"time, {soup_s / full_s:.1f}x parse_page's")  # fmt: skip


if __name__ == "__main__":
    main()
