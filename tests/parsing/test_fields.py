"""The parsers' typed results name exactly the fields of the models they become."""

from __future__ import annotations

import pytest

from careerscrape.models import (
    ComparisonSummary,
    Industry,
    PageRecord,
    Range,
    RoleComparison,
    RoleProfile,
    RoleStats,
    Share,
    Skill,
    SoftSkill,
)
from careerscrape.parsing import fields

PROVENANCE = {*PageRecord.model_fields, "page_type"}


@pytest.mark.parametrize(
    ("typed", "model"),
    [
        (fields.RangeFields, Range),
        (fields.ShareFields, Share),
        (fields.IndustryFields, Industry),
        (fields.SkillFields, Skill),
        (fields.SoftSkillFields, SoftSkill),
        (fields.ComparisonSummaryFields, ComparisonSummary),
        (fields.SideFields, RoleStats),
    ],
)
def test_a_typed_result_has_the_fields_of_its_model(typed: type, model: type) -> None:
    assert list(typed.__annotations__) == list(model.model_fields)


def test_page_results_are_their_records_less_provenance() -> None:
    assert list(fields.RoleFields.__annotations__) == [
        name for name in RoleProfile.model_fields if name not in PROVENANCE
    ]
    assert list(fields.ComparisonFields.__annotations__) == [
        name for name in RoleComparison.model_fields if name not in PROVENANCE
    ]
