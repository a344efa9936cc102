"""``careerscrape serve``: the fixture pages and/or a generated site on a local HTTP server."""

from __future__ import annotations

import argparse
import contextlib
import sys
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from careerscrape.cli.errors import EXIT_OK, fail
from careerscrape.testing.localsite import DEFAULT_FIXTURES, fixture_pages, serve
from careerscrape.testing.sitegen import Site, generate_site


def run(args: argparse.Namespace, wait: Callable[[], None] | None = None) -> int:
    sources: list[Site | Mapping[str, bytes]] = []
    described = []
    if args.fixtures is not None or args.generate is None:
        folder = args.fixtures or DEFAULT_FIXTURES
        try:
            pages = fixture_pages(folder)
        except FileNotFoundError as exc:
            return fail("serve", str(exc))
        sources.append(pages)
        described.append(f"{len(pages)} fixture pages from {folder}")
    if args.generate is not None:
        if args.generate < 1:
            return fail("serve", "--generate needs a positive page count")
        site = generate_site(args.generate, seed=args.seed)
        sources.append(site)
        described.append(f"{len(site.pages)} generated pages (seed {args.seed})")
    try:
        server = serve(sources, host=args.host, port=args.port, verbose=args.verbose)
    except OSError as exc:
        return fail("serve", f"cannot listen on {args.host}:{args.port}: {exc}")
    with server:
        print(server.base_url, flush=True)
        print(f"serving {' and '.join(described)}; {server.base_url}/sitemap.xml lists them. "
              "Ctrl-C stops.", file=sys.stderr, flush=True)  # fmt: skip
        with contextlib.suppress(KeyboardInterrupt):
            (wait or threading.Event().wait)()
    return EXIT_OK


def add_command(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="serve the fixture pages and/or a generated site over local HTTP",
        description="Serve pages on a local HTTP server until Ctrl-C: the fixture pages "
        "(the default), a generated site (--generate N), or both. Prints the base URL.",
    )
    parser.add_argument("--fixtures", type=Path, metavar="DIR",
                        help=f"serve the fixture pages under DIR (default {DEFAULT_FIXTURES} "
                        "when --generate is not given)")  # fmt: skip
    parser.add_argument(
        "--generate", type=int, metavar="N", help="serve a generated site of N pages"
    )
    parser.add_argument(
        "--seed", type=int, default=0, metavar="S", help="seed of the generated site"
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, metavar="P",
                        help="port to listen on (8000; 0 picks a free one)")  # fmt: skip
    parser.add_argument("--verbose", action="store_true", help="log every request to stderr")
    parser.set_defaults(run=run)
