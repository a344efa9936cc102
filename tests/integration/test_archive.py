"""The web archive, end to end: real crawls of a generated site on 127.0.0.1, read back by
warcio's own iterator, rebuilt by ``careerscrape reparse``, crawled offline, made a fixture.

One first crawl (module fixture) follows links from one role page through the whole
40-page site; a refresh crawl of it (every page answered 304) is the second. Both run
with the archive on, as by default.
"""

from __future__ import annotations

import io
import json
import shutil
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest
from support.crawl import CrawlResult, crawl
from warcio.archiveiterator import ArchiveIterator
from warcio.indexer import Indexer

from careerscrape.archive.index import INDEX_FIELDS
from careerscrape.cassette import load_cassette
from careerscrape.cli import main
from careerscrape.parsing import page as page_module
from careerscrape.testing.fixtures import UnreviewedFixture, field_differences, load_fixtures
from careerscrape.testing.localsite import serve
from careerscrape.testing.sitegen import Site, generate_site

SEED = 7
PAGES = 40
ARCHIVE = "pages.warc.gz"
NOT_MODIFIED = "http://netpreserve.org/warc/1.1/revisit/server-not-modified"


@pytest.fixture(scope="module")
def site() -> Site:
    return generate_site(PAGES, seed=SEED)


def _start(site: Site) -> tuple[str, ...]:
    return ("-a", f"urls={site.role_paths[0]}", "-a", "depth=20")


@pytest.fixture(scope="module")
def crawls(site: Site, tmp_path_factory: pytest.TempPathFactory) -> tuple[CrawlResult, ...]:
    """The first crawl, and a refresh of it (the same OUTPUT_DIR: it refreshes latest)."""
    output = tmp_path_factory.mktemp("archive") / "output"
    with serve(site) as server:
        first = crawl(output, *_start(site), "-a", f"site={server.base_url}")
        assert first.returncode == 0, first.log[-3000:]
        second = crawl(output, *_start(site), "-a", f"site={server.base_url}")
        assert second.returncode == 0, second.log[-3000:]
    assert first.folder != second.folder
    return first, second


def _records(folder: Path) -> dict[str, dict]:
    found = {}
    for name in ("roles.jsonl", "comparisons.jsonl"):
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            found[record["url"]] = record
    return found


def _warc(path: Path) -> list[tuple[str, dict[str, str], str | None]]:
    """(type, WARC headers, HTTP status) of every record, read by warcio with every
    digest checked (a wrong one raises)."""
    found = []
    with path.open("rb") as handle:
        for record in ArchiveIterator(handle, check_digests="raise"):
            record.content_stream().read()
            status = record.http_headers.get_statuscode() if record.http_headers else None
            found.append((record.rec_type, dict(record.rec_headers.headers), status))
    return found


def _reparse(tmp_path: Path, *archives: Path, jobs: int = 2) -> tuple[int, Path]:
    out = tmp_path / "reparsed"
    status = main(["reparse", *map(str, archives), "-o", str(out), "--jobs", str(jobs)])
    return status, out


def test_a_crawl_writes_an_archive_standard_tools_read(crawls: tuple[CrawlResult, ...]) -> None:
    first, _ = crawls
    records = _records(first.folder)
    assert len(records) == PAGES
    warc = _warc(first.folder / ARCHIVE)
    # One warcinfo, then a response and the request that asked for it, for robots.txt and
    # every page (no page was fetched twice).
    assert Counter(kind for kind, _, _ in warc) == {"warcinfo": 1, "response": PAGES + 1,
                                                    "request": PAGES + 1}  # fmt: skip
    responses = [fields for kind, fields, _ in warc if kind == "response"]
    assert all(fields["WARC-Payload-Digest"].startswith("sha1:") for fields in responses)
    # Each record's fetched_at is its capture's WARC-Date, to the microsecond.
    dated = {
        fields["WARC-Target-URI"].split("/", 3)[3]: datetime.fromisoformat(fields["WARC-Date"])
        for fields in responses
        if "Careerscrape-Hops" in fields
    }
    assert len(dated) == PAGES
    for url, record in records.items():
        assert datetime.fromisoformat(record["fetched_at"]) == dated[url.split("/", 3)[3]]
    assert first.run["archive"]["responses"] == PAGES + 1
    # Its index is what `warcio index` prints for it, a line per record.
    out = io.StringIO()
    with (first.folder / ARCHIVE).open("rb") as handle:
        Indexer(list(INDEX_FIELDS), [], "-").process_one(handle, out, ARCHIVE)
    index = (first.folder / f"{ARCHIVE}.index.jsonl").read_text()
    assert [json.loads(line) for line in index.splitlines()] == [
        json.loads(line) for line in out.getvalue().splitlines()
    ]
    assert len(index.splitlines()) == 1 + 2 * (PAGES + 1)


