"""HTML + URL in, validated record out. No Scrapy here: usable from any code.

>>> record = parse_page(html_bytes, "https://www.zippia.com/.../what-does-a-chef-do/")

The page as a reader sees it (:mod:`.document`, its bytes decoded by
:mod:`.encoding`), read by :mod:`.role_page` and :mod:`.comparison_page` with
the help of :mod:`.prose` (facts in sentences), :mod:`.text` (converters),
:mod:`.titles` and :mod:`.urls`, into :mod:`.fields`; :mod:`.page` puts it
together and :mod:`.blocking` knows a robot check or login wall.
"""

from careerscrape.parsing.page import (
    BlockedPage,
    EncodingError,
    ParsedPage,
    ParseError,
    detect_page_kind,
    page_bytes,
    parse_page,
    read_document,
    read_page,
)

__all__ = [
    "BlockedPage",
    "EncodingError",
    "ParseError",
    "ParsedPage",
    "detect_page_kind",
    "page_bytes",
    "parse_page",
    "read_document",
    "read_page",
]
