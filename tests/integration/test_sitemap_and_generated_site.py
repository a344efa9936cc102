"""Starting from a sitemap, against a generated site served on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

from support.crawl import crawl, without

from careerscrape.testing.localsite import serve
from careerscrape.testing.sitegen import generate_site

VOLATILE = ("fetched_at", "content_sha256", "parser_version")


def test_a_sitemap_crawl_writes_every_page_of_the_site_exactly_as_generated(
    tmp_path: Path,
) -> None:
    site = generate_site(40, seed=3)
    with serve(site) as server:
        result = crawl(tmp_path, "-a", "sitemap=/sitemap.xml", "-a", "depth=0",
                       "-a", f"site={server.base_url}")  # fmt: skip
    assert result.returncode == 0, result.log[-3000:]
    written = {
        r["url"]: without(r, *VOLATILE)
        for name in ("roles.jsonl", "comparisons.jsonl")
        for r in result.jsonl(name)
    }
    assert written == {url: site.records[url] for url in site.records}
    run = result.run
    assert run["records"]["total"] == 40
    assert run["rejects"]["total"] == 0
    catalog = result.jsonl("catalog.jsonl")
    assert len({e["role_slug"] for e in catalog}) == len(catalog)
    assert not any(e["conflicts"] for e in catalog)
