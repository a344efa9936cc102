"""The demo run as tables, read back by each format's own reader, and one form per value.

Two real crawls of the demo cassette (the second refreshes the first), the first with
``EXPORT_FORMATS`` and a JOBDIR, the second with ``-O`` feeds; then:

- the Parquet, CSV and DuckDB exports are read with pyarrow, the csv module and duckdb,
  and checked against the fixtures' expected records (row counts, the reference
  comparison page's 134,962 yearly salary and six race shares); DuckDB's primary keys
  refuse a second load of the same rows; ``careerscrape export`` writes the same tables;
- every output file of both runs (records, catalog, rejects, run.json, changes.json,
  validators.jsonl, the feeds, the CSV tables, the JOBDIR journal) holds one form of
  each kind of value: times, page URLs, catalog titles.
"""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
import pytest
from support.crawl import ROOT, CrawlResult, crawl

from careerscrape.catalog.merge import title_case
from careerscrape.export import TABLES
from careerscrape.outputs import ARCHIVE_INDEX_SUFFIX

DEMO = ROOT / "fixtures" / "demo"
PAGES = ROOT / "fixtures" / "pages"
REFERENCE = (
    "https://www.zippia.com/customer-service-director-jobs/"
    "customer-service-director-vs-customer-service-manager-differences/"
)
EXPECTED = json.loads(
    (PAGES / "vs-customer-service-director-vs-customer-service-manager--nextjs" / "expected.json")
    .read_text(encoding="utf-8")
)  # fmt: skip
DEMO_ARGS = ("-a", f"url_file={DEMO / 'start_urls.txt'}", "-a", f"replay={DEMO / 'site.yaml'}")


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[CrawlResult, CrawlResult, Path]:
    """(first run, with exports and a JOBDIR; second run, a refresh with feeds; feed folder)."""
    output = tmp_path_factory.mktemp("output")
    feeds = tmp_path_factory.mktemp("feeds")
    first = crawl(output, *DEMO_ARGS, EXPORT_FORMATS="parquet,csv,duckdb",
                  JOBDIR=str(tmp_path_factory.mktemp("job")))  # fmt: skip
    assert first.returncode == 0, first.log[-3000:]
    second = crawl(output, *DEMO_ARGS, "-O", str(feeds / "records.csv"),
                   "-O", str(feeds / "records.json"), "-O", str(feeds / "records.jl"))  # fmt: skip
    assert second.returncode == 0, second.log[-3000:]
    return first, second, feeds


def _lines(result: CrawlResult, name: str) -> int:
    return len(result.jsonl(name))


def test_each_export_holds_every_table_with_the_run_s_rows(runs) -> None:
    first, _, _ = runs
    export = first.folder / "export"
    catalog, comparisons = _lines(first, "catalog.jsonl"), _lines(first, "comparisons.jsonl")
    connection = duckdb.connect(str(export / "careerscrape.duckdb"), read_only=True)
    for table in TABLES:
        parquet = pq.read_table(export / "parquet" / f"{table.name}.parquet")
        assert parquet.schema.equals(table.schema), table.name  # declared, not guessed
        with (export / "csv" / f"{table.name}.csv").open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        (count,) = connection.execute(f'SELECT count(*) FROM "{table.name}"').fetchone()
        assert parquet.num_rows == len(rows) == count, table.name
    assert pq.read_table(export / "parquet" / "roles.parquet").num_rows == catalog == 24
    assert pq.read_table(export / "parquet" / "comparison_sides.parquet").num_rows == 2 * 8
    assert comparisons == 8
    assert first.run["exports"]["csv"]["rows"]["rejects"] == 16


def test_pyarrow_reads_the_reference_page_s_figures(runs) -> None:
    first, _, _ = runs
    folder = first.folder / "export" / "parquet"
    sides = pq.read_table(folder / "comparison_sides.parquet").to_pylist()
    left = next(row for row in sides if row["url"] == REFERENCE and row["side"] == 1)
    expected = EXPECTED["roles"][0]
    assert left["role_slug"] == "customer-service-director"
    assert left["yearly_salary"] == 134962 == expected["yearly_salary"]
    assert isinstance(left["yearly_salary"], int)  # money as an integer
    assert left["hourly_rate"] == 64.89
    assert (left["salary_range_min"], left["salary_range_max"]) == (94000, 191000)
    assert left["job_satisfaction"] is None  # the page shows "-"
    assert left["fetched_at"].tzinfo is not None
    shares = pq.read_table(folder / "demographic_shares.parquet").to_pylist()
    race = [(r["group"], r["share"]) for r in shares
            if r["url"] == REFERENCE and r["side"] == 1 and r["dimension"] == "race"]  # fmt: skip
    assert race == [(share["name"], share["percent"]) for share in expected["race"]]
    assert len(race) == 6 and race[0] == ("Black or African American", 9.6)


def test_the_csv_module_reads_the_same_values(runs) -> None:
    first, _, _ = runs
    folder = first.folder / "export" / "csv"
    raw = (folder / "comparison_sides.csv").read_bytes()
    assert raw.count(b"\r\n") >= 17 and not raw.startswith(b"\xef\xbb\xbf")  # CRLF, no BOM
    with (folder / "comparison_sides.csv").open(encoding="utf-8", newline="") as handle:
        sides = list(csv.DictReader(handle))
    left = next(row for row in sides if row["url"] == REFERENCE and row["side"] == "1")
    assert left["yearly_salary"] == "134962"
    assert left["hourly_rate"] == "64.89"
    assert left["job_satisfaction"] == ""  # null
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", left["fetched_at"])
    with (folder / "demographic_shares.csv").open(encoding="utf-8", newline="") as handle:
        shares = list(csv.DictReader(handle))
    race = [float(r["share"]) for r in shares
            if r["url"] == REFERENCE and r["side"] == "1" and r["dimension"] == "race"]  # fmt: skip
    assert race == [9.6, 4.8, 18.2, 5.9, 60.7, 0.7]


