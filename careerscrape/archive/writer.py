"""Append captures to a WARC file as they come: one gzip member per record, nothing held.

Each capture is a ``response`` record and the ``request`` record that asked for it
(``WARC-Concurrent-To``), dated with the instant the crawl stamped the page with;
a page a refresh run carried over is a ``revisit`` record pointing at its earlier
capture. Each record is its own gzip member, flushed at once: a reader can seek to
any record, a killed crawl leaves at most a torn last member (readers skip it), and
the parts of a JOBDIR job append to the same file. warcio builds the records and
their digests; the compression is ours, at level 1, a quarter of the cost of
warcio's level 9 for archives 15% larger (docs/archive.md). Beside the archive, its
index gets a line per record (careerscrape.archive.index), so that readers need not
scan it; an index that cannot be written is dropped, with a warning.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import zlib
from base64 import b32encode
from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import IO

from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from careerscrape import __version__
from careerscrape.archive.capture import (
    CANONICAL_SITE,
    HOPS,
    NOT_MODIFIED,
    SAME_CONTENT,
    SITE,
    Capture,
    warc_date,
)
from careerscrape.archive.index import index_line, index_path, reindex

__all__ = ["ArchiveWriter", "payload_digest"]

logger = logging.getLogger(__name__)

#: zlib level of each gzip member (see the module).
GZIP_LEVEL = 1
#: Response headers that describe the bytes on the wire, not the body Scrapy hands over:
#: it has undone the chunking already, so a reader must not try again.
_WIRE_ONLY = frozenset({"transfer-encoding"})


def payload_digest(body: bytes) -> str:
    """``sha1:BASE32``, the WARC-Payload-Digest warcio writes and checks."""
    return "sha1:" + b32encode(hashlib.sha1(body).digest()).decode("ascii")


class _GzipMembers:
    """The file as warcio writes a record to it: each flush ends one gzip member."""

    def __init__(self, file: IO[bytes]) -> None:
        self.file = file
        self._member: zlib._Compress | None = None
        self._start = file.tell()
        #: (offset, length) of each member ended since the writer last took them.
        self.written: list[tuple[int, int]] = []

    def write(self, data: bytes) -> None:
        if self._member is None:
            self._member = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, zlib.MAX_WBITS | 16)
        self.file.write(self._member.compress(data))

    def flush(self) -> None:
        if self._member is not None:
            self.file.write(self._member.flush())
            self._member = None
        self.file.flush()
        end = self.file.tell()
        if end > self._start:
            self.written.append((self._start, end - self._start))
            self._start = end


class ArchiveWriter:
    """A WARC file open for appending; a ``warcinfo`` record names the site crawled."""

    def __init__(self, path: str | os.PathLike[str], site: str, canonical_site: str) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._index = self._open_index()
        self._file = self.path.open("ab")
        self._members = _GzipMembers(self._file)
        self._warc = WARCWriter(self._members, gzip=False, warc_version="1.1")
        info = {
            "software": f"careerscrape/{__version__} (warcio)",
            "format": "WARC File Format 1.1",
            SITE: site,
            CANONICAL_SITE: canonical_site,
        }
        warcinfo = self._warc.create_warcinfo_record(self.path.name, info)
        self._warc.write_record(warcinfo)
        self._indexed(warcinfo)

    @property
    def size(self) -> int:
        """Bytes written so far (a JOBDIR job's earlier parts included)."""
        return self._file.tell()

    def write(self, capture: Capture) -> None:
        """The response and the request that asked for it."""
        response = self._warc.create_warc_record(
            capture.url, "response", payload=BytesIO(capture.body), length=len(capture.body),
            warc_headers_dict=self._fields(capture), http_headers=_response_headers(capture),
        )  # fmt: skip
        self._pair(response, capture)

    def revisit(self, capture: Capture, refers_to_url: str, refers_to_date: datetime) -> None:
        """A page carried over: a 304 (``server-not-modified``) or the same body again
        (``identical-payload-digest``), pointing at the capture its record was read from."""
        fields = {
            **self._fields(capture),
            "WARC-Profile": NOT_MODIFIED if capture.status == 304 else SAME_CONTENT,
            "WARC-Refers-To-Target-URI": refers_to_url,
            "WARC-Refers-To-Date": warc_date(refers_to_date),
        }
        if capture.status != 304:
            fields["WARC-Payload-Digest"] = payload_digest(capture.body)
        record = self._warc.create_warc_record(
            capture.url, "revisit", warc_headers_dict=fields,
            http_headers=_response_headers(capture),
        )  # fmt: skip
        self._pair(record, capture)

    def close(self) -> None:
        self._file.close()
        if self._index is not None:
            try:
                self._index.close()
            except OSError as exc:
                self._drop_index(exc)

    def _pair(self, response: ArcWarcRecord, capture: Capture) -> None:
        request = self._request(capture)
        self._warc.write_request_response_pair(request, response)  # the response first
        self._indexed(response, request)

    def _indexed(self, *records: ArcWarcRecord) -> None:
        """The index lines of the records just written, one gzip member each."""
        written, self._members.written = self._members.written, []
        if self._index is None:
            return
        try:
            for record, (offset, length) in zip(records, written, strict=True):
                index_line(record, offset, length, self._index)
        except OSError as exc:
            self._drop_index(exc)

    def _open_index(self) -> IO[str] | None:
        try:
            if self.path.exists():  # a JOBDIR job's next part: the index first made whole
                reindex(self.path)
            return index_path(self.path).open("a", encoding="utf-8")
        except OSError as exc:
            self._drop_index(exc)
            return None

    def _drop_index(self, exc: OSError) -> None:
        """An index that cannot be written is removed: readers then scan the archive."""
        logger.warning("Archive: cannot write the index of %s (%s); readers will scan the "
                       "archive instead", self.path, exc)  # fmt: skip
        self._index = None
        with contextlib.suppress(OSError):  # not even that: its lines still agree, or not
            index_path(self.path).unlink(missing_ok=True)

    @staticmethod
    def _fields(capture: Capture) -> dict[str, str]:
        fields = {"WARC-Date": warc_date(capture.date)}
        if capture.hops is not None:
            fields[HOPS] = str(capture.hops)
        return fields

    def _request(self, capture: Capture) -> ArcWarcRecord:
        parts = capture.url.split("/", 3)
        target = "/" + (parts[3] if len(parts) > 3 else "")
        headers = StatusAndHeaders(f"{capture.method} {target} {capture.protocol}",
                                   capture.request_headers, is_http_request=True)  # fmt: skip
        return self._warc.create_warc_record(capture.url, "request", http_headers=headers)


def _response_headers(capture: Capture) -> StatusAndHeaders:
    status = f"{capture.status} {capture.reason}".strip()
    headers = [(k, v) for k, v in capture.headers if k.lower() not in _WIRE_ONLY]
    return StatusAndHeaders(status, headers, protocol=capture.protocol)
