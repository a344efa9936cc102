"""How many parse workers a crawl starts (PARSE_PROCESSES)."""

from __future__ import annotations

import pytest
from scrapy.settings import Settings

from careerscrape.spiders import _pool
from careerscrape.spiders._pool import parse_processes


@pytest.mark.parametrize(("cores", "workers"), [(1, 0), (2, 1), (3, 2), (16, 2)])
def test_unset_it_is_one_per_core_but_the_engines_at_most_two(
    monkeypatch: pytest.MonkeyPatch, cores: int, workers: int
) -> None:
    monkeypatch.setattr(_pool.os, "cpu_count", lambda: cores)
    assert parse_processes(Settings({"PARSE_PROCESSES": None})) == workers


@pytest.mark.parametrize(("value", "workers"), [("0", 0), ("5", 5), (3, 3)])
def test_a_value_given_is_taken(value: object, workers: int) -> None:
    assert parse_processes(Settings({"PARSE_PROCESSES": value})) == workers
