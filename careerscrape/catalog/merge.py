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
keeps a minimum under a total order or a set union, so the catalog is the same
whatever order the records arrive in.

Same pages, same catalog. The records a builder is given are one dataset, the
pages of one run: those fetched by the run and those a refresh carried over
unchanged (confirmed by this run, so as current as a page fetched again). When
pages disagree, a rule of content chooses, never the fetch order, so that two
workers sharing a crawl and one process give the same catalog:

1. the role's own pages first: its role page (``/<role>-jobs/what-does-a-<role>-do/``),
   then the comparison pages filed under it (``/<role>-jobs/<role>-vs-...``);
2. then the tie-break: the page whose canonical URL sorts first.

Newest wins between runs: a page given more than once (the same URL fetched in
several runs, or twice in one file) counts with its newest fetch only.

Merge rules (the data contract, "RoleCatalogEntry"):

- ``title``: a comparison table header beats a role page title, which beats a role
  page's comparison sub-heading; then the role's own pages; then the spelling
  that sorts first. It is written in Title Case (:func:`title_case`), and
  ``aliases`` keeps every other spelling the pages give, their casing kept, sorted.
- ``summary``: the role page's summary, else the description of a comparison page
  filed under the role, else of another comparison page, else the description
  under another role page's comparison sub-heading; by the rule within each.
- figures (salary, rates, demographics, ...): from comparison pages where the
  role is a side, each figure from the first page by the rule that shows it; when
  pages hold different non-null values every value is listed in ``conflicts`` (by
  URL). A null never disagrees.
- ``skills``/``responsibilities``: from the role page (the first by the rule that
  lists any), else every comparison page by the rule, deduplicated, order kept.
- ``category``: the role page's, the first by the rule.
- ``related``: one edge per other role; a comparison table's salary difference
  beats a role page's prose figure (sign flipped when seen from the other role),
  a known figure beats an unknown one, then the page filed under this role,
  then the rule's tie-break.
- ``updated``: the newest ``RoleProfile.updated`` of the role pages that mention
  the role.
- ``first_seen``: the earliest ``fetched_at`` of a page naming the role, or the
  ``first_seen`` an earlier run's catalog gave it (``history``) if earlier: carried
  from run to run. ``last_seen``: the newest ``fetched_at`` of a page naming it, or
  the run's start (``run_started``) if later: a page a refresh carried over keeps
  its fetch time, yet the run saw it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, TypeAdapter, ValidationError

from careerscrape.atomic import atomic_open
from careerscrape.catalog.facts import (
    FIGURES,
    LISTS,
    ComparisonFacts,
    PageFacts,
    RolePageFacts,
    facts_of,
)
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
    "first_seen_of",
    "title_case",
]

#: Either record, told apart by ``page_type``: one validation straight from a JSON line.
_RECORD: TypeAdapter[RoleProfile | RoleComparison] = TypeAdapter(
    Annotated[RoleProfile | RoleComparison, Field(discriminator="page_type")]
)

# Name ranks for the title: lower wins.
_TABLE_HEADER, _ROLE_H1, _SUB_HEADING = 0, 1, 2
# Summary tiers: lower wins.
_ROLE_SUMMARY, _OWN_COMPARISON, _COMPARISON_DESCRIPTION, _OTHER_DESCRIPTION = 0, 1, 2, 3

#: Words a title keeps in lower case, but first.
SMALL_WORDS = frozenset("a an and as at by for in of on or the to vs with".split())
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def title_case(name: str) -> str:
    """The catalog's one casing of a role title: Title Case.

    Each word starts with a capital (``chef`` -> ``Chef``, ``waiter/busser`` ->
    ``Waiter/Busser``, ``driver's`` -> ``Driver's``), but small words after the first
    (:data:`SMALL_WORDS`: ``Host and Cashier``); a word already written with a capital
    after its first letter (``CRM``, ``McDonald``) is kept as written.
    """

    def word(match: re.Match[str]) -> str:
        text = match.group()
        if match.start() > 0 and text.casefold() in SMALL_WORDS:
            return text.lower()
        if any(letter.isupper() for letter in text[1:]):
            return text
        return text[:1].upper() + text[1:].lower()

    return _WORD.sub(word, name)


class CatalogError(ValueError):
    """A record that cannot be merged; ``str()`` is one line, ``path:line: reason`` from files."""


def _keep_min(store: dict, key: Any, candidate: tuple) -> None:
    current = store.get(key)
    if current is None or candidate < current:
        store[key] = candidate


def _by_rule(url: str, fetched_at: datetime) -> tuple[str, float]:
    """The rule's tie-break between pages: the URL that sorts first; for one URL (a page
    fetched again) the newest fetch."""
    return url, -fetched_at.timestamp()


def _filed_under(slug: str, url: str) -> bool:
    """Is the page filed under the role (``/<slug>-jobs/...``)? URLs are canonical."""
    path_start = url.find("/", len("https://"))
    return url.startswith(f"/{slug}-jobs/", path_start)


