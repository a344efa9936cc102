"""The job journal: a crawl stopped part-way and started again ends as if never stopped.

With ``-s JOBDIR=DIR`` Scrapy keeps the scheduler queue, the dupefilter and
``spider.state`` (the careers spider's set of requested pages) when a crawl is
stopped gracefully (one SIGTERM or Ctrl-C) and picks them up when the same
command runs again. It does not keep what careerscrape built from the pages
already done: the records of the feeds, the rejects, the catalog, the dedupe
set and the counters run.json is made of. The journal keeps those, in
``DIR/careerscrape/journal.jsonl``, one JSON object a line:

- ``{"opened": {...}}`` when a part of the job starts (its number, time, spider arguments);
- ``{"record": {...}}`` for every record that reached the feeds, as
  ``model_dump(mode="json")``, and ``{"reject": {...}}`` for every line of
  rejects.jsonl, each appended (and flushed) as it happens;
- ``{"closed": {...}}`` when a part closes: its reason and the counters listed in
  :data:`CARRIED` (pages requested, responses, duplicates, links...). The
  file is then fsynced.

When a job starts again, before the first request, :class:`JobJournal` sends
every record and reject of the journal through the item pipelines, as when it
was scraped: the dedupe set, the field counts, the catalog and rejects.jsonl are
where they were, and the feeds receive the records again through
``item_scraped``. The counters of the last closed part are then added back. So
the outputs and run.json of the resumed job are those of an uninterrupted one.
Replayed items are not journaled again. A journaled record that no longer meets the
data contract (the models changed between two parts) is replayed as a ``validation``
reject. Without JOBDIR the extension is off.

What cannot be resumed: a part that did not close (SIGKILL, power cut, a second
SIGTERM) leaves Scrapy without its queue state; its records and rejects are
still replayed, but pages it had done may be fetched again (then counted as
duplicates). A line cut short by such a stop is dropped; any other unreadable
line stops the next crawl before it starts (nothing is overwritten). If the replay
itself fails, the crawl closes before its first request (finish reason
``journal_replay_failed``) and the journal is left as it was.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from pydantic import ValidationError
from scrapy import signals
from scrapy.exceptions import CloseSpider, NotConfigured
from scrapy.utils.job import job_dir

from careerscrape.items import Reject
from careerscrape.models import PAGE_MODELS, PageRecord
from careerscrape.pipelines.rejects import Rejected

logger = logging.getLogger(__name__)

VERSION = 1
OUTCOMES = ("record", "reject")
_KINDS = frozenset({"opened", "closed", *OUTCOMES})
#: Counters a part of the job hands on to the next: those run.json reports that the
#: replay does not count again (records, rejects, field counts and the catalog are
#: recounted by the pipelines as the journal's records and rejects go through them).
CARRIED = (
    "careerscrape/pages/",
    "careerscrape/duplicates",
    "careerscrape/links/",
    "careerscrape/blocked",
    "careerscrape/sitemaps/",
    "downloader/",
    "retry/",
    "cassette/",
    "dupefilter/",
)


class JournalError(RuntimeError):
    """The journal cannot be read; the crawl does not start, so no output is overwritten."""


def carried_counters(stats: dict[str, Any]) -> dict[str, int | float]:
    """The counters of ``stats`` that a resumed part adds back (see :data:`CARRIED`)."""
    return {
        key: value
        for key, value in sorted(stats.items())
        if key.startswith(CARRIED)
        and isinstance(value, int | float)
        and not isinstance(value, bool)
    }


class Journal:
    """The journal file of one job: read what earlier parts did, append what this one does.

    Opening it drops a last line cut short (a stop in the middle of a write) and
    reads every other line once, so that an unreadable journal is found before
    the crawl starts. No Scrapy here.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        #: Parts of the job opened so far, this one included once :meth:`open_part` ran.
        self.parts = 0
        #: When the first part opened (RFC 3339), None for a new job.
        self.started_at: str | None = None
        #: The spider arguments of the last part.
        self.arguments: dict[str, Any] | None = None
        #: Counters of the last closed part (cumulative over the job).
        self.counters: dict[str, int | float] = {}
        #: False when the last part opened never closed (killed, not stopped).
        self.closed_cleanly = True
        self.records = 0
        self.rejects = 0
        self._file: IO[str] | None = None
        if self.path.exists():
            self._drop_torn_tail()
            self._scan()

    # -- reading ---------------------------------------------------------------------------

    def _entries(self) -> Iterator[tuple[str, Any]]:
        with self.path.open("rb") as handle:
            for number, raw in enumerate(handle, 1):
                if not raw.strip():
                    continue
                try:
                    entry = json.loads(raw)
                except ValueError as exc:
                    raise JournalError(f"{self.path}:{number}: not a JSON line ({exc})") from exc
                if not isinstance(entry, dict) or len(entry) != 1 or not entry.keys() <= _KINDS:
                    raise JournalError(f"{self.path}:{number}: not a journal entry")
                yield next(iter(entry.items()))

    def _scan(self) -> None:
        for kind, data in self._entries():
            if kind == "opened":
                if data.get("journal") != VERSION:
                    raise JournalError(f"{self.path}: journal version {data.get('journal')!r}, "
                                       f"this careerscrape reads version {VERSION}")  # fmt: skip
                self.parts = data["part"]
                self.started_at = self.started_at or data["at"]
                self.arguments = data.get("arguments")
                self.closed_cleanly = False
            elif kind == "closed":
                self.counters = data["counters"]
                self.closed_cleanly = True
            elif kind == "record":
                self.records += 1
            else:
                self.rejects += 1

    def outcomes(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """``("record", data)`` and ``("reject", data)`` in the order they happened."""
        for kind, data in self._entries():
            if kind in OUTCOMES:
                yield kind, data

    def _drop_torn_tail(self) -> None:
        """Cut the bytes after the last newline: a line whose write was interrupted."""
        with self.path.open("r+b") as handle:
            size = end = handle.seek(0, os.SEEK_END)
            keep = 0
            while end > 0:
                start = max(0, end - 65536)
                handle.seek(start)
                newline = handle.read(end - start).rfind(b"\n")
                if newline >= 0:
                    keep = start + newline + 1
                    break
                end = start
            if keep < size:
                logger.warning("%s: dropped the last %d bytes, a line cut short by a stop",
                               self.path, size - keep)  # fmt: skip
                handle.truncate(keep)

    # -- writing ---------------------------------------------------------------------------

    def open_part(self, at: str, arguments: dict[str, Any]) -> int:
        """Start appending as the next part of the job; returns its number (1 for a new job)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file = self.path.open("a", encoding="utf-8", newline="\n")
        self.parts += 1
        self.started_at = self.started_at or at
        self.arguments = arguments
        opened = {"journal": VERSION, "part": self.parts, "at": at, "arguments": arguments}
        self._append({"opened": opened})
        return self.parts

    @property
    def writing(self) -> bool:
        """True between :meth:`open_part` and :meth:`close_part`."""
        return self._file is not None

    def record(self, data: dict[str, Any]) -> None:
        self._append({"record": data})
        self.records += 1

    def reject(self, data: dict[str, Any]) -> None:
        self._append({"reject": data})
        self.rejects += 1

    def close_part(self, reason: str, at: str, counters: dict[str, int | float]) -> None:
        """Write the part's closing line, flush it to disk and close the file."""
        closed = {"part": self.parts, "reason": reason, "at": at, "counters": counters}
        self._append({"closed": closed})
        assert self._file is not None
        os.fsync(self._file.fileno())
        self._file.close()
        self._file = None

    def _append(self, entry: dict[str, Any]) -> None:
        assert self._file is not None, "open_part() first"
        self._file.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self._file.flush()


def record_from_json(data: dict[str, Any]) -> PageRecord:
    """A journaled record back as its model (validated again, as any record is)."""
    return PAGE_MODELS[data["page_type"]].model_validate(data)


def _replayed_record(data: dict[str, Any]) -> PageRecord | Reject:
    """The record, or a ``validation`` reject if the contract changed since it was journaled
    (so the page is still accounted for, and the outputs keep to today's contract)."""
    try:
        return record_from_json(data)
    except KeyError:
        errors: list[dict[str, Any]] = []
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_context=False, include_input=False)
    detail = "a journaled record no longer meets the data contract"
    return Reject(str(data.get("url", "")), "validation", detail, errors=errors)


