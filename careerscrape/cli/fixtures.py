"""``careerscrape fixtures [--update]``: every fixture's expected record against the parser's;
``careerscrape fixtures add URL --from ARCHIVE NAME``: a new fixture from an archived page."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from careerscrape.archive.reader import ArchiveError
from careerscrape.cli.errors import EXIT_OK, EXIT_REFUSED, describe, fail
from careerscrape.parsing import ParseError
from careerscrape.testing.fixtures import (
    DEFAULT_ROOT,
    REVIEW,
    FixtureError,
    add_fixture,
    dumps,
    load_fixtures,
    unified_diff,
)


def run(args: argparse.Namespace) -> int:
    """A unified diff of every expected.json that would change (exit 1 if any);
    ``--update`` rewrites them instead (review with git diff)."""
    changed = 0
    for fixture in load_fixtures(args.dir):
        if REVIEW in fixture.meta:
            print(f"{fixture.name}: expected.json not reviewed yet ({REVIEW!r} in meta.json)",
                  file=sys.stderr)  # fmt: skip
            changed += 1
            continue
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


def run_add(args: argparse.Namespace) -> int:
    """A fixture folder from the newest capture of URL in the archives."""
    try:
        fixture = add_fixture(args.url, args.archives, args.name, args.dir)
    except (FixtureError, ArchiveError, ParseError, ValidationError, OSError) as exc:
        return fail("fixtures add", exc)
    print(f"{fixture.folder}: page.html, meta.json, expected.json (a draft) of {fixture.url}")
    print(f"next: check {fixture.folder}/expected.json against the page, fix it, delete "
          f"{REVIEW!r} from meta.json, then make test", file=sys.stderr)  # fmt: skip
    return EXIT_OK


def add_command(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "fixtures", help="diff every fixture's expected.json against the parser's output; "
        "add one from an archived page (fixtures add)",
    )  # fmt: skip
    parser.add_argument("--update", action="store_true", help="rewrite the expected files")
    parser.add_argument("--dir", type=Path, default=DEFAULT_ROOT, help="fixture folder")
    parser.set_defaults(run=run)
    actions = parser.add_subparsers(dest="action", metavar="add")
    add = actions.add_parser(
        "add", help="a new fixture from a page a crawl archived",
        description="Write fixtures/pages/NAME from the newest capture of URL in the "
        "archives: page.html, meta.json (its canonical URL, where and when it was "
        "captured) and the parser's record as a draft expected.json, marked for review "
        "in meta.json: the fixture fails its test until the mark is deleted.",
    )  # fmt: skip
    add.add_argument("url", metavar="URL", help="the page (canonical or crawled URL)")
    add.add_argument("--from", dest="archives", metavar="ARCHIVE", type=Path, action="append",
                     required=True, help="a WARC file (a run folder's pages.warc.gz); "
                     "repeat it for the older archives a revisit points into")  # fmt: skip
    add.add_argument("name", metavar="NAME", help="the fixture's folder name")
    add.add_argument("--dir", type=Path, default=DEFAULT_ROOT, help="fixture folder")
    add.set_defaults(run=run_add)
