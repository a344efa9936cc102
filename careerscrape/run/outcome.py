"""What a downloaded page ends as: its record, or a reject with its reason.

One decision for the crawl (careerscrape.spiders.careers) and for a rebuild from an
archive (careerscrape.archive.reparse), so that both make the same records and the
same rejects of the same response. No Scrapy here.

:func:`read_response` is the whole of a page's work that needs no crawl state: the
decision, the links to follow and, for a bug, its traceback, in a :class:`PageResult`
that pickles. The crawl runs it in process or in a worker process
(careerscrape.spiders._pool, ``PARSE_PROCESSES``) and gets the same result either way.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from datetime import datetime

from pydantic import ValidationError

from careerscrape.items import Reject
from careerscrape.links import Links, links_to_follow
from careerscrape.models import PageRecord
from careerscrape.parsing import BlockedPage, EncodingError, ParsedPage, ParseError, read_page
from careerscrape.site import Site

__all__ = ["PageResult", "one_line", "read_response"]


@dataclass(frozen=True)
class PageResult:
    """A response's outcome, in a form a worker process can send back (no parse tree)."""

    #: The page's record, or its reject.
    outcome: PageRecord | Reject
    #: The links to follow from a record's page, when asked for.
    links: Links | None = None
    #: An unexpected exception's traceback: ``outcome`` is then an ``internal`` reject.
    error: str | None = None


def read_response(
    body: bytes,
    *,
    url: str,
    asked: str,
    status: int,
    content_type: str,
    fetched_at: datetime,
    page_url: str,
    site: Site | None = None,
) -> PageResult:
    """:func:`_page_outcome`, and the links of a record's page (read from ``page_url``, the
    address it was fetched from) when ``site`` is given. Never raises: an unexpected
    exception is an ``internal`` reject, with its traceback for the log."""
    try:
        outcome = _page_outcome(body, url=url, asked=asked, status=status,
                               content_type=content_type, fetched_at=fetched_at)  # fmt: skip
        if isinstance(outcome, Reject):
            return PageResult(outcome)
        links = links_to_follow(outcome, page_url, site) if site is not None else None
        return PageResult(outcome.record, links)
    except Exception as exc:  # a bug, or a page no one foresaw: a reject, not a lost page
        reject = Reject(asked, "internal", one_line(exc), status=status)
        return PageResult(reject, error=traceback.format_exc())


def one_line(exc: BaseException) -> str:
    """``Type: message`` on one line, for a reject's detail."""
    message = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


#: Media types a career page can be served as (no Content-Type at all is let through).
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})


def _page_outcome(
    body: bytes,
    *,
    url: str,
    asked: str,
    status: int,
    content_type: str,
    fetched_at: datetime,
) -> ParsedPage | Reject:
    """The record of a response (``body`` with its Content-Encoding undone), or its reject.

    ``url`` is the page's canonical URL (its record's), ``asked`` the one the crawl
    asked for (its reject's: a redirect may lie between them). A robot check is
    recognised by its content whatever the status (reason ``blocked``), an error
    page is a reject named after its status, and a page whose values break the
    data contract is a ``validation`` reject.
    """
    if 300 <= status < 400:  # a redirect not followed (RedirectMiddleware would have)
        return Reject(asked, f"http_{status}", f"HTTP {status}, a redirect not followed",
                      status=status)  # fmt: skip
    if not _may_be_html(content_type):
        return _http_reject(asked, status) if status >= 400 else Reject(
            asked, "not_html", f"not an HTML page ({content_type or 'no Content-Type'})",
            status=status)  # fmt: skip
    try:
        page = read_page(body, url, fetched_at=fetched_at, content_type=content_type or None)
    except BlockedPage as exc:
        return Reject(asked, exc.reason, str(exc), status=status)
    except (EncodingError, ParseError) as exc:
        reason = "encoding" if isinstance(exc, EncodingError) else "parse"
        return _http_reject(asked, status) if status >= 400 else Reject(
            asked, reason, str(exc), status=status)  # fmt: skip
    except ValidationError as exc:
        return Reject(
            asked, "validation", f"{exc.error_count()} validation errors",
            errors=exc.errors(include_url=False, include_context=False, include_input=False),
            status=status,
        )  # fmt: skip
    if status >= 400:
        return _http_reject(asked, status)
    return page


def _may_be_html(content_type: str) -> bool:
    """What the server says the body is decides, not a guess from the bytes: with no
    Content-Type at all, the parser judges the bytes (``encoding``, ``parse``)."""
    media = content_type.split(";", 1)[0].strip().lower()
    return not media or media in _HTML_TYPES


def _http_reject(url: str, status: int) -> Reject:
    return Reject(url, f"http_{status}", f"HTTP {status}", status=status)
