"""The archive's index: warcio's own lines, used only while they agree with the archive."""

from __future__ import annotations

import io
import json
import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from warcio.indexer import Indexer

from careerscrape.archive.capture import Capture
from careerscrape.archive.index import INDEX_FIELDS, index_path
from careerscrape.archive.reader import ArchiveError, ArchiveIndex
from careerscrape.archive.writer import ArchiveWriter

MIRROR = "http://127.0.0.1:8000"
CANONICAL = "https://www.zippia.com"
T0 = datetime(2026, 12, 7, 3, 0, 0, 123456, tzinfo=UTC)
HTML = [("Content-Type", "text/html; charset=utf-8")]
PATHS = ["/chef-jobs/", "/cook-jobs/", "/baker-jobs/"]


def _page(path: str, when: datetime, status: int = 200, **kw) -> Capture:
    body = f"<html><h1>{path}</h1></html>".encode()
    return Capture(MIRROR + path, when, status, headers=kw.pop("headers", HTML), body=body,
                   hops=0, **kw)  # fmt: skip


def _archive(path: Path, count: int = 3) -> Path:
    """A response for each of ``count`` pages, then a revisit and a redirect."""
    writer = ArchiveWriter(path, MIRROR + "/", CANONICAL)
    for number, page in enumerate(PATHS[:count]):
        writer.write(_page(page, T0 + timedelta(seconds=number)))
    later = T0 + timedelta(days=7)
    writer.revisit(_page(PATHS[0], later, status=304), MIRROR + PATHS[0], T0)
    writer.write(_page("/old-chef/", later, status=301, headers=[("Location", PATHS[0])]))
    writer.close()
    return path


def _warcio_index(archive: Path) -> list[dict[str, str]]:
    """What ``warcio index -f INDEX_FIELDS`` prints for the archive."""
    out = io.StringIO()
    indexer = Indexer(list(INDEX_FIELDS), [str(archive)], "-")
    with archive.open("rb") as handle:
        indexer.process_one(handle, out, str(archive))
    return [json.loads(line) for line in out.getvalue().splitlines()]


def _captures(archive: Path) -> dict[str, tuple]:
    index = ArchiveIndex([archive])
    try:
        found = {}
        for key, entry in index.newest.items():
            body = index.load(entry).body
            found[key] = (entry.offset, entry.date, entry.status, entry.refers_to, body)
            found[key] += (entry.location,)
        return found
    finally:
        index.close()


def _index_lines(archive: Path) -> list[str]:
    return index_path(archive).read_text(encoding="utf-8").splitlines(keepends=True)


def test_the_index_is_what_warcio_index_prints(tmp_path: Path) -> None:
    archive = _archive(tmp_path / "pages.warc.gz")
    assert index_path(archive) == tmp_path / "pages.warc.gz.index.jsonl"
    lines = [json.loads(line) for line in _index_lines(archive)]
    assert lines == _warcio_index(archive)
    # warcinfo, then a response and its request for each of 3 pages, the revisit and the
    # redirect: every record, each where the last ended.
    assert [line["warc-type"] for line in lines] == ["warcinfo"] + ["response", "request"] * 3 + [
        "revisit", "request", "response", "request"]  # fmt: skip
    ends = [int(line["offset"]) + int(line["length"]) for line in lines]
    assert [int(line["offset"]) for line in lines] == [0, *ends[:-1]]
    assert ends[-1] == archive.stat().st_size
    assert lines[-2]["http:location"] == "/chef-jobs/" and lines[-2]["http:status"] == "301"
    assert lines[-4]["warc-refers-to-date"] == "2026-12-07T03:00:00.123456Z"


def test_a_reader_finds_the_same_captures_with_the_index_or_by_scanning(tmp_path: Path) -> None:
    archive = _archive(tmp_path / "pages.warc.gz")
    indexed = _captures(archive)
    assert len(indexed) == 4 and indexed[f"{CANONICAL}/chef-jobs/"][2] == 304
    index_path(archive).unlink()
    assert _captures(archive) == indexed


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda lines: lines[:4], id="lagging"),  # a killed crawl's buffer lost
        pytest.param(lambda lines: [*lines[:4], lines[4][:25]], id="torn last line"),
        pytest.param(lambda lines: [*lines[:3], *lines[5:]], id="gap"),
        pytest.param(lambda lines: [lines[0], "not json\n", *lines[1:]], id="garbage"),
        pytest.param(lambda lines: lines[5:], id="not from byte 0"),
    ],
)
def test_an_index_that_disagrees_is_used_as_far_as_it_agrees(tmp_path: Path, damage) -> None:
    archive = _archive(tmp_path / "pages.warc.gz")
    whole = _captures(archive)
    index_path(archive).write_text("".join(damage(_index_lines(archive))), encoding="utf-8")
    assert _captures(archive) == whole


def test_an_index_of_another_archive_fails_loudly_not_with_wrong_pages(tmp_path: Path) -> None:
    archive = _archive(tmp_path / "pages.warc.gz")
    # Same offsets and lengths, other URLs: an index left behind when the archive was replaced.
    stale = [line.replace("/cook-jobs/", "/cake-jobs/") for line in _index_lines(archive)]
    index_path(archive).write_text("".join(stale), encoding="utf-8")
    index = ArchiveIndex([archive])
    entry = index.get(f"{CANONICAL}/cake-jobs/")
    assert entry is not None
    with pytest.raises(ArchiveError) as error:
        index.load(entry)
    assert str(error.value) == (
        f"{archive}: no capture of {MIRROR}/cake-jobs/ at byte {entry.offset}, where "
        f"{index_path(archive)} puts it: that index is not this archive's; remove it, and "
        "the archive is read alone"
    )
    index.close()


def test_the_next_part_of_a_job_makes_the_index_whole_before_appending(tmp_path: Path) -> None:
    archive = _archive(tmp_path / "pages.warc.gz", count=2)
    lines = _index_lines(archive)
    index_path(archive).write_text("".join([*lines[:2], lines[2][:10]]), encoding="utf-8")
    writer = ArchiveWriter(archive, MIRROR + "/", CANONICAL)  # as a resumed JOBDIR job does
    writer.write(_page(PATHS[2], T0 + timedelta(days=8)))
    writer.close()
    lines = [json.loads(line) for line in _index_lines(archive)]
    assert lines == _warcio_index(archive)
    assert [line["warc-type"] for line in lines].count("warcinfo") == 2
    assert len(lines) == 1 + 2 * 2 + 2 + 2 + 1 + 2


def test_an_index_that_cannot_be_written_is_left_out_with_a_warning(tmp_path: Path, caplog) -> None:
    archive = tmp_path / "pages.warc.gz"
    index_path(archive).mkdir()  # in the index's place: opening it fails, as a full disk would
    with caplog.at_level(logging.WARNING):
        _archive(archive)
    assert f"cannot write the index of {archive}" in caplog.text
    assert index_path(archive).is_dir()  # left as it was; readers scan the archive
    assert len(_captures(archive)) == 4
