"""The Redis add-on's switch, its settings, the shared filter's redirect rule, and the merge
of a killed worker's records, without a Redis (tests/integration/test_redis.py has one)."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

import pytest
import scrapy
from scrapy.settings import Settings

from careerscrape import settings as project_settings
from careerscrape.catalog.merge import CatalogBuilder, CatalogError
from careerscrape.cli import catalog as catalog_command
from careerscrape.distributed import LoopAwareRedisDupeFilter, RedisCrawl
from careerscrape.parsing import read_page
from careerscrape.run.preflight import PreflightError, check_settings
from careerscrape.testing.sitegen import generate_site


def _settings(**cmdline: str) -> Settings:
    settings = Settings()
    settings.setmodule(project_settings, priority="project")
    settings.setdict(cmdline, priority="cmdline")
    return settings


def test_without_redis_url_the_add_on_changes_nothing() -> None:
    settings = _settings()
    RedisCrawl().update_settings(settings)
    assert settings["DUPEFILTER_CLASS"] == "careerscrape.dupefilters.LoopAwareDupeFilter"
    assert settings["SCHEDULER"] == "scrapy.core.scheduler.Scheduler"


def test_redis_url_switches_scheduler_and_filter_but_never_overrides_the_command_line() -> None:
    settings = _settings(REDIS_URL="redis://h:1", REDIS_CRAWL="nightly", SCHEDULER_PERSIST="1")
    RedisCrawl().update_settings(settings)
    assert settings["SCHEDULER"] == "careerscrape.distributed.SharedScheduler"
    assert settings["DUPEFILTER_CLASS"] == "careerscrape.distributed.LoopAwareRedisDupeFilter"
    assert settings["SCHEDULER_QUEUE_KEY"] == "careerscrape:nightly:requests"
    assert settings["SCHEDULER_DUPEFILTER_KEY"] == "careerscrape:nightly:seen"
    assert settings["SCHEDULER_SERIALIZER"] == "careerscrape.distributed"
    assert settings.getbool("SCHEDULER_PERSIST") is True
    # Redis's client does not retry (a retry blocks the crawl), and waits 5 s at most.
    params = settings.getdict("REDIS_PARAMS")
    assert params["retry"].get_retries() == 0 and params["socket_timeout"] == 5


def test_the_shared_crawls_settings_are_checked_at_start() -> None:
    check_settings(_settings(REDIS_START_WINDOW="0", REDIS_LOST_TIMEOUT="2.5"))
    for name, value in [("REDIS_LOST_TIMEOUT", "-1"), ("REDIS_START_WINDOW", "soon"),
                        ("REDIS_WORKER_TTL", "0")]:  # fmt: skip
        with pytest.raises(PreflightError, match=name):
            check_settings(_settings(**{name: value}))


def test_redis_url_and_jobdir_exclude_each_other() -> None:
    with pytest.raises(ValueError, match="JOBDIR"):
        RedisCrawl().update_settings(_settings(REDIS_URL="redis://h:1", JOBDIR="jobs/x"))


class _FakeRedis:
    def __init__(self) -> None:
        self.sets: dict[str, set] = {}

    def sadd(self, key: str, value: str) -> int:
        members = self.sets.setdefault(key, set())
        added = value not in members
        members.add(value)
        return int(added)


def test_the_shared_filter_lets_a_redirect_back_into_its_chain_through() -> None:
    dupefilter = LoopAwareRedisDupeFilter(_FakeRedis(), key="k")
    a = scrapy.Request("http://site/a/")
    assert not dupefilter.request_seen(a)
    assert dupefilter.request_seen(a.replace())  # an ordinary second request: seen
    back = scrapy.Request("http://site/a/", meta={"redirect_urls": ["http://site/a/"]})
    assert not dupefilter.request_seen(back)  # a -> b -> a: left to the redirect limit
    elsewhere = scrapy.Request("http://site/a/", meta={"redirect_urls": ["http://site/c/"]})
    assert dupefilter.request_seen(elsewhere)  # c -> a, a fetched already: a duplicate


def _record() -> str:
    """One role record as a crawl writes it: a generated page through the real parser."""
    site = generate_site(3, seed=1)
    path = site.role_paths[0]
    page = read_page(site.page(path), f"https://www.zippia.com{path}", fetched_at=datetime.now(UTC))
    return page.record.model_dump_json()


def test_a_killed_workers_torn_last_line_is_skipped_by_the_merge_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = _record()
    killed = tmp_path / "killed.jsonl"
    killed.write_text(record + "\n" + record[: len(record) // 2])  # SIGKILL mid-line
    parser = argparse.ArgumentParser()
    catalog_command.add_command(parser.add_subparsers())
    args = parser.parse_args(["catalog", str(killed), "-o", str(tmp_path / "catalog.jsonl")])
    assert args.run(args) == 0
    err = capsys.readouterr().err
    assert f"{killed}:2: a torn last line" in err and "from 1 record" in err
    # A bad line anywhere else is still an error: only a kill leaves a line unfinished.
    broken = tmp_path / "broken.jsonl"
    broken.write_text(record[: len(record) // 2] + "\n" + record + "\n")
    with pytest.raises(CatalogError, match=r"broken\.jsonl:1:"):
        CatalogBuilder().add_file(broken)
