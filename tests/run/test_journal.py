"""The job journal file, the counters it carries, and the rejects pipeline's replay hook.

The whole stop-and-resume cycle runs for real in tests/integration/test_interrupted_run.py.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict
from functools import cache
from pathlib import Path

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from careerscrape.extensions.journal import JobJournal
from careerscrape.items import Reject
from careerscrape.parsing import parse_page
from careerscrape.pipelines.rejects import Rejected, RejectsPipeline
from careerscrape.run.journal import (
    Journal,
    JournalError,
    carried_counters,
    record_from_json,
    replayed_record,
)
from careerscrape.testing.fixtures import DEFAULT_ROOT, Fixture

ROOT = Path(__file__).resolve().parents[2] / DEFAULT_ROOT
AT = "2026-01-02T03:04:05+00:00"


@cache
def _record() -> str:
    fixture = Fixture("role-chef--nextjs", ROOT / "role-chef--nextjs")
    return json.dumps(parse_page(fixture.html, fixture.url).model_dump(mode="json"))


def a_record() -> dict:
    """The same record every time (parse_page stamps fetched_at)."""
    return json.loads(_record())


def a_reject() -> dict:
    return asdict(Reject("https://www.zippia.com/x/", "http_404", "HTTP 404", status=404,
                         rejected_at=AT))  # fmt: skip


def one_part(path: Path, reason: str = "shutdown") -> Journal:
    journal = Journal(path)
    journal.open_part(AT, {"depth": 0})
    journal.record(a_record())
    journal.reject(a_reject())
    journal.close_part(reason, AT, {"careerscrape/pages/requested": 2})
    return journal


def test_a_new_job_has_an_empty_journal(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "careerscrape" / "journal.jsonl")
    assert (journal.parts, journal.started_at, journal.counters) == (0, None, {})
    assert not journal.path.exists()


def test_a_reopened_journal_knows_what_the_earlier_parts_did(tmp_path: Path) -> None:
    path = tmp_path / "journal.jsonl"
    one_part(path)
    again = Journal(path)
    assert (again.parts, again.started_at, again.arguments) == (1, AT, {"depth": 0})
    assert (again.records, again.rejects, again.closed_cleanly) == (1, 1, True)
    assert again.counters == {"careerscrape/pages/requested": 2}
    assert list(again.outcomes()) == [("record", a_record()), ("reject", a_reject())]
    assert again.open_part("2026-02-01T00:00:00+00:00", {"depth": 0}) == 2
    assert again.started_at == AT  # the job's start, not this part's


def test_the_frontier_is_what_was_asked_for_less_what_ended(tmp_path: Path) -> None:
    """Whatever stopped the job, the journal says which pages to ask for again."""
    journal = Journal(tmp_path / "journal.jsonl")
    journal.open_part(AT, {})
    site = "https://www.zippia.com"
    for n, hops in ((1, 0), (2, 0), (3, 1), (4, 1), (5, 2)):
        journal.asked(f"{site}/p{n}/", f"http://127.0.0.1:8000/p{n}/", hops)
    journal.record(a_record(), f"{site}/p1/")  # the record's own URL differs: a redirect
    journal.reject({**a_reject(), "url": f"{site}/p2/"})
    journal.duplicate(f"{site}/p4/")
    journal.asked(f"{site}/p1/", "http://127.0.0.1:8000/p1/", 0)  # asked again: once counts
    # ...then killed: no closing line.
    frontier = Journal(journal.path).frontier()
    assert frontier.ended == {f"{site}/p1/", f"{site}/p2/", f"{site}/p4/"}
    assert frontier.pending == [("http://127.0.0.1:8000/p3/", 1), ("http://127.0.0.1:8000/p5/", 2)]
    assert frontier.duplicates == 1


def test_a_journaled_record_comes_back_as_the_same_record() -> None:
    data = a_record()
    assert record_from_json(data).model_dump(mode="json") == data


def test_a_record_the_contract_no_longer_accepts_is_replayed_as_a_reject() -> None:
    assert replayed_record(a_record()).model_dump(mode="json") == a_record()
    reject = replayed_record({**a_record(), "reading_minutes": -3})
    assert isinstance(reject, Reject)
    assert (reject.url, reject.reason) == (a_record()["url"], "validation")
    assert reject.rejected_at is None  # stamped (and logged) when the pipeline writes it
    assert reject.errors[0]["loc"] == ("reading_minutes",)


def test_a_part_that_never_closed_is_noticed(tmp_path: Path) -> None:
    path = tmp_path / "journal.jsonl"
    one_part(path)
    killed = Journal(path)
    killed.open_part(AT, {})
    killed.record(a_record())  # ...then SIGKILL: no closing line
    again = Journal(path)
    assert (again.parts, again.records, again.closed_cleanly) == (2, 2, False)
    assert again.counters == {"careerscrape/pages/requested": 2}  # of the last closed part


def test_a_line_cut_short_is_dropped_and_the_journal_goes_on(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "journal.jsonl"
    one_part(path)
    whole = path.read_bytes()
    with path.open("ab") as handle:
        handle.write(b'{"record": {"url": "https://www.zippia.com/cut-')
    with caplog.at_level(logging.WARNING, logger="careerscrape.journal"):
        again = Journal(path)
    assert "a line cut short" in caplog.text
    assert path.read_bytes() == whole
    again.open_part(AT, {})
    again.reject(a_reject())
    assert [kind for kind, _ in Journal(path).outcomes()] == ["record", "reject", "reject"]


def test_an_unreadable_line_stops_the_job_before_it_starts(tmp_path: Path) -> None:
    path = tmp_path / "journal.jsonl"
    one_part(path)
    lines = path.read_text().splitlines(keepends=True)
    path.write_text(lines[0] + "garbage\n" + "".join(lines[1:]))
    with pytest.raises(JournalError, match=r"journal.jsonl:2: not a JSON line"):
        Journal(path)
    path.write_text(lines[0] + '{"surprise": 1}\n')
    with pytest.raises(JournalError, match=r"journal.jsonl:2: not a journal entry"):
        Journal(path)
    path.write_text(json.dumps({"opened": {"journal": 1, "part": 1, "at": AT}}) + "\n")
    with pytest.raises(JournalError, match="journal version 1, this careerscrape reads version 2"):
        Journal(path)


def test_carried_counters_are_those_the_replay_does_not_recount() -> None:
    stats = {
        "careerscrape/pages/requested": 10,
        "careerscrape/duplicates": 1,
        "careerscrape/links/followed": 4,
        "careerscrape/blocked/slowdowns": 1,
        "downloader/response_status_count/200": 9,
        "retry/count": 2,
        "dupefilter/filtered": 3,
        "careerscrape/sitemaps/read": 1,
        # recounted by the replay, or about this process only:
        "careerscrape/records/role": 5,
        "careerscrape/rejects/http_404": 1,
        "careerscrape/fields/role/skills": 5,
        "careerscrape/catalog/roles": 7,
        "careerscrape/job/part": 1,
        "item_scraped_count": 5,
        "log_count/INFO": 40,
        "elapsed_time_seconds": 3.2,
    }
    assert carried_counters(stats) == {
        key: stats[key]
        for key in (
            "careerscrape/blocked/slowdowns",
            "careerscrape/links/followed",
            "downloader/response_status_count/200",
            "dupefilter/filtered",
            "retry/count",
        )
    }  # pages asked for and duplicates come from the journal itself (Journal.frontier)


def test_the_journal_is_off_without_jobdir(tmp_path: Path) -> None:
    with pytest.raises(NotConfigured):
        JobJournal.from_crawler(get_crawler(settings_dict={"RUN_OUTPUTS": True}))
    with pytest.raises(NotConfigured):  # not the crawl job: scrapy shell, parse...
        JobJournal.from_crawler(get_crawler(settings_dict={"JOBDIR": str(tmp_path)}))
    crawler = get_crawler(settings_dict={"JOBDIR": str(tmp_path), "RUN_OUTPUTS": True})
    assert JobJournal.from_crawler(crawler).journal.path == (
        tmp_path / "careerscrape" / "journal.jsonl"
    )


def test_an_unreadable_journal_fails_the_crawl_setup(tmp_path: Path) -> None:
    path = tmp_path / "careerscrape" / "journal.jsonl"
    path.parent.mkdir()
    path.write_text("garbage\n")
    with pytest.raises(JournalError):
        JobJournal.from_crawler(
            get_crawler(settings_dict={"JOBDIR": str(tmp_path), "RUN_OUTPUTS": True})
        )


def test_a_replayed_reject_keeps_its_time_and_is_not_logged_again(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    crawler = get_crawler(settings_dict={"RUN_OUTPUTS": True, "RUN_DIR": str(tmp_path)})
    crawler.stats.open_spider()
    pipeline = RejectsPipeline.from_crawler(crawler)
    pipeline.open_spider()
    fresh = Reject("https://www.zippia.com/new/", "http_404", "HTTP 404", status=404)
    with caplog.at_level(logging.WARNING), pytest.raises(Rejected) as dropped:
        pipeline.process_item(fresh)
    assert dropped.value.reject is fresh and fresh.rejected_at is not None
    assert "rejected https://www.zippia.com/new/" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING), pytest.raises(Rejected):
        pipeline.process_item(Reject(**a_reject()))
    assert caplog.text == ""
    pipeline.close_spider()
    lines = [json.loads(line) for line in (tmp_path / "rejects.jsonl").read_text().splitlines()]
    assert [line["rejected_at"] for line in lines] == [fresh.rejected_at, AT]
    assert list(lines[1]) == ["url", "reason", "detail", "errors", "status", "rejected_at"]
    assert crawler.stats.get_value("careerscrape/rejects/http_404") == 2
