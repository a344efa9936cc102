"""The reason a failed request is rejected under, from Scrapy's own exceptions."""

from __future__ import annotations

import gzip

import pytest
from scrapy import Request
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from careerscrape.spiders._failures import failure_reason

URL = "https://www.zippia.com/chef-jobs/what-does-a-chef-do/"
MAXSIZE = 100_000


def _failure_of(work) -> Failure:
    try:
        work()
    except Exception:
        return Failure()
    raise AssertionError("no exception")


def test_a_gzip_bomb_is_too_large_not_an_ignored_request() -> None:
    """HttpCompressionMiddleware, as the crawl runs it, refusing 10 MB hidden in 10 KB."""
    crawler = get_crawler(settings_dict={"DOWNLOAD_MAXSIZE": MAXSIZE})
    middleware = HttpCompressionMiddleware.from_crawler(crawler)
    bomb = gzip.compress(b"<html>" + b" " * 10_000_000)
    assert len(bomb) < MAXSIZE
    request = Request(URL)
    response = HtmlResponse(URL, body=bomb, request=request,
                            headers={"Content-Encoding": "gzip"})  # fmt: skip
    failure = _failure_of(lambda: middleware.process_response(request, response))
    assert failure.check(IgnoreRequest)
    reason, detail, status = failure_reason(failure)
    assert (reason, status) == ("too_large", None)
    assert "exceeded DOWNLOAD_MAXSIZE (100000 B) during decompression" in detail


@pytest.mark.parametrize(
    ("message", "reason"),
    [
        ("Forbidden by robots.txt", "robots"),
        ("max redirections reached", "redirect_loop"),
        ("something else", "ignore_request"),
    ],
)
def test_other_ignored_requests_keep_their_reasons(message: str, reason: str) -> None:
    def ignore() -> None:
        raise IgnoreRequest(message)

    assert failure_reason(_failure_of(ignore))[0] == reason
