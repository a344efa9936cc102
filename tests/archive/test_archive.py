"""The archive's plain code: captures written by ArchiveWriter, read back by ArchiveIndex."""

from __future__ import annotations

import gzip
import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from careerscrape.archive.capture import Capture, url_key
from careerscrape.archive.reader import ArchiveError, ArchiveIndex, Unresolved, intact_length
from careerscrape.archive.reparse import page_entries
from careerscrape.archive.writer import ArchiveWriter

MIRROR = "http://127.0.0.1:8000"
CANONICAL = "https://www.zippia.com"
T0 = datetime(2026, 12, 7, 3, 0, 0, 123456, tzinfo=UTC)
PAGE = b"<html><body><h1>What does a chef do?</h1></body></html>"


def _write(path: Path, *captures: tuple[str, Capture, dict]) -> None:
    writer = ArchiveWriter(path, MIRROR + "/", CANONICAL)
    for how, capture, extra in captures:
        if how == "revisit":
            writer.revisit(capture, **extra)
        else:
            writer.write(capture)
    writer.close()


def _page(path: str, when: datetime, status: int = 200, body: bytes = PAGE, **kw) -> Capture:
    headers = kw.pop("headers", [("Content-Type", "text/html; charset=utf-8")])
    return Capture(MIRROR + path, when, status, headers=headers, body=body, hops=0, **kw)


def test_a_capture_reads_back_decoded_by_its_canonical_url(tmp_path: Path) -> None:
    archive = tmp_path / "a.warc.gz"
    zipped = gzip.compress(PAGE)
    _write(archive, ("response", _page("/chef-jobs/", T0, body=zipped, headers=[
        ("Content-Type", "text/html"), ("Content-Encoding", "gzip"),
        ("Transfer-Encoding", "chunked")]), {}))  # fmt: skip
    index = ArchiveIndex([archive])
    entry = index.get(url_key("https://zippia.example/chef-jobs/", CANONICAL))
    assert entry is not None and entry.page_url == f"{CANONICAL}/chef-jobs/"
    assert (entry.date, entry.hops, entry.status) == (T0, 0, 200)
    loaded = index.load(entry)
    assert (loaded.raw, loaded.body) == (zipped, PAGE)
    # The chunking Scrapy undid is not claimed again: a reader would try to undo it twice.
    assert [name for name, _ in loaded.headers] == ["Content-Type", "Content-Encoding"]
    index.close()


def test_the_newest_capture_wins_and_a_revisit_stands_for_the_older_one(tmp_path: Path) -> None:
    old, new = tmp_path / "old.warc.gz", tmp_path / "new.warc.gz"
    _write(old, ("response", _page("/a/", T0), {}))
    later = T0 + timedelta(days=7)
    not_modified = _page("/a/", later, status=304, body=b"")
    _write(new, ("revisit", not_modified, {"refers_to_url": MIRROR + "/a/", "refers_to_date": T0}))
    alone = ArchiveIndex([new])
    with pytest.raises(Unresolved, match="none of the archives"):
        alone.load(alone.get(f"{CANONICAL}/a/"))
    index = ArchiveIndex([new, old])  # any order: dates decide
    entry = index.get(f"{CANONICAL}/a/")
    assert entry.date == later and entry.refers_to == (f"{CANONICAL}/a/", T0)
    assert index.resolve(entry).date == T0
    loaded = index.load(entry)
    assert (loaded.status, loaded.body) == (200, PAGE)


def test_a_torn_last_record_is_skipped_and_the_next_part_appends_after_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    archive = tmp_path / "a.warc.gz"
    _write(archive, ("response", _page("/a/", T0), {}), ("response", _page("/b/", T0), {}))
    whole = archive.stat().st_size
    with archive.open("ab") as handle:  # a part killed mid-record
        handle.write(gzip.compress(b"WARC/1.1\r\nWARC-Type: response\r\n" + b"x" * 500)[:60])
    with caplog.at_level(logging.WARNING):
        index = ArchiveIndex([archive])
    assert sorted(index.newest) == [f"{CANONICAL}/a/", f"{CANONICAL}/b/"]
    assert "damaged" in caplog.text
    assert intact_length(archive) == whole
    with archive.open("r+b") as handle:  # what the archive middleware does on resuming
        handle.truncate(intact_length(archive))
    _write(archive, ("response", _page("/c/", T0), {}))
    with archive.open("rb") as handle:  # warcio reads every part's records, in order
        kinds = [record.rec_type for record in ArchiveIterator(handle)]
    assert kinds == ["warcinfo", *["response", "request"] * 2, "warcinfo", "response", "request"]


def test_a_rebuild_parses_pages_not_robots_nor_followed_redirects(tmp_path: Path) -> None:
    archive = tmp_path / "a.warc.gz"
    robots = Capture(MIRROR + "/robots.txt", T0, 200, body=b"User-agent: *\n")
    _write(archive, ("response", robots, {}),
           ("response", _page("/old/", T0, 301, b"", headers=[("Location", "/new/")]), {}),
           ("response", _page("/gone/", T0, 301, b"", headers=[("Location", "/away/")]), {}),
           ("response", _page("/new/", T0), {}))  # fmt: skip
    entries = page_entries(ArchiveIndex([archive]))
    assert [entry.key for entry in entries] == [f"{CANONICAL}/gone/", f"{CANONICAL}/new/"]


def test_a_file_that_is_no_archive_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.warc.gz"
    path.write_text("roles.jsonl, not an archive")
    with pytest.raises(ArchiveError, match="not a WARC file"):
        ArchiveIndex([path])
