"""The careers spider without a crawl: its arguments as settings, its requests."""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.settings import Settings
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils import misc

from careerscrape import settings as project_settings
from careerscrape.spiders.careers import CareersSpider


def spider(**arguments: str) -> CareersSpider:
    """The spider as ``scrapy crawl`` makes it: before the settings are frozen."""
    settings = Settings()
    settings.setmodule(project_settings)
    return CareersSpider.from_crawler(Crawler(CareersSpider, settings), **arguments)


def test_arguments_that_components_read_become_settings() -> None:
    made = spider(site="http://127.0.0.1:8000", replay="fixtures/demo/site.yaml", depth="0")
    settings = made.crawler.settings
    assert settings.get("SITE_URL") == "http://127.0.0.1:8000/"
    assert settings.get("CASSETTE_REPLAY") == "fixtures/demo/site.yaml"
    assert settings.get("CASSETTE_RECORD") is None
    assert made.site.base == "http://127.0.0.1:8000/"
    assert made.allowed_domains == ["127.0.0.1"]


def test_every_page_request_shares_one_callback_so_scrapys_check_is_cached() -> None:
    made = spider(urls="/a-jobs/what-does-an-a-do/,/b-jobs/what-does-a-b-do/")
    made.crawler.stats = MemoryStatsCollector(made.crawler)  # what the spider counts in
    first, second = (next(made._page_request(url)) for url in ("http://x/a/", "http://x/b/"))
    assert first.callback is second.callback and first.errback is second.errback
    assert first.callback == made.parse_page  # a JOBDIR queue still names it parse_page
    # Scrapy's cache of its generator check holds as long as the callback object lives.
    assert misc.is_generator_with_return_value(first.callback) is False
    assert first.callback in misc._generator_callbacks_cache
