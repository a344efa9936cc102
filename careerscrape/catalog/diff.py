"""What changed between two role catalogs: roles added, removed, and field by field.

No Scrapy here: ``careerscrape diff OLD NEW`` and the crawl (whose changes.json is
this report and the pages that changed) share this module.

>>> report = diff_catalogs(read_catalog("old/catalog.jsonl"), read_catalog("catalog.jsonl"))
>>> print(report.to_text())       # or report.to_json(), report.to_markdown()

Memory grows with the number of roles, not with the size of the files: the old
catalog is held as one dict per role, the new one is streamed, and only the
changes are kept.

How each :class:`~careerscrape.models.RoleCatalogEntry` field is compared:

- ignored (:data:`IGNORED_FIELDS`): ``first_seen`` and ``last_seen``, the fetch
  times of the pages, which move on every crawl. ``role_slug`` is the key.
- sets (:data:`SET_FIELDS`): ``aliases``, ``sources`` and ``responsibilities``;
  order means nothing to a reader (``sources`` is re-sorted on every run), so
  only the items gained and lost are reported.
- keyed sets (:data:`KEYED_FIELDS`): ``skills``, ``gender`` and ``race`` by
  ``name`` (case-insensitively), ``related`` by ``role_slug`` and ``conflicts``
  by ``field``. Items gained and lost are reported whole, and an item present on
  both sides whose value moved (a skill's percent, an edge's salary difference
  or URL) is listed under ``changed`` with its old and new value.
- everything else, nested values included (``salary_range``,
  ``years_to_become``, ``most_common_degree``), is compared as a whole and
  reported with its old and new value.

Values are compared after validation and ``model_dump(mode="json")``, so ``4``
and ``4.0``, or two spellings of one date, are the same value.

The JSON form (:meth:`ChangeReport.to_dict`), keys in this order, roles sorted
by ``role_slug``, fields in the model's order::

    {"added": [{"role_slug", "title"}], "removed": [{"role_slug", "title"}],
     "changed": [{"role_slug", "title", "fields": [
         {"field", "old", "new"}                           # whole values
         | {"field", "gained", "lost"}                     # SET_FIELDS
         | {"field", "gained", "lost", "changed": [{"key", "old", "new"}]}  # KEYED_FIELDS
     ]}],
     "summary": {"added", "removed", "changed", "unchanged"}}

``title`` of a changed role is its new title (a renamed role also lists
``title`` among its fields).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from careerscrape.atomic import read_jsonl
from careerscrape.models import RoleCatalogEntry

__all__ = [
    "IGNORED_FIELDS",
    "KEYED_FIELDS",
    "SET_FIELDS",
    "ChangeReport",
    "DiffError",
    "RoleChange",
    "diff_catalogs",
    "read_catalog",
]

#: Fields that change on every crawl (page fetch times); never reported.
IGNORED_FIELDS = ("first_seen", "last_seen")
#: Lists of strings compared as sets: items gained and lost.
SET_FIELDS = ("aliases", "sources", "responsibilities")
#: Lists of objects compared as sets keyed by one of their fields.
KEYED_FIELDS = {
    "skills": "name",
    "gender": "name",
    "race": "name",
    "related": "role_slug",
    "conflicts": "field",
}
_KEY = "role_slug"
#: Set changes are written on one text line while it stays this short.
_TEXT_WIDTH = 100


class DiffError(ValueError):
    """A catalog that cannot be compared; ``str()`` is one line (``path:line: reason``)."""


# -- the report -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RoleChange:
    """Every changed field of one role present in both catalogs, in the model's field order."""

    role_slug: str
    title: str
    fields: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"role_slug": self.role_slug, "title": self.title, "fields": self.fields}


