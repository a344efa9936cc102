"""How much of the contract the parsers get right: fields right / fields expected.

    python benchmarks/accuracy.py [--fixtures DIR] [--markup NAME ...] [--site N] [--seed S]

Scores every fixture page against its ``expected.json``, and, with ``--site N``,
the N pages of a generated site rendered in each markup of ``careerscrape.testing.sitegen``.
A field is one value of the record: a scalar, each item of a list of texts, each
value of each item of a list of records (a skill's name and its percent are two).
An empty list or a null counts as one field, right when the parser gives it too;
list items are compared at the same position. A page the parser refuses scores 0.
A field is *wrong* when the parser gives a value other than the page's (not a
null): worse than a missing one, and counted apart.

Prints one line per page, then the total per markup (a fixture's markup is its
``meta.json`` ``markup``, else "other") and overall. Exits 0: this measures, it
does not test.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from careerscrape.parsing import parse_page
from careerscrape.testing.fixtures import VOLATILE_FIELDS, load_fixtures
from careerscrape.testing.sitegen import ALL_MARKUPS, generate_site


def leaves(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """(path, value) of every field of a record, as the module docstring counts them."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, f"{path}.{key}")
    elif isinstance(value, list) and value:
        for index, item in enumerate(value):
            yield from leaves(item, f"{path}[{index}]")
    else:
        yield path, value


def score(actual: dict[str, Any] | None, expected: dict[str, Any]) -> tuple[int, int, int]:
    """(fields right, fields expected, fields wrong) of one page; ``actual`` None when it was
    refused. A wrong field holds a value other than the page's (worse than a missing one)."""
    wanted = dict(leaves(expected))
    got = dict(leaves(actual)) if actual is not None else {}
    right = sum(1 for path, value in wanted.items() if path in got and got[path] == value)
    wrong = sum(
        1 for path, value in wanted.items()
        if got.get(path) is not None and got[path] != value
    )  # fmt: skip
    return right, len(wanted), wrong


def record_of(html: bytes, url: str) -> dict[str, Any] | None:
    try:
        record = parse_page(html, url).model_dump(mode="json")
    except Exception:  # a refused page, or a record the contract refuses: nothing right
        return None
    for field in VOLATILE_FIELDS:
        record.pop(field, None)
    return record


def fixture_pages(root: Path, markups: set[str]) -> Iterator[tuple[str, str, bytes, str, dict]]:
    """(markup, name, html, url, expected) of each fixture page."""
    for fixture in load_fixtures(root):
        markup = fixture.meta.get("markup", "other")
        if not markups or markup in markups:
            yield markup, fixture.name, fixture.html, fixture.url, fixture.expected()


def site_pages(
    n_pages: int, seed: int, markups: set[str]
) -> Iterator[tuple[str, str, bytes, str, dict]]:
    """The same, for every page of a generated site in each of its markups."""
    site = generate_site(n_pages, seed=seed)
    for markup in ALL_MARKUPS:
        if markups and markup not in markups:
            continue
        for path in site.paths:
            url = site.url(path)
            yield f"site:{markup}", path, site.render(path, markup), url, site.records[url]


def report(pages: Iterable[tuple[str, str, bytes, str, dict]], verbose: bool) -> None:
    # right, all, pages, refused, wrong
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for markup, name, html, url, expected in pages:
        actual = record_of(html, url)
        right, count, wrong = score(actual, expected)
        total = totals[markup]
        total[0] += right
        total[1] += count
        total[2] += 1
        total[3] += actual is None
        total[4] += wrong
        if verbose:
            note = "  (refused)" if actual is None else f"  wrong {wrong}" if wrong else ""
            print(f"{markup:14} {name:70} {right:4}/{count:<4} {right / count:7.1%}{note}")
    print()
    everything = [0, 0, 0, 0, 0]
    for markup, numbers in sorted(totals.items()):
        print(_total_line(markup, *numbers))
        everything = [a + b for a, b in zip(everything, numbers, strict=True)]
    if everything[1]:
        print(_total_line("all", *everything))


def _total_line(markup: str, right: int, count: int, n: int, refused: int, wrong: int) -> str:
    return (
        f"{markup:14} {n:3} pages  {right:6}/{count:<6} {right / count:7.1%}  "
        f"refused {refused}  wrong {wrong}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fixtures", type=Path, default=Path("fixtures/pages"))
    parser.add_argument("--markup", action="append", default=[], help="only these markups")
    parser.add_argument("--site", type=int, default=0, help="also score a generated site")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--quiet", action="store_true", help="totals only")
    args = parser.parse_args()
    markups = set(args.markup)
    print("fixtures")
    report(fixture_pages(args.fixtures, markups), not args.quiet)
    if args.site:
        print(f"\ngenerated site: {args.site} pages, seed {args.seed}, every page in each markup")
        report(site_pages(args.site, args.seed, {m.removeprefix("site:") for m in markups}),
               not args.quiet)  # fmt: skip


if __name__ == "__main__":
    main()