def test_reparse_refuses_an_index_that_is_not_its_archives(
    crawls: tuple[CrawlResult, ...], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, _ = crawls
    archive = tmp_path / ARCHIVE
    shutil.copy(first.folder / ARCHIVE, archive)
    index = (first.folder / f"{ARCHIVE}.index.jsonl").read_text()
    role = "/" + next(iter(_records(first.folder))).split("/", 3)[3]
    stale = index.replace(role, role.replace("-jobs/", "-jobz/"))  # another archive's URL there
    assert stale != index
    (tmp_path / f"{ARCHIVE}.index.jsonl").write_text(stale)
    status, _ = _reparse(tmp_path, archive)
    assert status == 2
    error = capsys.readouterr().err
    assert f"{archive}: no capture of " in error and "-jobz/" in error
    assert "that index is not this archive's; remove it" in error


def test_reparse_gives_the_crawls_records(crawls: tuple[CrawlResult, ...], tmp_path) -> None:
    first, _ = crawls
    status, out = _reparse(tmp_path, first.folder / ARCHIVE)
    assert status == 0
    assert _records(out) == _records(first.folder)  # fetched_at included
    assert (out / "catalog.jsonl").read_text() == (first.folder / "catalog.jsonl").read_text()
    assert (out / "rejects.jsonl").read_text() == ""
    run = json.loads((out / "run.json").read_text())
    assert run["records"]["total"] == PAGES and run["accounting"]["balanced"]
    assert run["health"]["healthy"] and run["reparse"]["pages"] == PAGES


def test_a_refresh_runs_carried_pages_are_rebuilt_from_the_earlier_archive(
    crawls: tuple[CrawlResult, ...], tmp_path: Path
) -> None:
    first, second = crawls
    assert second.run["refresh"]["not_modified"] == PAGES
    assert _records(second.folder) == _records(first.folder)
    # Each page answered 304 is a revisit record pointing at its capture in the first run.
    revisits = [fields for kind, fields, _ in _warc(second.folder / ARCHIVE) if kind == "revisit"]
    assert len(revisits) == PAGES
    assert {fields["WARC-Profile"] for fields in revisits} == {NOT_MODIFIED}
    first_dates = {datetime.fromisoformat(r["fetched_at"]) for r in _records(first.folder).values()}
    assert {datetime.fromisoformat(f["WARC-Refers-To-Date"]) for f in revisits} == first_dates
    assert (second.folder / "archive-refs.txt").read_text() == f"{first.folder.name}\n"

    # Alone, the refresh run's archive cannot rebuild its pages: each is a reject that says so.
    status, alone = _reparse(tmp_path / "alone", second.folder / ARCHIVE)
    assert status == 1
    reasons = Counter(json.loads(line)["reason"] for line in (alone / "rejects.jsonl").open())
    assert reasons == {"archive_miss": PAGES}
    # With the older archive (any order), every page is rebuilt as the crawl made it.
    status, out = _reparse(tmp_path, second.folder / ARCHIVE, first.folder / ARCHIVE)
    assert status == 0
    assert _records(out) == _records(second.folder)


def test_a_parser_change_then_reparse_and_diff_show_exactly_the_changed_fields(
    crawls: tuple[CrawlResult, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    first, _ = crawls
    real = page_module.parse_role

    def fixed(doc, slug):  # a deliberate "fix": summaries gain a closing note
        fields = real(doc, slug)
        if fields and fields["summary"]:
            fields["summary"] += " (reviewed)"
        return fields

    monkeypatch.setattr(page_module, "parse_role", fixed)
    status, out = _reparse(tmp_path, first.folder / ARCHIVE)  # the workers fork with the fix
    assert status == 0
    capsys.readouterr()
    assert main(["diff", str(first.folder / "catalog.jsonl"), str(out / "catalog.jsonl"),
                 "--json"]) == 0  # fmt: skip
    report = json.loads(capsys.readouterr().out)
    summaries = {r["role_slug"]: r["summary"] for r in _records(first.folder).values()
                 if r["page_type"] == "role" and r["summary"]}  # fmt: skip
    assert summaries and report["added"] == report["removed"] == []
    assert sorted(report["changed"], key=lambda c: c["role_slug"]) == [
        {"role_slug": slug, "title": change["title"],
         "fields": [{"field": "summary", "old": summaries[slug],
                     "new": summaries[slug] + " (reviewed)"}]}
        for slug, change in sorted(
            ((c["role_slug"], c) for c in report["changed"]), key=lambda pair: pair[0])
    ]  # fmt: skip
    assert {c["role_slug"] for c in report["changed"]} == set(summaries)


def test_a_crawl_from_the_archive_runs_offline_and_follows_links(
    site: Site, crawls: tuple[CrawlResult, ...], tmp_path: Path
) -> None:
    first, second = crawls
    # No server runs now: every request, robots.txt included, is answered from the archives.
    archives = f"{second.folder / ARCHIVE},{first.folder / ARCHIVE}"
    offline = crawl(tmp_path / "offline", *_start(site), "-a", f"archive={archives}")
    assert offline.returncode == 0, offline.log[-3000:]
    assert _records(offline.folder) == _records(first.folder)
    assert offline.run["archive"] == {"replayed": PAGES + 1}
    assert not (offline.folder / ARCHIVE).exists()  # nothing was fetched, nothing archived


def test_a_page_becomes_a_fixture_that_passes_once_reviewed(
    crawls: tuple[CrawlResult, ...], tmp_path: Path
) -> None:
    first, second = crawls
    url = next(iter(_records(first.folder)))
    root = tmp_path / "pages"
    root.mkdir()
    archives = ["--from", str(second.folder / ARCHIVE), "--from", str(first.folder / ARCHIVE)]
    assert main(["fixtures", "add", url, *archives, "new-page", "--dir", str(root)]) == 0
    (fixture,) = load_fixtures(root)
    meta = fixture.meta
    assert meta["url"] == url and meta["fetched_from"].startswith("http://127.0.0.1:")
    assert meta["fetched_at"] == _records(first.folder)[url]["fetched_at"].replace("Z", "+00:00")
    with pytest.raises(UnreviewedFixture, match="not reviewed yet"):
        fixture.expected()
    assert main(["fixtures", "--dir", str(root)]) == 1
    # The review: the draft is checked against the page, and the mark deleted.
    del meta["review"]
    (fixture.folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    assert field_differences(fixture.actual(), fixture.expected()) == []
    assert main(["fixtures", "--dir", str(root)]) == 0


def test_recording_a_cassette_stops_at_its_size_limit(site: Site, tmp_path: Path) -> None:
    cassette = tmp_path / "big.yaml"
    limit = 60_000
    with serve(site) as server:
        result = crawl(tmp_path / "out", *_start(site), "-a", f"site={server.base_url}",
                       "-a", f"record={cassette}",
                       CASSETTE_RECORD_MAX_BYTES=str(limit))  # fmt: skip
    assert result.returncode == 8, result.log[-3000:]
    assert result.run["finish_reason"] == "cassette_too_large"
    assert "web archive" in result.log
    recorded = list(load_cassette(cassette))
    assert recorded and sum(len(i.body) for i in recorded) <= limit


@pytest.mark.parametrize("indexed", [True, False], ids=["with its index", "alone"])
def test_a_torn_archive_is_read_up_to_its_last_whole_record(
    crawls: tuple[CrawlResult, ...], tmp_path: Path, indexed: bool
) -> None:
    first, _ = crawls
    torn = tmp_path / ARCHIVE
    data = (first.folder / ARCHIVE).read_bytes()
    torn.write_bytes(data[: len(data) - 200])  # as a SIGKILL mid-write leaves it
    if indexed:  # its last lines name records past the cut: they are not used
        shutil.copy(first.folder / f"{ARCHIVE}.index.jsonl", tmp_path)
    status, out = _reparse(tmp_path, torn)
    assert status == 0
    rebuilt = _records(out)
    assert len(rebuilt) == PAGES  # the cut fell in the last request record
    shutil.rmtree(out)
