"""The normalised tables of a run: what ``careerscrape export`` writes, one row per fact.

Each :class:`Table` is built from one kind of line of the run folder (catalog.jsonl,
comparisons.jsonl, roles.jsonl, rejects.jsonl), its columns read off the models
(careerscrape.export.columns). Every table starts with ``run``, the run folder's
name, and has a primary key that starts with it: exporting the same run again
gives the same keys, so loading it again replaces rows instead of adding them,
and the tables of several runs can share one database.

- a record's scalar fields, nested objects flattened, are one row (``roles``,
  ``role_pages``, ``comparison_sides``: one row per page and side);
- each list is a table of its own, one row per item, keyed by its owner and
  ``position`` (1 for the first item, in page order); ``gender`` and ``race`` go
  into one long table with a ``dimension`` column (``demographic_shares``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from careerscrape.export.columns import Column, flat_columns, flat_values
from careerscrape.models import (
    ComparisonSummary,
    Conflict,
    ConflictValue,
    RejectLine,
    RelatedRole,
    RoleCatalogEntry,
    RoleComparison,
    RoleProfile,
    RoleStats,
    Share,
    Skill,
    SoftSkill,
)

__all__ = ["SOURCES", "TABLES", "Table"]

#: The run folder file each table is built from, by the model of its lines.
SOURCES = {"catalog": RoleCatalogEntry, "comparisons": RoleComparison, "roles": RoleProfile,
           "rejects": RejectLine}  # fmt: skip

Row = dict[str, Any]


@dataclass(frozen=True)
class Table:
    """A table: its columns (``run`` first), primary key, and the rows of one source line."""

    name: str
    description: str
    source: str  # a key of SOURCES
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    rows: Callable[[Row], Iterator[Row]]

    @property
    def schema(self) -> pa.Schema:
        return pa.schema(
            [pa.field(c.name, c.type, nullable=c.name not in self.key) for c in self.columns]
        )


def _column(name: str, kind: pa.DataType, description: str) -> Column:
    return Column(name, kind, description)


RUN = _column("run", pa.string(), "The run folder the row comes from (its start time, UTC).")
POSITION = _column("position", pa.int64(), "Place in the page's (or the catalog's) list: 1 first.")
SIDE = _column("side", pa.int64(), "The comparison page's column: 1 left, 2 right.")
DIMENSION = _column("dimension", pa.string(), "What the shares divide: gender or race.")
LINE = _column("line", pa.int64(), "The line of rejects.jsonl: 1 first.")


def _field(model: type, name: str, rename: str | None = None) -> Column:
    """The column of one scalar field of ``model``."""
    column = next(c for c in flat_columns(model) if c.name == name)
    return Column(rename or name, column.type, column.description, column.unit, column.range)


def _items(model: type, field: str, *owner: Column, item: str | None = None) -> tuple:
    """The columns of a list field's table: its owner's, ``position``, the item's."""
    if item is not None:  # a list of strings: one column named ``item``
        description = model.model_fields[field].description
        return (RUN, *owner, POSITION, _column(item, pa.string(), description))
    return (RUN, *owner, POSITION, *flat_columns(_ITEM_MODELS[(model, field)]))


_ITEM_MODELS = {
    (RoleCatalogEntry, "skills"): Share,
    (RoleStats, "skills"): Share,
    (RoleProfile, "skills"): Skill,
    (RoleProfile, "soft_skills"): SoftSkill,
    (RoleProfile, "comparisons"): ComparisonSummary,
}


def _listed(values: list[Any], *owner: tuple[str, Any], item: str | None = None) -> Iterator[Row]:
    for position, value in enumerate(values, 1):
        yield {**dict(owner), "position": position, **({item: value} if item else value)}


# -- the catalog ---------------------------------------------------------------------------

SLUG = _field(RoleCatalogEntry, "role_slug")
_CATALOG_LISTS = ("aliases", "sources", "gender", "race", "skills", "responsibilities",
                  "related", "conflicts")  # fmt: skip


def _role(entry: Row) -> Iterator[Row]:
    yield flat_values(entry, RoleCatalogEntry, _CATALOG_LISTS)


def _demographics(owner: tuple[tuple[str, Any], ...], stats: Row) -> Iterator[Row]:
    for dimension in ("gender", "race"):
        for position, share in enumerate(stats[dimension], 1):
            yield {**dict(owner), "dimension": dimension, "position": position,
                   "group": share["name"], "share": share["percent"]}  # fmt: skip


GROUP = _column("group", pa.string(), "The group: a gender, or a race or ethnicity.")
SHARE = Column("share", pa.float64(), "Share of the role in the group.", "percent", (0, 100))


