"""Why a request produced no page, as a short reason run.json can count by."""

from __future__ import annotations

import re

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import (
    ConnectError,
    ConnectionRefusedError,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseNeverReceived


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _over_size_limit(exc: BaseException) -> bool:
    """A failure that names the size limit, in any letter case.

    A compressed body that only grows past the limit when decompressed (a gzip
    bomb) is dropped by HttpCompressionMiddleware with an ``IgnoreRequest``
    worded "... exceeded DOWNLOAD_MAXSIZE (N B) during decompression": too
    large, as much as a body the downloader cancels (``DownloadCancelledError``).
    """
    return "maxsize" in str(exc).lower()


def failure_reason(failure: Failure) -> tuple[str, str, int | None]:
    """(reason, one-line detail, HTTP status or None) for a failed request."""
    exc = failure.value
    if failure.check(HttpError):
        status = exc.response.status
        return f"http_{status}", f"HTTP {status}", status
    if failure.check(DownloadTimeoutError, TimeoutError, TCPTimedOutError):
        return "timeout", f"timed out ({exc})", None
    if failure.check(CannotResolveHostError, DNSLookupError):
        return "dns", f"DNS lookup failed ({exc})", None
    if failure.check(
        DownloadConnectionRefusedError, ConnectionRefusedError, ConnectError,
        ResponseNeverReceived, ResponseDataLossError, DownloadFailedError,
    ):  # fmt: skip
        return "connection", f"connection failed ({exc})", None
    if failure.check(DownloadCancelledError) or _over_size_limit(exc):
        return "too_large", f"larger than the download size limit ({exc})", None
    if failure.check(IgnoreRequest):
        message = str(exc) or type(exc).__name__
        if "robots.txt" in message:
            return "robots", "forbidden by robots.txt", None
        if "max redirections" in message:
            return "redirect_loop", "too many redirects (a redirect loop)", None
        return _snake(type(exc).__name__).removesuffix("_error"), message, None
    return _snake(type(exc).__name__), f"{type(exc).__name__}: {exc}", None