class JobJournal:
    """The extension: journals every outcome of a JOBDIR crawl and replays it on resume.

    It must come after Scrapy's FeedExporter in EXTENSIONS (FeedExporter is at 0
    in EXTENSIONS_BASE): spider_opened handlers run in that order, and the feeds
    must be open before the replayed records reach them.
    """

    def __init__(self, crawler: Any, journal: Journal) -> None:
        self.crawler = crawler
        self.journal = journal
        self._replaying = False
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(self.item_dropped, signal=signals.item_dropped)

    @classmethod
    def from_crawler(cls, crawler: Any) -> JobJournal:
        jobdir = job_dir(crawler.settings)
        if not jobdir or not crawler.settings.getbool("RUN_OUTPUTS"):
            raise NotConfigured
        _warn_of_appending_feeds(crawler.settings)
        return cls(crawler, Journal(Path(jobdir) / "careerscrape" / "journal.jsonl"))

    async def spider_opened(self, spider: Any) -> None:
        journal, stats = self.journal, self.crawler.stats
        arguments = _arguments(spider)
        if journal.parts:
            self._check_resumable(arguments)
            logger.info("resuming the job of %s (part %d): replaying %d records and %d rejects",
                        journal.path.parent.parent, journal.parts + 1, journal.records,
                        journal.rejects)  # fmt: skip
            try:
                await self._replay()
            except Exception as exc:  # the crawl must not go on from half of what was done
                logger.exception("the journal %s could not be replayed", journal.path)
                raise CloseSpider("journal_replay_failed") from exc
            for key, value in journal.counters.items():
                stats.inc_value(key, value)
        part = journal.open_part(_now(), arguments)
        stats.set_value("careerscrape/job/part", part)
        stats.set_value("careerscrape/job/started_at", journal.started_at)

    async def _replay(self) -> None:
        """Every record and reject of the journal through the item pipelines, in order."""
        scraper = self.crawler.engine.scraper
        self._replaying = True
        try:
            for kind, data in self.journal.outcomes():
                item = _replayed_record(data) if kind == "record" else Reject(**data)
                await scraper.start_itemproc_async(item, response=None)
        finally:
            self._replaying = False

    def _check_resumable(self, arguments: dict[str, Any]) -> None:
        journal = self.journal
        if not journal.closed_cleanly:
            logger.warning(
                "the last run of this job (part %d) did not close (killed rather than "
                "stopped): Scrapy kept no queue for it, so pages it had done may be fetched "
                "again and counted as duplicates",
                journal.parts,
            )
        if journal.arguments is not None and journal.arguments != arguments:
            logger.warning("this job was started with other spider arguments (%s); resuming "
                           "it with %s", journal.arguments, arguments)  # fmt: skip

    def item_scraped(self, item: Any, spider: Any = None) -> None:
        if not self._replaying and isinstance(item, PageRecord):
            self.journal.record(item.model_dump(mode="json"))

    def item_dropped(self, item: Any, exception: BaseException, spider: Any = None) -> None:
        if not self._replaying and isinstance(exception, Rejected):
            self.journal.reject(asdict(exception.reject))

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self.journal.writing:
            counters = carried_counters(self.crawler.stats.get_stats())
            self.journal.close_part(reason, _now(), counters)


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _arguments(spider: Any) -> dict[str, Any]:
    arguments = getattr(spider, "arguments", None)
    return arguments.model_dump(mode="json") if arguments is not None else {}


def _warn_of_appending_feeds(settings: Any) -> None:
    """A feed that appends (``-o``) cannot be rebuilt: the replay appends earlier parts again."""
    for uri, options in settings.getdict("FEEDS").items():
        if not (options or {}).get("overwrite", False):
            logger.warning(
                "feed %s appends to its file (-o): a resumed job writes the records of its "
                "earlier parts to it again; use -O or overwrite=True",
                uri,
            )