@dataclass(frozen=True, slots=True)
class ChangeReport:
    """What :func:`diff_catalogs` found; renders as JSON, text or Markdown."""

    added: list[dict[str, str]] = field(default_factory=list)  # {"role_slug", "title"}
    removed: list[dict[str, str]] = field(default_factory=list)
    changed: list[RoleChange] = field(default_factory=list)
    unchanged: int = 0

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    @property
    def summary(self) -> dict[str, int]:
        return {
            "added": len(self.added),
            "removed": len(self.removed),
            "changed": len(self.changed),
            "unchanged": self.unchanged,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": [dict(role) for role in self.added],
            "removed": [dict(role) for role in self.removed],
            "changed": [change.to_dict() for change in self.changed],
            "summary": self.summary,
        }

    def to_json(self) -> str:
        """The JSON document (the crawl's changes.json adds its ``pages``)."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"

    def _summary_line(self) -> str:
        return ", ".join(f"{count} {name}" for name, count in self.summary.items())

    def to_text(self) -> str:
        """One line per added or removed role, then one block of lines per changed role."""
        lines = [self._summary_line()]
        if not self.has_changes:
            lines.append("no changes")
        roles = [f"+ {r['role_slug']}: {r['title']}" for r in self.added]
        roles += [f"- {r['role_slug']}: {r['title']}" for r in self.removed]
        if roles:
            lines += ["", *roles]
        for change in self.changed:
            lines.append("")
            for item in change.fields:
                lines += _text_lines(change.role_slug, item)
        return "\n".join(lines) + "\n"

    def to_markdown(self) -> str:
        """A summary table, then sections for added, removed and changed roles."""
        out = [
            "# Catalog changes",
            "",
            "| added | removed | changed | unchanged |",
            "|---:|---:|---:|---:|",
            "| " + " | ".join(str(n) for n in self.summary.values()) + " |",
        ]
        if not self.has_changes:
            out += ["", "No changes."]
        for heading, roles in (("Added", self.added), ("Removed", self.removed)):
            if roles:
                out += ["", f"## {heading}", "", "| role | title |", "|---|---|"]
                out += [f"| `{r['role_slug']}` | {_cell(r['title'])} |" for r in roles]
        if self.changed:
            out += ["", "## Changed"]
        for change in self.changed:
            out += [
                "",
                f"### `{change.role_slug}` {_cell(change.title)}",
                "",
                "| field | old | new |",
                "|---|---|---|",
            ]
            for item in change.fields:
                out += [f"| {' | '.join(_cell(c) for c in row)} |" for row in _rows(item)]
        return "\n".join(out) + "\n"


def _show(value: Any) -> str:
    """A value as a reader sees it: JSON, so strings are quoted and null is null."""
    return json.dumps(value, ensure_ascii=False)


def _label(name: str, item: Any) -> str:
    """How an item of a set field is named: the string, or the value of its key."""
    return str(item[KEYED_FIELDS[name]]) if name in KEYED_FIELDS else str(item)


def _moves(old: dict, new: dict) -> list[tuple[str, Any, Any]]:
    """The sub-fields of a keyed item whose value moved."""
    names = list(old) + [name for name in new if name not in old]
    return [(n, old.get(n), new.get(n)) for n in names if old.get(n) != new.get(n)]


def _text_lines(slug: str, item: dict[str, Any]) -> list[str]:
    name = item["field"]
    if "gained" not in item:
        return [f"{slug}: {name} {_show(item['old'])} -> {_show(item['new'])}"]
    marks = [f"+{_label(name, x)}" for x in item["gained"]]
    marks += [f"-{_label(name, x)}" for x in item["lost"]]
    lines = []
    if marks:
        line = f"{slug}: {name} {' '.join(marks)}"
        if len(line) <= _TEXT_WIDTH:
            lines.append(line)
        else:
            lines.append(f"{slug}: {name}")
            lines += [f"  {mark[0]} {mark[1:]}" for mark in marks]
    for moved in item.get("changed", []):
        for sub, old, new in _moves(moved["old"], moved["new"]):
            lines.append(f"{slug}: {name} {moved['key']} {sub} {_show(old)} -> {_show(new)}")
    return lines


def _rows(item: dict[str, Any]) -> list[tuple[str, str, str]]:
    name = item["field"]
    if "gained" not in item:
        return [(name, _show(item["old"]), _show(item["new"]))]
    rows = []
    if item["gained"] or item["lost"]:
        lost = "<br>".join(f"-{_label(name, x)}" for x in item["lost"])
        gained = "<br>".join(f"+{_label(name, x)}" for x in item["gained"])
        rows.append((name, lost, gained))
    for moved in item.get("changed", []):
        for sub, old, new in _moves(moved["old"], moved["new"]):
            rows.append((f"{name} `{moved['key']}` {sub}", _show(old), _show(new)))
    return rows


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


# -- the comparison ---------------------------------------------------------------------------


def _entry_data(entry: Any, side: str, number: int) -> dict[str, Any]:
    """An entry (model or dict) as validated JSON data; :class:`DiffError` if it is not one."""
    if isinstance(entry, RoleCatalogEntry):
        return entry.model_dump(mode="json")
    if not isinstance(entry, dict):
        raise DiffError(f"{side} catalog, entry {number}: {_not_an_object(entry)}")
    try:
        return RoleCatalogEntry.model_validate(entry).model_dump(mode="json")
    except ValidationError as exc:
        raise DiffError(f"{side} catalog, entry {number}: {_describe(exc)}") from exc


def _key_of(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else json.dumps(value, sort_keys=True)


def _compare_set(old: list, new: list) -> dict[str, list] | None:
    before, after = set(old), set(new)
    gained = [item for item in dict.fromkeys(new) if item not in before]
    lost = [item for item in dict.fromkeys(old) if item not in after]
    return {"gained": gained, "lost": lost} if gained or lost else None


def _compare_keyed(old: list[dict], new: list[dict], key: str) -> dict[str, list] | None:
    before: dict[Any, dict] = {}
    after: dict[Any, dict] = {}
    for items, by_key in ((old, before), (new, after)):
        for item in items:
            by_key.setdefault(_key_of(item.get(key)), item)
    gained = [item for k, item in after.items() if k not in before]
    lost = [item for k, item in before.items() if k not in after]
    changed = [
        {"key": item.get(key), "old": before[k], "new": item}
        for k, item in after.items()
        if k in before and before[k] != item
    ]
    if gained or lost or changed:
        return {"gained": gained, "lost": lost, "changed": changed}
    return None


def _compare(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    """Every changed field of one role, in the model's field order."""
    fields = []
    for name in RoleCatalogEntry.model_fields:
        if name == _KEY or name in IGNORED_FIELDS:
            continue
        before, after = old.get(name), new.get(name)
        if name in SET_FIELDS:
            moved = _compare_set(before or [], after or [])
        elif name in KEYED_FIELDS:
            moved = _compare_keyed(before or [], after or [], KEYED_FIELDS[name])
        elif before != after:
            moved = {"old": before, "new": after}
        else:
            moved = None
        if moved is not None:
            fields.append({"field": name, **moved})
    return fields


