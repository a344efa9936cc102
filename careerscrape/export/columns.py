"""Columns read off the models: each field's Arrow type, description, unit and range.

No guessing from the data: a column's type comes from its Pydantic field's
annotation, so an empty table has the same columns and types as a full one.

- ``int`` (money, counts, years) is ``int64``: money stays whole dollars;
- ``float`` (rates, shares in percent, percentage points) and ``int | float`` are
  ``float64``: exactly the number in the record, never rounded to a scale;
- ``str`` and ``Literal`` are ``string``; ``date`` is ``date32``; a time is
  ``timestamp[us, tz=UTC]``;
- a nested object (``salary_range``) gives one column per field of its own, named
  ``parent_child`` (``salary_range_min``); lists become tables of their own
  (careerscrape.export.tables).
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

import pyarrow as pa
from annotated_types import Ge, Le
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from careerscrape.models import list_item, plain_type

__all__ = ["Column", "arrow_type", "bounds", "flat_columns", "flat_values"]


@dataclass(frozen=True)
class Column:
    """A column of an exported table, as the data dictionary lists it."""

    name: str
    type: pa.DataType
    description: str
    unit: str | None = None
    #: (least, greatest) allowed value, from the field's constraints; None where unbounded.
    range: tuple[Any, Any] | None = None


def arrow_type(annotation: Any) -> pa.DataType:
    """The Arrow type of a scalar field (see the module)."""
    plain = plain_type(annotation)
    if plain == (int, float) or plain is float:
        return pa.float64()
    if plain is bool:
        return pa.bool_()
    if plain is int:
        return pa.int64()
    if plain is datetime:
        return pa.timestamp("us", tz="UTC")
    if plain is date:
        return pa.date32()
    if plain is str or typing.get_origin(plain) is Literal or plain is Any:
        return pa.string()  # Any: the value as JSON text
    raise TypeError(f"no column type for {annotation!r}")


def bounds(field: FieldInfo) -> tuple[Any, Any] | None:
    """(ge, le) of a field, from its own constraints or its annotated type's."""
    found: dict[str, Any] = {}

    def visit(metadata: list[Any]) -> None:
        for item in metadata:
            if isinstance(item, Ge):
                found.setdefault("ge", item.ge)
            elif isinstance(item, Le):
                found.setdefault("le", item.le)
            elif isinstance(item, FieldInfo):
                visit(item.metadata)

    visit(field.metadata)
    annotation = field.annotation
    for _ in range(3):  # Optional[Annotated[int, FieldInfo(ge, le)]]
        for arg in typing.get_args(annotation):
            if typing.get_origin(arg) is typing.Annotated:
                visit(list(arg.__metadata__))
        annotation = next(iter(typing.get_args(annotation)), None)
    return (found.get("ge"), found.get("le")) if found else None


def _unit(field: FieldInfo) -> str | None:
    extra = field.json_schema_extra
    return extra.get("unit") if isinstance(extra, dict) else None


def _is_model(annotation: Any) -> bool:
    plain = plain_type(annotation)
    return isinstance(plain, type) and issubclass(plain, BaseModel)


def flat_columns(
    model: type[BaseModel],
    exclude: tuple[str, ...] = (),
    prefix: str = "",
    within: str = "",
    unit: str | None = None,
) -> list[Column]:
    """A column per scalar field of ``model``, nested objects flattened (``parent_child``,
    described and measured as their parent); list fields and ``exclude`` left out."""
    columns: list[Column] = []
    for name, field in model.model_fields.items():
        if name in exclude or list_item(field.annotation) is not None:
            continue
        description = f"{within}{field.description or ''}"
        if _is_model(field.annotation):
            inner = plain_type(field.annotation)
            parent = f"{description.rstrip('.')}: "
            columns += flat_columns(inner, prefix=f"{prefix}{name}_", within=parent,
                                    unit=_unit(field))  # fmt: skip
            continue
        columns.append(Column(f"{prefix}{name}", arrow_type(field.annotation), description,
                              _unit(field) or unit, bounds(field)))  # fmt: skip
    return columns


def flat_values(
    values: dict[str, Any], model: type[BaseModel], exclude: tuple[str, ...] = ()
) -> dict[str, Any]:
    """The values of :func:`flat_columns` from a record dumped in Python mode."""
    row: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        if name in exclude or list_item(field.annotation) is not None:
            continue
        value = values.get(name)
        if _is_model(field.annotation):
            inner = flat_values(value or {}, plain_type(field.annotation))
            row.update({f"{name}_{key}": item for key, item in inner.items()})
        else:
            row[name] = value
    return row
