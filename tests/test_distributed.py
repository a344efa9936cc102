"""The Redis add-on's switch and the shared filter's redirect rule, without a Redis."""

from __future__ import annotations

import pytest
import scrapy
from scrapy.settings import Settings

from careerscrape import settings as project_settings
from careerscrape.distributed import LoopAwareRedisDupeFilter, RedisCrawl


def _settings(**cmdline: str) -> Settings:
    settings = Settings()
    settings.setmodule(project_settings, priority="project")
    settings.setdict(cmdline, priority="cmdline")
    return settings


def test_without_redis_url_the_add_on_changes_nothing() -> None:
    settings = _settings()
    RedisCrawl().update_settings(settings)
    assert settings["DUPEFILTER_CLASS"] == "careerscrape.dupefilter.LoopAwareDupeFilter"
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