def test_duckdb_reads_the_values_and_its_keys_refuse_a_second_load(runs, tmp_path: Path) -> None:
    first, _, _ = runs
    database = tmp_path / "copy.duckdb"
    database.write_bytes((first.folder / "export" / "careerscrape.duckdb").read_bytes())
    connection = duckdb.connect(str(database))
    salary = connection.execute(
        "SELECT yearly_salary, hourly_rate FROM comparison_sides WHERE url = ? AND side = 1",
        [REFERENCE],
    ).fetchone()
    assert salary == (134962, 64.89)
    race = connection.execute(
        "SELECT \"group\", share FROM demographic_shares WHERE url = ? AND side = 1 "
        "AND dimension = 'race' ORDER BY position", [REFERENCE],
    ).fetchall()  # fmt: skip
    assert race[4] == ("White", 60.7) and len(race) == 6
    title = connection.execute(
        "SELECT title FROM roles WHERE role_slug = 'customer-service-director'"
    ).fetchone()
    assert title == ("Customer Service Director",)
    with pytest.raises(duckdb.ConstraintException):
        connection.execute("INSERT INTO roles SELECT * FROM roles")
    # Loading the Parquet export of the same run again replaces rows, adds none.
    parquet = first.folder / "export" / "parquet" / "role_skills.parquet"
    before = connection.execute("SELECT count(*) FROM role_skills").fetchone()
    connection.execute(f"INSERT OR REPLACE INTO role_skills SELECT * FROM '{parquet}'")
    assert connection.execute("SELECT count(*) FROM role_skills").fetchone() == before


def test_the_export_command_writes_the_same_tables(runs, tmp_path: Path) -> None:
    first, _, _ = runs
    target = tmp_path / "tables"
    done = subprocess.run(
        [sys.executable, "-m", "careerscrape.cli", "export", str(first.folder),
         "--format", "parquet", "-o", str(target)], capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith(f"export: {len(TABLES)} tables, ")
    for table in TABLES:
        name = f"{table.name}.parquet"
        assert pq.read_table(target / name).equals(
            pq.read_table(first.folder / "export" / "parquet" / name)
        ), table.name


# -- one form per kind of value ------------------------------------------------------------

TIME_LIKE = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d")
ONE_TIME_FORM = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z")
SITE = "https://www.zippia.com/"


def _strings(value: Any, key: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for name, item in value.items():
            yield from _strings(item, name)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, key)
    elif isinstance(value, str):
        yield key, value


def _values(path: Path) -> Iterator[tuple[str, str]]:
    """(key or column, text) of every string in a JSON, JSON Lines or CSV file."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".csv":
        for row in csv.DictReader(text.splitlines()):
            for column, cell in row.items():
                yield column, cell
                if cell.startswith(("[", "{")):  # a list as JSON text (the CSV feed)
                    yield from _strings(json.loads(cell), column)
    elif path.suffix == ".json":
        yield from _strings(json.loads(text))
    else:
        for line in text.splitlines():
            if line.strip():
                yield from _strings(json.loads(line))


def test_every_output_file_holds_one_form_of_each_kind_of_value(runs) -> None:
    first, second, feeds = runs
    files = [
        path
        for folder in (first.folder, second.folder, feeds, first.folder / "export" / "csv")
        for path in sorted(folder.iterdir())
        if path.suffix in (".jsonl", ".json", ".csv", ".jl")
        # not the archive's index: warcio's lines about the archive, URLs as fetched
        and not path.name.endswith(ARCHIVE_INDEX_SUFFIX)
    ]
    journal = next(first.output.parent.glob("job[0-9]*/careerscrape/journal.jsonl"), None)
    files += [journal] if journal else []
    assert journal is not None and len(files) >= 38
    times = urls = 0
    for path in files:
        for key, text in _values(path):
            if key == "last_modified":  # an HTTP validator, sent back as the site wrote it
                continue
            if TIME_LIKE.match(text):
                assert ONE_TIME_FORM.fullmatch(text), f"{path.name}: {key} {text!r}"
                times += 1
            if text.startswith(SITE):
                assert text.endswith("/") and "?" not in text, f"{path.name}: {key} {text!r}"
                urls += 1
    assert times > 100 and urls > 200
    for folder in (first.folder, second.folder):
        for entry in CrawlResult(0, "", folder).jsonl("catalog.jsonl"):
            assert entry["title"] == title_case(entry["title"])
            assert entry["title"] not in entry["aliases"]


def test_first_seen_is_carried_by_the_refresh_and_last_seen_moves(runs) -> None:
    first, second, _ = runs
    before = {e["role_slug"]: e for e in first.jsonl("catalog.jsonl")}
    after = {e["role_slug"]: e for e in second.jsonl("catalog.jsonl")}
    assert before.keys() == after.keys()
    for slug, entry in after.items():
        assert entry["first_seen"] == before[slug]["first_seen"]
        assert entry["last_seen"] > before[slug]["last_seen"]
