"""A synthetic Zippia-style site: interlinked role and comparison pages with their records.

>>> site = generate_site(1000, seed=7)
>>> html = site.pages["/senior-payroll-coordinator-jobs/what-does-a-senior-payroll-coordinator-do/"]
>>> site.records["https://www.zippia.com/senior-payroll-coordinator-jobs/..."]  # expected record

Every page is a role page ("What does a X do?") or a comparison page ("X vs Y")
in the shapes, wordings and markups of the real site (modelled on
``fixtures/pages``), and ``Site.records`` holds the record the parser must
make of each one (``model_dump(mode="json")`` without ``fetched_at``,
``content_sha256`` and ``parser_version``). A site is deterministic for a
seed, and consistent: one role has one salary, one set of skills and so on
wherever it appears, so a catalog built from it has no conflicts.

The graph: each role page has 3-4 "<role> vs. <other>" sections, each linking
the comparison page ``/<role>-jobs/<role>-vs-<other>-differences/`` (the page
role first, as the site does), and each comparison page links both role
pages. Every role and comparison link points to a page of the site, and a
ring through all roles keeps the whole site reachable from any page.

Only a compact spec is built up front; pages and records are rendered on
demand (``Site.page(path)``; ``pages`` and ``records`` are lazy mappings), so
tens of thousands of pages cost seconds and little memory. No Scrapy here.

The package follows the site's making: its words (:mod:`.vocabulary`), the spec
of roles and comparisons built from a seed (:mod:`.spec`), the sentences of
comparison sections (:mod:`.wordings`), the markups (:mod:`.nextjs`,
:mod:`.plain`, :mod:`.forms`, :mod:`.redesigns`, sharing :mod:`.markup`), and the site that renders
pages and records on demand (:mod:`.site`).
"""

from careerscrape.testing.sitegen.forms import FORM_MARKUPS, FORMS
from careerscrape.testing.sitegen.redesigns import REDESIGN_MARKUPS
from careerscrape.testing.sitegen.site import Site, generate_site
from careerscrape.testing.sitegen.vocabulary import (
    ALL_MARKUPS,
    CANONICAL_ORIGIN,
    MARKUPS,
    comparison_path,
    role_path,
    sitemap_xml,
)

__all__ = [
    "ALL_MARKUPS",
    "CANONICAL_ORIGIN",
    "FORMS",
    "FORM_MARKUPS",
    "MARKUPS",
    "REDESIGN_MARKUPS",
    "Site",
    "comparison_path",
    "generate_site",
    "role_path",
    "sitemap_xml",
]
