"""The job journal: a crawl stopped part-way, however it stopped, resumes to the same end.

This module is the journal file and what can be read from it, with no Scrapy;
the extension careerscrape.extensions.journal keeps it during a crawl.

With ``-s JOBDIR=DIR`` a crawl is a job that can be stopped and run again. Scrapy
keeps its own queue and filter there, but only a part that closes cleanly leaves
them whole: a SIGKILL or a power cut loses the queue, the pages sitemaps listed and
what careerscrape built from the pages done. So careerscrape keeps the job's truth
in its own append-only journal, ``DIR/careerscrape/journal.jsonl``, one JSON object
a line, each flushed as it happens:

- ``{"opened": {...}}`` when a part of the job starts (its number, time, spider arguments);
- ``{"asked": {"url", "request", "hops"}}`` for every page the crawl asks for (its
  canonical URL, the URL requested, its link hops from a start page), written before
  the record of the page it was found on;
- ``{"record": {...}, "asked": URL}`` for every record that reached the feeds, as
  ``model_dump(mode="json")``, with the page asked for; ``{"reject": {...}}`` for every
  line of rejects.jsonl; ``{"duplicate": {"url"}}`` for a page that ended as a
  duplicate;
- ``{"closed": {...}}`` when a part closes: its reason and the counters listed in
  :data:`CARRIED` (responses, links...). The file is then fsynced, as it is every
  :data:`SYNC_SECONDS` while the part runs.

Every part after the first rebuilds the job from the journal alone, whether the part
before it closed or was killed: Scrapy's files in JOBDIR are removed first (their
state may be torn), every record and reject goes through the item pipelines again
(the feeds, dedupe set, field counts, catalog and rejects.jsonl are where they
were), the pages asked for that have no outcome are asked for again, then the start
pages and sitemaps are read again and whatever they list that was not asked for
yet is asked for. The pages-asked and duplicate counters come from the journal, the
other counters from the last part that closed (a killed part's response counts are
lost). Pages that were in flight when a part was killed are fetched again. A line
cut short by a kill is dropped; any other unreadable line stops the next crawl
before it starts (nothing is overwritten). If the replay itself fails, the crawl
closes before its first request (finish reason ``journal_replay_failed``).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from pydantic import ValidationError

from careerscrape.items import Reject
from careerscrape.models import PAGE_MODELS, PageRecord
from careerscrape.stats import BLOCKED, PAGES_REQUESTED

logger = logging.getLogger(__name__)

VERSION = 2
OUTCOMES = ("record", "reject")
_KINDS = frozenset({"opened", "closed", "asked", "duplicate", *OUTCOMES})
#: Seconds between two fsyncs of the journal while a part runs: what a power cut may take.
SYNC_SECONDS = 1.0
#: What Scrapy keeps in JOBDIR; a resumed part rebuilds from the journal instead.
SCRAPY_JOB_FILES = ("requests.queue", "requests.seen", "spider.state")
#: Counters a part of the job hands on to the next: those run.json reports that the
#: replay does not count again (records, rejects, field counts and the catalog are
#: recounted by the pipelines; pages asked for and duplicates come from the journal;
#: sitemaps are read again).
CARRIED = (
    "careerscrape/pages/",
    "careerscrape/links/",
    BLOCKED,
    "downloader/",
    "retry/",
    "cassette/",
    "dupefilter/",
)
_RECOUNTED = (PAGES_REQUESTED,)


class JournalError(RuntimeError):
    """The journal cannot be read; the crawl does not start, so no output is overwritten."""


def carried_counters(stats: dict[str, Any]) -> dict[str, int | float]:
    """The counters of ``stats`` that a resumed part adds back (see :data:`CARRIED`)."""
    return {
        key: value
        for key, value in sorted(stats.items())
        if key.startswith(CARRIED)
        and key not in _RECOUNTED
        and isinstance(value, int | float)
        and not isinstance(value, bool)
    }


@dataclass
class Frontier:
    """Where a job stands: pages that ended, and pages asked for that did not (yet)."""

    #: Canonical URLs of the pages that ended (record, reject or duplicate).
    ended: set[str] = field(default_factory=set)
    #: (URL requested, hops) of the pages asked for with no outcome, in the order asked.
    pending: list[tuple[str, int]] = field(default_factory=list)
    duplicates: int = 0


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
        self._synced = 0.0
        if self.path.exists():
            self._drop_torn_tail()
            self._scan()

    # -- reading ---------------------------------------------------------------------------

    def _entries(self) -> Iterator[tuple[str, Any, dict[str, Any]]]:
        """(kind, data, the whole entry) of every line."""
        with self.path.open("rb") as handle:
            for number, raw in enumerate(handle, 1):
                if not raw.strip():
                    continue
                try:
                    entry = json.loads(raw)
                except ValueError as exc:
                    raise JournalError(f"{self.path}:{number}: not a JSON line ({exc})") from exc
                keys = set(entry) if isinstance(entry, dict) else set()
                if keys == {"record", "asked"}:  # a record, with the page asked for
                    keys = {"record"}
                if len(keys) != 1 or not keys <= _KINDS:
                    raise JournalError(f"{self.path}:{number}: not a journal entry")
                kind = keys.pop()
                yield kind, entry[kind], entry

    def _scan(self) -> None:
        for kind, data, _ in self._entries():
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
            elif kind == "reject":
                self.rejects += 1

    def outcomes(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """``("record", data)`` and ``("reject", data)`` in the order they happened."""
        for kind, data, _ in self._entries():
            if kind in OUTCOMES:
                yield kind, data

    def frontier(self) -> Frontier:
        """The pages that ended, and those asked for that did not, from the whole journal."""
        asked: dict[str, tuple[str, int]] = {}
        frontier = Frontier()
        for kind, data, entry in self._entries():
            if kind == "asked":
                asked.setdefault(data["url"], (data["request"], data["hops"]))
            elif kind == "record":
                frontier.ended.add(entry.get("asked") or data["url"])
            elif kind == "reject":
                frontier.ended.add(data["url"])
            elif kind == "duplicate":
                frontier.ended.add(data["url"])
                frontier.duplicates += 1
        frontier.pending = [page for url, page in asked.items() if url not in frontier.ended]
        return frontier

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

    def asked(self, url: str, request: str, hops: int) -> None:
        self._append({"asked": {"url": url, "request": request, "hops": hops}})

    def record(self, data: dict[str, Any], asked: str | None = None) -> None:
        self._append({"record": data, "asked": asked} if asked else {"record": data})
        self.records += 1

    def reject(self, data: dict[str, Any]) -> None:
        self._append({"reject": data})
        self.rejects += 1

    def duplicate(self, url: str) -> None:
        self._append({"duplicate": {"url": url}})

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
        self._file.flush()  # a kill keeps it (the OS has it)...
        now = time.monotonic()
        if now - self._synced >= SYNC_SECONDS:  # ...and a power cut takes a second at most
            os.fsync(self._file.fileno())
            self._synced = now


def record_from_json(data: dict[str, Any]) -> PageRecord:
    """A journaled record back as its model (validated again, as any record is)."""
    return PAGE_MODELS[data["page_type"]].model_validate(data)


def replayed_record(data: dict[str, Any]) -> PageRecord | Reject:
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


def remove_scrapy_job_files(jobdir: Path) -> None:
    """Scrapy's queue, filter and spider state in JOBDIR: torn by a kill, and redundant with
    the journal, from which a resumed part rebuilds them."""
    for name in SCRAPY_JOB_FILES:
        path = jobdir / name
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
