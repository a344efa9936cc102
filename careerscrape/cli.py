"""The ``careerscrape`` command: parse saved pages, print schemas, check fixtures.

Crawling itself is ``scrapy crawl careers``; this command holds what works
without a crawl.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from careerscrape.catalog import add_catalog_command
from careerscrape.diff import add_diff_command
from careerscrape.fetch import add_fetch_command
from careerscrape.fixtures import DEFAULT_ROOT, dumps, load_fixtures, unified_diff
from careerscrape.localsite import add_serve_command
from careerscrape.models import SCHEMA_MODELS
from careerscrape.parsing import ParseError, parse_page


def _describe(exc: Exception) -> str:
    """A one-line reason for a page that did not become a record."""
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        return f"validation failed ({exc.error_count()} errors), first: {where}: {first['msg']}"
    return str(exc)


def cmd_parse(args: argparse.Namespace) -> int:
    if args.url and len(args.files) > 1:
        print("careerscrape parse: --url names one page; give one FILE with it", file=sys.stderr)
        return 2
    status = 0
    for name in args.files:
        try:
            html = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
            record = parse_page(html, args.url)
        except (OSError, ParseError, ValidationError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else _describe(exc)
            print(json.dumps({"file": name, "error": reason}), file=sys.stderr)
            status = 1
            continue
        print(record.model_dump_json())
    return status


def cmd_schema(args: argparse.Namespace) -> int:
    names = args.names or list(SCHEMA_MODELS)
    unknown = [n for n in names if n not in SCHEMA_MODELS]
    if unknown:
        print(f"careerscrape schema: unknown record type {unknown[0]!r}; "
              f"choose from {', '.join(SCHEMA_MODELS)}", file=sys.stderr)  # fmt: skip
        return 2
    schemas = {name: SCHEMA_MODELS[name].model_json_schema() for name in names}
    print(json.dumps(schemas, indent=2))
    return 0


def cmd_fixtures(args: argparse.Namespace) -> int:
    """Compare every fixture's expected record with the parser's; --update rewrites them."""
    changed = 0
    for fixture in load_fixtures(args.dir):
        try:
            actual = fixture.actual()
        except (ParseError, ValidationError) as exc:
            print(f"{fixture.name}: {_describe(exc)}", file=sys.stderr)
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
    return 0 if args.update or not changed else 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="careerscrape", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    parse = commands.add_parser("parse", help="parse saved pages into JSON Lines records")
    parse.add_argument("files", nargs="+", metavar="FILE", help="HTML file, or - for stdin")
    parse.add_argument("--url", help="the page's URL (default: its canonical link or og:url)")
    parse.set_defaults(run=cmd_parse)

    schema = commands.add_parser("schema", help="print the JSON Schema of the record types")
    schema.add_argument("names", nargs="*", metavar="NAME", help=", ".join(SCHEMA_MODELS))
    schema.set_defaults(run=cmd_schema)

    fixtures = commands.add_parser(
        "fixtures", help="diff every fixture's expected.json against the parser's output"
    )
    fixtures.add_argument("--update", action="store_true", help="rewrite the expected files")
    fixtures.add_argument("--dir", type=Path, default=DEFAULT_ROOT, help="fixture folder")
    fixtures.set_defaults(run=cmd_fixtures)

    add_catalog_command(commands)
    add_diff_command(commands)
    add_fetch_command(commands)
    add_serve_command(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
