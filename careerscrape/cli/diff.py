"""``careerscrape diff OLD NEW``: what changed between two role catalogs."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from careerscrape.atomic import atomic_open
from careerscrape.catalog.diff import DiffError, diff_catalogs, read_catalog
from careerscrape.cli.errors import EXIT_OK, fail


def run(args: argparse.Namespace) -> int:
    """``careerscrape diff``: 0 with a report (changes or not), 2 when a file cannot be used."""
    try:
        report = diff_catalogs(read_catalog(args.old), read_catalog(args.new))
    except (DiffError, OSError) as exc:
        return fail("diff", exc)
    if args.format == "json":
        text = report.to_json()
    elif args.format == "markdown":
        text = report.to_markdown()
    else:
        text = report.to_text()
    if args.output in (None, "-"):
        sys.stdout.write(text)
        return EXIT_OK
    try:
        with atomic_open(args.output) as handle:
            handle.write(text)
    except OSError as exc:
        return fail("diff", f"cannot write {args.output}: {exc.strerror}")
    print(f"diff: {report._summary_line()} -> {args.output}", file=sys.stderr)
    return EXIT_OK


def add_command(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "diff",
        help="report what changed between two role catalogs",
        description=(
            "Compare two catalog.jsonl files: roles added and removed, and every changed "
            "field of the roles in both, with its old and new value (lists as items gained "
            "and lost). first_seen and last_seen are ignored. The report is text unless "
            "--json or --markdown is given. Exit status 0 with a report, changes or not; "
            "2 when a file cannot be read or a line is not a catalog entry (file:line on stderr)."
        ),
    )
    parser.add_argument("old", metavar="OLD_CATALOG", help="the earlier catalog.jsonl")
    parser.add_argument("new", metavar="NEW_CATALOG", help="the later catalog.jsonl")
    style = parser.add_mutually_exclusive_group()
    style.add_argument(
        "--json",
        dest="format",
        action="store_const",
        const="json",
        help="the JSON report (as written to output/changes.json)",
    )
    style.add_argument(
        "--markdown",
        dest="format",
        action="store_const",
        const="markdown",
        help="a Markdown report: summary table and one section per role",
    )
    parser.set_defaults(format="text")
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write the report to FILE, replaced atomically (default: stdout)",
    )
    parser.set_defaults(run=run)
