"""The bundled demo site: the fixture pages as one small site, recorded in a cassette.

    python -m careerscrape.testing.demo          # rebuild fixtures/demo/ after changing fixtures

The demo site holds the pages listed in ``fixtures/demo/start_urls.txt``, each
from its fixture (the Next.js-like markup where a page has several), plus
``/robots.txt``: a fixture added to ``fixtures/pages`` joins the demo only when
its URL is added to that list. Links the crawl follows from those
pages to pages the demo does not have answer 404 with a "Page not found"
page, as the real site would for a missing page, so the crawl lists them in
rejects.jsonl instead of failing on a cassette miss; a link that differs from
a demo page only by its final slash is redirected to it, as the site does. The same pages, served
by a local HTTP server, give the same records: the integration tests check it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from careerscrape.cassette import build_cassette
from careerscrape.links import links_to_follow
from careerscrape.parsing import read_page
from careerscrape.site import Site
from careerscrape.testing.fixtures import DEFAULT_ROOT, load_fixtures

DEMO_DIR = Path("fixtures/demo")
SITE = "https://www.zippia.com"
HTML = {"Content-Type": "text/html; charset=utf-8"}
ROBOTS_TXT = b"User-agent: *\nAllow: /\n"
NOT_FOUND = (
    b'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Page Not Found | '
    b"Zippia</title></head><body><h1>Page not found</h1><p>Sorry, we couldn't find the page you "
    b'were looking for.</p><p><a href="/">Go to the home page</a></p></body></html>'
)
#: Which markup of a page the demo site serves when fixtures hold several.
_MARKUP_PREFERENCE = ("nextjs", "plain", "legacy")


def demo_urls(out: Path = DEMO_DIR) -> set[str]:
    """The demo's pages: the URLs of ``out/start_urls.txt`` (``#`` comments left out)."""
    lines = (out / "start_urls.txt").read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def demo_pages(root: Path = DEFAULT_ROOT, out: Path = DEMO_DIR) -> dict[str, bytes]:
    """{canonical url: body}: each demo page from its fixture, in the preferred markup."""
    site = Site(SITE)
    wanted = demo_urls(out)
    chosen: dict[str, tuple[int, bytes]] = {}
    for fixture in load_fixtures(root):
        url = site.canonical_url(fixture.url)  # "https://zippia.com/..." is the same site
        if url not in wanted:
            continue
        markup = fixture.meta.get("markup", "")
        rank = _MARKUP_PREFERENCE.index(markup) if markup in _MARKUP_PREFERENCE else 99
        if url not in chosen or rank < chosen[url][0]:
            chosen[url] = (rank, fixture.html)
    return {url: body for url, (_, body) in sorted(chosen.items())}


def missing_links(pages: dict[str, bytes]) -> list[str]:
    """Pages the crawl would follow from the demo pages that the demo does not have."""
    site = Site(SITE)
    missing: set[str] = set()
    for url, body in pages.items():
        for target in links_to_follow(read_page(body, url), url, site).follow:
            if target not in pages:
                missing.add(target)
    return sorted(missing)


def demo_site(
    root: Path = DEFAULT_ROOT, out: Path = DEMO_DIR
) -> Iterator[tuple[str, int, dict[str, str], bytes]]:
    """(url, status, headers, body) of every response of the demo site."""
    pages = demo_pages(root, out)
    yield f"{SITE}/robots.txt", 200, {"Content-Type": "text/plain"}, ROBOTS_TXT
    for url, body in pages.items():
        yield url, 200, HTML, body
    for url in missing_links(pages):
        # The site redirects a URL that differs only by its final slash.
        twin = url[:-1] if url.endswith("/") else f"{url}/"
        if twin in pages:
            yield url, 301, {**HTML, "Location": twin}, b""
        else:
            yield url, 404, HTML, NOT_FOUND


def build(root: Path = DEFAULT_ROOT, out: Path = DEMO_DIR) -> dict[str, int]:
    """Write ``out/site.yaml`` (the cassette) and ``out/start_urls.txt`` (the demo's seeds)."""
    out.mkdir(parents=True, exist_ok=True)
    responses = list(demo_site(root, out))
    build_cassette(out / "site.yaml", responses)
    robots = f"{SITE}/robots.txt"
    pages = [url for url, status, _, _ in responses if status == 200 and url != robots]
    (out / "start_urls.txt").write_text(
        "# The demo site's pages and the demo crawl's start (careerscrape/testing/demo.py).\n"
        + "".join(f"{url}\n" for url in pages),
        encoding="utf-8",
    )
    counts = {"pages": len(pages)}
    for status, name in ((301, "redirects"), (404, "missing")):
        counts[name] = sum(1 for response in responses if response[1] == status)
    return counts


if __name__ == "__main__":
    print(json.dumps(build()))
