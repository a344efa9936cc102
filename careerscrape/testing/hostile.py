"""A hostile local site: a generated site's pages, served the ways the web gets them wrong.

    with serve_pages(hostile_pages(site)) as server:
        crawl(out, "-a", f"sitemap={INDEX}", "-a", f"site={server.base_url}")

Pages are a :func:`careerscrape.testing.sitegen.generate_site` site's. Beside them, sitemaps
(gzipped as files, large, a decompression bomb, an index of all of them with a
child that is missing) and redirects that leave the site (another host, another port
of the same host, ``file:``, ``data:``, ``ftp:``). Grow it with each new way the
world finds to lose a page.
"""

from __future__ import annotations

import gzip
from collections.abc import Mapping

from careerscrape.testing.sitegen import Site, sitemap_xml

HTML = {"Content-Type": "text/html; charset=utf-8"}
XML = {"Content-Type": "application/xml"}
GZIP = {"Content-Type": "application/x-gzip"}

SITEMAP_GZ = "/sitemaps/roles.xml.gz"  # a gzipped file, as servers send one: no Content-Encoding
SITEMAP_BIG = "/sitemaps/all.xml"  # 50,000 URLs (the protocol's limit), 8 MB
SITEMAP_BOMB = "/sitemaps/bomb.xml.gz"  # a few KB that gunzip to 60 MB
SITEMAP_MISSING = "/sitemaps/gone.xml"  # listed by the index, answers 404
INDEX = "/sitemap_index.xml"  # all of the above
BIG_URLS = 50_000
BOMB_BYTES = 60 * 1024 * 1024

REDIRECT_OFFSITE = "/redirects/offsite-jobs/what-does-an-offsite-do/"  # to another host
REDIRECT_PORT = "/redirects/port-jobs/what-does-a-port-do/"  # to the same host, another port
REDIRECT_FILE = "/redirects/file-jobs/what-does-a-file-do/"
REDIRECT_DATA = "/redirects/data-jobs/what-does-a-data-do/"
REDIRECT_FTP = "/redirects/ftp-jobs/what-does-a-ftp-do/"
OFFSITE_HOST = "other.example"  # reserved (RFC 2606): never resolves


def urlset(urls: list[str], lastmod: bool = False) -> bytes:
    """A urlset; with ``lastmod``, each entry also has the optional tags real sitemaps carry
    (which is what makes a 50,000-URL sitemap 8 MB)."""
    if not lastmod:
        return sitemap_xml(urls).encode()
    extra = ("<lastmod>2026-11-30T00:00:00+00:00</lastmod><changefreq>weekly</changefreq>"
             "<priority>0.5</priority>")  # fmt: skip
    entries = "".join(f"<url><loc>{url}</loc>{extra}</url>\n" for url in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{entries}</urlset>\n'
    ).encode()


def sitemap_index(urls: list[str]) -> bytes:
    entries = "".join(f"<sitemap><loc>{url}</loc></sitemap>" for url in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}'
        "</sitemapindex>"
    ).encode()


def bomb() -> bytes:
    """A gzip file of a sitemap that never ends: 60 MB of blanks inside a urlset."""
    head = b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    return gzip.compress(head + b" " * BOMB_BYTES, compresslevel=9)


def hostile_pages(
    site: Site, base_url: str, other_port: int
) -> dict[str, tuple[int, Mapping[str, str], bytes]]:
    """Every page of ``site`` and the hostile extras, for a server at ``base_url``.

    The role pages go into the gzipped sitemap, the comparison pages into the big one
    (with 50,000 URLs in all, the rest of them not career pages, as on the real site).
    """
    pages: dict[str, tuple[int, Mapping[str, str], bytes]] = {
        path: (200, HTML, site.page(path)) for path in site.paths
    }
    roles = [base_url + path for path in site.role_paths]
    comparisons = [base_url + path for path in site.comparison_paths]
    filler = [f"{base_url}/companies/company-{n}/" for n in range(BIG_URLS - len(comparisons))]
    pages[SITEMAP_GZ] = (200, GZIP, gzip.compress(urlset(roles)))
    pages[SITEMAP_BIG] = (200, XML, urlset(comparisons + filler, lastmod=True))
    pages[SITEMAP_BOMB] = (200, GZIP, bomb())
    children = [SITEMAP_GZ, SITEMAP_BIG, SITEMAP_BOMB, SITEMAP_MISSING]
    pages[INDEX] = (200, XML, sitemap_index([base_url + path for path in children]))
    redirects = {
        REDIRECT_OFFSITE: f"http://{OFFSITE_HOST}/chef-jobs/what-does-a-chef-do/",
        REDIRECT_PORT: f"http://127.0.0.1:{other_port}{site.role_paths[0]}",
        REDIRECT_FILE: "file:///etc/passwd",
        REDIRECT_DATA: "data:text/html,<h1>What does a data do?</h1>",
        REDIRECT_FTP: "ftp://127.0.0.1/chef-jobs/what-does-a-chef-do/",
    }
    for path, location in redirects.items():
        pages[path] = (301, {**HTML, "Location": location}, b"")
    return pages
