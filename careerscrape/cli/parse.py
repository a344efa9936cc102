"""``careerscrape parse FILE...``: saved pages to JSON Lines records, no crawl."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from careerscrape.cli.errors import EXIT_OK, EXIT_REFUSED, describe, fail
from careerscrape.parsing import ParseError, parse_page


def run(args: argparse.Namespace) -> int:
    """One record line a page on stdout; a page that does not parse is one JSON line on
    stderr (``{"file", "error"}``, so a script can read it) and exit status 1."""
    if args.url and len(args.files) > 1:
        return fail("parse", "--url names one page; give one FILE with it")
    status = EXIT_OK
    for name in args.files:
        try:
            html = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
            record = parse_page(html, args.url)
        except (OSError, ParseError, ValidationError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else describe(exc)
            print(json.dumps({"file": name, "error": reason}), file=sys.stderr)
            status = EXIT_REFUSED
            continue
        print(record.model_dump_json())
    return status


def add_command(subparsers: Any) -> None:
    parser = subparsers.add_parser("parse", help="parse saved pages into JSON Lines records")
    parser.add_argument("files", nargs="+", metavar="FILE", help="HTML file, or - for stdin")
    parser.add_argument("--url", help="the page's URL (default: its canonical link or og:url)")
    parser.set_defaults(run=run)
