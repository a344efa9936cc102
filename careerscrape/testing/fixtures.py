"""Saved pages with their expected records: the regression suite's data.

A fixture is a folder ``fixtures/pages/<name>/``, any name, holding
``page.html`` (the page as served), ``meta.json`` (``{"url": ...}``; anything
else is optional: ``markup``, ``notes``, ``fetched_at``...) and
``expected.json`` (the record the parser must produce, without the fields
that change on every run). Tests and ``careerscrape fixtures`` both read
fixtures through this module.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from careerscrape.parsing import parse_page

#: Provenance that differs per run or per parser release; checked by dedicated tests.
VOLATILE_FIELDS = ("fetched_at", "content_sha256", "parser_version")
DEFAULT_ROOT = Path("fixtures/pages")


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
