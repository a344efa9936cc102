"""Sitemaps as the web serves them: plain or gzipped, urlsets and indexes, any size the
protocol allows (50,000 URLs, 50 MB uncompressed), under a size limit of their own.

A sitemap is not a page: it is larger than any career page (so ``DOWNLOAD_MAXSIZE``
does not suit it; ``SITEMAP_MAXSIZE`` does, for the download and for what a gzipped
one decompresses to, which also stops a decompression bomb), and it is usually
gzipped as a file (``sitemap.xml.gz`` served as ``application/x-gzip``, which no
``Content-Encoding`` undoes). Whatever its name or media type says, the bytes decide:
a body that starts with gzip's magic number is gunzipped. Parsing streams
(Scrapy's :class:`~scrapy.utils.sitemap.Sitemap`, lxml ``iterparse``), so a 50 MB
sitemap is read without holding its tree.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

from lxml.etree import XMLSyntaxError
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

__all__ = ["SitemapError", "read_sitemap"]

_GZIP_MAGIC = b"\x1f\x8b"


class SitemapError(ValueError):
    """A sitemap that cannot be read; ``reason`` is the reject's (``too_large``...)."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason


@dataclass(frozen=True)
class SitemapContent:
    """``index``: the locations are sitemaps; else they are pages."""

    index: bool
    locations: list[str]


def read_sitemap(body: bytes, url: str, max_size: int) -> SitemapContent:
    """The locations a sitemap (or robots.txt) lists; raises :class:`SitemapError`."""
    if body[:2] == _GZIP_MAGIC:
        try:
            body = gunzip(body, max_size=max_size)
        except ValueError as exc:  # Scrapy's decompression size check
            raise SitemapError("too_large", f"larger than SITEMAP_MAXSIZE once gunzipped "
                                            f"({max_size} bytes)") from exc  # fmt: skip
        except (OSError, EOFError, zlib.error, struct.error) as exc:
            raise SitemapError("unreadable", f"a broken gzip file ({exc})") from exc
    if url.rstrip("/").endswith("/robots.txt"):
        text = body.decode("utf-8", errors="replace")
        return SitemapContent(True, list(sitemap_urls_from_robots(text, base_url=url)))
    try:
        sitemap = Sitemap(body)
        kind = sitemap.type
        if kind in ("urlset", "sitemapindex"):
            locations = [entry["loc"] for entry in sitemap if entry.get("loc")]
            return SitemapContent(kind == "sitemapindex", locations)
    except (StopIteration, XMLSyntaxError):
        pass
    raise SitemapError("unreadable", "not a sitemap (no urlset or sitemapindex)")