@dataclass(slots=True)
class _Role:
    """Everything merged so far about one role; every field is a min, a max or a union."""

    names: dict[str, tuple] = field(default_factory=dict)  # spelling -> (rank, not own)
    # Pages that name the role other than as a comparison side (those are in ``sides``).
    mentions: set[str] = field(default_factory=set)
    summaries: dict[int, tuple] = field(default_factory=dict)  # tier -> (url, -at, text)
    category: tuple | None = None  # (url, -at, category)
    # comparison url -> (fetched_at, side): the newest fetch of each page where the role is
    # a side; its figures and lists as JSON (nulls left out), one string per distinct side.
    sides: dict[str, tuple[datetime, str]] = field(default_factory=dict)
    # field -> (url, -at, list): the role page with a non-empty list, by the rule.
    own_lists: dict[str, tuple] = field(default_factory=dict)
    # other slug -> (unknown, not table, not filed here, url, -at, difference)
    related: dict[str, tuple] = field(default_factory=dict)
    updated: date | None = None
    first_seen: datetime | None = None
    last_seen: datetime | None = None

    def seen(self, name: str, rank: int, own: bool, fetched_at: datetime) -> None:
        _keep_min(self.names, name, (rank, not own))
        if self.first_seen is None or fetched_at < self.first_seen:
            self.first_seen = fetched_at
        if self.last_seen is None or fetched_at > self.last_seen:
            self.last_seen = fetched_at

    def summary(self, tier: int, text: str | None, fetched_at: datetime, url: str) -> None:
        if text:
            _keep_min(self.summaries, tier, (*_by_rule(url, fetched_at), text))

    def edge(
        self, other: str, difference: int | None, table: bool, at: datetime, url: str,
        filed_here: bool = False,
    ) -> None:  # fmt: skip
        """An edge to ``other``. When both "A vs B" and "B vs A" pages exist, the one filed
        under this role wins, so separate crawls cite the same page."""
        order = (difference is None, not table, not filed_here, *_by_rule(url, at), difference)
        _keep_min(self.related, other, order)

    def own_list(self, name: str, items: list, fetched_at: datetime, url: str) -> None:
        if items:
            order = _by_rule(url, fetched_at)
            current = self.own_lists.get(name)
            if current is None or order < current[:2]:
                self.own_lists[name] = (*order, items)

    def side(self, url: str, fetched_at: datetime, side: str) -> None:
        """A comparison page's side for this role; a page counts with its newest fetch."""
        candidate = (fetched_at, side)
        current = self.sides.get(url)
        if current is None or candidate > current:
            self.sides[url] = candidate

    def entry(
        self, slug: str, first_seen: datetime | None, run_started: datetime | None
    ) -> RoleCatalogEntry:
        spelling = min(self.names, key=lambda name: (self.names[name], name.casefold(), name))
        title = title_case(spelling)
        aliases = sorted(
            (name for name in self.names if name != title), key=lambda name: (name.casefold(), name)
        )
        firsts = [when for when in (self.first_seen, first_seen) if when is not None]
        lasts = [when for when in (self.last_seen, run_started) if when is not None]
        data: dict[str, Any] = {
            "role_slug": slug,
            "title": title,
            "aliases": aliases,
            "sources": sorted(self.mentions.union(self.sides)),
            "summary": self.summaries[min(self.summaries)][2] if self.summaries else None,
            "category": self.category[2] if self.category else None,
            "updated": self.updated,
            "first_seen": min(firsts) if firsts else None,
            "last_seen": max(lasts) if lasts else None,
            "related": [
                {"role_slug": other, "salary_difference": edge[5], "url": edge[3]}
                for other, edge in sorted(self.related.items())
            ],
        }
        # The pages by the rule: filed under this role first, then by URL.
        pages = sorted(self.sides, key=lambda url: (not _filed_under(slug, url), url))
        first: dict[str, int] = {}  # side -> its first page's place in ``pages``
        for place, url in enumerate(pages):
            first.setdefault(self.sides[url][1], place)
        decoded = {side: json.loads(side) for side in first}
        data.update(self._figures(first, decoded))
        for name in LISTS:
            if name in self.own_lists:
                items = self.own_lists[name][2]
            else:  # every comparison page's, by the rule
                sides = (decoded[self.sides[url][1]] for url in pages)
                items = [item for values in sides for item in values.get(name, ())]
            data[name] = _dedupe(name, items)
        return RoleCatalogEntry.model_validate(data)

    def _figures(self, first: dict[str, int], decoded: dict[str, dict]) -> dict[str, Any]:
        """Each figure from the first page by the rule that shows it, and ``conflicts``.

        Pages mostly repeat the same side, so the work is done once per
        distinct side (its first page by the rule, ``first``), not once per
        page; the pages are walked one by one only to list a field's disagreement.
        """
        data: dict[str, Any] = {"conflicts": []}
        for name in FIGURES:
            shown = [(first[s], values[name]) for s, values in decoded.items() if name in values]
            if not shown:
                continue
            data[name] = min(shown, key=lambda pair: pair[0])[1]
            value = shown[0][1]
            if any(other != value for _, other in shown):
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


