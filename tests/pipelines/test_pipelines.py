"""The item pipelines one by one, with a real Scrapy crawler's stats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from careerscrape.items import Reject
from careerscrape.parsing import parse_page
from careerscrape.pipelines.dedupe import DeduplicatePipeline
from careerscrape.pipelines.fields import FieldStatsPipeline
from careerscrape.pipelines.rejects import RejectsPipeline
from careerscrape.pipelines.validate import ValidatePipeline
from careerscrape.testing.fixtures import DEFAULT_ROOT, Fixture

ROOT = Path(__file__).resolve().parents[2] / DEFAULT_ROOT


def record(name: str):
    fixture = Fixture(name, ROOT / name)
    return parse_page(fixture.html, fixture.url)


@pytest.fixture
def crawler(tmp_path: Path):
    crawler = get_crawler(settings_dict={"RUN_OUTPUTS": True, "RUN_DIR": str(tmp_path)})
    crawler.stats.open_spider()
    return crawler


def test_dedupe_keeps_the_first_record_of_a_url_and_counts_the_rest(crawler) -> None:
    pipeline = DeduplicatePipeline.from_crawler(crawler)
    first = record("role-chef--nextjs")
    assert pipeline.process_item(first) is first
    with pytest.raises(DropItem, match="duplicate record"):
        pipeline.process_item(record("role-chef--nextjs"))
    assert crawler.stats.get_value("careerscrape/duplicates") == 1


def test_validate_turns_a_bad_dict_into_a_reject(crawler) -> None:
    good = record("role-chef--nextjs").model_dump(mode="json")
    assert ValidatePipeline().process_item(good).role == "chef"
    bad = {**good, "reading_minutes": -3}
    reject = ValidatePipeline().process_item(bad)
    assert isinstance(reject, Reject) and reject.reason == "validation"
    assert reject.errors[0]["loc"] == ("reading_minutes",)


def test_rejects_are_written_counted_and_dropped(crawler, tmp_path: Path) -> None:
    pipeline = RejectsPipeline.from_crawler(crawler)
    pipeline.open_spider()
    with pytest.raises(DropItem):
        pipeline.process_item(
            Reject("https://www.zippia.com/x/", "http_404", "HTTP 404", status=404)
        )
    pipeline.close_spider()
    lines = [json.loads(line) for line in (tmp_path / "rejects.jsonl").read_text().splitlines()]
    assert [(r["url"], r["reason"], r["status"]) for r in lines] == [
        ("https://www.zippia.com/x/", "http_404", 404)
    ]
    assert crawler.stats.get_value("careerscrape/rejects/http_404") == 1


def test_field_stats_count_filled_fields_per_side(crawler) -> None:
    pipeline = FieldStatsPipeline.from_crawler(crawler)
    pipeline.process_item(
        record("vs-customer-service-director-vs-customer-service-manager--nextjs")
    )
    stats = crawler.stats
    assert stats.get_value("careerscrape/records/comparison") == 1  # live, for the progress line
    assert stats.get_value("careerscrape/fields/comparison/roles.yearly_salary") is None
    pipeline.close_spider()  # the field counts, handed over once
    assert stats.get_value("careerscrape/slots/comparison") == 2
    assert stats.get_value("careerscrape/fields/comparison/roles.yearly_salary") == 2
    assert stats.get_value("careerscrape/fields/comparison/roles.job_satisfaction") == 1