def _conflicts(entry: Row) -> Iterator[Row]:
    for conflict in entry["conflicts"]:
        for value in conflict["values"]:
            text = json.dumps(value["value"], ensure_ascii=False)
            yield {"role_slug": entry["role_slug"], "field": conflict["field"],
                   "url": value["url"], "value": text}  # fmt: skip


def _related(entry: Row) -> Iterator[Row]:
    for edge in entry["related"]:
        yield {"role_slug": entry["role_slug"], "related_role_slug": edge["role_slug"],
               "salary_difference": edge["salary_difference"], "url": edge["url"]}  # fmt: skip


def _catalog_tables() -> list[Table]:
    alias = _column("alias", pa.string(), RoleCatalogEntry.model_fields["aliases"].description)
    source = _column("url", pa.string(), RoleCatalogEntry.model_fields["sources"].description)
    return [
        Table("roles", "The role catalog: one row per role (catalog.jsonl).", "catalog",
              ("run", "role_slug"),
              (RUN, *flat_columns(RoleCatalogEntry, _CATALOG_LISTS)), _role),
        Table("role_aliases", "Every other spelling of a role's title.", "catalog",
              ("run", "role_slug", "alias"), (RUN, SLUG, alias),
              lambda e: ({"role_slug": e["role_slug"], "alias": a} for a in e["aliases"])),
        Table("role_sources", "Every page that names a role.", "catalog",
              ("run", "role_slug", "url"), (RUN, SLUG, source),
              lambda e: ({"role_slug": e["role_slug"], "url": u} for u in e["sources"])),
        Table("role_skills", "A role's skills in the catalog, in order.", "catalog",
              ("run", "role_slug", "position"), _items(RoleCatalogEntry, "skills", SLUG),
              lambda e: _listed(e["skills"], ("role_slug", e["role_slug"]))),
        Table("role_responsibilities", "A role's duties in the catalog, in order.", "catalog",
              ("run", "role_slug", "position"),
              _items(RoleCatalogEntry, "responsibilities", SLUG, item="responsibility"),
              lambda e: _listed(e["responsibilities"], ("role_slug", e["role_slug"]),
                                item="responsibility")),
        Table("role_demographics", "A role's shares by gender and race in the catalog "
              "(long form).", "catalog", ("run", "role_slug", "dimension", "position"),
              (RUN, SLUG, DIMENSION, POSITION, GROUP, SHARE),
              lambda e: _demographics((("role_slug", e["role_slug"]),), e)),
        Table("related_roles", "Edges of the comparison graph: one row per role and other "
              "role it is compared with.", "catalog", ("run", "role_slug", "related_role_slug"),
              (RUN, SLUG, _field(RelatedRole, "role_slug", "related_role_slug"),
               _field(RelatedRole, "salary_difference"), _field(RelatedRole, "url")), _related),
        Table("role_conflicts", "Figures on which pages disagree: every page's value.",
              "catalog", ("run", "role_slug", "field", "url"),
              (RUN, SLUG, _field(Conflict, "field"), _field(ConflictValue, "url"),
               _column("value", pa.string(), "The page's value, as JSON text.")), _conflicts),
    ]  # fmt: skip


# -- comparison pages ----------------------------------------------------------------------

PAGE = _field(RoleComparison, "url")
_PROVENANCE = ("fetched_at", "content_sha256", "parser_version")
_SIDE_LISTS = ("top_skills", "gender", "race", "responsibilities", "skills")


def _sides(record: Row) -> Iterator[tuple[int, Row]]:
    yield from enumerate(record["roles"], 1)


def _comparison_side(record: Row) -> Iterator[Row]:
    provenance = {name: record[name] for name in _PROVENANCE}
    for side, stats in _sides(record):
        yield {"url": record["url"], "side": side, **flat_values(stats, RoleStats), **provenance}


def _side_list(name: str, item: str | None = None) -> Callable[[Row], Iterator[Row]]:
    def rows(record: Row) -> Iterator[Row]:
        for side, stats in _sides(record):
            owner = (("url", record["url"]), ("side", side), ("role_slug", stats["role_slug"]))
            yield from _listed(stats[name], *owner, item=item)

    return rows


