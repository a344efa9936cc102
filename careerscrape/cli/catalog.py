"""``careerscrape catalog RUN_DIR|FILE... [-o CATALOG]``: merge records into the role catalog."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from careerscrape.catalog.merge import CatalogBuilder, CatalogError
from careerscrape.cli.errors import EXIT_OK, fail
from careerscrape.outputs import CATALOG, CHANGES, RECORD_FILES, REJECTS, RUN_SUMMARY, VALIDATORS
from careerscrape.refresh.previous import previous_first_seen
from careerscrape.run.folders import run_started

#: The files of a run folder that hold no records: skipped when named (``output/*.jsonl``).
NOT_RECORDS = {CATALOG: "a catalog", REJECTS: "rejects", VALIDATORS: "validators",
               RUN_SUMMARY: "a run summary", CHANGES: "a change report"}  # fmt: skip


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _inputs(paths: list[str]) -> tuple[list[Path], list[Path]]:
    """(record files, run folders) of the arguments; files that hold no records are skipped
    with a note on stderr, a folder that is no run folder is an error."""
    files: list[Path] = []
    runs: list[Path] = []
    for given in map(Path, paths):
        if given.is_dir():
            found = [given / name for name in RECORD_FILES if (given / name).is_file()]
            if not found:
                raise CatalogError(f"{given}: not a run folder (no {' or '.join(RECORD_FILES)})")
            files += found
            runs.append(given)
        elif given.name in NOT_RECORDS:
            print(f"careerscrape catalog: {given}: skipped, {NOT_RECORDS[given.name]} holds no "
                  "records", file=sys.stderr)  # fmt: skip
        else:
            files.append(given)
    return files, runs


def _builder(runs: list[Path]) -> CatalogBuilder:
    """A run folder's catalog keeps its history: the first_seen its own catalog.jsonl gave each
    role, and its start time, so that the merge of one run folder is its catalog again."""
    history: dict[str, datetime] = {}
    for folder in runs:
        for slug, when in previous_first_seen(folder).items():
            history[slug] = min(when, history.get(slug, when))
    starts = [when for when in map(run_started, (f.resolve() for f in runs)) if when]
    return CatalogBuilder(history=history, run_started=max(starts) if starts else None)


def run(args: argparse.Namespace) -> int:
    """``careerscrape catalog``: merge record files, write the catalog, summary on stderr."""
    try:
        files, runs = _inputs(args.inputs)
        if not files:
            return fail("catalog", "no record files given (roles.jsonl, comparisons.jsonl or a "
                                   "run folder)")  # fmt: skip
        builder = _builder(runs)
        for path in files:
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
        help="merge a run folder's records (or record files) into the role catalog",
        description=(
            "Merge RoleProfile and RoleComparison records into one catalog entry per role, "
            "written one entry a line, sorted by role_slug. Give run folders (their "
            "roles.jsonl and comparisons.jsonl are read; a run folder's own catalog keeps its "
            "first_seen) or JSON Lines record files; catalog.jsonl, rejects.jsonl, "
            "validators.jsonl, run.json and changes.json hold no records and are skipped with "
            "a note, so output/latest/*.jsonl works. A summary goes to stderr; a line that is "
            "not a record stops the run with exit status 2 and writes nothing, except a torn "
            "last line (no end of line: its writer was killed), skipped with a warning."
        ),
    )
    catalog.add_argument("inputs", nargs="+", metavar="RUN_DIR|FILE",
                         help="a run folder, or a JSON Lines file of records")  # fmt: skip
    catalog.add_argument(
        "-o",
        "--output",
        default="catalog.jsonl",
        metavar="PATH",
        help="catalog file, replaced atomically; - for stdout (default: catalog.jsonl)",
    )
    catalog.set_defaults(run=run)
