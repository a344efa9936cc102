"""``careerscrape reparse ARCHIVE... [-o DIR]``: a crawl's outputs rebuilt from web archives.

After a parser fix, today's parser runs over the pages the crawls kept
(careerscrape.archive.reparse): no request is sent. Give the run's archive and the
older ones its revisits point into (``output/runs/*/pages.warc.gz`` will do: the
newest capture of each URL wins). Then ``careerscrape diff OLD/catalog.jsonl
DIR/catalog.jsonl`` says what the fix changed.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

from scrapy.settings import Settings

from careerscrape.archive.fork_map import WorkerDied
from careerscrape.archive.reader import ArchiveError
from careerscrape.archive.reparse import rebuild
from careerscrape.cli.errors import EXIT_OK, EXIT_REFUSED, fail
from careerscrape.run.summary import table

#: Seconds between two progress lines on stderr.
PROGRESS_EVERY = 10.0


class _Progress:
    """``reparse: 1,200 of 20,000 pages (310 a second)``, at most every PROGRESS_EVERY s."""

    def __init__(self) -> None:
        self.started = self.shown = time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.shown < PROGRESS_EVERY and done < total:
            return
        self.shown = now
        rate = done / max(now - self.started, 1e-9)
        print(f"reparse: {done:,} of {total:,} pages ({rate:,.0f} a second)", file=sys.stderr)


def settings_of(overrides: list[str]) -> Settings:
    """careerscrape's settings (the health thresholds), with ``-s NAME=VALUE`` over them."""
    settings = Settings()
    settings.setmodule("careerscrape.settings", priority="project")
    for item in overrides:
        name, _, value = item.partition("=")
        settings.set(name.strip(), value, priority="cmdline")
    return settings


def run(args: argparse.Namespace) -> int:
    out: Path = args.output
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        return fail("reparse", f"{out} exists and is not an empty folder: give another (-o)")
    try:
        summary = rebuild(args.archives, out, settings=settings_of(args.set), jobs=args.jobs,
                          progress=_Progress())  # fmt: skip
    except (ArchiveError, OSError, WorkerDied) as exc:
        return fail("reparse", exc)
    print(table(summary), file=sys.stderr)
    health = summary["health"]
    if not health["healthy"]:
        return fail("reparse", "; ".join(health["reasons"]), EXIT_REFUSED)
    return EXIT_OK


def _jobs(text: str) -> int:
    jobs = int(text)
    if jobs < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return jobs


def add_command(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "reparse",
        help="rebuild a crawl's outputs from its web archives with today's parser",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("archives", metavar="ARCHIVE", nargs="+", type=Path,
                        help="WARC files (a run folder's pages.warc.gz), in any order")  # fmt: skip
    parser.add_argument("-o", "--output", type=Path, default=Path("reparsed"),
                        help="folder to write, new or empty (default: reparsed)")  # fmt: skip
    parser.add_argument("--jobs", type=_jobs, default=len(os.sched_getaffinity(0)),
                        help="processes that parse (default: every core)")  # fmt: skip
    parser.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a careerscrape setting (HEALTH_MAX_REJECT_SHARE=0.5...)")  # fmt: skip
    parser.set_defaults(run=run)
