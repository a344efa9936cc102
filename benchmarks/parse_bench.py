"""Parse + validate speed against the floor: a bare lxml parse of the same pages.

    python benchmarks/parse_bench.py [--rounds N] [--fixtures DIR]

Prints, over every fixture page, pages per second for ``parse_page`` (lxml
parse, block pass, extraction and Pydantic validation) and for a bare
``lxml.html.fromstring`` of the same bytes, and their ratio: the cost of
careerscrape's extraction on top of the parse it cannot avoid. For scale, it
also times BeautifulSoup(html, "html.parser") alone, the floor of any
BeautifulSoup scraper of these pages before it extracts anything.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from pathlib import Path

import lxml.html
from bs4 import BeautifulSoup

from careerscrape.fixtures import load_fixtures
from careerscrape.parsing import parse_page


def _best_of(rounds: int, work) -> float:
    """The fastest of ``rounds`` timings: the least disturbed by the rest of the machine."""
    timings = []
    for _ in range(rounds):
        gc.collect()
        start = time.perf_counter()
        work()
        timings.append(time.perf_counter() - start)
    return min(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--fixtures", type=Path, default=Path("fixtures/pages"))
    args = parser.parse_args()

    pages = [(f.html, f.url) for f in load_fixtures(args.fixtures)]
    total_bytes = sum(len(html) for html, _ in pages)

    def bare() -> None:
        for html, _ in pages:
            lxml.html.fromstring(html)

    def full() -> None:
        for html, url in pages:
            parse_page(html, url)

    def soup() -> None:
        for html, _ in pages:
            BeautifulSoup(html, "html.parser")

    full()  # warm caches and compiled patterns once
    bare_s = _best_of(args.rounds, bare)
    full_s = _best_of(args.rounds, full)
    soup_s = _best_of(max(3, args.rounds // 4), soup)
    per_page = [
        _best_of(max(3, args.rounds // 4), lambda h=h, u=u: parse_page(h, u))
        / _best_of(max(3, args.rounds // 4), lambda h=h: lxml.html.fromstring(h))
        for h, u in pages
    ]
    n = len(pages)
    print(f"pages: {n} fixtures, {total_bytes / 1024:.0f} KiB, best of {args.rounds} rounds")
    timings = (
        ("bare lxml.html.fromstring", bare_s),
        ("parse_page + validation", full_s),
        ("BeautifulSoup html.parser", soup_s),
    )
    for label, seconds in timings:
        print(f"{label:26}: {n / seconds:8.0f} pages/s  ({seconds / n * 1e3:.3f} ms/page)")
    print(f"ratio (all pages)         : {full_s / bare_s:8.2f}x  (target <= 2.0x)")
    print(f"BeautifulSoup parse alone : {soup_s / full_s:8.2f}x slower than parse_page "
          "(before any extraction)")  # fmt: skip
    print(f"ratio per page            : median {statistics.median(per_page):.2f}x, "
          f"worst {max(per_page):.2f}x")  # fmt: skip


if __name__ == "__main__":
    main()
