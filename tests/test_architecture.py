"""The floor plan holds (docs/architecture.md): read from the imports of every module."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "careerscrape"
#: Plain code: no Scrapy, so it reads and tests without a crawl.
PLAIN = ("parsing", "run", "refresh", "catalog", "export", "archive")
#: Tooling: only tooling and the tests may import it.
TOOLING = ("testing", "cli")


def imports_of(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def modules(*under: str) -> list[Path]:
    return sorted(p for folder in under for p in (PACKAGE / folder).rglob("*.py"))


@pytest.mark.parametrize("path", modules(*PLAIN), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_plain_code_never_imports_scrapy(path: Path) -> None:
    scrapy = sorted(m for m in imports_of(path) if m.split(".")[0] in ("scrapy", "twisted"))
    assert scrapy == []


def test_plain_code_never_imports_scrapy_through_another_module() -> None:
    names = [
        ".".join(("careerscrape", *path.relative_to(PACKAGE).with_suffix("").parts))
        for path in modules(*PLAIN)
    ]
    found = "sorted(m for m in sys.modules if m.split('.')[0] in {'scrapy', 'twisted'})"
    check = f"import importlib, sys\nfor name in {names!r}: importlib.import_module(name)\n"
    check += f"print({found})"
    loaded = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True,
                            check=True).stdout  # fmt: skip
    assert loaded == "[]\n"
    assert len(names) > 30


def test_crawl_time_code_never_imports_the_tooling() -> None:
    crawl_time = [p for p in PACKAGE.rglob("*.py")
                  if p.relative_to(PACKAGE).parts[0] not in TOOLING]  # fmt: skip
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(
            m for m in imports_of(path) if m.startswith(tuple(f"careerscrape.{t}" for t in TOOLING))
        )
        for path in crawl_time
    }
    assert {name: found for name, found in offenders.items() if found} == {}
    assert len(crawl_time) > 40  # the package, not an empty glob
