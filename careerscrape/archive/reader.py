"""Read archives back: every capture indexed by page, the newest winning, revisits resolved.

An :class:`ArchiveIndex` is built from the given WARC files' indexes (oldest first
or in any order: dates decide; careerscrape.archive.index: a file without one, or
the part its index does not cover, is scanned) and keeps, per capture, where it is
and what it is, never its body. The newest capture of each URL wins. A ``revisit``
record stands for the capture it points at (``WARC-Refers-To-Target-URI`` and
``-Date``), which may be in another, older archive: :meth:`ArchiveIndex.resolve`
finds it by page and date, whatever host the page was crawled from. Bodies are read
on demand, by seeking to their gzip member (:meth:`ArchiveIndex.load`).

A crawl that was killed may leave a torn last gzip member: reading stops there with a
warning, and every record before it is used.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import IO, Any
from urllib.parse import urljoin

from warcio.archiveiterator import ArchiveIterator

from careerscrape.archive.capture import (
    CANONICAL_SITE,
    SITE,
    parse_warc_date,
    url_key,
)
from careerscrape.archive.index import DAMAGED, HOPS_FIELD, IndexLine, index_path, indexed, scan
from careerscrape.parsing.urls import canonical_url
from careerscrape.site import Site

__all__ = ["ArchiveError", "ArchiveIndex", "Entry", "Loaded", "Unresolved", "intact_length"]


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
    #: For a redirect: the key of the URL it leads to.
    location: str | None = None
    #: The sites the archive's warcinfo names (None: an archive not written by careerscrape).
    site: Site | None = None

    @property
    def page_url(self) -> str:
        """The page's canonical URL. Worked out when asked, for the captures a reader
        uses: half the cost of indexing an archive, were it done for every capture."""
        return self.site.canonical_url(self.url) if self.site else canonical_url(self.url)


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


def _lines(path: Path, handle: IO[bytes]) -> Iterator[tuple[IndexLine, bytes | None]]:
    """(index line, content of a warcinfo record else None) of every record of ``path``:
    from its index while the index agrees with it, then by scanning the rest."""
    end = 0
    for line in indexed(path, os.fstat(handle.fileno()).st_size):
        info = None
        if line.get("warc-type") == "warcinfo":
            handle.seek(int(line["offset"]))
            info = next(iter(ArchiveIterator(handle))).content_stream().read()
        yield line, info
        end = int(line["offset"]) + int(line["length"])
    handle.seek(end)
    yield from scan(path, handle)


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
        except DAMAGED:
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
            for line, info in _lines(path, handle):
                kind = line.get("warc-type")
                if kind == "warcinfo":
                    fields = _warc_fields(info or b"")
                    if SITE in fields:
                        canonical = fields.get(CANONICAL_SITE, canonical)
                        site = Site(fields[SITE], canonical)
                elif kind in ("response", "revisit") and "http:status" in line:
                    self._add(number, line, canonical, site)

    def _add(self, number: int, line: IndexLine, canonical: str, site: Site | None) -> None:
        url = line["warc-target-uri"]
        key = url_key(url, canonical)
        hops = line.get(HOPS_FIELD)
        refers_to = None
        if line["warc-type"] == "revisit":
            earlier = line.get("warc-refers-to-target-uri") or url
            refers_to = (url_key(earlier, canonical), parse_warc_date(line["warc-refers-to-date"]))
        status = int(line["http:status"] or 0)
        location = line.get("http:location") if 300 <= status < 400 else None
        entry = Entry(
            file=number, offset=int(line["offset"]), url=url, key=key,
            date=parse_warc_date(line["warc-date"]), status=status,
            hops=int(hops) if hops is not None else None, refers_to=refers_to,
            location=url_key(urljoin(url, location), canonical) if location else None,
            site=site,
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
        record = next(iter(ArchiveIterator(handle)), None)
        if record is None or record.rec_headers.get_header("WARC-Target-URI") != entry.url:
            path = self.paths[entry.file]
            raise ArchiveError(f"{path}: no capture of {entry.url} at byte {entry.offset}, "
                               f"where {index_path(path)} puts it: that index is not this "
                               "archive's; remove it, and the archive is read alone")  # fmt: skip
        return record

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
