"""Saved pages with their expected records: the regression suite's data.

A fixture is a folder ``fixtures/pages/<name>/``, any name, holding
``page.html`` (the page as served), ``meta.json`` (``{"url": ...}``; anything
else is optional: ``markup``, ``notes``, ``fetched_at``...) and
``expected.json`` (the record the parser must produce, without the fields
that change on every run). Tests and ``careerscrape fixtures`` both read
fixtures through this module.

:func:`add_fixture` makes one from a page a crawl archived (``careerscrape
fixtures add URL --from ARCHIVE NAME``): its ``expected.json`` is the parser's
draft, and ``meta.json`` says so (``review``) until a person has checked it
against the page and deleted that key; until then the fixture fails its test.
"""

from __future__ import annotations

import difflib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from careerscrape.archive.capture import url_key
from careerscrape.archive.reader import ArchiveIndex, Unresolved
from careerscrape.atomic import write_json
from careerscrape.models import PARSER_VERSION
from careerscrape.parsing import parse_page
from careerscrape.settings import CANONICAL_SITE

#: Provenance that differs per run or per parser release; checked by dedicated tests.
VOLATILE_FIELDS = ("fetched_at", "content_sha256", "parser_version")
DEFAULT_ROOT = Path("fixtures/pages")


#: meta.json key of a fixture whose expected.json is a draft (see the module).
REVIEW = "review"


class UnreviewedFixture(ValueError):
    """A fixture whose expected.json nobody has checked against its page yet."""


class FixtureError(ValueError):
    """A fixture that cannot be made from an archive; ``str()`` is one line."""


@dataclass(frozen=True)
class Fixture:
    name: str
    folder: Path

    @property
    def html(self) -> bytes:
        return (self.folder / "page.html").read_bytes()

    @property
    def meta(self) -> dict[str, Any]:
        return json.loads((self.folder / "meta.json").read_text(encoding="utf-8"))

    @property
    def url(self) -> str:
        """The page's URL, the one thing ``meta.json`` must give."""
        url = self.meta.get("url")
        if not isinstance(url, str) or not url:
            raise ValueError(f"{self.folder / 'meta.json'} gives no url")
        return url

    @property
    def expected_path(self) -> Path:
        return self.folder / "expected.json"

    def expected(self) -> dict[str, Any]:
        """The reviewed expected record; :class:`UnreviewedFixture` for a draft."""
        if REVIEW in self.meta:
            raise UnreviewedFixture(
                f"{self.name}: expected.json is the parser's draft, not reviewed yet: check "
                f"every value against page.html, then delete {REVIEW!r} from meta.json"
            )
        return json.loads(self.expected_path.read_text(encoding="utf-8"))

    def actual(self) -> dict[str, Any]:
        """What the parser makes of the page now, volatile fields dropped."""
        record = parse_page(self.html, self.url).model_dump(mode="json")
        for field in VOLATILE_FIELDS:
            record.pop(field, None)
        return record


def load_fixtures(root: Path = DEFAULT_ROOT) -> list[Fixture]:
    """Every fixture folder under ``root`` that has a page, sorted by name."""
    return [
        Fixture(folder.name, folder)
        for folder in sorted(root.iterdir())
        if (folder / "page.html").is_file() and (folder / "meta.json").is_file()
    ]


def dumps(record: dict[str, Any]) -> str:
    """The one JSON layout of expected files, so diffs stay line-by-line readable."""
    return json.dumps(record, indent=2, ensure_ascii=False) + "\n"


def field_differences(actual: Any, expected: Any, path: str = "") -> list[str]:
    """Per-field differences ("roles[0].salary_range differs: ..."), not one giant diff."""
    if isinstance(actual, dict) and isinstance(expected, dict):
        found = []
        for key in dict.fromkeys([*expected, *actual]):
            found += field_differences(
                actual.get(key, "<missing>"), expected.get(key, "<missing>"), f"{path}.{key}"
            )
        return found
    if isinstance(actual, list) and isinstance(expected, list) and len(actual) == len(expected):
        found = []
        for i, (a, e) in enumerate(zip(actual, expected, strict=True)):
            found += field_differences(a, e, f"{path}[{i}]")
        return found
    if actual != expected:
        return [
            f"{path.lstrip('.')} differs: got {json.dumps(actual, ensure_ascii=False)}, "
            f"expected {json.dumps(expected, ensure_ascii=False)}"
        ]
    return []


def unified_diff(fixture: Fixture, actual: dict[str, Any]) -> str:
    """A unified diff of the expected file against what the parser gives now."""
    old = (
        fixture.expected_path.read_text(encoding="utf-8") if fixture.expected_path.exists() else ""
    )
    return "".join(
        difflib.unified_diff(
            old.splitlines(keepends=True),
            dumps(actual).splitlines(keepends=True),
            fromfile=f"{fixture.name}/expected.json",
            tofile=f"{fixture.name}/parsed",
        )
    )


def add_fixture(
    url: str, archives: Iterable[str | os.PathLike[str]], name: str, root: Path = DEFAULT_ROOT
) -> Fixture:
    """``root/name`` from the newest capture of ``url`` in ``archives`` (see the module).

    ``url`` may be the page's canonical URL or the one it was crawled from. The folder
    gets the page as served (its Content-Encoding undone), meta.json with the page's
    canonical URL, where and when it was captured and the ``review`` mark, and the
    parser's record of it as a draft expected.json.
    """
    folder = root / name
    if folder.exists():
        raise FixtureError(f"{folder} exists already: choose another name")
    index = ArchiveIndex(archives)
    try:
        entry = index.get(url_key(url, CANONICAL_SITE))
        if entry is None:
            raise FixtureError(f"{url}: not in {', '.join(map(str, index.paths))}")
        try:
            loaded, captured = index.load(entry), index.resolve(entry)
        except Unresolved as exc:
            raise FixtureError(str(exc)) from None
    finally:
        index.close()
    if loaded.status != 200:
        raise FixtureError(f"{url}: the archive holds an HTTP {loaded.status} answer, not a page")
    record = parse_page(loaded.body, entry.page_url).model_dump(mode="json")
    for field in VOLATILE_FIELDS:
        record.pop(field, None)
    folder.mkdir(parents=True)
    (folder / "page.html").write_bytes(loaded.body)
    write_json(folder / "meta.json", {
        "url": entry.page_url,
        "markup": "nextjs" if b"__NEXT_DATA__" in loaded.body else None,
        "fetched_from": captured.url,
        "fetched_at": captured.date.isoformat(),
        "archive": str(index.paths[captured.file]),
        REVIEW: f"expected.json drafted by parser {PARSER_VERSION}: check each value against "
                "the page, fix what the parser got wrong, then delete this key",
    })  # fmt: skip
    (folder / "expected.json").write_text(dumps(record), encoding="utf-8")
    return Fixture(name, folder)