def first_seen_of(entries: Iterable[Mapping[str, Any]]) -> dict[str, datetime]:
    """``{role_slug: first_seen}`` of an earlier catalog's entries (dicts as in catalog.jsonl),
    the ``history`` of :class:`CatalogBuilder`; entries without a readable one are left out."""
    history: dict[str, datetime] = {}
    for entry in entries:
        try:
            history[str(entry["role_slug"])] = datetime.fromisoformat(entry["first_seen"])
        except (KeyError, TypeError, ValueError):
            continue
    return history


class CatalogBuilder:
    """Merges records into the catalog one at a time; keeps per-role state, never the records.

    ``history``: ``{role_slug: first_seen}`` from the catalog of the run this one
    refreshes (:func:`first_seen_of`), so that ``first_seen`` is carried from run to
    run; ``run_started``: when the run these records make up started, the least
    ``last_seen`` of its roles. Both are optional (records merged offline).
    """

    def __init__(
        self,
        *,
        history: Mapping[str, datetime] | None = None,
        run_started: datetime | None = None,
    ) -> None:
        self.history = dict(history or {})
        self.run_started = run_started
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
        self.add_facts(facts_of(record if isinstance(record, PageRecord) else _validate(record)))

    def add_facts(self, facts: PageFacts) -> None:
        """Merge what one page tells the catalog (:func:`~careerscrape.catalog.facts.facts_of`
        of its record, perhaps taken out in another process)."""
        if isinstance(facts, RolePageFacts):
            self._add_role_page(facts)
        else:
            self._add_comparison(facts)
        self.records += 1

    def _add_role_page(self, page: RolePageFacts) -> None:
        url, at = page.url, page.fetched_at
        role = self._role(page.role_slug)
        role.seen(page.role, _ROLE_H1, True, at)
        role.mentions.add(url)
        role.summary(_ROLE_SUMMARY, page.summary, at, url)
        if page.category:
            candidate = (*_by_rule(url, at), page.category)
            if role.category is None or candidate < role.category:
                role.category = candidate
        role.own_list("skills", page.skills, at, url)
        role.own_list("responsibilities", page.responsibilities, at, url)
        mentioned = [role]
        for mention in page.comparisons:
            other_slug = mention.other_slug
            other = self._role(other_slug)
            other.seen(mention.other_role, _SUB_HEADING, False, at)
            other.mentions.add(url)
            other.summary(_OTHER_DESCRIPTION, mention.other_description, at, url)
            mentioned.append(other)
            if other_slug == page.role_slug:
                continue
            difference = mention.salary_difference
            role.edge(other_slug, difference, False, at, url)
            other.edge(page.role_slug, None if difference is None else -difference, False, at, url)
        if page.updated is not None:
            for each in mentioned:
                if each.updated is None or page.updated > each.updated:
                    each.updated = page.updated

    def _add_comparison(self, page: ComparisonFacts) -> None:
        url, at, sides = page.url, page.fetched_at, page.sides
        for index, stats in enumerate(sides):
            other = sides[1 - index]
            role = self._role(stats.role_slug)
            filed_here = _filed_under(stats.role_slug, url)
            role.seen(stats.role, _TABLE_HEADER, filed_here, at)
            tier = _OWN_COMPARISON if filed_here else _COMPARISON_DESCRIPTION
            role.summary(tier, stats.description, at, url)
            role.side(url, at, self._sides.setdefault(stats.side, stats.side))
            if other.role_slug != stats.role_slug:
                mine, theirs = stats.yearly_salary, other.yearly_salary
                difference = None if mine is None or theirs is None else theirs - mine
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
                self.add_facts(facts_of(model))
                count += 1
        return count

    def iter_entries(self) -> Iterator[RoleCatalogEntry]:
        """The catalog so far, one entry at a time, sorted by role_slug. Does not reset."""
        for slug in sorted(self._roles):
            yield self._roles[slug].entry(slug, self.history.get(slug), self.run_started)

    def entries(self) -> list[RoleCatalogEntry]:
        """The catalog so far, one entry per role, sorted by role_slug. Does not reset."""
        return list(self.iter_entries())

    def write(self, path: str | Path) -> int:
        """Write the catalog atomically, one entry a line; returns the count.

        Entries are built and written one at a time, so the whole catalog is
        never held in memory next to the state it is built from. A line is
        ``model_dump_json()``, as the record feeds' and ``careerscrape catalog -o -``'s.
        """
        count = 0
        with atomic_open(path) as handle:
            for entry in self.iter_entries():
                handle.write(entry.model_dump_json() + "\n")
                count += 1
        return count


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
