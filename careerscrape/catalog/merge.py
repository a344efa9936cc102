"""The role catalog: every record merged into one entry per ``role_slug``.

No Scrapy here: the same :class:`CatalogBuilder` serves the crawl's catalog
pipeline, ``careerscrape catalog`` and any script.

>>> builder = CatalogBuilder()
>>> for record in records:          # RoleProfile / RoleComparison, model_dump(mode="json")
...     builder.add(record)
>>> builder.write("output/catalog.jsonl")      # atomically, sorted by role_slug

Memory grows with the number of roles and of the pages that name them (the
catalog's own ``sources`` and ``related`` lists), never with the number of
records: each record is merged into per-role state as it arrives and then
dropped, and a page fetched again replaces what it said before. Every merge
keeps a maximum under a total order (newest ``fetched_at``, then URL, then the
value itself) or a set union, so the catalog is the same whatever order the
records arrive in.

Merge rules (the data contract, "RoleCatalogEntry"):

- ``title``: a comparison table header beats a role page H1, which beats a role
  page's comparison sub-heading; within one kind the newest page wins.
  ``aliases``: the other names, compared case-insensitively, sorted.
- ``summary``: the role page summary, else a comparison page description, else
  the description under another role page's comparison sub-heading.
- figures (salary, rates, demographics, ...): from comparison pages where the
  role is a side. Each page counts with its newest fetch; when pages hold
  different non-null values the newest page wins and every value is listed in
  ``conflicts`` (by URL). A null never disagrees.
- ``skills``/``responsibilities``: from the newest role page that lists any,
  else every comparison page in URL order, deduplicated, order kept.
- ``related``: one edge per other role; a comparison table's salary difference
  beats a role page's prose figure (sign flipped when seen from the other role),
  a known figure beats an unknown one, then the page filed under this role
  (/<role>-jobs/...), then the newest page.
- ``updated``: newest ``RoleProfile.updated`` of the role pages that mention the
  role; ``first_seen``/``last_seen``: fetched_at bounds of the records that do.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, TypeAdapter, ValidationError

from careerscrape.atomic import write_jsonl
from careerscrape.models import (
    PAGE_MODELS,
    PageRecord,
    RoleCatalogEntry,
    RoleComparison,
    RoleProfile,
)

__all__ = [
    "FIGURES",
    "CatalogBuilder",
    "CatalogError",
]

#: RoleStats fields copied to the catalog entry from comparison pages, with conflicts.
FIGURES = (
    "years_to_become",
    "yearly_salary",
    "hourly_rate",
    "growth_rate",
    "number_of_jobs",
    "job_satisfaction",
    "most_common_degree",
    "average_age",
    "years_of_experience",
    "salary_range",
    "highest_paying_city",
    "highest_paying_state",
    "best_paying_company",
    "best_paying_industry",
    "most_common_major",
    "most_common_college",
    "gender",
    "race",
    "lgbt_percent",
)
LISTS = ("skills", "responsibilities")
#: What a comparison side gives its role's entry, kept per page as one JSON string.
_SIDE_FIELDS = frozenset(FIGURES + LISTS)
#: Either record, told apart by ``page_type``: one validation straight from a JSON line.
_RECORD: TypeAdapter[RoleProfile | RoleComparison] = TypeAdapter(
    Annotated[RoleProfile | RoleComparison, Field(discriminator="page_type")]
)

# Name ranks for the title: higher wins.
_TABLE_HEADER, _ROLE_H1, _SUB_HEADING = 2, 1, 0
# Summary tiers: lower wins.
_ROLE_SUMMARY, _COMPARISON_DESCRIPTION, _OTHER_DESCRIPTION = 0, 1, 2


class CatalogError(ValueError):
    """A record that cannot be merged; ``str()`` is one line, ``path:line: reason`` from files."""


def _canon(value: Any) -> str:
    """A total-order key for any JSON value (equal values, equal keys)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _keep_max(store: dict, key: Any, candidate: tuple) -> None:
    current = store.get(key)
    if current is None or candidate > current:
        store[key] = candidate


