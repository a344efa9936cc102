"""The ``careerscrape`` command: what works without a crawl.

Crawling is ``scrapy crawl careers``. This command parses saved pages, prints the
data contract, checks fixtures, merges and compares catalogs, exports a run as tables,
and serves or fetches pages for tests. Each subcommand is a module of this package with an
``add_command(subparsers)``; they share one way to fail and one set of exit
statuses (careerscrape.cli.errors).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from careerscrape.cli import (
    catalog,
    dictionary,
    diff,
    export,
    fetch,
    fixtures,
    parse,
    reparse,
    schema,
    serve,
)

#: The subcommands, in the order ``careerscrape --help`` lists them.
COMMANDS = (parse, schema, dictionary, fixtures, catalog, diff, export, reparse, fetch, serve)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="careerscrape", description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    commands = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.add_command(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)
