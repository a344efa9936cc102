"""The site a crawl reads, and the canonical site its records are attributed to.

A crawl may read the real site or a mirror of it (a local test server, a
staging host, an archive). Requests go to the crawled site; records always
carry canonical URLs, so the same page gives the same record wherever it was
read from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from careerscrape.parsing.urls import canonical_url


def _bare_host(netloc: str) -> str:
    """``www.zippia.com`` and ``zippia.com`` are one site."""
    return netloc.lower().removeprefix("www.")


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ValueError(f"not an http(s) site address: {url!r}")
    return parts.scheme, parts.netloc.lower()


@dataclass(frozen=True)
class Site:
    """``base``: where requests go; ``canonical``: the origin records name."""

    base: str
    canonical: str = "https://www.zippia.com"

    def __post_init__(self) -> None:
        _origin(self.base)
        _origin(self.canonical)

    @property
    def host(self) -> str:
        """The crawled host, without port: what ``allowed_domains`` holds."""
        return urlsplit(self.base).hostname or ""

    def role_url(self, slug: str) -> str:
        """The role page of ``slug``: "what-does-an-" before a vowel, "what-does-a-" otherwise."""
        article = "an" if slug[:1] in set("aeiou") else "a"
        return self.resolve(f"/{slug}-jobs/what-does-{article}-{slug}-do/")

    def resolve(self, url: str, base: str | None = None) -> str:
        """An absolute URL on the crawled site for ``url`` as written on a page or by a user.

        Relative URLs resolve against ``base`` (the page) or the site; a URL on
        the canonical host (with or without ``www.``) is moved to the crawled
        site, so a mirror's pages that link with absolute canonical URLs still
        lead within the mirror.
        """
        absolute = urljoin(base or self.base, url.strip())
        parts = urlsplit(absolute)
        if _bare_host(parts.netloc) == _bare_host(urlsplit(self.canonical).netloc):
            scheme, netloc = _origin(self.base)
            absolute = urlunsplit((scheme, netloc, parts.path, parts.query, ""))
        return absolute.split("#", 1)[0]

    def is_own(self, url: str) -> bool:
        parts = urlsplit(url)
        return (
            parts.scheme in {"http", "https"}
            and parts.netloc.lower() == urlsplit(self.base).netloc.lower()
        )

    def canonical_url(self, url: str) -> str:
        """The record URL of a crawled page: canonical origin, the page's path."""
        return canonical_url(self.canonical + urlsplit(url).path)


def crawled_site(settings: Any) -> Site:
    """The site of a crawl: ``SITE_URL`` (``-a site=``) read, ``CANONICAL_SITE`` named."""
    return Site(settings.get("SITE_URL"), settings.get("CANONICAL_SITE"))