def _keep_newest(store: dict, key: Any, order: tuple, value: Any) -> None:
    """Keep ``(order, value)`` under ``key`` if it beats what is there.

    ``order`` decides (fetched_at first); on a tie the value's canonical JSON
    does, computed only then, so the winner never depends on arrival order.
    """
    current = store.get(key)
    if (
        current is None
        or order > current[0]
        or (order == current[0] and value != current[1] and _canon(value) > _canon(current[1]))
    ):
        store[key] = (order, value)


@dataclass(slots=True)
class _Role:
    """Everything merged so far about one role; every field is a max, a min or a union."""

    names: dict[str, tuple] = field(default_factory=dict)  # name -> (rank, fetched_at, url)
    # Pages that name the role other than as a comparison side (those are in ``sides``).
    mentions: set[str] = field(default_factory=set)
    summaries: dict[int, tuple] = field(default_factory=dict)  # tier -> (fetched_at, url, text)
    category: tuple | None = None  # (fetched_at, url, category)
    # comparison url -> (fetched_at, side): the newest fetch of each page where the role is
    # a side; its figures and lists as JSON (nulls left out), one string per distinct side.
    sides: dict[str, tuple[datetime, str]] = field(default_factory=dict)
    # field -> ((fetched_at, url), list): the newest role page with a non-empty list.
    own_lists: dict[str, tuple] = field(default_factory=dict)
    # other slug -> (known, from_table, filed_here, fetched_at, url, difference)
    related: dict[str, tuple] = field(default_factory=dict)
    updated: date | None = None
    first_seen: datetime | None = None
    last_seen: datetime | None = None

    def seen(self, name: str, rank: int, fetched_at: datetime, url: str) -> None:
        _keep_max(self.names, name, (rank, fetched_at, url))
        if self.first_seen is None or fetched_at < self.first_seen:
            self.first_seen = fetched_at
        if self.last_seen is None or fetched_at > self.last_seen:
            self.last_seen = fetched_at

    def summary(self, tier: int, text: str | None, fetched_at: datetime, url: str) -> None:
        if text:
            _keep_max(self.summaries, tier, (fetched_at, url, text))

    def edge(
        self, other: str, difference: int | None, table: bool, at: datetime, url: str,
        filed_here: bool = False,
    ) -> None:  # fmt: skip
        """An edge to ``other``. When both "A vs B" and "B vs A" pages exist, the one filed
        under this role wins whatever the fetch times, so separate crawls cite the same page."""
        order = (difference is not None, table, filed_here, at, url, difference)
        _keep_max(self.related, other, order)

    def own_list(self, name: str, items: list, fetched_at: datetime, url: str) -> None:
        if items:
            _keep_newest(self.own_lists, name, (fetched_at, url), items)

    def side(self, url: str, fetched_at: datetime, side: str) -> None:
        """A comparison page's side for this role; a page counts with its newest fetch."""
        candidate = (fetched_at, side)
        current = self.sides.get(url)
        if current is None or candidate > current:
            self.sides[url] = candidate

    def entry(self, slug: str) -> RoleCatalogEntry:
        best_by_spelling: dict[str, tuple] = {}  # casefolded name -> (key, best spelling)
        for name, key in self.names.items():
            _keep_max(best_by_spelling, name.casefold(), (key, name))
        title = max(best_by_spelling.values())[1]
        aliases = sorted(
            (name for folded, (_, name) in best_by_spelling.items() if folded != title.casefold()),
            key=lambda name: (name.casefold(), name),
        )
        data: dict[str, Any] = {
            "role_slug": slug,
            "title": title,
            "aliases": aliases,
            "sources": sorted(self.mentions.union(self.sides)),
            "summary": self.summaries[min(self.summaries)][2] if self.summaries else None,
            "category": self.category[2] if self.category else None,
            "updated": self.updated,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "related": [
                {"role_slug": other, "salary_difference": edge[5], "url": edge[4]}
                for other, edge in sorted(self.related.items())
            ],
        }
        newest: dict[str, tuple[datetime, str]] = {}  # side -> (fetched_at, url) newest
        for url, (at, side) in self.sides.items():
            if side not in newest or (at, url) > newest[side]:
                newest[side] = (at, url)
        decoded = {side: json.loads(side) for side in newest}
        data.update(self._figures(newest, decoded))
        for name in LISTS:
            if name in self.own_lists:
                items = self.own_lists[name][1]
            else:  # every comparison page's, in URL order
                items = [
                    item
                    for _, (_, side) in sorted(self.sides.items())
                    for item in decoded[side].get(name, ())
                ]
            data[name] = _dedupe(name, items)
        return RoleCatalogEntry.model_validate(data)

    def _figures(self, newest: dict[str, tuple], decoded: dict[str, dict]) -> dict[str, Any]:
        """Each figure from the newest page that shows it, and ``conflicts``.

        Pages mostly repeat the same side, so the work is done once per
        distinct side (its newest page, ``newest``), not once per page; the
        pages are walked one by one only to list a field's disagreement.
        """
        data: dict[str, Any] = {"conflicts": []}
        for name in FIGURES:
            shown = [(newest[s], values[name]) for s, values in decoded.items() if name in values]
            if not shown:
                continue
            data[name] = max(shown, key=lambda pair: pair[0])[1]
            first = shown[0][1]
            if any(value != first for _, value in shown):
                values = [
                    {"value": decoded[side][name], "url": url}
                    for url, (_, side) in sorted(self.sides.items())
                    if name in decoded[side]
                ]
                data["conflicts"].append({"field": name, "values": values})
        return data


