"""The synthetic site: a spec, its pages rendered on demand in a markup, and their records."""

from __future__ import annotations

import random
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any

from careerscrape.testing.sitegen.forms import FORM_MARKUPS, _Forms, _role_forms, _vs_forms
from careerscrape.testing.sitegen.markup import _class_pool
from careerscrape.testing.sitegen.nextjs import _role_nextjs, _vs_nextjs
from careerscrape.testing.sitegen.plain import _role_plain, _vs_plain
from careerscrape.testing.sitegen.redesigns import REDESIGN_MARKUPS, render_role, render_vs
from careerscrape.testing.sitegen.spec import _build, _details
from careerscrape.testing.sitegen.vocabulary import (
    ALL_MARKUPS,
    CANONICAL_ORIGIN,
    MARKUPS,
    cap,
    comparison_path,
    sitemap_xml,
)
from careerscrape.testing.sitegen.wordings import _SECTIONS, _Pair

if TYPE_CHECKING:
    from careerscrape.testing.sitegen.spec import Comparison, Role, RoleDetails


# -- the site --------------------------------------------------------------------------------------


class _LRU:
    """A small thread-safe least-recently-used cache."""

    def __init__(self, size: int) -> None:
        self._size, self._data, self._lock = size, OrderedDict(), threading.Lock()

    def get(self, key: Any, make: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return self._data[key]
        value = make()
        with self._lock:
            self._data[key] = value
            if len(self._data) > self._size:
                self._data.popitem(last=False)
        return value


class _Pages(Mapping[str, bytes]):
    """``Site.pages``: path -> HTML bytes, rendered when asked for."""

    def __init__(self, site: Site) -> None:
        self._site = site

    def __getitem__(self, path: str) -> bytes:
        return self._site.page(path)

    def __contains__(self, path: object) -> bool:
        return path in self._site._index

    def __iter__(self) -> Iterator[str]:
        return iter(self._site.paths)

    def __len__(self) -> int:
        return len(self._site.paths)


class _Records(Mapping[str, dict]):
    """``Site.records``: canonical URL -> expected record, built when asked for (a fresh dict)."""

    def __init__(self, site: Site) -> None:
        self._site = site

    def __getitem__(self, url: str) -> dict[str, Any]:
        return self._site.record(url)

    def __contains__(self, url: object) -> bool:
        return isinstance(url, str) and self._site._path_of(url) in self._site._index

    def __iter__(self) -> Iterator[str]:
        return (self._site.url(path) for path in self._site.paths)

    def __len__(self) -> int:
        return len(self._site.paths)


class Site:
    """A generated site: its pages, the records they must parse to, robots.txt and a sitemap.

    ``pages`` (path -> bytes) and ``records`` (canonical URL -> dict) are
    read-only mappings that render on access; ``paths`` lists every page in
    site order (each role page followed by its comparison pages).
    """

    def __init__(
        self,
        n_pages: int,
        seed: int = 0,
        origin: str = CANONICAL_ORIGIN,
        markups: tuple[str, ...] = MARKUPS,
    ) -> None:
        if n_pages < 1:
            raise ValueError(f"a site has at least one page, not {n_pages}")
        unknown = set(markups) - set(ALL_MARKUPS)
        if not markups or unknown:
            raise ValueError(f"markups are some of {ALL_MARKUPS}, not {markups}")
        self.seed, self.n_pages, self.origin = seed, n_pages, origin.rstrip("/")
        self.markups = markups
        self.roles, self._comparisons = _build(n_pages, seed)
        self.paths: list[str] = []
        self._index: dict[str, tuple[str, int, int]] = {}  # path -> (kind, role, comparison)
        for role in self.roles:
            self._add(role.path, ("role", role.index, -1))
            for j, comparison in enumerate(self._comparisons[role.index]):
                b = self.roles[comparison.b]
                self._add(comparison_path(role.slug, b.slug), ("comparison", role.index, j))
        if len(self.paths) != n_pages:  # pragma: no cover - guarded by _plan
            raise AssertionError(f"planned {n_pages} pages, built {len(self.paths)}")
        self._position = {path: i for i, path in enumerate(self.paths)}
        self._pool = _class_pool(seed)
        self._details = _LRU(4096)
        self._rendered = _LRU(64)
        self.pages: Mapping[str, bytes] = _Pages(self)
        self.records: Mapping[str, dict] = _Records(self)

    def _add(self, path: str, where: tuple[str, int, int]) -> None:
        if path in self._index:  # pragma: no cover - names are distinct
            raise AssertionError(f"duplicate page {path}")
        self._index[path] = where
        self.paths.append(path)

    # -- public views -----------------------------------------------------------------------

    @property
    def role_slugs(self) -> list[str]:
        return [role.slug for role in self.roles]

    @property
    def role_paths(self) -> list[str]:
        return [role.path for role in self.roles]

    @property
    def comparison_paths(self) -> list[str]:
        return [p for p in self.paths if self._index[p][0] == "comparison"]

    @cached_property
    def robots_txt(self) -> str:
        return f"User-agent: *\nAllow: /\n\nSitemap: {self.origin}/sitemap.xml\n"

    @cached_property
    def sitemap_xml(self) -> str:
        return sitemap_xml([self.url(path) for path in self.paths])

    def url(self, path: str) -> str:
        """The canonical URL of a page path (what ``records`` is keyed by)."""
        return self.origin + path

    def _path_of(self, url: str) -> str:
        return url[len(self.origin) :] if url.startswith(self.origin + "/") else url

    def kind(self, path: str) -> str:
        """ "role" or "comparison"."""
        return self._index[path][0]

    def markup(self, path: str) -> str:
        """Which markup the page is rendered in: pages take the site's markups in turn."""
        return self.markups[self._position[path] % len(self.markups)]

    def last_modified(self, path: str) -> datetime:
        """When the page last changed: its role's "Updated" date (the newer one of a pair)."""
        kind, i, j = self._index[path]
        day = self.roles[i].updated
        if kind == "comparison":
            day = max(day, self.roles[self._comparisons[i][j].b].updated)
        return datetime(day.year, day.month, day.day, 9, 30, tzinfo=UTC)

    def details(self, role: Role | int) -> RoleDetails:
        role = self.roles[role] if isinstance(role, int) else role
        return self._details.get(role.index, lambda: _details(self.seed, role))

    def page(self, path: str) -> bytes:
        """The HTML of the page at ``path`` (KeyError for a path the site does not have)."""
        where = self._index[path]
        return self._rendered.get(path, lambda: self._render(path, where))

    def record(self, url_or_path: str) -> dict[str, Any]:
        """The expected record of a page, by canonical URL (or path)."""
        path = self._path_of(url_or_path)
        kind, i, j = self._index[path]
        if kind == "role":
            return self._role_record(self.roles[i])
        return self._comparison_record(self._comparisons[i][j])

    # -- records ---------------------------------------------------------------------------------

    def _pair(self, comparison: Comparison) -> _Pair:
        a, b = self.roles[comparison.a], self.roles[comparison.b]
        return _Pair(a, b, self.details(a), self.details(b))

    def _role_record(self, role: Role) -> dict[str, Any]:
        d = self.details(role)
        comparisons = []
        for comparison in self._comparisons[role.index]:
            pair = self._pair(comparison)
            _, stated = _SECTIONS[comparison.section](pair)
            comparisons.append({
                "other_role": cap(pair.b.name),
                "other_role_slug": pair.b.slug,
                "other_description": pair.db.summary,
                "salary_difference": pair.difference,
                "shared_skills": pair.shared if len(pair.shared) >= 2 else [],
                "role_only_skills": pair.a_only,
                "other_only_skills": pair.b_only,
                "role_top_industry": stated["role_top_industry"],
                "other_top_industry": stated["other_top_industry"],
                "masters_difference": pair.degree("masters"),
                "doctoral_difference": pair.degree("doctoral"),
            })  # fmt: skip
        return {
            "url": self.url(role.path),
            "page_type": "role",
            "role": role.name,
            "role_slug": role.slug,
            "updated": role.updated.isoformat(),
            "reading_minutes": d.reading_minutes,
            "summary": d.summary,
            "responsibilities": list(d.responsibilities),
            "skills": [{"name": n, "percent": p, "example": e} for n, p, e in d.skills],
            "soft_skills": [
                {"name": n, "description": desc, "example": ex} for n, desc, ex in d.soft_skills
            ],
            "comparisons": comparisons,
            "category": role.category,
        }

    def _comparison_record(self, comparison: Comparison) -> dict[str, Any]:
        a, b = self.roles[comparison.a], self.roles[comparison.b]
        return {
            "url": self.url(comparison_path(a.slug, b.slug)),
            "page_type": "comparison",
            "roles": [self.details(a).stats(a), self.details(b).stats(b)],
        }

    # -- rendering -------------------------------------------------------------------------------

    def render(self, path: str, markup: str, variant: int = 0) -> bytes:
        """The page at ``path`` in any markup, not cached; ``variant`` seeds "random" forms."""
        if markup not in ALL_MARKUPS:
            raise ValueError(f"no markup {markup!r}; choose from {ALL_MARKUPS}")
        return self._render(path, self._index[path], markup, variant)

    def _render(
        self, path: str, where: tuple[str, int, int], markup: str | None = None, variant: int = 0
    ) -> bytes:
        kind, i, j = where
        markup = markup or self.markup(path)
        if markup in FORM_MARKUPS:
            forms = _Forms(markup, random.Random(f"{self.seed}:{path}:{variant}"))
            if kind == "role":
                text = _role_forms(self, self.roles[i], self.details(i), forms)
            else:
                comparison = self._comparisons[i][j]
                text = _vs_forms(self, comparison, self._pair(comparison), forms)
            return text.encode("utf-8")
        if markup in REDESIGN_MARKUPS:
            if kind == "role":
                text = render_role(markup, self, self.roles[i], self.details(i))
            else:
                comparison = self._comparisons[i][j]
                text = render_vs(markup, self, comparison, self._pair(comparison))
            return text.encode("utf-8")
        nextjs = markup == "nextjs"
        if kind == "role":
            role = self.roles[i]
            text = (_role_nextjs if nextjs else _role_plain)(self, role, self.details(role))
        else:
            comparison = self._comparisons[i][j]
            text = (_vs_nextjs if nextjs else _vs_plain)(self, comparison, self._pair(comparison))
        return text.encode("utf-8")

    @cached_property
    def _css(self) -> str:
        rules = (
            "display:flex;", "margin:0 auto;", "padding:8px 16px;", "line-height:1.6;",
            "font-weight:600;", "gap:12px;", "color:#1d2c3d;", "max-width:1200px;",
        )  # fmt: skip
        out = []
        for k, name in enumerate(self._pool[:120]):
            short = name.split()[1]
            out.append(f".{short}{{{rules[k % 8]}{rules[(k * 3 + 1) % 8]}}}")
        return "".join(out)


def generate_site(n_pages: int, seed: int = 0, markups: tuple[str, ...] = MARKUPS) -> Site:
    """A site of exactly ``n_pages`` role and comparison pages, the same for the same seed."""
    return Site(n_pages, seed, markups=markups)
