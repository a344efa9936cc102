"""``careerscrape dictionary [-o PATH]``: the data dictionary, with examples from the fixtures.

The examples are the reference pages' records (seed 000 and 003 of the data contract,
their Next.js-like fixtures), the catalog entry those two pages make of the customer
service director, and a reject of the demo crawl. Fixtures hold no fetch time: the
examples are fetched at :data:`FETCHED_AT`.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from typing import Any

from careerscrape.atomic import atomic_open
from careerscrape.catalog.merge import CatalogBuilder
from careerscrape.cli.errors import EXIT_OK, fail
from careerscrape.export.dictionary import render
from careerscrape.parsing import parse_page
from careerscrape.run.folders import run_name
from careerscrape.testing.fixtures import DEFAULT_ROOT, load_fixtures

ROLE_FIXTURE = "role-customer-service-director--nextjs"
COMPARISON_FIXTURE = "vs-customer-service-director-vs-customer-service-manager--nextjs"
#: The fetch time of the examples (fixtures hold none), and the run they make.
FETCHED_AT = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
REJECT = {
    "url": "https://www.zippia.com/stocker-jobs/what-does-a-stocker-do/",
    "reason": "http_404", "detail": "HTTP 404", "errors": [], "status": 404,
    "rejected_at": "2026-03-01T12:00:01.250000Z",
}  # fmt: skip


def examples() -> dict[str, dict[str, Any]]:
    """One example of each record type, in JSON form, by model name."""
    fixtures = {fixture.name: fixture for fixture in load_fixtures(DEFAULT_ROOT)}
    records = [
        parse_page(fixtures[name].html, fixtures[name].url, fetched_at=FETCHED_AT)
        for name in (ROLE_FIXTURE, COMPARISON_FIXTURE)
    ]
    builder = CatalogBuilder(run_started=FETCHED_AT)
    for record in records:
        builder.add(record)
    entry = next(e for e in builder.iter_entries() if e.role_slug == "customer-service-director")
    return {
        "RoleProfile": records[0].model_dump(mode="json"),
        "RoleComparison": records[1].model_dump(mode="json"),
        "RoleCatalogEntry": entry.model_dump(mode="json"),
        "RejectLine": REJECT,
    }


def text() -> str:
    """The dictionary as committed in docs/data-dictionary.md."""
    source = (f"the fixtures `{ROLE_FIXTURE}` and `{COMPARISON_FIXTURE}` (fetched at "
              f"{FETCHED_AT:%Y-%m-%d %H:%M} UTC), the catalog they make, and a 404 of the demo "
              "crawl.")  # fmt: skip
    return render(examples(), source, run_name(FETCHED_AT))


def run(args: argparse.Namespace) -> int:
    if args.output in (None, "-"):
        sys.stdout.write(text())
        return EXIT_OK
    try:
        with atomic_open(args.output) as handle:
            handle.write(text())
    except OSError as exc:
        return fail("dictionary", f"cannot write {args.output}: {exc.strerror}")
    print(f"dictionary -> {args.output}", file=sys.stderr)
    return EXIT_OK


def add_command(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "dictionary",
        help="print the data dictionary: every record, table and column (Markdown)",
        description=(
            "Every field of every record and every column of every exported table, with its "
            "type, unit, range, meaning and an example from the fixtures, as Markdown: what "
            "docs/data-dictionary.md holds (regenerate it with -o docs/data-dictionary.md)."
        ),
    )
    parser.add_argument("-o", "--output", metavar="PATH",
                        help="write to PATH, replaced atomically (default: stdout)")  # fmt: skip
    parser.set_defaults(run=run)
