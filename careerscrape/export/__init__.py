"""A run's records and catalog as normalised tables a warehouse or a notebook loads directly.

No Scrapy here: ``careerscrape export RUN_DIR --format parquet|csv|duckdb -o PATH``
and the crawl's automatic export of a published run (``EXPORT_FORMATS``,
careerscrape.extensions.run_summary) share :func:`export_run`.

>>> export_run("output/latest", "parquet", "tables/")     # tables/roles.parquet, ...

- :mod:`.columns`: column types, descriptions, units and ranges read off the models;
- :mod:`.tables`: the tables, their primary keys and how each row is made;
- :mod:`.writers`: Parquet (pyarrow), CSV (the csv module, RFC 4180) and DuckDB.

Every line of the run folder is validated by its model before it becomes rows: an
export holds what the data contract promises, or fails naming the file and line.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
from pydantic import BaseModel, ValidationError

from careerscrape.export.tables import SOURCES, TABLES, Table
from careerscrape.export.writers import FORMATS, write_tables
from careerscrape.outputs import CATALOG, COMPARISONS, REJECTS, ROLES

__all__ = [
    "FORMATS",
    "SOURCE_FILES",
    "TABLES",
    "ExportError",
    "export_run",
    "run_tables",
    "source_tables",
]

#: The run folder file of each source of TABLES.
SOURCE_FILES = {"catalog": CATALOG, "comparisons": COMPARISONS, "roles": ROLES,
                "rejects": REJECTS}  # fmt: skip


class ExportError(ValueError):
    """A run folder that cannot be exported; ``str()`` is one line (``file:line: reason``)."""


def _lines(path: Path, model: type[BaseModel]) -> Iterator[dict[str, Any]]:
    """Each line of ``path`` validated by ``model``, dumped in Python mode (with ``line``)."""
    if not path.is_file():
        return
    with path.open("rb") as handle:
        for number, line in enumerate(handle, 1):
            if line.isspace():
                continue
            try:
                record = model.model_validate_json(line)
            except ValidationError as exc:
                first = exc.errors()[0]
                where = ".".join(str(part) for part in first["loc"]) or "line"
                raise ExportError(f"{path}:{number}: not a valid {model.__name__} "
                                  f"({where}: {first['msg']})") from None  # fmt: skip
            yield {**record.model_dump(), "line": number}


def source_tables(source: str, lines: Iterator[dict[str, Any]], run: str) -> list[pa.Table]:
    """The tables of one source (SOURCES) from its lines, ``run`` their run column."""
    tables = [table for table in TABLES if table.source == source]
    rows: dict[str, list[dict[str, Any]]] = {table.name: [] for table in tables}
    for values in lines:
        for table in tables:
            rows[table.name].extend({"run": run, **row} for row in table.rows(values))
    return [pa.Table.from_pylist(rows[table.name], schema=table.schema) for table in tables]


def run_tables(run_dir: str | os.PathLike[str]) -> Iterator[tuple[Table, pa.Table]]:
    """Every table of the run in ``run_dir``, in :data:`TABLES` order, one source at a time.

    Raises :class:`ExportError` for a folder holding none of the run's files, or a
    line that is not a valid record; ``OSError`` for a file that cannot be read.
    """
    folder = Path(run_dir)
    if not any((folder / name).is_file() for name in SOURCE_FILES.values()):
        names = ", ".join(SOURCE_FILES.values())
        raise ExportError(f"{folder}: not a run folder (none of {names})")
    run = folder.resolve().name  # OUTPUT_DIR/latest: the run it links to
    built: dict[str, pa.Table] = {}
    for source, model in SOURCES.items():
        lines = _lines(folder / SOURCE_FILES[source], model)
        tables = [table for table in TABLES if table.source == source]
        built.update(zip((t.name for t in tables), source_tables(source, lines, run), strict=True))
    for table in TABLES:
        yield table, built.pop(table.name)


def export_run(
    run_dir: str | os.PathLike[str], fmt: str, target: str | os.PathLike[str]
) -> dict[str, int]:
    """Export the run in ``run_dir`` as ``fmt`` (:data:`FORMATS`) to ``target``: a folder of
    one file per table (parquet, csv) or a database file (duckdb), replaced atomically.
    Returns the rows written per table."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    counts: dict[str, int] = {}

    def counted() -> Iterator[tuple[Table, pa.Table]]:
        for table, data in run_tables(run_dir):
            counts[table.name] = data.num_rows
            yield table, data

    write_tables(counted(), fmt, target)
    return counts
