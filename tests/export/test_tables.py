"""The tables of a run and the flat CSV feed, from the reference fixtures' records."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pytest

from careerscrape.catalog.merge import CatalogBuilder
from careerscrape.export import ExportError, export_run, run_tables
from careerscrape.export.tables import TABLES
from careerscrape.exporters import CSV_COLUMNS, RecordCsvExporter
from careerscrape.parsing import parse_page

ROLE = "role-customer-service-director--nextjs"
VS = "vs-customer-service-director-vs-customer-service-manager--nextjs"
AT = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
RUN = "20260301T120000.000000Z"


@pytest.fixture
def run_dir(tmp_path: Path, fixture_named) -> Path:
    """A run folder of the two reference pages: records, catalog and one reject."""
    folder = tmp_path / RUN
    folder.mkdir()
    role, vs = (parse_page(fixture_named(n).html, fixture_named(n).url, fetched_at=AT)
                for n in (ROLE, VS))  # fmt: skip
    (folder / "roles.jsonl").write_text(role.model_dump_json() + "\n", encoding="utf-8")
    (folder / "comparisons.jsonl").write_text(vs.model_dump_json() + "\n", encoding="utf-8")
    builder = CatalogBuilder()
    builder.add(role)
    builder.add(vs)
    builder.write(folder / "catalog.jsonl")
    reject = {"url": "https://www.zippia.com/x-jobs/what-does-a-x-do/", "reason": "validation",
              "detail": "1 validation errors", "status": 200, "rejected_at": None,
              "errors": [{"type": "less_than_equal", "loc": ["roles", 0, "growth_rate"],
                          "msg": "Input should be less than or equal to 200"}]}  # fmt: skip
    (folder / "rejects.jsonl").write_text(json.dumps(reject) + "\n", encoding="utf-8")
    return folder


def test_every_table_has_its_declared_schema_and_a_unique_primary_key(run_dir: Path) -> None:
    tables = dict((table.name, data) for table, data in run_tables(run_dir))
    assert list(tables) == [table.name for table in TABLES]
    for table in TABLES:
        data = tables[table.name]
        assert data.schema.equals(table.schema)
        keys = list(zip(*(data.column(name).to_pylist() for name in table.key), strict=True))
        assert len(keys) == len(set(keys)), table.name
        assert set(data.column("run").to_pylist()) <= {RUN}
    assert tables["roles"].num_rows == 6  # the data contract's six catalog entries
    assert tables["comparison_sides"].num_rows == 2
    assert tables["role_page_comparisons"].num_rows == 4
    assert tables["role_page_responsibilities"].num_rows == 15
    skills = tables["role_page_comparison_skills"].to_pylist()
    support = [s["skill"] for s in skills if s["position"] == 2 and s["kind"] == "shared"]
    assert support == ["customer support", "project management", "process improvement"]
    reject = tables["rejects"].to_pylist()[0]
    assert (reject["line"], reject["reason"], reject["rejected_at"]) == (1, "validation", None)
    assert json.loads(reject["errors"])[0]["loc"] == ["roles", 0, "growth_rate"]


def test_an_empty_run_gives_empty_tables_of_the_same_types(tmp_path: Path) -> None:
    (tmp_path / "catalog.jsonl").write_text("", encoding="utf-8")
    for table, data in run_tables(tmp_path):
        assert data.num_rows == 0 and data.schema.equals(table.schema)
    assert (
        dict(zip(TABLES[0].schema.names, TABLES[0].schema.types, strict=True))["yearly_salary"]
        == pa.int64()
    )


def test_a_folder_that_is_no_run_or_a_bad_line_is_refused(tmp_path: Path, run_dir: Path) -> None:
    with pytest.raises(ExportError, match="not a run folder"):
        export_run(tmp_path / "empty", "csv", tmp_path / "out")
    with (run_dir / "comparisons.jsonl").open("a", encoding="utf-8") as handle:
        handle.write('{"url": "https://www.zippia.com/a/", "page_type": "comparison"}\n')
    with pytest.raises(ExportError, match=r"comparisons.jsonl:2: not a valid RoleComparison"):
        export_run(run_dir, "parquet", tmp_path / "out")
    assert not (tmp_path / "out").exists()  # nothing half-written


def test_the_csv_feed_is_flat_one_column_per_scalar_field(fixture_named) -> None:
    vs = parse_page(fixture_named(VS).html, fixture_named(VS).url, fetched_at=AT)
    role = parse_page(fixture_named(ROLE).html, fixture_named(ROLE).url, fetched_at=AT)
    buffer = io.BytesIO()
    exporter = RecordCsvExporter(buffer)
    exporter.start_exporting()
    exporter.export_item(vs)
    exporter.export_item(role)
    exporter.finish_exporting()
    rows = list(csv.DictReader(io.StringIO(buffer.getvalue().decode("utf-8"), newline="")))
    assert list(rows[0]) == CSV_COLUMNS
    left = rows[0]
    assert left["page_type"] == "comparison"
    assert left["fetched_at"] == "2026-03-01T12:00:00.000000Z"
    assert left["roles_1_yearly_salary"] == "134962"
    assert left["roles_2_yearly_salary"] == "61487"
    assert left["roles_1_salary_range_min"] == "94000"
    assert left["roles_1_job_satisfaction"] == ""  # null
    assert json.loads(left["roles_1_race"])[0] == {"name": "Black or African American",
                                                   "percent": 9.6}  # fmt: skip
    assert left["role"] == "" and rows[1]["role"] == "customer service director"
    assert len(json.loads(rows[1]["responsibilities"])) == 15
