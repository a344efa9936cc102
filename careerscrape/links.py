"""Which links a crawl follows from a page, by what they point to and what they say.

From a role page: its comparison pages (URL ``<a>-vs-<b>-differences`` naming
the role, or a link reading "<role> vs. <other>"). From a comparison page:
the role pages of its two sides (URL ``what-does-a-<slug>-do``, or a link
reading "What does a <role> do?"). Never by class names. No Scrapy here: the
spider and the demo-site builder share it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from careerscrape.models import PageRecord, RoleComparison, RoleProfile
from careerscrape.parsing import ParsedPage
from careerscrape.parsing.text import clean
from careerscrape.parsing.titles import ROLE_TITLE, VS_TITLE
from careerscrape.parsing.urls import comparison_slugs, page_kind, role_slug
from careerscrape.site import Site


@dataclass
class Links:
    """The links to follow from one page (absolute URLs on the crawled site), page order."""

    follow: list[str] = field(default_factory=list)
    offsite: int = 0


def links_to_follow(page: ParsedPage, page_url: str, site: Site) -> Links:
    """The links of ``page`` (read from ``page_url`` on ``site``) that the crawl follows."""
    found = Links()
    for anchor in page.document.links:
        url = site.resolve(anchor.get("href", ""), base=page_url)
        if not url.startswith(("http://", "https://")):
            continue
        if not site.is_own(url):
            found.offsite += 1
            continue
        text = clean("".join(anchor.itertext()))
        if url not in found.follow and wanted(page.record, url, text):
            found.follow.append(url)
    return found


def wanted(record: PageRecord, url: str, text: str) -> bool:
    """Is the link at ``url`` (reading ``text``) one the crawl follows from ``record``?"""
    if isinstance(record, RoleProfile):
        slugs = comparison_slugs(url)
        if slugs:
            return record.role_slug in slugs
        match = VS_TITLE.match(text)
        return bool(match) and page_kind(url) != "role" and record.role.lower() in text.lower()
    if isinstance(record, RoleComparison):
        sides = {side.role_slug for side in record.roles}
        if role_slug(url) in sides:
            return True
        title = ROLE_TITLE.match(text)
        names = {side.role.lower() for side in record.roles}
        return bool(title) and page_kind(url) is None and title.group(1).lower() in names
    return False
