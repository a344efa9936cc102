"""Writing tables as Parquet, CSV or one DuckDB database, each through its own library.

A target is written beside itself under a temporary name and renamed into place
when complete: a reader sees the previous export or the new one, never half.

CSV (RFC 4180): UTF-8 without a byte order mark, a header row, fields separated
by ``,``, quoted with ``"`` only when needed (a ``"`` inside is doubled), lines
ended with CRLF. An empty field is null (text is never empty: a page's text
that is empty is null). Numbers are written as in the JSON records (``134962``,
``64.89``, ``6.0``), dates as ``2025-01-08``, times in the one form of every
output (``2026-12-07T03:00:00.123456Z``).
"""

from __future__ import annotations

import csv
import os
import shutil
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from careerscrape.export.tables import Table
from careerscrape.models import utc_timestamp
from careerscrape.outputs import EXPORT_TARGETS

__all__ = ["FORMATS", "cell", "write_tables"]

#: What ``careerscrape export --format`` and ``EXPORT_FORMATS`` accept.
FORMATS = tuple(EXPORT_TARGETS)
_PARTIAL = ".partial"


def cell(value: Any) -> str:
    """A value as a CSV field (and as the data dictionary shows a table's example)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return utc_timestamp(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _write_csv(folder: Path, table: Table, data: pa.Table) -> None:
    with (folder / f"{table.name}.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, dialect="excel", lineterminator="\r\n")
        writer.writerow(data.column_names)
        for row in data.to_pylist():
            writer.writerow([cell(value) for value in row.values()])


def _write_parquet(folder: Path, table: Table, data: pa.Table) -> None:
    pq.write_table(data, folder / f"{table.name}.parquet")


_SQL_TYPES = {
    pa.int64(): "BIGINT",
    pa.float64(): "DOUBLE",
    pa.string(): "VARCHAR",
    pa.bool_(): "BOOLEAN",
    pa.date32(): "DATE",
    pa.timestamp("us", tz="UTC"): "TIMESTAMPTZ",
}


def _create_sql(table: Table) -> str:
    columns = ", ".join(
        f'"{c.name}" {_SQL_TYPES[c.type]}{" NOT NULL" if c.name in table.key else ""}'
        for c in table.columns
    )
    key = ", ".join(f'"{name}"' for name in table.key)
    return f'CREATE TABLE "{table.name}" ({columns}, PRIMARY KEY ({key}))'


def _partial(target: Path) -> Path:
    """A temporary name beside ``target``; left-overs of killed exports are removed first."""
    for stale in target.parent.glob(f".{target.name}.*{_PARTIAL}"):
        if stale.is_dir():
            shutil.rmtree(stale, ignore_errors=True)
        else:
            stale.unlink(missing_ok=True)
    return target.parent / f".{target.name}.{os.getpid()}{_PARTIAL}"


def _replace(partial: Path, target: Path) -> None:
    """Rename ``partial`` over ``target`` (a folder replaced whole)."""
    if target.is_dir() and not target.is_symlink():
        old = target.parent / f".{target.name}.{os.getpid()}.old{_PARTIAL}"
        target.rename(old)
        partial.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(partial, target)


def write_tables(
    batches: Iterable[tuple[Table, pa.Table]], fmt: str, target: str | os.PathLike[str]
) -> None:
    """Write every (table, data) of ``batches`` to ``target`` in format ``fmt``: a folder of
    one file per table (parquet, csv) or one database file (duckdb)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = _partial(target)
    try:
        if fmt == "duckdb":
            with duckdb.connect(str(partial)) as connection:
                for table, data in batches:
                    connection.execute(_create_sql(table))
                    connection.register("batch", data)
                    connection.execute(f'INSERT INTO "{table.name}" SELECT * FROM batch')
                    connection.unregister("batch")
        else:
            write: Callable[[Path, Table, pa.Table], None] = (
                _write_parquet if fmt == "parquet" else _write_csv
            )
            partial.mkdir()
            for table, data in batches:
                write(partial, table, data)
        _replace(partial, target)
    except BaseException:
        if partial.is_dir():
            shutil.rmtree(partial, ignore_errors=True)
        else:
            partial.unlink(missing_ok=True)
        raise
