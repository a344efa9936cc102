"""What a downloaded page ends as: its record, or a reject with its reason.

One decision for the crawl (careerscrape.spiders.careers) and for a rebuild from an
archive (careerscrape.archive.reparse), so that both make the same records and the
same rejects of the same response. No Scrapy here.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import ValidationError

from careerscrape.items import Reject
from careerscrape.parsing import BlockedPage, EncodingError, ParsedPage, ParseError, read_page

__all__ = ["page_outcome"]

#: Media types a career page can be served as (no Content-Type at all is let through).
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})


def page_outcome(
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
