"""``careerscrape catalog FILE... [-o CATALOG]``: merge record files into the role catalog."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from careerscrape.catalog.merge import CatalogBuilder, CatalogError
from careerscrape.cli.errors import EXIT_OK, fail


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def run(args: argparse.Namespace) -> int:
    """``careerscrape catalog``: merge record files, write the catalog, summary on stderr."""
    builder = CatalogBuilder()
    try:
        for path in args.files:
            builder.add_file(path)
    except (CatalogError, OSError) as exc:
        return fail("catalog", exc)
    if args.output == "-":
        for entry in builder.iter_entries():
            sys.stdout.write(entry.model_dump_json() + "\n")
        target = "stdout"
    else:
        try:
            builder.write(args.output)
        except OSError as exc:
            return fail("catalog", f"cannot write {args.output}: {exc.strerror}")
        target = str(args.output)
    for where in builder.torn:
        print(f"careerscrape catalog: {where}: a torn last line (its writer was killed), "
              "skipped", file=sys.stderr)  # fmt: skip
    roles, records = _plural(len(builder), "role"), _plural(builder.records, "record")
    print(f"catalog: {roles} from {records} -> {target}", file=sys.stderr)
    return EXIT_OK


def add_command(subparsers: Any) -> None:
    catalog = subparsers.add_parser(
        "catalog",
        help="merge JSON Lines records into the deduplicated role catalog",
        description=(
            "Merge RoleProfile and RoleComparison records (JSON Lines, e.g. roles.jsonl "
            "comparisons.jsonl) into one catalog entry per role, written one entry a line, "
            "sorted by role_slug. A summary goes to stderr; a line that is not a record "
            "stops the run with exit status 2 and writes nothing, except a torn last line "
            "(no end of line: its writer was killed), skipped with a warning."
        ),
    )
    catalog.add_argument("files", nargs="+", metavar="FILE", help="JSON Lines file of records")
    catalog.add_argument(
        "-o",
        "--output",
        default="catalog.jsonl",
        metavar="PATH",
        help="catalog file, replaced atomically; - for stdout (default: catalog.jsonl)",
    )
    catalog.set_defaults(run=run)
