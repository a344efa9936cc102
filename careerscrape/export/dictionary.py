"""The data dictionary: every record, table and column, rendered from the models.

``careerscrape dictionary -o docs/data-dictionary.md`` writes it with example values
from the fixtures (careerscrape.cli.dictionary); a test fails when the committed
file is stale. Descriptions, units and ranges come from the models' fields
(careerscrape.models), table columns from careerscrape.export.tables: nothing here
is written by hand but the page's frame.
"""

from __future__ import annotations

import json
import typing
from collections.abc import Iterator
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel

from careerscrape.export import SOURCE_FILES, source_tables
from careerscrape.export.columns import bounds
from careerscrape.export.tables import SOURCES, TABLES
from careerscrape.export.writers import cell
from careerscrape.models import SCHEMA_MODELS, TIMESTAMP_FORMAT, list_item, plain_type

__all__ = ["render"]

_WIDTH = 70  # an example longer than this is cut


def _type_name(annotation: Any) -> str:
    plain = plain_type(annotation)
    optional = type(None) in typing.get_args(annotation) or (
        typing.get_origin(annotation) is not None
        and any(type(None) in typing.get_args(arg) for arg in typing.get_args(annotation))
    )
    item = list_item(annotation)
    if item is not None:
        name = f"list[{_type_name(item)}]"
    elif plain == (int, float):
        name = "number"
    elif typing.get_origin(plain) is Literal:
        name = " or ".join(json.dumps(arg) for arg in typing.get_args(plain))
    elif plain is datetime:
        name = "time"
    elif plain is Any:
        name = "any JSON value"
    else:
        name = getattr(plain, "__name__", str(plain))
    return f"{name} or null" if optional else name


def _bound(value: Any) -> str:
    return f"{value:,}" if isinstance(value, int | float) else str(value)


def _range(limits: tuple[Any, Any] | None) -> str:
    if not limits:
        return ""
    low, high = limits
    if high is None:
        return f"≥ {_bound(low)}"
    return f"{_bound(low)} to {_bound(high)}"


def _example(value: Any) -> str:
    if value is None:
        return "null"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    if len(text) > _WIDTH:
        text = text[: _WIDTH - 1] + "…"
    return "`" + text.replace("`", "'").replace("|", "\\|") + "`"


def _cells(*values: str) -> str:
    return "| " + " | ".join(value.replace("|", "\\|") for value in values) + " |"


def _nested(model: type[BaseModel], values: Any, found: dict[type, Any]) -> None:
    """Every model nested in ``model``, with its first example in ``values`` ({} for none)."""
    values = values if isinstance(values, dict) else {}
    if found.get(model):
        return
    found[model] = values
    for name, field in model.model_fields.items():
        inner = list_item(field.annotation) or plain_type(field.annotation)
        value = values.get(name)
        if isinstance(value, list):
            value = value[0] if value else None
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            _nested(inner, value, found)


def _models(examples: dict[str, dict[str, Any]]) -> Iterator[tuple[type[BaseModel], Any]]:
    """The record types, then every model nested in them, each with an example."""
    found: dict[type, Any] = {}
    for name, model in SCHEMA_MODELS.items():
        _nested(model, examples[name], found)
    yield from ((model, found[model]) for model in SCHEMA_MODELS.values())
    yield from ((m, v) for m, v in found.items() if m not in SCHEMA_MODELS.values())


def _records(examples: dict[str, dict[str, Any]]) -> list[str]:
    lines = []
    for model, values in _models(examples):
        top = model in SCHEMA_MODELS.values()
        lines += ["", f"### {model.__name__}", "", " ".join((model.__doc__ or "").split())]
        if top:
            where = [f"`{SOURCE_FILES[s]}`" for s, m in SOURCES.items() if m is model]
            lines[-1] += f" One a line in {', '.join(where)}." if where else ""
        lines += ["", _cells("field", "type", "unit", "range", "description", "example"),
                  _cells(*["---"] * 6)]  # fmt: skip
        for name, field in model.model_fields.items():
            unit = (field.json_schema_extra or {}).get("unit", "")  # type: ignore[union-attr]
            lines.append(_cells(f"`{name}`", _type_name(field.annotation), unit,
                                _range(bounds(field)), field.description or "",
                                _example(values.get(name))))  # fmt: skip
    return lines


