"""The archive's index: a line per record, written beside it, so a reader need not scan it.

Finding the pages in a WARC file means decompressing every record of it: 0.15 ms a
page, as much as a fifth of the parse itself, and done before anything else can
start. So the crawl writes, next to ``pages.warc.gz``, ``pages.warc.gz.index.jsonl``:
for each record, where it is and what a reader picks captures by. Each line is
what warcio's own indexer prints for the record,

    warcio index -f offset,length,warc-type,warc-target-uri,warc-date,\
warc-refers-to-target-uri,warc-refers-to-date,careerscrape-hops,http:status,http:location

made by the same code (warcio's ``Indexer``), so an index can be checked, or
made again, with warcio alone.

The archive is the record; the index only saves a scan. It is used for as long as
it agrees with the archive: its records must tile the file from byte 0, each where
the last ended, none past the end. From the first line that does not (a torn
line, a gap, an index of another file), and after its last line, the archive is
scanned (:func:`scan`). A killed crawl's index may lag its archive, or end in a torn
line; the next part of a JOBDIR job makes it whole again before appending
(:func:`reindex`).
"""

from __future__ import annotations

import json
import logging
import os
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.indexer import Indexer

from careerscrape.archive.capture import HOPS
from careerscrape.atomic import write_jsonl
from careerscrape.outputs import ARCHIVE_INDEX_SUFFIX

__all__ = [
    "DAMAGED",
    "HOPS_FIELD",
    "INDEX_FIELDS",
    "IndexLine",
    "index_line",
    "index_path",
    "indexed",
    "reindex",
    "scan",
]

logger = logging.getLogger(__name__)

#: The index field of the capture's link hops (careerscrape.archive.capture.HOPS).
HOPS_FIELD = HOPS.lower()
#: The fields of an index line (see the module), in warcio's names.
INDEX_FIELDS = (
    "offset",
    "length",
    "warc-type",
    "warc-target-uri",
    "warc-date",
    "warc-refers-to-target-uri",
    "warc-refers-to-date",
    HOPS_FIELD,
    "http:status",
    "http:location",
)
#: An index line, decoded: field -> value, every value a string, a field the record
#: lacks left out (as warcio writes them).
IndexLine = dict[str, str]
#: What a torn or damaged gzip member raises while warcio reads it: a cut stream, or the
#: headers of half a record (warcio then fails on the fields it lacks, AttributeError...).
DAMAGED = (ArchiveLoadFailed, EOFError, OSError, ValueError, zlib.error, AttributeError)

_INDEXER = Indexer(list(INDEX_FIELDS), [], None)


def index_path(archive: str | os.PathLike[str]) -> Path:
    """Where the index of ``archive`` is: beside it, ``NAME.index.jsonl``."""
    archive = Path(archive)
    return archive.with_name(archive.name + ARCHIVE_INDEX_SUFFIX)


class _Place:
    """Where a record is, as warcio's indexer asks an ArchiveIterator for it."""

    def __init__(self, offset: int, length: int) -> None:
        self.offset, self.length = offset, length

    def get_record_offset(self) -> int:
        return self.offset

    def get_record_length(self) -> int:
        return self.length


def index_line(record: Any, offset: int, length: int, file: IO[str]) -> None:
    """Write ``record``'s index line to ``file``: warcio's indexer writes it."""
    _INDEXER.process_index_entry(_Place(offset, length), record, "", file)


def indexed(archive: Path, size: int) -> Iterator[IndexLine]:
    """The lines of ``archive``'s index while they agree with it (``size`` bytes long):
    each record where the last ended, from byte 0, none past the end."""
    try:
        handle = index_path(archive).open("rb")
    except OSError:  # none, or none that can be read: the archive is scanned
        return
    end = 0
    with handle:
        for raw in handle:
            try:
                line = json.loads(raw)
                offset, length = int(line["offset"]), int(line["length"])
            except (ValueError, KeyError, TypeError):
                return
            if offset != end or length <= 0 or offset + length > size:
                return
            yield line
            end = offset + length


def scan(archive: Path, handle: IO[bytes]) -> Iterator[tuple[IndexLine, bytes | None]]:
    """(index line, content of a warcinfo record else None) of every record from
    ``handle``'s position on, read with warcio; stops with a warning at a damaged gzip
    member."""
    records = ArchiveIterator(handle)
    out = _Lines()
    try:
        for record in records:
            info = record.content_stream().read() if record.rec_type == "warcinfo" else None
            _INDEXER.process_index_entry(records, record, "", out)
            yield out.line, info
    except DAMAGED as exc:
        logger.warning("%s: damaged at byte %d (%s); the records before it are used",
                       archive, records.offset, str(exc).strip().splitlines()[0])  # fmt: skip


def reindex(archive: Path) -> None:
    """Make ``archive``'s index whole: its lines that agree with the archive, then a line
    for each record after them. Before a JOBDIR job's next part appends to both."""
    lines = list(indexed(archive, archive.stat().st_size))
    end = int(lines[-1]["offset"]) + int(lines[-1]["length"]) if lines else 0
    with archive.open("rb") as handle:
        handle.seek(end)
        lines += [line for line, _ in scan(archive, handle)]
    write_jsonl(index_path(archive), lines)


class _Lines:
    """A file for warcio's indexer that keeps the line it writes, decoded."""

    line: IndexLine

    def write(self, text: str) -> None:
        self.line = json.loads(text)