def _comparison_tables() -> list[Table]:
    side_slug = _field(RoleStats, "role_slug")
    owner = (PAGE, SIDE, side_slug)
    provenance = [_field(RoleComparison, name) for name in _PROVENANCE]
    key = ("run", "url", "side", "position")
    return [
        Table("comparison_sides", "Comparison pages: one row per page and side, every figure "
              "its own column.", "comparisons", ("run", "url", "side"),
              (RUN, PAGE, SIDE, *flat_columns(RoleStats), *provenance), _comparison_side),
        Table("demographic_shares", "Comparison pages' shares of each role by gender and race "
              "(long form: page, role, dimension, group, share).", "comparisons",
              ("run", "url", "side", "dimension", "position"),
              (RUN, *owner, DIMENSION, POSITION, GROUP, SHARE),
              lambda r: (row for side, stats in _sides(r) for row in _demographics(
                  (("url", r["url"]), ("side", side), ("role_slug", stats["role_slug"])), stats))),
        Table("comparison_skills", "A comparison side's skills and their share of resumes.",
              "comparisons", key, _items(RoleStats, "skills", *owner), _side_list("skills")),
        Table("comparison_top_skills", "A comparison side's top skills, in order.",
              "comparisons", key, _items(RoleStats, "top_skills", *owner, item="skill"),
              _side_list("top_skills", "skill")),
        Table("comparison_responsibilities", "A comparison side's duties, in order.",
              "comparisons", key,
              _items(RoleStats, "responsibilities", *owner, item="responsibility"),
              _side_list("responsibilities", "responsibility")),
    ]  # fmt: skip


# -- role pages ----------------------------------------------------------------------------

ROLE_PAGE = _field(RoleProfile, "url")
_ROLE_LISTS = ("responsibilities", "skills", "soft_skills", "comparisons")
KIND = Column("kind", pa.string(), "Which list of the section: shared (both roles), role_only "
              "(the page role) or other_only (the other role).")  # fmt: skip
SKILL = Column("skill", pa.string(), "The skill, as the section names it.")
SKILL_POSITION = Column("skill_position", pa.int64(), "Place in its list: 1 first.")
_SKILL_KINDS = {"shared": "shared_skills", "role_only": "role_only_skills",
                "other_only": "other_only_skills"}  # fmt: skip


def _page_list(name: str, item: str | None = None) -> Callable[[Row], Iterator[Row]]:
    return lambda record: _listed(record[name], ("url", record["url"]), item=item)


def _comparison_summaries(record: Row) -> Iterator[Row]:
    for position, summary in enumerate(record["comparisons"], 1):
        yield {"url": record["url"], "position": position,
               **flat_values(summary, ComparisonSummary)}  # fmt: skip


def _summary_skills(record: Row) -> Iterator[Row]:
    for position, summary in enumerate(record["comparisons"], 1):
        for kind, field in _SKILL_KINDS.items():
            for skill_position, skill in enumerate(summary[field], 1):
                yield {"url": record["url"], "position": position, "kind": kind,
                       "skill_position": skill_position, "skill": skill}  # fmt: skip


def _role_page_tables() -> list[Table]:
    key = ("run", "url", "position")
    return [
        Table("role_pages", "Role pages: one row per page (roles.jsonl).", "roles",
              ("run", "url"), (RUN, *flat_columns(RoleProfile, (*_ROLE_LISTS, "page_type"))),
              lambda r: iter([flat_values(r, RoleProfile, (*_ROLE_LISTS, "page_type"))])),
        Table("role_page_skills", "A role page's skills, share and resume sentence.", "roles",
              key, _items(RoleProfile, "skills", ROLE_PAGE), _page_list("skills")),
        Table("role_page_soft_skills", "A role page's soft skills.", "roles", key,
              _items(RoleProfile, "soft_skills", ROLE_PAGE), _page_list("soft_skills")),
        Table("role_page_responsibilities", "A role page's duties, in order.", "roles", key,
              _items(RoleProfile, "responsibilities", ROLE_PAGE, item="responsibility"),
              _page_list("responsibilities", "responsibility")),
        Table("role_page_comparisons", 'A role page\'s "X vs. Y" sections, from the page '
              "role's point of view.", "roles", key,
              _items(RoleProfile, "comparisons", ROLE_PAGE), _comparison_summaries),
        Table("role_page_comparison_skills", 'The skill lists of a role page\'s "X vs. Y" '
              "sections.", "roles", ("run", "url", "position", "kind", "skill_position"),
              (RUN, ROLE_PAGE, POSITION, KIND, SKILL_POSITION, SKILL), _summary_skills),
    ]  # fmt: skip


# -- rejects -------------------------------------------------------------------------------

ERRORS = _column(
    "errors",
    pa.string(),
    f"{RejectLine.model_fields['errors'].description} As JSON text; null for none.",
)


def _reject(line: Row) -> Iterator[Row]:
    """``line`` is a line of rejects.jsonl with its number (``line``), see export.read."""
    errors = json.dumps(line["errors"], ensure_ascii=False) if line["errors"] else None
    yield {"line": line["line"], **flat_values(line, RejectLine), "errors": errors}


REJECTS = Table(
    "rejects", "Every URL that did not become a record, and why (rejects.jsonl).", "rejects",
    ("run", "line"), (RUN, LINE, *flat_columns(RejectLine), ERRORS), _reject,
)  # fmt: skip

#: Every table, in the order they are written and documented.
TABLES: tuple[Table, ...] = (
    *_catalog_tables(),
    *_comparison_tables(),
    *_role_page_tables(),
    REJECTS,
)
