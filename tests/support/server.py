"""The demo site's responses (absolute URLs) served over real HTTP on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from support.static_site import serve_pages


@contextmanager
def serve(responses: Iterable[tuple[str, int, dict[str, str], bytes]]) -> Iterator[str]:
    """Serve ``(url, status, headers, body)`` by URL path; yields the base URL.

    ``Location`` headers naming the canonical site are rewritten to paths, as a
    mirror of the site would do.
    """
    pages = {}
    for url, status, headers, body in responses:
        local = {k: urlsplit(v).path if k.lower() == "location" else v for k, v in headers.items()}
        pages[urlsplit(url).path] = (status, local, body)
    with serve_pages(pages) as site:
        yield site.base_url
