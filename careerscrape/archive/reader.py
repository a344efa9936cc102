"""Read archives back: every capture indexed by page, the newest winning, revisits resolved.

An :class:`ArchiveIndex` is built in one pass over the given WARC files (oldest first
or in any order: dates decide) and keeps, per capture, where it is and what it is,
never its body. The newest capture of each URL wins. A ``revisit`` record stands for
the capture it points at (``WARC-Refers-To-Target-URI`` and ``-Date``), which may be
in another, older archive: :meth:`ArchiveIndex.resolve` finds it by page and date,
whatever host the page was crawled from. Bodies are read on demand, by seeking to
their gzip member (:meth:`ArchiveIndex.load`).

A crawl that was killed may leave a torn last gzip member: reading stops there with a
warning, and every record before it is used.
"""

from __future__ import annotations

import logging
import os
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import IO, Any
from urllib.parse import urljoin

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from careerscrape.archive.capture import (
    CANONICAL_SITE,
    HOPS,
    SITE,
    parse_warc_date,
    url_key,
)
from careerscrape.parsing.urls import canonical_url
from careerscrape.site import Site

__all__ = ["ArchiveError", "ArchiveIndex", "Entry", "Loaded", "Unresolved", "intact_length"]

logger = logging.getLogger(__name__)

#: What a torn or damaged gzip member raises while warcio reads it: a cut stream, or the
#: headers of half a record (warcio then fails on the fields it lacks, AttributeError...).
_DAMAGED = (ArchiveLoadFailed, EOFError, OSError, ValueError, zlib.error, AttributeError)


class ArchiveError(ValueError):
    """A file that is no WARC archive at all; ``str()`` is one line."""


class Unresolved(LookupError):
    """A revisit whose earlier capture is in none of the archives given."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One response or revisit record: where it is and what it says, without its body."""

    file: int
    offset: int
    url: str
    key: str
    date: datetime
    status: int
    hops: int | None
    #: For a revisit: the (key, date) of the capture it stands for.
    refers_to: tuple[str, datetime] | None = None
    #: The page's canonical URL (the archive's warcinfo names the sites).
    page_url: str = ""
    #: For a redirect: the key of the URL it leads to.
    location: str | None = None


@dataclass(frozen=True, slots=True)
class Loaded:
    """A capture's response: its own status line and headers, and the body it stands for."""

    status: int
    reason: str
    headers: list[tuple[str, str]]
    #: The body as received (content-encoded, as ``headers`` say).
    raw: bytes
    #: The body with its Content-Encoding undone (what a browser, or Scrapy, reads).
    body: bytes
    protocol: str


def _records(path: Path, handle: IO[bytes]) -> Iterator[tuple[int, Any]]:
    """(offset, record) of every record, stopping with a warning at a damaged member."""
    records = ArchiveIterator(handle)
    try:
        for record in records:
            yield records.offset, record  # where it starts (asking warcio would read it first)
    except _DAMAGED as exc:
        logger.warning("%s: damaged at byte %d (%s); the records before it are used",
                       path, records.offset, str(exc).strip().splitlines()[0])  # fmt: skip


def intact_length(path: Path) -> int:
    """Bytes of ``path`` up to the end of its last whole record: a killed crawl's torn last
    gzip member starts there. Read once before a JOBDIR job's next part appends."""
    end = 0
    with path.open("rb") as handle:
        records = ArchiveIterator(handle)
        try:
            for _ in records:
                records.read_to_end()
                end = records.get_record_offset() + records.get_record_length()
        except _DAMAGED:
            pass
    return end