def diff_catalogs(
    old_entries: Iterable[dict[str, Any] | RoleCatalogEntry],
    new_entries: Iterable[dict[str, Any] | RoleCatalogEntry],
) -> ChangeReport:
    """Compare two catalogs (RoleCatalogEntry dicts as in catalog.jsonl, or the models).

    Either side may come in any order; the old one is read first, in full.
    Raises :class:`DiffError` for an entry that is not a RoleCatalogEntry or for a
    role_slug that appears twice on one side.
    """
    old: dict[str, dict[str, Any]] = {}
    for number, entry in enumerate(old_entries, 1):
        data = _entry_data(entry, "old", number)
        if data[_KEY] in old:
            raise DiffError(f"old catalog, entry {number}: role_slug {data[_KEY]!r} repeats")
        old[data[_KEY]] = data
    added, changed, seen = [], [], set()
    unchanged = 0
    for number, entry in enumerate(new_entries, 1):
        data = _entry_data(entry, "new", number)
        slug = data[_KEY]
        if slug in seen:
            raise DiffError(f"new catalog, entry {number}: role_slug {slug!r} repeats")
        seen.add(slug)
        before = old.pop(slug, None)
        if before is None:
            added.append({"role_slug": slug, "title": data["title"]})
            continue
        fields = _compare(before, data)
        if fields:
            changed.append(RoleChange(slug, data["title"], fields))
        else:
            unchanged += 1
    removed = [{"role_slug": slug, "title": data["title"]} for slug, data in old.items()]
    return ChangeReport(
        added=sorted(added, key=lambda role: role["role_slug"]),
        removed=sorted(removed, key=lambda role: role["role_slug"]),
        changed=sorted(changed, key=lambda change: change.role_slug),
        unchanged=unchanged,
    )


# -- files ------------------------------------------------------------------------------------


def _describe(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "entry"
    reason = f"not a valid {exc.title} ({exc.error_count()} errors), first: {where}: {first['msg']}"
    return " ".join(reason.split())


def _not_an_object(value: Any) -> str:
    return f"not a catalog entry (a JSON {type(value).__name__}, not an object)"


def _line_of_record(path: str | Path, number: int) -> int:
    """The file line of the ``number``-th record (read_jsonl skips blank lines)."""
    with open(path, encoding="utf-8", errors="replace") as handle:
        for line_number, line in enumerate(handle, 1):
            if line.strip():
                number -= 1
                if number == 0:
                    return line_number
    return 0


def _first_undecodable_line(path: str | Path) -> int:
    with open(path, "rb") as handle:
        for line_number, line in enumerate(handle, 1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                return line_number
    return 0


def read_catalog(path: str | Path) -> Iterator[RoleCatalogEntry]:
    """Stream the entries of a catalog.jsonl file, validated, one at a time.

    Raises :class:`DiffError` naming ``path:line`` for a line that is not JSON,
    not a RoleCatalogEntry, not UTF-8, or repeats a role_slug. A missing or
    unreadable file raises ``OSError``.
    """
    seen: set[str] = set()
    number = 0
    try:
        for number, record in enumerate(read_jsonl(path), 1):
            if not isinstance(record, dict):
                raise DiffError(f"{path}:{_line_of_record(path, number)}: {_not_an_object(record)}")
            try:
                entry = RoleCatalogEntry.model_validate(record)
            except ValidationError as exc:
                line = _line_of_record(path, number)
                raise DiffError(f"{path}:{line}: {_describe(exc)}") from exc
            if entry.role_slug in seen:
                line = _line_of_record(path, number)
                raise DiffError(f"{path}:{line}: role_slug {entry.role_slug!r} repeats")
            seen.add(entry.role_slug)
            yield entry
    except UnicodeDecodeError as exc:
        line = _first_undecodable_line(path)
        raise DiffError(f"{path}:{line}: not UTF-8 text ({exc.reason})") from exc
    except DiffError:
        raise
    except ValueError as exc:  # read_jsonl's "path:line: not a JSON line (...)"
        raise DiffError(" ".join(str(exc).split())) from exc
