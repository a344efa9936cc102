"""A page in, its record out: decode, parse once with lxml, read, validate.

Raises :class:`ParseError` with a one-line reason for anything that is not a
role or comparison page (:class:`EncodingError` for bytes that are no text),
and pydantic's ``ValidationError`` when the values read break the data contract.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from lxml.etree import ParserError

from careerscrape.models import PAGE_MODELS, PageRecord
from careerscrape.parsing.blocking import blocked_reason
from careerscrape.parsing.comparison_page import parse_comparison
from careerscrape.parsing.document import Document
from careerscrape.parsing.encoding import Undecodable, to_utf8
from careerscrape.parsing.role_page import parse_role
from careerscrape.parsing.titles import ROLE_TITLE, VS_TITLE
from careerscrape.parsing.urls import canonical_url, page_kind, role_slug

__all__ = [
    "BlockedPage",
    "EncodingError",
    "ParseError",
    "ParsedPage",
    "detect_page_kind",
    "parse_page",
    "read_page",
]

_CLOSING_TAG = re.compile(rb"</html\s*>|</body\s*>", re.I)
_SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.I)


class ParseError(ValueError):
    """A page that cannot become a record; ``str()`` is a one-line reason."""


class BlockedPage(ParseError):
    """A robot check or login wall where a career page was expected.

    ``reason`` is "blocked" or "login_required"; such a page is never a record.
    """

    def __init__(self, reason: str, title: str) -> None:
        super().__init__(
            f"{reason.replace('_', ' ')}: the site answered with {title or 'a page'!r}"
        )
        self.reason = reason


class EncodingError(ParseError):
    """Bytes that are no text in the encoding they declare, or in any when they declare none.

    A crawler rejects such a page with reason "encoding": its text cannot be
    known, and a record of it would hold U+FFFD or mojibake.
    """


@dataclass(frozen=True)
class ParsedPage:
    """A record with the document it came from, so a crawler can reuse the one parse."""

    record: PageRecord
    document: Document


def parse_page(
    html: bytes | str,
    url: str | None = None,
    *,
    fetched_at: datetime | None = None,
    content_type: str | None = None,
) -> PageRecord:
    """Parse a role or comparison page into its record.

    ``url`` is the page's address; without it the page's own
    ``<link rel="canonical">`` or ``og:url`` is used. ``content_type`` is the
    HTTP ``Content-Type`` header the page came with: its charset decides how
    the bytes are decoded, before any ``<meta>`` (see :mod:`.encoding`).
    """
    return read_page(html, url, fetched_at=fetched_at, content_type=content_type).record


def read_page(
    html: bytes | str,
    url: str | None = None,
    *,
    fetched_at: datetime | None = None,
    content_type: str | None = None,
) -> ParsedPage:
    """:func:`parse_page`, also returning the parsed document (its links, its blocks)."""
    text = page_bytes(html, content_type)
    try:
        doc = Document.parse(text)
    except (ParserError, ValueError) as exc:
        raise ParseError(f"not an HTML document ({exc})") from exc
    body = html if isinstance(html, bytes) else text  # content_sha256 is of the bytes as served
    return read_document(doc, body, url, fetched_at=fetched_at)


def page_bytes(html: bytes | str, content_type: str | None = None) -> bytes:
    """The page's text as UTF-8, refused when undecodable, empty or cut short.

    What :func:`read_page` does first. Bytes are decoded as a browser decodes
    them (:func:`.encoding.to_utf8`); a ``str`` is text already. The checks
    look at the text, so that a UTF-16 page's ``</html>`` is found.
    """
    try:
        body = html.encode("utf-8") if isinstance(html, str) else to_utf8(html, content_type)
    except (Undecodable, UnicodeEncodeError) as exc:  # a str with a lone surrogate is no text
        raise EncodingError(f"undecodable page: {exc}") from exc
    if b"\x00" in body:  # a browser drops NUL from text, where libxml2 would make it U+FFFD
        body = body.replace(b"\x00", b"")
    if not body or body.isspace():  # isspace() scans without copying the page
        raise ParseError("empty document")
    if not _CLOSING_TAG.search(body[-4096:]):
        raise ParseError("truncated HTML: the document ends before </body></html>")
    return body


def read_document(
    doc: Document,
    body: bytes,
    url: str | None = None,
    *,
    fetched_at: datetime | None = None,
) -> ParsedPage:
    """The extraction half of :func:`read_page`: the record of ``body``, already parsed as ``doc``.

    A seam for a :class:`Document` built another way: the parse benchmark
    builds one from a BeautifulSoup tree and runs this same extraction on it.
    """
    page_url = _page_url(url or doc.canonical_url or _saved_from(body))
    kind = detect_page_kind(doc, page_url)
    if kind is None:
        _raise_if_blocked(doc)
        raise ParseError(f"not a role or comparison page (title: {doc.title or 'none'!r})")
    if page_url is None:
        raise ParseError("the page names no URL (no canonical link, og:url or saved-from note)")
    if kind == "role":
        fields = parse_role(doc, role_slug(page_url))
        if not (fields and (fields["summary"] or fields["responsibilities"] or fields["skills"])):
            _raise_if_blocked(doc)
            raise ParseError(f"no role page content found (title: {doc.title or 'none'!r})")
    else:
        fields = parse_comparison(doc, page_url)
        if not fields or not _has_figures(fields):
            _raise_if_blocked(doc)
            raise ParseError(f"no comparison figures found (title: {doc.title or 'none'!r})")
    record = PAGE_MODELS[kind](
        url=page_url,
        fetched_at=fetched_at or datetime.now(UTC),
        content_sha256=hashlib.sha256(body).hexdigest(),
        **fields,
    )
    return ParsedPage(record, doc)


def _raise_if_blocked(doc: Document) -> None:
    reason = blocked_reason(doc)
    if reason:
        raise BlockedPage(reason, doc.title)


def detect_page_kind(doc: Document, url: str | None) -> str | None:
    """The URL decides when it can; otherwise what the page's title says."""
    kind = page_kind(url)
    if kind:
        return kind
    title = doc.first_heading(1) or doc.first_heading()
    if title and ROLE_TITLE.match(title.text):
        return "role"
    if title and VS_TITLE.match(title.text):
        return "comparison"
    return None


def _page_url(candidate: str | None) -> str | None:
    if not candidate:
        return None
    try:
        return canonical_url(candidate)
    except ValueError as exc:
        raise ParseError(str(exc)) from exc


def _saved_from(body: bytes) -> str | None:
    """The URL a browser notes in a saved page: ``<!-- saved from url=(0062)https://... -->``."""
    match = _SAVED_FROM.search(body[:2048])
    return match.group(1).decode("ascii", "replace") if match else None


def _has_figures(fields: dict) -> bool:
    return any(
        value not in (None, [], "")
        for side in fields["roles"]
        for key, value in side.items()
        if key not in {"role", "role_slug"}
    )
