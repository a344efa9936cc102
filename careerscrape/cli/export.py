"""``careerscrape export RUN_DIR --format parquet|csv|duckdb -o PATH``: a run as tables."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from careerscrape.cli.errors import EXIT_OK, fail
from careerscrape.export import FORMATS, ExportError, export_run


def run(args: argparse.Namespace) -> int:
    """0 with the tables written, 2 when the run folder cannot be read or a line is invalid."""
    try:
        counts = export_run(args.run_dir, args.format, args.output)
    except (ExportError, OSError) as exc:
        return fail("export", exc)
    rows = sum(counts.values())
    print(f"export: {len(counts)} tables, {rows} rows ({args.format}) -> {args.output}",
          file=sys.stderr)  # fmt: skip
    return EXIT_OK


def add_command(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write a run's records and catalog as tables (Parquet, CSV or DuckDB)",
        description=(
            "Turn a run folder (output/latest, or output/runs/<start time>) into normalised "
            "tables: the catalog's roles, aliases, skills, duties, demographics and related "
            "roles; comparison pages one row per page and side; role pages; rejects. Parquet "
            "and CSV write a folder of one file per table, DuckDB one database file; the "
            "target is replaced atomically. Every table has a primary key starting with run. "
            "Tables and columns: docs/data-dictionary.md. Exit status 2 when the folder "
            "cannot be read or a line is not a valid record (file:line on stderr)."
        ),
    )
    parser.add_argument("run_dir", metavar="RUN_DIR", help="the run folder to export")
    parser.add_argument("--format", required=True, choices=FORMATS, help="the table format")
    parser.add_argument("-o", "--output", required=True, metavar="PATH",
                        help="a folder (parquet, csv) or a database file (duckdb)")  # fmt: skip
    parser.set_defaults(run=run)