def _tables(examples: dict[str, dict[str, Any]], run: str) -> list[str]:
    first_rows: dict[str, dict[str, Any]] = {}
    for source, model in SOURCES.items():
        values = {**model.model_validate(examples[model.__name__]).model_dump(), "line": 1}
        tables = [table for table in TABLES if table.source == source]
        for table, data in zip(tables, source_tables(source, iter([values]), run), strict=True):
            rows = data.to_pylist()
            first_rows[table.name] = rows[0] if rows else {}
    lines = []
    for table in TABLES:
        key = ", ".join(f"`{name}`" for name in table.key)
        lines += ["", f"### {table.name}", "", f"{table.description} From "
                  f"`{SOURCE_FILES[table.source]}`; primary key ({key}).", "",
                  _cells("column", "type", "unit", "range", "description", "example"),
                  _cells(*["---"] * 6)]  # fmt: skip
        for column in table.columns:
            value = first_rows[table.name].get(column.name)
            lines.append(_cells(f"`{column.name}`", str(column.type), column.unit or "",
                                _range(column.range), column.description,
                                _example(None if value is None else cell(value))))  # fmt: skip
    return lines


def render(examples: dict[str, dict[str, Any]], source: str, run: str) -> str:
    """The dictionary as Markdown. ``examples``: one record of each of SCHEMA_MODELS (JSON
    form, by model name); ``source`` says where they come from; ``run`` names their run."""
    frame = [
        "# Data dictionary",
        "",
        "Every record careerscrape writes, every table `careerscrape export` makes, every "
        "field and column: its type, unit, range and meaning, with an example value. "
        "Generated from the models by `careerscrape dictionary -o docs/data-dictionary.md`; "
        "a test fails when this file is stale. "
        f"Examples: {source}",
        "",
        "One form for each kind of value, in every output file:",
        "",
        f"- **time**: UTC, RFC 3339, six fraction digits and `Z` (`{TIMESTAMP_FORMAT}`, e.g. "
        "`2026-12-07T03:00:00.123456Z`); in Parquet and DuckDB a timestamp with time zone UTC.",
        "- **date**: `YYYY-MM-DD`, the day a page shows.",
        "- **page URL**: canonical: `https://`, lower-case host, no query or fragment, the "
        "path ending with `/` (`https://www.zippia.com/chef-jobs/what-does-a-chef-do/`).",
        "- **role title** (the catalog's `title`): Title Case, small words (a, and, of, or, "
        "the, vs...) lower-case but first, acronyms kept (`CRM Manager`); every other "
        "spelling the pages give is kept in `aliases`. Records keep the page's own spelling "
        "(`role`, `other_role`).",
        "- **money**: whole US dollars (an integer); hourly rates dollars and cents.",
        "- **shares**: percent, 0 to 100 (`9.6` is 9.6%); differences in percentage points.",
        "- **null**: a value the page does not show (an empty cell in CSV), never 0 or a guess.",
        "",
        "## Records",
        *_records(examples),
        "",
        "## Tables",
        "",
        "`careerscrape export RUN_DIR --format parquet|csv|duckdb -o PATH` "
        "([exports](exports.md)). Every table starts with `run`; `position` counts from 1 "
        "in page order; column types are Arrow's (`int64`, `double`, `string`, `date32[day]`, "
        "`timestamp[us, tz=UTC]`), in DuckDB `BIGINT`, `DOUBLE`, `VARCHAR`, `DATE`, "
        "`TIMESTAMPTZ`.",
        *_tables(examples, run),
    ]
    return "\n".join(frame) + "\n"
