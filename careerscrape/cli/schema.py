"""``careerscrape schema [NAME...]``: the data contract as JSON Schema."""

from __future__ import annotations

import argparse
import json
from typing import Any

from careerscrape.cli.errors import EXIT_OK, fail
from careerscrape.models import SCHEMA_MODELS


def run(args: argparse.Namespace) -> int:
    names = args.names or list(SCHEMA_MODELS)
    unknown = [n for n in names if n not in SCHEMA_MODELS]
    if unknown:
        return fail("schema", f"unknown record type {unknown[0]!r}; "
                              f"choose from {', '.join(SCHEMA_MODELS)}")  # fmt: skip
    schemas = {name: SCHEMA_MODELS[name].model_json_schema() for name in names}
    print(json.dumps(schemas, indent=2))
    return EXIT_OK


def add_command(subparsers: Any) -> None:
    parser = subparsers.add_parser("schema", help="print the JSON Schema of the record types")
    parser.add_argument("names", nargs="*", metavar="NAME", help=", ".join(SCHEMA_MODELS))
    parser.set_defaults(run=run)
