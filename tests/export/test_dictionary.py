"""docs/data-dictionary.md is generated from the models, and covers every field."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from careerscrape.cli.dictionary import text
from careerscrape.export.tables import TABLES
from careerscrape.models import SCHEMA_MODELS, list_item, plain_type

DICTIONARY = Path(__file__).resolve().parents[2] / "docs" / "data-dictionary.md"


def _every_model() -> set[type[BaseModel]]:
    models: set[type[BaseModel]] = set()
    todo = list(SCHEMA_MODELS.values())
    while todo:
        model = todo.pop()
        if model in models:
            continue
        models.add(model)
        for field in model.model_fields.values():
            inner = list_item(field.annotation) or plain_type(field.annotation)
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                todo.append(inner)
    return models


def test_the_committed_dictionary_is_the_generated_one() -> None:
    assert DICTIONARY.read_text(encoding="utf-8") == text(), (
        "docs/data-dictionary.md is stale: run careerscrape dictionary -o docs/data-dictionary.md"
    )


def test_every_field_of_every_model_is_described_and_listed() -> None:
    committed = DICTIONARY.read_text(encoding="utf-8")
    models = _every_model()
    assert len(models) == 16
    for model in models:
        assert f"### {model.__name__}\n" in committed
        for name, field in model.model_fields.items():
            assert field.description, f"{model.__name__}.{name} has no description"
    for table in TABLES:
        assert f"### {table.name}\n" in committed
        for column in table.columns:
            assert column.description, f"{table.name}.{column.name}"
            assert f"| `{column.name}` | {column.type} |" in committed


def test_figures_carry_their_unit_and_range() -> None:
    committed = DICTIONARY.read_text(encoding="utf-8")
    assert (
        "| `yearly_salary` | int or null | US dollars per year (whole dollars) | 0 to 10,000,000 "
        "| Average yearly salary. | `134962` |"
    ) in committed
    assert "| `hourly_rate` | double | US dollars per hour | 0 to 5,000 |" in committed
    assert "| `growth_rate` | float or null | percent | -100 to 200 |" in committed
    # A table row's example is the first row the fixture records give: the left side.
    share = "| `share` | double | percent | 0 to 100 | Share of the role in the group. | `55.0` |"
    assert share in committed