class ArchiveIndex:
    """The captures of several WARC files, by page (see the module)."""

    def __init__(self, paths: Iterable[str | os.PathLike[str]]) -> None:
        self.paths = [Path(p) for p in paths]
        #: The newest capture of each URL key.
        self.newest: dict[str, Entry] = {}
        #: Every response record, by (key, date): what revisits resolve to.
        self._responses: dict[tuple[str, datetime], Entry] = {}
        self._handles: dict[int, IO[bytes]] = {}
        self.captures = 0
        for number, path in enumerate(self.paths):
            self._read(number, path)

    def _read(self, number: int, path: Path) -> None:
        canonical = "https://www.zippia.com"
        site: Site | None = None  # an archive not written by careerscrape names none
        with path.open("rb") as handle:
            if handle.read(2) not in (b"\x1f\x8b", b"WA"):
                raise ArchiveError(f"{path}: not a WARC file")
            handle.seek(0)
            for offset, record in _records(path, handle):
                kind = record.rec_type
                if kind == "warcinfo":
                    fields = _warc_fields(record.content_stream().read())
                    if SITE in fields:
                        canonical = fields.get(CANONICAL_SITE, canonical)
                        site = Site(fields[SITE], canonical)
                    continue
                if kind not in ("response", "revisit") or record.http_headers is None:
                    continue
                self._add(number, offset, record, canonical, site)

    def _add(
        self, number: int, offset: int, record: Any, canonical: str, site: Site | None
    ) -> None:
        headers = record.rec_headers
        url = headers.get_header("WARC-Target-URI")
        key = url_key(url, canonical)
        hops = headers.get_header(HOPS)
        refers_to = None
        if record.rec_type == "revisit":
            earlier = headers.get_header("WARC-Refers-To-Target-URI") or url
            refers_to = (
                url_key(earlier, canonical),
                parse_warc_date(headers.get_header("WARC-Refers-To-Date")),
            )
        status = int(record.http_headers.get_statuscode() or 0)
        location = record.http_headers.get_header("Location") if 300 <= status < 400 else None
        entry = Entry(
            file=number, offset=offset, url=url, key=key,
            date=parse_warc_date(headers.get_header("WARC-Date")),
            status=status,
            hops=int(hops) if hops is not None else None, refers_to=refers_to,
            page_url=site.canonical_url(url) if site else canonical_url(url),
            location=url_key(urljoin(url, location), canonical) if location else None,
        )  # fmt: skip
        self.captures += 1
        if refers_to is None:
            self._responses[(key, entry.date)] = entry
        known = self.newest.get(key)
        if known is None or entry.date >= known.date:
            self.newest[key] = entry

    def __len__(self) -> int:
        return len(self.newest)

    def get(self, key: str) -> Entry | None:
        return self.newest.get(key)

    def resolve(self, entry: Entry) -> Entry:
        """The response record that holds ``entry``'s content (``entry`` itself unless a
        revisit); :class:`Unresolved` when it is in none of the archives given."""
        if entry.refers_to is None:
            return entry
        found = self._responses.get(entry.refers_to)
        if found is None:
            key, date = entry.refers_to
            raise Unresolved(f"{entry.url}: a revisit of the capture of {key} at "
                             f"{date.isoformat()}, which none of the archives holds")  # fmt: skip
        return found

    def load(self, entry: Entry) -> Loaded:
        """The response ``entry`` stands for: a revisit gives its earlier capture's."""
        record = self._record(self.resolve(entry))
        http = record.http_headers
        raw = record.raw_stream.read()
        record.raw_stream = BytesIO(raw)  # and undo its Content-Encoding as warcio does
        body = record.content_stream().read()
        status, _, reason = http.statusline.partition(" ")
        return Loaded(int(status), reason, list(http.headers), raw, body, http.protocol)

    def _record(self, entry: Entry) -> Any:
        handle = self._handles.get(entry.file)
        if handle is None:
            handle = self._handles[entry.file] = self.paths[entry.file].open("rb")
        handle.seek(entry.offset)
        return next(iter(ArchiveIterator(handle)))

    def close(self) -> None:
        for handle in self._handles.values():
            handle.close()
        self._handles.clear()


def _warc_fields(data: bytes) -> dict[str, str]:
    """A warcinfo record's ``name: value`` lines."""
    fields = {}
    for line in data.decode("utf-8", "replace").splitlines():
        name, sep, value = line.partition(":")
        if sep:
            fields[name.strip().lower()] = value.strip()
    return fields
