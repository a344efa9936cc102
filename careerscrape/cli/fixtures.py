"""``careerscrape fixtures [--update]``: every fixture's expected record against the parser's."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from careerscrape.cli.errors import EXIT_OK, EXIT_REFUSED, describe
from careerscrape.parsing import ParseError
from careerscrape.testing.fixtures import DEFAULT_ROOT, dumps, load_fixtures, unified_diff


def run(args: argparse.Namespace) -> int:
    """A unified diff of every expected.json that would change (exit 1 if any);
    ``--update`` rewrites them instead (review with git diff)."""
    changed = 0
    for fixture in load_fixtures(args.dir):
        try:
            actual = fixture.actual()
        except (ParseError, ValidationError) as exc:
            print(f"{fixture.name}: {describe(exc)}", file=sys.stderr)
            changed += 1
            continue
        diff = unified_diff(fixture, actual)
        if not diff:
            continue
        changed += 1
        sys.stdout.write(diff)
        if args.update:
            fixture.expected_path.write_text(dumps(actual), encoding="utf-8")
    verb = "updated" if args.update else "differ"
    print(f"{changed} fixture(s) {verb}", file=sys.stderr)
    return EXIT_OK if args.update or not changed else EXIT_REFUSED


def add_command(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "fixtures", help="diff every fixture's expected.json against the parser's output"
    )
    parser.add_argument("--update", action="store_true", help="rewrite the expected files")
    parser.add_argument("--dir", type=Path, default=DEFAULT_ROOT, help="fixture folder")
    parser.set_defaults(run=run)