def _dedupe(name: str, items: list) -> list:
    """Keep the first of each skill (by name, case-insensitively) or responsibility."""
    kept, seen = [], set()
    for item in items:
        if name == "skills":
            key = item["name"].casefold()
            item = {"name": item["name"], "percent": item["percent"]}
        else:
            key = item
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def _describe(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "record"
        title = exc.title
        return f"not a valid {title} ({exc.error_count()} errors), first: {where}: {first['msg']}"
    return str(exc)


def _one_line(text: str) -> str:
    return " ".join(text.split())


class CatalogBuilder:
    """Merges records into the catalog one at a time; keeps per-role state, never the records."""

    def __init__(self) -> None:
        self._roles: dict[str, _Role] = {}
        # One string per distinct comparison side: pages that agree share it.
        self._sides: dict[str, str] = {}
        #: Records merged so far.
        self.records = 0
        #: ``path:line`` of the torn last lines skipped (see :meth:`add_file`).
        self.torn: list[str] = []

    def __len__(self) -> int:
        """The number of roles (catalog entries) so far."""
        return len(self._roles)

    def _role(self, slug: str) -> _Role:
        role = self._roles.get(slug)
        if role is None:
            role = self._roles[slug] = _Role()
        return role

    def add(self, record: dict[str, Any] | PageRecord) -> None:
        """Merge one RoleProfile or RoleComparison (the model or ``model_dump(mode="json")``).

        Raises :class:`CatalogError` (a ``ValueError``) with a one-line reason when
        the record is neither; the catalog is then unchanged.
        """
        self._merge(record if isinstance(record, PageRecord) else _validate(record))

    def _merge(self, model: PageRecord) -> None:
        if isinstance(model, RoleProfile):
            self._add_role_page(model)
        else:
            self._add_comparison(model)
        self.records += 1

    def _add_role_page(self, page: RoleProfile) -> None:
        url, at = page.url, page.fetched_at
        role = self._role(page.role_slug)
        role.seen(page.role, _ROLE_H1, at, url)
        role.mentions.add(url)
        role.summary(_ROLE_SUMMARY, page.summary, at, url)
        if page.category:
            candidate = (at, url, page.category)
            if role.category is None or candidate > role.category:
                role.category = candidate
        skills = [{"name": skill.name, "percent": skill.percent} for skill in page.skills]
        role.own_list("skills", skills, at, url)
        role.own_list("responsibilities", page.responsibilities, at, url)
        mentioned = [role]
        for summary in page.comparisons:
            other_slug = summary.other_role_slug
            other = self._role(other_slug)
            other.seen(summary.other_role, _SUB_HEADING, at, url)
            other.mentions.add(url)
            other.summary(_OTHER_DESCRIPTION, summary.other_description, at, url)
            mentioned.append(other)
            if other_slug == page.role_slug:
                continue
            difference = summary.salary_difference
            role.edge(other_slug, difference, False, at, url)
            other.edge(page.role_slug, None if difference is None else -difference, False, at, url)
        if page.updated is not None:
            for each in mentioned:
                if each.updated is None or page.updated > each.updated:
                    each.updated = page.updated

    def _add_comparison(self, page: RoleComparison) -> None:
        url, at, sides = page.url, page.fetched_at, page.roles
        for index, stats in enumerate(sides):
            other = sides[1 - index]
            role = self._role(stats.role_slug)
            role.seen(stats.role, _TABLE_HEADER, at, url)
            role.summary(_COMPARISON_DESCRIPTION, stats.description, at, url)
            side = stats.model_dump_json(include=_SIDE_FIELDS, exclude_defaults=True)
            role.side(url, at, self._sides.setdefault(side, side))
            if other.role_slug != stats.role_slug:
                mine, theirs = stats.yearly_salary, other.yearly_salary
                difference = None if mine is None or theirs is None else theirs - mine
                path_start = url.find("/", len("https://"))  # URLs are canonical
                filed_here = url.startswith(f"/{stats.role_slug}-jobs/", path_start)
                role.edge(other.role_slug, difference, True, at, url, filed_here)

    def add_file(self, path: str | Path) -> int:
        """Merge every record of a JSON Lines file; returns how many.

        Each line is validated straight from its JSON. Raises
        :class:`CatalogError` naming ``path:line`` for a line that is not JSON
        or not a record; records before it stay merged. The one exception is a
        torn last line, one with no end of line that is not a record: what a
        crawl killed while writing leaves. It is skipped and listed in
        :attr:`torn` (``careerscrape catalog`` warns), so that the records of a
        killed worker can be merged.
        """
        count = 0
        with open(path, "rb") as handle:
            for number, line in enumerate(handle, 1):
                if line.isspace():
                    continue
                try:
                    model = _RECORD.validate_json(line)
                except ValidationError:
                    if not line.endswith(b"\n"):
                        self.torn.append(f"{path}:{number}")
                        continue
                    raise CatalogError(f"{path}:{number}: {_why_not_a_record(line)}") from None
                self._merge(model)
                count += 1
        return count

    def iter_entries(self) -> Iterator[RoleCatalogEntry]:
        """The catalog so far, one entry at a time, sorted by role_slug. Does not reset."""
        for slug in sorted(self._roles):
            yield self._roles[slug].entry(slug)

    def entries(self) -> list[RoleCatalogEntry]:
        """The catalog so far, one entry per role, sorted by role_slug. Does not reset."""
        return list(self.iter_entries())

    def write(self, path: str | Path) -> int:
        """Write the catalog atomically, one entry a line; returns the count.

        Entries are built and written one at a time, so the whole catalog is
        never held in memory next to the state it is built from.
        """
        return write_jsonl(path, (entry.model_dump(mode="json") for entry in self.iter_entries()))


def _validate(record: Any) -> PageRecord:
    """A record from decoded JSON, or :class:`CatalogError` saying in one line why not."""
    if not isinstance(record, dict):
        raise CatalogError(f"not a record (a JSON {type(record).__name__}, not an object)")
    page_type = record.get("page_type")
    model = PAGE_MODELS.get(page_type) if isinstance(page_type, str) else None
    if model is None:
        expected = " or ".join(repr(name) for name in PAGE_MODELS)
        raise CatalogError(f"page_type is {page_type!r}, expected {expected}")
    try:
        return model.model_validate(record)
    except ValidationError as exc:
        raise CatalogError(_one_line(_describe(exc))) from exc


def _why_not_a_record(line: bytes) -> str:
    """The one-line reason a line failed validation: decoded step by step to say which step."""
    try:
        _validate(json.loads(line.decode("utf-8")))
    except UnicodeDecodeError as exc:
        return f"not UTF-8 text ({exc.reason})"
    except json.JSONDecodeError as exc:
        return f"not a JSON line ({exc.msg})"
    except CatalogError as exc:
        return str(exc)
    return "not a valid record"  # pragma: no cover - the two validations agree
