"""Retries with exponential backoff that honour ``Retry-After``.

Scrapy's RetryMiddleware re-queues a failed request at once; against a site
that is throttling us (429) or briefly down (503) that only adds load. This
subclass waits before handing the retry back: ``Retry-After`` when the server
sends one, else RETRY_BACKOFF_BASE * 2**(attempt-1) seconds, capped at
RETRY_BACKOFF_MAX. Which responses and errors are retried, and how often, is
still Scrapy's RETRY_* settings.
"""

from __future__ import annotations

import email.utils
import time

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request, Response
from scrapy.utils.asyncio import sleep
from scrapy.utils.response import response_status_message


def retry_after_seconds(value: bytes | str | None, now: float | None = None) -> float | None:
    """``Retry-After`` as seconds to wait: either delta-seconds or an HTTP date."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


class BackoffRetryMiddleware(RetryMiddleware):
    def __init__(self, settings) -> None:
        super().__init__(settings)
        self.backoff_base = settings.getfloat("RETRY_BACKOFF_BASE")
        self.backoff_max = settings.getfloat("RETRY_BACKOFF_MAX")

    def backoff(self, request: Request, response: Response | None = None) -> float:
        """Seconds to wait before the next try of ``request``."""
        if response is not None:
            hinted = retry_after_seconds(response.headers.get(b"Retry-After"))
            if hinted is not None:
                return min(hinted, self.backoff_max)
        attempt = request.meta.get("retry_times", 0) + 1
        return min(self.backoff_base * 2 ** (attempt - 1), self.backoff_max)

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        delay = self.backoff(request, response)
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        self.crawler.stats.inc_value("retry/backoff_seconds", delay)
        await sleep(delay)
        return retry

    async def process_exception(
        self, request: Request, exception: Exception
    ) -> Request | Response | None:
        if request.meta.get("dont_retry", False) or not isinstance(
            exception, self.exceptions_to_retry
        ):
            return None
        delay = self.backoff(request)
        retry = self._retry(request, exception)
        if retry is not None:
            self.crawler.stats.inc_value("retry/backoff_seconds", delay)
            await sleep(delay)
        return retry
