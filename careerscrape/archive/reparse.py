"""Rebuild a dataset from web archives with today's parser: no site, no Scrapy engine.

Every page the crawl parsed or rejected after download is in its archive, marked by
the ``Careerscrape-Hops`` field (robots.txt and sitemaps are not pages). The newest
capture of each URL is read (a revisit, from the older capture it points at), its
Content-Encoding undone, and given to the decision the crawl makes of a response
(careerscrape.run.outcome.read_response), dated with the capture's WARC-Date: the
date the crawl gave the record. A redirect is not a page of its own when the archive
holds the page it leads to. The outputs are the crawl's, made by the crawl's code:
the record feeds (JSON Lines, the lines of the crawl's feeds), rejects.jsonl,
catalog.jsonl (CatalogBuilder) and run.json (the run summary and health verdict).

Parsing is spread over ``jobs`` forked processes (careerscrape.archive.fork_map);
each inherits the index (no bodies) and reads its captures by seeking to them. A
worker sends back what the outputs take of a record (:class:`Made`: its feed line,
field counts and catalog facts), never the record, so that this process, which
writes every output in archive order, costs the workers' cores little.

What the archive cannot hold, a rebuild cannot give: pages that never answered
(timeouts, robots.txt, refused connections) are not in it, and a redirect off the
site is rejected as ``http_3xx`` (the crawl's reason was ``offsite_redirect``).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from careerscrape.archive.fork_map import fork_map
from careerscrape.archive.reader import ArchiveIndex, Entry, Unresolved
from careerscrape.atomic import write_json
from careerscrape.catalog.facts import PageFacts, facts_of
from careerscrape.catalog.merge import CatalogBuilder
from careerscrape.items import Reject
from careerscrape.models import PageRecord
from careerscrape.outputs import CATALOG, COMPARISONS, REJECTS, ROLES, RUN_SUMMARY
from careerscrape.pipelines.fields import field_counts, field_slots
from careerscrape.run.drift import compare
from careerscrape.run.health import verdict
from careerscrape.run.outcome import read_response
from careerscrape.run.summary import summarise
from careerscrape.stats import (
    CATALOG_ROLES,
    DUPLICATES,
    PAGES_REQUESTED,
    fields,
    records,
    rejects,
    slots,
)
from careerscrape.stats import (
    REJECTS as REJECTS_STAT,
)

__all__ = ["page_entries", "rebuild"]

#: The record feeds, by page type.
FEEDS = {"role": ROLES, "comparison": COMPARISONS}
#: Pages in a worker's task (see :func:`tasks`).
LONGEST_TASK = 64
SHORTEST_TASK = 8


def page_entries(index: ArchiveIndex) -> list[Entry]:
    """The captures a rebuild parses, in archive order: the newest of each page URL, less
    the redirects whose target the archive holds (that page is parsed instead)."""
    pages = [
        entry
        for entry in index.newest.values()
        if entry.hops is not None and not (entry.location and index.get(entry.location))
    ]
    return sorted(pages, key=lambda entry: (entry.file, entry.offset))


def outcome(index: ArchiveIndex, entry: Entry) -> PageRecord | Reject:
    """What the crawl makes of the capture: its record, or a reject."""
    page_url = entry.page_url  # worked out on each ask
    try:
        earlier = index.resolve(entry)
        loaded = index.load(entry)
    except Unresolved as exc:
        return Reject(page_url, "archive_miss", str(exc), status=entry.status,
                      rejected_at=entry.date.isoformat())  # fmt: skip
    content_type = next((v for k, v in loaded.headers if k.lower() == "content-type"), "")
    result = read_response(loaded.body, url=page_url, asked=page_url, status=loaded.status,
                           content_type=content_type, fetched_at=earlier.date,
                           page_url=page_url).outcome  # fmt: skip
    if isinstance(result, Reject):
        result.rejected_at = earlier.date.isoformat()  # when the page was read, not now
    return result


@dataclass(frozen=True, slots=True)
class Made:
    """A record as the outputs take it, made where it was parsed.

    Its feed line, field counts and catalog facts pass between processes in
    microseconds, where the record itself costs a quarter of a millisecond to unpickle
    (its nested models): the writing process would otherwise spend on it the core a
    worker needs.
    """

    kind: str
    url: str
    line: bytes
    filled: dict[str, int]
    slots: int
    facts: PageFacts


def make(index: ArchiveIndex, entry: Entry) -> Made | Reject:
    """:func:`outcome`, a record made ready for the outputs."""
    result = outcome(index, entry)
    if isinstance(result, Reject):
        return result
    return Made(result.page_type, result.url, result.json_line(), field_counts(result),
                field_slots(result), facts_of(result))  # fmt: skip


def tasks(count: int, jobs: int) -> Iterator[tuple[int, int]]:
    """(start, stop) of each worker task over ``count`` entries: long while much is left,
    so that this process wakes up for few results, shorter towards the end, so that no
    worker waits long for the last one to finish (guided scheduling)."""
    start = 0
    while start < count:
        size = min(LONGEST_TASK, max(SHORTEST_TASK, (count - start) // (4 * jobs)))
        yield start, min(count, start + size)
        start += size


def made(index: ArchiveIndex, entries: list[Entry], jobs: int) -> Iterator[Made | Reject]:
    """:func:`make` of every entry, in order, over ``jobs`` processes (1: this one).

    The workers are forked: each has the index and the entries, and a task is two
    numbers. The parent's open archive files are closed first (a file offset is shared
    across a fork, and each worker seeks on its own)."""
    if jobs <= 1:
        for entry in entries:
            yield make(index, entry)
        return

    def work(task: tuple[int, int]) -> list[Made | Reject]:
        start, stop = task
        return [make(index, entry) for entry in entries[start:stop]]

    index.close()
    for chunk in fork_map(work, list(tasks(len(entries), jobs)), jobs):
        yield from chunk


class _Outputs:
    """The files of a rebuilt run, and the crawl stats they add up to."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.stats: Counter[str] = Counter()
        self.catalog = CatalogBuilder()
        self.seen: set[str] = set()
        self._feeds: dict[str, IO[bytes]] = {}
        self._rejects = (folder / REJECTS).open("w", encoding="utf-8", newline="\n")

    def add(self, result: Made | Reject) -> None:
        stats = self.stats
        if isinstance(result, Reject):
            stats[REJECTS_STAT] += 1
            stats[rejects(result.reason)] += 1
            self._rejects.write(result.to_line())
            return
        if result.url in self.seen:  # two URLs of one page (DeduplicatePipeline)
            stats[DUPLICATES] += 1
            return
        self.seen.add(result.url)
        kind = result.kind
        stats[records(kind)] += 1
        stats[slots(kind)] += result.slots
        for name, count in result.filled.items():
            stats[fields(kind, name)] += count
        self._feed(kind).write(result.line)
        self.catalog.add_facts(result.facts)

    def _feed(self, kind: str) -> IO[bytes]:
        if kind not in self._feeds:
            self._feeds[kind] = (self.folder / FEEDS[kind]).open("wb")
        return self._feeds[kind]

    def close(self) -> None:
        for handle in self._feeds.values():
            handle.close()
        for kind, name in FEEDS.items():  # a feed with no record is an empty file, as a crawl's
            if kind not in self._feeds:
                (self.folder / name).touch()
        self._rejects.close()
        self.stats[CATALOG_ROLES] = self.catalog.write(self.folder / CATALOG)


