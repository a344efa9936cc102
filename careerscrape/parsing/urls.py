"""What a page's URL says: its canonical form, its kind and the roles it names."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit, urlunsplit

from w3lib.url import safe_url_string

from careerscrape.models import final_slash

ROLE_PATH = re.compile(r"/what-does-an?-([a-z0-9]+(?:-[a-z0-9]+)*)-do/?$")
COMPARISON_PATH = re.compile(r"/([a-z0-9-]+?)-jobs/\1-vs-([a-z0-9]+(?:-[a-z0-9]+)*)-differences/?$")
LOOSE_COMPARISON_PATH = re.compile(r"/([a-z0-9]+(?:-[a-z0-9]+)*)-vs-([a-z0-9-]+?)-differences/?$")


def canonical_url(url: str, base: str | None = None) -> str:
    """https, lower-case host, no query, no fragment, and a page's path ending with ``/``.

    The path is kept as the site wrote it, but for its final slash: the site serves
    ``/chef-jobs/what-does-a-chef-do`` and ``.../what-does-a-chef-do/`` as one page (the
    first redirects), so both are one record URL, in the site's own form (the data
    contract's, careerscrape.models.final_slash).
    """
    if base:
        url = urljoin(base, url)
    parts = urlsplit(safe_url_string(url.strip()))
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ValueError(f"not an absolute web URL: {url!r}")
    return urlunsplit(("https", parts.netloc.lower(), final_slash(parts.path or "/"), "", ""))


def page_kind(url: str | None) -> str | None:
    """ "role", "comparison" or None when the URL does not say."""
    if not url:
        return None
    path = urlsplit(url).path.lower()
    if ROLE_PATH.search(path):
        return "role"
    if LOOSE_COMPARISON_PATH.search(path):
        return "comparison"
    return None


def role_slug(url: str | None) -> str | None:
    """``.../what-does-a-customer-service-director-do/`` -> ``customer-service-director``."""
    match = ROLE_PATH.search(urlsplit(url).path.lower()) if url else None
    return match.group(1) if match else None


def comparison_slugs(url: str | None) -> tuple[str, str] | None:
    """``.../a-jobs/a-vs-b-differences/`` -> (a, b); the ``-jobs`` folder disambiguates a."""
    if not url:
        return None
    path = urlsplit(url).path.lower()
    match = COMPARISON_PATH.search(path) or LOOSE_COMPARISON_PATH.search(path)
    return (match.group(1), match.group(2)) if match else None
