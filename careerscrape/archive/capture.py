"""One HTTP exchange as the archive keeps it, and the names both its writer and reader use."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from io import BytesIO
from urllib.parse import urlsplit

from warcio.bufferedreaders import BufferedReader
from warcio.timeutils import datetime_to_iso_date

__all__ = [
    "HOPS",
    "NOT_MODIFIED",
    "SAME_CONTENT",
    "Capture",
    "decoded_body",
    "parse_warc_date",
    "url_key",
    "warc_date",
]

#: The revisit profiles of WARC 1.1: a 304 answered to a conditional request, and a
#: body whose payload is the same as the earlier capture's.
NOT_MODIFIED = "http://netpreserve.org/warc/1.1/revisit/server-not-modified"
SAME_CONTENT = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
#: A named field of our own (WARC allows them, without the ``WARC-`` prefix) on the
#: captures of pages: the link hops from the start pages. Robots.txt and sitemaps
#: have none, so a rebuild parses only what the crawl parsed as a page.
HOPS = "Careerscrape-Hops"
#: warcinfo fields: the site crawled, and the site records are attributed to.
SITE = "site"
CANONICAL_SITE = "canonical-site"


@dataclass(slots=True)
class Capture:
    """A response as received (body still content-encoded, headers as sent) and its request."""

    url: str
    date: datetime
    status: int
    reason: str = ""
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    method: str = "GET"
    request_headers: list[tuple[str, str]] = field(default_factory=list)
    protocol: str = "HTTP/1.1"
    #: Link hops from the start pages; None for what is not a page (robots.txt, sitemaps).
    hops: int | None = None


def warc_date(when: datetime) -> str:
    """WARC-Date to the microsecond (WARC 1.1), the same instant as a record's fetched_at."""
    return datetime_to_iso_date(when.astimezone(UTC).replace(tzinfo=None), use_micros=True)


def parse_warc_date(text: str) -> datetime:
    """A WARC-Date (seconds or fractions of them) as an aware UTC datetime."""
    return datetime.fromisoformat(text.strip()).astimezone(UTC)


def url_key(url: str, canonical_site: str) -> str:
    """What captures are looked up by: the URL on the canonical site, query kept.

    A page crawled from a mirror (``http://127.0.0.1:8000/...``) and from the live
    site is the same page, so an archive made against one answers a crawl or a
    rebuild of the other.
    """
    parts = urlsplit(url)
    query = f"?{parts.query}" if parts.query else ""
    return f"{canonical_site.rstrip('/')}{parts.path or '/'}{query}"


def decoded_body(body: bytes, content_encoding: str | None) -> bytes:
    """``body`` with its Content-Encoding undone by warcio's decoders (gzip, deflate, br), as
    a reader of the archive gets it; as it is for an encoding warcio does not know."""
    coding = (content_encoding or "").strip().lower()
    if not coding or coding not in BufferedReader.get_supported_decompressors():
        return body
    return BufferedReader(BytesIO(body), decomp_type=coding).read()