def rebuild(
    archives: Iterable[str | os.PathLike[str]],
    folder: str | os.PathLike[str],
    *,
    settings: Any,
    jobs: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    """Rebuild the dataset of ``archives`` into ``folder``; returns its run summary.

    ``settings``: anything with Scrapy's ``Settings`` getters, for the health verdict.
    ``progress`` is called with (pages done, pages) after each page.
    """
    started = datetime.now(UTC)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    index = ArchiveIndex(archives)
    entries = page_entries(index)
    outputs = _Outputs(folder)
    try:
        for done, result in enumerate(made(index, entries, jobs), 1):
            outputs.add(result)
            if progress is not None:
                progress(done, len(entries))
    finally:
        outputs.close()
        index.close()
    stats: dict[str, Any] = {**outputs.stats, PAGES_REQUESTED: len(entries),
                             "finish_reason": "finished",
                             "downloader/response_count": len(entries)}  # fmt: skip
    for status, count in Counter(entry.status for entry in entries).items():
        stats[f"downloader/response_status_count/{status}"] = count
    summary = summarise(stats, started, datetime.now(UTC))
    summary["reparse"] = {
        "archives": [str(path) for path in index.paths],
        "captures": index.captures,
        "pages": len(entries),
        "revisits": sum(entry.refers_to is not None for entry in entries),
        "jobs": jobs,
    }
    summary["drift"] = compare(None, summary, settings)
    summary["health"] = verdict(summary, settings)
    never = "no (a rebuild from archives is never published)"
    summary["publication"] = {"run_dir": str(folder), "published": False, "detail": never}
    write_json(folder / RUN_SUMMARY, summary)
    return summary
